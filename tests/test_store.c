/*
 * The store under stress: hostile and foreign files refused untouched,
 * private file modes, the WAL synced on every save, every field of an
 * edited note read back, reads that fail saying so, and fault injection
 * (SQLite's allocations failing, and a VFS shim failing I/O) at every
 * step of a save, a migration and a purge: after each the file is sound, every
 * note whose save returned is there, and the failure was reported.
 */
#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../app/core/notes.h"
#include "../app/core/pin.h"
#include "../app/core/seal.h"
#include "../app/core/sync.h"
#include "../app/core/util.h"
#include "test.h"

/* In memory where there is a tmpfs: the fault runs open and check a file
 * thousands of times, and what they test is the calls, not the platter. */
static char dir[96];

/* ---- a VFS shim over the default one: counts and fails I/O ---- */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs shim_vfs;
static long io_ops;       /* I/O calls since the count was reset */
static long io_fail_at;   /* fail the call with this number (0: never) */
static bool io_fail_on;   /* and every one after it */
static long io_failed;    /* calls failed */
static long wal_syncs;    /* xSync on a WAL file */

typedef struct shim_file {
    sqlite3_file base;
    sqlite3_file *real; /* follows this struct */
    bool wal;
} shim_file;

static bool io_fault(void)
{
    io_ops++;
    if (io_fail_at && (io_ops == io_fail_at || (io_fail_on && io_ops > io_fail_at))) {
        io_failed++;
        return true;
    }
    return false;
}

#define REAL(f) (((shim_file *)(f))->real)

static int shim_close(sqlite3_file *f)
{
    return REAL(f)->pMethods->xClose(REAL(f));
}
static int shim_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
    return io_fault() ? SQLITE_IOERR_READ : REAL(f)->pMethods->xRead(REAL(f), b, n, o);
}
static int shim_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    return io_fault() ? SQLITE_IOERR_WRITE : REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int shim_truncate(sqlite3_file *f, sqlite3_int64 n)
{
    return io_fault() ? SQLITE_IOERR_TRUNCATE : REAL(f)->pMethods->xTruncate(REAL(f), n);
}
static int shim_sync(sqlite3_file *f, int flags)
{
    if (io_fault())
        return SQLITE_IOERR_FSYNC;
    if (((shim_file *)f)->wal)
        wal_syncs++;
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int shim_size(sqlite3_file *f, sqlite3_int64 *n)
{
    return io_fault() ? SQLITE_IOERR_FSTAT : REAL(f)->pMethods->xFileSize(REAL(f), n);
}
static int shim_lock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int shim_unlock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int shim_reserved(sqlite3_file *f, int *out)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int shim_control(sqlite3_file *f, int op, void *arg)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int shim_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int shim_device(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int shim_shm_map(sqlite3_file *f, int pg, int sz, int extend, void volatile **p)
{
    return io_fault() ? SQLITE_IOERR_SHMMAP
                      : REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, extend, p);
}
static int shim_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void shim_shm_barrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int shim_shm_unmap(sqlite3_file *f, int del)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

/* Version 2: no memory-mapped reads, so every read comes through here. */
static const sqlite3_io_methods shim_io = {
    2,          shim_close,    shim_read,    shim_write,      shim_truncate,
    shim_sync,  shim_size,     shim_lock,    shim_unlock,     shim_reserved,
    shim_control, shim_sector, shim_device,  shim_shm_map,    shim_shm_lock,
    shim_shm_barrier, shim_shm_unmap, NULL, NULL,
};

static int shim_open(sqlite3_vfs *v, const char *name, sqlite3_file *f, int flags, int *out)
{
    (void)v;
    shim_file *p = (shim_file *)f;
    p->real = (sqlite3_file *)(p + 1);
    p->base.pMethods = NULL;
    if (io_fault())
        return SQLITE_CANTOPEN;
    int rc = real_vfs->xOpen(real_vfs, name, p->real, flags, out);
    if (rc == SQLITE_OK) {
        p->wal = (flags & SQLITE_OPEN_WAL) != 0;
        p->base.pMethods = &shim_io;
    } else if (p->real->pMethods) {
        p->real->pMethods->xClose(p->real);
    }
    return rc;
}
static int shim_delete(sqlite3_vfs *v, const char *name, int sync)
{
    (void)v;
    return io_fault() ? SQLITE_IOERR_DELETE : real_vfs->xDelete(real_vfs, name, sync);
}
static int shim_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
    (void)v;
    return real_vfs->xAccess(real_vfs, name, flags, out);
}
static int shim_full(sqlite3_vfs *v, const char *name, int n, char *out)
{
    (void)v;
    return real_vfs->xFullPathname(real_vfs, name, n, out);
}

