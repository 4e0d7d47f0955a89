/*
 * arena.c - chunked bump allocation (see arena.h).
 */
#include "arena.h"

#include "mem.h"

#include <stdlib.h>
#include <string.h>

struct arena_chunk {
    arena_chunk *next;
    size_t size, used;
    max_align_t data[];
};

#define ARENA_CHUNK 65536

void arena_init(arena *a)
{
    a->head = NULL;
    a->used_total = 0;
}

void arena_fini(arena *a)
{
    if (!a)
        return;
    arena_chunk *c = a->head;
    while (c) {
        arena_chunk *next = c->next;
        free(c);
        c = next;
    }
    a->head = NULL;
    a->used_total = 0;
}

void *arena_alloc(arena *a, size_t n)
{
    const size_t align = sizeof(max_align_t);
    n = (n + align - 1) / align * align;
    if (n == 0)
        n = align;
    arena_chunk *c = a->head;
    if (!c || c->size - c->used < n) {
        size_t size = n > ARENA_CHUNK / 2 ? n : ARENA_CHUNK;
        c = xmalloc(sizeof(*c) + size);
        c->size = size;
        c->used = 0;
        /* Big blocks go behind the current chunk so its free tail stays usable. */
        if (a->head && n > ARENA_CHUNK / 2) {
            c->next = a->head->next;
            a->head->next = c;
        } else {
            c->next = a->head;
            a->head = c;
        }
    }
    void *p = (char *)c->data + c->used;
    c->used += n;
    a->used_total += n;
    memset(p, 0, n);
    return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
    char *d = arena_alloc(a, n + 1);
    if (n)
        memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *arena_strdup(arena *a, const char *s)
{
    return arena_strndup(a, s, strlen(s));
}
