/*
 * EPUB books: a small EPUB 3 built in the test (epub_fixture.h) read back:
 * TOC, spine order, blocks, ruby, images, internal links, and the bad
 * inputs: a path out of the book, XHTML that is not well-formed, no nav
 * document, a damaged zip.
 */
#include <unistd.h>

#include "../app/core/content.h"
#include "../app/core/epub.h"
#include "../app/core/guide.h"
#include "epub_fixture.h"
#include "test.h"

static char book[64], nonav[64];

static bool has_diag(const diag_list *d, const char *text)
{
    char buf[1024];
    for (size_t i = 0; i < d->n; i++) {
        diag_format(d, i, buf, sizeof buf);
        if (strstr(buf, text))
            return true;
    }
    fprintf(stderr, "no diagnostic containing \"%s\"; have:\n", text);
    diag_print(d, stderr);
    return false;
}

TEST(resolve_paths)
{
    char *p = epub_resolve("OEBPS/text/ch1.xhtml", "../images/a%20b.png#x");
    CHECK_STR(p, "OEBPS/images/a b.png");
    free(p);
    p = epub_resolve("OEBPS/content.opf", "./text/./ch1.xhtml");
    CHECK_STR(p, "OEBPS/text/ch1.xhtml");
    free(p);
    CHECK(epub_resolve("OEBPS/content.opf", "../../etc/passwd") == NULL);
    CHECK(epub_resolve("OEBPS/text/ch1.xhtml", "../../../x") == NULL);
    CHECK(epub_resolve("a.opf", "/etc/passwd") == NULL);
    CHECK(epub_resolve("a.opf", "https://example.com/x.png") == NULL);
}

TEST(toc_spine_and_blocks)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    guide g;
    CHECK_INT(guide_load(&g, ".", book, &d), 3);
    CHECK_STR(g.title, "テスト用ガイドブック");
    /* spine order, the escaping item skipped */
    CHECK_STR(g.ch[0].path, "OEBPS/text/ch1.xhtml");
    CHECK_STR(g.ch[2].path, "OEBPS/text/ch3.xhtml");
    /* nested TOC from the nav document; chapters take its titles */
    CHECK_INT(g.ntoc, 4);
    CHECK_STR(g.toc[0].title, "第1章 知っておきたい攻撃");
    CHECK_INT(g.toc[1].level, 2);
    CHECK_INT(g.toc[1].chapter, 0);
    CHECK(g.toc[1].line > 0); /* the #sec2 anchor */
    CHECK_STR(g.ch[1].title, "第2章 詐欺の手口");
    /* the errors and warnings, named by file inside the book */
    CHECK(has_diag(&d, "OEBPS/content.opf:14: a path outside the book is not read: ../../etc/passwd"));
    CHECK(has_diag(&d, "ch1.xhtml:18: a path outside the book is not read"));
    CHECK(has_diag(&d, "ch3.xhtml: warning: not well-formed XHTML"));

    strbuf out;
    strbuf_init(&out);
    doc_dump(g.ch[0].doc, &out);
    const char *s = out.s;
    CHECK_CONTAINS(s, "heading 1 @5: 知っておきたい攻撃");
    CHECK_CONTAINS(s, "**太字**");
    CHECK_CONTAINS(s, "_斜体_");
    CHECK_CONTAINS(s, "鍵（かぎ）を守りましょう。{br}");
    CHECK_CONTAINS(s, "[第2章](/OEBPS/text/ch2.xhtml#target)"); /* resolved where it is written */
    CHECK_CONTAINS(s, "list bullet");
    CHECK_CONTAINS(s, "      item @9"); /* nested list item */
    CHECK_CONTAINS(s, "list ordered start=3");
    CHECK_CONTAINS(s, "cell @11: ポイント{br}枠で囲んだ注意書きです。"); /* a box table */
    CHECK_CONTAINS(s, "row head @12");
    CHECK_CONTAINS(s, "cell head @12: 攻撃");
    CHECK_CONTAINS(s, "image @14: ![図1](../images/pic.png)");
    CHECK_CONTAINS(s, "para @15: 写真 ![写真](../images/photo%20one.jpg) を見てください。");
    CHECK_CONTAINS(s, "heading 2 @16: 身代金を要求する攻撃");
    CHECK_CONTAINS(s, "div の中の文章です。span の文章");
    CHECK(strstr(s, "color: red") == NULL); /* <style> is not text */
    out.len = 0;
    doc_dump(g.ch[1].doc, &out);
    CHECK_CONTAINS(out.s, "知らない要素の文章も残ります。");
    CHECK_CONTAINS(out.s, "code @7: code  keeps   spaces");
    out.len = 0;
    doc_dump(g.ch[2].doc, &out);
    CHECK_CONTAINS(out.s, "閉じていない**太字**"); /* recovered as HTML */
    CHECK_CONTAINS(out.s, "次の段落 & 記号");
    strbuf_fini(&out);

    /* pictures come out of the zip */
    const doc_block *img = g.ch[0].doc->root->first;
    while (img && img->kind != DOC_IMAGE)
        img = img->next;
    CHECK(img != NULL);
    if (img) {
        CHECK_STR(img->spans[0].path, "epub:OEBPS/images/pic.png");
        size_t n;
        unsigned char *b = guide_read_file(&g, img->spans[0].path, &n);
        CHECK(b && n == sizeof fixture_png && memcmp(b, "\x89PNG", 4) == 0);
        free(b);
    }
    size_t n;
    unsigned char *j = guide_read_file(&g, "epub:OEBPS/images/photo one.jpg", &n);
    CHECK(j && n > 4 && j[0] == 0xFF && j[1] == 0xD8);
    free(j);
    CHECK(guide_read_file(&g, "epub:../../etc/passwd", &n) == NULL);
    guide_fini(&g);
    diag_fini(&d);
}

