/*
 * text.c - SDL_ttf text with a texture cache (see text.h).
 *
 * Fonts: one TTF_Font per (size, bold), since changing a font's style
 * flushes its glyph cache.  Textures: an open hash keyed by the string, size,
 * style and colour; entries not drawn for EVICT_FRAMES frames are freed once
 * the cache is over its soft limit.  Layout widths come from the font's
 * own advances (FreeType, unscaled), memoised per character.
 */
#include "text.h"

#include "../core/font.h"
#include "../paper/picture.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_ADVANCES_H
#include <stdlib.h>
#include <string.h>

/* One SDL_ttf font for regular and one for bold, resized as needed
 * (TTF_SetFontSize): each open font costs about 465 KiB of heap with the
 * Japanese font, and a kiosk at 1920x1080 draws in 20 and more sizes
 * (slides shrink to fit), so one font a size held some 11 MiB. */
#define MAX_FONTS 2
#define METRIC_SIZES 512 /* ascent and height remembered for sizes below this */
#define TEX_SLOTS 2048 /* power of two */
#define TEX_SOFT_LIMIT 400
/* Bytes of text textures kept at most (4 a pixel): a line of body text at
 * 1920x1080 is about 1500x50 px, 300 KB, so 400 of them held 60-80 MiB of
 * a kiosk's heap after a few visitors (bench_soak).  Above the budget,
 * every string not drawn in the last frame goes; one screen's text is
 * well under it. */
#define TEX_BYTE_BUDGET ((size_t)12 << 20)
#define EVICT_FRAMES 10
#define CW_SLOTS 8192 /* char width memo, power of two */
#define IMG_SLOTS 512 /* pictures whose size is remembered */
#define IMG_BUDGET (64u << 20) /* bytes of picture textures held at most */
#define IMG_MAX 2560 /* longest side kept of a picture, in pixels */
#define WANT_MAX 32 /* pictures asked for by draw, decoded before the next frame */

typedef struct font_slot {
    int size;
    bool bold;
    TTF_Font *font;
    unsigned long used;
} font_slot;

typedef struct tex_entry {
    char *key; /* text; NULL = empty slot */
    size_t len;
    int size;
    unsigned style;
    Uint32 rgba;
    SDL_Texture *tex;
    int w, h;
    unsigned long frame;
    bool tomb;
} tex_entry;

typedef struct cw_entry {
    uint32_t cp;
    int size; /* 0 = empty */
    bool bold;
    int w;
} cw_entry;

typedef struct img_entry {
    char *path;
    SDL_Texture *tex; /* NULL until drawn, or after eviction */
    int w, h;         /* natural size, kept when the texture goes */
    size_t bytes;     /* of the texture */
    bool bad, known;
    unsigned long used;
} img_entry;

struct txt {
    SDL_Renderer *ren;
    char *path;
    char *bold_path; /* the family's Bold file, or NULL: the regular emboldened */
    font_slot fonts[MAX_FONTS];
    /* Ascent and height by size, plus one (0: not known yet), so laying
     * out does not resize the font for each question. */
    int ascent1[METRIC_SIZES], height1[METRIC_SIZES];
    unsigned long tick;
    tex_entry tex[TEX_SLOTS];
    size_t ntex;
    size_t tex_bytes; /* of the text textures held */
    unsigned long frame;
    cw_entry cw[CW_SLOTS];
    img_entry img[IMG_SLOTS];
    lay_metrics metrics;
    txt_stats stats;
    bool log_on;
    strbuf log;
    strbuf boxes;  /* touch targets drawn while logging */
    int min_size;  /* smallest text drawn while logging (0: none) */
    bool uncounted; /* txt_count_sizes(false): not in min_size */
    txt_loader load;
    void *load_ctx;
    FT_Library ft; /* the font's own advance widths, for layout */
    FT_Face face;
    FT_Face bold_face; /* the Bold file's, or NULL: bold measured as regular */
    size_t img_bytes; /* all picture textures together */
    char *wanted[WANT_MAX]; /* pictures draw found without a texture */
    int nwanted;
    bool defer;             /* draw decodes nothing: txt_prefetch_wanted does */
    unsigned long decodes;
};

static void drop_texture(txt *t, img_entry *e);

static bool is_bold(unsigned style)
{
    return style & DOC_S_BOLD;
}

