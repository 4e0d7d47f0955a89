/*
 * layout.c - the layout engine (see layout.h).
 *
 * A paragraph is flattened into one UTF-8 string with style runs (a soft
 * line break becomes a space between Latin words and nothing between
 * Japanese characters; an inline image becomes U+FFFC).  ICU gives the
 * break opportunities; segments between them are measured and filled
 * greedily.  Trailing spaces hang past the margin, as in browsers.
 */
#include "layout.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define OBJ_CHAR "\xEF\xBF\xBC" /* U+FFFC stands for an inline image */

typedef struct run {
    size_t off, len; /* in flat */
    unsigned style;
    const char *href;
    const doc_span *img; /* inline image, or NULL */
    int img_w, img_h;
} run;

typedef struct piece {
    size_t off, len;
    size_t run;
    int w;
} piece;

/* Working state of one lay_spans call; buffers are per call (no globals). */
typedef struct para {
    const lay_ctx *c;
    strbuf flat;
    run *runs;
    size_t nruns, rcap;
    piece *pcs; /* pieces of the current line */
    size_t npcs, pcap;
    int size;
    bool phrase; /* a title: break between Japanese phrases only */
    const lay_opts *img; /* slides: inline images at their own (hinted) size */
} para;

void lay_init(lay_result *r)
{
    memset(r, 0, sizeof *r);
    arena_init(&r->mem);
}

void lay_fini(lay_result *r)
{
    if (!r)
        return;
    arena_fini(&r->mem);
    free(r->items);
    free(r->tables);
    memset(r, 0, sizeof *r);
}

static lay_item *add_item(lay_result *r, lay_kind kind)
{
    vec_reserve((void **)&r->items, &r->cap, r->n + 1, sizeof(lay_item));
    lay_item *it = &r->items[r->n++];
    memset(it, 0, sizeof *it);
    it->kind = kind;
    return it;
}

static void add_rect(lay_result *r, int x, int y, int w, int h, lay_color color, int line)
{
    lay_item *it = add_item(r, LAY_RECT);
    it->x = x;
    it->y = y;
    it->w = w;
    it->h = h;
    it->color = color;
    it->line = line;
}

static int text_w(const para *p, const char *s, size_t n, unsigned style)
{
    return n ? p->c->m->text_width(p->c->m->ctx, s, n, p->size, style) : 0;
}

static uint32_t last_cp(const strbuf *b)
{
    if (!b->len)
        return 0;
    size_t i = b->len - 1;
    while (i > 0 && ((unsigned char)b->s[i] & 0xC0) == 0x80)
        i--;
    size_t k = i;
    return utf8_next(b->s, b->len, &k);
}

static uint32_t first_cp_after(const doc_span *spans, size_t n, size_t from)
{
    for (size_t i = from; i < n; i++) {
        if (spans[i].kind == DOC_SPAN_TEXT && spans[i].len) {
            size_t k = 0;
            return utf8_next(spans[i].text, spans[i].len, &k);
        }
        if (spans[i].kind == DOC_SPAN_IMAGE)
            return 0xFFFC;
    }
    return 0;
}

static void add_run(para *p, const char *text, size_t len, unsigned style, const char *href,
                    const doc_span *img)
{
    vec_reserve((void **)&p->runs, &p->rcap, p->nruns + 1, sizeof(run));
    run *r = &p->runs[p->nruns++];
    memset(r, 0, sizeof *r);
    r->off = p->flat.len;
    r->len = len;
    r->style = style;
    r->href = href;
    r->img = img;
    strbuf_add(&p->flat, text, len);
}

static bool image_box(const lay_metrics *m, const lay_opts *o, const doc_span *s, int *w, int *h,
                      bool *skip);

/* Flatten spans into p->flat and p->runs. */
static void flatten(para *p, const doc_span *spans, size_t n, unsigned style, int max_w)
{
    const lay_metrics *m = p->c->m;
    bool squeeze = false; /* an inline comment was left out just before */
    for (size_t i = 0; i < n; i++) {
        const doc_span *s = &spans[i];
        switch (s->kind) {
        case DOC_SPAN_TEXT: {
            /* "a <!-- note --> b" reads "a b", as a browser collapses the
             * two spaces around the comment (and drops them at the start). */
            const char *t = s->text;
            size_t tl = s->len;
            if (squeeze && !(s->style & DOC_S_CODE) &&
                (!p->flat.len || p->flat.s[p->flat.len - 1] == ' '))
                while (tl && (*t == ' ' || *t == '\t')) {
                    t++;
                    tl--;
                }
            squeeze = false;
            add_run(p, t, tl, style | s->style, s->href, NULL);
            break;
        }
        case DOC_SPAN_HTML:
            squeeze = true;
            break;
        case DOC_SPAN_SOFTBREAK: {
            uint32_t a = last_cp(&p->flat), b = first_cp_after(spans, n, i + 1);
            if (a && b && !cp_is_wide(a) && !cp_is_wide(b))
                add_run(p, " ", 1, style, NULL, NULL);
            break;
        }
        case DOC_SPAN_BREAK:
            add_run(p, "\n", 1, style, NULL, NULL);
            break;
        case DOC_SPAN_IMAGE: {
            add_run(p, OBJ_CHAR, 3, style | s->style, s->href, s);
            run *r = &p->runs[p->nruns - 1];
            int iw = 0, ih = 0;
            int h = m->height(m->ctx, p->size);
            bool skip = false;
            if (p->img && image_box(m, p->img, s, &iw, &ih, &skip)) {
                /* A slide: the picture at its own size, as a browser draws it. */
                r->img_w = skip ? 0 : iw;
                r->img_h = skip ? 0 : ih;
            } else if (p->img) {
                r->img_w = r->img_h = 0; /* missing: nothing, as in Marp */
            } else if (s->path && m->image_size && m->image_size(m->ctx, s->path, &iw, &ih) &&
                       ih > 0) {
                /* Small inline pictures are glyph-like: scaled to the line. */
                r->img_h = h;
                r->img_w = (int)((long long)iw * h / ih);
            } else {
                r->img_h = h;
                r->img_w = h;
            }
            if (r->img_w > max_w)
                r->img_w = max_w;
            break;
        }
        default:
            break;
        }
    }
}

/* Width of flat[off..off+len) which lies inside run ri. */
static int piece_w(const para *p, size_t ri, size_t off, size_t len)
{
    const run *r = &p->runs[ri];
    if (r->img)
        return r->img_w;
    const char *s = p->flat.s + off;
    while (len && s[len - 1] == '\n') /* a newline has no width */
        len--;
    return text_w(p, s, len, r->style);
}

