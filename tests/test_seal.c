/*
 * The office keys and the sealed container: round trips, and each kind of
 * bad input (empty, not ours, another version, another office, cut short
 * at every length, every byte flipped, data after the end, a wrong
 * passphrase, a mistyped key) named by its own status.
 */
#include <sodium.h>

#include "../app/core/seal.h"
#include "../app/core/util.h"
#include "run.h"
#include "test.h"

/* Fast limits for tests: the stored limits are what unlock uses. */
#define OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

static seal_office office, other;
static seal_signer kiosk_signer; /* the kiosk that seals */

static void sealed(const char *plain, size_t len, strbuf *out)
{
    strbuf_init(out);
    CHECK(seal_write(office.pk, &kiosk_signer, plain, len, out));
}

TEST(lock_and_unlock)
{
    strbuf t;
    strbuf_init(&t);
    CHECK_INT(seal_office_lock(&office, "correct horse battery", OPS, MEM, &t), SEAL_OK);
    CHECK(strncmp(t.s, "mdgsk1$", 7) == 0);
    seal_office o = {0};
    CHECK_INT(seal_office_unlock(t.s, "correct horse battery", &o), SEAL_OK);
    CHECK(o.has_sk);
    CHECK(memcmp(o.sk, office.sk, 32) == 0);
    CHECK(memcmp(o.pk, office.pk, 32) == 0);
    seal_office_fini(&o);
    CHECK(!o.has_sk);
    CHECK_INT(seal_office_unlock(t.s, "correct horse batterx", &o), SEAL_PASSPHRASE);
    unsigned char pk[32];
    CHECK_INT(seal_office_public(t.s, pk), SEAL_OK);
    CHECK(memcmp(pk, office.pk, 32) == 0);
    /* Another office's public key beside this secret: refused. */
    strbuf swapped;
    strbuf_init(&swapped);
    char *parts = xstrdup(t.s);
    char *f[8];
    int n = 0;
    for (char *p = strtok(parts, "$"); p && n < 8; p = strtok(NULL, "$"))
        f[n++] = p;
    CHECK_INT(n, 7);
    char b64[64];
    sodium_bin2base64(b64, sizeof b64, other.pk, 32, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    strbuf_printf(&swapped, "%s$%s$%s$%s$%s$%s$%s", f[0], f[1], f[2], f[3], b64, f[5], f[6]);
    CHECK_INT(seal_office_unlock(swapped.s, "correct horse battery", &o), SEAL_PASSPHRASE);
    /* Limits out of reason (a planted setting) are refused before Argon2id runs. */
    strbuf_clear(&swapped);
    strbuf_printf(&swapped, "%s$%s$%s$%s$%s$%s$%s", f[0], "1000", f[2], f[3], f[4], f[5], f[6]);
    CHECK_INT(seal_office_unlock(swapped.s, "x", &o), SEAL_KEY_BAD);
    strbuf_clear(&swapped);
    strbuf_printf(&swapped, "%s$%s$%s$%s$%s$%s$%s", f[0], f[1], "99999999999", f[3], f[4], f[5],
                  f[6]);
    CHECK_INT(seal_office_unlock(swapped.s, "x", &o), SEAL_KEY_BAD);
    CHECK_INT(seal_office_unlock("mdgsk1$2$67108864$", "x", &o), SEAL_KEY_BAD);
    CHECK_INT(seal_office_unlock("", "x", &o), SEAL_KEY_BAD);
    CHECK_INT(seal_office_unlock(NULL, "x", &o), SEAL_KEY_BAD);
    free(parts);
    strbuf_fini(&swapped);
    strbuf_fini(&t);
}

TEST(key_text)
{
    char t[SEAL_KEY_TEXT_MAX], fp[SEAL_FINGERPRINT_MAX];
    seal_key_text(office.pk, t);
    CHECK(strncmp(t, "MDGK1-", 6) == 0);
    CHECK_INT(strlen(t), 6 + 48);
    unsigned char pk[32];
    CHECK_INT(seal_key_parse(t, pk), SEAL_OK);
    CHECK(memcmp(pk, office.pk, 32) == 0);
    /* As typed in groups, or saved with a line break. */
    strbuf s;
    strbuf_init(&s);
    for (size_t i = 0; t[i]; i++) {
        strbuf_addc(&s, t[i]);
        if (i % 6 == 5)
            strbuf_adds(&s, i == 29 ? "\r\n" : " ");
    }
    strbuf_adds(&s, "\n");
    memset(pk, 0, sizeof pk);
    CHECK_INT(seal_key_parse(s.s, pk), SEAL_OK);
    CHECK(memcmp(pk, office.pk, 32) == 0);
    /* One character mistyped, anywhere: the checksum catches it. */
    int typos = 0;
    for (size_t i = 6; t[i]; i++) {
        char c[SEAL_KEY_TEXT_MAX];
        memcpy(c, t, sizeof c);
        c[i] = c[i] == 'A' ? 'B' : 'A';
        typos += seal_key_parse(c, pk) == SEAL_KEY_TYPO;
    }
    CHECK_INT(typos, 48);
    /* A character left out. */
    char shorter[SEAL_KEY_TEXT_MAX];
    memcpy(shorter, t, sizeof shorter);
    memmove(shorter + 20, shorter + 21, strlen(shorter + 21) + 1);
    CHECK_INT(seal_key_parse(shorter, pk), SEAL_KEY_TYPO);
    CHECK_INT(seal_key_parse("hello", pk), SEAL_KEY_BAD);
    CHECK_INT(seal_key_parse("", pk), SEAL_KEY_BAD);
    CHECK_INT(seal_key_parse(NULL, pk), SEAL_KEY_BAD);
    seal_fingerprint(office.pk, fp);
    CHECK_INT(strlen(fp), 19);
    char fp2[SEAL_FINGERPRINT_MAX];
    seal_fingerprint(other.pk, fp2);
    CHECK(strcmp(fp, fp2) != 0);
    strbuf_fini(&s);
}

TEST(round_trips)
{
    size_t sizes[] = {0, 1, 100, SEAL_CHUNK - 1, SEAL_CHUNK, SEAL_CHUNK + 1, 3 * SEAL_CHUNK + 7};
    for (size_t k = 0; k < MG_ARRAY_LEN(sizes); k++) {
        size_t n = sizes[k];
        char *p = xmalloc(n + 1);
        for (size_t i = 0; i < n; i++)
            p[i] = (char)(i * 7 + k);
        strbuf c, back;
        sealed(p, n, &c);
        strbuf_init(&back);
        strbuf_adds(&back, "kept:");
        CHECK_INT(seal_read(&office, c.s, c.len, &back), SEAL_OK);
        CHECK_INT(back.len, n + 5);
        CHECK(memcmp(back.s + 5, p, n) == 0);
        /* Two seals of the same text share no bytes past the magic. */
        strbuf c2;
        sealed(p, n, &c2);
        CHECK(c.len == c2.len && memcmp(c.s + 20, c2.s + 20, c.len - 20) != 0);
        strbuf_fini(&c);
        strbuf_fini(&c2);
        strbuf_fini(&back);
        free(p);
    }
}

TEST(no_plaintext_in_the_file)
{
    const char *text = "company=株式会社みどり製作所 question=ランサムウェア";
    strbuf c;
    sealed(text, strlen(text), &c);
    const char *needle = "みどり製作所";
    bool found = false;
    for (size_t i = 0; i + strlen(needle) <= c.len; i++)
        found |= memcmp(c.s + i, needle, strlen(needle)) == 0;
    CHECK(!found);
    strbuf_fini(&c);
}

TEST(each_bad_input_named)
{
    const char *text = "a small export body that spans one chunk";
    strbuf c, out;
    sealed(text, strlen(text), &c);
    strbuf_init(&out);
    CHECK_INT(seal_read(&office, "", 0, &out), SEAL_EMPTY);
    CHECK_INT(seal_read(&office, "PK\x03\x04 a zip file", 16, &out), SEAL_NOT_OURS);
    CHECK_INT(seal_read(&office, "id,company\n", 11, &out), SEAL_NOT_OURS);
    CHECK_INT(seal_read(&other, c.s, c.len, &out), SEAL_OTHER_OFFICE);
    /* The public key alone opens nothing. */
    seal_office kiosk = {0};
    memcpy(kiosk.pk, office.pk, 32);
    CHECK_INT(seal_read(&kiosk, c.s, c.len, &out), SEAL_KEY_BAD);
    strbuf v;
    strbuf_init(&v);
    strbuf_add(&v, c.s, c.len);
    v.s[9] = 3;
    CHECK_INT(seal_read(&office, v.s, v.len, &out), SEAL_VERSION_BAD);
    v.s[9] = 1; /* before signatures: refused with its own status */
    CHECK_INT(seal_read(&office, v.s, v.len, &out), SEAL_UNSIGNED);
    /* Cut at every length. */
    int cut = 0;
    for (size_t n = 1; n < c.len; n++)
        cut += seal_read(&office, c.s, n, &out) == SEAL_TRUNCATED;
    CHECK_INT(cut, (int)c.len - 1);
    /* Data after the final chunk. */
    strbuf_clear(&v);
    strbuf_add(&v, c.s, c.len);
    strbuf_adds(&v, "x");
    CHECK_INT(seal_read(&office, v.s, v.len, &out), SEAL_DAMAGED);
    /* Every byte flipped, one at a time: never accepted, and each named. */
    int bad = 0;
    for (size_t i = 0; i < c.len; i++) {
        for (int bit = 0; bit < 8; bit += 3) {
            strbuf_clear(&v);
            strbuf_add(&v, c.s, c.len);
            v.s[i] ^= (char)(1 << bit);
            seal_status st = seal_read(&office, v.s, v.len, &out);
            seal_status want = i < 8 ? SEAL_NOT_OURS : i < 12 ? SEAL_VERSION_BAD
                               : i < 20 ? SEAL_OTHER_OFFICE : SEAL_DAMAGED;
            /* A longer chunk length than the file holds reads as cut short. */
            bool ok = st == want || (i >= SEAL_HEADER_BYTES && i < SEAL_HEADER_BYTES + 4 &&
                                     st == SEAL_TRUNCATED);
            if (!ok) {
                fprintf(stderr, "byte %zu bit %d: status %d\n", i, bit, st);
                bad++;
            }
        }
    }
    CHECK_INT(bad, 0);
    /* A chunk length beyond the limit is refused before anything is read. */
    strbuf_clear(&v);
    strbuf_add(&v, c.s, SEAL_HEADER_BYTES);
    strbuf_add(&v, "\x7f\xff\xff\xff", 4);
    CHECK_INT(seal_read(&office, v.s, v.len, &out), SEAL_DAMAGED);
    CHECK_INT(out.len, 0); /* nothing was handed out */
    for (int s = SEAL_OK; s <= SEAL_UNSIGNED; s++) {
        msg_id m = seal_status_msg((seal_status)s);
        CHECK(s == SEAL_OK ? m == MSG_COUNT : m < MSG_COUNT);
    }
    strbuf_fini(&v);
    strbuf_fini(&c);
    strbuf_fini(&out);
}

/* What a kiosk checks of the file it wrote, with the public key alone. */
TEST(checked_without_the_secret)
{
    const char *text = "a small export body that spans one chunk";
    strbuf c, v;
    sealed(text, strlen(text), &c);
    strbuf_init(&v);
    CHECK_INT(seal_check(office.pk, c.s, c.len), SEAL_OK);
    CHECK_INT(seal_check(other.pk, c.s, c.len), SEAL_OTHER_OFFICE);
    CHECK_INT(seal_check(office.pk, "", 0), SEAL_EMPTY);
    CHECK_INT(seal_check(office.pk, "id,company\n", 11), SEAL_NOT_OURS);
    int cut = 0;
    for (size_t n = 1; n < c.len; n++)
        cut += seal_check(office.pk, c.s, n) == SEAL_TRUNCATED;
    CHECK_INT(cut, (int)c.len - 1);
    strbuf_add(&v, c.s, c.len);
    v.s[9] = 3;
    CHECK_INT(seal_check(office.pk, v.s, v.len), SEAL_VERSION_BAD);
    /* The signature: checked by the writer too; another signer's key in
     * the header, or a changed signature, is not the file it wrote. */
    strbuf_clear(&v);
    strbuf_add(&v, c.s, c.len);
    v.s[SEAL_SIGNED_AT + 40] ^= 1;
    CHECK_INT(seal_check(office.pk, v.s, v.len), SEAL_DAMAGED);
    strbuf_clear(&v);
    strbuf_add(&v, c.s, c.len);
    v.s[SEAL_SIGNED_AT + 3] ^= 1;
    CHECK_INT(seal_check(office.pk, v.s, v.len), SEAL_DAMAGED);
    unsigned char who[SEAL_PK_BYTES];
    seal_signer_of(c.s, who);
    CHECK(memcmp(who, kiosk_signer.pk, SEAL_PK_BYTES) == 0);
    strbuf_clear(&v);
    strbuf_add(&v, c.s, SEAL_HEADER_BYTES);
    strbuf_add(&v, "\x7f\xff\xff\xff", 4);
    CHECK_INT(seal_check(office.pk, v.s, v.len), SEAL_DAMAGED);
    strbuf_clear(&v);
    strbuf_add(&v, c.s, c.len);
    strbuf_adds(&v, "xyz!");
    CHECK(seal_check(office.pk, v.s, v.len) != SEAL_OK); /* a stray tail */
    strbuf_fini(&v);
    strbuf_fini(&c);
}

/* The key file on a stick: what office key -o writes reads back; the
 * key line found among others; a typo, no key, a NUL, a huge file each
 * refused; found on the drives only when there is exactly one. */
TEST(key_file)
{
    strbuf kf;
    strbuf_init(&kf);
    seal_key_file_text(office.pk, &kf);
    unsigned char pk[SEAL_PK_BYTES];
    CHECK_INT(seal_key_file_parse(kf.s, kf.len, pk), SEAL_OK);
    CHECK(memcmp(pk, office.pk, SEAL_PK_BYTES) == 0);
    char fp[SEAL_FINGERPRINT_MAX];
    seal_fingerprint(office.pk, fp);
    CHECK(strstr(kf.s, fp) != NULL); /* the fingerprint beside it, to compare */
    char text[SEAL_KEY_TEXT_MAX], buf[256];
    seal_key_text(office.pk, text);
    snprintf(buf, sizeof buf, "事務局の鍵です\r\n  %s\r\n", text);
    CHECK_INT(seal_key_file_parse(buf, strlen(buf), pk), SEAL_OK);
    snprintf(buf, sizeof buf, "%s", text);
    buf[20] = buf[20] == 'x' ? 'y' : 'x';
    CHECK_INT(seal_key_file_parse(buf, strlen(buf), pk), SEAL_KEY_TYPO);
    CHECK_INT(seal_key_file_parse("hello\n", 6, pk), SEAL_KEY_BAD);
    CHECK_INT(seal_key_file_parse("", 0, pk), SEAL_KEY_BAD);
    char nul[80];
    memcpy(nul, text, 10);
    nul[10] = '\0';
    CHECK_INT(seal_key_file_parse(nul, 40, pk), SEAL_KEY_BAD);
    CHECK_INT(seal_key_file_parse(kf.s, SEAL_KEY_FILE_MAX + 1, pk), SEAL_KEY_BAD);
    /* A kiosk's signing pair as stored, and back. */
    strbuf st;
    strbuf_init(&st);
    seal_signer_text(&kiosk_signer, &st);
    seal_signer back;
    CHECK(seal_signer_parse(st.s, &back));
    CHECK(memcmp(back.pk, kiosk_signer.pk, SEAL_PK_BYTES) == 0);
    CHECK(memcmp(back.sk, kiosk_signer.sk, sizeof back.sk) == 0);
    st.s[st.len - 3] = st.s[st.len - 3] == 'A' ? 'B' : 'A';
    CHECK(!seal_signer_parse(st.s, &back)); /* its public half no longer its seed's */
    CHECK(!seal_signer_parse("mdgsig1$", &back));
    CHECK(!seal_signer_parse(text, &back));
    seal_signer_fini(&back);
    strbuf_fini(&st);
    CHECK(seal_key_file_name("madoguchi-office.key"));
    CHECK(seal_key_file_name("MADOGUCHI-OFFICE (1).KEY"));
    CHECK(!seal_key_file_name("madoguchi-office.key.txt"));
    CHECK(!seal_key_file_name("office.key"));
    /* On two drives. */
    char *a = test_tmpdir("mgkeya"), *b = test_tmpdir("mgkeyb");
    const char *dirs[2] = {a, b};
    seal_found f;
    seal_key_find(dirs, 2, &f);
    CHECK_INT(f.result, SEAL_FIND_NONE);
    char path[600];
    snprintf(path, sizeof path, "%s/madoguchi-office.key", b);
    FILE *o = fopen(path, "w");
    CHECK(o && fwrite(kf.s, 1, kf.len, o) == kf.len);
    if (o)
        fclose(o);
    seal_key_find(dirs, 2, &f);
    CHECK_INT(f.result, SEAL_FIND_OK);
    CHECK_STR(f.path, path);
    CHECK(memcmp(f.pk, office.pk, SEAL_PK_BYTES) == 0);
    snprintf(path, sizeof path, "%s/Madoguchi-Office-old.key", a);
    o = fopen(path, "w");
    CHECK(o && fputs("junk", o) >= 0);
    if (o)
        fclose(o);
    seal_key_find(dirs, 2, &f);
    CHECK_INT(f.result, SEAL_FIND_MANY);
    CHECK_INT(f.count, 2);
    CHECK(strstr(f.path, "Madoguchi-Office-old.key") && strstr(f.path, "madoguchi-office.key"));
    snprintf(path, sizeof path, "%s/madoguchi-office.key", b);
    CHECK(unlink(path) == 0);
    seal_key_find(dirs, 2, &f);
    CHECK_INT(f.result, SEAL_FIND_BAD);
    CHECK_INT(f.st, SEAL_KEY_BAD);
    CHECK(test_rmdir(a) && test_rmdir(b));
    free(a);
    free(b);
    strbuf_fini(&kf);
}

int main(void)
{
    CHECK(seal_office_generate(&office));
    CHECK(seal_office_generate(&other));
    CHECK(seal_signer_generate(&kiosk_signer));
    RUN(lock_and_unlock);
    RUN(key_text);
    RUN(round_trips);
    RUN(no_plaintext_in_the_file);
    RUN(each_bad_input_named);
    RUN(checked_without_the_secret);
    RUN(key_file);
    seal_office_fini(&office);
    seal_office_fini(&other);
    seal_signer_fini(&kiosk_signer);
    return test_summary();
}
