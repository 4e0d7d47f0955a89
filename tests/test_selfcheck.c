/* The self-check: the bundled questions, a broken file with file:line
 * messages, answers as typed on the command line, scoring over the edge
 * cases, and the chart as layout boxes. */
#include "../app/core/selfcheck.h"
#include "../app/core/content.h"
#include "../app/core/util.h"
#include "bounded.h"
#include "test.h"

#include <sys/stat.h>
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

static char *write_tmp(const char *text)
{
    char *path = xstrdup("/tmp/mg-sc-XXXXXX");
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    fputs(text, f);
    fclose(f);
    return path;
}

static const char *const chapters[] = {"02-kougeki", "03-taisaku", "04-junbi", "05-moshimo"};

TEST(bundled)
{
    char *path = path_join(src, "assets/selfcheck.ini");
    diag_list d;
    diag_init(&d, LANG_EN);
    selfcheck s;
    CHECK_INT(sc_load(&s, path, chapters, MG_ARRAY_LEN(chapters), &d), 25);
    CHECK_INT(d.n, 0);
    if (d.n)
        diag_print(&d, stderr);
    /* three parts of 5, 13 and 7 questions, as the public self-diagnosis */
    int parts[SC_PART_COUNT] = {0}, funcs[SC_FUNC_COUNT] = {0};
    for (size_t i = 0; i < s.n; i++) {
        parts[s.q[i].part]++;
        funcs[s.q[i].func]++;
        CHECK(s.q[i].tip && *s.q[i].tip);
        CHECK(s.q[i].explain && *s.q[i].explain);
    }
    CHECK_INT(parts[SC_BASIC], 5);
    CHECK_INT(parts[SC_EMPLOYEE], 13);
    CHECK_INT(parts[SC_ORG], 7);
    for (int f = 0; f < SC_FUNC_COUNT; f++)
        CHECK(funcs[f] > 0); /* every function is asked about */
    CHECK(s.q[19].two_star);
    CHECK_STR(s.title, "セキュリティ自社診断");
    /* a value continued over an indented line is one value */
    CHECK(strstr(s.intro, "ください。5 分ほど") != NULL);
    sc_fini(&s);
    sc_fini(NULL);
    diag_fini(&d);
    free(path);
}

TEST(broken)
{
    char longline[400];
    memset(longline, 'x', sizeof longline);
    memcpy(longline, "tip = ", 6);
    longline[sizeof longline - 2] = '\n';
    longline[sizeof longline - 1] = '\0';
    strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "[area:a]\n"              /* 1 */
                    "name = A\n"              /* 2 */
                    "[q1]\n"                  /* 3 */
                    "part = basic\n"          /* 4 */
                    "function = protect\n"    /* 5 */
                    "area = a\n"              /* 6 */
                    "chapter = 03-taisaku\n"  /* 7 */
                    "text = ok\n"             /* 8 */
                    "tip = do it\n"           /* 9 */
                    "[q1]\n"                  /* 10: duplicate */
                    "text = again\n"          /* 11 */
                    "[q2]\n"                  /* 12: no tip */
                    "part = basic\n"          /* 13 */
                    "function = protect\n"    /* 14 */
                    "area = a\n"              /* 15 */
                    "chapter = 03-taisaku\n"  /* 16 */
                    "text = t\n"              /* 17 */
                    "[q3]\n"                  /* 18 */
                    "part = boss\n"           /* 19: bad part */
                    "function = guard\n"      /* 20: bad function */
                    "[q4]\n"                  /* 21 */
                    "part = organisation\n"   /* 22 */
                    "function = recover\n"    /* 23 */
                    "area = nowhere\n"        /* 24: unknown area */
                    "chapter = 03-taisaku\n"  /* 25 */
                    "text = t\n"              /* 26 */
                    "tip = t\n"               /* 27 */
                    "[q5]\n"                  /* 28 */
                    "part = organisation\n"   /* 29 */
                    "function = recover\n"    /* 30 */
                    "area = a\n"              /* 31 */
                    "chapter = 99-nothing\n"  /* 32: unknown chapter */
                    "text = t\n"              /* 33 */
                    "tip = t\n"               /* 34 */
                    "colour = blue\n"         /* 35: unknown key */
                    "[selfcheck]\n"           /* 36 */
                    "two_star = q9\n");       /* 37: no such question */
    strbuf_adds(&b, longline);                /* 38: too long */
    strbuf_adds(&b, "this is not ini\n");     /* 39 */
    char *path = write_tmp(b.s);
    strbuf_fini(&b);
    diag_list d;
    diag_init(&d, LANG_EN);
    selfcheck s;
    CHECK_INT(sc_load(&s, path, chapters, MG_ARRAY_LEN(chapters), &d), 1);
    CHECK_STR(s.q[0].id, "q1");
    CHECK_STR(s.q[0].text, "ok");
    CHECK(has_diag(&d, 10, "duplicate id: q1"));
    CHECK(has_diag(&d, 12, "q2 has no tip"));
    CHECK(has_diag(&d, 19, "bad part: boss"));
    CHECK(has_diag(&d, 20, "bad function: guard"));
    CHECK(has_diag(&d, 24, "no [area:nowhere] section"));
    CHECK(has_diag(&d, 32, "no such guidebook chapter: 99-nothing"));
    CHECK(has_diag(&d, 35, "unknown key: colour"));
    CHECK(has_diag(&d, 37, "no question with id q9"));
    CHECK(has_diag(&d, 38, "line too long"));
    CHECK(has_diag(&d, 39, "not valid INI"));
    CHECK(has_diag(&d, 0, "1 questions (there should be 25)"));
    sc_fini(&s);
    diag_fini(&d);
    unlink(path);
    free(path);

    /* A key before any section is reported, not taken for a question. */
    path = write_tmp("stray = 1\n[q1]\ntext = t\n");
    diag_init(&d, LANG_EN);
    CHECK_INT(sc_load(&s, path, NULL, 0, &d), 0);
    CHECK(has_diag(&d, 1, "unknown key: stray"));
    CHECK(has_diag(&d, 2, "q1 has no part"));
    sc_fini(&s);
    diag_fini(&d);
    unlink(path);
    free(path);

    diag_init(&d, LANG_EN);
    CHECK_INT(sc_load(&s, "/nonexistent/selfcheck.ini", NULL, 0, &d), 0);
    CHECK(has_diag(&d, 0, "cannot read"));
    sc_fini(&s);
    diag_fini(&d);
}

