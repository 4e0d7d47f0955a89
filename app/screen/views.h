/*
 * views.h - the visitor views and what each is opened with.
 *
 * A view is opened with ui_push(app, &view, args): args is a ui_args with
 * the kind of the view's own arguments (or NULL for its defaults), so
 * nothing passes between views through the app context.  The GUIDE_AT,
 * ... macros make one in place.
 *
 * Depends on: ui.
 */
#ifndef MG_VIEWS_H
#define MG_VIEWS_H

#include "ui.h"

/* What the print view makes. */
typedef enum { HANDOUT_NONE, HANDOUT_DECK, HANDOUT_CHAPTER, HANDOUT_REFERRALS, HANDOUT_CONSULT,
               HANDOUT_SELFCHECK, HANDOUT_FINDER } ui_handout_kind;
typedef struct ui_handout {
    ui_handout_kind kind;
    int index;       /* deck or chapter; HANDOUT_FINDER: the ref_problem */
    char note[37];   /* consultation */
    char name[64];   /* file name, without .pdf */
    char answers[128]; /* self-check: "4,2,0,-1,..." */
} ui_handout;

typedef enum ui_args_kind {
    ARGS_NONE,
    ARGS_GUIDE,     /* guide_view */
    ARGS_SEARCH,    /* search_view */
    ARGS_REFERRALS, /* referrals_view */
    ARGS_DECK,      /* slides_view, audience_view, presenter_view */
    ARGS_NOTE,      /* editor_view (staff.h) */
    ARGS_PRINT,     /* print_view */
    ARGS_SELFCHECK, /* selfcheck_view */
    ARGS_FAQ,       /* faq_view */
    ARGS_FINDER,    /* finder_view */
    ARGS_PICTURE,   /* picture_view */
} ui_args_kind;

struct ui_args {
    ui_args_kind kind;
    union {
        /* chapter (0-based; -1: the contents), scrolled to line (0: the
         * top) with term highlighted (NULL: none); copied at open */
        struct {
            int chapter, line;
            const char *term;
        } guide;
        const char *query; /* ARGS_SEARCH: words to start with, or NULL */
        int problem;       /* ARGS_REFERRALS: a ref_problem, or -1 to choose */
        int deck;          /* ARGS_DECK: an index in app->decks */
        const char *note;  /* ARGS_NOTE: a note id, or NULL / "" for a new one */
        ui_handout print;  /* ARGS_PRINT */
        /* ARGS_SELFCHECK: answers so far ("4,2,..."; NULL: none), and
         * whether finishing counts them (a visitor's own) */
        struct {
            const char *answers;
            bool count;
        } selfcheck;
        /* ARGS_FAQ: a category's questions (an index of faq_category_code;
         * -1 with item -1: choose one), or one item (index in the FAQ) */
        struct {
            int category, item;
        } faq;
        int finder; /* ARGS_FINDER: a ref_problem, or -1 to choose */
        /* ARGS_PICTURE: the picture's path (as the book names it) and its
         * alt text (NULL: none); copied at open */
        struct {
            const char *path, *alt;
        } picture;
    };
};

#define GUIDE_AT(ch) (&(const ui_args){.kind = ARGS_GUIDE, .guide = {.chapter = (ch)}})
#define GUIDE_LINE(ch, ln, t) \
    (&(const ui_args){.kind = ARGS_GUIDE, .guide = {.chapter = (ch), .line = (ln), .term = (t)}})
#define SEARCH_FOR(q) (&(const ui_args){.kind = ARGS_SEARCH, .query = (q)})
#define REFERRALS_FOR(p) (&(const ui_args){.kind = ARGS_REFERRALS, .problem = (p)})
#define DECK_AT(d) (&(const ui_args){.kind = ARGS_DECK, .deck = (d)})
#define FAQ_CATEGORY(c) (&(const ui_args){.kind = ARGS_FAQ, .faq = {.category = (c), .item = -1}})
#define FAQ_ITEM(i) (&(const ui_args){.kind = ARGS_FAQ, .faq = {.category = -1, .item = (i)}})
#define FINDER_FOR(p) (&(const ui_args){.kind = ARGS_FINDER, .finder = (p)})
#define NOTE_ID(id) (&(const ui_args){.kind = ARGS_NOTE, .note = (id)})
#define PICTURE_OF(p, a) (&(const ui_args){.kind = ARGS_PICTURE, .picture = {.path = (p), .alt = (a)}})

