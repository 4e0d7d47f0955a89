/*
 * presenter.c - presenter mode: the audience view on the projector and the
 * console (current slide, next slide, notes, timer, clock) on the laptop.
 *
 * With two displays the audience window is fullscreen on the display that
 * is not the laptop's (--audience-display N to choose); with one, the
 * window shows the audience view and P switches to the console.  When a
 * projector is plugged in or out (SDL display events) the audience window
 * follows.  Both windows use the same slide navigation as the viewer, so
 * every clicker key behaves alike; Esc quits only when pressed twice within
 * two seconds, and never in the middle of an overview or a blackout.
 *
 * The timer starts at the first slide change (or T), not when the deck
 * opens, so setting up before the talk costs nothing.  Fragmented lists
 * (frag.h) step item by item; past the last slide the audience sees an
 * end card and the console says so.  The presenter's own tools for the
 * projector: a pointer (L: a dot where the mouse or a finger is on the
 * console's slide), a spotlight (S: all dimmed but a circle) and a box
 * zoom (Z: drag a box, the audience sees it enlarged); Esc clears them.
 *
 * The audience window has its own renderer, so its own text cache: drawing
 * for it swaps app->ren/app->txt for the duration (ui_* helpers use them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slides.h"
#include "views.h"

/* The presenter's tools for the projector. */
enum { TOOL_NONE, TOOL_POINTER, TOOL_SPOTLIGHT, TOOL_BOXZOOM };

/* A rectangle in slide units (0..1 of its width and height). */
typedef struct frect {
    float x, y, w, h;
} frect;

typedef struct surface {
    SDL_Window *win;
    SDL_Renderer *ren;
    txt *txt;
    int w, h;
    int display;
} surface;

typedef struct pres {
    int deck;
    slide_nav nav;
    slide_cache cur_cache, next_cache, aud_cache;
    surface aud;    /* the audience window, when there is one */
    bool console;   /* one display: console shown instead of the slide */
    /* timer: begun at the first slide change or T */
    Uint32 started, paused_at, paused_total;
    bool running, begun;
    /* pointer, spotlight and box zoom, in slide units */
    int tool;
    float px, py;      /* where the pointer is */
    bool pin;          /* ... over the slide (else not drawn) */
    bool boxing;       /* a zoom box is being dragged from (bx, by) */
    float bx, by;
    bool zoomed;       /* the audience sees zoom enlarged */
    frect zoom;
    slide_cache zoom_cache, aud_zoom_cache;
    Uint32 esc_at; /* last Esc, 0: none */
    /* console layout */
    SDL_Rect cur_r, next_r, notes_r, timer_r;
    lay_result notes;
    int notes_scroll, notes_max, notes_zoom;
    int notes_for; /* slide the notes were laid out for */
} pres;

static const deck *pdeck(const pres *p, const ui_app *app)
{
    return app->decks[p->deck];
}

/* ---- the audience window ---- */

static void aud_close(pres *p)
{
    slide_cache_fini(&p->aud_cache);
    slide_cache_fini(&p->aud_zoom_cache);
    txt_close(p->aud.txt);
    if (p->aud.ren)
        SDL_DestroyRenderer(p->aud.ren);
    if (p->aud.win)
        SDL_DestroyWindow(p->aud.win);
    memset(&p->aud, 0, sizeof p->aud);
}

/* The display to project on, or -1 for none (one display, headless). */
static int pick_display(const ui_app *app)
{
    if (!app->win)
        return -1;
    int n = SDL_GetNumVideoDisplays();
    if (app->audience_display >= 0)
        return app->audience_display < n ? app->audience_display : -1;
    if (n < 2)
        return -1;
    int mine = SDL_GetWindowDisplayIndex(app->win);
    return mine == 0 ? 1 : 0;
}

static void aud_open(pres *p, ui_app *app, int display)
{
    SDL_Rect b;
    if (SDL_GetDisplayBounds(display, &b) != 0)
        return;
    /* Named after the deck: what a window list or a screen-sharing picker shows. */
    const char *title = pdeck(p, app)->title;
    p->aud.win = SDL_CreateWindow(title && *title ? title : ui_msg(app, MSG_DESK_NAME), b.x, b.y,
                                  b.w, b.h,
                                  SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS |
                                      SDL_WINDOW_ALLOW_HIGHDPI);
    if (!p->aud.win)
        return;
    p->aud.ren = SDL_CreateRenderer(p->aud.win, -1, SDL_RENDERER_PRESENTVSYNC);
    if (!p->aud.ren)
        p->aud.ren = SDL_CreateRenderer(p->aud.win, -1, SDL_RENDERER_SOFTWARE);
    char err[256];
    p->aud.txt = p->aud.ren ? txt_open(app->font_path, p->aud.ren, err, sizeof err) : NULL;
    if (!p->aud.txt) {
        aud_close(p);
        return;
    }
    txt_set_loader(p->aud.txt, ui_picture_loader(), app);
    SDL_SetRenderDrawBlendMode(p->aud.ren, SDL_BLENDMODE_BLEND);
    SDL_GetRendererOutputSize(p->aud.ren, &p->aud.w, &p->aud.h);
    p->aud.display = display;
    slide_cache_init(&p->aud_cache);
    slide_cache_init(&p->aud_zoom_cache);
}

