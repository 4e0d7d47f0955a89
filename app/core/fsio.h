/*
 * fsio.h - reading whole files, writing them atomically, listing folders.
 *
 * Depends on: mem, strbuf, POSIX.
 */
#ifndef MG_FSIO_H
#define MG_FSIO_H

#include <stdbool.h>
#include <stddef.h>

/* Read a whole file into a NUL-terminated heap buffer.  Returns NULL and
 * sets errno on failure. *len receives the size (not counting the NUL). */
char *read_file(const char *path, size_t *len);
/* Write data to path through path.tmp, fsync and rename: the name holds the
 * old file or the whole new one, never part of one.  False with "path:
 * reason" in err and errno (a full or read-only disk), and no path.tmp left. */
bool write_file_atomic(const char *path, const void *data, size_t len, char *err,
                       size_t errsize);
/* The file tmp, written whole, made path: synced, renamed, and the folder
 * synced (the new name itself).  0, or the errno; tmp stays on failure. */
int fsio_commit(const char *tmp, const char *path);

/* The names of the files in dir ending in suffix (not hidden), sorted
 * bytewise.  Returns NULL (errno set) when dir cannot be read; else a
 * heap array of heap strings (*count entries): free with strv_free. */
char **dir_list(const char *dir, const char *suffix, size_t *count);

#endif
