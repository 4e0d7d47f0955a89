/*
 * Decks: the Marp subset.  Tricky cases from Marp's own behaviour (checked
 * with Marp Core 4.4): setext `---`, breaks by *** and ___, directive comments vs
 * note comments, `_` scope, a comment mixing a directive key and prose.
 * When node is there, every deck in slides/ and tests/data/decks is also run
 * through Marp Core and the slide count and notes must match ours.
 */
#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/deck.h"
#include "../app/core/slidelay.h"
#include "test.h"

static const char *src;

static deck *parse(const char *md, diag_list *d)
{
    return deck_parse(md, strlen(md), "t.md", d);
}

static char *deck_path(const char *rel)
{
    return path_join(src, rel);
}

TEST(tricky_file)
{
    char *path = deck_path("tests/data/decks/tricky.md");
    diag_list d;
    diag_init(&d, LANG_EN);
    deck *k = deck_load(path, &d);
    CHECK(k != NULL);
    if (!k)
        return;
    CHECK_INT(d.n, 0);
    diag_print(&d, stderr);
    CHECK_INT(k->n, 5);
    CHECK_STR(k->theme, "gaia");
    /* 1: _class and _paginate apply to slide 1 only; two notes. */
    CHECK_STR(k->slides[0].title, "表紙");
    CHECK_STR(k->slides[0].klass, "lead");
    CHECK(!k->slides[0].paginate);
    CHECK_STR(k->slides[0].notes, "表紙のノートです。\n\n行内のノート");
    CHECK_STR(k->slides[0].header, "全体のヘッダー");
    /* 2: the setext heading, a prose comment that is a note (its
     * "paginate: false" line is not applied) and class: invert from here on. */
    CHECK_STR(k->slides[1].title, "見出しになる行");
    CHECK(k->slides[1].paginate);
    CHECK_STR(k->slides[1].klass, "invert");
    CHECK_STR(k->slides[1].notes, "paginate: false\nこの行は文章なので、全体がノートになります");
    CHECK_INT(k->slides[1].note_lines, 2);
    /* 3: *** break; footer from here; three notes; a split background. */
    CHECK_STR(k->slides[2].title, "三枚目");
    CHECK_STR(k->slides[2].footer, "三枚目から");
    CHECK(k->slides[1].footer == NULL);
    CHECK_STR(k->slides[2].klass, "invert");
    CHECK_STR(k->slides[2].notes,
              "注意: コロンを含む文章はノート\n\n複数行の\nノートです。\n\nリストの中のノート");
    CHECK_INT(k->slides[2].nbgs, 1);
    CHECK_INT(k->slides[2].bgs[0].opt.split, DECK_SPLIT_RIGHT);
    CHECK_INT(k->slides[2].bgs[0].opt.split_pct, 40);
    CHECK_INT(k->slides[2].nblocks, 2); /* heading + list: no background, no comments */
    /* 4: ___ break; an inline-sized image stays in the flow. */
    CHECK_STR(k->slides[3].title, "四枚目");
    CHECK_INT(k->slides[3].nbgs, 0);
    CHECK_INT(k->slides[3].nblocks, 2);
    /* 5: the empty slide after the last --- exists, as in Marp. */
    CHECK_INT(k->slides[4].nblocks, 0);
    CHECK_INT(k->slides[2].line, 33); /* its first block, after the *** on 31 */
    deck_free(k);
    diag_fini(&d);
    free(path);
}

TEST(alt_keywords)
{
    deck_img o;
    const char *a = "bg left:30% contain";
    deck_parse_alt(a, strlen(a), &o);
    CHECK(o.bg);
    CHECK_INT(o.split, DECK_SPLIT_LEFT);
    CHECK_INT(o.split_pct, 30);
    CHECK_INT(o.fit, DECK_FIT_CONTAIN);
    a = "ロゴ w:300 h:120px";
    deck_parse_alt(a, strlen(a), &o);
    CHECK(!o.bg);
    CHECK_INT(o.w, 300);
    CHECK_INT(o.h, 120);
    a = "bg 80%";
    deck_parse_alt(a, strlen(a), &o);
    CHECK_INT(o.fit, DECK_FIT_PERCENT);
    CHECK_INT(o.percent, 80);
    a = "sepia blur:10px";
    deck_parse_alt(a, strlen(a), &o);
    CHECK(o.filter);
}

