/*
 * record.h - the consultation record, defined once.
 *
 * struct note holds one consultation; rec_fields[] lists its fields in form
 * order (what is asked first comes first), one line each: the name (column,
 * JSON key, CSV header), the kind, where it lives in struct note, its label
 * in the editor, whether it is searched in full text, whether the visitor
 * may ever see it, its size limit and, for codes, the code table.
 *
 * Everything that walks a record walks this table: the CREATE TABLE, the
 * full-text index and the upsert (store.c, notes.c), reading a row by
 * column name, validation, note_fini, JSON (rec_json), the editor form and
 * the visitor's summary.  A CSV writer is a loop over rec_fields with
 * rec_value; an importer a loop with rec_set.
 *
 * A new field: one line in rec_fields (record.c) plus a migration in
 * store.c ({.add = "name"}), and a member in struct note.
 *
 * Depends on: msg (label ids), util (strbuf).
 */
#ifndef MG_RECORD_H
#define MG_RECORD_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"
#include "util.h"

typedef struct note {
    char id[37];              /* UUID; empty for a new note */
    long long created, updated; /* Unix time in milliseconds */
    char *kiosk, *channel, *event, *consultant, *scribe;
    char *company, *industry, *size;
    char *question, *category;
    bool law, legal; /* possible law violation; legal consultation */
    char *answer;    /* ① the countermeasure */
    char *referrals; /* ② ids from the quick list, comma separated */
    char *referral_text;
    bool followup, faq;
    char *memo;
} note;

typedef enum rec_kind {
    REC_UUID, /* char[37]: the note's id (primary key) */
    REC_TIME, /* long long: Unix time in ms */
    REC_TEXT, /* char *: what a person typed (NULL: nothing) */
    REC_BOOL, /* bool */
    REC_CODE, /* char *: one code of the field's code table (NULL: none) */
    REC_IDS,  /* char *: ids from the quick list (referrals.ini), comma separated */
} rec_kind;

enum {
    REC_REQUIRED = 1u << 0, /* NOT NULL; text not empty; a code must be given */
    REC_SEARCHED = 1u << 1, /* in the full-text index (and the LIKE of short words) */
    REC_VISITOR = 1u << 2,  /* may be shown to the visitor (consultation summary) */
    REC_FIXED = 1u << 3,    /* set when the note is made; an edit never changes it */
    REC_FORM = 1u << 4,     /* in the editor form */
    REC_LINES = 1u << 5,    /* REC_TEXT: several lines in the form */
    REC_CLEAR = 1u << 6,    /* kept in clear on an encrypted store: ids and clocks that
                             * sync and the order need, nothing a person typed or chose */
};

/* A code a field may hold, and what a person reads for it. */
typedef struct rec_code {
    const char *code;
    msg_id label;
} rec_code;

#define REC_NO_LABEL MSG_COUNT /* a field with no heading of its own */

typedef struct rec_field {
    const char *name; /* column, JSON key, CSV header */
    rec_kind kind;
    unsigned flags;
    size_t offset;          /* of the member in struct note */
    msg_id label;           /* REC_FORM: the label in the editor */
    msg_id visitor_label;   /* REC_VISITOR: heading on the summary, or REC_NO_LABEL
                             * (then it goes under the previous field's heading) */
    size_t max;             /* text kinds: at most this many bytes */
    const rec_code *codes;  /* REC_CODE: the codes allowed */
    size_t ncodes;
    const char *fallback;   /* REC_CODE: saved when the form leaves it unchosen (or NULL) */
} rec_field;

extern const rec_field rec_fields[];
extern const size_t rec_nfields;

/* The triage categories and the channels, with their labels (static). */
extern const rec_code rec_categories[];
extern const size_t rec_ncategories;
extern const rec_code rec_channels[];
extern const size_t rec_nchannels;

/* The field called name, or NULL. */
const rec_field *rec_find(const char *name);
/* The index of code in f's code table, or -1 (NULL code: -1). */
int rec_code_index(const rec_field *f, const char *code);
/* The label of a category code; MSG_COUNT when it is none of them. */
msg_id rec_category_label(const char *code);

/* Where field f lives in n: the pointer to the string (REC_TEXT, REC_CODE,
 * REC_IDS), the bool, the time, or the id (char[37]).  The caller picks by
 * f->kind; asking for the wrong kind is a bug (asserted). */
char **rec_str(note *n, const rec_field *f);
const char *rec_cstr(const note *n, const rec_field *f); /* text kinds and REC_UUID */
bool *rec_bool(note *n, const rec_field *f);
long long *rec_time(note *n, const rec_field *f);

/*
 * The value of f in n as text, appended to out: a time as decimal ms, a
 * bool as "1" or "0", the rest as it is.  False (nothing appended) when a
 * text field is NULL: CSV writes an empty cell, JSON null.
 */
bool rec_value(const note *n, const rec_field *f, strbuf *out);
/*
 * Set f in n from text as rec_value writes it (a copy is made; NULL or ""
 * clears a text field).  False with the field named in err when the text
 * is not a value of that kind (a time that is not a number, a bool not
 * 0/1/true/false, an id not a UUID).  Codes are checked by note_validate.
 */
bool rec_set(note *n, const rec_field *f, const char *text, char *err, size_t errsize);
/* rec_set with the reason in err in lang (rec_set: English, for files and logs). */
bool rec_set_lang(note *n, const rec_field *f, const char *text, msg_lang lang, char *err,
                  size_t errsize);

/*
 * Check what a person typed or a file brought: valid UTF-8, no control
 * characters but line breaks and tabs, not over the field's size limit,
 * required fields present, codes from their tables.  On a problem returns
 * false and names the field in err.
 */
bool note_validate(const note *n, char *err, size_t errsize);
/* note_validate with the reason in err in lang (note_validate: English). */
bool note_validate_lang(const note *n, msg_lang lang, char *err, size_t errsize);

/*
 * The fields of n not marked REC_CLEAR, appended to out: u16 count, then
 * each field as u32 name length, name, u8 present, and when present u32
 * value length and the value as rec_value writes it (big-endian).  What
 * an encrypted store seals (store_seal).  The caller wipes out when done.
 */
void rec_pack(const note *n, strbuf *out);
/*
 * rec_pack's bytes back into n (its other fields untouched; rec_set makes
 * copies).  False with the reason in err when they are not such bytes (a
 * field unknown, REC_CLEAR, given twice, cut short, a NUL byte, or a value
 * rec_set refuses).  Codes are checked by note_validate.
 */
bool rec_unpack(note *n, const void *data, size_t len, char *err, size_t errsize);

/* n as one JSON object on out: every field, in rec_fields order; times as
 * numbers, bools as true/false, an absent text as null. */
void rec_json(const note *n, strbuf *out);

/* Free the strings n owns and zero it.  note_fini(NULL) does nothing. */
void note_fini(note *n);
/* note_fini each of v[0..n) and free v.  notes_free(NULL, 0) does nothing. */
void notes_free(note *v, size_t n);

#endif
