/*
 * Hostile and broken files, tried as an attacker would (issue 15, item 6),
 * and the small crashes found with them: each case runs in a forked child
 * with a bound on time and memory (bounded.h), so a hang or a blow-up
 * fails the test instead of taking the machine down.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../app/core/content.h"
#include "../app/core/font.h"
#include "../app/core/util.h"
#include "../app/paper/pdf.h"
#include <SDL_image.h>

#include "../app/core/pic.h"
#include "../app/screen/text.h"
#include "../app/screen/textfield.h"
#include "bounded.h"
#include "epub_fixture.h" /* and fixture_images.h */
#include "../app/core/guide.h"
#include "../app/core/layout.h"
#include "test.h"

static const char *src;
static char dir[] = "/tmp/mghostileXXXXXX";
static char font[4096];

static int tf_null_child(void *arg)
{
    (void)arg;
    tf_fini(NULL); /* crashed: it cleared *f without looking */
    return 0;
}

TEST(tf_fini_null)
{
    CHECK(bounded_run("tf_fini(NULL)", tf_null_child, NULL, 5, 200));
}

/* "D:YYYYMMDDHHmmSS" followed by Z or an offset, from the saved file. */
static bool creation_date(const char *file, time_t *when)
{
    size_t len;
    char *b = read_file(file, &len);
    const char *k = b ? memmem(b, len, "/CreationDate (D:", 17) : NULL;
    bool ok = false;
    if (k) {
        struct tm tm = {0};
        ok = sscanf(k + 17, "%4d%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6 && k[31] == 'Z';
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        *when = timegm(&tm);
    }
    free(b);
    return ok;
}

TEST(pdf_date_is_utc)
{
    /* On a desk in Tokyo the creation date must still be the UTC time it
     * claims to be (it was the local time marked 'Z': nine hours off). */
    setenv("TZ", "JST-9", 1);
    tzset();
    char err[256], file[128];
    pdf *p = pdf_new(font, "t", "t", err, sizeof err);
    CHECK(p != NULL);
    if (!p)
        return;
    int w, h;
    pdf_page(p, false, &w, &h);
    snprintf(file, sizeof file, "%s/date.pdf", dir);
    bool saved = pdf_save(p, file, err, sizeof err);
    if (!saved)
        fprintf(stderr, "pdf_save: %s\n", err);
    CHECK(saved);
    pdf_free(p);
    time_t when = 0, now = time(NULL);
    CHECK(creation_date(file, &when));
    CHECK(when > now - 120 && when <= now + 1);
    unsetenv("TZ");
    tzset();
}

TEST(diag_escapes_control_bytes)
{
    /* An ESC sequence from a deck (clear screen, retitle the window) and a
     * C1 CSI, quoted in a message and in a file name. */
    diag_list d;
    diag_init(&d, LANG_EN);
    diag_error(&d, "evil\x1b]0;owned\x07.md", 3, MSG_ERR_IMAGE_MISSING, "\x1b[2Jx\xC2\x9B" "1m.png");
    char buf[512];
    diag_format(&d, 0, buf, sizeof buf);
    for (const char *p = buf; *p; p++)
        CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
    CHECK(strstr(buf, "\xC2\x9B") == NULL);
    CHECK_STR(buf, "evil\\x1B]0;owned\\x07.md:3: image not found: \\x1B[2Jx\\u009B1m.png");
    diag_fini(&d);
}

/* ---- pictures ---- */

static uint32_t crc32_of(const unsigned char *p, size_t n)
{
    uint32_t c = 0xFFFFFFFFu;
    for (size_t i = 0; i < n; i++) {
        c ^= p[i];
        for (int k = 0; k < 8; k++)
            c = c & 1 ? (c >> 1) ^ 0xEDB88320u : c >> 1;
    }
    return ~c;
}

static void put_be32(strbuf *b, uint32_t v)
{
    unsigned char x[4] = {(unsigned char)(v >> 24), (unsigned char)(v >> 16), (unsigned char)(v >> 8),
                          (unsigned char)v};
    strbuf_add(b, (const char *)x, 4);
}

static void chunk(strbuf *b, const char *type, const void *data, uint32_t n)
{
    put_be32(b, n);
    size_t at = b->len;
    strbuf_add(b, type, 4);
    strbuf_add(b, data, n);
    put_be32(b, crc32_of((const unsigned char *)b->s + at, n + 4));
}

/* A well-formed PNG (every CRC right) whose header claims w x h RGB pixels
 * and whose data is one empty zlib stream: the header lies. */
static void lying_png(const char *path, uint32_t w, uint32_t h)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_add(&b, "\x89PNG\r\n\x1a\n", 8);
    unsigned char ihdr[13] = {(unsigned char)(w >> 24), (unsigned char)(w >> 16),
                              (unsigned char)(w >> 8),  (unsigned char)w,
                              (unsigned char)(h >> 24), (unsigned char)(h >> 16),
                              (unsigned char)(h >> 8),  (unsigned char)h,
                              8, 2, 0, 0, 0};
    chunk(&b, "IHDR", ihdr, 13);
    static const unsigned char z[] = {0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01};
    chunk(&b, "IDAT", z, sizeof z);
    chunk(&b, "IEND", "", 0);
    CHECK(write_file_atomic(path, b.s, b.len, NULL, 0));
    strbuf_fini(&b);
}

