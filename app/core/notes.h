/*
 * notes.h - consultation records, kept in the store (store.h).
 *
 * One row per consultation, the fields of struct note (record.h): a UUID,
 * created/updated times, the kiosk it was taken on, channel, event,
 * consultant and scribe, the company (optional: a visitor may decline),
 * the question, the triage category and its two flags, the answer in two
 * parts (countermeasure; referral ids from the quick list plus free text),
 * follow-up, FAQ candidate, and free notes.  The SQL is made from the
 * field table: a field added there is saved, read and searched here with
 * no change to this file.
 *
 * Times come from the caller (core reads no clock).  Reads that fail say
 * so: a locked or damaged file never looks like "no notes".
 *
 * Depends on: sqlite3, libsodium, record, store, ftsq, util.
 */
#ifndef MG_NOTES_H
#define MG_NOTES_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"
#include "store.h"

/* notes_save's now for a note whose id and times are to be kept as they
 * are (a note from another kiosk). */
#define NOTES_KEEP_TIMES (-1LL)

/*
 * Check n (note_validate) and save it; true once it is on disk.  now is
 * the wall clock in Unix ms: a new note (empty id) gets a UUID and now as
 * its created and updated times, an existing one now as its updated time.
 * With now = NOTES_KEEP_TIMES the note's id, created and updated times
 * are kept as given (all must be set).  A note without a kiosk gets this
 * one's (a heap copy the caller frees with note_fini or free).  An edit
 * changes every field but those marked REC_FIXED (id, created, kiosk).
 * On failure: false, "path: reason" or the field in err, store_failure()
 * says what the disk met, and a new note loses the id it never got.
 */
bool notes_save(store *s, note *n, long long now, char *err, size_t errsize);
/*
 * Load the note with id into out (note_fini it): 1 found, 0 there is
 * none (out zeroed), -1 the file could not be read ("path: reason" in err).
 */
int notes_get(store *s, const char *id, note *out, char *err, size_t errsize);

/* What notes_search looks for; NULL/false/0 fields leave a filter out. */
typedef struct notes_query {
    const char *words;    /* every word must occur in a REC_SEARCHED field */
    const char *category; /* one category code */
    bool followup;        /* only notes needing follow-up */
    size_t max;           /* at most this many (0: no limit) */
} notes_query;

/*
 * Notes whose searched fields (question, answer, memo, company, referral
 * text) hold every word of q->words (FTS5 trigram; words under three
 * characters by LIKE), optionally of one category and/or needing follow-
 * up; newest first.  True with a heap array in *out (notes_free(*out, *n));
 * false with *out NULL, *n 0 and "path: reason" in err when the file could
 * not be read.
 */
bool notes_search(store *s, const notes_query *q, note **out, size_t *n, char *err,
                  size_t errsize);
/* All notes, newest first, at most max (0: all): as notes_search. */
bool notes_list(store *s, size_t max, note **out, size_t *n, char *err, size_t errsize);

/*
 * On an encrypted store (store.h), every note: notes_save, notes_get,
 * notes_search and notes_list on a locked one fail with MSG_STORE_LOCKED
 * (the staff PIN is needed), and notes_search filters the opened notes in
 * memory (there is no full-text index).  notes_seal_all, for pin_set
 * inside its transaction: every note still in clear sealed (nothing to do
 * on a store that is not encrypted).  False with a message.
 */
bool notes_seal_all(store *s, char *err, size_t errsize);

#endif
