/*
 * picture.c - probe, decode, check and scale one picture (see picture.h).
 */
#include "picture.h"

#include <SDL_image.h>
#include <dlfcn.h>
#include <libexif/exif-data.h>
#include <pthread.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <turbojpeg.h>

#include "../core/mem.h"
#include "../core/strbuf.h"

/* SDL2 and SDL2_image, opened on the first picture that must be decoded
 * (picture.h): the functions used here, by the names the libraries give. */
static struct {
    SDL_RWops *(*RWFromConstMem)(const void *, int);
    int (*RWclose)(SDL_RWops *);
    SDL_RWops *(*AllocRW)(void);
    void (*FreeRW)(SDL_RWops *);
    SDL_Surface *(*ConvertSurfaceFormat)(SDL_Surface *, Uint32, Uint32);
    SDL_Surface *(*CreateRGBSurfaceWithFormat)(Uint32, int, int, int, Uint32);
    void (*FreeSurface)(SDL_Surface *);
    int (*SoftStretchLinear)(SDL_Surface *, const SDL_Rect *, SDL_Surface *, const SDL_Rect *);
    SDL_bool (*HasColorKey)(SDL_Surface *);
    SDL_Surface *(*Load_RW)(SDL_RWops *, int);
    int (*SaveJPG_RW)(SDL_Surface *, SDL_RWops *, int, int);
} sdl;
static bool sdl_ok;
static char sdl_err[256];
static pthread_once_t sdl_once = PTHREAD_ONCE_INIT;

/* The shared objects' names (SONAMEs) on Debian and Raspberry Pi OS. */
#define SDL2_SO "libSDL2-2.0.so.0"
#define SDL2_IMAGE_SO "libSDL2_image-2.0.so.0"

static void *sym(void *lib, const char *name)
{
    void *f = lib ? dlsym(lib, name) : NULL;
    if (lib && !f && !sdl_err[0])
        snprintf(sdl_err, sizeof sdl_err, "%s", dlerror());
    return f;
}

static void sdl_open(void)
{
    /* Already there in a program linked with them (the screen's): then the
     * same libraries, the same functions. */
    void *core = dlopen(SDL2_SO, RTLD_NOW | RTLD_LOCAL);
    void *image = core ? dlopen(SDL2_IMAGE_SO, RTLD_NOW | RTLD_LOCAL) : NULL;
    if (!image) {
        snprintf(sdl_err, sizeof sdl_err, "%s", dlerror());
        return;
    }
    /* POSIX: a dlsym result converts to a function pointer. */
#define LOAD(field, lib, name) *(void **)&sdl.field = sym(lib, name)
    LOAD(RWFromConstMem, core, "SDL_RWFromConstMem");
    LOAD(RWclose, core, "SDL_RWclose");
    LOAD(AllocRW, core, "SDL_AllocRW");
    LOAD(FreeRW, core, "SDL_FreeRW");
    LOAD(ConvertSurfaceFormat, core, "SDL_ConvertSurfaceFormat");
    LOAD(CreateRGBSurfaceWithFormat, core, "SDL_CreateRGBSurfaceWithFormat");
    LOAD(FreeSurface, core, "SDL_FreeSurface");
    LOAD(SoftStretchLinear, core, "SDL_SoftStretchLinear");
    LOAD(HasColorKey, core, "SDL_HasColorKey");
    LOAD(Load_RW, image, "IMG_Load_RW");
    LOAD(SaveJPG_RW, image, "IMG_SaveJPG_RW");
#undef LOAD
    sdl_ok = !sdl_err[0];
}

/* Whether the decoders are there (opened on the first call). */
static bool sdl_ready(void)
{
    pthread_once(&sdl_once, sdl_open);
    return sdl_ok;
}

const char *picture_decoder_error(void)
{
    return sdl_ready() ? NULL : sdl_err;
}