static void shim_install(void)
{
    real_vfs = sqlite3_vfs_find(NULL);
    shim_vfs = *real_vfs;
    shim_vfs.zName = "mgshim";
    shim_vfs.szOsFile = (int)sizeof(shim_file) + real_vfs->szOsFile;
    shim_vfs.xOpen = shim_open;
    shim_vfs.xDelete = shim_delete;
    shim_vfs.xAccess = shim_access;
    shim_vfs.xFullPathname = shim_full;
    shim_vfs.pNext = NULL;
    sqlite3_vfs_register(&shim_vfs, 1); /* the default: store_open uses it unaware */
}

/* ---- SQLite's allocator, failing on request ---- */

static sqlite3_mem_methods real_mem;
static long mem_calls, mem_fail_at, mem_failed;
static bool mem_fail_on;

static bool mem_fault(void)
{
    mem_calls++;
    if (mem_fail_at && (mem_calls == mem_fail_at || (mem_fail_on && mem_calls > mem_fail_at))) {
        mem_failed++;
        return true;
    }
    return false;
}
static void *fail_malloc(int n)
{
    return mem_fault() ? NULL : real_mem.xMalloc(n);
}
static void *fail_realloc(void *p, int n)
{
    return mem_fault() ? NULL : real_mem.xRealloc(p, n);
}

static void mem_install(void)
{
    CHECK(sqlite3_config(SQLITE_CONFIG_GETMALLOC, &real_mem) == SQLITE_OK);
    sqlite3_mem_methods m = real_mem;
    m.xMalloc = fail_malloc;
    m.xRealloc = fail_realloc;
    CHECK(sqlite3_config(SQLITE_CONFIG_MALLOC, &m) == SQLITE_OK);
}

static void faults_off(void)
{
    io_fail_at = mem_fail_at = 0;
}

/* ---- helpers ---- */

static char *file_bytes(const char *path, size_t *len)
{
    char *b = read_file(path, len);
    return b ? b : xstrdup("");
}

static bool raw_exec(const char *path, const char *sql)
{
    sqlite3 *raw;
    bool ok = sqlite3_open(path, &raw) == SQLITE_OK &&
              sqlite3_exec(raw, sql, NULL, NULL, NULL) == SQLITE_OK;
    sqlite3_close(raw);
    return ok;
}

/* PRAGMA integrity_check says "ok" (through the default VFS, no faults). */
static bool sound(const char *path)
{
    sqlite3 *raw;
    sqlite3_stmt *q = NULL;
    bool ok = sqlite3_open_v2(path, &raw, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK &&
              sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &q, NULL) == SQLITE_OK &&
              sqlite3_step(q) == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(q, 0), "ok") == 0;
    if (!ok)
        fprintf(stderr, "%s: integrity_check: %s\n", path, raw ? sqlite3_errmsg(raw) : "?");
    sqlite3_finalize(q);
    sqlite3_close(raw);
    return ok;
}

static int user_version(const char *path)
{
    sqlite3 *raw;
    sqlite3_stmt *q = NULL;
    int v = -12345;
    if (sqlite3_open_v2(path, &raw, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &q, NULL) == SQLITE_OK &&
        sqlite3_step(q) == SQLITE_ROW)
        v = sqlite3_column_int(q, 0);
    sqlite3_finalize(q);
    sqlite3_close(raw);
    return v;
}

/* The database at p and its -wal and -shm gone (no fork: the fault runs
 * do this thousands of times). */
static void remove_db(const char *p)
{
    const char *sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) {
        char f[600];
        snprintf(f, sizeof f, "%s%s", p, sfx[i]);
        unlink(f);
    }
}

static char *tmp(const char *name)
{
    char *p = path_join(dir, name);
    remove_db(p);
    return p;
}

/* The version-1 file the first release wrote, with one note. */
static const char v1_sql[] =
    "CREATE TABLE notes(id TEXT PRIMARY KEY, created INTEGER NOT NULL, updated INTEGER NOT NULL,"
    " kiosk TEXT, channel TEXT, event TEXT, consultant TEXT, scribe TEXT, company TEXT,"
    " industry TEXT, size TEXT, question TEXT NOT NULL, category TEXT NOT NULL,"
    " law INTEGER NOT NULL DEFAULT 0, legal INTEGER NOT NULL DEFAULT 0, answer TEXT,"
    " referrals TEXT, referral_text TEXT, followup INTEGER NOT NULL DEFAULT 0,"
    " faq INTEGER NOT NULL DEFAULT 0, memo TEXT);"
    "CREATE INDEX notes_updated ON notes(updated);"
    "CREATE TABLE settings(k TEXT PRIMARY KEY, v TEXT);"
    "INSERT INTO settings VALUES('kiosk', '00000000-0000-4000-8000-00000000000a');"
    "INSERT INTO notes(id, created, updated, question, category)"
    " VALUES('00000000-0000-4000-8000-000000000001', 1, 1, '古いノート: 請求書メールの詐欺',"
    " 'breach'); PRAGMA user_version=1;";
