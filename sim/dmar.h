/* SPDX-License-Identifier: MIT */
/*
 * A hosted reader of the ACPI DMAR table (Intel VT-d specification,
 * chapter 8): the header, every remapping structure walked by its length,
 * every device scope type, and the RMRRs with their devices.
 *
 * Input comes from firmware and is not trusted: every defect is reported as
 * a named diagnostic (dmar_code_name) with the byte offset where it was
 * found, and the reader carries on where it safely can.  Nothing is read
 * outside the buffer given; nothing is truncated silently.
 */
#ifndef SIM_DMAR_H
#define SIM_DMAR_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <libreserve/region.h>

/* Remapping structure types (VT-d 4.1, table 8-2). */
enum dmar_struct_type {
    DMAR_TYPE_DRHD = 0,     /* DMA remapping hardware unit */
    DMAR_TYPE_RMRR = 1,     /* reserved memory region */
    DMAR_TYPE_ATSR = 2,     /* root port ATS capability */
    DMAR_TYPE_RHSA = 3,     /* remapping hardware static affinity */
    DMAR_TYPE_ANDD = 4,     /* ACPI namespace device declaration */
    DMAR_TYPE_SATC = 5,     /* SoC integrated address translation cache */
    DMAR_TYPE_SIDP = 6,     /* SoC integrated device property */
    DMAR_TYPE__COUNT
};

/* Device scope entry types (VT-d 4.1, 8.3.1). */
enum dmar_scope_type {
    DMAR_SCOPE_ENDPOINT = 1,    /* PCI endpoint device */
    DMAR_SCOPE_BRIDGE = 2,      /* PCI sub-hierarchy */
    DMAR_SCOPE_IOAPIC = 3,
    DMAR_SCOPE_HPET = 4,        /* MSI-capable HPET */
    DMAR_SCOPE_ACPI = 5,        /* ACPI namespace device (see ANDD) */
};

/* Diagnostic codes; names are "DMAR-" + the suffix with '-' (stable). */
enum dmar_code {
    DMAR_D_TRUNCATED = 1,       /* buffer shorter than the header says */
    DMAR_D_BAD_SIGNATURE,       /* not "DMAR" */
    DMAR_D_BAD_LENGTH,          /* header length < 48 or > buffer */
    DMAR_D_BAD_CHECKSUM,        /* bytes do not sum to 0 (warning) */
    DMAR_D_TRAILING,            /* bytes after the header's length */
    DMAR_D_SUB_ZERO_LENGTH,     /* structure length 0: walk stops */
    DMAR_D_SUB_PAST_END,        /* structure runs past the table: stops */
    DMAR_D_SUB_SHORT,           /* shorter than its fixed part: skipped */
    DMAR_D_UNKNOWN_SUB,         /* unknown structure type: skipped */
    DMAR_D_SCOPE_BAD_LENGTH,    /* scope length < 6, odd path, past end */
    DMAR_D_UNKNOWN_SCOPE,       /* unknown scope type: kept, noted */
    DMAR_D_ANDD_UNRESOLVED,     /* type 5 scope without an ANDD name */
    DMAR_D_RMRR_END_BELOW_BASE, /* limit < base: RMRR unusable */
    DMAR_D_RMRR_FIRMWARE_BUG,   /* base 0, 0-0xfff, page 0 */
    DMAR_D_RMRR_UNALIGNED,      /* base or limit + 1 not 4 KiB aligned */
    DMAR_D_RMRR_NO_SCOPE,       /* RMRR with no device: applies to none */
    DMAR_D_RMRR_OVERLAP,        /* two RMRRs overlap */
    DMAR_D_TOO_MANY,            /* absurd count of structures or scopes */
    DMAR_D_NO_MEMORY,           /* the host ran out of memory */
    DMAR_D_IO,                  /* file could not be read */
    DMAR_D_DIAGS_DROPPED,       /* more than DMAR_MAX_DIAGS: rest counted */
    DMAR_D__MAX
};

enum dmar_severity {
    DMAR_SEV_NOTE = 0,
    DMAR_SEV_WARN = 1,
    DMAR_SEV_ERROR = 2,         /* the table (or its RMRRs) is unusable */
};

/* Limits above which a table is "absurd" (DMAR_D_TOO_MANY). */
#define DMAR_MAX_STRUCTS        4096
#define DMAR_MAX_RMRRS          256
/* Warnings and notes kept per table (errors are all kept); the rest are
 * counted in diags_dropped (and still in warnings) and named by one last
 * DMAR-DIAGS-DROPPED note. */
#define DMAR_MAX_DIAGS          256
#define DMAR_MAX_SCOPES         64      /* per structure */
#define DMAR_MAX_PATH           16      /* (device, function) pairs */

/* Long enough for "ffff:ff:1f.7" plus 15 "/1f.7" hops, or an ACPI path. */
#define DMAR_NAME_LEN           96

struct dmar_diag {
    uint16_t code;              /* enum dmar_code */
    uint8_t severity;           /* enum dmar_severity */
    size_t offset;              /* byte offset in the table */
    char msg[200];              /* one line, no newline */
};

