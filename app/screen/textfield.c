/*
 * textfield.c - editable text (see textfield.h).
 */
#include "textfield.h"

#include "ui.h"

#include <stdlib.h>
#include <string.h>

void tf_init(tf *f, const char *text, bool multiline)
{
    memset(f, 0, sizeof *f);
    strbuf_init(&f->text);
    strbuf_init(&f->compose);
    strbuf_adds(&f->text, text ? text : "");
    f->cur = f->anchor = f->text.len;
    f->multiline = multiline;
}

void tf_fini(tf *f)
{
    if (!f)
        return;
    strbuf_fini(&f->text);
    strbuf_fini(&f->compose);
    for (int i = 0; i < f->nundo; i++)
        free(f->undo[i]);
    strbuf_fini(&f->cache.src);
    lay_fini(&f->cache.lay);
    memset(f, 0, sizeof *f);
}

const char *tf_text(const tf *f)
{
    return f->text.s ? f->text.s : "";
}

static size_t prev_cp(const char *s, size_t i)
{
    if (i == 0)
        return 0;
    i--;
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80)
        i--;
    return i;
}

static size_t next_cp(const char *s, size_t n, size_t i)
{
    if (i >= n)
        return n;
    utf8_next(s, n, &i);
    return i;
}

static void snapshot(tf *f)
{
    if (f->nundo == TF_UNDO) {
        free(f->undo[0]);
        memmove(f->undo, f->undo + 1, (TF_UNDO - 1) * sizeof(char *));
        memmove(f->undo_cur, f->undo_cur + 1, (TF_UNDO - 1) * sizeof(size_t));
        f->nundo--;
    }
    f->undo[f->nundo] = xstrdup(tf_text(f));
    f->undo_cur[f->nundo++] = f->cur;
}

static void set_text(tf *f, const char *s, size_t cur)
{
    f->text.len = 0;
    strbuf_adds(&f->text, s);
    f->cur = f->anchor = cur > f->text.len ? f->text.len : cur;
}

static bool delete_selection(tf *f)
{
    if (f->cur == f->anchor)
        return false;
    size_t a = MG_MIN(f->cur, f->anchor), b = MG_MAX(f->cur, f->anchor);
    memmove(f->text.s + a, f->text.s + b, f->text.len - b + 1);
    f->text.len -= b - a;
    f->cur = f->anchor = a;
    return true;
}

/* Insert s at the cursor, dropping control characters (a paste may carry
 * them) and, in a single-line field, turning line breaks into spaces. */
static void insert(tf *f, const char *s)
{
    delete_selection(f);
    strbuf clean;
    strbuf_init(&clean);
    for (const char *p = s; *p; p++) {
        unsigned char c = (unsigned char)*p;
        if (c == '\r')
            continue;
        if (c == '\n' && !f->multiline)
            c = ' ';
        if ((c < 0x20 && c != '\n' && c != '\t') || c == 0x7F)
            continue;
        strbuf_addc(&clean, (char)c);
    }
    size_t n = clean.len;
    f->truncated = f->text.len + n > TF_MAX;
    if (f->truncated) /* over the limit: keep what fits, on a character boundary */
        n = prev_cp(clean.s ? clean.s : "", TF_MAX - f->text.len + 1);
    if (n) {
        strbuf tail;
        strbuf_init(&tail);
        strbuf_add(&tail, f->text.s + f->cur, f->text.len - f->cur);
        f->text.len = f->cur;
        strbuf_add(&f->text, clean.s, n);
        strbuf_add(&f->text, tail.s ? tail.s : "", tail.len);
        strbuf_fini(&tail);
        f->cur = f->anchor = f->cur + n;
    }
    strbuf_fini(&clean);
}

static size_t line_start(const tf *f, size_t i)
{
    while (i > 0 && f->text.s[i - 1] != '\n')
        i--;
    return i;
}

static size_t line_end(const tf *f, size_t i)
{
    while (i < f->text.len && f->text.s[i] != '\n')
        i++;
    return i;
}

/* Move to the same character column on the line above or below. */
static size_t vertical(const tf *f, int dir)
{
    size_t ls = line_start(f, f->cur);
    size_t col = utf8_count(f->text.s + ls, f->cur - ls);
    size_t target;
    if (dir < 0) {
        if (ls == 0)
            return 0;
        target = line_start(f, ls - 1);
    } else {
        size_t le = line_end(f, f->cur);
        if (le >= f->text.len)
            return f->text.len;
        target = le + 1;
    }
    size_t end = line_end(f, target), i = target;
    while (col-- > 0 && i < end)
        i = next_cp(f->text.s, f->text.len, i);
    return i;
}

