/*
 * The reader on a book shaped like the desk's (epub_fixture.h: 14 spine
 * files, 3 chapters): the contents open a chapter's sections on a tap and
 * number chapters as everything else does; a tall picture is drawn at the
 * column's width and opens full screen, where it zooms (double tap, pinch,
 * ＋) and moves; the text size goes up to twice in steps and stays for the
 * visitor across chapters and views; and at 800x480 every touch target is
 * at least 48 px and no text is below 16 px.
 *
 * With MG_SHOTS set to a folder, the screens are saved there as PNGs too.
 */
#include <SDL_image.h>
#include <math.h>
#include <unistd.h>

#include "../app/core/font.h"
#include "../app/screen/slides.h"
#include "../app/screen/ui.h"
#include "../app/screen/views.h"
#include "epub_fixture.h"
#include "screen.h"
#include "test.h"

static char font[4096], book[64];
static const char *src;
static Uint32 now = 5000;

static bool open_at(ui_app *app, int w, int h)
{
    ui_config cfg = {.w = w, .h = h, .headless = true, .lang = LANG_JA, .font = font,
                     .content_dir = src, .guidebook = book, .root = &home_view};
    return screen_open(app, &cfg, &now);
}

/* One frame as the loop makes it (pictures are decoded in update), the
 * text log on. */
static void logged_frame(ui_app *app)
{
    txt_log_enable(app->txt, true);
    txt_log_clear(app->txt);
    frame(app);
}

static void shot(ui_app *app, const char *name)
{
    const char *dir = getenv("MG_SHOTS");
    if (!dir || !*dir)
        return;
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/%s-%dx%d.png", dir, name, app->w, app->h);
    logged_frame(app);
    if (!ui_save_png(app, path, err, sizeof err))
        fprintf(stderr, "%s\n", err);
}

TEST(contents_open_sections_on_a_tap)
{
    ui_app app;
    CHECK(open_at(&app, 1280, 720));
    ui_push(&app, &guide_view, GUIDE_AT(-1));
    logged_frame(&app);
    const char *log = txt_log(app.txt);
    /* chapters first, numbered as the chapters are; sections hidden */
    CHECK_CONTAINS(log, "第1章 サイバー攻撃の現状\t");
    CHECK_CONTAINS(log, "3\t");
    CHECK(strstr(log, "1-1 ランサムウェア") == NULL);
    CHECK(strstr(log, "xhtml") == NULL);
    /* the long title takes two lines, cut between characters */
    CHECK_CONTAINS(log, "第2章 中小企業が");
    shot(&app, "toc");
    /* a tap opens the chapter's sections (the view stays) */
    CHECK(tap_text(&app, "第1章 サイバー攻撃の現状"));
    CHECK_STR(top_name(&app), "guide");
    CHECK_INT(app.depth, 2);
    logged_frame(&app);
    CHECK_CONTAINS(txt_log(app.txt), "1-1 ランサムウェア\t");
    CHECK_CONTAINS(txt_log(app.txt), "この章をはじめから読む\t");
    shot(&app, "toc-open");
    /* a section opens the chapter at its heading */
    CHECK(tap_text(&app, "1-2 標的型攻撃メール"));
    guide_view_info g;
    CHECK(guide_view_state(&app, &g));
    CHECK_INT(g.chapter, 0);
    CHECK(g.scroll > 0);
    logged_frame(&app);
    CHECK_CONTAINS(txt_log(app.txt), "1 / 3"); /* the footer counts chapters, not files */
    ui_dispatch(&app, &(ui_action){.kind = ACT_BACK});
    CHECK(tap_text(&app, "この章をはじめから読む"));
    CHECK(guide_view_state(&app, &g));
    CHECK_INT(g.chapter, 0);
    CHECK_INT(g.scroll, 0);
    /* 次の章 goes to chapter 2 of 3 */
    ui_dispatch(&app, &(ui_action){.kind = ACT_NEXT});
    logged_frame(&app);
    CHECK_CONTAINS(txt_log(app.txt), "2 / 3");
    ui_fini(&app);
}

