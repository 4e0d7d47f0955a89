/*
 * usbexport.c - USBに書き出す (staff mode only): the removable drives
 * mounted now (core/system), one button each; a tap writes the sealed
 * export of what changed since the last one (core/sync, sealed to the
 * enrolled office key) atomically to that drive, reads it back from the
 * drive and checks it, and says how many notes went out and where.  A
 * full or write-protected stick, a file that does not read back intact, a
 * kiosk with no office key: each is said in the view, and nothing partly
 * written stays on the stick (sync_export_file).  After a verified export
 * staff may clear the exported notes from the kiosk (a button).  The bar
 * holds 事務局の鍵を登録 (staffkey.c): the key from a file on the stick.
 *
 * The export runs on the main thread: a kiosk's few hundred notes seal in
 * milliseconds (tests/bench: 10,000 in well under a second), and the view
 * is back as soon as the stick has the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/seal.h"
#include "../core/sync.h"
#include "../core/system.h"
#include "staff.h"
#include "textfield.h"

#define USB_DRIVES 6

typedef struct usbv {
    char drives[USB_DRIVES][SYS_PATH];
    int ndrives;
    SDL_Rect back, rescan, purge, enrol, drive[USB_DRIVES];
    tf status;       /* what the last action did (wrapped) */
    bool failed;     /* the status is a failure */
    bool exported;   /* a verified export in this view: the purge button */
    usb_info info;   /* for tests (usb_state) */
} usbv;

static void set_status(usbv *v, ui_app *app, bool failed, const char *text)
{
    tf_fini(&v->status);
    tf_init(&v->status, text, true);
    v->failed = failed;
    app->dirty = true;
}

static void scan(usbv *v, ui_app *app)
{
    v->ndrives = sys_drives(v->drives, USB_DRIVES);
    v->info.drives = v->ndrives;
    set_status(v, app, false, ui_msg(app, v->ndrives ? MSG_USB_CHOOSE : MSG_USB_NONE));
}

static void *usb_open(ui_app *app, const ui_args *args)
{
    (void)args;
    if (!app->staff)
        return NULL; /* never without the PIN */
    usbv *v = xcalloc(1, sizeof *v);
    tf_init(&v->status, "", true);
    v->info.result = -1;
    scan(v, app);
    return v;
}

static void usb_close(void *p)
{
    usbv *v = p;
    if (!v)
        return;
    tf_fini(&v->status);
    free(v);
}

static void usb_resize(void *p, ui_app *app)
{
    (void)p;
    app->dirty = true;
}

/* The office key this kiosk seals to (kiosk enrol); false when none. */
static bool office_key(store *db, unsigned char pk[SEAL_PK_BYTES], char *err, size_t n)
{
    char *text = NULL;
    int got = store_setting(db, SEAL_SETTING_PUBLIC, &text, err, n);
    bool ok = got == 1 && seal_key_parse(text, pk) == SEAL_OK;
    free(text);
    return ok;
}

static void export_to(usbv *v, ui_app *app, const char *drive)
{
    char err[1024] = "", buf[8192];
    unsigned char pk[SEAL_PK_BYTES];
    store *db = staff_open_notes(app, err, sizeof err);
    if (!db) { /* store_open_lang's message is in the app's language */
        snprintf(buf, sizeof buf, ui_msg(app, MSG_USB_FAILED), err);
        set_status(v, app, true, buf);
        return;
    }
    if (!office_key(db, pk, err, sizeof err)) {
        set_status(v, app, true, ui_msg(app, MSG_USB_NO_KEY));
        return;
    }
    sync_written w;
    sync_write r = sync_export_file(db, pk, false, drive, NULL, ui_wall_ms(app), &w, err,
                                    sizeof err);
    v->info.result = (int)r;
    v->info.notes = w.notes;
    snprintf(v->info.path, sizeof v->info.path, "%s", r == SYNC_W_OK ? w.path : "");
    if (r == SYNC_W_OK) {
        snprintf(buf, sizeof buf, ui_msg(app, MSG_USB_DONE), (int)w.notes, w.path);
    } else if (r == SYNC_W_NOTHING) {
        snprintf(buf, sizeof buf, "%s", ui_msg(app, MSG_USB_NOTHING));
    } else {
        /* What went wrong from the message table (the English detail in
         * err goes to the log, never on screen). */
        fprintf(stderr, "madoguchi: %s\n", err);
        char why[4200];
        snprintf(why, sizeof why, ui_msg(app, w.why != MSG_COUNT ? w.why : MSG_USB_DB_OTHER),
                 w.why_arg);
        if (r == SYNC_W_FULL || r == SYNC_W_READ_ONLY || r == SYNC_W_VERIFY)
            snprintf(buf, sizeof buf, "%s", why);
        else
            snprintf(buf, sizeof buf, ui_msg(app, MSG_USB_FAILED), why);
    }
    if (r == SYNC_W_OK) {
        v->exported = true;
        /* The kiosk's purge-after setting, as after the command line's export. */
        int days;
        size_t n = 0;
        if (!sync_purge_due(db, ui_wall_ms(app), &days, &n, err, sizeof err)) {
            fprintf(stderr, "madoguchi: %s\n", err);
        } else if (n) {
            size_t len = strlen(buf);
            snprintf(buf + len, sizeof buf - len, "\n");
            len = strlen(buf);
            snprintf(buf + len, sizeof buf - len, ui_msg(app, MSG_USB_PURGED), (int)n);
            v->info.purged = n;
        }
    }
    set_status(v, app, r != SYNC_W_OK && r != SYNC_W_NOTHING, buf);
}

