/*
 * Layout with fake metrics (no fonts): a wide character is `size` units,
 * anything else size/2.  Expected lines were worked out by hand.
 */
#include <dirent.h>

#include "../app/core/guide.h"
#include "../app/core/layout.h"
#include "epub_fixture.h"
#include "test.h"

static int f_width(void *ctx, const char *s, size_t n, int size, unsigned style)
{
    (void)ctx;
    (void)style;
    int w = 0;
    size_t i = 0;
    while (i < n) {
        uint32_t cp = utf8_next(s, n, &i);
        w += cp_is_wide(cp) || cp >= 0x3000 ? size : size / 2;
    }
    return w;
}
static int f_ascent(void *ctx, int size)
{
    (void)ctx;
    return size * 8 / 10;
}
static int f_height(void *ctx, int size)
{
    (void)ctx;
    return size;
}
static bool f_image(void *ctx, const char *path, int *w, int *h)
{
    (void)ctx;
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    if (strcmp(base, "big.png") == 0) {
        *w = 2000;
        *h = 1000;
        return true;
    }
    if (strcmp(base, "icon.png") == 0) {
        *w = 40;
        *h = 40;
        return true;
    }
    return false;
}

static const lay_metrics fake = {NULL, f_width, f_ascent, f_height, f_image};
static lb *L;

/* The text of visual line k (items joined). */
static char *line_text(const lay_result *r, int k)
{
    strbuf s;
    strbuf_init(&s);
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i].kind == LAY_TEXT && r->items[i].textline == k &&
            r->items[i].color != LAY_C_MARKER)
            strbuf_add(&s, r->items[i].text, r->items[i].len);
    return strbuf_take(&s);
}

static void layout_md(lay_result *r, const char *md, int width, int size)
{
    doc_t *d = doc_parse(md, strlen(md), "t.md", NULL);
    lay_ctx c = {&fake, L};
    lay_opts o = {.width = width, .base_size = size, .line_gap = 1.0f};
    lay_doc(r, &c, d, &o);
    doc_free(d);
}

#define LINE(r, k, want)                                                                           \
    do {                                                                                           \
        char *t_ = line_text(r, k);                                                                \
        CHECK_STR(t_, want);                                                                       \
        free(t_);                                                                                  \
    } while (0)

TEST(japanese_paragraph_kinsoku)
{
    /* 4 characters a line.  A naive split would start the last line with
     * 。; strict kinsoku carries う down with it. */
    lay_result r;
    lay_init(&r);
    layout_md(&r, "今日は、とても良い天気ですね。散歩に行きましょう。", 40, 10);
    CHECK_INT(r.textlines, 7);
    LINE(&r, 0, "今日は、");
    LINE(&r, 1, "とても良");
    LINE(&r, 2, "い天気で");
    LINE(&r, 3, "すね。散");
    LINE(&r, 4, "歩に行き");
    LINE(&r, 5, "ましょ");
    LINE(&r, 6, "う。");
    /* Lines advance by the line height, from the top. */
    CHECK_INT(r.items[0].y, 0);
    CHECK_INT(r.items[1].y, 10);
    lay_fini(&r);
}

TEST(opening_bracket_never_ends_a_line)
{
    lay_result r;
    lay_init(&r);
    /* Width 5: 「 would fit at the end of line 1 but must move down. */
    layout_md(&r, "これはテ「重要」です。", 50, 10);
    LINE(&r, 0, "これはテ");
    LINE(&r, 1, "「重要」で");
    LINE(&r, 2, "す。");
    lay_fini(&r);
}

