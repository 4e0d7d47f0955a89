/*
 * lb.h - line break opportunities: UAX #14 with strict Japanese rules.
 *
 * ICU's line BreakIterator with the locale "ja@lb=strict" decides where a
 * line may end, so no line starts with 。、」・ー！？ or small kana and none
 * ends with 「.  Screen and paper both break through this one module.
 *
 * Depends on: ICU (icu-uc), util.
 */
#ifndef MG_LB_H
#define MG_LB_H

#include <stdbool.h>
#include <stddef.h>

typedef struct lb lb;

typedef struct lb_break {
    size_t pos; /* byte offset where the next line may start */
    bool hard;  /* a mandatory break (after a newline) */
} lb_break;

/* A break finder; one per thread.  Returns NULL when ICU has no line
 * break data (a broken installation); callers then break anywhere. */
lb *lb_new(void);
void lb_free(lb *l);

/*
 * Break opportunities in text[0..len) in increasing order; the last one is
 * always len.  Invalid UTF-8 bytes count as one character each.  The array
 * belongs to l and stays valid until the next call.  *count receives the
 * number of entries.
 */
const lb_break *lb_breaks(lb *l, const char *text, size_t len, size_t *count);

/*
 * The same, but for titles: Japanese breaks only between phrases (ICU's
 * "lw=phrase", the model of CSS word-break: auto-phrase), so
 * 「セキュリティ対策」 is never cut as 「セキュリティ対／策」.  A subset of
 * lb_breaks; where ICU lacks it, lb_breaks itself.
 */
const lb_break *lb_phrase_breaks(lb *l, const char *text, size_t len, size_t *count);

#endif
