/*
 * desk.h - the desk's own settings: content_dir/assets/desk.ini, [desk].
 *
 *   portal    = https://…        the desk's portal (a QR code on handouts)
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

/* The value of key in [desk] (heap), or NULL when absent or empty. */
char *desk_get(const char *content_dir, const char *key);

/* The configured guidebook EPUB as a path (heap), or NULL for the bundled
 * book.  A relative name is taken from content_dir/assets. */
char *desk_guidebook(const char *content_dir);

#endif
