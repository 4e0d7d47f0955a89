/*
 * QR codes and web addresses laid out (core/qr): the boxes qr_lay makes,
 * painted into a grey image, are read back by a real decoder (zbarimg);
 * a web address stays whole on a line when it fits and is broken only
 * after '/' (never inside the host) when it does not.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../app/core/qr.h"
#include "../app/core/util.h"
#include "test.h"

/* Metrics of a monospace font: every byte size / 2 wide. */
static int m_width(void *ctx, const char *s, size_t n, int size, unsigned style)
{
    (void)ctx;
    (void)s;
    (void)style;
    return (int)n * size / 2;
}
static int m_ascent(void *ctx, int size)
{
    (void)ctx;
    return size * 8 / 10;
}
static int m_height(void *ctx, int size)
{
    (void)ctx;
    return size;
}
static const lay_metrics mono = {NULL, m_width, m_ascent, m_height, NULL};

/* The boxes of r painted black on white into a PGM file. */
static bool write_pgm(const char *path, const lay_result *r, int side)
{
    unsigned char *px = xmalloc((size_t)side * (size_t)side);
    memset(px, 255, (size_t)side * (size_t)side);
    for (size_t i = 0; i < r->n; i++) {
        const lay_item *it = &r->items[i];
        if (it->kind != LAY_RECT)
            continue;
        for (int y = it->y; y < it->y + it->h; y++)
            for (int x = it->x; x < it->x + it->w; x++)
                if (x >= 0 && y >= 0 && x < side && y < side)
                    px[(size_t)y * (size_t)side + (size_t)x] = 0;
    }
    FILE *f = fopen(path, "wb");
    bool ok = f && fprintf(f, "P5\n%d %d\n255\n", side, side) > 0 &&
              fwrite(px, 1, (size_t)side * (size_t)side, f) == (size_t)side * (size_t)side;
    if (f)
        ok = fclose(f) == 0 && ok;
    free(px);
    return ok;
}

TEST(a_decoder_reads_the_code_back)
{
    const char *url = "https://www.ipa.go.jp/security/support/soudan.html";
    lay_result r;
    lay_init(&r);
    int n = qr_modules(url);
    CHECK(n > 20);
    int used = qr_lay(&r, url, 20, 20, 400, LAY_C_TEXT);
    CHECK(used > 0 && used <= 400);
    CHECK_INT(used % n, 0); /* whole units a module */
    CHECK(r.n > 50);
    for (size_t i = 0; i < r.n; i++) /* inside the square, quiet zone kept */
        CHECK(r.items[i].x >= 20 + QR_QUIET && r.items[i].y >= 20 + QR_QUIET &&
              r.items[i].x + r.items[i].w <= 420 && r.items[i].y + r.items[i].h <= 420);
    char pgm[] = "/tmp/mgqrXXXXXX";
    int fd = mkstemp(pgm);
    CHECK(fd >= 0);
    if (fd >= 0)
        close(fd);
    CHECK(write_pgm(pgm, &r, 440));
    if (system("command -v zbarimg >/dev/null 2>&1") != 0) {
        TEST_SKIP("zbarimg (zbar-tools) is not installed; scripts/setup.sh test installs it");
    } else {
        char cmd[256], got[512] = "";
        snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s' 2>/dev/null", pgm);
        FILE *p = popen(cmd, "r");
        if (p && !fgets(got, sizeof got, p))
            got[0] = '\0';
        if (p)
            pclose(p);
        got[strcspn(got, "\n")] = '\0';
        CHECK_STR(got, url);
    }
    remove(pgm);
    lay_fini(&r);
    /* Nothing for nothing, or for a square too small for one unit a module. */
    lay_init(&r);
    CHECK_INT(qr_lay(&r, "", 0, 0, 400, LAY_C_TEXT), 0);
    CHECK_INT(qr_lay(&r, url, 0, 0, 10, LAY_C_TEXT), 0);
    CHECK_INT((int)r.n, 0);
    lay_fini(&r);
}

/* The text lines of r, joined with '|'. */
static char *lines_of(const lay_result *r)
{
    strbuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < r->n; i++)
        strbuf_printf(&b, "%s%.*s", i ? "|" : "", (int)r->items[i].len, r->items[i].text);
    return strbuf_take(&b);
}

TEST(web_addresses_break_only_after_a_slash)
{
    lay_ctx c = {&mono, lb_new()};
    lay_result r;
    const char *url = "https://www.keishicho.metro.tokyo.lg.jp/kurashi/cyber/";
    /* Fits: one line with its label. */
    lay_init(&r);
    CHECK(qr_lay_url(&r, &c, "Web", url, 0, 0, 1000 * 10, 10, 0, LAY_C_LINK) > 0);
    char *s = lines_of(&r);
    CHECK_STR(s, "Web https://www.keishicho.metro.tokyo.lg.jp/kurashi/cyber/");
    free(s);
    lay_fini(&r);
    /* 45 characters a line: the label alone, then the host whole, then the rest. */
    lay_init(&r);
    int h = qr_lay_url(&r, &c, "Web", url, 0, 0, 45 * 5, 10, 0, LAY_C_LINK);
    s = lines_of(&r);
    CHECK_STR(s, "Web|https://www.keishicho.metro.tokyo.lg.jp/|kurashi/cyber/");
    CHECK(r.n == 3 && r.items[0].y < r.items[1].y && r.items[1].y < r.items[2].y &&
          h >= r.items[2].y + r.items[2].h); /* three lines, one under the other */
    free(s);
    lay_fini(&r);
    /* 20 a line: the host is never cut; it is set smaller to fit instead. */
    lay_init(&r);
    qr_lay_url(&r, &c, NULL, url, 0, 0, 20 * 5, 10, 0, LAY_C_LINK);
    s = lines_of(&r);
    CHECK_STR(s, "https://www.keishicho.metro.tokyo.lg.jp/|kurashi/cyber/");
    CHECK(r.n == 2 && r.items[0].size < 10 && r.items[0].w <= 100 && r.items[1].size == 10);
    free(s);
    lay_fini(&r);
    lb_free(c.lb);
}

int main(void)
{
    RUN(a_decoder_reads_the_code_back);
    RUN(web_addresses_break_only_after_a_slash);
    return test_summary();
}
