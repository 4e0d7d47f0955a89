/*
 * palette.c - the colour table (see palette.h).
 */
#include "palette.h"

#define HEX(v) {(uint8_t)((v) >> 16), (uint8_t)((v) >> 8), (uint8_t)(v)}

static const pal_rgb colors[PAL_COUNT] = {
    [PAL_BG] = HEX(0xF3F6FA),
    [PAL_TEXT] = HEX(0x1A1A1A),
    [PAL_MUTED] = HEX(0x4F5866),
    [PAL_HEADER_BG] = HEX(0x123E7C),
    [PAL_HEADER_TEXT] = HEX(0xFFFFFF),
    [PAL_ACCENT] = HEX(0x0B5CAD),
    [PAL_ACCENT_TEXT] = HEX(0xFFFFFF),
    [PAL_TILE_BG] = HEX(0xFFFFFF),
    [PAL_TILE_BORDER] = HEX(0xB8C4D4),
    [PAL_FOCUS] = HEX(0xE89A00),
    [PAL_LINK] = HEX(0x0B5CAD),
    [PAL_CODE_BG] = HEX(0xECEFF3),
    [PAL_QUOTE_BG] = HEX(0xE7F0FA),
    [PAL_TABLE_BORDER] = HEX(0x8E9BAD),
    [PAL_TABLE_HEAD_BG] = HEX(0xDCE7F5),
    [PAL_PLACEHOLDER] = HEX(0xE6E6E6),
    [PAL_ERROR] = HEX(0xBE281E),
    [PAL_HIGHLIGHT] = HEX(0xFFDD57),
    [PAL_SELECTION] = HEX(0xB4D2FA),
    [PAL_STAFF_BAR] = HEX(0x3C2814),
    [PAL_BLACK] = HEX(0x000000),
    [PAL_WHITE] = HEX(0xFFFFFF),
    [PAL_OVERVIEW_BG] = HEX(0x1E2228),
    [PAL_LETTERBOX] = HEX(0x14161A),
    [PAL_CONSOLE_BG] = HEX(0x1E232B),
    [PAL_CONSOLE_PANEL] = HEX(0x2A303A),
    [PAL_CONSOLE_TEXT] = HEX(0xF0F0F0),
    [PAL_CONSOLE_MUTED] = HEX(0xA0A8B4),
    [PAL_PACE_OK] = HEX(0x50C878),
    [PAL_PACE_BEHIND] = HEX(0xF0B428),
    [PAL_PACE_OVER] = HEX(0xF05046),
    [PAL_CONSOLE_ALERT] = HEX(0xC83C32),
    [PAL_POINTER] = HEX(0xE8102A),
    [PAL_PAPER_FRAME] = HEX(0x999999),
    [PAL_PAPER_FOOT] = HEX(0x555B66),
};

static const pal_role lay_roles[LAY_C_COUNT] = {
    [LAY_C_TEXT] = PAL_TEXT,
    [LAY_C_HEADING] = PAL_HEADER_BG,
    [LAY_C_LINK] = PAL_LINK,
    [LAY_C_MUTED] = PAL_MUTED,
    [LAY_C_MARKER] = PAL_ACCENT,
    [LAY_C_RULE] = PAL_TILE_BORDER,
    [LAY_C_CODE_BG] = PAL_CODE_BG,
    [LAY_C_QUOTE_BG] = PAL_QUOTE_BG,
    [LAY_C_QUOTE_BAR] = PAL_ACCENT,
    [LAY_C_TABLE_BORDER] = PAL_TABLE_BORDER,
    [LAY_C_TABLE_HEAD_BG] = PAL_TABLE_HEAD_BG,
    [LAY_C_PLACEHOLDER] = PAL_PLACEHOLDER,
    [LAY_C_PAGE] = PAL_MUTED,
};

pal_rgb pal_color(pal_role role)
{
    return role >= 0 && role < PAL_COUNT ? colors[role] : colors[PAL_TEXT];
}

uint32_t pal_hex(pal_role role)
{
    pal_rgb c = pal_color(role);
    return (uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b;
}

pal_role pal_lay_role(lay_color c)
{
    return c >= 0 && c < LAY_C_COUNT ? lay_roles[c] : PAL_TEXT;
}
