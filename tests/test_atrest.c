/*
 * Encryption at rest (store.h): a kiosk with a staff PIN keeps no note
 * field in clear in its file, its -wal or its -shm; locked, it refuses
 * to read or write notes; a wrong PIN refuses; a new PIN keeps the notes
 * readable; a store that held plaintext before its first PIN is scrubbed;
 * an export from an encrypted kiosk merges into a plain master with the
 * same revision hashes.  Then the same through the real binary
 * (MADOGUCHI_PIN, notes add/edit/list, pin set).
 */
#define _GNU_SOURCE /* memmem */
#include <sodium.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../app/core/notes.h"
#include "../app/core/pin.h"
#include "../app/core/seal.h"
#include "../app/core/store.h"
#include "../app/core/sync.h"
#include "../app/core/util.h"
#include "run.h"
#include "test.h"

static char *dir;
static const char *const secrets[] = {"株式会社テスト商事", "取引先から請求書が届いた",
                                      "振込先の変更は電話で確認", "再発防止の打合せ"};

/* Occurrences of needle in path, path-wal and path-shm together. */
static int hits(const char *path, const char *needle)
{
    int n = 0;
    const char *sfx[] = {"", "-wal", "-shm"};
    for (size_t i = 0; i < MG_ARRAY_LEN(sfx); i++) {
        char p[1024];
        snprintf(p, sizeof p, "%s%s", path, sfx[i]);
        size_t len = 0;
        char *d = read_file(p, &len);
        for (const char *q = d; d && (q = memmem(q, len - (size_t)(q - d), needle, strlen(needle)));
             q++)
            n++;
        free(d);
    }
    return n;
}

/* Every secret's hits in path, summed. */
static int all_hits(const char *path)
{
    int n = 0;
    for (size_t i = 0; i < MG_ARRAY_LEN(secrets); i++)
        n += hits(path, secrets[i]);
    return n;
}

static char *db_path(const char *name)
{
    return path_join(dir, name);
}

/* A note of the secrets, saved in s; its id into id. */
static bool add_note(store *s, char id[37])
{
    char err[512];
    note n = {0};
    n.company = (char *)secrets[0];
    n.question = (char *)secrets[1];
    n.answer = (char *)secrets[2];
    n.category = (char *)"breach";
    n.followup = true;
    bool ok = notes_save(s, &n, 1700000000000LL, err, sizeof err);
    if (!ok)
        fprintf(stderr, "%s\n", err);
    snprintf(id, 37, "%s", n.id);
    free(n.kiosk);
    return ok;
}

