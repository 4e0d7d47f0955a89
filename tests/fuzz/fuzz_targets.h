/*
 * fuzz_targets.h - what one fuzz input goes through, for each parser that
 * reads files staff edit or that arrive on a USB stick: decks, EPUB
 * containers, their package document (OPF) and content documents (XHTML),
 * referrals.ini and desk.ini, and picture headers.  Shared by the libFuzzer
 * targets (fuzz_<name>.c, clang) and test_fuzz, which replays the seed
 * corpora in tests/fuzz/corpus/<name>/ (and mutations of them) under the
 * ordinary ASan/UBSan build.
 *
 * Each body returns the number of broken invariants (0: all well); a crash,
 * a leak or undefined behaviour is found by the sanitizers.  Parsers that
 * read files get the input through one temporary folder per process.
 */
#ifndef MG_FUZZ_TARGETS_H
#define MG_FUZZ_TARGETS_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zip.h>

#include "../../app/core/content.h"
#include "../../app/core/deck.h"
#include "../../app/core/desk.h"
#include "../../app/core/epub.h"
#include "../../app/core/guide.h"
#include "../../app/core/pic.h"
#include "../../app/core/referrals.h"
#include "../../app/core/slidelay.h"
#include "fuzz_body.h"

/* The process's scratch folder (made on first use, with assets/ inside). */
static const char *fz_dir(void)
{
    static char dir[64];
    if (!dir[0]) {
        snprintf(dir, sizeof dir, "/tmp/mgfuzz-%d", (int)getpid());
        mkdir(dir, 0700);
        char a[96];
        snprintf(a, sizeof a, "%s/assets", dir);
        mkdir(a, 0700);
    }
    return dir;
}

/* Write data to dir/name; the path (static storage, until the next call). */
static const char *fz_put(const char *name, const void *data, size_t size)
{
    static char path[160];
    snprintf(path, sizeof path, "%s/%s", fz_dir(), name);
    FILE *f = fopen(path, "wb");
    if (f) {
        if (size)
            fwrite(data, 1, size, f);
        fclose(f);
    }
    return path;
}

/* Remove the scratch folder (at the end of a replay). */
static inline void fz_cleanup(void)
{
    char cmd[96];
    snprintf(cmd, sizeof cmd, "rm -rf %s", fz_dir());
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", fz_dir());
}

/* A deck: parsed, checked, and its first slides laid out. */
static inline int fuzz_deck(const uint8_t *data, size_t size, lb *l)
{
    static const lay_metrics m = {NULL, fz_width, fz_ascent, fz_height, fz_image};
    diag_list d;
    diag_init(&d, LANG_EN);
    deck *k = deck_parse((const char *)data, size, "fuzz.md", &d);
    int bad = 0;
    if (k) {
        slay_check(k, &d);
        lay_ctx c = {&m, l};
        for (size_t i = 0; i < k->n && i < 8; i++) {
            slay_slide s;
            slay_init(&s);
            slay_layout(&s, k, i, 640, &c);
            bad += s.w <= 0 || s.h <= 0;
            slay_fini(&s);
        }
    }
    deck_free(k);
    diag_fini(&d);
    return bad;
}

/* A book at path: opened, loaded, checked as `check` does. */
static inline int fuzz_book(const char *path)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    guide g;
    memset(&g, 0, sizeof g);
    epub *e = epub_open(path, &d);
    int bad = 0;
    if (e) {
        g.epub = e; /* guide_fini closes it */
        epub_load(e, &g, &d);
        g.epub = e;
        content_check_guide(&g, &d);
        for (size_t i = 0; i < g.ntoc; i++)
            bad += g.toc[i].chapter < 0 || (size_t)g.toc[i].chapter >= g.n;
    }
    guide_fini(&g);
    diag_fini(&d);
    return bad;
}

/* The input is the whole EPUB (zip) file. */
static inline int fuzz_epub(const uint8_t *data, size_t size)
{
    return fuzz_book(fz_put("book.epub", data, size));
}

