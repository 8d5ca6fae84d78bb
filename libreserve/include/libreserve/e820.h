/* SPDX-License-Identifier: MIT */
/*
 * e820 maps from a layout.
 */
#ifndef LIBRESERVE_E820_H
#define LIBRESERVE_E820_H

#include <stdint.h>
#include <libreserve/layout.h>

enum lr_e820_type {
    LR_E820_RAM = 1,
    LR_E820_RESERVED = 2,
    LR_E820_ACPI = 3,
    LR_E820_NVS = 4,
    LR_E820_UNUSABLE = 5,
};

struct lr_e820_entry {
    uint64_t addr;
    uint64_t size;
    uint32_t type;
};

/* What hvmloader adds of its own, for a full guest map. */
struct lr_e820_opts {
    unsigned int budget;            /* max entries; 16 for SeaBIOS/OVMF */
    uint8_t hvmloader;              /* 1: add hvmloader's own entries */
    uint32_t lowmem_reserved_base;  /* BIOS's EBDA start; 0xA0000: none */
    uint32_t bios_image_base;       /* reserved up to 1 MiB from here */
    uint32_t acpi_end;              /* NVS 0xFC000000..acpi_end; 0: none */
};

/* Defaults: budget 16, hvmloader entries on, no EBDA, BIOS at 0xF0000,
 * no ACPI NVS entry. */
void lr_e820_opts_default(struct lr_e820_opts *o);

/* The guest e820 of a layout: RAM chunks, every honoured reservation as
 * RESERVED (PMEM and LABEL too: the NFIT SPA range must not be RAM), and
 * with opts->hvmloader the entries hvmloader adds.  Sorted, no overlaps,
 * adjacent equal types merged.  LR_E_BUDGET when the map needs more than
 * opts->budget entries (*needed says how many; the map is still written
 * up to cap), LR_E_NOSPACE when cap is below what is needed. */
LR_MUST_CHECK enum lr_status lr_e820_build(const struct lr_layout *l,
                                           const struct lr_e820_opts *opts,
                                           struct lr_e820_entry *out,
                                           unsigned int cap,
                                           unsigned int *nr,
                                           unsigned int *needed);

/* LR_OK if the map is sorted, non-overlapping, has no size-0 entry, no
 * wrap, and no two adjacent entries of one type touching. */
LR_MUST_CHECK enum lr_status lr_e820_check(const struct lr_e820_entry *e,
                                           unsigned int nr);

/* A Linux kernel command line that makes a kernel see exactly this map:
 * "memmap=exactmap memmap=<size>@<addr> memmap=<size>$<addr> ..." (RAM as
 * '@', every other type as '$' reserved, ACPI as '#').  Sizes and addresses
 * in hex with K/M/G suffixes only when exact.  Returns the length needed
 * (like snprintf).  Note: '$' must be escaped in grub.cfg. */
size_t lr_e820_memmap(const struct lr_e820_entry *e, unsigned int nr,
                      char *buf, size_t len);

/* "usable", "reserved", "ACPI data", "ACPI NVS", "unusable" (Linux's
 * names); "type N" is not produced: unknown gives "unknown". */
const char *lr_e820_type_name(uint32_t type);

#endif /* LIBRESERVE_E820_H */
