/* SPDX-License-Identifier: MIT */
/*
 * Step 2 of a layout: which reserved regions can be honoured at all
 * (well-formed, not on a fixed platform range), and which repeat each
 * other.  The strategies then decide what RAM does around the rest.
 */
#include "layout_int.h"

static bool reservable_kind(unsigned int k)
{
    return k == LR_KIND_RMRR || k == LR_KIND_FIRMWARE ||
           k == LR_KIND_MMIO32 || k == LR_KIND_MMIO64 || k == LR_KIND_ACPI;
}

/* What makes r unusable, or NULL. */
static const char *region_problem(const struct lr_region *r)
{
    if ( r->range.last < r->range.base )
        return "end below base";
    if ( r->range.last > GPA_LAST )
        return "beyond 2^52";
    if ( !reservable_kind(r->kind) )
        return "kind not reservable";
    if ( r->policy > LR_POLICY_RELAXED )
        return "unknown policy";
    return NULL;
}

/* Region i on its own: malformed (dropped), or worth a note. */
static void check_one_region(struct work *w, unsigned int i)
{
    const struct lr_region *r = &w->in->regions[i];
    const char *problem = region_problem(r);
    struct lr_diag *d;

    w->honour[i] = 1;
    if ( problem )
    {
        bool strict = r->policy != LR_POLICY_RELAXED;

        d = lr_work_diag(w, LR_D_BAD_REGION,
                         strict ? LR_SEV_ERROR : LR_SEV_WARN,
                         strict ? LR_ACT_FAILED : LR_ACT_IGNORED);
        if ( d )
        {
            lr_diag_side_region(&d->a, r);
            lr_work_detail(d, problem, UINT64_MAX);
        }
        if ( strict )
            lr_work_fail(w, LR_E_INVAL);
        lr_drop_region(w, i);
        return;
    }
    if ( r->kind == LR_KIND_RMRR && r->range.base < LR_PAGE_SIZE )
    {
        d = lr_work_diag(w, LR_D_FIRMWARE_BUG, LR_SEV_WARN, LR_ACT_NONE);
        if ( d )
            lr_diag_side_region(&d->a, r);
    }
    if ( r->ndevs > 1 )
    {
        d = lr_work_diag(w, LR_D_SHARED_RMRR, LR_SEV_INFO, LR_ACT_NONE);
        if ( d )
        {
            lr_diag_side_region(&d->a, r);
            lr_work_detail(d, "devices: ", r->ndevs);
        }
    }
}

/* Region i against the honoured ones before it: a duplicate merges into
 * the first, a partial overlap keeps both. */
static void check_repeats(struct work *w, unsigned int i)
{
    const struct lr_region *a = &w->in->regions[i];
    unsigned int j;

    for ( j = 0; j < i && w->honour[i]; j++ )
    {
        const struct lr_region *b = &w->in->regions[j];
        struct lr_diag *d;

        if ( !w->honour[j] || !lr_range_overlaps(&a->range, &b->range) )
            continue;
        if ( a->range.base == b->range.base &&
             a->range.last == b->range.last )
        {
            d = lr_work_diag(w, LR_D_DUPLICATE, LR_SEV_INFO, LR_ACT_MERGED);
            w->honour[i] = 0;   /* merged, not dropped */
        }
        else
            d = lr_work_diag(w, LR_D_OVERLAP, LR_SEV_WARN, LR_ACT_KEPT);
        if ( d )
        {
            lr_diag_side_region(&d->a, a);
            lr_diag_side_region(&d->b, b);
        }
    }
}

/* Region i on a fixed platform range: a conflict, except with stock
 * Xen's rules, where below 1 MiB is an ordinary RAM conflict (later),
 * hvmloader's range is its BUG() and the rest only warns. */
static void check_fixed(struct work *w, unsigned int i, bool stock)
{
    const struct lr_platform_range *pr;
    struct lr_range pf;
    struct lr_diag *d;

    pr = lr_platform_hit(w, &w->in->regions[i].range);
    if ( !pr )
        return;
    pf.base = pr->base;
    pf.last = pr->last;
    if ( !stock )
    {
        lr_conflict(w, i, LR_D_CONFLICT_FIXED, &pf, LR_KIND_FIRMWARE,
                    pr->name);
        return;
    }
    if ( pr->base < LR_MIB )
        return;
    if ( pr->base == LR_HVMLOADER_BASE )
    {
        d = lr_work_diag(w, LR_D_HVMLOADER_BUG, LR_SEV_ERROR, LR_ACT_FAILED);
        w->out->stats.conflicts++;
        lr_work_fail(w, LR_E_CONFLICT);
    }
    else
        d = lr_work_diag(w, LR_D_CONFLICT_FIXED, LR_SEV_WARN, LR_ACT_KEPT);
    if ( d )
    {
        lr_diag_side_region(&d->a, &w->in->regions[i]);
        lr_diag_side_range(&d->b, &pf, LR_KIND_FIRMWARE, pr->name);
    }
}

void lr_check_regions(struct work *w)
{
    const struct lr_input *in = w->in;
    bool stock = lr_strategy_ops(in->cfg.strategy)->stock;
    unsigned int i;

    for ( i = 0; i < in->nr_regions; i++ )
        check_one_region(w, i);
    for ( i = 0; i < in->nr_regions; i++ )
        if ( w->honour[i] )
            check_repeats(w, i);
    for ( i = 0; i < in->nr_regions; i++ )
        if ( w->honour[i] )
            check_fixed(w, i, stock);
}
