/*
 * text.h - text on screen: SDL_ttf fonts by size, the layout metrics that
 * the screen uses, and a texture cache so an unchanged frame renders no
 * glyphs again.
 *
 * Every string drawn can also be logged (txt_log), so tests can ask what a
 * screen showed without reading pixels.
 *
 * Depends on: SDL2, SDL2_ttf, core/layout.
 */
#ifndef MG_TEXT_H
#define MG_TEXT_H

#include <SDL.h>
#include <stdbool.h>

#include "../core/layout.h"
#include "../core/util.h"

typedef struct txt txt;

typedef struct txt_stats {
    unsigned long renders; /* strings rasterised (cache misses) */
    unsigned long hits;    /* draws served from the cache */
    size_t cached;         /* textures held now */
    size_t text_bytes;     /* text textures held now (bounded, 4 bytes a pixel) */
    size_t image_bytes;    /* picture textures held now (bounded) */
    unsigned long decodes; /* pictures decoded so far */
} txt_stats;

/* Open the font file for renderer ren.  NULL with a message in err. */
txt *txt_open(const char *font_path, SDL_Renderer *ren, char *err, size_t errsize);
void txt_close(txt *t);

/* The layout metrics backed by this font (valid as long as t). */
const lay_metrics *txt_metrics(txt *t);
int txt_width(txt *t, const char *s, size_t n, int size, unsigned style);
int txt_height(txt *t, int size);
int txt_ascent(txt *t, int size);

/* Draw s[0..n) with its top-left at (x, y).  Returns the width drawn. */
int txt_draw(txt *t, const char *s, size_t n, int size, unsigned style, SDL_Color c, int x, int y);

/* Call once a frame: textures unused for a while are released. */
void txt_frame_end(txt *t);
txt_stats txt_get_stats(const txt *t);

/* Record every drawn string while enabled, one per line as
 * "text<TAB>x,y,w,h" (the box it covers on screen). */
void txt_log_enable(txt *t, bool on);
const char *txt_log(const txt *t);
void txt_log_clear(txt *t);
/* While logging, touch targets too ("label<TAB>x,y,w,h" a line, in
 * txt_boxes), and the smallest text size drawn since the last clear. */
void txt_log_box(txt *t, const char *label, int x, int y, int w, int h);
const char *txt_boxes(const txt *t);
int txt_min_size(const txt *t);
/* Whether text drawn from now on counts for txt_min_size (on by default);
 * returns what it was.  Off while a slide is painted: its text is the
 * deck's, at the size its author chose, not the screen's. */
bool txt_count_sizes(txt *t, bool on);

/* Where pictures come from: by default files; a book inside a zip
 * (EPUB) installs a loader that returns the bytes (heap, freed here). */
typedef void *(*txt_loader)(void *ctx, const char *path, size_t *len);
void txt_set_loader(txt *t, txt_loader load, void *ctx);

/* Images for layout: natural size and drawing, cached by path. */
bool txt_image_size(txt *t, const char *path, int *w, int *h);
/* Draw a picture.  With txt_defer_decoding on, a picture whose texture
 * was let go (the budget) is not decoded here: it is drawn as false and
 * asked for, and the next txt_prefetch_wanted (ui_update) decodes it, so
 * drawing reads no file.  Off (the default: a window whose loop does not
 * prefetch), it is decoded again when drawn. */
bool txt_draw_image(txt *t, const char *path, const SDL_Rect *dst);
bool txt_defer_decoding(txt *t, bool on); /* returns the setting it replaced */
/* Decode path's texture now if it has none (update, idle: before it is
 * drawn).  True when a texture was made. */
bool txt_prefetch_image(txt *t, const char *path);
/* The same for a picture not on screen yet: its texture is made only if
 * it fits in the budget without letting another go (so pictures near the
 * view never evict each other, frame after frame).  True when one was made. */
bool txt_prefetch_spare(txt *t, const char *path);
/* Decode the pictures txt_draw_image asked for; true when any was made
 * (a new frame is due). */
bool txt_prefetch_wanted(txt *t);
/* Let every picture texture go (their sizes stay known), as the budget
 * does one by one: for tests and low memory. */
void txt_drop_images(txt *t);

#endif
