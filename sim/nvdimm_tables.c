/* SPDX-License-Identifier: MIT */
/*
 * The ACPI tables of the placed vNVDIMMs (the NFIT and the vNVDIMM SSDT,
 * from acpi/), concatenated as acpi_firmware= takes them, and written as
 * files (sim/format.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <acpi/nfit.h>
#include <acpi/nvdimm_ssdt.h>

#include "format.h"

/* The builders' description of each placed vNVDIMM: how many. */
static unsigned int placed_nvdimms(const struct run *r,
                                   struct lr_acpi_nvdimm *d)
{
    const struct lr_layout *l = &r->lay;
    unsigned int i, n = 0;

    memset(d, 0, LR_MAX_VNVDIMMS * sizeof(*d));
    for ( i = 0; i < l->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm_place *v = &l->vnv[i];

        if ( !v->placed )
            continue;
        d[n].spa_base = v->data.base;
        d[n].spa_size = lr_range_size(&v->data);
        d[n].handle = v->handle;
        d[n].serial = v->serial;
        d[n].backend = (enum lr_acpi_label_backend)v->backend;
        if ( v->has_label )
        {
            d[n].label_base = v->label.base;
            d[n].label_size = lr_range_size(&v->label);
        }
        else if ( v->backend == LR_LABEL_MAILBOX )
            d[n].label_size = r->in.vnvdimms[i].label_size;
        if ( v->has_dsm )
            d[n].dsm_page = v->dsm.base;
        n++;
    }
    return n;
}

int build_tables(const struct run *r, uint8_t **buf, size_t *len)
{
    struct lr_acpi_nvdimm d[LR_MAX_VNVDIMMS];
    struct lr_acpi_nvdimm_fault fault;
    unsigned int n;
    size_t cap, nlen = 0, slen = 0;
    enum lr_status st;

    *buf = NULL;
    *len = 0;
    n = placed_nvdimms(r, d);
    if ( !n )
        return 1;
    cap = lr_nfit_size(n) + LR_NVDIMM_SSDT_MAX(n);
    *buf = malloc(cap);
    if ( !*buf )
        return -1;
    st = lr_nfit_emit(d, n, &lr_acpi_oem_default, *buf, cap, &nlen, &fault);
    if ( st == LR_OK )
        st = lr_nvdimm_ssdt_emit(d, n, &lr_acpi_oem_default, *buf + nlen,
                                 cap - nlen, &slen, &fault);
    if ( st != LR_OK )
    {
        fprintf(stderr, "error SIM-AML: the ACPI builders refuse vNVDIMM %u:"
                " %s (%s)\n", fault.index,
                lr_acpi_nvdimm_problem_name(fault.problem),
                lr_status_str(st));
        free(*buf);
        *buf = NULL;
        return -1;
    }
    *len = nlen + slen;
    return 0;
}

static int write_file(const char *dir, const char *name, const void *p,
                      size_t len)
{
    char path[4096];
    FILE *f;
    bool ok;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if ( !f )
    {
        fprintf(stderr, "error SIM-IO: %s: %s\n", path, strerror(errno));
        return -1;
    }
    ok = fwrite(p, 1, len, f) == len;
    ok = !fclose(f) && ok;
    if ( !ok )
        fprintf(stderr, "error SIM-IO: %s: write failed\n", path);
    return ok ? 0 : -1;
}

/* The tables as dir/nfit.aml, dir/ssdt.aml and dir/tables.bin (both). */
int write_tables(const uint8_t *buf, size_t len, const char *dir)
{
    size_t nlen = len >= 8 ? (size_t)(buf[4] | buf[5] << 8 | buf[6] << 16 |
                                      (uint32_t)buf[7] << 24) : 0;

    if ( mkdir(dir, 0777) && errno != EEXIST )
    {
        fprintf(stderr, "error SIM-IO: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    if ( nlen < 36 || nlen >= len )
        return -1;
    return write_file(dir, "nfit.aml", buf, nlen) ||
           write_file(dir, "ssdt.aml", buf + nlen, len - nlen) ||
           write_file(dir, "tables.bin", buf, len) ? -1 : 0;
}

int build_tables_said(const struct run *r, uint8_t **buf, size_t *len)
{
    int rc = build_tables(r, buf, len);

    if ( rc == 1 )
        fprintf(stderr, "error SIM-AML-NONE: no placed vNVDIMM: no tables"
                " to build\n");
    return rc ? -1 : 0;
}
