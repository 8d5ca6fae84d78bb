/* SPDX-License-Identifier: MIT */
/*
 * xen-compat: what stock Xen 4.17 does (libxl__domain_device_construct_rdm,
 * then libxl's memory map).  RAM is one lowmem chunk below the MMIO hole
 * and one highmem chunk above 4 GiB; an RDM above rdm_mem_boundary pulls
 * lowmem's end down below it, and whatever still overlaps RAM fails
 * (strict) or is dropped (relaxed).  Nothing is punched.
 */
#include "layout_int.h"

struct compat_mem {
    uint64_t low_end;           /* lowmem is [0, low_end) */
    uint64_t high_end;          /* highmem is [4 GiB, high_end); 0: none */
    unsigned int lowered_by;    /* the last region that lowered low_end;
                                   LR_MAX_REGIONS: none */
};

/* Region i (above the boundary, inside lowmem) pulls lowmem down. */
static void lower_lowmem(struct work *w, struct compat_mem *m,
                         unsigned int i)
{
    const struct lr_config *c = &w->in->cfg;
    uint64_t start = w->in->regions[i].range.base, moved;
    struct lr_diag *d;

    if ( c->hap && start > 2 * LR_MIB )
        start = lr_align_down(start, LR_2M);
    if ( !m->high_end )
        m->high_end = LR_4G;
    moved = m->low_end - start;
    m->high_end += moved;
    m->low_end = start;
    m->lowered_by = i;
    d = lr_work_diag(w, LR_D_LOWMEM_LOWERED, LR_SEV_INFO, LR_ACT_MOVED_RAM);
    if ( d )
    {
        struct lr_range lm = { 0, m->low_end - 1 };

        lr_diag_side_region(&d->a, &w->in->regions[i]);
        lr_diag_side_range(&d->b, &lm, LR_KIND_RAM, "guest lowmem, now");
        d->bytes = moved;
    }
}

/* hvmloader: BUG_ON(low_mem_end < MB(2)).  Only a boundary below 2 MiB
 * lets an RDM pull lowmem that far down. */
static void check_hvmloader(struct work *w, const struct compat_mem *m)
{
    struct lr_range lm = { 0, m->low_end ? m->low_end - 1 : 0 };
    struct lr_diag *d;

    if ( m->lowered_by == LR_MAX_REGIONS || m->low_end >= 2 * LR_MIB )
        return;
    d = lr_work_diag(w, LR_D_HVMLOADER_BUG, LR_SEV_ERROR, LR_ACT_FAILED);
    if ( d )
    {
        lr_diag_side_region(&d->a, &w->in->regions[m->lowered_by]);
        lr_diag_side_range(&d->b, &lm, LR_KIND_RAM, "guest lowmem, now");
        lr_work_detail(d, "lowmem below 2 MiB; rdm_mem_boundary is ",
                       w->in->cfg.rdm_boundary);
    }
    w->out->stats.conflicts++;
    lr_work_fail(w, LR_E_CONFLICT);
}

/* The RAM chunk r overlaps (*name says which), or NULL. */
static const struct lr_range *ram_hit(const struct compat_mem *m,
                                      const struct lr_range *r,
                                      struct lr_range *chunk,
                                      const char **name)
{
    struct lr_range low = { 0, m->low_end - 1 };
    struct lr_range high = { LR_4G, m->high_end - 1 };

    if ( m->low_end && lr_range_overlaps(r, &low) )
    {
        *chunk = low;
        *name = "guest lowmem";
        return chunk;
    }
    if ( m->high_end > LR_4G && lr_range_overlaps(r, &high) )
    {
        *chunk = high;
        *name = "guest highmem";
        return chunk;
    }
    return NULL;
}

/* The alternatives that would have avoided the conflict with r. */
static void alternatives(struct work *w, struct lr_diag *d,
                         const struct lr_range *r)
{
    const struct lr_config *c = &w->in->cfg;

    if ( !d || r->base >= LR_4G )
        return;
    if ( r->base >= 2 * LR_MIB )
        d->alt_mem = lr_align_down(r->base, LR_MIB);
    if ( r->base <= c->rdm_boundary && r->base > LR_MIB )
        d->alt_boundary = lr_align_down(r->base - 1, LR_MIB);
    if ( r->base >= LR_4G - LR_MMIO_HOLE_MAX )
    {
        bool ok;
        uint64_t hole = lr_align_up(LR_4G - r->base, LR_MIB, &ok);

        if ( hole < LR_MMIO_HOLE_MIN )
            hole = LR_MMIO_HOLE_MIN;
        if ( ok && hole > c->mmio_hole_size )
            d->alt_hole = hole;
    }
}

/* Honoured region i still overlaps RAM: strict fails, relaxed drops. */
static void check_region_ram(struct work *w, const struct compat_mem *m,
                             unsigned int i)
{
    const struct lr_range *r = &w->in->regions[i].range;
    struct lr_range chunk, x;
    const char *name;
    struct lr_diag *d;

    if ( !ram_hit(m, r, &chunk, &name) )
        return;
    d = lr_conflict(w, i, LR_D_CONFLICT_RAM, &chunk, LR_KIND_RAM, name);
    if ( !d )
        return;
    if ( lr_range_intersect(r, &chunk, &x) )
        d->bytes = lr_range_size(&x);
    alternatives(w, d, r);
}

/* The chunks: lowmem around the VGA hole, then highmem. */
static enum lr_status lay(struct work *w, const struct compat_mem *m)
{
    enum lr_status st;

    st = lr_add_ram(w, 0, m->low_end < LR_VGA_HOLE_BASE ? m->low_end
                                                         : LR_VGA_HOLE_BASE);
    if ( st == LR_OK && m->low_end > LR_VGA_HOLE_LAST + 1 )
        st = lr_add_ram(w, LR_VGA_HOLE_LAST + 1,
                        m->low_end - (LR_VGA_HOLE_LAST + 1));
    if ( st == LR_OK && m->high_end > LR_4G )
        st = lr_add_ram(w, LR_4G, m->high_end - LR_4G);
    return st;
}

static enum lr_status place_ram(struct work *w)
{
    const struct lr_input *in = w->in;
    struct compat_mem m = { in->cfg.mem_size, 0, LR_MAX_REGIONS };
    struct lr_range chunk;
    const char *name;
    unsigned int i;

    if ( m.low_end > w->out->mmio_start )
    {
        m.high_end = LR_4G + (m.low_end - w->out->mmio_start);
        m.low_end = w->out->mmio_start;
    }
    for ( i = 0; i < in->nr_regions; i++ )
        if ( w->honour[i] && in->regions[i].range.base < m.low_end &&
             in->regions[i].range.base > in->cfg.rdm_boundary )
            lower_lowmem(w, &m, i);
    check_hvmloader(w, &m);
    for ( i = 0; i < in->nr_regions; i++ )
        if ( w->honour[i] )
            check_region_ram(w, &m, i);
    /* Fixed vNVDIMMs: stock Xen cannot move RAM for an iomem= range. */
    for ( i = 0; i < in->nr_vnvdimms; i++ )
        if ( lr_vnv_fixed(w, i) && ram_hit(&m, &w->vfoot[i], &chunk, &name) )
            lr_vnv_fail(w, i, LR_D_PMEM_IN_RAM, &chunk, LR_KIND_RAM, name);
    return lay(w, &m);
}

const struct lr_strategy_ops lr_strategy_compat = {
    .name = "xen-compat",
    .place_ram = place_ram,
    .stock = 1,
};
