/*
 * ftsq.c - full-text query building (see ftsq.h).
 */
#include "ftsq.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The pattern for a LIKE ... ESCAPE '\' that finds term anywhere. */
static char *like_pattern(const char *term)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_addc(&b, '%');
    for (; *term; term++) {
        if (*term == '%' || *term == '_' || *term == '\\')
            strbuf_addc(&b, '\\');
        strbuf_addc(&b, *term);
    }
    strbuf_addc(&b, '%');
    return strbuf_take(&b);
}

void ftsq_init(ftsq *q, const char *words)
{
    memset(q, 0, sizeof *q);
    strbuf match;
    strbuf_init(&match);
    const char *p = words ? words : "";
    while (*p && q->nterms < FTSQ_MAX) {
        while (*p == ' ' || *p == '\t')
            p++;
        const char *e = p;
        while (*e && *e != ' ' && *e != '\t')
            e++;
        if (e == p)
            break;
        char *t = xstrndup(p, (size_t)(e - p));
        p = e;
        size_t i = q->nterms++;
        q->terms[i] = t;
        if (utf8_count(t, strlen(t)) >= 3) {
            if (match.len)
                strbuf_adds(&match, " AND ");
            strbuf_addc(&match, '"'); /* a phrase: no FTS5 syntax inside */
            for (const char *c = t; *c; c++) {
                if (*c == '"')
                    strbuf_addc(&match, '"');
                strbuf_addc(&match, *c);
            }
            strbuf_addc(&match, '"');
        } else {
            q->like_term[q->nlike] = i;
            q->like[q->nlike++] = like_pattern(t);
        }
    }
    q->match = match.len ? strbuf_take(&match) : NULL;
    strbuf_fini(&match);
}

void ftsq_fini(ftsq *q)
{
    if (!q)
        return;
    for (size_t i = 0; i < q->nterms; i++)
        free(q->terms[i]);
    for (size_t i = 0; i < q->nlike; i++)
        free(q->like[i]);
    free(q->match);
    memset(q, 0, sizeof *q);
}
