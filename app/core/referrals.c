/*
 * referrals.c - the referral quick list (see referrals.h).
 *
 * inih reads the file; a counting line reader tells each callback its
 * line, so problems are reported as file:line.
 */
#include "referrals.h"

#include "inifile.h"

#include <ctype.h>
#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static const char *const codes[REF_PROBLEM_COUNT] = {
    [REF_VIRUS] = "virus",
    [REF_MAIL] = "mail",
    [REF_MONEY] = "money",
    [REF_LEAK] = "leak",
    [REF_WEB] = "web",
    [REF_POSTS] = "posts",
    [REF_SHOP_BOUGHT] = "shop-bought",
    [REF_SHOP_FAKE] = "shop-fake",
    [REF_SHOP_CUSTOMERS] = "shop-customers",
    [REF_PREPARE] = "prepare",
};

static const msg_id labels[REF_PROBLEM_COUNT] = {
    [REF_VIRUS] = MSG_REF_VIRUS,
    [REF_MAIL] = MSG_REF_MAIL,
    [REF_MONEY] = MSG_REF_MONEY,
    [REF_LEAK] = MSG_REF_LEAK,
    [REF_WEB] = MSG_REF_WEB,
    [REF_POSTS] = MSG_REF_POSTS,
    [REF_SHOP_BOUGHT] = MSG_REF_SHOP_BOUGHT,
    [REF_SHOP_FAKE] = MSG_REF_SHOP_FAKE,
    [REF_SHOP_CUSTOMERS] = MSG_REF_SHOP_CUSTOMERS,
    [REF_PREPARE] = MSG_REF_PREPARE,
};

/* A problem's list is the section [problem:CODE]. */
#define ORDER_PREFIX "problem:"

static int problem_of(const char *code, size_t len)
{
    for (int i = 0; i < REF_PROBLEM_COUNT; i++)
        if (strlen(codes[i]) == len && !strncmp(code, codes[i], len))
            return i;
    return -1;
}

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
    int order_head[REF_PROBLEM_COUNT]; /* line of each [problem:CODE] header, 0: none */
    bool mid_line;                     /* the last chunk read ended inside a line */
    int too_long;                      /* first line longer than inih reads, 0: none */
} reader;

/* inih reads a line in pieces of its buffer's size; note the first line
 * that does not fit, so it is reported as itself and not as bad INI. */
static void note_long_line(reader *r, const char *chunk)
{
    size_t n = strlen(chunk);
    bool whole = n > 0 && chunk[n - 1] == '\n';
    r->mid_line = !whole && !feof(r->f);
    if (r->mid_line && !r->too_long)
        r->too_long = r->line;
}

/* Note the line of a [problem:CODE] header (p is at its '['), so an empty
 * list can be reported where it stands. */
static void note_order_head(reader *r, const char *p)
{
    size_t k = strlen(ORDER_PREFIX);
    if (strncmp(p + 1, ORDER_PREFIX, k) != 0)
        return;
    const char *code = p + 1 + k, *end = strchr(code, ']');
    int i = end ? problem_of(code, (size_t)(end - code)) : -1;
    if (i >= 0 && !r->order_head[i])
        r->order_head[i] = r->line;
}

static char *read_line(char *buf, int size, void *stream)
{
    reader *r = stream;
    char *s = fgets(buf, size, r->f);
    if (s) {
        if (!r->mid_line) /* the rest of a line too long for inih is not a new line */
            r->line++;
        note_long_line(r, s);
        const char *p = s;
        while (*p == ' ' || *p == '\t')
            p++;
        if (*p == '[') {
            r->section_line = r->line;
            note_order_head(r, p);
        }
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
    /* The ids taken so far: a file of 100,000 sections is checked for
     * duplicates in linear time, not by comparing each with every other. */
    inif_ids ids;
    int order_bad; /* header line of the last unknown [problem:CODE], reported once */
} ctx;

static bool valid_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-')
            return false;
    return true;
}

/* A key of a [problem:CODE] list: an agency id, its why-line as value. */
static int on_order(ctx *c, const char *code, const char *name, const char *value)
{
    int line = c->r->line, head = c->r->section_line;
    int p = problem_of(code, strlen(code));
    if (p < 0) {
        if (c->order_bad != head)
            diag_error(c->d, c->path, head, MSG_ERR_REF_PROBLEM, code);
        c->order_bad = head;
        return 1;
    }
    ref_order *o = &c->l->order[p];
    for (size_t i = 0; i < o->n; i++)
        if (!strcmp(o->c[i].id, name)) {
            diag_error(c->d, c->path, line, MSG_ERR_REF_CARD_DUP, name, code);
            return 1;
        }
    if (!*value)
        diag_error(c->d, c->path, line, MSG_ERR_REF_WHY, name, code);
    vec_reserve((void **)&o->c, &o->cap, o->n + 1, sizeof(ref_card));
    o->c[o->n++] = (ref_card){.id = xstrdup(name), .why = xstrdup(value), .line = line};
    return 1;
}

