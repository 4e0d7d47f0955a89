/*
 * Consultation records: the power-cut test (a writer killed with SIGKILL at
 * random moments, 200 times: the database stays intact and every note
 * whose save had returned is there), schema versions, and bad input.
 */
#include "smalldisk.h" /* first: it asks for _GNU_SOURCE */

#include <signal.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../app/core/notes.h"
#include "../app/core/util.h"
#include "smalldisk.h"
#include "test.h"

static char dir[] = "/tmp/mgnotesXXXXXX";

/* The wall clock in ms, as the app passes it to notes_save. */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* notes_search that must work: the notes found (at most 100) in *v. */
static size_t search(store *db, const char *words, const char *category, bool followup, note **v)
{
    char err[256];
    size_t n = 0;
    notes_query q = {.words = words, .category = category, .followup = followup, .max = 100};
    bool ok = notes_search(db, &q, v, &n, err, sizeof err);
    if (!ok)
        fprintf(stderr, "notes_search: %s\n", err);
    CHECK(ok);
    return n;
}

static size_t list(store *db, note **v)
{
    return search(db, NULL, NULL, false, v);
}

typedef struct expect {
    char id[37];
    char *question;
} expect;

static expect *want;
static size_t nwant, capwant;

static void remember(const char *id, const char *q)
{
    for (size_t i = 0; i < nwant; i++)
        if (strcmp(want[i].id, id) == 0) {
            free(want[i].question);
            want[i].question = xstrdup(q);
            return;
        }
    vec_reserve((void **)&want, &capwant, nwant + 1, sizeof(expect));
    snprintf(want[nwant].id, 37, "%s", id);
    want[nwant++].question = xstrdup(q);
}

/* The writer: adds notes and edits earlier ones, reporting each save
 * after it returned.  Runs until it is killed. */
static void writer(const char *path, int fd, int round)
{
    char err[256];
    store *db = store_open(path, err, sizeof err);
    if (!db)
        _exit(3);
    char last[37] = "";
    for (int i = 0;; i++) {
        note n = {0};
        char q[256];
        snprintf(q, sizeof q, "第%d回の相談 %d: ランサムウェアの被害について。%08x", round, i,
                 (unsigned)rand());
        if (i % 3 == 2 && last[0]) {
            snprintf(n.id, sizeof n.id, "%s", last); /* an edit of an earlier note */
            snprintf(q, sizeof q, "第%d回 %d で書き直しました。%08x", round, i, (unsigned)rand());
        }
        n.question = q;
        n.category = "breach";
        n.answer = "ネットワークから切り離し、相談窓口に連絡する。";
        n.kiosk = NULL;
        if (!notes_save(db, &n, now_ms(), err, sizeof err))
            _exit(4);
        char line[512];
        int len = snprintf(line, sizeof line, "%s\t%s\n", n.id, q);
        if (write(fd, line, (size_t)len) != len)
            _exit(5);
        snprintf(last, sizeof last, "%s", n.id);
        free(n.kiosk);
    }
}

