/* SPDX-License-Identifier: MIT */
/*
 * Step 6 of a layout, after RAM and the vNVDIMMs are placed: what each
 * reservation inside lowmem cost, the sorted reservations of the result,
 * where RAM ends and the statistics.
 */
#include "layout_int.h"

void lr_count_mappings(const struct lr_range *r, unsigned int *n1g,
                       unsigned int *n2m, unsigned int *n4k)
{
    uint64_t a = r->base;
    /* RAM never reaches 2^64 - 1; clamp so 'end' is representable. */
    uint64_t end = r->last == UINT64_MAX ? UINT64_MAX : r->last + 1;

    while ( a < end )
    {
        uint64_t lim, n;

        if ( lr_is_aligned(a, LR_GIB) && end - a >= LR_GIB )
        {
            n = (end - a) >> 30;
            *n1g += (unsigned int)n;
            a += n << 30;
            continue;
        }
        if ( lr_is_aligned(a, LR_2M) && end - a >= LR_2M )
        {
            lim = (a | (LR_GIB - 1)) + 1;
            if ( lim > end || lim == 0 )
                lim = end;
            n = (lim - a) >> 21;
            *n2m += (unsigned int)n;
            a += n << 21;
            continue;
        }
        lim = (a | (LR_2M - 1)) + 1;
        if ( lim > end || lim == 0 )
            lim = end;
        n = (lim - a) >> 12;
        if ( n == 0 )
        {
            /* A partial page still needs a 4 KiB mapping. */
            (*n4k)++;
            a = lim;
            continue;
        }
        *n4k += (unsigned int)n;
        a += n << 12;
    }
}

/* The part of r inside lowmem into *x (*below: all of lowmem), or
 * false. */
static bool in_lowmem(const struct lr_layout *o, const struct lr_range *r,
                      struct lr_range *below, struct lr_range *x)
{
    if ( o->lowmem_end == 0 || r->base >= o->lowmem_end )
        return false;
    below->base = 0;
    below->last = o->lowmem_end - 1;
    return lr_range_intersect(r, below, x);
}

/* After placement: say what each reservation inside RAM cost. */
void lr_note_punched(struct work *w)
{
    const struct lr_input *in = w->in;
    struct lr_range below, x;
    struct lr_diag *d;
    unsigned int i;

    for ( i = 0; i < in->nr_regions; i++ )
    {
        const struct lr_region *r = &in->regions[i];

        if ( !w->honour[i] || !in_lowmem(w->out, &r->range, &below, &x) ||
             !(d = lr_work_diag(w, LR_D_RAM_MOVED, LR_SEV_INFO,
                                LR_ACT_MOVED_RAM)) )
            continue;
        lr_diag_side_region(&d->a, r);
        lr_diag_side_range(&d->b, &below, LR_KIND_RAM, "guest lowmem");
        d->bytes = lr_range_size(&x);
        if ( r->range.base >= 2 * LR_MIB )
            d->alt_mem = lr_align_down(r->range.base, LR_MIB);
    }
    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        if ( !lr_vnv_fixed(w, i) ||
             !in_lowmem(w->out, &w->vfoot[i], &below, &x) ||
             !(d = lr_work_diag(w, LR_D_PMEM_IN_RAM, LR_SEV_WARN,
                                LR_ACT_MOVED_RAM)) )
            continue;
        lr_vnv_side(w, &d->a, i);
        lr_diag_side_range(&d->b, &below, LR_KIND_RAM, "guest lowmem");
        d->bytes = lr_range_size(&x);
    }
}

static void add_reserved(struct work *w, const struct lr_range *r,
                         enum lr_kind kind, enum lr_policy pol,
                         const char *owner, unsigned int src)
{
    struct lr_layout *o = w->out;

    if ( o->nr_reserved >= o->cap.reserved )
    {
        lr_work_full(w, "reservations beyond storage ", o->cap.reserved);
        return;
    }
    lr_region_set(&o->reserved[o->nr_reserved], r, kind, pol, owner);
    o->reserved[o->nr_reserved].src = src;
    o->nr_reserved++;
}

/* Placed vNVDIMM i's ranges as reservations: data, label, mailbox. */
static void add_vnvdimm(struct work *w, unsigned int i)
{
    const struct lr_vnvdimm_place *p = &w->out->vnv[i];
    enum lr_policy pol = w->in->vnvdimms[i].policy;
    char owner[LR_OWNER_LEN];

    lr_vnv_owner(owner, sizeof(owner), i, "");
    add_reserved(w, &p->data, LR_KIND_PMEM, pol, owner, i);
    if ( p->has_label )
    {
        lr_vnv_owner(owner, sizeof(owner), i, " label area");
        add_reserved(w, &p->label, LR_KIND_LABEL, pol, owner, i);
    }
    if ( p->has_dsm )
    {
        lr_vnv_owner(owner, sizeof(owner), i, " _DSM mailbox");
        add_reserved(w, &p->dsm, LR_KIND_DSM, pol, owner, i);
    }
}

static void sort_regions(struct lr_region *r, unsigned int n)
{
    unsigned int i, j;

    /* Insertion sort: stable, tiny n, no recursion (hvmloader's stack). */
    for ( i = 1; i < n; i++ )
    {
        struct lr_region t = r[i];

        for ( j = i; j > 0 && (r[j - 1].range.base > t.range.base ||
                               (r[j - 1].range.base == t.range.base &&
                                r[j - 1].range.last > t.range.last)); j-- )
            r[j] = r[j - 1];
        r[j] = t;
    }
}

static void count_ram(const struct lr_config *c, struct lr_layout *o)
{
    struct lr_stats *s = &o->stats;
    uint64_t forced;
    unsigned int i;

    for ( i = 0; i < o->nr_ram; i++ )
    {
        uint64_t sz = lr_range_size(&o->ram[i]);

        s->ram_total += sz;
        if ( o->ram[i].base < LR_4G )
            s->ram_below_4g += sz;
        else
            s->ram_above_4g += sz;
        lr_count_mappings(&o->ram[i], &s->map_1g, &s->map_2m, &s->map_4k);
    }
    forced = c->mem_size > o->mmio_start ? c->mem_size - o->mmio_start : 0;
    s->displaced = s->ram_above_4g > forced ? s->ram_above_4g - forced : 0;
}

void lr_finish(struct work *w)
{
    const struct lr_input *in = w->in;
    struct lr_layout *o = w->out;
    unsigned int i;

    for ( i = 0; i < in->nr_regions; i++ )
        if ( w->honour[i] )
            add_reserved(w, &in->regions[i].range, in->regions[i].kind,
                         in->regions[i].policy, in->regions[i].owner, i);
    for ( i = 0; i < in->nr_vnvdimms; i++ )
        if ( o->vnv[i].placed )
            add_vnvdimm(w, i);
    o->nr_vnvdimms = in->nr_vnvdimms;
    sort_regions(o->reserved, o->nr_reserved);
    count_ram(&in->cfg, o);
}

void lr_set_ends(struct lr_layout *o)
{
    unsigned int i;

    o->lowmem_end = 0;
    o->highmem_end = LR_4G;
    for ( i = 0; i < o->nr_ram; i++ )
    {
        uint64_t end = lr_range_end(&o->ram[i]);

        if ( o->ram[i].base < LR_4G )
            o->lowmem_end = end;
        else
            o->highmem_end = end;
    }
}
