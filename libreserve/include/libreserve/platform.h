/* SPDX-License-Identifier: MIT */
/*
 * The fixed guest-physical map of a Xen HVM guest, in address order.
 * Values are Xen's (public/hvm/e820.h, hvmloader/config.h, xenguest.h);
 * see docs/design.md for where each comes from.
 */
#ifndef LIBRESERVE_PLATFORM_H
#define LIBRESERVE_PLATFORM_H

#include <stdint.h>
#include <libreserve/region.h>

#define LR_KIB                  0x400ULL
#define LR_MIB                  0x100000ULL
#define LR_GIB                  0x40000000ULL
#define LR_4G                   0x100000000ULL
#define LR_PAGE_SIZE            0x1000ULL
#define LR_2M                   (2 * LR_MIB)

/* --- legacy low memory: IVT, BDA, EBDA, hvm_info (0x9F800) ------------ */
#define LR_LOWMEM_BASE          0x00000000ULL
#define LR_LOWMEM_LAST          0x0009FFFFULL
/* --- legacy VGA hole: never populated (pfns 0xA0-0xBF) ----------------- */
#define LR_VGA_HOLE_BASE        0x000A0000ULL
#define LR_VGA_HOLE_LAST        0x000BFFFFULL
/* --- option ROMs and the system BIOS ----------------------------------- */
#define LR_BIOS_BASE            0x000C0000ULL
#define LR_BIOS_LAST            0x000FFFFFULL
/* --- the default MMIO hole: HVM_BELOW_4G_MMIO_START -------------------- */
#define LR_MMIO_HOLE_DEFAULT    (256 * LR_MIB)
#define LR_MMIO_HOLE_MIN        (256 * LR_MIB)
#define LR_MMIO_HOLE_MAX        (3840 * LR_MIB)
/* --- hvmloader: ACPI info page, tables, then mem_alloc/mem_hole_alloc --- */
#define LR_HVMLOADER_BASE       0xFC000000ULL
#define LR_HVMLOADER_LAST       0xFDFFFFFFULL
/* --- vNVDIMM _DSM mailbox pages: down from just below the ioreq pages --- */
#define LR_DSM_PAGES_TOP        0xFEFF0000ULL
/* --- IOAPIC, HPET, TPM TIS, LAPIC -------------------------------------- */
#define LR_IOAPIC_BASE          0xFEC00000ULL
#define LR_HPET_BASE            0xFED00000ULL
#define LR_TPM_BASE             0xFED40000ULL
#define LR_LAPIC_BASE           0xFEE00000ULL
/* --- ioreq-server pages (with a device model) and special pages ------- */
#define LR_IOREQ_PAGES_BASE     0xFEFF0000ULL
#define LR_SPECIAL_PAGES_BASE   0xFEFF8000ULL
#define LR_SPECIAL_PAGES_LAST   0xFEFFFFFFULL

/* libxl defaults */
#define LR_RDM_BOUNDARY_DEFAULT (2 * LR_GIB)
#define LR_PMEM_ALIGN_DEFAULT   LR_GIB
#define LR_PMEM_ALIGN_MIN       (128 * LR_MIB)
#define LR_PMEM_SIZE_ALIGN      LR_2M
#define LR_LABEL_SIZE_MIN       (128 * LR_KIB)  /* 32 pages, as the RFC */

struct lr_platform_range {
    uint64_t base;
    uint64_t last;          /* inclusive */
    bool needs_dm;          /* present only with a device model */
    const char *name;
};

/* The fixed platform ranges a reservation may not take, in address order,
 * and their count. */
extern const struct lr_platform_range lr_platform_ranges[];
extern const unsigned int lr_platform_nr;

#endif /* LIBRESERVE_PLATFORM_H */
