/*
 * guideview.c - the guidebook reader: the contents (nested, large rows) and
 * a chapter view with scrolling (drag with inertia, wheel, keys), text
 * sizes up to twice the normal in steps (the visitor's, app->text_pct,
 * kept across chapters), previous/next chapter, internal links, search
 * hits shown highlighted, pictures opened full screen on a tap
 * (picture_view), and a back button that returns where you were (each
 * jump is a new view on the stack, so popping restores the place).
 *
 * The contents show the chapters first; a tap on a chapter with sections
 * opens them beneath it (and "from the start" to read it); a bar at the
 * right shows how far down the list or the chapter is.
 *
 * Opened with ARGS_GUIDE (views.h): the contents (chapter -1), or a
 * chapter at a line with a term highlighted; NULL opens the contents.
 */
#include "views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Text sizes, percent of normal: up to twice, in steps. */
static const int zooms[] = {85, 100, 125, 150, 175, 200};
#define ZOOM_NORMAL 1

/* A row of the contents: a chapter, its "from the start", or a section. */
typedef struct toc_row {
    int toc;     /* index into guide.toc, or -1 for "from the start" */
    int chapter;
    int y, h;    /* in the list, from its top */
} toc_row;

typedef struct gview {
    int chapter; /* -1: contents */
    int zoom;    /* index into zooms */
    toc_row *rows;
    int nrows;
    bool *open_ch; /* contents: chapters whose sections are shown */
    lay_result body;
    int scroll, max_scroll;
    int page_max;  /* paging may go past max_scroll so the last page is whole */
    SDL_Rect view; /* the scrolling area */
    int body_x;
    SDL_Rect back, prev, next, bigger, smaller, print;
    int pressed_row;
    int jump_line; /* scroll here after the next layout (0: none) */
    char *term;    /* highlighted text (a search hit) */
    /* inertia */
    float velocity; /* px per ms */
    Uint32 last_move, last_tick;
    bool flinging;
} gview;

static void *gv_open(ui_app *app, const ui_args *args)
{
    if (app->content->guide.n == 0)
        return NULL;
    gview *g = xcalloc(1, sizeof *g);
    int arg = args && args->kind == ARGS_GUIDE ? args->guide.chapter : -1;
    g->chapter = arg < 0 ? -1 : arg >= (int)app->content->guide.n ? (int)app->content->guide.n - 1 : arg;
    g->zoom = ZOOM_NORMAL;
    for (int i = 0; i < (int)MG_ARRAY_LEN(zooms); i++)
        if (zooms[i] == (app->text_pct ? app->text_pct : 100))
            g->zoom = i;
    g->open_ch = xcalloc(app->content->guide.n, sizeof(bool));
    g->pressed_row = -1;
    if (args && args->kind == ARGS_GUIDE) {
        g->jump_line = args->guide.line;
        g->term = args->guide.term ? xstrdup(args->guide.term) : NULL;
    }
    lay_init(&g->body);
    return g;
}

static void gv_close(void *v)
{
    gview *g = v;
    if (!g)
        return;
    lay_fini(&g->body);
    free(g->term);
    free(g->rows);
    free(g->open_ch);
    free(g);
}

static int bar_h(const ui_app *app)
{
    return ui_px(app, 96);
}

static bool has_sections(const ui_app *app, int ch)
{
    const guide *gd = &app->content->guide;
    for (size_t i = 0; i < gd->ntoc; i++)
        if (gd->toc[i].chapter == ch && gd->toc[i].level > 1)
            return true;
    return false;
}

