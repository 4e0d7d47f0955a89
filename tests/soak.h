/*
 * soak.h - a simulated day at the kiosk, shared by test_soak (a short day
 * under ASan/LSan in `make test`) and bench_soak (eight hours in `make
 * bench`).
 *
 * A headless kiosk (kiosk mode, idle reset, attract loop, staff mode wired
 * as main.c does) on a fake clock is driven by random visitors (taps
 * anywhere, keys, scrolling, search words typed, text size) and now and
 * then a member of staff (the hidden entry, the PIN, a note typed), with
 * pauses long enough for the idle reset and the attract loop.  About every
 * simulated quarter hour, just back home (the idle reset, or a touch that
 * ends the attract loop), it samples
 * the heap in use, resident and private memory, the texture cache and the
 * open file descriptors.
 *
 * soak_run(cfg, out): the caller owns out and frees it with soak_fini.
 * Include it first (it asks for _GNU_SOURCE).
 */
#ifndef MG_SOAK_H
#define MG_SOAK_H

#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* nftw; include this header first */
#endif

#include <dirent.h>
#include <limits.h>
#include <ftw.h>
#include <malloc.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../app/core/notes.h"
#include "../app/core/pin.h"
#include "../app/screen/attract.h"
#include "../app/screen/health.h"
#include "../app/screen/staff.h"
#include "../app/screen/ui.h"
#include "../app/screen/views.h"

#if defined(__SANITIZE_ADDRESS__)
#define SOAK_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SOAK_ASAN 1
#endif
#endif
#ifdef SOAK_ASAN
/* <sanitizer/allocator_interface.h>, which gcc's packages do not ship. */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

typedef struct soak_sample {
    double hour;       /* simulated hours since the start */
    size_t heap;       /* bytes of heap in use (the allocator's count) */
    long rss_kib, private_kib;
    size_t textures;   /* textures in the text cache */
    size_t text_bytes, image_bytes; /* the text and picture caches (bounded) */
    int fds;           /* open file descriptors */
} soak_sample;

typedef struct soak_cfg {
    const char *font, *content_dir, *dir; /* dir: a scratch folder (the notes database) */
    int w, h;
    double hours;        /* simulated time */
    unsigned long long seed;
    FILE *log;           /* one line a sample, or NULL */
} soak_cfg;

typedef struct soak_result {
    soak_sample *s;
    size_t n, cap;
    unsigned long actions, visitors, staff_sessions, notes_saved, attract_frames, resets;
    bool ok;             /* the kiosk opened */
    Uint32 start, next_sample; /* fake ms: the day's start, the next sample due */
    FILE *log;
} soak_result;

static uint64_t soak_rng;
static inline uint32_t soak_rand(void)
{
    soak_rng ^= soak_rng << 13;
    soak_rng ^= soak_rng >> 7;
    soak_rng ^= soak_rng << 17;
    return (uint32_t)(soak_rng >> 11);
}
static inline uint32_t soak_pick(uint32_t n)
{
    return n ? soak_rand() % n : 0;
}

static Uint32 soak_now;
static inline int64_t soak_mono(void *ctx)
{
    return *(Uint32 *)ctx;
}
static inline int64_t soak_wall(void *ctx)
{
    return INT64_C(1780000000000) + *(Uint32 *)ctx;
}

static inline size_t soak_heap(void)
{
#ifdef SOAK_ASAN
    return __sanitizer_get_current_allocated_bytes();
#else
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
#endif
}

static inline int soak_fds(void)
{
    DIR *d = opendir("/proc/self/fd");
    int n = 0;
    if (!d)
        return -1;
    while (readdir(d))
        n++;
    closedir(d);
    return n - 3; /* ., .. and the DIR's own */
}

