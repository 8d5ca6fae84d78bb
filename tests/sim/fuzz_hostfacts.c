/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the other text readers: `ndctl list` JSON and
 * `xenstore-ls -f` dumps (the first byte picks which; a dump is then read
 * through the schema reader).  Any bytes: rc 0 or -1 with an error named,
 * results within their bounds.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ndctl.h"
#include "xsdump.h"

static struct ndctl_list list;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sim_diags ds;
    unsigned int i;
    int rc;

    if ( size < 1 )
        return 0;
    sim_diags_init(&ds);
    if ( data[0] & 1 )
    {
        rc = ndctl_parse((const char *)data + 1, size - 1, "fuzz", &list,
                         &ds);
        if ( (rc != 0) != (ds.errors != 0) || list.nr > NDCTL_MAX_NAMESPACES )
            abort();
        for ( i = 0; i < list.nr; i++ )
        {
            const struct ndctl_ns *ns = &list.ns[i];

            if ( !ns->size || strncmp(ns->dev, "namespace", 9) ||
                 (ns->has_resource && ns->resource + ns->size < ns->resource) )
                abort();
        }
        ndctl_find(&list, 0x100000000ULL, 0x100000fffULL);
    }
    else
    {
        struct xsdump x;
        struct lr_xs_ops ops;
        struct lr_input in;
        struct lr_diag store[LR_MAX_DIAGS];
        struct lr_diags ld;

        rc = xsdump_parse((const char *)data + 1, size - 1, "fuzz", &x, &ds);
        if ( rc == 0 && xsdump_select(&x, -1, &ds) == 0 )
        {
            xsdump_ops(&x, &ops);
            lr_diags_init(&ld, store, LR_MAX_DIAGS);
            lr_input_init(&in);
            if ( lr_xs_read_input(&ops, &in, &ld) == LR_OK &&
                 (in.nr_regions > LR_MAX_REGIONS ||
                  in.nr_vnvdimms > LR_MAX_VNVDIMMS) )
                abort();
        }
        xsdump_free(&x);
    }
    sim_diags_free(&ds);
    return 0;
}