static bool has_diag(const diag_list *d, int line, const char *text)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].line == line && strstr(d->items[i].text, text))
            return true;
    fprintf(stderr, "no diagnostic at line %d containing \"%s\"; have:\n", line, text);
    diag_print(d, stderr);
    return false;
}

TEST(what_marp_accepts_and_we_do_not)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    deck *k = parse("---\nmarp: true\ntheme: fancy\nsize: 1080p\nmath: katex\ntransition: fade\n"
                    "---\n\n"                             /* 7, 8 */
                    "<style>section { color: red }</style>\n\n" /* 9 */
                    "# T <span>x</span>\n\n"              /* 11 */
                    "$E=mc^2$ and $$x$$\n\n"              /* 13 */
                    "![sepia](a.png)\n\n"                 /* 15 */
                    "![](https://example.com/x.png)\n\n"  /* 17 */
                    "<!-- _paginate: maybe -->\n\n"       /* 19 */
                    "<!-- paginat: true -->\n\n"          /* 21 */
                    "<!--\nheaderr: x\nfooter: ok\n-->\n" /* 23-26 */,
                    &d);
    CHECK(has_diag(&d, 3, "unknown theme: fancy"));
    CHECK(has_diag(&d, 4, "size must be 16:9 or 4:3"));
    CHECK(has_diag(&d, 5, "directive not supported: math"));
    CHECK(has_diag(&d, 6, "directive not supported: transition"));
    CHECK(has_diag(&d, 9, "<style> block's CSS is not applied"));
    CHECK(!has_diag(&d, 9, "raw HTML"));
    CHECK(has_diag(&d, 11, "raw HTML"));
    CHECK(has_diag(&d, 13, "math"));
    CHECK(has_diag(&d, 15, "image filters"));
    CHECK(has_diag(&d, 17, "remote images"));
    CHECK(has_diag(&d, 19, "paginate must be true or false: maybe"));
    CHECK(has_diag(&d, 24, "unknown directive: headerr"));
    /* "paginat: true" names no directive at all: Marp shows it as a note. */
    CHECK_STR(k->slides[0].notes, "paginat: true");
    /* The slide still shows what it can, and the good footer applies. */
    CHECK_STR(k->slides[0].title, "T x");
    CHECK_STR(k->slides[0].footer, "ok");
    deck_free(k);
    diag_fini(&d);
    /* A VS Code deck's fitted heading: the title is the heading's words. */
    diag_init(&d, LANG_EN);
    k = parse("---\nmarp: true\n---\n\n# <!-- fit --> 大きな見出し\n", &d);
    CHECK_STR(k->slides[0].title, "大きな見出し");
    CHECK_STR(k->theme, "default");
    deck_free(k);
    diag_fini(&d);
}

TEST(bad_input_shown_as_well_as_possible)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    /* No front matter: a warning, one slide. */
    deck *k = parse("# Only\n", &d);
    CHECK_INT(k->n, 1);
    CHECK(has_diag(&d, 0, "marp: true"));
    deck_free(k);
    diag_fini(&d);

    /* 500 slides with 50 KB of notes on one, and invalid UTF-8. */
    diag_init(&d, LANG_EN);
    strbuf s;
    strbuf_init(&s);
    strbuf_adds(&s, "---\nmarp: true\n---\n");
    for (int i = 0; i < 500; i++) {
        strbuf_printf(&s, "\n# Slide %d\n\n", i + 1);
        if (i == 7) {
            strbuf_adds(&s, "<!--\n");
            for (int k2 = 0; k2 < 1000; k2++)
                strbuf_adds(&s, "ノートの行はここに続きます。あいうえおかきくけこ\n");
            strbuf_adds(&s, "-->\n");
        }
        if (i == 9)
            strbuf_adds(&s, "bad \xff byte\n");
        if (i < 499)
            strbuf_adds(&s, "\n---\n");
    }
    k = deck_parse(s.s, s.len, "big.md", &d);
    CHECK_INT(k->n, 500);
    CHECK(strlen(k->slides[7].notes) > 50000);
    CHECK_INT(k->slides[7].note_lines, 1000);
    CHECK_STR(k->slides[499].title, "Slide 500");
    /* 3 lines of front matter, 5 a slide for slides 1-9, 1,002 of notes on
     * slide 8, then blank, heading, blank: the bad line is 1,054. */
    CHECK(has_diag(&d, 3 + 9 * 5 + 1002 + 4, "invalid UTF-8"));
    deck_free(k);
    strbuf_fini(&s);
    diag_fini(&d);
}

