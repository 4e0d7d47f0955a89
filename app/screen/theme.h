/*
 * theme.h - the screen's colours: the roles of core/palette as SDL
 * colours, and what each layout colour role is painted in.
 *
 * Depends on: SDL2, core/palette.
 */
#ifndef MG_THEME_H
#define MG_THEME_H

#include <SDL.h>

#include "../core/layout.h"
#include "../core/palette.h"

typedef struct ui_theme {
    SDL_Color bg, text, muted, header_bg, header_text, accent, accent_text, tile_bg, tile_border,
        focus, link;
    SDL_Color lay[LAY_C_COUNT];
} ui_theme;

/* A palette role as an opaque SDL colour. */
SDL_Color ui_color(pal_role role);
/* The visitor screens' theme, from the palette. */
ui_theme ui_default_theme(void);

#endif
