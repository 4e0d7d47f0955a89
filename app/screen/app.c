/*
 * app.c - the application context, the view stack, deadlines, the event
 * loop (see ui.h).
 */
#include "ui.h"

#include "../core/deck.h"
#include "../core/notes.h"
#include "../core/search.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void update_size(ui_app *app)
{
    if (app->ren && app->win) {
        int w, h;
        if (SDL_GetRendererOutputSize(app->ren, &w, &h) == 0) {
            app->w = w;
            app->h = h;
        }
    }
    app->input.w = app->w;
    app->input.h = app->h;
    float sx = app->w / 1280.0f, sy = app->h / 720.0f;
    app->scale = sx < sy ? sx : sy;
    if (app->scale < 0.3f)
        app->scale = 0.3f;
}

/* Pictures come through the book (an EPUB keeps them in its zip). */
static void *load_picture(void *ctx, const char *path, size_t *len)
{
    ui_app *app = ctx;
    /* An EPUB's zip is read by one thread at a time (the print worker). */
    SDL_LockMutex(app->book_lock);
    void *data = guide_read_file(&app->content->guide, path, len);
    SDL_UnlockMutex(app->book_lock);
    return data;
}

txt_loader ui_picture_loader(void)
{
    return load_picture;
}

/* The kiosk goes back to home when left alone (staff mode has a lock of
 * its own, and a longer time). */
static Uint32 kiosk_after(const ui_app *app)
{
    return app->idle_ms;
}

static bool kiosk_armed(const ui_app *app)
{
    const ui_view_ops *top = ui_top(app);
    return app->kiosk && !app->staff && top && !top->at_rest &&
           (app->depth > 1 || app->clipboard.len);
}

void ui_visitor_reset(ui_app *app)
{
    ui_home(app);
    if (app->clipboard.len) {
        sodium_memzero(app->clipboard.s, app->clipboard.len);
        strbuf_clear(&app->clipboard);
    }
    if (app->win && SDL_HasClipboardText())
        SDL_SetClipboardText("");
    app->dirty = true;
}

static const ui_deadline kiosk_home = {"kiosk-home", kiosk_after, kiosk_armed, ui_visitor_reset};

/* The system's SIGHUP (a terminal or session closing) closes the kiosk
 * as SIGTERM does: SDL turns SIGTERM into SDL_QUIT, and wakes its wait for
 * it.  Only async-signal-safe calls here. */
static volatile sig_atomic_t last_signal;

static void on_hangup(int sig)
{
    last_signal = sig;
    kill(getpid(), SIGTERM);
}

static void kiosk_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_hangup;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGHUP, &sa, NULL);
}

int ui_last_signal(void)
{
    return last_signal;
}

