/*
 * pin.c - PIN hashing and lockout (see pin.h).
 */
#include "pin.h"

#include "store.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool pin_valid(const char *pin)
{
    size_t n = pin ? strlen(pin) : 0;
    if (n < 4 || n > 12)
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
        snprintf(err, errsize, "PIN: 4 to 12 digits");
        return false;
    }
    if (!pin_hash(pin, hash)) {
        snprintf(err, errsize, "PIN: out of memory for the hash");
        return false;
    }
    return store_set_setting(s, STORE_KEY_PIN, hash, err, errsize);
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

long long pin_wait(const pin_guard *g, long long now)
{
    return g->wait_until > now ? g->wait_until - now : 0;
}

void pin_record(pin_guard *g, bool ok, long long now)
{
    if (ok) {
        memset(g, 0, sizeof *g);
        return;
    }
    if (g->locked && now >= g->wait_until) { /* the lock has run out: start over */
        g->failures = 0;
        g->locked = false;
    }
    g->failures++;
    if (g->failures >= 5) {
        g->locked = true;
        g->wait_until = now + 60000;
    } else {
        g->wait_until = now + (1000LL << (g->failures - 1));
    }
}
