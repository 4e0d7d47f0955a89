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
            l->out[n].hard = status >= UBRK_LINE_HARD && status < UBRK_LINE_HARD_LIMIT;
            n++;
        }
    }
    if (n == 0 || l->out[n - 1].pos != len) {
        vec_reserve((void **)&l->out, &l->ocap, n + 1, sizeof(lb_break));
        l->out[n++] = (lb_break){.pos = len, .hard = false};
    }
    /* Leave ICU no pointer into buffers that the next call may move. */
    ubrk_setText(it, NULL, 0, &err);
    *count = n;
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
