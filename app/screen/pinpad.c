/*
 * pinpad.c - the staff PIN pad: the way into staff mode.  It checks the
 * PIN, with a wait after wrong tries and a lock after many (core/pin); the
 * count and the lock are read from the notes database before each try and
 * written back after it, so closing the pad or restarting lifts nothing.
 *
 * With no PIN stored yet: in kiosk mode the pad does not open at all (a
 * visitor must never choose the PIN; the log says how staff set one); in
 * a window on the staff's own machine it sets a new PIN, entered twice.
 * The PIN also opens the notes' key (encryption at rest, store.h): the
 * first PIN encrypts the store, a right one unlocks it until staff mode
 * locks again (staff_lock wipes the key).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "../core/pin.h"
#include "staff.h"

typedef struct pad {
    char entry[16];
    char first[16]; /* setting a new PIN: the first entry */
    bool setting;
    msg_id status;
    char err[256];
    bool no_guard; /* the lock could not be read: every try refused */
    SDL_Rect keys[12], back;
} pad;

/* The lock is kept across restarts: wall-clock time. */
static long long now_ms(ui_app *app)
{
    return (long long)ui_wall_ms(app);
}

/* The PIN was right: the notes list, and on it the note the disk refused
 * before the lock, if any, so it is in front of the staff again. */
static void staff_enter(ui_app *app)
{
    app->staff = true;
    ui_pop(app);
    ui_push(app, &staff_view, NULL);
    if (editor_has_kept(app))
        ui_push(app, &editor_view, NULL);
}

static void *pad_open(ui_app *app, const ui_args *args)
{
    (void)args;
    pad *p = xcalloc(1, sizeof *p);
    store *db = staff_open_notes(app, p->err, sizeof p->err);
    int set = db ? pin_is_set(db, p->err, sizeof p->err) : -1;
    if (set == 0 && app->kiosk) {
        fprintf(stderr, "madoguchi: %s\n", msg_get(app->lang, MSG_LOG_NO_PIN));
        free(p);
        return NULL;
    }
    if (db && !pin_guard_load(db, &app->pin_guard, p->err, sizeof p->err))
        p->no_guard = true;
    p->setting = set == 0; /* a PIN that could not be read is never offered anew */
    p->status = p->setting ? MSG_PIN_NEW : MSG_PIN_TITLE;
    return p;
}

static void pad_close(void *v)
{
    pad *p = v;
    if (p)
        sodium_memzero(p, sizeof *p);
    free(p);
}

static void pad_resize(void *v, ui_app *app)
{
    pad *p = v;
    int kw = ui_px(app, 150), kh = ui_px(app, 84), gap = ui_px(app, 12);
    int x0 = (app->w - 3 * kw - 2 * gap) / 2, y0 = staff_bar_h(app) + ui_px(app, 170);
    if (y0 + 4 * kh + 3 * gap > app->h) { /* a small screen: smaller keys */
        kh = (app->h - y0 - 3 * gap - gap) / 4;
    }
    for (int i = 0; i < 12; i++)
        p->keys[i] = (SDL_Rect){x0 + (i % 3) * (kw + gap), y0 + (i / 3) * (kh + gap), kw, kh};
    app->dirty = true;
}

static void pad_submit(pad *p, ui_app *app)
{
    char err[256];
    store *db = staff_open_notes(app, err, sizeof err);
    if (!db)
        return;
    long long now = now_ms(app);
    if (p->setting) {
        if (!pin_valid(p->entry)) {
            p->status = MSG_PIN_INVALID;
        } else if (!p->first[0]) {
            snprintf(p->first, sizeof p->first, "%s", p->entry);
            p->status = MSG_PIN_AGAIN;
        } else if (strcmp(p->first, p->entry) != 0) {
            p->first[0] = '\0';
            p->status = MSG_PIN_MISMATCH;
        } else {
            if (pin_set(db, p->entry, err, sizeof err)) {
                staff_enter(app);
                return;
            }
        }
    } else if (!(p->no_guard = !pin_guard_load(db, &app->pin_guard, p->err, sizeof p->err)) &&
               pin_wait(&app->pin_guard, now) == 0) {
        p->err[0] = '\0';
        int got = pin_verify(db, p->entry, p->err, sizeof p->err);
        bool ok = got > 0;
        if (got >= 0) { /* a failed read is said (p->err), not counted as a wrong PIN */
            pin_record(&app->pin_guard, ok, now);
            /* Kept before anything else: a restart right now still waits. */
            if (!pin_guard_save(db, &app->pin_guard, err, sizeof err))
                fprintf(stderr, "madoguchi: %s\n", err);
        }
        /* The same PIN opens the notes' key.  A store whose PIN came before
         * encryption at rest is encrypted now (pin_set, the same PIN); when
         * that fails (a full disk) it stays as it was, in clear, until the
         * next time: staff are not kept out of their notes by it. */
        if (ok && !store_encrypted(db) && !pin_set(db, p->entry, err, sizeof err))
            fprintf(stderr, "madoguchi: %s\n", err);
        else if (ok && store_encrypted(db))
            ok = store_unlock(db, p->entry, p->err, sizeof p->err);
        if (ok) {
            staff_enter(app);
            return;
        }
    }
    sodium_memzero(p->entry, sizeof p->entry);
    app->dirty = true;
}

