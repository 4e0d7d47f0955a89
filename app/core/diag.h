/*
 * diag.h - content diagnostics: "file:line: message" lines.
 *
 * Every parser reports problems here instead of failing: the caller shows
 * what could be read and `madoguchi check` prints the list.  Messages come
 * from the string table in the list's language.
 *
 * Depends on: msg.
 */
#ifndef MG_DIAG_H
#define MG_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "msg.h"

typedef struct diag {
    char *file; /* owned copy */
    int line;   /* 1-based; 0 when the problem is about the whole file */
    bool warning;
    char *text; /* owned, formatted */
} diag;

typedef struct diag_list {
    diag *items;
    size_t n, cap;
    msg_lang lang;
} diag_list;

void diag_init(diag_list *d, msg_lang lang);
void diag_fini(diag_list *d);
/* Append an error (or warning) with a message from the table, formatted
 * with the arguments.  file is copied; NULL d is allowed and ignored.
 * Control bytes in file and in the formatted text (content quoted in the
 * message) are stored escaped as \xNN (C1 controls as \u00NN), so a
 * printed list can never drive the terminal. */
void diag_error(diag_list *d, const char *file, int line, msg_id id, ...);
void diag_warn(diag_list *d, const char *file, int line, msg_id id, ...);
size_t diag_count(const diag_list *d, bool warnings);
/* Print every entry as "file:line: message" (warnings marked). */
void diag_print(const diag_list *d, FILE *out);
/* Format entry i into buf as it would be printed. */
void diag_format(const diag_list *d, size_t i, char *buf, size_t size);

#endif
