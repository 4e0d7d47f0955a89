/*
 * conflictview.c - one conflicted note (staff mode only): its versions
 * (the note's heads) side by side, every field of the field table with the
 * ones that differ marked, where and when each version was saved, and a
 * big こちらを残す under each.  Choosing one asks once, then resolves the
 * note as `notes resolve ID --keep REV` does (sync_resolve) and goes back
 * to the list, which no longer marks it.
 *
 * The data is core's (sync_conflict_get: the values as a person reads
 * them, which differ); this file only lays it out.  Columns when each is
 * wide enough for about twenty characters of the value text, else the
 * versions one under the other; the whole scrolls.  Long text wraps (never
 * cut inside a character); buttons stay finger-sized, text legible.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/sync.h"
#include "staff.h"

typedef struct cview {
    char id[37];
    sync_conflict c;
    int found;          /* sync_conflict_get: 1, 0 (no longer), -1 (failed) */
    char status[1024];  /* a failure or "no longer in conflict" */
    lay_result body;    /* the content, scrolled in list */
    SDL_Rect back, list;
    SDL_Rect *keep;     /* content coordinates, one per side */
    int scroll, max_scroll;
    bool columns;       /* the versions side by side */
    int confirm;        /* the side asked about (-1: none) */
    SDL_Rect yes, no;   /* the question's buttons (screen) */
} cview;

static void load(cview *v, ui_app *app)
{
    sync_conflict_fini(&v->c);
    free(v->keep);
    v->keep = NULL;
    v->status[0] = '\0';
    char err[512] = "";
    store *db = staff_open_notes(app, err, sizeof err);
    v->found = db ? sync_conflict_get(db, v->id, app->lang, &v->c, err, sizeof err) : -1;
    if (v->found < 0) {
        fprintf(stderr, "madoguchi: %s\n", err);
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_CONFLICT_FAILED), err);
    } else if (v->found == 0) {
        snprintf(v->status, sizeof v->status, "%s", ui_msg(app, MSG_CONFLICT_GONE));
    }
    v->keep = xcalloc(v->c.nsides + 1, sizeof *v->keep);
}

static void *cv_open(ui_app *app, const ui_args *args)
{
    if (!app->staff || !args || args->kind != ARGS_NOTE || !args->note)
        return NULL; /* never without the PIN */
    cview *v = xcalloc(1, sizeof *v);
    snprintf(v->id, sizeof v->id, "%s", args->note);
    v->confirm = -1;
    lay_init(&v->body);
    load(v, app);
    return v;
}

static void cv_close(void *p)
{
    cview *v = p;
    if (!v)
        return;
    sync_conflict_fini(&v->c);
    lay_fini(&v->body);
    free(v->keep);
    free(v);
}

/* "2026-12-01 10:23" of ms, local time. */
static void when(long long ms, char *out, size_t n)
{
    time_t secs = (time_t)(ms / 1000);
    struct tm tm;
    if (!localtime_r(&secs, &tm)) {
        snprintf(out, n, "?");
        return;
    }
    snprintf(out, n, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
             tm.tm_hour, tm.tm_min);
}

/* Version k's heading (where it was saved, when, whether shown) at x, y
 * in width w; the height used. */
static int side_head(cview *v, ui_app *app, size_t k, int x, int y, int w)
{
    const sync_side *d = &v->c.sides[k];
    char buf[512], t[64];
    int hs = ui_text_px(app, 28), ss = ui_text_px(app, 22), pad = ui_px(app, 12);
    size_t box = v->body.n;
    lay_rect(&v->body, x, y, w, 0, LAY_C_TABLE_HEAD_BG);
    int top = y;
    y += pad;
    snprintf(buf, sizeof buf, ui_msg(app, d->local ? MSG_CONFLICT_SIDE_HERE : MSG_CONFLICT_SIDE_FROM),
             (int)k + 1, d->db);
    y += lay_text(&v->body, &app->lay, buf, x + pad, y, w - 2 * pad, hs, DOC_S_BOLD, LAY_C_HEADING,
                  DOC_ALIGN_LEFT);
    when(d->updated, t, sizeof t);
    snprintf(buf, sizeof buf, ui_msg(app, MSG_CONFLICT_WHEN), t);
    if (d->shown) {
        size_t len = strlen(buf);
        snprintf(buf + len, sizeof buf - len, "・%s", ui_msg(app, MSG_CONFLICT_SHOWN));
    }
    y += lay_text(&v->body, &app->lay, buf, x + pad, y, w - 2 * pad, ss, 0, LAY_C_MUTED,
                  DOC_ALIGN_LEFT);
    y += pad;
    v->body.items[box].h = y - top;
    return y - top;
}

