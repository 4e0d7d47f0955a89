/*
 * pic.h - what a picture's header says, before anything decodes it.
 *
 * A picture comes from content staff edit or from a book off a USB stick,
 * so its header may lie: a 7 KB PNG can claim 30000 x 30000 pixels (3.6 GB
 * once decoded), a file cut short can crash a decoder that trusts it.
 * pic_probe reads the format, the width and the height from the header
 * alone, checks them against the limits below and checks that the file is
 * whole (PNG: its chunks run to IEND; JPEG: the frame header and the end
 * marker are there; GIF, BMP, WebP: the sizes they declare fit), so the
 * screen, the paper and `check` refuse the same pictures for the same
 * reasons.  It never decodes pixels: the decoders (SDL_image) do that, and
 * only after the probe said yes.
 *
 * SVG: the width and height of the root element (or its viewBox), in CSS
 * pixels; one with neither is sized by its drawing and passes.
 *
 * Depends on: nothing (pure C).
 */
#ifndef MG_PIC_H
#define MG_PIC_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

#define PIC_MAX_SIDE 8192             /* pixels a side, at most */
#define PIC_MAX_PIXELS (40L * 1000000) /* pixels in all, at most */
#define PIC_MAX_BYTES (64u << 20)      /* bytes of a picture file, at most */

typedef enum pic_format {
    PIC_FMT_UNKNOWN = 0,
    PIC_FMT_PNG,
    PIC_FMT_JPEG,
    PIC_FMT_GIF,
    PIC_FMT_BMP,
    PIC_FMT_WEBP,
    PIC_FMT_SVG,
} pic_format;

typedef enum pic_status {
    PIC_OK = 0,
    PIC_UNKNOWN,   /* not a format we read */
    PIC_TRUNCATED, /* cut short: the header or the data ends early */
    PIC_TOO_LARGE, /* more than PIC_MAX_SIDE a side or PIC_MAX_PIXELS */
    PIC_BAD,       /* a header that makes no sense (zero width, bad chunk) */
} pic_status;

typedef struct pic_info {
    pic_format fmt;
    int w, h; /* from the header (GIF: its first image, the one decoded); 0 when it
                 does not say (an SVG without sizes) */
} pic_info;

/*
 * Probe len bytes of a picture file.  Fills *info (format, size) as far as
 * the header could be read and returns PIC_OK only for a picture that may
 * be decoded.  Reads nothing outside bytes[0..len).
 */
pic_status pic_probe(const void *bytes, size_t len, pic_info *info);

/*
 * pic_probe, and then for a PNG the image data itself: the IDAT chunks are
 * inflated (zlib, output counted and thrown away) and must hold as many
 * bytes as the header's size needs.  A PNG that probes well but whose data
 * is cut or corrupt is PIC_TRUNCATED or PIC_BAD here: what `check` uses, so
 * it names every picture the screen and the paper would show as missing.
 * Costs a decode's worth of inflating; the kiosk itself only probes.
 */
pic_status pic_verify(const void *bytes, size_t len, pic_info *info);

/*
 * The bytes of the picture file at path (heap, caller frees; *len its
 * size), or NULL when it cannot be read or is larger than PIC_MAX_BYTES:
 * the size is looked at before anything is read, so a 1 GB file named as a
 * picture costs nothing.
 */
void *pic_read_file(const char *path, size_t *len);

/*
 * Report a picture that pic_probe refuses: one message naming the file
 * (file:line of the document that shows it) and the picture (what), in d's
 * language.  len is the file's size, for PIC_TOO_LARGE of a file larger
 * than PIC_MAX_BYTES pass status PIC_TOO_LARGE with info NULL.  Nothing
 * for PIC_OK.
 */
void pic_report(diag_list *d, const char *file, int line, const char *what, pic_status status,
                const pic_info *info, size_t len);

#endif