struct dmar_scope {
    uint8_t type;               /* enum dmar_scope_type, or unknown */
    uint8_t enum_id;            /* IOAPIC/HPET id, ACPI device number */
    uint8_t start_bus;
    uint8_t nr_path;
    uint8_t path[DMAR_MAX_PATH][2];     /* device, function */
    bool resolved;              /* name is a plain BDF or ACPI path */
    /*
     * "0000:00:14.0" for an endpoint or bridge reached in one hop; with
     * more hops the bus behind each bridge is unknown offline, so the
     * path is kept: "0000:00:1c.4/00.0".  IOAPIC "ioapic 8", HPET
     * "hpet 0", ACPI namespace devices "\_SB.PCI0.XHC" (from the ANDD of
     * the same number) or "acpi-device 3" when no ANDD names it.
     */
    char name[DMAR_NAME_LEN];
};

struct dmar_rmrr {
    unsigned int index;         /* 0-based, in table order */
    size_t offset;              /* of the structure in the table */
    uint16_t segment;
    uint64_t base;
    uint64_t last;              /* the table's limit: inclusive */
    bool usable;                /* false: limit < base (never yielded
                                   by dmar_to_regions) */
    bool firmware_bug;          /* base 0, or inside page 0 */
    unsigned int nr_scopes;
    struct dmar_scope *scopes;
};

struct dmar_andd {
    uint8_t number;             /* ACPI device number */
    char name[DMAR_NAME_LEN];   /* "\_SB.PCI0.I2C0" */
};

struct dmar {
    /* header */
    uint32_t length;
    uint8_t revision;
    uint8_t checksum_ok;
    char oem_id[7];
    char oem_table_id[9];
    uint8_t host_addr_width;    /* the table's value + 1: bits */
    uint8_t flags;
    /* structures seen, by type (unknown types in nr_unknown) */
    unsigned int nr_by_type[DMAR_TYPE__COUNT];
    unsigned int nr_unknown;
    unsigned int nr_rmrr;
    struct dmar_rmrr *rmrr;
    unsigned int nr_andd;
    struct dmar_andd *andd;
    unsigned int nr_diags;
    struct dmar_diag *diags;
    unsigned int diags_cap;     /* allocated entries of diags */
    unsigned int diags_dropped; /* beyond DMAR_MAX_DIAGS, not kept */
    unsigned int errors;
    unsigned int warnings;
};

/*
 * Parse a DMAR table from buf[0 .. len).  Always fills *d (free it with
 * dmar_free); returns 0 if the RMRRs can be trusted (warnings and notes
 * possible), -1 if an error was found (d->errors > 0): a truncated or
 * mis-sized table, a structure walk that had to stop, an RMRR with its end
 * below its base.  The RMRRs found before an error are still listed.
 */
int dmar_parse(const void *buf, size_t len, struct dmar *d);

/* Read a whole file and parse it; an unreadable file is DMAR_D_IO. */
int dmar_load(const char *path, struct dmar *d);

void dmar_free(struct dmar *d);

/* "DMAR-BAD-CHECKSUM" etc.; "DMAR-UNKNOWN" for unknown codes. */
const char *dmar_code_name(unsigned int code);
const char *dmar_severity_name(unsigned int sev);
/* "DRHD", "RMRR", ...; "type N" is not produced: unknown gives "?". */
const char *dmar_type_name(unsigned int type);

/* Number of usable RMRRs that name the device "SSSS:BB:DD.F" (segment and
 * BDF compared as numbers) in a resolved scope; ri receives their indexes
 * (up to cap). */
unsigned int dmar_rmrrs_of_device(const struct dmar *d, uint16_t seg,
                                  uint8_t bus, uint8_t dev, uint8_t fn,
                                  unsigned int *ri, unsigned int cap);

/*
 * Owner text of RMRR r: "RMRR 2 of 0000:00:14.0, 0000:00:1a.0" (all its
 * devices, in table order; "RMRR 2 of no device" when it lists none).
 * Returns the length needed, like snprintf.
 */
size_t dmar_rmrr_owner(const struct dmar_rmrr *r, char *buf, size_t len);

/* One RMRR as a reservation: kind RMRR, range rounded out to 4 KiB pages
 * (as Xen reports RDMs in whole frames), src = RMRR index, ndevs = number
 * of device scopes (the engine names shared RMRRs).  Returns -1
 * for an unusable RMRR (limit < base), 0 otherwise. */
int dmar_rmrr_to_region(const struct dmar_rmrr *r, enum lr_policy policy,
                        struct lr_region *reg);

/*
 * Every usable RMRR as a reservation with one policy, in table order.
 * Writes up to cap regions; returns the number of usable RMRRs (so a
 * return value > cap means storage was short: nothing is dropped without
 * the caller seeing it).
 */
unsigned int dmar_to_regions(const struct dmar *d, enum lr_policy policy,
                             struct lr_region *out, unsigned int cap);

#endif /* SIM_DMAR_H */
