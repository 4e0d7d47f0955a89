/*
 * sync.h - carrying notes between databases (kiosk -> USB stick -> office):
 * revisions, sealed exports, the merge, conflicts, purging what went out.
 *
 * A row-level merge over immutable revisions, not SQLite's session
 * extension: a changeset says "row X changed from A to B" and applying it
 * where X is C needs a conflict handler there and then, so the result
 * depends on the order of imports.  Here each note has a set of revisions
 * (a snapshot of every field, its id "DBID.COUNTER", the revisions it
 * replaces); importing is a set union (idempotent, and the same in any
 * order), and the note shows its one head, or is a conflict when two
 * revisions replace neither each other.  Nothing is ever dropped: both
 * sides of a conflict stay until `resolve` makes a revision replacing both.
 *
 * A revision is taken when a database next syncs (export, import, resolve,
 * edit, purge): every note whose row differs from what its last revision
 * recorded gets a new one whose parent is that revision.  So edits between
 * two exports of a kiosk are one revision; edits made in the office on a
 * note that changed on a kiosk too become a conflict at the next import.
 *
 * Tables (created on first use, in the store's file): sync_revs,
 * sync_parents, sync_state (which revision the row shows), sync_exports
 * (the export sequence and what each export held), sync_imports.
 *
 * The export body (inside the sealed container, seal.h), big-endian:
 *   "MDGB" u16 1, str source db id, u64 export seq, u64 made (ms),
 *   u32 revisions, then each: str note, str rev, str db id, u64 counter,
 *   u64 updated, u16 parents + str each, str body (the fields: u16 count,
 *   then str name, u8 present, str value as rec_value writes it).
 *   A str is u32 length + bytes.  Reading is bounded (SYNC_MAX_REVS,
 *   SYNC_MAX_PARENTS, the body within the file) and every note is checked
 *   by note_validate before anything is written.
 *
 * Depends on: store, notes, record, seal, fsio, sqlite3, libsodium, POSIX.
 */
#ifndef MG_SYNC_H
#define MG_SYNC_H

#include <stdbool.h>
#include <stddef.h>

#include "notes.h"
#include "seal.h"
#include "store.h"

/* Days after their export that exported notes are removed (a setting;
 * unset or empty: never by itself). */
#define SYNC_SETTING_PURGE_DAYS "purge_after_days"

#define SYNC_MAX_REVS 200000
#define SYNC_MAX_PARENTS 64

/* One revision of one note, as a file carries it. */
typedef struct sync_rev {
    char note[37];
    char *rev, *db; /* "DBID.COUNTER"; the database that made it */
    long long counter, updated;
    char **parents;
    size_t nparents;
    char *body; /* the encoded fields (not NUL-terminated) */
    size_t body_len;
    unsigned char hash[32];
} sync_rev;

/* An export, read and checked (sync_read). */
typedef struct sync_file {
    char *source;
    long long seq, made;
    sync_rev *revs;
    size_t n;
    /* Who signed the container (sync_read): the kiosk's signing key,
     * checked by sync_merge against the one recorded for source. */
    bool is_signed;
    unsigned char signer[SEAL_PK_BYTES];
} sync_file;

/* Free f; sync_file_free(NULL) does nothing. */
void sync_file_free(sync_file *f);

/*
 * Open and check a whole export with the office key: decrypt (seal_read),
 * parse, decode and validate every note.  True with *out (free with
 * sync_file_free).  False with *st the container's status, or *st SEAL_OK
 * and what is wrong inside in err ("revision 3: field category: ...").
 * Touches no database.
 */
bool sync_read(const seal_office *o, const void *data, size_t len, sync_file **out,
               seal_status *st, char *err, size_t errsize);

/* The body alone, already decrypted (sync_read's second half; the fuzz
 * target and tests): anyone with the office's public key can seal any
 * body, so this is hostile input.  True with *out, or false with err. */
bool sync_parse(const void *body, size_t len, sync_file **out, char *err, size_t errsize);

/* What an export holds, before and after it is written. */
typedef struct sync_export {
    strbuf file;           /* the sealed bytes */
    long long seq;         /* this export's sequence number */
    size_t notes, revisions;
    char **keys;           /* "note rev" of each revision, to mark when done */
    /* When sync_export_make fails on its own account (not the
     * database's): its message (a "%s" one) and the argument, for a
     * screen in any language; MSG_COUNT otherwise. */
    msg_id why;
    char why_arg[32];
} sync_export;

