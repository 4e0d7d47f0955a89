/*
 * content.c - content folder lookup and validation (see content.h).
 */
#include "content.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "doc.h"
#include "guide.h"
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

/* Keys Marp decks may carry in their front matter (issue: decks). */
static const char *const deck_keys[] = {
    "marp",   "theme",  "size",   "paginate",        "header", "footer", "title",
    "author", "description", "class", "backgroundColor", "color",  "lang",
};

static void check_decks(const char *dir, diag_list *d, int *files)
{
    char *sdir = path_join(dir, "slides");
    DIR *dh = opendir(sdir);
    if (!dh) {
        free(sdir);
        return;
    }
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l < 4 || strcmp(de->d_name + l - 3, ".md") != 0)
            continue;
        char *path = path_join(sdir, de->d_name);
        doc_t *doc = doc_load(path, d);
        (*files)++;
        if (doc) {
            const fm *f = &doc->front;
            for (size_t k = 0; k < f->n; k++) {
                bool known = false;
                for (size_t j = 0; j < MG_ARRAY_LEN(deck_keys); j++)
                    known |= strcmp(f->items[k].key, deck_keys[j]) == 0;
                if (!known)
                    diag_warn(d, path, f->items[k].line, MSG_WARN_FM_UNKNOWN, f->items[k].key);
            }
            doc_check_images(doc, d);
        }
        doc_free(doc);
        free(path);
    }
    closedir(dh);
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
}
