/* SPDX-License-Identifier: MIT */
/*
 * xen-layout plan (the default command): lay one guest out, from --config
 * and host facts or from the schema in xenstore, place the BARs of
 * --device/--bars, and write it in the --format asked (sim/format.h).
 */
#include "format.h"

/* PCI BARs: what the patched hvmloader's pci_setup() does for --device */
static void place_bars(struct run *r)
{
    struct lr_diag store[LR_MAX_BARS + 2];
    struct lr_diags ds;
    char line[1024];
    unsigned int i;

    if ( !r->o.devs.nr || !r->laid || r->lay.status != LR_OK )
        return;
    lr_diags_init(&ds, store, LR_MAX_BARS + 2);
    r->nr_bars = pcidev_to_bars(&r->o.devs, r->bars);
    if ( r->hole_fixed )
        r->bar_status = lr_bar_place(&r->lay, r->bars, r->nr_bars, &ds,
                                     &r->bar_res);
    else
        r->bar_status = lr_bar_place_grow(&r->lay, r->bars, r->nr_bars, &ds,
                                          &r->bar_res);
    r->bars_done = true;
    for ( i = 0; i < ds.nr; i++ )
    {
        lr_diag_format(&ds.d[i], line, sizeof(line));
        sim_diag(&r->ds, lr_diag_code_name(ds.d[i].code),
                 lr_sev_to_sim(ds.d[i].severity), "bars", "%s", line);
    }
    if ( r->bar_status != LR_OK )
        sim_diag(&r->ds, "SIM-BAR-BUG", SIM_ERROR, "bars", "%u BAR(s)"
                 " find no room: the patched hvmloader stops with BUG()"
                 " (stock skips them with \"no space for resource\")",
                 r->bar_res.nr_unplaced);
}
/* Read the input and lay the guest out. */
static void plan(struct run *r)
{
    if ( r->o.xsdump || r->o.live )
    {
        if ( !load_xsdump(r) )
            build(r);
    }
    else
    {
        load_inputs(r);
        lay_out(r, r->o.strategy);
        r->hole_fixed = r->cfg.mmio_hole_mib != 0;
    }
    place_bars(r);
}

int cmd_plan(struct run *r, int argc, char **argv)
{
    int rc = 0;

    (void)argc;
    (void)argv;
    /* the input is the live store: --domid without --config */
    r->o.live = !r->o.xsdump && !r->o.config;
    plan(r);
    if ( r->o.fmt == &sim_fmt_bars && !r->o.devs.nr )
    {
        fprintf(stderr, "%s: error SIM-USAGE: --format bars needs the"
                " devices: --device SPEC or --bars FILE\n", cli_prog);
        free_run(r);
        return 2;
    }
    if ( r->laid && r->cfg.nr_vnvdimms )
        sim_diag(&r->ds, "SIM-STOCK-PMEM", SIM_NOTE, NULL, "on stock Xen"
                 " these vNVDIMMs can only be iomem= ranges (--format xl):"
                 " mapped uncached, and Xen does not stop dom0 mapping the"
                 " same frames");
    if ( r->laid )
        rc = r->o.fmt->render(r, stdout);
    if ( !(r->o.fmt->flags & SIM_FMT_OWN_DIAGS) || !r->laid )
        print_diags(r, stderr);
    rc = rc ? 2 : exit_status(r);
    free_run(r);
    return rc;
}