bool tf_action(tf *f, const ui_action *a, strbuf *clip)
{
    const char *s = tf_text(f);
    size_t n = f->text.len;
    size_t to = f->cur;
    switch (a->kind) {
    case ACT_TEXT:
        snapshot(f);
        strbuf_clear(&f->compose);
        insert(f, a->text);
        return true;
    case ACT_COMPOSE:
        strbuf_clear(&f->compose);
        strbuf_adds(&f->compose, a->text ? a->text : "");
        return false;
    case ACT_ERASE:
        if (f->compose.len)
            return false; /* the input method edits its own text */
        if (f->cur == f->anchor && f->cur == 0)
            return false;
        snapshot(f);
        if (!delete_selection(f)) {
            size_t p = prev_cp(s, f->cur);
            memmove(f->text.s + p, f->text.s + f->cur, n - f->cur + 1);
            f->text.len -= f->cur - p;
            f->cur = f->anchor = p;
        }
        return true;
    case ACT_SELECT:
        if (!f->multiline)
            return false;
        snapshot(f);
        insert(f, "\n");
        return true;
    case ACT_PREV: to = prev_cp(s, f->cur); break;
    case ACT_NEXT: to = next_cp(s, n, f->cur); break;
    case ACT_UP: to = f->multiline ? vertical(f, -1) : 0; break;
    case ACT_DOWN: to = f->multiline ? vertical(f, +1) : n; break;
    case ACT_FIRST: to = line_start(f, f->cur); break;
    case ACT_LAST: to = line_end(f, f->cur); break;
    case ACT_SELECT_ALL:
        f->anchor = 0;
        f->cur = n;
        return false;
    case ACT_COPY:
    case ACT_CUT:
        if (f->cur != f->anchor) {
            size_t x = MG_MIN(f->cur, f->anchor), y = MG_MAX(f->cur, f->anchor);
            char *sel = xstrndup(s + x, y - x);
            /* The system clipboard when there is one (a window); always our own too. */
            SDL_SetClipboardText(sel);
            strbuf_clear(clip);
            strbuf_adds(clip, sel);
            free(sel);
            if (a->kind == ACT_CUT) {
                snapshot(f);
                delete_selection(f);
                return true;
            }
        }
        return false;
    case ACT_PASTE: {
        char *sys = SDL_HasClipboardText() ? SDL_GetClipboardText() : NULL;
        const char *text = sys && *sys ? sys : clip->s ? clip->s : "";
        bool changed = *text != '\0';
        if (changed) {
            snapshot(f);
            insert(f, text);
        }
        SDL_free(sys);
        return changed;
    }
    case ACT_UNDO:
        if (!f->nundo)
            return false;
        f->nundo--;
        set_text(f, f->undo[f->nundo], f->undo_cur[f->nundo]);
        free(f->undo[f->nundo]);
        return true;
    default: return false;
    }
    f->cur = to;
    if (!a->shift)
        f->anchor = to;
    return false;
}

/* The text as drawn, the composition spliced in at the cursor, laid out
 * for width w: from the cache while the text, the composition, the
 * cursor, the width and the size are what they were. */
static const lay_result *laid_out(tf *f, ui_app *app, int w, int size)
{
    strbuf all;
    strbuf_init(&all);
    strbuf_add(&all, tf_text(f), f->cur);
    size_t cstart = all.len;
    strbuf_add(&all, f->compose.s ? f->compose.s : "", f->compose.len);
    size_t cend = all.len;
    strbuf_add(&all, tf_text(f) + f->cur, f->text.len - f->cur);
    if (f->cache.valid && f->cache.w == w && f->cache.size == size && f->cache.cstart == cstart &&
        f->cache.cend == cend && f->cache.src.len == all.len &&
        memcmp(f->cache.src.s, all.s ? all.s : "", all.len) == 0) {
        strbuf_fini(&all);
        return &f->cache.lay;
    }
    strbuf_fini(&f->cache.src);
    f->cache.src = all;
    if (!f->cache.src.s)
        strbuf_adds(&f->cache.src, "");
    const char *t = f->cache.src.s;
    doc_span sp[3] = {
        {.kind = DOC_SPAN_TEXT, .text = t, .len = cstart},
        {.kind = DOC_SPAN_TEXT, .style = DOC_S_LINK, .text = t + cstart, .len = cend - cstart},
        {.kind = DOC_SPAN_TEXT, .text = t + cend, .len = all.len - cend},
    };
    lay_fini(&f->cache.lay);
    lay_init(&f->cache.lay);
    f->cache.h = lay_spans(&f->cache.lay, &app->lay, sp, 3, 0, 0, w, size, 0, LAY_C_TEXT,
                           DOC_ALIGN_LEFT, 1.4f);
    f->cache.w = w;
    f->cache.size = size;
    f->cache.cstart = cstart;
    f->cache.cend = cend;
    f->cache.valid = true;
    return &f->cache.lay;
}

