/*
 * guide.c - loading the bundled guidebook (see guide.h).
 */
#include "guide.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "epub.h"
#include "pic.h"
#include "util.h"

static int cmp_chapter(const void *a, const void *b)
{
    const guide_chapter *x = a, *y = b;
    if (x->order != y->order)
        return x->order < y->order ? -1 : 1;
    return strcmp(x->path, y->path);
}

static void split_keywords(guide_chapter *c, const char *v)
{
    while (v && *v) {
        /* Accept ASCII and Japanese commas (、，) as separators. */
        const char *end = v;
        size_t skip = 0;
        while (*end) {
            if (*end == ',') {
                skip = 1;
                break;
            }
            if (strncmp(end, "\xE3\x80\x81", 3) == 0 || strncmp(end, "\xEF\xBC\x8C", 3) == 0) {
                skip = 3;
                break;
            }
            end++;
        }
        const char *s = v, *e = end;
        while (s < e && (*s == ' ' || *s == '\t'))
            s++;
        while (e > s && (e[-1] == ' ' || e[-1] == '\t'))
            e--;
        if (e > s) {
            c->keywords = xrealloc(c->keywords, (c->nkeywords + 1) * sizeof(char *));
            c->keywords[c->nkeywords++] = xstrndup(s, (size_t)(e - s));
        }
        v = *end ? end + skip : end;
    }
}

static const char *const known_keys[] = {"title", "order", "keywords"};

size_t guide_load_dir(guide *g, const char *dir, diag_list *d)
{
    memset(g, 0, sizeof *g);
    size_t nn;
    char **names = dir_list(dir, ".md", &nn);
    if (!names) {
        diag_error(d, dir, 0, MSG_ERR_READ, strerror(errno));
        return 0;
    }
    if (nn == 0)
        diag_error(d, dir, 0, MSG_ERR_EMPTY_DIR, dir);

    g->ch = xcalloc(nn ? nn : 1, sizeof(guide_chapter));
    for (size_t i = 0; i < nn; i++) {
        char *path = path_join(dir, names[i]);
        doc_t *doc = doc_load(path, d);
        if (!doc) {
            free(path);
            continue;
        }
        guide_chapter *c = &g->ch[g->n++];
        c->path = path;
        c->doc = doc;
        const fm *f = &doc->front;
        fm_check_keys(f, known_keys, MG_ARRAY_LEN(known_keys), path, d);
        const char *title = fm_get(f, "title");
        const doc_block *h1 = doc_find_heading(doc, 1);
        if (title && *title)
            c->title = xstrdup(title);
        else {
            diag_error(d, path, f->present ? 1 : 0, MSG_ERR_FM_MISSING, "title");
            c->title = h1 ? doc_block_text(h1) : xstrdup(names[i]);
        }
        const char *order = fm_get(f, "order");
        char *end = NULL;
        long o = order ? strtol(order, &end, 10) : 0;
        if (!order) {
            diag_error(d, path, f->present ? 1 : 0, MSG_ERR_FM_MISSING, "order");
            c->order = 1000 + (int)i;
        } else if (!*order || *end) {
            diag_error(d, path, fm_line(f, "order"), MSG_ERR_FM_NUMBER, "order", order);
            c->order = 1000 + (int)i;
        } else {
            c->order = (int)o;
        }
        split_keywords(c, fm_get(f, "keywords"));
        doc_check_images(doc, d);
    }
    strv_free(names, nn);
    qsort(g->ch, g->n, sizeof(guide_chapter), cmp_chapter);
    return g->n;
}

void guide_fini(guide *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->ntoc; i++)
        free(g->toc[i].title);
    free(g->toc);
    free(g->title);
    epub_close(g->epub);
    for (size_t i = 0; i < g->n; i++) {
        guide_chapter *c = &g->ch[i];
        free(c->path);
        free(c->title);
        for (size_t k = 0; k < c->nkeywords; k++)
            free(c->keywords[k]);
        free(c->keywords);
        for (size_t k = 0; k < c->nparts; k++)
            free(c->parts[k].path);
        free(c->parts);
        doc_free(c->doc);
    }
    free(g->ch);
    memset(g, 0, sizeof *g);
}

