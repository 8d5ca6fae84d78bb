/* SPDX-License-Identifier: MIT */
/*
 * --format aml: the NFIT and the vNVDIMM SSDT of the placed vNVDIMMs,
 * concatenated, the blob acpi_firmware= takes, on stdout; with --out DIR
 * the two tables as files (DIR/nfit.aml, DIR/ssdt.aml, DIR/tables.bin).
 */
#include <stdlib.h>
#include <unistd.h>

#include "format.h"

static int render(struct run *r, FILE *f)
{
    uint8_t *buf;
    size_t len;
    int rc = 0;

    if ( refuse_backend(r) )
        return -1;
    if ( isatty(fileno(f)) && !r->o.out )
    {
        fprintf(stderr, "%s: error SIM-USAGE: --format aml writes"
                " binary tables: redirect it to a file\n", cli_prog);
        return -1;
    }
    if ( r->lay.status != LR_OK )
        return 0;
    if ( build_tables_said(r, &buf, &len) )
        return -1;
    if ( r->o.out )
        rc = write_tables(buf, len, r->o.out);
    else
        fwrite(buf, 1, len, f);
    free(buf);
    return rc;
}

const struct sim_format sim_fmt_aml = { "aml", 0, render };
