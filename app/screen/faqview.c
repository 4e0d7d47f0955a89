/*
 * faqview.c - よくある質問: the visitor picks a topic (the triage
 * categories, in visitor's words) from large tiles, then a question, and
 * reads its answer: ① what to do, ② where to go in the order to try
 * (with the phone number), and the chapters to read more, each a button
 * that opens the chapter.
 *
 * One view, three depths (ARGS_FAQ): the topics, a topic's questions, an
 * item.  Each deeper one is pushed, so もどる goes back one step and the
 * idle reset (which empties the stack) forgets them all.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/faq.h"
#include "../core/utf8.h"
#include "agencycard.h"
#include "views.h"

#define MAX_CATS 8
#define MAX_ROWS 64
#define MAX_LINKS 8

enum hit_kind { HIT_NONE, HIT_TILE, HIT_ROW, HIT_LINK };

typedef struct fview {
    int cat, item;   /* as opened: -1/-1 the topics */
    int cats[MAX_CATS], ncats;
    SDL_Rect tile[MAX_CATS];
    int rows[MAX_ROWS], nrows; /* a topic's items */
    SDL_Rect row_r[MAX_ROWS];  /* content coordinates */
    int links[MAX_LINKS], nlinks; /* chapters */
    SDL_Rect link_r[MAX_LINKS];   /* content coordinates */
    lay_result body;
    int bx;          /* where body is painted */
    SDL_Rect back, list;
    int scroll, max_scroll;
    int pressed;      /* index under the finger, -1 none */
    enum hit_kind pressed_kind;
} fview;

static const msg_id cat_label[] = {MSG_FAQ_CAT_BREACH,    MSG_FAQ_CAT_OUTAGE,
                                   MSG_FAQ_CAT_PREVENTION, MSG_FAQ_CAT_GENERAL,
                                   MSG_FAQ_CAT_SAFETY,    MSG_FAQ_CAT_OTHER,
                                   MSG_FAQ_CAT_GUIDEBOOK};

static int cat_index(const char *code)
{
    for (size_t k = 0; faq_category_code(k); k++)
        if (!strcmp(faq_category_code(k), code))
            return (int)k;
    return -1;
}

static void *fv_open(ui_app *app, const ui_args *args)
{
    const faq *f = &app->content->faq;
    if (f->n == 0)
        return NULL;
    fview *v = xcalloc(1, sizeof *v);
    v->cat = v->item = -1;
    v->pressed = -1;
    if (args && args->kind == ARGS_FAQ) {
        if (args->faq.item >= 0 && (size_t)args->faq.item < f->n)
            v->item = args->faq.item;
        else if (args->faq.category >= 0 && faq_category_code((size_t)args->faq.category))
            v->cat = args->faq.category;
    }
    for (size_t k = 0; faq_category_code(k) && v->ncats < MAX_CATS; k++)
        for (size_t i = 0; i < f->n; i++)
            if (!strcmp(f->it[i].category, faq_category_code(k))) {
                v->cats[v->ncats++] = (int)k;
                break;
            }
    for (size_t i = 0; v->cat >= 0 && i < f->n && v->nrows < MAX_ROWS; i++)
        if (cat_index(f->it[i].category) == v->cat)
            v->rows[v->nrows++] = (int)i;
    lay_init(&v->body);
    return v;
}

static void fv_close(void *p)
{
    fview *v = p;
    if (!v)
        return;
    lay_fini(&v->body);
    free(v);
}

static int text(lay_result *l, ui_app *app, const char *s, int x, int y, int w, int size,
                unsigned style, lay_color c)
{
    return lay_text(l, &app->lay, s, x, y, w, size, style, c, DOC_ALIGN_LEFT);
}

/* The item's answer: the question, ① what to do, ② where to go, and the
 * chapters to read as buttons. */
