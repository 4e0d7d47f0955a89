/* ftsq: the one query builder both searches use. */
#include "../app/core/ftsq.h"
#include "test.h"

TEST(long_terms_match_short_terms_like)
{
    ftsq q;
    ftsq_init(&q, "  ランサム 鍵\tpass\"word 5%_\\ ");
    CHECK_INT(q.nterms, 4);
    CHECK_STR(q.terms[0], "ランサム");
    CHECK_STR(q.terms[1], "鍵");
    /* each long term a quoted phrase; a quote inside doubled */
    CHECK_STR(q.match, "\"ランサム\" AND \"pass\"\"word\" AND \"5%_\\\"");
    CHECK_INT(q.nlike, 1);
    CHECK_INT(q.like_term[0], 1);
    CHECK_STR(q.like[0], "%鍵%");
    ftsq_fini(&q);
    ftsq_init(&q, "詐欺 5%");
    CHECK(q.match == NULL);
    CHECK_INT(q.nlike, 2);
    CHECK_STR(q.like[1], "%5\\%%"); /* % matches itself under ESCAPE '\' */
    ftsq_fini(&q);
    ftsq_init(&q, "a_b");
    CHECK(q.match != NULL); /* three characters: the index */
    ftsq_fini(&q);
    ftsq_init(&q, "   ");
    CHECK_INT(q.nterms, 0);
    CHECK(q.match == NULL);
    ftsq_fini(&q);
    ftsq_fini(NULL);
}

TEST(at_most_eight_terms)
{
    ftsq q;
    ftsq_init(&q, "a b c d e f g h i j");
    CHECK_INT(q.nterms, FTSQ_MAX);
    CHECK_INT(q.nlike, FTSQ_MAX);
    ftsq_fini(&q);
}

int main(void)
{
    RUN(long_terms_match_short_terms_like);
    RUN(at_most_eight_terms);
    return test_summary();
}
