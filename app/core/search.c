/*
 * search.c - FTS5 trigram search, and an index of characters and pairs
 * for shorter terms (see search.h).
 */
#include "search.h"

#include "ftsq.h"

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
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unistd.h>
#include <ini.h>

#include "util.h"

/* A variant and the form both the index and the query use for it. */
typedef struct synonym {
    char *from, *to; /* folded */
    size_t flen;
} synonym;

struct search {
    sqlite3 *db;
    bool built;
    char *name; /* the index file's name in the cache folder, or NULL */
    synonym *syn; /* longest variant first */
    size_t nsyn, syncap;
    bool first[256]; /* a variant starts with this byte */
};

typedef struct row {
    int chapter, line, sect;
    char *heading, *text;
    char *fold, *hfold; /* as matched: folded (search_fold) */
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


/* ---- the short-term index: every character and pair of characters ---- */

/* The index format: the folding rules and the tables.  Part of every
 * index's and key file's name, so a change rebuilds (and old files are
 * pruned as unused). */
#define INDEX_FORMAT "fold 1 grams 1 shifts 1"

/* A tokenizer for the table "grams": a document becomes each of its
 * characters (code points) and each pair of neighbours, so a term of one
 * or two characters - below the trigram index's reach - is one token to
 * look up.  Pairs across a space or tab are left out (a query term never
 * has one).  A query (a quoted term) is one token as it is. */
static int gram_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
    (void)ctx;
    (void)argv;
    (void)argc;
    static int one;
    *out = (Fts5Tokenizer *)&one; /* no state */
    return SQLITE_OK;
}

static void gram_delete(Fts5Tokenizer *t)
{
    (void)t;
}

static bool is_gap(uint32_t c)
{
    return c == ' ' || c == '\t';
}

static int gram_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n,
                         int (*token)(void *, int, const char *, int, int, int))
{
    (void)t;
    if (n <= 0)
        return SQLITE_OK;
    if (flags & FTS5_TOKENIZE_QUERY)
        return token(ctx, 0, text, n, 0, n);
    size_t len = (size_t)n, i = 0, j = 0;
    uint32_t c = utf8_next(text, len, &j);
    while (i < len) {
        size_t k = j;
        uint32_t d = j < len ? utf8_next(text, len, &k) : ' ';
        int rc = SQLITE_OK;
        if (!is_gap(c)) {
            rc = token(ctx, 0, text + i, (int)(j - i), (int)i, (int)j);
            if (rc == SQLITE_OK && !is_gap(d))
                rc = token(ctx, 0, text + i, (int)(k - i), (int)i, (int)k);
        }
        if (rc != SQLITE_OK)
            return rc;
        i = j;
        j = k;
        c = d;
    }
    return SQLITE_OK;
}

/* Make the tokenizer known to db (each connection, before "grams" is used). */
static bool add_grams(sqlite3 *db)
{
    fts5_api *api = NULL;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) != SQLITE_OK)
        return false;
    sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
    sqlite3_step(st);
    sqlite3_finalize(st);
    static fts5_tokenizer gram = {gram_create, gram_delete, gram_tokenize};
    return api && api->xCreateTokenizer(api, "mg_grams", NULL, &gram, NULL) == SQLITE_OK;
}


/* ---- folding: what the index holds and the query is matched as ---- */