TEST(internal_links)
{
    guide g;
    CHECK_INT(guide_load(&g, ".", book, NULL), 3);
    int ch = -1, line = -1;
    CHECK(guide_resolve_link(&g, 0, "ch2.xhtml#target", &ch, &line));
    CHECK_INT(ch, 1);
    CHECK_INT(line, 5); /* <p id="target"> */
    CHECK(guide_resolve_link(&g, 0, "#sec2", &ch, &line));
    CHECK_INT(ch, 0);
    CHECK_INT(line, 16);
    CHECK(guide_resolve_link(&g, 1, "ch3.xhtml", &ch, &line));
    CHECK_INT(ch, 2);
    CHECK_INT(line, 0);
    CHECK(!guide_resolve_link(&g, 0, "missing.xhtml", &ch, &line));
    guide_fini(&g);
}

TEST(no_nav_and_damaged_zip)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    guide g;
    CHECK_INT(guide_load(&g, ".", nonav, &d), 3);
    CHECK(has_diag(&d, "no navigation document"));
    CHECK_INT(g.ntoc, 3); /* the chapters are the contents */
    CHECK_STR(g.toc[1].title, "詐欺の手口");
    guide_fini(&g);
    diag_fini(&d);

    /* a zip cut in half, and a file that is no zip at all */
    size_t len;
    char *bytes = read_file(book, &len);
    FILE *f = fopen("damaged.epub", "wb");
    fwrite(bytes, 1, len / 2, f);
    fclose(f);
    free(bytes);
    diag_init(&d, LANG_EN);
    CHECK_INT(guide_load(&g, ".", "damaged.epub", &d), 0);
    CHECK(has_diag(&d, "damaged.epub: not a readable EPUB (zip)"));
    guide_fini(&g);
    diag_fini(&d);
    diag_init(&d, LANG_EN);
    CHECK_INT(guide_load(&g, ".", "/nonexistent.epub", &d), 0);
    CHECK(has_diag(&d, "/nonexistent.epub"));
    guide_fini(&g);
    diag_fini(&d);
}

/* The desk's shape: 14 spine files, 3 top entries: 3 chapters (the cover
 * and contents page open the first), one numbering for the TOC and the
 * chapters. */
