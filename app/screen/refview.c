/*
 * refview.c - 困ったときの相談先: the visitor picks a problem from eight
 * large buttons and sees who to contact, large and clear: the agency, the
 * phone number big, hours, web address with its QR code (core/qr: the
 * same code as on paper), what they handle, and when the details were
 * last checked; at the foot, the desk's own card with its portal's QR
 * code.  Never the staff-facing 要確認 marks.
 *
 * arg < 0 opens the problem picker; arg >= 0 a problem's list.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/qr.h"
#include "../core/referrals.h"
#include "../core/utf8.h"
#include "agencycard.h"
#include "views.h"

typedef struct rview {
    int problem; /* -1: the picker */
    SDL_Rect btn[REF_PROBLEM_COUNT];
    SDL_Rect back, list, print;
    lay_result body;
    int scroll, max_scroll;
    int pressed;
} rview;

static void *rv_open(ui_app *app, const ui_args *args)
{
    int arg = args && args->kind == ARGS_REFERRALS ? args->problem : -1;
    if (app->content->refs.n == 0)
        return NULL;
    rview *r = xcalloc(1, sizeof *r);
    r->problem = arg < 0 || arg >= REF_PROBLEM_COUNT ? -1 : arg;
    r->pressed = -1;
    lay_init(&r->body);
    return r;
}

static void rv_close(void *v)
{
    rview *r = v;
    if (!r)
        return;
    lay_fini(&r->body);
    free(r);
}

static int line(lay_result *l, ui_app *app, const char *text, int y, int w, int size,
                unsigned style, lay_color c)
{
    return lay_text(l, &app->lay, text, 0, y, w, size, style, c, DOC_ALIGN_LEFT);
}

/* A text size on the cards: times the visitor's size, never below legible. */
static int tpx(const ui_app *app, float v)
{
    return ui_text_px(app, v * (float)(app->text_pct ? app->text_pct : 100) / 100.0f);
}

/* A QR code's side on a card of width w: large enough for a phone held at
 * the kiosk (about 3 cm on a 24-inch screen), never a third of the card. */
static int qr_side(ui_app *app, int w)
{
    return MG_MIN(ui_px(app, 170), w / 3);
}

/* The desk's own card at the foot of each list: its phone and hours and
 * its portal with a QR code (from desk.ini), when it gives any. */
static int desk_card(rview *r, ui_app *app, int y, int w, int m)
{
    const desk *d = &app->content->desk;
    if (!d->portal && !d->phone && !d->hours)
        return y;
    char buf[512];
    int top = y;
    size_t card = r->body.n;
    lay_rect(&r->body, -m, y, w + 2 * m, 0, LAY_C_QUOTE_BG); /* height set below */
    lay_rect(&r->body, -m, y, ui_px(app, 8), 0, LAY_C_QUOTE_BAR);
    y += ui_px(app, 14);
    int q = d->portal ? qr_side(app, w) : 0, qy = y;
#define BESIDE (y - qy < q ? w - q - ui_px(app, 16) : w)
    y += line(&r->body, app, ui_msg(app, MSG_DESK_NAME), y, BESIDE, tpx(app, 32), DOC_S_BOLD,
              LAY_C_HEADING);
    if (d->phone) {
        utf8_snprintf(buf, sizeof buf, ui_msg(app, MSG_REF_PHONE), d->phone);
        y += line(&r->body, app, buf, y, BESIDE, tpx(app, 44), DOC_S_BOLD, LAY_C_TEXT);
    }
    if (d->hours) {
        utf8_snprintf(buf, sizeof buf, ui_msg(app, MSG_REF_HOURS), d->hours);
        y += line(&r->body, app, buf, y, BESIDE, tpx(app, 26), 0, LAY_C_TEXT);
    }
    if (d->portal) {
        y += qr_lay_url(&r->body, &app->lay, ui_msg(app, MSG_REF_PORTAL), d->portal, 0, y, BESIDE,
                        tpx(app, 24), 0, LAY_C_LINK);
        y += line(&r->body, app, ui_msg(app, MSG_REF_PORTAL_QR), y, BESIDE, tpx(app, 20), 0,
                  LAY_C_MUTED);
    }
#undef BESIDE
    if (q) {
        qr_lay(&r->body, d->portal, w - q, qy, q, LAY_C_TEXT);
        y = MG_MAX(y, qy + q);
    }
    y += ui_px(app, 14);
    r->body.items[card].h = y - top;
    r->body.items[card + 1].h = y - top;
    return y + ui_px(app, 16);
}

