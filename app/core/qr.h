/*
 * qr.h - a web address a visitor can take away: its QR code, and the
 * address itself laid out so that it stays readable, for the screen and
 * the paper alike.
 *
 * The QR code is encoded once (libqrencode) and laid out as filled boxes
 * of the layout output, so both painters draw the same modules with no
 * code of their own: a code on the kiosk's screen and the one on the
 * handout are the same picture.  A web address is kept whole on one line
 * when it fits, and otherwise broken only after a '/', never inside a
 * word; a piece longer than the line is set smaller until it fits.
 *
 * Depends on: libqrencode, layout.
 */
#ifndef MG_QR_H
#define MG_QR_H

#include <stdbool.h>

#include "layout.h"

/* Modules across the code for text with the quiet zone qr_lay leaves (a
 * margin of QR_QUIET modules each side), or 0 when it cannot be encoded. */
#define QR_QUIET 2
int qr_modules(const char *text);

/*
 * Append text's QR code to r as boxes of colour dark, inside the square
 * at (x, y) of side size, quiet zone included.  Each module is a whole
 * number of units (crisp on screen), so the code may be a little smaller
 * than size; it is centred in the square.  Returns the side used, or 0
 * (and nothing appended) when text is empty, cannot be encoded, or size
 * leaves less than one unit a module.
 */
int qr_lay(lay_result *r, const char *text, int x, int y, int size, lay_color dark);

/*
 * Lay out label followed by the web address url at (x, y) within width,
 * at size and colour (style bits as lay_text).  On one line when label,
 * a space and url fit; else the label alone and url on the next lines,
 * broken after a '/' only.  Returns the height used.
 */
int qr_lay_url(lay_result *r, const lay_ctx *c, const char *label, const char *url, int x, int y,
               int width, int size, unsigned style, lay_color color);

/* The widest piece of url that is never broken (the scheme and host, or a
 * part between two '/'), at size: a column narrower than that sets the
 * address smaller. */
int qr_url_min_width(const lay_ctx *c, const char *url, int size, unsigned style);

#endif
