/* SPDX-License-Identifier: MIT */
/*
 * make bench: over every corpus machine x guest sizes x strategies, the
 * layouts per second and the quality side by side.  Prints figures and
 * asserts nothing about time (shared, noisy machines): speed is given as
 * a ratio to the stock-Xen model measured in the same run.
 *
 *   bench DIR              the tables
 *   bench DIR --one typical|worst STRATEGY GIB
 *                          one layout, for callgrind's instruction count
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <libreserve/layout.h>
#include <libreserve/e820.h>
#include "corpus_load.h"

static const unsigned int sizes[] = { 1, 2, 4, 8, 16, 64, 256 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))
#define NSTRAT 4

static struct lr_input in;
static struct lr_layout lay;
static struct lr_layout_store lay_store;

static int cmp_range(const void *a, const void *b)
{
    const struct lr_range *x = a, *y = b;

    return x->base < y->base ? -1 : x->base > y->base;
}

/*
 * The physical maximum of 1 GiB extents for a guest of 'gib' GiB on
 * machine m, worked out here and not by the engine: GiB 0 can never be a
 * 1 GiB extent (the VGA hole), so it holds what it can (1 GiB - 128 KiB
 * less the pages of the RMRRs in it past the first MiB, which the layout
 * reserves; those in the first MiB sit in firmware ranges and are not
 * honoured); every other byte can go into whole GiBs above 4 GiB.
 */
static unsigned int phys_max(const struct corpus_machine *m, unsigned int gib)
{
    const uint64_t G = 1ULL << 30, mib = 1ULL << 20;
    struct lr_range r[LR_MAX_REGIONS];
    uint64_t ram = ((uint64_t)gib << 30) - 0x20000, in0 = 0, end = 0;
    unsigned int i, n = 0;

    for ( i = 0; i < m->nr; i++ )
    {
        uint64_t b = m->regs[i].range.base & ~0xFFFULL;
        uint64_t l = m->regs[i].range.last | 0xFFF;

        if ( b < mib || b >= G )
            continue;
        r[n].base = b;
        r[n++].last = l >= G ? G - 1 : l;
    }
    qsort(r, n, sizeof(r[0]), cmp_range);
    for ( i = 0; i < n; i++ )       /* union, swept in order */
    {
        uint64_t b = r[i].base > end ? r[i].base : end;

        if ( r[i].last + 1 > b )
            in0 += r[i].last + 1 - b;
        if ( r[i].last + 1 > end )
            end = r[i].last + 1;
    }
    in0 = G - 0x20000 - in0;        /* what GiB 0 holds */
    return ram > in0 ? (unsigned int)((ram - in0) / G) : 0;
}

