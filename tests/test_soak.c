/*
 * A simulated day at the kiosk (tests/soak.h), short enough for `make
 * test`: random visitors and staff on a fake clock, headless.  Memory, the
 * texture cache and file descriptors stay flat after the first quarter;
 * LeakSanitizer (this build's ASan) checks nothing leaked at exit.
 * MG_SEED replays a run; MG_SOAK_HOURS makes the day longer (bench_soak
 * runs eight hours in `make bench`).
 */
#include "soak.h"

#include "../app/core/font.h"
#include "test.h"

static char font[4096];

TEST(a_day_at_the_kiosk)
{
    char dir[] = "/tmp/mgsoakXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    soak_private_home(dir);
    const char *h = getenv("MG_SOAK_HOURS");
    soak_cfg cfg = {.font = font, .content_dir = getenv("MG_SOURCE_DIR"), .dir = dir,
                    .w = 1280, .h = 720, .hours = h && *h ? atof(h) : 4.0,
                    .seed = test_seed("soak", 1), .log = stdout};
    soak_result r;
    soak_run(&cfg, &r);
    CHECK(r.ok);
    char why[256];
    bool flat = soak_flat(&r, why, sizeof why);
    if (!flat)
        fprintf(stderr, "not flat: %s\n", why);
    CHECK(flat);
    /* The day did happen: visitors, staff, the attract loop. */
    printf("%lu actions, %lu visitors, %lu staff sessions, %lu attract-loop frames\n", r.actions,
           r.visitors, r.staff_sessions, r.attract_frames);
    CHECK(r.visitors > 10);
    CHECK(r.staff_sessions > 0);
    CHECK(r.attract_frames > 100);
    soak_fini(&r);
    nftw(dir, soak_rm, 16, FTW_DEPTH | FTW_PHYS);
}

int main(void)
{
    const char *src = getenv("MG_SOURCE_DIR");
    char err[512];
    CHECK(src != NULL);
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    RUN(a_day_at_the_kiosk);
    return test_summary();
}
