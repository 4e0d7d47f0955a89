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
#include <stdarg.h>
#include <sys/stat.h>
#include <unicode/utf8.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "core/content.h"
#include "core/desk.h"
#include "core/deck.h"
#include "core/diag.h"
#include "core/font.h"
#include "core/guide.h"
#include "core/notes.h"
#include "core/pin.h"
#include "core/referrals.h"
#include "core/seal.h"
#include "core/sync.h"
#include "core/csv.h"
#include "core/sccount.h"
#include "core/search.h"
#include "core/selfcheck.h"
#include "core/settings.h"
#include "core/suggest.h"
#include "core/msg.h"
#include "core/util.h"
#include "clisearch.h"
#include "paper/handout.h"
#include "programs.h"
#ifndef MG_CLI /* madoguchi-cli: every command but the screen's (programs.h) */
#include "setup.h"
#include "screen/attract.h"
#include "screen/health.h"
#include "screen/slides.h"
#include "screen/staff.h"
#include "screen/ui.h"
#include "screen/views.h"
#endif

/* The exit status after staff quit the kiosk (終了, behind the PIN): the
 * systemd units list it in RestartPreventExitStatus, so Restart=always
 * brings back a crash or a kill but not this. */
#define MG_EXIT_STAFF_QUIT 4

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
    /* office, kiosk, notes export/import/csv/resolve/purge */
    const char *from, *since, *encoding, *keep;
    bool all, all_revisions, exported;
    const char *field[64]; /* notes edit --NAME VALUE, by rec_fields index */
    const char *size_text; /* --size: WxH, or the note's size field for notes edit */
    int pages; /* screenshot: page down this many times first */
    msg_lang lang;
    bool lang_set, display_set; /* given on the command line (over the settings) */
    const char *config;         /* --config FILE: the settings file */
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
    if (!s || !*s)
        return false;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (*end || errno || v < lo || v > hi)
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
    OPT_LANG, OPT_FROM, OPT_ALL, OPT_SINCE, OPT_ENCODING, OPT_KEEP, OPT_ALL_REVISIONS,
    OPT_EXPORTED, OPT_CONFIG,
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
    {"from", required_argument, NULL, OPT_FROM},
    {"all", no_argument, NULL, OPT_ALL},
    {"since", required_argument, NULL, OPT_SINCE},
    {"encoding", required_argument, NULL, OPT_ENCODING},
    {"keep", required_argument, NULL, OPT_KEEP},
    {"all-revisions", no_argument, NULL, OPT_ALL_REVISIONS},
    {"exported", no_argument, NULL, OPT_EXPORTED},
    {"config", required_argument, NULL, OPT_CONFIG},
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
    /* Every option: long_opts, then --NAME for each field of the note record
     * an edit may change that is not an option already (notes edit). */
    enum { OPT_FIELD = 1024 };
    struct option all[MG_ARRAY_LEN(long_opts) + 64];
    char names[64][40];
    size_t nall = 0;
    for (; long_opts[nall].name; nall++)
        all[nall] = long_opts[nall];
    for (size_t i = 0; i < rec_nfields && i < 64; i++) {
        snprintf(names[i], sizeof names[i], "%s", rec_fields[i].name);
        for (char *p = names[i]; *p; p++)
            *p = *p == '_' ? '-' : *p;
        bool taken = (rec_fields[i].flags & REC_FIXED) != 0;
        for (size_t k = 0; long_opts[k].name && !taken; k++)
            taken = strcmp(long_opts[k].name, names[i]) == 0;
        if (!taken)
            all[nall++] = (struct option){
                names[i], rec_fields[i].kind == REC_BOOL ? optional_argument : required_argument,
                NULL, OPT_FIELD + (int)i};
    }
    all[nall] = (struct option){NULL, 0, NULL, 0};
    int c, idx;
    while ((idx = -1, c = getopt_long(argc, argv, ":o:h", all, &idx)) != -1) {
        const char *v = optarg;
        if (c >= OPT_FIELD) {
            o->field[c - OPT_FIELD] = v ? v : "1";
            continue;
        }
        switch (c) {
        case OPT_WINDOW: o->window = true; break;
        case OPT_PRINT_TEXT: o->print_text = true; break;
        case OPT_FAQ: o->faq = true; break;
        case OPT_JSON: o->json = true; break;
        case OPT_SIZE: o->size_text = v; break; /* which --size: once the command is known */
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
            o->display_set |= c == OPT_DISPLAY;
            break;
        }
        case OPT_CONTENT: o->content = v; break;
        case OPT_CONFIG: o->config = v; break;
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
        case OPT_FROM: o->from = v; break;
        case OPT_ALL: o->all = true; break;
        case OPT_SINCE: o->since = v; break;
        case OPT_ENCODING: o->encoding = v; break;
        case OPT_KEEP: o->keep = v; break;
        case OPT_ALL_REVISIONS: o->all_revisions = true; break;
        case OPT_EXPORTED: o->exported = true; break;
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
            o->lang_set = true;
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
    /* --size is a window or picture size (WxH), except for notes edit,
     * where it is the note's field of that name (the company's size). */
    const rec_field *size_field = rec_find("size");
    if (o->size_text && o->nargs >= 2 && !strcmp(o->args[0], "notes") &&
        !strcmp(o->args[1], "edit") && size_field && size_field - rec_fields < 64) {
        o->field[size_field - rec_fields] = o->size_text;
    } else if (o->size_text && !parse_size(o->size_text, &o->w, &o->h)) {
        fail(o->lang, MSG_ERR_SIZE, o->size_text);
        return 2;
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

/* Print s with control bytes shown as '?' (content is not trusted). */
static void print_clean(const char *s)
{
    for (; s && *s; s++)
        putchar((unsigned char)*s < 0x20 ? '?' : *s);
}

/* The staff's list of agencies marked verify = yes: file, line, name and
 * phone.  Visitors never see the mark, so check is where staff do. */
static void print_unconfirmed(const content *c, msg_lang lang)
{
    bool head = false;
    for (size_t i = 0; i < c->refs.n; i++) {
        const ref_agency *a = &c->refs.a[i];
        if (!a->verify)
            continue;
        if (!head)
            printf("%s\n", msg_get(lang, MSG_CHECK_UNCONFIRMED));
        head = true;
        printf("  assets/referrals.ini:%d: ", a->line);
        print_clean(a->name);
        if (a->phone && *a->phone) {
            printf("  ");
            print_clean(a->phone);
        }
        printf("\n");
    }
}

static int cmd_check(const opts *o)
{
    content *c = open_content(o, CONTENT_CHECK);
    if (!c)
        return 2;
    diag_print(&c->diags, stdout);
    print_unconfirmed(c, o->lang);
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

static sc_answer *selfcheck_answers(const opts *o, const selfcheck *s, const char *text,
                                    char *err, size_t errsize);

#ifndef MG_CLI
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
    if (k) /* a missing picture is not shown on the slide: say here which file */
        doc_check_images(k->doc, &d);
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
        strcmp(view, "notes") != 0 && strcmp(view, "note") != 0 &&
        strcmp(view, "selfcheck") != 0 && strcmp(view, "attract") != 0 &&
        strcmp(view, "faq") != 0 && strcmp(view, "finder") != 0) {
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
    if (strcmp(view, "attract") == 0) /* screenshot attract [N]: the loop's Nth picture */
        ui_push(&app, &attract_view, DECK_AT(o->nargs > 2 ? atoi(o->args[2]) - 1 : 0));
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
    if (strcmp(view, "faq") == 0 || strcmp(view, "finder") == 0) {
        /* screenshot faq [CATEGORY|ITEM]: the topics, a topic's questions or
         * one item; screenshot finder [PROBLEM]: the tiles or a problem. */
        bool finder = view[1] == 'i';
        int k = -1, item = -1;
        for (int i = 0; o->nargs > 2 && finder && i < REF_PROBLEM_COUNT; i++)
            if (strcmp(o->args[2], ref_problem_code((ref_problem)i)) == 0)
                k = i;
        for (int i = 0; o->nargs > 2 && !finder && faq_category_code((size_t)i); i++)
            if (strcmp(o->args[2], faq_category_code((size_t)i)) == 0)
                k = i;
        const faq_item *fi = o->nargs > 2 && !finder ? faq_find(&c->faq, o->args[2]) : NULL;
        if (fi)
            item = (int)(fi - c->faq.it);
        if (o->nargs > 2 && k < 0 && item < 0) {
            fail(o->lang, MSG_ERR_VIEW, o->args[2]);
            rc = 2;
        } else if (finder)
            ui_push(&app, &finder_view, FINDER_FOR(k));
        else
            ui_push(&app, &faq_view, item >= 0 ? FAQ_ITEM(item) : FAQ_CATEGORY(k));
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
    if (strcmp(view, "selfcheck") == 0) {
        /* screenshot selfcheck [ANSWERS]: the next question after them, or
         * the result when all are given (nothing is counted). */
        const char *ans = o->nargs > 2 ? o->args[2] : NULL;
        char e[256];
        sc_answer *a = ans ? selfcheck_answers(o, &c->sc, ans, e, sizeof e) : NULL;
        if (ans && !a) {
            fprintf(stderr, "madoguchi: %s\n", e);
            rc = 2;
        } else {
            ui_args sa = {.kind = ARGS_SELFCHECK, .selfcheck = {.answers = ans}};
            ui_push(&app, &selfcheck_view, &sa);
        }
        free(a);
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
        ui_update(&app); /* pictures are decoded in update, not while drawing */
        ui_draw(&app);
        if (strcmp(view, "note") == 0 && app.dirty) /* scrolled to the question at the first */
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
static int cmd_screen(const opts *given, bool present)
{
    int64_t t0 = clock_mono(NULL);
    /* The settings file first: it may name the guidebook and the language. */
    opts so = *given;
    const opts *o = &so;
    settings set;
    diag_list sd;
    diag_init(&sd, so.lang);
    char *dir = content_find_dir(so.content);
    settings_load(&set, dir, so.config, &sd);
    free(dir);
    diag_print(&sd, stderr); /* the log, never the screen: defaults are used */
    diag_fini(&sd);
    if (!so.lang_set && set.lang >= 0)
        so.lang = (msg_lang)set.lang;
    if (!so.display_set && set.display >= 0)
        so.display = set.display;
    if (!so.guidebook && set.guidebook)
        so.guidebook = set.guidebook;
    char font[4096];
    content *c = prepare_screen(o, font, sizeof font);
    if (!c) {
        settings_fini(&set);
        return 2;
    }
    if (set.portal) { /* the staff's file over the content's desk.ini */
        free(c->desk.portal);
        c->desk.portal = xstrdup(set.portal);
    }
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
        app.idle_ms = set.idle_s * 1000;
        app.attract_ms = set.attract_s * 1000;
        app.attract_cycle_ms = set.attract_cycle_s * 1000;
        app.attract_decks = set.attract_decks;
        app.printer = set.printer;
        app.copies = set.copies;
        if (set.attract_s)
            attract_install(&app); /* the kiosk at rest */
        if (present) {
            app.kiosk = false; /* a presenter may quit (Esc twice) */
            app.present_ms = o->duration_ms;
            app.audience_display = o->audience_display;
            /* present DECK.md [N]: the same arguments as screenshot deck. */
            rc = open_deck_view(o, &app, &presenter_view);
        }
        if (rc == 0) {
            health_start(&app, (long)(clock_mono(NULL) - t0), set.kiosk_id, stderr);
            int64_t up = clock_mono(NULL);
            rc = ui_run(&app);
            health_stop(&app, (long)(clock_mono(NULL) - up), stderr);
            if (app.quit_by_staff) /* the unit's RestartPreventExitStatus: not started again */
                rc = MG_EXIT_STAFF_QUIT;
        }
    }
    ui_fini(&app);
    content_close(c);
    settings_fini(&set);
    return rc;
}

#endif /* MG_CLI */

/* search QUERY: "chapter title<TAB>heading<TAB>snippet" per hit, best first
 * (a FAQ item: 「よくある質問」, its question, the snippet).  With a warm index the book is not read at all: the index is found by
 * what the book is made of (cli_search_key), not by reading it; the
 * front (front.c) answers that case itself and comes here for the rest. */
static int cmd_search(const opts *o)
{
    if (o->nargs < 2) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    /* Every word of the command line is one term. */
    strbuf q;
    strbuf_init(&q);
    for (int i = 1; i < o->nargs; i++) {
        if (i > 1)
            strbuf_addc(&q, ' ');
        strbuf_adds(&q, o->args[i]);
    }
    char *dir = find_content(o);
    if (!dir) {
        strbuf_fini(&q);
        return 2;
    }
    char *cache = search_cache_dir();
    char *key = cli_search_key("/proc/self/exe", dir, o->guidebook, o->lang);
    char *syn = path_join(dir, "assets/synonyms.ini");
    char **titles = NULL;
    size_t ntitles = 0;
    search *s = NULL;
    content *c = NULL;
    int rc = cli_search_known(cache, key, dir, o->lang, q.s);
    if (rc < 0) { /* cold: read the book, build or find its index, remember it */
        rc = 0;
        c = content_open(dir, o->guidebook, o->lang, 0);
        if (c) {
            char err[256];
            diag_print(&c->diags, stderr);
            const guide *g = &c->guide;
            s = search_open_faq(g, &c->faq, cache, syn, err, sizeof err);
            if (!s) {
                fprintf(stderr, "madoguchi: %s\n", err);
                rc = 2;
            } else {
                titles = xcalloc(g->n ? g->n : 1, sizeof(char *));
                for (size_t i = 0; i < g->n; i++)
                    titles[i] = xstrdup(g->ch[i].title);
                ntitles = g->n;
                char *said = NULL;
                size_t saidlen = 0;
                FILE *m = open_memstream(&said, &saidlen);
                if (m) {
                    diag_print(&c->diags, m);
                    fclose(m);
                }
                search_remember(s, cache, key, (const char *const *)titles, ntitles, said);
                free(said);
            }
        } else
            rc = 2;
    }
    if (s) {
        search_hit *hits;
        size_t n = search_run(s, q.s, &hits, 200);
        cli_print_hits(o->lang, (const char *const *)titles, ntitles, hits, n);
        search_hits_free(hits, n);
        rc = n ? 0 : 1;
    }
    search_close(s);
    for (size_t i = 0; i < ntitles; i++)
        free(titles[i]);
    free(titles);
    free(syn);
    free(key);
    free(cache);
    free(dir);
    strbuf_fini(&q);
    content_close(c);
    return rc;
}

static store *open_store(const opts *o, char *err, size_t errsize);

/* One field of a tab-separated line: tabs and line breaks as spaces. */
static void put_field(const char *s)
{
    for (; s && *s; s++)
        putchar(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s);
}

/* suggest TEXT: "category<TAB>CODE" ("-": no guess), then
 * "KIND<TAB>ID<TAB>TITLE" per suggestion, best first; past notes only
 * with --db (staff use).  1 when nothing was suggested. */
static int cmd_suggest(const opts *o)
{
    if (o->nargs < 2) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    content *c = open_content(o, 0);
    if (!c)
        return 2;
    diag_print(&c->diags, stderr);
    char err[512];
    char *cache = search_cache_dir();
    char *syn = c->dir ? path_join(c->dir, "assets/synonyms.ini") : NULL;
    search *s = search_open_with(&c->guide, cache, syn, err, sizeof err);
    free(syn);
    free(cache);
    suggester *g = s ? sug_open(&c->faq, &c->guide, &c->refs, s, o->lang, err, sizeof err) : NULL;
    int rc = 0;
    if (g && o->db) {
        store *db = open_store(o, err, sizeof err);
        note *v = NULL;
        size_t n = 0;
        if (!db || !notes_list(db, 5000, &v, &n, err, sizeof err))
            rc = 2;
        else
            sug_add_notes(g, v, n);
        notes_free(v, n);
        store_close(db);
    }
    if (!g || rc) {
        fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else {
        strbuf q;
        strbuf_init(&q);
        for (int i = 1; i < o->nargs; i++) {
            if (i > 1)
                strbuf_addc(&q, ' ');
            strbuf_adds(&q, o->args[i]);
        }
        sug_result r;
        sug_run(g, q.s, SUG_ALL, &r);
        printf("category\t%s\n", r.category ? r.category : "-");
        for (size_t i = 0; i < r.n; i++) {
            printf("%s\t%s\t", sug_kind_name(r.hit[i].kind), r.hit[i].id);
            put_field(r.hit[i].title);
            putchar('\n');
        }
        strbuf_fini(&q);
        rc = r.n ? 0 : 1;
    }
    sug_close(g);
    search_close(s);
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

static bool ask_tty(const char *prompt, char *out, size_t size);

/* An encrypted store (one with a staff PIN) opened with the PIN from
 * MADOGUCHI_PIN, or asked on the terminal without echo.  False with the
 * reason in err. */
static bool unlock_store(const opts *o, store *s, char *err, size_t errsize)
{
    if (!store_locked(s))
        return true;
    char pin[64] = "";
    const char *env = getenv("MADOGUCHI_PIN");
    if (env)
        snprintf(pin, sizeof pin, "%s", env);
    else if (!ask_tty(msg_get(o->lang, MSG_PIN_PROMPT), pin, sizeof pin)) {
        snprintf(err, errsize, msg_get(o->lang, MSG_PIN_NONE), store_path(s));
        return false;
    }
    bool ok = store_unlock(s, pin, err, errsize);
    sodium_memzero(pin, sizeof pin);
    return ok;
}

/* The notes database of --db (or the default), unlocked: NULL with the
 * reason in err. */
static store *open_store(const opts *o, char *err, size_t errsize)
{
    char *path = o->db ? xstrdup(o->db) : store_default_path();
    store *s = store_open_lang(path, o->lang, err, errsize);
    free(path);
    if (s && !unlock_store(o, s, err, errsize)) {
        store_close(s);
        return NULL;
    }
    return s;
}

static int cmd_notes_sync(const opts *o);
static bool find_note(const opts *o, store *db, const char *prefix, char id[37]);

/* notes add|list|show: the consultation records from the command line. */
static int cmd_notes(const opts *o)
{
    int synced = cmd_notes_sync(o); /* export, import, csv, ... (issue 11) */
    if (synced >= 0)
        return synced;
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
        char id[37];
        if (!find_note(o, db, o->args[2], id)) { /* a unique prefix will do, as in git */
            store_close(db);
            return 1;
        }
        int got = notes_get(db, id, &n, err, sizeof err);
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

/* pin set: the staff PIN from standard input (6 to 12 digits, pin_valid). */
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

/* Self-check answers as typed ("4,2,0,-1,..." in question order) into a
 * heap array of s->n; NULL with the bad position named in err. */
static sc_answer *selfcheck_answers(const opts *o, const selfcheck *s, const char *text,
                                    char *err, size_t errsize)
{
    if (!s->n) {
        snprintf(err, errsize, msg_get(o->lang, MSG_SC_ERR_NONE), "assets/selfcheck.ini");
        return NULL;
    }
    sc_answer *a = xcalloc(s->n, sizeof *a);
    int bad = sc_parse_answers(text, a, s->n);
    if (bad > (int)s->n) {
        snprintf(err, errsize, msg_get(o->lang, MSG_SC_ERR_TOO_MANY), (int)s->n);
    } else if (bad) {
        /* The bad field itself, as typed. */
        const char *f = text;
        for (int i = 1; i < bad; i++)
            f = strchr(f, ',') + 1;
        char field[32];
        snprintf(field, sizeof field, "%.*s", (int)strcspn(f, ","), f);
        snprintf(err, errsize, msg_get(o->lang, MSG_SC_ERR_ANSWER), bad, field);
    }
    if (bad) {
        free(a);
        return NULL;
    }
    return a;
}

/* handout selfcheck ANSWERS: checked before anything is made. */
static bool handout_selfcheck_args(const opts *o, const handout_ctx *h, const content *c,
                                   char *err, size_t errsize)
{
    if (!c->sc.n)
        diag_print(&c->diags, stderr);
    sc_answer *a = selfcheck_answers(o, &c->sc, o->args[2], err, errsize);
    bool ok = a && handout_selfcheck(h, &c->sc, a, &c->refs, o->out, err, errsize);
    free(a);
    return ok;
}

/* stats: the self-check's anonymous counts, one line a question, as TSV
 * under a title line; stats add ANSWERS counts one done on paper. */
static int cmd_stats(const opts *o)
{
    bool add = o->nargs > 1 && !strcmp(o->args[1], "add");
    if ((add && o->nargs != 3) || (!add && o->nargs != 1)) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    content *c = open_content(o, 0);
    if (!c)
        return 2;
    char err[512];
    sc_answer *a = NULL;
    if (add && !(a = selfcheck_answers(o, &c->sc, o->args[2], err, sizeof err))) {
        fprintf(stderr, "madoguchi: %s\n", err);
        content_close(c);
        return 2;
    }
    store *db = open_store(o, err, sizeof err);
    int rc = 0;
    sccount_row *rows = xcalloc(c->sc.n ? c->sc.n : 1, sizeof *rows);
    long long done;
    if (!db) {
        fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else if (add) {
        if (!sccount_add(db, &c->sc, a, err, sizeof err)) {
            fprintf(stderr, "madoguchi: ");
            fprintf(stderr, msg_get(o->lang, MSG_ERR_STATS), err);
            fprintf(stderr, "\n");
            rc = 2;
        } else if ((done = sccount_read(db, &c->sc, rows, err, sizeof err)) >= 0) {
            printf(msg_get(o->lang, MSG_STATS_ADDED), done);
            printf("\n");
        }
    } else if ((done = sccount_read(db, &c->sc, rows, err, sizeof err)) < 0) {
        fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else {
        printf(msg_get(o->lang, MSG_STATS_TITLE), done);
        printf("\n%s\n", msg_get(o->lang, MSG_STATS_HEAD));
        long long points = 0;
        for (size_t i = 0; i < c->sc.n; i++) {
            const sccount_row *r = &rows[i];
            printf("%s\t%lld\t%lld\t%lld\t%lld\t%lld\t%s\n", c->sc.q[i].id, r->n[SC_DONE],
                   r->n[SC_PARTLY], r->n[SC_NOT_DONE], r->n[SC_DONT_KNOW], r->n[SC_UNANSWERED],
                   c->sc.q[i].text);
            for (int k = 0; k < SC_ANSWER_COUNT; k++)
                points += r->n[k] * sc_points((sc_answer)k);
        }
        if (done > 0) {
            printf(msg_get(o->lang, MSG_STATS_MEAN), (double)points / (double)done);
            printf("\n");
        }
    }
    free(rows);
    free(a);
    store_close(db);
    content_close(c);
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
    handout_ctx h = {.font = font, .lang = o->lang, .book = &c->guide, .portal = c->desk.portal,
                     .desk_phone = c->desk.phone, .desk_hours = c->desk.hours,
                     .now_ms = wall_ms()};
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
    } else if (!strcmp(kind, "selfcheck") && o->nargs > 2) {
        ok = handout_selfcheck_args(o, &h, c, err, sizeof err);
    } else if (!strcmp(kind, "finder") && o->nargs > 2) {
        int pr = 0; /* finder CODE: the problem, as for referrals */
        while (pr < REF_PROBLEM_COUNT &&
               strcmp(ref_problem_code((ref_problem)pr), o->args[2]) != 0)
            pr++;
        if (pr == REF_PROBLEM_COUNT)
            snprintf(err, sizeof err, msg_get(o->lang, MSG_ERR_PROBLEM_ARG), o->args[2]);
        else
            ok = handout_finder(&h, (ref_problem)pr, &c->faq, &c->refs, o->out, err, sizeof err);
    } else if (!strcmp(kind, "consult") && o->nargs > 2) {
        store *db = open_store(o, err, sizeof err);
        note n;
        char id[37] = "";
        int got = db ? sync_find(db, o->args[2], id, err, sizeof err) : -1; /* a unique prefix */
        if (got == 2) {
            snprintf(err, sizeof err, msg_get(o->lang, MSG_SYNC_AMBIGUOUS), o->args[2]);
            got = -1;
        } else if (got == 1)
            got = notes_get(db, id, &n, err, sizeof err);
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


#ifndef MG_CLI
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

/* setup: the kiosk set up in a terminal (setup.c). */
static int cmd_setup(const opts *o)
{
    char *dir = find_content(o);
    if (!dir)
        return 2;
    setup_opts so = {.db = o->db, .config = o->config, .content_dir = dir, .lang = o->lang};
    int rc = setup_run(&so);
    free(dir);
    return rc;
}

#endif /* MG_CLI */

/* One line asked on the terminal (/dev/tty) without echo, the prompt
 * written there.  False when there is no terminal; out is wiped by the
 * caller. */
static bool ask_tty(const char *prompt, char *out, size_t size)
{
    FILE *tty = fopen("/dev/tty", "r+");
    if (!tty || !isatty(fileno(tty))) {
        if (tty)
            fclose(tty);
        return false;
    }
    struct termios old, quiet;
    tcgetattr(fileno(tty), &old);
    quiet = old;
    quiet.c_lflag &= ~(tcflag_t)ECHO;
    fputs(prompt, tty);
    fflush(tty);
    tcsetattr(fileno(tty), TCSAFLUSH, &quiet);
    bool ok = fgets(out, (int)size, tty) != NULL;
    tcsetattr(fileno(tty), TCSAFLUSH, &old);
    fputc('\n', tty);
    fclose(tty);
    if (ok)
        out[strcspn(out, "\r\n")] = '\0';
    return ok;
}

/* The office passphrase: MADOGUCHI_PASSPHRASE, or asked on the terminal
 * without echo (twice when confirm).  False after saying why; out is
 * wiped by the caller. */
static bool read_passphrase(const opts *o, bool confirm, char *out, size_t size)
{
    const char *env = getenv("MADOGUCHI_PASSPHRASE");
    if (env) {
        snprintf(out, size, "%s", env);
    } else {
        char again[256] = "";
        if (!ask_tty(msg_get(o->lang, MSG_PASS_PROMPT), out, size)) {
            fail(o->lang, MSG_PASS_NONE, "");
            return false;
        }
        bool ok = !confirm || ask_tty(msg_get(o->lang, MSG_PASS_AGAIN), again, sizeof again);
        if (ok && confirm && strcmp(out, again) != 0) {
            fail(o->lang, MSG_PASS_MISMATCH, "");
            ok = false;
        }
        sodium_memzero(again, sizeof again);
        if (!ok)
            return false;
    }
    if (confirm && strlen(out) < 12) {
        fail(o->lang, MSG_PASS_SHORT, "");
        return false;
    }
    return true;
}

/* Open the database named by --db (or path), after saying why not. */
static store *open_db(const opts *o, const char *path)
{
    char *p = path ? xstrdup(path) : o->db ? xstrdup(o->db) : store_default_path();
    char err[512];
    store *db = store_open_lang(p, o->lang, err, sizeof err);
    if (!db)
        fprintf(stderr, "madoguchi: %s\n", err);
    free(p);
    return db;
}

/* Say a seal status about file (or about the key when file is NULL). */
static void seal_fail(const opts *o, const char *file, seal_status st)
{
    const char *m = msg_get(o->lang, seal_status_msg(st));
    if (file)
        fprintf(stderr, "madoguchi: %s: %s\n", file, m);
    else
        fprintf(stderr, "madoguchi: %s\n", m);
}

/* Store the locked secret and the public key text; print the fingerprint. */
/* The setting key of db: 1 with a heap copy, 0 not set, -1 after saying
 * why it could not be read. */
static int get_setting(store *db, const char *key, char **value)
{
    char err[512];
    int got = store_setting(db, key, value, err, sizeof err);
    if (got < 0)
        fprintf(stderr, "madoguchi: %s\n", err);
    return got;
}

static int office_store(const opts *o, store *db, const char *locked)
{
    unsigned char pk[SEAL_PK_BYTES];
    char text[SEAL_KEY_TEXT_MAX], fp[SEAL_FINGERPRINT_MAX], err[512];
    if (seal_office_public(locked, pk) != SEAL_OK)
        return 2;
    seal_key_text(pk, text);
    seal_fingerprint(pk, fp);
    if (!store_set_setting(db, SEAL_SETTING_SECRET, locked, err, sizeof err) ||
        !store_set_setting(db, SEAL_SETTING_PUBLIC, text, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    printf(msg_get(o->lang, MSG_OFFICE_MADE), fp);
    printf("\n");
    return 0;
}

/* office init [--from MASTER] | office key: the office key pair. */
static int cmd_office(const opts *o)
{
    const char *sub = o->nargs > 1 ? o->args[1] : "";
    if (strcmp(sub, "init") != 0 && strcmp(sub, "key") != 0) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    store *db = open_db(o, NULL);
    if (!db)
        return 2;
    char *secret = NULL;
    const char *where = store_path(db);
    int rc = 0;
    if (get_setting(db, SEAL_SETTING_SECRET, &secret) < 0) {
        rc = 2;
    } else if (strcmp(sub, "key") == 0) {
        unsigned char pk[SEAL_PK_BYTES];
        char text[SEAL_KEY_TEXT_MAX], fp[SEAL_FINGERPRINT_MAX];
        if (!secret) {
            fail(o->lang, MSG_OFFICE_NONE, where);
            rc = 2;
        } else if (seal_office_public(secret, pk) != SEAL_OK) {
            seal_fail(o, where, SEAL_KEY_BAD);
            rc = 2;
        } else {
            seal_key_text(pk, text);
            seal_fingerprint(pk, fp);
            if (o->out) { /* the key file for the kiosk's staff screen (a USB stick) */
                strbuf kf;
                strbuf_init(&kf);
                seal_key_file_text(pk, &kf);
                char err[1024];
                if (!write_file_atomic(o->out, kf.s, kf.len, err, sizeof err)) {
                    fprintf(stderr, "madoguchi: %s\n", err);
                    rc = 2;
                } else {
                    printf(msg_get(o->lang, MSG_OFFICE_KEY_WRITTEN), o->out, fp);
                    printf("\n");
                }
                strbuf_fini(&kf);
            } else {
                /* The key alone on stdout (> key.txt); the fingerprint beside it. */
                printf("%s\n", text);
                fprintf(stderr, "%s\n", fp);
            }
        }
    } else if (secret) {
        fail(o->lang, MSG_OFFICE_EXISTS, where);
        rc = 2;
    } else {
        char pass[256];
        strbuf locked;
        strbuf_init(&locked);
        seal_status st;
        if (o->from) {
            /* A second office PC or a backup master: the same locked key,
             * once the passphrase has shown it opens. */
            store *master = open_db(o, o->from);
            char *msecret = NULL;
            seal_office k = {0};
            if (!master || get_setting(master, SEAL_SETTING_SECRET, &msecret) < 0) {
                rc = 2;
            } else if (!msecret) {
                fail(o->lang, MSG_OFFICE_NONE, o->from);
                rc = 2;
            } else if (!read_passphrase(o, false, pass, sizeof pass)) {
                rc = 2;
            } else if ((st = seal_office_unlock(msecret, pass, &k)) != SEAL_OK) {
                seal_fail(o, o->from, st);
                rc = 2;
            } else {
                strbuf_adds(&locked, msecret);
            }
            seal_office_fini(&k);
            free(msecret);
            store_close(master);
        } else if (!read_passphrase(o, true, pass, sizeof pass)) {
            rc = 2;
        } else {
            seal_office k;
            st = seal_office_generate(&k)
                     ? seal_office_lock(&k, pass, SEAL_OPS_DEFAULT, SEAL_MEM_DEFAULT, &locked)
                     : SEAL_NO_MEMORY;
            if (st != SEAL_OK) {
                seal_fail(o, NULL, st);
                rc = 2;
            }
            seal_office_fini(&k);
        }
        sodium_memzero(pass, sizeof pass);
        if (rc == 0)
            rc = office_store(o, db, locked.s);
        strbuf_fini(&locked);
    }
    free(secret);
    store_close(db);
    return rc;
}

/* kiosk enrol KEY|FILE: give this kiosk the office's public key. */
static int kiosk_purge_after(const opts *o);

static int cmd_kiosk(const opts *o)
{
    if (o->nargs >= 3 && strcmp(o->args[1], "purge-after") == 0)
        return kiosk_purge_after(o);
    if (o->nargs < 3 || strcmp(o->args[1], "enrol") != 0) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    const char *arg = o->args[2];
    unsigned char pk[SEAL_PK_BYTES];
    char *file = NULL;
    /* A key text, or the name of a file holding one (the USB stick). */
    struct stat sb;
    if (strncasecmp(arg, "MDGK1-", 6) != 0 && stat(arg, &sb) == 0 &&
        (!S_ISREG(sb.st_mode) || sb.st_size > 65536)) {
        seal_fail(o, arg, SEAL_KEY_BAD); /* a folder or a large file is no key */
        return 2;
    }
    if (strncasecmp(arg, "MDGK1-", 6) != 0) {
        size_t len;
        file = read_file(arg, &len);
        if (!file) {
            char why[600];
            snprintf(why, sizeof why, "%s: %s", arg, strerror(errno));
            fail(o->lang, MSG_KIOSK_KEY_FILE, why);
            return 2;
        }
    }
    /* A file: the line that holds the key (a note may stand beside it),
     * as the staff screen reads it from a stick. */
    seal_status st = file ? seal_key_file_parse(file, strlen(file), pk) : seal_key_parse(arg, pk);
    free(file);
    if (st != SEAL_OK) {
        seal_fail(o, o->args[2], st);
        return 2;
    }
    store *db = open_db(o, NULL);
    if (!db)
        return 2;
    char text[SEAL_KEY_TEXT_MAX], fp[SEAL_FINGERPRINT_MAX], err[512];
    seal_key_text(pk, text);
    seal_fingerprint(pk, fp);
    int rc = 0;
    seal_signer me;
    if (!store_set_setting(db, SEAL_SETTING_PUBLIC, text, err, sizeof err) ||
        !sync_signer(db, &me, NULL, err, sizeof err)) { /* this kiosk's own signing key */
        fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else {
        printf(msg_get(o->lang, MSG_KIOSK_ENROLLED), fp);
        printf("\n");
        seal_fingerprint(me.pk, fp);
        printf(msg_get(o->lang, MSG_KIOSK_SIGNER), fp);
        printf("\n");
        /* The office's copy of the data key: now when the PIN is given,
         * else at the next unlock (store_unlock adds it). */
        if (store_locked(db) && getenv("MADOGUCHI_PIN") &&
            !store_unlock(db, getenv("MADOGUCHI_PIN"), err, sizeof err)) {
            fprintf(stderr, "madoguchi: %s\n", err);
            rc = 2;
        }
    }
    seal_signer_fini(&me);
    store_close(db);
    return rc;
}

/* ---- notes export, import, csv, faq, conflicts, resolve, edit, purge ---- */

static void say(const opts *o, msg_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    vprintf(msg_get(o->lang, id), ap);
    va_end(ap);
    putchar('\n');
}

static void complain(const opts *o, msg_id id, ...)
{
    va_list ap;
    va_start(ap, id);
    fputs("madoguchi: ", stderr);
    vfprintf(stderr, msg_get(o->lang, id), ap);
    va_end(ap);
    fputc('\n', stderr);
}

/* The office key this database seals to: the enrolled public key, or the
 * office's own when it holds the locked secret.  False after saying why. */
static bool office_public(const opts *o, store *db, unsigned char pk[SEAL_PK_BYTES])
{
    char err[512], *text = NULL;
    int got = store_setting(db, SEAL_SETTING_PUBLIC, &text, err, sizeof err);
    seal_status st = got == 1 ? seal_key_parse(text, pk) : SEAL_KEY_BAD;
    free(text);
    if (got < 0) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return false;
    }
    if (got == 0) {
        complain(o, MSG_KIOSK_NO_KEY, store_path(db));
        return false;
    }
    if (st != SEAL_OK)
        seal_fail(o, store_path(db), st);
    return st == SEAL_OK;
}

/* The office key pair, unlocked with the passphrase.  False after saying
 * why. */
static bool office_secret(const opts *o, store *db, seal_office *k)
{
    char err[512], *text = NULL, pass[256];
    int got = store_setting(db, SEAL_SETTING_SECRET, &text, err, sizeof err);
    bool ok = false;
    if (got < 0)
        fprintf(stderr, "madoguchi: %s\n", err);
    else if (got == 0)
        complain(o, MSG_OFFICE_NONE, store_path(db));
    else if (read_passphrase(o, false, pass, sizeof pass)) {
        seal_status st = seal_office_unlock(text, pass, k);
        if (st != SEAL_OK)
            seal_fail(o, store_path(db), st);
        ok = st == SEAL_OK;
    }
    sodium_memzero(pass, sizeof pass);
    free(text);
    return ok;
}

/* With the kiosk purge-after setting: the notes exported more than that
 * many days ago are removed after each verified export (and at each start
 * of the kiosk, staff_install). */
static int purge_old(const opts *o, store *db)
{
    char err[512];
    int days;
    size_t n = 0;
    if (!sync_purge_due(db, wall_ms(), &days, &n, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    if (n)
        say(o, MSG_SYNC_PURGED, (int)n);
    return 0;
}

/* kiosk purge-after DAYS: remove exported notes that many days after their
 * export, at each export (0 turns it off). */
static int kiosk_purge_after(const opts *o)
{
    int days;
    if (!parse_int(o->args[2], 0, 36500, &days)) {
        fprintf(stderr, "madoguchi: ");
        fprintf(stderr, msg_get(o->lang, MSG_ERR_NUMBER), "purge-after", o->args[2]);
        fputc('\n', stderr);
        return 2;
    }
    store *db = open_db(o, NULL);
    if (!db)
        return 2;
    char err[512], v[16];
    snprintf(v, sizeof v, "%d", days);
    int rc = 0;
    if (!store_set_setting(db, SYNC_SETTING_PURGE_DAYS, days ? v : "", err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else {
        say(o, days ? MSG_SYNC_PURGE_AFTER : MSG_SYNC_PURGE_OFF, days);
    }
    store_close(db);
    return rc;
}

static int notes_export(const opts *o, store *db)
{
    unsigned char pk[SEAL_PK_BYTES];
    char err[1024];
    if (!o->out) {
        complain(o, MSG_SYNC_NO_OUT);
        return 2;
    }
    if (!office_public(o, db, pk))
        return 2;
    /* Written atomically, read back from the stick, checked, recorded. */
    sync_written w;
    switch (sync_export_file(db, pk, o->all, NULL, o->out, wall_ms(), &w, err, sizeof err)) {
    case SYNC_W_OK:
        say(o, MSG_SYNC_EXPORTED, (int)w.notes, (int)w.revisions, w.path, (int)w.seq);
        return purge_old(o, db);
    case SYNC_W_NOTHING: say(o, MSG_SYNC_NOTHING); return 0;
    case SYNC_W_VERIFY: complain(o, MSG_SYNC_VERIFY, err); return 2;
    default: fprintf(stderr, "madoguchi: %s\n", err); return 2;
    }
}

static int notes_import(const opts *o, store *db)
{
    if (o->nargs < 3) {
        complain(o, MSG_SYNC_NO_FILES);
        return 2;
    }
    seal_office k = {0};
    if (!office_secret(o, db, &k))
        return 2;
    size_t n = (size_t)(o->nargs - 2);
    sync_file **files = xcalloc(n, sizeof *files); // NOLINT(bugprone-sizeof-expression): pointers
    int rc = 0;
    char err[1024];
    /* Every file read, decrypted and checked before the master is touched. */
    for (size_t i = 0; i < n; i++) {
        const char *path = o->args[2 + i];
        struct stat sb;
        size_t len = 0;
        char *data = NULL;
        if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
            complain(o, MSG_SYNC_DIR, path);
            rc = 2;
            continue;
        }
        /* Bounded before anything is read: a stick may hold anything. */
        if (stat(path, &sb) == 0 && (unsigned long long)sb.st_size > SEAL_FILE_MAX) {
            seal_fail(o, path, SEAL_TOO_BIG);
            rc = 2;
            continue;
        }
        if (!(data = read_file(path, &len))) {
            complain(o, MSG_SYNC_READ, path, strerror(errno));
            rc = 2;
            continue;
        }
        seal_status st;
        if (!sync_read(&k, data, len, &files[i], &st, err, sizeof err)) {
            if (st != SEAL_OK)
                seal_fail(o, path, st);
            else
                complain(o, MSG_SYNC_BAD_BODY, path, err);
            rc = 2;
        }
        free(data);
    }
    seal_office_fini(&k);
    sync_counts c;
    if (rc == 0 && !sync_merge(db, files, n, wall_ms(), &c, err, sizeof err)) {
        if (c.refused_file >= 0) /* another key for a kiosk already known: refused */
            complain(o, MSG_SYNC_OTHER_SIGNER, o->args[2 + c.refused_file], c.refused_source,
                     c.recorded_fp, c.refused_fp);
        else
            fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else if (rc == 0) {
        say(o, MSG_SYNC_IMPORTED, (int)c.new_notes, (int)c.updated, (int)c.unchanged,
            (int)c.conflicts);
        for (size_t i = 0; i < c.new_signers && i < SYNC_MAX_NEW_SIGNERS; i++)
            say(o, MSG_SYNC_NEW_SIGNER, c.signer_source[i], c.signer_fp[i]);
    }
    for (size_t i = 0; i < n; i++)
        sync_file_free(files[i]);
    free(files);
    return rc;
}

/* "2026-04-01" as local midnight in Unix ms; false when it is not a date. */
static bool parse_date(const char *s, long long *ms)
{
    struct tm tm = {0};
    char extra;
    if (sscanf(s, "%d-%d-%d%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &extra) != 3 ||
        tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31)
        return false;
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    tm.tm_isdst = -1;
    time_t t = mktime(&tm);
    if (t == (time_t)-1)
        return false;
    *ms = (long long)t * 1000;
    return true;
}

static int notes_csv(const opts *o, store *db)
{
    csv_encoding e = CSV_UTF8;
    long long since = 0;
    char err[1024];
    if (!o->out) {
        complain(o, MSG_ERR_NO_OUTPUT_CSV);
        return 2;
    }
    if (o->encoding && !csv_encoding_parse(o->encoding, &e)) {
        complain(o, MSG_CSV_ENCODING, o->encoding);
        return 2;
    }
    if (o->since && !parse_date(o->since, &since)) {
        complain(o, MSG_SYNC_SINCE, o->since);
        return 2;
    }
    note *v;
    size_t n;
    if (!notes_list(db, 0, &v, &n, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    /* --since: the notes changed on or after that day, oldest first. */
    size_t kept = 0;
    for (size_t i = 0; i < n; i++) {
        if (v[i].updated >= since)
            v[kept++] = v[i];
        else
            note_fini(&v[i]);
    }
    for (size_t i = 0; i < kept / 2; i++) {
        note t = v[i];
        v[i] = v[kept - 1 - i];
        v[kept - 1 - i] = t;
    }
    strbuf out;
    strbuf_init(&out);
    csv_lack *lacks = NULL;
    size_t nlacks = 0;
    int rc = 0;
    if (!csv_notes(v, kept, e, &out, &lacks, &nlacks, err, sizeof err) ||
        !write_file_atomic(o->out, out.s, out.len, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        rc = 2;
    } else {
        for (size_t i = 0; i < nlacks; i++) {
            char ch[8] = "";
            int32_t off = 0;
            UBool bad = false;
            U8_APPEND((uint8_t *)ch, off, (int32_t)sizeof ch - 1, lacks[i].cp, bad);
            (void)bad;
            ch[off] = '\0';
            complain(o, MSG_CSV_LACK, lacks[i].note, lacks[i].field, ch, (unsigned)lacks[i].cp);
        }
        say(o, MSG_CSV_WRITTEN, (int)kept, o->out);
        rc = nlacks ? 1 : 0;
    }
    free(lacks);
    strbuf_fini(&out);
    notes_free(v, kept);
    return rc;
}

static int notes_faq(const opts *o, store *db)
{
    note *v;
    size_t n;
    char err[512];
    if (!notes_list(db, 0, &v, &n, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    strbuf out;
    strbuf_init(&out);
    if (csv_faq(v, n, o->lang, &out) == 0)
        say(o, MSG_FAQ_NONE);
    fputs(out.s, stdout);
    strbuf_fini(&out);
    notes_free(v, n);
    return 0;
}

/* The note named by a unique prefix of its id into id; false after saying
 * why. */
static bool find_note(const opts *o, store *db, const char *prefix, char id[37])
{
    char err[512];
    int got = sync_find(db, prefix, id, err, sizeof err);
    if (got == 1)
        return true;
    if (got == 2)
        complain(o, MSG_SYNC_AMBIGUOUS, prefix);
    else if (got == 0)
        complain(o, MSG_ERR_NO_NOTE, prefix);
    else
        fprintf(stderr, "madoguchi: %s\n", err);
    return false;
}

static int notes_revisions(const opts *o, store *db, const char *prefix)
{
    char id[37], err[512];
    if (!find_note(o, db, prefix, id))
        return 1;
    sync_rev_info *v;
    size_t n;
    if (!sync_revisions(db, id, &v, &n, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    for (size_t i = 0; i < n; i++) {
        printf("== %s", v[i].rev);
        if (v[i].parents[0])
            printf("  %s %s", msg_get(o->lang, MSG_REV_REPLACES), v[i].parents);
        if (v[i].head)
            printf("  [%s]", msg_get(o->lang, MSG_REV_HEAD));
        if (v[i].shown)
            printf("  [%s]", msg_get(o->lang, MSG_REV_SHOWN));
        putchar('\n');
        print_note(&v[i].n, o->json);
        if (o->json)
            putchar('\n');
    }
    if (n == 0) { /* a note that never synced: the one version there is */
        note one;
        if (notes_get(db, id, &one, err, sizeof err) == 1) {
            print_note(&one, o->json);
            note_fini(&one);
        }
    }
    sync_rev_info_free(v, n);
    return 0;
}

static int notes_conflicts(const opts *o, store *db)
{
    char **v, err[512];
    size_t n;
    if (!sync_conflicts(db, &v, &n, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    for (size_t i = 0; i < n; i++)
        printf("%s\n", v[i]);
    if (n == 0)
        say(o, MSG_SYNC_NO_CONFLICTS);
    strv_free(v, n);
    return 0;
}

static int notes_resolve(const opts *o, store *db)
{
    char id[37], err[512];
    if (o->nargs < 3 || !o->keep) {
        complain(o, MSG_SYNC_NEED_KEEP);
        return 2;
    }
    if (!find_note(o, db, o->args[2], id))
        return 1;
    if (!sync_resolve(db, id, o->keep, wall_ms(), err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    say(o, MSG_SYNC_RESOLVED, id, o->keep);
    return 0;
}

/* notes edit ID --FIELD VALUE...: through the field table, as notes add. */
static int notes_edit(const opts *o, store *db)
{
    char id[37], err[512];
    if (o->nargs < 3) {
        fputs(msg_get(o->lang, MSG_USAGE), stderr);
        return 2;
    }
    if (!find_note(o, db, o->args[2], id))
        return 1;
    note n;
    int got = notes_get(db, id, &n, err, sizeof err);
    if (got != 1) {
        fprintf(stderr, "madoguchi: %s\n", got < 0 ? err : id);
        return 2;
    }
    /* The options notes add has too, then every other --NAME. */
    const char *given[64];
    memcpy(given, o->field, sizeof given);
    const struct {
        const char *name, *value;
    } named[] = {{"question", o->question}, {"category", o->category}, {"answer", o->answer},
                 {"company", o->company},   {"channel", o->channel},   {"faq", o->faq ? "1" : NULL}};
    for (size_t i = 0; i < MG_ARRAY_LEN(named); i++) {
        const rec_field *f = rec_find(named[i].name);
        if (f && named[i].value && f - rec_fields < 64)
            given[f - rec_fields] = named[i].value;
    }
    bool ok = true;
    for (size_t i = 0; i < rec_nfields && i < 64 && ok; i++) {
        const char *v = given[i];
        if (!v)
            continue;
        const rec_field *f = &rec_fields[i];
        if (f->flags & REC_FIXED) {
            complain(o, MSG_SYNC_FIXED, f->name);
            ok = false;
        } else {
            ok = rec_set_lang(&n, f, v, o->lang, err, sizeof err);
            if (!ok)
                fprintf(stderr, "madoguchi: %s\n", err);
        }
    }
    if (ok && !notes_save(db, &n, wall_ms(), err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        ok = false;
    }
    if (ok)
        printf("%s\n", n.id);
    note_fini(&n);
    return ok ? 0 : 2;
}

static int notes_purge(const opts *o, store *db)
{
    char err[512];
    size_t n;
    if (!o->exported) {
        complain(o, MSG_SYNC_PURGE_FLAG);
        return 2;
    }
    if (!sync_purge_exported(db, 0, &n, err, sizeof err)) {
        fprintf(stderr, "madoguchi: %s\n", err);
        return 2;
    }
    say(o, MSG_SYNC_PURGED, (int)n);
    return 0;
}

/* The notes subcommands that carry notes to the office; -1 for the rest. */
static int cmd_notes_sync(const opts *o)
{
    static const struct {
        const char *name;
        int (*run)(const opts *o, store *db);
    } subs[] = {
        {"export", notes_export},   {"import", notes_import},       {"csv", notes_csv},
        {"faq", notes_faq},         {"conflicts", notes_conflicts}, {"resolve", notes_resolve},
        {"edit", notes_edit},       {"purge", notes_purge},
    };
    const char *sub = o->nargs > 1 ? o->args[1] : "";
    bool revisions = !strcmp(sub, "show") && o->all_revisions && o->nargs > 2;
    for (size_t i = 0; i < MG_ARRAY_LEN(subs) || revisions; i++) {
        if (!revisions && strcmp(sub, subs[i].name) != 0)
            continue;
        char err[512];
        store *db = open_store(o, err, sizeof err);
        if (!db) {
            fprintf(stderr, "madoguchi: %s\n", err);
            return 2;
        }
        int rc = revisions ? notes_revisions(o, db, o->args[2]) : subs[i].run(o, db);
        store_close(db);
        return rc;
    }
    return -1;
}

/* The commands, by their first word; each takes the parsed options. */
static const struct {
    const char *name;
    int (*run)(const opts *o);
} commands[] = {
    {"check", cmd_check},     {"deck", cmd_deck},       {"search", cmd_search},
    {"notes", cmd_notes},     {"pin", cmd_pin},         {"handout", cmd_handout},
    {"office", cmd_office},   {"kiosk", cmd_kiosk},     {"stats", cmd_stats},
    {"suggest", cmd_suggest},
#ifndef MG_CLI
    {"screenshot", cmd_screenshot}, {"present", cmd_present}, {"setup", cmd_setup},
#endif
};

int main(int argc, char **argv)
{
    opts o;
    int rc = parse(argc, argv, &o);
    if (rc)
        return rc < 0 ? 0 : rc;
    for (size_t i = 0; o.nargs && i < MG_ARRAY_LEN(commands); i++)
        if (strcmp(o.args[0], commands[i].name) == 0)
            return commands[i].run(&o);
#ifdef MG_CLI
    /* The kiosk, and a command this program has not: the whole program's,
     * which parses the same argv again and so says what is wrong. */
    return program_become("madoguchi-app", argv);
#else
    if (o.nargs == 0)
        return cmd_screen(&o, false);
    fail(o.lang, MSG_ERR_COMMAND, o.args[0]);
    fputs(msg_get(o.lang, MSG_USAGE), stderr);
    return 2;
#endif
}
