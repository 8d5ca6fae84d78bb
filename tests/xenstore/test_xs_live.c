/* SPDX-License-Identifier: MIT */
/*
 * The xenstore schema against the real xenstored (run under
 * with-xenstored.sh, which exports XENSTORED_PATH and LR_XSD_DIR).
 *
 * The toolstack side writes through libxenstore in one transaction; the
 * schema is then read back three ways, which must agree exactly (same
 * status, same diagnostics, same struct lr_input):
 *   lx    libxenstore, as the domain builder in dom0 reads it;
 *   dump  a `xenstore-ls -f` dump file parsed by the dump back end;
 *   hvm   hvmloader's xenstore_read (static buffer, default on missing).
 * Every bad-input case of xs_fixtures.h is written into the real store
 * (alternately with xs_write and with the xenstore-write/-rm tools).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xenstore.h>

#include <libreserve/xs.h>
#include <libreserve/e820.h>
#include "xs_hosted.h"
#include "xsdump.h"
#include "xs_check.h"

#define DOMPATH "/local/domain/5"

enum { LX, DUMP, HVM, NR_BACKENDS };
static const char *const backend_names[NR_BACKENDS] = {
    "libxenstore", "xenstore-ls dump", "hvmloader xenstore_read",
};

struct result {
    enum lr_status st;
    struct lr_input in;
    struct lr_diags ds;
    struct lr_diag store[LR_MAX_DIAGS];
};

struct ctx {
    struct xsh_lx lx;
    struct result res[NR_BACKENDS];
    char dump[512];
    unsigned int dumps;
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));
    const char *dir = getenv("LR_XSD_DIR");

    if ( !c || !getenv("XENSTORED_PATH") || !dir )
    {
        fprintf(stderr, "run me under tests/xenstore/with-xenstored.sh\n");
        free(c);
        return -1;
    }
    snprintf(c->dump, sizeof(c->dump), "%s/dump.txt", dir);
    if ( xsh_lx_open(&c->lx, XS_TEST_DOMID) ||
         xsh_hvm_emul_open(XS_TEST_DOMID) )
    {
        fprintf(stderr, "xs_open: %s\n", strerror(errno));
        free(c);
        return -1;
    }
    /* What libxl does for a new guest: its directory, owned by dom0,
     * readable by the guest. */
    xs_rm(c->lx.h, XBT_NULL, DOMPATH);
    if ( !xs_mkdir(c->lx.h, XBT_NULL, DOMPATH) )
        return -1;
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;

    xsh_hvm_emul_close();
    xsh_lx_close(&c->lx);
    free(c);
    return 0;
}

static void run(const char *cmd)
{
    int rc = system(cmd);

    if ( rc != 0 )
        fail_msg("'%s' exited %d", cmd, rc);
}

/* Read the schema through all three back ends and check they agree. */
static void read3(struct ctx *c, const char *what)
{
    struct lr_xs_ops ops;
    struct xsdump x;
    struct sim_diags sds;
    char cmd[1024];
    unsigned int b, i;

    for ( b = 0; b < NR_BACKENDS; b++ )
        lr_diags_init(&c->res[b].ds, c->res[b].store, LR_MAX_DIAGS);

    xsh_lx_ops(&c->lx, &ops);
    c->res[LX].st = lr_xs_read_input(&ops, &c->res[LX].in, &c->res[LX].ds);

    /* Every other dump with permissions (-p): the loader takes both. */
    snprintf(cmd, sizeof(cmd), "xenstore-ls -f%s %s >'%s'",
             c->dumps++ & 1 ? "p" : "", DOMPATH, c->dump);
    run(cmd);
    /* The dump goes through the simulator's loader (--xenstore-dump). */
    sim_diags_init(&sds);
    if ( xsdump_load(c->dump, &x, &sds) || xsdump_select(&x, 5, &sds) )
        fail_msg("%s: the dump does not load (%u errors)", what,
                 sds.errors);
    xsdump_ops(&x, &ops);
    c->res[DUMP].st = lr_xs_read_input(&ops, &c->res[DUMP].in,
                                       &c->res[DUMP].ds);
    xsdump_free(&x);
    sim_diags_free(&sds);

    xsh_hvm_ops(xsh_hvm_emul_read, &ops);
    c->res[HVM].st = lr_xs_read_input(&ops, &c->res[HVM].in,
                                      &c->res[HVM].ds);

    for ( b = 1; b < NR_BACKENDS; b++ )
    {
        const struct result *x = &c->res[0], *y = &c->res[b];
        char name[256];

        snprintf(name, sizeof(name), "%s: %s vs %s", what,
                 backend_names[0], backend_names[b]);
        if ( x->st != y->st )
            fail_msg("%s: status %s != %s", name, lr_status_name(x->st),
                     lr_status_name(y->st));
        if ( x->ds.nr != y->ds.nr )
        {
            xc_print_diags(&x->ds);
            xc_print_diags(&y->ds);
            fail_msg("%s: %u != %u diagnostics", name, x->ds.nr, y->ds.nr);
        }
        for ( i = 0; i < x->ds.nr; i++ )
            if ( x->ds.d[i].code != y->ds.d[i].code ||
                 x->ds.d[i].severity != y->ds.d[i].severity ||
                 x->ds.d[i].action != y->ds.d[i].action ||
                 strcmp(x->ds.d[i].detail, y->ds.d[i].detail) )
                fail_msg("%s: diagnostic %u differs: %s [%s] / %s [%s]",
                         name, i, lr_diag_code_name(x->ds.d[i].code),
                         x->ds.d[i].detail,
                         lr_diag_code_name(y->ds.d[i].code),
                         y->ds.d[i].detail);
        if ( x->st == LR_OK )
            xc_input_eq(&x->in, &y->in, name);
    }
}

