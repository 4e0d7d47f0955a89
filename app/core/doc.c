/*
 * doc.c - Markdown into the document model through md4c's callbacks.
 *
 * md4c does not report line numbers, but the text it hands to the `text`
 * callback points into our buffer for ordinary text, so a block's line is
 * found from the address of its first text (binary search over the line
 * starts).  Blocks without text (rules) inherit the last line seen.
 */
#include "doc.h"

#include <errno.h>
#include <md4c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

typedef struct span_rec {
    doc_span_kind kind;
    unsigned style;
    size_t off, len; /* into builder.text */
    const char *href;
    int line;
} span_rec;

typedef struct builder {
    doc_t *doc;
    diag_list *diags;
    const char *body;
    size_t body_len;
    int body_line;
    size_t *nl; /* offsets of '\n' in body */
    size_t nnl;
    int last_line;

    doc_block *stack[64];
    bool implicit[64]; /* stack entry is an implicit paragraph in a tight item */
    int depth;
    int overflow; /* nesting deeper than the stack: flattened */

    /* inline content of the innermost leaf block */
    strbuf text;
    span_rec *spans;
    size_t nspans, cap;

    unsigned style_count[5];
    const char *link_href[16];
    int link_depth;
    int in_image;         /* > 0 inside ![alt](src): text goes to the alt */
    size_t image_span;    /* index of the image span being filled */
    bool in_thead;
} builder;

static int line_of(builder *b, const char *p)
{
    if (p < b->body || p > b->body + b->body_len)
        return b->last_line;
    size_t off = (size_t)(p - b->body);
    size_t lo = 0, hi = b->nnl;
    while (lo < hi) { /* count newlines before off */
        size_t mid = (lo + hi) / 2;
        if (b->nl[mid] < off)
            lo = mid + 1;
        else
            hi = mid;
    }
    return b->body_line + (int)lo;
}

/* md4c passes no text for a thematic break: find its line in the source,
 * the first line after the last text seen that is made of 3+ '-', '*' or
 * '_' (with optional spaces).  Decks need this line for their messages. */
static int rule_line(builder *b)
{
    int line = b->last_line + 1;
    size_t idx = (size_t)(line - b->body_line); /* line index within the body */
    for (; idx <= b->nnl; idx++, line++) {
        size_t s = idx == 0 ? 0 : b->nl[idx - 1] + 1;
        size_t e = idx < b->nnl ? b->nl[idx] : b->body_len;
        char mark = 0;
        int count = 0;
        bool ok = true;
        for (size_t i = s; i < e && ok; i++) {
            char c = b->body[i];
            if (c == ' ' || c == '\t' || c == '\r')
                continue;
            if (!mark && (c == '-' || c == '*' || c == '_'))
                mark = c;
            if (c == mark)
                count++;
            else
                ok = false;
        }
        if (ok && count >= 3)
            return line;
    }
    return b->last_line + 1;
}

static unsigned cur_style(builder *b)
{
    unsigned s = 0;
    for (int i = 0; i < 5; i++)
        if (b->style_count[i])
            s |= 1u << i;
    return s;
}

static doc_block *top(builder *b)
{
    return b->depth ? b->stack[b->depth - 1] : b->doc->root;
}

static doc_block *new_block(builder *b, doc_kind kind)
{
    doc_block *blk = arena_alloc(&b->doc->mem, sizeof *blk);
    blk->kind = kind;
    blk->line = 0;
    doc_block *parent = top(b);
    blk->parent = parent;
    if (parent->last)
        parent->last->next = blk;
    else
        parent->first = blk;
    parent->last = blk;
    parent->nkids++;
    return blk;
}

static void flush_spans(builder *b, doc_block *blk)
{
    if (b->nspans == 0)
        return;
    char *text = arena_strndup(&b->doc->mem, b->text.s ? b->text.s : "", b->text.len);
    blk->spans = arena_alloc(&b->doc->mem, b->nspans * sizeof(doc_span));
    for (size_t i = 0; i < b->nspans; i++) {
        span_rec *r = &b->spans[i];
        doc_span *s = &blk->spans[i];
        s->kind = r->kind;
        s->style = r->style;
        s->text = text + r->off;
        s->len = r->len;
        s->href = r->href;
        if (r->kind == DOC_SPAN_IMAGE && r->href) {
            if (strstr(r->href, "://") || strncmp(r->href, "data:", 5) == 0)
                s->path = NULL;
            else if (b->doc->dir) {
                char *p = path_join(b->doc->dir, r->href);
                s->path = arena_strdup(&b->doc->mem, p);
                free(p);
            } else
                s->path = r->href;
        }
    }
    blk->nspans = b->nspans;
    b->nspans = 0;
    b->text.len = 0;
}