static void rv_resize(void *v, ui_app *app)
{
    rview *r = v;
    int m = ui_px(app, 24), bh = ui_bar_h(app);
    r->list = (SDL_Rect){0, bh, app->w, app->h - bh};
    if (r->problem < 0) {
        /* Two columns of buttons, as large as the screen allows. */
        int top = bh + ui_px(app, 70), gap = ui_px(app, 16);
        int cols = app->w >= app->h ? 2 : 1, rows = (REF_PROBLEM_COUNT + cols - 1) / cols;
        int w = (app->w - 2 * m - (cols - 1) * gap) / cols;
        int h = (app->h - top - m - (rows - 1) * gap) / rows;
        for (int i = 0; i < REF_PROBLEM_COUNT; i++)
            r->btn[i] = (SDL_Rect){m + (i % cols) * (w + gap), top + (i / cols) * (h + gap), w, h};
        app->dirty = true;
        return;
    }
    /* The agencies for the problem, one card each. */
    lay_fini(&r->body);
    lay_init(&r->body);
    int w = MG_MIN(app->w - 2 * m, ui_px(app, 1120)) - 2 * m;
    int y = ui_px(app, 16);
    y += line(&r->body, app, ui_msg(app, ref_problem_label((ref_problem)r->problem)), y, w,
              tpx(app, 34), DOC_S_BOLD, LAY_C_TEXT);
    y += line(&r->body, app, ui_msg(app, MSG_REF_ORDER_HINT), y, w, tpx(app, 22), 0,
              LAY_C_MUTED);
    y += ui_px(app, 12);
    const ref_order *o = ref_cards(&app->content->refs, (ref_problem)r->problem);
    const agency_card_style card = {
        .box_x = -m, .box_w = w + 2 * m, .tx = 0, .tw = w, .pad = ui_px(app, 14), .bar = true,
        .bar_w = ui_px(app, 8), .name_px = tpx(app, 32), .why_px = tpx(app, 24),
        .why_style = DOC_S_BOLD | LAY_S_PHRASE, .phone_px = tpx(app, 44), .hours_px = tpx(app, 26),
        .hours_c = LAY_C_TEXT, .qr = qr_side(app, w), .qr_gap = ui_px(app, 16),
        .web_px = tpx(app, 24), .gap_px = ui_px(app, 6), .handles_px = tpx(app, 24),
        .notes_px = tpx(app, 22), .checked_px = tpx(app, 20)};
    for (size_t i = 0; i < o->n; i++) {
        /* A visitor never sees the staff's 要確認 marks (staff see them in
         * the notes editor; `check` lists them). */
        y = agency_card(&r->body, app, o->c[i].a, (int)i + 1, o->c[i].why, y, &card);
        y += ui_px(app, 16);
    }
    y = desk_card(r, app, y, w, m);
    r->body.height = y;
    r->max_scroll = y > r->list.h ? y - r->list.h : 0;
    if (r->scroll > r->max_scroll)
        r->scroll = r->max_scroll;
    app->dirty = true;
}

static int button_at(const rview *r, int x, int y)
{
    for (int i = 0; i < REF_PROBLEM_COUNT; i++)
        if (ui_hit(&r->btn[i], x, y))
            return i;
    return -1;
}

