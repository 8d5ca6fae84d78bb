/* SPDX-License-Identifier: MIT */
#include <libreserve/range.h>
#include "lr_libc.h"

enum lr_status lr_range_from_size(uint64_t base, uint64_t size,
                                  struct lr_range *out)
{
    if ( size == 0 )
        return LR_E_EMPTY;
    if ( size - 1 > UINT64_MAX - base )
        return LR_E_WRAP;
    out->base = base;
    out->last = base + (size - 1);
    return LR_OK;
}

enum lr_status lr_range_from_last(uint64_t base, uint64_t last,
                                  struct lr_range *out)
{
    if ( last < base )
        return LR_E_INVAL;
    out->base = base;
    out->last = last;
    return LR_OK;
}

bool lr_range_intersect(const struct lr_range *a, const struct lr_range *b,
                        struct lr_range *out)
{
    if ( !lr_range_overlaps(a, b) )
        return false;
    out->base = a->base > b->base ? a->base : b->base;
    out->last = a->last < b->last ? a->last : b->last;
    return true;
}

enum lr_status lr_range_round_out(const struct lr_range *r, uint64_t align,
                                  struct lr_range *out)
{
    uint64_t mask;

    if ( !lr_is_pow2(align) )
        return LR_E_INVAL;
    mask = align - 1;
    /* last | mask cannot wrap: it only sets low bits. */
    out->base = r->base & ~mask;
    out->last = r->last | mask;
    return LR_OK;
}

void lr_ranges_init(struct lr_ranges *set, struct lr_range *storage,
                    unsigned int cap)
{
    set->r = storage;
    set->nr = 0;
    set->cap = cap;
}

enum lr_status lr_ranges_add(struct lr_ranges *set, const struct lr_range *r)
{
    unsigned int i, j;
    struct lr_range m = *r;

    if ( r->last < r->base )
        return LR_E_INVAL;

    /* First range that r could merge with or that lies after r. */
    for ( i = 0; i < set->nr; i++ )
        if ( lr_range_mergeable(&set->r[i], &m) || set->r[i].base > m.last )
            break;

    /* Swallow every mergeable range from i on. */
    for ( j = i; j < set->nr && lr_range_mergeable(&set->r[j], &m); j++ )
    {
        if ( set->r[j].base < m.base )
            m.base = set->r[j].base;
        if ( set->r[j].last > m.last )
            m.last = set->r[j].last;
    }

    if ( j == i )
    {
        /* Pure insertion before index i. */
        if ( set->nr == set->cap )
            return LR_E_NOSPACE;
        memmove(&set->r[i + 1], &set->r[i],
                (set->nr - i) * sizeof(set->r[0]));
        set->r[i] = m;
        set->nr++;
        return LR_OK;
    }

    /* Ranges i .. j-1 collapse into one at i. */
    set->r[i] = m;
    memmove(&set->r[i + 1], &set->r[j], (set->nr - j) * sizeof(set->r[0]));
    set->nr -= j - i - 1;
    return LR_OK;
}

enum lr_status lr_ranges_remove(struct lr_ranges *set,
                                const struct lr_range *r)
{
    unsigned int i;

    if ( r->last < r->base )
        return LR_E_INVAL;

    /* A split needs one more slot: check before touching anything. */
    for ( i = 0; i < set->nr; i++ )
        if ( set->r[i].base < r->base && set->r[i].last > r->last &&
             set->nr == set->cap )
            return LR_E_NOSPACE;

    i = 0;
    while ( i < set->nr )
    {
        struct lr_range *cur = &set->r[i];

        if ( !lr_range_overlaps(cur, r) )
        {
            i++;
            continue;
        }
        if ( cur->base < r->base && cur->last > r->last )
        {
            /* Split: [cur->base, r->base - 1] and [r->last + 1, last]. */
            memmove(&set->r[i + 1], &set->r[i],
                    (set->nr - i) * sizeof(set->r[0]));
            set->r[i].last = r->base - 1;
            set->r[i + 1].base = r->last + 1;
            set->nr++;
            return LR_OK;
        }
        if ( cur->base < r->base )
        {
            cur->last = r->base - 1;
            i++;
        }
        else if ( cur->last > r->last )
        {
            cur->base = r->last + 1;
            i++;
        }
        else
        {
            memmove(&set->r[i], &set->r[i + 1],
                    (set->nr - i - 1) * sizeof(set->r[0]));
            set->nr--;
        }
    }
    return LR_OK;
}

const struct lr_range *lr_ranges_first_overlap(const struct lr_ranges *set,
                                               const struct lr_range *r)
{
    unsigned int i;

    for ( i = 0; i < set->nr; i++ )
    {
        if ( set->r[i].base > r->last )
            break;
        if ( lr_range_overlaps(&set->r[i], r) )
            return &set->r[i];
    }
    return NULL;
}

uint64_t lr_ranges_bytes_in(const struct lr_ranges *set,
                            const struct lr_range *window)
{
    uint64_t total = 0;
    unsigned int i;

    for ( i = 0; i < set->nr; i++ )
    {
        struct lr_range x;
        uint64_t sz;

        if ( !lr_range_intersect(&set->r[i], window, &x) )
            continue;
        sz = lr_range_size(&x);
        if ( sz == 0 || total > UINT64_MAX - sz )
            return UINT64_MAX;
        total += sz;
    }
    return total;
}

enum lr_status lr_ranges_find_fit(const struct lr_ranges *obstacles,
                                  const struct lr_range *window,
                                  uint64_t size, uint64_t align,
                                  struct lr_range *out)
{
    uint64_t base;
    unsigned int i = 0;
    bool ok;

    if ( size == 0 )
        return LR_E_EMPTY;
    if ( !lr_is_pow2(align) || window->last < window->base )
        return LR_E_INVAL;

    base = lr_align_up(window->base, align, &ok);
    for ( ;; )
    {
        struct lr_range cand;

        if ( !ok || base > window->last )
            return LR_E_NOFIT;
        if ( size - 1 > window->last - base )
            return LR_E_NOFIT;
        cand.base = base;
        cand.last = base + (size - 1);

        /* Obstacles are sorted: skip those wholly below the candidate. */
        while ( i < obstacles->nr && obstacles->r[i].last < cand.base )
            i++;
        if ( i == obstacles->nr || obstacles->r[i].base > cand.last )
        {
            *out = cand;
            return LR_OK;
        }
        /* Blocked: restart right after this obstacle. */
        if ( obstacles->r[i].last == UINT64_MAX )
            return LR_E_NOFIT;
        base = lr_align_up(obstacles->r[i].last + 1, align, &ok);
    }
}