/* The contents' rows: each chapter, and the sections of the open ones. */
static void build_rows(gview *g, const ui_app *app)
{
    const guide *gd = &app->content->guide;
    free(g->rows);
    g->rows = xcalloc(gd->ntoc + gd->n + 1, sizeof(toc_row));
    g->nrows = 0;
    int y = 0, ch_h = ui_tap_px(app, 112), sec_h = ui_tap_px(app, 84);
    for (size_t i = 0; i < gd->ntoc; i++) {
        const guide_toc *e = &gd->toc[i];
        bool open = e->chapter >= 0 && (size_t)e->chapter < gd->n && g->open_ch[e->chapter];
        if (e->level > 1 && !open)
            continue;
        if (e->level == 1) {
            g->rows[g->nrows++] = (toc_row){(int)i, e->chapter, y, ch_h};
            y += ch_h;
            if (open) {
                g->rows[g->nrows++] = (toc_row){-1, e->chapter, y, sec_h};
                y += sec_h;
            }
        } else {
            g->rows[g->nrows++] = (toc_row){(int)i, e->chapter, y, sec_h};
            y += sec_h;
        }
    }
}

static int rows_h(const gview *g)
{
    return g->nrows ? g->rows[g->nrows - 1].y + g->rows[g->nrows - 1].h : 0;
}

static void clamp(gview *g)
{
    int limit = g->max_scroll > g->page_max ? g->max_scroll : g->page_max;
    if (g->scroll > limit)
        g->scroll = limit;
    if (g->scroll < 0)
        g->scroll = 0;
}

/* The footer: its buttons a finger tall (UI_MIN_TAP) at any size. */
static int foot_m(const ui_app *app)
{
    return ui_px(app, 14);
}

static int foot_h(const ui_app *app)
{
    return ui_tap_px(app, 60) + 2 * foot_m(app);
}

static void gv_resize(void *v, ui_app *app)
{
    gview *g = v;
    int bh = bar_h(app);
    int foot = g->chapter >= 0 ? foot_h(app) : 0;
    g->view = (SDL_Rect){0, bh, app->w, app->h - bh - foot};
    int margin = ui_px(app, 56);
    int width = app->w - 2 * margin;
    int maxw = ui_px(app, 1120);
    if (width > maxw)
        width = maxw;
    g->body_x = (app->w - width) / 2;
    lay_fini(&g->body);
    lay_init(&g->body);
    g->page_max = 0;
    int pad = ui_px(app, 32);
    int content_h;
    if (g->chapter >= 0) {
        lay_opts o = {
            .width = width,
            .base_size = (int)(ui_text_px(app, 28) * zooms[g->zoom] / 100.0f + 0.5f),
            .max_image_h = 0, /* a tall picture at the column's width: it scrolls */
            .fill_tall = true,
            .line_gap = 1.55f,
        };
        lay_doc(&g->body, &app->lay, app->content->guide.ch[g->chapter].doc, &o);
        content_h = g->body.height + 2 * pad;
    } else {
        build_rows(g, app);
        content_h = rows_h(g) + 2 * pad;
    }
    g->max_scroll = content_h > g->view.h ? content_h - g->view.h : 0;
    /* A jump (link, contents, search hit): the first item at that line. */
    if (g->jump_line > 0 && g->chapter >= 0) {
        for (size_t i = 0; i < g->body.n; i++)
            if (g->body.items[i].line >= g->jump_line) {
                g->scroll = g->body.items[i].y - ui_px(app, 24);
                break;
            }
        g->jump_line = 0;
    }
    clamp(g);
    app->dirty = true;
}

static void scroll_by(gview *g, ui_app *app, int dy)
{
    int s = g->scroll;
    g->page_max = 0;
    g->scroll += dy;
    clamp(g);
    if (s != g->scroll)
        app->dirty = true;
}

/* A page on or back by whole lines (lay_page_top): no line is cut at the
 * top or the foot.  The layout is drawn pad below the view's top. */
static void page_by(gview *g, ui_app *app, int dir)
{
    if (g->chapter < 0) {
        g->page_max = 0;
        scroll_by(g, app, dir * g->view.h * 9 / 10);
        return;
    }
    int pad = ui_px(app, 32), s = g->scroll;
    int top = lay_page_top(&g->body, g->scroll - pad, g->view.h, dir) + pad;
    /* A picture taller than the view is paged through, not jumped over. */
    if (dir > 0 && top > g->scroll + g->view.h)
        top = g->scroll + g->view.h;
    g->page_max = dir > 0 && top > g->max_scroll ? top : 0;
    g->scroll = top;
    clamp(g);
    if (s != g->scroll)
        app->dirty = true;
}

