/*
 * pdf.c - the paper painter (see pdf.h).
 */
#include "pdf.h"

#include "../core/font.h"

#include "../core/palette.h"

#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <hb-subset.h>
#include <hpdf.h>
#include <hpdf_doc.h> /* the document's memory and xref, for images written lazily */
#include <hpdf_objects.h> /* the font's ToUnicode stream, rewritten (tounicode) */
#include <hpdf_pages.h> /* a drawn page's content stream, packed (pack_page) */
#include <hpdf_streams.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/clock.h"
#include "../core/fsio.h"
#include "../core/pic.h"
#include "../core/qr.h"
#include "picture.h"

#define MARGIN 40.0f  /* points */
#define HEADER 22.0f  /* points for the header line */
#define FOOTER 22.0f
#define HEAD_PT 10.5f /* the header's and footers' type: as large as the body's */

/* Drawing is recorded, then replayed into the document that is saved, so
 * the font embedded there can be a subset holding only the characters the
 * handout uses (HarfBuzz's hb-subset): a handout then carries tens of KB of
 * font instead of the whole ~250 KB. */
enum op_kind { OP_PAGE, OP_TEXT, OP_RECT, OP_LINE, OP_IMAGE };

typedef struct op {
    enum op_kind kind;
    float a, b, c, d; /* points: x, y, w, h (or x0, y0, x1, y1); text: x, y, size */
    uint32_t rgb;
    bool flag;       /* text: bold; rect: filled; page: landscape */
    float width;     /* stroke width */
    char *s;         /* text, or a picture's path */
} op;

/* A picture as the measuring pass saw it: its natural size and what it is.
 * No pixels are kept: each picture is read again (and decoded again, when
 * it is not embedded as it is) while the saved document is written, one
 * at a time (lazy streams below), so a book of many pictures costs the
 * memory of one picture, not of all. */
typedef struct img_cache {
    char *path;
    bool ok;           /* false: could not be read (a framed placeholder) */
    int w, h;          /* size, pixels (at most PAPER_MAX_SIDE for a decoded one) */
    int nw, nh;        /* natural size, before that limit */
    int jpeg;          /* a plain JPEG that can go in as it is: its components (1 or 3), else 0 */
    bool photo;        /* a JPEG of any kind: downscaled, it is written as a JPEG again */
    bool alpha;        /* has transparency (a soft mask goes with it) */
    float dw, dh;      /* the largest size it is drawn at in the saved document, points */
    size_t written;    /* a photo: its bytes in the document written last */
} img_cache;

/* A handout prints at 150 dpi: an A4 page is 1240 x 1754 pixels, so no
 * picture needs more than 300 dpi across it. */
#define PAPER_MAX_SIDE 2480
/* Pictures go into the PDF at 200 dpi of the size they are drawn at (the
 * dots of a speech bubble's text stay sharp on paper); a plain JPEG at
 * most half as large again as that goes in as it is. */
#define PAPER_DPI 200

/* A handout is something staff send: at most PDF_MAX_BYTES (pdf.h), what
 * a mail server takes.  One over it is written again with its photos
 * (JPEGs) scaled by one factor for all and re-encoded at FIT_QUALITY: the
 * factor measured on a few of them first, so that the photos fill what
 * the rest of the document leaves, with FIT_MARGIN to spare.  No photo goes
 * below FIT_MIN_DPI of the size it is drawn at; diagrams and other
 * pictures without loss (PNG, SVG) stay as they are. */
#define FIT_MARGIN 0.95
#define FIT_QUALITY 65
#define FIT_MIN_DPI 90
#define FIT_PROBES 3 /* photos encoded to measure the factor */
#define FIT_PASSES 2 /* documents written again at most */

/* The same picture in one libharu document (each saved document has its own). */
typedef struct doc_img {
    const img_cache *c;
    HPDF_Image img;
} doc_img;

/* What a lazy image stream writes: made when libharu first reads it (at
 * HPDF_SaveToFile), and let go as soon as it has been read to its end. */
enum lazy_kind { LZ_JPEG, LZ_RECODE, LZ_RGB, LZ_ALPHA };
typedef struct lazy {
    struct pdf *p;
    img_cache *c;
    enum lazy_kind kind;
    int tw, th;         /* the pixels embedded (LZ_RECODE, LZ_RGB, LZ_ALPHA) */
    unsigned char *buf; /* the bytes, while they are written */
    size_t len, pos;
} lazy;

/* A page's content stream once the page is drawn: deflated in memory (a
 * fifth of its size) until libharu writes it, when it is inflated again as
 * it is read, and deflated once more on its way into the file. */
typedef struct packed {
    unsigned char *z; /* the deflated bytes */
    size_t zlen, plain;
    z_stream inf;
    bool reading;
    size_t out; /* plain bytes read so far */
} packed;

struct pdf {
    HPDF_Doc doc;
    HPDF_Font font;
    float pw, ph; /* page size, points */
    bool landscape;
    char *header, *title;
    char *contact;  /* the header's right-hand side: the desk's phone and hours */
    int64_t now_ms; /* wall clock: the document's date and its footers */
    lay_metrics metrics;
    size_t npages;
    img_cache *imgs;
    size_t nimg, icap;
    lazy **lz; /* the lazy streams of the document being saved */
    size_t nlz, lzcap;
    packed **pk; /* its pages' contents, packed */
    size_t npk, pkcap;
    /* The alpha plane of the picture decoded last (for its soft mask,
     * written after its colours), or NULL. */
    const img_cache *last_c;
    unsigned char *last_alpha;
    double fit;          /* photos scaled by this (0: as they are) */
    size_t max_bytes;    /* the document's largest size (PDF_MAX_BYTES) */
    size_t photo_bytes;  /* the photos' bytes in the document written last */
    void *(*load)(void *ctx, const char *path, size_t *len);
    void *load_ctx;
    void (*progress)(void *ctx, int done, int total);
    void *progress_ctx;
    char err[256];
    char *font_path;
    char *bold_path; /* the family's Bold file (embedded too), or NULL */
    op *ops;
    size_t nops, opcap;
    uint32_t *cps; /* characters used, for the subset */
    size_t ncps, cpcap;
    unsigned char seen[65536 / 8];
    /* advance widths (1/1000 em) memoised per code point */
    uint32_t cw_cp[4096];
    short cw_w[4096];
};

static void on_error(HPDF_STATUS e, HPDF_STATUS detail, void *user)
{
    pdf *p = user;
    if (!p->err[0]) /* the first error says what went wrong; later ones follow from it */
        snprintf(p->err, sizeof p->err, "libharu error 0x%04X (%u)", (unsigned)e,
                 (unsigned)detail);
}

static int advance(pdf *p, uint32_t cp, const char *s, size_t n)
{
    uint32_t slot = (cp * 2654435761u) & 4095;
    if (p->cw_cp[slot] == cp && p->cw_w[slot])
        return p->cw_w[slot];
    char buf[8];
    memcpy(buf, s, n);
    buf[n] = '\0';
    HPDF_TextWidth tw = HPDF_Font_TextWidth(p->font, (const HPDF_BYTE *)buf, (HPDF_UINT)n);
    p->cw_cp[slot] = cp;
    p->cw_w[slot] = (short)(tw.width ? tw.width : 1);
    return (int)tw.width;
}

