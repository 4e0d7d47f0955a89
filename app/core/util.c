/*
 * util.c - checked allocation, arenas, string buffers, UTF-8, files.
 * See util.h for the contracts.
 */
#include "util.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void oom(size_t n)
{
    fprintf(stderr, "madoguchi: out of memory (%zu bytes)\n", n);
    abort();
}

void *xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        oom(n);
    return p;
}

void *xcalloc(size_t count, size_t n)
{
    void *p = calloc(count ? count : 1, n ? n : 1);
    if (!p)
        oom(count * n);
    return p;
}

void *xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        oom(n);
    return q;
}

char *xstrndup(const char *s, size_t n)
{
    char *d = xmalloc(n + 1);
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

char *xstrdup(const char *s)
{
    return xstrndup(s, strlen(s));
}

void vec_reserve(void **items, size_t *cap, size_t need, size_t elem_size)
{
    if (need <= *cap)
        return;
    size_t nc = *cap ? *cap : 8;
    while (nc < need)
        nc *= 2;
    *items = xrealloc(*items, nc * elem_size);
    *cap = nc;
}

/* ---- arena ---- */

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

/* ---- strbuf ---- */

void strbuf_init(strbuf *b)
{
    b->s = NULL;
    b->len = b->cap = 0;
}

void strbuf_fini(strbuf *b)
{
    if (!b)
        return;
    free(b->s);
    strbuf_init(b);
}

static void strbuf_grow(strbuf *b, size_t extra)
{
    vec_reserve((void **)&b->s, &b->cap, b->len + extra + 1, 1);
}

void strbuf_add(strbuf *b, const char *s, size_t n)
{
    strbuf_grow(b, n);
    if (n)
        memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void strbuf_adds(strbuf *b, const char *s)
{
    strbuf_add(b, s, strlen(s));
}

void strbuf_addc(strbuf *b, char c)
{
    strbuf_add(b, &c, 1);
}

void strbuf_printf(strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    strbuf_grow(b, (size_t)n);
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void strbuf_add_like(strbuf *b, const char *term)
{
    strbuf_addc(b, '%');
    for (; *term; term++) {
        if (*term == '%' || *term == '_' || *term == '\\')
            strbuf_addc(b, '\\');
        strbuf_addc(b, *term);
    }
    strbuf_addc(b, '%');
}

void strbuf_clear(strbuf *b)
{
    b->len = 0;
    if (b->s)
        b->s[0] = '\0';
}

char *strbuf_take(strbuf *b)
{
    char *s = b->s ? b->s : xstrdup("");
    strbuf_init(b);
    return s;
}

/* ---- UTF-8 ---- */

uint32_t utf8_next(const char *str, size_t n, size_t *i)
{
    const unsigned char *s = (const unsigned char *)str;
    size_t p = *i;
    unsigned char c = s[p];
    uint32_t cp;
    size_t len;
    if (c < 0x80) {
        *i = p + 1;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        cp = c & 0x1F;
        len = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        cp = c & 0x0F;
        len = 3;
    } else if (c >= 0xF0 && c <= 0xF4) {
        cp = c & 0x07;
        len = 4;
    } else {
        *i = p + 1;
        return 0xFFFD;
    }
    if (p + len > n) {
        *i = p + 1;
        return 0xFFFD;
    }
    for (size_t k = 1; k < len; k++) {
        if ((s[p + k] & 0xC0) != 0x80) {
            *i = p + 1;
            return 0xFFFD;
        }
        cp = (cp << 6) | (s[p + k] & 0x3F);
    }
    /* Reject overlong forms, surrogates and values past U+10FFFF. */
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
        (cp >= 0xD800 && cp <= 0xDFFF)) {
        *i = p + 1;
        return 0xFFFD;
    }
    *i = p + len;
    return cp;
}

size_t utf8_invalid_at(const char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        size_t start = i;
        uint32_t cp = utf8_next(s, n, &i);
        if (cp == 0xFFFD) {
            /* A literal U+FFFD (EF BF BD) is valid; a decoding failure
             * advanced exactly one byte. */
            if (i - start != 3)
                return start;
        }
    }
    return n;
}

size_t utf8_count(const char *s, size_t n)
{
    size_t i = 0, count = 0;
    while (i < n) {
        utf8_next(s, n, &i);
        count++;
    }
    return count;
}

bool cp_is_wide(uint32_t cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3040 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* ---- files and paths ---- */

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf b;
    strbuf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        strbuf_add(&b, tmp, n);
    int err = ferror(f);
    fclose(f);
    if (err) {
        strbuf_fini(&b);
        errno = EIO;
        return NULL;
    }
    if (len)
        *len = b.len;
    return strbuf_take(&b);
}

bool write_file_atomic(const char *path, const void *data, size_t len, char *err,
                       size_t errsize)
{
    strbuf tmp;
    strbuf_init(&tmp);
    strbuf_printf(&tmp, "%s.tmp", path);
    int fd = open(tmp.s, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int e = fd < 0 ? errno : 0;
    for (size_t done = 0; !e && done < len;) {
        ssize_t w = write(fd, (const char *)data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            e = w < 0 ? errno : ENOSPC;
        else
            done += (size_t)w;
    }
    /* On the disk before it has the name: a power cut leaves the old file
     * or the whole new one, never a short one. */
    if (!e && fsync(fd) != 0)
        e = errno;
    if (fd >= 0 && close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp.s, path) != 0)
        e = errno;
    if (e) {
        unlink(tmp.s);
        snprintf(err, errsize, "%s: %s", path, strerror(e));
    } else {
        char *dir = xstrdup(path), *slash = strrchr(dir, '/');
        if (slash)
            *(slash == dir ? slash + 1 : slash) = '\0';
        int dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd); /* the new name itself */
            close(dfd);
        }
        free(dir);
    }
    strbuf_fini(&tmp);
    errno = e; /* for a caller that names the trouble in its own words */
    return !e;
}

char *path_join(const char *dir, const char *rel)
{
    if (!dir || !*dir || rel[0] == '/')
        return xstrdup(rel);
    strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, dir);
    if (b.s[b.len - 1] != '/')
        strbuf_addc(&b, '/');
    strbuf_adds(&b, rel);
    return strbuf_take(&b);
}

char *path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **dir_list(const char *dir, const char *suffix, size_t *count)
{
    *count = 0;
    DIR *dh = opendir(dir);
    if (!dh)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0, sl = strlen(suffix);
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l <= sl || strcmp(de->d_name + l - sl, suffix) != 0)
            continue;
        vec_reserve((void **)&names, &cap, n + 1, sizeof(char *));
        names[n++] = xstrdup(de->d_name);
    }
    closedir(dh);
    if (n)
        qsort(names, n, sizeof(char *), cmp_str);
    else
        names = xcalloc(1, sizeof(char *));
    *count = n;
    return names;
}

void strv_free(char **v, size_t n)
{
    if (!v)
        return;
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}
