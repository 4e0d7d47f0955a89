/*
 * printview.c - 印刷・保存: a handout for what is on screen, printed on
 * the default printer (CUPS, through lp, with a number of copies) or
 * saved to a removable drive (mounted under /media or /run/media).
 *
 * The view makes the PDF on its first frame after showing 作成しています,
 * so even a long job shows progress; no printer, no drive, a full or
 * read-only drive: each is said in the view, and nothing half-written is
 * left under the final name (paper/pdf writes a temporary file first).
 *
 * What to print comes in app->handout (set by the view that opens this).
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../core/notes.h"
#include "../paper/handout.h"
#include "ui.h"

#define MAX_DRIVES 6

typedef struct pview {
    char pdf[256];    /* the handout, in a temporary folder */
    char name[128];   /* the file name to save under */
    int pages;
    bool made, failed;
    bool shown;        /* 作成しています has been on screen: make it now */
    int pct;           /* progress last shown, percent */
    Uint32 shown_at;   /* when it was shown (real clock) */
    ui_app *app;       /* for the progress callback */
    int copies;
    char drives[MAX_DRIVES][256];
    int ndrives;
    char status[512];
    SDL_Rect back, print, minus, plus, save[MAX_DRIVES];
} pview;

/* Mounted removable drives: /media/USER/LABEL, /media/LABEL, /run/media/USER/LABEL. */
static int find_drives(char out[][256], int max)
{
    static const char *const roots[] = {"/media", "/run/media"};
    int n = 0;
    for (size_t r = 0; r < 2; r++) {
        DIR *d = opendir(roots[r]);
        struct dirent *e;
        while (d && (e = readdir(d)) && n < max) {
            if (e->d_name[0] == '.')
                continue;
            char p[300];
            snprintf(p, sizeof p, "%.20s/%.250s", roots[r], e->d_name);
            /* A user's folder holds the drives; a drive holds files. */
            DIR *sub = opendir(p);
            struct dirent *f;
            bool user_dir = false;
            while (sub && (f = readdir(sub)) && n < max) {
                if (f->d_name[0] == '.')
                    continue;
                char q[600];
                snprintf(q, sizeof q, "%s/%.250s", p, f->d_name);
                struct stat st;
                const char *parent = p;
                if (stat(q, &st) == 0 && S_ISDIR(st.st_mode)) {
                    struct stat a, b;
                    /* a mount point sits on another device than its parent */
                    if (stat(q, &a) == 0 && stat(parent, &b) == 0 && a.st_dev != b.st_dev) {
                        snprintf(out[n++], 256, "%.255s", q);
                        user_dir = true;
                    }
                }
            }
            if (sub)
                closedir(sub);
            struct stat a, b;
            if (!user_dir && stat(p, &a) == 0 && stat(roots[r], &b) == 0 && a.st_dev != b.st_dev)
                snprintf(out[n++], 256, "%.255s", p);
        }
        if (d)
            closedir(d);
    }
    return n;
}

static void *pv_open(ui_app *app, int arg)
{
    (void)arg;
    if (!app->handout.kind)
        return NULL;
    pview *v = xcalloc(1, sizeof *v);
    v->app = app;
    v->copies = 1;
    snprintf(v->status, sizeof v->status, "%s", ui_msg(app, MSG_PRINT_MAKING));
    v->ndrives = find_drives(v->drives, MAX_DRIVES);
    app->dirty = true;
    return v;
}

static void pv_close(void *p)
{
    pview *v = p;
    if (!v)
        return;
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
             v->failed ? (SDL_Color){190, 40, 30, 255} : t->text, x, y);
    return y + ui_px(app, 70);
}

/* A long job (a book of chapters, a deck on a Pi) shows how far it is: the
 * frame is drawn and shown from inside the making, every 5 % and at most
 * ten times a second on a real display. */
static void on_progress(void *ctx, int done, int total)
{
    pview *v = ctx;
    ui_app *app = v->app;
    int pct = total > 0 ? done * 100 / total : 0;
    Uint32 now = SDL_GetTicks();
    if (pct < v->pct + 5 || (app->win && now - v->shown_at < 100))
        return;
    v->pct = pct;
    v->shown_at = now;
    snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_PROGRESS), pct);
    const ui_theme *t = &app->theme;
    SDL_SetRenderDrawColor(app->ren, t->bg.r, t->bg.g, t->bg.b, 255);
    SDL_RenderClear(app->ren);
    int y = draw_top(v, app), x = ui_px(app, 60), w = MG_MIN(app->w - 2 * x, ui_px(app, 800));
    int h = ui_px(app, 24);
    ui_fill(app, t->tile_bg, x, y, w, h);
    ui_fill(app, t->accent, x, y, w * pct / 100, h);
    ui_frame(app, t->tile_border, x, y, w, h, 1);
    SDL_RenderPresent(app->ren);
    SDL_PumpEvents(); /* the window stays responsive to the system */
}

