/* SPDX-License-Identifier: MIT */
/*
 * What the ACPI builders need to know about one vNVDIMM, and the checks
 * every set of vNVDIMMs must pass before any table is built.  Both the NFIT
 * (acpi/nfit.h) and the SSDT (acpi/nvdimm_ssdt.h) take the same array, so
 * the NFIT device handles and the SSDT _ADRs come from one field.
 */
#ifndef ACPI_NVDIMM_H
#define ACPI_NVDIMM_H

#include <stdbool.h>
#include <stdint.h>
#include <libreserve/status.h>

/* Table budget: at most this many vNVDIMMs per guest (NV00 .. NV1F). */
#define LR_ACPI_NVDIMM_MAX        32u
/* SPA range base and size granule (Linux fsdax/devdax want 2 MiB). */
#define LR_ACPI_NVDIMM_ALIGN      0x200000ull
/* Label area bounds (QEMU's minimum is 128 KiB) and granule. */
#define LR_ACPI_LABEL_MIN         0x20000ull
#define LR_ACPI_LABEL_MAX         0x1000000ull
#define LR_ACPI_LABEL_ALIGN       0x1000ull
/* Bytes per label read/write call we advertise (fn 4 max transfer). */
#define LR_ACPI_LABEL_MAX_XFER    4076u
/* QEMU's NVDIMM DSM doorbell I/O port and the mailbox page size. */
#define LR_ACPI_DSM_PORT_DEFAULT  0x0a18u
#define LR_ACPI_DSM_PAGE_SIZE     0x1000ull

/* Where the labels of a vNVDIMM live. */
enum lr_acpi_label_backend {
    LR_ACPI_LABEL_NONE = 0,    /* no label area: raw, label-less namespace */
    LR_ACPI_LABEL_MAILBOX = 1, /* device model, QEMU DSM page + doorbell */
    LR_ACPI_LABEL_INBAND = 2,  /* guest-physical range read by the AML */
};

/* One vNVDIMM.  Ranges are base + size; identity fields are copied into
 * the NFIT control region and must stay the same across boots (labels are
 * bound to them through the interleave-set cookie). */
struct lr_acpi_nvdimm {
    uint64_t spa_base;        /* data range: NFIT SPA range, 2 MiB aligned */
    uint64_t spa_size;
    uint32_t handle;          /* NFIT device handle == SSDT _ADR, never 0 */
    uint32_t serial;          /* control region serial number */
    uint16_t vendor_id;       /* control region identity (0: 0x8086) */
    uint16_t device_id;       /* (0: 0x0001) */
    uint16_t revision_id;     /* (0: 0x0001) */
    uint32_t proximity;       /* NUMA proximity domain of the SPA range */
    enum lr_acpi_label_backend backend;
    uint64_t label_base;      /* INBAND: label area, outside the SPA range */
    uint64_t label_size;
    uint64_t dsm_page;        /* MAILBOX: 4 KiB page below 4 GiB */
    uint16_t dsm_port;        /* MAILBOX: doorbell port (0: 0x0a18) */
};

/* Why a vNVDIMM set was refused: the rule broken.  Stable values. */
enum lr_acpi_nvdimm_problem {
    LR_ACPI_NV_OK = 0,
    LR_ACPI_NV_TOO_MANY,       /* more than LR_ACPI_NVDIMM_MAX (BUDGET) */
    LR_ACPI_NV_SPA_EMPTY,      /* spa_size 0 (EMPTY) */
    LR_ACPI_NV_SPA_WRAP,       /* spa_base + spa_size wraps (WRAP) */
    LR_ACPI_NV_SPA_ALIGN,      /* base or size not 2 MiB aligned (ALIGN) */
    LR_ACPI_NV_SPA_OVERLAP,    /* two SPA ranges overlap (OVERLAP) */
    LR_ACPI_NV_HANDLE_ZERO,    /* handle 0 is the mailbox root (INVAL) */
    LR_ACPI_NV_HANDLE_DUP,     /* two vNVDIMMs share a handle (CONFLICT) */
    LR_ACPI_NV_BACKEND,        /* unknown backend value (INVAL) */
    LR_ACPI_NV_LABEL_SIZE,     /* label area outside [MIN, MAX] (INVAL) */
    LR_ACPI_NV_LABEL_ALIGN,    /* label base/size not 4 KiB aligned (ALIGN) */
    LR_ACPI_NV_LABEL_WRAP,     /* label_base + label_size wraps (WRAP) */
    LR_ACPI_NV_LABEL_OVERLAP,  /* label area overlaps an SPA range or
                                  another label area (OVERLAP) */
    LR_ACPI_NV_DSM_PAGE,       /* page 0, unaligned or above 4 GiB (ALIGN) */
    LR_ACPI_NV_DSM_OVERLAP,    /* DSM page overlaps an SPA/label range
                                  (OVERLAP) */
};

/* Which rule failed and for which vNVDIMM(s) (indexes into the array;
 * 'other' is the second party of an overlap or duplicate, else = index). */
struct lr_acpi_nvdimm_fault {
    enum lr_acpi_nvdimm_problem problem;
    unsigned int index;
    unsigned int other;
};

/* Check a whole set against every rule above, in array order.  Returns
 * LR_OK, or the status named beside the problem and fills *fault (which
 * may be NULL). */
enum lr_status LR_MUST_CHECK
lr_acpi_nvdimm_check(const struct lr_acpi_nvdimm *d, unsigned int n,
                     struct lr_acpi_nvdimm_fault *fault);

/* Stable short name of a problem ("LR_ACPI_NV_HANDLE_DUP"); never NULL. */
const char *lr_acpi_nvdimm_problem_name(enum lr_acpi_nvdimm_problem p);

/* Effective identity fields: the descriptor's, or the documented default
 * when the descriptor leaves them 0. */
uint16_t lr_acpi_nvdimm_vendor(const struct lr_acpi_nvdimm *d);
uint16_t lr_acpi_nvdimm_device(const struct lr_acpi_nvdimm *d);
uint16_t lr_acpi_nvdimm_revision(const struct lr_acpi_nvdimm *d);
uint16_t lr_acpi_nvdimm_port(const struct lr_acpi_nvdimm *d);

#endif /* ACPI_NVDIMM_H */
