/* SPDX-License-Identifier: MIT */
/*
 * The xenstore schema reader and writer over an in-memory store: round
 * trips, defaults, the exact text written, every bad-input case of
 * xs_fixtures.h, store failures, and writer refusals.  The same cases run
 * against the real xenstored in test_xs_live.c.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <libreserve/xs.h>
#include <libreserve/fmt.h>
#include "xs_hosted.h"
#include "xs_check.h"

struct ctx {
    struct xsh_mem m;
    struct lr_xs_ops ops;
    struct lr_input in, out;
    struct lr_diags ds;
    struct lr_diag store[LR_MAX_DIAGS];
};

static int setup(void **state)
{
    struct ctx *c = calloc(1, sizeof(*c));

    if ( !c )
        return -1;
    xsh_mem_init(&c->m);
    xsh_mem_ops(&c->m, &c->ops);
    lr_diags_init(&c->ds, c->store, LR_MAX_DIAGS);
    *state = c;
    return 0;
}

static int teardown(void **state)
{
    struct ctx *c = *state;

    xsh_mem_free(&c->m);
    free(c);
    return 0;
}

static enum lr_status read_back(struct ctx *c)
{
    lr_diags_init(&c->ds, c->store, LR_MAX_DIAGS);
    return lr_xs_read_input(&c->ops, &c->out, &c->ds);
}

static void test_roundtrip_base(void **state)
{
    struct ctx *c = *state;

    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(read_back(c), LR_OK);
    assert_int_equal(c->ds.nr, 0);
    xc_input_eq(&c->in, &c->out, "base");
}

static void test_roundtrip_rich(void **state)
{
    struct ctx *c = *state;

    fx_rich(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(read_back(c), LR_OK);
    assert_int_equal(c->ds.nr, 0);
    xc_input_eq(&c->in, &c->out, "rich");
}

/* Superpage and its bound survive the store; the bound's key is written
 * only when set, as docs/xenstore.md says. */
static void test_roundtrip_superpage(void **state)
{
    struct ctx *c = *state;

    fx_base(&c->in);
    c->in.cfg.strategy = LR_STRATEGY_SUPERPAGE;
    c->in.cfg.superpage_low = 256ULL << 20;
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(read_back(c), LR_OK);
    assert_int_equal(c->ds.nr, 0);
    assert_int_equal(c->out.cfg.strategy, LR_STRATEGY_SUPERPAGE);
    assert_int_equal(c->out.cfg.superpage_low, 256ULL << 20);
    xc_input_eq(&c->in, &c->out, "superpage");
}

/* The exact text the writer produces: other readers (libxl, people) rely
 * on it, and docs/xenstore.md shows it. */