static void go_chapter(gview *g, ui_app *app, int c)
{
    if (c < 0 || c >= (int)app->content->guide.n || c == g->chapter)
        return;
    g->chapter = c;
    g->scroll = 0;
    free(g->term);
    g->term = NULL;
    gv_resize(g, app);
}

static int row_at(const gview *g, const ui_app *app, int x, int y)
{
    (void)x;
    if (!ui_hit(&g->view, x, y))
        return -1;
    int pad = ui_px(app, 32);
    int off = y - g->view.y + g->scroll - pad;
    for (int r = 0; r < g->nrows; r++)
        if (off >= g->rows[r].y && off < g->rows[r].y + g->rows[r].h)
            return r;
    return -1;
}

/* Open chapter ch at line (a new view: Back returns here). */
static void jump(ui_app *app, int ch, int line, const char *term)
{
    ui_push(app, &guide_view, GUIDE_LINE(ch, line, term));
}

/* A link under the finger: an internal one opens its target. */
static bool follow_link(gview *g, ui_app *app, int x, int y)
{
    int bx = x - g->body_x, by = y - (g->view.y + ui_px(app, 32) - g->scroll);
    for (size_t i = 0; i < g->body.n; i++) {
        const lay_item *it = &g->body.items[i];
        if (it->kind != LAY_TEXT || !it->href)
            continue;
        /* Fingers are wide: a few pixels of slack around the words. */
        int slack = it->h / 4;
        if (bx >= it->x - slack && bx < it->x + it->w + slack && by >= it->y - slack &&
            by < it->y + it->h + slack) {
            int ch, line;
            if (guide_resolve_link(&app->content->guide, g->chapter, it->href, &ch, &line)) {
                jump(app, ch, line, NULL);
                return true;
            }
        }
    }
    return false;
}

/* A picture under the finger opens full screen (picture_view). */
static bool open_picture(gview *g, ui_app *app, int x, int y)
{
    int bx = x - g->body_x, by = y - (g->view.y + ui_px(app, 32) - g->scroll);
    for (size_t i = 0; i < g->body.n; i++) {
        const lay_item *it = &g->body.items[i];
        if (it->kind == LAY_IMAGE && it->path && bx >= it->x && bx < it->x + it->w && by >= it->y &&
            by < it->y + it->h) {
            ui_push(app, &picture_view, PICTURE_OF(it->path, it->text));
            return true;
        }
    }
    return false;
}

/* A tap on the contents: a chapter with sections opens or closes them,
 * any other row opens its place. */
static void toc_tap(gview *g, ui_app *app, int r)
{
    const guide *gd = &app->content->guide;
    const toc_row *row = &g->rows[r];
    if (row->toc < 0) {
        jump(app, row->chapter, 0, NULL);
        return;
    }
    const guide_toc *e = &gd->toc[row->toc];
    if (e->level == 1 && has_sections(app, e->chapter)) {
        g->open_ch[e->chapter] = !g->open_ch[e->chapter];
        int keep = g->scroll;
        gv_resize(g, app);
        g->scroll = keep;
        clamp(g);
        return;
    }
    jump(app, e->chapter, e->line, NULL);
}

