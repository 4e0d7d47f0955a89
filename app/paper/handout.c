/*
 * handout.c - the handout kinds (see handout.h).
 */
#include "handout.h"

#include <hpdf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/clock.h"
#include "../core/desk.h"
#include "../core/palette.h"
#include "../core/qr.h"
#include "../core/slidelay.h"
#include "pdf.h"

static void *book_loader(void *ctx, const char *path, size_t *len)
{
    const guide *g = ctx;
    return g ? guide_read_file(g, path, len) : read_file(path, len);
}


static pdf *start(const handout_ctx *h, const char *title, char *err, size_t errsize)
{
    pdf *p = pdf_new(h->font, title, msg_get(h->lang, MSG_DESK_NAME), err, errsize);
    if (p) {
        pdf_set_time(p, h->now_ms ? h->now_ms : clock_wall(NULL));
        strbuf contact;
        strbuf_init(&contact);
        if (h->desk_phone && *h->desk_phone)
            strbuf_printf(&contact, msg_get(h->lang, MSG_REF_PHONE), h->desk_phone);
        if (h->desk_hours && *h->desk_hours) {
            if (contact.len)
                strbuf_adds(&contact, "  ");
            strbuf_printf(&contact, msg_get(h->lang, MSG_REF_HOURS), h->desk_hours);
        }
        pdf_set_contact(p, contact.s);
        strbuf_fini(&contact);
        pdf_set_loader(p, book_loader, (void *)h->book);
        pdf_set_progress(p, h->progress, h->progress_ctx);
    }
    return p;
}

static bool finish(const handout_ctx *h, pdf *p, const char *out, char *err, size_t errsize)
{
    bool ok = pdf_save(p, out, err, errsize);
    if (ok && h->pages)
        *h->pages = pdf_pages(p);
    pdf_free(p);
    return ok;
}

/* ---- decks ---- */

#define NOTES_SIZE 110 /* speaker notes: 11 pt */
static void paginate(pdf *p, const lay_result *r, int W, int H, bool first_page_started);

static void slide_at(pdf *p, const lay_ctx *c, const deck *k, size_t i, int x, int y, int w)
{
    slay_slide s;
    slay_init(&s);
    slay_layout(&s, k, i, w, c);
    pdf_rect(p, x, y, s.w, s.h, s.bg, true);
    for (int b = 0; b < s.nbgs; b++) {
        const slay_bg *bg = &s.bgs[b];
        if (!bg->found) /* a missing picture shows nothing, as on screen */
            continue;
        /* Backgrounds are fitted inside their area on paper (no clipping). */
        int bw = bg->w, bh = bg->h, bx = bg->x, by = bg->y;
        if (bw > bg->cw || bh > bg->ch) {
            float f = (float)bg->cw / bw < (float)bg->ch / bh ? (float)bg->cw / bw
                                                               : (float)bg->ch / bh;
            bw = (int)(bw * f);
            bh = (int)(bh * f);
            bx = bg->cx + (bg->cw - bw) / 2;
            by = bg->cy + (bg->ch - bh) / 2;
        }
        pdf_image(p, bg->path, x + bx, y + by, bw, bh);
    }
    pdf_paint(p, &s.lay, x, y, s.color);
    pdf_rect(p, x, y, s.w, s.h, pal_hex(PAL_TABLE_BORDER), false); /* a thin frame: slides on white paper */
    slay_fini(&s);
}

bool handout_deck(const handout_ctx *h, const deck *k, const char *layout, const char *out,
                  char *err, size_t errsize)
{
    int per = !strcmp(layout, "1") ? 1 : !strcmp(layout, "2") ? 2 : !strcmp(layout, "3") ? 3
              : !strcmp(layout, "6") ? 6 : !strcmp(layout, "notes") ? -1 : 0;
    if (!per) {
        snprintf(err, errsize, "--layout takes 1, 2, 3, 6 or notes: %s", layout);
        return false;
    }
    pdf *p = start(h, k->title ? k->title : k->slides[0].title, err, errsize);
    if (!p)
        return false;
    lb *l = lb_new();
    lay_ctx c = {pdf_metrics(p), l};
    int cw, chh;
    slay_canvas(k, &cw, &chh);
    int W = 0, H = 0, gap = 120;
    for (size_t i = 0; i < k->n; i++) {
        int slot = per > 0 ? (int)(i % (size_t)per) : 0;
        if (slot == 0)
            pdf_page(p, per == 1, &W, &H);
        if (per == 1) {
            int w = W, hh = W * chh / cw;
            if (hh > H) {
                hh = H;
                w = H * cw / chh;
            }
            slide_at(p, &c, k, i, (W - w) / 2, (H - hh) / 2, w);
        } else if (per == 2) {
            int hh = (H - gap) / 2, w = MG_MIN(W, hh * cw / chh);
            slide_at(p, &c, k, i, (W - w) / 2, slot * (hh + gap), w);
        } else if (per == 3) {
            /* slide on the left, ruled lines for the reader's notes on the right */
            int w = W * 52 / 100, rh = (H - 2 * gap) / 3, hh = w * chh / cw, y = slot * (rh + gap);
            slide_at(p, &c, k, i, 0, y, w);
            for (int ln = 1; ln <= 7; ln++) {
                int ly = y + hh * ln / 7;
                pdf_line(p, w + 200, ly, W, ly, pal_hex(PAL_TILE_BORDER), 4);
            }
        } else if (per == 6) {
            /* Two columns, three rows spaced evenly down the page: the same
             * gap above the first row, between rows and below the last. */
            int w = (W - gap) / 2, hh = w * chh / cw, rows = 3;
            if (hh * rows + gap * (rows + 1) > H) { /* too tall for a third of the page */
                hh = (H - gap * (rows + 1)) / rows;
                w = hh * cw / chh;
            }
            int vgap = (H - rows * hh) / (rows + 1), cgap = W - 2 * w;
            slide_at(p, &c, k, i, (slot % 2) * (w + cgap), vgap + (slot / 2) * (hh + vgap), w);
        } else { /* notes: the slide, then what the presenter says */
            /* The notes at reading size (never below 10.5 pt): long notes
             * make the slide smaller, and what still does not fit goes on
             * to the next page. */
            const char *notes = k->slides[i].notes;
            doc_span sp = {.kind = DOC_SPAN_TEXT, .text = notes, .len = strlen(notes)};
            lay_result r;
            lay_init(&r);
            int w = 0;
            for (int pct = 80; pct >= 50; pct -= 10) {
                lay_fini(&r);
                lay_init(&r);
                w = W * pct / 100;
                int hh = w * chh / cw;
                lay_spans(&r, &c, &sp, 1, 0, hh + 240, W, NOTES_SIZE, 0, LAY_C_TEXT,
                          DOC_ALIGN_LEFT, 1.5f);
                if (hh + 240 + r.height <= H)
                    break;
            }
            slide_at(p, &c, k, i, (W - w) / 2, 0, w);
            paginate(p, &r, W, H, true);
            lay_fini(&r);
        }
    }
    lb_free(l);
    return finish(h, p, out, err, errsize);
}

