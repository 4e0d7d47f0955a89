/*
 * Search: 1-, 2- and 3+-character Japanese queries and Latin ones (case
 * insensitive), on the bundled book and on the test EPUB; short terms
 * find every occurrence (each character and pair of a chapter checked
 * against a scan); the index is reused until the book changes.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../app/core/diag.h"
#include "../app/core/search.h"
#include "epub_fixture.h"
#include "../app/core/content.h"
#include "run.h"
#include "test.h"

static const char *src;
static char cache[] = "/tmp/mgsearchXXXXXX";

/* Sections (a heading of level 1 to 3 starts one) with a block whose text
 * contains term, counted the slow way: search gives one hit a section. */
static void brute(const doc_block *b, const char *term, int *sect, int *last, int *n)
{
    for (const doc_block *k = b->first; k; k = k->next) {
        if (k->nspans && k->kind != DOC_HTML) {
            if (k->kind == DOC_HEADING && k->level <= 3)
                ++*sect;
            char *t = doc_block_text(k);
            if (*t && strstr(t, term) && *last != *sect) {
                ++*n;
                *last = *sect;
            }
            free(t);
        }
        brute(k, term, sect, last, n);
    }
}

static int brute_book(const guide *g, const char *term)
{
    int n = 0, sect = 0, last = -1;
    for (size_t i = 0; i < g->n; i++)
        brute(g->ch[i].doc->root, term, &sect, &last, &n);
    return n;
}

static size_t count(search *s, const char *q, search_hit **hits)
{
    return search_run(s, q, hits, 100000);
}

TEST(bundled_book)
{
    guide g;
    CHECK(guide_load(&g, src, NULL, NULL) >= 6);
    char err[256];
    search *s = search_open(&g, cache, err, sizeof err);
    CHECK(s != NULL);
    if (!s)
        return;
    search_hit *h;
    /* one character: every block with 鍵 */
    size_t n = count(s, "鍵", &h);
    CHECK(n > 0);
    CHECK_INT(n, brute_book(&g, "鍵"));
    CHECK_CONTAINS(h[0].snippet, "\x01鍵\x02");
    search_hits_free(h, n);
    /* two characters: 対策 and 詐欺, all of them */
    n = count(s, "対策", &h);
    CHECK_INT(n, brute_book(&g, "対策"));
    CHECK(n > 20);
    search_hits_free(h, n);
    n = count(s, "詐欺", &h);
    CHECK_INT(n, brute_book(&g, "詐欺"));
    search_hits_free(h, n);
    /* three and more: through the trigram index; a heading ranks first */
    n = count(s, "ランサムウェア", &h);
    CHECK_INT(n, brute_book(&g, "ランサムウェア"));
    CHECK(n > 5);
    CHECK_STR(h[0].heading, "ランサムウェア");
    search_hits_free(h, n);
    /* Latin, any case */
    size_t a = count(s, "ipa", &h);
    search_hits_free(h, a);
    size_t b = count(s, "IPA", &h);
    search_hits_free(h, b);
    CHECK(a > 0);
    CHECK_INT(a, b);
    size_t c = count(s, "Ip", &h); /* two Latin letters: the scan, still any case */
    CHECK(c >= a);
    search_hits_free(h, c);
    /* two terms: both must be there */
    n = count(s, "バックアップ 3", &h);
    CHECK(n > 0);
    for (size_t i = 0; i < n; i++)
        CHECK(strstr(h[i].snippet, "バックアップ") != NULL);
    search_hits_free(h, n);
    /* nothing, and odd input */
    CHECK_INT(count(s, "存在しない言葉です", &h), 0);
    search_hits_free(h, 0);
    CHECK_INT(count(s, "   ", &h), 0);
    CHECK_INT(count(s, "%_\"'", &h), 0);
    search_close(s);
    guide_fini(&g);
}

/* Every block (as the index has them) with its section and folded text. */
typedef struct fblock {
    int chapter, line, sect;
    char *fold;
} fblock;

static void fold_blocks(search *s, const doc_block *b, int ch, int *sect, fblock **v, size_t *n,
                        size_t *cap)
{
    for (const doc_block *k = b->first; k; k = k->next) {
        if (k->nspans && k->kind != DOC_HTML) {
            if (k->kind == DOC_HEADING && k->level <= 3)
                ++*sect;
            char *t = doc_block_text(k);
            if (*t) {
                vec_reserve((void **)v, cap, *n + 1, sizeof(fblock));
                (*v)[(*n)++] = (fblock){ch, k->line, *sect, search_fold(s, t)};
            }
            free(t);
        }
        fold_blocks(s, k, ch, sect, v, n, cap);
    }
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return x < y ? -1 : x > y;
}