#define V1_ID "00000000-0000-4000-8000-000000000001"

/* ---- hostile and foreign files ---- */

/* Opening path is refused with a message holding want, and the file's
 * bytes are as they were (WAL mode writes the header: not even that). */
static void refused_untouched(const char *path, const char *want)
{
    size_t n0, n1;
    char *before = file_bytes(path, &n0), err[512] = "";
    store *s = store_open_lang(path, LANG_EN, err, sizeof err);
    CHECK(s == NULL);
    store_close(s);
    CHECK_CONTAINS(err, want);
    CHECK_CONTAINS(err, path);
    char *after = file_bytes(path, &n1);
    CHECK(n0 == n1 && memcmp(before, after, n0) == 0);
    char wal[600];
    snprintf(wal, sizeof wal, "%s-wal", path);
    CHECK(access(wal, F_OK) != 0); /* no WAL was begun */
    free(before);
    free(after);
}

TEST(hostile_files_refused_untouched)
{
    char *p = tmp("minus.db");
    /* Our tables, user_version -1: once read migrations[-1] as SQL. */
    CHECK(raw_exec(p, v1_sql));
    CHECK(raw_exec(p, "PRAGMA user_version=-1"));
    refused_untouched(p, "schema version -1");
    CHECK(raw_exec(p, "PRAGMA user_version=-1000000")); /* crashed before */
    refused_untouched(p, "schema version -1000000");
    /* From the future: refused before WAL mode changed the header. */
    CHECK(raw_exec(p, "PRAGMA user_version=99"));
    refused_untouched(p, "newer");
    free(p);
    /* Another program's SQLite file, at version 0 and at 1: never given our tables. */
    p = tmp("foreign.db");
    CHECK(raw_exec(p, "CREATE TABLE photos(id INTEGER PRIMARY KEY, name TEXT);"
                      "INSERT INTO photos(name) VALUES('桜.jpg')"));
    refused_untouched(p, "something else (tables: photos)");
    CHECK(raw_exec(p, "PRAGMA user_version=1"));
    refused_untouched(p, "not a notes database");
    free(p);
    /* Our tables but no version (absent: 0) is not a file we made. */
    p = tmp("noversion.db");
    CHECK(raw_exec(p, v1_sql));
    CHECK(raw_exec(p, "PRAGMA user_version=0"));
    refused_untouched(p, "something else");
    free(p);
    /* Not SQLite at all, and too short to be. */
    p = tmp("text.db");
    FILE *f = fopen(p, "w");
    fputs("this is not sqlite, just text that fills the header page..........", f);
    fclose(f);
    refused_untouched(p, "not an SQLite file");
    f = fopen(p, "w");
    fputs("SQLite", f);
    fclose(f);
    refused_untouched(p, "not an SQLite file");
    free(p);
    /* A folder where the file should be. */
    p = tmp("folder.db");
    CHECK(mkdir(p, 0700) == 0);
    char err[512];
    CHECK(store_open_lang(p, LANG_EN, err, sizeof err) == NULL);
    CHECK_CONTAINS(err, "is a folder");
    CHECK_CONTAINS(err, p);
    CHECK(store_open(p, err, sizeof err) == NULL); /* the UI's language by default */
    CHECK_CONTAINS(err, "フォルダです");
    CHECK_CONTAINS(err, p);
    free(p);
    /* An empty file (touched by hand) is a new database. */
    p = tmp("empty.db");
    f = fopen(p, "w");
    fclose(f);
    store *s = store_open(p, err, sizeof err);
    CHECK(s != NULL);
    store_close(s);
    CHECK_INT(user_version(p), store_schema_version());
    free(p);
}