/* Sum of advances, as a PDF viewer places the glyphs (no kerning). */
static int m_width(void *ctx, const char *s, size_t n, int size, unsigned style)
{
    (void)style;
    pdf *p = ctx;
    long long total = 0;
    size_t i = 0;
    while (i < n) {
        size_t st = i;
        uint32_t cp = utf8_next(s, n, &i);
        if (cp == '\n')
            continue;
        total += advance(p, cp, s + st, i - st);
    }
    return (int)(total * size / 1000);
}

static int m_ascent(void *ctx, int size)
{
    pdf *p = ctx;
    return HPDF_Font_GetAscent(p->font) * size / 1000;
}

static int m_height(void *ctx, int size)
{
    pdf *p = ctx;
    return (HPDF_Font_GetAscent(p->font) - HPDF_Font_GetDescent(p->font)) * size / 1000;
}

/* A JPEG libharu embeds as it is and every viewer shows right: baseline
 * or progressive, grey or RGB (an Adobe CMYK one is decoded instead).
 * Its number of components (1 or 3), else 0. */
static int jpeg_plain(const unsigned char *b, size_t n)
{
    for (size_t i = 2; i + 9 < n;) {
        if (b[i] != 0xFF)
            return 0;
        unsigned m = b[i + 1], len = (unsigned)b[i + 2] << 8 | b[i + 3];
        if (m == 0xC0 || m == 0xC1 || m == 0xC2)
            return b[i + 9] == 1 || b[i + 9] == 3 ? b[i + 9] : 0; /* components */
        if ((m >= 0xC3 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC) || m == 0xDA || len < 2)
            return 0; /* lossless, arithmetic, or no frame before the scan */
        i += 2 + len;
    }
    return 0;
}

static void *read_picture(pdf *p, const char *path, size_t *len)
{
    *len = 0;
    return p->load ? p->load(p->load_ctx, path, len) : pic_read_file(path, len);
}

static img_cache *image(pdf *p, const char *path)
{
    for (size_t i = 0; i < p->nimg; i++)
        if (!strcmp(p->imgs[i].path, path))
            return &p->imgs[i];
    vec_reserve((void **)&p->imgs, &p->icap, p->nimg + 1, sizeof(img_cache));
    img_cache *c = &p->imgs[p->nimg++];
    memset(c, 0, sizeof *c);
    c->path = xstrdup(path);
    size_t len = 0;
    void *bytes = read_picture(p, path, &len);
    /* A photo (a plain JPEG, not too large) may go into the PDF as it is:
     * no decoding, the file's own bytes on paper.  One stored on its side
     * (EXIF orientation) is decoded and turned instead. */
    pic_info info;
    if (bytes && pic_probe(bytes, len, &info) == PIC_OK && info.fmt == PIC_FMT_JPEG) {
        c->photo = true;
        c->jpeg = jpeg_plain(bytes, len) && picture_orientation(bytes, len) == 1;
        if (c->jpeg && info.w > 0 && info.h > 0 && info.w <= PAPER_MAX_SIDE &&
            info.h <= PAPER_MAX_SIDE && len <= UINT32_MAX) {
            c->ok = true;
            c->w = c->nw = info.w;
            c->h = c->nh = info.h;
            free(bytes);
            return c;
        }
        c->jpeg = 0;
    }
    /* Probed, then decoded by SDL_image: a cut or lying PNG never reaches
     * libharu's own loader, whose libpng would abort() the kiosk.  Decoded
     * here only to be sure it can be, its size and whether it is
     * transparent; the pixels are let go at once. */
    if (bytes && (picture_jpeg_measure(bytes, len, PAPER_MAX_SIDE, &c->w, &c->h, &c->nw, &c->nh) ||
                  picture_measure(bytes, len, PAPER_MAX_SIDE, &c->w, &c->h, &c->nw, &c->nh, &c->alpha)))
        c->ok = true; /* else a framed placeholder, as for a picture that is not there */
    free(bytes);
    return c;
}

/* The pixels c goes into the PDF with, for the largest size it is drawn at
 * (PAPER_DPI; never more than it has): the size picture_decode's
 * downscale gives for that long side. */
static void target_size(const img_cache *c, int *tw, int *th)
{
    double need = MG_MAX(c->dw / 72.0 * PAPER_DPI / c->w, c->dh / 72.0 * PAPER_DPI / c->h);
    int cap = MG_MAX(c->w, c->h);
    int side = need >= 1 ? cap : MG_MAX((int)(cap * need + 0.999), 1);
    picture_scaled_size(c->nw, c->nh, side, tw, th);
}

/* Whether c goes into the PDF as it is for tw x th (its target_size): a
 * plain JPEG at most half as large again as that. */
static bool as_is(const img_cache *c, int tw, int th)
{
    return c->jpeg && c->w <= tw * 3 / 2 + 1 && c->h <= th * 3 / 2 + 1;
}

/* Make z's bytes: the JPEG file, or the picture decoded and scaled to
 * z->tw x z->th (written as a JPEG again, or its RGB or alpha plane). */
static bool lazy_make(lazy *z)
{
    pdf *p = z->p;
    size_t len = 0;
    if (z->kind == LZ_ALPHA && p->last_c == z->c && p->last_alpha) {
        z->buf = p->last_alpha; /* kept from its colours' decoding */
        z->len = (size_t)z->tw * (size_t)z->th;
        p->last_alpha = NULL;
        p->last_c = NULL;
        return true;
    }
    void *bytes = read_picture(p, z->c->path, &len);
    if (!bytes)
        return false;
    if (z->kind == LZ_JPEG) {
        z->buf = bytes;
        z->len = len;
        return true;
    }
    bool ok;
    if (z->kind == LZ_RECODE) {
        ok = picture_jpeg(bytes, len, z->tw, z->th, p->fit > 0 ? FIT_QUALITY : 90, &z->buf, &z->len);
    } else if (z->kind == LZ_RGB) {
        unsigned char *alpha = NULL;
        ok = picture_planes(bytes, len, z->tw, z->th, &z->buf, z->c->alpha ? &alpha : NULL);
        z->len = ok ? (size_t)z->tw * (size_t)z->th * 3 : 0;
        free(p->last_alpha); /* the soft mask's plane, for its stream next */
        p->last_alpha = alpha;
        p->last_c = alpha ? z->c : NULL;
    } else {
        ok = picture_planes(bytes, len, z->tw, z->th, NULL, &z->buf);
        z->len = ok ? (size_t)z->tw * (size_t)z->th : 0;
    }
    free(bytes);
    return ok;
}

