/*
 * The command line end to end: the real binary, as users and CI run it.
 * `check` on good and broken content, `screenshot` output, and the one-line
 * messages for bad input (missing font, no display, bad chapter).
 */
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/util.h"
#include "epub_fixture.h"
#include "run.h"
#include "test.h"

static const char *bin, *src;

/* Run a shell command; stdout+stderr into *out (caller frees); exit status. */
static int run(const char *cmd, char **out)
{
    return test_run(cmd, out);
}

static int runf(char **out, const char *fmt, const char *a, const char *b2)
{
    strbuf c;
    strbuf_init(&c);
    strbuf_printf(&c, fmt, a, b2);
    int rc = run(c.s, out);
    strbuf_fini(&c);
    return rc;
}

/* Width and height from a PNG's IHDR chunk. */
static bool png_size(const char *path, int *w, int *h)
{
    size_t n;
    char *d = read_file(path, &n);
    bool ok = d && n > 24 && memcmp(d, "\x89PNG\r\n\x1a\n", 8) == 0;
    if (ok) {
        const unsigned char *u = (const unsigned char *)d;
        *w = u[16] << 24 | u[17] << 16 | u[18] << 8 | u[19];
        *h = u[20] << 24 | u[21] << 16 | u[22] << 8 | u[23];
    }
    free(d);
    return ok;
}

TEST(check_bundled_content_is_clean)
{
    char *out;
    CHECK_INT(runf(&out, "%s check", bin, NULL), 0);
    CHECK_CONTAINS(out, "問題はありません");
    /* not even a warning: every bundled slide fits without shrinking */
    CHECK(strstr(out, "警告") == NULL);
    free(out);
}

TEST(check_reports_file_and_line)
{
    char *out;
    int rc = runf(&out, "%s check --lang en --content %s/tests/data/broken", bin, src);
    CHECK_INT(rc, 1);
    CHECK_CONTAINS(out, "assets/guidebook/01-bad.md:3: front matter lines must be 'key: value'");
    CHECK_CONTAINS(out, "assets/guidebook/01-bad.md:4: order must be a whole number: one");
    CHECK_CONTAINS(out, "assets/guidebook/01-bad.md:8: image not found: ../images/none.png");
    CHECK_CONTAINS(out, "assets/guidebook/02-notitle.md:7: invalid UTF-8 (column 1)");
    CHECK_CONTAINS(out, "assets/guidebook/02-notitle.md:1: front matter has no title");
    CHECK_CONTAINS(out, "slides/deck.md:4: directive not supported: transition");
    CHECK_CONTAINS(out, "assets/referrals.ini: cannot read");
    CHECK_CONTAINS(out, "7 errors, 0 warnings");
    free(out);
}

TEST(check_missing_content_dir)
{
    char *out;
    CHECK_INT(runf(&out, "%s check --content /nonexistent/content", bin, NULL), 2);
    CHECK_CONTAINS(out, "/nonexistent/content");
    free(out);
}

TEST(screenshots_have_the_asked_size)
{
    static const struct {
        const char *args;
        int w, h;
    } cases[] = {
        {"home --size 1280x720", 1280, 720},
        {"home --size 800x480", 800, 480},
        {"guide toc --size 800x480", 800, 480},
        {"guide 3 --size 1280x720", 1280, 720},
    };
    for (size_t i = 0; i < MG_ARRAY_LEN(cases); i++) {
        char *out, png[64];
        snprintf(png, sizeof png, "cli-shot-%zu.png", i);
        strbuf c;
        strbuf_init(&c);
        strbuf_printf(&c, "%s screenshot %s -o %s", bin, cases[i].args, png);
        CHECK_INT(run(c.s, &out), 0);
        int w = 0, h = 0;
        CHECK(png_size(png, &w, &h));
        CHECK_INT(w, cases[i].w);
        CHECK_INT(h, cases[i].h);
        strbuf_fini(&c);
        free(out);
    }
}

