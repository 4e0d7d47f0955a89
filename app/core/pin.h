/*
 * pin.h - the staff PIN: an Argon2id hash (libsodium crypto_pwhash) and the
 * lockout policy.  Wrong PINs in a row wait longer each time (1, 2, 4, 8 s),
 * from the fifth a minute, from the tenth an hour; only the right PIN
 * starts the count over.  At six digits that is a few dozen guesses a day.
 * Times are wall-clock ms passed in, so tests drive the policy with a fake
 * clock, and the lock is kept in the store so a restart does not lift it.
 *
 * The hash is kept in the store's settings (STORE_KEY_PIN), the count and
 * the lock's end in PIN_KEY_FAILURES and PIN_KEY_UNTIL.
 *
 * Depends on: libsodium, store, notes, sync.
 */
#ifndef MG_PIN_H
#define MG_PIN_H

#include <stdbool.h>
#include <stddef.h>

struct store; /* store.h */

#define PIN_HASH_MAX 128 /* crypto_pwhash_STRBYTES */

#define PIN_MIN_DIGITS 6
#define PIN_MAX_DIGITS 12
/* Settings keys of the lock (next to STORE_KEY_PIN). */
#define PIN_KEY_FAILURES "pin_failures"
#define PIN_KEY_UNTIL "pin_wait_until"

/* PIN_MIN_DIGITS to PIN_MAX_DIGITS digits. */
bool pin_valid(const char *pin);
/* Hash a PIN into out (PIN_HASH_MAX bytes).  False when out of memory. */
bool pin_hash(const char *pin, char out[PIN_HASH_MAX]);
bool pin_check(const char *hash, const char *pin);

/* Hash pin (pin_valid) and keep the hash in s, replacing any, and wrap
 * the store's data key under it (store.h): the first PIN encrypts the
 * store (every note and revision sealed in the same transaction, then the
 * file scrubbed, store_scrub), a new one rewraps the same key, which must
 * be open (store_unlock with the old PIN; a locked store refuses with
 * MSG_STORE_LOCKED).  s is unlocked afterwards.  True once it is on disk;
 * false with a message in err, s as it was (but when only the scrub after
 * the commit failed: s is encrypted then, and old pages may remain until
 * the next VACUUM). */
bool pin_set(struct store *s, const char *pin, char *err, size_t errsize);
/* 1 when a PIN is set in s, 0 when none is yet, -1 when s could not be
 * read (message in err): a failed read must never offer to set a new PIN. */
int pin_is_set(struct store *s, char *err, size_t errsize);
/* 1 when pin is the one set in s, 0 when it is not (or none is set), -1
 * when s could not be read (message in err). */
int pin_verify(struct store *s, const char *pin, char *err, size_t errsize);

typedef struct pin_guard {
    int failures;         /* wrong PINs in a row, since the last right one */
    long long wait_until; /* wall-clock ms: no try before this */
    bool locked;          /* five or more: the long lock (a minute, an hour) */
} pin_guard;

/* The wait after n wrong PINs in a row, in ms (0 for none). */
long long pin_delay(int failures);
/* Milliseconds to wait before the next try (0: go ahead).  A lock ending
 * further away than its delay (the wall clock was set back) counts as
 * ending one delay from now. */
long long pin_wait(const pin_guard *g, long long now);
/* Record a try's result at time now. */
void pin_record(pin_guard *g, bool ok, long long now);

/* The guard kept in s into *g (all zero when none is kept).  False with a
 * message in err when s could not be read: the caller must then refuse
 * every try (a failed read never lifts the lock). */
bool pin_guard_load(struct store *s, pin_guard *g, char *err, size_t errsize);
/* Keep g in s (on disk when it returns).  False with a message. */
bool pin_guard_save(struct store *s, const pin_guard *g, char *err, size_t errsize);

#endif