TEST(encrypted_store_keeps_nothing_in_clear)
{
    char *p = db_path("k.db"), err[512], id[37] = "";
    store *s = store_open_lang(p, LANG_EN, err, sizeof err);
    CHECK(s && !store_encrypted(s) && !store_locked(s));
    if (!s)
        return;
    /* Plaintext first, with revisions (the test can fail: it is there). */
    CHECK(add_note(s, id));
    CHECK(sync_snapshot(s, 1700000000001LL, err, sizeof err));
    CHECK(all_hits(p) > 0);
    CHECK(pin_set(s, "246810", err, sizeof err));
    CHECK(store_encrypted(s) && !store_locked(s));
    CHECK_INT(all_hits(p), 0); /* converted and scrubbed, the WAL included */
    /* Edited while open: the row and a new revision, both sealed. */
    note n;
    CHECK_INT(notes_get(s, id, &n, err, sizeof err), 1);
    CHECK_STR(n.company, secrets[0]);
    free(n.memo);
    n.memo = xstrdup(secrets[3]);
    CHECK(notes_save(s, &n, 1700000000002LL, err, sizeof err));
    note_fini(&n);
    CHECK(sync_snapshot(s, 1700000000003LL, err, sizeof err));
    CHECK_INT(all_hits(p), 0);
    sync_rev_info *v = NULL;
    size_t nv = 0;
    CHECK(sync_revisions(s, id, &v, &nv, err, sizeof err));
    CHECK_INT(nv, 2);
    CHECK(nv == 2 && v[0].n.company && !strcmp(v[0].n.company, secrets[0]) && !v[0].n.memo);
    CHECK(nv == 2 && v[1].n.memo && !strcmp(v[1].n.memo, secrets[3]));
    sync_rev_info_free(v, nv);
    /* Search in memory: long and short words, category, follow-up. */
    note *got = NULL;
    size_t ng = 0;
    notes_query q = {.words = "テスト商事 請求"};
    CHECK(notes_search(s, &q, &got, &ng, err, sizeof err) && ng == 1);
    notes_free(got, ng);
    q = (notes_query){.words = "無関係"};
    CHECK(notes_search(s, &q, &got, &ng, err, sizeof err) && ng == 0);
    notes_free(got, ng);
    q = (notes_query){.category = "outage"};
    CHECK(notes_search(s, &q, &got, &ng, err, sizeof err) && ng == 0);
    notes_free(got, ng);
    q = (notes_query){.category = "breach", .followup = true};
    CHECK(notes_search(s, &q, &got, &ng, err, sizeof err) && ng == 1);
    notes_free(got, ng);
    CHECK_INT(all_hits(p), 0);
    /* Locked: nothing is read or written, and it says why. */
    store_lock(s);
    CHECK(store_locked(s));
    CHECK_INT(notes_get(s, id, &n, err, sizeof err), -1);
    CHECK_CONTAINS(err, "the staff PIN is needed");
    CHECK(!notes_list(s, 0, &got, &ng, err, sizeof err) && !got);
    CHECK_CONTAINS(err, "the staff PIN is needed");
    char id2[37];
    CHECK(!add_note(s, id2));
    CHECK(!sync_snapshot(s, 1700000000004LL, err, sizeof err));
    CHECK_CONTAINS(err, "the staff PIN is needed");
    CHECK(!pin_set(s, "999999", err, sizeof err)); /* a new PIN needs the key open */
    store_close(s);
    CHECK_INT(all_hits(p), 0);

    /* Reopened: locked; a wrong PIN refuses; the right one opens. */
    s = store_open_lang(p, LANG_EN, err, sizeof err);
    CHECK(s && store_locked(s));
    CHECK(s && !store_unlock(s, "135792", err, sizeof err) && store_locked(s));
    CHECK_CONTAINS(err, "wrong PIN");
    CHECK(s && store_unlock(s, "246810", err, sizeof err) && !store_locked(s));
    CHECK_INT(s ? notes_get(s, id, &n, err, sizeof err) : -1, 1);
    CHECK_STR(n.memo, secrets[3]);
    note_fini(&n);
    /* A new PIN rewraps the same key: the notes stay readable with it
     * alone. */
    CHECK(s && pin_set(s, "13572468", err, sizeof err));
    store_close(s);
    s = store_open_lang(p, LANG_EN, err, sizeof err);
    CHECK(s && !store_unlock(s, "246810", err, sizeof err));
    CHECK(s && store_unlock(s, "13572468", err, sizeof err));
    CHECK_INT(s ? notes_get(s, id, &n, err, sizeof err) : -1, 1);
    CHECK_STR(n.company, secrets[0]);
    note_fini(&n);
    store_close(s);
    CHECK_INT(all_hits(p), 0);
    free(p);
}

/* A sealed row moved onto another note does not open. */
TEST(sealed_row_is_bound_to_its_note)
{
    char *p = db_path("bound.db"), err[512], a[37], b[37];
    store *s = store_open_lang(p, LANG_EN, err, sizeof err);
    CHECK(s && pin_set(s, "246810", err, sizeof err) && add_note(s, a) && add_note(s, b));
    if (!s) {
        free(p);
        return;
    }
    char sql[300];
    snprintf(sql, sizeof sql,
             "UPDATE notes SET sealed = (SELECT sealed FROM notes WHERE id = '%s') WHERE id = '%s'",
             a, b);
    CHECK(sqlite3_exec(store_sql(s), sql, NULL, NULL, NULL) == SQLITE_OK);
    note n;
    CHECK_INT(notes_get(s, b, &n, err, sizeof err), -1);
    CHECK_CONTAINS(err, "do not open");
    CHECK_INT(notes_get(s, a, &n, err, sizeof err), 1);
    note_fini(&n);
    store_close(s);
    free(p);
}

/* The hash of the row a table keeps for rev (32 bytes) into h. */
static bool rev_hash(store *s, const char *rev, unsigned char h[32])
{
    sqlite3_stmt *st;
    bool ok = sqlite3_prepare_v2(store_sql(s), "SELECT hash FROM sync_revs WHERE rev = ?1", -1,
                                 &st, NULL) == SQLITE_OK;
    if (ok) {
        sqlite3_bind_text(st, 1, rev, -1, SQLITE_STATIC);
        ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 32;
        if (ok)
            memcpy(h, sqlite3_column_blob(st, 0), 32);
    }
    sqlite3_finalize(st);
    return ok;
}

