/*
 * The merge, randomized: three kiosks add and edit notes and export at
 * random moments; the office edits some of the same notes on master A;
 * master A imports the exports in the order they were made, master B in a
 * shuffled order, in batches, with repeats, then A's own export.  Both
 * masters must end identical, hold every revision, and show as conflicts
 * exactly the notes the office and a kiosk changed concurrently (an
 * independent model says which).  The seed is printed; MG_SEED=N repeats
 * a run.
 */
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "../app/core/notes.h"
#include "../app/core/sync.h"
#include "../app/core/util.h"
#include "test.h"

static char dir[] = "/tmp/mg-merge-XXXXXX";
static unsigned long long rng;
static seal_office office;

static unsigned rnd(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)((rng >> 11) % n);
}

static store *open_db(const char *name)
{
    char path[512], err[512];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    store *s = store_open(path, err, sizeof err);
    if (!s)
        fprintf(stderr, "%s\n", err);
    return s;
}

/* What the model knows of one note. */
typedef struct mnote {
    char id[37];
    int kiosk;
    int revs_made;   /* revisions the kiosk has taken of it (at its exports) */
    bool dirty;      /* edited on the kiosk since its last export */
    int seen_by_a;   /* the latest kiosk revision master A has imported */
    int office_base; /* office edit made on top of this kiosk revision (0: none) */
} mnote;

typedef struct mfile {
    strbuf data;
    int kiosk;
    /* for each note of the model: its revision count in this file's kiosk
     * at the time of the export (0: not in it) */
    int *revs_at;
} mfile;

static mnote notes[400];
static size_t nnotes;
static mfile files[200];
static size_t nfiles;
static long long now = 1700000000000LL;

static char *text(const char *what)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, "%s %u 株式会社サンプル%u", what, rnd(1000000), rnd(100));
    return strbuf_take(&b);
}

static void kiosk_add(store *k, int ki)
{
    note n = {0};
    n.question = text("相談");
    n.category = xstrdup("general");
    n.company = text("会社");
    char err[256];
    CHECK(notes_save(k, &n, now += 1 + rnd(50), err, sizeof err));
    if (nnotes < MG_ARRAY_LEN(notes)) {
        mnote *m = &notes[nnotes++];
        memset(m, 0, sizeof *m);
        snprintf(m->id, sizeof m->id, "%s", n.id);
        m->kiosk = ki;
        m->dirty = true;
    }
    note_fini(&n);
}

static bool edit(store *s, const char *id)
{
    note n;
    char err[256];
    if (notes_get(s, id, &n, err, sizeof err) != 1)
        return false;
    free(n.answer);
    n.answer = text("回答");
    bool ok = notes_save(s, &n, now += 1 + rnd(50), err, sizeof err);
    if (!ok)
        fprintf(stderr, "edit: %s\n", err);
    note_fini(&n);
    return ok;
}

static int revision_count(store *s, const char *id)
{
    sync_rev_info *v;
    size_t n;
    char err[256];
    if (!sync_revisions(s, id, &v, &n, err, sizeof err))
        return -1;
    sync_rev_info_free(v, n);
    return (int)n;
}

static void kiosk_export(store *k, int ki)
{
    sync_export x;
    char err[256];
    CHECK(sync_export_make(k, office.pk, false, now += 1, &x, err, sizeof err));
    if (x.revisions && nfiles < MG_ARRAY_LEN(files)) {
        mfile *f = &files[nfiles++];
        strbuf_init(&f->data);
        strbuf_add(&f->data, x.file.s, x.file.len);
        f->kiosk = ki;
        f->revs_at = xcalloc(MG_ARRAY_LEN(notes), sizeof *f->revs_at);
        for (size_t i = 0; i < nnotes; i++) {
            if (notes[i].kiosk != ki)
                continue;
            if (notes[i].dirty) {
                notes[i].revs_made++;
                notes[i].dirty = false;
            }
            f->revs_at[i] = notes[i].revs_made;
            CHECK_INT(revision_count(k, notes[i].id), notes[i].revs_made);
        }
        CHECK(sync_export_done(k, &x, "mem", now, err, sizeof err));
    }
    sync_export_fini(&x);
}

