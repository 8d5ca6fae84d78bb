/* SPDX-License-Identifier: MIT */
/*
 * xl.cfg reader tests: values read through libxlutil, every malformed
 * value named, vnvdimms= items, and the RMRR choice libxl makes
 * (libxl_dm.c) on a hand-built DMAR.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "xlcfg.h"
#include "dmar_builder.h"

#define MIB (1ULL << 20)

static void print_diags(const struct sim_diags *ds)
{
    sim_diags_print(ds, stdout);
}

static int parse(const char *text, struct xlcfg *c, struct sim_diags *ds)
{
    sim_diags_init(ds);
    return xlcfg_parse(text, strlen(text), "test.cfg", c, ds);
}

static void test_basic(void **state)
{
    struct xlcfg c;
    struct sim_diags ds;

    assert_int_equal(parse("type = \"hvm\"\nmemory = 4096\n"
                           "mmio_hole = 1024\nrdm_mem_boundary = 1024\n",
                           &c, &ds), 0);
    print_diags(&ds);
    assert_int_equal(ds.nr, 0);
    assert_true(c.hvm);
    assert_int_equal(c.memory_mib, 4096);
    assert_int_equal(c.maxmem_mib, 4096);
    assert_string_equal(c.vga, "cirrus");
    assert_int_equal(c.video_mib, 8);
    /* libxl__build_hvm: max_memkb - video_memkb */
    assert_int_equal(xlcfg_layout_bytes(&c), (4096 - 8) * MIB);
    assert_int_equal(c.mmio_hole_mib, 1024);
    assert_int_equal(c.rdm_boundary_mib, 1024);
    assert_int_equal(c.rdm_strategy, XLCFG_RDM_IGNORE);
    assert_int_equal(c.rdm_policy, LR_POLICY_RELAXED);
    sim_diags_free(&ds);

    /* defaults, vga kinds, maxmem (populate on demand) */
    assert_int_equal(parse("builder='hvm'\nmemory=2048\nmaxmem=3072\n"
                           "vga='none'\n", &c, &ds), 0);
    assert_int_equal(c.video_mib, 0);
    assert_int_equal(c.maxmem_mib, 3072);
    assert_int_equal(xlcfg_layout_bytes(&c), 3072 * MIB);
    assert_int_equal(c.mmio_hole_mib, 0);
    assert_int_equal(c.rdm_boundary_mib, 2048);
    assert_int_equal(sim_diags_count(&ds, "XL-POD"), 1);
    sim_diags_free(&ds);

    assert_int_equal(parse("type='hvm'\nmemory=2048\nstdvga=1\n", &c, &ds),
                     0);
    assert_string_equal(c.vga, "stdvga");
    assert_int_equal(c.video_mib, 16);
    sim_diags_free(&ds);

    assert_int_equal(parse("type='hvm'\nmemory=2048\nvga='qxl'\n"
                           "videoram=256\n", &c, &ds), 0);
    assert_int_equal(c.video_mib, 256);
    sim_diags_free(&ds);
}

struct bad_cfg {
    const char *name;
    const char *text;
    const char *code;
    unsigned int sev;
    int rc;
};

