/*
 * ui.h - the screen shell: the application context, actions, views, the
 * event loop and the painter of layout output on screen.
 *
 * Views (one file each: home.c, guideview.c, ...) never see SDL events:
 * input.c turns keyboard, mouse and touch into ui_action values first, so
 * tests drive views by injecting actions or synthetic SDL events.
 *
 * The loop sleeps in SDL_WaitEventTimeout until an event or the next timer
 * (idle return to home), and draws only when something changed.
 *
 * Depends on: SDL2, SDL2_image, text, core.
 */
#ifndef MG_UI_H
#define MG_UI_H

#include <SDL.h>
#include <stdbool.h>

#include "../core/guide.h"
#include "../core/pin.h"
#include "../core/referrals.h"
#include "../core/layout.h"
#include "../core/msg.h"
#include "text.h"

typedef enum ui_act {
    ACT_NONE,
    ACT_NEXT,      /* → : next item, page or chapter */
    ACT_PREV,      /* ← */
    ACT_UP,        /* ↑ */
    ACT_DOWN,      /* ↓ */
    ACT_PAGE_UP,   /* PgUp */
    ACT_PAGE_DOWN, /* PgDn, Space */
    ACT_FIRST,     /* Home */
    ACT_LAST,      /* End */
    ACT_SELECT,    /* Enter */
    ACT_BACK,      /* Esc, mouse "back" button */
    ACT_ERASE,     /* Backspace: delete in a text box; previous slide; else back */
    ACT_FOCUS_NEXT,/* Tab */
    ACT_FOCUS_PREV,/* Shift+Tab */
    ACT_TAP,       /* a short press and release at (x, y) */
    ACT_PRESS,     /* pointer down at (x, y) */
    ACT_DRAG,      /* pointer moved by (dx, dy) while down */
    ACT_RELEASE,   /* pointer up at (x, y) */
    ACT_SCROLL,    /* wheel: dy in pixels, positive = content moves up */
    ACT_ZOOM_IN,   /* + */
    ACT_ZOOM_OUT,  /* - */
    ACT_QUIT,      /* window closed (only honoured in --window mode) */
    ACT_DIGIT,     /* 0-9: x holds the digit (slide number entry) */
    ACT_BLACK,     /* B . / : black out the audience view */
    ACT_WHITE,     /* W , : white out */
    ACT_OVERVIEW,  /* O : overview grid (Tab too, in slide views) */
    ACT_START,     /* F5, Shift+F5: a clicker's start button; never quits */
    ACT_CONSOLE,   /* P : presenter console on or off (one display) */
    ACT_TIMER,     /* T : start or pause the presenter timer */
    ACT_TIMER_RESET, /* R : reset the presenter timer */
    ACT_DISPLAYS,  /* a display was connected or disconnected */
    ACT_TEXT,      /* text typed or committed by the input method: text */
    ACT_COMPOSE,   /* the input method's composition so far: text, x = cursor */
    ACT_STAFF,     /* the hidden way in: Ctrl+Alt+S, or a long press top-left */
    ACT_COPY,      /* Ctrl+C */
    ACT_CUT,       /* Ctrl+X */
    ACT_PASTE,     /* Ctrl+V */
    ACT_UNDO,      /* Ctrl+Z */
    ACT_SELECT_ALL,/* Ctrl+A */
} ui_act;

typedef struct ui_action {
    ui_act kind;
    int x, y;   /* pointer position */
    int dx, dy; /* drag / scroll amounts */
    int win;    /* 0: the main window, 1: the second (audience) window */
    bool shift; /* keys: Shift held (selection in text fields) */
    const char *text; /* ACT_TEXT, ACT_COMPOSE: UTF-8, valid during dispatch */
} ui_action;

/* Pointer state that turns press+release into a tap.  Fingers and the
 * mouse share it; w and h (the drawable size) turn a finger's normalised
 * position into pixels. */
typedef struct ui_input {
    bool down;
    int x0, y0, x, y;
    int moved; /* largest distance from the press point */
    int tap_slop;
    int w, h;
    Uint32 down_at; /* when the press began (long press) */
    SDL_FingerID finger; /* the finger being followed; others are ignored */
    bool by_finger;
} ui_input;

/* Map one SDL event to at most 2 actions; returns how many.  Pure apart
 * from st, so tests feed it synthetic events. */