static TTF_Font *get_font(txt *t, int size, bool bold)
{
    if (size < 4)
        size = 4;
    font_slot *f = &t->fonts[bold ? 1 : 0];
    if (!f->font) {
        f->font = TTF_OpenFont(bold && t->bold_path ? t->bold_path : t->path, size);
        if (!f->font)
            return NULL;
        f->size = size;
        f->bold = bold;
        if (bold && !t->bold_path) /* no Bold face: SDL_ttf emboldens */
            TTF_SetFontStyle(f->font, TTF_STYLE_BOLD);
        TTF_SetFontHinting(f->font, TTF_HINTING_LIGHT);
    } else if (f->size != size) {
        if (TTF_SetFontSize(f->font, size) != 0)
            return NULL;
        f->size = size;
    }
    f->used = ++t->tick;
    return f->font;
}

static int m_width(void *ctx, const char *s, size_t n, int size, unsigned style)
{
    return txt_width(ctx, s, n, size, style);
}

int txt_ascent(txt *t, int size)
{
    if (size > 0 && size < METRIC_SIZES && t->ascent1[size])
        return t->ascent1[size] - 1;
    TTF_Font *f = get_font(t, size, false);
    int a = f ? TTF_FontAscent(f) : size;
    if (f && size > 0 && size < METRIC_SIZES)
        t->ascent1[size] = a + 1;
    return a;
}

static int m_ascent(void *ctx, int size)
{
    return txt_ascent(ctx, size);
}

static int m_height(void *ctx, int size)
{
    return txt_height(ctx, size);
}

static bool m_image(void *ctx, const char *path, int *w, int *h)
{
    return txt_image_size(ctx, path, w, h);
}

txt *txt_open(const char *font_path, SDL_Renderer *ren, char *err, size_t errsize)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, errsize, "TTF_Init: %s", TTF_GetError());
        return NULL;
    }
    TTF_Font *probe = TTF_OpenFont(font_path, 16);
    if (!probe) {
        snprintf(err, errsize, "%s: %s", font_path, TTF_GetError());
        return NULL;
    }
    TTF_CloseFont(probe);
    txt *t = xcalloc(1, sizeof *t);
    t->ren = ren;
    t->path = xstrdup(font_path);
    char bold[4096];
    if (font_bold_for(font_path, bold, sizeof bold))
        t->bold_path = xstrdup(bold);
    t->metrics = (lay_metrics){
        .ctx = t, .text_width = m_width, .ascent = m_ascent, .height = m_height,
        .image_size = m_image};
    strbuf_init(&t->log);
    strbuf_init(&t->boxes);
    if (FT_Init_FreeType(&t->ft) == 0 && FT_New_Face(t->ft, font_path, 0, &t->face) != 0)
        t->face = NULL;
    /* A real Bold has advances of its own (wider in a proportional face):
     * bold runs are measured with them, as they are drawn. */
    if (t->face && t->bold_path && FT_New_Face(t->ft, t->bold_path, 0, &t->bold_face) != 0)
        t->bold_face = NULL;
    return t;
}

static void tex_free(tex_entry *e)
{
    free(e->key);
    if (e->tex)
        SDL_DestroyTexture(e->tex);
    memset(e, 0, sizeof *e);
}

void txt_close(txt *t)
{
    if (!t)
        return;
    for (int i = 0; i < MAX_FONTS; i++)
        if (t->fonts[i].font)
            TTF_CloseFont(t->fonts[i].font);
    for (int i = 0; i < TEX_SLOTS; i++)
        tex_free(&t->tex[i]);
    for (int i = 0; i < IMG_SLOTS; i++) {
        drop_texture(t, &t->img[i]);
        free(t->img[i].path);
    }
    for (int i = 0; i < t->nwanted; i++)
        free(t->wanted[i]);
    strbuf_fini(&t->log);
    strbuf_fini(&t->boxes);
    if (t->face)
        FT_Done_Face(t->face);
    if (t->bold_face)
        FT_Done_Face(t->bold_face);
    if (t->ft)
        FT_Done_FreeType(t->ft);
    free(t->path);
    free(t->bold_path);
    free(t);
}

const lay_metrics *txt_metrics(txt *t)
{
    return &t->metrics;
}

static int measure(txt *t, const char *s, size_t n, int size, bool bold)
{
    TTF_Font *f = get_font(t, size, bold);
    if (!f)
        return (int)n * size / 2;
    char stackbuf[256];
    char *buf = n < sizeof stackbuf ? stackbuf : xmalloc(n + 1);
    memcpy(buf, s, n);
    buf[n] = '\0';
    int w = 0, h = 0;
    TTF_SizeUTF8(f, buf, &w, &h);
    if (buf != stackbuf)
        free(buf);
    return w;
}

