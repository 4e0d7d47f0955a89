/*
 * staffkey.c - 事務局の鍵を登録 (staff mode only): the office's public key
 * from the file `madoguchi office key -o` put on a USB stick.  The view
 * finds the removable drives as USBに書き出す does (core/system), looks
 * for the key file on them (seal_key_find), shows its fingerprint large
 * and asks staff to compare it with the office's before storing it; a key
 * already enrolled is kept unless staff choose to replace it.  No drive,
 * no key file, two of them, a file that is not a key or has a typo, the
 * same key again: each is said in the view, and nothing is stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/seal.h"
#include "../core/sync.h"
#include "../core/system.h"
#include "staff.h"
#include "textfield.h"

#define KEY_DRIVES 6

typedef struct kview {
    char drives[KEY_DRIVES][SYS_PATH];
    int ndrives;
    seal_found found;
    enrol_phase phase;
    char fingerprint[SEAL_FINGERPRINT_MAX];  /* the stick's key */
    char enrolled_fp[SEAL_FINGERPRINT_MAX];  /* the one enrolled now ("" none) */
    tf status;
    bool failed;
    SDL_Rect back, rescan, enrol;
} kview;

static void say(kview *v, ui_app *app, bool failed, const char *text)
{
    tf_fini(&v->status);
    tf_init(&v->status, text, true);
    v->failed = failed;
    app->dirty = true;
}

/* The key enrolled in db now into pk: 1, 0 none (or not a key), -1 a
 * failed read (message in err). */
static int enrolled(store *db, unsigned char pk[SEAL_PK_BYTES], char *err, size_t n)
{
    char *text = NULL;
    int got = store_setting(db, SEAL_SETTING_PUBLIC, &text, err, n);
    int r = got < 0 ? -1 : got == 1 && text && seal_key_parse(text, pk) == SEAL_OK;
    free(text);
    return r;
}

/* Look on the drives again and say what was found. */
static void scan(kview *v, ui_app *app)
{
    char buf[4400], err[512] = "";
    v->phase = ENROL_SAID;
    v->ndrives = sys_drives(v->drives, KEY_DRIVES);
    if (!v->ndrives) {
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_NO_DRIVE), SEAL_KEY_FILE);
        say(v, app, true, buf);
        return;
    }
    const char *dirs[KEY_DRIVES];
    for (int i = 0; i < v->ndrives; i++)
        dirs[i] = v->drives[i];
    seal_key_find(dirs, (size_t)v->ndrives, &v->found);
    switch (v->found.result) {
    case SEAL_FIND_NONE:
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_NO_FILE), SEAL_KEY_FILE);
        say(v, app, true, buf);
        return;
    case SEAL_FIND_MANY:
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_MANY), v->found.count, v->found.path);
        say(v, app, true, buf);
        return;
    case SEAL_FIND_BAD:
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_BAD), v->found.path,
                 ui_msg(app, seal_status_msg(v->found.st)));
        say(v, app, true, buf);
        return;
    case SEAL_FIND_OK: break;
    }
    seal_fingerprint(v->found.pk, v->fingerprint);
    store *db = staff_open_notes(app, err, sizeof err);
    unsigned char now[SEAL_PK_BYTES];
    int had = db ? enrolled(db, now, err, sizeof err) : -1;
    if (had < 0) {
        fprintf(stderr, "madoguchi: %s\n", err);
        char why[600];
        if (db)
            snprintf(why, sizeof why, ui_msg(app, staff_db_why(db)), store_path(db));
        else
            snprintf(why, sizeof why, "%s", err); /* store_open_lang's, in the app's language */
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_FAILED), why);
        say(v, app, true, buf);
        return;
    }
    v->enrolled_fp[0] = '\0';
    if (had)
        seal_fingerprint(now, v->enrolled_fp);
    if (had && memcmp(now, v->found.pk, SEAL_PK_BYTES) == 0) {
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_SAME), v->fingerprint);
        say(v, app, false, buf);
        return;
    }
    if (had) { /* another office's key: replace only when staff say so */
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_OTHER), v->enrolled_fp);
        v->phase = ENROL_REPLACE;
    } else {
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_CHECK), v->found.path);
        v->phase = ENROL_ASK;
    }
    say(v, app, false, buf);
}