TEST(latin_words_urls_and_overlong_words)
{
    lay_result r;
    lay_init(&r);
    /* 5 units per ASCII char, width 60: 12 ASCII chars a line. */
    layout_md(&r, "Keep your OS and software up to date.", 60, 10);
    LINE(&r, 0, "Keep your OS");
    LINE(&r, 1, "and software");
    LINE(&r, 2, "up to date.");
    lay_fini(&r);

    lay_init(&r);
    layout_md(&r, "see https://www.ipa.go.jp/security/anshin/ now", 80, 10);
    LINE(&r, 0, "see https://");
    LINE(&r, 1, "www.ipa.go.jp/");
    LINE(&r, 2, "security/anshin/");
    LINE(&r, 3, "now");
    lay_fini(&r);

    lay_init(&r);
    layout_md(&r, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 50, 10);
    CHECK_INT(r.textlines, 4);
    for (int k = 0; k < 4; k++)
        LINE(&r, k, "aaaaaaaaaa");
    lay_fini(&r);
}

TEST(soft_breaks)
{
    lay_result r;
    lay_init(&r);
    layout_md(&r, "日本語の\n文章です。English\nwords.", 1000, 10);
    LINE(&r, 0, "日本語の文章です。English words.");
    lay_fini(&r);
}

TEST(list_hanging_indent)
{
    lay_result r;
    lay_init(&r);
    layout_md(&r, "- 一二三四五六七八九十一二三四五\n  - 入れ子の項目です\n", 100, 10);
    /* The outer item's two lines share one left edge right of the marker;
     * the nested item's lines sit further right. */
    int marker_x = -1, text_x = -1, lines = 0;
    for (size_t i = 0; i < r.n; i++) {
        const lay_item *it = &r.items[i];
        if (it->kind != LAY_TEXT)
            continue;
        if (it->color == LAY_C_MARKER) {
            if (marker_x < 0)
                marker_x = it->x;
            continue;
        }
        if (text_x < 0)
            text_x = it->x;
        if (lines < 2)
            CHECK_INT(it->x, text_x);
        else
            CHECK(it->x > text_x);
        lines++;
        CHECK(it->x + it->w <= 100);
    }
    LINE(&r, 0, "一二三四五六七八");
    LINE(&r, 1, "九十一二三四五");
    CHECK_INT(marker_x, 0);
    CHECK(text_x > 0);
    CHECK(lines >= 3);
    lay_fini(&r);
}

TEST(table_fits_and_wraps)
{
    lay_result r;
    lay_init(&r);
    layout_md(&r,
              "| 攻撃 | 兆候 | 最初の一歩 |\n|---|---|---|\n"
              "| ランサムウェア | ファイルが開けなくなり画面に脅迫文が出る | LANケーブルを抜く |\n",
              200, 10);
    int right = 0, rows_text = 0;
    for (size_t i = 0; i < r.n; i++) {
        const lay_item *it = &r.items[i];
        CHECK(it->x >= 0);
        if (it->x + it->w > right)
            right = it->x + it->w;
        rows_text += it->kind == LAY_TEXT;
    }
    CHECK(right <= 200);
    CHECK(r.textlines > 2); /* cells wrapped */
    CHECK(rows_text >= 6);
    /* The header row has a background box. */
    bool head_bg = false;
    for (size_t i = 0; i < r.n; i++)
        head_bg |= r.items[i].kind == LAY_RECT && r.items[i].color == LAY_C_TABLE_HEAD_BG;
    CHECK(head_bg);
    lay_fini(&r);
}

TEST(images_scale_and_placeholders)
{
    lay_result r;
    lay_init(&r);
    const char *md = "![大きい図](big.png)\n\n![無い図](missing.png)\n\n文 ![i](icon.png) 中\n";
    doc_t *d = doc_parse(md, strlen(md), "t.md", NULL);
    lay_ctx c = {&fake, L};
    lay_opts o = {.width = 500, .base_size = 10, .max_image_h = 200};
    lay_doc(&r, &c, d, &o);
    int images = 0;
    bool placeholder = false, label = false;
    for (size_t i = 0; i < r.n; i++) {
        const lay_item *it = &r.items[i];
        if (it->kind == LAY_IMAGE && strstr(it->path, "big.png")) {
            CHECK_INT(it->w, 400); /* 2000x1000 capped at height 200 */
            CHECK_INT(it->h, 200);
            CHECK(it->x >= 0 && it->x + it->w <= 500);
            images++;
        }
        if (it->kind == LAY_IMAGE && strstr(it->path, "icon.png")) {
            CHECK_INT(it->h, 10); /* inline: scaled to the line */
            images++;
        }
        placeholder |= it->kind == LAY_RECT && it->color == LAY_C_PLACEHOLDER;
        label |= it->kind == LAY_TEXT && strstr(it->text, "missing.png") != NULL;
    }
    CHECK_INT(images, 2);
    CHECK(placeholder);
    CHECK(label);
    doc_free(d);
    lay_fini(&r);
}

