/* Front matter: the strict key: value subset, and errors as file:line. */
#include "../app/core/fm.h"
#include "test.h"

static const char *first_diag(diag_list *d, char *buf, size_t n)
{
    if (!d->n)
        return "";
    diag_format(d, 0, buf, n);
    return buf;
}

TEST(plain)
{
    const char *t = "---\ntitle: 知っておきたい攻撃\norder: 2\n# a comment\n\nkeywords: a, b\n---\n# Body\n";
    fm f;
    fm_init(&f);
    diag_list d;
    diag_init(&d, LANG_EN);
    CHECK(fm_parse(&f, t, strlen(t), "ch.md", &d));
    CHECK(f.present);
    CHECK_INT(f.n, 3);
    CHECK_STR(fm_get(&f, "title"), "知っておきたい攻撃");
    CHECK_STR(fm_get(&f, "order"), "2");
    CHECK_STR(fm_get(&f, "keywords"), "a, b");
    CHECK_INT(fm_line(&f, "keywords"), 6);
    CHECK_INT(f.body_line, 8);
    CHECK_STR(t + f.body_offset, "# Body\n");
    CHECK_INT(d.n, 0);
    fm_fini(&f);
    diag_fini(&d);
}

TEST(quotes_bom_crlf)
{
    const char *t = "\xEF\xBB\xBF---\r\ntitle: \"a \\\"q\\\" b\" # c\r\nauthor: 'it''s'\r\n"
                    "footer: x # trailing comment\r\n---\r\nbody";
    fm f;
    fm_init(&f);
    diag_list d;
    diag_init(&d, LANG_EN);
    CHECK(fm_parse(&f, t, strlen(t), "q.md", &d));
    CHECK_STR(fm_get(&f, "title"), "a \"q\" b");
    CHECK_STR(fm_get(&f, "author"), "it's");
    CHECK_STR(fm_get(&f, "footer"), "x");
    CHECK_STR(t + f.body_offset, "body");
    fm_fini(&f);
    diag_fini(&d);
}

TEST(none)
{
    const char *t = "# Just a heading\n\n---\n\ntext\n";
    fm f;
    fm_init(&f);
    CHECK(fm_parse(&f, t, strlen(t), "n.md", NULL));
    CHECK(!f.present);
    CHECK_INT(f.body_offset, 0);
    CHECK_INT(f.body_line, 1);
    fm_fini(&f);
}

TEST(malformed_lines_reported_and_skipped)
{
    const char *t = "---\ntitle: ok\nthis line has no colon\n  nested: value\n- list\n"
                    "order: 3\norder: 4\nbad: \"open\n---\nbody\n";
    fm f;
    fm_init(&f);
    diag_list d;
    diag_init(&d, LANG_EN);
    CHECK(!fm_parse(&f, t, strlen(t), "dir/bad.md", &d));
    char buf[512];
    CHECK_INT(d.n, 5);
    CHECK_CONTAINS(first_diag(&d, buf, sizeof buf), "dir/bad.md:3: front matter lines must be");
    CHECK_INT(d.items[1].line, 4);
    CHECK_INT(d.items[2].line, 5);
    CHECK_INT(d.items[3].line, 7); /* duplicate order */
    CHECK_CONTAINS(d.items[3].text, "duplicate");
    CHECK_INT(d.items[4].line, 8); /* unterminated quote */
    /* The good lines are still read, the first order wins. */
    CHECK_STR(fm_get(&f, "title"), "ok");
    CHECK_STR(fm_get(&f, "order"), "3");
    CHECK_STR(t + f.body_offset, "body\n");
    CHECK_INT(f.body_line, 10);
    fm_fini(&f);
    diag_fini(&d);
}

TEST(unclosed_keeps_everything)
{
    const char *t = "---\ntitle: x\n\n# Heading\n";
    fm f;
    fm_init(&f);
    diag_list d;
    diag_init(&d, LANG_JA);
    CHECK(!fm_parse(&f, t, strlen(t), "u.md", &d));
    CHECK(!f.present);
    CHECK_INT(f.body_offset, 0);
    CHECK_INT(d.n, 1);
    CHECK_INT(d.items[0].line, 1);
    char buf[512];
    diag_format(&d, 0, buf, sizeof buf);
    CHECK_CONTAINS(buf, "u.md:1: front matter が閉じていません");
    fm_fini(&f);
    diag_fini(&d);
}

TEST(empty_and_truncated)
{
    fm f;
    fm_init(&f);
    CHECK(fm_parse(&f, "", 0, "e.md", NULL));
    fm_fini(&f);
    fm_init(&f);
    diag_list d;
    diag_init(&d, LANG_EN);
    CHECK(!fm_parse(&f, "---", 3, "t.md", &d));
    CHECK_INT(d.n, 1);
    fm_fini(&f);
    diag_fini(&d);
}

int main(void)
{
    RUN(plain);
    RUN(quotes_bom_crlf);
    RUN(none);
    RUN(malformed_lines_reported_and_skipped);
    RUN(unclosed_keeps_everything);
    RUN(empty_and_truncated);
    return test_summary();
}