static const struct bad_cfg bad_cfgs[] = {
    { "syntax", "type='hvm'\nmemory = = 3\n", "XL-SYNTAX", SIM_ERROR, -1 },
    { "memory not a number", "type='hvm'\nmemory='lots'\n",
      "XL-BAD-NUMBER", SIM_ERROR, -1 },
    { "memory negative", "type='hvm'\nmemory='-5'\n", "XL-OUT-OF-RANGE",
      SIM_ERROR, -1 },
    { "memory negative unquoted", "type='hvm'\nmemory=-5\n", "XL-SYNTAX",
      SIM_ERROR, -1 },
    { "memory zero", "type='hvm'\nmemory=0\n", "XL-OUT-OF-RANGE",
      SIM_ERROR, -1 },
    { "memory missing", "type='hvm'\n", "XL-NO-MEMORY-SIZE", SIM_WARN, 0 },
    { "maxmem below memory", "type='hvm'\nmemory=2048\nmaxmem=1024\n",
      "XL-MAXMEM-BELOW-MEMORY", SIM_ERROR, -1 },
    { "mmio_hole too small", "type='hvm'\nmemory=2048\nmmio_hole=100\n",
      "XL-OUT-OF-RANGE", SIM_ERROR, -1 },
    { "mmio_hole too large", "type='hvm'\nmemory=2048\nmmio_hole=3841\n",
      "XL-OUT-OF-RANGE", SIM_ERROR, -1 },
    { "mmio_hole a list", "type='hvm'\nmemory=2048\nmmio_hole=[1]\n",
      "XL-BAD-NUMBER", SIM_ERROR, -1 },
    { "rdm boundary negative", "type='hvm'\nmemory=2048\n"
      "rdm_mem_boundary='-1'\n", "XL-OUT-OF-RANGE", SIM_ERROR, -1 },
    { "rdm strategy", "type='hvm'\nmemory=2048\nrdm='strategy=all'\n",
      "XL-BAD-RDM", SIM_ERROR, -1 },
    { "rdm policy", "type='hvm'\nmemory=2048\nrdm='policy=lax'\n",
      "XL-BAD-RDM", SIM_ERROR, -1 },
    { "rdm empty", "type='hvm'\nmemory=2048\nrdm=''\n", "XL-BAD-RDM",
      SIM_ERROR, -1 },
    { "rdm not key=value", "type='hvm'\nmemory=2048\nrdm='host'\n",
      "XL-BAD-RDM", SIM_ERROR, -1 },
    { "rdm repeated key", "type='hvm'\nmemory=2048\n"
      "rdm='policy=strict,policy=relaxed'\n", "XL-BAD-RDM", SIM_ERROR, -1 },
    { "rdm unknown key", "type='hvm'\nmemory=2048\nrdm='reserve=host'\n",
      "XL-BAD-RDM", SIM_ERROR, -1 },
    /* what stock xl 4.17 makes of valid values */
    { "rdm policy stock", "type='hvm'\nmemory=2048\n"
      "rdm='strategy=host,policy=strict'\n", "XL-RDM-STOCK-IGNORED",
      SIM_WARN, 0 },
    { "rdm ignore stock", "type='hvm'\nmemory=2048\n"
      "rdm='strategy=ignore'\n", "XL-RDM-STOCK-IGNORED", SIM_WARN, 0 },
    { "rdm host stock", "type='hvm'\nmemory=2048\nrdm='strategy=host'\n",
      "XL-RDM-STOCK-POLICY", SIM_NOTE, 0 },
    { "pci garbage", "type='hvm'\nmemory=2048\npci=['zz:zz']\n",
      "XL-BAD-PCI", SIM_ERROR, -1 },
    { "pci policy", "type='hvm'\nmemory=2048\n"
      "pci=['00:14.0,rdm_policy=sloppy']\n", "XL-BAD-PCI", SIM_ERROR, -1 },
    { "pci by name", "type='hvm'\nmemory=2048\npci=['name=gpu0']\n",
      "XL-PCI-BY-NAME", SIM_WARN, 0 },
    { "vga unknown", "type='hvm'\nmemory=2048\nvga='matrox'\n",
      "XL-BAD-VGA", SIM_ERROR, -1 },
    { "videoram below stdvga minimum", "type='hvm'\nmemory=2048\n"
      "vga='stdvga'\nvideoram=8\n", "XL-BAD-VIDEORAM", SIM_ERROR, -1 },
    { "videoram eats memory", "type='hvm'\nmemory=16\nvga='stdvga'\n",
      "XL-BAD-VIDEORAM", SIM_ERROR, -1 },
    { "pv guest", "type='pv'\nmemory=2048\n", "XL-NOT-HVM", SIM_ERROR,
      -1 },
    { "no type", "memory=2048\n", "XL-NOT-HVM", SIM_WARN, 0 },
    { "vnvdimms not a list", "type='hvm'\nmemory=2048\n"
      "vnvdimms='type=mfn,backend=0x100000,nr_pages=65536'\n",
      "XL-VNVDIMM-NOT-LIST", SIM_ERROR, -1 },
    { "vnvdimm bad item", "type='hvm'\nmemory=2048\n"
      "vnvdimms=['type=mfn,backend=0x100000']\n", "XL-VNVDIMM-MISSING-KEY",
      SIM_ERROR, -1 },
};