/* The bundled book's contents: each chapter, and its ## sections under it. */
void guide_toc_from_chapters(guide *g)
{
    for (size_t i = 0; i < g->n; i++) {
        g->toc = xrealloc(g->toc, (g->ntoc + 1) * sizeof(guide_toc));
        g->toc[g->ntoc++] = (guide_toc){1, xstrdup(g->ch[i].title), (int)i, 0};
        for (const doc_block *b = g->ch[i].doc->root->first; b; b = b->next) {
            if (b->kind != DOC_HEADING || b->level != 2)
                continue;
            g->toc = xrealloc(g->toc, (g->ntoc + 1) * sizeof(guide_toc));
            g->toc[g->ntoc++] = (guide_toc){2, doc_block_text(b), (int)i, b->line};
        }
    }
}

size_t guide_load_epub(guide *g, const char *epub_path, diag_list *d)
{
    memset(g, 0, sizeof *g);
    epub *e = epub_open(epub_path, d);
    if (!e)
        return 0;
    epub_load(e, g, d);
    g->epub = e;
    return g->n;
}

size_t guide_load(guide *g, const char *content_dir, const char *epub_path, diag_list *d)
{
    if (epub_path)
        return guide_load_epub(g, epub_path, d);
    char *gdir = path_join(content_dir, "assets/guidebook");
    size_t n = guide_load_dir(g, gdir, d);
    free(gdir);
    guide_toc_from_chapters(g);
    return n;
}

void *guide_read_file(const guide *g, const char *path, size_t *len)
{
    if (strncmp(path, "epub:", 5) == 0)
        return g->epub ? epub_read(g->epub, path + 5, len) : NULL;
    return pic_read_file(path, len); /* a picture: its size is looked at first */
}

bool guide_resolve_link(const guide *g, int from_ch, const char *href, int *ch, int *line)
{
    if (!href || from_ch < 0 || (size_t)from_ch >= g->n)
        return false;
    const char *frag = strchr(href, '#');
    int target = from_ch, start = 0;
    char *inner = NULL;
    if (href[0] != '#') {
        /* Another document of the book (EPUB) or another chapter file.  A
         * link the book's reader resolved already ("/file#id", against the
         * file it is written in) names the file whole; a relative one is
         * taken from the chapter's first file. */
        size_t hl = frag ? (size_t)(frag - href) : strlen(href);
        inner = !g->epub         ? NULL
                : href[0] == '/' ? xstrndup(href + 1, hl - 1)
                                 : epub_resolve(g->ch[from_ch].path, href);
        target = -1;
        for (size_t i = 0; i < g->n && target < 0; i++) {
            const guide_chapter *c = &g->ch[i];
            for (size_t k = 0; inner && k < c->nparts && target < 0; k++)
                if (strcmp(c->parts[k].path, inner) == 0) {
                    target = (int)i;
                    start = k ? c->parts[k].line : 0;
                }
            const char *p = c->path;
            const char *base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
            if (!inner && target < 0 && strlen(base) == hl && strncmp(base, href, hl) == 0)
                target = (int)i;
        }
        if (target < 0) {
            free(inner);
            return false;
        }
    }
    *ch = target;
    *line = start;
    if (frag && frag[1]) {
        /* file#id names the file's own element; #id alone the first of that id */
        int l = -1;
        if (inner) {
            strbuf k;
            strbuf_init(&k);
            strbuf_printf(&k, "%s#%s", inner, frag + 1);
            l = doc_anchor_line(g->ch[target].doc, k.s);
            strbuf_fini(&k);
        }
        if (l < 0)
            l = doc_anchor_line(g->ch[target].doc, frag + 1);
        if (l > 0)
            *line = l;
    }
    free(inner);
    return true;
}
