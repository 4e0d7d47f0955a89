/*
 * store.h - the notes database: one SQLite file that holds the
 * consultation records (notes.h), the settings (the staff PIN hash, this
 * kiosk's id, counters) and, later, what sync keeps (per-note revisions,
 * export sequence numbers, an import log: new tables in a migration step).
 *
 * Opening checks before anything is written: a folder, a file that is not
 * SQLite, a SQLite file of something else, a schema version below 0 or
 * above the one this build knows are refused with a message naming the
 * file; nothing in them is changed.  A file with no tables is made at the
 * current version from the field table (record.h) in one transaction; an
 * older one is migrated step by step in one transaction (a failure leaves
 * it as it was).  A new file and its -wal/-shm are made 0600, whatever the
 * folder; an existing one readable by others is narrowed to 0600.
 *
 * The file runs in WAL mode with synchronous=FULL: a write is on disk when
 * it returns (tested by killing a writer 200 times, and by counting the
 * WAL's syncs).  A write-protected file opens as an unchanging one: it can
 * be read, and writes say it is read-only.
 *
 * Depends on: sqlite3, libsodium (UUIDs), record, util.
 */
#ifndef MG_STORE_H
#define MG_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"

typedef struct store store;

/* What the last failed write met, for a message a person can act on. */
typedef enum store_fail {
    STORE_FAIL_OTHER,    /* the data itself: see err */
    STORE_FAIL_FULL,     /* no space left */
    STORE_FAIL_READONLY, /* the file or drive is read-only */
    STORE_FAIL_IO,       /* the drive failed or the file could not be opened */
} store_fail;

/* Settings keys. */
#define STORE_KEY_PIN "pin"     /* the staff PIN's Argon2id hash (pin.h) */
#define STORE_KEY_KIOSK "kiosk" /* this kiosk's UUID, made once */

/* Open or create the database at path (folders made 0700).  NULL with
 * "path: reason" in err, the reason in lang from the message table, when
 * it cannot be opened, is damaged, foreign, newer, or cannot be migrated
 * (SQLite's own words follow the path where SQLite gave the reason).
 * Close with store_close. */
store *store_open_lang(const char *path, msg_lang lang, char *err, size_t errsize);
/* store_open_lang in Japanese, the UI's first language. */
store *store_open(const char *path, char *err, size_t errsize);
/* Close s; store_close(NULL) does nothing. */
void store_close(store *s);

/* The schema version this build writes (PRAGMA user_version). */
int store_schema_version(void);
/* The language s was opened with: of the reasons its functions write. */
msg_lang store_lang(const store *s);
/* The path s was opened with (owned by s). */
const char *store_path(const store *s);
/* This kiosk's id, a UUID (owned by s). */
const char *store_kiosk(const store *s);
/* What the last failed write on s met (STORE_FAIL_IO for a NULL s: it
 * could not be opened). */
store_fail store_failure(const store *s);

/*
 * The setting key: 1 with a heap copy in *value (free it), 0 when it is
 * not set (*value NULL), -1 when it could not be read ("path: reason" in
 * err): a failed read never looks like "not set".
 */
int store_setting(store *s, const char *key, char **value, char *err, size_t errsize);
/* Set key to value (on disk when it returns).  False with a message. */
bool store_set_setting(store *s, const char *key, const char *value, char *err, size_t errsize);
/* Add one to the counter name (starting from 0) and put the new value in
 * *value, on disk when it returns.  False with a message. */
bool store_counter_next(store *s, const char *name, long long *value, char *err,
                        size_t errsize);

/* Group writes into one transaction (sync's import): begin, then commit
 * or roll back.  False with a message. */
bool store_begin(store *s, char *err, size_t errsize);
bool store_commit(store *s, char *err, size_t errsize);
void store_rollback(store *s);

/* A new random (version 4) UUID into out. */
void store_uuid(char out[37]);

/* The default database: $XDG_DATA_HOME/madoguchi/madoguchi.db (heap). */
char *store_default_path(void);

/* For the core modules that keep their rows here (notes.c) only. */
struct sqlite3 *store_sql(store *s);
/* A statement on s failed: note what it met (store_failure) and put
 * "path: SQLite's message" in err.  Returns false. */
bool store_failed(store *s, char *err, size_t errsize);
/* Clear the failure before a write. */
void store_clear_failure(store *s);

#endif
