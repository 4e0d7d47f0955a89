/*
 * palette.h - every colour Madoguchi paints with, once: a public agency's
 * print (white, deep blue, high contrast) for the visitor screens and the
 * paper handouts, the staff and presenter screens' darker colours, and
 * what the layout's colour roles (lay_color) are painted in.
 *
 * Plain RGB, no SDL and no libharu: the screen painter turns a role into
 * an SDL_Color (screen/theme), the paper painter into a PDF fill
 * (paper/pdf).  Views name roles, never numbers, so a change of colour is
 * one line here and the same on screen and on paper.
 *
 * Slide themes (core/slidelay) are the decks' own colours, not these.
 *
 * Depends on: core/layout (the colour roles).
 */
#ifndef MG_PALETTE_H
#define MG_PALETTE_H

#include <stdint.h>

#include "layout.h"

typedef struct pal_rgb {
    uint8_t r, g, b;
} pal_rgb;

typedef enum pal_role {
    /* the visitor screens and paper */
    PAL_BG,           /* the page behind everything */
    PAL_TEXT,
    PAL_MUTED,        /* secondary text */
    PAL_HEADER_BG,    /* title bars, headings */
    PAL_HEADER_TEXT,
    PAL_ACCENT,       /* buttons, links, markers */
    PAL_ACCENT_TEXT,
    PAL_TILE_BG,      /* tiles, fields, the reading area, white paper */
    PAL_TILE_BORDER,  /* frames, rules */
    PAL_FOCUS,        /* the keyboard focus, secondary buttons */
    PAL_LINK,
    PAL_CODE_BG,
    PAL_QUOTE_BG,
    PAL_TABLE_BORDER,
    PAL_TABLE_HEAD_BG, /* also a pressed row */
    PAL_PLACEHOLDER,
    PAL_ERROR,        /* what went wrong (a refused save, a wrong PIN) */
    PAL_HIGHLIGHT,    /* a search term marked in the text */
    PAL_SELECTION,    /* selected text in a field */
    PAL_STAFF_BAR,    /* the staff screens' title bar: not the visitors' blue */
    /* slides and the presenter's console */
    PAL_BLACK,
    PAL_WHITE,
    PAL_OVERVIEW_BG,  /* behind the grid of slides */
    PAL_LETTERBOX,    /* around a slide of another aspect */
    PAL_CONSOLE_BG,
    PAL_CONSOLE_PANEL,
    PAL_CONSOLE_TEXT,
    PAL_CONSOLE_MUTED,
    PAL_PACE_OK,      /* the presenter's timer: on time */
    PAL_PACE_BEHIND,  /* behind the slides' share of the time; paused */
    PAL_PACE_OVER,    /* the time is up */
    PAL_CONSOLE_ALERT, /* the Esc warning */
    PAL_POINTER,      /* the presenter's pointer dot on the projector */
    /* paper only */
    PAL_PAPER_FRAME,  /* a picture that could not be read */
    PAL_PAPER_FOOT,   /* page numbers and the footer line */
    PAL_COUNT
} pal_role;

/* The colour of a role. */
pal_rgb pal_color(pal_role role);
/* The same as 0xRRGGBB (the paper painter's form). */
uint32_t pal_hex(pal_role role);
/* The role a layout colour is painted in (LAY_C_HEADING: PAL_HEADER_BG...). */
pal_role pal_lay_role(lay_color c);

#endif
