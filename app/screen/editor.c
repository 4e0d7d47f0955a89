/*
 * editor.c - the note editor (staff mode only).  It saves every change
 * within a second, without a save button; a save that fails says why and
 * keeps what was typed, retrying every few seconds.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "../core/search.h"
#include "../core/suggest.h"
#include "../core/utf8.h"
#include "staff.h"
#include "textfield.h"

enum field_kind { F_TEXT, F_LINES, F_CHIPS, F_MULTI, F_TOGGLE };

/* One box of the form, editing one field of the record. */
typedef struct field {
    const rec_field *rf; /* the record's field (record.h) */
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

typedef struct editor {
    note n;
    field *f;     /* the record's REC_FORM fields, in its order (= Tab order) */
    int nf;
    int question; /* which of them is the question (focused first) */
    int focus;
    Uint32 changed_at; /* 0: saved */
    Uint32 retry_at;   /* the disk refused the last save: try again then (0: no) */
    char status[300];
    bool failed;
    ui_app *app;
    int scroll, max_scroll;
    bool reveal; /* scroll the focused field into view at the next draw */
    SDL_Rect back, area, print;
    /* The assistant: suggestions for the question, made in the update
     * step once typing pauses (never on a keystroke). */
    suggester *sug;
    bool sug_failed;     /* could not be opened: no panel */
    Uint32 sug_due;      /* ui_ticks to suggest at (0: nothing new) */
    sug_result sr;
    SDL_Rect sug_act[SUG_MAX], sug_cat; /* content coordinates */
} editor;

#define SUG_DEBOUNCE 400 /* ms after the last keystroke in the question */

static void suggest_now(editor *e, ui_app *app);

/* The box for rf, filled from n: text kinds as text fields (several lines
 * for REC_LINES), a code as chips, referral ids as chips over the quick
 * list, a flag as a switch.  False for kinds the form does not edit. */
static bool field_init(field *f, const rec_field *rf, const note *n, const ui_app *app)
{
    *f = (field){.rf = rf, .label = rf->label, .choice = -1};
    switch (rf->kind) {
    case REC_TEXT:
        f->kind = rf->flags & REC_LINES ? F_LINES : F_TEXT;
        tf_init(&f->text, rec_cstr(n, rf), f->kind == F_LINES);
        return true;
    case REC_CODE:
        f->kind = F_CHIPS;
        f->ncodes = (int)MG_MIN(rf->ncodes, 32);
        f->choice = rec_code_index(rf, rec_cstr(n, rf));
        return true;
    case REC_IDS: {
        f->kind = F_MULTI;
        f->ncodes = (int)MG_MIN(app->content->refs.n, 32);
        const char *ids = rec_cstr(n, rf);
        for (int i = 0; i < f->ncodes; i++) {
            const char *id = app->content->refs.a[i].id;
            size_t k = strlen(id);
            for (const char *p = ids ? strstr(ids, id) : NULL; p; p = strstr(p + 1, id))
                if ((p == ids || p[-1] == ',') && (p[k] == ',' || !p[k]))
                    f->set |= 1u << i;
        }
        return true;
    }
    case REC_BOOL:
        f->kind = F_TOGGLE;
        f->set = *rec_bool((note *)n, rf);
        return true;
    default: return false;
    }
}

/* What the box holds, into its field of n. */
static void field_store(const field *f, note *n, const ui_app *app)
{
    const rec_field *rf = f->rf;
    if (f->kind == F_TOGGLE) {
        *rec_bool(n, rf) = f->set;
        return;
    }
    char **s = rec_str(n, rf);
    free(*s);
    if (f->kind == F_CHIPS) {
        /* Not yet chosen: the field's fallback ("other" for the category,
         * so a half-written note is still kept). */
        const char *c = f->choice >= 0 ? rf->codes[f->choice].code : rf->fallback;
        *s = c ? xstrdup(c) : NULL;
    } else if (f->kind == F_MULTI) {
        strbuf ids;
        strbuf_init(&ids);
        for (int i = 0; i < f->ncodes; i++)
            if (f->set & (1u << i)) {
                if (ids.len)
                    strbuf_addc(&ids, ',');
                strbuf_adds(&ids, app->content->refs.a[i].id);
            }
        *s = strbuf_take(&ids);
    } else {
        *s = xstrdup(tf_text(&f->text));
    }
}

bool editor_has_kept(const ui_app *app)
{
    return staff_has_kept(app);
}

static void *ed_open(ui_app *app, const ui_args *args)
{
    if (!app->staff)
        return NULL;
    const char *want = args && args->kind == ARGS_NOTE && args->note ? args->note : "";
    editor *e = xcalloc(1, sizeof *e);
    e->app = app;
    char err[256];
    store *db = staff_open_notes(app, err, sizeof err);
    note *kept = staff_take_kept(app);
    if (kept) { /* refused by the disk before: back in the editor, retried */
        e->n = *kept;
        free(kept);
        e->retry_at = ui_ticks(app) + 1;
        e->failed = true;
        snprintf(e->status, sizeof e->status, ui_msg(app, MSG_NOTES_UNSAVED),
                 ui_msg(app, MSG_NOTES_LOST));
    } else if (db && want[0] && notes_get(db, want, &e->n, err, sizeof err) < 0) {
        e->failed = true; /* could not be read: said so; what is typed is a new note */
        snprintf(e->status, sizeof e->status, ui_msg(app, MSG_ERR_NOTES_DB), err);
    }
    /* The form: the record's fields marked REC_FORM, in the record's order. */
    e->f = xcalloc(rec_nfields, sizeof *e->f);
    const rec_field *question = rec_find("question");
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *rf = &rec_fields[i];
        if ((rf->flags & REC_FORM) && field_init(&e->f[e->nf], rf, &e->n, app)) {
            if (rf == question)
                e->question = e->nf;
            e->nf++;
        }
    }
    e->focus = e->question;
    e->reveal = true;
    if (*tf_text(&e->f[e->question].text)) /* an old note: its suggestions at once */
        suggest_now(e, app);
    return e;
}

