/*
 * faq.c - the desk's FAQ (see faq.h).
 */
#include "faq.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inifile.h"
#include "util.h"

static const char *const categories[] = {"breach", "outage", "prevention", "general",
                                         "safety", "other",  "guidebook"};

const char *faq_category_code(size_t i)
{
    return i < MG_ARRAY_LEN(categories) ? categories[i] : NULL;
}

/* An item as read, with the lines its checked fields came from. */
typedef struct raw_item {
    faq_item it;
    int category_line, chapter_line, refs_line, read_line, problems_line;
    char **problems; /* codes as written */
    size_t nproblems;
} raw_item;

typedef struct ctx {
    const char *path;
    diag_list *d;
    raw_item *raw;
    size_t n, cap;
    char section[128];
    int section_line;
    bool skip;
    inif_ids seen;
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

/* Split a comma-separated list (either comma, ASCII or 、) into heap
 * strings, blanks trimmed, empties dropped. */
static char **split(const char *v, size_t *n)
{
    char **out = NULL;
    size_t cap = 0;
    *n = 0;
    const char *p = v;
    while (*p) {
        size_t len = 0;
        const char *next = NULL;
        for (const char *q = p;; q++) {
            if (!*q) {
                len = (size_t)(q - p);
                break;
            }
            if (*q == ',') {
                len = (size_t)(q - p);
                next = q + 1;
                break;
            }
            if (!strncmp(q, "、", strlen("、"))) {
                len = (size_t)(q - p);
                next = q + strlen("、");
                break;
            }
        }
        const char *s = p;
        while (len && (*s == ' ' || *s == '\t'))
            s++, len--;
        while (len && (s[len - 1] == ' ' || s[len - 1] == '\t'))
            len--;
        if (len) {
            vec_reserve((void **)&out, &cap, *n + 1, sizeof *out);
            out[(*n)++] = xstrndup(s, len);
        }
        if (!next)
            break;
        p = next;
    }
    return out;
}

static void set_str(char **field, const char *v)
{
    free(*field);
    *field = xstrdup(v);
}

static void set_list(char ***field, size_t *n, const char *v)
{
    strv_free(*field, *n);
    *field = split(v, n);
}

static void on_value(void *user, const char *section, int head, const char *name,
                     const char *value, int line)
{
    ctx *c = user;
    if (strcmp(section, c->section) != 0 || head != c->section_line) {
        snprintf(c->section, sizeof c->section, "%s", section);
        c->section_line = head;
        c->skip = true;
        if (!*section)
            c->skip = false; /* keys before any section: warned below */
        else if (!valid_id(section))
            diag_error(c->d, c->path, head, MSG_ERR_REF_ID, section);
        else if (!inif_ids_add(&c->seen, section))
            diag_error(c->d, c->path, head, MSG_ERR_SC_DUP, section);
        else {
            vec_reserve((void **)&c->raw, &c->cap, c->n + 1, sizeof *c->raw);
            raw_item *r = &c->raw[c->n++];
            memset(r, 0, sizeof *r);
            r->it.id = xstrdup(section);
            r->it.line = head;
            c->skip = false;
        }
    }
    if (c->skip)
        return;
    if (!*section) {
        diag_warn(c->d, c->path, line, MSG_WARN_INI_KEY, name);
        return;
    }
    raw_item *r = &c->raw[c->n - 1];
    faq_item *it = &r->it;
    if (!strcmp(name, "category")) {
        set_str(&it->category, value);
        r->category_line = line;
    } else if (!strcmp(name, "chapter")) {
        set_str(&it->chapter, value);
        r->chapter_line = line;
    } else if (!strcmp(name, "keywords")) {
        set_list(&it->keywords, &it->nkeywords, value);
    } else if (!strcmp(name, "question")) {
        set_str(&it->question, value);
    } else if (!strcmp(name, "answer")) {
        set_str(&it->answer, value);
    } else if (!strcmp(name, "sources")) {
        set_str(&it->sources, value);
    } else if (!strcmp(name, "referrals")) {
        set_list(&it->refs, &it->nrefs, value);
        r->refs_line = line;
    } else if (!strcmp(name, "problems")) {
        set_list(&r->problems, &r->nproblems, value);
        r->problems_line = line;
    } else if (!strcmp(name, "read")) {
        set_list(&it->read, &it->nread, value);
        r->read_line = line;
    } else {
        diag_warn(c->d, c->path, line, MSG_WARN_INI_KEY, name);
    }
}

static void free_item(faq_item *it)
{
    free(it->id);
    free(it->category);
    free(it->chapter);
    strv_free(it->keywords, it->nkeywords);
    free(it->question);
    free(it->answer);
    free(it->sources);
    strv_free(it->refs, it->nrefs);
    strv_free(it->read, it->nread);
}

static bool empty(const char *s)
{
    return !s || !*s;
}

static bool known_chapter(const char *name, const char *const *chapters, size_t n)
{
    if (!n)
        return true;
    for (size_t i = 0; i < n; i++)
        if (!strcmp(chapters[i], name))
            return true;
    return false;
}

/* Keep an item when it is whole and everything it names exists; every
 * problem is reported, not only the first. */
static bool check_item(const ctx *c, raw_item *r, const ref_list *refs,
                       const char *const *chapters, size_t nch)
{
    faq_item *it = &r->it;
    bool ok = true;
    const char *missing = empty(it->category)  ? "category"
                          : empty(it->chapter) ? "chapter"
                          : !it->nkeywords     ? "keywords"
                          : empty(it->question) ? "question"
                          : empty(it->answer)  ? "answer"
                          : !it->nrefs         ? "referrals"
                          : empty(it->sources) ? "sources"
                                               : NULL;
    if (missing) {
        diag_error(c->d, c->path, it->line, MSG_ERR_SC_FIELD, it->id, missing);
        ok = false;
    }
    if (!empty(it->category)) {
        bool found = false;
        for (size_t i = 0; i < MG_ARRAY_LEN(categories); i++)
            found |= !strcmp(categories[i], it->category);
        if (!found) {
            diag_error(c->d, c->path, r->category_line, MSG_ERR_FAQ_CATEGORY, it->category);
            ok = false;
        }
    }
    if (!empty(it->chapter) && !known_chapter(it->chapter, chapters, nch)) {
        diag_error(c->d, c->path, r->chapter_line, MSG_ERR_SC_CHAPTER, it->chapter);
        ok = false;
    }
    for (size_t i = 0; i < it->nread; i++)
        if (!known_chapter(it->read[i], chapters, nch)) {
            diag_error(c->d, c->path, r->read_line, MSG_ERR_SC_CHAPTER, it->read[i]);
            ok = false;
        }
    for (size_t i = 0; refs && i < it->nrefs; i++)
        if (!ref_find(refs, it->refs[i])) {
            diag_error(c->d, c->path, r->refs_line, MSG_ERR_FAQ_REF, it->refs[i]);
            ok = false;
        }
    for (size_t i = 0; i < r->nproblems; i++) {
        int p = 0;
        while (p < REF_PROBLEM_COUNT &&
               strcmp(ref_problem_code((ref_problem)p), r->problems[i]) != 0)
            p++;
        if (p == REF_PROBLEM_COUNT) {
            diag_error(c->d, c->path, r->problems_line, MSG_ERR_FAQ_PROBLEM, r->problems[i]);
            ok = false;
        } else
            it->problems |= 1u << p;
    }
    return ok;
}

size_t faq_load(faq *f, const char *path, const ref_list *refs, const char *const *chapters,
                size_t nchapters, diag_list *d)
{
    memset(f, 0, sizeof *f);
    ctx c = {.path = path, .d = d, .section_line = -1};
    c.section[0] = '\x01'; /* matches no section name, so the first is new */
    c.section[1] = '\0';
    inif_parse(path, on_value, &c, d);
    f->it = xcalloc(c.n ? c.n : 1, sizeof *f->it);
    for (size_t i = 0; i < c.n; i++) {
        if (check_item(&c, &c.raw[i], refs, chapters, nchapters))
            f->it[f->n++] = c.raw[i].it;
        else
            free_item(&c.raw[i].it);
        strv_free(c.raw[i].problems, c.raw[i].nproblems);
    }
    free(c.raw);
    inif_ids_fini(&c.seen);
    if (f->n)
        for (size_t k = 0; k < MG_ARRAY_LEN(categories); k++) {
            bool any = false;
            for (size_t i = 0; i < f->n && !any; i++)
                any = !strcmp(f->it[i].category, categories[k]);
            if (!any)
                diag_warn(d, path, 0, MSG_WARN_FAQ_UNCOVERED, categories[k]);
        }
    unsigned used = 0; /* a file without the finder's steps at all: fine */
    for (size_t i = 0; i < f->n; i++)
        used |= f->it[i].problems;
    if (!used)
        return f->n;
    for (int p = 0; p < REF_PROBLEM_COUNT; p++) {
        bool any = false;
        for (size_t i = 0; i < f->n && !any; i++)
            any = f->it[i].problems & (1u << p);
        if (!any)
            diag_warn(d, path, 0, MSG_WARN_FAQ_PROBLEM, ref_problem_code((ref_problem)p));
    }
    return f->n;
}

size_t faq_for_problem(const faq *f, ref_problem p, const faq_item **out, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; i < f->n; i++)
        if ((unsigned)p < REF_PROBLEM_COUNT && (f->it[i].problems & (1u << p))) {
            if (n < max)
                out[n] = &f->it[i];
            n++;
        }
    return n;
}

void faq_fini(faq *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++)
        free_item(&f->it[i]);
    free(f->it);
    memset(f, 0, sizeof *f);
}

const faq_item *faq_find(const faq *f, const char *id)
{
    for (size_t i = 0; i < f->n; i++)
        if (!strcmp(f->it[i].id, id))
            return &f->it[i];
    return NULL;
}

int faq_chapter(const guide *g, const char *name)
{
    size_t n = name ? strlen(name) : 0;
    for (size_t i = 0; g && n && i < g->n; i++) {
        const char *p = g->ch[i].path ? strrchr(g->ch[i].path, '/') : NULL;
        p = p ? p + 1 : g->ch[i].path;
        if (p && !strncmp(p, name, n) && (!p[n] || !strcmp(p + n, ".md")))
            return (int)i;
    }
    return -1;
}
