/*
 * search.c - FTS5 trigram search with a scan for short terms (see search.h).
 */
#include "search.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "util.h"

struct search {
    sqlite3 *db;
    bool built;
};

typedef struct row {
    int chapter, line;
    char *heading, *text;
} row;

typedef struct rows {
    row *r;
    size_t n, cap;
    crypto_generichash_state fp; /* BLAKE2b of everything indexed */
} rows;

/* Each text with its terminating NUL, so "ab"+"c" differs from "a"+"bc". */
static void fp_add(crypto_generichash_state *h, const char *s)
{
    crypto_generichash_update(h, (const unsigned char *)s, strlen(s) + 1);
}

static void collect(rows *rs, int ch, const doc_block *b, char **heading)
{
    for (const doc_block *k = b->first; k; k = k->next) {
        if (k->nspans && k->kind != DOC_HTML) {
            char *text = doc_block_text(k);
            if (k->kind == DOC_HEADING && k->level <= 3) {
                free(*heading);
                *heading = xstrdup(text);
            }
            if (*text) {
                vec_reserve((void **)&rs->r, &rs->cap, rs->n + 1, sizeof(row));
                rs->r[rs->n++] = (row){ch, k->line, xstrdup(*heading ? *heading : ""), text};
                fp_add(&rs->fp, text);
            } else
                free(text);
        }
        collect(rs, ch, k, heading);
    }
}

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static bool build(sqlite3 *db, const rows *rs, char *err, size_t errsize)
{
    if (exec(db, "DROP TABLE IF EXISTS idx; DROP TABLE IF EXISTS meta;"
                 "CREATE VIRTUAL TABLE idx USING fts5(text, heading UNINDEXED, chapter UNINDEXED,"
                 " line UNINDEXED, tokenize='trigram');"
                 "CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);") != SQLITE_OK) {
        snprintf(err, errsize, "%s", sqlite3_errmsg(db));
        return false;
    }
    exec(db, "BEGIN");
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "INSERT INTO idx(text, heading, chapter, line) VALUES(?,?,?,?)", -1,
                       &st, NULL);
    for (size_t i = 0; i < rs->n; i++) {
        sqlite3_bind_text(st, 1, rs->r[i].text, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, rs->r[i].heading, -1, SQLITE_STATIC);
        sqlite3_bind_int(st, 3, rs->r[i].chapter);
        sqlite3_bind_int(st, 4, rs->r[i].line);
        sqlite3_step(st);
        sqlite3_reset(st);
    }
    sqlite3_finalize(st);
    /* Written last: an index cut short by a crash has no 'done' and is rebuilt. */
    exec(db, "INSERT INTO meta VALUES('done','1')");
    return exec(db, "COMMIT") == SQLITE_OK;
}

char *search_cache_dir(void)
{
    const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
    char *base = x && *x ? xstrdup(x) : home ? path_join(home, ".cache") : NULL;
    if (!base)
        return NULL;
    mkdir(base, 0755);
    char *dir = path_join(base, "madoguchi");
    free(base);
    if (mkdir(dir, 0755) != 0 && errno != EEXIST) {
        free(dir);
        return NULL;
    }
    return dir;
}

/* Indexes of other books (or older editions) not used for 30 days go; the
 * one in use is touched so it never looks old. */
static void prune(const char *cache_dir, const char *keep)
{
    char *mine = path_join(cache_dir, keep);
    utimensat(AT_FDCWD, mine, NULL, 0);
    free(mine);
    size_t n;
    char **names = dir_list(cache_dir, ".sqlite", &n);
    time_t old = time(NULL) - 30 * 24 * 3600;
    for (size_t i = 0; names && i < n; i++) {
        if (strncmp(names[i], "search-", 7) != 0 || strcmp(names[i], keep) == 0)
            continue;
        char *p = path_join(cache_dir, names[i]);
        struct stat st;
        if (stat(p, &st) == 0 && st.st_mtime < old)
            unlink(p);
        free(p);
    }
    strv_free(names, n);
}

