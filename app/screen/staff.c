/*
 * staff.c - staff mode: the PIN pad, the list of consultation notes and
 * the note editor.
 *
 * Visitors reach none of this: the way in is hidden (Ctrl+Alt+S, or two
 * seconds held on the top-left corner) and ends at the PIN pad.  Staff mode
 * locks itself after app->staff_idle_ms untouched (ui_idle), and the lock
 * button or Back from the list locks it at once.  The editor saves every
 * change within a second, without a save button; a save that fails says
 * why and keeps what was typed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "../core/notes.h"
#include "../core/pin.h"
#include "textfield.h"
#include "ui.h"

#define cat_codes(i) rec_categories[i].code
#define cat_labels(i) rec_categories[i].label
#define ch_codes(i) rec_channels[i].code
#define ch_labels(i) rec_channels[i].label

static store *open_notes(ui_app *app, char *err, size_t n)
{
    if (!app->notes) {
        char *path = app->db_path ? xstrdup(app->db_path) : store_default_path();
        app->notes = store_open(path, err, n);
        free(path);
    }
    return app->notes;
}

/* The PIN was right: the notes list, and on it the note the disk refused
 * before the lock, if any, so it is in front of the staff again. */
static void enter_staff(ui_app *app)
{
    app->staff = true;
    ui_pop(app);
    ui_push(app, &staff_view, 0);
    if (app->unsaved)
        ui_push(app, &editor_view, 0);
}

static int bar_h(const ui_app *app)
{
    return ui_px(app, 96);
}

static void draw_bar(ui_app *app, const char *title, SDL_Rect *back, const char *back_label)
{
    const ui_theme *t = &app->theme;
    int bh = bar_h(app), m = ui_px(app, 16);
    ui_fill(app, (SDL_Color){60, 40, 20, 255}, 0, 0, app->w, bh); /* staff: another colour */
    *back = ui_button(app, back_label, m, m, ui_px(app, 180), bh - 2 * m, t->accent,
                      t->accent_text, ui_px(app, 28));
    int ts = ui_px(app, 32);
    txt_draw(app->txt, title, strlen(title), ts, DOC_S_BOLD, t->header_text,
             ui_px(app, 180) + 3 * m, (bh - txt_height(app->txt, ts)) / 2);
}

/* ---- the PIN pad ---- */

typedef struct pad {
    char entry[16];
    char first[16]; /* setting a new PIN: the first entry */
    bool setting;
    msg_id status;
    int status_arg;
    char err[256];
    SDL_Rect keys[12], back;
} pad;

static long long now_ms(ui_app *app)
{
    return (long long)app->ticks();
}

static void *pad_open(ui_app *app, int arg)
{
    (void)arg;
    pad *p = xcalloc(1, sizeof *p);
    store *db = open_notes(app, p->err, sizeof p->err);
    int set = db ? pin_is_set(db, p->err, sizeof p->err) : -1;
    p->setting = set == 0; /* a PIN that could not be read is not offered anew */
    p->status = p->setting ? MSG_PIN_NEW : MSG_PIN_TITLE;
    return p;
}

static void pad_close(void *v)
{
    pad *p = v;
    if (p)
        sodium_memzero(p, sizeof *p);
    free(p);
}

static void pad_resize(void *v, ui_app *app)
{
    pad *p = v;
    int kw = ui_px(app, 150), kh = ui_px(app, 84), gap = ui_px(app, 12);
    int x0 = (app->w - 3 * kw - 2 * gap) / 2, y0 = bar_h(app) + ui_px(app, 170);
    if (y0 + 4 * kh + 3 * gap > app->h) { /* a small screen: smaller keys */
        kh = (app->h - y0 - 3 * gap - gap) / 4;
    }
    for (int i = 0; i < 12; i++)
        p->keys[i] = (SDL_Rect){x0 + (i % 3) * (kw + gap), y0 + (i / 3) * (kh + gap), kw, kh};
    app->dirty = true;
}

static void pad_submit(pad *p, ui_app *app)
{
    char err[256];
    store *db = open_notes(app, err, sizeof err);
    if (!db)
        return;
    long long now = now_ms(app);
    if (p->setting) {
        if (!pin_valid(p->entry)) {
            p->status = MSG_PIN_INVALID;
        } else if (!p->first[0]) {
            snprintf(p->first, sizeof p->first, "%s", p->entry);
            p->status = MSG_PIN_AGAIN;
        } else if (strcmp(p->first, p->entry) != 0) {
            p->first[0] = '\0';
            p->status = MSG_PIN_MISMATCH;
        } else {
            if (pin_set(db, p->entry, err, sizeof err)) {
                enter_staff(app);
                return;
            }
        }
    } else if (pin_wait(&app->pin_guard, now) == 0) {
        p->err[0] = '\0';
        int got = pin_verify(db, p->entry, p->err, sizeof p->err);
        bool ok = got > 0;
        if (got >= 0)
            pin_record(&app->pin_guard, ok, now);
        if (ok) {
            enter_staff(app);
            return;
        }
    }
    sodium_memzero(p->entry, sizeof p->entry);
    app->dirty = true;
}

