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
#include <errno.h>
#include <getopt.h>
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
#include "screen/staff.h"
#include "screen/ui.h"
#include "screen/views.h"

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
    const char **args; /* the command and its arguments (into argv) */
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

/* A whole number from lo to hi, or false. */
static bool parse_int(const char *s, int lo, int hi, int *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (!*s || *end || errno || v < lo || v > hi)
        return false;
    *out = (int)v;
    return true;
}

/* Long options; a value that is not a letter is the index into opt_names
 * for the options that carry a note field or a number. */
enum {
    OPT_WINDOW = 256, OPT_PRINT_TEXT, OPT_SIZE, OPT_DURATION, OPT_AUDIENCE, OPT_PAGE_DOWN,
    OPT_DISPLAY, OPT_CONTENT, OPT_FAQ, OPT_JSON, OPT_QUESTION, OPT_CATEGORY, OPT_ANSWER,
    OPT_COMPANY, OPT_CHANNEL, OPT_DB, OPT_LAYOUT, OPT_REFERRAL, OPT_GUIDEBOOK, OPT_FONT,
    OPT_LANG,
};
static const struct option long_opts[] = {
    {"window", no_argument, NULL, OPT_WINDOW},
    {"print-text", no_argument, NULL, OPT_PRINT_TEXT},
    {"size", required_argument, NULL, OPT_SIZE},
    {"duration", required_argument, NULL, OPT_DURATION},
    {"audience-display", required_argument, NULL, OPT_AUDIENCE},
    {"page-down", required_argument, NULL, OPT_PAGE_DOWN},
    {"display", required_argument, NULL, OPT_DISPLAY},
    {"content", required_argument, NULL, OPT_CONTENT},
    {"faq", no_argument, NULL, OPT_FAQ},
    {"json", no_argument, NULL, OPT_JSON},
    {"question", required_argument, NULL, OPT_QUESTION},
    {"category", required_argument, NULL, OPT_CATEGORY},
    {"answer", required_argument, NULL, OPT_ANSWER},
    {"company", required_argument, NULL, OPT_COMPANY},
    {"channel", required_argument, NULL, OPT_CHANNEL},
    {"db", required_argument, NULL, OPT_DB},
    {"layout", required_argument, NULL, OPT_LAYOUT},
    {"referral", required_argument, NULL, OPT_REFERRAL},
    {"guidebook", required_argument, NULL, OPT_GUIDEBOOK},
    {"font", required_argument, NULL, OPT_FONT},
    {"lang", required_argument, NULL, OPT_LANG},
    {"output", required_argument, NULL, 'o'},
    {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0},
};

/* Returns 0 on success, 2 on a usage error (already reported), -1 for
 * --help (printed).  Options may stand anywhere; what is left are the
 * command and its arguments, any number of them. */