/* The picture at the top of chapter 2 (its opening page): column wide,
 * taller than the screen, opened full screen by a tap. */
TEST(pictures_scroll_and_zoom)
{
    ui_app app;
    CHECK(open_at(&app, 1280, 720));
    ui_push(&app, &guide_view, GUIDE_AT(1));
    logged_frame(&app);
    guide_view_info g;
    CHECK(guide_view_state(&app, &g));
    /* 900 x 2700 at the column's width is far taller than the screen: it scrolls */
    CHECK(g.max_scroll > 720 * 2);
    shot(&app, "tall-picture");
    /* paging through the picture moves by at most a screen */
    ui_dispatch(&app, &(ui_action){.kind = ACT_PAGE_DOWN});
    CHECK(guide_view_state(&app, &g));
    CHECK(g.scroll > 0 && g.scroll <= 720);
    ui_dispatch(&app, &(ui_action){.kind = ACT_FIRST});
    tap_xy(&app, 640, 400);
    CHECK_STR(top_name(&app), "picture");
    picture_view_info p;
    CHECK(picture_view_state(&app, &p));
    CHECK_INT(p.w, 900);
    CHECK_INT(p.h, 2700);
    CHECK(p.zoom == 1.0f);
    shot(&app, "picture");
    /* a double tap zooms in at the spot, a drag moves it, ＋ zooms more */
    tap_xy(&app, 640, 200);
    now += 150;
    tap_xy(&app, 640, 200);
    CHECK(picture_view_state(&app, &p));
    CHECK(p.zoom > 2.0f);
    int dy0 = p.dy;
    CHECK(dy0 > 0); /* the upper part came to the middle */
    ui_dispatch(&app, &(ui_action){.kind = ACT_DRAG, .x = 640, .y = 400, .dx = 0, .dy = -200});
    CHECK(picture_view_state(&app, &p));
    CHECK_INT(p.dy, dy0 - 200);
    shot(&app, "picture-zoomed");
    float z = p.zoom;
    ui_dispatch(&app, &(ui_action){.kind = ACT_PINCH, .x = 640, .y = 400, .dy = 500});
    CHECK(picture_view_state(&app, &p));
    CHECK(p.zoom > z);
    /* a slow second tap is not a double tap */
    now += 1000;
    tap_xy(&app, 640, 400);
    now += 1000;
    tap_xy(&app, 640, 400);
    CHECK(picture_view_state(&app, &p));
    CHECK(p.zoom > z);
    /* double tap again: the whole picture */
    now += 1000;
    tap_xy(&app, 640, 400);
    now += 100;
    tap_xy(&app, 640, 400);
    CHECK(picture_view_state(&app, &p));
    CHECK(p.zoom == 1.0f);
    CHECK_INT(p.dx, 0);
    CHECK_INT(p.dy, 0);
    /* back closes it, to the same place in the chapter */
    CHECK(tap_text(&app, "もどる"));
    CHECK_STR(top_name(&app), "guide");
    ui_fini(&app);
}

/* The wheel zooms the picture around the pointer: a wheel event pushed
 * through SDL's queue at a point off the middle leaves the picture point
 * that was under the pointer under it (it zoomed around the corner of the
 * window before, so that point ran off). */
