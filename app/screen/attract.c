/*
 * attract.c - the kiosk at rest: when no one has touched it for
 * app->attract_ms, the seminar decks' slides and highlights of the
 * guidebook (a chapter's title and its first headings) take turns every
 * app->attract_cycle_ms under 「画面にふれてください」.  Any touch, key or
 * click goes back to home, and that touch presses nothing underneath: the
 * view takes the whole gesture (press, release, tap) and leaves after it.
 *
 * Wired like staff mode: attract_install adds the deadline; the shell
 * names none of it.  Between two pictures the loop sleeps.
 */
#include <stdlib.h>
#include <string.h>

#include "../core/deck.h"
#include "../core/utf8.h"
#include "attract.h"
#include "slides.h"
#include "views.h"

/* One picture of the loop: a slide of a deck, or a guidebook chapter. */
typedef struct item {
    int deck;    /* index in app->decks, or -1 for a chapter */
    int index;   /* slide or chapter */
} item;

typedef struct attract {
    item *items;
    int n, cur;
    Uint32 shown_at; /* when the current item came up */
    bool leaving;    /* a touch ended: home at the next update */
    slide_cache cache;
} attract;

static bool chapter_shows(const ui_app *app, size_t i)
{
    const guide_chapter *c = &app->content->guide.ch[i];
    return c->title && c->title[0];
}

/* The decks to show: app->attract_decks (comma-separated file names,
 * without folders), or every deck when it is NULL or empty. */
static bool deck_chosen(const ui_app *app, size_t d)
{
    const char *want = app->attract_decks;
    if (!want || !*want)
        return true;
    const char *path = app->decks[d]->path ? app->decks[d]->path : "";
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    size_t bl = strlen(base);
    for (const char *p = want; *p;) {
        const char *end = strchr(p, ',');
        size_t l = end ? (size_t)(end - p) : strlen(p);
        while (l && *p == ' ')
            p++, l--;
        while (l && p[l - 1] == ' ')
            l--;
        if (l && l == bl && strncmp(p, base, l) == 0)
            return true;
        if (!end)
            break;
        p = end + 1;
    }
    return false;
}

/* Slides, with a guidebook chapter after every three. */
static void build(attract *at, ui_app *app)
{
    size_t nch = app->content->guide.n, ch = 0, slides = 0;
    size_t cap = 16;
    at->items = xmalloc(cap * sizeof *at->items);
    for (size_t d = 0; d < app->ndecks; d++) {
        if (!deck_chosen(app, d))
            continue;
        for (size_t s = 0; s < app->decks[d]->n; s++) {
            if (at->n + 2 > (int)cap) {
                cap *= 2;
                at->items = xrealloc(at->items, cap * sizeof *at->items);
            }
            at->items[at->n++] = (item){(int)d, (int)s};
            if (++slides % 3 == 0 && ch < nch) {
                while (ch < nch && !chapter_shows(app, ch))
                    ch++;
                if (ch < nch)
                    at->items[at->n++] = (item){-1, (int)ch++};
            }
        }
    }
    for (; ch < nch; ch++) { /* the chapters not shown between slides */
        if (!chapter_shows(app, ch))
            continue;
        if (at->n + 1 > (int)cap) {
            cap *= 2;
            at->items = xrealloc(at->items, cap * sizeof *at->items);
        }
        at->items[at->n++] = (item){-1, (int)ch};
    }
}

bool attract_available(const ui_app *app)
{
    if (app->content->guide.n)
        return true;
    for (size_t d = 0; d < app->ndecks; d++)
        if (app->decks[d]->n && deck_chosen(app, d))
            return true;
    return false;
}

static void *attract_open(ui_app *app, const ui_args *args)
{
    attract *at = xcalloc(1, sizeof *at);
    build(at, app);
    if (!at->n) {
        free(at->items);
        free(at);
        return NULL;
    }
    if (args && args->kind == ARGS_DECK && args->deck > 0)
        at->cur = args->deck % at->n;
    slide_cache_init(&at->cache);
    at->shown_at = ui_ticks(app);
    return at;
}

