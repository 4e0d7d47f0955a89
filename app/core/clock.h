/*
 * clock.h - the one clock: monotonic milliseconds (timers, deadlines,
 * animation: never jumps when the wall clock is set) and wall-clock
 * milliseconds since the epoch (what a note or a PDF is stamped with, the
 * time of day shown).
 *
 * A clock is two functions and a context, so tests put a fake one in and
 * drive time themselves.  clock_system() is the real one.
 *
 * Depends on: nothing (POSIX clock_gettime).
 */
#ifndef MG_CLOCK_H
#define MG_CLOCK_H

#include <stdint.h>

typedef struct mg_clock {
    int64_t (*mono_ms)(void *ctx); /* never goes back; the origin is arbitrary */
    int64_t (*wall_ms)(void *ctx); /* ms since 1970-01-01 UTC */
    void *ctx;
} mg_clock;

/* The system's clock (CLOCK_MONOTONIC, CLOCK_REALTIME). */
mg_clock clock_system(void);
/* Read a clock; a NULL clock or function reads the system's. */
int64_t clock_mono(const mg_clock *c);
int64_t clock_wall(const mg_clock *c);

#endif