static void gv_action(void *v, ui_app *app, const ui_action *a)
{
    gview *g = v;
    int line = ui_px(app, 64);
    Uint32 now = ui_ticks(app);
    if (a->kind != ACT_DRAG && a->kind != ACT_RELEASE)
        g->flinging = false;
    switch (a->kind) {
    case ACT_BACK:
    case ACT_ERASE: ui_pop(app); return;
    case ACT_UP: scroll_by(g, app, -line); break;
    case ACT_DOWN: scroll_by(g, app, line); break;
    case ACT_PAGE_UP: page_by(g, app, -1); break;
    case ACT_PAGE_DOWN: page_by(g, app, 1); break;
    case ACT_FIRST: scroll_by(g, app, -g->scroll); break;
    case ACT_LAST: scroll_by(g, app, g->max_scroll); break;
    case ACT_SCROLL: scroll_by(g, app, a->dy * ui_px(app, 80)); break;
    case ACT_DRAG:
        if (ui_hit(&g->view, a->x, a->y)) {
            scroll_by(g, app, -a->dy);
            /* Velocity for the fling, smoothed over the last moves. */
            Uint32 dt = now - g->last_move;
            if (dt > 0 && dt < 100)
                g->velocity = 0.6f * g->velocity + 0.4f * (-a->dy / (float)dt);
            else
                g->velocity = 0;
            g->last_move = now;
        }
        break;
    case ACT_RELEASE:
        if (now - g->last_move < 80 && (g->velocity > 0.3f || g->velocity < -0.3f)) {
            g->flinging = true;
            g->last_tick = now;
        }
        g->pressed_row = -1;
        app->dirty = true; /* the pressed row, and the fling's first frame */
        break;
    case ACT_PRESS:
        g->velocity = 0;
        g->last_move = now;
        if (g->chapter < 0) {
            g->pressed_row = row_at(g, app, a->x, a->y);
            app->dirty = true;
        }
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
            app->text_pct = zooms[z]; /* the visitor's, for every chapter and view */
            gv_resize(g, app);
            g->scroll = (int)(frac * g->max_scroll);
        }
        break;
    }
    case ACT_SELECT:
        if (g->chapter < 0)
            jump(app, 0, 0, NULL);
        break;
    case ACT_TAP:
        if (ui_hit(&g->back, a->x, a->y))
            ui_pop(app);
        else if (g->chapter >= 0 && ui_hit(&g->prev, a->x, a->y))
            go_chapter(g, app, g->chapter - 1);
        else if (g->chapter >= 0 && ui_hit(&g->next, a->x, a->y))
            go_chapter(g, app, g->chapter + 1);
        else if (g->chapter >= 0 && ui_hit(&g->print, a->x, a->y))
            ui_print(app, HANDOUT_CHAPTER, g->chapter, NULL, app->content->guide.ch[g->chapter].title);
        else if (g->chapter >= 0 && ui_hit(&g->bigger, a->x, a->y))
            gv_action(v, app, &(ui_action){.kind = ACT_ZOOM_IN});
        else if (g->chapter >= 0 && ui_hit(&g->smaller, a->x, a->y))
            gv_action(v, app, &(ui_action){.kind = ACT_ZOOM_OUT});
        else if (g->chapter >= 0 && ui_hit(&g->view, a->x, a->y)) {
            if (!follow_link(g, app, a->x, a->y))
                open_picture(g, app, a->x, a->y);
        } else if (g->chapter < 0) {
            int r = row_at(g, app, a->x, a->y);
            if (r >= 0)
                toc_tap(g, app, r);
        }
        break;
    default:
        break;
    }
}

