/*
 * bench_notes - consultation records: time to save a note (each save is
 * on disk when it returns: WAL, synchronous=FULL), time to open the staff
 * list with 10,000 notes, and note search time over 10,000 notes.  Then
 * the same store encrypted at rest (a staff PIN, store.h) against a plain
 * one at 1,000 and 10,000 notes: add, list and search (in memory on the
 * encrypted one), and the unlock (Argon2id) on its own.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "../../app/core/content.h"
#include "../../app/core/font.h"
#include "../../app/core/notes.h"
#include "../../app/core/pin.h"
#include "../../app/screen/ui.h"
#include "../../app/screen/staff.h"
#include "../../app/screen/views.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static const char *const topics[] = {
    "ランサムウェアでファイルが開けなくなった", "取引先を名乗る請求書メールが届いた",
    "パスワードを使い回していて不安", "USBメモリを紛失した", "ホームページが改ざんされた",
    "偽のショップで注文してしまった", "社員がフィッシングサイトに入力した",
    "バックアップの取り方を知りたい", "テレワークの注意点を知りたい", "ガイドブックを送ってほしい"};
static const char *const cats[] = {"breach", "breach", "prevention", "breach", "outage",
                                   "safety", "breach", "prevention", "general", "guidebook"};

/* Encrypted (a PIN) or plain, total notes: add, list, search, unlock. */
static int atrest(const char *dir, int total, bool enc)
{
    char path[160], err[512];
    snprintf(path, sizeof path, "%s/%s%d.db", dir, enc ? "enc" : "plain", total);
    store *db = store_open(path, err, sizeof err);
    if (!db || (enc && !pin_set(db, "246810", err, sizeof err))) {
        fprintf(stderr, "%s\n", err);
        store_close(db);
        return 1;
    }
    const char *kind = enc ? "encrypted" : "plain";
    char q[256];
    double a = now_ms();
    for (int i = 0; i < total; i++) {
        note n = {0};
        snprintf(q, sizeof q, "%s (相談 %d)", topics[i % 10], i);
        n.question = q;
        n.category = (char *)cats[i % 10];
        n.company = "株式会社テスト商事";
        n.answer = "まずネットワークから切り離し、相談窓口と警察に連絡してください。";
        if (!notes_save(db, &n, 1700000000000LL + i, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        free(n.kiosk);
    }
    double add = now_ms() - a;
    note *v;
    size_t n;
    a = now_ms();
    bool ok = notes_list(db, 0, &v, &n, err, sizeof err);
    double list = now_ms() - a;
    notes_free(v, n);
    a = now_ms();
    ok = ok && notes_search(db, &(notes_query){.words = "請求書"}, &v, &n, err, sizeof err);
    double search = now_ms() - a;
    notes_free(v, n);
    store_close(db);
    printf("%s store, %d notes: add %.0f ms (%.2f ms a note), list %.1f ms, search %.1f ms\n",
           kind, total, add, add / total, list, search);
    printf("BENCH notes_%s_%d_add_each %.3f ms\n", kind, total, add / total);
    printf("BENCH notes_%s_%d_list %.2f ms\n", kind, total, list);
    printf("BENCH notes_%s_%d_search %.2f ms\n", kind, total, search);
    if (enc && total == 1000) {
        db = store_open(path, err, sizeof err);
        a = now_ms();
        ok = ok && db && store_unlock(db, "246810", err, sizeof err);
        double unlock = now_ms() - a;
        store_close(db);
        printf("unlock (Argon2id key derivation, interactive limits): %.1f ms\n", unlock);
        printf("BENCH notes_unlock %.1f ms\n", unlock);
    }
    if (!ok)
        fprintf(stderr, "%s\n", err);
    return ok ? 0 : 1;
}

int main(void)
{
    char dir[] = "/tmp/mgbenchnotesXXXXXX";
    if (!mkdtemp(dir))
        return 1;
    char path[128];
    snprintf(path, sizeof path, "%s/n.db", dir);
    char err[256];
    store *db = store_open(path, err, sizeof err);
    if (!db) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    enum { SAVES = 300, TOTAL = 10000 };
    double t[SAVES];
    char q[256];
    for (int i = 0; i < TOTAL; i++) {
        note n = {0};
        snprintf(q, sizeof q, "%s (相談 %d)", topics[i % 10], i);
        n.question = q;
        n.category = (char *)cats[i % 10];
        n.answer = "まずネットワークから切り離し、相談窓口と警察に連絡してください。";
        n.followup = i % 7 == 0;
        double a = now_ms();
        if (!notes_save(db, &n, 1700000000000LL + i, err, sizeof err)) {
            fprintf(stderr, "%s\n", err);
            return 1;
        }
        if (i < SAVES)
            t[i] = now_ms() - a;
        free(n.kiosk);
        if (i == SAVES - 1) {
            qsort(t, SAVES, sizeof(double), cmp_d);
            printf("save a note (on disk when it returns): median %.2f ms, p99 %.2f ms (%d saves)\n",
                   t[SAVES / 2], t[SAVES * 99 / 100], SAVES);
            printf("BENCH note_save_p50 %.3f ms\nBENCH note_save_p99 %.3f ms\n", t[SAVES / 2],
                   t[SAVES * 99 / 100]);

        }
    }
    note *v;
    double a = now_ms();
    size_t n;
    notes_list(db, 100000, &v, &n, err, sizeof err);
    double b = now_ms();
    notes_free(v, n);
    printf("list %zu notes: %.1f ms\n", n, b - a);
    static const char *const queries[] = {"ランサムウェア", "請求書", "詐欺", "USB", "鍵",
                                          "フィッシング", "相談 5"};
    double lat[70];
    int nl = 0;
    for (int r = 0; r < 10; r++)
        for (size_t k = 0; k < 7; k++) {
            double s0 = now_ms();
            size_t m;
            notes_search(db, &(notes_query){.words = queries[k], .max = 100000}, &v, &m, err,
                         sizeof err);
            lat[nl++] = now_ms() - s0;
            notes_free(v, m);
        }
    qsort(lat, (size_t)nl, sizeof(double), cmp_d);
    printf("search %zu notes: median %.1f ms, p99 %.1f ms (%d queries, 1 to 7 characters)\n", n,
           lat[nl / 2], lat[nl * 99 / 100], nl);
    printf("BENCH notes_search_p50 %.2f ms\nBENCH notes_search_p99 %.2f ms\n", lat[nl / 2],
           lat[nl * 99 / 100]);
    store_close(db);

    /* Opening the staff list on screen (headless), 10,000 notes. */
    char font[4096];
    if (font_find(NULL, font, sizeof font, err, sizeof err, LANG_JA)) {
        char *cdir = content_find_dir(NULL);
        ui_config cfg = {.w = 1280, .h = 720, .headless = true, .font = font,
                         .content_dir = cdir, .db = path, .root = &home_view};
        ui_app app;
        if (ui_init(&app, &cfg, err, sizeof err)) {
            app.staff = true;
            double o0 = now_ms();
            ui_push(&app, &staff_view, NULL);
            ui_draw(&app);
            printf("open the staff list with %zu notes and draw it: %.1f ms\n", n, now_ms() - o0);
        }
        ui_fini(&app);
        free(cdir);
    }
    int bad = 0;
    for (int total = 1000; total <= 10000; total *= 10)
        bad |= atrest(dir, total, false) | atrest(dir, total, true);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 && !bad ? 0 : 1;
}
