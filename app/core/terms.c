/*
 * terms.c - the term table and the one-voice checks (see terms.h).
 */
#include "terms.h"

#include <errno.h>
#include <ini.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "guide.h"
#include "referrals.h"
#include "util.h"

typedef struct reader {
    FILE *f;
    int line;
} reader;

static char *read_line(char *buf, int size, void *stream)
{
    reader *r = stream;
    char *s = fgets(buf, size, r->f);
    if (s)
        r->line++;
    return s;
}

typedef struct ctx {
    terms *t;
    reader *r;
    const char *path;
    diag_list *d;
} ctx;

static int on_value(void *user, const char *section, const char *name, const char *value)
{
    ctx *c = user;
    int line = c->r->line;
    if (!strcmp(section, "keep")) { /* a name kept as its owner writes it */
        vec_reserve((void **)&c->t->keep, &c->t->keep_cap, c->t->nkeep + 1, sizeof(char *));
        c->t->keep[c->t->nkeep++] = xstrdup(name);
        return 1;
    }
    if (strcmp(section, "terms") != 0) {
        diag_warn(c->d, c->path, line, MSG_WARN_TERMS_SECTION, section);
        return 1;
    }
    if (!*value || !strcmp(name, value)) { /* nothing to use instead */
        diag_error(c->d, c->path, line, MSG_ERR_TERMS_RULE, name);
        return 1;
    }
    for (size_t i = 0; i < c->t->n; i++)
        if (!strcmp(c->t->r[i].avoid, name)) {
            diag_error(c->d, c->path, line, MSG_ERR_TERMS_DUP, name);
            return 1;
        }
    vec_reserve((void **)&c->t->r, &c->t->cap, c->t->n + 1, sizeof(term_rule));
    c->t->r[c->t->n++] = (term_rule){xstrdup(name), xstrdup(value), line};
    return 1;
}

size_t terms_load(terms *t, const char *path, diag_list *d)
{
    memset(t, 0, sizeof *t);
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_error(d, path, 0, MSG_ERR_READ, strerror(errno));
        return 0;
    }
    reader r = {f, 0};
    ctx c = {t, &r, path, d};
    int bad = ini_parse_stream(read_line, &r, on_value, &c);
    fclose(f);
    if (bad > 0)
        diag_error(d, path, bad, MSG_ERR_REF_SYNTAX);
    return t->n;
}

void terms_fini(terms *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->n; i++) {
        free(t->r[i].avoid);
        free(t->r[i].use);
    }
    free(t->r);
    for (size_t i = 0; i < t->nkeep; i++)
        free(t->keep[i]);
    free(t->keep);
    memset(t, 0, sizeof *t);
}

static bool starts(const char *s, const char *end, const char *w)
{
    size_t n = strlen(w);
    return (size_t)(end - s) >= n && memcmp(s, w, n) == 0;
}

/* Is the avoided form at p (in [line, end)) part of phrase there? */
static bool inside(const char *phrase, const char *avoid, const char *line, const char *end,
                   const char *p)
{
    for (const char *k = strstr(phrase, avoid); k; k = strstr(k + 1, avoid)) {
        size_t off = (size_t)(k - phrase);
        if ((size_t)(p - line) >= off && starts(p - off, end, phrase))
            return true;
    }
    return false;
}

/* Part of the form to use, or of a name kept as written? */
static bool allowed(const terms *t, const term_rule *r, const char *line, const char *end,
                    const char *p)
{
    if (inside(r->use, r->avoid, line, end, p))
        return true;
    for (size_t i = 0; i < t->nkeep; i++)
        if (inside(t->keep[i], r->avoid, line, end, p))
            return true;
    return false;
}

/* Quoted alone: 「avoid」. */
static bool quoted(const term_rule *r, const char *line, const char *end, const char *p)
{
    static const char open[] = "「", close[] = "」";
    size_t n = strlen(r->avoid), k = sizeof open - 1;
    return (size_t)(p - line) >= k && !memcmp(p - k, open, k) && starts(p + n, end, close);
}

