/*
 * finderview.c - 何が起きましたか？: the visitor picks what happened from
 * the referral list's problems, as large tiles, and sees what to do now
 * (the first steps of the FAQ items for that problem), who to call in the
 * order the referral list gives for it (with why, and the phone number
 * large), and the chapters to read, each a button.  印刷 makes the same
 * as a one-page sheet (handout_finder).
 *
 * ARGS_FINDER: -1 the tiles, else a problem's page (pushed, so もどる
 * goes back to the tiles and the idle reset forgets it).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/faq.h"
#include "../core/referrals.h"
#include "agencycard.h"
#include "views.h"

#define MAX_STEPS 2 /* FAQ items shown as first steps */
#define MAX_LINKS 8

typedef struct nview {
    int problem; /* -1: the tiles */
    SDL_Rect tile[REF_PROBLEM_COUNT];
    int links[MAX_LINKS], nlinks;
    SDL_Rect link_r[MAX_LINKS]; /* content coordinates */
    lay_result body;
    int bx;
    SDL_Rect back, list, print;
    int scroll, max_scroll;
    int pressed;
} nview;

static void *nv_open(ui_app *app, const ui_args *args)
{
    if (app->content->refs.n == 0)
        return NULL;
    nview *v = xcalloc(1, sizeof *v);
    int p = args && args->kind == ARGS_FINDER ? args->finder : -1;
    v->problem = p < 0 || p >= REF_PROBLEM_COUNT ? -1 : p;
    v->pressed = -1;
    lay_init(&v->body);
    return v;
}

static void nv_close(void *p)
{
    nview *v = p;
    if (!v)
        return;
    lay_fini(&v->body);
    free(v);
}

static int text(lay_result *l, ui_app *app, const char *s, int x, int y, int w, int size,
                unsigned style, lay_color c)
{
    return lay_text(l, &app->lay, s, x, y, w, size, style, c, DOC_ALIGN_LEFT);
}

/* A chapter button, once each. */
static int add_link(nview *v, ui_app *app, const char *name, int y, int w)
{
    int ch = faq_chapter(&app->content->guide, name);
    for (int i = 0; i < v->nlinks; i++)
        if (v->links[i] == ch)
            ch = -1;
    if (ch < 0 || v->nlinks >= MAX_LINKS)
        return y;
    int bh = chapter_button(&v->body, app, ch, y, w);
    v->links[v->nlinks] = ch;
    v->link_r[v->nlinks++] = (SDL_Rect){v->bx, y, w, bh};
    return y + bh + ui_px(app, 10);
}

static void layout_problem(nview *v, ui_app *app, int w)
{
    lay_result *l = &v->body;
    ref_problem p = (ref_problem)v->problem;
    int m = ui_px(app, 24), y = ui_px(app, 20);
    y += text(l, app, ui_msg(app, ref_problem_label(p)), 0, y, w, ui_px(app, 34),
              DOC_S_BOLD | LAY_S_PHRASE, LAY_C_TEXT);
    y += ui_px(app, 14);
    /* what to do now */
    y += text(l, app, ui_msg(app, MSG_FINDER_NOW), 0, y, w, ui_px(app, 28), DOC_S_BOLD,
              LAY_C_HEADING);
    const faq_item *steps[MAX_STEPS];
    size_t ns = MG_MIN(faq_for_problem(&app->content->faq, p, steps, MAX_STEPS), MAX_STEPS);
    if (!ns)
        y += text(l, app, ui_msg(app, MSG_FINDER_NONE), 0, y, w, ui_px(app, 26), 0, LAY_C_TEXT);
    for (size_t i = 0; i < ns; i++) {
        if (ns > 1)
            y += text(l, app, steps[i]->question, 0, y, w, ui_text_px(app, 22), DOC_S_BOLD | LAY_S_PHRASE,
                      LAY_C_MUTED);
        y += text(l, app, steps[i]->answer, 0, y, w, ui_px(app, 26), 0, LAY_C_TEXT);
        y += ui_px(app, 10);
    }
    /* who to call, in the list's order */
    y += ui_px(app, 10);
    y += text(l, app, ui_msg(app, MSG_FINDER_CALL), 0, y, w, ui_px(app, 28), DOC_S_BOLD,
              LAY_C_HEADING);
    const ref_order *o = ref_cards(&app->content->refs, p);
    const agency_card_style card = {
        .box_x = -m / 2, .box_w = w + m, .tx = m / 2, .tw = w - m, .pad = ui_px(app, 10),
        .bar = true, .bar_w = ui_px(app, 8), .name_px = ui_px(app, 28), .why_px = ui_text_px(app, 22),
        .why_style = LAY_S_PHRASE, .phone_px = ui_px(app, 38), .hours_px = ui_text_px(app, 22),
        .hours_c = LAY_C_MUTED};
    for (size_t i = 0; i < o->n; i++)
        y = agency_card(l, app, o->c[i].a, (int)i + 1, o->c[i].why, y, &card) + ui_px(app, 10);
    /* the chapters to read */
    v->nlinks = 0;
    y += ui_px(app, 10);
    y += text(l, app, ui_msg(app, MSG_FINDER_READ), 0, y, w, ui_px(app, 28), DOC_S_BOLD,
              LAY_C_HEADING);
    for (size_t i = 0; i < ns; i++) {
        y = add_link(v, app, steps[i]->chapter, y, w);
        for (size_t k = 0; k < steps[i]->nread; k++)
            y = add_link(v, app, steps[i]->read[k], y, w);
    }
    y += m;
    l->height = y;
    v->max_scroll = y > v->list.h ? y - v->list.h : 0;
    if (v->scroll > v->max_scroll)
        v->scroll = v->max_scroll;
}

