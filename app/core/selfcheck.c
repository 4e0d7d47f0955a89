/*
 * selfcheck.c - the self-check: loading, scoring, the chart (see
 * selfcheck.h).
 */
#include "selfcheck.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "inifile.h"
#include "util.h"

static const char *const part_codes[SC_PART_COUNT] = {"basic", "employee", "organisation"};
static const char *const func_codes[SC_FUNC_COUNT] = {"identify", "protect", "detect", "respond",
                                                      "recover"};
static const msg_id part_labels[SC_PART_COUNT] = {MSG_SC_PART_BASIC, MSG_SC_PART_EMPLOYEE,
                                                  MSG_SC_PART_ORG};
static const msg_id func_labels[SC_FUNC_COUNT] = {MSG_SC_F_IDENTIFY, MSG_SC_F_PROTECT,
                                                  MSG_SC_F_DETECT, MSG_SC_F_RESPOND,
                                                  MSG_SC_F_RECOVER};
static const msg_id answer_labels[SC_ANSWER_COUNT] = {
    [SC_UNANSWERED] = MSG_SC_ANS_NONE, [SC_DONE] = MSG_SC_ANS_DONE,
    [SC_PARTLY] = MSG_SC_ANS_PARTLY,   [SC_NOT_DONE] = MSG_SC_ANS_NOT,
    [SC_DONT_KNOW] = MSG_SC_ANS_UNKNOWN};
static const char *const answer_codes[SC_ANSWER_COUNT] = {
    [SC_UNANSWERED] = "", [SC_DONE] = "4", [SC_PARTLY] = "2", [SC_NOT_DONE] = "0",
    [SC_DONT_KNOW] = "-1"};
static const int answer_points[SC_ANSWER_COUNT] = {
    [SC_UNANSWERED] = 0, [SC_DONE] = 4, [SC_PARTLY] = 2, [SC_NOT_DONE] = 0, [SC_DONT_KNOW] = -1};

int sc_points(sc_answer a)
{
    return (unsigned)a < SC_ANSWER_COUNT ? answer_points[a] : 0;
}

const char *sc_answer_code(sc_answer a)
{
    return (unsigned)a < SC_ANSWER_COUNT ? answer_codes[a] : "";
}

msg_id sc_answer_label(sc_answer a)
{
    return (unsigned)a < SC_ANSWER_COUNT ? answer_labels[a] : MSG_SC_ANS_NONE;
}

msg_id sc_part_label(sc_part p)
{
    return (unsigned)p < SC_PART_COUNT ? part_labels[p] : MSG_SC_PART_BASIC;
}

msg_id sc_func_label(sc_func f)
{
    return (unsigned)f < SC_FUNC_COUNT ? func_labels[f] : MSG_SC_F_IDENTIFY;
}

const char *sc_func_code(sc_func f)
{
    return (unsigned)f < SC_FUNC_COUNT ? func_codes[f] : NULL;
}

/* ---- loading ---- */

/* A question as read, before its area and chapter are known to exist. */
typedef struct raw_q {
    sc_question q;
    char *area;
    int area_line, chapter_line;
    bool has_part, has_func;
} raw_q;

typedef struct ctx {
    selfcheck *s;
    const char *path;
    diag_list *d;
    raw_q *raw;
    size_t nraw, cap, acap;
    char *two_star; /* the [selfcheck] two_star list, resolved at the end */
    int two_star_line;
    char section[128];
    int section_line; /* of the section being read */
    bool skip;  /* the current section was refused */
    int kind;   /* 0 [selfcheck], 1 area, 2 question */
    inif_ids seen;     /* section names met so far */
    inif_ids area_ids; /* the kept areas' ids: their index in s->areas */
} ctx;

static bool valid_id(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (!islower((unsigned char)*s) && !isdigit((unsigned char)*s) && *s != '-')
            return false;
    return true;
}

/* The index of v among codes[0..n), or -1. */
static int code_index(const char *v, const char *const *codes, int n)
{
    for (int i = 0; i < n; i++)
        if (!strcmp(v, codes[i]))
            return i;
    return -1;
}

static void set_str(char **field, const char *v)
{
    free(*field);
    *field = xstrdup(v);
}

