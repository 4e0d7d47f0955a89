/*
 * notes.c - consultation records in SQLite (see notes.h).
 */
#include "notes.h"

#include <errno.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

#define SCHEMA_VERSION 2
#define MAX_FIELD (256u * 1024) /* bytes: a pasted page fits, a stray 1 MB paste does not */

struct notes_db {
    sqlite3 *db;
    char kiosk[37];
    char *path;
    notes_fail fail; /* what the last failed save met */
};

/* SQLite's result code, as the trouble a person can act on. */
static notes_fail classify(sqlite3 *db)
{
    switch (sqlite3_extended_errcode(db) & 0xff) {
    case SQLITE_FULL: return NOTES_FAIL_FULL;
    case SQLITE_READONLY: return NOTES_FAIL_READONLY;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return NOTES_FAIL_IO;
    default: return NOTES_FAIL_OTHER;
    }
}

notes_fail notes_failure(const notes_db *db)
{
    return db ? db->fail : NOTES_FAIL_IO;
}

static const char *const categories[] = {"breach", "outage", "prevention", "general",
                                         "safety", "other",  "guidebook"};
static const char *const channels[] = {"seminar", "visit", "window", "phone", "mail"};

bool notes_category_ok(const char *code)
{
    for (size_t i = 0; code && i < MG_ARRAY_LEN(categories); i++)
        if (strcmp(code, categories[i]) == 0)
            return true;
    return false;
}

bool notes_channel_ok(const char *code)
{
    for (size_t i = 0; code && i < MG_ARRAY_LEN(channels); i++)
        if (strcmp(code, channels[i]) == 0)
            return true;
    return false;
}

/* Migrations: entry v brings a database from version v to v + 1. */
static const char *const migrations[SCHEMA_VERSION] = {
    "CREATE TABLE notes(id TEXT PRIMARY KEY, created INTEGER NOT NULL, updated INTEGER NOT NULL,"
    " kiosk TEXT, channel TEXT, event TEXT, consultant TEXT, scribe TEXT, company TEXT,"
    " industry TEXT, size TEXT, question TEXT NOT NULL, category TEXT NOT NULL,"
    " law INTEGER NOT NULL DEFAULT 0, legal INTEGER NOT NULL DEFAULT 0, answer TEXT,"
    " referrals TEXT, referral_text TEXT, followup INTEGER NOT NULL DEFAULT 0,"
    " faq INTEGER NOT NULL DEFAULT 0, memo TEXT);"
    "CREATE INDEX notes_updated ON notes(updated);"
    "CREATE TABLE settings(k TEXT PRIMARY KEY, v TEXT);",
    /* 2: full-text search over what was said (trigram: Japanese as it is typed). */
    "CREATE VIRTUAL TABLE notes_fts USING fts5(question, answer, memo, company, referral_text,"
    " content='notes', content_rowid='rowid', tokenize='trigram');"
    "CREATE TRIGGER notes_ai AFTER INSERT ON notes BEGIN"
    " INSERT INTO notes_fts(rowid, question, answer, memo, company, referral_text)"
    " VALUES (new.rowid, new.question, new.answer, new.memo, new.company, new.referral_text); END;"
    "CREATE TRIGGER notes_ad AFTER DELETE ON notes BEGIN"
    " INSERT INTO notes_fts(notes_fts, rowid, question, answer, memo, company, referral_text)"
    " VALUES ('delete', old.rowid, old.question, old.answer, old.memo, old.company,"
    " old.referral_text); END;"
    "CREATE TRIGGER notes_au AFTER UPDATE ON notes BEGIN"
    " INSERT INTO notes_fts(notes_fts, rowid, question, answer, memo, company, referral_text)"
    " VALUES ('delete', old.rowid, old.question, old.answer, old.memo, old.company,"
    " old.referral_text);"
    " INSERT INTO notes_fts(rowid, question, answer, memo, company, referral_text)"
    " VALUES (new.rowid, new.question, new.answer, new.memo, new.company, new.referral_text); END;"
    "INSERT INTO notes_fts(notes_fts) VALUES('rebuild');",
};

