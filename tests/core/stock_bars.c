/* SPDX-License-Identifier: MIT */
/*
 * The model of stock hvmloader's BAR placement that make bench compares
 * with the engine's: the algorithm is described in stock_bars.h;
 * test_bar.c's test_stock_model pins its behaviour on hand-worked cases.
 */
#include <string.h>
#include "stock_bars.h"

#define GB(n)           ((uint64_t)(n) << 30)
#define MEM_END         0xFC000000ULL       /* RESERVED_MEMBASE */
#define RELOC_THRESH    GB(1)               /* BAR_RELOC_THRESH */
#define MAX_BARS        256

static int overlap(uint64_t a, uint64_t as, uint64_t b, uint64_t bs)
{
    return a < b + bs && b < a + as;
}

/* The RESERVED entry ending lowest above base (and at most at 4 GiB). */
static int next_reserved(const struct stock_reserved *r, unsigned int n,
                         uint64_t base)
{
    uint64_t min_end = GB(4);
    int best = -1;
    unsigned int i;

    for ( i = 0; i < n; i++ )
    {
        uint64_t end = r[i].base + r[i].size;

        if ( end > base && end <= min_end )
        {
            best = (int)i;
            min_end = end;
        }
    }
    return best;
}

void stock_bar_place(uint64_t low_mem_end, uint64_t high_mem_end,
                     const struct stock_reserved *res, unsigned int nr_res,
                     struct stock_bar *bars, unsigned int nr,
                     struct stock_result *out)
{
    unsigned int order[MAX_BARS], i, j;
    uint64_t mmio_total = 0, mem_base, high_base;
    uint32_t start = 0xF0000000u;
    int relocate = 0;

    memset(out, 0, sizeof(*out));
    if ( nr > MAX_BARS )
        nr = MAX_BARS;
    for ( i = 0; i < nr; i++ )
    {
        bars[i].placed = bars[i].high = 0;
        bars[i].addr = 0;
        /* insertion after every BAR of the same size: stable */
        for ( j = i; j > 0 && bars[order[j - 1]].size < bars[i].size; j-- )
            order[j] = order[j - 1];
        order[j] = i;
        if ( bars[i].is64 && bars[i].size > RELOC_THRESH )
            relocate = 1;
        else
            mmio_total += bars[i].size;
    }

    /* Grow the hole: no RAM relocation (libxl sets it off for qemu-xen). */
    while ( mmio_total > MEM_END - start && (uint32_t)(start << 1) != 0 &&
            (uint64_t)(uint32_t)(start << 1) >= low_mem_end )
        start <<= 1;
    /* A RESERVED entry in the hole: the hole starts after low RAM. */
    if ( start > low_mem_end )
        for ( i = 0; i < nr_res; i++ )
            if ( overlap(start, MEM_END - start, res[i].base, res[i].size) )
            {
                start = (uint32_t)low_mem_end;
                break;
            }
    if ( mmio_total > MEM_END - start )
        relocate = 1;

    mem_base = start;
    high_base = high_mem_end > GB(4) ? high_mem_end : GB(4);
    for ( j = 0; j < nr; j++ )
    {
        struct stock_bar *b = &bars[order[j]];
        uint64_t sz = b->size, base, *rbase, rmax;
        int hi = b->is64 && relocate &&
                 (mmio_total > MEM_END - mem_base || sz > RELOC_THRESH);
        int k;

        if ( hi )
        {
            rbase = &high_base;
            rmax = 1ULL << 52;
        }
        else
        {
            rbase = &mem_base;
            rmax = MEM_END;
        }
        if ( sz <= RELOC_THRESH )
            mmio_total -= sz;
        base = (*rbase + sz - 1) & ~(sz - 1);
        if ( !hi )
            for ( k = next_reserved(res, nr_res, base);
                  k >= 0 && overlap(base, sz, res[k].base, res[k].size);
                  k = next_reserved(res, nr_res, base) )
                base = (res[k].base + res[k].size + sz - 1) & ~(sz - 1);
        if ( base + sz < *rbase || base + sz > rmax )
        {
            out->nr_unplaced++;
            continue;
        }
        *rbase = base + sz;
        b->placed = 1;
        b->high = hi;
        b->addr = base;
        out->nr_high += hi;
    }
    out->pci_mem_start = start;
}
