/* The term table and the one-voice checks: assets/terms.ini and what
 * `madoguchi check` reports with it. */
#include "../app/core/terms.h"
#include "../app/core/util.h"
#include "test.h"

static const char *src;

static bool has_diag(const diag_list *d, int line, const char *text)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].line == line && strstr(d->items[i].text, text))
            return true;
    fprintf(stderr, "no diagnostic at line %d containing \"%s\"; have:\n", line, text);
    diag_print(d, stderr);
    return false;
}

static terms table;

TEST(table_and_its_mistakes)
{
    char *path = path_join(src, "tests/data/terms/terms.ini");
    diag_list d;
    diag_init(&d, LANG_EN);
    CHECK_INT(terms_load(&table, path, &d), 3);
    CHECK(has_diag(&d, 6, "空 has no spelling to use instead"));
    CHECK(has_diag(&d, 7, "狙 is listed twice"));
    CHECK(has_diag(&d, 10, "[other] is not read"));
    CHECK_INT(table.nkeep, 2);
    diag_fini(&d);
    free(path);
}

TEST(terms_in_text)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    const char *text = "攻撃者が狙う会社\n"                        /* 1: avoided */
                       "攻撃者がねらう会社\n"                      /* 2: fine */
                       "共有フォルダの設定\n"                      /* 3: avoided */
                       "共有フォルダーの設定\n"                    /* 4: inside the spelling to use */
                       "「セキュリティソフト」とも呼ばれます\n"    /* 5: quoted to name it */
                       "セキュリティソフトを入れる\n"              /* 6: avoided */
                       "コンピュータウイルス・不正アクセスの届出\n" /* 7: a kept name */
                       "```\n狙う\n```\n";                         /* 8-10: code is left alone */
    CHECK_INT(terms_check_text(&table, "t.md", text, true, false, &d), 3);
    CHECK(has_diag(&d, 1, "not \"狙\": write \"ねら\""));
    CHECK(has_diag(&d, 3, "write \"フォルダー\""));
    CHECK(has_diag(&d, 6, "write \"ウイルス対策ソフト\""));
    diag_fini(&d);
}

TEST(italics_and_long_notes)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    char longline[400] = "";
    for (int i = 0; i < 100; i++)
        strcat(longline, "あ");
    char text[1200];
    snprintf(text, sizeof text,
             "ここは *斜体* です\n"    /* 1: italics */
             "ここは **太字** です\n"  /* 2 */
             "* 箇条書き\n"            /* 3 */
             "2 * 3 * 4\n"             /* 4 */
             "%s\n"                    /* 5: a long line on the slide is not spoken */
             "<!--\n"                  /* 6 */
             "%s\n"                    /* 7: spoken, too long */
             "短い一文です。\n"        /* 8 */
             "-->\n",
             longline, longline);
    CHECK_INT(terms_check_text(&table, "deck.md", text, true, true, &d), 2);
    CHECK(has_diag(&d, 1, "no italics"));
    CHECK(has_diag(&d, 7, "100 characters"));
    diag_fini(&d);
    /* the same text as a guidebook chapter: no notes to read aloud */
    diag_init(&d, LANG_EN);
    CHECK_INT(terms_check_text(&table, "ch.md", text, true, false, &d), 1);
    diag_fini(&d);
}

TEST(bundled_content_speaks_with_one_voice)
{
    diag_list d;
    diag_init(&d, LANG_EN);
    int files = 0;
    terms_check_content(src, &d, &files);
    if (d.n)
        diag_print(&d, stderr);
    CHECK_INT(d.n, 0);
    CHECK_INT(files, 1);
    diag_fini(&d);
    /* the bundled table has the terms the issue names */
    char *path = path_join(src, "assets/terms.ini");
    terms t;
    diag_init(&d, LANG_EN);
    CHECK(terms_load(&t, path, &d) >= 10);
    CHECK_INT(d.n, 0);
    bool folder = false;
    for (size_t i = 0; i < t.n; i++)
        folder |= !strcmp(t.r[i].use, "フォルダー");
    CHECK(folder);
    terms_fini(&t);
    terms_fini(NULL);
    diag_fini(&d);
    free(path);
    /* a folder without a table is not checked for terms */
    diag_init(&d, LANG_EN);
    files = 0;
    terms_check_content("/nonexistent", &d, &files);
    CHECK_INT(d.n, 0);
    CHECK_INT(files, 0);
    diag_fini(&d);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    if (!src)
        src = "..";
    RUN(table_and_its_mistakes);
    RUN(terms_in_text);
    RUN(italics_and_long_notes);
    RUN(bundled_content_speaks_with_one_voice);
    terms_fini(&table);
    return test_summary();
}
