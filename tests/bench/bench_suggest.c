/*
 * bench_suggest - the assistant on tests/data/suggest_questions.tsv: top-1
 * and top-3 accuracy of the FAQ item suggested, the category guessed, and
 * the wall time of one suggestion (and of opening the assistant).
 */
#include <stdio.h>
#include <stdlib.h>

#include "../../app/core/content.h"
#include "../../app/core/search.h"
#include "../../app/core/util.h"
#include "../suggest_eval.h"

int main(int argc, char **argv)
{
    char *dir = content_find_dir(NULL);
    if (!dir) {
        fprintf(stderr, "no content folder\n");
        return 1;
    }
    content *c = content_open(dir, NULL, LANG_JA, 0);
    char *syn = path_join(dir, "assets/synonyms.ini");
    char err[256];
    search *fold = search_open_with(&c->guide, NULL, syn, err, sizeof err);
    double t0 = sug_eval_now_ms();
    suggester *s = fold ? sug_open(&c->faq, &c->guide, &c->refs, fold, LANG_JA, err, sizeof err)
                        : NULL;
    double open_ms = sug_eval_now_ms() - t0;
    if (!s) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    char *path = path_join(dir, "tests/data/suggest_questions.tsv");
    sug_eval e;
    int rounds = argc > 1 ? atoi(argv[1]) : 5;
    double ms = 0;
    bool ok = true;
    for (int i = 0; i < rounds && ok; i++) { /* the same answers each round: timed over all */
        ok = sug_eval_run(s, path, &e, i == 0 && getenv("MG_SUGGEST_MISSES") ? stdout : NULL);
        ms += e.ms;
    }
    if (ok)
        printf("assistant: %d questions: top-1 %d (%.0f%%), top-3 %d (%.0f%%), category %d (%.0f%%);"
               " %.2f ms a suggestion, %.1f ms to open\n",
               e.n, e.top1, 100.0 * e.top1 / e.n, e.top3, 100.0 * e.top3 / e.n, e.category,
               100.0 * e.category / e.n, ms / (rounds * e.n), open_ms);
    free(path);
    sug_close(s);
    search_close(fold);
    content_close(c);
    free(syn);
    free(dir);
    return ok ? 0 : 1;
}