TEST(placeholder_grows_with_a_long_name)
{
    /* A missing picture with a long URL at a narrow width: the name wraps
     * to three lines inside the frame, so the frame holds all of them and
     * the caption starts below it (found by test_fuzz, MG_SEED=1796156571:
     * the caption was drawn over the name's last line). */
    lay_result r;
    lay_init(&r);
    layout_md(&r, "![遠くの画像](https://example.jp/a/long/path/to/x.png)\n", 120, 10);
    const lay_item *frame = NULL, *caption = NULL;
    int name_bottom = 0, name_lines = 0;
    for (size_t i = 0; i < r.n; i++) {
        const lay_item *it = &r.items[i];
        if (it->kind == LAY_RECT && it->color == LAY_C_PLACEHOLDER)
            frame = it;
        else if (it->kind == LAY_TEXT && it->color == LAY_C_MUTED && it->len &&
                 strstr("遠くの画像", it->text))
            caption = it;
        else if (it->kind == LAY_TEXT) {
            name_bottom = MG_MAX(name_bottom, it->y + it->h);
            name_lines++;
        }
    }
    CHECK(frame != NULL);
    CHECK(caption != NULL);
    CHECK(name_lines >= 3);
    if (frame && caption) {
        CHECK(name_bottom <= frame->y + frame->h);
        CHECK(caption->y >= frame->y + frame->h);
    }
    lay_fini(&r);
}

static void width_hint(const doc_span *img, lay_image_hint *hint)
{
    if (img->len > 2 && strncmp(img->text, "w:", 2) == 0)
        hint->w = atoi(img->text + 2);
}

/* Slides (lay_opts.margins): pictures at their own size and where the
 * paragraph puts them, a missing one left out, margins collapsing. */
TEST(slide_images_and_margins)
{
    lay_result r;
    lay_init(&r);
    const char *md = "# 題\n\n![w:100](big.png)\n\n![](missing.png)\n\n文 ![](icon.png) 中\n\n終\n";
    doc_t *d = doc_parse(md, strlen(md), "t.md", NULL);
    const doc_block *blocks[8];
    size_t n = 0;
    for (const doc_block *b = d->root->first; b && n < 8; b = b->next)
        blocks[n++] = b;
    lay_ctx c = {&fake, L};
    static const float hs[6] = {2, 1, 1, 1, 1, 1};
    lay_margins mg = {.h_top = {1}, .h_bottom = {2}, .top = 1, .bottom = 0.5f};
    lay_opts o = {.width = 500, .base_size = 10, .line_gap = 1.5f, .heading_scale = hs,
                  .no_heading_rules = true, .image_hint = width_hint, .margins = &mg};
    int h = lay_blocks(&r, &c, blocks, n, 0, 0, &o);
    int big_y = -1, icon_y = -1, icon_h = 0, text_y = -1, end_y = -1;
    for (size_t i = 0; i < r.n; i++) {
        const lay_item *it = &r.items[i];
        CHECK(!(it->kind == LAY_TEXT && strstr(it->text, "missing")));
        CHECK(it->kind != LAY_RECT); /* no placeholder frame */
        if (it->kind == LAY_IMAGE && strstr(it->path, "big.png")) {
            CHECK_INT(it->w, 100); /* w:100 of 2000x1000, at the left as in a <p> */
            CHECK_INT(it->h, 50);
            CHECK_INT(it->x, 0);
            big_y = it->y;
        }
        if (it->kind == LAY_IMAGE && strstr(it->path, "icon.png")) {
            icon_h = it->h;
            icon_y = it->y;
        }
        if (it->kind == LAY_TEXT && strstr(it->text, "文"))
            text_y = it->y;
        if (it->kind == LAY_TEXT && strcmp(it->text, "終") == 0)
            end_y = it->y;
    }
    /* the title: 20 high at 1.3 = 26; then max(2, 1) em = 20 */
    CHECK_INT(big_y, 26 + 20);
    /* inline: its own 40 px, standing on the baseline, the line pushed down */
    CHECK_INT(icon_h, 40);
    CHECK(text_y > icon_y);
    CHECK_INT(icon_y + 40, text_y + (15 - 10) / 2 + 8); /* baseline: half-leading + ascent */
    CHECK(end_y > text_y + 15);
    CHECK_INT(h, end_y + 15); /* no margin after the last block */
    doc_free(d);
    lay_fini(&r);
}