/* Put the console window on display d, covering it when it is fullscreen. */
static void console_to(ui_app *app, int d)
{
    SDL_Rect b;
    if (SDL_GetDisplayBounds(d, &b) != 0)
        return;
    if (SDL_GetWindowFlags(app->win) & SDL_WINDOW_FULLSCREEN) {
        SDL_SetWindowFullscreen(app->win, 0);
        SDL_SetWindowPosition(app->win, b.x, b.y);
        SDL_SetWindowSize(app->win, b.w, b.h);
        SDL_SetWindowFullscreen(app->win, SDL_WINDOW_FULLSCREEN_DESKTOP);
    } else {
        SDL_SetWindowPosition(app->win, SDL_WINDOWPOS_CENTERED_DISPLAY(d),
                              SDL_WINDOWPOS_CENTERED_DISPLAY(d));
    }
}

/* Projector plugged in or out: follow it.  The console keeps out of its
 * way (--audience-display 0 sends it to the other display) and comes back
 * to the first display when its own is unplugged. */
static void aud_follow(pres *p, ui_app *app)
{
    int want = pick_display(app);
    if (p->aud.win && (want < 0 || want != p->aud.display))
        aud_close(p);
    if (app->win) {
        int n = SDL_GetNumVideoDisplays(), mine = SDL_GetWindowDisplayIndex(app->win);
        if (want >= 0 && mine == want && n >= 2)
            console_to(app, want == 0 ? 1 : 0);
        else if (mine < 0 || mine >= n)
            console_to(app, 0);
    }
    if (!p->aud.win && want >= 0)
        aud_open(p, app, want);
    app->dirty = true;
}

/* Draw into another surface with the app's helpers: swap, draw, swap back. */
typedef struct saved {
    SDL_Renderer *ren;
    txt *txt;
    int w, h;
    float scale;
} saved;

static saved use_surface(ui_app *app, const surface *s)
{
    saved old = {app->ren, app->txt, app->w, app->h, app->scale};
    app->ren = s->ren;
    app->txt = s->txt;
    app->w = s->w;
    app->h = s->h;
    float sx = s->w / 1280.0f, sy = s->h / 720.0f;
    app->scale = sx < sy ? sx : sy;
    app->lay.m = txt_metrics(s->txt);
    return old;
}

static void restore(ui_app *app, saved old)
{
    app->ren = old.ren;
    app->txt = old.txt;
    app->w = old.w;
    app->h = old.h;
    app->scale = old.scale;
    app->lay.m = txt_metrics(old.txt);
}

/* ---- drawing on the slide: end card, pointer, spotlight ---- */

/* The end card in r: what the audience sees past the last slide. */
static void draw_end_card(pres *p, ui_app *app, SDL_Rect r)
{
    const deck *k = pdeck(p, app);
    ui_fill(app, ui_color(PAL_BLACK), r.x, r.y, r.w, r.h);
    const char *title = k->title && *k->title ? k->title : k->slides[0].title;
    const char *end = ui_msg(app, MSG_PRES_END_CARD);
    int big = r.h / 12 > 4 ? r.h / 12 : 4, small = r.h / 20 > 4 ? r.h / 20 : 4;
    lay_result l;
    lay_init(&l);
    int y = lay_text(&l, &app->lay, end, 0, 0, r.w * 8 / 10, big, DOC_S_BOLD | LAY_S_PHRASE,
                     LAY_C_TEXT, DOC_ALIGN_CENTER);
    if (title && *title)
        lay_text(&l, &app->lay, title, 0, y + small / 2, r.w * 8 / 10, small, LAY_S_PHRASE,
                 LAY_C_MUTED, DOC_ALIGN_CENTER);
    SDL_Color cols[LAY_C_COUNT];
    for (int i = 0; i < LAY_C_COUNT; i++)
        cols[i] = ui_color(PAL_CONSOLE_TEXT);
    cols[LAY_C_MUTED] = ui_color(PAL_CONSOLE_MUTED);
    ui_paint_colors(app, &l, r.x + r.w / 10, r.y + (r.h - l.height) / 2, &r, cols);
    lay_fini(&l);
}

/* Half the width of a circle of radius rad at dy from its centre. */
static int half_chord(int rad, int dy)
{
    long long r2 = (long long)rad * rad - (long long)dy * dy;
    int x = 0;
    while ((long long)(x + 1) * (x + 1) <= r2)
        x++;
    return x;
}

static float fabs_f(float v)
{
    return v < 0 ? -v : v;
}

/* A filled disc (row by row: SDL2 draws no circles). */
static void disc(ui_app *app, SDL_Color c, int cx, int cy, int rad)
{
    for (int dy = -rad; dy <= rad; dy++) {
        int dx = half_chord(rad, dy);
        ui_fill(app, c, cx - dx, cy + dy, 2 * dx + 1, 1);
    }
}

/* Dim r except a circle of radius rad around (cx, cy). */
static void spotlight(ui_app *app, SDL_Rect r, int cx, int cy, int rad)
{
    SDL_Color shade = ui_color(PAL_BLACK);
    shade.a = 170;
    int top = cy - rad, bot = cy + rad + 1;
    if (top > r.y)
        ui_fill(app, shade, r.x, r.y, r.w, MG_MIN(top, r.y + r.h) - r.y);
    if (bot < r.y + r.h)
        ui_fill(app, shade, r.x, MG_MAX(bot, r.y), r.w, r.y + r.h - MG_MAX(bot, r.y));
    for (int y = MG_MAX(top, r.y); y < MG_MIN(bot, r.y + r.h); y++) {
        int dy = y - cy;
        int dx = half_chord(rad, dy);
        int l = MG_MAX(r.x, MG_MIN(cx - dx, r.x + r.w)), rr = MG_MIN(r.x + r.w, MG_MAX(cx + dx + 1, r.x));
        if (l > r.x)
            ui_fill(app, shade, r.x, y, l - r.x, 1);
        if (rr < r.x + r.w)
            ui_fill(app, shade, rr, y, r.x + r.w - rr, 1);
    }
}

