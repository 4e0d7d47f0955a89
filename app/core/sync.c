/*
 * sync.c - revisions, exports, the merge (see sync.h).
 *
 * The tables live in the store's file and are made on first use, so a
 * database that never syncs never has them.  Every write here runs inside
 * one transaction (store_begin/commit): an import that fails, or a process
 * killed in the middle, leaves the file as it was.
 */
#include "sync.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "fsio.h"
#include "util.h"

static const char tables_sql[] =
    "CREATE TABLE IF NOT EXISTS sync_revs(note TEXT NOT NULL, rev TEXT NOT NULL,"
    " db TEXT NOT NULL, counter INTEGER NOT NULL, updated INTEGER NOT NULL,"
    " body BLOB NOT NULL, hash BLOB NOT NULL, exported INTEGER,"
    " PRIMARY KEY(note, rev)) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS sync_parents(note TEXT NOT NULL, rev TEXT NOT NULL,"
    " parent TEXT NOT NULL, PRIMARY KEY(note, rev, parent)) WITHOUT ROWID;"
    "CREATE INDEX IF NOT EXISTS sync_parents_parent ON sync_parents(note, parent);"
    "CREATE TABLE IF NOT EXISTS sync_state(note TEXT PRIMARY KEY, rev TEXT NOT NULL,"
    " hash BLOB NOT NULL) WITHOUT ROWID;"
    "CREATE TABLE IF NOT EXISTS sync_counter(k TEXT PRIMARY KEY, v INTEGER NOT NULL);"
    "CREATE TABLE IF NOT EXISTS sync_exports(seq INTEGER PRIMARY KEY, at INTEGER NOT NULL,"
    " revisions INTEGER NOT NULL, notes INTEGER NOT NULL, file TEXT);"
    "CREATE TABLE IF NOT EXISTS sync_imports(source TEXT NOT NULL, seq INTEGER NOT NULL,"
    " at INTEGER NOT NULL, revisions INTEGER NOT NULL, PRIMARY KEY(source, seq));"
    "CREATE TABLE IF NOT EXISTS sync_signers(source TEXT PRIMARY KEY, pk BLOB NOT NULL,"
    " first_at INTEGER NOT NULL) WITHOUT ROWID;";

/* The heads of a note: revisions no other revision of it replaces; the
 * one shown first (latest update, then the larger id) on every database. */
#define HEADS_SQL                                                                                  \
    "SELECT rev, updated, body FROM sync_revs r WHERE note = ?1 AND NOT EXISTS"                    \
    " (SELECT 1 FROM sync_parents p WHERE p.note = r.note AND p.parent = r.rev)"                   \
    " ORDER BY updated DESC, rev DESC"

static bool exec(store *s, const char *sql, char *err, size_t errsize)
{
    if (sqlite3_exec(store_sql(s), sql, NULL, NULL, NULL) != SQLITE_OK)
        return store_failed(s, err, errsize);
    return true;
}

static sqlite3_stmt *prep(store *s, const char *sql, char *err, size_t errsize)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(store_sql(s), sql, -1, &st, NULL) != SQLITE_OK) {
        store_failed(s, err, errsize);
        sqlite3_finalize(st);
        return NULL;
    }
    return st;
}

static bool begin(store *s, char *err, size_t errsize)
{
    return exec(s, tables_sql, err, errsize) && store_begin(s, err, errsize);
}

/* Commit, or roll back after a failure (ok false).  Returns ok. */
static bool finish(store *s, bool ok, char *err, size_t errsize)
{
    if (ok)
        ok = store_commit(s, err, errsize);
    if (!ok)
        store_rollback(s);
    return ok;
}

/* ---- the wire: big-endian integers and length-prefixed strings ---- */

static void put_n(strbuf *b, unsigned long long v, int n)
{
    char c[8];
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        c[i] = (char)(v & 0xff);
    strbuf_add(b, c, (size_t)n);
}

static void put_str(strbuf *b, const char *s, size_t n)
{
    put_n(b, n, 4);
    strbuf_add(b, s, n);
}

typedef struct rd {
    const unsigned char *p;
    size_t left;
    bool bad;
} rd;

static unsigned long long get_n(rd *r, int n)
{
    if (r->bad || r->left < (size_t)n) {
        r->bad = true;
        return 0;
    }
    unsigned long long v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | r->p[i];
    r->p += n;
    r->left -= (size_t)n;
    return v;
}

/* A string of at most max bytes, pointing into the buffer. */
static const char *get_str(rd *r, size_t max, size_t *len)
{
    size_t n = (size_t)get_n(r, 4);
    if (r->bad || n > max || n > r->left) {
        r->bad = true;
        *len = 0;
        return "";
    }
    const char *s = (const char *)r->p;
    r->p += n;
    r->left -= n;
    *len = n;
    return s;
}

/* ---- a note's fields, encoded ---- */

static void encode_note(const note *n, strbuf *out)
{
    strbuf v;
    strbuf_init(&v);
    put_n(out, rec_nfields, 2);
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        strbuf_clear(&v);
        bool present = rec_value(n, f, &v);
        put_str(out, f->name, strlen(f->name));
        put_n(out, present, 1);
        if (present)
            put_str(out, v.s, v.len);
    }
    strbuf_fini(&v);
}

/* The fields in body into n (note_fini it, also on failure); checked as a
 * person's input is.  False with the field named in err. */
static bool decode_note(const char *body, size_t len, note *n, char *err, size_t errsize)
{
    memset(n, 0, sizeof *n);
    rd r = {(const unsigned char *)body, len, false};
    size_t count = (size_t)get_n(&r, 2);
    bool seen[128] = {false};
    if (r.bad || count > 128) {
        snprintf(err, errsize, "the fields cannot be read");
        return false;
    }
    for (size_t i = 0; i < count; i++) {
        size_t nl, vl = 0;
        const char *name = get_str(&r, 64, &nl);
        int present = (int)get_n(&r, 1);
        const char *val = present ? get_str(&r, SEAL_FILE_MAX, &vl) : NULL;
        if (r.bad || present > 1) {
            snprintf(err, errsize, "the fields cannot be read");
            return false;
        }
        char fname[65];
        memcpy(fname, name, nl);
        fname[nl] = '\0';
        const rec_field *f = rec_find(fname);
        if (!f || memchr(fname, '\0', nl)) {
            snprintf(err, errsize, "unknown field %.64s", fname);
            return false;
        }
        size_t k = (size_t)(f - rec_fields);
        if (k < 128 && seen[k]) {
            snprintf(err, errsize, "field %s given twice", f->name);
            return false;
        }
        if (k < 128)
            seen[k] = true;
        if (val && memchr(val, '\0', vl)) {
            snprintf(err, errsize, "field %s: a NUL byte", f->name);
            return false;
        }
        if (!present)
            continue;
        char *t = xstrndup(val, vl);
        bool ok = rec_set(n, f, t, err, errsize);
        free(t);
        if (!ok)
            return false;
    }
    if (r.left) {
        snprintf(err, errsize, "bytes after the fields");
        return false;
    }
    if (!n->id[0] || n->created <= 0 || n->updated <= 0) {
        snprintf(err, errsize, "the note has no id or no times");
        return false;
    }
    return note_validate(n, err, errsize);
}

static void body_hash(const void *body, size_t len, unsigned char out[32])
{
    crypto_generichash(out, 32, body, len, NULL, 0);
}

/* ---- taking revisions ---- */

