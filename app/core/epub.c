/*
 * epub.c - EPUB 3 into the document model (see epub.h).
 */
#include "epub.h"

#include <ctype.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/hash.h>
#include <libxml/tree.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "doc.h"
#include "guide.h"
#include "util.h"

#define MAX_ENTRY (64u << 20) /* a larger file in a book is refused (zip bombs) */
#define MAX_SPINE 2000         /* chapters read at most */
#define MAX_ITEMS 20000        /* manifest entries read at most */
#define MAX_DOCS (256u << 20)  /* bytes of XHTML read for one book, at most */

struct epub {
    zip_t *zip;
    char *path;
    size_t docs_read; /* bytes of content documents read so far (MAX_DOCS) */
    bool docs_full;   /* MAX_DOCS reached and reported */
};

static bool is(const xmlNode *n, const char *name)
{
    return n && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static char *prop(const xmlNode *n, const char *name)
{
    xmlChar *v = xmlGetProp((xmlNode *)n, (const xmlChar *)name);
    if (!v)
        return NULL;
    char *s = xstrdup((const char *)v);
    xmlFree(v);
    return s;
}

epub *epub_open(const char *path, diag_list *d)
{
    int err = 0;
    zip_t *z = zip_open(path, ZIP_RDONLY, &err);
    if (!z) {
        zip_error_t ze;
        zip_error_init_with_code(&ze, err);
        diag_error(d, path, 0, MSG_ERR_EPUB_ZIP, zip_error_strerror(&ze));
        zip_error_fini(&ze);
        return NULL;
    }
    epub *e = xcalloc(1, sizeof *e);
    e->zip = z;
    e->path = xstrdup(path);
    return e;
}

void epub_close(epub *e)
{
    if (!e)
        return;
    zip_discard(e->zip);
    free(e->path);
    free(e);
}

void *epub_read(epub *e, const char *inner, size_t *len)
{
    if (!e || !inner)
        return NULL;
    zip_stat_t st;
    zip_int64_t idx = zip_name_locate(e->zip, inner, 0);
    if (idx < 0 || zip_stat_index(e->zip, (zip_uint64_t)idx, 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE) || st.size > MAX_ENTRY)
        return NULL;
    zip_file_t *f = zip_fopen_index(e->zip, (zip_uint64_t)idx, 0);
    if (!f)
        return NULL;
    char *buf = xmalloc(st.size + 1);
    zip_int64_t got = zip_fread(f, buf, st.size);
    zip_fclose(f);
    if (got < 0 || (zip_uint64_t)got != st.size) {
        free(buf);
        return NULL;
    }
    buf[st.size] = '\0';
    if (len)
        *len = st.size;
    return buf;
}

long long epub_entry_size(epub *e, const char *inner)
{
    zip_stat_t st;
    zip_int64_t idx = e && inner ? zip_name_locate(e->zip, inner, 0) : -1;
    if (idx < 0 || zip_stat_index(e->zip, (zip_uint64_t)idx, 0, &st) != 0 ||
        !(st.valid & ZIP_STAT_SIZE))
        return -1;
    return st.size > (zip_uint64_t)INT64_MAX ? INT64_MAX : (long long)st.size;
}

static int hexval(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
}

char *epub_resolve(const char *base, const char *href)
{
    if (!href || !*href || href[0] == '/' || strstr(href, "://") || strncmp(href, "data:", 5) == 0 ||
        strncmp(href, "mailto:", 7) == 0)
        return NULL;
    /* Segments of the base's folder, then the href's (percent-decoded). */
    char *parts[256];
    int n = 0;
    strbuf all;
    strbuf_init(&all);
    const char *slash = base ? strrchr(base, '/') : NULL;
    if (slash)
        strbuf_add(&all, base, (size_t)(slash - base + 1));
    for (const char *p = href; *p && *p != '#'; p++) {
        if (*p == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
            strbuf_addc(&all, (char)(hexval(p[1]) * 16 + hexval(p[2])));
            p += 2;
        } else
            strbuf_addc(&all, *p);
    }
    char *s = strbuf_take(&all);
    char *save = NULL;
    bool bad = false;
    for (char *tok = strtok_r(s, "/", &save); tok; tok = strtok_r(NULL, "/", &save)) {
        if (strcmp(tok, ".") == 0)
            continue;
        if (strcmp(tok, "..") == 0) {
            if (n == 0) {
                bad = true; /* climbs out of the book */
                break;
            }
            n--;
            continue;
        }
        if (n == 256) {
            bad = true;
            break;
        }
        parts[n++] = tok;
    }
    char *out = NULL;
    if (!bad && n > 0) {
        strbuf o;
        strbuf_init(&o);
        for (int i = 0; i < n; i++) {
            if (i)
                strbuf_addc(&o, '/');
            strbuf_adds(&o, parts[i]);
        }
        out = strbuf_take(&o);
    }
    free(s);
    return out;
}

/* ---- XHTML into blocks ---- */

typedef struct span_rec {
    doc_span_kind kind;
    unsigned style;
    size_t off, len;
    const char *href, *path;
} span_rec;

typedef struct conv {
    epub *e;
    doc_t *doc;
    const char *inner; /* this document's path in the book */
    const char *label; /* "book.epub:inner" for messages */
    diag_list *d;
    strbuf text;
    span_rec *spans;
    size_t n, cap;
    unsigned style;
    const char *href;
    int line;      /* line of the paragraph being collected */
    int depth;     /* recursion guard */
    int base;      /* added to this file's lines (a chapter of several files) */
} conv;

static const char *const block_names[] = {
    "p", "div", "section", "article", "header", "footer", "main", "aside", "nav", "figure",
    "figcaption", "blockquote", "ul", "ol", "li", "table", "thead", "tbody", "tfoot", "tr",
    "td", "th", "pre", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "body", "center", "dl", "dt",
    "dd", "address", "caption"};

static bool is_block_name(const char *n)
{
    for (size_t i = 0; i < MG_ARRAY_LEN(block_names); i++)
        if (strcmp(n, block_names[i]) == 0)
            return true;
    return false;
}

static bool has_block_child(const xmlNode *n)
{
    for (const xmlNode *k = n->children; k; k = k->next)
        if (k->type == XML_ELEMENT_NODE &&
            (is_block_name((const char *)k->name) || has_block_child(k)))
            return true;
    return false;
}

static void add_rec(conv *c, doc_span_kind kind, const char *text, size_t len, const char *path)
{
    vec_reserve((void **)&c->spans, &c->cap, c->n + 1, sizeof(span_rec));
    c->spans[c->n++] = (span_rec){kind, c->style, c->text.len, len, c->href, path};
    strbuf_add(&c->text, text, len);
}

/* Text with white space collapsed; a run with a newline is a soft break,
 * which the layout turns into a space between Latin words only. */
static void add_text(conv *c, const char *s)
{
    while (*s) {
        if (isspace((unsigned char)*s)) {
            bool nl = false;
            while (*s && isspace((unsigned char)*s))
                nl |= *s++ == '\n';
            if (c->n == 0)
                continue; /* nothing yet: leading blanks go */
            span_rec *last = &c->spans[c->n - 1];
            if (last->kind == DOC_SPAN_SOFTBREAK || last->kind == DOC_SPAN_BREAK ||
                (last->kind == DOC_SPAN_TEXT && last->len && c->text.s[last->off + last->len - 1] == ' '))
                continue;
            if (nl)
                add_rec(c, DOC_SPAN_SOFTBREAK, "", 0, NULL);
            else
                add_rec(c, DOC_SPAN_TEXT, " ", 1, NULL);
            continue;
        }
        const char *e = s;
        while (*e && !isspace((unsigned char)*e))
            e++;
        add_rec(c, DOC_SPAN_TEXT, s, (size_t)(e - s), NULL);
        s = e;
    }
}

/* Put the collected inline content into block b (trailing blanks cut). */
static void set_spans(conv *c, doc_block *b)
{
    while (c->n && (c->spans[c->n - 1].kind == DOC_SPAN_SOFTBREAK ||
                    c->spans[c->n - 1].kind == DOC_SPAN_BREAK ||
                    (c->spans[c->n - 1].kind == DOC_SPAN_TEXT && c->spans[c->n - 1].len == 1 &&
                     c->text.s[c->spans[c->n - 1].off] == ' ')))
        c->n--;
    doc_span *sp = xcalloc(c->n ? c->n : 1, sizeof(doc_span));
    for (size_t i = 0; i < c->n; i++) {
        sp[i].kind = c->spans[i].kind;
        sp[i].style = c->spans[i].style;
        sp[i].text = c->text.s ? c->text.s + c->spans[i].off : "";
        sp[i].len = c->spans[i].len;
        sp[i].href = c->spans[i].href;
        sp[i].path = c->spans[i].path;
    }
    doc_set_spans(c->doc, b, sp, c->n);
    free(sp);
    /* One picture alone is a block image, as in Markdown. */
    if (b->kind == DOC_PARA && b->nspans == 1 && b->spans[0].kind == DOC_SPAN_IMAGE)
        b->kind = DOC_IMAGE;
    c->n = 0;
    c->text.len = 0;
}

static int line_of(const xmlNode *n)
{
    long l = xmlGetLineNo((xmlNode *)n);
    return l > 0 && l < 1 << 30 ? (int)l : 0;
}

/* The block line of a node: its file line past the file's base. */
static int bline(const conv *c, const xmlNode *n)
{
    int l = line_of(n);
    return l > 0 ? l + c->base : 0;
}

/* A pending paragraph becomes a block under parent. */
static void flush(conv *c, doc_block *parent)
{
    bool any = false;
    for (size_t i = 0; i < c->n && !any; i++)
        any = c->spans[i].kind == DOC_SPAN_IMAGE ||
              (c->spans[i].kind == DOC_SPAN_TEXT &&
               !(c->spans[i].len == 1 && c->text.s[c->spans[i].off] == ' '));
    if (any)
        set_spans(c, doc_append(c->doc, parent, DOC_PARA, c->line));
    c->n = 0;
    c->text.len = 0;
}

static void note_anchor(conv *c, const xmlNode *n)
{
    char *id = prop(n, "id");
    if (id && *id) {
        /* By id alone (a link inside the same file) and by file#id. */
        doc_add_anchor(c->doc, id, bline(c, n));
        strbuf k;
        strbuf_init(&k);
        strbuf_printf(&k, "%s#%s", c->inner, id);
        doc_add_anchor(c->doc, k.s, bline(c, n));
        strbuf_fini(&k);
    }
    free(id);
}

static void walk_inline(conv *c, const xmlNode *n);

static void inline_children(conv *c, const xmlNode *n)
{
    for (const xmlNode *k = n->children; k; k = k->next)
        walk_inline(c, k);
}

static void add_image(conv *c, const xmlNode *n)
{
    char *src = prop(n, "src"), *alt = prop(n, "alt");
    char *inner = src ? epub_resolve(c->inner, src) : NULL;
    const char *path = NULL;
    if (inner) {
        strbuf p;
        strbuf_init(&p);
        strbuf_printf(&p, "epub:%s", inner);
        path = doc_strdup(c->doc, p.s);
        strbuf_fini(&p);
    } else if (src) {
        diag_error(c->d, c->label, line_of(n), MSG_ERR_EPUB_PATH, src);
    }
    const char *a = alt ? alt : "";
    unsigned st = c->style;
    const char *h = c->href;
    c->href = doc_strdup(c->doc, src ? src : "");
    add_rec(c, DOC_SPAN_IMAGE, a, strlen(a), path);
    c->href = h;
    c->style = st;
    free(src);
    free(alt);
    free(inner);
}

static void walk_inline(conv *c, const xmlNode *n)
{
    if (c->depth > 200)
        return;
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content)
            add_text(c, (const char *)n->content);
        return;
    }
    if (n->type != XML_ELEMENT_NODE)
        return;
    const char *name = (const char *)n->name;
    note_anchor(c, n);
    c->depth++;
    unsigned saved = c->style;
    const char *href = c->href;
    if (!strcmp(name, "strong") || !strcmp(name, "b"))
        c->style |= DOC_S_BOLD;
    else if (!strcmp(name, "em") || !strcmp(name, "i"))
        c->style |= DOC_S_ITALIC;
    else if (!strcmp(name, "code") || !strcmp(name, "tt") || !strcmp(name, "kbd"))
        c->style |= DOC_S_CODE;
    else if (!strcmp(name, "s") || !strcmp(name, "del") || !strcmp(name, "strike"))
        c->style |= DOC_S_STRIKE;
    if (!strcmp(name, "br")) {
        add_rec(c, DOC_SPAN_BREAK, "", 0, NULL);
    } else if (!strcmp(name, "img") || !strcmp(name, "image")) {
        add_image(c, n);
    } else if (!strcmp(name, "a")) {
        char *h = prop(n, "href");
        /* A link into the book is kept as "/file#id", the file resolved
         * against the file the link is written in: a chapter joins
         * several files, which may lie in other folders, and ids such as
         * fn1 repeat in each ("#fn1" names this file's own; see
         * guide_resolve_link).  Other links stay as written. */
        char *in = h && *h && c->inner ? (*h == '#' ? xstrdup(c->inner) : epub_resolve(c->inner, h))
                                       : NULL;
        if (in) {
            const char *frag = strchr(h, '#');
            strbuf b;
            strbuf_init(&b);
            strbuf_printf(&b, "/%s%s", in, frag ? frag : "");
            c->href = doc_strdup(c->doc, b.s);
            c->style |= DOC_S_LINK;
            strbuf_fini(&b);
            free(in);
        } else if (h && *h) {
            c->href = doc_strdup(c->doc, h);
            c->style |= DOC_S_LINK;
        }
        free(h);
        inline_children(c, n);
    } else if (!strcmp(name, "ruby")) {
        /* Base text, then its reading in brackets: 鍵（かぎ）. */
        for (const xmlNode *k = n->children; k; k = k->next) {
            if (is(k, "rp"))
                continue;
            if (is(k, "rt")) {
                xmlChar *t = xmlNodeGetContent((xmlNode *)k);
                if (t && *t) {
                    add_rec(c, DOC_SPAN_TEXT, "\xEF\xBC\x88", 3, NULL); /* （ */
                    add_text(c, (const char *)t);
                    add_rec(c, DOC_SPAN_TEXT, "\xEF\xBC\x89", 3, NULL); /* ） */
                }
                xmlFree(t);
            } else
                walk_inline(c, k);
        }
    } else if (!strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "head") ||
               !strcmp(name, "rt") || !strcmp(name, "rp")) {
        /* not text */
    } else if (is_block_name(name)) {
        /* A block inside inline content (a <p> in a table cell): its own line. */
        if (c->n && c->spans[c->n - 1].kind != DOC_SPAN_BREAK)
            add_rec(c, DOC_SPAN_BREAK, "", 0, NULL);
        inline_children(c, n);
        if (c->n && c->spans[c->n - 1].kind != DOC_SPAN_BREAK)
            add_rec(c, DOC_SPAN_BREAK, "", 0, NULL);
    } else {
        inline_children(c, n); /* span, font, small, sup, unknown: keep the text */
    }
    c->style = saved;
    c->href = href;
    c->depth--;
}