static void draw_bar(gview *g, ui_app *app, const char *title)
{
    const ui_theme *t = &app->theme;
    int bh = bar_h(app), m = ui_bar_margin(app), gap = ui_px(app, 16);
    ui_fill(app, t->header_bg, 0, 0, app->w, bh);
    int bw = ui_px(app, 180);
    g->back = ui_button(app, ui_msg(app, MSG_BACK), m, m, bw, bh - 2 * m, t->accent,
                        t->accent_text, ui_text_px(app, 30));
    int right = app->w - m;
    if (g->chapter >= 0) {
        int zw = ui_tap_px(app, 80);
        g->bigger = ui_button(app, "\xEF\xBC\x8B", right - zw, m, zw, bh - 2 * m, t->tile_bg,
                              t->header_bg, ui_text_px(app, 40)); /* ＋ */
        g->smaller = ui_button(app, "\xEF\xBC\x8D", right - 2 * zw - gap, m, zw, bh - 2 * m,
                               t->tile_bg, t->header_bg, ui_text_px(app, 40)); /* － */
        int pw = ui_px(app, 200);
        g->print = ui_button(app, ui_msg(app, MSG_PRINT_OPEN), right - 2 * zw - 2 * gap - pw, m, pw,
                             bh - 2 * m, t->accent, t->accent_text, ui_text_px(app, 26));
        right -= 2 * zw + 3 * gap + pw;
    }
    SDL_Rect clip = {bw + m + gap, 0, right - bw - m - 2 * gap, bh};
    SDL_RenderSetClipRect(app->ren, &clip);
    int ts = ui_text_px(app, 34);
    /* A title longer than the room ends with an ellipsis, cut between
     * characters (never inside one). */
    strbuf cut;
    strbuf_init(&cut);
    const char *shown = ui_fit(app, title, ts, DOC_S_BOLD, clip.w - gap, &cut);
    txt_draw(app->txt, shown, strlen(shown), ts, DOC_S_BOLD, t->header_text, clip.x + gap / 2,
             (bh - txt_height(app->txt, ts)) / 2);
    strbuf_fini(&cut);
    SDL_RenderSetClipRect(app->ren, NULL);
}

static void draw_footer(gview *g, ui_app *app)
{
    const ui_theme *t = &app->theme;
    int fh = foot_h(app), y = app->h - fh, m = foot_m(app);
    ui_fill(app, t->tile_bg, 0, y, app->w, fh);
    ui_fill(app, t->tile_border, 0, y, app->w, ui_px(app, 2) ? ui_px(app, 2) : 1);
    int bw = ui_px(app, 240);
    char label[256];
    int n = (int)app->content->guide.n;
    g->prev = g->next = (SDL_Rect){0, 0, 0, 0};
    int s = ui_text_px(app, 24);
    if (g->chapter > 0) {
        snprintf(label, sizeof label, "\xE2\x97\x80 %s", ui_msg(app, MSG_PREV_CHAPTER));
        g->prev = ui_button(app, label, m, y + m, bw, fh - 2 * m, t->bg, t->accent, s);
    }
    if (g->chapter < n - 1) {
        snprintf(label, sizeof label, "%s \xE2\x96\xB6", ui_msg(app, MSG_NEXT_CHAPTER));
        g->next = ui_button(app, label, app->w - m - bw, y + m, bw, fh - 2 * m, t->bg, t->accent, s);
    }
    /* Position: chapter n/m (the contents' numbering), how far through
     * it the reader is, and the text size when it is not the normal. */
    char pos[160], pagebuf[32], pctbuf[32], zbuf[48] = "";
    int pct = g->max_scroll ? g->scroll * 100 / g->max_scroll : 100;
    snprintf(pagebuf, sizeof pagebuf, ui_msg(app, MSG_PAGE_POS), g->chapter + 1, n);
    snprintf(pctbuf, sizeof pctbuf, ui_msg(app, MSG_SCROLL_POS), pct);
    if (zooms[g->zoom] != 100) {
        zbuf[0] = ' ';
        zbuf[1] = ' ';
        snprintf(zbuf + 2, sizeof zbuf - 2, ui_msg(app, MSG_TEXT_SIZE), zooms[g->zoom]);
    }
    snprintf(pos, sizeof pos, "%s  \xE2\x80\x94  %s%s", pagebuf, pctbuf, zbuf);
    int ps = ui_text_px(app, 26);
    strbuf cut;
    strbuf_init(&cut);
    int room = app->w - 2 * (m + bw + m);
    const char *shown = ui_fit(app, pos, ps, 0, room, &cut);
    int w = txt_width(app->txt, shown, strlen(shown), ps, 0);
    txt_draw(app->txt, shown, strlen(shown), ps, 0, t->muted, (app->w - w) / 2,
             y + (fh - txt_height(app->txt, ps)) / 2);
    strbuf_fini(&cut);
    ui_fill(app, t->accent, 0, y, app->w * pct / 100, ui_px(app, 4) ? ui_px(app, 4) : 1);
}