bool picture_scaled_size(int w, int h, int max_side, int *sw, int *sh)
{
    int m = w > h ? w : h;
    *sw = w;
    *sh = h;
    if (max_side <= 0 || m <= max_side)
        return false;
    *sw = (int)((long long)w * max_side / m);
    *sh = (int)((long long)h * max_side / m);
    *sw = *sw > 0 ? *sw : 1;
    *sh = *sh > 0 ? *sh : 1;
    return true;
}

/* Scale s (taken) so its long side is max_side; the surface to use. */
static SDL_Surface *downscale(SDL_Surface *s, int max_side)
{
    int w, h;
    if (!picture_scaled_size(s->w, s->h, max_side, &w, &h))
        return s;
    /* Stretch in the picture's own format when it has 4 bytes a pixel, so
     * no second full-size copy is made. */
    SDL_Surface *src = s;
    if (s->format->BytesPerPixel != 4) {
        src = sdl.ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        sdl.FreeSurface(s);
        if (!src)
            return NULL;
    }
    SDL_Surface *dst = sdl.CreateRGBSurfaceWithFormat(0, w, h, 32, src->format->format);
    if (dst && sdl.SoftStretchLinear(src, NULL, dst, NULL) != 0) {
        sdl.FreeSurface(dst);
        dst = NULL;
    }
    sdl.FreeSurface(src);
    return dst;
}

int picture_orientation(const void *bytes, size_t len)
{
    const unsigned char *b = bytes;
    if (len < 4 || b[0] != 0xFF || b[1] != 0xD8 || len > (size_t)UINT32_MAX)
        return 1;
    ExifData *ed = exif_data_new_from_data(b, (unsigned int)len);
    if (!ed)
        return 1;
    int o = 1;
    ExifEntry *e = exif_content_get_entry(ed->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
    if (e && e->format == EXIF_FORMAT_SHORT && e->components == 1 && e->size >= 2) {
        int v = exif_get_short(e->data, exif_data_get_byte_order(ed));
        if (v >= 1 && v <= 8)
            o = v;
    }
    exif_data_unref(ed);
    return o;
}

/* s (taken) turned and mirrored as EXIF orientation o says; NULL when out
 * of memory.  Destination pixel (x, y) of a W x H source: 2 mirrors, 3
 * turns half way, 4 flips, 5 transposes, 6 turns a quarter clockwise, 7
 * transverses, 8 turns a quarter counter-clockwise. */
static SDL_Surface *orient(SDL_Surface *s, int o)
{
    if (o <= 1 || o > 8)
        return s;
    SDL_Surface *src = sdl.ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    sdl.FreeSurface(s);
    if (!src)
        return NULL;
    int W = src->w, H = src->h;
    bool side = o >= 5;
    SDL_Surface *dst =
        sdl.CreateRGBSurfaceWithFormat(0, side ? H : W, side ? W : H, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst) {
        sdl.FreeSurface(src);
        return NULL;
    }
    for (int dy = 0; dy < dst->h; dy++) {
        uint32_t *row = (uint32_t *)((char *)dst->pixels + (size_t)dy * (size_t)dst->pitch);
        for (int dx = 0; dx < dst->w; dx++) {
            int sx, sy;
            switch (o) {
            case 2:
                sx = W - 1 - dx, sy = dy;
                break;
            case 3:
                sx = W - 1 - dx, sy = H - 1 - dy;
                break;
            case 4:
                sx = dx, sy = H - 1 - dy;
                break;
            case 5:
                sx = dy, sy = dx;
                break;
            case 6:
                sx = dy, sy = H - 1 - dx;
                break;
            case 7:
                sx = W - 1 - dy, sy = H - 1 - dx;
                break;
            default:
                sx = W - 1 - dy, sy = dx;
                break; /* 8 */
            }
            row[dx] = ((const uint32_t *)((const char *)src->pixels +
                                          (size_t)sy * (size_t)src->pitch))[sx];
        }
    }
    sdl.FreeSurface(src);
    return dst;
}

SDL_Surface *picture_decode(const void *bytes, size_t len, int max_side, int *w, int *h,
                            pic_status *status)
{
    pic_info info;
    pic_status st = pic_probe(bytes, len, &info);
    if (status)
        *status = st;
    if (st != PIC_OK)
        return NULL;
    if (len > (size_t)INT32_MAX || !sdl_ready()) { /* SDL_RWFromConstMem takes an int */
        if (status)
            *status = PIC_BAD;
        return NULL;
    }
    SDL_RWops *rw = sdl.RWFromConstMem(bytes, (int)len);
    SDL_Surface *s = NULL;
    if (rw)
        s = sdl.Load_RW(rw, 0);
    if (rw)
        sdl.RWclose(rw);
    /* The decoder's size must be the header's (an SVG's rounding is
     * nanosvg's own, and one sized by its drawing has none: it must still be
     * within the limits). */
    bool exact = info.fmt != PIC_FMT_SVG;
    if (s && ((exact && (s->w != info.w || s->h != info.h)) || s->w > PIC_MAX_SIDE ||
              s->h > PIC_MAX_SIDE || (long)s->w * s->h > PIC_MAX_PIXELS)) {
        sdl.FreeSurface(s);
        s = NULL;
    }
    if (!s) {
        if (status)
            *status = PIC_BAD;
        return NULL;
    }
    if (info.fmt == PIC_FMT_JPEG)
        s = orient(s, picture_orientation(bytes, len));
    if (!s) {
        if (status)
            *status = PIC_BAD;
        return NULL;
    }
    if (w)
        *w = s->w;
    if (h)
        *h = s->h;
    s = downscale(s, max_side);
    if (!s && status)
        *status = PIC_BAD;
    return s;
}

/* Whether s has a pixel that is not opaque. */
static bool has_alpha(SDL_Surface *s)
{
    if (!SDL_ISPIXELFORMAT_ALPHA(s->format->format) && !sdl.HasColorKey(s) && !s->format->palette)
        return false;
    SDL_Surface *rgba = sdl.ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0);
    if (!rgba)
        return false;
    bool alpha = false;
    for (int y = 0; y < rgba->h && !alpha; y++) {
        const unsigned char *row = (const unsigned char *)rgba->pixels + (size_t)rgba->pitch * (size_t)y;
        for (int x = 0; x < rgba->w && !alpha; x++)
            alpha = row[x * 4 + 3] != 0xFF;
    }
    sdl.FreeSurface(rgba);
    return alpha;
}