TEST(overflow_shrinks_and_check_warns)
{
    strbuf s;
    strbuf_init(&s);
    strbuf_adds(&s, "---\nmarp: true\n---\n\n# 多すぎる項目\n\n");
    for (int i = 0; i < 30; i++)
        strbuf_printf(&s, "- 項目 %d の説明の文章です\n", i + 1);
    strbuf_adds(&s, "\n---\n\n# 普通のスライド\n\n- 一つだけ\n");
    diag_list d;
    diag_init(&d, LANG_EN);
    deck *k = deck_parse(s.s, s.len, "over.md", &d);
    CHECK_INT(k->n, 2);
    size_t before = d.n;
    slay_check(k, &d);
    CHECK_INT(d.n, before + 1);
    CHECK(has_diag(&d, 5, "slide 1 does not fit and is shrunk to 50%"));
    deck_free(k);
    diag_fini(&d);
    strbuf_fini(&s);
}

/* Fake metrics for slide layout: CJK 1 em, others half, no pictures. */
static int t_width(void *ctx, const char *s, size_t n, int size, unsigned style)
{
    (void)ctx;
    (void)style;
    int w = 0;
    size_t i = 0;
    while (i < n)
        w += cp_is_wide(utf8_next(s, n, &i)) ? size : size / 2;
    return w;
}
static int t_ascent(void *ctx, int size)
{
    (void)ctx;
    return size * 88 / 100;
}
static int t_height(void *ctx, int size)
{
    (void)ctx;
    return size;
}

/* The topmost text of a laid-out slide, and whether any box is drawn. */
static const lay_item *first_text(const slay_slide *s, bool *rects)
{
    const lay_item *top = NULL;
    *rects = false;
    for (size_t i = 0; i < s->lay.n; i++) {
        const lay_item *it = &s->lay.items[i];
        *rects |= it->kind == LAY_RECT;
        if (it->kind == LAY_TEXT && it->size > 30 && (!top || it->y < top->y))
            top = it;
    }
    return top;
}

/* Marp Core 4.4's themes as its CSS draws them (tests/marp/compare.sh
 * holds the whole picture against Marp's own). */
