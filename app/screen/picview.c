/*
 * picview.c - one picture of the guidebook full screen (a manga page, a
 * diagram): it opens fitted to the screen; pinch, the wheel, ＋/－ or a
 * double tap zoom it (around the fingers or the tap), a drag moves it
 * while it is larger than the screen, and もどる (or Back, Esc) closes it.
 *
 * Opened with ARGS_PICTURE (views.h).  The picture comes through the text
 * cache (txt_image_size / txt_draw_image), decoded in update before the
 * first frame, so draw reads no file.
 *
 * Depends on: ui, views, widgets, text.
 */
#include "views.h"

#include <stdlib.h>
#include <string.h>

#define ZOOM_MAX 6.0f
#define DOUBLE_TAP_MS 400

typedef struct pview {
    char *path, *alt;
    int w, h;     /* natural size (0: not known yet, or cannot be shown) */
    bool bad;
    float zoom;   /* 1: the whole picture fits the screen */
    float cx, cy; /* the picture point at the screen's centre, 0..1 */
    Uint32 last_tap;
    int tap_x, tap_y;
    SDL_Rect back, bigger, smaller;
} pview;

static void *pv_open(ui_app *app, const ui_args *args)
{
    (void)app;
    if (!args || args->kind != ARGS_PICTURE || !args->picture.path)
        return NULL;
    pview *p = xcalloc(1, sizeof *p);
    p->path = xstrdup(args->picture.path);
    p->alt = xstrdup(args->picture.alt ? args->picture.alt : "");
    p->zoom = 1;
    p->cx = p->cy = 0.5f;
    /* The size now (a small read of the header, through the cache); the
     * texture comes in update, before the first frame. */
    p->bad = !txt_image_size(app->txt, p->path, &p->w, &p->h) || p->w <= 0 || p->h <= 0;
    return p;
}

static void pv_close(void *v)
{
    pview *p = v;
    if (!p)
        return;
    free(p->path);
    free(p->alt);
    free(p);
}

/* The area the picture is shown in: below the bar. */
static SDL_Rect area(const ui_app *app)
{
    int bh = ui_bar_h(app);
    return (SDL_Rect){0, bh, app->w, app->h - bh};
}

/* Scale from picture pixels to screen pixels at zoom 1 (fit). */
static float fit(const pview *p, const ui_app *app)
{
    SDL_Rect a = area(app);
    if (p->w <= 0 || p->h <= 0)
        return 1;
    float sx = (float)a.w / p->w, sy = (float)a.h / p->h;
    return sx < sy ? sx : sy;
}

