/*
 * ui.h - the screen shell: the application context, the view stack, the
 * event loop with its deadlines and the one clock.  It names no screen:
 * views are ui_view_ops (views.h, staff.h, slides.h), main.c chooses the
 * root view and wires the hidden staff entry.
 *
 * Views never see SDL events: input.c turns them into ui_action values
 * (action.h) first.  Drawing helpers are draw.h, buttons and bars
 * widgets.h, colours theme.h (from core/palette).
 *
 * The loop sleeps in SDL_WaitEventTimeout until an event or the next
 * deadline (an idle timer, a view's own), runs update steps when a
 * deadline passes, and draws only when something changed.  Draw functions
 * only draw: timed work (autosave, a fling, making a PDF) is in update.
 *
 * Depends on: SDL2, SDL2_image, text, core.
 */
#ifndef MG_UI_H
#define MG_UI_H

#include <SDL.h>
#include <stdbool.h>

#include "../core/clock.h"
#include "../core/content.h"
#include "../core/guide.h"
#include "../core/pin.h"
#include "../core/referrals.h"
#include "../core/layout.h"
#include "../core/msg.h"
#include "action.h"
#include "draw.h"
#include "text.h"
#include "theme.h"
#include "widgets.h"

typedef struct ui_app ui_app;

/* What a view is opened with: a tagged union defined by the views
 * (views.h); NULL opens a view with its defaults.  The shell passes it
 * through and never looks inside. */
typedef struct ui_args ui_args;

typedef struct ui_view_ops {
    const char *name;
    /* A new view, or NULL when it cannot open (nothing to show, no PIN).
     * args is valid during the call only. */
    void *(*open)(ui_app *app, const ui_args *args);
    void (*close)(void *v);
    void (*resize)(void *v, ui_app *app); /* re-layout for app->w, app->h */
    void (*action)(void *v, ui_app *app, const ui_action *a);
    /* Draw the view as it is now: no I/O, no state changes that need time. */
    void (*draw)(void *v, ui_app *app);
    /* Optional: work to do while no event waits (pre-rendering the next
     * slide).  Returns true while there is more. */
    bool (*idle)(void *v, ui_app *app);
    /* Optional: ms until the view wants its update step (and a frame), or
     * -1.  The loop sleeps no longer than that. */
    int (*timeout)(void *v, ui_app *app);
    /* Optional: the timed work due at now (ui_ticks): an autosave, a step
     * of a fling, progress of a job.  Called by the loop before a frame,
     * for the view on top; sets app->dirty when the view changed. */
    void (*update)(void *v, ui_app *app, Uint32 now);
    /* Optional: false refuses quitting (the view says why on screen). */
    bool (*can_quit)(void *v, ui_app *app);
    /* Optional: true while a text field has the keyboard.  Only then does
     * the OS input method see the keys; on every other screen they come
     * straight to the view (PIN digits, B to black out a slide), even with
     * the IME switched on in hiragana mode. */
    bool (*wants_text)(void *v);
    /* The kiosk at rest (the attract loop): the idle deadlines leave it. */
    bool at_rest;
    /* The view follows the mouse with no button down (ACT_HOVER: the
     * presenter's pointer); other views never see those actions. */
    bool hover;
} ui_view_ops;

/* wants_text for a view whose one text field always has the keyboard. */
bool ui_wants_text_always(void *v);

/* A deadline measured from the last input: when the app has been left
 * alone for after(app) ms while armed(app), fire(app) runs.  The kiosk's
 * return to home is one (app.c); the staff lock another (staff.c); more
 * (an attract loop) are added with ui_add_deadline.  fire must leave its
 * deadline disarmed (the kiosk is home, staff mode locked), or it is due
 * again at once. */
typedef struct ui_deadline {
    const char *name;
    Uint32 (*after)(const ui_app *app);
    bool (*armed)(const ui_app *app);
    void (*fire)(ui_app *app);
} ui_deadline;

#define UI_STACK 8
#define UI_DEADLINES 8
#define UI_ATTACHED 8

