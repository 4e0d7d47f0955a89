/*
 * Slides as the presenter steps through them: Marp's fragmented lists
 * (`*` bullets and `1)` items appear one by one; frag.h) and the lines of
 * short slide text, which break between phrases as titles do, keep times
 * and ranges whole, and lose the space an inline comment leaves.
 * When Marp Core is installed (tests/marp/setup.sh) the fragment counts of
 * every deck are compared with Marp's own.
 */
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/deck.h"
#include "../app/core/frag.h"
#include "../app/core/slidelay.h"
#include "test.h"

static const char *src;

/* Metrics as `check` uses them: CJK 1 em, others 0.6 em. */
static int m_width(void *ctx, const char *s, size_t n, int size, unsigned style)
{
    (void)ctx;
    (void)style;
    int w = 0;
    size_t i = 0;
    while (i < n)
        w += cp_is_wide(utf8_next(s, n, &i)) ? size : size * 60 / 100;
    return w;
}
static int m_ascent(void *ctx, int size)
{
    (void)ctx;
    return size * 88 / 100;
}
static int m_height(void *ctx, int size)
{
    (void)ctx;
    return size;
}
static const lay_metrics metrics = {NULL, m_width, m_ascent, m_height, NULL};
static lb *L;

static deck *load(const char *rel)
{
    char *p = path_join(src, rel);
    deck *k = deck_load(p, NULL);
    free(p);
    return k;
}

/* The texts slide i shows with `shown` fragments, one line of the slide a
 * line of the result ("|" between the items of a line); with marks, a list
 * marker (whatever the theme draws) reads "\x01". */
static char *shown_marked(const deck *k, size_t i, int shown, int w, bool marks)
{
    lay_ctx c = {&metrics, L};
    slay_slide s;
    slay_init(&s);
    slay_layout(&s, k, i, w, &c);
    frag_hide(&s.lay, &k->slides[i], shown);
    strbuf b;
    strbuf_init(&b);
    int line = -1;
    for (size_t j = 0; j < s.lay.n; j++) {
        const lay_item *it = &s.lay.items[j];
        if (it->kind != LAY_TEXT)
            continue;
        if (line >= 0)
            strbuf_addc(&b, it->textline != line ? '\n' : '|');
        if (marks && it->color == LAY_C_MARKER)
            strbuf_addc(&b, '\x01');
        else
            strbuf_add(&b, it->text, it->len);
        line = it->textline;
    }
    slay_fini(&s);
    return strbuf_take(&b);
}

static char *shown_text(const deck *k, size_t i, int shown, int w)
{
    return shown_marked(k, i, shown, w, false);
}

TEST(marp_rule_for_fragments)
{
    deck *k = load("tests/data/frag/fragments.md");
    CHECK(k != NULL);
    if (!k)
        return;
    CHECK_INT(k->n, 5);
    /* `*` items; `1)` items (a nested `-` list comes with its item); no
     * fragments from `-` and `1.`; nested `*` items count, `+` does not. */
    const int want[] = {3, 3, 0, 3, 0};
    for (size_t i = 0; i < 5 && i < k->n; i++)
        CHECK_INT(k->slides[i].nfrags, want[i]);
    deck_free(k);
}

TEST(fragments_appear_one_by_one_in_place)
{
    deck *k = load("tests/data/frag/fragments.md");
    if (!k)
        return;
    char *none = shown_text(k, 0, 0, 1280), *one = shown_text(k, 0, 1, 1280),
         *all = shown_text(k, 0, -1, 1280), *three = shown_text(k, 0, 3, 1280);
    CHECK_STR(none, "三つの対策");
    CHECK_CONTAINS(one, "パスワードを長くする");
    CHECK(!strstr(one, "二要素認証を使う"));
    CHECK_CONTAINS(all, "更新を止めない");
    CHECK_STR(three, all); /* every fragment shown is the whole slide */
    free(none);
    free(one);
    free(all);
    free(three);
    /* The second item and its nested list come together; the paragraph
     * after the list is there from the start. */
    char *two = shown_text(k, 1, 1, 1280);
    CHECK_CONTAINS(two, "回線を抜く");
    CHECK(!strstr(two, "窓口に電話する"));
    CHECK(!strstr(two, "電話番号は裏面にあります"));
    CHECK(!strstr(two, "記録を残す"));
    CHECK_CONTAINS(two, "ここまでが最初の対応です。");
    free(two);
    two = shown_text(k, 1, 2, 1280);
    CHECK_CONTAINS(two, "窓口に電話する");
    CHECK_CONTAINS(two, "電話番号は裏面にあります");
    CHECK(!strstr(two, "記録を残す"));
    free(two);
    /* Nested fragments: the outer item first, then the inner one. */
    char *n1 = shown_text(k, 3, 1, 1280);
    CHECK_CONTAINS(n1, "外側の項目");
    CHECK(!strstr(n1, "内側の項目"));
    CHECK_CONTAINS(n1, "プラスは一度に");
    free(n1);
    /* Hidden items keep their place: the first item is where it is when
     * all are shown (visibility, as in Marp's viewer, not display). */
    lay_ctx c = {&metrics, L};
    slay_slide a, b;
    slay_init(&a);
    slay_init(&b);
    slay_layout(&a, k, 0, 1280, &c);
    slay_layout(&b, k, 0, 1280, &c);
    frag_hide(&b.lay, &k->slides[0], 1);
    CHECK(b.lay.n < a.lay.n);
    for (size_t i = 0; i < b.lay.n; i++) {
        bool found = false;
        for (size_t j = 0; j < a.lay.n; j++)
            found |= a.lay.items[j].x == b.lay.items[i].x && a.lay.items[j].y == b.lay.items[i].y &&
                     a.lay.items[j].kind == b.lay.items[i].kind;
        CHECK(found);
    }
    slay_fini(&a);
    slay_fini(&b);
    deck_free(k);
}

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

