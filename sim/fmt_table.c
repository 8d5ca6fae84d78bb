/* SPDX-License-Identifier: MIT */
/*
 * --format table (the default): the header, the guest map merged and
 * sorted by address, what was not reserved, and the statistics.
 */
#include <stdlib.h>

#include "format.h"

struct row {
    struct lr_range range;
    const char *type;           /* RAM or a kind name */
    const char *policy;
    const char *owner;
};

static int row_cmp(const void *a, const void *b)
{
    const struct row *x = a, *y = b;

    return x->range.base < y->range.base ? -1 :
           x->range.base > y->range.base ? 1 : 0;
}

static unsigned int map_rows(const struct lr_layout *l, struct row *rows)
{
    unsigned int i, n = 0;

    for ( i = 0; i < l->nr_ram; i++ )
    {
        rows[n].range = l->ram[i];
        rows[n].type = "RAM";
        rows[n].policy = "";
        rows[n].owner = l->ram[i].base < LR_4G ? "guest RAM (lowmem)" :
                        "guest RAM (highmem)";
        n++;
    }
    for ( i = 0; i < l->nr_reserved; i++ )
    {
        rows[n].range = l->reserved[i].range;
        rows[n].type = lr_kind_name(l->reserved[i].kind);
        rows[n].policy = lr_policy_name(l->reserved[i].policy);
        rows[n].owner = l->reserved[i].owner;
        n++;
    }
    qsort(rows, n, sizeof(*rows), row_cmp);
    return n;
}

static void print_stats_table(const struct lr_layout *l,
                              unsigned int unreserved, FILE *f)
{
    const struct lr_stats *s = &l->stats;
    char a[32], b[32], c[32], d[32];

    size_text(a, sizeof(a), s->ram_total);
    size_text(b, sizeof(b), s->ram_below_4g);
    size_text(c, sizeof(c), s->ram_above_4g);
    size_text(d, sizeof(d), s->displaced);
    fprintf(f, "\nRAM %s: %s below 4 GiB, %s above (%s displaced by"
            " %s)\n", a, b, c, d,
            l->cfg.strategy == LR_STRATEGY_PUNCH ||
            l->cfg.strategy == LR_STRATEGY_XEN_COMPAT ? "reservations" :
            "reservations and for 1 GiB extents");
    fprintf(f, "dropped %u, ", s->dropped);
    if ( unreserved )
        fprintf(f, "unreserved by stock xl %u, ", unreserved);
    fprintf(f, "strict conflicts %u; mappings: %u x 1 GiB, %u x 2 MiB, %u x"
            " 4 KiB\n", s->conflicts, s->map_1g, s->map_2m, s->map_4k);
}
static int render(struct run *r, FILE *f)
{
    const struct lr_layout *l = &r->lay;
    struct row rows[LR_MAX_RAM + LR_MAX_RESERVED];
    unsigned int i, n = map_rows(l, rows);
    char s[32], b[24], e[24];

    print_header(r, f);
    fprintf(f, "status    %s\n\n", lr_status_name(l->status));
    fprintf(f, "%-18s %-18s %10s  %-8s %-7s %s\n", "START", "LAST", "SIZE",
            "TYPE", "POLICY", "OWNER");
    for ( i = 0; i < n; i++ )
    {
        size_text(s, sizeof(s), lr_range_size(&rows[i].range));
        hex(b, sizeof(b), rows[i].range.base);
        hex(e, sizeof(e), rows[i].range.last);
        fprintf(f, "%s %s %10s  %-8s %-7s %s\n", b, e, s, rows[i].type,
                rows[i].policy, rows[i].owner);
    }
    if ( l->nr_dropped )
    {
        fprintf(f, "\nnot reserved (dropped):\n");
        print_region_rows(l->dropped, l->nr_dropped, f);
    }
    if ( r->nr_unres )
    {
        fprintf(f, "\nnot reserved (stock xl ignores rdm=\"%s\"; never"
                " asked for):\n", r->cfg.rdm_text);
        print_region_rows(r->unres, r->nr_unres, f);
    }
    print_stats_table(l, r->nr_unres, f);
    return 0;
}

const struct sim_format sim_fmt_table = { "table", 0, render };
