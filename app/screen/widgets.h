/*
 * widgets.h - the few drawn controls views share: a button and the title
 * bar of a visitor screen.  Each draws now and returns its box, for taps.
 *
 * Depends on: draw.
 */
#ifndef MG_WIDGETS_H
#define MG_WIDGETS_H

#include "draw.h"

/* A button: filled box with centred bold label; returns its rect. */
SDL_Rect ui_button(ui_app *app, const char *label, int x, int y, int w, int h, SDL_Color bg,
                   SDL_Color fg, int size);
/* The bar across the top of a visitor screen: もどる on the left (its box
 * comes back, for taps) and the title beside it; ui_bar_h(app) tall. */
SDL_Rect ui_title_bar(ui_app *app, const char *title);
int ui_bar_h(const ui_app *app);

#endif