static void new_section(ctx *c, const char *section, int head)
{
    snprintf(c->section, sizeof c->section, "%s", section);
    c->skip = true;
    if (!inif_ids_add(&c->seen, section)) {
        diag_error(c->d, c->path, head, MSG_ERR_SC_DUP, section);
        return;
    }
    if (!strcmp(section, "selfcheck")) {
        c->kind = 0;
    } else if (!strncmp(section, "area:", 5)) {
        if (!valid_id(section + 5)) {
            diag_error(c->d, c->path, head, MSG_ERR_REF_ID, section + 5);
            return;
        }
        c->kind = 1;
        vec_reserve((void **)&c->s->areas, &c->acap, c->s->nareas + 1, sizeof(sc_area));
        c->s->areas[c->s->nareas++] = (sc_area){.id = xstrdup(section + 5), .line = head};
    } else {
        if (!valid_id(section)) {
            diag_error(c->d, c->path, head, MSG_ERR_REF_ID, section);
            return;
        }
        c->kind = 2;
        vec_reserve((void **)&c->raw, &c->cap, c->nraw + 1, sizeof(raw_q));
        raw_q *r = &c->raw[c->nraw++];
        memset(r, 0, sizeof *r);
        r->q.id = xstrdup(section);
        r->q.line = head;
        r->q.area = -1;
    }
    c->skip = false;
}

static void on_value(void *user, const char *section, int head, const char *name,
                     const char *value, int line)
{
    ctx *c = user;
    /* A new header, even one repeating the name just read, starts anew. */
    if (strcmp(section, c->section) != 0 || head != c->section_line) {
        c->section_line = head;
        new_section(c, section, head);
    }
    if (c->skip)
        return;
    if (c->kind < 0) { /* a key before any [section] */
        diag_warn(c->d, c->path, line, MSG_WARN_INI_KEY, name);
        return;
    }
    if (c->kind == 0) {
        if (!strcmp(name, "title"))
            set_str(&c->s->title, value);
        else if (!strcmp(name, "intro"))
            set_str(&c->s->intro, value);
        else if (!strcmp(name, "two_star")) {
            set_str(&c->two_star, value);
            c->two_star_line = line;
        } else
            diag_warn(c->d, c->path, line, MSG_WARN_INI_KEY, name);
        return;
    }
    if (c->kind == 1) {
        sc_area *a = &c->s->areas[c->s->nareas - 1];
        if (!strcmp(name, "name"))
            set_str(&a->name, value);
        else
            diag_warn(c->d, c->path, line, MSG_WARN_INI_KEY, name);
        return;
    }
    raw_q *r = &c->raw[c->nraw - 1];
    if (!strcmp(name, "part")) {
        int i = code_index(value, part_codes, SC_PART_COUNT);
        if (i < 0)
            diag_error(c->d, c->path, line, MSG_ERR_SC_VALUE, name, value,
                       "basic, employee, organisation");
        r->q.part = (sc_part)(i < 0 ? 0 : i);
        r->has_part = i >= 0;
    } else if (!strcmp(name, "function")) {
        int i = code_index(value, func_codes, SC_FUNC_COUNT);
        if (i < 0)
            diag_error(c->d, c->path, line, MSG_ERR_SC_VALUE, name, value,
                       "identify, protect, detect, respond, recover");
        r->q.func = (sc_func)(i < 0 ? 0 : i);
        r->has_func = i >= 0;
    } else if (!strcmp(name, "area")) {
        set_str(&r->area, value);
        r->area_line = line;
    } else if (!strcmp(name, "chapter")) {
        set_str(&r->q.chapter, value);
        r->chapter_line = line;
    } else if (!strcmp(name, "text")) {
        set_str(&r->q.text, value);
    } else if (!strcmp(name, "explain")) {
        set_str(&r->q.explain, value);
    } else if (!strcmp(name, "tip")) {
        set_str(&r->q.tip, value);
    } else {
        diag_warn(c->d, c->path, line, MSG_WARN_INI_KEY, name);
    }
}

static void free_question(sc_question *q)
{
    free(q->id);
    free(q->chapter);
    free(q->text);
    free(q->explain);
    free(q->tip);
}

static bool empty(const char *s)
{
    return !s || !*s;
}

/* Keep a read question when it is whole and points at what exists. */
static bool finish_question(ctx *c, raw_q *r, const char *const *chapters, size_t nchapters)
{
    const char *missing = empty(r->q.text)      ? "text"
                          : !r->has_part        ? "part"
                          : !r->has_func        ? "function"
                          : empty(r->area)      ? "area"
                          : empty(r->q.chapter) ? "chapter"
                          : empty(r->q.tip)     ? "tip"
                                                : NULL;
    if (missing) {
        diag_error(c->d, c->path, r->q.line, MSG_ERR_SC_FIELD, r->q.id, missing);
        return false;
    }
    r->q.area = (int)inif_ids_find(&c->area_ids, r->area);
    if (r->q.area < 0) {
        diag_error(c->d, c->path, r->area_line, MSG_ERR_SC_AREA, r->area);
        return false;
    }
    bool known = nchapters == 0;
    for (size_t i = 0; i < nchapters && !known; i++)
        known = !strcmp(chapters[i], r->q.chapter);
    if (!known) {
        diag_error(c->d, c->path, r->chapter_line, MSG_ERR_SC_CHAPTER, r->q.chapter);
        return false;
    }
    return true;
}

