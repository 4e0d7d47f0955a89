/* The assistant (core/suggest.h): what it suggests for a question, that it
 * never suggests from nothing, that past notes come only when added, and
 * its accuracy on questions written apart from the FAQ above a floor. */
#include "../app/core/content.h"
#include "../app/core/search.h"
#include "../app/core/suggest.h"
#include "../app/core/util.h"
#include "suggest_eval.h"
#include "test.h"

static const char *src;
static content *c;
static search *fold;

/* Measured: 43 of 52 first (83%), 47 of 52 in the first three (90%), 48
 * of 52 categories (92%); the floors are a little below. */
#define FLOOR_TOP1 0.78
#define FLOOR_TOP3 0.85
#define FLOOR_CATEGORY 0.85

static suggester *open_sug(void)
{
    char err[256] = "";
    suggester *s = sug_open(&c->faq, &c->guide, &c->refs, fold, LANG_JA, err, sizeof err);
    if (!s)
        fprintf(stderr, "sug_open: %s\n", err);
    return s;
}

static int find(const sug_result *r, sug_kind k, const char *id)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->hit[i].kind == k && (!id || !strcmp(r->hit[i].id, id)))
            return (int)i;
    return -1;
}

TEST(basics)
{
    suggester *s = open_sug();
    CHECK(s != NULL);
    if (!s)
        return;
    sug_result r;
    /* nothing three characters long: nothing, and no category */
    CHECK_INT(sug_run(s, "", SUG_ALL, &r), 0);
    CHECK(r.category == NULL);
    CHECK_INT(sug_run(s, "あ い", SUG_ALL, &r), 0);
    CHECK(r.category == NULL);
    CHECK_INT(sug_run(s, "!!!???", SUG_ALL, &r), 0);

    CHECK(sug_run(s, "身代金を要求する画面が出てファイルが開けない", SUG_ALL, &r) > 0);
    CHECK_STR(r.category ? r.category : "-", "breach");
    CHECK_INT(find(&r, SUG_FAQ, NULL), find(&r, SUG_FAQ, "breach-ransomware"));
    CHECK(find(&r, SUG_GUIDE, NULL) >= 0);
    CHECK(find(&r, SUG_REFERRAL, "virus") >= 0);
    CHECK(find(&r, SUG_NOTE, NULL) < 0); /* none added */
    for (size_t i = 1; i < r.n; i++)
        CHECK(r.hit[i - 1].score >= r.hit[i].score);
    /* a guide hit names its chapter and section */
    int g = find(&r, SUG_GUIDE, NULL);
    if (g >= 0) {
        CHECK(r.hit[g].index >= 0 && (size_t)r.hit[g].index < c->guide.n);
        CHECK(strchr(r.hit[g].id, ':') != NULL);
        CHECK(r.hit[g].title && *r.hit[g].title);
    }
    /* katakana and hiragana are one */
    sug_result k;
    sug_run(s, "らんさむうぇあ", SUG_ALL, &k);
    CHECK(find(&k, SUG_FAQ, "breach-ransomware") >= 0);
    /* kinds filter */
    sug_run(s, "身代金を要求する画面が出てファイルが開けない", 1u << SUG_GUIDE, &r);
    CHECK(r.n > 0);
    CHECK(find(&r, SUG_FAQ, NULL) < 0);
    CHECK(find(&r, SUG_REFERRAL, NULL) < 0);
    sug_close(s);
    sug_close(NULL);
}

TEST(notes)
{
    suggester *s = open_sug();
    if (!s) {
        CHECK(false);
        return;
    }
    note v[2] = {0};
    snprintf(v[0].id, sizeof v[0].id, "11111111-1111-4111-8111-111111111111");
    v[0].question = "倉庫の温度センサーが勝手に再起動を繰り返す";
    v[0].answer = "機器の保守会社に連絡";
    snprintf(v[1].id, sizeof v[1].id, "22222222-2222-4222-8222-222222222222");
    v[1].question = ""; /* nothing asked: not suggested */
    sug_result r;
    sug_run(s, "温度センサーが再起動する", SUG_ALL, &r);
    CHECK(find(&r, SUG_NOTE, NULL) < 0);
    sug_add_notes(s, v, 2);
    sug_run(s, "温度センサーが再起動する", SUG_ALL, &r);
    int at = find(&r, SUG_NOTE, v[0].id);
    CHECK(at >= 0);
    if (at >= 0)
        CHECK_STR(r.hit[at].title, v[0].question);
    CHECK(find(&r, SUG_NOTE, v[1].id) < 0);
    /* a visitor's kinds leave notes out */
    sug_run(s, "温度センサーが再起動する", SUG_ALL & ~(1u << SUG_NOTE), &r);
    CHECK(find(&r, SUG_NOTE, NULL) < 0);
    sug_close(s);
}

TEST(accuracy)
{
    suggester *s = open_sug();
    if (!s) {
        CHECK(false);
        return;
    }
    char *path = path_join(src, "tests/data/suggest_questions.tsv");
    sug_eval e;
    CHECK(sug_eval_run(s, path, &e, stderr));
    CHECK(e.n >= 40);
    fprintf(stderr, "suggest: %d questions, top-1 %d, top-3 %d, category %d\n", e.n, e.top1,
            e.top3, e.category);
    CHECK(e.top1 >= FLOOR_TOP1 * e.n);
    CHECK(e.top3 >= FLOOR_TOP3 * e.n);
    CHECK(e.category >= FLOOR_CATEGORY * e.n);
    free(path);
    sug_close(s);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    if (!src)
        src = "..";
    c = content_open(src, NULL, LANG_JA, 0);
    char *syn = path_join(src, "assets/synonyms.ini");
    char err[256];
    fold = search_open_with(&c->guide, NULL, syn, err, sizeof err);
    free(syn);
    RUN(basics);
    RUN(notes);
    RUN(accuracy);
    search_close(fold);
    content_close(c);
    return test_summary();
}