static inline void soak_sample_now(ui_app *app, soak_result *r, double hour, FILE *log)
{
    if (r->n == r->cap) {
        r->cap = r->cap ? r->cap * 2 : 64;
        r->s = realloc(r->s, r->cap * sizeof *r->s);
        if (!r->s)
            abort();
    }
    health_mem m = health_memory();
    txt_stats st = txt_get_stats(app->txt);
    soak_sample *s = &r->s[r->n++];
    *s = (soak_sample){.hour = hour, .heap = soak_heap(), .rss_kib = m.rss_kib,
                       .private_kib = m.private_kib, .textures = st.cached,
                       .text_bytes = st.text_bytes, .image_bytes = st.image_bytes,
                       .fds = soak_fds()};
    if (log)
        fprintf(log,
                "soak %5.2f h: heap %6.2f MiB (%6.2f MiB of it text textures, %5.2f pictures), "
                "RSS %6.1f MiB, private %6.1f MiB, %4zu textures, %d fds, %lu actions\n",
                hour, s->heap / 1048576.0, s->text_bytes / 1048576.0,
                s->image_bytes / 1048576.0, s->rss_kib / 1024.0, s->private_kib / 1024.0,
                s->textures, s->fds, r->actions);
}

/* One turn of the loop at the fake time; the clock then moves by what the
 * loop asks for (at most max_ms). */
static inline void soak_turn(ui_app *app, soak_result *r, Uint32 max_ms)
{
    int depth = app->depth;
    int wait = ui_turn(app, 0);
    /* Samples when the kiosk has just come back home (the idle reset, or
     * a touch ending the attract loop), the first time each quarter hour:
     * the same state every time, so what grows between them is what the
     * kiosk kept. */
    if (depth > 1 && app->depth == 1 && (int32_t)(soak_now - r->next_sample) >= 0) {
        soak_sample_now(app, r, (soak_now - r->start) / 3600e3, r->log);
        r->next_sample = soak_now + 15 * 60 * 1000;
    }
    Uint32 step = wait < 0 || (Uint32)wait > max_ms ? max_ms : (Uint32)wait;
    soak_now += step ? step : 1;
    app->quit = false; /* a staff quit: the soak goes on (the kiosk restarts) */
}

/* Let simulated time pass with nobody there, as the real loop would. */
static inline void soak_wait(ui_app *app, soak_result *r, Uint32 ms)
{
    Uint32 end = soak_now + ms;
    while ((int32_t)(end - soak_now) > 0) {
        bool rest = ui_top(app) && ui_top(app)->at_rest;
        soak_turn(app, r, end - soak_now);
        r->attract_frames += rest;
    }
}

static inline void soak_act(ui_app *app, soak_result *r, ui_action a)
{
    app->last_input = soak_now;
    int depth = app->depth;
    ui_dispatch(app, &a);
    r->actions++;
    if (depth > 1 && app->depth == 1 && (int32_t)(soak_now - r->next_sample) >= 0) {
        soak_sample_now(app, r, (soak_now - r->start) / 3600e3, r->log);
        r->next_sample = soak_now + 15 * 60 * 1000;
    }
    soak_turn(app, r, 0);
}

static const char *const soak_words[] = {"ランサムウェア", "パスワード", "詐欺", "USB", "鍵",
                                         "メール", "ウイルス", "相談", "abc", "バックアップ"};

/* A visitor: a few dozen actions a second or so apart. */
static inline void soak_visitor(ui_app *app, soak_result *r, int w, int h)
{
    int n = 5 + (int)soak_pick(40);
    for (int i = 0; i < n; i++) {
        ui_action a = {0};
        switch (soak_pick(16)) {
        case 0: case 1: case 2: case 3: case 4: case 5:
            a = (ui_action){.kind = ACT_TAP, .x = (int)soak_pick((uint32_t)w),
                            .y = (int)soak_pick((uint32_t)h)};
            break;
        case 6: a.kind = ACT_NEXT; break;
        case 7: a.kind = ACT_PREV; break;
        case 8: a.kind = ACT_PAGE_DOWN; break;
        case 9: a = (ui_action){.kind = ACT_SCROLL, .dy = (int)soak_pick(600) - 300}; break;
        case 10: a.kind = soak_pick(2) ? ACT_ZOOM_IN : ACT_ZOOM_OUT; break;
        case 11: a = (ui_action){.kind = ACT_TEXT, .text = soak_words[soak_pick(10)]}; break;
        case 12: a.kind = ACT_ERASE; break;
        case 13: a.kind = ACT_SELECT; break;
        case 14: a.kind = ACT_DOWN; break;
        default: a.kind = ACT_BACK; break;
        }
        soak_act(app, r, a);
        soak_wait(app, r, 300 + soak_pick(4000));
    }
    r->visitors++;
}