/* One value in a cell at x, y, w: marked when the row differs; the height. */
static int cell(cview *v, ui_app *app, const sync_row *r, size_t k, int x, int y, int w)
{
    int vs = ui_text_px(app, 26), pad = ui_px(app, 10), bar = ui_px(app, 8);
    size_t box = v->body.n;
    lay_rect(&v->body, x, y, w, 0, r->differ ? LAY_C_CODE_BG : LAY_C_QUOTE_BG);
    if (r->differ)
        lay_rect(&v->body, x, y, bar, 0, LAY_C_QUOTE_BAR);
    const char *val = r->values[k];
    bool empty = !val || !*val;
    int h = lay_text(&v->body, &app->lay, empty ? ui_msg(app, MSG_CONFLICT_EMPTY) : val,
                     x + bar + pad, y + pad, w - bar - 2 * pad, vs, 0,
                     empty ? LAY_C_MUTED : LAY_C_TEXT, DOC_ALIGN_LEFT);
    h += 2 * pad;
    v->body.items[box].h = h;
    if (r->differ)
        v->body.items[box + 1].h = h;
    return h;
}

/* A row's label ("分類（違いあり）" when it differs) at x, y, w. */
static int label(cview *v, ui_app *app, const sync_row *r, int x, int y, int w)
{
    char buf[256];
    const char *name = ui_msg(app, r->label);
    if (r->differ)
        snprintf(buf, sizeof buf, ui_msg(app, MSG_CONFLICT_DIFFERS), name);
    else
        snprintf(buf, sizeof buf, "%s", name);
    return lay_text(&v->body, &app->lay, buf, x, y, w, ui_text_px(app, 22), DOC_S_BOLD,
                    r->differ ? LAY_C_TEXT : LAY_C_MUTED, DOC_ALIGN_LEFT);
}

/* The i-th row shown, its label laid out at *y: those that differ first
 * (what staff decide on), then, under a heading of their own, the rest,
 * each group in the field table's order. */
static const sync_row *in_order(cview *v, ui_app *app, size_t i, int x, int *y, int w)
{
    size_t seen = 0;
    const sync_row *row = NULL;
    for (int pass = 0; pass < 2 && !row; pass++)
        for (size_t r = 0; r < v->c.nrows; r++)
            if (v->c.rows[r].differ == (pass == 0) && seen++ == i) {
                row = &v->c.rows[r];
                break;
            }
    if (!row->differ && i == v->c.ndiffer) {
        *y += ui_px(app, 16);
        *y += lay_text(&v->body, &app->lay, ui_msg(app, MSG_CONFLICT_SAME), x, *y, w,
                       ui_text_px(app, 26), DOC_S_BOLD, LAY_C_HEADING, DOC_ALIGN_LEFT);
        *y += ui_px(app, 8);
    }
    *y += label(v, app, row, x, *y, w) + ui_px(app, 4);
    return row;
}

static void cv_resize(void *p, ui_app *app)
{
    cview *v = p;
    app->dirty = true;
    lay_fini(&v->body);
    lay_init(&v->body);
    int m = ui_px(app, 24), gap = ui_px(app, 16), bh = staff_bar_h(app);
    v->list = (SDL_Rect){0, bh, app->w, app->h - bh};
    int w = app->w - 2 * m, x = m, y = ui_px(app, 16);
    char buf[512];
    if (v->found != 1) {
        v->body.height = y;
        v->max_scroll = 0;
        return;
    }
    size_t n = v->c.nsides;
    int colw = (w - (int)(n - 1) * gap) / (int)n;
    v->columns = colw >= 20 * ui_text_px(app, 26);
    snprintf(buf, sizeof buf, ui_msg(app, MSG_CONFLICT_INTRO), (int)n, (int)v->c.ndiffer);
    y += lay_text(&v->body, &app->lay, buf, x, y, w, ui_text_px(app, 26), 0, LAY_C_TEXT,
                  DOC_ALIGN_LEFT);
    y += gap;
    int kh = ui_tap_px(app, 84), rs = ui_px(app, 10);
    if (v->columns) {
        int hh = 0;
        for (size_t k = 0; k < n; k++)
            hh = MG_MAX(hh, side_head(v, app, k, x + (int)k * (colw + gap), y, colw));
        y += hh + gap;
        for (size_t i = 0; i < v->c.nrows; i++) {
            const sync_row *row = in_order(v, app, i, x, &y, w);
            int ch = 0;
            size_t first = v->body.n;
            for (size_t k = 0; k < n; k++)
                ch = MG_MAX(ch, cell(v, app, row, k, x + (int)k * (colw + gap), y, colw));
            /* The cells of a row as tall as its tallest: the rows line up. */
            for (size_t j = first; j < v->body.n; j++)
                if (v->body.items[j].kind == LAY_RECT && v->body.items[j].y == y)
                    v->body.items[j].h = ch;
            y += ch + rs;
        }
        y += gap;
        for (size_t k = 0; k < n; k++)
            v->keep[k] = (SDL_Rect){x + (int)k * (colw + gap), y, colw, kh};
        y += kh + m;
    } else {
        for (size_t k = 0; k < n; k++) {
            y += side_head(v, app, k, x, y, w) + gap;
            for (size_t i = 0; i < v->c.nrows; i++) {
                const sync_row *row = in_order(v, app, i, x, &y, w);
                y += cell(v, app, row, k, x, y, w) + rs;
            }
            y += gap;
            v->keep[k] = (SDL_Rect){x, y, w, kh};
            y += kh + 2 * m;
        }
    }
    v->body.height = y;
    v->max_scroll = y > v->list.h ? y - v->list.h : 0;
    if (v->scroll > v->max_scroll)
        v->scroll = v->max_scroll;
}