TEST(private_file_modes)
{
    mode_t old = umask(022);
    char *sub = tmp("shared");
    CHECK(mkdir(sub, 0755) == 0);
    char *p = path_join(sub, "n.db");
    char err[512];
    store *s = store_open(p, err, sizeof err);
    CHECK(s != NULL);
    note n = {.question = "個人情報を含む相談", .category = "breach"};
    CHECK(s && notes_save(s, &n, 1000, err, sizeof err));
    free(n.kiosk);
    const char *sfx[] = {"", "-wal", "-shm"};
    for (int i = 0; i < 3; i++) { /* all three exist while it is open */
        char f[600];
        snprintf(f, sizeof f, "%s%s", p, sfx[i]);
        struct stat sb;
        CHECK(stat(f, &sb) == 0);
        if ((sb.st_mode & 0777) != 0600)
            fprintf(stderr, "%s: mode %o\n", f, sb.st_mode & 0777);
        CHECK_INT(sb.st_mode & 0777, 0600);
    }
    store_close(s);
    /* One an older build left readable to all is narrowed. */
    CHECK(chmod(p, 0644) == 0);
    s = store_open(p, err, sizeof err);
    CHECK(s != NULL);
    store_close(s);
    struct stat sb;
    CHECK(stat(p, &sb) == 0 && (sb.st_mode & 0777) == 0600);
    umask(old);
    free(p);
    free(sub);
}

/* ---- what a save does ---- */

TEST(wal_synced_on_every_save)
{
    char *p = tmp("sync.db");
    char err[512];
    store *s = store_open(p, err, sizeof err);
    CHECK(s != NULL);
    if (!s)
        return;
    enum { SAVES = 10 };
    long before = wal_syncs;
    for (int i = 0; i < SAVES; i++) {
        note n = {.question = "停電の前に保存されていること", .category = "outage"};
        long at = wal_syncs;
        CHECK(notes_save(s, &n, 1000 + i, err, sizeof err));
        CHECK(wal_syncs > at); /* synchronous=FULL: on disk when it returns */
        free(n.kiosk);
    }
    printf("WAL syncs: %ld for %d saves\n", wal_syncs - before, SAVES);
    store_close(s);
    free(p);
}

/* Field f's value in version v of the test note. */
static void fill(note *n, const rec_field *f, int v)
{
    char buf[128], err[128];
    switch (f->kind) {
    case REC_UUID:
    case REC_TIME: return; /* given by the save */
    case REC_BOOL: snprintf(buf, sizeof buf, "%d", v == 1); break;
    case REC_CODE: snprintf(buf, sizeof buf, "%s", f->codes[v % (int)f->ncodes].code); break;
    case REC_IDS: snprintf(buf, sizeof buf, "ref-%d,other-%d", v, v); break;
    default: snprintf(buf, sizeof buf, "%s の版 %d\n二行目\t", f->name, v);
    }
    CHECK(rec_set(n, f, buf, err, sizeof err));
}

TEST(every_field_of_an_edit_read_back)
{
    char *p = tmp("fields.db");
    char err[512];
    store *s = store_open(p, err, sizeof err);
    CHECK(s != NULL);
    if (!s)
        return;
    note a = {0};
    for (size_t i = 0; i < rec_nfields; i++)
        fill(&a, &rec_fields[i], 1);
    CHECK(notes_save(s, &a, 1000, err, sizeof err));
    note b;
    CHECK(notes_get(s, a.id, &b, err, sizeof err) == 1);
    for (size_t i = 0; i < rec_nfields; i++)
        fill(&b, &rec_fields[i], 2);
    CHECK(notes_save(s, &b, 2000, err, sizeof err));
    note c;
    CHECK(notes_get(s, a.id, &c, err, sizeof err) == 1);
    /* Kept from when the note was made; everything else is the edit.
     * (This list is the test's own: a field wrongly marked fixed fails.) */
    const char *fixed[] = {"id", "created", "kiosk"};
    strbuf got, want;
    strbuf_init(&got);
    strbuf_init(&want);
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        bool keep = false;
        for (size_t k = 0; k < MG_ARRAY_LEN(fixed); k++)
            keep |= !strcmp(f->name, fixed[k]);
        strbuf_clear(&got);
        strbuf_clear(&want);
        rec_value(&c, f, &got);
        if (!strcmp(f->name, "updated"))
            strbuf_adds(&want, "2000");
        else
            rec_value(keep ? &a : &b, f, &want);
        if (strcmp(got.s ? got.s : "", want.s ? want.s : "") != 0)
            fprintf(stderr, "field %s: got \"%s\", want \"%s\"\n", f->name, got.s, want.s);
        CHECK_STR(got.s ? got.s : "", want.s ? want.s : "");
    }
    /* The same through the struct, for the fields people edit most. */
    CHECK_STR(c.answer, b.answer);
    CHECK_STR(c.question, b.question);
    CHECK_STR(c.memo, b.memo);
    CHECK(c.law == false && c.faq == false);
    CHECK_INT(c.created, 1000);
    /* JSON: every field, by name. */
    strbuf j;
    strbuf_init(&j);
    rec_json(&c, &j);
    for (size_t i = 0; i < rec_nfields; i++) {
        char key[64];
        snprintf(key, sizeof key, "\"%s\":", rec_fields[i].name);
        CHECK_CONTAINS(j.s, key);
    }
    CHECK_CONTAINS(j.s, "\"law\":false");
    CHECK_CONTAINS(j.s, "\\n二行目\\t\"");
    strbuf_fini(&j);
    strbuf_fini(&got);
    strbuf_fini(&want);
    note_fini(&a);
    note_fini(&b);
    note_fini(&c);
    store_close(s);
    free(p);
}

