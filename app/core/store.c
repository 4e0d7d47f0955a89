/*
 * store.c - the notes database: connection, checks, migrations, settings
 * (see store.h).
 */
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "msg.h"
#include "record.h"
#include "seal.h"
#include "util.h"

struct store {
    sqlite3 *db;
    msg_lang lang; /* of the reasons written to err */
    char kiosk[37];
    char *path;
    store_fail fail;     /* what the last failed write met */
    bool encrypted;      /* a wrapped data key is kept (STORE_KEY_DEK_PIN) */
    unsigned char *dek;  /* the data key while unlocked (sodium_malloc), or NULL */
};

/*
 * One step from a version to the next.  A step runs its SQL, or adds the
 * column of one rec_fields entry (the column's type made as for a new
 * file), and may ask for the full-text index to be made again from the
 * fields marked REC_SEARCHED (done once, after the last step).
 */
typedef struct migration {
    const char *sql;
    const char *add;
    bool fts;
} migration;

/* steps[i] brings a file at version i + 1 to i + 2.  Version 1 was the
 * first release (notes and settings); a new file is made at the current
 * version from rec_fields at once, without these steps. */
static const migration steps[] = {
    {.fts = true}, /* 2: full-text search over what was said (trigram: Japanese as typed) */
    /* 3: encryption at rest: a note's fields sealed in one blob (store_seal) */
    {.sql = "ALTER TABLE notes ADD COLUMN sealed BLOB;"},
};
#define SCHEMA_VERSION (1 + (int)MG_ARRAY_LEN(steps))

static bool key_state(store *s, char *err, size_t errsize);

int store_schema_version(void)
{
    return SCHEMA_VERSION;
}

/* SQLite's result code, as the trouble a person can act on. */
static store_fail classify(sqlite3 *db)
{
    switch (sqlite3_extended_errcode(db) & 0xff) {
    case SQLITE_FULL: return STORE_FAIL_FULL;
    case SQLITE_READONLY: return STORE_FAIL_READONLY;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return STORE_FAIL_IO;
    default: return STORE_FAIL_OTHER;
    }
}

store_fail store_failure(const store *s)
{
    return s ? s->fail : STORE_FAIL_IO;
}

bool store_failed(store *s, char *err, size_t errsize)
{
    s->fail = classify(s->db);
    snprintf(err, errsize, "%s: %s", s->path, sqlite3_errmsg(s->db));
    return false;
}

void store_clear_failure(store *s)
{
    s->fail = STORE_FAIL_OTHER;
}

struct sqlite3 *store_sql(store *s)
{
    return s->db;
}

msg_lang store_lang(const store *s)
{
    return s->lang;
}

const char *store_path(const store *s)
{
    return s->path;
}

const char *store_kiosk(const store *s)
{
    return s->kiosk;
}

void store_uuid(char out[37])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}

static void mkdirs(const char *path)
{
    char *dir = path_dirname(path);
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
    mkdir(dir, 0700);
    free(dir);
}

char *store_default_path(void)
{
    const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    char *base = x && *x ? xstrdup(x) : home ? path_join(home, ".local/share") : xstrdup(".");
    char *p = path_join(base, "madoguchi/madoguchi.db");
    free(base);
    return p;
}

/* ---- the schema, made from the field table ---- */

/* The column of f.  A column added to rows that exist needs a default
 * when it may not be NULL. */
static void column_def(strbuf *b, const rec_field *f, bool adding)
{
    bool req = f->flags & REC_REQUIRED;
    strbuf_adds(b, f->name);
    switch (f->kind) {
    case REC_UUID: strbuf_adds(b, " TEXT PRIMARY KEY"); break;
    case REC_TIME: strbuf_adds(b, adding ? " INTEGER NOT NULL DEFAULT 0" : " INTEGER NOT NULL"); break;
    case REC_BOOL: strbuf_adds(b, " INTEGER NOT NULL DEFAULT 0"); break;
    default: strbuf_adds(b, !req ? " TEXT" : adding ? " TEXT NOT NULL DEFAULT ''" : " TEXT NOT NULL");
    }
}

