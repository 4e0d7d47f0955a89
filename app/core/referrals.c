/*
 * referrals.c - the referral quick list (see referrals.h).
 *
 * inih reads the file; a counting line reader tells each callback its
 * line, so problems are reported as file:line.
 */
#include "referrals.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const codes[REF_PROBLEM_COUNT] = {
    [REF_VIRUS] = "virus", [REF_MAIL] = "mail",   [REF_MONEY] = "money", [REF_LEAK] = "leak",
    [REF_WEB] = "web",     [REF_POSTS] = "posts", [REF_SHOP] = "shop",   [REF_PREPARE] = "prepare",
};

static const msg_id labels[REF_PROBLEM_COUNT] = {
    [REF_VIRUS] = MSG_REF_VIRUS, [REF_MAIL] = MSG_REF_MAIL,   [REF_MONEY] = MSG_REF_MONEY,
    [REF_LEAK] = MSG_REF_LEAK,   [REF_WEB] = MSG_REF_WEB,     [REF_POSTS] = MSG_REF_POSTS,
    [REF_SHOP] = MSG_REF_SHOP,   [REF_PREPARE] = MSG_REF_PREPARE,
};

const char *ref_problem_code(ref_problem p)
{
    return (unsigned)p < REF_PROBLEM_COUNT ? codes[p] : "?";
}

msg_id ref_problem_label(ref_problem p)
{
    return (unsigned)p < REF_PROBLEM_COUNT ? labels[p] : MSG_REF_PREPARE;
}

typedef struct reader {
    FILE *f;
    int line;
    int section_line; /* of the last [section] header read */
} reader;

static char *read_line(char *buf, int size, void *stream)
{
    reader *r = stream;
    char *s = fgets(buf, size, r->f);
    if (s) {
        r->line++;
        const char *p = s;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '[')
            r->section_line = r->line;
    }
    return s;
}

typedef struct ctx {
    ref_list *l;
    size_t cap;
    reader *r;
    const char *path;
    diag_list *d;
    char section[128];
    bool skip; /* the current section was refused: its keys are ignored */
    /* The ids taken so far, an open-addressing hash set (pointers into
     * l->a[i].id, not owned): a file of 100,000 sections is checked for
     * duplicates in linear time, not by comparing each with every other. */
    const char **ids;
    size_t ids_cap; /* a power of two, or 0 */
} ctx;

static size_t hash_id(const char *s)
{
    size_t h = 2166136261u; /* FNV-1a */
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 16777619u;
    return h;
}

/* Add id to the set; false if it was there already. */
static bool ids_add(ctx *c, const char *id)
{
    if ((c->l->n + 1) * 2 > c->ids_cap) { /* keep the load under a half */
        size_t cap = c->ids_cap ? c->ids_cap * 2 : 64;
        const char **t = xcalloc(cap, sizeof *t);
        for (size_t i = 0; i < c->ids_cap; i++)
            if (c->ids[i]) {
                size_t k = hash_id(c->ids[i]) & (cap - 1);
                while (t[k])
                    k = (k + 1) & (cap - 1);
                t[k] = c->ids[i];
            }
        free(c->ids);
        c->ids = t;
        c->ids_cap = cap;
    }
    size_t k = hash_id(id) & (c->ids_cap - 1);
    for (; c->ids[k]; k = (k + 1) & (c->ids_cap - 1))
        if (strcmp(c->ids[k], id) == 0)
            return false;
    c->ids[k] = id;
    return true;
}

static bool valid_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-')
            return false;
    return true;
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
    ctx *c = user;
    int line = c->r->line, head = c->r->section_line;
    if (strcmp(section, c->section) != 0) {
        snprintf(c->section, sizeof c->section, "%s", section);
        c->skip = true;
        if (!valid_id(section)) {
            diag_error(c->d, c->path, head, MSG_ERR_REF_ID, section);
        } else {
            char *id = xstrdup(section);
            if (!ids_add(c, id)) {
                diag_error(c->d, c->path, head, MSG_ERR_REF_DUP, section);
                free(id);
            } else {
                vec_reserve((void **)&c->l->a, &c->cap, c->l->n + 1, sizeof(ref_agency));
                ref_agency *a = &c->l->a[c->l->n++];
                memset(a, 0, sizeof *a);
                a->id = id;
                a->line = head;
                c->skip = false;
            }
        }
    }
    if (c->skip)
        return 1;
    ref_agency *a = &c->l->a[c->l->n - 1];
    char **field = !strcmp(name, "name")      ? &a->name
                   : !strcmp(name, "handles") ? &a->handles
                   : !strcmp(name, "phone")   ? &a->phone
                   : !strcmp(name, "hours")   ? &a->hours
                   : !strcmp(name, "web")     ? &a->web
                   : !strcmp(name, "notes")   ? &a->notes
                   : !strcmp(name, "checked") ? &a->checked
                                              : NULL;
    if (field) {
        free(*field);
        *field = xstrdup(value);
    } else if (!strcmp(name, "verify")) {
        a->verify = !strcmp(value, "yes") || !strcmp(value, "true");
    } else if (!strcmp(name, "problems")) {
        char *copy = xstrdup(value), *save = NULL;
        for (char *w = strtok_r(copy, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
            int p = -1;
            for (int i = 0; i < REF_PROBLEM_COUNT; i++)
                if (!strcmp(w, codes[i]))
                    p = i;
            if (p < 0)
                diag_error(c->d, c->path, line, MSG_ERR_REF_PROBLEM, w);
            else
                a->problems |= 1u << p;
        }
        free(copy);
    } else {
        diag_warn(c->d, c->path, line, MSG_WARN_FM_UNKNOWN, name);
    }
    return 1;
}

static void free_agency(ref_agency *a)
{
    free(a->id);
    free(a->name);
    free(a->handles);
    free(a->phone);
    free(a->hours);
    free(a->web);
    free(a->notes);
    free(a->checked);
}

size_t ref_load(ref_list *l, const char *path, diag_list *d)
{
    memset(l, 0, sizeof *l);
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_error(d, path, 0, MSG_ERR_READ, strerror(errno));
        return 0;
    }
    reader r = {f, 0, 0};
    ctx c = {.l = l, .r = &r, .path = path, .d = d, .skip = true}; /* keys before any [section] */
    int bad = ini_parse_stream(read_line, &r, on_value, &c);
    fclose(f);
    free(c.ids);
    if (bad > 0)
        diag_error(d, path, bad, MSG_ERR_REF_SYNTAX);
    /* Entries without a name or any way to reach them are left out. */
    size_t keep = 0;
    for (size_t i = 0; i < l->n; i++) {
        ref_agency *a = &l->a[i];
        bool reach = (a->phone && *a->phone) || (a->web && *a->web) || (a->hours && *a->hours);
        if (!a->name || !*a->name) {
            diag_error(d, path, a->line, MSG_ERR_REF_FIELD, a->id, "name");
            free_agency(a);
        } else if (!reach) {
            diag_error(d, path, a->line, MSG_ERR_REF_FIELD, a->id, "phone / web");
            free_agency(a);
        } else {
            if (!a->checked || !*a->checked)
                diag_warn(d, path, a->line, MSG_ERR_REF_FIELD, a->id, "checked");
            l->a[keep++] = *a;
        }
    }
    l->n = keep;
    return keep;
}

void ref_fini(ref_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free_agency(&l->a[i]);
    free(l->a);
    memset(l, 0, sizeof *l);
}

const ref_agency *ref_find(const ref_list *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->a[i].id, id) == 0)
            return &l->a[i];
    return NULL;
}