static size_t check_terms_line(const terms *t, const char *file, int ln, const char *line,
                               const char *end, diag_list *d)
{
    size_t found = 0;
    for (size_t i = 0; i < t->n; i++) {
        const term_rule *r = &t->r[i];
        size_t n = strlen(r->avoid);
        for (const char *p = line; p + n <= end; p++) {
            if (memcmp(p, r->avoid, n) != 0)
                continue;
            if (!allowed(t, r, line, end, p) && !quoted(r, line, end, p)) {
                diag_warn(d, file, ln, MSG_WARN_TERM, r->avoid, r->use);
                found++;
                break; /* once a line a rule */
            }
            p += n - 1;
        }
    }
    return found;
}

/* A '*' standing alone: not half of "**". */
static bool single_star(const char *line, const char *end, const char *p)
{
    return *p == '*' && !(p > line && p[-1] == '*') && !(p + 1 < end && p[1] == '*');
}

/* Emphasis in italics: a lone '*' before a word, closed by a lone '*'
 * after one (a "* " bullet and "a * b" are not emphasis). */
static bool has_italics(const char *line, const char *end)
{
    for (const char *p = line; p + 1 < end; p++) {
        if (!single_star(line, end, p) || p[1] == ' ')
            continue;
        for (const char *q = p + 2; q < end; q++)
            if (single_star(line, end, q) && q[-1] != ' ')
                return true;
    }
    return false;
}

size_t terms_check_text(const terms *t, const char *file, const char *text, bool markdown,
                        bool deck, diag_list *d)
{
    size_t found = 0;
    bool in_notes = false, in_code = false;
    int ln = 0;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        ln++;
        if (markdown && starts(line, end, "```"))
            in_code = !in_code;
        if (!in_code) {
            found += check_terms_line(t, file, ln, line, end, d);
            if (markdown && has_italics(line, end)) {
                diag_warn(d, file, ln, MSG_WARN_ITALIC);
                found++;
            }
        }
        if (deck) {
            const char *open = NULL;
            for (const char *p = line; p + 4 <= end; p++)
                if (!memcmp(p, "<!--", 4))
                    open = p;
            bool opens = open != NULL, closes = false;
            for (const char *p = line; p + 3 <= end; p++)
                if (!memcmp(p, "-->", 3))
                    closes = true;
            if (in_notes && !closes) {
                size_t chars = utf8_count(line, (size_t)(end - line));
                if (chars >= 100) {
                    diag_warn(d, file, ln, MSG_WARN_NOTE_LONG, (int)chars);
                    found++;
                }
            }
            if (opens && !closes)
                in_notes = true;
            else if (closes)
                in_notes = false;
        }
        line = *end ? end + 1 : end;
    }
    return found;
}

/* The contact details of the referral list still to be confirmed: each
 * agency's phone number and any e-mail address in its hours, when it is
 * marked verify.  Heap strings in *out. */
static size_t unconfirmed(const char *dir, char ***out)
{
    char *path = path_join(dir, "assets/referrals.ini");
    diag_list scratch; /* the referral check reports its own problems */
    diag_init(&scratch, LANG_EN);
    ref_list l;
    ref_load(&l, path, &scratch);
    size_t n = 0, cap = 0;
    *out = NULL;
    for (size_t i = 0; i < l.n; i++) {
        const ref_agency *a = &l.a[i];
        if (!a->verify)
            continue;
        if (a->phone && strpbrk(a->phone, "0123456789")) {
            vec_reserve((void **)out, &cap, n + 1, sizeof(char *));
            (*out)[n++] = xstrdup(a->phone);
        }
        char *h = xstrdup(a->hours ? a->hours : ""), *save = NULL;
        for (char *w = strtok_r(h, " ()", &save); w; w = strtok_r(NULL, " ()", &save))
            if (strchr(w, '@')) {
                vec_reserve((void **)out, &cap, n + 1, sizeof(char *));
                (*out)[n++] = xstrdup(w);
            }
        free(h);
    }
    ref_fini(&l);
    diag_fini(&scratch);
    free(path);
    return n;
}

