/* SPDX-License-Identifier: MIT */
/*
 * Punch (the default): RAM from 0 up to the MMIO hole and on above
 * 4 GiB, every reservation punched out of it; RAM a reservation takes
 * below the hole moves above 4 GiB.
 */
#include "layout_int.h"

enum lr_status lr_punch_lay(struct work *w, lr_ram_rule rule)
{
    enum lr_status st;

    w->remaining = w->in->cfg.mem_size - VGA_HOLE_SIZE;
    st = lr_lay_ram(w, 0, w->out->mmio_start - 1, rule);
    if ( st == LR_OK )
        st = lr_lay_ram(w, LR_4G, GPA_LAST, rule);
    if ( st == LR_OK && w->remaining )
        st = LR_E_NOFIT;
    return st;
}

static enum lr_status place_ram(struct work *w)
{
    return lr_punch_lay(w, NULL);
}

const struct lr_strategy_ops lr_strategy_punch = {
    .name = "punch",
    .place_ram = place_ram,
};