extern const ui_view_ops home_view;
extern const ui_view_ops guide_view;     /* ARGS_GUIDE; NULL: the contents */
extern const ui_view_ops search_view;    /* ARGS_SEARCH */
extern const ui_view_ops referrals_view; /* ARGS_REFERRALS; NULL: choose */
extern const ui_view_ops print_view;     /* 印刷・保存: ARGS_PRINT */
extern const ui_view_ops selfcheck_view; /* ARGS_SELFCHECK; NULL: a visitor's, from the start */
extern const ui_view_ops faq_view;       /* よくある質問: ARGS_FAQ; NULL: the categories */
extern const ui_view_ops finder_view;    /* 何が起きましたか？: ARGS_FINDER; NULL: choose */
extern const ui_view_ops picture_view;   /* ARGS_PICTURE: one picture, full screen, zoomable */

/* Open 印刷・保存 for a handout (the name is made safe for a file). */
void ui_print(ui_app *app, ui_handout_kind kind, int index, const char *note_id, const char *name);

/* What the reader on top shows (tests); false if it is not on top. */
typedef struct guide_view_info {
    int chapter; /* -1: contents */
    int scroll, max_scroll;
    bool flinging;
    const char *term;
    int text_pct; /* the text size, percent of normal */
} guide_view_info;
bool guide_view_state(const ui_app *app, guide_view_info *out);

/* The picture view on top (tests): its zoom (1.0: the whole picture fits)
 * and the picture's centre offset from the screen's, in pixels. */
typedef struct picture_view_info {
    float zoom;
    int dx, dy;
    int w, h; /* the picture's own size */
} picture_view_info;
bool picture_view_state(const ui_app *app, picture_view_info *out);

typedef struct search_view_info {
    const char *query, *compose;
    size_t nhits;
    int nchips;
} search_view_info;
bool search_view_state(const ui_app *app, search_view_info *out);
/* The box of a control of the search view on top (tests): "box", "clear"
 * (the × shown with a query) or an on-screen key by its label. */
bool search_view_key(const ui_app *app, const char *label, SDL_Rect *r);

/* Where the self-check on top is (tests); false if it is not on top. */
typedef struct selfcheck_view_info {
    int at, n;        /* the question shown (n: the result) and how many */
    bool explain, counted;
    sc_score score;   /* at the result */
    const sc_answer *answers;
    SDL_Rect button[4], why, print; /* done, partly, not done, don't know */
} selfcheck_view_info;
bool selfcheck_view_state(const ui_app *app, selfcheck_view_info *out);

/* Where the FAQ view or the problem finder on top is (tests); false if
 * it is not on top.  tile[]: the categories or problems to choose (n of
 * them), rows: the questions of a category; links: chapter buttons. */
typedef struct pick_view_info {
    int category, item; /* faq_view: as its args */
    int problem;        /* finder_view: -1 the picker */
    int n;              /* tiles or rows shown */
    SDL_Rect tile[16];  /* screen coordinates */
    int nlinks;
    SDL_Rect link[8];   /* screen coordinates (off screen: scrolled away) */
    SDL_Rect print;     /* finder: the print button */
    int scroll, max_scroll;
} pick_view_info;
bool faq_view_state(const ui_app *app, pick_view_info *out);
bool finder_view_state(const ui_app *app, pick_view_info *out);

/* What the print view on top is doing (tests); false if it is not on top. */
typedef struct print_view_info {
    bool making; /* the PDF is being made (in the background) */
    bool made, failed;
    int pct;     /* progress shown */
    int pages;
} print_view_info;
bool print_view_state(const ui_app *app, print_view_info *out);

#endif