/* ---- guidebook chapters ---- */

/* Paint a laid-out document over as many pages as it needs.  An item
 * goes to the page where its top falls; boxes longer than the room left
 * are cut at the page's foot and go on at the top of the next page (a
 * merged cell's borders).  When a page turns inside a table's body, the
 * table's header rows are painted again at the top of the new page, so a
 * continuation stands under its column's heading. */
typedef struct ykey {
    int y;
    size_t i;
} ykey;

static int by_y(const void *a, const void *b)
{
    const ykey *x = a, *z = b;
    if (x->y != z->y)
        return x->y < z->y ? -1 : 1;
    return x->i < z->i ? -1 : x->i > z->i; /* stable: painting order within a line */
}

/* Paint item it moved up by offset, its box limited to page rows
 * [from, h); true when it runs past the page's foot. */
static bool paint_item(pdf *p, const lay_result *r, const lay_item *it, int offset, int from,
                       int h, const uint32_t *col)
{
    lay_item clipped = *it;
    bool more = false;
    if (it->kind == LAY_RECT) {
        int top = it->y - offset, bot = top + it->h;
        if (top < from)
            top = from;
        more = bot > h;
        if (bot > h)
            bot = h;
        if (bot <= top)
            return more;
        clipped.y = top + offset;
        clipped.h = bot - top;
    }
    lay_result one = *r;
    one.items = &clipped;
    one.n = 1;
    pdf_paint(p, &one, 0, -offset, col);
    return more;
}

static void paginate(pdf *p, const lay_result *r, int W, int H, bool first_page_started)
{
    uint32_t col[LAY_C_COUNT];
    pdf_default_colors(col);
    int w = W, h = H, offset = 0, from = 0;
    if (!first_page_started)
        pdf_page(p, false, &w, &h);
    /* Top to bottom (a table's borders come after its cells in the layout). */
    ykey *order = xmalloc((r->n ? r->n : 1) * sizeof(ykey));
    for (size_t i = 0; i < r->n; i++)
        order[i] = (ykey){r->items[i].y, i};
    qsort(order, r->n, sizeof(ykey), by_y);
    size_t *cut = xmalloc((r->n ? r->n : 1) * sizeof(size_t)); /* boxes going on */
    size_t ncut = 0;
    for (size_t k = 0; k < r->n; k++) {
        const lay_item *it = &r->items[order[k].i];
        /* A line or box goes on when its first third fits; a picture
         * only whole (it is never cut, and would run into the footer). */
        int need = it->kind == LAY_IMAGE ? MG_MIN(it->h, h) : MG_MIN(it->h, h / 3);
        bool turn = it->y - offset + need > h;
        if (it->kind == LAY_RECT && it->h > it->w && it->y - offset < h) {
            /* A cell's border or background goes with the cell's first
             * line: on this page when that line fits, else on the next (no
             * empty slice of a row at a page's foot, and a tall merged
             * cell does not push its rows onto a new page). */
            for (size_t j = k + 1; j < r->n && j < k + 256; j++) {
                const lay_item *nx = &r->items[order[j].i];
                if (nx->kind != LAY_TEXT)
                    continue;
                if (nx->y - it->y < h / 8)
                    turn = nx->y - offset + MG_MIN(nx->h, h / 3) > h;
                break;
            }
        }
        if (turn) { /* a new page at this item */
            pdf_page(p, false, &w, &h);
            offset = it->y;
            from = 0;
            const lay_table *t = lay_header_at(r, it->y);
            int hh = lay_header_h(t);
            if (t && hh < h / 3) {
                for (size_t i = t->head_first; i < t->head_end; i++)
                    paint_item(p, r, &r->items[i], t->y0, 0, h, col);
                offset = it->y - hh;
                from = hh;
            }
            size_t keep = 0;
            for (size_t c = 0; c < ncut; c++)
                if (paint_item(p, r, &r->items[cut[c]], offset, from, h, col))
                    cut[keep++] = cut[c];
            ncut = keep;
        }
        if (paint_item(p, r, it, offset, from, h, col))
            cut[ncut++] = order[k].i;
    }
    free(cut);
    free(order);
}

