/*
 * notes.c - consultation records in the store (see notes.h).  Every
 * statement is made from rec_fields (record.h).
 */
#include "notes.h"

#include "ftsq.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* "a, b, c": every field's column, in rec_fields order. */
static void columns(strbuf *b)
{
    for (size_t i = 0; i < rec_nfields; i++)
        strbuf_printf(b, "%s%s", i ? ", " : "", rec_fields[i].name);
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
    strbuf_adds(b, ") ON CONFLICT(id) DO UPDATE SET ");
    bool first = true;
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        if (f->flags & REC_FIXED)
            continue;
        strbuf_printf(b, "%s%s=excluded.%s", first ? "" : ", ", f->name, f->name);
        first = false;
    }
}

/* Field i of n into slot i + 1 of st.  The strings are n's: bound static,
 * so st must be done with before n changes. */
static void bind_note(sqlite3_stmt *st, const note *n)
{
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        int k = (int)i + 1;
        switch (f->kind) {
        case REC_TIME: sqlite3_bind_int64(st, k, *rec_time((note *)n, f)); break;
        case REC_BOOL: sqlite3_bind_int(st, k, *rec_bool((note *)n, f)); break;
        default: sqlite3_bind_text(st, k, rec_cstr(n, f), -1, SQLITE_STATIC);
        }
    }
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
    bind_note(st, n);
    if (sqlite3_step(st) != SQLITE_DONE)
        return save_failed(s, n, fresh, st, err, errsize);
    sqlite3_finalize(st);
    return true;
}

/* The row st stands on into n, each column by its name.  False when
 * SQLite ran out of memory handing a value over. */
static bool read_row(sqlite3_stmt *st, note *n)
{
    memset(n, 0, sizeof *n);
    char err[8];
    for (int k = 0; k < sqlite3_column_count(st); k++) {
        const rec_field *f = rec_find(sqlite3_column_name(st, k));
        if (!f)
            continue;
        if (f->kind == REC_TIME) {
            *rec_time(n, f) = sqlite3_column_int64(st, k);
        } else if (f->kind == REC_BOOL) {
            *rec_bool(n, f) = sqlite3_column_int(st, k) != 0;
        } else {
            const char *t = (const char *)sqlite3_column_text(st, k);
            if (!t && sqlite3_column_type(st, k) != SQLITE_NULL)
                return false;
            if (f->kind == REC_UUID)
                snprintf(n->id, sizeof n->id, "%s", t ? t : "");
            else
                rec_set(n, f, t, err, sizeof err);
        }
    }
    return true;
}

/* Step st to its end, every row into a heap array.  False (nothing kept)
 * when a step fails. */
static bool read_rows(store *s, sqlite3_stmt *st, note **out, size_t *n, char *err,
                      size_t errsize)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        vec_reserve((void **)out, &cap, *n + 1, sizeof(note));
        if (!read_row(st, &(*out)[*n])) {
            note_fini(&(*out)[*n]);
            rc = SQLITE_NOMEM;
            break;
        }
        (*n)++;
    }
    if (rc == SQLITE_DONE)
        return true;
    if (rc == SQLITE_NOMEM)
        snprintf(err, errsize, "%s: out of memory", store_path(s));
    else
        store_failed(s, err, errsize);
    notes_free(*out, *n);
    *out = NULL;
    *n = 0;
    return false;
}

int notes_get(store *s, const char *id, note *out, char *err, size_t errsize)
{
    memset(out, 0, sizeof *out);
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
        if (rc == SQLITE_ROW && read_row(st, out))
            found = 1;
        else if (rc == SQLITE_ROW) {
            note_fini(out);
            snprintf(err, errsize, "%s: out of memory", store_path(s));
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

bool notes_search(store *s, const notes_query *qy, note **out, size_t *n, char *err,
                  size_t errsize)
{
    *out = NULL;
    *n = 0;
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
