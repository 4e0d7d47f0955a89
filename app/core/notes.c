/*
 * notes.c - consultation records in the store (see notes.h).  Every
 * statement is made from rec_fields (record.h).
 */
#include "notes.h"

#include "ftsq.h"

#include <ctype.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* "a, b, c, sealed": every field's column, in rec_fields order, then the
 * sealed fields of an encrypted store (NULL on one that is not). */
static void columns(strbuf *b)
{
    for (size_t i = 0; i < rec_nfields; i++)
        strbuf_printf(b, "%s%s", i ? ", " : "", rec_fields[i].name);
    strbuf_adds(b, ", sealed");
}

/* The upsert: a new note is inserted whole; an edit sets every field but
 * those fixed when the note was made. */
static void upsert_sql(strbuf *b)
{
    strbuf_adds(b, "INSERT INTO notes(");
    columns(b);
    strbuf_adds(b, ") VALUES(");
    for (size_t i = 0; i < rec_nfields; i++)
        strbuf_adds(b, i ? ", ?" : "?");
    /* (No field is REC_FIXED and not REC_CLEAR: an encrypted store's
     * columns of the sealed fields are all rewritten here.) */
    strbuf_adds(b, ", ?) ON CONFLICT(id) DO UPDATE SET sealed=excluded.sealed");
    bool first = false;
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        if (f->flags & REC_FIXED)
            continue;
        strbuf_printf(b, "%s%s=excluded.%s", first ? "" : ", ", f->name, f->name);
        first = false;
    }
}

/* Field i of n into slot i + 1 of st, and sealed (the fields not marked
 * REC_CLEAR in one blob, or NULL) into the slot after them; on an
 * encrypted store those fields' columns get NULL, or '' and 0 where the
 * column may not be NULL.  The strings are n's and sealed's: bound
 * static, so st must be done with before they change. */
static void bind_note(sqlite3_stmt *st, const note *n, const strbuf *sealed)
{
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        int k = (int)i + 1;
        if (sealed && !(f->flags & REC_CLEAR)) {
            if (f->kind == REC_BOOL)
                sqlite3_bind_int(st, k, 0);
            else if (f->flags & REC_REQUIRED)
                sqlite3_bind_text(st, k, "", 0, SQLITE_STATIC);
            else
                sqlite3_bind_null(st, k);
            continue;
        }
        switch (f->kind) {
        case REC_TIME: sqlite3_bind_int64(st, k, *rec_time((note *)n, f)); break;
        case REC_BOOL: sqlite3_bind_int(st, k, *rec_bool((note *)n, f)); break;
        default: sqlite3_bind_text(st, k, rec_cstr(n, f), -1, SQLITE_STATIC);
        }
    }
    if (sealed)
        sqlite3_bind_blob(st, (int)rec_nfields + 1, sealed->s, (int)sealed->len, SQLITE_STATIC);
    else
        sqlite3_bind_null(st, (int)rec_nfields + 1);
}

/* Wipe and free what held a note's fields in clear. */
static void wipe(strbuf *b)
{
    if (b->s)
        sodium_memzero(b->s, b->len);
    strbuf_fini(b);
}

/* A save SQLite refused (a read-only or full disk, most often): say why,
 * naming the file, before st (if any) is finalized and the message with
 * it; a new note loses the id it never got.  The caller keeps what was
 * typed.  Returns false. */
static bool save_failed(store *s, note *n, bool fresh, sqlite3_stmt *st, char *err,
                        size_t errsize)
{
    store_failed(s, err, errsize);
    sqlite3_finalize(st);
    if (fresh)
        n->id[0] = '\0';
    return false;
}

