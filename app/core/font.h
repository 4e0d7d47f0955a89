/*
 * font.h - finding the Japanese font through fontconfig.
 *
 * The screen (SDL_ttf) and paper (libharu, which needs TrueType outlines)
 * use the same file, so line breaks agree.  BIZ UD Gothic is preferred
 * (fonts-morisawa-bizud-gothic: Regular and a real Bold), then IPAexGothic;
 * any TrueType font covering Japanese is accepted.  --font FILE overrides,
 * and is checked the same way.
 *
 * Depends on: fontconfig, msg.
 */
#ifndef MG_FONT_H
#define MG_FONT_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"

/*
 * Find the font.  override: a file the user named, or NULL.  On success the
 * path is copied to out (size bytes) and true is returned; otherwise err
 * receives a one-line message in lang that says what to install or fix.
 */
bool font_find(const char *override, char *out, size_t size, char *err, size_t errsize,
               msg_lang lang);

/*
 * The bold face that goes with the regular file: the same name with
 * "Regular" read "Bold" (BIZUDGothic-Regular.ttf -> BIZUDGothic-Bold.ttf),
 * when that file is a Japanese TrueType font.  Copied to out; false when
 * there is none (the painters then embolden the regular face).
 */
bool font_bold_for(const char *regular, char *out, size_t size);

#endif