/* The searched fields, each as prefix.name, comma separated. */
static void searched(strbuf *b, const char *prefix)
{
    bool first = true;
    for (size_t i = 0; i < rec_nfields; i++)
        if (rec_fields[i].flags & REC_SEARCHED) {
            strbuf_printf(b, "%s%s%s", first ? "" : ", ", prefix, rec_fields[i].name);
            first = false;
        }
}

/* The full-text index (an external-content FTS5 table kept by triggers),
 * dropped first if there is one, and filled from the notes. */
static void fts_sql(strbuf *b)
{
    strbuf_adds(b, "DROP TRIGGER IF EXISTS notes_ai; DROP TRIGGER IF EXISTS notes_ad;"
                   " DROP TRIGGER IF EXISTS notes_au; DROP TABLE IF EXISTS notes_fts;"
                   " CREATE VIRTUAL TABLE notes_fts USING fts5(");
    searched(b, "");
    strbuf_adds(b, ", content='notes', content_rowid='rowid', tokenize='trigram');");
    strbuf add, del;
    strbuf_init(&add);
    strbuf_init(&del);
    strbuf_adds(&add, " INSERT INTO notes_fts(rowid, ");
    searched(&add, "");
    strbuf_adds(&add, ") VALUES (new.rowid, ");
    searched(&add, "new.");
    strbuf_adds(&add, ");");
    strbuf_adds(&del, " INSERT INTO notes_fts(notes_fts, rowid, ");
    searched(&del, "");
    strbuf_adds(&del, ") VALUES ('delete', old.rowid, ");
    searched(&del, "old.");
    strbuf_adds(&del, ");");
    strbuf_printf(b, " CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN%s END;", add.s);
    strbuf_printf(b, " CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN%s END;", del.s);
    strbuf_printf(b, " CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN%s%s END;", del.s, add.s);
    strbuf_adds(b, " INSERT INTO notes_fts(notes_fts) VALUES('rebuild');");
    strbuf_fini(&add);
    strbuf_fini(&del);
}

/* A new file at the current version. */
static void fresh_sql(strbuf *b)
{
    strbuf_adds(b, "CREATE TABLE notes(");
    for (size_t i = 0; i < rec_nfields; i++) {
        if (i)
            strbuf_adds(b, ", ");
        column_def(b, &rec_fields[i], false);
    }
    strbuf_adds(b, ", sealed BLOB); CREATE INDEX notes_updated ON notes(updated);"
                   " CREATE TABLE settings(k TEXT PRIMARY KEY, v TEXT);");
    fts_sql(b);
}

/* ---- opening ---- */

/* Checks made before SQLite sees the file: a folder, a device, a file
 * that does not start as SQLite does.  A missing file is made 0600 here,
 * so SQLite's -wal and -shm (which take the file's mode) are 0600 too. */
static bool check_file(const char *path, msg_lang lang, char *err, size_t errsize)
{
    struct stat sb;
    if (stat(path, &sb) != 0) {
        if (errno != ENOENT) {
            snprintf(err, errsize, "%s: %s", path, strerror(errno));
            return false;
        }
        int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
        if (fd < 0 && errno != EEXIST) {
            snprintf(err, errsize, "%s: %s", path, strerror(errno));
            return false;
        }
        if (fd >= 0)
            close(fd);
        return true;
    }
    if (S_ISDIR(sb.st_mode)) {
        snprintf(err, errsize, msg_get(lang, MSG_STORE_FOLDER), path);
        return false;
    }
    if (!S_ISREG(sb.st_mode)) {
        snprintf(err, errsize, msg_get(lang, MSG_STORE_NOT_FILE), path);
        return false;
    }
    if (sb.st_size > 0) {
        char head[16] = {0};
        int fd = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t got = fd >= 0 ? read(fd, head, sizeof head) : -1;
        if (fd >= 0)
            close(fd);
        if (got < 0) {
            snprintf(err, errsize, "%s: %s", path, strerror(errno));
            return false;
        }
        if (got < 16 || memcmp(head, "SQLite format 3", 16) != 0) {
            snprintf(err, errsize, msg_get(lang, MSG_STORE_NOT_SQLITE), path);
            return false;
        }
    }
    /* Made readable to others by an older build: the notes are private. */
    if ((sb.st_mode & 077) && sb.st_uid == geteuid()) {
        const char *sfx[] = {"", "-wal", "-shm"};
        for (size_t i = 0; i < MG_ARRAY_LEN(sfx); i++) {
            char p[4096];
            snprintf(p, sizeof p, "%s%s", path, sfx[i]);
            if (chmod(p, 0600) != 0 && errno != ENOENT && i == 0)
                break; /* a read-only drive: nothing to narrow there */
        }
    }
    return true;
}