static int parse(int argc, char **argv, opts *o)
{
    memset(o, 0, sizeof *o);
    o->audience_display = -1;
    o->lang = early_lang(argc, argv);
    opterr = 0; /* our own messages, in the chosen language */
    optind = 1;
    int c, idx;
    while ((idx = -1, c = getopt_long(argc, argv, ":o:h", long_opts, &idx)) != -1) {
        const char *v = optarg;
        switch (c) {
        case OPT_WINDOW: o->window = true; break;
        case OPT_PRINT_TEXT: o->print_text = true; break;
        case OPT_FAQ: o->faq = true; break;
        case OPT_JSON: o->json = true; break;
        case OPT_SIZE:
            if (!parse_size(v, &o->w, &o->h)) {
                fail(o->lang, MSG_ERR_SIZE, v);
                return 2;
            }
            break;
        case OPT_DURATION:
            if (!parse_duration(v, &o->duration_ms)) {
                fail(o->lang, MSG_ERR_DURATION, v);
                return 2;
            }
            break;
        case OPT_AUDIENCE:
        case OPT_PAGE_DOWN:
        case OPT_DISPLAY: {
            int *dst = c == OPT_AUDIENCE ? &o->audience_display
                       : c == OPT_PAGE_DOWN ? &o->pages : &o->display;
            if (!parse_int(v, 0, 10000, dst)) {
                fprintf(stderr, "madoguchi: ");
                fprintf(stderr, msg_get(o->lang, MSG_ERR_NUMBER), long_opts[idx].name, v);
                fprintf(stderr, "\n");
                return 2;
            }
            break;
        }
        case OPT_CONTENT: o->content = v; break;
        case OPT_QUESTION: o->question = v; break;
        case OPT_CATEGORY: o->category = v; break;
        case OPT_ANSWER: o->answer = v; break;
        case OPT_COMPANY: o->company = v; break;
        case OPT_CHANNEL: o->channel = v; break;
        case OPT_DB: o->db = v; break;
        case OPT_LAYOUT: o->layout = v; break;
        case OPT_GUIDEBOOK: o->guidebook = v; break;
        case OPT_FONT: o->font = v; break;
        case 'o': o->out = v; break;
        case OPT_REFERRAL:
            if (o->nreferral == (int)MG_ARRAY_LEN(o->referral)) {
                fail(o->lang, MSG_ERR_TOO_MANY, "--referral");
                return 2;
            }
            o->referral[o->nreferral++] = v;
            break;
        case OPT_LANG:
            if (msg_lang_parse(v) < 0) {
                fail(o->lang, MSG_ERR_LANG, v);
                return 2;
            }
            o->lang = (msg_lang)msg_lang_parse(v);
            break;
        case 'h':
            fputs(msg_get(o->lang, MSG_USAGE), stdout);
            return -1;
        case ':': /* an option without its value: getopt has passed it */
            fail(o->lang, MSG_ERR_OPTION_ARG, argv[optind - 1]);
            return 2;
        default:
            fail(o->lang, MSG_ERR_OPTION, argv[optind - 1]);
            fputs(msg_get(o->lang, MSG_USAGE), stderr);
            return 2;
        }
    }
    o->args = (const char **)(argv + optind);
    o->nargs = argc - optind;
    return 0;
}

static char *find_content(const opts *o)
{
    char *dir = content_find_dir(o->content);
    if (!dir)
        fail(o->lang, MSG_ERR_CONTENT_DIR, o->content ? o->content : "assets/");
    return dir;
}

/* Open the content named on the command line; NULL after saying why. */
static content *open_content(const opts *o, unsigned flags)
{
    char *dir = find_content(o);
    if (!dir)
        return NULL;
    content *c = content_open(dir, o->guidebook, o->lang, flags);
    free(dir);
    return c;
}

static int cmd_check(const opts *o)
{
    content *c = open_content(o, CONTENT_CHECK);
    if (!c)
        return 2;
    diag_print(&c->diags, stdout);
    int errors = (int)diag_count(&c->diags, false), warnings = (int)diag_count(&c->diags, true);
    if (errors == 0) {
        printf(msg_get(o->lang, MSG_CHECK_OK), c->dir, c->files);
        if (warnings)
            printf(" (%d %s)", warnings, msg_get(o->lang, MSG_DIAG_WARNING));
        printf("\n");
    } else {
        printf(msg_get(o->lang, MSG_CHECK_FAIL), c->dir, errors, warnings);
        printf("\n");
    }
    content_close(c);
    return errors ? 1 : 0;
}

/* The font file and the content every screen needs.  Returns the content
 * (its problems said on stderr: the screen shows what it can) or NULL
 * after printing why. */
