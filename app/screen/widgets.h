/*
 * widgets.h - the few drawn controls views share: a button and the title
 * bar of a visitor screen.  Each draws now and returns its box, for taps.
 *
 * Depends on: draw, action.
 */
#ifndef MG_WIDGETS_H
#define MG_WIDGETS_H

#include "action.h"
#include "draw.h"

/* A button: filled box with centred bold label; returns its rect. */
SDL_Rect ui_button(ui_app *app, const char *label, int x, int y, int w, int h, SDL_Color bg,
                   SDL_Color fg, int size);
/* The bar across the top of a visitor screen: もどる on the left (its box
 * comes back, for taps) and the title beside it; ui_bar_h(app) tall. */
SDL_Rect ui_title_bar(ui_app *app, const char *title);
int ui_bar_h(const ui_app *app);
/* The margin around the bar's buttons: they stay UI_MIN_TAP tall. */
int ui_bar_margin(const ui_app *app);

/* A scrolling list's new scroll for a, one of ACT_SCROLL, ACT_DRAG,
 * ACT_DOWN/UP (a step) and ACT_PAGE_DOWN/UP (nine tenths of page, the
 * list's height), kept within 0..max. */
int ui_list_scroll(const ui_app *app, const ui_action *a, int scroll, int max, int page);

/* A finger's size and the smallest legible text, in screen pixels (at
 * 800x480 a 48 px target is about 9 mm on a 7-inch panel). */
#define UI_MIN_TAP 48
#define UI_MIN_TEXT 16
/* ui_px, but never below UI_MIN_TAP (a touch target) or UI_MIN_TEXT (a
 * text size). */
int ui_tap_px(const ui_app *app, float v);
int ui_text_px(const ui_app *app, float v);
/* s as it fits in room pixels on one line: s itself, or its head cut
 * between characters with an ellipsis, kept in cut (caller's). */
const char *ui_fit(ui_app *app, const char *s, int size, unsigned style, int room, strbuf *cut);

#endif
