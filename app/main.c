/*
 * main.c - parse the command line, pick a mode, run it.  The only file
 * that exits.
 *
 *   madoguchi [--window] [--size WxH] [--display N]   kiosk (or a window)
 *   madoguchi screenshot VIEW ... -o FILE.png          one view, headless
 *   madoguchi check                                    validate the content
 *
 * Every command takes --content DIR, --font FILE and --lang ja|en.
 */
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/content.h"
#include "core/desk.h"
#include "core/deck.h"
#include "core/diag.h"
#include "core/font.h"
#include "core/guide.h"
#include "core/notes.h"
#include "core/pin.h"
#include "core/referrals.h"
#include "core/search.h"
#include "core/msg.h"
#include "core/util.h"
#include "paper/handout.h"
#include "screen/slides.h"
#include "screen/ui.h"

typedef struct opts {
    bool window;
    int w, h;
    int display;
    const char *content;
    const char *font;
    const char *guidebook;
    const char *out;
    bool print_text;
    unsigned duration_ms;
    int audience_display;
    /* notes add */
    const char *question, *category, *answer, *company, *channel, *db;
    const char *referral[16];
    int nreferral;
    bool faq, json;
    const char *layout;
    int pages; /* screenshot: page down this many times first */
    msg_lang lang;
    const char *args[8]; /* positional arguments */
    int nargs;
} opts;

static msg_lang early_lang(int argc, char **argv)
{
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--lang") == 0 && msg_lang_parse(argv[i + 1]) >= 0)
            return (msg_lang)msg_lang_parse(argv[i + 1]);
    return LANG_JA;
}

static void fail(msg_lang lang, msg_id id, const char *arg)
{
    fprintf(stderr, "madoguchi: ");
    fprintf(stderr, msg_get(lang, id), arg);
    fprintf(stderr, "\n");
}

static bool parse_size(const char *s, int *w, int *h)
{
    char x;
    return sscanf(s, "%d%c%d", w, &x, h) == 3 && (x == 'x' || x == 'X') && *w >= 160 &&
           *h >= 120 && *w <= 16384 && *h <= 16384;
}

/* "40m", "90s", "1h", "1h30m" or plain minutes. */
static bool parse_duration(const char *s, unsigned *ms)
{
    unsigned long total = 0;
    const char *p = s;
    if (!*p)
        return false;
    while (*p) {
        char *end;
        unsigned long v = strtoul(p, &end, 10);
        if (end == p)
            return false;
        char unit = *end ? *end : 'm';
        if (unit == 'h')
            total += v * 3600;
        else if (unit == 'm')
            total += v * 60;
        else if (unit == 's')
            total += v;
        else
            return false;
        p = *end ? end + 1 : end;
    }
    if (total == 0 || total > 24 * 3600)
        return false;
    *ms = (unsigned)(total * 1000);
    return true;
}

