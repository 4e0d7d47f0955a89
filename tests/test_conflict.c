/*
 * The conflict as staff compare it (sync_conflict_get): a note edited on
 * a kiosk and in the office shows both versions, every field of the
 * field table as a person reads it, the ones that differ marked, where
 * each came from; resolving keeps the chosen one; a note not in conflict
 * and a database that never synced give none (and get no tables).
 */
#include <sqlite3.h>
#include <unistd.h>

#include "../app/core/record.h"
#include "../app/core/store.h"
#include "conflict_fixture.h"
#include "run.h"
#include "test.h"

static seal_office office;
static char *dir;

static store *open_db(const char *name)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    store *s = store_open(path, err, sizeof err);
    if (!s)
        fprintf(stderr, "%s\n", err);
    return s;
}

static const sync_row *row(const sync_conflict *c, const char *name)
{
    for (size_t r = 0; r < c->nrows; r++)
        if (strcmp(c->rows[r].field->name, name) == 0)
            return &c->rows[r];
    return NULL;
}

TEST(both_versions_side_by_side)
{
    store *k = open_db("k.db"), *m = open_db("m.db");
    char id[37], err[512];
    CHECK(k && m && fix_conflict(k, m, &office, id));
    sync_conflict c;
    CHECK_INT(sync_conflict_get(m, id, LANG_JA, &c, err, sizeof err), 1);
    CHECK_INT(c.nsides, 2);
    CHECK_INT(c.nrows, rec_nfields); /* every field of the table */
    CHECK_STR(c.id, id);
    /* Where each came from: one the office's own edit, one the kiosk's. */
    int here = -1, there = -1;
    for (size_t i = 0; i < c.nsides; i++) {
        if (c.sides[i].local)
            here = (int)i;
        else
            there = (int)i;
    }
    CHECK(here >= 0 && there >= 0);
    if (here >= 0 && there >= 0) {
        CHECK_STR(c.sides[here].db, store_kiosk(m));
        CHECK_STR(c.sides[there].db, store_kiosk(k));
        CHECK(c.sides[there].updated > c.sides[here].updated); /* the kiosk edited last */
        CHECK(c.sides[0].shown); /* the latest is the one shown, first */
        const sync_row *r = row(&c, "answer");
        CHECK(r && r->differ);
        CHECK(r && strcmp(r->values[here], FIX_OFFICE_ANSWER) == 0);
        CHECK(r && strcmp(r->values[there], FIX_LONG_ANSWER) == 0);
        r = row(&c, "category"); /* a code, as its label */
        CHECK(r && r->differ);
        CHECK(r && strcmp(r->values[here], msg_get(LANG_JA, MSG_CAT_GENERAL)) == 0);
        CHECK(r && strcmp(r->values[there], msg_get(LANG_JA, MSG_CAT_BREACH)) == 0);
        r = row(&c, "followup"); /* a flag, as yes or no */
        CHECK(r && r->differ && r->label == MSG_F_FOLLOWUP);
        CHECK(r && strcmp(r->values[there], "はい") == 0 && strcmp(r->values[here], "いいえ") == 0);
        r = row(&c, "company"); /* the same on both: not marked */
        CHECK(r && !r->differ && strcmp(r->values[0], "株式会社サンプル商事") == 0);
        r = row(&c, "memo"); /* empty on both */
        CHECK(r && !r->differ && strcmp(r->values[0], "") == 0);
        r = row(&c, "created"); /* a time, as a date; with a label of its own */
        CHECK(r && !r->differ && r->label == MSG_CONFLICT_F_CREATED && strlen(r->values[0]) == 19);
        r = row(&c, "updated"); /* saved 10 ms apart: the same second as read, not marked */
        CHECK(r && !r->differ && strcmp(r->values[here], r->values[there]) == 0);
        /* answer, category, followup */
        CHECK_INT(c.ndiffer, 3);
        /* English too. */
        sync_conflict e;
        CHECK_INT(sync_conflict_get(m, id, LANG_EN, &e, err, sizeof err), 1);
        r = row(&e, "followup");
        CHECK(r && strcmp(r->values[there], "yes") == 0);
        sync_conflict_fini(&e);
        /* Keeping the kiosk's: the note shows it, and no conflict is left. */
        CHECK(sync_resolve(m, id, c.sides[there].rev, 1780000009000LL, err, sizeof err));
        note got;
        CHECK_INT(notes_get(m, id, &got, err, sizeof err), 1);
        CHECK_STR(got.answer, FIX_LONG_ANSWER);
        CHECK(got.followup);
        note_fini(&got);
        sync_conflict after;
        CHECK_INT(sync_conflict_get(m, id, LANG_JA, &after, err, sizeof err), 0);
        CHECK_INT(after.nsides, 0);
        sync_conflict_fini(&after);
    }
    sync_conflict_fini(&c);
    sync_conflict_fini(NULL);
    /* The kiosk's own copy has one head: not a conflict. */
    CHECK_INT(sync_conflict_get(k, id, LANG_JA, &c, err, sizeof err), 0);
    CHECK_INT(sync_conflict_get(m, "00000000-0000-4000-8000-000000000000", LANG_JA, &c, err,
                                sizeof err),
              0);
    store_close(k);
    store_close(m);
}

static int tables(store *s)
{
    sqlite3_stmt *st = NULL;
    int n = -1;
    if (sqlite3_prepare_v2(store_sql(s), "SELECT count(*) FROM sqlite_master WHERE name LIKE 'sync%'",
                           -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

TEST(never_synced_has_none)
{
    store *s = open_db("fresh.db");
    char err[512], **v = NULL;
    size_t n = 9;
    CHECK(s && sync_conflicts(s, &v, &n, err, sizeof err));
    CHECK_INT(n, 0);
    sync_conflict c;
    CHECK_INT(s ? sync_conflict_get(s, "00000000-0000-4000-8000-000000000000", LANG_JA, &c, err,
                                    sizeof err)
                : -2,
              0);
    CHECK_INT(s ? tables(s) : -1, 0); /* asking made no tables */
    store_close(s);
}

int main(void)
{
    dir = test_tmpdir("mgconflict");
    if (!dir || !seal_office_generate(&office))
        return 1;
    RUN(both_versions_side_by_side);
    RUN(never_synced_has_none);
    CHECK(test_rmdir(dir));
    free(dir);
    seal_office_fini(&office);
    return test_summary();
}