/* The next value of this database's revision counter (never reused, also
 * after a purge). */
static bool next_counter(store *s, long long *v, char *err, size_t errsize)
{
    sqlite3_stmt *st = prep(s,
                            "INSERT INTO sync_counter(k, v) VALUES('rev', 1) ON CONFLICT(k)"
                            " DO UPDATE SET v = v + 1 RETURNING v",
                            err, errsize);
    if (!st)
        return false;
    bool ok = sqlite3_step(st) == SQLITE_ROW;
    if (ok)
        *v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return ok || store_failed(s, err, errsize);
}

/* ---- a revision's body at rest: sealed on an encrypted store (store.h) ---- */

/* The associated data of a revision's sealed body: its note and its id. */
static char *body_ad(const char *note_id, const char *rev)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, "%s %s", note_id, rev);
    return strbuf_take(&b);
}

/* The body of revision rev as it is read from sync_revs: a heap copy, opened
 * when it is sealed (wipe and free it).  NULL with a message. */
static char *body_out(store *s, const char *note_id, const char *rev, const void *blob,
                      size_t len, size_t *outlen, char *err, size_t errsize)
{
    if (!store_is_sealed(blob, len)) {
        char *b = xmalloc(len ? len : 1);
        if (len)
            memcpy(b, blob, len);
        *outlen = len;
        return b;
    }
    char *ad = body_ad(note_id, rev), *plain = NULL;
    bool ok = store_unseal(s, ad, blob, len, &plain, outlen, err, errsize);
    free(ad);
    return ok ? plain : NULL;
}

static void body_wipe(char *b, size_t len)
{
    if (b)
        sodium_memzero(b, len);
    free(b);
}

bool sync_seal_all(store *s, char *err, size_t errsize)
{
    if (!store_encrypted(s))
        return true;
    if (!exec(s, tables_sql, err, errsize))
        return false;
    sqlite3_stmt *st = prep(s, "SELECT note, rev, body FROM sync_revs", err, errsize);
    sqlite3_stmt *up = st ? prep(s, "UPDATE sync_revs SET body = ?3 WHERE note = ?1 AND rev = ?2",
                                 err, errsize)
                          : NULL;
    bool ok = st && up;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        const void *b = sqlite3_column_blob(st, 2);
        size_t len = (size_t)sqlite3_column_bytes(st, 2);
        if (store_is_sealed(b, len))
            continue;
        const char *nid = (const char *)sqlite3_column_text(st, 0);
        const char *rev = (const char *)sqlite3_column_text(st, 1);
        char *ad = body_ad(nid, rev);
        strbuf sealed;
        strbuf_init(&sealed);
        ok = store_seal(s, ad, b, len, &sealed, err, errsize);
        free(ad);
        if (ok) {
            sqlite3_bind_text(up, 1, nid, -1, SQLITE_STATIC);
            sqlite3_bind_text(up, 2, rev, -1, SQLITE_STATIC);
            sqlite3_bind_blob(up, 3, sealed.s, (int)sealed.len, SQLITE_STATIC);
            ok = sqlite3_step(up) == SQLITE_DONE || store_failed(s, err, errsize);
            sqlite3_reset(up);
        }
        strbuf_fini(&sealed);
    }
    if (ok && rc != SQLITE_DONE)
        ok = store_failed(s, err, errsize);
    sqlite3_finalize(st);
    sqlite3_finalize(up);
    return ok;
}

