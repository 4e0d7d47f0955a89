/*
 * terms.h - one voice across the bundled content: assets/terms.ini, a
 * table of spellings not to use and the one to use instead, read with
 * inih, and the checks `madoguchi check` runs with it.
 *
 *   [terms]
 *   フォルダ = フォルダー     ; "avoid = use"
 *   [keep]
 *   コンピュータウイルス・不正アクセスの届出 = IPA   ; a name as its owner writes it
 *
 * An occurrence of an avoided spelling is reported with file and line,
 * unless it is part of the spelling to use there (フォルダ inside
 * フォルダー), part of a [keep] name, or quoted alone in 「」 (a glossary
 * naming the other word).
 * The same check reports emphasis in italics (*word*: use bold or 「」) in
 * Markdown, speaker-note sentences of 100 characters or more in decks, and
 * a line of the guidebook or a deck that prints a contact detail the
 * referral list marks verify = yes (a phone number, an e-mail address in
 * its hours) without 要確認 on the same line, and a chapter named as
 * 「title」の章 that the bundled guidebook does not have.
 *
 * Depends on: inih, diag, guide, referrals, util.
 */
#ifndef MG_TERMS_H
#define MG_TERMS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

typedef struct term_rule {
    char *avoid, *use; /* owned */
    int line;          /* in terms.ini */
} term_rule;

typedef struct terms {
    term_rule *r;
    size_t n, cap;
    char **keep; /* [keep] names written as their owners write them */
    size_t nkeep, keep_cap;
} terms;

/* Load path into t (caller storage); malformed lines go to d as
 * file:line.  Returns the number of rules. */
size_t terms_load(terms *t, const char *path, diag_list *d);
/* Free t's rules; t may be NULL. */
void terms_fini(terms *t);

/* Check text (NUL-terminated, the whole of file) against t; each finding
 * is a warning at file:line.  deck: the file is a slide deck, whose
 * <!-- --> notes are read aloud; markdown: italics are looked for.
 * Returns the number of findings. */
size_t terms_check_text(const terms *t, const char *file, const char *text, bool markdown,
                        bool deck, diag_list *d);

/* Load dir/assets/terms.ini and check the guidebook, the decks and the
 * referral list with it; *files grows by one for the table.  A content
 * folder without the table is not checked for terms. */
void terms_check_content(const char *dir, diag_list *d, int *files);

#endif