static void test_written_text(void **state)
{
    struct ctx *c = *state;
    static const struct {
        const char *path;
        const char *val;
    } want[] = {
        { "libreserve/version", "1" },
        { "libreserve/layout/memory", "0x100000000" },
        { "libreserve/layout/strategy", "punch" },
        { "libreserve/layout/rdm-boundary", "0x80000000" },
        { "libreserve/layout/pmem-align", "0x40000000" },
        { "libreserve/layout/pmem-base-min", "0x0" },
        { "libreserve/layout/device-model", "1" },
        { "libreserve/layout/hap", "1" },
        { "libreserve/reserved/count", "2" },
        { "libreserve/reserved/0/base", "0xab000000" },
        { "libreserve/reserved/0/size", "0x10000" },
        { "libreserve/reserved/0/kind", "rmrr" },
        { "libreserve/reserved/0/policy", "strict" },
        { "libreserve/reserved/0/owner", "RMRR of 0000:00:1d.0" },
        { "libreserve/reserved/1/policy", "relaxed" },
        { "libreserve/vnvdimm/count", "2" },
        { "libreserve/vnvdimm/0/gpa", "0x200000000" },
        { "libreserve/vnvdimm/0/size", "0x100000000" },
        { "libreserve/vnvdimm/0/label-size", "0x20000" },
        { "libreserve/vnvdimm/0/label-backend", "inband" },
        { "libreserve/vnvdimm/0/handle", "0" },
        { "libreserve/vnvdimm/0/serial", "4660" },
        { "libreserve/vnvdimm/0/host-base", "0x1000000000" },
        { "libreserve/vnvdimm/0/policy", "strict" },
        { "libreserve/vnvdimm/1/gpa", "auto" },
        { "libreserve/vnvdimm/1/label-backend", "none" },
        { "libreserve/vnvdimm/1/handle", "7" },
    };
    unsigned int i;

    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    for ( i = 0; i < sizeof(want) / sizeof(want[0]); i++ )
    {
        const char *v = xsh_mem_get(&c->m, want[i].path);

        if ( !v || strcmp(v, want[i].val) )
            fail_msg("%s = '%s', expected '%s'", want[i].path,
                     v ? v : "(absent)", want[i].val);
    }
    /* version, 7 layout keys, 2 counts, 2 x 5 region keys (no devices),
     * 2 x 8 vNVDIMM keys; the default hole is not written */
    assert_int_equal(c->m.nr, 1 + 7 + 2 + 10 + 16);
    assert_null(xsh_mem_get(&c->m, "platform/mmio_hole_size"));
}

static void test_defaults(void **state)
{
    struct ctx *c = *state;
    struct lr_config def;

    assert_int_equal(xsh_mem_set(&c->m, "libreserve/version", "1"), 0);
    assert_int_equal(xsh_mem_set(&c->m, "libreserve/layout/memory",
                                 "1073741824"), 0);
    assert_int_equal(read_back(c), LR_OK);
    assert_int_equal(c->ds.nr, 0);
    lr_config_default(&def);
    def.mem_size = LR_GIB;
    assert_memory_equal(&def, &c->out.cfg, sizeof(def));
    assert_int_equal(c->out.nr_regions, 0);
    assert_int_equal(c->out.nr_vnvdimms, 0);
}

/* Each bad input on top of fx_base: status, named diagnostic, outcome. */
static void test_cases(void **state)
{
    struct ctx *c = *state;
    unsigned int i, j;

    for ( i = 0; i < sizeof(fx_cases) / sizeof(fx_cases[0]); i++ )
    {
        const struct fx_case *fc = &fx_cases[i];
        enum lr_status st;

        xsh_mem_free(&c->m);
        xsh_mem_init(&c->m);
        xsh_mem_ops(&c->m, &c->ops);
        fx_base(&c->in);
        assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
        for ( j = 0; j < 3 && fc->set[j].path; j++ )
            assert_int_equal(xsh_mem_set(&c->m, fc->set[j].path,
                                         fc->set[j].val), 0);
        st = read_back(c);
        xc_check_case(fc, st, &c->out, &c->ds, "memory store");
    }
}

/* Skipped relaxed entries leave the others intact, in order. */
static void test_relaxed_skip_keeps_others(void **state)
{
    struct ctx *c = *state;

    fx_base(&c->in);
    lrt_region_sized(&c->in, 0xAD000000ULL, 0x2000, LR_KIND_RMRR,
                     LR_POLICY_STRICT, "third");
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(xsh_mem_set(&c->m, "libreserve/reserved/1/base",
                                 "0x"), 0);
    assert_int_equal(read_back(c), LR_OK);
    assert_int_equal(c->out.nr_regions, 2);
    assert_string_equal(c->out.regions[0].owner, "RMRR of 0000:00:1d.0");
    assert_string_equal(c->out.regions[1].owner, "third");
    assert_int_equal(c->out.regions[1].src, 1);
    assert_int_equal(c->out.regions[1].range.base, 0xAD000000ULL);
    assert_int_equal(c->ds.warnings, 1);
    assert_string_equal(c->ds.d[0].detail,
                        "libreserve/reserved/1/base=\"0x\"");
    assert_int_equal(c->ds.d[0].action, LR_ACT_IGNORED);
}

