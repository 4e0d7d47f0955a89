/*
 * The self-check screen, headless: reached from a home tile, walked with
 * injected taps and keys (answers, back, the explanation), the result with
 * its chart and three weakest areas, the plan printed from it and read
 * back with pdftotext, the anonymous count made once, and the kiosk's idle
 * return to home clearing every answer.  Both 800x480 and 1920x1080.
 */
#include <stdarg.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/font.h"
#include "../app/core/sccount.h"
#include "../app/paper/handout.h"
#include "../app/screen/ui.h"
#include "../app/screen/views.h"
#include "test.h"

static char font[4096];
static const char *src;
static char dir[] = "/tmp/mgscscreenXXXXXX";
static char db[300];

static bool open_app(ui_app *app, int w, int h)
{
    ui_config cfg = {.w = w, .h = h, .headless = true, .lang = LANG_JA, .font = font,
                     .content_dir = src, .db = db, .root = &home_view};
    char err[512];
    bool ok = ui_init(app, &cfg, err, sizeof err);
    if (!ok)
        fprintf(stderr, "ui_init: %s\n", err);
    return ok;
}

/* The box the text was last drawn in (from the text log); false if not drawn. */
static bool find_text(ui_app *app, const char *text, SDL_Rect *out)
{
    txt_log_enable(app->txt, true);
    txt_log_clear(app->txt);
    ui_draw(app);
    const char *log = txt_log(app->txt);
    size_t n = strlen(text);
    for (const char *p = log; *p;) {
        const char *nl = strchr(p, '\n');
        if (!strncmp(p, text, n) && p[n] == '\t' &&
            sscanf(p + n + 1, "%d,%d,%d,%d", &out->x, &out->y, &out->w, &out->h) == 4)
            return true;
        p = nl + 1;
    }
    return false;
}

/* Whether text was drawn anywhere (part of a line) in the frame now. */
static bool drawn(ui_app *app, const char *text)
{
    txt_log_enable(app->txt, true);
    txt_log_clear(app->txt);
    ui_draw(app);
    return strstr(txt_log(app->txt), text) != NULL;
}

static bool tap_text(ui_app *app, const char *text)
{
    SDL_Rect r;
    if (!find_text(app, text, &r)) {
        fprintf(stderr, "\"%s\" was not drawn\n", text);
        return false;
    }
    ui_dispatch(app, &(ui_action){.kind = ACT_TAP, .x = r.x + r.w / 2, .y = r.y + r.h / 2});
    return true;
}

static void tap(ui_app *app, SDL_Rect r)
{
    ui_dispatch(app, &(ui_action){.kind = ACT_TAP, .x = r.x + r.w / 2, .y = r.y + r.h / 2});
}

static const char *top_name(const ui_app *app)
{
    return app->ops[app->depth - 1]->name;
}

/* Every string drawn must lie inside the screen. */
static int boxes_outside(ui_app *app)
{
    txt_log_enable(app->txt, true);
    txt_log_clear(app->txt);
    ui_draw(app);
    int bad = 0;
    for (const char *p = txt_log(app->txt); *p;) {
        const char *nl = strchr(p, '\n');
        const char *tab = memchr(p, '\t', (size_t)(nl - p));
        int x, y, w, h;
        if (tab && sscanf(tab + 1, "%d,%d,%d,%d", &x, &y, &w, &h) == 4 &&
            (x < 0 || y < 0 || x + w > app->w || y + h > app->h)) {
            fprintf(stderr, "outside %dx%d: %.*s\n", app->w, app->h, (int)(nl - p), p);
            bad++;
        }
        p = nl + 1;
    }
    return bad;
}

/* MG_SHOTS=DIR keeps what was drawn, for a person to look at. */
static void shot(ui_app *app, const char *name)
{
    const char *d = getenv("MG_SHOTS");
    if (!d)
        return;
    char path[512], err[256];
    snprintf(path, sizeof path, "%s/selfcheck-%s-%dx%d.png", d, name, app->w, app->h);
    ui_draw(app);
    CHECK(ui_save_png(app, path, err, sizeof err));
}

