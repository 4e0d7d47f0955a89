/*
 * The presenter's flow on screen, headless (the dummy driver, software
 * renderer), on a fake clock: the timer waits for the first slide change,
 * fragmented lists step item by item, an end card follows the last slide;
 * the pointer, the spotlight and the box zoom as the projector shows them
 * (pixels); and the kiosk's viewer at the end of a deck.  PNGs of each
 * state are left in the test folder to look at.
 */
#include <SDL_image.h>
#include <unistd.h>

#include "../app/core/deck.h"
#include "../app/core/font.h"
#include "../app/core/palette.h"
#include "../app/screen/slides.h"
#include "../app/screen/ui.h"
#include "../app/screen/views.h"
#include "screen.h"
#include "test.h"

static char font[4096];
static const char *src;
static Uint32 now_ms = 1000;

/* The app at w x h with the fragments deck added; its index in *deck. */
static bool open_app(ui_app *app, int w, int h, int *deck_at)
{
    ui_config cfg = {.w = w, .h = h, .headless = true, .lang = LANG_JA, .font = font,
                     .content_dir = src, .root = &home_view};
    if (!screen_open(app, &cfg, &now_ms))
        return false;
    app->kiosk = false;
    char *p = path_join(src, "tests/data/frag/fragments.md");
    deck *k = deck_load(p, NULL);
    free(p);
    if (!k)
        return false;
    *deck_at = ui_add_deck(app, k);
    return true;
}

static void act(ui_app *app, ui_act kind, int x, int y)
{
    ui_dispatch(app, &(ui_action){.kind = kind, .x = x, .y = y});
}

static int lum(SDL_Color c)
{
    return c.r + c.g + c.b;
}

static void save(ui_app *app, const char *name)
{
    char err[256];
    if (!ui_save_png(app, name, err, sizeof err))
        fprintf(stderr, "%s: %s\n", name, err);
}

TEST(timer_waits_fragments_step_end_card)
{
    ui_app app;
    int d;
    CHECK(open_app(&app, 1280, 720, &d));
    ui_push(&app, &presenter_view, DECK_AT(d));
    presenter_info p;
    CHECK(presenter_state(&app, &p));
    CHECK(p.console);
    CHECK_INT(p.nsteps, 3);
    CHECK_INT(p.step, 0);
    /* Setting up before the talk: the timer waits, and says why. */
    now_ms += 5 * 60 * 1000;
    const char *log = drawn(&app);
    CHECK_CONTAINS(log, "経過 00:00");
    CHECK_CONTAINS(log, "項目 0 / 3");
    CHECK(!strstr(log, "一時停止中"));
    save(&app, "stage-console-1280x720.png");
    presenter_state(&app, &p);
    CHECK(!p.timer_begun);
    CHECK_INT(p.elapsed_ms, 0);
    /* The audience view (P: one display): the title, no items yet. */
    act(&app, ACT_CONSOLE, 0, 0);
    log = drawn(&app);
    CHECK_CONTAINS(log, "三つの対策");
    CHECK(!strstr(log, "パスワードを長くする"));
    /* Next shows the first item and starts the timer. */
    act(&app, ACT_NEXT, 0, 0);
    now_ms += 2000;
    presenter_state(&app, &p);
    CHECK(p.timer_begun);
    CHECK_INT(p.elapsed_ms, 2000);
    CHECK_INT(p.cur, 0);
    CHECK_INT(p.step, 1);
    log = drawn(&app);
    CHECK_CONTAINS(log, "パスワードを長くする");
    CHECK(!strstr(log, "二要素認証を使う"));
    save(&app, "stage-audience-step1-1280x720.png");
    act(&app, ACT_NEXT, 0, 0);
    act(&app, ACT_NEXT, 0, 0);
    presenter_state(&app, &p);
    CHECK_INT(p.step, 3);
    CHECK_CONTAINS(drawn(&app), "更新を止めない");
    act(&app, ACT_NEXT, 0, 0); /* all shown: the next slide */
    presenter_state(&app, &p);
    CHECK_INT(p.cur, 1);
    CHECK_INT(p.step, 0);
    act(&app, ACT_PREV, 0, 0); /* back: the slide whole */
    presenter_state(&app, &p);
    CHECK_INT(p.cur, 0);
    CHECK_INT(p.step, 3);
    act(&app, ACT_PREV, 0, 0); /* back again: an item hides */
    presenter_state(&app, &p);
    CHECK_INT(p.step, 2);
    /* Past the last slide: the end card, and next goes no further. */
    act(&app, ACT_LAST, 0, 0);
    act(&app, ACT_NEXT, 0, 0);
    act(&app, ACT_NEXT, 0, 0);
    presenter_state(&app, &p);
    CHECK(p.at_end);
    CHECK_INT(p.cur, 4);
    log = drawn(&app);
    CHECK_CONTAINS(log, "スライドは以上です");
    CHECK(!strstr(log, "まとめ"));
    CHECK(same(pixel(&app, 100, 100), ui_color(PAL_BLACK)));
    CHECK(same(pixel(&app, 1200, 650), ui_color(PAL_BLACK)));
    save(&app, "stage-audience-end-1280x720.png");
    /* The console says so, and how to go back. */
    act(&app, ACT_CONSOLE, 0, 0);
    log = drawn(&app);
    CHECK_CONTAINS(log, "← で");
    CHECK(same(pixel(&app, 30, 30), ui_color(PAL_BLACK))); /* the current pane: the card */
    save(&app, "stage-console-end-1280x720.png");
    act(&app, ACT_PREV, 0, 0);
    presenter_state(&app, &p);
    CHECK(!p.at_end);
    CHECK_INT(p.cur, 4);
    /* T before any change starts the timer too. */
    ui_fini(&app);
    CHECK(open_app(&app, 1280, 720, &d));
    ui_push(&app, &presenter_view, DECK_AT(d));
    act(&app, ACT_TIMER, 0, 0);
    now_ms += 1500;
    presenter_state(&app, &p);
    CHECK(p.timer_begun && p.running);
    CHECK_INT(p.elapsed_ms, 1500);
    CHECK_INT(p.cur, 0);
    ui_fini(&app);
}

