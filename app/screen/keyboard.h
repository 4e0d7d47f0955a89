/*
 * keyboard.h - an on-screen keyboard for a kiosk with no keyboard at all:
 * the kana table (あ to ん, with keys that add ゛ or ゜ to the last kana
 * or make it small), a page of Latin letters and numbers, and space,
 * delete one character, clear and close.  Kana are typed as hiragana
 * (search folds katakana to them, so ういるす finds ウイルス).
 *
 * The widget owns no text: a tap edits the strbuf the caller passes.
 *
 * Depends on: widgets, draw.
 */
#ifndef MG_KEYBOARD_H
#define MG_KEYBOARD_H

#include <stdbool.h>

#include "widgets.h"

#define KB_MAX_KEYS 96

typedef enum kb_kind {
    KB_CHAR,  /* types its label */
    KB_VOICE, /* ゛ on the last kana */
    KB_SEMI,  /* ゜ on the last kana */
    KB_SMALL, /* the last kana small (つ to っ) */
    KB_SPACE,
    KB_DELETE,
    KB_CLEAR,
    KB_PAGE,  /* kana / Latin */
    KB_CLOSE,
} kb_kind;

typedef struct kb_key {
    SDL_Rect r;
    kb_kind kind;
    char label[16]; /* KB_CHAR: the character; others: the message's text */
} kb_key;

typedef struct keyboard {
    int page; /* 0: kana, 1: Latin and numbers */
    kb_key keys[KB_MAX_KEYS];
    int nkeys;
    SDL_Rect area;
} keyboard;

/* Place the keys of the current page in area (every key at least 48 px
 * tall at 800x480). */
void kb_layout(keyboard *k, ui_app *app, SDL_Rect area);
/* Draw the keys placed by kb_layout. */
void kb_draw(const keyboard *k, ui_app *app);
/* A tap at (x, y).  Returns -1 when it is on no key; else edits text (for
 * a page change lays the keyboard out again) and returns the key's kind. */
int kb_tap(keyboard *k, ui_app *app, strbuf *text, int x, int y);
/* The box of the key labelled label on the current page (tests, and the
 * caller's hit tests); false when there is none. */
bool kb_find(const keyboard *k, const char *label, SDL_Rect *r);

#endif
