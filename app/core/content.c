/*
 * content.c - the content handle: lookup and loading (see content.h).
 */
#include "content.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "deck.h"
#include "epub.h"
#include "pic.h"
#include "doc.h"
#include "slidelay.h"
#include "terms.h"
#include "util.h"

/* content_find_dir: contentdir.c (the search front links it alone). */

#define LONG_PARA (50u << 10) /* bytes of one paragraph: more is slow to lay out */

/* Pictures and paragraph lengths of b and its children (see content_check_guide).
 * g: the book the pictures are read from, or NULL for files. */
static void check_block(const doc_t *doc, const doc_block *b, const guide *g, diag_list *d)
{
    int fl; /* the file and line of b (a chapter may join several files) */
    const char *file = doc_where(doc, b->line, &fl);
    size_t text = 0;
    for (size_t i = 0; i < b->nspans; i++) {
        const doc_span *s = &b->spans[i];
        text += s->len;
        if (s->kind != DOC_SPAN_IMAGE || !s->path)
            continue;
        bool in_book = strncmp(s->path, "epub:", 5) == 0;
        long long size = -1;
        struct stat st;
        if (in_book)
            size = g && g->epub ? epub_entry_size(g->epub, s->path + 5) : -1;
        else if (stat(s->path, &st) == 0 && S_ISREG(st.st_mode))
            size = (long long)st.st_size;
        if (size < 0) {
            if (in_book) /* a missing file is reported by doc_check_images */
                diag_error(d, file, fl, MSG_ERR_IMAGE_MISSING, s->href);
            continue;
        }
        if (size > (long long)PIC_MAX_BYTES) {
            pic_report(d, file, fl, s->href, PIC_TOO_LARGE, NULL, (size_t)size);
            continue;
        }
        size_t len = 0;
        void *bytes = g ? guide_read_file(g, s->path, &len) : pic_read_file(s->path, &len);
        pic_info info;
        pic_status ps = bytes ? pic_verify(bytes, len, &info) : PIC_TRUNCATED;
        pic_report(d, file, fl, s->href, ps, &info, len);
        free(bytes);
    }
    if (b->kind == DOC_PARA && text > LONG_PARA)
        diag_warn(d, file, fl, MSG_WARN_LONG_PARA, (int)(text >> 10));
    for (const doc_block *k = b->first; k; k = k->next)
        check_block(doc, k, g, d);
}

void content_check_guide(const guide *g, diag_list *d)
{
    for (size_t i = 0; i < g->n; i++)
        if (g->ch[i].doc) {
            check_block(g->ch[i].doc, g->ch[i].doc->root, g, d);
            doc_check_tables(g->ch[i].doc, d); /* merged cells the layout cannot honour */
        }
}

/* A file of binary data given as Markdown: a NUL byte, or more than one
 * byte in a hundred a control byte other than tab, line feed, form feed or
 * carriage return (a stray ESC in a text is escaped when printed, not
 * called binary). */
static void check_text_file(const char *path, diag_list *d)
{
    size_t len = 0, ctl = 0;
    char *b = read_file(path, &len);
    bool nul = false;
    for (size_t i = 0; b && i < len && !nul; i++) {
        unsigned char c = (unsigned char)b[i];
        nul = c == 0;
        ctl += (c < 0x20 && c != '\t' && c != '\n' && c != '\f' && c != '\r') || c == 0x7F;
    }
    if (nul || ctl * 100 > len)
        diag_error(d, path, 0, MSG_ERR_BINARY);
    free(b);
}

/* The decks in slides/: every one is read (and, for check, laid out to find
 * overflowing slides); those with slides are kept. */
static void load_decks(content *c, unsigned flags)
{
    char *sdir = path_join(c->dir, "slides");
    size_t n, cap = 0;
    char **names = dir_list(sdir, ".md", &n);
    for (size_t i = 0; names && i < n; i++) {
        char *path = path_join(sdir, names[i]);
        deck *k = deck_load(path, &c->diags);
        c->files++;
        if (flags & CONTENT_CHECK)
            check_text_file(path, &c->diags);
        if (k && (flags & CONTENT_CHECK)) {
            doc_check_images(k->doc, &c->diags);
            check_block(k->doc, k->doc->root, NULL, &c->diags);
            slay_check(k, &c->diags);
        }
        if (k && k->n) {
            /* an array of pointers: sizeof a pointer is meant */
            vec_reserve((void **)&c->decks, &cap, c->ndecks + 1,
                        sizeof *c->decks); // NOLINT(bugprone-sizeof-expression)
            c->decks[c->ndecks++] = k;
        } else {
            deck_free(k);
        }
        free(path);
    }
    strv_free(names, n);
    free(sdir);
}

