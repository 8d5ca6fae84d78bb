/* SPDX-License-Identifier: MIT */
/*
 * Hosted back ends for the lr_xs reader and writer: see xs_hosted.h.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <xenstore.h>

#include <libreserve/fmt.h>
#include "xs_hosted.h"
#include "xsdump.h"

/* --- in-memory store ------------------------------------------------- */

void xsh_mem_init(struct xsh_mem *m)
{
    memset(m, 0, sizeof(*m));
}

void xsh_mem_free(struct xsh_mem *m)
{
    size_t i;

    for ( i = 0; i < m->nr; i++ )
    {
        free(m->kv[i].path);
        free(m->kv[i].val);
    }
    free(m->kv);
    memset(m, 0, sizeof(*m));
}

static struct xsh_kv *mem_find(const struct xsh_mem *m, const char *path)
{
    size_t i;

    for ( i = 0; i < m->nr; i++ )
        if ( !strcmp(m->kv[i].path, path) )
            return &m->kv[i];
    return NULL;
}

const char *xsh_mem_get(const struct xsh_mem *m, const char *path)
{
    struct xsh_kv *kv = mem_find(m, path);

    return kv ? kv->val : NULL;
}

int xsh_mem_set(struct xsh_mem *m, const char *path, const char *val)
{
    struct xsh_kv *kv = mem_find(m, path);
    char *v;

    if ( !val )
    {
        if ( kv )
        {
            free(kv->path);
            free(kv->val);
            *kv = m->kv[--m->nr];
        }
        return 0;
    }
    v = strdup(val);
    if ( !v )
        return -1;
    if ( kv )
    {
        free(kv->val);
        kv->val = v;
        return 0;
    }
    if ( m->nr == m->cap )
    {
        size_t cap = m->cap ? 2 * m->cap : 64;
        struct xsh_kv *n = realloc(m->kv, cap * sizeof(*n));

        if ( !n )
        {
            free(v);
            return -1;
        }
        m->kv = n;
        m->cap = cap;
    }
    m->kv[m->nr].path = strdup(path);
    if ( !m->kv[m->nr].path )
    {
        free(v);
        return -1;
    }
    m->kv[m->nr++].val = v;
    return 0;
}

static enum lr_status copy_out(const char *s, char *buf, size_t len)
{
    size_t n = strlen(s);

    if ( !n )
        return LR_E_NOTFOUND;
    if ( n >= len )
    {
        memcpy(buf, s, len - 1);
        buf[len - 1] = '\0';
        return LR_E_NOSPACE;
    }
    memcpy(buf, s, n + 1);
    return LR_OK;
}

static enum lr_status mem_read(void *ctx, const char *path, char *buf,
                               size_t len)
{
    struct xsh_mem *m = ctx;
    const char *v;

    m->reads++;
    snprintf(m->last, sizeof(m->last), "%s", path);
    if ( m->fail_path && !strcmp(m->fail_path, path) )
        return LR_E_IO;
    v = xsh_mem_get(m, path);
    return v ? copy_out(v, buf, len) : LR_E_NOTFOUND;
}

static enum lr_status mem_write(void *ctx, const char *path,
                                const char *value)
{
    return xsh_mem_set(ctx, path, value) ? LR_E_IO : LR_OK;
}

static enum lr_status mem_rm(void *ctx, const char *path)
{
    struct xsh_mem *m = ctx;
    size_t n = strlen(path), i = 0;

    while ( i < m->nr )
    {
        const char *p = m->kv[i].path;

        if ( !strncmp(p, path, n) && (p[n] == '\0' || p[n] == '/') )
            xsh_mem_set(m, p, NULL);    /* moves the last entry to i */
        else
            i++;
    }
    return LR_OK;
}

void xsh_mem_ops(struct xsh_mem *m, struct lr_xs_ops *ops)
{
    ops->ctx = m;
    ops->read = mem_read;
    ops->write = mem_write;
    ops->rm = mem_rm;
}

