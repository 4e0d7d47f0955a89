/*
 * Search: 1-, 2- and 3+-character Japanese queries and Latin ones (case
 * insensitive), on the bundled book and on the test EPUB; short terms
 * find every occurrence; the index is reused until the book changes.
 */
#include <unistd.h>

#include "../app/core/search.h"
#include "epub_fixture.h"
#include "test.h"

static const char *src;
static char cache[] = "/tmp/mgsearchXXXXXX";

/* Blocks whose text contains term, counted the slow way. */
static int brute(const doc_block *b, const char *term)
{
    int n = 0;
    for (const doc_block *k = b->first; k; k = k->next) {
        if (k->nspans && k->kind != DOC_HTML) {
            char *t = doc_block_text(k);
            n += strstr(t, term) != NULL;
            free(t);
        }
        n += brute(k, term);
    }
    return n;
}

static int brute_book(const guide *g, const char *term)
{
    int n = 0;
    for (size_t i = 0; i < g->n; i++)
        n += brute(g->ch[i].doc->root, term);
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
    CHECK_INT(n, 2); /* the heading and the target paragraph */
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

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    if (!src)
        src = "..";
    CHECK(mkdtemp(cache) != NULL);
    RUN(bundled_book);
    RUN(test_epub_book);
    RUN(index_reused_until_the_book_changes);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", cache);
    CHECK(system(cmd) == 0);
    return test_summary();
}
