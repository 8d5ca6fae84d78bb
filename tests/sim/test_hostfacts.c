/* SPDX-License-Identifier: MIT */
/*
 * Host-fact readers: /proc/iomem text and `ndctl list` JSON, good shapes
 * and each named defect.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "iomem.h"
#include "ndctl.h"
#include "xsdump.h"

/* A host with 8 GiB of RAM and a 16 GiB NVDIMM bound by dom0. */
static const char iomem_host[] =
    "00000000-00000fff : Reserved\n"
    "00001000-0009fbff : System RAM\n"
    "000a0000-000bffff : PCI Bus 0000:00\n"
    "00100000-7fffffff : System RAM\n"
    "  01000000-01ffffff : Kernel code\n"
    "80000000-efffffff : PCI Bus 0000:00\n"
    "  e0000000-efffffff : 0000:00:02.0\n"
    "fed00000-fed003ff : HPET 0\n"
    "100000000-27fffffff : System RAM\n"
    "280000000-67fffffff : Persistent Memory\n"
    "  280000000-47fffffff : namespace0.0\n"
    "680000000-6bfffffff : Persistent Memory (legacy)\n";

static void test_iomem_good(void **state)
{
    struct iomem m;
    struct sim_diags ds;
    int i;

    sim_diags_init(&ds);
    assert_int_equal(iomem_parse(iomem_host, strlen(iomem_host), "iomem",
                                 &m, &ds), 0);
    sim_diags_print(&ds, stdout);
    assert_int_equal(ds.nr, 0);
    assert_int_equal(m.nr, 12);
    assert_int_equal(m.e[3].base, 0x100000);
    assert_int_equal(m.e[3].last, 0x7fffffff);
    assert_string_equal(m.e[3].name, "System RAM");
    assert_int_equal(m.e[4].depth, 1);
    assert_int_equal(m.e[4].parent, 3);
    assert_int_equal(m.e[9].base, 0x280000000ULL);
    assert_true(iomem_is_pmem(&m.e[9]));
    assert_true(iomem_is_pmem(&m.e[11]));
    assert_false(iomem_is_pmem(&m.e[8]));
    assert_int_equal(m.e[10].parent, 9);

    i = iomem_find_containing(&m, 0x300000000ULL, 0x300000fffULL, NULL);
    assert_int_equal(i, 10);
    assert_string_equal(m.e[i].name, "namespace0.0");
    i = iomem_find_containing(&m, 0x500000000ULL, 0x500000fffULL,
                              "Persistent");
    assert_int_equal(i, 9);
    assert_int_equal(iomem_find_containing(&m, 0x7fff0000, 0x80000fff,
                                           NULL), -1);
    assert_int_equal(iomem_find(&m, 0, "System RAM", false), 1);
    assert_int_equal(iomem_find(&m, 2, "System RAM", false), 3);
    assert_int_equal(iomem_find(&m, 0, "Persistent", true), 9);
    iomem_free(&m);
    sim_diags_free(&ds);
}

static const struct {
    const char *name;
    const char *text;
    const char *code;
    int rc;
    unsigned int nr;        /* entries kept */
} iomem_bad[] = {
    { "garbage line", "00000000-00000fff : Reserved\nhello world\n"
      "00001000-0009fbff : System RAM\n", "IOMEM-GARBAGE", 0, 2 },
    { "no name", "00000000-00000fff : \n00001000-0009fbff : System RAM\n",
      "IOMEM-GARBAGE", 0, 1 },
    { "no separator", "00000000-00000fff Reserved\n"
      "00001000-0009fbff : System RAM\n", "IOMEM-GARBAGE", 0, 1 },
    { "no dash", "00000000 : Reserved\n00001000-0009fbff : System RAM\n",
      "IOMEM-GARBAGE", 0, 1 },
    { "too many digits", "00000000000000000-1 : X\n"
      "00001000-0009fbff : System RAM\n", "IOMEM-GARBAGE", 0, 1 },
    { "odd indent", "00100000-7fffffff : System RAM\n"
      "   01000000-01ffffff : Kernel code\n", "IOMEM-GARBAGE", 0, 1 },
    { "end below base", "00001000-00000fff : Reserved\n"
      "00100000-7fffffff : System RAM\n", "IOMEM-END-BELOW-BASE", 0, 1 },
    { "orphan child", "    01000000-01ffffff : Kernel code\n"
      "00100000-7fffffff : System RAM\n", "IOMEM-BAD-NESTING", 0, 1 },
    { "child outside", "00100000-7fffffff : System RAM\n"
      "  70000000-8fffffff : Kernel code\n", "IOMEM-CHILD-OUTSIDE", 0, 2 },
    { "not root", "00000000-00000000 : Reserved\n"
      "00000000-00000000 : System RAM\n", "IOMEM-ZEROED", -1, 2 },
    { "empty", "", "IOMEM-EMPTY", -1, 0 },
    { "binary", "\x01\x02\x03\n\xff\xfe", "IOMEM-EMPTY", -1, 0 },
};

