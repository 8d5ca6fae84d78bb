/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the /proc/iomem reader: any bytes give rc 0 or -1,
 * entries that are well formed (last >= base, parents before children
 * and one level up, names printable and terminated).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iomem.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct iomem m;
    struct sim_diags ds;
    unsigned int i;
    int rc;

    sim_diags_init(&ds);
    rc = iomem_parse((const char *)data, size, "fuzz", &m, &ds);
    if ( rc != 0 && rc != -1 )
        abort();
    if ( rc == -1 && !ds.errors )
        abort();
    for ( i = 0; i < m.nr; i++ )
    {
        const struct iomem_entry *e = &m.e[i];
        size_t j, n = strnlen(e->name, IOMEM_NAME_LEN);

        if ( e->last < e->base || n == 0 || n >= IOMEM_NAME_LEN )
            abort();
        for ( j = 0; j < n; j++ )
            if ( !isprint((unsigned char)e->name[j]) )
                abort();
        if ( (e->depth == 0) != (e->parent == -1) )
            abort();
        if ( e->parent >= (int)i ||
             (e->parent >= 0 && m.e[e->parent].depth + 1 != e->depth) )
            abort();
    }
    iomem_find_containing(&m, 0x1000, 0x1fff, NULL);
    iomem_free(&m);
    sim_diags_free(&ds);
    return 0;
}