static void pad_key(pad *p, ui_app *app, int k)
{
    size_t n = strlen(p->entry);
    if (k == 9) { /* delete */
        if (n)
            p->entry[n - 1] = '\0';
    } else if (k == 11) {
        pad_submit(p, app);
        return;
    } else if (n < PIN_MAX_DIGITS) {
        p->entry[n] = (char)('0' + (k == 10 ? 0 : k + 1));
        p->entry[n + 1] = '\0';
    }
    app->dirty = true;
}

static void pad_action(void *v, ui_app *app, const ui_action *a)
{
    pad *p = v;
    switch (a->kind) {
    case ACT_BACK: ui_pop(app); return;
    case ACT_DIGIT: pad_key(p, app, a->x == 0 ? 10 : a->x - 1); break;
    case ACT_ERASE: pad_key(p, app, 9); break;
    case ACT_SELECT: pad_key(p, app, 11); break;
    case ACT_TAP:
        if (ui_hit(&p->back, a->x, a->y)) {
            ui_pop(app);
            return;
        }
        for (int i = 0; i < 12; i++)
            if (ui_hit(&p->keys[i], a->x, a->y))
                pad_key(p, app, i);
        break;
    default: break;
    }
}

static void pad_draw(void *v, ui_app *app)
{
    pad *p = v;
    const ui_theme *t = &app->theme;
    staff_draw_bar(app, ui_msg(app, MSG_PIN_TITLE), &p->back, ui_msg(app, MSG_BACK));
    char line[256];
    long long wait = pin_wait(&app->pin_guard, now_ms(app));
    if (p->err[0])
        snprintf(line, sizeof line, ui_msg(app, MSG_ERR_NOTES_DB), p->err);
    else if (!p->setting && wait > 0)
        snprintf(line, sizeof line,
                 ui_msg(app, app->pin_guard.locked ? MSG_PIN_LOCKED : MSG_PIN_WRONG),
                 (int)((wait + 999) / 1000));
    else
        snprintf(line, sizeof line, "%s", ui_msg(app, p->status));
    int s = ui_px(app, 30);
    int w = txt_width(app->txt, line, strlen(line), s, DOC_S_BOLD);
    txt_draw(app->txt, line, strlen(line), s, DOC_S_BOLD, wait > 0 ? ui_color(PAL_ERROR) : t->text,
             (app->w - w) / 2, staff_bar_h(app) + ui_px(app, 30));
    /* The PIN as dots, never as digits. */
    size_t n = strlen(p->entry);
    int d = ui_px(app, 24), gap = ui_px(app, 14), total = (int)n * (d + gap);
    for (size_t i = 0; i < n; i++)
        ui_fill(app, t->text, (app->w - total) / 2 + (int)i * (d + gap), staff_bar_h(app) + ui_px(app, 100),
                d, d);
    static const char *const labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", NULL, "0", NULL};
    for (int i = 0; i < 12; i++) {
        const char *l = labels[i] ? labels[i] : ui_msg(app, i == 9 ? MSG_PIN_DEL : MSG_PIN_OK);
        ui_button(app, l, p->keys[i].x, p->keys[i].y, p->keys[i].w, p->keys[i].h,
                  i == 11 ? t->accent : t->tile_bg, i == 11 ? t->accent_text : t->text,
                  ui_px(app, i == 9 || i == 11 ? 28 : 40));
        if (i != 11)
            ui_frame(app, t->tile_border, p->keys[i].x, p->keys[i].y, p->keys[i].w, p->keys[i].h, 1);
    }
}

static int pad_timeout(void *v, ui_app *app)
{
    (void)v;
    long long wait = pin_wait(&app->pin_guard, now_ms(app));
    return wait > 0 ? (int)(wait % 1000 + 1) : -1; /* the countdown, each second */
}

const ui_view_ops pin_view = {
    .name = "pin",
    .open = pad_open,
    .close = pad_close,
    .resize = pad_resize,
    .action = pad_action,
    .draw = pad_draw,
    .timeout = pad_timeout,
};