bool handout_guide(const handout_ctx *h, const int *chapters, size_t n, const char *out,
                   char *err, size_t errsize)
{
    const guide *g = h->book;
    for (size_t i = 0; i < n; i++)
        if (chapters[i] < 0 || (size_t)chapters[i] >= g->n) {
            snprintf(err, errsize, msg_get(h->lang, MSG_ERR_CHAPTER), chapters[i] + 1, (int)g->n);
            return false;
        }
    pdf *p = start(h, n ? g->ch[chapters[0]].title : "", err, errsize);
    if (!p)
        return false;
    lb *l = lb_new();
    lay_ctx c = {pdf_metrics(p), l};
    for (size_t i = 0; i < n; i++) {
        int W, H;
        pdf_page(p, false, &W, &H);
        lay_result r;
        lay_init(&r);
        lay_opts o = {.width = W, .base_size = 105, .max_image_h = H / 2, .line_gap = 1.6f};
        lay_doc(&r, &c, g->ch[chapters[i]].doc, &o);
        paginate(p, &r, W, H, true);
        lay_fini(&r);
    }
    lb_free(l);
    return finish(h, p, out, err, errsize);
}

/* ---- flowing blocks down pages and columns ---- */

/* Visitor handouts: no text below 10.5 pt (an older reader's smallest). */
#define BODY 105
/* A QR code's side for text at size: about 2 cm at 10.5 pt, which a phone
 * reads at arm's length. */
#define QR_SIDE(size) ((size) * 55 / 10)

/* Rows [y0, y1) of a block that stay together on one page or column. */
typedef struct keep {
    int y0, y1;
} keep;

/* A kept range, when there is room for it. */
static void keep_add(keep *k, size_t *nk, size_t max, int y0, int y1)
{
    if (*nk < max)
        k[(*nk)++] = (keep){y0, y1};
}

/* Blocks placed down a page's columns, a new page when the last is full. */
typedef struct flow {
    pdf *p;
    int W, H;          /* the page's area */
    int cols, gap, col_w;
    int col, y, top;   /* the column filled, how far down, where columns start */
    uint32_t color[LAY_C_COUNT];
} flow;

static void flow_init(flow *f, pdf *p, int W, int H, int cols)
{
    memset(f, 0, sizeof *f);
    f->p = p;
    f->W = W;
    f->H = H;
    f->cols = cols;
    f->gap = cols > 1 ? 200 : 0;
    f->col_w = (W - f->gap * (cols - 1)) / cols;
    pdf_default_colors(f->color);
}

/* The columns start at y on this page (under what spans them). */
static void flow_at(flow *f, int y)
{
    f->col = 0;
    f->y = f->top = y;
}

static void flow_next(flow *f)
{
    if (++f->col >= f->cols) {
        int w, h;
        pdf_page(f->p, false, &w, &h);
        f->col = 0;
        f->top = 0;
    }
    f->y = f->top;
}

/* Paint the items of b whose tops are in [from, to) with from at the
 * flow's place (from 0: those above 0 too). */
static void flow_paint(flow *f, const lay_result *b, int from, int to)
{
    int x = f->col * (f->col_w + f->gap);
    for (size_t i = 0; i < b->n; i++) {
        lay_item it = b->items[i];
        if ((from > 0 && it.y < from) || it.y >= to)
            continue;
        lay_result one = *b;
        one.items = &it;
        one.n = 1;
        pdf_paint(f->p, &one, x, f->y - from, f->color);
    }
}

/* A cut at row c goes through no item and no kept range. */
static bool cut_ok(const lay_result *b, const keep *k, size_t nk, int c)
{
    for (size_t i = 0; i < b->n; i++)
        if (b->items[i].y < c && b->items[i].y + b->items[i].h > c)
            return false;
    for (size_t i = 0; i < nk; i++)
        if (k[i].y0 < c && c < k[i].y1)
            return false;
    return true;
}

/* Place b (laid out from y = 0 across the column, h high) at the flow.
 * Where it runs past a column's foot it is cut above the lowest item
 * that does not fit, never through a line or a kept range; what is kept
 * together and does not fit goes to the next column whole. */
static void flow_block(flow *f, const lay_result *b, int h, const keep *k, size_t nk)
{
    int off = 0;
    while (off < h) {
        int room = f->H - f->y;
        if (h - off <= room) {
            flow_paint(f, b, off, INT_MAX);
            f->y += h - off;
            return;
        }
        int cut = off;
        for (size_t i = 0; i < b->n; i++) {
            int c = b->items[i].y;
            if (c > cut && c - off <= room && cut_ok(b, k, nk, c))
                cut = c;
        }
        if (cut == off) { /* nothing more fits here */
            if (f->y > f->top) {
                flow_next(f);
                continue;
            }
            flow_paint(f, b, off, INT_MAX); /* taller than a column, uncut: as it is */
            f->y += h - off;
            return;
        }
        flow_paint(f, b, off, cut);
        off = cut;
        flow_next(f);
    }
}

/* A block kept whole. */
static void flow_whole(flow *f, const lay_result *b, int h)
{
    keep k = {0, h};
    flow_block(f, b, h, &k, 1);
}

/* ---- the referral list, the consultation summary, the desk ---- */

/* The label of a web address ("ウェブ"), from the message that prints one. */
static void web_label(msg_lang lang, char *buf, size_t size)
{
    snprintf(buf, size, msg_get(lang, MSG_REF_WEB_ADDR), "");
    size_t n = strlen(buf);
    while (n && buf[n - 1] == ' ')
        buf[--n] = '\0';
}

/* An agency's card as a visitor reads it: name, phone (large), hours, web
 * address (whole, or broken at '/') with its QR code at the top right,
 * what it handles, when the details were checked.  Never the staff's
 * 要確認 marks: those are for staff (the notes editor, `check`).  Returns
 * the height, a little space below included. */