/* The form into the record and onto disk. */
static void ed_save(editor *e, ui_app *app)
{
    note *n = &e->n;
    for (int i = 0; i < e->nf; i++)
        field_store(&e->f[i], n, app);
    e->changed_at = 0;
    if (!n->question || !*n->question) {
        e->retry_at = 0;
        return; /* nothing to keep yet */
    }
    char err[256];
    store *db = staff_open_notes(app, err, sizeof err);
    if (db && notes_save(db, n, ui_wall_ms(app), err, sizeof err)) {
        time_t now = (time_t)(ui_wall_ms(app) / 1000);
        struct tm tm;
        localtime_r(&now, &tm);
        char when[16];
        snprintf(when, sizeof when, "%02d:%02d:%02d", tm.tm_hour, tm.tm_min, tm.tm_sec);
        snprintf(e->status, sizeof e->status, ui_msg(app, MSG_NOTES_SAVED), when);
        e->failed = false;
        e->retry_at = 0;
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
        e->retry_at = ui_ticks(app) + 3000;
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
        note *kept = e->retry_at && !editor_has_kept(e->app) ? xmalloc(sizeof *kept) : NULL;
        if (kept) {
            *kept = e->n;
            memset(&e->n, 0, sizeof e->n);
            staff_keep(e->app, kept);
        } else if (e->retry_at) /* one is kept already (cannot happen: it reopens first) */
            fprintf(stderr, "madoguchi: %s\n", ui_msg(e->app, MSG_NOTES_LOST));
    }
    for (int i = 0; i < e->nf; i++)
        if (e->f[i].kind == F_TEXT || e->f[i].kind == F_LINES)
            tf_fini(&e->f[i].text);
    free(e->f);
    note_fini(&e->n);
    sug_close(e->sug);
    free(e);
}

/* ---- the assistant ---- */

static void touched(editor *e, ui_app *app);

/* The form's field called name, or NULL. */
static field *field_named(editor *e, const char *name)
{
    for (int i = 0; i < e->nf; i++)
        if (!strcmp(e->f[i].rf->name, name))
            return &e->f[i];
    return NULL;
}

/* The suggestions for the question as it is now: the assistant opened on
 * first use over the FAQ, the book, the problems and the past notes
 * (staff only: the editor is). */