static void push_piece(para *p, size_t off, size_t len, size_t ri, int w)
{
    vec_reserve((void **)&p->pcs, &p->pcap, p->npcs + 1, sizeof(piece));
    p->pcs[p->npcs++] = (piece){.off = off, .len = len, .run = ri, .w = w};
}

static bool is_space_byte(char c)
{
    return c == ' ' || c == '\t' || c == '\n';
}

typedef struct line_out {
    lay_result *r;
    int x, y, width, align, line_h, asc;
    lay_color color;
    int src_line;
    bool measure;
    int max_line_w; /* measure: widest line */
    int lines;
} line_out;

/* Emit the pieces of one line; merges neighbours of the same run. */
static void emit_line(para *p, line_out *o)
{
    /* Hanging trailing spaces do not count for alignment. */
    int total = 0;
    for (size_t i = 0; i < p->npcs; i++)
        total += p->pcs[i].w;
    for (size_t i = p->npcs; i-- > 0;) {
        piece *pc = &p->pcs[i];
        if (p->runs[pc->run].img)
            break;
        size_t len = pc->len;
        while (len && is_space_byte(p->flat.s[pc->off + len - 1]))
            len--;
        if (len == pc->len)
            break;
        int nw = piece_w(p, pc->run, pc->off, len);
        total -= pc->w - nw;
        pc->w = nw;
        pc->len = len;
        if (len)
            break;
    }
    if (total > o->max_line_w)
        o->max_line_w = total;
    if (o->measure) {
        p->npcs = 0;
        o->lines++;
        return;
    }
    /* A picture taller than the line sits on the baseline and pushes the
     * line down (slides: inline images at their own size). */
    int extra = 0;
    for (size_t i = 0; i < p->npcs; i++) {
        const run *r = &p->runs[p->pcs[i].run];
        if (r->img && p->img && r->img_h > o->asc)
            extra = MG_MAX(extra, r->img_h - o->asc);
    }
    o->y += extra;
    int x = o->x;
    if (o->align == DOC_ALIGN_CENTER)
        x += (o->width - total) / 2;
    else if (o->align == DOC_ALIGN_RIGHT)
        x += o->width - total;
    for (size_t i = 0; i < p->npcs;) {
        piece *pc = &p->pcs[i];
        const run *r = &p->runs[pc->run];
        size_t j = i + 1;
        size_t len = pc->len;
        int w = pc->w;
        while (!r->img && j < p->npcs && p->pcs[j].run == pc->run &&
               p->pcs[j].off == pc->off + len) {
            len += p->pcs[j].len;
            w += p->pcs[j].w;
            j++;
        }
        if (r->img && p->img && !r->img_w) {
            /* left out (a background) or missing: nothing drawn */
        } else if (r->img) {
            lay_item *it = add_item(o->r, LAY_IMAGE);
            it->x = x;
            it->y = p->img ? o->y + o->asc - r->img_h : o->y + (o->line_h - r->img_h) / 2;
            it->w = r->img_w;
            it->h = r->img_h;
            it->path = r->img->path;
            it->text = arena_strndup(&o->r->mem, r->img->text, r->img->len);
            it->len = r->img->len;
            it->line = o->src_line;
            it->textline = o->r->textlines;
        } else if (len && !(len == 1 && p->flat.s[pc->off] == '\n')) {
            size_t tl = len;
            while (tl && p->flat.s[pc->off + tl - 1] == '\n')
                tl--;
            lay_item *it = add_item(o->r, LAY_TEXT);
            it->x = x;
            it->y = o->y;
            it->w = w;
            it->h = o->line_h;
            it->ascent = o->asc;
            it->size = p->size;
            it->style = r->style;
            it->color = (r->style & DOC_S_LINK) ? LAY_C_LINK : o->color;
            it->text = arena_strndup(&o->r->mem, p->flat.s + pc->off, tl);
            it->len = tl;
            it->src = pc->off;
            it->href = r->href;
            it->line = o->src_line;
            it->textline = o->r->textlines;
        }
        x += w;
        i = j;
    }
    p->npcs = 0;
    o->lines++;
    o->r->textlines++;
}

/* Add flat[off..end) to the current line as pieces split at run bounds. */
static int add_segment(para *p, size_t off, size_t end, bool dry)
{
    int w = 0;
    /* Runs lie in flat in order, end to end: the first one that reaches
     * past off by binary search, so a paragraph of n runs costs log n a
     * segment, not n (a 200 KB paragraph took 8 s). */
    size_t lo = 0, hi = p->nruns;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (p->runs[mid].off + p->runs[mid].len <= off)
            lo = mid + 1;
        else
            hi = mid;
    }
    for (size_t ri = lo; ri < p->nruns && off < end && p->runs[ri].off < end; ri++) {
        const run *r = &p->runs[ri];
        size_t rs = r->off, re = r->off + r->len;
        if (re <= off || rs >= end)
            continue;
        size_t a = off > rs ? off : rs, b = end < re ? end : re;
        int pw = piece_w(p, ri, a, b - a);
        if (!dry)
            push_piece(p, a, b - a, ri, pw);
        w += pw;
    }
    return w;
}

/* Width of the segment without trailing spaces. */
static int trimmed_w(para *p, size_t off, size_t end)
{
    size_t e = end;
    while (e > off && is_space_byte(p->flat.s[e - 1]))
        e--;
    return add_segment(p, off, e, true);
}

/* A cluster holds at most this many characters: a chain of no-break
 * characters longer than that (10,000 "[") is cut into pieces of this
 * size, so finding and measuring a cluster costs a bounded time per
 * character instead of the whole chain for each (28 s for 10,000 "[").
 * No text keeps 64 closing marks and opening brackets together. */
#define CLUSTER_MAX 64

/* End of the unsplittable cluster that starts at i (before end). */
static size_t cluster_end(const char *s, size_t len, size_t i, size_t end)
{
    uint32_t prev = utf8_next(s, len, &i);
    for (int n = 1; i < end && n < CLUSTER_MAX; n++) {
        size_t k = i;
        uint32_t c = utf8_next(s, len, &k);
        if (is_space_byte(s[i]) && !lb_no_end(prev)) {
            /* Spaces hang at the end of a line, so a closing mark after
             * them ("word    )") still may not start the next one: the
             * spaces and the mark stay with the word before them. */
            size_t q = i;
            while (q < end && is_space_byte(s[q]))
                q++;
            size_t q2 = q;
            if (q == end || !lb_no_start(utf8_next(s, len, &q2)))
                break;
            n += (int)(q - i);
            prev = ' ';
            i = q;
            continue;
        }
        if (!lb_no_start(c) && !lb_no_end(prev))
            break;
        prev = c;
        i = k;
    }
    return i;
}