struct ui_app {
    SDL_Window *win;     /* NULL when rendering offscreen into `target` */
    SDL_Renderer *ren;
    SDL_Surface *target; /* headless render target (screenshots, tests) */
    int w, h;
    float scale;         /* 1.0 at 1280x720 */
    msg_lang lang;
    bool kiosk;          /* fullscreen visitor mode: no quitting, idle -> home */
    Uint32 idle_ms;      /* kiosk: back to home after this long untouched */
    Uint32 attract_ms;   /* kiosk: the attract loop after this long (attract.h) */
    Uint32 attract_cycle_ms;   /* each picture of the loop this long (0: 7 s) */
    const char *attract_decks; /* deck files the loop shows, comma-separated;
                                  NULL: all (borrowed: the settings') */
    const char *printer; /* [print] printer: a CUPS queue, NULL: the default
                            (borrowed: the settings') */
    int copies;          /* [print] copies the print dialog starts at (0: 1) */
    Uint32 last_input;   /* ui_ticks of the last action */

    txt *txt;
    char *font_path; /* for more windows (the presenter's audience window) */
    lb *lb;
    lay_ctx lay;
    ui_theme theme;

    /* All the content (guide, referrals, decks, desk settings): the
     * caller's handle, or own_content when ui_init opened it itself. */
    struct content *content;
    struct content *own_content;
    /* Held while the guidebook's files are read off the main thread (the
     * print view's worker): an EPUB's zip is not for two threads at once. */
    SDL_mutex *book_lock;
    struct search *search; /* the guidebook's index, opened on first use */
    struct store *notes;    /* consultation records (staff), opened on first use */
    char *db_path;          /* --db, or NULL for the default */
    bool staff;             /* staff mode unlocked (staff.c) */
    pin_guard pin_guard;    /* wrong PINs and the lock */
    Uint32 staff_idle_ms;   /* staff mode locks itself after this long untouched */
    strbuf clipboard;       /* copy/paste when SDL has no clipboard (headless) */
    /* The decks views show: the content's (borrowed, the first
     * nborrowed_decks) and any added with ui_add_deck (owned). */
    struct deck **decks;
    size_t ndecks, nborrowed_decks;

    const ui_view_ops *ops[UI_STACK];
    void *views[UI_STACK];
    int depth;
    bool dirty;
    bool quit;
    bool quit_by_system; /* kiosk: SIGTERM, SIGINT or SIGHUP closed it */
    bool quit_by_staff;  /* kiosk: staff quit after the PIN (noteslist.c) */
    Uint32 quit_warned; /* when a view last refused quitting */
    Uint32 view_due;    /* when the top view's timeout ends (view_due_set) */
    bool view_due_set;

    ui_input input;
    unsigned long frames;

    /* The one clock (clock_system(); tests put a fake one here).  Read it
     * with ui_ticks and ui_wall_ms. */
    mg_clock clock;
    /* Deadlines from the last input (ui_add_deadline). */
    const ui_deadline *deadlines[UI_DEADLINES];
    int ndeadlines;
    /* The hidden way in (ACT_STAFF: Ctrl+Alt+S, a long press top-left):
     * set by whoever wires staff mode (main.c, staff_install), or NULL. */
    void (*hidden_entry)(ui_app *app);
    /* State a module keeps across its views (ui_attach). */
    struct {
        const void *key;
        void *state;
        void (*fini)(ui_app *app, void *state);
    } attached[UI_ATTACHED];
    /* Presenter settings from the command line. */
    Uint32 present_ms;    /* --duration, 0: none */
    int audience_display; /* --audience-display, -1: the one that is not ours */
};

typedef struct ui_config {
    int w, h;          /* window or image size; 0 = display size */
    int display;       /* fullscreen display index */
    bool window;       /* --window */
    bool headless;     /* render into a surface, no video driver */
    msg_lang lang;
    const char *font;  /* resolved font file */
    /* The content: an open handle (not owned; it must outlive the app),
     * or else a folder (and EPUB) for ui_init to open itself. */
    struct content *content;
    const char *content_dir;
    const char *guidebook; /* an EPUB to show instead of the bundled guidebook */
    const char *db;        /* the notes database (--db), NULL: the default */
    const ui_view_ops *root; /* the bottom of the stack (home), NULL: none */
} ui_config;

