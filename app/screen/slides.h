/*
 * slides.h - slides on screen: painting a laid-out slide, a small cache of
 * slides rendered into textures (so a slide change is one copy), and the
 * views that show decks: the kiosk's deck list and the slide viewer.
 *
 * Depends on: ui, core/slidelay.
 */
#ifndef MG_SLIDES_H
#define MG_SLIDES_H

#include "../core/slidelay.h"
#include "ui.h"

#define SLIDE_CACHE 4

typedef struct slide_cache {
    const deck *k;
    int w; /* width the textures were made for */
    struct {
        int idx;  /* -1: empty */
        int step; /* fragments shown (frag.h), -1: all */
        SDL_Texture *tex;
        unsigned long used;
    } e[SLIDE_CACHE];
    unsigned long tick;
    unsigned long renders; /* slides rendered (tests, benchmarks) */
} slide_cache;

void slide_cache_init(slide_cache *c);
void slide_cache_fini(slide_cache *c);
/* The texture of slide idx at width w (rendered now if not cached).  The
 * cache owns it; it stays valid until the next call for another slide. */
SDL_Texture *slide_get(ui_app *app, slide_cache *c, const deck *k, int idx, int w);
/* Render slide idx ahead of time (idle work); true if it did anything. */
bool slide_prefetch(ui_app *app, slide_cache *c, const deck *k, int idx, int w);
/* The same with only the first `step` fragmented-list items shown (frag.h;
 * -1 or the slide's count or more: all). */
SDL_Texture *slide_get_step(ui_app *app, slide_cache *c, const deck *k, int idx, int step, int w);
bool slide_prefetch_step(ui_app *app, slide_cache *c, const deck *k, int idx, int step, int w);

/* Paint a laid-out slide with its top-left at (x, y). */
void slide_paint(ui_app *app, const slay_slide *s, int x, int y);
/* The largest rect of the deck's aspect that fits in (x, y, w, h), centred. */
SDL_Rect slide_fit(const deck *k, int x, int y, int w, int h);

/*
 * Slide navigation, shared by the viewer and the presenter: the presenter's
 * keys (see slides.c) applied to a position in a deck.
 */
typedef struct slide_nav {
    int cur, n;
    int entry; /* number being typed, -1 none */
    int blank; /* 0, 1 black, 2 white */
    bool overview;
    int ov_sel, ov_cols, ov_w, ov_h;
    int drag_dx;
    /* Fragments and the end (the presenter; slide_nav_steps): */
    const deck *k; /* NULL: slides go whole, as in the kiosk's viewer */
    int step;      /* fragments of the current slide shown, 0..nfrags */
    bool end_card; /* next after the last slide shows the end card */
    bool at_end;   /* past the last slide: the end card is shown */
} slide_nav;

enum { NAV_UNHANDLED, NAV_DONE, NAV_REDRAW };

void slide_nav_init(slide_nav *nv, int n);
/* Step through k's fragmented lists (next shows the next item before the
 * next slide; back hides it; a slide reached backwards comes whole), and
 * with end_card go past the last slide to an end card. */
void slide_nav_steps(slide_nav *nv, const deck *k, bool end_card);
/* Fragments of the current slide (0 without slide_nav_steps), and how
 * many to show: -1 (all) without slide_nav_steps. */
int slide_nav_nsteps(const slide_nav *nv);
int slide_nav_shown(const slide_nav *nv);
/* Apply an action; width is the slide's on screen (for swipes).  Returns
 * NAV_REDRAW when something changed, NAV_DONE when it was used, and
 * NAV_UNHANDLED for actions left to the caller (Esc outside overview and
 * blackout, for one). */
int slide_nav_act(slide_nav *nv, const ui_action *a, int width);
void slide_draw_overview(ui_app *app, slide_nav *nv, const deck *k);
void slide_draw_blank(ui_app *app, int blank);
void slide_draw_entry(ui_app *app, int entry);

/* What the slide view on top shows (tests); false if it is not on top. */
typedef struct slides_info {
    int cur, n;
    int blank; /* 0, 1 black, 2 white */
    bool overview;
    int entry; /* number being typed, -1 none */
    unsigned long renders;
} slides_info;
bool slides_state(const ui_app *app, slides_info *out);

/* The presenter (presenter.c): ARGS_DECK, a deck index in app->decks. */
extern const ui_view_ops presenter_view;
typedef struct presenter_info {
    int cur, n, blank;
    bool overview, console, audience_window, running, esc_pending;
    Uint32 elapsed_ms;
    int step, nsteps;  /* fragments shown of the current slide's */
    bool at_end;       /* the end card is on */
    bool timer_begun;  /* the first slide change (or T) has come */
    int tool;          /* 0 none, 1 pointer, 2 spotlight, 3 box zoom */
    bool zoomed, pointer_on;
    float px, py;      /* the pointer, in slide units */
} presenter_info;
bool presenter_state(const ui_app *app, presenter_info *out);

extern const ui_view_ops decks_view;  /* NULL: no arguments */
extern const ui_view_ops slides_view; /* ARGS_DECK: a deck index in app->decks (kiosk) */
extern const ui_view_ops audience_view; /* the same, only the slide (projector) */

#endif