static void write_bytes(const char *path, const void *b, size_t n)
{
    FILE *f = fopen(path, "wb");
    CHECK(f != NULL);
    if (f) {
        fwrite(b, 1, n, f);
        fclose(f);
    }
}

static char pic_huge[160], pic_lie[160], pic_cut_png[160], pic_cut_jpg[160], pic_good[160],
    pic_alpha[160];

static void make_pictures(void)
{
    snprintf(pic_huge, sizeof pic_huge, "%s/huge.png", dir);
    snprintf(pic_lie, sizeof pic_lie, "%s/lie.png", dir);
    snprintf(pic_cut_png, sizeof pic_cut_png, "%s/cut.png", dir);
    snprintf(pic_cut_jpg, sizeof pic_cut_jpg, "%s/cut.jpg", dir);
    snprintf(pic_good, sizeof pic_good, "%s/good.png", dir);
    lying_png(pic_huge, 30000, 30000);
    lying_png(pic_lie, 200, 100);
    write_bytes(pic_cut_png, fixture_png, sizeof fixture_png / 2);
    write_bytes(pic_cut_jpg, fixture_jpg, sizeof fixture_jpg - 40);
    write_bytes(pic_good, fixture_png, sizeof fixture_png);
    snprintf(pic_alpha, sizeof pic_alpha, "%s/alpha.png", dir);
    SDL_Surface *a = SDL_CreateRGBSurfaceWithFormat(0, 20, 20, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(a != NULL);
    if (a) {
        SDL_FillRect(a, NULL, 0x80FF0000); /* half-transparent red */
        CHECK(IMG_SavePNG(a, pic_alpha) == 0);
        SDL_FreeSurface(a);
    }
}

TEST(probe_reads_headers)
{
    pic_info in;
    CHECK_INT(pic_probe(fixture_png, sizeof fixture_png, &in), PIC_OK);
    CHECK(in.fmt == PIC_FMT_PNG && in.w == 40 && in.h == 30);
    CHECK_INT(pic_probe(fixture_jpg, sizeof fixture_jpg, &in), PIC_OK);
    CHECK(in.fmt == PIC_FMT_JPEG && in.w == 16 && in.h == 16);
    CHECK_INT(pic_probe(fixture_png, sizeof fixture_png / 2, &in), PIC_TRUNCATED);
    CHECK_INT(pic_probe(fixture_png, 5, &in), PIC_TRUNCATED);
    CHECK_INT(pic_probe(fixture_jpg, sizeof fixture_jpg - 40, &in), PIC_TRUNCATED);
    CHECK_INT(pic_probe(fixture_jpg, 100, &in), PIC_TRUNCATED);
    size_t n;
    char *b = read_file(pic_huge, &n);
    CHECK_INT(pic_probe(b, n, &in), PIC_TOO_LARGE);
    CHECK(in.w == 30000 && in.h == 30000);
    free(b);
    static const char svg_ok[] = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" "
                                 "width=\"120\" height=\"2cm\"><rect/></svg>";
    static const char svg_big[] = "<svg viewBox=\"0 0 30000 30000\"><rect/></svg>";
    CHECK_INT(pic_probe(svg_ok, strlen(svg_ok), &in), PIC_OK);
    CHECK(in.fmt == PIC_FMT_SVG && in.w == 120 && in.h == 76);
    CHECK_INT(pic_probe(svg_big, strlen(svg_big), &in), PIC_TOO_LARGE);
    CHECK_INT(pic_probe("GIF89a\x10\x00\x10\x00", 10, &in), PIC_TRUNCATED);
    CHECK_INT(pic_probe("plain text, no picture", 22, &in), PIC_UNKNOWN);
    /* a GIF whose screen is 16 x 16 but whose first image claims 60000 x 60000 */
    static const unsigned char gif_lie[] = "GIF89a\x10\x00\x10\x00\x00\x00\x00"
                                           ",\x00\x00\x00\x00\x60\xEA\x60\xEA\x00\x02\x02\x44\x01\x00;";
    CHECK_INT(pic_probe(gif_lie, sizeof gif_lie - 1, &in), PIC_TOO_LARGE);
    static const unsigned char gif_ok[] = "GIF89a\x02\x00\x02\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff"
                                          ",\x00\x00\x00\x00\x02\x00\x02\x00\x00\x02\x02\x84\x51\x00;";
    CHECK_INT(pic_probe(gif_ok, sizeof gif_ok - 1, &in), PIC_OK);
    CHECK(in.fmt == PIC_FMT_GIF && in.w == 2 && in.h == 2);
    /* pic_verify inflates a PNG's data: the lying one is found out */
    CHECK_INT(pic_verify(fixture_png, sizeof fixture_png, &in), PIC_OK);
    b = read_file(pic_lie, &n);
    CHECK_INT(pic_probe(b, n, &in), PIC_OK);
    CHECK_INT(pic_verify(b, n, &in), PIC_TRUNCATED);
    free(b);
}

static txt *screen_txt(SDL_Surface **target, SDL_Renderer **ren)
{
    *target = SDL_CreateRGBSurfaceWithFormat(0, 64, 64, 32, SDL_PIXELFORMAT_ARGB8888);
    *ren = *target ? SDL_CreateSoftwareRenderer(*target) : NULL;
    char err[256];
    txt *t = *ren ? txt_open(font, *ren, err, sizeof err) : NULL;
    if (!t)
        fprintf(stderr, "txt_open: %s\n", err);
    return t;
}

/* The screen: each bad picture is a missing one (no size), quickly and in
 * little memory; the good one still has its size. */
static int screen_child(void *arg)
{
    (void)arg;
    int f0 = test_failures;
    SDL_Surface *target;
    SDL_Renderer *ren;
    txt *t = screen_txt(&target, &ren);
    CHECK(t != NULL);
    if (!t)
        return 1;
    int w = 0, h = 0;
    CHECK(!txt_image_size(t, pic_huge, &w, &h));
    CHECK(!txt_image_size(t, pic_lie, &w, &h));
    CHECK(!txt_image_size(t, pic_cut_png, &w, &h));
    CHECK(!txt_image_size(t, pic_cut_jpg, &w, &h));
    CHECK(txt_image_size(t, pic_good, &w, &h));
    CHECK(w == 40 && h == 30);
    SDL_Rect r = {0, 0, 40, 30};
    CHECK(!txt_draw_image(t, pic_huge, &r));
    CHECK(txt_draw_image(t, pic_good, &r));
    txt_close(t);
    SDL_DestroyRenderer(ren);
    SDL_FreeSurface(target);
    return test_failures - f0;
}

TEST(bad_pictures_on_screen)
{
    CHECK(bounded_run("bad pictures on screen", screen_child, NULL, 20, 400));
}

/* The paper: the same pictures through libharu's document, saved; a framed
 * placeholder for each bad one, and no abort() from libpng. */
static int paper_child(void *arg)
{
    (void)arg;
    int f0 = test_failures;
    char err[256], file[200];
    pdf *p = pdf_new(font, "t", "t", err, sizeof err);
    CHECK(p != NULL);
    if (!p)
        return 1;
    const lay_metrics *m = pdf_metrics(p);
    int w = 0, h = 0;
    const char *bad[] = {pic_huge, pic_lie, pic_cut_png, pic_cut_jpg};
    for (size_t i = 0; i < MG_ARRAY_LEN(bad); i++)
        CHECK(!m->image_size(m->ctx, bad[i], &w, &h));
    CHECK(m->image_size(m->ctx, pic_good, &w, &h));
    int pw, ph;
    pdf_page(p, false, &pw, &ph);
    for (size_t i = 0; i < MG_ARRAY_LEN(bad); i++)
        pdf_image(p, bad[i], 0, (int)i * 1000, 500, 500);
    pdf_image(p, pic_good, 0, 5000, 500, 500);
    pdf_image(p, pic_alpha, 0, 6000, 500, 500);
    snprintf(file, sizeof file, "%s/pictures.pdf", dir);
    bool ok = pdf_save(p, file, err, sizeof err);
    if (!ok)
        fprintf(stderr, "pdf_save: %s\n", err);
    CHECK(ok);
    pdf_free(p);
    char cmd[300];
    snprintf(cmd, sizeof cmd, "qpdf --check '%s' >/dev/null", file);
    CHECK_INT(system(cmd), 0);
    /* the two good pictures, the translucent one with its soft mask */
    snprintf(cmd, sizeof cmd, "pdfimages -list '%s' 2>/dev/null", file);
    FILE *f = popen(cmd, "r");
    strbuf out;
    strbuf_init(&out);
    char buf[512];
    size_t n;
    while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
        strbuf_add(&out, buf, n);
    if (f)
        pclose(f);
    int images = 0, masks = 0;
    for (char *line = out.s, *save = NULL; (line = strtok_r(line, "\n", &save)); line = NULL) {
        images += strstr(line, " image ") && !strstr(line, " smask "); /* type, or enc */
        masks += strstr(line, " smask ") != NULL;
    }
    if (images != 2 || masks != 1)
        fprintf(stderr, "pdfimages:\n%s\n", out.s ? out.s : "");
    CHECK_INT(images, 2);
    CHECK_INT(masks, 1);
    strbuf_fini(&out);
    return test_failures - f0;
}

TEST(bad_pictures_on_paper)
{
    CHECK(bounded_run("bad pictures on paper", paper_child, NULL, 20, 400));
}

/* ---- what check says ---- */

static bool has_diag(const diag_list *d, const char *text)
{
    char buf[1400];
    for (size_t i = 0; i < d->n; i++) {
        diag_format(d, i, buf, sizeof buf);
        if (strstr(buf, text))
            return true;
    }
    fprintf(stderr, "no diagnostic containing \"%s\"; have:\n", text);
    diag_print(d, stderr);
    return false;
}

static void put(const char *base, const char *name, const char *text, size_t len)
{
    char path[300];
    snprintf(path, sizeof path, "%s/%s", base, name);
    write_bytes(path, text, len);
}

TEST(check_reports_bad_pictures_and_binary_files)
{
    /* A content folder whose chapter shows a cut PNG, a cut JPEG, a PNG
     * claiming 30000 x 30000 and a 65 MB "picture"; a binary chapter; a
     * deck with an ESC sequence in a picture's name. */
    char c[200], cmd[4096];
    snprintf(c, sizeof c, "%s/content", dir);
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/assets/guidebook %s/slides && cp %s/assets/referrals.ini %s/assets/ && "
             "cp %s %s %s %s %s/assets/guidebook/ && truncate -s 65M %s/assets/guidebook/big.png",
             c, c, src, c, pic_cut_png, pic_cut_jpg, pic_huge, pic_lie, c, c);
    CHECK_INT(system(cmd), 0);
    static const char ch1[] = "---\ntitle: 一\norder: 1\n---\n\n# 一\n\n![a](cut.png)\n\n"
                              "![b](cut.jpg)\n\n![c](huge.png)\n\n![d](big.png)\n\n![e](lie.png)\n";
    snprintf(cmd, sizeof cmd, "%s/assets/guidebook", c);
    put(cmd, "01.md", ch1, strlen(ch1));
    static const char bin[] = "---\ntitle: bin\norder: 2\n---\n\n\x7f" "ELF\x02\x01\x01\0\0\0\x1b[2J";
    put(cmd, "02.md", bin, sizeof bin - 1);
    snprintf(cmd, sizeof cmd, "%s/slides", c);
    static const char deck[] = "---\nmarp: true\ntheme: \x1b]0;owned\x07\n---\n\n# x\n\nA long enough slide "
                               "so that one ESC is not binary data: the rest of it is plain "
                               "text, as a deck with a pasted terminal prompt would be, and "
                               "the file is mostly words, with two control bytes in it.\n";
    put(cmd, "d.md", deck, strlen(deck));
    content *ct = content_open(c, NULL, LANG_EN, CONTENT_CHECK);
    diag_list *dl = &ct->diags;
    CHECK(has_diag(dl, "01.md:8: the picture file is cut short: cut.png"));
    CHECK(has_diag(dl, "01.md:10: the picture file is cut short: cut.jpg"));
    CHECK(has_diag(dl, "01.md:12: picture too large: huge.png (30000 x 30000 pixels"));
    CHECK(has_diag(dl, "01.md:14: picture file too large: big.png (65 MB"));
    CHECK(has_diag(dl, "01.md:16: the picture file is cut short: lie.png")); /* its data */
    CHECK(has_diag(dl, "02.md: not a text file (binary data)"));
    content_close(ct);
    ct = content_open(c, NULL, LANG_JA, CONTENT_CHECK);
    dl = &ct->diags;
    CHECK(has_diag(dl, "01.md:8: 画像のファイルが途中で切れています: cut.png"));
    content_close(ct);
    /* The command prints no control byte at all. */
    const char *bin_path = getenv("MG_BINARY");
    CHECK(bin_path != NULL);
    snprintf(cmd, sizeof cmd, "%s check --content %s --lang en > %s/check.out 2>&1", bin_path, c, dir);
    CHECK(system(cmd) != 0); /* errors: a non-zero status */
    snprintf(cmd, sizeof cmd, "%s/check.out", dir);
    size_t n;
    char *out = read_file(cmd, &n);
    CHECK(out != NULL);
    for (size_t i = 0; out && i < n; i++)
        if ((unsigned char)out[i] < 0x20 && out[i] != '\n') {
            fprintf(stderr, "control byte 0x%02X at %zu in:\n%s\n", out[i], i, out);
            CHECK(false);
            break;
        }
    CHECK_CONTAINS(out, "\\x1B]0;owned\\x07");
    CHECK(strstr(out, "d.md: not a text file") == NULL);
    free(out);
}

