/* The referral quick list: the bundled file, and a broken one with file:line messages. */
#include "../app/core/referrals.h"
#include "../app/core/util.h"
#include "bounded.h"
#include "test.h"

static const char *src;

static bool has_diag(const diag_list *d, int line, const char *text)
{
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].line == line && strstr(d->items[i].text, text))
            return true;
    fprintf(stderr, "no diagnostic at line %d containing \"%s\"; have:\n", line, text);
    diag_print(d, stderr);
    return false;
}

TEST(bundled_list)
{
    char *path = path_join(src, "assets/referrals.ini");
    diag_list d;
    diag_init(&d, LANG_EN);
    ref_list l;
    CHECK_INT(ref_load(&l, path, &d), 18);
    if (d.n)
        diag_print(&d, stderr);
    CHECK_INT(d.n, 0);
    /* the ids shared/facts/referrals.md names, with their numbers */
    static const char *const ids[] = {"ipa-anshin", "ipa-corp", "ipa-todokede", "mpd-cyber",
                                      "police-9110", "npa-online", "consumer-188", "jpcert",
                                      "ppc-leak", "antiphishing", "ihaho", "otasuketai",
                                      "tokyo-desk", "houterasu"};
    for (size_t i = 0; i < MG_ARRAY_LEN(ids); i++)
        CHECK(ref_find(&l, ids[i]) != NULL);
    CHECK_STR(ref_find(&l, "mpd-cyber")->phone, "03-5805-1731");
    CHECK_STR(ref_find(&l, "ipa-anshin")->phone, "03-5978-7509");
    CHECK(ref_find(&l, "tokyo-desk")->verify);
    /* The first card of each problem, as the guidebook's table names it.  A
     * change here is a change of advice: make it in referrals.ini and here,
     * together and on purpose. */
    static const char *const first[REF_PROBLEM_COUNT] = {
        [REF_VIRUS] = "ipa-corp",         [REF_MAIL] = "antiphishing",
        [REF_MONEY] = "bank",             [REF_LEAK] = "ppc-leak",
        [REF_WEB] = "jpcert",             [REF_POSTS] = "ihaho",
        [REF_SHOP_BOUGHT] = "bank",       [REF_SHOP_FAKE] = "antiphishing",
        [REF_SHOP_CUSTOMERS] = "consumer-188", [REF_PREPARE] = "tokyo-desk",
    };
    for (int p = 0; p < REF_PROBLEM_COUNT; p++) {
        const ref_order *o = ref_cards(&l, (ref_problem)p);
        CHECK(o->n >= 2); /* somewhere to go, and somewhere after that */
        if (o->n)
            CHECK_STR(o->c[0].id, first[p]);
        for (size_t i = 0; i < o->n; i++) {
            CHECK(o->c[i].a != NULL);
            CHECK(o->c[i].why && *o->c[i].why);
            CHECK(o->c[i].a->problems & (1u << p));
        }
    }
    /* the card company and the bank come where the first step is theirs */
    CHECK_STR(ref_cards(&l, REF_MAIL)->c[1].id, "card");
    /* a company's legal question goes to a lawyer before 法テラス */
    const ref_order *posts = ref_cards(&l, REF_POSTS);
    size_t lawyer = 99, terasu = 99;
    for (size_t i = 0; i < posts->n; i++) {
        if (!strcmp(posts->c[i].id, "lawyer"))
            lawyer = i;
        if (!strcmp(posts->c[i].id, "houterasu"))
            terasu = i;
    }
    CHECK(lawyer < terasu);
    /* the IPA corporate desk's address is printed, and marked to confirm */
    CHECK(strstr(ref_find(&l, "ipa-corp")->hours, "cs-support@ipa.go.jp") != NULL);
    CHECK(ref_find(&l, "ipa-corp")->verify);
    CHECK(ref_cards(&l, REF_PROBLEM_COUNT)->n == 0);
    ref_fini(&l);
    diag_fini(&d);
    free(path);
}

TEST(broken_list)
{
    char *path = path_join(src, "tests/data/refs/broken.ini");
    diag_list d;
    diag_init(&d, LANG_EN);
    ref_list l;
    CHECK_INT(ref_load(&l, path, &d), 2);
    CHECK_STR(l.a[0].id, "good-one");
    CHECK_STR(l.a[0].name, "良い窓口");
    CHECK(has_diag(&d, 8, "an id takes lower-case letters"));
    CHECK(has_diag(&d, 12, "duplicate id: good-one"));
    CHECK(has_diag(&d, 6, "good-one: problems = is not read any more"));
    CHECK(has_diag(&d, 24, "not valid INI"));
    CHECK(has_diag(&d, 16, "no-name has no name"));
    CHECK(has_diag(&d, 20, "no-contact has no phone / web"));
    /* the lists */
    CHECK(has_diag(&d, 28, "no agency with id nobody ([problem:virus])"));
    CHECK(has_diag(&d, 29, "good-one is twice in [problem:virus]"));
    CHECK(has_diag(&d, 32, "[problem:mail] lists no agency"));
    CHECK(has_diag(&d, 34, "unknown problem code: nonsense"));
    CHECK(has_diag(&d, 38, "good-one has no why-line in [problem:money]"));
    CHECK(has_diag(&d, 0, "[problem:leak] lists no agency")); /* no section at all */
    /* a line longer than inih reads is named as such, and the lines after it keep their numbers */
    CHECK(has_diag(&d, 41, "line too long"));
    CHECK(has_diag(&d, 40, "long-one is in no [problem:...] list"));
    CHECK_INT(ref_find(&l, "long-one") ? ref_find(&l, "long-one")->line : 0, 40);
    /* the refused entry's card is dropped; the good one stays, first */
    const ref_order *v = ref_cards(&l, REF_VIRUS);
    CHECK_INT(v->n, 1);
    if (v->n)
        CHECK_STR(v->c[0].why, "最初に");
    CHECK(l.a[0].problems == ((1u << REF_VIRUS) | (1u << REF_MONEY)));
    ref_fini(&l);
    diag_fini(&d);
    free(path);
    diag_init(&d, LANG_EN);
    CHECK_INT(ref_load(&l, "/nonexistent.ini", &d), 0);
    CHECK_INT(d.n, 1);
    diag_fini(&d);
}

/* 100,000 sections (and one duplicate at the end): loaded in well under
 * a second, where a duplicate check against every earlier id took >30 s. */
static int many_child(void *arg)
{
    const char *path = arg;
    int f0 = test_failures;
    diag_list d;
    diag_init(&d, LANG_EN);
    ref_list l;
    CHECK_INT(ref_load(&l, path, &d), 100000);
    CHECK(has_diag(&d, 400001, "duplicate id: a0"));
    ref_fini(&l);
    diag_fini(&d);
    return test_failures - f0;
}

TEST(hundred_thousand_sections)
{
    char path[] = "/tmp/mg-refs-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    FILE *f = fdopen(fd, "w");
    for (int i = 0; i < 100000; i++)
        fprintf(f, "[a%d]\nname = n\nphone = 1\nchecked = 2026-01-01\n", i);
    fprintf(f, "[a0]\nname = again\n");
    fclose(f);
    CHECK(bounded_run("100,000 referral sections", many_child, path, 5, 400));
    unlink(path);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    if (!src)
        src = "..";
    RUN(bundled_list);
    RUN(broken_list);
    RUN(hundred_thousand_sections);
    return test_summary();
}
