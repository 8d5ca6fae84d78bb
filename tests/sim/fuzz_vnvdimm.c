/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for the xl.cfg value parsers of our own: vnvdimms=
 * items and rdm= (the first byte picks which).  Any text must give 0 with
 * a consistent result, or -1 with exactly one named error.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xlcfg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct sim_diags ds;
    char *s;
    int rc;

    if ( size < 1 || size > 4096 )
        return 0;
    s = malloc(size);
    if ( !s )
        return 0;
    memcpy(s, data + 1, size - 1);
    s[size - 1] = 0;
    sim_diags_init(&ds);
    if ( data[0] & 1 )
    {
        struct xlcfg_vnvdimm v;

        rc = xlcfg_parse_vnvdimm(s, "fuzz", &v, &ds);
        if ( rc == 0 && (v.nr_pages == 0 || v.label > LR_LABEL_INBAND ||
                         (v.label != LR_LABEL_NONE &&
                          v.nr_label_pages < 32) ||
                         (v.gpa != LR_GPA_AUTO && (v.gpa & 0xfff))) )
            abort();
    }
    else
    {
        uint8_t st = 0, pol = 0;

        rc = xlcfg_parse_rdm(s, &st, &pol, &ds);
        if ( rc == 0 && (st > XLCFG_RDM_HOST || pol > LR_POLICY_RELAXED) )
            abort();
    }
    if ( (rc == 0 && ds.errors) || (rc != 0 && ds.errors != 1) ||
         (rc != 0 && strncmp(ds.d[0].code, "XL-", 3)) )
        abort();
    sim_diags_free(&ds);
    free(s);
    return 0;
}