search *search_open(const guide *g, const char *cache_dir, char *err, size_t errsize)
{
    rows rs = {0};
    if (sodium_init() < 0) {
        snprintf(err, errsize, "libsodium");
        return NULL;
    }
    crypto_generichash_init(&rs.fp, NULL, 0, 16);
    for (size_t i = 0; i < g->n; i++) {
        char *heading = NULL;
        fp_add(&rs.fp, g->ch[i].title);
        collect(&rs, (int)i, g->ch[i].doc->root, &heading);
        free(heading);
    }
    /* The index file is named after the book's content: a changed book
     * gets a new index, an unchanged one reuses its own. */
    unsigned char fp[16];
    crypto_generichash_final(&rs.fp, fp, sizeof fp);
    char hex[2 * sizeof fp + 1], name[64];
    sodium_bin2hex(hex, sizeof hex, fp, sizeof fp);
    snprintf(name, sizeof name, "search-%s.sqlite", hex);
    char *path = cache_dir ? path_join(cache_dir, name) : xstrdup(":memory:");
    search *s = xcalloc(1, sizeof *s);
    int rc = sqlite3_open(path, &s->db);
    if (rc != SQLITE_OK && cache_dir) { /* cache unusable (read-only?): memory */
        sqlite3_close(s->db);
        rc = sqlite3_open(":memory:", &s->db);
    }
    bool ok = rc == SQLITE_OK;
    if (ok) {
        sqlite3_stmt *st = NULL;
        bool fresh = sqlite3_prepare_v2(s->db, "SELECT v FROM meta WHERE k='done'", -1, &st,
                                        NULL) == SQLITE_OK &&
                     sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!fresh) {
            ok = build(s->db, &rs, err, errsize);
            s->built = true;
        }
    } else {
        snprintf(err, errsize, "%s", sqlite3_errmsg(s->db));
    }
    for (size_t i = 0; i < rs.n; i++) {
        free(rs.r[i].heading);
        free(rs.r[i].text);
    }
    free(rs.r);
    free(path);
    if (!ok) {
        search_close(s);
        return NULL;
    }
    if (cache_dir)
        prune(cache_dir, name);
    return s;
}

void search_close(search *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s);
}

bool search_built(const search *s)
{
    return s->built;
}

/* ---- queries ---- */

static size_t cp_len(const char *s)
{
    return utf8_count(s, strlen(s));
}

