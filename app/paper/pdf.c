/*
 * pdf.c - the paper painter (see pdf.h).
 */
#include "pdf.h"

#include <SDL_image.h>
#include <errno.h>
#include <hpdf.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MARGIN 40.0f  /* points */
#define HEADER 22.0f  /* points for the header line */
#define FOOTER 22.0f

typedef struct img_cache {
    char *path;
    HPDF_Image img; /* NULL: could not be read */
} img_cache;

struct pdf {
    HPDF_Doc doc;
    HPDF_Font font;
    HPDF_Page page;
    float pw, ph; /* page size, points */
    bool landscape;
    char *header, *title;
    lay_metrics metrics;
    HPDF_Page *pages;
    size_t npages, cap;
    img_cache *imgs;
    size_t nimg, icap;
    void *(*load)(void *ctx, const char *path, size_t *len);
    void *load_ctx;
    char err[256];
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

static img_cache *image(pdf *p, const char *path)
{
    for (size_t i = 0; i < p->nimg; i++)
        if (!strcmp(p->imgs[i].path, path))
            return &p->imgs[i];
    vec_reserve((void **)&p->imgs, &p->icap, p->nimg + 1, sizeof(img_cache));
    img_cache *c = &p->imgs[p->nimg++];
    c->path = xstrdup(path);
    c->img = NULL;
    size_t len = 0;
    void *bytes = p->load ? p->load(p->load_ctx, path, &len) : read_file(path, &len);
    if (!bytes)
        return c;
    const unsigned char *b = bytes;
    char saved[256];
    snprintf(saved, sizeof saved, "%s", p->err);
    if (len > 8 && !memcmp(b, "\x89PNG", 4))
        c->img = HPDF_LoadPngImageFromMem(p->doc, b, (HPDF_UINT)len);
    else if (len > 3 && b[0] == 0xFF && b[1] == 0xD8)
        c->img = HPDF_LoadJpegImageFromMem(p->doc, b, (HPDF_UINT)len);
    if (!c->img) {
        /* SVG, GIF, or a PNG libharu refuses: rasterise it and embed a PNG. */
        HPDF_ResetError(p->doc);
        snprintf(p->err, sizeof p->err, "%s", saved);
        SDL_Surface *s = IMG_Load_RW(SDL_RWFromConstMem(bytes, (int)len), 1);
        if (s && s->format->Amask) { /* transparent pixels go onto white, as on paper */
            SDL_Surface *white = SDL_CreateRGBSurfaceWithFormat(0, s->w, s->h, 32,
                                                                SDL_PIXELFORMAT_ARGB8888);
            if (white) {
                SDL_FillRect(white, NULL, 0xFFFFFFFF);
                SDL_BlitSurface(s, NULL, white, NULL);
                SDL_FreeSurface(s);
                s = white;
            }
        }
        if (s) {
            SDL_Surface *rgb = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGB24, 0);
            SDL_FreeSurface(s);
            if (rgb) {
                size_t row = (size_t)rgb->w * 3;
                unsigned char *raw = xmalloc(row * (size_t)rgb->h);
                for (int y = 0; y < rgb->h; y++)
                    memcpy(raw + row * (size_t)y, (unsigned char *)rgb->pixels + rgb->pitch * y, row);
                c->img = HPDF_LoadRawImageFromMem(p->doc, raw, (HPDF_UINT)rgb->w, (HPDF_UINT)rgb->h,
                                                  HPDF_CS_DEVICE_RGB, 8);
                free(raw);
                SDL_FreeSurface(rgb);
            }
        }
    }
    free(bytes);
    return c;
}

static bool m_image(void *ctx, const char *path, int *w, int *h)
{
    pdf *p = ctx;
    img_cache *c = image(p, path);
    if (!c->img)
        return false;
    /* Natural size: 150 dpi, in layout units. */
    *w = (int)(HPDF_Image_GetWidth(c->img) * 72.0 / 150.0 * PDF_UNIT);
    *h = (int)(HPDF_Image_GetHeight(c->img) * 72.0 / 150.0 * PDF_UNIT);
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
    p->title = xstrdup(title ? title : "");
    p->header = xstrdup(header ? header : "");
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_TITLE, p->title);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_AUTHOR, p->header);
    HPDF_SetInfoAttr(p->doc, HPDF_INFO_CREATOR, "Madoguchi");
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    HPDF_Date d = {tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min,
                   tm.tm_sec, 'Z', 0, 0};
    HPDF_SetInfoDateAttr(p->doc, HPDF_INFO_CREATION_DATE, d);
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
    free(p->pages);
    free(p->title);
    free(p->header);
    free(p);
}

