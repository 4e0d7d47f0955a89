/*
 * handout.c - the handout kinds (see handout.h).
 */
#include "handout.h"

#include <hpdf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/desk.h"
#include "../core/slidelay.h"
#include "pdf.h"

static void *book_loader(void *ctx, const char *path, size_t *len)
{
    const guide *g = ctx;
    return g ? guide_read_file(g, path, len) : read_file(path, len);
}


/* The desk's portal as a QR code at the foot of the area, when configured. */
static void portal_qr(pdf *p, const handout_ctx *h, const lay_ctx *c, int W, int H)
{
    if (!h->portal || !*h->portal)
        return;
    int q = 420;
    lay_result r;
    lay_init(&r);
    lay_text(&r, c, h->portal, 0, H - q / 2, W - q - 100, 80, 0, LAY_C_LINK, DOC_ALIGN_RIGHT);
    uint32_t col[LAY_C_COUNT];
    pdf_default_colors(col);
    pdf_paint(p, &r, 0, 0, col);
    lay_fini(&r);
    pdf_qr(p, h->portal, W - q, H - q, q);
}

static pdf *start(const handout_ctx *h, const char *title, char *err, size_t errsize)
{
    pdf *p = pdf_new(h->font, title, msg_get(h->lang, MSG_DESK_NAME), err, errsize);
    if (p) {
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

static void slide_at(pdf *p, const lay_ctx *c, const deck *k, size_t i, int x, int y, int w)
{
    slay_slide s;
    slay_init(&s);
    slay_layout(&s, k, i, w, c);
    pdf_rect(p, x, y, s.w, s.h, s.bg, true);
    for (int b = 0; b < s.nbgs; b++) {
        const slay_bg *bg = &s.bgs[b];
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
        pdf_image(p, bg->found ? bg->path : NULL, x + bx, y + by, bw, bh);
    }
    pdf_paint(p, &s.lay, x, y, s.color);
    pdf_rect(p, x, y, s.w, s.h, 0x8E9BAD, false); /* a thin frame: slides on white paper */
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
                pdf_line(p, w + 200, ly, W, ly, 0xB8C4D4, 4);
            }
        } else if (per == 6) {
            int w = (W - gap) / 2, hh = w * chh / cw, rows = 3, rh = (H - 2 * gap) / rows;
            if (hh > rh) /* too tall for a third of the page: narrower */
                w = rh * cw / chh;
            slide_at(p, &c, k, i, (slot % 2) * ((W - gap) / 2 + gap), (slot / 2) * (rh + gap), w);
        } else { /* notes: the slide, then what the presenter says */
            int w = W * 80 / 100, hh = w * chh / cw;
            slide_at(p, &c, k, i, (W - w) / 2, 0, w);
            lay_result r;
            lay_init(&r);
            const char *notes = k->slides[i].notes;
            doc_span sp = {.kind = DOC_SPAN_TEXT, .text = notes, .len = strlen(notes)};
            /* Shrink long notes to stay on the page. */
            for (int size = 110; size >= 70; size -= 10) {
                lay_fini(&r);
                lay_init(&r);
                lay_spans(&r, &c, &sp, 1, 0, hh + 240, W, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT, 1.5f);
                if (r.height <= H)
                    break;
            }
            uint32_t col[LAY_C_COUNT];
            pdf_default_colors(col);
            pdf_paint(p, &r, 0, 0, col);
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
        bool turn = it->y - offset + MG_MIN(it->h, h / 3) > h;
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

/* ---- the referral list and the consultation summary ---- */

static int agency_block(pdf *p, const lay_ctx *c, lay_result *r, const ref_agency *a, int y,
                        int W, int size, msg_lang lang, bool qr)
{
    char buf[600];
    int qsize = qr && a->web && *a->web ? size * 45 / 10 : 0;
    int w = W - (qsize ? qsize + 100 : 0);
    int y0 = y;
    y += lay_text(r, c, a->name, 0, y, w, size * 12 / 10, DOC_S_BOLD, LAY_C_HEADING, DOC_ALIGN_LEFT);
    if (a->phone && *a->phone) {
        snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_PHONE), a->phone);
        if (a->verify) {
            strncat(buf, " ", sizeof buf - strlen(buf) - 1);
            strncat(buf, msg_get(lang, MSG_REF_VERIFY), sizeof buf - strlen(buf) - 1);
        }
        y += lay_text(r, c, buf, 0, y, w, size * 13 / 10, DOC_S_BOLD, LAY_C_TEXT, DOC_ALIGN_LEFT);
    }
    if (a->hours && *a->hours) {
        snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_HOURS), a->hours);
        y += lay_text(r, c, buf, 0, y, w, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
    }
    if (a->web && *a->web) {
        snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_WEB_ADDR), a->web);
        y += lay_text(r, c, buf, 0, y, w, size, 0, LAY_C_LINK, DOC_ALIGN_LEFT);
    }
    y += lay_text(r, c, a->handles ? a->handles : "", 0, y, w, size * 9 / 10, 0, LAY_C_MUTED,
                  DOC_ALIGN_LEFT);
    if (a->verify) { /* details still to be confirmed: the reader must know */
        snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_CHECKED), a->checked ? a->checked : "-");
        strncat(buf, " ", sizeof buf - strlen(buf) - 1);
        strncat(buf, msg_get(lang, MSG_REF_VERIFY), sizeof buf - strlen(buf) - 1);
        y += lay_text(r, c, buf, 0, y, w, size * 8 / 10, 0, LAY_C_MUTED, DOC_ALIGN_LEFT);
    }
    if (qsize && p)
        pdf_qr(p, a->web, W - qsize, y0, qsize);
    return MG_MAX(y - y0, qsize) + size / 2;
}

