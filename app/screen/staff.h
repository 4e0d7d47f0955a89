/*
 * staff.h - what the three staff screens (pinpad.c, noteslist.c,
 * editor.c) share: the notes database opened on first use, the staff
 * title bar and the way in after the PIN.  (The category and channel
 * codes, with their labels, are core's: rec_categories, rec_channels.)
 *
 * Depends on: ui, core/notes.
 */
#ifndef MG_STAFF_H
#define MG_STAFF_H

#include "../core/notes.h"
#include "ui.h"

/* The app's notes database, opened on first use (app->db_path, or the
 * default).  NULL with a message in err when it cannot be opened.  The app
 * owns it. */
store *staff_open_notes(ui_app *app, char *err, size_t n);

/* The PIN was right: staff mode on, the PIN pad replaced by the notes list
 * (and on it the note the disk refused before the lock, if any). */
void staff_enter(ui_app *app);

/* The staff title bar: another colour than the visitors' one, a back (or
 * lock) button whose box is stored in *back, and the title. */
int staff_bar_h(const ui_app *app);
void staff_draw_bar(ui_app *app, const char *title, SDL_Rect *back, const char *back_label);

#endif
