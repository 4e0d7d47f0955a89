/*
 * setup.c - `madoguchi setup`: staff set a kiosk up in a terminal in a
 * few minutes.  One question at a time on standard input (Enter keeps what
 * is there), then the settings file is written and the content checked:
 *
 *   1. the staff PIN (6 to 12 digits, twice), kept as a hash in the database
 *   2. the office public key: pointed to `madoguchi kiosk enrol` (not asked yet)
 *   3. the guidebook EPUB, tried before it is kept
 *   4. the printer (CUPS), with a test page: the referral list
 *   5. the display, from those SDL sees
 *   6. the content checked, and what is ready said
 *
 * Answers go to the settings file ([desk] guidebook, [kiosk] display,
 * [print] printer); an existing file is kept as FILE.bak first.
 */
#include "setup.h"

#include <SDL.h>
#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "core/content.h"
#include "core/font.h"
#include "core/msg.h"
#include "core/pin.h"
#include "core/settings.h"
#include "core/store.h"
#include "core/util.h"
#include "paper/handout.h"

/* One answer line (without its newline) into buf; false at the end of input. */
static bool ask(msg_lang lang, msg_id q, const char *arg, char *buf, size_t n)
{
    printf(msg_get(lang, q), arg ? arg : "");
    fflush(stdout);
    if (!fgets(buf, (int)n, stdin)) {
        buf[0] = '\0';
        putchar('\n');
        return false;
    }
    buf[strcspn(buf, "\r\n")] = '\0';
    return true;
}

static void say(msg_lang lang, msg_id id, const char *arg)
{
    printf("  ");
    printf(msg_get(lang, id), arg ? arg : "");
    putchar('\n');
}

/* 1: the PIN.  Returns true when one is set at the end. */
static bool step_pin(const setup_opts *o, store *db)
{
    char err[512], a[64], b[64];
    int set = pin_is_set(db, err, sizeof err);
    if (set < 0) {
        say(o->lang, MSG_SETUP_FAILED, err);
        return false;
    }
    for (int tries = 0; tries < 3; tries++) {
        if (!ask(o->lang, set ? MSG_SETUP_PIN_KEEP : MSG_SETUP_PIN, NULL, a, sizeof a) || !a[0])
            break;
        if (!pin_valid(a)) {
            say(o->lang, MSG_PIN_INVALID, NULL);
            continue;
        }
        ask(o->lang, MSG_SETUP_PIN_AGAIN, NULL, b, sizeof b);
        if (strcmp(a, b) != 0) {
            say(o->lang, MSG_PIN_MISMATCH, NULL);
            continue;
        }
        if (store_locked(db)) { /* a new PIN rewraps the notes' key: the one set opens it */
            char cur[64];
            bool opened = ask(o->lang, MSG_SETUP_PIN_CURRENT, NULL, cur, sizeof cur) &&
                          store_unlock(db, cur, err, sizeof err);
            sodium_memzero(cur, sizeof cur);
            if (!opened) {
                say(o->lang, MSG_SETUP_FAILED, err);
                break;
            }
        }
        if (pin_set(db, a, err, sizeof err)) {
            say(o->lang, MSG_PIN_SET, NULL);
            set = 1;
        } else
            say(o->lang, MSG_SETUP_FAILED, err);
        break;
    }
    sodium_memzero(a, sizeof a);
    sodium_memzero(b, sizeof b);
    if (!set)
        say(o->lang, MSG_LOG_NO_PIN, NULL);
    return set == 1;
}