static bool is_leaf(doc_kind k)
{
    return k == DOC_PARA || k == DOC_HEADING || k == DOC_CELL || k == DOC_CODE || k == DOC_HTML;
}

/* A paragraph made only of one image (and blanks) is a block image. */
static void maybe_block_image(doc_block *blk)
{
    size_t images = 0, other = 0;
    for (size_t i = 0; i < blk->nspans; i++) {
        const doc_span *s = &blk->spans[i];
        if (s->kind == DOC_SPAN_IMAGE)
            images++;
        else if (s->kind == DOC_SPAN_TEXT) {
            for (size_t k = 0; k < s->len; k++)
                if (s->text[k] != ' ' && s->text[k] != '\t')
                    other++;
        } else if (s->kind != DOC_SPAN_SOFTBREAK)
            other++;
    }
    if (images == 1 && other == 0) {
        for (size_t i = 0; i < blk->nspans; i++)
            if (blk->spans[i].kind == DOC_SPAN_IMAGE) {
                blk->spans[0] = blk->spans[i];
                break;
            }
        blk->nspans = 1;
        blk->kind = DOC_IMAGE;
    }
}

static void pop(builder *b)
{
    doc_block *blk = b->stack[b->depth - 1];
    if (is_leaf(blk->kind)) {
        flush_spans(b, blk);
        if ((blk->kind == DOC_CODE || blk->kind == DOC_HTML) && blk->nspans == 1) {
            /* md4c hands over the final newline of a code block: drop it. */
            doc_span *s = &blk->spans[0];
            while (s->len && s->text[s->len - 1] == '\n')
                s->len--;
        }
        if (blk->kind == DOC_PARA)
            maybe_block_image(blk);
    }
    if (!blk->line)
        blk->line = blk->first ? blk->first->line : b->last_line;
    b->depth--;
}

static void push(builder *b, doc_block *blk, bool implicit)
{
    b->stack[b->depth] = blk;
    b->implicit[b->depth] = implicit;
    b->depth++;
}

/* Close an implicit paragraph before a nested block opens inside an item. */
static void close_implicit(builder *b)
{
    if (b->depth && b->implicit[b->depth - 1])
        pop(b);
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    builder *b = ud;
    if (type == MD_BLOCK_DOC)
        return 0;
    if (type == MD_BLOCK_THEAD) {
        b->in_thead = true;
        return 0;
    }
    if (type == MD_BLOCK_TBODY)
        return 0;
    close_implicit(b);
    if (b->depth >= (int)MG_ARRAY_LEN(b->stack) - 2) {
        b->overflow++;
        return 0;
    }
    doc_kind kind;
    switch (type) {
    case MD_BLOCK_QUOTE: kind = DOC_QUOTE; break;
    case MD_BLOCK_UL:
    case MD_BLOCK_OL: kind = DOC_LIST; break;
    case MD_BLOCK_LI: kind = DOC_ITEM; break;
    case MD_BLOCK_HR: kind = DOC_RULE; break;
    case MD_BLOCK_H: kind = DOC_HEADING; break;
    case MD_BLOCK_CODE: kind = DOC_CODE; break;
    case MD_BLOCK_HTML: kind = DOC_HTML; break;
    case MD_BLOCK_TABLE: kind = DOC_TABLE; break;
    case MD_BLOCK_TR: kind = DOC_ROW; break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: kind = DOC_CELL; break;
    case MD_BLOCK_P:
    default: kind = DOC_PARA; break;
    }
    doc_block *blk = new_block(b, kind);
    switch (type) {
    case MD_BLOCK_UL:
        blk->tight = ((MD_BLOCK_UL_DETAIL *)detail)->is_tight;
        blk->mark = (char)((MD_BLOCK_UL_DETAIL *)detail)->mark;
        break;
    case MD_BLOCK_OL:
        blk->ordered = true;
        blk->start = ((MD_BLOCK_OL_DETAIL *)detail)->start;
        blk->tight = ((MD_BLOCK_OL_DETAIL *)detail)->is_tight;
        blk->mark = (char)((MD_BLOCK_OL_DETAIL *)detail)->mark_delimiter;
        break;
    case MD_BLOCK_H:
        blk->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
        break;
    case MD_BLOCK_TR:
        blk->head = b->in_thead;
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD: {
        MD_ALIGN a = ((MD_BLOCK_TD_DETAIL *)detail)->align;
        blk->head = type == MD_BLOCK_TH;
        blk->align = a == MD_ALIGN_LEFT     ? DOC_ALIGN_LEFT
                     : a == MD_ALIGN_CENTER ? DOC_ALIGN_CENTER
                     : a == MD_ALIGN_RIGHT  ? DOC_ALIGN_RIGHT
                                            : DOC_ALIGN_DEFAULT;
        break;
    }
    default:
        break;
    }
    push(b, blk, false);
    if (type == MD_BLOCK_HR) {
        blk->line = rule_line(b);
        b->last_line = blk->line;
        pop(b);
    }
    return 0;
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *ud)
{
    (void)detail;
    builder *b = ud;
    if (type == MD_BLOCK_DOC || type == MD_BLOCK_TBODY || type == MD_BLOCK_HR)
        return 0;
    if (type == MD_BLOCK_THEAD) {
        b->in_thead = false;
        return 0;
    }
    close_implicit(b);
    if (b->overflow) {
        b->overflow--;
        return 0;
    }
    if (b->depth)
        pop(b);
    return 0;
}