static void test_owner_cut(void **state)
{
    struct ctx *c = *state;
    char owner[300];

    memset(owner, 'x', sizeof(owner) - 1);
    owner[sizeof(owner) - 1] = '\0';
    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(xsh_mem_set(&c->m, "libreserve/reserved/0/owner",
                                 owner), 0);
    assert_int_equal(read_back(c), LR_OK);
    assert_int_equal(strlen(c->out.regions[0].owner), LR_OWNER_LEN - 1);
    assert_memory_equal(c->out.regions[0].owner + LR_OWNER_LEN - 4, "...",
                        4);
    assert_non_null(xc_find(&c->ds, LR_D_XS_MALFORMED, LR_SEV_WARN));
    assert_int_equal(c->ds.d[0].action, LR_ACT_KEPT);

    /* 127 bytes fit exactly: no warning. */
    owner[LR_OWNER_LEN - 1] = '\0';
    assert_int_equal(xsh_mem_set(&c->m, "libreserve/reserved/0/owner",
                                 owner), 0);
    assert_int_equal(read_back(c), LR_OK);
    assert_int_equal(c->ds.nr, 0);
    assert_string_equal(c->out.regions[0].owner, owner);
}

/* A number longer than the value buffer is malformed, not cut. */
static void test_overlong_number(void **state)
{
    struct ctx *c = *state;
    char num[LR_XS_VALUE_MAX + 10];

    memset(num, '0', sizeof(num) - 2);
    num[sizeof(num) - 2] = '1';
    num[sizeof(num) - 1] = '\0';
    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(xsh_mem_set(&c->m, "libreserve/layout/memory", num), 0);
    assert_int_equal(read_back(c), LR_E_PARSE);
    assert_non_null(xc_find(&c->ds, LR_D_XS_MALFORMED, LR_SEV_ERROR));
    /* The detail is cut to fit, visibly. */
    assert_int_equal(strlen(c->ds.d[0].detail), sizeof(c->ds.d[0].detail) - 1);
    assert_string_equal(c->ds.d[0].detail + sizeof(c->ds.d[0].detail) - 4,
                        "...");
}

/* A store failure stops the read at once, whatever key it hits. */
static void test_io_error(void **state)
{
    struct ctx *c = *state;
    static const char *const paths[] = {
        "libreserve/version", "libreserve/layout/memory",
        "platform/mmio_hole_size", "libreserve/reserved/count",
        "libreserve/reserved/1/owner", "libreserve/vnvdimm/1/host-base",
        "libreserve/vnvdimm/2/size",
    };
    unsigned int i;

    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    for ( i = 0; i < sizeof(paths) / sizeof(paths[0]); i++ )
    {
        c->m.fail_path = paths[i];
        assert_int_equal(read_back(c), LR_E_IO);
        if ( c->ds.nr != 1 || c->ds.d[0].code != LR_D_XS_IO ||
             strcmp(c->ds.d[0].detail, paths[i]) )
            fail_msg("%s: expected one LR-XS-IO diagnostic", paths[i]);
        /* Reading stopped there: the failing read was the last one. */
        assert_string_equal(c->m.last, paths[i]);
    }
}

/* Diagnostics that do not fit are counted, the status is still right. */
static void test_diags_full(void **state)
{
    struct ctx *c = *state;
    struct lr_diag one[1];
    struct lr_diags ds;

    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(xsh_mem_set(&c->m, "libreserve/layout/hap", "x"), 0);
    assert_int_equal(xsh_mem_set(&c->m, "libreserve/layout/memory", "x"), 0);
    assert_int_equal(xsh_mem_set(&c->m, "libreserve/reserved/0/size", "0"),
                     0);
    lr_diags_init(&ds, one, 1);
    assert_int_equal(lr_xs_read_input(&c->ops, &c->out, &ds), LR_E_PARSE);
    assert_int_equal(ds.nr, 1);
    assert_int_equal(ds.lost, 2);
    assert_int_equal(ds.errors, 3);
    /* No diagnostics storage at all is fine too. */
    assert_int_equal(lr_xs_read_input(&c->ops, &c->out, NULL), LR_E_PARSE);
}