TEST(short_cells_are_not_squeezed)
{
    /* A long third column must not take the few characters a name needs. */
    lay_result r;
    lay_init(&r);
    layout_md(&r,
              "| 時刻 | 誰が | 何を見たか |\n|---|---|---|\n"
              "| 10:05 | 経理 山田 | 請求書のメールの添付を開いたら画面に見慣れない表示が出て、"
              "共有フォルダーのファイルが開けなくなった |\n",
              300, 10);
    bool whole = false;
    for (size_t i = 0; i < r.n; i++)
        whole |= r.items[i].kind == LAY_TEXT && strcmp(r.items[i].text, "経理 山田") == 0;
    CHECK(whole);
    lay_fini(&r);
}

static bool starts_forbidden(const char *s, size_t n)
{
    static const char *const bad[] = {"、", "。", "，", "．", "・", "：", "；", "？", "！", "ー",
                                      "」", "』", "）", "】", "〕", "〉", "》", "ぁ", "ぃ", "ぅ",
                                      "ぇ", "ぉ", "っ", "ゃ", "ゅ", "ょ", "ァ", "ィ", "ゥ", "ェ",
                                      "ォ", "ッ", "ャ", "ュ", "ョ"};
    for (size_t i = 0; i < MG_ARRAY_LEN(bad); i++)
        if (n >= strlen(bad[i]) && memcmp(s, bad[i], strlen(bad[i])) == 0)
            return true;
    return false;
}

static bool ends_forbidden(const char *s, size_t n)
{
    static const char *const bad[] = {"「", "『", "（", "【", "〔", "〈", "《"};
    for (size_t i = 0; i < MG_ARRAY_LEN(bad); i++) {
        size_t l = strlen(bad[i]);
        if (n >= l && memcmp(s + n - l, bad[i], l) == 0)
            return true;
    }
    return false;
}

TEST(whole_guidebook_obeys_kinsoku_and_width)
{
    const char *src = getenv("MG_SOURCE_DIR");
    char *dir = path_join(src ? src : "..", "assets/guidebook");
    guide g;
    size_t n = guide_load_dir(&g, dir, NULL);
    CHECK(n >= 6);
    lay_ctx c = {&fake, L};
    int checked = 0;
    /* 25 to 41 characters a line: the range of real screens and paper. */
    for (int width = 250; width <= 410; width += 80) {
        for (size_t k = 0; k < g.n; k++) {
            lay_result r;
            lay_init(&r);
            lay_opts o = {.width = width, .base_size = 10, .max_image_h = 300};
            lay_doc(&r, &c, g.ch[k].doc, &o);
            for (size_t i = 0; i < r.n; i++) {
                const lay_item *it = &r.items[i];
                if (it->x < 0 || it->x + it->w > width) {
                    fprintf(stderr, "%s: item %zu at %d+%d exceeds %d: %.*s\n", g.ch[k].path, i,
                            it->x, it->w, width, (int)it->len, it->text ? it->text : "");
                    CHECK(0);
                }
                if (it->kind != LAY_TEXT || it->color == LAY_C_MARKER)
                    continue;
                /* First text item on its line? */
                bool first = i == 0 || r.items[i - 1].textline != it->textline ||
                             r.items[i - 1].kind != LAY_TEXT ||
                             r.items[i - 1].color == LAY_C_MARKER;
                bool last = i + 1 == r.n || r.items[i + 1].textline != it->textline ||
                            r.items[i + 1].kind != LAY_TEXT;
                if (first && starts_forbidden(it->text, it->len)) {
                    fprintf(stderr, "%s: line starts with a forbidden char: %.*s\n",
                            g.ch[k].path, (int)it->len, it->text);
                    CHECK(0);
                }
                if (last && ends_forbidden(it->text, it->len)) {
                    fprintf(stderr, "%s: line ends with an opening bracket: %.*s\n",
                            g.ch[k].path, (int)it->len, it->text);
                    CHECK(0);
                }
                checked++;
            }
            lay_fini(&r);
        }
    }
    CHECK(checked > 1000);
    guide_fini(&g);
    free(dir);
}

