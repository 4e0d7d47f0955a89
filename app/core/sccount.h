/*
 * sccount.h - the self-check's anonymous counts: for each question, how
 * many visitors answered done, partly, not done, don't know or left it,
 * and how many self-checks were finished.  That is all that is kept: no
 * time, no order, no score of anyone, nothing that links an answer to a
 * person, a company or a consultation note.  The desk reads the counts
 * for its seminar report (`madoguchi stats`).
 *
 * The counts live in the notes database (store.h) as one setting (one value, so a
 * finished self-check is counted whole or not at all), keyed by question
 * id: editing the self-check keeps the counts of the questions that stay.
 *
 * Depends on: store (its settings), selfcheck.
 */
#ifndef MG_SCCOUNT_H
#define MG_SCCOUNT_H

#include <stdbool.h>
#include <stddef.h>

#include "selfcheck.h"
#include "store.h"

/* The counts of one question. */
typedef struct sccount_row {
    long long n[SC_ANSWER_COUNT]; /* by sc_answer */
} sccount_row;

/*
 * Count one finished self-check: a[0..s->n) are its answers.  On disk when
 * it returns true; false with a message in err (nothing counted).
 */
bool sccount_add(store *db, const selfcheck *s, const sc_answer *a, char *err,
                 size_t errsize);

/*
 * The counts for the questions of s: rows[i] for s->q[i] (caller storage,
 * s->n rows; zero where nothing was counted).  Returns the number of
 * finished self-checks, or -1 with a message in err when the counts kept
 * cannot be read (damaged, or the database failed): neither is ever taken
 * for zero.
 */
long long sccount_read(store *db, const selfcheck *s, sccount_row *rows, char *err,
                       size_t errsize);

#endif