TEST(themes_as_marp_draws_them)
{
    static const lay_metrics m = {NULL, t_width, t_ascent, t_height, NULL};
    lay_ctx c = {&m, NULL};
    static const struct {
        const char *theme, *klass;
        uint32_t bg, heading;
        bool middle, centre, bars;
    } cases[] = {
        {"default", "", 0xFFFFFF, 0x224466, true, false, false},
        {"default", "invert", 0x0D1117, 0xCEE7FF, true, false, false},
        {"default", "lead", 0xFFFFFF, 0x224466, true, false, false},
        {"gaia", "", 0xFFF8E1, 0x455A64, false, false, false},
        {"gaia", "lead", 0xFFF8E1, 0x455A64, true, true, false},
        {"gaia", "invert", 0x455A64, 0xFFF8E1, false, false, false},
        {"uncover", "", 0xFDFCFF, 0x202228, true, true, false},
        {"madoguchi", "", 0xFFFFFF, 0x123E7C, false, false, true},
        {"madoguchi", "lead", 0xFFFFFF, 0x123E7C, true, true, true},
    };
    for (size_t i = 0; i < MG_ARRAY_LEN(cases); i++) {
        strbuf md;
        strbuf_init(&md);
        strbuf_printf(&md, "---\nmarp: true\ntheme: %s\n---\n\n<!-- _class: %s -->\n\n# 題名\n\n本文\n",
                      cases[i].theme, cases[i].klass[0] ? cases[i].klass : "x");
        diag_list d;
        diag_init(&d, LANG_EN);
        deck *k = deck_parse(md.s, md.len, "t.md", &d);
        CHECK_INT((int)d.n, 0); /* every theme here is known */
        slay_slide s;
        slay_init(&s);
        slay_layout(&s, k, 0, 1280, &c);
        bool rects = false;
        const lay_item *h = first_text(&s, &rects);
        CHECK(h != NULL);
        if (h) {
            if (s.bg != cases[i].bg || s.color[h->color] != cases[i].heading)
                printf("  %s %s: bg %06X heading %06X\n", cases[i].theme, cases[i].klass,
                       (unsigned)s.bg, (unsigned)s.color[h->color]);
            CHECK(s.bg == cases[i].bg);
            CHECK(s.color[h->color] == cases[i].heading);
            CHECK(cases[i].middle ? h->y > 200 : h->y < 120); /* centred, or from the top */
            int mid = h->x + h->w / 2;
            CHECK(cases[i].centre ? mid > 600 && mid < 680 : h->x < 100);
        }
        CHECK(rects == cases[i].bars); /* no bars or rules that Marp does not draw */
        slay_fini(&s);
        deck_free(k);
        diag_fini(&d);
        strbuf_fini(&md);
    }
}

/* ---- the comparison with Marp Core ---- */

static char *run(const char *cmd)
{
    FILE *p = popen(cmd, "r");
    if (!p)
        return NULL;
    strbuf b;
    strbuf_init(&b);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        strbuf_add(&b, buf, n);
    int st = pclose(p);
    if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
        strbuf_fini(&b);
        return NULL;
    }
    return strbuf_take(&b);
}

static char *ours(const char *path)
{
    deck *k = deck_load(path, NULL);
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, "%zu\n", k->n);
    for (size_t i = 0; i < k->n; i++) {
        strbuf_printf(&b, "%zu\t", i + 1);
        for (const char *c = k->slides[i].notes; *c; c++) {
            if (*c == '\n')
                strbuf_adds(&b, "\\n");
            else if (*c == '\\')
                strbuf_adds(&b, "\\\\");
            else
                strbuf_addc(&b, *c);
        }
        strbuf_addc(&b, '\n');
    }
    deck_free(k);
    return strbuf_take(&b);
}

static int compare_dir(const char *dir, const char *modules)
{
    size_t n;
    char **names = dir_list(dir, ".md", &n);
    int compared = 0;
    for (size_t i = 0; names && i < n; i++) {
        char *path = path_join(dir, names[i]);
        strbuf cmd;
        strbuf_init(&cmd);
        strbuf_printf(&cmd, "NODE_PATH='%s' node '%s/tests/marp/marp_notes.js' '%s'", modules, src,
                      path);
        char *theirs = run(cmd.s);
        char *mine = ours(path);
        CHECK(theirs != NULL);
        if (theirs && strcmp(theirs, mine) != 0) {
            fprintf(stderr, "%s differs from Marp Core:\n--- Marp\n%s--- ours\n%s", path, theirs,
                    mine);
            CHECK(0);
        }
        compared++;
        free(theirs);
        free(mine);
        strbuf_fini(&cmd);
        free(path);
    }
    strv_free(names, n);
    return compared;
}

