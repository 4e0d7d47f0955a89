/*
 * clisearch.c - the warm `madoguchi search` both programs share (see
 * clisearch.h).
 */
#include "clisearch.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/desk.h"
#include "core/diag.h"
#include "core/util.h"

/* path's identity (size, times, inode) into k, under label (the path
 * when NULL); a missing file says so. */
static void key_stat(strbuf *k, const char *label, const char *path)
{
    struct stat st;
    if (stat(path, &st) == 0)
        strbuf_printf(k, "%s %lld %lld.%09ld %lld.%09ld %llu\n", label ? label : path,
                      (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec,
                      (long long)st.st_ctim.tv_sec, st.st_ctim.tv_nsec,
                      (unsigned long long)st.st_ino);
    else
        strbuf_printf(k, "%s -\n", label ? label : path);
}

char *cli_search_key(const char *prog, const char *dir, const char *guidebook, msg_lang lang)
{
    strbuf k;
    strbuf_init(&k);
    key_stat(&k, "program", prog);
    strbuf_printf(&k, "content %s\nlang %d\n", dir, (int)lang); /* the notes are in it */
    static const char *const files[] = {"assets/synonyms.ini", "assets/faq.ini", /* in the index */
                                        "assets/desk.ini"};
    for (size_t i = 0; i < MG_ARRAY_LEN(files); i++) {
        char *p = path_join(dir, files[i]);
        key_stat(&k, NULL, p);
        free(p);
    }
    if (guidebook) {
        strbuf_adds(&k, "named\n");
        key_stat(&k, NULL, guidebook);
    } else {
        desk d;
        diag_list dl;
        diag_init(&dl, lang);
        desk_load(&d, dir, &dl);
        if (d.guidebook)
            key_stat(&k, NULL, d.guidebook);
        desk_fini(&d);
        diag_fini(&dl);
        char *gdir = path_join(dir, "assets/guidebook");
        size_t n;
        char **names = dir_list(gdir, ".md", &n);
        for (size_t i = 0; names && i < n; i++) {
            char *p = path_join(gdir, names[i]);
            key_stat(&k, NULL, p);
            free(p);
        }
        strv_free(names, n);
        free(gdir);
    }
    return strbuf_take(&k);
}

void cli_print_hits(msg_lang lang, const char *const *titles, size_t ntitles,
                    const search_hit *hits, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int c = hits[i].chapter;
        printf("%s\t%s\t",
               hits[i].faq >= 0                ? msg_get(lang, MSG_KIND_FAQ)
               : c >= 0 && (size_t)c < ntitles ? titles[c]
                                               : "",
               hits[i].heading);
        for (const char *p = hits[i].snippet; *p;) {
            size_t run = strcspn(p, "\x01\x02\t\n"); /* as it is up to a mark */
            fwrite(p, 1, run, stdout);
            p += run;
            if (*p == '\x01')
                fputs("\xE3\x80\x90", stdout); /* 【 */
            else if (*p == '\x02')
                fputs("\xE3\x80\x91", stdout); /* 】 */
            else if (*p)
                putchar(' ');
            if (*p)
                p++;
        }
        putchar('\n');
    }
}

int cli_search_known(const char *cache, const char *key, const char *dir, msg_lang lang,
                     const char *query)
{
    char *syn = path_join(dir, "assets/synonyms.ini");
    char **titles = NULL, *notes = NULL;
    size_t ntitles = 0;
    search *s = search_open_known(cache, key, syn, &titles, &ntitles, &notes);
    free(syn);
    int rc = -1;
    if (s) {
        fputs(notes, stderr); /* what reading the book said, said again */
        search_hit *hits;
        size_t n = search_run(s, query, &hits, 200);
        cli_print_hits(lang, (const char *const *)titles, ntitles, hits, n);
        search_hits_free(hits, n);
        rc = n ? 0 : 1;
    }
    search_close(s);
    free(notes);
    for (size_t i = 0; i < ntitles; i++)
        free(titles[i]);
    free(titles);
    return rc;
}
