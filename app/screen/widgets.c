/*
 * widgets.c - buttons and the visitor title bar (see widgets.h).
 */
#include "widgets.h"

#include <string.h>

#include "ui.h"

SDL_Rect ui_title_bar(ui_app *app, const char *title)
{
    const ui_theme *t = &app->theme;
    int bh = ui_bar_h(app), m = ui_px(app, 16);
    ui_fill(app, t->header_bg, 0, 0, app->w, bh);
    SDL_Rect back = ui_button(app, ui_msg(app, MSG_BACK), m, m, ui_px(app, 180), bh - 2 * m,
                              t->accent, t->accent_text, ui_px(app, 30));
    int ts = ui_px(app, 34);
    txt_draw(app->txt, title, strlen(title), ts, DOC_S_BOLD, t->header_text,
             ui_px(app, 180) + 3 * m, (bh - txt_height(app->txt, ts)) / 2);
    return back;
}

int ui_bar_h(const ui_app *app)
{
    return ui_px(app, 96);
}

SDL_Rect ui_button(ui_app *app, const char *label, int x, int y, int w, int h, SDL_Color bg,
                   SDL_Color fg, int size)
{
    ui_fill(app, bg, x, y, w, h);
    int tw = txt_width(app->txt, label, strlen(label), size, DOC_S_BOLD);
    int th = txt_height(app->txt, size);
    txt_draw(app->txt, label, strlen(label), size, DOC_S_BOLD, fg, x + (w - tw) / 2,
             y + (h - th) / 2);
    return (SDL_Rect){x, y, w, h};
}
