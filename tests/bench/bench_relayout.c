/*
 * bench_relayout - one re-layout, as on a resize: the home screen and the
 * longest guidebook chapter laid out again at a new width with the real
 * SDL_ttf metrics.  Run under callgrind with --toggle-collect=relayout_once
 * (run.sh does) to count its instructions; alone it prints wall times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "../../app/core/content.h"
#include "../../app/core/font.h"
#include "../../app/screen/ui.h"
#include "../../app/screen/views.h"

/* Not static and not inlined, so callgrind can find them by name. */
__attribute__((noinline)) void relayout_once(ui_app *app, int w, int h);
__attribute__((noinline)) void relayout_cold(ui_app *app, int w, int h);
__attribute__((noinline)) void relayout_warm(ui_app *app, int w, int h);

void relayout_once(ui_app *app, int w, int h)
{
    app->w = w;
    app->h = h;
    float sx = w / 1280.0f, sy = h / 720.0f;
    app->scale = sx < sy ? sx : sy;
    for (int i = 0; i < app->depth; i++)
        app->ops[i]->resize(app->views[i], app);
}

/* To a size never shown before: every glyph's advance is new to FreeType. */
void relayout_cold(ui_app *app, int w, int h)
{
    relayout_once(app, w, h);
}

/* Back to a size already shown: advances come from the width cache. */
void relayout_warm(ui_app *app, int w, int h)
{
    relayout_once(app, w, h);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(void)
{
    char font[4096], err[512];
    if (!font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    char *dir = content_find_dir(NULL);
    ui_config cfg = {.w = 1280, .h = 720, .headless = true, .font = font, .content_dir = dir, .root = &home_view};
    ui_app app;
    if (!ui_init(&app, &cfg, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    /* The longest chapter, by source characters laid out. */
    size_t best = 0, best_len = 0;
    for (size_t i = 0; i < app.content->guide.n; i++) {
        size_t n;
        char *text = read_file(app.content->guide.ch[i].path, &n);
        if (text && n > best_len) {
            best_len = n;
            best = i;
        }
        free(text);
    }
    ui_push(&app, &guide_view, GUIDE_AT((int)best));
    ui_draw(&app); /* warm: glyph metrics cached, as in a running kiosk */
    relayout_once(&app, 1280, 720);
    double t0 = now_ms();
    relayout_cold(&app, 1920, 1080);
    double t1 = now_ms();
    relayout_warm(&app, 1280, 720);
    double t2 = now_ms();
    printf("re-layout of home + chapter %zu (%zu bytes): to a new size (1920x1080) %.2f ms, "
           "back to a size already shown (1280x720) %.2f ms\n",
           best + 1, best_len, t1 - t0, t2 - t1);
    printf("BENCH relayout_cold %.2f ms\nBENCH relayout_warm %.2f ms\n", t1 - t0, t2 - t1);
    ui_fini(&app);
    free(dir);
    return 0;
}
