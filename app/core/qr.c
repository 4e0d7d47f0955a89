/*
 * qr.c - QR codes and web addresses, laid out (see qr.h).
 */
#include "qr.h"

#include <limits.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

static QRcode *encode(const char *text)
{
    if (!text || !*text)
        return NULL;
    /* Level M: a smudged print or a glare on the screen still reads. */
    return QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
}

int qr_modules(const char *text)
{
    QRcode *q = encode(text);
    int n = q ? q->width + 2 * QR_QUIET : 0;
    QRcode_free(q);
    return n;
}

int qr_lay(lay_result *r, const char *text, int x, int y, int size, lay_color dark)
{
    QRcode *q = encode(text);
    if (!q)
        return 0;
    int n = q->width, across = n + 2 * QR_QUIET, cell = size / across;
    if (cell < 1) {
        QRcode_free(q);
        return 0;
    }
    int used = cell * across;
    int ox = x + (size - used) / 2 + QR_QUIET * cell, oy = y + (size - used) / 2 + QR_QUIET * cell;
    /* A run of dark modules in a row is one box: fewer items to paint. */
    for (int row = 0; row < n; row++)
        for (int col = 0; col < n;) {
            if (!(q->data[row * n + col] & 1)) {
                col++;
                continue;
            }
            int end = col;
            while (end < n && (q->data[row * n + end] & 1))
                end++;
            lay_rect(r, ox + col * cell, oy + row * cell, (end - col) * cell, cell, dark);
            col = end;
        }
    QRcode_free(q);
    return used;
}

/* Width of s[0..n) at size. */
static int width_of(const lay_ctx *c, const char *s, size_t n, int size, unsigned style)
{
    return c->m->text_width(c->m->ctx, s, n, size, style);
}

/* One line that is never broken (its width given as far wider than it). */
static int one_line(lay_result *r, const lay_ctx *c, const char *s, size_t n, int x, int y,
                    int size, unsigned style, lay_color color)
{
    char *t = xstrndup(s, n);
    int h = lay_text(r, c, t, x, y, INT_MAX / 4, size, style, color, DOC_ALIGN_LEFT);
    free(t);
    return h;
}

int qr_lay_url(lay_result *r, const lay_ctx *c, const char *label, const char *url, int x, int y,
               int width, int size, unsigned style, lay_color color)
{
    if (!url || !*url)
        return 0;
    int y0 = y;
    size_t n = strlen(url);
    char *whole = NULL;
    if (label && *label) {
        size_t ln = strlen(label);
        whole = xmalloc(ln + 1 + n + 1);
        snprintf(whole, ln + 1 + n + 1, "%s %s", label, url);
        if (width_of(c, whole, strlen(whole), size, style) <= width) {
            y += one_line(r, c, whole, strlen(whole), x, y, size, style, color);
            free(whole);
            return y - y0;
        }
        free(whole);
        y += one_line(r, c, label, ln, x, y, size, style, color);
    }
    /* Greedy: as many '/'-ended pieces on a line as fit.  The first piece
     * is the scheme and the host ("https://www.example.jp/"), whole. */
    const char *scheme = strstr(url, "://");
    size_t host = scheme ? (size_t)(scheme - url) + 3 : 0;
    size_t start = 0;
    while (start < n) {
        size_t end = start, fit = 0;
        while (end < n) {
            size_t from = end < host ? host : end;
            const char *slash = from < n ? memchr(url + from, '/', n - from) : NULL;
            size_t next = slash ? (size_t)(slash - url) + 1 : n;
            if (width_of(c, url + start, next - start, size, style) > width && fit)
                break;
            fit = next;
            end = next;
        }
        /* One piece wider than the line: set smaller until it fits. */
        int s = size;
        while (s > size / 2 && width_of(c, url + start, fit - start, s, style) > width)
            s = s * 9 / 10;
        y += one_line(r, c, url + start, fit - start, x, y, s, style, color);
        start = fit;
    }
    return y - y0;
}

int qr_url_min_width(const lay_ctx *c, const char *url, int size, unsigned style)
{
    if (!url)
        return 0;
    const char *scheme = strstr(url, "://");
    size_t n = strlen(url), start = 0, host = scheme ? (size_t)(scheme - url) + 3 : 0;
    int widest = 0;
    while (start < n) {
        size_t from = start < host ? host : start;
        const char *slash = from < n ? memchr(url + from, '/', n - from) : NULL;
        size_t next = slash ? (size_t)(slash - url) + 1 : n;
        widest = MG_MAX(widest, width_of(c, url + start, next - start, size, style));
        start = next;
    }
    return widest;
}
