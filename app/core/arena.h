/*
 * arena.h - many small allocations freed at once.
 *
 * A document and its layout live in one arena each; nothing inside is
 * freed alone.  Storage is caller owned (arena_init/arena_fini);
 * arena_fini on a zeroed arena, or NULL, is a no-op.
 *
 * Depends on: mem.
 */
#ifndef MG_ARENA_H
#define MG_ARENA_H

#include <stddef.h>

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

#endif
