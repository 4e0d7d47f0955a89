/*
 * epub_fixture.h - a small EPUB 3 written with libzip, for tests: mimetype
 * first and stored, container.xml, a package document with a nav
 * document, three XHTML chapters (one not well-formed), a PNG and a JPEG,
 * and a manifest entry that tries to climb out of the book.
 */
#ifndef MG_EPUB_FIXTURE_H
#define MG_EPUB_FIXTURE_H

#include <stdbool.h>
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

#endif
