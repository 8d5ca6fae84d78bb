/* SPDX-License-Identifier: MIT */
/*
 * One run of xen-layout: the inputs read (--config and the host facts),
 * the guest laid out, its diagnostics and exit status (sim/cli.h).  The
 * input from xenstore instead is sim/run_xenstore.c.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Severity of every diagnostic of a run, in one scale. */
unsigned int lr_sev_to_sim(unsigned int s)
{
    return s == LR_SEV_ERROR ? SIM_ERROR : s == LR_SEV_WARN ? SIM_WARN :
           SIM_NOTE;
}

static unsigned int dmar_sev_to_sim(unsigned int s)
{
    return s == DMAR_SEV_ERROR ? SIM_ERROR : s == DMAR_SEV_WARN ? SIM_WARN :
           SIM_NOTE;
}
/* The DMAR table, its diagnostics carried into ds as "DMAR+0x..". */
static void load_dmar(struct run *r)
{
    unsigned int i;

    dmar_load(r->o.dmar, &r->dmar);
    r->have_dmar = true;
    for ( i = 0; i < r->dmar.nr_diags; i++ )
    {
        const struct dmar_diag *d = &r->dmar.diags[i];
        char where[64];

        snprintf(where, sizeof(where), "DMAR+0x%zx", d->offset);
        sim_diag(&r->ds, dmar_code_name(d->code),
                 dmar_sev_to_sim(d->severity), where, "%s", d->msg);
    }
}

int load_inputs(struct run *r)
{
    sim_diags_init(&r->ds);
    /* Errors land in ds; reading goes on so that all are reported. */
    xlcfg_load(r->o.config, &r->cfg, &r->ds);
    if ( r->o.dmar )
        load_dmar(r);
    if ( r->o.iomem )
        r->have_iomem = iomem_load(r->o.iomem, &r->iomem, &r->ds) == 0;
    if ( r->o.ndctl )
    {
        r->ndctl = calloc(1, sizeof(*r->ndctl));
        if ( !r->ndctl )
        {
            sim_diag(&r->ds, "SIM-NO-MEMORY", SIM_ERROR, NULL,
                     "out of memory");
            return -1;
        }
        r->have_ndctl = ndctl_load(r->o.ndctl, r->ndctl, &r->ds) == 0;
    }
    check_backends(r);
    /* The patched xl's rdm_layout= is the default strategy. */
    if ( !r->o.strategy_given && r->cfg.rdm_layout >= 0 )
        r->o.strategy = (enum lr_strategy)r->cfg.rdm_layout;
    return r->ds.errors ? -1 : 0;
}

/* Run the engine on r->in.  A failed layout is rendered too: its status
 * and diagnostics are in r->lay. */
void build(struct run *r)
{
    if ( lr_layout_build(&r->in, &r->lay) != LR_OK )
    {
        /* reported through r->lay.status and r->lay.diags */
    }
    r->laid = true;
}

/* Bytes of guest RAM of layout l over range g. */
static uint64_t ram_over(const struct lr_layout *l, const struct lr_range *g)
{
    uint64_t n = 0;
    unsigned int i;

    for ( i = 0; i < l->nr_ram; i++ )
    {
        struct lr_range x;

        if ( lr_range_intersect(&l->ram[i], g, &x) )
            n += lr_range_size(&x);
    }
    return n;
}

/*
 * One warning per RMRR stock xl leaves unreserved: it is neither reserved
 * nor dropped in the layout (stock never asked for it), so without this
 * the outcome would read as "nothing to drop".
 */
static void report_unreserved(struct run *r)
{
    unsigned int i;

    for ( i = 0; i < r->nr_unres; i++ )
    {
        const struct lr_region *g = &r->unres[i];
        uint64_t over = r->laid ? ram_over(&r->lay, &g->range) : 0;
        char sz[32];

        size_text(sz, sizeof(sz), over);
        sim_diag(&r->ds, "XL-RDM-STOCK-UNRESERVED", SIM_WARN, "rdm",
                 "%s 0x%016llx-0x%016llx is not reserved by stock Xen: xl"
                 " ignored rdm=\"%s\", so the host's RMRRs are never asked"
                 " for%s%s%s", g->owner,
                 (unsigned long long)g->range.base,
                 (unsigned long long)g->range.last, r->cfg.rdm_text,
                 over ? "; guest RAM covers " : "; no guest RAM is there,"
                 " but nothing keeps it free", over ? sz : "",
                 over ? " of it (the device DMAs into guest memory)" : "");
    }
}

/* Build the input and lay it out with one strategy. */
void lay_out(struct run *r, enum lr_strategy s)
{
    struct sim_diags scratch;

    r->laid = false;
    r->nr_unres = 0;
    sim_diags_init(&scratch);
    if ( xlcfg_to_input(&r->cfg, r->have_dmar ? &r->dmar : NULL, s, &r->in,
                        &scratch) )
    {
        sim_diags_append(&r->ds, &scratch);
        sim_diags_free(&scratch);
        return;
    }
    sim_diags_append(&r->ds, &scratch);
    sim_diags_free(&scratch);
    build(r);
    r->nr_unres = 0;
    if ( s == LR_STRATEGY_XEN_COMPAT && r->have_dmar )
    {
        r->nr_unres = xlcfg_stock_unreserved(&r->cfg, &r->dmar, r->unres,
                                             DMAR_MAX_RMRRS);
        report_unreserved(r);
    }
}

void free_run(struct run *r)
{
    dmar_free(&r->dmar);
    iomem_free(&r->iomem);
    free(r->ndctl);
    sim_diags_free(&r->ds);
}

void print_diags(const struct run *r, FILE *f)
{
    unsigned int i;
    char line[1024];

    sim_diags_print(&r->ds, f);
    if ( !r->laid )
        return;
    for ( i = 0; i < r->lay.diags.nr; i++ )
    {
        lr_diag_format(&r->lay.diags.d[i], line, sizeof(line));
        fprintf(f, "%s\n", line);
    }
    if ( r->lay.diags.lost )
        fprintf(f, "error SIM-LOST: %u engine diagnostic(s) lost\n",
                r->lay.diags.lost);
}

int exit_status(const struct run *r)
{
    unsigned int errors = r->ds.errors, warnings = r->ds.warnings;

    if ( r->laid )
    {
        errors += r->lay.diags.errors;
        warnings += r->lay.diags.warnings;
        if ( r->lay.status != LR_OK )
            errors++;
    }
    else
        errors++;
    if ( errors )
        return 2;
    return warnings && r->o.werror ? 1 : 0;
}
