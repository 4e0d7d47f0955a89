/*
 * record.c - the consultation record's field table and what walks it
 * (see record.h).
 */
#include "record.h"

#include <assert.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REC_MAX (256u * 1024) /* bytes: a pasted page fits, a stray 1 MB paste does not */

const rec_code rec_categories[] = {
    {"breach", MSG_CAT_BREACH},   {"outage", MSG_CAT_OUTAGE}, {"prevention", MSG_CAT_PREVENTION},
    {"general", MSG_CAT_GENERAL}, {"safety", MSG_CAT_SAFETY}, {"other", MSG_CAT_OTHER},
    {"guidebook", MSG_CAT_GUIDEBOOK},
};
const size_t rec_ncategories = MG_ARRAY_LEN(rec_categories);

const rec_code rec_channels[] = {
    {"seminar", MSG_CH_SEMINAR}, {"visit", MSG_CH_VISIT}, {"window", MSG_CH_WINDOW},
    {"phone", MSG_CH_PHONE},     {"mail", MSG_CH_MAIL},
};
const size_t rec_nchannels = MG_ARRAY_LEN(rec_channels);

#define AT(m) offsetof(note, m)
#define NOLAB .label = REC_NO_LABEL, .visitor_label = REC_NO_LABEL
#define TEXT(m, fl, lab) \
    {#m, REC_TEXT, (fl) | REC_FORM, AT(m), .label = lab, .visitor_label = REC_NO_LABEL, .max = REC_MAX}
#define FLAG(m, lab) {#m, REC_BOOL, REC_FORM, AT(m), .label = lab, .visitor_label = REC_NO_LABEL}

/* Form order = Tab order = JSON and CSV order: what is asked first comes
 * first; the names of the event and the staff, the same all day, last. */
const rec_field rec_fields[] = {
    {"id", REC_UUID, REC_FIXED | REC_REQUIRED | REC_CLEAR, AT(id), NOLAB},
    {"created", REC_TIME, REC_FIXED | REC_REQUIRED | REC_CLEAR, AT(created), NOLAB},
    {"updated", REC_TIME, REC_REQUIRED | REC_CLEAR, AT(updated), NOLAB},
    {"kiosk", REC_TEXT, REC_FIXED | REC_CLEAR, AT(kiosk), NOLAB, .max = 64},
    {"channel", REC_CODE, REC_FORM, AT(channel), .label = MSG_F_CHANNEL,
     .visitor_label = REC_NO_LABEL, .codes = rec_channels, .ncodes = MG_ARRAY_LEN(rec_channels)},
    TEXT(company, REC_SEARCHED, MSG_F_COMPANY),
    TEXT(industry, 0, MSG_F_INDUSTRY),
    TEXT(size, 0, MSG_F_SIZE),
    {"question", REC_TEXT, REC_REQUIRED | REC_SEARCHED | REC_VISITOR | REC_FORM | REC_LINES,
     AT(question), .label = MSG_F_QUESTION, .visitor_label = MSG_CONSULT_QUESTION, .max = REC_MAX},
    {"category", REC_CODE, REC_REQUIRED | REC_FORM, AT(category), .label = MSG_F_CATEGORY,
     .visitor_label = REC_NO_LABEL, .codes = rec_categories,
     .ncodes = MG_ARRAY_LEN(rec_categories), .fallback = "other"},
    FLAG(law, MSG_F_LAW),
    FLAG(legal, MSG_F_LEGAL),
    {"answer", REC_TEXT, REC_SEARCHED | REC_VISITOR | REC_FORM | REC_LINES, AT(answer),
     .label = MSG_F_ANSWER, .visitor_label = MSG_CONSULT_ANSWER, .max = REC_MAX},
    {"referrals", REC_IDS, REC_VISITOR | REC_FORM, AT(referrals), .label = MSG_F_REFERRALS,
     .visitor_label = MSG_CONSULT_REFS, .max = REC_MAX},
    {"referral_text", REC_TEXT, REC_SEARCHED | REC_VISITOR | REC_FORM, AT(referral_text),
     .label = MSG_F_REFTEXT, .visitor_label = REC_NO_LABEL, .max = REC_MAX},
    FLAG(followup, MSG_F_FOLLOWUP),
    FLAG(faq, MSG_F_FAQ),
    TEXT(memo, REC_SEARCHED | REC_LINES, MSG_F_MEMO),
    TEXT(event, 0, MSG_F_EVENT),
    TEXT(consultant, 0, MSG_F_CONSULTANT),
    TEXT(scribe, 0, MSG_F_SCRIBE),
};
const size_t rec_nfields = MG_ARRAY_LEN(rec_fields);

const rec_field *rec_find(const char *name)
{
    for (size_t i = 0; name && i < rec_nfields; i++)
        if (strcmp(rec_fields[i].name, name) == 0)
            return &rec_fields[i];
    return NULL;
}

int rec_code_index(const rec_field *f, const char *code)
{
    for (size_t i = 0; code && i < f->ncodes; i++)
        if (strcmp(code, f->codes[i].code) == 0)
            return (int)i;
    return -1;
}

msg_id rec_category_label(const char *code)
{
    for (size_t i = 0; code && i < rec_ncategories; i++)
        if (strcmp(code, rec_categories[i].code) == 0)
            return rec_categories[i].label;
    return MSG_COUNT;
}

static bool is_str(const rec_field *f)
{
    return f->kind == REC_TEXT || f->kind == REC_CODE || f->kind == REC_IDS;
}

char **rec_str(note *n, const rec_field *f)
{
    assert(is_str(f));
    return (char **)((char *)n + f->offset);
}

const char *rec_cstr(const note *n, const rec_field *f)
{
    if (f->kind == REC_UUID)
        return (const char *)n + f->offset;
    assert(is_str(f));
    return *(char *const *)((const char *)n + f->offset);
}

bool *rec_bool(note *n, const rec_field *f)
{
    assert(f->kind == REC_BOOL);
    return (bool *)((char *)n + f->offset);
}

long long *rec_time(note *n, const rec_field *f)
{
    assert(f->kind == REC_TIME);
    return (long long *)((char *)n + f->offset);
}

bool rec_value(const note *n, const rec_field *f, strbuf *out)
{
    switch (f->kind) {
    case REC_TIME: strbuf_printf(out, "%lld", *rec_time((note *)n, f)); return true;
    case REC_BOOL: strbuf_addc(out, *rec_bool((note *)n, f) ? '1' : '0'); return true;
    case REC_UUID:
        if (!n->id[0])
            return false;
        strbuf_adds(out, n->id);
        return true;
    default: {
        const char *s = rec_cstr(n, f);
        if (!s)
            return false;
        strbuf_adds(out, s);
        return true;
    }
    }
}

static bool uuid_ok(const char *s)
{
    if (strlen(s) != 36)
        return false;
    for (int i = 0; i < 36; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? s[i] != '-' : !strchr("0123456789abcdefABCDEF", s[i]))
            return false;
    }
    return true;
}

