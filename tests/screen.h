/*
 * screen.h - what the screen tests share: the app headless (the dummy
 * video driver and the software renderer, from ctest's environment) on a
 * fake clock, frames, the text log's boxes, pixel readback and taps.
 * Header-only, like test.h: static inline functions, each test file its
 * own copy.
 *
 *   static Uint32 now = 5000;
 *   ui_config cfg = {.w = 1280, .h = 720, .headless = true, ...};
 *   CHECK(screen_open(&app, &cfg, &now));
 *   CHECK(tap_text(&app, "もどる"));
 */
#ifndef MG_SCREEN_H
#define MG_SCREEN_H

#include <SDL.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "../app/screen/ui.h"

/* A clock the test moves: monotonic ms from *ctx (a Uint32). */
static inline int64_t fake_mono(void *ctx)
{
    return *(Uint32 *)ctx;
}

/* The wall clock moves with it, from a fixed day (the PIN lock and the
 * notes keep wall-clock time). */
static inline int64_t fake_wall(void *ctx)
{
    return INT64_C(1780000000000) + *(Uint32 *)ctx;
}

static inline mg_clock fake_clock(Uint32 *now)
{
    return (mg_clock){.mono_ms = fake_mono, .wall_ms = fake_wall, .ctx = now};
}

/* ui_init with cfg, saying why on stderr when it fails; on the fake clock
 * at *now when now is given (else the app's own). */
static inline bool screen_open(ui_app *app, const ui_config *cfg, Uint32 *now)
{
    char err[512];
    if (!ui_init(app, cfg, err, sizeof err)) {
        fprintf(stderr, "ui_init: %s\n", err);
        return false;
    }
    if (now)
        app->clock = fake_clock(now);
    return true;
}

/* One frame as the loop makes it: the update step (timed work), then draw. */
static inline void frame(ui_app *app)
{
    ui_update(app);
    ui_draw(app);
}

/* Draw with the text log on; the log ("text<TAB>x,y,w,h" a line). */
static inline const char *drawn(ui_app *app)
{
    txt_log_enable(app->txt, true);
    txt_log_clear(app->txt);
    ui_draw(app);
    return txt_log(app->txt);
}

/* The box of the first string drawn exactly as text; false if none. */
static inline bool text_box(const char *log, const char *text, SDL_Rect *r)
{
    size_t n = strlen(text);
    for (const char *p = log; *p;) {
        const char *nl = strchr(p, '\n');
        if (strncmp(p, text, n) == 0 && p[n] == '\t' &&
            sscanf(p + n + 1, "%d,%d,%d,%d", &r->x, &r->y, &r->w, &r->h) == 4)
            return true;
        p = nl ? nl + 1 : p + strlen(p);
    }
    return false;
}

/* The tallest box drawn for exactly this string (0: not drawn). */
static inline int tallest(const char *log, const char *text)
{
    int best = 0;
    size_t n = strlen(text);
    for (const char *p = log; *p;) {
        const char *nl = strchr(p, '\n');
        int x, y, w, h;
        if (strncmp(p, text, n) == 0 && p[n] == '\t' &&
            sscanf(p + n + 1, "%d,%d,%d,%d", &x, &y, &w, &h) == 4 && h > best)
            best = h;
        p = nl ? nl + 1 : p + strlen(p);
    }
    return best;
}

/* A finger's tap at (x, y), and in the middle of r. */
static inline void tap_xy(ui_app *app, int x, int y)
{
    ui_dispatch(app, &(ui_action){.kind = ACT_TAP, .x = x, .y = y});
}

static inline void tap_rect(ui_app *app, SDL_Rect r)
{
    tap_xy(app, r.x + r.w / 2, r.y + r.h / 2);
}

/* Draw, find where text was drawn, and tap its middle, as a finger would. */
static inline bool tap_text(ui_app *app, const char *text)
{
    SDL_Rect r;
    if (!text_box(drawn(app), text, &r)) {
        fprintf(stderr, "\"%s\" was not drawn\n", text);
        return false;
    }
    tap_rect(app, r);
    return true;
}

/* The name of the view on top ("" with none). */
static inline const char *top_name(const ui_app *app)
{
    return app->depth ? app->ops[app->depth - 1]->name : "";
}

/* The colour of the headless target's pixel at (x, y), and alike colours. */
static inline SDL_Color pixel(ui_app *app, int x, int y)
{
    SDL_Surface *s = app->target;
    Uint32 v = ((Uint32 *)s->pixels)[y * (s->pitch / 4) + x];
    SDL_Color c;
    SDL_GetRGB(v, s->format, &c.r, &c.g, &c.b);
    return c;
}

static inline bool same(SDL_Color a, SDL_Color b)
{
    return a.r == b.r && a.g == b.g && a.b == b.b;
}

#endif
