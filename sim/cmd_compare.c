/* SPDX-License-Identifier: MIT */
/*
 * xen-layout compare: the guest laid out with every strategy, stock Xen
 * (xen-compat) first: a table with a recommendation, one JSON document,
 * or the maps side by side (--format svg).
 */
#include <string.h>

#include "cli.h"
#include "format.h"
#include "render_svg.h"

#define NALL 4

static const enum lr_strategy all[NALL] = {
    LR_STRATEGY_XEN_COMPAT, LR_STRATEGY_PUNCH, LR_STRATEGY_PACK,
    LR_STRATEGY_SUPERPAGE,
};

struct compare {
    struct lr_stats st[NALL];
    enum lr_status status[NALL];
    unsigned int worst;         /* 2 when a layout has errors */
    /* the stock outcome, kept for the table (r->unres is per layout) */
    unsigned int unres;
    struct lr_region stock_unres[DMAR_MAX_RMRRS];
    struct lr_layout lays[NALL];        /* for --format svg */
    struct lr_layout_store lay_store[NALL];
};

/* One strategy's outcome in the JSON document. */
static json_object *jstrategy(const struct run *r, unsigned int i,
                              const struct compare *c)
{
    json_object *o = json_object_new_object();

    jadd_str(o, "strategy", lr_strategy_name(all[i]));
    jadd_str(o, "status", lr_status_name(c->status[i]));
    json_object_object_add(o, "dropped",
                           jregions(r->lay.dropped, r->lay.nr_dropped));
    json_object_object_add(o, "unreserved",
                           jregions(r->unres, r->nr_unres));
    json_object_object_add(o, "stats", jstats(&r->lay, r->nr_unres));
    return o;
}

/* Lay the guest out with every strategy into c (and arr, for JSON): how
 * many were laid out (NALL unless the input fails). */
static unsigned int lay_out_all(struct run *r, struct compare *c,
                                json_object *arr)
{
    unsigned int i;

    for ( i = 0; i < NALL; i++ )
    {
        lay_out(r, all[i]);
        if ( !r->laid )
            break;
        c->st[i] = r->lay.stats;
        c->status[i] = r->lay.status;
        /* the same storage as r->lay: the copy always fits */
        if ( r->o.fmt == &sim_fmt_svg &&
             lr_layout_copy(&c->lays[i], &r->lay) != LR_OK )
            c->worst = 2;
        if ( all[i] == LR_STRATEGY_XEN_COMPAT )
        {
            c->unres = r->nr_unres;
            memcpy(c->stock_unres, r->unres,
                   c->unres * sizeof(r->unres[0]));
        }
        if ( r->lay.diags.errors )
            c->worst = 2;
        if ( arr )
            json_object_array_add(arr, jstrategy(r, i, c));
    }
    return i;
}

/* stock Xen beside ours, on one address scale */
static void compare_svg(const struct run *r, const struct compare *c)
{
    const struct svg_map maps[NALL] = {
        { "stock Xen 4.17 (xen-compat)", &c->lays[0], c->stock_unres,
          c->unres },
        { "libreserve punch", &c->lays[1], NULL, 0 },
        { "libreserve pack", &c->lays[2], NULL, 0 },
        { "libreserve superpage", &c->lays[3], NULL, 0 },
    };

    svg_render(stdout, r->o.config, maps, NALL);
}

static void compare_table(const struct run *r, const struct compare *c)
{
    const struct lr_stats *st = c->st;
    unsigned int i;
    char a[32], b[32], d[32];

    /* r->in is the last input: the same config for all of them. */
    print_header(r, stdout);
    printf("\n%-11s %-12s %11s %11s %11s %7s %6s %6s %5s %5s %6s\n",
           "STRATEGY", "STATUS", "BELOW-4G", "ABOVE-4G", "DISPLACED",
           "DROPPED", "UNRESV", "STRICT", "1G", "2M", "4K");
    for ( i = 0; i < NALL; i++ )
    {
        size_text(a, sizeof(a), st[i].ram_below_4g);
        size_text(b, sizeof(b), st[i].ram_above_4g);
        size_text(d, sizeof(d), st[i].displaced);
        printf("%-11s %-12s %11s %11s %11s %7u %6u %6u %5u %5u %6u\n",
               lr_strategy_name(all[i]), lr_status_name(c->status[i]), a,
               b, d, st[i].dropped,
               all[i] == LR_STRATEGY_XEN_COMPAT ? c->unres : 0,
               st[i].conflicts, st[i].map_1g, st[i].map_2m,
               st[i].map_4k);
    }
    if ( c->unres )
    {
        printf("\nUNRESV: not reserved by stock xl, which ignores"
               " rdm=\"%s\" (never asked for):\n", r->cfg.rdm_text);
        print_region_rows(c->stock_unres, c->unres, stdout);
    }
}