static void store_key(kview *v, ui_app *app)
{
    char text[SEAL_KEY_TEXT_MAX], err[512] = "", buf[1400];
    seal_key_text(v->found.pk, text);
    store *db = staff_open_notes(app, err, sizeof err);
    v->phase = ENROL_SAID;
    seal_signer me; /* this kiosk's own signing key, made now if it has none */
    bool ok = db && store_set_setting(db, SEAL_SETTING_PUBLIC, text, err, sizeof err) &&
              sync_signer(db, &me, NULL, err, sizeof err);
    if (ok) {
        seal_signer_fini(&me);
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_DONE), v->fingerprint);
        say(v, app, false, buf);
        return;
    }
    fprintf(stderr, "madoguchi: %s\n", err);
    char why[600];
    if (db)
        snprintf(why, sizeof why, ui_msg(app, staff_db_why(db)), store_path(db));
    else
        snprintf(why, sizeof why, "%s", err);
    snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_FAILED), why);
    say(v, app, true, buf);
}

static void *key_open(ui_app *app, const ui_args *args)
{
    (void)args;
    if (!app->staff)
        return NULL; /* never without the PIN */
    kview *v = xcalloc(1, sizeof *v);
    tf_init(&v->status, "", true);
    scan(v, app);
    return v;
}

static void key_close(void *p)
{
    kview *v = p;
    if (!v)
        return;
    tf_fini(&v->status);
    free(v);
}

static void key_resize(void *p, ui_app *app)
{
    (void)p;
    app->dirty = true;
}

static void key_action(void *p, ui_app *app, const ui_action *a)
{
    kview *v = p;
    if (a->kind == ACT_BACK) {
        ui_pop(app);
        return;
    }
    if (a->kind != ACT_TAP)
        return;
    if (ui_hit(&v->back, a->x, a->y))
        ui_pop(app);
    else if (ui_hit(&v->rescan, a->x, a->y))
        scan(v, app);
    else if (v->phase != ENROL_SAID && ui_hit(&v->enrol, a->x, a->y))
        store_key(v, app);
}

static void key_draw(void *p, ui_app *app)
{
    kview *v = p;
    const ui_theme *t = &app->theme;
    staff_draw_bar(app, ui_msg(app, MSG_ENROL_TITLE), &v->back, ui_msg(app, MSG_BACK));
    int m = ui_px(app, 16), s = ui_text_px(app, 28), h = ui_tap_px(app, 80);
    int x = ui_px(app, 60), y = staff_bar_h(app) + ui_px(app, 32);
    int w = app->w - 2 * x;
    int th = tf_measure(&v->status, app, w - m, s);
    ui_fill(app, v->failed ? ui_color(PAL_ERROR) : t->accent, x, y, ui_px(app, 6), th);
    tf_draw(&v->status, app, (SDL_Rect){x + m, y, w - m, th}, s, false);
    y += th + ui_px(app, 24);
    v->enrol = (SDL_Rect){0};
    if (v->phase != ENROL_SAID) {
        /* The fingerprint, large, to compare by eye. */
        char buf[128];
        snprintf(buf, sizeof buf, ui_msg(app, MSG_ENROL_FINGERPRINT), v->fingerprint);
        int fs = ui_text_px(app, 44);
        strbuf cut;
        strbuf_init(&cut);
        const char *shown = ui_fit(app, buf, fs, DOC_S_BOLD, w, &cut);
        txt_draw(app->txt, shown, strlen(shown), fs, DOC_S_BOLD, t->text, x, y);
        strbuf_fini(&cut);
        y += txt_height(app->txt, fs) + ui_px(app, 24);
    }
    int bw = MG_MIN(ui_px(app, 320), (w - m) / 2);
    v->rescan = ui_button(app, ui_msg(app, MSG_USB_RESCAN), x, y, bw, h, t->tile_bg, t->accent, s);
    ui_frame(app, t->tile_border, x, y, bw, h, 1);
    if (v->phase != ENROL_SAID)
        v->enrol = ui_button(app, ui_msg(app, v->phase == ENROL_REPLACE ? MSG_ENROL_REPLACE
                                                                        : MSG_ENROL_DO),
                             x + bw + m, y, bw, h, v->phase == ENROL_REPLACE ? ui_color(PAL_ERROR)
                                                                              : t->accent,
                             v->phase == ENROL_REPLACE ? ui_color(PAL_WHITE) : t->accent_text, s);
}

bool enrol_state(const ui_app *app, enrol_info *out)
{
    if (ui_top(app) != &enrol_view)
        return false;
    const kview *v = ui_top_view(app);
    *out = (enrol_info){.phase = v->phase, .drives = v->ndrives, .status = tf_text(&v->status),
                        .fingerprint = v->phase != ENROL_SAID ? v->fingerprint : "",
                        .enrol = v->enrol, .rescan = v->rescan};
    return true;
}

const ui_view_ops enrol_view = {
    .name = "enrol",
    .open = key_open,
    .close = key_close,
    .resize = key_resize,
    .action = key_action,
    .draw = key_draw,
};