TEST(chapters_group_spine_files)
{
    char dbook[64];
    snprintf(dbook, sizeof dbook, "desk-%d.epub", (int)getpid());
    CHECK(fixture_epub_desk(dbook, NULL, 0));
    diag_list d;
    diag_init(&d, LANG_EN);
    guide g;
    CHECK_INT(guide_load(&g, ".", dbook, &d), 3);
    /* the cover and the contents page (not in the contents) open chapter 1 */
    CHECK_STR(g.ch[0].title, "第1章 サイバー攻撃の現状");
    CHECK_INT(g.ch[0].nparts, 6);
    CHECK_STR(g.ch[0].parts[0].path, "OEBPS/item/xhtml/cover.xhtml");
    CHECK_STR(g.ch[0].parts[2].path, "OEBPS/item/xhtml/p-001.xhtml");
    CHECK_STR(g.ch[2].title, "第3章 相談・届出先");
    CHECK_INT(g.ch[2].nparts, 4);
    for (size_t i = 0; i < g.n; i++)
        CHECK(strstr(g.ch[i].title, "xhtml") == NULL);
    /* the contents: each chapter, then its sections */
    CHECK_INT(g.ntoc, 6);
    int chapters = 0;
    for (size_t i = 0; i < g.ntoc; i++)
        if (g.toc[i].level == 1) {
            CHECK_INT(g.toc[i].chapter, chapters);
            CHECK_STR(g.toc[i].title, g.ch[chapters].title);
            chapters++;
        }
    CHECK_INT(chapters, 3);
    CHECK_STR(g.toc[1].title, "1-1 ランサムウェア");
    CHECK_INT(g.toc[1].level, 2);
    CHECK_INT(g.toc[1].chapter, 0);
    CHECK(g.toc[1].line == g.ch[0].parts[3].line); /* p-002 starts there */
    CHECK_STR(g.toc[2].title, "1-2 標的型攻撃メール");
    CHECK(g.toc[2].line > g.ch[0].parts[4].line && g.toc[2].line < g.ch[0].parts[5].line);
    CHECK_STR(g.toc[4].title, "2-1 初動対応");
    CHECK_INT(g.toc[4].chapter, 1);
    /* a section jump lands on its heading */
    const doc_block *b = g.ch[0].doc->root->first;
    while (b && b->line < g.toc[2].line)
        b = b->next;
    CHECK(b && b->kind == DOC_HEADING);
    if (b) {
        char *t = doc_block_text(b);
        CHECK_STR(t, "標的型攻撃メール");
        free(t);
    }
    /* a link across chapters, into a later file of that chapter */
    int ch = -1, line = -1;
    CHECK(guide_resolve_link(&g, 0, "p-007.xhtml#far", &ch, &line));
    CHECK_INT(ch, 1);
    CHECK(line > g.ch[1].parts[2].line);
    CHECK(guide_resolve_link(&g, 0, "p-008.xhtml", &ch, &line));
    CHECK_INT(ch, 1);
    CHECK_INT(line, g.ch[1].parts[3].line);
    /* "#fn1" in p-003 is p-003's own fn1, not p-002's (the same id, an
     * earlier file of the same chapter) */
    const char *fn = NULL;
    for (const doc_block *k = g.ch[0].doc->root->first; k && !fn; k = k->next)
        for (size_t i = 0; i < k->nspans && !fn; i++)
            if (k->spans[i].href && strstr(k->spans[i].href, "#fn1"))
                fn = k->spans[i].href;
    CHECK(fn != NULL);
    CHECK(fn && guide_resolve_link(&g, 0, fn, &ch, &line));
    CHECK_INT(ch, 0);
    CHECK(line > g.ch[0].parts[4].line); /* in p-003 */
    /* messages name the file and its own line, not the chapter's */
    content_check_guide(&g, &d);
    CHECK(has_diag(&d, "item/xhtml/p-002.xhtml:12: "));
    int fl = 0;
    const char *f = doc_where(g.ch[1].doc, g.ch[1].parts[2].line + 4, &fl);
    CHECK_CONTAINS(f, "p-007.xhtml");
    CHECK_INT(fl, 5);
    guide_fini(&g);
    diag_fini(&d);
    unlink(dbook);
}

/* The href of the link whose text is text, in doc; NULL if none. */
static const char *link_of(const doc_t *doc, const char *text)
{
    for (const doc_block *k = doc->root->first; k; k = k->next)
        for (size_t i = 0; i < k->nspans; i++)
            if (k->spans[i].href && (k->spans[i].style & DOC_S_LINK) &&
                k->spans[i].len == strlen(text) && !memcmp(k->spans[i].text, text, k->spans[i].len))
                return k->spans[i].href;
    fprintf(stderr, "no link \"%s\"\n", text);
    return NULL;
}

/* A chapter that joins files from two folders: a link lands on the file
 * next to the one it is written in (not next to the chapter's first file),
 * "../" climbs from there too; and a file with old Mac line ends (lone
 * CRs) counts its lines, so messages name the right file and line. */
