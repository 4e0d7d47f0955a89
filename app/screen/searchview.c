/*
 * searchview.c - searching the guidebook: a text box that takes Japanese
 * through the OS input method (the composition shown underlined where it
 * is typed, the candidate window placed there), keyword chips for a touch
 * kiosk without a keyboard, and the hits, best first, each opening its
 * chapter at the hit with the words highlighted.
 *
 * The search runs on every change: the index answers in well under a
 * frame (see tests/bench).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/search.h"
#include "../core/utf8.h"
#include "keyboard.h"
#include "views.h"

#define MAX_CHIPS 16
#define MAX_HITS 100

typedef struct sview {
    strbuf query;   /* committed text */
    strbuf compose; /* the input method's composition, not yet committed */
    search_hit *hits;
    size_t nhits;
    char *chips[MAX_CHIPS];
    SDL_Rect chip_r[MAX_CHIPS];
    int nchips;
    SDL_Rect back, box, list, clear;
    keyboard kb;
    bool kb_open; /* the on-screen keyboard, opened by a tap on the box */
    int scroll, max_scroll;
    int pressed;
    lay_result rows; /* the hit list, laid out */
    int *row_y;      /* top of each hit in rows */
} sview;

static void run(sview *s, ui_app *app)
{
    search_hits_free(s->hits, s->nhits);
    s->hits = NULL;
    s->nhits = app->search && s->query.len ? search_run(app->search, s->query.s, &s->hits, MAX_HITS)
                                           : 0;
    s->scroll = 0;
    app->dirty = true;
}

static void add_chip(sview *s, const char *w)
{
    for (int i = 0; i < s->nchips; i++)
        if (strcmp(s->chips[i], w) == 0)
            return;
    if (s->nchips < MAX_CHIPS)
        s->chips[s->nchips++] = xstrdup(w);
}

static void *se_open(ui_app *app, const ui_args *args)
{
    if (app->content->guide.n == 0)
        return NULL;
    if (!app->search) {
        char err[256];
        char *cache = search_cache_dir();
        char *syn = app->content->dir ? path_join(app->content->dir, "assets/synonyms.ini") : NULL;
        app->search = search_open_faq(&app->content->guide, &app->content->faq, cache, syn, err,
                                      sizeof err);
        free(syn);
        free(cache);
        if (!app->search)
            fprintf(stderr, "madoguchi: %s\n", err);
    }
    sview *s = xcalloc(1, sizeof *s);
    strbuf_init(&s->query);
    strbuf_init(&s->compose);
    lay_init(&s->rows);
    s->pressed = -1;
    /* Chips: the chapters' keywords; for a book without them, common terms
     * of the desk's work that the book actually contains. */
    for (size_t i = 0; i < app->content->guide.n; i++)
        for (size_t k = 0; k < app->content->guide.ch[i].nkeywords; k++)
            add_chip(s, app->content->guide.ch[i].keywords[k]);
    if (s->nchips == 0 && app->search) {
        char *list = xstrdup(ui_msg(app, MSG_SEARCH_CHIPS)), *save = NULL;
        for (char *w = strtok_r(list, ",", &save); w; w = strtok_r(NULL, ",", &save)) {
            search_hit *h;
            size_t n = search_run(app->search, w, &h, 1);
            if (n)
                add_chip(s, w);
            search_hits_free(h, n);
        }
        free(list);
    }
    if (args && args->kind == ARGS_SEARCH && args->query) { /* given by the caller (screenshots, links) */
        strbuf_adds(&s->query, args->query);
        run(s, app);
    }
    return s;
}

static void se_close(void *v)
{
    sview *s = v;
    if (!s)
        return;
    strbuf_fini(&s->query);
    strbuf_fini(&s->compose);
    search_hits_free(s->hits, s->nhits);
    for (int i = 0; i < s->nchips; i++)
        free(s->chips[i]);
    lay_fini(&s->rows);
    free(s->row_y);
    free(s);
}

static void se_resize(void *v, ui_app *app)
{
    sview *s = v;
    int bh = ui_px(app, 96), m = ui_bar_margin(app);
    s->back = (SDL_Rect){m, m, ui_px(app, 180), bh - 2 * m};
    s->box = (SDL_Rect){s->back.x + s->back.w + m, m, app->w - s->back.w - 3 * m, bh - 2 * m};
    /* The candidate window of the input method goes under the box. */
    SDL_SetTextInputRect(&s->box);
    int ch = s->box.h; /* the clear button: square, at the box's right end */
    s->clear = (SDL_Rect){s->box.x + s->box.w - ch, s->box.y, ch, ch};
    /* The keyboard: six rows of keys at least 48 px tall, at the foot. */
    int key = MG_MAX(48, ui_px(app, 64)), gap = MG_MAX(2, ui_px(app, 6));
    int kbh = 6 * key + 7 * gap;
    if (kbh > app->h - bh)
        kbh = app->h - bh;
    kb_layout(&s->kb, app, (SDL_Rect){0, app->h - kbh, app->w, kbh});
    app->dirty = true;
}