static void test_bad_configs(void **state)
{
    unsigned int i, j;

    for ( i = 0; i < sizeof(bad_cfgs) / sizeof(bad_cfgs[0]); i++ )
    {
        const struct bad_cfg *b = &bad_cfgs[i];
        struct xlcfg c;
        struct sim_diags ds;
        bool found = false;
        int rc = parse(b->text, &c, &ds);

        print_message("case '%s':\n", b->name);
        print_diags(&ds);
        for ( j = 0; j < ds.nr; j++ )
            if ( !strcmp(ds.d[j].code, b->code) )
            {
                found = true;
                if ( ds.d[j].severity != b->sev )
                    fail_msg("case '%s': %s is a %s", b->name, b->code,
                             sim_severity_name(ds.d[j].severity));
                if ( !ds.d[j].msg[0] )
                    fail_msg("case '%s': empty message", b->name);
            }
        if ( !found )
            fail_msg("case '%s': %s not reported", b->name, b->code);
        if ( rc != b->rc )
            fail_msg("case '%s': rc %d, expected %d", b->name, rc, b->rc);
        sim_diags_free(&ds);
    }
}

/* --- vnvdimms items ------------------------------------------------------ */

static void test_vnvdimm_good(void **state)
{
    struct xlcfg_vnvdimm v;
    struct sim_diags ds;

    sim_diags_init(&ds);
    assert_int_equal(xlcfg_parse_vnvdimm("type=mfn,backend=0x100000,"
                                         "nr_pages=65536", "t", &v, &ds), 0);
    assert_int_equal(v.backend, 0x100000);
    assert_int_equal(v.nr_pages, 65536);
    assert_int_equal(v.nr_label_pages, 0);
    assert_int_equal(v.gpa, LR_GPA_AUTO);
    assert_int_equal(v.label, LR_LABEL_NONE);
    /* No serial=: a non-zero one derived from the backing frames (a zero
     * NFIT serial made Linux reject the labels on the next boot). */
    assert_int_not_equal(v.serial, 0);
    {
        uint32_t first = v.serial;

        assert_int_equal(xlcfg_parse_vnvdimm("nr_pages=65536,type=mfn,"
                                             "backend=0x100000", "t", &v,
                                             &ds), 0);
        assert_int_equal(v.serial, first);      /* same storage, same */
        assert_int_equal(xlcfg_parse_vnvdimm("type=mfn,backend=0x200000,"
                                             "nr_pages=65536", "t", &v,
                                             &ds), 0);
        assert_int_not_equal(v.serial, first);  /* other storage */
        assert_int_equal(xlcfg_parse_vnvdimm("type=mfn,backend=0x100000,"
                                             "nr_pages=65536,serial=0x1234",
                                             "t", &v, &ds), 0);
        assert_int_equal(v.serial, 0x1234);
    }

    /* nr_label_pages alone means in-band labels */
    assert_int_equal(xlcfg_parse_vnvdimm("nr_label_pages=256,type=mfn,"
                                         "nr_pages=0x10000,backend=1048576,"
                                         "gpa=6G", "t", &v, &ds), 0);
    assert_int_equal(v.nr_label_pages, 256);
    assert_int_equal(v.label, LR_LABEL_INBAND);
    assert_int_equal(v.gpa, 6ULL << 30);

    /* a label back end alone gets the 32-page minimum */
    assert_int_equal(xlcfg_parse_vnvdimm("type=mfn,backend=0x100000,"
                                         "nr_pages=512,label=mailbox,"
                                         "gpa=auto", "t", &v, &ds), 0);
    assert_int_equal(v.label, LR_LABEL_MAILBOX);
    assert_int_equal(v.nr_label_pages, 32);
    assert_int_equal(v.gpa, LR_GPA_AUTO);
    /* 512 pages = 2 MiB: fine for devdax, not for fsdax */
    assert_int_equal(ds.nr, 1);
    assert_string_equal(ds.d[0].code, "XL-VNVDIMM-SECTION");
    assert_int_equal(ds.d[0].severity, SIM_WARN);
    sim_diags_free(&ds);
}

