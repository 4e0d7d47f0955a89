/*
 * noteslist.c - the list of consultation notes (staff mode only): filters
 * by category and follow-up, a search box (FTS5 in the database), and the
 * way to a note in the editor or to a new one.  Back locks staff mode.
 * The bar also holds USBに書き出す (usbexport.c) and 終了: staff close the
 * kiosk here, behind the PIN, with a second press within 3 s.  Notes in
 * conflict (two versions from a merge, core/sync) carry a 競合 badge, their
 * count stands above the list, and one opens in the conflict view
 * (conflictview.c) instead of the editor.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/sync.h"
#include "staff.h"
#include "textfield.h"

typedef struct nlist {
    note *v;
    size_t n;
    int filter;    /* -1 all, 0..6 a category, 7 follow-up */
    tf query;
    SDL_Rect back, add, usb, quit, chips[9], box, list;
    SDL_Rect banner; /* the armed 終了's banner, over the chips: it takes their taps */
    Uint32 quit_at; /* when 終了 was pressed once (0: not armed) */
    int row_h, scroll, max_scroll;
    int *shown; /* indexes of the notes that pass the filter */
    size_t nshown;
    bool *conflicted; /* per note in v: in conflict */
    int nconflicts;   /* in the whole database */
    int conflict_h;   /* the count's line above the list (0: none) */
    char err[256];
} nlist;

static int by_id(const void *a, const void *b)
{
    return strncmp(*(char *const *)a, *(char *const *)b, 36);
}

/* Which of the listed notes are in conflict (sync_conflicts: sorted by
 * id, each "ID\tREV REV..."). */
static void mark_conflicts(nlist *l, store *db)
{
    free(l->conflicted);
    l->conflicted = xcalloc(l->n + 1, sizeof *l->conflicted);
    l->nconflicts = 0;
    char **ids = NULL, err[512];
    size_t n = 0;
    if (!db || !sync_conflicts(db, &ids, &n, err, sizeof err)) {
        if (db)
            fprintf(stderr, "madoguchi: %s\n", err);
        return;
    }
    l->nconflicts = (int)n;
    for (size_t i = 0; i < l->n && n; i++) {
        const char *key = l->v[i].id;
        l->conflicted[i] = bsearch(&key, ids, n, sizeof *ids, by_id) != NULL;
    }
    strv_free(ids, n);
}

static void nl_refresh(nlist *l, ui_app *app)
{
    notes_free(l->v, l->n);
    l->v = NULL;
    l->n = 0;
    store *db = staff_open_notes(app, l->err, sizeof l->err);
    notes_query q = {.words = tf_text(&l->query),
                     .category = l->filter >= 0 && l->filter < 7 ? rec_categories[l->filter].code
                                                                 : NULL,
                     .followup = l->filter == 7,
                     .max = 100000};
    if (db) /* search (FTS5) and filters run in the database; a failed read says so */
        notes_search(db, &q, &l->v, &l->n, l->err, sizeof l->err);
    free(l->shown);
    l->shown = xcalloc(l->n + 1, sizeof(int));
    l->nshown = 0;
    for (size_t i = 0; i < l->n; i++)
        l->shown[l->nshown++] = (int)i;
    mark_conflicts(l, db);
    app->dirty = true;
}

static void *nl_open(ui_app *app, const ui_args *args)
{
    (void)args;
    if (!app->staff)
        return NULL; /* never without the PIN */
    nlist *l = xcalloc(1, sizeof *l);
    l->filter = -1;
    tf_init(&l->query, "", false);
    nl_refresh(l, app);
    return l;
}

static void nl_close(void *v)
{
    nlist *l = v;
    if (!l)
        return;
    notes_free(l->v, l->n);
    free(l->shown);
    free(l->conflicted);
    tf_fini(&l->query);
    free(l);
}

static void nl_resize(void *v, ui_app *app)
{
    nlist *l = v;
    nl_refresh(l, app); /* back from the editor: show what it saved */
}

