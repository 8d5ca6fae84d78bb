/* SPDX-License-Identifier: MIT */
/*
 * A model of stock hvmloader's BAR placement (tools/firmware/hvmloader/
 * pci.c, pci_setup(), Xen 4.17), for `make bench` to compare with
 * lr_bar_place_grow().  Written from the algorithm, not copied: memory
 * BARs sorted by descending size (stable); the hole grows from
 * 0xF0000000 by doubling while the BARs' total (64-bit BARs over 1 GiB
 * excluded) exceeds it, down to 2 GiB and, RAM relocation being off under
 * libxl, never below the end of low RAM; any RESERVED entry of the
 * toolstack's memory map inside the hole moves its start right after
 * low RAM; 64-bit BARs go above high_mem_pgend (never above anything
 * else) while the rest does not fit; a 32-bit BAR hitting a RESERVED
 * entry is moved past it; a BAR that does not fit is skipped ("no space
 * for resource").  The platform/mmio_hole_size key is taken as absent.
 */
#ifndef STOCK_BARS_H
#define STOCK_BARS_H

#include <stdint.h>

struct stock_bar {
    uint64_t size;          /* in */
    uint8_t is64;           /* in */
    uint8_t placed;         /* out */
    uint8_t high;           /* out */
    uint64_t addr;          /* out */
};

struct stock_reserved {
    uint64_t base, size;    /* a RESERVED entry of memory_map */
};

struct stock_result {
    uint64_t pci_mem_start; /* the 32-bit window's start */
    unsigned int nr_unplaced;
    unsigned int nr_high;
};

/* bars[] in any order (sorted here, stably, into a copy of the order). */
void stock_bar_place(uint64_t low_mem_end, uint64_t high_mem_end,
                     const struct stock_reserved *res, unsigned int nr_res,
                     struct stock_bar *bars, unsigned int nr,
                     struct stock_result *out);

#endif /* STOCK_BARS_H */