/*
 * What the file holds, read without writing: its schema version in *ver.
 * 1 when it is ours (or empty) and this build can open it; 0 when it is
 * refused (a reason in err); -1 when SQLite could not read it.
 */
static int check_schema(store *s, int *ver, char *err, size_t errsize)
{
    sqlite3_stmt *st = NULL;
    int rc = sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL);
    if (rc == SQLITE_OK)
        rc = sqlite3_step(st);
    if (rc != SQLITE_ROW) {
        bool none = rc == SQLITE_DONE;
        if (none)
            snprintf(err, errsize, msg_get(s->lang, MSG_STORE_NO_VERSION), s->path);
        else
            snprintf(err, errsize, "%s: %s", s->path, sqlite3_errmsg(s->db));
        sqlite3_finalize(st);
        return none ? 0 : -1;
    }
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    *ver = v;
    if (v < 0) {
        snprintf(err, errsize, msg_get(s->lang, MSG_STORE_BAD_VERSION), s->path, v);
        return 0;
    }
    if (v > SCHEMA_VERSION) {
        snprintf(err, errsize, msg_get(s->lang, MSG_STORE_NEWER), s->path, v, SCHEMA_VERSION);
        return 0;
    }
    rc = sqlite3_prepare_v2(s->db,
                            "SELECT name FROM sqlite_schema WHERE type IN ('table', 'view')"
                            " AND name NOT LIKE 'sqlite_%' ORDER BY name",
                            -1, &st, NULL);
    strbuf names;
    strbuf_init(&names);
    int ntables = 0;
    bool notes = false, settings = false;
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *n = (const char *)sqlite3_column_text(st, 0);
        if (!n) {
            rc = SQLITE_NOMEM;
            break;
        }
        notes |= !strcmp(n, "notes");
        settings |= !strcmp(n, "settings");
        if (ntables++ < 5)
            strbuf_printf(&names, "%s%s", ntables > 1 ? ", " : "", n);
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    int ok = 1;
    if (rc != SQLITE_DONE) {
        snprintf(err, errsize, "%s: %s", s->path, sqlite3_errmsg(s->db));
        ok = -1;
    } else if ((v == 0 && ntables) || (v > 0 && (!notes || !settings))) {
        snprintf(err, errsize, msg_get(s->lang, MSG_STORE_FOREIGN), s->path,
                 ntables ? names.s : msg_get(s->lang, MSG_STORE_NO_TABLES),
                 ntables > 5 ? ", ..." : "");
        ok = 0;
    }
    strbuf_fini(&names);
    return ok;
}

/* Every field has its column: a field added without a migration step is
 * found here, with its name, not as a failed save later. */
static bool check_columns(store *s, char *err, size_t errsize)
{
    sqlite3_stmt *st;
    bool have[64] = {false};
    int rc = sqlite3_prepare_v2(s->db, "SELECT name FROM pragma_table_info('notes')", -1, &st,
                                NULL);
    while (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const rec_field *f = rec_find((const char *)sqlite3_column_text(st, 0));
        if (f && f - rec_fields < 64)
            have[f - rec_fields] = true;
        rc = SQLITE_OK;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        snprintf(err, errsize, "%s: %s", s->path, sqlite3_errmsg(s->db));
        return false;
    }
    for (size_t i = 0; i < rec_nfields; i++)
        if (!have[i]) {
            snprintf(err, errsize, msg_get(s->lang, MSG_STORE_NO_COLUMN), s->path,
                     rec_fields[i].name);
            return false;
        }
    return true;
}

/* Whether the settings hold a wrapped data key (read before migrating). */
static bool has_key_setting(store *s)
{
    sqlite3_stmt *st;
    bool has = sqlite3_prepare_v2(s->db, "SELECT 1 FROM settings WHERE k = ?1", -1, &st, NULL) ==
               SQLITE_OK;
    if (has) {
        sqlite3_bind_text(st, 1, STORE_KEY_DEK_PIN, -1, SQLITE_STATIC);
        has = sqlite3_step(st) == SQLITE_ROW;
    }
    sqlite3_finalize(st);
    return has;
}

