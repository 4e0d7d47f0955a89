/*
 * seal.c - office keys and the sealed container (see seal.h).
 *
 * Everything cryptographic is libsodium's: crypto_box_seal for the file
 * key, crypto_secretstream_xchacha20poly1305 for the body, crypto_pwhash
 * (Argon2id) and crypto_aead_xchacha20poly1305_ietf for the locked secret
 * key, crypto_generichash (BLAKE2b) for key ids and checksums, and
 * sodium_bin2base64 for the text forms.  This file only frames bytes.
 */
#include "seal.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "fsio.h"
#include "mem.h"

static const unsigned char magic[8] = {0x89, 'M', 'D', 'G', 'X', '\r', '\n', 0x1a};
#define KEY_PREFIX "MDGK1-"
#define LOCK_PREFIX "mdgsk1"
#define B64 sodium_base64_VARIANT_URLSAFE_NO_PADDING
#define ABYTES crypto_secretstream_xchacha20poly1305_ABYTES

msg_id seal_status_msg(seal_status st)
{
    switch (st) {
    case SEAL_OK: return MSG_COUNT;
    case SEAL_EMPTY: return MSG_SEAL_EMPTY;
    case SEAL_NOT_OURS: return MSG_SEAL_NOT_OURS;
    case SEAL_VERSION_BAD: return MSG_SEAL_VERSION;
    case SEAL_OTHER_OFFICE: return MSG_SEAL_OTHER_OFFICE;
    case SEAL_TRUNCATED: return MSG_SEAL_TRUNCATED;
    case SEAL_DAMAGED: return MSG_SEAL_DAMAGED;
    case SEAL_TOO_BIG: return MSG_SEAL_TOO_BIG;
    case SEAL_PASSPHRASE: return MSG_SEAL_PASSPHRASE;
    case SEAL_KEY_BAD: return MSG_SEAL_KEY_BAD;
    case SEAL_KEY_TYPO: return MSG_SEAL_KEY_TYPO;
    case SEAL_NO_MEMORY: return MSG_SEAL_NO_MEMORY;
    case SEAL_UNSIGNED: return MSG_SEAL_UNSIGNED;
    }
    return MSG_SEAL_DAMAGED;
}

/* BLAKE2b of a domain string and the key, cut to n bytes (n <= 16). */
static void key_hash(const char *domain, const unsigned char pk[SEAL_PK_BYTES], unsigned char *out,
                     size_t n)
{
    unsigned char h[16];
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, sizeof h);
    crypto_generichash_update(&st, (const unsigned char *)domain, strlen(domain) + 1);
    crypto_generichash_update(&st, pk, SEAL_PK_BYTES);
    crypto_generichash_final(&st, h, sizeof h);
    memcpy(out, h, n);
}

bool seal_office_generate(seal_office *o)
{
    if (sodium_init() < 0)
        return false;
    crypto_box_keypair(o->pk, o->sk);
    o->has_sk = true;
    return true;
}

void seal_office_fini(seal_office *o)
{
    if (o)
        sodium_memzero(o, sizeof *o);
}

static void add_b64(strbuf *out, const unsigned char *bin, size_t n)
{
    char tmp[128];
    sodium_bin2base64(tmp, sizeof tmp, bin, n, B64);
    strbuf_adds(out, tmp);
}

/* Derive the key that locks the secret key; false when Argon2id cannot get
 * its memory. */
static bool derive(unsigned char key[32], const char *pass, const unsigned char *salt,
                   unsigned long long ops, size_t mem)
{
    return crypto_pwhash(key, 32, pass, strlen(pass), salt, ops, mem,
                         crypto_pwhash_ALG_ARGON2ID13) == 0;
}