static HPDF_STATUS lazy_read(HPDF_Stream st, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
    lazy *z = st->attr;
    if (!z->buf && (!lazy_make(z) || !z->buf)) {
        *siz = 0;
        pdf *p = z->p;
        if (!p->err[0])
            snprintf(p->err, sizeof p->err, "%s: cannot read the picture again", z->c->path);
        return HPDF_SetError(st->error, HPDF_INVALID_IMAGE, 0);
    }
    size_t n = MG_MIN((size_t)*siz, z->len - z->pos);
    memcpy(ptr, z->buf + z->pos, n);
    z->pos += n;
    *siz = (HPDF_UINT)n;
    if (z->pos < z->len)
        return HPDF_OK;
    if (z->kind == LZ_JPEG || z->kind == LZ_RECODE) {
        z->c->written += z->len;
        z->p->photo_bytes += z->len;
    }
    free(z->buf); /* written: let go at once */
    z->buf = NULL;
    z->len = z->pos = 0;
    return HPDF_STREAM_EOF;
}

static HPDF_STATUS lazy_seek(HPDF_Stream st, HPDF_INT pos, HPDF_WhenceMode mode)
{
    lazy *z = st->attr;
    if (pos != 0 || mode != HPDF_SEEK_SET)
        return HPDF_SetError(st->error, HPDF_STREAM_EOF, 0);
    z->pos = 0; /* libharu reads each stream once, from its start */
    return HPDF_OK;
}

static HPDF_INT32 lazy_tell(HPDF_Stream st)
{
    return (HPDF_INT32)((lazy *)st->attr)->pos;
}

static HPDF_UINT32 lazy_size(HPDF_Stream st)
{
    const lazy *z = st->attr;
    switch (z->kind) {
    case LZ_RGB: return (HPDF_UINT32)z->tw * (HPDF_UINT32)z->th * 3;
    case LZ_ALPHA: return (HPDF_UINT32)z->tw * (HPDF_UINT32)z->th;
    default: return 1; /* not known before it is made; libharu only asks whether it is empty */
    }
}

/* An image XObject of doc whose data is z's lazy stream (libharu 2.3 and
 * 2.4 have no API for a stream read at save time, so the image dictionary
 * is built as HPDF_LoadRawImageFromMem builds it, with its memory stream
 * swapped for a callback reader).  z is p's until the document is freed. */
static HPDF_Image lazy_image(pdf *p, HPDF_Doc doc, lazy *z, int w, int h, bool grey,
                             unsigned filter)
{
    vec_reserve((void **)&p->lz, &p->lzcap, p->nlz + 1, sizeof(lazy *));
    p->lz[p->nlz++] = z;
    HPDF_Stream st = HPDF_CallbackReader_New(doc->mmgr, lazy_read, lazy_seek, lazy_tell,
                                             lazy_size, z);
    HPDF_Dict img = st ? HPDF_DictStream_New(doc->mmgr, doc->xref) : NULL;
    if (!img) {
        HPDF_Stream_Free(st);
        return NULL;
    }
    img->header.obj_class |= HPDF_OSUBCLASS_XOBJECT;
    HPDF_STATUS r = HPDF_Dict_AddName(img, "Type", "XObject");
    r += HPDF_Dict_AddName(img, "Subtype", "Image");
    r += HPDF_Dict_AddName(img, "ColorSpace", grey ? "DeviceGray" : "DeviceRGB");
    r += HPDF_Dict_AddNumber(img, "Width", w);
    r += HPDF_Dict_AddNumber(img, "Height", h);
    r += HPDF_Dict_AddNumber(img, "BitsPerComponent", 8);
    HPDF_Stream_Free(img->stream);
    img->stream = st;
    img->filter = filter;
    return r == HPDF_OK ? img : NULL;
}

static lazy *lazy_new(pdf *p, img_cache *c, enum lazy_kind kind, int tw, int th)
{
    lazy *z = xcalloc(1, sizeof *z);
    *z = (lazy){.p = p, .c = c, .kind = kind, .tw = tw, .th = th};
    return z;
}

static void lazy_free_all(pdf *p)
{
    for (size_t i = 0; i < p->nlz; i++) {
        free(p->lz[i]->buf);
        free(p->lz[i]);
    }
    for (size_t i = 0; i < p->npk; i++) {
        if (p->pk[i]->reading)
            inflateEnd(&p->pk[i]->inf);
        free(p->pk[i]->z);
        free(p->pk[i]);
    }
    p->npk = 0;
    p->nlz = 0;
    free(p->last_alpha);
    p->last_alpha = NULL;
    p->last_c = NULL;
}

static HPDF_STATUS packed_read(HPDF_Stream st, HPDF_BYTE *ptr, HPDF_UINT *siz)
{
    packed *k = st->attr;
    if (!k->reading) {
        memset(&k->inf, 0, sizeof k->inf);
        if (inflateInit(&k->inf) != Z_OK)
            return HPDF_SetError(st->error, HPDF_STREAM_EOF, 0);
        k->inf.next_in = k->z;
        k->inf.avail_in = (uInt)k->zlen;
        k->reading = true;
        k->out = 0;
    }
    k->inf.next_out = ptr;
    k->inf.avail_out = *siz;
    int r = inflate(&k->inf, Z_NO_FLUSH);
    *siz -= k->inf.avail_out;
    k->out += *siz;
    if (r == Z_STREAM_END) { /* read to its end: the inflater's 40 KB let go at once */
        inflateEnd(&k->inf);
        k->reading = false;
        return HPDF_STREAM_EOF;
    }
    if (r != Z_OK && !(r == Z_BUF_ERROR && *siz))
        return HPDF_SetError(st->error, HPDF_STREAM_EOF, 0);
    return HPDF_OK;
}

static HPDF_STATUS packed_seek(HPDF_Stream st, HPDF_INT pos, HPDF_WhenceMode mode)
{
    packed *k = st->attr;
    if (pos != 0 || mode != HPDF_SEEK_SET)
        return HPDF_SetError(st->error, HPDF_STREAM_EOF, 0);
    if (k->reading) /* from the start again */
        inflateEnd(&k->inf);
    k->reading = false;
    k->out = 0;
    return HPDF_OK;
}

static HPDF_INT32 packed_tell(HPDF_Stream st)
{
    return (HPDF_INT32)((packed *)st->attr)->out;
}

static HPDF_UINT32 packed_size(HPDF_Stream st)
{
    return (HPDF_UINT32)((packed *)st->attr)->plain;
}

/* pg drawn: its content stream packed (see packed), when the page is
 * closed (no text or path open, the graphics state at the page's own):
 * libharu then writes nothing more into it.  Else left as it is. */