TEST(bad_input_gives_one_line)
{
    char *out;
    unlink("nochapter.png");
    CHECK_INT(runf(&out, "%s screenshot guide 99 --lang en -o nochapter.png", bin, NULL), 2);
    CHECK_CONTAINS(out, "chapter 99 does not exist (1 to 8)");
    CHECK(access("nochapter.png", F_OK) != 0); /* nothing left behind */
    free(out);

    CHECK_INT(runf(&out, "%s screenshot home --font /nonexistent.ttf -o x.png", bin, NULL), 2);
    CHECK_CONTAINS(out, "/nonexistent.ttf");
    free(out);

    CHECK_INT(runf(&out, "SDL_VIDEODRIVER=bogus %s --window --lang en", bin, NULL), 2);
    CHECK_CONTAINS(out, "madoguchi: cannot initialise the display");
    CHECK(strchr(out, '\n') == out + strlen(out) - 1); /* exactly one line */
    free(out);

    CHECK_INT(runf(&out, "%s frobnicate", bin, NULL), 2);
    CHECK_CONTAINS(out, "frobnicate");
    free(out);

    CHECK_INT(runf(&out, "%s screenshot home --size 10x10 -o x.png", bin, NULL), 2);
    CHECK_CONTAINS(out, "10x10");
    free(out);

    /* Writing into a folder that does not exist fails cleanly. */
    CHECK_INT(runf(&out, "%s screenshot home -o /nonexistent/dir/x.png", bin, NULL), 2);
    CHECK_CONTAINS(out, "/nonexistent/dir/x.png");
    free(out);
}

TEST(deck_info)
{
    char *out;
    CHECK_INT(runf(&out, "%s deck info %s/tests/data/decks/tricky.md", bin, src), 0);
    /* The count alone, then number, title and note lines per slide. */
    CHECK(strncmp(out, "5\n1\t表紙\t2\n2\t見出しになる行\t2\n3\t三枚目\t4\n4\t四枚目\t0\n5\t\t0\n",
                  strlen("5\n1\t表紙\t2\n2\t見出しになる行\t2\n3\t三枚目\t4\n4\t四枚目\t0\n5\t\t0\n")) == 0);
    free(out);
    CHECK_INT(runf(&out, "%s deck info /nonexistent.md", bin, NULL), 2);
    CHECK_CONTAINS(out, "/nonexistent.md");
    free(out);
}

TEST(notes_from_the_command_line)
{
    char db[] = "/tmp/mgclinotesXXXXXX";
    CHECK(mkdtemp(db) != NULL);
    strbuf path;
    strbuf_init(&path);
    strbuf_printf(&path, "%s/n.db", db);
    char *out;
    strbuf c;
    strbuf_init(&c);
    strbuf_printf(&c, "%s notes add --db %s --question 'メールの添付を開いてしまった' --category breach "
                      "--answer 'LANケーブルを抜く' --referral ipa-corp --referral mpd-cyber "
                      "--company '山田製作所' --channel seminar --faq",
                  bin, path.s);
    CHECK_INT(run(c.s, &out), 0);
    char id[37];
    snprintf(id, sizeof id, "%.36s", out);
    CHECK_INT(strlen(out), 37); /* a UUID and a newline */
    free(out);
    c.len = 0;
    strbuf_printf(&c, "%s notes show %s --db %s", bin, id, path.s);
    CHECK_INT(run(c.s, &out), 0);
    CHECK_CONTAINS(out, "question: メールの添付を開いてしまった");
    CHECK_CONTAINS(out, "referrals: ipa-corp,mpd-cyber");
    CHECK_CONTAINS(out, "faq: yes");
    free(out);
    /* a unique prefix of the id will do, as in git */
    c.len = 0;
    strbuf_printf(&c, "%s notes show %.7s --db %s", bin, id, path.s);
    CHECK_INT(run(c.s, &out), 0);
    CHECK_CONTAINS(out, "question: メールの添付を開いてしまった");
    free(out);
    c.len = 0;
    strbuf_printf(&c, "%s --lang en notes show zz%.5s --db %s", bin, id, path.s);
    CHECK_INT(run(c.s, &out), 1);
    CHECK_CONTAINS(out, "no note with id zz");
    free(out);
    c.len = 0;
    strbuf_printf(&c, "%s notes list --json --db %s", bin, path.s);
    CHECK_INT(run(c.s, &out), 0);
    CHECK_CONTAINS(out, "\"company\":\"山田製作所\"");
    CHECK_CONTAINS(out, "\"faq\":true");
    CHECK(out[0] == '[');
    free(out);
    /* bad input: a clear message, nothing saved */
    c.len = 0;
    strbuf_printf(&c, "%s notes add --db %s --question x --category nope", bin, path.s);
    CHECK_INT(run(c.s, &out), 2);
    CHECK_CONTAINS(out, "category：「nope」は使えません（使えるのは breach,"); /* in the CLI's language */
    free(out);
    c.len = 0;
    strbuf_printf(&c, "%s notes add --db %s --question x --category nope --lang en", bin, path.s);
    CHECK_INT(run(c.s, &out), 2);
    CHECK_CONTAINS(out, "category: unknown code 'nope'");
    free(out);
    c.len = 0;
    strbuf_printf(&c, "%s notes add --db %s --question x --category breach --referral nobody", bin,
                  path.s);
    CHECK_INT(run(c.s, &out), 2);
    CHECK_CONTAINS(out, "unknown id 'nobody'");
    free(out);
    c.len = 0;
    strbuf_printf(&c, "%s notes list --db %s", bin, path.s);
    CHECK_INT(run(c.s, &out), 0);
    CHECK_INT(strchr(out, '\n') - out + 1, (long)strlen(out)); /* still one note */
    free(out);
    strbuf_fini(&c);
    strbuf_fini(&path);
    snprintf(id, sizeof id, "rm -rf %s", db);
    CHECK(system(id) == 0);
}

