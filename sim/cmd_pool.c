/* SPDX-License-Identifier: MIT */
/*
 * xen-layout pool DMAR...: the union of the RMRRs of several hosts, the
 * ranges every guest that may run (or migrate) on any of them must keep
 * free.
 */
#include <stdio.h>

#include "cli.h"

/* pool: the union of RMRRs over several hosts (a guest that may migrate
 * between them must keep all of them free) */
int cmd_pool(struct run *r, int argc, char **argv)
{
    struct lr_range store[1024];
    struct lr_ranges set;
    unsigned int i, total = 0, errors = 0;
    int a;

    lr_ranges_init(&set, store, 1024);
    for ( a = 0; a < argc; a++ )
    {
        struct dmar d;

        if ( dmar_load(argv[a], &d) )
        {
            fprintf(stderr, "error SIM-POOL-BAD-DMAR (%s): %u error(s); its"
                    " readable RMRRs are used\n", argv[a], d.errors);
            errors++;
        }
        for ( i = 0; i < d.nr_rmrr; i++ )
        {
            struct lr_region reg;

            if ( dmar_rmrr_to_region(&d.rmrr[i], LR_POLICY_RELAXED, &reg) )
                continue;
            total++;
            if ( lr_ranges_add(&set, &reg.range) != LR_OK )
            {
                fprintf(stderr, "error SIM-TOO-MANY: more than 1024"
                        " distinct ranges\n");
                dmar_free(&d);
                return 2;
            }
        }
        dmar_free(&d);
    }
    printf("%d host(s), %u RMRR(s), %u distinct range(s) to keep free in"
           " every guest that may run on any of them:\n", argc, total,
           set.nr);
    for ( i = 0; i < set.nr; i++ )
    {
        char s[32];

        size_text(s, sizeof(s), lr_range_size(&set.r[i]));
        printf("0x%016llx-0x%016llx %9s\n",
               (unsigned long long)set.r[i].base,
               (unsigned long long)set.r[i].last, s);
    }
    (void)r;
    return errors ? 2 : 0;
}