/* ---- EPUB books ---- */

static const char opf_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">\n"
    "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>t</dc:title></metadata>\n";

static const char ch_ok[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">"
    "<body><h1>章</h1><p>本文です。</p><p><img src=\"big.png\" alt=\"big\"/></p></body></html>\n";

/* A book: mimetype (unless mimetype is false), container.xml, the package
 * document opf at OEBPS/content.opf and chapter text at OEBPS/c.xhtml;
 * with big, a 65 MB picture at OEBPS/big.png. */
static bool write_book(const char *path, bool mimetype, const char *opf, const char *chapter,
                       bool big)
{
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        return false;
    char *zeros = big ? calloc(65u << 20, 1) : NULL;
    if (zeros)
        memcpy(zeros, fixture_png, sizeof fixture_png); /* a PNG header, then a lot */
    bool ok = (!mimetype || fx_add(z, "mimetype", "application/epub+zip", 20, true)) &&
              fx_add(z, "META-INF/container.xml", fx_container, strlen(fx_container), false) &&
              fx_add(z, "OEBPS/content.opf", opf, strlen(opf), false) &&
              fx_add(z, "OEBPS/c.xhtml", chapter, strlen(chapter), false) &&
              (!zeros || fx_add(z, "OEBPS/big.png", zeros, 65u << 20, false));
    ok = zip_close(z) == 0 && ok;
    if (!ok)
        zip_discard(z);
    free(zeros);
    return ok;
}

static char book[200];

/* The fixture's full book is not used here; its writer is. */
static bool (*const unused_fixture)(const char *, bool) __attribute__((unused)) = fixture_epub;

/* Load book into a guide and run what check runs; returns the chapter count. */
static size_t load_book(diag_list *d)
{
    guide g;
    size_t n = guide_load(&g, src, book, d);
    if (g.epub)
        content_check_guide(&g, d);
    guide_fini(&g);
    return n;
}

static int spine_child(void *arg)
{
    (void)arg;
    int f0 = test_failures;
    diag_list d;
    diag_init(&d, LANG_EN);
    CHECK_INT(load_book(&d), 1);
    CHECK(has_diag(&d, "content.opf:6: the spine lists a chapter twice (read once): c1"));
    CHECK(has_diag(&d, "the spine is too long (only the first 2000 chapters are read)"));
    CHECK(d.n < 10); /* one message for the duplicates, not 19,999 */
    diag_fini(&d);
    return test_failures - f0;
}

TEST(spine_of_one_chapter_20000_times)
{
    /* 2.5 KB of book; 11 GB and out of memory when each itemref was read. */
    snprintf(book, sizeof book, "%s/spine.epub", dir);
    strbuf o;
    strbuf_init(&o);
    strbuf_printf(&o, "%s<manifest><item id=\"c1\" href=\"c.xhtml\" "
                      "media-type=\"application/xhtml+xml\"/></manifest>\n<spine>\n", opf_head);
    for (int i = 0; i < 20000; i++)
        strbuf_adds(&o, "<itemref idref=\"c1\"/>");
    strbuf_adds(&o, "</spine></package>\n");
    CHECK(write_book(book, true, o.s, ch_ok, false));
    strbuf_fini(&o);
    CHECK(bounded_run("spine of 20,000", spine_child, NULL, 20, 400));
}

static int laughs_child(void *arg)
{
    int f0 = test_failures;
    diag_list d;
    diag_init(&d, LANG_EN);
    load_book(&d);
    CHECK(has_diag(&d, arg));
    CHECK(has_diag(&d, "a document whose DTD declares entities is not read"));
    diag_fini(&d);
    return test_failures - f0;
}

/* "<!DOCTYPE root [ a 200 KB entity ]>" then `refs` references to it in
 * the element `where`. */
static void laughs(strbuf *b, const char *root, int refs)
{
    strbuf_printf(b, "<?xml version=\"1.0\"?>\n<!DOCTYPE %s [\n<!ENTITY a \"", root);
    for (int i = 0; i < 200; i++)
        strbuf_adds(b, "x");
    strbuf_adds(b, "\">\n<!ENTITY b \"");
    for (int i = 0; i < 1000; i++)
        strbuf_adds(b, "&a;");
    strbuf_adds(b, "\">\n]>\n");
    (void)refs;
}

TEST(billion_laughs_in_title_pre_and_rt)
{
    /* An entity of 200 KB referenced 20,000 times: 4 GB when expanded. */
    snprintf(book, sizeof book, "%s/laughs.epub", dir);
    strbuf o, c;
    strbuf_init(&o);
    laughs(&o, "package", 20000);
    strbuf_printf(&o, "<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
                      "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>");
    for (int i = 0; i < 20000; i++)
        strbuf_adds(&o, "&b;");
    strbuf_adds(&o, "</dc:title></metadata><manifest><item id=\"c1\" href=\"c.xhtml\" "
                    "media-type=\"application/xhtml+xml\"/></manifest><spine><itemref "
                    "idref=\"c1\"/></spine></package>\n");
    CHECK(write_book(book, true, o.s, ch_ok, false));
    CHECK(bounded_run("entities in the title", laughs_child, "content.opf", 20, 400));
    /* the same in a chapter's <pre> and <rt> */
    strbuf_init(&c);
    laughs(&c, "html", 20000);
    strbuf_adds(&c, "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><pre>");
    for (int i = 0; i < 20000; i++)
        strbuf_adds(&c, "&b;");
    strbuf_adds(&c, "</pre><p><ruby>鍵<rt>");
    for (int i = 0; i < 20000; i++)
        strbuf_adds(&c, "&b;");
    strbuf_adds(&c, "</rt></ruby></p></body></html>\n");
    char opf[1024];
    snprintf(opf, sizeof opf, "%s<manifest><item id=\"c1\" href=\"c.xhtml\" "
                              "media-type=\"application/xhtml+xml\"/></manifest><spine><itemref "
                              "idref=\"c1\"/></spine></package>\n", opf_head);
    CHECK(write_book(book, true, opf, c.s, false));
    CHECK(bounded_run("entities in pre and rt", laughs_child, "c.xhtml", 20, 400));
    strbuf_fini(&o);
    strbuf_fini(&c);
}

TEST(external_entities_and_xinclude_are_not_read)
{
    snprintf(book, sizeof book, "%s/xxe.epub", dir);
    char opf[1024];
    snprintf(opf, sizeof opf, "%s<manifest><item id=\"c1\" href=\"c.xhtml\" "
                              "media-type=\"application/xhtml+xml\"/></manifest><spine><itemref "
                              "idref=\"c1\"/></spine></package>\n", opf_head);
    static const char xxe[] =
        "<?xml version=\"1.0\"?>\n<!DOCTYPE html [<!ENTITY pw SYSTEM \"file:///etc/passwd\">]>\n"
        "<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1>x</h1><pre>&pw;</pre></body></html>\n";
    CHECK(write_book(book, true, opf, xxe, false));
    diag_list d;
    diag_init(&d, LANG_EN);
    guide g;
    guide_load(&g, src, book, &d);
    CHECK(has_diag(&d, "c.xhtml: a document whose DTD declares entities is not read"));
    for (size_t i = 0; i < g.n; i++) {
        strbuf t;
        strbuf_init(&t);
        doc_dump(g.ch[i].doc, &t);
        CHECK(!t.s || strstr(t.s, "root:") == NULL);
        strbuf_fini(&t);
    }
    guide_fini(&g);
    diag_fini(&d);
    static const char xi[] =
        "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
        "xmlns:xi=\"http://www.w3.org/2001/XInclude\"><body><h1>x</h1><p>a<xi:include "
        "href=\"file:///etc/passwd\" parse=\"text\"/>b</p></body></html>\n";
    CHECK(write_book(book, true, opf, xi, false));
    diag_init(&d, LANG_EN);
    CHECK_INT(guide_load(&g, src, book, &d), 1);
    strbuf t;
    strbuf_init(&t);
    if (g.n)
        doc_dump(g.ch[0].doc, &t);
    CHECK(t.s && strstr(t.s, "root:") == NULL);
    CHECK_CONTAINS(t.s, "ab");
    strbuf_fini(&t);
    guide_fini(&g);
    diag_fini(&d);
}

TEST(check_reports_broken_books)
{
    /* No mimetype; a spine idref the manifest lacks; a 65 MB picture. */
    snprintf(book, sizeof book, "%s/broken.epub", dir);
    char opf[1024];
    snprintf(opf, sizeof opf, "%s<manifest><item id=\"c1\" href=\"c.xhtml\" "
                              "media-type=\"application/xhtml+xml\"/></manifest>\n<spine>"
                              "<itemref idref=\"c1\"/>\n<itemref idref=\"nowhere\"/></spine>"
                              "</package>\n", opf_head);
    CHECK(write_book(book, false, opf, ch_ok, true));
    diag_list d;
    diag_init(&d, LANG_EN);
    CHECK_INT(load_book(&d), 1);
    CHECK(has_diag(&d, "broken.epub: the first entry is not a mimetype of application/epub+zip"));
    CHECK(has_diag(&d, "content.opf:6: spine idref not in the manifest: nowhere"));
    CHECK(has_diag(&d, "c.xhtml:2: picture file too large: big.png (65 MB; at most 64 MB)"));
    diag_fini(&d);
    diag_init(&d, LANG_JA);
    load_book(&d);
    CHECK(has_diag(&d, "spine の idref が manifest にありません: nowhere"));
    diag_fini(&d);
}

/* ---- layout in linear time ---- */

/* Fake metrics (as test_layout's): a wide character is size units, others size/2. */
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
static const lay_metrics fake = {NULL, f_width, f_ascent, f_height, NULL};

typedef struct lay_case {
    const char *text; /* one span, or: */
    size_t words;     /* that many one-word spans of "ことば " (EPUB makes a span a word) */
    int width;
    int lines;        /* expected, or 0 */
} lay_case;

static int layout_child(void *arg)
{
    const lay_case *lc = arg;
    int f0 = test_failures;
    lb *l = lb_new();
    lay_ctx c = {&fake, l};
    doc_span *sp;
    size_t n;
    if (lc->text) {
        n = 1;
        sp = xcalloc(1, sizeof *sp);
        sp[0] = (doc_span){.kind = DOC_SPAN_TEXT, .text = lc->text, .len = strlen(lc->text)};
    } else {
        n = lc->words;
        sp = xcalloc(n, sizeof *sp);
        for (size_t i = 0; i < n; i++)
            sp[i] = (doc_span){.kind = DOC_SPAN_TEXT, .text = "ことば ", .len = 10};
    }
    lay_result r;
    lay_init(&r);
    lay_spans(&r, &c, sp, n, 0, 0, lc->width, 10, 0, LAY_C_TEXT, 0, 1.0f);
    int lines = r.n ? r.items[r.n - 1].textline + 1 : 0;
    if (lc->lines)
        CHECK_INT(lines, lc->lines);
    /* kinsoku: no line starts with 、 (the first text item of each line) */
    for (size_t i = 0; i < r.n; i++)
        if (r.items[i].kind == LAY_TEXT && (i == 0 || r.items[i - 1].textline != r.items[i].textline))
            CHECK(r.items[i].len < 3 || memcmp(r.items[i].text, "\xE3\x80\x81", 3) != 0);
    lay_fini(&r);
    free(sp);
    lb_free(l);
    return test_failures - f0;
}

TEST(long_paragraphs_in_linear_time)
{
    /* 200 KB in 20,000 spans: 8 s when each segment scanned every run. */
    lay_case many = {.words = 20000, .width = 400};
    CHECK(bounded_run("200 KB paragraph of 20,000 spans", layout_child, &many, 10, 400));
    lay_case more = {.words = 200000, .width = 400};
    CHECK(bounded_run("2 MB paragraph of 200,000 spans", layout_child, &more, 30, 800));
    /* 10,000 "[" on one line (no break anywhere: each one opens): 28 s
     * when the run of no-break characters was walked again for each one. */
    strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < 10000; i++)
        strbuf_addc(&b, '[');
    lay_case brackets = {.text = b.s, .width = 400, .lines = 156}; /* pieces of 64, 80 last */
    CHECK(bounded_run("10,000 [", layout_child, &brackets, 10, 400));
    strbuf_fini(&b);
}

