/*
 * epub_fixture.h - a small EPUB 3 written with libzip, for tests: mimetype
 * first and stored, container.xml, a package document with a nav
 * document, three XHTML chapters (one not well-formed), a PNG and a JPEG,
 * and a manifest entry that tries to climb out of the book.
 */
#ifndef MG_EPUB_FIXTURE_H
#define MG_EPUB_FIXTURE_H

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "fixture_images.h"

static const char fx_container[] =
    "<?xml version=\"1.0\"?>\n"
    "<container version=\"1.0\" xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\">\n"
    "<rootfiles><rootfile full-path=\"OEBPS/content.opf\" "
    "media-type=\"application/oebps-package+xml\"/></rootfiles>\n</container>\n";

static const char fx_opf[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">\n"
    "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
    "<dc:identifier id=\"id\">test-book</dc:identifier>\n"
    "<dc:title>テスト用ガイドブック</dc:title><dc:language>ja</dc:language>\n</metadata>\n"
    "<manifest>\n"
    "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
    "<item id=\"c1\" href=\"text/ch1.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
    "<item id=\"c2\" href=\"text/ch2.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
    "<item id=\"c3\" href=\"text/ch3.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
    "<item id=\"png\" href=\"images/pic.png\" media-type=\"image/png\"/>\n"
    "<item id=\"jpg\" href=\"images/photo%20one.jpg\" media-type=\"image/jpeg\"/>\n"
    "<item id=\"evil\" href=\"../../etc/passwd\" media-type=\"text/plain\"/>\n"
    "</manifest>\n"
    "<spine><itemref idref=\"c1\"/><itemref idref=\"c2\"/><itemref idref=\"c3\"/>"
    "<itemref idref=\"evil\"/></spine>\n</package>\n";

static const char fx_nav[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\n"
    "<head><title>目次</title></head><body>\n"
    "<nav epub:type=\"toc\"><h1>目次</h1><ol>\n"
    "<li><a href=\"text/ch1.xhtml\">第1章 知っておきたい攻撃</a>\n"
    "  <ol><li><a href=\"text/ch1.xhtml#sec2\">身代金を要求する攻撃</a></li></ol></li>\n"
    "<li><a href=\"text/ch2.xhtml\">第2章 詐欺の手口</a></li>\n"
    "<li><a href=\"text/ch3.xhtml\">第3章 壊れた章</a></li>\n"
    "</ol></nav></body></html>\n";

static const char fx_ch1[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>1</title>\n"
    "<style>p { color: red }</style></head>\n"
    "<body>\n"
    "<h1>知っておきたい攻撃</h1>\n"
    "<p>最初の段落は<strong>太字</strong>と<em>斜体</em>を含み、\n"
    "  改行をまたいで続きます。<ruby>鍵<rp>(</rp><rt>かぎ</rt><rp>)</rp></ruby>を守りましょう。<br/>\n"
    "  詳しくは<a href=\"ch2.xhtml#target\">第2章</a>へ。</p>\n"
    "<ul><li>更新する<ul><li>OSとソフト</li></ul></li><li>Backup を取る</li></ul>\n"
    "<ol start=\"3\"><li>三番目</li></ol>\n"
    "<table class=\"box\"><tr><td><p>ポイント</p><p>枠で囲んだ注意書きです。</p></td></tr></table>\n"
    "<table><thead><tr><th>攻撃</th><th>対策</th></tr></thead>\n"
    "<tbody><tr><td>ランサムウェア</td><td>バックアップ</td></tr></tbody></table>\n"
    "<p><img src=\"../images/pic.png\" alt=\"図1\"/></p>\n"
    "<p>写真 <img src=\"../images/photo%20one.jpg\" alt=\"写真\"/> を見てください。</p>\n"
    "<section id=\"sec2\"><h2>身代金を要求する攻撃</h2>\n"
    "<div>div の中の文章です。<span>span の文章</span></div></section>\n"
    "<p><img src=\"../../../etc/passwd\" alt=\"外\"/></p>\n"
    "</body></html>\n";

static const char fx_ch2[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>2</title></head><body>\n"
    "<h1>詐欺の手口</h1>\n"
    "<p>前置きの段落です。</p>\n"
    "<p id=\"target\">振り込め詐欺とビジネスメール詐欺に注意します。</p>\n"
    "<foo>知らない要素の文章も残ります。</foo>\n"
    "<pre>code  keeps   spaces</pre>\n"
    "<p>Phishing mail と PHISHING site。</p>\n"
    "</body></html>\n";

static const char fx_ch3[] =
    "<html><body><h1>壊れた章</h1><p>閉じていない<b>太字<p>次の段落 & 記号</body>";

static bool fx_add(zip_t *z, const char *name, const void *data, size_t len, bool uncompressed)
{
    zip_source_t *s = zip_source_buffer(z, data, len, 0);
    if (!s)
        return false;
    zip_int64_t i = zip_file_add(z, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (i < 0) {
        zip_source_free(s);
        return false;
    }
    if (uncompressed)
        zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
    return true;
}

/* Write the test book to path; with nav=false the nav document is left out. */
__attribute__((unused)) static bool fixture_epub(const char *path, bool nav)
{
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        return false;
    bool ok = fx_add(z, "mimetype", "application/epub+zip", 20, true) &&
              fx_add(z, "META-INF/container.xml", fx_container, strlen(fx_container), false) &&
              fx_add(z, "OEBPS/content.opf", fx_opf, strlen(fx_opf), false) &&
              (!nav || fx_add(z, "OEBPS/nav.xhtml", fx_nav, strlen(fx_nav), false)) &&
              fx_add(z, "OEBPS/text/ch1.xhtml", fx_ch1, strlen(fx_ch1), false) &&
              fx_add(z, "OEBPS/text/ch2.xhtml", fx_ch2, strlen(fx_ch2), false) &&
              fx_add(z, "OEBPS/text/ch3.xhtml", fx_ch3, strlen(fx_ch3), false) &&
              fx_add(z, "OEBPS/images/pic.png", fixture_png, sizeof fixture_png, true) &&
              fx_add(z, "OEBPS/images/photo one.jpg", fixture_jpg, sizeof fixture_jpg, true);
    if (zip_close(z) != 0) {
        zip_discard(z);
        return false;
    }
    return ok;
}

/* A one-chapter book around the XHTML body given (tables under test):
 * the chapter is OEBPS/text/t.xhtml, titled in the nav. */
__attribute__((unused)) static bool fixture_epub_body(const char *path, const char *body)
{
    static const char opf[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">\n"
        "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
        "<dc:identifier id=\"id\">t</dc:identifier><dc:title>表</dc:title>"
        "<dc:language>ja</dc:language></metadata>\n<manifest>\n"
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
        "<item id=\"t\" href=\"text/t.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        "</manifest>\n<spine><itemref idref=\"t\"/></spine>\n</package>\n";
    static const char nav[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\n"
        "<head><title>目次</title></head><body><nav epub:type=\"toc\"><ol>\n"
        "<li><a href=\"text/t.xhtml\">初動対応の表</a></li></ol></nav></body></html>\n";
    strbuf x;
    strbuf_init(&x);
    strbuf_printf(&x,
                  "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                  "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>t</title></head>\n"
                  "<body>\n%s</body></html>\n",
                  body);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        strbuf_fini(&x);
        return false;
    }
    bool ok = fx_add(z, "mimetype", "application/epub+zip", 20, true) &&
              fx_add(z, "META-INF/container.xml", fx_container, strlen(fx_container), false) &&
              fx_add(z, "OEBPS/content.opf", opf, strlen(opf), false) &&
              fx_add(z, "OEBPS/nav.xhtml", nav, strlen(nav), false) &&
              fx_add(z, "OEBPS/text/t.xhtml", x.s, x.len, false);
    bool closed = zip_close(z) == 0;
    if (!closed)
        zip_discard(z);
    strbuf_fini(&x);
    return ok && closed;
}

/*
 * A book shaped like the desk's: many spine files, few chapters.  The
 * spine is a cover (a picture, no heading), a contents page, then three
 * chapters of four files each (p-001 .. p-012); the nav's top entries name
 * p-001, p-005 and p-009, with sections inside p-002, p-003#s1 and
 * p-006#s2, and p-002 links to p-007.xhtml#far across chapters.  Chapter
 * 2's title is long.  pic, when given (PNG bytes), is every page's picture.
 */
__attribute__((unused)) static bool fixture_epub_desk(const char *path, const void *pic,
                                                      size_t piclen)
{
    static const char *const titles[3] = {
        "第1章 サイバー攻撃の現状",
        "第2章 中小企業が今すぐ取り組むべき情報セキュリティ対策と、被害に遭ったときの初動対応の手順",
        "第3章 相談・届出先"};
    strbuf opf, nav;
    strbuf_init(&opf);
    strbuf_init(&nav);
    strbuf_adds(&opf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
                      "unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                      "<dc:identifier id=\"id\">desk</dc:identifier><dc:title>窓口ガイドブック</dc:title>"
                      "<dc:language>ja</dc:language></metadata><manifest>\n"
                      "<item id=\"nav\" href=\"item/xhtml/toc.xhtml\" media-type=\"application/xhtml+xml\" "
                      "properties=\"nav\"/>\n"
                      "<item id=\"cover\" href=\"item/xhtml/cover.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
                      "<item id=\"img\" href=\"item/image/page.png\" media-type=\"image/png\"/>\n");
    for (int i = 1; i <= 12; i++)
        strbuf_printf(&opf, "<item id=\"p%03d\" href=\"item/xhtml/p-%03d.xhtml\" "
                            "media-type=\"application/xhtml+xml\"/>\n", i, i);
    strbuf_adds(&opf, "</manifest><spine><itemref idref=\"cover\"/><itemref idref=\"nav\"/>");
    for (int i = 1; i <= 12; i++)
        strbuf_printf(&opf, "<itemref idref=\"p%03d\"/>", i);
    strbuf_adds(&opf, "</spine></package>\n");
    strbuf_printf(&nav, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                        "xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>目次</title></head>\n"
                        "<body><h1>目次</h1><nav epub:type=\"toc\"><ol>\n"
                        "<li><a href=\"p-001.xhtml\">%s</a><ol>\n"
                        "<li><a href=\"p-002.xhtml\">1-1 ランサムウェア</a></li>\n"
                        "<li><a href=\"p-003.xhtml#s1\">1-2 標的型攻撃メール</a></li></ol></li>\n"
                        "<li><a href=\"p-005.xhtml\">%s</a><ol>\n"
                        "<li><a href=\"p-006.xhtml#s2\">2-1 初動対応</a></li></ol></li>\n"
                        "<li><a href=\"p-009.xhtml\">%s</a></li>\n"
                        "</ol></nav></body></html>\n",
                  titles[0], titles[1], titles[2]);
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z) {
        strbuf_fini(&opf);
        strbuf_fini(&nav);
        return false;
    }
    static const char cover[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
        "<head><title>cover</title></head><body>\n<p><img src=\"../image/page.png\" alt=\"表紙\"/></p>\n"
        "</body></html>\n";
    bool ok = fx_add(z, "mimetype", "application/epub+zip", 20, true) &&
              fx_add(z, "META-INF/container.xml", fx_container, strlen(fx_container), false) &&
              fx_add(z, "OEBPS/content.opf", opf.s, opf.len, false) &&
              fx_add(z, "OEBPS/item/xhtml/toc.xhtml", nav.s, nav.len, false) &&
              fx_add(z, "OEBPS/item/xhtml/cover.xhtml", cover, strlen(cover), false) &&
              fx_add(z, "OEBPS/item/image/page.png", pic ? pic : fixture_png,
                     pic ? piclen : sizeof fixture_png, true);
    char *pages[12];
    for (int i = 1; i <= 12; i++) {
        strbuf x;
        strbuf_init(&x);
        strbuf_adds(&x, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><head><title>p</title></head>\n<body>\n");
        if (i == 1 || i == 5 || i == 9) /* the chapter's opening page: a picture, no text heading */
            strbuf_adds(&x, "<p><img src=\"../image/page.png\" alt=\"扉\"/></p>\n");
        else
            strbuf_printf(&x, "<h2>見出し %d</h2>\n", i);
        for (int k = 0; k < 6; k++)
            strbuf_printf(&x, "<p>ページ %d の段落 %d です。パスワードは長く、使い回さないようにしましょう。"
                              "不審なメールの添付ファイルは開かずに、まず確認します。</p>\n", i, k + 1);
        if (i == 3)
            strbuf_adds(&x, "<h2 id=\"s1\">標的型攻撃メール</h2>\n<p>取引先を装うメールに注意します。</p>\n");
        if (i == 6)
            strbuf_adds(&x, "<h2 id=\"s2\">初動対応</h2>\n<p>まず落ち着いて、ネットワークから切り離します。</p>\n");
        if (i == 7)
            strbuf_adds(&x, "<p id=\"far\">遠くの段落です。</p>\n");
        if (i == 2)
            strbuf_adds(&x, "<p><a href=\"p-007.xhtml#far\">遠くへ</a></p>\n"
                            "<p><img src=\"../image/missing.png\" alt=\"無い絵\"/></p>\n");
        /* the same footnote id in two files of one chapter; p-003 links to its own */
        if (i == 2 || i == 3)
            strbuf_printf(&x, "<p id=\"fn1\">注 %d</p>\n", i);
        if (i == 3)
            strbuf_adds(&x, "<p><a href=\"#fn1\">注へ</a></p>\n");
        strbuf_adds(&x, "</body></html>\n");
        pages[i - 1] = strbuf_take(&x);
        char name[64];
        snprintf(name, sizeof name, "OEBPS/item/xhtml/p-%03d.xhtml", i);
        ok = ok && fx_add(z, name, pages[i - 1], strlen(pages[i - 1]), false);
    }
    bool closed = zip_close(z) == 0;
    if (!closed)
        zip_discard(z);
    for (int i = 0; i < 12; i++)
        free(pages[i]);
    strbuf_fini(&opf);
    strbuf_fini(&nav);
    return ok && closed;
}

/* Write an EPUB of the given files (inner path, bytes) after the
 * mimetype and container: the package document is one of them. */
__attribute__((unused)) static bool fixture_epub_files(const char *path, const char *const *names,
                                                       const char *const *bodies, size_t n)
{
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        return false;
    bool ok = fx_add(z, "mimetype", "application/epub+zip", 20, true) &&
              fx_add(z, "META-INF/container.xml", fx_container, strlen(fx_container), false);
    for (size_t i = 0; i < n && ok; i++)
        ok = fx_add(z, names[i], bodies[i], strlen(bodies[i]), false);
    bool closed = zip_close(z) == 0;
    if (!closed)
        zip_discard(z);
    return ok && closed;
}

/*
 * Two chapters whose files lie in different folders: chapter 1 is
 * OEBPS/one.xhtml, then OEBPS/sub/two.xhtml (old Mac line ends: lone CRs)
 * and OEBPS/sub/p-003.xhtml; chapter 2 is OEBPS/three.xhtml and a second
 * OEBPS/p-003.xhtml.  sub/two.xhtml links to "p-003.xhtml#x" (its
 * neighbour, not the top folder's), "../three.xhtml#y" and "#z"; its line
 * 5 and sub/p-003.xhtml's line 5 name a missing picture each.
 */
__attribute__((unused)) static bool fixture_epub_joined(const char *path)
{
    static const char opf[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" unique-identifier=\"id\">\n"
        "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:identifier id=\"id\">j</dc:identifier>"
        "<dc:title>結合</dc:title><dc:language>ja</dc:language></metadata>\n<manifest>\n"
        "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" properties=\"nav\"/>\n"
        "<item id=\"a\" href=\"one.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        "<item id=\"b\" href=\"sub/two.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        "<item id=\"c\" href=\"sub/p-003.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        "<item id=\"d\" href=\"three.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        "<item id=\"e\" href=\"p-003.xhtml\" media-type=\"application/xhtml+xml\"/>\n"
        "</manifest>\n<spine><itemref idref=\"a\"/><itemref idref=\"b\"/><itemref idref=\"c\"/>"
        "<itemref idref=\"d\"/><itemref idref=\"e\"/></spine>\n</package>\n";
    static const char nav[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\">\n"
        "<head><title>目次</title></head><body><nav epub:type=\"toc\"><ol>\n"
        "<li><a href=\"one.xhtml\">第1章 はじめに</a></li>\n"
        "<li><a href=\"three.xhtml\">第2章 つぎに</a></li></ol></nav></body></html>\n";
#define FX_HEAD "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
    static const char one[] = FX_HEAD "<head><title>1</title></head>\n<body>\n<h1>はじめに</h1>\n"
                              "<p id=\"x\">一つ目のファイルの x です。</p>\n</body></html>\n";
    static const char two[] = FX_HEAD "<head><title>2</title></head>\r<body>\r<p id=\"z\">z の段落。</p>\r"
                              "<p><img src=\"gone.png\" alt=\"無い絵\"/></p>\r"
                              "<p><a href=\"p-003.xhtml#x\">隣へ</a></p>\r"
                              "<p><a href=\"../three.xhtml#y\">上へ</a></p>\r"
                              "<p><a href=\"#z\">自分へ</a></p>\r</body></html>\r";
    static const char sub3[] = FX_HEAD "<head><title>3</title></head>\n<body>\n<p>前置き。</p>\n"
                               "<p><img src=\"gone-too.png\" alt=\"無い絵\"/></p>\n"
                               "<p id=\"x\">sub の p-003 の x です。</p>\n</body></html>\n";
    static const char three[] = FX_HEAD "<head><title>4</title></head>\n<body>\n<h1>つぎに</h1>\n"
                                "<p>前置き。</p>\n<p id=\"y\">three の y です。</p>\n</body></html>\n";
    static const char top3[] = FX_HEAD "<head><title>5</title></head>\n<body>\n"
                               "<p id=\"x\">上の p-003 の x です。</p>\n</body></html>\n";
#undef FX_HEAD
    static const char *const names[] = {"OEBPS/content.opf", "OEBPS/nav.xhtml", "OEBPS/one.xhtml",
                                        "OEBPS/sub/two.xhtml", "OEBPS/sub/p-003.xhtml",
                                        "OEBPS/three.xhtml", "OEBPS/p-003.xhtml"};
    const char *const bodies[] = {opf, nav, one, two, sub3, three, top3};
    return fixture_epub_files(path, names, bodies, sizeof names / sizeof *names);
}

/*
 * A book of n spine files (f0000.xhtml ..) and a contents entry for each:
 * every hundredth starts a chapter (level 1), the others are sections
 * (level 2) pointing at "#s" in their file.
 */
__attribute__((unused)) static bool fixture_epub_long_spine(const char *path, int n)
{
    strbuf opf, nav;
    strbuf_init(&opf);
    strbuf_init(&nav);
    strbuf_adds(&opf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\" "
                      "unique-identifier=\"id\"><metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\">"
                      "<dc:identifier id=\"id\">long</dc:identifier><dc:title>長い本</dc:title>"
                      "<dc:language>ja</dc:language></metadata><manifest>\n"
                      "<item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
                      "properties=\"nav\"/>\n");
    for (int i = 0; i < n; i++)
        strbuf_printf(&opf, "<item id=\"f%d\" href=\"text/f%04d.xhtml\" "
                            "media-type=\"application/xhtml+xml\"/>\n", i, i);
    strbuf_adds(&opf, "</manifest><spine>");
    for (int i = 0; i < n; i++)
        strbuf_printf(&opf, "<itemref idref=\"f%d\"/>", i);
    strbuf_adds(&opf, "</spine></package>\n");
    strbuf_adds(&nav, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                      "<html xmlns=\"http://www.w3.org/1999/xhtml\" "
                      "xmlns:epub=\"http://www.idpf.org/2007/ops\"><head><title>目次</title></head>\n"
                      "<body><nav epub:type=\"toc\"><ol>\n");
    for (int i = 0; i < n; i++) {
        if (i % 100 == 0)
            strbuf_printf(&nav, "%s<li><a href=\"text/f%04d.xhtml\">第%d章</a><ol>\n",
                          i ? "</ol></li>\n" : "", i, i / 100 + 1);
        else
            strbuf_printf(&nav, "<li><a href=\"text/f%04d.xhtml#s\">節 %d</a></li>\n", i, i);
    }
    strbuf_adds(&nav, "</ol></li></ol></nav></body></html>\n");
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    bool ok = z && fx_add(z, "mimetype", "application/epub+zip", 20, true) &&
              fx_add(z, "META-INF/container.xml", fx_container, strlen(fx_container), false) &&
              fx_add(z, "OEBPS/content.opf", opf.s, opf.len, false) &&
              fx_add(z, "OEBPS/nav.xhtml", nav.s, nav.len, false);
    static const char page[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
        "<head><title>p</title></head>\n<body>\n<p>前の段落。</p>\n<p id=\"s\">節の段落。</p>\n"
        "</body></html>\n";
    for (int i = 0; i < n && ok; i++) {
        char name[64];
        snprintf(name, sizeof name, "OEBPS/text/f%04d.xhtml", i);
        ok = fx_add(z, name, page, sizeof page - 1, false);
    }
    bool closed = z && zip_close(z) == 0;
    if (z && !closed)
        zip_discard(z);
    strbuf_fini(&opf);
    strbuf_fini(&nav);
    return ok && closed;
}

#endif