seal_status seal_office_lock(const seal_office *o, const char *pass, unsigned long long ops,
                             size_t mem, strbuf *out)
{
    if (sodium_init() < 0)
        return SEAL_NO_MEMORY;
    unsigned char salt[crypto_pwhash_SALTBYTES], key[32];
    unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char box[32 + crypto_aead_xchacha20poly1305_ietf_ABYTES];
    randombytes_buf(salt, sizeof salt);
    randombytes_buf(nonce, sizeof nonce);
    if (!derive(key, pass, salt, ops, mem))
        return SEAL_NO_MEMORY;
    /* The public key is the associated data: a locked secret put beside
     * another office's public key does not unlock. */
    crypto_aead_xchacha20poly1305_ietf_encrypt(box, NULL, o->sk, 32, o->pk, SEAL_PK_BYTES, NULL,
                                               nonce, key);
    sodium_memzero(key, sizeof key);
    strbuf_printf(out, LOCK_PREFIX "$%llu$%zu$", ops, mem);
    add_b64(out, salt, sizeof salt);
    strbuf_addc(out, '$');
    add_b64(out, o->pk, SEAL_PK_BYTES);
    strbuf_addc(out, '$');
    add_b64(out, nonce, sizeof nonce);
    strbuf_addc(out, '$');
    add_b64(out, box, sizeof box);
    return SEAL_OK;
}

/* The parts of a locked key. */
typedef struct locked {
    unsigned long long ops;
    size_t mem;
    unsigned char salt[crypto_pwhash_SALTBYTES], pk[SEAL_PK_BYTES];
    unsigned char nonce[crypto_aead_xchacha20poly1305_ietf_NPUBBYTES];
    unsigned char box[32 + crypto_aead_xchacha20poly1305_ietf_ABYTES];
} locked;

/* One base64 field of exactly n bytes, ending at '$' or the end. */
static bool take_b64(const char **p, unsigned char *bin, size_t n)
{
    const char *end = strchr(*p, '$');
    size_t len = end ? (size_t)(end - *p) : strlen(*p), got = 0;
    const char *stop;
    if (sodium_base642bin(bin, n, *p, len, NULL, &got, &stop, B64) != 0 || got != n ||
        stop != *p + len)
        return false;
    *p += len + (end ? 1 : 0);
    return true;
}

static bool parse_locked(const char *text, locked *l)
{
    if (!text || strncmp(text, LOCK_PREFIX "$", sizeof LOCK_PREFIX) != 0)
        return false;
    const char *p = text + sizeof LOCK_PREFIX;
    char *end;
    l->ops = strtoull(p, &end, 10);
    if (end == p || *end != '$')
        return false;
    p = end + 1;
    unsigned long long mem = strtoull(p, &end, 10);
    if (end == p || *end != '$')
        return false;
    p = end + 1;
    /* Limits a damaged or planted setting could push out of reason: never
     * ask for more than 1 GiB or 20 passes. */
    if (l->ops < crypto_pwhash_OPSLIMIT_MIN || l->ops > 20 || mem < crypto_pwhash_MEMLIMIT_MIN ||
        mem > (1ULL << 30))
        return false;
    l->mem = (size_t)mem;
    return take_b64(&p, l->salt, sizeof l->salt) && take_b64(&p, l->pk, sizeof l->pk) &&
           take_b64(&p, l->nonce, sizeof l->nonce) && take_b64(&p, l->box, sizeof l->box) &&
           *p == '\0';
}

seal_status seal_office_public(const char *text, unsigned char pk[SEAL_PK_BYTES])
{
    locked l;
    if (!parse_locked(text, &l))
        return SEAL_KEY_BAD;
    memcpy(pk, l.pk, SEAL_PK_BYTES);
    return SEAL_OK;
}

seal_status seal_office_unlock(const char *text, const char *pass, seal_office *o)
{
    locked l;
    if (sodium_init() < 0)
        return SEAL_NO_MEMORY;
    if (!parse_locked(text, &l))
        return SEAL_KEY_BAD;
    unsigned char key[32], sk[32], check[SEAL_PK_BYTES];
    if (!derive(key, pass, l.salt, l.ops, l.mem))
        return SEAL_NO_MEMORY;
    int rc = crypto_aead_xchacha20poly1305_ietf_decrypt(sk, NULL, NULL, l.box, sizeof l.box,
                                                        l.pk, SEAL_PK_BYTES, l.nonce, key);
    sodium_memzero(key, sizeof key);
    if (rc != 0)
        return SEAL_PASSPHRASE;
    crypto_scalarmult_base(check, sk);
    if (sodium_memcmp(check, l.pk, SEAL_PK_BYTES) != 0) {
        sodium_memzero(sk, sizeof sk);
        return SEAL_KEY_BAD;
    }
    memcpy(o->pk, l.pk, SEAL_PK_BYTES);
    memcpy(o->sk, sk, 32);
    o->has_sk = true;
    sodium_memzero(sk, sizeof sk);
    return SEAL_OK;
}