/* Place the text between two break opportunities: on this line if it
 * fits, else on the next; longer than a whole line, split inside it, still
 * never putting a closing mark or small kana first, nor an opening bracket
 * last. */
static void place(para *p, line_out *o, int *cur, size_t start, size_t end)
{
    size_t len = p->flat.len;
    int tw = trimmed_w(p, start, end);
    if (p->npcs && *cur + tw > o->width) {
        emit_line(p, o);
        o->y += o->line_h;
        *cur = 0;
    }
    if (p->npcs || tw <= o->width) {
        *cur += add_segment(p, start, end, false);
        return;
    }
    size_t i = start;
    while (i < end) {
        size_t j = cluster_end(p->flat.s, len, i, end);
        int cw = add_segment(p, i, j, true);
        if (p->npcs && *cur + cw > o->width && !is_space_byte(p->flat.s[i])) {
            emit_line(p, o);
            o->y += o->line_h;
            *cur = 0;
        }
        if (!p->npcs && cw > o->width) {
            /* A cluster wider than the line: any character boundary. */
            j = i;
            utf8_next(p->flat.s, len, &j);
        }
        *cur += add_segment(p, i, j, false);
        i = j;
    }
}

/* Core: fill lines of width o->width. */
static void fill(para *p, line_out *o)
{
    size_t len = p->flat.len;
    if (!len)
        return;
    size_t nb = 0, nfine = 0;
    const lb_break *br = NULL;
    lb_break *own = NULL, *fine = NULL;
    bool phrases = false; /* br holds phrase breaks (a title, with ICU) */
    if (p->c->lb) {
        br = p->phrase ? lb_phrase_breaks(p->c->lb, p->flat.s, len, &nb)
                       : lb_breaks(p->c->lb, p->flat.s, len, &nb);
        phrases = p->phrase && br && nb;
    }
    if (!br || !nb) {
        /* No ICU: every character boundary is an opportunity. */
        own = xmalloc((len + 1) * sizeof(lb_break));
        size_t i = 0;
        while (i < len) {
            utf8_next(p->flat.s, len, &i);
            own[nb].pos = i;
            own[nb].hard = p->flat.s[i - 1] == '\n';
            nb++;
        }
        br = own;
    }
    int cur = 0;
    size_t start = 0, f = 0;
    for (size_t k = 0; k < nb; k++) {
        size_t end = br[k].pos;
        if (phrases && trimmed_w(p, start, end) > o->width) {
            /* A phrase longer than a line: the ordinary breaks inside it,
             * asked for only now (most titles never need them).  lb reuses
             * one array, so the phrases are kept aside first. */
            if (!fine) {
                own = xmalloc(nb * sizeof *own);
                memcpy(own, br, nb * sizeof *own);
                br = own;
                const lb_break *all = lb_breaks(p->c->lb, p->flat.s, len, &nfine);
                fine = xmalloc((nfine ? nfine : 1) * sizeof *fine);
                memcpy(fine, all, nfine * sizeof *fine);
            }
            size_t s = start;
            while (f < nfine && fine[f].pos <= start)
                f++;
            for (; f < nfine && fine[f].pos < end; f++) {
                place(p, o, &cur, s, fine[f].pos);
                s = fine[f].pos;
            }
            place(p, o, &cur, s, end);
        } else
            place(p, o, &cur, start, end);
        start = end;
        if (br[k].hard && end < len) {
            emit_line(p, o);
            o->y += o->line_h;
            cur = 0;
        }
    }
    if (p->npcs) {
        emit_line(p, o);
        o->y += o->line_h;
    }
    free(own);
    free(fine);
}

static void para_init(para *p, const lay_ctx *c, int size)
{
    memset(p, 0, sizeof *p);
    p->c = c;
    p->size = size;
    strbuf_init(&p->flat);
}

static void para_fini(para *p)
{
    strbuf_fini(&p->flat);
    free(p->runs);
    free(p->pcs);
}

static int line_height(const lay_ctx *c, int size, float gap)
{
    int h = c->m->height(c->m->ctx, size);
    return (int)(h * (gap > 0 ? gap : 1.5f) + 0.5f);
}

/* Lay out or (measure=true) measure spans; returns height; widths out. */
static int spans_impl_o(lay_result *r, const lay_ctx *c, const doc_span *spans, size_t n, int x,
                        int y, int width, int size, unsigned style, lay_color color, int align,
                        float gap, int src_line, bool measure, int *max_w, const lay_opts *img)
{
    para p;
    para_init(&p, c, size);
    p.img = img;
    p.phrase = style & LAY_S_PHRASE;
    style &= ~LAY_S_PHRASE;
    flatten(&p, spans, n, style, width > 0 ? width : 1);
    int lh = line_height(c, size, gap);
    int fh = c->m->height(c->m->ctx, size);
    line_out o = {
        .r = r,
        .x = x,
        .y = y,
        .width = width,
        .align = align,
        .line_h = lh,
        /* Centre the glyph box in the taller line box. */
        .asc = c->m->ascent(c->m->ctx, size) + (lh - fh) / 2,
        .color = color,
        .src_line = src_line,
        .measure = measure,
    };
    fill(&p, &o);
    if (max_w)
        *max_w = o.max_line_w;
    para_fini(&p);
    return o.y - y;
}

static int spans_impl(lay_result *r, const lay_ctx *c, const doc_span *spans, size_t n, int x,
                      int y, int width, int size, unsigned style, lay_color color, int align,
                      float gap, int src_line, bool measure, int *max_w)
{
    return spans_impl_o(r, c, spans, n, x, y, width, size, style, color, align, gap, src_line,
                        measure, max_w, NULL);
}

int lay_spans(lay_result *r, const lay_ctx *c, const doc_span *spans, size_t n, int x, int y,
              int width, int size, unsigned style, lay_color color, int align, float line_gap)
{
    int h = spans_impl(r, c, spans, n, x, y, width, size, style, color, align, line_gap, 0, false,
                       NULL);
    if (x + width > r->width)
        r->width = x + width;
    if (y + h > r->height)
        r->height = y + h;
    return h;
}

void lay_rect(lay_result *r, int x, int y, int w, int h, lay_color color)
{
    add_rect(r, x, y, w, h, color, 0);
}