/* Staff: the hidden entry, the PIN, a note typed and saved (Ctrl+S is not
 * an action: the editor saves as it goes), a look at the list, Back. */
static inline void soak_staff(ui_app *app, soak_result *r, int w, int h)
{
    soak_act(app, r, (ui_action){.kind = ACT_STAFF});
    for (const char *d = "246813"; *d; d++)
        soak_act(app, r, (ui_action){.kind = ACT_DIGIT, .x = *d - '0'});
    soak_act(app, r, (ui_action){.kind = ACT_SELECT});
    if (!app->staff)
        return;
    r->staff_sessions++;
    int n = 5 + (int)soak_pick(20);
    for (int i = 0; i < n; i++) {
        ui_action a = {0};
        switch (soak_pick(8)) {
        case 0: case 1: case 2:
            a = (ui_action){.kind = ACT_TAP, .x = (int)soak_pick((uint32_t)w),
                            .y = (int)soak_pick((uint32_t)h)};
            break;
        case 3: case 4: a = (ui_action){.kind = ACT_TEXT, .text = soak_words[soak_pick(10)]}; break;
        case 5: a.kind = ACT_FOCUS_NEXT; break;
        case 6: a.kind = ACT_DOWN; break;
        default: a.kind = ACT_BACK; break;
        }
        soak_act(app, r, a);
        soak_wait(app, r, 500 + soak_pick(3000));
    }
}

static inline int soak_rm(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb;
    (void)flag;
    (void)ftw;
    return remove(p);
}

/* Point HOME and the XDG folders into dir, so anything the views write
 * (the cache, a PDF, settings) stays in the scratch folder. */
