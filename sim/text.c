/* SPDX-License-Identifier: MIT */
/*
 * The text pieces of xen-layout's tables: sizes, addresses, the header
 * over a layout, rows of regions (sim/cli.h).
 */
#include <stdio.h>
#include <string.h>
#include <libreserve/fmt.h>

#include "cli.h"

/* Exact when short ("640 KiB", "248 MiB"), else two decimals of the
 * largest unit ("3839.25 MiB" would be "3.75 GiB"). */
void size_text(char *buf, size_t len, uint64_t bytes)
{
    static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    struct lr_buf b;
    unsigned int u = 0;
    double v = (double)bytes;

    lr_buf_init(&b, buf, len);
    lr_buf_size(&b, bytes);
    if ( strlen(buf) <= 8 )
        return;
    while ( v >= 1024.0 && u < 4 )
    {
        v /= 1024.0;
        u++;
    }
    snprintf(buf, len, "%.2f %s", v, unit[u]);
}

void hex(char *buf, size_t len, uint64_t v)
{
    snprintf(buf, len, "0x%016llx", (unsigned long long)v);
}

const char *rdm_text(const struct xlcfg *c)
{
    static char buf[64];

    snprintf(buf, sizeof(buf), "strategy=%s,policy=%s",
             c->rdm_strategy == XLCFG_RDM_HOST ? "host" : "ignore",
             lr_policy_name(c->rdm_policy));
    return buf;
}

void print_header(const struct run *r, FILE *f)
{
    const struct xlcfg *c = &r->cfg;
    char a[32], b[32];

    size_text(a, sizeof(a), xlcfg_layout_bytes(c));
    size_text(b, sizeof(b), c->video_mib * MIB);
    fprintf(f, "guest     %s: memory %llu MiB", r->o.config,
            (unsigned long long)c->memory_mib);
    if ( c->maxmem_mib != c->memory_mib )
        fprintf(f, ", maxmem %llu MiB", (unsigned long long)c->maxmem_mib);
    fprintf(f, " -> %s laid out (%s video RAM, vga %s)\n", a, b, c->vga);
    size_text(a, sizeof(a), r->in.cfg.mmio_hole_size);
    size_text(b, sizeof(b), r->in.cfg.rdm_boundary);
    if ( r->o.xsdump || r->o.live )
    {
        fprintf(f, "policy    strategy %s, mmio_hole %s, rdm_mem_boundary"
                " %s; %u reservation(s), %u vNVDIMM(s) in the schema\n",
                lr_strategy_name(r->in.cfg.strategy), a, b,
                r->in.nr_regions, r->in.nr_vnvdimms);
        return;
    }
    fprintf(f, "policy    %s%s%smmio_hole %s, rdm %s, rdm_mem_boundary"
            " %s\n", r->o.cmd_compare ? "" : "strategy ",
            r->o.cmd_compare ? "" : lr_strategy_name(r->in.cfg.strategy),
            r->o.cmd_compare ? "" : ", ", a, rdm_text(c), b);
    if ( r->have_dmar )
    {
        fprintf(f, "host      DMAR %s: %u RMRR(s), %u reserved for this"
                " guest", r->o.dmar, r->dmar.nr_rmrr, r->in.nr_regions);
        if ( r->nr_unres )
            fprintf(f, ", %u left unreserved by stock xl (it ignores"
                    " rdm=\"%s\")", r->nr_unres, c->rdm_text);
        fputc('\n', f);
    }
}

void print_region_rows(const struct lr_region *g, unsigned int n,
                       FILE *f)
{
    unsigned int i;
    char s[32], b[24], e[24];

    for ( i = 0; i < n; i++ )
    {
        size_text(s, sizeof(s), lr_range_size(&g[i].range));
        hex(b, sizeof(b), g[i].range.base);
        hex(e, sizeof(e), g[i].range.last);
        fprintf(f, "%s %s %10s  %-8s %-7s %s\n", b, e, s,
                lr_kind_name(g[i].kind), lr_policy_name(g[i].policy),
                g[i].owner);
    }
}
