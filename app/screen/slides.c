/*
 * slides.c - slides on screen (see slides.h): painter, texture cache, the
 * kiosk's deck list and the slide viewer.
 *
 * The viewer follows the presenter's controls: next = → ↓ PgDn Space Enter,
 * tap on the right, swipe left; previous = ← ↑ PgUp Backspace, tap on the
 * left, swipe right; Home/End; a number then Enter jumps; B . / black out,
 * W , white out, any key returns; Tab or O shows the overview; F5 never
 * quits; Esc leaves overview or blackout, else goes back (the kiosk never
 * quits).
 */
#include "slides.h"
#include "views.h"

#include "../core/frag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static SDL_Color rgb(uint32_t v)
{
    return (SDL_Color){(Uint8)(v >> 16), (Uint8)(v >> 8), (Uint8)v, 255};
}

SDL_Rect slide_fit(const deck *k, int x, int y, int w, int h)
{
    int cw, ch;
    slay_canvas(k, &cw, &ch);
    int sw = w, sh = (int)((long long)w * ch / cw);
    if (sh > h) {
        sh = h;
        sw = (int)((long long)h * cw / ch);
    }
    return (SDL_Rect){x + (w - sw) / 2, y + (h - sh) / 2, sw, sh};
}

void slide_paint(ui_app *app, const slay_slide *s, int x, int y)
{
    SDL_Rect area = {x, y, s->w, s->h};
    ui_fill(app, rgb(s->bg), x, y, s->w, s->h);
    SDL_Color colors[LAY_C_COUNT];
    for (int i = 0; i < LAY_C_COUNT; i++)
        colors[i] = rgb(s->color[i]);
    for (int i = 0; i < s->nbgs; i++) {
        const slay_bg *b = &s->bgs[i];
        if (!b->found) /* a missing picture shows nothing, as in Marp (check names it) */
            continue;
        SDL_Rect clip = {x + b->cx, y + b->cy, b->cw, b->ch};
        SDL_RenderSetClipRect(app->ren, &clip);
        SDL_Rect d = {x + b->x, y + b->y, b->w, b->h};
        txt_draw_image(app->txt, b->path, &d);
    }
    ui_paint_colors(app, &s->lay, x, y, &area, colors);
    SDL_RenderSetClipRect(app->ren, NULL);
}

void slide_cache_init(slide_cache *c)
{
    memset(c, 0, sizeof *c);
    for (int i = 0; i < SLIDE_CACHE; i++)
        c->e[i].idx = -1;
}

void slide_cache_fini(slide_cache *c)
{
    for (int i = 0; i < SLIDE_CACHE; i++)
        if (c->e[i].tex)
            SDL_DestroyTexture(c->e[i].tex);
    slide_cache_init(c);
}

static int find(slide_cache *c, int idx, int step)
{
    for (int i = 0; i < SLIDE_CACHE; i++)
        if (c->e[i].idx == idx && c->e[i].step == step)
            return i;
    return -1;
}

/* One key for "everything shown": -1. */
static int norm_step(const deck *k, int idx, int step)
{
    return idx >= 0 && idx < (int)k->n && step >= 0 && step < k->slides[idx].nfrags ? step : -1;
}

