/*
 * clock.c - the system clock and reading a clock (see clock.h).
 */
#include "clock.h"

#include <stddef.h>
#include <time.h>

static int64_t read_ms(clockid_t id)
{
    struct timespec ts;
    if (clock_gettime(id, &ts) != 0)
        return 0;
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int64_t sys_mono(void *ctx)
{
    (void)ctx;
    return read_ms(CLOCK_MONOTONIC);
}

static int64_t sys_wall(void *ctx)
{
    (void)ctx;
    return read_ms(CLOCK_REALTIME);
}

mg_clock clock_system(void)
{
    return (mg_clock){.mono_ms = sys_mono, .wall_ms = sys_wall, .ctx = NULL};
}

int64_t clock_mono(const mg_clock *c)
{
    return c && c->mono_ms ? c->mono_ms(c->ctx) : sys_mono(NULL);
}

int64_t clock_wall(const mg_clock *c)
{
    return c && c->wall_ms ? c->wall_ms(c->ctx) : sys_wall(NULL);
}