static content *prepare_screen(const opts *o, char *font, size_t size)
{
    char err[512];
    if (!font_find(o->font, font, size, err, sizeof err, o->lang)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return NULL;
    }
    content *c = open_content(o, 0);
    if (c && c->diags.n)
        diag_print(&c->diags, stderr);
    return c;
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
    ui_push(app, view, DECK_AT(ui_add_deck(app, k)));
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
    content *c = prepare_screen(o, font, sizeof font);
    if (!c)
        return 2;
    ui_config cfg = {.w = o->w ? o->w : 1280,
                     .h = o->h ? o->h : 720,
                     .headless = true,
                     .lang = o->lang,
                     .font = font,
                     .content = c,
                     .db = o->db,
                     .root = &home_view};
    ui_app app;
    char err[1024];
    int rc = 0;
    if (!ui_init(&app, &cfg, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        ui_fini(&app);
        content_close(c);
        return 2;
    }
    staff_install(&app);
    if (strcmp(view, "guide") == 0) {
        const char *which = o->nargs > 2 ? o->args[2] : "toc";
        int n = (int)app.content->guide.n;
        if (strcmp(which, "toc") == 0)
            ui_push(&app, &guide_view, GUIDE_AT(-1));
        else {
            char *end;
            long ch = strtol(which, &end, 10);
            if (*end || ch < 1 || ch > n) {
                fprintf(stderr, "madoguchi: ");
                fprintf(stderr, msg_get(o->lang, MSG_ERR_CHAPTER), (int)ch, n);
                fprintf(stderr, "\n");
                rc = 2;
            } else
                ui_push(&app, &guide_view, GUIDE_AT((int)ch - 1));
        }
    }
    if (strcmp(view, "decks") == 0)
        ui_push(&app, &decks_view, NULL);
    if (strcmp(view, "notes") == 0 || strcmp(view, "note") == 0) {
        /* Staff views from the command line (tests, documents): whoever can
         * run commands on the machine can read the database anyway. */
        app.staff = true;
        ui_push(&app, &staff_view, NULL);
        if (strcmp(view, "note") == 0)
            ui_push(&app, &editor_view, NOTE_ID(o->nargs > 2 ? o->args[2] : NULL));
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
            ui_push(&app, &referrals_view, REFERRALS_FOR(p));
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
        ui_push(&app, &search_view, SEARCH_FOR(q.len ? q.s : NULL));
        strbuf_fini(&q);
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
    content_close(c);
    return rc;
}

/* The kiosk (or a window), or with present the presenter on a deck. */
static int cmd_screen(const opts *o, bool present)
{
    char font[4096];
    content *c = prepare_screen(o, font, sizeof font);
    if (!c)
        return 2;
    ui_config cfg = {.w = o->w,
                     .h = o->h,
                     .display = o->display,
                     .window = o->window,
                     .lang = o->lang,
                     .font = font,
                     .content = c,
                     .db = o->db,
                     .root = &home_view};
    ui_app app;
    char err[1024];
    int rc = 2;
    if (!ui_init(&app, &cfg, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
    } else {
        rc = 0;
        staff_install(&app); /* the hidden way in, and the staff lock */
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
    content_close(c);
    return rc;
}

/* search QUERY: "chapter title<TAB>heading<TAB>snippet" per hit, best first. */
static int cmd_search(const opts *o)
{
    if (o->nargs < 2) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    content *c = open_content(o, 0);
    if (!c)
        return 2;
    diag_print(&c->diags, stderr);
    const guide *g = &c->guide;
    char err[256];
    char *cache = search_cache_dir();
    char *syn = c->dir ? path_join(c->dir, "assets/synonyms.ini") : NULL;
    search *s = search_open_with(g, cache, syn, err, sizeof err);
    free(syn);
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
            printf("%s\t%s\t", g->ch[hits[i].chapter].title, hits[i].heading);
            for (const char *p = hits[i].snippet; *p; p++) {
                if (*p == '\x01')
                    fputs("\xE3\x80\x90", stdout); /* 【 */
                else if (*p == '\x02')
                    fputs("\xE3\x80\x91", stdout); /* 】 */
                else if (*p == '\t' || *p == '\n')
                    putchar(' ');
                else
                    putchar(*p);
            }
            putchar('\n');
        }
        search_hits_free(hits, n);
        strbuf_fini(&q);
        rc = n ? 0 : 1;
    }
    search_close(s);
    free(cache);
    content_close(c);
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
            fprintf(stderr, "madoguchi: ");
            fprintf(stderr, msg_get(o->lang, MSG_ERR_NO_NOTE), o->args[2]);
            fputc('\n', stderr);
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
    content *c = open_content(o, 0);
    if (!c)
        return 2;
    handout_ctx h = {.font = font, .lang = o->lang, .book = &c->guide, .portal = c->desk.portal};
    bool ok = false;
    err[0] = '\0';
    if (!strcmp(kind, "deck") && o->nargs > 2) {
        diag_list d;
        diag_init(&d, o->lang);
        deck *k = deck_load(o->args[2], &d);
        diag_print(&d, stderr);
        diag_fini(&d);
        /* A deck that cannot be read has said why, naming the file. */
        if (k)
            ok = handout_deck(&h, k, o->layout ? o->layout : "1", o->out, err, sizeof err);
        deck_free(k);
    } else if (!strcmp(kind, "guide") && o->nargs > 2) {
        /* Any number of chapters, each a number from the contents. */
        size_t n = (size_t)(o->nargs - 2);
        int *ch = xcalloc(n, sizeof *ch);
        bool numbers = true;
        for (size_t i = 0; i < n && numbers; i++) {
            char *end;
            long v = strtol(o->args[2 + i], &end, 10);
            numbers = *o->args[2 + i] && !*end && v >= 1 && v <= (long)c->guide.n;
            ch[i] = (int)v - 1;
            if (!numbers)
                snprintf(err, sizeof err, msg_get(o->lang, MSG_ERR_CHAPTER_ARG), o->args[2 + i],
                         (int)c->guide.n);
        }
        ok = numbers && handout_guide(&h, ch, n, o->out, err, sizeof err);
        free(ch);
    } else if (!strcmp(kind, "referrals")) {
        ok = handout_referrals(&h, &c->refs, o->out, err, sizeof err);
    } else if (!strcmp(kind, "consult") && o->nargs > 2) {
        store *db = open_store(o, err, sizeof err);
        note n;
        int got = db ? notes_get(db, o->args[2], &n, err, sizeof err) : -1;
        if (got > 0) {
            ok = handout_consult(&h, &n, &c->refs, o->out, err, sizeof err);
            note_fini(&n);
        } else if (got == 0) {
            snprintf(err, sizeof err, msg_get(o->lang, MSG_ERR_NO_NOTE), o->args[2]);
        }
        store_close(db);
    } else {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        content_close(c);
        return 2;
    }
    if (!ok && err[0])
        fprintf(stderr, "madoguchi: %s\n", err);
    content_close(c);
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


/* present DECK.md [N]: the deck where `screenshot deck DECK.md N` has it. */
static int cmd_present(const opts *o)
{
    opts p = *o;
    const char *args[4] = {"present", "deck", o->nargs > 1 ? o->args[1] : NULL,
                           o->nargs > 2 ? o->args[2] : NULL};
    p.args = args;
    p.nargs = o->nargs > 1 ? MG_MIN(o->nargs + 1, 4) : 1;
    return cmd_screen(&p, true);
}

/* The commands, by their first word; each takes the parsed options. */
static const struct {
    const char *name;
    int (*run)(const opts *o);
} commands[] = {
    {"check", cmd_check},   {"screenshot", cmd_screenshot}, {"deck", cmd_deck},
    {"search", cmd_search}, {"notes", cmd_notes},           {"pin", cmd_pin},
    {"handout", cmd_handout}, {"present", cmd_present},
};

int main(int argc, char **argv)
{
    opts o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    if (o.nargs == 0)
        return cmd_screen(&o, false);
    for (size_t i = 0; i < MG_ARRAY_LEN(commands); i++)
        if (strcmp(o.args[0], commands[i].name) == 0)
            return commands[i].run(&o);
    fail(o.lang, MSG_ERR_COMMAND, o.args[0]);
    fputs(msg_get(o.lang, MSG_USAGE), stderr);
    return 2;
}