TEST(field_table_is_consistent)
{
    /* No two fields share a name or a member of struct note. */
    for (size_t i = 0; i < rec_nfields; i++)
        for (size_t k = i + 1; k < rec_nfields; k++) {
            CHECK(strcmp(rec_fields[i].name, rec_fields[k].name) != 0);
            CHECK(rec_fields[i].offset != rec_fields[k].offset);
        }
    CHECK(rec_find("answer") && rec_find("answer")->flags & REC_SEARCHED);
    CHECK(rec_find("memo") && !(rec_find("memo")->flags & REC_VISITOR)); /* never to visitors */
    CHECK(rec_find("company") && !(rec_find("company")->flags & REC_VISITOR));
    CHECK(rec_find("nope") == NULL);
    CHECK_INT(rec_code_index(rec_find("category"), "guidebook"), 6);
    CHECK_INT(rec_category_label("breach"), MSG_CAT_BREACH);
    note n = {0};
    char err[128];
    CHECK(!rec_set(&n, rec_find("created"), "12x", err, sizeof err));
    CHECK_CONTAINS(err, "created");
    CHECK(!rec_set(&n, rec_find("faq"), "maybe", err, sizeof err));
    CHECK(!rec_set(&n, rec_find("id"), "not-a-uuid", err, sizeof err));
    CHECK(rec_set(&n, rec_find("id"), V1_ID, err, sizeof err));
    CHECK_STR(n.id, V1_ID);
    note_fini(&n);
    note_fini(NULL);
    notes_free(NULL, 0);
}

TEST(times_kept_when_asked)
{
    char *p = tmp("keep.db");
    char err[512];
    store *s = store_open(p, err, sizeof err);
    CHECK(s != NULL);
    if (!s)
        return;
    /* A note from another kiosk, as sync will bring it. */
    note n = {.question = "別の端末で受けた相談", .category = "general", .kiosk = "kiosk-b",
              .created = 1600000000000LL, .updated = 1600000005000LL};
    snprintf(n.id, sizeof n.id, "%s", V1_ID);
    CHECK(notes_save(s, &n, NOTES_KEEP_TIMES, err, sizeof err));
    note g;
    CHECK(notes_get(s, V1_ID, &g, err, sizeof err) == 1);
    CHECK_INT(g.created, 1600000000000LL);
    CHECK_INT(g.updated, 1600000005000LL);
    CHECK_STR(g.kiosk, "kiosk-b");
    note_fini(&g);
    note m = {.question = "x", .category = "other"}; /* keeping times needs them */
    CHECK(!notes_save(s, &m, NOTES_KEEP_TIMES, err, sizeof err));
    CHECK_CONTAINS(err, "times");
    /* The clock given is the one used. */
    note t = {.question = "時刻", .category = "other"};
    CHECK(notes_save(s, &t, 123456, err, sizeof err));
    CHECK_INT(t.created, 123456);
    CHECK_INT(t.updated, 123456);
    free(t.kiosk);
    /* Counters and settings. */
    long long v = 0;
    CHECK(store_counter_next(s, "export", &v, err, sizeof err) && v == 1);
    CHECK(store_counter_next(s, "export", &v, err, sizeof err) && v == 2);
    CHECK(store_counter_next(s, "import", &v, err, sizeof err) && v == 1);
    char *val;
    CHECK_INT(store_setting(s, "nothing", &val, err, sizeof err), 0);
    CHECK(val == NULL);
    CHECK_INT(pin_is_set(s, err, sizeof err), 0);
    CHECK(pin_set(s, "246802", err, sizeof err));
    CHECK_INT(pin_is_set(s, err, sizeof err), 1);
    CHECK_INT(pin_verify(s, "246802", err, sizeof err), 1);
    CHECK_INT(pin_verify(s, "135791", err, sizeof err), 0);
    store_close(s);
    free(p);
}

