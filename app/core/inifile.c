/*
 * inifile.c - content INI files through inih (see inifile.h).
 *
 * inih calls back once per physical line, a continuation line with the
 * same key again; the reader below counts lines and notes whether the line
 * just read was a continuation, so a key's pieces are collected here and
 * handed on whole when the next key (or the end) comes.
 */
#include "inifile.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct reader {
    FILE *f;
    const char *path;
    diag_list *d;
    int line;
    int section_line;
    bool cont; /* the line just read starts with blank space and has text */
} reader;

typedef struct pending {
    bool have;
    char *section, *name;
    strbuf value;
    int line, section_line;
} pending;

typedef struct ctx {
    reader r;
    pending p;
    inif_handler h;
    void *user;
} ctx;

static char *read_line(char *buf, int size, void *stream)
{
    reader *r = stream;
    char *s = fgets(buf, size, r->f);
    if (!s)
        return NULL;
    r->line++;
    size_t n = strlen(s);
    if (n == (size_t)size - 1 && s[n - 1] != '\n' && !feof(r->f)) {
        /* Longer than inih reads: the rest would be parsed as a line of its
         * own.  Say so and skip the whole line. */
        int c;
        while ((c = fgetc(r->f)) != EOF && c != '\n')
            ;
        diag_error(r->d, r->path, r->line, MSG_ERR_INI_LONG, size - 3);
        snprintf(buf, (size_t)size, ";\n");
        r->cont = false;
        return buf;
    }
    const char *p = s;
    while (*p == ' ' || *p == '\t')
        p++;
    r->cont = p != s && *p && *p != '\n' && *p != '\r' && *p != ';' && *p != '#';
    if (*p == '[')
        r->section_line = r->line;
    return s;
}

static void flush(ctx *c)
{
    pending *p = &c->p;
    if (!p->have)
        return;
    c->h(c->user, p->section, p->section_line, p->name, p->value.s ? p->value.s : "", p->line);
    free(p->section);
    free(p->name);
    strbuf_clear(&p->value);
    p->section = p->name = NULL;
    p->have = false;
}

static bool alnum_at(unsigned char ch)
{
    return ch < 0x80 && isalnum(ch);
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
    ctx *c = user;
    pending *p = &c->p;
    if (c->r.cont && p->have && !strcmp(p->name, name) && !strcmp(p->section, section)) {
        if (p->value.len && alnum_at((unsigned char)p->value.s[p->value.len - 1]) &&
            alnum_at((unsigned char)value[0]))
            strbuf_addc(&p->value, ' ');
        strbuf_adds(&p->value, value);
        return 1;
    }
    flush(c);
    p->have = true;
    p->section = xstrdup(section);
    p->name = xstrdup(name);
    strbuf_adds(&p->value, value);
    p->line = c->r.line;
    p->section_line = c->r.section_line;
    return 1;
}

bool inif_parse(const char *path, inif_handler h, void *user, diag_list *d)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_error(d, path, 0, MSG_ERR_READ, strerror(errno));
        return false;
    }
    ctx c = {.r = {.f = f, .path = path, .d = d}, .h = h, .user = user};
    strbuf_init(&c.p.value);
    int bad = ini_parse_stream(read_line, &c.r, on_value, &c);
    flush(&c);
    strbuf_fini(&c.p.value);
    fclose(f);
    if (bad > 0)
        diag_error(d, path, bad, MSG_ERR_REF_SYNTAX);
    return true;
}

static size_t hash_id(const char *s)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

bool inif_ids_add(inif_ids *s, const char *id)
{
    if ((s->n + 1) * 2 > s->cap) { /* keep the load under a half */
        size_t cap = s->cap ? s->cap * 2 : 64;
        inif_id *t = xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < s->cap; i++)
            if (s->slot[i].id) {
                size_t k = hash_id(s->slot[i].id) & (cap - 1);
                while (t[k].id)
                    k = (k + 1) & (cap - 1);
                t[k] = s->slot[i];
            }
        free(s->slot);
        s->slot = t;
        s->cap = cap;
    }
    size_t k = hash_id(id) & (s->cap - 1);
    for (; s->slot[k].id; k = (k + 1) & (s->cap - 1))
        if (!strcmp(s->slot[k].id, id))
            return false;
    s->slot[k] = (inif_id){xstrdup(id), (long)s->n++};
    return true;
}

long inif_ids_find(const inif_ids *s, const char *id)
{
    if (!s->cap)
        return -1;
    for (size_t k = hash_id(id) & (s->cap - 1); s->slot[k].id; k = (k + 1) & (s->cap - 1))
        if (!strcmp(s->slot[k].id, id))
            return s->slot[k].ix;
    return -1;
}

void inif_ids_fini(inif_ids *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->cap; i++)
        free(s->slot[i].id);
    free(s->slot);
    memset(s, 0, sizeof *s);
}