TEST(parse_answers)
{
    sc_answer a[5];
    CHECK_INT(sc_parse_answers("4,2,0,-1,4", a, 5), 0);
    CHECK_INT(a[0], SC_DONE);
    CHECK_INT(a[1], SC_PARTLY);
    CHECK_INT(a[2], SC_NOT_DONE);
    CHECK_INT(a[3], SC_DONT_KNOW);
    CHECK_INT(sc_parse_answers("4, _ ,,2", a, 5), 0);
    CHECK_INT(a[1], SC_UNANSWERED);
    CHECK_INT(a[2], SC_UNANSWERED);
    CHECK_INT(a[3], SC_PARTLY);
    CHECK_INT(a[4], SC_UNANSWERED); /* fewer answers than questions */
    CHECK_INT(sc_parse_answers("", a, 5), 0);
    CHECK_INT(a[0], SC_UNANSWERED);
    CHECK_INT(sc_parse_answers("4,2,3", a, 5), 3);
    CHECK_INT(sc_parse_answers("4,-2", a, 5), 2);
    CHECK_INT(sc_parse_answers("yes", a, 5), 1);
    CHECK_INT(sc_parse_answers("4,4,4,4,4,4", a, 5), 6); /* one too many */
    CHECK_INT(sc_parse_answers("4,4,4,4,4,", a, 5), 6);
}

/* The bundled self-check with every answer the same. */
static void score_all(const selfcheck *s, sc_answer each, sc_score *out)
{
    sc_answer a[64];
    for (size_t i = 0; i < s->n; i++)
        a[i] = each;
    sc_score_answers(s, a, out);
}