TEST(same_slides_and_notes_as_marp)
{
    const char *modules = getenv("MG_MARP_MODULES");
    char *probe = NULL;
    if (modules) {
        probe = path_join(modules, "@marp-team/marp-core/package.json");
    }
    if (!probe || access(probe, R_OK) != 0 || system("node --version >/dev/null 2>&1") != 0) {
        TEST_SKIP("Marp Core not installed (tests/marp/setup.sh)");
        free(probe);
        return;
    }
    free(probe);
    char *slides = deck_path("slides");
    char *decks = deck_path("tests/data/decks");
    int n = compare_dir(slides, modules) + compare_dir(decks, modules);
    CHECK(n >= 5);
    printf("compared %d decks with Marp Core\n", n);
    free(slides);
    free(decks);
}

/* Marp CLI's own --notes output for a deck, in the same format as ours():
 * it separates slides with a "---" line between blank lines. */
static char *marp_cli_notes(const char *marp, const char *path)
{
    strbuf cmd;
    strbuf_init(&cmd);
    /* CHROME_PATH: Marp CLI insists on finding a browser, but --notes never
     * starts it; any executable will do. */
    strbuf_printf(&cmd, "CHROME_PATH=/bin/true '%s' --no-stdin --notes '%s' -o - 2>/dev/null", marp,
                  path);
    char *text = run(cmd.s);
    strbuf_fini(&cmd);
    if (!text)
        return NULL;
    strbuf b;
    strbuf_init(&b);
    size_t n = 0;
    strbuf body;
    strbuf_init(&body);
    for (char *p = text;;) {
        char *sep = strstr(p, "\n\n---\n\n");
        size_t len = sep ? (size_t)(sep - p) : strlen(p);
        while (!sep && len && p[len - 1] == '\n') /* the file's last newline */
            len--;
        n++;
        strbuf_printf(&body, "%zu\t", n);
        for (size_t i = 0; i < len; i++) {
            if (p[i] == '\n')
                strbuf_adds(&body, "\\n");
            else if (p[i] == '\\')
                strbuf_adds(&body, "\\\\");
            else
                strbuf_addc(&body, p[i]);
        }
        strbuf_addc(&body, '\n');
        if (!sep)
            break;
        p = sep + 7;
    }
    strbuf_printf(&b, "%zu\n", n);
    strbuf_add(&b, body.s, body.len);
    strbuf_fini(&body);
    free(text);
    return strbuf_take(&b);
}

TEST(same_slides_and_notes_as_marp_cli)
{
    const char *modules = getenv("MG_MARP_MODULES");
    char *marp = modules ? path_join(modules, ".bin/marp") : NULL;
    if (!marp || access(marp, X_OK) != 0) {
        TEST_SKIP("Marp CLI not installed (tests/marp/setup.sh)");
        free(marp);
        return;
    }
    int compared = 0;
    const char *dirs[] = {"slides", "tests/data/decks"};
    for (size_t d = 0; d < 2; d++) {
        char *dir = deck_path(dirs[d]);
        size_t n;
        char **names = dir_list(dir, ".md", &n);
        for (size_t i = 0; names && i < n; i++) {
            char *path = path_join(dir, names[i]);
            char *theirs = marp_cli_notes(marp, path), *mine = ours(path);
            CHECK(theirs != NULL);
            if (theirs && strcmp(theirs, mine) != 0) {
                fprintf(stderr, "%s differs from Marp CLI --notes:\n--- Marp CLI\n%s--- ours\n%s",
                        path, theirs, mine);
                CHECK(0);
            }
            compared++;
            free(theirs);
            free(mine);
            free(path);
        }
        strv_free(names, n);
        free(dir);
    }
    CHECK(compared >= 5);
    printf("compared %d decks with Marp CLI\n", compared);
    free(marp);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    if (!src)
        src = "..";
    RUN(tricky_file);
    RUN(themes_as_marp_draws_them);
    RUN(alt_keywords);
    RUN(what_marp_accepts_and_we_do_not);
    RUN(bad_input_shown_as_well_as_possible);
    RUN(overflow_shrinks_and_check_warns);
    RUN(same_slides_and_notes_as_marp);
    RUN(same_slides_and_notes_as_marp_cli);
    return test_summary();
}