static void pack_page(pdf *p, HPDF_Doc doc, HPDF_Page pg)
{
    HPDF_PageAttr attr = pg ? (HPDF_PageAttr)pg->attr : NULL;
    if (!attr || !attr->contents || attr->contents->stream != attr->stream ||
        attr->stream->type != HPDF_STREAM_MEMORY || HPDF_Page_GetGMode(pg) != HPDF_GMODE_PAGE_DESCRIPTION ||
        HPDF_Page_GetGStateDepth(pg) != 1)
        return;
    HPDF_Stream ms = attr->stream;
    size_t plain = HPDF_Stream_Size(ms);
    if (plain < 512 || plain > UINT32_MAX / 2)
        return; /* not worth it */
    unsigned char *buf = xmalloc(plain);
    HPDF_UINT got = (HPDF_UINT)plain;
    uLongf zlen = compressBound((uLong)plain);
    unsigned char *z = NULL;
    if (HPDF_Stream_Seek(ms, 0, HPDF_SEEK_SET) == HPDF_OK &&
        (HPDF_Stream_Read(ms, buf, &got) == HPDF_OK || got == plain) && got == plain) {
        z = xmalloc(zlen);
        if (compress2(z, &zlen, buf, (uLong)plain, Z_BEST_SPEED) != Z_OK) {
            free(z);
            z = NULL;
        }
    }
    free(buf);
    HPDF_Stream cb = z ? HPDF_CallbackReader_New(doc->mmgr, packed_read, packed_seek, packed_tell,
                                                 packed_size, NULL)
                       : NULL;
    if (!cb) {
        free(z);
        return;
    }
    packed *k = xcalloc(1, sizeof *k);
    k->z = xrealloc(z, zlen ? zlen : 1);
    k->zlen = zlen;
    k->plain = plain;
    cb->attr = k;
    vec_reserve((void **)&p->pk, &p->pkcap, p->npk + 1, sizeof(packed *));
    p->pk[p->npk++] = k;
    attr->contents->stream = cb;
    attr->stream = cb; /* written no more: a write to it is an error, not lost */
    HPDF_Stream_Free(ms);
}

/* The pixels photo c goes in with when photos are scaled by fit (< 1):
 * its size unscaled (as it is, or target_size) times fit, but never below
 * FIT_MIN_DPI of its drawn size, nor above the size unscaled.  The sizes
 * picture_decode's downscale gives for that long side.  False: unscaled. */
static bool fit_size(const img_cache *c, double fit, int *fw, int *fh)
{
    int tw, th;
    target_size(c, &tw, &th);
    if (as_is(c, tw, th))
        tw = c->w, th = c->h; /* unscaled, it goes in as it is */
    int side = MG_MAX(tw, th);
    double floor_px = MG_MAX(c->dw, c->dh) / 72.0 * FIT_MIN_DPI;
    int want = (int)MG_MAX(side * fit, floor_px);
    return want < side && picture_scaled_size(c->nw, c->nh, want, fw, fh);
}

/* c as an image of doc at the pixels its drawn size needs: a plain JPEG
 * not much larger than that as it is; a larger photo scaled and written
 * as a JPEG again; any other picture scaled, its RGB (and alpha, as a
 * soft mask) deflated.  The bytes are made while the document is written. */
static HPDF_Image load_image(pdf *p, HPDF_Doc doc, img_cache *c)
{
    int tw, th, fw, fh;
    target_size(c, &tw, &th);
    if (c->photo && !c->alpha && p->fit > 0 && fit_size(c, p->fit, &fw, &fh))
        return lazy_image(p, doc, lazy_new(p, c, LZ_RECODE, fw, fh), fw, fh, false,
                          HPDF_STREAM_FILTER_DCT_DECODE);
    if (as_is(c, tw, th))
        return lazy_image(p, doc, lazy_new(p, c, LZ_JPEG, 0, 0), c->w, c->h, c->jpeg == 1,
                          HPDF_STREAM_FILTER_DCT_DECODE);
    if (c->photo && !c->alpha)
        return lazy_image(p, doc, lazy_new(p, c, LZ_RECODE, tw, th), tw, th, false,
                          HPDF_STREAM_FILTER_DCT_DECODE);
    HPDF_Image img = lazy_image(p, doc, lazy_new(p, c, LZ_RGB, tw, th), tw, th, false,
                                HPDF_STREAM_FILTER_FLATE_DECODE);
    if (img && c->alpha) {
        HPDF_Image mask = lazy_image(p, doc, lazy_new(p, c, LZ_ALPHA, tw, th), tw, th, true,
                                     HPDF_STREAM_FILTER_FLATE_DECODE);
        if (mask)
            HPDF_Image_AddSMask(img, mask);
    }
    return img;
}

static bool m_image(void *ctx, const char *path, int *w, int *h)
{
    pdf *p = ctx;
    img_cache *c = image(p, path);
    if (!c->ok)
        return false;
    /* Natural size: 150 dpi, in layout units. */
    *w = (int)(c->w * 72.0 / 150.0 * PDF_UNIT);
    *h = (int)(c->h * 72.0 / 150.0 * PDF_UNIT);
    return true;
}

pdf *pdf_new(const char *font_path, const char *title, const char *header, char *err,
             size_t errsize)
{
    pdf *p = xcalloc(1, sizeof *p);
    p->doc = HPDF_New(on_error, p);
    if (!p->doc) {
        snprintf(err, errsize, "libharu: cannot start a document");
        free(p);
        return NULL;
    }
    HPDF_SetCompressionMode(p->doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(p->doc);
    HPDF_SetCurrentEncoder(p->doc, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile(p->doc, font_path, HPDF_TRUE);
    p->font = name ? HPDF_GetFont(p->doc, name, "UTF-8") : NULL;
    if (!p->font) {
        snprintf(err, errsize, "%s: %s", font_path, p->err[0] ? p->err : "cannot embed the font");
        pdf_free(p);
        return NULL;
    }
    p->font_path = xstrdup(font_path);
    char bold[4096];
    if (font_bold_for(font_path, bold, sizeof bold))
        p->bold_path = xstrdup(bold);
    p->title = xstrdup(title ? title : "");
    p->header = xstrdup(header ? header : "");
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, p->title);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, p->header);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "Madoguchi");
    p->now_ms = clock_wall(NULL);
    p->max_bytes = PDF_MAX_BYTES;
    p->metrics = (lay_metrics){p, m_width, m_ascent, m_height, m_image};
    return p;
}

void pdf_free(pdf *p)
{
    if (!p)
        return;
    if (p->doc)
        HPDF_Free(p->doc);
    for (size_t i = 0; i < p->nimg; i++)
        free(p->imgs[i].path);
    free(p->imgs);
    lazy_free_all(p);
    free(p->lz);
    free(p->pk);
    for (size_t i = 0; i < p->nops; i++)
        free(p->ops[i].s);
    free(p->ops);
    free(p->cps);
    free(p->font_path);
    free(p->bold_path);
    free(p->title);
    free(p->header);
    free(p->contact);
    free(p);
}

const lay_metrics *pdf_metrics(pdf *p)
{
    return &p->metrics;
}

void pdf_set_time(pdf *p, int64_t wall_ms)
{
    p->now_ms = wall_ms;
}

void pdf_set_contact(pdf *p, const char *text)
{
    free(p->contact);
    p->contact = text && *text ? xstrdup(text) : NULL;
}

void pdf_set_max_bytes(pdf *p, size_t max)
{
    p->max_bytes = max ? max : PDF_MAX_BYTES;
}

void pdf_set_progress(pdf *p, void (*fn)(void *ctx, int done, int total), void *ctx)
{
    p->progress = fn;
    p->progress_ctx = ctx;
}

static void progress(const pdf *p, size_t done)
{
    if (p->progress)
        p->progress(p->progress_ctx, (int)done, (int)p->npages + 1);
}

void pdf_set_loader(pdf *p, void *(*load)(void *ctx, const char *path, size_t *len), void *ctx)
{
    p->load = load;
    p->load_ctx = ctx;
}