static const struct {
    const char *spec;
    const char *code;
} bad_vnvdimms[] = {
    { "", "XL-VNVDIMM-EMPTY" },
    { "type=mfn,,backend=1,nr_pages=512", "XL-VNVDIMM-SYNTAX" },
    { "type=mfn,backend=1,nr_pages=512,", "XL-VNVDIMM-SYNTAX" },
    { "type=mfn,backend,nr_pages=512", "XL-VNVDIMM-SYNTAX" },
    { "type=mfn,backend=,nr_pages=512", "XL-VNVDIMM-SYNTAX" },
    { "type=mfn,=1,nr_pages=512", "XL-VNVDIMM-SYNTAX" },
    { "type=file,backend=1,nr_pages=512", "XL-VNVDIMM-BAD-TYPE" },
    { "type=mfn,backend=1,nr_pages=512,colour=red",
      "XL-VNVDIMM-UNKNOWN-KEY" },
    { "type=mfn,backend=1,backend=2,nr_pages=512",
      "XL-VNVDIMM-DUPLICATE-KEY" },
    { "type=mfn,backend=0x1g,nr_pages=512", "XL-VNVDIMM-BAD-NUMBER" },
    { "type=mfn,backend=1,nr_pages=-1", "XL-VNVDIMM-BAD-NUMBER" },
    { "type=mfn,backend=1,nr_pages=99999999999999999999",
      "XL-VNVDIMM-BAD-NUMBER" },
    { "type=mfn,backend=1,nr_pages=512,gpa=6Q", "XL-VNVDIMM-BAD-NUMBER" },
    { "type=mfn,backend=1,nr_pages=512,gpa=0x100000800",
      "XL-VNVDIMM-BAD-GPA" },
    { "type=mfn,backend=1,nr_pages=512,label=nvram",
      "XL-VNVDIMM-BAD-LABEL" },
    { "type=mfn,backend=1,nr_pages=512,serial=0", "XL-VNVDIMM-BAD-SERIAL" },
    { "type=mfn,backend=1,nr_pages=512,serial=0x100000000",
      "XL-VNVDIMM-BAD-SERIAL" },
    { "backend=1,nr_pages=512", "XL-VNVDIMM-MISSING-KEY" },
    { "type=mfn,nr_pages=512", "XL-VNVDIMM-MISSING-KEY" },
    { "type=mfn,backend=1", "XL-VNVDIMM-MISSING-KEY" },
    { "type=mfn,backend=1,nr_pages=0", "XL-VNVDIMM-BAD-SIZE" },
    { "type=mfn,backend=0xffffffffff,nr_pages=512", "XL-VNVDIMM-BAD-SIZE" },
    { "type=mfn,backend=1,nr_pages=0xffffffffffff", "XL-VNVDIMM-BAD-SIZE" },
    { "type=mfn,backend=1,nr_pages=512,label=none,nr_label_pages=32",
      "XL-VNVDIMM-LABEL-CONFLICT" },
    { "type=mfn,backend=1,nr_pages=512,nr_label_pages=8",
      "XL-VNVDIMM-LABEL-SIZE" },
    { "type=mfn,backend=1,nr_pages=512,label=inband,nr_label_pages=31",
      "XL-VNVDIMM-LABEL-SIZE" },
};

