/*
 * The self-check and FAQ loaders against broken files: the bundled ones
 * mutated a few thousand times (bytes flipped, lines cut, INI punctuation,
 * NUL bytes and over-long lines spliced in), each loaded under ASan and
 * UBSan.  Whatever is kept must be whole: every field a question or an
 * item needs is there, areas and referral ids resolve, scoring and the
 * chart stay in range.
 */
#include <unistd.h>

#include "../app/core/faq.h"
#include "../app/core/selfcheck.h"
#include "../app/core/util.h"
#include "test.h"

static uint64_t rng;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void mutate(strbuf *b)
{
    static const char *const tokens[] = {"[", "]", "=", "\n", "\n[q01]\n", "\n[area:x]\n", ";",
                                         "#", "  ", "\t", "\xff", "\xe3\x81", ",", "、",
                                         "\nreferrals = nobody\n", "\nchapter = 99\n", "\0"};
    int ops = 1 + (int)(next_rand() % 6);
    for (int k = 0; k < ops; k++) {
        size_t pos = b->len ? next_rand() % (b->len + 1) : 0;
        switch (next_rand() % 5) {
        case 0:
            if (b->len)
                b->s[pos % b->len] ^= (char)(1u << (next_rand() % 8));
            break;
        case 1: { /* cut a stretch */
            size_t n = next_rand() % 200;
            if (pos + n > b->len)
                n = b->len - pos;
            memmove(b->s + pos, b->s + pos + n, b->len - pos - n);
            b->len -= n;
            b->s[b->len] = '\0';
            break;
        }
        case 2: { /* an over-long line */
            strbuf t;
            strbuf_init(&t);
            strbuf_add(&t, b->s + pos, b->len - pos);
            b->len = pos;
            for (int i = 0; i < 300; i++)
                strbuf_addc(b, 'x');
            strbuf_add(b, t.s ? t.s : "", t.len);
            strbuf_fini(&t);
            break;
        }
        default: {
            const char *tok = tokens[next_rand() % MG_ARRAY_LEN(tokens)];
            size_t n = strlen(tok) ? strlen(tok) : 1;
            strbuf t;
            strbuf_init(&t);
            strbuf_add(&t, b->s + pos, b->len - pos);
            b->len = pos;
            strbuf_add(b, tok, n);
            strbuf_add(b, t.s ? t.s : "", t.len);
            strbuf_fini(&t);
            break;
        }
        }
    }
}

static const char *const chapters[] = {"01-hajimeni", "02-kougeki", "03-taisaku", "04-junbi",
                                       "05-moshimo",  "06-soudan",  "07-jirei",   "08-yougo"};

static int fixed_width(void *ctx, const char *t, size_t len, int size, unsigned style)
{
    return (int)len * size / 2;
}
static int fixed_ascent(void *ctx, int size)
{
    return size;
}

static bool whole_selfcheck(const selfcheck *s)
{
    for (size_t i = 0; i < s->n; i++) {
        const sc_question *q = &s->q[i];
        if (!q->id || !q->text || !*q->text || !q->tip || !*q->tip || !q->chapter ||
            q->area < 0 || (size_t)q->area >= s->nareas || (unsigned)q->part >= SC_PART_COUNT ||
            (unsigned)q->func >= SC_FUNC_COUNT)
            return false;
    }
    for (size_t i = 0; i < s->nareas; i++)
        if (!s->areas[i].name || !*s->areas[i].name)
            return false;
    /* scoring and the chart stay in range on any answers */
    sc_answer *a = xcalloc(s->n ? s->n : 1, sizeof *a);
    for (size_t i = 0; i < s->n; i++)
        a[i] = (sc_answer)(next_rand() % SC_ANSWER_COUNT);
    sc_score sc;
    sc_score_answers(s, a, &sc);
    free(a);
    if (sc.max != (int)s->n * 4 || sc.total > sc.max || sc.total < -(int)s->n || sc.nweak > 3)
        return false;
    for (int i = 0; i < sc.nweak; i++)
        if (sc.weak_q[i] < 0 || (size_t)sc.weak_q[i] >= s->n ||
            s->q[sc.weak_q[i]].area != sc.weak_area[i])
            return false;
    lay_metrics m = {NULL, fixed_width, fixed_ascent, fixed_ascent, NULL};
    lay_ctx c = {&m, NULL};
    lay_result r;
    lay_init(&r);
    sc_chart(&r, &c, &sc, LANG_JA, 0, 0, 1000, 20);
    bool ok = true;
    for (size_t i = 0; i < r.n; i++)
        ok &= r.items[i].x >= 0 && r.items[i].x + r.items[i].w <= 1000;
    lay_fini(&r);
    return ok;
}

static bool whole_faq(const faq *f, const ref_list *refs)
{
    for (size_t i = 0; i < f->n; i++) {
        const faq_item *it = &f->it[i];
        if (!it->question || !it->answer || !it->sources || !it->nrefs || !it->nkeywords)
            return false;
        for (size_t k = 0; k < it->nrefs; k++)
            if (!ref_find(refs, it->refs[k]))
                return false;
    }
    return true;
}

static void fuzz(const char *src, const char *file, bool is_faq, int rounds)
{
    char *path = path_join(src, file);
    size_t n;
    char *seed = read_file(path, &n);
    free(path);
    CHECK(seed != NULL);
    ref_list refs = {0};
    char *rp = path_join(src, "assets/referrals.ini");
    ref_load(&refs, rp, NULL);
    free(rp);
    char tmp[] = "/tmp/mg-inifuzz-XXXXXX";
    int fd = mkstemp(tmp);
    CHECK(fd >= 0);
    close(fd);
    int bad = 0;
    for (int i = 0; seed && i < rounds; i++) {
        strbuf b;
        strbuf_init(&b);
        strbuf_add(&b, seed, n);
        mutate(&b);
        FILE *fp = fopen(tmp, "wb"); /* no fsync: thousands of files */
        CHECK(fp && fwrite(b.s, 1, b.len, fp) == b.len);
        if (fp)
            fclose(fp);
        diag_list d;
        diag_init(&d, LANG_EN);
        bool ok;
        if (is_faq) {
            faq f;
            faq_load(&f, tmp, &refs, chapters, MG_ARRAY_LEN(chapters), &d);
            ok = whole_faq(&f, &refs);
            faq_fini(&f);
        } else {
            selfcheck s;
            sc_load(&s, tmp, chapters, MG_ARRAY_LEN(chapters), &d);
            ok = whole_selfcheck(&s);
            sc_fini(&s);
        }
        /* every message names the file */
        for (size_t k = 0; k < d.n; k++)
            ok &= !strcmp(d.items[k].file, tmp);
        if (!ok && bad++ < 3)
            fprintf(stderr, "a mutation of %s kept something broken:\n%.*s\n", file, (int)b.len,
                    b.s);
        diag_fini(&d);
        strbuf_fini(&b);
    }
    CHECK_INT(bad, 0);
    unlink(tmp);
    ref_fini(&refs);
    free(seed);
}

TEST(selfcheck_mutations)
{
    fuzz(getenv("MG_SOURCE_DIR"), "assets/selfcheck.ini", false, 800);
}

TEST(faq_mutations)
{
    fuzz(getenv("MG_SOURCE_DIR"), "assets/faq.ini", true, 800);
}

int main(void)
{
    if (!getenv("MG_SOURCE_DIR"))
        return 1;
    rng = test_seed("ini mutations", 20261201) * 0x9E3779B97F4A7C15u | 1;
    RUN(selfcheck_mutations);
    RUN(faq_mutations);
    return test_summary();
}