TEST(export_from_an_encrypted_kiosk)
{
    seal_office office;
    CHECK(seal_office_generate(&office));
    char text[SEAL_KEY_TEXT_MAX], err[1024], id[37], *kp = db_path("kiosk2.db"),
                                                    *mp = db_path("master.db");
    seal_key_text(office.pk, text);
    store *k = store_open_lang(kp, LANG_EN, err, sizeof err);
    store *m = store_open_lang(mp, LANG_EN, err, sizeof err);
    CHECK(k && m);
    if (!k || !m) {
        store_close(k);
        store_close(m);
        free(kp);
        free(mp);
        return;
    }
    CHECK(store_set_setting(k, SEAL_SETTING_PUBLIC, text, err, sizeof err));
    CHECK(pin_set(k, "246810", err, sizeof err) && add_note(k, id));
    /* The office's copy of the data key: sealed to the office key. */
    char *copy = NULL;
    CHECK_INT(store_setting(k, STORE_KEY_DEK_OFFICE, &copy, err, sizeof err), 1);
    CHECK(copy && strlen(copy) == 64 + 1 + 2 * (crypto_box_SEALBYTES + 32));
    free(copy);
    sync_export x;
    CHECK(sync_export_make(k, office.pk, false, 1700000000100LL, &x, err, sizeof err));
    CHECK_INT(x.notes, 1);
    CHECK_INT(hits(kp, secrets[0]), 0);
    CHECK(memmem(x.file.s, x.file.len, secrets[0], strlen(secrets[0])) == NULL);
    sync_file *f = NULL;
    seal_status st;
    CHECK(sync_read(&office, x.file.s, x.file.len, &f, &st, err, sizeof err));
    sync_counts c;
    CHECK(f && sync_merge(m, &f, 1, 1700000000200LL, &c, err, sizeof err) && c.new_notes == 1);
    note n;
    CHECK_INT(notes_get(m, id, &n, err, sizeof err), 1);
    CHECK_STR(n.company, secrets[0]);
    note_fini(&n);
    /* Both agree on the revision's hash (taken over the clear body). */
    unsigned char hk[32], hm[32];
    CHECK(f && f->n == 1 && rev_hash(k, f->revs[0].rev, hk) && rev_hash(m, f->revs[0].rev, hm) &&
          memcmp(hk, hm, 32) == 0);
    /* An import into the encrypted kiosk (rare) seals what it brings: the
     * master's own note comes back through the office's export. */
    note o = {0};
    o.company = (char *)"有限会社オフィス側";
    o.question = (char *)"事務局で受けた相談";
    o.category = (char *)"general";
    CHECK(notes_save(m, &o, 1700000000300LL, err, sizeof err));
    free(o.kiosk);
    sync_export y;
    CHECK(sync_export_make(m, office.pk, false, 1700000000400LL, &y, err, sizeof err));
    sync_file *g = NULL;
    CHECK(sync_read(&office, y.file.s, y.file.len, &g, &st, err, sizeof err));
    CHECK(g && sync_merge(k, &g, 1, 1700000000500LL, &c, err, sizeof err) && c.new_notes == 1);
    CHECK_INT(hits(kp, "有限会社オフィス側"), 0);
    CHECK_INT(hits(kp, "事務局で受けた相談"), 0);
    CHECK_INT(notes_get(k, o.id, &n, err, sizeof err), 1);
    CHECK_STR(n.company, "有限会社オフィス側");
    note_fini(&n);
    sync_file_free(f);
    sync_file_free(g);
    sync_export_fini(&x);
    sync_export_fini(&y);
    /* Purged once exported, also locked (the kiosk's start): a note
     * edited since its export is kept, with its edit. */
    size_t purged = 0;
    char id3[37];
    CHECK(add_note(k, id3));
    CHECK(sync_export_make(k, office.pk, false, 1700000000600LL, &x, err, sizeof err));
    CHECK(sync_export_done(k, &x, "x.mdgx", 1700000000600LL, err, sizeof err));
    sync_export_fini(&x);
    CHECK_INT(notes_get(k, id3, &n, err, sizeof err), 1);
    free(n.memo);
    n.memo = xstrdup(secrets[3]);
    CHECK(notes_save(k, &n, 1700000000700LL, err, sizeof err));
    note_fini(&n);
    store_lock(k);
    CHECK(sync_purge_exported(k, 0, &purged, err, sizeof err));
    CHECK_INT(purged, 1); /* the first one; the office's came from elsewhere */
    CHECK(store_unlock(k, "246810", err, sizeof err));
    CHECK_INT(notes_get(k, id, &n, err, sizeof err), 0);
    CHECK_INT(notes_get(k, id3, &n, err, sizeof err), 1);
    CHECK_STR(n.memo, secrets[3]);
    note_fini(&n);
    store_close(k);
    store_close(m);
    seal_office_fini(&office);
    free(kp);
    free(mp);
}

