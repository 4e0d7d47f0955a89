/*
 * Screens, headless: what the home screen and the reader draw (strings and
 * their boxes from the text log, and pixels), the text cache, input
 * mapping, navigation by actions and by real SDL events, and resize.
 */
#include "smalldisk.h" /* first: it asks for _GNU_SOURCE */

#include <SDL_image.h>
#include <SDL_ttf.h>
#include <dirent.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/font.h"
#include "../app/core/notes.h"
#include "../app/core/palette.h"
#include "../app/paper/pdf.h"
#include "../app/screen/slides.h"
#include "../app/core/search.h"
#include "epub_fixture.h"
#include "../app/screen/staff.h"
#include "../app/screen/textfield.h"
#include "../app/screen/ui.h"
#include "../app/screen/views.h"
#include "screen.h"
#include "test.h"

static char font[4096];
static Uint32 screen_now = 5000;
static const char *src;

static bool open_app(ui_app *app, int w, int h, bool window, msg_lang lang)
{
    ui_config cfg = {.w = w,
                     .h = h,
                     .headless = !window,
                     .window = window,
                     .lang = lang,
                     .font = font,
                     .content_dir = src,
                     .root = &home_view};
    return screen_open(app, &cfg, NULL);
}

/* Every logged string box must lie inside [0,w) x [0,h). */
static int boxes_outside(const char *log, int w, int h, bool check_y)
{
    int bad = 0;
    const char *p = log;
    while (*p) {
        const char *nl = strchr(p, '\n');
        const char *tab = memchr(p, '\t', (size_t)(nl - p));
        int x, y, bw, bh;
        if (tab && sscanf(tab + 1, "%d,%d,%d,%d", &x, &y, &bw, &bh) == 4) {
            if (x < 0 || x + bw > w || (check_y && (y < 0 || y + bh > h))) {
                fprintf(stderr, "outside %dx%d: %.*s\n", w, h, (int)(nl - p), p);
                bad++;
            }
        }
        p = nl + 1;
    }
    return bad;
}

static void home_at(int w, int h)
{
    ui_app app;
    CHECK(open_app(&app, w, h, false, LANG_JA));
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    const char *log = txt_log(app.txt);
    CHECK_CONTAINS(log, "中小企業サイバーセキュリティ相談窓口\t");
    CHECK_CONTAINS(log, "ガイドブックを読む\t");
    CHECK_INT(boxes_outside(log, w, h, true), 0);
    /* The header is the desk's blue; the page below it is the light background. */
    CHECK(same(pixel(&app, w - 5, 5), app.theme.header_bg));
    CHECK(same(pixel(&app, 3, h - 3), app.theme.bg));
    /* Text was really drawn: white glyph pixels inside the desk name's box. */
    int x, y, bw, bh, white = 0;
    const char *p = strstr(log, "中小企業サイバーセキュリティ相談窓口\t");
    CHECK(p && sscanf(strchr(p, '\t') + 1, "%d,%d,%d,%d", &x, &y, &bw, &bh) == 4);
    for (int yy = y; p && yy < y + bh; yy += 2)
        for (int xx = x; xx < x + bw; xx += 2)
            white += same(pixel(&app, xx, yy), (SDL_Color){255, 255, 255, 255});
    CHECK(white > 200);
    char name[64];
    snprintf(name, sizeof name, "home-%dx%d.png", w, h);
    char err[256];
    CHECK(ui_save_png(&app, name, err, sizeof err));
    ui_fini(&app);
}

TEST(home_1280x720)
{
    home_at(1280, 720);
}

TEST(home_800x480)
{
    home_at(800, 480);
}

TEST(home_1920x1080)
{
    home_at(1920, 1080);
}

TEST(unchanged_frame_renders_no_glyphs)
{
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    ui_push(&app, &guide_view, GUIDE_AT(2));
    ui_draw(&app);
    txt_stats a = txt_get_stats(app.txt);
    CHECK(a.renders > 10);
    ui_draw(&app);
    txt_stats b = txt_get_stats(app.txt);
    CHECK_INT(b.renders, a.renders);
    CHECK(b.hits > a.hits);
    ui_fini(&app);
}

TEST(input_mapping)
{
    ui_input st = {0};
    ui_action out[2];
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = SDLK_RIGHT;
    CHECK_INT(ui_map_event(&st, &ev, out), 1);
    CHECK_INT(out[0].kind, ACT_NEXT);
    ev.key.keysym.sym = SDLK_ESCAPE;
    ui_map_event(&st, &ev, out);
    CHECK_INT(out[0].kind, ACT_BACK);
    ev.key.keysym.sym = SDLK_PAGEDOWN;
    ui_map_event(&st, &ev, out);
    CHECK_INT(out[0].kind, ACT_PAGE_DOWN);
    ev.key.keysym.sym = SDLK_BACKSPACE;
    ui_map_event(&st, &ev, out);
    CHECK_INT(out[0].kind, ACT_ERASE);
    ev.key.keysym.sym = SDLK_b;
    ui_map_event(&st, &ev, out);
    CHECK_INT(out[0].kind, ACT_BLACK);
    ev.key.keysym.sym = SDLK_KP_7;
    ui_map_event(&st, &ev, out);
    CHECK_INT(out[0].kind, ACT_DIGIT);
    CHECK_INT(out[0].x, 7);
    ev.key.keysym.sym = SDLK_F5;
    ev.key.keysym.mod = KMOD_LSHIFT;
    ui_map_event(&st, &ev, out);
    CHECK_INT(out[0].kind, ACT_START);
    ev.key.keysym.mod = 0;
    ev.key.keysym.sym = SDLK_q; /* unmapped keys do nothing */
    CHECK_INT(ui_map_event(&st, &ev, out), 0);

    /* A tap: press and release in place. */
    SDL_Event d = {0}, u = {0}, m = {0};
    d.type = SDL_MOUSEBUTTONDOWN;
    d.button.button = SDL_BUTTON_LEFT;
    d.button.x = 100;
    d.button.y = 200;
    u = d;
    u.type = SDL_MOUSEBUTTONUP;
    u.button.x = 103;
    CHECK_INT(ui_map_event(&st, &d, out), 1);
    CHECK_INT(out[0].kind, ACT_PRESS);
    CHECK_INT(ui_map_event(&st, &u, out), 2);
    CHECK_INT(out[1].kind, ACT_TAP);
    CHECK_INT(out[1].x, 100);

    /* A drag is not a tap. */
    ui_map_event(&st, &d, out);
    m.type = SDL_MOUSEMOTION;
    m.motion.x = 100;
    m.motion.y = 120;
    CHECK_INT(ui_map_event(&st, &m, out), 1);
    CHECK_INT(out[0].kind, ACT_DRAG);
    CHECK_INT(out[0].dy, -80);
    u.button.y = 120;
    CHECK_INT(ui_map_event(&st, &u, out), 1);
    CHECK_INT(out[0].kind, ACT_RELEASE);

    SDL_Event w = {0};
    w.type = SDL_MOUSEWHEEL;
    w.wheel.y = -2;
    CHECK_INT(ui_map_event(&st, &w, out), 1);
    CHECK_INT(out[0].kind, ACT_SCROLL);
    CHECK_INT(out[0].dy, 2);
}

TEST(touch_mapping)
{
    ui_input st = {.w = 800, .h = 480};
    ui_action out[2];
    SDL_Event f = {0};
    f.type = SDL_FINGERDOWN;
    f.tfinger.fingerId = 7;
    f.tfinger.x = 0.5f;
    f.tfinger.y = 0.25f;
    CHECK_INT(ui_map_event(&st, &f, out), 1);
    CHECK_INT(out[0].kind, ACT_PRESS);
    CHECK_INT(out[0].x, 400);
    CHECK_INT(out[0].y, 120);
    /* SDL's mouse copy of the same touch is dropped. */
    SDL_Event m = {0};
    m.type = SDL_MOUSEBUTTONDOWN;
    m.button.which = SDL_TOUCH_MOUSEID;
    m.button.button = SDL_BUTTON_LEFT;
    CHECK_INT(ui_map_event(&st, &m, out), 0);
    /* A second finger is ignored while the first is down. */
    SDL_Event g = f;
    g.tfinger.fingerId = 8;
    CHECK_INT(ui_map_event(&st, &g, out), 0);
    /* The finger drags up (content scrolls), then lifts: no tap. */
    f.type = SDL_FINGERMOTION;
    f.tfinger.y = 0.125f;
    CHECK_INT(ui_map_event(&st, &f, out), 1);
    CHECK_INT(out[0].kind, ACT_DRAG);
    CHECK_INT(out[0].dy, -60);
    f.type = SDL_FINGERUP;
    CHECK_INT(ui_map_event(&st, &f, out), 1);
    CHECK_INT(out[0].kind, ACT_RELEASE);
    /* A short touch is a tap at the touch point. */
    f.type = SDL_FINGERDOWN;
    f.tfinger.x = 0.1f;
    f.tfinger.y = 0.1f;
    ui_map_event(&st, &f, out);
    f.type = SDL_FINGERUP;
    CHECK_INT(ui_map_event(&st, &f, out), 2);
    CHECK_INT(out[1].kind, ACT_TAP);
    CHECK_INT(out[1].x, 80);
    CHECK_INT(out[1].y, 48);
}

/* The loop itself on a fake clock, from start to the idle deadline: it
 * sleeps exactly until the deadline (no polling) and lands on home. */
