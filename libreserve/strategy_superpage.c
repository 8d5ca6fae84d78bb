/* SPDX-License-Identifier: MIT */
/*
 * Superpage: RAM from 0 up to the low end the configuration sets
 * (superpage_low; default the first GiB), skipping reservations as punch
 * does, and every other byte above 4 GiB, whole GiBs first: for 64-bit
 * guests, the most 1 GiB extents the RAM allows with that much lowmem.
 */
#include "layout_int.h"

static enum lr_status place_ram(struct work *w)
{
    const struct lr_config *c = &w->in->cfg;
    uint64_t low = c->superpage_low ? c->superpage_low
                                    : LR_SUPERPAGE_LOW_DEFAULT;
    enum lr_status st;

    if ( low > w->out->mmio_start )
        low = w->out->mmio_start;
    w->remaining = c->mem_size - VGA_HOLE_SIZE;
    st = lr_lay_ram(w, 0, low - 1, NULL);
    if ( st == LR_OK )
        st = lr_lay_gibs_first(w, LR_4G);
    if ( st == LR_OK && w->remaining )
        st = LR_E_NOFIT;
    return st;
}

const struct lr_strategy_ops lr_strategy_superpage = {
    .name = "superpage",
    .place_ram = place_ram,
};