static void test_iomem_bad(void **state)
{
    unsigned int i;

    for ( i = 0; i < sizeof(iomem_bad) / sizeof(iomem_bad[0]); i++ )
    {
        struct iomem m;
        struct sim_diags ds;
        int rc;

        sim_diags_init(&ds);
        rc = iomem_parse(iomem_bad[i].text, strlen(iomem_bad[i].text),
                         "iomem", &m, &ds);
        print_message("case '%s':\n", iomem_bad[i].name);
        sim_diags_print(&ds, stdout);
        if ( !sim_diags_count(&ds, iomem_bad[i].code) )
            fail_msg("case '%s': no %s", iomem_bad[i].name,
                     iomem_bad[i].code);
        if ( rc != iomem_bad[i].rc || m.nr != iomem_bad[i].nr )
            fail_msg("case '%s': rc %d, %u entries", iomem_bad[i].name, rc,
                     m.nr);
        iomem_free(&m);
        sim_diags_free(&ds);
    }
}

/* The line number of a garbage line is in the diagnostic. */
static void test_iomem_where(void **state)
{
    static const char t[] = "00000000-00000fff : Reserved\n\nxyz\n"
                            "00001000-0009fbff : System RAM\r\n";
    struct iomem m;
    struct sim_diags ds;

    sim_diags_init(&ds);
    assert_int_equal(iomem_parse(t, strlen(t), "f", &m, &ds), 0);
    assert_int_equal(ds.nr, 1);
    assert_string_equal(ds.d[0].where, "f:3");
    assert_int_equal(m.nr, 2);
    assert_string_equal(m.e[1].name, "System RAM");
    assert_int_equal(m.e[1].line, 4);
    iomem_free(&m);
    sim_diags_free(&ds);
}

/* --- ndctl --------------------------------------------------------------- */

static void test_ndctl_shapes(void **state)
{
    static const char *const good[] = {
        /* one namespace, as `ndctl list -N -v` prints a single one */
        "{\"dev\":\"namespace0.0\",\"mode\":\"raw\",\"size\":8589934592,"
        "\"resource\":\"0x280000000\",\"blockdev\":\"pmem0\"}",
        /* array of namespaces */
        "[{\"dev\":\"namespace0.0\",\"mode\":\"raw\",\"size\":8589934592,"
        "\"resource\":10737418240,\"blockdev\":\"pmem0\"}]",
        /* regions with namespaces (ndctl list -R -N -v) */
        "{\"regions\":[{\"dev\":\"region0\",\"size\":17179869184,"
        "\"namespaces\":[{\"dev\":\"namespace0.0\",\"mode\":\"raw\","
        "\"size\":8589934592,\"resource\":\"0x280000000\","
        "\"blockdev\":\"pmem0\"}]}]}\n",
        /* an array of regions */
        "[{\"dev\":\"region0\",\"namespaces\":[{\"dev\":\"namespace0.0\","
        "\"size\":\"0x200000000\",\"resource\":\"0x280000000\","
        "\"blockdev\":\"pmem0\"}]}]",
        "{\"namespaces\":[{\"dev\":\"namespace0.0\",\"size\":8589934592,"
        "\"resource\":\"0x280000000\",\"blockdev\":\"pmem0\"}]}",
    };
    unsigned int i;

    for ( i = 0; i < sizeof(good) / sizeof(good[0]); i++ )
    {
        struct ndctl_list *l = malloc(sizeof(*l));
        struct sim_diags ds;

        assert_non_null(l);
        sim_diags_init(&ds);
        if ( ndctl_parse(good[i], strlen(good[i]), "j", l, &ds) )
        {
            sim_diags_print(&ds, stdout);
            fail_msg("shape %u refused", i);
        }
        assert_int_equal(l->nr, 1);
        assert_string_equal(l->ns[0].dev, "namespace0.0");
        assert_true(l->ns[0].has_resource);
        assert_int_equal(l->ns[0].resource, 0x280000000ULL);
        assert_int_equal(l->ns[0].size, 8ULL << 30);
        assert_string_equal(l->ns[0].blockdev, "pmem0");
        assert_int_equal(ndctl_find(l, 0x300000000ULL, 0x300000fffULL), 0);
        assert_int_equal(ndctl_find(l, 0x470000000ULL, 0x480000fffULL), -1);
        sim_diags_free(&ds);
        free(l);
    }
}