TEST(loop_on_a_fake_clock_to_the_idle_deadline)
{
    static Uint32 now = 50000;
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    app.clock = fake_clock(&now);
    app.kiosk = true;
    app.idle_ms = 180000;
    app.last_input = now;
    CHECK_INT(ui_turn(&app, 0), -1); /* home: drawn, and nothing to wait for */
    CHECK_INT(app.frames, 1);
    CHECK(tap_text(&app, "ガイドブックを読む"));
    CHECK_STR(top_name(&app), "guide");
    Uint32 start = now;
    unsigned long frames = app.frames;
    int turns = 0;
    while (strcmp(top_name(&app), "home") != 0 && turns < 10) {
        int t = ui_turn(&app, 0);
        CHECK(t != 0); /* every turn knows how long it may sleep */
        if (t > 0)
            now += (Uint32)t;
        turns++;
    }
    CHECK_STR(top_name(&app), "home");
    CHECK_INT(now - start, 180000); /* exactly the idle time */
    CHECK_INT(turns, 2);            /* the guide drawn, then home at the deadline */
    CHECK(app.frames == frames + 2); /* the guide's frame, then home's */
    CHECK_INT(ui_turn(&app, 0), -1); /* nothing changed: no frame, nothing to wait for */
    CHECK(app.frames == frames + 2);
    /* The table can grow (the kiosk issue's attract loop): a deadline of one's own. */
    CHECK(app.ndeadlines >= 1 && app.ndeadlines < UI_DEADLINES);
    ui_fini(&app);
}

/* The screen and the paper paint the layout's colour roles alike, from
 * the one palette. */
TEST(one_palette_for_screen_and_paper)
{
    ui_theme t = ui_default_theme();
    uint32_t paper[LAY_C_COUNT];
    pdf_default_colors(paper);
    for (int i = 0; i < LAY_C_COUNT; i++) {
        SDL_Color c = t.lay[i];
        CHECK_INT((int)paper[i], (int)((uint32_t)c.r << 16 | (uint32_t)c.g << 8 | c.b));
    }
    CHECK_INT((int)pal_hex(PAL_HEADER_BG), 0x123E7C);
    CHECK(same(t.header_bg, ui_color(PAL_HEADER_BG)));
    CHECK_INT((int)paper[LAY_C_HEADING], 0x123E7C);
}

TEST(navigation_by_actions)
{
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    ui_draw(&app);
    CHECK_STR(top_name(&app), "home");
    /* Tap the guidebook tile where it was drawn. */
    CHECK(tap_text(&app, "ガイドブックを読む"));
    CHECK_STR(top_name(&app), "guide");
    CHECK_INT(app.depth, 2);
    /* The first contents row opens chapter 1's sections, and "from the
     * start" opens the chapter. */
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), app.content->guide.ch[0].title);
    ui_dispatch(&app, &(ui_action){.kind = ACT_TAP, .x = 640, .y = 96 + 24 + 40});
    CHECK_INT(app.depth, 2);
    CHECK(tap_text(&app, "この章をはじめから読む"));
    CHECK_INT(app.depth, 3);
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "1 / 8");
    /* Next chapter with the arrow key, then back twice to home. */
    ui_dispatch(&app, &(ui_action){.kind = ACT_NEXT});
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "2 / 8");
    CHECK_INT(boxes_outside(txt_log(app.txt), 1280, 720, false), 0);
    ui_dispatch(&app, &(ui_action){.kind = ACT_BACK});
    ui_dispatch(&app, &(ui_action){.kind = ACT_BACK});
    CHECK_STR(top_name(&app), "home");
    ui_dispatch(&app, &(ui_action){.kind = ACT_BACK}); /* home stays home */
    CHECK_INT(app.depth, 1);
    ui_fini(&app);
}

TEST(kiosk_returns_home_when_idle)
{
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    app.kiosk = true;
    app.idle_ms = 180000;
    CHECK_INT(ui_idle(&app, 5000), -1); /* at home: no timer at all */
    ui_push(&app, &guide_view, GUIDE_AT(0));
    app.last_input = 1000;
    CHECK_INT(ui_idle(&app, 1000 + 60000), 120000); /* sleep exactly until the deadline */
    CHECK_STR(top_name(&app), "guide");
    CHECK_INT(ui_idle(&app, 1000 + 180000), -1);
    CHECK_STR(top_name(&app), "home");
    /* Outside kiosk mode nothing happens by itself. */
    app.kiosk = false;
    ui_push(&app, &guide_view, GUIDE_AT(0));
    CHECK_INT(ui_idle(&app, 10000000), -1);
    CHECK_STR(top_name(&app), "guide");
    ui_fini(&app);
}

TEST(reader_scrolls_and_zooms)
{
    ui_app app;
    CHECK(open_app(&app, 800, 480, false, LANG_JA));
    ui_push(&app, &guide_view, GUIDE_AT(1));
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    char *before = xstrdup(txt_log(app.txt));
    CHECK_CONTAINS(before, "0%");
    ui_dispatch(&app, &(ui_action){.kind = ACT_PAGE_DOWN});
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK(strcmp(before, txt_log(app.txt)) != 0);
    ui_dispatch(&app, &(ui_action){.kind = ACT_LAST});
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "100%");
    /* Bigger text: the chapter's heading is drawn taller after "+". */
    ui_dispatch(&app, &(ui_action){.kind = ACT_FIRST});
    txt_log_clear(app.txt);
    ui_draw(&app);
    int h0 = tallest(txt_log(app.txt), app.content->guide.ch[1].title);
    ui_dispatch(&app, &(ui_action){.kind = ACT_ZOOM_IN});
    txt_log_clear(app.txt);
    ui_draw(&app);
    int h1 = tallest(txt_log(app.txt), app.content->guide.ch[1].title);
    CHECK(h0 > 0);
    CHECK(h1 > h0);
    CHECK_INT(boxes_outside(txt_log(app.txt), 800, 480, false), 0);
    free(before);
    ui_fini(&app);
}

TEST(window_events_and_resize)
{
    /* A real window under SDL's dummy video driver (offscreen loads Mesa
     * through EGL, whose unloaded modules LeakSanitizer cannot attribute). */
    ui_app app;
    if (!open_app(&app, 1280, 720, true, LANG_JA)) {
        CHECK(0);
        return;
    }
    CHECK(app.win != NULL);
    /* A key press pushed through SDL's queue reaches the home view. */
    SDL_Event ev = {0};
    ev.type = SDL_KEYDOWN;
    ev.key.keysym.sym = SDLK_RETURN;
    SDL_PushEvent(&ev);
    ui_pump(&app);
    CHECK_STR(top_name(&app), "finder"); /* the first tile: 何が起きましたか？ */
    /* Resizing re-lays out every view for the new size. */
    SDL_SetWindowSize(app.win, 800, 480);
    ui_pump(&app);
    CHECK_INT(app.w, 800);
    CHECK_INT(app.h, 480);
    /* Closing the window quits in --window mode. */
    ev.type = SDL_QUIT;
    SDL_PushEvent(&ev);
    ui_pump(&app);
    CHECK(app.quit);
    ui_fini(&app);
}

static void key(ui_app *app, ui_act kind, int x)
{
    ui_dispatch(app, &(ui_action){.kind = kind, .x = x});
}

TEST(kiosk_slides_every_control)
{
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    CHECK(app.ndecks >= 4);
    CHECK(tap_text(&app, "セミナー資料"));
    CHECK_STR(top_name(&app), "decks");
    CHECK(tap_text(&app, "全 18 枚")); /* the first deck's tile */
    CHECK(!SDL_IsTextInputActive()); /* B, W and digits reach the viewer, IME or not */
    slides_info s;
    CHECK(slides_state(&app, &s));
    CHECK_INT(s.cur, 0);
    int n = s.n;
    /* next: -> down PgDn Enter (Space maps to PgDn), tap on the right */
    key(&app, ACT_NEXT, 0);
    key(&app, ACT_DOWN, 0);
    key(&app, ACT_PAGE_DOWN, 0);
    key(&app, ACT_SELECT, 0);
    ui_dispatch(&app, &(ui_action){.kind = ACT_TAP, .x = 1100, .y = 300});
    slides_state(&app, &s);
    CHECK_INT(s.cur, 5);
    /* previous: <- up PgUp Backspace, tap on the left */
    key(&app, ACT_PREV, 0);
    key(&app, ACT_UP, 0);
    key(&app, ACT_PAGE_UP, 0);
    key(&app, ACT_ERASE, 0);
    ui_dispatch(&app, &(ui_action){.kind = ACT_TAP, .x = 100, .y = 300});
    slides_state(&app, &s);
    CHECK_INT(s.cur, 0);
    key(&app, ACT_NEXT, 0);
    /* a swipe left goes on, a swipe right goes back */
    ui_dispatch(&app, &(ui_action){.kind = ACT_PRESS, .x = 900, .y = 300});
    ui_dispatch(&app, &(ui_action){.kind = ACT_DRAG, .x = 500, .y = 300, .dx = -400});
    ui_dispatch(&app, &(ui_action){.kind = ACT_RELEASE, .x = 500, .y = 300});
    slides_state(&app, &s);
    CHECK_INT(s.cur, 2);
    /* End, Home, a number then Enter */
    key(&app, ACT_LAST, 0);
    slides_state(&app, &s);
    CHECK_INT(s.cur, n - 1);
    key(&app, ACT_FIRST, 0);
    key(&app, ACT_DIGIT, 1);
    key(&app, ACT_DIGIT, 2);
    slides_state(&app, &s);
    CHECK_INT(s.entry, 12);
    CHECK_INT(s.cur, 0);
    key(&app, ACT_SELECT, 0);
    slides_state(&app, &s);
    CHECK_INT(s.cur, 11);
    /* a number without Enter is no jump */
    key(&app, ACT_DIGIT, 3);
    key(&app, ACT_NEXT, 0);
    slides_state(&app, &s);
    CHECK_INT(s.cur, 12);
    CHECK_INT(s.entry, -1);
    /* blackout and whiteout: any key returns and does nothing else */
    key(&app, ACT_BLACK, 0);
    slides_state(&app, &s);
    CHECK_INT(s.blank, 1);
    ui_draw(&app);
    CHECK(same(pixel(&app, 640, 360), (SDL_Color){0, 0, 0, 255}));
    key(&app, ACT_NEXT, 0);
    slides_state(&app, &s);
    CHECK_INT(s.blank, 0);
    CHECK_INT(s.cur, 12);
    key(&app, ACT_WHITE, 0);
    ui_draw(&app);
    CHECK(same(pixel(&app, 640, 360), (SDL_Color){255, 255, 255, 255}));
    key(&app, ACT_START, 0);
    slides_state(&app, &s);
    CHECK_INT(s.blank, 0);
    /* F5 never quits or moves */
    key(&app, ACT_START, 0);
    CHECK(!app.quit);
    slides_state(&app, &s);
    CHECK_INT(s.cur, 12);
    /* overview: Tab opens it, arrows move, Enter chooses; Esc only closes it */
    key(&app, ACT_FOCUS_NEXT, 0);
    slides_state(&app, &s);
    CHECK(s.overview);
    ui_draw(&app);
    key(&app, ACT_NEXT, 0);
    key(&app, ACT_NEXT, 0);
    key(&app, ACT_SELECT, 0);
    slides_state(&app, &s);
    CHECK(!s.overview);
    CHECK_INT(s.cur, 14);
    key(&app, ACT_OVERVIEW, 0);
    key(&app, ACT_BACK, 0);
    CHECK(slides_state(&app, &s));
    CHECK(!s.overview);
    /* Esc in the kiosk goes back to the list, never quits */
    key(&app, ACT_BACK, 0);
    CHECK_STR(top_name(&app), "decks");
    CHECK(!app.quit);
    ui_fini(&app);
}