size_t sc_load(selfcheck *s, const char *path, const char *const *chapters, size_t nchapters,
               diag_list *d)
{
    memset(s, 0, sizeof *s);
    ctx c = {.s = s, .path = path, .d = d, .kind = -1};
    c.section[0] = '\0';
    inif_parse(path, on_value, &c, d);

    /* Areas without a name cannot be shown: left out with a message (the
     * questions in them then report an unknown area). */
    size_t keep = 0;
    for (size_t i = 0; i < s->nareas; i++) {
        if (empty(s->areas[i].name)) {
            diag_error(d, path, s->areas[i].line, MSG_ERR_SC_FIELD, s->areas[i].id, "name");
            free(s->areas[i].id);
            free(s->areas[i].name);
        } else {
            s->areas[keep++] = s->areas[i];
        }
    }
    s->nareas = keep;
    for (size_t i = 0; i < s->nareas; i++)
        inif_ids_add(&c.area_ids, s->areas[i].id);

    s->q = xcalloc(c.nraw ? c.nraw : 1, sizeof *s->q);
    for (size_t i = 0; i < c.nraw; i++) {
        raw_q *r = &c.raw[i];
        if (finish_question(&c, r, chapters, nchapters))
            s->q[s->n++] = r->q;
        else
            free_question(&r->q);
        free(r->area);
    }
    free(c.raw);

    if (c.two_star) {
        char *save = NULL;
        inif_ids qids = {0};
        for (size_t i = 0; i < s->n; i++)
            inif_ids_add(&qids, s->q[i].id);
        for (char *w = strtok_r(c.two_star, ", ", &save); w; w = strtok_r(NULL, ", ", &save)) {
            long i = inif_ids_find(&qids, w);
            if (i >= 0)
                s->q[i].two_star = true;
            else
                diag_error(d, path, c.two_star_line, MSG_ERR_SC_QUESTION, w);
        }
        inif_ids_fini(&qids);
        free(c.two_star);
    }
    if (s->n != 25)
        diag_warn(d, path, 0, MSG_WARN_SC_COUNT, (int)s->n);
    inif_ids_fini(&c.seen);
    inif_ids_fini(&c.area_ids);
    return s->n;
}

void sc_fini(selfcheck *s)
{
    if (!s)
        return;
    for (size_t i = 0; i < s->n; i++)
        free_question(&s->q[i]);
    free(s->q);
    for (size_t i = 0; i < s->nareas; i++) {
        free(s->areas[i].id);
        free(s->areas[i].name);
    }
    free(s->areas);
    free(s->title);
    free(s->intro);
    memset(s, 0, sizeof *s);
}

/* ---- answers and scores ---- */

int sc_parse_answers(const char *text, sc_answer *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = SC_UNANSWERED;
    size_t pos = 0;
    const char *p = text ? text : "";
    if (!*p)
        return 0;
    for (;;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && (*p == ' ' || *p == '\t'))
            p++, len--;
        while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
            len--;
        if (pos >= n)
            return (int)pos + 1;
        sc_answer a = SC_ANSWER_COUNT;
        if (len == 0 || (len == 1 && *p == '_'))
            a = SC_UNANSWERED;
        for (int k = SC_DONE; k < SC_ANSWER_COUNT && a == SC_ANSWER_COUNT; k++)
            if (strlen(answer_codes[k]) == len && !strncmp(answer_codes[k], p, len))
                a = (sc_answer)k;
        if (a == SC_ANSWER_COUNT)
            return (int)pos + 1;
        out[pos++] = a;
        if (!end)
            break;
        p = end + 1;
    }
    return 0;
}

int sc_percent(int points, int max)
{
    if (max <= 0 || points <= 0)
        return 0;
    if (points >= max)
        return 100;
    return (points * 100 + max / 2) / max;
}