static void attract_close(void *v)
{
    attract *at = v;
    if (!at)
        return;
    slide_cache_fini(&at->cache);
    free(at->items);
    free(at);
}

static void attract_resize(void *v, ui_app *app)
{
    (void)v;
    app->dirty = true;
}

static void attract_action(void *v, ui_app *app, const ui_action *a)
{
    attract *at = v;
    switch (a->kind) {
    case ACT_PRESS:
    case ACT_DRAG:
        return; /* the gesture is ours until it ends */
    case ACT_RELEASE:
        at->leaving = true; /* a tap may follow in the same event */
        app->dirty = true;
        return;
    case ACT_DISPLAYS:
    case ACT_NONE:
        return;
    default:
        ui_home(app); /* a tap, a key, the wheel: home, and nothing pressed */
        return;
    }
}

static Uint32 cycle_ms(const ui_app *app)
{
    return app->attract_cycle_ms ? app->attract_cycle_ms : 7000;
}

static void attract_update(void *v, ui_app *app, Uint32 now)
{
    attract *at = v;
    if (at->leaving) {
        ui_home(app);
        return;
    }
    if (now - at->shown_at >= cycle_ms(app)) {
        at->cur = (at->cur + 1) % at->n;
        at->shown_at = now;
        app->dirty = true;
        /* One slide on screen every few seconds: the last one's texture
         * (6.5 MiB at 1920x1080) is not kept for a return that comes only
         * after the whole loop. */
        slide_cache_fini(&at->cache);
    }
}

static int attract_timeout(void *v, ui_app *app)
{
    attract *at = v;
    if (at->leaving)
        return 0;
    Uint32 gone = ui_ticks(app) - at->shown_at;
    return gone >= cycle_ms(app) ? 0 : (int)(cycle_ms(app) - gone);
}

/* s cut to fit w pixels at size, with "…" when cut. */
static void draw_fitted(ui_app *app, const char *s, size_t n, int size, unsigned style,
                        SDL_Color c, int x, int y, int w)
{
    if (txt_width(app->txt, s, n, size, style) <= w) {
        txt_draw(app->txt, s, n, size, style, c, x, y);
        return;
    }
    static const char ell[] = "\xE2\x80\xA6";
    int ew = txt_width(app->txt, ell, 3, size, style);
    size_t i = 0, fit = 0;
    while (i < n) {
        utf8_next(s, n, &i);
        if (txt_width(app->txt, s, i, size, style) + ew > w)
            break;
        fit = i;
    }
    char buf[1024];
    if (fit > sizeof buf - 4)
        fit = sizeof buf - 4;
    memcpy(buf, s, fit);
    memcpy(buf + fit, ell, 4);
    txt_draw(app->txt, buf, fit + 3, size, style, c, x, y);
}

/* A heading's text (its first text span). */
static const doc_span *first_text(const doc_block *b)
{
    for (size_t i = 0; i < b->nspans; i++)
        if (b->spans[i].kind == DOC_SPAN_TEXT && b->spans[i].len)
            return &b->spans[i];
    return NULL;
}

