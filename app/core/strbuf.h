/*
 * strbuf.h - a NUL-terminated growable string.
 *
 * Storage is caller owned: strbuf_init, then strbuf_fini (a no-op on a
 * zeroed buffer).  s is always a valid string after init.
 *
 * Depends on: mem.
 */
#ifndef MG_STRBUF_H
#define MG_STRBUF_H

#include <stddef.h>

typedef struct strbuf {
    char *s;
    size_t len, cap;
} strbuf;

void strbuf_init(strbuf *b);
void strbuf_fini(strbuf *b);
void strbuf_add(strbuf *b, const char *s, size_t n);
void strbuf_adds(strbuf *b, const char *s);
void strbuf_addc(strbuf *b, char c);
void strbuf_printf(strbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Empty the buffer, keeping its storage (s stays a valid empty string). */
void strbuf_clear(strbuf *b);
/* Hands the buffer to the caller (free() it) and leaves b empty. */
char *strbuf_take(strbuf *b);

#endif