static SDL_Texture *render(ui_app *app, slide_cache *c, const deck *k, int idx, int step, int w)
{
    if (c->k != k || c->w != w) { /* another deck or size: start over */
        slide_cache_fini(c);
        c->k = k;
        c->w = w;
    }
    int slot = 0;
    for (int i = 1; i < SLIDE_CACHE; i++)
        if (c->e[i].idx < 0 || (c->e[slot].idx >= 0 && c->e[i].used < c->e[slot].used))
            slot = i;
    if (c->e[slot].idx < 0) {
        for (int i = 0; i < SLIDE_CACHE; i++)
            if (c->e[i].idx < 0) {
                slot = i;
                break;
            }
    }
    slay_slide s;
    slay_init(&s);
    slay_layout(&s, k, (size_t)idx, w, &app->lay);
    if (step >= 0)
        frag_hide(&s.lay, &k->slides[idx], step);
    SDL_Texture *tex = c->e[slot].tex;
    int tw = 0, th = 0;
    if (tex)
        SDL_QueryTexture(tex, NULL, NULL, &tw, &th);
    if (!tex || tw != s.w || th != s.h) {
        if (tex)
            SDL_DestroyTexture(tex);
        tex = SDL_CreateTexture(app->ren, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_TARGET, s.w,
                                s.h);
    }
    if (tex) {
        SDL_Texture *old = SDL_GetRenderTarget(app->ren);
        SDL_SetRenderTarget(app->ren, tex);
        /* The texture is kept, so it must hold its pictures: one evicted
         * from the budget is decoded now, not left for the next frame
         * (mostly this runs as idle work, ahead of the press). */
        bool deferred = txt_defer_decoding(app->txt, false);
        bool counted = txt_count_sizes(app->txt, false); /* the deck's own sizes */
        slide_paint(app, &s, 0, 0);
        txt_count_sizes(app->txt, counted);
        txt_defer_decoding(app->txt, deferred);
        SDL_SetRenderTarget(app->ren, old);
    }
    slay_fini(&s);
    c->e[slot].idx = tex ? idx : -1;
    c->e[slot].step = step;
    c->e[slot].tex = tex;
    c->e[slot].used = ++c->tick;
    c->renders++;
    return tex;
}

SDL_Texture *slide_get_step(ui_app *app, slide_cache *c, const deck *k, int idx, int step, int w)
{
    step = norm_step(k, idx, step);
    if (c->k == k && c->w == w) {
        int i = find(c, idx, step);
        if (i >= 0) {
            c->e[i].used = ++c->tick;
            return c->e[i].tex;
        }
    }
    return render(app, c, k, idx, step, w);
}

SDL_Texture *slide_get(ui_app *app, slide_cache *c, const deck *k, int idx, int w)
{
    return slide_get_step(app, c, k, idx, -1, w);
}

bool slide_prefetch_step(ui_app *app, slide_cache *c, const deck *k, int idx, int step, int w)
{
    if (idx < 0 || idx >= (int)k->n)
        return false;
    step = norm_step(k, idx, step);
    if (c->k == k && c->w == w && find(c, idx, step) >= 0)
        return false;
    render(app, c, k, idx, step, w);
    return true;
}

bool slide_prefetch(ui_app *app, slide_cache *c, const deck *k, int idx, int w)
{
    return slide_prefetch_step(app, c, k, idx, -1, w);
}

/* ---- the deck list (kiosk: セミナー資料) ---- */

typedef struct dlist {
    SDL_Rect rect[16];
    SDL_Texture *thumb[16];
    int n, pressed;
    SDL_Rect back;
} dlist;

static void *dl_open(ui_app *app, const ui_args *args)
{
    (void)args;
    if (app->ndecks == 0)
        return NULL;
    dlist *d = xcalloc(1, sizeof *d);
    d->pressed = -1;
    return d;
}

static void dl_free_thumbs(dlist *d)
{
    for (int i = 0; i < 16; i++) {
        if (d->thumb[i])
            SDL_DestroyTexture(d->thumb[i]);
        d->thumb[i] = NULL;
    }
}

static void dl_close(void *v)
{
    dlist *d = v;
    if (!d)
        return;
    dl_free_thumbs(d);
    free(d);
}

static void dl_resize(void *v, ui_app *app)
{
    dlist *d = v;
    dl_free_thumbs(d);
    d->n = (int)MG_MIN(app->ndecks, 16);
    int cols = app->w >= app->h ? 2 : 1;
    int margin = ui_px(app, 40), gap = ui_px(app, 28);
    int top = ui_bar_h(app) + ui_px(app, 28);
    int tw = (app->w - 2 * margin - (cols - 1) * gap) / cols;
    int rows = (d->n + cols - 1) / cols;
    int th = (app->h - top - margin - (rows - 1) * gap) / (rows ? rows : 1);
    for (int i = 0; i < d->n; i++) {
        int c = i % cols, r = i / cols;
        d->rect[i] = (SDL_Rect){margin + c * (tw + gap), top + r * (th + gap), tw, th};
    }
    app->dirty = true;
}

static int dl_at(const dlist *d, int x, int y)
{
    for (int i = 0; i < d->n; i++)
        if (ui_hit(&d->rect[i], x, y))
            return i;
    return -1;
}

