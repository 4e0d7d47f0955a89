/* Font lookup through fontconfig, and the messages when it fails. */
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "../app/core/font.h"
#include "../app/core/util.h"
#include "test.h"

TEST(finds_japanese_truetype)
{
    char path[4096], err[512];
    CHECK(font_find(NULL, path, sizeof path, err, sizeof err, LANG_JA));
    CHECK(access(path, R_OK) == 0);
    /* setup.sh installs IPAexGothic, the preferred face (Debian may reach it
     * through the fonts-japanese-gothic.ttf alternatives link). */
    char *real = realpath(path, NULL);
    CHECK_CONTAINS(real, "ipaex");
    free(real);
}

TEST(override_checked)
{
    char path[4096], err[512];
    CHECK(!font_find("/nonexistent/font.ttf", path, sizeof path, err, sizeof err, LANG_EN));
    CHECK_CONTAINS(err, "cannot read the font file: /nonexistent/font.ttf");

    /* A file that is not a font at all. */
    char tmp[] = "/tmp/mgfontXXXXXX";
    int fd = mkstemp(tmp);
    CHECK(fd >= 0);
    CHECK(write(fd, "not a font", 10) == 10);
    close(fd);
    CHECK(!font_find(tmp, path, sizeof path, err, sizeof err, LANG_EN));
    CHECK_CONTAINS(err, tmp);
    unlink(tmp);

    /* The found font given explicitly is accepted. */
    char found[4096];
    CHECK(font_find(NULL, found, sizeof found, err, sizeof err, LANG_EN));
    CHECK(font_find(found, path, sizeof path, err, sizeof err, LANG_EN));
    CHECK_STR(path, found);
}

TEST(font_without_japanese_rejected)
{
    /* Any installed font that lacks hiragana (DejaVu comes with fontconfig). */
    FcInit();
    FcPattern *pat = FcNameParse((const FcChar8 *)"DejaVu Sans");
    FcConfigSubstitute(NULL, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcPattern *m = FcFontMatch(NULL, pat, &res);
    FcChar8 *file = NULL;
    FcCharSet *cs = NULL;
    bool usable = m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
                  FcPatternGetCharSet(m, FC_CHARSET, 0, &cs) == FcResultMatch &&
                  !FcCharSetHasChar(cs, 0x3042);
    if (usable) {
        char path[4096], err[512];
        CHECK(!font_find((const char *)file, path, sizeof path, err, sizeof err, LANG_EN));
        CHECK_CONTAINS(err, "no Japanese glyphs");
        CHECK_CONTAINS(err, "fonts-ipaexfont-gothic");
    } else {
        TEST_SKIP("no non-Japanese font installed");
    }
    if (m)
        FcPatternDestroy(m);
    FcPatternDestroy(pat);
}

TEST(no_font_at_all_names_the_package)
{
    /* A fontconfig configuration with no font folders. */
    char dir[] = "/tmp/mgfcXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *conf = path_join(dir, "fonts.conf");
    FILE *f = fopen(conf, "w");
    fprintf(f, "<?xml version=\"1.0\"?>\n<fontconfig><cachedir>%s</cachedir></fontconfig>\n", dir);
    fclose(f);
    setenv("FONTCONFIG_FILE", conf, 1);
    char path[4096], err[512];
    CHECK(!font_find(NULL, path, sizeof path, err, sizeof err, LANG_JA));
    CHECK_CONTAINS(err, "sudo apt-get install fonts-ipaexfont-gothic");
    unsetenv("FONTCONFIG_FILE");
    remove(conf);
    free(conf);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

int main(void)
{
    RUN(finds_japanese_truetype);
    RUN(override_checked);
    RUN(font_without_japanese_rejected);
    RUN(no_font_at_all_names_the_package);
    return test_summary();
}