/* Bring the file from version v to the current one, in one transaction. */
static bool migrate(store *s, int v, char *err, size_t errsize)
{
    if (v == SCHEMA_VERSION)
        return check_columns(s, err, errsize);
    strbuf sql;
    strbuf_init(&sql);
    strbuf_adds(&sql, "BEGIN IMMEDIATE;");
    if (v == 0) {
        fresh_sql(&sql);
    } else {
        bool fts = false;
        for (int i = v - 1; i < SCHEMA_VERSION - 1; i++) {
            if (steps[i].sql)
                strbuf_adds(&sql, steps[i].sql);
            if (steps[i].add) {
                strbuf_adds(&sql, "ALTER TABLE notes ADD COLUMN ");
                column_def(&sql, rec_find(steps[i].add), true);
                strbuf_addc(&sql, ';');
            }
            fts |= steps[i].fts;
        }
        /* Never on an encrypted store: the index would hold the words in
         * clear (a version 2 file has no key: encryption came with 3). */
        if (fts && !has_key_setting(s))
            fts_sql(&sql);
    }
    strbuf_printf(&sql, "PRAGMA user_version=%d;", SCHEMA_VERSION);
    bool ok = sqlite3_exec(s->db, sql.s, NULL, NULL, NULL) == SQLITE_OK;
    if (!ok)
        store_failed(s, err, errsize);
    else
        ok = check_columns(s, err, errsize);
    if (ok && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
        ok = store_failed(s, err, errsize);
    if (!ok && !sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    strbuf_fini(&sql);
    return ok;
}

/* Open s->path read-only as an immutable file (a URI: % ? # escaped). */
static bool open_read_only(store *s)
{
    strbuf uri;
    strbuf_init(&uri);
    strbuf_adds(&uri, "file:");
    for (const char *p = s->path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#') {
            char esc[4];
            snprintf(esc, sizeof esc, "%%%02X", (unsigned char)*p);
            strbuf_adds(&uri, esc);
        } else
            strbuf_addc(&uri, *p);
    }
    strbuf_adds(&uri, "?immutable=1");
    int rc = sqlite3_open_v2(uri.s, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    strbuf_fini(&uri);
    if (rc != SQLITE_OK) {
        sqlite3_close(s->db);
        s->db = NULL;
        return false;
    }
    return true;
}

/* Whether s keeps a wrapped data key; a key held without one (a
 * transaction that made it was rolled back) is let go. */
static bool key_state(store *s, char *err, size_t errsize)
{
    char *v = NULL;
    int got = store_setting(s, STORE_KEY_DEK_PIN, &v, err, errsize);
    free(v);
    if (got < 0)
        return false;
    s->encrypted = got > 0;
    if (!s->encrypted)
        store_lock(s);
    return true;
}

/* This kiosk's id, made once (not on a read-only file that lacks one). */
static bool load_kiosk(store *s, char *err, size_t errsize)
{
    char *v = NULL;
    int got = store_setting(s, STORE_KEY_KIOSK, &v, err, errsize);
    if (got < 0)
        return false;
    if (got > 0)
        snprintf(s->kiosk, sizeof s->kiosk, "%s", v);
    free(v);
    if (s->kiosk[0])
        return true;
    store_uuid(s->kiosk);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "INSERT OR IGNORE INTO settings VALUES('kiosk', ?)", -1,
                                &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, s->kiosk, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    /* A read-only file keeps none: the id lives for this run.  A writable
     * one that refused it would give this run's notes an id never kept. */
    bool ok = rc == SQLITE_DONE || sqlite3_db_readonly(s->db, "main") == 1 ||
              store_failed(s, err, errsize);
    sqlite3_finalize(st);
    return ok;
}

store *store_open_lang(const char *path, msg_lang lang, char *err, size_t errsize)
{
    if (sodium_init() < 0) {
        snprintf(err, errsize, msg_get(lang, MSG_STORE_SODIUM), path);
        return NULL;
    }
    mkdirs(path);
    if (!check_file(path, lang, err, errsize))
        return NULL;
    store *s = xcalloc(1, sizeof *s);
    s->lang = lang;
    s->path = xstrdup(path);
    int version = 0, rc = -1;
    /* What the file is, read before anything writes (WAL mode writes the
     * header); then WAL + FULL: a commit is on disk when it returns, and a
     * reader never blocks the writer. */
    if (sqlite3_open_v2(path, &s->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) ==
        SQLITE_OK) {
        sqlite3_busy_timeout(s->db, 5000);
        rc = check_schema(s, &version, err, errsize);
        if (rc > 0 && sqlite3_exec(s->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
                                   NULL, NULL, NULL) != SQLITE_OK) {
            snprintf(err, errsize, "%s: %s", path, sqlite3_errmsg(s->db));
            rc = -1;
        }
    } else {
        snprintf(err, errsize, "%s: %s", path, sqlite3_errmsg(s->db));
    }
    if (rc == 0) { /* refused: left as it was */
        store_close(s);
        return NULL;
    }
    if (rc < 0) {
        sqlite3_close(s->db);
        s->db = NULL;
        /* A write-protected drive (or a file we may not write): WAL needs
         * to write even to read, so open it as an unchanging file.  The
         * notes can be read and printed; saving says it is read-only. */
        if (access(path, R_OK) != 0 || access(path, W_OK) == 0 || !open_read_only(s) ||
            check_schema(s, &version, err, errsize) <= 0) {
            store_close(s);
            return NULL;
        }
        if (version != SCHEMA_VERSION) {
            snprintf(err, errsize, msg_get(lang, MSG_STORE_OLD_READONLY), path, version);
            store_close(s);
            return NULL;
        }
    }
    if (!migrate(s, version, err, errsize) || !load_kiosk(s, err, errsize) ||
        !key_state(s, err, errsize)) {
        store_close(s);
        return NULL;
    }
    /* Deleted rows are overwritten with zeros, not left in free pages. */
    sqlite3_exec(s->db, "PRAGMA secure_delete=ON", NULL, NULL, NULL);
    return s;
}

store *store_open(const char *path, char *err, size_t errsize)
{
    return store_open_lang(path, LANG_JA, err, errsize);
}

void store_close(store *s)
{
    if (!s)
        return;
    store_lock(s);
    sqlite3_close(s->db);
    free(s->path);
    free(s);
}

/* ---- settings ---- */

int store_setting(store *s, const char *key, char **value, char *err, size_t errsize)
{
    *value = NULL;
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(s->db, "SELECT v FROM settings WHERE k=?", -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            const unsigned char *t = sqlite3_column_text(st, 0);
            if (t)
                *value = xstrdup((const char *)t);
            else if (sqlite3_errcode(s->db) == SQLITE_NOMEM)
                rc = SQLITE_NOMEM;
        }
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_failed(s, err, errsize);
        sqlite3_finalize(st);
        return -1;
    }
    sqlite3_finalize(st);
    return *value ? 1 : 0;
}

bool store_set_setting(store *s, const char *key, const char *value, char *err, size_t errsize)
{
    sqlite3_stmt *st;
    store_clear_failure(s);
    int rc = sqlite3_prepare_v2(s->db, "INSERT OR REPLACE INTO settings VALUES(?, ?)", -1, &st,
                                NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
    }
    bool ok = rc == SQLITE_DONE || store_failed(s, err, errsize);
    sqlite3_finalize(st);
    return ok;
}

bool store_counter_next(store *s, const char *name, long long *value, char *err,
                        size_t errsize)
{
    char key[128];
    snprintf(key, sizeof key, "counter:%s", name);
    sqlite3_stmt *st;
    store_clear_failure(s);
    int rc = sqlite3_prepare_v2(s->db,
                                "INSERT INTO settings VALUES(?1, '1') ON CONFLICT(k) DO UPDATE"
                                " SET v = CAST(v AS INTEGER) + 1 RETURNING CAST(v AS INTEGER)",
                                -1, &st, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW) {
            *value = sqlite3_column_int64(st, 0);
            rc = sqlite3_step(st);
        }
    }
    bool ok = rc == SQLITE_DONE || store_failed(s, err, errsize);
    sqlite3_finalize(st);
    return ok;
}

