/*
 * keyboard.c - the on-screen keyboard (see keyboard.h).
 */
#include "keyboard.h"

#include <stdio.h>
#include <string.h>

#include "ui.h"

/* The kana table by rows of the screen, each a column of the 50-sound
 * table read across (あかさたなはまやらわ), then the mark keys.  An empty
 * string is a gap. */
static const char *const kana_rows[5][11] = {
    {"あ", "か", "さ", "た", "な", "は", "ま", "や", "ら", "わ", "ー"},
    {"い", "き", "し", "ち", "に", "ひ", "み", "", "り", "を", "、"},
    {"う", "く", "す", "つ", "ぬ", "ふ", "む", "ゆ", "る", "ん", "。"},
    {"え", "け", "せ", "て", "ね", "へ", "め", "", "れ", "", "？"},
    {"お", "こ", "そ", "と", "の", "ほ", "も", "よ", "ろ", "", "！"},
};

static const char *const latin_rows[5][11] = {
    {"1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-"},
    {"Q", "W", "E", "R", "T", "Y", "U", "I", "O", "P", "@"},
    {"A", "S", "D", "F", "G", "H", "J", "K", "L", ".", "/"},
    {"Z", "X", "C", "V", "B", "N", "M", "_", ":", "", ""},
    {"", "", "", "", "", "", "", "", "", "", ""},
};

static void add(keyboard *k, kb_kind kind, const char *label, int x, int y, int w, int h)
{
    if (k->nkeys >= KB_MAX_KEYS)
        return;
    kb_key *key = &k->keys[k->nkeys++];
    key->r = (SDL_Rect){x, y, w, h};
    key->kind = kind;
    snprintf(key->label, sizeof key->label, "%s", label);
}

void kb_layout(keyboard *k, ui_app *app, SDL_Rect area)
{
    k->area = area;
    k->nkeys = 0;
    int gap = ui_px(app, 6) > 2 ? ui_px(app, 6) : 2;
    int rows = k->page == 0 ? 6 : 5;
    int kh = (area.h - gap * (rows + 1)) / rows;
    int cols = k->page == 0 ? 12 : 11;
    int kw = (area.w - gap * (cols + 1)) / cols;
    int y = area.y + gap;
    for (int r = 0; r < 5; r++) {
        const char *const *row = k->page == 0 ? kana_rows[r] : latin_rows[r];
        bool any = false;
        for (int c = 0; c < 11; c++)
            any |= *row[c] != '\0';
        if (!any)
            continue;
        for (int c = 0; c < 11; c++)
            if (*row[c])
                add(k, KB_CHAR, row[c], area.x + gap + c * (kw + gap), y, kw, kh);
        if (k->page == 0) { /* the mark keys in a twelfth column */
            int x = area.x + gap + 11 * (kw + gap);
            if (r == 0)
                add(k, KB_VOICE, "\xE3\x82\x9B", x, y, kw, kh); /* ゛ */
            else if (r == 1)
                add(k, KB_SEMI, "\xE3\x82\x9C", x, y, kw, kh); /* ゜ */
            else if (r == 2)
                add(k, KB_SMALL, ui_msg(app, MSG_KB_SMALL), x, y, kw, kh);
        }
        y += kh + gap;
    }
    /* The control row: page, space, delete, clear, close. */
    static const struct {
        kb_kind kind;
        msg_id msg;
        int span;
    } ctl[] = {{KB_PAGE, MSG_KB_LATIN, 2}, {KB_SPACE, MSG_KB_SPACE, 3}, {KB_DELETE, MSG_KB_DELETE, 2},
               {KB_CLEAR, MSG_KB_CLEAR, 2}, {KB_CLOSE, MSG_KB_CLOSE, 2}};
    int units = 11, x = area.x + gap;
    int unit = (area.w - gap * (5 + 1)) / units;
    for (size_t i = 0; i < MG_ARRAY_LEN(ctl); i++) {
        msg_id m = ctl[i].kind == KB_PAGE && k->page == 1 ? MSG_KB_KANA : ctl[i].msg;
        int w = unit * ctl[i].span;
        add(k, ctl[i].kind, ui_msg(app, m), x, y, w, kh);
        x += w + gap;
    }
}