/* --- xenstore-ls -f dump --------------------------------------------- */

/*
 * The dump goes through the simulator's loader (sim/xsdump.c, what
 * xen-layout --xenstore-dump uses), so the tests and the CLI share one
 * parser.  A line it cannot read is an error here, not a skipped warning.
 */
int xsh_dump_load(struct xsh_mem *m, const char *file, const char *prefix,
                  char *err, size_t errlen)
{
    struct xsdump x;
    struct sim_diags ds;
    size_t plen = strlen(prefix);
    unsigned int i;
    int rc = 0;

    sim_diags_init(&ds);
    if ( xsdump_load(file, &x, &ds) || ds.errors || ds.warnings )
    {
        snprintf(err, errlen, "%s: %s", file,
                 ds.nr ? ds.d[0].msg : "cannot be read");
        rc = -1;
    }
    for ( i = 0; !rc && i < x.nr; i++ )
        if ( !strncmp(x.n[i].path, prefix, plen) && x.n[i].path[plen] == '/' &&
             xsh_mem_set(m, x.n[i].path + plen + 1, x.n[i].value) )
        {
            snprintf(err, errlen, "%s: out of memory", file);
            rc = -1;
        }
    xsdump_free(&x);
    sim_diags_free(&ds);
    return rc;
}

/* --- libxenstore ----------------------------------------------------- */

int xsh_lx_open(struct xsh_lx *x, unsigned int domid)
{
    memset(x, 0, sizeof(*x));
    x->domid = domid;
    snprintf(x->prefix, sizeof(x->prefix), "/local/domain/%u/", domid);
    x->h = xs_open(0);
    return x->h ? 0 : -1;
}

void xsh_lx_close(struct xsh_lx *x)
{
    if ( x->h )
        xs_close(x->h);
    x->h = NULL;
}

static int lx_path(const struct xsh_lx *x, const char *path, char *out,
                   size_t len)
{
    return snprintf(out, len, "%s%s", x->prefix, path) >= (int)len ? -1 : 0;
}

static enum lr_status lx_read(void *ctx, const char *path, char *buf,
                              size_t len)
{
    struct xsh_lx *x = ctx;
    char full[256];
    unsigned int n;
    char *v;
    enum lr_status st;

    if ( lx_path(x, path, full, sizeof(full)) )
        return LR_E_IO;
    v = xs_read(x->h, x->t, full, &n);
    if ( !v )
        return errno == ENOENT ? LR_E_NOTFOUND : LR_E_IO;
    /* A value with a NUL inside reads as its text up to the NUL, as a
     * C caller (hvmloader) would see it. */
    st = copy_out(v, buf, len);
    free(v);
    return st;
}

static enum lr_status lx_write(void *ctx, const char *path,
                               const char *value)
{
    struct xsh_lx *x = ctx;
    char full[256];

    if ( lx_path(x, path, full, sizeof(full)) )
        return LR_E_IO;
    return xs_write(x->h, x->t, full, value, strlen(value)) ? LR_OK
                                                            : LR_E_IO;
}

static enum lr_status lx_rm(void *ctx, const char *path)
{
    struct xsh_lx *x = ctx;
    char full[256];

    if ( lx_path(x, path, full, sizeof(full)) )
        return LR_E_IO;
    if ( xs_rm(x->h, x->t, full) || errno == ENOENT )
        return LR_OK;
    return LR_E_IO;
}

void xsh_lx_ops(struct xsh_lx *x, struct lr_xs_ops *ops)
{
    ops->ctx = x;
    ops->read = lx_read;
    ops->write = lx_write;
    ops->rm = lx_rm;
}

/* Owner dom0, nobody else but the guest, and the guest may only read. */
static bool lx_guest_ro(struct xsh_lx *x, const char *rel)
{
    struct xs_permissions perms[2] = {
        { .id = 0, .perms = XS_PERM_NONE },
        { .id = x->domid, .perms = XS_PERM_READ },
    };
    char full[256];

    if ( lx_path(x, rel, full, sizeof(full)) )
        return false;
    return xs_set_permissions(x->h, x->t, full, perms, 2);
}