/* Every line that prints an unconfirmed detail carries the verify mark. */
static void check_marks(const char *file, const char *text, char *const *details, size_t n,
                        diag_list *d)
{
    int ln = 0;
    for (const char *line = text; *line;) {
        const char *end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        ln++;
        size_t len = (size_t)(end - line);
        char *copy = xstrndup(line, len);
        for (size_t i = 0; i < n; i++)
            if (strstr(copy, details[i]) && !strstr(copy, "要確認"))
                diag_warn(d, file, ln, MSG_WARN_VERIFY_MARK, details[i]);
        free(copy);
        line = *end ? end + 1 : end;
    }
}

typedef struct marks {
    char **v;
    size_t n;
    const guide *book; /* the bundled chapters, for 「…」の章 */
} marks;

/* A chapter named as 「title」の章 must be one of the book's. */
static void check_chapter_names(const char *file, const char *text, const guide *g,
                                diag_list *d)
{
    static const char open[] = "「", close[] = "」の章";
    int ln = 1;
    for (const char *p = text; *p; p++) {
        if (*p == '\n')
            ln++;
        if (strncmp(p, open, sizeof open - 1) != 0)
            continue;
        const char *t = p + sizeof open - 1, *q = strstr(t, "」");
        const char *nl = strchr(t, '\n');
        if (!q || (nl && nl < q) || strncmp(q, close, sizeof close - 1) != 0)
            continue;
        bool found = false;
        for (size_t i = 0; i < g->n && !found; i++)
            found = strlen(g->ch[i].title) == (size_t)(q - t) &&
                    !strncmp(g->ch[i].title, t, (size_t)(q - t));
        if (!found) {
            char *name = xstrndup(t, (size_t)(q - t));
            diag_warn(d, file, ln, MSG_WARN_CHAPTER_NAME, name);
            free(name);
        }
    }
}

static void check_file(const terms *t, const char *path, bool markdown, bool deck, diag_list *d,
                       const marks *m)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text)
        return; /* the other checks already say the file cannot be read */
    terms_check_text(t, path, text, markdown, deck, d);
    if (m) {
        check_marks(path, text, m->v, m->n, d);
        check_chapter_names(path, text, m->book, d);
    }
    free(text);
}

static void check_dir(const terms *t, const char *dir, const char *rel, bool deck, diag_list *d,
                      const marks *m)
{
    char *sub = path_join(dir, rel);
    size_t n;
    char **names = dir_list(sub, ".md", &n);
    for (size_t i = 0; names && i < n; i++) {
        char *p = path_join(sub, names[i]);
        check_file(t, p, true, deck, d, m);
        free(p);
    }
    strv_free(names, n);
    free(sub);
}

void terms_check_content(const char *dir, diag_list *d, int *files)
{
    char *path = path_join(dir, "assets/terms.ini");
    if (access(path, F_OK) != 0) { /* a content folder without a table: nothing to enforce */
        free(path);
        return;
    }
    terms t;
    terms_load(&t, path, d);
    free(path);
    (*files)++;
    marks m;
    m.n = unconfirmed(dir, &m.v);
    guide book;
    char *gdir = path_join(dir, "assets/guidebook");
    diag_list scratch; /* the guidebook check reports its own problems */
    diag_init(&scratch, LANG_EN);
    guide_load_dir(&book, gdir, &scratch);
    diag_fini(&scratch);
    free(gdir);
    m.book = &book;
    check_dir(&t, dir, "assets/guidebook", false, d, &m);
    check_dir(&t, dir, "slides", true, d, &m);
    /* The quick list (it marks unconfirmed details with verify = yes), the
     * self-check and the FAQ (those that are there). */
    static const char *const ini[] = {"assets/referrals.ini", "assets/selfcheck.ini",
                                      "assets/faq.ini"};
    for (size_t i = 0; i < sizeof ini / sizeof *ini; i++) {
        char *p = path_join(dir, ini[i]);
        if (i == 0 || access(p, F_OK) == 0)
            check_file(&t, p, false, false, d, NULL);
        free(p);
    }
    strv_free(m.v, m.n);
    guide_fini(&book);
    terms_fini(&t);
}
