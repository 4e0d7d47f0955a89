/*
 * scview.c - セキュリティ自社診断: the visitor's self-check, one question
 * at a time with four very large answer buttons, progress, back, and a
 * short explanation on demand; at the end the score, the chart of the
 * five functions (sc_chart: the same layout boxes the printed plan draws),
 * the three weakest areas with what to do first, SECURITY ACTION within
 * reach, and buttons to print the plan, start again or go home.
 *
 * Nothing is kept about the visitor: the answers live in the view and go
 * when it closes (the kiosk's idle return to home closes it).  Finishing
 * adds one to the anonymous counts (sccount.h), once, when the view was
 * opened from home; a view opened with answers (screenshots, tests) counts
 * nothing unless asked.
 *
 * Depends on: ui, core/selfcheck, core/sccount.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/sccount.h"
#include "../core/selfcheck.h"
#include "views.h"

/* The answer buttons, in screen order, and their digit keys 1-4. */
static const sc_answer choices[4] = {SC_DONE, SC_PARTLY, SC_NOT_DONE, SC_DONT_KNOW};

typedef struct scview {
    const selfcheck *s;
    sc_answer *a;   /* s->n answers */
    int at;         /* the question shown; s->n: the result */
    bool explain;   /* the explanation is open */
    bool count;     /* count the answers when finished */
    bool counted;
    int pressed;    /* answer button under a finger, -1 none */
    sc_score score;
    /* question screen */
    SDL_Rect back, btn[4], why, bar;
    lay_result q, ex;
    int qy, ey;
    /* result screen */
    lay_result body;
    SDL_Rect list, print, again, home;
    int scroll, max_scroll;
} scview;

static void *sv_open(ui_app *app, const ui_args *args)
{
    const selfcheck *s = &app->content->sc;
    if (!s->n)
        return NULL;
    scview *v = xcalloc(1, sizeof *v);
    v->s = s;
    v->a = xcalloc(s->n, sizeof *v->a);
    v->pressed = -1;
    v->count = !args || (args->kind == ARGS_SELFCHECK && args->selfcheck.count);
    if (args && args->kind == ARGS_SELFCHECK && args->selfcheck.answers) {
        /* Answers given: go on from the first one not given (all: the result). */
        const char *t = args->selfcheck.answers;
        if (sc_parse_answers(t, v->a, s->n) == 0) {
            size_t given = *t ? 1 : 0;
            for (const char *p = t; *p; p++)
                given += *p == ',';
            v->at = (int)MG_MIN(given, s->n);
        }
    }
    lay_init(&v->q);
    lay_init(&v->ex);
    lay_init(&v->body);
    return v;
}

static void sv_close(void *p)
{
    scview *v = p;
    if (!v)
        return;
    lay_fini(&v->q);
    lay_fini(&v->ex);
    lay_fini(&v->body);
    free(v->a);
    free(v);
}

static int content_w(const ui_app *app)
{
    return MG_MIN(app->w - 2 * ui_px(app, 40), ui_px(app, 1120));
}

/* The anonymous counts, through the notes database (opened here when no
 * one has yet; the app closes it). */
static void count_once(scview *v, ui_app *app)
{
    if (!v->count || v->counted)
        return;
    v->counted = true;
    char err[512];
    if (!app->notes) {
        char *path = app->db_path ? xstrdup(app->db_path) : store_default_path();
        app->notes = store_open_lang(path, app->lang, err, sizeof err);
        free(path);
    }
    if (!app->notes || !sccount_add(app->notes, v->s, v->a, err, sizeof err))
        fprintf(stderr, "madoguchi: %s\n", err); /* the visitor's plan is not held up by it */
}

static int text(lay_result *r, ui_app *app, const char *s, int y, int w, int size, unsigned style,
                lay_color c)
{
    return lay_text(r, &app->lay, s, 0, y, w, size, style, c, DOC_ALIGN_LEFT);
}

/* The result: on a wide screen the score and the chart on the left and
 * the first steps on the right, so both are seen without scrolling; on a
 * tall one, one column. */