int pdf_pages(const pdf *p)
{
    return (int)p->npages;
}

static void set_rgb(HPDF_Page pg, uint32_t c, bool fill)
{
    float r = (float)((c >> 16) & 0xFF) / 255, g = (float)((c >> 8) & 0xFF) / 255,
          b = (float)(c & 0xFF) / 255;
    if (fill)
        HPDF_Page_SetRGBFill(pg, r, g, b);
    else
        HPDF_Page_SetRGBStroke(pg, r, g, b);
}

static op *add_op(pdf *p, enum op_kind kind)
{
    vec_reserve((void **)&p->ops, &p->opcap, p->nops + 1, sizeof(op));
    op *o = &p->ops[p->nops++];
    memset(o, 0, sizeof *o);
    o->kind = kind;
    return o;
}

static void note_chars(pdf *p, const char *s)
{
    size_t n = strlen(s), i = 0;
    while (i < n) {
        uint32_t cp = utf8_next(s, n, &i);
        if (cp < 65536 && (p->seen[cp / 8] >> (cp % 8) & 1))
            continue;
        if (cp < 65536)
            p->seen[cp / 8] |= (unsigned char)(1u << (cp % 8));
        vec_reserve((void **)&p->cps, &p->cpcap, p->ncps + 1, sizeof(uint32_t));
        p->cps[p->ncps++] = cp;
    }
}

static void text_at(pdf *p, const char *s, float x, float y, float size, uint32_t rgb, bool bold)
{
    if (!s || !*s)
        return;
    op *o = add_op(p, OP_TEXT);
    o->a = x;
    o->b = y;
    o->c = size;
    o->rgb = rgb;
    o->flag = bold;
    o->s = xstrdup(s);
    note_chars(p, s);
}

/* Width in points of s at size (the font's advances, as a viewer sets them). */
static float text_pt(pdf *p, const char *s, float size)
{
    return (float)m_width(p, s, strlen(s), (int)(size * PDF_UNIT), 0) / PDF_UNIT;
}

void pdf_page(pdf *p, bool landscape, int *w, int *h)
{
    p->pw = landscape ? 841.89f : 595.276f;
    p->ph = landscape ? 595.276f : 841.89f;
    p->landscape = landscape;
    add_op(p, OP_PAGE)->flag = landscape;
    p->npages++;
    /* The header: the desk's name, its phone and hours on the right, a
     * rule under them that stands clear of what the page starts with. */
    float base = p->ph - MARGIN + 2;
    text_at(p, p->header, MARGIN, base, HEAD_PT, pal_hex(PAL_HEADER_BG), true);
    /* The desk's phone and hours: pdf_save puts them in (draw_contact). */
    int rule = (int)(-(HEADER - 5) * PDF_UNIT);
    pdf_line(p, 0, rule, (int)((p->pw - 2 * MARGIN) * PDF_UNIT), rule, pal_hex(PAL_HEADER_BG), 8);
    *w = (int)((p->pw - 2 * MARGIN) * PDF_UNIT);
    *h = (int)((p->ph - 2 * MARGIN - HEADER - FOOTER) * PDF_UNIT);
}

/* Layout coordinates (units, y down from the area's top) to PDF points. */
static float px(const pdf *p, int x)
{
    return MARGIN + (float)x / PDF_UNIT;
}

static float py(const pdf *p, int y)
{
    return p->ph - MARGIN - HEADER - (float)y / PDF_UNIT;
}

static void rect_pt(pdf *p, float x, float y, float w, float h, uint32_t rgb, bool fill)
{
    op *o = add_op(p, OP_RECT);
    o->a = x;
    o->b = y;
    o->c = w;
    o->d = h;
    o->rgb = rgb;
    o->flag = fill;
    o->width = 0.5f;
}

void pdf_rect(pdf *p, int x, int y, int w, int h, uint32_t rgb, bool fill)
{
    if (w <= 0 || h <= 0)
        return;
    rect_pt(p, px(p, x), py(p, y + h), (float)w / PDF_UNIT, (float)h / PDF_UNIT, rgb, fill);
}

void pdf_line(pdf *p, int x0, int y0, int x1, int y1, uint32_t rgb, int width)
{
    op *o = add_op(p, OP_LINE);
    o->a = px(p, x0);
    o->b = py(p, y0);
    o->c = px(p, x1);
    o->d = py(p, y1);
    o->rgb = rgb;
    o->width = (float)width / PDF_UNIT;
}

void pdf_image(pdf *p, const char *path, int x, int y, int w, int h)
{
    img_cache *c = path ? image(p, path) : NULL;
    if (c && c->ok) {
        op *o = add_op(p, OP_IMAGE);
        o->a = px(p, x);
        o->b = py(p, y + h);
        o->c = (float)w / PDF_UNIT;
        o->d = (float)h / PDF_UNIT;
        o->s = xstrdup(path);
    } else { /* a framed placeholder: nothing vanishes without a trace */
        pdf_rect(p, x, y, w, h, pal_hex(PAL_PAPER_FRAME), false);
    }
}

void pdf_qr(pdf *p, const char *text, int x, int y, int size)
{
    /* The modules as the screen lays them out (core/qr): the same code. */
    lay_result r;
    lay_init(&r);
    qr_lay(&r, text, x, y, size, LAY_C_TEXT);
    uint32_t col[LAY_C_COUNT];
    pdf_default_colors(col);
    pdf_paint(p, &r, 0, 0, col);
    lay_fini(&r);
}

void pdf_paint(pdf *p, const lay_result *r, int dx, int dy, const uint32_t colors[LAY_C_COUNT])
{
    for (size_t i = 0; i < r->n; i++) {
        const lay_item *it = &r->items[i];
        int x = it->x + dx, y = it->y + dy;
        switch (it->kind) {
        case LAY_RECT: pdf_rect(p, x, y, it->w, it->h, colors[it->color], true); break;
        case LAY_IMAGE: pdf_image(p, it->path, x, y, it->w, it->h); break;
        case LAY_TEXT: {
            float size = (float)it->size / PDF_UNIT;
            text_at(p, it->text, px(p, x), py(p, y + it->ascent), size, colors[it->color],
                    it->style & DOC_S_BOLD);
            if (it->style & DOC_S_LINK)
                pdf_line(p, x, y + it->ascent + it->size / 8, x + it->w,
                         y + it->ascent + it->size / 8, colors[it->color], it->size / 16 + 1);
            break;
        }
        }
    }
}

/* A TrueType file holding only the characters used (hb-subset), written
 * to a temporary file; NULL when subsetting is not possible. */