static bool lx_exists(struct xsh_lx *x, const char *rel)
{
    char full[256];
    unsigned int n;
    char *v;

    if ( lx_path(x, rel, full, sizeof(full)) )
        return false;
    v = xs_read(x->h, x->t, full, &n);
    free(v);
    return v != NULL;
}

enum lr_status xsh_lx_write_input(struct xsh_lx *x, const struct lr_input *in)
{
    struct lr_xs_ops ops;
    enum lr_status st;
    char root[256];
    int tries;

    if ( lx_path(x, LR_XS_ROOT, root, sizeof(root)) )
        return LR_E_IO;
    xsh_lx_ops(x, &ops);
    ops.rm = NULL;              /* removed here, before the permissions */
    for ( tries = 0; tries < 16; tries++ )
    {
        x->t = xs_transaction_start(x->h);
        if ( !x->t )
            return LR_E_IO;
        st = LR_OK;
        if ( (!xs_rm(x->h, x->t, root) && errno != ENOENT) ||
             !xs_mkdir(x->h, x->t, root) || !lx_guest_ro(x, LR_XS_ROOT) )
            st = LR_E_IO;
        if ( st == LR_OK )
            st = lr_xs_write_input(&ops, in);
        if ( st == LR_OK && lx_exists(x, LR_XS_MMIO_HOLE) &&
             !lx_guest_ro(x, LR_XS_MMIO_HOLE) )
            st = LR_E_IO;
        if ( st != LR_OK )
        {
            xs_transaction_end(x->h, x->t, true);
            x->t = 0;
            return st;
        }
        if ( xs_transaction_end(x->h, x->t, false) )
        {
            x->t = 0;
            return LR_OK;
        }
        x->t = 0;
        if ( errno != EAGAIN )
            return LR_E_IO;
    }
    return LR_E_IO;
}

/* --- hvmloader's xenstore_read --------------------------------------- */

static enum lr_status hvm_read(void *ctx, const char *path, char *buf,
                               size_t len)
{
    xsh_hvm_read_fn *fn = (xsh_hvm_read_fn *)ctx;
    const char *s = fn(path, NULL);

    return s ? copy_out(s, buf, len) : LR_E_NOTFOUND;
}

void xsh_hvm_ops(xsh_hvm_read_fn *fn, struct lr_xs_ops *ops)
{
    /* ctx is a data pointer; hvmloader's glue would call its
     * xenstore_read directly instead. */
    ops->ctx = (void *)fn;
    ops->read = hvm_read;
    ops->write = NULL;
    ops->rm = NULL;
}

static struct xs_handle *hvm_h;
static unsigned int hvm_domid;

int xsh_hvm_emul_open(unsigned int domid)
{
    hvm_domid = domid;
    hvm_h = xs_open(0);
    return hvm_h ? 0 : -1;
}

void xsh_hvm_emul_close(void)
{
    if ( hvm_h )
        xs_close(hvm_h);
    hvm_h = NULL;
}

/* As hvmloader/xenbus.c: the reply lands in one static buffer of
 * XENSTORE_PAYLOAD_MAX bytes; missing, empty or failed gives the default. */
const char *xsh_hvm_emul_read(const char *path, const char *def)
{
    static char answer[4096 + 1];
    char full[256];
    unsigned int n;
    char *v;

    if ( snprintf(full, sizeof(full), "/local/domain/%u/%s", hvm_domid,
                  path) >= (int)sizeof(full) )
        return def;
    v = xs_read(hvm_h, XBT_NULL, full, &n);
    if ( !v )
        return def;
    if ( n > sizeof(answer) - 1 )
        n = sizeof(answer) - 1;
    memcpy(answer, v, n);
    answer[n] = '\0';
    free(v);
    return answer[0] ? answer : def;
}