/* Where in the list or chapter the view is: a thin bar at the right. */
static void draw_scrollbar(const gview *g, ui_app *app)
{
    if (g->max_scroll <= 0)
        return;
    const ui_theme *t = &app->theme;
    int w = ui_px(app, 10) < 6 ? 6 : ui_px(app, 10), x = g->view.x + g->view.w - w - ui_px(app, 6);
    int total = g->max_scroll + g->view.h;
    int th = (int)((long long)g->view.h * g->view.h / total);
    if (th < UI_MIN_TAP / 2)
        th = UI_MIN_TAP / 2;
    int ty = g->view.y + (int)((long long)(g->view.h - th) * g->scroll / g->max_scroll);
    ui_fill(app, t->tile_border, x, g->view.y, w, g->view.h);
    ui_fill(app, t->accent, x, ty, w, th);
}

/* text in at most two lines of width w from (x, y), cut between
 * characters; the second ends with an ellipsis when it does not fit.
 * Returns the number of lines drawn. */
static int draw_two_lines(ui_app *app, const char *text, int size, unsigned style, SDL_Color c,
                          int x, int y, int w)
{
    size_t len = strlen(text), i = 0, brk = len;
    if (txt_width(app->txt, text, len, size, style) <= w) {
        txt_draw(app->txt, text, len, size, style, c, x, y);
        return 1;
    }
    while (i < len) { /* the longest head that fits */
        size_t j = i;
        utf8_next(text, len, &j);
        if (txt_width(app->txt, text, j, size, style) > w) {
            brk = i;
            break;
        }
        i = j;
    }
    /* Prefer a break after a space or a full-width space when one is near. */
    for (size_t k = brk; k > brk / 2; k--)
        if (text[k - 1] == ' ' || (k >= 3 && !memcmp(text + k - 3, "\xE3\x80\x80", 3))) {
            brk = k;
            break;
        }
    txt_draw(app->txt, text, brk, size, style, c, x, y);
    strbuf cut;
    strbuf_init(&cut);
    const char *rest = ui_fit(app, text + brk, size, style, w, &cut);
    txt_draw(app->txt, rest, strlen(rest), size, style, c, x, y + txt_height(app->txt, size) * 5 / 4);
    strbuf_fini(&cut);
    return 2;
}

/* Case-insensitive (ASCII) search of needle in s[0..n). */
static const char *find_ci(const char *s, size_t n, const char *needle)
{
    size_t m = strlen(needle);
    for (size_t i = 0; m && i + m <= n; i++) {
        size_t k = 0;
        while (k < m) {
            char a = s[i + k], b = needle[k];
            if (a >= 'A' && a <= 'Z')
                a = (char)(a - 'A' + 'a');
            if (b >= 'A' && b <= 'Z')
                b = (char)(b - 'A' + 'a');
            if (a != b)
                break;
            k++;
        }
        if (k == m)
            return s + i;
    }
    return NULL;
}

/* A marker behind every occurrence of the search term that is in view. */
static void draw_highlights(gview *g, ui_app *app, int dx, int dy)
{
    if (!g->term || !*g->term)
        return;
    SDL_RenderSetClipRect(app->ren, &g->view);
    for (size_t i = 0; i < g->body.n; i++) {
        const lay_item *it = &g->body.items[i];
        int y = it->y + dy;
        if (it->kind != LAY_TEXT || y > g->view.y + g->view.h || y + it->h < g->view.y)
            continue;
        for (const char *p = find_ci(it->text, it->len, g->term); p;
             p = find_ci(p + 1, it->len - (size_t)(p + 1 - it->text), g->term)) {
            int x0 = txt_width(app->txt, it->text, (size_t)(p - it->text), it->size, it->style);
            int w = txt_width(app->txt, p, strlen(g->term), it->size, it->style);
            ui_fill(app, ui_color(PAL_HIGHLIGHT), it->x + dx + x0, y, w, it->h);
        }
    }
    SDL_RenderSetClipRect(app->ren, NULL);
}

