/* SPDX-License-Identifier: MIT */
/*
 * The input of `xen-layout plan` from the libreserve schema in xenstore,
 * read by the schema reader hvmloader uses: from a `xenstore-ls -f` dump
 * (--xenstore-dump) or from the live store (--domid, in dom0).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <xenstore.h>
#include <libreserve/xs.h>

#include "cli.h"
#include "xsdump.h"

/* The live store (libxenstore: XENSTORED_PATH or the local daemon). */
struct live {
    struct xs_handle *h;
    char prefix[40];
};

static enum lr_status live_read(void *ctx, const char *path, char *buf,
                                size_t len)
{
    struct live *l = ctx;
    char full[LR_XS_PATH_MAX + 40];
    unsigned int n = 0;
    char *v;

    snprintf(full, sizeof(full), "%s%s", l->prefix, path);
    v = xs_read(l->h, XBT_NULL, full, &n);
    if ( !v )
        return errno == ENOENT ? LR_E_NOTFOUND : LR_E_IO;
    if ( !n )
    {
        free(v);
        return LR_E_NOTFOUND;
    }
    snprintf(buf, len, "%s", v);
    free(v);
    return n >= len ? LR_E_NOSPACE : LR_OK;
}

/* The store to read: the dump x, or the live store through l.  0, or -1
 * with the error in r->ds. */
static int open_store(struct run *r, struct xsdump *x, struct live *l,
                      struct lr_xs_ops *ops)
{
    if ( r->o.xsdump )
    {
        if ( xsdump_load(r->o.xsdump, x, &r->ds) ||
             xsdump_select(x, r->o.domid, &r->ds) )
        {
            xsdump_free(x);
            return -1;
        }
        xsdump_ops(x, ops);
        return 0;
    }
    l->h = xs_open(XS_OPEN_READONLY);
    if ( !l->h )
    {
        sim_diag(&r->ds, "SIM-XENSTORE-OPEN", SIM_ERROR, NULL, "cannot"
                 " reach xenstored (%s): run in dom0 as root, or give a"
                 " dump with --xenstore-dump", strerror(errno));
        return -1;
    }
    snprintf(l->prefix, sizeof(l->prefix), "/local/domain/%d/",
             r->o.domid);
    x->domid = r->o.domid;
    memset(ops, 0, sizeof(*ops));
    ops->ctx = l;
    ops->read = live_read;
    return 0;
}

/* r->in from the schema, the reader's diagnostics carried into r->ds. */
static enum lr_status read_schema(struct run *r, const struct lr_xs_ops *ops,
                                  int domid)
{
    struct lr_diag store[LR_MAX_DIAGS];
    struct lr_diags ld;
    enum lr_status st;
    unsigned int i;
    char line[1024];

    lr_diags_init(&ld, store, LR_MAX_DIAGS);
    lr_input_init(&r->in);
    st = lr_xs_read_input(ops, &r->in, &ld);
    /* hvmloader grows the hole for BARs only without this key */
    r->hole_fixed = ops->read(ops->ctx, LR_XS_MMIO_HOLE, line,
                              sizeof(line)) != LR_E_NOTFOUND;
    for ( i = 0; i < ld.nr; i++ )
    {
        lr_diag_format(&ld.d[i], line, sizeof(line));
        sim_diag(&r->ds, lr_diag_code_name(ld.d[i].code),
                 lr_sev_to_sim(ld.d[i].severity), "xenstore", "%s", line);
    }
    if ( st != LR_OK )
        sim_diag(&r->ds, "XSDUMP-SCHEMA", SIM_ERROR, r->o.xsdump, "the"
                 " libreserve schema of domain %d cannot be laid out: %s",
                 domid, lr_status_str(st));
    return st;
}

/* For the header and the JSON config: what the schema says. */
static void describe(struct run *r, int domid)
{
    static char what[600];

    snprintf(what, sizeof(what), "%s (xenstore, domain %d)",
             r->o.xsdump ? r->o.xsdump : "live", domid);
    r->o.config = what;
    r->cfg.memory_mib = r->cfg.maxmem_mib = r->in.cfg.mem_size >> 20;
    r->cfg.video_mib = 0;
    snprintf(r->cfg.vga, sizeof(r->cfg.vga), "n/a");
    if ( r->o.strategy_given )
        r->in.cfg.strategy = r->o.strategy;
}

int load_xsdump(struct run *r)
{
    struct xsdump x;
    struct live live = { NULL, "" };
    struct lr_xs_ops ops;
    enum lr_status st;

    sim_diags_init(&r->ds);
    memset(&x, 0, sizeof(x));
    if ( open_store(r, &x, &live, &ops) )
        return -1;
    st = read_schema(r, &ops, x.domid);
    /* before xsdump_free, which clears x */
    describe(r, x.domid);
    xsdump_free(&x);
    if ( live.h )
        xs_close(live.h);
    return st == LR_OK ? 0 : -1;
}