/* One problem's cards, in order: number, name, phone, and the why-line. */
static int problem_block(const lay_ctx *c, lay_result *r, const ref_list *l, ref_problem pr,
                         int W, int size, msg_lang lang)
{
    char buf[600];
    int y = lay_text(r, c, msg_get(lang, ref_problem_label(pr)), 0, 0, W, size * 12 / 10,
                     DOC_S_BOLD, LAY_C_HEADING, DOC_ALIGN_LEFT);
    const ref_order *o = ref_cards(l, pr);
    for (size_t i = 0; i < o->n; i++) {
        const ref_agency *a = o->c[i].a;
        snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_STEP), (int)i + 1, a->name);
        if (a->phone && *a->phone) {
            size_t k = strlen(buf);
            snprintf(buf + k, sizeof buf - k, "  ");
            k = strlen(buf);
            snprintf(buf + k, sizeof buf - k, msg_get(lang, MSG_REF_PHONE), a->phone);
        }
        if (a->verify) {
            strncat(buf, " ", sizeof buf - strlen(buf) - 1);
            strncat(buf, msg_get(lang, MSG_REF_VERIFY), sizeof buf - strlen(buf) - 1);
        }
        y += lay_text(r, c, buf, size / 2, y, W - size / 2, size, DOC_S_BOLD, LAY_C_TEXT,
                      DOC_ALIGN_LEFT);
        if (o->c[i].why && *o->c[i].why)
            y += lay_text(r, c, o->c[i].why, size * 3 / 2, y, W - size * 3 / 2, size * 9 / 10, 0,
                          LAY_C_MUTED, DOC_ALIGN_LEFT);
    }
    return y + size / 2;
}

/* The first page: for each problem, whom to try first and in what order.
 * Two columns, the type shrinking until every problem fits. */
static void order_page(pdf *p, const lay_ctx *c, const ref_list *l, int W, int H, msg_lang lang)
{
    for (int size = 80; size >= 40; size -= 5) {
        lay_result r;
        lay_init(&r);
        int y = lay_text(&r, c, msg_get(lang, MSG_REF_TITLE), 0, 0, W, size * 2, DOC_S_BOLD,
                         LAY_C_HEADING, DOC_ALIGN_LEFT);
        y += lay_text(&r, c, msg_get(lang, MSG_REF_ORDER_LEAD), 0, y, W, size, 0, LAY_C_TEXT,
                      DOC_ALIGN_LEFT);
        y += size / 2;
        int col_w = (W - 200) / 2, ycol[2] = {y, y};
        for (int pr = 0; pr < REF_PROBLEM_COUNT; pr++) {
            int k = ycol[0] <= ycol[1] ? 0 : 1;
            lay_result blk;
            lay_init(&blk);
            int bh = problem_block(c, &blk, l, (ref_problem)pr, col_w, size, lang);
            lay_append(&r, &blk, k * (col_w + 200), ycol[k]);
            lay_fini(&blk);
            ycol[k] += bh;
        }
        if (MG_MAX(ycol[0], ycol[1]) <= H || size == 40) {
            uint32_t col[LAY_C_COUNT];
            pdf_default_colors(col);
            pdf_paint(p, &r, 0, 0, col);
            lay_fini(&r);
            return;
        }
        lay_fini(&r);
    }
}