static const char fz_container[] =
    "<?xml version=\"1.0\"?>\n<container version=\"1.0\" "
    "xmlns=\"urn:oasis:names:tc:opendocument:xmlns:container\"><rootfiles><rootfile "
    "full-path=\"OEBPS/content.opf\" media-type=\"application/oebps-package+xml\"/></rootfiles>"
    "</container>\n";
static const char fz_opf[] =
    "<?xml version=\"1.0\"?>\n<package xmlns=\"http://www.idpf.org/2007/opf\" version=\"3.0\">"
    "<metadata xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>t</dc:title></metadata>"
    "<manifest><item id=\"nav\" href=\"nav.xhtml\" media-type=\"application/xhtml+xml\" "
    "properties=\"nav\"/><item id=\"c\" href=\"c.xhtml\" media-type=\"application/xhtml+xml\"/>"
    "</manifest><spine><itemref idref=\"c\"/></spine></package>\n";
static const char fz_xhtml[] =
    "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\"><body><h1 id=\"a\">t</h1>"
    "<p>x</p></body></html>\n";

/* A book around the input: as its package document (opf) or as its one
 * chapter and its navigation document (xhtml). */
static inline int fuzz_epub_part(const uint8_t *data, size_t size, bool opf)
{
    char path[160];
    snprintf(path, sizeof path, "%s/part.epub", fz_dir());
    int err;
    zip_t *z = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &err);
    if (!z)
        return 0;
    const void *o = opf ? (const void *)data : fz_opf, *x = opf ? (const void *)fz_xhtml : data;
    size_t on = opf ? size : strlen(fz_opf), xn = opf ? strlen(fz_xhtml) : size;
    const char *names[4] = {"mimetype", "META-INF/container.xml", "OEBPS/content.opf", "OEBPS/c.xhtml"};
    const void *bytes[4] = {"application/epub+zip", fz_container, o, x};
    size_t lens[4] = {20, strlen(fz_container), on, xn};
    for (int i = 0; i < 5; i++) {
        int k = i < 4 ? i : 3;
        zip_source_t *s = zip_source_buffer(z, bytes[k], lens[k], 0);
        if (s && zip_file_add(z, i < 4 ? names[i] : "OEBPS/nav.xhtml", s, ZIP_FL_OVERWRITE) < 0)
            zip_source_free(s);
    }
    if (zip_close(z) != 0) {
        zip_discard(z);
        return 0;
    }
    return fuzz_book(path);
}

/* The input as referrals.ini and as desk.ini. */
static inline int fuzz_ini(const uint8_t *data, size_t size)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    ref_list l;
    size_t n = ref_load(&l, fz_put("assets/referrals.ini", data, size), &d);
    int bad = n != l.n;
    for (size_t i = 0; i < l.n; i++)
        bad += !l.a[i].id || !l.a[i].name || ref_find(&l, l.a[i].id) == NULL;
    ref_fini(&l);
    diag_fini(&d);
    fz_put("assets/desk.ini", data, size);
    desk k;
    diag_init(&d, LANG_EN);
    desk_load(&k, fz_dir(), &d);
    desk_fini(&k);
    diag_fini(&d);
    return bad;
}

/* The input as a picture file, as the screen, the paper and check see its
 * header before anything decodes it. */
static inline int fuzz_pic(const uint8_t *data, size_t size)
{
    pic_info in;
    pic_status st = pic_probe(data, size, &in);
    int bad = 0;
    if (st == PIC_OK && in.fmt != PIC_FMT_SVG)
        bad += in.w <= 0 || in.h <= 0 || in.w > PIC_MAX_SIDE || in.h > PIC_MAX_SIDE ||
               (long)in.w * in.h > PIC_MAX_PIXELS;
    pic_info deep;
    pic_status vst = pic_verify(data, size, &deep); /* the PNG data, inflated */
    bad += vst == PIC_OK && st != PIC_OK;
    diag_list d;
    diag_init(&d, LANG_EN);
    pic_report(&d, "f", 1, "p", st, &in, size);
    bad += (st == PIC_OK) != (d.n == 0);
    diag_fini(&d);
    return bad;
}

#endif