bool notes_save(store *s, note *n, long long now, char *err, size_t errsize)
{
    store_clear_failure(s);
    bool keep = now == NOTES_KEEP_TIMES;
    if (keep && (!n->id[0] || !n->created || !n->updated)) {
        snprintf(err, errsize, "%s: a note kept as it is needs its id and both times",
                 n->id[0] ? n->id : "(no id)");
        return false;
    }
    if (!note_validate_lang(n, store_lang(s), err, errsize))
        return false;
    if (store_locked(s))
        return store_locked_err(s, err, errsize);
    if (!n->kiosk)
        n->kiosk = xstrdup(store_kiosk(s));
    bool fresh = !n->id[0];
    if (fresh) {
        store_uuid(n->id);
        n->created = now;
    }
    if (!keep)
        n->updated = now;
    strbuf sql;
    strbuf_init(&sql);
    upsert_sql(&sql);
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(store_sql(s), sql.s, -1, &st, NULL);
    strbuf_fini(&sql);
    if (rc != SQLITE_OK)
        return save_failed(s, n, fresh, NULL, err, errsize);
    strbuf plain, sealed;
    strbuf_init(&plain);
    strbuf_init(&sealed);
    bool enc = store_encrypted(s);
    if (enc) {
        rec_pack(n, &plain);
        if (!store_seal(s, n->id, plain.s, plain.len, &sealed, err, errsize)) {
            wipe(&plain);
            sqlite3_finalize(st);
            if (fresh)
                n->id[0] = '\0';
            return false;
        }
        wipe(&plain);
    }
    bind_note(st, n, enc ? &sealed : NULL);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    strbuf_fini(&sealed);
    if (!ok)
        return save_failed(s, n, fresh, st, err, errsize);
    sqlite3_finalize(st);
    return true;
}

/* The row st stands on into n, each column by its name, the sealed
 * fields opened (s unlocked).  False with a message in err when SQLite
 * ran out of memory handing a value over, or the sealed fields do not
 * open. */
static bool read_row(store *s, sqlite3_stmt *st, note *n, char *err, size_t errsize)
{
    memset(n, 0, sizeof *n);
    int sealed = -1;
    for (int k = 0; k < sqlite3_column_count(st); k++) {
        const rec_field *f = rec_find(sqlite3_column_name(st, k));
        if (!f) {
            if (strcmp(sqlite3_column_name(st, k), "sealed") == 0)
                sealed = k;
            continue;
        }
        if (f->kind == REC_TIME) {
            *rec_time(n, f) = sqlite3_column_int64(st, k);
        } else if (f->kind == REC_BOOL) {
            *rec_bool(n, f) = sqlite3_column_int(st, k) != 0;
        } else {
            const char *t = (const char *)sqlite3_column_text(st, k);
            if (!t && sqlite3_column_type(st, k) != SQLITE_NULL) {
                snprintf(err, errsize, "%s: out of memory", store_path(s));
                return false;
            }
            if (f->kind == REC_UUID) {
                snprintf(n->id, sizeof n->id, "%s", t ? t : "");
            } else {
                char e[8];
                rec_set(n, f, t, e, sizeof e);
            }
        }
    }
    if (sealed < 0 || sqlite3_column_type(st, sealed) == SQLITE_NULL)
        return true; /* a store that is not encrypted */
    char *plain = NULL, why[256];
    size_t len = 0;
    if (!store_unseal(s, n->id, sqlite3_column_blob(st, sealed),
                      (size_t)sqlite3_column_bytes(st, sealed), &plain, &len, err, errsize))
        return false;
    bool ok = rec_unpack(n, plain, len, why, sizeof why);
    sodium_memzero(plain, len);
    free(plain);
    if (!ok)
        snprintf(err, errsize, "%s: %s: %s", store_path(s), n->id, why);
    return ok;
}

/* Step st to its end, every row into a heap array.  False (nothing kept)
 * when a step fails. */