TEST(slide_change_uses_the_prerendered_slide)
{
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    ui_push(&app, &audience_view, DECK_AT(0));
    ui_draw(&app);
    slides_info s;
    slides_state(&app, &s);
    CHECK_INT(s.renders, 1);
    /* idle work renders the next slide; moving there renders nothing */
    CHECK(audience_view.idle(app.views[app.depth - 1], &app));
    slides_state(&app, &s);
    CHECK_INT(s.renders, 2);
    key(&app, ACT_NEXT, 0);
    ui_draw(&app);
    slides_state(&app, &s);
    CHECK_INT(s.renders, 2);
    ui_fini(&app);
}

TEST(huge_and_missing_images_in_slides)
{
    /* An 8,000 x 5,000 picture (the most pixels allowed) as a split
     * background, and a missing one; 10,000 x 10,000 is over the limit. */
    char dir[] = "/tmp/mgbigXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *png = path_join(dir, "big.png"), *md = path_join(dir, "d.md");
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 8000, 5000, 32, SDL_PIXELFORMAT_ARGB8888);
    CHECK(s != NULL);
    if (!s)
        return;
    SDL_FillRect(s, NULL, 0xFF2266AA);
    SDL_Rect mid = {2000, 1250, 4000, 2500};
    SDL_FillRect(s, &mid, 0xFFFFCC00);
    CHECK(IMG_SavePNG(s, png) == 0);
    SDL_FreeSurface(s);
    FILE *f = fopen(md, "w");
    fputs("---\nmarp: true\n---\n\n# 大きな画像\n\n![bg right](big.png)\n\n---\n\n"
          "![bg](missing.png)\n",
          f);
    fclose(f);
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    deck *k = deck_load(md, NULL);
    CHECK(k && k->n == 2);
    ui_push(&app, &audience_view, DECK_AT(ui_add_deck(&app, k)));
    int w = 0, h = 0;
    CHECK(txt_image_size(app.txt, png, &w, &h));
    CHECK_INT(w, 8000); /* the layout sees the natural size */
    ui_draw(&app);
    /* the right half is the picture, cropped to cover: its yellow middle */
    SDL_Color c = pixel(&app, 960, 360);
    CHECK(c.r == 0xFF && c.g == 0xCC && c.b == 0x00);
    /* the missing one shows nothing, as in Marp: no frame, no name (the
     * console and `check` name it); the slide is its theme's white */
    key(&app, ACT_NEXT, 0);
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK(strstr(txt_log(app.txt), "missing.png") == NULL);
    for (int x = 4; x < 1280; x += 97)
        for (int y = 4; y < 720; y += 61) {
            c = pixel(&app, x, y);
            CHECK(c.r == 0xFF && c.g == 0xFF && c.b == 0xFF);
        }
    ui_fini(&app);
    remove(png);
    remove(md);
    rmdir(dir);
    free(png);
    free(md);
}


/* Tap the on-screen key labelled label in the search view. */
static bool tap_key(ui_app *app, const char *label)
{
    SDL_Rect r;
    if (!search_view_key(app, label, &r)) {
        fprintf(stderr, "no key %s\n", label);
        return false;
    }
    ui_dispatch(app, &(ui_action){.kind = ACT_TAP, .x = r.x + r.w / 2, .y = r.y + r.h / 2});
    return true;
}

TEST(on_screen_keyboard_types_kana)
{
    /* A kiosk with no keyboard at all, 800x480: tap the box, type ういるす
     * on the kana keys, and the search finds ウイルス. */
    ui_app app;
    if (!open_app(&app, 800, 480, true, LANG_JA)) {
        CHECK(0);
        return;
    }
    ui_push(&app, &search_view, NULL);
    ui_draw(&app);
    CHECK(!search_view_key(&app, "う", &(SDL_Rect){0})); /* closed until the box is tapped */
    CHECK(tap_key(&app, "box"));
    ui_draw(&app);
    const char *keys[] = {"う", "い", "る", "す"};
    for (size_t i = 0; i < MG_ARRAY_LEN(keys); i++) {
        SDL_Rect r = {0};
        CHECK(search_view_key(&app, keys[i], &r));
        CHECK(r.w >= 48 && r.h >= 48); /* a finger's target */
        CHECK(tap_key(&app, keys[i]));
    }
    search_view_info s;
    CHECK(search_view_state(&app, &s));
    CHECK_STR(s.query, "ういるす");
    CHECK(s.nhits > 0);
    size_t typed = s.nhits;
    search_hit *h;
    size_t n = search_run(app.search, "ウイルス", &h, 100);
    CHECK_INT((int)typed, (int)n);
    search_hits_free(h, n);
    ui_draw(&app);
    const char *shot = getenv("MG_KEYBOARD_PNG"); /* to look at it */
    char err[256];
    if (shot)
        CHECK(ui_save_png(&app, shot, err, sizeof err));
    /* Marks on the last kana, delete, the Latin page, clear and ×. */
    CHECK(tap_key(&app, "全部消す"));
    CHECK(tap_key(&app, "か"));
    CHECK(tap_key(&app, "゛"));
    CHECK(tap_key(&app, "は"));
    CHECK(tap_key(&app, "゜"));
    CHECK(tap_key(&app, "つ"));
    CHECK(tap_key(&app, "小"));
    search_view_state(&app, &s);
    CHECK_STR(s.query, "がぱっ");
    CHECK(tap_key(&app, "1字消す"));
    search_view_state(&app, &s);
    CHECK_STR(s.query, "がぱ");
    CHECK(tap_key(&app, "ABC 123"));
    CHECK(tap_key(&app, "I"));
    CHECK(tap_key(&app, "P"));
    CHECK(tap_key(&app, "A"));
    search_view_state(&app, &s);
    CHECK_STR(s.query, "がぱIPA");
    CHECK(tap_key(&app, "clear")); /* the × in the box */
    search_view_state(&app, &s);
    CHECK_STR(s.query, "");
    CHECK(tap_key(&app, "かな"));
    CHECK(tap_key(&app, "閉じる"));
    CHECK(!search_view_key(&app, "う", &(SDL_Rect){0}));
    ui_fini(&app);
}


TEST(long_chapter_title_ends_with_an_ellipsis)
{
    ui_app app;
    if (!open_app(&app, 800, 480, false, LANG_JA)) {
        CHECK(0);
        return;
    }
    guide_chapter *ch = &app.content->guide.ch[0];
    free(ch->title);
    ch->title = xstrdup("ランサムウェアに感染したときに最初の一時間でしておきたいことと連絡先");
    ui_push(&app, &guide_view, GUIDE_LINE(0, 0, NULL));
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    const char *log = txt_log(app.txt);
    CHECK_CONTAINS(log, "\xE2\x80\xA6\t"); /* drawn ending in … */
    CHECK(strstr(log, "連絡先\t") == NULL);  /* not the whole title, clipped */
    CHECK_CONTAINS(log, "ランサムウェアに");
    ui_fini(&app);
}

TEST(search_with_the_input_method)
{
    /* A real window (dummy driver): events go through SDL's queue. */
    ui_app app;
    if (!open_app(&app, 1280, 720, true, LANG_JA)) {
        CHECK(0);
        return;
    }
    ui_push(&app, &search_view, NULL);
    CHECK(SDL_IsTextInputActive());
    search_view_info s;
    CHECK(search_view_state(&app, &s));
    CHECK(s.nchips > 5);
    /* A composition in several steps, then the commit. */
    const char *steps[] = {"さ", "さぎ", "詐欺"};
    for (int i = 0; i < 3; i++) {
        SDL_Event e = {0};
        e.type = SDL_TEXTEDITING;
        snprintf(e.edit.text, sizeof e.edit.text, "%s", steps[i]);
        e.edit.start = (int)strlen(steps[i]);
        SDL_PushEvent(&e);
        ui_pump(&app);
        search_view_state(&app, &s);
        CHECK_STR(s.compose, steps[i]);
        CHECK_STR(s.query, "");
    }
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "詐欺\t"); /* the composition is shown */
    SDL_Event c = {0};
    c.type = SDL_TEXTINPUT;
    snprintf(c.text.text, sizeof c.text.text, "%s", "詐欺");
    SDL_PushEvent(&c);
    ui_pump(&app);
    search_view_state(&app, &s);
    CHECK_STR(s.query, "詐欺");
    CHECK_STR(s.compose, "");
    CHECK(s.nhits > 3);
    /* Backspace deletes one character, not a byte */
    key(&app, ACT_ERASE, 0);
    search_view_state(&app, &s);
    CHECK_STR(s.query, "詐");
    SDL_Event c2 = c;
    snprintf(c2.text.text, sizeof c2.text.text, "%s", "欺");
    SDL_PushEvent(&c2);
    ui_pump(&app);
    /* a hit opens its chapter at the hit, with the word highlighted */
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK(tap_text(&app, "ビジネスメール詐欺"));
    guide_view_info g;
    CHECK(guide_view_state(&app, &g));
    CHECK_STR(g.term, "詐欺");
    CHECK(g.chapter >= 0);
    ui_draw(&app);
    /* back to the results, as they were */
    key(&app, ACT_BACK, 0);
    CHECK(search_view_state(&app, &s));
    CHECK_STR(s.query, "詐欺");
    ui_fini(&app);
}

