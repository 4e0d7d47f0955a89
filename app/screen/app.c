/*
 * app.c - the application context, navigation, event loop and painter
 * (see ui.h).
 */
#include "ui.h"

#include "../core/deck.h"
#include "../core/notes.h"
#include "../core/search.h"

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define RGB(v) ((SDL_Color){(Uint8)((v) >> 16), (Uint8)((v) >> 8), (Uint8)(v), 255})

/* Colours of a public agency's print: white, deep blue, high contrast. */
static ui_theme default_theme(void)
{
    ui_theme t = {
        .bg = RGB(0xF3F6FA),
        .text = RGB(0x1A1A1A),
        .muted = RGB(0x4F5866),
        .header_bg = RGB(0x123E7C),
        .header_text = RGB(0xFFFFFF),
        .accent = RGB(0x0B5CAD),
        .accent_text = RGB(0xFFFFFF),
        .tile_bg = RGB(0xFFFFFF),
        .tile_border = RGB(0xB8C4D4),
        .focus = RGB(0xE89A00),
        .link = RGB(0x0B5CAD),
    };
    t.lay[LAY_C_TEXT] = RGB(0x1A1A1A);
    t.lay[LAY_C_HEADING] = RGB(0x123E7C);
    t.lay[LAY_C_LINK] = RGB(0x0B5CAD);
    t.lay[LAY_C_MUTED] = RGB(0x4F5866);
    t.lay[LAY_C_MARKER] = RGB(0x0B5CAD);
    t.lay[LAY_C_RULE] = RGB(0xB8C4D4);
    t.lay[LAY_C_CODE_BG] = RGB(0xECEFF3);
    t.lay[LAY_C_QUOTE_BG] = RGB(0xE7F0FA);
    t.lay[LAY_C_QUOTE_BAR] = RGB(0x0B5CAD);
    t.lay[LAY_C_TABLE_BORDER] = RGB(0x8E9BAD);
    t.lay[LAY_C_TABLE_HEAD_BG] = RGB(0xDCE7F5);
    t.lay[LAY_C_PLACEHOLDER] = RGB(0xE6E6E6);
    return t;
}

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
    return guide_read_file(&app->guide, path, len);
}

txt_loader ui_picture_loader(void)
{
    return load_picture;
}