static void walk_blocks(conv *c, const xmlNode *first, doc_block *parent);

/* rowspan or colspan of a cell: 0 when absent or not a number, as written
 * otherwise (the grid cuts it; check reports what was cut). */
static int span_attr(const xmlNode *cell, const char *name)
{
    char *v = prop(cell, name);
    char *end = NULL;
    long n = v ? strtol(v, &end, 10) : 0;
    int r = v && end != v && n > 0 ? (int)MG_MIN(n, 100000L) : 0;
    free(v);
    return r;
}

/* A cell holding a heading, a list or a table keeps them as blocks;
 * paragraphs alone stay lines of one cell text. */
static bool has_structure(const xmlNode *n)
{
    for (const xmlNode *k = n->children; k; k = k->next) {
        if (k->type != XML_ELEMENT_NODE)
            continue;
        const char *name = (const char *)k->name;
        if ((name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) ||
            !strcmp(name, "ul") || !strcmp(name, "ol") || !strcmp(name, "table") ||
            has_structure(k))
            return true;
    }
    return false;
}

/* A block element under parent. */
static void walk_block(conv *c, const xmlNode *n, doc_block *parent)
{
    const char *name = (const char *)n->name;
    int line = bline(c, n);
    note_anchor(c, n);
    if (name[0] == 'h' && name[1] >= '1' && name[1] <= '6' && !name[2]) {
        doc_block *b = doc_append(c->doc, parent, DOC_HEADING, line);
        b->level = name[1] - '0';
        inline_children(c, n);
        set_spans(c, b);
    } else if (!strcmp(name, "p") || !strcmp(name, "dt") || !strcmp(name, "caption") ||
               !strcmp(name, "figcaption") || !strcmp(name, "address")) {
        if (has_block_child(n)) { /* invalid but seen: <p><div>..</div></p> */
            walk_blocks(c, n->children, parent);
            return;
        }
        doc_block *b = doc_append(c->doc, parent, DOC_PARA, line);
        inline_children(c, n);
        set_spans(c, b);
        if (b->nspans == 0)
            b->kind = DOC_HTML; /* empty: not shown */
    } else if (!strcmp(name, "blockquote") || !strcmp(name, "aside") || !strcmp(name, "dd")) {
        walk_blocks(c, n->children, doc_append(c->doc, parent, DOC_QUOTE, line));
    } else if (!strcmp(name, "ul") || !strcmp(name, "ol")) {
        doc_block *l = doc_append(c->doc, parent, DOC_LIST, line);
        l->ordered = name[0] == 'o';
        char *start = prop(n, "start");
        l->start = start ? (unsigned)atoi(start) : 1;
        free(start);
        for (const xmlNode *k = n->children; k; k = k->next)
            if (k->type == XML_ELEMENT_NODE)
                walk_blocks(c, k->children, doc_append(c->doc, l, DOC_ITEM, bline(c, k)));
    } else if (!strcmp(name, "table")) {
        doc_block *t = doc_append(c->doc, parent, DOC_TABLE, line);
        /* Rows may sit in thead/tbody/tfoot or directly in the table. */
        const xmlNode *groups[2] = {n, NULL};
        for (const xmlNode *g = n->children; g; g = g->next) {
            bool head = is(g, "thead");
            if (!(is(g, "thead") || is(g, "tbody") || is(g, "tfoot") || is(g, "tr")))
                continue;
            const xmlNode *rows = is(g, "tr") ? g : g->children;
            for (const xmlNode *r = rows; r; r = is(g, "tr") ? NULL : r->next) {
                if (!is(r, "tr"))
                    continue;
                doc_block *row = doc_append(c->doc, t, DOC_ROW, bline(c, r));
                row->head = head;
                for (const xmlNode *cell = r->children; cell; cell = cell->next) {
                    if (!is(cell, "td") && !is(cell, "th"))
                        continue;
                    doc_block *cb = doc_append(c->doc, row, DOC_CELL, bline(c, cell));
                    cb->head = head || is(cell, "th");
                    cb->rowspan = span_attr(cell, "rowspan");
                    cb->colspan = span_attr(cell, "colspan");
                    if (has_structure(cell)) { /* headings and lists stay what they are */
                        walk_blocks(c, cell->children, cb);
                    } else {
                        inline_children(c, cell);
                        set_spans(c, cb);
                    }
                }
            }
        }
        (void)groups;
    } else if (!strcmp(name, "pre")) {
        doc_block *b = doc_append(c->doc, parent, DOC_CODE, line);
        xmlChar *t = xmlNodeGetContent((xmlNode *)n);
        doc_span sp = {.kind = DOC_SPAN_TEXT, .text = t ? (const char *)t : "",
                       .len = t ? strlen((const char *)t) : 0};
        doc_set_spans(c->doc, b, &sp, 1);
        xmlFree(t);
    } else if (!strcmp(name, "hr")) {
        doc_append(c->doc, parent, DOC_RULE, line);
    } else {
        /* div, section, body, figure and unknown containers: transparent. */
        walk_blocks(c, n->children, parent);
    }
}