/* Side k's button on screen. */
static SDL_Rect keep_at(const cview *v, size_t k)
{
    SDL_Rect r = v->keep[k];
    r.y += v->list.y - v->scroll;
    return r;
}

static void resolve(cview *v, ui_app *app)
{
    char err[512] = "";
    store *db = staff_open_notes(app, err, sizeof err);
    const char *rev = v->c.sides[v->confirm].rev;
    v->confirm = -1;
    app->dirty = true;
    if (db && sync_resolve(db, v->id, rev, ui_wall_ms(app), err, sizeof err)) {
        ui_pop(app); /* the list shows it resolved */
        return;
    }
    fprintf(stderr, "madoguchi: %s\n", err);
    char why[600];
    if (db)
        snprintf(why, sizeof why, ui_msg(app, staff_db_why(db)), store_path(db));
    else
        snprintf(why, sizeof why, "%s", err);
    snprintf(v->status, sizeof v->status, ui_msg(app, MSG_CONFLICT_FAILED), why);
}

static void cv_action(void *p, ui_app *app, const ui_action *a)
{
    cview *v = p;
    if (v->confirm >= 0) { /* the question: only its two answers */
        if (a->kind == ACT_BACK || (a->kind == ACT_TAP && ui_hit(&v->no, a->x, a->y))) {
            v->confirm = -1;
            app->dirty = true;
        } else if ((a->kind == ACT_TAP && ui_hit(&v->yes, a->x, a->y)) || a->kind == ACT_SELECT) {
            resolve(v, app);
        }
        return;
    }
    switch (a->kind) {
    case ACT_BACK: ui_pop(app); return;
    case ACT_TAP:
        if (ui_hit(&v->back, a->x, a->y)) {
            ui_pop(app);
            return;
        }
        if (v->found != 1 || !ui_hit(&v->list, a->x, a->y))
            return;
        for (size_t k = 0; k < v->c.nsides; k++) {
            SDL_Rect r = keep_at(v, k);
            if (ui_hit(&r, a->x, a->y)) {
                v->confirm = (int)k;
                app->dirty = true;
                return;
            }
        }
        return;
    case ACT_SCROLL:
    case ACT_DRAG:
    case ACT_DOWN:
    case ACT_UP:
    case ACT_PAGE_DOWN:
    case ACT_PAGE_UP:
        v->scroll = ui_list_scroll(app, a, v->scroll, v->max_scroll, v->list.h);
        app->dirty = true;
        return;
    default: return;
    }
}

/* The question over the view: keep version k?  Its buttons in v->yes, v->no. */
static void draw_confirm(cview *v, ui_app *app)
{
    const ui_theme *t = &app->theme;
    int m = ui_px(app, 24), s = ui_text_px(app, 28), bh = ui_tap_px(app, 84);
    int w = MG_MIN(app->w - 2 * m, ui_px(app, 960));
    char buf[512];
    snprintf(buf, sizeof buf, ui_msg(app, MSG_CONFLICT_CONFIRM), v->confirm + 1);
    lay_result q;
    lay_init(&q);
    int th = lay_text(&q, &app->lay, buf, 0, 0, w - 2 * m, s, DOC_S_BOLD, LAY_C_TEXT,
                      DOC_ALIGN_LEFT);
    int h = m + th + m + bh + m;
    int x = (app->w - w) / 2, y = MG_MAX(0, (app->h - h) / 2);
    ui_fill(app, ui_color(PAL_OVERVIEW_BG), 0, 0, app->w, app->h);
    ui_fill(app, t->tile_bg, x, y, w, h);
    ui_frame(app, t->accent, x, y, w, h, ui_px(app, 4));
    ui_paint(app, &q, x + m, y + m, NULL);
    lay_fini(&q);
    int bw = (w - 3 * m) / 2;
    v->yes = ui_button(app, ui_msg(app, MSG_CONFLICT_CONFIRM_YES), x + m, y + m + th + m, bw, bh,
                       t->accent, t->accent_text, s);
    v->no = ui_button(app, ui_msg(app, MSG_CONFLICT_CANCEL), x + 2 * m + bw, y + m + th + m, bw,
                      bh, t->focus, t->text, s);
}

