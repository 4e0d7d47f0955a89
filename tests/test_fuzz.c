/*
 * Seeded fuzzing without clang: the golden inputs, mutated (bytes flipped,
 * inserted, deleted, Markdown punctuation spliced in) a few thousand times,
 * each parsed and laid out under ASan/UBSan; layout invariants must hold.
 * tests/fuzz/fuzz_doc.c is the libFuzzer target for longer runs.
 */
#include <dirent.h>

#include "fuzz/fuzz_targets.h" /* and fuzz_body.h */
#include "test.h"

static uint64_t rng = 0x9E3779B97F4A7C15u;

static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static void mutate(strbuf *b)
{
    static const char *const tokens[] = {
        "\n---\n", "|", "\n| a | b |\n|---|---|\n", "**", "*", "`", "```\n", "> ", "- ", "1. ",
        "![x](", ")", "[", "](", "<!--", "-->", "\n\n", "  \n", "「", "」", "。", "\xff", "\xe3\x81",
        "&amp;", "&#x1F600;", "\t", "    ", "#", "\\", "\0"};
    int ops = 1 + (int)(next_rand() % 8);
    for (int k = 0; k < ops; k++) {
        size_t pos = b->len ? next_rand() % (b->len + 1) : 0;
        switch (next_rand() % 4) {
        case 0: /* flip a byte */
            if (b->len)
                b->s[pos % b->len] ^= (char)(1u << (next_rand() % 8));
            break;
        case 1: { /* delete a few bytes */
            size_t n = next_rand() % 8;
            if (pos + n > b->len)
                n = b->len - pos;
            memmove(b->s + pos, b->s + pos + n, b->len - pos - n);
            b->len -= n;
            b->s[b->len] = '\0';
            break;
        }
        default: { /* splice a token in */
            const char *t = tokens[next_rand() % MG_ARRAY_LEN(tokens)];
            size_t n = strlen(t) ? strlen(t) : 1;
            strbuf tail;
            strbuf_init(&tail);
            strbuf_add(&tail, b->s + pos, b->len - pos);
            b->len = pos;
            strbuf_add(b, t, n);
            strbuf_add(b, tail.s ? tail.s : "", tail.len);
            strbuf_fini(&tail);
            break;
        }
        }
    }
}

TEST(mutated_golden_inputs)
{
    const char *src = getenv("MG_SOURCE_DIR");
    char *dir = path_join(src ? src : "..", "tests/data/doc");
    DIR *dh = opendir(dir);
    CHECK(dh != NULL);
    lb *l = lb_new();
    int runs = 0, bad = 0;
    struct dirent *de;
    while (dh && (de = readdir(dh))) {
        size_t nl = strlen(de->d_name);
        if (nl < 4 || strcmp(de->d_name + nl - 3, ".md") != 0)
            continue;
        char *path = path_join(dir, de->d_name);
        size_t n;
        char *seed = read_file(path, &n);
        CHECK(seed != NULL);
        for (int i = 0; seed && i < 2000; i++) {
            strbuf b;
            strbuf_init(&b);
            strbuf_add(&b, seed, n);
            mutate(&b);
            int k = fuzz_one(b.s, b.len, l);
            if (k) {
                /* Kept, to become a regression input in tests/data/doc. */
                char keep[64];
                snprintf(keep, sizeof keep, "fuzz-broken-%d.md", bad);
                char err[256];
                write_file_atomic(keep, b.s, b.len, err, sizeof err);
                fprintf(stderr, "invariant broken on a mutation of %s (kept as %s):\n%.*s\n",
                        de->d_name, keep, (int)b.len, b.s);
                bad += k;
            }
            runs++;
            strbuf_fini(&b);
        }
        free(seed);
        free(path);
    }
    if (dh)
        closedir(dh);
    lb_free(l);
    free(dir);
    CHECK(runs >= 10000);
    CHECK_INT(bad, 0);
}

/* One input through the body for corpus name (see fuzz_targets.h). */
static int run_target(const char *name, const char *data, size_t size, lb *l)
{
    const uint8_t *b = (const uint8_t *)data;
    if (!strcmp(name, "deck"))
        return fuzz_deck(b, size, l);
    if (!strcmp(name, "epub"))
        return fuzz_epub(b, size);
    if (!strcmp(name, "opf"))
        return fuzz_epub_part(b, size, true);
    if (!strcmp(name, "xhtml"))
        return fuzz_epub_part(b, size, false);
    if (!strcmp(name, "ini"))
        return fuzz_ini(b, size);
    return fuzz_pic(b, size);
}

TEST(replay_parser_corpora)
{
    /* Every seed of tests/fuzz/corpus/<target>/ as it is, then mutated: the
     * libFuzzer targets' inputs under this build's ASan/UBSan, so CI runs
     * them without clang.  Findings of `make fuzz` are added to the corpora. */
    static const struct {
        const char *name;
        int mutations;
    } targets[] = {{"deck", 300}, {"epub", 150}, {"opf", 300}, {"xhtml", 300}, {"ini", 300},
                   {"pic", 1000}};
    const char *src = getenv("MG_SOURCE_DIR");
    lb *l = lb_new();
    for (size_t t = 0; t < MG_ARRAY_LEN(targets); t++) {
        char rel[64];
        snprintf(rel, sizeof rel, "tests/fuzz/corpus/%s", targets[t].name);
        char *dir = path_join(src ? src : "..", rel);
        size_t n = 0;
        char **names = dir_list(dir, "", &n);
        CHECK(names && n > 0);
        int runs = 0, bad = 0;
        for (size_t i = 0; names && i < n; i++) {
            char *path = path_join(dir, names[i]);
            size_t len;
            char *seed = read_file(path, &len);
            CHECK(seed != NULL);
            bad += seed ? run_target(targets[t].name, seed, len, l) : 0;
            for (int k = 0; seed && k < targets[t].mutations; k++) {
                strbuf b;
                strbuf_init(&b);
                strbuf_add(&b, seed, len);
                mutate(&b);
                int e = run_target(targets[t].name, b.s ? b.s : "", b.len, l);
                if (e)
                    fprintf(stderr, "%s: invariant broken on a mutation of %s\n", targets[t].name,
                            names[i]);
                bad += e;
                runs++;
                strbuf_fini(&b);
            }
            free(seed);
            free(path);
        }
        printf("%s: %zu seeds, %d mutations\n", targets[t].name, n, runs);
        CHECK_INT(bad, 0);
        strv_free(names, n);
        free(dir);
    }
    lb_free(l);
    fz_cleanup();
}

int main(void)
{
    /* xorshift must not start from zero */
    rng = test_seed("mutations", 1) * 0x9E3779B97F4A7C15u | 1;
    RUN(mutated_golden_inputs);
    RUN(replay_parser_corpora);
    return test_summary();
}