int ui_map_event(ui_input *st, const SDL_Event *ev, ui_action out[2]);

/* What the print view makes (set by the view that opens it). */
typedef enum { HANDOUT_NONE, HANDOUT_DECK, HANDOUT_CHAPTER, HANDOUT_REFERRALS, HANDOUT_CONSULT } ui_handout_kind;
typedef struct ui_handout {
    ui_handout_kind kind;
    int index;       /* deck or chapter */
    char note[37];   /* consultation */
    char name[64];   /* file name, without .pdf */
} ui_handout;

typedef struct ui_app ui_app;

typedef struct ui_view_ops {
    const char *name;
    void *(*open)(ui_app *app, int arg); /* arg: view-specific (chapter index) */
    void (*close)(void *v);
    void (*resize)(void *v, ui_app *app); /* re-layout for app->w, app->h */
    void (*action)(void *v, ui_app *app, const ui_action *a);
    void (*draw)(void *v, ui_app *app);
    /* Optional: work to do while no event waits (pre-rendering the next
     * slide).  Returns true while there is more. */
    bool (*idle)(void *v, ui_app *app);
    /* Optional: ms until the view wants to be drawn again by itself (a
     * clock), or -1.  The loop sleeps no longer than that. */
    int (*timeout)(void *v, ui_app *app);
    /* Optional: true while a text field has the keyboard.  Only then does
     * the OS input method see the keys; on every other screen they come
     * straight to the view (PIN digits, B to black out a slide), even with
     * the IME switched on in hiragana mode. */
    bool (*wants_text)(void *v);
} ui_view_ops;

/* wants_text for a view whose one text field always has the keyboard. */
bool ui_wants_text_always(void *v);

extern const ui_view_ops home_view;
extern const ui_view_ops guide_view;
extern const ui_view_ops search_view; /* app->jump_term: a query to start with */
extern const ui_view_ops referrals_view; /* arg: a ref_problem, or -1 to choose */
extern const ui_view_ops pin_view;    /* the staff PIN pad */
extern const ui_view_ops print_view;  /* 印刷・保存 for app->handout */
/* Open 印刷・保存 for a handout. */
void ui_print(ui_app *app, ui_handout_kind kind, int index, const char *note_id, const char *name);
/* The wall clock in Unix ms, for the times a note is saved at. */
long long ui_wall_ms(void);
extern const ui_view_ops staff_view;  /* the notes list (staff mode only) */
extern const ui_view_ops editor_view; /* a note: app->open_note, or empty for a new one */

typedef struct editor_info {
    const char *id, *question, *compose;
    int focus;
    bool pending, failed;
    bool unsaved; /* the disk refused the last save: retrying */
} editor_info;
bool editor_state(const ui_app *app, editor_info *out);
/* Quitting with a note the disk refused: the editor says so (the app then
 * quits only on a second try within 3 s). */
void editor_refuse_quit(ui_app *app);

/* What the reader on top shows (tests); false if it is not on top. */
typedef struct guide_view_info {
    int chapter; /* -1: contents */
    int scroll, max_scroll;
    bool flinging;
    const char *term;
} guide_view_info;
bool guide_view_state(const ui_app *app, guide_view_info *out);

typedef struct search_view_info {
    const char *query, *compose;
    size_t nhits;
    int nchips;
} search_view_info;
bool search_view_state(const ui_app *app, search_view_info *out);

typedef struct ui_theme {
    SDL_Color bg, text, muted, header_bg, header_text, accent, accent_text, tile_bg, tile_border,
        focus, link;
    SDL_Color lay[LAY_C_COUNT];
} ui_theme;

#define UI_STACK 8

struct ui_app {
    SDL_Window *win;     /* NULL when rendering offscreen into `target` */
    SDL_Renderer *ren;
    SDL_Surface *target; /* headless render target (screenshots, tests) */
    int w, h;
    float scale;         /* 1.0 at 1280x720 */
    msg_lang lang;
    bool kiosk;          /* fullscreen visitor mode: no quitting, idle -> home */
    Uint32 idle_ms;      /* kiosk: back to home after this long untouched */
    Uint32 last_input;

    txt *txt;
    char *font_path; /* for more windows (the presenter's audience window) */
    lb *lb;
    lay_ctx lay;
    ui_theme theme;

