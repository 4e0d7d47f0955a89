/*
 * csv.c - notes as CSV, FAQ candidates as text (see csv.h).
 *
 * The conversion to CP932 is ICU's (ucnv, "windows-31j"), field by field,
 * with a callback that notes each unassigned character before ICU writes
 * its substitute, so the report can name the note and the field.
 */
#include "csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/ucnv.h>
#include <unicode/ucnv_err.h>
#include <unicode/ustring.h>

#include "util.h"

bool csv_encoding_parse(const char *name, csv_encoding *e)
{
    if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8")) {
        *e = CSV_UTF8;
        return true;
    }
    if (!strcasecmp(name, "cp932") || !strcasecmp(name, "windows-31j") ||
        !strcasecmp(name, "shift_jis") || !strcasecmp(name, "sjis")) {
        *e = CSV_CP932;
        return true;
    }
    return false;
}

/* What the callback records into. */
typedef struct lack_ctx {
    csv_lack *v;
    size_t n, cap;
    const char *note, *field;
} lack_ctx;

static void on_lack(const void *context, UConverterFromUnicodeArgs *args, const UChar *units,
                    int32_t length, UChar32 cp, UConverterCallbackReason reason,
                    UErrorCode *status)
{
    lack_ctx *c = (lack_ctx *)context;
    if (reason == UCNV_UNASSIGNED || reason == UCNV_ILLEGAL || reason == UCNV_IRREGULAR) {
        vec_reserve((void **)&c->v, &c->cap, c->n + 1, sizeof *c->v);
        csv_lack *l = &c->v[c->n++];
        snprintf(l->note, sizeof l->note, "%s", c->note);
        l->field = c->field;
        l->cp = (int)cp;
    }
    UCNV_FROM_U_CALLBACK_SUBSTITUTE(NULL, args, units, length, cp, reason, status);
}

/* Append text (UTF-8) to out, converted by cnv when there is one. */
static bool put(strbuf *out, UConverter *cnv, const char *text, size_t len, char *err,
                size_t errsize)
{
    if (!cnv) {
        strbuf_add(out, text, len);
        return true;
    }
    UErrorCode st = U_ZERO_ERROR;
    int32_t ulen = 0;
    u_strFromUTF8(NULL, 0, &ulen, text, (int32_t)len, &st);
    if (st != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(st)) {
        snprintf(err, errsize, "not UTF-8: %s", u_errorName(st));
        return false;
    }
    st = U_ZERO_ERROR;
    UChar *u = xmalloc(sizeof(UChar) * (size_t)(ulen + 1));
    u_strFromUTF8(u, ulen + 1, NULL, text, (int32_t)len, &st);
    int32_t cap = UCNV_GET_MAX_BYTES_FOR_STRING(ulen, ucnv_getMaxCharSize(cnv));
    char *b = xmalloc((size_t)cap + 1);
    int32_t blen = U_SUCCESS(st) ? ucnv_fromUChars(cnv, b, cap + 1, u, ulen, &st) : 0;
    bool ok = U_SUCCESS(st);
    if (ok)
        strbuf_add(out, b, (size_t)blen);
    else
        snprintf(err, errsize, "cannot convert: %s", u_errorName(st));
    free(u);
    free(b);
    return ok;
}

/* One cell, quoted when RFC 4180 asks for it.  A value that a spreadsheet
 * would take for a formula (OWASP's CSV injection: it starts with = + - @,
 * a tab or a carriage return) starts with ' and is quoted, so it shows as
 * the text it is. */
static void cell(strbuf *q, const char *s, size_t n, bool value)
{
    bool formula = value && n > 0 && s[0] && strchr("=+-@\t\r", s[0]) != NULL;
    if (formula) {
        strbuf_adds(q, "\"'");
        for (size_t i = 0; i < n; i++) {
            if (s[i] == '"')
                strbuf_addc(q, '"');
            strbuf_addc(q, s[i]);
        }
        strbuf_addc(q, '"');
        return;
    }
    bool quote = false;
    for (size_t i = 0; i < n && !quote; i++)
        quote = s[i] == ',' || s[i] == '"' || s[i] == '\r' || s[i] == '\n';
    if (!quote) {
        strbuf_add(q, s, n);
        return;
    }
    strbuf_addc(q, '"');
    for (size_t i = 0; i < n; i++) {
        if (s[i] == '"')
            strbuf_addc(q, '"');
        strbuf_addc(q, s[i]);
    }
    strbuf_addc(q, '"');
}

