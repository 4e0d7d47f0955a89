/*
 * guideview.c - the guidebook reader: the table of contents and a chapter
 * view with scrolling, three text sizes and previous/next chapter.
 *
 * arg < 0 opens the contents; arg >= 0 opens that chapter (0-based).
 * The chapter is laid out once per size change by the shared layout engine
 * and painted with only the visible lines.
 */
#include "ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const float zooms[] = {0.85f, 1.0f, 1.25f};

typedef struct gview {
    int chapter; /* -1: contents */
    int zoom;    /* index into zooms */
    lay_result body;
    int scroll, max_scroll;
    SDL_Rect view;   /* the scrolling area */
    int body_x;
    SDL_Rect back, prev, next, bigger, smaller;
    int row_h, rows_y; /* contents rows */
    int pressed_row;
} gview;

static void *gv_open(ui_app *app, int arg)
{
    if (app->guide.n == 0)
        return NULL;
    gview *g = xcalloc(1, sizeof *g);
    g->chapter = arg < 0 ? -1 : arg >= (int)app->guide.n ? (int)app->guide.n - 1 : arg;
    g->zoom = 1;
    g->pressed_row = -1;
    lay_init(&g->body);
    return g;
}

static void gv_close(void *v)
{
    gview *g = v;
    if (!g)
        return;
    lay_fini(&g->body);
    free(g);
}

static int bar_h(const ui_app *app)
{
    return ui_px(app, 96);
}

static void gv_resize(void *v, ui_app *app)
{
    gview *g = v;
    int bh = bar_h(app);
    int foot = g->chapter >= 0 ? ui_px(app, 88) : 0;
    g->view = (SDL_Rect){0, bh, app->w, app->h - bh - foot};
    int margin = ui_px(app, 56);
    int width = app->w - 2 * margin;
    int maxw = ui_px(app, 1120);
    if (width > maxw)
        width = maxw;
    g->body_x = (app->w - width) / 2;
    lay_fini(&g->body);
    lay_init(&g->body);
    if (g->chapter >= 0) {
        lay_opts o = {
            .width = width,
            .base_size = (int)(ui_px(app, 28) * zooms[g->zoom] + 0.5f),
            .max_image_h = g->view.h * 7 / 10,
            .line_gap = 1.55f,
        };
        lay_doc(&g->body, &app->lay, app->guide.ch[g->chapter].doc, &o);
    } else {
        g->row_h = ui_px(app, 92);
        g->rows_y = 0;
    }
    int pad = ui_px(app, 32);
    int content_h = g->chapter >= 0 ? g->body.height + 2 * pad
                                    : (int)app->guide.n * g->row_h + 2 * pad;
    g->max_scroll = content_h > g->view.h ? content_h - g->view.h : 0;
    if (g->scroll > g->max_scroll)
        g->scroll = g->max_scroll;
    app->dirty = true;
}

static void scroll_by(gview *g, ui_app *app, int dy)
{
    int s = g->scroll + dy;
    s = s < 0 ? 0 : s > g->max_scroll ? g->max_scroll : s;
    if (s != g->scroll) {
        g->scroll = s;
        app->dirty = true;
    }
}

static void go_chapter(gview *g, ui_app *app, int c)
{
    if (c < 0 || c >= (int)app->guide.n || c == g->chapter)
        return;
    g->chapter = c;
    g->scroll = 0;
    gv_resize(g, app);
}

static int row_at(const gview *g, const ui_app *app, int x, int y)
{
    (void)x;
    if (!ui_hit(&g->view, x, y))
        return -1;
    int pad = ui_px(app, 32);
    int r = (y - g->view.y + g->scroll - pad) / (g->row_h ? g->row_h : 1);
    if (y - g->view.y + g->scroll - pad < 0 || r >= (int)app->guide.n)
        return -1;
    return r;
}

