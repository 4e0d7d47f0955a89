/*
 * widgets.c - buttons and the visitor title bar (see widgets.h).
 */
#include "widgets.h"

#include <string.h>

#include "ui.h"

const char *ui_fit(ui_app *app, const char *s, int size, unsigned style, int room, strbuf *cut)
{
    size_t len = strlen(s);
    if (txt_width(app->txt, s, len, size, style) <= room)
        return s;
    int ew = txt_width(app->txt, "\xE2\x80\xA6", 3, size, style);
    size_t i = 0, keep = 0;
    while (i < len) {
        size_t j = i;
        utf8_next(s, len, &j);
        if (txt_width(app->txt, s, j, size, style) + ew > room)
            break;
        keep = i = j;
    }
    strbuf_clear(cut);
    strbuf_add(cut, s, keep);
    strbuf_adds(cut, "\xE2\x80\xA6"); /* … */
    return cut->s;
}

int ui_tap_px(const ui_app *app, float v)
{
    int px = ui_px(app, v);
    return px < UI_MIN_TAP ? UI_MIN_TAP : px;
}

int ui_text_px(const ui_app *app, float v)
{
    int px = ui_px(app, v);
    return px < UI_MIN_TEXT ? UI_MIN_TEXT : px;
}

int ui_list_scroll(const ui_app *app, const ui_action *a, int scroll, int max, int page)
{
    int dy = a->kind == ACT_SCROLL      ? a->dy * ui_px(app, 80)
             : a->kind == ACT_DRAG      ? -a->dy
             : a->kind == ACT_DOWN      ? ui_px(app, 80)
             : a->kind == ACT_UP        ? -ui_px(app, 80)
             : a->kind == ACT_PAGE_DOWN ? page * 9 / 10
             : a->kind == ACT_PAGE_UP   ? -page * 9 / 10
                                        : 0;
    int s = scroll + dy;
    return s < 0 ? 0 : s > max ? max : s;
}

SDL_Rect ui_title_bar(ui_app *app, const char *title)
{
    const ui_theme *t = &app->theme;
    int bh = ui_bar_h(app), m = ui_bar_margin(app);
    ui_fill(app, t->header_bg, 0, 0, app->w, bh);
    SDL_Rect back = ui_button(app, ui_msg(app, MSG_BACK), m, m, ui_px(app, 180), bh - 2 * m,
                              t->accent, t->accent_text, ui_text_px(app, 30));
    int ts = ui_text_px(app, 34), tx = ui_px(app, 180) + 3 * m;
    strbuf cut;
    strbuf_init(&cut);
    const char *shown = ui_fit(app, title, ts, DOC_S_BOLD, app->w - tx - m, &cut);
    txt_draw(app->txt, shown, strlen(shown), ts, DOC_S_BOLD, t->header_text, tx,
             (bh - txt_height(app->txt, ts)) / 2);
    strbuf_fini(&cut);
    return back;
}

int ui_bar_h(const ui_app *app)
{
    return ui_px(app, 96);
}

int ui_bar_margin(const ui_app *app)
{
    /* The bar's buttons are never shorter than a finger (UI_MIN_TAP). */
    int m = ui_px(app, 16), room = (ui_bar_h(app) - UI_MIN_TAP) / 2;
    return m < room ? m : room > 0 ? room : 0;
}

SDL_Rect ui_button(ui_app *app, const char *label, int x, int y, int w, int h, SDL_Color bg,
                   SDL_Color fg, int size)
{
    ui_fill(app, bg, x, y, w, h);
    /* A label longer than the button ends with an ellipsis. */
    strbuf cut;
    strbuf_init(&cut);
    const char *shown = ui_fit(app, label, size, DOC_S_BOLD, w - size / 2, &cut);
    int tw = txt_width(app->txt, shown, strlen(shown), size, DOC_S_BOLD);
    int th = txt_height(app->txt, size);
    txt_draw(app->txt, shown, strlen(shown), size, DOC_S_BOLD, fg, x + (w - tw) / 2,
             y + (h - th) / 2);
    strbuf_fini(&cut);
    txt_log_box(app->txt, label, x, y, w, h);
    return (SDL_Rect){x, y, w, h};
}
