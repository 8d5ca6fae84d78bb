/* SPDX-License-Identifier: MIT */
/*
 * Assertions shared by the xenstore tests (CMocka must be included
 * first): field-by-field comparison of two inputs, diagnostic lookup, and
 * running one bad-input case from xs_fixtures.h against a reader.
 */
#ifndef XS_CHECK_H
#define XS_CHECK_H

#include <stdio.h>
#include <string.h>
#include <libreserve/xs.h>
#include "xs_fixtures.h"

/* Compare two inputs field by field, naming the first difference. */
static void xc_input_eq(const struct lr_input *a, const struct lr_input *b,
                        const char *what)
{
    unsigned int i;

#define XC_EQ(f)                                                          \
    do {                                                                  \
        if ( (a->f) != (b->f) )                                           \
            fail_msg("%s: %s differs: 0x%llx != 0x%llx", what, #f,        \
                     (unsigned long long)(a->f),                          \
                     (unsigned long long)(b->f));                         \
    } while ( 0 )

    XC_EQ(cfg.mem_size);
    XC_EQ(cfg.mmio_hole_size);
    XC_EQ(cfg.rdm_boundary);
    XC_EQ(cfg.pmem_align);
    XC_EQ(cfg.pmem_base_min);
    XC_EQ(cfg.strategy);
    XC_EQ(cfg.device_model);
    XC_EQ(cfg.hap);
    XC_EQ(nr_regions);
    XC_EQ(nr_vnvdimms);
    for ( i = 0; i < a->nr_regions && i < LR_MAX_REGIONS; i++ )
    {
        XC_EQ(regions[i].range.base);
        XC_EQ(regions[i].range.last);
        XC_EQ(regions[i].kind);
        XC_EQ(regions[i].policy);
        XC_EQ(regions[i].src);
        XC_EQ(regions[i].ndevs);
        if ( strcmp(a->regions[i].owner, b->regions[i].owner) )
            fail_msg("%s: regions[%u].owner differs: '%s' != '%s'", what,
                     i, a->regions[i].owner, b->regions[i].owner);
    }
    for ( i = 0; i < a->nr_vnvdimms && i < LR_MAX_VNVDIMMS; i++ )
    {
        XC_EQ(vnvdimms[i].gpa);
        XC_EQ(vnvdimms[i].size);
        XC_EQ(vnvdimms[i].label_size);
        XC_EQ(vnvdimms[i].host_base);
        XC_EQ(vnvdimms[i].handle);
        XC_EQ(vnvdimms[i].serial);
        XC_EQ(vnvdimms[i].backend);
        XC_EQ(vnvdimms[i].policy);
    }
#undef XC_EQ
}

static const struct lr_diag *xc_find(const struct lr_diags *ds,
                                     unsigned int code, unsigned int sev)
{
    unsigned int i;

    for ( i = 0; i < ds->nr; i++ )
        if ( ds->d[i].code == code && ds->d[i].severity == sev )
            return &ds->d[i];
    return NULL;
}

static void xc_print_diags(const struct lr_diags *ds)
{
    char line[512];
    unsigned int i;

    for ( i = 0; i < ds->nr; i++ )
    {
        lr_diag_format(&ds->d[i], line, sizeof(line));
        print_message("    %s\n", line);
    }
}

/* Check one case's outcome; 'how' names the back end in messages. */
static void xc_check_case(const struct fx_case *c, enum lr_status st,
                          const struct lr_input *in,
                          const struct lr_diags *ds, const char *how)
{
    if ( st != c->status )
    {
        xc_print_diags(ds);
        fail_msg("case '%s' (%s): status %s, expected %s", c->name, how,
                 lr_status_name(st), lr_status_name(c->status));
    }
    if ( c->code != LR_D_NONE && !xc_find(ds, c->code, c->sev) )
    {
        xc_print_diags(ds);
        fail_msg("case '%s' (%s): no %s %s diagnostic", c->name, how,
                 lr_severity_name(c->sev), lr_diag_code_name(c->code));
    }
    if ( c->code == LR_D_NONE && (ds->errors || ds->warnings) )
    {
        xc_print_diags(ds);
        fail_msg("case '%s' (%s): unexpected diagnostics", c->name, how);
    }
    if ( st == LR_OK && ((int)in->nr_regions != c->nr_regions ||
                         (int)in->nr_vnvdimms != c->nr_vnvdimms) )
        fail_msg("case '%s' (%s): kept %u regions, %u vNVDIMMs; expected "
                 "%d, %d", c->name, how, in->nr_regions, in->nr_vnvdimms,
                 c->nr_regions, c->nr_vnvdimms);
}

#endif /* XS_CHECK_H */