bool ui_init(ui_app *app, const ui_config *cfg, char *err, size_t errsize)
{
    memset(app, 0, sizeof *app);
    app->lang = cfg->lang;
    app->kiosk = !cfg->window && !cfg->headless;
    app->idle_ms = 90000;
    app->staff_idle_ms = 300000;
    app->db_path = cfg->db ? xstrdup(cfg->db) : NULL;
    app->clock = clock_system();
    app->input.clock = &app->clock; /* the long press on the same clock */
    app->book_lock = SDL_CreateMutex();
    app->audience_display = -1;
    app->theme = ui_default_theme();

    if (cfg->headless) {
        if (SDL_Init(0) != 0) {
            snprintf(err, errsize, msg_get(app->lang, MSG_ERR_SDL_INIT), SDL_GetError());
            return false;
        }
        app->w = cfg->w > 0 ? cfg->w : 1280;
        app->h = cfg->h > 0 ? cfg->h : 720;
        app->target = SDL_CreateRGBSurfaceWithFormat(0, app->w, app->h, 32,
                                                     SDL_PIXELFORMAT_ARGB8888);
        app->ren = app->target ? SDL_CreateSoftwareRenderer(app->target) : NULL;
        if (!app->ren) {
            snprintf(err, errsize, msg_get(app->lang, MSG_ERR_WINDOW), SDL_GetError());
            return false;
        }
    } else {
        SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
        /* Japanese compositions longer than 32 bytes (about ten kanji)
         * arrive whole in SDL_TEXTEDITING_EXT instead of cut short. */
        SDL_SetHint(SDL_HINT_IME_SUPPORT_EXTENDED_TEXT, "1");
        SDL_SetHint(SDL_HINT_IME_SHOW_UI, "1");
        /* A kiosk is left only on purpose: closing the window is ignored,
         * so SDL_QUIT never arrives from the screen.  It comes from the
         * system: SIGTERM and SIGINT through SDL's handlers, SIGHUP through
         * ours (kiosk_signals), and the kiosk closes cleanly on it. */
        if (app->kiosk)
            SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
        if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
            snprintf(err, errsize, msg_get(app->lang, MSG_ERR_SDL_INIT), SDL_GetError());
            return false;
        }
        int ndisp = SDL_GetNumVideoDisplays(), display = cfg->display;
        if (display < 0 || display >= ndisp) { /* unplugged: the primary one, said in the log */
            fprintf(stderr, "madoguchi: ");
            fprintf(stderr, msg_get(app->lang, MSG_ERR_DISPLAY), display, ndisp - 1);
            fprintf(stderr, " %s\n", msg_get(app->lang, MSG_LOG_DISPLAY_PRIMARY));
            display = 0;
        }
        Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
        int w = cfg->w > 0 ? cfg->w : 1280, h = cfg->h > 0 ? cfg->h : 720;
        int x = SDL_WINDOWPOS_CENTERED_DISPLAY(display), y = x;
        SDL_Rect b;
        if (!cfg->window) {
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
            /* The display's own rectangle too: a kiosk started by xinit has
             * no window manager to make "fullscreen" cover the screen. */
            if (SDL_GetDisplayBounds(display, &b) == 0) {
                x = b.x;
                y = b.y;
                w = b.w;
                h = b.h;
            }
        }
        app->win = SDL_CreateWindow(msg_get(app->lang, MSG_DESK_NAME), x, y, w, h, flags);
        if (!app->win) {
            snprintf(err, errsize, msg_get(app->lang, MSG_ERR_WINDOW), SDL_GetError());
            return false;
        }
        app->ren = SDL_CreateRenderer(app->win, -1, SDL_RENDERER_PRESENTVSYNC);
        if (!app->ren) /* no GPU driver: the software renderer always works */
            app->ren = SDL_CreateRenderer(app->win, -1, SDL_RENDERER_SOFTWARE);
        if (!app->ren) {
            snprintf(err, errsize, msg_get(app->lang, MSG_ERR_WINDOW), SDL_GetError());
            return false;
        }
        if (app->kiosk) {
            SDL_ShowCursor(SDL_DISABLE);
            kiosk_signals();
        }
        SDL_DisableScreenSaver(); /* the screen never blanks (X, Wayland idle inhibit) */
    }
    SDL_SetRenderDrawBlendMode(app->ren, SDL_BLENDMODE_BLEND);
    update_size(app);

    char ferr[512];
    app->txt = txt_open(cfg->font, app->ren, ferr, sizeof ferr);
    if (!app->txt) {
        snprintf(err, errsize, msg_get(app->lang, MSG_ERR_FONT_OPEN), cfg->font, ferr);
        return false;
    }
    app->font_path = xstrdup(cfg->font);
    txt_set_loader(app->txt, load_picture, app);
    app->lb = lb_new();
    app->lay = (lay_ctx){.m = txt_metrics(app->txt), .lb = app->lb};

    /* The content: the caller's handle (main.c opens it once for every
     * command), or one of our own from a folder (tests, benches). */
    if (cfg->content) {
        app->content = cfg->content;
    } else {
        app->content = app->own_content =
            content_open(cfg->content_dir, cfg->guidebook, cfg->lang, 0);
        /* Content problems are for `madoguchi check`; the kiosk shows what it can. */
        if (app->content->diags.n)
            diag_print(&app->content->diags, stderr);
    }
    for (size_t i = 0; i < app->content->ndecks; i++)
        ui_add_deck(app, app->content->decks[i]);
    app->nborrowed_decks = app->ndecks;
    ui_add_deadline(app, &kiosk_home);
    app->last_input = ui_ticks(app);
    if (cfg->root)
        ui_push(app, cfg->root, NULL);
    return true;
}

