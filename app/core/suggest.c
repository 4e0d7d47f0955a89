/*
 * suggest.c - the offline assistant: FTS5 bm25 over FAQ, guidebook
 * sections, problems and past notes (see suggest.h).
 */
#include "suggest.h"

#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "search.h"
#include "utf8.h"
#include "util.h"

/* One thing that can be suggested: a row of the table, by rowid. */
typedef struct sdoc {
    sug_kind kind;
    int index, line;
    char *id, *title; /* owned */
    char **kw;        /* SUG_FAQ: its keywords, folded (owned) */
    size_t nkw;
} sdoc;

struct suggester {
    sqlite3 *db;
    sqlite3_stmt *ins, *q;
    const struct search *fold;
    const faq *faq;
    sdoc *d;
    size_t n, cap;
};

static const char *const kind_names[SUG_KINDS] = {"faq", "guide", "note", "referral"};

const char *sug_kind_name(sug_kind k)
{
    return (unsigned)k < SUG_KINDS ? kind_names[k] : "?";
}

/* How each problem of the referral list is triaged. */
static const char *const problem_cat[REF_PROBLEM_COUNT] = {
    [REF_VIRUS] = "breach",          [REF_MAIL] = "safety",       [REF_MONEY] = "safety",
    [REF_LEAK] = "breach",           [REF_WEB] = "breach",        [REF_POSTS] = "safety",
    [REF_SHOP_BOUGHT] = "safety",    [REF_SHOP_FAKE] = "safety",  [REF_SHOP_CUSTOMERS] = "safety",
    [REF_PREPARE] = "prevention",
};

const char *sug_problem_category(ref_problem p)
{
    return (unsigned)p < REF_PROBLEM_COUNT ? problem_cat[p] : "other";
}

static char *fold(const suggester *s, const char *t)
{
    return search_fold(s->fold, t ? t : "");
}

/* A document: head and body folded into the table; id and title kept. */
static void add_doc(suggester *s, sdoc d, const char *head, const char *body)
{
    char *fh = fold(s, head), *fb = fold(s, body);
    sqlite3_bind_int64(s->ins, 1, (sqlite3_int64)s->n);
    sqlite3_bind_text(s->ins, 2, fh, -1, SQLITE_STATIC);
    sqlite3_bind_text(s->ins, 3, fb, -1, SQLITE_STATIC);
    sqlite3_step(s->ins);
    sqlite3_reset(s->ins);
    free(fh);
    free(fb);
    vec_reserve((void **)&s->d, &s->cap, s->n + 1, sizeof *s->d);
    s->d[s->n++] = d;
}

static void add_faq(suggester *s, const faq *f)
{
    for (size_t i = 0; i < f->n; i++) {
        const faq_item *it = &f->it[i];
        strbuf head;
        strbuf_init(&head);
        strbuf_adds(&head, it->question);
        sdoc d = {.kind = SUG_FAQ, .index = (int)i, .id = xstrdup(it->id),
                  .title = xstrdup(it->question)};
        d.kw = xcalloc(it->nkeywords ? it->nkeywords : 1, sizeof *d.kw);
        for (size_t k = 0; k < it->nkeywords; k++) {
            strbuf_addc(&head, ' ');
            strbuf_adds(&head, it->keywords[k]);
            d.kw[d.nkw++] = fold(s, it->keywords[k]);
        }
        add_doc(s, d, head.s, it->answer);
        strbuf_fini(&head);
    }
}

#define SECTION_MAX 6000 /* bytes of a section's text indexed */

/* Every block's text of b's subtree into the open section. */
static void walk(suggester *s, const guide *g, int ch, const doc_block *b, strbuf *body,
                 char **heading, int *hline)
{
    for (const doc_block *k = b->first; k; k = k->next) {
        if (k->nspans && k->kind != DOC_HTML) {
            char *text = doc_block_text(k);
            if (k->kind == DOC_HEADING && k->level <= 3) {
                if (*heading) { /* the section before ends here */
                    char id[32];
                    snprintf(id, sizeof id, "%d:%d", ch + 1, *hline);
                    strbuf head;
                    strbuf_init(&head);
                    strbuf_adds(&head, g->ch[ch].title);
                    strbuf_addc(&head, ' ');
                    strbuf_adds(&head, *heading);
                    add_doc(s,
                            (sdoc){.kind = SUG_GUIDE, .index = ch, .line = *hline,
                                   .id = xstrdup(id), .title = *heading},
                            head.s, body->s ? body->s : "");
                    strbuf_fini(&head);
                    body->len = 0;
                    if (body->s)
                        body->s[0] = '\0';
                }
                *heading = xstrdup(text);
                *hline = k->line;
            } else if (body->len < SECTION_MAX) {
                strbuf_adds(body, text);
                strbuf_addc(body, '\n');
            }
            free(text);
        }
        walk(s, g, ch, k, body, heading, hline);
    }
}