static const char *attr_dup(builder *b, const MD_ATTRIBUTE *a)
{
    return arena_strndup(&b->doc->mem, a->text ? a->text : "", a->size);
}

static void add_span(builder *b, doc_span_kind kind, const char *text, size_t len, int line)
{
    /* Merge with the previous span when nothing distinguishes them. */
    unsigned style = cur_style(b);
    int ld = MG_MIN(b->link_depth, (int)MG_ARRAY_LEN(b->link_href));
    const char *href = ld > 0 ? b->link_href[ld - 1] : NULL;
    if (kind == DOC_SPAN_TEXT && b->nspans) {
        span_rec *p = &b->spans[b->nspans - 1];
        if (p->kind == DOC_SPAN_TEXT && p->style == style && p->href == href &&
            p->off + p->len == b->text.len) {
            strbuf_add(&b->text, text, len);
            p->len += len;
            return;
        }
    }
    vec_reserve((void **)&b->spans, &b->cap, b->nspans + 1, sizeof(span_rec));
    b->spans[b->nspans++] = (span_rec){
        .kind = kind, .style = style, .off = b->text.len, .len = len, .href = href, .line = line};
    strbuf_add(&b->text, text, len);
}

/* Open the leaf that inline content goes to, for tight list items. */
static void ensure_leaf(builder *b)
{
    doc_block *t = top(b);
    if (b->depth && is_leaf(t->kind))
        return;
    if (b->depth >= (int)MG_ARRAY_LEN(b->stack) - 2)
        return;
    push(b, new_block(b, DOC_PARA), true);
}