static void walk(int w, int h)
{
    ui_app app;
    CHECK(open_app(&app, w, h));
    CHECK(tap_text(&app, "セキュリティ自社診断")); /* the home tile */
    CHECK_STR(top_name(&app), "selfcheck");
    selfcheck_view_info s;
    CHECK(selfcheck_view_state(&app, &s));
    CHECK_INT(s.at, 0);
    CHECK_INT(s.n, 25);
    CHECK_INT(boxes_outside(&app), 0);
    SDL_Rect r;
    CHECK(find_text(&app, "質問 1 / 25 ・ 基本の対策", &r));
    CHECK(!drawn(&app, "更新には、")); /* the explanation waits to be asked for */
    /* Every answer button is large: a finger, not a mouse pointer. */
    for (int i = 0; i < 4; i++)
        CHECK(s.button[i].h >= h / 8 && s.button[i].w >= w / 3);

    /* The explanation on demand, and closed again. */
    CHECK(tap_text(&app, "説明を見る"));
    CHECK(selfcheck_view_state(&app, &s) && s.explain);
    CHECK(drawn(&app, "更新には、"));
    shot(&app, "explain");
    CHECK_INT(boxes_outside(&app), 0);
    CHECK(tap_text(&app, "説明を閉じる"));
    CHECK(selfcheck_view_state(&app, &s) && !s.explain);

    /* Answer: taps on the buttons and digit keys, back once and change it. */
    static const int plan[25] = {1, 1, 2, 3, 4, 1, 2, 2, 3, 1, 1, 2, 4,
                                 3, 2, 1, 1, 3, 2, 2, 3, 1, 4, 3, 2};
    for (int i = 0; i < 25; i++) {
        CHECK(selfcheck_view_state(&app, &s));
        CHECK_INT(s.at, i);
        if (i % 2)
            ui_dispatch(&app, &(ui_action){.kind = ACT_DIGIT, .x = plan[i]});
        else
            tap(&app, s.button[plan[i] - 1]);
        if (i == 10) { /* back to q11: its answer is still marked, then changed */
            ui_dispatch(&app, &(ui_action){.kind = ACT_BACK});
            CHECK(selfcheck_view_state(&app, &s));
            CHECK_INT(s.at, 10);
            CHECK_INT(s.answers[10], SC_DONE);
            tap(&app, s.button[plan[i] - 1]);
        }
    }
    CHECK(selfcheck_view_state(&app, &s));
    CHECK_INT(s.at, 25);
    CHECK(s.counted);
    CHECK_INT(s.score.nweak, 3);
    CHECK_INT(boxes_outside(&app), 0);

    /* The result names the three weakest areas, as the paper will. */
    const selfcheck *sc = &app.content->sc;
    for (int i = 0; i < 3; i++) {
        char step[160];
        snprintf(step, sizeof step, "%d. %s", i + 1, sc->areas[s.score.weak_area[i]].name);
        CHECK(find_text(&app, step, &r));
    }
    CHECK(find_text(&app, "5つの働きごとの達成度", &r));
    shot(&app, "result");

    /* Counted once: the same result drawn again adds nothing. */
    store *ndb = app.notes;
    CHECK(ndb != NULL);
    sccount_row rows[25];
    char err[256];
    long long before = ndb ? sccount_read(ndb, sc, rows, err, sizeof err) : -1;
    CHECK(before >= 1);
    ui_draw(&app);
    CHECK_INT(ndb ? sccount_read(ndb, sc, rows, err, sizeof err) : -1, before);

    /* The plan on paper from these answers names the three weakest areas. */
    char pdf[400], cmd[600];
    snprintf(pdf, sizeof pdf, "%s/plan-%d.pdf", dir, w);
    handout_ctx hc = {.font = font, .lang = LANG_JA, .book = &app.content->guide};
    CHECK(handout_selfcheck(&hc, sc, s.answers, &app.content->refs, pdf, err, sizeof err));
    snprintf(cmd, sizeof cmd, "pdftotext '%s' - 2>/dev/null", pdf);
    FILE *p = popen(cmd, "r");
    strbuf t;
    strbuf_init(&t);
    char buf[4096];
    size_t n;
    while (p && (n = fread(buf, 1, sizeof buf, p)) > 0)
        strbuf_add(&t, buf, n);
    if (p)
        pclose(p);
    for (int i = 0; i < 3; i++)
        CHECK(t.s && strstr(t.s, sc->areas[s.score.weak_area[i]].name));
    strbuf_fini(&t);

    /* The print button opens 印刷・保存 for the plan. */
    CHECK(tap_text(&app, "結果を印刷"));
    CHECK_STR(top_name(&app), "print");
    print_view_info pv = {0};
    for (int i = 0; i < 60000 && print_view_state(&app, &pv) && !pv.made && !pv.failed; i++) {
        ui_update(&app);
        ui_draw(&app);
        SDL_Delay(1);
    }
    CHECK(print_view_state(&app, &pv) && pv.made);
    CHECK_INT(pv.pages, 1); /* the plan on one page */
    ui_pop(&app);

    /* Start again: every answer gone, and a second visitor counts anew. */
    CHECK(tap_text(&app, "もう一度"));
    CHECK(selfcheck_view_state(&app, &s));
    CHECK_INT(s.at, 0);
    for (int i = 0; i < 25; i++)
        CHECK_INT(s.answers[i], SC_UNANSWERED);

    /* Half way, the visitor walks off: the kiosk goes home and the next
     * one starts from nothing, with nothing counted for the half. */
    for (int i = 0; i < 12; i++)
        ui_dispatch(&app, &(ui_action){.kind = ACT_DIGIT, .x = 1});
    app.kiosk = true;
    app.idle_ms = 180000;
    app.last_input = 1000;
    ui_idle(&app, 1000 + 180000);
    CHECK_STR(top_name(&app), "home");
    CHECK_INT(sccount_read(app.notes, sc, rows, err, sizeof err), before);
    CHECK(tap_text(&app, "セキュリティ自社診断"));
    CHECK(selfcheck_view_state(&app, &s));
    CHECK_INT(s.at, 0);
    CHECK_INT(s.answers[0], SC_UNANSWERED);
    /* Back from the first question is back home. */
    ui_dispatch(&app, &(ui_action){.kind = ACT_BACK});
    CHECK_STR(top_name(&app), "home");
    ui_fini(&app);
}

TEST(walk_800x480)
{
    walk(800, 480);
}

TEST(walk_1920x1080)
{
    walk(1920, 1080);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    char err[512];
    CHECK(src != NULL && mkdtemp(dir));
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    if (!src)
        return test_summary();
    snprintf(db, sizeof db, "%s/notes.db", dir);
    RUN(walk_800x480);
    RUN(walk_1920x1080);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return test_summary();
}
