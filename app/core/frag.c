/*
 * frag.c - fragmented lists (see frag.h).
 */
#include "frag.h"

#include <limits.h>
#include <stdlib.h>

/* The line where the content after b starts: its next sibling's, or its
 * parent's next sibling's, up to the slide's own blocks (whose next one
 * is `after`). */
static int line_after(const doc_block *b, int after)
{
    for (; b && b->kind != DOC_ROOT; b = b->parent)
        if (b->next && (!b->parent || b->parent->kind != DOC_ROOT))
            return b->next->line;
    return after;
}

static void walk(deck_slide *sl, const doc_block *b, int after, size_t *cap, int depth)
{
    if (depth > 64)
        return;
    for (; b; b = b->next) {
        bool fragmented = b->kind == DOC_LIST && (b->ordered ? b->mark == ')' : b->mark == '*');
        if (fragmented)
            for (const doc_block *it = b->first; it; it = it->next) {
                vec_reserve((void **)&sl->frags, cap, (size_t)sl->nfrags + 1, sizeof(deck_frag));
                int end = it->next ? it->next->line : line_after(b, after);
                sl->frags[sl->nfrags++] = (deck_frag){it->line, end > it->line ? end : it->line + 1};
                walk(sl, it->first, after, cap, depth + 1);
            }
        else
            walk(sl, b->first, after, cap, depth + 1);
    }
}

void frag_collect(deck_slide *sl)
{
    size_t cap = 0;
    sl->frags = NULL;
    sl->nfrags = 0;
    for (size_t i = 0; i < sl->nblocks; i++) {
        /* The slide's own blocks are top-level blocks of the document: the
         * content after the last of them belongs to the next slide. */
        int after = i + 1 < sl->nblocks ? sl->blocks[i + 1]->line : INT_MAX;
        const doc_block *b = sl->blocks[i];
        bool fragmented = b->kind == DOC_LIST && (b->ordered ? b->mark == ')' : b->mark == '*');
        if (fragmented)
            for (const doc_block *it = b->first; it; it = it->next) {
                vec_reserve((void **)&sl->frags, &cap, (size_t)sl->nfrags + 1, sizeof(deck_frag));
                int end = it->next ? it->next->line : after;
                sl->frags[sl->nfrags++] = (deck_frag){it->line, end > it->line ? end : it->line + 1};
                walk(sl, it->first, end, &cap, 1);
            }
        else
            walk(sl, b->first, after, &cap, 1);
    }
}

bool frag_hidden(const deck_slide *sl, int shown, int line)
{
    if (shown < 0 || line <= 0)
        return false;
    for (int j = shown; j < sl->nfrags; j++)
        if (line >= sl->frags[j].line && line < sl->frags[j].end)
            return true;
    return false;
}

void frag_hide(lay_result *r, const deck_slide *sl, int shown)
{
    if (shown < 0 || shown >= sl->nfrags)
        return;
    size_t m = 0;
    for (size_t i = 0; i < r->n; i++)
        if (!frag_hidden(sl, shown, r->items[i].line))
            r->items[m++] = r->items[i];
    r->n = m;
}