TEST(chip_search_on_a_touch_kiosk)
{
    ui_app app;
    CHECK(open_app(&app, 800, 480, false, LANG_JA));
    CHECK(tap_text(&app, "キーワードで探す"));
    CHECK(tap_text(&app, "フィッシング"));
    search_view_info s;
    CHECK(search_view_state(&app, &s));
    CHECK_STR(s.query, "フィッシング");
    CHECK(s.nhits > 0);
    txt_log_enable(app.txt, true);
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_INT(boxes_outside(txt_log(app.txt), 800, 480, false), 0);
    char err[256];
    CHECK(ui_save_png(&app, "search-800x480.png", err, sizeof err));
    ui_fini(&app);
}

TEST(epub_links_back_and_inertia)
{
    char path[64];
    snprintf(path, sizeof path, "screen-%d.epub", (int)getpid());
    CHECK(fixture_epub(path, true));
    ui_config cfg = {.w = 1280, .h = 720, .headless = true, .lang = LANG_JA, .font = font,
                     .content_dir = src, .guidebook = path, .root = &home_view};
    ui_app app;
    char err[512];
    CHECK(ui_init(&app, &cfg, err, sizeof err));
    app.clock = fake_clock(&screen_now);
    ui_push(&app, &guide_view, GUIDE_AT(-1));
    /* the nested TOC: the chapter opens its sections, the section entry
     * opens chapter 1 at its heading */
    CHECK(tap_text(&app, "第1章 知っておきたい攻撃"));
    CHECK(tap_text(&app, "身代金を要求する攻撃"));
    guide_view_info g;
    CHECK(guide_view_state(&app, &g));
    CHECK_INT(g.chapter, 0);
    key(&app, ACT_BACK, 0);
    CHECK(tap_text(&app, "この章をはじめから読む"));
    /* the picture in the zip is drawn (yellow middle of the PNG) */
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    /* a link to another chapter's anchor, then back to where we were */
    CHECK(tap_text(&app, "第2章"));
    CHECK(guide_view_state(&app, &g));
    CHECK_INT(g.chapter, 1);
    int depth = app.depth;
    key(&app, ACT_BACK, 0);
    CHECK_INT(app.depth, depth - 1);
    CHECK(guide_view_state(&app, &g));
    CHECK_INT(g.chapter, 0);
    /* a flick keeps the page moving after the finger leaves */
    key(&app, ACT_ZOOM_IN, 0); /* bigger text: room to scroll */
    ui_dispatch(&app, &(ui_action){.kind = ACT_PRESS, .x = 640, .y = 500});
    for (int i = 0; i < 5; i++) {
        screen_now += 10;
        ui_dispatch(&app, &(ui_action){.kind = ACT_DRAG, .x = 640, .y = 480 - i * 20, .dx = 0,
                                       .dy = -20});
    }
    ui_dispatch(&app, &(ui_action){.kind = ACT_RELEASE, .x = 640, .y = 400});
    CHECK(guide_view_state(&app, &g));
    CHECK(g.flinging);
    int before = g.scroll;
    screen_now += 16;
    frame(&app);
    guide_view_state(&app, &g);
    CHECK(g.scroll > before || g.scroll == g.max_scroll);
    for (int i = 0; i < 300 && g.flinging; i++) {
        screen_now += 16;
        frame(&app);
        guide_view_state(&app, &g);
    }
    CHECK(!g.flinging); /* and it stops by itself */
    ui_fini(&app);
    unlink(path);
}

TEST(referrals_screen)
{
    ui_app app;
    CHECK(open_app(&app, 800, 480, false, LANG_JA));
    CHECK(tap_text(&app, "困ったときの相談先"));
    CHECK_STR(top_name(&app), "referrals");
    CHECK(tap_text(&app, "お金をだまし取られた"));
    txt_log_enable(app.txt, true);
    txt_log_clear(app.txt);
    ui_draw(&app);
    const char *log = txt_log(app.txt);
    /* the problem's own order: money sent goes to the bank first */
    CHECK_CONTAINS(log, "1. 振込先の銀行・振込をした銀行");
    CHECK_CONTAINS(log, "一刻も早く銀行へ"); /* the why-line */
    CHECK(strstr(log, "フィッシング対策協議会") == NULL); /* not for this problem */
    CHECK_INT(boxes_outside(log, 800, 480, false), 0);
    key(&app, ACT_PAGE_DOWN, 0);
    txt_log_clear(app.txt);
    ui_draw(&app);
    log = txt_log(app.txt);
    CHECK_CONTAINS(log, "3. 警視庁 サイバー犯罪相談窓口");
    CHECK_CONTAINS(log, "電話 03-5805-1731");
    key(&app, ACT_BACK, 0);
    key(&app, ACT_BACK, 0);
    CHECK_STR(top_name(&app), "home");
    ui_fini(&app);
}

/* Type a string as the keyboard would: key actions and the text. */
static void type(ui_app *app, const char *s)
{
    ui_dispatch(app, &(ui_action){.kind = ACT_TEXT, .text = s});
}

/* A headless 1280x720 app on the notes database db, on the fake clock. */
static bool open_with_db(ui_app *app, const char *db)
{
    ui_config cfg = {.w = 1280, .h = 720, .headless = true, .lang = LANG_JA, .font = font,
                     .content_dir = src, .db = db, .root = &home_view};
    char err[512];
    if (!ui_init(app, &cfg, err, sizeof err)) {
        fprintf(stderr, "ui_init: %s\n", err);
        return false;
    }
    app->clock = fake_clock(&screen_now);
    staff_install(app); /* as main.c does */
    return true;
}

TEST(staff_pin_and_idle_lock)
{
    char dbdir[] = "/tmp/mgstaffXXXXXX";
    CHECK(mkdtemp(dbdir) != NULL);
    char *db = path_join(dbdir, "n.db");
    ui_app app;
    CHECK(open_with_db(&app, db));
    /* visitors: the guidebook, then the hidden entry */
    ui_push(&app, &guide_view, GUIDE_AT(-1));
    CHECK(!SDL_IsTextInputActive()); /* reading: keys come straight to the view */
    key(&app, ACT_STAFF, 0);
    CHECK_STR(top_name(&app), "pin");
    /* PIN digits must not go into an IME composition (２４６８) */
    CHECK(!SDL_IsTextInputActive());
    /* first use: choose a PIN, twice */
    for (const char *d = "246813"; *d; d++)
        key(&app, ACT_DIGIT, *d - '0');
    key(&app, ACT_SELECT, 0);
    for (const char *d = "246813"; *d; d++)
        key(&app, ACT_DIGIT, *d - '0');
    key(&app, ACT_SELECT, 0);
    CHECK(app.staff);
    CHECK_STR(top_name(&app), "notes");
    CHECK(SDL_IsTextInputActive()); /* the list's search box takes Japanese */
    /* Lock: back to the visitor home. */
    key(&app, ACT_BACK, 0);
    CHECK(!app.staff);
    CHECK_STR(top_name(&app), "home");
    CHECK(!SDL_IsTextInputActive());
    /* A long press in the top-left corner opens the pad again; a wrong PIN waits. */
    /* Timed on the app's clock (the fake one here), as the app's own input is. */
    ui_input st = {.w = 1280, .h = 720, .clock = &app.clock};
    CHECK(app.input.clock == &app.clock);
    ui_action out[2];
    SDL_Event dn = {0}, up = {0};
    dn.type = SDL_MOUSEBUTTONDOWN;
    dn.button.button = SDL_BUTTON_LEFT;
    dn.button.x = 20;
    dn.button.y = 20;
    up = dn;
    up.type = SDL_MOUSEBUTTONUP;
    ui_map_event(&st, &dn, out);
    screen_now += 1500; /* a second and a half: a tap */
    CHECK_INT(ui_map_event(&st, &up, out), 2);
    CHECK_INT(out[1].kind, ACT_TAP);
    ui_map_event(&st, &dn, out);
    screen_now += 2500; /* held for two and a half seconds */
    CHECK_INT(ui_map_event(&st, &up, out), 2);
    CHECK_INT(out[1].kind, ACT_STAFF);
    ui_dispatch(&app, &out[1]);
    CHECK_STR(top_name(&app), "pin");
    for (const char *d = "111111"; *d; d++)
        key(&app, ACT_DIGIT, *d - '0');
    key(&app, ACT_SELECT, 0);
    CHECK(!app.staff);
    txt_log_enable(app.txt, true);
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "PIN が違います。1 秒後");
    CHECK(strstr(txt_log(app.txt), "111111") == NULL); /* never shown */
    /* too soon: the right PIN is not even tried */
    for (const char *d = "246813"; *d; d++)
        key(&app, ACT_DIGIT, *d - '0');
    key(&app, ACT_SELECT, 0);
    CHECK(!app.staff);
    screen_now += 1000;
    for (const char *d = "246813"; *d; d++)
        key(&app, ACT_DIGIT, *d - '0');
    key(&app, ACT_SELECT, 0);
    CHECK(app.staff);
    /* left alone for the idle time: locked, back home */
    app.last_input = screen_now;
    CHECK(ui_idle(&app, screen_now + app.staff_idle_ms - 1) > 0);
    CHECK(app.staff);
    ui_idle(&app, screen_now + app.staff_idle_ms);
    CHECK(!app.staff);
    CHECK_STR(top_name(&app), "home");
    /* and the notes list cannot be opened without the PIN */
    ui_push(&app, &staff_view, NULL);
    CHECK_STR(top_name(&app), "home");
    ui_fini(&app);
    remove(db);
    free(db);
    snprintf(dbdir + strlen(dbdir), 1, "%s", "");
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dbdir);
    CHECK(system(cmd) == 0);
}

