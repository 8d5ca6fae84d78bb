/* SPDX-License-Identifier: MIT */
/*
 * The design's invariants, checked on any (input, layout) pair.  Shared by
 * the unit tests, the corpus run and the fuzz targets.
 */
#ifndef LR_TEST_INVARIANTS_H
#define LR_TEST_INVARIANTS_H

#include <stddef.h>
#include <libreserve/layout.h>

/* NULL if every invariant holds, else a description of the first one
 * broken (static storage, overwritten by the next call):
 *  1. no honoured reservation overlaps RAM; RAM is sorted, disjoint,
 *     non-touching, never inside [mmio_start, 4 GiB);
 *  2. with status LR_OK, RAM total == memory - 128 KiB (VGA hole);
 *  3. the stats agree with the RAM chunks; every dropped region has a
 *     diagnostic naming its range;
 *  4. placed vNVDIMMs overlap neither RAM, other reservations nor each
 *     other, and have the size asked;
 *  5. running the engine again on the same input gives the same bytes. */
/* Run a must-check call whose status the test reads elsewhere. */
#define LR_IGNORE(x) do { if ( x ) { } } while ( 0 )

const char *lr_check_invariants(const struct lr_input *in,
                                const struct lr_layout *l);

/* The most 1 GiB extents guest RAM can have when RAM below 4 GiB ends at
 * 'low' (superpage's bound; 1 GiB: the first GiB, never a 1 GiB extent
 * because of the VGA hole) and the RAM below it goes around 'res' (nr
 * honoured reservations, any order, may overlap): floor((RAM - RAM that
 * fits below 'low') / 1 GiB).  Computed from the input alone, not by the
 * engine.  Exact for low <= 1 GiB; a lower bound above. */
unsigned int lr_superpage_max(uint64_t mem_size, uint64_t low,
                              const struct lr_range *res, unsigned int nr);

/* NULL if the superpage promises hold for an LR_OK layout, else what
 * broke: 6. pack has at least the 1 GiB extents of xen-compat on the same
 * input (when that lays out too); 7. superpage has lr_superpage_max()'s
 * extents (at least, for a bound above 1 GiB) around its honoured
 * reservations, and drops nothing punch does not. */
const char *lr_check_superpages(const struct lr_input *in,
                                const struct lr_layout *l);

#endif