static bool import(store *m, mfile *const *fv, size_t n, sync_counts *c)
{
    sync_file **parsed = xcalloc(n, sizeof *parsed);
    bool ok = true;
    char err[512];
    for (size_t i = 0; i < n && ok; i++) {
        seal_status st;
        ok = sync_read(&office, fv[i]->data.s, fv[i]->data.len, &parsed[i], &st, err, sizeof err);
        if (!ok)
            fprintf(stderr, "read %zu of %zu (%p, %zu bytes): %d %s\n", i, n, (void *)fv[i], fv[i]->data.len, st, err);
    }
    if (ok) {
        ok = sync_merge(m, parsed, n, now += 1, c, err, sizeof err);
        if (!ok)
            fprintf(stderr, "merge: %s\n", err);
    }
    for (size_t i = 0; i < n; i++)
        sync_file_free(parsed[i]);
    free(parsed);
    return ok;
}

/* Everything a master shows, as text: each note, its revisions, the
 * conflicts. */
static char *dump(store *m)
{
    strbuf b;
    strbuf_init(&b);
    note *v;
    size_t n;
    char err[256];
    CHECK(notes_list(m, 0, &v, &n, err, sizeof err));
    /* by id, so two masters compare whatever their rowids */
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && strcmp(v[j - 1].id, v[j].id) > 0; j--) {
            note t = v[j];
            v[j] = v[j - 1];
            v[j - 1] = t;
        }
    for (size_t i = 0; i < n; i++) {
        rec_json(&v[i], &b);
        strbuf_addc(&b, '\n');
        sync_rev_info *r;
        size_t nr;
        CHECK(sync_revisions(m, v[i].id, &r, &nr, err, sizeof err));
        for (size_t k = 0; k < nr; k++)
            strbuf_printf(&b, "  %s <- %s%s%s\n", r[k].rev, r[k].parents, r[k].head ? " head" : "",
                          r[k].shown ? " shown" : "");
        sync_rev_info_free(r, nr);
    }
    notes_free(v, n);
    char **c;
    size_t nc;
    CHECK(sync_conflicts(m, &c, &nc, err, sizeof err));
    for (size_t i = 0; i < nc; i++)
        strbuf_printf(&b, "conflict %s\n", c[i]);
    strv_free(c, nc);
    return strbuf_take(&b);
}