/* The child's half of full_and_read_only_disk: exit status = failed checks. */
static int disk_child(const char *d)
{
    if (!small_disk(d, "512k"))
        return SMALL_DISK_UNAVAILABLE;
    char err[512], *path = path_join(d, "n.db");
    store *db = store_open(path, err, sizeof err);
    CHECK(db != NULL);
    if (!db)
        return test_failures;
    note n = {.question = "ランサムウェアの相談", .category = "breach"};
    CHECK(notes_save(db, &n, now_ms(), err, sizeof err));
    char first[37];
    snprintf(first, sizeof first, "%s", n.id);
    /* The disk fills up (a video copied to the SD card, say). */
    small_disk_fill(d);
    char *big = xmalloc(64 * 1024);
    memset(big, 'x', 64 * 1024 - 1);
    big[64 * 1024 - 1] = '\0';
    note m = {.question = big, .category = "other"};
    CHECK(!notes_save(db, &m, now_ms(), err, sizeof err));
    CHECK_INT(store_failure(db), STORE_FAIL_FULL);
    CHECK_CONTAINS(err, path); /* says which file */
    CHECK_STR(m.id, "");       /* not given an id it does not have */
    /* editing the first note with the big text fails too; the old text stays */
    n.question = big;
    CHECK(!notes_save(db, &n, now_ms(), err, sizeof err));
    CHECK_INT(store_failure(db), STORE_FAIL_FULL);
    note got;
    CHECK(notes_get(db, first, &got, err, sizeof err) == 1);
    CHECK_STR(got.question, "ランサムウェアの相談");
    note_fini(&got);
    /* Space again: the same call now works (what the editor's retry does). */
    char filler[512];
    snprintf(filler, sizeof filler, "%s/filler", d);
    CHECK(unlink(filler) == 0);
    CHECK(notes_save(db, &m, now_ms(), err, sizeof err));
    CHECK_INT(strlen(m.id), 36);
    store_close(db);
    /* Write-protected: the notes can still be read, and saving says why. */
    CHECK(small_disk_readonly(d));
    db = store_open(path, err, sizeof err);
    if (!db) {
        fprintf(stderr, "read-only open: %s\n", err);
        CHECK(db != NULL);
        free(big);
        free(path);
        return test_failures;
    }
    note *v;
    size_t count = list(db, &v);
    CHECK_INT(count, 2);
    notes_free(v, count);
    note r = {.question = "読み取り専用の場所", .category = "other"};
    CHECK(!notes_save(db, &r, now_ms(), err, sizeof err));
    CHECK_INT(store_failure(db), STORE_FAIL_READONLY);
    CHECK_CONTAINS(err, "readonly");
    store_close(db);
    free(big);
    free(path);
    return test_failures;
}

TEST(full_and_read_only_disk)
{
    CHECK_INT(small_disk_run(disk_child, "/tmp/mgdiskXXXXXX", "full_and_read_only_disk"), 0);
}

TEST(power_cut)
{
    char *path = path_join(dir, "cut.db");
    srand((unsigned)test_seed("power cut", 0));
    int kills = 0, reported = 0;
    for (int round = 0; round < 200; round++) {
        int fds[2];
        CHECK(pipe(fds) == 0);
        pid_t pid = fork();
        if (pid == 0) {
            close(fds[0]);
            srand((unsigned)round * 7919u);
            writer(path, fds[1], round);
        }
        close(fds[1]);
        /* Wait for the writer's first save of this round, however loaded the
         * machine is, then cut the power at a random moment 0 to 25 ms on. */
        strbuf b;
        strbuf_init(&b);
        char buf[4096];
        ssize_t got;
        while (!memchr(b.s ? b.s : "", '\n', b.len) && (got = read(fds[0], buf, sizeof buf)) > 0)
            strbuf_add(&b, buf, (size_t)got);
        usleep((useconds_t)(rand() % 25000));
        kill(pid, SIGKILL);
        int st;
        waitpid(pid, &st, 0);
        kills += WIFSIGNALED(st);
        /* Complete lines only: the kill may cut the last one. */
        while ((got = read(fds[0], buf, sizeof buf)) > 0)
            strbuf_add(&b, buf, (size_t)got);
        close(fds[0]);
        for (char *p = b.s, *nl; p && (nl = strchr(p, '\n')); p = nl + 1) {
            *nl = '\0';
            char *tab = strchr(p, '\t');
            if (tab && tab - p == 36) {
                *tab = '\0';
                remember(p, tab + 1);
                reported++;
            }
        }
        strbuf_fini(&b);
        /* After every kill: the file is sound, and every save that returned is there. */
        sqlite3 *raw;
        CHECK(sqlite3_open(path, &raw) == SQLITE_OK);
        sqlite3_stmt *q;
        CHECK(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK);
        CHECK(sqlite3_step(q) == SQLITE_ROW);
        const char *ok = (const char *)sqlite3_column_text(q, 0);
        if (!ok || strcmp(ok, "ok") != 0) {
            fprintf(stderr, "round %d: integrity_check says %s\n", round, ok ? ok : "(null)");
            CHECK(0);
        }
        sqlite3_finalize(q);
        sqlite3_close(raw);
    }
    char err[256];
    store *db = store_open(path, err, sizeof err);
    CHECK(db != NULL);
    int missing = 0;
    for (size_t i = 0; db && i < nwant; i++) {
        note n;
        bool found = notes_get(db, want[i].id, &n, err, sizeof err) == 1;
        /* The kill may fall between an edit's save and its report: then the
         * file holds a newer version than the one reported, which is right. */
        bool newer = found && strstr(n.question, "で書き直しました") &&
                     !strstr(want[i].question, "で書き直しました");
        if (!found || (strcmp(n.question, want[i].question) != 0 && !newer)) {
            if (missing++ < 5)
                fprintf(stderr, "note %s %s: want \"%s\", have \"%s\"\n", want[i].id,
                        found ? "changed" : "lost", want[i].question, found ? n.question : "");
        }
        if (found)
            note_fini(&n);
    }
    CHECK_INT(missing, 0);
    CHECK(kills >= 190); /* the writer was really killed, not finished */
    CHECK(reported >= 200); /* at least one save a round */
    printf("power cut: %d kills, %d saves reported, %zu notes checked\n", kills, reported, nwant);
    store_close(db);
    for (size_t i = 0; i < nwant; i++)
        free(want[i].question);
    free(want);
    free(path);
}