void seal_key_text(const unsigned char pk[SEAL_PK_BYTES], char out[SEAL_KEY_TEXT_MAX])
{
    unsigned char bin[SEAL_PK_BYTES + 4];
    memcpy(bin, pk, SEAL_PK_BYTES);
    key_hash("madoguchi key checksum", pk, bin + SEAL_PK_BYTES, 4);
    memcpy(out, KEY_PREFIX, sizeof KEY_PREFIX);
    sodium_bin2base64(out + strlen(KEY_PREFIX), SEAL_KEY_TEXT_MAX - strlen(KEY_PREFIX), bin,
                      sizeof bin, B64);
}

seal_status seal_key_parse(const char *text, unsigned char pk[SEAL_PK_BYTES])
{
    if (!text || sodium_init() < 0)
        return SEAL_KEY_BAD;
    /* Spaces and line breaks anywhere are dropped: a key read aloud, typed
     * in groups, or saved by an editor that wraps lines. */
    char s[256];
    size_t n = 0;
    for (const char *p = text; *p; p++) {
        if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
            continue;
        if (n + 1 >= sizeof s)
            return SEAL_KEY_BAD;
        s[n++] = *p;
    }
    s[n] = '\0';
    size_t plen = strlen(KEY_PREFIX);
    if (n < plen || strncasecmp(s, KEY_PREFIX, plen) != 0)
        return SEAL_KEY_BAD;
    unsigned char bin[SEAL_PK_BYTES + 4], sum[4];
    size_t got = 0;
    const char *stop;
    if (sodium_base642bin(bin, sizeof bin, s + plen, n - plen, NULL, &got, &stop, B64) != 0 ||
        stop != s + n)
        return got || n - plen > 20 ? SEAL_KEY_TYPO : SEAL_KEY_BAD;
    if (got != sizeof bin)
        return SEAL_KEY_TYPO; /* a character left out or one too many */
    key_hash("madoguchi key checksum", bin, sum, 4);
    if (sodium_memcmp(sum, bin + SEAL_PK_BYTES, 4) != 0)
        return SEAL_KEY_TYPO;
    memcpy(pk, bin, SEAL_PK_BYTES);
    return SEAL_OK;
}

void seal_fingerprint(const unsigned char pk[SEAL_PK_BYTES], char out[SEAL_FINGERPRINT_MAX])
{
    unsigned char h[8];
    key_hash("madoguchi key fingerprint", pk, h, sizeof h);
    snprintf(out, SEAL_FINGERPRINT_MAX, "%02x%02x-%02x%02x-%02x%02x-%02x%02x", h[0], h[1], h[2],
             h[3], h[4], h[5], h[6], h[7]);
}

static void put_be(unsigned char *p, unsigned long v, int n)
{
    for (int i = n - 1; i >= 0; i--, v >>= 8)
        p[i] = (unsigned char)(v & 0xff);
}

static unsigned long get_be(const unsigned char *p, int n)
{
    unsigned long v = 0;
    for (int i = 0; i < n; i++)
        v = v << 8 | p[i];
    return v;
}

#define SIGNER_PREFIX "mdgsig1$"

bool seal_signer_generate(seal_signer *k)
{
    if (sodium_init() < 0)
        return false;
    crypto_sign_keypair(k->pk, k->sk);
    return true;
}

void seal_signer_fini(seal_signer *k)
{
    if (k)
        sodium_memzero(k, sizeof *k);
}

void seal_signer_text(const seal_signer *k, strbuf *out)
{
    char b64[sodium_base64_ENCODED_LEN(64, B64)];
    sodium_bin2base64(b64, sizeof b64, k->sk, sizeof k->sk, B64);
    strbuf_adds(out, SIGNER_PREFIX);
    strbuf_adds(out, b64);
    sodium_memzero(b64, sizeof b64);
}

