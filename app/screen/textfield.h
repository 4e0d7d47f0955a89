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
} tf;

void tf_init(tf *f, const char *text, bool multiline);
void tf_fini(tf *f); /* NULL is a no-op */
/* Apply an editing action; true if the text changed (cursor moves: false).
 * clip: the app's own clipboard, used with the system's (none headless). */
bool tf_action(tf *f, const ui_action *a, strbuf *clip);
/* Draw in r (top-left), wrapped to r.w; focus draws the caret.  Returns
 * the height the text needs. */
int tf_draw(tf *f, ui_app *app, SDL_Rect r, int size, bool focus);
const char *tf_text(const tf *f);

#endif
