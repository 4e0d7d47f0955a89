/*
 * content.c - content folder lookup and validation (see content.h).
 */
#include "content.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "deck.h"
#include "slidelay.h"
#include "doc.h"
#include "guide.h"
#include "referrals.h"
#include "terms.h"
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

static void check_decks(const char *dir, diag_list *d, int *files)
{
    char *sdir = path_join(dir, "slides");
    size_t n;
    char **names = dir_list(sdir, ".md", &n);
    for (size_t i = 0; names && i < n; i++) {
        char *path = path_join(sdir, names[i]);
        deck *k = deck_load(path, d);
        (*files)++;
        if (k) {
            doc_check_images(k->doc, d);
            slay_check(k, d);
        }
        deck_free(k);
        free(path);
    }
    strv_free(names, n);
    free(sdir);
}

void content_check(const char *dir, diag_list *d, int *files)
{
    *files = 0;
    char *gdir = path_join(dir, "assets/guidebook");
    guide g;
    guide_load_dir(&g, gdir, d);
    *files += (int)g.n;
    guide_fini(&g);
    free(gdir);
    check_decks(dir, d, files);
    char *refs = path_join(dir, "assets/referrals.ini");
    ref_list l;
    ref_load(&l, refs, d);
    *files += 1;
    ref_fini(&l);
    free(refs);
    terms_check_content(dir, d, files);
}
