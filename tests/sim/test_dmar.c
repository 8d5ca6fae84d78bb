/* SPDX-License-Identifier: MIT */
/*
 * DMAR reader tests: hand-built tables for every defect the reader must
 * name, and the real corpus checked against rmrr.tsv / machines.tsv (an
 * independent parse: the expected values never come from sim/dmar.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "dmar.h"

#include "dmar_builder.h"

static unsigned int count_code(const struct dmar *d, enum dmar_code code)
{
    unsigned int i, n = 0;

    for ( i = 0; i < d->nr_diags; i++ )
        n += d->diags[i].code == code;
    return n;
}

static void print_diags(const struct dmar *d)
{
    unsigned int i;

    for ( i = 0; i < d->nr_diags; i++ )
        print_message("  %s %s @%zu: %s\n",
                      dmar_severity_name(d->diags[i].severity),
                      dmar_code_name(d->diags[i].code), d->diags[i].offset,
                      d->diags[i].msg);
}

/* A well-formed table: DRHD, two RMRRs (one shared by two USB
 * controllers, one behind a bridge), ATSR, RHSA, ANDD, SATC.
 *
 *   RMRR 0  0x000e8000-0x000e8fff  00:14.0, 00:1a.0
 *   RMRR 1  0x7c000000-0x807fffff  00:02.0, 00:1c.4/00.0, \_SB.PCI0.I2C0
 */
static void build_good(struct tb *t)
{
    static const uint8_t p14[] = { 0x14, 0 }, p1a[] = { 0x1a, 0 },
        p02[] = { 0x02, 0 }, pbr[] = { 0x1c, 4, 0, 0 }, pacpi[] = { 0x15, 1 };
    size_t off;

    tb_header(t);
    tb_drhd(t);
    off = tb_rmrr(t, 0, 0xe8000, 0xe8fff);
    tb_scope(t, 1, 0, 0, 1, p14);
    tb_scope(t, 1, 0, 0, 1, p1a);
    tb_end(t, off);
    off = tb_rmrr(t, 0, 0x7c000000, 0x807fffff);
    tb_scope(t, 1, 0, 0, 1, p02);
    tb_scope(t, 1, 0, 0, 2, pbr);
    tb_scope(t, 5, 3, 0, 1, pacpi);
    tb_end(t, off);
    off = tb_begin(t, 2);                   /* ATSR */
    put8(t, 0);
    put8(t, 0);
    put16(t, 0);
    tb_scope(t, 2, 0, 0, 1, p02);
    tb_end(t, off);
    off = tb_begin(t, 3);                   /* RHSA */
    put32(t, 0);
    put64(t, 0xfed90000);
    put32(t, 0);
    tb_end(t, off);
    off = tb_begin(t, 4);                   /* ANDD, after its user */
    put8(t, 0);
    put8(t, 0);
    put8(t, 0);
    put8(t, 3);
    {
        const char *s = "\\_SB.PCI0.I2C0";

        while ( *s )
            put8(t, (uint8_t)*s++);
        put8(t, 0);
    }
    tb_end(t, off);
    off = tb_begin(t, 5);                   /* SATC */
    put8(t, 1);
    put8(t, 0);
    put16(t, 0);
    tb_scope(t, 1, 0, 0, 1, p02);
    tb_end(t, off);
    tb_finish(t);
}