bool picture_measure(const void *bytes, size_t len, int max_side, int *w, int *h, int *nw, int *nh,
                     bool *alpha)
{
    SDL_Surface *s = picture_decode(bytes, len, max_side, nw, nh, NULL);
    if (!s)
        return false;
    *w = s->w;
    *h = s->h;
    *alpha = has_alpha(s);
    sdl.FreeSurface(s);
    return true;
}

/* The picture decoded at exactly tw x th (as picture_measure measured it). */
static SDL_Surface *decode_at(const void *bytes, size_t len, int tw, int th)
{
    SDL_Surface *s = picture_decode(bytes, len, tw > th ? tw : th, NULL, NULL, NULL);
    if (s && (s->w != tw || s->h != th)) { /* not the picture measured */
        sdl.FreeSurface(s);
        s = NULL;
    }
    return s;
}

/* An SDL_RWops that appends what is written to a strbuf (IMG_SaveJPG_RW). */
static size_t rw_write(SDL_RWops *rw, const void *ptr, size_t size, size_t num)
{
    strbuf_add(rw->hidden.unknown.data1, ptr, size * num);
    return num;
}

static Sint64 rw_seek(SDL_RWops *rw, Sint64 off, int whence)
{
    const strbuf *b = rw->hidden.unknown.data1;
    return (whence == RW_SEEK_END || whence == RW_SEEK_CUR) && off == 0 ? (Sint64)b->len : -1;
}

static int rw_close(SDL_RWops *rw)
{
    sdl.FreeRW(rw);
    return 0;
}