int lay_text(lay_result *r, const lay_ctx *c, const char *text, int x, int y, int width, int size,
             unsigned style, lay_color color, int align)
{
    doc_span s = {.kind = DOC_SPAN_TEXT, .text = text, .len = strlen(text)};
    return lay_spans(r, c, &s, 1, x, y, width, size, style, color, align, 1.3f);
}

/* ---- blocks ---- */

typedef struct blk_ctx {
    lay_result *r;
    const lay_ctx *c;
    const lay_opts *o;
    int base;
    float gap;
} blk_ctx;

static int layout_blocks(blk_ctx *b, const doc_block *first, int x, int y, int width);

static int heading_size(int base, int level)
{
    static const float scale[] = {0, 1.75f, 1.45f, 1.2f, 1.08f, 1.0f, 1.0f};
    return (int)(base * scale[level < 1 ? 1 : level > 6 ? 6 : level] + 0.5f);
}

/* Widen the min- or max-content of the running min/max by spans laid on
 * one line (max) and broken at every opportunity (min). */
static void spans_minmax(blk_ctx *b, const doc_span *spans, size_t n, int size, unsigned style,
                         int indent, int *min_w, int *max_w)
{
    para p;
    para_init(&p, b->c, size);
    flatten(&p, spans, n, style, 1 << 20);
    int mx = 0, mn = 0, cur = 0;
    size_t nb = 0;
    const lb_break *br = p.flat.len && b->c->lb ? lb_breaks(b->c->lb, p.flat.s, p.flat.len, &nb)
                                                : NULL;
    size_t start = 0;
    for (size_t k = 0; k < nb; k++) {
        int tw = trimmed_w(&p, start, br[k].pos);
        int fw = add_segment(&p, start, br[k].pos, true);
        if (tw > mn)
            mn = tw;
        if (cur + tw > mx)
            mx = cur + tw;
        cur += fw;
        if (br[k].hard)
            cur = 0;
        start = br[k].pos;
    }
    if (!br && p.flat.len) { /* no breaker: every character */
        mx = add_segment(&p, 0, p.flat.len, true);
        mn = mx ? size : 0;
    }
    *min_w = MG_MAX(*min_w, mn + indent);
    *max_w = MG_MAX(*max_w, mx + indent);
    para_fini(&p);
}

static int heading_px(const blk_ctx *b, int level);

/* Min and max content of the blocks of a cell (headings, lists). */
static void blocks_minmax(blk_ctx *b, const doc_block *first, int indent, int depth, int *mn,
                          int *mx)
{
    if (depth > 32)
        return;
    for (const doc_block *k = first; k; k = k->next) {
        switch (k->kind) {
        case DOC_HEADING:
            spans_minmax(b, k->spans, k->nspans, heading_px(b, k->level), DOC_S_BOLD, indent, mn,
                         mx);
            break;
        case DOC_PARA:
        case DOC_CELL:
            spans_minmax(b, k->spans, k->nspans, b->base, k->head ? DOC_S_BOLD : 0, indent, mn,
                         mx);
            blocks_minmax(b, k->first, indent, depth + 1, mn, mx);
            break;
        case DOC_CODE:
            spans_minmax(b, k->spans, k->nspans, b->base * 9 / 10, DOC_S_CODE, indent + b->base,
                         mn, mx);
            break;
        case DOC_LIST:
        case DOC_ITEM:
            blocks_minmax(b, k->first, indent + (k->kind == DOC_LIST ? b->base * 3 / 2 : 0),
                          depth + 1, mn, mx);
            break;
        case DOC_QUOTE:
            blocks_minmax(b, k->first, indent + b->base * 2, depth + 1, mn, mx);
            break;
        case DOC_TABLE:
        case DOC_ROW:
            blocks_minmax(b, k->first, indent + b->base, depth + 1, mn, mx);
            break;
        default:
            break;
        }
    }
}

/* Min and max content widths of a cell (for table column widths). */
static void cell_widths(blk_ctx *b, const doc_block *cell, int *min_w, int *max_w)
{
    int size = b->base;
    int mn = 0, mx = 0;
    if (cell->first)
        blocks_minmax(b, cell->first, 0, 0, &mn, &mx);
    else
        spans_minmax(b, cell->spans, cell->nspans, size, cell->head ? DOC_S_BOLD : 0, 0, &mn,
                     &mx);
    /* A cell never needs to be wider than a few characters to stay legible;
     * very long unbreakable words (URLs) are split instead.  Nor should a
     * short cell ("経理 山田", "見分け方") be squeezed below five characters
     * while a neighbour holds a long sentence: Japanese breaks anywhere, so
     * the plain minimum would be one character. */
    if (mn > size * 8)
        mn = size * 8;
    if (mn < size * 5)
        mn = mx < size * 5 ? mx : size * 5;
    *min_w = mn;
    *max_w = mx;
}

/* Grow cols[c0..c0+span) so that together they hold need: the shortfall is
 * shared in proportion to what each has (equally when none has any), as
 * browsers share a spanning cell's width. */
static void widen_span(int *cols, int c0, int span, int need)
{
    long long sum = 0;
    for (int i = c0; i < c0 + span; i++)
        sum += cols[i];
    if (sum >= need)
        return;
    int extra = (int)(need - sum), given = 0;
    for (int i = c0; i < c0 + span; i++) {
        int add = i == c0 + span - 1 ? extra - given
                  : sum         ? (int)((long long)extra * cols[i] / sum)
                                : extra / span;
        cols[i] += add;
        given += add;
    }
}

static int blocks_impl(blk_ctx *b, const doc_block *first, int x, int y, int width, bool top);

static void add_table_rec(lay_result *r, const lay_table *t)
{
    vec_reserve((void **)&r->tables, &r->tcap, r->ntables + 1, sizeof *t);
    r->tables[r->ntables++] = *t;
}

/*
 * A table on its grid (doc_grid_build: rowspan and colspan honoured).
 * Column widths from the cells' min- and max-content, single-column cells
 * first, then spanning cells widening the columns they cover.  Rows are
 * as tall as their tallest cell; a cell spanning rows grows the last of
 * them.  Each cell draws its own right and bottom border (the first
 * column its left one too), so merged cells have no line through them.
 * Items come row by row, so a table's header rows are one run of items
 * (recorded in r->tables for painters that repeat them on a new page).
 */