void sc_score_answers(const selfcheck *s, const sc_answer *a, sc_score *out)
{
    memset(out, 0, sizeof *out);
    int *area_pts = xcalloc(s->nareas ? s->nareas : 1, sizeof(int));
    int *area_max = xcalloc(s->nareas ? s->nareas : 1, sizeof(int));
    int *area_low = xcalloc(s->nareas ? s->nareas : 1, sizeof(int)); /* question to start with */
    for (size_t i = 0; i < s->nareas; i++)
        area_low[i] = -1;
    bool basic_done = true, basic_partly = true, policy = false, has_policy = false;
    for (size_t i = 0; i < s->n; i++) {
        const sc_question *q = &s->q[i];
        sc_answer ans = (unsigned)a[i] < SC_ANSWER_COUNT ? a[i] : SC_UNANSWERED;
        int pts = sc_points(ans);
        out->counts[ans]++;
        out->total += pts;
        out->max += 4;
        out->part[q->part] += pts;
        out->part_max[q->part] += 4;
        out->func[q->func] += pts;
        out->func_max[q->func] += 4;
        area_pts[q->area] += pts;
        area_max[q->area] += 4;
        /* The first step in an area: the question short of done with the
         * fewest points (the first such in the file). */
        if (ans != SC_DONE &&
            (area_low[q->area] < 0 || pts < sc_points(a[area_low[q->area]])))
            area_low[q->area] = (int)i;
        if (q->part == SC_BASIC) {
            basic_done &= ans == SC_DONE;
            basic_partly &= ans == SC_DONE || ans == SC_PARTLY;
        }
        if (q->two_star) {
            policy = (has_policy ? policy : true) && ans == SC_DONE;
            has_policy = true;
        }
    }
    /* The weakest areas: lowest share first; a stable selection keeps the
     * file's order among equals. */
    bool *taken = xcalloc(s->nareas ? s->nareas : 1, sizeof(bool));
    while (out->nweak < SC_WEAK_MAX) {
        int best = -1;
        for (size_t i = 0; i < s->nareas; i++) {
            if (taken[i] || area_low[i] < 0)
                continue;
            /* Compare area_pts/area_max without dividing. */
            if (best < 0 || (long)area_pts[i] * area_max[best] < (long)area_pts[best] * area_max[i])
                best = (int)i;
        }
        if (best < 0)
            break;
        taken[best] = true;
        out->weak_area[out->nweak] = best;
        out->weak_q[out->nweak] = area_low[best];
        out->nweak++;
    }
    out->star = basic_done && has_policy && policy ? SC_STAR_TWO
                : basic_partly                     ? SC_STAR_ONE
                                                   : SC_STAR_NONE;
    if (!s->n)
        out->star = SC_STAR_NONE;
    free(taken);
    free(area_pts);
    free(area_max);
    free(area_low);
}

/* ---- the chart ---- */

int sc_chart(lay_result *r, const lay_ctx *c, const sc_score *sc, msg_lang lang, int x, int y,
             int w, int size)
{
    /* Label column wide enough for the longest label, figure column for
     * "100%"; the bar takes the rest. */
    int label_w = 0;
    for (int f = 0; f < SC_FUNC_COUNT; f++) {
        const char *t = msg_get(lang, func_labels[f]);
        label_w = MG_MAX(label_w, c->m->text_width(c->m->ctx, t, strlen(t), size, DOC_S_BOLD));
    }
    label_w += size;
    int fig_w = c->m->text_width(c->m->ctx, "100%", 4, size, DOC_S_BOLD) + size / 2;
    int bar_w = MG_MAX(w - label_w - fig_w, size);
    int row = c->m->height(c->m->ctx, size) * 3 / 2, bar_h = row * 3 / 5;
    int y0 = y;
    for (int f = 0; f < SC_FUNC_COUNT; f++) {
        int pct = sc_percent(sc->func[f], sc->func_max[f]);
        int th = c->m->height(c->m->ctx, size);
        lay_text(r, c, msg_get(lang, func_labels[f]), x, y + (row - th) / 2, label_w, size,
                 DOC_S_BOLD, LAY_C_TEXT, DOC_ALIGN_LEFT);
        int by = y + (row - bar_h) / 2;
        lay_rect(r, x + label_w, by, bar_w, bar_h, LAY_C_TABLE_HEAD_BG);
        if (pct > 0)
            lay_rect(r, x + label_w, by, MG_MAX(bar_w * pct / 100, 1), bar_h, LAY_C_LINK);
        char fig[16];
        if (sc->func_max[f])
            snprintf(fig, sizeof fig, "%d%%", pct);
        else
            snprintf(fig, sizeof fig, "-");
        lay_text(r, c, fig, x + label_w + bar_w, y + (row - th) / 2, fig_w, size, DOC_S_BOLD,
                 LAY_C_TEXT, DOC_ALIGN_RIGHT);
        y += row;
    }
    /* A frame line under the chart ties the rows together. */
    lay_rect(r, x + label_w, y, bar_w, MG_MAX(size / 12, 1), LAY_C_RULE);
    return y - y0 + MG_MAX(size / 12, 1);
}
