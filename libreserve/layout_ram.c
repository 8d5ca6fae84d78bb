/* SPDX-License-Identifier: MIT */
/*
 * Step 4 of a layout, the part every strategy shares: the obstacles RAM
 * goes around, small operations on the layout's RAM, and the one walk
 * that lays RAM into free gaps, lowest first.  A strategy says only where
 * RAM may go (an lr_ram_rule), see strategy_*.c.
 */
#include "layout_int.h"

enum lr_status lr_build_obstacles(struct work *w)
{
    const struct lr_input *in = w->in;
    struct lr_range vga = { LR_VGA_HOLE_BASE, LR_VGA_HOLE_LAST };
    unsigned int i;
    enum lr_status st;

    lr_ranges_init(&w->obst, w->obst_store, NR_OBSTACLES);
    st = lr_ranges_add(&w->obst, &vga);
    for ( i = 0; st == LR_OK && i < in->nr_regions; i++ )
    {
        struct lr_range r;

        if ( !w->honour[i] )
            continue;
        st = lr_range_round_out(&in->regions[i].range, LR_PAGE_SIZE, &r);
        if ( st == LR_OK )
            st = lr_ranges_add(&w->obst, &r);
    }
    for ( i = 0; st == LR_OK && i < in->nr_vnvdimms; i++ )
        if ( lr_vnv_fixed(w, i) )
            st = lr_ranges_add(&w->obst, &w->vfoot[i]);
    return st;
}

/* ---- the layout's RAM as a set of ranges -------------------------------- */

void lr_ram_view(struct lr_layout *o, struct lr_ranges *set)
{
    lr_ranges_init(set, o->ram, o->cap.ram);
    set->nr = o->nr_ram;
}

void lr_ram_put(struct lr_layout *o, const struct lr_ranges *set)
{
    o->nr_ram = set->nr;
}

enum lr_status lr_add_ram(struct work *w, uint64_t base, uint64_t size)
{
    struct lr_ranges ram;
    struct lr_range r;
    enum lr_status st;

    if ( size == 0 )
        return LR_OK;
    st = lr_range_from_size(base, size, &r);
    if ( st != LR_OK )
        return st;
    lr_ram_view(w->out, &ram);
    st = lr_ranges_add(&ram, &r);
    lr_ram_put(w->out, &ram);
    return st;
}

uint64_t lr_ram_in(struct lr_layout *o, uint64_t base, uint64_t last)
{
    struct lr_range q = { base, last };
    struct lr_ranges ram;

    lr_ram_view(o, &ram);
    return lr_ranges_bytes_in(&ram, &q);
}

uint64_t lr_ram_trim_top(struct lr_layout *o, uint64_t base, uint64_t last,
                         uint64_t want)
{
    struct lr_range q = { base, last };
    struct lr_ranges ram;
    uint64_t done = 0;
    unsigned int i;

    /* Highest chunk first; a chunk that goes on outside [q] is cut. */
    lr_ram_view(o, &ram);
    for ( i = ram.nr; i-- > 0 && done < want; )
    {
        struct lr_range x;

        if ( !lr_range_intersect(&o->ram[i], &q, &x) )
            continue;
        if ( lr_range_size(&x) > want - done )
            x.base = x.last - (want - done) + 1;
        if ( lr_ranges_remove(&ram, &x) != LR_OK )
            break;
        done += lr_range_size(&x);     /* chunks below i are as they were */
    }
    lr_ram_put(o, &ram);
    return done;
}

/* The lowest obstacle or RAM chunk overlapping *probe, or NULL. */
static const struct lr_range *first_taken(struct work *w,
                                          const struct lr_range *probe)
{
    const struct lr_range *ob = lr_ranges_first_overlap(&w->obst, probe);
    const struct lr_range *rm;
    struct lr_ranges ram;

    lr_ram_view(w->out, &ram);
    rm = lr_ranges_first_overlap(&ram, probe);
    return rm && (!ob || rm->base < ob->base) ? rm : ob;
}

/* ---- the walk ------------------------------------------------------------ */

/* Lay up to w->remaining bytes from gap->base to gap->last. */
static enum lr_status fill(struct work *w, const struct lr_range *gap,
                           uint64_t *taken)
{
    uint64_t take = gap->last - gap->base + 1;
    enum lr_status st;

    if ( take > w->remaining )
        take = w->remaining;
    st = lr_add_ram(w, gap->base, take);
    if ( st == LR_OK )
        w->remaining -= take;
    *taken = take;
    return st;
}

enum lr_status lr_lay_ram(struct work *w, uint64_t start, uint64_t last,
                          lr_ram_rule rule)
{
    uint64_t cursor = start;

    while ( w->remaining && cursor <= last )
    {
        struct lr_range probe = { cursor, last }, gap;
        const struct lr_range *next = first_taken(w, &probe);
        uint64_t taken;
        enum lr_status st;

        gap.base = cursor;
        gap.last = next ? next->base - 1 : last;
        if ( next && next->base <= cursor )
            gap.last = next->last;              /* taken: step over it */
        else if ( !rule || rule(w, &gap, next) )
        {
            st = fill(w, &gap, &taken);
            if ( st != LR_OK )
                return st;
            if ( gap.last == UINT64_MAX && taken == gap.last - cursor + 1 )
                break;                          /* the top of 2^64 */
            cursor += taken;
            continue;
        }
        if ( gap.last >= last )
            break;
        cursor = gap.last + 1;
    }
    return LR_OK;
}

/*
 * Every GiB slot from 'start' that neither an obstacle nor RAM touches
 * takes 1 GiB while a GiB is left (all the whole GiBs at once from the
 * first slot with nothing above it); then the rest goes into the lowest
 * free space from 'start', around obstacles and that RAM.
 */
enum lr_status lr_lay_gibs_first(struct work *w, uint64_t start)
{
    uint64_t g;
    enum lr_status st;

    for ( g = start; w->remaining >= LR_GIB && g < GPA_LAST; g += LR_GIB )
    {
        struct lr_range slot = { g, g + LR_GIB - 1 }, rest = { g, GPA_LAST };
        uint64_t n = LR_GIB;

        if ( !first_taken(w, &rest) )
            n = lr_align_down(w->remaining, LR_GIB);    /* and done */
        else if ( first_taken(w, &slot) )
            continue;
        st = lr_add_ram(w, g, n);
        if ( st != LR_OK )
            return st;
        w->remaining -= n;
    }
    return lr_lay_ram(w, start, GPA_LAST, NULL);
}