static char lower(char c)
{
    return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static const char *find_ci(const char *s, const char *needle)
{
    size_t m = strlen(needle);
    for (; *s; s++) {
        size_t k = 0;
        while (k < m && s[k] && lower(s[k]) == lower(needle[k]))
            k++;
        if (k == m)
            return s;
    }
    return NULL;
}

static int count_ci(const char *s, const char *needle)
{
    int n = 0;
    for (const char *p = find_ci(s, needle); p; p = find_ci(p + strlen(needle), needle))
        n++;
    return n;
}

/* Split on ASCII and ideographic spaces. */
static size_t terms_of(const char *q, char **terms, size_t max)
{
    size_t n = 0;
    const char *p = q;
    while (*p && n < max) {
        while (*p == ' ' || *p == '\t' || strncmp(p, "\xE3\x80\x80", 3) == 0)
            p += *p == ' ' || *p == '\t' ? 1 : 3;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t' && strncmp(e, "\xE3\x80\x80", 3) != 0)
            e++;
        if (e > p)
            terms[n++] = xstrndup(p, (size_t)(e - p));
        p = e;
    }
    return n;
}

/* Back off to the start of a UTF-8 character. */
static const char *cp_start(const char *base, const char *p)
{
    while (p > base && ((unsigned char)*p & 0xC0) == 0x80)
        p--;
    return p;
}

static char *make_snippet(const char *text, const char *term)
{
    const char *m = find_ci(text, term);
    if (!m)
        return xstrdup(text);
    const char *a = m, *b = m + strlen(term);
    for (int i = 0; i < 24 && a > text; i++)
        a = cp_start(text, a - 1);
    for (int i = 0; i < 24 && *b; i++) {
        size_t k = 0;
        utf8_next(b, strlen(b), &k);
        b += k;
    }
    strbuf s;
    strbuf_init(&s);
    if (a > text)
        strbuf_adds(&s, "\xE2\x80\xA6"); /* … */
    strbuf_add(&s, a, (size_t)(m - a));
    strbuf_addc(&s, '\x01');
    strbuf_add(&s, m, strlen(term));
    strbuf_addc(&s, '\x02');
    const char *after = m + strlen(term);
    strbuf_add(&s, after, (size_t)(b - after));
    if (*b)
        strbuf_adds(&s, "\xE2\x80\xA6");
    return strbuf_take(&s);
}

static int cmp_hit(const void *x, const void *y)
{
    const search_hit *a = x, *b = y;
    if (a->score != b->score)
        return a->score > b->score ? -1 : 1;
    if (a->chapter != b->chapter)
        return a->chapter < b->chapter ? -1 : 1;
    return a->line < b->line ? -1 : a->line > b->line;
}


size_t search_run(search *s, const char *query, search_hit **out, size_t max)
{
    *out = NULL;
    char *terms[8];
    size_t nt = terms_of(query ? query : "", terms, MG_ARRAY_LEN(terms));
    if (nt == 0)
        return 0;
    /* Long terms through the trigram index, short ones by scanning. */
    strbuf sql, match;
    strbuf_init(&sql);
    strbuf_init(&match);
    strbuf_adds(&sql, "SELECT chapter, line, heading, text FROM idx WHERE 1");
    for (size_t i = 0; i < nt; i++) {
        if (cp_len(terms[i]) >= 3) {
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
            strbuf_adds(&sql, " AND text LIKE ? ESCAPE '\\'");
        }
    }
    if (match.len)
        strbuf_adds(&sql, " AND idx MATCH ?");
    sqlite3_stmt *st = NULL;
    size_t n = 0, cap = 0;
    search_hit *hits = NULL;
    if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) == SQLITE_OK) {
        int k = 1;
        for (size_t i = 0; i < nt; i++) {
            if (cp_len(terms[i]) >= 3)
                continue;
            strbuf p;
            strbuf_init(&p);
            strbuf_add_like(&p, terms[i]);
            sqlite3_bind_text(st, k++, p.s, -1, SQLITE_TRANSIENT);
            strbuf_fini(&p);
        }
        if (match.len)
            sqlite3_bind_text(st, k, match.s, -1, SQLITE_TRANSIENT);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *heading = (const char *)sqlite3_column_text(st, 2);
            const char *text = (const char *)sqlite3_column_text(st, 3);
            /* Score: occurrences, and a lot more for a match in the heading
             * or a heading row itself. */
            int score = 0;
            for (size_t i = 0; i < nt; i++) {
                score += count_ci(text, terms[i]);
                if (heading && find_ci(heading, terms[i]))
                    score += 5;
            }
            if (heading && strcmp(heading, text) == 0)
                score += 10;
            vec_reserve((void **)&hits, &cap, n + 1, sizeof(search_hit));
            hits[n++] = (search_hit){sqlite3_column_int(st, 0), sqlite3_column_int(st, 1),
                                     xstrdup(heading ? heading : ""), make_snippet(text, terms[0]),
                                     score};
        }
    }
    sqlite3_finalize(st);
    strbuf_fini(&sql);
    strbuf_fini(&match);
    for (size_t i = 0; i < nt; i++)
        free(terms[i]);
    if (n)
        qsort(hits, n, sizeof(search_hit), cmp_hit);
    for (size_t i = max; i < n; i++) {
        free(hits[i].heading);
        free(hits[i].snippet);
    }
    *out = hits;
    return n < max ? n : max;
}

void search_hits_free(search_hit *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(h[i].heading);
        free(h[i].snippet);
    }
    free(h);
}