bool handout_referrals(const handout_ctx *h, const ref_list *l, const char *out, char *err,
                       size_t errsize)
{
    pdf *p = start(h, msg_get(h->lang, MSG_REF_TITLE), err, errsize);
    if (!p)
        return false;
    lb *b = lb_new();
    lay_ctx c = {pdf_metrics(p), b};
    int W, H;
    pdf_page(p, false, &W, &H);
    order_page(p, &c, l, W, H, h->lang);
    pdf_page(p, false, &W, &H); /* then every agency's details */
    /* One page: the type shrinks until every agency fits. */
    for (int size = 90; size >= 50; size -= 5) {
        lay_result r;
        lay_init(&r);
        int y = lay_text(&r, &c, msg_get(h->lang, MSG_REF_TITLE), 0, 0, W, size * 2, DOC_S_BOLD,
                         LAY_C_HEADING, DOC_ALIGN_LEFT);
        y += size / 2;
        int col_w = (W - 200) / 2, y0 = y, ycol[2] = {y, y};
        for (size_t i = 0; i < l->n; i++) {
            int k = ycol[0] <= ycol[1] ? 0 : 1; /* two columns, the shorter one next */
            lay_result blk;
            lay_init(&blk);
            int bh = agency_block(NULL, &c, &blk, &l->a[i], 0, col_w, size, h->lang, true);
            lay_append(&r, &blk, k * (col_w + 200), ycol[k]);
            lay_fini(&blk);
            ycol[k] += bh;
        }
        (void)y0;
        if (MG_MAX(ycol[0], ycol[1]) <= H || size == 50) {
            uint32_t col[LAY_C_COUNT];
            pdf_default_colors(col);
            pdf_paint(p, &r, 0, 0, col);
            /* The QR codes, now that the places are known. */
            int yy[2] = {y, y};
            for (size_t i = 0; i < l->n; i++) {
                int k = yy[0] <= yy[1] ? 0 : 1;
                lay_result tmp;
                lay_init(&tmp);
                int bh = agency_block(NULL, &c, &tmp, &l->a[i], 0, col_w, size, h->lang, true);
                lay_fini(&tmp);
                const ref_agency *a = &l->a[i];
                if (a->web && *a->web) {
                    int q = size * 45 / 10;
                    pdf_qr(p, a->web, k * (col_w + 200) + col_w - q, yy[k], q);
                }
                yy[k] += bh;
            }
            lay_fini(&r);
            break;
        }
        lay_fini(&r);
    }
    portal_qr(p, h, &c, W, H);
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
    int s = 105, y = 0;
    char buf[256];
    y += lay_text(&r, &c, msg_get(h->lang, MSG_CONSULT_TITLE), 0, y, W, s * 2, DOC_S_BOLD,
                  LAY_C_HEADING, DOC_ALIGN_LEFT);
    time_t t = (time_t)(n->created / 1000);
    struct tm tm;
    localtime_r(&t, &tm);
    snprintf(buf, sizeof buf, msg_get(h->lang, MSG_CONSULT_DATE), tm.tm_year + 1900, tm.tm_mon + 1,
             tm.tm_mday);
    y += lay_text(&r, &c, buf, 0, y, W, s, 0, LAY_C_MUTED, DOC_ALIGN_LEFT) + s;
    typedef struct {
        const ref_agency *a;
        int y;
    } qr_at;
    qr_at qrs[32];
    int nq = 0;
    /* What the visitor may see, in the record's order (record.h): a field
     * with a heading of its own always, one under the previous heading
     * when it holds something. */
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        if (!(f->flags & REC_VISITOR))
            continue;
        const char *text = rec_cstr(n, f);
        bool head = f->visitor_label != REC_NO_LABEL;
        if (head)
            y += lay_text(&r, &c, msg_get(h->lang, f->visitor_label), 0, y, W, s * 13 / 10,
                          DOC_S_BOLD, LAY_C_HEADING, DOC_ALIGN_LEFT);
        if (f->kind == REC_IDS) { /* referral ids: each agency, its QR code beside it */
            char *ids = xstrdup(text ? text : ""), *save = NULL;
            for (char *id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
                const ref_agency *a = ref_find(l, id);
                if (!a)
                    continue;
                if (nq < 32)
                    qrs[nq++] = (qr_at){a, y};
                y += agency_block(NULL, &c, &r, a, y, W, s, h->lang, true);
            }
            free(ids);
        } else if (head || (text && *text)) {
            doc_span sp = {.kind = DOC_SPAN_TEXT, .text = text ? text : "",
                           .len = text ? strlen(text) : 0};
            y += lay_spans(&r, &c, &sp, 1, 0, y, W, s, 0, LAY_C_TEXT, DOC_ALIGN_LEFT, 1.6f) + s;
        }
    }
    int chs[3];
    size_t nch = chapters_for(h->book, n, chs, 3);
    if (nch) {
        y += lay_text(&r, &c, msg_get(h->lang, MSG_CONSULT_READ), 0, y, W, s * 13 / 10, DOC_S_BOLD,
                      LAY_C_HEADING, DOC_ALIGN_LEFT);
        for (size_t i = 0; i < nch; i++) {
            snprintf(buf, sizeof buf, "・%s", h->book->ch[chs[i]].title);
            y += lay_text(&r, &c, buf, 0, y, W, s, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
        }
    }
    uint32_t col[LAY_C_COUNT];
    pdf_default_colors(col);
    paginate(p, &r, W, H, true);
    /* QR codes next to their agencies (on the first page, where they are). */
    for (int i = 0; i < nq; i++)
        if (qrs[i].a->web && *qrs[i].a->web && qrs[i].y + s * 5 < H)
            pdf_qr(p, qrs[i].a->web, W - s * 45 / 10, qrs[i].y, s * 45 / 10);
    if (y < H - 500) /* room at the foot of the one page */
        portal_qr(p, h, &c, W, H);
    lay_fini(&r);
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

/* The agencies on the plan: the desk first, then the list for "we want
 * to prepare", in the order the quick list gives; at most max. */
static size_t plan_agencies(const ref_list *l, const ref_agency **out, size_t max)
{
    size_t k = 0;
    const ref_agency *own = ref_find(l, "tokyo-desk");
    if (own && k < max)
        out[k++] = own;
    const ref_order *o = ref_cards(l, REF_PREPARE);
    for (size_t i = 0; i < o->n && k < max; i++)
        if (o->c[i].a && o->c[i].a != own)
            out[k++] = o->c[i].a;
    return k;
}

typedef struct plan_qr {
    const char *web;
    int y;
} plan_qr;

/* Lay the plan out at text size s; returns the height, and where the QR
 * codes go. */
static int plan_layout(lay_result *r, const lay_ctx *c, const handout_ctx *h, const selfcheck *s,
                       const sc_score *sc, const ref_agency *const *ag, size_t nag, int W, int sz,
                       plan_qr *qrs, int *nq)
{
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
    y += lay_text(r, c, buf, 0, y, W, sz * 9 / 10, 0, LAY_C_MUTED, DOC_ALIGN_LEFT);
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

    y += lay_text(r, c, msg_get(lang, MSG_SC_CHART), 0, y, W, head, DOC_S_BOLD, LAY_C_HEADING,
                  DOC_ALIGN_LEFT);
    y += sc_chart(r, c, sc, lang, 0, y, W * 3 / 4, sz) + sz;

    y += lay_text(r, c, msg_get(lang, MSG_SC_STEPS), 0, y, W, head, DOC_S_BOLD, LAY_C_HEADING,
                  DOC_ALIGN_LEFT);
    if (sc->nweak == 0)
        y += lay_text(r, c, msg_get(lang, MSG_SC_ALL_DONE), 0, y, W, sz, 0, LAY_C_TEXT,
                      DOC_ALIGN_LEFT);
    for (int i = 0; i < sc->nweak; i++) {
        const sc_question *q = &s->q[sc->weak_q[i]];
        snprintf(buf, sizeof buf, msg_get(lang, MSG_SC_STEP), i + 1, s->areas[sc->weak_area[i]].name);
        y += lay_text(r, c, buf, 0, y, W, sz * 12 / 10, DOC_S_BOLD, LAY_C_TEXT, DOC_ALIGN_LEFT);
        y += lay_text(r, c, q->tip, sz * 2, y, W - sz * 2, sz, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
        snprintf(buf, sizeof buf, msg_get(lang, MSG_SC_STEP_WHY), q->id, q->text);
        y += lay_text(r, c, buf, sz * 2, y, W - sz * 2, sz * 8 / 10, 0, LAY_C_MUTED,
                      DOC_ALIGN_LEFT) + sz / 3;
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
    if (nseen) {
        y += lay_text(r, c, msg_get(lang, MSG_SC_READ), 0, y, W, head, DOC_S_BOLD, LAY_C_HEADING,
                      DOC_ALIGN_LEFT);
        for (int j = 0; j < nseen; j++) {
            const char *t = chapter_title(h->book, seen[j]);
            snprintf(buf, sizeof buf, "・%s", t ? t : seen[j]);
            y += lay_text(r, c, buf, 0, y, W, sz, 0, LAY_C_TEXT, DOC_ALIGN_LEFT);
        }
        y += sz / 2;
    }

    y += lay_text(r, c, msg_get(lang, MSG_SC_SA), 0, y, W, head, DOC_S_BOLD, LAY_C_HEADING,
                  DOC_ALIGN_LEFT);
    msg_id star = sc->star == SC_STAR_TWO  ? MSG_SC_SA_TWO
                  : sc->star == SC_STAR_ONE ? MSG_SC_SA_ONE
                                            : MSG_SC_SA_NONE;
    y += lay_text(r, c, msg_get(lang, star), 0, y, W, sz, 0, LAY_C_TEXT, DOC_ALIGN_LEFT) + sz / 2;

    y += lay_text(r, c, msg_get(lang, MSG_SC_HELP), 0, y, W, head, DOC_S_BOLD, LAY_C_HEADING,
                  DOC_ALIGN_LEFT);
    *nq = 0;
    for (size_t i = 0; i < nag; i++) {
        if (ag[i]->web && *ag[i]->web)
            qrs[(*nq)++] = (plan_qr){ag[i]->web, y};
        y += agency_block(NULL, c, r, ag[i], y, W, sz * 9 / 10, lang, true);
    }
    y += lay_text(r, c, msg_get(lang, MSG_SC_PRIVACY), 0, y, W, sz * 8 / 10, 0, LAY_C_MUTED,
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
    size_t nag = plan_agencies(l, ag, MG_ARRAY_LEN(ag));
    plan_qr qrs[MG_ARRAY_LEN(ag)];
    int nq = 0, y = 0, sz;
    lay_result r;
    /* One page if at all possible: the type shrinks until it fits. */
    for (sz = 100; sz >= 60; sz -= 5) {
        lay_init(&r);
        y = plan_layout(&r, &c, h, s, &sc, ag, nag, W, sz, qrs, &nq);
        if (y <= H || sz == 60)
            break;
        lay_fini(&r);
    }
    paginate(p, &r, W, H, true);
    lay_fini(&r);
    int q = (sz * 9 / 10) * 45 / 10; /* the room agency_block left */
    for (int i = 0; i < nq; i++)
        if (qrs[i].y + q < H) /* those on the first page, next to their agency */
            pdf_qr(p, qrs[i].web, W - q, qrs[i].y, q);
    if (y < H - 500)
        portal_qr(p, h, &c, W, H);
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
            y += lay_text(r, c, steps[i]->question, 0, y, W, size * 9 / 10, DOC_S_BOLD, LAY_C_MUTED,
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
            snprintf(buf + k, sizeof buf - k, msg_get(lang, MSG_REF_PHONE), a->phone);
            if (a->verify) {
                strncat(buf, " ", sizeof buf - strlen(buf) - 1);
                strncat(buf, msg_get(lang, MSG_REF_VERIFY), sizeof buf - strlen(buf) - 1);
            }
        }
        y += lay_text(r, c, buf, 0, y, W, size * 11 / 10, DOC_S_BOLD, LAY_C_TEXT, DOC_ALIGN_LEFT);
        if (o->c[i].why && *o->c[i].why)
            y += lay_text(r, c, o->c[i].why, size, y, W - size, size * 9 / 10, 0, LAY_C_TEXT,
                          DOC_ALIGN_LEFT);
        if (a->hours && *a->hours) {
            snprintf(buf, sizeof buf, msg_get(lang, MSG_REF_HOURS), a->hours);
            y += lay_text(r, c, buf, size, y, W - size, size * 8 / 10, 0, LAY_C_MUTED,
                          DOC_ALIGN_LEFT);
        }
        y += size / 4;
    }
    y += size / 2;
    strbuf ch;
    strbuf_init(&ch);
    for (size_t i = 0; i < ns; i++)
        for (size_t k = 0; k <= steps[i]->nread; k++) {
            const char *id = k == 0 ? steps[i]->chapter : steps[i]->read[k - 1];
            const char *t = chapter_title(h->book, id);
            if (t && (!ch.s || !strstr(ch.s, t))) {
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
    y += lay_text(r, c, msg_get(lang, MSG_FINDER_FOOT), 0, y, W, size * 7 / 10, 0, LAY_C_MUTED,
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
    int W, H, y = 0;
    pdf_page(p, false, &W, &H);
    lay_result r;
    /* One page: the type shrinks until it fits, the portal's QR below. */
    for (int size = 140; size >= 55; size -= 5) {
        lay_init(&r);
        y = finder_layout(&r, &c, h, pr, f, l, W, size);
        if (y <= H - 500 || size == 55)
            break;
        lay_fini(&r);
    }
    paginate(p, &r, W, H, true);
    lay_fini(&r);
    if (y < H - 500)
        portal_qr(p, h, &c, W, H);
    lb_free(b);
    return finish(h, p, out, err, errsize);
}
