/*
 * slidelay.h - one slide of a deck laid out for an output size: the themes
 * (as data), header, footer, page number, background images and content
 * that shrinks to fit.  Screen and paper both paint this.
 *
 * Slides are designed on a 1280x720 (16:9) or 960x720 (4:3) canvas; every
 * size here is canvas pixels times the output scale.
 *
 * Depends on: deck, layout.
 */
#ifndef MG_SLIDELAY_H
#define MG_SLIDELAY_H

#include <stdint.h>

#include "deck.h"
#include "layout.h"

#define SLAY_MAX_BG 8

typedef struct slay_bg {
    const char *path; /* NULL: remote or missing (drawn as a framed placeholder) */
    const char *src;  /* as written, for the placeholder label */
    int cx, cy, cw, ch; /* the area it fills (clip) */
    int x, y, w, h;     /* where the whole image goes (may overflow the area: cover) */
    bool found;         /* the image could be read */
} slay_bg;

typedef struct slay_slide {
    lay_result lay;            /* content, header, footer, page number */
    int w, h;                  /* output size of the slide */
    uint32_t bg;               /* 0xRRGGBB */
    uint32_t color[LAY_C_COUNT];
    slay_bg bgs[SLAY_MAX_BG];
    int nbgs;
    int shrink_pct;            /* 100 when the content fits as designed */
} slay_slide;

void slay_init(slay_slide *s);
void slay_fini(slay_slide *s);

/* Canvas size of a deck in pixels (1280x720 or 960x720). */
void slay_canvas(const deck *k, int *w, int *h);

/*
 * Lay out slide i of k for an output width w (the height follows the
 * deck's aspect).  s is cleared first.
 */
void slay_layout(slay_slide *s, const deck *k, size_t i, int w, const lay_ctx *c);

/* Report slides whose content had to shrink (for `madoguchi check`),
 * laid out with approximate metrics (CJK 1 em, others 0.55 em). */
void slay_check(const deck *k, diag_list *d);

/* Parse a CSS colour (#rgb, #rrggbb or a basic name); false if unknown. */
bool slay_parse_color(const char *s, uint32_t *rgb);

#endif