static void layout_result(scview *v, ui_app *app)
{
    const sc_score *sc = &v->score;
    lay_fini(&v->body);
    lay_init(&v->body);
    lay_result *r = &v->body;
    bool two = app->w >= app->h;
    int w = content_w(app), gap = ui_px(app, 40);
    int lw = two ? (w - gap) * 9 / 20 : w, rx = two ? lw + gap : 0, rw = two ? w - rx : w;
    int y = ui_px(app, 16);
    char buf[1024];
    if (sc->max == 100)
        snprintf(buf, sizeof buf, ui_msg(app, MSG_SC_SCORE), sc->total);
    else
        snprintf(buf, sizeof buf, ui_msg(app, MSG_SC_SCORE_OF), sc->total, sc->max);
    y += text(r, app, buf, y, lw, ui_px(app, 46), DOC_S_BOLD, LAY_C_HEADING);
    snprintf(buf, sizeof buf, ui_msg(app, MSG_SC_COUNTS), sc->counts[SC_DONE],
             sc->counts[SC_PARTLY], sc->counts[SC_NOT_DONE], sc->counts[SC_DONT_KNOW],
             sc->counts[SC_UNANSWERED]);
    y += text(r, app, buf, y, lw, ui_text_px(app, 20), LAY_S_PHRASE, LAY_C_MUTED) + ui_px(app, 14);
    y += text(r, app, ui_msg(app, MSG_SC_CHART), y, lw, ui_px(app, 26), DOC_S_BOLD, LAY_C_HEADING);
    y += ui_px(app, 6);
    y += sc_chart(r, &app->lay, sc, app->lang, 0, y, lw, ui_text_px(app, 24)) + ui_px(app, 20);
    int left_end = y;

    int ry = two ? ui_px(app, 16) : y, x = two ? rx : 0;
    ry += lay_text(r, &app->lay, ui_msg(app, MSG_SC_STEPS), x, ry, rw, ui_px(app, 30), DOC_S_BOLD,
                   LAY_C_HEADING, DOC_ALIGN_LEFT);
    ry += ui_px(app, 8);
    if (!sc->nweak)
        ry += lay_text(r, &app->lay, ui_msg(app, MSG_SC_ALL_DONE), x, ry, rw, ui_text_px(app, 24), 0,
                       LAY_C_TEXT, DOC_ALIGN_LEFT);
    for (int i = 0; i < sc->nweak; i++) {
        int top = ry;
        size_t card = r->n;
        lay_rect(r, x - ui_px(app, 12), ry, rw + ui_px(app, 24), 0, LAY_C_QUOTE_BG);
        lay_rect(r, x - ui_px(app, 12), ry, ui_px(app, 8), 0, LAY_C_QUOTE_BAR);
        ry += ui_px(app, 10);
        snprintf(buf, sizeof buf, ui_msg(app, MSG_SC_STEP), i + 1,
                 v->s->areas[sc->weak_area[i]].name);
        ry += lay_text(r, &app->lay, buf, x, ry, rw, ui_px(app, 28), DOC_S_BOLD, LAY_C_HEADING,
                       DOC_ALIGN_LEFT);
        ry += lay_text(r, &app->lay, v->s->q[sc->weak_q[i]].tip, x, ry, rw, ui_text_px(app, 22), 0,
                       LAY_C_TEXT, DOC_ALIGN_LEFT);
        ry += ui_px(app, 10);
        r->items[card].h = r->items[card + 1].h = ry - top;
        ry += ui_px(app, 12);
    }
    /* SECURITY ACTION under the chart (wide) or the steps (tall). */
    y = two ? left_end : ry + ui_px(app, 12);
    y += text(r, app, ui_msg(app, MSG_SC_SA), y, lw, ui_px(app, 26), DOC_S_BOLD, LAY_C_HEADING);
    msg_id star = sc->star == SC_STAR_TWO  ? MSG_SC_SA_TWO
                  : sc->star == SC_STAR_ONE ? MSG_SC_SA_ONE
                                            : MSG_SC_SA_NONE;
    y += text(r, app, ui_msg(app, star), y, lw, ui_text_px(app, 22), 0, LAY_C_TEXT) + ui_px(app, 12);
    y += text(r, app, ui_msg(app, MSG_SC_PRIVACY), y, lw, ui_text_px(app, 18), 0, LAY_C_MUTED);
    r->height = MG_MAX(y, ry) + ui_px(app, 16);
    int foot = ui_px(app, 110);
    v->list = (SDL_Rect){0, ui_bar_h(app), app->w, app->h - ui_bar_h(app) - foot};
    v->max_scroll = MG_MAX(r->height - v->list.h, 0);
    v->scroll = MG_MIN(v->scroll, v->max_scroll);
    int bw = MG_MIN((app->w - 4 * ui_px(app, 24)) / 3, ui_px(app, 360)), bh = foot - ui_px(app, 32);
    int x0 = (app->w - 3 * bw - 2 * ui_px(app, 24)) / 2, by = app->h - foot + ui_px(app, 16);
    v->print = (SDL_Rect){x0, by, bw, bh};
    v->again = (SDL_Rect){x0 + bw + ui_px(app, 24), by, bw, bh};
    v->home = (SDL_Rect){x0 + 2 * (bw + ui_px(app, 24)), by, bw, bh};
}