void ui_fini(ui_app *app)
{
    while (app->depth > 0) {
        app->depth--;
        app->ops[app->depth]->close(app->views[app->depth]);
    }
    /* What modules keep (a note the disk refused) may still need the
     * notes database: before it closes. */
    for (int i = UI_ATTACHED - 1; i >= 0; i--)
        if (app->attached[i].key) {
            if (app->attached[i].fini)
                app->attached[i].fini(app, app->attached[i].state);
            app->attached[i].key = NULL;
        }
    txt_close(app->txt);
    free(app->font_path);
    strbuf_fini(&app->clipboard);
    lb_free(app->lb);
    search_close(app->search);
    store_close(app->notes);
    free(app->db_path);
    SDL_DestroyMutex(app->book_lock);
    for (size_t i = app->nborrowed_decks; i < app->ndecks; i++)
        deck_free(app->decks[i]);
    free(app->decks);
    content_close(app->own_content);
    if (app->ren)
        SDL_DestroyRenderer(app->ren);
    if (app->target)
        SDL_FreeSurface(app->target);
    if (app->win)
        SDL_DestroyWindow(app->win);
    TTF_Quit();
    SDL_Quit();
    memset(app, 0, sizeof *app);
}

int ui_add_deck(ui_app *app, deck *k)
{
    app->decks = xrealloc(app->decks, (app->ndecks + 1) * sizeof(deck *));
    app->decks[app->ndecks] = k;
    return (int)app->ndecks++;
}

Uint32 ui_ticks(const ui_app *app)
{
    return (Uint32)clock_mono(&app->clock);
}

int64_t ui_wall_ms(const ui_app *app)
{
    return clock_wall(&app->clock);
}

bool ui_add_deadline(ui_app *app, const ui_deadline *d)
{
    for (int i = 0; i < app->ndeadlines; i++)
        if (app->deadlines[i] == d)
            return true;
    if (app->ndeadlines >= UI_DEADLINES)
        return false;
    app->deadlines[app->ndeadlines++] = d;
    return true;
}

bool ui_attach(ui_app *app, const void *key, void *state, void (*fini)(ui_app *app, void *state))
{
    if (!key || ui_attached(app, key))
        return false;
    for (int i = 0; i < UI_ATTACHED; i++)
        if (!app->attached[i].key) {
            app->attached[i].key = key;
            app->attached[i].state = state;
            app->attached[i].fini = fini;
            return true;
        }
    return false;
}

void *ui_attached(const ui_app *app, const void *key)
{
    for (int i = 0; key && i < UI_ATTACHED; i++)
        if (app->attached[i].key == key)
            return app->attached[i].state;
    return NULL;
}

void *ui_detach(ui_app *app, const void *key)
{
    for (int i = 0; key && i < UI_ATTACHED; i++)
        if (app->attached[i].key == key) {
            void *st = app->attached[i].state;
            app->attached[i].key = NULL;
            app->attached[i].state = NULL;
            app->attached[i].fini = NULL;
            return st;
        }
    return NULL;
}

const ui_view_ops *ui_top(const ui_app *app)
{
    return app->depth ? app->ops[app->depth - 1] : NULL;
}

void *ui_top_view(const ui_app *app)
{
    return app->depth ? app->views[app->depth - 1] : NULL;
}

bool ui_wants_text_always(void *v)
{
    (void)v;
    return true;
}

/* Text input (and with it the input method) on exactly while the top view
 * has a text field focused. */
static void sync_text_input(ui_app *app)
{
    const ui_view_ops *top = app->depth ? app->ops[app->depth - 1] : NULL;
    bool want = top && top->wants_text && top->wants_text(app->views[app->depth - 1]);
    if (want != (bool)SDL_IsTextInputActive()) {
        if (want)
            SDL_StartTextInput();
        else
            SDL_StopTextInput();
    }
}

void ui_push(ui_app *app, const ui_view_ops *ops, const ui_args *args)
{
    if (app->depth >= UI_STACK) /* deep enough: replace the top */
        ui_pop(app);
    void *v = ops->open(app, args);
    if (!v)
        return;
    app->ops[app->depth] = ops;
    app->views[app->depth] = v;
    app->depth++;
    ops->resize(v, app);
    app->dirty = true;
    sync_text_input(app);
}

void ui_pop(ui_app *app)
{
    if (app->depth <= 1)
        return;
    app->depth--;
    app->ops[app->depth]->close(app->views[app->depth]);
    app->ops[app->depth - 1]->resize(app->views[app->depth - 1], app);
    app->dirty = true;
    sync_text_input(app);
}

void ui_home(ui_app *app)
{
    while (app->depth > 1)
        ui_pop(app);
}

/* Quitting (outside kiosk mode): a view may refuse, saying why (a note
 * the disk refused would be lost); a second try within 3 s quits all the
 * same. */
