/* SPDX-License-Identifier: MIT */
/*
 * libreserve in hvmloader: the second run of the layout engine.
 *
 * The toolstack wrote the guest's reserved regions and vNVDIMMs under
 * libreserve/ in xenstore, and the domain builder populated exactly the
 * RAM the engine laid out from those keys.  hvmloader reads the same keys,
 * runs the same engine and describes the result to the guest: its view of
 * the memory map (for pci_setup's BAR placement), the e820 it hands to the
 * BIOS, and the vNVDIMM NFIT and SSDT.
 *
 * Call order in hvmloader's main(): libreserve_setup() right after
 * xenbus_setup(); libreserve_memory_map() before pci_setup();
 * libreserve_place_bars() from pci_setup();
 * libreserve_acpi_tables() from hvmloader_acpi_build_tables();
 * libreserve_e820() from build_e820_table().  Every function but
 * libreserve_setup() is a no-op returning 0 when libreserve is not active
 * (no schema in xenstore: stock behaviour throughout).
 *
 * Failures BUG(): a layout hvmloader cannot reproduce is a guest whose
 * RAM does not match what was populated.
 */
#ifndef __HVMLOADER_LIBRESERVE_H__
#define __HVMLOADER_LIBRESERVE_H__

#include <stdint.h>

struct e820entry;
struct lr_layout;

/*
 * Read libreserve/ from xenstore and run the engine, printing every
 * diagnostic.  Returns 1 when the schema is present and the layout was
 * built, 0 when there is no schema (libreserve/version absent).  BUG()s on
 * a malformed schema or a failed build (a strict conflict).
 */
int libreserve_setup(void);

/* 1 after libreserve_setup() returned 1. */
int libreserve_active(void);

/* The layout built by libreserve_setup(), or NULL when not active. */
const struct lr_layout *libreserve_layout(void);

/*
 * Compare the layout with what the domain builder put in hvm_info: the
 * end of low RAM and of high RAM, in pages.  BUG()s on a mismatch (the
 * two runs of the engine disagree: the e820 would lie about RAM).
 */
void libreserve_check_hvm_info(uint32_t low_mem_pgend,
                               uint32_t high_mem_pgend);

/*
 * hvmloader's view of the toolstack's memory map (struct e820map in
 * e820.c): guest RAM and every honoured reservation, sorted, at most max
 * entries.  pci_setup() keeps 32-bit BARs off the RESERVED entries.
 * Returns the number of entries; BUG()s when max is too small.
 */
unsigned int libreserve_memory_map(struct e820entry *map, unsigned int max);

/*
 * The guest e820: guest RAM, honoured reservations and hvmloader's own
 * entries (BIOS below 1 MiB, ACPI tables as NVS, the reserved area up to
 * 4 GiB), then each overlay entry (e.g. the IGD OpRegion as NVS) cut into
 * the entry that contains it.  budget is what the consumer's buffer
 * holds (16 for SeaBIOS and OVMF).  lowmem_reserved_base 0 means 0xA0000;
 * acpi_end 0 means no ACPI tables.  Returns the number of entries; BUG()s
 * when the map needs more than budget entries.
 */
unsigned int libreserve_e820(struct e820entry *e820, unsigned int budget,
                             uint32_t lowmem_reserved_base,
                             uint32_t bios_image_base, uint32_t acpi_end,
                             const struct e820entry *overlay,
                             unsigned int nr_overlay);

/* A memory BAR (or expansion ROM) that pci_setup() found. */
struct libreserve_bar {
    uint64_t size;          /* in: a power of two */
    uint64_t addr;          /* out */
    uint8_t devfn;          /* in */
    uint8_t reg;            /* in: config register, 0x10..0x24 or 0x30 */
    uint8_t is64;           /* in: 64-bit memory BAR */
    uint8_t high;           /* out: above 4 GiB */
};

/*
 * Place the memory BARs and ROMs pci_setup() found (I/O BARs stay its
 * own) with the engine: largest first, naturally aligned, in the 32-bit
 * window [*mem_start, 0xFC000000) around RAM, every reservation, the
 * vNVDIMMs and each other; 64-bit BARs above RAM and every reservation
 * when the window cannot take them all.  grow is 1 when the toolstack did
 * not fix the hole (no platform/mmio_hole_size): the window then doubles
 * down to 2 GiB as stock pci_setup() grows it, never over RAM (RAM is not
 * relocated).  bars[] in pci_setup()'s order (descending size, scan order
 * within a size).  Prints one line per BAR and the windows; sets
 * *mem_start (pci_mem_start) and the 64-bit window [*hi_start, *hi_end)
 * (both 0 when nothing went high).  BUG()s, naming each BAR that finds
 * no room and what would make room, rather than leave one unassigned.
 */
void libreserve_place_bars(struct libreserve_bar *bars, unsigned int nr,
                           int grow, uint32_t *mem_start, uint64_t *hi_start,
                           uint64_t *hi_end);

/*
 * Build the vNVDIMM NFIT and SSDT in scratch memory and store their
 * addresses in tables[0 .. max).  libacpi copies them into the ACPI area
 * as secondary tables (struct acpi_config's extra tables).  Returns how
 * many were built: 0 without vNVDIMMs, else 2.  BUG()s when max < 2 or a
 * builder fails (the engine checked the same rules: a failure here is a
 * bug).
 */
unsigned int libreserve_acpi_tables(const void **tables, unsigned int max);

#endif /* __HVMLOADER_LIBRESERVE_H__ */