static void nv_resize(void *p, ui_app *app)
{
    nview *v = p;
    int m = ui_px(app, 24), bh = ui_bar_h(app);
    v->list = (SDL_Rect){0, bh, app->w, app->h - bh};
    app->dirty = true;
    if (v->problem < 0) {
        int top = bh + ui_px(app, 70), gap = ui_px(app, 14);
        int cols = app->w >= app->h ? 2 : 1, rows = (REF_PROBLEM_COUNT + cols - 1) / cols;
        int w = (app->w - 2 * m - (cols - 1) * gap) / cols;
        int h = (app->h - top - m - (rows - 1) * gap) / rows;
        for (int i = 0; i < REF_PROBLEM_COUNT; i++)
            v->tile[i] = (SDL_Rect){m + (i % cols) * (w + gap), top + (i / cols) * (h + gap), w, h};
        return;
    }
    lay_fini(&v->body);
    lay_init(&v->body);
    int w = MG_MIN(app->w - 4 * m, ui_px(app, 1100));
    v->bx = (app->w - w) / 2;
    layout_problem(v, app, w);
}

/* A tile (0..), a chapter button (100..), or -1. */
static int at(const nview *v, int x, int y)
{
    if (v->problem < 0) {
        for (int i = 0; i < REF_PROBLEM_COUNT; i++)
            if (ui_hit(&v->tile[i], x, y))
                return i;
        return -1;
    }
    if (!ui_hit(&v->list, x, y))
        return -1;
    for (int i = 0; i < v->nlinks; i++)
        if (ui_hit(&v->link_r[i], x, y - v->list.y + v->scroll))
            return 100 + i;
    return -1;
}

static void nv_action(void *p, ui_app *app, const ui_action *a)
{
    nview *v = p;
    switch (a->kind) {
    case ACT_BACK:
    case ACT_ERASE: ui_pop(app); return;
    case ACT_PRESS:
        v->pressed = at(v, a->x, a->y);
        app->dirty = true;
        break;
    case ACT_RELEASE:
        v->pressed = -1;
        app->dirty = true;
        break;
    case ACT_TAP: {
        if (ui_hit(&v->back, a->x, a->y)) {
            ui_pop(app);
            return;
        }
        if (v->problem >= 0 && ui_hit(&v->print, a->x, a->y)) {
            ui_print(app, HANDOUT_FINDER, v->problem, NULL, ui_msg(app, MSG_FINDER_NOW));
            return;
        }
        int k = at(v, a->x, a->y);
        v->pressed = -1;
        if (k >= 100)
            ui_push(app, &guide_view, GUIDE_AT(v->links[k - 100]));
        else if (k >= 0)
            ui_push(app, &finder_view, FINDER_FOR(k));
        break;
    }
    case ACT_SCROLL:
    case ACT_DRAG:
    case ACT_DOWN:
    case ACT_UP:
    case ACT_PAGE_DOWN:
    case ACT_PAGE_UP: {
        v->scroll = ui_list_scroll(app, a, v->scroll, v->max_scroll, v->list.h);
        app->dirty = true;
        break;
    }
    default: break;
    }
}