TEST(pointer_spotlight_and_box_zoom)
{
    ui_app app;
    int d;
    CHECK(open_app(&app, 1280, 720, &d));
    ui_push(&app, &presenter_view, DECK_AT(d));
    act(&app, ACT_LAST, 0, 0); /* a slide with text all over */
    act(&app, ACT_PREV, 0, 0);
    /* Its title as the audience sees it (first drawn: in the log). */
    act(&app, ACT_CONSOLE, 0, 0);
    int normal = tallest(drawn(&app), "入れ子");
    CHECK(normal > 0);
    act(&app, ACT_CONSOLE, 0, 0);
    presenter_info p;
    /* The console's current slide: 20,20 728x409 at 1280x720. */
    const SDL_Rect cur = {20, 20, 728, 409};
    act(&app, ACT_POINTER, 0, 0);
    act(&app, ACT_HOVER, cur.x + cur.w / 2, cur.y + cur.h / 2);
    presenter_state(&app, &p);
    CHECK_INT(p.tool, 1);
    CHECK(p.pointer_on);
    CHECK(p.px > 0.49f && p.px < 0.51f && p.py > 0.49f && p.py < 0.51f);
    CHECK_CONTAINS(drawn(&app), "ポインター表示中");
    CHECK(same(pixel(&app, cur.x + cur.w / 2, cur.y + cur.h / 2), ui_color(PAL_POINTER)));
    save(&app, "stage-console-pointer-1280x720.png");
    /* The audience sees the dot at the same relative spot. */
    act(&app, ACT_CONSOLE, 0, 0);
    ui_draw(&app);
    CHECK(same(pixel(&app, 640, 360), ui_color(PAL_POINTER)));
    CHECK(!same(pixel(&app, 640, 300), ui_color(PAL_POINTER)));
    save(&app, "stage-audience-pointer-1280x720.png");
    /* A tap on the slide points; it does not go on. */
    act(&app, ACT_TAP, 320, 180);
    presenter_state(&app, &p);
    CHECK_INT(p.cur, 3);
    CHECK(p.px > 0.24f && p.px < 0.26f);
    /* The mouse off the slide: no dot. */
    act(&app, ACT_CONSOLE, 0, 0);
    act(&app, ACT_HOVER, 1000, 600);
    presenter_state(&app, &p);
    CHECK(!p.pointer_on);
    act(&app, ACT_CONSOLE, 0, 0);
    act(&app, ACT_POINTER, 0, 0); /* L again: off */
    ui_draw(&app);
    SDL_Color corner = pixel(&app, 30, 30), inside = pixel(&app, 600, 360);
    /* The spotlight: dark all round, the circle as it was. */
    act(&app, ACT_SPOTLIGHT, 0, 0);
    act(&app, ACT_HOVER, 640, 360);
    ui_draw(&app);
    CHECK(lum(pixel(&app, 30, 30)) < lum(corner) / 2);
    CHECK(same(pixel(&app, 600, 360), inside));
    save(&app, "stage-audience-spotlight-1280x720.png");
    /* Esc clears a tool; it is not the first Esc of quitting. */
    act(&app, ACT_BACK, 0, 0);
    presenter_state(&app, &p);
    CHECK_INT(p.tool, 0);
    CHECK(!p.esc_pending);
    /* Box zoom: a box dragged over the top left quarter, enlarged. */
    act(&app, ACT_BOXZOOM, 0, 0);
    act(&app, ACT_PRESS, 20, 20);
    act(&app, ACT_DRAG, 400, 200);
    act(&app, ACT_RELEASE, 420, 220);
    presenter_state(&app, &p);
    CHECK(p.zoomed);
    CHECK_INT(p.cur, 3); /* the drag was no swipe */
    int zoomed = tallest(drawn(&app), "入れ子");
    CHECK(zoomed > 2 * normal);
    save(&app, "stage-audience-zoom-1280x720.png");
    act(&app, ACT_CONSOLE, 0, 0);
    CHECK_CONTAINS(drawn(&app), "拡大して投影中");
    save(&app, "stage-console-zoom-1280x720.png");
    act(&app, ACT_BACK, 0, 0);
    presenter_state(&app, &p);
    CHECK(!p.zoomed);
    CHECK(!p.esc_pending);
    act(&app, ACT_BACK, 0, 0); /* now Esc means quitting, as before */
    presenter_state(&app, &p);
    CHECK(p.esc_pending);
    CHECK(!app.quit);
    ui_fini(&app);
}