static void test_vnvdimm_bad(void **state)
{
    unsigned int i;

    for ( i = 0; i < sizeof(bad_vnvdimms) / sizeof(bad_vnvdimms[0]); i++ )
    {
        struct xlcfg_vnvdimm v;
        struct sim_diags ds;

        sim_diags_init(&ds);
        if ( xlcfg_parse_vnvdimm(bad_vnvdimms[i].spec, "t", &v, &ds) != -1 )
            fail_msg("'%s' accepted", bad_vnvdimms[i].spec);
        if ( ds.nr != 1 || strcmp(ds.d[0].code, bad_vnvdimms[i].code) ||
             ds.d[0].severity != SIM_ERROR )
        {
            print_diags(&ds);
            fail_msg("'%s': expected exactly one %s", bad_vnvdimms[i].spec,
                     bad_vnvdimms[i].code);
        }
        sim_diags_free(&ds);
    }
}

/* --- RMRR choice --------------------------------------------------------- */

/*
 * The host:
 *   RMRR 0  0x000e8000-0x000e8fff  00:14.0, 00:1a.0   (USB, shared)
 *   RMRR 1  0x7c000000-0x807fffff  00:02.0            (IGD stolen memory)
 *   RMRR 2  0xdefd0000-0xdefd0fff  00:1c.4/00.0       (behind a bridge)
 */
static void host_dmar(struct dmar *d)
{
    static const uint8_t p14[] = { 0x14, 0 }, p1a[] = { 0x1a, 0 },
        p02[] = { 0x02, 0 }, pbr[] = { 0x1c, 4, 0, 0 };
    struct tb t;
    size_t off;

    tb_header(&t);
    tb_drhd(&t);
    off = tb_rmrr(&t, 0, 0xe8000, 0xe8fff);
    tb_scope(&t, 1, 0, 0, 1, p14);
    tb_scope(&t, 1, 0, 0, 1, p1a);
    tb_end(&t, off);
    off = tb_rmrr(&t, 0, 0x7c000000, 0x807fffff);
    tb_scope(&t, 1, 0, 0, 1, p02);
    tb_end(&t, off);
    off = tb_rmrr(&t, 0, 0xdefd0000, 0xdefd0fff);
    tb_scope(&t, 1, 0, 0, 2, pbr);
    tb_end(&t, off);
    tb_finish(&t);
    assert_int_equal(dmar_parse(t.b, t.n, d), 0);
}

struct choice {
    const char *name;
    enum lr_strategy strategy;
    const char *cfg;
    unsigned int nr;            /* regions in the input */
    uint64_t base[3];           /* their bases, in RMRR order */
    uint8_t policy[3];
    const char *code;           /* a diagnostic that must be there */
    unsigned int sev;
    int rc;
};

#define S LR_POLICY_STRICT
#define R LR_POLICY_RELAXED
#define P LR_STRATEGY_PUNCH
#define X LR_STRATEGY_XEN_COMPAT