static double now(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* Typical: the most common RMRR count; worst: the most RMRRs. */
static const struct corpus_machine *pick(const struct corpus_machine *ms,
                                         int n, const char *which)
{
    unsigned int hist[LR_MAX_REGIONS + 1] = { 0 }, mode = 0, i;
    const struct corpus_machine *best = &ms[0];

    for ( i = 0; i < (unsigned int)n; i++ )
        hist[ms[i].nr]++;
    for ( i = 1; i <= LR_MAX_REGIONS; i++ )
        if ( hist[i] > hist[mode] )
            mode = i;
    for ( i = 0; i < (unsigned int)n; i++ )
    {
        if ( !strcmp(which, "worst") ? ms[i].nr > best->nr
                                     : ms[i].nr == mode )
        {
            best = &ms[i];
            if ( strcmp(which, "worst") )
                break;
        }
    }
    return best;
}

int main(int argc, char **argv)
{
    struct corpus_machine *ms;
    int n = argc >= 2 ? corpus_load(argv[1], LR_POLICY_RELAXED, &ms) : -1;
    double rate[NSTRAT];
    unsigned int s, z, m;

    lr_layout_init_store(&lay, &lay_store);
    if ( n <= 0 )
    {
        fprintf(stderr, "usage: bench DIR [--one typical|worst STRAT GIB]\n");
        return 2;
    }
    if ( argc == 6 && !strcmp(argv[2], "--one") )
    {
        const struct corpus_machine *pm = pick(ms, n, argv[3]);
        enum lr_strategy st;

        if ( lr_strategy_parse(argv[4], &st) != LR_OK )
            return 2;
        corpus_input(pm, (uint64_t)atoi(argv[5]) << 30, st,
                     LR_POLICY_RELAXED, &in);
        printf("%s (%u RMRRs): %s\n", pm->name, pm->nr,
               lr_status_name(lr_layout_build(&in, &lay)));
        return 0;
    }

    printf("bench: %d machines x %zu sizes (GiB:", n, NSIZES);
    for ( z = 0; z < NSIZES; z++ )
        printf(" %u", sizes[z]);
    printf(") x %d strategies\n", NSTRAT);
    printf("memory: struct lr_input %zu B, struct lr_layout %zu B, "
           "no heap\n\n", sizeof(struct lr_input), sizeof(struct lr_layout));

    /* Speed: repeat the whole sweep until it has run for 0.3 s. */
    for ( s = 0; s < NSTRAT; s++ )
    {
        unsigned long count = 0;
        double t0 = now(), t;

        do {
            for ( m = 0; m < (unsigned int)n; m++ )
                for ( z = 0; z < NSIZES; z++ )
                {
                    corpus_input(&ms[m], (uint64_t)sizes[z] << 30, s,
                                 LR_POLICY_RELAXED, &in);
                    if ( lr_layout_build(&in, &lay) == LR_E_INVAL )
                        return 1;
                    count++;
                }
            t = now() - t0;
        } while ( t < 0.3 );
        rate[s] = count / t;
    }
    printf("%-11s %14s %12s\n", "strategy", "layouts/s", "vs stock");
    for ( s = 0; s < NSTRAT; s++ )
        printf("%-11s %14.0f %11.2fx\n", lr_strategy_name(s), rate[s],
               rate[s] / rate[LR_STRATEGY_XEN_COMPAT]);

    printf("\nquality (all RMRRs reserved, as strategy=host; relaxed unless "
           "noted)\n");
    printf("%-11s %5s %10s %12s %14s %9s %9s %8s %9s\n", "strategy", "GiB",
           "drop-mach", "strict-fail", "displaced-MiB", "1G-maps",
           "2M-maps", "e820-max", "1G-max");
    for ( z = 0; z < NSIZES; z++ )
        for ( s = 0; s < NSTRAT; s++ )
        {
            unsigned int drop = 0, fail = 0, e820max = 0;
            unsigned long long disp = 0, g1 = 0, m2 = 0, gmax = 0;

            for ( m = 0; m < (unsigned int)n; m++ )
            {
                struct lr_e820_opts o;
                struct lr_e820_entry e[160];
                unsigned int ne, need;

                corpus_input(&ms[m], (uint64_t)sizes[z] << 30, s,
                             LR_POLICY_STRICT, &in);
                if ( lr_layout_build(&in, &lay) != LR_OK )
                    fail++;
                corpus_input(&ms[m], (uint64_t)sizes[z] << 30, s,
                             LR_POLICY_RELAXED, &in);
                if ( lr_layout_build(&in, &lay) != LR_OK )
                    return 1;
                gmax += phys_max(&ms[m], sizes[z]);
                drop += lay.nr_dropped > 0;
                disp += lay.stats.displaced;
                g1 += lay.stats.map_1g;
                m2 += lay.stats.map_2m;
                lr_e820_opts_default(&o);
                o.budget = 0;
                if ( lr_e820_build(&lay, &o, e, 160, &ne, &need) == LR_OK &&
                     need > e820max )
                    e820max = need;
            }
            printf("%-11s %5u %10u %12u %14llu %9llu %9llu %8u %9llu\n",
                   lr_strategy_name(s), sizes[z], drop, fail, disp >> 20,
                   g1, m2, e820max, gmax);
        }
    free(ms);
    return 0;
}
