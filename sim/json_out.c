/* SPDX-License-Identifier: MIT */
/*
 * The JSON pieces more than one xen-layout command prints (schema
 * xen-layout/2, docs/xen-layout.schema.json): ranges, regions, stats,
 * the config, diagnostics, and the document around them (sim/cli.h).
 */
#include <string.h>

#include "cli.h"

void jadd_u64(json_object *o, const char *key, uint64_t v)
{
    json_object_object_add(o, key, json_object_new_uint64(v));
}

void jadd_int(json_object *o, const char *key, int v)
{
    json_object_object_add(o, key, json_object_new_int(v));
}

void jadd_str(json_object *o, const char *key, const char *v)
{
    json_object_object_add(o, key, json_object_new_string(v));
}

void jadd_bool(json_object *o, const char *key, bool v)
{
    json_object_object_add(o, key, json_object_new_boolean(v));
}

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
    jadd_u64(o, "size", lr_range_size(r));
    return o;
}

static json_object *jregion(const struct lr_region *g)
{
    json_object *o = jrange(&g->range);

    jadd_str(o, "kind", lr_kind_name(g->kind));
    jadd_str(o, "policy", lr_policy_name(g->policy));
    jadd_str(o, "owner", g->owner);
    return o;
}

json_object *jdiag(const char *source, const char *code,
                   unsigned int sev, const char *where,
                   const char *msg)
{
    json_object *o = json_object_new_object();

    jadd_str(o, "source", source);
    jadd_str(o, "code", code);
    jadd_str(o, "severity", sim_severity_name(sev));
    if ( where && where[0] )
        jadd_str(o, "where", where);
    jadd_str(o, "message", msg);
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

    jadd_u64(o, "ram_total_bytes", s->ram_total);
    jadd_u64(o, "ram_below_4g_bytes", s->ram_below_4g);
    jadd_u64(o, "ram_above_4g_bytes", s->ram_above_4g);
    jadd_u64(o, "displaced_bytes", s->displaced);
    jadd_int(o, "dropped_count", (int)s->dropped);
    jadd_int(o, "unreserved_count", (int)unres);
    jadd_int(o, "strict_conflict_count", (int)s->conflicts);
    jadd_int(o, "map_1g_count", (int)s->map_1g);
    jadd_int(o, "map_2m_count", (int)s->map_2m);
    jadd_int(o, "map_4k_count", (int)s->map_4k);
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

    jadd_str(o, "file", r->o.config);
    jadd_u64(o, "memory_mib", c->memory_mib);
    jadd_u64(o, "maxmem_mib", c->maxmem_mib);
    jadd_u64(o, "video_mib", c->video_mib);
    jadd_u64(o, "layout_bytes", r->in.cfg.mem_size);
    jadd_u64(o, "mmio_hole_bytes", r->in.cfg.mmio_hole_size);
    jadd_u64(o, "rdm_mem_boundary_bytes", r->in.cfg.rdm_boundary);
    jadd_str(o, "rdm", rdm_text(c));
    if ( strategy )
        jadd_str(o, "strategy", lr_strategy_name(r->in.cfg.strategy));
    return o;
}

json_object *json_doc(const char *command)
{
    json_object *root = json_object_new_object();

    jadd_str(root, "schema", JSON_SCHEMA);
    jadd_str(root, "command", command);
    return root;
}

void json_print(json_object *root, FILE *f)
{
    fprintf(f, "%s\n", json_object_to_json_string_ext(root,
            JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
            JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(root);
}
