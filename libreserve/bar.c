/* SPDX-License-Identifier: MIT */
#include <libreserve/bar.h>
#include <libreserve/fmt.h>
#include <stddef.h>
#include "lr_libc.h"

#define GPA_LAST    ((1ULL << 52) - 1)
#define NR_OBST     (LR_MAX_RAM + LR_MAX_RESERVED + LR_MAX_BARS)

struct bar_work {
    const struct lr_layout *l;
    struct lr_bar *bars;
    struct lr_diags *diags;
    unsigned int nr;
    struct lr_ranges obst;
    /* Not cleared (3.6 KB): order[] is written for [0, nr), store[]
     * counts up to obst.nr. */
    uint16_t order[LR_MAX_BARS];
    struct lr_range store[NR_OBST];
};

/* Everything a BAR may not overlap: RAM and every reservation. */
static enum lr_status obstacles(struct bar_work *w)
{
    const struct lr_layout *l = w->l;
    enum lr_status st = LR_OK;
    unsigned int i;

    lr_ranges_init(&w->obst, w->store, NR_OBST);
    for ( i = 0; st == LR_OK && i < l->nr_ram; i++ )
        st = lr_ranges_add(&w->obst, &l->ram[i]);
    for ( i = 0; st == LR_OK && i < l->nr_reserved; i++ )
    {
        struct lr_range r;

        st = lr_range_round_out(&l->reserved[i].range, LR_PAGE_SIZE, &r);
        if ( st == LR_OK )
            st = lr_ranges_add(&w->obst, &r);
    }
    return st;
}

static bool place_one(struct bar_work *w, struct lr_bar *b,
                      const struct lr_range *win)
{
    uint64_t align = b->size < LR_PAGE_SIZE ? LR_PAGE_SIZE : b->size;
    struct lr_range r;

    if ( lr_ranges_find_fit(&w->obst, win, align, align, &r) != LR_OK ||
         lr_ranges_add(&w->obst, &r) != LR_OK )
        return false;
    b->addr = r.base;
    b->placed = 1;
    b->high = r.base >= LR_4G;
    return true;
}

static void bar_side(struct lr_diag_side *s, const struct lr_bar *b)
{
    struct lr_range r;

    r.base = b->addr;
    r.last = b->addr + (b->size ? b->size - 1 : 0);
    lr_diag_side_range(s, &r, b->is64 ? LR_KIND_MMIO64 : LR_KIND_MMIO32,
                       b->owner);
}

/* No room for b in win: named, with its owner and size. */
static void nofit(struct lr_diags *diags, const struct lr_bar *b,
                  const struct lr_range *win, enum lr_kind kind,
                  const char *name)
{
    struct lr_diag *d = lr_diag_add(diags, LR_D_BAR_NOFIT, LR_SEV_ERROR,
                                    LR_ACT_UNPLACED);
    struct lr_buf t;

    if ( !d )
        return;
    lr_diag_side_range(&d->b, win, kind, name);
    d->bytes = b->size;
    lr_buf_init(&t, d->detail, sizeof(d->detail));
    lr_buf_str(&t, b->owner);
    lr_buf_str(&t, b->is64 ? ", 64-bit, " : ", 32-bit, ");
    lr_buf_size(&t, b->size);
}

/* LR_E_INVAL (and a diagnostic) unless every BAR can be placed at all;
 * clears every BAR's result and sums the sizes into *asked. */
static enum lr_status check_bars(struct lr_bar *bars, unsigned int nr,
                                 struct lr_diags *diags, uint64_t *asked)
{
    struct lr_diag *d;
    struct lr_buf b;
    unsigned int i;

    if ( nr > LR_MAX_BARS )
    {
        d = lr_diag_add(diags, LR_D_BAR_BAD, LR_SEV_ERROR, LR_ACT_FAILED);
        if ( d )
            lr_strlcpy(d->detail, "more BARs than LR_MAX_BARS",
                       sizeof(d->detail));
        return LR_E_INVAL;
    }
    for ( i = 0; i < nr; i++ )
    {
        bars[i].placed = bars[i].high = 0;
        bars[i].addr = 0;
        if ( lr_is_pow2(bars[i].size) && bars[i].size <= (1ULL << 46) )
        {
            *asked += bars[i].size;
            continue;
        }
        d = lr_diag_add(diags, LR_D_BAR_BAD, LR_SEV_ERROR, LR_ACT_FAILED);
        if ( d )
        {
            bar_side(&d->a, &bars[i]);
            lr_buf_init(&b, d->detail, sizeof(d->detail));
            lr_buf_str(&b, "size not a power of two: ");
            lr_buf_hex(&b, bars[i].size, 0);
        }
        return LR_E_INVAL;
    }
    return LR_OK;
}

/* w->order: largest first; equal sizes in the caller's order. */
static void sort_order(struct bar_work *w)
{
    unsigned int i, j;

    for ( i = 0; i < w->nr; i++ )
    {
        for ( j = i;
              j > 0 && w->bars[w->order[j - 1]].size < w->bars[i].size; j-- )
            w->order[j] = w->order[j - 1];
        w->order[j] = i;
    }
}

/* The 64-bit window: above RAM and every reservation. */
static void high_window(const struct lr_layout *l, struct lr_range *high)
{
    unsigned int i;

    high->base = l->highmem_end > LR_4G ? l->highmem_end : LR_4G;
    for ( i = 0; i < l->nr_reserved; i++ )
        if ( l->reserved[i].range.last >= high->base &&
             l->reserved[i].range.last < GPA_LAST )
            high->base = l->reserved[i].range.last + 1;
    high->last = GPA_LAST;
}

