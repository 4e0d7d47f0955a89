/*
 * bench_typing - typing into a 2,000-character consultation note: one
 * keystroke (a character committed by the input method, then the frame
 * drawn) in the note editor, headless.  Run under callgrind with
 * --toggle-collect=keystroke (run.sh does) to count instructions per
 * keystroke; alone it prints the wall time of one.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "../../app/core/content.h"
#include "../../app/core/font.h"
#include "../../app/screen/staff.h"
#include "../../app/screen/ui.h"
#include "../../app/screen/views.h"

#define KEYS 50

/* Not static and not inlined, so callgrind can find it by name. */
__attribute__((noinline)) void keystroke(ui_app *app);

void keystroke(ui_app *app)
{
    ui_dispatch(app, &(ui_action){.kind = ACT_TEXT, .text = "あ"});
    ui_draw(app);
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
    char db[] = "/tmp/mgtypingXXXXXX";
    int fd = mkstemp(db);
    if (fd >= 0)
        close(fd);
    unlink(db);
    char *dir = content_find_dir(NULL);
    ui_config cfg = {.w = 1280, .h = 720, .headless = true, .font = font, .content_dir = dir,
                     .db = db, .root = &home_view};
    ui_app app;
    if (!ui_init(&app, &cfg, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    app.staff = true;
    ui_push(&app, &editor_view, NOTE_ID(NULL));
    /* The question so far: 2,000 characters of Japanese with a few breaks. */
    /* With MG_BENCH_SUGGEST=1 the note starts with a real question and the
     * assistant's panel is shown (its update step run once, before the
     * keystrokes): the keystrokes then also draw the panel. */
    bool panel = getenv("MG_BENCH_SUGGEST") != NULL;
    if (panel)
        ui_dispatch(&app, &(ui_action){.kind = ACT_TEXT, .text = "ランサムウェアで身代金を要求された。"});
    strbuf q;
    strbuf_init(&q);
    for (int i = 0; i < 2000; i++)
        strbuf_adds(&q, i % 80 == 79 ? "\n" : "相");
    ui_dispatch(&app, &(ui_action){.kind = ACT_TEXT, .text = q.s});
    if (panel) { /* typing pauses: the suggestions, in the update step */
        SDL_Delay(450);
        ui_update(&app);
        editor_info ei;
        if (!editor_state(&app, &ei) || ei.nsug == 0) {
            fprintf(stderr, "bench_typing: no suggestions shown\n");
            return 1;
        }
    }
    ui_draw(&app);
    double t0 = now_ms();
    for (int i = 0; i < KEYS; i++)
        keystroke(&app);
    double t1 = now_ms();
    printf("typing into a 2,000-character note%s: %.2f ms a keystroke (%d keystrokes, each drawn)\n",
           panel ? " with the suggestions shown" : "", (t1 - t0) / KEYS, KEYS);
    strbuf_fini(&q);
    ui_fini(&app);
    free(dir);
    unlink(db);
    return 0;
}