static char *subset_font(pdf *p, const char *font_path)
{
    hb_blob_t *blob = font_path ? hb_blob_create_from_file_or_fail(font_path) : NULL;
    if (!blob)
        return NULL;
    hb_face_t *face = hb_face_create(blob, 0);
    hb_subset_input_t *in = hb_subset_input_create_or_fail();
    char *out = NULL;
    if (in) {
        hb_set_t *u = hb_subset_input_unicode_set(in);
        for (size_t i = 0; i < p->ncps; i++)
            hb_set_add(u, p->cps[i]);
        hb_set_add(u, ' ');
        hb_face_t *sub = hb_subset_or_fail(face, in);
        if (sub) {
            hb_blob_t *sb = hb_face_reference_blob(sub);
            unsigned len;
            const char *data = hb_blob_get_data(sb, &len);
            char tmpl[] = "/tmp/madoguchi-fontXXXXXX";
            int fd = mkstemp(tmpl);
            if (fd >= 0) {
                bool ok = len && write(fd, data, len) == (ssize_t)len;
                close(fd);
                if (ok)
                    out = xstrdup(tmpl);
                else
                    remove(tmpl);
            }
            hb_blob_destroy(sb);
            hb_face_destroy(sub);
        }
        hb_subset_input_destroy(in);
    }
    hb_face_destroy(face);
    hb_blob_destroy(blob);
    return out;
}

/* The page's graphics state as last set, so each setting is written only
 * when it changes (they outlast BT/ET; q/Q round a picture restore the
 * same values): a book's pages carry a third less content. */
typedef struct pen {
    HPDF_Font font;
    float size, line;
    uint32_t fill, stroke; /* 0xRRGGBB, or PEN_NONE */
    int mode;              /* text rendering mode, or -1 */
} pen;
#define PEN_NONE 0xFF000000u

static void pen_reset(pen *n)
{
    *n = (pen){NULL, 0, -1, PEN_NONE, PEN_NONE, -1};
}

static void pen_rgb(HPDF_Page pg, pen *n, uint32_t c, bool fill)
{
    uint32_t *have = fill ? &n->fill : &n->stroke;
    if (*have != c)
        set_rgb(pg, c, fill);
    *have = c;
}

static void pen_width(HPDF_Page pg, pen *n, float w)
{
    if (n->line != w)
        HPDF_Page_SetLineWidth(pg, w);
    n->line = w;
}

static void replay_text(HPDF_Page pg, pen *n, HPDF_Font font, HPDF_Font bold, const op *o)
{
    HPDF_Page_BeginText(pg);
    HPDF_Font f = o->flag && bold ? bold : font;
    if (n->font != f || n->size != o->c)
        HPDF_Page_SetFontAndSize(pg, f, o->c);
    n->font = f;
    n->size = o->c;
    pen_rgb(pg, n, o->rgb, true);
    int mode = HPDF_FILL;
    if (o->flag && !bold) { /* the font has no bold face: fill, then stroke the outline */
        pen_rgb(pg, n, o->rgb, false);
        pen_width(pg, n, o->c * 0.035f);
        mode = HPDF_FILL_THEN_STROKE;
    }
    if (n->mode != mode)
        HPDF_Page_SetTextRenderingMode(pg, (HPDF_TextRenderingMode)mode);
    n->mode = mode;
    HPDF_Page_TextOut(pg, o->a, o->b, o->s);
    HPDF_Page_EndText(pg);
}

static int by_cp(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return x < y ? -1 : x > y;
}

/*
 * A valid ToUnicode CMap for the font, in place of libharu's.  With the
 * UTF-8 encoder libharu writes each character as its UTF-16 code unit
 * (two bytes; a character beyond the BMP as a space) and names as the
 * font's ToUnicode a copy of its encoding CMap, whose "begincidrange" has
 * no place in a ToUnicode CMap (poppler warns on every page; other
 * readers may copy nothing).  Here the stream holds the standard
 * Adobe-Identity-UCS form: one bfchar line for each code the document
 * uses, mapping it to itself.  libharu 2.3/2.4 have no API for this, so
 * the stream is reached through the dictionary headers libharu installs.
 * False when the font has no ToUnicode stream to rewrite.
 */