TEST(note_editor_ime_and_autosave)
{
    char dbdir[] = "/tmp/mgeditXXXXXX";
    CHECK(mkdtemp(dbdir) != NULL);
    char *db = path_join(dbdir, "n.db");
    ui_app app;
    char err[512];
    CHECK(open_with_db(&app, db));
    app.staff = true; /* the PIN is tested above */
    ui_push(&app, &staff_view, NULL);
    ui_push(&app, &editor_view, NOTE_ID(NULL));
    editor_info e;
    CHECK(editor_state(&app, &e));
    /* a composition in steps, then the commit: exactly the committed text */
    const char *steps[] = {"らん", "らんさむ", "ランサム"};
    for (int i = 0; i < 3; i++) {
        ui_dispatch(&app, &(ui_action){.kind = ACT_COMPOSE, .text = steps[i]});
        editor_state(&app, &e);
        CHECK_STR(e.compose, steps[i]);
        CHECK_STR(e.question, "");
    }
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "ランサム\t");
    type(&app, "ランサム");
    type(&app, "ウェアの相談です。"); /* a long commit may come in pieces */
    editor_state(&app, &e);
    CHECK_STR(e.question, "ランサムウェアの相談です。");
    CHECK_STR(e.compose, "");
    /* editing: Backspace, cursor moves, selection, cut and paste, undo */
    key(&app, ACT_ERASE, 0);
    editor_state(&app, &e);
    CHECK_STR(e.question, "ランサムウェアの相談です");
    ui_dispatch(&app, &(ui_action){.kind = ACT_FIRST});
    ui_dispatch(&app, &(ui_action){.kind = ACT_NEXT, .shift = true});
    ui_dispatch(&app, &(ui_action){.kind = ACT_NEXT, .shift = true});
    ui_dispatch(&app, &(ui_action){.kind = ACT_CUT});
    editor_state(&app, &e);
    CHECK_STR(e.question, "サムウェアの相談です");
    ui_dispatch(&app, &(ui_action){.kind = ACT_LAST});
    ui_dispatch(&app, &(ui_action){.kind = ACT_PASTE});
    editor_state(&app, &e);
    CHECK_STR(e.question, "サムウェアの相談ですラン");
    ui_dispatch(&app, &(ui_action){.kind = ACT_UNDO});
    ui_dispatch(&app, &(ui_action){.kind = ACT_UNDO});
    editor_state(&app, &e);
    CHECK_STR(e.question, "ランサムウェアの相談です");
    /* a multi-line field takes Enter as a new line (undo left the cursor
     * where the cut was: End first) */
    key(&app, ACT_LAST, 0);
    key(&app, ACT_SELECT, 0);
    type(&app, "二行目");
    editor_state(&app, &e);
    CHECK_STR(e.question, "ランサムウェアの相談です\n二行目");
    /* saved within a second, without a save button */
    CHECK(e.pending);
    screen_now += 300;
    frame(&app);
    editor_state(&app, &e);
    CHECK(e.pending);
    screen_now += 500;
    frame(&app);
    editor_state(&app, &e);
    CHECK(!e.pending);
    CHECK(!e.failed);
    CHECK_INT(strlen(e.id), 36);
    store *n = store_open(db, err, sizeof err);
    note got;
    CHECK(n && notes_get(n, e.id, &got, err, sizeof err) > 0);
    CHECK_STR(got.question, "ランサムウェアの相談です\n二行目");
    note_fini(&got);
    store_close(n);
    /* a 1 MB paste: what fits is kept, and the field says so */
    char *big = xmalloc(1 << 20);
    memset(big, 'x', (1 << 20) - 1);
    big[(1 << 20) - 1] = '\0';
    type(&app, big);
    free(big);
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "「相談内容」は長すぎるため、256 KB までを残しました");
    editor_state(&app, &e);
    CHECK(strlen(e.question) <= 256 * 1024);
    CHECK(strlen(e.question) > 250 * 1024);
    ui_dispatch(&app, &(ui_action){.kind = ACT_UNDO});
    /* Tab moves through the form; Enter in a one-line field moves on */
    int f0 = e.focus;
    CHECK(SDL_IsTextInputActive()); /* in the question: the IME composes */
    key(&app, ACT_FOCUS_NEXT, 0);
    editor_state(&app, &e);
    CHECK_INT(e.focus, f0 + 1);
    CHECK(!SDL_IsTextInputActive()); /* on the category chips: Space picks */
    key(&app, ACT_FOCUS_PREV, 0);
    CHECK(SDL_IsTextInputActive());
    key(&app, ACT_BACK, 0);
    CHECK_STR(top_name(&app), "notes");
    ui_fini(&app);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dbdir);
    CHECK(system(cmd) == 0);
    free(db);
}

/* One kana (3 bytes of UTF-8) again and again, in a string of fewer than
 * size bytes with its NUL (heap): 100 KB of typing the disk cannot take. */
static char *kana_run(const char *kana, size_t size)
{
    char *s = xmalloc(size);
    for (size_t i = 0; i + 3 < size; i += 3)
        memcpy(s + i, kana, 3);
    s[size - 1 - (size - 1) % 3] = '\0';
    return s;
}

/* The child's half of note_editor_on_a_full_disk: exit status = failures. */
static int full_disk_child(const char *dir)
{
    if (!small_disk(dir, "512k"))
        return SMALL_DISK_UNAVAILABLE;
    char *db = path_join(dir, "n.db");
    ui_app app;
    char err[512];
    CHECK(open_with_db(&app, db));
    /* a PIN, so the lock can be opened again below */
    store *n = store_open(db, err, sizeof err);
    char hash[PIN_HASH_MAX];
    CHECK(n && pin_hash("246813", hash) && store_set_setting(n, STORE_KEY_PIN, hash, err, sizeof err));
    store_close(n);
    app.staff = true;
    ui_push(&app, &staff_view, NULL);
    ui_push(&app, &editor_view, NOTE_ID(NULL));
    type(&app, "取引先を名乗るメールで振込先の変更を求められた");
    screen_now += 800;
    frame(&app);
    editor_info e;
    editor_state(&app, &e);
    CHECK(!e.failed);
    /* The disk fills up; the specialist goes on typing. */
    small_disk_fill(dir);
    char *more = kana_run("あ", 100 * 1024);
    type(&app, more);
    screen_now += 800;
    txt_log_enable(app.txt, true);
    txt_log_clear(app.txt);
    frame(&app);
    editor_state(&app, &e);
    CHECK(e.failed);
    CHECK_CONTAINS(txt_log(app.txt), "保存できません（ディスクの空きがありません）");
    CHECK_CONTAINS(e.question, "振込先の変更");
    CHECK(strlen(e.question) > 100 * 1024);
    /* Back does not throw the note away */
    key(&app, ACT_BACK, 0);
    CHECK_STR(top_name(&app), "editor");
    /* nor does closing the window at once: the first try is refused and
     * says why; a second within 3 s would quit */
    app.kiosk = false;
    ui_dispatch(&app, &(ui_action){.kind = ACT_QUIT});
    CHECK(!app.quit);
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "まだ保存できていないメモがあります");
    screen_now += 1000;
    ui_dispatch(&app, &(ui_action){.kind = ACT_QUIT});
    CHECK(app.quit);
    app.quit = false;
    /* nor does the idle lock: the note waits, hidden, behind the PIN */
    app.last_input = screen_now;
    ui_idle(&app, screen_now + app.staff_idle_ms);
    CHECK(!app.staff);
    CHECK_STR(top_name(&app), "home");
    CHECK(editor_has_kept(&app));
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK(strstr(txt_log(app.txt), "振込先") == NULL);
    key(&app, ACT_STAFF, 0);
    for (const char *d = "246813"; *d; d++)
        key(&app, ACT_DIGIT, *d - '0');
    key(&app, ACT_SELECT, 0);
    CHECK(app.staff);
    CHECK_STR(top_name(&app), "editor"); /* straight back to it */
    editor_state(&app, &e);
    CHECK_CONTAINS(e.question, "振込先の変更");
    CHECK(strlen(e.question) > 100 * 1024);
    /* Space again: saved by itself within a few seconds, no key pressed. */
    char filler[512];
    snprintf(filler, sizeof filler, "%s/filler", dir);
    CHECK(unlink(filler) == 0);
    int waits = 0;
    for (; waits < 10 && (editor_state(&app, &e), e.failed); waits++) {
        int t = editor_view.timeout(app.views[app.depth - 1], &app);
        CHECK(t >= 0 && t <= 3000); /* the loop wakes up for the retry */
        screen_now += (Uint32)(t > 0 ? t : 1);
        frame(&app);
    }
    editor_state(&app, &e);
    CHECK(!e.failed);
    CHECK(waits <= 2);
    n = store_open(db, err, sizeof err);
    if (n && store_locked(n)) /* encrypted by the pad under the PIN (if the disk let it) */
        CHECK(store_unlock(n, "246813", err, sizeof err));
    note got = {0};
    CHECK(n && notes_get(n, e.id, &got, err, sizeof err) > 0);
    CHECK(got.question && strlen(got.question) > 100 * 1024);
    note_fini(&got);
    store_close(n);
    free(more);
    ui_fini(&app);
    free(db);
    return test_failures;
}

