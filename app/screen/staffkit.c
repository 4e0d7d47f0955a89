/*
 * staffkit.c - what the staff screens (pinpad.c, noteslist.c, editor.c)
 * share: the notes database opened on first use, the staff title bar,
 * locking staff mode, and the automatic purge at the kiosk's start.  It
 * calls no screen, so the screens stand above it and staff.c above them.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/sync.h"
#include "staff.h"

store *staff_open_notes(ui_app *app, char *err, size_t n)
{
    if (!app->notes) {
        char *path = app->db_path ? xstrdup(app->db_path) : store_default_path();
        app->notes = store_open_lang(path, app->lang, err, n);
        free(path);
    }
    return app->notes;
}

msg_id staff_db_why(const store *db)
{
    store_fail f = store_failure(db);
    return f == STORE_FAIL_FULL       ? MSG_USB_DB_FULL
           : f == STORE_FAIL_READONLY ? MSG_USB_DB_READONLY
           : f == STORE_FAIL_IO       ? MSG_USB_DB_IO
                                      : MSG_USB_DB_OTHER;
}

/* The key of the note the disk refused (ui_attach): only this file reaches it. */
static const char kept_key = 'k';

/* At ui_fini: the disk refused it to the end, one last try. */
static void kept_fini(ui_app *app, void *state)
{
    note *n = state;
    char err[256];
    err[0] = '\0';
    if (!app->notes || !notes_save(app->notes, n, ui_wall_ms(app), err, sizeof err))
        fprintf(stderr, "madoguchi: %s: %s\n", ui_msg(app, MSG_NOTES_LOST), err);
    note_fini(n);
    free(n);
}

void staff_keep(ui_app *app, note *n)
{
    ui_attach(app, &kept_key, n, kept_fini);
}

note *staff_take_kept(ui_app *app)
{
    return ui_detach(app, &kept_key);
}

bool staff_has_kept(const ui_app *app)
{
    return ui_attached(app, &kept_key) != NULL;
}

void staff_lock(ui_app *app)
{
    app->staff = false;
    ui_home(app); /* the editor closed first: it saves while the key is there */
    /* The notes' key wiped: the PIN again to read them.  Not while a note
     * the disk refused waits in memory (editor.c): it is there in clear
     * anyway, and the key lets the last try at the end save it when the
     * kiosk is shut down before the staff come back. */
    if (!staff_has_kept(app))
        store_lock(app->notes);
}

int staff_bar_h(const ui_app *app)
{
    /* Its buttons (the bar less a margin above and below) stay finger-sized. */
    return MG_MAX(ui_px(app, 96), UI_MIN_TAP + 2 * ui_px(app, 16));
}

void staff_draw_bar(ui_app *app, const char *title, SDL_Rect *back, const char *back_label)
{
    const ui_theme *t = &app->theme;
    int bh = staff_bar_h(app), m = ui_px(app, 16);
    ui_fill(app, ui_color(PAL_STAFF_BAR), 0, 0, app->w, bh); /* staff: another colour */
    *back = ui_button(app, back_label, m, m, ui_px(app, 180), bh - 2 * m, t->accent,
                      t->accent_text, ui_px(app, 28));
    int ts = ui_px(app, 32);
    txt_draw(app->txt, title, strlen(title), ts, DOC_S_BOLD, t->header_text,
             ui_px(app, 180) + 3 * m, (bh - txt_height(app->txt, ts)) / 2);
}

void staff_purge_at_start(ui_app *app, FILE *log)
{
    char *path = app->db_path ? xstrdup(app->db_path) : store_default_path();
    bool there = path && access(path, F_OK) == 0; /* a kiosk without notes makes no file */
    free(path);
    char err[512];
    store *db = there ? staff_open_notes(app, err, sizeof err) : NULL;
    if (!db)
        return; /* none yet, or the staff screens will say why it cannot be opened */
    int days;
    size_t n = 0;
    if (!sync_purge_due(db, ui_wall_ms(app), &days, &n, err, sizeof err)) {
        fprintf(log, "madoguchi: ");
        fprintf(log, msg_get(app->lang, MSG_LOG_PURGE_FAILED), err);
        fputc('\n', log);
    } else if (n) {
        fprintf(log, "madoguchi: ");
        fprintf(log, msg_get(app->lang, MSG_LOG_PURGED), days, (int)n);
        fputc('\n', log);
    }
}
