/* SPDX-License-Identifier: MIT */
/*
 * --format memmap: the guest e820 as one kernel memmap= line (a guest
 * booted with it sees the same map; lr_e820_memmap).
 */
#include <stdlib.h>

#include "format.h"

static int render(struct run *r, FILE *f)
{
    struct lr_e820_entry e[E820_CAP];
    unsigned int nr = 0;
    size_t need;
    char *buf;

    if ( r->lay.status != LR_OK || build_e820(r, e, &nr, &r->ds) )
        return 0;
    need = lr_e820_memmap(e, nr, NULL, 0);
    buf = malloc(need + 1);
    if ( !buf )
        return 0;
    lr_e820_memmap(e, nr, buf, need + 1);
    fprintf(f, "%s\n", buf);
    free(buf);
    return 0;
}

const struct sim_format sim_fmt_memmap = { "memmap", 0, render };
