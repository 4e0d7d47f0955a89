/*
 * printview.c - 印刷・保存: a handout for what is on screen, printed on
 * the default printer (CUPS, through lp, with a number of copies) or
 * saved to a removable drive (mounted under /media or /run/media).
 *
 * The view shows 作成しています and makes the PDF on a worker thread
 * (a book of chapters takes seconds on a Pi): the loop goes on, and the
 * update step shows how far it is.  Draw only draws.  No printer, no
 * drive, a full or read-only drive: each is said in the view, and nothing
 * half-written is left under the final name (paper/pdf writes a temporary
 * file first).
 *
 * What to print comes in the open arguments (ARGS_PRINT).
 */
#include <SDL_thread.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/notes.h"
#include "../core/system.h"
#include "../paper/handout.h"
#include "views.h"

#define MAX_DRIVES 6

/* The making of the PDF, shared by the view and its worker thread.  The
 * inputs are set before the thread starts and not touched after; the
 * rest is under lock. */
typedef struct pjob {
    /* inputs */
    handout_ctx ctx;
    ui_handout h;
    const deck *deck;
    const ref_list *refs;
    const selfcheck *sc; /* HANDOUT_SELFCHECK */
    const faq *faq;      /* HANDOUT_FINDER */
    SDL_mutex *book_lock; /* the app's: the book is read here meanwhile */
    note n; /* HANDOUT_CONSULT: read by the view before the start */
    bool have_note;
    bool windowed; /* a real display: progress at most ten times a second */
    /* the worker's own */
    mg_clock clock;  /* the app's (the throttle on a real display) */
    int posted;      /* percent last posted */
    Uint32 posted_at;
    /* under lock */
    SDL_mutex *lock;
    SDL_cond *cond;
    int pct;
    unsigned seq, seen; /* progress posted / taken by the view */
    bool cancel, done, ok;
    char pdf[256], name[128], err[512];
    int pages;
    SDL_Thread *thread;
} pjob;

typedef struct pview {
    char pdf[256];    /* the handout, in a temporary folder */
    char name[128];   /* the file name to save under */
    int pages;
    bool made, failed;
    int pct;           /* progress shown, percent */
    ui_handout h;      /* what to make */
    pjob *job;         /* while it is being made */
    int copies;
    char drives[MAX_DRIVES][SYS_PATH];
    int ndrives;
    char status[512];
    SDL_Rect back, print, minus, plus, save[MAX_DRIVES];
} pview;

static void *pv_open(ui_app *app, const ui_args *args)
{
    if (!args || args->kind != ARGS_PRINT || !args->print.kind)
        return NULL;
    pview *v = xcalloc(1, sizeof *v);
    v->h = args->print;
    v->copies = app->copies > 0 ? app->copies : 1; /* [print] copies */
    snprintf(v->status, sizeof v->status, "%s", ui_msg(app, MSG_PRINT_MAKING));
    v->ndrives = sys_drives(v->drives, MAX_DRIVES);
    app->dirty = true;
    return v;
}

static void job_free(pjob *j);

static void pv_close(void *p)
{
    pview *v = p;
    if (!v)
        return;
    if (v->job) { /* closed while making (the idle timer): wait for the worker */
        SDL_LockMutex(v->job->lock);
        v->job->cancel = true;
        SDL_CondSignal(v->job->cond);
        SDL_UnlockMutex(v->job->lock);
        SDL_WaitThread(v->job->thread, NULL);
        v->job->thread = NULL;
        snprintf(v->pdf, sizeof v->pdf, "%s", v->job->pdf);
        job_free(v->job);
    }
    if (v->pdf[0]) {
        remove(v->pdf);
        char *dir = path_dirname(v->pdf);
        rmdir(dir);
        free(dir);
    }
    free(v);
}

static void pv_resize(void *p, ui_app *app)
{
    (void)p;
    app->dirty = true;
}

/* The title bar and the status line; the y below them comes back. */
static int draw_top(pview *v, ui_app *app)
{
    const ui_theme *t = &app->theme;
    v->back = ui_title_bar(app, ui_msg(app, MSG_PRINT_TITLE));
    int y = ui_bar_h(app) + ui_px(app, 40), x = ui_px(app, 60);
    txt_draw(app->txt, v->status, strlen(v->status), ui_px(app, 28), DOC_S_BOLD,
             v->failed ? ui_color(PAL_ERROR) : t->text, x, y);
    return y + ui_px(app, 70);
}