static void test_good_table(void **state)
{
    struct tb t;
    struct dmar d;

    build_good(&t);
    assert_int_equal(dmar_parse(t.b, t.n, &d), 0);
    print_diags(&d);
    assert_int_equal(d.errors, 0);
    assert_int_equal(d.warnings, 0);
    assert_true(d.checksum_ok);
    assert_string_equal(d.oem_id, "TESTOE");
    assert_string_equal(d.oem_table_id, "TESTTBL ");
    assert_int_equal(d.host_addr_width, 39);
    assert_int_equal(d.nr_by_type[DMAR_TYPE_DRHD], 1);
    assert_int_equal(d.nr_by_type[DMAR_TYPE_RMRR], 2);
    assert_int_equal(d.nr_by_type[DMAR_TYPE_ATSR], 1);
    assert_int_equal(d.nr_by_type[DMAR_TYPE_RHSA], 1);
    assert_int_equal(d.nr_by_type[DMAR_TYPE_ANDD], 1);
    assert_int_equal(d.nr_by_type[DMAR_TYPE_SATC], 1);
    assert_int_equal(d.nr_rmrr, 2);

    assert_int_equal(d.rmrr[0].base, 0xe8000);
    assert_int_equal(d.rmrr[0].last, 0xe8fff);
    assert_int_equal(d.rmrr[0].nr_scopes, 2);
    assert_string_equal(d.rmrr[0].scopes[0].name, "0000:00:14.0");
    assert_string_equal(d.rmrr[0].scopes[1].name, "0000:00:1a.0");
    assert_true(d.rmrr[0].scopes[1].resolved);

    assert_int_equal(d.rmrr[1].base, 0x7c000000);
    assert_int_equal(d.rmrr[1].last, 0x807fffff);
    assert_int_equal(d.rmrr[1].nr_scopes, 3);
    assert_string_equal(d.rmrr[1].scopes[1].name, "0000:00:1c.4/00.0");
    assert_false(d.rmrr[1].scopes[1].resolved);
    /* type 5 named by the ANDD that comes after it */
    assert_int_equal(d.rmrr[1].scopes[2].type, DMAR_SCOPE_ACPI);
    assert_string_equal(d.rmrr[1].scopes[2].name, "\\_SB.PCI0.I2C0");
    assert_true(d.rmrr[1].scopes[2].resolved);
    dmar_free(&d);
}

static void test_owner_and_regions(void **state)
{
    struct tb t;
    struct dmar d;
    struct lr_region reg[2];
    char buf[LR_OWNER_LEN];
    unsigned int ri[4];

    build_good(&t);
    assert_int_equal(dmar_parse(t.b, t.n, &d), 0);
    dmar_rmrr_owner(&d.rmrr[0], buf, sizeof(buf));
    assert_string_equal(buf, "RMRR 0 of 0000:00:14.0, 0000:00:1a.0");

    assert_int_equal(dmar_to_regions(&d, LR_POLICY_RELAXED, reg, 2), 2);
    assert_int_equal(reg[0].kind, LR_KIND_RMRR);
    assert_int_equal(reg[0].policy, LR_POLICY_RELAXED);
    assert_int_equal(reg[0].range.base, 0xe8000);
    assert_int_equal(reg[0].range.last, 0xe8fff);
    assert_string_equal(reg[0].owner, "RMRR 0 of 0000:00:14.0, 0000:00:1a.0");
    assert_int_equal(reg[0].ndevs, 2);
    assert_int_equal(reg[1].src, 1);
    assert_int_equal(reg[1].ndevs, 3);
    assert_string_equal(reg[1].owner, "RMRR 1 of 0000:00:02.0, "
                        "0000:00:1c.4/00.0, \\_SB.PCI0.I2C0");
    /* short storage: the count still says how many there are */
    assert_int_equal(dmar_to_regions(&d, LR_POLICY_STRICT, reg, 1), 2);

    assert_int_equal(dmar_rmrrs_of_device(&d, 0, 0, 0x1a, 0, ri, 4), 1);
    assert_int_equal(ri[0], 0);
    assert_int_equal(dmar_rmrrs_of_device(&d, 0, 0, 0x02, 0, ri, 4), 1);
    assert_int_equal(ri[0], 1);
    assert_int_equal(dmar_rmrrs_of_device(&d, 0, 0, 0x1f, 3, ri, 4), 0);
    assert_int_equal(dmar_rmrrs_of_device(&d, 1, 0, 0x14, 0, ri, 4), 0);
    dmar_free(&d);
}

/* An owner longer than LR_OWNER_LEN is cut and marked "...". */
static void test_owner_cut(void **state)
{
    struct tb t;
    struct dmar d;
    struct lr_region reg;
    size_t off;
    unsigned int i;

    tb_header(&t);
    off = tb_rmrr(&t, 0, 0xdefd0000, 0xdefd0fff);
    for ( i = 0; i < 20; i++ )
    {
        uint8_t p[2] = { (uint8_t)i, 0 };

        tb_scope(&t, 1, 0, 0, 1, p);
    }
    tb_end(&t, off);
    tb_finish(&t);
    assert_int_equal(dmar_parse(t.b, t.n, &d), 0);
    assert_int_equal(dmar_rmrr_to_region(&d.rmrr[0], LR_POLICY_STRICT,
                                         &reg), 0);
    assert_int_equal(strlen(reg.owner), LR_OWNER_LEN - 1);
    assert_string_equal(reg.owner + LR_OWNER_LEN - 4, "...");
    assert_true(dmar_rmrr_owner(&d.rmrr[0], NULL, 0) > LR_OWNER_LEN);
    dmar_free(&d);
}