static int enter_span(MD_SPANTYPE type, void *detail, void *ud)
{
    builder *b = ud;
    if (b->in_image) {
        b->in_image++;
        return 0;
    }
    switch (type) {
    case MD_SPAN_STRONG: b->style_count[0]++; break;
    case MD_SPAN_EM: b->style_count[1]++; break;
    case MD_SPAN_CODE: b->style_count[2]++; break;
    case MD_SPAN_DEL: b->style_count[4]++; break;
    case MD_SPAN_A:
        b->style_count[3]++;
        if (b->link_depth < (int)MG_ARRAY_LEN(b->link_href))
            b->link_href[b->link_depth] = attr_dup(b, &((MD_SPAN_A_DETAIL *)detail)->href);
        b->link_depth++;
        break;
    case MD_SPAN_IMG: {
        ensure_leaf(b);
        const MD_ATTRIBUTE *src = &((MD_SPAN_IMG_DETAIL *)detail)->src;
        int line = line_of(b, src->text);
        doc_block *t = top(b);
        if (!t->line)
            t->line = line;
        b->last_line = line;
        vec_reserve((void **)&b->spans, &b->cap, b->nspans + 1, sizeof(span_rec));
        b->image_span = b->nspans;
        b->spans[b->nspans++] = (span_rec){.kind = DOC_SPAN_IMAGE,
                                           .style = cur_style(b),
                                           .off = b->text.len,
                                           .len = 0,
                                           .href = attr_dup(b, src),
                                           .line = line};
        b->in_image = 1;
        break;
    }
    default:
        break;
    }
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *ud)
{
    (void)detail;
    builder *b = ud;
    if (b->in_image) {
        b->in_image--;
        if (b->in_image || type != MD_SPAN_IMG)
            return 0;
        return 0;
    }
    /* Never below zero, even if the parser mis-nests (seen when fuzzing). */
    int k = type == MD_SPAN_STRONG ? 0
            : type == MD_SPAN_EM   ? 1
            : type == MD_SPAN_CODE ? 2
            : type == MD_SPAN_A    ? 3
            : type == MD_SPAN_DEL  ? 4
                                   : -1;
    if (k >= 0 && b->style_count[k])
        b->style_count[k]--;
    if (type == MD_SPAN_A && b->link_depth > 0)
        b->link_depth--;
    return 0;
}