TEST(short_terms_match_a_scan)
{
    /* Terms of one and two characters (below the trigram index) through
     * their own index: for each character and each pair of neighbours in
     * the first chapters' text, the sections found are exactly those a
     * substring scan of the folded text finds. */
    guide g;
    CHECK(guide_load(&g, src, NULL, NULL) >= 6);
    char err[256];
    search *s = search_open(&g, cache, err, sizeof err);
    CHECK(s != NULL);
    if (!s) {
        guide_fini(&g);
        return;
    }
    fblock *v = NULL;
    size_t nb = 0, cap = 0;
    int sect = 0;
    for (size_t i = 0; i < g.n; i++)
        fold_blocks(s, g.ch[i].doc->root, (int)i, &sect, &v, &nb, &cap);
    CHECK(nb > 100);
    /* the terms: from the first blocks, each distinct one once */
    char *terms[600];
    size_t nt = 0, n1 = 0;
    for (size_t b = 0; b < nb && b < 60 && nt < MG_ARRAY_LEN(terms); b++) {
        const char *f = v[b].fold;
        size_t len = strlen(f);
        for (size_t i = 0; i < len && nt < MG_ARRAY_LEN(terms);) {
            size_t j = i, k;
            uint32_t c = utf8_next(f, len, &j);
            k = j;
            uint32_t d = j < len ? utf8_next(f, len, &k) : ' ';
            for (int w = 1; w <= 2; w++) {
                size_t e = w == 1 ? j : k;
                if (c == ' ' || c == '\t' || (w == 2 && (d == ' ' || d == '\t')))
                    continue;
                char *t = xstrndup(f + i, e - i);
                bool dup = false;
                for (size_t q = 0; q < nt && !dup; q++)
                    dup = !strcmp(terms[q], t);
                if (dup)
                    free(t);
                else {
                    terms[nt++] = t;
                    n1 += w == 1;
                }
            }
            i = j;
        }
    }
    CHECK(n1 > 50);
    CHECK(nt - n1 > 50);
    int *want = xmalloc(nb * sizeof(int)), *got = xmalloc(nb * sizeof(int));
    size_t bad = 0;
    for (size_t q = 0; q < nt; q++) {
        size_t nw = 0, ng = 0;
        for (size_t b = 0; b < nb; b++) /* the scan: each section once */
            if (strstr(v[b].fold, terms[q]) && (nw == 0 || want[nw - 1] != v[b].sect))
                want[nw++] = v[b].sect;
        search_hit *h;
        size_t n = search_run(s, terms[q], &h, 100000);
        for (size_t i = 0; i < n && ng < nb; i++) /* each hit's section, by its block */
            for (size_t b = 0; b < nb; b++)
                if (v[b].chapter == h[i].chapter && v[b].line == h[i].line) {
                    got[ng++] = v[b].sect;
                    break;
                }
        search_hits_free(h, n);
        qsort(got, ng, sizeof(int), cmp_int);
        bool same = ng == n && ng == nw && (nw == 0 || !memcmp(got, want, nw * sizeof(int)));
        if (!same && bad++ < 5)
            fprintf(stderr, "  %s: %zu sections by search, %zu by a scan\n", terms[q], n, nw);
    }
    CHECK_INT(bad, 0);
    for (size_t q = 0; q < nt; q++)
        free(terms[q]);
    for (size_t b = 0; b < nb; b++)
        free(v[b].fold);
    free(v);
    free(want);
    free(got);
    search_close(s);
    guide_fini(&g);
}

TEST(test_epub_book)
{
    char path[64];
    snprintf(path, sizeof path, "search-%d.epub", (int)getpid());
    CHECK(fixture_epub(path, true));
    guide g;
    CHECK_INT(guide_load(&g, src, path, NULL), 3);
    char err[256];
    search *s = search_open(&g, cache, err, sizeof err);
    CHECK(s != NULL);
    if (!s)
        return;
    search_hit *h;
    size_t n = count(s, "詐欺", &h);
    CHECK_INT(n, 1); /* the heading and the target paragraph: one section, one card */
    CHECK_INT(h[0].chapter, 1);
    search_hits_free(h, n);
    n = count(s, "鍵", &h);
    CHECK_INT(n, 1);
    CHECK_CONTAINS(h[0].snippet, "\x01鍵\x02（かぎ）");
    search_hits_free(h, n);
    n = count(s, "phishing", &h);
    CHECK_INT(n, 1);
    CHECK_CONTAINS(h[0].snippet, "\x01Phishing\x02 mail と PHISHING");
    search_hits_free(h, n);
    n = count(s, "ビジネスメール詐欺", &h);
    CHECK_INT(n, 1);
    CHECK_INT(h[0].line, 5);
    search_hits_free(h, n);
    search_close(s);
    guide_fini(&g);
    unlink(path);
}


