/*
 * pdf.h - the paper painter: layout output drawn on A4 pages with libharu,
 * the Japanese TrueType font embedded with UTF-8 encoding (text can be
 * searched and copied), bold as fill-then-stroke, pictures, QR codes
 * (core/qr, as the screen draws them), and a page header and footer.
 *
 * Pictures go in at 200 dpi of the largest size each is drawn at, once per
 * document: a plain JPEG no more than half as large again as that as it
 * is (no decoding), a larger photo scaled and written as a JPEG again, any
 * other picture (decoded by SDL_image, never libharu's loaders) scaled and
 * deflated, with a soft mask for transparency.  No pixels are kept: each
 * picture is read (and decoded) again while the file is written, one at a
 * time, and the file is written as it is made, so a whole book costs the
 * memory of its page structure and one picture, not of its pictures.
 *
 * The font's ToUnicode CMap is libharu's replaced by a valid one (a bfchar
 * for each character used), so copy and search work in every reader and
 * poppler has nothing to warn about.  Header and footers are 10.5 pt.
 *
 * Layout units on paper are 1/10 point, so the same layout engine and the
 * same line breaker serve the screen (pixels) and paper.  Drawing is
 * recorded and replayed at pdf_save() into a document whose embedded font
 * is cut down (hb-subset) to the characters used.
 *
 * Depends on: libharu, core/qr, SDL2_image (pictures libharu cannot
 * read), core/layout.
 */
#ifndef MG_PDF_H
#define MG_PDF_H

#include <stdbool.h>
#include <stdint.h>

#include "../core/layout.h"

#define PDF_UNIT 10 /* layout units per point */

typedef struct pdf pdf;

/* A new document using the font file; NULL with a message in err. */
pdf *pdf_new(const char *font_path, const char *title, const char *header, char *err,
             size_t errsize);
void pdf_free(pdf *p);
/* Metrics for laying out text for this document (1/10 pt units). */
const lay_metrics *pdf_metrics(pdf *p);
/* Pictures are read through this (book pictures live in a zip). */
void pdf_set_loader(pdf *p, void *(*load)(void *ctx, const char *path, size_t *len), void *ctx);
/* The wall-clock time (ms since the epoch, core/clock) the document is
 * dated with: its creation date and the date in each footer.  pdf_new
 * reads the system clock; the app passes its own, tests a fixed one. */
void pdf_set_time(pdf *p, int64_t wall_ms);
/* The desk's phone and hours, once on every page: on the header's right
 * when they fit beside the desk's name, else in the footer's middle; NULL
 * for none.  Copied.  Any time before pdf_save. */
void pdf_set_contact(pdf *p, const char *text);
/* Told how far pdf_save has come: done of total steps (a step a page, and
 * the writing last), for a progress bar on long jobs. */
void pdf_set_progress(pdf *p, void (*fn)(void *ctx, int done, int total), void *ctx);
/* A handout is something staff send: a document over max bytes (0:
 * PDF_MAX_BYTES, what a mail server takes) is written again with its
 * photos (JPEGs) scaled down by one factor and re-encoded so it fits
 * (never below 90 dpi of their printed size); diagrams and other pictures
 * without loss stay as they are.  One under it is written once, its photos
 * as they are. */
#define PDF_MAX_BYTES 20000000
void pdf_set_max_bytes(pdf *p, size_t max);

/* Start an A4 page; landscape or portrait.  Width and height of the area
 * inside the margins, in layout units, come back. */
void pdf_page(pdf *p, bool landscape, int *w, int *h);
/* Paint layout items offset by (dx, dy) from the top-left of the page's
 * area, with a colour (0xRRGGBB) for each colour role. */
void pdf_paint(pdf *p, const lay_result *r, int dx, int dy, const uint32_t colors[LAY_C_COUNT]);
void pdf_rect(pdf *p, int x, int y, int w, int h, uint32_t rgb, bool fill);
void pdf_line(pdf *p, int x0, int y0, int x1, int y1, uint32_t rgb, int width);
void pdf_image(pdf *p, const char *path, int x, int y, int w, int h);
/* A QR code for text, size units square, at (x, y). */
void pdf_qr(pdf *p, const char *text, int x, int y, int size);
/* Write the file (to a temporary name, then renamed).  Footers (page x/y
 * and the date) are added here, once the page count is known. */
bool pdf_save(pdf *p, const char *path, char *err, size_t errsize);
int pdf_pages(const pdf *p);

/* Default colours for documents (guidebook chapters, lists). */
void pdf_default_colors(uint32_t colors[LAY_C_COUNT]);

#endif