static void add_guide(suggester *s, const guide *g)
{
    for (size_t i = 0; i < g->n; i++) {
        if (!g->ch[i].doc)
            continue;
        strbuf body;
        strbuf_init(&body);
        char *heading = NULL;
        int hline = 0;
        walk(s, g, (int)i, g->ch[i].doc->root, &body, &heading, &hline);
        /* the last section */
        if (heading) {
            char id[32];
            snprintf(id, sizeof id, "%d:%d", (int)i + 1, hline);
            strbuf head;
            strbuf_init(&head);
            strbuf_adds(&head, g->ch[i].title);
            strbuf_addc(&head, ' ');
            strbuf_adds(&head, heading);
            add_doc(s,
                    (sdoc){.kind = SUG_GUIDE, .index = (int)i, .line = hline, .id = xstrdup(id),
                           .title = heading},
                    head.s, body.s ? body.s : "");
            strbuf_fini(&head);
        }
        strbuf_fini(&body);
    }
}

static void add_problems(suggester *s, const ref_list *r, const faq *f, msg_lang lang)
{
    for (int p = 0; p < REF_PROBLEM_COUNT; p++) {
        const ref_order *o = ref_cards(r, (ref_problem)p);
        if (!o->n)
            continue;
        strbuf head, body;
        strbuf_init(&head);
        strbuf_init(&body);
        strbuf_adds(&head, msg_get(LANG_JA, ref_problem_label((ref_problem)p)));
        strbuf_addc(&head, ' ');
        strbuf_adds(&head, msg_get(LANG_EN, ref_problem_label((ref_problem)p)));
        for (size_t i = 0; i < o->n; i++) {
            strbuf_adds(&body, o->c[i].why ? o->c[i].why : "");
            strbuf_addc(&body, '\n');
        }
        /* the FAQ's questions for this problem say it as visitors do */
        for (size_t i = 0; f && i < f->n; i++)
            if (f->it[i].problems & (1u << p)) {
                strbuf_adds(&head, " ");
                strbuf_adds(&head, f->it[i].question);
            }
        add_doc(s,
                (sdoc){.kind = SUG_REFERRAL, .index = p, .id = xstrdup(ref_problem_code((ref_problem)p)),
                       .title = xstrdup(msg_get(lang, ref_problem_label((ref_problem)p)))},
                head.s, body.s ? body.s : "");
        strbuf_fini(&head);
        strbuf_fini(&body);
    }
}

suggester *sug_open(const faq *f, const guide *g, const ref_list *r, const struct search *fold,
                    msg_lang lang, char *err, size_t errsize)
{
    suggester *s = xcalloc(1, sizeof *s);
    s->fold = fold;
    s->faq = f;
    if (sqlite3_open(":memory:", &s->db) != SQLITE_OK ||
        sqlite3_exec(s->db, "CREATE VIRTUAL TABLE d USING fts5(head, body, tokenize='trigram')",
                     NULL, NULL, NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db, "INSERT INTO d(rowid, head, body) VALUES(?,?,?)", -1, &s->ins,
                           NULL) != SQLITE_OK ||
        sqlite3_prepare_v2(s->db,
                           "SELECT rowid, bm25(d, 4.0, 1.0) FROM d WHERE d MATCH ? ORDER BY 2"
                           " LIMIT 400",
                           -1, &s->q, NULL) != SQLITE_OK) {
        snprintf(err, errsize, "%s", s->db ? sqlite3_errmsg(s->db) : "sqlite");
        sug_close(s);
        return NULL;
    }
    sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
    if (f)
        add_faq(s, f);
    if (g)
        add_guide(s, g);
    if (r)
        add_problems(s, r, f, lang);
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
    return s;
}

void sug_add_notes(suggester *s, const note *v, size_t n)
{
    sqlite3_exec(s->db, "BEGIN", NULL, NULL, NULL);
    for (size_t i = 0; i < n; i++) {
        if (!v[i].question || !*v[i].question)
            continue;
        strbuf body;
        strbuf_init(&body);
        strbuf_adds(&body, v[i].answer ? v[i].answer : "");
        strbuf_addc(&body, '\n');
        strbuf_adds(&body, v[i].memo ? v[i].memo : "");
        add_doc(s,
                (sdoc){.kind = SUG_NOTE, .index = (int)i, .id = xstrdup(v[i].id),
                       .title = xstrdup(v[i].question)},
                v[i].question, body.s);
        strbuf_fini(&body);
    }
    sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL);
}

void sug_close(suggester *s)
{
    if (!s)
        return;
    sqlite3_finalize(s->ins);
    sqlite3_finalize(s->q);
    sqlite3_close(s->db);
    for (size_t i = 0; i < s->n; i++) {
        free(s->d[i].id);
        free(s->d[i].title);
        strv_free(s->d[i].kw, s->d[i].nkw);
    }
    free(s->d);
    free(s);
}

/* Not worth a trigram: spaces, and the marks between words. */
static bool is_break(uint32_t c)
{
    if (c <= ' ' || (c < 0x80 && !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))))
        return true;
    return (c >= 0x3000 && c <= 0x3003) || (c >= 0x3008 && c <= 0x3011) || c == 0x30FB ||
           (c >= 0xFF01 && c <= 0xFF0F) || c == 0xFF1F || c == 0x2026;
}