TEST(failed_reads_say_so)
{
    char *p = tmp("gone.db");
    char err[512];
    store *s = store_open(p, err, sizeof err);
    CHECK(s != NULL);
    if (!s)
        return;
    note n = {.question = "消える表", .category = "other"};
    CHECK(notes_save(s, &n, 1000, err, sizeof err));
    free(n.kiosk);
    CHECK(pin_set(s, "246802", err, sizeof err));
    /* Tables gone under it (another program, a damaged file). */
    CHECK(raw_exec(p, "ALTER TABLE notes RENAME TO gone; ALTER TABLE settings RENAME TO gone2"));
    note g;
    err[0] = '\0';
    CHECK_INT(notes_get(s, n.id, &g, err, sizeof err), -1); /* not "no such note" */
    CHECK_CONTAINS(err, "no such table");
    CHECK_CONTAINS(err, p);
    note *v = (note *)&g;
    size_t count = 99;
    CHECK(!notes_search(s, &(notes_query){.words = "消える"}, &v, &count, err, sizeof err));
    CHECK(v == NULL && count == 0);
    CHECK(!notes_list(s, 0, &v, &count, err, sizeof err));
    char *val = (char *)"x";
    CHECK_INT(store_setting(s, STORE_KEY_PIN, &val, err, sizeof err), -1);
    CHECK(val == NULL);
    CHECK_INT(pin_is_set(s, err, sizeof err), -1); /* never "set a new PIN" */
    CHECK_INT(pin_verify(s, "246802", err, sizeof err), -1);
    store_close(s);
    free(p);
}

TEST(fresh_and_migrated_schemas_agree)
{
    char *a = tmp("fresh.db"), *b = tmp("old.db");
    char err[512];
    store *s = store_open(a, err, sizeof err);
    CHECK(s != NULL);
    store_close(s);
    CHECK(raw_exec(b, v1_sql));
    s = store_open(b, err, sizeof err);
    CHECK(s != NULL);
    store_close(s);
    CHECK_INT(user_version(b), store_schema_version());
    const char *q = "SELECT group_concat(name || ' ' || type || ' ' || \"notnull\" || ' ' ||"
                    " ifnull(dflt_value, '-') || ' ' || pk, '; ') FROM (SELECT * FROM"
                    " pragma_table_info('%s') ORDER BY name)";
    const char *tables[] = {"notes", "notes_fts", "settings"};
    for (int t = 0; t < 3; t++) {
        char sql[512];
        snprintf(sql, sizeof sql, q, tables[t]);
        char *got[2] = {NULL, NULL};
        const char *paths[2] = {a, b};
        for (int k = 0; k < 2; k++) {
            sqlite3 *raw;
            sqlite3_stmt *st;
            sqlite3_open(paths[k], &raw);
            if (sqlite3_prepare_v2(raw, sql, -1, &st, NULL) == SQLITE_OK &&
                sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0))
                got[k] = xstrdup((const char *)sqlite3_column_text(st, 0));
            sqlite3_finalize(st);
            sqlite3_close(raw);
        }
        CHECK(got[0] != NULL);
        CHECK_STR(got[0], got[1]);
        free(got[0]);
        free(got[1]);
    }
    free(a);
    free(b);
}

/* ---- fault injection ---- */

typedef struct saved {
    char id[37];
    char q[64];
    char alt[64]; /* an edit whose save failed: the file may hold it or q */
} saved;

/* Every note in v[0..n) is in the file at path with its question (or the
 * failed edit's, which then becomes the one expected). */
static int missing_from(const char *path, saved *v, size_t n)
{
    char err[512];
    store *s = store_open(path, err, sizeof err);
    if (!s) {
        fprintf(stderr, "reopen after a fault: %s\n", err);
        return (int)n + 1;
    }
    int missing = 0;
    for (size_t i = 0; i < n; i++) {
        note g;
        if (notes_get(s, v[i].id, &g, err, sizeof err) != 1)
            missing++;
        else if (v[i].alt[0] && strcmp(g.question, v[i].alt) == 0)
            snprintf(v[i].q, sizeof v[i].q, "%s", v[i].alt);
        else if (strcmp(g.question, v[i].q) != 0)
            missing++;
        v[i].alt[0] = '\0';
        note_fini(&g);
    }
    store_close(s);
    return missing;
}

enum { IO, MEM };

