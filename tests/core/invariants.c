/* SPDX-License-Identifier: MIT */
/*
 * The design's invariants (the list is in invariants.h), checked on any
 * input and its layout: what every unit test, the corpus run and the fuzz
 * targets require of a layout whatever its geometry.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "invariants.h"

static char msg[512];

#define FAIL(...) do { \
    snprintf(msg, sizeof(msg), __VA_ARGS__); \
    return msg; \
} while ( 0 )

static int overlap(uint64_t ab, uint64_t al, uint64_t bb, uint64_t bl)
{
    return ab <= bl && bb <= al;
}

/* a and b hold the same layout: every byte lr_layout_build fills but
 * the diagnostics (each in its own storage). */
static bool same_layout(const struct lr_layout *a, const struct lr_layout *b)
{
#define SAME(f, n) (!memcmp(&a->f, &b->f, (n) * sizeof(a->f)))
    return !memcmp(a, b, offsetof(struct lr_layout, diags)) &&
           SAME(ram[0], a->nr_ram) && SAME(reserved[0], a->nr_reserved) &&
           SAME(dropped[0], a->nr_dropped);
}

/* ... and the same diagnostics, all kept by both. */
static bool same_diags(const struct lr_layout *a, const struct lr_layout *b)
{
    return a->diags.nr == b->diags.nr && a->diags.lost == b->diags.lost &&
           a->diags.errors == b->diags.errors &&
           a->diags.warnings == b->diags.warnings &&
           !memcmp(a->diag_store, b->diag_store,
                   a->diags.nr * sizeof(a->diag_store[0]));
#undef SAME
}

/* junk = *in, with other bytes in every entry past the counts. */
static struct lr_input junk;

static void junk_copy(const struct lr_input *in)
{
    unsigned int n = in->nr_regions < LR_MAX_REGIONS ? in->nr_regions
                                                     : LR_MAX_REGIONS;
    unsigned int v = in->nr_vnvdimms < LR_MAX_VNVDIMMS ? in->nr_vnvdimms
                                                       : LR_MAX_VNVDIMMS;

    memset(&junk, 0x5a, sizeof(junk));
    memcpy(&junk, in, offsetof(struct lr_input, regions));
    memcpy(junk.regions, in->regions, n * sizeof(in->regions[0]));
    memcpy(junk.vnvdimms, in->vnvdimms, v * sizeof(in->vnvdimms[0]));
}

/* Two reservations of the input overlap (one diagnostic a pair). */
static bool input_overlaps(const struct lr_input *in)
{
    unsigned int i, j;

    for ( i = 0; i < in->nr_regions && i < LR_MAX_REGIONS; i++ )
        for ( j = i + 1; j < in->nr_regions && j < LR_MAX_REGIONS; j++ )
            if ( overlap(in->regions[i].range.base, in->regions[i].range.last,
                         in->regions[j].range.base,
                         in->regions[j].range.last) )
                return true;
    return false;
}

/* Build *in again into storage of exactly lr_layout_bounds(in), filled
 * with other bytes: the same layout, and the same diagnostics unless the
 * full run kept more than the bound (then the rest is counted lost). */
static const char *check_bounded(const struct lr_input *in,
                                 const struct lr_layout *l)
{
    static char why[160];
    struct lr_layout_bounds b;
    struct lr_layout again;
    unsigned long bytes;
    void *mem;
    const char *bad = NULL;

    lr_layout_bounds(in, &b);
    bytes = lr_layout_bounds_bytes(&b);
    mem = malloc(bytes ? bytes : 1);
    if ( !mem )
        return "out of memory";
    memset(mem, 0xa5, bytes);
    memset(&again, 0x5a, sizeof(again));
    if ( lr_layout_init_mem(&again, &b, mem, bytes) != LR_OK )
        bad = "lr_layout_init_mem refused its own bound";
    else
    {
        LR_IGNORE(lr_layout_build(in, &again));
        if ( !same_layout(&again, l) )
            bad = "a run in lr_layout_bounds() storage laid out otherwise";
        else if ( l->diags.nr > b.diags && !input_overlaps(in) )
            bad = "more diagnostics than lr_layout_bounds() without "
                  "overlapping reservations";
        else if ( l->diags.nr <= b.diags && !same_diags(&again, l) )
            bad = "a run in lr_layout_bounds() storage said otherwise";
        else if ( again.diags.nr + again.diags.lost !=
                  l->diags.nr + l->diags.lost ||
                  again.diags.errors != l->diags.errors ||
                  again.diags.warnings != l->diags.warnings )
            bad = "a run in lr_layout_bounds() storage counted otherwise";
    }
    free(mem);
    if ( !bad )
        return NULL;
    snprintf(why, sizeof(why), "%s (status %d/%d, diags %u+%u/%u+%u)", bad,
             (int)again.status, (int)l->status, again.diags.nr,
             again.diags.lost, l->diags.nr, l->diags.lost);
    return why;
}

