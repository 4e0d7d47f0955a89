/*
 * Origin proof: each kiosk signs its exports with a key pair made at
 * enrolment; the office records a kiosk's key the first time it imports
 * from it and refuses an export from the same kiosk id signed with
 * another key (a file anyone with the office's public key could seal),
 * with its own message and the master byte for byte as it was; an old,
 * unsigned (format 1) file is refused with a message of its own.
 */
#include <unistd.h>

#include "../app/core/fsio.h"
#include "../app/core/notes.h"
#include "../app/core/path.h"
#include "../app/core/seal.h"
#include "../app/core/store.h"
#include "../app/core/sync.h"
#include "run.h"
#include "test.h"

static seal_office office;
static char *dir;
static long long now = 1780000000000LL;

static char *in_dir(const char *name)
{
    return path_join(dir, name);
}

static store *open_db(const char *name)
{
    char *path = in_dir(name), err[512];
    store *s = store_open(path, err, sizeof err);
    if (!s)
        fprintf(stderr, "%s\n", err);
    free(path);
    return s;
}

static void add_note(store *s, const char *question)
{
    note n = {0};
    n.question = xstrdup(question);
    n.category = xstrdup("general");
    char err[512];
    CHECK(notes_save(s, &n, now += 10, err, sizeof err));
    note_fini(&n);
}

/* s's new notes, exported and read back by the office. */
static sync_file *export_of(store *s)
{
    sync_export x;
    char err[512];
    sync_file *f = NULL;
    seal_status st;
    CHECK(sync_export_make(s, office.pk, false, now += 10, &x, err, sizeof err));
    CHECK(x.revisions > 0 && sync_read(&office, x.file.s, x.file.len, &f, &st, err, sizeof err));
    CHECK(sync_export_done(s, &x, "mem", now += 10, err, sizeof err));
    sync_export_fini(&x);
    return f;
}

/* The bytes of the database file name (and its -wal, if any). */
static char *bytes_of(const char *name, size_t *len)
{
    char *path = in_dir(name), wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    size_t a = 0, b = 0;
    char *d = read_file(path, &a), *w = access(wal, F_OK) == 0 ? read_file(wal, &b) : NULL;
    char *all = xmalloc(a + b + 1);
    if (d)
        memcpy(all, d, a);
    if (w)
        memcpy(all + a, w, b);
    *len = a + b;
    free(d);
    free(w);
    free(path);
    return all;
}

TEST(first_use_then_the_same_key)
{
    store *k = open_db("k.db"), *m = open_db("m.db");
    char err[512];
    seal_signer mine;
    bool made = false;
    CHECK(k && sync_signer(k, &mine, &made, err, sizeof err) && made); /* as enrolment does */
    seal_signer again;
    CHECK(k && sync_signer(k, &again, &made, err, sizeof err) && !made);
    CHECK(memcmp(mine.pk, again.pk, SEAL_PK_BYTES) == 0);
    add_note(k, "一回目");
    sync_file *f = k ? export_of(k) : NULL;
    CHECK(f && f->is_signed && memcmp(f->signer, mine.pk, SEAL_PK_BYTES) == 0);
    sync_counts c;
    CHECK(m && f && sync_merge(m, &f, 1, now += 10, &c, err, sizeof err));
    CHECK_INT(c.new_signers, 1);
    char fp[SEAL_FINGERPRINT_MAX];
    seal_fingerprint(mine.pk, fp);
    CHECK_STR(c.signer_source[0], k ? store_kiosk(k) : "");
    CHECK_STR(c.signer_fp[0], fp);
    sync_file_free(f);
    /* The same kiosk again: its key known, nothing recorded anew. */
    add_note(k, "二回目");
    f = k ? export_of(k) : NULL;
    CHECK(m && f && sync_merge(m, &f, 1, now += 10, &c, err, sizeof err));
    CHECK_INT(c.new_signers, 0);
    CHECK_INT(c.new_notes, 1);
    sync_file_free(f);
    seal_signer_fini(&mine);
    seal_signer_fini(&again);
    store_close(k);
    store_close(m);
}

TEST(another_key_for_the_same_kiosk_refused)
{
    store *k = open_db("k.db");
    char err[512], kid[37] = "";
    if (k)
        snprintf(kid, sizeof kid, "%s", store_kiosk(k));
    store_close(k);
    /* A forger: the kiosk's id, its own signing key. */
    store *x = open_db("forger.db");
    CHECK(x && store_set_setting(x, STORE_KEY_KIOSK, kid, err, sizeof err));
    store_close(x);
    x = open_db("forger.db");
    CHECK(x && strcmp(store_kiosk(x), kid) == 0);
    add_note(x, "偽の相談");
    sync_file *f = x ? export_of(x) : NULL;
    store_close(x);
    size_t before_len, after_len;
    char *before = bytes_of("m.db", &before_len);
    store *m = open_db("m.db");
    sync_counts c;
    CHECK(m && f && !sync_merge(m, &f, 1, now += 10, &c, err, sizeof err));
    CHECK_INT(c.refused_file, 0);
    CHECK_STR(c.refused_source, kid);
    CHECK(strcmp(c.recorded_fp, c.refused_fp) != 0);
    CHECK_CONTAINS(err, "signed with another key");
    note *v = NULL;
    size_t n = 0;
    CHECK(m && notes_list(m, 0, &v, &n, err, sizeof err));
    CHECK_INT(n, 2); /* the kiosk's two, not the forger's */
    notes_free(v, n);
    store_close(m);
    char *after = bytes_of("m.db", &after_len);
    CHECK(before_len == after_len && memcmp(before, after, before_len) == 0);
    /* The message the command line gives, in both languages. */
    char line[1024];
    snprintf(line, sizeof line, msg_get(LANG_JA, MSG_SYNC_OTHER_SIGNER), "x.mdgx", kid,
             c.recorded_fp, c.refused_fp);
    CHECK_CONTAINS(line, "別の鍵");
    free(before);
    free(after);
    sync_file_free(f);
}

TEST(unsigned_old_format_refused)
{
    store *k = open_db("k.db");
    char err[512];
    add_note(k, "三回目");
    sync_export x;
    CHECK(k && sync_export_make(k, office.pk, false, now += 10, &x, err, sizeof err));
    CHECK(x.file.len > SEAL_HEADER_BYTES);
    x.file.s[9] = 1; /* as a build before signatures wrote it */
    sync_file *f = NULL;
    seal_status st;
    CHECK(!sync_read(&office, x.file.s, x.file.len, &f, &st, err, sizeof err));
    CHECK_INT(st, SEAL_UNSIGNED);
    CHECK_INT(seal_check(office.pk, x.file.s, x.file.len), SEAL_UNSIGNED);
    CHECK_CONTAINS(msg_get(LANG_JA, seal_status_msg(st)), "署名のない古い形式");
    sync_export_fini(&x);
    store_close(k);
}

int main(void)
{
    dir = test_tmpdir("mgorigin");
    if (!dir || !seal_office_generate(&office))
        return 1;
    RUN(first_use_then_the_same_key);
    RUN(another_key_for_the_same_kiosk_refused);
    RUN(unsigned_old_format_refused);
    CHECK(test_rmdir(dir));
    free(dir);
    seal_office_fini(&office);
    return test_summary();
}