/* On the worker: how far the PDF has come, posted every 5 % (at most ten
 * times a second on a real display).  It waits (briefly) until the view
 * has taken the step, so each posted step is shown once. */
static void on_progress(void *ctx, int done, int total)
{
    pjob *j = ctx;
    int pct = total > 0 ? done * 100 / total : 0;
    Uint32 now = (Uint32)clock_mono(&j->clock);
    if (pct < j->posted + 5 || (j->windowed && now - j->posted_at < 100))
        return;
    j->posted = pct;
    j->posted_at = now;
    SDL_LockMutex(j->lock);
    j->pct = pct;
    j->seq++;
    if (!j->cancel && j->seen != j->seq)
        SDL_CondWaitTimeout(j->cond, j->lock, 1000);
    SDL_UnlockMutex(j->lock);
}

/* The worker: make the PDF in a temporary folder (the writer counts its pages). */
static int job_run(void *data)
{
    pjob *j = data;
    char tmpl[] = "/tmp/madoguchi-printXXXXXX";
    char err[512] = "", pdf[256] = "", name[128];
    bool ok = false;
    int pages = 0;
    const ui_handout *h = &j->h;
    snprintf(name, sizeof name, "%s.pdf", h->name[0] ? h->name : "madoguchi");
    if (!mkdtemp(tmpl)) {
        snprintf(err, sizeof err, "/tmp");
    } else {
        snprintf(pdf, sizeof pdf, "%s/%s", tmpl, name);
        j->ctx.pages = &pages;
        SDL_LockMutex(j->book_lock);
        if (h->kind == HANDOUT_DECK && j->deck)
            ok = handout_deck(&j->ctx, j->deck, "3", pdf, err, sizeof err);
        else if (h->kind == HANDOUT_CHAPTER)
            ok = handout_guide(&j->ctx, &h->index, 1, pdf, err, sizeof err);
        else if (h->kind == HANDOUT_REFERRALS)
            ok = handout_referrals(&j->ctx, j->refs, pdf, err, sizeof err);
        else if (h->kind == HANDOUT_CONSULT && j->have_note)
            ok = handout_consult(&j->ctx, &j->n, j->refs, pdf, err, sizeof err);
        else if (h->kind == HANDOUT_SELFCHECK && j->sc && j->sc->n) {
            sc_answer *a = xcalloc(j->sc->n, sizeof *a);
            sc_parse_answers(h->answers, a, j->sc->n);
            ok = handout_selfcheck(&j->ctx, j->sc, a, j->refs, pdf, err, sizeof err);
            free(a);
        } else if (h->kind == HANDOUT_FINDER)
            ok = handout_finder(&j->ctx, (ref_problem)h->index, j->faq, j->refs, pdf, err,
                                sizeof err);
        SDL_UnlockMutex(j->book_lock);
        j->ctx.pages = NULL;
        if (!ok) {
            pdf[0] = '\0';
            rmdir(tmpl);
        }
    }
    SDL_LockMutex(j->lock);
    j->ok = ok;
    j->pages = pages;
    snprintf(j->err, sizeof j->err, "%s", err);
    snprintf(j->pdf, sizeof j->pdf, "%s", pdf);
    snprintf(j->name, sizeof j->name, "%s", name);
    j->done = true;
    SDL_UnlockMutex(j->lock);
    return 0;
}

static void job_free(pjob *j)
{
    if (!j)
        return;
    if (j->have_note)
        note_fini(&j->n);
    SDL_DestroyCond(j->cond);
    SDL_DestroyMutex(j->lock);
    free(j);
}

/* Start making the PDF.  Until the first step is taken, every frame says
 * 作成しています. */