const char *lr_check_invariants(const struct lr_input *in,
                                const struct lr_layout *l)
{
    uint64_t total = 0, below = 0, above = 0;
    unsigned int i, j, n1 = 0, n2 = 0, n4 = 0;
    struct lr_layout *again;
    struct lr_layout_store *store;
    bool same;

    if ( l->status == LR_E_INVAL && l->nr_ram == 0 )
        goto determinism;

    for ( i = 0; i < l->nr_ram; i++ )
    {
        const struct lr_range *r = &l->ram[i];

        if ( r->last < r->base )
            FAIL("RAM chunk %u inverted", i);
        if ( i && l->ram[i - 1].last + 1 >= r->base )
            FAIL("RAM chunks %u and %u unsorted or touching", i - 1, i);
        if ( overlap(r->base, r->last, l->mmio_start, 0xFFFFFFFFULL) )
            FAIL("RAM chunk %u [%#llx-%#llx] inside the MMIO hole", i,
                 (unsigned long long)r->base, (unsigned long long)r->last);
        if ( overlap(r->base, r->last, 0xA0000, 0xBFFFF) )
            FAIL("RAM chunk %u covers the VGA hole", i);
        total += r->last - r->base + 1;
        if ( r->base < (1ULL << 32) )
            below += r->last - r->base + 1;
        else
            above += r->last - r->base + 1;
        lr_count_mappings(r, &n1, &n2, &n4);
        for ( j = 0; j < l->nr_reserved; j++ )
        {
            const struct lr_range *x = &l->reserved[j].range;

            if ( overlap(r->base, r->last, x->base, x->last) )
                FAIL("reservation %s [%#llx-%#llx] overlaps RAM "
                     "[%#llx-%#llx]", l->reserved[j].owner,
                     (unsigned long long)x->base, (unsigned long long)x->last,
                     (unsigned long long)r->base, (unsigned long long)r->last);
        }
    }
    if ( l->status == LR_OK && total != in->cfg.mem_size - 0x20000 )
        FAIL("RAM total %#llx != memory %#llx - VGA hole",
             (unsigned long long)total, (unsigned long long)in->cfg.mem_size);
    if ( total != l->stats.ram_total || below != l->stats.ram_below_4g ||
         above != l->stats.ram_above_4g )
        FAIL("stats disagree with RAM chunks");
    if ( n1 != l->stats.map_1g || n2 != l->stats.map_2m ||
         n4 != l->stats.map_4k )
        FAIL("mapping counts disagree");
    if ( l->stats.dropped != l->nr_dropped )
        FAIL("dropped count %u != %u listed", l->stats.dropped,
             l->nr_dropped);

    for ( i = 0; i < l->nr_dropped; i++ )
    {
        const struct lr_range *x = &l->dropped[i].range;
        int named = 0;

        for ( j = 0; j < l->diags.nr; j++ )
        {
            const struct lr_diag *d = &l->diags.d[j];

            if ( d->a.valid && d->a.range.base == x->base &&
                 d->a.range.last == x->last )
                named = 1;
        }
        if ( !named && !l->diags.lost )
            FAIL("dropped region %#llx has no diagnostic",
                 (unsigned long long)x->base);
    }

    for ( i = 0; i < l->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm_place *p = &l->vnv[i];

        if ( !p->placed )
            continue;
        if ( p->data.last - p->data.base + 1 != in->vnvdimms[i].size )
            FAIL("vNVDIMM %u size %#llx, asked %#llx", i,
                 (unsigned long long)(p->data.last - p->data.base + 1),
                 (unsigned long long)in->vnvdimms[i].size);
        for ( j = 0; j < l->nr_reserved; j++ )
        {
            const struct lr_region *x = &l->reserved[j];

            if ( x->kind == LR_KIND_PMEM && x->src == i )
                continue;
            if ( x->kind == LR_KIND_LABEL && x->src == i )
                continue;
            if ( overlap(p->data.base, p->data.last, x->range.base,
                         x->range.last) )
                FAIL("vNVDIMM %u overlaps reservation %s", i, x->owner);
        }
    }

 determinism:
    again = malloc(sizeof(*again));
    store = malloc(sizeof(*store));
    if ( !again || !store )
    {
        free(again);
        free(store);
        FAIL("out of memory");
    }
    /* Over storage full of other bytes: what the run writes (all it
     * fills, lr_layout_build's contract) must be the same bytes.  And
     * from a copy of the input whose entries past its counts hold other
     * bytes (they are not part of it: lr_input_init leaves them). */
    memset(store, 0xa5, sizeof(*store));
    memset(again, 0xa5, sizeof(*again));
    lr_layout_init_store(again, store);
    junk_copy(in);
    LR_IGNORE(lr_layout_build(&junk, again));
    same = same_layout(again, l) && same_diags(again, l);
    free(again);
    free(store);
    if ( !same )
        FAIL("second run on the same input gave different bytes");
    return check_bounded(in, l);
}

