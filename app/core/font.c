/*
 * font.c - fontconfig lookup of a Japanese TrueType font (see font.h).
 */
#include "font.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Characters a usable font must have: hiragana, katakana, kanji, 。 */
static const FcChar32 probe[] = {0x3042, 0x30A2, 0x6F22, 0x3002};

static bool covers_japanese(FcPattern *p)
{
    FcCharSet *cs;
    if (FcPatternGetCharSet(p, FC_CHARSET, 0, &cs) != FcResultMatch)
        return false;
    for (size_t i = 0; i < sizeof probe / sizeof probe[0]; i++)
        if (!FcCharSetHasChar(cs, probe[i]))
            return false;
    return true;
}

static bool is_truetype(FcPattern *p)
{
    FcChar8 *fmt;
    if (FcPatternGetString(p, FC_FONTFORMAT, 0, &fmt) != FcResultMatch)
        return false;
    return strcmp((const char *)fmt, "TrueType") == 0;
}

static bool check_file(FcConfig *cfg, const char *file, char *err, size_t errsize, msg_lang lang)
{
    (void)cfg;
    if (access(file, R_OK) != 0) {
        snprintf(err, errsize, msg_get(lang, MSG_ERR_FONT_FILE), file);
        return false;
    }
    int count = 0;
    FcPattern *p = FcFreeTypeQuery((const FcChar8 *)file, 0, NULL, &count);
    if (!p) {
        snprintf(err, errsize, msg_get(lang, MSG_ERR_FONT_FILE), file);
        return false;
    }
    bool ja = covers_japanese(p), tt = is_truetype(p);
    FcPatternDestroy(p);
    if (!ja) {
        snprintf(err, errsize, msg_get(lang, MSG_ERR_FONT_NO_JA), file);
        return false;
    }
    if (!tt) {
        snprintf(err, errsize, msg_get(lang, MSG_ERR_FONT_NOT_TT), file);
        return false;
    }
    return true;
}

/* Best match for a pattern string, accepted only if it is a Japanese TrueType font. */
static bool try_match(FcConfig *cfg, const char *pattern, char *out, size_t size)
{
    FcPattern *pat = FcNameParse((const FcChar8 *)pattern);
    if (!pat)
        return false;
    FcConfigSubstitute(cfg, pat, FcMatchPattern);
    FcDefaultSubstitute(pat);
    FcResult res;
    FcFontSet *fs = FcFontSort(cfg, pat, FcFalse, NULL, &res);
    bool ok = false;
    for (int i = 0; fs && i < fs->nfont && !ok; i++) {
        FcPattern *f = fs->fonts[i];
        FcChar8 *file;
        if (FcPatternGetString(f, FC_FILE, 0, &file) != FcResultMatch)
            continue;
        if (!covers_japanese(f) || !is_truetype(f))
            continue;
        /* Stay with the family asked for when one was named. */
        if (strncmp(pattern, ":", 1) != 0) {
            FcChar8 *fam;
            if (FcPatternGetString(f, FC_FAMILY, 0, &fam) != FcResultMatch ||
                strncmp((const char *)fam, pattern, strcspn(pattern, ":")) != 0)
                continue;
        }
        snprintf(out, size, "%s", (const char *)file);
        ok = true;
    }
    if (fs)
        FcFontSetDestroy(fs);
    FcPatternDestroy(pat);
    return ok;
}

bool font_find(const char *override, char *out, size_t size, char *err, size_t errsize,
               msg_lang lang)
{
    err[0] = '\0';
    FcConfig *cfg = FcInitLoadConfigAndFonts();
    if (!cfg) {
        snprintf(err, errsize, "%s", msg_get(lang, MSG_ERR_FONT_NONE));
        return false;
    }
    bool ok;
    if (override && *override) {
        ok = check_file(cfg, override, err, errsize, lang);
        if (ok)
            snprintf(out, size, "%s", override);
    } else {
        /* BIZ UD Gothic (a universal-design face with a real Bold), else
         * IPAexGothic, else any Japanese TrueType font. */
        ok = try_match(cfg, "BIZ UDGothic:style=Regular", out, size) ||
             try_match(cfg, "IPAexGothic", out, size) || try_match(cfg, "IPAGothic", out, size) ||
             try_match(cfg, ":lang=ja", out, size);
        if (!ok)
            snprintf(err, errsize, "%s", msg_get(lang, MSG_ERR_FONT_NONE));
    }
    FcConfigDestroy(cfg);
    return ok;
}

bool font_bold_for(const char *regular, char *out, size_t size)
{
    const char *base = strrchr(regular, '/');
    base = base ? base + 1 : regular;
    const char *r = strstr(base, "Regular");
    if (!r || (size_t)(r - regular) + strlen(r) + 1 > size)
        return false;
    snprintf(out, size, "%.*sBold%s", (int)(r - regular), regular, r + strlen("Regular"));
    if (access(out, R_OK) != 0)
        return false;
    int count = 0;
    FcPattern *p = FcFreeTypeQuery((const FcChar8 *)out, 0, NULL, &count);
    bool ok = p && covers_japanese(p) && is_truetype(p);
    if (p)
        FcPatternDestroy(p);
    return ok;
}