static void job_start(pview *v, ui_app *app)
{
    pjob *j = xcalloc(1, sizeof *j);
    j->h = v->h;
    j->ctx = (handout_ctx){.font = app->font_path, .lang = app->lang, .book = &app->content->guide,
                           .portal = app->content->desk.portal,
                           .desk_phone = app->content->desk.phone,
                           .desk_hours = app->content->desk.hours,
                           .now_ms = clock_wall(&app->clock), .progress = on_progress,
                           .progress_ctx = j};
    j->refs = &app->content->refs;
    j->sc = &app->content->sc;
    j->faq = &app->content->faq;
    j->book_lock = app->book_lock;
    j->windowed = app->win != NULL;
    j->clock = app->clock;
    j->posted = 0;
    if (v->h.kind == HANDOUT_DECK && v->h.index >= 0 && (size_t)v->h.index < app->ndecks)
        j->deck = app->decks[v->h.index];
    if (v->h.kind == HANDOUT_CONSULT && app->notes) {
        char err[256];
        j->have_note = notes_get(app->notes, v->h.note, &j->n, err, sizeof err) > 0;
    }
    j->lock = SDL_CreateMutex();
    j->cond = SDL_CreateCond();
    j->thread = j->lock && j->cond ? SDL_CreateThread(job_run, "madoguchi-print", j) : NULL;
    if (!j->thread) { /* no thread: make it here, the old way (no progress shown) */
        j->ctx.progress = NULL;
        if (!j->lock)
            j->lock = SDL_CreateMutex();
        job_run(j);
    }
    v->job = j;
}

/* The job's progress and end, taken by the update step. */
static void job_poll(pview *v, ui_app *app)
{
    pjob *j = v->job;
    SDL_LockMutex(j->lock);
    bool done = j->done;
    if (j->seen != j->seq) {
        j->seen = j->seq;
        v->pct = j->pct;
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_PROGRESS), v->pct);
        SDL_CondSignal(j->cond);
        done = false; /* this step is drawn first */
        app->dirty = true;
    }
    SDL_UnlockMutex(j->lock);
    if (!done)
        return;
    if (j->thread)
        SDL_WaitThread(j->thread, NULL);
    v->made = true;
    v->job = NULL;
    snprintf(v->name, sizeof v->name, "%s", j->name);
    snprintf(v->pdf, sizeof v->pdf, "%s", j->pdf);
    v->pages = j->pages;
    if (!j->ok) {
        v->failed = true;
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_ERROR), j->err);
    } else
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_READY), v->name, v->pages);
    job_free(j);
    app->dirty = true;
}

static void pv_update(void *p, ui_app *app, Uint32 now)
{
    (void)now;
    pview *v = p;
    if (v->made)
        return;
    if (!v->job)
        job_start(v, app);
    else
        job_poll(v, app);
}

/* While the PDF is being made: look at it often. */
static int pv_timeout(void *p, ui_app *app)
{
    (void)app;
    pview *v = p;
    return v->made ? -1 : 20;
}

bool print_view_state(const ui_app *app, print_view_info *out)
{
    if (ui_top(app) != &print_view)
        return false;
    const pview *v = ui_top_view(app);
    *out = (print_view_info){.making = v->job != NULL, .made = v->made, .failed = v->failed,
                             .pct = v->pct, .pages = v->pages};
    return true;
}

void ui_print(ui_app *app, ui_handout_kind kind, int index, const char *note_id, const char *name)
{
    ui_args a = {.kind = ARGS_PRINT, .print = {.kind = kind, .index = index}};
    snprintf(a.print.note, sizeof a.print.note, "%s", note_id ? note_id : "");
    /* A file name from the title: no slashes. */
    snprintf(a.print.name, sizeof a.print.name, "%s", name ? name : "madoguchi");
    for (char *c = a.print.name; *c; c++)
        if (*c == '/' || *c == '\\')
            *c = '_';
    ui_push(app, &print_view, &a);
}

static void print(pview *v, ui_app *app)
{
    char printer[128], why[512];
    if (app->printer && *app->printer) /* [print] printer */
        snprintf(printer, sizeof printer, "%s", app->printer);
    else if (!sys_default_printer(printer, sizeof printer)) { /* no CUPS, or no default */
        snprintf(v->status, sizeof v->status, "%s", ui_msg(app, MSG_PRINT_NO_PRINTER));
        v->failed = true;
        return;
    }
    v->failed = !sys_print(printer, v->copies, v->name, v->pdf, why, sizeof why);
    if (!v->failed)
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_SENT), printer, v->copies);
    else
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_FAILED), why);
}

