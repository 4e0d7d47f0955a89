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

/* The section ids met so far, to find duplicates in linear time (a file
 * of 100,000 sections is checked as fast as one of 25).  Zero it to
 * start; inif_ids_fini(NULL) is a no-op. */
typedef struct inif_id {
    char *id; /* owned copy */
    long ix;  /* the order it was added in, from 0 */
} inif_id;
typedef struct inif_ids {
    inif_id *slot; /* open addressing */
    size_t n, cap;
} inif_ids;

/* Add id (copied) as number s->n; false when it was there already. */
bool inif_ids_add(inif_ids *s, const char *id);
/* The number id was added as, or -1. */
long inif_ids_find(const inif_ids *s, const char *id);
void inif_ids_fini(inif_ids *s);

#endif
