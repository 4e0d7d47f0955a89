/*
 * lb.c - line breaking through ICU (see lb.h).
 *
 * ICU works in UTF-16; we keep a map from each UTF-16 unit back to the byte
 * where its code point starts so the breaks come back as byte offsets.
 */
#include "lb.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>

#include "util.h"

struct lb {
    UBreakIterator *it;
    UBreakIterator *phrase; /* ja@lb=strict;lw=phrase, opened on first use */
    bool no_phrase;         /* ICU without phrase breaking: use it */
    UChar *u16;
    size_t *map; /* UTF-16 index -> byte offset; map[u16len] = len */
    size_t ucap, mcap;
    lb_break *out;
    size_t ocap;
};

lb *lb_new(void)
{
    UErrorCode err = U_ZERO_ERROR;
    UBreakIterator *it = ubrk_open(UBRK_LINE, "ja@lb=strict", NULL, 0, &err);
    if (U_FAILURE(err) || !it)
        return NULL;
    lb *l = xcalloc(1, sizeof *l);
    l->it = it;
    return l;
}

void lb_free(lb *l)
{
    if (!l)
        return;
    ubrk_close(l->it);
    if (l->phrase)
        ubrk_close(l->phrase);
    free(l->u16);
    free(l->map);
    free(l->out);
    free(l);
}

/* A dash that joins the two ends of a range: 13:00〜17:00, 9時–17時. */
static bool range_dash(uint32_t c)
{
    return c == '-' || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0x2014 ||
           c == 0x2212 || c == 0x301C || c == 0xFF5E || c == 0xFF0D;
}

static bool digit(uint32_t c)
{
    return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19);
}

/* The code point that ends before byte i (0 at the start), and where it starts. */
static uint32_t cp_before(const char *s, size_t i, size_t *start)
{
    if (i == 0) {
        *start = 0;
        return 0;
    }
    size_t k = i - 1;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80 && i - k < 4)
        k--;
    *start = k;
    size_t q = k;
    return utf8_next(s, i, &q);
}

/*
 * Drop the breaks that would cut a range of numbers, times or dates
 * (13:00〜|17:00, 9時–|17時, "13:00 |– 17:00"): a break after a range
 * dash when a digit follows, or before one (after spaces) when a digit
 * follows the dash.  ICU allows both (a dash is class BA, 〜 NS).
 * Compacts out[0..n) and returns the new count; the last break stays.
 */
static size_t keep_ranges(const char *s, size_t len, lb_break *out, size_t n)
{
    size_t m = 0;
    for (size_t k = 0; k < n; k++) {
        size_t p = out[k].pos;
        bool cut = false;
        if (!out[k].hard && p < len && k + 1 < n) {
            size_t q = p;
            uint32_t next = utf8_next(s, len, &q);
            size_t b = p; /* back over the spaces that hang at the line's end */
            while (b > 0 && s[b - 1] == ' ')
                b--;
            size_t st;
            uint32_t prev = cp_before(s, b, &st);
            if (range_dash(prev) && digit(next)) {
                while (st > 0 && s[st - 1] == ' ')
                    st--;
                size_t st2;
                cut = b == p || digit(cp_before(s, st, &st2)); /* 〜|17時, 13:00 – |17:00 */
            } else if (range_dash(next) && prev && prev != ' ') {
                while (q < len && s[q] == ' ')
                    q++;
                size_t q2 = q;
                cut = q < len && digit(utf8_next(s, len, &q2)) && digit(prev);
            }
        }
        if (!cut)
            out[m++] = out[k];
    }
    return m;
}