static bool insert_rev(store *s, const char *note_id, const char *rev, const char *db,
                       long long counter, long long updated, const void *body, size_t len,
                       const unsigned char hash[32], long long exported, char *const *parents,
                       size_t np, char *err, size_t errsize)
{
    strbuf sealed; /* the body as kept: sealed on an encrypted store */
    strbuf_init(&sealed);
    if (store_encrypted(s)) {
        char *ad = body_ad(note_id, rev);
        bool ok = store_seal(s, ad, body, len, &sealed, err, errsize);
        free(ad);
        if (!ok)
            return false;
        body = sealed.s;
        len = sealed.len;
    }
    sqlite3_stmt *st = prep(s,
                            "INSERT INTO sync_revs(note, rev, db, counter, updated, body, hash,"
                            " exported) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                            err, errsize);
    if (!st) {
        strbuf_fini(&sealed);
        return false;
    }
    sqlite3_bind_text(st, 1, note_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rev, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 3, db, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 4, counter);
    sqlite3_bind_int64(st, 5, updated);
    sqlite3_bind_blob(st, 6, body, (int)len, SQLITE_STATIC);
    sqlite3_bind_blob(st, 7, hash, 32, SQLITE_STATIC);
    if (exported >= 0)
        sqlite3_bind_int64(st, 8, exported);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    strbuf_fini(&sealed);
    if (!ok)
        return store_failed(s, err, errsize);
    st = prep(s, "INSERT OR IGNORE INTO sync_parents(note, rev, parent) VALUES(?1, ?2, ?3)", err,
              errsize);
    if (!st)
        return false;
    for (size_t i = 0; i < np && ok; i++) {
        sqlite3_bind_text(st, 1, note_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, rev, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, parents[i], -1, SQLITE_STATIC);
        ok = sqlite3_step(st) == SQLITE_DONE;
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    return ok || store_failed(s, err, errsize);
}

static bool set_state(store *s, const char *note_id, const char *rev, const unsigned char h[32],
                      char *err, size_t errsize)
{
    sqlite3_stmt *st = prep(s, "INSERT OR REPLACE INTO sync_state(note, rev, hash) VALUES(?1, ?2, ?3)",
                            err, errsize);
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, note_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rev, -1, SQLITE_STATIC);
    sqlite3_bind_blob(st, 3, h, 32, SQLITE_STATIC);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok || store_failed(s, err, errsize);
}

/* A new revision of n (as it is stored now) replacing parents; the row
 * shows it.  rev_out (64 bytes) gets its id when not NULL. */
static bool new_rev(store *s, const note *n, char *const *parents, size_t np, char *err,
                    size_t errsize)
{
    long long counter = 0;
    if (!next_counter(s, &counter, err, errsize))
        return false;
    char rev[80];
    snprintf(rev, sizeof rev, "%s.%lld", store_kiosk(s), counter);
    strbuf body;
    strbuf_init(&body);
    encode_note(n, &body);
    unsigned char h[32];
    body_hash(body.s, body.len, h);
    bool ok = insert_rev(s, n->id, rev, store_kiosk(s), counter, n->updated, body.s, body.len, h,
                         -1, parents, np, err, errsize) &&
              set_state(s, n->id, rev, h, err, errsize);
    strbuf_fini(&body);
    return ok;
}

/* Inside a transaction: a revision of each note whose row is not what its
 * last revision recorded. */
static bool snapshot_in(store *s, char *err, size_t errsize)
{
    note *v = NULL;
    size_t n = 0;
    if (!notes_list(s, 0, &v, &n, err, errsize))
        return false;
    sqlite3_stmt *st = prep(s, "SELECT rev, hash FROM sync_state WHERE note = ?1", err, errsize);
    bool ok = st != NULL;
    strbuf body;
    strbuf_init(&body);
    for (size_t i = 0; i < n && ok; i++) {
        strbuf_clear(&body);
        encode_note(&v[i], &body);
        unsigned char h[32];
        body_hash(body.s, body.len, h);
        sqlite3_bind_text(st, 1, v[i].id, -1, SQLITE_STATIC);
        char *parent = NULL;
        bool same = false;
        if (sqlite3_step(st) == SQLITE_ROW) {
            parent = xstrdup((const char *)sqlite3_column_text(st, 0));
            same = sqlite3_column_bytes(st, 1) == 32 &&
                   memcmp(sqlite3_column_blob(st, 1), h, 32) == 0;
        }
        sqlite3_reset(st);
        if (!same)
            ok = new_rev(s, &v[i], &parent, parent ? 1 : 0, err, errsize);
        free(parent);
    }
    strbuf_fini(&body);
    sqlite3_finalize(st);
    notes_free(v, n);
    return ok;
}

bool sync_snapshot(store *s, long long now, char *err, size_t errsize)
{
    (void)now;
    if (!begin(s, err, errsize))
        return false;
    return finish(s, snapshot_in(s, err, errsize), err, errsize);
}

/* ---- reading an export ---- */

static void rev_fini(sync_rev *r)
{
    free(r->rev);
    free(r->db);
    strv_free(r->parents, r->nparents);
    free(r->body);
}

void sync_file_free(sync_file *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        rev_fini(&f->revs[i]);
    free(f->revs);
    free(f->source);
    free(f);
}

/* A copy of a string read from the wire, refused when it holds a NUL or
 * is empty. */
static char *wire_dup(const char *s, size_t n)
{
    if (n == 0 || memchr(s, '\0', n))
        return NULL;
    return xstrndup(s, n);
}

/* "DBID.COUNTER" for a database id and a counter. */
static bool rev_ok(const char *rev, const char *db, long long counter)
{
    char want[128];
    snprintf(want, sizeof want, "%s.%lld", db, counter);
    return strcmp(rev, want) == 0;
}

static bool parse_body(const char *d, size_t len, sync_file *f, char *err, size_t errsize)
{
    rd r = {(const unsigned char *)d, len, false};
    size_t n;
    if (len < 6 || memcmp(d, "MDGB", 4) != 0) {
        snprintf(err, errsize, "not an export body");
        return false;
    }
    r.p += 4;
    r.left -= 4;
    if (get_n(&r, 2) != 1) {
        snprintf(err, errsize, "an export body of another version");
        return false;
    }
    const char *src = get_str(&r, 64, &n);
    f->source = r.bad ? NULL : wire_dup(src, n);
    f->seq = (long long)get_n(&r, 8);
    f->made = (long long)get_n(&r, 8);
    size_t count = (size_t)get_n(&r, 4);
    if (r.bad || !f->source || count > SYNC_MAX_REVS || f->seq < 1) {
        snprintf(err, errsize, "the export header cannot be read");
        return false;
    }
    /* Each revision takes at least 40 bytes: never allocate for more than
     * the file could hold. */
    if (count > r.left / 40) {
        snprintf(err, errsize, "the export is shorter than its count of revisions");
        return false;
    }
    f->revs = xcalloc(count ? count : 1, sizeof *f->revs);
    for (size_t i = 0; i < count; i++) {
        sync_rev *v = &f->revs[i];
        f->n = i + 1;
        const char *id = get_str(&r, 36, &n);
        if (!r.bad && n == 36) {
            memcpy(v->note, id, 36);
            v->note[36] = '\0';
        }
        const char *s1 = get_str(&r, 100, &n);
        v->rev = r.bad ? NULL : wire_dup(s1, n);
        const char *s2 = get_str(&r, 64, &n);
        v->db = r.bad ? NULL : wire_dup(s2, n);
        v->counter = (long long)get_n(&r, 8);
        v->updated = (long long)get_n(&r, 8);
        size_t np = (size_t)get_n(&r, 2);
        if (r.bad || !v->note[0] || !v->rev || !v->db || np > SYNC_MAX_PARENTS ||
            !rev_ok(v->rev, v->db, v->counter)) {
            snprintf(err, errsize, "revision %zu cannot be read", i + 1);
            return false;
        }
        v->parents = xcalloc(np ? np : 1, sizeof *v->parents);
        for (size_t k = 0; k < np; k++) {
            const char *p = get_str(&r, 100, &n);
            v->parents[k] = r.bad ? NULL : wire_dup(p, n);
            v->nparents = k + 1;
            if (!v->parents[k]) {
                snprintf(err, errsize, "revision %zu: a parent cannot be read", i + 1);
                return false;
            }
        }
        const char *b = get_str(&r, SEAL_FILE_MAX, &n);
        if (r.bad) {
            snprintf(err, errsize, "revision %zu cannot be read", i + 1);
            return false;
        }
        v->body = xmalloc(n ? n : 1);
        memcpy(v->body, b, n);
        v->body_len = n;
        body_hash(v->body, n, v->hash);
        note t;
        char why[256];
        bool ok = decode_note(v->body, n, &t, why, sizeof why);
        if (ok && (strcmp(t.id, v->note) != 0 || t.updated != v->updated)) {
            snprintf(why, sizeof why, "the fields belong to another note");
            ok = false;
        }
        note_fini(&t);
        if (!ok) {
            snprintf(err, errsize, "revision %zu (note %s): %s", i + 1, v->note, why);
            return false;
        }
    }
    if (r.left) {
        snprintf(err, errsize, "bytes after the last revision");
        return false;
    }
    return true;
}

bool sync_parse(const void *body, size_t len, sync_file **out, char *err, size_t errsize)
{
    sync_file *f = xcalloc(1, sizeof *f);
    *out = NULL;
    if (!parse_body(body, len, f, err, errsize)) {
        sync_file_free(f);
        return false;
    }
    *out = f;
    return true;
}

bool sync_read(const seal_office *o, const void *data, size_t len, sync_file **out,
               seal_status *st, char *err, size_t errsize)
{
    *out = NULL;
    strbuf plain;
    strbuf_init(&plain);
    *st = seal_read(o, data, len, &plain);
    if (*st != SEAL_OK) {
        strbuf_fini(&plain);
        return false;
    }
    bool ok = sync_parse(plain.s, plain.len, out, err, errsize);
    if (ok) {
        (*out)->is_signed = true;
        seal_signer_of(data, (*out)->signer);
    }
    sodium_memzero(plain.s, plain.len);
    strbuf_fini(&plain);
    return ok;
}

/* ---- exporting ---- */

void sync_export_fini(sync_export *x)
{
    if (!x)
        return;
    strbuf_fini(&x->file);
    strv_free(x->keys, x->revisions);
    memset(x, 0, sizeof *x);
}

/* The parents of note's revision rev, appended to out (a heap array). */
static bool parents_of(store *s, sqlite3_stmt *st, const char *note_id, const char *rev,
                       char ***out, size_t *n)
{
    (void)s;
    size_t cap = 0;
    *out = NULL;
    *n = 0;
    sqlite3_bind_text(st, 1, note_id, -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 2, rev, -1, SQLITE_STATIC);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        vec_reserve((void **)out, &cap, *n + 1, sizeof **out);
        (*out)[(*n)++] = xstrdup((const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_reset(st);
    return rc == SQLITE_DONE;
}

bool sync_signer(store *s, seal_signer *k, bool *made, char *err, size_t errsize)
{
    char *text = NULL;
    if (made)
        *made = false;
    int got = store_setting(s, SEAL_SETTING_SIGNER, &text, err, errsize);
    bool ok = got == 1 && seal_signer_parse(text, k);
    if (text)
        sodium_memzero(text, strlen(text));
    free(text);
    if (ok || got < 0)
        return ok;
    /* None yet (or not one: a new pair replaces it; the office then
     * refuses this kiosk's exports until it forgets the old key). */
    if (!seal_signer_generate(k)) {
        snprintf(err, errsize, msg_get(LANG_EN, MSG_USB_SODIUM), "");
        return false;
    }
    strbuf t;
    strbuf_init(&t);
    seal_signer_text(k, &t);
    ok = store_set_setting(s, SEAL_SETTING_SIGNER, t.s, err, errsize);
    sodium_memzero(t.s, t.len);
    strbuf_fini(&t);
    if (made)
        *made = ok;
    return ok;
}

bool sync_export_make(store *s, const unsigned char pk[SEAL_PK_BYTES], bool all, long long now,
                      sync_export *x, char *err, size_t errsize)
{
    memset(x, 0, sizeof *x);
    x->why = MSG_COUNT;
    strbuf_init(&x->file);
    seal_signer signer;
    if (!sync_signer(s, &signer, NULL, err, errsize))
        return false;
    if (!begin(s, err, errsize)) {
        seal_signer_fini(&signer);
        return false;
    }
    bool ok = snapshot_in(s, err, errsize);
    sqlite3_stmt *seq = ok ? prep(s, "SELECT COALESCE(MAX(seq), 0) + 1 FROM sync_exports", err,
                                  errsize)
                           : NULL;
    if (seq && sqlite3_step(seq) == SQLITE_ROW)
        x->seq = sqlite3_column_int64(seq, 0);
    else if (seq)
        ok = store_failed(s, err, errsize);
    else
        ok = false;
    sqlite3_finalize(seq);
    sqlite3_stmt *revs =
        ok ? prep(s,
                  all ? "SELECT note, rev, db, counter, updated, body FROM sync_revs"
                        " ORDER BY note, counter, rev"
                      : "SELECT note, rev, db, counter, updated, body FROM sync_revs"
                        " WHERE exported IS NULL ORDER BY note, counter, rev",
                  err, errsize)
           : NULL;
    sqlite3_stmt *par =
        ok ? prep(s, "SELECT parent FROM sync_parents WHERE note = ?1 AND rev = ?2 ORDER BY parent",
                  err, errsize)
           : NULL;
    ok = ok && revs && par;
    strbuf recs, body;
    strbuf_init(&recs);
    strbuf_init(&body);
    size_t cap = 0;
    char last[37] = "";
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(revs)) == SQLITE_ROW) {
        const char *nid = (const char *)sqlite3_column_text(revs, 0);
        const char *rev = (const char *)sqlite3_column_text(revs, 1);
        const char *db = (const char *)sqlite3_column_text(revs, 2);
        put_str(&recs, nid, strlen(nid));
        put_str(&recs, rev, strlen(rev));
        put_str(&recs, db, strlen(db));
        put_n(&recs, (unsigned long long)sqlite3_column_int64(revs, 3), 8);
        put_n(&recs, (unsigned long long)sqlite3_column_int64(revs, 4), 8);
        char **pv;
        size_t np;
        ok = parents_of(s, par, nid, rev, &pv, &np);
        put_n(&recs, np, 2);
        for (size_t i = 0; i < np; i++)
            put_str(&recs, pv[i], strlen(pv[i]));
        strv_free(pv, np);
        size_t blen = 0;
        char *b = body_out(s, nid, rev, sqlite3_column_blob(revs, 5),
                           (size_t)sqlite3_column_bytes(revs, 5), &blen, err, errsize);
        ok = ok && b;
        put_str(&recs, b ? b : "", blen);
        body_wipe(b, blen);
        vec_reserve((void **)&x->keys, &cap, x->revisions + 1, sizeof *x->keys);
        strbuf k;
        strbuf_init(&k);
        strbuf_printf(&k, "%s %s", nid, rev);
        x->keys[x->revisions++] = strbuf_take(&k);
        if (strcmp(last, nid) != 0) {
            x->notes++;
            snprintf(last, sizeof last, "%s", nid);
        }
    }
    if (ok && rc != SQLITE_DONE)
        ok = store_failed(s, err, errsize);
    sqlite3_finalize(revs);
    sqlite3_finalize(par);
    if (ok && x->revisions > SYNC_MAX_REVS) {
        x->why = MSG_USB_TOO_MANY;
        snprintf(x->why_arg, sizeof x->why_arg, "%d", SYNC_MAX_REVS);
        ok = false;
    }
    if (ok) {
        strbuf_add(&body, "MDGB", 4);
        put_n(&body, 1, 2);
        put_str(&body, store_kiosk(s), strlen(store_kiosk(s)));
        put_n(&body, (unsigned long long)x->seq, 8);
        put_n(&body, (unsigned long long)now, 8);
        put_n(&body, x->revisions, 4);
        strbuf_add(&body, recs.s, recs.len);
        if (body.len > SEAL_FILE_MAX - SEAL_FILE_MAX / 64) {
            x->why = MSG_USB_TOO_LARGE;
            snprintf(x->why_arg, sizeof x->why_arg, "%u", SEAL_FILE_MAX >> 20);
            ok = false;
        }
    }
    if (ok && !seal_write(pk, &signer, body.s, body.len, &x->file)) {
        x->why = MSG_USB_SODIUM;
        ok = false;
    }
    if (x->why != MSG_COUNT) /* the English table for the command line */
        snprintf(err, errsize, msg_get(LANG_EN, x->why), x->why_arg);
    seal_signer_fini(&signer);
    sodium_memzero(recs.s, recs.len);
    sodium_memzero(body.s, body.len);
    strbuf_fini(&recs);
    strbuf_fini(&body);
    /* The revisions just taken are kept even if sealing failed. */
    return finish(s, ok, err, errsize);
}

bool sync_export_done(store *s, const sync_export *x, const char *path, long long now,
                      char *err, size_t errsize)
{
    if (!begin(s, err, errsize))
        return false;
    sqlite3_stmt *e = prep(s,
                           "INSERT INTO sync_exports(seq, at, revisions, notes, file)"
                           " VALUES(?1, ?2, ?3, ?4, ?5)",
                           err, errsize);
    bool ok = e != NULL;
    if (ok) {
        sqlite3_bind_int64(e, 1, x->seq);
        sqlite3_bind_int64(e, 2, now);
        sqlite3_bind_int64(e, 3, (long long)x->revisions);
        sqlite3_bind_int64(e, 4, (long long)x->notes);
        sqlite3_bind_text(e, 5, path, -1, SQLITE_STATIC);
        ok = sqlite3_step(e) == SQLITE_DONE || store_failed(s, err, errsize);
    }
    sqlite3_finalize(e);
    sqlite3_stmt *u = ok ? prep(s,
                                "UPDATE sync_revs SET exported = ?1 WHERE note = ?2 AND rev = ?3"
                                " AND exported IS NULL",
                                err, errsize)
                         : NULL;
    ok = ok && u;
    for (size_t i = 0; ok && i < x->revisions; i++) {
        const char *sp = strchr(x->keys[i], ' ');
        sqlite3_bind_int64(u, 1, x->seq);
        sqlite3_bind_text(u, 2, x->keys[i], (int)(sp - x->keys[i]), SQLITE_STATIC);
        sqlite3_bind_text(u, 3, sp + 1, -1, SQLITE_STATIC);
        ok = sqlite3_step(u) == SQLITE_DONE || store_failed(s, err, errsize);
        sqlite3_reset(u);
    }
    sqlite3_finalize(u);
    return finish(s, ok, err, errsize);
}

/* True when path holds exactly data[0..len), read from the drive itself:
 * the written file is on it already (fsync), so its cached pages can be
 * dropped and the read goes to the stick. */
static bool reads_back(const char *path, const char *data, size_t len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    (void)posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED); /* a hint: may do nothing */
    char buf[65536];
    size_t off = 0;
    bool same = true;
    for (;;) {
        ssize_t r = read(fd, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            same = false;
            break;
        }
        if (r == 0)
            break;
        if ((size_t)r > len - off || memcmp(buf, data + off, (size_t)r) != 0) {
            same = false;
            break;
        }
        off += (size_t)r;
    }
    close(fd);
    return same && off == len;
}

