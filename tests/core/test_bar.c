/* SPDX-License-Identifier: MIT */
/*
 * PCI BAR placement.  Addresses worked out by hand; every result is also
 * checked: naturally aligned, inside its window, over no RAM, no
 * reservation and no other BAR.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <libreserve/bar.h>
#include "invariants.h"

#define M 0x100000ULL
#define G 0x40000000ULL
#define G4 0x100000000ULL

static struct lr_input in;
static struct lr_layout lay;
static struct lr_diag dstore[16];
static struct lr_diags diags;

static void guest(uint64_t mem)
{
    lr_input_init(&in);
    in.cfg.mem_size = mem;
    lr_diags_init(&diags, dstore, 16);
}

static void bar(struct lr_bar *b, uint64_t size, int is64, const char *who)
{
    memset(b, 0, sizeof(*b));
    b->size = size;
    b->is64 = is64;
    snprintf(b->owner, sizeof(b->owner), "%s", who);
}

static void check_placement(const struct lr_bar *b, unsigned int nr)
{
    unsigned int i, j;

    for ( i = 0; i < nr; i++ )
    {
        uint64_t last = b[i].addr + b[i].size - 1;

        if ( !b[i].placed )
            continue;
        if ( b[i].addr & (b[i].size - 1) )
            fail_msg("%s not naturally aligned", b[i].owner);
        if ( !b[i].high && (b[i].addr < lay.mmio_start ||
                            last > LR_BAR_LOW_LAST) )
            fail_msg("%s outside the 32-bit window", b[i].owner);
        for ( j = 0; j < lay.nr_ram; j++ )
            if ( b[i].addr <= lay.ram[j].last && lay.ram[j].base <= last )
                fail_msg("%s over RAM", b[i].owner);
        for ( j = 0; j < lay.nr_reserved; j++ )
            if ( b[i].addr <= lay.reserved[j].range.last &&
                 lay.reserved[j].range.base <= last )
                fail_msg("%s over %s", b[i].owner, lay.reserved[j].owner);
        for ( j = 0; j < i; j++ )
            if ( b[j].placed && b[i].addr <= b[j].addr + b[j].size - 1 &&
                 b[j].addr <= last )
                fail_msg("%s over %s", b[i].owner, b[j].owner);
    }
}

/* 4 GiB guest, hole 0xF0000000-: largest first, each naturally aligned. */
static void test_all_low(void **state)
{
    struct lr_bar b[3];
    struct lr_bar_result r;

    guest(4 * G);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 0x1000, 0, "00:04.0 BAR 0");
    bar(&b[1], 16 * M, 1, "00:03.0 BAR 2");
    bar(&b[2], 32 * M, 0, "00:02.0 BAR 0");
    assert_int_equal(lr_bar_place(&lay, b, 3, &diags, &r), LR_OK);
    assert_int_equal(b[2].addr, 0xf0000000);
    assert_int_equal(b[1].addr, 0xf2000000);
    assert_int_equal(b[0].addr, 0xf3000000);
    assert_int_equal(r.nr_low, 3);
    assert_int_equal(r.nr_high, 0);
    check_placement(b, 3);
}

/*
 * An RMRR at the start of the hole:
 * F000_0000  F100_0000  F200_0000      F400_0000
 * |RMRR 16M  |BAR 16M   |BAR 32M       |4K BAR
 */
static void test_around_rmrr(void **state)
{
    struct lr_bar b[3];
    struct lr_bar_result r;
    struct lr_region reg;
    struct lr_range rr = { 0xf0000000, 0xf0ffffff };

    guest(4 * G);
    lr_region_set(&reg, &rr, LR_KIND_RMRR, LR_POLICY_STRICT, "RMRR 0");
    assert_int_equal(lr_input_add_region(&in, &reg), LR_OK);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 32 * M, 0, "a");
    bar(&b[1], 16 * M, 0, "b");
    bar(&b[2], 0x1000, 0, "c");
    assert_int_equal(lr_bar_place(&lay, b, 3, &diags, &r), LR_OK);
    assert_int_equal(b[0].addr, 0xf2000000);
    assert_int_equal(b[1].addr, 0xf1000000);
    assert_int_equal(b[2].addr, 0xf4000000);
    check_placement(b, 3);
}

