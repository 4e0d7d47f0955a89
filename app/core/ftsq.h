/*
 * ftsq.h - one full-text query builder for the guidebook search and the
 * notes search, both FTS5 with the trigram tokenizer.
 *
 * A query is split into terms at spaces and tabs.  A trigram index finds
 * terms of three characters or more; those are joined into one MATCH
 * expression (each a quoted phrase, all required).  Shorter terms (鍵,
 * 詐欺), which it cannot find, become LIKE patterns ("%term%", with % _ and
 * \ matching themselves under ESCAPE '\'), which find them all.
 *
 * Depends on: mem, strbuf, utf8.
 */
#ifndef MG_FTSQ_H
#define MG_FTSQ_H

#include <stddef.h>

#define FTSQ_MAX 8 /* terms kept; more are ignored */

typedef struct ftsq {
    char *terms[FTSQ_MAX]; /* every term, in query order */
    size_t nterms;
    char *match;           /* the MATCH expression, or NULL: no long term */
    char *like[FTSQ_MAX];  /* LIKE patterns of the short terms */
    size_t like_term[FTSQ_MAX]; /* which term each pattern is */
    size_t nlike;
} ftsq;

/* Split words (UTF-8, already folded as the index is) into q, caller
 * storage.  Everything in q is owned by it: ftsq_fini frees it. */
void ftsq_init(ftsq *q, const char *words);
/* ftsq_fini(NULL) is a no-op. */
void ftsq_fini(ftsq *q);

#endif
