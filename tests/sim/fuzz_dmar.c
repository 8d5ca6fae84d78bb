/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the DMAR reader: any bytes must give a defined
 * result (rc 0 or -1, errors counted) and conversions that stay inside
 * their buffers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dmar.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct dmar d;
    struct lr_region reg[8];
    char owner[64];
    unsigned int i, n, ri[4];
    int rc = dmar_parse(data, size, &d);

    if ( (rc == 0) != (d.errors == 0) )
        abort();
    n = dmar_to_regions(&d, LR_POLICY_RELAXED, reg, 8);
    for ( i = 0; i < n && i < 8; i++ )
        if ( reg[i].range.last < reg[i].range.base ||
             reg[i].kind != LR_KIND_RMRR ||
             strlen(reg[i].owner) >= LR_OWNER_LEN )
            abort();
    for ( i = 0; i < d.nr_rmrr; i++ )
    {
        dmar_rmrr_owner(&d.rmrr[i], owner, sizeof(owner));
        if ( strlen(owner) >= sizeof(owner) )
            abort();
        if ( d.rmrr[i].nr_scopes > DMAR_MAX_SCOPES )
            abort();
    }
    for ( i = 0; i < d.nr_diags; i++ )
        if ( d.diags[i].code == 0 || d.diags[i].code >= DMAR_D__MAX )
            abort();
    dmar_rmrrs_of_device(&d, 0, 0, 0x14, 0, ri, 4);
    dmar_free(&d);
    return 0;
}