/* Arm the fault kind at call k (persist: and every call after). */
static void arm(int kind, long k, bool persist)
{
    io_ops = mem_calls = 0;
    if (kind == IO) {
        io_fail_at = k;
        io_fail_on = persist;
    } else {
        mem_fail_at = k;
        mem_fail_on = persist;
    }
}

static bool fired(int kind, long k)
{
    return kind == IO ? io_ops >= k : mem_calls >= k;
}

/* A save (of a new note, or an edit) failing at every step. */
static void save_faults(int kind, bool persist, bool edit)
{
    char *p = tmp("fault-save.db");
    char err[512];
    saved *kept = NULL;
    size_t nkept = 0, cap = 0;
    long k, reported = 0, failures = 0;
    store *s0 = store_open(p, err, sizeof err); /* one note first, so edits are tried too */
    note first = {.question = "最初の相談", .category = "other"};
    CHECK(s0 && notes_save(s0, &first, 1000, err, sizeof err));
    kept = xcalloc(1, sizeof *kept);
    cap = 1;
    snprintf(kept[0].id, 37, "%s", first.id);
    snprintf(kept[0].q, 64, "%s", first.question);
    nkept = 1;
    free(first.kiosk);
    store_close(s0);
    for (k = 1; k < 100000; k++) {
        store *s = store_open(p, err, sizeof err);
        CHECK(s != NULL);
        if (!s)
            break;
        note n = {.category = "breach"};
        char q[64];
        snprintf(q, sizeof q, "障害 %ld の相談", k);
        n.question = q;
        if (edit) /* an edit of the last note that was kept */
            snprintf(n.id, sizeof n.id, "%s", kept[nkept - 1].id);
        arm(kind, k, persist);
        err[0] = '\0';
        bool ok = notes_save(s, &n, 1000 + k, err, sizeof err);
        bool hit = fired(kind, k);
        faults_off();
        if (!ok) {
            failures++;
            reported += err[0] != '\0';
            CHECK(err[0] != '\0');
            CHECK(hit); /* no failure without a fault */
            if (edit)
                snprintf(kept[nkept - 1].alt, sizeof kept[nkept - 1].alt, "%s", q);
        } else if (edit) {
            snprintf(kept[nkept - 1].q, sizeof kept[nkept - 1].q, "%s", q);
        } else {
            vec_reserve((void **)&kept, &cap, nkept + 1, sizeof *kept);
            kept[nkept] = (saved){.alt = ""};
            snprintf(kept[nkept].id, 37, "%s", n.id);
            snprintf(kept[nkept++].q, 64, "%s", q);
        }
        free(n.kiosk);
        store_close(s);
        CHECK(sound(p));
        int lost = missing_from(p, kept, nkept);
        if (lost)
            fprintf(stderr, "%s fault at %ld (%s): %d notes lost or changed\n",
                    kind == IO ? "I/O" : "malloc", k, persist ? "persistent" : "once", lost);
        CHECK_INT(lost, 0);
        if (!hit && ok)
            break; /* the save took fewer steps than k: each one has failed once */
    }
    printf("save of %s, %s faults (%s): %ld steps, %ld saves refused (each reported)\n",
           edit ? "an edit" : "a new note", kind == IO ? "I/O" : "malloc",
           persist ? "persistent" : "once", k - 1, failures);
    CHECK(k > 3);
    CHECK_INT(reported, failures);
    free(kept);
    free(p);
}

/* Opening a version-1 file (the migration) failing at every step: the
 * file stays version 1 or becomes the current one, never between. */
static void migration_faults(int kind, bool persist)
{
    char *p = tmp("fault-mig.db");
    char err[512];
    long k, refused = 0;
    CHECK(raw_exec(p, v1_sql));
    size_t v1len;
    char *v1 = file_bytes(p, &v1len);
    for (k = 1; k < 100000; k++) {
        remove_db(p);
        CHECK(write_file_atomic(p, v1, v1len, err, sizeof err));
        arm(kind, k, persist);
        err[0] = '\0';
        store *s = store_open(p, err, sizeof err);
        bool hit = fired(kind, k), opened = s != NULL;
        faults_off();
        if (!s) {
            refused++;
            CHECK(err[0] != '\0');
            CHECK(hit);
        }
        store_close(s);
        CHECK(sound(p));
        int v = user_version(p);
        CHECK(v == 1 || v == store_schema_version());
        /* and a clean open afterwards migrates it, the old note found */
        s = store_open(p, err, sizeof err);
        CHECK(s != NULL);
        if (s) {
            note *found;
            size_t n = 0;
            CHECK(notes_search(s, &(notes_query){.words = "請求書メール"}, &found, &n, err,
                               sizeof err));
            CHECK_INT(n, 1);
            notes_free(found, n);
        }
        store_close(s);
        if (!hit && opened)
            break;
    }
    free(v1);
    printf("migration, %s faults (%s): %ld steps, %ld opens refused (each reported)\n",
           kind == IO ? "I/O" : "malloc", persist ? "persistent" : "once", k - 1, refused);
    CHECK(k > 3);
    free(p);
}