/* Consoles at the other sizes: everything inside the window. */
TEST(console_at_1920x1080)
{
    ui_app app;
    int d;
    CHECK(open_app(&app, 1920, 1080, &d));
    ui_push(&app, &presenter_view, DECK_AT(d));
    act(&app, ACT_NEXT, 0, 0);
    act(&app, ACT_POINTER, 0, 0);
    act(&app, ACT_HOVER, 400, 300);
    const char *log = drawn(&app);
    CHECK_CONTAINS(log, "項目 1 / 3");
    save(&app, "stage-console-1920x1080.png");
    act(&app, ACT_CONSOLE, 0, 0);
    ui_draw(&app);
    save(&app, "stage-audience-1920x1080.png");
    ui_fini(&app);
}

TEST(kiosk_viewer_at_the_end)
{
    ui_app app;
    int d;
    CHECK(open_app(&app, 800, 480, &d));
    app.kiosk = true;
    ui_push(&app, &slides_view, DECK_AT(d));
    const char *log = drawn(&app);
    /* The kiosk shows each slide whole: no stepping through items. */
    CHECK_CONTAINS(log, "更新を止めない");
    CHECK(!strstr(log, "最初に戻る"));
    int m = ui_px(&app, 10), bw = ui_px(&app, 170), fh = ui_px(&app, 72);
    int nx = app.w - bw / 2 - m + 4, ny = app.h - fh + m + 4;
    CHECK(same(pixel(&app, nx, ny), app.theme.tile_bg));
    act(&app, ACT_LAST, 0, 0);
    log = drawn(&app);
    SDL_Rect again;
    CHECK(text_box(log, "最初に戻る", &again));
    /* ▶ is off: drawn in the footer's colour, and a tap on it stays. */
    CHECK(same(pixel(&app, nx, ny), app.theme.header_bg));
    save(&app, "stage-kiosk-end-800x480.png");
    act(&app, ACT_TAP, nx, ny);
    slides_info s;
    CHECK(slides_state(&app, &s));
    CHECK_INT(s.cur, 4);
    act(&app, ACT_NEXT, 0, 0);
    slides_state(&app, &s);
    CHECK_INT(s.cur, 4);
    /* Back to the start from the offered button. */
    tap_rect(&app, again);
    slides_state(&app, &s);
    CHECK_INT(s.cur, 0);
    ui_fini(&app);
}