static void test_bad_args(void **state)
{
    struct ctx *c = *state;
    struct lr_xs_ops ro = c->ops;

    assert_int_equal(lr_xs_read_input(NULL, &c->out, NULL), LR_E_INVAL);
    assert_int_equal(lr_xs_read_input(&c->ops, NULL, NULL), LR_E_INVAL);
    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(NULL, &c->in), LR_E_INVAL);
    ro.write = NULL;
    assert_int_equal(lr_xs_write_input(&ro, &c->in), LR_E_INVAL);
}

/* Inputs the schema cannot carry are refused before anything is
 * written. */
static void test_writer_refuses(void **state)
{
    struct ctx *c = *state;
    unsigned int i;

    for ( i = 0; i < 9; i++ )
    {
        fx_base(&c->in);
        switch ( i )
        {
        case 0: c->in.nr_regions = LR_MAX_REGIONS + 1; break;
        case 1: c->in.nr_vnvdimms = LR_MAX_VNVDIMMS + 1; break;
        case 2: c->in.cfg.strategy = LR_STRATEGY_SUPERPAGE + 1; break;
        case 3: c->in.cfg.hap = 2; break;
        case 4: c->in.regions[0].kind = LR_KIND_RAM; break;
        case 5: c->in.regions[1].policy = 2; break;
        case 6:
            memset(c->in.regions[0].owner, 'a', LR_OWNER_LEN);
            break;
        case 7:
            c->in.regions[0].range.base = 0;
            c->in.regions[0].range.last = UINT64_MAX;
            break;
        case 8: c->in.vnvdimms[1].backend = 3; break;
        }
        if ( lr_xs_write_input(&c->ops, &c->in) != LR_E_INVAL ||
             c->m.nr != 0 )
            fail_msg("writer case %u: not refused, or wrote", i);
    }
}

static unsigned int writes_left;

static enum lr_status failing_write(void *ctx, const char *path,
                                    const char *value)
{
    if ( !writes_left )
        return LR_E_IO;
    writes_left--;
    return xsh_mem_set(ctx, path, value) ? LR_E_IO : LR_OK;
}

/* The first write failure is returned and nothing after it is written:
 * in particular not libreserve/version, which is written last, so a
 * reader never takes a half-written schema for a whole one, wherever the
 * writer stopped. */
static void test_writer_io(void **state)
{
    struct ctx *c = *state;
    struct lr_xs_ops ops = c->ops;
    unsigned int n, total;

    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    total = c->m.nr;
    ops.write = failing_write;
    ops.rm = NULL;
    for ( n = 0; n < total; n++ )
    {
        xsh_mem_free(&c->m);
        xsh_mem_init(&c->m);
        writes_left = n;
        assert_int_equal(lr_xs_write_input(&ops, &c->in), LR_E_IO);
        assert_int_equal(c->m.nr, n);
        assert_null(xsh_mem_get(&c->m, "libreserve/version"));
        assert_int_equal(read_back(c), LR_E_NOTFOUND);
    }
    xsh_mem_free(&c->m);
    xsh_mem_init(&c->m);
    writes_left = total;
    assert_int_equal(lr_xs_write_input(&ops, &c->in), LR_OK);
    assert_string_equal(c->m.kv[c->m.nr - 1].path, "libreserve/version");
}