/* Returns 0 on success, 2 on a usage error (already reported). */
static int parse(int argc, char **argv, opts *o)
{
    memset(o, 0, sizeof *o);
    o->audience_display = -1;
    o->lang = early_lang(argc, argv);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        bool has_val = i + 1 < argc;
#define NEED_VAL()                                                                                 \
    do {                                                                                           \
        if (!has_val) {                                                                            \
            fail(o->lang, MSG_ERR_OPTION_ARG, a);                                                  \
            return 2;                                                                              \
        }                                                                                          \
    } while (0)
        if (strcmp(a, "--window") == 0)
            o->window = true;
        else if (strcmp(a, "--print-text") == 0)
            o->print_text = true;
        else if (strcmp(a, "--size") == 0) {
            NEED_VAL();
            if (!parse_size(argv[++i], &o->w, &o->h)) {
                fail(o->lang, MSG_ERR_SIZE, argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--duration") == 0) {
            NEED_VAL();
            if (!parse_duration(argv[++i], &o->duration_ms)) {
                fail(o->lang, MSG_ERR_DURATION, argv[i]);
                return 2;
            }
        } else if (strcmp(a, "--audience-display") == 0) {
            NEED_VAL();
            o->audience_display = atoi(argv[++i]);
        } else if (strcmp(a, "--page-down") == 0) {
            NEED_VAL();
            o->pages = atoi(argv[++i]);
        } else if (strcmp(a, "--display") == 0) {
            NEED_VAL();
            o->display = atoi(argv[++i]);
        } else if (strcmp(a, "--content") == 0) {
            NEED_VAL();
            o->content = argv[++i];
        } else if (strcmp(a, "--faq") == 0) {
            o->faq = true;
        } else if (strcmp(a, "--json") == 0) {
            o->json = true;
        } else if (strcmp(a, "--question") == 0 || strcmp(a, "--category") == 0 ||
                   strcmp(a, "--answer") == 0 || strcmp(a, "--company") == 0 ||
                   strcmp(a, "--channel") == 0 || strcmp(a, "--db") == 0) {
            NEED_VAL();
            const char **f = a[2] == 'q'   ? &o->question
                             : a[3] == 'a' ? &o->category
                             : a[2] == 'a' ? &o->answer
                             : a[4] == 'm' ? &o->company
                             : a[2] == 'c' ? &o->channel
                                           : &o->db;
            *f = argv[++i];
        } else if (strcmp(a, "--layout") == 0) {
            NEED_VAL();
            o->layout = argv[++i];
        } else if (strcmp(a, "--referral") == 0) {
            NEED_VAL();
            if (o->nreferral < (int)MG_ARRAY_LEN(o->referral))
                o->referral[o->nreferral++] = argv[++i];
            else
                ++i;
        } else if (strcmp(a, "--guidebook") == 0) {
            NEED_VAL();
            o->guidebook = argv[++i];
        } else if (strcmp(a, "--font") == 0) {
            NEED_VAL();
            o->font = argv[++i];
        } else if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0) {
            NEED_VAL();
            o->out = argv[++i];
        } else if (strcmp(a, "--lang") == 0) {
            NEED_VAL();
            if (msg_lang_parse(argv[++i]) < 0) {
                fail(o->lang, MSG_ERR_LANG, argv[i]);
                return 2;
            }
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(msg_get(o->lang, MSG_USAGE), stdout);
            exit(0);
        } else if (a[0] == '-' && a[1]) {
            fail(o->lang, MSG_ERR_OPTION, a);
            fputs(msg_get(o->lang, MSG_USAGE), stderr);
            return 2;
        } else if (o->nargs < (int)MG_ARRAY_LEN(o->args)) {
            o->args[o->nargs++] = a;
        }
#undef NEED_VAL
    }
    return 0;
}

static char *find_content(const opts *o)
{
    char *dir = content_find_dir(o->content);
    if (!dir)
        fail(o->lang, MSG_ERR_CONTENT_DIR, o->content ? o->content : "assets/");
    return dir;
}

static int cmd_check(const opts *o)
{
    char *dir = find_content(o);
    if (!dir)
        return 2;
    diag_list d;
    diag_init(&d, o->lang);
    int files = 0;
    content_check(dir, &d, &files);
    /* The EPUB staff want to use (--guidebook, or desk.ini), checked the same way. */
    char *epub = o->guidebook ? xstrdup(o->guidebook) : desk_guidebook(dir);
    if (epub) {
        guide g;
        files += (int)guide_load(&g, dir, epub, &d);
        guide_fini(&g);
        free(epub);
    }
    diag_print(&d, stdout);
    int errors = (int)diag_count(&d, false), warnings = (int)diag_count(&d, true);
    if (errors == 0) {
        printf(msg_get(o->lang, MSG_CHECK_OK), dir, files);
        if (warnings)
            printf(" (%d %s)", warnings, msg_get(o->lang, MSG_DIAG_WARNING));
        printf("\n");
    } else {
        printf(msg_get(o->lang, MSG_CHECK_FAIL), dir, errors, warnings);
        printf("\n");
    }
    diag_fini(&d);
    free(dir);
    return errors ? 1 : 0;
}

/* The font file and the content folder every screen needs.  Returns the
 * content folder (heap) or NULL after printing why. */
static char *prepare_screen(const opts *o, char *font, size_t size)
{
    char err[512];
    if (!font_find(o->font, font, size, err, sizeof err, o->lang)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return NULL;
    }
    return find_content(o);
}

/* Load the deck named on the command line and show slide N (from 1). */
static int open_deck_view(const opts *o, ui_app *app, const ui_view_ops *view)
{
    if (o->nargs < 3) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    diag_list d;
    diag_init(&d, o->lang);
    deck *k = deck_load(o->args[2], &d);
    diag_print(&d, stderr);
    diag_fini(&d);
    if (!k)
        return 2;
    long n = o->nargs > 3 ? strtol(o->args[3], NULL, 10) : 1;
    if (n < 1 || n > (long)k->n) {
        fprintf(stderr, "madoguchi: ");
        fprintf(stderr, msg_get(o->lang, MSG_ERR_SLIDE), (int)n, (int)k->n);
        fprintf(stderr, "\n");
        deck_free(k);
        return 2;
    }
    ui_push(app, view, ui_add_deck(app, k));
    /* Go there the way a presenter would: the number, then Enter. */
    char digits[24];
    snprintf(digits, sizeof digits, "%ld", n);
    for (char *c = digits; *c; c++)
        ui_dispatch(app, &(ui_action){.kind = ACT_DIGIT, .x = *c - '0'});
    ui_dispatch(app, &(ui_action){.kind = ACT_SELECT});
    return 0;
}