static void pad_key(pad *p, ui_app *app, int k)
{
    size_t n = strlen(p->entry);
    if (k == 9) { /* delete */
        if (n)
            p->entry[n - 1] = '\0';
    } else if (k == 11) {
        pad_submit(p, app);
        return;
    } else if (n < 12) {
        p->entry[n] = (char)('0' + (k == 10 ? 0 : k + 1));
        p->entry[n + 1] = '\0';
    }
    app->dirty = true;
}

static void pad_action(void *v, ui_app *app, const ui_action *a)
{
    pad *p = v;
    switch (a->kind) {
    case ACT_BACK: ui_pop(app); return;
    case ACT_DIGIT: pad_key(p, app, a->x == 0 ? 10 : a->x - 1); break;
    case ACT_ERASE: pad_key(p, app, 9); break;
    case ACT_SELECT: pad_key(p, app, 11); break;
    case ACT_TAP:
        if (ui_hit(&p->back, a->x, a->y)) {
            ui_pop(app);
            return;
        }
        for (int i = 0; i < 12; i++)
            if (ui_hit(&p->keys[i], a->x, a->y))
                pad_key(p, app, i);
        break;
    default: break;
    }
}

static void pad_draw(void *v, ui_app *app)
{
    pad *p = v;
    const ui_theme *t = &app->theme;
    draw_bar(app, ui_msg(app, MSG_PIN_TITLE), &p->back, ui_msg(app, MSG_BACK));
    char line[256];
    long long wait = pin_wait(&app->pin_guard, now_ms(app));
    if (p->err[0])
        snprintf(line, sizeof line, ui_msg(app, MSG_ERR_NOTES_DB), p->err);
    else if (!p->setting && wait > 0)
        snprintf(line, sizeof line,
                 ui_msg(app, app->pin_guard.locked ? MSG_PIN_LOCKED : MSG_PIN_WRONG),
                 (int)((wait + 999) / 1000));
    else
        snprintf(line, sizeof line, "%s", ui_msg(app, p->status));
    int s = ui_px(app, 30);
    int w = txt_width(app->txt, line, strlen(line), s, DOC_S_BOLD);
    txt_draw(app->txt, line, strlen(line), s, DOC_S_BOLD, wait > 0 ? (SDL_Color){190, 40, 30, 255} : t->text,
             (app->w - w) / 2, bar_h(app) + ui_px(app, 30));
    /* The PIN as dots, never as digits. */
    size_t n = strlen(p->entry);
    int d = ui_px(app, 24), gap = ui_px(app, 14), total = (int)n * (d + gap);
    for (size_t i = 0; i < n; i++)
        ui_fill(app, t->text, (app->w - total) / 2 + (int)i * (d + gap), bar_h(app) + ui_px(app, 100),
                d, d);
    static const char *const labels[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", NULL, "0", NULL};
    for (int i = 0; i < 12; i++) {
        const char *l = labels[i] ? labels[i] : ui_msg(app, i == 9 ? MSG_PIN_DEL : MSG_PIN_OK);
        ui_button(app, l, p->keys[i].x, p->keys[i].y, p->keys[i].w, p->keys[i].h,
                  i == 11 ? t->accent : t->tile_bg, i == 11 ? t->accent_text : t->text,
                  ui_px(app, i == 9 || i == 11 ? 28 : 40));
        if (i != 11)
            ui_frame(app, t->tile_border, p->keys[i].x, p->keys[i].y, p->keys[i].w, p->keys[i].h, 1);
    }
}

static int pad_timeout(void *v, ui_app *app)
{
    (void)v;
    long long wait = pin_wait(&app->pin_guard, now_ms(app));
    return wait > 0 ? (int)(wait % 1000 + 1) : -1; /* the countdown, each second */
}

const ui_view_ops pin_view = {
    .name = "pin",
    .open = pad_open,
    .close = pad_close,
    .resize = pad_resize,
    .action = pad_action,
    .draw = pad_draw,
    .timeout = pad_timeout,
};

/* ---- the list of notes ---- */

typedef struct nlist {
    note *v;
    size_t n;
    int filter;    /* -1 all, 0..6 a category, 7 follow-up */
    tf query;
    SDL_Rect back, add, chips[9], box, list;
    int row_h, scroll, max_scroll;
    int *shown; /* indexes of the notes that pass the filter */
    size_t nshown;
    char err[256];
} nlist;

static void nl_refresh(nlist *l, ui_app *app)
{
    notes_free(l->v, l->n);
    l->v = NULL;
    l->n = 0;
    store *db = open_notes(app, l->err, sizeof l->err);
    notes_query q = {.words = tf_text(&l->query),
                     .category = l->filter >= 0 && l->filter < 7 ? cat_codes(l->filter) : NULL,
                     .followup = l->filter == 7,
                     .max = 100000};
    if (db) /* search (FTS5) and filters run in the database; a failure says so */
        notes_search(db, &q, &l->v, &l->n, l->err, sizeof l->err);
    free(l->shown);
    l->shown = xcalloc(l->n + 1, sizeof(int));
    l->nshown = 0;
    for (size_t i = 0; i < l->n; i++)
        l->shown[l->nshown++] = (int)i;
    app->dirty = true;
}

static void *nl_open(ui_app *app, int arg)
{
    (void)arg;
    if (!app->staff)
        return NULL; /* never without the PIN */
    nlist *l = xcalloc(1, sizeof *l);
    l->filter = -1;
    tf_init(&l->query, "", false);
    nl_refresh(l, app);
    return l;
}

static void nl_close(void *v)
{
    nlist *l = v;
    if (!l)
        return;
    notes_free(l->v, l->n);
    free(l->shown);
    tf_fini(&l->query);
    free(l);
}

static void nl_resize(void *v, ui_app *app)
{
    nlist *l = v;
    nl_refresh(l, app); /* back from the editor: show what it saved */
}

static void lock(ui_app *app)
{
    app->staff = false;
    ui_home(app);
}

static void nl_action(void *v, ui_app *app, const ui_action *a)
{
    nlist *l = v;
    switch (a->kind) {
    case ACT_BACK: lock(app); return;
    case ACT_TEXT:
    case ACT_COMPOSE:
    case ACT_ERASE:
    case ACT_PASTE:
        if (tf_action(&l->query, a, &app->clipboard))
            nl_refresh(l, app);
        app->dirty = true;
        return;
    case ACT_SCROLL:
    case ACT_DRAG: {
        int dy = a->kind == ACT_SCROLL ? a->dy * ui_px(app, 80) : -a->dy;
        int s = l->scroll + dy;
        l->scroll = s < 0 ? 0 : s > l->max_scroll ? l->max_scroll : s;
        app->dirty = true;
        return;
    }
    case ACT_TAP:
        if (ui_hit(&l->back, a->x, a->y)) {
            lock(app);
            return;
        }
        if (ui_hit(&l->add, a->x, a->y)) {
            app->open_note[0] = '\0';
            ui_push(app, &editor_view, 0);
            return;
        }
        for (int i = 0; i < 9; i++)
            if (ui_hit(&l->chips[i], a->x, a->y)) {
                l->filter = i - 1;
                nl_refresh(l, app);
                return;
            }
        if (ui_hit(&l->list, a->x, a->y) && l->row_h) {
            int r = (a->y - l->list.y + l->scroll) / l->row_h;
            if (r >= 0 && (size_t)r < l->nshown) {
                snprintf(app->open_note, sizeof app->open_note, "%s", l->v[l->shown[r]].id);
                ui_push(app, &editor_view, 0);
            }
        }
        return;
    default: return;
    }
}

static const char *cat_label(ui_app *app, const char *code)
{
    for (size_t i = 0; i < rec_ncategories; i++)
        if (code && !strcmp(code, cat_codes(i)))
            return ui_msg(app, cat_labels(i));
    return code ? code : "";
}

static void nl_draw(void *v, ui_app *app)
{
    nlist *l = v;
    const ui_theme *t = &app->theme;
    draw_bar(app, ui_msg(app, MSG_NOTES_TITLE), &l->back, ui_msg(app, MSG_NOTES_LOCK));
    int m = ui_px(app, 16), bh = bar_h(app);
    int bw = ui_px(app, 260);
    l->add = ui_button(app, ui_msg(app, MSG_NOTES_NEW), app->w - bw - m, m, bw, bh - 2 * m,
                       t->focus, t->text, ui_px(app, 28));
    /* Filters: all, the seven categories, follow-up. */
    int x = m, y = bh + m, ch = ui_px(app, 48), cs = ui_px(app, 20);
    for (int i = 0; i < 9; i++) {
        const char *lab = i == 0 ? ui_msg(app, MSG_NOTES_ALL)
                          : i == 8 ? ui_msg(app, MSG_NOTES_FOLLOWUP)
                                   : ui_msg(app, cat_labels(i - 1));
        int w = txt_width(app->txt, lab, strlen(lab), cs, 0) + ui_px(app, 24);
        if (x + w > app->w - m) {
            x = m;
            y += ch + m / 2;
        }
        bool on = l->filter == i - 1;
        l->chips[i] = ui_button(app, lab, x, y, w, ch, on ? t->accent : t->tile_bg,
                                on ? t->accent_text : t->accent, cs);
        x += w + m / 2;
    }
    y += ch + m;
    l->box = (SDL_Rect){m, y, app->w - 2 * m, ui_px(app, 56)};
    ui_fill(app, t->tile_bg, l->box.x, l->box.y, l->box.w, l->box.h);
    ui_frame(app, t->tile_border, l->box.x, l->box.y, l->box.w, l->box.h, 1);
    tf_draw(&l->query, app,
            (SDL_Rect){l->box.x + m, l->box.y + ui_px(app, 8), l->box.w - 2 * m, l->box.h}, ui_px(app, 28),
            true);
    y += l->box.h + m;
    l->list = (SDL_Rect){m, y, app->w - 2 * m, app->h - y};
    l->row_h = ui_px(app, 76);
    l->max_scroll = (int)l->nshown * l->row_h > l->list.h ? (int)l->nshown * l->row_h - l->list.h : 0;
    SDL_RenderSetClipRect(app->ren, &l->list);
    if (l->nshown == 0) {
        const char *e = l->err[0] ? l->err : ui_msg(app, MSG_NOTES_EMPTY);
        txt_draw(app->txt, e, strlen(e), ui_px(app, 26), 0, t->muted, m, y + m);
    }
    for (size_t r = 0; r < l->nshown; r++) {
        const note *n = &l->v[l->shown[r]];
        int ry = l->list.y + (int)r * l->row_h - l->scroll;
        if (ry + l->row_h < l->list.y || ry > l->list.y + l->list.h)
            continue;
        ui_fill(app, t->tile_bg, l->list.x, ry, l->list.w, l->row_h - 4);
        ui_frame(app, t->tile_border, l->list.x, ry, l->list.w, l->row_h - 4, 1);
        time_t secs = (time_t)(n->updated / 1000);
        struct tm tm;
        localtime_r(&secs, &tm);
        char head[256], q[160];
        snprintf(head, sizeof head, "%04d-%02d-%02d %02d:%02d  %s  %s%s", tm.tm_year + 1900,
                 tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, cat_label(app, n->category),
                 n->company ? n->company : "", n->followup ? "  ●" : "");
        snprintf(q, sizeof q, "%s", n->question ? n->question : "");
        for (char *c = q; *c; c++)
            if (*c == '\n')
                *c = ' ';
        int s1 = ui_px(app, 20), s2 = ui_px(app, 26);
        txt_draw(app->txt, head, strlen(head), s1, 0, t->muted, l->list.x + m, ry + ui_px(app, 6));
        txt_draw(app->txt, q, strlen(q), s2, DOC_S_BOLD, t->text, l->list.x + m,
                 ry + ui_px(app, 6) + txt_height(app->txt, s1));
    }
    SDL_RenderSetClipRect(app->ren, NULL);
}

const ui_view_ops staff_view = {
    .name = "notes",
    .open = nl_open,
    .close = nl_close,
    .resize = nl_resize,
    .action = nl_action,
    .draw = nl_draw,
    .wants_text = ui_wants_text_always, /* the list's search box */
};

/* ---- the editor ---- */

enum field_kind { F_TEXT, F_LINES, F_CHIPS, F_MULTI, F_TOGGLE };

typedef struct field {
    enum field_kind kind;
    msg_id label;
    tf text;       /* F_TEXT, F_LINES */
    int choice;    /* F_CHIPS: index, -1 none */
    unsigned set;  /* F_MULTI: bits; F_TOGGLE: 0/1 */
    int ncodes;
    SDL_Rect box;  /* where it was drawn (content coordinates) */
    SDL_Rect opt[32];
    int hot;       /* keyboard highlight in a chip group */
} field;

/* Form order = Tab order: what is asked first comes first; the names of
 * the event and the staff, the same all day, come last. */
enum { E_CHANNEL, E_COMPANY, E_INDUSTRY, E_SIZE, E_QUESTION, E_CATEGORY, E_LAW, E_LEGAL,
       E_ANSWER, E_REFS, E_REFTEXT, E_FOLLOWUP, E_FAQ, E_MEMO, E_EVENT, E_CONSULTANT, E_SCRIBE,
       E_COUNT };

typedef struct editor {
    note n;
    field f[E_COUNT];
    int focus;
    Uint32 changed_at; /* 0: saved */
    Uint32 retry_at;   /* the disk refused the last save: try again then (0: no) */
    char status[300];
    bool failed;
    ui_app *app;
    int scroll, max_scroll;
    bool reveal; /* scroll the focused field into view at the next draw */
    SDL_Rect back, area, print;
} editor;

static void set_field_text(field *f, enum field_kind k, msg_id label, const char *text)
{
    f->kind = k;
    f->label = label;
    tf_init(&f->text, text, k == F_LINES);
}

static void *ed_open(ui_app *app, int arg)
{
    (void)arg;
    if (!app->staff)
        return NULL;
    editor *e = xcalloc(1, sizeof *e);
    e->app = app;
    char err[256];
    store *db = open_notes(app, err, sizeof err);
    if (app->unsaved) { /* refused by the disk before: back in the editor, retried */
        e->n = *app->unsaved;
        free(app->unsaved);
        app->unsaved = NULL;
        e->retry_at = app->ticks() + 1;
        e->failed = true;
        snprintf(e->status, sizeof e->status, ui_msg(app, MSG_NOTES_UNSAVED),
                 ui_msg(app, MSG_NOTES_LOST));
    } else if (db && app->open_note[0])
        notes_get(db, app->open_note, &e->n, err, sizeof err);
    note *n = &e->n;
    field *f = e->f;
    f[E_CHANNEL] = (field){.kind = F_CHIPS, .label = MSG_F_CHANNEL, .choice = -1, .ncodes = 5};
    for (int i = 0; i < 5; i++)
        if (n->channel && !strcmp(n->channel, ch_codes(i)))
            f[E_CHANNEL].choice = i;
    set_field_text(&f[E_EVENT], F_TEXT, MSG_F_EVENT, n->event);
    set_field_text(&f[E_CONSULTANT], F_TEXT, MSG_F_CONSULTANT, n->consultant);
    set_field_text(&f[E_SCRIBE], F_TEXT, MSG_F_SCRIBE, n->scribe);
    set_field_text(&f[E_COMPANY], F_TEXT, MSG_F_COMPANY, n->company);
    set_field_text(&f[E_INDUSTRY], F_TEXT, MSG_F_INDUSTRY, n->industry);
    set_field_text(&f[E_SIZE], F_TEXT, MSG_F_SIZE, n->size);
    set_field_text(&f[E_QUESTION], F_LINES, MSG_F_QUESTION, n->question);
    f[E_CATEGORY] = (field){.kind = F_CHIPS, .label = MSG_F_CATEGORY, .choice = -1, .ncodes = 7};
    for (int i = 0; i < 7; i++)
        if (n->category && !strcmp(n->category, cat_codes(i)))
            f[E_CATEGORY].choice = i;
    f[E_LAW] = (field){.kind = F_TOGGLE, .label = MSG_F_LAW, .set = n->law};
    f[E_LEGAL] = (field){.kind = F_TOGGLE, .label = MSG_F_LEGAL, .set = n->legal};
    set_field_text(&f[E_ANSWER], F_LINES, MSG_F_ANSWER, n->answer);
    f[E_REFS] = (field){.kind = F_MULTI, .label = MSG_F_REFERRALS,
                        .ncodes = (int)MG_MIN(app->refs.n, 32)};
    for (int i = 0; i < f[E_REFS].ncodes; i++) {
        const char *id = app->refs.a[i].id;
        for (const char *p = n->referrals ? strstr(n->referrals, id) : NULL; p;
             p = strstr(p + 1, id)) {
            size_t k = strlen(id);
            if ((p == n->referrals || p[-1] == ',') && (p[k] == ',' || !p[k]))
                f[E_REFS].set |= 1u << i;
        }
    }
    set_field_text(&f[E_REFTEXT], F_TEXT, MSG_F_REFTEXT, n->referral_text);
    f[E_FOLLOWUP] = (field){.kind = F_TOGGLE, .label = MSG_F_FOLLOWUP, .set = n->followup};
    f[E_FAQ] = (field){.kind = F_TOGGLE, .label = MSG_F_FAQ, .set = n->faq};
    set_field_text(&f[E_MEMO], F_LINES, MSG_F_MEMO, n->memo);
    e->focus = E_QUESTION;
    e->reveal = true;
    return e;
}

/* The form into the record and onto disk. */
static void ed_save(editor *e, ui_app *app)
{
    note *n = &e->n;
    char **texts[] = {&n->event, &n->consultant, &n->scribe, &n->company, &n->industry,
                      &n->size, &n->question, &n->answer, &n->referral_text, &n->memo};
    int ids[] = {E_EVENT, E_CONSULTANT, E_SCRIBE, E_COMPANY, E_INDUSTRY,
                 E_SIZE, E_QUESTION, E_ANSWER, E_REFTEXT, E_MEMO};
    for (size_t i = 0; i < MG_ARRAY_LEN(ids); i++) {
        free(*texts[i]);
        *texts[i] = xstrdup(tf_text(&e->f[ids[i]].text));
    }
    free(n->channel);
    n->channel = e->f[E_CHANNEL].choice >= 0 ? xstrdup(ch_codes(e->f[E_CHANNEL].choice)) : NULL;
    free(n->category);
    /* Not yet chosen: "other", so a half-written note is still kept. */
    n->category = xstrdup(e->f[E_CATEGORY].choice >= 0 ? cat_codes(e->f[E_CATEGORY].choice)
                                                       : "other");
    strbuf refs;
    strbuf_init(&refs);
    for (int i = 0; i < e->f[E_REFS].ncodes; i++)
        if (e->f[E_REFS].set & (1u << i)) {
            if (refs.len)
                strbuf_addc(&refs, ',');
            strbuf_adds(&refs, app->refs.a[i].id);
        }
    free(n->referrals);
    n->referrals = strbuf_take(&refs);
    n->law = e->f[E_LAW].set;
    n->legal = e->f[E_LEGAL].set;
    n->followup = e->f[E_FOLLOWUP].set;
    n->faq = e->f[E_FAQ].set;
    e->changed_at = 0;
    if (!n->question || !*n->question) {
        e->retry_at = 0;
        return; /* nothing to keep yet */
    }
    char err[256];
    store *db = open_notes(app, err, sizeof err);
    if (db && notes_save(db, n, ui_wall_ms(), err, sizeof err)) {
        time_t now = time(NULL);
        struct tm tm;
        localtime_r(&now, &tm);
        char when[16];
        snprintf(when, sizeof when, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
        snprintf(e->status, sizeof e->status, ui_msg(app, MSG_NOTES_SAVED), when);
        e->failed = false;
        e->retry_at = 0;
        snprintf(app->open_note, sizeof app->open_note, "%s", n->id);
    } else {
        /* Said in the staff's language when it is the disk; the note stays
         * in the fields and is saved again every few seconds. */
        static const msg_id why[] = {[STORE_FAIL_FULL] = MSG_SAVE_FULL,
                                     [STORE_FAIL_READONLY] = MSG_SAVE_READONLY,
                                     [STORE_FAIL_IO] = MSG_SAVE_IO};
        store_fail f = store_failure(db);
        snprintf(e->status, sizeof e->status, ui_msg(app, MSG_NOTES_UNSAVED),
                 f == STORE_FAIL_OTHER ? err : ui_msg(app, why[f]));
        e->failed = true;
        e->retry_at = app->ticks() + 3000;
        if (!e->retry_at)
            e->retry_at = 1;
    }
    app->dirty = true;
}

static void ed_close(void *v)
{
    editor *e = v;
    if (!e)
        return;
    /* Closed with the disk refusing (the idle lock, quitting): one more try,
     * then the note is kept by the app and comes back after the PIN. */
    if (e->changed_at || e->retry_at) {
        ed_save(e, e->app);
        if (e->retry_at && !e->app->unsaved) {
            e->app->unsaved = xmalloc(sizeof *e->app->unsaved);
            *e->app->unsaved = e->n;
            memset(&e->n, 0, sizeof e->n);
        } else if (e->retry_at) /* one is kept already (cannot happen: it reopens first) */
            fprintf(stderr, "madoguchi: %s\n", ui_msg(e->app, MSG_NOTES_LOST));
    }
    for (int i = 0; i < E_COUNT; i++)
        if (e->f[i].kind == F_TEXT || e->f[i].kind == F_LINES)
            tf_fini(&e->f[i].text);
    note_fini(&e->n);
    free(e);
}

static void ed_resize(void *v, ui_app *app)
{
    (void)v;
    app->dirty = true;
}

static void touched(editor *e, ui_app *app)
{
    if (!e->changed_at)
        e->changed_at = app->ticks() ? app->ticks() : 1;
    app->dirty = true;
}

static void focus_move(editor *e, int dir)
{
    e->focus = (e->focus + dir + E_COUNT) % E_COUNT;
    e->reveal = true;
}

static void ed_action(void *v, ui_app *app, const ui_action *a)
{
    editor *e = v;
    field *f = &e->f[e->focus];
    switch (a->kind) {
    case ACT_BACK:
        if (e->changed_at)
            ed_save(e, app);
        if (!e->failed)
            ui_pop(app); /* a failed save keeps the editor open: nothing is lost */
        return;
    case ACT_FOCUS_NEXT:
    case ACT_FOCUS_PREV:
        focus_move(e, a->kind == ACT_FOCUS_NEXT ? 1 : -1);
        app->dirty = true;
        return;
    case ACT_SCROLL:
    case ACT_DRAG: {
        int dy = a->kind == ACT_SCROLL ? a->dy * ui_px(app, 80) : -a->dy;
        int s = e->scroll + dy;
        e->scroll = s < 0 ? 0 : s > e->max_scroll ? e->max_scroll : s;
        app->dirty = true;
        return;
    }
    case ACT_TAP: {
        if (ui_hit(&e->back, a->x, a->y)) {
            ed_action(v, app, &(ui_action){.kind = ACT_BACK});
            return;
        }
        if (ui_hit(&e->print, a->x, a->y)) { /* the summary for the visitor */
            ed_save(e, app);
            if (!e->failed && e->n.id[0])
                ui_print(app, HANDOUT_CONSULT, 0, e->n.id, ui_msg(app, MSG_CONSULT_TITLE));
            return;
        }
        int cx = a->x, cy = a->y - e->area.y + e->scroll;
        for (int i = 0; i < E_COUNT; i++) {
            field *g = &e->f[i];
            for (int k = 0; k < g->ncodes && (g->kind == F_CHIPS || g->kind == F_MULTI); k++)
                if (ui_hit(&g->opt[k], cx, cy)) {
                    e->focus = i;
                    if (g->kind == F_CHIPS)
                        g->choice = g->choice == k ? -1 : k;
                    else
                        g->set ^= 1u << k;
                    touched(e, app);
                    return;
                }
            if (ui_hit(&g->box, cx, cy)) {
                e->focus = i;
                if (g->kind == F_TOGGLE) {
                    g->set = !g->set;
                    touched(e, app);
                }
                app->dirty = true;
                return;
            }
        }
        return;
    }
    default: break;
    }
    if (f->kind == F_TEXT || f->kind == F_LINES) {
        /* Enter in a one-line field moves on, as in a paper form. */
        if (a->kind == ACT_SELECT && f->kind == F_TEXT) {
            focus_move(e, 1);
            app->dirty = true;
            return;
        }
        if (tf_action(&f->text, a, &app->clipboard))
            touched(e, app);
        if (f->text.truncated) { /* say so where it happened; what fits is kept */
            snprintf(e->status, sizeof e->status, ui_msg(app, MSG_NOTES_TOO_LONG),
                     ui_msg(app, f->label), TF_MAX / 1024);
            e->failed = true;
            f->text.truncated = false;
        }
        app->dirty = true;
        return;
    }
    /* Chip groups and toggles from the keyboard: arrows move, Space/Enter picks. */
    int n = f->kind == F_TOGGLE ? 1 : f->ncodes;
    if (a->kind == ACT_NEXT || a->kind == ACT_PREV) {
        f->hot = (f->hot + (a->kind == ACT_NEXT ? 1 : n - 1)) % (n ? n : 1);
        app->dirty = true;
    } else if (a->kind == ACT_SELECT || a->kind == ACT_PAGE_DOWN) {
        if (f->kind == F_CHIPS)
            f->choice = f->choice == f->hot ? -1 : f->hot;
        else if (f->kind == F_MULTI)
            f->set ^= 1u << f->hot;
        else
            f->set = !f->set;
        touched(e, app);
    } else if (a->kind == ACT_DOWN || a->kind == ACT_UP) {
        focus_move(e, a->kind == ACT_DOWN ? 1 : -1);
        app->dirty = true;
    }
}

static const char *opt_label(ui_app *app, const field *f, int i, int which)
{
    if (which == E_CHANNEL)
        return ui_msg(app, ch_labels(i));
    if (which == E_CATEGORY)
        return ui_msg(app, cat_labels(i));
    return app->refs.a[i].name;
}

static void ed_draw(void *v, ui_app *app)
{
    editor *e = v;
    const ui_theme *t = &app->theme;
    /* Saved within a second of the last change. */
    if ((e->changed_at && app->ticks() - e->changed_at >= 700) ||
        (!e->changed_at && e->retry_at && (Sint32)(app->ticks() - e->retry_at) >= 0))
        ed_save(e, app);
    draw_bar(app, ui_msg(app, e->n.id[0] ? MSG_NOTES_TITLE : MSG_NOTES_NEW), &e->back,
             ui_msg(app, MSG_BACK));
    int m = ui_px(app, 16), bh = bar_h(app), fh = ui_px(app, 44);
    e->print = ui_button(app, ui_msg(app, MSG_PRINT_OPEN), app->w - m - ui_px(app, 220), m,
                         ui_px(app, 220), bh - 2 * m, t->focus, t->text, ui_px(app, 26));
    e->area = (SDL_Rect){0, bh, app->w, app->h - bh - fh};
    SDL_RenderSetClipRect(app->ren, &e->area);
    int y = m, w = MG_MIN(app->w - 2 * m, ui_px(app, 1200)), x0 = (app->w - w) / 2;
    int ls = ui_px(app, 20), ts = ui_px(app, 26), cs = ui_px(app, 20), chh = ui_px(app, 44);
    for (int i = 0; i < E_COUNT; i++) {
        field *f = &e->f[i];
        bool focus = e->focus == i;
        int top = y;
        const char *label = ui_msg(app, f->label);
        if (f->kind != F_TOGGLE) {
            txt_draw(app->txt, label, strlen(label), ls, DOC_S_BOLD, focus ? t->accent : t->muted,
                     x0, e->area.y + y - e->scroll);
            y += txt_height(app->txt, ls) + 4;
        }
        if (f->kind == F_TEXT || f->kind == F_LINES) {
            SDL_Rect in = {x0 + m, e->area.y + y + ui_px(app, 8) - e->scroll, w - 2 * m, 0};
            int minh = f->kind == F_LINES ? ts * 4 : ts * 14 / 10;
            /* Measure, draw the box, then the text over it. */
            lay_result tmp;
            lay_init(&tmp);
            doc_span sp = {.kind = DOC_SPAN_TEXT, .text = tf_text(&f->text), .len = f->text.text.len};
            int th = lay_spans(&tmp, &app->lay, &sp, 1, 0, 0, in.w, ts, 0, LAY_C_TEXT,
                               DOC_ALIGN_LEFT, 1.4f);
            lay_fini(&tmp);
            int bhgt = MG_MAX(minh, th + ts) + ui_px(app, 16);
            ui_fill(app, t->tile_bg, x0, e->area.y + y - e->scroll, w, bhgt);
            ui_frame(app, focus ? t->accent : t->tile_border, x0, e->area.y + y - e->scroll, w,
                     bhgt, focus ? 3 : 1);
            tf_draw(&f->text, app, in, ts, focus);
            f->box = (SDL_Rect){x0, y, w, bhgt};
            y += bhgt + m;
        } else if (f->kind == F_TOGGLE) {
            char lab[200];
            snprintf(lab, sizeof lab, "%s %s", f->set ? "\xE2\x98\x91" : "\xE2\x98\x90", label);
            int tw = txt_width(app->txt, lab, strlen(lab), ts, 0) + ui_px(app, 24);
            ui_button(app, lab, x0, e->area.y + y - e->scroll, tw, chh, f->set ? t->accent : t->tile_bg,
                      f->set ? t->accent_text : t->text, ts * 4 / 5);
            if (focus)
                ui_frame(app, t->focus, x0 - 3, e->area.y + y - e->scroll - 3, tw + 6, chh + 6, 3);
            f->box = (SDL_Rect){x0, y, tw, chh};
            y += chh + m;
        } else {
            int x = x0;
            for (int k = 0; k < f->ncodes; k++) {
                const char *lab = opt_label(app, f, k, i);
                int bw = txt_width(app->txt, lab, strlen(lab), cs, 0) + ui_px(app, 24);
                if (x + bw > x0 + w) {
                    x = x0;
                    y += chh + m / 2;
                }
                bool on = f->kind == F_CHIPS ? f->choice == k : (f->set >> k) & 1;
                ui_button(app, lab, x, e->area.y + y - e->scroll, bw, chh,
                          on ? t->accent : t->tile_bg, on ? t->accent_text : t->accent, cs);
                if (focus && f->hot == k)
                    ui_frame(app, t->focus, x - 3, e->area.y + y - e->scroll - 3, bw + 6, chh + 6, 3);
                f->opt[k] = (SDL_Rect){x, y, bw, chh};
                x += bw + m / 2;
            }
            y += chh + m;
            f->box = (SDL_Rect){x0, top, w, y - top};
        }
    }
    e->max_scroll = y > e->area.h ? y - e->area.h : 0;
    SDL_RenderSetClipRect(app->ren, NULL);
    if (e->reveal) { /* keep the field being typed in on screen */
        const SDL_Rect *b = &e->f[e->focus].box;
        int s = e->scroll;
        if (b->y < s + m)
            s = b->y - m;
        else if (b->y + MG_MIN(b->h, e->area.h - 2 * m) > s + e->area.h - m)
            s = b->y + MG_MIN(b->h, e->area.h - 2 * m) - e->area.h + m;
        s = s < 0 ? 0 : s > e->max_scroll ? e->max_scroll : s;
        e->reveal = false;
        if (s != e->scroll) {
            e->scroll = s;
            app->dirty = true; /* drawn again at the right place */
        }
    }
    /* Where the save stands. */
    ui_fill(app, e->failed ? (SDL_Color){190, 40, 30, 255} : t->tile_bg, 0, app->h - fh, app->w, fh);
    const char *st = e->status[0] ? e->status : "";
    txt_draw(app->txt, st, strlen(st), ui_px(app, 22), 0, e->failed ? t->accent_text : t->muted,
             m, app->h - fh + (fh - txt_height(app->txt, ui_px(app, 22))) / 2);
}

static int ed_timeout(void *v, ui_app *app)
{
    editor *e = v;
    if (!e->changed_at) {
        if (!e->retry_at)
            return -1;
        Sint32 left = (Sint32)(e->retry_at - app->ticks());
        return left > 0 ? left : 0;
    }
    Uint32 since = app->ticks() - e->changed_at;
    return since >= 700 ? 0 : (int)(700 - since);
}

bool editor_state(const ui_app *app, editor_info *out)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &editor_view)
        return false;
    const editor *e = app->views[app->depth - 1];
    out->id = e->n.id;
    out->focus = e->focus;
    out->question = tf_text(&e->f[E_QUESTION].text);
    out->compose = e->f[E_QUESTION].text.compose.s ? e->f[E_QUESTION].text.compose.s : "";
    out->pending = e->changed_at != 0;
    out->failed = e->failed;
    out->unsaved = e->retry_at != 0;
    return true;
}

void editor_refuse_quit(ui_app *app)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &editor_view)
        return;
    editor *e = app->views[app->depth - 1];
    snprintf(e->status, sizeof e->status, "%s", ui_msg(app, MSG_NOTES_QUIT_UNSAVED));
    e->failed = true;
    app->dirty = true;
}

/* The IME on in text fields; off on chips and switches, so Space and the
 * arrows pick instead of going into a composition. */
static bool ed_wants_text(void *v)
{
    const editor *e = v;
    return e->f[e->focus].kind == F_TEXT || e->f[e->focus].kind == F_LINES;
}

const ui_view_ops editor_view = {
    .name = "editor",
    .open = ed_open,
    .close = ed_close,
    .resize = ed_resize,
    .action = ed_action,
    .draw = ed_draw,
    .timeout = ed_timeout,
    .wants_text = ed_wants_text,
};