static int layout_table(blk_ctx *b, const doc_block *t, int x, int y, int width)
{
    int pad = b->base / 2;
    int vpad = b->o->margins ? b->base / 5 : pad; /* slides: Marp's 6px 13px cells */
    int border = b->base / 14 > 1 ? b->base / 14 : 1;
    doc_grid g;
    doc_grid_build(t, &g);
    if (!g.ncols || !g.n) {
        doc_grid_fini(&g);
        return 0;
    }
    int cols = g.ncols, rows = g.nrows;
    int *mn = xcalloc((size_t)cols, sizeof(int)), *mx = xcalloc((size_t)cols, sizeof(int));
    int *w = xcalloc((size_t)cols, sizeof(int)), *gx = xcalloc((size_t)cols + 1, sizeof(int));
    int *cmn = xcalloc(g.n, sizeof(int)), *cmx = xcalloc(g.n, sizeof(int));
    int maxspan = 1;
    for (size_t i = 0; i < g.n; i++) {
        const doc_grid_cell *gc = &g.cells[i];
        int a, c;
        cell_widths(b, gc->cell, &a, &c);
        cmn[i] = a + 2 * pad + border;
        cmx[i] = c + 2 * pad + border;
        if (gc->cols == 1) {
            mn[gc->col] = MG_MAX(mn[gc->col], cmn[i]);
            mx[gc->col] = MG_MAX(mx[gc->col], cmx[i]);
        }
        maxspan = MG_MAX(maxspan, gc->cols);
    }
    for (int span = 2; span <= maxspan; span++)
        for (size_t i = 0; i < g.n; i++)
            if (g.cells[i].cols == span) {
                widen_span(mn, g.cells[i].col, span, cmn[i]);
                widen_span(mx, g.cells[i].col, span, cmx[i]);
            }
    long long smin = 0, smax = 0;
    int avail = width - border;
    for (int i = 0; i < cols; i++) {
        mx[i] = MG_MAX(mx[i], mn[i]);
        smin += mn[i];
        smax += mx[i];
    }
    for (int i = 0; i < cols; i++) {
        if (smax <= avail)
            w[i] = mx[i];
        else if (smin >= avail)
            w[i] = (int)((long long)mn[i] * avail / (smin ? smin : 1));
        else
            w[i] = mn[i] + (int)((long long)(mx[i] - mn[i]) * (avail - smin) / (smax - smin));
        if (w[i] < 2 * pad + 1)
            w[i] = 2 * pad + 1;
    }
    gx[0] = x;
    for (int i = 0; i < cols; i++)
        gx[i + 1] = gx[i] + w[i];
    int total = gx[cols] - x + border;

    /* Header rows: the leading head rows, and any row a cell of them spans
     * into.  A table that is all header repeats nothing. */
    int hr = g.head_rows;
    for (size_t i = 0; i < g.n && g.cells[i].row < hr; i++)
        hr = MG_MAX(hr, g.cells[i].row + g.cells[i].rows);
    if (hr >= rows)
        hr = 0;

    /* Cells by the row they end in (counting sort), to close them. */
    size_t *end_at = xcalloc((size_t)rows + 2, sizeof(size_t));
    size_t *by_end = xcalloc(g.n, sizeof(size_t));
    for (size_t i = 0; i < g.n; i++)
        end_at[g.cells[i].row + g.cells[i].rows]++;
    for (int r = 1; r <= rows + 1; r++)
        end_at[r] += end_at[r - 1];
    for (size_t i = g.n; i-- > 0;)
        by_end[--end_at[g.cells[i].row + g.cells[i].rows]] = i;
    /* by_end[end_at[r + 1] .. end_at[r + 2]) are the cells ending in row r
     * (their row + rows is r + 1). */

    /* Slots no cell covers (short rows) still get their borders. */
    bool grid_small = (long long)rows * cols <= 1 << 20;
    unsigned char *covered = grid_small ? xcalloc((size_t)rows * (size_t)cols, 1) : NULL;
    for (size_t i = 0; covered && i < g.n; i++)
        for (int r = g.cells[i].row; r < g.cells[i].row + g.cells[i].rows; r++)
            memset(covered + (size_t)r * (size_t)cols + (size_t)g.cells[i].col, 1,
                   (size_t)g.cells[i].cols);

    int *gy = xcalloc((size_t)rows + 1, sizeof(int));
    int *need = xcalloc((size_t)rows, sizeof(int)); /* the y a row's interior must reach */
    size_t *bg = xcalloc(g.n, sizeof(size_t));
    lay_table rec = {.y0 = y, .head_y1 = y, .head_first = b->r->n, .head_end = b->r->n};
    add_rect(b->r, x, y, total, border, LAY_C_TABLE_BORDER, t->line); /* the top line */
    gy[0] = y;
    size_t ci = 0;
    for (int r = 0; r < rows; r++) {
        int top = gy[r] + border;
        need[r] = MG_MAX(need[r], top + 2 * vpad);
        for (; ci < g.n && g.cells[ci].row == r; ci++) {
            const doc_grid_cell *gc = &g.cells[ci];
            const doc_block *cell = gc->cell;
            int cx = gx[gc->col] + border, cw = gx[gc->col + gc->cols] - cx;
            bg[ci] = SIZE_MAX;
            if (cell->head) {
                bg[ci] = b->r->n;
                add_rect(b->r, cx, top, cw, 0, LAY_C_TABLE_HEAD_BG, cell->line);
            }
            int h;
            if (cell->first)
                h = blocks_impl(b, cell->first, cx + pad, top + vpad, cw - 2 * pad, true);
            else
                h = spans_impl(b->r, b->c, cell->spans, cell->nspans, cx + pad, top + vpad,
                               cw - 2 * pad, b->base, cell->head ? DOC_S_BOLD : 0, LAY_C_TEXT,
                               cell->align, b->o->margins ? b->gap : 1.35f, cell->line, false,
                               NULL);
            int last = r + gc->rows - 1;
            need[last] = MG_MAX(need[last], top + h + 2 * vpad);
        }
        gy[r + 1] = need[r];
        /* Close the cells that end here. */
        for (size_t k = end_at[r + 1]; k < end_at[r + 2]; k++) {
            size_t i = by_end[k];
            const doc_grid_cell *gc = &g.cells[i];
            int y0 = gy[gc->row];
            if (bg[i] != SIZE_MAX)
                b->r->items[bg[i]].h = gy[r + 1] - (y0 + border);
            int ln = gc->cell->line;
            add_rect(b->r, gx[gc->col + gc->cols], y0, border, gy[r + 1] + border - y0,
                     LAY_C_TABLE_BORDER, ln);
            add_rect(b->r, gx[gc->col], gy[r + 1], gx[gc->col + gc->cols] - gx[gc->col] + border,
                     border, LAY_C_TABLE_BORDER, ln);
            if (gc->col == 0)
                add_rect(b->r, x, y0, border, gy[r + 1] + border - y0, LAY_C_TABLE_BORDER, ln);
        }
        for (int c = 0; covered && c < cols; c++)
            if (!covered[(size_t)r * (size_t)cols + (size_t)c]) {
                add_rect(b->r, gx[c + 1], gy[r], border, gy[r + 1] + border - gy[r],
                         LAY_C_TABLE_BORDER, t->line);
                add_rect(b->r, gx[c], gy[r + 1], w[c] + border, border, LAY_C_TABLE_BORDER,
                         t->line);
                if (c == 0)
                    add_rect(b->r, x, gy[r], border, gy[r + 1] + border - gy[r],
                             LAY_C_TABLE_BORDER, t->line);
            }
        if (r + 1 == hr) {
            rec.head_end = b->r->n;
            rec.head_y1 = gy[r + 1] + border;
        }
    }
    int y_end = gy[rows] + border;
    rec.y1 = y_end;
    add_table_rec(b->r, &rec);
    free(gy);
    free(need);
    free(bg);
    free(covered);
    free(end_at);
    free(by_end);
    free(cmn);
    free(cmx);
    free(mn);
    free(mx);
    free(w);
    free(gx);
    doc_grid_fini(&g);
    return y_end - y;
}

