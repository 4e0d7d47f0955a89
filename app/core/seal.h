/*
 * seal.h - the office key pair and the sealed container notes travel in.
 *
 * The office makes one crypto_box key pair.  Its secret key is kept only
 * locked under the office passphrase (Argon2id through crypto_pwhash, the
 * salt and limits stored with it; XChaCha20-Poly1305 with the public key as
 * associated data).  A kiosk is given the public key alone, as a line of
 * text with a checksum (seal_key_text), so it can seal but never open.
 *
 * The container (an .mdgx file), all integers big-endian:
 *
 *   magic     8 bytes  "\x89MDGX\r\n\x1a" (a text tool mangles it visibly)
 *   version   2 bytes  SEAL_VERSION
 *   flags     2 bytes  0
 *   key id    8 bytes  BLAKE2b of the office public key, cut to 8 bytes
 *   file key  80 bytes a random secretstream key, crypto_box_seal'ed
 *   stream    24 bytes the crypto_secretstream_xchacha20poly1305 header
 *   signer    32 bytes the kiosk's signing key (crypto_sign, Ed25519)
 *   signature 64 bytes Ed25519ph by that key over every byte of the file
 *                      but these 64 (the 156 before them, and all after)
 *   chunks    each: 4-byte length n (ciphertext), then n bytes
 *
 * The first 156 bytes are the associated data of the first chunk, so a
 * changed byte there or in a chunk fails authentication; the last chunk
 * carries TAG_FINAL and nothing may follow it, so a cut is seen.  Anyone
 * with the office's public key can seal a file; the signature says which
 * kiosk made it: the office records each kiosk's signing key the first
 * time it imports from it (sync.c) and refuses another key for the same
 * kiosk.  Version 1 files (no signer) are refused with their own status.
 * Each failure has its own status (and message): an empty file, a file that
 * is not ours, another version, a file for another office, cut short,
 * damaged, too large.  Reading is bounded: a chunk is at most
 * SEAL_CHUNK_MAX bytes, a file at most SEAL_FILE_MAX, checked before any
 * allocation; nothing of the plaintext is handed out unless every chunk
 * authenticated.
 *
 * Depends on: libsodium, msg, strbuf, fsio (the key file).
 */
#ifndef MG_SEAL_H
#define MG_SEAL_H

#include <stdbool.h>
#include <stddef.h>

#include "msg.h"
#include "strbuf.h"

#define SEAL_VERSION 2 /* 1: unsigned, before the kiosk's signature (SEAL_UNSIGNED) */
#define SEAL_PK_BYTES 32
#define SEAL_HEADER_BYTES 220 /* where the chunks start */
#define SEAL_SIGNED_AT 124    /* the signer's key, then the signature */
#define SEAL_CHUNK 65536                  /* plaintext per chunk when writing */
#define SEAL_CHUNK_MAX (1u << 20)         /* the largest chunk a reader accepts */
#define SEAL_FILE_MAX (256u * 1024 * 1024) /* the largest file a reader accepts */
#define SEAL_KEY_TEXT_MAX 64              /* seal_key_text, with its NUL */
#define SEAL_FINGERPRINT_MAX 24           /* seal_fingerprint, with its NUL */

/* Where a notes database keeps them (settings): the locked secret key on
 * an office database only, the public key text on every one. */
#define SEAL_SETTING_SECRET "office_secret"
#define SEAL_SETTING_PUBLIC "office_key"
/* A kiosk's own signing key pair (seal_signer_text), made at enrolment. */
#define SEAL_SETTING_SIGNER "kiosk_signer"

/* The passphrase limits: moderate (about a second, 256 MB) for the real
 * key; tests may pass the interactive ones. */
#define SEAL_OPS_DEFAULT 3ULL          /* crypto_pwhash_OPSLIMIT_MODERATE */
#define SEAL_MEM_DEFAULT 268435456ULL /* crypto_pwhash_MEMLIMIT_MODERATE */