const lay_metrics *pdf_metrics(pdf *p)
{
    return &p->metrics;
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

static void text_at(pdf *p, const char *s, float x, float y, float size, uint32_t rgb, bool bold)
{
    HPDF_Page pg = p->page;
    HPDF_Page_BeginText(pg);
    HPDF_Page_SetFontAndSize(pg, p->font, size);
    set_rgb(pg, rgb, true);
    if (bold) { /* the font has no bold face: fill, then stroke the outline */
        set_rgb(pg, rgb, false);
        HPDF_Page_SetLineWidth(pg, size * 0.035f);
        HPDF_Page_SetTextRenderingMode(pg, HPDF_FILL_THEN_STROKE);
    } else {
        HPDF_Page_SetTextRenderingMode(pg, HPDF_FILL);
    }
    HPDF_Page_TextOut(pg, x, y, s);
    HPDF_Page_EndText(pg);
}

void pdf_page(pdf *p, bool landscape, int *w, int *h)
{
    p->page = HPDF_AddPage(p->doc);
    HPDF_Page_SetSize(p->page, HPDF_PAGE_SIZE_A4,
                      landscape ? HPDF_PAGE_LANDSCAPE : HPDF_PAGE_PORTRAIT);
    p->pw = HPDF_Page_GetWidth(p->page);
    p->ph = HPDF_Page_GetHeight(p->page);
    p->landscape = landscape;
    vec_reserve((void **)&p->pages, &p->cap, p->npages + 1, sizeof(HPDF_Page));
    p->pages[p->npages++] = p->page;
    /* The header: the desk's name, a rule under it. */
    text_at(p, p->header, MARGIN, p->ph - MARGIN + 6, 9, 0x123E7C, true);
    pdf_line(p, 0, 0, (int)((p->pw - 2 * MARGIN) * PDF_UNIT), 0, 0x123E7C, 8);
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

void pdf_rect(pdf *p, int x, int y, int w, int h, uint32_t rgb, bool fill)
{
    HPDF_Page pg = p->page;
    if (w <= 0 || h <= 0)
        return;
    set_rgb(pg, rgb, fill);
    if (!fill) /* graphics state first: it cannot change inside a path */
        HPDF_Page_SetLineWidth(pg, 0.5f);
    HPDF_Page_Rectangle(pg, px(p, x), py(p, y + h), (float)w / PDF_UNIT, (float)h / PDF_UNIT);
    if (fill)
        HPDF_Page_Fill(pg);
    else
        HPDF_Page_Stroke(pg);
}

void pdf_line(pdf *p, int x0, int y0, int x1, int y1, uint32_t rgb, int width)
{
    HPDF_Page pg = p->page;
    set_rgb(pg, rgb, false);
    HPDF_Page_SetLineWidth(pg, (float)width / PDF_UNIT);
    HPDF_Page_MoveTo(pg, px(p, x0), py(p, y0));
    HPDF_Page_LineTo(pg, px(p, x1), py(p, y1));
    HPDF_Page_Stroke(pg);
}

void pdf_image(pdf *p, const char *path, int x, int y, int w, int h)
{
    img_cache *c = path ? image(p, path) : NULL;
    if (c && c->img)
        HPDF_Page_DrawImage(p->page, c->img, px(p, x), py(p, y + h), (float)w / PDF_UNIT,
                            (float)h / PDF_UNIT);
    else /* a framed placeholder: nothing vanishes without a trace */
        pdf_rect(p, x, y, w, h, 0x999999, false);
}

void pdf_qr(pdf *p, const char *text, int x, int y, int size)
{
    QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    if (!q)
        return;
    int n = q->width;
    float cell = (float)size / PDF_UNIT / (float)(n + 2); /* a quiet zone of one module */
    HPDF_Page pg = p->page;
    HPDF_Page_SetRGBFill(pg, 0, 0, 0);
    for (int r = 0; r < n; r++)
        for (int c = 0; c < n; c++)
            if (q->data[r * n + c] & 1)
                HPDF_Page_Rectangle(pg, px(p, x) + (float)(c + 1) * cell,
                                    py(p, y) - (float)(r + 2) * cell, cell, cell);
    HPDF_Page_Fill(pg);
    QRcode_free(q);
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

bool pdf_save(pdf *p, const char *path, char *err, size_t errsize)
{
    /* Footers now that the count is known: the date, and page x / y. */
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    char left[64], right[32];
    snprintf(left, sizeof left, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    for (size_t i = 0; i < p->npages; i++) {
        p->page = p->pages[i];
        float w = HPDF_Page_GetWidth(p->page);
        snprintf(right, sizeof right, "%zu / %zu", i + 1, p->npages);
        text_at(p, left, MARGIN, MARGIN - 14, 8, 0x555B66, false);
        HPDF_Page_SetFontAndSize(p->page, p->font, 8);
        float rw = HPDF_Page_TextWidth(p->page, right);
        text_at(p, right, w - MARGIN - rw, MARGIN - 14, 8, 0x555B66, false);
    }
    strbuf tmp;
    strbuf_init(&tmp);
    strbuf_printf(&tmp, "%s.tmp", path);
    p->err[0] = '\0';
    HPDF_STATUS st = HPDF_SaveToFile(p->doc, tmp.s);
    bool ok = st == HPDF_OK && !p->err[0];
    if (ok && rename(tmp.s, path) != 0) {
        snprintf(err, errsize, "%s: %s", path, strerror(errno));
        ok = false;
    } else if (!ok) {
        /* A read-only or full disk: no partial file is left under any name. */
        snprintf(err, errsize, "%s: cannot write (%s)", path, p->err[0] ? p->err : "libharu");
    }
    if (!ok)
        remove(tmp.s);
    strbuf_fini(&tmp);
    return ok;
}

void pdf_default_colors(uint32_t c[LAY_C_COUNT])
{
    c[LAY_C_TEXT] = 0x1A1A1A;
    c[LAY_C_HEADING] = 0x123E7C;
    c[LAY_C_LINK] = 0x0B5CAD;
    c[LAY_C_MUTED] = 0x4F5866;
    c[LAY_C_MARKER] = 0x0B5CAD;
    c[LAY_C_RULE] = 0xB8C4D4;
    c[LAY_C_CODE_BG] = 0xECEFF3;
    c[LAY_C_QUOTE_BG] = 0xE7F0FA;
    c[LAY_C_QUOTE_BAR] = 0x0B5CAD;
    c[LAY_C_TABLE_BORDER] = 0x8E9BAD;
    c[LAY_C_TABLE_HEAD_BG] = 0xDCE7F5;
    c[LAY_C_PLACEHOLDER] = 0xE6E6E6;
}
