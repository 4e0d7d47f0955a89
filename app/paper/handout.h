/*
 * handout.h - the handouts visitors take home and presenters print, each
 * a PDF made with the paper painter from the same layout as the screen.
 *
 *   deck:      slides 1, 2, 3 (with lines for notes), 6 a page, or one
 *              slide and its speaker notes a page
 *   guide:     chapters of the guidebook (bundled or EPUB)
 *   referrals: each problem's agencies in the order to try them, the
 *              number large, with the why-line, in two columns; then the
 *              quick list with QR codes, the desk's own card last
 *
 * What visitors take home is set at 10.5 pt at least, with the desk's
 * phone and hours on every page, web addresses whole (or broken at '/')
 * with their QR codes (core/qr, the screen's), and never the staff's
 * 要確認 marks.  A heading with nothing under it is left out.
 *   consult:   for the visitor: the question, advice ① and ②, the agencies
 *              with phone, hours and web address, chapters to read.
 *              Nothing internal (no scribe, category or flags).
 *   selfcheck: the visitor's plan from their self-check answers: the
 *              score, the chart of the five functions, the first three
 *              steps, chapters to read, SECURITY ACTION within reach, the
 *              desk and agencies with QR codes.  No name, no company.
 *
 * Each returns true when the file is written; otherwise a message in err
 * and no file under the final name.
 *
 * Depends on: paper/pdf, core (deck, slidelay, guide, referrals, notes).
 */
#ifndef MG_HANDOUT_H
#define MG_HANDOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "../core/deck.h"
#include "../core/faq.h"
#include "../core/guide.h"
#include "../core/msg.h"
#include "../core/record.h"
#include "../core/referrals.h"
#include "../core/selfcheck.h"

typedef struct handout_ctx {
    const char *font; /* the Japanese TrueType font file */
    msg_lang lang;
    const guide *book; /* for pictures inside an EPUB, and chapters to read */
    const char *portal; /* the desk's portal (QR code on lists and summaries), or NULL */
    /* The desk's own phone number and hours (desk.ini), in every page's
     * header when given; NULL for none. */
    const char *desk_phone, *desk_hours;
    /* The time the handout is made, wall-clock ms since the epoch, from the
     * caller's clock (core/clock: the app's, or a fixed one in tests): the
     * PDF's date and the date in its footers.  0: the system clock. */
    int64_t now_ms;
    /* Optional: how far the PDF has come (see pdf_set_progress). */
    void (*progress)(void *ctx, int done, int total);
    void *progress_ctx;
    /* Optional: receives the number of pages written. */
    int *pages;
} handout_ctx;


bool handout_deck(const handout_ctx *h, const deck *k, const char *layout, const char *out,
                  char *err, size_t errsize);
bool handout_guide(const handout_ctx *h, const int *chapters, size_t n, const char *out,
                   char *err, size_t errsize);
bool handout_referrals(const handout_ctx *h, const ref_list *l, const char *out, char *err,
                       size_t errsize);
bool handout_consult(const handout_ctx *h, const note *n, const ref_list *l, const char *out,
                     char *err, size_t errsize);
/* a[0..s->n) are the answers (SC_UNANSWERED where none was given). */
bool handout_selfcheck(const handout_ctx *h, const selfcheck *s, const sc_answer *a,
                       const ref_list *l, const char *out, char *err, size_t errsize);
/* The problem finder's one-page "what to do now" sheet for problem pr:
 * the first steps of f's items for it, who to call in l's order for it,
 * and the chapters to read (f may be NULL: the calls alone). */
bool handout_finder(const handout_ctx *h, ref_problem pr, const faq *f, const ref_list *l,
                    const char *out, char *err, size_t errsize);

#endif