static int kinsoku_child(void *arg)
{
    (void)arg;
    int f0 = test_failures;
    /* 80 "a" fill a line of 400 exactly; the 、 after them may not start
     * the next line, so the last "a" goes down with it (ICU has no break
     * anywhere in the run: it is split by the layout's own rules). */
    strbuf b;
    strbuf_init(&b);
    for (int i = 0; i < 80; i++)
        strbuf_addc(&b, 'a');
    strbuf_adds(&b, "\xE3\x80\x81\xE3\x80\x8D"); /* 、」 */
    lb *l = lb_new();
    lay_ctx c = {&fake, l};
    doc_span sp = {.kind = DOC_SPAN_TEXT, .text = b.s, .len = b.len};
    lay_result r;
    lay_init(&r);
    lay_spans(&r, &c, &sp, 1, 0, 0, 400, 10, 0, LAY_C_TEXT, 0, 1.0f);
    strbuf line0, line1;
    strbuf_init(&line0);
    strbuf_init(&line1);
    for (size_t i = 0; i < r.n; i++)
        if (r.items[i].kind == LAY_TEXT)
            strbuf_add(r.items[i].textline == 0 ? &line0 : &line1, r.items[i].text, r.items[i].len);
    CHECK_INT(line0.len, 79);
    CHECK_STR(line1.s, "a\xE3\x80\x81\xE3\x80\x8D");
    lay_fini(&r);
    /* Spaces hang, so a closing mark after them still may not start a line:
     * "yte    )" at the end of a full line goes down as one (found by
     * test_fuzz, from a mutated heading). */
    static const char spaced[] = "b&amp    ;yte    )";
    sp = (doc_span){.kind = DOC_SPAN_TEXT, .text = spaced, .len = strlen(spaced)};
    lay_init(&r);
    lay_spans(&r, &c, &sp, 1, 0, 0, 120, 16, 0, LAY_C_TEXT, 0, 1.0f); /* 15 ASCII a line */
    for (size_t i = 0; i < r.n; i++) {
        CHECK(r.items[i].x + r.items[i].w <= 120);
        if (i == 0 || r.items[i - 1].textline != r.items[i].textline)
            CHECK(r.items[i].text[0] != ')');
    }
    strbuf_fini(&line0);
    strbuf_fini(&line1);
    lay_fini(&r);
    lb_free(l);
    strbuf_fini(&b);
    return test_failures - f0;
}