/* 3: the guidebook.  *book: the kept answer (heap) or NULL for none. */
static void step_guidebook(const setup_opts *o, const settings *cur, char **book)
{
    char line[4096];
    *book = cur->guidebook ? xstrdup(cur->guidebook) : NULL;
    ask(o->lang, MSG_SETUP_BOOK, cur->guidebook ? cur->guidebook : "-", line, sizeof line);
    if (!line[0])
        return;
    content *c = content_open(o->content_dir, line, o->lang, 0);
    bool ok = c->guide.epub != NULL && c->guide.n > 0;
    content_close(c);
    if (!ok) { /* not kept: the kiosk would show the bundled book instead */
        say(o->lang, MSG_SETUP_BOOK_BAD, line);
        return;
    }
    free(*book);
    *book = xstrdup(line);
    say(o->lang, MSG_SETUP_BOOK_OK, line);
}

/* The CUPS default printer into out ("" when none). */
static void default_printer(char *out, size_t n)
{
    out[0] = '\0';
    FILE *p = popen("lpstat -d 2>/dev/null", "r");
    char line[256];
    if (!p)
        return;
    if (fgets(line, sizeof line, p)) {
        const char *d = strstr(line, "destination: ");
        if (d) {
            snprintf(out, n, "%s", d + 13);
            out[strcspn(out, "\r\n")] = '\0';
        }
    }
    pclose(p);
}

/* 4: the printer, and a test page on it (the referral list). */
static void step_printer(const setup_opts *o, const settings *cur, char **printer)
{
    char def[128], line[256];
    default_printer(def, sizeof def);
    const char *now = cur->printer ? cur->printer : def[0] ? def : "-";
    *printer = cur->printer ? xstrdup(cur->printer) : NULL;
    ask(o->lang, MSG_SETUP_PRINTER, now, line, sizeof line);
    if (line[0]) {
        free(*printer);
        *printer = strcmp(line, "-") == 0 ? NULL : xstrdup(line);
    }
    const char *use = *printer ? *printer : def;
    if (!use[0]) {
        say(o->lang, MSG_SETUP_NO_PRINTER, NULL);
        return;
    }
    ask(o->lang, MSG_SETUP_TEST_PAGE, use, line, sizeof line);
    if (line[0] != 'y' && line[0] != 'Y')
        return;
    char font[4096], err[1024];
    char pdf[] = "/tmp/madoguchi-testXXXXXX";
    int fd = mkstemp(pdf);
    if (fd >= 0)
        close(fd);
    content *c = content_open(o->content_dir, NULL, o->lang, 0);
    handout_ctx h = {.font = font, .lang = o->lang, .book = &c->guide, .portal = c->desk.portal,
                     .desk_phone = c->desk.phone, .desk_hours = c->desk.hours,
                     .now_ms = clock_wall(NULL)};
    bool ok = fd >= 0 && font_find(NULL, font, sizeof font, err, sizeof err, o->lang) &&
              handout_referrals(&h, &c->refs, pdf, err, sizeof err);
    content_close(c);
    if (ok) {
        char cmd[8192];
        snprintf(cmd, sizeof cmd, "lp -d '%s' -t madoguchi-test '%s' 2>&1", use, pdf);
        ok = strchr(use, '\'') == NULL && system(cmd) == 0;
        snprintf(err, sizeof err, "lp -d %s", use);
    }
    say(o->lang, ok ? MSG_SETUP_TEST_SENT : MSG_SETUP_FAILED, ok ? use : err);
    remove(pdf);
}

/* 5: the display.  Returns the index chosen (-1: left as it is). */
static int step_display(const setup_opts *o, const settings *cur)
{
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        say(o->lang, MSG_SETUP_NO_DISPLAY, SDL_GetError());
        return cur->display;
    }
    int n = SDL_GetNumVideoDisplays();
    for (int i = 0; i < n; i++) {
        SDL_Rect b = {0};
        SDL_GetDisplayBounds(i, &b);
        const char *name = SDL_GetDisplayName(i);
        printf("  %d: %s %dx%d\n", i, name ? name : "?", b.w, b.h);
    }
    SDL_Quit();
    char line[32], now[16];
    snprintf(now, sizeof now, "%d", cur->display >= 0 ? cur->display : 0);
    ask(o->lang, MSG_SETUP_DISPLAY, now, line, sizeof line);
    char *end;
    long v = strtol(line, &end, 10);
    if (!line[0] || *end || v < 0 || v >= n)
        return cur->display;
    return (int)v;
}

