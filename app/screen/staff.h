/*
 * staff.h - staff mode: its three views (pinpad.c, noteslist.c,
 * editor.c), staff_install (how main.c wires it into an app: the hidden
 * entry and the idle lock; the shell names none of it), and what the
 * views share: the notes database opened on first use, the staff title
 * bar and the way in after the PIN.  (The category and channel codes,
 * with their labels, are core's: rec_categories, rec_channels.)
 *
 * Depends on: ui, views, core/notes.
 */
#ifndef MG_STAFF_H
#define MG_STAFF_H

#include <stdio.h>

#include "../core/notes.h"
#include "ui.h"
#include "views.h"

extern const ui_view_ops pin_view;    /* the staff PIN pad */
extern const ui_view_ops staff_view;  /* the notes list (staff mode only) */
extern const ui_view_ops editor_view; /* ARGS_NOTE: a note, or a new one */
extern const ui_view_ops usb_view;    /* USBに書き出す: the sealed export (usbexport.c) */
extern const ui_view_ops conflict_view; /* ARGS_NOTE: a conflicted note's versions (conflictview.c) */
extern const ui_view_ops enrol_view;  /* 事務局の鍵を登録: the key file on a stick (staffkey.c) */

/* Wire staff mode into an app: the hidden entry (the PIN pad, or the list
 * when unlocked) and the lock after app->staff_idle_ms untouched.  main.c
 * calls it after ui_init; an app without it has no staff mode. */
void staff_install(ui_app *app);

/* What the editor on top shows (tests); false if it is not on top. */
typedef struct editor_info {
    const char *id, *question, *compose;
    int focus;
    bool pending, failed;
    bool unsaved; /* the disk refused the last save: retrying */
    /* the assistant (issue 17): suggestions shown, the category guessed
     * (NULL: none), each suggestion's kind and take button and the
     * set-category button (screen; w 0: none), whether one is due */
    int nsug;
    const char *sug_category, *sug_first_kind;
    const char *sug_kind[12];
    SDL_Rect sug_take[12], sug_set_category;
    bool sug_due;
    const char *answer;   /* the answer field's text */
    int nrefs;            /* referral chips set */
    const char *category; /* the category chosen (NULL: none yet) */
} editor_info;
bool editor_state(const ui_app *app, editor_info *out);
/* A note the disk refused is kept (hidden) until staff mode opens again:
 * then the editor shows it first (staff_keep). */
bool editor_has_kept(const ui_app *app);

/* What the USB view on top shows (tests); false if it is not on top. */
typedef struct usb_info {
    int drives;        /* removable drives found */
    int result;        /* the last export's sync_write, -1: none yet */
    size_t notes;      /* notes in it */
    size_t purged;     /* notes the last purge removed */
    char path[4096];   /* the file written (SYNC_W_OK) */
    const char *status; /* the line shown (owned by the view) */
    SDL_Rect first_drive, rescan, purge; /* the buttons ({0}: not shown) */
    SDL_Rect enrol;                      /* 事務局の鍵を登録 */
} usb_info;
bool usb_state(const ui_app *app, usb_info *out);

/* Where the enrol view is: a message only, or a key found and asked
 * about (not enrolled yet; or another key is enrolled: replace it?). */
typedef enum enrol_phase { ENROL_SAID, ENROL_ASK, ENROL_REPLACE } enrol_phase;
/* What the enrol view on top shows (tests); false if it is not on top. */
typedef struct enrol_info {
    enrol_phase phase;
    int drives;
    const char *status, *fingerprint; /* owned by the view; "" when none shown */
    SDL_Rect enrol, rescan;           /* 登録する / 置き換える ({0}: not shown), 探し直す */
} enrol_info;
bool enrol_state(const ui_app *app, enrol_info *out);

/* The notes list's buttons (tests); false if it is not on top. */
typedef struct staff_list_info {
    SDL_Rect usb, quit;
    bool quit_armed; /* 終了 pressed once: a second press within 3 s quits */
    SDL_Rect banner; /* the armed 終了's banner as last drawn (w 0: none) */
    int filter;      /* the chip on: -1 all, 0..6 a category, 7 follow-up */
    int conflicts;   /* notes in conflict (the count at the top) */
    int shown;       /* rows listed */
    SDL_Rect first_conflict; /* the first conflicted row on screen ({0}: none) */
} staff_list_info;

/* What the conflict view on top shows (tests); false if it is not on top. */
typedef struct conflict_view_info {
    int found;          /* 1 a conflict shown, 0 no longer one, -1 a failed read */
    int sides, differ;  /* versions, fields that differ */
    bool columns;       /* side by side (else one under the other) */
    int confirm;        /* the version asked about, -1: none */
    SDL_Rect keep[8];   /* こちらを残す of each version (screen; may be scrolled off) */
    const char *rev[8]; /* each version's revision (owned by the view) */
    SDL_Rect yes, no, list;
    int scroll, max_scroll;
    const char *status; /* a failure shown, or "" */
} conflict_view_info;
bool conflict_view_state(const ui_app *app, conflict_view_info *out);
bool staff_list_state(const ui_app *app, staff_list_info *out);

/* At the kiosk's start (staff_install, in kiosk mode): the automatic
 * purge of exported notes (sync_purge_due), when the notes database
 * exists; what it did goes to log. */
void staff_purge_at_start(ui_app *app, FILE *log);

/* The app's notes database, opened on first use (app->db_path, or the
 * default).  NULL with a message in err when it cannot be opened.  The app
 * owns it. */
store *staff_open_notes(ui_app *app, char *err, size_t n);

/* What a failed read or write of db met, as a message for the screen
 * (its one "%s": the database's path): the English detail stays in the
 * log. */
msg_id staff_db_why(const store *db);

/* Staff mode off, back to the visitors' home; the notes' key is wiped
 * (store_lock), unless a note the disk refused is kept (below). */
void staff_lock(ui_app *app);

/* The note the disk refused, kept (hidden) while staff mode is locked and
 * given back to the editor when it opens again; saved one last time at
 * ui_fini.  staff_keep takes n (heap); staff_take_kept gives it back
 * (caller owns it), or NULL. */
void staff_keep(ui_app *app, note *n);
note *staff_take_kept(ui_app *app);
bool staff_has_kept(const ui_app *app);


/* The staff title bar: another colour than the visitors' one, a back (or
 * lock) button whose box is stored in *back, and the title. */
int staff_bar_h(const ui_app *app);
void staff_draw_bar(ui_app *app, const char *title, SDL_Rect *back, const char *back_label);

#endif
