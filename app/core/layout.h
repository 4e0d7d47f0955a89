/*
 * layout.h - document blocks into positioned text runs, boxes and images.
 *
 * One layout engine, two painters: the screen (SDL_ttf) and paper (libharu)
 * both paint a lay_result made here, asking only the lay_metrics interface
 * for widths.  Lines break where lb (ICU, strict Japanese rules) allows; a
 * word wider than the line is split between characters.  Units are
 * whatever the metrics use (pixels on screen, points on paper).
 *
 * Depends on: doc, lb, util.
 */
#ifndef MG_LAYOUT_H
#define MG_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "doc.h"
#include "lb.h"
#include "util.h"

typedef struct lay_metrics {
    void *ctx;
    /* Advance width of text[0..len) at the given size and doc style bits. */
    int (*text_width)(void *ctx, const char *text, size_t len, int size, unsigned style);
    /* Distance from the top of a line box to the baseline, and the height
     * of the line box (ascent + descent) for a size. */
    int (*ascent)(void *ctx, int size);
    int (*height)(void *ctx, int size);
    /* Natural size of an image file; false when it cannot be read.  May be
     * NULL: every image is then a placeholder. */
    bool (*image_size)(void *ctx, const char *path, int *w, int *h);
} lay_metrics;

typedef enum lay_kind {
    LAY_TEXT,  /* text[0..len) with its top-left at (x, y) */
    LAY_RECT,  /* a filled box */
    LAY_IMAGE, /* path drawn into the box */
} lay_kind;

/* Colour roles: each painter maps them to its theme. */
typedef enum lay_color {
    LAY_C_TEXT,
    LAY_C_HEADING,
    LAY_C_LINK,
    LAY_C_MUTED,
    LAY_C_MARKER,
    LAY_C_RULE,
    LAY_C_CODE_BG,
    LAY_C_QUOTE_BG,
    LAY_C_QUOTE_BAR,
    LAY_C_TABLE_BORDER,
    LAY_C_TABLE_HEAD_BG,
    LAY_C_PLACEHOLDER,
    LAY_C_PAGE, /* slides: the page number */
    LAY_C_COUNT
} lay_color;

typedef struct lay_item {
    lay_kind kind;
    int x, y, w, h;   /* the box; for text, h is the line box height */
    int ascent;       /* text: baseline = y + ascent */
    int size;         /* text: font size */
    unsigned style;   /* text: doc style bits (DOC_S_*) */
    lay_color color;
    const char *text; /* text (NUL-terminated copy), or an image's alt */
    size_t len;
    const char *href; /* link target, or NULL */
    const char *path; /* image file, or NULL */
    int line;         /* source line of the block */
    int textline;     /* index of the visual line this text sits on */
    size_t src;       /* text: byte offset of its first byte in the spans it came
                       * from, taken one after another (a soft break that became
                       * a space counts one byte): a caret is found without
                       * laying the text out again */
} lay_item;

/* A caller's say on an image: the size to draw it (0: natural), whether to
 * leave it out of the flow, and whether to caption it with its alt text. */
typedef struct lay_image_hint {
    int w, h;
    bool skip;
} lay_image_hint;

/* Slides: CSS-like block margins, in units of base_size, collapsing between
 * neighbours as in CSS (the larger of a block's bottom and the next one's top);
 * the first block takes no top margin and the last no bottom margin, as Marp's
 * themes say (section > :first-child, :last-child). */
typedef struct lay_margins {
    float h_top[6], h_bottom[6]; /* headings h1..h6 */
    float h_pad[6];              /* space inside a heading, under its text */
    float top, bottom;           /* paragraphs, lists, tables, code, quotes, images */
    float li;                    /* between the items of a list */
    float indent;                /* a list's items from its left edge (0: 1.5) */
    float h_line;                /* headings' line height (0: 1.3) */
} lay_margins;

typedef struct lay_opts {
    int width;        /* the column to fill */
    int base_size;    /* body text size */
    int max_image_h;  /* tallest an image may be drawn (0: no limit) */
    float line_gap;   /* line advance = height * line_gap (1.5 if 0) */
    /* Slides: headings and paragraphs aligned this way (enum doc_align). */
    int align;
    /* Sizes of h1..h6 relative to base_size (NULL: the reading defaults). */
    const float *heading_scale;
    bool no_heading_rules; /* no rule under h1/h2 */
    bool no_captions;      /* no alt text under block images */
    /* Paragraphs and list items break Japanese between phrases only, as
     * headings do (slides: short lines read whole, never ワンクリック請/求). */
    bool phrase;
    /* Images: asked before sizing each one (may be NULL).  hint->w/h are in
     * layout units at scale image_scale (slides: canvas pixels). */
    void (*image_hint)(const doc_span *img, lay_image_hint *hint);
    float image_scale; /* multiply hinted and natural sizes (0: 1) */
    /* Slides: block spacing as a theme's CSS sets it (NULL: the reading
     * layout's own gaps).  With it, block images and inline images keep
     * their own (hinted) size and follow align, as in a browser. */
    const lay_margins *margins;
} lay_opts;