TEST(schema_versions)
{
    char *path = path_join(dir, "v.db");
    char err[256];
    store *db = store_open(path, err, sizeof err);
    CHECK(db != NULL);
    const char *kiosk = store_kiosk(db);
    CHECK_INT(strlen(kiosk), 36);
    char k1[37];
    snprintf(k1, sizeof k1, "%s", kiosk);
    store_close(db);
    db = store_open(path, err, sizeof err); /* reopened: same kiosk, no migration */
    CHECK(db != NULL);
    CHECK_STR(store_kiosk(db), k1);
    store_close(db);
    /* a database from a newer version is refused, untouched */
    sqlite3 *raw;
    sqlite3_open(path, &raw);
    sqlite3_exec(raw, "PRAGMA user_version=99", NULL, NULL, NULL);
    sqlite3_close(raw);
    CHECK(store_open_lang(path, LANG_EN, err, sizeof err) == NULL);
    CHECK_CONTAINS(err, "newer");
    /* not a database at all */
    char *junk = path_join(dir, "junk.db");
    FILE *f = fopen(junk, "w");
    fputs("this is not sqlite, just text that fills the header page..........", f);
    fclose(f);
    CHECK(store_open(junk, err, sizeof err) == NULL);
    CHECK_CONTAINS(err, "junk.db");
    free(junk);
    free(path);
}

TEST(bad_input_is_refused_and_kept)
{
    char *path = path_join(dir, "bad.db");
    char err[256];
    store *db = store_open(path, err, sizeof err);
    note n = {0};
    n.category = "breach";
    /* a 1 MB paste */
    char *big = xmalloc(1 << 20);
    memset(big, 'a', (1 << 20) - 1);
    big[(1 << 20) - 1] = '\0';
    n.question = big;
    CHECK(!notes_save(db, &n, now_ms(), err, sizeof err));
    CHECK_CONTAINS(err, "question：長すぎます（1048575 バイト"); /* the store's language */
    CHECK_STR(n.id, ""); /* nothing half-saved */
    n.question = "ok";
    n.answer = "bad \xff byte";
    CHECK(!notes_save(db, &n, now_ms(), err, sizeof err));
    CHECK_CONTAINS(err, "answer：5 バイト目が UTF-8 の文字になっていません");
    n.answer = "tab\tand\nnewline are fine";
    n.category = "unknown";
    CHECK(!notes_save(db, &n, now_ms(), err, sizeof err));
    CHECK_CONTAINS(err, "category：「unknown」は使えません");
    CHECK(note_validate(&n, err, sizeof err) == false); /* files and logs: English */
    CHECK_CONTAINS(err, "category: unknown code 'unknown'");
    n.category = "general";
    n.channel = "fax";
    CHECK(!notes_save(db, &n, now_ms(), err, sizeof err));
    CHECK_CONTAINS(err, "channel");
    n.channel = "window";
    CHECK(notes_save(db, &n, now_ms(), err, sizeof err));
    CHECK_INT(strlen(n.id), 36);
    note back;
    CHECK(notes_get(db, n.id, &back, err, sizeof err) == 1);
    CHECK_STR(back.answer, "tab\tand\nnewline are fine");
    CHECK_STR(back.kiosk, store_kiosk(db));
    note_fini(&back);
    free(n.kiosk);
    free(big);
    store_close(db);
    free(path);
}