TEST(titles_break_between_phrases)
{
    lay_ctx c = {&fake, L};
    lay_result r;
    /* 19 wide characters at 20 units, 11 to a line (220).  Ordinary breaks
     * would cut 「ランサムウェアに感染し／たときの…」; a title keeps phrases whole. */
    const char *t = "ランサムウェアに感染したときの初動対応";
    lay_init(&r);
    lay_text(&r, &c, t, 0, 0, 220, 20, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
    LINE(&r, 0, "ランサムウェアに感染し");
    lay_fini(&r);
    lay_init(&r);
    lay_text(&r, &c, t, 0, 0, 220, 20, LAY_S_PHRASE, LAY_C_TEXT, DOC_ALIGN_LEFT);
    LINE(&r, 0, "ランサムウェアに");
    LINE(&r, 1, "感染したときの初動対応");
    CHECK_INT(r.textlines, 2);
    for (size_t i = 0; i < r.n; i++) /* the bit is for layout only */
        CHECK(!(r.items[i].style & LAY_S_PHRASE));
    lay_fini(&r);
    /* A phrase longer than the line: ordinary breaks inside it, kinsoku kept
     * (「ェ」 never starts a line). */
    lay_init(&r);
    lay_text(&r, &c, t, 0, 0, 100, 20, LAY_S_PHRASE, LAY_C_TEXT, DOC_ALIGN_LEFT);
    LINE(&r, 0, "ランサム");
    LINE(&r, 1, "ウェアに");
    LINE(&r, 2, "感染した");
    lay_fini(&r);
    /* Headings of documents (and so slide titles) are titles. */
    lay_init(&r);
    layout_md(&r, "# ランサムウェアに感染したときの初動対応\n", 11 * 18, 10); /* h1: 18 */
    LINE(&r, 0, "ランサムウェアに");
    LINE(&r, 1, "感染したときの初動対応");
    lay_fini(&r);
}


/* A response table shaped like the desk's EPUB: a STEP cell spanning two
 * rows, a referral cell spanning three, a heading and a list inside a
 * cell, and a closing note across all columns. */
static const char merged_xhtml[] =
    "<table>\n"
    "<thead><tr><th>段階</th><th>すること</th><th>相談先</th></tr></thead>\n"
    "<tbody>\n"
    "<tr><td rowspan=\"2\">STEP1</td><td>ネットワークから切り離す</td>"
    "<td rowspan=\"3\">NISC<br/>IPA</td></tr>\n"
    "<tr><td>電源は切らずにそのままにする</td></tr>\n"
    "<tr><td>STEP2</td><td><h3>見分け方</h3><ul><li>画面の脅迫文</li><li>拡張子の変化</li></ul></td></tr>\n"
    "<tr><td colspan=\"3\">警察への相談も忘れずに行いましょう</td></tr>\n"
    "</tbody></table>\n";

static const lay_item *find_text(const lay_result *r, const char *t)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->items[i].kind == LAY_TEXT && strcmp(r->items[i].text, t) == 0)
            return &r->items[i];
    return NULL;
}

