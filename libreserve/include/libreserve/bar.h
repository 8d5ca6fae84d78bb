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

#endif /* LIBRESERVE_BAR_H */