TEST(three_kiosks_two_masters)
{
    store *k[3] = {open_db("k0.db"), open_db("k1.db"), open_db("k2.db")};
    store *a = open_db("a.db"), *b = open_db("b.db");
    CHECK(k[0] && k[1] && k[2] && a && b);
    if (!k[0] || !k[1] || !k[2] || !a || !b)
        return;
    size_t imported_a = 0; /* master A imports files in the order they were made */
    int office_edits = 0;
    for (int step = 0; step < 300; step++) {
        int ki = (int)rnd(3);
        unsigned what = rnd(100);
        if (what < 30 || nnotes == 0) {
            kiosk_add(k[ki], ki);
        } else if (what < 65) {
            mnote *m = &notes[rnd((unsigned)nnotes)];
            if (edit(k[m->kiosk], m->id))
                m->dirty = true;
        } else if (what < 80) {
            kiosk_export(k[ki], ki);
        } else if (what < 90 && imported_a < nfiles) {
            /* A takes the next few files, as a stick comes in. */
            size_t upto = imported_a + 1 + rnd((unsigned)(nfiles - imported_a));
            mfile *fv[200];
            size_t n = 0;
            for (; imported_a < upto; imported_a++) {
                fv[n++] = &files[imported_a];
                for (size_t i = 0; i < nnotes; i++)
                    if (files[imported_a].revs_at[i] > notes[i].seen_by_a)
                        notes[i].seen_by_a = files[imported_a].revs_at[i];
            }
            sync_counts c;
            CHECK(import(a, fv, n, &c));
        } else {
            /* The office edits, once, a note A has. */
            mnote *m = &notes[rnd((unsigned)nnotes)];
            if (m->seen_by_a && !m->office_base && edit(a, m->id)) {
                m->office_base = m->seen_by_a;
                office_edits++;
            }
        }
    }
    /* Every kiosk's last export, then A takes the rest. */
    for (int ki = 0; ki < 3; ki++)
        kiosk_export(k[ki], ki);
    mfile *fv[200];
    size_t n = 0;
    for (; imported_a < nfiles; imported_a++)
        fv[n++] = &files[imported_a];
    sync_counts c;
    CHECK(import(a, fv, n, &c));
    /* B: every file in a shuffled order, in batches, some twice. */
    mfile *order[400];
    size_t no = 0;
    for (size_t i = 0; i < nfiles; i++)
        order[no++] = &files[i];
    for (size_t i = 0; i < nfiles / 3; i++)
        order[no++] = &files[rnd((unsigned)nfiles)];
    for (size_t i = no - 1; i > 0; i--) {
        size_t j = rnd((unsigned)(i + 1));
        mfile *t = order[i];
        order[i] = order[j];
        order[j] = t;
    }
    for (size_t i = 0; i < no;) {
        size_t want = 1 + rnd(4); /* not inside MG_MIN: it would draw twice */
        size_t batch = MG_MIN(no - i, want);
        CHECK(import(b, order + i, batch, &c));
        i += batch;
    }
    /* The office's revisions go from A to B as any export does. */
    sync_export x;
    char err[256];
    CHECK(sync_export_make(a, office.pk, false, now += 1, &x, err, sizeof err));
    CHECK_INT(x.revisions, office_edits);
    mfile fa = {0};
    strbuf_init(&fa.data);
    strbuf_add(&fa.data, x.file.s, x.file.len);
    mfile *pa = &fa;
    CHECK(sync_export_done(a, &x, "mem", now, err, sizeof err));
    sync_export_fini(&x);
    CHECK(import(b, &pa, 1, &c));
    CHECK_INT(c.revisions, office_edits);
    /* A second time: nothing new. */
    CHECK(import(b, &pa, 1, &c));
    CHECK_INT(c.revisions, 0);
    CHECK(import(a, order, MG_MIN(no, (size_t)5), &c));
    CHECK_INT(c.revisions, 0);
    CHECK_INT(c.new_notes + c.updated, 0);

    char *da = dump(a), *db = dump(b);
    CHECK(strcmp(da, db) == 0);
    if (strcmp(da, db) != 0)
        fprintf(stderr, "master A:\n%.3000s\nmaster B:\n%.3000s\n", da, db);
    /* Every revision, and the conflicts the model predicts. */
    int expect_conflicts = 0, total_revs = 0, bad_conflicts = 0;
    char **cv;
    size_t nc;
    CHECK(sync_conflicts(a, &cv, &nc, err, sizeof err));
    for (size_t i = 0; i < nnotes; i++) {
        mnote *m = &notes[i];
        bool concurrent = m->office_base && m->revs_made > m->office_base;
        expect_conflicts += concurrent;
        total_revs += m->revs_made + (m->office_base ? 1 : 0);
        CHECK_INT(revision_count(a, m->id), m->revs_made + (m->office_base ? 1 : 0));
        bool listed = false;
        for (size_t j = 0; j < nc; j++)
            listed |= strncmp(cv[j], m->id, 36) == 0;
        if (listed != concurrent) {
            fprintf(stderr, "note %s: conflict %d, model says %d\n", m->id, listed, concurrent);
            bad_conflicts++;
        }
    }
    CHECK_INT(bad_conflicts, 0);
    CHECK_INT((int)nc, expect_conflicts);
    printf("%zu notes, %d revisions, %zu exports, %d office edits, %d conflicts\n", nnotes,
           total_revs, nfiles, office_edits, expect_conflicts);
    /* Resolving on A, carried to B, leaves both without that conflict. */
    if (nc) {
        char id[37], keep[128];
        snprintf(id, sizeof id, "%.36s", cv[0]);
        snprintf(keep, sizeof keep, "%s", cv[0] + 37);
        keep[strcspn(keep, " ")] = '\0';
        CHECK(sync_resolve(a, id, keep, now += 1, err, sizeof err));
        CHECK(!sync_resolve(a, id, "nonsense.1", now += 1, err, sizeof err));
        CHECK(sync_export_make(a, office.pk, false, now += 1, &x, err, sizeof err));
        strbuf_clear(&fa.data);
        strbuf_add(&fa.data, x.file.s, x.file.len);
        CHECK(sync_export_done(a, &x, "mem", now, err, sizeof err));
        sync_export_fini(&x);
        CHECK(import(b, &pa, 1, &c));
        char **cb;
        size_t nb;
        CHECK(sync_conflicts(b, &cb, &nb, err, sizeof err));
        CHECK_INT(nb, nc - 1);
        strv_free(cb, nb);
        free(da);
        free(db);
        da = dump(a);
        db = dump(b);
        CHECK(strcmp(da, db) == 0);
    }
    strv_free(cv, nc);
    free(da);
    free(db);
    strbuf_fini(&fa.data);
    for (size_t i = 0; i < nfiles; i++) {
        strbuf_fini(&files[i].data);
        free(files[i].revs_at);
    }
    for (int i = 0; i < 3; i++)
        store_close(k[i]);
    store_close(a);
    store_close(b);
}

