/* Font lookup through fontconfig, and the messages when it fails. */
#include <fontconfig/fontconfig.h>
#include <limits.h>
#include <stdlib.h>
#include <unistd.h>

#include "../app/core/font.h"
#include "../app/core/utf8.h"
#include "../app/core/util.h"
#include "test.h"

TEST(finds_japanese_truetype)
{
    char path[4096], err[512], bold[4096];
    CHECK(font_find(NULL, path, sizeof path, err, sizeof err, LANG_JA));
    CHECK(access(path, R_OK) == 0);
    /* setup.sh installs BIZ UD Gothic, the preferred face, with its Bold. */
    char *real = realpath(path, NULL);
    CHECK_CONTAINS(real, "BIZUDGothic-Regular.ttf");
    free(real);
    CHECK(font_bold_for(path, bold, sizeof bold));
    CHECK_CONTAINS(bold, "BIZUDGothic-Bold.ttf");
    /* IPAexGothic has no Bold file: the painters embolden it */
    CHECK(!font_bold_for("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", bold, sizeof bold));
}

/* Without BIZ UD Gothic, IPAexGothic is found (a fontconfig that knows
 * only IPAexGothic's folder). */
TEST(falls_back_to_ipaexgothic)
{
    const char *ipa = "/usr/share/fonts/opentype/ipaexfont-gothic";
    if (access(ipa, R_OK) != 0) {
        TEST_SKIP("IPAexGothic is not installed");
        return;
    }
    char dir[] = "/tmp/mgfcXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *conf = path_join(dir, "fonts.conf");
    FILE *f = fopen(conf, "w");
    fprintf(f, "<?xml version=\"1.0\"?>\n<fontconfig><dir>%s</dir><cachedir>%s</cachedir></fontconfig>\n",
            ipa, dir);
    fclose(f);
    setenv("FONTCONFIG_FILE", conf, 1);
    char path[4096], err[512];
    CHECK(font_find(NULL, path, sizeof path, err, sizeof err, LANG_JA));
    CHECK_CONTAINS(path, "ipaexg.ttf");
    unsetenv("FONTCONFIG_FILE");
    remove(conf);
    free(conf);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
}

/* The characters of s the font lacks, added to miss ("where: U+XXXX c"). */
static int lacking(FcCharSet *cs, const char *where, const char *s, size_t n, strbuf *miss)
{
    int bad = 0;
    size_t i = 0;
    while (i < n) {
        size_t st = i;
        uint32_t cp = utf8_next(s, n, &i);
        if (cp < 0x20 || cp == 0x7F || (cp >= 0xFE00 && cp <= 0xFE0F) || cp == 0xFEFF)
            continue; /* controls, variation selectors, BOM: not drawn */
        if (!FcCharSetHasChar(cs, cp)) {
            if (bad++ < 3)
                strbuf_printf(miss, "%s: U+%04X %.*s\n", where, (unsigned)cp, (int)(i - st), s + st);
        }
    }
    return bad;
}

static int lacking_in_dir(FcCharSet *cs, const char *dir, strbuf *miss, int *files)
{
    int bad = 0;
    size_t n;
    static const char *const exts[] = {".md", ".ini", ".csv", ".txt"};
    for (size_t e = 0; e < sizeof exts / sizeof exts[0]; e++) {
        char **names = dir_list(dir, exts[e], &n);
        for (size_t i = 0; names && i < n; i++) {
            char *p = path_join(dir, names[i]);
            size_t len = 0;
            char *text = read_file(p, &len);
            if (text) {
                bad += lacking(cs, p, text, len, miss);
                (*files)++;
            }
            free(text);
            free(p);
        }
        strv_free(names, n);
    }
    return bad;
}

static int hexv(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
}

/* The characters the code itself writes as escapes ("\xE2\x96\xB6" for
 * ▶) in the sources of dir: runs of \xHH escapes decoded as UTF-8. */
