/*
 * guide.h - the bundled guidebook: the .md files in assets/guidebook, one chapter a
 * file, ordered by the `order` key of each front matter.
 *
 * A chapter that cannot be read or has errors is reported and, where there
 * is text, still shown: the kiosk never goes blank because of one file.
 *
 * Depends on: doc, diag, util.
 */
#ifndef MG_GUIDE_H
#define MG_GUIDE_H

#include <stddef.h>

#include "diag.h"
#include "doc.h"

/* One file of a chapter (EPUB: a chapter joins the spine's files from one
 * top entry of the contents to the next). */
typedef struct guide_part {
    char *path; /* inside the book */
    int line;   /* the chapter's block lines from here on are this file's */
} guide_part;

typedef struct guide_chapter {
    char *path;      /* the file (Markdown) or the first file inside the book (EPUB) */
    char *title;     /* front matter or contents title, else the first heading
                        (EPUB: never a file's path) */
    int order;
    char **keywords; /* from the comma-separated keywords value */
    size_t nkeywords;
    doc_t *doc;
    guide_part *parts; /* EPUB: the files, in order; NULL for Markdown */
    size_t nparts;
} guide_chapter;

/* One entry of the table of contents; entries nest by level (1 = top). */
typedef struct guide_toc {
    int level;
    char *title;
    int chapter; /* index into ch */
    int line;    /* the block it points at, or 0 for the chapter's start */
} guide_toc;

struct epub;

typedef struct guide {
    guide_chapter *ch;
    size_t n;
    guide_toc *toc;
    size_t ntoc;
    char *title;       /* the book's title (EPUB), or NULL */
    struct epub *epub; /* open while the book is an EPUB: pictures are read from it */
} guide;

/*
 * The EPUB when epub_path is given, else the Markdown chapters under
 * content_dir/assets/guidebook.  g is caller storage.  Returns the number
 * of chapters.  (Which book the desk shows, desk.ini's edition with its
 * fall-back, is content_open's choice.)
 */
size_t guide_load(guide *g, const char *content_dir, const char *epub_path, diag_list *d);

/* The chapters of an EPUB (g is caller storage, zeroed here); 0 after
 * saying why in d when it cannot be read. */
size_t guide_load_epub(guide *g, const char *epub_path, diag_list *d);
/* A contents of one entry per chapter, for the bundled Markdown book. */
void guide_toc_from_chapters(guide *g);

/* The bytes of a picture the book names (an "epub:" path inside the book,
 * or a file), heap, caller frees; NULL if it cannot be read. */
void *guide_read_file(const guide *g, const char *path, size_t *len);

/* Find the chapter and line an internal link points at from chapter
 * from_ch: "#id", "other.xhtml#id" or "other.xhtml" (relative to the
 * chapter's first file), or in an EPUB "/dir/file.xhtml#id" (a path inside
 * the book, as its links are kept).  False if none. */
bool guide_resolve_link(const guide *g, int from_ch, const char *href, int *ch, int *line);

/*
 * Load every .md file in dir into g (caller storage, zeroed by this call).
 * Problems go to d.  Returns the number of chapters loaded.
 */
size_t guide_load_dir(guide *g, const char *dir, diag_list *d);
void guide_fini(guide *g);

#endif
