/*
 * The self-check's printed plan from the command line, read back with
 * pdftotext (the score, the three weakest areas, the first steps, the
 * chapters, SECURITY ACTION), pdffonts (the font embedded) and qpdf; bad
 * answers named by their position, with no file left behind.
 */
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/content.h"
#include "../app/core/util.h"
#include "run.h"
#include "test.h"

static const char *bin, *src;
static char dir[] = "/tmp/mgplanXXXXXX";

#define runf test_runf /* run.h: the command line printf-formatted */

/* Make the plan for answers; the pdftotext of it (heap), or NULL. */
static char *plan(const char *answers, const char *lang, const char *file)
{
    char *out;
    int rc = runf(&out, "'%s' --content '%s' --lang %s handout selfcheck -o '%s' -- '%s'", bin,
                  src, lang, file, answers);
    CHECK_INT(rc, 0);
    if (rc) {
        fprintf(stderr, "%s\n", out);
        free(out);
        return NULL;
    }
    free(out);
    CHECK_INT(runf(&out, "qpdf --check '%s'", file), 0);
    free(out);
    CHECK_INT(runf(&out, "pdffonts '%s'", file), 0);
    CHECK_CONTAINS(out, "CID TrueType");
    CHECK(strstr(out, " yes yes ") != NULL); /* embedded, subset */
    free(out);
    CHECK_INT(runf(&out, "pdfinfo '%s'", file), 0);
    const char *pg = strstr(out, "Pages:");
    CHECK(pg && atoi(pg + 6) == 1); /* one page: the plan goes home whole */
    free(out);
    runf(&out, "pdftotext '%s' - 2>/dev/null", file);
    return out;
}

TEST(plan_names_the_three_weakest)
{
    const char *answers = "4,4,2,0,-1,4,2,2,0,4,4,2,-1,0,2,4,4,0,2,2,0,4,-1,0,2";
    content *c = content_open(src, NULL, LANG_JA, 0);
    const selfcheck *s = &c->sc;
    CHECK_INT(s->n, 25);
    sc_answer a[25];
    CHECK_INT(sc_parse_answers(answers, a, 25), 0);
    sc_score sc;
    sc_score_answers(s, a, &sc);
    CHECK_INT(sc.nweak, 3);
    char file[256];
    snprintf(file, sizeof file, "%s/plan.pdf", dir);
    char *text = plan(answers, "ja", file);
    if (text) {
        char buf[64];
        snprintf(buf, sizeof buf, "%d 点", sc.total);
        CHECK_CONTAINS(text, buf);
        CHECK_CONTAINS(text, "まず取り組む3つのこと");
        const char *at = strstr(text, "まず取り組む3つのこと");
        for (int i = 0; i < 3 && at; i++) {
            /* in rank order, each with its first step (the tip) */
            const char *name = s->areas[sc.weak_area[i]].name;
            const char *hit = strstr(at, name);
            if (!hit)
                fprintf(stderr, "weak area %d \"%s\" missing or out of order\n", i + 1, name);
            CHECK(hit != NULL);
            at = hit ? hit : at;
            char tip[40];
            snprintf(tip, sizeof tip, "%.30s", s->q[sc.weak_q[i]].tip); /* 10 characters */
            CHECK_CONTAINS(text, tip);
        }
        CHECK_CONTAINS(text, "5つの働きごとの達成度");
        CHECK_CONTAINS(text, "復旧（戻す）");
        CHECK_CONTAINS(text, "SECURITY ACTION");
        CHECK_CONTAINS(text, "一つ星を宣言できます"); /* q05 is don't-know: basics not there */
        CHECK_CONTAINS(text, "もしものときの対応"); /* a chapter to read, by its title */
        CHECK_CONTAINS(text, "03-5320-4773");      /* the desk's own number */
        CHECK_CONTAINS(text, "結びつけていません"); /* what is kept, said on the paper */
        free(text);
    }
    content_close(c);
}

TEST(edge_cases)
{
    char file[256];
    snprintf(file, sizeof file, "%s/edge.pdf", dir);
    char *text = plan("4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4", "ja", file);
    if (text) {
        CHECK_CONTAINS(text, "100 点");
        CHECK_CONTAINS(text, "すべての設問が「できている」");
        CHECK_CONTAINS(text, "二つ星");
        CHECK(!strstr(text, "1. ")); /* no steps to list */
        free(text);
    }
    text = plan("-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1",
                "ja", file);
    if (text) {
        CHECK_CONTAINS(text, "-25 点");
        CHECK_CONTAINS(text, "わからない 25");
        CHECK_CONTAINS(text, "3. ");
        free(text);
    }
    /* Five answers only: the rest unanswered, said on the paper. */
    text = plan("4,4,4,4,4", "en", file);
    if (text) {
        CHECK_CONTAINS(text, "20 points out of 100");
        CHECK_CONTAINS(text, "unanswered 20");
        CHECK_CONTAINS(text, "One star is within reach");
        CHECK_CONTAINS(text, "Your first three steps");
        free(text);
    }
}