/* mkdir -p of path's folder. */
static void make_parent(const char *path)
{
    char *dir = xstrdup(path);
    for (char *p = dir + 1; *p; p++)
        if (*p == '/') {
            *p = '\0';
            mkdir(dir, 0700);
            *p = '/';
        }
    free(dir);
}

static bool write_settings(const char *path, const char *book, int display, const char *printer,
                           const settings *cur)
{
    make_parent(path);
    char *bak = NULL;
    if (access(path, F_OK) == 0) {
        bak = xmalloc(strlen(path) + 5);
        sprintf(bak, "%s.bak", path);
        rename(path, bak);
    }
    free(bak);
    FILE *f = fopen(path, "w");
    if (!f)
        return false;
    fprintf(f, "; written by madoguchi setup; see the README for every setting\n[desk]\n");
    if (book)
        fprintf(f, "guidebook = %s\n", book);
    if (cur->portal)
        fprintf(f, "portal = %s\n", cur->portal);
    fprintf(f, "[kiosk]\nidle = %u\nattract = %u\nattract_cycle = %u\n", cur->idle_s,
            cur->attract_s, cur->attract_cycle_s);
    if (cur->attract_decks)
        fprintf(f, "attract_decks = %s\n", cur->attract_decks);
    if (display >= 0)
        fprintf(f, "display = %d\n", display);
    if (cur->kiosk_id)
        fprintf(f, "kiosk_id = %s\n", cur->kiosk_id);
    fprintf(f, "[print]\n");
    if (printer)
        fprintf(f, "printer = %s\n", printer);
    fprintf(f, "copies = %d\n", cur->copies);
    return fclose(f) == 0;
}

int setup_run(const setup_opts *o)
{
    char err[512];
    char *dbpath = o->db ? xstrdup(o->db) : store_default_path();
    store *db = store_open_lang(dbpath, o->lang, err, sizeof err);
    free(dbpath);
    if (!db) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    settings cur;
    diag_list d;
    diag_init(&d, o->lang);
    settings_load(&cur, o->content_dir, o->config, &d);
    diag_print(&d, stdout);
    diag_fini(&d);
    char *path = o->config ? xstrdup(o->config) : settings_default_path();

    printf("1. ");
    bool pin = step_pin(o, db);
    store_close(db);
    printf("2. ");
    say(o->lang, MSG_SETUP_KEY_SKIP, NULL);
    printf("3. ");
    char *book, *printer;
    step_guidebook(o, &cur, &book);
    printf("4. ");
    step_printer(o, &cur, &printer);
    printf("5. ");
    int display = step_display(o, &cur);
    bool wrote = write_settings(path, book, display, printer, &cur);
    say(o->lang, wrote ? MSG_SETUP_WROTE : MSG_SETUP_FAILED, wrote ? path : strerror(errno));

    printf("6. ");
    content *c = content_open(o->content_dir, book, o->lang, CONTENT_CHECK);
    int errors = (int)diag_count(&c->diags, false);
    diag_print(&c->diags, stdout);
    printf(msg_get(o->lang, errors ? MSG_CHECK_FAIL : MSG_CHECK_OK), c->dir,
           errors ? errors : c->files, (int)diag_count(&c->diags, true));
    putchar('\n');
    printf(msg_get(o->lang, MSG_SETUP_READY), pin ? "OK" : "-", (int)c->ndecks, (int)c->guide.n,
           printer ? printer : "-", display >= 0 ? display : 0);
    putchar('\n');
    content_close(c);
    free(book);
    free(printer);
    free(path);
    settings_fini(&cur);
    return pin && wrote && !errors ? 0 : 1;
}
