/*
 * Carrying notes to the office, end to end through the real binary: the
 * office key (init, a copy for a second PC, the printed key), enrolling a
 * kiosk, and what each mistake says; exports and imports, the damaged
 * inputs (the master's bytes compared), CSV read back by Python, purging.
 */
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/util.h"
#include "run.h"
#include "test.h"

static const char *bin;
static char dir[] = "/tmp/mg-sync-XXXXXX";

/* Run a shell command (stdout and stderr into *out, caller frees); the
 * exit status. */
static int run(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int run(char **out, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    strbuf full;
    strbuf_init(&full);
    strbuf_printf(&full, "cd %s && export MADOGUCHI_PASSPHRASE='office passphrase 1' && { %s\n}", dir,
                  cmd);
    int st = test_run(full.s, out);
    strbuf_fini(&full);
    return st;
}

TEST(office_keys_and_enrolment)
{
    char *out;
    CHECK_INT(run(&out, "%s office init --db office.db", bin), 0);
    CHECK_CONTAINS(out, "事務局の鍵を作りました");
    free(out);
    CHECK_INT(run(&out, "%s --lang en office init --db office.db", bin), 2);
    CHECK_CONTAINS(out, "office.db already holds an office key");
    free(out);
    CHECK_INT(run(&out, "%s office key --db office.db 2>fp.txt > key.txt; (echo; cat fp.txt) >> key.txt", bin), 0);
    free(out);
    char path[512];
    snprintf(path, sizeof path, "%s/key.txt", dir);
    size_t len;
    char *key = read_file(path, &len);
    CHECK(key && strncmp(key, "MDGK1-", 6) == 0 && len == 55 + 1 + 20);
    /* A second office PC: the same key, once the passphrase has opened it. */
    CHECK_INT(run(&out, "MADOGUCHI_PASSPHRASE=wrong %s --lang en office init --db second.db "
                        "--from office.db",
                  bin),
              2);
    CHECK_CONTAINS(out, "office.db: wrong office passphrase");
    free(out);
    CHECK_INT(run(&out, "%s office init --db second.db --from office.db", bin), 0);
    free(out);
    CHECK_INT(run(&out, "(%s office key --db second.db 2>/dev/null)", bin), 0);
    CHECK(key && strncmp(out, key, 54) == 0);
    free(out);
    CHECK_INT(run(&out, "%s --lang en office key --db kiosk.db", bin), 2);
    CHECK_CONTAINS(out, "kiosk.db holds no office key");
    free(out);
    /* The kiosk: from the file on the stick, or typed. */
    CHECK_INT(run(&out, "%s --lang en kiosk enrol key.txt --db kiosk.db", bin), 0);
    CHECK_CONTAINS(out, "office key enrolled; check that the fingerprint");
    CHECK_CONTAINS(out, "this kiosk's signing key: fingerprint ");
    free(out);
    if (key) {
        key[strcspn(key, "\n")] = '\0';
        char typo[64];
        snprintf(typo, sizeof typo, "%s", key);
        typo[20] = typo[20] == 'x' ? 'y' : 'x';
        CHECK_INT(run(&out, "%s --lang en kiosk enrol '%s' --db kiosk.db", bin, typo), 2);
        CHECK_CONTAINS(out, "check it for a typo");
        free(out);
        CHECK_INT(run(&out, "%s kiosk enrol '%s' --db kiosk.db", bin, key), 0);
        free(out);
    }
    /* The key file for the staff screen (office key -o), which enrol reads too. */
    CHECK_INT(run(&out, "%s --lang en office key --db office.db -o madoguchi-office.key", bin), 0);
    CHECK_CONTAINS(out, "office key written to madoguchi-office.key (fingerprint ");
    free(out);
    snprintf(path, sizeof path, "%s/madoguchi-office.key", dir);
    char *kf = read_file(path, &len);
    CHECK(kf && key && strncmp(kf, key, strlen(key)) == 0 && kf[strlen(key)] == '\n' && strstr(kf, "fingerprint"));
    free(kf);
    CHECK_INT(run(&out, "%s --lang en kiosk enrol madoguchi-office.key --db kiosk.db", bin), 0);
    CHECK_CONTAINS(out, "office key enrolled; check that the fingerprint");
    free(out);
    CHECK_INT(run(&out, "%s --lang en kiosk enrol missing.txt --db kiosk.db", bin), 2);
    CHECK_CONTAINS(out, "cannot read the key file: missing.txt");
    free(out);
    CHECK_INT(run(&out, "echo hello > junk.txt; %s --lang en kiosk enrol junk.txt --db kiosk.db",
                  bin),
              2);
    CHECK_CONTAINS(out, "junk.txt: not an office key");
    free(out);
    CHECK_INT(run(&out, "MADOGUCHI_PASSPHRASE=short %s --lang en office init --db third.db", bin),
              2);
    CHECK_CONTAINS(out, "at least 12 characters");
    free(out);
    free(key);
}


/* The bytes of a file in the test folder (heap; *len set). */
static char *slurp(const char *name, size_t *len)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    return read_file(path, len);
}