TEST(english_table)
{
    char *out;
    CHECK_INT(runf(&out, "%s screenshot home --lang en --print-text -o en.png", bin, NULL), 0);
    CHECK_CONTAINS(out, "SME Cybersecurity Support Desk");
    CHECK(strstr(out, "相談窓口") == NULL);
    free(out);
}

/* Options stand anywhere and are told apart by name (getopt_long); every
 * message comes from the table in the language asked for; a chapter list
 * is taken whole or refused, never cut short. */
TEST(options_and_messages)
{
    char *out, dir[] = "/tmp/mgcliXXXXXX", cmd[1024];
    CHECK(mkdtemp(dir) != NULL);
    CHECK_INT(runf(&out, "%s --bogus%s", bin, ""), 2);
    CHECK_CONTAINS(out, "不明なオプションです: --bogus");
    free(out);
    CHECK_INT(runf(&out, "%s --lang en --display x%s", bin, ""), 2);
    CHECK_CONTAINS(out, "--display takes a whole number");
    free(out);
    CHECK_INT(runf(&out, "%s screenshot home -o%s", bin, ""), 2);
    CHECK_CONTAINS(out, "-o には値が必要です");
    free(out);
    /* Eight chapters, the option after them: all eight are printed (the
     * old parser kept six and dropped the rest without a word). */
    snprintf(cmd, sizeof cmd,
             "%s handout guide 1 2 3 4 5 6 -o %s/six.pdf && %s handout guide 1 2 3 4 5 6 7 8 -o %s/g.pdf"
             " && test $(pdftotext %s/g.pdf - | wc -c) -gt $(pdftotext %s/six.pdf - | wc -c)",
             bin, dir, bin, dir, dir, dir);
    CHECK_INT(run(cmd, &out), 0);
    free(out);
    snprintf(cmd, sizeof cmd, "%s handout guide 1 x -o %s/h.pdf", bin, dir);
    CHECK_INT(run(cmd, &out), 2);
    CHECK_CONTAINS(out, "章の番号ではありません: x");
    free(out);
    snprintf(cmd, sizeof cmd, "test ! -e %s/h.pdf", dir);
    CHECK_INT(run(cmd, &out), 0);
    free(out);
    /* A deck that is not there is named with the reason, once. */
    snprintf(cmd, sizeof cmd, "%s handout deck %s/none.md -o %s/d.pdf", bin, dir, dir);
    CHECK_INT(run(cmd, &out), 2);
    CHECK_CONTAINS(out, "none.md: 読めません");
    CHECK(strstr(out, "madoguchi: /") == NULL);
    free(out);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(run(cmd, &out), 0);
    free(out);
}

/* `madoguchi search` with a warm index finds it without reading the book
 * (and without loading the screen's and paper's libraries: the front),
 * says the book's problems again, and a changed book is read anew. */