static void quit(ui_app *app)
{
    Uint32 now = ui_ticks(app);
    if (app->quit_warned && now - app->quit_warned <= 3000) {
        app->quit = true;
        return;
    }
    bool refused = false;
    for (int i = app->depth - 1; i >= 0; i--)
        if (app->ops[i]->can_quit && !app->ops[i]->can_quit(app->views[i], app))
            refused = true;
    if (refused) {
        app->quit_warned = now ? now : 1;
        return;
    }
    app->quit = true;
}

static void dispatch(ui_app *app, const ui_action *a)
{
    if (a->kind == ACT_QUIT) {
        if (!app->kiosk)
            quit(app);
        return;
    }
    if (a->kind == ACT_HOVER && (app->depth == 0 || !app->ops[app->depth - 1]->hover))
        return; /* a mouse passing over: only for views that follow it */
    app->last_input = ui_ticks(app);
    if (app->depth == 0)
        return;
    if (a->kind == ACT_STAFF) { /* the hidden way in, from any screen */
        if (app->hidden_entry)
            app->hidden_entry(app);
        return;
    }
    int d = app->depth - 1;
    app->ops[d]->action(app->views[d], app, a);
}

void ui_dispatch(ui_app *app, const ui_action *a)
{
    dispatch(app, a);
    sync_text_input(app); /* the view may have moved the focus */
}

void ui_draw(ui_app *app)
{
    SDL_Color bg = app->theme.bg;
    SDL_SetRenderDrawColor(app->ren, bg.r, bg.g, bg.b, 255);
    SDL_RenderSetClipRect(app->ren, NULL);
    SDL_RenderClear(app->ren);
    if (app->depth > 0)
        app->ops[app->depth - 1]->draw(app->views[app->depth - 1], app);
    txt_frame_end(app->txt);
    app->frames++;
}

static void relayout(ui_app *app)
{
    update_size(app);
    for (int i = 0; i < app->depth; i++)
        app->ops[i]->resize(app->views[i], app);
    app->dirty = true;
}

static void handle_window(ui_app *app, const SDL_WindowEvent *w)
{
    switch (w->event) {
    case SDL_WINDOWEVENT_SIZE_CHANGED:
    case SDL_WINDOWEVENT_DISPLAY_CHANGED:
        relayout(app);
        break;
    case SDL_WINDOWEVENT_EXPOSED:
    case SDL_WINDOWEVENT_RESTORED:
        app->dirty = true;
        break;
    default:
        break;
    }
}

static void handle_event(ui_app *app, SDL_Event *ev)
{
    /* In kiosk mode SDL_QUIT is the system's (SIGTERM, SIGINT, SIGHUP): no
     * window close makes one.  Close cleanly: ui_fini saves the note being
     * typed and any the disk refused. */
    if (ev->type == SDL_QUIT && app->kiosk) {
        app->quit = true;
        app->quit_by_system = true;
        return;
    }
    if (ev->type == SDL_WINDOWEVENT) {
        handle_window(app, &ev->window);
        return;
    }
    if (ev->type == SDL_RENDER_TARGETS_RESET || ev->type == SDL_RENDER_DEVICE_RESET) {
        app->dirty = true;
        return;
    }
    if (ev->type == SDL_DISPLAYEVENT) {
        ui_dispatch(app, &(ui_action){.kind = ACT_DISPLAYS});
        app->dirty = true;
        return;
    }
    /* Merge a burst of motion: only the newest position matters. */
    if (ev->type == SDL_MOUSEMOTION) {
        SDL_Event next;
        if (SDL_PeepEvents(&next, 1, SDL_PEEKEVENT, SDL_MOUSEMOTION, SDL_MOUSEMOTION) == 1)
            return;
    }
    ui_action acts[2];
    int n = ui_map_event(&app->input, ev, acts);
    /* Which window it happened in (keyboard, mouse and window events all
     * carry windowID at the same place). */
    Uint32 wid = ev->type == SDL_KEYDOWN ? ev->key.windowID
                 : ev->type == SDL_MOUSEBUTTONDOWN || ev->type == SDL_MOUSEBUTTONUP
                     ? ev->button.windowID
                 : ev->type == SDL_MOUSEMOTION ? ev->motion.windowID
                 : ev->type == SDL_MOUSEWHEEL  ? ev->wheel.windowID
                                               : 0;
    int win = app->win && wid && wid != SDL_GetWindowID(app->win) ? 1 : 0;
    for (int i = 0; i < n; i++) {
        acts[i].win = win;
        ui_dispatch(app, &acts[i]);
    }
    if (ev->type == SDL_TEXTEDITING_EXT) /* SDL hands this text over to us */
        SDL_free(ev->editExt.text);
}