static int layout_item(fview *v, ui_app *app, const faq_item *it, int y, int w)
{
    lay_result *l = &v->body;
    char buf[512];
    int m = ui_px(app, 24);
    y += text(l, app, it->question, 0, y, w, ui_px(app, 32), DOC_S_BOLD | LAY_S_PHRASE,
              LAY_C_HEADING);
    y += ui_px(app, 14);
    y += text(l, app, ui_msg(app, MSG_FAQ_ANSWER), 0, y, w, ui_px(app, 26), DOC_S_BOLD, LAY_C_TEXT);
    y += text(l, app, it->answer, 0, y, w, ui_px(app, 26), 0, LAY_C_TEXT);
    y += ui_px(app, 18);
    y += text(l, app, ui_msg(app, MSG_FAQ_REFS), 0, y, w, ui_px(app, 26), DOC_S_BOLD, LAY_C_TEXT);
    const agency_card_style card = {
        .box_x = -m / 2, .box_w = w + m, .tx = m / 2, .tw = w - m, .pad = ui_px(app, 8),
        .name_px = ui_px(app, 26), .phone_px = ui_px(app, 30), .hours_px = ui_text_px(app, 22),
        .hours_c = LAY_C_MUTED};
    for (size_t i = 0; i < it->nrefs; i++) {
        const ref_agency *a = ref_find(&app->content->refs, it->refs[i]);
        if (a)
            y = agency_card(l, app, a, (int)i + 1, NULL, y, &card) + ui_px(app, 8);
    }
    v->nlinks = 0;
    if (it->nread) {
        y += ui_px(app, 10);
        y += text(l, app, ui_msg(app, MSG_FAQ_READ), 0, y, w, ui_px(app, 26), DOC_S_BOLD,
                  LAY_C_TEXT);
        for (size_t i = 0; i < it->nread && v->nlinks < MAX_LINKS; i++) {
            int ch = faq_chapter(&app->content->guide, it->read[i]);
            if (ch < 0)
                continue;
            int bh = chapter_button(l, app, ch, y, w);
            v->links[v->nlinks] = ch;
            v->link_r[v->nlinks++] = (SDL_Rect){v->bx, y, w, bh};
            y += bh + ui_px(app, 10);
        }
    }
    y += ui_px(app, 12);
    utf8_snprintf(buf, sizeof buf, ui_msg(app, MSG_FAQ_SOURCES), it->sources);
    y += text(l, app, buf, 0, y, w, ui_text_px(app, 20), 0, LAY_C_MUTED);
    return y;
}

static void fv_resize(void *p, ui_app *app)
{
    fview *v = p;
    int m = ui_px(app, 24), bh = ui_bar_h(app);
    v->list = (SDL_Rect){0, bh, app->w, app->h - bh};
    app->dirty = true;
    if (v->cat < 0 && v->item < 0) { /* the topics: large tiles, two columns */
        int top = bh + ui_px(app, 70), gap = ui_px(app, 16);
        int cols = app->w >= app->h ? 2 : 1, rows = (v->ncats + cols - 1) / cols;
        int w = (app->w - 2 * m - (cols - 1) * gap) / cols;
        int h = rows ? (app->h - top - m - (rows - 1) * gap) / rows : 0;
        h = MG_MIN(h, ui_px(app, 160));
        for (int i = 0; i < v->ncats; i++)
            v->tile[i] = (SDL_Rect){m + (i % cols) * (w + gap), top + (i / cols) * (h + gap), w, h};
        return;
    }
    lay_fini(&v->body);
    lay_init(&v->body);
    int w = MG_MIN(app->w - 4 * m, ui_px(app, 1100));
    v->bx = (app->w - w) / 2;
    int y = ui_px(app, 20);
    if (v->item >= 0) {
        y = layout_item(v, app, &app->content->faq.it[v->item], y, w);
    } else {
        y += text(&v->body, app, ui_msg(app, cat_label[v->cat]), 0, y, w, ui_px(app, 34),
                  DOC_S_BOLD, LAY_C_TEXT);
        y += ui_px(app, 12);
        for (int i = 0; i < v->nrows; i++) {
            const faq_item *it = &app->content->faq.it[v->rows[i]];
            int top = y;
            size_t card = v->body.n;
            lay_rect(&v->body, 0, y, w, 0, LAY_C_QUOTE_BG);
            lay_rect(&v->body, 0, y, ui_px(app, 8), 0, LAY_C_QUOTE_BAR);
            y += ui_px(app, 18);
            y += text(&v->body, app, it->question, ui_px(app, 28), y, w - ui_px(app, 48),
                      ui_px(app, 28), DOC_S_BOLD | LAY_S_PHRASE, LAY_C_HEADING);
            y += ui_px(app, 18);
            y = MG_MAX(y, top + ui_px(app, 72)); /* finger-sized */
            v->body.items[card].h = y - top;
            v->body.items[card + 1].h = y - top;
            v->row_r[i] = (SDL_Rect){v->bx, top, w, y - top};
            y += ui_px(app, 12);
        }
    }
    y += m;
    v->body.height = y;
    v->max_scroll = y > v->list.h ? y - v->list.h : 0;
    if (v->scroll > v->max_scroll)
        v->scroll = v->max_scroll;
}

/* What is under x, y: its kind, and its index in *i. */
static enum hit_kind at(const fview *v, int x, int y, int *i)
{
    *i = -1;
    if (v->cat < 0 && v->item < 0) {
        for (int k = 0; k < v->ncats; k++)
            if (ui_hit(&v->tile[k], x, y))
                return *i = k, HIT_TILE;
        return HIT_NONE;
    }
    if (!ui_hit(&v->list, x, y))
        return HIT_NONE;
    int cy = y - v->list.y + v->scroll;
    for (int k = 0; k < v->nrows && v->item < 0; k++)
        if (ui_hit(&v->row_r[k], x, cy))
            return *i = k, HIT_ROW;
    for (int k = 0; k < v->nlinks; k++)
        if (ui_hit(&v->link_r[k], x, cy))
            return *i = k, HIT_LINK;
    return HIT_NONE;
}

