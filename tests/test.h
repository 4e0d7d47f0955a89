/*
 * test.h - the minimal assert harness our C tests share.
 *
 *   TEST(name) { CHECK(x); CHECK_INT(a, b); CHECK_STR(a, b); }
 *   int main(void) { RUN(name); return test_summary(); }
 *
 * A failed check prints file:line and the values, the test goes on, and
 * test_summary() prints "N passed, N failed" and returns non-zero when
 * anything failed.
 */
#ifndef MG_TEST_H
#define MG_TEST_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int test_checks, test_failures, test_cur_failed, test_passed, test_failed;

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        test_checks++;                                                                             \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);               \
            test_failures++;                                                                       \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_INT(a, b)                                                                            \
    do {                                                                                           \
        long long va_ = (long long)(a), vb_ = (long long)(b);                                      \
        test_checks++;                                                                             \
        if (va_ != vb_) {                                                                          \
            fprintf(stderr, "%s:%d: %s == %s failed: %lld != %lld\n", __FILE__, __LINE__, #a, #b,  \
                    va_, vb_);                                                                     \
            test_failures++;                                                                       \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *sa_ = (a), *sb_ = (b);                                                         \
        test_checks++;                                                                             \
        if (!sa_ || !sb_ || strcmp(sa_, sb_) != 0) {                                               \
            fprintf(stderr, "%s:%d: %s == %s failed:\n  got:      \"%s\"\n  expected: \"%s\"\n",   \
                    __FILE__, __LINE__, #a, #b, sa_ ? sa_ : "(null)", sb_ ? sb_ : "(null)");      \
            test_failures++;                                                                       \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                                                \
    do {                                                                                           \
        const char *h_ = (hay), *n_ = (needle);                                                    \
        test_checks++;                                                                             \
        if (!h_ || !strstr(h_, n_)) {                                                              \
            fprintf(stderr, "%s:%d: \"%s\" not found in:\n%s\n", __FILE__, __LINE__, n_,           \
                    h_ ? h_ : "(null)");                                                           \
            test_failures++;                                                                       \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

#define TEST(name) static void test_##name(void)

#define RUN(name)                                                                                  \
    do {                                                                                           \
        test_cur_failed = 0;                                                                       \
        test_##name();                                                                             \
        if (test_cur_failed) {                                                                     \
            test_failed++;                                                                         \
            fprintf(stderr, "FAIL %s\n", #name);                                                   \
        } else {                                                                                   \
            test_passed++;                                                                         \
        }                                                                                          \
    } while (0)

/* True under MG_NO_SKIP=1 (.ci/run sets it): CI installs everything the
 * tests need, so there a test that cannot run is a failure, not a skip. */
static inline bool test_no_skip(void)
{
    const char *e = getenv("MG_NO_SKIP");
    return e && strcmp(e, "1") == 0;
}

/* Say why a test cannot run here; under MG_NO_SKIP=1 that fails it. */
#define TEST_SKIP(why)                                                                             \
    do {                                                                                           \
        printf("skipped: %s\n", (why));                                                            \
        if (test_no_skip()) {                                                                      \
            fprintf(stderr, "%s:%d: skipped under MG_NO_SKIP=1: %s\n", __FILE__, __LINE__, (why));  \
            test_failures++;                                                                       \
            test_cur_failed = 1;                                                                   \
        }                                                                                          \
    } while (0)

/* In a forked child: count only the child's own failures from here on (the
 * parent's are in the copy of the counters the child starts with). */
static inline void test_child_start(void)
{
    test_failures = test_checks = test_cur_failed = 0;
}

/* The exit status a child reports its failures with: never above 99, so a
 * count can never read as one of the codes above it. */
static inline int test_child_status(int failures)
{
    return failures > 99 ? 99 : failures;
}

/* The seed for a test's random choices: MG_SEED when set (to replay a
 * failure, or to explore), else fixed (nonzero: the same inputs every run,
 * so CI never goes red by chance), else (fixed 0) a new one from the
 * clock.  Printed either way, so any failure can be replayed exactly. */
static inline unsigned long long test_seed(const char *what, unsigned long long fixed)
{
    const char *e = getenv("MG_SEED");
    unsigned long long seed = e && *e ? strtoull(e, NULL, 0)
                              : fixed ? fixed
                                      : (unsigned long long)time(NULL);
    printf("%s: seed %llu (replay with MG_SEED=%llu)\n", what, seed, seed);
    return seed;
}

static inline int test_summary(void)
{
    printf("%d checks; %d passed, %d failed\n", test_checks, test_passed, test_failed);
    if (test_checks == 0) {
        fprintf(stderr, "no checks ran\n");
        return 1;
    }
    return test_failed ? 1 : 0;
}

#endif
