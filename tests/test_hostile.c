/*
 * Hostile and broken files, tried as an attacker would (issue 15, item 6),
 * and the small crashes found with them: each case runs in a forked child
 * with a bound on time and memory (bounded.h), so a hang or a blow-up
 * fails the test instead of taking the machine down.
 */
#define _GNU_SOURCE /* memmem */
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../app/core/font.h"
#include "../app/core/util.h"
#include "../app/paper/pdf.h"
#include "../app/screen/textfield.h"
#include "bounded.h"
#include "test.h"

static const char *src;
static char dir[] = "/tmp/mghostileXXXXXX";
static char font[4096];

static int tf_null_child(void *arg)
{
    (void)arg;
    tf_fini(NULL); /* crashed: it cleared *f without looking */
    return 0;
}

TEST(tf_fini_null)
{
    CHECK(bounded_run("tf_fini(NULL)", tf_null_child, NULL, 5, 200));
}

/* "D:YYYYMMDDHHmmSS" followed by Z or an offset, from the saved file. */
static bool creation_date(const char *file, time_t *when)
{
    size_t len;
    char *b = read_file(file, &len);
    const char *k = b ? memmem(b, len, "/CreationDate (D:", 17) : NULL;
    bool ok = false;
    if (k) {
        struct tm tm = {0};
        ok = sscanf(k + 17, "%4d%2d%2d%2d%2d%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) == 6 && k[31] == 'Z';
        tm.tm_year -= 1900;
        tm.tm_mon -= 1;
        *when = timegm(&tm);
    }
    free(b);
    return ok;
}

TEST(pdf_date_is_utc)
{
    /* On a desk in Tokyo the creation date must still be the UTC time it
     * claims to be (it was the local time marked 'Z': nine hours off). */
    setenv("TZ", "JST-9", 1);
    tzset();
    char err[256], file[128];
    pdf *p = pdf_new(font, "t", "t", err, sizeof err);
    CHECK(p != NULL);
    if (!p)
        return;
    int w, h;
    pdf_page(p, false, &w, &h);
    snprintf(file, sizeof file, "%s/date.pdf", dir);
    bool saved = pdf_save(p, file, err, sizeof err);
    if (!saved)
        fprintf(stderr, "pdf_save: %s\n", err);
    CHECK(saved);
    pdf_free(p);
    time_t when = 0, now = time(NULL);
    CHECK(creation_date(file, &when));
    CHECK(when > now - 120 && when <= now + 1);
    unsetenv("TZ");
    tzset();
}

TEST(diag_escapes_control_bytes)
{
    /* An ESC sequence from a deck (clear screen, retitle the window) and a
     * C1 CSI, quoted in a message and in a file name. */
    diag_list d;
    diag_init(&d, LANG_EN);
    diag_error(&d, "evil\x1b]0;owned\x07.md", 3, MSG_ERR_IMAGE_MISSING, "\x1b[2Jx\xC2\x9B" "1m.png");
    char buf[512];
    diag_format(&d, 0, buf, sizeof buf);
    for (const char *p = buf; *p; p++)
        CHECK((unsigned char)*p >= 0x20 && *p != 0x7F);
    CHECK(strstr(buf, "\xC2\x9B") == NULL);
    CHECK_STR(buf, "evil\\x1B]0;owned\\x07.md:3: image not found: \\x1B[2Jx\\u009B1m.png");
    diag_fini(&d);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    char err[512];
    CHECK(src && mkdtemp(dir));
    CHECK(font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA));
    RUN(tf_fini_null);
    RUN(pdf_date_is_utc);
    RUN(diag_escapes_control_bytes);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK_INT(system(cmd), 0);
    return test_summary();
}