/* A failed read or write of the database, as the screen says it. */
static void db_why(store *s, sync_written *w)
{
    store_fail f = store_failure(s);
    w->why = f == STORE_FAIL_FULL       ? MSG_USB_DB_FULL
             : f == STORE_FAIL_READONLY ? MSG_USB_DB_READONLY
             : f == STORE_FAIL_IO       ? MSG_USB_DB_IO
                                        : MSG_USB_DB_OTHER;
    snprintf(w->why_arg, sizeof w->why_arg, "%s", store_path(s));
}

sync_write sync_export_file(store *s, const unsigned char pk[SEAL_PK_BYTES], bool all,
                            const char *dir, const char *path, long long now, sync_written *w,
                            char *err, size_t errsize)
{
    memset(w, 0, sizeof *w);
    w->why = MSG_COUNT;
    sync_export x;
    if (!sync_export_make(s, pk, all, now, &x, err, errsize)) {
        if (x.why != MSG_COUNT) {
            w->why = x.why;
            snprintf(w->why_arg, sizeof w->why_arg, "%s", x.why_arg);
        } else {
            db_why(s, w);
        }
        sync_export_fini(&x);
        return SYNC_W_DB;
    }
    w->notes = x.notes;
    w->revisions = x.revisions;
    w->seq = x.seq;
    if (x.revisions == 0) {
        sync_export_fini(&x);
        return SYNC_W_NOTHING;
    }
    int len = dir ? snprintf(w->path, sizeof w->path, "%s/madoguchi-%.8s-%04lld.mdgx", dir,
                             store_kiosk(s), x.seq)
                  : snprintf(w->path, sizeof w->path, "%s", path);
    if (len < 0 || (size_t)len >= sizeof w->path) {
        /* Never a cut name: the file would land somewhere else. */
        w->why = MSG_USB_PATH_LONG;
        const char *p = dir ? dir : path;
        size_t cut = 64; /* its head, cut between characters */
        while (cut > 0 && ((unsigned char)p[cut] & 0xC0) == 0x80)
            cut--;
        snprintf(w->why_arg, sizeof w->why_arg, "%.*s…", (int)cut, p);
        snprintf(err, errsize, msg_get(LANG_EN, w->why), w->why_arg);
        w->path[0] = '\0';
        sync_export_fini(&x);
        return SYNC_W_WRITE;
    }
    sync_write r = SYNC_W_OK;
    if (!write_file_atomic(w->path, x.file.s, x.file.len, err, errsize)) {
        int e = errno;
        r = e == ENOSPC || e == EDQUOT || e == EFBIG               ? SYNC_W_FULL
            : e == EROFS || e == EACCES || e == EPERM ? SYNC_W_READ_ONLY
                                                      : SYNC_W_WRITE;
        w->why = r == SYNC_W_FULL ? MSG_USB_FULL : r == SYNC_W_READ_ONLY ? MSG_USB_READ_ONLY
                                                                         : MSG_USB_WRITE;
        snprintf(w->why_arg, sizeof w->why_arg, "%s", dir ? dir : w->path);
    } else if (!reads_back(w->path, x.file.s, x.file.len) ||
               seal_check(pk, x.file.s, x.file.len) != SEAL_OK) {
        unlink(w->path); /* nothing that is not intact stays on the stick */
        snprintf(err, errsize, "%s", w->path);
        r = SYNC_W_VERIFY;
        w->why = MSG_USB_VERIFY;
        snprintf(w->why_arg, sizeof w->why_arg, "%s", w->path);
    } else if (!sync_export_done(s, &x, w->path, now, err, errsize)) {
        /* The file is whole; the next export carries the same revisions
         * again, and importing both changes nothing twice. */
        r = SYNC_W_DB;
        db_why(s, w);
    }
    sync_export_fini(&x);
    return r;
}

