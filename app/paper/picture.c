/*
 * picture.c - probe, decode, check and scale one picture (see picture.h).
 */
#include "picture.h"

#include <SDL_image.h>

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
    if (w)
        *w = s->w;
    if (h)
        *h = s->h;
    s = downscale(s, max_side);
    if (!s && status)
        *status = PIC_BAD;
    return s;
}