    char *content_dir;
    guide guide;
    struct search *search; /* the guidebook's index, opened on first use */
    ref_list refs;         /* the referral quick list */
    struct store *notes;    /* consultation records (staff), opened on first use */
    char *db_path;          /* --db, or NULL for the default */
    bool staff;             /* staff mode unlocked */
    pin_guard pin_guard;    /* wrong PINs and the lock */
    char open_note[37];     /* the note the editor opens ("" : a new one) */
    struct note *unsaved;   /* a note the disk refused, kept until it can be saved */
    strbuf clipboard;       /* copy/paste when SDL has no clipboard (headless) */
    ui_handout handout;     /* what 印刷・保存 prints */
    Uint32 staff_idle_ms;   /* staff mode locks itself after this long untouched */
    struct deck **decks; /* slides/ of the content folder, by file name */
    size_t ndecks;
    diag_list diags;

    const ui_view_ops *ops[UI_STACK];
    void *views[UI_STACK];
    int depth;
    bool dirty;
    bool quit;
    Uint32 quit_warned; /* when quitting was refused for an unsaved note */

    ui_input input;
    unsigned long frames;

    /* The clock views read (SDL_GetTicks; tests put a fake here). */
    Uint32 (*ticks)(void);
    /* Where the next guide view opens: a line to scroll to and a term to
     * highlight (search results); consumed by the view. */
    int jump_line;
    char *jump_term;
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
    const char *content_dir;
    const char *guidebook; /* an EPUB to show instead of the bundled guidebook */
    const char *db;        /* the notes database (--db), NULL: the default */
} ui_config;

/* Set up the app (window or headless surface, fonts, content).  On failure
 * returns false with a one-line message in err. */
bool ui_init(ui_app *app, const ui_config *cfg, char *err, size_t errsize);
void ui_fini(ui_app *app);

/* The picture loader the app installs on a text cache (ctx: the app). */
txt_loader ui_picture_loader(void);

/* Add a deck to app->decks (taking it over); returns its index. */
int ui_add_deck(ui_app *app, struct deck *k);

/* Navigation: push a view, pop back, return to the root (home). */
void ui_push(ui_app *app, const ui_view_ops *ops, int arg);
void ui_pop(ui_app *app);
void ui_home(ui_app *app);

/* Feed one action to the top view (and handle the global ones). */
void ui_dispatch(ui_app *app, const ui_action *a);
/* Draw the current view into the renderer (no present). */
void ui_draw(ui_app *app);
/* Kiosk idle timer: back to home when untouched for idle_ms.  now is
 * SDL_GetTicks() in the loop and a fake clock in tests.  Returns the ms
 * until the next deadline, or -1 when nothing is pending. */
int ui_idle(ui_app *app, Uint32 now);
/* Handle every pending SDL event without waiting (tests push events). */
void ui_pump(ui_app *app);
/* The event loop until quit.  Returns 0. */
int ui_run(ui_app *app);
/* Save what is drawn now as a PNG (written to a temporary file, then
 * renamed).  Headless only. */
bool ui_save_png(ui_app *app, const char *path, char *err, size_t errsize);

/* Drawing helpers for views. */
int ui_px(const ui_app *app, float v); /* v design pixels (1280x720) -> screen */
void ui_fill(ui_app *app, SDL_Color c, int x, int y, int w, int h);
void ui_frame(ui_app *app, SDL_Color c, int x, int y, int w, int h, int t);
/* Paint layout output offset by (dx, dy), clipped to clip (NULL: all). */
void ui_paint(ui_app *app, const lay_result *r, int dx, int dy, const SDL_Rect *clip);
/* The same with a colour for each layout colour role (slides). */
void ui_paint_colors(ui_app *app, const lay_result *r, int dx, int dy, const SDL_Rect *clip,
                     const SDL_Color colors[LAY_C_COUNT]);
/* A button: filled box with centred label; returns its rect. */
/* The bar across the top of a visitor screen: もどる on the left (its box
 * comes back, for taps) and the title beside it; ui_bar_h(app) tall. */
SDL_Rect ui_title_bar(ui_app *app, const char *title);
int ui_bar_h(const ui_app *app);
SDL_Rect ui_button(ui_app *app, const char *label, int x, int y, int w, int h, SDL_Color bg,
                   SDL_Color fg, int size);
bool ui_hit(const SDL_Rect *r, int x, int y);
const char *ui_msg(const ui_app *app, msg_id id);

#endif