/* ---- merging ---- */

/* The row of note id shows its first head: written when it is not the one
 * shown now.  *heads gets their count; *was: 0 no row before, 1 changed,
 * 2 unchanged. */
static bool show_head(store *s, const char *id, size_t *heads, int *was, char *err,
                      size_t errsize)
{
    sqlite3_stmt *h = prep(s, HEADS_SQL, err, errsize);
    if (!h)
        return false;
    sqlite3_bind_text(h, 1, id, -1, SQLITE_STATIC);
    char *rev = NULL, *body = NULL;
    size_t blen = 0;
    *heads = 0;
    int rc;
    while ((rc = sqlite3_step(h)) == SQLITE_ROW) {
        if ((*heads)++ == 0) {
            rev = xstrdup((const char *)sqlite3_column_text(h, 0));
            body = body_out(s, id, rev, sqlite3_column_blob(h, 2),
                            (size_t)sqlite3_column_bytes(h, 2), &blen, err, errsize);
        }
    }
    sqlite3_finalize(h);
    bool ok = rc == SQLITE_DONE || store_failed(s, err, errsize);
    if (ok && rev && !body) {
        free(rev);
        return false;
    }
    sqlite3_stmt *q = ok ? prep(s, "SELECT rev FROM sync_state WHERE note = ?1", err, errsize)
                         : NULL;
    ok = ok && q && rev;
    bool shown = false, had = false;
    if (ok) {
        sqlite3_bind_text(q, 1, id, -1, SQLITE_STATIC);
        if (sqlite3_step(q) == SQLITE_ROW) {
            had = true;
            shown = strcmp((const char *)sqlite3_column_text(q, 0), rev) == 0;
        }
    }
    sqlite3_finalize(q);
    *was = !had ? 0 : shown ? 2 : 1;
    if (ok && !shown) {
        note n;
        ok = decode_note(body, blen, &n, err, errsize) &&
             notes_save(s, &n, NOTES_KEEP_TIMES, err, errsize);
        note_fini(&n);
        /* What the row holds now, read back: the next snapshot compares
         * with exactly this. */
        note back;
        if (ok && notes_get(s, id, &back, err, errsize) == 1) {
            strbuf b;
            strbuf_init(&b);
            encode_note(&back, &b);
            unsigned char hh[32];
            body_hash(b.s, b.len, hh);
            ok = set_state(s, id, rev, hh, err, errsize);
            strbuf_fini(&b);
            note_fini(&back);
        } else if (ok) {
            snprintf(err, errsize, "%s: the note just saved cannot be read back", id);
            ok = false;
        }
    }
    free(rev);
    body_wipe(body, blen);
    return ok;
}

/* Each signed file's kiosk key: recorded the first time, the same one
 * after; another key for a kiosk refuses the import. */