/* Bad input, each defect named.  mutate() edits a good table. */
struct bad_case {
    const char *name;
    void (*mutate)(struct tb *t);
    size_t cut;                 /* parse only this many bytes (0: all) */
    enum dmar_code code;
    enum dmar_severity sev;
    int rc;
    unsigned int nr_rmrr;       /* RMRRs still listed */
};

static void m_none(struct tb *t) { }

static void m_checksum(struct tb *t)
{
    t->b[9] ^= 0x55;
}

static void m_signature(struct tb *t)
{
    t->b[0] = 'X';
}

static void m_length_small(struct tb *t)
{
    t->b[4] = 40;
    t->b[5] = 0;
}

static void m_trailing(struct tb *t)
{
    t->b[t->n++] = 0xaa;
    t->b[t->n++] = 0xbb;
}

/* Offset of the first RMRR structure of build_good (after the DRHD). */
static size_t first_rmrr(const struct tb *t)
{
    return 48 + (t->b[50] | (t->b[51] << 8));
}

static void m_sub_zero(struct tb *t)
{
    set16(t, first_rmrr(t) + 2, 0);
    tb_finish(t);
}

static void m_sub_past_end(struct tb *t)
{
    set16(t, first_rmrr(t) + 2, 0xfff0);
    tb_finish(t);
}

static void m_sub_short(struct tb *t)
{
    size_t off;

    tb_header(t);
    off = tb_begin(t, 1);
    put16(t, 0);
    put16(t, 0);
    put64(t, 0x1000);       /* no limit: 16 bytes, needs 24 */
    tb_end(t, off);
    tb_finish(t);
}

static void m_unknown_sub(struct tb *t)
{
    size_t off;

    tb_header(t);
    off = tb_begin(t, 0x77);
    put32(t, 0);
    tb_end(t, off);
    off = tb_rmrr(t, 0, 0x1000000, 0x1ffffff);
    tb_end(t, off);
    tb_finish(t);
}

static void m_unknown_scope(struct tb *t)
{
    size_t off;
    static const uint8_t p[] = { 1, 0 };

    tb_header(t);
    off = tb_rmrr(t, 0, 0x1000000, 0x1ffffff);
    tb_scope(t, 9, 0, 0, 1, p);
    tb_end(t, off);
    tb_finish(t);
}

static void m_scope_len(struct tb *t)
{
    size_t off;

    tb_header(t);
    off = tb_rmrr(t, 0, 0x1000000, 0x1ffffff);
    put8(t, 1);
    put8(t, 7);             /* odd path */
    put32(t, 0);
    put8(t, 0);
    tb_end(t, off);
    tb_finish(t);
}

static void m_scope_past(struct tb *t)
{
    size_t off;

    tb_header(t);
    off = tb_rmrr(t, 0, 0x1000000, 0x1ffffff);
    put8(t, 1);
    put8(t, 40);            /* longer than the structure */
    put32(t, 0);
    put16(t, 0x14);
    tb_end(t, off);
    tb_finish(t);
}

static void m_end_below(struct tb *t)
{
    size_t off;
    static const uint8_t p[] = { 2, 0 };

    tb_header(t);
    off = tb_rmrr(t, 0, 0x80000000, 0x7fffffff);
    tb_scope(t, 1, 0, 0, 1, p);
    tb_end(t, off);
    tb_finish(t);
}

static void m_base0(struct tb *t)
{
    size_t off;
    static const uint8_t p[] = { 0x1d, 0 };

    tb_header(t);
    off = tb_rmrr(t, 0, 0, 0);      /* as lhw-795F37601A0A */
    tb_scope(t, 1, 0, 0, 1, p);
    tb_end(t, off);
    tb_finish(t);
}