bool seal_signer_parse(const char *text, seal_signer *k)
{
    size_t plen = strlen(SIGNER_PREFIX), got = 0;
    if (!text || sodium_init() < 0 || strncmp(text, SIGNER_PREFIX, plen) != 0)
        return false;
    const char *stop;
    seal_signer t;
    if (sodium_base642bin(t.sk, sizeof t.sk, text + plen, strlen(text + plen), NULL, &got, &stop,
                          B64) != 0 ||
        got != sizeof t.sk || *stop != '\0') {
        sodium_memzero(&t, sizeof t);
        return false;
    }
    /* The public half is in the secret key; it must be the one its seed makes. */
    unsigned char seed[32], pk[32], sk[64];
    crypto_sign_ed25519_sk_to_seed(seed, t.sk);
    crypto_sign_seed_keypair(pk, sk, seed);
    bool ok = sodium_memcmp(sk, t.sk, sizeof sk) == 0;
    memcpy(t.pk, pk, sizeof pk);
    if (ok)
        *k = t;
    sodium_memzero(seed, sizeof seed);
    sodium_memzero(sk, sizeof sk);
    sodium_memzero(&t, sizeof t);
    return ok;
}

void seal_signer_of(const void *data, unsigned char pk[SEAL_PK_BYTES])
{
    memcpy(pk, (const unsigned char *)data + SEAL_SIGNED_AT, SEAL_PK_BYTES);
}

/* The Ed25519ph state over what a container's signature covers: the
 * first SEAL_SIGNED_AT + 32 bytes and everything from SEAL_HEADER_BYTES. */
static void signed_part(crypto_sign_state *st, const unsigned char *d, size_t len)
{
    crypto_sign_init(st);
    crypto_sign_update(st, d, SEAL_SIGNED_AT + SEAL_PK_BYTES);
    crypto_sign_update(st, d + SEAL_HEADER_BYTES, len - SEAL_HEADER_BYTES);
}

static bool signature_ok(const unsigned char *d, size_t len)
{
    crypto_sign_state st;
    signed_part(&st, d, len);
    return crypto_sign_final_verify(&st, d + SEAL_SIGNED_AT + SEAL_PK_BYTES,
                                    d + SEAL_SIGNED_AT) == 0;
}

bool seal_write(const unsigned char pk[SEAL_PK_BYTES], const seal_signer *signer,
                const void *plain, size_t len, strbuf *out)
{
    if (sodium_init() < 0)
        return false;
    size_t start = out->len;
    unsigned char hdr[SEAL_HEADER_BYTES], key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    memcpy(hdr, magic, 8);
    put_be(hdr + 8, SEAL_VERSION, 2);
    put_be(hdr + 10, 0, 2);
    key_hash("madoguchi key id", pk, hdr + 12, 8);
    crypto_secretstream_xchacha20poly1305_keygen(key);
    crypto_box_seal(hdr + 20, key, sizeof key, pk);
    crypto_secretstream_xchacha20poly1305_state st;
    crypto_secretstream_xchacha20poly1305_init_push(&st, hdr + 100, key);
    sodium_memzero(key, sizeof key);
    memcpy(hdr + SEAL_SIGNED_AT, signer->pk, SEAL_PK_BYTES);
    memset(hdr + SEAL_SIGNED_AT + SEAL_PK_BYTES, 0, 64); /* signed at the end */
    strbuf_add(out, (const char *)hdr, sizeof hdr);
    const unsigned char *p = plain;
    unsigned char *ct = xmalloc(SEAL_CHUNK + ABYTES + 4);
    size_t off = 0;
    do {
        size_t n = MG_MIN(len - off, (size_t)SEAL_CHUNK);
        bool last = off + n == len;
        unsigned long long clen;
        crypto_secretstream_xchacha20poly1305_push(
            &st, ct + 4, &clen, p ? p + off : NULL, n, off == 0 ? hdr : NULL,
            off == 0 ? SEAL_SIGNED_AT + SEAL_PK_BYTES : 0,
            last ? crypto_secretstream_xchacha20poly1305_TAG_FINAL : 0);
        put_be(ct, (unsigned long)clen, 4);
        strbuf_add(out, (const char *)ct, (size_t)clen + 4);
        off += n;
        if (last)
            break;
    } while (1);
    free(ct);
    sodium_memzero(&st, sizeof st);
    unsigned char *file = (unsigned char *)out->s + start;
    crypto_sign_state ss;
    signed_part(&ss, file, out->len - start);
    crypto_sign_final_create(&ss, file + SEAL_SIGNED_AT + SEAL_PK_BYTES, NULL, signer->sk);
    return true;
}

