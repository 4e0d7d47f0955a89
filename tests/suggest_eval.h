/*
 * suggest_eval.h - the assistant measured on tests/data/suggest_questions.tsv
 * (questions written apart from the FAQ): how often the first FAQ item
 * suggested is the expected one, how often it is among the first three,
 * how often the category guessed is right, and the time per suggestion.
 * Shared by test_suggest (a floor) and bench_suggest (the figures).
 */
#ifndef MG_SUGGEST_EVAL_H
#define MG_SUGGEST_EVAL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../app/core/suggest.h"

typedef struct sug_eval {
    int n, top1, top3, category;
    double ms; /* wall time of all the suggestions */
} sug_eval;

static double sug_eval_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Run every question of path through s; misses go to miss (may be NULL).
 * False when the file cannot be read or a line is malformed (said on
 * stderr with file and line). */
static bool sug_eval_run(suggester *s, const char *path, sug_eval *e, FILE *miss)
{
    memset(e, 0, sizeof *e);
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(stderr, "%s: cannot be read\n", path);
        return false;
    }
    char line[2048];
    int ln = 0;
    bool ok = true;
    while (fgets(line, sizeof line, f)) {
        ln++;
        line[strcspn(line, "\r\n")] = '\0';
        if (!line[0] || line[0] == '#')
            continue;
        char *cat = strchr(line, '\t'), *id = cat ? strchr(cat + 1, '\t') : NULL;
        if (!cat || !id) {
            fprintf(stderr, "%s:%d: want question<TAB>category<TAB>faq id\n", path, ln);
            ok = false;
            continue;
        }
        *cat++ = '\0';
        *id++ = '\0';
        sug_result r;
        double t0 = sug_eval_now_ms();
        sug_run(s, line, SUG_ALL, &r);
        e->ms += sug_eval_now_ms() - t0;
        e->n++;
        int rank = 0, at = -1;
        const char *first = "-";
        for (size_t i = 0; i < r.n; i++)
            if (r.hit[i].kind == SUG_FAQ) {
                if (!rank)
                    first = r.hit[i].id;
                if (at < 0 && !strcmp(r.hit[i].id, id))
                    at = rank;
                rank++;
            }
        e->top1 += at == 0;
        e->top3 += at >= 0 && at < 3;
        bool cat_ok = r.category && !strcmp(r.category, cat);
        e->category += cat_ok;
        if (miss && (at != 0 || !cat_ok))
            fprintf(miss, "%s:%d: want %s %s, got %s %s: %s\n", path, ln, cat, id,
                    r.category ? r.category : "-", first, line);
    }
    fclose(f);
    return ok && e->n > 0;
}

#endif
