/* SPDX-License-Identifier: MIT */
/*
 * --format bars (with --device or --bars): the PCI BARs as the patched
 * hvmloader's pci_setup() places them around this layout.
 */
#include "format.h"

static int render(struct run *r, FILE *f)
{
    const struct lr_bar_result *res = &r->bar_res;
    unsigned int i;
    char s[32], a[24], w[24];

    if ( !r->bars_done )
        return 0;
    hex(w, sizeof(w), res->low_base);
    fprintf(f, "# 32-bit window %s-0x00000000fbffffff (%s)\n", w,
            res->low_base < r->lay.mmio_start ? "hole grown by hvmloader" :
            r->hole_fixed ? "hole fixed by mmio_hole" : "hole not grown");
    hex(w, sizeof(w), res->high_base);
    fprintf(f, "# 64-bit BARs from %s: %u, below 4G: %u, unplaced: %u\n", w,
            res->nr_high, res->nr_low, res->nr_unplaced);
    fprintf(f, "%-20s %-18s %10s  %s\n", "BAR", "ADDRESS", "SIZE",
            "WHERE");
    for ( i = 0; i < r->nr_bars; i++ )
    {
        const struct lr_bar *b = &r->bars[i];

        size_text(s, sizeof(s), b->size);
        if ( b->placed )
            hex(a, sizeof(a), b->addr);
        else
            snprintf(a, sizeof(a), "-");
        fprintf(f, "%-20s %-18s %10s  %s%s\n", b->owner, a, s,
                !b->placed ? "UNPLACED" : b->high ? "above 4G" : "below 4G",
                b->is64 ? ", 64-bit" : "");
    }
    return 0;
}

const struct sim_format sim_fmt_bars = { "bars", 0, render };