TEST(note_editor_on_a_full_disk)
{
    CHECK_INT(small_disk_run(full_disk_child, "/tmp/mgfullXXXXXX", "note_editor_on_a_full_disk"), 0);
}

/* The child's half of note_kept_through_lock_and_quit: exit status =
 * failures.  On an encrypted store: the disk refuses a note, staff mode
 * locks on idle, space comes back, and the app quits before the staff do:
 * the last try at the end still has the key, and saves it. */
static int lock_quit_child(const char *dir)
{
    if (!small_disk(dir, "512k"))
        return SMALL_DISK_UNAVAILABLE;
    char *db = path_join(dir, "n.db");
    char err[512];
    store *n = store_open(db, err, sizeof err);
    char hash[PIN_HASH_MAX];
    CHECK(n && pin_hash("246813", hash) && store_set_setting(n, STORE_KEY_PIN, hash, err, sizeof err));
    CHECK(n && store_key_make(n, "246813", err, sizeof err));
    store_close(n);
    ui_app app;
    CHECK(open_with_db(&app, db));
    key(&app, ACT_STAFF, 0);
    for (const char *d = "246813"; *d; d++)
        key(&app, ACT_DIGIT, *d - '0');
    key(&app, ACT_SELECT, 0);
    CHECK(app.staff);
    CHECK(app.notes && !store_locked(app.notes));
    ui_push(&app, &editor_view, NOTE_ID(NULL));
    type(&app, "ネットバンキングの画面が急に英語になり暗証番号を聞かれた");
    screen_now += 800;
    frame(&app);
    editor_info e;
    editor_state(&app, &e);
    CHECK(!e.failed);
    small_disk_fill(dir);
    char *more = kana_run("い", 100 * 1024);
    type(&app, more);
    screen_now += 800;
    frame(&app);
    editor_state(&app, &e);
    CHECK(e.failed);
    char id[64];
    snprintf(id, sizeof id, "%s", e.id);
    app.last_input = screen_now;
    ui_idle(&app, screen_now + app.staff_idle_ms);
    CHECK(!app.staff);
    CHECK(editor_has_kept(&app));
    /* space again, and the kiosk is shut down before anyone comes back */
    char filler[512];
    snprintf(filler, sizeof filler, "%s/filler", dir);
    CHECK(unlink(filler) == 0);
    ui_fini(&app);
    n = store_open(db, err, sizeof err);
    CHECK(n && store_locked(n));
    CHECK(n && store_unlock(n, "246813", err, sizeof err));
    note got = {0};
    CHECK(n && notes_get(n, id, &got, err, sizeof err) > 0);
    CHECK(got.question && strlen(got.question) > 100 * 1024);
    note_fini(&got);
    store_close(n);
    free(more);
    free(db);
    return test_failures;
}

TEST(note_kept_through_lock_and_quit)
{
    CHECK_INT(small_disk_run(lock_quit_child, "/tmp/mglockXXXXXX", "note_kept_through_lock_and_quit"), 0);
}

TEST(visitor_screens_never_show_notes)
{
    char dbdir[] = "/tmp/mgvisXXXXXX";
    CHECK(mkdtemp(dbdir) != NULL);
    char *db = path_join(dbdir, "n.db");
    char err[512];
    store *n = store_open(db, err, sizeof err);
    note x = {0};
    x.question = "秘密の相談ランサムウェア鍵";
    x.answer = "秘密の回答";
    x.company = "秘密商事";
    x.category = "breach";
    CHECK(notes_save(n, &x, 1700000000000, err, sizeof err));
    free(x.kiosk);
    store_close(n);
    ui_config cfg = {.w = 1280, .h = 720, .headless = true, .lang = LANG_JA, .font = font,
                     .content_dir = src, .db = db, .root = &home_view};
    ui_app app;
    CHECK(ui_init(&app, &cfg, err, sizeof err));
    txt_log_enable(app.txt, true);
    /* every visitor screen, searched for the words that are in the note */
    struct {
        const ui_view_ops *ops;
        const ui_args *args;
    } views[] = {{&home_view, NULL},
                 {&guide_view, GUIDE_AT(-1)},
                 {&guide_view, GUIDE_AT(0)},
                 {&search_view, SEARCH_FOR("ランサムウェア")},
                 {&search_view, SEARCH_FOR("鍵")},
                 {&referrals_view, REFERRALS_FOR(-1)},
                 {&referrals_view, REFERRALS_FOR(0)},
                 {&faq_view, NULL},
                 {&faq_view, FAQ_ITEM(0)},
                 {&finder_view, FINDER_FOR(0)},
                 {&decks_view, NULL},
                 {&slides_view, DECK_AT(0)}};
    for (size_t i = 0; i < MG_ARRAY_LEN(views); i++) {
        ui_push(&app, views[i].ops, views[i].args);
        for (int k = 0; k < 3; k++) {
            ui_draw(&app);
            key(&app, ACT_PAGE_DOWN, 0);
        }
        if (app.depth > 1)
            ui_pop(&app);
    }
    const char *log = txt_log(app.txt);
    CHECK(strlen(log) > 1000); /* the screens did draw */
    CHECK(strstr(log, "ランサムウェア") != NULL); /* the note's words are in the book... */
    CHECK(strstr(log, "秘密") == NULL);        /* ...but nothing of the note itself */
    ui_fini(&app);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dbdir);
    CHECK(system(cmd) == 0);
    free(db);
}

/* Turn the update step and draw until the print view has made its PDF
 * (on its worker thread), as the loop does; at most 60 s. */
static void finish_print(ui_app *app)
{
    print_view_info pv;
    for (int i = 0; i < 60000 && print_view_state(app, &pv) && !pv.made; i++) {
        frame(app);
        if (print_view_state(app, &pv) && !pv.made)
            SDL_Delay(1);
    }
    CHECK(print_view_state(app, &pv) && pv.made);
}

TEST(print_and_save_a_chapter)
{
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    ui_push(&app, &guide_view, GUIDE_AT(2));
    CHECK(tap_text(&app, "印刷・保存"));
    CHECK_STR(top_name(&app), "print");
    txt_log_enable(app.txt, true);
    txt_log_clear(app.txt);
    ui_draw(&app); /* says it is making it, then makes it */
    CHECK_CONTAINS(txt_log(app.txt), "作成しています");
    txt_log_clear(app.txt);
    finish_print(&app); /* the making, with how far it is shown as it goes */
    CHECK_CONTAINS(txt_log(app.txt), "作成しています… ");
    CHECK_CONTAINS(txt_log(app.txt), "%\t");
    CHECK_CONTAINS(txt_log(app.txt), "今すぐ取り組む対策.pdf（");
    CHECK_CONTAINS(txt_log(app.txt), "ページ）");
    /* The count is the writer's own: the same as a PDF reader finds in the
     * same handout made from the command line (counting "/Type /Page" in
     * the bytes stopped at the first NUL and said 0). */
    const char *at = strstr(txt_log(app.txt), "今すぐ取り組む対策.pdf（");
    int shown = at ? atoi(at + strlen("今すぐ取り組む対策.pdf（")) : -1;
    const char *bin = getenv("MG_BINARY");
    if (bin) {
        char cmd[1024];
        snprintf(cmd, sizeof cmd,
                 "%s handout guide 3 -o /tmp/mgpages.pdf >/dev/null 2>&1 && "
                 "pdfinfo /tmp/mgpages.pdf | awk '/^Pages:/ {print $2}'; rm -f /tmp/mgpages.pdf",
                 bin);
        FILE *pp = popen(cmd, "r");
        int pages = -2;
        if (pp) {
            if (fscanf(pp, "%d", &pages) != 1)
                pages = -2;
            pclose(pp);
        }
        CHECK(shown > 0);
        CHECK_INT(shown, pages);
    }
    /* This machine has no printer and no USB stick: both are said. */
    CHECK(tap_text(&app, "印刷"));
    txt_log_clear(app.txt);
    ui_draw(&app);
    const char *log = txt_log(app.txt);
    CHECK(strstr(log, "プリンターがありません") || strstr(log, "プリンター "));
    CHECK_CONTAINS(log, "USBメモリが見つかりません");
    key(&app, ACT_BACK, 0);
    CHECK_STR(top_name(&app), "guide");
    ui_fini(&app);
}

static int print_dirs(void)
{
    DIR *d = opendir("/tmp");
    int n = 0;
    struct dirent *e;
    while (d && (e = readdir(d)))
        n += strncmp(e->d_name, "madoguchi-print", 15) == 0;
    if (d)
        closedir(d);
    return n;
}

/* Drawing the print view makes no PDF: that is the update step's, on a
 * worker thread, and the loop goes on drawing while it is made. */
TEST(print_view_draw_does_no_pdf_work)
{
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    ui_push(&app, &guide_view, GUIDE_AT(2));
    int before = print_dirs();
    CHECK(tap_text(&app, "印刷・保存"));
    CHECK_STR(top_name(&app), "print");
    txt_log_enable(app.txt, true);
    for (int i = 0; i < 5; i++) {
        txt_log_clear(app.txt);
        ui_draw(&app);
        CHECK_CONTAINS(txt_log(app.txt), "作成しています…\t");
    }
    print_view_info pv;
    CHECK(print_view_state(&app, &pv));
    CHECK(!pv.making && !pv.made);
    CHECK_INT(print_dirs(), before); /* not even its folder */
    /* The update step starts it; frames go on while it is made. */
    frame(&app);
    CHECK(print_view_state(&app, &pv) && (pv.making || pv.made));
    unsigned long frames = app.frames;
    finish_print(&app);
    CHECK(app.frames > frames + 1);
    CHECK(print_view_state(&app, &pv) && pv.made && !pv.failed && pv.pages > 0);
    ui_fini(&app);
    CHECK_INT(print_dirs(), before); /* and nothing left behind */
}

/* Write an executable shell script. */
static void script(const char *path, const char *body)
{
    FILE *f = fopen(path, "w");
    if (f) {
        fprintf(f, "#!/bin/sh\n%s\n", body);
        fclose(f);
    }
    chmod(path, 0755);
}