bool rec_set(note *n, const rec_field *f, const char *text, char *err, size_t errsize)
{
    return rec_set_lang(n, f, text, LANG_EN, err, errsize);
}

bool rec_set_lang(note *n, const rec_field *f, const char *text, msg_lang lang, char *err,
                  size_t errsize)
{
    const char *t = text ? text : "";
    switch (f->kind) {
    case REC_UUID:
        if (*t && !uuid_ok(t)) {
            snprintf(err, errsize, msg_get(lang, MSG_REC_BAD_UUID), f->name, t);
            return false;
        }
        snprintf(n->id, sizeof n->id, "%s", t);
        return true;
    case REC_TIME: {
        char *end;
        errno = 0;
        long long v = strtoll(t, &end, 10);
        if (!*t || *end || errno) {
            snprintf(err, errsize, msg_get(lang, MSG_REC_BAD_TIME), f->name, t);
            return false;
        }
        *rec_time(n, f) = v;
        return true;
    }
    case REC_BOOL:
        if (!strcmp(t, "1") || !strcmp(t, "true"))
            *rec_bool(n, f) = true;
        else if (!*t || !strcmp(t, "0") || !strcmp(t, "false"))
            *rec_bool(n, f) = false;
        else {
            snprintf(err, errsize, msg_get(lang, MSG_REC_BAD_BOOL), f->name, t);
            return false;
        }
        return true;
    default: {
        char **p = rec_str(n, f);
        free(*p);
        *p = text && *text ? xstrdup(text) : NULL;
        return true;
    }
    }
}

