/*
 * system.c - removable drives and printers (see system.h).
 */
#include "system.h"

#include <dirent.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

/* True when path is a folder on another device than its parent: a drive
 * mounted there. */
static bool mounted_on(const char *path, const char *parent)
{
    struct stat a, b;
    return stat(path, &a) == 0 && S_ISDIR(a.st_mode) && stat(parent, &b) == 0 &&
           a.st_dev != b.st_dev;
}

int sys_drives(char out[][SYS_PATH], int max)
{
    static const char *const roots[] = {"/media", "/run/media"};
    int n = 0;
    for (size_t r = 0; r < sizeof roots / sizeof *roots; r++) {
        DIR *d = opendir(roots[r]);
        struct dirent *e;
        while (d && (e = readdir(d)) && n < max) {
            if (e->d_name[0] == '.')
                continue;
            char p[300];
            snprintf(p, sizeof p, "%.20s/%.250s", roots[r], e->d_name);
            /* A user's folder holds the drives; a drive holds files. */
            DIR *sub = opendir(p);
            struct dirent *f;
            bool user_dir = false;
            while (sub && (f = readdir(sub)) && n < max) {
                if (f->d_name[0] == '.')
                    continue;
                char q[600];
                snprintf(q, sizeof q, "%s/%.250s", p, f->d_name);
                if (mounted_on(q, p)) {
                    snprintf(out[n++], SYS_PATH, "%.255s", q);
                    user_dir = true;
                }
            }
            if (sub)
                closedir(sub);
            if (!user_dir && n < max && mounted_on(p, roots[r]))
                snprintf(out[n++], SYS_PATH, "%.255s", p);
        }
        if (d)
            closedir(d);
    }
    return n;
}

/* Run a program (no shell), its output and errors into out; its exit
 * status, or -1 when it could not be run. */
static int run(char *const argv[], char *out, size_t n)
{
    int fd[2];
    if (pipe(fd) != 0)
        return -1;
    pid_t pid = fork();
    if (pid < 0) {
        close(fd[0]);
        close(fd[1]);
        return -1;
    }
    if (pid == 0) {
        dup2(fd[1], 1);
        dup2(fd[1], 2);
        close(fd[0]);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(fd[1]);
    size_t got = 0;
    ssize_t r;
    while (got + 1 < n && (r = read(fd[0], out + got, n - 1 - got)) > 0)
        got += (size_t)r;
    out[got] = '\0';
    close(fd[0]);
    int st;
    waitpid(pid, &st, 0);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

bool sys_default_printer(char *name, size_t size)
{
    char out[512];
    char *lpstat[] = {"lpstat", "-d", NULL};
    int rc = run(lpstat, out, sizeof out);
    const char *dest = strstr(out, "destination: ");
    if (rc != 0 || !dest) /* no CUPS, or no default printer */
        return false;
    snprintf(name, size, "%s", dest + 13);
    name[strcspn(name, "\r\n")] = '\0';
    return *name != '\0';
}

bool sys_print(const char *printer, int copies, const char *title, const char *file, char *msg,
               size_t size)
{
    char out[512], n[16];
    snprintf(n, sizeof n, "%d", copies);
    char *lp[] = {"lp", "-d", (char *)printer, "-n", n, "-t", (char *)title, (char *)file, NULL};
    int rc = run(lp, out, sizeof out);
    out[strcspn(out, "\n")] = '\0';
    snprintf(msg, size, "%s", rc == 0 ? "" : out);
    return rc == 0;
}
