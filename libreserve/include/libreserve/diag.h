/* SPDX-License-Identifier: MIT */
/*
 * Diagnostics: a stable code, a severity, both parties of a conflict (range,
 * kind, owner), what the engine did, and what would have avoided it.
 */
#ifndef LIBRESERVE_DIAG_H
#define LIBRESERVE_DIAG_H

#include <stddef.h>
#include <stdint.h>
#include <libreserve/region.h>

enum lr_severity {
    LR_SEV_INFO = 0,
    LR_SEV_WARN = 1,
    LR_SEV_ERROR = 2,
};

/* What the engine did about it. */
enum lr_action {
    LR_ACT_NONE = 0,
    LR_ACT_MOVED_RAM,       /* guest RAM moved above 4 GiB */
    LR_ACT_DROPPED,         /* reservation not honoured (relaxed) */
    LR_ACT_FAILED,          /* build failed (strict, or invalid input) */
    LR_ACT_MERGED,          /* duplicate/overlapping inputs merged */
    LR_ACT_PLACED,          /* engine chose an address */
    LR_ACT_IGNORED,         /* malformed input ignored */
    LR_ACT_KEPT,            /* kept as asked, with a caveat */
    LR_ACT_UNPLACED,        /* a BAR left without an address */
};

/*
 * Stable codes.  Never renumber: they appear in logs, JSON and tests.
 * The name (lr_diag_code_name) is "LR-" plus the enum's suffix with '-'.
 */
enum lr_diag_code {
    LR_D_NONE = 0,
    /* input and configuration */
    LR_D_BAD_CONFIG = 1,        /* memory size, hole, boundary, alignment */
    LR_D_BAD_REGION = 2,        /* size 0, wrap, unknown kind */
    LR_D_TOO_MANY = 3,          /* more items than storage or schema max */
    LR_D_DUPLICATE = 4,         /* same range given twice */
    LR_D_OVERLAP = 5,           /* two input reservations overlap */
    LR_D_FIRMWARE_BUG = 6,      /* RMRR at base 0, 0-0xfff, ... */
    /* conflicts */
    LR_D_RAM_MOVED = 10,        /* reservation punched lowmem; RAM moved */
    LR_D_CONFLICT_RAM = 11,     /* cannot avoid guest RAM (xen-compat) */
    LR_D_CONFLICT_FIXED = 12,   /* hits a fixed platform range */
    LR_D_SHARED_RMRR = 13,      /* one RMRR, several devices */
    LR_D_HVMLOADER_BUG = 14,    /* stock hvmloader would BUG() on it */
    LR_D_LOWMEM_LOWERED = 15,   /* xen-compat: lowmem_end lowered */
    LR_D_PACK_EMPTIED = 16,     /* pack: a GiB emptied of RAM */
    /* vNVDIMM */
    LR_D_PMEM_ALIGN = 20,       /* size/base not aligned as required */
    LR_D_PMEM_OVERLAP = 21,     /* vNVDIMMs overlap each other */
    LR_D_PMEM_IN_RAM = 22,      /* fixed address inside guest RAM */
    LR_D_PMEM_IN_HOLE = 23,     /* inside the 32-bit MMIO hole */
    LR_D_PMEM_PLACED = 24,      /* engine chose the address */
    LR_D_PMEM_NOFIT = 25,       /* no room for it */
    LR_D_LABEL_SIZE = 26,       /* label area too small or too large */
    LR_D_DSM_NOFIT = 27,        /* no room for the mailbox page */
    /* external values */
    LR_D_XS_MALFORMED = 30,     /* xenstore value does not parse */
    LR_D_XS_MISSING = 31,       /* required xenstore key missing */
    LR_D_XS_COUNT = 32,         /* count over schema max or keys present */
    LR_D_XS_IO = 33,            /* the store callback failed */
    LR_D_E820_BUDGET = 40,      /* e820 over the consumer's budget */
    /* PCI BARs */
    LR_D_BAR_BAD = 41,          /* size not a power of two, too many */
    LR_D_BAR_HIGH = 42,         /* 64-bit BARs moved above 4 GiB */
    LR_D_BAR_NOFIT = 43,        /* no room: the BAR is not placed */
    LR_D__MAX
};

/* One party of a diagnostic: a copy, so a diagnostic stands alone. */
struct lr_diag_side {
    struct lr_range range;
    uint8_t valid;          /* 0: this side is absent */
    uint8_t kind;           /* enum lr_kind */
    uint8_t policy;         /* enum lr_policy */
    char owner[LR_OWNER_LEN];
};

struct lr_diag {
    uint16_t code;          /* enum lr_diag_code */
    uint8_t severity;       /* enum lr_severity */
    uint8_t action;         /* enum lr_action */
    struct lr_diag_side a;  /* who asked (the reservation, the value) */
    struct lr_diag_side b;  /* what it hit */
    uint64_t bytes;         /* bytes moved/displaced/over, code-specific */
    uint64_t alt_mem;       /* largest memory size that avoids it, or 0 */
    uint64_t alt_boundary;  /* an rdm_mem_boundary that avoids it, or 0 */
    uint64_t alt_hole;      /* an mmio_hole size that avoids it, or 0 */
    char detail[64];        /* short free text: key path, value, ... */
};

/* Diagnostics in caller storage.  When full, further ones are counted in
 * 'lost' (never silently: the formatter and the CLI report the count). */
struct lr_diags {
    struct lr_diag *d;
    unsigned int nr;
    unsigned int cap;
    unsigned int lost;
    unsigned int errors;    /* count by severity, lost ones included */
    unsigned int warnings;
};

void lr_diags_init(struct lr_diags *ds, struct lr_diag *storage,
                   unsigned int cap);

/* Append a diagnostic with no sides; returns it (NULL when storage is full,
 * then it is counted in 'lost').  Fill sides with lr_diag_side_*(). */
struct lr_diag *lr_diag_add(struct lr_diags *ds, enum lr_diag_code code,
                            enum lr_severity sev, enum lr_action act);

void lr_diag_side_region(struct lr_diag_side *s, const struct lr_region *r);
void lr_diag_side_range(struct lr_diag_side *s, const struct lr_range *r,
                        enum lr_kind kind, const char *owner);

/* "LR-RAM-MOVED" etc.; "LR-UNKNOWN" for unknown codes. */
const char *lr_diag_code_name(unsigned int code);
/* "info", "warning", "error". */
const char *lr_severity_name(unsigned int sev);
/* "moved RAM", "dropped", ... */
const char *lr_action_name(unsigned int act);

/* One line, no trailing newline:
 *   warning LR-CONFLICT-RAM: RMRR 0x...-0x... (RMRR 0 of 0000:00:14.0,
 *   relaxed) overlaps RAM 0x...-0x... (guest lowmem): dropped; avoid with
 *   memory <= 1984 MiB or rdm_mem_boundary <= ...
 * Returns the length it needed (like snprintf); buf is NUL-terminated
 * when len > 0. */
size_t lr_diag_format(const struct lr_diag *d, char *buf, size_t len);

#endif /* LIBRESERVE_DIAG_H */