static void dl_action(void *v, ui_app *app, const ui_action *a)
{
    dlist *d = v;
    switch (a->kind) {
    case ACT_BACK:
    case ACT_ERASE: ui_pop(app); break;
    case ACT_PRESS:
        d->pressed = dl_at(d, a->x, a->y);
        app->dirty = true;
        break;
    case ACT_RELEASE:
        d->pressed = -1;
        app->dirty = true;
        break;
    case ACT_TAP:
        if (ui_hit(&d->back, a->x, a->y))
            ui_pop(app);
        else if (dl_at(d, a->x, a->y) >= 0)
            ui_push(app, &slides_view, DECK_AT(dl_at(d, a->x, a->y)));
        break;
    case ACT_SELECT: ui_push(app, &slides_view, DECK_AT(0)); break;
    default: break;
    }
}

static void dl_draw(void *v, ui_app *app)
{
    dlist *d = v;
    const ui_theme *t = &app->theme;
    d->back = ui_title_bar(app, ui_msg(app, MSG_TILE_DECKS));
    for (int i = 0; i < d->n; i++) {
        const deck *k = app->decks[i];
        SDL_Rect r = d->rect[i];
        ui_fill(app, d->pressed == i ? t->lay[LAY_C_TABLE_HEAD_BG] : t->tile_bg, r.x, r.y, r.w,
                r.h);
        ui_frame(app, t->tile_border, r.x, r.y, r.w, r.h, ui_px(app, 2) ? ui_px(app, 2) : 1);
        int pad = ui_px(app, 16);
        /* Thumbnail of the title slide on the left, title and count beside it. */
        SDL_Rect th = slide_fit(k, r.x + pad, r.y + pad, r.w * 45 / 100, r.h - 2 * pad);
        if (!d->thumb[i]) {
            slide_cache tmp;
            slide_cache_init(&tmp);
            SDL_Texture *tex = slide_get(app, &tmp, k, 0, th.w);
            d->thumb[i] = tex;
            for (int e = 0; e < SLIDE_CACHE; e++) /* keep the texture, drop the cache */
                if (tmp.e[e].tex == tex)
                    tmp.e[e].tex = NULL;
            slide_cache_fini(&tmp);
        }
        if (d->thumb[i])
            SDL_RenderCopy(app->ren, d->thumb[i], NULL, &th);
        ui_frame(app, t->tile_border, th.x, th.y, th.w, th.h, 1);
        lay_result l;
        lay_init(&l);
        int tx = th.x + th.w + pad, tw = r.x + r.w - pad - tx;
        const char *name = k->title ? k->title : k->slides[0].title;
        int y = lay_text(&l, &app->lay, name, 0, 0, tw, ui_px(app, 30), DOC_S_BOLD | LAY_S_PHRASE,
                         LAY_C_HEADING, DOC_ALIGN_LEFT);
        char count[64];
        snprintf(count, sizeof count, ui_msg(app, MSG_DECK_COUNT), (int)k->n);
        lay_text(&l, &app->lay, count, 0, y + ui_px(app, 8), tw, ui_text_px(app, 24), 0, LAY_C_MUTED,
                 DOC_ALIGN_LEFT);
        ui_paint(app, &l, tx, r.y + (r.h - l.height) / 2, &r);
        lay_fini(&l);
    }
}

const ui_view_ops decks_view = {
    .name = "decks",
    .open = dl_open,
    .close = dl_close,
    .resize = dl_resize,
    .action = dl_action,
    .draw = dl_draw,
};

/* ---- navigation shared by the viewer and the presenter ---- */

void slide_nav_init(slide_nav *nv, int n)
{
    memset(nv, 0, sizeof *nv);
    nv->n = n;
    nv->entry = -1;
    nv->ov_cols = 4;
}

static void nav_go(slide_nav *nv, int idx)
{
    nv->cur = idx < 0 ? 0 : idx >= nv->n ? nv->n - 1 : idx;
    nv->step = 0;
    nv->at_end = false;
}

void slide_nav_steps(slide_nav *nv, const deck *k, bool end_card)
{
    nv->k = k;
    nv->end_card = end_card;
    nv->step = 0;
    nv->at_end = false;
}