/* Decode an entity such as &amp; or &#x3042; into UTF-8; 0 if unknown. */
static size_t decode_entity(const char *e, size_t n, char out[8])
{
    static const struct {
        const char *name, *utf8;
    } named[] = {
        {"&amp;", "&"},  {"&lt;", "<"},       {"&gt;", ">"},       {"&quot;", "\""},
        {"&apos;", "'"}, {"&nbsp;", "\xC2\xA0"}, {"&copy;", "\xC2\xA9"}, {"&yen;", "\xC2\xA5"},
    };
    for (size_t i = 0; i < MG_ARRAY_LEN(named); i++)
        if (strlen(named[i].name) == n && memcmp(named[i].name, e, n) == 0) {
            size_t k = strlen(named[i].utf8);
            memcpy(out, named[i].utf8, k + 1);
            return k;
        }
    if (n < 4 || e[1] != '#')
        return 0;
    unsigned long cp = 0;
    char tmp[16];
    snprintf(tmp, sizeof tmp, "%.*s", (int)MG_MIN(n - 3, 12), e + 2);
    char *end;
    if (tmp[0] == 'x' || tmp[0] == 'X')
        cp = strtoul(tmp + 1, &end, 16);
    else
        cp = strtoul(tmp, &end, 10);
    if (*end || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    size_t k = 0;
    if (cp < 0x80)
        out[k++] = (char)cp;
    else if (cp < 0x800) {
        out[k++] = (char)(0xC0 | (cp >> 6));
        out[k++] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[k++] = (char)(0xE0 | (cp >> 12));
        out[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[k++] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[k++] = (char)(0xF0 | (cp >> 18));
        out[k++] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[k++] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[k++] = (char)(0x80 | (cp & 0x3F));
    }
    out[k] = '\0';
    return k;
}

static int on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *ud)
{
    builder *b = ud;
    /* Defence in depth against parser bugs: text that starts in our buffer
     * never runs past its end. */
    if (text >= b->body && text <= b->body + b->body_len &&
        size > (MD_SIZE)(b->body + b->body_len - text))
        size = (MD_SIZE)(b->body + b->body_len - text);
    int line = line_of(b, text);
    if (type != MD_TEXT_BR && type != MD_TEXT_SOFTBR && type != MD_TEXT_NULLCHAR)
        b->last_line = line;
    if (b->in_image) {
        /* Alt text: plain, appended to the image span. */
        span_rec *r = &b->spans[b->image_span];
        if (type == MD_TEXT_SOFTBR || type == MD_TEXT_BR)
            strbuf_addc(&b->text, ' ');
        else
            strbuf_add(&b->text, text, size);
        r->len = b->text.len - r->off;
        return 0;
    }
    if (b->overflow && !b->depth)
        return 0;
    ensure_leaf(b);
    doc_block *t = top(b);
    if (!t->line && type != MD_TEXT_SOFTBR && type != MD_TEXT_BR)
        t->line = line;
    switch (type) {
    case MD_TEXT_BR: add_span(b, DOC_SPAN_BREAK, "", 0, line); break;
    case MD_TEXT_SOFTBR: add_span(b, DOC_SPAN_SOFTBREAK, "", 0, line); break;
    case MD_TEXT_NULLCHAR: add_span(b, DOC_SPAN_TEXT, "\xEF\xBF\xBD", 3, line); break;
    case MD_TEXT_ENTITY: {
        char out[8];
        size_t n = decode_entity(text, size, out);
        if (n)
            add_span(b, DOC_SPAN_TEXT, out, n, line);
        else
            add_span(b, DOC_SPAN_TEXT, text, size, line);
        break;
    }
    case MD_TEXT_HTML:
        if (t->kind == DOC_HTML)
            add_span(b, DOC_SPAN_TEXT, text, size, line);
        else
            add_span(b, DOC_SPAN_HTML, text, size, line);
        break;
    default: add_span(b, DOC_SPAN_TEXT, text, size, line); break;
    }
    return 0;
}

doc_t *doc_parse(const char *text, size_t len, const char *file, diag_list *d)
{
    doc_t *doc = xcalloc(1, sizeof *doc);
    arena_init(&doc->mem);
    fm_init(&doc->front);
    doc->file = arena_strdup(&doc->mem, file ? file : "-");
    if (file) {
        char *dir = path_dirname(file);
        doc->dir = arena_strdup(&doc->mem, dir);
        free(dir);
    }
    doc->root = arena_alloc(&doc->mem, sizeof(doc_block));
    doc->root->kind = DOC_ROOT;
    doc->root->line = 1;

    fm_parse(&doc->front, text, len, doc->file, d);

    builder b = {0};
    b.doc = doc;
    b.diags = d;
    /* md4c 0.4.8 (Debian 12) reads past the end of a buffer that is not
     * NUL-terminated (found by fuzzing: md_is_container_mark).  It always
     * gets a private copy with zero padding. */
    b.body_len = len - doc->front.body_offset;
    char *padded = xcalloc(b.body_len + 16, 1);
    memcpy(padded, text + doc->front.body_offset, b.body_len);
    b.body = padded;
    b.body_line = doc->front.body_line;
    b.last_line = b.body_line;
    strbuf_init(&b.text);
    size_t cap = 0;
    for (size_t i = 0; i < b.body_len; i++)
        if (b.body[i] == '\n') {
            vec_reserve((void **)&b.nl, &cap, b.nnl + 1, sizeof(size_t));
            b.nl[b.nnl++] = i;
        }

    /* Invalid UTF-8 is reported where it is and shown as U+FFFD by the
     * painters (utf8_next), so the rest of the file still reads. */
    size_t bad = utf8_invalid_at(b.body, b.body_len);
    if (bad < b.body_len) {
        size_t col = bad;
        while (col > 0 && b.body[col - 1] != '\n')
            col--;
        diag_error(d, doc->file, line_of(&b, b.body + bad), MSG_ERR_UTF8, (int)(bad - col) + 1);
    }

    MD_PARSER parser = {
        .abi_version = 0,
        /* No permissive autolinks: md4c 0.4.8 (Debian 12) mis-reports text
         * sizes with them on fuzzed input (md4c issue #173, reworked in 0.5),
         * and a kiosk has no use for bare URLs turned into links. */
        .flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH,
        .enter_block = enter_block,
        .leave_block = leave_block,
        .enter_span = enter_span,
        .leave_span = leave_span,
        .text = on_text,
    };
    if (md_parse(b.body, (MD_SIZE)b.body_len, &parser, &b) != 0)
        diag_error(d, doc->file, b.last_line, MSG_ERR_MD_PARSE);
    while (b.depth)
        pop(&b);
    strbuf_fini(&b.text);
    free(b.spans);
    free(b.nl);
    free(padded);
    return doc;
}

doc_t *doc_load(const char *path, diag_list *d)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        diag_error(d, path, 0, MSG_ERR_READ, strerror(errno));
        return NULL;
    }
    doc_t *doc = doc_parse(text, len, path, d);
    /* Spans were copied into the arena; the source text can go. */
    free(text);
    return doc;
}

