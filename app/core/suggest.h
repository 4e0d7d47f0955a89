/*
 * suggest.h - the offline assistant: what staff typing a consultation note
 * might want next.  From the question so far it ranks the desk's FAQ
 * items, the guidebook's sections, the referral list's problems and (for
 * staff only) past notes, and guesses the triage category.
 *
 * Everything is held in one in-memory SQLite FTS5 table (trigram
 * tokenizer) over the same folded text the guidebook search uses
 * (search_fold: NFKC, case and kana folded, synonyms as their common
 * form).  A question is turned into the OR of its distinct trigrams and
 * ranked with bm25, the head (question, keywords, heading, label) weighing
 * more than the body; a FAQ item whose classification keyword occurs in
 * the question gets a bonus.  The category is voted by the FAQ items found
 * (each for its own category) and by the problems found (each for the
 * category its kind of trouble is triaged as).  Nothing is ever set: the
 * caller shows the guess and staff choose.
 *
 * Depends on: sqlite3, search (folding), faq, guide, referrals, record.
 */
#ifndef MG_SUGGEST_H
#define MG_SUGGEST_H

#include <stdbool.h>
#include <stddef.h>

#include "faq.h"
#include "guide.h"
#include "record.h"
#include "referrals.h"

struct search;

typedef enum sug_kind { SUG_FAQ, SUG_GUIDE, SUG_NOTE, SUG_REFERRAL, SUG_KINDS } sug_kind;

/* The kind as `suggest` prints it: faq, guide, note, referral. */
const char *sug_kind_name(sug_kind k);

#define SUG_MAX 12

typedef struct sug_hit {
    sug_kind kind;
    int index;         /* SUG_FAQ: into the faq; SUG_NOTE: into the notes added;
                        * SUG_REFERRAL: a ref_problem; SUG_GUIDE: chapter */
    int line;          /* SUG_GUIDE: the section heading's line */
    const char *id;    /* faq id, "chapter:line", note id, problem code (borrowed) */
    const char *title; /* question, section heading, problem label (borrowed) */
    double score;      /* higher is better */
} sug_hit;

typedef struct sug_result {
    const char *category; /* a rec_categories code (static), or NULL: no guess */
    sug_hit hit[SUG_MAX]; /* best first */
    size_t n;
} sug_result;

typedef struct suggester suggester;

/*
 * An assistant over f, g and r (borrowed: they must outlive it), folding
 * as fold does (NULL: no synonyms).  Problem labels are read in lang.
 * NULL with a message in err when SQLite cannot be used.
 */
suggester *sug_open(const faq *f, const guide *g, const ref_list *r, const struct search *fold,
                    msg_lang lang, char *err, size_t errsize);
/* Add past notes v[0..n) (copied: question, answer, memo, id).  Staff only:
 * a visitor screen never adds any. */
void sug_add_notes(suggester *s, const note *v, size_t n);
/* sug_close(NULL) is a no-op. */
void sug_close(suggester *s);

/*
 * Suggestions for text into out (caller storage): at most 3 FAQ items, 3
 * guidebook sections, 3 notes and 2 problems, best first across kinds.
 * kinds is a bit set of (1u << sug_kind) to include.  Returns out->n; a
 * text with nothing three characters long gives none (and no category).
 * The strings in out are the suggester's: valid until it is closed.
 */
size_t sug_run(suggester *s, const char *text, unsigned kinds, sug_result *out);

#define SUG_ALL ((1u << SUG_FAQ) | (1u << SUG_GUIDE) | (1u << SUG_NOTE) | (1u << SUG_REFERRAL))

/* The category a referral problem's trouble is triaged as ("breach"...). */
const char *sug_problem_category(ref_problem p);

#endif
