/* SPDX-License-Identifier: MIT */
/*
 * A `xenstore-ls -f` dump as a read-only store for the schema reader
 * (lr_xs_read_input): lines '/local/domain/5/libreserve/version = "1"',
 * values escaped as xenstore-ls does (\\, \t, \n, \r, \ooo, \xhh; '"' is
 * not escaped, so the value ends at the line's last '"').
 */
#ifndef SIM_XSDUMP_H
#define SIM_XSDUMP_H

#include <stddef.h>
#include <libreserve/xs.h>
#include "simdiag.h"

struct xsdump_node {
    char *path;                 /* absolute */
    char *value;
};

struct xsdump {
    unsigned int nr;
    struct xsdump_node *n;
    int domid;                  /* the domain read_input looks under */
    char prefix[40];            /* "/local/domain/<domid>/" */
};

/* Parse the dump text; garbage lines are named (XSDUMP-GARBAGE) and
 * skipped.  Returns 0, or -1 if nothing was read. */
int xsdump_parse(const char *text, size_t len, const char *name,
                 struct xsdump *x, struct sim_diags *ds);
int xsdump_load(const char *path, struct xsdump *x, struct sim_diags *ds);
void xsdump_free(struct xsdump *x);

/* Choose the domain: domid >= 0 as given, else the only domain with a
 * libreserve/version key.  Returns 0, or -1 with XSDUMP-NO-SCHEMA /
 * XSDUMP-DOMID-AMBIGUOUS. */
int xsdump_select(struct xsdump *x, int domid, struct sim_diags *ds);

/* Store callbacks for lr_xs_read_input (ctx = the struct xsdump). */
void xsdump_ops(struct xsdump *x, struct lr_xs_ops *ops);

#endif /* SIM_XSDUMP_H */
