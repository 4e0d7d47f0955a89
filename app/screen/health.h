/*
 * health.h - the kiosk's health in its log (stderr: the journal under
 * systemd), never on the visitor's screen: one line at start (how long it
 * took, what content loaded, the display and renderer, memory) and one at
 * exit (why, after how long, peak memory).
 *
 * Depends on: ui, core/content.
 */
#ifndef MG_HEALTH_H
#define MG_HEALTH_H

#include <stdio.h>

#include "ui.h"

/* Memory of this process in KiB from /proc/self: resident now, its peak,
 * and private dirty pages (smaps_rollup); -1 for what cannot be read. */
typedef struct health_mem {
    long rss_kib, peak_kib, private_kib;
} health_mem;
health_mem health_memory(void);

/* The start line: startup_ms since main began; kiosk_id names this kiosk
 * (NULL: the notes database's id is not opened for it, so none). */
void health_start(ui_app *app, long startup_ms, const char *kiosk_id, FILE *log);
/* The exit line: why (the system's signal, or a quit), uptime_ms. */
void health_stop(ui_app *app, long uptime_ms, FILE *log);

#endif
