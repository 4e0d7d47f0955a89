/*
 * content.c - the content handle: lookup and loading (see content.h).
 */
#include "content.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "deck.h"
#include "doc.h"
#include "slidelay.h"
#include "util.h"

#ifndef MG_SOURCE_DIR
#define MG_SOURCE_DIR ""
#endif
#ifndef MG_DATA_DIR
#define MG_DATA_DIR "/usr/local/share/madoguchi"
#endif

static bool has_assets(const char *dir)
{
    char *p = path_join(dir, "assets");
    struct stat st;
    bool ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok;
}

char *content_find_dir(const char *override)
{
    if (override && *override)
        return has_assets(override) ? xstrdup(override) : NULL;
    const char *env = getenv("MADOGUCHI_CONTENT");
    if (env && *env && has_assets(env))
        return xstrdup(env);
    if (*MG_SOURCE_DIR && has_assets(MG_SOURCE_DIR))
        return xstrdup(MG_SOURCE_DIR);
    if (has_assets(MG_DATA_DIR))
        return xstrdup(MG_DATA_DIR);
    return NULL;
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
        if (k && (flags & CONTENT_CHECK)) {
            doc_check_images(k->doc, &c->diags);
            slay_check(k, &c->diags);
        }
        if (k && k->n) {
            vec_reserve((void **)&c->decks, &cap, c->ndecks + 1, sizeof *c->decks);
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

content *content_open(const char *dir, const char *epub, msg_lang lang, unsigned flags)
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
    const char *book = epub ? epub : c->desk.guidebook;
    size_t chapters = 0;
    if (book) {
        chapters = guide_load_epub(&c->guide, book, &c->diags);
        if (!chapters && !epub)
            guide_fini(&c->guide);
    }
    if (!book || (!chapters && !epub)) {
        guide_load(&c->guide, dir, NULL, &c->diags);
    } else if (flags & CONTENT_CHECK) {
        /* The bundled chapters are still content staff edit and ship. */
        guide bundled;
        c->files += (int)guide_load(&bundled, dir, NULL, &c->diags);
        guide_fini(&bundled);
    }
    c->files += (int)c->guide.n;

    load_decks(c, flags);

    char *refs = path_join(dir, "assets/referrals.ini");
    ref_load(&c->refs, refs, &c->diags);
    c->files++;
    free(refs);

    load_selfcheck_faq(c);
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