static const lb_break *breaks(lb *l, UBreakIterator *it, const char *text, size_t len,
                              size_t *count)
{
    *count = 0;
    if (len == 0)
        return l->out;
    /* Worst case one UTF-16 unit per byte (ASCII) or two per 4-byte char. */
    vec_reserve((void **)&l->u16, &l->ucap, len + 1, sizeof(UChar));
    vec_reserve((void **)&l->map, &l->mcap, len + 2, sizeof(size_t));
    size_t i = 0, u = 0;
    while (i < len) {
        size_t start = i;
        uint32_t cp = utf8_next(text, len, &i);
        if (cp > 0xFFFF) {
            l->map[u] = start;
            l->u16[u++] = U16_LEAD(cp);
            l->map[u] = start;
            l->u16[u++] = U16_TRAIL(cp);
        } else {
            l->map[u] = start;
            l->u16[u++] = (UChar)cp;
        }
    }
    l->map[u] = len;

    UErrorCode err = U_ZERO_ERROR;
    ubrk_setText(it, l->u16, (int32_t)u, &err);
    size_t n = 0;
    if (U_SUCCESS(err)) {
        ubrk_first(it);
        for (int32_t b = ubrk_next(it); b != UBRK_DONE; b = ubrk_next(it)) {
            vec_reserve((void **)&l->out, &l->ocap, n + 1, sizeof(lb_break));
            int32_t status = ubrk_getRuleStatus(it);
            l->out[n].pos = l->map[b];
            /* Phrase breaks found by ICU's dictionary report the status of
             * the rule around them: before a newline, every phrase of the
             * line claimed to be hard.  A break is hard only right after a
             * mandatory break character (UAX #14 BK, CR, LF, NL). */
            size_t at = l->map[b], st;
            uint32_t before = cp_before(text, at, &st);
            bool mandatory = before == '\n' || before == '\r' || before == 0x0B ||
                             before == 0x0C || before == 0x85 || before == 0x2028 ||
                             before == 0x2029;
            l->out[n].hard = status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT && mandatory;
            n++;
        }
    }
    if (n == 0 || l->out[n - 1].pos != len) {
        vec_reserve((void **)&l->out, &l->ocap, n + 1, sizeof(lb_break));
        l->out[n++] = (lb_break){.pos = len, .hard = false};
    }
    /* Leave ICU no pointer into buffers that the next call may move. */
    ubrk_setText(it, NULL, 0, &err);
    *count = keep_ranges(text, len, l->out, n);
    return l->out;
}

const lb_break *lb_breaks(lb *l, const char *text, size_t len, size_t *count)
{
    return breaks(l, l->it, text, len, count);
}

const lb_break *lb_phrase_breaks(lb *l, const char *text, size_t len, size_t *count)
{
    if (!l->phrase && !l->no_phrase) {
        UErrorCode err = U_ZERO_ERROR;
        l->phrase = ubrk_open(UBRK_LINE, "ja@lb=strict;lw=phrase", NULL, 0, &err);
        if (U_FAILURE(err) && l->phrase) {
            ubrk_close(l->phrase);
            l->phrase = NULL;
        }
        l->no_phrase = !l->phrase;
    }
    return breaks(l, l->phrase ? l->phrase : l->it, text, len, count);
}

/* Characters that may not start a line (closing marks, small kana) and
 * that may not end one (opening brackets): the JIS X 4051 sets ICU's strict
 * rules use, needed by the layout only when a run has no break opportunity
 * at all (see lb.h). */
bool lb_no_start(uint32_t c)
{
    static const char *const set = "、。，．・：；？！ー」』）】〕〉》〙〗’”ぁぃぅぇぉっゃゅょゎゕゖ"
                                   "ァィゥェォッャュョヮヵヶ々〻)]},.:;!?%";
    size_t i = 0, n = strlen(set);
    while (i < n)
        if (utf8_next(set, n, &i) == c)
            return true;
    return false;
}

bool lb_no_end(uint32_t c)
{
    static const char *const set = "「『（【〔〈《〘〖‘“([{";
    size_t i = 0, n = strlen(set);
    while (i < n)
        if (utf8_next(set, n, &i) == c)
            return true;
    return false;
}
