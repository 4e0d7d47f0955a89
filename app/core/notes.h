/*
 * notes.h - consultation records, kept in SQLite.
 *
 * One row per consultation, with a UUID, created/updated times, the kiosk
 * it was taken on, channel, event, consultant and scribe, the company
 * (optional: a visitor may decline), the question, the triage category and
 * its two flags, the answer in two parts (countermeasure; referral ids from
 * the quick list plus free text), follow-up, FAQ candidate, and free notes.
 *
 * The database runs in WAL mode with synchronous=FULL: when notes_save()
 * returns, the note is on disk and survives a power cut (tested by killing
 * a writer 200 times).  The schema is versioned with PRAGMA user_version;
 * older files are migrated, newer ones refused.
 *
 * Depends on: sqlite3, libsodium (UUIDs), util.
 */
#ifndef MG_NOTES_H
#define MG_NOTES_H

#include <stdbool.h>
#include <stddef.h>

typedef struct note {
    char id[37];              /* UUID; empty for a new note */
    long long created, updated; /* Unix time in milliseconds */
    char *kiosk, *channel, *event, *consultant, *scribe;
    char *company, *industry, *size;
    char *question, *category;
    bool law, legal; /* possible law violation; legal consultation */
    char *answer;    /* ① the countermeasure */
    char *referrals; /* ② ids from the quick list, comma separated */
    char *referral_text;
    bool followup, faq;
    char *memo;
} note;

typedef struct notes_db notes_db;

/* Open or create the database at path (folders created).  NULL with a
 * message in err when it cannot be opened, is damaged, or is newer. */
notes_db *notes_open(const char *path, char *err, size_t errsize);
void notes_close(notes_db *db);

/* The triage categories and channels a record may hold. */
bool notes_category_ok(const char *code);
bool notes_channel_ok(const char *code);

/*
 * Check the fields a person typed: valid UTF-8, no control characters but
 * line breaks and tabs, not over the size limit.  On a problem returns
 * false and names the field in err.
 */
bool note_validate(const note *n, char *err, size_t errsize);

/*
 * Save n: a new note (empty id) gets a UUID and its created time; an
 * existing one its updated time.  Returns true once the note is on disk.
 */
bool notes_save(notes_db *db, note *n, char *err, size_t errsize);

/* What the last failed notes_save met, for a message a person can act on
 * (NOTES_FAIL_IO for a NULL db: it could not be opened). */
typedef enum {
    NOTES_FAIL_OTHER,    /* the note itself: see err */
    NOTES_FAIL_FULL,     /* no space left */
    NOTES_FAIL_READONLY, /* the file or drive is read-only */
    NOTES_FAIL_IO,       /* the drive failed or the file could not be opened */
} notes_fail;
notes_fail notes_failure(const notes_db *db);
/* Load the note with id into out (note_fini it).  False if there is none. */
bool notes_get(notes_db *db, const char *id, note *out);
/* All notes, newest first, at most max; *out is a heap array. */
size_t notes_list(notes_db *db, note **out, size_t max);
/*
 * Notes whose question, answer, notes, company or referral text hold every
 * word of query (FTS5 trigram; words under three characters by LIKE),
 * optionally of one category and/or needing follow-up; newest first.
 */
size_t notes_search(notes_db *db, const char *query, const char *category, bool followup,
                    note **out, size_t max);
void note_fini(note *n);
void notes_free(note *v, size_t n);
/* This kiosk's id (made once, kept in the database). */
const char *notes_kiosk(notes_db *db);

/* A setting kept in the database (the staff PIN hash, ...): heap copy or
 * NULL; set returns false with a message in err. */
char *notes_setting(notes_db *db, const char *key);
bool notes_set_setting(notes_db *db, const char *key, const char *value, char *err,
                       size_t errsize);

/* The default database: $XDG_DATA_HOME/madoguchi/madoguchi.db (heap). */
char *notes_default_path(void);

#endif