static void save(pview *v, ui_app *app, const char *dir)
{
    char dst[512], err[600];
    snprintf(dst, sizeof dst, "%s/%s", dir, v->name);
    size_t len;
    char *bytes = read_file(v->pdf, &len);
    if (bytes && write_file_atomic(dst, bytes, len, err, sizeof err)) {
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_SAVED), dst);
        v->failed = false;
    } else { /* a full or write-protected stick: said so, no half file left */
        int e = bytes ? errno : EIO;
        msg_id why = e == ENOSPC || e == EDQUOT                ? MSG_SAVE_FULL
                     : e == EROFS || e == EACCES || e == EPERM ? MSG_SAVE_READONLY
                                                               : MSG_SAVE_IO;
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_SAVE_FAILED),
                 ui_msg(app, why), dst);
        v->failed = true;
    }
    free(bytes);
}

static void pv_action(void *p, ui_app *app, const ui_action *a)
{
    pview *v = p;
    if (a->kind == ACT_BACK || a->kind == ACT_ERASE ||
        (a->kind == ACT_TAP && ui_hit(&v->back, a->x, a->y))) {
        ui_pop(app);
        return;
    }
    if (a->kind != ACT_TAP || !v->made || !v->pdf[0])
        return;
    if (ui_hit(&v->minus, a->x, a->y) && v->copies > 1)
        v->copies--;
    else if (ui_hit(&v->plus, a->x, a->y) && v->copies < 99)
        v->copies++;
    else if (ui_hit(&v->print, a->x, a->y))
        print(v, app);
    for (int i = 0; i < v->ndrives; i++)
        if (ui_hit(&v->save[i], a->x, a->y))
            save(v, app, v->drives[i]);
    app->dirty = true;
}

static void pv_draw(void *p, ui_app *app)
{
    pview *v = p;
    const ui_theme *t = &app->theme;
    int m = ui_px(app, 16);
    int y = draw_top(v, app), x = ui_px(app, 60), bw = ui_px(app, 320), h = ui_px(app, 80);
    int s = ui_px(app, 28);
    if (!v->made) {
        if (v->pct > 0) { /* how far it is */
            int w = MG_MIN(app->w - 2 * x, ui_px(app, 800)), bh = ui_px(app, 24);
            ui_fill(app, t->tile_bg, x, y, w, bh);
            ui_fill(app, t->accent, x, y, w * v->pct / 100, bh);
            ui_frame(app, t->tile_border, x, y, w, bh, 1);
        }
        return;
    }
    if (!v->pdf[0])
        return;
    char buf[64];
    v->minus = ui_button(app, "\xEF\xBC\x8D", x, y, h, h, t->tile_bg, t->text, s); /* － */
    snprintf(buf, sizeof buf, ui_msg(app, MSG_PRINT_COPIES), v->copies);
    int cw = txt_width(app->txt, buf, strlen(buf), s, DOC_S_BOLD);
    txt_draw(app->txt, buf, strlen(buf), s, DOC_S_BOLD, t->text, x + h + m,
             y + (h - txt_height(app->txt, s)) / 2);
    v->plus = ui_button(app, "\xEF\xBC\x8B", x + h + 2 * m + cw, y, h, h, t->tile_bg, t->text, s);
    v->print = ui_button(app, ui_msg(app, MSG_PRINT_BUTTON), x + 2 * h + 4 * m + cw, y, bw, h,
                         t->accent, t->accent_text, s);
    y += h + ui_px(app, 40);
    if (v->ndrives == 0) {
        const char *nd = ui_msg(app, MSG_PRINT_NO_DRIVE);
        txt_draw(app->txt, nd, strlen(nd), s, 0, t->muted, x, y);
    }
    for (int i = 0; i < v->ndrives; i++) {
        const char *label = strrchr(v->drives[i], '/') ? strrchr(v->drives[i], '/') + 1 : v->drives[i];
        snprintf(buf, sizeof buf, ui_msg(app, MSG_PRINT_SAVE_TO), label);
        v->save[i] = ui_button(app, buf, x, y, ui_px(app, 520), h, t->tile_bg, t->accent, s);
        ui_frame(app, t->tile_border, x, y, ui_px(app, 520), h, 1);
        y += h + m;
    }
}

const ui_view_ops print_view = {
    .name = "print",
    .open = pv_open,
    .close = pv_close,
    .resize = pv_resize,
    .action = pv_action,
    .draw = pv_draw,
    .timeout = pv_timeout,
    .update = pv_update,
};
