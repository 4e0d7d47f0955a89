/*
 * path.h - joining and splitting file names, textually.
 *
 * Depends on: mem, strbuf.
 */
#ifndef MG_PATH_H
#define MG_PATH_H

/* Join dir and a relative path ("a/b" + "../c" stays textual); an absolute
 * rel or an empty dir gives rel.  Heap result. */
char *path_join(const char *dir, const char *rel);
/* The directory part of path ("." if none); heap result. */
char *path_dirname(const char *path);

#endif