static const struct choice choices[] = {
    { "no rdm, no pci", P, "type='hvm'\nmemory=4096\n", 0, { 0 }, { 0 },
      NULL, 0, 0 },
    /* default: only assigned devices' RMRRs, strict per device */
    { "IGD assigned", P, "type='hvm'\nmemory=4096\npci=['00:02.0']\n", 1,
      { 0x7c000000 }, { S }, "XL-RMRR-UNRESOLVED", SIM_NOTE, 0 },
    { "IGD relaxed", P, "type='hvm'\nmemory=4096\n"
      "pci=['0000:00:02.0,rdm_policy=relaxed']\n", 1, { 0x7c000000 },
      { R }, NULL, 0, 0 },
    /* host: all of them with the global policy (relaxed by default) */
    { "strategy host", P, "type='hvm'\nmemory=4096\nrdm='strategy=host'\n",
      3, { 0xe8000, 0x7c000000, 0xdefd0000 }, { R, R, R }, NULL, 0, 0 },
    { "host strict", P, "type='hvm'\nmemory=4096\n"
      "rdm='strategy=host,policy=strict'\n", 3,
      { 0xe8000, 0x7c000000, 0xdefd0000 }, { S, S, S }, NULL, 0, 0 },
    /* the device's policy overrides the global one (libxl_dm.c) */
    { "device overrides global", P, "type='hvm'\nmemory=4096\n"
      "rdm='strategy=host,policy=relaxed'\n"
      "pci=['00:02.0,rdm_policy=strict']\n", 3,
      { 0xe8000, 0x7c000000, 0xdefd0000 }, { R, S, R },
      "XL-RDM-POLICY-OVERRIDE", SIM_NOTE, 0 },
    /* devices inherit a global policy= */
    { "device inherits global", P, "type='hvm'\nmemory=4096\n"
      "rdm='policy=relaxed'\npci=['00:02.0']\n", 1, { 0x7c000000 },
      { R }, NULL, 0, 0 },
    /* a shared RMRR under strict: Xen refuses the assignment */
    { "shared strict", P, "type='hvm'\nmemory=4096\npci=['00:14.0']\n", 1,
      { 0xe8000 }, { S }, "XL-RMRR-SHARED", SIM_ERROR, -1 },
    { "shared relaxed", P, "type='hvm'\nmemory=4096\n"
      "pci=['00:14.0,rdm_policy=relaxed','00:1a.0,rdm_policy=relaxed']\n",
      1, { 0xe8000 }, { R }, "XL-RMRR-SHARED", SIM_WARN, 0 },
    { "device without RMRR", P, "type='hvm'\nmemory=4096\npci=['03:00.0']\n",
      0, { 0 }, { 0 }, NULL, 0, 0 },
    /* stock xl 4.17 drops this rdm= whole: xen-compat follows it */
    { "stock drops rdm", X, "type='hvm'\nmemory=4096\n"
      "rdm='strategy=host,policy=relaxed'\n", 0, { 0 }, { 0 },
      "XL-RDM-STOCK-APPLIED", SIM_NOTE, 0 },
    /* ... and the device falls back to strict */
    { "stock device strict", X, "type='hvm'\n"
      "memory=4096\nrdm='policy=relaxed'\npci=['00:02.0']\n", 1,
      { 0x7c000000 }, { S }, "XL-RDM-STOCK-APPLIED", SIM_NOTE, 0 },
    /* a value stock xl accepts is taken as written */
    { "stock host", X, "type='hvm'\nmemory=4096\n"
      "rdm='strategy=host'\n", 3, { 0xe8000, 0x7c000000, 0xdefd0000 },
      { R, R, R }, "XL-RDM-STOCK-POLICY", SIM_NOTE, 0 },
};

static void test_rmrr_choice(void **state)
{
    struct dmar d;
    unsigned int i, j;

    host_dmar(&d);
    for ( i = 0; i < sizeof(choices) / sizeof(choices[0]); i++ )
    {
        const struct choice *ch = &choices[i];
        struct xlcfg c;
        struct sim_diags ds;
        struct lr_input *in = malloc(sizeof(*in));
        int rc;

        assert_non_null(in);
        if ( parse(ch->cfg, &c, &ds) )
        {
            print_diags(&ds);
            fail_msg("case '%s': config does not parse", ch->name);
        }
        rc = xlcfg_to_input(&c, &d, ch->strategy, in, &ds);
        print_message("case '%s':\n", ch->name);
        print_diags(&ds);
        if ( rc != ch->rc )
            fail_msg("case '%s': rc %d", ch->name, rc);
        if ( in->nr_regions != ch->nr )
            fail_msg("case '%s': %u regions, expected %u", ch->name,
                     in->nr_regions, ch->nr);
        for ( j = 0; j < ch->nr; j++ )
        {
            const struct lr_region *r = &in->regions[j];

            if ( r->range.base != ch->base[j] || r->policy != ch->policy[j] ||
                 r->kind != LR_KIND_RMRR )
                fail_msg("case '%s': region %u 0x%llx %s", ch->name, j,
                         (unsigned long long)r->range.base,
                         lr_policy_name(r->policy));
        }
        if ( ch->code )
        {
            bool found = false;

            for ( j = 0; j < ds.nr; j++ )
                found |= !strcmp(ds.d[j].code, ch->code) &&
                         ds.d[j].severity == ch->sev;
            if ( !found )
                fail_msg("case '%s': no %s %s", ch->name,
                         sim_severity_name(ch->sev), ch->code);
        }
        sim_diags_free(&ds);
        free(in);
    }
    dmar_free(&d);
}

