/*
 * pin.h - the staff PIN: an Argon2id hash (libsodium crypto_pwhash) and the
 * lockout policy.  Wrong PINs wait longer each time (1, 2, 4, 8 s); the
 * fifth in a row locks the pad for a minute.  Times are passed in, so tests
 * drive the policy with a fake clock.
 *
 * The hash is kept in the store's settings (STORE_KEY_PIN).
 *
 * Depends on: libsodium, store.
 */
#ifndef MG_PIN_H
#define MG_PIN_H

#include <stdbool.h>
#include <stddef.h>

struct store; /* store.h */

#define PIN_HASH_MAX 128 /* crypto_pwhash_STRBYTES */

/* 4 to 12 digits. */
bool pin_valid(const char *pin);
/* Hash a PIN into out (PIN_HASH_MAX bytes).  False when out of memory. */
bool pin_hash(const char *pin, char out[PIN_HASH_MAX]);
bool pin_check(const char *hash, const char *pin);

/* Hash pin (pin_valid) and keep the hash in s, replacing any: true once it
 * is on disk; false with a message in err. */
bool pin_set(struct store *s, const char *pin, char *err, size_t errsize);
/* 1 when a PIN is set in s, 0 when none is yet, -1 when s could not be
 * read (message in err): a failed read must never offer to set a new PIN. */
int pin_is_set(struct store *s, char *err, size_t errsize);
/* 1 when pin is the one set in s, 0 when it is not (or none is set), -1
 * when s could not be read (message in err). */
int pin_verify(struct store *s, const char *pin, char *err, size_t errsize);

typedef struct pin_guard {
    int failures;         /* wrong PINs in a row */
    long long wait_until; /* ms: no try before this */
    bool locked;          /* the one-minute lock after five */
} pin_guard;

/* Milliseconds to wait before the next try (0: go ahead). */
long long pin_wait(const pin_guard *g, long long now);
/* Record a try's result at time now. */
void pin_record(pin_guard *g, bool ok, long long now);

#endif