/* 32-bit guests live on lowmem: punch, against stock Xen. */
static void recommend_32(const struct compare *c)
{
    const struct lr_stats *st = c->st;
    char a[32], b[32];

    size_text(a, sizeof(a), st[1].ram_below_4g);
    printf("  32-bit guest (or one that needs lowmem): punch"
           " (%s below 4 GiB", a);
    if ( c->status[0] == LR_OK && st[1].ram_below_4g > st[0].ram_below_4g )
    {
        size_text(b, sizeof(b), st[1].ram_below_4g - st[0].ram_below_4g);
        printf(", %s more than stock Xen", b);
    }
    if ( st[0].dropped > st[1].dropped )
        printf(", %u reservation(s) honoured that stock Xen drops",
               st[0].dropped - st[1].dropped);
    if ( c->unres )
        printf(", %u RMRR(s) that stock xl never reserves: it"
               " ignores rdm=", c->unres);
    printf(")\n");
}

/* 64-bit guests gain from 1 GiB pages: the most 1 GiB extents; on a tie
 * the one that keeps more RAM below 4 GiB (pack over superpage, punch
 * over both). */
static void recommend_64(const struct compare *c)
{
    const struct lr_stats *st = c->st;
    unsigned int best = 1, k;
    char a[32];

    for ( k = 2; k < NALL; k++ )
        if ( c->status[k] == LR_OK &&
             (st[k].map_1g > st[best].map_1g ||
              (st[k].map_1g == st[best].map_1g &&
               st[k].ram_below_4g > st[best].ram_below_4g)) )
            best = k;
    size_text(a, sizeof(a), st[best].ram_below_4g);
    if ( best == 1 )
        printf("  64-bit guest: punch (neither pack nor"
               " superpage gains a 1 GiB mapping here)\n");
    else
        printf("  64-bit guest: %s (%u x 1 GiB mappings instead"
               " of %u for punch and %u for stock Xen, %s below"
               " 4 GiB)\n", lr_strategy_name(all[best]),
               st[best].map_1g, st[1].map_1g,
               c->status[0] == LR_OK ? st[0].map_1g : 0, a);
}

static void recommend(const struct compare *c)
{
    printf("\nrecommendation:\n");
    if ( c->status[1] != LR_OK )
    {
        printf("  no strategy lays this guest out: see the errors\n");
        return;
    }
    recommend_32(c);
    recommend_64(c);
}

static void compare_json(const struct run *r, json_object *arr)
{
    json_object *root = json_doc("compare");

    json_object_object_add(root, "config", jconfig(r, false));
    json_object_object_add(root, "strategies", arr);
    json_object_object_add(root, "diagnostics", jdiags_sim(&r->ds));
    json_print(root, stdout);
}

int cmd_compare(struct run *r, int argc, char **argv)
{
    static struct compare c;
    bool json = r->o.fmt == &sim_fmt_json;
    json_object *arr = json ? json_object_new_array() : NULL;
    unsigned int i;

    (void)argc;
    (void)argv;
    r->o.cmd_compare = true;
    memset(&c, 0, sizeof(c));
    for ( i = 0; i < NALL; i++ )
        lr_layout_init_store(&c.lays[i], &c.lay_store[i]);
    load_inputs(r);
    if ( lay_out_all(r, &c, arr) < NALL )
    {
        sim_diags_print(&r->ds, stderr);
        free_run(r);
        json_object_put(arr);
        return 2;
    }
    if ( json )
        compare_json(r, arr);
    else if ( r->o.fmt == &sim_fmt_svg )
        compare_svg(r, &c);
    else
    {
        compare_table(r, &c);
        recommend(&c);
    }
    if ( !json )
        sim_diags_print(&r->ds, stderr);
    i = exit_status(r);
    free_run(r);
    return c.worst > i ? (int)c.worst : (int)i;
}