static void walk_blocks(conv *c, const xmlNode *first, doc_block *parent)
{
    if (++c->depth > 200) { /* pathological nesting: stop, keep what we have */
        c->depth--;
        return;
    }
    for (const xmlNode *n = first; n; n = n->next) {
        if (n->type == XML_ELEMENT_NODE) {
            const char *name = (const char *)n->name;
            if (!strcmp(name, "script") || !strcmp(name, "style") || !strcmp(name, "head"))
                continue;
            if (is_block_name(name) || has_block_child(n)) {
                flush(c, parent);
                walk_block(c, n, parent);
                continue;
            }
        }
        if (c->n == 0)
            c->line = bline(c, n) ? bline(c, n) : c->line;
        walk_inline(c, n);
    }
    flush(c, parent);
    c->depth--;
}

/* True when a DTD of x declares an entity (general or parameter). */
static bool declares_entities(const xmlDoc *x)
{
    const xmlDtd *dtds[2] = {x->intSubset, x->extSubset};
    for (int i = 0; i < 2; i++) {
        if (!dtds[i])
            continue;
        if ((dtds[i]->entities && xmlHashSize(dtds[i]->entities) > 0) ||
            (dtds[i]->pentities && xmlHashSize(dtds[i]->pentities) > 0))
            return true;
        for (const xmlNode *n = dtds[i]->children; n; n = n->next)
            if (n->type == XML_ENTITY_DECL)
                return true;
    }
    return false;
}