static const struct {
    const char *name;
    const char *json;
    const char *code;
    int rc;
} ndctl_bad[] = {
    { "not json", "namespace0.0 raw 8G", "NDCTL-SYNTAX", -1 },
    { "cut", "[{\"dev\":\"namespace0.0\",", "NDCTL-SYNTAX", -1 },
    { "empty (ndctl found nothing)", "", "NDCTL-EMPTY", 0 },
    { "only white space", " \n", "NDCTL-EMPTY", 0 },
    { "trailing", "[] x", "NDCTL-SYNTAX", -1 },
    { "number", "42", "NDCTL-BAD-SHAPE", -1 },
    { "not a namespace", "[{\"dev\":\"nmem0\",\"id\":\"8089\"}]",
      "NDCTL-BAD-SHAPE", -1 },
    { "regions not array", "{\"regions\":{}}", "NDCTL-BAD-SHAPE", -1 },
    { "namespaces not array", "{\"regions\":[{\"dev\":\"region0\","
      "\"namespaces\":7}]}", "NDCTL-BAD-SHAPE", -1 },
    { "size negative", "{\"dev\":\"namespace0.0\",\"size\":-1}",
      "NDCTL-BAD-FIELD", -1 },
    { "size a list", "{\"dev\":\"namespace0.0\",\"size\":[1]}",
      "NDCTL-BAD-FIELD", -1 },
    { "size missing", "{\"dev\":\"namespace0.0\"}", "NDCTL-BAD-FIELD", -1 },
    { "human size", "{\"dev\":\"namespace0.0\","
      "\"size\":\"8.00 GiB (8.59 GB)\"}", "NDCTL-HUMAN-SIZE", -1 },
    { "resource junk", "{\"dev\":\"namespace0.0\",\"size\":4096,"
      "\"resource\":\"0xzz\"}", "NDCTL-BAD-FIELD", -1 },
    { "wraps", "{\"dev\":\"namespace0.0\",\"size\":8192,"
      "\"resource\":\"0xfffffffffffff000\"}", "NDCTL-BAD-FIELD", -1 },
    { "no resource", "{\"dev\":\"namespace0.0\",\"size\":4096}",
      "NDCTL-NO-RESOURCE", 0 },
    { "no namespaces", "[]", "NDCTL-EMPTY", 0 },
    { "region without namespaces", "{\"regions\":[{\"dev\":\"region0\"}]}",
      "NDCTL-NO-NAMESPACES", 0 },
};

static void test_ndctl_bad(void **state)
{
    unsigned int i;

    for ( i = 0; i < sizeof(ndctl_bad) / sizeof(ndctl_bad[0]); i++ )
    {
        struct ndctl_list *l = malloc(sizeof(*l));
        struct sim_diags ds;
        int rc;

        assert_non_null(l);
        sim_diags_init(&ds);
        rc = ndctl_parse(ndctl_bad[i].json, strlen(ndctl_bad[i].json), "j",
                         l, &ds);
        print_message("case '%s':\n", ndctl_bad[i].name);
        sim_diags_print(&ds, stdout);
        if ( !sim_diags_count(&ds, ndctl_bad[i].code) )
            fail_msg("case '%s': no %s", ndctl_bad[i].name,
                     ndctl_bad[i].code);
        if ( rc != ndctl_bad[i].rc )
            fail_msg("case '%s': rc %d", ndctl_bad[i].name, rc);
        sim_diags_free(&ds);
        free(l);
    }
}

/* --- xenstore-ls -f dumps ----------------------------------------------- */