static bool contains(const char *hay, size_t n, const char *needle)
{
    size_t k = strlen(needle);
    for (size_t i = 0; i + k <= n; i++)
        if (memcmp(hay + i, needle, k) == 0)
            return true;
    return false;
}

static char first_id[64];

TEST(export_import_round_trip)
{
    char *out;
    CHECK_INT(run(&out, "%s office init --db master.db && %s office key --db master.db 2>/dev/null"
                        " > office.txt && %s kiosk enrol office.txt --db k1.db",
                  bin, bin, bin),
              0);
    free(out);
    CHECK_INT(run(&out, "%s notes add --db k1.db --question 'ランサムウェアに感染した' --category"
                        " breach --company '株式会社みどり製作所'",
                  bin),
              0);
    snprintf(first_id, sizeof first_id, "%.36s", out);
    free(out);
    CHECK_INT(run(&out, "%s notes add --db k1.db --question '二人目' --category general", bin), 0);
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes export --db k1.db -o one.mdgx", bin), 0);
    CHECK_CONTAINS(out, "2 notes (2 revisions) written to one.mdgx and read back intact (export number 1)");
    free(out);
    /* No plaintext of any field in the file. */
    size_t len;
    char *file = slurp("one.mdgx", &len);
    CHECK(file && len > 124);
    CHECK(file && !contains(file, len, "みどり製作所"));
    CHECK(file && !contains(file, len, "ランサムウェア"));
    CHECK(file && !contains(file, len, "breach"));
    free(file);
    CHECK_INT(run(&out, "%s --lang en notes export --db fresh.db -o x.mdgx", bin), 2);
    CHECK_CONTAINS(out, "fresh.db has no office key enrolled");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes import --db k1.db one.mdgx", bin), 2);
    CHECK_CONTAINS(out, "k1.db holds no office key");
    free(out);
    CHECK_INT(run(&out, "%s --lang en kiosk enrol . --db k1.db", bin), 2);
    CHECK_CONTAINS(out, ".: not an office key");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes export --db k1.db -o again.mdgx", bin), 0);
    CHECK_CONTAINS(out, "nothing to export");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes import --db master.db one.mdgx", bin), 0);
    CHECK_CONTAINS(out, "imported: 2 new, 0 updated, 0 unchanged, 0 conflicts");
    CHECK_CONTAINS(out, "its signing key recorded on first use (fingerprint ");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes import --db master.db one.mdgx", bin), 0);
    CHECK_CONTAINS(out, "imported: 0 new, 0 updated, 2 unchanged, 0 conflicts");
    CHECK(!strstr(out, "signing key recorded")); /* known now */
    free(out);
    /* The same note changed on the kiosk and in the office: both kept. */
    CHECK_INT(run(&out, "%s notes edit %.8s --db k1.db --answer 'バックアップから戻す'", bin, first_id),
              0);
    free(out);
    CHECK_INT(run(&out, "%s notes edit %.8s --db master.db --memo '事務局で電話済み' --followup",
                  bin, first_id),
              0);
    free(out);
    CHECK_INT(run(&out, "%s notes export --db k1.db -o two.mdgx", bin), 0);
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes import --db master.db two.mdgx", bin), 0);
    CHECK_CONTAINS(out, "imported: 0 new, 0 updated, 0 unchanged, 1 conflicts");
    free(out);
    CHECK_INT(run(&out, "%s notes conflicts --db master.db", bin), 0);
    CHECK(strncmp(out, first_id, 36) == 0);
    char keep[128] = "";
    const char *tab = strchr(out, '\t');
    if (tab)
        snprintf(keep, sizeof keep, "%s", tab + 1);
    keep[strcspn(keep, " \n")] = '\0';
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes show %.8s --all-revisions --db master.db", bin,
                  first_id),
              0);
    CHECK_CONTAINS(out, "バックアップから戻す");
    CHECK_CONTAINS(out, "事務局で電話済み");
    CHECK_CONTAINS(out, "[head]");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes resolve %.8s --db master.db", bin, first_id), 2);
    CHECK_CONTAINS(out, "--keep REV");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes resolve %.8s --keep %s --db master.db", bin, first_id,
                  keep),
              0);
    CHECK_CONTAINS(out, "resolved, keeping revision");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes conflicts --db master.db", bin), 0);
    CHECK_CONTAINS(out, "no conflicts");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes edit 0000 --db master.db --memo x", bin), 1);
    CHECK_CONTAINS(out, "no note with id 0000");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes edit %.8s --db master.db --kiosk x", bin, first_id), 2);
    free(out);
    /* --size is the note's field for notes edit (the company's size), not
     * the window's WxH; elsewhere it is still WxH. */
    CHECK_INT(run(&out, "%s --lang en notes edit %.8s --db master.db --size '従業員20人以下'", bin,
                  first_id),
              0);
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes show %.36s --db master.db", bin, first_id), 0);
    CHECK_CONTAINS(out, "従業員20人以下");
    free(out);
    CHECK_INT(run(&out, "%s --lang en screenshot home --size huge -o x.png", bin), 2);
    CHECK_CONTAINS(out, "huge");
    free(out);
}

