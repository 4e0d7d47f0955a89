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
#include <stdint.h>

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

/* The strict Japanese line-start and line-end rules (JIS X 4051, as ICU's
 * strict rules apply them), for a run with no break opportunity at all,
 * where the layout has to choose a place itself: c may not start a line
 * (、。」ー small kana...), or may not end one (「（【...). */
bool lb_no_start(uint32_t c);
bool lb_no_end(uint32_t c);

#endif
