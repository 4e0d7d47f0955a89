/*
 * util.h - the small shared modules, for a file that uses most of them:
 * mem (checked allocation), arena, strbuf, utf8 (through ICU), fsio
 * (whole files, atomic writes, folder listings) and path.  Each has its
 * own header with its contracts; include those where only one is needed.
 */
#ifndef MG_UTIL_H
#define MG_UTIL_H

#include "arena.h"
#include "fsio.h"
#include "mem.h"
#include "path.h"
#include "strbuf.h"
#include "utf8.h"

#endif
