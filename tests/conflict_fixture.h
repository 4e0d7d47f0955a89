/*
 * conflict_fixture.h - one note in conflict on a master, as a seminar
 * makes it: taken on a kiosk, exported and imported, then edited both on
 * the kiosk (a long answer, follow-up on) and in the office (another
 * category and answer), and the kiosk's edit imported again.  For
 * test_conflict (core) and test_kiosk (the staff screen).
 *
 * Depends on: test.h, core/notes, core/sync, core/seal.
 */
#ifndef MG_CONFLICT_FIXTURE_H
#define MG_CONFLICT_FIXTURE_H

#include "../app/core/notes.h"
#include "../app/core/seal.h"
#include "../app/core/sync.h"
#include "test.h"

/* The kiosk's answer: long Japanese text that wraps on any screen. */
#define FIX_LONG_ANSWER                                                                            \
    "請求書のメールに添付されたファイルを開いてしまったとのこと。まずネットワークから"             \
    "パソコンを切り離し、取引先には電話で請求書の真偽を確かめるよう助言しました。"                 \
    "社内の他の端末にも同じメールが届いていないか、情報システム担当者と一緒に確認し、"             \
    "パスワードを変更してから警察の相談窓口と IPA の情報セキュリティ安心相談窓口を案内しました。"
#define FIX_OFFICE_ANSWER "事務局で確認：取引先に電話で確認済み"

/* Export what k holds that is new and merge it into m at *now. */
static bool fix_carry(store *k, store *m, const seal_office *o, long long *now)
{
    char err[512];
    sync_export x;
    bool ok = sync_export_make(k, o->pk, false, *now += 10, &x, err, sizeof err);
    sync_file *f = NULL;
    seal_status st;
    ok = ok && sync_read(o, x.file.s, x.file.len, &f, &st, err, sizeof err);
    ok = ok && sync_export_done(k, &x, "mem", *now += 10, err, sizeof err);
    sync_counts c;
    ok = ok && sync_merge(m, &f, 1, *now += 10, &c, err, sizeof err);
    if (!ok)
        fprintf(stderr, "fix_carry: %s\n", err);
    sync_file_free(f);
    sync_export_fini(&x);
    return ok;
}

/* The note (its id into id) in conflict on the master m, from kiosk k. */
static bool fix_conflict(store *k, store *m, const seal_office *o, char id[37])
{
    char err[512];
    long long now = 1780000000000LL;
    note n = {0};
    n.question = xstrdup("請求書メールの添付ファイルを開いてしまった");
    n.category = xstrdup("breach");
    n.company = xstrdup("株式会社サンプル商事");
    bool ok = notes_save(k, &n, now += 10, err, sizeof err);
    snprintf(id, 37, "%s", n.id);
    note_fini(&n);
    ok = ok && fix_carry(k, m, o, &now);
    note e;
    if (ok && notes_get(m, id, &e, err, sizeof err) == 1) { /* the office's edit */
        free(e.answer);
        e.answer = xstrdup(FIX_OFFICE_ANSWER);
        free(e.category);
        e.category = xstrdup("general");
        ok = notes_save(m, &e, now += 10, err, sizeof err);
        note_fini(&e);
    } else {
        ok = false;
    }
    if (ok && notes_get(k, id, &e, err, sizeof err) == 1) { /* the kiosk's, after its export */
        free(e.answer);
        e.answer = xstrdup(FIX_LONG_ANSWER);
        e.followup = true;
        ok = notes_save(k, &e, now += 10, err, sizeof err);
        note_fini(&e);
    } else {
        ok = false;
    }
    ok = ok && fix_carry(k, m, o, &now);
    if (!ok)
        fprintf(stderr, "fix_conflict: %s\n", err);
    return ok;
}

#endif
