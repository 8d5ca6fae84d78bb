/* SPDX-License-Identifier: MIT */
#include <libreserve/platform.h>
#include "lr_libc.h"

/*
 * Ranges of the HVM guest map that a reservation cannot take.  In address
 * order; sizes are those Xen's device models and hvmloader claim.
 */
const struct lr_platform_range lr_platform_ranges[] = {
    { LR_LOWMEM_BASE, LR_LOWMEM_LAST, false,
      "legacy low memory (IVT, BDA, EBDA, hvm_info)" },
    { LR_VGA_HOLE_BASE, LR_VGA_HOLE_LAST, false, "legacy VGA hole" },
    { LR_BIOS_BASE, LR_BIOS_LAST, false, "option ROMs and system BIOS" },
    { LR_HVMLOADER_BASE, LR_HVMLOADER_LAST, false,
      "hvmloader ACPI tables and allocations" },
    { LR_IOAPIC_BASE, LR_IOAPIC_BASE + 0xFFF, false, "IOAPIC" },
    { LR_HPET_BASE, LR_HPET_BASE + 0x3FF, false, "HPET" },
    { LR_TPM_BASE, LR_TPM_BASE + 0x4FFF, false, "TPM TIS" },
    { LR_LAPIC_BASE, LR_LAPIC_BASE + 0xFFFFF, false, "LAPIC" },
    { LR_IOREQ_PAGES_BASE, LR_SPECIAL_PAGES_BASE - 1, true,
      "ioreq-server pages" },
    { LR_SPECIAL_PAGES_BASE, LR_SPECIAL_PAGES_LAST, false,
      "special pages (xenstore, console, ioreq)" },
};

const unsigned int lr_platform_nr = LR_ARRAY_SIZE(lr_platform_ranges);
