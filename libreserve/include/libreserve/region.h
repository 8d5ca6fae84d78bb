/* SPDX-License-Identifier: MIT */
/*
 * Typed regions: a range with a kind, an owner and a policy.
 */
#ifndef LIBRESERVE_REGION_H
#define LIBRESERVE_REGION_H

#include <stdint.h>
#include <libreserve/range.h>

enum lr_kind {
    LR_KIND_RAM = 0,
    LR_KIND_RMRR,       /* VT-d reserved memory region of a host device */
    LR_KIND_PMEM,       /* vNVDIMM data (the NFIT SPA range) */
    LR_KIND_LABEL,      /* vNVDIMM in-band label area */
    LR_KIND_DSM,        /* vNVDIMM _DSM mailbox page */
    LR_KIND_FIRMWARE,   /* fixed platform range (VGA/BIOS, hvmloader, ...) */
    LR_KIND_MMIO32,
    LR_KIND_MMIO64,
    LR_KIND_ACPI,
    LR_KIND__COUNT
};

enum lr_policy {
    LR_POLICY_STRICT = 0,   /* a conflict fails the build */
    LR_POLICY_RELAXED = 1,  /* a conflict warns and drops the region */
};

/* Owner text, NUL included.  Longer owners are cut and end in "...". */
#define LR_OWNER_LEN 128

struct lr_region {
    struct lr_range range;
    uint8_t kind;           /* enum lr_kind */
    uint8_t policy;         /* enum lr_policy */
    uint16_t src;           /* index of the input entry it came from */
    uint8_t ndevs;          /* devices sharing it (RMRR); 0 or 1: one */
    char owner[LR_OWNER_LEN];
};

/* Fill *reg.  The owner is copied and cut to fit (ending in "..."); a NULL
 * owner gives "". */
void lr_region_set(struct lr_region *reg, const struct lr_range *range,
                   enum lr_kind kind, enum lr_policy policy,
                   const char *owner);

/* Stable kind name: "RAM", "RMRR", "PMEM", "LABEL", "DSM", "FIRMWARE",
 * "MMIO32", "MMIO64", "ACPI"; "?" for out-of-range values. */
const char *lr_kind_name(unsigned int kind);

/* "strict" or "relaxed" ("?" for out-of-range values). */
const char *lr_policy_name(unsigned int policy);

/* Parse a kind or policy name (exact, lower or upper case).  LR_E_PARSE if
 * unknown. */
LR_MUST_CHECK enum lr_status lr_kind_parse(const char *s, enum lr_kind *out);
LR_MUST_CHECK enum lr_status lr_policy_parse(const char *s,
                                             enum lr_policy *out);

#endif /* LIBRESERVE_REGION_H */