TEST(wheel_zooms_around_the_pointer)
{
    ui_app app;
    CHECK(open_at(&app, 1280, 720));
    CHECK(SDL_InitSubSystem(SDL_INIT_EVENTS) == 0);
    ui_push(&app, &guide_view, GUIDE_AT(1));
    logged_frame(&app);
    tap_xy(&app, 640, 400);
    CHECK_STR(top_name(&app), "picture");
    int bh = ui_bar_h(&app);
    /* the middle of the picture area, and the pointer: above it, where the
     * tall picture (900 x 2700, fit to the height) can move */
    float acx = app.w / 2.0f, acy = bh + (app.h - bh) / 2.0f;
    int mx = 660, my = bh + 80;
    picture_view_info p0, p1;
    CHECK(picture_view_state(&app, &p0));
    for (int notch = 0; notch < 3; notch++) {
        SDL_Event ev = {0};
        ev.type = SDL_MOUSEWHEEL;
        ev.wheel.y = 1; /* away from the user: zoom in */
        ev.wheel.mouseX = mx;
        ev.wheel.mouseY = my;
        CHECK(SDL_PushEvent(&ev) == 1);
        ui_pump(&app);
        logged_frame(&app);
    }
    CHECK(picture_view_state(&app, &p1));
    CHECK(p1.zoom > p0.zoom * 1.9f);
    /* The pointer's offset from the picture's centre, in screen pixels,
     * grows with the zoom when the point under it stays put. */
    float k = p1.zoom / p0.zoom;
    float want_y = (my - acy - p0.dy) * k, got_y = my - acy - p1.dy;
    printf("wheel zoom %.2f -> %.2f: pointer %.1f px from the centre, %.1f wanted\n", p0.zoom,
           p1.zoom, got_y, want_y);
    CHECK(fabsf(got_y - want_y) <= 3);
    /* the picture is narrower than the screen: it stays centred across */
    CHECK_INT(p1.dx, 0);
    (void)acx;
    SDL_QuitSubSystem(SDL_INIT_EVENTS);
    ui_fini(&app);
}

/* A picture whose texture the budget let go is decoded again in update,
 * never while drawing. */
TEST(no_decoding_while_drawing)
{
    ui_app app;
    CHECK(open_at(&app, 1280, 720));
    ui_push(&app, &guide_view, GUIDE_AT(1));
    logged_frame(&app);
    unsigned long d0 = txt_get_stats(app.txt).decodes;
    ui_draw(&app);
    CHECK_INT(txt_get_stats(app.txt).decodes, d0); /* drawn from the texture */
    txt_drop_images(app.txt); /* as the budget does */
    app.dirty = false;
    ui_draw(&app);
    CHECK_INT(txt_get_stats(app.txt).decodes, d0); /* not in draw */
    ui_update(&app);
    CHECK_INT(txt_get_stats(app.txt).decodes, d0 + 1); /* in update */
    CHECK(app.dirty);                                  /* and a frame is due */
    ui_draw(&app);
    CHECK_INT(txt_get_stats(app.txt).decodes, d0 + 1);
    CHECK(txt_get_stats(app.txt).image_bytes > 0);
    ui_fini(&app);
}

TEST(text_size_steps_and_stays)
{
    ui_app app;
    CHECK(open_at(&app, 1280, 720));
    ui_push(&app, &guide_view, GUIDE_AT(2));
    guide_view_info g;
    CHECK(guide_view_state(&app, &g));
    CHECK_INT(g.text_pct, 100);
    int h0 = g.max_scroll, steps = 0;
    for (int i = 0; i < 10; i++) {
        ui_dispatch(&app, &(ui_action){.kind = ACT_ZOOM_IN});
        guide_view_info n;
        CHECK(guide_view_state(&app, &n));
        steps += n.text_pct != g.text_pct;
        g = n;
    }
    CHECK_INT(g.text_pct, 200); /* twice, and no more */
    CHECK(steps >= 3);
    CHECK(g.max_scroll > h0);
    logged_frame(&app);
    CHECK_CONTAINS(txt_log(app.txt), "文字 200%");
    shot(&app, "text-200");
    /* the next chapter, and a chapter opened anew, keep it */
    ui_dispatch(&app, &(ui_action){.kind = ACT_PREV});
    CHECK(guide_view_state(&app, &g));
    CHECK_INT(g.text_pct, 200);
    ui_home(&app);
    ui_push(&app, &guide_view, GUIDE_AT(0));
    CHECK(guide_view_state(&app, &g));
    CHECK_INT(g.text_pct, 200);
    /* search results and referrals follow it */
    ui_push(&app, &search_view, SEARCH_FOR("パスワード"));
    logged_frame(&app);
    int big = txt_min_size(app.txt);
    shot(&app, "search-200");
    ui_push(&app, &referrals_view, REFERRALS_FOR(0));
    logged_frame(&app);
    int rbig = txt_min_size(app.txt);
    shot(&app, "referrals-200");
    /* the visitor leaves: the next one starts at the normal size */
    ui_visitor_reset(&app);
    CHECK_INT(app.text_pct, 0);
    ui_push(&app, &search_view, SEARCH_FOR("パスワード"));
    logged_frame(&app);
    CHECK(txt_min_size(app.txt) < big);
    ui_push(&app, &referrals_view, REFERRALS_FOR(0));
    logged_frame(&app);
    CHECK(txt_min_size(app.txt) < rbig);
    ui_push(&app, &guide_view, GUIDE_AT(0));
    CHECK(guide_view_state(&app, &g));
    CHECK_INT(g.text_pct, 100);
    ui_fini(&app);
}

