/*
 * Carrying notes to the office, end to end through the real binary: the
 * office key (init, a copy for a second PC, the printed key), enrolling a
 * kiosk, and what each mistake says.
 */
#include <stdarg.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/util.h"
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
    strbuf_printf(&full, "cd %s && export MADOGUCHI_PASSPHRASE='office passphrase 1' && { %s; } 2>&1", dir,
                  cmd);
    FILE *p = popen(full.s, "r");
    strbuf b;
    strbuf_init(&b);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0)
        strbuf_add(&b, buf, n);
    int st = pclose(p);
    strbuf_fini(&full);
    *out = strbuf_take(&b);
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128;
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

int main(void)
{
    bin = getenv("MG_BINARY");
    if (!bin || !mkdtemp(dir)) {
        fprintf(stderr, "MG_BINARY not set or no temporary folder\n");
        return 1;
    }
    RUN(office_keys_and_enrolment);
    char *out;
    run(&out, "rm -rf %s", dir);
    free(out);
    return test_summary();
}