static bool read_rows(store *s, sqlite3_stmt *st, note **out, size_t *n, char *err,
                      size_t errsize)
{
    size_t cap = 0;
    int rc;
    bool row_ok = true;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        vec_reserve((void **)out, &cap, *n + 1, sizeof(note));
        if (!read_row(s, st, &(*out)[*n], err, errsize)) {
            note_fini(&(*out)[*n]);
            row_ok = false;
            break;
        }
        (*n)++;
    }
    if (rc == SQLITE_DONE)
        return true;
    if (row_ok)
        store_failed(s, err, errsize);
    notes_free(*out, *n);
    *out = NULL;
    *n = 0;
    return false;
}

int notes_get(store *s, const char *id, note *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
    if (store_locked(s)) {
        store_locked_err(s, err, errsize);
        return -1;
    }
    strbuf sql;
    strbuf_init(&sql);
    strbuf_adds(&sql, "SELECT ");
    columns(&sql);
    strbuf_adds(&sql, " FROM notes WHERE id=?");
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(store_sql(s), sql.s, -1, &st, NULL);
    strbuf_fini(&sql);
    int found = -1;
    if (rc == SQLITE_OK) {
        sqlite3_bind_text(st, 1, id, -1, SQLITE_STATIC);
        rc = sqlite3_step(st);
        if (rc == SQLITE_ROW && read_row(s, st, out, err, errsize))
            found = 1;
        else if (rc == SQLITE_ROW) {
            note_fini(out);
            sqlite3_finalize(st);
            return -1;
        } else if (rc == SQLITE_DONE)
            found = 0;
    }
    if (found < 0)
        store_failed(s, err, errsize);
    sqlite3_finalize(st);
    return found;
}

bool notes_list(store *s, size_t max, note **out, size_t *n, char *err, size_t errsize)
{
    notes_query q = {.max = max};
    return notes_search(s, &q, out, n, err, errsize);
}

/* hay holds needle, ASCII letters matched in either case (as the trigram
 * index and LIKE match them). */
static bool holds(const char *hay, const char *needle)
{
    size_t nl = strlen(needle);
    for (const char *h = hay; h && *h; h++) {
        size_t i = 0;
        while (i < nl && h[i] && (h[i] == needle[i] ||
                                  ((unsigned char)h[i] < 128 && (unsigned char)needle[i] < 128 &&
                                   tolower((unsigned char)h[i]) == tolower((unsigned char)needle[i]))))
            i++;
        if (i == nl)
            return true;
    }
    return nl == 0;
}

/* n passes the filters of qy (terms: ftsq's). */
static bool passes(const note *n, const notes_query *qy, const ftsq *fq)
{
    if (qy->category && (!n->category || strcmp(n->category, qy->category) != 0))
        return false;
    if (qy->followup && !n->followup)
        return false;
    for (size_t t = 0; t < fq->nterms; t++) {
        bool found = false;
        for (size_t j = 0; j < rec_nfields && !found; j++)
            if (rec_fields[j].flags & REC_SEARCHED)
                found = holds(rec_cstr(n, &rec_fields[j]), fq->terms[t]);
        if (!found)
            return false;
    }
    return true;
}

/* The notes of "SELECT <every column> FROM notes <tail>" (a fixed tail: no
 * parameters), read by read_rows. */
static bool read_all(store *s, const char *tail, note **out, size_t *n, char *err, size_t errsize)
{
    strbuf sql;
    strbuf_init(&sql);
    strbuf_adds(&sql, "SELECT ");
    columns(&sql);
    strbuf_printf(&sql, " FROM notes %s", tail);
    sqlite3_stmt *st;
    bool ok;
    if (sqlite3_prepare_v2(store_sql(s), sql.s, -1, &st, NULL) == SQLITE_OK)
        ok = read_rows(s, st, out, n, err, errsize);
    else
        ok = store_failed(s, err, errsize);
    sqlite3_finalize(st);
    strbuf_fini(&sql);
    return ok;
}

/* notes_search on an encrypted store: no index holds the words, so every
 * note is opened and filtered here (a kiosk holds hundreds, not millions:
 * see bench_notes). */