static int cmd_screenshot(const opts *o)
{
    if (o->nargs < 2) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    const char *view = o->args[1];
    if (!o->out) {
        fail(o->lang, MSG_ERR_NO_OUTPUT, "");
        return 2;
    }
    if (strcmp(view, "home") != 0 && strcmp(view, "guide") != 0 && strcmp(view, "deck") != 0 &&
        strcmp(view, "decks") != 0 && strcmp(view, "presenter") != 0 &&
        strcmp(view, "search") != 0 && strcmp(view, "referrals") != 0 &&
        strcmp(view, "notes") != 0 && strcmp(view, "note") != 0) {
        fail(o->lang, MSG_ERR_VIEW, view);
        return 2;
    }
    char font[4096];
    char *dir = prepare_screen(o, font, sizeof font);
    if (!dir)
        return 2;
    ui_config cfg = {.w = o->w ? o->w : 1280,
                     .h = o->h ? o->h : 720,
                     .headless = true,
                     .lang = o->lang,
                     .font = font,
                     .content_dir = dir,
                     .guidebook = o->guidebook,
                     .db = o->db};
    ui_app app;
    char err[1024];
    int rc = 0;
    if (!ui_init(&app, &cfg, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        ui_fini(&app);
        free(dir);
        return 2;
    }
    if (strcmp(view, "guide") == 0) {
        const char *which = o->nargs > 2 ? o->args[2] : "toc";
        int n = (int)app.guide.n;
        if (strcmp(which, "toc") == 0)
            ui_push(&app, &guide_view, -1);
        else {
            char *end;
            long c = strtol(which, &end, 10);
            if (*end || c < 1 || c > n) {
                fprintf(stderr, "madoguchi: ");
                fprintf(stderr, msg_get(o->lang, MSG_ERR_CHAPTER), (int)c, n);
                fprintf(stderr, "\n");
                rc = 2;
            } else
                ui_push(&app, &guide_view, (int)c - 1);
        }
    }
    if (strcmp(view, "decks") == 0)
        ui_push(&app, &decks_view, 0);
    if (strcmp(view, "notes") == 0 || strcmp(view, "note") == 0) {
        /* Staff views from the command line (tests, documents): whoever can
         * run commands on the machine can read the database anyway. */
        app.staff = true;
        ui_push(&app, &staff_view, 0);
        if (strcmp(view, "note") == 0) {
            snprintf(app.open_note, sizeof app.open_note, "%s", o->nargs > 2 ? o->args[2] : "");
            ui_push(&app, &editor_view, 0);
        }
    }
    if (strcmp(view, "referrals") == 0) {
        /* screenshot referrals [PROBLEM]: the picker, or one problem's list. */
        int p = -1;
        for (int i = 0; o->nargs > 2 && i < REF_PROBLEM_COUNT; i++)
            if (strcmp(o->args[2], ref_problem_code((ref_problem)i)) == 0)
                p = i;
        if (o->nargs > 2 && p < 0) {
            fail(o->lang, MSG_ERR_VIEW, o->args[2]);
            rc = 2;
        } else
            ui_push(&app, &referrals_view, p);
    }
    if (strcmp(view, "search") == 0) {
        /* screenshot search [QUERY...]: the words as typed. */
        strbuf q;
        strbuf_init(&q);
        for (int i = 2; i < o->nargs; i++) {
            if (i > 2)
                strbuf_addc(&q, ' ');
            strbuf_adds(&q, o->args[i]);
        }
        app.jump_term = q.len ? strbuf_take(&q) : NULL;
        strbuf_fini(&q);
        ui_push(&app, &search_view, 0);
    }
    app.present_ms = o->duration_ms;
    if (strcmp(view, "deck") == 0)
        rc = open_deck_view(o, &app, &audience_view);
    if (strcmp(view, "presenter") == 0)
        rc = open_deck_view(o, &app, &presenter_view);
    if (rc == 0) {
        for (int i = 0; i < o->pages; i++)
            ui_dispatch(&app, &(ui_action){.kind = ACT_PAGE_DOWN});
        txt_log_enable(app.txt, o->print_text);
        ui_draw(&app);
        if (o->print_text)
            fputs(txt_log(app.txt), stdout);
        if (!ui_save_png(&app, o->out, err, sizeof err)) {
            fprintf(stderr, "madoguchi: %s\n", err);
            rc = 2;
        }
    }
    ui_fini(&app);
    free(dir);
    return rc;
}

/* The kiosk (or a window), or with present the presenter on a deck. */
static int cmd_screen(const opts *o, bool present)
{
    char font[4096];
    char *dir = prepare_screen(o, font, sizeof font);
    if (!dir)
        return 2;
    ui_config cfg = {.w = o->w,
                     .h = o->h,
                     .display = o->display,
                     .window = o->window,
                     .lang = o->lang,
                     .font = font,
                     .content_dir = dir,
                     .guidebook = o->guidebook,
                     .db = o->db};
    ui_app app;
    char err[1024];
    int rc = 2;
    if (!ui_init(&app, &cfg, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
    } else {
        rc = 0;
        if (present) {
            app.kiosk = false; /* a presenter may quit (Esc twice) */
            app.present_ms = o->duration_ms;
            app.audience_display = o->audience_display;
            /* present DECK.md [N]: the same arguments as screenshot deck. */
            rc = open_deck_view(o, &app, &presenter_view);
        }
        if (rc == 0)
            rc = ui_run(&app);
    }
    ui_fini(&app);
    free(dir);
    return rc;
}

/* search QUERY: "chapter title<TAB>heading<TAB>snippet" per hit, best first. */
static int cmd_search(const opts *o)
{
    if (o->nargs < 2) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    char *dir = find_content(o);
    if (!dir)
        return 2;
    diag_list d;
    diag_init(&d, o->lang);
    guide g;
    guide_load(&g, dir, o->guidebook, &d);
    diag_print(&d, stderr);
    char err[256];
    char *cache = search_cache_dir();
    search *s = search_open(&g, cache, err, sizeof err);
    int rc = 0;
    if (!s) {
        fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else {
        /* Every word of the command line is one term. */
        strbuf q;
        strbuf_init(&q);
        for (int i = 1; i < o->nargs; i++) {
            if (i > 1)
                strbuf_addc(&q, ' ');
            strbuf_adds(&q, o->args[i]);
        }
        search_hit *hits;
        size_t n = search_run(s, q.s, &hits, 200);
        for (size_t i = 0; i < n; i++) {
            printf("%s\t%s\t", g.ch[hits[i].chapter].title, hits[i].heading);
            for (const char *c = hits[i].snippet; *c; c++) {
                if (*c == '\x01')
                    fputs("\xE3\x80\x90", stdout); /* 【 */
                else if (*c == '\x02')
                    fputs("\xE3\x80\x91", stdout); /* 】 */
                else if (*c == '\t' || *c == '\n')
                    putchar(' ');
                else
                    putchar(*c);
            }
            putchar('\n');
        }
        search_hits_free(hits, n);
        strbuf_fini(&q);
        rc = n ? 0 : 1;
    }
    search_close(s);
    free(cache);
    guide_fini(&g);
    diag_fini(&d);
    free(dir);
    return rc;
}

/* The wall clock in Unix ms: the time a note is saved at (core reads no clock). */
static long long wall_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One note: JSON from core, or "field: value" lines for every field that
 * holds something (flags as yes/no; times are in the JSON). */
static void print_note(const note *n, bool json)
{
    strbuf b;
    strbuf_init(&b);
    if (json) {
        rec_json(n, &b);
        fputs(b.s, stdout);
        strbuf_fini(&b);
        return;
    }
    for (size_t i = 0; i < rec_nfields; i++) {
        const rec_field *f = &rec_fields[i];
        strbuf_clear(&b);
        if (f->kind == REC_TIME || !rec_value(n, f, &b))
            continue;
        if (f->kind == REC_BOOL)
            printf("%s: %s\n", f->name, b.s[0] == '1' ? "yes" : "no");
        else if (b.len)
            printf("%s: %s\n", f->name, b.s);
    }
    strbuf_fini(&b);
}

static store *open_store(const opts *o, char *err, size_t errsize)
{
    char *path = o->db ? xstrdup(o->db) : store_default_path();
    store *s = store_open(path, err, errsize);
    free(path);
    return s;
}

/* notes add|list|show: the consultation records from the command line. */
static int cmd_notes(const opts *o)
{
    const char *sub = o->nargs > 1 ? o->args[1] : "";
    char err[512];
    store *db = open_store(o, err, sizeof err);
    if (!db) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    int rc = 0;
    if (strcmp(sub, "add") == 0) {
        /* Referral ids must be on the quick list. */
        strbuf refs;
        strbuf_init(&refs);
        char *dir = content_find_dir(o->content);
        ref_list l = {0};
        char *rpath = dir ? path_join(dir, "assets/referrals.ini") : NULL;
        if (rpath)
            ref_load(&l, rpath, NULL);
        for (int i = 0; i < o->nreferral && rc == 0; i++) {
            if (!ref_find(&l, o->referral[i])) {
                fprintf(stderr, "madoguchi: --referral: unknown id '%s' (see assets/referrals.ini)\n",
                        o->referral[i]);
                rc = 2;
            }
            if (refs.len)
                strbuf_addc(&refs, ',');
            strbuf_adds(&refs, o->referral[i]);
        }
        ref_fini(&l);
        free(rpath);
        free(dir);
        note n = {0};
        n.question = (char *)o->question;
        n.category = (char *)o->category;
        n.answer = (char *)o->answer;
        n.company = (char *)o->company;
        n.channel = (char *)o->channel;
        n.referrals = refs.s;
        n.faq = o->faq;
        if (rc == 0 && !notes_save(db, &n, wall_ms(), err, sizeof err)) {
            fprintf(stderr, "madoguchi: %s\n", err);
            rc = 2;
        } else if (rc == 0)
            printf("%s\n", n.id);
        free(n.kiosk);
        strbuf_fini(&refs);
    } else if (strcmp(sub, "list") == 0) {
        note *v;
        size_t n;
        if (!notes_list(db, 0, &v, &n, err, sizeof err)) {
            fprintf(stderr, "madoguchi: %s\n", err);
            rc = 2;
        }
        if (o->json && rc == 0)
            putchar('[');
        for (size_t i = 0; i < n; i++) {
            if (o->json) {
                if (i)
                    putchar(',');
                print_note(&v[i], true);
            } else {
                char q[200];
                snprintf(q, sizeof q, "%s", v[i].question ? v[i].question : "");
                for (char *c = q; *c; c++)
                    if (*c == '\n' || *c == '\t')
                        *c = ' ';
                printf("%s\t%s\t%s\n", v[i].id, v[i].category, q);
            }
        }
        if (o->json && rc == 0)
            puts("]");
        notes_free(v, n);
    } else if (strcmp(sub, "show") == 0 && o->nargs > 2) {
        note n;
        int got = notes_get(db, o->args[2], &n, err, sizeof err);
        if (got > 0) {
            print_note(&n, o->json);
            if (o->json)
                putchar('\n');
            note_fini(&n);
        } else if (got == 0) {
            fprintf(stderr, "madoguchi: no note with id %s\n", o->args[2]);
            rc = 1;
        } else {
            fprintf(stderr, "madoguchi: %s\n", err);
            rc = 2;
        }
    } else {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        rc = 2;
    }
    store_close(db);
    return rc;
}

/* pin set: the staff PIN from standard input (4 to 12 digits). */
static int cmd_pin(const opts *o)
{
    if (o->nargs < 2 || strcmp(o->args[1], "set") != 0) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    char line[64] = "";
    if (!fgets(line, sizeof line, stdin))
        line[0] = '\0';
    line[strcspn(line, "\r\n")] = '\0';
    if (!pin_valid(line)) {
        fprintf(stderr, "madoguchi: %s\n", msg_get(o->lang, MSG_PIN_INVALID));
        return 2;
    }
    char err[512];
    store *db = open_store(o, err, sizeof err);
    int rc = 0;
    if (!db) {
        fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else if (!pin_set(db, line, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else {
        printf("%s\n", msg_get(o->lang, MSG_PIN_SET));
    }
    sodium_memzero(line, sizeof line);
    store_close(db);
    return rc;
}

/* handout deck|guide|referrals|consult ... -o FILE.pdf */
static int cmd_handout(const opts *o)
{
    const char *kind = o->nargs > 1 ? o->args[1] : "";
    if (!o->out) {
        fail(o->lang, MSG_ERR_NO_OUTPUT, "");
        return 2;
    }
    char font[4096], err[1024];
    if (!font_find(o->font, font, sizeof font, err, sizeof err, o->lang)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    char *dir = find_content(o);
    if (!dir)
        return 2;
    diag_list d;
    diag_init(&d, o->lang);
    guide g;
    guide_load(&g, dir, o->guidebook, &d);
    char *portal = handout_portal(dir);
    handout_ctx h = {.font = font, .lang = o->lang, .book = &g, .portal = portal};
    bool ok = false;
    err[0] = '\0';
    ref_list refs = {0};
    char *rpath = path_join(dir, "assets/referrals.ini");
    ref_load(&refs, rpath, NULL);
    free(rpath);
    if (!strcmp(kind, "deck") && o->nargs > 2) {
        deck *k = deck_load(o->args[2], &d);
        if (k)
            ok = handout_deck(&h, k, o->layout ? o->layout : "1", o->out, err, sizeof err);
        else
            snprintf(err, sizeof err, "%s", o->args[2]);
        deck_free(k);
    } else if (!strcmp(kind, "guide") && o->nargs > 2) {
        int ch[8];
        size_t n = 0;
        for (int i = 2; i < o->nargs && n < 8; i++)
            ch[n++] = atoi(o->args[i]) - 1;
        ok = handout_guide(&h, ch, n, o->out, err, sizeof err);
    } else if (!strcmp(kind, "referrals")) {
        ok = handout_referrals(&h, &refs, o->out, err, sizeof err);
    } else if (!strcmp(kind, "consult") && o->nargs > 2) {
        store *db = open_store(o, err, sizeof err);
        note n;
        int got = db ? notes_get(db, o->args[2], &n, err, sizeof err) : -1;
        if (got > 0) {
            ok = handout_consult(&h, &n, &refs, o->out, err, sizeof err);
            note_fini(&n);
        } else if (got == 0) {
            snprintf(err, sizeof err, "no note with id %s", o->args[2]);
        }
        store_close(db);
    } else {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        free(portal);
        ref_fini(&refs);
        guide_fini(&g);
        diag_fini(&d);
        free(dir);
        return 2;
    }
    if (!ok)
        fprintf(stderr, "madoguchi: %s\n", err);
    free(portal);
    ref_fini(&refs);
    guide_fini(&g);
    diag_fini(&d);
    free(dir);
    return ok ? 0 : 2;
}

/* deck info DECK.md: the slide count alone, then "n<TAB>title<TAB>note lines". */
static int cmd_deck(const opts *o)
{
    if (o->nargs < 3 || strcmp(o->args[1], "info") != 0) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    diag_list d;
    diag_init(&d, o->lang);
    deck *k = deck_load(o->args[2], &d);
    diag_print(&d, stderr);
    int rc = k ? 0 : 2;
    if (k) {
        printf("%zu\n", k->n);
        for (size_t i = 0; i < k->n; i++)
            printf("%zu\t%s\t%d\n", i + 1, k->slides[i].title, k->slides[i].note_lines);
    }
    deck_free(k);
    diag_fini(&d);
    return rc;
}


int main(int argc, char **argv)
{
    opts o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc;
    /* The language flag was validated in parse(). */
    for (int i = 1; i + 1 < argc; i++)
        if (strcmp(argv[i], "--lang") == 0)
            o.lang = (msg_lang)msg_lang_parse(argv[i + 1]);
    if (o.nargs == 0)
        return cmd_screen(&o, false);
    const char *cmd = o.args[0];
    if (strcmp(cmd, "check") == 0)
        return cmd_check(&o);
    if (strcmp(cmd, "screenshot") == 0)
        return cmd_screenshot(&o);
    if (strcmp(cmd, "deck") == 0)
        return cmd_deck(&o);
    if (strcmp(cmd, "search") == 0)
        return cmd_search(&o);
    if (strcmp(cmd, "notes") == 0)
        return cmd_notes(&o);
    if (strcmp(cmd, "pin") == 0)
        return cmd_pin(&o);
    if (strcmp(cmd, "handout") == 0)
        return cmd_handout(&o);
    if (strcmp(cmd, "present") == 0) {
        /* "present DECK.md" has the deck where "screenshot deck DECK.md" has it. */
        o.args[3] = o.nargs > 2 ? o.args[2] : NULL;
        o.args[2] = o.nargs > 1 ? o.args[1] : NULL;
        o.nargs = o.nargs > 1 ? o.nargs + 1 : 1;
        return cmd_screen(&o, true);
    }
    fail(o.lang, MSG_ERR_COMMAND, cmd);
    fputs(msg_get(o.lang, MSG_USAGE), stderr);
    return 2;
}
