/*
 * guide.h - the bundled guidebook: the .md files in assets/guidebook, one chapter a
 * file, ordered by the `order` key of each front matter.
 *
 * A chapter that cannot be read or has errors is reported and, where there
 * is text, still shown: the kiosk never goes blank because of one file.
 *
 * Depends on: doc, diag, util.
 */
#ifndef MG_GUIDE_H
#define MG_GUIDE_H

#include <stddef.h>

#include "diag.h"
#include "doc.h"

typedef struct guide_chapter {
    char *path;
    char *title;     /* front matter title, else the first heading, else the file name */
    int order;
    char **keywords; /* from the comma-separated keywords value */
    size_t nkeywords;
    doc_t *doc;
} guide_chapter;

typedef struct guide {
    guide_chapter *ch;
    size_t n;
} guide;

/*
 * Load every .md file in dir into g (caller storage, zeroed by this call).
 * Problems go to d.  Returns the number of chapters loaded.
 */
size_t guide_load_dir(guide *g, const char *dir, diag_list *d);
void guide_fini(guide *g);

#endif