/* The natural size of an image after the caller's hint and scale. */
static bool image_box(const lay_metrics *m, const lay_opts *o, const doc_span *s, int *w, int *h,
                      bool *skip)
{
    lay_image_hint hint = {0};
    if (o && o->image_hint)
        o->image_hint(s, &hint);
    *skip = hint.skip;
    int iw = 0, ih = 0;
    if (!s->path || !m->image_size || !m->image_size(m->ctx, s->path, &iw, &ih) || iw <= 0 ||
        ih <= 0)
        return false;
    float sc = o && o->image_scale > 0 ? o->image_scale : 1.0f;
    if (hint.w > 0 && hint.h > 0) {
        iw = hint.w;
        ih = hint.h;
    } else if (hint.w > 0) {
        ih = (int)((long long)ih * hint.w / iw);
        iw = hint.w;
    } else if (hint.h > 0) {
        iw = (int)((long long)iw * hint.h / ih);
        ih = hint.h;
    }
    *w = MG_MAX(1, (int)(iw * sc + 0.5f));
    *h = MG_MAX(1, (int)(ih * sc + 0.5f));
    return true;
}

static int layout_image(blk_ctx *b, const doc_block *blk, int x, int y, int width)
{
    const doc_span *s = &blk->spans[0];
    const lay_metrics *m = b->c->m;
    int iw = 0, ih = 0;
    int y0 = y;
    bool skip = false;
    bool ok = image_box(m, b->o, s, &iw, &ih, &skip);
    if (skip)
        return -1;
    if (!ok && b->o->margins)
        return -1; /* a slide: a missing picture shows nothing, as in Marp (check names it) */
    if (ok) {
        int dw = iw, dh = ih;
        if (dw > width) {
            dh = (int)((long long)dh * width / dw);
            dw = width;
        }
        int maxh = b->o->max_image_h;
        if (maxh > 0 && dh > maxh) {
            dw = (int)((long long)dw * maxh / dh);
            dh = maxh;
        }
        lay_item *it = add_item(b->r, LAY_IMAGE);
        it->x = x + (width - dw) / 2;
        if (b->o->margins) /* inline in its paragraph, as Marp has it */
            it->x = b->o->align == DOC_ALIGN_CENTER  ? x + (width - dw) / 2
                    : b->o->align == DOC_ALIGN_RIGHT ? x + width - dw
                                                     : x;
        it->y = y;
        it->w = dw;
        it->h = dh;
        it->path = s->path;
        it->text = arena_strndup(&b->r->mem, s->text, s->len);
        it->len = s->len;
        it->line = blk->line;
        y += dh;
    } else {
        /* A framed placeholder naming the file, so nothing silently vanishes. */
        int ph = b->base * 4;
        add_rect(b->r, x, y, width, ph, LAY_C_PLACEHOLDER, blk->line);
        strbuf label;
        strbuf_init(&label);
        strbuf_printf(&label, "[%s]", s->href ? s->href : "");
        lay_text(b->r, b->c, label.s, x + b->base, y + ph / 2 - b->base, width - 2 * b->base,
                 b->base, 0, LAY_C_MUTED, DOC_ALIGN_CENTER);
        strbuf_fini(&label);
        y += ph;
    }
    if (s->len && !b->o->no_captions) { /* the alt text as a caption */
        y += b->base / 3;
        y += spans_impl(b->r, b->c, &(doc_span){.kind = DOC_SPAN_TEXT, .text = s->text, .len = s->len},
                        1, x, y, width, b->base * 85 / 100, 0, LAY_C_MUTED, DOC_ALIGN_CENTER,
                        1.3f, blk->line, false, NULL);
    }
    return y - y0;
}

static int layout_list(blk_ctx *b, const doc_block *list, int x, int y, int width)
{
    int y0 = y;
    unsigned num = list->start;
    char marker[32];
    int indent = b->base * 3 / 2;
    const lay_margins *mg = b->o->margins;
    if (mg && mg->indent > 0) /* a slide: the theme's padding-left */
        indent = (int)(mg->indent * b->base + 0.5f);
    if (list->ordered) {
        snprintf(marker, sizeof marker, "%u.", list->start + (unsigned)list->nkids);
        int mw = b->c->m->text_width(b->c->m->ctx, marker, strlen(marker), b->base, 0);
        indent = MG_MAX(indent, mw + b->base / 2);
    }
    int depth = 0;
    for (const doc_block *p = list->parent; p; p = p->parent)
        depth += p->kind == DOC_LIST;
    for (const doc_block *item = list->first; item; item = item->next) {
        if (list->ordered)
            snprintf(marker, sizeof marker, "%u.", num++);
        else if (b->o->margins) /* a slide: a browser's small disc and circle */
            snprintf(marker, sizeof marker, "%s", depth % 2 ? "\xE2\x97\xA6" : "\xE2\x80\xA2");
        else
            snprintf(marker, sizeof marker, "%s", depth % 2 ? "\xE2\x97\xA6" : "\xE2\x97\x8F");
        int msize = list->ordered || b->o->margins ? b->base : b->base * 7 / 10;
        lay_result *r = b->r;
        size_t before = r->n;
        /* A slide's disc sits just before the text, as a browser's marker. */
        int mw = mg && !list->ordered ? indent - b->base * 2 / 5 : indent - b->base / 4;
        int h = spans_impl(r, b->c,
                           &(doc_span){.kind = DOC_SPAN_TEXT, .text = marker, .len = strlen(marker)},
                           1, x, y, mw, msize, 0, LAY_C_MARKER,
                           list->ordered || mg ? DOC_ALIGN_RIGHT : DOC_ALIGN_LEFT, b->gap,
                           item->line, false, NULL);
        /* Put the marker on the first line's baseline. */
        if (r->n > before && !list->ordered) {
            int lh = line_height(b->c, b->base, b->gap);
            lay_item *mk = &r->items[before];
            mk->y = y + (lh - mk->h) / 2;
        }
        (void)h;
        r->textlines -= r->n > before; /* the marker shares the item's line */
        int ih = layout_blocks(b, item->first, x + indent, y, width - indent);
        if (ih == 0)
            ih = line_height(b->c, b->base, b->gap);
        y += ih;
        if (b->o->margins && item->next)
            y += (int)(b->o->margins->li * b->base + 0.5f);
        else if (!list->tight && item->next)
            y += b->base / 2;
    }
    return y - y0;
}