/* Place the BARs that are 64-bit (or not) in win, largest first; the ones
 * that do not fit are counted in res and named. */
static void place_kind(struct bar_work *w, bool is64,
                       const struct lr_range *win, enum lr_kind kind,
                       const char *name, struct lr_bar_result *res)
{
    unsigned int i;

    for ( i = 0; i < w->nr; i++ )
    {
        struct lr_bar *b = &w->bars[w->order[i]];

        if ( !b->is64 != !is64 || place_one(w, b, win) )
            continue;
        res->nr_unplaced++;
        res->short_by += b->size;
        nofit(w->diags, b, win, kind, name);
    }
}

/* hvmloader's rule when the 32-bit hole cannot take every BAR: 64-bit
 * BARs go high, 32-bit ones stay. */
static enum lr_status place_split(struct bar_work *w,
                                  const struct lr_range *low,
                                  const struct lr_range *high,
                                  uint64_t asked, struct lr_bar_result *res)
{
    struct lr_diag *d;
    unsigned int i;

    if ( obstacles(w) != LR_OK )
        return LR_E_NOSPACE;
    for ( i = 0; i < w->nr; i++ )
        w->bars[i].placed = w->bars[i].high = 0, w->bars[i].addr = 0;
    place_kind(w, false, low, LR_KIND_MMIO32, "32-bit MMIO hole", res);
    place_kind(w, true, high, LR_KIND_MMIO64, "64-bit MMIO window", res);
    d = lr_diag_add(w->diags, LR_D_BAR_HIGH, LR_SEV_INFO, LR_ACT_PLACED);
    if ( d )
    {
        lr_diag_side_range(&d->a, low, LR_KIND_MMIO32, "32-bit MMIO hole");
        d->bytes = asked;
        if ( low->base > 2 * LR_GIB )
        {
            bool ok;

            /* A hole that starts at 2 GiB holds twice as much. */
            d->alt_hole = lr_align_up(LR_4G - 2 * LR_GIB, LR_MIB, &ok);
        }
    }
    return LR_OK;
}

/* Place bars with the 32-bit window starting at low_base. */
static enum lr_status place_window(const struct lr_layout *l,
                                   uint64_t low_base, struct lr_bar *bars,
                                   unsigned int nr, struct lr_diags *diags,
                                   struct lr_bar_result *res)
{
    struct bar_work w;
    struct lr_range low = { low_base, LR_BAR_LOW_LAST }, high;
    uint64_t asked = 0;
    unsigned int i;
    bool all_low = true;
    enum lr_status st;

    memset(res, 0, sizeof(*res));
    st = check_bars(bars, nr, diags, &asked);
    if ( st != LR_OK )
        return st;
    memset(&w, 0, offsetof(struct bar_work, order));
    w.l = l;
    w.bars = bars;
    w.diags = diags;
    w.nr = nr;
    sort_order(&w);
    high_window(l, &high);
    res->high_base = high.base;
    res->low_base = low_base;

    /* First try: everything in the 32-bit hole. */
    if ( obstacles(&w) != LR_OK )
        return LR_E_NOSPACE;
    for ( i = 0; i < nr && all_low; i++ )
        all_low = place_one(&w, &bars[w.order[i]], &low);
    if ( !all_low && place_split(&w, &low, &high, asked, res) != LR_OK )
        return LR_E_NOSPACE;

    for ( i = 0; i < nr; i++ )
        if ( bars[i].placed && bars[i].high )
            res->nr_high++;
        else if ( bars[i].placed )
            res->nr_low++;
    return res->nr_unplaced ? LR_E_NOFIT : LR_OK;
}

enum lr_status lr_bar_place(const struct lr_layout *l, struct lr_bar *bars,
                            unsigned int nr, struct lr_diags *diags,
                            struct lr_bar_result *res)
{
    return place_window(l, l->mmio_start, bars, nr, diags, res);
}

/* Highest end of RAM below 4 GiB (0 without any). */
static uint64_t low_ram_end(const struct lr_layout *l)
{
    uint64_t end = 0;
    unsigned int i;

    for ( i = 0; i < l->nr_ram; i++ )
        if ( l->ram[i].base < LR_4G )
            end = l->ram[i].last + 1 < LR_4G ? l->ram[i].last + 1 : LR_4G;
    return end;
}

enum lr_status lr_bar_place_grow(const struct lr_layout *l,
                                 struct lr_bar *bars, unsigned int nr,
                                 struct lr_diags *diags,
                                 struct lr_bar_result *res)
{
    uint64_t base = l->mmio_start, ram_end = low_ram_end(l);
    uint64_t placed_all = 0;    /* smallest window placing every BAR */
    struct lr_diags none;
    struct lr_diag one;
    enum lr_status st;

    /* Trial runs report into a scratch list: only the last one counts.
     * Everything below 4 GiB in the smallest window that takes it; else
     * every BAR placed (64-bit ones high) in the smallest window that
     * does that; else the largest window. */
    for ( ;; )
    {
        lr_diags_init(&none, &one, 1);
        st = place_window(l, base, bars, nr, &none, res);
        if ( st == LR_E_INVAL || (st == LR_OK && res->nr_high == 0) )
            return place_window(l, base, bars, nr, diags, res);
        if ( st == LR_OK && !placed_all )
            placed_all = base;
        if ( base <= LR_4G - LR_BAR_GROW_MAX ||
             LR_4G - 2 * (LR_4G - base) < ram_end )
            break;
        base = LR_4G - 2 * (LR_4G - base);
    }
    return place_window(l, placed_all ? placed_all : base, bars, nr, diags,
                        res);
}