static bool check_signers(store *s, sync_file *const *files, size_t n, long long now,
                          sync_counts *c, char *err, size_t errsize)
{
    sqlite3_stmt *get = prep(s, "SELECT pk FROM sync_signers WHERE source = ?1", err, errsize);
    sqlite3_stmt *put = get ? prep(s, "INSERT INTO sync_signers(source, pk, first_at)"
                                      " VALUES(?1, ?2, ?3)", err, errsize)
                            : NULL;
    bool ok = get && put;
    for (size_t i = 0; ok && i < n; i++) {
        const sync_file *f = files[i];
        if (!f->is_signed)
            continue;
        sqlite3_bind_text(get, 1, f->source, -1, SQLITE_STATIC);
        int rc = sqlite3_step(get);
        if (rc == SQLITE_ROW) {
            if (sqlite3_column_bytes(get, 0) != SEAL_PK_BYTES ||
                memcmp(sqlite3_column_blob(get, 0), f->signer, SEAL_PK_BYTES) != 0) {
                unsigned char was[SEAL_PK_BYTES] = {0};
                if (sqlite3_column_bytes(get, 0) == SEAL_PK_BYTES)
                    memcpy(was, sqlite3_column_blob(get, 0), SEAL_PK_BYTES);
                c->refused_file = (int)i;
                snprintf(c->refused_source, sizeof c->refused_source, "%s", f->source);
                seal_fingerprint(was, c->recorded_fp);
                seal_fingerprint(f->signer, c->refused_fp);
                snprintf(err, errsize, msg_get(LANG_EN, MSG_SYNC_OTHER_SIGNER), "", f->source,
                         c->recorded_fp, c->refused_fp);
                ok = false;
            }
        } else if (rc == SQLITE_DONE) {
            sqlite3_bind_text(put, 1, f->source, -1, SQLITE_STATIC);
            sqlite3_bind_blob(put, 2, f->signer, SEAL_PK_BYTES, SQLITE_STATIC);
            sqlite3_bind_int64(put, 3, now);
            ok = sqlite3_step(put) == SQLITE_DONE || store_failed(s, err, errsize);
            sqlite3_reset(put);
            if (ok && c->new_signers < SYNC_MAX_NEW_SIGNERS) {
                snprintf(c->signer_source[c->new_signers], 37, "%s", f->source);
                seal_fingerprint(f->signer, c->signer_fp[c->new_signers]);
            }
            c->new_signers += ok;
        } else {
            ok = store_failed(s, err, errsize);
        }
        sqlite3_reset(get);
    }
    sqlite3_finalize(get);
    sqlite3_finalize(put);
    return ok;
}

bool sync_merge(store *s, sync_file *const *files, size_t n, long long now, sync_counts *c,
                char *err, size_t errsize)
{
    memset(c, 0, sizeof *c);
    c->refused_file = -1;
    if (!begin(s, err, errsize))
        return false;
    bool ok = check_signers(s, files, n, now, c, err, errsize) && snapshot_in(s, err, errsize) &&
              exec(s, "CREATE TEMP TABLE IF NOT EXISTS sync_seen(note TEXT PRIMARY KEY);"
                      " DELETE FROM temp.sync_seen;",
                   err, errsize);
    sqlite3_stmt *known = ok ? prep(s, "SELECT hash FROM sync_revs WHERE note = ?1 AND rev = ?2",
                                    err, errsize)
                             : NULL;
    sqlite3_stmt *seen =
        ok ? prep(s, "INSERT OR IGNORE INTO temp.sync_seen(note) VALUES(?1)", err, errsize) : NULL;
    sqlite3_stmt *log = ok ? prep(s,
                                  "INSERT OR IGNORE INTO sync_imports(source, seq, at, revisions)"
                                  " VALUES(?1, ?2, ?3, ?4)",
                                  err, errsize)
                           : NULL;
    ok = ok && known && seen && log;
    for (size_t i = 0; ok && i < n; i++) {
        const sync_file *f = files[i];
        for (size_t k = 0; ok && k < f->n; k++) {
            const sync_rev *r = &f->revs[k];
            sqlite3_bind_text(known, 1, r->note, -1, SQLITE_STATIC);
            sqlite3_bind_text(known, 2, r->rev, -1, SQLITE_STATIC);
            int rc = sqlite3_step(known);
            bool have = rc == SQLITE_ROW;
            bool same = have && sqlite3_column_bytes(known, 0) == 32 &&
                        memcmp(sqlite3_column_blob(known, 0), r->hash, 32) == 0;
            sqlite3_reset(known);
            if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
                ok = store_failed(s, err, errsize);
                break;
            }
            if (have && !same) {
                snprintf(err, errsize,
                         "note %s: revision %s is already here with other contents", r->note,
                         r->rev);
                ok = false;
                break;
            }
            sqlite3_bind_text(seen, 1, r->note, -1, SQLITE_STATIC);
            ok = sqlite3_step(seen) == SQLITE_DONE || store_failed(s, err, errsize);
            sqlite3_reset(seen);
            if (ok && !have) {
                /* exported = 0: it came from elsewhere. */
                ok = insert_rev(s, r->note, r->rev, r->db, r->counter, r->updated, r->body,
                                r->body_len, r->hash, 0, r->parents, r->nparents, err, errsize);
                c->revisions++;
            }
        }
        if (ok) {
            sqlite3_bind_text(log, 1, f->source, -1, SQLITE_STATIC);
            sqlite3_bind_int64(log, 2, f->seq);
            sqlite3_bind_int64(log, 3, now);
            sqlite3_bind_int64(log, 4, (long long)f->n);
            ok = sqlite3_step(log) == SQLITE_DONE || store_failed(s, err, errsize);
            sqlite3_reset(log);
        }
    }
    sqlite3_finalize(known);
    sqlite3_finalize(seen);
    sqlite3_finalize(log);
    sqlite3_stmt *each = ok ? prep(s, "SELECT note FROM temp.sync_seen ORDER BY note", err, errsize)
                            : NULL;
    ok = ok && each;
    int rc = SQLITE_DONE;
    while (ok && (rc = sqlite3_step(each)) == SQLITE_ROW) {
        char id[37];
        snprintf(id, sizeof id, "%s", (const char *)sqlite3_column_text(each, 0));
        size_t heads = 0;
        int was = 2;
        ok = show_head(s, id, &heads, &was, err, errsize);
        if (heads > 1)
            c->conflicts++;
        else if (was == 0)
            c->new_notes++;
        else if (was == 1)
            c->updated++;
        else
            c->unchanged++;
    }
    if (ok && rc != SQLITE_DONE)
        ok = store_failed(s, err, errsize);
    sqlite3_finalize(each);
    return finish(s, ok, err, errsize);
}

/* ---- finding, showing, resolving, purging ---- */

int sync_find(store *s, const char *prefix, char out[37], char *err, size_t errsize)
{
    size_t len = strlen(prefix);
    if (len < 4 || len > 36) {
        snprintf(err, errsize, "%s: give at least 4 characters of the id", prefix);
        return 0;
    }
    sqlite3_stmt *st = prep(s, "SELECT id FROM notes WHERE substr(id, 1, ?2) = ?1 LIMIT 2", err,
                            errsize);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, prefix, -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 2, (int)len);
    int found = 0, rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (found++ == 0)
            snprintf(out, 37, "%s", (const char *)sqlite3_column_text(st, 0));
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        store_failed(s, err, errsize);
        return -1;
    }
    return found;
}

void sync_rev_info_free(sync_rev_info *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++) {
        free(v[i].rev);
        free(v[i].parents);
        note_fini(&v[i].n);
    }
    free(v);
}

