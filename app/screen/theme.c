/*
 * theme.c - the screen's colours from core/palette (see theme.h).
 */
#include "theme.h"

SDL_Color ui_color(pal_role role)
{
    pal_rgb c = pal_color(role);
    return (SDL_Color){c.r, c.g, c.b, 255};
}

ui_theme ui_default_theme(void)
{
    ui_theme t = {
        .bg = ui_color(PAL_BG),
        .text = ui_color(PAL_TEXT),
        .muted = ui_color(PAL_MUTED),
        .header_bg = ui_color(PAL_HEADER_BG),
        .header_text = ui_color(PAL_HEADER_TEXT),
        .accent = ui_color(PAL_ACCENT),
        .accent_text = ui_color(PAL_ACCENT_TEXT),
        .tile_bg = ui_color(PAL_TILE_BG),
        .tile_border = ui_color(PAL_TILE_BORDER),
        .focus = ui_color(PAL_FOCUS),
        .link = ui_color(PAL_LINK),
    };
    for (int i = 0; i < LAY_C_COUNT; i++)
        t.lay[i] = ui_color(pal_lay_role((lay_color)i));
    return t;
}