static void m_page0(struct tb *t)
{
    size_t off;
    static const uint8_t p[] = { 0x1a, 0 };

    tb_header(t);
    off = tb_rmrr(t, 0, 0, 0xfff);
    tb_scope(t, 1, 0, 0, 1, p);
    tb_end(t, off);
    tb_finish(t);
}

static void m_unaligned(struct tb *t)
{
    size_t off;
    static const uint8_t p[] = { 0x1a, 0 };

    tb_header(t);
    off = tb_rmrr(t, 0, 0x100800, 0x1017ff);
    tb_scope(t, 1, 0, 0, 1, p);
    tb_end(t, off);
    tb_finish(t);
}

static void m_no_scope(struct tb *t)
{
    size_t off;

    tb_header(t);
    off = tb_rmrr(t, 0, 0x100000, 0x1fffff);
    tb_end(t, off);
    tb_finish(t);
}

static void m_overlap(struct tb *t)
{
    size_t off;
    static const uint8_t p[] = { 0x1a, 0 };

    tb_header(t);
    off = tb_rmrr(t, 0, 0x100000, 0x2fffff);
    tb_scope(t, 1, 0, 0, 1, p);
    tb_end(t, off);
    off = tb_rmrr(t, 0, 0x200000, 0x3fffff);
    tb_scope(t, 1, 0, 0, 1, p);
    tb_end(t, off);
    tb_finish(t);
}

static void m_andd_missing(struct tb *t)
{
    size_t off;
    static const uint8_t p[] = { 0x15, 0 };

    tb_header(t);
    off = tb_rmrr(t, 0, 0x100000, 0x1fffff);
    tb_scope(t, 5, 7, 0, 1, p);
    tb_end(t, off);
    tb_finish(t);
}

static void m_too_many_rmrr(struct tb *t)
{
    unsigned int i;
    size_t off;

    tb_header(t);
    for ( i = 0; i < DMAR_MAX_RMRRS + 2; i++ )
    {
        off = tb_rmrr(t, 0, 0x100000 + i * 0x1000ULL,
                      0x100fff + i * 0x1000ULL);
        tb_end(t, off);
    }
    tb_finish(t);
}

static void m_too_many_scopes(struct tb *t)
{
    unsigned int i;
    size_t off;
    static const uint8_t p[] = { 0x14, 0 };

    tb_header(t);
    off = tb_rmrr(t, 0, 0x100000, 0x100fff);
    for ( i = 0; i < DMAR_MAX_SCOPES + 1; i++ )
        tb_scope(t, 1, 0, 0, 1, p);
    tb_end(t, off);
    tb_finish(t);
}