/* Compare a dump with tests/data/layout/NAME.expected (MG_UPDATE_GOLDEN=1
 * rewrites it: check the new dump by hand before committing). */
static void golden(const char *name, const char *got)
{
    const char *src = getenv("MG_SOURCE_DIR");
    strbuf p;
    strbuf_init(&p);
    strbuf_printf(&p, "%s/tests/data/layout/%s.expected", src ? src : "..", name);
    if (getenv("MG_UPDATE_GOLDEN")) {
        char err[256];
        CHECK(write_file_atomic(p.s, got, strlen(got), err, sizeof err));
    }
    size_t n;
    char *want = read_file(p.s, &n);
    CHECK(want != NULL);
    if (want && strcmp(want, got) != 0) {
        fprintf(stderr, "golden mismatch for %s\n--- got\n%s--- expected\n%s", name, got, want);
        CHECK(0);
    }
    free(want);
    strbuf_fini(&p);
}

TEST(merged_cells_from_an_epub)
{
    const char *book = "merged.epub";
    CHECK(fixture_epub_body(book, merged_xhtml));
    diag_list d;
    diag_init(&d, LANG_EN);
    guide g;
    CHECK_INT(guide_load(&g, ".", book, &d), 1);
    const doc_t *doc = g.ch[0].doc;
    strbuf out;
    strbuf_init(&out);
    doc_dump(doc, &out);
    CHECK_CONTAINS(out.s, "cell rowspan=2 @7: STEP1");
    CHECK_CONTAINS(out.s, "cell rowspan=3 @7: NISC{br}IPA");
    CHECK_CONTAINS(out.s, "cell colspan=3 @10:");
    CHECK_CONTAINS(out.s, "heading 3 @9: 見分け方"); /* a heading in a cell stays one */
    golden("merged.doc", out.s);

    lay_ctx c = {&fake, L};
    for (int width = 180; width <= 600; width += 420) {
        lay_result r;
        lay_init(&r);
        lay_opts o = {.width = width, .base_size = 10};
        lay_doc(&r, &c, doc, &o);
        const lay_item *step = find_text(&r, "段階"), *todo = find_text(&r, "すること"),
                       *refs = find_text(&r, "相談先"), *nisc = find_text(&r, "NISC"),
                       *ipa = find_text(&r, "IPA"), *s2 = find_text(&r, "STEP2"),
                       *look = find_text(&r, "見分け方");
        CHECK(step && todo && refs && nisc && ipa && s2 && look);
        if (!(step && todo && refs && nisc && ipa && s2 && look))
            break;
        /* Each continuation under its own heading, not one column left. */
        CHECK_INT(nisc->x, refs->x);
        CHECK_INT(ipa->x, refs->x);
        CHECK_INT(s2->x, step->x);
        CHECK_INT(look->x, todo->x);
        CHECK(look->size > 10 && (look->style & DOC_S_BOLD)); /* heading size, bold */
        const lay_item *off = find_text(&r, "電源は切らずにそのままにする");
        if (width == 600) /* room enough: the cell on one line, in its column */
            CHECK(off && off->x == todo->x);
        /* The note spans the table: it starts in the first column. */
        bool note = false;
        for (size_t i = 0; i < r.n; i++)
            if (r.items[i].kind == LAY_TEXT && strstr(r.items[i].text, "警察") == r.items[i].text)
                note = r.items[i].x == step->x;
        CHECK(note);
        /* No line through a merged cell: no border crosses NISC..IPA's box. */
        for (size_t i = 0; i < r.n; i++) {
            const lay_item *it = &r.items[i];
            if (it->kind != LAY_RECT || it->color != LAY_C_TABLE_BORDER || it->h > it->w)
                continue;
            bool crosses = it->y > nisc->y && it->y < ipa->y + ipa->h && it->x <= nisc->x &&
                           it->x + it->w > nisc->x;
            CHECK(!crosses);
        }
        /* The header rows are recorded for a page turn. */
        CHECK_INT(r.ntables, 1);
        CHECK(r.tables[0].head_end > r.tables[0].head_first);
        CHECK(r.tables[0].head_y1 <= nisc->y);
        for (size_t i = 0; i < r.n; i++)
            CHECK(r.items[i].x >= 0 && r.items[i].x + r.items[i].w <= width);
        out.len = 0;
        lay_dump(&r, &out);
        golden(width == 180 ? "merged.180" : "merged.600", out.s);
        lay_fini(&r);
    }
    strbuf_fini(&out);
    guide_fini(&g);
    diag_fini(&d);
}

