/*
 * utf8.h - the few UTF-8 questions every module asks, answered by ICU.
 *
 * Decoding follows ICU's U8_NEXT: an ill-formed sequence yields U+FFFD and
 * advances past its maximal subpart (at least one byte), so callers never
 * loop forever on bad input.  Width is Unicode's East Asian Width property.
 *
 * Depends on: ICU (utf8.h macros, uchar).
 */
#ifndef MG_UTF8_H
#define MG_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Decode one code point from s[*i..n), advancing *i (by at least one). */
uint32_t utf8_next(const char *s, size_t n, size_t *i);
/* Byte offset of the first ill-formed sequence in s[0..n), or n if valid. */
size_t utf8_invalid_at(const char *s, size_t n);
/* Number of code points in s[0..n). */
size_t utf8_count(const char *s, size_t n);
/* True for code points whose East Asian Width is Wide or Fullwidth: there a
 * soft line break in the source must not become a space. */
bool cp_is_wide(uint32_t cp);

/* The length of s[0..n) without a character cut short at its end (a
 * buffer's worth of a longer text): n, or the start of that last
 * sequence.  Ill-formed bytes before it are left as they are. */
size_t utf8_prefix(const char *s, size_t n);
/* snprintf into buf[size], but a text too long for it ends on a whole
 * character (never half of one, which would draw as U+FFFD or be refused
 * as bad UTF-8).  Returns the bytes written, without the NUL. */
int utf8_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
