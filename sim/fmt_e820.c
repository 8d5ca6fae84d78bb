/* SPDX-License-Identifier: MIT */
/*
 * --format e820: the guest e820 in the kernel's "BIOS-e820:" lines, as a
 * guest prints it at boot.
 */
#include "format.h"

static int render(struct run *r, FILE *f)
{
    struct lr_e820_entry e[E820_CAP];
    unsigned int i, nr = 0;

    if ( r->lay.status != LR_OK || build_e820(r, e, &nr, &r->ds) )
        return 0;
    for ( i = 0; i < nr; i++ )
        fprintf(f, "BIOS-e820: [mem 0x%016llx-0x%016llx] %s\n",
                (unsigned long long)e[i].addr,
                (unsigned long long)(e[i].addr + e[i].size - 1),
                lr_e820_type_name(e[i].type));
    return 0;
}

const struct sim_format sim_fmt_e820 = { "e820", 0, render };