TEST(links_and_lines_in_a_chapter_of_several_files)
{
    char jbook[64];
    snprintf(jbook, sizeof jbook, "joined-%d.epub", (int)getpid());
    CHECK(fixture_epub_joined(jbook));
    diag_list d;
    diag_init(&d, LANG_EN);
    guide g;
    CHECK_INT(guide_load(&g, ".", jbook, &d), 2);
    if (g.n != 2) {
        diag_print(&d, stderr);
        guide_fini(&g);
        diag_fini(&d);
        return;
    }
    CHECK_INT(g.ch[0].nparts, 3);
    CHECK_STR(g.ch[0].parts[1].path, "OEBPS/sub/two.xhtml");
    CHECK_STR(g.ch[0].parts[2].path, "OEBPS/sub/p-003.xhtml");
    int ch = -1, line = -1;
    /* "p-003.xhtml#x" in sub/two.xhtml: sub/p-003's x, in chapter 1 (the
     * top folder's p-003, in chapter 2, has an x too) */
    const char *h = link_of(g.ch[0].doc, "隣へ");
    CHECK(h && guide_resolve_link(&g, 0, h, &ch, &line));
    CHECK_INT(ch, 0);
    CHECK_INT(line, g.ch[0].parts[2].line + 5);
    /* "../three.xhtml#y": from sub/ up to the top folder's three.xhtml */
    h = link_of(g.ch[0].doc, "上へ");
    CHECK(h && guide_resolve_link(&g, 0, h, &ch, &line));
    CHECK_INT(ch, 1);
    CHECK_INT(line, g.ch[1].parts[0].line + 5);
    /* "#z": the element of the file it is written in */
    h = link_of(g.ch[0].doc, "自分へ");
    CHECK(h && guide_resolve_link(&g, 0, h, &ch, &line));
    CHECK_INT(ch, 0);
    CHECK_INT(line, g.ch[0].parts[1].line + 3);
    /* sub/two.xhtml has 10 lines ended by CRs: the next file starts past
     * them, and each missing picture is named at its own file's line */
    CHECK(g.ch[0].parts[2].line > g.ch[0].parts[1].line + 9);
    content_check_guide(&g, &d);
    CHECK(has_diag(&d, "OEBPS/sub/two.xhtml:5: "));
    CHECK(has_diag(&d, "OEBPS/sub/p-003.xhtml:5: "));
    int fl = 0;
    const char *f = doc_where(g.ch[0].doc, g.ch[0].parts[1].line + 6, &fl);
    CHECK_CONTAINS(f, "sub/two.xhtml");
    CHECK_INT(fl, 7);
    guide_fini(&g);
    diag_fini(&d);
    unlink(jbook);
}

/* A spine of 5,000 files and a contents entry for each (the first 2,000
 * files are read): every entry lands on its own file's section, looked up
 * by a sorted index (a scan of the spine for each entry was n times n). */
TEST(long_spine_and_contents)
{
    char lbook[64];
    snprintf(lbook, sizeof lbook, "long-%d.epub", (int)getpid());
    CHECK(fixture_epub_long_spine(lbook, 5000));
    diag_list d;
    diag_init(&d, LANG_EN);
    guide g;
    CHECK_INT(guide_load(&g, ".", lbook, &d), 20);
    CHECK(has_diag(&d, "the spine is too long (only the first 2000 chapters are read)"));
    CHECK_INT(g.ntoc, 2000);
    size_t wrong = 0;
    for (size_t i = 0; i < g.ntoc && i < 2000; i++) {
        int file = (int)i; /* one entry a file, in order */
        int c = file / 100, k = file % 100;
        const guide_toc *t = &g.toc[i];
        bool ok = t->chapter == c && (k == 0 ? t->level == 1
                                             : t->level == 2 && t->line == g.ch[c].parts[k].line + 4);
        if (!ok && wrong++ < 5)
            fprintf(stderr, "toc %zu: chapter %d line %d level %d\n", i, t->chapter, t->line, t->level);
    }
    CHECK_INT(wrong, 0);
    guide_fini(&g);
    diag_fini(&d);
    unlink(lbook);
}

int main(void)
{
    snprintf(book, sizeof book, "test-%d.epub", (int)getpid());
    snprintf(nonav, sizeof nonav, "test-nonav-%d.epub", (int)getpid());
    CHECK(fixture_epub(book, true));
    CHECK(fixture_epub(nonav, false));
    RUN(resolve_paths);
    RUN(toc_spine_and_blocks);
    RUN(internal_links);
    RUN(no_nav_and_damaged_zip);
    RUN(chapters_group_spine_files);
    RUN(links_and_lines_in_a_chapter_of_several_files);
    RUN(long_spine_and_contents);
    unlink(book);
    unlink(nonav);
    unlink("damaged.epub");
    return test_summary();
}
