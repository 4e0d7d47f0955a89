/*
 * bench_soak - a simulated day of visitors and staff at a headless kiosk
 * at 1920x1080 (tests/soak.h): the memory curve a quarter hour apart, and
 * the figures for the report (peak and private memory, growth).  Usage:
 * bench_soak [HOURS [SEED]] (8 and 1 by default).  test_soak runs a
 * shorter day under LeakSanitizer in `make test`.
 */
#include "../soak.h"

#include "../../app/core/font.h"

int main(int argc, char **argv)
{
    char font[4096], err[512];
    if (!font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    char dir[] = "/tmp/mgsoakXXXXXX";
    if (!mkdtemp(dir))
        return 1;
    soak_private_home(dir);
    const char *src = getenv("MG_SOURCE_DIR");
    char *cdir = src ? NULL : content_find_dir(NULL);
    soak_cfg cfg = {.font = font, .content_dir = src ? src : cdir, .dir = dir, .w = 1920,
                    .h = 1080, .hours = argc > 1 ? atof(argv[1]) : 8.0,
                    .seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 1, .log = stdout};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    soak_result r;
    soak_run(&cfg, &r);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (!r.ok)
        return 1;
    char why[256];
    bool flat = soak_flat(&r, why, sizeof why);
    long peak_priv = 0, peak_rss = 0;
    for (size_t i = 0; i < r.n; i++) {
        peak_priv = MG_MAX(peak_priv, r.s[i].private_kib);
        peak_rss = MG_MAX(peak_rss, r.s[i].rss_kib);
    }
    const soak_sample *a = &r.s[r.n / 4], *z = &r.s[r.n - 1];
    printf("soak: %.1f simulated hours in %.0f s: %lu actions, %lu visitors, %lu staff sessions, "
           "%lu attract-loop frames; %s%s\n",
           cfg.hours, (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9, r.actions,
           r.visitors, r.staff_sessions, r.attract_frames, flat ? "flat" : "NOT FLAT: ", why);
    printf("BENCH soak_%gh_peak_RSS_1920x1080 %.1f MiB\n", cfg.hours, peak_rss / 1024.0);
    printf("BENCH soak_%gh_peak_private_1920x1080 %.1f MiB\n", cfg.hours, peak_priv / 1024.0);
    printf("BENCH soak_heap_growth_after_the_first_quarter %.3f MiB\n",
           ((double)z->heap - (double)a->heap) / 1048576.0);
    printf("BENCH soak_fd_growth_after_the_first_quarter %d fds\n", z->fds - a->fds);
    printf("BENCH soak_texture_growth_after_the_first_quarter %ld textures\n",
           (long)z->textures - (long)a->textures);
    size_t text_max = 0;
    for (size_t i = 0; i < r.n; i++)
        text_max = MG_MAX(text_max, r.s[i].text_bytes);
    printf("BENCH soak_text_textures_at_most %.1f MiB\n", text_max / 1048576.0);
    soak_fini(&r);
    nftw(dir, soak_rm, 16, FTW_DEPTH | FTW_PHYS);
    free(cdir);
    return flat ? 0 : 1;
}
