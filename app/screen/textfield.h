/*
 * textfield.h - an editable text field for the staff forms: UTF-8 text
 * with a cursor, a selection (Shift+arrows), copy/cut/paste through the
 * system clipboard, undo, and the input method's composition shown
 * underlined at the cursor until it is committed.
 *
 * Depends on: SDL2 (clipboard), ui.
 */
#ifndef MG_TEXTFIELD_H
#define MG_TEXTFIELD_H

#include "../core/util.h"
#include "action.h"
#include "draw.h"

#define TF_UNDO 32
#define TF_MAX (256 * 1024) /* bytes, as notes_save allows */

typedef struct tf {
    strbuf text;
    size_t cur, anchor; /* byte offsets; anchor != cur: a selection */
    strbuf compose;     /* the input method's text, not yet committed */
    bool multiline;
    bool truncated; /* the last insertion did not fit under TF_MAX */
    char *undo[TF_UNDO];
    size_t undo_cur[TF_UNDO];
    int nundo;
    /* The text as last laid out (the composition spliced in at the
     * cursor), for a width and size: drawn again, measured and searched
     * for the caret without laying it out again while nothing changed. */
    struct {
        strbuf src;
        size_t cstart, cend; /* the composition in src */
        int w, size, h;
        bool valid;
        lay_result lay;
    } cache;
} tf;

void tf_init(tf *f, const char *text, bool multiline);
void tf_fini(tf *f); /* NULL is a no-op */
/* Apply an editing action; true if the text changed (cursor moves: false).
 * clip: the app's own clipboard, used with the system's (none headless). */
bool tf_action(tf *f, const ui_action *a, strbuf *clip);
/* Draw in r (top-left), wrapped to r.w; focus draws the caret.  Returns
 * the height the text needs. */
int tf_draw(tf *f, ui_app *app, SDL_Rect r, int size, bool focus);
/* The height the text needs at width w and size, as tf_draw lays it out
 * (from the same cached layout). */
int tf_measure(tf *f, ui_app *app, int w, int size);
/* Where the caret goes for byte i of the text (tests): the top-left of the
 * line box, relative to the field, in the layout tf_draw uses. */
void tf_caret_at(tf *f, ui_app *app, size_t i, int w, int size, int *x, int *y);
const char *tf_text(const tf *f);

#endif