/*
 * Parse a document of the book: XML, else (reported by the caller through
 * *recovered) libxml2's recovering HTML parser.  Never the network, never
 * an external DTD or entity, never XInclude; and a document whose DTD
 * declares entities is refused outright (reported in d under label): an
 * entity of 200 KB referenced 20,000 times in a title is 1.6 KB of file and
 * 4 GB once xmlNodeGetContent expands it (billion laughs).
 */
static xmlDoc *parse_xml(const char *buf, size_t len, const char *url, bool *recovered,
                         diag_list *d, const char *label)
{
    *recovered = false;
    if (len > INT32_MAX)
        return NULL;
    xmlDoc *x = xmlReadMemory(buf, (int)len, url, NULL,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
    if (!x) {
        *recovered = true;
        x = htmlReadMemory(buf, (int)len, url, "UTF-8",
                           HTML_PARSE_RECOVER | HTML_PARSE_NONET | HTML_PARSE_NOERROR |
                               HTML_PARSE_NOWARNING);
    }
    if (x && declares_entities(x)) {
        diag_error(d, label, 0, MSG_ERR_EPUB_ENTITY);
        xmlFreeDoc(x);
        x = NULL;
        *recovered = false;
    }
    return x;
}

static xmlNode *find(xmlNode *n, const char *name)
{
    for (; n; n = n->next) {
        if (is(n, name))
            return n;
        xmlNode *r = find(n->children, name);
        if (r)
            return r;
    }
    return NULL;
}

/*
 * Read the content document inner into doc (new when *doc is NULL), its
 * lines past base.  Returns the number of lines the file has (the next
 * file's base is past them), or -1 when it cannot be read (reported).
 */
static int load_xhtml(epub *e, const char *inner, doc_t **doc, int base, diag_list *d)
{
    strbuf label;
    strbuf_init(&label);
    strbuf_printf(&label, "%s:%s", e->path, inner);
    size_t len;
    long long size = epub_entry_size(e, inner);
    if (size >= 0 && (e->docs_full || (unsigned long long)size > MAX_DOCS - e->docs_read)) {
        /* The book's documents, all together, have a ceiling too. */
        if (!e->docs_full)
            diag_error(d, label.s, 0, MSG_ERR_EPUB_TOO_BIG, (int)(MAX_DOCS >> 20), inner);
        e->docs_full = true;
        strbuf_fini(&label);
        return -1;
    }
    char *buf = epub_read(e, inner, &len);
    if (!buf) {
        diag_error(d, label.s, 0, MSG_ERR_EPUB_MISSING, inner);
        strbuf_fini(&label);
        return -1;
    }
    e->docs_read += len;
    /* Old Mac line ends (a lone CR) end a line too, as XML reads them:
     * made LF before parsing, so the parser's line numbers and this count
     * (which places the chapter's next file) agree; CRLF stays as it is. */
    int lines = 1;
    for (size_t i = 0; i < len; i++) {
        if (buf[i] == '\r' && (i + 1 == len || buf[i + 1] != '\n'))
            buf[i] = '\n';
        lines += buf[i] == '\n';
    }
    bool recovered;
    xmlDoc *x = parse_xml(buf, len, inner, &recovered, d, label.s);
    free(buf);
    if (recovered)
        diag_warn(d, label.s, 0, MSG_WARN_EPUB_HTML);
    if (!*doc)
        *doc = doc_new(label.s);
    doc_add_part(*doc, label.s, base);
    if (x) {
        conv c = {.e = e, .doc = *doc, .inner = inner, .label = label.s, .d = d, .base = base};
        strbuf_init(&c.text);
        xmlNode *body = find(xmlDocGetRootElement(x), "body");
        walk_blocks(&c, body ? body->children : xmlDocGetRootElement(x), NULL);
        strbuf_fini(&c.text);
        free(c.spans);
        xmlFreeDoc(x);
    }
    strbuf_fini(&label);
    return lines;
}

/* ---- package and navigation ---- */

typedef struct item {
    char *id, *href, *type, *props;
    bool used;   /* read already: a spine naming it again is reported */
    bool dup;    /* ...once */
} item;

/* An item's id and index, sorted by id for the spine's look-ups. */
typedef struct id_ref {
    const char *id;
    size_t i;
} id_ref;

static int cmp_id_ref(const void *a, const void *b)
{
    return strcmp(((const id_ref *)a)->id, ((const id_ref *)b)->id);
}

/* The item whose id is id, by binary search in by_id (sorted by id). */
static item *find_item(item *items, const id_ref *by_id, size_t n, const char *id)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(by_id[mid].id, id);
        if (c == 0)
            return &items[by_id[mid].i];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

#define MAX_TOC 10000 /* entries of the contents kept at most */

/* An entry of the navigation document as written, before the spine
 * documents are read: its level, label and target (file and fragment). */
typedef struct nav_ent {
    int level;
    char *title;
    char *inner; /* the file inside the book */
    char *frag;  /* after '#', or NULL */
} nav_ent;

typedef struct nav_list_t {
    nav_ent *v;
    size_t n, cap;
} nav_list_t;

static void toc_add(guide *g, int level, const char *title, int chapter, int line)
{
    if (g->ntoc >= MAX_TOC)
        return;
    g->toc = xrealloc(g->toc, (g->ntoc + 1) * sizeof(guide_toc));
    g->toc[g->ntoc++] = (guide_toc){level, xstrdup(title), chapter, line};
}

/* A label's text with its white space collapsed (heap). */
static char *collapse(const char *t)
{
    strbuf s;
    strbuf_init(&s);
    bool sp = false;
    for (const char *p = t ? t : ""; *p; p++) {
        if (isspace((unsigned char)*p))
            sp = s.len > 0;
        else {
            if (sp)
                strbuf_addc(&s, ' ');
            sp = false;
            strbuf_addc(&s, *p);
        }
    }
    return s.s ? strbuf_take(&s) : xstrdup("");
}

static void nav_list(nav_list_t *out, const xmlNode *ol, const char *nav_inner, int level)
{
    for (const xmlNode *li = ol ? ol->children : NULL; li; li = li->next) {
        if (!is(li, "li"))
            continue;
        const xmlNode *label = NULL, *sub = NULL;
        for (const xmlNode *k = li->children; k; k = k->next) {
            if (is(k, "a") || is(k, "span"))
                label = label ? label : k;
            if (is(k, "ol"))
                sub = k;
        }
        if (label && out->n < MAX_TOC) {
            xmlChar *t = xmlNodeGetContent((xmlNode *)label);
            char *href = prop(label, "href");
            char *inner = href ? epub_resolve(nav_inner, href) : NULL;
            const char *frag = href ? strchr(href, '#') : NULL;
            if (inner) {
                vec_reserve((void **)&out->v, &out->cap, out->n + 1, sizeof(nav_ent));
                out->v[out->n++] = (nav_ent){level, collapse((const char *)t), inner,
                                             frag && frag[1] ? xstrdup(frag + 1) : NULL};
            } else
                free(inner);
            xmlFree(t);
            free(href);
        }
        if (sub)
            nav_list(out, sub, nav_inner, level + 1);
    }
}

static void nav_free(nav_list_t *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->v[i].title);
        free(l->v[i].inner);
        free(l->v[i].frag);
    }
    free(l->v);
    memset(l, 0, sizeof *l);
}

