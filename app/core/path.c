/*
 * path.c - file name joining and splitting (see path.h).
 */
#include "path.h"

#include "mem.h"
#include "strbuf.h"

#include <string.h>

char *path_join(const char *dir, const char *rel)
{
    if (!dir || !*dir || rel[0] == '/')
        return xstrdup(rel);
    strbuf b;
    strbuf_init(&b);
    strbuf_adds(&b, dir);
    if (b.s[b.len - 1] != '/')
        strbuf_addc(&b, '/');
    strbuf_adds(&b, rel);
    return strbuf_take(&b);
}

char *path_dirname(const char *path)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        return xstrdup(".");
    if (slash == path)
        return xstrdup("/");
    return xstrndup(path, (size_t)(slash - path));
}