/* What the file's fixed header says, checked in the order both readers
 * name a problem: empty, not ours, cut, unsigned (format 1), another
 * version, too big, cut before the header's end, no usable key (have_key
 * false, or libsodium cannot start), sealed to an office other than pk. */
static seal_status check_header(const unsigned char pk[SEAL_PK_BYTES], bool have_key,
                                const unsigned char *d, size_t len)
{
    if (len == 0)
        return SEAL_EMPTY;
    if (memcmp(d, magic, MG_MIN(len, sizeof magic)) != 0)
        return SEAL_NOT_OURS;
    if (len < 12)
        return SEAL_TRUNCATED;
    if (get_be(d + 8, 2) == 1 && get_be(d + 10, 2) == 0)
        return SEAL_UNSIGNED;
    if (get_be(d + 8, 2) != SEAL_VERSION || get_be(d + 10, 2) != 0)
        return SEAL_VERSION_BAD;
    if (len > SEAL_FILE_MAX)
        return SEAL_TOO_BIG;
    if (len < SEAL_HEADER_BYTES)
        return SEAL_TRUNCATED;
    if (sodium_init() < 0 || !have_key)
        return SEAL_KEY_BAD;
    unsigned char id[8];
    key_hash("madoguchi key id", pk, id, sizeof id);
    if (memcmp(id, d + 12, sizeof id) != 0)
        return SEAL_OTHER_OFFICE;
    return SEAL_OK;
}

seal_status seal_read(const seal_office *o, const void *data, size_t len, strbuf *plain)
{
    const unsigned char *d = data;
    seal_status head = check_header(o->pk, o->has_sk, d, len);
    if (head != SEAL_OK)
        return head;
    unsigned char key[crypto_secretstream_xchacha20poly1305_KEYBYTES];
    if (crypto_box_seal_open(key, d + 20, 80, o->pk, o->sk) != 0)
        return SEAL_DAMAGED;
    crypto_secretstream_xchacha20poly1305_state st;
    if (crypto_secretstream_xchacha20poly1305_init_pull(&st, d + 100, key) != 0) {
        sodium_memzero(key, sizeof key);
        return SEAL_DAMAGED;
    }
    sodium_memzero(key, sizeof key);
    strbuf body;
    strbuf_init(&body);
    unsigned char *pt = NULL;
    size_t off = SEAL_HEADER_BYTES;
    seal_status rc = SEAL_TRUNCATED;
    bool first = true;
    while (off < len) {
        if (len - off < 4)
            break; /* SEAL_TRUNCATED */
        size_t n = get_be(d + off, 4);
        off += 4;
        if (n < ABYTES || n > SEAL_CHUNK_MAX + ABYTES) {
            rc = SEAL_DAMAGED;
            break;
        }
        if (n > len - off)
            break; /* SEAL_TRUNCATED */
        if (!pt)
            pt = xmalloc(SEAL_CHUNK_MAX);
        unsigned long long plen;
        unsigned char tag;
        if (crypto_secretstream_xchacha20poly1305_pull(&st, pt, &plen, &tag, d + off, n,
                                                       first ? d : NULL,
                                                       first ? SEAL_SIGNED_AT + SEAL_PK_BYTES
                                                             : 0) != 0) {
            rc = SEAL_DAMAGED;
            break;
        }
        first = false;
        off += n;
        strbuf_add(&body, (const char *)pt, (size_t)plen);
        if (tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL) {
            /* Nothing may follow the last chunk; the kiosk signed it all. */
            rc = off == len && signature_ok(d, len) ? SEAL_OK : SEAL_DAMAGED;
            break;
        }
    }
    if (rc == SEAL_OK)
        strbuf_add(plain, body.s ? body.s : "", body.len);
    if (body.s)
        sodium_memzero(body.s, body.len);
    if (pt)
        sodium_memzero(pt, SEAL_CHUNK_MAX);
    strbuf_fini(&body);
    free(pt);
    sodium_memzero(&st, sizeof st);
    return rc;
}

