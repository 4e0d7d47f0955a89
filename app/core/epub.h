/*
 * epub.h - EPUB 3 books: the zip container (libzip), container.xml, the
 * package document (metadata, manifest, spine), the navigation document
 * (nested TOC) and every XHTML content document (libxml2) into the same
 * document model as Markdown.
 *
 * Nothing outside the book is ever read: every path is resolved inside the
 * zip and one that climbs out of it (../../etc/passwd) is refused.  A
 * content document that is not well-formed XML is read again with
 * libxml2's recovering HTML parser, and reported.
 *
 * Depends on: libzip, libxml2, doc, guide, diag.
 */
#ifndef MG_EPUB_H
#define MG_EPUB_H

#include <stddef.h>

#include "diag.h"

typedef struct epub epub;
struct guide;

/* Open a book; NULL (with a message in d) when it is not a readable zip. */
epub *epub_open(const char *path, diag_list *d);
void epub_close(epub *e);
/* The bytes of a file inside the book (heap, caller frees), or NULL.
 * inner is a normalised path from the book's root. */
void *epub_read(epub *e, const char *inner, size_t *len);
/* The uncompressed size of a file inside the book, or -1 when there is
 * none (read nothing: a 1 GB entry is found out by its size alone). */
long long epub_entry_size(epub *e, const char *inner);
/* Fill g with the book's chapters (spine documents) and its TOC. */
bool epub_load(epub *e, struct guide *g, diag_list *d);

/*
 * Resolve href against the folder of base (both inside the book); the
 * result is normalised ("a/./b/../c" -> "a/c").  Returns NULL when it
 * would leave the book or is an absolute URL.  Heap result.
 */
char *epub_resolve(const char *base, const char *href);

#endif
