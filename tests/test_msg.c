/* The string table: every string in both languages, same printf shape. */
#include "../app/core/msg.h"
#include "test.h"

/* The sequence of printf conversions in s, e.g. "%s%d". */
static void conversions(const char *s, char *out, size_t n)
{
    size_t k = 0;
    for (; *s && k + 3 < n; s++) {
        if (*s != '%')
            continue;
        s++;
        if (*s == '%')
            continue;
        while (*s && strchr("0123456789.-+ #lzh", *s))
            s++;
        out[k++] = '%';
        out[k++] = *s;
        if (!*s)
            break;
    }
    out[k] = '\0';
}

TEST(complete_and_consistent)
{
    for (int id = 0; id < MSG_COUNT; id++) {
        const char *ja = msg_raw(LANG_JA, (msg_id)id), *en = msg_raw(LANG_EN, (msg_id)id);
        if (!ja || !*ja || !en || !*en) {
            fprintf(stderr, "%s is missing a language\n", msg_name((msg_id)id));
            CHECK(0);
            continue;
        }
        char a[64], b[64];
        conversions(ja, a, sizeof a);
        conversions(en, b, sizeof b);
        if (strcmp(a, b) != 0) {
            fprintf(stderr, "%s: conversions differ: ja %s, en %s\n", msg_name((msg_id)id), a, b);
            CHECK(0);
        }
    }
    CHECK_STR(msg_get(LANG_JA, MSG_DESK_NAME), "中小企業サイバーセキュリティ相談窓口");
    CHECK_INT(msg_lang_parse("en"), LANG_EN);
    CHECK_INT(msg_lang_parse("fr"), -1);
}

int main(void)
{
    RUN(complete_and_consistent);
    return test_summary();
}
