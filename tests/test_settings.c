/*
 * The kiosk's settings file: defaults, the content's assets/desk.ini under
 * the staff's file (XDG path or --config), and every bad value reported
 * with its file and line while the default is used.
 */
#define _GNU_SOURCE
#include "../app/core/settings.h"
#include "../app/core/util.h"
#include "test.h"

#include <sys/stat.h>
#include <unistd.h>

static void write_file(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    CHECK(f != NULL);
    if (f) {
        fputs(text, f);
        fclose(f);
    }
}

/* True when one diagnostic reads exactly like "file:line: ...what...". */
static bool said(const diag_list *d, const char *file, int line, const char *what)
{
    char want[512], buf[1400];
    if (line > 0)
        snprintf(want, sizeof want, "%s:%d: ", file, line);
    else
        snprintf(want, sizeof want, "%s: ", file);
    for (size_t i = 0; i < d->n; i++) {
        diag_format(d, i, buf, sizeof buf);
        if (strncmp(buf, want, strlen(want)) == 0 && strstr(buf, what))
            return true;
    }
    diag_print(d, stderr);
    fprintf(stderr, "not said: %s%s\n", want, what);
    return false;
}

TEST(defaults_then_desk_ini_then_the_staff_file)
{
    char dir[] = "/tmp/mgsetXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char content[64], assets[128], desk[256], cfg[256], xdg[256], xdgdir[128];
    snprintf(content, sizeof content, "%s/content", dir);
    snprintf(assets, sizeof assets, "%s/assets", content);
    snprintf(desk, sizeof desk, "%s/desk.ini", assets);
    snprintf(cfg, sizeof cfg, "%s/kiosk.ini", dir);
    snprintf(xdgdir, sizeof xdgdir, "%s/config/madoguchi", dir);
    snprintf(xdg, sizeof xdg, "%s/madoguchi.ini", xdgdir);
    CHECK(mkdir(content, 0755) == 0 && mkdir(assets, 0755) == 0);

    /* nothing at all: the built-in defaults, and no complaint */
    char home[128];
    snprintf(home, sizeof home, "%s/config", dir);
    setenv("XDG_CONFIG_HOME", home, 1);
    diag_list d;
    diag_init(&d, LANG_EN);
    settings s;
    settings_load(&s, content, NULL, &d);
    CHECK_INT(d.n, 0);
    CHECK_INT(s.idle_s, 90);
    CHECK_INT(s.attract_s, 180);
    CHECK_INT(s.attract_cycle_s, 7);
    CHECK_INT(s.lang, -1);
    CHECK_INT(s.display, -1);
    CHECK_INT(s.copies, 1);
    CHECK(s.path == NULL && s.printer == NULL);
    settings_fini(&s);

    /* the content's defaults, then the XDG file over them */
    write_file(desk, "[desk]\nportal = https://example.jp/desk\n[kiosk]\nidle = 60\nattract = 300\n");
    CHECK(mkdir(home, 0755) == 0 && mkdir(xdgdir, 0755) == 0);
    write_file(xdg, "[kiosk]\nattract = 240\nlanguage = en\n[print]\nprinter = Office_Printer\n");
    settings_load(&s, content, NULL, &d);
    CHECK_INT(d.n, 0);
    CHECK_STR(s.path, xdg);
    CHECK_STR(s.portal, "https://example.jp/desk");
    CHECK_INT(s.idle_s, 60);     /* desk.ini */
    CHECK_INT(s.attract_s, 240); /* the staff's file wins */
    CHECK_INT(s.lang, LANG_EN);
    CHECK_STR(s.printer, "Office_Printer");
    settings_fini(&s);

    /* --config over both; every bad value named by file and line */
    write_file(cfg, "; the seminar room\n"
                    "[desk]\n"
                    "name = 窓口 A\n"
                    "[kiosk]\n"
                    "idle = soon\n"           /* 5: not a number */
                    "attract_cycle = 1\n"     /* 6: too short */
                    "language = fr\n"         /* 7 */
                    "display = 1\n"
                    "idel = 30\n"             /* 9: a typing mistake */
                    "attract_decks = a.md, b.md\n"
                    "kiosk_id = seminar-1\n"
                    "[print]\n"
                    "copies = 99\n"           /* 13 */
                    "[printer]\n"             /* 14: no such section */
                    "queue = x\n"
                    "this line is not INI\n"); /* 16 */
    settings_load(&s, content, cfg, &d);
    CHECK(said(&d, cfg, 5, "[kiosk] idle = soon: must be a whole number from 10 to 86400"));
    CHECK(said(&d, cfg, 6, "[kiosk] attract_cycle = 1"));
    CHECK(said(&d, cfg, 7, "[kiosk] language = fr: use one of ja, en"));
    CHECK(said(&d, cfg, 9, "unknown setting in [kiosk]: idel"));
    CHECK(said(&d, cfg, 13, "[print] copies = 99"));
    CHECK(said(&d, cfg, 15, "unknown setting in [printer]: queue"));
    CHECK(said(&d, cfg, 16, "not valid INI"));
    CHECK_STR(s.path, cfg);
    CHECK_STR(s.name, "窓口 A");
    CHECK_INT(s.idle_s, 60);        /* the default kept (desk.ini's) */
    CHECK_INT(s.attract_cycle_s, 7);
    CHECK_INT(s.lang, -1);
    CHECK_INT(s.display, 1);
    CHECK_INT(s.copies, 1);
    CHECK_STR(s.attract_decks, "a.md, b.md");
    CHECK_STR(s.kiosk_id, "seminar-1");
    settings_fini(&s);
    diag_fini(&d);

    /* a --config file that is not there is said; the defaults are used */
    diag_init(&d, LANG_EN);
    char gone[128];
    snprintf(gone, sizeof gone, "%s/gone.ini", dir);
    settings_load(&s, NULL, gone, &d);
    CHECK(said(&d, gone, 0, "cannot open the settings file"));
    CHECK_INT(s.idle_s, 90);
    CHECK(s.path == NULL);
    settings_fini(&s);
    settings_fini(NULL);
    diag_fini(&d);
    char cmd[340];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    RUN(defaults_then_desk_ini_then_the_staff_file);
    return test_summary();
}
