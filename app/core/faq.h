/*
 * faq.h - the desk's FAQ: assets/faq.ini, one [id] section an item, in
 * the desk's own format:
 *
 *   category   the triage category (breach, outage, prevention, general,
 *              safety, other, guidebook)
 *   chapter    the guidebook chapter the item is classified under (a file
 *              name in assets/guidebook without .md)
 *   keywords   classification keywords, comma separated
 *   question   an example question, as a visitor would ask it
 *   answer     ① the countermeasure: what to do, first steps first
 *   referrals  ② where to go: referral ids from assets/referrals.ini, in
 *              the order to try them
 *   sources    where the answer comes from
 *   read       where the visitor can read more: chapter names
 *   problems   the referral list's problems ([problem:CODE]) the item is
 *              a first step for, in the problem finder (optional)
 *
 * Every field is required but read and problems.  A missing field, an unknown
 * category, referral id or chapter, and a duplicate id are reported as
 * file:line and the item is left out; a category with no item is a
 * warning.
 *
 * Depends on: inifile (inih), referrals, diag.
 */
#ifndef MG_FAQ_H
#define MG_FAQ_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "guide.h"
#include "referrals.h"

typedef struct faq_item {
    char *id, *category, *chapter;   /* owned */
    char **keywords;                 /* owned, nkeywords of them */
    size_t nkeywords;
    char *question, *answer, *sources; /* owned */
    char **refs;                     /* owned referral ids, in order */
    size_t nrefs;
    char **read;                     /* owned chapter names */
    size_t nread;
    unsigned problems;               /* bit per ref_problem */
    int line;                        /* of its [section] */
} faq_item;

typedef struct faq {
    faq_item *it;
    size_t n;
} faq;

/* The triage categories, in the desk's order; NULL past the last. */
const char *faq_category_code(size_t i);

/*
 * Load path into f (caller storage, zeroed here), checking referral ids
 * against refs (NULL: not checked) and chapter names against
 * chapters[0..nchapters) (0: not checked).  Returns the number of items
 * kept; problems go to d (may be NULL).
 */
size_t faq_load(faq *f, const char *path, const ref_list *refs, const char *const *chapters,
                size_t nchapters, diag_list *d);
/* faq_fini(NULL) is a no-op. */
void faq_fini(faq *f);
/* The items that are first steps for problem p, in file order, into
 * out[0..max); returns how many there are. */
size_t faq_for_problem(const faq *f, ref_problem p, const faq_item **out, size_t max);
/* The chapter of g a chapter name (a file name without .md, as in
 * chapter and read) is, or -1 (a book without it: an EPUB edition). */
int faq_chapter(const guide *g, const char *name);
/* The item with id, or NULL (borrowed from f). */
const faq_item *faq_find(const faq *f, const char *id);

#endif