static void nl_action(void *v, ui_app *app, const ui_action *a)
{
    nlist *l = v;
    switch (a->kind) {
    case ACT_BACK: staff_lock(app); return;
    case ACT_TEXT:
    case ACT_COMPOSE:
    case ACT_ERASE:
    case ACT_PASTE:
        if (tf_action(&l->query, a, &app->clipboard))
            nl_refresh(l, app);
        app->dirty = true;
        return;
    case ACT_SCROLL:
    case ACT_DRAG: {
        int dy = a->kind == ACT_SCROLL ? a->dy * ui_px(app, 80) : -a->dy;
        int s = l->scroll + dy;
        l->scroll = s < 0 ? 0 : s > l->max_scroll ? l->max_scroll : s;
        app->dirty = true;
        return;
    }
    case ACT_TAP:
        if (ui_hit(&l->back, a->x, a->y)) {
            staff_lock(app);
            return;
        }
        if (ui_hit(&l->add, a->x, a->y)) {
            ui_push(app, &editor_view, NOTE_ID(NULL));
            return;
        }
        if (ui_hit(&l->usb, a->x, a->y)) {
            ui_push(app, &usb_view, NULL);
            return;
        }
        if (ui_hit(&l->quit, a->x, a->y)) {
            Uint32 now = ui_ticks(app);
            if (l->quit_at && now - l->quit_at <= 3000) {
                app->quit = true; /* ui_fini saves what the editor holds */
                app->quit_by_staff = true;
            } else {
                l->quit_at = now ? now : 1;
            }
            app->dirty = true;
            return;
        }
        if (l->quit_at && ui_hit(&l->banner, a->x, a->y))
            return; /* the banner is on top: what it hides takes no tap */
        for (int i = 0; i < 9; i++)
            if (ui_hit(&l->chips[i], a->x, a->y)) {
                l->filter = i - 1;
                nl_refresh(l, app);
                return;
            }
        if (ui_hit(&l->list, a->x, a->y) && l->row_h) {
            int r = (a->y - l->list.y + l->scroll) / l->row_h;
            if (r >= 0 && (size_t)r < l->nshown) {
                int i = l->shown[r];
                ui_push(app, l->conflicted[i] ? &conflict_view : &editor_view,
                        NOTE_ID(l->v[i].id));
            }
        }
        return;
    default: return;
    }
}

static const char *cat_label(ui_app *app, const char *code)
{
    msg_id m = rec_category_label(code);
    return m != MSG_COUNT ? ui_msg(app, m) : code ? code : "";
}