#define MAX_GRAMS 96

/* The MATCH expression of folded text: its distinct trigrams, ORed (kana
 * ones too: a question typed in kana has nothing else); NULL for none. */
static char *grams(const char *t)
{
    size_t len = strlen(t), at[3] = {0}, k = 0;
    char *seen[MAX_GRAMS];
    size_t ns = 0;
    strbuf m;
    strbuf_init(&m);
    for (size_t i = 0; i < len && ns < MAX_GRAMS;) {
        size_t start = i;
        uint32_t c = utf8_next(t, len, &i);
        if (is_break(c)) {
            k = 0;
            continue;
        }
        if (k < 3)
            at[k++] = start;
        else {
            at[0] = at[1];
            at[1] = at[2];
            at[2] = start;
        }
        if (k < 3)
            continue;
        char *g = xstrndup(t + at[0], i - at[0]);
        bool dup = false;
        for (size_t j = 0; j < ns && !dup; j++)
            dup = !strcmp(seen[j], g);
        if (dup) {
            free(g);
            continue;
        }
        seen[ns++] = g;
        if (m.len)
            strbuf_adds(&m, " OR ");
        strbuf_addc(&m, '"');
        strbuf_adds(&m, g); /* no '"' in it: ASCII marks are breaks */
        strbuf_addc(&m, '"');
    }
    for (size_t j = 0; j < ns; j++)
        free(seen[j]);
    if (!m.len) {
        strbuf_fini(&m);
        return NULL;
    }
    return strbuf_take(&m);
}

static const size_t per_kind[SUG_KINDS] = {3, 3, 3, 2};

/* A keyword of the item's classification in the question: worth about as
 * much as a good bm25 match (measured on tests/data/suggest_questions.tsv:
 * 0 gives 42 of 52 first, 6 gives 43, 10 no better). */
#define KEYWORD_BONUS 6.0

static int by_score(const void *x, const void *y)
{
    const sug_hit *a = x, *b = y;
    return a->score > b->score ? -1 : a->score < b->score;
}

size_t sug_run(suggester *s, const char *text, unsigned kinds, sug_result *out)
{
    memset(out, 0, sizeof *out);
    char *ft = fold(s, text);
    char *m = grams(ft);
    if (!m) {
        free(ft);
        return 0;
    }
    /* Every match, scored by bm25; FAQ items also by their keywords in the
     * text. */
    size_t cap = 0, nc = 0;
    sug_hit *c = NULL;
    sqlite3_bind_text(s->q, 1, m, -1, SQLITE_STATIC);
    while (sqlite3_step(s->q) == SQLITE_ROW) {
        sqlite3_int64 row = sqlite3_column_int64(s->q, 0);
        if (row < 0 || (size_t)row >= s->n)
            continue;
        const sdoc *d = &s->d[row];
        if (!(kinds & (1u << d->kind)))
            continue;
        double score = -sqlite3_column_double(s->q, 1);
        for (size_t k = 0; k < d->nkw; k++)
            if (*d->kw[k] && strstr(ft, d->kw[k]))
                score += KEYWORD_BONUS;
        vec_reserve((void **)&c, &cap, nc + 1, sizeof *c);
        c[nc++] = (sug_hit){d->kind, d->index, d->line, d->id, d->title, score};
    }
    sqlite3_reset(s->q);
    sqlite3_clear_bindings(s->q);
    free(m);
    if (nc)
        qsort(c, nc, sizeof *c, by_score);
    /* The best few of each kind, best first across kinds. */
    size_t taken[SUG_KINDS] = {0};
    for (size_t i = 0; i < nc && out->n < SUG_MAX; i++)
        if (taken[c[i].kind] < per_kind[c[i].kind]) {
            taken[c[i].kind]++;
            out->hit[out->n++] = c[i];
        }
    /* The category: the FAQ items found vote for theirs, the problems for
     * how they are triaged; the first FAQ item weighs most. */
    double vote[16] = {0};
    size_t nf = 0, np = 0;
    for (size_t i = 0; i < nc; i++) {
        const char *cat = NULL;
        double w = 0;
        if (c[i].kind == SUG_FAQ && nf < 3 && s->faq) {
            cat = s->faq->it[c[i].index].category;
            w = c[i].score / (double)(1 + nf++);
        } else if (c[i].kind == SUG_REFERRAL && np < 1) {
            cat = sug_problem_category((ref_problem)c[i].index);
            w = c[i].score * 0.5;
            np++;
        }
        int k = cat ? rec_code_index(rec_find("category"), cat) : -1;
        if (k >= 0 && k < 16)
            vote[k] += w;
    }
    int best = -1;
    for (size_t k = 0; k < rec_ncategories && k < 16; k++)
        if (vote[k] > 0 && (best < 0 || vote[k] > vote[best]))
            best = (int)k;
    out->category = best >= 0 ? rec_categories[best].code : NULL;
    free(c);
    free(ft);
    return out->n;
}
