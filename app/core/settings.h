/*
 * settings.h - the kiosk's settings: one INI file read with inih.
 *
 *   [desk]   name, portal, guidebook     (the content's assets/desk.ini
 *                                         gives the defaults: desk.h)
 *   [kiosk]  idle = 90                   seconds untouched before home
 *            attract = 180               seconds untouched before the loop
 *            attract_cycle = 7           seconds per picture of the loop
 *            attract_decks = a.md, b.md  the decks the loop shows (all)
 *            language = ja | en
 *            display = 0                 the display index
 *            kiosk_id = …                a name for this kiosk in the log
 *   [print]  printer = NAME              a CUPS queue (the default one)
 *            copies = 1
 *
 * The defaults are read first from content_dir/assets/desk.ini (its
 * [kiosk] and [print] sections too), then the staff's file overrides them:
 * --config FILE, or $XDG_CONFIG_HOME/madoguchi/madoguchi.ini (a missing
 * default file is no problem; a missing --config file is reported).  A bad
 * value or an unknown key is reported with its file and line, and the
 * default is used.
 *
 * Depends on: inih, diag, util.
 */
#ifndef MG_SETTINGS_H
#define MG_SETTINGS_H

#include <stdbool.h>

#include "diag.h"

typedef struct settings {
    /* [desk] (heap strings, NULL when not set) */
    char *name, *portal, *guidebook;
    /* [kiosk] */
    unsigned idle_s, attract_s, attract_cycle_s;
    char *attract_decks;
    int lang;    /* a msg_lang, or -1: not set */
    int display; /* -1: not set */
    char *kiosk_id;
    /* [print] */
    char *printer;
    int copies;
    /* The staff's file that was read (heap), or NULL when none was. */
    char *path;
} settings;

/* $XDG_CONFIG_HOME/madoguchi/madoguchi.ini (or ~/.config/…), heap. */
char *settings_default_path(void);

/*
 * Fill s (caller storage, zeroed here) with the defaults, then
 * content_dir/assets/desk.ini (content_dir may be NULL), then config (NULL:
 * the default path).  Problems go to diags as file:line.  Never fails:
 * what cannot be used is left at its default.
 */
void settings_load(settings *s, const char *content_dir, const char *config, diag_list *diags);
/* settings_fini(NULL) is a no-op. */
void settings_fini(settings *s);

#endif