bool ui_init(ui_app *app, const ui_config *cfg, char *err, size_t errsize)
{
    memset(app, 0, sizeof *app);
    app->lang = cfg->lang;
    app->kiosk = !cfg->window && !cfg->headless;
    app->idle_ms = 180000;
    app->staff_idle_ms = 300000;
    app->db_path = cfg->db ? xstrdup(cfg->db) : NULL;
    app->ticks = SDL_GetTicks;
    app->audience_display = -1;
    app->theme = default_theme();
    diag_init(&app->diags, cfg->lang);

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
         * so SDL_QUIT never arrives from the screen.  SIGTERM and SIGINT keep
         * their default action (the system shutting down still stops it);
         * with SDL's handlers they would become an ignored SDL_QUIT. */
        if (app->kiosk) {
            SDL_SetHint(SDL_HINT_QUIT_ON_LAST_WINDOW_CLOSE, "0");
            SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
        }
        if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
            snprintf(err, errsize, msg_get(app->lang, MSG_ERR_SDL_INIT), SDL_GetError());
            return false;
        }
        int ndisp = SDL_GetNumVideoDisplays();
        if (cfg->display < 0 || cfg->display >= ndisp) {
            snprintf(err, errsize, msg_get(app->lang, MSG_ERR_DISPLAY), cfg->display, ndisp - 1);
            return false;
        }
        Uint32 flags = SDL_WINDOW_ALLOW_HIGHDPI | SDL_WINDOW_RESIZABLE;
        int w = cfg->w > 0 ? cfg->w : 1280, h = cfg->h > 0 ? cfg->h : 720;
        int x = SDL_WINDOWPOS_CENTERED_DISPLAY(cfg->display), y = x;
        SDL_Rect b;
        if (!cfg->window) {
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP | SDL_WINDOW_BORDERLESS;
            /* The display's own rectangle too: a kiosk started by xinit has
             * no window manager to make "fullscreen" cover the screen. */
            if (SDL_GetDisplayBounds(cfg->display, &b) == 0) {
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
        if (app->kiosk)
            SDL_ShowCursor(SDL_DISABLE);
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

    if (cfg->content_dir) {
        app->content_dir = xstrdup(cfg->content_dir);
        guide_load(&app->guide, cfg->content_dir, cfg->guidebook, &app->diags);
        char *refs = path_join(cfg->content_dir, "assets/referrals.ini");
        ref_load(&app->refs, refs, &app->diags);
        free(refs);
        char *sdir = path_join(cfg->content_dir, "slides");
        size_t n;
        char **names = dir_list(sdir, ".md", &n);
        for (size_t i = 0; names && i < n; i++) {
            char *p = path_join(sdir, names[i]);
            deck *k = deck_load(p, &app->diags);
            if (k && k->n)
                ui_add_deck(app, k);
            else
                deck_free(k);
            free(p);
        }
        strv_free(names, n);
        free(sdir);
        /* Content problems are for `madoguchi check`; the kiosk shows what it can. */
        if (app->diags.n)
            diag_print(&app->diags, stderr);
    }
    ui_push(app, &home_view, 0);
    return true;
}

void ui_fini(ui_app *app)
{
    while (app->depth > 0) {
        app->depth--;
        app->ops[app->depth]->close(app->views[app->depth]);
    }
    txt_close(app->txt);
    free(app->font_path);
    free(app->jump_term);
    strbuf_fini(&app->clipboard);
    lb_free(app->lb);
    search_close(app->search);
    ref_fini(&app->refs);
    if (app->unsaved) { /* the disk refused it to the end: one last try */
        char err[256];
        err[0] = '\0';
        if (!app->notes || !notes_save(app->notes, app->unsaved, ui_wall_ms(), err, sizeof err))
            fprintf(stderr, "madoguchi: %s: %s\n", ui_msg(app, MSG_NOTES_LOST), err);
        note_fini(app->unsaved);
        free(app->unsaved);
    }
    store_close(app->notes);
    free(app->db_path);
    guide_fini(&app->guide);
    for (size_t i = 0; i < app->ndecks; i++)
        deck_free(app->decks[i]);
    free(app->decks);
    diag_fini(&app->diags);
    free(app->content_dir);
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

long long ui_wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

void ui_print(ui_app *app, ui_handout_kind kind, int index, const char *note_id, const char *name)
{
    app->handout = (ui_handout){.kind = kind, .index = index};
    snprintf(app->handout.note, sizeof app->handout.note, "%s", note_id ? note_id : "");
    /* A file name from the title: no slashes. */
    snprintf(app->handout.name, sizeof app->handout.name, "%s", name ? name : "madoguchi");
    for (char *c = app->handout.name; *c; c++)
        if (*c == '/' || *c == '\\')
            *c = '_';
    ui_push(app, &print_view, 0);
}

int ui_add_deck(ui_app *app, deck *k)
{
    app->decks = xrealloc(app->decks, (app->ndecks + 1) * sizeof(deck *));
    app->decks[app->ndecks] = k;
    return (int)app->ndecks++;
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

void ui_push(ui_app *app, const ui_view_ops *ops, int arg)
{
    if (app->depth >= UI_STACK) /* deep enough: replace the top */
        ui_pop(app);
    void *v = ops->open(app, arg);
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

static void dispatch(ui_app *app, const ui_action *a)
{
    if (a->kind == ACT_QUIT) {
        if (app->kiosk)
            return;
        /* A note the disk refused would be lost: say so once; a second
         * try within 3 s quits all the same. */
        editor_info e;
        Uint32 now = app->ticks();
        if (editor_state(app, &e) && e.unsaved && (!app->quit_warned || now - app->quit_warned > 3000)) {
            app->quit_warned = now ? now : 1;
            editor_refuse_quit(app);
            return;
        }
        app->quit = true;
        return;
    }
    app->last_input = app->ticks();
    if (app->depth == 0)
        return;
    if (a->kind == ACT_STAFF) { /* the hidden way in, from any screen: the PIN pad */
        const ui_view_ops *top = app->ops[app->depth - 1];
        if (top != &pin_view && top != &staff_view && top != &editor_view)
            ui_push(app, app->staff ? &staff_view : &pin_view, 0);
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
    /* Staff mode locks itself when left alone, in every mode. */
    if (app->staff) {
        Uint32 idle = now - app->last_input;
        if (idle >= app->staff_idle_ms) {
            app->staff = false;
            ui_home(app);
            return -1;
        }
        return (int)(app->staff_idle_ms - idle);
    }
    if (!app->kiosk || app->depth <= 1)
        return -1;
    Uint32 idle = now - app->last_input;
    if (idle >= app->idle_ms) {
        ui_home(app);
        return -1;
    }
    return (int)(app->idle_ms - idle);
}

void ui_pump(ui_app *app)
{
    SDL_Event ev;
    while (SDL_PollEvent(&ev))
        handle_event(app, &ev);
}

int ui_run(ui_app *app)
{
    app->last_input = SDL_GetTicks();
    while (!app->quit) {
        if (app->dirty) {
            app->dirty = false;
            ui_draw(app);
            SDL_RenderPresent(app->ren);
        }
        /* Idle work (pre-rendering) only while no event is waiting. */
        const ui_view_ops *top = app->depth ? app->ops[app->depth - 1] : NULL;
        while (top && top->idle && !SDL_PollEvent(NULL) &&
               top->idle(app->views[app->depth - 1], app))
            ;
        /* Sleep until an event or the next deadline: an idle kiosk uses no CPU. */
        int timeout = ui_idle(app, SDL_GetTicks());
        if (app->dirty)
            continue;
        if (top && top->timeout) {
            int t = top->timeout(app->views[app->depth - 1], app);
            if (t >= 0 && (timeout < 0 || t < timeout))
                timeout = t;
        }
        if (timeout == 0) {
            app->dirty = true;
            continue;
        }
        SDL_Event ev;
        int got = timeout < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, timeout);
        if (!got) { /* a deadline passed: a clock to redraw or the idle timer */
            app->dirty = true;
            continue;
        }
        handle_event(app, &ev);
        while (!app->quit && SDL_PollEvent(&ev))
            handle_event(app, &ev);
    }
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

/* ---- drawing helpers ---- */

int ui_px(const ui_app *app, float v)
{
    return (int)(v * app->scale + 0.5f);
}

void ui_fill(ui_app *app, SDL_Color c, int x, int y, int w, int h)
{
    SDL_SetRenderDrawColor(app->ren, c.r, c.g, c.b, c.a);
    SDL_Rect r = {x, y, w, h};
    SDL_RenderFillRect(app->ren, &r);
}

void ui_frame(ui_app *app, SDL_Color c, int x, int y, int w, int h, int t)
{
    ui_fill(app, c, x, y, w, t);
    ui_fill(app, c, x, y + h - t, w, t);
    ui_fill(app, c, x, y, t, h);
    ui_fill(app, c, x + w - t, y, t, h);
}

bool ui_hit(const SDL_Rect *r, int x, int y)
{
    return x >= r->x && x < r->x + r->w && y >= r->y && y < r->y + r->h;
}

const char *ui_msg(const ui_app *app, msg_id id)
{
    return msg_get(app->lang, id);
}

void ui_paint(ui_app *app, const lay_result *r, int dx, int dy, const SDL_Rect *clip)
{
    ui_paint_colors(app, r, dx, dy, clip, app->theme.lay);
}

void ui_paint_colors(ui_app *app, const lay_result *r, int dx, int dy, const SDL_Rect *clip,
                     const SDL_Color colors[LAY_C_COUNT])
{
    if (clip)
        SDL_RenderSetClipRect(app->ren, clip);
    /* Without a clip the target may be larger than the window (slides
     * rendered into textures): cull nothing. */
    int top = clip ? clip->y : -(1 << 30), bottom = clip ? clip->y + clip->h : 1 << 30;
    for (size_t i = 0; i < r->n; i++) {
        const lay_item *it = &r->items[i];
        int x = it->x + dx, y = it->y + dy;
        if (y > bottom || y + it->h < top) /* off screen: skip the work */
            continue;
        switch (it->kind) {
        case LAY_RECT:
            ui_fill(app, colors[it->color], x, y, it->w, it->h);
            break;
        case LAY_TEXT: {
            SDL_Color c = colors[it->color];
            /* Glyph boxes are centred in the line box by the layout's ascent. */
            int gy = y + it->ascent - txt_ascent(app->txt, it->size);
            txt_draw(app->txt, it->text, it->len, it->size, it->style, c, x, gy);
            if (it->style & DOC_S_LINK)
                ui_fill(app, c, x, y + it->ascent + it->size / 8, it->w, it->size / 14 + 1);
            break;
        }
        case LAY_IMAGE: {
            SDL_Rect d = {x, y, it->w, it->h};
            if (!it->path || !txt_draw_image(app->txt, it->path, &d))
                ui_frame(app, colors[LAY_C_RULE], x, y, it->w, it->h, 2);
            break;
        }
        }
    }
    if (clip)
        SDL_RenderSetClipRect(app->ren, NULL);
}

SDL_Rect ui_title_bar(ui_app *app, const char *title)
{
    const ui_theme *t = &app->theme;
    int bh = ui_bar_h(app), m = ui_px(app, 16);
    ui_fill(app, t->header_bg, 0, 0, app->w, bh);
    SDL_Rect back = ui_button(app, ui_msg(app, MSG_BACK), m, m, ui_px(app, 180), bh - 2 * m,
                              t->accent, t->accent_text, ui_px(app, 30));
    int ts = ui_px(app, 34);
    txt_draw(app->txt, title, strlen(title), ts, DOC_S_BOLD, t->header_text,
             ui_px(app, 180) + 3 * m, (bh - txt_height(app->txt, ts)) / 2);
    return back;
}

int ui_bar_h(const ui_app *app)
{
    return ui_px(app, 96);
}

SDL_Rect ui_button(ui_app *app, const char *label, int x, int y, int w, int h, SDL_Color bg,
                   SDL_Color fg, int size)
{
    ui_fill(app, bg, x, y, w, h);
    int tw = txt_width(app->txt, label, strlen(label), size, DOC_S_BOLD);
    int th = txt_height(app->txt, size);
    txt_draw(app->txt, label, strlen(label), size, DOC_S_BOLD, fg, x + (w - tw) / 2,
             y + (h - th) / 2);
    return (SDL_Rect){x, y, w, h};
}