/*
 * Advance of one code point in thousandths of an em, as a PDF stores it
 * (libharu: advance * 1000 / unitsPerEm, truncated), memoised.  Layout
 * widths on screen and on paper are then the same sums of the same
 * integers, so both break every line at the same place.
 */
static int cp_width(txt *t, uint32_t cp, const char *s, size_t n, int size, bool bold)
{
    (void)size;
    uint32_t hsh = (cp * 2654435761u) ^ (bold ? 0x9E37u : 0);
    cw_entry *victim = NULL;
    for (uint32_t k = 0; k < 8; k++) {
        cw_entry *e = &t->cw[(hsh + k) & (CW_SLOTS - 1)];
        if (e->size == 1 && e->cp == cp && e->bold == bold)
            return e->w;
        if (!victim && e->size == 0)
            victim = e;
    }
    if (!victim)
        victim = &t->cw[hsh & (CW_SLOTS - 1)];
    int w = 0;
    FT_Fixed adv;
    FT_Face face = bold && t->bold_face ? t->bold_face : t->face;
    FT_UInt gi = face ? FT_Get_Char_Index(face, cp) : 0;
    if (face && gi && FT_Get_Advance(face, gi, FT_LOAD_NO_SCALE, &adv) == 0)
        w = (int)((long)adv * 1000 / face->units_per_EM);
    else /* a character the font lacks: what SDL_ttf would draw, scaled to 1000 */
        w = measure(t, s, n, 100, bold) * 10;
    victim->cp = cp;
    victim->size = 1;
    victim->bold = bold;
    victim->w = w;
    return w;
}

/*
 * Width of a run as the sum of its characters' advances.  This is the
 * model paper uses too (a PDF viewer places each glyph by its advance, with
 * no kerning for our CID font), so both painters break lines alike; and
 * the line breaker's many small measurements cost a table look-up each
 * instead of a HarfBuzz shaping run in TTF_SizeUTF8.
 */
int txt_width(txt *t, const char *s, size_t n, int size, unsigned style)
{
    bool bold = is_bold(style);
    long long w = 0;
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        uint32_t cp = utf8_next(s, n, &i);
        if (cp != '\n')
            w += cp_width(t, cp, s + start, i - start, size, bold);
    }
    return (int)(w * size / 1000);
}

int txt_height(txt *t, int size)
{
    if (size > 0 && size < METRIC_SIZES && t->height1[size])
        return t->height1[size] - 1;
    TTF_Font *f = get_font(t, size, false);
    int h = f ? TTF_FontHeight(f) : size;
    if (f && size > 0 && size < METRIC_SIZES)
        t->height1[size] = h + 1;
    return h;
}

/* The slot for a text: SDL's CRC-32 of the string, then of its size, style
 * and colour (a spread, not a security property, is all a cache needs). */
static uint32_t hash_key(const char *s, size_t n, int size, unsigned style, Uint32 rgba)
{
    Uint32 tail[3] = {(Uint32)size, style, rgba};
    return SDL_crc32(SDL_crc32(0, s, n), tail, sizeof tail);
}

static tex_entry *lookup(txt *t, const char *s, size_t n, int size, unsigned style, Uint32 rgba,
                         bool *found)
{
    uint32_t h = hash_key(s, n, size, style, rgba);
    tex_entry *free_slot = NULL;
    for (uint32_t k = 0; k < TEX_SLOTS; k++) {
        tex_entry *e = &t->tex[(h + k) & (TEX_SLOTS - 1)];
        if (!e->key) {
            if (!e->tomb) {
                *found = false;
                return free_slot ? free_slot : e;
            }
            if (!free_slot)
                free_slot = e;
            continue;
        }
        if (e->len == n && e->size == size && e->style == style && e->rgba == rgba &&
            memcmp(e->key, s, n) == 0) {
            *found = true;
            return e;
        }
    }
    *found = false;
    return free_slot;
}

static void evict(txt *t, unsigned long older_than)
{
    for (int i = 0; i < TEX_SLOTS; i++) {
        tex_entry *e = &t->tex[i];
        if (e->key && e->frame < older_than) {
            t->tex_bytes -= e->tex ? (size_t)e->w * (size_t)e->h * 4 : 0;
            tex_free(e);
            e->tomb = true;
            t->ntex--;
        }
    }
}