/* The pointer or the spotlight over a slide drawn in r that shows the part
 * v of the slide (the whole slide, or the zoomed box). */
static void draw_tools(const pres *p, ui_app *app, SDL_Rect r, frect v)
{
    if (!p->pin || (p->tool != TOOL_POINTER && p->tool != TOOL_SPOTLIGHT))
        return;
    int cx = r.x + (int)((p->px - v.x) / v.w * r.w), cy = r.y + (int)((p->py - v.y) / v.h * r.h);
    SDL_RenderSetClipRect(app->ren, &r);
    if (p->tool == TOOL_SPOTLIGHT)
        spotlight(app, r, cx, cy, r.h * 16 / 100);
    else {
        int rad = MG_MAX(4, r.h / 70);
        disc(app, ui_color(PAL_WHITE), cx, cy, rad + MG_MAX(1, rad / 4));
        disc(app, ui_color(PAL_POINTER), cx, cy, rad);
    }
    SDL_RenderSetClipRect(app->ren, NULL);
}

static const frect whole = {0, 0, 1, 1};

/* The audience view: the slide (or its zoomed part), letterboxed, or
 * black/white, or the end card; with the pointer or spotlight on it. */
static void draw_audience(pres *p, ui_app *app, slide_cache *cache, slide_cache *zcache)
{
    const deck *k = pdeck(p, app);
    if (p->nav.blank) {
        slide_draw_blank(app, p->nav.blank);
        return;
    }
    ui_fill(app, ui_color(PAL_BLACK), 0, 0, app->w, app->h);
    SDL_Rect r = slide_fit(k, 0, 0, app->w, app->h);
    if (p->nav.at_end) {
        draw_end_card(p, app, r);
        return;
    }
    int shown = slide_nav_shown(&p->nav);
    if (p->zoomed) {
        /* Rendered larger so the enlarged part stays sharp (within what a
         * texture may hold). */
        int w = (int)(r.w / p->zoom.w);
        SDL_RendererInfo ri; /* an older GPU may hold 2048 px at most */
        int most = SDL_GetRendererInfo(app->ren, &ri) == 0 && ri.max_texture_width > 0
                       ? MG_MIN(ri.max_texture_width, 4096)
                       : 4096;
        w = MG_MIN(w, most);
        SDL_Texture *tex = slide_get_step(app, zcache, k, p->nav.cur, shown, w);
        int tw = 0, th = 0;
        if (tex && SDL_QueryTexture(tex, NULL, NULL, &tw, &th) == 0) {
            SDL_Rect src = {(int)(p->zoom.x * tw), (int)(p->zoom.y * th), (int)(p->zoom.w * tw),
                            (int)(p->zoom.h * th)};
            SDL_RenderCopy(app->ren, tex, &src, &r);
        }
        draw_tools(p, app, r, p->zoom);
        return;
    }
    SDL_Texture *tex = slide_get_step(app, cache, k, p->nav.cur, shown, r.w);
    if (tex)
        SDL_RenderCopy(app->ren, tex, NULL, &r);
    draw_tools(p, app, r, whole);
}

/* ---- the timer ---- */

static Uint32 elapsed(const pres *p, Uint32 now)
{
    if (!p->begun)
        return 0;
    Uint32 end = p->running ? now : p->paused_at;
    return end - p->started - p->paused_total;
}

static void timer_begin(pres *p, Uint32 now)
{
    p->begun = p->running = true;
    p->started = now;
    p->paused_total = 0;
}