bool sync_revisions(store *s, const char *id, sync_rev_info **out, size_t *n, char *err,
                    size_t errsize)
{
    *out = NULL;
    *n = 0;
    if (!exec(s, tables_sql, err, errsize))
        return false;
    sqlite3_stmt *st = prep(
        s,
        "SELECT r.rev, r.updated, r.body,"
        " (SELECT group_concat(parent, ',') FROM (SELECT parent FROM sync_parents p"
        "   WHERE p.note = r.note AND p.rev = r.rev ORDER BY parent)),"
        " NOT EXISTS (SELECT 1 FROM sync_parents p WHERE p.note = r.note AND p.parent = r.rev),"
        " EXISTS (SELECT 1 FROM sync_state t WHERE t.note = r.note AND t.rev = r.rev)"
        " FROM sync_revs r WHERE r.note = ?1 ORDER BY r.updated, r.counter, r.rev",
        err, errsize);
    if (!st)
        return false;
    sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
    size_t cap = 0;
    int rc;
    bool ok = true;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        vec_reserve((void **)out, &cap, *n + 1, sizeof **out);
        sync_rev_info *v = &(*out)[(*n)++];
        memset(v, 0, sizeof *v);
        v->rev = xstrdup((const char *)sqlite3_column_text(st, 0));
        v->updated = sqlite3_column_int64(st, 1);
        const char *p = (const char *)sqlite3_column_text(st, 3);
        v->parents = xstrdup(p ? p : "");
        v->head = sqlite3_column_int(st, 4) != 0;
        v->shown = sqlite3_column_int(st, 5) != 0;
        size_t blen = 0;
        char *b = body_out(s, id, v->rev, sqlite3_column_blob(st, 2),
                           (size_t)sqlite3_column_bytes(st, 2), &blen, err, errsize);
        ok = b && decode_note(b, blen, &v->n, err, errsize);
        body_wipe(b, blen);
    }
    if (ok && rc != SQLITE_DONE)
        ok = store_failed(s, err, errsize);
    sqlite3_finalize(st);
    if (!ok) {
        sync_rev_info_free(*out, *n);
        *out = NULL;
        *n = 0;
    }
    return ok;
}

/* True when this database has ever synced (its tables exist). */
static int has_tables(store *s, char *err, size_t errsize)
{
    sqlite3_stmt *st = prep(s, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND"
                               " name = 'sync_revs'", err, errsize);
    if (!st)
        return -1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
        store_failed(s, err, errsize);
        return -1;
    }
    return rc == SQLITE_ROW;
}

bool sync_conflicts(store *s, char ***out, size_t *n, char *err, size_t errsize)
{
    *out = NULL;
    *n = 0;
    int there = has_tables(s, err, errsize);
    if (there <= 0) /* never synced: none, and no tables made for it */
        return there == 0;
    sqlite3_stmt *st = prep(
        s,
        "SELECT note, group_concat(rev, ' ') FROM (SELECT note, rev FROM sync_revs r WHERE NOT"
        " EXISTS (SELECT 1 FROM sync_parents p WHERE p.note = r.note AND p.parent = r.rev)"
        " ORDER BY note, updated DESC, rev DESC) GROUP BY note HAVING count(*) > 1 ORDER BY note",
        err, errsize);
    if (!st)
        return false;
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        vec_reserve((void **)out, &cap, *n + 1, sizeof **out);
        strbuf b;
        strbuf_init(&b);
        strbuf_printf(&b, "%s\t%s", (const char *)sqlite3_column_text(st, 0),
                      (const char *)sqlite3_column_text(st, 1));
        (*out)[(*n)++] = strbuf_take(&b);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        strv_free(*out, *n);
        *out = NULL;
        *n = 0;
        return store_failed(s, err, errsize);
    }
    return true;
}

void sync_conflict_fini(sync_conflict *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->nsides; i++) {
        free(c->sides[i].rev);
        free(c->sides[i].db);
    }
    for (size_t r = 0; r < c->nrows; r++)
        strv_free(c->rows[r].values, c->nsides);
    free(c->sides);
    free(c->rows);
    memset(c, 0, sizeof *c);
}

/* The label of a field without one in the editor (id, times, kiosk). */
static msg_id row_label(const rec_field *f)
{
    if (f->label != REC_NO_LABEL)
        return f->label;
    if (strcmp(f->name, "id") == 0)
        return MSG_CONFLICT_F_ID;
    if (strcmp(f->name, "created") == 0)
        return MSG_CONFLICT_F_CREATED;
    if (strcmp(f->name, "updated") == 0)
        return MSG_CONFLICT_F_UPDATED;
    return MSG_CONFLICT_F_KIOSK;
}