static const struct bad_case bad_cases[] = {
    { "bad checksum warns", m_checksum, 0, DMAR_D_BAD_CHECKSUM,
      DMAR_SEV_WARN, 0, 2 },
    { "bad signature", m_signature, 0, DMAR_D_BAD_SIGNATURE,
      DMAR_SEV_ERROR, -1, 0 },
    { "3 bytes", m_none, 3, DMAR_D_TRUNCATED, DMAR_SEV_ERROR, -1, 0 },
    { "header cut", m_none, 47, DMAR_D_TRUNCATED, DMAR_SEV_ERROR, -1, 0 },
    { "length below header", m_length_small, 0, DMAR_D_BAD_LENGTH,
      DMAR_SEV_ERROR, -1, 0 },
    /* cut inside the second RMRR: the first one is still listed */
    { "table truncated", m_none, 150, DMAR_D_TRUNCATED, DMAR_SEV_ERROR,
      -1, 1 },
    { "trailing bytes noted", m_trailing, 0, DMAR_D_TRAILING,
      DMAR_SEV_NOTE, 0, 2 },
    { "structure length 0", m_sub_zero, 0, DMAR_D_SUB_ZERO_LENGTH,
      DMAR_SEV_ERROR, -1, 0 },
    { "structure past end", m_sub_past_end, 0, DMAR_D_SUB_PAST_END,
      DMAR_SEV_ERROR, -1, 0 },
    { "RMRR shorter than fixed part", m_sub_short, 0, DMAR_D_SUB_SHORT,
      DMAR_SEV_ERROR, -1, 0 },
    { "unknown structure skipped", m_unknown_sub, 0, DMAR_D_UNKNOWN_SUB,
      DMAR_SEV_NOTE, 0, 1 },
    { "unknown scope type noted", m_unknown_scope, 0, DMAR_D_UNKNOWN_SCOPE,
      DMAR_SEV_NOTE, 0, 1 },
    { "scope of odd length", m_scope_len, 0, DMAR_D_SCOPE_BAD_LENGTH,
      DMAR_SEV_WARN, 0, 1 },
    { "scope past structure", m_scope_past, 0, DMAR_D_SCOPE_BAD_LENGTH,
      DMAR_SEV_WARN, 0, 1 },
    { "RMRR end below base", m_end_below, 0, DMAR_D_RMRR_END_BELOW_BASE,
      DMAR_SEV_ERROR, -1, 1 },
    { "RMRR 0-0", m_base0, 0, DMAR_D_RMRR_FIRMWARE_BUG, DMAR_SEV_WARN, 0,
      1 },
    { "RMRR 0-0xfff", m_page0, 0, DMAR_D_RMRR_FIRMWARE_BUG, DMAR_SEV_WARN,
      0, 1 },
    { "RMRR unaligned", m_unaligned, 0, DMAR_D_RMRR_UNALIGNED,
      DMAR_SEV_NOTE, 0, 1 },
    { "RMRR without device", m_no_scope, 0, DMAR_D_RMRR_NO_SCOPE,
      DMAR_SEV_WARN, 0, 1 },
    { "RMRRs overlap", m_overlap, 0, DMAR_D_RMRR_OVERLAP, DMAR_SEV_WARN, 0,
      2 },
    { "type 5 without ANDD", m_andd_missing, 0, DMAR_D_ANDD_UNRESOLVED,
      DMAR_SEV_NOTE, 0, 1 },
    { "absurd RMRR count", m_too_many_rmrr, 0, DMAR_D_TOO_MANY,
      DMAR_SEV_ERROR, -1, DMAR_MAX_RMRRS },
    { "absurd scope count", m_too_many_scopes, 0, DMAR_D_TOO_MANY,
      DMAR_SEV_WARN, 0, 1 },
};

static void test_bad_input(void **state)
{
    unsigned int i, j;

    for ( i = 0; i < sizeof(bad_cases) / sizeof(bad_cases[0]); i++ )
    {
        const struct bad_case *bc = &bad_cases[i];
        struct tb *t = calloc(1, sizeof(*t));
        struct dmar d;
        bool found = false;
        int rc;

        assert_non_null(t);
        build_good(t);
        bc->mutate(t);
        rc = dmar_parse(t->b, bc->cut ? bc->cut : t->n, &d);
        print_message("case '%s':\n", bc->name);
        print_diags(&d);
        for ( j = 0; j < d.nr_diags; j++ )
            if ( d.diags[j].code == bc->code )
            {
                found = true;
                if ( d.diags[j].severity != bc->sev )
                    fail_msg("case '%s': severity %s", bc->name,
                             dmar_severity_name(d.diags[j].severity));
                if ( !d.diags[j].msg[0] )
                    fail_msg("case '%s': empty message", bc->name);
            }
        if ( !found )
            fail_msg("case '%s': %s not reported", bc->name,
                     dmar_code_name(bc->code));
        if ( rc != bc->rc )
            fail_msg("case '%s': rc %d, expected %d", bc->name, rc, bc->rc);
        if ( d.nr_rmrr != bc->nr_rmrr )
            fail_msg("case '%s': %u RMRRs, expected %u", bc->name,
                     d.nr_rmrr, bc->nr_rmrr);
        dmar_free(&d);
        free(t);
    }
}

/* The firmware-bug RMRRs are still yielded, rounded to whole pages; the
 * one with its end below its base is not. */