static void nl_draw(void *v, ui_app *app)
{
    nlist *l = v;
    const ui_theme *t = &app->theme;
    staff_draw_bar(app, ui_msg(app, MSG_NOTES_TITLE), &l->back, ui_msg(app, MSG_NOTES_LOCK));
    int m = ui_px(app, 16), bh = staff_bar_h(app);
    int bw = ui_px(app, 260);
    l->add = ui_button(app, ui_msg(app, MSG_NOTES_NEW), app->w - bw - m, m, bw, bh - 2 * m,
                       t->focus, t->text, ui_px(app, 28));
    l->usb = ui_button(app, ui_msg(app, MSG_USB_BUTTON), l->add.x - bw - m, m, bw, bh - 2 * m,
                       t->focus, t->text, ui_px(app, 28));
    int qw = ui_px(app, 140);
    l->quit = ui_button(app, ui_msg(app, MSG_NOTES_QUIT), l->usb.x - qw - m, m, qw, bh - 2 * m,
                        l->quit_at ? ui_color(PAL_ERROR) : t->tile_bg,
                        l->quit_at ? ui_color(PAL_WHITE) : t->text, ui_px(app, 28));
    /* Filters: all, the seven categories, follow-up. */
    int x = m, y = bh + m, ch = ui_tap_px(app, 48), cs = ui_text_px(app, 20);
    for (int i = 0; i < 9; i++) {
        const char *lab = i == 0 ? ui_msg(app, MSG_NOTES_ALL)
                          : i == 8 ? ui_msg(app, MSG_NOTES_FOLLOWUP)
                                   : ui_msg(app, rec_categories[i - 1].label);
        int w = txt_width(app->txt, lab, strlen(lab), cs, 0) + ui_px(app, 24);
        if (x + w > app->w - m) {
            x = m;
            y += ch + m / 2;
        }
        bool on = l->filter == i - 1;
        l->chips[i] = ui_button(app, lab, x, y, w, ch, on ? t->accent : t->tile_bg,
                                on ? t->accent_text : t->accent, cs);
        x += w + m / 2;
    }
    y += ch + m;
    l->box = (SDL_Rect){m, y, app->w - 2 * m, ui_tap_px(app, 56)};
    ui_fill(app, t->tile_bg, l->box.x, l->box.y, l->box.w, l->box.h);
    ui_frame(app, t->tile_border, l->box.x, l->box.y, l->box.w, l->box.h, 1);
    tf_draw(&l->query, app,
            (SDL_Rect){l->box.x + m, l->box.y + ui_px(app, 8), l->box.w - 2 * m, l->box.h}, ui_px(app, 28),
            true);
    y += l->box.h + m;
    l->conflict_h = 0;
    if (l->nconflicts) { /* how many wait for staff, above the list */
        char buf[256];
        snprintf(buf, sizeof buf, ui_msg(app, MSG_CONFLICT_COUNT), l->nconflicts);
        int ks = ui_text_px(app, 24);
        strbuf cut;
        strbuf_init(&cut);
        const char *shown = ui_fit(app, buf, ks, DOC_S_BOLD, app->w - 4 * m, &cut);
        l->conflict_h = txt_height(app->txt, ks) + m;
        ui_fill(app, ui_color(PAL_ERROR), m, y, app->w - 2 * m, l->conflict_h);
        txt_draw(app->txt, shown, strlen(shown), ks, DOC_S_BOLD, ui_color(PAL_WHITE), 2 * m,
                 y + m / 2);
        strbuf_fini(&cut);
        y += l->conflict_h + m / 2;
    }
    l->list = (SDL_Rect){m, y, app->w - 2 * m, app->h - y};
    l->row_h = MG_MAX(ui_tap_px(app, 76), txt_height(app->txt, ui_text_px(app, 20)) + txt_height(app->txt, ui_text_px(app, 26)) + ui_px(app, 12));
    l->max_scroll = (int)l->nshown * l->row_h > l->list.h ? (int)l->nshown * l->row_h - l->list.h : 0;
    SDL_RenderSetClipRect(app->ren, &l->list);
    if (l->nshown == 0) {
        const char *e = l->err[0] ? l->err : ui_msg(app, MSG_NOTES_EMPTY);
        txt_draw(app->txt, e, strlen(e), ui_text_px(app, 26), 0, t->muted, m, y + m);
    }
    for (size_t r = 0; r < l->nshown; r++) {
        const note *n = &l->v[l->shown[r]];
        int ry = l->list.y + (int)r * l->row_h - l->scroll;
        if (ry + l->row_h < l->list.y || ry > l->list.y + l->list.h)
            continue;
        ui_fill(app, t->tile_bg, l->list.x, ry, l->list.w, l->row_h - 4);
        ui_frame(app, t->tile_border, l->list.x, ry, l->list.w, l->row_h - 4, 1);
        time_t secs = (time_t)(n->updated / 1000);
        struct tm tm;
        localtime_r(&secs, &tm);
        strbuf hb;
        strbuf_init(&hb);
        strbuf_printf(&hb, "%04d-%02d-%02d %02d:%02d  %s  %s%s", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, cat_label(app, n->category),
                 n->company ? n->company : "", n->followup ? "  ●" : "");
        /* Whole, on one line: ui_fit ends it between characters. */
        char *q = xstrdup(n->question ? n->question : "");
        for (char *c = q; *c; c++)
            if (*c == '\n')
                *c = ' ';
        int s1 = ui_text_px(app, 20), s2 = ui_text_px(app, 26);
        int room = l->list.w - 2 * m;
        if (l->conflicted[l->shown[r]]) { /* the badge, at the row's right */
            const char *b = ui_msg(app, MSG_CONFLICT_BADGE);
            int bs = ui_text_px(app, 22);
            int badge_w = txt_width(app->txt, b, strlen(b), bs, DOC_S_BOLD) + m;
            int bhh = txt_height(app->txt, bs) + m / 2;
            int bx = l->list.x + l->list.w - badge_w - m, by = ry + (l->row_h - 4 - bhh) / 2;
            ui_fill(app, ui_color(PAL_ERROR), bx, by, badge_w, bhh);
            txt_draw(app->txt, b, strlen(b), bs, DOC_S_BOLD, ui_color(PAL_WHITE), bx + m / 2,
                     by + m / 4);
            txt_log_box(app->txt, b, bx, by, badge_w, bhh);
            room -= badge_w + m;
        }
        strbuf cut;
        strbuf_init(&cut);
        const char *h1 = ui_fit(app, hb.s, s1, 0, room, &cut);
        txt_draw(app->txt, h1, strlen(h1), s1, 0, t->muted, l->list.x + m, ry + ui_px(app, 6));
        strbuf_clear(&cut);
        const char *q1 = ui_fit(app, q, s2, DOC_S_BOLD, room, &cut);
        txt_draw(app->txt, q1, strlen(q1), s2, DOC_S_BOLD, t->text, l->list.x + m,
                 ry + ui_px(app, 6) + txt_height(app->txt, s1));
        strbuf_fini(&cut);
        strbuf_fini(&hb);
        free(q);
    }
    SDL_RenderSetClipRect(app->ren, NULL);
    l->banner = (SDL_Rect){0};
    if (l->quit_at) { /* armed: say what the second press does */
        const char *q = ui_msg(app, MSG_NOTES_QUIT_AGAIN);
        int qs = ui_text_px(app, 26), qh = txt_height(app->txt, qs) + 2 * m;
        l->banner = (SDL_Rect){0, bh, app->w, qh};
        ui_fill(app, ui_color(PAL_ERROR), 0, bh, app->w, qh);
        txt_draw(app->txt, q, strlen(q), qs, DOC_S_BOLD, ui_color(PAL_WHITE), m, bh + m);
    }
}