/* The shared-RMRR message names every device and the unassigned ones. */
static void test_shared_message(void **state)
{
    struct dmar d;
    struct xlcfg c;
    struct sim_diags ds;
    struct lr_input *in = malloc(sizeof(*in));
    const char *m;
    unsigned int i;

    assert_non_null(in);
    host_dmar(&d);
    assert_int_equal(parse("type='hvm'\nmemory=4096\npci=['00:14.0']\n",
                           &c, &ds), 0);
    assert_int_equal(xlcfg_to_input(&c, &d, LR_STRATEGY_PUNCH, in, &ds),
                     -1);
    assert_int_equal(sim_diags_count(&ds, "XL-RMRR-SHARED"), 1);
    for ( i = 0; strcmp(ds.d[i].code, "XL-RMRR-SHARED"); i++ )
        continue;
    m = ds.d[i].msg;
    assert_non_null(strstr(m, "0x00000000000e8000-0x00000000000e8fff"));
    assert_non_null(strstr(m, "0000:00:14.0, 0000:00:1a.0"));
    assert_non_null(strstr(m, "not assigned here: 0000:00:1a.0"));
    assert_string_equal(in->regions[0].owner,
                        "RMRR 0 of 0000:00:14.0, 0000:00:1a.0");
    sim_diags_free(&ds);
    dmar_free(&d);
    free(in);
}

static void test_input_values(void **state)
{
    struct xlcfg c;
    struct sim_diags ds;
    struct lr_input *in = malloc(sizeof(*in));

    assert_non_null(in);
    assert_int_equal(parse("type='hvm'\nmemory=6144\nmmio_hole=2048\n"
                           "rdm_mem_boundary=1024\nvga='stdvga'\n"
                           "pci=['00:02.0']\n"
                           "vnvdimms=['type=mfn,backend=0x100000,"
                           "nr_pages=65536,gpa=0x180000000,"
                           "nr_label_pages=256']\n", &c, &ds), 0);
    assert_int_equal(xlcfg_to_input(&c, NULL, LR_STRATEGY_PACK, in, &ds), 0);
    assert_int_equal(sim_diags_count(&ds, "XL-NO-DMAR"), 1);
    assert_int_equal(in->cfg.mem_size, (6144 - 16) * MIB);
    assert_int_equal(in->cfg.mmio_hole_size, 2048 * MIB);
    assert_int_equal(in->cfg.rdm_boundary, 1024 * MIB);
    assert_int_equal(in->cfg.strategy, LR_STRATEGY_PACK);
    assert_int_equal(in->nr_regions, 0);
    assert_int_equal(in->nr_vnvdimms, 1);
    assert_int_equal(in->vnvdimms[0].gpa, 0x180000000ULL);
    assert_int_equal(in->vnvdimms[0].size, 256 * MIB);
    assert_int_equal(in->vnvdimms[0].label_size, 1 * MIB);
    assert_int_equal(in->vnvdimms[0].host_base, 0x100000000ULL);
    assert_int_equal(in->vnvdimms[0].backend, LR_LABEL_INBAND);
    sim_diags_free(&ds);
    free(in);
}