static bool check_text(const char *field, const char *s, size_t max, msg_lang lang, char *err,
                       size_t errsize)
{
    if (!s)
        return true;
    size_t n = strlen(s);
    if (n > max) {
        snprintf(err, errsize, msg_get(lang, MSG_REC_TOO_LONG), field, n, max);
        return false;
    }
    size_t bad = utf8_invalid_at(s, n);
    if (bad < n) {
        snprintf(err, errsize, msg_get(lang, MSG_REC_BAD_UTF8), field, bad + 1);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if ((c < 0x20 && c != '\n' && c != '\t' && c != '\r') || c == 0x7F) {
            snprintf(err, errsize, msg_get(lang, MSG_REC_CONTROL), field, c, i + 1);
            return false;
        }
    }
    return true;
}

/* A code outside the field's table: name the codes it may hold. */
static bool bad_code(const rec_field *f, const char *code, msg_lang lang, char *err,
                     size_t errsize)
{
    strbuf b;
    strbuf_init(&b);
    for (size_t i = 0; i < f->ncodes; i++)
        strbuf_printf(&b, "%s%s", i ? ", " : "", f->codes[i].code);
    snprintf(err, errsize, msg_get(lang, MSG_REC_BAD_CODE), f->name, code ? code : "",
             b.s ? b.s : "");
    strbuf_fini(&b);
    return false;
}

bool note_validate(const note *n, char *err, size_t errsize)
{
    return note_validate_lang(n, LANG_EN, err, errsize);
}

bool note_validate_lang(const note *n, msg_lang lang, char *err, size_t errsize)
{
    /* What was typed first, in every field; then what must be there. */
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        if ((f->kind == REC_TEXT || f->kind == REC_IDS) &&
            !check_text(f->name, rec_cstr(n, f), f->max, lang, err, errsize))
            return false;
    }
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        const char *s = is_str(f) ? rec_cstr(n, f) : NULL;
        if (f->kind == REC_TEXT && (f->flags & REC_REQUIRED) && (!s || !*s)) {
            snprintf(err, errsize, msg_get(lang, MSG_REC_EMPTY), f->name);
            return false;
        }
        if (f->kind == REC_CODE && rec_code_index(f, s) < 0 &&
            ((f->flags & REC_REQUIRED) || (s && *s)))
            return bad_code(f, s, lang, err, errsize);
    }
    return true;
}

static void json_str(strbuf *b, const char *s)
{
    strbuf_addc(b, '"');
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\') {
            strbuf_addc(b, '\\');
            strbuf_addc(b, (char)c);
        } else if (c == '\n')
            strbuf_adds(b, "\\n");
        else if (c == '\t')
            strbuf_adds(b, "\\t");
        else if (c < 0x20)
            strbuf_printf(b, "\\u%04x", c);
        else
            strbuf_addc(b, (char)c);
    }
    strbuf_addc(b, '"');
}

void rec_json(const note *n, strbuf *out)
{
    strbuf v;
    strbuf_init(&v);
    strbuf_addc(out, '{');
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        strbuf_printf(out, "%s\"%s\":", i ? "," : "", f->name);
        strbuf_clear(&v);
        bool has = rec_value(n, f, &v);
        if (f->kind == REC_TIME)
            strbuf_adds(out, v.s);
        else if (f->kind == REC_BOOL)
            strbuf_adds(out, *rec_bool((note *)n, f) ? "true" : "false");
        else if (!has)
            strbuf_adds(out, "null");
        else
            json_str(out, v.s);
    }
    strbuf_addc(out, '}');
    strbuf_fini(&v);
}

