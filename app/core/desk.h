/*
 * desk.h - the desk's own settings: content_dir/assets/desk.ini, [desk].
 *
 *   portal    = https://…        the desk's portal (a QR code on handouts
 *                                and on the referral screens)
 *   phone     = 03-…             the desk's own number and hours, in the
 *   hours     = …                header of every handout visitors take
 *   guidebook = guidebook.epub   the desk's EPUB edition to show instead of
 *                                the bundled Markdown (relative to assets/)
 *
 * Staff edit this file; a new guidebook edition is dropped in by replacing
 * the EPUB it names, with nothing rebuilt.
 *
 * Depends on: inih, util.
 */
#ifndef MG_DESK_H
#define MG_DESK_H

#include "diag.h"

/* The settings, read once (content_open keeps them in the content handle). */
typedef struct desk {
    char *portal;    /* the desk's portal address, or NULL */
    char *phone;     /* the desk's own phone number, or NULL */
    char *hours;     /* when the desk answers it, or NULL */
    char *guidebook; /* the EPUB edition as a path (relative names taken from
                      * assets/), or NULL for the bundled book */
} desk;

/*
 * Read content_dir/assets/desk.ini into d (caller storage, zeroed here).
 * A missing file means no settings.  A line inih cannot read, and a key
 * of [desk] we do not know (a typing mistake staff would never see
 * otherwise), are reported to diags as file:line (diags may be NULL).
 */
void desk_load(desk *d, const char *content_dir, diag_list *diags);
/* desk_fini(NULL) is a no-op. */
void desk_fini(desk *d);

#endif
