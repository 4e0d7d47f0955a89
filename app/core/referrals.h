/*
 * referrals.h - the referral quick list (相談・届出先クイックリスト):
 * assets/referrals.ini, one [id] section an agency, read with inih.
 *
 * Every agency has a name, what it handles, phone, web address, hours,
 * notes, the date its details were last checked, whether they still need
 * confirming, and the visitor problems it answers.  A malformed or
 * incomplete entry is reported as file:line and left out; the rest shows.
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
    REF_SHOP,
    REF_PREPARE,
    REF_PROBLEM_COUNT
} ref_problem;

typedef struct ref_agency {
    char *id, *name, *handles, *phone, *hours, *web, *notes, *checked;
    bool verify;
    unsigned problems; /* bit per ref_problem */
    int line;          /* of its [section] */
} ref_agency;

typedef struct ref_list {
    ref_agency *a;
    size_t n;
} ref_list;

/* Load path into l (caller storage).  Returns the number of agencies. */
size_t ref_load(ref_list *l, const char *path, diag_list *d);
void ref_fini(ref_list *l);
const ref_agency *ref_find(const ref_list *l, const char *id);
/* The code used in the file ("virus"...) and the label shown. */
const char *ref_problem_code(ref_problem p);
msg_id ref_problem_label(ref_problem p);

#endif
