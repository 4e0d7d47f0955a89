/*
 * inifile.h - the content INI files (self-check, FAQ) read through inih,
 * with what inih alone does not say: the line of every value and of its
 * [section], values continued over indented lines joined into one, and
 * lines longer than inih reads reported instead of silently split.
 *
 * A value may go on over following lines that start with a space or tab
 * (inih's multi-line values); the pieces are joined with nothing between
 * them (Japanese text), or one space where two Latin letters or digits
 * would otherwise meet.
 *
 * Depends on: inih, diag, util.
 */
#ifndef MG_INIFILE_H
#define MG_INIFILE_H

#include <stdbool.h>

#include "diag.h"

/* Called once per key with the whole (joined) value; line is the key's
 * line, section_line that of its [section] header.  Strings live for the
 * call only. */
typedef void (*inif_handler)(void *user, const char *section, int section_line,
                             const char *name, const char *value, int line);

/*
 * Read the INI file at path, calling h for every key in file order.
 * Problems (the file cannot be read, a line is not INI, a line is too
 * long) go to d as path:line.  Returns false only when the file could not
 * be read at all.
 */
bool inif_parse(const char *path, inif_handler h, void *user, diag_list *d);

#endif
