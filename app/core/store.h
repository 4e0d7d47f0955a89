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
 * Encryption at rest.  A store with a staff PIN (pin_set: `setup`, `pin
 * set`, the pinpad's first PIN) is encrypted: a random 32-byte data key,
 * kept in the settings only wrapped (XChaCha20-Poly1305 under a key
 * derived from the PIN by Argon2id, STORE_KEY_DEK_PIN; and, once an office
 * key is enrolled, crypto_box_seal'ed to it, STORE_KEY_DEK_OFFICE), seals
 * every field a person typed or chose (all but those marked REC_CLEAR) in
 * one blob per note and per revision (store_seal).  It has no full-text
 * index; deleted pages are zeroed (secure_delete).  Reading or writing
 * notes on it needs store_unlock first; locked, they fail with
 * MSG_STORE_LOCKED, never with plaintext.  A store with no PIN (the office
 * master made by `office init`, a developer's scratch file) is not
 * encrypted: its notes are in clear, as the office's own database is.
 *
 * Depends on: sqlite3, libsodium (UUIDs, keys), record, seal (the office
 * key's text), util.
 */
#ifndef MG_STORE_H
#define MG_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"
#include "strbuf.h"

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
#define STORE_KEY_DEK_PIN "dek_pin"       /* the data key, wrapped under the PIN */
#define STORE_KEY_DEK_OFFICE "dek_office" /* office key (hex) $ the data key sealed to it */

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

/* ---- encryption at rest ---- */

/* True when s keeps a wrapped data key (it has a staff PIN). */
bool store_encrypted(const store *s);
/* True when s is encrypted and not unlocked: notes can be neither read
 * nor written. */
bool store_locked(const store *s);
/*
 * Open the data key with the staff PIN (Argon2id, a fraction of a second):
 * true once the notes can be read (at once on a store that is not
 * encrypted).  False with "path: the PIN is wrong" (MSG_STORE_WRONG_PIN)
 * or a damaged key setting in err; s stays as it was.  Once open, an
 * enrolled office key without its copy of the data key gets one.
 */
bool store_unlock(store *s, const char *pin, char *err, size_t errsize);
/* Wipe the data key from memory (the kiosk's idle reset, leaving staff
 * mode); the notes need store_unlock again.  store_lock(NULL) does
 * nothing. */
void store_lock(store *s);

/* For pin.c, inside its transaction: wrap the data key under pin, making
 * one first when s is not encrypted yet (then the full-text index is
 * dropped); refused when s is encrypted and locked.  A rollback lets go
 * of a key made in it.  False with a message. */
bool store_key_make(store *s, const char *pin, char *err, size_t errsize);
/* Seal the unlocked data key to the enrolled office key (SEAL_SETTING_
 * PUBLIC) unless that copy is there: nothing to do when locked or none is
 * enrolled.  False with a message. */
bool store_key_office(store *s, char *err, size_t errsize);
/* Checkpoint the WAL, truncate it, VACUUM and truncate again: what was in
 * clear before is in no page of the file or its -wal.  False with a
 * message. */
bool store_scrub(store *s, char *err, size_t errsize);

/*
 * Seal plain[0..len) under the data key, appended to out: a magic, a
 * random nonce, XChaCha20-Poly1305 with ad (the note id, and for a
 * revision its id too) as associated data, so a blob moved to another
 * note fails.  False (MSG_STORE_LOCKED) when s is locked.
 */
bool store_seal(store *s, const char *ad, const void *plain, size_t len, strbuf *out, char *err,
                size_t errsize);
/* store_seal's blob opened: true with a heap copy in *out (NUL-terminated
 * beyond *outlen; wipe and free it).  False with a message when locked,
 * damaged, or sealed for another ad or key. */
bool store_unseal(store *s, const char *ad, const void *blob, size_t len, char **out,
                  size_t *outlen, char *err, size_t errsize);
/* True when blob starts as store_seal's do. */
bool store_is_sealed(const void *blob, size_t len);
/* "path: the staff PIN is needed" (MSG_STORE_LOCKED) into err; false. */
bool store_locked_err(store *s, char *err, size_t errsize);

/* For the core modules that keep their rows here (notes.c) only. */
struct sqlite3 *store_sql(store *s);
/* A statement on s failed: note what it met (store_failure) and put
 * "path: SQLite's message" in err.  Returns false. */
bool store_failed(store *s, char *err, size_t errsize);
/* Clear the failure before a write. */
void store_clear_failure(store *s);

#endif
