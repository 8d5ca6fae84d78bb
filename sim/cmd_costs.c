/* SPDX-License-Identifier: MIT */
/*
 * xen-layout costs: what each reservation costs this guest, strategy by
 * strategy: the layout with it against the layout without it (RAM
 * displaced above 4 GiB, lowmem lost, 1 GiB mappings lost).
 */
#include <string.h>

#include "cli.h"

/* A row with no figures: only the outcome. */
static void row_no_cost(const char *name, enum lr_strategy s,
                        const char *outcome)
{
    printf("%-38.38s %-11s %10s %10s %7s %s\n", name,
           lr_strategy_name(s), "-", "-", "-", outcome);
}

/* Where stock xl's input holds region g: its index, or nr_regions when
 * stock xl never asked for it. */
static unsigned int stock_index(const struct lr_input *stock,
                                const struct lr_region *g)
{
    unsigned int at;

    for ( at = 0; at < stock->nr_regions; at++ )
        if ( stock->regions[at].src == g->src &&
             stock->regions[at].kind == g->kind &&
             stock->regions[at].range.base == g->range.base )
            break;
    return at;
}

/* Region 'at' of input 'in' costed under strategy s: laid out with it,
 * then without it.  name is the row's first column. */
static void cost_row(struct run *r, struct lr_input *in, unsigned int at,
                     enum lr_strategy s, const char *name)
{
    static struct lr_input without;
    static struct lr_layout lw;
    static struct lr_layout_store lw_store;
    const struct lr_region g = in->regions[at];
    struct lr_stats with;
    enum lr_status st;
    bool dropped = false;
    unsigned int j;
    char a[32], b[32];

    in->cfg.strategy = s;
    st = lr_layout_build(in, &r->lay);
    with = r->lay.stats;
    for ( j = 0; j < r->lay.nr_dropped; j++ )
        dropped |= r->lay.dropped[j].src == g.src &&
                   r->lay.dropped[j].range.base == g.range.base;
    without = *in;
    memmove(&without.regions[at], &without.regions[at + 1],
            (without.nr_regions - at - 1) * sizeof(without.regions[0]));
    without.nr_regions--;
    lr_layout_init_store(&lw, &lw_store);
    if ( lr_layout_build(&without, &lw) != LR_OK )
    {
        /* another reservation fails the build: no cost to give */
        row_no_cost(name, s, st != LR_OK ? "build fails (also without it)"
                             : "build fails without it");
        return;
    }
    size_text(a, sizeof(a), with.displaced > lw.stats.displaced ?
              with.displaced - lw.stats.displaced : 0);
    size_text(b, sizeof(b), lw.stats.ram_below_4g > with.ram_below_4g ?
              lw.stats.ram_below_4g - with.ram_below_4g : 0);
    printf("%-38.38s %-11s %10s %10s %7d %s\n", name, lr_strategy_name(s),
           a, b, (int)lw.stats.map_1g - (int)with.map_1g,
           st != LR_OK ? "build fails" : dropped ?
           "dropped (device DMA hits guest RAM)" : "honoured");
}

/* Every reservation of r->in under each strategy; xen-compat is costed
 * on stock xl's input: the RMRRs stock leaves unreserved (rdm= ignored)
 * cost it nothing and are said to be so. */
static void cost_table(struct run *r, struct lr_input *stock)
{
    static const enum lr_strategy all[] = {
        LR_STRATEGY_XEN_COMPAT, LR_STRATEGY_PUNCH, LR_STRATEGY_PACK,
    };
    unsigned int i, k, at;

    for ( i = 0; i < r->in.nr_regions; i++ )
        for ( k = 0; k < 3; k++ )
        {
            const struct lr_region *g = &r->in.regions[i];
            char name[48];

            snprintf(name, sizeof(name), "0x%llx %s",
                     (unsigned long long)g->range.base, g->owner);
            if ( k )
                name[0] = 0;
            if ( all[k] != LR_STRATEGY_XEN_COMPAT )
            {
                cost_row(r, &r->in, i, all[k], name);
                continue;
            }
            at = stock_index(stock, g);
            if ( at == stock->nr_regions )
                row_no_cost(name, all[k], "not reserved (stock xl ignores"
                            " rdm=; device DMA may hit guest RAM)");
            else
                cost_row(r, stock, at, all[k], name);
        }
}

int cmd_costs(struct run *r, int argc, char **argv)
{
    static struct lr_input stock;
    bool have_stock;
    int rc;

    (void)argc;
    (void)argv;
    load_inputs(r);
    lay_out(r, LR_STRATEGY_XEN_COMPAT);
    have_stock = r->laid;
    stock = r->in;
    lay_out(r, LR_STRATEGY_PUNCH);
    if ( !r->laid || !have_stock )
    {
        sim_diags_print(&r->ds, stderr);
        free_run(r);
        return 2;
    }
    print_header(r, stdout);
    printf("\n%-38s %-11s %10s %10s %7s %s\n", "RESERVATION", "STRATEGY",
           "DISPLACED", "BELOW-4G", "1G-LOST", "OUTCOME");
    cost_table(r, &stock);
    printf("\nDISPLACED: RAM it moves above 4 GiB; BELOW-4G: lowmem it costs;"
           " 1G-LOST: 1 GiB\nmappings the domain builder loses to it.\n");
    sim_diags_print(&r->ds, stderr);
    rc = r->ds.errors ? 2 : r->ds.warnings && r->o.werror ? 1 : 0;
    free_run(r);
    return rc;
}