void doc_free(doc_t *doc)
{
    if (!doc)
        return;
    free(doc->anchors);
    fm_fini(&doc->front);
    arena_fini(&doc->mem);
    free(doc);
}

doc_t *doc_new(const char *file)
{
    doc_t *doc = xcalloc(1, sizeof *doc);
    arena_init(&doc->mem);
    fm_init(&doc->front);
    doc->file = arena_strdup(&doc->mem, file ? file : "-");
    char *dir = path_dirname(doc->file);
    doc->dir = arena_strdup(&doc->mem, dir);
    free(dir);
    doc->root = arena_alloc(&doc->mem, sizeof(doc_block));
    doc->root->kind = DOC_ROOT;
    doc->root->line = 1;
    return doc;
}

doc_block *doc_append(doc_t *d, doc_block *parent, doc_kind kind, int line)
{
    if (!parent)
        parent = d->root;
    doc_block *b = arena_alloc(&d->mem, sizeof *b);
    b->kind = kind;
    b->line = line;
    b->parent = parent;
    if (parent->last)
        parent->last->next = b;
    else
        parent->first = b;
    parent->last = b;
    parent->nkids++;
    return b;
}

const char *doc_strdup(doc_t *d, const char *s)
{
    return s ? arena_strdup(&d->mem, s) : NULL;
}

void doc_set_spans(doc_t *d, doc_block *b, const doc_span *spans, size_t n)
{
    b->spans = n ? arena_alloc(&d->mem, n * sizeof(doc_span)) : NULL;
    b->nspans = n;
    for (size_t i = 0; i < n; i++) {
        doc_span *s = &b->spans[i];
        *s = spans[i];
        s->text = arena_strndup(&d->mem, spans[i].text ? spans[i].text : "", spans[i].len);
        s->href = doc_strdup(d, spans[i].href);
        s->path = doc_strdup(d, spans[i].path);
    }
}

void doc_add_anchor(doc_t *d, const char *id, int line)
{
    vec_reserve((void **)&d->anchors, &d->acap, d->nanchors + 1, sizeof(doc_anchor));
    d->anchors[d->nanchors++] = (doc_anchor){arena_strdup(&d->mem, id), line};
}

int doc_anchor_line(const doc_t *d, const char *id)
{
    for (size_t i = 0; i < d->nanchors; i++)
        if (strcmp(d->anchors[i].id, id) == 0)
            return d->anchors[i].line;
    return -1;
}

char *doc_block_text(const doc_block *b)
{
    strbuf s;
    strbuf_init(&s);
    for (size_t i = 0; i < b->nspans; i++) {
        const doc_span *sp = &b->spans[i];
        if (sp->kind == DOC_SPAN_TEXT || sp->kind == DOC_SPAN_IMAGE)
            strbuf_add(&s, sp->text, sp->len);
        else if (sp->kind == DOC_SPAN_SOFTBREAK || sp->kind == DOC_SPAN_BREAK)
            strbuf_addc(&s, ' ');
    }
    return strbuf_take(&s);
}

static const doc_block *find_heading(const doc_block *b, int level)
{
    for (const doc_block *k = b->first; k; k = k->next) {
        if (k->kind == DOC_HEADING && k->level == level)
            return k;
        const doc_block *r = find_heading(k, level);
        if (r)
            return r;
    }
    return NULL;
}

const doc_block *doc_find_heading(const doc_t *doc, int level)
{
    return find_heading(doc->root, level);
}

static void check_images(const doc_t *doc, const doc_block *b, diag_list *d)
{
    for (size_t i = 0; i < b->nspans; i++) {
        const doc_span *s = &b->spans[i];
        if (s->kind != DOC_SPAN_IMAGE)
            continue;
        struct stat st;
        if (!s->path)
            diag_error(d, doc->file, b->line, MSG_ERR_IMAGE_REMOTE, s->href);
        else if (stat(s->path, &st) != 0 || !S_ISREG(st.st_mode))
            diag_error(d, doc->file, b->line, MSG_ERR_IMAGE_MISSING, s->href);
    }
    for (const doc_block *k = b->first; k; k = k->next)
        check_images(doc, k, d);
}

void doc_check_images(const doc_t *doc, diag_list *d)
{
    check_images(doc, doc->root, d);
}