TEST(search_filters_and_migration)
{
    /* A version-1 file, as the first release wrote it. */
    char *path = path_join(dir, "v1.db");
    sqlite3 *raw;
    sqlite3_open(path, &raw);
    CHECK(sqlite3_exec(raw,
                       "CREATE TABLE notes(id TEXT PRIMARY KEY, created INTEGER NOT NULL,"
                       " updated INTEGER NOT NULL, kiosk TEXT, channel TEXT, event TEXT,"
                       " consultant TEXT, scribe TEXT, company TEXT, industry TEXT, size TEXT,"
                       " question TEXT NOT NULL, category TEXT NOT NULL, law INTEGER NOT NULL"
                       " DEFAULT 0, legal INTEGER NOT NULL DEFAULT 0, answer TEXT, referrals TEXT,"
                       " referral_text TEXT, followup INTEGER NOT NULL DEFAULT 0, faq INTEGER NOT"
                       " NULL DEFAULT 0, memo TEXT); CREATE TABLE settings(k TEXT PRIMARY KEY, v"
                       " TEXT); INSERT INTO notes(id, created, updated, question, category)"
                       " VALUES('00000000-0000-4000-8000-000000000001', 1, 1,"
                       " '古いノート: 請求書メールの詐欺', 'breach'); PRAGMA user_version=1;",
                       NULL, NULL, NULL) == SQLITE_OK);
    sqlite3_close(raw);
    char err[256];
    store *db = store_open(path, err, sizeof err);
    CHECK(db != NULL);
    if (!db)
        return;
    note *v;
    size_t n = search(db, "請求書メール", NULL, false, &v); /* migrated into FTS */
    CHECK_INT(n, 1);
    notes_free(v, n);
    const char *qs[] = {"パスワードを使い回していた", "USBメモリを紛失した", "偽の請求書メールが届いた"};
    const char *cats[] = {"prevention", "breach", "breach"};
    for (int i = 0; i < 3; i++) {
        note x = {0};
        x.question = (char *)qs[i];
        x.category = (char *)cats[i];
        x.followup = i == 1;
        x.company = i == 2 ? "Acme 商会" : NULL;
        CHECK(notes_save(db, &x, 1700000000000LL + i, err, sizeof err)); /* one a second */
        free(x.kiosk);
    }
    n = search(db, "詐欺", NULL, false, &v); /* two characters: LIKE */
    CHECK_INT(n, 1);
    notes_free(v, n);
    n = search(db, "請求書", NULL, false, &v); /* three: FTS, both */
    CHECK_INT(n, 2);
    CHECK_STR(v[0].question, "偽の請求書メールが届いた"); /* newest first */
    notes_free(v, n);
    n = search(db, "acme", NULL, false, &v); /* Latin, any case, in the company */
    CHECK_INT(n, 1);
    notes_free(v, n);
    n = search(db, "", "breach", false, &v);
    CHECK_INT(n, 3);
    notes_free(v, n);
    n = search(db, NULL, NULL, true, &v);
    CHECK_INT(n, 1);
    CHECK_STR(v[0].question, "USBメモリを紛失した");
    notes_free(v, n);
    n = search(db, "メール 偽", "breach", false, &v); /* all words must be there */
    CHECK_INT(n, 1);
    notes_free(v, n);
    n = search(db, "%_' \"", NULL, false, &v);
    CHECK_INT(n, 0);
    notes_free(v, n);
    store_close(db);
    free(path);
}

int main(void)
{
    CHECK(mkdtemp(dir) != NULL);
    RUN(schema_versions);
    RUN(bad_input_is_refused_and_kept);
    RUN(search_filters_and_migration);
    RUN(full_and_read_only_disk);
    RUN(power_cut);
    char cmd[64];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return test_summary();
}