TEST(search_warm_index)
{
    char dir[] = "/tmp/mgsearchXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char book[128], cmd[1024];
    snprintf(book, sizeof book, "%s/book.epub", dir);
    CHECK(fixture_epub(book, true));
    snprintf(cmd, sizeof cmd, "XDG_CACHE_HOME=%s %s --lang en search 詐欺 --guidebook %s", dir, bin, book);
    char *cold, *warm;
    CHECK_INT(run(cmd, &cold), 0);
    CHECK_CONTAINS(cold, "【詐欺】");
    CHECK_CONTAINS(cold, "a path outside the book is not read"); /* the book's problems */
    char *known = path_join(dir, "madoguchi");
    size_t n = 0;
    char **names = dir_list(known, ".txt", &n);
    CHECK_INT((int)n, 1); /* the key -> index note */
    strv_free(names, n);
    CHECK_INT(run(cmd, &warm), 0);
    CHECK_STR(warm, cold); /* the same answer, the same messages */
    free(warm);
    /* answered by the front alone: the whole program's libraries not loaded */
    snprintf(cmd, sizeof cmd, "LD_DEBUG=libs XDG_CACHE_HOME=%s %s --lang en search 詐欺 --guidebook %s",
             dir, bin, book);
    CHECK_INT(run(cmd, &warm), 0);
    CHECK_CONTAINS(warm, "【詐欺】");
    CHECK_CONTAINS(warm, "libsqlite3"); /* the loader's trace is there */
    if (test_bin_is_front(bin)) { /* not through the arm64 wrapper, which runs the whole program */
        CHECK(strstr(warm, "libSDL2") == NULL);
        CHECK(strstr(warm, "libhpdf") == NULL);
        CHECK(strstr(warm, "libfontconfig") == NULL);
    }
    free(warm);
    /* another book at the same path: read again, its own answers */
    CHECK(fixture_epub_desk(book, NULL, 0));
    snprintf(cmd, sizeof cmd, "XDG_CACHE_HOME=%s %s search 標的型攻撃メール --guidebook %s", dir, bin, book);
    CHECK_INT(run(cmd, &warm), 0);
    CHECK_CONTAINS(warm, "第1章 サイバー攻撃の現状\t");
    free(warm);
    free(cold);
    free(known);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

TEST(handouts_without_the_screen)
{
    /* A handout is made by madoguchi-cli, which loads none of SDL's
     * libraries until a picture must be decoded; the screen's commands it
     * hands on to the whole program. */
    if (!test_bin_is_front(bin)) {
        TEST_SKIP("MG_BINARY is not the front (the arm64 wrapper runs madoguchi-app)");
        return;
    }
    char dir[] = "/tmp/mgcliXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char cmd[2048], pdf[128], png[128];
    char *out;
    snprintf(pdf, sizeof pdf, "%s/r.pdf", dir);
    snprintf(cmd, sizeof cmd, "LD_DEBUG=libs %s handout referrals -o %s", bin, pdf);
    CHECK_INT(run(cmd, &out), 0);
    CHECK_CONTAINS(out, "libhpdf"); /* the loader's trace: the handout's own library */
    CHECK(strstr(out, "libSDL2") == NULL);
    free(out);
    struct stat st;
    CHECK(stat(pdf, &st) == 0 && st.st_size > 1000);
    /* A chapter with diagrams (SVG): SDL_image opened for them, and they are there. */
    snprintf(pdf, sizeof pdf, "%s/g.pdf", dir);
    snprintf(cmd, sizeof cmd, "LD_DEBUG=libs %s handout guide 3 -o %s", bin, pdf);
    CHECK_INT(run(cmd, &out), 0);
    CHECK_CONTAINS(out, "libSDL2_image");
    free(out);
    snprintf(cmd, sizeof cmd, "pdfimages -list %s | tail -n +3 | wc -l", pdf);
    CHECK_INT(run(cmd, &out), 0);
    CHECK(out && atoi(out) >= 1);
    free(out);
    /* madoguchi-cli asked for a screenshot: the whole program draws it. */
    char *cli = xstrdup(bin), *slash = strrchr(cli, '/');
    if (slash) {
        slash[1] = '\0';
        snprintf(png, sizeof png, "%s/h.png", dir);
        snprintf(cmd, sizeof cmd, "%smadoguchi-cli screenshot home --size 320x240 -o %s", cli, png);
        CHECK_INT(run(cmd, &out), 0);
        free(out);
        int w = 0, h = 0;
        CHECK(png_size(png, &w, &h) && w == 320 && h == 240);
        snprintf(cmd, sizeof cmd, "%smadoguchi-cli --lang en frobnicate", cli);
        CHECK_INT(run(cmd, &out), 2); /* said by the whole program, once */
        CHECK_CONTAINS(out, "frobnicate");
        free(out);
    }
    free(cli);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    bin = getenv("MG_BINARY");
    src = getenv("MG_SOURCE_DIR");
    CHECK(bin && src);
    if (!bin || !src)
        return test_summary();
    RUN(check_bundled_content_is_clean);
    RUN(check_reports_file_and_line);
    RUN(check_missing_content_dir);
    RUN(screenshots_have_the_asked_size);
    RUN(bad_input_gives_one_line);
    RUN(deck_info);
    RUN(notes_from_the_command_line);
    RUN(english_table);
    RUN(options_and_messages);
    RUN(search_warm_index);
    RUN(handouts_without_the_screen);
    return test_summary();
}