/* Remove the last character of the query (UTF-8). */
static void erase(strbuf *b)
{
    if (!b->len)
        return;
    size_t i = b->len - 1;
    while (i > 0 && ((unsigned char)b->s[i] & 0xC0) == 0x80)
        i--;
    b->len = i;
    b->s[i] = '\0';
}

static int hit_at(const sview *s, int x, int y)
{
    if (!ui_hit(&s->list, x, y) || !s->row_y)
        return -1;
    int ly = y - s->list.y + s->scroll;
    for (size_t i = 0; i < s->nhits; i++)
        if (ly >= s->row_y[i] && ly < s->row_y[i + 1])
            return (int)i;
    return -1;
}

/* The words to highlight in the chapter: the query's first term. */
static char *first_term(const char *q)
{
    while (*q == ' ')
        q++;
    size_t n = strcspn(q, " ");
    const char *ideo = strstr(q, "\xE3\x80\x80");
    if (ideo && (size_t)(ideo - q) < n)
        n = (size_t)(ideo - q);
    return xstrndup(q, n);
}

static void se_action(void *v, ui_app *app, const ui_action *a)
{
    sview *s = v;
    switch (a->kind) {
    case ACT_TEXT:
        /* Committed text: the input method may send a long commit in
         * several events; each is appended as it comes. */
        if (strbuf_add(&s->query, a->text, strlen(a->text)), s->query.len > 512)
            erase(&s->query);
        strbuf_clear(&s->compose);
        run(s, app);
        break;
    case ACT_COMPOSE:
        strbuf_clear(&s->compose);
        strbuf_adds(&s->compose, a->text);
        app->dirty = true;
        break;
    case ACT_ERASE:
        if (s->compose.len)
            break; /* the input method is editing its own text */
        if (!s->query.len) {
            ui_pop(app);
            return;
        }
        erase(&s->query);
        run(s, app);
        break;
    case ACT_BACK: ui_pop(app); return;
    case ACT_SELECT: run(s, app); break;
    case ACT_SCROLL:
    case ACT_DRAG: {
        int dy = a->kind == ACT_SCROLL ? a->dy * ui_px(app, 80) : -a->dy;
        int sc = s->scroll + dy;
        s->scroll = sc < 0 ? 0 : sc > s->max_scroll ? s->max_scroll : sc;
        app->dirty = true;
        break;
    }
    case ACT_DOWN: s->scroll = MG_MIN(s->max_scroll, s->scroll + ui_px(app, 80)); app->dirty = true; break;
    case ACT_UP: s->scroll = MG_MAX(0, s->scroll - ui_px(app, 80)); app->dirty = true; break;
    case ACT_PRESS:
        s->pressed = hit_at(s, a->x, a->y);
        app->dirty = true;
        break;
    case ACT_RELEASE:
        s->pressed = -1;
        app->dirty = true;
        break;
    case ACT_TAP: {
        if (ui_hit(&s->back, a->x, a->y)) {
            ui_pop(app);
            return;
        }
        if (s->query.len && ui_hit(&s->clear, a->x, a->y)) {
            strbuf_clear(&s->query);
            strbuf_clear(&s->compose);
            run(s, app);
            break;
        }
        if (ui_hit(&s->box, a->x, a->y)) {
            s->kb_open = true;
            app->dirty = true;
            break;
        }
        if (s->kb_open && ui_hit(&s->kb.area, a->x, a->y)) {
            int k = kb_tap(&s->kb, app, &s->query, a->x, a->y);
            if (k == KB_CLOSE)
                s->kb_open = false;
            else if (k >= 0 && k != KB_PAGE)
                run(s, app);
            break;
        }
        for (int i = 0; i < s->nchips; i++)
            if (ui_hit(&s->chip_r[i], a->x, a->y)) {
                s->query.len = 0;
                strbuf_adds(&s->query, s->chips[i]);
                run(s, app);
                return;
            }
        int h = hit_at(s, a->x, a->y);
        if (h >= 0 && s->hits[h].faq >= 0) { /* a FAQ item: its answer */
            ui_push(app, &faq_view, FAQ_ITEM(s->hits[h].faq));
        } else if (h >= 0) {
            char *term = first_term(s->query.s);
            ui_push(app, &guide_view, GUIDE_LINE(s->hits[h].chapter, s->hits[h].line, term));
            free(term);
        }
        break;
    }
    default: break;
    }
}