static void layout_question(scview *v, ui_app *app)
{
    const sc_question *q = &v->s->q[v->at];
    int w = content_w(app), bh = ui_bar_h(app), m = ui_px(app, 24), gap = ui_px(app, 18);
    /* The four answers: a 2 x 2 grid at the foot, each as large as room
     * allows; one column of four on a tall screen. */
    int cols = app->w >= app->h ? 2 : 1, rows = 4 / cols;
    int bw = (w - (cols - 1) * gap) / cols;
    int btn_h = MG_MIN(ui_px(app, 120), (app->h - bh) / (cols == 2 ? 5 : 8));
    int top = app->h - m - rows * btn_h - (rows - 1) * gap;
    int x0 = (app->w - w) / 2;
    for (int i = 0; i < 4; i++)
        v->btn[i] = (SDL_Rect){x0 + (i % cols) * (bw + gap), top + (i / cols) * (btn_h + gap), bw,
                               btn_h};
    /* 説明を見る above the progress bar, never shorter than a finger. */
    int why_w = ui_px(app, 260), why_h = ui_tap_px(app, 48);
    v->why = (SDL_Rect){x0 + w - why_w, bh + ui_px(app, 8), why_w, why_h};
    v->bar = (SDL_Rect){x0, bh + MG_MAX(ui_px(app, 56), ui_px(app, 8) + why_h), w, ui_px(app, 10)};
    /* The question, large; the explanation under it when open, its type
     * shrinking until both fit above the buttons. */
    int room = top - gap - (v->bar.y + v->bar.h + gap);
    v->qy = v->bar.y + v->bar.h + gap;
    for (int qs = 40; qs >= 22; qs -= 2) {
        lay_fini(&v->q);
        lay_init(&v->q);
        lay_fini(&v->ex);
        lay_init(&v->ex);
        int h = text(&v->q, app, q->text, 0, w, ui_text_px(app, (float)qs), DOC_S_BOLD | LAY_S_PHRASE,
                     LAY_C_TEXT);
        if (v->explain && q->explain)
            h += ui_px(app, 12) + text(&v->ex, app, q->explain, 0, w,
                                       ui_text_px(app, (float)qs * 2 / 3), 0, LAY_C_MUTED);
        if (h <= room)
            break;
    }
    v->ey = v->qy + v->q.height + ui_px(app, 12);
}

static void sv_resize(void *p, ui_app *app)
{
    scview *v = p;
    if (v->at >= (int)v->s->n) {
        sc_score_answers(v->s, v->a, &v->score);
        layout_result(v, app);
    } else {
        layout_question(v, app);
    }
    app->dirty = true;
}

