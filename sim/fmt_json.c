/* SPDX-License-Identifier: MIT */
/*
 * --format json: the whole plan as one document of schema xen-layout/2
 * (docs/xen-layout.schema.json): the config, RAM, reservations, the
 * vNVDIMMs, the guest e820, every diagnostic, the statistics and the
 * BARs.  The diagnostics are in the document, not on stderr.
 */
#include "format.h"

/* The readers', the simulator's, then the engine's diagnostics. */
static json_object *jdiags(const struct run *r, const struct sim_diags *ds)
{
    json_object *a = jdiags_sim(ds);
    unsigned int i;
    char line[1024];

    for ( i = 0; r->laid && i < r->lay.diags.nr; i++ )
    {
        const struct lr_diag *d = &r->lay.diags.d[i];

        lr_diag_format(d, line, sizeof(line));
        json_object_array_add(a, jdiag("engine", lr_diag_code_name(d->code),
                                       lr_sev_to_sim(d->severity), NULL,
                                       line));
    }
    return a;
}

static json_object *jvnvdimms(const struct lr_layout *l)
{
    json_object *a = json_object_new_array();
    unsigned int i;

    for ( i = 0; i < l->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm_place *v = &l->vnv[i];
        json_object *o = json_object_new_object();

        jadd_int(o, "index", (int)i);
        jadd_bool(o, "placed", v->placed);
        json_object_object_add(o, "handle",
                               json_object_new_int64(v->handle));
        jadd_str(o, "label_backend", lr_label_backend_name(v->backend));
        json_object_object_add(o, "host_base", jhex(v->host_base));
        if ( v->placed )
        {
            json_object_object_add(o, "data", jrange(&v->data));
            if ( v->has_label )
                json_object_object_add(o, "label", jrange(&v->label));
            if ( v->has_dsm )
                json_object_object_add(o, "dsm", jrange(&v->dsm));
        }
        json_object_array_add(a, o);
    }
    return a;
}

static json_object *jbars(const struct run *r)
{
    const struct lr_bar_result *res = &r->bar_res;
    json_object *o = json_object_new_object();
    json_object *a = json_object_new_array();
    unsigned int i;

    jadd_str(o, "status", lr_status_name(r->bar_status));
    json_object_object_add(o, "window_base", jhex(res->low_base));
    jadd_bool(o, "hole_grown", res->low_base < r->lay.mmio_start);
    jadd_bool(o, "hole_fixed", r->hole_fixed);
    json_object_object_add(o, "high_base", jhex(res->high_base));
    jadd_int(o, "unplaced", (int)res->nr_unplaced);
    for ( i = 0; i < r->nr_bars; i++ )
    {
        const struct lr_bar *b = &r->bars[i];
        json_object *e = json_object_new_object();

        jadd_str(e, "owner", b->owner);
        jadd_u64(e, "size", b->size);
        jadd_bool(e, "is64", b->is64);
        jadd_bool(e, "placed", b->placed);
        if ( b->placed )
        {
            json_object_object_add(e, "addr", jhex(b->addr));
            jadd_bool(e, "high", b->high);
        }
        json_object_array_add(a, e);
    }
    json_object_object_add(o, "list", a);
    return o;
}
/* The guest e820 (none when the layout failed); its diagnostics in ds. */
static json_object *je820(const struct run *r, struct sim_diags *ds)
{
    json_object *a = json_object_new_array();
    struct lr_e820_entry e[E820_CAP];
    unsigned int i, nr = 0;

    if ( r->lay.status != LR_OK || build_e820(r, e, &nr, ds) )
        return a;
    for ( i = 0; i < nr; i++ )
    {
        json_object *o = json_object_new_object();

        json_object_object_add(o, "addr", jhex(e[i].addr));
        jadd_u64(o, "size", e[i].size);
        jadd_int(o, "type", (int)e[i].type);
        jadd_str(o, "name", lr_e820_type_name(e[i].type));
        json_object_array_add(a, o);
    }
    return a;
}

static int render(struct run *r, FILE *f)
{
    const struct lr_layout *l = &r->lay;
    json_object *root = json_doc("plan");
    json_object *a;
    struct sim_diags ds;
    unsigned int i;

    sim_diags_init(&ds);
    json_object_object_add(root, "config", jconfig(r, true));
    jadd_str(root, "status", lr_status_name(l->status));
    a = json_object_new_array();
    for ( i = 0; i < l->nr_ram; i++ )
        json_object_array_add(a, jrange(&l->ram[i]));
    json_object_object_add(root, "ram", a);
    json_object_object_add(root, "reserved",
                           jregions(l->reserved, l->nr_reserved));
    json_object_object_add(root, "dropped",
                           jregions(l->dropped, l->nr_dropped));
    json_object_object_add(root, "unreserved",
                           jregions(r->unres, r->nr_unres));
    json_object_object_add(root, "vnvdimms", jvnvdimms(l));
    json_object_object_add(root, "e820", je820(r, &ds));
    sim_diags_append(&ds, &r->ds);
    json_object_object_add(root, "diagnostics", jdiags(r, &ds));
    json_object_object_add(root, "stats", jstats(l, r->nr_unres));
    if ( r->bars_done )
        json_object_object_add(root, "bars", jbars(r));
    json_print(root, f);
    sim_diags_free(&ds);
    return 0;
}

const struct sim_format sim_fmt_json = { "json", SIM_FMT_OWN_DIAGS,
                                         render };