/* ---- transactions ---- */

bool store_begin(store *s, char *err, size_t errsize)
{
    store_clear_failure(s);
    return sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ||
           store_failed(s, err, errsize);
}

bool store_commit(store *s, char *err, size_t errsize)
{
    if (sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
        return true;
    store_failed(s, err, errsize);
    store_rollback(s);
    return false;
}

void store_rollback(store *s)
{
    if (!sqlite3_get_autocommit(s->db))
        sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
    /* A key made in it is gone with it, also when SQLite rolled back by
     * itself (a full disk): never seal with a key the file does not keep. */
    char err[8];
    if (!key_state(s, err, sizeof err) && !s->encrypted)
        store_lock(s);
}

/* ---- encryption at rest ---- */

#define DEK_BYTES crypto_aead_xchacha20poly1305_ietf_KEYBYTES
#define NONCE_BYTES crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_BYTES crypto_aead_xchacha20poly1305_ietf_ABYTES
static const char sealed_magic[4] = {'\xff', 'M', 'S', '1'}; /* a field count never starts 0xff */
static const char wrap_ad[] = "madoguchi data key 1";

bool store_encrypted(const store *s)
{
    return s && s->encrypted;
}

bool store_locked(const store *s)
{
    return s && s->encrypted && !s->dek;
}

void store_lock(store *s)
{
    if (!s || !s->dek)
        return;
    sodium_memzero(s->dek, DEK_BYTES);
    sodium_free(s->dek);
    s->dek = NULL;
}

bool store_locked_err(store *s, char *err, size_t errsize)
{
    snprintf(err, errsize, msg_get(s->lang, MSG_STORE_LOCKED), s->path);
    s->fail = STORE_FAIL_OTHER;
    return false;
}

static void hex(strbuf *b, const unsigned char *p, size_t n)
{
    char h[2 * 80 + 1];
    while (n) {
        size_t k = n > 80 ? 80 : n;
        sodium_bin2hex(h, sizeof h, p, k);
        strbuf_adds(b, h);
        p += k;
        n -= k;
    }
}

/* Exactly n bytes from the hex at *t up to the next '$' or the end. */
static bool unhex(const char **t, unsigned char *out, size_t n)
{
    size_t len = strcspn(*t, "$"), got = 0;
    if (len != 2 * n || sodium_hex2bin(out, n, *t, len, NULL, &got, NULL) != 0 || got != n)
        return false;
    *t += len;
    if (**t == '$')
        (*t)++;
    return true;
}

/* The key that wraps the data key, from the PIN: Argon2id (crypto_pwhash). */
static bool derive(const char *pin, const unsigned char *salt, unsigned long long ops, size_t mem,
                   unsigned char kek[DEK_BYTES])
{
    return crypto_pwhash(kek, DEK_BYTES, pin, strlen(pin), salt, ops, mem,
                         crypto_pwhash_ALG_ARGON2ID13) == 0;
}

/* s->dek wrapped under pin, as the text kept in STORE_KEY_DEK_PIN:
 * "1$OPS$MEM$SALT$NONCE$CIPHERTEXT" (hex). */
static bool wrap(store *s, const char *pin, strbuf *out, char *err, size_t errsize)
{
    unsigned char salt[crypto_pwhash_SALTBYTES], nonce[NONCE_BYTES], kek[DEK_BYTES],
        ct[DEK_BYTES + TAG_BYTES];
    unsigned long long ops = crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = crypto_pwhash_MEMLIMIT_INTERACTIVE;
    randombytes_buf(salt, sizeof salt);
    randombytes_buf(nonce, sizeof nonce);
    if (!derive(pin, salt, ops, mem, kek)) {
        snprintf(err, errsize, "%s: out of memory for the key derivation", s->path);
        return false;
    }
    crypto_aead_xchacha20poly1305_ietf_encrypt(ct, NULL, s->dek, DEK_BYTES,
                                               (const unsigned char *)wrap_ad, sizeof wrap_ad - 1,
                                               NULL, nonce, kek);
    sodium_memzero(kek, sizeof kek);
    strbuf_printf(out, "1$%llu$%zu$", ops, mem);
    hex(out, salt, sizeof salt);
    strbuf_addc(out, '$');
    hex(out, nonce, sizeof nonce);
    strbuf_addc(out, '$');
    hex(out, ct, sizeof ct);
    return true;
}

/* The data key in text (wrap's) opened with pin into dek: 1, 0 a wrong
 * PIN, -1 the text is damaged or the memory is short. */
static int unwrap(const char *text, const char *pin, unsigned char dek[DEK_BYTES])
{
    unsigned long long ops;
    size_t mem;
    int used = 0;
    unsigned char salt[crypto_pwhash_SALTBYTES], nonce[NONCE_BYTES], kek[DEK_BYTES],
        ct[DEK_BYTES + TAG_BYTES];
    if (sscanf(text, "1$%llu$%zu$%n", &ops, &mem, &used) != 2 || !used ||
        ops > 64 || mem > (size_t)1 << 30)
        return -1;
    const char *t = text + used;
    if (!unhex(&t, salt, sizeof salt) || !unhex(&t, nonce, sizeof nonce) ||
        !unhex(&t, ct, sizeof ct) || *t)
        return -1;
    if (!derive(pin, salt, ops, mem, kek))
        return -1;
    int ok = crypto_aead_xchacha20poly1305_ietf_decrypt(dek, NULL, NULL, ct, sizeof ct,
                                                        (const unsigned char *)wrap_ad,
                                                        sizeof wrap_ad - 1, nonce, kek) == 0;
    sodium_memzero(kek, sizeof kek);
    return ok;
}

bool store_key_office(store *s, char *err, size_t errsize)
{
    if (!s->dek)
        return true;
    char *text = NULL, *have = NULL;
    int got = store_setting(s, SEAL_SETTING_PUBLIC, &text, err, errsize);
    unsigned char pk[SEAL_PK_BYTES];
    bool ok = got >= 0;
    if (got > 0 && seal_key_parse(text, pk) == SEAL_OK &&
        (got = store_setting(s, STORE_KEY_DEK_OFFICE, &have, err, errsize)) >= 0) {
        strbuf v;
        strbuf_init(&v);
        hex(&v, pk, sizeof pk);
        if (!have || strncmp(have, v.s, v.len) != 0 || have[v.len] != '$') {
            unsigned char sealed[crypto_box_SEALBYTES + DEK_BYTES];
            crypto_box_seal(sealed, s->dek, DEK_BYTES, pk);
            strbuf_addc(&v, '$');
            hex(&v, sealed, sizeof sealed);
            ok = store_set_setting(s, STORE_KEY_DEK_OFFICE, v.s, err, errsize);
        }
        strbuf_fini(&v);
    } else if (got < 0)
        ok = false;
    free(text);
    free(have);
    return ok;
}

bool store_unlock(store *s, const char *pin, char *err, size_t errsize)
{
    if (!s->encrypted)
        return true;
    char *text = NULL;
    int got = store_setting(s, STORE_KEY_DEK_PIN, &text, err, errsize);
    if (got <= 0) {
        if (got == 0)
            snprintf(err, errsize, msg_get(s->lang, MSG_STORE_KEY_BAD), s->path);
        free(text);
        return false;
    }
    unsigned char *dek = sodium_malloc(DEK_BYTES);
    int ok = dek ? unwrap(text, pin ? pin : "", dek) : -1;
    free(text);
    if (ok != 1) {
        snprintf(err, errsize, msg_get(s->lang, ok == 0 ? MSG_STORE_WRONG_PIN : MSG_STORE_KEY_BAD),
                 s->path);
        if (dek)
            sodium_free(dek);
        return false;
    }
    store_lock(s);
    s->dek = dek;
    /* An office key enrolled since: its copy of the key, so the office can
     * recover the notes of a kiosk whose PIN is lost (a read-only file
     * keeps none). */
    char why[512];
    if (!store_key_office(s, why, sizeof why) && sqlite3_db_readonly(s->db, "main") != 1)
        fprintf(stderr, "madoguchi: %s\n", why);
    return true;
}

bool store_key_make(store *s, const char *pin, char *err, size_t errsize)
{
    if (s->encrypted) {
        if (!s->dek)
            return store_locked_err(s, err, errsize);
    } else {
        store_lock(s);
        s->dek = sodium_malloc(DEK_BYTES);
        if (!s->dek) {
            snprintf(err, errsize, "%s: out of memory for the key", s->path);
            return false;
        }
        randombytes_buf(s->dek, DEK_BYTES);
    }
    strbuf w;
    strbuf_init(&w);
    bool fresh = !s->encrypted;
    bool ok = wrap(s, pin, &w, err, errsize) &&
              store_set_setting(s, STORE_KEY_DEK_PIN, w.s, err, errsize) &&
              store_key_office(s, err, errsize);
    strbuf_fini(&w);
    /* The full-text index holds the words in clear: none on an encrypted
     * store (notes_search reads the sealed notes instead). */
    if (ok && fresh)
        ok = sqlite3_exec(s->db,
                          "DROP TRIGGER IF EXISTS notes_ai; DROP TRIGGER IF EXISTS notes_ad;"
                          " DROP TRIGGER IF EXISTS notes_au; DROP TABLE IF EXISTS notes_fts;",
                          NULL, NULL, NULL) == SQLITE_OK ||
             store_failed(s, err, errsize);
    if (ok)
        s->encrypted = true;
    else if (fresh)
        store_lock(s);
    return ok;
}

bool store_scrub(store *s, char *err, size_t errsize)
{
    return sqlite3_exec(s->db,
                        "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);",
                        NULL, NULL, NULL) == SQLITE_OK ||
           store_failed(s, err, errsize);
}

bool store_is_sealed(const void *blob, size_t len)
{
    return blob && len >= sizeof sealed_magic + NONCE_BYTES + TAG_BYTES &&
           memcmp(blob, sealed_magic, sizeof sealed_magic) == 0;
}

/* The associated data: the magic, then ad (a heap string). */
static unsigned char *seal_ad(const char *ad, size_t *len)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_add(&b, sealed_magic, sizeof sealed_magic);
    strbuf_adds(&b, ad);
    *len = b.len;
    return (unsigned char *)strbuf_take(&b);
}

