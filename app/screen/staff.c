/*
 * staff.c - staff mode: what the PIN pad (pinpad.c), the list of
 * consultation notes (noteslist.c) and the note editor (editor.c) share.
 *
 * Visitors reach none of this: the way in is hidden (Ctrl+Alt+S, or two
 * seconds held on the top-left corner) and ends at the PIN pad.  Staff mode
 * locks itself after app->staff_idle_ms untouched (a deadline), and the lock
 * button or Back from the list locks it at once.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "staff.h"

store *staff_open_notes(ui_app *app, char *err, size_t n)
{
    if (!app->notes) {
        char *path = app->db_path ? xstrdup(app->db_path) : store_default_path();
        app->notes = store_open(path, err, n);
        free(path);
    }
    return app->notes;
}

/* The PIN was right: the notes list, and on it the note the disk refused
 * before the lock, if any, so it is in front of the staff again. */
void staff_enter(ui_app *app)
{
    app->staff = true;
    ui_pop(app);
    ui_push(app, &staff_view, NULL);
    if (editor_has_kept(app))
        ui_push(app, &editor_view, NULL);
}

/* The hidden way in, from any screen but the staff ones: the PIN pad, or
 * the list while staff mode is unlocked. */
static void hidden_entry(ui_app *app)
{
    const ui_view_ops *top = ui_top(app);
    if (top != &pin_view && top != &staff_view && top != &editor_view)
        ui_push(app, app->staff ? &staff_view : &pin_view, NULL);
}

/* Staff mode locks itself when left alone, in every mode. */
static Uint32 lock_after(const ui_app *app)
{
    return app->staff_idle_ms;
}

static bool lock_armed(const ui_app *app)
{
    return app->staff;
}

void staff_lock(ui_app *app)
{
    app->staff = false;
    ui_home(app);
}

static const ui_deadline staff_lock_deadline = {"staff-lock", lock_after, lock_armed, staff_lock};

void staff_install(ui_app *app)
{
    app->hidden_entry = hidden_entry;
    if (!app->staff_idle_ms)
        app->staff_idle_ms = 300000;
    ui_add_deadline(app, &staff_lock_deadline);
}

int staff_bar_h(const ui_app *app)
{
    return ui_px(app, 96);
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