/* With rm, a shorter input leaves no stale entries behind. */
static void test_writer_rm(void **state)
{
    struct ctx *c = *state;

    fx_rich(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(xsh_mem_set(&c->m, "platform/acpi", "1"), 0);
    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_null(xsh_mem_get(&c->m, "libreserve/reserved/2/base"));
    assert_non_null(xsh_mem_get(&c->m, "platform/acpi"));
    assert_int_equal(read_back(c), LR_OK);
    assert_int_equal(c->ds.nr, 0);
    xc_input_eq(&c->in, &c->out, "rewritten");
}

/* Without rm, stale entries beyond the new count are reported. */
static void test_writer_no_rm_stale(void **state)
{
    struct ctx *c = *state;

    fx_rich(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    c->ops.rm = NULL;
    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(read_back(c), LR_OK);
    xc_input_eq(&c->in, &c->out, "stale");
    assert_int_equal(c->ds.warnings, 2);
    assert_string_equal(c->ds.d[0].detail, "libreserve/reserved/2");
    assert_string_equal(c->ds.d[1].detail, "libreserve/vnvdimm/2");
}

/*
 * platform/mmio_hole_size is libxl's, and its presence alone fixes stock
 * hvmloader's hole: written when not the default, or to replace another
 * value; an explicit default is left alone.
 */
static void test_hole_key(void **state)
{
    struct ctx *c = *state;
    const char *hole = "platform/mmio_hole_size";
    struct lr_xs_ops ro;

    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_null(xsh_mem_get(&c->m, hole));

    c->in.cfg.mmio_hole_size = 512 * LR_MIB;
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_string_equal(xsh_mem_get(&c->m, hole), "536870912");
    assert_int_equal(read_back(c), LR_OK);
    xc_input_eq(&c->in, &c->out, "512 MiB hole");

    /* Back to the default: the stale 512 MiB is replaced. */
    c->in.cfg.mmio_hole_size = LR_MMIO_HOLE_DEFAULT;
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_string_equal(xsh_mem_get(&c->m, hole), "268435456");
    assert_int_equal(read_back(c), LR_OK);
    xc_input_eq(&c->in, &c->out, "default hole over 512 MiB");

    /* libxl's explicit default, in hex: equal, left as it is. */
    assert_int_equal(xsh_mem_set(&c->m, hole, "0x10000000"), 0);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_string_equal(xsh_mem_get(&c->m, hole), "0x10000000");

    /* A store without read cannot tell: the default is not written. */
    ro = c->ops;
    ro.read = NULL;
    assert_int_equal(xsh_mem_set(&c->m, hole, NULL), 0);
    assert_int_equal(lr_xs_write_input(&ro, &c->in), LR_OK);
    assert_null(xsh_mem_get(&c->m, hole));

    /* Reading it fails: the write fails. */
    c->m.fail_path = hole;
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_E_IO);
    assert_null(xsh_mem_get(&c->m, "libreserve/version"));
}

/* The formatted diagnostic names the code, the key and the value. */
static void test_format(void **state)
{
    struct ctx *c = *state;
    char line[256];

    fx_base(&c->in);
    assert_int_equal(lr_xs_write_input(&c->ops, &c->in), LR_OK);
    assert_int_equal(xsh_mem_set(&c->m, "libreserve/layout/memory", "4096k"),
                     0);
    assert_int_equal(read_back(c), LR_E_PARSE);
    lr_diag_format(&c->ds.d[0], line, sizeof(line));
    assert_non_null(strstr(line, "LR-XS-MALFORMED"));
    assert_non_null(strstr(line, "libreserve/layout/memory=\"4096k\""));
    assert_non_null(strstr(line, "error"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
        T(test_roundtrip_base),
        T(test_roundtrip_rich),
        T(test_written_text),
        T(test_defaults),
        T(test_cases),
        T(test_relaxed_skip_keeps_others),
        T(test_owner_cut),
        T(test_overlong_number),
        T(test_io_error),
        T(test_diags_full),
        T(test_bad_args),
        T(test_writer_refuses),
        T(test_roundtrip_superpage),
        T(test_writer_io),
        T(test_writer_rm),
        T(test_writer_no_rm_stale),
        T(test_hole_key),
        T(test_format),
#undef T
    };

    return cmocka_run_group_tests_name("xenstore schema (memory store)",
                                       tests, NULL, NULL);
}