/* One code point in UTF-8 to out. */
static void put_cp(strbuf *out, uint32_t c)
{
    char b[4];
    size_t k = 0;
    if (c < 0x80)
        b[k++] = (char)c;
    else if (c < 0x800) {
        b[k++] = (char)(0xC0 | (c >> 6));
        b[k++] = (char)(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        b[k++] = (char)(0xE0 | (c >> 12));
        b[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[k++] = (char)(0x80 | (c & 0x3F));
    } else {
        b[k++] = (char)(0xF0 | (c >> 18));
        b[k++] = (char)(0x80 | ((c >> 12) & 0x3F));
        b[k++] = (char)(0x80 | ((c >> 6) & 0x3F));
        b[k++] = (char)(0x80 | (c & 0x3F));
    }
    strbuf_add(out, b, k);
}

static bool is_voicing(uint32_t c)
{
    return c == 0x3099 || c == 0x309A || c == 0xFF9E || c == 0xFF9F || (c >= 0x300 && c < 0x370);
}

/* Katakana to hiragana (ウイルス and ういるす are one word to a visitor). */
static uint32_t kana(uint32_t c)
{
    return c >= 0x30A1 && c <= 0x30F6 ? c - 0x60 : c;
}

/* Fold one cluster text[0..n) (a character and its voicing marks) to out. */
static void fold_cluster(const char *text, size_t n, strbuf *out)
{
    size_t k = 0;
    uint32_t c = utf8_next(text, n, &k);
    if (k == n) { /* fast paths: no normalisation can change these */
        if (c < 0x80) {
            strbuf_addc(out, (char)(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
            return;
        }
        if ((c >= 0x3041 && c <= 0x30F6) || (c >= 0x4E00 && c <= 0x9FFF)) {
            put_cp(out, kana(c));
            return;
        }
    }
    UErrorCode e = U_ZERO_ERROR;
    const UNormalizer2 *nf = unorm2_getNFKCCasefoldInstance(&e);
    UChar in[16], nfd[64];
    int32_t ilen = 0;
    u_strFromUTF8(in, (int32_t)MG_ARRAY_LEN(in), &ilen, text, (int32_t)n, &e);
    int32_t olen = U_SUCCESS(e) ? unorm2_normalize(nf, in, ilen, nfd, (int32_t)MG_ARRAY_LEN(nfd), &e)
                                : 0;
    if (U_FAILURE(e)) { /* keep it as it is */
        strbuf_add(out, text, n);
        return;
    }
    for (int32_t i = 0; i < olen;) {
        UChar32 u;
        U16_NEXT(nfd, i, olen, u);
        put_cp(out, kana((uint32_t)u));
    }
}

/* Folded text with, when map is wanted, for each folded byte the source
 * byte range of the cluster it came from (so a match can be shown in the
 * source).  Synonyms then turn each variant into its common form. */
typedef struct folded {
    strbuf s;
    size_t *from, *to; /* per byte of s, or NULL */
    size_t cap;
} folded;

static void fold_into(const search *sr, const char *text, size_t len, folded *f, bool map,
                      size_t limit)
{
    strbuf_init(&f->s);
    f->from = f->to = NULL;
    f->cap = 0;
    strbuf raw;
    strbuf_init(&raw);
    size_t *rf = NULL, *rt = NULL, rcap = 0;
    /* Folding mostly keeps the length: room for that at once. */
    size_t guess = (len < limit ? len : limit) + 16;
    vec_reserve((void **)&raw.s, &raw.cap, guess, 1);
    vec_reserve((void **)&f->s.s, &f->s.cap, guess, 1);
    raw.s[0] = f->s.s[0] = '\0';
    if (map) {
        vec_reserve((void **)&rf, &rcap, guess, sizeof(size_t));
        rt = xmalloc(rcap * sizeof(size_t));
        vec_reserve((void **)&f->from, &f->cap, guess, sizeof(size_t));
        f->to = xmalloc(f->cap * sizeof(size_t));
    }
    for (size_t i = 0; i < len && raw.len < limit;) {
        size_t j = i;
        utf8_next(text, len, &j);
        for (;;) { /* voicing marks stay with their character */
            size_t k = j;
            if (k >= len || !is_voicing(utf8_next(text, len, &k)))
                break;
            j = k;
        }
        size_t before = raw.len;
        fold_cluster(text + i, j - i, &raw);
        if (map) {
            size_t old = rcap;
            vec_reserve((void **)&rf, &rcap, raw.len + 1, sizeof(size_t));
            if (rcap != old)
                rt = xrealloc(rt, rcap * sizeof(size_t));
            for (size_t b = before; b < raw.len; b++) {
                rf[b] = i;
                rt[b] = j;
            }
        }
        i = j;
    }
    /* Synonyms: the variant's bytes become the common form's. */
    for (size_t i = 0; i < raw.len;) {
        const synonym *hit = NULL;
        bool maybe = sr && sr->first[(unsigned char)raw.s[i]];
        for (size_t k = 0; maybe && k < sr->nsyn && !hit; k++) {
            size_t m = sr->syn[k].flen;
            if (m <= raw.len - i && raw.s[i] == sr->syn[k].from[0] &&
                memcmp(raw.s + i, sr->syn[k].from, m) == 0)
                hit = &sr->syn[k];
        }
        size_t take = hit ? hit->flen : 1;
        const char *put = hit ? hit->to : raw.s + i;
        size_t plen = hit ? strlen(hit->to) : 1;
        if (!hit) { /* no variant here: the run up to the next one as it is */
            size_t e = i + 1, start = f->s.len;
            while (e < raw.len && !(sr && sr->first[(unsigned char)raw.s[e]]))
                e++;
            strbuf_add(&f->s, raw.s + i, e - i);
            if (map) {
                size_t old = f->cap;
                vec_reserve((void **)&f->from, &f->cap, f->s.len + 1, sizeof(size_t));
                if (f->cap != old)
                    f->to = xrealloc(f->to, f->cap * sizeof(size_t));
                memcpy(f->from + start, rf + i, (e - i) * sizeof(size_t));
                memcpy(f->to + start, rt + i, (e - i) * sizeof(size_t));
            }
            i = e;
            continue;
        }
        size_t start = f->s.len;
        strbuf_add(&f->s, put, plen);
        if (map) {
            size_t old = f->cap;
            vec_reserve((void **)&f->from, &f->cap, f->s.len + 1, sizeof(size_t));
            if (f->cap != old)
                f->to = xrealloc(f->to, f->cap * sizeof(size_t));
            for (size_t b = start; b < f->s.len; b++) {
                f->from[b] = rf[i];
                f->to[b] = rt[i + take - 1];
            }
        }
        i += take;
    }
    if (!f->s.s)
        strbuf_adds(&f->s, "");
    strbuf_fini(&raw);
    free(rf);
    free(rt);
}

static void folded_fini(folded *f)
{
    strbuf_fini(&f->s);
    free(f->from);
    free(f->to);
}

/* Where a block's folded bytes come from in its text, kept beside it so
 * a snippet needs no folding: the groups of folded bytes that are not
 * the text's own bytes at a fixed offset (a character folded to another
 * length, a cluster of several, a synonym), each as four uint32 - folded
 * start and end, text start and end.  Between groups the last group's
 * offset holds (none before the first: the same offset). */
static void make_shifts(const char *text, const folded *f, strbuf *out)
{
    long shift = 0;
    for (size_t b = 0; b < f->s.len;) {
        size_t e = b + 1;
        while (e < f->s.len && f->from[e] == f->from[b] && f->to[e] == f->to[b])
            e++;
        size_t one = f->from[b];
        utf8_next(text, f->to[b], &one); /* one code point there? */
        if ((long)f->from[b] != (long)b + shift || (long)f->to[b] != (long)e + shift ||
            one != f->to[b]) {
            uint32_t g[4] = {(uint32_t)b, (uint32_t)e, (uint32_t)f->from[b], (uint32_t)f->to[b]};
            strbuf_add(out, (const char *)g, sizeof g);
            shift = (long)f->to[b] - (long)e;
        }
        b = e;
    }
}

/* Folded offset x in the text, by make_shifts's groups (n uint32): the
 * start of the character it is in (end false), or the end of the one
 * before it (end true). */
static size_t unshift(const uint32_t *g, size_t n, size_t x, bool end)
{
    long shift = 0;
    size_t at = end ? x - 1 : x; /* the folded byte that matters */
    for (size_t i = 0; g && i + 4 <= n; i += 4) {
        if (g[i] > at)
            break;
        if (at < g[i + 1])
            return end ? g[i + 3] : g[i + 2];
        shift = (long)g[i + 3] - (long)g[i + 1];
    }
    return (size_t)((long)x + shift);
}

char *search_fold(const search *s, const char *text)
{
    folded f;
    fold_into(s, text, strlen(text), &f, false, SIZE_MAX);
    char *r = strbuf_take(&f.s);
    folded_fini(&f);
    return r;
}

/* assets/synonyms.ini: "common = variant, variant" lines. */
static int on_synonym(void *user, const char *section, const char *name, const char *value)
{
    (void)section;
    search *s = user;
    char *to = search_fold(NULL, name);
    const char *p = value;
    while (*p) {
        while (*p == ' ' || *p == ',')
            p++;
        if (!strncmp(p, "\xE3\x80\x81", 3)) { /* 、 */
            p += 3;
            continue;
        }
        const char *e = p;
        while (*e && *e != ',' && strncmp(e, "\xE3\x80\x81", 3) != 0)
            e++;
        const char *t = e;
        while (t > p && t[-1] == ' ')
            t--;
        if (t > p) {
            char *raw = xstrndup(p, (size_t)(t - p));
            char *from = search_fold(NULL, raw);
            free(raw);
            if (*from && strcmp(from, to) != 0) {
                vec_reserve((void **)&s->syn, &s->syncap, s->nsyn + 1, sizeof(synonym));
                s->syn[s->nsyn++] = (synonym){from, xstrdup(to), strlen(from)};
            } else
                free(from);
        }
        p = e;
    }
    free(to);
    return 1;
}

static int by_length(const void *a, const void *b)
{
    size_t x = strlen(((const synonym *)a)->from), y = strlen(((const synonym *)b)->from);
    return x > y ? -1 : x < y;
}

static void load_synonyms(search *s, const char *path, crypto_generichash_state *fp)
{
    if (!path)
        return;
    FILE *f = fopen(path, "r");
    if (!f)
        return;
    ini_parse_file(f, on_synonym, s);
    fclose(f);
    qsort(s->syn, s->nsyn, sizeof(synonym), by_length);
    for (size_t i = 0; i < s->nsyn; i++) { /* they shape the index: part of its name */
        s->first[(unsigned char)s->syn[i].from[0]] = true;
        fp_add(fp, s->syn[i].from);
        fp_add(fp, s->syn[i].to);
    }
}

/* Every block with text, with the section (a heading of level 1 to 3
 * starts one) it is in. */
static void collect(rows *rs, int ch, const doc_block *b, char **heading, int *sect)
{
    for (const doc_block *k = b->first; k; k = k->next) {
        if (k->nspans && k->kind != DOC_HTML) {
            char *text = doc_block_text(k);
            if (k->kind == DOC_HEADING && k->level <= 3) {
                free(*heading);
                *heading = xstrdup(text);
                ++*sect;
            }
            if (*text) {
                const char *h = *heading ? *heading : "";
                vec_reserve((void **)&rs->r, &rs->cap, rs->n + 1, sizeof(row));
                /* folded only if the index is built (most starts reuse it) */
                rs->r[rs->n++] = (row){ch, k->line, *sect, xstrdup(h), text, NULL, NULL};
                fp_add(&rs->fp, text);
            } else
                free(text);
        }
        collect(rs, ch, k, heading, sect);
    }
}

static int exec(sqlite3 *db, const char *sql)
{
    return sqlite3_exec(db, sql, NULL, NULL, NULL);
}

static bool build(const search *s, sqlite3 *db, rows *rs, char *err, size_t errsize)
{
    /* blocks: each block's text, as shown and as matched, and where it is;
     * idx: the trigrams of its folded text, for terms of 3 characters or
     * more; grams: its characters and pairs, for shorter terms.  Both
     * indexes hold no text (content=''), only which block (the same id)
     * has what; grams no positions either (detail=none). */
    if (exec(db, "DROP TABLE IF EXISTS blocks; DROP TABLE IF EXISTS idx;"
                 "DROP TABLE IF EXISTS grams; DROP TABLE IF EXISTS meta;"
                 "CREATE TABLE blocks(id INTEGER PRIMARY KEY, chapter INT, line INT, sect INT,"
                 " fold TEXT, hfold TEXT, heading TEXT, text TEXT, shifts BLOB);"
                 "CREATE VIRTUAL TABLE idx USING fts5(fold, content='', tokenize='trigram');"
                 "CREATE VIRTUAL TABLE grams USING fts5(fold, content='', detail=none,"
                 " tokenize='mg_grams');"
                 "CREATE TABLE meta(k TEXT PRIMARY KEY, v TEXT);") != SQLITE_OK) {
        snprintf(err, errsize, "%s", sqlite3_errmsg(db));
        return false;
    }
    exec(db, "BEGIN");
    sqlite3_stmt *st = NULL, *ts = NULL, *gs = NULL;
    sqlite3_prepare_v2(db,
                       "INSERT INTO blocks(id, chapter, line, sect, fold, hfold, heading, text,"
                       " shifts) VALUES(?,?,?,?,?,?,?,?,?)",
                       -1, &st, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO idx(rowid, fold) VALUES(?,?)", -1, &ts, NULL);
    sqlite3_prepare_v2(db, "INSERT INTO grams(rowid, fold) VALUES(?,?)", -1, &gs, NULL);
    for (size_t i = 0; i < rs->n; i++) {
        row *r = &rs->r[i];
        folded f;
        fold_into(s, r->text, strlen(r->text), &f, true, SIZE_MAX);
        strbuf shifts;
        strbuf_init(&shifts);
        make_shifts(r->text, &f, &shifts);
        r->fold = strbuf_take(&f.s);
        folded_fini(&f);
        r->hfold = search_fold(s, r->heading);
        sqlite3_int64 id = (sqlite3_int64)i + 1;
        sqlite3_bind_int64(st, 1, id);
        sqlite3_bind_int(st, 2, r->chapter);
        sqlite3_bind_int(st, 3, r->line);
        sqlite3_bind_int(st, 4, r->sect);
        sqlite3_bind_text(st, 5, r->fold, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 6, r->hfold, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 7, r->heading, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 8, r->text, -1, SQLITE_STATIC);
        if (shifts.len)
            sqlite3_bind_blob(st, 9, shifts.s, (int)shifts.len, SQLITE_STATIC);
        else
            sqlite3_bind_null(st, 9);
        sqlite3_step(st);
        sqlite3_reset(st);
        strbuf_fini(&shifts);
        sqlite3_stmt *fts[2] = {ts, gs};
        for (int k = 0; k < 2; k++) {
            sqlite3_bind_int64(fts[k], 1, id);
            sqlite3_bind_text(fts[k], 2, r->fold, -1, SQLITE_STATIC);
            sqlite3_step(fts[k]);
            sqlite3_reset(fts[k]);
        }
    }
    sqlite3_finalize(st);
    sqlite3_finalize(ts);
    sqlite3_finalize(gs);
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
    return search_open_with(g, cache_dir, NULL, err, errsize);
}

search *search_open_with(const guide *g, const char *cache_dir, const char *synonyms, char *err,
                         size_t errsize)
{
    return search_open_faq(g, NULL, cache_dir, synonyms, err, errsize);
}

/* The FAQ's items as rows of their own sections: chapter -1 - item. */
static void collect_faq(rows *rs, const faq *f, int *sect)
{
    fp_add(&rs->fp, "faq 1");
    for (size_t i = 0; i < f->n; i++) {
        const faq_item *it = &f->it[i];
        ++*sect;
        strbuf body;
        strbuf_init(&body);
        for (size_t k = 0; k < it->nkeywords; k++) {
            strbuf_adds(&body, it->keywords[k]);
            strbuf_adds(&body, k + 1 < it->nkeywords ? "\xE3\x80\x81" : "\xE3\x80\x82"); /* 、。 */
        }
        strbuf_adds(&body, it->answer);
        const char *texts[2] = {it->question, body.s};
        for (int k = 0; k < 2; k++) {
            vec_reserve((void **)&rs->r, &rs->cap, rs->n + 1, sizeof(row));
            rs->r[rs->n++] = (row){-1 - (int)i, 0, *sect, xstrdup(it->question), xstrdup(texts[k]),
                                   NULL, NULL};
            fp_add(&rs->fp, texts[k]);
        }
        strbuf_fini(&body);
    }
}

search *search_open_faq(const guide *g, const faq *f, const char *cache_dir, const char *synonyms,
                        char *err, size_t errsize)
{
    rows rs = {0};
    if (sodium_init() < 0) {
        snprintf(err, errsize, "libsodium");
        return NULL;
    }
    crypto_generichash_init(&rs.fp, NULL, 0, 16);
    fp_add(&rs.fp, INDEX_FORMAT); /* the folding rules and tables, so a change rebuilds */
    search *s = xcalloc(1, sizeof *s);
    load_synonyms(s, synonyms, &rs.fp);
    int sect = 0;
    for (size_t i = 0; i < g->n; i++) {
        char *heading = NULL;
        fp_add(&rs.fp, g->ch[i].title);
        collect(&rs, (int)i, g->ch[i].doc->root, &heading, &sect);
        free(heading);
    }
    if (f && f->n)
        collect_faq(&rs, f, &sect);
    /* The index file is named after the book's content: a changed book
     * gets a new index, an unchanged one reuses its own. */
    unsigned char fp[16];
    crypto_generichash_final(&rs.fp, fp, sizeof fp);
    char hex[2 * sizeof fp + 1], name[64];
    sodium_bin2hex(hex, sizeof hex, fp, sizeof fp);
    snprintf(name, sizeof name, "search-%s.sqlite", hex);
    char *path = cache_dir ? path_join(cache_dir, name) : xstrdup(":memory:");
    /* One thread at a time uses a search: no locks inside SQLite. */
    int rw = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path, &s->db, rw, NULL);
    if (rc != SQLITE_OK && cache_dir) { /* cache unusable (read-only?): memory */
        sqlite3_close(s->db);
        rc = sqlite3_open_v2(":memory:", &s->db, rw, NULL);
    }
    bool ok = rc == SQLITE_OK && add_grams(s->db);
    if (ok) {
        sqlite3_stmt *st = NULL;
        bool fresh = sqlite3_prepare_v2(s->db, "SELECT v FROM meta WHERE k='done'", -1, &st,
                                        NULL) == SQLITE_OK &&
                     sqlite3_step(st) == SQLITE_ROW;
        sqlite3_finalize(st);
        if (!fresh) {
            ok = build(s, s->db, &rs, err, errsize);
            s->built = true;
        }
    } else {
        snprintf(err, errsize, "%s", sqlite3_errmsg(s->db));
    }
    for (size_t i = 0; i < rs.n; i++) {
        free(rs.r[i].heading);
        free(rs.r[i].text);
        free(rs.r[i].fold);
        free(rs.r[i].hfold);
    }
    free(rs.r);
    free(path);
    if (!ok) {
        search_close(s);
        return NULL;
    }
    if (cache_dir) {
        prune(cache_dir, name);
        s->name = xstrdup(name);
    }
    return s;
}

/* The file that maps a key to an index: book-<hash of key>.txt. */
static char *known_path(const char *cache_dir, const char *key)
{
    unsigned char h[16];
    strbuf k;
    strbuf_init(&k);
    strbuf_printf(&k, INDEX_FORMAT "\n%s", key); /* as the index name has */
    crypto_generichash(h, sizeof h, (const unsigned char *)k.s, k.len, NULL, 0);
    strbuf_fini(&k);
    char hex[2 * sizeof h + 1], name[64];
    sodium_bin2hex(hex, sizeof hex, h, sizeof h);
    snprintf(name, sizeof name, "book-%s.txt", hex);
    return path_join(cache_dir, name);
}

bool search_remember(const search *s, const char *cache_dir, const char *key,
                     const char *const *titles, size_t n, const char *notes)
{
    if (!s || !s->name || !cache_dir || !key || sodium_init() < 0)
        return false;
    /* The index's name, the number of titles, a title a line, the notes. */
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, "%s\n%zu\n", s->name, n);
    for (size_t i = 0; i < n; i++) {
        for (const char *p = titles[i]; *p; p++) /* one line each */
            strbuf_addc(&b, *p == '\n' || *p == '\r' ? ' ' : *p);
        strbuf_addc(&b, '\n');
    }
    strbuf_adds(&b, notes ? notes : "");
    char *path = known_path(cache_dir, key);
    strbuf tmp;
    strbuf_init(&tmp);
    strbuf_printf(&tmp, "%s.%d.tmp", path, (int)getpid());
    FILE *f = fopen(tmp.s, "w");
    bool ok = f && fwrite(b.s, 1, b.len, f) == b.len;
    if (f)
        ok = fclose(f) == 0 && ok;
    ok = ok && rename(tmp.s, path) == 0;
    if (!ok)
        unlink(tmp.s);
    strbuf_fini(&tmp);
    strbuf_fini(&b);
    free(path);
    return ok;
}

search *search_open_known(const char *cache_dir, const char *key, const char *synonyms,
                          char ***titles, size_t *n, char **notes)
{
    *titles = NULL;
    *n = 0;
    *notes = NULL;
    if (!cache_dir || !key || sodium_init() < 0)
        return NULL;
    char *path = known_path(cache_dir, key);
    size_t len = 0;
    char *text = read_file(path, &len);
    free(path);
    char *nl = text ? strchr(text, '\n') : NULL;
    if (nl)
        *nl = '\0'; /* the index's name: no folder in it (titles may have '/') */
    if (!nl || strncmp(text, "search-", 7) != 0 || strchr(text, '/')) {
        free(text);
        return NULL;
    }
    char *db = path_join(cache_dir, text);
    search *s = xcalloc(1, sizeof *s);
    bool ok = sqlite3_open_v2(db, &s->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) ==
                  SQLITE_OK &&
              add_grams(s->db);
    free(db);
    sqlite3_stmt *st = NULL;
    ok = ok && sqlite3_prepare_v2(s->db, "SELECT v FROM meta WHERE k='done'", -1, &st, NULL) == SQLITE_OK &&
         sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    if (!ok) {
        free(text);
        search_close(s);
        return NULL;
    }
    s->name = xstrdup(text);
    crypto_generichash_state fp; /* the same table as the index was built with */
    crypto_generichash_init(&fp, NULL, 0, 16);
    load_synonyms(s, synonyms, &fp);
    char *end = NULL;
    unsigned long want = strtoul(nl + 1, &end, 10);
    if (want > len) /* a damaged file: more titles than it has bytes */
        want = 0;
    char *p = end && *end == '\n' ? end + 1 : end;
    *titles = xcalloc(want ? want : 1, sizeof(char *));
    while (p && *n < want) {
        char *e = strchr(p, '\n');
        if (!e)
            break;
        (*titles)[(*n)++] = xstrndup(p, (size_t)(e - p));
        p = e + 1;
    }
    *notes = xstrdup(p ? p : "");
    free(text);
    return s;
}

void search_close(search *s)
{
    if (!s)
        return;
    sqlite3_close(s->db);
    free(s->name);
    for (size_t i = 0; i < s->nsyn; i++) {
        free(s->syn[i].from);
        free(s->syn[i].to);
    }
    free(s->syn);
    free(s);
}

bool search_built(const search *s)
{
    return s->built;
}

/* ---- queries ---- */

static int count_in(const char *s, const char *needle)
{
    int n = 0;
    size_t m = strlen(needle);
    for (const char *p = strstr(s, needle); p && m; p = strstr(p + m, needle))
        n++;
    return n;
}

/* Some 24 characters either side of the first match of term (folded) in
 * text, cut at character boundaries, the match between \x01 and \x02. */
static char *make_snippet(const char *text, const char *fold, const void *shifts, size_t nbytes,
                          const char *term)
{
    size_t len = strlen(text);
    /* Where the match is, from the stored folded text, and so in the text
     * by the stored shifts (see make_shifts). */
    const char *at = *term ? strstr(fold, term) : NULL;
    if (!at)
        return xstrdup(text);
    size_t tl = strlen(term), off = (size_t)(at - fold);
    size_t ng = nbytes / sizeof(uint32_t);
    uint32_t *g = ng ? xmalloc(ng * sizeof(uint32_t)) : NULL; /* aligned */
    if (g)
        memcpy(g, shifts, ng * sizeof(uint32_t));
    size_t ma = unshift(g, ng, off, false), mb = unshift(g, ng, off + tl, true);
    free(g);
    /* a damaged cache: the block as it is */
    if (ma > mb || mb > len || ((unsigned char)text[ma] & 0xC0) == 0x80 ||
        (mb < len && ((unsigned char)text[mb] & 0xC0) == 0x80))
        return xstrdup(text);
    size_t a = ma, b = mb;
    for (int i = 0; i < 24 && a > 0; i++) {
        a--;
        while (a > 0 && ((unsigned char)text[a] & 0xC0) == 0x80)
            a--;
    }
    for (int i = 0; i < 24 && b < len; i++)
        utf8_next(text, len, &b);
    strbuf s;
    strbuf_init(&s);
    if (a > 0)
        strbuf_adds(&s, "\xE2\x80\xA6"); /* … */
    strbuf_add(&s, text + a, ma - a);
    strbuf_addc(&s, '\x01');
    strbuf_add(&s, text + ma, mb - ma);
    strbuf_addc(&s, '\x02');
    strbuf_add(&s, text + mb, b - mb);
    if (b < len)
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

/* Reorder h[0..n) so that its k best (cmp_hit) come first, in any order
 * (quickselect; 0 < k < n). */
static void select_best(search_hit *h, size_t n, size_t k)
{
    size_t lo = 0, hi = n; /* the k-th lies in [lo, hi) */
    while (hi - lo > 1) {
        search_hit pivot = h[lo + (hi - lo - 1) / 2]; /* not the last: progress */
        size_t i = lo, j = hi - 1;
        for (;;) { /* Hoare: [lo, i) not worse than pivot, (j, hi) not better */
            while (cmp_hit(&h[i], &pivot) < 0)
                i++;
            while (cmp_hit(&h[j], &pivot) > 0)
                j--;
            if (i >= j)
                break;
            search_hit t = h[i];
            h[i++] = h[j];
            h[j--] = t;
        }
        if (k <= j)
            hi = j + 1;
        else
            lo = j + 1;
        if (lo >= k || hi <= k - 1)
            break;
    }
}

/* A matching block before it becomes a hit: one per section is kept. */
typedef struct cand {
    int chapter, line, sect, score;
    bool heading_row;
    sqlite3_int64 id; /* its row in blocks */
} cand;

static int by_sect(const void *x, const void *y)
{
    const cand *a = x, *b = y;
    if (a->sect != b->sect)
        return a->sect < b->sect ? -1 : 1;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* a is a better block to show than b: higher score, then earlier. */
static bool better(const cand *a, const cand *b)
{
    if (a->score != b->score)
        return a->score > b->score;
    if (a->line != b->line)
        return a->line < b->line;
    return a->id < b->id;
}

/* A returned hit's block, to find its hit by. */
typedef struct hit_at {
    sqlite3_int64 id;
    size_t i; /* into the hits */
} hit_at;

static int by_id(const void *x, const void *y)
{
    const hit_at *a = x, *b = y;
    return a->id < b->id ? -1 : a->id > b->id;
}

/* terms as one FTS5 expression: each a quoted string, all required. */
static void add_phrases(strbuf *b, char *const *terms, const size_t *which, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (b->len)
            strbuf_adds(b, " AND ");
        strbuf_addc(b, '"'); /* no FTS5 syntax inside */
        for (const char *c = terms[which[i]]; *c; c++) {
            if (*c == '"')
                strbuf_addc(b, '"');
            strbuf_addc(b, *c);
        }
        strbuf_addc(b, '"');
    }
}

size_t search_run(search *s, const char *query, search_hit **out, size_t max)
{
    *out = NULL;
    char *fq = search_fold(s, query ? query : "");
    ftsq q;
    ftsq_init(&q, fq);
    free(fq);
    char **terms = q.terms;
    size_t nt = q.nterms;
    if (nt == 0) {
        ftsq_fini(&q);
        return 0;
    }
    /* Long terms through the trigram index, short ones (one or two
     * characters) through the index of characters and pairs; all
     * required.  First only what scores a block (its folded text and
     * heading); its text is read only for the hits returned. */
    strbuf sql, grams;
    strbuf_init(&sql);
    strbuf_init(&grams);
    add_phrases(&grams, terms, q.like_term, q.nlike);
    /* The first index drives (its blocks come in order), the other filters. */
    strbuf_printf(&sql, "SELECT b.id, b.chapter, b.line, b.sect, b.fold, b.hfold FROM %s JOIN blocks b"
                        " ON b.id = %s.rowid WHERE %s MATCH ?",
                  q.nlike ? "grams" : "idx", q.nlike ? "grams" : "idx", q.nlike ? "grams" : "idx");
    if (q.nlike && q.match)
        strbuf_adds(&sql, " AND b.id IN (SELECT rowid FROM idx WHERE idx MATCH ?)");
    sqlite3_stmt *st = NULL;
    size_t nc = 0, ccap = 0;
    cand *cs = NULL;
    if (sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) == SQLITE_OK) {
        int k = 1;
        if (q.nlike)
            sqlite3_bind_text(st, k++, grams.s, -1, SQLITE_STATIC);
        if (q.match)
            sqlite3_bind_text(st, k, q.match, -1, SQLITE_STATIC);
        while (sqlite3_step(st) == SQLITE_ROW) {
            const char *fold = (const char *)sqlite3_column_text(st, 4);
            const char *hfold = (const char *)sqlite3_column_text(st, 5);
            if (!fold)
                continue;
            /* Score: occurrences, and a lot more for a match in the heading
             * or a heading row itself. */
            int score = 0;
            for (size_t i = 0; i < nt; i++) {
                score += count_in(fold, terms[i]);
                if (hfold && strstr(hfold, terms[i]))
                    score += 5;
            }
            bool hrow = hfold && strcmp(hfold, fold) == 0;
            if (hrow)
                score += 10;
            vec_reserve((void **)&cs, &ccap, nc + 1, sizeof(cand));
            cs[nc++] = (cand){sqlite3_column_int(st, 1), sqlite3_column_int(st, 2),
                              sqlite3_column_int(st, 3), score, hrow, sqlite3_column_int64(st, 0)};
        }
    }
    sqlite3_finalize(st);
    strbuf_fini(&sql);
    strbuf_fini(&grams);
    /* One card per section, with the section's score: its best block
     * other than the heading itself (the card shows the heading anyway).
     * Blocks are numbered in the book's order, so they come by section;
     * sorted only should an index ever give them otherwise. */
    for (size_t i = 1; i < nc; i++)
        if (by_sect(&cs[i - 1], &cs[i]) > 0) {
            qsort(cs, nc, sizeof(cand), by_sect);
            break;
        }
    size_t n = 0;
    search_hit *hits = nc ? xcalloc(nc, sizeof(search_hit)) : NULL;
    for (size_t i = 0; i < nc;) {
        size_t j = i, b = i, body = SIZE_MAX; /* best block, best but a heading row */
        int total = 0;
        for (; j < nc && cs[j].sect == cs[i].sect; j++) {
            total += cs[j].score;
            if (better(&cs[j], &cs[b]))
                b = j;
            if (!cs[j].heading_row && (body == SIZE_MAX || better(&cs[j], &cs[body])))
                body = j;
        }
        if (body != SIZE_MAX)
            b = body;
        int ch = cs[b].chapter; /* below 0: a FAQ item */
        /* the block's candidate rides in snippet until the hits are sorted */
        hits[n++] = (search_hit){ch < 0 ? -1 : ch, ch < 0 ? -1 - ch : -1, cs[b].line, NULL,
                                 (char *)&cs[b], total};
        i = j;
    }
    /* The best max in order (the rest only set apart, not sorted). */
    if (n > max) {
        if (max)
            select_best(hits, n, max);
        n = max;
    }
    if (n)
        qsort(hits, n, sizeof(search_hit), cmp_hit);
    /* Heading and snippet only for the hits returned: their blocks in one
     * statement (by id), each row back to its hit. */
    hit_at *at = n ? xmalloc(n * sizeof(hit_at)) : NULL;
    strbuf_init(&sql);
    strbuf_adds(&sql, "SELECT id, heading, text, fold, shifts FROM blocks WHERE id IN (");
    for (size_t i = 0; i < n; i++) {
        at[i] = (hit_at){((const cand *)hits[i].snippet)->id, i};
        strbuf_printf(&sql, "%s%lld", i ? "," : "", (long long)at[i].id);
        hits[i].snippet = NULL;
    }
    strbuf_adds(&sql, ")");
    if (n)
        qsort(at, n, sizeof(hit_at), by_id);
    st = NULL;
    if (n && sqlite3_prepare_v2(s->db, sql.s, -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW) {
            hit_at key = {sqlite3_column_int64(st, 0), 0};
            const hit_at *h = bsearch(&key, at, n, sizeof(hit_at), by_id);
            const char *heading = (const char *)sqlite3_column_text(st, 1);
            const char *text = (const char *)sqlite3_column_text(st, 2);
            const char *fold = (const char *)sqlite3_column_text(st, 3);
            if (!h || hits[h->i].heading || !text || !fold)
                continue;
            hits[h->i].heading = xstrdup(heading ? heading : "");
            hits[h->i].snippet = make_snippet(text, fold, sqlite3_column_blob(st, 4),
                                              (size_t)sqlite3_column_bytes(st, 4), terms[0]);
        }
    strbuf_fini(&sql);
    free(at);
    for (size_t i = 0; i < n; i++) { /* a block gone from a damaged index */
        if (!hits[i].heading)
            hits[i].heading = xstrdup("");
        if (!hits[i].snippet)
            hits[i].snippet = xstrdup("");
    }
    sqlite3_finalize(st);
    free(cs);
    ftsq_fini(&q);
    if (!n) {
        free(hits);
        hits = NULL;
    }
    *out = hits;
    return n;
}

void search_hits_free(search_hit *h, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(h[i].heading);
        free(h[i].snippet);
    }
    free(h);
}
