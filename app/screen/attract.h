/*
 * attract.h - the kiosk at rest (attract.c): the attract loop view and
 * attract_install, how main.c wires it into a kiosk (the deadline after
 * app->attract_ms untouched).
 *
 * Depends on: ui, slides.
 */
#ifndef MG_ATTRACT_H
#define MG_ATTRACT_H

#include "ui.h"

/* Slides and guidebook highlights in turn; any touch goes home.  Opened
 * with NULL (from the first picture) or ARGS_DECK, whose deck is the
 * number of the picture to start at, from 0 (screenshots, tests). */
extern const ui_view_ops attract_view;

/* Add the attract deadline to app (app->attract_ms, 0: the default of
 * 3 minutes).  main.c calls it after ui_init; without it there is no
 * attract loop. */
void attract_install(ui_app *app);

/* True when there is something to show (a deck's slide or a chapter). */
bool attract_available(const ui_app *app);

/* What the loop on top shows (tests); false if it is not on top. */
typedef struct attract_info {
    int cur, n; /* the item and how many there are */
    int deck;   /* the item's deck (index in app->decks), or -1: a chapter */
    int index;  /* slide or chapter */
} attract_info;
bool attract_state(const ui_app *app, attract_info *out);

#endif