static void suggest_now(editor *e, ui_app *app)
{
    e->sug_due = 0;
    if (!e->sug && !e->sug_failed) {
        char err[256];
        if (!app->search) { /* the folding, with the synonyms, is the search's */
            char *cache = search_cache_dir();
            char *syn = app->content->dir ? path_join(app->content->dir, "assets/synonyms.ini")
                                          : NULL;
            app->search = search_open_faq(&app->content->guide, &app->content->faq, cache, syn,
                                          err, sizeof err);
            free(syn);
            free(cache);
        }
        e->sug = sug_open(&app->content->faq, &app->content->guide, &app->content->refs,
                          app->search, app->lang, err, sizeof err);
        e->sug_failed = !e->sug;
        store *db = e->sug ? staff_open_notes(app, err, sizeof err) : NULL;
        note *v = NULL;
        size_t n = 0;
        if (db && notes_list(db, 2000, &v, &n, err, sizeof err)) {
            size_t k = 0; /* not the note being written */
            for (size_t i = 0; i < n; i++)
                if (strcmp(v[i].id, e->n.id) != 0) {
                    note t = v[k];
                    v[k++] = v[i];
                    v[i] = t;
                }
            sug_add_notes(e->sug, v, k);
        }
        notes_free(v, n);
    }
    if (e->sug)
        sug_run(e->sug, tf_text(&e->f[e->question].text), SUG_ALL, &e->sr);
    e->reveal = e->reveal || e->focus == e->question; /* the panel in view */
    app->dirty = true;
}

/* A past note's ① as another visitor's note may take it: the advice only,
 * with the names the note keeps (its company, its consultant and scribe)
 * hidden wherever the text repeats them (heap, caller frees).  Its other
 * fields (company, memo, the free-text ②, ...) are never copied. */
static char *advice_of(ui_app *app, const note *past)
{
    char *out = xstrdup(past->answer ? past->answer : "");
    const char *names[] = {past->company, past->consultant, past->scribe};
    const char *hidden = ui_msg(app, MSG_SUG_NAME_HIDDEN);
    for (size_t k = 0; k < MG_ARRAY_LEN(names); k++) {
        const char *nm = names[k];
        if (!nm || utf8_count(nm, strlen(nm)) < 2) /* a letter alone is no name */
            continue;
        strbuf b;
        strbuf_init(&b);
        for (const char *p = out, *hit; *p; p = hit + strlen(nm)) {
            hit = strstr(p, nm);
            if (!hit) {
                strbuf_adds(&b, p);
                break;
            }
            strbuf_add(&b, p, (size_t)(hit - p));
            strbuf_adds(&b, hidden);
        }
        free(out);
        out = strbuf_take(&b);
    }
    return out;
}

/* Suggestion i taken: a FAQ item's ① into the answer and its ② into the
 * referrals, a problem's agencies into the referrals, a past note's ①
 * (advice_of) into the answer and its quick-list ② into the referrals.
 * Nothing else changes. */
static void suggestion_take(editor *e, ui_app *app, size_t i)
{
    const sug_hit *h = &e->sr.hit[i];
    const char *answer = NULL;
    const char *const *ids = NULL;
    size_t nids = 0;
    const char *pids[32] = {0};
    note past = {0};
    char *advice = NULL, *past_ids = NULL;
    if (h->kind == SUG_FAQ) {
        const faq_item *it = &app->content->faq.it[h->index];
        answer = it->answer;
        ids = (const char *const *)it->refs;
        nids = it->nrefs;
    } else if (h->kind == SUG_REFERRAL) {
        const ref_order *o = ref_cards(&app->content->refs, (ref_problem)h->index);
        for (size_t k = 0; k < o->n && nids < 32; k++)
            pids[nids++] = o->c[k].id;
        ids = pids;
    } else if (h->kind == SUG_NOTE) {
        char err[256];
        store *db = staff_open_notes(app, err, sizeof err);
        if (db && notes_get(db, h->id, &past, err, sizeof err) > 0) {
            answer = advice = advice_of(app, &past);
            past_ids = xstrdup(past.referrals ? past.referrals : "");
            char *save = NULL;
            for (char *t = strtok_r(past_ids, ",", &save); t && nids < 32; t = strtok_r(NULL, ",", &save))
                pids[nids++] = t;
            ids = pids;
        }
    }
    field *a = field_named(e, "answer");
    if (a && answer && *answer) {
        strbuf t;
        strbuf_init(&t);
        strbuf_adds(&t, tf_text(&a->text));
        if (t.len)
            strbuf_addc(&t, '\n');
        strbuf_adds(&t, answer);
        tf_fini(&a->text);
        tf_init(&a->text, t.s, a->kind == F_LINES);
        strbuf_fini(&t);
    }
    field *r = field_named(e, "referrals");
    for (size_t k = 0; r && k < nids; k++)
        for (int j = 0; j < r->ncodes; j++)
            if (!strcmp(app->content->refs.a[j].id, ids[k]))
                r->set |= 1u << j;
    note_fini(&past);
    free(advice);
    free(past_ids);
    touched(e, app);
}

