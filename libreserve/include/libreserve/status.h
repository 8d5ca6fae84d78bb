/* SPDX-License-Identifier: MIT */
/*
 * libreserve status codes.  Every fallible function of the core returns one
 * of these; the glue maps them to BUG() (hvmloader), -1/errno (libxc) or an
 * exit code (CLI).  Values are stable: they appear in logs and JSON.
 */
#ifndef LIBRESERVE_STATUS_H
#define LIBRESERVE_STATUS_H

#define LR_MUST_CHECK __attribute__((__warn_unused_result__))

enum lr_status {
    LR_OK = 0,
    LR_E_INVAL = 1,      /* argument outside its documented domain */
    LR_E_WRAP = 2,       /* base + size wraps past 2^64 - 1 */
    LR_E_EMPTY = 3,      /* size 0 where a range is required */
    LR_E_NOSPACE = 4,    /* caller storage full: nothing was truncated */
    LR_E_OVERLAP = 5,    /* ranges that must be disjoint overlap */
    LR_E_CONFLICT = 6,   /* a strict reservation conflicts: build fails */
    LR_E_NOFIT = 7,      /* no free space satisfies size/alignment */
    LR_E_PARSE = 8,      /* malformed external value (xenstore, text) */
    LR_E_BUDGET = 9,     /* output over the consumer's entry budget */
    LR_E_NOTFOUND = 10,  /* a required key or item is missing */
    LR_E_ALIGN = 11,     /* value not aligned as the contract requires */
    LR_E_IO = 12,        /* a caller callback reported failure */
};

/* Stable short name of a status ("LR_E_WRAP"); never NULL. */
const char *lr_status_name(enum lr_status st);

/* One-line English description of a status; never NULL. */
const char *lr_status_str(enum lr_status st);

#endif /* LIBRESERVE_STATUS_H */
