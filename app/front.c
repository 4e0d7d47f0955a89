/*
 * front.c - the command `madoguchi`: a small front for the whole program.
 *
 * A search with an index already built (the common case at the desk:
 * `madoguchi search 鍵 --guidebook BOOK`) is answered here, in a process
 * that loads only SQLite, ICU, libsodium and inih; the whole program
 * links SDL2, its TTF and image libraries, libharu, FreeType, fontconfig
 * and more (some 80 shared libraries), whose loading and relocation cost
 * several times the search itself.  Everything else - every other
 * command, any option this file does not know, a search whose index is
 * not there yet - is the whole program's, which this process becomes
 * (execv, the same process id, argv as given).  A handout goes to
 * madoguchi-cli, the whole program without the screen (programs.h).  Both
 * find an index by the same key (clisearch.h).
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clisearch.h"
#include "programs.h"
#include "core/content.h"
#include "core/msg.h"
#include "core/util.h"

/* `search WORDS...` with only --content, --guidebook and --lang, answered
 * from a known index: its exit status.  -1 for anything else (the whole
 * program then parses, complains or searches as it always does). */
static int warm_search(int argc, char **argv, const char *prog)
{
    const char *cdir = NULL, *guidebook = NULL, *words[64];
    msg_lang lang = LANG_JA;
    int nw = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !a[1]) {
            if (nw == (int)MG_ARRAY_LEN(words))
                return -1;
            words[nw++] = a;
            continue;
        }
        if (strncmp(a, "--", 2) != 0 || !a[2])
            return -1; /* -o, -h, "--": not a search's */
        const char *name = a + 2, *eq = strchr(name, '='), *v;
        size_t len = eq ? (size_t)(eq - name) : strlen(name);
        if (eq)
            v = eq + 1;
        else if (i + 1 < argc)
            v = argv[++i];
        else
            return -1;
        if (len == 7 && !strncmp(name, "content", len))
            cdir = v;
        else if (len == 9 && !strncmp(name, "guidebook", len))
            guidebook = v;
        else if (len == 4 && !strncmp(name, "lang", len) && msg_lang_parse(v) >= 0)
            lang = (msg_lang)msg_lang_parse(v);
        else
            return -1;
    }
    if (nw < 2 || strcmp(words[0], "search") != 0)
        return -1;
    char *dir = content_find_dir(cdir);
    if (!dir)
        return -1;
    strbuf q; /* every word one term, as the whole program joins them */
    strbuf_init(&q);
    for (int i = 1; i < nw; i++) {
        if (i > 1)
            strbuf_addc(&q, ' ');
        strbuf_adds(&q, words[i]);
    }
    char *cache = search_cache_dir();
    char *key = cli_search_key(prog, dir, guidebook, lang);
    int rc = cache ? cli_search_known(cache, key, dir, lang, q.s) : -1;
    free(key);
    free(cache);
    free(dir);
    strbuf_fini(&q);
    return rc;
}

int main(int argc, char **argv)
{
    char prog[PATH_MAX + 32];
    program_path("madoguchi-app", prog, sizeof prog);
    int rc = warm_search(argc, argv, prog);
    if (rc >= 0)
        return rc;
    /* A handout needs no screen: the program without SDL's libraries
     * (which, for a word "handout" that is not the command, does what the
     * whole program would, or hands it on). */
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "handout") == 0)
            return program_become("madoguchi-cli", argv);
    return program_become("madoguchi-app", argv);
}
