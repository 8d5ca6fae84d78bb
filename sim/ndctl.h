/* SPDX-License-Identifier: MIT */
/*
 * `ndctl list` JSON (json-c): the host's pmem namespaces with their
 * physical base ("resource", shown by `ndctl list -v` or -R -N -v) and
 * size.  Accepted shapes, as ndctl prints them: one namespace object, an
 * array of namespaces, {"regions": [{..., "namespaces": [...]}]}, an
 * array of regions, or {"namespaces": [...]}.  Anything else is named
 * (NDCTL-BAD-SHAPE, NDCTL-BAD-FIELD, ...).
 */
#ifndef SIM_NDCTL_H
#define SIM_NDCTL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "simdiag.h"

#define NDCTL_MAX_NAMESPACES 256

struct ndctl_ns {
    char dev[32];           /* "namespace0.0" */
    char mode[16];          /* fsdax, devdax, sector, raw, ... */
    char region[32];        /* "region0" when listed under a region */
    char blockdev[32];      /* "pmem0": bound by a driver in dom0 */
    char chardev[32];       /* "dax0.0" */
    bool has_resource;
    uint64_t resource;      /* host physical base */
    uint64_t size;
};

struct ndctl_list {
    unsigned int nr;
    struct ndctl_ns ns[NDCTL_MAX_NAMESPACES];
};

/* Parse the JSON text.  Returns 0, or -1 when the JSON does not parse or
 * has no namespace of the expected shape. */
int ndctl_parse(const char *text, size_t len, const char *name,
                struct ndctl_list *l, struct sim_diags *ds);
int ndctl_load(const char *path, struct ndctl_list *l, struct sim_diags *ds);

/* Index of the namespace whose [resource, resource + size) contains
 * [base, last], or -1. */
int ndctl_find(const struct ndctl_list *l, uint64_t base, uint64_t last);

#endif /* SIM_NDCTL_H */