typedef enum seal_status {
    SEAL_OK = 0,
    SEAL_EMPTY,        /* the file has no bytes */
    SEAL_NOT_OURS,     /* no magic bytes: not a Madoguchi export */
    SEAL_VERSION_BAD,  /* a format version this build does not read */
    SEAL_OTHER_OFFICE, /* sealed to another office's key */
    SEAL_TRUNCATED,    /* ends before the final chunk */
    SEAL_DAMAGED,      /* a byte changed: authentication failed */
    SEAL_TOO_BIG,      /* over SEAL_FILE_MAX or a chunk over SEAL_CHUNK_MAX */
    SEAL_PASSPHRASE,   /* the passphrase does not unlock the key */
    SEAL_KEY_BAD,      /* not an office key (text or stored form) */
    SEAL_KEY_TYPO,     /* looks like a key, but its checksum is wrong */
    SEAL_NO_MEMORY,    /* Argon2id could not get its memory */
    SEAL_UNSIGNED,     /* a version 1 file: no kiosk signature (made before it) */
} seal_status;

/* The message for st (seal_status_msg(SEAL_OK) is MSG_COUNT). */
msg_id seal_status_msg(seal_status st);

/* The office key pair; seal_office_fini wipes the secret. */
typedef struct seal_office {
    unsigned char pk[SEAL_PK_BYTES];
    unsigned char sk[32];
    bool has_sk; /* false: a kiosk's copy, the public key only */
} seal_office;

/* A new random key pair into o.  False only if libsodium cannot start. */
bool seal_office_generate(seal_office *o);
/* Wipe o; seal_office_fini(NULL) does nothing. */
void seal_office_fini(seal_office *o);

/*
 * The secret key locked under pass, as one line of text appended to out:
 * "mdgsk1$OPS$MEM$SALT$PK$NONCE$BOX" (base64).  ops and mem are the Argon2id
 * limits (SEAL_OPS_DEFAULT, SEAL_MEM_DEFAULT).  SEAL_NO_MEMORY when
 * Argon2id cannot get mem bytes.
 */
seal_status seal_office_lock(const seal_office *o, const char *pass, unsigned long long ops,
                             size_t mem, strbuf *out);
/* Unlock text (from seal_office_lock) with pass into o (has_sk set).
 * SEAL_KEY_BAD for text that is not a locked key (or limits out of range),
 * SEAL_PASSPHRASE for the wrong passphrase. */
seal_status seal_office_unlock(const char *text, const char *pass, seal_office *o);
/* The public key in locked text, without the passphrase. */
seal_status seal_office_public(const char *text, unsigned char pk[SEAL_PK_BYTES]);

/*
 * The public key as text for a file on a USB stick or typing:
 * "MDGK1-" and base64url of the key and a 4-byte checksum (into out,
 * SEAL_KEY_TEXT_MAX bytes).  seal_key_parse reads it back, ignoring
 * spaces and line breaks anywhere: SEAL_KEY_BAD when it is not such a
 * line, SEAL_KEY_TYPO when the checksum does not match.
 */
void seal_key_text(const unsigned char pk[SEAL_PK_BYTES], char out[SEAL_KEY_TEXT_MAX]);
seal_status seal_key_parse(const char *text, unsigned char pk[SEAL_PK_BYTES]);
/* A short fingerprint people compare by eye: "1a2b-3c4d-5e6f-7a8b". */
void seal_fingerprint(const unsigned char pk[SEAL_PK_BYTES], char out[SEAL_FINGERPRINT_MAX]);

/*
 * The office key on a USB stick: a file named SEAL_KEY_FILE (`madoguchi
 * office key -o`), the key line and a comment with the fingerprint.  Any
 * file named madoguchi-office*.key counts (a copy the file manager renamed
 * "madoguchi-office (1).key" is a second one, so staff choose).
 */
#define SEAL_KEY_FILE "madoguchi-office.key"
#define SEAL_KEY_FILE_MAX 65536 /* a larger file is no key file */

