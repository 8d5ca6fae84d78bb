/* SPDX-License-Identifier: MIT */
/*
 * The engine on every real machine we have: each DMAR table of
 * tests/data/dmar-corpus, its RMRRs reserved as stock Xen's "host"
 * strategy would (all of them), for guests of 1, 4, 16 and 64 GiB, in
 * every strategy.  Checks the design's invariants on every layout, and
 * that pack never yields fewer 1 GiB extents than punch; prints per
 * strategy the machines with a dropped reservation, the strict failures,
 * the RAM displaced above 4 GiB and the 1 GiB mappings.
 *
 * Usage: corpus DIR   (DIR holds *.dmar.bin)
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libreserve/layout.h>
#include "dmar.h"
#include "invariants.h"

#define NSIZES 4
#define NSTRAT 3

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
static struct tally tally[NSTRAT];

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv)
{
    DIR *dir;
    struct dirent *de;
    char **names = NULL;
    unsigned int nnames = 0, m, s, z, failures = 0, layouts = 0;
    unsigned int with_rmrr = 0;

    if ( argc != 2 || !(dir = opendir(argv[1])) )
    {
        fprintf(stderr, "usage: corpus DIR-of-dmar-bins\n");
        return 2;
    }
    while ( (de = readdir(dir)) )
        if ( strstr(de->d_name, ".dmar.bin") )
        {
            names = realloc(names, (nnames + 1) * sizeof(*names));
            names[nnames++] = strdup(de->d_name);
        }
    closedir(dir);
    qsort(names, nnames, sizeof(*names), cmp_str);

    for ( m = 0; m < nnames; m++ )
    {
        char path[4096];
        struct dmar d;
        struct lr_region regs[LR_MAX_REGIONS];
        unsigned int nr, i;
        bool dropped_any[NSTRAT] = { false };

        snprintf(path, sizeof(path), "%s/%s", argv[1], names[m]);
        if ( dmar_load(path, &d) != 0 )
        {
            fprintf(stderr, "corpus: %s: DMAR does not parse\n", names[m]);
            failures++;
            dmar_free(&d);
            continue;
        }
        nr = dmar_to_regions(&d, LR_POLICY_RELAXED, regs, LR_MAX_REGIONS);
        dmar_free(&d);
        if ( nr > LR_MAX_REGIONS )
        {
            fprintf(stderr, "corpus: %s: %u RMRRs\n", names[m], nr);
            failures++;
            continue;
        }
        if ( nr )
            with_rmrr++;

        for ( s = 0; s < NSTRAT; s++ )
            for ( z = 0; z < NSIZES; z++ )
            {
                unsigned int pol;

                for ( pol = 0; pol < 2; pol++ )
                {
                    const char *bad;
                    enum lr_status st;

                    lr_input_init(&in);
                    in.cfg.mem_size = (uint64_t)sizes_gib[z] << 30;
                    in.cfg.strategy = s;
                    for ( i = 0; i < nr; i++ )
                    {
                        regs[i].policy = pol ? LR_POLICY_STRICT
                                             : LR_POLICY_RELAXED;
                        if ( lr_input_add_region(&in, &regs[i]) != LR_OK )
                            return 2;
                    }
                    st = lr_layout_build(&in, &lay);
                    layouts++;
                    bad = lr_check_invariants(&in, &lay);
                    if ( bad )
                    {
                        fprintf(stderr, "corpus: %s %u GiB %s %s: %s\n",
                                names[m], sizes_gib[z],
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
                                names[m], sizes_gib[z], lr_strategy_name(s),
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

    printf("corpus: %u machines (%u with RMRRs), %u layouts\n", nnames,
           with_rmrr, layouts);
    printf("%-10s %5s %13s %13s %16s %10s\n", "strategy", "GiB",
           "machines-drop", "strict-fails", "displaced-MiB", "1G-maps");
    for ( s = 0; s < NSTRAT; s++ )
    {
        for ( z = 0; z < NSIZES; z++ )
            printf("%-10s %5u %13u %13u %16llu %10llu\n",
                   lr_strategy_name(s), sizes_gib[z],
                   tally[s].machines_drop[z], tally[s].machines_fail[z],
                   tally[s].displaced[z] >> 20, tally[s].map_1g[z]);
        printf("%-10s   any %13u\n", lr_strategy_name(s), tally[s].any_drop);
    }
    if ( tally[LR_STRATEGY_PUNCH].displaced[1] )
        printf("xen-compat / punch displaced at 4 GiB: %.1fx\n",
               (double)tally[LR_STRATEGY_XEN_COMPAT].displaced[1] /
               (double)tally[LR_STRATEGY_PUNCH].displaced[1]);
    for ( m = 0; m < nnames; m++ )
        free(names[m]);
    free(names);
    printf("corpus: %u passed, %u failed\n", failures ? 0 : 1, failures);
    return failures ? 1 : 0;
}