int txt_draw(txt *t, const char *s, size_t n, int size, unsigned style, SDL_Color c, int x, int y)
{
    if (n == 0)
        return 0;
    Uint32 rgba = (Uint32)c.r << 24 | (Uint32)c.g << 16 | (Uint32)c.b << 8 | c.a;
    bool found;
    tex_entry *e = lookup(t, s, n, size, style, rgba, &found);
    if (!e) { /* table full of live entries: drop everything old */
        evict(t, t->frame + 1);
        e = lookup(t, s, n, size, style, rgba, &found);
    }
    if (!found) {
        TTF_Font *f = get_font(t, size, is_bold(style));
        if (!f)
            return 0;
        char *key = xstrndup(s, n);
        SDL_Surface *surf = TTF_RenderUTF8_Blended(f, key, c);
        t->stats.renders++;
        if (!surf) {
            free(key);
            return 0;
        }
        e->key = key;
        e->len = n;
        e->size = size;
        e->style = style;
        e->rgba = rgba;
        e->w = surf->w;
        e->h = surf->h;
        e->tomb = false;
        e->tex = SDL_CreateTextureFromSurface(t->ren, surf);
        SDL_FreeSurface(surf);
        t->ntex++;
        t->tex_bytes += e->tex ? (size_t)e->w * (size_t)e->h * 4 : 0;
    } else {
        t->stats.hits++;
    }
    e->frame = t->frame;
    if (t->log_on && !t->uncounted && (!t->min_size || size < t->min_size))
        t->min_size = size;
    if (t->log_on) { /* "text<TAB>x,y,w,h" per drawn string, for tests */
        strbuf_add(&t->log, s, n);
        strbuf_printf(&t->log, "\t%d,%d,%d,%d\n", x, y, e->w, e->h);
    }
    if (e->tex) {
        SDL_Rect dst = {x, y, e->w, e->h};
        SDL_RenderCopy(t->ren, e->tex, NULL, &dst);
    }
    return e->w;
}

void txt_frame_end(txt *t)
{
    t->frame++;
    if (t->ntex > TEX_SOFT_LIMIT && t->frame > EVICT_FRAMES)
        evict(t, t->frame - EVICT_FRAMES);
    if (t->tex_bytes > TEX_BYTE_BUDGET && t->frame > EVICT_FRAMES)
        evict(t, t->frame - EVICT_FRAMES);
    if (t->tex_bytes > TEX_BYTE_BUDGET)
        evict(t, t->frame - 1); /* all but the frame just drawn */
}

txt_stats txt_get_stats(const txt *t)
{
    txt_stats s = t->stats;
    s.cached = t->ntex;
    s.text_bytes = t->tex_bytes;
    s.image_bytes = t->img_bytes;
    s.decodes = t->decodes;
    return s;
}

void txt_log_enable(txt *t, bool on)
{
    t->log_on = on;
}

const char *txt_log(const txt *t)
{
    return t->log.s ? t->log.s : "";
}

void txt_log_clear(txt *t)
{
    t->log.len = 0;
    if (t->log.s)
        t->log.s[0] = '\0';
    strbuf_clear(&t->boxes);
    t->min_size = 0;
}

void txt_log_box(txt *t, const char *label, int x, int y, int w, int h)
{
    if (t->log_on)
        strbuf_printf(&t->boxes, "%s\t%d,%d,%d,%d\n", label, x, y, w, h);
}

const char *txt_boxes(const txt *t)
{
    return t->boxes.s ? t->boxes.s : "";
}

int txt_min_size(const txt *t)
{
    return t->min_size;
}

bool txt_count_sizes(txt *t, bool on)
{
    bool was = !t->uncounted;
    t->uncounted = !on;
    return was;
}

/*
 * The picture at path, decoded (picture_decode: the header probed and the
 * limits kept before anything is decoded) and, when larger than IMG_MAX on
 * its long side, scaled down: no screen shows more, and a 10,000 x 10,000
 * photo would otherwise hold 400 MB twice (surface and texture).  *w, *h
 * get its natural size.  NULL for a picture that cannot be shown.
 */
static SDL_Surface *decode(txt *t, const char *path, int *w, int *h)
{
    t->decodes++;
    size_t len = 0;
    void *bytes = t->load ? t->load(t->load_ctx, path, &len) : pic_read_file(path, &len);
    SDL_Surface *s = bytes ? picture_decode(bytes, len, IMG_MAX, w, h, NULL) : NULL;
    free(bytes);
    return s;
}

static void drop_texture(txt *t, img_entry *e)
{
    if (e->tex) {
        SDL_DestroyTexture(e->tex);
        t->img_bytes -= e->bytes;
    }
    e->tex = NULL;
    e->bytes = 0;
}

/* The entry for path, without decoding anything: NULL when it is not in
 * the table. */
static img_entry *find_image(txt *t, const char *path)
{
    for (int i = 0; i < IMG_SLOTS; i++)
        if (t->img[i].path && strcmp(t->img[i].path, path) == 0)
            return &t->img[i];
    return NULL;
}