/* A result's text size: times the visitor's size, never below legible. */
static int hit_px(const ui_app *app, float v)
{
    return ui_text_px(app, v * (float)(app->text_pct ? app->text_pct : 100) / 100.0f);
}

/* One hit: chapter (small), heading (bold), snippet with the match in blue bold. */
static int layout_hit(ui_app *app, lay_result *r, const search_hit *h, int y, int w)
{
    int y0 = y, pad = ui_px(app, 14);
    y += pad;
    /* labelled by kind: 「ガイドブック」 and the chapter, or 「よくある質問」 */
    char kind[400];
    const char *title = h->faq >= 0 ? "" : app->content->guide.ch[h->chapter].title;
    const char *kname = ui_msg(app, h->faq >= 0 ? MSG_KIND_FAQ : MSG_KIND_GUIDE);
    if (*title)
        utf8_snprintf(kind, sizeof kind, ui_msg(app, MSG_KIND_TITLED), kname, title);
    else
        utf8_snprintf(kind, sizeof kind, "%s", kname);
    y += lay_text(r, &app->lay, kind, pad, y, w - 2 * pad, hit_px(app, 20),
                  h->faq >= 0 ? DOC_S_BOLD : 0, LAY_C_MUTED, DOC_ALIGN_LEFT);
    if (*h->heading && strcmp(h->heading, title) != 0)
        y += lay_text(r, &app->lay, h->heading, pad, y, w - 2 * pad, hit_px(app, 26),
                      DOC_S_BOLD | LAY_S_PHRASE, LAY_C_HEADING, DOC_ALIGN_LEFT);
    doc_span sp[3];
    size_t n = 0;
    const char *a = strchr(h->snippet, '\x01'), *b = a ? strchr(a, '\x02') : NULL;
    if (a && b) {
        sp[n++] = (doc_span){.kind = DOC_SPAN_TEXT, .text = h->snippet, .len = (size_t)(a - h->snippet)};
        sp[n++] = (doc_span){.kind = DOC_SPAN_TEXT, .style = DOC_S_BOLD | DOC_S_LINK, .text = a + 1,
                             .len = (size_t)(b - a - 1)};
        sp[n++] = (doc_span){.kind = DOC_SPAN_TEXT, .text = b + 1, .len = strlen(b + 1)};
    } else
        sp[n++] = (doc_span){.kind = DOC_SPAN_TEXT, .text = h->snippet, .len = strlen(h->snippet)};
    y += lay_spans(r, &app->lay, sp, n, pad, y, w - 2 * pad, hit_px(app, 24), 0, LAY_C_TEXT,
                   DOC_ALIGN_LEFT, 1.4f);
    return y + pad - y0;
}

