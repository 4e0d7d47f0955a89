/*
 * run.h - what many tests do besides checking: run a command line and
 * read what it printed, make a scratch folder and remove it.  Header-only,
 * for tests linked with mgcore (strbuf, xstrdup).
 *
 *   char *out; int st = test_run("madoguchi check", &out); ... free(out);
 *   char *dir = test_tmpdir("mgthing"); ... test_rmdir(dir); free(dir);
 */
#ifndef MG_TEST_RUN_H
#define MG_TEST_RUN_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../app/core/mem.h"
#include "../app/core/strbuf.h"

/* Whether bin (MG_BINARY) is the front, madoguchi, and not a wrapper that
 * runs the whole program (scripts/cross-arm64.sh: qemu-user cannot follow
 * the front's execv), so what only the front does can be checked. */
static inline bool test_bin_is_front(const char *bin)
{
    const char *base = strrchr(bin, '/');
    return strcmp(base ? base + 1 : bin, "madoguchi") == 0;
}

/* Run cmd with /bin/sh, its standard output and error together into *out
 * (never NULL; the caller frees it).  Returns the exit status, or 128
 * when it did not exit (a signal) or could not start. */
static inline int test_run(const char *cmd, char **out)
{
    strbuf full;
    strbuf_init(&full);
    strbuf_printf(&full, "{ %s\n} 2>&1", cmd);
    FILE *p = popen(full.s, "r");
    strbuf_fini(&full);
    strbuf b;
    strbuf_init(&b);
    char buf[4096];
    size_t n;
    while (p && (n = fread(buf, 1, sizeof buf, p)) > 0)
        strbuf_add(&b, buf, n);
    int st = p ? pclose(p) : -1;
    *out = b.s ? strbuf_take(&b) : xstrdup("");
    return st != -1 && WIFEXITED(st) ? WEXITSTATUS(st) : 128;
}

/* test_run on a printf-formatted command line (at most 4 KB). */
static inline int test_runf(char **out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static inline int test_runf(char **out, const char *fmt, ...)
{
    char cmd[4096];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    return test_run(cmd, out);
}

/* A new empty folder /tmp/<prefix>XXXXXX; its path (the caller frees), or
 * NULL when it cannot be made. */
static inline char *test_tmpdir(const char *prefix)
{
    strbuf b;
    strbuf_init(&b);
    strbuf_printf(&b, "/tmp/%sXXXXXX", prefix);
    char *d = strbuf_take(&b);
    if (!mkdtemp(d)) {
        free(d);
        return NULL;
    }
    return d;
}

/* Remove dir and everything in it; true when it is gone. */
static inline bool test_rmdir(const char *dir)
{
    if (!dir)
        return true;
    char *out;
    strbuf c;
    strbuf_init(&c);
    strbuf_printf(&c, "rm -rf '%s'", dir);
    int st = test_run(c.s, &out);
    strbuf_fini(&c);
    free(out);
    return st == 0 && access(dir, F_OK) != 0;
}

#endif
