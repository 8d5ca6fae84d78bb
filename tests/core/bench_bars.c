/* SPDX-License-Identifier: MIT */
/*
 * make bench, PCI BARs: stock hvmloader's placement (modelled,
 * stock_bars.c) against the engine's (lr_bar_place_grow, what the patched
 * hvmloader runs) on random device sets, per guest scenario: how large
 * the 32-bit hole ends up, how many BARs are left unplaced (stock: "no
 * space for resource", the device silently lacks it; ours: hvmloader
 * BUG()s, naming it), and how many of stock's BARs land on something
 * (RAM, a reservation, a vNVDIMM: stock knows only its RESERVED entries
 * below 4 GiB).  Deterministic (fixed seed); figures only, no assertion.
 */
#include <stdio.h>
#include <string.h>
#include <libreserve/bar.h>
#include <libreserve/layout.h>
#include "stock_bars.h"
#include "../lib/xorshift.h"

#define MIB     (1ULL << 20)
#define GIB     (1ULL << 30)
#define SETS    2000

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint64_t rnd(void)
{
    return xorshift64(&rng);
}

/* A power of two in [2^lo, 2^hi]. */
static uint64_t pow2(unsigned int lo, unsigned int hi)
{
    return 1ULL << (lo + rnd() % (hi - lo + 1));
}

static unsigned int add(struct lr_bar *b, unsigned int n, uint64_t size,
                        int is64)
{
    if ( n >= LR_MAX_BARS )
        return n;
    memset(&b[n], 0, sizeof(b[n]));
    b[n].size = size;
    b[n].is64 = is64;
    snprintf(b[n].owner, sizeof(b[n].owner), "bar %u", n);
    return n + 1;
}

/* 1-10 devices: NICs, GPUs, NVMe, generic ones. */
static unsigned int device_set(struct lr_bar *b)
{
    unsigned int n = 0, d, nd = 1 + rnd() % 10, k;

    for ( d = 0; d < nd; d++ )
        switch ( rnd() % 4 )
        {
        case 0:                                     /* NIC */
            n = add(b, n, 128 << 10, 0);
            if ( rnd() % 2 )
                n = add(b, n, 256 << 10, 0);        /* ROM */
            break;
        case 1:                                     /* GPU */
            n = add(b, n, pow2(24, 28), 0);
            if ( rnd() % 10 < 3 )
                n = add(b, n, pow2(28, 33), 1);
            n = add(b, n, 4096, 0);
            break;
        case 2:                                     /* NVMe */
            n = add(b, n, 16 << 10, 1);
            break;
        default:
            for ( k = 1 + rnd() % 3; k; k-- )
                n = add(b, n, pow2(12, 26), rnd() % 10 < 4);
        }
    return n;
}

struct scen {
    const char *name;
    uint64_t mem;
    uint64_t rmrr_base, rmrr_size;          /* 0: none */
    uint64_t pmem;                          /* auto vNVDIMM size, 0: none */
};

static const struct scen scens[] = {
    { "256M guest", 256 * MIB, 0, 0, 0 },
    { "2G + 1G vNVDIMM", 2 * GIB, 0, 0, GIB },
    { "3.5G + RMRR in hole", 3584 * MIB, 0xF7000000, 2 * MIB, 0 },
    { "8G guest", 8 * GIB, 0, 0, 0 },
    { "8G + 4G vNVDIMM", 8 * GIB, 0, 0, 4 * GIB },
};

static void input(const struct scen *s, enum lr_strategy st,
                  struct lr_input *in)
{
    lr_input_init(in);
    in->cfg.mem_size = s->mem;
    in->cfg.strategy = st;
    if ( s->rmrr_size )
    {
        struct lr_region r;
        struct lr_range g = { s->rmrr_base, s->rmrr_base + s->rmrr_size - 1 };

        lr_region_set(&r, &g, LR_KIND_RMRR, LR_POLICY_RELAXED, "RMRR");
        if ( lr_input_add_region(in, &r) != LR_OK )
            return;
    }
    if ( s->pmem )
    {
        struct lr_vnvdimm v;

        memset(&v, 0, sizeof(v));
        v.gpa = LR_GPA_AUTO;
        v.size = s->pmem;
        v.policy = LR_POLICY_RELAXED;
        if ( lr_input_add_vnvdimm(in, &v) != LR_OK )
            return;
    }
}

/* Does [a, a + size) touch RAM or a reservation of layout l? */
static int collides(const struct lr_layout *l, uint64_t a, uint64_t size)
{
    uint64_t last = a + size - 1;
    unsigned int i;

    for ( i = 0; i < l->nr_ram; i++ )
        if ( a <= l->ram[i].last && l->ram[i].base <= last )
            return 1;
    for ( i = 0; i < l->nr_reserved; i++ )
        if ( a <= l->reserved[i].range.last &&
             l->reserved[i].range.base <= last )
            return 1;
    return 0;
}

