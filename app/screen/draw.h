/*
 * draw.h - drawing helpers for views: design pixels to screen pixels,
 * boxes and frames, and the painter of layout output on screen (the paper
 * painter is paper/pdf).  They draw into the app's renderer with its text
 * cache and theme; none of them keeps state.
 *
 * Depends on: SDL2, text, theme, core/layout, core/msg.
 */
#ifndef MG_DRAW_H
#define MG_DRAW_H

#include <SDL.h>
#include <stdbool.h>

#include "../core/layout.h"
#include "../core/msg.h"
#include "theme.h"

typedef struct ui_app ui_app;

int ui_px(const ui_app *app, float v); /* v design pixels (1280x720) -> screen */
void ui_fill(ui_app *app, SDL_Color c, int x, int y, int w, int h);
void ui_frame(ui_app *app, SDL_Color c, int x, int y, int w, int h, int t);
/* Paint layout output offset by (dx, dy), clipped to clip (NULL: all). */
void ui_paint(ui_app *app, const lay_result *r, int dx, int dy, const SDL_Rect *clip);
/* The same with a colour for each layout colour role (slides). */
void ui_paint_colors(ui_app *app, const lay_result *r, int dx, int dy, const SDL_Rect *clip,
                     const SDL_Color colors[LAY_C_COUNT]);
bool ui_hit(const SDL_Rect *r, int x, int y);
/* A message in the app's language. */
const char *ui_msg(const ui_app *app, msg_id id);

#endif