static void gv_draw(void *v, ui_app *app)
{
    gview *g = v;
    const ui_theme *t = &app->theme;
    int pad = ui_px(app, 32);
    if (g->chapter >= 0) {
        ui_fill(app, t->tile_bg, g->view.x, g->view.y, g->view.w, g->view.h);
        draw_highlights(g, app, g->body_x, g->view.y + pad - g->scroll);
        /* No line of text cut at the foot: the view ends above the first
         * line that does not wholly fit (paging starts the next page there). */
        SDL_Rect shown = g->view;
        int top = g->scroll - pad, foot = top + g->view.h;
        for (size_t i = 0; i < g->body.n; i++) {
            const lay_item *it = &g->body.items[i];
            if (it->kind == LAY_TEXT && it->y < foot && it->y + it->h > foot && it->y > top)
                foot = it->y;
        }
        shown.h = foot - top;
        ui_paint(app, &g->body, g->body_x, g->view.y + pad - g->scroll, &shown);
        /* A table's header rows stay at the top while its body is in view. */
        const lay_table *tb;
        int hh = lay_header_over(&g->body, top, g->view.h, &tb);
        if (tb) {
            lay_result head = g->body;
            head.items = g->body.items + tb->head_first;
            head.n = tb->head_end - tb->head_first;
            SDL_Rect band = {g->view.x, g->view.y, g->view.w, hh};
            ui_fill(app, t->tile_bg, band.x, band.y, band.w, band.h);
            ui_paint(app, &head, g->body_x, g->view.y - tb->y0, &band);
        }
        draw_scrollbar(g, app);
        draw_bar(g, app, app->content->guide.ch[g->chapter].title);
        draw_footer(g, app);
        return;
    }
    SDL_RenderSetClipRect(app->ren, &g->view);
    const guide *gd = &app->content->guide;
    int m = ui_px(app, 56);
    int w = app->w - 2 * m;
    if (w > ui_px(app, 1120))
        w = ui_px(app, 1120);
    int x = (app->w - w) / 2;
    for (int r = 0; r < g->nrows; r++) {
        const toc_row *row = &g->rows[r];
        const guide_toc *e = row->toc >= 0 ? &gd->toc[row->toc] : NULL;
        int level = e ? e->level : 2;
        int y = g->view.y + pad + row->y - g->scroll;
        if (y + row->h < g->view.y || y > g->view.y + g->view.h)
            continue;
        int indent = (level > 1 ? 1 + (level > 2) : 0) * ui_px(app, 84);
        int rh = row->h - ui_px(app, 10);
        int rx = x + indent, rw = w - indent;
        ui_fill(app, g->pressed_row == r ? t->lay[LAY_C_TABLE_HEAD_BG] : t->tile_bg, rx, y, rw, rh);
        ui_frame(app, t->tile_border, rx, y, rw, rh, ui_px(app, 2) ? ui_px(app, 2) : 1);
        int ts = ui_text_px(app, level == 1 ? 30 : 26);
        int tx = rx + ui_px(app, 24), room = rw - ui_px(app, 48);
        SDL_Rect clip = {rx, y, rw - ui_px(app, 8), rh};
        SDL_Rect both;
        if (SDL_IntersectRect(&clip, &g->view, &both))
            SDL_RenderSetClipRect(app->ren, &both);
        if (level == 1) { /* the chapter number (the one N everywhere means) in a block */
            char nbuf[24];
            snprintf(nbuf, sizeof nbuf, "%d", row->chapter + 1);
            int nbw = ui_px(app, 84);
            ui_fill(app, t->accent, rx, y, nbw, rh);
            int nw = txt_width(app->txt, nbuf, strlen(nbuf), ts, DOC_S_BOLD);
            txt_draw(app->txt, nbuf, strlen(nbuf), ts, DOC_S_BOLD, t->accent_text,
                     rx + (nbw - nw) / 2, y + (rh - txt_height(app->txt, ts)) / 2);
            tx = rx + nbw + ui_px(app, 24);
            room = rw - nbw - ui_px(app, 48);
            if (has_sections(app, row->chapter)) { /* ▼ open, ▶ closed */
                const char *mark = g->open_ch[row->chapter] ? "\xE2\x96\xBC" : "\xE2\x96\xB6";
                int mw = txt_width(app->txt, mark, strlen(mark), ts, 0);
                room -= mw + ui_px(app, 16);
                txt_draw(app->txt, mark, strlen(mark), ts, 0, t->accent, rx + rw - mw - ui_px(app, 24),
                         y + (rh - txt_height(app->txt, ts)) / 2);
            }
        }
        const char *title = e ? e->title : ui_msg(app, MSG_TOC_FROM_START);
        int lh = txt_height(app->txt, ts);
        bool two = txt_width(app->txt, title, strlen(title), ts, DOC_S_BOLD) > room;
        draw_two_lines(app, title, ts, level == 1 ? DOC_S_BOLD : 0, e ? t->text : t->accent, tx,
                       y + (rh - (two ? lh * 9 / 4 : lh)) / 2, room);
        txt_log_box(app->txt, title, rx, y, rw, rh);
        SDL_RenderSetClipRect(app->ren, &g->view);
    }
    SDL_RenderSetClipRect(app->ren, NULL);
    draw_scrollbar(g, app);
    draw_bar(g, app, gd->title ? gd->title : ui_msg(app, MSG_GUIDE_TOC));
}