static int lacking_in_code(FcCharSet *cs, const char *dir, strbuf *miss)
{
    int bad = 0;
    size_t n;
    char **names = dir_list(dir, ".c", &n);
    for (size_t i = 0; names && i < n; i++) {
        char *p = path_join(dir, names[i]);
        size_t len = 0;
        char *text = read_file(p, &len);
        for (size_t k = 0; text && k + 3 < len; k++) {
            if (text[k] != '\\' || text[k + 1] != 'x' || hexv(text[k + 2]) < 0 || hexv(text[k + 3]) < 0)
                continue;
            char bytes[64];
            size_t nb = 0;
            while (k + 3 < len && text[k] == '\\' && text[k + 1] == 'x' && hexv(text[k + 2]) >= 0 &&
                   hexv(text[k + 3]) >= 0 && nb < sizeof bytes) {
                bytes[nb++] = (char)(hexv(text[k + 2]) * 16 + hexv(text[k + 3]));
                k += 4;
            }
            if ((unsigned char)bytes[0] >= 0xC2 && utf8_invalid_at(bytes, nb) == nb)
                bad += lacking(cs, p, bytes, nb, miss);
        }
        free(text);
        free(p);
    }
    strv_free(names, n);
    return bad;
}

/* No tofu: the font (Regular and Bold) has every character of every
 * message in both languages, of every content file shipped (assets/, the
 * bundled guidebook, slides/) and of the symbols the screens and paper
 * write in their code. */
TEST(no_tofu)
{
    char path[4096], bold[4096], err[512];
    CHECK(font_find(NULL, path, sizeof path, err, sizeof err, LANG_JA));
    const char *faces[2] = {path, font_bold_for(path, bold, sizeof bold) ? bold : NULL};
    const char *src = getenv("MG_SOURCE_DIR");
    CHECK(src != NULL);
    for (int f = 0; f < 2 && faces[f]; f++) {
        int count = 0;
        FcPattern *p = FcFreeTypeQuery((const FcChar8 *)faces[f], 0, NULL, &count);
        FcCharSet *cs = NULL;
        CHECK(p && FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) == FcResultMatch);
        if (!cs)
            return;
        strbuf miss;
        strbuf_init(&miss);
        int bad = 0, files = 0;
        for (int id = 0; id < MSG_COUNT; id++)
            for (int l = 0; l < 2; l++) {
                const char *m = msg_get(l ? LANG_EN : LANG_JA, (msg_id)id);
                char where[64];
                snprintf(where, sizeof where, "message %d (%s)", id, l ? "en" : "ja");
                bad += lacking(cs, where, m, strlen(m), &miss);
            }
        static const char *const dirs[] = {"assets", "assets/guidebook", "slides"};
        for (size_t d = 0; d < sizeof dirs / sizeof dirs[0]; d++) {
            char *dir = path_join(src, dirs[d]);
            bad += lacking_in_dir(cs, dir, &miss, &files);
            free(dir);
        }
        CHECK(files >= 10); /* the content was read */
        static const char *const code[] = {"app/screen", "app/paper"};
        for (size_t d = 0; d < sizeof code / sizeof code[0]; d++) {
            char *dir = path_join(src, code[d]);
            bad += lacking_in_code(cs, dir, &miss);
            free(dir);
        }
        if (bad)
            fprintf(stderr, "%s lacks %d characters:\n%s", faces[f], bad, miss.s);
        CHECK_INT(bad, 0);
        strbuf_fini(&miss);
        FcPatternDestroy(p);
    }
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
    CHECK_CONTAINS(err, "sudo apt-get install fonts-morisawa-bizud-gothic fonts-ipaexfont-gothic");
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
    RUN(falls_back_to_ipaexgothic);
    RUN(no_tofu);
    RUN(override_checked);
    RUN(font_without_japanese_rejected);
    RUN(no_font_at_all_names_the_package);
    return test_summary();
}