/* The bundled chapters' names (file names without .md), which the
 * self-check and the FAQ point at; heap strings, strv_free them. */
static char **chapter_names(const content *c, size_t *n)
{
    char *gdir = path_join(c->dir, "assets/guidebook");
    char **names = dir_list(gdir, ".md", n);
    free(gdir);
    for (size_t i = 0; names && i < *n; i++)
        names[i][strlen(names[i]) - 3] = '\0';
    if (!names)
        *n = 0;
    return names;
}

/* The self-check and the FAQ are optional content: without their files
 * the kiosk offers none and nothing is reported; a file that is there is
 * checked (the FAQ's referral ids against the quick list just read). */
static void load_selfcheck_faq(content *c)
{
    char *sc = path_join(c->dir, "assets/selfcheck.ini");
    char *fq = path_join(c->dir, "assets/faq.ini");
    struct stat st;
    size_t nch;
    char **ch = chapter_names(c, &nch);
    if (stat(sc, &st) == 0) {
        sc_load(&c->sc, sc, (const char *const *)ch, nch, &c->diags);
        c->files++;
    }
    if (stat(fq, &st) == 0) {
        faq_load(&c->faq, fq, &c->refs, (const char *const *)ch, nch, &c->diags);
        c->files++;
    }
    strv_free(ch, nch);
    free(sc);
    free(fq);
}

content *content_open(const char *dir, const char *epub_path, msg_lang lang, unsigned flags)
{
    content *c = xcalloc(1, sizeof *c);
    diag_init(&c->diags, lang);
    if (!dir) /* no content at all: an empty handle, so callers need no NULL checks */
        return c;
    c->dir = xstrdup(dir);
    desk_load(&c->desk, dir, &c->diags);

    /* The book: an EPUB named on the command line is shown or nothing is
     * (the person asked for it); the one desk.ini names falls back to the
     * bundled chapters when it cannot be read, having said why. */
    const char *book = epub_path ? epub_path : c->desk.guidebook;
    size_t chapters = 0;
    if (book) {
        chapters = guide_load_epub(&c->guide, book, &c->diags);
        if (!chapters && !epub_path)
            guide_fini(&c->guide);
    }
    bool bundled_shown = !book || (!chapters && !epub_path);
    if (bundled_shown)
        guide_load(&c->guide, dir, NULL, &c->diags);
    c->files += (int)c->guide.n;
    if (flags & CONTENT_CHECK) {
        content_check_guide(&c->guide, &c->diags);
        /* The bundled chapters are content staff edit and ship, shown or not. */
        guide bundled, *b = &c->guide;
        if (!bundled_shown) {
            c->files += (int)guide_load(&bundled, dir, NULL, &c->diags);
            content_check_guide(&bundled, &c->diags);
            b = &bundled;
        }
        for (size_t i = 0; i < b->n; i++)
            check_text_file(b->ch[i].path, &c->diags);
        if (!bundled_shown)
            guide_fini(&bundled);
    }

    load_decks(c, flags);

    char *refs = path_join(dir, "assets/referrals.ini");
    ref_load(&c->refs, refs, &c->diags);
    c->files++;
    free(refs);

    load_selfcheck_faq(c);
    if (flags & CONTENT_CHECK) /* one voice: the term table, enforced */
        terms_check_content(dir, &c->diags, &c->files);
    return c;
}

void content_close(content *c)
{
    if (!c)
        return;
    for (size_t i = 0; i < c->ndecks; i++)
        deck_free(c->decks[i]);
    free(c->decks);
    ref_fini(&c->refs);
    sc_fini(&c->sc);
    faq_fini(&c->faq);
    guide_fini(&c->guide);
    desk_fini(&c->desk);
    diag_fini(&c->diags);
    free(c->dir);
    free(c);
}

size_t content_errors(const content *c)
{
    return diag_count(&c->diags, false);
}