/* Make the PDF (the frame after 作成しています is on screen). */
static void make(pview *v, ui_app *app)
{
    v->made = true;
    char tmpl[] = "/tmp/madoguchi-printXXXXXX";
    if (!mkdtemp(tmpl)) {
        v->failed = true;
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_ERROR), "/tmp");
        return;
    }
    const ui_handout *h = &app->handout;
    snprintf(v->name, sizeof v->name, "%s.pdf", h->name[0] ? h->name : "madoguchi");
    snprintf(v->pdf, sizeof v->pdf, "%s/%s", tmpl, v->name);
    char *portal = handout_portal(app->content_dir ? app->content_dir : ".");
    handout_ctx ctx = {.font = app->font_path, .lang = app->lang, .book = &app->guide,
                       .portal = portal, .progress = on_progress, .progress_ctx = v};
    char err[512] = "";
    bool ok = false;
    if (h->kind == HANDOUT_DECK && h->index >= 0 && (size_t)h->index < app->ndecks)
        ok = handout_deck(&ctx, app->decks[h->index], "3", v->pdf, err, sizeof err);
    else if (h->kind == HANDOUT_CHAPTER)
        ok = handout_guide(&ctx, &h->index, 1, v->pdf, err, sizeof err);
    else if (h->kind == HANDOUT_REFERRALS)
        ok = handout_referrals(&ctx, &app->refs, v->pdf, err, sizeof err);
    else if (h->kind == HANDOUT_CONSULT && app->notes) {
        note n;
        if (notes_get(app->notes, h->note, &n, err, sizeof err) > 0) {
            ok = handout_consult(&ctx, &n, &app->refs, v->pdf, err, sizeof err);
            note_fini(&n);
        }
    }
    free(portal);
    if (!ok) {
        v->failed = true;
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_ERROR), err);
        v->pdf[0] = '\0';
        rmdir(tmpl);
        return;
    }
    /* Page count, for the visitor: the PDF says it in its trailer. */
    size_t len;
    char *bytes = read_file(v->pdf, &len);
    v->pages = 0;
    for (const char *s = bytes; s && (s = strstr(s, "/Type /Page")); s++)
        v->pages += s[11] != 's';
    free(bytes);
    snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_READY), v->name, v->pages);
}

/* Run a program, its output into out; exit status (or -1). */
static int run(char *const argv[], char *out, size_t n)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        close(fd[0]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    size_t got = 0;
    ssize_t r;
    while (got + 1 < n && (r = read(fd[0], out + got, n - 1 - got)) > 0)
        got += (size_t)r;
    out[got] = '\0';
    close(fd[0]);
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static void print(pview *v, ui_app *app)
{
    char out[512];
    char *lpstat[] = {"lpstat", "-d", NULL};
    int rc = run(lpstat, out, sizeof out);
    const char *dest = strstr(out, "destination: ");
    if (rc != 0 || !dest) { /* no CUPS, or no default printer */
        snprintf(v->status, sizeof v->status, "%s", ui_msg(app, MSG_PRINT_NO_PRINTER));
        v->failed = true;
        return;
    }
    char printer[128];
    snprintf(printer, sizeof printer, "%s", dest + 13);
    printer[strcspn(printer, "\r\n")] = '\0';
    char copies[16];
    snprintf(copies, sizeof copies, "%d", v->copies);
    char *lp[] = {"lp", "-n", copies, "-t", v->name, v->pdf, NULL};
    rc = run(lp, out, sizeof out);
    v->failed = rc != 0;
    if (rc == 0)
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_SENT), printer, v->copies);
    else {
        out[strcspn(out, "\n")] = '\0';
        snprintf(v->status, sizeof v->status, ui_msg(app, MSG_PRINT_FAILED), out);
    }
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
    if (!v->made && v->shown) {
        make(v, app); /* with progress frames shown from inside */
        SDL_SetRenderDrawColor(app->ren, t->bg.r, t->bg.g, t->bg.b, 255);
        SDL_RenderClear(app->ren);
    }
    int m = ui_px(app, 16);
    int y = draw_top(v, app), x = ui_px(app, 60), bw = ui_px(app, 320), h = ui_px(app, 80);
    int s = ui_px(app, 28);
    if (!v->made) {
        v->shown = true; /* this frame says 作成しています; the next one makes it */
        app->dirty = true;
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
};