static void fv_action(void *p, ui_app *app, const ui_action *a)
{
    fview *v = p;
    switch (a->kind) {
    case ACT_BACK:
    case ACT_ERASE: ui_pop(app); return;
    case ACT_PRESS:
        v->pressed_kind = at(v, a->x, a->y, &v->pressed);
        app->dirty = true;
        break;
    case ACT_RELEASE:
        v->pressed_kind = HIT_NONE;
        v->pressed = -1;
        app->dirty = true;
        break;
    case ACT_TAP: {
        if (ui_hit(&v->back, a->x, a->y)) {
            ui_pop(app);
            return;
        }
        int k;
        enum hit_kind h = at(v, a->x, a->y, &k);
        v->pressed_kind = HIT_NONE;
        v->pressed = -1;
        if (h == HIT_LINK)
            ui_push(app, &guide_view, GUIDE_AT(v->links[k]));
        else if (h == HIT_ROW)
            ui_push(app, &faq_view, FAQ_ITEM(v->rows[k]));
        else if (h == HIT_TILE)
            ui_push(app, &faq_view, FAQ_CATEGORY(v->cats[k]));
        break;
    }
    case ACT_SCROLL:
    case ACT_DRAG:
    case ACT_DOWN:
    case ACT_UP:
    case ACT_PAGE_DOWN:
    case ACT_PAGE_UP: {
        v->scroll = ui_list_scroll(app, a, v->scroll, v->max_scroll, v->list.h);
        app->dirty = true;
        break;
    }
    default: break;
    }
}

static void fv_draw(void *p, ui_app *app)
{
    fview *v = p;
    const ui_theme *t = &app->theme;
    int bh = ui_bar_h(app);
    if (v->cat < 0 && v->item < 0) {
        const char *pick = ui_msg(app, MSG_FAQ_PICK);
        int ps = ui_px(app, 30);
        int pw = txt_width(app->txt, pick, strlen(pick), ps, DOC_S_BOLD);
        txt_draw(app->txt, pick, strlen(pick), ps, DOC_S_BOLD, t->text, (app->w - pw) / 2,
                 bh + ui_px(app, 18));
        for (int i = 0; i < v->ncats; i++) {
            SDL_Rect b = v->tile[i];
            bool down = v->pressed_kind == HIT_TILE && v->pressed == i;
            ui_fill(app, down ? t->lay[LAY_C_TABLE_HEAD_BG] : t->tile_bg, b.x, b.y,
                    b.w, b.h);
            ui_frame(app, t->tile_border, b.x, b.y, b.w, b.h, ui_px(app, 2) ? ui_px(app, 2) : 1);
            ui_fill(app, t->accent, b.x, b.y, ui_px(app, 10), b.h);
            lay_result l;
            lay_init(&l);
            int size = MG_MIN(ui_px(app, 32), b.h * 2 / 5);
            lay_text(&l, &app->lay, ui_msg(app, cat_label[v->cats[i]]), 0, 0, b.w - ui_px(app, 48),
                     size, DOC_S_BOLD | LAY_S_PHRASE, LAY_C_HEADING, DOC_ALIGN_LEFT);
            ui_paint(app, &l, b.x + ui_px(app, 30), b.y + (b.h - l.height) / 2, &b);
            lay_fini(&l);
        }
    } else {
        ui_paint(app, &v->body, v->bx, v->list.y - v->scroll, &v->list);
        if (v->pressed_kind == HIT_ROW || v->pressed_kind == HIT_LINK) { /* under the finger */
            SDL_Rect r = v->pressed_kind == HIT_LINK ? v->link_r[v->pressed] : v->row_r[v->pressed];
            ui_frame(app, t->focus, r.x, r.y + v->list.y - v->scroll, r.w, r.h, ui_px(app, 4));
        }
    }
    v->back = ui_title_bar(app, ui_msg(app, MSG_TILE_FAQ));
}

bool faq_view_state(const ui_app *app, pick_view_info *out)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &faq_view)
        return false;
    const fview *v = app->views[app->depth - 1];
    memset(out, 0, sizeof *out);
    out->category = v->cat;
    out->item = v->item;
    out->problem = -1;
    bool tiles = v->cat < 0 && v->item < 0;
    out->n = tiles ? v->ncats : v->nrows;
    for (int i = 0; tiles && i < v->ncats; i++)
        out->tile[i] = v->tile[i];
    for (int i = 0; !tiles && i < v->nrows && i < 16; i++) {
        out->tile[i] = v->row_r[i];
        out->tile[i].y += v->list.y - v->scroll;
    }
    out->nlinks = v->nlinks;
    for (int i = 0; i < v->nlinks; i++) {
        out->link[i] = v->link_r[i];
        out->link[i].y += v->list.y - v->scroll;
    }
    out->scroll = v->scroll;
    out->max_scroll = v->max_scroll;
    return true;
}

const ui_view_ops faq_view = {
    .name = "faq",
    .open = fv_open,
    .close = fv_close,
    .resize = fv_resize,
    .action = fv_action,
    .draw = fv_draw,
};
