/*
 * picture.h - the one place a picture file becomes pixels, for the screen
 * (text.c) and the paper (pdf.c) alike.
 *
 * The header is probed first (pic_probe, core/pic.h): a picture that lies
 * about its size, is cut short or is larger than the limits is refused
 * before any decoder sees it.  Then SDL_image decodes it (never libharu's
 * own PNG loader, whose libpng may abort() the whole kiosk on a bad file),
 * the result is checked against the header, and scaled down (bilinear) when
 * its long side is above max_side.
 *
 * A photo from a phone or a camera is often stored on its side, with an
 * EXIF orientation tag saying how to turn it (browsers, and so Marp, follow
 * the tag): the picture is turned and mirrored as the tag says, so it is
 * upright on the screen and on paper, and its natural size is the turned
 * one.
 *
 * SDL2 and SDL2_image are opened (dlopen) when the first picture is
 * decoded, not linked: a program that prints (madoguchi-cli) loads none of
 * SDL's some forty libraries for a book whose photos go into the PDF as
 * they are, and a program linked with SDL (the screen's) finds the very
 * libraries it already has.
 *
 * For paper, an upright JPEG (the photos of a book) is measured and
 * scaled by libjpeg-turbo alone (picture_jpeg_measure, picture_jpeg), so
 * a handout of photos opens no SDL library at all.
 *
 * Depends on: SDL2 and SDL2_image (opened on first use), libturbojpeg,
 * libexif, core/pic.
 */
#ifndef MG_PICTURE_H
#define MG_PICTURE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

#include "../core/pic.h"

/*
 * Decode len bytes of a picture.  Returns a new surface (caller frees with
 * SDL_FreeSurface), at most max_side pixels on its long side (0: no
 * scaling), or NULL when the picture is refused or cannot be decoded; then
 * *status, if given, says why (PIC_BAD for a decoder failure).  *w and *h
 * (may be NULL) get the picture's natural size, before any scaling, as
 * shown (turned as its EXIF orientation says).  The bytes are not kept.
 */
SDL_Surface *picture_decode(const void *bytes, size_t len, int max_side, int *w, int *h,
                            pic_status *status);

/* The size a w x h picture is brought to when its long side is more than
 * max_side (0: no limit): that long side max_side, the other in
 * proportion, at least 1 - what picture_decode gives, to the pixel.  False
 * (and w x h) when it is not more. */
bool picture_scaled_size(int w, int h, int max_side, int *sw, int *sh);

/*
 * The EXIF orientation of a JPEG's len bytes: 1 (as stored) to 8, the
 * TIFF/EXIF values; 1 when there is no tag, it is not a JPEG or the tag is
 * out of range.  Read with libexif; nothing outside bytes[0..len).
 */
int picture_orientation(const void *bytes, size_t len);

/*
 * For the paper, which keeps no pixels: picture_decode's checks, then only
 * what the PDF needs.
 *
 * picture_measure: the size decoded at max_side (*w, *h), the natural size
 * (*nw, *nh) and whether any pixel is not opaque.  false when refused.
 */
bool picture_measure(const void *bytes, size_t len, int max_side, int *w, int *h, int *nw, int *nh,
                     bool *alpha);

/* picture_measure for a JPEG (not CMYK), without SDL: its size from its
 * header (turned as its EXIF orientation says), decoded by libjpeg-turbo
 * at an eighth only to be sure it can be; no alpha.  False when it is not
 * such a JPEG or cannot be decoded (then picture_measure says). */
bool picture_jpeg_measure(const void *bytes, size_t len, int max_side, int *w, int *h, int *nw,
                          int *nh);

/* The picture at exactly tw x th (the size picture_measure gave for
 * max_side = max(tw, th)) written as a JPEG of that quality: *out (heap,
 * caller frees) of *outlen bytes.  false when it cannot be. */
bool picture_jpeg(const void *bytes, size_t len, int tw, int th, int quality, unsigned char **out,
                  size_t *outlen);

/* The picture at exactly tw x th as planes (heap, caller frees): *rgb 3
 * bytes a pixel, *alpha 1; either may be NULL when it is not wanted. */
bool picture_planes(const void *bytes, size_t len, int tw, int th, unsigned char **rgb,
                    unsigned char **alpha);

/* NULL when the decoders can be used, else why not (the loader's words). */
const char *picture_decoder_error(void);

#endif
