/* SPDX-License-Identifier: MIT */
/*
 * --format asl: the tables of --format aml disassembled by ACPICA's iasl
 * (Debian: acpica-tools), the NFIT then the SSDT, for a person to read.
 */
#include <stdlib.h>

#include "format.h"

/* The tables through iasl -d in a private folder, removed after. */
static int disassemble(const uint8_t *buf, size_t len, FILE *f)
{
    char dir[] = "/tmp/xen-layout-asl-XXXXXX", cmd[256];
    int rc;

    if ( system("iasl -v >/dev/null 2>&1") != 0 )
    {
        fprintf(stderr, "error SIM-NO-IASL: --format asl needs ACPICA's"
                " iasl (Debian: acpica-tools); --format aml --out DIR"
                " writes the tables without it\n");
        return -1;
    }
    if ( !mkdtemp(dir) || write_tables(buf, len, dir) )
        return -1;
    fflush(f);
    snprintf(cmd, sizeof(cmd), "cd %s && iasl -d nfit.aml ssdt.aml"
             " >/dev/null 2>&1 && cat nfit.dsl ssdt.dsl", dir);
    rc = system(cmd) ? -1 : 0;
    if ( rc )
        fprintf(stderr, "error SIM-IASL: iasl could not "
                "disassemble the tables (kept in %s)\n", dir);
    else
    {
        snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
        if ( system(cmd) ) { }
    }
    return rc;
}

static int render(struct run *r, FILE *f)
{
    uint8_t *buf;
    size_t len;
    int rc;

    if ( refuse_backend(r) )
        return -1;
    if ( r->lay.status != LR_OK )
        return 0;
    if ( build_tables_said(r, &buf, &len) )
        return -1;
    rc = disassemble(buf, len, f);
    free(buf);
    return rc;
}

const struct sim_format sim_fmt_asl = { "asl", 0, render };
