/*
 * doc.h - the document model: Markdown (CommonMark + tables, via md4c) as a
 * tree of blocks holding inline spans, every block with its source line.
 *
 * The same model is what the layout engine consumes, so a guidebook chapter,
 * a slide and (later) an EPUB chapter all reach the screen and paper through
 * one path.  A document and everything it points to live in one arena and
 * are freed together by doc_free().
 *
 * Limits: raw HTML is kept as DOC_HTML blocks / DOC_SPAN_HTML spans for the
 * callers that understand it (Marp notes) and is otherwise not shown.
 *
 * Depends on: md4c, fm, diag, util.
 */
#ifndef MG_DOC_H
#define MG_DOC_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "fm.h"
#include "util.h"

typedef enum doc_span_kind {
    DOC_SPAN_TEXT,
    DOC_SPAN_IMAGE,     /* inline image: text = alt, href = src */
    DOC_SPAN_SOFTBREAK, /* a newline inside a paragraph */
    DOC_SPAN_BREAK,     /* a hard line break */
    DOC_SPAN_HTML,      /* raw inline HTML, not shown */
} doc_span_kind;

enum doc_style {
    DOC_S_BOLD = 1u << 0,
    DOC_S_ITALIC = 1u << 1,
    DOC_S_CODE = 1u << 2,
    DOC_S_LINK = 1u << 3,
    DOC_S_STRIKE = 1u << 4,
};

typedef struct doc_span {
    doc_span_kind kind;
    unsigned style;   /* doc_style bits */
    const char *text; /* not NUL-terminated: use len */
    size_t len;
    const char *href; /* link target or image source as written; NUL-terminated */
    const char *path; /* image: the file it names, resolved against the
                         document's folder; NULL for remote sources */
} doc_span;

typedef enum doc_kind {
    DOC_ROOT,
    DOC_PARA,
    DOC_HEADING,
    DOC_LIST,
    DOC_ITEM,
    DOC_QUOTE,
    DOC_CODE,
    DOC_TABLE,
    DOC_ROW,
    DOC_CELL,
    DOC_RULE,
    DOC_IMAGE, /* a paragraph holding one image alone: spans[0] */
    DOC_HTML,  /* raw HTML block: spans[0] holds the text */
} doc_kind;

enum doc_align { DOC_ALIGN_DEFAULT, DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT };

typedef struct doc_block doc_block;
struct doc_block {
    doc_kind kind;
    int line;        /* 1-based source line of the block's first text */
    int level;       /* heading level 1..6 */
    bool ordered;    /* list */
    unsigned start;  /* ordered list start number */
    bool tight;      /* list */
    char mark;       /* list: its marker, - + or * (bullets), . or ) (after numbers) */
    bool head;       /* row and cell in the table header */
    int align;       /* cell: enum doc_align */
    int rowspan;     /* cell: rows it covers (0 or 1: one); EPUB only */
    int colspan;     /* cell: columns it covers (0 or 1: one); EPUB only */
    doc_span *spans; /* inline content of PARA, HEADING, CELL, CODE, IMAGE, HTML;
                        an EPUB cell holding headings or lists has child blocks
                        instead */
    size_t nspans;
    doc_block *parent, *first, *last, *next;
    size_t nkids;
};

typedef struct doc_anchor {
    const char *id; /* an element id (EPUB) */
    int line;       /* the line of the block it names */
} doc_anchor;

typedef struct doc {
    arena mem;
    const char *file; /* as given, for messages */
    const char *dir;  /* folder that relative image paths start from */
    fm front;         /* front matter; empty when the text has none */
    doc_block *root;
    doc_anchor *anchors; /* targets of internal links */
    size_t nanchors, acap;
} doc_t;

/*
 * Parse text[0..len) (need not be NUL-terminated).  file names the source in
 * messages and anchors relative image paths (NULL: none).  Problems go to d
 * as file:line: entries; a document is always returned (possibly empty).
 * The caller owns the result: doc_free().
 */
doc_t *doc_parse(const char *text, size_t len, const char *file, diag_list *d);
/* Read and parse a file.  Returns NULL (and adds an error to d) when the
 * file cannot be read. */
doc_t *doc_load(const char *path, diag_list *d);
void doc_free(doc_t *doc);

/*
 * Building a document from another source (EPUB's XHTML): an empty
 * document, blocks appended under a parent (NULL: the root), inline spans
 * copied into the document's arena, and anchors for internal links.
 */
doc_t *doc_new(const char *file);
doc_block *doc_append(doc_t *d, doc_block *parent, doc_kind kind, int line);
void doc_set_spans(doc_t *d, doc_block *b, const doc_span *spans, size_t n);
/* A copy of s in the document's arena. */
const char *doc_strdup(doc_t *d, const char *s);
void doc_add_anchor(doc_t *d, const char *id, int line);
/* The line an anchor names, or -1. */
int doc_anchor_line(const doc_t *d, const char *id);

/* Concatenated text of a block's spans (for headings, titles, search). */
char *doc_block_text(const doc_block *b);
/* First heading of the given level, or NULL. */
const doc_block *doc_find_heading(const doc_t *doc, int level);

/* Report images whose files are missing or remote (`madoguchi check`). */
void doc_check_images(const doc_t *doc, diag_list *d);

/*
 * A table's cells placed on its grid as the HTML table model does: each
 * cell takes the first column of its row not covered by a cell above
 * that spans down.  Spans are cut to the table's last row and to columns
 * that are free, so cells never overlap; what was cut is counted.
 */
typedef struct doc_grid_cell {
    const doc_block *cell;
    int row, col, rows, cols;
    int asked_rows, asked_cols; /* as declared (after DOC_MAX_SPAN) */
} doc_grid_cell;

typedef struct doc_grid {
    doc_grid_cell *cells; /* in document order, so by starting row */
    size_t n;
    int nrows, ncols;
    int *row_cols;        /* per row: columns covered */
    int past_end;         /* cells whose rowspan ran past the last row */
    int overlaps;         /* cells whose colspan ran into a covered slot */
    int head_rows;        /* leading rows marked head */
} doc_grid;

/* Place table's cells; g is caller storage freed by doc_grid_fini. */
void doc_grid_build(const doc_block *table, doc_grid *g);
void doc_grid_fini(doc_grid *g);

/* Largest row and column span a cell may declare; larger is cut to this. */
#define DOC_MAX_SPAN 64
/* Report tables whose merged cells the layout cannot honour as written
 * (`madoguchi check`): a span running past the table's last row, cells
 * that overlap, rows with different numbers of columns, or more columns
 * than a kiosk screen can show legibly. */
void doc_check_tables(const doc_t *doc, diag_list *d);

/* A readable dump of the tree for golden tests: one block per line,
 * two-space indents, inline styles as **b** _i_ `c` [t](href) ![a](src). */
void doc_dump(const doc_t *doc, strbuf *out);

#endif