/* Pictures in the view get their textures here, before they are drawn
 * (one evicted by the budget is decoded again here, not inside draw), and
 * those within a screen of it too, while they fit without evicting any:
 * pictures near the view that together exceed the budget would otherwise
 * evict each other at every update. */
static void prefetch(gview *g, ui_app *app)
{
    if (g->chapter < 0)
        return;
    int top = g->scroll - ui_px(app, 32) - g->view.h, bottom = g->scroll + 2 * g->view.h;
    int vtop = g->scroll - ui_px(app, 32), vbottom = g->scroll + g->view.h;
    for (size_t i = 0; i < g->body.n; i++) {
        const lay_item *it = &g->body.items[i];
        if (it->kind != LAY_IMAGE || !it->path || it->y + it->h <= top || it->y >= bottom)
            continue;
        bool seen = it->y + it->h > vtop && it->y < vbottom;
        if (seen ? txt_prefetch_image(app->txt, it->path) : txt_prefetch_spare(app->txt, it->path))
            app->dirty |= seen;
    }
}

/* Inertia: move by the time since the last step. */
static void gv_update(void *v, ui_app *app, Uint32 now)
{
    gview *g = v;
    prefetch(g, app);
    if (!g->flinging)
        return;
    float dt = (float)(now - g->last_tick);
    g->last_tick = now;
    int before = g->scroll;
    g->scroll += (int)(g->velocity * dt);
    clamp(g);
    g->velocity *= 1.0f - (dt * 0.004f > 0.9f ? 0.9f : dt * 0.004f);
    if (g->scroll == before || (g->velocity < 0.05f && g->velocity > -0.05f))
        g->flinging = false;
    app->dirty = true;
}

static int gv_timeout(void *v, ui_app *app)
{
    (void)app;
    gview *g = v;
    return g->flinging ? 16 : -1; /* about 60 frames a second while it glides */
}

bool guide_view_state(const ui_app *app, guide_view_info *out)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &guide_view)
        return false;
    const gview *g = app->views[app->depth - 1];
    out->chapter = g->chapter;
    out->scroll = g->scroll;
    out->max_scroll = g->max_scroll;
    out->flinging = g->flinging;
    out->term = g->term;
    out->text_pct = zooms[g->zoom];
    return true;
}

const ui_view_ops guide_view = {
    .name = "guide",
    .open = gv_open,
    .close = gv_close,
    .resize = gv_resize,
    .action = gv_action,
    .draw = gv_draw,
    .timeout = gv_timeout,
    .update = gv_update,
};
