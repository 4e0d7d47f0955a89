/*
 * utf8.c - UTF-8 decoding and East Asian width through ICU (see utf8.h).
 */
#include "utf8.h"

#include <stdarg.h>
#include <stdio.h>
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

size_t utf8_prefix(const char *s, size_t n)
{
    /* The last sequence's lead: at most three continuation bytes back. */
    size_t lead = n;
    for (int k = 0; k < 4 && lead > 0; k++)
        if (((unsigned char)s[--lead] & 0xC0) != 0x80)
            break;
    if (lead == n)
        return n;
    size_t i = lead;
    UChar32 c = next(s, n, &i);
    return c < 0 && i == n ? lead : n; /* cut short: it ends before it */
}

int utf8_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    if (!size)
        return 0;
    va_list ap;
    va_start(ap, fmt);
    int r = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    if (r < 0) {
        buf[0] = '\0';
        return 0;
    }
    if ((size_t)r < size)
        return r;
    size_t n = utf8_prefix(buf, size - 1);
    buf[n] = '\0';
    return (int)n;
}
