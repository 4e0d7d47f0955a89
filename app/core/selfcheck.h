/*
 * selfcheck.h - the visitor's security self-check: assets/selfcheck.ini,
 * its scoring and what to do first.
 *
 * 25 questions in three parts (basic measures, what each employee does,
 * what the organisation does), each tied to a NIST CSF function, an area
 * (a named group of questions: "backup", "password", ...), the guidebook
 * chapter that explains it and an improvement tip.  An answer is done,
 * partly, not done or don't know, worth 4, 2, 0 and -1 points; an
 * unanswered question is worth 0 and is counted apart.
 *
 * The file:
 *   [selfcheck]            title, intro, two_star = q20 (the questions that
 *                          stand for a basic policy: SECURITY ACTION two stars)
 *   [area:ID]              name
 *   [q01] ... [q25]        part = basic|employee|organisation,
 *                          function = identify|protect|detect|respond|recover,
 *                          area, chapter (a guidebook file name without .md),
 *                          text, explain, tip
 * Problems (a missing field, an unknown value, area or chapter, a
 * duplicate id) are reported as file:line and the question left out.
 *
 * No answer is ever linked to a person or company: see sccount.h for the
 * only thing kept.
 *
 * Depends on: inifile (inih), diag, layout (the chart), msg.
 */
#ifndef MG_SELFCHECK_H
#define MG_SELFCHECK_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "layout.h"
#include "msg.h"

typedef enum sc_part { SC_BASIC, SC_EMPLOYEE, SC_ORG, SC_PART_COUNT } sc_part;

typedef enum sc_func {
    SC_IDENTIFY,
    SC_PROTECT,
    SC_DETECT,
    SC_RESPOND,
    SC_RECOVER,
    SC_FUNC_COUNT
} sc_func;

typedef enum sc_answer {
    SC_UNANSWERED = 0,
    SC_DONE,
    SC_PARTLY,
    SC_NOT_DONE,
    SC_DONT_KNOW,
    SC_ANSWER_COUNT
} sc_answer;

typedef struct sc_area {
    char *id, *name; /* owned */
    int line;
} sc_area;

typedef struct sc_question {
    char *id;      /* owned: "q01" */
    sc_part part;
    sc_func func;
    int area;      /* index into selfcheck.areas */
    char *chapter; /* owned: a guidebook file name without .md */
    char *text, *explain, *tip; /* owned */
    bool two_star; /* stands for the basic policy (two stars) */
    int line;
} sc_question;

typedef struct selfcheck {
    char *title, *intro; /* owned; may be NULL */
    sc_question *q;
    size_t n;
    sc_area *areas;
    size_t nareas;
} selfcheck;

/*
 * Load path into s (caller storage, zeroed here).  chapters[0..nchapters)
 * are the guidebook's chapter names (file names without .md) a question
 * may point at; with nchapters 0 chapters are not checked.  Returns the
 * number of questions kept; problems go to d (may be NULL).
 */
size_t sc_load(selfcheck *s, const char *path, const char *const *chapters, size_t nchapters,
               diag_list *d);
/* sc_fini(NULL) is a no-op. */
void sc_fini(selfcheck *s);

/* Points for an answer: 4, 2, 0, -1, and 0 for unanswered. */
int sc_points(sc_answer a);
/* The code used on the command line ("4", "2", "0", "-1", "" unanswered)
 * and the label shown. */
const char *sc_answer_code(sc_answer a);
msg_id sc_answer_label(sc_answer a);
msg_id sc_part_label(sc_part p);
msg_id sc_func_label(sc_func f);
/* "identify" ... and "basic" ...; NULL for a value out of range. */
const char *sc_func_code(sc_func f);

/*
 * Parse answers like "4,2,0,-1,..." into out[0..n) (the rest unanswered).
 * An empty field or "_" is unanswered.  Returns 0 when good; otherwise the
 * 1-based position of the first bad answer (a value not among 4, 2, 0, -1,
 * or one past n when there are more answers than questions).
 */
int sc_parse_answers(const char *text, sc_answer *out, size_t n);

/* Which SECURITY ACTION declaration is within reach. */
typedef enum sc_star {
    SC_STAR_NONE, /* work on the basic measures first */
    SC_STAR_ONE,  /* every basic measure at least partly done */
    SC_STAR_TWO,  /* every basic measure done and a basic policy set */
} sc_star;

#define SC_WEAK_MAX 3

typedef struct sc_score {
    int total, max;                 /* points; max is 4 per question */
    int part[SC_PART_COUNT], part_max[SC_PART_COUNT];
    int func[SC_FUNC_COUNT], func_max[SC_FUNC_COUNT];
    int counts[SC_ANSWER_COUNT];    /* how many of each answer */
    /* The weakest areas, weakest first (areas with anything short of
     * done), and for each the question to start with (its tip is the
     * first step). */
    int weak_area[SC_WEAK_MAX], weak_q[SC_WEAK_MAX];
    int nweak;
    sc_star star;
} sc_score;

/*
 * Score answers a[0..s->n) into out.  Areas are ranked by their share of
 * the points they could have (don't-know counts against them, so what is
 * unknown is looked at first); ties go to the area met first in the file.
 * Within an area the first step is the question with the fewest points.
 */
void sc_score_answers(const selfcheck *s, const sc_answer *a, sc_score *out);

/* points out of max as a percentage, 0 to 100 (negative points are 0). */
int sc_percent(int points, int max);

/*
 * The chart of the five functions into r at (x, y), width w, text of size
 * size: per function a label, a track, a bar as long as its percentage
 * and the figure.  Boxes and text only (LAY_RECT, LAY_TEXT), so the
 * screen and paper painters draw the same chart.  Returns the height.
 */
int sc_chart(lay_result *r, const lay_ctx *c, const sc_score *sc, msg_lang lang, int x, int y,
             int w, int size);

#endif