int slide_nav_nsteps(const slide_nav *nv)
{
    return nv->k && nv->cur >= 0 && nv->cur < (int)nv->k->n ? nv->k->slides[nv->cur].nfrags : 0;
}

int slide_nav_shown(const slide_nav *nv)
{
    return nv->k ? nv->step : -1;
}

/* Next: the slide's next fragment, then the next slide, then the end card. */
static void nav_fwd(slide_nav *nv)
{
    if (nv->at_end)
        return;
    if (nv->step < slide_nav_nsteps(nv))
        nv->step++;
    else if (nv->cur + 1 < nv->n)
        nav_go(nv, nv->cur + 1);
    else if (nv->end_card)
        nv->at_end = true;
}

/* Back: off the end card, a fragment back, or the previous slide whole. */
static void nav_back(slide_nav *nv)
{
    if (nv->at_end)
        nv->at_end = false;
    else if (nv->step > 0)
        nv->step--;
    else if (nv->cur > 0) {
        nav_go(nv, nv->cur - 1);
        nv->step = slide_nav_nsteps(nv);
    }
}

static int ov_geometry(const slide_nav *nv, int w, int h, int *cw, int *rh, int *first_row)
{
    int cols = nv->ov_cols, rows = (nv->n + cols - 1) / cols, vis = rows > 4 ? 4 : rows;
    *cw = w / cols;
    *rh = h / (vis ? vis : 1);
    *first_row = nv->ov_sel / cols - vis + 1;
    if (*first_row < 0)
        *first_row = 0;
    return vis;
}

static int ov_hit(const slide_nav *nv, int x, int y)
{
    int cw, rh, first;
    ov_geometry(nv, nv->ov_w, nv->ov_h, &cw, &rh, &first);
    if (x < 0 || y < 0 || cw <= 0 || rh <= 0)
        return -1;
    int i = (y / rh + first) * nv->ov_cols + x / cw;
    return i < nv->n ? i : -1;
}

int slide_nav_act(slide_nav *nv, const ui_action *a, int width)
{
    int before = nv->cur, before_step = nv->step, n = nv->n;
    bool before_end = nv->at_end;
#define NAV_MOVED (nv->cur != before || nv->step != before_step || nv->at_end != before_end)
    if (a->kind == ACT_HOVER)
        return NAV_DONE; /* a mouse passing over changes nothing */
    if (a->kind == ACT_PRESS || a->kind == ACT_DRAG || a->kind == ACT_SCROLL) {
        if (a->kind == ACT_PRESS)
            nv->drag_dx = 0;
        if (a->kind == ACT_DRAG)
            nv->drag_dx += a->dx;
        if (a->kind == ACT_SCROLL && !nv->overview && !nv->blank) {
            if (a->dy > 0)
                nav_fwd(nv);
            else
                nav_back(nv);
        }
        return NAV_MOVED ? NAV_REDRAW : NAV_DONE;
    }
    /* Blacked out: any key or tap comes back, and does nothing else. */
    if (nv->blank) {
        if (a->kind == ACT_RELEASE || a->kind == ACT_DISPLAYS)
            return NAV_DONE;
        nv->blank = 0;
        return NAV_REDRAW;
    }
    if (nv->overview) {
        switch (a->kind) {
        case ACT_BACK:
        case ACT_OVERVIEW:
        case ACT_FOCUS_NEXT: nv->overview = false; break;
        case ACT_NEXT: nv->ov_sel = MG_MIN(n - 1, nv->ov_sel + 1); break;
        case ACT_PREV: nv->ov_sel = MG_MAX(0, nv->ov_sel - 1); break;
        case ACT_DOWN: nv->ov_sel = MG_MIN(n - 1, nv->ov_sel + nv->ov_cols); break;
        case ACT_UP: nv->ov_sel = MG_MAX(0, nv->ov_sel - nv->ov_cols); break;
        case ACT_SELECT:
            nv->overview = false;
            nav_go(nv, nv->ov_sel);
            break;
        case ACT_TAP:
            if (ov_hit(nv, a->x, a->y) >= 0) {
                nav_go(nv, ov_hit(nv, a->x, a->y));
                nv->overview = false;
            }
            break;
        default: return NAV_DONE;
        }
        return NAV_REDRAW;
    }
    bool had_entry = nv->entry >= 0;
    if (a->kind != ACT_DIGIT && a->kind != ACT_SELECT)
        nv->entry = -1; /* a number is only a jump when Enter follows */
    switch (a->kind) {
    case ACT_NEXT:
    case ACT_DOWN:
    case ACT_PAGE_DOWN: nav_fwd(nv); break;
    case ACT_PREV:
    case ACT_UP:
    case ACT_ERASE: /* Backspace, as in every presentation program */
    case ACT_PAGE_UP: nav_back(nv); break;
    case ACT_FIRST: nav_go(nv, 0); break;
    case ACT_LAST:
        nav_go(nv, n - 1);
        nv->step = slide_nav_nsteps(nv);
        break;
    case ACT_DIGIT:
        nv->entry = (nv->entry < 0 ? 0 : nv->entry) * 10 + a->x;
        if (nv->entry > 99999)
            nv->entry = a->x;
        return NAV_REDRAW;
    case ACT_SELECT:
        if (nv->entry > 0)
            nav_go(nv, nv->entry - 1);
        else if (nv->entry < 0)
            nav_fwd(nv);
        nv->entry = -1;
        return NAV_REDRAW;
    case ACT_BLACK:
    case ACT_WHITE:
        nv->blank = a->kind == ACT_BLACK ? 1 : 2;
        return NAV_REDRAW;
    case ACT_OVERVIEW:
    case ACT_FOCUS_NEXT:
        nv->overview = true;
        nv->ov_sel = nv->cur;
        return NAV_REDRAW;
    case ACT_START: break; /* a clicker's start button: already presenting */
    case ACT_RELEASE: {
        /* A swipe: left goes on, right goes back. */
        int th = width / 8;
        if (nv->drag_dx < -th)
            nav_fwd(nv);
        else if (nv->drag_dx > th)
            nav_back(nv);
        break;
    }
    default: return had_entry ? NAV_REDRAW : NAV_UNHANDLED;
    }
    return NAV_MOVED || had_entry ? NAV_REDRAW : NAV_DONE;
#undef NAV_MOVED
}