TEST(check_names_tables_it_cannot_lay_out)
{
    static const char bad[] =
        "<table><tr><th>段階</th><th>相談先</th></tr>\n"
        "<tr><td>STEP1</td><td rowspan=\"2\">NISC</td></tr>\n"
        "<tr><td colspan=\"2\">重なるセル</td></tr>\n"
        "<tr><td rowspan=\"4\">STEP2</td><td>IPA</td></tr>\n"
        "</table>\n";
    const char *book = "badtable.epub";
    CHECK(fixture_epub_body(book, bad));
    diag_list d;
    diag_init(&d, LANG_EN);
    guide g;
    CHECK_INT(guide_load(&g, ".", book, &d), 1);
    size_t before = d.n;
    doc_check_tables(g.ch[0].doc, &d);
    CHECK(d.n >= before + 2);
    strbuf all;
    strbuf_init(&all);
    for (size_t i = 0; i < d.n; i++) {
        char line[512];
        diag_format(&d, i, line, sizeof line);
        strbuf_printf(&all, "%s\n", line);
    }
    CHECK_CONTAINS(all.s, "t.xhtml:7: a merged cell runs past the end of its table (rowspan=4, 1 rows left)");
    CHECK_CONTAINS(all.s, "t.xhtml:6: table cells overlap (row 3, column 2)");
    strbuf_fini(&all);
    guide_fini(&g);
    diag_fini(&d);
    /* The good table passes. */
    CHECK(fixture_epub_body(book, merged_xhtml));
    diag_init(&d, LANG_EN);
    CHECK_INT(guide_load(&g, ".", book, &d), 1);
    before = d.n;
    doc_check_tables(g.ch[0].doc, &d);
    CHECK_INT((int)d.n, (int)before);
    guide_fini(&g);
    diag_fini(&d);
}

/* Page through every bundled chapter at two view heights: every line (a
 * visual line of text or a picture no taller than the view) is wholly on
 * exactly one page, and no page cuts a line at its top or its foot.  A
 * page shows from its top to where the next page starts (the reader
 * leaves the slice below blank), at most h. */
static int header_over(const lay_result *r, int top, int h)
{
    return lay_header_over(r, top, h, NULL);
}

static int page_through(const lay_result *r, int h, const char *name)
{
    int tops[4096], np = 0, top = -h / 20; /* the view's padding above */
    for (;;) {
        tops[np++] = top;
        int next = lay_page_top(r, top, h, 1);
        if (next == top || np == (int)MG_ARRAY_LEN(tops))
            break;
        CHECK(next > top);
        top = next;
    }
    int bad = 0;
    for (size_t i = 0; i < r->n; i++) {
        const lay_item *it = &r->items[i];
        if ((it->kind != LAY_TEXT && it->kind != LAY_IMAGE) || it->h > h)
            continue;
        int whole = 0, cut = 0;
        for (int p = 0; p < np; p++) {
            int a = tops[p] + header_over(r, tops[p], h), b = tops[p] + h;
            /* It ends where the next page's own lines start (under the
             * header that page repeats, if any). */
            int nb = p + 1 < np ? tops[p + 1] + header_over(r, tops[p + 1], h) : b;
            if (nb < b)
                b = nb;
            if (it->y >= a && it->y + it->h <= b)
                whole++;
            else if (it->y < b && it->y + it->h > a)
                cut++;
        }
        if (whole != 1 || cut) {
            if (bad++ < 5)
                fprintf(stderr, "%s h=%d: \"%.*s\" at %d+%d whole on %d pages, cut on %d\n", name,
                        h, (int)it->len, it->text ? it->text : "", it->y, it->h, whole, cut);
        }
    }
    /* And back: from the last page to the first, never cutting a line. */
    int back = tops[np - 1], steps = 0;
    while (back > tops[0] && steps++ < 4096) {
        int prev = lay_page_top(r, back, h, -1);
        CHECK(prev < back);
        for (size_t i = 0; i < r->n; i++) {
            const lay_item *it = &r->items[i];
            if ((it->kind == LAY_TEXT || it->kind == LAY_IMAGE) && it->h <= h &&
                it->y < prev && it->y + it->h > prev)
                bad++;
        }
        back = prev;
    }
    return np > 1 ? bad : bad + 1000 * (r->height > h);
}

