/*
 * utf8.c - UTF-8 decoding and East Asian width through ICU (see utf8.h).
 */
#include "utf8.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

/* ICU's macros index with int32_t; a window of at most four bytes from *i
 * keeps any length of text safe. */
static UChar32 next(const char *s, size_t n, size_t *i)
{
    const uint8_t *p = (const uint8_t *)s + *i;
    int32_t len = n - *i < 4 ? (int32_t)(n - *i) : 4, k = 0;
    UChar32 c;
    U8_NEXT(p, k, len, c);
    *i += (size_t)k;
    return c;
}

uint32_t utf8_next(const char *s, size_t n, size_t *i)
{
    UChar32 c = next(s, n, i);
    return c < 0 ? 0xFFFD : (uint32_t)c;
}

size_t utf8_invalid_at(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        size_t start = i;
        if (next(s, n, &i) < 0)
            return start;
    }
    return n;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t i = 0, count = 0;
    while (i < n) {
        next(s, n, &i);
        count++;
    }
    return count;
}

bool cp_is_wide(uint32_t cp)
{
    int w = u_getIntPropertyValue((UChar32)cp, UCHAR_EAST_ASIAN_WIDTH);
    return w == U_EA_WIDE || w == U_EA_FULLWIDTH;
}