static void go(scview *v, ui_app *app, int at)
{
    v->at = at;
    v->explain = false;
    v->scroll = 0;
    if (at >= (int)v->s->n)
        count_once(v, app);
    sv_resize(v, app);
}

static void answer(scview *v, ui_app *app, int choice)
{
    if (v->at >= (int)v->s->n || choice < 0 || choice > 3)
        return;
    v->a[v->at] = choices[choice];
    go(v, app, v->at + 1);
}

static void print_plan(scview *v, ui_app *app)
{
    ui_args a = {.kind = ARGS_PRINT, .print = {.kind = HANDOUT_SELFCHECK}};
    snprintf(a.print.name, sizeof a.print.name, "%s", ui_msg(app, MSG_SC_TITLE));
    size_t len = 0;
    for (size_t i = 0; i < v->s->n && len + 4 < sizeof a.print.answers; i++)
        len += (size_t)snprintf(a.print.answers + len, sizeof a.print.answers - len, "%s%s",
                                i ? "," : "", sc_answer_code(v->a[i]));
    ui_push(app, &print_view, &a);
}

static int button_at(const scview *v, int x, int y)
{
    for (int i = 0; i < 4; i++)
        if (ui_hit(&v->btn[i], x, y))
            return i;
    return -1;
}

static void back(scview *v, ui_app *app)
{
    if (v->at == 0)
        ui_pop(app);
    else
        go(v, app, v->at - 1);
}

static void sv_action(void *p, ui_app *app, const ui_action *a)
{
    scview *v = p;
    bool result = v->at >= (int)v->s->n;
    switch (a->kind) {
    case ACT_BACK:
    case ACT_ERASE:
    case ACT_PREV: back(v, app); return;
    case ACT_DIGIT:
        if (!result)
            answer(v, app, a->x - 1);
        return;
    case ACT_SELECT:
        if (result)
            print_plan(v, app);
        return;
    case ACT_PRESS:
        v->pressed = result ? -1 : button_at(v, a->x, a->y);
        app->dirty = true;
        return;
    case ACT_RELEASE:
        v->pressed = -1;
        app->dirty = true;
        return;
    case ACT_TAP:
        v->pressed = -1;
        if (ui_hit(&v->back, a->x, a->y)) {
            back(v, app);
        } else if (!result && button_at(v, a->x, a->y) >= 0) {
            answer(v, app, button_at(v, a->x, a->y));
        } else if (!result && ui_hit(&v->why, a->x, a->y)) {
            v->explain = !v->explain;
            sv_resize(v, app);
        } else if (result && ui_hit(&v->print, a->x, a->y)) {
            print_plan(v, app);
        } else if (result && ui_hit(&v->again, a->x, a->y)) {
            memset(v->a, 0, v->s->n * sizeof *v->a);
            v->counted = false;
            go(v, app, 0);
        } else if (result && ui_hit(&v->home, a->x, a->y)) {
            ui_home(app);
        }
        app->dirty = true;
        return;
    case ACT_SCROLL:
    case ACT_DRAG:
    case ACT_DOWN:
    case ACT_UP:
    case ACT_PAGE_DOWN:
    case ACT_PAGE_UP: {
        if (!result)
            return;
        v->scroll = ui_list_scroll(app, a, v->scroll, v->max_scroll, v->list.h);
        app->dirty = true;
        return;
    }
    default: return;
    }
}

