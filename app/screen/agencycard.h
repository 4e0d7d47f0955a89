/*
 * agencycard.h - an agency's card on a visitor's list: "1. name", the
 * why-line, the phone large, the hours, and on the full card (相談先) the
 * web address with its QR code, what they handle, notes and when the
 * details were last checked.  One layout for the referral, finder and FAQ
 * screens, each with its own sizes; never the staff's 要確認 marks.  And
 * the button for a chapter to read that the finder and FAQ list under
 * the cards.
 *
 * Depends on: ui (layout), core/referrals, core/qr.
 */
#ifndef MG_AGENCYCARD_H
#define MG_AGENCYCARD_H

#include "../core/referrals.h"
#include "ui.h"

/* Where a card goes and how large its lines are (screen pixels, in the
 * body's coordinates).  A size of 0 leaves that line out. */
typedef struct agency_card_style {
    int box_x, box_w; /* the tinted box */
    int tx, tw;       /* the lines' left and width */
    int pad;          /* inside the box, above the first line and below the last */
    bool bar;         /* a coloured bar down the box's left side */
    int bar_w;
    int name_px, why_px, phone_px, hours_px;
    unsigned why_style;
    lay_color hours_c;
    /* The full card: the QR code's side (0: no web address and code) and
     * the gap beside it, then the handles, notes and checked lines. */
    int qr, qr_gap, web_px, gap_px, handles_px, notes_px, checked_px;
} agency_card_style;

/*
 * Lay agency a out into l as card number step (1 up) at y, with why (may
 * be NULL or empty: no why-line); returns the y below the card's box.
 * Texts are formatted to their own length (no fixed buffer cuts them).
 */
int agency_card(lay_result *l, ui_app *app, const ref_agency *a, int step, const char *why, int y,
                const agency_card_style *st);

/*
 * Lay the button for guidebook chapter ch (its title, bold, as a link) into
 * l at y, w wide; returns its height.  The caller keeps its box for taps.
 */
int chapter_button(lay_result *l, ui_app *app, int ch, int y, int w);

#endif