/* A purge of exported notes failing at every step: the note never
 * exported is always there; the exported ones go together or not at all. */
static void purge_faults(int kind, bool persist)
{
    char *p = tmp("fault-purge.db");
    char err[512];
    seal_office office;
    CHECK(seal_office_generate(&office));
    store *s = store_open(p, err, sizeof err);
    CHECK(s != NULL);
    if (!s)
        return;
    char ids[3][37];
    const char *qs[] = {"書き出した相談 一", "書き出した相談 二", "まだ書き出していない相談"};
    for (int i = 0; i < 3; i++) {
        note n = {.question = (char *)qs[i], .category = "general"};
        CHECK(notes_save(s, &n, 1000 + i, err, sizeof err));
        snprintf(ids[i], 37, "%s", n.id);
        free(n.kiosk);
        if (i == 1) { /* the first two go out in an export */
            sync_export x;
            CHECK(sync_export_make(s, office.pk, false, 2000, &x, err, sizeof err));
            CHECK(sync_export_done(s, &x, "mem", 2000, err, sizeof err));
            sync_export_fini(&x);
        }
    }
    store_close(s);
    seal_office_fini(&office);
    size_t len;
    char *tmpl = file_bytes(p, &len);
    long k, refused = 0;
    for (k = 1; k < 100000; k++) {
        remove_db(p);
        CHECK(write_file_atomic(p, tmpl, len, err, sizeof err));
        s = store_open(p, err, sizeof err);
        CHECK(s != NULL);
        if (!s)
            break;
        size_t purged = 0;
        arm(kind, k, persist);
        err[0] = '\0';
        bool ok = sync_purge_exported(s, 0, &purged, err, sizeof err);
        bool hit = fired(kind, k);
        faults_off();
        store_close(s);
        if (!ok) {
            refused++;
            CHECK(err[0] != '\0');
            CHECK(hit);
        } else {
            CHECK_INT(purged, 2);
        }
        CHECK(sound(p));
        s = store_open(p, err, sizeof err);
        CHECK(s != NULL);
        if (!s)
            break;
        int have[3];
        for (int i = 0; i < 3; i++) {
            note g;
            have[i] = notes_get(s, ids[i], &g, err, sizeof err);
            note_fini(&g);
        }
        store_close(s);
        CHECK_INT(have[2], 1);       /* never exported: never purged */
        CHECK_INT(have[0], have[1]); /* one purge: both or neither */
        if (ok)
            CHECK_INT(have[0], 0);
        if (!hit && ok)
            break;
    }
    printf("purge, %s faults (%s): %ld steps, %ld purges refused (each reported)\n",
           kind == IO ? "I/O" : "malloc", persist ? "persistent" : "once", k - 1, refused);
    CHECK(k > 3);
    free(tmpl);
    free(p);
}

TEST(faults_in_a_purge)
{
    purge_faults(IO, false);
    purge_faults(IO, true);
    purge_faults(MEM, false);
}

TEST(faults_in_a_save)
{
    /* Allocation failures once (SQLite gives the memory back and goes on);
     * I/O failures once and from then on (a drive that died). */
    for (int edit = 0; edit < 2; edit++) {
        save_faults(IO, false, edit);
        save_faults(IO, true, edit);
        save_faults(MEM, false, edit);
    }
}

TEST(faults_in_a_migration)
{
    migration_faults(IO, false);
    migration_faults(IO, true);
    migration_faults(MEM, false);
}

int main(void)
{
    mem_install(); /* before SQLite starts */
    shim_install();
    snprintf(dir, sizeof dir, "%s/mgstoreXXXXXX", access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp");
    CHECK(mkdtemp(dir) != NULL);
    RUN(hostile_files_refused_untouched);
    RUN(private_file_modes);
    RUN(wal_synced_on_every_save);
    RUN(every_field_of_an_edit_read_back);
    RUN(field_table_is_consistent);
    RUN(times_kept_when_asked);
    RUN(failed_reads_say_so);
    RUN(fresh_and_migrated_schemas_agree);
    RUN(faults_in_a_save);
    RUN(faults_in_a_migration);
    RUN(faults_in_a_purge);
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    return test_summary();
}