TEST(bad_answers)
{
    char file[256], *out;
    snprintf(file, sizeof file, "%s/bad.pdf", dir);
    CHECK_INT(runf(&out, "'%s' --content '%s' --lang en handout selfcheck 4,4,4,4,4,4,3 -o '%s'",
                   bin, src, file),
              2);
    CHECK_CONTAINS(out, "answer 7 is not valid: 3");
    free(out);
    CHECK_INT(runf(&out, "'%s' --content '%s' --lang ja handout selfcheck 4,はい -o '%s'", bin,
                   src, file),
              2);
    CHECK_CONTAINS(out, "2 番目の回答が正しくありません: はい");
    free(out);
    CHECK_INT(runf(&out,
                   "'%s' --content '%s' --lang en handout selfcheck "
                   "4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4,4 -o '%s'",
                   bin, src, file),
              2);
    CHECK_CONTAINS(out, "too many answers: there are 25 questions");
    free(out);
    struct stat st;
    CHECK(stat(file, &st) != 0); /* nothing made */
}

/* stats add counts a self-check done on paper; stats prints the counts. */
TEST(stats)
{
    char *out, db[256];
    snprintf(db, sizeof db, "%s/stats.db", dir);
    CHECK_INT(runf(&out, "'%s' --content '%s' --lang en stats add 4,2,0,-1 --db '%s'", bin, src, db),
              0);
    CHECK_CONTAINS(out, "one self-check counted (1 in all)");
    free(out);
    CHECK_INT(runf(&out, "'%s' --content '%s' --lang en stats add 4,5 --db '%s'", bin, src, db), 2);
    CHECK_CONTAINS(out, "answer 2 is not valid: 5");
    free(out);
    CHECK_INT(runf(&out, "'%s' --content '%s' --lang en stats --db '%s'", bin, src, db), 0);
    CHECK_CONTAINS(out, "Self-check counts (1 completed");
    CHECK_CONTAINS(out, "q01\t1\t0\t0\t0\t0\t");
    CHECK_CONTAINS(out, "q04\t0\t0\t0\t1\t0\t");
    CHECK_CONTAINS(out, "q25\t0\t0\t0\t0\t1\t");
    CHECK_CONTAINS(out, "mean score 5.0");
    free(out);
}

/* The desk's own card closes the plan whenever desk.ini gives it anything
 * to show (here hours and a portal, no phone): then the desk is not listed
 * among the agencies as well (it came twice when only a phone counted). */
TEST(desk_card_without_a_phone)
{
    char *out;
    CHECK_INT(runf(&out, "cp -r '%s/assets' '%s/slides' '%s/' && printf '[desk]\\nhours = "
                         "平日 10:00〜16:00\\nportal = https://example.jp/desk/\\n' > '%s/assets/desk.ini'",
                   src, src, dir, dir),
              0);
    free(out);
    char file[256];
    snprintf(file, sizeof file, "%s/desk.pdf", dir);
    const char *answers = "4,4,2,0,-1,4,2,2,0,4,4,2,-1,0,2,4,4,0,2,2,0,4,-1,0,2";
    int rc = runf(&out, "'%s' --content '%s' --lang ja handout selfcheck -o '%s' -- '%s'", bin, dir,
                  file, answers);
    CHECK_INT(rc, 0);
    free(out);
    runf(&out, "pdftotext '%s' - 2>/dev/null | tr -d '\\n '", file);
    CHECK_CONTAINS(out, "平日10:00〜16:00"); /* the desk's card */
    CHECK(strstr(out, "都庁開庁日") == NULL); /* not its entry of referrals.ini too */
    free(out);
}

int main(void)
{
    bin = getenv("MG_BINARY");
    src = getenv("MG_SOURCE_DIR");
    CHECK(bin && src && mkdtemp(dir));
    if (!bin || !src)
        return test_summary();
    RUN(plan_names_the_three_weakest);
    RUN(edge_cases);
    RUN(bad_answers);
    RUN(stats);
    RUN(desk_card_without_a_phone);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return test_summary();
}
