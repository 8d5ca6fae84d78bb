/* SPDX-License-Identifier: MIT */
/*
 * Address ranges and sets of ranges.
 *
 * This header owns the end convention of the whole project: a range is
 * [base, last] with an INCLUSIVE last byte, so a range may end at 2^64 - 1
 * and an empty range cannot exist.  Sizes are converted at the input edge
 * (lr_range_from_size) where wrap-around and size 0 are rejected.  Nobody
 * computes base + size on a raw struct: use the accessors.
 */
#ifndef LIBRESERVE_RANGE_H
#define LIBRESERVE_RANGE_H

#include <stdint.h>
#include <stdbool.h>
#include <libreserve/status.h>

struct lr_range {
    uint64_t base;
    uint64_t last;          /* inclusive; always >= base */
};

/* Build [base, base + size - 1].  LR_E_EMPTY if size is 0, LR_E_WRAP if
 * the range would pass 2^64 - 1.  *out is untouched on error. */
LR_MUST_CHECK enum lr_status lr_range_from_size(uint64_t base, uint64_t size,
                                                struct lr_range *out);

/* Build [base, last].  LR_E_INVAL if last < base. */
LR_MUST_CHECK enum lr_status lr_range_from_last(uint64_t base, uint64_t last,
                                                struct lr_range *out);

/* Size in bytes.  The whole 64-bit space is the one range whose size does
 * not fit: it reports 0. */
static inline uint64_t lr_range_size(const struct lr_range *r)
{
    return r->last - r->base + 1;
}

/* One past the last byte, or 0 when the range ends at 2^64 - 1 (check
 * lr_range_ends_at_top() first when that matters). */
static inline uint64_t lr_range_end(const struct lr_range *r)
{
    return r->last + 1;
}

static inline bool lr_range_ends_at_top(const struct lr_range *r)
{
    return r->last == UINT64_MAX;
}

static inline bool lr_range_overlaps(const struct lr_range *a,
                                     const struct lr_range *b)
{
    return a->base <= b->last && b->base <= a->last;
}

/* True if a and b overlap or touch (a ends right before b starts or the
 * other way round): they would merge into one range. */
static inline bool lr_range_mergeable(const struct lr_range *a,
                                      const struct lr_range *b)
{
    if ( lr_range_overlaps(a, b) )
        return true;
    return (a->last != UINT64_MAX && a->last + 1 == b->base) ||
           (b->last != UINT64_MAX && b->last + 1 == a->base);
}

/* True if inner lies entirely inside outer. */
static inline bool lr_range_contains(const struct lr_range *outer,
                                     const struct lr_range *inner)
{
    return outer->base <= inner->base && inner->last <= outer->last;
}

static inline bool lr_range_contains_addr(const struct lr_range *r,
                                          uint64_t addr)
{
    return r->base <= addr && addr <= r->last;
}

/* Intersection of a and b into *out; false (and *out untouched) if they
 * do not overlap. */
bool lr_range_intersect(const struct lr_range *a, const struct lr_range *b,
                        struct lr_range *out);

/* Round a range outward to 'align' (a power of two): base down, last up to
 * the last byte of its aligned block.  LR_E_INVAL if align is not a power
 * of two, LR_E_WRAP if rounding up passes 2^64 - 1. */
LR_MUST_CHECK enum lr_status lr_range_round_out(const struct lr_range *r,
                                                uint64_t align,
                                                struct lr_range *out);

/* Alignment helpers; align must be a power of two.  lr_align_up reports
 * wrap through *ok = false (and returns 0). */
static inline uint64_t lr_align_down(uint64_t v, uint64_t align)
{
    return v & ~(align - 1);
}

static inline uint64_t lr_align_up(uint64_t v, uint64_t align, bool *ok)
{
    uint64_t r = (v + align - 1) & ~(align - 1);

    *ok = r >= v;
    return *ok ? r : 0;
}

static inline bool lr_is_pow2(uint64_t v)
{
    return v && !(v & (v - 1));
}

static inline bool lr_is_aligned(uint64_t v, uint64_t align)
{
    return !(v & (align - 1));
}

/*
 * A set of disjoint, sorted, non-touching ranges in caller storage.
 * Adjacent and overlapping additions merge.  Running out of storage is
 * LR_E_NOSPACE and leaves the set as it was before the call.
 */
struct lr_ranges {
    struct lr_range *r;
    unsigned int nr;
    unsigned int cap;
};

/* Start an empty set over storage[0 .. cap). */
void lr_ranges_init(struct lr_ranges *set, struct lr_range *storage,
                    unsigned int cap);

/* Add r, merging with every range it overlaps or touches. */
LR_MUST_CHECK enum lr_status lr_ranges_add(struct lr_ranges *set,
                                           const struct lr_range *r);

/* Remove r from the set; may split one range into two (LR_E_NOSPACE if
 * that needs a slot the storage lacks; the set is then unchanged). */
LR_MUST_CHECK enum lr_status lr_ranges_remove(struct lr_ranges *set,
                                              const struct lr_range *r);

/* First range of the set that overlaps r, or NULL. */
const struct lr_range *lr_ranges_first_overlap(const struct lr_ranges *set,
                                               const struct lr_range *r);

/* Total bytes of the set's ranges that fall inside window (saturates at
 * UINT64_MAX). */
uint64_t lr_ranges_bytes_in(const struct lr_ranges *set,
                            const struct lr_range *window);

/* Aligned first fit: lowest base >= window->base, aligned to align (a power
 * of two), such that [base, base + size - 1] lies inside window and
 * overlaps no range of obstacles.  LR_E_NOFIT if there is none,
 * LR_E_EMPTY for size 0, LR_E_INVAL for a bad alignment. */
LR_MUST_CHECK enum lr_status lr_ranges_find_fit(const struct lr_ranges *obstacles,
                                                const struct lr_range *window,
                                                uint64_t size, uint64_t align,
                                                struct lr_range *out);

#endif /* LIBRESERVE_RANGE_H */