static int on_value(void *user, const char *section, const char *name, const char *value)
{
    ctx *c = user;
    if (!strncmp(section, ORDER_PREFIX, strlen(ORDER_PREFIX)))
        return on_order(c, section + strlen(ORDER_PREFIX), name, value);
    int line = c->r->line, head = c->r->section_line;
    if (strcmp(section, c->section) != 0) {
        snprintf(c->section, sizeof c->section, "%s", section);
        c->skip = true;
        if (!valid_id(section)) {
            diag_error(c->d, c->path, head, MSG_ERR_REF_ID, section);
        } else {
            char *id = xstrdup(section);
            if (!inif_ids_add(&c->ids, id)) {
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
    if (c->skip || c->l->n == 0 || !c->l->a) /* no agency section open: nothing to add to */
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
        /* The old way: an agency naming its problems.  The lists decide now. */
        diag_warn(c->d, c->path, line, MSG_WARN_REF_PROBLEMS_KEY, a->id);
    } else {
        diag_warn(c->d, c->path, line, MSG_WARN_FM_UNKNOWN, name);
    }
    return 1;
}

/* Every card names an agency of the file (before refused entries go). */
static void orders_check_ids(const ref_list *l, const char *path, diag_list *d)
{
    for (int p = 0; p < REF_PROBLEM_COUNT; p++)
        for (size_t i = 0; i < l->order[p].n; i++) {
            const ref_card *k = &l->order[p].c[i];
            if (!ref_find(l, k->id))
                diag_error(d, path, k->line, MSG_ERR_REF_CARD_ID, k->id, codes[p]);
        }
}

/* Point each card at its agency, dropping cards of refused or unknown ones;
 * a problem left without a card, and an agency no list names, are reported. */
static void orders_resolve(ref_list *l, const char *path, diag_list *d, const int *head)
{
    for (size_t i = 0; i < l->n; i++)
        l->a[i].problems = 0;
    for (int p = 0; p < REF_PROBLEM_COUNT; p++) {
        ref_order *o = &l->order[p];
        size_t keep = 0;
        for (size_t i = 0; i < o->n; i++) {
            ref_card k = o->c[i];
            ref_agency *a = NULL;
            for (size_t j = 0; j < l->n && !a; j++)
                if (!strcmp(l->a[j].id, k.id))
                    a = &l->a[j];
            if (!a) {
                free(k.id);
                free(k.why);
                continue;
            }
            a->problems |= 1u << p;
            k.a = a;
            o->c[keep++] = k;
        }
        o->n = keep;
        if (!keep)
            diag_error(d, path, head[p], MSG_ERR_REF_EMPTY, codes[p]);
    }
    /* With no list at all the errors above say it; one warning an agency would only repeat it. */
    bool any = false;
    for (int p = 0; p < REF_PROBLEM_COUNT; p++)
        any |= head[p] != 0;
    for (size_t i = 0; any && i < l->n; i++)
        if (!l->a[i].problems)
            diag_warn(d, path, l->a[i].line, MSG_WARN_REF_UNLISTED, l->a[i].id);
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
    reader r = {.f = f};
    ctx c = {.l = l, .r = &r, .path = path, .d = d, .skip = true}; /* keys before any [section] */
    int bad = ini_parse_stream(read_line, &r, on_value, &c);
    fclose(f);
    inif_ids_fini(&c.ids);
    if (r.too_long)
        diag_error(d, path, r.too_long, MSG_ERR_REF_LONG, ini_max_line - 3);
    if (bad > 0 && (!r.too_long || bad < r.too_long))
        diag_error(d, path, bad, MSG_ERR_REF_SYNTAX);
    orders_check_ids(l, path, d);
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
    orders_resolve(l, path, d, r.order_head);
    return keep;
}

void ref_fini(ref_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++)
        free_agency(&l->a[i]);
    free(l->a);
    for (int p = 0; p < REF_PROBLEM_COUNT; p++) {
        for (size_t i = 0; i < l->order[p].n; i++) {
            free(l->order[p].c[i].id);
            free(l->order[p].c[i].why);
        }
        free(l->order[p].c);
    }
    memset(l, 0, sizeof *l);
}

const ref_agency *ref_find(const ref_list *l, const char *id)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->a[i].id, id) == 0)
            return &l->a[i];
    return NULL;
}

const ref_order *ref_cards(const ref_list *l, ref_problem p)
{
    static const ref_order none;
    return (unsigned)p < REF_PROBLEM_COUNT ? &l->order[p] : &none;
}