/* RGB pixels sw x sh brought to tw x th (no larger): each one the mean of
 * the source pixels its area covers. */
static unsigned char *shrink(const unsigned char *src, int sw, int sh, int tw, int th)
{
    unsigned char *dst = xmalloc((size_t)tw * (size_t)th * 3);
    for (int y = 0; y < th; y++) {
        int y0 = (int)((long long)y * sh / th), y1 = (int)((long long)(y + 1) * sh / th);
        if (y1 <= y0)
            y1 = y0 + 1;
        for (int x = 0; x < tw; x++) {
            int x0 = (int)((long long)x * sw / tw), x1 = (int)((long long)(x + 1) * sw / tw);
            if (x1 <= x0)
                x1 = x0 + 1;
            unsigned sum[3] = {0, 0, 0}, n = (unsigned)((x1 - x0) * (y1 - y0));
            for (int yy = y0; yy < y1; yy++) {
                const unsigned char *px = src + ((size_t)yy * (size_t)sw + (size_t)x0) * 3;
                for (int xx = x0; xx < x1; xx++, px += 3) {
                    sum[0] += px[0];
                    sum[1] += px[1];
                    sum[2] += px[2];
                }
            }
            unsigned char *d = dst + ((size_t)y * (size_t)tw + (size_t)x) * 3;
            for (int c = 0; c < 3; c++)
                d[c] = (unsigned char)((sum[c] + n / 2) / n);
        }
    }
    return dst;
}

/* A JPEG in grey or colour (not CMYK) decoded by libjpeg-turbo alone, as
 * stored (not turned), at the smallest eighth of its size that still
 * covers minw x minh (the DCT does that part of the scaling): RGB pixels
 * (heap), their size in *bw x *bh, the stored size in *w x *h.  NULL when
 * it is not such a JPEG, is smaller than that, or cannot be decoded. */
static unsigned char *tj_decode(const void *bytes, size_t len, int minw, int minh, int *w, int *h,
                                int *bw, int *bh)
{
    pic_info info;
    if (pic_probe(bytes, len, &info) != PIC_OK || info.fmt != PIC_FMT_JPEG || len > ULONG_MAX ||
        minw < 1 || minh < 1 || minw > info.w || minh > info.h)
        return NULL;
    tjhandle d = tjInitDecompress();
    if (!d)
        return NULL;
    int sub = 0, cs = 0, n = 0;
    bool ok = tjDecompressHeader3(d, bytes, (unsigned long)len, w, h, &sub, &cs) == 0 &&
              *w == info.w && *h == info.h && cs != TJCS_CMYK && cs != TJCS_YCCK;
    const tjscalingfactor *sf = ok ? tjGetScalingFactors(&n) : NULL;
    *bw = info.w;
    *bh = info.h;
    for (int i = 0; sf && i < n; i++) {
        int sw = TJSCALED(*w, sf[i]), sh = TJSCALED(*h, sf[i]);
        if (sf[i].num <= sf[i].denom && sw >= minw && sh >= minh &&
            (long long)sw * sh < (long long)*bw * *bh)
            *bw = sw, *bh = sh;
    }
    unsigned char *rgb = ok ? xmalloc((size_t)*bw * (size_t)*bh * 3) : NULL;
    if (rgb && tjDecompress2(d, bytes, (unsigned long)len, rgb, *bw, 0, *bh, TJPF_RGB, 0) != 0) {
        free(rgb);
        rgb = NULL;
    }
    tjDestroy(d);
    return rgb;
}

/* picture_jpeg for a JPEG stored upright, by libjpeg-turbo alone (tj_decode
 * at tw x th, brought to exactly that, written again).  No SDL, and a
 * fraction of the work for a large photo.  False when it cannot: then
 * SDL_image does it. */
