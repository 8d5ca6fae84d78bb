/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics of the simulator's readers (xl.cfg, /proc/iomem, ndctl):
 * a stable code ("XL-BAD-MEMORY"), a severity, where (file:line or key),
 * and one line of English.  A growable list in heap memory: the
 * simulator is hosted, unlike the engine.
 */
#ifndef SIM_SIMDIAG_H
#define SIM_SIMDIAG_H

#include <stdio.h>

enum sim_severity {
    SIM_NOTE = 0,
    SIM_WARN = 1,
    SIM_ERROR = 2,
};

struct sim_diag {
    char code[40];
    unsigned char severity;     /* enum sim_severity */
    char where[64];             /* "xl.cfg:12", "vnvdimms[0]", "" */
    char msg[320];
};

struct sim_diags {
    struct sim_diag *d;
    unsigned int nr;
    unsigned int errors;
    unsigned int warnings;
    unsigned int lost;          /* not stored: out of memory */
};

void sim_diags_init(struct sim_diags *ds);
void sim_diags_free(struct sim_diags *ds);

/* Append one diagnostic; never fails visibly (out of memory counts it in
 * 'lost', severity counts stay right). */
void sim_diag(struct sim_diags *ds, const char *code,
              enum sim_severity sev, const char *where, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

/* "note", "warning", "error". */
const char *sim_severity_name(unsigned int sev);

/* Number of diagnostics with this code. */
unsigned int sim_diags_count(const struct sim_diags *ds, const char *code);

/* Append all of src to dst. */
void sim_diags_append(struct sim_diags *dst, const struct sim_diags *src);

/* "warning XL-BAD-MEMORY (xl.cfg): message" per line. */
void sim_diags_print(const struct sim_diags *ds, FILE *f);

#endif /* SIM_SIMDIAG_H */