/* ---- table grids ---- */

typedef struct occ_row {
    unsigned char *used;
    int cap;
} occ_row;

static bool occ_get(const occ_row *o, int c)
{
    return c < o->cap && o->used[c];
}

static void occ_set(occ_row *o, int c)
{
    if (c >= o->cap) {
        int nc = MG_MAX(c + 1, o->cap * 2);
        o->used = xrealloc(o->used, (size_t)nc);
        memset(o->used + o->cap, 0, (size_t)(nc - o->cap));
        o->cap = nc;
    }
    o->used[c] = 1;
}

static int clamp_span(int v)
{
    return v < 1 ? 1 : v > DOC_MAX_SPAN ? DOC_MAX_SPAN : v;
}

void doc_grid_build(const doc_block *t, doc_grid *g)
{
    memset(g, 0, sizeof *g);
    for (const doc_block *r = t->first; r; r = r->next)
        g->nrows += r->kind == DOC_ROW;
    if (!g->nrows)
        return;
    occ_row *occ = xcalloc((size_t)g->nrows, sizeof *occ);
    g->row_cols = xcalloc((size_t)g->nrows, sizeof(int));
    size_t cap = 0;
    int ri = 0;
    bool heads = true;
    for (const doc_block *r = t->first; r; r = r->next) {
        if (r->kind != DOC_ROW)
            continue;
        if (heads && r->head)
            g->head_rows = ri + 1;
        else
            heads = false;
        int col = 0;
        for (const doc_block *cell = r->first; cell; cell = cell->next) {
            if (cell->kind != DOC_CELL)
                continue;
            while (occ_get(&occ[ri], col))
                col++;
            int ar = cell->rowspan == 0 ? 1 : clamp_span(cell->rowspan);
            int ac = clamp_span(cell->colspan);
            int rows = ar, cols = 1;
            if (rows > g->nrows - ri) {
                rows = g->nrows - ri;
                g->past_end++;
            }
            while (cols < ac && !occ_get(&occ[ri], col + cols))
                cols++;
            if (cols < ac)
                g->overlaps++;
            for (int y = ri; y < ri + rows; y++)
                for (int x = col; x < col + cols; x++)
                    occ_set(&occ[y], x);
            vec_reserve((void **)&g->cells, &cap, g->n + 1, sizeof *g->cells);
            g->cells[g->n++] = (doc_grid_cell){cell, ri, col, rows, cols, ar, ac};
            col += cols;
            g->ncols = MG_MAX(g->ncols, col);
        }
        ri++;
    }
    for (int y = 0; y < g->nrows; y++) {
        for (int x = 0; x < occ[y].cap; x++)
            g->row_cols[y] += occ[y].used[x];
        free(occ[y].used);
    }
    free(occ);
}

void doc_grid_fini(doc_grid *g)
{
    if (!g)
        return;
    free(g->cells);
    free(g->row_cols);
    memset(g, 0, sizeof *g);
}

/* More columns than this cannot be read at a kiosk's 800 px. */
#define MAX_READABLE_COLS 8

static void check_tables(const doc_t *doc, const doc_block *b, diag_list *d)
{
    if (b->kind == DOC_TABLE) {
        doc_grid g;
        doc_grid_build(b, &g);
        int ri = -1;
        for (size_t i = 0; i < g.n; i++) {
            const doc_grid_cell *c = &g.cells[i];
            if (c->rows < c->asked_rows)
                diag_error(d, doc->file, c->cell->line, MSG_ERR_TABLE_SPAN_PAST, c->asked_rows,
                           g.nrows - c->row);
            if (c->cols < c->asked_cols)
                diag_error(d, doc->file, c->cell->line, MSG_ERR_TABLE_OVERLAP, c->row + 1,
                           c->col + c->cols + 1);
            if (c->cell->rowspan > DOC_MAX_SPAN || c->cell->colspan > DOC_MAX_SPAN)
                diag_error(d, doc->file, c->cell->line, MSG_ERR_TABLE_SPAN_BIG,
                           MG_MAX(c->cell->rowspan, c->cell->colspan), DOC_MAX_SPAN);
            if (c->row != ri) { /* once a row, at its first cell */
                ri = c->row;
                if (g.row_cols[ri] != g.ncols)
                    diag_warn(d, doc->file, c->cell->line, MSG_WARN_TABLE_RAGGED, ri + 1,
                              g.row_cols[ri], g.ncols);
            }
        }
        if (g.ncols > MAX_READABLE_COLS)
            diag_warn(d, doc->file, b->line, MSG_WARN_TABLE_WIDE, g.ncols, MAX_READABLE_COLS);
        doc_grid_fini(&g);
    }
    for (const doc_block *k = b->first; k; k = k->next)
        check_tables(doc, k, d);
}

