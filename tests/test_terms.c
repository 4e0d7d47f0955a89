/* The term table and the one-voice checks: assets/terms.ini and what
 * `madoguchi check` reports with it. */
#include "../app/core/terms.h"
#include "../app/core/util.h"
#include "test.h"

#include <sys/stat.h>
#include <unistd.h>

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

static void put(const char *dir, const char *rel, const char *text)
{
    char *p = path_join(dir, rel);
    FILE *f = fopen(p, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
    free(p);
}

TEST(unconfirmed_details_carry_their_mark)
{
    char dir[] = "/tmp/mgtermsXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char sub[3][96];
    snprintf(sub[0], sizeof sub[0], "%s/assets", dir);
    snprintf(sub[1], sizeof sub[1], "%s/assets/guidebook", dir);
    snprintf(sub[2], sizeof sub[2], "%s/slides", dir);
    for (int i = 0; i < 3; i++)
        CHECK(mkdir(sub[i], 0755) == 0);
    put(dir, "assets/terms.ini", "[terms]\n狙 = ねら\n");
    put(dir, "assets/referrals.ini",
        "[desk]\nname = 窓口\nphone = 03-1111-2222\nhours = メールのみ a@example.jp\n"
        "checked = 2026-11-01\nverify = yes\n"
        "[sure]\nname = 確かな窓口\nphone = 03-3333-4444\nchecked = 2026-11-01\n");
    put(dir, "assets/guidebook/01.md",
        "電話 03-1111-2222（要確認）\n" /* 1: marked */
        "電話 03-1111-2222\n"           /* 2: not marked */
        "メール a@example.jp\n"         /* 3: not marked */
        "電話 03-3333-4444\n"           /* 4: confirmed, no mark needed */
        "# 最初の章\n");                /* 5: the chapter's title */
    put(dir, "slides/d.md",
        "TEL 03-1111-2222\n"                         /* 1: not marked */
        "「最初の章」の章と「ない章」の章を読む\n"); /* 2: one chapter that is not there */
    diag_list d;
    diag_init(&d, LANG_EN);
    int files = 0;
    terms_check_content(dir, &d, &files);
    CHECK_INT(d.n, 4);
    CHECK(has_diag(&d, 2, "the guidebook has no chapter called 「ない章」"));
    CHECK(has_diag(&d, 2, "03-1111-2222 is not confirmed yet"));
    CHECK(has_diag(&d, 3, "a@example.jp is not confirmed yet"));
    CHECK(has_diag(&d, 1, "write 要確認 on the same line"));
    diag_fini(&d);
    const char *rels[] = {"slides/d.md", "assets/guidebook/01.md", "assets/referrals.ini",
                          "assets/terms.ini"};
    for (size_t i = 0; i < 4; i++) {
        char *p = path_join(dir, rels[i]);
        unlink(p);
        free(p);
    }
    for (int i = 2; i >= 0; i--)
        rmdir(sub[i]);
    rmdir(dir);
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
    RUN(unconfirmed_details_carry_their_mark);
    terms_fini(&table);
    return test_summary();
}
