/*
 * Line breaking: ICU with ja@lb=strict.  The expected segmentations below
 * were checked by hand against JIS X 4051 kinsoku rules: no line may start
 * with a closing bracket, 。、・ー！？ or a small kana, and none may end
 * with an opening bracket.
 */
#include "../app/core/lb.h"
#include "../app/core/util.h"
#include "test.h"

/* The text with '|' at every break opportunity (phrase: titles' breaks). */
static char *segments_of(lb *l, const char *t, bool phrase)
{
    size_t n;
    const lb_break *b = phrase ? lb_phrase_breaks(l, t, strlen(t), &n)
                               : lb_breaks(l, t, strlen(t), &n);
    strbuf out;
    strbuf_init(&out);
    size_t p = 0;
    for (size_t i = 0; i < n; i++) {
        strbuf_add(&out, t + p, b[i].pos - p);
        if (b[i].pos < strlen(t))
            strbuf_addc(&out, b[i].hard ? '#' : '|');
        p = b[i].pos;
    }
    return strbuf_take(&out);
}

static char *segments(lb *l, const char *t)
{
    return segments_of(l, t, false);
}

#define SEG(l, in, want)                                                                           \
    do {                                                                                           \
        char *got_ = segments(l, in);                                                              \
        CHECK_STR(got_, want);                                                                     \
        free(got_);                                                                                \
    } while (0)

static lb *L;

TEST(kinsoku_strict)
{
    /* 「 stays with the next char, 。」 with the previous; っ ょ ー never start a line. */
    SEG(L, "「こんにちは。」ちょっとコーヒー", "「こ|ん|に|ち|は。」|ちょっ|と|コー|ヒー");
    /* 、・！？ never start a line. */
    SEG(L, "はい、そう・です！本当？", "は|い、|そ|う・|で|す！|本|当？");
    /* Small kana and the prolonged sound mark in katakana words. */
    SEG(L, "ァィゥェォッャュョヮヵヶ", "ァィゥェォッャュョヮヵヶ");
    SEG(L, "セキュリティ", "セ|キュ|リ|ティ");
    /* Closing brackets of every kind. */
    SEG(L, "（注）】』〉", "（注）】』〉");
}

TEST(mixed_latin_and_urls)
{
    /* Latin words are not split; breaks after the space and between a Latin
     * word and kana (UAX #14: ideographic ID allows a break on either side). */
    SEG(L, "Windows Updateを実行", "Windows |Update|を|実|行");
    /* URLs break after '/' and before 'www'-like parts, never mid-word. */
    SEG(L, "https://www.ipa.go.jp/security/anshin/",
        "https://|www.ipa.go.jp/|security/|anshin/");
    /* Numbers with units stay together. */
    SEG(L, "03-5978-7509へ", "03-5978-7509|へ");
}

TEST(hard_breaks_and_edges)
{
    SEG(L, "一行目\n二行目", "一|行|目\n#二|行|目");
    SEG(L, "", "");
    size_t n;
    const lb_break *b = lb_breaks(L, "a", 1, &n);
    CHECK_INT(n, 1);
    CHECK_INT(b[0].pos, 1);
    /* Invalid UTF-8 counts as characters and never crashes. */
    b = lb_breaks(L, "\xff\xfe" "abc", 5, &n);
    CHECK(n >= 1);
    CHECK_INT(b[n - 1].pos, 5);
    /* Characters outside the BMP (surrogate pairs in ICU) map back to bytes. */
    SEG(L, "𠮷野家の𠮷", "𠮷|野|家|の|𠮷");
}

TEST(phrases_for_titles)
{
    /* Titles break between phrases only (ICU lw=phrase); checked by hand:
     * each piece is a word with its particle, as a Japanese editor would
     * break a title by hand. */
    const char *t[][2] = {
        {"BCPにおけるセキュリティ対策", "BCPにおける|セキュリティ|対策"},
        {"ランサムウェアに感染したときの初動対応", "ランサムウェアに|感染した|ときの|初動|対応"},
        {"ECサイトの構築・運営におけるセキュリティ対策について説明します",
         "ECサイトの|構築・|運営における|セキュリティ|対策について|説明します"},
    };
    for (size_t i = 0; i < MG_ARRAY_LEN(t); i++) {
        char *got = segments_of(L, t[i][0], true);
        CHECK_STR(got, t[i][1]);
        free(got);
        /* every phrase break is an ordinary one too: kinsoku still holds */
        size_t np, ns;
        const lb_break *p = lb_phrase_breaks(L, t[i][0], strlen(t[i][0]), &np);
        size_t *pos = xmalloc(np * sizeof *pos);
        for (size_t k = 0; k < np; k++)
            pos[k] = p[k].pos;
        const lb_break *s = lb_breaks(L, t[i][0], strlen(t[i][0]), &ns);
        for (size_t k = 0; k < np; k++) {
            bool found = false;
            for (size_t j = 0; j < ns; j++)
                found |= s[j].pos == pos[k];
            CHECK(found);
        }
        free(pos);
    }
}

/* Times, dates and ranges stay whole (ICU alone would allow a break after
 * the dash: 13:00〜|17:00); a number after a hyphen in a word still may not
 * start a line, and other dashes are left alone. */
TEST(ranges_stay_together)
{
    SEG(L, "9:00〜12:00、13:00〜17:00", "9:00〜12:00、|13:00〜17:00");
    SEG(L, "受付 13:00 – 17:00 です", "受|付 |13:00 – 17:00 |で|す");
    SEG(L, "9時〜17時", "9|時〜17|時");
    SEG(L, "1〜3月", "1〜3|月");
    SEG(L, "ａ－１", "ａ|－１");
    SEG(L, "a - b", "a |- |b");
    char *got = segments_of(L, "都庁開庁日 9:00〜12:00、13:00〜17:00", true);
    CHECK_STR(got, "都庁|開|庁|日 |9:00〜12:00、|13:00〜17:00");
    free(got);
}

/* ICU's dictionary breaks (phrases) report the status of the rule around
 * them: before a newline each claimed to be a hard break, so notes broke
 * after every phrase.  Only the break after the newline is hard. */
TEST(phrase_breaks_before_a_newline_are_soft)
{
    char *got = segments_of(L, "BCPは、事業継続計画の略です。\n次の行", true);
    CHECK_STR(got, "BCPは、|事業|継続|計画の|略です。\n#次の|行");
    free(got);
}

int main(void)
{
    L = lb_new();
    CHECK(L != NULL);
    if (!L)
        return test_summary();
    RUN(kinsoku_strict);
    RUN(mixed_latin_and_urls);
    RUN(hard_breaks_and_edges);
    RUN(phrases_for_titles);
    RUN(ranges_stay_together);
    RUN(phrase_breaks_before_a_newline_are_soft);
    lb_free(L);
    return test_summary();
}