static void test_bad_rmrr_regions(void **state)
{
    struct tb t;
    struct dmar d;
    struct lr_region reg[2];

    build_good(&t);
    m_base0(&t);
    assert_int_equal(dmar_parse(t.b, t.n, &d), 0);
    assert_true(d.rmrr[0].firmware_bug);
    assert_int_equal(dmar_to_regions(&d, LR_POLICY_RELAXED, reg, 2), 1);
    assert_int_equal(reg[0].range.base, 0);
    assert_int_equal(reg[0].range.last, 0xfff);
    dmar_free(&d);

    m_unaligned(&t);
    assert_int_equal(dmar_parse(t.b, t.n, &d), 0);
    assert_int_equal(dmar_to_regions(&d, LR_POLICY_RELAXED, reg, 2), 1);
    assert_int_equal(reg[0].range.base, 0x100000);
    assert_int_equal(reg[0].range.last, 0x101fff);
    dmar_free(&d);

    m_end_below(&t);
    assert_int_equal(dmar_parse(t.b, t.n, &d), -1);
    assert_false(d.rmrr[0].usable);
    assert_int_equal(dmar_to_regions(&d, LR_POLICY_RELAXED, reg, 2), 0);
    assert_int_equal(dmar_rmrr_to_region(&d.rmrr[0], LR_POLICY_STRICT,
                                         &reg[0]), -1);
    dmar_free(&d);
}

/* Every prefix of a good table parses without reading past it (ASan
 * checks the bound: each prefix is copied to an exact-size buffer). */
/*
 * n RMRRs over one range: n (n - 1) / 2 overlapping pairs, each a warning.
 * The reader keeps DMAR_MAX_DIAGS of them (errors would all be kept: the
 * absurd-count case of test_bad_input) and names the rest in one last
 * DMAR-DIAGS-DROPPED note, in linear time (the fuzzer's timeout: one realloc
 * and 200 bytes per pair made a 5 KiB table take seconds).
 */
static void test_many_overlaps(void **state)
{
    static const uint8_t p[] = { 0x1a, 0 };
    const unsigned int n = 60, pairs = n * (n - 1) / 2;
    struct tb t;
    struct dmar d;
    unsigned int i;
    size_t off;

    (void)state;
    memset(&t, 0, sizeof(t));
    tb_header(&t);
    for ( i = 0; i < n; i++ )
    {
        off = tb_rmrr(&t, 0, 0x100000, 0x1fffff);
        tb_scope(&t, 1, 0, 0, 1, p);
        tb_end(&t, off);
    }
    tb_finish(&t);
    assert_true(pairs > DMAR_MAX_DIAGS);
    assert_int_equal(dmar_parse(t.b, t.n, &d), 0);
    assert_int_equal(d.nr_rmrr, n);
    assert_int_equal(d.warnings, pairs);
    assert_int_equal(d.errors, 0);
    assert_int_equal(count_code(&d, DMAR_D_RMRR_OVERLAP), DMAR_MAX_DIAGS);
    assert_int_equal(d.diags_dropped, pairs - DMAR_MAX_DIAGS);
    assert_int_equal(d.nr_diags, DMAR_MAX_DIAGS + 1);
    assert_int_equal(d.diags[d.nr_diags - 1].code, DMAR_D_DIAGS_DROPPED);
    assert_int_equal(d.diags[d.nr_diags - 1].severity, DMAR_SEV_NOTE);
    assert_non_null(strstr(d.diags[d.nr_diags - 1].msg, "further diagnostics not kept"));
    dmar_free(&d);
}

static void test_every_prefix(void **state)
{
    struct tb t;
    size_t n;

    build_good(&t);
    for ( n = 0; n <= t.n; n++ )
    {
        uint8_t *p = malloc(n ? n : 1);
        struct dmar d;
        int rc;

        memcpy(p, t.b, n);
        rc = dmar_parse(p, n, &d);
        if ( n < t.n )
        {
            assert_int_equal(rc, -1);
            assert_true(count_code(&d, DMAR_D_TRUNCATED) == 1);
        }
        else
            assert_int_equal(rc, 0);
        dmar_free(&d);
        free(p);
    }
}

static void test_load_missing(void **state)
{
    struct dmar d;

    assert_int_equal(dmar_load("/nonexistent/dmar.bin", &d), -1);
    assert_int_equal(count_code(&d, DMAR_D_IO), 1);
    dmar_free(&d);
}

static void test_names(void **state)
{
    unsigned int c;

    for ( c = 1; c < DMAR_D__MAX; c++ )
    {
        assert_string_not_equal(dmar_code_name(c), "DMAR-UNKNOWN");
        assert_memory_equal(dmar_code_name(c), "DMAR-", 5);
    }
    assert_string_equal(dmar_code_name(0), "DMAR-UNKNOWN");
    assert_string_equal(dmar_code_name(DMAR_D__MAX), "DMAR-UNKNOWN");
    assert_string_equal(dmar_type_name(DMAR_TYPE_SATC), "SATC");
    assert_string_equal(dmar_type_name(99), "?");
}