TEST(paging_never_cuts_a_line)
{
    const char *src = getenv("MG_SOURCE_DIR");
    char *dir = path_join(src ? src : "..", "assets/guidebook");
    guide g;
    size_t n = guide_load_dir(&g, dir, NULL);
    CHECK(n >= 6);
    lay_ctx c = {&fake, L};
    int pages_checked = 0;
    for (int h = 173; h <= 400; h += 227) {
        for (size_t k = 0; k < g.n; k++) {
            lay_result r;
            lay_init(&r);
            lay_opts o = {.width = 330, .base_size = 10, .max_image_h = h * 7 / 10, .line_gap = 1.55f};
            lay_doc(&r, &c, g.ch[k].doc, &o);
            CHECK(r.height > h); /* more than one page, so paging is tried */
            CHECK_INT(page_through(&r, h, g.ch[k].path), 0);
            pages_checked++;
            lay_fini(&r);
        }
    }
    CHECK(pages_checked >= 12);
    guide_fini(&g);
    free(dir);
    /* A long table with merged cells: each page inside its body starts with
     * the header, and still no row's line is cut or lost. */
    strbuf x;
    strbuf_init(&x);
    strbuf_adds(&x, "<table><thead><tr><th>段階</th><th>すること</th><th>相談先</th></tr></thead><tbody>");
    for (int i = 1; i <= 30; i++)
        strbuf_printf(&x, i % 2 ? "<tr><td rowspan=\"2\">STEP%d</td><td>手順%dを確かめる</td><td>窓口</td></tr>"
                                : "<tr><td>手順%dを確かめる</td><td>窓口</td></tr>",
                      i, i);
    strbuf_adds(&x, "</tbody></table>");
    CHECK(fixture_epub_body("long.epub", x.s));
    strbuf_fini(&x);
    CHECK_INT(guide_load(&g, ".", "long.epub", NULL), 1);
    lay_result r;
    lay_init(&r);
    lay_opts o = {.width = 300, .base_size = 10};
    lay_doc(&r, &c, g.ch[0].doc, &o);
    CHECK_INT(page_through(&r, 173, "long.epub"), 0);
    int second = lay_page_top(&r, -8, 173, 1);
    CHECK(header_over(&r, second, 173) > 0); /* page two: the header stands on top */
    lay_fini(&r);
    guide_fini(&g);
}

int main(void)
{
    L = lb_new();
    CHECK(L != NULL);
    RUN(japanese_paragraph_kinsoku);
    RUN(opening_bracket_never_ends_a_line);
    RUN(latin_words_urls_and_overlong_words);
    RUN(soft_breaks);
    RUN(list_hanging_indent);
    RUN(table_fits_and_wraps);
    RUN(images_scale_and_placeholders);
    RUN(placeholder_grows_with_a_long_name);
    RUN(slide_images_and_margins);
    RUN(short_cells_are_not_squeezed);
    RUN(whole_guidebook_obeys_kinsoku_and_width);
    RUN(titles_break_between_phrases);
    RUN(merged_cells_from_an_epub);
    RUN(check_names_tables_it_cannot_lay_out);
    RUN(paging_never_cuts_a_line);
    lb_free(L);
    return test_summary();
}