/* ---- the sealed fields ---- */

static void pack_n(strbuf *b, unsigned long long v, int n)
{
    char c[8];
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        c[i] = (char)(v & 0xff);
    strbuf_add(b, c, (size_t)n);
}

void rec_pack(const note *n, strbuf *out)
{
    size_t count = 0;
    for (size_t i = 0; i < rec_nfields; i++)
        count += !(rec_fields[i].flags & REC_CLEAR);
    pack_n(out, count, 2);
    strbuf v;
    strbuf_init(&v);
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        if (f->flags & REC_CLEAR)
            continue;
        strbuf_clear(&v);
        bool present = rec_value(n, f, &v);
        pack_n(out, strlen(f->name), 4);
        strbuf_adds(out, f->name);
        pack_n(out, present, 1);
        if (present) {
            pack_n(out, v.len, 4);
            strbuf_add(out, v.s, v.len);
        }
    }
    if (v.s)
        memset(v.s, 0, v.len); /* what a person typed: not left in freed memory */
    strbuf_fini(&v);
}

/* n bytes big-endian from *p (left bytes), or false when fewer are left. */
static bool unpack_n(const unsigned char **p, size_t *left, int n, unsigned long long *v)
{
    if (*left < (size_t)n)
        return false;
    *v = 0;
    for (int i = 0; i < n; i++)
        *v = *v << 8 | (*p)[i];
    *p += n;
    *left -= (size_t)n;
    return true;
}

bool rec_unpack(note *n, const void *data, size_t len, char *err, size_t errsize)
{
    const unsigned char *p = data;
    size_t left = len;
    unsigned long long count, nl, present, vl = 0;
    bool seen[128] = {false};
    if (!unpack_n(&p, &left, 2, &count) || count > 128) {
        snprintf(err, errsize, "the sealed fields cannot be read");
        return false;
    }
    for (unsigned long long i = 0; i < count; i++) {
        if (!unpack_n(&p, &left, 4, &nl) || nl > 64 || nl > left) {
            snprintf(err, errsize, "the sealed fields cannot be read");
            return false;
        }
        char name[65];
        memcpy(name, p, (size_t)nl);
        name[nl] = '\0';
        p += nl;
        left -= (size_t)nl;
        const rec_field *f = rec_find(name);
        if (!f || (f->flags & REC_CLEAR) || strlen(name) != nl) {
            snprintf(err, errsize, "sealed: unknown field %.64s", name);
            return false;
        }
        size_t k = (size_t)(f - rec_fields);
        if (k < 128 && seen[k]) {
            snprintf(err, errsize, "sealed: field %s given twice", f->name);
            return false;
        }
        if (k < 128)
            seen[k] = true;
        if (!unpack_n(&p, &left, 1, &present) || present > 1 ||
            (present && (!unpack_n(&p, &left, 4, &vl) || vl > left))) {
            snprintf(err, errsize, "the sealed fields cannot be read");
            return false;
        }
        if (!present)
            continue;
        if (memchr(p, '\0', (size_t)vl)) {
            snprintf(err, errsize, "sealed: field %s: a NUL byte", f->name);
            return false;
        }
        char *t = xstrndup((const char *)p, (size_t)vl);
        p += vl;
        left -= (size_t)vl;
        bool ok = rec_set(n, f, t, err, errsize);
        memset(t, 0, (size_t)vl);
        free(t);
        if (!ok)
            return false;
    }
    if (left) {
        snprintf(err, errsize, "sealed: bytes after the fields");
        return false;
    }
    return true;
}

void note_fini(note *n)
{
    if (!n)
        return;
    for (size_t i = 0; i < rec_nfields; i++)
        if (is_str(&rec_fields[i]))
            free(*rec_str(n, &rec_fields[i]));
    memset(n, 0, sizeof *n);
}

void notes_free(note *v, size_t n)
{
    for (size_t i = 0; v && i < n; i++)
        note_fini(&v[i]);
    free(v);
}
