/*
 * staff.c - staff mode wired into an app: the hidden way in and the lock
 * after staff_idle_ms untouched.  It stands above the three staff screens
 * (pinpad.c, noteslist.c, editor.c); what they share is staffkit.c, below
 * them, so no screen calls back up into this file.
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

static const ui_deadline staff_lock_deadline = {"staff-lock", lock_after, lock_armed, staff_lock};

void staff_install(ui_app *app)
{
    app->hidden_entry = hidden_entry;
    if (!app->staff_idle_ms)
        app->staff_idle_ms = 300000;
    ui_add_deadline(app, &staff_lock_deadline);
    if (app->kiosk) /* exported notes past the purge-after days go at each start */
        staff_purge_at_start(app, stderr);
}
