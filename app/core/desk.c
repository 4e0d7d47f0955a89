/*
 * desk.c - the desk's settings file (see desk.h), read with inih.
 */
#include "desk.h"

#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct loading {
    desk *d;
    diag_list *diags;
    const char *path;
    FILE *f;
    int line; /* the line inih read last: the one a handler call is about */
} loading;

/* inih reads through this one line at a time, so we know which line a
 * setting is on (Debian's inih does not pass line numbers to handlers). */
static char *read_line(char *buf, int size, void *stream)
{
    loading *l = stream;
    char *r = fgets(buf, size, l->f);
    if (r)
        l->line++;
    return r;
}

static int on_setting(void *user, const char *section, const char *name, const char *value)
{
    loading *l = user;
    char **slot = NULL;
    if (!strcmp(section, "desk")) {
        if (!strcmp(name, "portal"))
            slot = &l->d->portal;
        else if (!strcmp(name, "phone"))
            slot = &l->d->phone;
        else if (!strcmp(name, "hours"))
            slot = &l->d->hours;
        else if (!strcmp(name, "guidebook"))
            slot = &l->d->guidebook;
        else if (l->diags)
            diag_warn(l->diags, l->path, l->line, MSG_ERR_DESK_KEY, section, name);
    }
    /* [kiosk] and [print] belong to the kiosk settings, read elsewhere. */
    if (slot) {
        free(*slot);
        *slot = *value ? xstrdup(value) : NULL;
    }
    return 1;
}

void desk_load(desk *d, const char *content_dir, diag_list *diags)
{
    memset(d, 0, sizeof *d);
    char *path = path_join(content_dir, "assets/desk.ini");
    loading l = {d, diags, path, fopen(path, "r"), 0};
    if (l.f) {
        int bad = ini_parse_stream(read_line, &l, on_setting, &l);
        fclose(l.f);
        if (bad > 0 && diags)
            diag_error(diags, path, bad, MSG_ERR_REF_SYNTAX);
    }
    if (d->guidebook && d->guidebook[0] != '/') {
        char *assets = path_join(content_dir, "assets");
        char *full = path_join(assets, d->guidebook);
        free(assets);
        free(d->guidebook);
        d->guidebook = full;
    }
    free(path);
}

void desk_fini(desk *d)
{
    if (!d)
        return;
    free(d->portal);
    free(d->phone);
    free(d->hours);
    free(d->guidebook);
    memset(d, 0, sizeof *d);
}
