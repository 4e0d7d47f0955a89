/*
 * health.c - the start and exit lines of the kiosk's log (see health.h).
 */
#include "health.h"

#include <signal.h>
#include <stdlib.h>
#include <string.h>

/* The number after key in a /proc file of "Key:   123 kB" lines, or -1. */
static long proc_kib(const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256];
    long v = -1;
    size_t n = strlen(key);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':') {
            v = strtol(line + n + 1, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

health_mem health_memory(void)
{
    return (health_mem){proc_kib("/proc/self/status", "VmRSS"),
                        proc_kib("/proc/self/status", "VmHWM"),
                        proc_kib("/proc/self/smaps_rollup", "Private_Dirty")};
}

void health_start(ui_app *app, long startup_ms, const char *kiosk_id, FILE *log)
{
    const content *c = app->content;
    SDL_RendererInfo ri = {0};
    if (app->ren)
        SDL_GetRendererInfo(app->ren, &ri);
    int display = app->win ? SDL_GetWindowDisplayIndex(app->win) : -1;
    const char *driver = app->win ? SDL_GetCurrentVideoDriver() : "headless";
    health_mem m = health_memory();
    fprintf(log, "madoguchi: ");
    fprintf(log, msg_get(app->lang, MSG_LOG_HEALTH), startup_ms, (int)app->ndecks, (int)c->guide.n,
            (int)c->refs.n, display, app->w, app->h, driver ? driver : "?",
            ri.name ? ri.name : "?", m.rss_kib, m.private_kib,
            kiosk_id && *kiosk_id ? kiosk_id : "-", app->kiosk ? "kiosk" : "window");
    fputc('\n', log);
    fflush(log);
}

void health_stop(ui_app *app, long uptime_ms, FILE *log)
{
    health_mem m = health_memory();
    int sig = ui_last_signal();
    const char *why = app->quit_by_staff     ? msg_get(app->lang, MSG_LOG_WHY_STAFF)
                      : !app->quit_by_system ? msg_get(app->lang, MSG_LOG_WHY_QUIT)
                      : sig == SIGHUP        ? "SIGHUP"
                                             : msg_get(app->lang, MSG_LOG_WHY_SYSTEM);
    fprintf(log, "madoguchi: ");
    fprintf(log, msg_get(app->lang, MSG_LOG_STOPPED), why, uptime_ms / 1000, m.peak_kib,
            m.private_kib);
    fputc('\n', log);
    fflush(log);
}