TEST(forgiving_queries)
{
    /* Folding: full and half width, katakana and hiragana, case, and the
     * synonym table; applied alike to the book and the query. */
    char *syn = path_join(src, "assets/synonyms.ini");
    search *s0 = NULL;
    char *f = search_fold(s0, "ＵＳＢ ﾊﾟｽﾜｰﾄﾞ ウイルス Ｐａｓｓ");
    CHECK_STR(f, "usb ぱすわーど ういるす pass");
    free(f);
    guide g;
    CHECK(guide_load(&g, src, NULL, NULL) >= 6);
    char err[256];
    search *s = search_open_with(&g, cache, syn, err, sizeof err);
    CHECK(s != NULL);
    if (!s) {
        free(syn);
        guide_fini(&g);
        return;
    }
    f = search_fold(s, "情報漏えい");
    CHECK_STR(f, "情報漏洩");
    free(f);
    search_hit *h;
    size_t a = count(s, "ウイルス", &h);
    search_hits_free(h, a);
    size_t b = count(s, "ういるす", &h);
    CHECK(a > 0);
    CHECK_INT(b, a);
    /* the snippet shows the book's own text, cut at characters */
    if (b)
        CHECK_CONTAINS(h[0].snippet, "\x01ウイルス\x02");
    for (size_t i = 0; i < b; i++) {
        size_t len = strlen(h[i].snippet);
        CHECK(utf8_invalid_at(h[i].snippet, len) == len);
    }
    search_hits_free(h, b);
    size_t w = count(s, "ｳｲﾙｽ", &h); /* half-width katakana */
    CHECK_INT(w, a);
    search_hits_free(h, w);
    a = count(s, "パスワード", &h);
    search_hits_free(h, a);
    b = count(s, "ﾊﾟｽﾜｰﾄﾞ", &h);
    CHECK(a > 0);
    CHECK_INT(b, a);
    search_hits_free(h, b);
    /* synonyms: 漏洩 finds what 漏えい finds */
    a = count(s, "漏えい", &h);
    search_hits_free(h, a);
    b = count(s, "漏洩", &h);
    CHECK(a > 0);
    CHECK_INT(b, a);
    if (b)
        CHECK(strstr(h[0].snippet, "\x01漏えい\x02") || strstr(h[0].snippet, "\x01漏洩\x02"));
    search_hits_free(h, b);
    /* one card a section */
    a = count(s, "ランサムウェア", &h);
    for (size_t i = 0; i < a; i++)
        for (size_t j = i + 1; j < a; j++)
            CHECK(!(h[i].chapter == h[j].chapter && !strcmp(h[i].heading, h[j].heading) &&
                    h[i].line == h[j].line));
    search_hits_free(h, a);
    search_close(s);
    guide_fini(&g);
    free(syn);
}

TEST(index_reused_until_the_book_changes)
{
    guide g;
    CHECK(guide_load(&g, src, NULL, NULL) >= 6);
    char err[256];
    search *s = search_open(&g, cache, err, sizeof err);
    CHECK(s && !search_built(s)); /* built by bundled_book */
    search_close(s);
    /* the same book, one word changed: a new index */
    doc_block *b = g.ch[0].doc->root->first;
    while (b && !b->nspans)
        b = b->next;
    CHECK(b != NULL);
    doc_span sp = {.kind = DOC_SPAN_TEXT, .text = "改訂されました", .len = strlen("改訂されました")};
    doc_set_spans(g.ch[0].doc, b, &sp, 1);
    s = search_open(&g, cache, err, sizeof err);
    CHECK(s && search_built(s));
    search_hit *h;
    size_t n = search_run(s, "改訂", &h, 10);
    CHECK_INT(n, 1);
    search_hits_free(h, n);
    search_close(s);
    /* an unwritable cache folder: the index lives in memory instead */
    s = search_open(&g, "/nonexistent/cache", err, sizeof err);
    CHECK(s != NULL);
    search_close(s);
    guide_fini(&g);
}

/* Run a command line; its output (stdout and stderr) in *out, exit status back. */
static int run_cmd(const char *cmd, char **out)
{
    return test_run(cmd, out);
}

