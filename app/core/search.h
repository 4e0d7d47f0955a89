/*
 * search.h - full-text search of the guidebook, in Japanese.
 *
 * An SQLite FTS5 index with the trigram tokenizer holds every paragraph,
 * heading and table cell of the book with its chapter, line and section
 * heading.  It lives in the cache folder, named by a fingerprint of the
 * book's text, so it is built on first start and again only when the book
 * changes; deleting it loses nothing.  Terms of three characters or more
 * are looked up in the trigram index; shorter ones (対策, 鍵 - common in
 * Japanese and below trigram's minimum) in a second FTS5 index of every
 * character and pair of characters, so both find every occurrence without
 * reading the book's text.  Latin letters match case-insensitively; one
 * hit per section (a heading of level 1 to 3 starts one), its best
 * block's snippet and line.  A search is used by one thread at a time.
 *
 * Depends on: sqlite3, guide.
 */
#ifndef MG_SEARCH_H
#define MG_SEARCH_H

#include <stdbool.h>
#include <stddef.h>

#include "faq.h"
#include "guide.h"

typedef struct search search;

typedef struct search_hit {
    int chapter;   /* index into the guide's chapters; -1 for a FAQ item */
    int faq;       /* index into the FAQ (search_open_faq), or -1: the guidebook's */
    int line;      /* the block's line (for scrolling to it) */
    char *heading; /* the section it is in */
    char *snippet; /* text around the first match, the match between \x01 and \x02 */
    int score;
} search_hit;

/*
 * Open (or build) the index for g under cache_dir (NULL: in memory).
 * Returns NULL with a message in err when SQLite cannot be used.
 */
search *search_open(const guide *g, const char *cache_dir, char *err, size_t errsize);
/* The same, with a synonym table (assets/synonyms.ini: "common = variant,
 * variant"; NULL or unreadable: none).  Index and queries are folded
 * alike: NFKC with case folding (ＵＳＢ, ﾊﾟｽﾜｰﾄﾞ), katakana as hiragana
 * (ういるす finds ウイルス), and each variant as its common form. */
search *search_open_with(const guide *g, const char *cache_dir, const char *synonyms, char *err,
                         size_t errsize);
/* The same, with the FAQ's items in the one index too (f NULL: none):
 * each item's question as its heading, its keywords and answer as its
 * text; a FAQ hit has chapter -1 and faq its index in f. */
search *search_open_faq(const guide *g, const faq *f, const char *cache_dir, const char *synonyms,
                        char *err, size_t errsize);
/* text folded as the index is (s may be NULL: no synonyms); heap string. */
char *search_fold(const search *s, const char *text);
void search_close(search *s);
/* True when the last open built the index (rather than reusing it). */
bool search_built(const search *s);

/* Hits for query, best first, at most max; *out is a heap array the
 * caller frees with search_hits_free.  Returns the count. */
size_t search_run(search *s, const char *query, search_hit **out, size_t max);
void search_hits_free(search_hit *h, size_t n);

/* The folder for derived files: $XDG_CACHE_HOME/madoguchi or
 * ~/.cache/madoguchi (created).  Heap string, or NULL. */
char *search_cache_dir(void);

/*
 * The command line's quick way in: an index found by a key the caller
 * makes from what the book is read from (files, sizes, times), without
 * reading the book.  search_remember notes, under cache_dir, that key
 * names s's index, the chapters' titles and notes (the problems reading
 * the book reported, to say again; all borrowed, copied); false when it
 * cannot be written.  search_open_known opens that index read-only and
 * gives the titles and notes back (heap: caller frees *notes, each title
 * and the array); NULL when the key is unknown or its index is gone (then
 * open the book and search_open_with, and remember).
 */
bool search_remember(const search *s, const char *cache_dir, const char *key,
                     const char *const *titles, size_t n, const char *notes);
search *search_open_known(const char *cache_dir, const char *key, const char *synonyms,
                          char ***titles, size_t *n, char **notes);

#endif
