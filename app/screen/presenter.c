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
 * The audience window has its own renderer, so its own text cache: drawing
 * for it swaps app->ren/app->txt for the duration (ui_* helpers use them).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "slides.h"
#include "views.h"

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
    /* timer */
    Uint32 started, paused_at, paused_total;
    bool running;
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

/* The audience view: the slide, letterboxed, or black/white, or overview. */
static void draw_audience(pres *p, ui_app *app, slide_cache *cache)
{
    const deck *k = pdeck(p, app);
    if (p->nav.blank) {
        slide_draw_blank(app, p->nav.blank);
        return;
    }
    ui_fill(app, ui_color(PAL_BLACK), 0, 0, app->w, app->h);
    SDL_Rect r = slide_fit(k, 0, 0, app->w, app->h);
    SDL_Texture *tex = slide_get(app, cache, k, p->nav.cur, r.w);
    if (tex)
        SDL_RenderCopy(app->ren, tex, NULL, &r);
}

/* ---- the timer ---- */

static Uint32 elapsed(const pres *p, Uint32 now)
{
    Uint32 end = p->running ? now : p->paused_at;
    return end - p->started - p->paused_total;
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
    slide_cache_init(&p->cur_cache);
    slide_cache_init(&p->next_cache);
    lay_init(&p->notes);
    p->notes_for = -1;
    p->notes_zoom = 2;
    p->started = ui_ticks(app);
    p->running = true;
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
        lay_spans(&p->notes, &app->lay, &sp, 1, 0, 0, w, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT,
                  1.45f);
    } else {
        lay_text(&p->notes, &app->lay, ui_msg(app, MSG_PRES_NO_NOTES), 0, 0, w, size, 0,
                 LAY_C_MUTED, DOC_ALIGN_LEFT);
    }
    int view = p->notes_r.h - ui_px(app, 70);
    p->notes_max = p->notes.height > view ? p->notes.height - view : 0;
    if (p->notes_scroll > p->notes_max)
        p->notes_scroll = p->notes_max;
    p->notes_for = p->nav.cur;
}

static void pr_resize(void *v, ui_app *app)
{
    pres *p = v;
    int m = ui_px(app, 20);
    int left = app->w * 60 / 100;
    const deck *k = pdeck(p, app);
    p->cur_r = slide_fit(k, m, m, left - 2 * m, app->h * 62 / 100);
    p->cur_r.x = m;
    p->cur_r.y = m;
    int below = p->cur_r.y + p->cur_r.h + m;
    p->next_r = slide_fit(k, m, below, (left - 2 * m) * 45 / 100, app->h - below - m);
    p->next_r.x = m;
    p->next_r.y = below + ui_px(app, 36);
    p->timer_r = (SDL_Rect){p->next_r.x + p->next_r.w + m, below, left - 2 * m - p->next_r.w - m,
                            app->h - below - m};
    p->notes_r = (SDL_Rect){left, m, app->w - left - m, app->h - 2 * m};
    p->notes_for = -1;
    app->dirty = true;
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
        switch (a->kind) {
        case ACT_TIMER:
            if (p->running)
                p->paused_at = now;
            else
                p->paused_total += now - p->paused_at;
            p->running = !p->running;
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
        return;
    }
    int before = p->nav.cur;
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
    if (p->nav.cur != before)
        p->notes_scroll = 0;
    if (r == NAV_REDRAW)
        app->dirty = true;
}