/* Every touch target drawn (buttons, rows) at least min wide and tall;
 * returns how many are smaller, naming them. */
static int small_targets(const char *boxes, int min, const char *where)
{
    int bad = 0;
    for (const char *p = boxes; *p;) {
        const char *nl = strchr(p, '\n');
        const char *tab = memchr(p, '\t', (size_t)(nl - p));
        int x, y, w, h;
        if (tab && sscanf(tab + 1, "%d,%d,%d,%d", &x, &y, &w, &h) == 4 && (w < min || h < min)) {
            fprintf(stderr, "%s: \"%.*s\" is %dx%d\n", where, (int)(tab - p), p, w, h);
            bad++;
        }
        p = nl + 1;
    }
    return bad;
}

/* At 800x480: every target at least 48 px, no text under 16 px, on the
 * reader's screens (contents, chapter, large text, picture), search and
 * referrals. */
TEST(fingers_and_eyes_at_800x480)
{
    ui_app app;
    CHECK(open_at(&app, 800, 480));
    struct {
        const char *name;
        const ui_view_ops *view;
        const ui_args *args;
        bool zoom;
    } screens[] = {
        {"contents", &guide_view, GUIDE_AT(-1), false},
        {"chapter", &guide_view, GUIDE_AT(0), false},
        {"chapter-large", &guide_view, GUIDE_AT(0), true},
        {"search", &search_view, SEARCH_FOR("パスワード"), false},
        {"search-empty", &search_view, NULL, false},
        {"referrals", &referrals_view, NULL, false},
        {"referrals-one", &referrals_view, REFERRALS_FOR(0), false},
        /* every other screen a visitor can reach */
        {"home", &home_view, NULL, false},
        {"finder", &finder_view, NULL, false},
        {"finder-one", &finder_view, FINDER_FOR(0), false},
        {"faq", &faq_view, NULL, false},
        {"faq-category", &faq_view, FAQ_CATEGORY(0), false},
        {"faq-item", &faq_view, FAQ_ITEM(0), false},
        {"selfcheck", &selfcheck_view, NULL, false},
        {"selfcheck-result", &selfcheck_view, &(const ui_args){.kind = ARGS_SELFCHECK, .selfcheck = {.answers = "4,2,0,4,2,0,4,2,0,4,2,0,4,2,0,4,2,0,4,2,0,4,2,0,4"}}, false},
        {"decks", &decks_view, NULL, false},
        {"deck", &slides_view, DECK_AT(0), false},
        {"print", &print_view, &(const ui_args){.kind = ARGS_PRINT, .print = {.kind = HANDOUT_REFERRALS, .name = "soudansaki"}}, false},
    };
    for (size_t i = 0; i < MG_ARRAY_LEN(screens); i++) {
        ui_home(&app);
        ui_push(&app, screens[i].view, screens[i].args);
        if (screens[i].zoom)
            for (int k = 0; k < 5; k++)
                ui_dispatch(&app, &(ui_action){.kind = ACT_ZOOM_IN});
        logged_frame(&app);
        CHECK_STR(top_name(&app), screens[i].view->name); /* it opened */
        CHECK(txt_boxes(app.txt)[0] != '\0'); /* targets were seen */
        CHECK_INT(small_targets(txt_boxes(app.txt), UI_MIN_TAP, screens[i].name), 0);
        if (txt_min_size(app.txt) < UI_MIN_TEXT)
            fprintf(stderr, "%s: text of %d px\n", screens[i].name, txt_min_size(app.txt));
        CHECK(txt_min_size(app.txt) >= UI_MIN_TEXT);
        shot(&app, screens[i].name);
    }
    /* the picture view */
    ui_home(&app);
    ui_push(&app, &guide_view, GUIDE_AT(1));
    tap_xy(&app, 400, 200);
    CHECK_STR(top_name(&app), "picture");
    logged_frame(&app);
    CHECK_INT(small_targets(txt_boxes(app.txt), UI_MIN_TAP, "picture"), 0);
    CHECK(txt_min_size(app.txt) >= UI_MIN_TEXT);
    ui_fini(&app);
}