void slide_draw_overview(ui_app *app, slide_nav *nv, const deck *k)
{
    nv->ov_cols = nv->n <= 4 ? 2 : nv->n <= 9 ? 3 : 4;
    nv->ov_w = app->w;
    nv->ov_h = app->h;
    int cw, rh, first;
    int vis = ov_geometry(nv, app->w, app->h, &cw, &rh, &first);
    int cols = nv->ov_cols;
    ui_fill(app, ui_color(PAL_OVERVIEW_BG), 0, 0, app->w, app->h);
    slide_cache tmp;
    slide_cache_init(&tmp);
    for (int i = first * cols; i < nv->n && i < (first + vis) * cols; i++) {
        int c = i % cols, r = i / cols - first;
        int pad = ui_px(app, 10);
        SDL_Rect cell = slide_fit(k, c * cw + pad, r * rh + pad, cw - 2 * pad, rh - 2 * pad);
        SDL_Texture *tex = slide_get(app, &tmp, k, i, cell.w);
        if (tex)
            SDL_RenderCopy(app->ren, tex, NULL, &cell);
        if (i == nv->ov_sel)
            ui_frame(app, app->theme.focus, cell.x - pad / 2, cell.y - pad / 2, cell.w + pad,
                     cell.h + pad, pad / 2 > 1 ? pad / 2 : 2);
    }
    slide_cache_fini(&tmp);
}

void slide_draw_blank(ui_app *app, int blank)
{
    SDL_Color c = ui_color(blank == 1 ? PAL_BLACK : PAL_WHITE);
    ui_fill(app, c, 0, 0, app->w, app->h);
}

void slide_draw_entry(ui_app *app, int entry)
{
    if (entry < 0)
        return;
    char num[32];
    snprintf(num, sizeof num, "%d", entry);
    int size = ui_px(app, 48);
    int w = txt_width(app->txt, num, strlen(num), size, DOC_S_BOLD);
    SDL_Color shade = ui_color(PAL_BLACK);
    shade.a = 180; /* the slide shows through */
    ui_fill(app, shade, app->w - w - ui_px(app, 60), ui_px(app, 20),
            w + ui_px(app, 40), size * 3 / 2);
    txt_draw(app->txt, num, strlen(num), size, DOC_S_BOLD, ui_color(PAL_WHITE),
             app->w - w - ui_px(app, 40), ui_px(app, 20) + size / 6);
}

