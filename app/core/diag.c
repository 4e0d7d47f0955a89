/*
 * diag.c - content diagnostics (see diag.h).
 */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>

#include "util.h"

void diag_init(diag_list *d, msg_lang lang)
{
    d->items = NULL;
    d->n = d->cap = 0;
    d->lang = lang;
}

void diag_fini(diag_list *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].file);
        free(d->items[i].text);
    }
    free(d->items);
    d->items = NULL;
    d->n = d->cap = 0;
}

/*
 * A heap copy of s safe to print on a terminal: control bytes (C0, DEL and
 * the UTF-8 encoded C1 controls) become \xNN or \u00NN, so an ESC sequence
 * in a deck or the bytes of a binary .md named in a message cannot move the
 * cursor, retitle the window or do worse when `check` prints it.
 */
static char *escape(const char *s)
{
    strbuf b;
    strbuf_init(&b);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p < 0x20 || *p == 0x7F)
            strbuf_printf(&b, "\\x%02X", *p);
        else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F)
            strbuf_printf(&b, "\\u%04X", *++p);
        else
            strbuf_addc(&b, (char)*p);
    }
    return b.s ? strbuf_take(&b) : xstrdup("");
}

static void add(diag_list *d, const char *file, int line, bool warning, msg_id id, va_list ap)
{
    if (!d)
        return;
    vec_reserve((void **)&d->items, &d->cap, d->n + 1, sizeof(diag));
    char buf[1024];
    vsnprintf(buf, sizeof buf, msg_get(d->lang, id), ap);
    d->items[d->n++] = (diag){
        .file = escape(file ? file : "-"),
        .line = line,
        .warning = warning,
        .text = escape(buf),
    };
}

void diag_error(diag_list *d, const char *file, int line, msg_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    add(d, file, line, false, id, ap);
    va_end(ap);
}

void diag_warn(diag_list *d, const char *file, int line, msg_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    add(d, file, line, true, id, ap);
    va_end(ap);
}

size_t diag_count(const diag_list *d, bool warnings)
{
    size_t c = 0;
    for (size_t i = 0; i < d->n; i++)
        c += d->items[i].warning == warnings;
    return c;
}

void diag_format(const diag_list *d, size_t i, char *buf, size_t size)
{
    const diag *e = &d->items[i];
    const char *w = e->warning ? msg_get(d->lang, MSG_DIAG_WARNING) : NULL;
    if (e->line > 0)
        snprintf(buf, size, "%s:%d: %s%s%s", e->file, e->line, w ? w : "", w ? ": " : "", e->text);
    else
        snprintf(buf, size, "%s: %s%s%s", e->file, w ? w : "", w ? ": " : "", e->text);
}

void diag_print(const diag_list *d, FILE *out)
{
    char buf[1400];
    for (size_t i = 0; i < d->n; i++) {
        diag_format(d, i, buf, sizeof buf);
        fprintf(out, "%s\n", buf);
    }
}
