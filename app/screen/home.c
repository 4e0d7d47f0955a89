/*
 * home.c - the visitor home screen: the desk's name and large tiles for the
 * parts of Madoguchi that exist.
 *
 * Tiles are a table; each later part adds its row.  Sizes are design pixels
 * at 1280x720 scaled to the screen, so text is readable from 2 m on a
 * 1080p display and tiles stay finger-sized on an 800x480 touch screen.
 */
#include "slides.h"
#include "views.h"

#include <stdlib.h>
#include <string.h>

typedef struct tile_def {
    msg_id title, sub;
    const ui_view_ops *view; /* opened with its defaults */
    bool (*available)(const ui_app *app);
} tile_def;

static bool guide_available(const ui_app *app)
{
    return app->content->guide.n > 0;
}

static bool decks_available(const ui_app *app)
{
    return app->ndecks > 0;
}

static bool refs_available(const ui_app *app)
{
    return app->content->refs.n > 0;
}

static bool selfcheck_available(const ui_app *app)
{
    return app->content->sc.n > 0;
}

static bool faq_available(const ui_app *app)
{
    return app->content->faq.n > 0;
}

static const tile_def tiles[] = {
    {MSG_TILE_FINDER, MSG_TILE_FINDER_SUB, &finder_view, refs_available},
    {MSG_TILE_REFS, MSG_TILE_REFS_SUB, &referrals_view, refs_available},
    {MSG_TILE_GUIDE, MSG_TILE_GUIDE_SUB, &guide_view, guide_available},
    {MSG_TILE_SEARCH, MSG_TILE_SEARCH_SUB, &search_view, guide_available},
    {MSG_TILE_FAQ, MSG_TILE_FAQ_SUB, &faq_view, faq_available},
    {MSG_TILE_DECKS, MSG_TILE_DECKS_SUB, &decks_view, decks_available},
    {MSG_TILE_SELFCHECK, MSG_TILE_SELFCHECK_SUB, &selfcheck_view, selfcheck_available},
};

#define MAX_TILES 8

typedef struct home {
    const tile_def *shown[MAX_TILES];
    SDL_Rect rect[MAX_TILES];
    lay_result label[MAX_TILES];
    int n;
    int focus;   /* keyboard focus, -1 until a key is used */
    int pressed; /* tile under a finger, -1 none */
    lay_result title;
} home;

static void *home_open(ui_app *app, const ui_args *args)
{
    (void)app;
    (void)args;
    home *h = xcalloc(1, sizeof *h);
    h->focus = -1;
    h->pressed = -1;
    lay_init(&h->title);
    for (int i = 0; i < MAX_TILES; i++)
        lay_init(&h->label[i]);
    return h;
}

static void home_close(void *v)
{
    home *h = v;
    if (!h)
        return;
    lay_fini(&h->title);
    for (int i = 0; i < MAX_TILES; i++)
        lay_fini(&h->label[i]);
    free(h);
}

static int header_h(const ui_app *app)
{
    return ui_px(app, 132);
}

static void home_resize(void *v, ui_app *app)
{
    home *h = v;
    h->n = 0;
    for (size_t i = 0; i < MG_ARRAY_LEN(tiles) && h->n < MAX_TILES; i++)
        if (!tiles[i].available || tiles[i].available(app))
            h->shown[h->n++] = &tiles[i];

    /* Grid: up to 3 columns on a wide screen, 2 on a narrow one. */
    int cols = h->n <= 1 ? 1 : h->n == 2 || h->n == 4 || app->w < app->h ? 2 : 3;
    int rows = (h->n + cols - 1) / cols;
    int margin = ui_px(app, 48), gap = ui_px(app, 28);
    int top = header_h(app) + ui_px(app, 100);
    int bottom = app->h - ui_px(app, 64);
    int tw = (app->w - 2 * margin - (cols - 1) * gap) / cols;
    int maxw = ui_px(app, 760);
    if (tw > maxw)
        tw = maxw;
    int th = rows ? (bottom - top - (rows - 1) * gap) / rows : 0;
    int maxh = ui_px(app, 300);
    if (th > maxh)
        th = maxh;
    int gridw = cols * tw + (cols - 1) * gap;
    int x0 = (app->w - gridw) / 2;
    for (int i = 0; i < h->n; i++) {
        int c = i % cols, r = i / cols;
        h->rect[i] = (SDL_Rect){x0 + c * (tw + gap), top + r * (th + gap), tw, th};
        lay_result *l = &h->label[i];
        lay_fini(l);
        lay_init(l);
        int pad = ui_px(app, 28);
        /* Large, but nine characters (bold, so a tenth of slack) fit a line. */
        int ts = MG_MIN(ui_px(app, 42), (tw - 2 * pad) / 10);
        int y = lay_text(l, &app->lay, ui_msg(app, h->shown[i]->title), 0, 0, tw - 2 * pad, ts,
                         DOC_S_BOLD | LAY_S_PHRASE, LAY_C_HEADING, DOC_ALIGN_LEFT);
        y += ui_px(app, 10);
        /* Short labels break between phrases too: no lone 「す」 on a line. */
        lay_text(l, &app->lay, ui_msg(app, h->shown[i]->sub), 0, y, tw - 2 * pad, ui_px(app, 26),
                 LAY_S_PHRASE, LAY_C_MUTED, DOC_ALIGN_LEFT);
    }
    lay_fini(&h->title);
    lay_init(&h->title);
    lay_text(&h->title, &app->lay, ui_msg(app, MSG_HOME_WELCOME), 0, 0,
             app->w - 2 * ui_px(app, 48), ui_px(app, 34), DOC_S_BOLD | LAY_S_PHRASE, LAY_C_TEXT,
             DOC_ALIGN_CENTER);
}

