/*
 * action.h - what views receive instead of SDL events: input.c turns
 * keyboard, mouse and touch into ui_action values first, so tests drive
 * views by injecting actions or synthetic SDL events.
 *
 * Depends on: SDL2, core/clock.
 */
#ifndef MG_ACTION_H
#define MG_ACTION_H

#include <SDL.h>
#include <stdbool.h>

#include "../core/clock.h"

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
    ACT_HOVER,     /* the mouse moved to (x, y) with no button down (only to
                    * views whose ops ask for it: ui_view_ops.hover) */
    ACT_POINTER,   /* L : the presenter's pointer (a dot on the projector) */
    ACT_SPOTLIGHT, /* S : the spotlight (all dimmed but a circle) */
    ACT_BOXZOOM,   /* Z : drag a box to enlarge it on the projector */
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
    Uint32 down_at; /* when the press began (long press), on clock */
    /* The app's clock (ui_init points it at app->clock, so a test's fake
     * clock times the long press too); NULL: the system's. */
    const mg_clock *clock;
    SDL_FingerID finger; /* the finger being followed; others are ignored */
    bool by_finger;
} ui_input;

/* Map one SDL event to at most 2 actions; returns how many.  Pure apart
 * from st, so tests feed it synthetic events. */
int ui_map_event(ui_input *st, const SDL_Event *ev, ui_action out[2]);

#endif