static int agency_block(const lay_ctx *c, lay_result *r, const ref_agency *a, int y, int W,
                        int size, msg_lang lang, bool checked)
{
    char buf[600];
    int q = a->web && *a->web ? QR_SIDE(size) : 0, y0 = y;
#define BESIDE (y - y0 < q ? W - q - size / 2 : W) /* lines beside the QR code */
    y += lay_text(r, c, a->name, 0, y, BESIDE, size * 12 / 10, DOC_S_BOLD, LAY_C_HEADING,
                  DOC_ALIGN_LEFT);
    if (a->phone && *a->phone) {
        snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_PHONE), a->phone);
        y += lay_text(r, c, buf, 0, y, BESIDE, size * 14 / 10, DOC_S_BOLD, LAY_C_TEXT,
                      DOC_ALIGN_LEFT);
    }
    if (a->hours && *a->hours) {
        snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_HOURS), a->hours);
        y += lay_text(r, c, buf, 0, y, BESIDE, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
    }
    if (q) {
        char label[64];
        web_label(lang, label, sizeof label);
        if (qr_url_min_width(c, a->web, size, 0) > BESIDE) /* under the code, not smaller */
            y = MG_MAX(y, y0 + q);
        y += qr_lay_url(r, c, label, a->web, 0, y, BESIDE, size, 0, LAY_C_LINK);
    }
    if (a->handles && *a->handles)
        y += lay_text(r, c, a->handles, 0, y, BESIDE, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
    if (checked && a->checked && *a->checked) {
        snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_CHECKED), a->checked);
        y += lay_text(r, c, buf, 0, y, BESIDE, size, 0, LAY_C_MUTED, DOC_ALIGN_LEFT);
    }
#undef BESIDE
    if (q)
        qr_lay(r, a->web, W - q, y0, q, LAY_C_TEXT);
    return MG_MAX(y - y0, q) + size * 2 / 3;
}

/* The desk's own card: its name, phone and hours, and its portal with a
 * QR code.  0 when desk.ini gives none of them. */
static int desk_block(const lay_ctx *c, lay_result *r, const handout_ctx *h, int y, int W,
                      int size)
{
    bool portal = h->portal && *h->portal, phone = h->desk_phone && *h->desk_phone,
         hours = h->desk_hours && *h->desk_hours;
    if (!portal && !phone && !hours)
        return 0;
    char buf[600];
    int q = portal ? QR_SIDE(size) : 0, y0 = y;
#define BESIDE (y - y0 < q ? W - q - size / 2 : W)
    y += lay_text(r, c, msg_get(h->lang, MSG_DESK_NAME), 0, y, BESIDE, size * 12 / 10,
                  DOC_S_BOLD, LAY_C_HEADING, DOC_ALIGN_LEFT);
    if (phone) {
        snprintf(buf, sizeof buf, msg_get(h->lang, MSG_REF_PHONE), h->desk_phone);
        y += lay_text(r, c, buf, 0, y, BESIDE, size * 14 / 10, DOC_S_BOLD, LAY_C_TEXT,
                      DOC_ALIGN_LEFT);
    }
    if (hours) {
        snprintf(buf, sizeof buf, msg_get(h->lang, MSG_REF_HOURS), h->desk_hours);
        y += lay_text(r, c, buf, 0, y, BESIDE, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
    }
    if (portal) {
        if (qr_url_min_width(c, h->portal, size, 0) > BESIDE)
            y = MG_MAX(y, y0 + q);
        y += qr_lay_url(r, c, msg_get(h->lang, MSG_REF_PORTAL), h->portal, 0, y, BESIDE, size, 0,
                        LAY_C_LINK);
    }
#undef BESIDE
    if (q)
        qr_lay(r, h->portal, W - q, y0, q, LAY_C_TEXT);
    return MG_MAX(y - y0, q) + size * 2 / 3;
}

/* The desk's card as a block of its own at the flow (kept whole). */
static void flow_desk(flow *f, const lay_ctx *c, const handout_ctx *h, int size)
{
    lay_result r;
    lay_init(&r);
    int bh = desk_block(c, &r, h, size / 2, f->col_w, size);
    if (bh)
        flow_whole(f, &r, bh + size / 2);
    lay_fini(&r);
}

/* One problem's cards, in order: the number large in a gutter (as on the
 * screen), then name, phone and the why-line beside it. */
static int problem_block(const lay_ctx *c, lay_result *r, const ref_list *l, ref_problem pr,
                         int W, int size, msg_lang lang)
{
    char buf[600];
    int y = lay_text(r, c, msg_get(lang, ref_problem_label(pr)), 0, 0, W, size * 13 / 10,
                     DOC_S_BOLD, LAY_C_HEADING, DOC_ALIGN_LEFT);
    lay_rect(r, 0, y, W, size / 8 > 0 ? size / 8 : 1, LAY_C_RULE);
    y += size / 2;
    int num = size * 2;
    int gutter = c->m->text_width(c->m->ctx, "10", 2, num, DOC_S_BOLD) + size / 2;
    const ref_order *o = ref_cards(l, pr);
    for (size_t i = 0; i < o->n; i++) {
        const ref_agency *a = o->c[i].a;
        int top = y;
        snprintf(buf, sizeof buf, "%d", (int)i + 1);
        int hn = lay_text(r, c, buf, 0, top, gutter, num, DOC_S_BOLD, LAY_C_HEADING,
                          DOC_ALIGN_LEFT);
        int ty = top + size / 3;
        ty += lay_text(r, c, a->name, gutter, ty, W - gutter, size * 11 / 10, DOC_S_BOLD,
                       LAY_C_TEXT, DOC_ALIGN_LEFT);
        if (a->phone && *a->phone) {
            snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_PHONE), a->phone);
            ty += lay_text(r, c, buf, gutter, ty, W - gutter, size * 12 / 10, DOC_S_BOLD,
                           LAY_C_TEXT, DOC_ALIGN_LEFT);
        }
        if (o->c[i].why && *o->c[i].why)
            ty += lay_text(r, c, o->c[i].why, gutter, ty, W - gutter, size, 0, LAY_C_MUTED,
                           DOC_ALIGN_LEFT);
        y = MG_MAX(top + hn, ty) + size / 2;
    }
    return y + size / 2;
}