/* Make room for need bytes of texture: the least recently used go (never
 * keep).  With evict false, only say whether it fits as things are. */
static bool make_room(txt *t, size_t need, const img_entry *keep, bool evict)
{
    while (t->img_bytes + need > IMG_BUDGET) {
        if (!evict)
            return false;
        img_entry *old = NULL;
        for (int i = 0; i < IMG_SLOTS; i++)
            if (t->img[i].tex && &t->img[i] != keep && (!old || t->img[i].used < old->used))
                old = &t->img[i];
        if (!old)
            break;
        drop_texture(t, old);
    }
    return true;
}

/*
 * The entry for path (its size known).  A picture seen for the first time
 * is decoded; its texture is kept when want_tex, or when it fits the
 * budget as it is (so laying a page out, which asks the size, makes the
 * texture its drawing uses: one decode, not two).  A known picture whose
 * texture went is decoded again only when want_tex.
 */
static img_entry *get_image(txt *t, const char *path, bool want_tex)
{
    img_entry *e = NULL, *lru = &t->img[0];
    t->tick++;
    for (int i = 0; i < IMG_SLOTS && !e; i++) {
        img_entry *k = &t->img[i];
        if (k->path && strcmp(k->path, path) == 0)
            e = k;
        else if (!k->path || k->used < lru->used)
            lru = k;
    }
    if (!e) {
        e = lru;
        drop_texture(t, e);
        free(e->path);
        memset(e, 0, sizeof *e);
        e->path = xstrdup(path);
    }
    e->used = t->tick;
    if (e->bad || (e->known && (e->tex || !want_tex)))
        return e;
    SDL_Surface *s = decode(t, path, &e->w, &e->h);
    if (!s) {
        e->bad = true;
        return e;
    }
    e->known = true;
    size_t need = (size_t)s->w * (size_t)s->h * 4;
    if (make_room(t, need, e, want_tex)) {
        e->tex = SDL_CreateTextureFromSurface(t->ren, s);
        e->bytes = e->tex ? need : 0;
        t->img_bytes += e->bytes;
        e->bad = want_tex && !e->tex;
    }
    SDL_FreeSurface(s);
    return e;
}

void txt_set_loader(txt *t, txt_loader load, void *ctx)
{
    t->load = load;
    t->load_ctx = ctx;
}

bool txt_image_size(txt *t, const char *path, int *w, int *h)
{
    img_entry *e = get_image(t, path, false);
    if (e->bad)
        return false;
    *w = e->w;
    *h = e->h;
    return true;
}

bool txt_draw_image(txt *t, const char *path, const SDL_Rect *dst)
{
    img_entry *e = find_image(t, path);
    if (t->defer && e && e->known && !e->tex && !e->bad) {
        /* Its texture went (the budget): no decoding while drawing.  It is
         * asked for, and txt_prefetch_wanted decodes it before the next frame. */
        e->used = ++t->tick;
        bool listed = false;
        for (int i = 0; i < t->nwanted && !listed; i++)
            listed = strcmp(t->wanted[i], path) == 0;
        if (!listed && t->nwanted < WANT_MAX)
            t->wanted[t->nwanted++] = xstrdup(path);
        return false;
    }
    /* Never seen (a caller that did not ask its size first): decoded now. */
    e = get_image(t, path, true);
    if (e->bad)
        return false;
    SDL_RenderCopy(t->ren, e->tex, NULL, dst);
    return true;
}

void txt_drop_images(txt *t)
{
    for (int i = 0; i < IMG_SLOTS; i++)
        drop_texture(t, &t->img[i]);
}

bool txt_defer_decoding(txt *t, bool on)
{
    bool was = t->defer;
    t->defer = on;
    return was;
}

bool txt_prefetch_image(txt *t, const char *path)
{
    img_entry *e = find_image(t, path);
    if (e && (e->bad || e->tex))
        return false;
    e = get_image(t, path, true);
    return !e->bad;
}

bool txt_prefetch_spare(txt *t, const char *path)
{
    img_entry *e = find_image(t, path);
    if (e && (e->bad || e->tex || e->known))
        return false; /* has one, or was let go: decoded again only when drawn */
    e = get_image(t, path, false);
    return e->tex != NULL;
}

bool txt_prefetch_wanted(txt *t)
{
    bool any = false;
    for (int i = 0; i < t->nwanted; i++) {
        any |= txt_prefetch_image(t, t->wanted[i]);
        free(t->wanted[i]);
    }
    t->nwanted = 0;
    return any;
}