/*
 * Take revisions of what changed, and seal to pk every revision not yet
 * exported (all: every revision this database holds).  x is filled (free
 * with sync_export_fini); nothing is marked exported until
 * sync_export_done.  False with a message.
 */
bool sync_export_make(store *s, const unsigned char pk[SEAL_PK_BYTES], bool all, long long now,
                      sync_export *x, char *err, size_t errsize);
/* The file x was written to path and read back intact: record it (the
 * sequence number, and each revision as exported).  False with a message. */
bool sync_export_done(store *s, const sync_export *x, const char *path, long long now,
                      char *err, size_t errsize);
void sync_export_fini(sync_export *x);

/* How an export to a file (a USB stick) ended. */
typedef enum sync_write {
    SYNC_W_OK,        /* written, read back identical and checked, recorded */
    SYNC_W_NOTHING,   /* no revision to export: no file made */
    SYNC_W_FULL,      /* the drive is full (ENOSPC, EDQUOT, EFBIG) */
    SYNC_W_READ_ONLY, /* the drive is write-protected (EROFS, EACCES, EPERM) */
    SYNC_W_WRITE,     /* another write error */
    SYNC_W_VERIFY,    /* what was read back differs or fails seal_check */
    SYNC_W_DB,        /* the database could not make or record the export */
} sync_write;

/* What sync_export_file wrote, and where. */
typedef struct sync_written {
    size_t notes, revisions;
    long long seq;
    char path[4096];
    /* On failure, what a screen says, in its language: a message taking
     * one "%s" (MSG_USB_FULL, MSG_USB_DB_IO, ...) and its argument (the
     * drive or file, a figure); MSG_COUNT on SYNC_W_OK, SYNC_W_NOTHING. */
    msg_id why;
    char why_arg[4096];
} sync_written;

/*
 * The whole export to a file: sync_export_make, the sealed bytes written
 * atomically (write_file_atomic: a full or read-only drive keeps no part
 * of them), read back from the drive (its cached pages dropped first) and
 * compared byte for byte and with seal_check against pk, then
 * sync_export_done.  The file is path, or when dir is given
 * dir/madoguchi-KIOSK-SEQ.mdgx (KIOSK: the first 8 characters of this
 * database's id), its name in w->path either way (a dir too long for a
 * path is SYNC_W_WRITE with MSG_USB_PATH_LONG, nothing written).  A file
 * that does not read back intact is removed.  Returns how it ended; on anything but
 * SYNC_W_OK and SYNC_W_NOTHING, err says what (with the path).  Nothing is
 * marked exported unless SYNC_W_OK.
 */
sync_write sync_export_file(store *s, const unsigned char pk[SEAL_PK_BYTES], bool all,
                            const char *dir, const char *path, long long now, sync_written *w,
                            char *err, size_t errsize);

/* What an import did, note by note (each note counted once). */
typedef struct sync_counts {
    size_t new_notes, updated, unchanged, conflicts;
    size_t revisions; /* revisions this database did not have */
    /* Kiosks seen for the first time: their signing keys recorded now
     * (trust on first use), the first SYNC_MAX_NEW_SIGNERS of them. */
    size_t new_signers;
    char signer_source[8][37];
    char signer_fp[8][SEAL_FINGERPRINT_MAX];
    /* A refusal for another key (refused_file >= 0): which file, its
     * kiosk, the key recorded and the key it was signed with. */
    int refused_file;
    char refused_source[37];
    char recorded_fp[SEAL_FINGERPRINT_MAX], refused_fp[SEAL_FINGERPRINT_MAX];
} sync_counts;
#define SYNC_MAX_NEW_SIGNERS 8

/*
 * Merge files into s in one transaction: first the origin of each file
 * (its kiosk's signing key: recorded the first time, and a file from the
 * same kiosk signed with another key refuses the whole import, with
 * c->refused_file set), then a revision of any local edit, then every
 * revision of every file (known ones are skipped; the same id with other
 * contents is refused), then each touched note shows its head (or, with
 * several heads, the latest, marked as a conflict).  On any failure
 * nothing is changed.  True with the counts.
 */
bool sync_merge(store *s, sync_file *const *files, size_t n, long long now, sync_counts *c,
                char *err, size_t errsize);

/* For pin_set, inside its transaction, on an encrypted store: every
 * revision body still in clear sealed (store_seal, the note and revision
 * ids as associated data; bodies are sealed so on every write, opened on
 * every read; the hash stays that of the clear body, as on every
 * database).  True at once on a store that is not encrypted. */
