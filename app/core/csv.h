/*
 * csv.h - the notes as CSV for the office database, and the FAQ
 * candidates as text.
 *
 * CSV: RFC 4180 (comma separated, CRLF between records, a field quoted
 * when it holds a comma, a quote or a line break, quotes doubled), a
 * header row of the field names from the field table (record.h), one row
 * per note, every field: times as local "YYYY-MM-DD HH:MM:SS", flags as
 * 1/0, codes as codes.  UTF-8 starts with a byte-order mark so spreadsheet
 * programs read the Japanese correctly; CP932 (Windows-31J, through ICU's
 * converter) has none, and each character CP932 lacks is replaced by "?"
 * and reported by note and field, never dropped silently.
 *
 * A field a spreadsheet would run as a formula (it starts with = + - @,
 * a tab or a carriage return: OWASP's CSV injection, "=HYPERLINK(...)"
 * typed by a visitor) gets a ' in front and quotes, so Excel, LibreOffice
 * and Access show it as text; the office sees the ' in such a cell.
 *
 * Depends on: record, ICU (ucnv), strbuf.
 */
#ifndef MG_CSV_H
#define MG_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "record.h"

/* A character the chosen encoding lacks: where it is and which. */
typedef struct csv_lack {
    char note[37];
    const char *field; /* rec_fields' name (static) */
    int cp;            /* the code point */
} csv_lack;

typedef enum csv_encoding { CSV_UTF8, CSV_CP932 } csv_encoding;

/* "utf-8"/"utf8" or "cp932"/"windows-31j"/"shift_jis" into *e; false for
 * anything else. */
bool csv_encoding_parse(const char *name, csv_encoding *e);

/*
 * v[0..n) as CSV in encoding e, appended to out.  *lacks (heap, free it)
 * and *nlacks list each character e lacks.  False with a message in err
 * when ICU has no converter.
 */
bool csv_notes(const note *v, size_t n, csv_encoding e, strbuf *out, csv_lack **lacks,
               size_t *nlacks, char *err, size_t errsize);

/*
 * The FAQ candidates of v[0..n) (faq set), grouped by triage category in
 * the category table's order: "## category", then per note the question,
 * ① the countermeasure and ② the referrals, in lang, appended to out.
 * Returns how many notes went in.
 */
size_t csv_faq(const note *v, size_t n, msg_lang lang, strbuf *out);

#endif