TEST(desk_ini_names_the_edition)
{
    /* A content folder whose desk.ini names an EPUB: staff drop a new
     * edition in by replacing that file, nothing rebuilt, no flag. */
    char dir[] = "/tmp/mgdeskXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char cmd[1024], path[512];
    snprintf(cmd, sizeof cmd,
             "mkdir -p %s/assets && ln -s %s/assets/guidebook %s/assets/guidebook && "
             "ln -s %s/assets/referrals.ini %s/assets/referrals.ini && ln -s %s/slides %s/slides && "
             "printf '[desk]\\nguidebook = 新版.epub\\n' > %s/assets/desk.ini",
             dir, src, dir, src, dir, src, dir, dir);
    CHECK(system(cmd) == 0);
    snprintf(path, sizeof path, "%s/assets/新版.epub", dir);
    CHECK(fixture_epub(path, true));
    content *c = content_open(dir, NULL, LANG_EN, 0);
    CHECK_INT(c->guide.n, 3); /* the EPUB's three documents */
    CHECK(c->guide.epub != NULL);
    CHECK_INT((int)diag_count(&c->diags, false), 2); /* the fixture's two paths out of the book */
    content_close(c);
    /* every command follows it: search finds the EPUB's words, check reads it */
    const char *bin = getenv("MG_BINARY");
    char *out = NULL;
    if (bin) {
        snprintf(cmd, sizeof cmd, "%s search phishing --content %s", bin, dir);
        CHECK_INT(run_cmd(cmd, &out), 0);
        CHECK_CONTAINS(out, "【Phishing】 mail");
        free(out);
        snprintf(cmd, sizeof cmd, "%s check --content %s", bin, dir);
        CHECK_INT(run_cmd(cmd, &out), 1); /* it read the EPUB: the fixture's bad paths */
        CHECK_CONTAINS(out, "新版.epub:OEBPS/content.opf:14:");
        free(out);
    }
    /* A damaged edition: said, with the file's name, and the bundled book
     * is shown meanwhile. */
    FILE *f = fopen(path, "w");
    if (f) {
        fputs("not a zip at all", f);
        fclose(f);
    }
    c = content_open(dir, NULL, LANG_EN, 0);
    CHECK(c->guide.n >= 6);
    CHECK(c->guide.epub == NULL);
    CHECK_INT((int)diag_count(&c->diags, false), 1);
    strbuf msgs;
    strbuf_init(&msgs);
    FILE *mf = open_memstream(&msgs.s, &msgs.len);
    diag_print(&c->diags, mf);
    fclose(mf);
    CHECK_CONTAINS(msgs.s, "新版.epub");
    free(msgs.s);
    content_close(c);
    if (bin) {
        snprintf(cmd, sizeof cmd, "%s check --content %s", bin, dir);
        CHECK_INT(run_cmd(cmd, &out), 1);
        CHECK_CONTAINS(out, "新版.epub");
        free(out);
    }
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

TEST(old_indexes_are_pruned)
{
    /* Another book's index unused for 40 days goes; one used last week stays. */
    char old[256], recent[256];
    snprintf(old, sizeof old, "%s/search-0000old.sqlite", cache);
    snprintf(recent, sizeof recent, "%s/search-000recent.sqlite", cache);
    FILE *f = fopen(old, "w");
    if (f)
        fclose(f);
    f = fopen(recent, "w");
    if (f)
        fclose(f);
    time_t now = time(NULL);
    struct timespec t40[2] = {{now - 40 * 86400, 0}, {now - 40 * 86400, 0}};
    struct timespec t7[2] = {{now - 7 * 86400, 0}, {now - 7 * 86400, 0}};
    CHECK(utimensat(AT_FDCWD, old, t40, 0) == 0);
    CHECK(utimensat(AT_FDCWD, recent, t7, 0) == 0);
    guide g;
    CHECK(guide_load(&g, src, NULL, NULL) >= 6);
    char err[256];
    search *s = search_open(&g, cache, err, sizeof err);
    CHECK(s != NULL);
    search_close(s);
    guide_fini(&g);
    CHECK(access(old, F_OK) != 0);
    CHECK(access(recent, F_OK) == 0);
    unlink(recent);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    if (!src)
        src = "..";
    CHECK(mkdtemp(cache) != NULL);
    RUN(bundled_book);
    RUN(short_terms_match_a_scan);
    RUN(test_epub_book);
    RUN(forgiving_queries);
    RUN(index_reused_until_the_book_changes);
    RUN(desk_ini_names_the_edition);
    RUN(old_indexes_are_pruned);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", cache);
    CHECK(system(cmd) == 0);
    return test_summary();
}