bool sync_seal_all(store *s, char *err, size_t errsize);

/* This kiosk's signing key pair (SEAL_SETTING_SIGNER) into k, made and
 * stored the first time (at enrolment, or the first export of a kiosk
 * enrolled before there were signatures).  *made: it was made now (may
 * be NULL).  False with a message. */
bool sync_signer(store *s, seal_signer *k, bool *made, char *err, size_t errsize);

/* Record a revision of each note edited since its last one (in its own
 * transaction).  False with a message. */
bool sync_snapshot(store *s, long long now, char *err, size_t errsize);

/*
 * The full id of the note whose id starts with prefix (at least 4
 * characters), into out: 1 found, 0 none, 2 more than one, -1 a failed
 * read (message in err).
 */
int sync_find(store *s, const char *prefix, char out[37], char *err, size_t errsize);

/* One revision as shown by notes show --all-revisions. */
typedef struct sync_rev_info {
    char *rev, *parents; /* parents comma separated ("" for the first) */
    long long updated;
    bool head, shown;    /* replaced by none; the one the note shows */
    note n;              /* its fields */
} sync_rev_info;
/* Every revision of note id, oldest first: true with a heap array
 * (sync_rev_info_free). */
bool sync_revisions(store *s, const char *id, sync_rev_info **out, size_t *n, char *err,
                    size_t errsize);
void sync_rev_info_free(sync_rev_info *v, size_t n);

/* The notes with more than one head, each "ID\tREV REV..." (heap strings,
 * strv_free).  A database that never synced has none (and gets no tables
 * for asking). */
bool sync_conflicts(store *s, char ***out, size_t *n, char *err, size_t errsize);
/*
 * Resolve note id by keeping revision rev (any revision of it): a new
 * revision with rev's fields that replaces every head.  False with a
 * message (no such revision).
 */
bool sync_resolve(store *s, const char *id, const char *rev, long long now, char *err,
                  size_t errsize);

/*
 * One conflicted note as staff compare it (the staff screen's conflict
 * view): its heads side by side, and every field of the field table with
 * each head's value as a person reads it and whether they differ.
 */
typedef struct sync_side {
    char *rev;         /* the revision (heap): what sync_resolve keeps */
    char *db;          /* the database that made it: a kiosk's or an office's id (heap) */
    long long updated; /* when it was made (ms) */
    bool local;        /* made here (this database's own edit) */
    bool shown;        /* the one the note shows now */
} sync_side;
typedef struct sync_row {
    const rec_field *field;
    msg_id label;  /* the field's label (the editor's, or one of its own) */
    char **values; /* one per side, heap, as a person reads it ("" when empty) */
    bool differ;   /* not every side holds the same value */
} sync_row;
typedef struct sync_conflict {
    char id[37];
    sync_side *sides; /* the heads, the one shown first (then latest first) */
    size_t nsides;
    sync_row *rows;   /* every field, in the table's order */
    size_t nrows;
    size_t ndiffer;   /* rows that differ */
} sync_conflict;
/*
 * Note id (a full id) laid out for comparing, its values in lang (codes
 * as their labels, flags as yes/no, times as local dates): 1 with *c
 * filled (free with sync_conflict_fini), 0 when the note is not in
 * conflict (one head, or unknown), -1 on a failed read (message in err).
 */
int sync_conflict_get(store *s, const char *id, msg_lang lang, sync_conflict *c, char *err,
                      size_t errsize);
/* Free what c holds; sync_conflict_fini(NULL) does nothing. */
void sync_conflict_fini(sync_conflict *c);

/*
 * Remove from s the notes whose every revision went out in a verified
 * export and that were not edited since (older_than: only those last
 * exported before this time, ms; 0 for any).  Deleted with secure_delete
 * and the file vacuumed, so their text is gone from the disk.  *purged
 * counts them.  A note never exported is never purged.  A locked
 * encrypted store takes no revision first: a note saved since the
 * revision it shows (another updated time) is kept.
 */
bool sync_purge_exported(store *s, long long older_than, size_t *purged, char *err,
                         size_t errsize);

/*
 * The automatic purge: with SYNC_SETTING_PURGE_DAYS set to N (1..36500),
 * sync_purge_exported of the notes last exported more than N days before
 * now (ms); *days gets N, or 0 when the setting is unset, empty or not
 * such a number (then nothing is done).  The kiosk runs it at each start
 * and after each export.  False with a message.
 */
bool sync_purge_due(store *s, long long now, int *days, size_t *purged, char *err,
                    size_t errsize);

#endif