/* --- the corpus -------------------------------------------------------- */

static const char *corpus_dir(void)
{
    const char *e = getenv("DMAR_CORPUS");

    return e ? e : "tests/data/dmar-corpus";
}

/* Read one line (the TSV has CRLF endings and raw NUL bytes from OEM
 * ids: those become spaces) and split it in place at tabs.  Returns the
 * number of fields, 0 at end of file. */
static unsigned int read_tsv(FILE *fp, char **line, size_t *cap, char **f,
                             unsigned int max)
{
    ssize_t len = getline(line, cap, fp);
    unsigned int n = 0;
    ssize_t i;
    char *p;

    if ( len <= 0 )
        return 0;
    for ( i = 0; i < len; i++ )
        if ( (*line)[i] == 0 )
            (*line)[i] = ' ';
    p = *line;
    p[strcspn(p, "\r\n")] = 0;
    while ( n < max )
    {
        f[n++] = p;
        p = strchr(p, '\t');
        if ( !p )
            break;
        *p++ = 0;
    }
    return n;
}

/* Equal once trailing spaces are ignored on both sides. */
static bool eq_trimmed(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);

    while ( la && a[la - 1] == ' ' )
        la--;
    while ( lb && b[lb - 1] == ' ' )
        lb--;
    return la == lb && !memcmp(a, b, la);
}

/* "ep:00:1c.4/00.0" against a parsed scope, compared field by field. */
static bool scope_matches(const char *want, const struct dmar_scope *s)
{
    unsigned int bus, dev, fn, i;
    int used;
    const char *p;

    if ( strncmp(want, "ep:", 3) || s->type != DMAR_SCOPE_ENDPOINT )
        return false;
    if ( sscanf(want + 3, "%x:%x.%x%n", &bus, &dev, &fn, &used) != 3 )
        return false;
    if ( s->start_bus != bus || s->nr_path < 1 || s->path[0][0] != dev ||
         s->path[0][1] != fn )
        return false;
    p = want + 3 + used;
    for ( i = 1; *p == '/'; i++ )
    {
        if ( sscanf(p, "/%x.%x%n", &dev, &fn, &used) != 2 )
            return false;
        if ( i >= s->nr_path || s->path[i][0] != dev ||
             s->path[i][1] != fn )
            return false;
        p += used;
    }
    return *p == 0 && i == s->nr_path;
}

