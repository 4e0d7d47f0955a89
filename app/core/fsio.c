/*
 * fsio.c - whole-file reads, atomic writes, folder listings (see fsio.h).
 */
#include "fsio.h"

#include "mem.h"
#include "strbuf.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    strbuf b;
    strbuf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        strbuf_add(&b, tmp, n);
    int err = ferror(f);
    fclose(f);
    if (err) {
        strbuf_fini(&b);
        errno = EIO;
        return NULL;
    }
    if (len)
        *len = b.len;
    return strbuf_take(&b);
}

int fsio_commit(const char *tmp, const char *path)
{
    /* On the disk before it has the name: a power cut leaves the old file
     * or the whole new one, never a short one. */
    int fd = open(tmp, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    int e = fsync(fd) != 0 ? errno : 0;
    if (close(fd) != 0 && !e)
        e = errno;
    if (!e && rename(tmp, path) != 0)
        e = errno;
    if (e)
        return e;
    char *dir = xstrdup(path), *slash = strrchr(dir, '/');
    if (slash)
        *(slash == dir ? slash + 1 : slash) = '\0';
    int dfd = open(slash ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd); /* the new name itself */
        close(dfd);
    }
    free(dir);
    return 0;
}

bool write_file_atomic(const char *path, const void *data, size_t len, char *err,
                       size_t errsize)
{
    strbuf tmp;
    strbuf_init(&tmp);
    strbuf_printf(&tmp, "%s.tmp", path);
    int fd = open(tmp.s, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    int e = fd < 0 ? errno : 0;
    for (size_t done = 0; !e && done < len;) {
        ssize_t w = write(fd, (const char *)data + done, len - done);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            e = w < 0 ? errno : ENOSPC;
        else
            done += (size_t)w;
    }
    if (fd >= 0 && close(fd) != 0 && !e)
        e = errno;
    if (!e)
        e = fsio_commit(tmp.s, path);
    if (e) {
        unlink(tmp.s);
        snprintf(err, errsize, "%s: %s", path, strerror(e));
    }
    strbuf_fini(&tmp);
    errno = e; /* for a caller that names the trouble in its own words */
    return !e;
}


static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

char **dir_list(const char *dir, const char *suffix, size_t *count)
{
    *count = 0;
    DIR *dh = opendir(dir);
    if (!dh)
        return NULL;
    char **names = NULL;
    size_t n = 0, cap = 0, sl = strlen(suffix);
    struct dirent *de;
    while ((de = readdir(dh))) {
        size_t l = strlen(de->d_name);
        if (de->d_name[0] == '.' || l <= sl || strcmp(de->d_name + l - sl, suffix) != 0)
            continue;
        vec_reserve((void **)&names, &cap, n + 1, sizeof(char *));
        names[n++] = xstrdup(de->d_name);
    }
    closedir(dh);
    if (n)
        qsort(names, n, sizeof(char *), cmp_str);
    else
        names = xcalloc(1, sizeof(char *));
    *count = n;
    return names;
}