/* 320 MiB of BARs, 192 MiB of 32-bit window: the 64-bit one goes above
 * RAM (4 GiB + 256 MiB), the 32-bit ones share the hole. */
static void test_high(void **state)
{
    struct lr_bar b[3];
    struct lr_bar_result r;
    unsigned int i;

    guest(4 * G);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 128 * M, 1, "gpu BAR 2");
    bar(&b[1], 128 * M, 0, "gpu BAR 0");
    bar(&b[2], 64 * M, 0, "nic BAR 0");
    assert_int_equal(lr_bar_place(&lay, b, 3, &diags, &r), LR_OK);
    assert_true(b[0].high);
    assert_int_equal(b[0].addr, G4 + 256 * M);
    assert_int_equal(b[1].addr, 0xf0000000);
    assert_int_equal(b[2].addr, 0xf8000000);
    assert_int_equal(r.nr_high, 1);
    assert_int_equal(r.high_base, G4 + 256 * M);
    for ( i = 0; i < diags.nr; i++ )
        if ( diags.d[i].code == LR_D_BAR_HIGH )
            break;
    assert_true(i < diags.nr);
    assert_int_equal(diags.d[i].bytes, 320 * M);
    check_placement(b, 3);
}

/* A 32-bit BAR larger than the window: not placed, named, counted. */
static void test_nofit(void **state)
{
    struct lr_bar b[2];
    struct lr_bar_result r;
    char line[512];

    guest(4 * G);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 256 * M, 0, "0000:00:02.0 BAR 0");
    bar(&b[1], 16 * M, 0, "0000:00:03.0 BAR 0");
    assert_int_equal(lr_bar_place(&lay, b, 2, &diags, &r), LR_E_NOFIT);
    assert_false(b[0].placed);
    assert_true(b[1].placed);
    assert_int_equal(r.nr_unplaced, 1);
    assert_int_equal(r.short_by, 256 * M);
    assert_int_equal(diags.d[0].code, LR_D_BAR_NOFIT);
    lr_diag_format(&diags.d[0], line, sizeof(line));
    assert_non_null(strstr(line, "0000:00:02.0 BAR 0"));
    assert_non_null(strstr(line, "256 MiB"));
    check_placement(b, 2);
}

/* The 64-bit window starts above a vNVDIMM placed above RAM. */
static void test_high_above_pmem(void **state)
{
    struct lr_bar b[2];
    struct lr_bar_result r;
    struct lr_vnvdimm v;

    guest(4 * G);
    memset(&v, 0, sizeof(v));
    v.gpa = LR_GPA_AUTO;
    v.size = G;
    assert_int_equal(lr_input_add_vnvdimm(&in, &v), LR_OK);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_int_equal(lay.vnv[0].data.base, 5 * G);
    bar(&b[0], 256 * M, 1, "a");
    bar(&b[1], 128 * M, 1, "b");
    assert_int_equal(lr_bar_place(&lay, b, 2, &diags, &r), LR_OK);
    assert_int_equal(r.high_base, 6 * G);
    assert_int_equal(b[0].addr, 6 * G);
    assert_int_equal(b[1].addr, 6 * G + 256 * M);
    check_placement(b, 2);
}

static void test_bad(void **state)
{
    struct lr_bar b[LR_MAX_BARS + 1];
    struct lr_bar_result r;

    guest(G);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 3 * M, 0, "odd");
    assert_int_equal(lr_bar_place(&lay, b, 1, &diags, &r), LR_E_INVAL);
    assert_false(b[0].placed);
    assert_int_equal(diags.d[0].code, LR_D_BAR_BAD);
    bar(&b[0], 0, 0, "zero");
    assert_int_equal(lr_bar_place(&lay, b, 1, &diags, &r), LR_E_INVAL);
    assert_int_equal(lr_bar_place(&lay, b, LR_MAX_BARS + 1, &diags, &r),
                     LR_E_INVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_all_low),
        cmocka_unit_test(test_around_rmrr),
        cmocka_unit_test(test_high),
        cmocka_unit_test(test_nofit),
        cmocka_unit_test(test_high_above_pmem),
        cmocka_unit_test(test_bad),
    };

    return cmocka_run_group_tests_name("bar", tests, NULL, NULL);
}
