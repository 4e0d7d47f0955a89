/*
 * mem.h - the checked allocator and growable arrays.
 *
 * Out-of-memory policy (one place, STYLE.md #5): xmalloc and friends log and
 * abort.  A kiosk that ran out of memory cannot recover meaningfully, and a
 * check at every call site would hide the real error paths.  Inputs from
 * files are bounded before they are allocated for (see each parser), so
 * this is never reached by a hostile file.
 *
 * Depends on: libc only.
 */
#ifndef MG_MEM_H
#define MG_MEM_H

#include <stddef.h>

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

/* Free a heap array of n heap strings (dir_list, ...); NULL is a no-op. */
void strv_free(char **v, size_t n);

#endif