static void draw_timer(pres *p, ui_app *app)
{
    const deck *k = pdeck(p, app);
    Uint32 now = ui_ticks(app);
    Uint32 el = elapsed(p, now);
    SDL_Rect r = p->timer_r;
    SDL_Color white = ui_color(PAL_CONSOLE_TEXT), muted = ui_color(PAL_CONSOLE_MUTED);
    int x = r.x + ui_px(app, 12), y = r.y;
    char t[32], line[96];
    fmt_time(t, sizeof t, el);
    snprintf(line, sizeof line, ui_msg(app, MSG_PRES_ELAPSED), t);
    int big = ui_px(app, 44);
    txt_draw(app->txt, line, strlen(line), big, DOC_S_BOLD, white, x, y);
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
            c = ui_color(PAL_PACE_BEHIND);
        if (el <= app->present_ms) {
            fmt_time(t, sizeof t, app->present_ms - el);
            snprintf(line, sizeof line, ui_msg(app, MSG_PRES_REMAIN), t);
        } else {
            fmt_time(t, sizeof t, el - app->present_ms);
            snprintf(line, sizeof line, ui_msg(app, MSG_PRES_OVER), t);
        }
        int mid = ui_px(app, 36);
        ui_fill(app, c, x, y + ui_px(app, 6), ui_px(app, 10), txt_height(app->txt, mid) - 12);
        txt_draw(app->txt, line, strlen(line), mid, DOC_S_BOLD, c, x + ui_px(app, 20), y);
        y += txt_height(app->txt, mid);
    }
    if (!p->running) {
        const char *s = ui_msg(app, MSG_PRES_PAUSED);
        int sz = ui_px(app, 24);
        txt_draw(app->txt, s, strlen(s), sz, 0, ui_color(PAL_PACE_BEHIND), x, y);
        y += txt_height(app->txt, sz);
    }
    /* The clock and the slide number. */
    time_t tt = (time_t)(ui_wall_ms(app) / 1000);
    struct tm tm;
    localtime_r(&tt, &tm);
    snprintf(t, sizeof t, "%02d:%02d", tm.tm_hour, tm.tm_min);
    int mid = ui_px(app, 36);
    txt_draw(app->txt, t, strlen(t), mid, 0, white, x, y);
    y += txt_height(app->txt, mid);
    snprintf(line, sizeof line, ui_msg(app, MSG_PRES_SLIDE), p->nav.cur + 1, (int)k->n);
    txt_draw(app->txt, line, strlen(line), mid, DOC_S_BOLD, white, x, y);
    y += txt_height(app->txt, mid);
    const char *where = p->aud.win ? NULL : ui_msg(app, MSG_PRES_SINGLE);
    if (p->aud.win) {
        snprintf(line, sizeof line, ui_msg(app, MSG_PRES_AUDIENCE), p->aud.display + 1);
        where = line;
    }
    int sm = ui_px(app, 20);
    lay_result l;
    lay_init(&l);
    lay_text(&l, &app->lay, where, 0, 0, r.w - ui_px(app, 12), sm, 0, LAY_C_MUTED,
             DOC_ALIGN_LEFT);
    SDL_Color cols[LAY_C_COUNT];
    for (int i = 0; i < LAY_C_COUNT; i++)
        cols[i] = muted;
    ui_paint_colors(app, &l, x, y, &r, cols);
    lay_fini(&l);
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
    /* The current slide, as the audience sees it (black when blacked out). */
    if (p->nav.blank)
        ui_fill(app, p->nav.blank == 1 ? ui_color(PAL_BLACK) : white, p->cur_r.x,
                p->cur_r.y, p->cur_r.w, p->cur_r.h);
    else {
        SDL_Texture *tex = slide_get(app, &p->cur_cache, k, p->nav.cur, p->cur_r.w);
        if (tex)
            SDL_RenderCopy(app->ren, tex, NULL, &p->cur_r);
    }
    /* The next slide. */
    const char *nl = ui_msg(app, MSG_PRES_NEXT);
    int ls = ui_px(app, 24);
    txt_draw(app->txt, nl, strlen(nl), ls, 0, muted, p->next_r.x, p->next_r.y - ls * 3 / 2);
    if (p->nav.cur + 1 < (int)k->n) {
        SDL_Texture *tex = slide_get(app, &p->next_cache, k, p->nav.cur + 1, p->next_r.w);
        if (tex)
            SDL_RenderCopy(app->ren, tex, NULL, &p->next_r);
    } else {
        ui_fill(app, panel, p->next_r.x, p->next_r.y, p->next_r.w, p->next_r.h);
        const char *s = ui_msg(app, MSG_PRES_LAST);
        txt_draw(app->txt, s, strlen(s), ls, 0, muted, p->next_r.x + ui_px(app, 12),
                 p->next_r.y + p->next_r.h / 2 - ls / 2);
    }
    draw_timer(p, app);
    /* The notes, large, scrollable. */
    SDL_Rect nr = p->notes_r;
    ui_fill(app, panel, nr.x, nr.y, nr.w, nr.h);
    const char *title = ui_msg(app, MSG_PRES_NOTES);
    txt_draw(app->txt, title, strlen(title), ls, DOC_S_BOLD, muted, nr.x + ui_px(app, 16),
             nr.y + ui_px(app, 12));
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
    /* A line of help, and the Esc warning when one is pending. */
    const char *help = ui_msg(app, MSG_PRES_HELP);
    int hs = ui_px(app, 18);
    txt_draw(app->txt, help, strlen(help), hs, 0, muted, ui_px(app, 20),
             app->h - txt_height(app->txt, hs) - ui_px(app, 4));
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
        draw_audience(p, app, &p->cur_cache);
        slide_draw_entry(app, p->nav.entry);
        if (p->nav.overview)
            slide_draw_overview(app, &p->nav, pdeck(p, app));
    }
    if (p->aud.win) {
        saved old = use_surface(app, &p->aud);
        SDL_SetRenderDrawColor(app->ren, 0, 0, 0, 255);
        SDL_RenderClear(app->ren);
        draw_audience(p, app, &p->aud_cache);
        SDL_RenderPresent(app->ren);
        txt_frame_end(app->txt);
        restore(app, old);
    }
}

static bool pr_idle(void *v, ui_app *app)
{
    pres *p = v;
    const deck *k = pdeck(p, app);
    /* Pre-render the next slide where it will be needed first: on the
     * projector, then the console's current and next panes. */
    if (p->aud.win) {
        SDL_Rect r = slide_fit(k, 0, 0, p->aud.w, p->aud.h);
        saved old = use_surface(app, &p->aud);
        bool did = slide_prefetch(app, &p->aud_cache, k, p->nav.cur + 1, r.w);
        restore(app, old);
        if (did)
            return true;
    }
    return slide_prefetch(app, &p->cur_cache, k, p->nav.cur + 1, p->cur_r.w) ||
           slide_prefetch(app, &p->next_cache, k, p->nav.cur + 2, p->next_r.w);
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
};