static void make_uuid(char out[37])
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0F) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3F) | 0x80); /* RFC 4122 variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
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

char *notes_default_path(void)
{
    const char *x = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
    char *base = x && *x ? xstrdup(x) : home ? path_join(home, ".local/share") : xstrdup(".");
    char *p = path_join(base, "madoguchi/madoguchi.db");
    free(base);
    return p;
}

/* Open db->path read-only as an immutable file (a URI: % ? # escaped). */
static bool open_read_only(notes_db *db)
{
    strbuf uri;
    strbuf_init(&uri);
    strbuf_adds(&uri, "file:");
    for (const char *p = db->path; *p; p++) {
        if (*p == '%' || *p == '?' || *p == '#') {
            char esc[4];
            snprintf(esc, sizeof esc, "%%%02X", (unsigned char)*p);
            strbuf_adds(&uri, esc);
        } else
            strbuf_addc(&uri, *p);
    }
    strbuf_adds(&uri, "?immutable=1");
    int rc = sqlite3_open_v2(uri.s, &db->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
    strbuf_fini(&uri);
    if (rc != SQLITE_OK) {
        sqlite3_close(db->db);
        db->db = NULL;
        return false;
    }
    return true;
}

notes_db *notes_open(const char *path, char *err, size_t errsize)
{
    if (sodium_init() < 0) {
        snprintf(err, errsize, "libsodium");
        return NULL;
    }
    mkdirs(path);
    notes_db *db = xcalloc(1, sizeof *db);
    db->path = xstrdup(path);
    int version = -1;
    sqlite3_stmt *st = NULL;
    /* WAL + FULL: a commit is on disk when it returns, and a reader never
     * blocks the writer. */
    if (sqlite3_open(path, &db->db) != SQLITE_OK ||
        (sqlite3_busy_timeout(db->db, 5000),
         sqlite3_exec(db->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL, NULL,
                      NULL)) != SQLITE_OK ||
        sqlite3_prepare_v2(db->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
        snprintf(err, errsize, "%s: %s", path, sqlite3_errmsg(db->db));
        sqlite3_close(db->db);
        db->db = NULL;
        /* A write-protected drive (or a file we may not write): WAL needs
         * to write even to read, so open it as an unchanging file.  The
         * notes can be read and printed; saving says it is read-only. */
        if (access(path, R_OK) != 0 || access(path, W_OK) == 0 || !open_read_only(db) ||
            sqlite3_prepare_v2(db->db, "PRAGMA user_version", -1, &st, NULL) != SQLITE_OK) {
            notes_close(db);
            return NULL;
        }
    }
    if (sqlite3_step(st) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (version > SCHEMA_VERSION) {
        snprintf(err, errsize, "%s: made by a newer Madoguchi (schema %d, this one knows %d)",
                 path, version, SCHEMA_VERSION);
        notes_close(db);
        return NULL;
    }
    for (int v = version; v < SCHEMA_VERSION; v++) {
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version=%d", v + 1);
        if (sqlite3_exec(db->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db->db, migrations[v], NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db->db, sql, NULL, NULL, NULL) != SQLITE_OK ||
            sqlite3_exec(db->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
            snprintf(err, errsize, "%s: %s", path, sqlite3_errmsg(db->db));
            notes_close(db);
            return NULL;
        }
    }
    /* This kiosk's id, made once. */
    if (sqlite3_prepare_v2(db->db, "SELECT v FROM settings WHERE k='kiosk'", -1, &st, NULL) ==
            SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        snprintf(db->kiosk, sizeof db->kiosk, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    if (!db->kiosk[0]) {
        make_uuid(db->kiosk);
        if (sqlite3_prepare_v2(db->db, "INSERT OR IGNORE INTO settings VALUES('kiosk', ?)", -1,
                               &st, NULL) == SQLITE_OK) {
            sqlite3_bind_text(st, 1, db->kiosk, -1, SQLITE_STATIC);
            sqlite3_step(st);
        }
        sqlite3_finalize(st);
    }
    return db;
}

void notes_close(notes_db *db)
{
    if (!db)
        return;
    sqlite3_close(db->db);
    free(db->path);
    free(db);
}

const char *notes_kiosk(notes_db *db)
{
    return db->kiosk;
}

static bool check_text(const char *field, const char *s, char *err, size_t errsize)
{
    if (!s)
        return true;
    size_t n = strlen(s);
    if (n > MAX_FIELD) {
        snprintf(err, errsize, "%s: too long (%zu bytes, at most %u)", field, n, MAX_FIELD);
        return false;
    }
    size_t bad = utf8_invalid_at(s, n);
    if (bad < n) {
        snprintf(err, errsize, "%s: invalid UTF-8 at byte %zu", field, bad + 1);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {
            snprintf(err, errsize, "%s: control character 0x%02X at byte %zu", field, c, i + 1);
            return false;
        }
    }
    return true;
}

bool note_validate(const note *n, char *err, size_t errsize)
{
    const struct {
        const char *name, *value;
    } f[] = {{"question", n->question}, {"answer", n->answer},   {"memo", n->memo},
             {"company", n->company},   {"industry", n->industry}, {"size", n->size},
             {"event", n->event},       {"consultant", n->consultant},
             {"scribe", n->scribe},     {"referral_text", n->referral_text},
             {"referrals", n->referrals}};
    for (size_t i = 0; i < MG_ARRAY_LEN(f); i++)
        if (!check_text(f[i].name, f[i].value, err, errsize))
            return false;
    if (!n->question || !*n->question) {
        snprintf(err, errsize, "question: empty");
        return false;
    }
    if (!notes_category_ok(n->category)) {
        snprintf(err, errsize, "category: unknown code '%s' (breach, outage, prevention, general, "
                               "safety, other, guidebook)",
                 n->category ? n->category : "");
        return false;
    }
    if (n->channel && *n->channel && !notes_channel_ok(n->channel)) {
        snprintf(err, errsize, "channel: unknown code '%s' (seminar, visit, window, phone, mail)",
                 n->channel);
        return false;
    }
    return true;
}

/* A save SQLite refused (a read-only or full disk, most often): say why,
 * naming the file, before st (if any) is finalized and the message with
 * it; a new note loses the id it never got.  The caller keeps what was
 * typed.  Returns false. */
static bool save_failed(notes_db *db, note *n, bool fresh, sqlite3_stmt *st, char *err,
                        size_t errsize)
{
    db->fail = classify(db->db);
    snprintf(err, errsize, "%s: %s", db->path, sqlite3_errmsg(db->db));
    sqlite3_finalize(st);
    if (fresh)
        n->id[0] = '\0';
    return false;
}

bool notes_save(notes_db *db, note *n, char *err, size_t errsize)
{
    db->fail = NOTES_FAIL_OTHER;
    if (!note_validate(n, err, errsize))
        return false;
    long long t = now_ms();
    bool fresh = !n->id[0];
    if (fresh) {
        make_uuid(n->id);
        n->created = t;
    }
    n->updated = t;
    if (!n->kiosk) {
        n->kiosk = xstrdup(db->kiosk);
    }
    sqlite3_stmt *st;
    const char *sql =
        "INSERT INTO notes(id, created, updated, kiosk, channel, event, consultant, scribe,"
        " company, industry, size, question, category, law, legal, answer, referrals,"
        " referral_text, followup, faq, memo) VALUES(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
        " ON CONFLICT(id) DO UPDATE SET updated=excluded.updated, channel=excluded.channel,"
        " event=excluded.event, consultant=excluded.consultant, scribe=excluded.scribe,"
        " company=excluded.company, industry=excluded.industry, size=excluded.size,"
        " question=excluded.question, category=excluded.category, law=excluded.law,"
        " legal=excluded.legal, answer=excluded.answer, referrals=excluded.referrals,"
        " referral_text=excluded.referral_text, followup=excluded.followup, faq=excluded.faq,"
        " memo=excluded.memo";
    if (sqlite3_prepare_v2(db->db, sql, -1, &st, NULL) != SQLITE_OK)
        return save_failed(db, n, fresh, NULL, err, errsize);
    const char *text[] = {n->kiosk,   n->channel,  n->event,    n->consultant, n->scribe,
                          n->company, n->industry, n->size,     n->question,   n->category};
    sqlite3_bind_text(st, 1, n->id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, n->created);
    sqlite3_bind_int64(st, 3, n->updated);
    for (int i = 0; i < 10; i++)
        sqlite3_bind_text(st, 4 + i, text[i], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 14, n->law);
    sqlite3_bind_int(st, 15, n->legal);
    sqlite3_bind_text(st, 16, n->answer, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 17, n->referrals, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 18, n->referral_text, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 19, n->followup);
    sqlite3_bind_int(st, 20, n->faq);
    sqlite3_bind_text(st, 21, n->memo, -1, SQLITE_STATIC);
    if (sqlite3_step(st) != SQLITE_DONE)
        return save_failed(db, n, fresh, st, err, errsize);
    sqlite3_finalize(st);
    return true;
}

static char *col(sqlite3_stmt *st, int i)
{
    const unsigned char *t = sqlite3_column_text(st, i);
    return t ? xstrdup((const char *)t) : NULL;
}

#define COLUMNS                                                                                    \
    "id, created, updated, kiosk, channel, event, consultant, scribe, company, industry, size,"   \
    " question, category, law, legal, answer, referrals, referral_text, followup, faq, memo"

static void read_row(sqlite3_stmt *st, note *n)
{
    memset(n, 0, sizeof *n);
    snprintf(n->id, sizeof n->id, "%s", (const char *)sqlite3_column_text(st, 0));
    n->created = sqlite3_column_int64(st, 1);
    n->updated = sqlite3_column_int64(st, 2);
    char **text[] = {&n->kiosk,   &n->channel,  &n->event,    &n->consultant, &n->scribe,
                     &n->company, &n->industry, &n->size,     &n->question,   &n->category};
    for (int i = 0; i < 10; i++)
        *text[i] = col(st, 3 + i);
    n->law = sqlite3_column_int(st, 13);
    n->legal = sqlite3_column_int(st, 14);
    n->answer = col(st, 15);
    n->referrals = col(st, 16);
    n->referral_text = col(st, 17);
    n->followup = sqlite3_column_int(st, 18);
    n->faq = sqlite3_column_int(st, 19);
    n->memo = col(st, 20);
}

bool notes_get(notes_db *db, const char *id, note *out)
{
    sqlite3_stmt *st;
    bool found = false;
    if (sqlite3_prepare_v2(db->db, "SELECT " COLUMNS " FROM notes WHERE id=?", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            read_row(st, out);
            found = true;
        }
    }
    sqlite3_finalize(st);
    return found;
}

size_t notes_list(notes_db *db, note **out, size_t max)
{
    return notes_search(db, NULL, NULL, false, out, max);
}

size_t notes_search(notes_db *db, const char *query, const char *category, bool followup,
                    note **out, size_t max)
{
    *out = NULL;
    /* Terms of three characters or more through the trigram index; shorter
     * ones (鍵, 詐欺) by LIKE, which finds them all. */
    strbuf sql, match;
    strbuf_init(&sql);
    strbuf_init(&match);
    strbuf_adds(&sql, "SELECT " COLUMNS " FROM notes WHERE 1");
    char *terms[8];
    size_t nt = 0;
    char *q = xstrdup(query ? query : ""), *save = NULL;
    for (char *w = strtok_r(q, " \t", &save); w && nt < 8; w = strtok_r(NULL, " \t", &save))
        terms[nt++] = w;
    for (size_t i = 0; i < nt; i++) {
        if (utf8_count(terms[i], strlen(terms[i])) >= 3) {
            if (match.len)
                strbuf_adds(&match, " AND ");
            strbuf_addc(&match, '"');
            for (const char *c = terms[i]; *c; c++) {
                if (*c == '"')
                    strbuf_addc(&match, '"');
                strbuf_addc(&match, *c);
            }
            strbuf_addc(&match, '"');
        } else {
            int k = 2 + (int)i; /* ?2..?9: one parameter per short term */
            strbuf_printf(&sql,
                          " AND (question LIKE ?%d ESCAPE '\\' OR answer LIKE ?%d ESCAPE '\\'"
                          " OR memo LIKE ?%d ESCAPE '\\' OR company LIKE ?%d ESCAPE '\\')",
                          k, k, k, k);
        }
    }
    if (match.len)
        strbuf_adds(&sql, " AND rowid IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?10)");
    if (category)
        strbuf_adds(&sql, " AND category = ?11");
    if (followup)
        strbuf_adds(&sql, " AND followup = 1");
    strbuf_adds(&sql, " ORDER BY updated DESC, id LIMIT ?12");
    sqlite3_stmt *st;
    size_t n = 0, cap = 0;
    if (sqlite3_prepare_v2(db->db, sql.s, -1, &st, NULL) == SQLITE_OK) {
        for (size_t i = 0; i < nt; i++) {
            if (utf8_count(terms[i], strlen(terms[i])) >= 3)
                continue;
            strbuf like;
            strbuf_init(&like);
            strbuf_add_like(&like, terms[i]);
            sqlite3_bind_text(st, 2 + (int)i, like.s, -1, SQLITE_TRANSIENT);
            strbuf_fini(&like);
        }
        if (match.len)
            sqlite3_bind_text(st, 10, match.s, -1, SQLITE_TRANSIENT);
        if (category)
            sqlite3_bind_text(st, 11, category, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 12, (sqlite3_int64)max);
        while (sqlite3_step(st) == SQLITE_ROW) {
            vec_reserve((void **)out, &cap, n + 1, sizeof(note));
            read_row(st, &(*out)[n++]);
        }
    }
    sqlite3_finalize(st);
    strbuf_fini(&sql);
    strbuf_fini(&match);
    free(q);
    return n;
}

void note_fini(note *n)
{
    if (!n)
        return;
    char *f[] = {n->kiosk,    n->channel,  n->event,  n->consultant, n->scribe,
                 n->company,  n->industry, n->size,   n->question,   n->category,
                 n->answer,   n->referrals, n->referral_text, n->memo};
    for (size_t i = 0; i < MG_ARRAY_LEN(f); i++)
        free(f[i]);
    memset(n, 0, sizeof *n);
}

void notes_free(note *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        note_fini(&v[i]);
    free(v);
}

char *notes_setting(notes_db *db, const char *key)
{
    sqlite3_stmt *st;
    char *v = NULL;
    if (sqlite3_prepare_v2(db->db, "SELECT v FROM settings WHERE k=?", -1, &st, NULL) ==
        SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW)
            v = col(st, 0);
    }
    sqlite3_finalize(st);
    return v;
}

bool notes_set_setting(notes_db *db, const char *key, const char *value, char *err,
                       size_t errsize)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(db->db, "INSERT OR REPLACE INTO settings VALUES(?, ?)", -1, &st,
                                NULL);
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
        rc = sqlite3_step(st) == SQLITE_DONE ? SQLITE_OK : SQLITE_ERROR;
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_OK)
        snprintf(err, errsize, "%s", sqlite3_errmsg(db->db));
    return rc == SQLITE_OK;
}