static int heading_px(const blk_ctx *b, int level)
{
    int lvl = level < 1 ? 1 : level > 6 ? 6 : level;
    return b->o->heading_scale ? (int)(b->base * b->o->heading_scale[lvl - 1] + 0.5f)
                               : heading_size(b->base, lvl);
}

static int layout_block(blk_ctx *b, const doc_block *blk, int x, int y, int width, bool first)
{
    int base = b->base;
    switch (blk->kind) {
    case DOC_HEADING: {
        int size = heading_px(b, blk->level);
        const lay_margins *mg = b->o->margins;
        if (mg) { /* a slide: the theme's margins are added by lay_blocks */
            int lvl = MG_MAX(1, MG_MIN(6, blk->level)) - 1;
            int h = spans_impl(b->r, b->c, blk->spans, blk->nspans, x, y, width, size,
                               DOC_S_BOLD | LAY_S_PHRASE, LAY_C_HEADING, b->o->align,
                               mg->h_line > 0 ? mg->h_line : 1.3f, blk->line, false, NULL);
            int pad = (int)(mg->h_pad[lvl] * base + 0.5f);
            if (blk->level <= 2 && !b->o->no_heading_rules) { /* the desk's underline */
                int t = MG_MAX(1, base / (blk->level == 1 ? 6 : 10));
                add_rect(b->r, x, y + h + base / 6, width, t, LAY_C_RULE, blk->line);
                pad += base / 6 + t;
            }
            return h + pad;
        }
        int top = first ? 0 : (blk->level <= 2 ? base * 3 / 2 : base);
        if (b->o->heading_scale && !first)
            top = base * 2 / 3;
        int h = spans_impl(b->r, b->c, blk->spans, blk->nspans, x, y + top, width, size,
                           DOC_S_BOLD | LAY_S_PHRASE, LAY_C_HEADING, b->o->align, 1.3f, blk->line,
                           false, NULL);
        int extra = 0;
        if (blk->level <= 2 && !b->o->no_heading_rules) {
            int t = MG_MAX(1, base / (blk->level == 1 ? 6 : 10));
            add_rect(b->r, x, y + top + h + base / 6, width, t, LAY_C_RULE, blk->line);
            extra = base / 6 + t;
        }
        return top + h + extra + base / 2;
    }
    case DOC_PARA:
        return spans_impl_o(b->r, b->c, blk->spans, blk->nspans, x, y, width, base,
                            b->o->phrase ? LAY_S_PHRASE : 0, LAY_C_TEXT,
                            blk->parent && blk->parent->kind == DOC_ROOT ? b->o->align
                                                                         : DOC_ALIGN_LEFT,
                            b->gap, blk->line, false, NULL, b->o->margins ? b->o : NULL);
    case DOC_CODE: {
        int pad = base / 2;
        size_t bg = b->r->n;
        add_rect(b->r, x, y, width, 0, LAY_C_CODE_BG, blk->line);
        int h = spans_impl(b->r, b->c, blk->spans, blk->nspans, x + pad, y + pad, width - 2 * pad,
                           base * 9 / 10, DOC_S_CODE, LAY_C_TEXT, DOC_ALIGN_LEFT, 1.3f, blk->line,
                           false, NULL);
        b->r->items[bg].h = h + 2 * pad;
        return h + 2 * pad;
    }
    case DOC_QUOTE: {
        int pad = base / 2, bar = MG_MAX(2, base / 5);
        size_t bg = b->r->n;
        add_rect(b->r, x, y, width, 0, LAY_C_QUOTE_BG, blk->line);
        add_rect(b->r, x, y, bar, 0, LAY_C_QUOTE_BAR, blk->line);
        int h = layout_blocks(b, blk->first, x + bar + base, y + pad, width - bar - base - pad);
        b->r->items[bg].h = h + 2 * pad;
        b->r->items[bg + 1].h = h + 2 * pad;
        return h + 2 * pad;
    }
    case DOC_LIST:
        return layout_list(b, blk, x, y, width);
    case DOC_TABLE:
        return layout_table(b, blk, x, y, width);
    case DOC_IMAGE:
        return layout_image(b, blk, x, y, width);
    case DOC_RULE: {
        int t = MG_MAX(1, base / 10);
        add_rect(b->r, x, y + base / 2, width, t, LAY_C_RULE, blk->line);
        return base + t;
    }
    default: /* HTML blocks and stray rows are not shown */
        return -1;
    }
}

/* Blocks from (x, y); top: the first is at the top of its box (a cell),
 * so it takes no space above, as at the top of a document. */
static int blocks_impl(blk_ctx *b, const doc_block *first, int x, int y, int width, bool top)
{
    int y0 = y;
    bool is_first = true;
    for (const doc_block *blk = first; blk; blk = blk->next) {
        int h = layout_block(b, blk, x, y, width, is_first && (top || y == 0));
        if (h < 0)
            continue;
        y += h;
        if (blk->next && blk->kind != DOC_HEADING && b->o->margins && blk->parent &&
            blk->parent->kind == DOC_ITEM) /* a slide: a tight list's item has no gaps */
            y += blk->parent->parent && blk->parent->parent->tight
                     ? 0
                     : (int)(b->o->margins->bottom * b->base + 0.5f);
        else if (blk->next && blk->kind != DOC_HEADING)
            y += blk->parent && blk->parent->kind == DOC_ITEM ? b->base / 3 : b->base * 4 / 5;
        is_first = false;
    }
    return y - y0;
}

