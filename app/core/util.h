/*
 * util.h - the checked allocator, an arena, a growable string buffer and
 * small UTF-8 helpers shared by every module.
 *
 * Out-of-memory policy (one place, STYLE.md #5): xmalloc and friends log and
 * abort.  A kiosk that ran out of memory cannot recover meaningfully, and a
 * check at every call site would hide the real error paths.
 *
 * Depends on: libc only.
 */
#ifndef MG_UTIL_H
#define MG_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MG_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define MG_MIN(a, b) ((a) < (b) ? (a) : (b))
#define MG_MAX(a, b) ((a) > (b) ? (a) : (b))

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t n);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Grow *items (each elem_size bytes) so that it holds at least need elements;
 * *cap is updated.  Doubling keeps appends amortised O(1). */
void vec_reserve(void **items, size_t *cap, size_t need, size_t elem_size);

/*
 * Arena: many small allocations freed at once.  A document and its layout
 * live in one arena each; nothing inside is freed alone.  Storage is caller
 * owned (arena_init/arena_fini); arena_fini on a zeroed arena is a no-op.
 */
typedef struct arena_chunk arena_chunk;
typedef struct arena {
    arena_chunk *head;
    size_t used_total;
} arena;

void arena_init(arena *a);
void arena_fini(arena *a);
/* Returns n bytes aligned for any type, zeroed.  Never NULL. */
void *arena_alloc(arena *a, size_t n);
/* Copies s[0..n) and a terminating NUL into the arena. */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);

/* strbuf: a NUL-terminated growable string.  strbuf_fini frees it. */
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
/* Append "%term%" for an SQL LIKE with ESCAPE '\\': % _ and \\ in term
 * match themselves. */
void strbuf_add_like(strbuf *b, const char *term);
/* Hands the buffer to the caller (free() it) and leaves b empty. */
char *strbuf_take(strbuf *b);

/*
 * Decode one UTF-8 code point from s[*i..n), advancing *i.  Invalid or
 * truncated sequences yield U+FFFD and advance one byte, so callers never
 * loop forever on bad input.
 */
uint32_t utf8_next(const char *s, size_t n, size_t *i);
/* Byte offset of the first invalid sequence in s[0..n), or n if valid. */
size_t utf8_invalid_at(const char *s, size_t n);
/* Number of code points in s[0..n). */
size_t utf8_count(const char *s, size_t n);
/* True for code points of East Asian wide/fullwidth scripts, where a soft
 * line break in the source must not become a space. */
bool cp_is_wide(uint32_t cp);

/* Read a whole file into a NUL-terminated heap buffer.  Returns NULL and
 * sets errno on failure. *len receives the size (not counting the NUL). */
char *read_file(const char *path, size_t *len);
/* Write data to path through path.tmp, fsync and rename: the name holds the
 * old file or the whole new one, never part of one.  False with "path:
 * reason" in err and errno (a full or read-only disk), and no path.tmp left. */
bool write_file_atomic(const char *path, const void *data, size_t len, char *err,
                       size_t errsize);

/* The names of the files in dir ending in suffix (not hidden), sorted
 * bytewise.  Returns NULL (errno set) when dir cannot be read; else a
 * heap array of heap strings (*count entries): free with strv_free. */
char **dir_list(const char *dir, const char *suffix, size_t *count);
void strv_free(char **v, size_t n);

/* Join dir and a relative path ("a/b" + "../c" stays textual); heap result. */
char *path_join(const char *dir, const char *rel);
/* The directory part of path ("." if none); heap result. */
char *path_dirname(const char *path);

#endif