static float clampf(float v, float lo, float hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

/* Keep the picture on the screen: no empty margin where it could fill. */
static void clamp(pview *p, const ui_app *app)
{
    if (p->zoom < 1)
        p->zoom = 1;
    if (p->zoom > ZOOM_MAX)
        p->zoom = ZOOM_MAX;
    SDL_Rect a = area(app);
    float s = fit(p, app) * p->zoom;
    float half_w = p->w > 0 ? a.w / 2.0f / (p->w * s) : 0.5f;
    float half_h = p->h > 0 ? a.h / 2.0f / (p->h * s) : 0.5f;
    p->cx = half_w >= 0.5f ? 0.5f : clampf(p->cx, half_w, 1 - half_w);
    p->cy = half_h >= 0.5f ? 0.5f : clampf(p->cy, half_h, 1 - half_h);
}

/* Zoom by factor f keeping the picture point under (x, y) where it is. */
static void zoom_at(pview *p, ui_app *app, float f, int x, int y)
{
    SDL_Rect a = area(app);
    float s0 = fit(p, app) * p->zoom;
    float px = p->cx + (x - (a.x + a.w / 2.0f)) / (p->w * s0);
    float py = p->cy + (y - (a.y + a.h / 2.0f)) / (p->h * s0);
    p->zoom *= f;
    clamp(p, app);
    float s1 = fit(p, app) * p->zoom;
    p->cx = px - (x - (a.x + a.w / 2.0f)) / (p->w * s1);
    p->cy = py - (y - (a.y + a.h / 2.0f)) / (p->h * s1);
    clamp(p, app);
    app->dirty = true;
}

static void pv_action(void *v, ui_app *app, const ui_action *a)
{
    pview *p = v;
    SDL_Rect ar = area(app);
    switch (a->kind) {
    case ACT_BACK:
    case ACT_ERASE: ui_pop(app); return;
    case ACT_ZOOM_IN: zoom_at(p, app, 1.5f, ar.x + ar.w / 2, ar.y + ar.h / 2); break;
    case ACT_ZOOM_OUT: zoom_at(p, app, 1 / 1.5f, ar.x + ar.w / 2, ar.y + ar.h / 2); break;
    case ACT_SCROLL: zoom_at(p, app, a->dy < 0 ? 1.25f : 0.8f, a->x, a->y); break;
    case ACT_PINCH: zoom_at(p, app, 1 + a->dy / 10000.0f * 4, a->x, a->y); break;
    case ACT_DRAG:
        if (p->w > 0 && p->h > 0) {
            float s = fit(p, app) * p->zoom;
            p->cx -= a->dx / (p->w * s);
            p->cy -= a->dy / (p->h * s);
            clamp(p, app);
            app->dirty = true;
        }
        break;
    case ACT_UP:
    case ACT_DOWN:
    case ACT_PREV:
    case ACT_NEXT: {
        int step = ui_px(app, 80);
        int dx = a->kind == ACT_PREV ? step : a->kind == ACT_NEXT ? -step : 0;
        int dy = a->kind == ACT_UP ? step : a->kind == ACT_DOWN ? -step : 0;
        pv_action(v, app, &(ui_action){.kind = ACT_DRAG, .dx = dx, .dy = dy});
        break;
    }
    case ACT_TAP: {
        if (ui_hit(&p->back, a->x, a->y)) {
            ui_pop(app);
            return;
        }
        if (ui_hit(&p->bigger, a->x, a->y)) {
            pv_action(v, app, &(ui_action){.kind = ACT_ZOOM_IN});
            break;
        }
        if (ui_hit(&p->smaller, a->x, a->y)) {
            pv_action(v, app, &(ui_action){.kind = ACT_ZOOM_OUT});
            break;
        }
        /* A double tap: in to 2.5x at the spot, or back to the whole. */
        Uint32 now = ui_ticks(app);
        int near = ui_tap_px(app, 60);
        if (p->last_tap && now - p->last_tap < DOUBLE_TAP_MS && abs(a->x - p->tap_x) < near &&
            abs(a->y - p->tap_y) < near) {
            if (p->zoom > 1.01f)
                zoom_at(p, app, 1 / p->zoom, a->x, a->y);
            else
                zoom_at(p, app, 2.5f, a->x, a->y);
            p->last_tap = 0;
        } else {
            p->last_tap = now ? now : 1;
            p->tap_x = a->x;
            p->tap_y = a->y;
        }
        break;
    }
    default: break;
    }
}

static void pv_resize(void *v, ui_app *app)
{
    clamp(v, app);
    app->dirty = true;
}

/* The texture before the first frame (and after an eviction): decoding
 * happens here, never in draw. */
static void pv_update(void *v, ui_app *app, Uint32 now)
{
    (void)now;
    pview *p = v;
    if (!p->bad)
        txt_prefetch_image(app->txt, p->path);
}

static void pv_draw(void *v, ui_app *app)
{
    pview *p = v;
    const ui_theme *t = &app->theme;
    SDL_Rect a = area(app);
    ui_fill(app, (SDL_Color){24, 24, 24, 255}, a.x, a.y, a.w, a.h);
    if (!p->bad) {
        float s = fit(p, app) * p->zoom;
        int dw = (int)(p->w * s + 0.5f), dh = (int)(p->h * s + 0.5f);
        SDL_Rect dst = {a.x + a.w / 2 - (int)(p->cx * dw), a.y + a.h / 2 - (int)(p->cy * dh), dw, dh};
        SDL_RenderSetClipRect(app->ren, &a);
        txt_draw_image(app->txt, p->path, &dst);
        SDL_RenderSetClipRect(app->ren, NULL);
    } else {
        const char *alt = *p->alt ? p->alt : p->path;
        int ts = ui_text_px(app, 28);
        int w = txt_width(app->txt, alt, strlen(alt), ts, 0);
        txt_draw(app->txt, alt, strlen(alt), ts, 0, t->header_text, a.x + (a.w - w) / 2,
                 a.y + a.h / 2);
    }
    int bh = ui_bar_h(app), m = ui_bar_margin(app), gap = ui_px(app, 16);
    ui_fill(app, t->header_bg, 0, 0, app->w, bh);
    p->back = ui_button(app, ui_msg(app, MSG_BACK), m, m, ui_px(app, 180), bh - 2 * m, t->accent,
                        t->accent_text, ui_text_px(app, 30));
    int zw = ui_tap_px(app, 80), right = app->w - m;
    p->bigger = ui_button(app, "\xEF\xBC\x8B", right - zw, m, zw, bh - 2 * m, t->tile_bg,
                          t->header_bg, ui_text_px(app, 40)); /* ＋ */
    p->smaller = ui_button(app, "\xEF\xBC\x8D", right - 2 * zw - gap, m, zw, bh - 2 * m, t->tile_bg,
                           t->header_bg, ui_text_px(app, 40)); /* － */
    /* The alt text as the title, cut to the room between the buttons. */
    int tx = m + ui_px(app, 180) + gap, room = right - 2 * zw - 2 * gap - tx;
    if (*p->alt && room > 0) {
        int ts = ui_text_px(app, 30);
        strbuf cut;
        strbuf_init(&cut);
        const char *shown = ui_fit(app, p->alt, ts, DOC_S_BOLD, room, &cut);
        txt_draw(app->txt, shown, strlen(shown), ts, DOC_S_BOLD, t->header_text, tx,
                 (bh - txt_height(app->txt, ts)) / 2);
        strbuf_fini(&cut);
    }
}

bool picture_view_state(const ui_app *app, picture_view_info *out)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &picture_view)
        return false;
    const pview *p = app->views[app->depth - 1];
    float s = fit(p, app) * p->zoom;
    out->zoom = p->zoom;
    out->dx = (int)((0.5f - p->cx) * p->w * s);
    out->dy = (int)((0.5f - p->cy) * p->h * s);
    out->w = p->w;
    out->h = p->h;
    return true;
}

const ui_view_ops picture_view = {
    .name = "picture",
    .open = pv_open,
    .close = pv_close,
    .resize = pv_resize,
    .action = pv_action,
    .draw = pv_draw,
    .update = pv_update,
};