static char *status_line(ui_app *app)
{
    txt_log_clear(app->txt);
    ui_draw(app);
    return (char *)txt_log(app->txt);
}

/* The child's half of printing_and_saving_for_real: exit status = failures. */
static int print_child(const char *bin)
{
    /* A USB stick of 1 MB at /media/KIOSK-USB, seen by this process only. */
    if (!small_disk_ns() || !small_disk_mount("/media", "64k"))
        return SMALL_DISK_UNAVAILABLE;
    CHECK(mkdir("/media/KIOSK-USB", 0755) == 0);
    CHECK(small_disk_mount("/media/KIOSK-USB", "1m"));
    /* A printer queue: lpstat names the default printer, lp keeps its arguments. */
    char lpstat[300], lp[300], args[300], body[800];
    snprintf(lpstat, sizeof lpstat, "%s/lpstat", bin);
    snprintf(lp, sizeof lp, "%s/lp", bin);
    snprintf(args, sizeof args, "%s/lp-args", bin);
    script(lpstat, "echo 'system default destination: Office_Printer'");
    snprintf(body, sizeof body, "printf '%%s ' \"$@\" > %s; echo 'request id is Office_Printer-7 (1 file(s))'",
             args);
    script(lp, body);
    char path[4096];
    snprintf(path, sizeof path, "%s:%s", bin, getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin");
    setenv("PATH", path, 1);

    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    ui_push(&app, &guide_view, GUIDE_AT(2));
    CHECK(tap_text(&app, "印刷・保存"));
    status_line(&app);
    finish_print(&app); /* made */
    /* two copies to the printer */
    CHECK(tap_text(&app, "\xEF\xBC\x8B")); /* ＋ */
    CHECK(tap_text(&app, "印刷"));
    CHECK_CONTAINS(status_line(&app), "プリンター Office_Printer に送りました（2 部）");
    size_t len = 0;
    char *sent = read_file(args, &len);
    CHECK_CONTAINS(sent, "-n 2");
    CHECK_CONTAINS(sent, "今すぐ取り組む対策.pdf");
    free(sent);
    /* The printer is unplugged: lp fails, and the view says what lp said. */
    script(lp, "echo 'lp: The printer or class does not exist.' >&2; exit 1");
    CHECK(tap_text(&app, "印刷"));
    CHECK_CONTAINS(status_line(&app), "印刷できませんでした：lp: The printer or class does not exist.");
    /* Saved to the stick: a whole PDF under its name. */
    CHECK(tap_text(&app, "KIOSK-USB に保存"));
    CHECK_CONTAINS(status_line(&app), "保存しました：/media/KIOSK-USB/今すぐ取り組む対策.pdf");
    struct stat st;
    CHECK(stat("/media/KIOSK-USB/今すぐ取り組む対策.pdf", &st) == 0);
    off_t whole = st.st_size;
    CHECK(whole > 1000);
    /* The stick is full: said so, the earlier copy untouched, no .tmp left. */
    CHECK(unlink("/media/KIOSK-USB/今すぐ取り組む対策.pdf") == 0);
    small_disk_fill("/media/KIOSK-USB");
    CHECK(tap_text(&app, "KIOSK-USB に保存"));
    CHECK_CONTAINS(status_line(&app), "保存できませんでした（ディスクの空きがありません）");
    CHECK(access("/media/KIOSK-USB/今すぐ取り組む対策.pdf", F_OK) != 0);
    CHECK(access("/media/KIOSK-USB/今すぐ取り組む対策.pdf.tmp", F_OK) != 0);
    /* Write-protected: said so. */
    CHECK(unlink("/media/KIOSK-USB/filler") == 0);
    CHECK(small_disk_readonly("/media/KIOSK-USB"));
    CHECK(tap_text(&app, "KIOSK-USB に保存"));
    CHECK_CONTAINS(status_line(&app), "保存できませんでした（保存先が読み取り専用です）");
    ui_fini(&app);
    unlink(lp);
    unlink(lpstat);
    unlink(args);
    return test_failures;
}

TEST(printing_and_saving_for_real)
{
    CHECK_INT(small_disk_run(print_child, "/tmp/mgprintXXXXXX", "printing_and_saving_for_real"), 0);
}

static Uint32 fake_now = 1000;

/* Open the presenter on slide 1 of the BCP deck. */
static bool open_presenter(ui_app *app, bool window)
{
    if (!open_app(app, 1280, 720, window, LANG_JA))
        return false;
    app->clock = fake_clock(&fake_now);
    app->kiosk = false;
    app->present_ms = 40 * 60 * 1000;
    for (size_t i = 0; i < app->ndecks; i++)
        if (strstr(app->decks[i]->path, "bcp.md")) {
            ui_push(app, &presenter_view, DECK_AT((int)i));
            return true;
        }
    return false;
}

/* A view's own deadline (the presenter's clock, each second) brings a
 * frame by itself when the loop wakes for it, with no event. */
TEST(presenter_clock_redraws_on_its_deadline)
{
    ui_app app;
    CHECK(open_presenter(&app, false));
    CHECK_INT(ui_turn(&app, 0), 1000); /* drawn; wake at the next second */
    unsigned long frames = app.frames;
    for (int s = 0; s < 3; s++) {
        int t = ui_turn(&app, 0); /* nothing due yet: no frame */
        CHECK(t > 0 && t <= 1000);
        CHECK_INT(app.frames, frames);
        fake_now += (Uint32)t;
        ui_turn(&app, 0); /* the second has come: its frame */
        CHECK_INT(app.frames, frames + 1);
        frames = app.frames;
    }
    /* The timer waits for the talk: nothing counted before the first
     * slide change, which starts it. */
    presenter_info p;
    CHECK(presenter_state(&app, &p));
    CHECK(!p.timer_begun);
    CHECK_INT(p.elapsed_ms, 0);
    key(&app, ACT_NEXT, 0);
    fake_now += 3000;
    presenter_state(&app, &p);
    CHECK(p.timer_begun);
    CHECK(p.running);
    CHECK_INT(p.elapsed_ms, 3000);
    ui_fini(&app);
}

TEST(presenter_console_shows_next_slide_and_notes)
{
    ui_app app;
    CHECK(open_presenter(&app, false));
    presenter_info p;
    CHECK(presenter_state(&app, &p));
    CHECK(p.console); /* headless: the console */
    const deck *k = NULL;
    for (size_t i = 0; i < app.ndecks; i++)
        if (strstr(app.decks[i]->path, "bcp.md"))
            k = app.decks[i];
    CHECK(k != NULL);
    if (!k)
        return;
    key(&app, ACT_NEXT, 0);
    key(&app, ACT_NEXT, 0);
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    const char *log = txt_log(app.txt);
    /* the next slide (slide 4) was drawn, and the notes of slide 3 */
    CHECK_CONTAINS(log, k->slides[3].title);
    char first[64];
    snprintf(first, sizeof first, "%.*s", (int)strcspn(k->slides[2].notes, "\n"),
             k->slides[2].notes);
    CHECK_CONTAINS(log, first);
    CHECK_CONTAINS(log, "スライド 3 / 18");
    CHECK_CONTAINS(log, "残り 40:00");
    CHECK_INT(boxes_outside(log, 1280, 720, false), 0);
    char err[256];
    CHECK(ui_save_png(&app, "presenter-1280x720.png", err, sizeof err));
    /* the timer: 90 s later, paused with T, resumed; R resets */
    fake_now += 90000;
    txt_log_clear(app.txt);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "経過 01:30");
    key(&app, ACT_TIMER, 0);
    fake_now += 60000;
    presenter_state(&app, &p);
    CHECK(!p.running);
    CHECK_INT(p.elapsed_ms, 90000);
    key(&app, ACT_TIMER, 0);
    fake_now += 1000;
    presenter_state(&app, &p);
    CHECK_INT(p.elapsed_ms, 91000);
    key(&app, ACT_TIMER_RESET, 0);
    presenter_state(&app, &p);
    CHECK_INT(p.elapsed_ms, 0);
    /* the notes pane scrolls under the wheel without changing slides */
    ui_dispatch(&app, &(ui_action){.kind = ACT_SCROLL, .x = 1000, .y = 400, .dy = 3});
    presenter_state(&app, &p);
    CHECK_INT(p.cur, 2);
    ui_fini(&app);
}

TEST(presenter_esc_quits_only_twice_within_two_seconds)
{
    ui_app app;
    CHECK(open_presenter(&app, false));
    key(&app, ACT_BACK, 0);
    presenter_info p;
    presenter_state(&app, &p);
    CHECK(p.esc_pending);
    CHECK(!app.quit);
    txt_log_enable(app.txt, true);
    ui_draw(&app);
    CHECK_CONTAINS(txt_log(app.txt), "もう一度 Esc を押すと終了します");
    fake_now += 2500; /* too late: this is a first press again */
    key(&app, ACT_BACK, 0);
    CHECK(!app.quit);
    /* Esc in an overview or a blackout only leaves it */
    fake_now += 3000;
    key(&app, ACT_OVERVIEW, 0);
    key(&app, ACT_BACK, 0);
    presenter_state(&app, &p);
    CHECK(!p.overview);
    key(&app, ACT_BLACK, 0);
    key(&app, ACT_BACK, 0);
    presenter_state(&app, &p);
    CHECK_INT(p.blank, 0);
    CHECK(!app.quit);
    /* F5 and Shift+F5 never quit */
    key(&app, ACT_START, 0);
    key(&app, ACT_START, 0);
    CHECK(!app.quit);
    /* two presses within two seconds quit */
    fake_now += 5000;
    key(&app, ACT_BACK, 0);
    fake_now += 1500;
    key(&app, ACT_BACK, 0);
    CHECK(app.quit);
    ui_fini(&app);
}