static bool jpeg_direct(const void *bytes, size_t len, int tw, int th, int quality,
                        unsigned char **out, size_t *outlen)
{
    int w, h, bw, bh;
    unsigned char *rgb = picture_orientation(bytes, len) == 1
                             ? tj_decode(bytes, len, tw, th, &w, &h, &bw, &bh)
                             : NULL;
    if (!rgb)
        return false;
    unsigned char *fit = bw == tw && bh == th ? rgb : shrink(rgb, bw, bh, tw, th), *jpeg = NULL;
    unsigned long jlen = 0;
    tjhandle c = tjInitCompress();
    bool ok = c && tjCompress2(c, fit, tw, 0, th, TJPF_RGB, &jpeg, &jlen, TJSAMP_420, quality, 0) == 0 &&
              jlen > 0;
    if (c)
        tjDestroy(c);
    if (ok) {
        *out = xmalloc(jlen);
        memcpy(*out, jpeg, jlen);
        *outlen = jlen;
    }
    tjFree(jpeg);
    if (fit != rgb)
        free(fit);
    free(rgb);
    return ok;
}

bool picture_jpeg_measure(const void *bytes, size_t len, int max_side, int *w, int *h, int *nw,
                          int *nh)
{
    int jw, jh, bw, bh;
    /* the smallest eighth: decoded only to be sure it can be */
    unsigned char *rgb = tj_decode(bytes, len, 1, 1, &jw, &jh, &bw, &bh);
    if (!rgb)
        return false;
    free(rgb);
    bool side = picture_orientation(bytes, len) >= 5; /* shown turned a quarter */
    *nw = side ? jh : jw;
    *nh = side ? jw : jh;
    picture_scaled_size(*nw, *nh, max_side, w, h); /* as downscale sizes it */
    return true;
}

bool picture_jpeg(const void *bytes, size_t len, int tw, int th, int quality, unsigned char **out,
                  size_t *outlen)
{
    *out = NULL;
    *outlen = 0;
    if (jpeg_direct(bytes, len, tw, th, quality, out, outlen))
        return true;
    SDL_Surface *s = decode_at(bytes, len, tw, th);
    if (!s)
        return false;
    strbuf b;
    strbuf_init(&b);
    SDL_RWops *rw = sdl.AllocRW();
    bool ok = false;
    if (rw) {
        rw->write = rw_write;
        rw->seek = rw_seek;
        rw->close = rw_close;
        rw->hidden.unknown.data1 = &b;
        ok = sdl.SaveJPG_RW(s, rw, 1, quality) == 0 && b.len > 0;
    }
    sdl.FreeSurface(s);
    if (!ok) {
        strbuf_fini(&b);
        return false;
    }
    *out = (unsigned char *)b.s;
    *outlen = b.len;
    return true;
}

bool picture_planes(const void *bytes, size_t len, int tw, int th, unsigned char **rgb,
                    unsigned char **alpha)
{
    if (rgb)
        *rgb = NULL;
    if (alpha)
        *alpha = NULL;
    SDL_Surface *s = decode_at(bytes, len, tw, th);
    SDL_Surface *rgba = s ? sdl.ConvertSurfaceFormat(s, SDL_PIXELFORMAT_RGBA32, 0) : NULL;
    if (s)
        sdl.FreeSurface(s);
    if (!rgba)
        return false;
    size_t n = (size_t)rgba->w * (size_t)rgba->h;
    unsigned char *c = rgb ? xmalloc(n * 3) : NULL, *a = alpha ? xmalloc(n) : NULL;
    for (int y = 0; y < rgba->h; y++) {
        const unsigned char *row = (const unsigned char *)rgba->pixels + (size_t)rgba->pitch * (size_t)y;
        for (int x = 0; x < rgba->w; x++) {
            size_t i = (size_t)y * (size_t)rgba->w + (size_t)x;
            if (c)
                memcpy(c + i * 3, row + x * 4, 3);
            if (a)
                a[i] = row[x * 4 + 3];
        }
    }
    sdl.FreeSurface(rgba);
    if (rgb)
        *rgb = c;
    if (alpha)
        *alpha = a;
    return true;
}