bool store_seal(store *s, const char *ad, const void *plain, size_t len, strbuf *out, char *err,
                size_t errsize)
{
    if (!s->dek)
        return store_locked_err(s, err, errsize);
    size_t adlen;
    unsigned char *a = seal_ad(ad, &adlen);
    size_t n = sizeof sealed_magic + NONCE_BYTES + len + TAG_BYTES;
    unsigned char *b = xmalloc(n);
    memcpy(b, sealed_magic, sizeof sealed_magic);
    unsigned char *nonce = b + sizeof sealed_magic;
    randombytes_buf(nonce, NONCE_BYTES);
    crypto_aead_xchacha20poly1305_ietf_encrypt(nonce + NONCE_BYTES, NULL, plain, len, a, adlen,
                                               NULL, nonce, s->dek);
    strbuf_add(out, (const char *)b, n);
    free(b);
    free(a);
    return true;
}

bool store_unseal(store *s, const char *ad, const void *blob, size_t len, char **out,
                  size_t *outlen, char *err, size_t errsize)
{
    *out = NULL;
    *outlen = 0;
    if (!s->dek)
        return store_locked_err(s, err, errsize);
    if (!store_is_sealed(blob, len)) {
        snprintf(err, errsize, msg_get(s->lang, MSG_STORE_SEALED_BAD), s->path, ad);
        return false;
    }
    size_t adlen;
    unsigned char *a = seal_ad(ad, &adlen);
    const unsigned char *nonce = (const unsigned char *)blob + sizeof sealed_magic;
    size_t clen = len - sizeof sealed_magic - NONCE_BYTES;
    unsigned char *p = xmalloc(clen - TAG_BYTES + 1);
    unsigned long long plen = 0;
    bool ok = crypto_aead_xchacha20poly1305_ietf_decrypt(p, &plen, NULL, nonce + NONCE_BYTES,
                                                         clen, a, adlen, nonce, s->dek) == 0;
    free(a);
    if (!ok) {
        free(p);
        snprintf(err, errsize, msg_get(s->lang, MSG_STORE_SEALED_BAD), s->path, ad);
        return false;
    }
    p[plen] = '\0';
    *out = (char *)p;
    *outlen = (size_t)plen;
    return true;
}