TEST(presenter_two_windows)
{
    /* Two windows on the dummy driver's one display: the audience window
     * is forced onto display 0 as a projector would be display 1. */
    ui_app app;
    if (!open_app(&app, 1280, 720, true, LANG_JA)) {
        CHECK(0);
        return;
    }
    app.clock = fake_clock(&fake_now);
    app.kiosk = false;
    app.audience_display = 0;
    ui_push(&app, &presenter_view, DECK_AT(0));
    presenter_info p;
    CHECK(presenter_state(&app, &p));
    CHECK(p.audience_window);
    CHECK(p.console);
    ui_draw(&app);
    /* A click in the audience window goes on; a click on the console's
     * notes does not. */
    ui_dispatch(&app, &(ui_action){.kind = ACT_TAP, .x = 10, .y = 10, .win = 1});
    presenter_state(&app, &p);
    CHECK_INT(p.cur, 1);
    ui_dispatch(&app, &(ui_action){.kind = ACT_TAP, .x = 1100, .y = 400, .win = 0});
    presenter_state(&app, &p);
    CHECK_INT(p.cur, 1);
    /* P does not hide the console while a projector shows the slides */
    key(&app, ACT_CONSOLE, 0);
    presenter_state(&app, &p);
    CHECK(p.console);
    /* The projector is unplugged: the audience window goes, the single
     * window shows the slide, and P brings the console back. */
    app.audience_display = 5;
    key(&app, ACT_DISPLAYS, 0);
    presenter_state(&app, &p);
    CHECK(!p.audience_window);
    CHECK(!p.console);
    key(&app, ACT_CONSOLE, 0);
    presenter_state(&app, &p);
    CHECK(p.console);
    /* ... and plugged in again. */
    app.audience_display = 0;
    key(&app, ACT_DISPLAYS, 0);
    presenter_state(&app, &p);
    CHECK(p.audience_window);
    ui_draw(&app);
    ui_fini(&app);
}

/* The caret is found from the layout's source offsets, not by laying the
 * text out again: where the text has no wrapped line it is exactly where
 * laying out the text up to it puts it (what the field did before), and
 * in wrapped text it sits on the line its character is drawn on, moving
 * forward through the text. */
static void prefix_end(ui_app *app, const char *text, size_t i, int w, int size, int *x, int *y)
{
    lay_result l;
    lay_init(&l);
    doc_span sp = {.kind = DOC_SPAN_TEXT, .text = text, .len = i};
    int h = lay_spans(&l, &app->lay, &sp, 1, 0, 0, w, size, 0, LAY_C_TEXT, DOC_ALIGN_LEFT, 1.4f);
    *x = *y = 0;
    if (l.n) {
        *x = l.items[l.n - 1].x + l.items[l.n - 1].w;
        *y = l.items[l.n - 1].y;
    }
    if (i && text[i - 1] == '\n') {
        *x = 0;
        *y = h;
    }
    lay_fini(&l);
}

TEST(text_field_caret_from_the_layout)
{
    ui_app app;
    CHECK(open_app(&app, 1280, 720, false, LANG_JA));
    static const char *const short_lines[] = {
        "", "a", "相談内容", "abc\n", "abc\n\nde", "\n\n", "ランサムウェア。\n請求書 mail\n", "x y  z",
    };
    for (size_t k = 0; k < sizeof short_lines / sizeof *short_lines; k++) {
        tf f;
        tf_init(&f, short_lines[k], true);
        size_t n = strlen(short_lines[k]);
        for (size_t i = 0; i <= n; i++) {
            if (i < n && (short_lines[k][i] & 0xC0) == 0x80)
                continue; /* inside a character */
            int x, y, ex, ey;
            tf_caret_at(&f, &app, i, 1000, 28, &x, &y);
            prefix_end(&app, short_lines[k], i, 1000, 28, &ex, &ey);
            /* Laying the text out up to a space left the caret before the
             * space (a hanging space has no width at the end of a line):
             * the caret now moves past it.  Elsewhere the two agree, to a
             * pixel of rounding inside a run. */
            bool after_space = i && short_lines[k][i - 1] == ' ';
            bool ok = y == ey && (after_space ? x > ex : abs(x - ex) <= 1);
            if (!ok)
                fprintf(stderr, "caret of \"%s\" at %zu: (%d,%d), laid out again (%d,%d)\n",
                        short_lines[k], i, x, y, ex, ey);
            CHECK(ok);
        }
        tf_fini(&f);
    }
    /* 2,000 characters wrapped at 300 px: forward, and on the drawn line. */
    strbuf b;
    strbuf_init(&b);
    for (int i = 0; b.len < 6000; i++)
        strbuf_adds(&b, i % 7 == 6 ? "\n" : i % 3 ? "相談窓口に電話しました。" : "USB stick ");
    tf f;
    tf_init(&f, b.s, true);
    int px = -1, py = -1, last_line = -1;
    size_t bad = 0;
    for (size_t i = 0; i <= b.len; i++) {
        if (i < b.len && (b.s[i] & 0xC0) == 0x80)
            continue;
        int x, y;
        tf_caret_at(&f, &app, i, 300, 24, &x, &y);
        bad += y < py || (y == py && x < px) || x < 0 || x > 300 + 24;
        px = x;
        py = y;
        last_line = y;
    }
    CHECK_INT(bad, 0);
    CHECK(last_line > 24 * 50); /* it did wrap: many lines */
    /* The field lays its text out once for many frames. */
    SDL_Rect r = {0, 0, 300, 0};
    tf_draw(&f, &app, r, 24, true);
    const lay_item *first = f.cache.lay.items;
    for (int i = 0; i < 5; i++)
        tf_draw(&f, &app, r, 24, true);
    CHECK(f.cache.lay.items == first);
    ui_action type = {.kind = ACT_TEXT, .text = "あ"};
    tf_action(&f, &type, &app.clipboard);
    tf_draw(&f, &app, r, 24, true);
    CHECK(f.cache.src.len == b.len + strlen("あ"));
    tf_fini(&f);
    strbuf_fini(&b);
    ui_fini(&app);
}

/* Bold runs are measured with the Bold face's own advances: in a
 * proportional family (BIZ UDPGothic) its Latin and kana are wider than
 * the Regular's, and measuring them as Regular let bold headings overflow
 * the width they were broken for. */
TEST(bold_measured_with_the_bold_face)
{
    char pfont[4096], pbold[4096], saved[4096];
    const char *dir_end = strrchr(font, '/');
    snprintf(pfont, sizeof pfont, "%.*s/BIZUDPGothic-Regular.ttf", (int)(dir_end - font), font);
    if (!dir_end || !font_bold_for(pfont, pbold, sizeof pbold)) {
        TEST_SKIP("BIZ UDPGothic with its Bold is not installed (scripts/setup.sh test)");
        return;
    }
    snprintf(saved, sizeof saved, "%s", font);
    snprintf(font, sizeof font, "%s", pfont);
    ui_app app;
    bool ok = open_app(&app, 1280, 720, false, LANG_JA);
    snprintf(font, sizeof font, "%s", saved);
    CHECK(ok);
    if (!ok)
        return;
    const char *s = "Windows Update あなたのアカウント AWAWAW";
    size_t n = strlen(s);
    int bold = txt_width(app.txt, s, n, 48, DOC_S_BOLD);
    int regular = txt_width(app.txt, s, n, 48, 0);
    TTF_Font *bf = TTF_OpenFont(pbold, 48);
    CHECK(bf != NULL);
    int rw = 0, rh = 0;
    if (bf)
        TTF_SizeUTF8(bf, s, &rw, &rh);
    int drew = txt_draw(app.txt, s, n, 48, DOC_S_BOLD, (SDL_Color){0, 0, 0, 255}, 0, 0);
    printf("bold %d, regular %d, Bold font %d, drawn %d\n", bold, regular, rw, drew);
    /* What the Bold font renders, to a pixel of rounding a glyph ... */
    CHECK(abs(bold - rw) <= 3);
    CHECK(abs(bold - drew) <= 3);
    /* ... and not what the Regular measures. */
    CHECK(bold > regular + 10);
    if (bf)
        TTF_CloseFont(bf);
    ui_fini(&app);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    char err[512];
    CHECK(src != NULL);
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    RUN(home_1280x720);
    RUN(home_800x480);
    RUN(home_1920x1080);
    RUN(unchanged_frame_renders_no_glyphs);
    RUN(bold_measured_with_the_bold_face);
    RUN(input_mapping);
    RUN(touch_mapping);
    RUN(kiosk_returns_home_when_idle);
    RUN(loop_on_a_fake_clock_to_the_idle_deadline);
    RUN(one_palette_for_screen_and_paper);
    RUN(navigation_by_actions);
    RUN(reader_scrolls_and_zooms);
    RUN(window_events_and_resize);
    RUN(kiosk_slides_every_control);
    RUN(slide_change_uses_the_prerendered_slide);
    RUN(presenter_clock_redraws_on_its_deadline);
    RUN(presenter_console_shows_next_slide_and_notes);
    RUN(presenter_esc_quits_only_twice_within_two_seconds);
    RUN(presenter_two_windows);
    RUN(huge_and_missing_images_in_slides);
    RUN(search_with_the_input_method);
    RUN(chip_search_on_a_touch_kiosk);
    RUN(epub_links_back_and_inertia);
    RUN(referrals_screen);
    RUN(staff_pin_and_idle_lock);
    RUN(note_editor_ime_and_autosave);
    RUN(visitor_screens_never_show_notes);
    RUN(note_editor_on_a_full_disk);
    RUN(note_kept_through_lock_and_quit);
    RUN(print_and_save_a_chapter);
    RUN(print_view_draw_does_no_pdf_work);
    RUN(printing_and_saving_for_real);
    RUN(text_field_caret_from_the_layout);
    RUN(on_screen_keyboard_types_kana);
    RUN(long_chapter_title_ends_with_an_ellipsis);
    return test_summary();
}