/* The panel under the question: the category guessed (a button sets it),
 * then each suggestion with its kind, and for those that can be taken a
 * button.  Returns the y below it. */
static int draw_suggestions(editor *e, ui_app *app, int x0, int y, int w)
{
    const ui_theme *t = &app->theme;
    int m = ui_px(app, 16), ls = ui_px(app, 20), ts = ui_px(app, 22), bh = ui_px(app, 44);
    int oy = e->area.y - e->scroll; /* content to screen */
    int top = y;
    memset(e->sug_act, 0, sizeof e->sug_act);
    e->sug_cat = (SDL_Rect){0};
    const char *title = ui_msg(app, MSG_SUG_TITLE);
    txt_draw(app->txt, title, strlen(title), ls, DOC_S_BOLD, t->muted, x0 + m, oy + y + m / 2);
    y += txt_height(app->txt, ls) + m;
    const rec_field *cf = rec_find("category");
    int ci = e->sr.category ? rec_code_index(cf, e->sr.category) : -1;
    if (ci >= 0) {
        char buf[300];
        snprintf(buf, sizeof buf, ui_msg(app, MSG_SUG_CATEGORY), ui_msg(app, cf->codes[ci].label));
        txt_draw(app->txt, buf, strlen(buf), ts, DOC_S_BOLD, t->text, x0 + m,
                 oy + y + (bh - txt_height(app->txt, ts)) / 2);
        int tw = txt_width(app->txt, buf, strlen(buf), ts, DOC_S_BOLD);
        const char *set = ui_msg(app, MSG_SUG_SET_CATEGORY);
        int sw = txt_width(app->txt, set, strlen(set), ls, 0) + ui_px(app, 24);
        ui_button(app, set, x0 + 2 * m + tw, oy + y, sw, bh, t->tile_bg, t->accent, ls);
        e->sug_cat = (SDL_Rect){x0 + 2 * m + tw, y, sw, bh};
        y += bh + m / 2;
    }
    static const msg_id kind_label[SUG_KINDS] = {MSG_SUG_KIND_FAQ, MSG_SUG_KIND_GUIDE,
                                                 MSG_SUG_KIND_NOTE, MSG_SUG_KIND_REFERRAL};
    const char *copy = ui_msg(app, MSG_SUG_COPY), *add = ui_msg(app, MSG_SUG_ADD_REFS);
    int bw = MG_MAX(txt_width(app->txt, copy, strlen(copy), ls, 0),
                    txt_width(app->txt, add, strlen(add), ls, 0)) + ui_px(app, 24);
    int kw = ui_px(app, 120);
    size_t rows = app->h < 600 ? 4 : 6; /* a small screen keeps room for the form */
    for (size_t i = 0; i < e->sr.n && i < rows; i++) {
        const sug_hit *h = &e->sr.hit[i];
        const char *k = ui_msg(app, kind_label[h->kind]);
        int ty = oy + y + (bh - txt_height(app->txt, ts)) / 2;
        txt_draw(app->txt, k, strlen(k), ls, DOC_S_BOLD, t->accent, x0 + m, ty);
        /* the title on one line, ending with … where it does not fit */
        strbuf cut;
        strbuf_init(&cut);
        const char *shown = ui_fit(app, h->title, ts, 0, w - 3 * m - kw - bw, &cut);
        txt_draw(app->txt, shown, strlen(shown), ts, 0, t->text, x0 + m + kw, ty);
        strbuf_fini(&cut);
        const char *lab = h->kind == SUG_REFERRAL ? add : h->kind == SUG_GUIDE ? NULL : copy;
        if (lab) {
            ui_button(app, lab, x0 + w - m - bw, oy + y, bw, bh, t->accent, t->accent_text, ls);
            e->sug_act[i] = (SDL_Rect){x0 + w - m - bw, y, bw, bh};
        }
        y += bh + m / 2;
    }
    ui_frame(app, t->tile_border, x0, oy + top, w, y - top, 1);
    return y + m;
}