/* f of n as a person reads it, in lang (heap). */
static char *readable(const note *n, const rec_field *f, msg_lang lang)
{
    strbuf b;
    strbuf_init(&b);
    if (f->kind == REC_BOOL) {
        strbuf_adds(&b, msg_get(lang, *rec_bool((note *)n, f) ? MSG_CONFLICT_YES : MSG_CONFLICT_NO));
    } else if (f->kind == REC_TIME) {
        long long ms = *rec_time((note *)n, f);
        time_t secs = (time_t)(ms / 1000);
        struct tm tm;
        if (ms > 0 && localtime_r(&secs, &tm))
            strbuf_printf(&b, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
                          tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
    } else if (f->kind == REC_CODE) {
        const char *code = rec_cstr(n, f);
        int k = rec_code_index(f, code);
        strbuf_adds(&b, k >= 0 ? msg_get(lang, f->codes[k].label) : code ? code : "");
    } else {
        rec_value(n, f, &b);
    }
    if (!b.s)
        strbuf_adds(&b, "");
    return strbuf_take(&b);
}

int sync_conflict_get(store *s, const char *id, msg_lang lang, sync_conflict *c, char *err,
                      size_t errsize)
{
    memset(c, 0, sizeof *c);
    int there = has_tables(s, err, errsize);
    if (there <= 0)
        return there;
    sqlite3_stmt *h = prep(s,
                           "SELECT rev, updated, body, db,"
                           " EXISTS (SELECT 1 FROM sync_state t WHERE t.note = r.note AND t.rev = r.rev)"
                           " FROM sync_revs r WHERE note = ?1 AND NOT EXISTS"
                           " (SELECT 1 FROM sync_parents p WHERE p.note = r.note AND p.parent = r.rev)"
                           " ORDER BY updated DESC, rev DESC",
                           err, errsize);
    if (!h)
        return -1;
    sqlite3_bind_text(h, 1, id, -1, SQLITE_STATIC);
    note *n = NULL;
    size_t cap = 0, ncap = 0;
    bool ok = true;
    int rc;
    while (ok && (rc = sqlite3_step(h)) == SQLITE_ROW) {
        vec_reserve((void **)&c->sides, &cap, c->nsides + 1, sizeof *c->sides);
        vec_reserve((void **)&n, &ncap, c->nsides + 1, sizeof *n);
        sync_side *d = &c->sides[c->nsides];
        d->rev = xstrdup((const char *)sqlite3_column_text(h, 0));
        d->updated = sqlite3_column_int64(h, 1);
        d->db = xstrdup((const char *)sqlite3_column_text(h, 3));
        d->local = strcmp(d->db, store_kiosk(s)) == 0;
        d->shown = sqlite3_column_int(h, 4) != 0;
        ok = decode_note(sqlite3_column_blob(h, 2), (size_t)sqlite3_column_bytes(h, 2),
                         &n[c->nsides], err, errsize);
        c->nsides++;
    }
    if (ok && rc != SQLITE_DONE)
        ok = store_failed(s, err, errsize);
    sqlite3_finalize(h);
    int found = ok ? c->nsides > 1 : -1;
    if (found == 1) {
        snprintf(c->id, sizeof c->id, "%s", id);
        c->rows = xcalloc(rec_nfields, sizeof *c->rows);
        c->nrows = rec_nfields;
        for (size_t r = 0; r < rec_nfields; r++) {
            sync_row *row = &c->rows[r];
            row->field = &rec_fields[r];
            row->label = row_label(row->field);
            row->values = xcalloc(c->nsides, sizeof *row->values);
            /* Different as a person reads them: two saves in the same
             * second are not marked as differing times they cannot see. */
            for (size_t k = 0; k < c->nsides; k++) {
                row->values[k] = readable(&n[k], row->field, lang);
                if (k && strcmp(row->values[k] ? row->values[k] : "",
                                row->values[0] ? row->values[0] : "") != 0)
                    row->differ = true;
            }
            c->ndiffer += row->differ;
        }
    }
    for (size_t k = 0; k < c->nsides; k++)
        note_fini(&n[k]);
    free(n);
    if (found != 1)
        sync_conflict_fini(c);
    return found;
}

bool sync_resolve(store *s, const char *id, const char *rev, long long now, char *err,
                  size_t errsize)
{
    if (!begin(s, err, errsize))
        return false;
    bool ok = snapshot_in(s, err, errsize);
    sqlite3_stmt *st = ok ? prep(s, "SELECT body FROM sync_revs WHERE note = ?1 AND rev = ?2",
                                 err, errsize)
                          : NULL;
    note n = {0};
    ok = ok && st;
    if (ok) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, rev, -1, SQLITE_STATIC);
        if (sqlite3_step(st) == SQLITE_ROW) {
            size_t blen = 0;
            char *b = body_out(s, id, rev, sqlite3_column_blob(st, 0),
                               (size_t)sqlite3_column_bytes(st, 0), &blen, err, errsize);
            ok = b && decode_note(b, blen, &n, err, errsize);
            body_wipe(b, blen);
        } else {
            snprintf(err, errsize, "note %s has no revision %s", id, rev);
            ok = false;
        }
    }
    sqlite3_finalize(st);
    char **heads = NULL;
    size_t nh = 0, cap = 0;
    sqlite3_stmt *h = ok ? prep(s, HEADS_SQL, err, errsize) : NULL;
    ok = ok && h;
    if (ok) {
        sqlite3_bind_text(h, 1, id, -1, SQLITE_STATIC);
        while (sqlite3_step(h) == SQLITE_ROW) {
            vec_reserve((void **)&heads, &cap, nh + 1, sizeof *heads);
            heads[nh++] = xstrdup((const char *)sqlite3_column_text(h, 0));
        }
    }
    sqlite3_finalize(h);
    if (ok) {
        n.updated = now > n.updated ? now : n.updated + 1;
        note back;
        ok = notes_save(s, &n, NOTES_KEEP_TIMES, err, errsize);
        if (ok && notes_get(s, id, &back, err, errsize) == 1) {
            ok = new_rev(s, &back, heads, nh, err, errsize);
            note_fini(&back);
        } else if (ok) {
            snprintf(err, errsize, "%s: the note just saved cannot be read back", id);
            ok = false;
        }
    }
    strv_free(heads, nh);
    note_fini(&n);
    return finish(s, ok, err, errsize);
}

bool sync_purge_exported(store *s, long long older_than, size_t *purged, char *err,
                         size_t errsize)
{
    *purged = 0;
    /* Edits since the last export become unexported revisions first, so
     * an edited note is kept.  A locked encrypted store (the kiosk's start)
     * cannot open its notes for that: there a note whose row was saved
     * since the revision it shows (another updated time) is kept. */
    bool locked = store_locked(s);
    if ((!locked && !sync_snapshot(s, 0, err, errsize)) ||
        !exec(s, "PRAGMA secure_delete = ON", err, errsize) || !begin(s, err, errsize))
        return false;
    sqlite3_stmt *st = prep(
        s,
        "SELECT t.note FROM sync_state t WHERE NOT EXISTS (SELECT 1 FROM sync_revs r"
        " WHERE r.note = t.note AND (r.exported IS NULL OR r.exported < 1))"
        " AND (?1 = 0 OR (SELECT MAX(e.at) FROM sync_exports e JOIN sync_revs r"
        "   ON e.seq = r.exported WHERE r.note = t.note) < ?1)"
        " AND (?2 = 0 OR (SELECT n.updated FROM notes n WHERE n.id = t.note) IS"
        "   (SELECT r.updated FROM sync_revs r WHERE r.note = t.note AND r.rev = t.rev))",
        err, errsize);
    bool ok = st != NULL;
    char **ids = NULL;
    size_t n = 0, cap = 0;
    if (ok) {
        sqlite3_bind_int64(st, 1, older_than);
        sqlite3_bind_int(st, 2, locked);
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            vec_reserve((void **)&ids, &cap, n + 1, sizeof *ids);
            ids[n++] = xstrdup((const char *)sqlite3_column_text(st, 0));
        }
        ok = rc == SQLITE_DONE || store_failed(s, err, errsize);
    }
    sqlite3_finalize(st);
    static const char *const del[] = {
        "DELETE FROM notes WHERE id = ?1", "DELETE FROM sync_revs WHERE note = ?1",
        "DELETE FROM sync_parents WHERE note = ?1", "DELETE FROM sync_state WHERE note = ?1"};
    for (size_t k = 0; ok && k < MG_ARRAY_LEN(del); k++) {
        sqlite3_stmt *d = prep(s, del[k], err, errsize);
        ok = d != NULL;
        for (size_t i = 0; ok && i < n; i++) {
            sqlite3_bind_text(d, 1, ids[i], -1, SQLITE_STATIC);
            ok = sqlite3_step(d) == SQLITE_DONE || store_failed(s, err, errsize);
            sqlite3_reset(d);
        }
        sqlite3_finalize(d);
    }
    /* The full-text index keeps deleted text in old segments until they
     * are merged: merge them all now. */
    if (ok && n && !store_encrypted(s)) /* an encrypted store has none */
        ok = exec(s, "INSERT INTO notes_fts(notes_fts) VALUES('optimize')", err, errsize);
    strv_free(ids, n);
    ok = finish(s, ok, err, errsize);
    if (ok && n)
        ok = exec(s, "VACUUM; PRAGMA wal_checkpoint(TRUNCATE);", err, errsize);
    if (ok)
        *purged = n;
    return ok;
}

/* text as a number of days, 1 to 100 years. */
static bool whole_days(const char *text, long *n)
{
    char *end = NULL;
    *n = strtol(text, &end, 10);
    return end != text && *end == '\0' && *n >= 1 && *n <= 36500;
}

bool sync_purge_due(store *s, long long now, int *days, size_t *purged, char *err,
                    size_t errsize)
{
    *days = 0;
    *purged = 0;
    char *v = NULL;
    int got = store_setting(s, SYNC_SETTING_PURGE_DAYS, &v, err, errsize);
    if (got < 0)
        return false;
    long n = 0;
    bool set = got == 1 && v && whole_days(v, &n);
    free(v);
    if (!set)
        return true;
    *days = (int)n;
    return sync_purge_exported(s, now - n * 86400000LL, purged, err, errsize);
}