int main(void)
{
    static struct lr_input in;
    static struct lr_layout ours, stock;
    static struct lr_layout_store ours_store, stock_store;
    unsigned int si;

    lr_layout_init_store(&ours, &ours_store);
    lr_layout_init_store(&stock, &stock_store);
    printf("PCI BARs: stock hvmloader (model) vs libreserve, %u random"
           " device sets per guest (1-10 devices: NICs, GPUs, NVMe, others)"
           "\n", SETS);
    printf("hole: MiB below 4 GiB the 32-bit BAR window starts at (mean /"
           " max); unplaced: BARs (sets); collide: stock BARs over RAM, a"
           " reservation or a vNVDIMM;\nonly: sets where ours leaves a BAR"
           " unplaced and stock places them all\n\n");
    printf("%-20s %6s | %-5s %8s %10s %7s %5s | %-4s %8s %10s %5s %5s\n",
           "guest", "BARs", "stock", "hole", "unplaced", "collide", "high",
           "ours", "hole", "unplaced", "high", "only");
    for ( si = 0; si < sizeof(scens) / sizeof(scens[0]); si++ )
    {
        const struct scen *s = &scens[si];
        struct stock_reserved sres[LR_MAX_RESERVED];
        unsigned int nsres = 0, set, i;
        unsigned long long nbars = 0, s_un = 0, s_sets = 0, s_col = 0;
        unsigned long long s_high = 0, o_un = 0, o_sets = 0, o_high = 0;
        unsigned long long s_hole = 0, o_hole = 0, s_max = 0, o_max = 0;
        unsigned long long o_only = 0;      /* sets only ours fails */

        input(s, LR_STRATEGY_PUNCH, &in);
        if ( lr_layout_build(&in, &ours) != LR_OK )
            return 1;
        /* Stock Xen: libxl's layout; its e820 has the RDMs as RESERVED,
         * and nothing for a vNVDIMM (an iomem= range at best). */
        input(s, LR_STRATEGY_XEN_COMPAT, &in);
        if ( lr_layout_build(&in, &stock) != LR_OK )
            return 1;
        for ( i = 0; i < stock.nr_reserved; i++ )
            if ( stock.reserved[i].kind == LR_KIND_RMRR )
            {
                sres[nsres].base = stock.reserved[i].range.base;
                sres[nsres].size = lr_range_size(&stock.reserved[i].range);
                nsres++;
            }

        for ( set = 0; set < SETS; set++ )
        {
            struct lr_bar b[LR_MAX_BARS];
            struct stock_bar sb[LR_MAX_BARS];
            struct lr_diag dst[LR_MAX_BARS + 2];
            struct lr_diags ds;
            struct lr_bar_result r;
            struct stock_result sr;
            unsigned int n = device_set(b), hole;

            nbars += n;
            for ( i = 0; i < n; i++ )
            {
                memset(&sb[i], 0, sizeof(sb[i]));
                sb[i].size = b[i].size;
                sb[i].is64 = b[i].is64;
            }
            stock_bar_place(stock.lowmem_end, stock.highmem_end, sres, nsres,
                            sb, n, &sr);
            s_un += sr.nr_unplaced;
            s_sets += sr.nr_unplaced > 0;
            s_high += sr.nr_high;
            hole = (unsigned int)((LR_4G - sr.pci_mem_start) >> 20);
            s_hole += hole;
            s_max = hole > s_max ? hole : s_max;
            for ( i = 0; i < n; i++ )
                s_col += sb[i].placed && collides(&ours, sb[i].addr,
                                                  sb[i].size);

            lr_diags_init(&ds, dst, LR_MAX_BARS + 2);
            if ( lr_bar_place_grow(&ours, b, n, &ds, &r) == LR_E_INVAL )
                return 1;
            o_un += r.nr_unplaced;
            o_sets += r.nr_unplaced > 0;
            o_only += r.nr_unplaced > 0 && sr.nr_unplaced == 0;
            o_high += r.nr_high;
            hole = (unsigned int)((LR_4G - r.low_base) >> 20);
            o_hole += hole;
            o_max = hole > o_max ? hole : o_max;
        }
        printf("%-20s %6llu | %5s %3llu/%4llu %4llu (%3llu) %7llu %5llu |"
               " %4s %3llu/%4llu %4llu (%3llu) %5llu %5llu\n", s->name,
               nbars, "", s_hole / SETS, s_max, s_un, s_sets, s_col, s_high,
               "", o_hole / SETS, o_max, o_un, o_sets, o_high, o_only);
    }
    printf("\nstock's unplaced BARs boot with the device missing a BAR;"
           " ours stop hvmloader with a named BUG() (none of them is placed"
           " over anything).\n");
    return 0;
}
