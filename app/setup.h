/*
 * setup.h - `madoguchi setup` (setup.c): the kiosk set up in a terminal.
 *
 * Depends on: core, paper, SDL (the display list).
 */
#ifndef MG_SETUP_H
#define MG_SETUP_H

#include "core/msg.h"

typedef struct setup_opts {
    const char *db;          /* --db, NULL: the default database */
    const char *config;      /* --config, NULL: the XDG settings file */
    const char *content_dir; /* the content folder (found) */
    msg_lang lang;
} setup_opts;

/* Ask the questions on stdin/stdout, write the settings, check the
 * content.  0 when the kiosk is ready (a PIN, settings written, content
 * without errors), 1 when something is missing (said), 2 when the
 * database cannot be opened. */
int setup_run(const setup_opts *o);

#endif