/* A table laid out: its extent and the run of items that draws its header
 * rows, so a painter can repeat them after a page turn. */
typedef struct lay_table {
    int y0, y1;                  /* top and bottom of the table */
    int head_y1;                 /* bottom of the header rows (y0: no header) */
    size_t head_first, head_end; /* items[head_first..head_end): the header */
} lay_table;

typedef struct lay_result {
    arena mem; /* item texts */
    lay_item *items;
    size_t n, cap;
    lay_table *tables; /* in layout order, nested tables before their parent */
    size_t ntables, tcap;
    int width, height; /* the extent of what was laid out */
    int textlines;     /* visual text lines */
} lay_result;

/* Caller storage: lay_init before use, lay_fini to free (NULL-safe). */
void lay_init(lay_result *r);
void lay_fini(lay_result *r);

/* A layout context binds the metrics and a line breaker for many calls. */
typedef struct lay_ctx {
    const lay_metrics *m;
    lb *lb; /* may be NULL: then lines break between any characters */
} lay_ctx;

/*
 * Lay out a whole document into r (which is cleared first), from y = 0.
 * Returns the height used.
 */
int lay_doc(lay_result *r, const lay_ctx *c, const doc_t *doc, const lay_opts *o);

/*
 * Lay out the blocks blocks[0..n) (a slide's content) at (x, y), appending
 * to r.  Returns the height used.
 */
int lay_blocks(lay_result *r, const lay_ctx *c, const doc_block *const *blocks, size_t n, int x,
               int y, const lay_opts *o);

/* A style bit for lay_spans and lay_text (never stored in items): break
 * Japanese only between phrases, as titles and tile labels should be. */
#define LAY_S_PHRASE (1u << 15)

/*
 * Lay out one run of inline spans at (x, y) within width, appending to r;
 * align is enum doc_align.  Used for headings on screens and for slides.
 * Returns the height used.
 */
int lay_spans(lay_result *r, const lay_ctx *c, const doc_span *spans, size_t n, int x, int y,
              int width, int size, unsigned style, lay_color color, int align, float line_gap);

/* Append a filled box. */
void lay_rect(lay_result *r, int x, int y, int w, int h, lay_color color);

/* Plain text convenience: one span of text.  Returns the height used. */
int lay_text(lay_result *r, const lay_ctx *c, const char *text, int x, int y, int width, int size,
             unsigned style, lay_color color, int align);

/*
 * The table whose header rows should stand again at the top of a view or
 * page whose content starts at y (y inside its body, below its header),
 * the innermost if nested; NULL when none.  The screen paints the header
 * over the top of the view; paper at the top of a new page.
 */
const lay_table *lay_header_at(const lay_result *r, int y);
/* Height of t's header rows. */
int lay_header_h(const lay_table *t);
/* For a view of height h whose top is at top: the table whose header is
 * painted over the view's top (its header scrolled away, its body in
 * view), and that header's height; 0 and *t = NULL when none. */
int lay_header_over(const lay_result *r, int top, int h, const lay_table **t);

/*
 * Paging by whole lines.  A view shows r's units [top, top + h).  Returns
 * the top of the next page (dir > 0) or the previous one (dir < 0):
 * forward, the top of the highest text or image not wholly shown (so what
 * was cut at the foot comes first, whole); back, a page ending where this
 * one starts, its top moved down past any line it would cut.  A line
 * taller than h is stepped over by h.  Forward from the last page (every
 * line wholly shown) returns top.  When the next page starts inside a
 * table's body, it starts the header's height higher, where the repeated
 * header (lay_header_at) will cover lines this page showed.  Not clamped
 * to the document.
 */
int lay_page_top(const lay_result *r, int top, int h, int dir);

/* A readable dump (one line per item) for golden tests. */
void lay_dump(const lay_result *r, strbuf *out);

/* Append the items of src to r, moved by (dx, dy); their text is copied
 * into r (href and path still point where src's did: into the document).
 * r's width and height grow to hold them. */
void lay_append(lay_result *r, const lay_result *src, int dx, int dy);

#endif