static void fmt_time(char *buf, size_t n, Uint32 ms)
{
    unsigned s = ms / 1000;
    if (s >= 3600)
        snprintf(buf, n, "%u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
    else
        snprintf(buf, n, "%02u:%02u", s / 60, s % 60);
}

/* ---- the view ---- */

static void *pr_open(ui_app *app, const ui_args *args)
{
    int arg = args && args->kind == ARGS_DECK ? args->deck : 0;
    if (arg < 0 || (size_t)arg >= app->ndecks || app->decks[arg]->n == 0)
        return NULL;
    pres *p = xcalloc(1, sizeof *p);
    p->deck = arg;
    slide_nav_init(&p->nav, (int)app->decks[arg]->n);
    slide_nav_steps(&p->nav, app->decks[arg], true);
    slide_cache_init(&p->cur_cache);
    slide_cache_init(&p->next_cache);
    slide_cache_init(&p->zoom_cache);
    slide_cache_init(&p->aud_zoom_cache);
    lay_init(&p->notes);
    p->notes_for = -1;
    p->notes_zoom = 2;
    aud_follow(p, app);
    /* Headless (screenshots, tests) there is only the console to show. */
    p->console = !app->win;
    return p;
}

static void pr_close(void *v)
{
    pres *p = v;
    if (!p)
        return;
    slide_cache_fini(&p->cur_cache);
    slide_cache_fini(&p->next_cache);
    slide_cache_fini(&p->zoom_cache);
    aud_close(p);
    lay_fini(&p->notes);
    free(p);
}

static bool console_shown(const pres *p)
{
    return p->aud.win || p->console;
}

static void layout_notes(pres *p, ui_app *app)
{
    static const int sizes[] = {22, 26, 30, 36, 44};
    lay_fini(&p->notes);
    lay_init(&p->notes);
    const char *notes = pdeck(p, app)->slides[p->nav.cur].notes;
    int size = ui_px(app, (float)sizes[p->notes_zoom]);
    int w = p->notes_r.w - ui_px(app, 32);
    if (*notes) {
        /* Notes are plain text: each line its own paragraph. */
        doc_span sp = {.kind = DOC_SPAN_TEXT, .text = notes, .len = strlen(notes)};
        lay_spans(&p->notes, &app->lay, &sp, 1, 0, 0, w, size, LAY_S_PHRASE, LAY_C_TEXT,
                  DOC_ALIGN_LEFT, 1.45f);
    } else {
        lay_text(&p->notes, &app->lay, ui_msg(app, MSG_PRES_NO_NOTES), 0, 0, w, size,
                 LAY_S_PHRASE, LAY_C_MUTED, DOC_ALIGN_LEFT);
    }
    int view = p->notes_r.h - ui_px(app, 70);
    p->notes_max = p->notes.height > view ? p->notes.height - view : 0;
    if (p->notes_scroll > p->notes_max)
        p->notes_scroll = p->notes_max;
    p->notes_for = p->nav.cur;
}

/* Height of the band of keys along the console's foot (two lines). */
static int help_band(const ui_app *app)
{
    return ui_px(app, 50);
}

static void pr_resize(void *v, ui_app *app)
{
    pres *p = v;
    int m = ui_px(app, 20), foot = help_band(app);
    int left = app->w * 60 / 100;
    const deck *k = pdeck(p, app);
    p->cur_r = slide_fit(k, m, m, left - 2 * m, app->h * 62 / 100);
    p->cur_r.x = m;
    p->cur_r.y = m;
    int below = p->cur_r.y + p->cur_r.h + m, label = ui_px(app, 36);
    p->next_r = slide_fit(k, m, below + label, (left - 2 * m) * 45 / 100,
                          app->h - below - label - foot);
    p->next_r.x = m;
    p->next_r.y = below + label;
    p->timer_r = (SDL_Rect){p->next_r.x + p->next_r.w + m, below, left - 2 * m - p->next_r.w - m,
                            app->h - below - foot};
    p->notes_r = (SDL_Rect){left, m, app->w - left - m, app->h - m - foot};
    p->notes_for = -1;
    app->dirty = true;
}

/* The slide an action at (x, y) in window win points into, on screen. */
static SDL_Rect slide_under(const pres *p, const ui_app *app, int win)
{
    const deck *k = pdeck(p, app);
    if (win == 1)
        return slide_fit(k, 0, 0, p->aud.w, p->aud.h);
    if (console_shown(p))
        return p->cur_r;
    return slide_fit(k, 0, 0, app->w, app->h);
}

/* (x, y) in slide units of r, clamped; false when outside r. */
static bool to_slide(SDL_Rect r, int x, int y, float *sx, float *sy)
{
    bool in = r.w > 0 && r.h > 0 && ui_hit(&r, x, y);
    float fx = r.w > 0 ? (float)(x - r.x) / r.w : 0, fy = r.h > 0 ? (float)(y - r.y) / r.h : 0;
    *sx = fx < 0 ? 0 : fx > 1 ? 1 : fx;
    *sy = fy < 0 ? 0 : fy > 1 ? 1 : fy;
    return in;
}

/* The dragged box as a zoom of the slide's own aspect (so nothing is
 * stretched), grown about its centre and kept inside the slide; false
 * when it is too small to mean a zoom. */
static bool zoom_box(const pres *p, float x1, float y1, frect *out)
{
    float x0 = MG_MIN(p->bx, x1), y0 = MG_MIN(p->by, y1);
    float w = fabs_f(x1 - p->bx), h = fabs_f(y1 - p->by);
    if (w < 0.04f && h < 0.04f)
        return false;
    float side = MG_MAX(w, h); /* in slide units both axes scale alike */
    side = MG_MAX(side, 0.1f); /* at most 10 times */
    float cx = x0 + w / 2, cy = y0 + h / 2;
    out->w = out->h = side > 1 ? 1 : side;
    out->x = cx - out->w / 2;
    out->y = cy - out->h / 2;
    out->x = out->x < 0 ? 0 : out->x + out->w > 1 ? 1 - out->w : out->x;
    out->y = out->y < 0 ? 0 : out->y + out->h > 1 ? 1 - out->h : out->y;
    return true;
}

/* The zoom ends: its large renders (up to 4096 px wide, ~37 MB each) go
 * with it, rather than piling up slide after slide. */
static void zoom_end(pres *p)
{
    p->zoomed = false;
    slide_cache_fini(&p->zoom_cache); /* (and made empty again) */
    slide_cache_fini(&p->aud_zoom_cache);
}

static void tools_clear(pres *p)
{
    p->tool = TOOL_NONE;
    p->boxing = false;
    zoom_end(p);
}

/* The tools' keys and the pointer over the slide; true when a was theirs. */
static bool tool_action(pres *p, ui_app *app, const ui_action *a)
{
    switch (a->kind) {
    case ACT_POINTER:
    case ACT_SPOTLIGHT: {
        int t = a->kind == ACT_POINTER ? TOOL_POINTER : TOOL_SPOTLIGHT;
        p->tool = p->tool == t ? TOOL_NONE : t;
        p->boxing = false;
        app->dirty = true;
        return true;
    }
    case ACT_BOXZOOM:
        if (p->zoomed || p->tool == TOOL_BOXZOOM)
            tools_clear(p);
        else
            p->tool = TOOL_BOXZOOM;
        app->dirty = true;
        return true;
    case ACT_BACK:
        if (p->tool == TOOL_NONE && !p->zoomed)
            return false;
        tools_clear(p); /* Esc clears the tools before it means quitting */
        app->dirty = true;
        return true;
    case ACT_HOVER:
    case ACT_PRESS:
    case ACT_DRAG:
    case ACT_RELEASE:
    case ACT_TAP:
        break;
    default: return false;
    }
    if (p->tool == TOOL_NONE)
        return false;
    SDL_Rect r = slide_under(p, app, a->win);
    float sx, sy;
    bool in = to_slide(r, a->x, a->y, &sx, &sy);
    if (p->tool == TOOL_BOXZOOM) {
        if (a->kind == ACT_PRESS) {
            if (!in)
                return false;
            p->boxing = true;
            p->bx = p->px = sx;
            p->by = p->py = sy;
        } else if (a->kind == ACT_DRAG) {
            if (!p->boxing)
                return false;
            p->px = sx;
            p->py = sy;
        } else if (a->kind == ACT_RELEASE) {
            if (!p->boxing)
                return false;
            p->boxing = false;
            if (zoom_box(p, sx, sy, &p->zoom)) {
                p->zoomed = true;
                p->tool = TOOL_NONE;
            }
        } else
            return a->kind == ACT_TAP && in; /* a tap on the slide: no box */
        app->dirty = true;
        return true;
    }
    /* Pointer and spotlight: the mouse over the slide, or a finger on it;
     * a tap on the slide points there, it does not go on. */
    bool was = p->pin;
    p->pin = in || (a->kind == ACT_DRAG && p->pin);
    if (p->pin) {
        p->px = sx;
        p->py = sy;
    }
    if (p->pin || was)
        app->dirty = true;
    return in || was;
}

static void pr_action(void *v, ui_app *app, const ui_action *a)
{
    pres *p = v;
    Uint32 now = ui_ticks(app);
    if (a->kind == ACT_DISPLAYS) {
        aud_follow(p, app);
        return;
    }
    /* Presenter-only keys (never while the audience sees black). */
    if (!p->nav.blank && !p->nav.overview) {
        if (tool_action(p, app, a))
            return;
        switch (a->kind) {
        case ACT_TIMER:
            if (!p->begun)
                timer_begin(p, now);
            else if (p->running) {
                p->paused_at = now;
                p->running = false;
            } else {
                p->paused_total += now - p->paused_at;
                p->running = true;
            }
            app->dirty = true;
            return;
        case ACT_TIMER_RESET:
            p->started = now;
            p->paused_total = 0;
            p->paused_at = now;
            app->dirty = true;
            return;
        case ACT_CONSOLE:
            if (!p->aud.win) {
                p->console = !p->console;
                app->dirty = true;
            }
            return;
        case ACT_ZOOM_IN:
        case ACT_ZOOM_OUT:
            p->notes_zoom += a->kind == ACT_ZOOM_IN ? 1 : -1;
            p->notes_zoom = p->notes_zoom < 0 ? 0 : p->notes_zoom > 4 ? 4 : p->notes_zoom;
            p->notes_for = -1;
            app->dirty = true;
            return;
        default: break;
        }
    }
    if (a->kind == ACT_HOVER)
        return;
    int before = p->nav.cur, before_step = p->nav.step;
    bool before_end = p->nav.at_end;
    /* The notes scroll under the finger or the wheel; the rest is slides. */
    if (console_shown(p) && a->win == 0 && ui_hit(&p->notes_r, a->x, a->y) &&
        (a->kind == ACT_SCROLL || a->kind == ACT_DRAG)) {
        int dy = a->kind == ACT_SCROLL ? a->dy * ui_px(app, 60) : -a->dy;
        int s = p->notes_scroll + dy;
        p->notes_scroll = s < 0 ? 0 : s > p->notes_max ? p->notes_max : s;
        app->dirty = true;
        return;
    }
    if (a->kind == ACT_TAP && !p->nav.blank && !p->nav.overview) {
        /* A click on the audience window or the current slide goes on;
         * on the next slide too (it becomes current). */
        if (a->win == 1 || !console_shown(p) || ui_hit(&p->cur_r, a->x, a->y) ||
            ui_hit(&p->next_r, a->x, a->y)) {
            slide_nav_act(&p->nav, &(ui_action){.kind = ACT_NEXT}, p->cur_r.w);
            p->notes_scroll = 0;
            app->dirty = true;
        }
    } else {
        int r = slide_nav_act(&p->nav, a, p->cur_r.w);
        if (r == NAV_UNHANDLED && a->kind == ACT_BACK) {
            /* Esc twice within two seconds quits; once shows how. */
            if (p->esc_at && now - p->esc_at <= 2000)
                app->quit = true;
            else
                p->esc_at = now ? now : 1;
            app->dirty = true;
            return;
        }
        if (a->kind != ACT_BACK && a->kind != ACT_RELEASE && a->kind != ACT_PRESS)
            p->esc_at = 0;
        if (r == NAV_REDRAW)
            app->dirty = true;
    }
    if (p->nav.cur != before)
        p->notes_scroll = 0;
    if (p->nav.cur != before || p->nav.step != before_step || p->nav.at_end != before_end) {
        zoom_end(p); /* a zoom is of one slide */
        if (!p->begun)
            timer_begin(p, now); /* the talk has started */
    }
}

/* A message broken between phrases within w, painted at (x, y) in c;
 * returns its height. */
static int para(ui_app *app, const char *text, int size, SDL_Color c, int x, int y, int w,
                const SDL_Rect *clip)
{
    lay_result l;
    lay_init(&l);
    int h = lay_text(&l, &app->lay, text, 0, 0, w, size, LAY_S_PHRASE, LAY_C_TEXT,
                     DOC_ALIGN_LEFT);
    SDL_Color cols[LAY_C_COUNT];
    for (int i = 0; i < LAY_C_COUNT; i++)
        cols[i] = c;
    ui_paint_colors(app, &l, x, y, clip, cols);
    lay_fini(&l);
    return h;
}

/* The timer panel, most needed first (what does not fit is cut): the time
 * spent and the clock, the time left, the slide and the step, then what
 * the timer waits for and what the audience sees besides the slide. */
static void draw_timer(pres *p, ui_app *app)
{
    const deck *k = pdeck(p, app);
    Uint32 now = ui_ticks(app);
    Uint32 el = elapsed(p, now);
    SDL_Rect r = p->timer_r;
    SDL_RenderSetClipRect(app->ren, &r);
    SDL_Color white = ui_color(PAL_CONSOLE_TEXT), muted = ui_color(PAL_CONSOLE_MUTED),
              amber = ui_color(PAL_PACE_BEHIND);
    int x = r.x + ui_px(app, 12), y = r.y, w = r.w - ui_px(app, 12);
    char t[32], line[96];
    fmt_time(t, sizeof t, el);
    snprintf(line, sizeof line, ui_msg(app, MSG_PRES_ELAPSED), t);
    int big = ui_px(app, 42), mid = ui_px(app, 32), sm = ui_px(app, 18);
    txt_draw(app->txt, line, strlen(line), big, DOC_S_BOLD, white, x, y);
    /* The time of day, at the right of the same line. */
    time_t tt = (time_t)(ui_wall_ms(app) / 1000);
    struct tm tm;
    localtime_r(&tt, &tm);
    snprintf(t, sizeof t, "%02d:%02d", tm.tm_hour, tm.tm_min);
    int cw = txt_width(app->txt, t, strlen(t), mid, 0);
    txt_draw(app->txt, t, strlen(t), mid, 0, muted, r.x + r.w - cw,
             y + txt_height(app->txt, big) - txt_height(app->txt, mid));
    y += txt_height(app->txt, big);
    if (app->present_ms) {
        /* Pace: green on time, amber behind the slides' share of the time,
         * red when the time is up. */
        int n = (int)k->n;
        double done = n > 1 ? (double)p->nav.cur / (n - 1) : 1.0;
        double spent = (double)el / app->present_ms;
        SDL_Color c = ui_color(PAL_PACE_OK);
        if (el >= app->present_ms || app->present_ms - el < app->present_ms / 20)
            c = ui_color(PAL_PACE_OVER);
        else if (spent - done > 0.10)
            c = amber;
        if (el <= app->present_ms) {
            fmt_time(t, sizeof t, app->present_ms - el);
            snprintf(line, sizeof line, ui_msg(app, MSG_PRES_REMAIN), t);
        } else {
            fmt_time(t, sizeof t, el - app->present_ms);
            snprintf(line, sizeof line, ui_msg(app, MSG_PRES_OVER), t);
        }
        ui_fill(app, c, x, y + ui_px(app, 6), ui_px(app, 10), txt_height(app->txt, mid) - 12);
        txt_draw(app->txt, line, strlen(line), mid, DOC_S_BOLD, c, x + ui_px(app, 20), y);
        y += txt_height(app->txt, mid);
    }
    /* The slide number, and the step in a fragmented list. */
    int ss = ui_px(app, 28);
    snprintf(line, sizeof line, ui_msg(app, MSG_PRES_SLIDE), p->nav.cur + 1, (int)k->n);
    txt_draw(app->txt, line, strlen(line), ss, DOC_S_BOLD, white, x, y);
    int nsteps = slide_nav_nsteps(&p->nav);
    if (nsteps > 0 && !p->nav.at_end) {
        int lw = txt_width(app->txt, line, strlen(line), ss, DOC_S_BOLD);
        char st[64];
        snprintf(st, sizeof st, ui_msg(app, MSG_PRES_STEP), p->nav.step, nsteps);
        txt_draw(app->txt, st, strlen(st), ss, DOC_S_BOLD, amber, x + lw + ui_px(app, 16), y);
    }
    y += txt_height(app->txt, ss) + ui_px(app, 4);
    if (!p->begun || !p->running)
        y += para(app, ui_msg(app, p->begun ? MSG_PRES_PAUSED : MSG_PRES_WAITING), sm, amber, x,
                  y, w, &r);
    /* What the audience sees besides the slide: the end, a tool. */
    msg_id say = p->nav.at_end                ? MSG_PRES_AT_END
                 : p->zoomed                  ? MSG_PRES_ZOOMED
                 : p->tool == TOOL_POINTER    ? MSG_PRES_POINTER
                 : p->tool == TOOL_SPOTLIGHT  ? MSG_PRES_SPOTLIGHT
                 : p->tool == TOOL_BOXZOOM    ? MSG_PRES_BOXZOOM
                                              : MSG_COUNT;
    if (say != MSG_COUNT)
        para(app, ui_msg(app, say), sm, white, x, y, w, &r);
    SDL_RenderSetClipRect(app->ren, NULL);
}

static void draw_console(pres *p, ui_app *app)
{
    const deck *k = pdeck(p, app);
    SDL_Color bg = ui_color(PAL_CONSOLE_BG), panel = ui_color(PAL_CONSOLE_PANEL),
              white = ui_color(PAL_CONSOLE_TEXT), muted = ui_color(PAL_CONSOLE_MUTED);
    ui_fill(app, bg, 0, 0, app->w, app->h);
    if (p->nav.overview) {
        slide_draw_overview(app, &p->nav, k);
        return;
    }
    /* The current slide, as the audience sees it (black when blacked out),
     * with the zoomed part framed and the pointer where it is. */
    int shown = slide_nav_shown(&p->nav);
    if (p->nav.blank)
        ui_fill(app, p->nav.blank == 1 ? ui_color(PAL_BLACK) : white, p->cur_r.x,
                p->cur_r.y, p->cur_r.w, p->cur_r.h);
    else if (p->nav.at_end)
        draw_end_card(p, app, p->cur_r);
    else {
        SDL_Texture *tex = slide_get_step(app, &p->cur_cache, k, p->nav.cur, shown, p->cur_r.w);
        if (tex)
            SDL_RenderCopy(app->ren, tex, NULL, &p->cur_r);
        SDL_Rect c = p->cur_r;
        int t = MG_MAX(2, ui_px(app, 3));
        if (p->boxing || p->zoomed) {
            frect z = p->zoom;
            if (p->boxing)
                z = (frect){MG_MIN(p->bx, p->px), MG_MIN(p->by, p->py), fabs_f(p->px - p->bx),
                            fabs_f(p->py - p->by)};
            ui_frame(app, ui_color(PAL_PACE_BEHIND), c.x + (int)(z.x * c.w),
                     c.y + (int)(z.y * c.h), MG_MAX(t * 2, (int)(z.w * c.w)),
                     MG_MAX(t * 2, (int)(z.h * c.h)), t);
        }
        draw_tools(p, app, c, whole);
    }
    /* What the next press shows: this slide's next item, the next slide,
     * or the end card. */
    int nsteps = slide_nav_nsteps(&p->nav);
    bool step_next = !p->nav.at_end && p->nav.step < nsteps;
    const char *nl = ui_msg(app, step_next ? MSG_PRES_NEXT_STEP : MSG_PRES_NEXT);
    int ls = ui_px(app, 24);
    txt_draw(app->txt, nl, strlen(nl), ls, 0, muted, p->next_r.x, p->next_r.y - ls * 3 / 2);
    if (step_next || (!p->nav.at_end && p->nav.cur + 1 < (int)k->n)) {
        int idx = step_next ? p->nav.cur : p->nav.cur + 1, st = step_next ? p->nav.step + 1 : 0;
        SDL_Texture *tex = slide_get_step(app, &p->next_cache, k, idx, st, p->next_r.w);
        if (tex)
            SDL_RenderCopy(app->ren, tex, NULL, &p->next_r);
    } else {
        ui_fill(app, panel, p->next_r.x, p->next_r.y, p->next_r.w, p->next_r.h);
        const char *s = ui_msg(app, p->nav.at_end ? MSG_PRES_END_CARD : MSG_PRES_LAST);
        int pad = ui_px(app, 12);
        para(app, s, ls, muted, p->next_r.x + pad, p->next_r.y + pad, p->next_r.w - 2 * pad,
             &p->next_r);
    }
    draw_timer(p, app);
    /* The notes, large, scrollable. */
    SDL_Rect nr = p->notes_r;
    ui_fill(app, panel, nr.x, nr.y, nr.w, nr.h);
    const char *title = ui_msg(app, MSG_PRES_NOTES);
    txt_draw(app->txt, title, strlen(title), ls, DOC_S_BOLD, muted, nr.x + ui_px(app, 16),
             nr.y + ui_px(app, 12));
    /* Where the slides are shown, at the right of the notes' title. */
    {
        char where[96];
        if (p->aud.win)
            snprintf(where, sizeof where, ui_msg(app, MSG_PRES_AUDIENCE), p->aud.display + 1);
        else
            snprintf(where, sizeof where, "%s", ui_msg(app, MSG_PRES_SINGLE));
        int ws = ui_px(app, 18);
        int ww = txt_width(app->txt, where, strlen(where), ws, 0);
        int wx = MG_MAX(nr.x + ui_px(app, 120), nr.x + nr.w - ui_px(app, 16) - ww);
        SDL_Rect hc = {nr.x, nr.y, nr.w - ui_px(app, 8), ui_px(app, 56)};
        SDL_RenderSetClipRect(app->ren, &hc);
        txt_draw(app->txt, where, strlen(where), ws, 0, muted, wx,
                 nr.y + ui_px(app, 12) + (ls - ws) / 2);
        SDL_RenderSetClipRect(app->ren, NULL);
    }
    if (p->notes_for != p->nav.cur)
        layout_notes(p, app);
    SDL_Rect clip = {nr.x, nr.y + ui_px(app, 56), nr.w, nr.h - ui_px(app, 56)};
    SDL_Color cols[LAY_C_COUNT];
    for (int i = 0; i < LAY_C_COUNT; i++)
        cols[i] = white;
    cols[LAY_C_MUTED] = muted;
    ui_paint_colors(app, &p->notes, nr.x + ui_px(app, 16), clip.y - p->notes_scroll, &clip,
                    cols);
    if (p->notes_max > 0) { /* where in the notes we are */
        int th = clip.h * clip.h / (clip.h + p->notes_max);
        int ty = clip.y + (clip.h - th) * p->notes_scroll / p->notes_max;
        ui_fill(app, muted, nr.x + nr.w - ui_px(app, 8), ty, ui_px(app, 5), th);
    }
    /* The keys along the foot, broken between phrases (a key stays with
     * its name), and the Esc warning when one is pending. */
    {
        const char *help = ui_msg(app, MSG_PRES_HELP);
        int hs = ui_px(app, 17), m = ui_px(app, 20);
        lay_result l;
        lay_init(&l);
        int h = lay_text(&l, &app->lay, help, 0, 0, app->w - 2 * m, hs, LAY_S_PHRASE,
                         LAY_C_MUTED, DOC_ALIGN_LEFT);
        SDL_Color hcols[LAY_C_COUNT];
        for (int i = 0; i < LAY_C_COUNT; i++)
            hcols[i] = muted;
        int band = help_band(app);
        ui_paint_colors(app, &l, m, app->h - band + (band - h) / 2, NULL, hcols);
        lay_fini(&l);
    }
    if (p->esc_at && ui_ticks(app) - p->esc_at <= 2000) {
        const char *s = ui_msg(app, MSG_PRES_ESC);
        int es = ui_px(app, 36);
        int w = txt_width(app->txt, s, strlen(s), es, DOC_S_BOLD) + ui_px(app, 40);
        ui_fill(app, ui_color(PAL_CONSOLE_ALERT), (app->w - w) / 2, app->h / 2 - es, w, es * 2);
        txt_draw(app->txt, s, strlen(s), es, DOC_S_BOLD, white, (app->w - w) / 2 + ui_px(app, 20),
                 app->h / 2 - es / 2 - es / 6);
    }
    slide_draw_entry(app, p->nav.entry);
}

static void pr_draw(void *v, ui_app *app)
{
    pres *p = v;
    if (console_shown(p))
        draw_console(p, app);
    else {
        draw_audience(p, app, &p->cur_cache, &p->zoom_cache);
        slide_draw_entry(app, p->nav.entry);
        if (p->nav.overview)
            slide_draw_overview(app, &p->nav, pdeck(p, app));
    }
    if (p->aud.win) {
        saved old = use_surface(app, &p->aud);
        SDL_SetRenderDrawColor(app->ren, 0, 0, 0, 255);
        SDL_RenderClear(app->ren);
        draw_audience(p, app, &p->aud_cache, &p->aud_zoom_cache);
        SDL_RenderPresent(app->ren);
        txt_frame_end(app->txt);
        restore(app, old);
    }
}

/* The state a press of next leads to from slide idx with step items shown
 * (the next item, or the next slide with none); false at the last. */
static bool state_after(const deck *k, int idx, int step, int *oi, int *os)
{
    if (idx < 0 || idx >= (int)k->n)
        return false;
    if (step < k->slides[idx].nfrags) {
        *oi = idx;
        *os = step + 1;
        return true;
    }
    *oi = idx + 1;
    *os = 0;
    return idx + 1 < (int)k->n;
}

static bool pr_idle(void *v, ui_app *app)
{
    pres *p = v;
    const deck *k = pdeck(p, app);
    if (p->nav.at_end)
        return false;
    /* Pre-render what the next press shows where it is needed first: on
     * the projector, then the console's current and next panes. */
    int ni, ns, ai, as;
    if (!state_after(k, p->nav.cur, p->nav.step, &ni, &ns))
        return false;
    if (p->aud.win) {
        SDL_Rect r = slide_fit(k, 0, 0, p->aud.w, p->aud.h);
        saved old = use_surface(app, &p->aud);
        bool did = slide_prefetch_step(app, &p->aud_cache, k, ni, ns, r.w);
        restore(app, old);
        if (did)
            return true;
    }
    if (slide_prefetch_step(app, &p->cur_cache, k, ni, ns, p->cur_r.w))
        return true;
    return state_after(k, ni, ns, &ai, &as) &&
           slide_prefetch_step(app, &p->next_cache, k, ai, as, p->next_r.w);
}

static int pr_timeout(void *v, ui_app *app)
{
    pres *p = v;
    Uint32 now = ui_ticks(app);
    if (p->esc_at && now - p->esc_at <= 2000)
        return (int)(2001 - (now - p->esc_at));
    if (!console_shown(p))
        return -1;
    /* The timer and clock show seconds: wake at the next second. */
    return p->running ? (int)(1000 - elapsed(p, now) % 1000) : 1000;
}

bool presenter_state(const ui_app *app, presenter_info *out)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &presenter_view)
        return false;
    const pres *p = app->views[app->depth - 1];
    out->cur = p->nav.cur;
    out->n = p->nav.n;
    out->blank = p->nav.blank;
    out->overview = p->nav.overview;
    out->console = console_shown(p);
    out->audience_window = p->aud.win != NULL;
    out->running = p->running;
    out->elapsed_ms = elapsed(p, ui_ticks(app));
    out->esc_pending = p->esc_at != 0;
    out->step = p->nav.step;
    out->nsteps = slide_nav_nsteps(&p->nav);
    out->at_end = p->nav.at_end;
    out->timer_begun = p->begun;
    out->tool = p->tool;
    out->zoomed = p->zoomed;
    out->pointer_on = p->pin;
    out->px = p->px;
    out->py = p->py;
    return true;
}

const ui_view_ops presenter_view = {
    .name = "presenter",
    .open = pr_open,
    .close = pr_close,
    .resize = pr_resize,
    .action = pr_action,
    .draw = pr_draw,
    .idle = pr_idle,
    .timeout = pr_timeout,
    .hover = true,
};