void doc_check_tables(const doc_t *doc, diag_list *d)
{
    check_tables(doc, doc->root, d);
}

static const char *kind_name(doc_kind k)
{
    static const char *const names[] = {
        [DOC_ROOT] = "root",   [DOC_PARA] = "para",   [DOC_HEADING] = "heading",
        [DOC_LIST] = "list",   [DOC_ITEM] = "item",   [DOC_QUOTE] = "quote",
        [DOC_CODE] = "code",   [DOC_TABLE] = "table", [DOC_ROW] = "row",
        [DOC_CELL] = "cell",   [DOC_RULE] = "rule",   [DOC_IMAGE] = "image",
        [DOC_HTML] = "html",
    };
    return names[k];
}

static void dump_spans(const doc_block *b, strbuf *out)
{
    for (size_t i = 0; i < b->nspans; i++) {
        const doc_span *s = &b->spans[i];
        const char *open = "", *close = "";
        switch (s->kind) {
        case DOC_SPAN_SOFTBREAK: strbuf_adds(out, "{sb}"); continue;
        case DOC_SPAN_BREAK: strbuf_adds(out, "{br}"); continue;
        case DOC_SPAN_HTML: strbuf_adds(out, "{html}"); continue;
        case DOC_SPAN_IMAGE:
            strbuf_printf(out, "![%.*s](%s)", (int)s->len, s->text, s->href);
            continue;
        default: break;
        }
        if (s->style & DOC_S_LINK)
            strbuf_adds(out, "[");
        if (s->style & DOC_S_BOLD)
            open = close = "**";
        if (s->style & DOC_S_ITALIC)
            strbuf_adds(out, "_");
        if (s->style & DOC_S_CODE)
            strbuf_adds(out, "`");
        strbuf_adds(out, open);
        strbuf_add(out, s->text, s->len);
        strbuf_adds(out, close);
        if (s->style & DOC_S_CODE)
            strbuf_adds(out, "`");
        if (s->style & DOC_S_ITALIC)
            strbuf_adds(out, "_");
        if (s->style & DOC_S_LINK)
            strbuf_printf(out, "](%s)", s->href ? s->href : "");
    }
}

static void dump_block(const doc_block *b, int depth, strbuf *out)
{
    for (int i = 0; i < depth; i++)
        strbuf_adds(out, "  ");
    strbuf_adds(out, kind_name(b->kind));
    if (b->kind == DOC_HEADING)
        strbuf_printf(out, " %d", b->level);
    if (b->kind == DOC_LIST)
        strbuf_printf(out, b->ordered ? " ordered start=%u" : " bullet", b->start);
    if (b->head)
        strbuf_adds(out, " head");
    if (b->kind == DOC_CELL && b->rowspan > 1)
        strbuf_printf(out, " rowspan=%d", b->rowspan);
    if (b->kind == DOC_CELL && b->colspan > 1)
        strbuf_printf(out, " colspan=%d", b->colspan);
    if (b->kind == DOC_CELL && b->align)
        strbuf_printf(out, " align=%s", b->align == DOC_ALIGN_LEFT     ? "left"
                                        : b->align == DOC_ALIGN_CENTER ? "center"
                                                                       : "right");
    strbuf_printf(out, " @%d", b->line);
    if (b->nspans) {
        strbuf_adds(out, ": ");
        dump_spans(b, out);
    }
    strbuf_addc(out, '\n');
    for (const doc_block *k = b->first; k; k = k->next)
        dump_block(k, depth + 1, out);
}

void doc_dump(const doc_t *doc, strbuf *out)
{
    for (const doc_block *k = doc->root->first; k; k = k->next)
        dump_block(k, 0, out);
}
