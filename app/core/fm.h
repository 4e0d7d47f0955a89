/*
 * fm.h - front matter: the `---` block of `key: value` lines that opens a
 * guidebook chapter or a Marp deck.
 *
 * The accepted form is a strict subset of YAML: one `key: value` per line,
 * keys of letters, digits, '_' and '-', values plain or in single or double
 * quotes; blank lines and `#` comments are allowed.  Anything else (nesting,
 * lists) is reported as `file:line:` and skipped; the rest is still read.
 *
 * Depends on: diag, util.
 */
#ifndef MG_FM_H
#define MG_FM_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct fm_pair {
    char *key;   /* owned */
    char *value; /* owned, unquoted */
    int line;    /* 1-based line in the file */
} fm_pair;

typedef struct fm {
    fm_pair *items;
    size_t n, cap;
    bool present;       /* the text opened with a front matter block */
    size_t body_offset; /* byte offset where the body starts */
    int body_line;      /* 1-based line number of the body's first line */
} fm;

void fm_init(fm *f);
void fm_fini(fm *f);
/*
 * Parse the front matter at the start of text[0..len).  file names the
 * source in messages.  Returns true when there was no error.  Without a
 * front matter block, f->present is false and the body is the whole text.
 * An unclosed block is an error at line 1 and the body is the whole text,
 * so nothing the author wrote disappears.
 */
bool fm_parse(fm *f, const char *text, size_t len, const char *file, diag_list *d);
/* The value of key, or NULL.  The pointer lives as long as f. */
const char *fm_get(const fm *f, const char *key);
/* The line of key, or 0. */
int fm_line(const fm *f, const char *key);
/* Warn (file:line) about every key not among known[0..n). */
void fm_check_keys(const fm *f, const char *const *known, size_t n, const char *file,
                   diag_list *d);

#endif