static void gv_action(void *v, ui_app *app, const ui_action *a)
{
    gview *g = v;
    int line = ui_px(app, 64), page = g->view.h * 9 / 10;
    switch (a->kind) {
    case ACT_BACK:
    case ACT_ERASE: ui_pop(app); return;
    case ACT_UP: scroll_by(g, app, -line); break;
    case ACT_DOWN: scroll_by(g, app, line); break;
    case ACT_PAGE_UP: scroll_by(g, app, -page); break;
    case ACT_PAGE_DOWN: scroll_by(g, app, page); break;
    case ACT_FIRST: scroll_by(g, app, -g->scroll); break;
    case ACT_LAST: scroll_by(g, app, g->max_scroll); break;
    case ACT_SCROLL: scroll_by(g, app, a->dy * ui_px(app, 80)); break;
    case ACT_DRAG:
        if (ui_hit(&g->view, a->x, a->y))
            scroll_by(g, app, -a->dy);
        break;
    case ACT_NEXT:
        if (g->chapter >= 0)
            go_chapter(g, app, g->chapter + 1);
        break;
    case ACT_PREV:
        if (g->chapter >= 0)
            go_chapter(g, app, g->chapter - 1);
        break;
    case ACT_ZOOM_IN:
    case ACT_ZOOM_OUT: {
        int z = g->zoom + (a->kind == ACT_ZOOM_IN ? 1 : -1);
        if (g->chapter >= 0 && z >= 0 && z < (int)MG_ARRAY_LEN(zooms)) {
            /* Keep the same part of the text in view across the change. */
            double frac = g->max_scroll ? (double)g->scroll / g->max_scroll : 0;
            g->zoom = z;
            gv_resize(g, app);
            g->scroll = (int)(frac * g->max_scroll);
        }
        break;
    }
    case ACT_SELECT:
        if (g->chapter < 0)
            ui_push(app, &guide_view, 0);
        break;
    case ACT_PRESS:
        if (g->chapter < 0) {
            g->pressed_row = row_at(g, app, a->x, a->y);
            app->dirty = true;
        }
        break;
    case ACT_RELEASE:
        g->pressed_row = -1;
        app->dirty = true;
        break;
    case ACT_TAP:
        if (ui_hit(&g->back, a->x, a->y))
            ui_pop(app);
        else if (g->chapter >= 0 && ui_hit(&g->prev, a->x, a->y))
            go_chapter(g, app, g->chapter - 1);
        else if (g->chapter >= 0 && ui_hit(&g->next, a->x, a->y))
            go_chapter(g, app, g->chapter + 1);
        else if (g->chapter >= 0 && ui_hit(&g->bigger, a->x, a->y))
            gv_action(v, app, &(ui_action){.kind = ACT_ZOOM_IN});
        else if (g->chapter >= 0 && ui_hit(&g->smaller, a->x, a->y))
            gv_action(v, app, &(ui_action){.kind = ACT_ZOOM_OUT});
        else if (g->chapter < 0) {
            int r = row_at(g, app, a->x, a->y);
            if (r >= 0)
                ui_push(app, &guide_view, r);
        }
        break;
    default:
        break;
    }
}

static void draw_bar(gview *g, ui_app *app, const char *title)
{
    const ui_theme *t = &app->theme;
    int bh = bar_h(app), m = ui_px(app, 16);
    ui_fill(app, t->header_bg, 0, 0, app->w, bh);
    int bw = ui_px(app, 180);
    g->back = ui_button(app, ui_msg(app, MSG_BACK), m, m, bw, bh - 2 * m, t->accent,
                        t->accent_text, ui_px(app, 30));
    int right = app->w - m;
    if (g->chapter >= 0) {
        int zw = ui_px(app, 80);
        g->bigger = ui_button(app, "\xEF\xBC\x8B", right - zw, m, zw, bh - 2 * m, t->tile_bg,
                              t->header_bg, ui_px(app, 40)); /* ＋ */
        g->smaller = ui_button(app, "\xEF\xBC\x8D", right - 2 * zw - m, m, zw, bh - 2 * m,
                               t->tile_bg, t->header_bg, ui_px(app, 40)); /* － */
        right -= 2 * zw + 2 * m;
    }
    SDL_Rect clip = {bw + 2 * m, 0, right - bw - 3 * m, bh};
    SDL_RenderSetClipRect(app->ren, &clip);
    int ts = ui_px(app, 34);
    txt_draw(app->txt, title, strlen(title), ts, DOC_S_BOLD, t->header_text, clip.x + m,
             (bh - txt_height(app->txt, ts)) / 2);
    SDL_RenderSetClipRect(app->ren, NULL);
}