static bool search_sealed(store *s, const notes_query *qy, note **out, size_t *n, char *err,
                          size_t errsize)
{
    if (!read_all(s, "ORDER BY updated DESC, id", out, n, err, errsize))
        return false;
    ftsq fq;
    ftsq_init(&fq, qy->words);
    size_t kept = 0;
    for (size_t i = 0; i < *n; i++) {
        if ((!qy->max || kept < qy->max) && passes(&(*out)[i], qy, &fq))
            (*out)[kept++] = (*out)[i];
        else
            note_fini(&(*out)[i]);
    }
    ftsq_fini(&fq);
    *n = kept;
    if (!kept) {
        free(*out);
        *out = NULL;
    }
    return true;
}

bool notes_search(store *s, const notes_query *qy, note **out, size_t *n, char *err,
                  size_t errsize)
{
    *out = NULL;
    *n = 0;
    if (store_locked(s))
        return store_locked_err(s, err, errsize);
    if (store_encrypted(s))
        return search_sealed(s, qy, out, n, err, errsize);
    /* Terms of three characters or more through the trigram index; shorter
     * ones (鍵, 詐欺) by LIKE over the same fields, which finds them all. */
    strbuf sql;
    strbuf_init(&sql);
    strbuf_adds(&sql, "SELECT ");
    columns(&sql);
    strbuf_adds(&sql, " FROM notes WHERE 1");
    /* ?2..?9: one parameter per short term, by its place in the query */
    ftsq fq;
    ftsq_init(&fq, qy->words);
    for (size_t i = 0; i < fq.nlike; i++) {
        int k = 2 + (int)fq.like_term[i];
        strbuf_adds(&sql, " AND (0");
        for (size_t j = 0; j < rec_nfields; j++)
            if (rec_fields[j].flags & REC_SEARCHED)
                strbuf_printf(&sql, " OR %s LIKE ?%d ESCAPE '\\'", rec_fields[j].name, k);
        strbuf_addc(&sql, ')');
    }
    if (fq.match)
        strbuf_adds(&sql, " AND rowid IN (SELECT rowid FROM notes_fts WHERE notes_fts MATCH ?10)");
    if (qy->category)
        strbuf_adds(&sql, " AND category = ?11");
    if (qy->followup)
        strbuf_adds(&sql, " AND followup = 1");
    strbuf_adds(&sql, " ORDER BY updated DESC, id LIMIT ?12");
    sqlite3_stmt *st;
    bool ok;
    if (sqlite3_prepare_v2(store_sql(s), sql.s, -1, &st, NULL) == SQLITE_OK) {
        for (size_t i = 0; i < fq.nlike; i++)
            sqlite3_bind_text(st, 2 + (int)fq.like_term[i], fq.like[i], -1, SQLITE_TRANSIENT);
        if (fq.match)
            sqlite3_bind_text(st, 10, fq.match, -1, SQLITE_TRANSIENT);
        if (qy->category)
            sqlite3_bind_text(st, 11, qy->category, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64(st, 12, qy->max ? (sqlite3_int64)qy->max : -1);
        ok = read_rows(s, st, out, n, err, errsize);
    } else {
        ok = store_failed(s, err, errsize);
    }
    sqlite3_finalize(st);
    strbuf_fini(&sql);
    ftsq_fini(&fq);
    return ok;
}

bool notes_seal_all(store *s, char *err, size_t errsize)
{
    if (!store_encrypted(s) || store_locked(s))
        return store_encrypted(s) ? store_locked_err(s, err, errsize) : true;
    note *v = NULL;
    size_t n = 0;
    bool ok = read_all(s, "WHERE sealed IS NULL", &v, &n, err, errsize);
    for (size_t i = 0; ok && i < n; i++)
        ok = notes_save(s, &v[i], NOTES_KEEP_TIMES, err, errsize);
    notes_free(v, n);
    return ok;
}
