/* SPDX-License-Identifier: MIT */
/*
 * --format xenstore: the layout's input as the shell commands
 * (xenstore-write, -rm, -chmod) that store the libreserve schema for the
 * guest, made by the schema writer the toolstack uses.
 */
#include <string.h>
#include <libreserve/xs.h>

#include "format.h"

struct xs_print {
    FILE *f;
    int domid;
    bool hole;              /* platform/mmio_hole_size was written */
};

/*
 * One shell word that xenstore-write stores as s: single quotes for the
 * shell, and every backslash doubled because xenstore-write unescapes
 * (an ACPI namespace owner "\_SB.PCI0.XHC" would lose its backslash).
 */
static void sh_quote(FILE *f, const char *s)
{
    fputc('\'', f);
    for ( ; *s; s++ )
        if ( *s == '\'' )
            fputs("'\\''", f);
        else if ( *s == '\\' )
            fputs("\\\\", f);
        else
            fputc(*s, f);
    fputc('\'', f);
}

/* The schema is the toolstack's, read-only to the guest: n0 r<domid>. */
static void xs_print_chmod(const struct xs_print *p, const char *path,
                           bool recursive)
{
    const char *r = recursive ? "-r " : "";

    if ( p->domid >= 0 )
        fprintf(p->f, "xenstore-chmod %s/local/domain/%d/%s n0 r%d\n", r,
                p->domid, path, p->domid);
    else
        fprintf(p->f, "xenstore-chmod %s\"/local/domain/$DOMID/%s\" n0 "
                "\"r$DOMID\"\n", r, path);
}

static enum lr_status xs_print_write(void *ctx, const char *path,
                                     const char *value)
{
    struct xs_print *p = ctx;

    if ( !strcmp(path, LR_XS_MMIO_HOLE) )
        p->hole = true;
    if ( p->domid >= 0 )
        fprintf(p->f, "xenstore-write /local/domain/%d/%s ", p->domid, path);
    else
        fprintf(p->f, "xenstore-write \"/local/domain/$DOMID/%s\" ", path);
    sh_quote(p->f, value);
    fputc('\n', p->f);
    return LR_OK;
}

static enum lr_status xs_print_rm(void *ctx, const char *path)
{
    struct xs_print *p = ctx;

    /* An absent path is fine: xenstore-rm would fail and say so. */
    if ( p->domid >= 0 )
        fprintf(p->f, "xenstore-rm /local/domain/%d/%s 2>/dev/null ||"
                " true\n", p->domid, path);
    else
        fprintf(p->f, "xenstore-rm \"/local/domain/$DOMID/%s\" 2>/dev/null"
                " || true\n", path);
    return LR_OK;
}
static int render(struct run *r, FILE *f)
{
    struct xs_print p = { f, r->o.domid, false };
    struct lr_xs_ops ops = {
        .ctx = &p, .write = xs_print_write, .rm = xs_print_rm,
    };
    enum lr_status st;

    if ( r->lay.status != LR_OK )
        return 0;
    fprintf(f, "#!/bin/sh\n# libreserve schema for %s (xen-layout)\n",
            r->o.config);
    if ( r->o.domid < 0 )
        fprintf(f, ": \"${DOMID:?set DOMID to the guest's domain id}\"\n");
    st = lr_xs_write_input(&ops, &r->in);
    if ( st != LR_OK )
    {
        fprintf(stderr, "error SIM-XENSTORE: the input cannot be written"
                " as the schema: %s\n", lr_status_str(st));
        return -1;
    }
    xs_print_chmod(&p, LR_XS_ROOT, true);
    if ( p.hole )
        xs_print_chmod(&p, LR_XS_MMIO_HOLE, false);
    return 0;
}

const struct sim_format sim_fmt_xenstore = { "xenstore", 0, render };
