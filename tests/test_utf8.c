/* utf8: decoding through ICU never stalls, names the first bad byte, and
 * tells wide from narrow by East Asian Width. */
#include "../app/core/utf8.h"
#include "test.h"

TEST(decodes_and_counts)
{
    const char *s = "a日本\xF0\x9F\x98\x80"; /* a, 日, 本, 😀 */
    size_t i = 0, n = strlen(s);
    CHECK_INT((int)utf8_next(s, n, &i), 'a');
    CHECK_INT((int)utf8_next(s, n, &i), 0x65E5);
    CHECK_INT((int)i, 4);
    CHECK_INT((int)utf8_count(s, n), 4);
    CHECK_INT((int)utf8_invalid_at(s, n), (int)n);
}

TEST(ill_formed_yields_fffd_and_moves_on)
{
    /* a lone continuation byte, an overlong '/', a surrogate, a sequence
     * cut short by the end: each is reported and passed. */
    const char *bad[] = {"\x80", "\xC0\xAF", "\xED\xA0\x80", "\xE6\x97"};
    for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
        size_t n = strlen(bad[k]), i = 0, steps = 0;
        CHECK_INT((int)utf8_invalid_at(bad[k], n), 0);
        while (i < n && steps < 10) {
            CHECK_INT((int)utf8_next(bad[k], n, &i), 0xFFFD);
            steps++;
        }
        CHECK(i == n);
    }
    /* A literal U+FFFD is valid text. */
    CHECK_INT((int)utf8_invalid_at("x\xEF\xBF\xBDy", 5), 5);
    CHECK_INT((int)utf8_invalid_at("ok\xFF", 3), 2);
}

TEST(east_asian_width)
{
    CHECK(cp_is_wide(0x3042));  /* あ */
    CHECK(cp_is_wide(0x4E00));  /* 一 */
    CHECK(cp_is_wide(0xFF21));  /* Ａ fullwidth */
    CHECK(cp_is_wide(0x3001));  /* 、 */
    CHECK(!cp_is_wide('A'));
    CHECK(!cp_is_wide(0xFF71)); /* ｱ halfwidth katakana */
    CHECK(!cp_is_wide(0x00E9)); /* é */
}

/* A buffer too small for the text ends on a whole character: 「相談窓口」
 * is four 3-byte characters, and 8 bytes of room (7 and the NUL) would
 * cut 談 after its first byte. */
TEST(truncates_between_characters)
{
    char buf[8];
    CHECK_INT(utf8_snprintf(buf, sizeof buf, "%s", "相談窓口"), 6);
    CHECK_STR(buf, "相談");
    CHECK_INT(utf8_invalid_at(buf, strlen(buf)), strlen(buf));
    /* a byte count alone (what snprintf keeps) leaves the half character */
    char raw[8];
    memcpy(raw, "相談窓口", 7);
    raw[7] = '\0';
    CHECK(utf8_invalid_at(raw, strlen(raw)) < strlen(raw));
    /* every room from 1 to the whole text, and a 4-byte character */
    const char *t = "aé相😀b";
    for (size_t room = 1; room <= strlen(t) + 1; room++) {
        char b[16];
        int n = utf8_snprintf(b, room, "%s", t);
        CHECK_INT(n, strlen(b));
        CHECK(strncmp(b, t, (size_t)n) == 0);
        CHECK_INT(utf8_invalid_at(b, (size_t)n), n);
    }
    CHECK_INT(utf8_snprintf(buf, sizeof buf, "%d:%s", 7, "ab"), 4); /* fits: as snprintf */
    CHECK_STR(buf, "7:ab");
    CHECK_INT(utf8_prefix("ab\xE7\x9B", 4), 2);
    CHECK_INT(utf8_prefix("ab\x80\x80\x80\x80", 6), 6); /* ill-formed, not cut short: kept */
}

int main(void)
{
    RUN(decodes_and_counts);
    RUN(ill_formed_yields_fffd_and_moves_on);
    RUN(east_asian_width);
    RUN(truncates_between_characters);
    return test_summary();
}