void kb_draw(const keyboard *k, ui_app *app)
{
    const ui_theme *t = &app->theme;
    ui_fill(app, t->lay[LAY_C_TABLE_HEAD_BG], k->area.x, k->area.y, k->area.w, k->area.h);
    for (int i = 0; i < k->nkeys; i++) {
        const kb_key *key = &k->keys[i];
        bool ctl = key->kind != KB_CHAR;
        int size = key->r.h * 45 / 100;
        if (ctl && key->kind != KB_VOICE && key->kind != KB_SEMI && size > ui_px(app, 24))
            size = ui_px(app, 24);
        ui_button(app, key->label, key->r.x, key->r.y, key->r.w, key->r.h,
                  ctl ? t->accent : t->tile_bg, ctl ? t->accent_text : t->text, size);
    }
}

/* The last code point of b and where it starts. */
static uint32_t last_cp(const strbuf *b, size_t *at)
{
    if (!b->len)
        return 0;
    size_t i = b->len - 1;
    while (i > 0 && ((unsigned char)b->s[i] & 0xC0) == 0x80)
        i--;
    *at = i;
    size_t k = i;
    return utf8_next(b->s, b->len, &k);
}

static void put_cp(strbuf *b, uint32_t c)
{
    char u[4] = {(char)(0xE0 | (c >> 12)), (char)(0x80 | ((c >> 6) & 0x3F)),
                 (char)(0x80 | (c & 0x3F)), 0};
    strbuf_add(b, u, 3);
}

static bool in(const char *set, uint32_t c)
{
    size_t i = 0, n = strlen(set);
    while (i < n)
        if (utf8_next(set, n, &i) == c)
            return true;
    return false;
}

/* The last kana with a mark changed: ゛ (か to が, again back), ゜ (は to
 * ぱ), small (つ to っ, again back). */
static void remark(strbuf *b, kb_kind kind)
{
    size_t at = 0;
    uint32_t c = last_cp(b, &at), n = c;
    if (kind == KB_VOICE) {
        if (in("かきくけこさしすせそたちつてとはひふへほ", c))
            n = c + 1;
        else if (in("がぎぐげござじずぜぞだぢづでどばびぶべぼ", c))
            n = c - 1;
        else if (in("ぱぴぷぺぽ", c))
            n = c - 1;
        else if (c == 0x3046) /* う */
            n = 0x3094;
        else if (c == 0x3094)
            n = 0x3046;
    } else if (kind == KB_SEMI) {
        if (in("はひふへほ", c))
            n = c + 2;
        else if (in("ばびぶべぼ", c))
            n = c + 1;
        else if (in("ぱぴぷぺぽ", c))
            n = c - 2;
    } else {
        if (in("あいうえおつやゆよわ", c))
            n = c - 1;
        else if (in("ぁぃぅぇぉっゃゅょゎ", c))
            n = c + 1;
    }
    if (n == c)
        return;
    b->len = at;
    put_cp(b, n);
}

static void erase_last(strbuf *b)
{
    size_t at = 0;
    if (!b->len)
        return;
    last_cp(b, &at);
    b->len = at;
    b->s[at] = '\0';
}

int kb_tap(keyboard *k, ui_app *app, strbuf *text, int x, int y)
{
    for (int i = 0; i < k->nkeys; i++) {
        kb_key *key = &k->keys[i];
        if (!ui_hit(&key->r, x, y))
            continue;
        kb_kind kind = key->kind;
        switch (kind) {
        case KB_CHAR: strbuf_adds(text, key->label); break;
        case KB_VOICE:
        case KB_SEMI:
        case KB_SMALL: remark(text, kind); break;
        case KB_SPACE: strbuf_addc(text, ' '); break;
        case KB_DELETE: erase_last(text); break;
        case KB_CLEAR: strbuf_clear(text); break;
        case KB_PAGE:
            k->page = !k->page;
            kb_layout(k, app, k->area);
            break;
        case KB_CLOSE: break;
        }
        app->dirty = true;
        return (int)kind;
    }
    return -1;
}

bool kb_find(const keyboard *k, const char *label, SDL_Rect *r)
{
    for (int i = 0; i < k->nkeys; i++)
        if (strcmp(k->keys[i].label, label) == 0) {
            *r = k->keys[i].r;
            return true;
        }
    return false;
}