static int layout_blocks(blk_ctx *b, const doc_block *first, int x, int y, int width)
{
    return blocks_impl(b, first, x, y, width, false);
}

/* lay_blocks for a slide: the theme's margins, collapsing as in CSS. */
static int slide_blocks(blk_ctx *b, const doc_block *const *blocks, size_t n, int x, int y)
{
    const lay_margins *mg = b->o->margins;
    float below = 0;
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        const doc_block *blk = blocks[i];
        int lvl = MG_MAX(1, MG_MIN(6, blk->level)) - 1;
        bool hd = blk->kind == DOC_HEADING;
        float top = hd ? mg->h_top[lvl] : mg->top;
        int at = first ? y : y + (int)(MG_MAX(below, top) * b->base + 0.5f);
        int h = layout_block(b, blk, x, at, b->o->width, true);
        if (h < 0)
            continue;
        y = at + h;
        below = hd ? mg->h_bottom[lvl] : mg->bottom;
        first = false;
    }
    return y;
}

int lay_blocks(lay_result *r, const lay_ctx *c, const doc_block *const *blocks, size_t n, int x,
               int y, const lay_opts *o)
{
    blk_ctx b = {.r = r, .c = c, .o = o, .base = o->base_size, .gap = o->line_gap};
    int y0 = y;
    bool first = true;
    if (o->margins)
        y = slide_blocks(&b, blocks, n, x, y);
    for (size_t i = 0; i < n && !o->margins; i++) {
        int h = layout_block(&b, blocks[i], x, y, o->width, first);
        if (h < 0)
            continue;
        y += h;
        if (i + 1 < n && blocks[i]->kind != DOC_HEADING)
            y += b.base * 3 / 5;
        first = false;
    }
    if (x + o->width > r->width)
        r->width = x + o->width;
    if (y > r->height)
        r->height = y;
    return y - y0;
}

int lay_doc(lay_result *r, const lay_ctx *c, const doc_t *doc, const lay_opts *o)
{
    r->n = 0;
    r->ntables = 0;
    r->textlines = 0;
    arena_fini(&r->mem);
    arena_init(&r->mem);
    blk_ctx b = {.r = r, .c = c, .o = o, .base = o->base_size, .gap = o->line_gap};
    int h = layout_blocks(&b, doc->root->first, 0, 0, o->width);
    r->width = o->width;
    r->height = h;
    return h;
}

static bool is_line(const lay_item *it)
{
    return it->kind == LAY_TEXT || it->kind == LAY_IMAGE;
}

const lay_table *lay_header_at(const lay_result *r, int y)
{
    for (size_t i = 0; i < r->ntables; i++) {
        const lay_table *t = &r->tables[i];
        if (t->head_end > t->head_first && y >= t->head_y1 && y < t->y1)
            return t;
    }
    return NULL;
}

int lay_header_h(const lay_table *t)
{
    return t ? t->head_y1 - t->y0 : 0;
}

int lay_header_over(const lay_result *r, int top, int h, const lay_table **out)
{
    for (size_t k = 0; k < r->ntables; k++) {
        const lay_table *t = &r->tables[k];
        int hh = lay_header_h(t);
        if (t->head_end > t->head_first && hh < h / 3 && top > t->y0 && top + hh >= t->head_y1 &&
            top + hh < t->y1 && lay_header_at(r, top + hh) == t) {
            if (out)
                *out = t;
            return hh;
        }
    }
    if (out)
        *out = NULL;
    return 0;
}

int lay_page_top(const lay_result *r, int top, int h, int dir)
{
    if (h <= 0)
        return top;
    if (dir > 0) {
        int bottom = top + h, next = INT_MAX;
        for (size_t i = 0; i < r->n; i++) {
            const lay_item *it = &r->items[i];
            if (is_line(it) && it->y + it->h > bottom && it->y < next)
                next = it->y;
        }
        if (next == INT_MAX) /* all shown: this is the last page */
            return top;
        /* A line beside it (another cell) that this top would cut. */
        for (bool moved = true; moved;) {
            moved = false;
            for (size_t i = 0; i < r->n; i++) {
                const lay_item *it = &r->items[i];
                if (is_line(it) && it->y < next && it->y + it->h > next && it->y > top) {
                    next = it->y;
                    moved = true;
                }
            }
        }
        /* A page starting inside a table's header starts at the table. */
        for (size_t k = 0; k < r->ntables; k++) {
            const lay_table *ht = &r->tables[k];
            if (ht->head_end > ht->head_first && next >= ht->y0 && next < ht->head_y1 &&
                ht->y0 > top)
                next = ht->y0;
        }
        const lay_table *t = lay_header_at(r, next);
        int hh = lay_header_h(t);
        if (t && hh < h / 3 && next - hh > top)
            return next - hh; /* the header will cover [next - hh, next) */
        return next > top ? next : bottom;
    }
    int t = top - h;
    for (bool moved = true; moved;) {
        moved = false;
        for (size_t i = 0; i < r->n; i++) {
            const lay_item *it = &r->items[i];
            if (is_line(it) && it->y < t && it->y + it->h > t && it->y + it->h <= top &&
                it->h <= h) {
                t = it->y + it->h;
                moved = true;
            }
        }
    }
    return t < top ? t : top - h;
}

void lay_dump(const lay_result *r, strbuf *out)
{
    static const char *const kinds[] = {"text", "rect", "image"};
    for (size_t i = 0; i < r->n; i++) {
        const lay_item *it = &r->items[i];
        strbuf_printf(out, "%s %d,%d %dx%d", kinds[it->kind], it->x, it->y, it->w, it->h);
        if (it->kind == LAY_TEXT)
            strbuf_printf(out, " s%d%s L%d \"%.*s\"", it->size, it->style & DOC_S_BOLD ? "b" : "",
                          it->textline, (int)it->len, it->text);
        else if (it->kind == LAY_RECT)
            strbuf_printf(out, " c%d", (int)it->color);
        else
            strbuf_printf(out, " %s", it->path ? it->path : "-");
        strbuf_addc(out, '\n');
    }
}

void lay_append(lay_result *r, const lay_result *src, int dx, int dy)
{
    vec_reserve((void **)&r->items, &r->cap, r->n + src->n, sizeof(lay_item));
    for (size_t j = 0; j < src->n; j++) {
        lay_item *it = &r->items[r->n++];
        *it = src->items[j];
        it->x += dx;
        it->y += dy;
        it->text = it->text ? arena_strndup(&r->mem, it->text, it->len) : NULL;
    }
    r->width = MG_MAX(r->width, src->width + dx);
    r->height = MG_MAX(r->height, src->height + dy);
}