/* ---- the slide viewer ---- */

typedef struct sview {
    int deck;
    slide_nav nav;
    slide_cache cache;
    SDL_Rect slide;
    SDL_Rect back, prev, next, print, restart; /* restart: on the last slide */
    bool chrome; /* kiosk buttons and page number */
} sview;

static const deck *sv_deck(const sview *s, const ui_app *app)
{
    return app->decks[s->deck];
}

static void *sv_new(ui_app *app, int arg, bool chrome)
{
    if (arg < 0 || (size_t)arg >= app->ndecks || app->decks[arg]->n == 0)
        return NULL;
    sview *s = xcalloc(1, sizeof *s);
    s->deck = arg;
    s->chrome = chrome;
    slide_nav_init(&s->nav, (int)app->decks[arg]->n);
    slide_cache_init(&s->cache);
    return s;
}

static int deck_arg(const ui_args *args)
{
    return args && args->kind == ARGS_DECK ? args->deck : 0;
}

static void *sv_open(ui_app *app, const ui_args *args)
{
    return sv_new(app, deck_arg(args), true);
}

static void *sv_open_plain(ui_app *app, const ui_args *args)
{
    return sv_new(app, deck_arg(args), false);
}

static void sv_close(void *v)
{
    sview *s = v;
    if (!s)
        return;
    slide_cache_fini(&s->cache);
    free(s);
}

static void sv_resize(void *v, ui_app *app)
{
    sview *s = v;
    int foot = s->chrome ? ui_px(app, 72) : 0;
    s->slide = slide_fit(sv_deck(s, app), 0, 0, app->w, app->h - foot);
    app->dirty = true;
}

static void sv_action(void *v, ui_app *app, const ui_action *a)
{
    sview *s = v;
    slide_nav *nv = &s->nav;
    /* The kiosk's own buttons come first. */
    if (a->kind == ACT_TAP && s->chrome && !nv->blank && !nv->overview) {
        if (ui_hit(&s->back, a->x, a->y)) {
            ui_pop(app);
            return;
        }
        if (ui_hit(&s->prev, a->x, a->y)) {
            slide_nav_act(nv, &(ui_action){.kind = ACT_PREV}, s->slide.w);
            app->dirty = true;
            return;
        }
        if (nv->cur == nv->n - 1 && ui_hit(&s->restart, a->x, a->y)) {
            slide_nav_act(nv, &(ui_action){.kind = ACT_FIRST}, s->slide.w);
            app->dirty = true;
            return;
        }
        if (ui_hit(&s->print, a->x, a->y)) {
            const deck *k = sv_deck(s, app);
            ui_print(app, HANDOUT_DECK, s->deck, NULL, k->title ? k->title : k->slides[0].title);
            return;
        }
    }
    if (a->kind == ACT_TAP && !nv->blank && !nv->overview) {
        ui_act k = a->x < app->w / 3 ? ACT_PREV : ACT_NEXT;
        if (slide_nav_act(nv, &(ui_action){.kind = k}, s->slide.w) == NAV_REDRAW)
            app->dirty = true;
        return;
    }
    int r = slide_nav_act(nv, a, s->slide.w);
    if (r == NAV_REDRAW)
        app->dirty = true;
    else if (r == NAV_UNHANDLED && a->kind == ACT_BACK)
        ui_pop(app); /* the kiosk goes back; it never quits */
}

