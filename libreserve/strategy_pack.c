/* SPDX-License-Identifier: MIT */
/*
 * Pack: punch's walk, but a GiB a reservation breaks is left empty
 * (unless all the RAM left fits before the reservation), so RAM keeps
 * whole 1 GiB extents; then RAM in partial GiBs below 4 GiB moves above
 * 4 GiB whenever that completes one more whole GiB there.
 */
#include "layout_int.h"

/* A GiB whose RAM a reservation breaks (GiB 0 never qualifies: the VGA
 * hole breaks it anyway; nor does the GiB under the MMIO hole). */
static bool broken(const struct work *w, uint64_t gib_base)
{
    struct lr_range g = { gib_base, gib_base + LR_GIB - 1 };

    if ( gib_base == 0 )
        return false;
    if ( gib_base < LR_4G && g.last >= w->out->mmio_start )
        return false;
    return lr_ranges_first_overlap(&w->obst, &g) != NULL;
}

/* Say that the GiB at gib_base stays empty, and for what. */
static void note_emptied(struct work *w, uint64_t gib_base)
{
    const struct lr_input *in = w->in;
    struct lr_range g = { gib_base, gib_base + LR_GIB - 1 };
    uint64_t held = LR_GIB - lr_ranges_bytes_in(&w->obst, &g);
    struct lr_diag *d = lr_work_diag(w, LR_D_PACK_EMPTIED, LR_SEV_INFO,
                                     LR_ACT_MOVED_RAM);
    unsigned int i;

    if ( !d )
        return;
    lr_diag_side_range(&d->b, &g, LR_KIND_RAM, "guest RAM");
    d->bytes = held;
    for ( i = 0; i < in->nr_regions; i++ )
        if ( w->honour[i] && lr_range_overlaps(&in->regions[i].range, &g) )
        {
            lr_diag_side_region(&d->a, &in->regions[i]);
            return;
        }
    for ( i = 0; i < in->nr_vnvdimms; i++ )
        if ( lr_vnv_fixed(w, i) && lr_range_overlaps(&w->vfoot[i], &g) )
        {
            lr_vnv_side(w, &d->a, i);
            return;
        }
}

/* The walk's rule: RAM in a broken GiB only for the tail of RAM; a gap
 * of whole GiBs ends before the next obstacle's GiB if that one is
 * broken. */
static bool rule(struct work *w, struct lr_range *gap,
                 const struct lr_range *next)
{
    uint64_t gib_base = lr_align_down(gap->base, LR_GIB);
    uint64_t gib_last = gib_base + LR_GIB - 1;

    if ( broken(w, gib_base) )
    {
        if ( gap->last > gib_last )
            gap->last = gib_last;
        if ( w->remaining > gap->last - gap->base + 1 )
        {
            /* Not the tail: leave the whole GiB empty. */
            note_emptied(w, gib_base);
            gap->last = gib_last;
            return false;
        }
    }
    else if ( next )
    {
        uint64_t next_gib = lr_align_down(next->base, LR_GIB);

        if ( next_gib > gap->base && broken(w, next_gib) )
            gap->last = next_gib - 1;
    }
    return true;
}

/* RAM in partial GiBs below 4 GiB, from floor0 in GiB 0. */
static uint64_t partial_low(struct lr_layout *o, uint64_t floor0)
{
    uint64_t g, partial = 0;

    for ( g = LR_GIB; g < o->mmio_start; g += LR_GIB )
    {
        uint64_t r = lr_ram_in(o, g, g + LR_GIB - 1);

        if ( r < LR_GIB )
            partial += r;
    }
    if ( floor0 < LR_GIB )
        partial += lr_ram_in(o, floor0, LR_GIB - 1);
    return partial;
}

/* Take 'need' bytes off the top of the highest partial GiBs below 4 GiB
 * (GiB 0 from floor0 last); returns the bytes taken. */
static uint64_t take_partial_low(struct lr_layout *o, uint64_t floor0,
                                 uint64_t need)
{
    uint64_t g, taken = 0;

    for ( g = lr_align_down(o->mmio_start - 1, LR_GIB);
          g >= LR_GIB && taken < need; g -= LR_GIB )
    {
        uint64_t r = lr_ram_in(o, g, g + LR_GIB - 1);

        if ( r && r < LR_GIB )
            taken += lr_ram_trim_top(o, g, g + LR_GIB - 1, need - taken);
    }
    if ( taken < need && floor0 < LR_GIB )
        taken += lr_ram_trim_top(o, floor0, LR_GIB - 1, need - taken);
    return taken;
}

/*
 * After the walk: RAM in partial GiBs below 4 GiB (the GiB under the
 * MMIO hole, the tail of RAM, a GiB kept because all that was left
 * fitted before its reservation) maps with 2 MiB extents.  Move RAM off
 * the top of the highest partial GiBs above 4 GiB whenever that completes
 * one more whole GiB there, and only then, so lowmem shrinks only for a
 * 1 GiB extent; then lay RAM above 4 GiB whole GiBs first.  Of GiB 0 only
 * the RAM above its first reservation past the first MiB may move
 * (xen-compat ends lowmem below such a reservation when rdm_mem_boundary
 * is below it): pack never has fewer 1 GiB extents than xen-compat.
 */
static enum lr_status consolidate(struct work *w)
{
    struct lr_layout *o = w->out;
    struct lr_range above1m = { LR_MIB, LR_GIB - 1 };
    const struct lr_range *ob = lr_ranges_first_overlap(&w->obst, &above1m);
    uint64_t floor0 = LR_GIB, high;
    enum lr_status st;

    if ( ob )
        floor0 = lr_align_down(ob->base > LR_MIB ? ob->base : LR_MIB, LR_2M);
    high = lr_ram_trim_top(o, LR_4G, GPA_LAST, UINT64_MAX);
    for ( ;; )
    {
        uint64_t need = LR_GIB - (high & (LR_GIB - 1)), taken;

        if ( partial_low(o, floor0) < need )
            break;
        taken = take_partial_low(o, floor0, need);
        high += taken;
        if ( taken < need )
            break;
    }
    w->remaining = high;
    st = lr_lay_gibs_first(w, LR_4G);
    if ( st == LR_OK && w->remaining )
        st = LR_E_NOFIT;
    return st;
}

static enum lr_status place_ram(struct work *w)
{
    enum lr_status st = lr_punch_lay(w, rule);

    return st == LR_OK ? consolidate(w) : st;
}

const struct lr_strategy_ops lr_strategy_pack = {
    .name = "pack",
    .place_ram = place_ram,
};