/* A mouse moving with no button down is ACT_HOVER, and only a view that
 * asks for it (the presenter) sees it: the kiosk's screens and the attract
 * loop never wake or change for a mouse that drifts. */
TEST(hover_reaches_only_the_presenter)
{
    ui_input st = {0};
    ui_action out[2];
    SDL_Event ev = {0};
    ev.type = SDL_MOUSEMOTION;
    ev.motion.x = 100;
    ev.motion.y = 50;
    CHECK_INT(ui_map_event(&st, &ev, out), 1);
    CHECK_INT(out[0].kind, ACT_HOVER);
    CHECK_INT(out[0].x, 100);
    ev.motion.which = SDL_TOUCH_MOUSEID; /* SDL's copy of a finger: dropped */
    CHECK_INT(ui_map_event(&st, &ev, out), 0);
    ui_app app;
    int d;
    CHECK(open_app(&app, 800, 480, &d));
    app.kiosk = true;
    app.last_input = 42;
    act(&app, ACT_HOVER, 10, 10);
    CHECK_INT(app.last_input, 42); /* not even counted as input */
    CHECK_STR(app.ops[app.depth - 1]->name, "home");
    ui_push(&app, &presenter_view, DECK_AT(d));
    act(&app, ACT_POINTER, 0, 0);
    act(&app, ACT_HOVER, 100, 100);
    presenter_info p;
    CHECK(presenter_state(&app, &p));
    CHECK(p.pointer_on);
    ui_fini(&app);
}

/* A slide kept as a texture holds its pictures: one whose texture the
 * budget let go is decoded for it at once, not left for a later frame
 * (the main window defers decoding out of draw, which would otherwise
 * cache the slide without its picture for the rest of the talk). */
TEST(kept_slide_keeps_its_picture)
{
    char dir[] = "/tmp/mgstageXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char png[600], md[600];
    snprintf(png, sizeof png, "%s/red.png", dir);
    snprintf(md, sizeof md, "%s/pic.md", dir);
    SDL_Surface *red = SDL_CreateRGBSurfaceWithFormat(0, 400, 300, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_FillRect(red, NULL, SDL_MapRGB(red->format, 255, 0, 0));
    CHECK(IMG_SavePNG(red, png) == 0);
    SDL_FreeSurface(red);
    FILE *f = fopen(md, "w");
    fputs("---\nmarp: true\n---\n\n![w:400](red.png)\n", f);
    fclose(f);
    ui_app app;
    int at;
    CHECK(open_app(&app, 1280, 720, &at));
    deck *k = deck_load(md, NULL);
    CHECK(k != NULL);
    slide_cache c;
    slide_cache_init(&c);
    CHECK(slide_get(&app, &c, k, 0, 1280) != NULL); /* decodes it the first time */
    txt_drop_images(app.txt);                        /* as the budget does */
    slide_cache_fini(&c);
    slide_cache_init(&c);
    unsigned long d0 = txt_get_stats(app.txt).decodes;
    SDL_Texture *t = slide_get(&app, &c, k, 0, 1280);
    CHECK(t != NULL);
    CHECK_INT((int)(txt_get_stats(app.txt).decodes - d0), 1);
    /* and the red is in the kept slide */
    SDL_SetRenderDrawColor(app.ren, 0, 0, 0, 255);
    SDL_RenderClear(app.ren);
    SDL_RenderCopy(app.ren, t, NULL, &(SDL_Rect){0, 0, 1280, 720});
    SDL_RenderPresent(app.ren);
    int reds = 0;
    for (int y = 0; y < 720; y += 8)
        for (int x = 0; x < 1280; x += 8) {
            SDL_Color px = pixel(&app, x, y);
            reds += px.r > 200 && px.g < 40 && px.b < 40;
        }
    CHECK(reds > 100);
    slide_cache_fini(&c);
    deck_free(k);
    ui_fini(&app);
    unlink(png);
    unlink(md);
    rmdir(dir);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    char err[512];
    CHECK(src != NULL);
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    if (!src)
        return test_summary();
    RUN(timer_waits_fragments_step_end_card);
    RUN(pointer_spotlight_and_box_zoom);
    RUN(console_at_1920x1080);
    RUN(kiosk_viewer_at_the_end);
    RUN(hover_reaches_only_the_presenter);
    RUN(kept_slide_keeps_its_picture);
    return test_summary();
}
