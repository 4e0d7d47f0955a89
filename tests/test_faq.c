/* The FAQ: the bundled items (at least 40, every triage category, every
 * referral id on the quick list), and a broken file reported with file
 * and line. */
#include "../app/core/content.h"
#include "../app/core/faq.h"
#include "../app/core/util.h"
#include "test.h"

#include <unistd.h>

static const char *src;

static bool has_diag(const diag_list *d, int line, const char *text)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].line == line && strstr(d->items[i].text, text))
            return true;
    fprintf(stderr, "no diagnostic at line %d containing \"%s\"; have:\n", line, text);
    diag_print(d, stderr);
    return false;
}

TEST(bundled)
{
    content *c = content_open(src, NULL, LANG_EN, CONTENT_CHECK);
    const faq *f = &c->faq;
    CHECK(f->n >= 40);
    for (size_t i = 0; i < c->diags.n; i++)
        if (strstr(c->diags.items[i].file, "faq.ini")) {
            char buf[512];
            diag_format(&c->diags, i, buf, sizeof buf);
            fprintf(stderr, "%s\n", buf);
            CHECK(false);
        }
    /* every triage category, each with more than one item but the rare ones */
    for (size_t k = 0; faq_category_code(k); k++) {
        int n = 0;
        for (size_t i = 0; i < f->n; i++)
            n += !strcmp(f->it[i].category, faq_category_code(k));
        if (n < 3)
            fprintf(stderr, "category %s: %d items\n", faq_category_code(k), n);
        CHECK(n >= 3);
    }
    for (size_t i = 0; i < f->n; i++) {
        const faq_item *it = &f->it[i];
        CHECK(it->nkeywords >= 2);
        CHECK(it->nrefs >= 1);
        CHECK(it->nread >= 1);
        for (size_t r = 0; r < it->nrefs; r++)
            CHECK(ref_find(&c->refs, it->refs[r]) != NULL);
        /* an answer worth reading: a few sentences, not a word */
        CHECK(strlen(it->answer) > 150);
        CHECK(strstr(it->question, "\n") == NULL);
    }
    const faq_item *r = faq_find(f, "breach-ransomware");
    CHECK(r != NULL);
    if (r) {
        CHECK_STR(r->refs[0], "ipa-corp");
        CHECK_STR(r->chapter, "05-moshimo");
        CHECK_STR(r->keywords[0], "ランサムウェア");
        /* a value over several lines reads as one */
        CHECK(strstr(r->answer, "そのままにし、画面を写真に撮り") != NULL);
    }
    CHECK(faq_find(f, "no-such-item") == NULL);
    /* every problem of the finder has its first steps, and the chapters named are the book's */
    for (int p = 0; p < REF_PROBLEM_COUNT; p++) {
        const faq_item *st[2];
        CHECK(faq_for_problem(f, (ref_problem)p, st, 2) >= 1);
    }
    CHECK(faq_chapter(&c->guide, "05-moshimo") >= 0);
    CHECK_INT(faq_chapter(&c->guide, "99-none"), -1);
    CHECK_INT(faq_chapter(&c->guide, NULL), -1);
    content_close(c);
}

TEST(broken)
{
    char path[] = "/tmp/mg-faq-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("[good]\n"                              /* 1 */
          "category = breach\n"                   /* 2 */
          "chapter = 05-moshimo\n"                /* 3 */
          "keywords = a, b、c\n"                  /* 4 */
          "question = q\n"                        /* 5 */
          "answer = a\n"                          /* 6 */
          "referrals = ipa-corp, tokyo-desk\n"    /* 7 */
          "sources = s\n"                         /* 8 */
          "read = 05-moshimo\n"                   /* 9 */
          "[bad-ref]\n"                           /* 10 */
          "category = outage\n"                   /* 11 */
          "chapter = 05-moshimo\n"                /* 12 */
          "keywords = a\n"                        /* 13 */
          "question = q\n"                        /* 14 */
          "answer = a\n"                          /* 15 */
          "referrals = ipa-corp, nobody-here\n"   /* 16: unknown referral */
          "sources = s\n"                         /* 17 */
          "read = 99-gone\n"                      /* 18: unknown chapter */
          "[bad-cat]\n"                           /* 19 */
          "category = urgent\n"                   /* 20: unknown category */
          "chapter = 42-none\n"                   /* 21: unknown chapter */
          "[good]\n"                              /* 22: duplicate */
          "question = again\n"                    /* 23 */
          "[bad-problem]\n"                       /* 24 */
          "category = safety\n"                   /* 25 */
          "problems = money, lottery\n"           /* 26: unknown problem */
          "chapter = 05-moshimo\n"                /* 27 */
          "keywords = a\n"                        /* 28 */
          "question = q\n"                        /* 29 */
          "answer = a\n"                          /* 30 */
          "referrals = ipa-corp\n"                /* 31 */
          "sources = s\n"                         /* 32 */
          "[steps]\n"                             /* 33 */
          "category = safety\n"                   /* 34 */
          "problems = money, virus\n"             /* 35 */
          "chapter = 05-moshimo\n"                /* 36 */
          "keywords = a\n"                        /* 37 */
          "question = q\n"                        /* 38 */
          "answer = a\n"                          /* 39 */
          "referrals = ipa-corp\n"                /* 40 */
          "sources = s\n",                        /* 41 */
          fp);
    fclose(fp);
    const char *chapters[] = {"05-moshimo"};
    ref_list refs = {0};
    char *rpath = path_join(src, "assets/referrals.ini");
    ref_load(&refs, rpath, NULL);
    free(rpath);
    diag_list d;
    diag_init(&d, LANG_EN);
    faq f;
    CHECK_INT(faq_load(&f, path, &refs, chapters, 1, &d), 2);
    CHECK_STR(f.it[0].id, "good");
    CHECK_STR(f.it[1].id, "steps");
    CHECK(has_diag(&d, 26, "unknown problem: lottery"));
    /* the finder's first steps: by problem, in file order */
    const faq_item *st[4];
    CHECK_INT(faq_for_problem(&f, REF_MONEY, st, 4), 1);
    CHECK(st[0] == &f.it[1]);
    CHECK_INT(faq_for_problem(&f, REF_WEB, st, 4), 0);
    CHECK(has_diag(&d, 0, "no FAQ item is a first step for problem web"));
    CHECK_INT(f.it[0].nkeywords, 3); /* either comma */
    CHECK_STR(f.it[0].keywords[2], "c");
    CHECK(has_diag(&d, 16, "not on the referral list: nobody-here"));
    CHECK(has_diag(&d, 18, "no such guidebook chapter: 99-gone"));
    CHECK(has_diag(&d, 20, "unknown category: urgent"));
    CHECK(has_diag(&d, 21, "no such guidebook chapter: 42-none"));
    CHECK(has_diag(&d, 19, "bad-cat has no keywords"));
    CHECK(has_diag(&d, 22, "duplicate id: good"));
    CHECK(has_diag(&d, 0, "no FAQ item in category outage"));
    faq_fini(&f);
    faq_fini(NULL);
    diag_fini(&d);
    ref_fini(&refs);
    unlink(path);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    if (!src)
        src = "..";
    RUN(bundled);
    RUN(broken);
    return test_summary();
}