static void roundtrip(struct ctx *c, const struct lr_input *in,
                      const char *what)
{
    unsigned int b;

    assert_int_equal(xsh_lx_write_input(&c->lx, in), LR_OK);
    read3(c, what);
    for ( b = 0; b < NR_BACKENDS; b++ )
    {
        if ( c->res[b].st != LR_OK || c->res[b].ds.nr )
        {
            xc_print_diags(&c->res[b].ds);
            fail_msg("%s via %s: %s", what, backend_names[b],
                     lr_status_name(c->res[b].st));
        }
        xc_input_eq(in, &c->res[b].in, backend_names[b]);
    }
}

/*
 * The point of the schema: the domain builder (libxenstore) and hvmloader
 * (xenstore_read) lay out the same guest.  Same RAM chunks, same honoured
 * and dropped reservations, same vNVDIMM places, same e820.
 */
static void same_layout(struct ctx *c, const char *what)
{
    static struct lr_layout a, b;
    static struct lr_layout_store as, bs;
    struct lr_e820_entry ea[64], eb[64];
    struct lr_e820_opts o;
    unsigned int na = 0, nb = 0, need, i;
    enum lr_status sa, sb;

    lr_layout_init_store(&a, &as);
    lr_layout_init_store(&b, &bs);
    sa = lr_layout_build(&c->res[LX].in, &a);
    sb = lr_layout_build(&c->res[HVM].in, &b);
    assert_int_equal(sa, a.status);
    assert_int_equal(sb, b.status);
    if ( a.status != b.status || a.nr_ram != b.nr_ram ||
         a.nr_reserved != b.nr_reserved || a.nr_dropped != b.nr_dropped ||
         memcmp(a.ram, b.ram, sizeof(a.ram[0]) * a.nr_ram) ||
         memcmp(a.reserved, b.reserved,
                sizeof(a.reserved[0]) * a.nr_reserved) ||
         memcmp(a.vnv, b.vnv, sizeof(a.vnv)) ||
         memcmp(&a.stats, &b.stats, sizeof(a.stats)) )
        fail_msg("%s: the builder's and hvmloader's layouts differ", what);
    if ( a.status != LR_OK )
        return;
    lr_e820_opts_default(&o);
    o.budget = 64;
    sa = lr_e820_build(&a, &o, ea, 64, &na, &need);
    sb = lr_e820_build(&b, &o, eb, 64, &nb, &need);
    if ( sa != sb || na != nb )
        fail_msg("%s: the e820 maps differ", what);
    for ( i = 0; i < na; i++ )
        if ( ea[i].addr != eb[i].addr || ea[i].size != eb[i].size ||
             ea[i].type != eb[i].type )
            fail_msg("%s: e820 entry %u differs", what, i);
}

static void test_roundtrip_base(void **state)
{
    struct ctx *c = *state;
    struct lr_input in;

    fx_base(&in);
    roundtrip(c, &in, "base");
    assert_int_equal(c->res[LX].st, LR_OK);
    same_layout(c, "base");
}

/* Full lists, 2^64 - 1, owners with quotes, backslashes and tabs (which
 * xenstore-ls escapes and the dump back end must restore). */
static void test_roundtrip_rich(void **state)
{
    struct ctx *c = *state;
    struct lr_input in;

    fx_rich(&in);
    roundtrip(c, &in, "rich");
    same_layout(c, "rich");
    /* And over it again with the smaller input: no stale entries. */
    fx_base(&in);
    roundtrip(c, &in, "base over rich");
}

static void test_no_schema(void **state)
{
    struct ctx *c = *state;
    unsigned int b;

    xs_rm(c->lx.h, XBT_NULL, DOMPATH "/libreserve");
    read3(c, "no schema");
    for ( b = 0; b < NR_BACKENDS; b++ )
        assert_int_equal(c->res[b].st, LR_E_NOTFOUND);
}

/* Owner dom0, guest read-only: "n0 r5" on the root, inherited below, and
 * on platform/mmio_hole_size. */