static void draw_chapter(ui_app *app, int ch, SDL_Rect area)
{
    const ui_theme *t = &app->theme;
    const guide_chapter *c = &app->content->guide.ch[ch];
    int m = ui_px(app, 48);
    ui_fill(app, t->tile_bg, area.x + m, area.y + m, area.w - 2 * m, area.h - 2 * m);
    ui_frame(app, t->tile_border, area.x + m, area.y + m, area.w - 2 * m, area.h - 2 * m, 1);
    int x = area.x + 2 * m, w = area.w - 4 * m, y = area.y + 2 * m;
    const char *from = ui_msg(app, MSG_ATTRACT_GUIDE);
    int ls = ui_px(app, 28);
    txt_draw(app->txt, from, strlen(from), ls, 0, t->accent, x, y);
    y += txt_height(app->txt, ls) + ui_px(app, 12);
    int ts = ui_px(app, 52);
    draw_fitted(app, c->title, strlen(c->title), ts, DOC_S_BOLD, t->text, x, y, w);
    y += txt_height(app->txt, ts) + ui_px(app, 28);
    int hs = ui_px(app, 34), lh = txt_height(app->txt, hs) + ui_px(app, 14);
    int shown = 0;
    for (const doc_block *b = c->doc && c->doc->root ? c->doc->root->first : NULL;
         b && y + lh <= area.y + area.h - 2 * m && shown < 5; b = b->next) {
        if (b->kind != DOC_HEADING || b->level < 2)
            continue;
        const doc_span *sp = first_text(b);
        if (!sp)
            continue;
        static const char dot[] = "\xE3\x83\xBB"; /* ・ */
        int dw = txt_width(app->txt, dot, 3, hs, 0);
        txt_draw(app->txt, dot, 3, hs, 0, t->accent, x, y);
        draw_fitted(app, sp->text, sp->len, hs, 0, t->text, x + dw, y, w - dw);
        y += lh;
        shown++;
    }
}

static void attract_draw(void *v, ui_app *app)
{
    attract *at = v;
    const ui_theme *t = &app->theme;
    int band = ui_px(app, 120);
    SDL_Rect area = {0, 0, app->w, app->h - band};
    const item *it = &at->items[at->cur];
    if (it->deck >= 0) {
        const deck *k = app->decks[it->deck];
        int m = ui_px(app, 24);
        SDL_Rect r = slide_fit(k, m, m, area.w - 2 * m, area.h - 2 * m);
        SDL_Texture *tex = slide_get(app, &at->cache, k, it->index, r.w);
        if (tex)
            SDL_RenderCopy(app->ren, tex, NULL, &r);
        ui_frame(app, t->tile_border, r.x, r.y, r.w, r.h, 1);
    } else {
        draw_chapter(app, it->index, area);
    }
    ui_fill(app, t->header_bg, 0, app->h - band, app->w, band);
    const char *touch = ui_msg(app, MSG_ATTRACT_TOUCH);
    int s = ui_px(app, 48);
    int w = txt_width(app->txt, touch, strlen(touch), s, DOC_S_BOLD);
    txt_draw(app->txt, touch, strlen(touch), s, DOC_S_BOLD, t->header_text, (app->w - w) / 2,
             app->h - band + (band - txt_height(app->txt, s)) / 2);
}

const ui_view_ops attract_view = {
    .name = "attract",
    .open = attract_open,
    .close = attract_close,
    .resize = attract_resize,
    .action = attract_action,
    .draw = attract_draw,
    .timeout = attract_timeout,
    .update = attract_update,
    .at_rest = true,
};

bool attract_state(const ui_app *app, attract_info *out)
{
    if (ui_top(app) != &attract_view)
        return false;
    const attract *at = ui_top_view(app);
    out->cur = at->cur;
    out->n = at->n;
    out->deck = at->items[at->cur].deck;
    out->index = at->items[at->cur].index;
    return true;
}

/* The loop starts after attract_ms untouched, in kiosk mode, from any
 * visitor screen (it goes home first, forgetting the visitor). */
static Uint32 attract_after(const ui_app *app)
{
    return app->attract_ms;
}

static bool attract_armed(const ui_app *app)
{
    const ui_view_ops *top = ui_top(app);
    return app->kiosk && !app->staff && app->attract_ms && top && !top->at_rest &&
           attract_available(app);
}

static void attract_start(ui_app *app)
{
    ui_visitor_reset(app);
    ui_push(app, &attract_view, NULL);
    if (ui_top(app) != &attract_view) /* nothing to show after all: not again */
        app->attract_ms = 0;
}

static const ui_deadline attract_deadline = {"attract", attract_after, attract_armed, attract_start};

void attract_install(ui_app *app)
{
    if (!app->attract_ms)
        app->attract_ms = 180000;
    ui_add_deadline(app, &attract_deadline);
}