/* Each damaged input has its own message, and the master's bytes stay. */
TEST(damaged_input_leaves_master_as_it_was)
{
    char *out;
    size_t before_len, len;
    CHECK_INT(run(&out, "%s office init --db other.db && %s office key --db other.db 2>/dev/null"
                        " > other.txt && %s kiosk enrol other.txt --db k2.db && %s notes add"
                        " --db k2.db --question q --category general && %s notes export --db"
                        " k2.db -o foreign.mdgx",
                  bin, bin, bin, bin, bin),
              0);
    free(out);
    /* A file not imported yet, to go in beside a damaged one. */
    CHECK_INT(run(&out, "%s notes add --db k1.db --question 'three' --category general && %s notes"
                        " export --db k1.db -o three.mdgx",
                  bin, bin),
              0);
    free(out);
    char *good = slurp("one.mdgx", &len);
    CHECK(good != NULL);
    if (!good)
        return;
    char path[600];
    /* A cut file, a flipped byte in the body, another version. */
    snprintf(path, sizeof path, "%s/cut.mdgx", dir);
    CHECK(write_file_atomic(path, good, len - 10, NULL, 0));
    good[len / 2] ^= 0x20;
    snprintf(path, sizeof path, "%s/flipped.mdgx", dir);
    CHECK(write_file_atomic(path, good, len, NULL, 0));
    good[len / 2] ^= 0x20;
    good[9] = 7;
    snprintf(path, sizeof path, "%s/version.mdgx", dir);
    CHECK(write_file_atomic(path, good, len, NULL, 0));
    free(good);
    CHECK_INT(run(&out, ": > empty.mdgx; echo 'id,company' > notours.mdgx; mkdir -p folder.mdgx"),
              0);
    free(out);
    char *before = slurp("master.db", &before_len);
    CHECK(before != NULL);
    const struct {
        const char *file, *env, *says;
    } cases[] = {
        {"cut.mdgx", "", "the file is cut short"},
        {"flipped.mdgx", "", "the file is damaged or has been altered"},
        {"version.mdgx", "", "a format version this build cannot read"},
        {"foreign.mdgx", "", "sealed to another office's key"},
        {"empty.mdgx", "", "the file is empty"},
        {"notours.mdgx", "", "not a Madoguchi export"},
        {"folder.mdgx", "", "a folder"},
        {"missing.mdgx", "", "cannot read: No such file"},
        {"one.mdgx", "MADOGUCHI_PASSPHRASE=wrong", "wrong office passphrase"},
        /* one good file beside a bad one: nothing of either goes in */
        {"three.mdgx cut.mdgx", "", "cut.mdgx: the file is cut short"},
    };
    for (size_t i = 0; i < MG_ARRAY_LEN(cases); i++) {
        CHECK_INT(run(&out, "%s %s --lang en notes import --db master.db %s", cases[i].env, bin,
                      cases[i].file),
                  2);
        CHECK_CONTAINS(out, cases[i].says);
        free(out);
        char *after = slurp("master.db", &len);
        bool same = before && after && len == before_len && memcmp(before, after, len) == 0;
        if (!same)
            fprintf(stderr, "master changed by %s\n", cases[i].file);
        CHECK(same);
        free(after);
    }
    CHECK_INT(run(&out, "%s --lang ja notes import --db master.db cut.mdgx", bin), 2);
    CHECK_CONTAINS(out, "cut.mdgx: ファイルが途中で切れています");
    free(out);
    free(before);
}