/* The value of f in n as the CSV shows it. */
static void value(const note *n, const rec_field *f, strbuf *v)
{
    if (f->kind == REC_TIME) {
        long long ms = *rec_time((note *)n, f);
        time_t t = (time_t)(ms / 1000);
        struct tm tm;
        char buf[32] = "";
        if (ms > 0 && localtime_r(&t, &tm))
            strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S", &tm);
        strbuf_adds(v, buf);
        return;
    }
    rec_value(n, f, v);
}

bool csv_notes(const note *v, size_t n, csv_encoding e, strbuf *out, csv_lack **lacks,
               size_t *nlacks, char *err, size_t errsize)
{
    *lacks = NULL;
    *nlacks = 0;
    lack_ctx ctx = {0};
    UConverter *cnv = NULL;
    if (e == CSV_CP932) {
        UErrorCode st = U_ZERO_ERROR;
        cnv = ucnv_open("windows-31j", &st);
        if (U_FAILURE(st)) {
            snprintf(err, errsize, "ICU has no CP932 converter: %s", u_errorName(st));
            return false;
        }
        ucnv_setFromUCallBack(cnv, on_lack, &ctx, NULL, NULL, &st);
        ucnv_setSubstChars(cnv, "?", 1, &st);
    } else {
        strbuf_adds(out, "\xEF\xBB\xBF");
    }
    strbuf q, val;
    strbuf_init(&q);
    strbuf_init(&val);
    bool ok = true;
    for (size_t i = 0; i < rec_nfields && ok; i++) {
        strbuf_clear(&q);
        if (i)
            strbuf_addc(&q, ',');
        cell(&q, rec_fields[i].name, strlen(rec_fields[i].name), false);
        ok = put(out, cnv, q.s, q.len, err, errsize);
    }
    if (ok)
        strbuf_adds(out, "\r\n");
    for (size_t r = 0; r < n && ok; r++) {
        for (size_t i = 0; i < rec_nfields && ok; i++) {
            strbuf_clear(&q);
            strbuf_clear(&val);
            if (i)
                strbuf_addc(&q, ',');
            value(&v[r], &rec_fields[i], &val);
            cell(&q, val.s, val.len, true);
            ctx.note = v[r].id;
            ctx.field = rec_fields[i].name;
            ok = put(out, cnv, q.s, q.len, err, errsize);
        }
        if (ok)
            strbuf_adds(out, "\r\n");
    }
    strbuf_fini(&q);
    strbuf_fini(&val);
    if (cnv)
        ucnv_close(cnv);
    if (!ok) {
        free(ctx.v);
        return false;
    }
    *lacks = ctx.v;
    *nlacks = ctx.n;
    return true;
}

size_t csv_faq(const note *v, size_t n, msg_lang lang, strbuf *out)
{
    size_t count = 0;
    for (size_t c = 0; c <= rec_ncategories; c++) {
        /* The category table's order, then any note whose code is none of
         * them (an older or newer kiosk), so none is left out. */
        bool heading = false;
        for (size_t i = 0; i < n; i++) {
            const note *x = &v[i];
            bool known = rec_category_label(x->category) != MSG_COUNT;
            bool here = c < rec_ncategories
                            ? x->category && !strcmp(x->category, rec_categories[c].code)
                            : !known;
            if (!x->faq || !here)
                continue;
            if (!heading) {
                strbuf_printf(out, "%s## %s\n\n", count ? "\n" : "",
                              c < rec_ncategories ? msg_get(lang, rec_categories[c].label)
                                                  : (x->category ? x->category : "-"));
                heading = true;
            }
            strbuf_printf(out, "Q. %s\n", x->question ? x->question : "");
            if (x->answer && *x->answer)
                strbuf_printf(out, "%s: %s\n", msg_get(lang, MSG_F_ANSWER), x->answer);
            if ((x->referrals && *x->referrals) || (x->referral_text && *x->referral_text))
                strbuf_printf(out, "%s: %s%s%s\n", msg_get(lang, MSG_F_REFERRALS),
                              x->referrals ? x->referrals : "",
                              x->referrals && *x->referrals && x->referral_text &&
                                      *x->referral_text
                                  ? " / "
                                  : "",
                              x->referral_text ? x->referral_text : "");
            strbuf_printf(out, "(%s)\n\n", x->id);
            count++;
        }
    }
    return count;
}
