/* The staff PIN: Argon2id hashes, and the lockout policy on a fake clock. */
#define _GNU_SOURCE
#include "../app/core/pin.h"
#include "../app/core/store.h"

#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>
#include "test.h"

TEST(hash_and_check)
{
    CHECK(pin_valid("123456"));
    CHECK(pin_valid("123456789012"));
    CHECK(!pin_valid("12345")); /* four or five digits are too few to guess at */
    CHECK(!pin_valid("1234"));
    CHECK(!pin_valid("123"));
    CHECK(!pin_valid("1234567890123"));
    CHECK(!pin_valid("12a456"));
    CHECK(!pin_valid(""));
    char h[PIN_HASH_MAX];
    CHECK(pin_hash("2468", h));
    CHECK(strncmp(h, "$argon2id$", 10) == 0); /* only the hash is kept */
    CHECK(strstr(h, "2468") == NULL);
    CHECK(pin_check(h, "2468"));
    CHECK(!pin_check(h, "2469"));
    CHECK(!pin_check(NULL, "2468"));
    CHECK(!pin_check("garbage", "2468"));
}

TEST(wrong_pins_wait_longer_then_lock)
{
    pin_guard g = {0};
    long long t = 1000000;
    CHECK_INT(pin_wait(&g, t), 0);
    /* 1, 2, 4, 8 seconds after the first four wrong PINs */
    long long expect[] = {1000, 2000, 4000, 8000};
    for (int i = 0; i < 4; i++) {
        pin_record(&g, false, t);
        CHECK_INT(pin_wait(&g, t), expect[i]);
        CHECK_INT(pin_wait(&g, t + expect[i] - 1), 1);
        t += expect[i];
        CHECK_INT(pin_wait(&g, t), 0);
    }
    /* the fifth to the ninth: a minute's lock each */
    for (int i = 5; i <= 9; i++) {
        pin_record(&g, false, t);
        CHECK(g.locked);
        CHECK_INT(pin_wait(&g, t), 60000);
        CHECK_INT(pin_wait(&g, t + 59999), 1);
        t += 60000;
        CHECK_INT(pin_wait(&g, t), 0);
    }
    /* from the tenth an hour: the count does not start over after a lock */
    for (int i = 10; i <= 12; i++) {
        pin_record(&g, false, t);
        CHECK_INT(g.failures, i);
        CHECK_INT(pin_wait(&g, t), 3600000);
        t += 3600000;
    }
    /* the wall clock set back a year: the wait is still at most an hour */
    CHECK_INT(pin_wait(&g, t - 3600000 - 365LL * 86400000), 3600000);
    /* a right PIN clears everything */
    t += 1000;
    pin_record(&g, true, t);
    CHECK_INT(g.failures, 0);
    CHECK_INT(pin_wait(&g, t), 0);
}

/* The count and the lock live in the database: what a restart reads back. */
TEST(guard_kept_in_the_store)
{
    char dir[] = "/tmp/mgpinXXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char db[256], err[256];
    snprintf(db, sizeof db, "%s/n.db", dir);
    store *s = store_open(db, err, sizeof err);
    CHECK(s != NULL);
    pin_guard g;
    CHECK(pin_guard_load(s, &g, err, sizeof err));
    CHECK_INT(g.failures, 0); /* nothing kept yet */
    long long t = INT64_C(1780000000000);
    for (int i = 0; i < 6; i++)
        pin_record(&g, false, t);
    CHECK(pin_guard_save(s, &g, err, sizeof err));
    store_close(s);
    s = store_open(db, err, sizeof err);
    pin_guard back;
    CHECK(s && pin_guard_load(s, &back, err, sizeof err));
    CHECK_INT(back.failures, 6);
    CHECK(back.locked);
    CHECK_INT(pin_wait(&back, t), 60000);
    store_close(s);
    remove(db);
    rmdir(dir);
}

int main(void)
{
    RUN(hash_and_check);
    RUN(wrong_pins_wait_longer_then_lock);
    RUN(guard_kept_in_the_store);
    return test_summary();
}