static void purge(usbv *v, ui_app *app)
{
    char err[512], buf[1400];
    size_t n = 0;
    store *db = staff_open_notes(app, err, sizeof err);
    if (!db) {
        snprintf(buf, sizeof buf, ui_msg(app, MSG_USB_FAILED), err);
        set_status(v, app, true, buf);
        return;
    }
    if (!sync_purge_exported(db, 0, &n, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        char why[600];
        snprintf(why, sizeof why, ui_msg(app, staff_db_why(db)), store_path(db));
        snprintf(buf, sizeof buf, ui_msg(app, MSG_USB_FAILED), why);
        set_status(v, app, true, buf);
        return;
    }
    v->info.purged = n;
    snprintf(buf, sizeof buf, ui_msg(app, MSG_USB_PURGED), (int)n);
    set_status(v, app, false, buf);
    v->exported = false;
}

static void usb_action(void *p, ui_app *app, const ui_action *a)
{
    usbv *v = p;
    if (a->kind == ACT_BACK) {
        ui_pop(app);
        return;
    }
    if (a->kind != ACT_TAP)
        return;
    if (ui_hit(&v->back, a->x, a->y)) {
        ui_pop(app);
        return;
    }
    if (ui_hit(&v->rescan, a->x, a->y)) {
        scan(v, app);
        return;
    }
    if (ui_hit(&v->enrol, a->x, a->y)) {
        ui_push(app, &enrol_view, NULL);
        return;
    }
    if (v->exported && ui_hit(&v->purge, a->x, a->y)) {
        purge(v, app);
        return;
    }
    for (int i = 0; i < v->ndrives; i++)
        if (ui_hit(&v->drive[i], a->x, a->y)) {
            export_to(v, app, v->drives[i]);
            return;
        }
}

static void usb_draw(void *p, ui_app *app)
{
    usbv *v = p;
    const ui_theme *t = &app->theme;
    staff_draw_bar(app, ui_msg(app, MSG_USB_TITLE), &v->back, ui_msg(app, MSG_BACK));
    int m = ui_px(app, 16), s = ui_px(app, 28), h = ui_px(app, 80);
    /* 事務局の鍵を登録, at the bar's right: before the first export. */
    int ew = ui_px(app, 300), bar = staff_bar_h(app);
    v->enrol = ui_button(app, ui_msg(app, MSG_ENROL_BUTTON), app->w - ew - m, m, ew, bar - 2 * m,
                         t->focus, t->text, s);
    int x = ui_px(app, 60), y = staff_bar_h(app) + ui_px(app, 32);
    int w = app->w - 2 * x;
    /* What happened last, with a bar in the error colour when it failed. */
    int th = tf_measure(&v->status, app, w - m, s);
    ui_fill(app, v->failed ? ui_color(PAL_ERROR) : t->accent, x, y, ui_px(app, 6), th);
    tf_draw(&v->status, app, (SDL_Rect){x + m, y, w - m, th}, s, false);
    y += th + ui_px(app, 32);
    int bw = MG_MIN(w, ui_px(app, 640));
    char buf[SYS_PATH + 64];
    for (int i = 0; i < v->ndrives; i++) {
        const char *label = strrchr(v->drives[i], '/') ? strrchr(v->drives[i], '/') + 1 : v->drives[i];
        snprintf(buf, sizeof buf, ui_msg(app, MSG_USB_TO), label);
        v->drive[i] = ui_button(app, buf, x, y, bw, h, t->accent, t->accent_text, s);
        y += h + m;
    }
    v->rescan = ui_button(app, ui_msg(app, MSG_USB_RESCAN), x, y, ui_px(app, 260), h, t->tile_bg,
                          t->accent, s);
    ui_frame(app, t->tile_border, x, y, ui_px(app, 260), h, 1);
    v->purge = (SDL_Rect){0};
    if (v->exported) {
        const char *pl = ui_msg(app, MSG_USB_PURGE);
        int pw = txt_width(app->txt, pl, strlen(pl), s, DOC_S_BOLD) + ui_px(app, 48);
        v->purge = ui_button(app, pl, x + ui_px(app, 260) + m, y, MG_MIN(pw, w - ui_px(app, 260) - m),
                             h, t->focus, t->text, s);
    }
}

bool usb_state(const ui_app *app, usb_info *out)
{
    if (ui_top(app) != &usb_view)
        return false;
    const usbv *v = ui_top_view(app);
    *out = v->info;
    out->status = tf_text(&v->status);
    out->purge = v->exported ? v->purge : (SDL_Rect){0};
    out->rescan = v->rescan;
    out->enrol = v->enrol;
    out->first_drive = v->ndrives ? v->drive[0] : (SDL_Rect){0};
    return true;
}

const ui_view_ops usb_view = {
    .name = "usb",
    .open = usb_open,
    .close = usb_close,
    .resize = usb_resize,
    .action = usb_action,
    .draw = usb_draw,
};
