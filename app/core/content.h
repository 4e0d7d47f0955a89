/*
 * content.h - the one content handle: where the content lives, and all of
 * it opened at once (the guidebook, the decks, the referral quick list and
 * the desk's settings; later the FAQ and the self-check).
 *
 * Content is read-only: --content DIR, else $MADOGUCHI_CONTENT, else the
 * source tree the binary was built from (when it is still there), else the
 * installed share/madoguchi folder.
 *
 * Every problem met while opening is kept in the handle's diagnostics, as
 * file:line: message; a broken part is left out and the rest is there, so
 * the kiosk shows what it can and `madoguchi check` is "open with
 * CONTENT_CHECK and count the diagnostics".
 *
 * Depends on: guide, deck, slidelay, referrals, selfcheck, faq, desk, diag.
 */
#ifndef MG_CONTENT_H
#define MG_CONTENT_H

#include <stdbool.h>
#include <stddef.h>

#include "desk.h"
#include "diag.h"
#include "faq.h"
#include "guide.h"
#include "referrals.h"
#include "selfcheck.h"

struct deck;

typedef struct content {
    char *dir;         /* the content folder (heap) */
    desk desk;         /* assets/desk.ini, read once */
    guide guide;       /* the book shown: the EPUB in use, else the bundled chapters */
    ref_list refs;     /* assets/referrals.ini */
    selfcheck sc;      /* assets/selfcheck.ini */
    faq faq;           /* assets/faq.ini */
    struct deck **decks; /* the decks in slides/ that have slides, by file name */
    size_t ndecks;
    diag_list diags;   /* what opening met, in the language asked for */
    int files;         /* how many content files were read */
} content;

enum {
    /* Also validate what only `check` needs: slides that overflow, pictures
     * that cannot be decoded, and the bundled chapters while an EPUB is
     * shown instead. */
    CONTENT_CHECK = 1 << 0,
};

/*
 * Open the content in dir (a folder with assets/; see content_find_dir).
 * epub, when not NULL, is the desk's EPUB to show instead of the bundled
 * guidebook (--guidebook); otherwise desk.ini's `guidebook` is used, and a
 * configured edition that cannot be read falls back to the bundled book.
 * Never fails: problems are in ->diags.  A NULL dir gives an empty handle
 * (no book, no decks, no referrals; dir NULL).  Free with content_close.
 */
content *content_open(const char *dir, const char *epub, msg_lang lang, unsigned flags);
/* content_close(NULL) is a no-op. */
void content_close(content *c);

/* The number of errors (not warnings) opening met. */
size_t content_errors(const content *c);

/* The content folder to use (heap string), or NULL if none exists. */
char *content_find_dir(const char *override);

/*
 * What `check` looks at in a loaded book beyond what loading it reports:
 * each picture it shows is there, within PIC_MAX_BYTES, and whole and
 * within the pixel limits by its header (core/pic.h); no paragraph is over
 * ~50 KB (slow to lay out).  content_open runs it with CONTENT_CHECK.
 */
void content_check_guide(const guide *g, diag_list *d);

#endif