TEST(same_fragments_as_marp)
{
    const char *modules = getenv("MG_MARP_MODULES");
    char *probe = modules ? path_join(modules, "@marp-team/marp-core/package.json") : NULL;
    if (!probe || access(probe, R_OK) != 0 || system("node --version >/dev/null 2>&1") != 0) {
        TEST_SKIP("Marp Core not installed (tests/marp/setup.sh)");
        free(probe);
        return;
    }
    free(probe);
    const char *dirs[] = {"tests/data/frag", "slides", "tests/data/decks"};
    int compared = 0;
    for (size_t d = 0; d < MG_ARRAY_LEN(dirs); d++) {
        char *dir = path_join(src, dirs[d]);
        size_t n;
        char **names = dir_list(dir, ".md", &n);
        for (size_t i = 0; names && i < n; i++) {
            char *path = path_join(dir, names[i]);
            strbuf cmd, mine;
            strbuf_init(&cmd);
            strbuf_init(&mine);
            strbuf_printf(&cmd, "NODE_PATH='%s' node '%s/tests/marp/marp_fragments.js' '%s'",
                          modules, src, path);
            char *theirs = run(cmd.s);
            deck *k = deck_load(path, NULL);
            for (size_t j = 0; k && j < k->n; j++)
                strbuf_printf(&mine, "%d\n", k->slides[j].nfrags);
            CHECK(theirs != NULL);
            if (theirs && strcmp(theirs, mine.s ? mine.s : "") != 0) {
                fprintf(stderr, "%s: fragments differ from Marp Core:\n--- Marp\n%s--- ours\n%s",
                        path, theirs, mine.s ? mine.s : "");
                CHECK(0);
            }
            compared++;
            deck_free(k);
            free(theirs);
            strbuf_fini(&cmd);
            strbuf_fini(&mine);
            free(path);
        }
        strv_free(names, n);
        free(dir);
    }
    CHECK(compared >= 6);
    printf("compared the fragments of %d decks with Marp Core\n", compared);
}

static deck *one_slide(const char *body)
{
    strbuf s;
    strbuf_init(&s);
    strbuf_printf(&s, "---\nmarp: true\n---\n\n%s\n", body);
    deck *k = deck_parse(s.s, s.len, "t.md", NULL);
    strbuf_fini(&s);
    return k;
}

/* List markers on slide 0 (the items seen by the walk below). */
static int item_count(const deck *k)
{
    char *t = shown_marked(k, 0, -1, 1280, true);
    int n = 0;
    for (const char *c = t; *c; c++)
        n += *c == '\x01';
    free(t);
    return n;
}

/* Does a phrase break fall at byte `at` of text? */
static bool phrase_break_at(const char *text, size_t at)
{
    size_t n;
    const lb_break *br = lb_phrase_breaks(L, text, strlen(text), &n);
    for (size_t i = 0; i < n; i++)
        if (br[i].pos == at)
            return true;
    return false;
}

/* Bullets and short lines break between phrases, never inside a word;
 * times and ranges stay whole.  Lines break at the same places at every
 * output width (sizes scale with the slide), so the break positions are
 * moved by leading phrases (「確認」 0..11 times) instead, in whatever
 * theme's type size. */