/* The file name in the test folder. */
static void in_dir(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static void copy_db(const char *from, const char *to)
{
    char a[512], b[512], w[520];
    in_dir(a, sizeof a, from);
    in_dir(b, sizeof b, to);
    size_t len;
    char *d = read_file(a, &len);
    CHECK(d && write_file_atomic(b, d, len, NULL, 0));
    free(d);
    snprintf(w, sizeof w, "%s-wal", b);
    unlink(w);
    snprintf(w, sizeof w, "%s-shm", b);
    unlink(w);
}

static size_t count_notes(const char *name)
{
    store *m = open_db(name);
    note *v = NULL;
    size_t n = 0;
    char err[256];
    if (m)
        CHECK(notes_list(m, 0, &v, &n, err, sizeof err));
    notes_free(v, n);
    store_close(m);
    return n;
}

/* kill -9 in the middle of an import: the master is as before, or has
 * all of it, never part. */
TEST(killed_in_the_middle)
{
    enum { N = 1000 };
    store *k = open_db("big.db");
    char err[256];
    CHECK(k && store_begin(k, err, sizeof err));
    for (int i = 0; k && i < N; i++) {
        note n = {0};
        n.question = text("相談");
        n.category = xstrdup("general");
        CHECK(notes_save(k, &n, now += 1, err, sizeof err));
        note_fini(&n);
    }
    CHECK(k && store_commit(k, err, sizeof err));
    sync_export x;
    CHECK(k && sync_export_make(k, office.pk, false, now += 1, &x, err, sizeof err));
    store_close(k);
    sync_file *f = NULL;
    seal_status st;
    CHECK(sync_read(&office, x.file.s, x.file.len, &f, &st, err, sizeof err));
    sync_export_fini(&x);
    store *m = open_db("pristine.db");
    note one = {0};
    one.question = xstrdup("office");
    one.category = xstrdup("other");
    CHECK(m && notes_save(m, &one, now += 1, err, sizeof err));
    note_fini(&one);
    store_close(m);
    if (!f)
        return;
    /* How long a whole import takes here, to kill at random moments in it. */
    copy_db("pristine.db", "killed.db");
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    m = open_db("killed.db");
    sync_counts c;
    CHECK(m && sync_merge(m, &f, 1, now += 1, &c, err, sizeof err));
    store_close(m);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    long us = (t1.tv_sec - t0.tv_sec) * 1000000L + (t1.tv_nsec - t0.tv_nsec) / 1000;
    CHECK_INT(count_notes("killed.db"), N + 1);
    int before = 0, after = 0;
    for (int trial = 0; trial < 6; trial++) {
        copy_db("pristine.db", "killed.db");
        fflush(NULL);
        pid_t pid = fork();
        if (pid == 0) {
            store *cm = open_db("killed.db");
            sync_counts cc;
            char e2[256];
            if (cm)
                sync_merge(cm, &f, 1, now + 1, &cc, e2, sizeof e2);
            _exit(0);
        }
        usleep((useconds_t)(us * (trial + 1) / 5));
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        size_t n = count_notes("killed.db");
        CHECK(n == 1 || n == N + 1);
        before += n == 1;
        after += n == N + 1;
    }
    printf("killed imports: %d left as before, %d complete (a whole import: %ld ms)\n", before,
           after, us / 1000);
    sync_file_free(f);
}

/* A body sealed by someone who has the public key is hostile input: a
 * real one, mutated thousands of times, must never crash the reader, and
 * nothing it accepts may break the limits. */
TEST(hostile_bodies)
{
    store *k = open_db("hostile.db");
    char err[256];
    for (int i = 0; k && i < 5; i++) {
        note n = {0};
        n.question = text("相談");
        n.category = xstrdup(i % 2 ? "general" : "breach");
        n.company = text("会社");
        CHECK(notes_save(k, &n, now += 1, err, sizeof err));
        note_fini(&n);
    }
    sync_export x;
    CHECK(k && sync_export_make(k, office.pk, false, now += 1, &x, err, sizeof err));
    store_close(k);
    strbuf body;
    strbuf_init(&body);
    CHECK_INT(seal_read(&office, x.file.s, x.file.len, &body), SEAL_OK);
    sync_export_fini(&x);
    sync_file *f = NULL;
    CHECK(sync_parse(body.s, body.len, &f, err, sizeof err));
    CHECK(f && f->n == 5);
    sync_file_free(f);
    int accepted = 0, refused = 0;
    strbuf m;
    strbuf_init(&m);
    for (int round = 0; round < 3000; round++) {
        strbuf_clear(&m);
        strbuf_add(&m, body.s, body.len);
        int ops = 1 + (int)rnd(4);
        for (int k2 = 0; k2 < ops && m.len; k2++) {
            size_t pos = rnd((unsigned)m.len);
            switch (rnd(4)) {
            case 0: m.s[pos] ^= (char)(1u << rnd(8)); break;
            case 1: m.len = pos; break; /* cut */
            case 2: m.s[pos] = (char)0xff; break;
            default: /* a length field made huge */
                if (pos + 4 <= m.len)
                    memcpy(m.s + pos, "\x7f\xff\xff\xf0", 4);
            }
        }
        if (sync_parse(m.s, m.len, &f, err, sizeof err)) {
            accepted++;
            CHECK(f->n <= SYNC_MAX_REVS);
            sync_file_free(f);
        } else {
            refused++;
            CHECK(f == NULL && err[0]);
        }
    }
    printf("mutated bodies: %d refused, %d accepted (a changed letter in a field)\n", refused,
           accepted);
    CHECK(refused > 2000);
    strbuf_fini(&m);
    strbuf_fini(&body);
}

/* Retention by age: only notes exported before the cut-off go, and a note
 * edited after its export stays until it is exported again. */
TEST(purge_by_age)
{
    store *k = open_db("age.db");
    char err[256];
    note a = {0}, b = {0};
    a.question = xstrdup("古い");
    a.category = xstrdup("general");
    b.question = xstrdup("編集した");
    b.category = xstrdup("general");
    CHECK(k && notes_save(k, &a, now += 1, err, sizeof err) &&
          notes_save(k, &b, now += 1, err, sizeof err));
    sync_export x;
    CHECK(k && sync_export_make(k, office.pk, false, now += 1, &x, err, sizeof err));
    long long exported_at = now += 1;
    CHECK(k && sync_export_done(k, &x, "mem", exported_at, err, sizeof err));
    sync_export_fini(&x);
    CHECK(k && edit(k, b.id));
    size_t n = 99;
    CHECK(k && sync_purge_exported(k, exported_at, &n, err, sizeof err));
    CHECK_INT(n, 0); /* exported at the cut-off itself: not before it */
    CHECK(k && sync_purge_exported(k, exported_at + 1, &n, err, sizeof err));
    CHECK_INT(n, 1);
    note got;
    CHECK_INT(k ? notes_get(k, a.id, &got, err, sizeof err) : -1, 0);
    CHECK_INT(k ? notes_get(k, b.id, &got, err, sizeof err) : -1, 1);
    note_fini(&got);
    note_fini(&a);
    note_fini(&b);
    store_close(k);
}

int main(void)
{
    rng = test_seed("merge", 11) | 1; /* xorshift must not start from zero */
    if (!mkdtemp(dir) || !seal_office_generate(&office))
        return 1;
    RUN(three_kiosks_two_masters);
    RUN(killed_in_the_middle);
    RUN(hostile_bodies);
    RUN(purge_by_age);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    seal_office_fini(&office);
    return test_summary();
}