static bool is_toc_nav(const xmlNode *n)
{
    if (!is(n, "nav"))
        return false;
    for (const xmlAttr *a = n->properties; a; a = a->next)
        if (strcmp((const char *)a->name, "type") == 0 && a->children &&
            strstr((const char *)a->children->content, "toc"))
            return true;
    return false;
}

static const xmlNode *find_toc_nav(const xmlNode *n)
{
    for (; n; n = n->next) {
        if (is_toc_nav(n))
            return n;
        const xmlNode *r = find_toc_nav(n->children);
        if (r)
            return r;
    }
    return NULL;
}

static bool read_nav(epub *e, nav_list_t *out, const char *inner, diag_list *d)
{
    size_t len;
    char *buf = epub_read(e, inner, &len);
    if (!buf)
        return false;
    bool recovered;
    strbuf label;
    strbuf_init(&label);
    strbuf_printf(&label, "%s:%s", e->path, inner);
    xmlDoc *x = parse_xml(buf, len, inner, &recovered, d, label.s);
    strbuf_fini(&label);
    free(buf);
    if (!x)
        return false;
    const xmlNode *nav = find_toc_nav(xmlDocGetRootElement(x));
    const xmlNode *ol = NULL;
    for (const xmlNode *k = nav ? nav->children : NULL; k && !ol; k = k->next)
        if (is(k, "ol"))
            ol = k;
    if (ol)
        nav_list(out, ol, inner, 1);
    xmlFreeDoc(x);
    return out->n > 0;
}