/* A title across the page at its top (and a lead line under it). */
static int page_title(pdf *p, const lay_ctx *c, const char *title, const char *lead, int W,
                      int size)
{
    lay_result r;
    lay_init(&r);
    int y = lay_text(&r, c, title, 0, 0, W, size * 2, DOC_S_BOLD, LAY_C_HEADING, DOC_ALIGN_LEFT);
    if (lead)
        y += lay_text(&r, c, lead, 0, y, W, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
    uint32_t col[LAY_C_COUNT];
    pdf_default_colors(col);
    pdf_paint(p, &r, 0, 0, col);
    lay_fini(&r);
    return y + size * 2 / 3;
}

bool handout_referrals(const handout_ctx *h, const ref_list *l, const char *out, char *err,
                       size_t errsize)
{
    pdf *p = start(h, msg_get(h->lang, MSG_REF_TITLE), err, errsize);
    if (!p)
        return false;
    lb *b = lb_new();
    lay_ctx c = {pdf_metrics(p), b};
    int W, H, size = BODY;
    /* First, for each problem, whom to try first and in what order: two
     * columns, as many pages as that takes at reading size. */
    pdf_page(p, false, &W, &H);
    flow f;
    flow_init(&f, p, W, H, 2);
    flow_at(&f, page_title(p, &c, msg_get(h->lang, MSG_REF_TITLE),
                           msg_get(h->lang, MSG_REF_ORDER_LEAD), W, size));
    for (int pr = 0; pr < REF_PROBLEM_COUNT; pr++) {
        lay_result blk;
        lay_init(&blk);
        /* each problem whole, under its heading (a column is tall enough) */
        flow_whole(&f, &blk, problem_block(&c, &blk, l, (ref_problem)pr, f.col_w, size, h->lang));
        lay_fini(&blk);
    }
    /* Then every agency's details with its QR code, from a new page; the
     * desk's own card last. */
    pdf_page(p, false, &W, &H);
    flow_at(&f, page_title(p, &c, msg_get(h->lang, MSG_REF_TITLE),
                           msg_get(h->lang, MSG_REF_PORTAL_QR), W, size));
    for (size_t i = 0; i < l->n; i++) {
        lay_result blk;
        lay_init(&blk);
        flow_whole(&f, &blk, agency_block(&c, &blk, &l->a[i], 0, f.col_w, BODY, h->lang, true));
        lay_fini(&blk);
    }
    flow_desk(&f, &c, h, BODY);
    lb_free(b);
    return finish(h, p, out, err, errsize);
}

/* Chapters worth reading after a consultation: keywords that occur in it. */
static size_t chapters_for(const guide *g, const note *n, int *out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; g && i < g->n && k < max; i++)
        for (size_t j = 0; j < g->ch[i].nkeywords; j++) {
            const char *w = g->ch[i].keywords[j];
            if ((n->question && strstr(n->question, w)) || (n->answer && strstr(n->answer, w))) {
                out[k++] = (int)i;
                break;
            }
        }
    return k;
}

/* Whether a visitor field of n shows anything: text, or (referral ids)
 * at least one agency the list knows. */
static bool field_shows(const note *n, const rec_field *f, const ref_list *l)
{
    const char *text = rec_cstr(n, f);
    if (!text || !*text)
        return false;
    if (f->kind != REC_IDS)
        return true;
    char *ids = xstrdup(text), *save = NULL;
    bool any = false;
    for (char *id = strtok_r(ids, ",", &save); id && !any; id = strtok_r(NULL, ",", &save))
        any = ref_find(l, id) != NULL;
    free(ids);
    return any;
}