TEST(csv_for_the_office)
{
    char *out;
    CHECK_INT(run(&out, "%s notes add --db master.db --question '𠮷野家の件, \"引用\"\n二行目'"
                        " --category general --company 'カフェ☕' --faq --answer '長いパスフレーズ'",
                  bin),
              0);
    char id[40];
    snprintf(id, sizeof id, "%.36s", out);
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes csv --db master.db -o notes.csv", bin), 0);
    CHECK_CONTAINS(out, "3 notes written to notes.csv");
    free(out);
    size_t len;
    char *csv = slurp("notes.csv", &len);
    CHECK(csv && len > 3 && memcmp(csv, "\xEF\xBB\xBF", 3) == 0);
    free(csv);
    /* Python's csv module reads every field back as written. */
    CHECK_INT(run(&out,
                  "python3 -c \"import csv,sys; r=list(csv.reader(open('notes.csv',"
                  "encoding='utf-8-sig',newline=''))); h=r[0]; d=[dict(zip(h,x)) for x in r[1:]];"
                  " n=[x for x in d if x['id']=='%s'][0]; print(len(r), len(h),"
                  " n['question']==chr(0x20bb7)+'野家の件, \\\"引用\\\"\\n二行目',"
                  " n['company']=='カフェ☕', n['faq'],"
                  " [x['company'] for x in d if x['company'].startswith('株式会社')])\"",
                  id),
              0);
    CHECK_CONTAINS(out, "4 21 True True 1 ['株式会社みどり製作所']");
    free(out);
    /* CP932: what it lacks is named by note and field. */
    CHECK_INT(run(&out, "%s --lang en notes csv --db master.db -o notes932.csv --encoding cp932",
                  bin),
              1);
    char want[200];
    snprintf(want, sizeof want, "note %s, field question: '\xF0\xA0\xAE\xB7' (U+20BB7)", id);
    CHECK_CONTAINS(out, want);
    snprintf(want, sizeof want, "note %s, field company: '\xE2\x98\x95' (U+2615)", id);
    CHECK_CONTAINS(out, want);
    free(out);
    CHECK_INT(run(&out,
                  "python3 -c \"import csv; r=list(csv.reader(open('notes932.csv',"
                  "encoding='cp932',newline=''))); print([x[5] for x in r[1:]])\""),
              0);
    CHECK_CONTAINS(out, "'株式会社みどり製作所'");
    CHECK_CONTAINS(out, "'カフェ?'");
    free(out);
    /* CSV injection (OWASP): a cell that starts with = + - @ or a tab is
     * text for the spreadsheet, with a ' in front. */
    CHECK_INT(run(&out, "%s notes add --db master.db --question '=HYPERLINK(\"http://x\",\"y\")'"
                        " --category general --company '@SUM(A1)' --answer \"$(printf '\\tcmd')\""
                        " --channel phone",
                  bin),
              0);
    snprintf(id, sizeof id, "%.36s", out);
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes edit %.8s --db master.db --memo '+1 cmd|calc' --size"
                        " '-2+3'",
                  bin, id),
              0);
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes csv --db master.db -o inj.csv", bin), 0);
    free(out);
    CHECK_INT(run(&out,
                  "python3 -c \"import csv; r=list(csv.reader(open('inj.csv',encoding='utf-8-sig',"
                  "newline=''))); h=r[0]; d=[dict(zip(h,x)) for x in r[1:]];"
                  " n=[x for x in d if x['id']=='%s'][0]; q='\\x27';"
                  " print(n['question']==q+'=HYPERLINK(\\x22http://x\\x22,\\x22y\\x22)',"
                  " n['company']==q+'@SUM(A1)', n['answer']==q+'\\tcmd', n['memo']==q+'+1 cmd|calc',"
                  " n['size']==q+'-2+3',"
                  " all(c=='' or c[0] not in '=+-@\\t\\r' for x in d for c in x.values()))\"",
                  id),
              0);
    CHECK_CONTAINS(out, "True True True True True True");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes csv --db master.db -o x.csv --encoding latin9", bin),
              2);
    CHECK_CONTAINS(out, "--encoding takes utf-8 or cp932");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes csv --db master.db -o new.csv --since 2999-01-01",
                  bin),
              0);
    CHECK_CONTAINS(out, "0 notes written");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes faq --db master.db", bin), 0);
    CHECK_CONTAINS(out, "## General measures");
    CHECK_CONTAINS(out, "(1) Countermeasure: 長いパスフレーズ");
    free(out);
}

