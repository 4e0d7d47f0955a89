/*
 * content.h - where the content lives and `madoguchi check`.
 *
 * Content is read-only: --content DIR, else $MADOGUCHI_CONTENT, else the
 * source tree the binary was built from (when it is still there), else the
 * installed share/madoguchi folder.
 *
 * Depends on: guide, doc, fm, diag.
 */
#ifndef MG_CONTENT_H
#define MG_CONTENT_H

#include "diag.h"

/* The content folder to use (heap string), or NULL if none exists. */
char *content_find_dir(const char *override);

/*
 * Validate every content file under dir: guidebook chapters and decks.
 * Problems go to d; *files receives how many files were read.
 */
void content_check(const char *dir, diag_list *d, int *files);

/*
 * What `check` looks at in a loaded book beyond what loading it reports:
 * each picture it shows is there, within PIC_MAX_BYTES, and whole and
 * within the pixel limits by its header (core/pic.h); no paragraph is over
 * ~50 KB (slow to lay out).  content_check runs it on the guidebook; call it
 * on an EPUB loaded with guide_load.
 */
struct guide;
void content_check_guide(const struct guide *g, diag_list *d);

#endif
