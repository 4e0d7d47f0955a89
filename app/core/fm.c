/*
 * fm.c - front matter parser (see fm.h).
 */
#include "fm.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

void fm_init(fm *f)
{
    memset(f, 0, sizeof *f);
    f->body_line = 1;
}

void fm_fini(fm *f)
{
    if (!f)
        return;
    for (size_t i = 0; i < f->n; i++) {
        free(f->items[i].key);
        free(f->items[i].value);
    }
    free(f->items);
    fm_init(f);
}

/* Next line of text from *pos: sets [*s, *e) without the newline (and
 * without a CR before it); returns false at the end. */
static bool next_line(const char *t, size_t len, size_t *pos, const char **s, const char **e)
{
    if (*pos >= len)
        return false;
    const char *start = t + *pos;
    const char *nl = memchr(start, '\n', len - *pos);
    const char *end = nl ? nl : t + len;
    *pos = nl ? (size_t)(nl - t) + 1 : len;
    if (end > start && end[-1] == '\r')
        end--;
    *s = start;
    *e = end;
    return true;
}

static bool is_fence(const char *s, const char *e, const char *fence)
{
    size_t n = strlen(fence);
    if ((size_t)(e - s) < n || memcmp(s, fence, n) != 0)
        return false;
    for (s += n; s < e; s++)
        if (*s != ' ' && *s != '\t')
            return false;
    return true;
}

static bool is_key_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           c == '_' || c == '-';
}

static const char *trim_left(const char *s, const char *e)
{
    while (s < e && (*s == ' ' || *s == '\t'))
        s++;
    return s;
}

static const char *trim_right(const char *s, const char *e)
{
    while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
        e--;
    return e;
}

/* Unquote a value; returns NULL (and leaves *bad set) for an unterminated quote. */
static char *unquote(const char *s, const char *e, bool *bad)
{
    *bad = false;
    if (s < e && (*s == '"' || *s == '\'')) {
        char q = *s++;
        strbuf b;
        strbuf_init(&b);
        while (s < e) {
            if (q == '"' && *s == '\\' && s + 1 < e) {
                char c = s[1];
                strbuf_addc(&b, c == 'n' ? '\n' : c == 't' ? '\t' : c);
                s += 2;
                continue;
            }
            if (*s == q) {
                if (q == '\'' && s + 1 < e && s[1] == '\'') {
                    strbuf_addc(&b, '\'');
                    s += 2;
                    continue;
                }
                /* Only a comment may follow the closing quote. */
                const char *rest = trim_left(s + 1, e);
                if (rest < e && *rest != '#')
                    break;
                return strbuf_take(&b);
            }
            strbuf_addc(&b, *s++);
        }
        strbuf_fini(&b);
        *bad = true;
        return NULL;
    }
    /* A plain value ends at " #" (a YAML comment). */
    for (const char *p = s; p < e; p++)
        if (*p == '#' && p > s && (p[-1] == ' ' || p[-1] == '\t')) {
            e = trim_right(s, p);
            break;
        }
    return xstrndup(s, (size_t)(e - s));
}

bool fm_parse(fm *f, const char *text, size_t len, const char *file, diag_list *d)
{
    size_t pos = 0;
    const char *s, *e;
    bool ok = true;

    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0)
        pos = 3;
    size_t first = pos;
    if (!next_line(text, len, &pos, &s, &e) || !is_fence(s, e, "---")) {
        f->body_offset = first;
        f->body_line = 1;
        return true;
    }

    /* Find the closing fence first: without one this is not front matter. */
    size_t scan = pos;
    int line = 1;
    bool closed = false;
    while (next_line(text, len, &scan, &s, &e)) {
        line++;
        if (is_fence(s, e, "---") || is_fence(s, e, "...")) {
            closed = true;
            break;
        }
    }
    if (!closed) {
        diag_error(d, file, 1, MSG_ERR_FM_UNCLOSED);
        f->body_offset = first;
        f->body_line = 1;
        return false;
    }

    f->present = true;
    line = 1;
    while (next_line(text, len, &pos, &s, &e)) {
        line++;
        if (is_fence(s, e, "---") || is_fence(s, e, "..."))
            break;
        const char *t = trim_left(s, e);
        if (t == e || *t == '#')
            continue;
        const char *k = s;
        while (k < e && is_key_char(*k))
            k++;
        const char *colon = trim_left(k, e);
        if (k == s || colon >= e || *colon != ':' ||
            (colon + 1 < e && colon[1] != ' ' && colon[1] != '\t')) {
            char shown[200];
            snprintf(shown, sizeof shown, "%.*s", (int)MG_MIN(e - s, 160), s);
            diag_error(d, file, line, MSG_ERR_FM_SYNTAX, shown);
            ok = false;
            continue;
        }
        char *key = xstrndup(s, (size_t)(k - s));
        const char *v = trim_left(colon + 1, e);
        const char *ve = trim_right(v, e);
        bool bad;
        char *value = unquote(v, ve, &bad);
        if (bad) {
            diag_error(d, file, line, MSG_ERR_FM_QUOTE, key);
            free(key);
            ok = false;
            continue;
        }
        if (fm_get(f, key)) {
            diag_error(d, file, line, MSG_ERR_FM_DUP, key);
            free(key);
            free(value);
            ok = false;
            continue;
        }
        vec_reserve((void **)&f->items, &f->cap, f->n + 1, sizeof(fm_pair));
        f->items[f->n++] = (fm_pair){.key = key, .value = value, .line = line};
    }
    f->body_offset = pos;
    f->body_line = line + 1;
    return ok;
}

const char *fm_get(const fm *f, const char *key)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->items[i].key, key) == 0)
            return f->items[i].value;
    return NULL;
}

int fm_line(const fm *f, const char *key)
{
    for (size_t i = 0; i < f->n; i++)
        if (strcmp(f->items[i].key, key) == 0)
            return f->items[i].line;
    return 0;
}

void fm_check_keys(const fm *f, const char *const *known, size_t n, const char *file,
                   diag_list *d)
{
    for (size_t k = 0; k < f->n; k++) {
        bool ok = false;
        for (size_t j = 0; j < n && !ok; j++)
            ok = strcmp(f->items[k].key, known[j]) == 0;
        if (!ok)
            diag_warn(d, file, f->items[k].line, MSG_WARN_FM_UNKNOWN, f->items[k].key);
    }
}