static const char dump[] =
    "/local/domain/0 = \"\"\n"
    "/local/domain/0/name = \"Domain-0\"\n"
    "/local/domain/5/libreserve = \"\"\n"
    "/local/domain/5/libreserve/version = \"1\"\n"
    "/local/domain/5/libreserve/reserved/0/owner = \"RMRR 0 of \"x\", "
    "a\\\\b\\tc\\x7f\\001\"\n"
    "garbage line\n"
    "/local/domain/5/cut = \"abcdef\\...\"\n";

static void test_xsdump(void **state)
{
    struct xsdump x;
    struct sim_diags ds;
    struct lr_xs_ops ops;
    char buf[64];

    sim_diags_init(&ds);
    assert_int_equal(xsdump_parse(dump, strlen(dump), "d", &x, &ds), 0);
    sim_diags_print(&ds, stdout);
    assert_int_equal(x.nr, 5);
    assert_int_equal(sim_diags_count(&ds, "XSDUMP-GARBAGE"), 1);
    assert_int_equal(ds.nr, 2);
    assert_int_equal(sim_diags_count(&ds, "XSDUMP-TRUNCATED"), 1);
    /* '"' is not escaped by xenstore-ls: the value ends at the last one */
    assert_string_equal(x.n[4].value, "RMRR 0 of \"x\", a\\b\tc\x7f\001");
    assert_int_equal(xsdump_select(&x, -1, &ds), 0);
    assert_int_equal(x.domid, 5);
    xsdump_ops(&x, &ops);
    assert_int_equal(ops.read(ops.ctx, "libreserve/version", buf,
                              sizeof(buf)), LR_OK);
    assert_string_equal(buf, "1");
    /* an empty value reads as absent, as in hvmloader */
    assert_int_equal(ops.read(ops.ctx, "libreserve", buf, sizeof(buf)),
                     LR_E_NOTFOUND);
    assert_int_equal(ops.read(ops.ctx, "libreserve/nope", buf,
                              sizeof(buf)), LR_E_NOTFOUND);
    assert_int_equal(ops.read(ops.ctx, "libreserve/reserved/0/owner", buf,
                              8), LR_E_NOSPACE);
    assert_string_equal(buf, "RMRR 0 ");
    xsdump_free(&x);
    sim_diags_free(&ds);
}

static void test_xsdump_bad(void **state)
{
    static const char two[] =
        "/local/domain/5/libreserve/version = \"1\"\n"
        "/local/domain/6/libreserve/version = \"1\"\n";
    static const char none[] = "/local/domain/5/name = \"g\"\n";
    static const char esc[] = "/a = \"bad \\q escape\"\n/b = \"1\"\n";
    struct xsdump x;
    struct sim_diags ds;

    sim_diags_init(&ds);
    assert_int_equal(xsdump_parse(two, strlen(two), "d", &x, &ds), 0);
    assert_int_equal(xsdump_select(&x, -1, &ds), -1);
    assert_int_equal(sim_diags_count(&ds, "XSDUMP-DOMID-AMBIGUOUS"), 1);
    assert_int_equal(xsdump_select(&x, 6, &ds), 0);
    assert_string_equal(x.prefix, "/local/domain/6/");
    xsdump_free(&x);

    assert_int_equal(xsdump_parse(none, strlen(none), "d", &x, &ds), 0);
    assert_int_equal(xsdump_select(&x, -1, &ds), -1);
    assert_int_equal(sim_diags_count(&ds, "XSDUMP-NO-SCHEMA"), 1);
    xsdump_free(&x);

    assert_int_equal(xsdump_parse(esc, strlen(esc), "d", &x, &ds), 0);
    assert_int_equal(x.nr, 1);
    assert_int_equal(sim_diags_count(&ds, "XSDUMP-BAD-ESCAPE"), 1);
    xsdump_free(&x);

    assert_int_equal(xsdump_parse("hello\n", 6, "d", &x, &ds), -1);
    assert_int_equal(sim_diags_count(&ds, "XSDUMP-EMPTY"), 1);
    xsdump_free(&x);
    sim_diags_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_iomem_good),
        cmocka_unit_test(test_iomem_bad),
        cmocka_unit_test(test_iomem_where),
        cmocka_unit_test(test_ndctl_shapes),
        cmocka_unit_test(test_ndctl_bad),
        cmocka_unit_test(test_xsdump),
        cmocka_unit_test(test_xsdump_bad),
    };

    return cmocka_run_group_tests_name("sim/hostfacts", tests, NULL, NULL);
}
