/*
 * frag.h - Marp's fragmented lists: the items of a bullet list written
 * with `*` and of an ordered list written with `1)` appear one by one.
 *
 * The rule is Marpit's (src/markdown/fragment.js, docs/fragmented-list.md):
 * every list item of such a list is a fragment, numbered from 1 in the
 * order of the slide's source, nested ones included; `-`, `+` and `1.`
 * lists are not fragmented (their items come with their parent).  As in
 * Marp's bespoke viewer a hidden fragment keeps its place: the slide is
 * laid out whole and the items of later fragments are left out.
 *
 * Each fragment is known by its source lines, which every laid-out item
 * carries (lay_item.line), so no layout has to know about fragments.
 *
 * Depends on: deck, layout.
 */
#ifndef MG_FRAG_H
#define MG_FRAG_H

#include "deck.h"
#include "layout.h"

/* One fragment: the list item on source lines [line, end). */
typedef struct deck_frag {
    int line, end;
} deck_frag;

/* Find the fragments of sl's blocks into sl->frags / sl->nfrags (the
 * slide owns the array; deck_free frees it). */
void frag_collect(deck_slide *sl);

/* Is an item from source line `line` hidden when the first `shown`
 * fragments are shown?  shown < 0 or >= sl->nfrags: nothing is hidden. */
bool frag_hidden(const deck_slide *sl, int shown, int line);

/* Leave out of r the items frag_hidden hides (texts stay in r's arena). */
void frag_hide(lay_result *r, const deck_slide *sl, int shown);

#endif
