/*
 * bench_slides - presenting: time to the first slide on screen, and the
 * cost of one slide change when the next slide was pre-rendered in idle
 * time (what the presenter and kiosk do), against one rendered on demand.
 * Headless at 1920x1080 with the software renderer; run under callgrind
 * with --toggle-collect=slide_change (run.sh does) for instructions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "../../app/core/content.h"
#include "../../app/core/font.h"
#include "../../app/screen/slides.h"
#include "../../app/screen/views.h"

__attribute__((noinline)) void slide_change(ui_app *app);
__attribute__((noinline)) void slide_change_cold(ui_app *app);

/* Next slide, drawn: one texture copy when it was pre-rendered. */
void slide_change(ui_app *app)
{
    ui_dispatch(app, &(ui_action){.kind = ACT_NEXT});
    ui_draw(app);
}

/* The same without pre-rendering: the slide is laid out and painted. */
void slide_change_cold(ui_app *app)
{
    ui_dispatch(app, &(ui_action){.kind = ACT_NEXT});
    ui_draw(app);
}

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "slides/society5.md";
    double t0 = now_ms();
    char font[4096], err[512];
    if (!font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    ui_config cfg = {.w = 1920, .h = 1080, .headless = true, .font = font, .root = &home_view};
    ui_app app;
    if (!ui_init(&app, &cfg, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    deck *k = deck_load(path, NULL);
    if (!k) {
        fprintf(stderr, "cannot read %s\n", path);
        return 1;
    }
    ui_push(&app, &audience_view, DECK_AT(ui_add_deck(&app, k)));
    ui_draw(&app);
    double t1 = now_ms();
    printf("first slide of %s (%zu slides) drawn at 1920x1080: %.1f ms after start\n", path, k->n,
           t1 - t0);

    /* Warm: the next slide pre-rendered as in idle time, then change. */
    const ui_view_ops *ops = app.ops[app.depth - 1];
    double warm_total = 0, cold_total = 0;
    int changes = 0;
    while (1) {
        slides_info s;
        slides_state(&app, &s);
        if (s.cur + 2 >= s.n)
            break;
        while (ops->idle(app.views[app.depth - 1], &app))
            ;
        double a = now_ms();
        slide_change(&app);
        double b = now_ms();
        slide_change_cold(&app); /* this one was not pre-rendered */
        double c = now_ms();
        warm_total += b - a;
        cold_total += c - b;
        changes++;
    }
    printf("slide change with the next slide pre-rendered: %.2f ms on average; rendered on "
           "demand: %.2f ms (%d changes each)\n",
           warm_total / changes, cold_total / changes, changes);
    printf("BENCH slide_change %.3f ms\nBENCH slide_change_on_demand %.3f ms\n",
           warm_total / changes, cold_total / changes);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("peak RSS %.1f MB\n", ru.ru_maxrss / 1024.0);
    ui_fini(&app);
    return 0;
}
