/*
 * contentdir.c - which content folder to use (see content.h), apart from
 * the rest of content.c so a program can find the folder without linking
 * every reader of what is in it (the search front, app/front.c).
 */
#include "content.h"

#include <stdlib.h>
#include <sys/stat.h>

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
