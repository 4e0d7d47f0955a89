/*
 * pin.c - PIN hashing and lockout (see pin.h).
 */
#include "pin.h"

#include "notes.h"
#include "store.h"
#include "sync.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool pin_valid(const char *pin)
{
    size_t n = pin ? strlen(pin) : 0;
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS)
        return false;
    for (size_t i = 0; i < n; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return false;
    return true;
}

bool pin_hash(const char *pin, char out[PIN_HASH_MAX])
{
    if (sodium_init() < 0)
        return false;
    /* Interactive limits (64 MB, a fraction of a second): fine on a Pi, and
     * together with the lockout far beyond guessing a short PIN. */
    return crypto_pwhash_str(out, pin, strlen(pin), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                             crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool pin_check(const char *hash, const char *pin)
{
    if (!hash || !pin || sodium_init() < 0)
        return false;
    return crypto_pwhash_str_verify(hash, pin, strlen(pin)) == 0;
}

bool pin_set(store *s, const char *pin, char *err, size_t errsize)
{
    char hash[PIN_HASH_MAX];
    if (!pin_valid(pin)) {
        snprintf(err, errsize, "PIN: %d to %d digits", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
        return false;
    }
    if (!pin_hash(pin, hash)) {
        snprintf(err, errsize, "PIN: out of memory for the hash");
        return false;
    }
    /* A new PIN rewraps the same data key (nothing is sealed again), which
     * takes the key open; the first one makes the key and seals every note
     * and revision, all in one transaction. */
    bool fresh = !store_encrypted(s);
    if (store_locked(s))
        return store_locked_err(s, err, errsize);
    if (!store_begin(s, err, errsize))
        return false;
    bool ok = store_set_setting(s, STORE_KEY_PIN, hash, err, errsize) &&
              store_key_make(s, pin, err, errsize) &&
              (!fresh || (notes_seal_all(s, err, errsize) && sync_seal_all(s, err, errsize)));
    if (!ok) {
        store_rollback(s);
        return false;
    }
    if (!store_commit(s, err, errsize))
        return false;
    /* No page of the file or its -wal keeps what was in clear. */
    return !fresh || store_scrub(s, err, errsize);
}

int pin_is_set(store *s, char *err, size_t errsize)
{
    char *hash;
    int got = store_setting(s, STORE_KEY_PIN, &hash, err, errsize);
    free(hash);
    return got;
}

int pin_verify(store *s, const char *pin, char *err, size_t errsize)
{
    char *hash;
    int got = store_setting(s, STORE_KEY_PIN, &hash, err, errsize);
    int ok = got < 0 ? -1 : pin_check(hash, pin) ? 1 : 0;
    free(hash);
    return ok;
}

long long pin_delay(int failures)
{
    if (failures <= 0)
        return 0;
    if (failures >= 10)
        return 3600000;
    if (failures >= 5)
        return 60000;
    return 1000LL << (failures - 1);
}

long long pin_wait(const pin_guard *g, long long now)
{
    long long left = g->wait_until > now ? g->wait_until - now : 0;
    long long most = pin_delay(g->failures);
    return left > most ? most : left;
}

void pin_record(pin_guard *g, bool ok, long long now)
{
    if (ok) {
        memset(g, 0, sizeof *g);
        return;
    }
    if (g->failures < 1000000)
        g->failures++;
    g->locked = g->failures >= 5;
    g->wait_until = now + pin_delay(g->failures);
}

/* One whole-number setting: 0 when not kept; false when unreadable. */
static bool load_number(store *s, const char *key, long long *out, char *err, size_t errsize)
{
    char *v = NULL;
    int got = store_setting(s, key, &v, err, errsize);
    *out = got > 0 ? strtoll(v, NULL, 10) : 0;
    free(v);
    return got >= 0;
}

bool pin_guard_load(store *s, pin_guard *g, char *err, size_t errsize)
{
    long long f, until;
    memset(g, 0, sizeof *g);
    if (!load_number(s, PIN_KEY_FAILURES, &f, err, errsize) ||
        !load_number(s, PIN_KEY_UNTIL, &until, err, errsize))
        return false;
    g->failures = f < 0 ? 0 : f > 1000000 ? 1000000 : (int)f;
    g->wait_until = until;
    g->locked = g->failures >= 5;
    return true;
}

bool pin_guard_save(store *s, const pin_guard *g, char *err, size_t errsize)
{
    char f[32], until[32];
    snprintf(f, sizeof f, "%d", g->failures);
    snprintf(until, sizeof until, "%lld", g->wait_until);
    return store_set_setting(s, PIN_KEY_FAILURES, f, err, errsize) &&
           store_set_setting(s, PIN_KEY_UNTIL, until, err, errsize);
}
