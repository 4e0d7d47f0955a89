/* The self-check's anonymous counts: added whole, read back by question
 * id, a damaged record refused rather than taken for zero, and nothing
 * kept but the counts. */
#include "../app/core/sccount.h"
#include "../app/core/util.h"
#include "test.h"

#include <sqlite3.h>
#include <unistd.h>

static const char *src;

TEST(counts)
{
    char dir[] = "/tmp/mg-scc-XXXXXX";
    CHECK(mkdtemp(dir) != NULL);
    char *dbp = path_join(dir, "n.db"), err[256];
    store *db = store_open(dbp, err, sizeof err);
    CHECK(db != NULL);
    char *path = path_join(src, "assets/selfcheck.ini");
    selfcheck s;
    sc_load(&s, path, NULL, 0, NULL);
    free(path);
    CHECK_INT(s.n, 25);
    sccount_row rows[25];
    CHECK_INT(sccount_read(db, &s, rows, err, sizeof err), 0);
    CHECK_INT(rows[0].n[SC_DONE], 0);

    sc_answer a[25];
    CHECK_INT(sc_parse_answers("4,2,0,-1", a, 25), 0);
    CHECK(sccount_add(db, &s, a, err, sizeof err));
    CHECK_INT(sc_parse_answers("4,4,4,4,4", a, 25), 0);
    CHECK(sccount_add(db, &s, a, err, sizeof err));
    CHECK_INT(sccount_read(db, &s, rows, err, sizeof err), 2);
    CHECK_INT(rows[0].n[SC_DONE], 2);
    CHECK_INT(rows[1].n[SC_PARTLY], 1);
    CHECK_INT(rows[2].n[SC_NOT_DONE], 1);
    CHECK_INT(rows[3].n[SC_DONT_KNOW], 1);
    CHECK_INT(rows[24].n[SC_UNANSWERED], 2);

    /* A self-check edited later: counts follow the question ids. */
    free(s.q[0].id);
    s.q[0].id = xstrdup("q99");
    CHECK_INT(sccount_read(db, &s, rows, err, sizeof err), 2);
    CHECK_INT(rows[0].n[SC_DONE], 0); /* q99: new */
    CHECK_INT(rows[1].n[SC_PARTLY], 1);
    free(s.q[0].id);
    s.q[0].id = xstrdup("q01");

    /* A damaged record is an error, and adding does not overwrite it. */
    CHECK(store_set_setting(db, "selfcheck.counts", "completed 2\nq01 1 x\n", err, sizeof err));
    CHECK_INT(sccount_read(db, &s, rows, err, sizeof err), -1);
    CHECK_CONTAINS(err, "line 2 is damaged");
    CHECK(!sccount_add(db, &s, a, err, sizeof err));
    char *v = NULL;
    CHECK_INT(store_setting(db, "selfcheck.counts", &v, err, sizeof err), 1);
    CHECK_STR(v, "completed 2\nq01 1 x\n");
    free(v);
    store_close(db);

    /* Nothing but the one setting: no notes, no other rows. */
    sqlite3 *q;
    CHECK(sqlite3_open(dbp, &q) == SQLITE_OK);
    sqlite3_stmt *st;
    CHECK(sqlite3_prepare_v2(q, "SELECT count(*) FROM notes", -1, &st, NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(st, 0), 0);
    sqlite3_finalize(st);
    CHECK(sqlite3_prepare_v2(q, "SELECT count(*) FROM settings WHERE k LIKE 'selfcheck%'", -1, &st,
                             NULL) == SQLITE_OK);
    CHECK(sqlite3_step(st) == SQLITE_ROW);
    CHECK_INT(sqlite3_column_int(st, 0), 1);
    sqlite3_finalize(st);
    sqlite3_close(q);

    sc_fini(&s);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    free(dbp);
}

int main(void)
{
    src = getenv("MG_SOURCE_DIR");
    if (!src)
        src = "..";
    RUN(counts);
    return test_summary();
}
