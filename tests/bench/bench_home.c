/*
 * bench_home - time to first frame of the home screen, and peak memory.
 *
 * Part 1 runs `madoguchi screenshot home` as a user would, N times, and
 * reports the median wall time and the peak resident memory of the child
 * (from wait4).  Part 2 does the same steps in-process and splits the time
 * into font lookup, start-up (SDL, fonts, content) and the first frame.
 * Figures only: nothing here asserts a time.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../../app/core/content.h"
#include "../../app/core/font.h"
#include "../../app/screen/ui.h"
#include "../../app/screen/views.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: bench_home MADOGUCHI_BINARY [RUNS [ARGS...]]\n");
        return 2;
    }
    int runs = argc > 2 ? atoi(argv[2]) : 15;
    /* Other arguments: the view to render instead of the home screen. */
    char *def[] = {argv[1], "screenshot", "home", "--size", "1280x720", "-o",
                   "/tmp/bench-home.png", NULL};
    char **args = def;
    char *given[32] = {argv[1]};
    if (argc > 3) {
        for (int i = 3; i < argc && i - 2 < 31; i++)
            given[i - 2] = argv[i];
        args = given;
    }
    double *t = calloc((size_t)runs, sizeof(double));
    long max_rss = 0;
    for (int i = 0; i < runs; i++) {
        double t0 = now_ms();
        pid_t pid = fork();
        if (pid == 0) {
            int devnull = open("/dev/null", O_WRONLY);
            dup2(devnull, 1);
            execv(argv[1], args);
            _exit(127);
        }
        int st;
        struct rusage ru;
        wait4(pid, &st, 0, &ru);
        t[i] = now_ms() - t0;
        if (ru.ru_maxrss > max_rss)
            max_rss = ru.ru_maxrss;
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0) {
            fprintf(stderr, "madoguchi failed\n");
            return 1;
        }
    }
    qsort(t, (size_t)runs, sizeof(double), cmp_d);
    printf("%s %s %s (whole process, %d runs): median %.1f ms, min %.1f ms, peak RSS %.1f MB\n",
           args[1], args[2], args[3], runs, t[runs / 2], t[0], max_rss / 1024.0);
    if (argc > 3)
        return 0; /* the in-process split is for the home screen */

    /* In-process split of the same work. */
    double t0 = now_ms();
    char font[4096], err[512];
    if (!font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    double t1 = now_ms();
    char *dir = content_find_dir(NULL);
    ui_config cfg = {.w = 1280, .h = 720, .headless = true, .font = font, .content_dir = dir, .root = &home_view};
    ui_app app;
    if (!ui_init(&app, &cfg, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    double t2 = now_ms();
    ui_draw(&app);
    double t3 = now_ms();
    ui_draw(&app);
    double t4 = now_ms();
    struct rusage self;
    getrusage(RUSAGE_SELF, &self);
    printf("in-process: font lookup %.1f ms, start-up (SDL, font, 8 chapters) %.1f ms, "
           "first frame %.1f ms; time to first frame %.1f ms; an unchanged frame %.2f ms\n",
           t1 - t0, t2 - t1, t3 - t2, t3 - t0, t4 - t3);
    printf("in-process peak RSS %.1f MB\n", self.ru_maxrss / 1024.0);
    ui_fini(&app);
    free(dir);
    free(t);
    return 0;
}