/* The key file's text for pk, appended to out. */
void seal_key_file_text(const unsigned char pk[SEAL_PK_BYTES], strbuf *out);
/* The key in a key file's bytes (or in any text with a line starting
 * MDGK1-, as `kiosk enrol FILE` takes): SEAL_OK with pk, SEAL_KEY_BAD
 * when there is no such line (or a NUL byte, or len over
 * SEAL_KEY_FILE_MAX), SEAL_KEY_TYPO for a line with a wrong checksum. */
seal_status seal_key_file_parse(const char *data, size_t len, unsigned char pk[SEAL_PK_BYTES]);
/* True for a key file's name (madoguchi-office*.key, any case). */
bool seal_key_file_name(const char *name);

/* What seal_key_find found on the drives. */
typedef enum seal_find {
    SEAL_FIND_OK,   /* one key file, read: pk */
    SEAL_FIND_NONE, /* no key file on any drive */
    SEAL_FIND_MANY, /* more than one: count, their names in path */
    SEAL_FIND_BAD,  /* one, but not a key (st: why; a folder or too large: SEAL_KEY_BAD) */
} seal_find;
typedef struct seal_found {
    seal_find result;
    int count;           /* key files found */
    char path[4096];     /* the one file; SEAL_FIND_MANY: the names, "、" between */
    seal_status st;      /* SEAL_FIND_BAD: what is wrong with it */
    unsigned char pk[SEAL_PK_BYTES];
} seal_found;
/* Look for the key file at the top of each of the n folders dirs (the
 * removable drives), and read it when there is exactly one.  Reads at
 * most SEAL_KEY_FILE_MAX bytes of it; writes nothing. */
void seal_key_find(const char *const *dirs, size_t n, seal_found *out);

/* A kiosk's signing key pair (crypto_sign): sk holds the public key too. */
typedef struct seal_signer {
    unsigned char pk[SEAL_PK_BYTES];
    unsigned char sk[64];
} seal_signer;
/* A new random signing key pair.  False only if libsodium cannot start. */
bool seal_signer_generate(seal_signer *k);
/* Wipe k; seal_signer_fini(NULL) does nothing. */
void seal_signer_fini(seal_signer *k);
/* The pair as one line of text ("mdgsig1$" and base64 of sk), appended to
 * out; seal_signer_parse reads it back (false: not such a line). */
void seal_signer_text(const seal_signer *k, strbuf *out);
bool seal_signer_parse(const char *text, seal_signer *k);
/* The signer's key of a container seal_read or seal_check accepted. */
void seal_signer_of(const void *data, unsigned char pk[SEAL_PK_BYTES]);

/* Seal len bytes of plain to the office key pk, signed by signer; the
 * container is appended to out.  False only if libsodium cannot start. */
bool seal_write(const unsigned char pk[SEAL_PK_BYTES], const seal_signer *signer,
                const void *plain, size_t len, strbuf *out);
/*
 * Open a container with the office key o (has_sk): every chunk and the
 * signature checked.  On SEAL_OK the whole plaintext is appended to plain
 * (seal_signer_of names who signed it); on any other status plain is as
 * it was (nothing of an unauthenticated file is handed out).
 */
seal_status seal_read(const seal_office *o, const void *data, size_t len, strbuf *plain);

/*
 * What the writer of a container can check of it without the office's
 * secret (a kiosk reading back the file it put on a USB stick): the magic
 * bytes, the version, that it is sealed to pk, that its chunks frame
 * the file exactly (each length in bounds, the last ending at the last
 * byte), and its signature.  SEAL_OK, or the status seal_read gives for the same fault
 * (SEAL_DAMAGED for a chunk length out of bounds).  The chunks' contents
 * are only authenticated by seal_read, with the secret.
 */
seal_status seal_check(const unsigned char pk[SEAL_PK_BYTES], const void *data, size_t len);

#endif