static void rv_action(void *v, ui_app *app, const ui_action *a)
{
    rview *r = v;
    switch (a->kind) {
    case ACT_BACK:
    case ACT_ERASE: ui_pop(app); return;
    case ACT_PRESS:
        if (r->problem < 0) {
            r->pressed = button_at(r, a->x, a->y);
            app->dirty = true;
        }
        break;
    case ACT_RELEASE:
        r->pressed = -1;
        app->dirty = true;
        break;
    case ACT_TAP:
        if (ui_hit(&r->back, a->x, a->y))
            ui_pop(app);
        else if (ui_hit(&r->print, a->x, a->y))
            ui_print(app, HANDOUT_REFERRALS, 0, NULL, ui_msg(app, MSG_REF_TITLE));
        else if (r->problem < 0 && button_at(r, a->x, a->y) >= 0)
            ui_push(app, &referrals_view, REFERRALS_FOR(button_at(r, a->x, a->y)));
        break;
    case ACT_SCROLL:
    case ACT_DRAG:
    case ACT_DOWN:
    case ACT_UP:
    case ACT_PAGE_DOWN:
    case ACT_PAGE_UP: {
        r->scroll = ui_list_scroll(app, a, r->scroll, r->max_scroll, r->list.h);
        app->dirty = true;
        break;
    }
    default: break;
    }
}

static void rv_draw(void *v, ui_app *app)
{
    rview *r = v;
    const ui_theme *t = &app->theme;
    int bh = ui_bar_h(app), m = ui_bar_margin(app);
    if (r->problem < 0) {
        const char *pick = ui_msg(app, MSG_REF_PICK);
        int ps = ui_text_px(app, 30);
        int pw = txt_width(app->txt, pick, strlen(pick), ps, DOC_S_BOLD);
        txt_draw(app->txt, pick, strlen(pick), ps, DOC_S_BOLD, t->text, (app->w - pw) / 2,
                 bh + ui_px(app, 18));
        for (int i = 0; i < REF_PROBLEM_COUNT; i++) {
            SDL_Rect b = r->btn[i];
            ui_fill(app, r->pressed == i ? t->lay[LAY_C_TABLE_HEAD_BG] : t->tile_bg, b.x, b.y,
                    b.w, b.h);
            ui_frame(app, t->tile_border, b.x, b.y, b.w, b.h, ui_px(app, 2) ? ui_px(app, 2) : 1);
            ui_fill(app, t->accent, b.x, b.y, ui_px(app, 10), b.h);
            lay_result l;
            lay_init(&l);
            int size = MG_MAX(UI_MIN_TEXT, MG_MIN(ui_px(app, 30), b.h * 2 / 5));
            txt_log_box(app->txt, ui_msg(app, ref_problem_label((ref_problem)i)), b.x, b.y, b.w, b.h);
            lay_text(&l, &app->lay, ui_msg(app, ref_problem_label((ref_problem)i)), 0, 0,
                     b.w - ui_px(app, 48), size, DOC_S_BOLD | LAY_S_PHRASE, LAY_C_HEADING,
                     DOC_ALIGN_LEFT);
            ui_paint(app, &l, b.x + ui_px(app, 30), b.y + (b.h - l.height) / 2, &b);
            lay_fini(&l);
        }
    } else {
        int w = MG_MIN(app->w - 2 * ui_px(app, 24), ui_px(app, 1120)) - 2 * ui_px(app, 24);
        int x = (app->w - w) / 2;
        ui_paint(app, &r->body, x, r->list.y - r->scroll, &r->list);
    }
    r->back = ui_title_bar(app, ui_msg(app, MSG_REF_TITLE));
    r->print = ui_button(app, ui_msg(app, MSG_PRINT_OPEN), app->w - m - ui_px(app, 220), m,
                         ui_px(app, 220), bh - 2 * m, t->tile_bg, t->header_bg, ui_text_px(app, 26));
}

const ui_view_ops referrals_view = {
    .name = "referrals",
    .open = rv_open,
    .close = rv_close,
    .resize = rv_resize,
    .action = rv_action,
    .draw = rv_draw,
};