TEST(check_warns_about_long_paragraphs)
{
    strbuf md;
    strbuf_init(&md);
    strbuf_adds(&md, "# t\n\n短い段落。\n\n");
    for (int i = 0; i < 6000; i++)
        strbuf_adds(&md, "長い段落です。"); /* 21 bytes: 126 KB */
    strbuf_adds(&md, "\n");
    guide_chapter ch = {.path = "long.md", .doc = doc_parse(md.s, md.len, "long.md", NULL)};
    guide g = {.ch = &ch, .n = 1};
    diag_list d;
    diag_init(&d, LANG_EN);
    content_check_guide(&g, &d);
    CHECK_INT(d.n, 1);
    CHECK(has_diag(&d, "long.md:5: warning: a paragraph of 123 KB"));
    diag_fini(&d);
    doc_free(ch.doc);
    strbuf_fini(&md);
}

static int deep_child(void *arg)
{
    int f0 = test_failures;
    (void)arg;
    diag_list d;
    diag_init(&d, LANG_EN);
    CHECK_INT(load_book(&d), 1);
    diag_fini(&d);
    return test_failures - f0;
}

TEST(deeply_nested_chapter)
{
    /* 200,000 unclosed <span>: not XML, so the HTML parser reads it, with
     * no depth limit of its own; every walk over the tree must have one. */
    snprintf(book, sizeof book, "%s/deep.epub", dir);
    strbuf c;
    strbuf_init(&c);
    strbuf_adds(&c, "<html><body><h1>t</h1><p>");
    for (int i = 0; i < 200000; i++)
        strbuf_adds(&c, i % 2 ? "<span>" : "<div>");
    strbuf_adds(&c, "x</body></html>");
    char opf[1024];
    snprintf(opf, sizeof opf, "%s<manifest><item id=\"c1\" href=\"c.xhtml\" "
                              "media-type=\"application/xhtml+xml\"/></manifest><spine><itemref "
                              "idref=\"c1\"/></spine></package>\n", opf_head);
    CHECK(write_book(book, true, opf, c.s, false));
    strbuf_fini(&c);
    CHECK(bounded_run("200,000 nested elements", deep_child, NULL, 20, 600));
}

TEST(kinsoku_inside_overlong_runs)
{
    CHECK(bounded_run("kinsoku in an over-long run", kinsoku_child, NULL, 10, 200));
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    char err[512];
    CHECK(src && mkdtemp(dir));
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    RUN(tf_fini_null);
    RUN(pdf_date_is_utc);
    RUN(diag_escapes_control_bytes);
    make_pictures();
    RUN(probe_reads_headers);
    RUN(bad_pictures_on_screen);
    RUN(bad_pictures_on_paper);
    RUN(check_reports_bad_pictures_and_binary_files);
    RUN(spine_of_one_chapter_20000_times);
    RUN(billion_laughs_in_title_pre_and_rt);
    RUN(external_entities_and_xinclude_are_not_read);
    RUN(check_reports_broken_books);
    RUN(long_paragraphs_in_linear_time);
    RUN(kinsoku_inside_overlong_runs);
    RUN(deeply_nested_chapter);
    RUN(check_warns_about_long_paragraphs);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
    return test_summary();
}
