/* SPDX-License-Identifier: MIT */
/*
 * The engine on every real machine we have: each DMAR table of
 * tests/data/dmar-corpus, its RMRRs reserved as stock Xen's "host"
 * strategy would (all of them), for guests of 1, 4, 16 and 64 GiB, in
 * every strategy.  Checks the design's invariants on every layout, that
 * pack never yields fewer 1 GiB extents than punch (in sum) nor than
 * xen-compat (on each input), and that superpage reaches the physical
 * maximum of 1 GiB extents (computed here from the machine's RMRRs, not by
 * the engine) and drops no reservation punch keeps; prints per strategy
 * the machines with a dropped reservation, the strict failures, the RAM
 * displaced above 4 GiB and the 1 GiB mappings, next to the maximum.
 *
 * Usage: corpus DIR   (DIR holds *.dmar.bin)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libreserve/layout.h>
#include "corpus_load.h"
#include "invariants.h"

#define NSIZES 4
#define NSTRAT 4

static const unsigned int sizes_gib[NSIZES] = { 1, 4, 16, 64 };

struct tally {
    unsigned int machines_drop[NSIZES];     /* relaxed: >= 1 dropped */
    unsigned int machines_fail[NSIZES];     /* strict: build fails */
    unsigned long long displaced[NSIZES];   /* relaxed, summed */
    unsigned long long map_1g[NSIZES];
    unsigned int any_drop;                  /* at any size */
};

static struct lr_input in;
static struct lr_layout lay;
static struct lr_layout_store lay_store;
static struct tally tally[NSTRAT];
static unsigned long long phys_max[NSIZES];

/* The physical maximum for machine m: RMRRs in the first MiB are not
 * honoured (fixed firmware ranges), the others are. */
static unsigned int machine_max(const struct corpus_machine *m,
                                uint64_t mem)
{
    struct lr_range r[LR_MAX_REGIONS];
    unsigned int i, n = 0;

    for ( i = 0; i < m->nr; i++ )
        if ( m->regs[i].range.base >= 0x100000 )
            r[n++] = m->regs[i].range;
    return lr_superpage_max(mem, 1ULL << 30, r, n);
}

int main(int argc, char **argv)
{
    struct corpus_machine *ms;
    int nm;
    unsigned int m, s, z, failures = 0, layouts = 0, with_rmrr = 0;

    lr_layout_init_store(&lay, &lay_store);
    if ( argc != 2 )
    {
        fprintf(stderr, "usage: corpus DIR-of-dmar-bins\n");
        return 2;
    }
    nm = corpus_load(argv[1], LR_POLICY_RELAXED, &ms);
    if ( nm <= 0 )
        return 1;

    for ( m = 0; m < (unsigned int)nm; m++ )
    {
        bool dropped_any[NSTRAT] = { false };

        for ( z = 0; z < NSIZES; z++ )
            phys_max[z] += machine_max(&ms[m], (uint64_t)sizes_gib[z] << 30);

        if ( ms[m].nr )
            with_rmrr++;
        for ( s = 0; s < NSTRAT; s++ )
            for ( z = 0; z < NSIZES; z++ )
            {
                unsigned int pol;

                for ( pol = 0; pol < 2; pol++ )
                {
                    const char *bad;
                    enum lr_status st;

                    corpus_input(&ms[m], (uint64_t)sizes_gib[z] << 30, s,
                                 pol ? LR_POLICY_STRICT : LR_POLICY_RELAXED,
                                 &in);
                    st = lr_layout_build(&in, &lay);
                    layouts++;
                    bad = lr_check_invariants(&in, &lay);
                    if ( !bad )
                        bad = lr_check_superpages(&in, &lay);
                    if ( !bad && s == LR_STRATEGY_SUPERPAGE && !pol &&
                         st == LR_OK &&
                         lay.stats.map_1g !=
                         machine_max(&ms[m], in.cfg.mem_size) )
                        bad = "superpage misses the physical maximum";
                    if ( bad )
                    {
                        fprintf(stderr, "corpus: %s %u GiB %s %s: %s\n",
                                ms[m].name, sizes_gib[z],
                                lr_strategy_name(s), pol ? "strict"
                                                         : "relaxed", bad);
                        failures++;
                    }
                    if ( pol )
                    {
                        if ( st != LR_OK )
                            tally[s].machines_fail[z]++;
                        continue;
                    }
                    if ( st != LR_OK )
                    {
                        fprintf(stderr, "corpus: %s %u GiB %s relaxed: %s\n",
                                ms[m].name, sizes_gib[z], lr_strategy_name(s),
                                lr_status_name(st));
                        failures++;
                    }
                    if ( lay.nr_dropped )
                    {
                        tally[s].machines_drop[z]++;
                        dropped_any[s] = true;
                    }
                    tally[s].displaced[z] += lay.stats.displaced;
                    tally[s].map_1g[z] += lay.stats.map_1g;
                }
            }
        for ( s = 0; s < NSTRAT; s++ )
            tally[s].any_drop += dropped_any[s];
    }

    /* Pack exists to recover 1 GiB extents: it never has fewer. */
    for ( z = 0; z < NSIZES; z++ )
        if ( tally[LR_STRATEGY_PACK].map_1g[z] <
             tally[LR_STRATEGY_PUNCH].map_1g[z] )
        {
            fprintf(stderr, "corpus: pack has fewer 1 GiB extents than "
                    "punch at %u GiB\n", sizes_gib[z]);
            failures++;
        }

    printf("corpus: %d machines (%u with RMRRs), %u layouts\n", nm,
           with_rmrr, layouts);
    printf("%-10s %5s %13s %13s %16s %10s %10s\n", "strategy", "GiB",
           "machines-drop", "strict-fails", "displaced-MiB", "1G-maps",
           "1G-max");
    for ( s = 0; s < NSTRAT; s++ )
    {
        for ( z = 0; z < NSIZES; z++ )
            printf("%-10s %5u %13u %13u %16llu %10llu %10llu\n",
                   lr_strategy_name(s), sizes_gib[z],
                   tally[s].machines_drop[z], tally[s].machines_fail[z],
                   tally[s].displaced[z] >> 20, tally[s].map_1g[z],
                   phys_max[z]);
        printf("%-10s   any %13u\n", lr_strategy_name(s), tally[s].any_drop);
    }
    if ( tally[LR_STRATEGY_PUNCH].displaced[1] )
        printf("xen-compat / punch displaced at 4 GiB: %.1fx\n",
               (double)tally[LR_STRATEGY_XEN_COMPAT].displaced[1] /
               (double)tally[LR_STRATEGY_PUNCH].displaced[1]);
    free(ms);
    if ( failures )
        printf("corpus: %u failures\n", failures);
    else
        printf("corpus: every invariant holds on every layout\n");
    return failures ? 1 : 0;
}