/* ---- through the binary ---- */

static const char *bin;

/* bin with args in dir, no terminal (setsid: no PIN can be asked). */
static int cli(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int cli(char **out, const char *fmt, ...)
{
    char cmd[3000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return test_runf(out, "cd %s && setsid -w %s --lang en %s </dev/null", dir, bin, cmd);
}

TEST(cli_with_a_pin)
{
    char *out, *p = db_path("cli.db");
    CHECK_INT(test_runf(&out, "cd %s && echo 246810 | %s --lang en pin set --db cli.db", dir, bin),
              0);
    CHECK_CONTAINS(out, "PIN set");
    free(out);
    CHECK_INT(cli(&out, "notes add --db cli.db --question '%s' --category breach --company '%s'"
                        " --answer '%s'",
                  secrets[1], secrets[0], secrets[2]),
              2);
    CHECK_CONTAINS(out, "the staff PIN is needed (set MADOGUCHI_PIN");
    free(out);
    setenv("MADOGUCHI_PIN", "246810", 1);
    CHECK_INT(cli(&out, "notes add --db cli.db --question '%s' --category breach --company '%s'"
                        " --answer '%s'",
                  secrets[1], secrets[0], secrets[2]),
              0);
    char id[37] = "";
    snprintf(id, sizeof id, "%s", out);
    free(out);
    CHECK_INT(cli(&out, "notes edit %.8s --db cli.db --memo '%s'", id, secrets[3]), 0);
    free(out);
    CHECK_INT(cli(&out, "notes show %.8s --db cli.db", id), 0);
    CHECK_CONTAINS(out, secrets[0]);
    CHECK_CONTAINS(out, secrets[3]);
    free(out);
    CHECK_INT(all_hits(p), 0);
    setenv("MADOGUCHI_PIN", "111111", 1);
    CHECK_INT(cli(&out, "notes list --db cli.db"), 2);
    CHECK_CONTAINS(out, "wrong PIN");
    free(out);
    /* A new PIN: the old one gives the key, stdin the new one. */
    setenv("MADOGUCHI_PIN", "246810", 1);
    CHECK_INT(test_runf(&out, "cd %s && echo 97531864 | setsid -w %s --lang en pin set --db cli.db",
                        dir, bin),
              0);
    free(out);
    CHECK_INT(cli(&out, "notes list --db cli.db"), 2);
    free(out);
    setenv("MADOGUCHI_PIN", "97531864", 1);
    CHECK_INT(cli(&out, "notes list --db cli.db"), 0);
    CHECK_CONTAINS(out, secrets[1]);
    free(out);
    unsetenv("MADOGUCHI_PIN");
    CHECK_INT(all_hits(p), 0);
    free(p);

    /* Plaintext notes first (no PIN), then `pin set` converts them. */
    p = db_path("plain.db");
    CHECK_INT(cli(&out, "notes add --db plain.db --question '%s' --category breach --company '%s'",
                  secrets[1], secrets[0]),
              0);
    free(out);
    CHECK(all_hits(p) > 0);
    CHECK_INT(test_runf(&out, "cd %s && echo 246810 | %s pin set --db plain.db", dir, bin), 0);
    free(out);
    CHECK_INT(all_hits(p), 0);
    CHECK_INT(cli(&out, "notes list --db plain.db"), 2);
    free(out);
    free(p);
}

int main(void)
{
    bin = getenv("MG_BINARY");
    dir = test_tmpdir("mgatrest");
    if (!dir || sodium_init() < 0)
        return 1;
    RUN(encrypted_store_keeps_nothing_in_clear);
    RUN(sealed_row_is_bound_to_its_note);
    RUN(export_from_an_encrypted_kiosk);
    if (bin)
        RUN(cli_with_a_pin);
    else
        fprintf(stderr, "MG_BINARY not set: the command-line half skipped\n");
    test_rmdir(dir);
    free(dir);
    return test_summary();
}