TEST(slide_lines_break_between_phrases)
{
    const char *base[] = {"お金をねらう：不正送金、ビジネスメール詐欺、ワンクリック請求、偽ショップ、"
                          "ランサムウェアで業務が止まる",
                          "都庁開庁日 9:00〜12:00、13:00〜17:00 に電話で相談できます。"
                          "受付は 13:00 – 17:00 です"};
    int wrapped = 0, checked = 0;
    for (int lead = 0; lead < 12; lead++) {
        char items[2][512];
        strbuf md;
        strbuf_init(&md);
        for (size_t i = 0; i < MG_ARRAY_LEN(base); i++) {
            items[i][0] = '\0';
            for (int r = 0; r < lead; r++)
                strcat(items[i], "確認");
            strcat(items[i], base[i]);
            strbuf_printf(&md, "- %s\n", items[i]);
        }
        deck *k = one_slide(md.s);
        strbuf_fini(&md);
        CHECK_INT(item_count(k), 2);
        for (int w = 640; w <= 1280; w += 640) {
            char *t = shown_marked(k, 0, -1, w, true);
            /* Walk the visual lines; a marker starts the next item. */
            int item = -1;
            size_t off = 0;
            for (char *line = t; line && *line;) {
                char *nl = strchr(line, '\n');
                size_t n = nl ? (size_t)(nl - line) : strlen(line);
                char buf[512];
                size_t m = 0;
                for (size_t i = 0; i < n && m + 1 < sizeof buf; i++)
                    if (line[i] != '|')
                        buf[m++] = line[i];
                buf[m] = '\0';
                const char *body = buf;
                if (*body == '\x01') {
                    item++;
                    off = 0;
                    body++;
                }
                size_t bl = strlen(body);
                if (item >= 0 && item < (int)MG_ARRAY_LEN(base)) {
                    const char *it = items[item];
                    CHECK(strncmp(it + off, body, bl) == 0);
                    off += bl;
                    while (it[off] == ' ') /* a space that hung past the line's end */
                        off++;
                    if (off < strlen(it)) {
                        wrapped++;
                        if (!phrase_break_at(it, off)) {
                            fprintf(stderr, "a line ends inside a phrase: %s\n", body);
                            CHECK(0);
                        }
                        /* and never inside a time or a range: not after a
                         * dash or a colon, nor between a digit and what
                         * goes on with the number */
                        size_t e = bl;
                        while (e && body[e - 1] == ' ')
                            e--;
                        const char *next = it + off;
                        bool ends_dash = (e >= 3 && (strncmp(body + e - 3, "〜", 3) == 0 ||
                                                     strncmp(body + e - 3, "–", 3) == 0));
                        bool ends_digit = e && ((body[e - 1] >= '0' && body[e - 1] <= '9') ||
                                                body[e - 1] == ':');
                        bool goes_on = (*next >= '0' && *next <= '9') || *next == ':' ||
                                       strncmp(next, "〜", 3) == 0 ||
                                       strncmp(next, "–", 3) == 0;
                        if (ends_dash || (ends_digit && goes_on)) {
                            fprintf(stderr, "a line cuts a range: %s|%s\n", body, next);
                            CHECK(0);
                        }
                    } else
                        checked++;
                }
                line = nl ? nl + 1 : NULL;
            }
            free(t);
        }
        deck_free(k);
    }
    CHECK_INT(checked, 12 * 2 * 2); /* every item walked to its end */
    CHECK(wrapped > 40);            /* it did wrap, often */
}

/* "a <!-- note --> b": the comment goes to the notes and one space stays. */
TEST(inline_comment_leaves_one_space)
{
    deck *k = load("tests/data/frag/fragments.md");
    if (!k)
        return;
    char *t = shown_text(k, 4, -1, 1280);
    strbuf joined;
    strbuf_init(&joined);
    for (const char *c = t; *c; c++)
        if (*c != '|')
            strbuf_addc(&joined, *c);
    CHECK_CONTAINS(joined.s, "13:00–17:00 です お気軽に。");
    CHECK(!strstr(joined.s, "  "));
    CHECK_STR(k->slides[4].notes, "ここはノート");
    strbuf_fini(&joined);
    free(t);
    deck_free(k);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    CHECK(src != NULL);
    L = lb_new();
    CHECK(L != NULL);
    if (!src || !L)
        return test_summary();
    RUN(marp_rule_for_fragments);
    RUN(fragments_appear_one_by_one_in_place);
    RUN(same_fragments_as_marp);
    RUN(slide_lines_break_between_phrases);
    RUN(inline_comment_leaves_one_space);
    lb_free(L);
    return test_summary();
}