/* Bytes of the union of res[] inside [base, last]. */
static uint64_t union_bytes_in(const struct lr_range *res, unsigned int nr,
                               uint64_t base, uint64_t last)
{
    uint64_t n = 0, a = base;

    /* Sweep: the lowest range start at or after a, clipped, merged. */
    while ( a <= last )
    {
        uint64_t lo = UINT64_MAX, hi = 0;
        unsigned int i;

        for ( i = 0; i < nr; i++ )
        {
            uint64_t b = res[i].base < a ? a : res[i].base;

            if ( res[i].last < a || b > last )
                continue;
            if ( b < lo )
                lo = b;
        }
        if ( lo == UINT64_MAX )
            break;
        hi = lo;
        for ( ;; )
        {
            uint64_t grown = hi;

            for ( i = 0; i < nr; i++ )
                if ( res[i].base <= hi + 1 && res[i].last > grown &&
                     res[i].last >= lo )
                    grown = res[i].last;
            if ( grown == hi )
                break;
            hi = grown;
        }
        if ( hi > last )
            hi = last;
        n += hi - lo + 1;
        if ( hi == last )
            break;
        a = hi + 1;
    }
    return n;
}

unsigned int lr_superpage_max(uint64_t mem_size, uint64_t low,
                              const struct lr_range *res, unsigned int nr)
{
    const uint64_t vga = 0xC0000 - 0xA0000, gib = 1ULL << 30;
    uint64_t ram = mem_size - vga, cap;
    struct lr_range pages[LR_MAX_RESERVED + 1];
    unsigned int i;

    if ( nr > LR_MAX_RESERVED )
        nr = LR_MAX_RESERVED;
    for ( i = 0; i < nr; i++ )      /* the engine reserves whole pages */
    {
        pages[i].base = res[i].base & ~0xFFFULL;
        pages[i].last = res[i].last | 0xFFF;
    }
    pages[nr].base = 0xA0000;       /* the VGA hole is never RAM */
    pages[nr].last = 0xBFFFF;
    cap = low - union_bytes_in(pages, nr + 1, 0, low - 1);
    if ( cap > ram )
        cap = ram;
    return (unsigned int)((ram - cap) / gib);
}

const char *lr_check_superpages(const struct lr_input *in,
                                const struct lr_layout *l)
{
    static struct lr_input other;
    static struct lr_layout ol;
    static struct lr_layout_store ol_store;
    struct lr_range res[LR_MAX_RESERVED];
    unsigned int i, want;
    uint64_t low, hole_start;

    if ( l->status != LR_OK )
        return NULL;
    if ( !ol.ram )
        lr_layout_init_store(&ol, &ol_store);
    if ( in->cfg.strategy == LR_STRATEGY_PACK )
    {
        other = *in;
        other.cfg.strategy = LR_STRATEGY_XEN_COMPAT;
        if ( lr_layout_build(&other, &ol) == LR_OK &&
             l->stats.map_1g < ol.stats.map_1g )
            FAIL("pack has %u 1 GiB extents, xen-compat %u",
                 l->stats.map_1g, ol.stats.map_1g);
        return NULL;
    }
    if ( in->cfg.strategy != LR_STRATEGY_SUPERPAGE )
        return NULL;

    for ( i = 0; i < l->nr_reserved && i < LR_MAX_RESERVED; i++ )
        res[i] = l->reserved[i].range;
    low = in->cfg.superpage_low ? in->cfg.superpage_low : 1ULL << 30;
    hole_start = (1ULL << 32) - in->cfg.mmio_hole_size;
    if ( low > hole_start )
        low = hole_start;
    want = lr_superpage_max(in->cfg.mem_size, low, res, i);
    if ( low <= 1ULL << 30 ? l->stats.map_1g != want
                           : l->stats.map_1g < want )
        FAIL("superpage has %u 1 GiB extents, the most possible is %u",
             l->stats.map_1g, want);
    other = *in;
    other.cfg.strategy = LR_STRATEGY_PUNCH;
    if ( lr_layout_build(&other, &ol) == LR_OK &&
         l->nr_dropped > ol.nr_dropped )
        FAIL("superpage drops %u reservations, punch %u", l->nr_dropped,
             ol.nr_dropped);
    return NULL;
}
