/*
 * msg.h - the string table: every user-visible string, Japanese first.
 *
 * Strings are listed once, in msg_table.h, with their Japanese and English
 * texts side by side; code refers to them by id (MSG_...).  Format strings
 * take the same printf arguments in every language (a test checks it).
 *
 * Depends on: nothing.
 */
#ifndef MG_MSG_H
#define MG_MSG_H

typedef enum msg_lang { LANG_JA = 0, LANG_EN = 1, LANG_COUNT } msg_lang;

typedef enum msg_id {
#define X(id, ja, en) id,
#include "msg_table.h"
#undef X
    MSG_COUNT
} msg_id;

/* The text of id in lang; never NULL.  Static storage. */
const char *msg_get(msg_lang lang, msg_id id);
/* The text of id in lang without falling back; NULL when missing (tests). */
const char *msg_raw(msg_lang lang, msg_id id);
/* The symbolic name of id, e.g. "MSG_DESK_NAME" (tests, diagnostics). */
const char *msg_name(msg_id id);
/* Parse "ja" or "en"; returns -1 for anything else. */
int msg_lang_parse(const char *s);

#endif