static void test_permissions(void **state)
{
    struct ctx *c = *state;
    static const char *const paths[] = {
        DOMPATH "/libreserve",
        DOMPATH "/libreserve/version",
        DOMPATH "/libreserve/reserved/0/base",
        DOMPATH "/libreserve/vnvdimm/count",
        DOMPATH "/platform/mmio_hole_size",
    };
    struct lr_input in;
    unsigned int i, n;

    fx_base(&in);
    in.cfg.mmio_hole_size = 512 * LR_MIB;     /* so the key is written */
    assert_int_equal(xsh_lx_write_input(&c->lx, &in), LR_OK);
    for ( i = 0; i < sizeof(paths) / sizeof(paths[0]); i++ )
    {
        struct xs_permissions *p = xs_get_permissions(c->lx.h, XBT_NULL,
                                                      paths[i], &n);

        if ( !p || n != 2 || p[0].id != 0 || p[0].perms != XS_PERM_NONE ||
             p[1].id != XS_TEST_DOMID || p[1].perms != XS_PERM_READ )
            fail_msg("%s: permissions are not 'n0 r5'", paths[i]);
        free(p);
    }
}

/* Inside the writer's transaction the schema is invisible to other
 * connections (the guest's hvmloader, another reader); after the commit
 * it is whole. */
static void test_transaction(void **state)
{
    struct ctx *c = *state;
    struct lr_xs_ops ops;
    struct lr_input in;
    struct lr_diags ds;
    struct lr_diag store[LR_MAX_DIAGS];

    xs_rm(c->lx.h, XBT_NULL, DOMPATH "/libreserve");
    fx_rich(&in);
    c->lx.t = xs_transaction_start(c->lx.h);
    assert_true(c->lx.t != XBT_NULL);
    xsh_lx_ops(&c->lx, &ops);
    assert_int_equal(lr_xs_write_input(&ops, &in), LR_OK);

    /* The writer's own view has it all ... */
    lr_diags_init(&ds, store, LR_MAX_DIAGS);
    assert_int_equal(lr_xs_read_input(&ops, &c->res[0].in, &ds), LR_OK);
    xc_input_eq(&in, &c->res[0].in, "inside the transaction");
    /* ... others see nothing yet. */
    xsh_hvm_ops(xsh_hvm_emul_read, &ops);
    lr_diags_init(&ds, store, LR_MAX_DIAGS);
    assert_int_equal(lr_xs_read_input(&ops, &c->res[1].in, &ds),
                     LR_E_NOTFOUND);

    assert_true(xs_transaction_end(c->lx.h, c->lx.t, false));
    c->lx.t = XBT_NULL;
    lr_diags_init(&ds, store, LR_MAX_DIAGS);
    assert_int_equal(lr_xs_read_input(&ops, &c->res[1].in, &ds), LR_OK);
    xc_input_eq(&in, &c->res[1].in, "after the commit");
}

/* Write one key of a case into the store, with the library or the
 * command-line tools. */
static void apply(struct ctx *c, const struct fx_set *s, bool tools)
{
    char full[256], cmd[1024];

    snprintf(full, sizeof(full), DOMPATH "/%s", s->path);
    if ( !tools )
    {
        if ( s->val )
            assert_true(xs_write(c->lx.h, XBT_NULL, full, s->val,
                                 strlen(s->val)));
        else if ( !xs_rm(c->lx.h, XBT_NULL, full) )
            assert_int_equal(errno, ENOENT);
        return;
    }
    if ( s->val )
        snprintf(cmd, sizeof(cmd), "xenstore-write '%s' '%s'", full,
                 s->val);
    else
        snprintf(cmd, sizeof(cmd), "xenstore-rm '%s' 2>/dev/null || true",
                 full);
    run(cmd);
}

static void test_cases(void **state)
{
    struct ctx *c = *state;
    struct lr_input in;
    unsigned int i, j, b;

    for ( i = 0; i < sizeof(fx_cases) / sizeof(fx_cases[0]); i++ )
    {
        const struct fx_case *fc = &fx_cases[i];

        fx_base(&in);
        assert_int_equal(xsh_lx_write_input(&c->lx, &in), LR_OK);
        for ( j = 0; j < 3 && fc->set[j].path; j++ )
            apply(c, &fc->set[j], i & 1);
        read3(c, fc->name);
        for ( b = 0; b < NR_BACKENDS; b++ )
            xc_check_case(fc, c->res[b].st, &c->res[b].in, &c->res[b].ds,
                          backend_names[b]);
        if ( fc->status == LR_OK )
            same_layout(c, fc->name);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_base),
        cmocka_unit_test(test_roundtrip_rich),
        cmocka_unit_test(test_no_schema),
        cmocka_unit_test(test_permissions),
        cmocka_unit_test(test_transaction),
        cmocka_unit_test(test_cases),
    };

    return cmocka_run_group_tests_name("xenstore schema (real xenstored)",
                                       tests, setup, teardown);
}
