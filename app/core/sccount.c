/*
 * sccount.c - the self-check's anonymous counts (see sccount.h).
 *
 * The setting "selfcheck.counts" holds lines of text:
 *   completed N
 *   q01 DONE PARTLY NOT_DONE DONT_KNOW UNANSWERED
 *   ...
 * Questions no longer in the self-check keep their lines.
 */
#include "sccount.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

#define KEY "selfcheck.counts"

typedef struct entry {
    char id[64];
    sccount_row r;
} entry;

typedef struct table {
    long long completed;
    entry *e;
    size_t n, cap;
} table;

/* Parse the kept text into t; false on a line that is not ours. */
static bool parse(const char *text, table *t, char *err, size_t errsize)
{
    const char *p = text;
    int line = 0;
    while (p && *p) {
        line++;
        const char *end = strchr(p, '\n');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        char buf[256];
        if (len >= sizeof buf) {
            snprintf(err, errsize, KEY ": line %d too long", line);
            return false;
        }
        memcpy(buf, p, len);
        buf[len] = '\0';
        entry e;
        memset(&e, 0, sizeof e);
        char tail;
        if (len == 0) {
            /* blank: nothing */
        } else if (sscanf(buf, "completed %lld %c", &t->completed, &tail) == 1 &&
                   t->completed >= 0) {
        } else if (sscanf(buf, "%63s %lld %lld %lld %lld %lld %c", e.id, &e.r.n[SC_DONE],
                          &e.r.n[SC_PARTLY], &e.r.n[SC_NOT_DONE], &e.r.n[SC_DONT_KNOW],
                          &e.r.n[SC_UNANSWERED], &tail) == 6) {
            vec_reserve((void **)&t->e, &t->cap, t->n + 1, sizeof *t->e);
            t->e[t->n++] = e;
        } else {
            snprintf(err, errsize, KEY ": line %d is damaged: %s", line, buf);
            return false;
        }
        p = end ? end + 1 : NULL;
    }
    return true;
}

static bool load(store *db, table *t, char *err, size_t errsize)
{
    memset(t, 0, sizeof *t);
    char *v = NULL;
    if (store_setting(db, KEY, &v, err, errsize) < 0)
        return false;
    bool ok = parse(v ? v : "", t, err, errsize);
    free(v);
    if (!ok) {
        free(t->e);
        memset(t, 0, sizeof *t);
    }
    return ok;
}

static entry *find(table *t, const char *id)
{
    for (size_t i = 0; i < t->n; i++)
        if (!strcmp(t->e[i].id, id))
            return &t->e[i];
    return NULL;
}

bool sccount_add(store *db, const selfcheck *s, const sc_answer *a, char *err,
                 size_t errsize)
{
    table t;
    if (!load(db, &t, err, errsize))
        return false;
    t.completed++;
    for (size_t i = 0; i < s->n; i++) {
        entry *e = find(&t, s->q[i].id);
        if (!e) {
            vec_reserve((void **)&t.e, &t.cap, t.n + 1, sizeof *t.e);
            e = &t.e[t.n++];
            memset(e, 0, sizeof *e);
            snprintf(e->id, sizeof e->id, "%s", s->q[i].id);
        }
        sc_answer ans = (unsigned)a[i] < SC_ANSWER_COUNT ? a[i] : SC_UNANSWERED;
        e->r.n[ans]++;
    }
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, "completed %lld\n", t.completed);
    for (size_t i = 0; i < t.n; i++) {
        const sccount_row *r = &t.e[i].r;
        strbuf_printf(&b, "%s %lld %lld %lld %lld %lld\n", t.e[i].id, r->n[SC_DONE],
                      r->n[SC_PARTLY], r->n[SC_NOT_DONE], r->n[SC_DONT_KNOW],
                      r->n[SC_UNANSWERED]);
    }
    bool ok = store_set_setting(db, KEY, b.s, err, errsize);
    strbuf_fini(&b);
    free(t.e);
    return ok;
}

long long sccount_read(store *db, const selfcheck *s, sccount_row *rows, char *err,
                       size_t errsize)
{
    table t;
    if (s->n)
        memset(rows, 0, s->n * sizeof *rows);
    if (!load(db, &t, err, errsize))
        return -1;
    for (size_t i = 0; i < s->n; i++) {
        const entry *e = find(&t, s->q[i].id);
        if (e)
            rows[i] = e->r;
    }
    free(t.e);
    return t.completed;
}