static void se_draw(void *v, ui_app *app)
{
    sview *s = v;
    const ui_theme *t = &app->theme;
    int bh = ui_px(app, 96), m = ui_px(app, 16);
    ui_fill(app, t->header_bg, 0, 0, app->w, bh);
    s->back = ui_button(app, ui_msg(app, MSG_BACK), s->back.x, s->back.y, s->back.w, s->back.h,
                        t->accent, t->accent_text, ui_text_px(app, 30));
    /* The box: the query, then the composition underlined, then a caret. */
    ui_fill(app, t->tile_bg, s->box.x, s->box.y, s->box.w, s->box.h);
    int fs = ui_px(app, 32);
    int tx = s->box.x + m, ty = s->box.y + (s->box.h - txt_height(app->txt, fs)) / 2;
    SDL_RenderSetClipRect(app->ren, &s->box);
    if (s->query.len == 0 && s->compose.len == 0) {
        const char *hint = ui_msg(app, MSG_SEARCH_HINT);
        int hs = MG_MAX(UI_MIN_TEXT, fs * 3 / 4);
        txt_draw(app->txt, hint, strlen(hint), hs, 0, t->muted, tx,
                 s->box.y + (s->box.h - txt_height(app->txt, hs)) / 2);
    } else {
        tx += txt_draw(app->txt, s->query.s ? s->query.s : "", s->query.len, fs, 0, t->text, tx, ty);
    }
    if (s->compose.len) {
        int w = txt_draw(app->txt, s->compose.s, s->compose.len, fs, 0, t->accent, tx, ty);
        ui_fill(app, t->accent, tx, ty + txt_height(app->txt, fs) - 3, w, 3); /* underline */
        SDL_Rect r = {tx, s->box.y, w, s->box.h};
        SDL_SetTextInputRect(&r); /* candidates appear at the composition */
        tx += w;
    }
    ui_fill(app, t->text, tx + 2, ty, 2, txt_height(app->txt, fs)); /* caret */
    SDL_RenderSetClipRect(app->ren, NULL);
    if (s->query.len) /* × clears the box */
        ui_button(app, ui_msg(app, MSG_SEARCH_CLEAR), s->clear.x, s->clear.y, s->clear.w,
                  s->clear.h, t->tile_bg, t->accent, ui_text_px(app, 40));

    /* Keyword chips, wrapped over as many rows as they need. */
    int x = m, y = bh + m, ch = ui_tap_px(app, 60), cs = ui_text_px(app, 26);
    /* With hits to show, one row of chips; before, all of them. */
    int max_rows = s->nhits ? 1 : 99, row = 1;
    for (int i = 0; i < s->nchips; i++) {
        s->chip_r[i] = (SDL_Rect){0, 0, 0, 0};
        if (s->kb_open) /* the keyboard takes the room */
            continue;
        int w = txt_width(app->txt, s->chips[i], strlen(s->chips[i]), cs, 0) + ui_px(app, 40);
        if (x + w > app->w - m && x > m) {
            if (++row > max_rows)
                continue;
            x = m;
            y += ch + m / 2;
        }
        bool on = s->query.s && strcmp(s->query.s, s->chips[i]) == 0;
        s->chip_r[i] = ui_button(app, s->chips[i], x, y, w, ch, on ? t->accent : t->tile_bg,
                                 on ? t->accent_text : t->accent, cs);
        if (!on)
            ui_frame(app, t->tile_border, x, y, w, ch, 1);
        x += w + m / 2;
    }
    if (!s->kb_open)
        y += ch + m;

    /* The count, then the hits. */
    if (s->query.len) {
        char line[256];
        if (s->nhits)
            snprintf(line, sizeof line, ui_msg(app, MSG_SEARCH_COUNT), (int)s->nhits);
        else
            utf8_snprintf(line, sizeof line, ui_msg(app, MSG_SEARCH_NONE), s->query.s);
        int ls = ui_text_px(app, 24);
        txt_draw(app->txt, line, strlen(line), ls, DOC_S_BOLD, t->muted, m, y);
        y += txt_height(app->txt, ls) + m / 2;
    }
    int foot = s->kb_open ? s->kb.area.y : app->h;
    s->list = (SDL_Rect){m, y, app->w - 2 * m, foot > y ? foot - y : 0};
    lay_fini(&s->rows);
    lay_init(&s->rows);
    free(s->row_y);
    s->row_y = xcalloc(s->nhits + 1, sizeof(int));
    int ry = 0;
    for (size_t i = 0; i < s->nhits; i++) {
        s->row_y[i] = ry;
        ry += layout_hit(app, &s->rows, &s->hits[i], ry, s->list.w) + m / 2;
    }
    s->row_y[s->nhits] = ry;
    s->max_scroll = ry > s->list.h ? ry - s->list.h : 0;
    if (s->scroll > s->max_scroll)
        s->scroll = s->max_scroll;
    SDL_RenderSetClipRect(app->ren, &s->list);
    for (size_t i = 0; i < s->nhits; i++) {
        int top = s->list.y + s->row_y[i] - s->scroll, h = s->row_y[i + 1] - s->row_y[i] - m / 2;
        if (top > s->list.y + s->list.h || top + h < s->list.y)
            continue;
        ui_fill(app, s->pressed == (int)i ? t->lay[LAY_C_TABLE_HEAD_BG] : t->tile_bg, s->list.x,
                top, s->list.w, h);
        ui_frame(app, t->tile_border, s->list.x, top, s->list.w, h, 1);
        txt_log_box(app->txt, "hit", s->list.x, top, s->list.w, h);
    }
    SDL_RenderSetClipRect(app->ren, NULL);
    ui_paint(app, &s->rows, s->list.x, s->list.y - s->scroll, &s->list);
    if (s->kb_open)
        kb_draw(&s->kb, app);
}

bool search_view_key(const ui_app *app, const char *label, SDL_Rect *r)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &search_view)
        return false;
    const sview *s = app->views[app->depth - 1];
    if (!strcmp(label, "box")) {
        *r = s->box;
        return true;
    }
    if (!strcmp(label, "clear")) {
        *r = s->clear;
        return s->query.len > 0;
    }
    return s->kb_open && kb_find(&s->kb, label, r);
}

bool search_view_state(const ui_app *app, search_view_info *out)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &search_view)
        return false;
    const sview *s = app->views[app->depth - 1];
    out->query = s->query.s ? s->query.s : "";
    out->compose = s->compose.s ? s->compose.s : "";
    out->nhits = s->nhits;
    out->nchips = s->nchips;
    return true;
}

const ui_view_ops search_view = {
    .name = "search",
    .open = se_open,
    .close = se_close,
    .resize = se_resize,
    .action = se_action,
    .draw = se_draw,
    .wants_text = ui_wants_text_always, /* the search box */
};