TEST(purge_only_what_went_out)
{
    char *out;
    CHECK_INT(run(&out, "%s notes add --db k1.db --question 'まだ書き出していない' --category"
                        " general",
                  bin),
              0);
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes purge --db k1.db", bin), 2);
    CHECK_CONTAINS(out, "needs --exported");
    free(out);
    CHECK_INT(run(&out, "%s --lang en kiosk purge-after soon --db k1.db", bin), 2);
    CHECK_CONTAINS(out, "--purge-after takes a whole number");
    free(out);
    CHECK_INT(run(&out, "%s --lang en kiosk purge-after 30 --db k1.db", bin), 0);
    CHECK_CONTAINS(out, "more than 30 days before");
    free(out);
    CHECK_INT(run(&out, "%s --lang en notes purge --exported --db k1.db", bin), 0);
    CHECK_CONTAINS(out, "3 exported notes removed");
    free(out);
    CHECK_INT(run(&out, "%s notes list --db k1.db", bin), 0);
    CHECK_CONTAINS(out, "まだ書き出していない");
    CHECK(strstr(out, "二人目") == NULL);
    free(out);
    /* Gone from the disk too (secure_delete, the index merged, vacuumed). */
    size_t len;
    char *db = slurp("k1.db", &len);
    CHECK(db && !contains(db, len, "みどり製作所"));
    CHECK(db && contains(db, len, "まだ書き出していない"));
    free(db);
}

int main(void)
{
    bin = getenv("MG_BINARY");
    if (!bin || !mkdtemp(dir)) {
        fprintf(stderr, "MG_BINARY not set or no temporary folder\n");
        return 1;
    }
    RUN(office_keys_and_enrolment);
    RUN(export_import_round_trip);
    RUN(damaged_input_leaves_master_as_it_was);
    RUN(csv_for_the_office);
    RUN(purge_only_what_went_out);
    char *out;
    run(&out, "rm -rf %s", dir);
    free(out);
    return test_summary();
}