/* By path, then by spine index: the first of a file listed twice comes
 * first among its equals. */
static int cmp_path_ref(const void *a, const void *b)
{
    const id_ref *x = a, *y = b;
    int c = strcmp(x->id, y->id);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* The spine index of file inner, or -1: a binary search in by_path (the
 * spine's files sorted by cmp_path_ref), so a book of thousands of files
 * and contents entries costs n log n lookups, not n times n. */
static int spine_index(const id_ref *by_path, size_t ns, const char *inner)
{
    size_t lo = 0, hi = ns;
    while (lo < hi) { /* the first entry not below inner */
        size_t mid = lo + (hi - lo) / 2;
        if (strcmp(by_path[mid].id, inner) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < ns && strcmp(by_path[lo].id, inner) == 0 ? (int)by_path[lo].i : -1;
}

/* A chapter's title when the contents do not give one: its first heading
 * (never a file's path), else the book's title, else its number. */
static char *fallback_title(const guide *g, const doc_t *doc, const diag_list *d)
{
    for (int lv = 1; lv <= 6; lv++) {
        const doc_block *h = doc_find_heading(doc, lv);
        char *t = h ? doc_block_text(h) : NULL;
        if (t && *t)
            return t;
        free(t);
    }
    if (g->title && *g->title)
        return xstrdup(g->title);
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, msg_get(d ? d->lang : LANG_JA, MSG_CHAPTER_N), g->n + 1); /* counted from 1 */
    return strbuf_take(&b);
}

/*
 * The chapters: the contents' top entries start them, and each chapter
 * holds the spine's files from its start to the next one (a book of 113
 * files and 13 top entries has 13 chapters), read into one document.  The
 * top level is the shallowest that names at least two files (a contents
 * of one entry, the book, holding the chapters uses the level below).
 * Files before the first start open the first chapter; without contents,
 * every file is a chapter.  Then the TOC: each chapter, then the
 * deeper entries pointing into it, in the contents' order.
 */
static void group_chapters(epub *e, guide *g, const char *const *sp, size_t ns,
                           const nav_list_t *nav, diag_list *d)
{
    int *ent_sp = xcalloc(nav->n ? nav->n : 1, sizeof(int));
    id_ref *by_path = xmalloc((ns ? ns : 1) * sizeof *by_path);
    for (size_t i = 0; i < ns; i++)
        by_path[i] = (id_ref){sp[i], i};
    qsort(by_path, ns, sizeof *by_path, cmp_path_ref);
    int top = 0;
    for (int lv = 1; lv <= 8 && !top; lv++) {
        int first = -1, distinct = 0;
        for (size_t i = 0; i < nav->n; i++) {
            if (nav->v[i].level != lv)
                continue;
            int s = spine_index(by_path, ns, nav->v[i].inner);
            if (s >= 0 && s != first) {
                distinct += first < 0 || distinct < 2;
                first = first < 0 ? s : first;
            }
        }
        if (distinct >= 2)
            top = lv;
    }
    if (!top)
        top = 1;
    bool *starts = xcalloc(ns ? ns : 1, sizeof(bool));
    int *title_of = xmalloc((ns ? ns : 1) * sizeof(int)); /* the entry naming a start */
    for (size_t s = 0; s < ns; s++)
        title_of[s] = -1;
    for (size_t i = 0; i < nav->n; i++) {
        ent_sp[i] = spine_index(by_path, ns, nav->v[i].inner);
        if (ent_sp[i] >= 0 && nav->v[i].level == top && title_of[ent_sp[i]] < 0) {
            starts[ent_sp[i]] = true;
            title_of[ent_sp[i]] = (int)i;
        }
    }
    /* Files before the first top entry (a cover, a contents page the
     * contents do not list) open the first chapter: the contents' numbers
     * stay the chapters' numbers. */
    size_t first = 0;
    while (first < ns && !starts[first])
        first++;
    if (first < ns && first > 0) {
        starts[first] = false;
        title_of[0] = title_of[first];
    }
    if (ns)
        starts[0] = true;
    if (nav->n == 0)
        for (size_t s = 0; s < ns; s++)
            starts[s] = true;
    /* Read the files, each into the chapter it belongs to (cur, added to
     * g once its last file is read). */
    int *sp_ch = xmalloc((ns ? ns : 1) * sizeof(int)), *sp_line = xmalloc((ns ? ns : 1) * sizeof(int));
    size_t cap = 0, pcap = 0;
    guide_chapter cur = {0};
    int base = 0, title_ent = -1;
    for (size_t s = 0; s <= ns; s++) {
        if ((s == ns || starts[s]) && cur.doc) { /* the chapter so far is done */
            vec_reserve((void **)&g->ch, &cap, g->n + 1, sizeof(guide_chapter));
            cur.order = (int)g->n + 1;
            cur.title = title_ent >= 0 ? xstrdup(nav->v[title_ent].title) : fallback_title(g, cur.doc, d);
            g->ch[g->n++] = cur;
            memset(&cur, 0, sizeof cur);
            pcap = 0;
        }
        if (s == ns)
            break;
        if (starts[s]) {
            base = 0;
            title_ent = title_of[s];
        }
        int lines = load_xhtml(e, sp[s], &cur.doc, base, d);
        sp_ch[s] = lines < 0 ? -1 : (int)g->n;
        sp_line[s] = base + 1;
        if (lines < 0)
            continue;
        vec_reserve((void **)&cur.parts, &pcap, cur.nparts + 1, sizeof(guide_part));
        cur.parts[cur.nparts++] = (guide_part){xstrdup(sp[s]), base + 1};
        if (!cur.path)
            cur.path = xstrdup(sp[s]);
        base += lines + 1;
    }
    /* The contents, chapter by chapter. */
    for (size_t ci = 0; ci < g->n; ci++) {
        toc_add(g, 1, g->ch[ci].title, (int)ci, 0);
        for (size_t i = 0; i < nav->n; i++) {
            const nav_ent *n = &nav->v[i];
            int s = ent_sp[i];
            if (s < 0 || sp_ch[s] != (int)ci || n->level < top || (s >= 0 && title_of[s] == (int)i))
                continue;
            int line = 0;
            if (n->frag) {
                strbuf k;
                strbuf_init(&k);
                strbuf_printf(&k, "%s#%s", n->inner, n->frag);
                line = doc_anchor_line(g->ch[ci].doc, k.s);
                strbuf_fini(&k);
            }
            if (line <= 0)
                line = sp_line[s] > 1 ? sp_line[s] : 0;
            int level = n->level - top + 1;
            toc_add(g, level < 2 ? 2 : level, n->title, (int)ci, line);
        }
    }
    free(ent_sp);
    free(by_path);
    free(starts);
    free(title_of);
    free(sp_ch);
    free(sp_line);
}

/* The container's first entry must be "mimetype", saying application/epub+zip. */
static void check_mimetype(epub *e, diag_list *d)
{
    zip_stat_t st;
    bool ok = zip_stat_index(e->zip, 0, 0, &st) == 0 && (st.valid & ZIP_STAT_NAME) &&
              strcmp(st.name, "mimetype") == 0 && (st.valid & ZIP_STAT_SIZE) && st.size < 64;
    size_t len = 0;
    char *m = ok ? epub_read(e, "mimetype", &len) : NULL;
    while (m && len && isspace((unsigned char)m[len - 1]))
        len--;
    ok = m && len == 20 && memcmp(m, "application/epub+zip", 20) == 0;
    free(m);
    if (!ok)
        diag_error(d, e->path, 0, MSG_ERR_EPUB_MIMETYPE);
}

bool epub_load(epub *e, guide *g, diag_list *d)
{
    memset(g, 0, sizeof *g);
    check_mimetype(e, d);
    size_t len;
    char *buf = epub_read(e, "META-INF/container.xml", &len);
    xmlDoc *cx = NULL;
    bool recovered;
    char *opf = NULL;
    if (buf && (cx = parse_xml(buf, len, "container.xml", &recovered, d, e->path))) {
        xmlNode *rf = find(xmlDocGetRootElement(cx), "rootfile");
        char *full = rf ? prop(rf, "full-path") : NULL;
        opf = full ? epub_resolve(NULL, full) : NULL;
        free(full);
    }
    free(buf);
    if (cx)
        xmlFreeDoc(cx);
    if (!opf) {
        diag_error(d, e->path, 0, MSG_ERR_EPUB_CONTAINER);
        return false;
    }
    strbuf opf_label;
    strbuf_init(&opf_label);
    strbuf_printf(&opf_label, "%s:%s", e->path, opf);
    buf = epub_read(e, opf, &len);
    xmlDoc *px = buf ? parse_xml(buf, len, opf, &recovered, d, opf_label.s) : NULL;
    free(buf);
    if (!px) {
        if (!buf)
            diag_error(d, e->path, 0, MSG_ERR_EPUB_MISSING, opf);
        strbuf_fini(&opf_label);
        free(opf);
        return false;
    }
    xmlNode *root = xmlDocGetRootElement(px);
    xmlNode *title = find(root, "title");
    if (title) {
        xmlChar *t = xmlNodeGetContent(title);
        g->title = xstrdup(t ? (const char *)t : "");
        xmlFree(t);
    }
    /* The manifest: id -> href (inside the book; NULL for one outside it,
     * reported here, so a spine naming it is not reported again). */
    item *items = NULL;
    size_t ni = 0, icap = 0;
    xmlNode *manifest = find(root, "manifest");
    for (xmlNode *k = manifest ? manifest->children : NULL; k && ni < MAX_ITEMS; k = k->next) {
        if (!is(k, "item"))
            continue;
        char *href = prop(k, "href");
        char *inner = href ? epub_resolve(opf, href) : NULL;
        if (href && !inner)
            diag_error(d, opf_label.s, line_of(k), MSG_ERR_EPUB_PATH, href);
        free(href);
        char *id = prop(k, "id");
        if (!id) {
            free(inner);
            continue;
        }
        vec_reserve((void **)&items, &icap, ni + 1, sizeof(item));
        items[ni++] = (item){id, inner, prop(k, "media-type"), prop(k, "properties"), false, false};
    }
    /* The items by id, for the spine: a sorted index, so a long manifest
     * and a long spine cost n log n, not n times n. */
    id_ref *by_id = xmalloc((ni ? ni : 1) * sizeof *by_id);
    for (size_t i = 0; i < ni; i++)
        by_id[i] = (id_ref){items[i].id, i};
    qsort(by_id, ni, sizeof *by_id, cmp_id_ref);
    /* The spine, in reading order: each item once, MAX_SPINE at most. */
    xmlNode *spine = find(root, "spine");
    const char **sp = NULL; /* the spine's files (in items) */
    size_t ns = 0, scap = 0, nref = 0;
    for (xmlNode *k = spine ? spine->children : NULL; k; k = k->next) {
        if (!is(k, "itemref"))
            continue;
        if (++nref > MAX_SPINE) {
            diag_error(d, opf_label.s, line_of(k), MSG_ERR_EPUB_SPINE_LONG, MAX_SPINE);
            break;
        }
        char *idref = prop(k, "idref");
        item *it = idref ? find_item(items, by_id, ni, idref) : NULL;
        if (!it) {
            diag_error(d, opf_label.s, line_of(k), MSG_ERR_EPUB_IDREF, idref ? idref : "");
        } else if (it->used) {
            if (!it->dup)
                diag_error(d, opf_label.s, line_of(k), MSG_ERR_EPUB_SPINE_DUP, idref);
            it->dup = true;
        } else if (it->href) {
            it->used = true;
            vec_reserve((void **)&sp, &scap, ns + 1, sizeof *sp);
            sp[ns++] = it->href;
        }
        free(idref);
    }
    free(by_id);
    strbuf_fini(&opf_label);
    xmlFreeDoc(px);
    /* The navigation document, read before the spine's files: its top
     * entries say where chapters start. */
    nav_list_t nav = {0};
    bool have_nav = false;
    for (size_t i = 0; i < ni && !have_nav; i++)
        if (items[i].href && items[i].props && strstr(items[i].props, "nav"))
            have_nav = read_nav(e, &nav, items[i].href, d);
    if (!have_nav)
        diag_warn(d, e->path, 0, MSG_WARN_EPUB_NONAV);
    group_chapters(e, g, sp, ns, &nav, d);
    nav_free(&nav);
    free(sp);
    for (size_t i = 0; i < ni; i++) {
        free(items[i].id);
        free(items[i].href);
        free(items[i].type);
        free(items[i].props);
    }
    free(items);
    free(opf);
    if (g->n == 0)
        diag_error(d, e->path, 0, MSG_ERR_EMPTY_DIR, e->path);
    return g->n > 0;
}
