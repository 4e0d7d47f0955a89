/*
 * settings.c - the kiosk's settings file (see settings.h), read with inih.
 */
#include "settings.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

typedef struct loading {
    settings *s;
    diag_list *diags;
    const char *path;
    FILE *f;
    int line; /* the line inih read last: the one a handler call is about */
    bool defaults; /* assets/desk.ini: [desk] keys are desk.c's to check */
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

static void set_string(char **slot, const char *value)
{
    free(*slot);
    *slot = *value ? xstrdup(value) : NULL;
}

/* value as a whole number from lo to hi; otherwise reported, and cur. */
static long number(loading *l, const char *section, const char *name, const char *value, long lo,
                   long hi, long cur)
{
    char *end;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (!*value || *end || errno || v < lo || v > hi) {
        if (l->diags)
            diag_error(l->diags, l->path, l->line, MSG_ERR_SETTING_NUMBER, section, name, value,
                       (int)lo, (int)hi);
        return cur;
    }
    return v;
}

static int on_setting(void *user, const char *section, const char *name, const char *value)
{
    loading *l = user;
    settings *s = l->s;
    bool known = true;
    if (!strcmp(section, "desk")) {
        if (!strcmp(name, "name"))
            set_string(&s->name, value);
        else if (!strcmp(name, "portal"))
            set_string(&s->portal, value);
        else if (!strcmp(name, "guidebook"))
            set_string(&s->guidebook, value);
        else
            known = false; /* (desk.c reports those of desk.ini) */
    } else if (!strcmp(section, "kiosk")) {
        if (!strcmp(name, "idle"))
            s->idle_s = (unsigned)number(l, section, name, value, 10, 86400, s->idle_s);
        else if (!strcmp(name, "attract")) /* 0: no attract loop */
            s->attract_s = (unsigned)number(l, section, name, value, 0, 86400, s->attract_s);
        else if (!strcmp(name, "attract_cycle"))
            s->attract_cycle_s = (unsigned)number(l, section, name, value, 2, 600, s->attract_cycle_s);
        else if (!strcmp(name, "attract_decks"))
            set_string(&s->attract_decks, value);
        else if (!strcmp(name, "language")) {
            int lang = msg_lang_parse(value);
            if (lang < 0 && *value && l->diags)
                diag_error(l->diags, l->path, l->line, MSG_ERR_SETTING_VALUE, section, name, value,
                           "ja, en");
            else if (lang >= 0)
                s->lang = lang;
        } else if (!strcmp(name, "display"))
            s->display = (int)number(l, section, name, value, 0, 63, s->display);
        else if (!strcmp(name, "kiosk_id"))
            set_string(&s->kiosk_id, value);
        else
            known = false;
    } else if (!strcmp(section, "print")) {
        if (!strcmp(name, "printer"))
            set_string(&s->printer, value);
        else if (!strcmp(name, "copies"))
            s->copies = (int)number(l, section, name, value, 1, 20, s->copies);
        else
            known = false;
    } else {
        known = false;
    }
    if (!known && l->diags && !(l->defaults && !strcmp(section, "desk")))
        diag_warn(l->diags, l->path, l->line, MSG_ERR_DESK_KEY, section, name);
    return 1;
}

/* Read one file; false when it could not be opened. */
static bool read_settings(settings *s, const char *path, bool defaults, diag_list *diags)
{
    loading l = {s, diags, path, fopen(path, "r"), 0, defaults};
    if (!l.f)
        return false;
    int bad = ini_parse_stream(read_line, &l, on_setting, &l);
    fclose(l.f);
    if (bad > 0 && diags && !defaults) /* desk.c reports desk.ini's */
        diag_error(diags, path, bad, MSG_ERR_REF_SYNTAX);
    return true;
}

char *settings_default_path(void)
{
    const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    char *base = x && *x ? xstrdup(x) : home ? path_join(home, ".config") : xstrdup(".");
    char *p = path_join(base, "madoguchi/madoguchi.ini");
    free(base);
    return p;
}

void settings_load(settings *s, const char *content_dir, const char *config, diag_list *diags)
{
    memset(s, 0, sizeof *s);
    s->idle_s = 90;
    s->attract_s = 180;
    s->attract_cycle_s = 7;
    s->lang = -1;
    s->display = -1;
    s->copies = 1;
    if (content_dir) {
        char *defaults = path_join(content_dir, "assets/desk.ini");
        read_settings(s, defaults, true, diags);
        free(defaults);
    }
    char *path = config ? xstrdup(config) : settings_default_path();
    if (read_settings(s, path, false, diags))
        s->path = path;
    else {
        if (config && diags) /* asked for by name: say it is not there */
            diag_error(diags, path, 0, MSG_ERR_SETTINGS_OPEN, strerror(errno));
        free(path);
    }
}

void settings_fini(settings *s)
{
    if (!s)
        return;
    free(s->name);
    free(s->portal);
    free(s->guidebook);
    free(s->attract_decks);
    free(s->kiosk_id);
    free(s->printer);
    free(s->path);
    memset(s, 0, sizeof *s);
}