static inline void soak_private_home(const char *dir)
{
    static const char *const vars[] = {"HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                       "XDG_STATE_HOME", "XDG_CACHE_HOME"};
    char sub[4200];
    for (size_t i = 0; i < MG_ARRAY_LEN(vars); i++) {
        snprintf(sub, sizeof sub, "%s/%s", dir, vars[i]);
        setenv(vars[i], sub, 1);
    }
}

static inline void soak_fini(soak_result *r)
{
    free(r->s);
    memset(r, 0, sizeof *r);
}

static inline void soak_run(const soak_cfg *cfg, soak_result *r)
{
    memset(r, 0, sizeof *r);
    soak_rng = cfg->seed * 0x9E3779B97F4A7C15u | 1;
    soak_now = 5000;
    char db[4096], err[512];
    snprintf(db, sizeof db, "%s/notes.db", cfg->dir);
    store *s = store_open(db, err, sizeof err);
    if (!s || !pin_set(s, "246813", err, sizeof err)) {
        fprintf(stderr, "soak: %s\n", err);
        store_close(s);
        return;
    }
    store_close(s);
    ui_config uc = {.w = cfg->w, .h = cfg->h, .headless = true, .lang = LANG_JA,
                    .font = cfg->font, .content_dir = cfg->content_dir, .db = db,
                    .root = &home_view};
    ui_app app;
    if (!ui_init(&app, &uc, err, sizeof err)) {
        fprintf(stderr, "soak: ui_init: %s\n", err);
        ui_fini(&app);
        return;
    }
    /* As main.c wires a kiosk: kiosk mode, staff mode, the attract loop. */
    app.kiosk = true;
    app.clock = (mg_clock){.mono_ms = soak_mono, .wall_ms = soak_wall, .ctx = &soak_now};
    app.last_input = soak_now;
    app.idle_ms = 90000;
    app.attract_ms = 180000;
    staff_install(&app);
    attract_install(&app);
    r->ok = true;

    Uint32 start = soak_now;
    r->start = r->next_sample = soak_now;
    r->log = cfg->log;
    unsigned long session = 0;
    double total_ms = cfg->hours * 3600e3;
    while ((double)(soak_now - start) < total_ms) {
        if (++session % 8 == 3) /* every eighth comer is staff */
            soak_staff(&app, r, cfg->w, cfg->h);
        else
            soak_visitor(&app, r, cfg->w, cfg->h);
        /* The visitor leaves: a short pause, or long enough for the idle
         * reset (90 s) and the attract loop (3 min), sometimes 20 min. */
        Uint32 gap = soak_pick(3) == 0 ? 20000 + soak_pick(60000)
                                        : 95000 + soak_pick(20 * 60 * 1000);
        soak_wait(&app, r, gap);
        r->resets += app.depth == 1 || (ui_top(&app) && ui_top(&app)->at_rest);
    }
    ui_fini(&app);
}

/* The caches' bounds (text.c: TEX_BYTE_BUDGET, IMG_BUDGET) with room for
 * the one screen drawn over them. */
#define SOAK_TEXT_BOUND ((size_t)16 << 20)
#define SOAK_IMAGE_BOUND ((size_t)64 << 20)

/* The verdict on a day.  The caches (text textures, pictures, a slide)
 * fill and empty as visitors come and go, so single samples swing by
 * megabytes; they must stay within their bounds, and what a leak moves is
 * the floor of the rest.  After the first quarter of the day, the lowest
 * heap (less the text and picture caches) of the last half stays within a
 * margin of the lowest of the first half, and no sample of the last half
 * has more file descriptors than the first half had.  Writes what grew to
 * why (empty when all is well); returns true when flat. */
static inline bool soak_flat(const soak_result *r, char *why, size_t whysize)
{
    why[0] = '\0';
    if (r->n < 8) {
        snprintf(why, whysize, "only %zu samples", r->n);
        return false;
    }
    size_t warm = r->n / 4, mid = warm + (r->n - warm) / 2;
    size_t heap_a = SIZE_MAX, heap_b = SIZE_MAX, text_max = 0, image_max = 0;
    long priv_a = LONG_MAX, priv_b = LONG_MAX;
    int fd0 = 0, fd_max = 0;
    for (size_t i = 0; i < r->n; i++) {
        const soak_sample *x = &r->s[i];
        text_max = MG_MAX(text_max, x->text_bytes);
        image_max = MG_MAX(image_max, x->image_bytes);
        /* Files opened on first use (the search index, the notes) raise
         * the count once; a leak raises it again in the last half. */
        bool late = i >= mid;
        if (late)
            fd_max = MG_MAX(fd_max, x->fds);
        else
            fd0 = MG_MAX(fd0, x->fds);
        if (i < warm)
            continue;
        size_t rest = x->heap - MG_MIN(x->heap, x->text_bytes + x->image_bytes);
        size_t *heap = late ? &heap_b : &heap_a;
        long *priv = late ? &priv_b : &priv_a;
        *heap = MG_MIN(*heap, rest);
        *priv = MG_MIN(*priv, x->private_kib);
    }
    size_t len = 0;
    if (heap_b > heap_a + MG_MAX((size_t)1 << 20, heap_a / 20))
        len += (size_t)snprintf(why + len, whysize - len,
                                "heap floor (less the caches) %.2f -> %.2f MiB; ",
                                heap_a / 1048576.0, heap_b / 1048576.0);
    /* Private memory is printed, not judged: glibc keeps freed pages, so
     * it follows the busiest visitor so far, not what the kiosk holds. */
    (void)priv_a;
    (void)priv_b;
    if (len < whysize && (text_max > SOAK_TEXT_BOUND || image_max > SOAK_IMAGE_BOUND))
        len += (size_t)snprintf(why + len, whysize - len,
                                "caches past their bounds: text %.1f MiB, pictures %.1f MiB; ",
                                text_max / 1048576.0, image_max / 1048576.0);
    if (len < whysize && fd_max > fd0)
        snprintf(why + len, whysize - len, "file descriptors %d -> %d; ", fd0, fd_max);
    return why[0] == '\0';
}

#endif