static void ed_resize(void *v, ui_app *app)
{
    (void)v;
    app->dirty = true;
}

static void touched(editor *e, ui_app *app)
{
    if (!e->changed_at)
        e->changed_at = ui_ticks(app) ? ui_ticks(app) : 1;
    app->dirty = true;
}

/* The question changed: suggest again once typing pauses (the clock's
 * time only; the work is in the update step). */
static void question_typed(editor *e, ui_app *app)
{
    e->sug_due = ui_ticks(app) + SUG_DEBOUNCE;
    if (!e->sug_due)
        e->sug_due = 1;
}

static void focus_move(editor *e, int dir)
{
    e->focus = (e->focus + dir + e->nf) % e->nf;
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
        if (ui_hit(&e->area, a->x, a->y)) { /* a suggestion taken: staff's choice */
            field *cat = field_named(e, "category");
            if (cat && e->sr.category && ui_hit(&e->sug_cat, cx, cy)) {
                cat->choice = rec_code_index(cat->rf, e->sr.category);
                touched(e, app);
                return;
            }
            for (size_t i = 0; i < e->sr.n; i++)
                if (ui_hit(&e->sug_act[i], cx, cy)) {
                    suggestion_take(e, app, i);
                    return;
                }
        }
        for (int i = 0; i < e->nf; i++) {
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
        if (tf_action(&f->text, a, &app->clipboard)) {
            touched(e, app);
            if (e->focus == e->question)
                question_typed(e, app);
        }
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

/* Chip i of f: a code's label, or a referral's name. */
static const char *opt_label(ui_app *app, const field *f, int i)
{
    if (f->kind == F_CHIPS)
        return ui_msg(app, f->rf->codes[i].label);
    return app->content->refs.a[i].name;
}

static void ed_draw(void *v, ui_app *app)
{
    editor *e = v;
    const ui_theme *t = &app->theme;
    staff_draw_bar(app, ui_msg(app, e->n.id[0] ? MSG_NOTES_TITLE : MSG_NOTES_NEW), &e->back,
             ui_msg(app, MSG_BACK));
    int m = ui_px(app, 16), bh = staff_bar_h(app), fh = ui_px(app, 44);
    e->print = ui_button(app, ui_msg(app, MSG_PRINT_OPEN), app->w - m - ui_px(app, 220), m,
                         ui_px(app, 220), bh - 2 * m, t->focus, t->text, ui_px(app, 26));
    e->area = (SDL_Rect){0, bh, app->w, app->h - bh - fh};
    SDL_RenderSetClipRect(app->ren, &e->area);
    int y = m, w = MG_MIN(app->w - 2 * m, ui_px(app, 1200)), x0 = (app->w - w) / 2;
    int ls = ui_px(app, 20), ts = ui_px(app, 26), cs = ui_px(app, 20), chh = ui_px(app, 44);
    for (int i = 0; i < e->nf; i++) {
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
            /* Measure, draw the box, then the text over it (one layout, kept
             * by the field while its text does not change). */
            int th = tf_measure(&f->text, app, in.w, ts);
            int bhgt = MG_MAX(minh, th + ts) + ui_px(app, 16);
            ui_fill(app, t->tile_bg, x0, e->area.y + y - e->scroll, w, bhgt);
            ui_frame(app, focus ? t->accent : t->tile_border, x0, e->area.y + y - e->scroll, w,
                     bhgt, focus ? 3 : 1);
            tf_draw(&f->text, app, in, ts, focus);
            f->box = (SDL_Rect){x0, y, w, bhgt};
            y += bhgt + m;
            if (i == e->question && e->sr.n) { /* the panel goes with the question */
                y = draw_suggestions(e, app, x0, y, w);
                f->box.h = y - f->box.y;
            }
        } else if (f->kind == F_TOGGLE) {
            char lab[200];
            /* ■ set, □ not (the font has no ☑/☐: tests/test_font.c no_tofu) */
            snprintf(lab, sizeof lab, "%s %s", f->set ? "\xE2\x96\xA0" : "\xE2\x96\xA1", label);
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
                const char *lab = opt_label(app, f, k);
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
    ui_fill(app, e->failed ? ui_color(PAL_ERROR) : t->tile_bg, 0, app->h - fh, app->w, fh);
    const char *st = e->status[0] ? e->status : "";
    txt_draw(app->txt, st, strlen(st), ui_px(app, 22), 0, e->failed ? t->accent_text : t->muted,
             m, app->h - fh + (fh - txt_height(app->txt, ui_px(app, 22))) / 2);
}

/* Saved within a second of the last change; a refused save is retried. */
static void ed_update(void *v, ui_app *app, Uint32 now)
{
    editor *e = v;
    if (e->sug_due && (Sint32)(now - e->sug_due) >= 0)
        suggest_now(e, app);
    if ((e->changed_at && now - e->changed_at >= 700) ||
        (!e->changed_at && e->retry_at && (Sint32)(now - e->retry_at) >= 0))
        ed_save(e, app);
}

/* The save's wait, or the suggestion's when that comes first. */
static int save_timeout(editor *e, Uint32 now);

static int ed_timeout(void *v, ui_app *app)
{
    editor *e = v;
    Uint32 now = ui_ticks(app);
    int save = save_timeout(e, now);
    if (!e->sug_due)
        return save;
    Sint32 left = (Sint32)(e->sug_due - now);
    int sug = left > 0 ? left : 0;
    return save < 0 || sug < save ? sug : save;
}

static int save_timeout(editor *e, Uint32 now)
{
    if (!e->changed_at) {
        if (!e->retry_at)
            return -1;
        Sint32 left = (Sint32)(e->retry_at - now);
        return left > 0 ? left : 0;
    }
    Uint32 since = now - e->changed_at;
    return since >= 700 ? 0 : (int)(700 - since);
}

bool editor_state(const ui_app *app, editor_info *out)
{
    if (app->depth == 0 || app->ops[app->depth - 1] != &editor_view)
        return false;
    const editor *e = app->views[app->depth - 1];
    out->id = e->n.id;
    out->focus = e->focus;
    out->question = tf_text(&e->f[e->question].text);
    out->compose = e->f[e->question].text.compose.s ? e->f[e->question].text.compose.s : "";
    out->pending = e->changed_at != 0;
    out->failed = e->failed;
    out->unsaved = e->retry_at != 0;
    /* the assistant: what it shows, and where its buttons are on screen */
    out->nsug = (int)e->sr.n;
    out->sug_category = e->sr.category;
    out->sug_first_kind = e->sr.n ? sug_kind_name(e->sr.hit[0].kind) : "";
    out->sug_due = e->sug_due != 0;
    int oy = e->area.y - e->scroll;
    for (size_t i = 0; i < SUG_MAX && i < MG_ARRAY_LEN(out->sug_take); i++) {
        out->sug_take[i] = e->sug_act[i];
        out->sug_take[i].y += oy;
        out->sug_kind[i] = i < e->sr.n ? sug_kind_name(e->sr.hit[i].kind) : "";
    }
    out->sug_set_category = e->sug_cat;
    out->sug_set_category.y += oy;
    const field *ans = NULL, *refs = NULL, *cat = NULL;
    for (int i = 0; i < e->nf; i++) {
        const char *nm = e->f[i].rf->name;
        if (!strcmp(nm, "answer"))
            ans = &e->f[i];
        else if (!strcmp(nm, "referrals"))
            refs = &e->f[i];
        else if (!strcmp(nm, "category"))
            cat = &e->f[i];
    }
    out->answer = ans ? tf_text(&ans->text) : "";
    out->nrefs = 0;
    for (int k = 0; refs && k < refs->ncodes; k++)
        out->nrefs += (refs->set >> k) & 1;
    out->category = cat && cat->choice >= 0 ? cat->rf->codes[cat->choice].code : NULL;
    return true;
}

/* Quitting with a note the disk refused: say so (the shell then quits
 * only on a second try within 3 s). */
static bool ed_can_quit(void *v, ui_app *app)
{
    editor *e = v;
    if (!e->retry_at)
        return true;
    snprintf(e->status, sizeof e->status, "%s", ui_msg(app, MSG_NOTES_QUIT_UNSAVED));
    e->failed = true;
    app->dirty = true;
    return false;
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
    .update = ed_update,
    .can_quit = ed_can_quit,
    .wants_text = ed_wants_text,
};