/* 終了 pressed once stays armed for 3 s: then the banner goes. */
static int nl_timeout(void *v, ui_app *app)
{
    nlist *l = v;
    if (!l->quit_at)
        return -1;
    Uint32 gone = ui_ticks(app) - l->quit_at;
    return gone > 3000 ? 0 : (int)(3001 - gone);
}

static void nl_update(void *v, ui_app *app, Uint32 now)
{
    nlist *l = v;
    if (l->quit_at && now - l->quit_at > 3000) {
        l->quit_at = 0;
        app->dirty = true;
    }
}

bool staff_list_state(const ui_app *app, staff_list_info *out)
{
    if (ui_top(app) != &staff_view)
        return false;
    const nlist *l = ui_top_view(app);
    *out = (staff_list_info){.usb = l->usb, .quit = l->quit, .quit_armed = l->quit_at != 0,
                             .banner = l->banner, .filter = l->filter,
                             .conflicts = l->nconflicts, .shown = (int)l->nshown};
    for (size_t r = 0; r < l->nshown; r++) {
        int ry = l->list.y + (int)r * l->row_h - l->scroll;
        if (l->conflicted[l->shown[r]] && ry >= l->list.y && ry + l->row_h <= l->list.y + l->list.h) {
            out->first_conflict = (SDL_Rect){l->list.x, ry, l->list.w, l->row_h - 4};
            break;
        }
    }
    return true;
}

const ui_view_ops staff_view = {
    .name = "notes",
    .open = nl_open,
    .close = nl_close,
    .resize = nl_resize,
    .action = nl_action,
    .draw = nl_draw,
    .timeout = nl_timeout,
    .update = nl_update,
    .wants_text = ui_wants_text_always, /* the list's search box */
};