/* The height of one line of the field's text (a text of line breaks only
 * has no item to take it from). */
static int line_h(ui_app *app, int size)
{
    lay_result l;
    lay_init(&l);
    doc_span sp = {.kind = DOC_SPAN_TEXT, .text = "x", .len = 1};
    int h = lay_spans(&l, &app->lay, &sp, 1, 0, 0, 1000, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT, 1.4f);
    lay_fini(&l);
    return h;
}

/* Where byte i of the laid-out text (src coordinates) is, from the items'
 * source offsets: on the item that holds it, measured from the item's
 * start; past a line break, at the start of the line it opens.  A byte at
 * the boundary of two items belongs to the first (the caret stays at the
 * end of a wrapped line rather than jumping to the next). */
static void caret_xy(tf *f, ui_app *app, const lay_result *l, size_t i, int size, int *x, int *y)
{
    const char *src = f->cache.src.s;
    const lay_item *prev = NULL; /* the last text item ending before i */
    for (size_t k = 0; k < l->n; k++) {
        const lay_item *it = &l->items[k];
        if (it->kind != LAY_TEXT)
            continue;
        if (it->src <= i && i <= it->src + it->len) {
            /* At the item's end, its own width (exactly where the next one
             * starts); inside, the width of the part before i. */
            *x = it->x + (i == it->src + it->len ? it->w
                                                  : txt_width(app->txt, src + it->src,
                                                              i - it->src, size, it->style));
            *y = it->y;
            return;
        }
        if (it->src + it->len < i)
            prev = it;
    }
    /* Not inside any item: after line breaks (or trimmed) that follow prev. */
    size_t from = prev ? prev->src + prev->len : 0, breaks = 0;
    for (size_t k = from; k < i; k++)
        breaks += src[k] == '\n';
    if (!breaks && prev) {
        *x = prev->x + prev->w;
        *y = prev->y;
        return;
    }
    int lh = prev ? prev->h : line_h(app, size);
    *x = 0;
    *y = (prev ? prev->y : 0) + (int)breaks * lh;
}

void tf_caret_at(tf *f, ui_app *app, size_t i, int w, int size, int *x, int *y)
{
    const lay_result *l = laid_out(f, app, w, size);
    size_t at = i <= f->cur ? i : i + f->compose.len;
    caret_xy(f, app, l, at, size, x, y);
}

int tf_measure(tf *f, ui_app *app, int w, int size)
{
    laid_out(f, app, w, size);
    return f->cache.h;
}

int tf_draw(tf *f, ui_app *app, SDL_Rect r, int size, bool focus)
{
    const ui_theme *t = &app->theme;
    const lay_result *l = laid_out(f, app, r.w, size);
    int h = f->cache.h;
    if (h < size * 14 / 10)
        h = size * 14 / 10;
    /* The selection, where it is on one line. */
    if (f->cur != f->anchor) {
        int x0, y0, x1, y1;
        tf_caret_at(f, app, MG_MIN(f->cur, f->anchor), r.w, size, &x0, &y0);
        tf_caret_at(f, app, MG_MAX(f->cur, f->anchor), r.w, size, &x1, &y1);
        SDL_Color sel = ui_color(PAL_SELECTION);
        if (y0 == y1)
            ui_fill(app, sel, r.x + x0, r.y + y0, x1 - x0, size * 14 / 10);
        else {
            ui_fill(app, sel, r.x + x0, r.y + y0, r.w - x0, size * 14 / 10);
            ui_fill(app, sel, r.x, r.y + y0 + size * 14 / 10, r.w, y1 - y0 - size * 14 / 10);
            ui_fill(app, sel, r.x, r.y + y1, x1, size * 14 / 10);
        }
    }
    ui_paint(app, l, r.x, r.y, NULL); /* the composition: link style, underlined */
    if (focus) {
        int cx, cy;
        tf_caret_at(f, app, f->cur, r.w, size, &cx, &cy);
        if (f->compose.len)
            cx += txt_width(app->txt, f->compose.s, f->compose.len, size, 0);
        ui_fill(app, t->text, r.x + cx + 1, r.y + cy + size / 8, 2, size * 12 / 10);
        SDL_Rect ir = {r.x + cx, r.y + cy, size, size * 14 / 10};
        SDL_SetTextInputRect(&ir); /* the candidate window goes at the caret */
    }
    return h;
}
