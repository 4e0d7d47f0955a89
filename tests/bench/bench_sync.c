/*
 * bench_sync - carrying notes to the office, 10,000 notes: the key
 * derivation (Argon2id, moderate limits) on its own, then export time and
 * size, import into an empty master, importing the same file again, and
 * merging two 10,000-note masters (one's whole export into the other).
 * Prints figures; no pass/fail.  Usage: bench_sync [N]
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../app/core/notes.h"
#include "../../app/core/sync.h"
#include "../../app/core/util.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static const char *const topics[] = {
    "ランサムウェアでファイルが開けなくなった", "取引先を名乗る請求書メールが届いた",
    "パスワードを使い回していて不安", "USBメモリを紛失した", "ホームページが改ざんされた"};
static const char *const cats[] = {"breach", "breach", "prevention", "breach", "outage"};

static char dir[] = "/tmp/mg-bench-sync-XXXXXX";

static store *open_db(const char *name)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    store *s = store_open(path, err, sizeof err);
    if (!s) {
        fprintf(stderr, "%s\n", err);
        exit(1);
    }
    return s;
}

static void fill(store *s, int n, long long t0)
{
    char err[256];
    store_begin(s, err, sizeof err);
    for (int i = 0; i < n; i++) {
        note x = {0};
        char q[256], c[64];
        snprintf(q, sizeof q, "%s (%d)", topics[i % 5], i);
        snprintf(c, sizeof c, "株式会社サンプル%d", i);
        x.question = q;
        x.category = (char *)cats[i % 5];
        x.company = c;
        x.answer = "バックアップから戻し、パスワードを変えてください。警察にも相談を。";
        if (!notes_save(s, &x, t0 + i, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            exit(1);
        }
        free(x.kiosk);
    }
    store_commit(s, err, sizeof err);
}

static sync_file *read_back(const seal_office *o, const strbuf *b)
{
    sync_file *f;
    seal_status st;
    char err[256];
    if (!sync_read(o, b->s, b->len, &f, &st, err, sizeof err)) {
        fprintf(stderr, "read: %d %s\n", st, err);
        exit(1);
    }
    return f;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 10000;
    if (!mkdtemp(dir))
        return 1;
    seal_office o;
    seal_office_generate(&o);
    strbuf locked;
    strbuf_init(&locked);
    double t = now_ms();
    seal_office_lock(&o, "office passphrase 1", SEAL_OPS_DEFAULT, SEAL_MEM_DEFAULT, &locked);
    double lock = now_ms() - t;
    seal_office u;
    t = now_ms();
    seal_status st = seal_office_unlock(locked.s, "office passphrase 1", &u);
    printf("key derivation (Argon2id, ops %llu, %llu MB): lock %.0f ms, unlock %.0f ms (%s)\n",
           SEAL_OPS_DEFAULT, SEAL_MEM_DEFAULT >> 20, lock, now_ms() - t,
           st == SEAL_OK ? "ok" : "FAILED");

    store *k = open_db("kiosk.db"), *k2 = open_db("kiosk2.db");
    fill(k, n, 1700000000000LL);
    fill(k2, n, 1700000500000LL);
    char err[256];
    sync_export x, x2;
    t = now_ms();
    sync_export_make(k, o.pk, false, 1800000000000LL, &x, err, sizeof err);
    double ex = now_ms() - t;
    printf("export of %d notes: %.0f ms (first export: revisions taken too), %zu bytes"
           " (%.0f bytes a note)\n",
           n, ex, x.file.len, (double)x.file.len / n);
    sync_export_done(k, &x, "bench", 1800000000001LL, err, sizeof err);
    sync_export_make(k2, o.pk, false, 1800000000000LL, &x2, err, sizeof err);
    sync_export_done(k2, &x2, "bench", 1800000000001LL, err, sizeof err);
    sync_export again;
    t = now_ms();
    sync_export_make(k, o.pk, false, 1800000000002LL, &again, err, sizeof err);
    printf("export with nothing changed: %.0f ms\n", now_ms() - t);
    sync_export_fini(&again);

    store *a = open_db("a.db"), *b = open_db("b.db");
    sync_counts c;
    t = now_ms();
    sync_file *f = read_back(&u, &x.file);
    double rd = now_ms() - t;
    t = now_ms();
    if (!sync_merge(a, &f, 1, 1800000000010LL, &c, err, sizeof err))
        fprintf(stderr, "%s\n", err);
    printf("import of %d notes into an empty master: %.0f ms (decrypt and check %.0f ms, merge"
           " %.0f ms): %zu new\n",
           n, rd + now_ms() - t, rd, now_ms() - t, c.new_notes);
    printf("BENCH import_%d_notes %.0f ms\n", n, rd + now_ms() - t);
    t = now_ms();
    sync_merge(a, &f, 1, 1800000000011LL, &c, err, sizeof err);
    printf("the same file again: %.0f ms, %zu unchanged\n", now_ms() - t, c.unchanged);
    sync_file_free(f);
    f = read_back(&u, &x2.file);
    sync_merge(b, &f, 1, 1800000000012LL, &c, err, sizeof err);
    sync_file_free(f);
    /* Two 10,000-note masters: A's whole export into B. */
    sync_export xa;
    t = now_ms();
    sync_export_make(a, o.pk, true, 1800000000020LL, &xa, err, sizeof err);
    double exa = now_ms() - t;
    t = now_ms();
    f = read_back(&u, &xa.file);
    sync_merge(b, &f, 1, 1800000000021LL, &c, err, sizeof err);
    printf("merging two %d-note masters: export --all %.0f ms, import %.0f ms: %zu new,"
           " %zu conflicts\n",
           n, exa, now_ms() - t, c.new_notes, c.conflicts);
    sync_file_free(f);
    sync_export_fini(&xa);
    sync_export_fini(&x);
    sync_export_fini(&x2);
    store_close(k);
    store_close(k2);
    store_close(a);
    store_close(b);
    strbuf_fini(&locked);
    seal_office_fini(&o);
    seal_office_fini(&u);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : 1;
}