static void test_corpus(void **state)
{
    char path[512], *line = NULL;
    size_t cap = 0;
    char *f[16];
    FILE *mt, *rt;
    unsigned int machines = 0, rmrrs = 0, shared = 0, fw_bugs = 0;
    struct dmar d;
    char cur[128] = "";
    bool have = false;
    unsigned int seen = 0;

    snprintf(path, sizeof(path), "%s/machines.tsv", corpus_dir());
    mt = fopen(path, "r");
    assert_non_null(mt);
    assert_true(read_tsv(mt, &line, &cap, f, 16) > 0);     /* header */
    for ( ;; )
    {
        unsigned int nf = read_tsv(mt, &line, &cap, f, 16);

        if ( !nf )
            break;

        assert_true(nf >= 10);
        snprintf(path, sizeof(path), "%s/dmar/%s.dmar.bin", corpus_dir(),
                 f[0]);
        if ( dmar_load(path, &d) != 0 || d.errors )
        {
            print_diags(&d);
            fail_msg("%s: does not parse cleanly", f[0]);
        }
        if ( !d.checksum_ok )
            fail_msg("%s: checksum", f[0]);
        /* the TSV trims the space padding of the OEM id */
        if ( !eq_trimmed(d.oem_id, f[4]) )
            fail_msg("%s: OEM id '%s' vs '%s'", f[0], d.oem_id, f[4]);
        if ( d.host_addr_width != strtoul(f[6], NULL, 0) )
            fail_msg("%s: HAW %u vs %s", f[0], d.host_addr_width, f[6]);
        if ( d.flags != strtoul(f[7], NULL, 0) )
            fail_msg("%s: flags %u vs %s", f[0], d.flags, f[7]);
        if ( d.nr_by_type[DMAR_TYPE_DRHD] != strtoul(f[8], NULL, 10) )
            fail_msg("%s: %u DRHD vs %s", f[0],
                     d.nr_by_type[DMAR_TYPE_DRHD], f[8]);
        if ( d.nr_rmrr != strtoul(f[9], NULL, 10) )
            fail_msg("%s: %u RMRR vs %s", f[0], d.nr_rmrr, f[9]);
        machines++;
        dmar_free(&d);
    }
    fclose(mt);
    assert_int_equal(machines, 273);

    /* Row by row: machine, index, segment, base, end, scopes. */
    snprintf(path, sizeof(path), "%s/rmrr.tsv", corpus_dir());
    rt = fopen(path, "r");
    assert_non_null(rt);
    assert_true(read_tsv(rt, &line, &cap, f, 16) > 0);
    for ( ;; )
    {
        unsigned int nf = read_tsv(rt, &line, &cap, f, 16), idx, k;
        const struct dmar_rmrr *r;
        char *tok, *save;

        if ( !nf )
            break;
        assert_true(nf >= 11);
        if ( !have || strcmp(cur, f[0]) )
        {
            if ( have )
            {
                if ( seen != d.nr_rmrr )
                    fail_msg("%s: %u rows for %u RMRRs", cur, seen,
                             d.nr_rmrr);
                dmar_free(&d);
            }
            snprintf(cur, sizeof(cur), "%s", f[0]);
            snprintf(path, sizeof(path), "%s/dmar/%s.dmar.bin",
                     corpus_dir(), cur);
            assert_int_equal(dmar_load(path, &d), 0);
            have = true;
            seen = 0;
        }
        idx = strtoul(f[4], NULL, 10);
        if ( idx >= d.nr_rmrr )
            fail_msg("%s: no RMRR %u", cur, idx);
        r = &d.rmrr[idx];
        seen++;
        if ( r->segment != strtoul(f[5], NULL, 16) ||
             r->base != strtoull(f[6], NULL, 16) ||
             r->last != strtoull(f[7], NULL, 16) )
            fail_msg("%s RMRR %u: %04x %llx-%llx vs %s %s-%s", cur, idx,
                     r->segment, (unsigned long long)r->base,
                     (unsigned long long)r->last, f[5], f[6], f[7]);
        if ( r->last - r->base + 1 != strtoull(f[8], NULL, 10) )
            fail_msg("%s RMRR %u: size vs %s", cur, idx, f[8]);
        k = 0;
        for ( tok = strtok_r(f[9], " ", &save); tok;
              tok = strtok_r(NULL, " ", &save), k++ )
            if ( k >= r->nr_scopes || !scope_matches(tok, &r->scopes[k]) )
                fail_msg("%s RMRR %u: scope %u '%s' vs '%s'", cur, idx, k,
                         tok, k < r->nr_scopes ? r->scopes[k].name : "-");
        if ( k != r->nr_scopes )
            fail_msg("%s RMRR %u: %u scopes vs %u", cur, idx, r->nr_scopes,
                     k);
        shared += k > 1;
        /* the TSV's own anomaly column flags page-0 RMRRs */
        if ( (strstr(f[10], "base=0") != NULL) != r->firmware_bug )
            fail_msg("%s RMRR %u: firmware_bug %d vs '%s'", cur, idx,
                     r->firmware_bug, f[10]);
        fw_bugs += r->firmware_bug;
        rmrrs++;
    }
    if ( have )
    {
        assert_int_equal(seen, d.nr_rmrr);
        dmar_free(&d);
    }
    fclose(rt);
    free(line);
    assert_int_equal(rmrrs, 447);
    /* rmrr.tsv has 73 rows with more than one device scope */
    assert_int_equal(shared, 73);
    assert_true(fw_bugs > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_table),
        cmocka_unit_test(test_many_overlaps),
        cmocka_unit_test(test_owner_and_regions),
        cmocka_unit_test(test_owner_cut),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_bad_rmrr_regions),
        cmocka_unit_test(test_every_prefix),
        cmocka_unit_test(test_load_missing),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_corpus),
    };

    return cmocka_run_group_tests_name("sim/dmar", tests, NULL, NULL);
}
