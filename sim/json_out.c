/* SPDX-License-Identifier: MIT */
/*
 * The JSON pieces more than one xen-layout command prints (schema
 * xen-layout/2, docs/xen-layout.schema.json): ranges, regions, stats,
 * the config, diagnostics, and the document around them (sim/cli.h).
 */
#include <string.h>

#include "cli.h"

json_object *jhex(uint64_t v)
{
    char b[24];

    hex(b, sizeof(b), v);
    return json_object_new_string(b);
}

json_object *jrange(const struct lr_range *r)
{
    json_object *o = json_object_new_object();

    json_object_object_add(o, "base", jhex(r->base));
    json_object_object_add(o, "last", jhex(r->last));
    json_object_object_add(o, "size",
                           json_object_new_uint64(lr_range_size(r)));
    return o;
}

static json_object *jregion(const struct lr_region *g)
{
    json_object *o = jrange(&g->range);

    json_object_object_add(o, "kind",
                           json_object_new_string(lr_kind_name(g->kind)));
    json_object_object_add(o, "policy",
                           json_object_new_string(
                               lr_policy_name(g->policy)));
    json_object_object_add(o, "owner", json_object_new_string(g->owner));
    return o;
}

json_object *jdiag(const char *source, const char *code,
                   unsigned int sev, const char *where,
                   const char *msg)
{
    json_object *o = json_object_new_object();

    json_object_object_add(o, "source", json_object_new_string(source));
    json_object_object_add(o, "code", json_object_new_string(code));
    json_object_object_add(o, "severity",
                           json_object_new_string(sim_severity_name(sev)));
    if ( where && where[0] )
        json_object_object_add(o, "where", json_object_new_string(where));
    json_object_object_add(o, "message", json_object_new_string(msg));
    return o;
}

const char *sim_source(const char *code)
{
    if ( !strncmp(code, "XL-", 3) )
        return "xl.cfg";
    if ( !strncmp(code, "DMAR-", 5) )
        return "dmar";
    if ( !strncmp(code, "IOMEM-", 6) )
        return "iomem";
    if ( !strncmp(code, "NDCTL-", 6) )
        return "ndctl";
    return "sim";
}

json_object *jregions(const struct lr_region *g, unsigned int n)
{
    json_object *a = json_object_new_array();
    unsigned int i;

    for ( i = 0; i < n; i++ )
        json_object_array_add(a, jregion(&g[i]));
    return a;
}

json_object *jstats(const struct lr_layout *l, unsigned int unres)
{
    const struct lr_stats *s = &l->stats;
    json_object *o = json_object_new_object();

    json_object_object_add(o, "ram_total_bytes",
                           json_object_new_uint64(s->ram_total));
    json_object_object_add(o, "ram_below_4g_bytes",
                           json_object_new_uint64(s->ram_below_4g));
    json_object_object_add(o, "ram_above_4g_bytes",
                           json_object_new_uint64(s->ram_above_4g));
    json_object_object_add(o, "displaced_bytes",
                           json_object_new_uint64(s->displaced));
    json_object_object_add(o, "dropped_count",
                           json_object_new_int((int)s->dropped));
    json_object_object_add(o, "unreserved_count",
                           json_object_new_int((int)unres));
    json_object_object_add(o, "strict_conflict_count",
                           json_object_new_int((int)s->conflicts));
    json_object_object_add(o, "map_1g_count",
                           json_object_new_int((int)s->map_1g));
    json_object_object_add(o, "map_2m_count",
                           json_object_new_int((int)s->map_2m));
    json_object_object_add(o, "map_4k_count",
                           json_object_new_int((int)s->map_4k));
    /* The engine's lowmem_end is the end of the highest RAM chunk below
     * 4 GiB in every strategy (under xen-compat that is libxl's
     * lowmem_end too); its highmem_end reads 4 GiB when no RAM is above
     * 4 GiB, where libxl has 0: say 0. */
    json_object_object_add(o, "ram_below_4g_end",
                           jhex(l->nr_ram ? l->lowmem_end : 0));
    json_object_object_add(o, "ram_above_4g_end",
                           jhex(s->ram_above_4g ? l->highmem_end : 0));
    json_object_object_add(o, "mmio_start", jhex(l->mmio_start));
    return o;
}

/* The readers' and the simulator's diagnostics alone (compare, fleet). */
json_object *jdiags_sim(const struct sim_diags *ds)
{
    json_object *a = json_object_new_array();
    unsigned int i;

    for ( i = 0; i < ds->nr; i++ )
        json_object_array_add(a, jdiag(sim_source(ds->d[i].code),
                                       ds->d[i].code, ds->d[i].severity,
                                       ds->d[i].where, ds->d[i].msg));
    return a;
}

json_object *jconfig(const struct run *r, bool strategy)
{
    const struct xlcfg *c = &r->cfg;
    json_object *o = json_object_new_object();

    json_object_object_add(o, "file", json_object_new_string(r->o.config));
    json_object_object_add(o, "memory_mib",
                           json_object_new_uint64(c->memory_mib));
    json_object_object_add(o, "maxmem_mib",
                           json_object_new_uint64(c->maxmem_mib));
    json_object_object_add(o, "video_mib",
                           json_object_new_uint64(c->video_mib));
    json_object_object_add(o, "layout_bytes",
                           json_object_new_uint64(r->in.cfg.mem_size));
    json_object_object_add(o, "mmio_hole_bytes",
                           json_object_new_uint64(r->in.cfg.mmio_hole_size));
    json_object_object_add(o, "rdm_mem_boundary_bytes",
                           json_object_new_uint64(r->in.cfg.rdm_boundary));
    json_object_object_add(o, "rdm", json_object_new_string(rdm_text(c)));
    if ( strategy )
        json_object_object_add(o, "strategy",
                               json_object_new_string(
                                   lr_strategy_name(r->in.cfg.strategy)));
    return o;
}

json_object *json_doc(const char *command)
{
    json_object *root = json_object_new_object();

    json_object_object_add(root, "schema",
                           json_object_new_string(JSON_SCHEMA));
    json_object_object_add(root, "command",
                           json_object_new_string(command));
    return root;
}

void json_print(json_object *root, FILE *f)
{
    fprintf(f, "%s\n", json_object_to_json_string_ext(root,
            JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
            JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(root);
}