bool handout_consult(const handout_ctx *h, const note *n, const ref_list *l, const char *out,
                     char *err, size_t errsize)
{
    pdf *p = start(h, msg_get(h->lang, MSG_CONSULT_TITLE), err, errsize);
    if (!p)
        return false;
    lb *b = lb_new();
    lay_ctx c = {pdf_metrics(p), b};
    int W, H;
    pdf_page(p, false, &W, &H);
    lay_result r;
    lay_init(&r);
    int s = BODY, y = 0;
    char buf[256];
    keep keeps[64];
    size_t nk = 0;
    y += lay_text(&r, &c, msg_get(h->lang, MSG_CONSULT_TITLE), 0, y, W, s * 2, DOC_S_BOLD,
                  LAY_C_HEADING, DOC_ALIGN_LEFT);
    time_t t = (time_t)(n->created / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    snprintf(buf, sizeof buf, msg_get(h->lang, MSG_CONSULT_DATE), tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday);
    y += lay_text(&r, &c, buf, 0, y, W, s, 0, LAY_C_MUTED, DOC_ALIGN_LEFT) + s;
    /* What the visitor may see, in the record's order (record.h): a heading
     * with the fields under it (its own, and those without a heading that
     * follow), and only when one of them holds something: a summary with
     * no answer yet has no empty 「① 対策」. */
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        if (!(f->flags & REC_VISITOR))
            continue;
        if (f->visitor_label != REC_NO_LABEL) {
            bool shows = false;
            for (size_t j = i; j < rec_nfields && !shows; j++) {
                const rec_field *g = &rec_fields[j];
                if (j > i && g->visitor_label != REC_NO_LABEL && (g->flags & REC_VISITOR))
                    break;
                shows = (g->flags & REC_VISITOR) && field_shows(n, g, l);
            }
            if (!shows)
                continue;
            int hy = y;
            y += lay_text(&r, &c, msg_get(h->lang, f->visitor_label), 0, y, W, s * 13 / 10,
                          DOC_S_BOLD, LAY_C_HEADING, DOC_ALIGN_LEFT);
            keep_add(keeps, &nk, MG_ARRAY_LEN(keeps), hy, y + s * 2); /* not alone at a foot */
        }
        if (!field_shows(n, f, l))
            continue;
        const char *text = rec_cstr(n, f);
        if (f->kind == REC_IDS) { /* referral ids: each agency, its QR code beside it */
            char *ids = xstrdup(text), *save = NULL;
            for (char *id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
                const ref_agency *a = ref_find(l, id);
                if (!a)
                    continue;
                int ay = y;
                y += agency_block(&c, &r, a, y, W, s, h->lang, true);
                keep_add(keeps, &nk, MG_ARRAY_LEN(keeps), ay, y);
            }
            free(ids);
        } else {
            doc_span sp = {.kind = DOC_SPAN_TEXT, .text = text, .len = strlen(text)};
            y += lay_spans(&r, &c, &sp, 1, 0, y, W, s, 0, LAY_C_TEXT, DOC_ALIGN_LEFT, 1.6f) + s;
        }
    }
    int chs[3];
    size_t nch = chapters_for(h->book, n, chs, 3);
    if (nch) {
        int hy = y;
        y += lay_text(&r, &c, msg_get(h->lang, MSG_CONSULT_READ), 0, y, W, s * 13 / 10, DOC_S_BOLD,
                      LAY_C_HEADING, DOC_ALIGN_LEFT);
        keep_add(keeps, &nk, MG_ARRAY_LEN(keeps), hy, y + s * 2);
        for (size_t i = 0; i < nch; i++) {
            snprintf(buf, sizeof buf, "・%s", h->book->ch[chs[i]].title);
            y += lay_text(&r, &c, buf, 0, y, W, s, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
        }
    }
    flow f;
    flow_init(&f, p, W, H, 1);
    flow_at(&f, 0);
    flow_block(&f, &r, y, keeps, nk);
    lay_fini(&r);
    flow_desk(&f, &c, h, s); /* and whom to call next time */
    lb_free(b);
    return finish(h, p, out, err, errsize);
}

/* ---- the self-check plan ---- */

/* The title of the bundled chapter named id (a file name without .md), or
 * NULL when the book shown is another (an EPUB). */
static const char *chapter_title(const guide *g, const char *id)
{
    size_t n = strlen(id);
    for (size_t i = 0; g && i < g->n; i++) {
        const char *p = g->ch[i].path, *base = strrchr(p, '/');
        base = base ? base + 1 : p;
        if (!strncmp(base, id, n) && !strcmp(base + n, ".md"))
            return g->ch[i].title;
    }
    return NULL;
}

/* The agencies on the plan: the desk first (unless its own card, from
 * desk.ini, closes the plan), then the list for "we want to prepare", in
 * the order the quick list gives; at most max. */
static size_t plan_agencies(const ref_list *l, bool own_card, const ref_agency **out, size_t max)
{
    size_t k = 0;
    const ref_agency *own = ref_find(l, "tokyo-desk");
    if (own && k < max && !own_card)
        out[k++] = own;
    const ref_order *o = ref_cards(l, REF_PREPARE);
    for (size_t i = 0; i < o->n && k < max; i++)
        if (o->c[i].a && o->c[i].a != own)
            out[k++] = o->c[i].a;
    return k;
}

/* Lay the plan out at text size sz (never below BODY); returns the
 * height, and in k the rows to keep together (the chart, each agency). */
static int plan_layout(lay_result *r, const lay_ctx *c, const handout_ctx *h, const selfcheck *s,
                       const sc_score *sc, const ref_agency *const *ag, size_t nag, int W, int sz,
                       keep *k, size_t *nk, size_t maxk)
{
    int small = MG_MAX(BODY, sz * 9 / 10);
    *nk = 0;
    msg_lang lang = h->lang;
    char buf[1024];
    int y = 0, head = sz * 13 / 10;
    y += lay_text(r, c, msg_get(lang, MSG_SC_PLAN_TITLE), 0, y, W, sz * 2, DOC_S_BOLD,
                  LAY_C_HEADING, DOC_ALIGN_LEFT);
    if (sc->max == 100)
        snprintf(buf, sizeof buf, msg_get(lang, MSG_SC_SCORE), sc->total);
    else
        snprintf(buf, sizeof buf, msg_get(lang, MSG_SC_SCORE_OF), sc->total, sc->max);
    y += lay_text(r, c, buf, 0, y, W, sz * 2, DOC_S_BOLD, LAY_C_TEXT, DOC_ALIGN_LEFT);
    snprintf(buf, sizeof buf, msg_get(lang, MSG_SC_COUNTS), sc->counts[SC_DONE],
             sc->counts[SC_PARTLY], sc->counts[SC_NOT_DONE], sc->counts[SC_DONT_KNOW],
             sc->counts[SC_UNANSWERED]);
    y += lay_text(r, c, buf, 0, y, W, small, 0, LAY_C_MUTED, DOC_ALIGN_LEFT);
    strbuf parts;
    strbuf_init(&parts);
    for (int p = 0; p < SC_PART_COUNT; p++) {
        if (p)
            strbuf_adds(&parts, "  ");
        strbuf_printf(&parts, msg_get(lang, MSG_SC_PART_SCORE), msg_get(lang, sc_part_label(p)),
                      sc_percent(sc->part[p], sc->part_max[p]));
    }
    y += lay_text(r, c, parts.s ? parts.s : "", 0, y, W, sz, 0, LAY_C_TEXT, DOC_ALIGN_LEFT) + sz / 2;
    strbuf_fini(&parts);

    int ky = y;
    y += lay_text(r, c, msg_get(lang, MSG_SC_CHART), 0, y, W, head, DOC_S_BOLD, LAY_C_HEADING,
                  DOC_ALIGN_LEFT);
    y += sc_chart(r, c, sc, lang, 0, y, W * 3 / 4, sz);
    keep_add(k, nk, maxk, ky, y);
    y += sz;

    y += lay_text(r, c, msg_get(lang, MSG_SC_STEPS), 0, y, W, head, DOC_S_BOLD, LAY_C_HEADING,
                  DOC_ALIGN_LEFT);
    if (sc->nweak == 0)
        y += lay_text(r, c, msg_get(lang, MSG_SC_ALL_DONE), 0, y, W, sz, 0, LAY_C_TEXT,
                      DOC_ALIGN_LEFT);
    for (int i = 0; i < sc->nweak; i++) {
        const sc_question *q = &s->q[sc->weak_q[i]];
        snprintf(buf, sizeof buf, msg_get(lang, MSG_SC_STEP), i + 1, s->areas[sc->weak_area[i]].name);
        y += lay_text(r, c, buf, 0, y, W, sz * 12 / 10, DOC_S_BOLD, LAY_C_TEXT, DOC_ALIGN_LEFT);
        /* The tip only: the question it answers is on the screen, and the
         * plan stays on one page at reading size. */
        y += lay_text(r, c, q->tip, sz * 2, y, W - sz * 2, sz, 0, LAY_C_TEXT, DOC_ALIGN_LEFT) +
             sz / 3;
    }
    y += sz / 2;

    /* The chapters of the first steps, each once. */
    const char *seen[SC_WEAK_MAX];
    int nseen = 0;
    for (int i = 0; i < sc->nweak; i++) {
        const char *id = s->q[sc->weak_q[i]].chapter;
        bool dup = false;
        for (int j = 0; j < nseen; j++)
            dup |= !strcmp(seen[j], id);
        if (!dup)
            seen[nseen++] = id;
    }
    /* The chapters to read on the left, SECURITY ACTION on the right. */
    int half = (W - 200) / 2, yl = y, yr = y;
    if (nseen) {
        yl += lay_text(r, c, msg_get(lang, MSG_SC_READ), 0, yl, half, head, DOC_S_BOLD,
                       LAY_C_HEADING, DOC_ALIGN_LEFT);
        for (int j = 0; j < nseen; j++) {
            const char *t = chapter_title(h->book, seen[j]);
            snprintf(buf, sizeof buf, "・%s", t ? t : seen[j]);
            yl += lay_text(r, c, buf, 0, yl, half, sz, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
        }
    }
    int xr = nseen ? half + 200 : 0, wr = nseen ? half : W;
    yr += lay_text(r, c, msg_get(lang, MSG_SC_SA), xr, yr, wr, head, DOC_S_BOLD, LAY_C_HEADING,
                   DOC_ALIGN_LEFT);
    msg_id star = sc->star == SC_STAR_TWO  ? MSG_SC_SA_TWO
                  : sc->star == SC_STAR_ONE ? MSG_SC_SA_ONE
                                            : MSG_SC_SA_NONE;
    yr += lay_text(r, c, msg_get(lang, star), xr, yr, wr, sz, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
    y = MG_MAX(yl, yr) + sz / 2;

    y += lay_text(r, c, msg_get(lang, MSG_SC_HELP), 0, y, W, head, DOC_S_BOLD, LAY_C_HEADING,
                  DOC_ALIGN_LEFT);
    /* The agencies and the desk's own card, two a row. */
    int cw = (W - 200) / 2, rowh = 0, hy = y - head;
    size_t ncard = nag + 1;
    for (size_t i = 0; i < ncard; i++) {
        lay_result blk;
        lay_init(&blk);
        int bh = i < nag ? agency_block(c, &blk, ag[i], 0, cw, small, lang, false)
                         : desk_block(c, &blk, h, 0, cw, small);
        lay_append(r, &blk, (int)(i % 2) * (cw + 200), y);
        lay_fini(&blk);
        rowh = MG_MAX(rowh, bh);
        if (i % 2 == 1 || i + 1 == ncard) {
            keep_add(k, nk, maxk, i < 2 ? hy : y, y + rowh); /* the heading with its first row */
            y += rowh;
            rowh = 0;
        }
    }
    y += lay_text(r, c, msg_get(lang, MSG_SC_PRIVACY), 0, y, W, small, 0, LAY_C_MUTED,
                  DOC_ALIGN_LEFT);
    return y;
}

bool handout_selfcheck(const handout_ctx *h, const selfcheck *s, const sc_answer *a,
                       const ref_list *l, const char *out, char *err, size_t errsize)
{
    if (!s->n) {
        snprintf(err, errsize, msg_get(h->lang, MSG_SC_ERR_NONE), "assets/selfcheck.ini");
        return false;
    }
    sc_score sc;
    sc_score_answers(s, a, &sc);
    pdf *p = start(h, msg_get(h->lang, MSG_SC_PLAN_TITLE), err, errsize);
    if (!p)
        return false;
    lb *b = lb_new();
    lay_ctx c = {pdf_metrics(p), b};
    int W, H;
    pdf_page(p, false, &W, &H);
    const ref_agency *ag[4];
    /* Four to call at most, the desk's own card one of them when it closes
     * the plan: when desk_block draws one (any of portal, phone, hours). */
    bool own_card = (h->portal && *h->portal) || (h->desk_phone && *h->desk_phone) ||
                    (h->desk_hours && *h->desk_hours);
    size_t nag = plan_agencies(l, own_card, ag, MG_ARRAY_LEN(ag) - (own_card ? 1 : 0));
    keep keeps[32];
    size_t nk = 0;
    int y = 0;
    lay_result r;
    /* One page if it fits at 11 pt; else 10.5 pt over as many as it takes. */
    for (int sz = BODY + 5; sz >= BODY; sz -= 5) {
        lay_init(&r);
        y = plan_layout(&r, &c, h, s, &sc, ag, nag, W, sz, keeps, &nk, MG_ARRAY_LEN(keeps));
        if (y <= H || sz == BODY)
            break;
        lay_fini(&r);
    }
    flow f;
    flow_init(&f, p, W, H, 1);
    flow_at(&f, 0);
    flow_block(&f, &r, y, keeps, nk);
    lay_fini(&r);
    lb_free(b);
    return finish(h, p, out, err, errsize);
}

/* ---- the problem finder's sheet: what to do now ---- */

/* The sheet for pr at type size: returns its height. */
static int finder_layout(lay_result *r, const lay_ctx *c, const handout_ctx *h, ref_problem pr,
                         const faq *f, const ref_list *l, int W, int size)
{
    char buf[700];
    msg_lang lang = h->lang;
    snprintf(buf, sizeof buf, msg_get(lang, MSG_FINDER_SHEET), msg_get(lang, ref_problem_label(pr)));
    int y = lay_text(r, c, buf, 0, 0, W, size * 17 / 10, DOC_S_BOLD | LAY_S_PHRASE, LAY_C_HEADING,
                     DOC_ALIGN_LEFT);
    y += size / 2;
    y += lay_text(r, c, msg_get(lang, MSG_FINDER_NOW), 0, y, W, size * 13 / 10, DOC_S_BOLD,
                  LAY_C_HEADING, DOC_ALIGN_LEFT);
    const faq_item *steps[2];
    size_t ns = f ? MG_MIN(faq_for_problem(f, pr, steps, 2), 2) : 0;
    if (!ns)
        y += lay_text(r, c, msg_get(lang, MSG_FINDER_NONE), 0, y, W, size, 0, LAY_C_TEXT,
                      DOC_ALIGN_LEFT);
    for (size_t i = 0; i < ns; i++) {
        if (ns > 1)
            y += lay_text(r, c, steps[i]->question, 0, y, W, size, DOC_S_BOLD, LAY_C_MUTED,
                          DOC_ALIGN_LEFT);
        y += lay_text(r, c, steps[i]->answer, 0, y, W, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
        y += size / 3;
    }
    y += size / 2;
    y += lay_text(r, c, msg_get(lang, MSG_FINDER_CALL), 0, y, W, size * 13 / 10, DOC_S_BOLD,
                  LAY_C_HEADING, DOC_ALIGN_LEFT);
    const ref_order *o = ref_cards(l, pr);
    for (size_t i = 0; i < o->n; i++) {
        const ref_agency *a = o->c[i].a;
        snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_STEP), (int)i + 1, a->name);
        if (a->phone && *a->phone) {
            strncat(buf, "  ", sizeof buf - strlen(buf) - 1);
            size_t k = strlen(buf);
            /* No 要確認 mark: the sheet is a visitor's (the mark is for staff). */
            snprintf(buf + k, sizeof buf - k, msg_get(lang, MSG_REF_PHONE), a->phone);
        }
        y += lay_text(r, c, buf, 0, y, W, size * 11 / 10, DOC_S_BOLD, LAY_C_TEXT, DOC_ALIGN_LEFT);
        if (o->c[i].why && *o->c[i].why)
            y += lay_text(r, c, o->c[i].why, size, y, W - size, size, 0, LAY_C_TEXT,
                          DOC_ALIGN_LEFT);
        if (a->hours && *a->hours) {
            snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_HOURS), a->hours);
            y += lay_text(r, c, buf, size, y, W - size, size, 0, LAY_C_MUTED,
                          DOC_ALIGN_LEFT);
        }
        y += size / 4;
    }
    y += size / 2;
    strbuf ch;
    strbuf_init(&ch);
    const char *seen[32]; /* each chapter once (not "contained in one already named") */
    size_t nseen = 0;
    for (size_t i = 0; i < ns; i++)
        for (size_t k = 0; k <= steps[i]->nread; k++) {
            const char *id = k == 0 ? steps[i]->chapter : steps[i]->read[k - 1];
            const char *t = chapter_title(h->book, id);
            bool dup = false;
            for (size_t j = 0; t && j < nseen && !dup; j++)
                dup = strcmp(seen[j], t) == 0;
            if (t && !dup && nseen < MG_ARRAY_LEN(seen)) {
                seen[nseen++] = t;
                strbuf_adds(&ch, ch.len ? "\n" : "");
                strbuf_adds(&ch, t);
            }
        }
    if (ch.len) {
        y += lay_text(r, c, msg_get(lang, MSG_FINDER_READ), 0, y, W, size * 13 / 10, DOC_S_BOLD,
                      LAY_C_HEADING, DOC_ALIGN_LEFT);
        y += lay_text(r, c, ch.s, 0, y, W, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
    }
    strbuf_fini(&ch);
    y += size / 2;
    y += lay_text(r, c, msg_get(lang, MSG_FINDER_FOOT), 0, y, W, size, 0, LAY_C_MUTED,
                  DOC_ALIGN_LEFT);
    return y;
}

bool handout_finder(const handout_ctx *h, ref_problem pr, const faq *f, const ref_list *l,
                    const char *out, char *err, size_t errsize)
{
    if ((unsigned)pr >= REF_PROBLEM_COUNT) {
        snprintf(err, errsize, msg_get(h->lang, MSG_ERR_PROBLEM_ARG), "?");
        return false;
    }
    pdf *p = start(h, msg_get(h->lang, MSG_FINDER_NOW), err, errsize);
    if (!p)
        return false;
    lb *b = lb_new();
    lay_ctx c = {pdf_metrics(p), b};
    int W, H;
    pdf_page(p, false, &W, &H);
    lay_result r;
    /* One page: the type shrinks from 14 pt until it fits, never below
     * 10.5 pt (an older reader's smallest: then it runs over two).  The
     * desk's card (phone, hours, the portal's QR) closes it. */
    for (int size = 140; size >= BODY; size -= 5) {
        lay_init(&r);
        int y = finder_layout(&r, &c, h, pr, f, l, W, size);
        y += desk_block(&c, &r, h, y, W, size);
        if (y <= H || size == BODY)
            break;
        lay_fini(&r);
    }
    paginate(p, &r, W, H, true);
    lay_fini(&r);
    lb_free(b);
    return finish(h, p, out, err, errsize);
}