static void cv_draw(void *p, ui_app *app)
{
    cview *v = p;
    const ui_theme *t = &app->theme;
    staff_draw_bar(app, ui_msg(app, MSG_CONFLICT_TITLE), &v->back, ui_msg(app, MSG_BACK));
    int m = ui_px(app, 24);
    if (v->status[0] && v->found != 1) { /* no longer in conflict, or unreadable: said */
        lay_result e;
        lay_init(&e);
        int eh = lay_text(&e, &app->lay, v->status, 0, 0, app->w - 3 * m, ui_text_px(app, 26),
                          DOC_S_BOLD, LAY_C_TEXT, DOC_ALIGN_LEFT);
        ui_fill(app, ui_color(PAL_ERROR), m, v->list.y + m, ui_px(app, 8), eh);
        ui_paint(app, &e, 2 * m, v->list.y + m, NULL);
        lay_fini(&e);
        return;
    }
    SDL_Color colors[LAY_C_COUNT];
    memcpy(colors, t->lay, sizeof colors);
    colors[LAY_C_CODE_BG] = ui_color(PAL_HIGHLIGHT); /* what differs */
    colors[LAY_C_QUOTE_BG] = t->tile_bg;
    colors[LAY_C_QUOTE_BAR] = ui_color(PAL_ERROR);
    ui_paint_colors(app, &v->body, 0, v->list.y - v->scroll, &v->list, colors);
    SDL_RenderSetClipRect(app->ren, &v->list);
    for (size_t k = 0; k < v->c.nsides; k++) {
        SDL_Rect r = keep_at(v, k);
        if (r.y + r.h >= v->list.y && r.y <= v->list.y + v->list.h)
            ui_button(app, ui_msg(app, MSG_CONFLICT_KEEP), r.x, r.y, r.w, r.h, t->accent,
                      t->accent_text, ui_text_px(app, 30));
    }
    SDL_RenderSetClipRect(app->ren, NULL);
    if (v->status[0]) { /* the resolve failed: a banner across the bottom */
        lay_result e;
        lay_init(&e);
        int eh = lay_text(&e, &app->lay, v->status, 0, 0, app->w - 2 * m, ui_text_px(app, 26),
                          DOC_S_BOLD, LAY_C_TEXT, DOC_ALIGN_LEFT);
        SDL_Color white[LAY_C_COUNT];
        for (int i = 0; i < LAY_C_COUNT; i++)
            white[i] = ui_color(PAL_WHITE);
        ui_fill(app, ui_color(PAL_ERROR), 0, app->h - eh - m, app->w, eh + m);
        ui_paint_colors(app, &e, m, app->h - eh - m / 2, NULL, white);
        lay_fini(&e);
    }
    if (v->confirm >= 0)
        draw_confirm(v, app);
}

bool conflict_view_state(const ui_app *app, conflict_view_info *out)
{
    if (ui_top(app) != &conflict_view)
        return false;
    const cview *v = ui_top_view(app);
    memset(out, 0, sizeof *out);
    out->found = v->found;
    out->sides = (int)v->c.nsides;
    out->differ = (int)v->c.ndiffer;
    out->columns = v->columns;
    out->confirm = v->confirm;
    out->yes = v->yes;
    out->no = v->no;
    out->status = v->status;
    out->scroll = v->scroll;
    out->max_scroll = v->max_scroll;
    out->list = v->list;
    for (size_t k = 0; k < v->c.nsides && k < MG_ARRAY_LEN(out->keep); k++) {
        out->keep[k] = keep_at(v, k);
        out->rev[k] = v->c.sides[k].rev;
    }
    return true;
}

const ui_view_ops conflict_view = {
    .name = "conflict",
    .open = cv_open,
    .close = cv_close,
    .resize = cv_resize,
    .action = cv_action,
    .draw = cv_draw,
};
