/*
 * clisearch.h - `madoguchi search` with a warm index: the part both
 * programs share.  The command `madoguchi` is a small front (front.c)
 * that answers a search from an index it already knows, loading only
 * SQLite, ICU, libsodium and inih; everything else - and a search whose
 * index must first be built - runs in the whole program (main.c).  Both
 * find an index by the same key, made from what the book is read from
 * (sizes, times, inodes), without reading the book.
 *
 * Depends on: core (search, desk, msg, fsio).
 */
#ifndef MG_CLISEARCH_H
#define MG_CLISEARCH_H

#include <stddef.h>

#include "core/msg.h"
#include "core/search.h"

/* The key for the index of what a search in content folder dir would
 * read: the whole program at prog (its file; the one that builds the
 * index), the synonym table, the FAQ, desk.ini, the EPUB (guidebook, or
 * desk.ini's) and the bundled chapters.  Heap string. */
char *cli_search_key(const char *prog, const char *dir, const char *guidebook, msg_lang lang);

/* "chapter title<TAB>heading<TAB>snippet" per hit to stdout, the match
 * in 【】 (a FAQ item: 「よくある質問」 where the title goes). */
void cli_print_hits(msg_lang lang, const char *const *titles, size_t ntitles,
                    const search_hit *hits, size_t n);

/* The search for query with the index key names, when it is known: its
 * notes said again (stderr), the hits printed; 0 (hits) or 1 (none).
 * -1 when the index is not known (nothing printed): read the book. */
int cli_search_known(const char *cache, const char *key, const char *dir, msg_lang lang,
                     const char *query);

#endif