TEST(scoring)
{
    char *path = path_join(src, "assets/selfcheck.ini");
    selfcheck s;
    sc_load(&s, path, NULL, 0, NULL);
    free(path);
    CHECK_INT(s.n, 25);
    sc_score sc;

    score_all(&s, SC_DONE, &sc);
    CHECK_INT(sc.total, 100);
    CHECK_INT(sc.max, 100);
    CHECK_INT(sc.nweak, 0); /* nothing to do first */
    CHECK_INT(sc.star, SC_STAR_TWO);
    for (int f = 0; f < SC_FUNC_COUNT; f++)
        CHECK_INT(sc_percent(sc.func[f], sc.func_max[f]), 100);
    CHECK_INT(sc.counts[SC_DONE], 25);

    score_all(&s, SC_DONT_KNOW, &sc);
    CHECK_INT(sc.total, -25);
    CHECK_INT(sc_percent(sc.total, sc.max), 0);
    CHECK_INT(sc.nweak, 3);
    CHECK_INT(sc.star, SC_STAR_NONE);
    CHECK_INT(sc.counts[SC_DONT_KNOW], 25);
    /* all equal: the first areas in the file, each from its first question */
    CHECK_STR(s.areas[sc.weak_area[0]].id, "update");
    CHECK_STR(s.areas[sc.weak_area[1]].id, "password");
    CHECK_STR(s.areas[sc.weak_area[2]].id, "sharing");
    CHECK_STR(s.q[sc.weak_q[0]].id, "q01");
    CHECK_STR(s.q[sc.weak_q[1]].id, "q03");

    score_all(&s, SC_UNANSWERED, &sc);
    CHECK_INT(sc.total, 0);
    CHECK_INT(sc.max, 100);
    CHECK_INT(sc.counts[SC_UNANSWERED], 25);
    CHECK_INT(sc.nweak, 3);
    CHECK_INT(sc.star, SC_STAR_NONE);

    score_all(&s, SC_PARTLY, &sc);
    CHECK_INT(sc.total, 50);
    CHECK_INT(sc.star, SC_STAR_ONE);
    CHECK_INT(sc_percent(sc.part[SC_EMPLOYEE], sc.part_max[SC_EMPLOYEE]), 50);

    /* All done but the backups, one of them unknown: backup is weakest,
     * from the unknown question; the others have nothing left. */
    sc_answer a[25];
    for (int i = 0; i < 25; i++)
        a[i] = SC_DONE;
    a[14] = SC_PARTLY;    /* q15 */
    a[23] = SC_DONT_KNOW; /* q24 */
    a[8] = SC_NOT_DONE;   /* q09: devices */
    a[19] = SC_PARTLY;    /* q20: the policy, only partly */
    sc_score_answers(&s, a, &sc);
    CHECK_INT(sc.total, 100 - 2 - 5 - 4 - 2);
    CHECK_INT(sc.nweak, 3);
    CHECK_STR(s.areas[sc.weak_area[0]].id, "backup");
    CHECK_STR(s.q[sc.weak_q[0]].id, "q24");
    CHECK_STR(s.areas[sc.weak_area[1]].id, "devices");
    CHECK_STR(s.areas[sc.weak_area[2]].id, "rules");
    CHECK_INT(sc.star, SC_STAR_TWO - 1); /* basics done, policy not yet */
    CHECK_INT(sc_percent(sc.func[SC_RECOVER], sc.func_max[SC_RECOVER]), 13); /* 1 of 8 */

    /* The five basics done with the policy: two stars even when the rest waits. */
    for (int i = 0; i < 25; i++)
        a[i] = i < 5 || i == 19 ? SC_DONE : SC_NOT_DONE;
    sc_score_answers(&s, a, &sc);
    CHECK_INT(sc.star, SC_STAR_TWO);
    a[2] = SC_PARTLY;
    sc_score_answers(&s, a, &sc);
    CHECK_INT(sc.star, SC_STAR_ONE);
    a[2] = SC_DONT_KNOW;
    sc_score_answers(&s, a, &sc);
    CHECK_INT(sc.star, SC_STAR_NONE);
    sc_fini(&s);

    /* No questions at all: nothing to divide by, nothing within reach. */
    selfcheck none = {0};
    sc_score_answers(&none, a, &sc);
    CHECK_INT(sc.max, 0);
    CHECK_INT(sc.nweak, 0);
    CHECK_INT(sc.star, SC_STAR_NONE);
}

static int fixed_width(void *ctx, const char *t, size_t len, int size, unsigned style)
{
    return (int)len * size / 2;
}
static int fixed_ascent(void *ctx, int size)
{
    return size * 8 / 10;
}
static int fixed_height(void *ctx, int size)
{
    return size;
}

