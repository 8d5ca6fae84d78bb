/* SPDX-License-Identifier: MIT */
/*
 * PCI BAR placement around a layout: what hvmloader's pci_setup does,
 * with the reserved regions as obstacles.  BARs are naturally aligned
 * (and never share a 4 KiB page: passthrough maps whole frames), placed
 * largest first inside the 32-bit window [mmio_start, 0xFC000000), never
 * over RAM, a reservation, a vNVDIMM or each other.  When the 32-bit
 * window cannot take them all, every 64-bit BAR goes above 4 GiB (above
 * guest RAM and every reservation), as hvmloader does.
 */
#ifndef LIBRESERVE_BAR_H
#define LIBRESERVE_BAR_H

#include <stdint.h>
#include <libreserve/layout.h>

#define LR_MAX_BARS     64
#define LR_BAR_LOW_LAST (LR_HVMLOADER_BASE - 1)
/* The largest hole lr_bar_place_grow() grows to, as hvmloader: 2 GiB. */
#define LR_BAR_GROW_MAX (2ULL << 30)

struct lr_bar {
    uint64_t size;          /* in: a power of two */
    uint8_t is64;           /* in: 64-bit memory BAR */
    uint16_t id;            /* in: the caller's index, for messages */
    char owner[32];         /* in: "0000:00:03.0 BAR 2" */
    uint8_t placed;         /* out */
    uint8_t high;           /* out: above 4 GiB */
    uint64_t addr;          /* out */
};

struct lr_bar_result {
    unsigned int nr_low;    /* placed below 4 GiB */
    unsigned int nr_high;   /* placed above 4 GiB */
    unsigned int nr_unplaced;
    uint64_t short_by;      /* bytes of BARs that found no room */
    uint64_t high_base;     /* where the 64-bit window starts */
    uint64_t low_base;      /* where the 32-bit window starts */
};

/* Place bars[0 .. nr) around layout l.  Diagnostics (LR_D_BAR_*) go to
 * diags.  Returns LR_OK when every BAR is placed, LR_E_NOFIT when some
 * could not be (they have placed = 0; res says how many bytes were
 * short), LR_E_INVAL for a size that is not a power of two or more than
 * LR_MAX_BARS bars (nothing is placed then). */
LR_MUST_CHECK enum lr_status lr_bar_place(const struct lr_layout *l,
                                          struct lr_bar *bars,
                                          unsigned int nr,
                                          struct lr_diags *diags,
                                          struct lr_bar_result *res);

/*
 * The same, for a hole the toolstack did not fix (no
 * platform/mmio_hole_size, as stock hvmloader reads it): while the BARs
 * do not all fit below 4 GiB, the 32-bit window doubles (hole 256 MiB,
 * 512 MiB, 1 GiB, 2 GiB: 0xF0000000 down to 0x80000000), as long as it
 * stays above RAM below 4 GiB (RAM is never moved: the layout is shared
 * with the domain builder).  Reservations and vNVDIMMs in the grown part
 * are obstacles like the others.  The window where everything fits below
 * 4 GiB wins; if none does, the largest, with 64-bit BARs above 4 GiB.
 * res->low_base says where the window starts (pci_mem_start).
 */
LR_MUST_CHECK enum lr_status lr_bar_place_grow(const struct lr_layout *l,
                                               struct lr_bar *bars,
                                               unsigned int nr,
                                               struct lr_diags *diags,
                                               struct lr_bar_result *res);

#endif /* LIBRESERVE_BAR_H */