static void nv_draw(void *p, ui_app *app)
{
    nview *v = p;
    const ui_theme *t = &app->theme;
    int bh = ui_bar_h(app);
    if (v->problem < 0) {
        const char *pick = ui_msg(app, MSG_TILE_FINDER);
        int ps = ui_px(app, 34);
        int pw = txt_width(app->txt, pick, strlen(pick), ps, DOC_S_BOLD);
        txt_draw(app->txt, pick, strlen(pick), ps, DOC_S_BOLD, t->text, (app->w - pw) / 2,
                 bh + ui_px(app, 16));
        for (int i = 0; i < REF_PROBLEM_COUNT; i++) {
            SDL_Rect b = v->tile[i];
            ui_fill(app, v->pressed == i ? t->lay[LAY_C_TABLE_HEAD_BG] : t->tile_bg, b.x, b.y,
                    b.w, b.h);
            ui_frame(app, t->tile_border, b.x, b.y, b.w, b.h, ui_px(app, 2) ? ui_px(app, 2) : 1);
            ui_fill(app, t->accent, b.x, b.y, ui_px(app, 10), b.h);
            lay_result l;
            lay_init(&l);
            int size = MG_MIN(ui_px(app, 30), b.h * 2 / 5);
            lay_text(&l, &app->lay, ui_msg(app, ref_problem_label((ref_problem)i)), 0, 0,
                     b.w - ui_px(app, 48), size, DOC_S_BOLD | LAY_S_PHRASE, LAY_C_HEADING,
                     DOC_ALIGN_LEFT);
            ui_paint(app, &l, b.x + ui_px(app, 30), b.y + (b.h - l.height) / 2, &b);
            lay_fini(&l);
        }
    } else {
        ui_paint(app, &v->body, v->bx, v->list.y - v->scroll, &v->list);
        if (v->pressed >= 100) {
            SDL_Rect r = v->link_r[v->pressed - 100];
            ui_frame(app, t->focus, r.x, r.y + v->list.y - v->scroll, r.w, r.h, ui_px(app, 4));
        }
    }
    v->back = ui_title_bar(app, ui_msg(app, MSG_TILE_FINDER));
    int bm = ui_bar_margin(app); /* the bar's buttons stay a finger tall */
    v->print = v->problem < 0 ? (SDL_Rect){0, 0, 0, 0}
                              : ui_button(app, ui_msg(app, MSG_PRINT_OPEN),
                                          app->w - bm - ui_px(app, 220), bm, ui_px(app, 220),
                                          bh - 2 * bm, t->tile_bg, t->header_bg, ui_px(app, 26));
}

bool finder_view_state(const ui_app *app, pick_view_info *out)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &finder_view)
        return false;
    const nview *v = app->views[app->depth - 1];
    memset(out, 0, sizeof *out);
    out->category = out->item = -1;
    out->problem = v->problem;
    out->n = v->problem < 0 ? REF_PROBLEM_COUNT : 0;
    for (int i = 0; i < out->n && i < REF_PROBLEM_COUNT; i++)
        out->tile[i] = v->tile[i];
    out->nlinks = v->nlinks;
    for (int i = 0; i < v->nlinks; i++) {
        out->link[i] = v->link_r[i];
        out->link[i].y += v->list.y - v->scroll;
    }
    out->print = v->print;
    out->scroll = v->scroll;
    out->max_scroll = v->max_scroll;
    return true;
}

const ui_view_ops finder_view = {
    .name = "finder",
    .open = nv_open,
    .close = nv_close,
    .resize = nv_resize,
    .action = nv_action,
    .draw = nv_draw,
};
