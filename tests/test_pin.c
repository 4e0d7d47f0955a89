/* The staff PIN: Argon2id hashes, and the lockout policy on a fake clock. */
#include "../app/core/pin.h"
#include "test.h"

TEST(hash_and_check)
{
    CHECK(pin_valid("1234"));
    CHECK(pin_valid("123456789012"));
    CHECK(!pin_valid("123"));
    CHECK(!pin_valid("1234567890123"));
    CHECK(!pin_valid("12a4"));
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
    /* the fifth: a minute's lock */
    pin_record(&g, false, t);
    CHECK(g.locked);
    CHECK_INT(pin_wait(&g, t), 60000);
    CHECK_INT(pin_wait(&g, t + 59999), 1);
    t += 60000;
    CHECK_INT(pin_wait(&g, t), 0);
    /* after the lock, counting starts over */
    pin_record(&g, false, t);
    CHECK(!g.locked);
    CHECK_INT(pin_wait(&g, t), 1000);
    /* a right PIN clears everything */
    t += 1000;
    pin_record(&g, true, t);
    CHECK_INT(g.failures, 0);
    CHECK_INT(pin_wait(&g, t), 0);
}

int main(void)
{
    RUN(hash_and_check);
    RUN(wrong_pins_wait_longer_then_lock);
    return test_summary();
}