/* Set up the app (window or headless surface, fonts, content) and open
 * cfg->root.  On failure returns false with a one-line message in err. */
bool ui_init(ui_app *app, const ui_config *cfg, char *err, size_t errsize);
/* Close every view, run the attached states' fini, free everything. */
void ui_fini(ui_app *app);

/* The picture loader the app installs on a text cache (ctx: the app). */
txt_loader ui_picture_loader(void);

/* Add a deck to app->decks (taking it over); returns its index. */
int ui_add_deck(ui_app *app, struct deck *k);

/* The clock: monotonic ms (wraps after 49 days: compare by subtraction)
 * and wall-clock ms since the epoch. */
Uint32 ui_ticks(const ui_app *app);
int64_t ui_wall_ms(const ui_app *app);

/* Forget the last visitor: every view above home closed (with it the
 * search words, scroll positions, text size, chapter, print dialog), the
 * clipboard emptied.  The kiosk's idle deadline and the attract loop call
 * it; staff mode is not touched. */
void ui_visitor_reset(ui_app *app);

/* Navigation: push a view (args: its open arguments, or NULL), pop back,
 * return to the root (home). */
void ui_push(ui_app *app, const ui_view_ops *ops, const ui_args *args);
void ui_pop(ui_app *app);
void ui_home(ui_app *app);
/* The view on top, or NULL. */
const ui_view_ops *ui_top(const ui_app *app);
void *ui_top_view(const ui_app *app);

/* Add a deadline (d must outlive the app; a static table entry).  False
 * when the table is full. */
bool ui_add_deadline(ui_app *app, const ui_deadline *d);
/* Keep state for a module under key (the address of something of the
 * module's), freed by fini(app, state) at ui_fini before the notes
 * database closes.  One state per key: a second attach replaces nothing
 * and returns false. */
bool ui_attach(ui_app *app, const void *key, void *state, void (*fini)(ui_app *app, void *state));
/* The state under key, or NULL. */
void *ui_attached(const ui_app *app, const void *key);
/* Take the state under key back (the caller owns it; fini is not run). */
void *ui_detach(ui_app *app, const void *key);

/* Feed one action to the top view (and handle the global ones). */
void ui_dispatch(ui_app *app, const ui_action *a);
/* Run the deadlines and the top view's update step at ui_ticks(app).
 * Returns the ms until the next deadline (an idle timer or the view's
 * timeout), 0 when one is due already, or -1 when nothing is pending. */
int ui_update(ui_app *app);
/* Draw the current view into the renderer (no present). */
void ui_draw(ui_app *app);
/* The deadlines at now (the loop passes ui_ticks; tests a time of their
 * own): each armed one that is due fires.  Returns the ms until the next
 * one, or -1 when none is armed. */
int ui_idle(ui_app *app, Uint32 now);
/* Handle every pending SDL event without waiting (tests push events). */
void ui_pump(ui_app *app);
/* One turn of the loop: the update step (deadlines, the top view's timed
 * work), a frame if something changed, idle work, then a wait for an
 * event or the next deadline (at most max_wait ms; -1: no limit; 0: no
 * wait) and the events that came.  Returns the ms until the next
 * deadline when it did not handle events (-1: none), else 0.  ui_run
 * turns it until quit; tests turn it on a fake clock, moving the clock by
 * what it returns. */
int ui_turn(ui_app *app, int max_wait);
/* The last signal the kiosk's own handler took (SIGHUP), or 0. */
int ui_last_signal(void);
/* The event loop until quit.  Returns 0. */
int ui_run(ui_app *app);
/* Save what is drawn now as a PNG (written to a temporary file, then
 * renamed).  Headless only. */
bool ui_save_png(ui_app *app, const char *path, char *err, size_t errsize);

#endif
