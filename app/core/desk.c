/*
 * desk.c - the desk's settings file (see desk.h), read with inih.
 */
#include "desk.h"

#include <ini.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct want {
    const char *key;
    char *value;
} want;

static int on_key(void *user, const char *section, const char *name, const char *value)
{
    want *w = user;
    if (!strcmp(section, "desk") && !strcmp(name, w->key) && *value) {
        free(w->value);
        w->value = xstrdup(value);
    }
    return 1;
}

char *desk_get(const char *content_dir, const char *key)
{
    char *path = path_join(content_dir, "assets/desk.ini");
    want w = {key, NULL};
    ini_parse(path, on_key, &w);
    free(path);
    return w.value;
}

char *desk_guidebook(const char *content_dir)
{
    char *name = desk_get(content_dir, "guidebook");
    if (!name)
        return NULL;
    char *assets = path_join(content_dir, "assets");
    char *path = path_join(assets, name);
    free(assets);
    free(name);
    return path;
}