/* Only with MG_SHOTS: the screens at 1920x1080 and 800x480, to look at. */
TEST(shots_at_two_sizes)
{
    static const int sizes[2][2] = {{1920, 1080}, {800, 480}};
    for (int k = 0; k < 2; k++) {
        ui_app app;
        CHECK(open_at(&app, sizes[k][0], sizes[k][1]));
        ui_push(&app, &guide_view, GUIDE_AT(-1));
        CHECK(tap_text(&app, "第1章 サイバー攻撃の現状"));
        shot(&app, "toc-open");
        ui_push(&app, &guide_view, GUIDE_AT(1));
        tap_xy(&app, app.w / 2, app.h / 2);
        tap_xy(&app, app.w / 2, app.h / 3);
        now += 100;
        tap_xy(&app, app.w / 2, app.h / 3);
        shot(&app, "picture-zoomed");
        ui_pop(&app);
        for (int i = 0; i < 5; i++)
            ui_dispatch(&app, &(ui_action){.kind = ACT_ZOOM_IN});
        ui_dispatch(&app, &(ui_action){.kind = ACT_NEXT});
        shot(&app, "text-200");
        ui_fini(&app);
    }
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    char err[512];
    CHECK(src != NULL);
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    /* The book, with a tall manga-like page (900 x 2700) as its pictures. */
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 900, 2700, 24, SDL_PIXELFORMAT_RGB24);
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 255, 255, 255));
    for (int i = 0; i < 6; i++) {
        SDL_Rect r = {30 + (i % 2) * 430, 30 + (i / 2) * 880, 410, 850};
        SDL_FillRect(s, &r, SDL_MapRGB(s->format, 20, 20, 20));
        SDL_Rect in = {r.x + 8, r.y + 8, r.w - 16, r.h - 16};
        SDL_FillRect(s, &in, SDL_MapRGB(s->format, (Uint8)(200 + i * 8), (Uint8)(220 - i * 20),
                                        (Uint8)(150 + i * 15)));
        SDL_Rect bubble = {r.x + 60, r.y + 80, 200, 120};
        SDL_FillRect(s, &bubble, SDL_MapRGB(s->format, 255, 255, 255));
    }
    char png[64];
    snprintf(png, sizeof png, "page-%d.png", (int)getpid());
    CHECK(IMG_SavePNG(s, png) == 0);
    SDL_FreeSurface(s);
    size_t n = 0;
    char *bytes = read_file(png, &n);
    unlink(png);
    snprintf(book, sizeof book, "reader-%d.epub", (int)getpid());
    CHECK(bytes && fixture_epub_desk(book, bytes, n));
    free(bytes);
    RUN(contents_open_sections_on_a_tap);
    RUN(pictures_scroll_and_zoom);
    RUN(wheel_zooms_around_the_pointer);
    RUN(no_decoding_while_drawing);
    RUN(text_size_steps_and_stays);
    RUN(fingers_and_eyes_at_800x480);
    if (getenv("MG_SHOTS"))
        RUN(shots_at_two_sizes);
    unlink(book);
    return test_summary();
}