static void draw_footer(gview *g, ui_app *app)
{
    const ui_theme *t = &app->theme;
    int fh = ui_px(app, 88), y = app->h - fh, m = ui_px(app, 14);
    ui_fill(app, t->tile_bg, 0, y, app->w, fh);
    ui_fill(app, t->tile_border, 0, y, app->w, ui_px(app, 2) ? ui_px(app, 2) : 1);
    int bw = ui_px(app, 240);
    char label[256];
    int n = (int)app->guide.n;
    g->prev = g->next = (SDL_Rect){0, 0, 0, 0};
    if (g->chapter > 0) {
        snprintf(label, sizeof label, "\xE2\x97\x80 %s", ui_msg(app, MSG_PREV_CHAPTER));
        g->prev = (SDL_Rect){m, y + m, bw, fh - 2 * m};
        ui_fill(app, t->bg, g->prev.x, g->prev.y, g->prev.w, g->prev.h);
        SDL_RenderSetClipRect(app->ren, &g->prev);
        int s = ui_px(app, 24);
        txt_draw(app->txt, label, strlen(label), s, 0, t->accent, g->prev.x + m,
                 g->prev.y + (g->prev.h - txt_height(app->txt, s)) / 2);
        SDL_RenderSetClipRect(app->ren, NULL);
    }
    if (g->chapter < n - 1) {
        snprintf(label, sizeof label, "%s \xE2\x96\xB6", ui_msg(app, MSG_NEXT_CHAPTER));
        g->next = (SDL_Rect){app->w - m - bw, y + m, bw, fh - 2 * m};
        ui_fill(app, t->bg, g->next.x, g->next.y, g->next.w, g->next.h);
        SDL_RenderSetClipRect(app->ren, &g->next);
        int s = ui_px(app, 24);
        int w = txt_width(app->txt, label, strlen(label), s, 0);
        int x = g->next.x + g->next.w - m - w;
        if (x < g->next.x + m)
            x = g->next.x + m;
        txt_draw(app->txt, label, strlen(label), s, 0, t->accent, x,
                 g->next.y + (g->next.h - txt_height(app->txt, s)) / 2);
        SDL_RenderSetClipRect(app->ren, NULL);
    }
    /* Position: chapter n/m and how far through it the reader is. */
    char pos[128];
    int pct = g->max_scroll ? g->scroll * 100 / g->max_scroll : 100;
    char pagebuf[32], pctbuf[32];
    snprintf(pagebuf, sizeof pagebuf, ui_msg(app, MSG_PAGE_POS), g->chapter + 1, n);
    snprintf(pctbuf, sizeof pctbuf, ui_msg(app, MSG_SCROLL_POS), pct);
    snprintf(pos, sizeof pos, "%s  \xE2\x80\x94  %s", pagebuf, pctbuf);
    int s = ui_px(app, 26);
    int w = txt_width(app->txt, pos, strlen(pos), s, 0);
    txt_draw(app->txt, pos, strlen(pos), s, 0, t->muted, (app->w - w) / 2,
             y + (fh - txt_height(app->txt, s)) / 2);
    /* A thin progress bar along the top of the footer. */
    ui_fill(app, t->accent, 0, y, app->w * pct / 100, ui_px(app, 4) ? ui_px(app, 4) : 1);
}

static void gv_draw(void *v, ui_app *app)
{
    gview *g = v;
    const ui_theme *t = &app->theme;
    int pad = ui_px(app, 32);
    if (g->chapter >= 0) {
        ui_fill(app, t->tile_bg, g->view.x, g->view.y, g->view.w, g->view.h);
        ui_paint(app, &g->body, g->body_x, g->view.y + pad - g->scroll, &g->view);
        draw_bar(g, app, app->guide.ch[g->chapter].title);
        draw_footer(g, app);
        return;
    }
    SDL_RenderSetClipRect(app->ren, &g->view);
    int m = ui_px(app, 56);
    int w = app->w - 2 * m;
    if (w > ui_px(app, 1120))
        w = ui_px(app, 1120);
    int x = (app->w - w) / 2;
    for (size_t i = 0; i < app->guide.n; i++) {
        int y = g->view.y + pad + (int)i * g->row_h - g->scroll;
        if (y + g->row_h < g->view.y || y > g->view.y + g->view.h)
            continue;
        int rh = g->row_h - ui_px(app, 12);
        ui_fill(app, g->pressed_row == (int)i ? t->lay[LAY_C_TABLE_HEAD_BG] : t->tile_bg, x, y, w,
                rh);
        ui_frame(app, t->tile_border, x, y, w, rh, ui_px(app, 2) ? ui_px(app, 2) : 1);
        char num[24];
        snprintf(num, sizeof num, "%zu", i + 1);
        int ns = ui_px(app, 34);
        ui_fill(app, t->accent, x, y, ui_px(app, 84), rh);
        int nw = txt_width(app->txt, num, strlen(num), ns, DOC_S_BOLD);
        txt_draw(app->txt, num, strlen(num), ns, DOC_S_BOLD, t->accent_text,
                 x + (ui_px(app, 84) - nw) / 2, y + (rh - txt_height(app->txt, ns)) / 2);
        const char *title = app->guide.ch[i].title;
        int ts = ui_px(app, 34);
        txt_draw(app->txt, title, strlen(title), ts, DOC_S_BOLD, t->text, x + ui_px(app, 112),
                 y + (rh - txt_height(app->txt, ts)) / 2);
    }
    SDL_RenderSetClipRect(app->ren, NULL);
    draw_bar(g, app, ui_msg(app, MSG_GUIDE_TOC));
}

const ui_view_ops guide_view = {
    .name = "guide",
    .open = gv_open,
    .close = gv_close,
    .resize = gv_resize,
    .action = gv_action,
    .draw = gv_draw,
};