static bool tounicode(pdf *p, HPDF_Font font)
{
    HPDF_Dict cmap = HPDF_Dict_GetItem(font, "ToUnicode", HPDF_OCLASS_DICT);
    if (!cmap || !cmap->stream)
        return false;
    /* The codes: every BMP character noted, and the space libharu writes
     * for what is beyond it. */
    uint32_t *codes = xmalloc((p->ncps + 1) * sizeof *codes);
    size_t n = 0;
    codes[n++] = ' ';
    for (size_t i = 0; i < p->ncps; i++)
        if (p->cps[i] < 0x10000 && p->cps[i] != ' ' && (p->cps[i] < 0xD800 || p->cps[i] > 0xDFFF))
            codes[n++] = p->cps[i];
    qsort(codes, n, sizeof *codes, by_cp);
    strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
                    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
                    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
                    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
    for (size_t i = 0; i < n; i += 100) { /* at most 100 entries a block */
        size_t k = MG_MIN(n - i, (size_t)100);
        strbuf_printf(&b, "%zu beginbfchar\n", k);
        for (size_t j = i; j < i + k; j++)
            strbuf_printf(&b, "<%04X> <%04X>\n", (unsigned)codes[j], (unsigned)codes[j]);
        strbuf_adds(&b, "endbfchar\n");
    }
    strbuf_adds(&b, "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    free(codes);
    HPDF_MemStream_FreeData(cmap->stream);
    bool ok = HPDF_Stream_Write(cmap->stream, (const HPDF_BYTE *)b.s, (HPDF_UINT)b.len) == HPDF_OK;
    strbuf_fini(&b);
    /* The encoding CMap's own keys do not belong to a ToUnicode stream. */
    static const char *const keys[] = {"CMapName", "CIDSystemInfo", "WMode", "Type"};
    for (size_t i = 0; i < MG_ARRAY_LEN(keys); i++)
        HPDF_Dict_RemoveElement(cmap, keys[i]); /* a key not there: no error raised */
    return ok;
}

/* Build the document to save from the recorded drawing. */
static bool replay(pdf *p, HPDF_Doc doc, const char *font_file, const char *bold_file)
{
    HPDF_SetCompressionMode(doc, HPDF_COMP_ALL);
    HPDF_UseUTFEncodings(doc);
    HPDF_SetCurrentEncoder(doc, "UTF-8");
    const char *name = HPDF_LoadTTFontFromFile(doc, font_file, HPDF_TRUE);
    HPDF_Font font = name ? HPDF_GetFont(doc, name, "UTF-8") : NULL;
    if (!font)
        return false;
    /* A ToUnicode that cannot be rewritten leaves libharu's: the text may
     * copy badly in some readers, but the handout is still made (the tests
     * read every PDF back for poppler's warning). */
    tounicode(p, font);
    /* The real Bold, when the family has one: embedded as its own font.
     * One that fails to load fails this replay; the caller tries again
     * with the regular face's fill-and-stroke bold. */
    const char *bname = bold_file ? HPDF_LoadTTFontFromFile(doc, bold_file, HPDF_TRUE) : NULL;
    HPDF_Font bold = bname ? HPDF_GetFont(doc, bname, "UTF-8") : NULL;
    if (bold_file && (!bold || p->err[0]))
        return false;
    if (bold)
        tounicode(p, bold); /* its text copies right too */
    HPDF_SetInfoAttr(doc, HPDF_INFO_TITLE, p->title);
    HPDF_SetInfoAttr(doc, HPDF_INFO_AUTHOR, p->header);
    HPDF_SetInfoAttr(doc, HPDF_INFO_CREATOR, "Madoguchi");
    time_t now = (time_t)(p->now_ms / 1000);
    struct tm tm;
    gmtime_r(&now, &tm); /* marked 'Z' below: the time must be UTC, not the desk's clock */
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                   tm.tm_sec, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(doc, HPDF_INFO_CREATION_DATE, d);
    /* Each picture at the largest size it is drawn at: the pixels it needs. */
    for (size_t i = 0; i < p->nimg; i++) {
        p->imgs[i].dw = p->imgs[i].dh = 0;
        p->imgs[i].written = 0;
    }
    p->photo_bytes = 0;
    for (size_t i = 0; i < p->nops; i++)
        if (p->ops[i].kind == OP_IMAGE) {
            img_cache *c = image(p, p->ops[i].s);
            c->dw = MG_MAX(c->dw, p->ops[i].c);
            c->dh = MG_MAX(c->dh, p->ops[i].d);
        }
    HPDF_Page pg = NULL;
    pen n;
    pen_reset(&n);
    doc_img *imgs = NULL;
    size_t nimg = 0, icap = 0, pages = 0;
    for (size_t i = 0; i < p->nops; i++) {
        const op *o = &p->ops[i];
        if (o->kind == OP_PAGE) {
            progress(p, pages++);
            pack_page(p, doc, pg);
            pg = HPDF_AddPage(doc);
            HPDF_Page_SetSize(pg, HPDF_PAGE_SIZE_A4, o->flag ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
            pen_reset(&n); /* each page's content starts from the default state */
            continue;
        }
        if (!pg)
            continue;
        switch (o->kind) {
        case OP_TEXT: replay_text(pg, &n, font, bold, o); break;
        case OP_RECT:
            pen_rgb(pg, &n, o->rgb, o->flag);
            if (!o->flag) /* graphics state first: it cannot change inside a path */
                pen_width(pg, &n, o->width);
            HPDF_Page_Rectangle(pg, o->a, o->b, o->c, o->d);
            if (o->flag)
                HPDF_Page_Fill(pg);
            else
                HPDF_Page_Stroke(pg);
            break;
        case OP_LINE:
            pen_rgb(pg, &n, o->rgb, false);
            pen_width(pg, &n, o->width);
            HPDF_Page_MoveTo(pg, o->a, o->b);
            HPDF_Page_LineTo(pg, o->c, o->d);
            HPDF_Page_Stroke(pg);
            break;
        case OP_IMAGE: {
            /* Each picture once per document, its bytes made while the
             * document is written. */
            img_cache *c = image(p, o->s);
            HPDF_Image img = NULL;
            for (size_t k = 0; k < nimg && !img; k++)
                if (imgs[k].c == c)
                    img = imgs[k].img;
            if (!img && c->ok) {
                img = load_image(p, doc, c);
                vec_reserve((void **)&imgs, &icap, nimg + 1, sizeof(doc_img));
                imgs[nimg++] = (doc_img){c, img};
            }
            if (img)
                HPDF_Page_DrawImage(pg, img, o->a, o->b, o->c, o->d);
            break;
        }
        default: break;
        }
    }
    pack_page(p, doc, pg);
    free(imgs);
    return true;
}

/*
 * doc written to tmp (path.tmp) by libharu's own file writer, so the
 * document is never in memory whole (a book's pictures are read one at a
 * time as they are written, see lazy_image); then read back at its end
 * (libharu's last line, "%%EOF": a full disk that cut the final flush
 * short is caught, since libharu does not check fclose).  Its size into
 * *size.  0, or the errno; *made false when libharu failed for a reason
 * other than the disk.
 */
static int write_tmp(pdf *p, HPDF_Doc doc, const char *tmp, bool *made, off_t *size)
{
    *made = true;
    *size = 0;
    /* Opened here first, so a missing or read-only folder is named. */
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0)
        return errno;
    close(fd);
    errno = 0;
    HPDF_STATUS st = HPDF_SaveToFile(doc, tmp);
    int we = errno;
    if (st != HPDF_OK || p->err[0]) {
        /* a failed write inside a deflated stream comes as a zlib error */
        HPDF_STATUS code = HPDF_GetError(doc), detail = HPDF_GetErrorDetail(doc);
        if (code == HPDF_FILE_IO_ERROR || code == HPDF_FILE_OPEN_ERROR ||
            detail == HPDF_FILE_IO_ERROR)
            return we ? we : EIO;
        *made = false;
        return EIO;
    }
    fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    struct stat stt;
    char tail[6];
    int e = 0;
    if (fstat(fd, &stt) != 0)
        e = errno;
    else if (stt.st_size < (off_t)sizeof tail ||
             pread(fd, tail, sizeof tail, stt.st_size - (off_t)sizeof tail) != (ssize_t)sizeof tail ||
             memcmp(tail, "%%EOF\n", sizeof tail) != 0)
        e = ENOSPC; /* cut short: the last buffer never reached the disk */
    else
        *size = stt.st_size;
    close(fd);
    return e;
}


/*
 * The desk's phone and hours, once on a page pw x ph points whose footer
 * holds left and right: on the header's right when they fit beside the
 * desk's name at 10.5 pt, else in the footer's middle between the date
 * and the page number (smaller when even that is too narrow).  The one
 * place that decides, so they never print twice.
 */
static void draw_contact(pdf *p, float pw, float ph, const char *left, const char *right)
{
    if (!p->contact)
        return;
    float cw = text_pt(p, p->contact, HEAD_PT), name = text_pt(p, p->header, HEAD_PT);
    if (cw <= pw - 2 * MARGIN - name - 12) {
        text_at(p, p->contact, pw - MARGIN - cw, ph - MARGIN + 2, HEAD_PT, pal_hex(PAL_HEADER_BG),
                false);
        return;
    }
    float lw = text_pt(p, left, HEAD_PT), rw = text_pt(p, right, HEAD_PT);
    float room = pw - 2 * MARGIN - lw - rw - 24;
    float size = cw > room ? HEAD_PT * room / cw : HEAD_PT;
    float x = MARGIN + lw + 12 + (room - text_pt(p, p->contact, size)) / 2;
    text_at(p, p->contact, x, MARGIN - 14, size, pal_hex(PAL_HEADER_BG), false);
}

/* Whether scaling photos by next instead of now changes any photo's size
 * (not when all are at FIT_MIN_DPI already). */
static bool fit_changes(const pdf *p, double now, double next)
{
    for (size_t i = 0; i < p->nimg; i++) {
        const img_cache *c = &p->imgs[i];
        int w0 = 0, h0 = 0, w1 = 0, h1 = 0;
        if (!c->written)
            continue;
        bool a = now < 1 && fit_size(c, now, &w0, &h0), b = fit_size(c, next, &w1, &h1);
        if (a != b || w0 != w1 || h0 != h1)
            return true;
    }
    return false;
}

/* A new document of p's pages, drawn with the first of the fonts in tries
 * (regular, bold) not skipped that works; its index into *used.  NULL,
 * with p->err saying why, when none does. */
static HPDF_Doc make_doc(pdf *p, const char *tries[3][2], const bool skip[3], int *used)
{
    HPDF_Doc doc = NULL;
    for (int i = 0; i < 3; i++) {
        if (skip[i])
            continue;
        if (doc)
            HPDF_Free(doc);
        lazy_free_all(p); /* the freed document's streams */
        doc = HPDF_New(on_error, p);
        p->err[0] = '\0';
        if (doc && replay(p, doc, tries[i][0], tries[i][1])) {
            *used = i;
            return doc;
        }
    }
    if (doc)
        HPDF_Free(doc);
    lazy_free_all(p);
    return NULL;
}

/* The factor to scale photos by (fit_size) so they take about budget
 * bytes, now that they took p->photo_bytes scaled by now (1: as they
 * were): bytes go with pixels, times what the re-encoding changes, which
 * is measured on the FIT_PROBES photos that took the most. */
static double fit_factor(pdf *p, double now, double budget)
{
    double guess = now * sqrt(budget / (double)p->photo_bytes);
    img_cache *probe[FIT_PROBES] = {0};
    for (size_t i = 0; i < p->nimg; i++) {
        img_cache *c = &p->imgs[i];
        for (int k = 0; k < FIT_PROBES; k++)
            if (c->written && (!probe[k] || c->written > probe[k]->written)) {
                for (int j = FIT_PROBES - 1; j > k; j--) /* the smaller ones down one */
                    probe[j] = probe[j - 1];
                probe[k] = c;
                break;
            }
    }
    double got = 0, model = 0;
    for (int k = 0; k < FIT_PROBES && probe[k]; k++) {
        int fw, fh;
        size_t len = 0, n = 0;
        unsigned char *out = NULL;
        void *bytes = fit_size(probe[k], guess, &fw, &fh) ? read_picture(p, probe[k]->path, &len) : NULL;
        if (bytes && picture_jpeg(bytes, len, fw, fh, FIT_QUALITY, &out, &n)) {
            got += (double)n;
            model += (double)probe[k]->written * (guess / now) * (guess / now);
        }
        free(out);
        free(bytes);
    }
    /* budget = photo_bytes * (s / now)^2 * got / model */
    return got > 0 && model > 0 ? guess * sqrt(model / got) : guess;
}

bool pdf_save(pdf *p, const char *path, char *err, size_t errsize)
{
    /* Footers now that the count is known: the date, and page x / y. */
    time_t now = (time_t)(p->now_ms / 1000);
    struct tm tm;
    localtime_r(&now, &tm);
    char left[64], right[32];
    snprintf(left, sizeof left, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    size_t page = 0;
    /* Put each page's footer right after its PAGE op, by rebuilding the list. */
    op *ops = p->ops;
    size_t nops = p->nops;
    p->ops = NULL;
    p->nops = p->opcap = 0;
    page = 0;
    for (size_t i = 0; i < nops; i++) {
        vec_reserve((void **)&p->ops, &p->opcap, p->nops + 1, sizeof(op));
        p->ops[p->nops++] = ops[i];
        if (ops[i].kind == OP_PAGE) {
            float w = ops[i].flag ? 841.89f : 595.276f;
            page++;
            snprintf(right, sizeof right, "%zu / %zu", page, p->npages);
            text_at(p, left, MARGIN, MARGIN - 14, HEAD_PT, pal_hex(PAL_PAPER_FOOT), false);
            float rw = text_pt(p, right, HEAD_PT);
            text_at(p, right, w - MARGIN - rw, MARGIN - 14, HEAD_PT, pal_hex(PAL_PAPER_FOOT), false);
            draw_contact(p, w, ops[i].flag ? 595.276f : 841.89f, left, right);
        }
    }
    free(ops);

    /* The saved document: a subset of the font when HarfBuzz can make one. */
    char *sub = subset_font(p, p->font_path), *bsub = subset_font(p, p->bold_path);
    /* The subsets first; then the whole files; then without the Bold file
     * (a broken or unreadable Bold never costs the handout). */
    const char *tries[3][2] = {{sub ? sub : p->font_path, bsub ? bsub : p->bold_path},
                               {p->font_path, p->bold_path},
                               {p->font_path, NULL}};
    bool skip[3] = {false, !sub && !bsub, !p->bold_path}; /* the same as a try already made */
    int used = 0;
    HPDF_Doc doc = make_doc(p, tries, skip, &used);
    strbuf tmp;
    strbuf_init(&tmp);
    strbuf_printf(&tmp, "%s.tmp", path);
    bool made = doc != NULL;
    off_t size = 0;
    int e = doc ? 0 : EIO;
    if (doc) {
        progress(p, p->npages); /* the pages are drawn: compressing and writing */
        e = write_tmp(p, doc, tmp.s, &made, &size);
    }
    /* Over max_bytes: again, the photos scaled to fit, into path.fit.tmp
     * (a document that cannot be made again - a photo that cannot be
     * decoded now - or a disk too full for two, leaves the one written
     * before: whole, if over the limit). */
    void (*said)(void *, int, int) = p->progress;
    p->progress = NULL; /* the bar stays at "writing" */
    strbuf again;
    strbuf_init(&again);
    strbuf_printf(&again, "%s.fit.tmp", path);
    double fit = 1;
    for (int pass = 0; !e && pass < FIT_PASSES && (size_t)size > p->max_bytes && p->photo_bytes;
         pass++) {
        double budget = (double)p->max_bytes * FIT_MARGIN - ((double)size - (double)p->photo_bytes);
        /* the rest alone over the limit: the photos as small as they go */
        double next = budget > 0 ? fit_factor(p, fit, budget) : 0.01;
        if (next >= fit * 0.98 || !fit_changes(p, fit, next))
            break; /* the photos are as small as they go */
        fit = next;
        p->fit = fit;
        HPDF_Free(doc);
        bool one[3] = {true, true, true};
        one[used] = false;
        doc = make_doc(p, tries, one, &used);
        bool remade = doc != NULL;
        off_t fitted = 0;
        if (!doc || write_tmp(p, doc, again.s, &remade, &fitted) != 0 ||
            rename(again.s, tmp.s) != 0) {
            unlink(again.s);
            break;
        }
        size = fitted;
    }
    strbuf_fini(&again);
    p->fit = 0;
    p->progress = said;
    if (!e)
        e = fsio_commit(tmp.s, path);
    if (e) {
        unlink(tmp.s);
        if (made)
            snprintf(err, errsize, "%s: %s", path, strerror(e));
        else
            snprintf(err, errsize, "%s: cannot make the PDF (%s)", path,
                     p->err[0] ? p->err : "libharu");
    }
    strbuf_fini(&tmp);
    if (sub) {
        remove(sub);
        free(sub);
    }
    if (bsub) {
        remove(bsub);
        free(bsub);
    }
    if (doc)
        HPDF_Free(doc);
    lazy_free_all(p);
    if (!e)
        progress(p, p->npages + 1);
    return !e;
}

void pdf_default_colors(uint32_t c[LAY_C_COUNT])
{
    for (int i = 0; i < LAY_C_COUNT; i++) /* the screen's roles, from the one palette */
        c[i] = pal_hex(pal_lay_role((lay_color)i));
}