static int tile_at(const home *h, int x, int y)
{
    for (int i = 0; i < h->n; i++)
        if (ui_hit(&h->rect[i], x, y))
            return i;
    return -1;
}

static void open_tile(home *h, ui_app *app, int i)
{
    if (i >= 0 && i < h->n)
        ui_push(app, h->shown[i]->view, NULL);
}

static void home_action(void *v, ui_app *app, const ui_action *a)
{
    home *h = v;
    int old_focus = h->focus, old_pressed = h->pressed;
    switch (a->kind) {
    case ACT_NEXT:
    case ACT_DOWN:
    case ACT_FOCUS_NEXT:
        if (h->n)
            h->focus = (h->focus + 1) % h->n;
        break;
    case ACT_PREV:
    case ACT_UP:
    case ACT_FOCUS_PREV:
        if (h->n)
            h->focus = h->focus <= 0 ? h->n - 1 : h->focus - 1;
        break;
    case ACT_SELECT:
        open_tile(h, app, h->focus < 0 ? 0 : h->focus);
        return;
    case ACT_PRESS:
        h->pressed = tile_at(h, a->x, a->y);
        break;
    case ACT_RELEASE:
        h->pressed = -1;
        break;
    case ACT_TAP:
        h->pressed = -1;
        open_tile(h, app, tile_at(h, a->x, a->y));
        return;
    default:
        break;
    }
    if (h->focus != old_focus || h->pressed != old_pressed)
        app->dirty = true;
}

static void home_draw(void *v, ui_app *app)
{
    home *h = v;
    const ui_theme *t = &app->theme;
    int hh = header_h(app), margin = ui_px(app, 48);

    ui_fill(app, t->header_bg, 0, 0, app->w, hh);
    ui_fill(app, t->focus, 0, hh, app->w, ui_px(app, 6));
    const char *owner = ui_msg(app, MSG_DESK_OWNER), *name = ui_msg(app, MSG_DESK_NAME);
    int os = ui_px(app, 26), ns = ui_px(app, 46);
    int oy = (hh - txt_height(app->txt, os) - txt_height(app->txt, ns)) / 2;
    txt_draw(app->txt, owner, strlen(owner), os, 0, t->header_text, margin, oy);
    txt_draw(app->txt, name, strlen(name), ns, DOC_S_BOLD, t->header_text, margin,
             oy + txt_height(app->txt, os));

    ui_paint(app, &h->title, margin, hh + ui_px(app, 36), NULL);

    if (h->n == 0) {
        const char *s = ui_msg(app, MSG_HOME_EMPTY);
        lay_result l;
        lay_init(&l);
        lay_text(&l, &app->lay, s, 0, 0, app->w - 2 * margin, ui_px(app, 30), 0, LAY_C_MUTED,
                 DOC_ALIGN_CENTER);
        ui_paint(app, &l, margin, app->h / 2, NULL);
        lay_fini(&l);
    }
    for (int i = 0; i < h->n; i++) {
        SDL_Rect r = h->rect[i];
        bool pressed = h->pressed == i;
        ui_fill(app, pressed ? t->lay[LAY_C_TABLE_HEAD_BG] : t->tile_bg, r.x, r.y, r.w, r.h);
        ui_frame(app, t->tile_border, r.x, r.y, r.w, r.h, ui_px(app, 2) ? ui_px(app, 2) : 1);
        ui_fill(app, t->accent, r.x, r.y, ui_px(app, 12), r.h);
        txt_log_box(app->txt, ui_msg(app, h->shown[i]->title), r.x, r.y, r.w, r.h);
        if (h->focus == i)
            ui_frame(app, t->focus, r.x - ui_px(app, 6), r.y - ui_px(app, 6),
                     r.w + ui_px(app, 12), r.h + ui_px(app, 12), ui_px(app, 6));
        int pad = ui_px(app, 28);
        int lh = h->label[i].height;
        ui_paint(app, &h->label[i], r.x + pad + ui_px(app, 8), r.y + (r.h - lh) / 2, &r);
    }

    const char *foot = ui_msg(app, MSG_HOME_FOOTER);
    int fs = ui_text_px(app, 22);
    int fw = txt_width(app->txt, foot, strlen(foot), fs, 0);
    txt_draw(app->txt, foot, strlen(foot), fs, 0, t->muted, (app->w - fw) / 2,
             app->h - ui_px(app, 44));
}

const ui_view_ops home_view = {
    .name = "home",
    .open = home_open,
    .close = home_close,
    .resize = home_resize,
    .action = home_action,
    .draw = home_draw,
};