seal_status seal_check(const unsigned char pk[SEAL_PK_BYTES], const void *data, size_t len)
{
    const unsigned char *d = data;
    seal_status head = check_header(pk, true, d, len);
    if (head != SEAL_OK)
        return head;
    size_t off = SEAL_HEADER_BYTES, chunks = 0;
    while (off < len) {
        if (len - off < 4)
            return SEAL_TRUNCATED;
        size_t n = get_be(d + off, 4);
        off += 4;
        if (n < ABYTES || n > SEAL_CHUNK_MAX + ABYTES)
            return SEAL_DAMAGED;
        if (n > len - off)
            return SEAL_TRUNCATED;
        off += n;
        chunks++;
    }
    if (!chunks)
        return SEAL_TRUNCATED;
    return signature_ok(d, len) ? SEAL_OK : SEAL_DAMAGED;
}

/* ---- the key file on a USB stick ---- */

void seal_key_file_text(const unsigned char pk[SEAL_PK_BYTES], strbuf *out)
{
    char text[SEAL_KEY_TEXT_MAX], fp[SEAL_FINGERPRINT_MAX];
    seal_key_text(pk, text);
    seal_fingerprint(pk, fp);
    strbuf_printf(out,
                  "%s\n# Madoguchi office public key, fingerprint %s\n"
                  "# kiosk: staff screen > Enrol the office key, or madoguchi kiosk enrol FILE\n",
                  text, fp);
}

seal_status seal_key_file_parse(const char *data, size_t len, unsigned char pk[SEAL_PK_BYTES])
{
    if (len > SEAL_KEY_FILE_MAX || memchr(data, '\0', len))
        return SEAL_KEY_BAD;
    /* The first line that starts with the key's prefix (a note may stand
     * beside it). */
    char *copy = xmalloc(len + 1);
    memcpy(copy, data, len);
    copy[len] = '\0';
    seal_status st = SEAL_KEY_BAD;
    for (char *line = copy; line;) {
        char *nl = strchr(line, '\n');
        if (nl)
            *nl = '\0';
        line += strspn(line, " \t");
        if (strncasecmp(line, KEY_PREFIX, strlen(KEY_PREFIX)) == 0) {
            line[strcspn(line, "\r")] = '\0';
            st = seal_key_parse(line, pk);
            break;
        }
        line = nl ? nl + 1 : NULL;
    }
    free(copy);
    return st;
}

bool seal_key_file_name(const char *name)
{
    size_t n = strlen(name);
    return n >= strlen("madoguchi-office.key") && strncasecmp(name, "madoguchi-office", 16) == 0 &&
           strcasecmp(name + n - 4, ".key") == 0;
}

void seal_key_find(const char *const *dirs, size_t n, seal_found *out)
{
    memset(out, 0, sizeof *out);
    out->result = SEAL_FIND_NONE;
    strbuf names;
    strbuf_init(&names);
    for (size_t d = 0; d < n; d++) {
        size_t count = 0;
        char **v = dir_list(dirs[d], "", &count);
        for (size_t i = 0; v && i < count; i++) {
            if (!seal_key_file_name(v[i]))
                continue;
            if (out->count++ == 0)
                snprintf(out->path, sizeof out->path, "%s/%s", dirs[d], v[i]);
            strbuf_printf(&names, "%s%s", names.len ? "、" : "", v[i]);
        }
        strv_free(v, count);
    }
    if (out->count > 1) {
        out->result = SEAL_FIND_MANY;
        /* All of them, or as many as fit, cut between characters. */
        size_t k = names.len < sizeof out->path ? names.len : sizeof out->path - 1;
        while (k < names.len && k > 0 && ((unsigned char)names.s[k] & 0xC0) == 0x80)
            k--;
        memcpy(out->path, names.s, k);
        out->path[k] = '\0';
    } else if (out->count == 1) {
        struct stat sb;
        size_t len = 0;
        char *data = NULL;
        if (stat(out->path, &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > SEAL_KEY_FILE_MAX ||
            !(data = read_file(out->path, &len)))
            out->st = SEAL_KEY_BAD;
        else
            out->st = seal_key_file_parse(data, len, out->pk);
        free(data);
        out->result = out->st == SEAL_OK ? SEAL_FIND_OK : SEAL_FIND_BAD;
    }
    strbuf_fini(&names);
}