static void sv_draw(void *v, ui_app *app)
{
    sview *s = v;
    const deck *k = sv_deck(s, app);
    if (s->nav.blank) {
        slide_draw_blank(app, s->nav.blank);
        return;
    }
    if (s->nav.overview) {
        slide_draw_overview(app, &s->nav, k);
        return;
    }
    ui_fill(app, ui_color(PAL_LETTERBOX), 0, 0, app->w, app->h); /* letterbox */
    SDL_Texture *tex = slide_get(app, &s->cache, k, s->nav.cur, s->slide.w);
    if (tex)
        SDL_RenderCopy(app->ren, tex, NULL, &s->slide);
    if (s->chrome) {
        const ui_theme *t = &app->theme;
        int m = ui_px(app, 10), fh = MG_MAX(ui_px(app, 72), UI_MIN_TAP + 2 * m), y = app->h - fh;
        ui_fill(app, t->header_bg, 0, y, app->w, fh);
        int bw = ui_px(app, 170);
        s->back = ui_button(app, ui_msg(app, MSG_BACK), m, y + m, bw, fh - 2 * m, t->accent,
                            t->accent_text, ui_px(app, 28));
        s->print = ui_button(app, ui_msg(app, MSG_PRINT_OPEN), bw + 2 * m, y + m, ui_px(app, 200),
                             fh - 2 * m, t->tile_bg, t->header_bg, ui_text_px(app, 24));
        s->prev = ui_button(app, "\xE2\x97\x80", app->w - 2 * (bw / 2 + m), y + m, bw / 2,
                            fh - 2 * m, t->tile_bg, t->header_bg, ui_px(app, 28));
        bool last = s->nav.cur == s->nav.n - 1;
        if (last) {
            /* The end: ▶ goes nowhere (drawn as off), and the way back to
             * the start is offered beside ◀. */
            int nx = app->w - bw / 2 - m, bh = fh - 2 * m;
            s->next = ui_button(app, "\xE2\x96\xB6", nx, y + m, bw / 2, bh, t->header_bg,
                                t->muted, ui_px(app, 28));
            ui_frame(app, t->muted, nx, y + m, bw / 2, bh, 1);
            int rw = ui_px(app, 210);
            s->restart = ui_button(app, ui_msg(app, MSG_SLIDES_RESTART),
                                   app->w - 2 * (bw / 2 + m) - m - rw, y + m, rw, bh, t->accent,
                                   t->accent_text, ui_px(app, 26));
        } else {
            s->next = ui_button(app, "\xE2\x96\xB6", app->w - bw / 2 - m, y + m, bw / 2,
                                fh - 2 * m, t->tile_bg, t->header_bg, ui_px(app, 28));
            s->restart = (SDL_Rect){0, 0, 0, 0};
        }
        char pos[64];
        snprintf(pos, sizeof pos, ui_msg(app, MSG_PAGE_POS), s->nav.cur + 1, (int)k->n);
        int ps = ui_px(app, 28);
        int pw = txt_width(app->txt, pos, strlen(pos), ps, 0);
        txt_draw(app->txt, pos, strlen(pos), ps, 0, t->header_text, (app->w - pw) / 2,
                 y + (fh - txt_height(app->txt, ps)) / 2);
    }
    slide_draw_entry(app, s->nav.entry);
}

static bool sv_idle(void *v, ui_app *app)
{
    sview *s = v;
    if (s->nav.blank || s->nav.overview)
        return false;
    const deck *k = sv_deck(s, app);
    /* The next slide first (the likely one), then the previous. */
    return slide_prefetch(app, &s->cache, k, s->nav.cur + 1, s->slide.w) ||
           slide_prefetch(app, &s->cache, k, s->nav.cur - 1, s->slide.w);
}

const ui_view_ops slides_view = {
    .name = "slides",
    .open = sv_open,
    .close = sv_close,
    .resize = sv_resize,
    .action = sv_action,
    .draw = sv_draw,
    .idle = sv_idle,
};

const ui_view_ops audience_view = {
    .name = "audience",
    .open = sv_open_plain,
    .close = sv_close,
    .resize = sv_resize,
    .action = sv_action,
    .draw = sv_draw,
    .idle = sv_idle,
};

bool slides_state(const ui_app *app, slides_info *out)
{
    if (app->depth == 0)
        return false;
    const ui_view_ops *ops = app->ops[app->depth - 1];
    if (ops != &slides_view && ops != &audience_view)
        return false;
    const sview *s = app->views[app->depth - 1];
    out->cur = s->nav.cur;
    out->n = s->nav.n;
    out->blank = s->nav.blank;
    out->overview = s->nav.overview;
    out->entry = s->nav.entry;
    out->renders = s->cache.renders;
    return true;
}
