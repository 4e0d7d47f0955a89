/*
 * smalldisk.h - a real small, full or read-only disk for a test, without
 * root: a private mount of a tiny tmpfs in a user namespace of this process.
 *
 * Call small_disk() in a forked child (a new user namespace needs a
 * single-threaded process); the mount is gone when the child exits.  The
 * kernel then says ENOSPC and EROFS exactly as a full SD card or a write-
 * protected USB stick would.
 */
#ifndef MG_SMALLDISK_H
#define MG_SMALLDISK_H

#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test.h"

/* What a child returns when the kernel gives it no user namespace. */
#define SMALL_DISK_UNAVAILABLE 100

static inline bool smalldisk_write(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY);
    if (fd < 0)
        return false;
    bool ok = write(fd, text, strlen(text)) == (ssize_t)strlen(text);
    close(fd);
    return ok;
}

/* Enter a user and mount namespace of our own: mounts made after this are
 * seen by this process and its children only.  False, with the reason on
 * stderr, where the kernel allows no user namespaces. */
static inline bool small_disk_ns(void)
{
    uid_t uid = getuid();
    gid_t gid = getgid();
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
        fprintf(stderr, "small_disk: unshare: %s\n", strerror(errno));
        return false;
    }
    char map[64];
    smalldisk_write("/proc/self/setgroups", "deny");
    snprintf(map, sizeof map, "%d %d 1", (int)uid, (int)uid);
    smalldisk_write("/proc/self/uid_map", map);
    snprintf(map, sizeof map, "%d %d 1", (int)gid, (int)gid);
    smalldisk_write("/proc/self/gid_map", map);
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0) {
        fprintf(stderr, "small_disk: private mounts: %s\n", strerror(errno));
        return false;
    }
    return true;
}

/* Mount a tmpfs of size (e.g. "256k") on dir, in the namespace above. */
static inline bool small_disk_mount(const char *dir, const char *size)
{
    char opts[64];
    snprintf(opts, sizeof opts, "size=%s,mode=0755", size);
    if (mount("madoguchi-test", dir, "tmpfs", 0, opts) != 0) {
        fprintf(stderr, "small_disk: mount %s: %s\n", dir, strerror(errno));
        return false;
    }
    return true;
}

/* Both: a disk of size on dir that only this process and its children see. */
static inline bool small_disk(const char *dir, const char *size)
{
    return small_disk_ns() && small_disk_mount(dir, size);
}

/* Make dir's disk read-only, as a write-protected stick is. */
static inline bool small_disk_readonly(const char *dir)
{
    if (mount(NULL, dir, NULL, MS_REMOUNT | MS_RDONLY, NULL) != 0) {
        fprintf(stderr, "small_disk_readonly: %s: %s\n", dir, strerror(errno));
        return false;
    }
    return true;
}

/* Fill dir's disk to the last byte with a file named filler. */
static inline void small_disk_fill(const char *dir)
{
    char path[512];
    snprintf(path, sizeof path, "%s/filler", dir);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    static char block[4096];
    for (size_t n = sizeof block; fd >= 0 && n > 0;) {
        ssize_t w = write(fd, block, n);
        if (w <= 0)
            n /= 2; /* the last pages: smaller writes until nothing fits */
    }
    if (fd >= 0)
        close(fd);
}

/*
 * Run child(arg) in a forked process (where small_disk may be used) with a
 * fresh temporary folder made from tmpl, and return how many of the
 * child's own checks failed (its exit status, at most 99).  A child that
 * returns SMALL_DISK_UNAVAILABLE found no user namespaces: said on stderr
 * under name and counted as nothing failed, except under MG_NO_SKIP=1
 * (CI), where a test that could not run is a failure.
 */
static inline int small_disk_run(int (*child)(const char *), const char *tmpl, const char *name)
{
    char dir[64];
    snprintf(dir, sizeof dir, "%s", tmpl);
    if (!mkdtemp(dir))
        return 1;
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        test_child_start();
        int r = child(dir);
        _exit(r == SMALL_DISK_UNAVAILABLE ? r : test_child_status(r));
    }
    int st = 0;
    waitpid(pid, &st, 0);
    rmdir(dir);
    if (!WIFEXITED(st))
        return 1;
    if (WEXITSTATUS(st) == SMALL_DISK_UNAVAILABLE) {
        fprintf(stderr, "%s: no user namespaces here, not run%s\n", name,
                test_no_skip() ? " (a failure under MG_NO_SKIP=1)" : "");
        return test_no_skip() ? 1 : 0;
    }
    return WEXITSTATUS(st);
}

#endif