static void draw_question(scview *v, ui_app *app)
{
    const ui_theme *t = &app->theme;
    const sc_question *q = &v->s->q[v->at];
    char buf[128];
    snprintf(buf, sizeof buf, ui_msg(app, MSG_SC_PROGRESS), v->at + 1, (int)v->s->n,
             ui_msg(app, sc_part_label(q->part)));
    int ps = ui_px(app, 26);
    txt_draw(app->txt, buf, strlen(buf), ps, DOC_S_BOLD, t->muted, v->bar.x,
             v->bar.y - txt_height(app->txt, ps) - ui_px(app, 8));
    /* Progress: how many are behind the visitor. */
    ui_fill(app, t->lay[LAY_C_TABLE_HEAD_BG], v->bar.x, v->bar.y, v->bar.w, v->bar.h);
    ui_fill(app, t->accent, v->bar.x, v->bar.y, v->bar.w * v->at / (int)v->s->n, v->bar.h);
    if (q->explain)
        v->why = ui_button(app, ui_msg(app, v->explain ? MSG_SC_WHY_CLOSE : MSG_SC_WHY), v->why.x,
                           v->why.y, v->why.w, v->why.h, t->tile_bg, t->link, ui_text_px(app, 24));
    ui_paint(app, &v->q, v->bar.x, v->qy, NULL);
    if (v->explain)
        ui_paint(app, &v->ex, v->bar.x, v->ey, NULL);
    for (int i = 0; i < 4; i++) {
        SDL_Rect b = v->btn[i];
        bool chosen = v->a[v->at] == choices[i];
        SDL_Color bg = v->pressed == i ? t->lay[LAY_C_TABLE_HEAD_BG] : chosen ? t->accent : t->tile_bg;
        SDL_Color fg = chosen && v->pressed != i ? t->accent_text : t->text;
        ui_button(app, ui_msg(app, sc_answer_label(choices[i])), b.x, b.y, b.w, b.h, bg, fg,
                  MG_MIN(ui_px(app, 38), b.h * 2 / 5));
        ui_frame(app, t->tile_border, b.x, b.y, b.w, b.h, MG_MAX(ui_px(app, 2), 1));
    }
}

static void draw_result(scview *v, ui_app *app)
{
    const ui_theme *t = &app->theme;
    int x = (app->w - content_w(app)) / 2;
    ui_paint(app, &v->body, x, v->list.y - v->scroll, &v->list);
    ui_fill(app, t->tile_border, 0, v->list.y + v->list.h, app->w, MG_MAX(ui_px(app, 2), 1));
    int fs = MG_MIN(ui_px(app, 30), v->print.h * 2 / 5);
    ui_button(app, ui_msg(app, MSG_SC_PRINT), v->print.x, v->print.y, v->print.w, v->print.h,
              t->accent, t->accent_text, fs);
    ui_button(app, ui_msg(app, MSG_SC_AGAIN), v->again.x, v->again.y, v->again.w, v->again.h,
              t->tile_bg, t->text, fs);
    ui_frame(app, t->tile_border, v->again.x, v->again.y, v->again.w, v->again.h,
             MG_MAX(ui_px(app, 2), 1));
    ui_button(app, ui_msg(app, MSG_HOME), v->home.x, v->home.y, v->home.w, v->home.h, t->tile_bg,
              t->text, fs);
    ui_frame(app, t->tile_border, v->home.x, v->home.y, v->home.w, v->home.h,
             MG_MAX(ui_px(app, 2), 1));
}

static void sv_draw(void *p, ui_app *app)
{
    scview *v = p;
    if (v->at >= (int)v->s->n)
        draw_result(v, app);
    else
        draw_question(v, app);
    v->back = ui_title_bar(app, ui_msg(app, MSG_SC_TITLE));
}

bool selfcheck_view_state(const ui_app *app, selfcheck_view_info *out)
{
    if (ui_top(app) != &selfcheck_view)
        return false;
    const scview *v = ui_top_view(app);
    out->at = v->at;
    out->n = (int)v->s->n;
    out->explain = v->explain;
    out->counted = v->counted;
    out->score = v->score;
    out->answers = v->a;
    out->button[0] = v->btn[0];
    out->button[1] = v->btn[1];
    out->button[2] = v->btn[2];
    out->button[3] = v->btn[3];
    out->why = v->why;
    out->print = v->print;
    return true;
}

const ui_view_ops selfcheck_view = {
    .name = "selfcheck",
    .open = sv_open,
    .close = sv_close,
    .resize = sv_resize,
    .action = sv_action,
    .draw = sv_draw,
};