TEST(chart)
{
    char *path = path_join(src, "assets/selfcheck.ini");
    selfcheck s;
    sc_load(&s, path, NULL, 0, NULL);
    free(path);
    sc_answer a[25];
    for (int i = 0; i < 25; i++)
        a[i] = s.q[i].func == SC_PROTECT ? SC_DONE : SC_NOT_DONE;
    sc_score sc;
    sc_score_answers(&s, a, &sc);
    lay_metrics m = {NULL, fixed_width, fixed_ascent, fixed_height, NULL};
    lay_ctx c = {&m, NULL};
    lay_result r;
    lay_init(&r);
    int h = sc_chart(&r, &c, &sc, LANG_EN, 10, 20, 1000, 20);
    CHECK(h > 5 * 20);
    /* Per function: a track and, where anything is done, a bar on it. */
    int tracks = 0, bars = 0, track_w = 0, bar_w = 0;
    bool figure100 = false;
    for (size_t i = 0; i < r.n; i++) {
        if (r.items[i].kind == LAY_RECT && r.items[i].color == LAY_C_TABLE_HEAD_BG) {
            tracks++;
            track_w = r.items[i].w;
        }
        if (r.items[i].kind == LAY_RECT && r.items[i].color == LAY_C_LINK) {
            bars++;
            bar_w = r.items[i].w;
        }
        if (r.items[i].kind == LAY_TEXT && !strcmp(r.items[i].text, "100%"))
            figure100 = true;
        CHECK(r.items[i].x >= 10 && r.items[i].x + r.items[i].w <= 1010);
        CHECK(r.items[i].y >= 20);
    }
    CHECK_INT(tracks, 5);
    CHECK_INT(bars, 1); /* only protect has anything */
    CHECK_INT(bar_w, track_w);
    CHECK(figure100);
    lay_fini(&r);
    sc_fini(&s);
}

/* content_open carries the self-check, and check would report its errors. */
TEST(in_content)
{
    content *c = content_open(src, NULL, LANG_EN, 0);
    CHECK_INT(c->sc.n, 25);
    for (size_t i = 0; i < c->diags.n; i++)
        CHECK(!strstr(c->diags.items[i].file, "selfcheck"));
    content_close(c);

    /* A content folder whose self-check points at a chapter it lacks. */
    char dir[] = "/tmp/mg-scc-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *assets = path_join(dir, "assets"), *gdir = path_join(assets, "guidebook");
    CHECK(mkdir(assets, 0700) == 0 && mkdir(gdir, 0700) == 0);
    char *ch = path_join(gdir, "03-taisaku.md"), *sc = path_join(assets, "selfcheck.ini");
    CHECK(write_file_atomic(ch, "---\ntitle: T\norder: 1\n---\n# T\n", 30, NULL, 0));
    const char *ini = "[area:a]\nname = A\n[q01]\npart = basic\nfunction = detect\narea = a\n"
                      "chapter = 04-junbi\ntext = t\ntip = t\n";
    CHECK(write_file_atomic(sc, ini, strlen(ini), NULL, 0));
    c = content_open(dir, NULL, LANG_EN, CONTENT_CHECK);
    bool found = false;
    for (size_t i = 0; i < c->diags.n; i++)
        found |= c->diags.items[i].line == 7 && strstr(c->diags.items[i].file, "selfcheck.ini") &&
                 strstr(c->diags.items[i].text, "no such guidebook chapter: 04-junbi");
    CHECK(found);
    CHECK(content_errors(c) > 0);
    content_close(c);
    unlink(ch);
    unlink(sc);
    rmdir(gdir);
    rmdir(assets);
    rmdir(dir);
    free(ch);
    free(sc);
    free(gdir);
    free(assets);
}

/* 50,000 questions over 5,000 areas, and a duplicate at the end: in
 * well under the bound, as duplicates and areas are looked up by hash. */
static int many_child(void *arg)
{
    int f0 = test_failures;
    diag_list d;
    diag_init(&d, LANG_EN);
    selfcheck s;
    CHECK_INT(sc_load(&s, arg, NULL, 0, &d), 50000);
    bool dup = false;
    for (size_t i = 0; i < d.n; i++)
        dup |= strstr(d.items[i].text, "duplicate id: q0") != NULL;
    CHECK(dup);
    sc_fini(&s);
    diag_fini(&d);
    return test_failures - f0;
}

TEST(fifty_thousand_questions)
{
    strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < 5000; i++)
        strbuf_printf(&b, "[area:a%d]\nname = n\n", i);
    for (int i = 0; i < 50000; i++)
        strbuf_printf(&b, "[q%d]\npart = basic\nfunction = protect\narea = a%d\nchapter = c\n"
                          "text = t\ntip = t\n", i, i % 5000);
    strbuf_adds(&b, "[q0]\ntext = again\n[selfcheck]\ntwo_star = q5, q49999\n");
    char *path = write_tmp(b.s);
    strbuf_fini(&b);
    CHECK(bounded_run("50,000 self-check questions", many_child, path, 10, 800));
    unlink(path);
    free(path);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    if (!src)
        src = "..";
    RUN(bundled);
    RUN(broken);
    RUN(parse_answers);
    RUN(scoring);
    RUN(chart);
    RUN(in_content);
    RUN(fifty_thousand_questions);
    return test_summary();
}
