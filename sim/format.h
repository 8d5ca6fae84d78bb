/* SPDX-License-Identifier: MIT */
/*
 * The output formats of `xen-layout plan`, one file each (sim/fmt_*.c),
 * behind one interface: a name for --format and a function that writes
 * the laid-out run r to f.  sim/formats.c holds the table.
 *
 * Adding a format: write sim/fmt_NAME.c defining
 *     const struct sim_format sim_fmt_NAME = { "NAME", flags, render };
 * and add X(NAME) to SIM_FORMATS below (the order is the order of the
 * names in messages).
 */
#ifndef SIM_FORMAT_H
#define SIM_FORMAT_H

#include <stdint.h>
#include <stdio.h>
#include <libreserve/e820.h>

#include "cli.h"

/* The format carries the diagnostics in its own output (not on stderr). */
#define SIM_FMT_OWN_DIAGS       1u

struct sim_format {
    const char *name;
    unsigned int flags;         /* SIM_FMT_* */
    /*
     * Called once r is laid out (r->laid), whatever r->lay.status says:
     * the format decides what a failed layout gives.  0; -1 when the
     * output could not be made (said on stderr): exit status 2.
     */
    int (*render)(struct run *r, FILE *f);
};

#define SIM_FORMATS(X) \
    X(table) X(json) X(svg) X(e820) X(memmap) X(xenstore) X(xl) X(aml) \
    X(asl) X(bars)

#define SIM_FORMAT_DECLARE(n) extern const struct sim_format sim_fmt_##n;
SIM_FORMATS(SIM_FORMAT_DECLARE)
#undef SIM_FORMAT_DECLARE

/* Every format, in SIM_FORMATS order, NULL-terminated. */
extern const struct sim_format *const sim_formats[];

/* The format called name, or NULL. */
const struct sim_format *sim_format_find(const char *name);

/* ---- what more than one format builds */

/*
 * The guest e820 as the patched hvmloader hands it to the firmware, with
 * stock hvmloader's own BIOS and ACPI entries (sim/guest_e820.c).  0 (a
 * budget overrun is only said in ds); -1 when there is none.
 */
int build_e820(const struct run *r, struct lr_e820_entry *e,
               unsigned int *nr, struct sim_diags *ds);

/*
 * The NFIT and the vNVDIMM SSDT of the placed vNVDIMMs, concatenated, in
 * a malloc'd buffer (*len bytes) (sim/nvdimm_tables.c).  0; 1 when no
 * vNVDIMM is placed (no tables, *buf NULL); -1 when the builders refuse
 * (said on stderr).
 */
int build_tables(const struct run *r, uint8_t **buf, size_t *len);

/* build_tables for output: no placed vNVDIMM is an error too (said on
 * stderr).  0 or -1. */
int build_tables_said(const struct run *r, uint8_t **buf, size_t *len);

/* The tables as dir/nfit.aml, dir/ssdt.aml and dir/tables.bin (both).
 * 0 or -1 (said on stderr). */
int write_tables(const uint8_t *buf, size_t len, const char *dir);

#endif /* SIM_FORMAT_H */