static void test_load(void **state)
{
    struct xlcfg c;
    struct sim_diags ds;

    sim_diags_init(&ds);
    assert_int_equal(xlcfg_load("/nonexistent.cfg", &c, &ds), -1);
    assert_int_equal(sim_diags_count(&ds, "XL-IO"), 1);
    sim_diags_free(&ds);
}

/*
 * Found by fuzz_xlcfg: a NUL byte inside a quoted string made libxlutil
 * 4.17's lexer assert (xlu__cfgl_dequote) and abort xen-layout.  Any NUL
 * is refused first, with its line.
 */
static void test_nul_byte(void **state)
{
    static const char text[] = "type = \"hvm\"\nmemory = 1024\n"
                               "vga = \"no\0ne\"\n";
    static const char tail[] = "type = \"hvm\"\nmemory = 1024\0";
    struct xlcfg c;
    struct sim_diags ds;

    sim_diags_init(&ds);
    assert_int_equal(xlcfg_parse(text, sizeof(text) - 1, "nul.cfg", &c, &ds),
                     -1);
    print_diags(&ds);
    assert_int_equal(ds.errors, 1);
    assert_int_equal(sim_diags_count(&ds, "XL-SYNTAX"), 1);
    assert_non_null(strstr(ds.d[0].msg, "line 3"));
    sim_diags_free(&ds);

    sim_diags_init(&ds);
    assert_int_equal(xlcfg_parse(tail, sizeof(tail) - 1, "nul.cfg", &c, &ds),
                     -1);
    assert_int_equal(sim_diags_count(&ds, "XL-SYNTAX"), 1);
    sim_diags_free(&ds);
}

/*
 * Found by fuzz_xlcfg: libxlutil 4.17's parse_bdf adds an uninitialised
 * sscanf %n when the '.' of "BB:DD.F" is missing, and read past the
 * string (ASan SEGV).  Such a spec is refused before libxlutil sees it,
 * positional or as bdf=, with or without the domain.
 */
static void test_pci_bdf_no_function(void **state)
{
    static const char *const specs[] = {
        "00:1f", "0000:00:1f", "00:14,rdm_policy=relaxed",
        "00:14.0,bdf=00:1f", "00:1rdm_policy=icy=relaxed",
    };
    char text[160];
    unsigned int i;
    struct xlcfg c;
    struct sim_diags ds;

    for ( i = 0; i < sizeof(specs) / sizeof(specs[0]); i++ )
    {
        snprintf(text, sizeof(text), "type='hvm'\nmemory=1024\n"
                 "pci=[ '%s' ]\n", specs[i]);
        assert_int_equal(parse(text, &c, &ds), -1);
        print_diags(&ds);
        assert_int_equal(ds.errors, 1);
        assert_int_equal(sim_diags_count(&ds, "XL-BAD-PCI"), 1);
        assert_non_null(strstr(ds.d[0].msg, "without its function"));
        sim_diags_free(&ds);
    }
    /* the same with the function is fine */
    assert_int_equal(parse("type='hvm'\nmemory=1024\n"
                           "pci=[ '0000:00:1f.3', '00:14.0,bdf=00:14.0' ]\n",
                           &c, &ds), 0);
    sim_diags_free(&ds);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_basic),
        cmocka_unit_test(test_bad_configs),
        cmocka_unit_test(test_vnvdimm_good),
        cmocka_unit_test(test_vnvdimm_bad),
        cmocka_unit_test(test_rmrr_choice),
        cmocka_unit_test(test_shared_message),
        cmocka_unit_test(test_input_values),
        cmocka_unit_test(test_load),
        cmocka_unit_test(test_nul_byte),
        cmocka_unit_test(test_pci_bdf_no_function),
    };

    return cmocka_run_group_tests_name("sim/xlcfg", tests, NULL, NULL);
}
