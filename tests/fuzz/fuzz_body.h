/*
 * fuzz_body.h - what one fuzz input goes through: parse as a document
 * (front matter + Markdown), lay out at two widths with fake metrics, and
 * check the invariants every layout must keep.  Shared by the libFuzzer
 * target and the seeded ctest.
 */
#ifndef MG_FUZZ_BODY_H
#define MG_FUZZ_BODY_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../app/core/doc.h"
#include "../../app/core/layout.h"

static inline int fz_width(void *c, const char *s, size_t n, int size, unsigned st)
{
    (void)c;
    (void)st;
    int w = 0;
    size_t i = 0;
    while (i < n)
        w += cp_is_wide(utf8_next(s, n, &i)) ? size : size / 2;
    return w;
}
static inline int fz_ascent(void *c, int size)
{
    (void)c;
    return size * 4 / 5;
}
static inline int fz_height(void *c, int size)
{
    (void)c;
    return size;
}
static inline bool fz_image(void *c, const char *p, int *w, int *h)
{
    (void)c;
    size_t n = strlen(p);
    *w = (int)(n * 37 % 3000) + 1;
    *h = (int)(n * 91 % 2000) + 1;
    return n % 3 != 0;
}

/* Returns the number of broken invariants (0 when all is well). */
static inline int fuzz_one(const char *data, size_t size, lb *l)
{
    static const lay_metrics m = {NULL, fz_width, fz_ascent, fz_height, fz_image};
    diag_list d;
    diag_init(&d, LANG_EN);
    doc_t *doc = doc_parse(data, size, "fuzz.md", &d);
    int bad = 0;
    for (int width = 120; width <= 600; width += 480) {
        lay_result r;
        lay_init(&r);
        lay_ctx c = {&m, l};
        lay_opts o = {.width = width, .base_size = 10, .max_image_h = 400};
        lay_doc(&r, &c, doc, &o);
        for (size_t i = 0; i < r.n; i++) {
            const lay_item *it = &r.items[i];
            /* Nothing starts left of the column or runs past it, except a
             * single character wider than a very narrow cell. */
            if (it->x < 0 || (it->x + it->w > width && it->kind != LAY_TEXT))
                bad++;
            if (it->kind == LAY_TEXT && it->x + it->w > width && utf8_count(it->text, it->len) > 1)
                bad++;
            if (it->h < 0 || it->w < 0)
                bad++;
        }
        /* No two texts overlap: a cell's text that ran past its column
         * would lie over the next cell's (small inputs: pairs are cheap). */
        for (size_t i = 0; r.n <= 4000 && i < r.n; i++) {
            const lay_item *a = &r.items[i];
            for (size_t j = i + 1; a->kind == LAY_TEXT && j < r.n; j++) {
                const lay_item *b = &r.items[j];
                if (b->kind == LAY_TEXT && a->w > 0 && b->w > 0 && a->x < b->x + b->w &&
                    b->x < a->x + a->w && a->y < b->y + b->h && b->y < a->y + a->h)
                    bad++;
            }
        }
        lay_fini(&r);
    }
    doc_free(doc);
    diag_fini(&d);
    return bad;
}

#endif
