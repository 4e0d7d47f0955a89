/*
 * referrals.h - the referral quick list (相談・届出先クイックリスト):
 * assets/referrals.ini, one [id] section an agency, read with inih.
 *
 * Every agency has a name, what it handles, phone, web address, hours,
 * notes, the date its details were last checked and whether they still
 * need confirming.  Each visitor problem has its own ordered list, a
 * [problem:CODE] section whose keys are agency ids in the order a visitor
 * should try them, each with one line saying why this one and when the
 * next.  A malformed or incomplete entry is reported as file:line and left
 * out; the rest shows.
 *
 * Depends on: inih, diag.
 */
#ifndef MG_REFERRALS_H
#define MG_REFERRALS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "msg.h"

/* The problems a visitor picks from, in screen order. */
typedef enum ref_problem {
    REF_VIRUS,
    REF_MAIL,
    REF_MONEY,
    REF_LEAK,
    REF_WEB,
    REF_POSTS,
    REF_SHOP_BOUGHT,    /* the company bought from a fake shop */
    REF_SHOP_FAKE,      /* a fake site or shop poses as the company */
    REF_SHOP_CUSTOMERS, /* the company's customers were cheated */
    REF_PREPARE,
    REF_PROBLEM_COUNT
} ref_problem;

typedef struct ref_agency {
    char *id, *name, *handles, *phone, *hours, *web, *notes, *checked;
    bool verify;
    unsigned problems; /* bit per ref_problem whose list has it */
    int line;          /* of its [section] */
} ref_agency;

/* One card of a problem's list: the agency, and why it comes here. */
typedef struct ref_card {
    char *id;
    const ref_agency *a; /* into the list's a[]; set once the file is read */
    char *why;           /* why this one, and when to go on to the next */
    int line;
} ref_card;

typedef struct ref_order {
    ref_card *c;
    size_t n, cap;
} ref_order;

typedef struct ref_list {
    ref_agency *a;
    size_t n;
    ref_order order[REF_PROBLEM_COUNT]; /* each problem's cards, first first */
} ref_list;

/* Load path into l (caller storage).  Returns the number of agencies.
 * The lists are checked: an unknown id, an id twice in one list, a card
 * without its why-line, a problem with no list or an empty one, and an
 * agency in no list are reported with file and line. */
size_t ref_load(ref_list *l, const char *path, diag_list *d);
void ref_fini(ref_list *l);
const ref_agency *ref_find(const ref_list *l, const char *id);
/* Problem p's cards, in the order the visitor should try them (never NULL;
 * borrowed from l). */
const ref_order *ref_cards(const ref_list *l, ref_problem p);
/* The code used in the file ("virus"...) and the label shown. */
const char *ref_problem_code(ref_problem p);
msg_id ref_problem_label(ref_problem p);

#endif