int ui_idle(ui_app *app, Uint32 now)
{
    Uint32 idle = now - app->last_input;
    for (int i = 0; i < app->ndeadlines; i++) {
        const ui_deadline *d = app->deadlines[i];
        if (d->armed(app) && idle >= d->after(app))
            d->fire(app);
    }
    /* What is armed now (a deadline that fired may have disarmed others). */
    int next = -1;
    for (int i = 0; i < app->ndeadlines; i++) {
        const ui_deadline *d = app->deadlines[i];
        if (!d->armed(app))
            continue;
        Uint32 after = d->after(app);
        int left = idle >= after ? 0 : (int)(after - idle);
        if (next < 0 || left < next)
            next = left;
    }
    return next;
}

int ui_update(ui_app *app)
{
    Uint32 now = ui_ticks(app);
    int next = ui_idle(app, now);
    /* The view's own deadline passed: a frame for it (a clock, a countdown). */
    if (app->view_due_set && (Sint32)(now - app->view_due) >= 0) {
        app->view_due_set = false;
        app->dirty = true;
    }
    const ui_view_ops *top = ui_top(app);
    if (top && top->update)
        top->update(ui_top_view(app), app, now);
    top = ui_top(app); /* an update may have closed the view */
    int t = top && top->timeout ? top->timeout(ui_top_view(app), app) : -1;
    app->view_due_set = t >= 0;
    app->view_due = now + (Uint32)(t > 0 ? t : 0);
    if (t >= 0 && (next < 0 || t < next))
        next = t;
    return next;
}

void ui_pump(ui_app *app)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        handle_event(app, &ev);
}

int ui_turn(ui_app *app, int max_wait)
{
    int next = ui_update(app);
    if (app->dirty) {
        app->dirty = false;
        ui_draw(app);
        SDL_RenderPresent(app->ren);
    }
    /* Idle work (pre-rendering) only while no event is waiting. */
    const ui_view_ops *top = ui_top(app);
    while (top && top->idle && !SDL_PollEvent(NULL) && top->idle(ui_top_view(app), app))
        ;
    if (app->dirty || app->quit)
        return 0;
    int timeout = next;
    if (max_wait >= 0 && (timeout < 0 || timeout > max_wait))
        timeout = max_wait;
    if (timeout == 0)
        return next; /* due now, or the caller keeps the time: the next turn */
    /* Sleep until an event or the next deadline: an idle kiosk uses no CPU. */
    SDL_Event ev;
    int got = timeout < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, timeout);
    if (!got)
        return next; /* a deadline passed: the next turn's update runs it */
    handle_event(app, &ev);
    while (!app->quit && SDL_PollEvent(&ev))
        handle_event(app, &ev);
    return 0;
}

int ui_run(ui_app *app)
{
    app->last_input = ui_ticks(app);
    while (!app->quit)
        ui_turn(app, -1);
    return 0;
}

bool ui_save_png(ui_app *app, const char *path, char *err, size_t errsize)
{
    SDL_Surface *src = app->target;
    SDL_Surface *own = NULL;
    if (!src) {
        own = SDL_CreateRGBSurfaceWithFormat(0, app->w, app->h, 32, SDL_PIXELFORMAT_ARGB8888);
        if (!own || SDL_RenderReadPixels(app->ren, NULL, SDL_PIXELFORMAT_ARGB8888, own->pixels,
                                         own->pitch) != 0) {
            snprintf(err, errsize, msg_get(app->lang, MSG_ERR_SCREENSHOT), path, SDL_GetError());
            SDL_FreeSurface(own);
            return false;
        }
        src = own;
    }
    SDL_RenderFlush(app->ren);
    strbuf tmp;
    strbuf_init(&tmp);
    strbuf_printf(&tmp, "%s.tmp", path);
    bool ok = IMG_SavePNG(src, tmp.s) == 0 && rename(tmp.s, path) == 0;
    if (!ok) {
        snprintf(err, errsize, msg_get(app->lang, MSG_ERR_SCREENSHOT), path, SDL_GetError());
        remove(tmp.s);
    }
    strbuf_fini(&tmp);
    SDL_FreeSurface(own);
    return ok;
}
