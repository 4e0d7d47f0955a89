/*
 * deck.h - slide decks in a strict subset of Marp Markdown.
 *
 * What we follow (checked against Marp Core's own renderer, see
 * tests/test_deck.c and tests/marp/):
 *  - front matter sets deck-wide (global) directives and the first values
 *    of local ones;
 *  - a thematic break at the top level (---, ***, ___) starts a new slide;
 *    `---` right under a paragraph line is a setext heading instead;
 *  - an HTML comment whose text is `key: value` lines with at least one
 *    directive key is a directive comment (`_key` for this slide only);
 *    every other comment, block or inline, is a speaker note, in order;
 *  - images: `![w:300](x.png)`, `![h:200]`, `![bg]` with cover, contain,
 *    fit, auto, N% and left/right[:N%] splits, paths relative to the deck.
 * What Marp accepts and we do not (raw HTML, <style>, math, image filters,
 * remote images, unknown directives or themes) is a file:line error; the
 * slide still shows what it can.
 *
 * Depends on: doc, fm, diag, util.
 */
#ifndef MG_DECK_H
#define MG_DECK_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "doc.h"

enum deck_fit { DECK_FIT_COVER, DECK_FIT_CONTAIN, DECK_FIT_AUTO, DECK_FIT_PERCENT };
enum deck_split { DECK_SPLIT_NONE, DECK_SPLIT_LEFT, DECK_SPLIT_RIGHT };

/* What an image's alt text asks for (Marp's image syntax). */
typedef struct deck_img {
    bool bg;
    int w, h;      /* requested size in slide pixels (0: natural) */
    int fit;       /* enum deck_fit (backgrounds) */
    int percent;   /* DECK_FIT_PERCENT */
    int split;     /* enum deck_split */
    int split_pct; /* share of the slide the split image takes (default 50) */
    bool filter;   /* an image filter we do not support */
} deck_img;

/* Parse Marp keywords in an image's alt text. */
void deck_parse_alt(const char *alt, size_t len, deck_img *out);

typedef struct deck_bg {
    const char *path; /* resolved file, or NULL for remote */
    const char *src;
    deck_img opt;
} deck_bg;

typedef struct deck_slide {
    int line;                  /* first line of the slide in the file */
    const doc_block **blocks;  /* content shown in the flow (no notes, no backgrounds) */
    size_t nblocks;
    deck_bg *bgs;
    size_t nbgs;
    char *title;               /* text of its first heading, or "" */
    char *notes;               /* speaker notes joined by blank lines, or "" */
    int note_lines;            /* lines of notes */
    /* Marp's fragmented lists (frag.h): the items of `*` and `1)` lists,
     * shown one by one, in document order. */
    struct deck_frag *frags;
    int nfrags;
    /* Effective local directives (NULL or "": unset). */
    bool paginate;
    const char *header, *footer, *klass, *bg_color, *color;
} deck_slide;

typedef struct deck {
    doc_t *doc;
    char *path;
    const char *theme; /* default, gaia, uncover (Marp's) or madoguchi (the desk's) */
    bool wide;         /* 16:9 (else 4:3) */
    const char *title, *author;
    deck_slide *slides;
    size_t n;
    arena mem; /* strings owned by the deck */
} deck;

/* Parse a deck.  Never fails: problems go to d and the rest is kept.
 * The caller owns the result: deck_free(). */
deck *deck_parse(const char *text, size_t len, const char *file, diag_list *d);
/* Read and parse; NULL (and an error in d) when the file cannot be read. */
deck *deck_load(const char *path, diag_list *d);
void deck_free(deck *k);

/* Themes we draw; a deck naming another is reported. */
bool deck_theme_known(const char *name);

#endif
