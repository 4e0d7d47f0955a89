/*
 * picture.c - probe, decode, check and scale one picture (see picture.h).
 */
#include "picture.h"

#include <SDL_image.h>
#include <libexif/exif-data.h>
#include <stdint.h>

/* Scale s (taken) so its long side is max_side; the surface to use. */
static SDL_Surface *downscale(SDL_Surface *s, int max_side)
{
    int m = s->w > s->h ? s->w : s->h;
    if (max_side <= 0 || m <= max_side)
        return s;
    /* Stretch in the picture's own format when it has 4 bytes a pixel, so
     * no second full-size copy is made. */
    SDL_Surface *src = s;
    if (s->format->BytesPerPixel != 4) {
        src = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        SDL_FreeSurface(s);
        if (!src)
            return NULL;
    }
    int w = (int)((long long)src->w * max_side / m), h = (int)((long long)src->h * max_side / m);
    SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, w > 0 ? w : 1, h > 0 ? h : 1, 32,
                                                      src->format->format);
    if (dst && SDL_SoftStretchLinear(src, NULL, dst, NULL) != 0) {
        SDL_FreeSurface(dst);
        dst = NULL;
    }
    SDL_FreeSurface(src);
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
    SDL_Surface *src = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
    SDL_FreeSurface(s);
    if (!src)
        return NULL;
    int W = src->w, H = src->h;
    bool side = o >= 5;
    SDL_Surface *dst =
        SDL_CreateRGBSurfaceWithFormat(0, side ? H : W, side ? W : H, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!dst) {
        SDL_FreeSurface(src);
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
    SDL_FreeSurface(src);
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
    if (len > (size_t)INT32_MAX) /* SDL_RWFromConstMem takes an int */
        return NULL;
    SDL_RWops *rw = SDL_RWFromConstMem(bytes, (int)len);
    SDL_Surface *s = NULL;
    if (rw)
        s = IMG_Load_RW(rw, 0);
    if (rw)
        SDL_RWclose(rw);
    /* The decoder's size must be the header's (an SVG's rounding is
     * nanosvg's own, and one sized by its drawing has none: it must still be
     * within the limits). */
    bool exact = info.fmt != PIC_FMT_SVG;
    if (s && ((exact && (s->w != info.w || s->h != info.h)) || s->w > PIC_MAX_SIDE ||
              s->h > PIC_MAX_SIDE || (long)s->w * s->h > PIC_MAX_PIXELS)) {
        SDL_FreeSurface(s);
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
