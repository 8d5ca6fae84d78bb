/* SPDX-License-Identifier: MIT */
/*
 * PCI BAR placement.  Addresses worked out by hand; every result is also
 * checked: naturally aligned, inside its window, over no RAM, no
 * reservation and no other BAR.  The picture above each case draws the
 * addresses it expects: an address stands where the range to its right
 * begins; blank is free window or no RAM; the 32-bit window ends at
 * FC00_0000 (hvmloader's area above it).
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
#include "stock_bars.h"
#include "../lib/fixtures.h"

#define M 0x100000ULL
#define G 0x40000000ULL
#define G4 0x100000000ULL

static struct lr_input in;
static struct lr_layout lay;
static struct lr_layout_store lay_store;
static struct lr_diag dstore[16];
static struct lr_diags diags;
static uint64_t win_start;      /* 0: lay.mmio_start */

static void guest(uint64_t mem)
{
    lrt_input(&in, mem, LR_STRATEGY_PUNCH);
    lr_diags_init(&diags, dstore, 16);
    win_start = 0;
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
        if ( !b[i].high && (b[i].addr < (win_start ?: lay.mmio_start) ||
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

/*
 * 4 GiB guest, hole 0xF0000000-: largest first, each naturally aligned.
 *
 *   0    F000_0000 F200_0000 F300_0000 F300_1000   FC00_0000
 *   |RAM |02.0 32M |03.0 16M |04.0 4K  |           |
 */
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

    guest(4 * G);
    lrt_region(&in, 0xf0000000, 0xf0ffffff, LR_KIND_RMRR, LR_POLICY_STRICT,
               "RMRR 0");
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

/*
 * 320 MiB of BARs, 192 MiB of 32-bit window: the 64-bit one goes above
 * RAM (4 GiB + 256 MiB), the 32-bit ones share the hole.
 *
 *   F000_0000  F800_0000 FC00_0000 4G   4G+256M    4G+384M
 *   |gpu BAR 0 |nic      |         |RAM |gpu BAR 2 |
 */
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

/*
 * A 32-bit BAR larger than the window: not placed, named, counted.
 *
 *   F000_0000 F100_0000                FC00_0000
 *   |03.0 16M |(no room for 02.0 256M) |
 */
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

/*
 * The 64-bit window starts above a vNVDIMM placed above RAM.
 *
 *   4G   4G+256M 5G    6G      6G+256M 6G+384M
 *   |RAM |       |PMEM |a 256M |b 128M |
 */
static void test_high_above_pmem(void **state)
{
    struct lr_bar b[2];
    struct lr_bar_result r;

    guest(4 * G);
    lrt_vnvdimm(&in, LR_GPA_AUTO, G, 0, LR_LABEL_NONE, 0, 0, 0,
                LR_POLICY_STRICT);
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

/* BARs refused for their own sizes (not a power of two, 0) or their
 * number: no address to draw. */
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

/*
 * A 256 MiB guest, a 256 MiB 32-bit VGA BAR and 16 MiB: the 192 MiB
 * window cannot take them, 0xE0000000- (448 MiB) can:
 * E000_0000            F000_0000  F100_0000
 * |VGA 256M            |16M       |
 */
static void test_grow(void **state)
{
    struct lr_bar b[2];
    struct lr_bar_result r;

    guest(256 * M);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 16 * M, 0, "0000:00:02.0 BAR 1");
    bar(&b[1], 256 * M, 0, "0000:00:04.0 BAR 0");
    assert_int_equal(lr_bar_place_grow(&lay, b, 2, &diags, &r), LR_OK);
    assert_int_equal(r.low_base, 0xe0000000);
    assert_int_equal(b[1].addr, 0xe0000000);
    assert_int_equal(b[0].addr, 0xf0000000);
    assert_int_equal(diags.nr, 0);
    win_start = r.low_base;
    check_placement(b, 2);
    /* lr_bar_place keeps the layout's window: the VGA BAR finds none. */
    assert_int_equal(lr_bar_place(&lay, b, 2, &diags, &r), LR_E_NOFIT);
    assert_int_equal(r.low_base, 0xf0000000);
}

/*
 * Nothing to grow for: the window stays where the layout put it.
 *
 *   0    256M F000_0000 F100_0000
 *   |RAM |    |a 16M    |
 */
static void test_grow_not_needed(void **state)
{
    struct lr_bar b[1];
    struct lr_bar_result r;

    guest(256 * M);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 16 * M, 0, "a");
    assert_int_equal(lr_bar_place_grow(&lay, b, 1, &diags, &r), LR_OK);
    assert_int_equal(r.low_base, 0xf0000000);
    assert_int_equal(b[0].addr, 0xf0000000);
    assert_int_equal(lr_bar_place_grow(&lay, b, 0, &diags, &r), LR_OK);
    assert_int_equal(r.low_base, 0xf0000000);
}

/*
 * An RMRR at 0xE0000000 (between RAM and the hole) is in the way of the
 * first growth: the window grows once more, the VGA BAR goes to 3 GiB.
 *
 *   0    256M C000_0000 D000_0000 D100_0000 E000_0000 E020_0000 F000_0000
 *   |RAM |    |vga 256M |platform |         |RMRR     |
 */
static void test_grow_around_rmrr(void **state)
{
    struct lr_bar b[2];
    struct lr_bar_result r;

    guest(256 * M);
    lrt_region(&in, 0xe0000000, 0xe01fffff, LR_KIND_RMRR, LR_POLICY_STRICT,
               "RMRR 0");
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 256 * M, 0, "vga");
    bar(&b[1], 16 * M, 0, "platform");
    assert_int_equal(lr_bar_place_grow(&lay, b, 2, &diags, &r), LR_OK);
    assert_int_equal(r.low_base, 0xc0000000);
    assert_int_equal(b[0].addr, 0xc0000000);
    assert_int_equal(b[1].addr, 0xd0000000);
    win_start = r.low_base;
    check_placement(b, 2);
}

/*
 * RAM up to 0xF0000000: no growth (RAM is never moved), the BAR that
 * does not fit is named, as with lr_bar_place.
 *
 *   0    F000_0000 F100_0000             FC00_0000
 *   |RAM |02.0 16M |(04.0 256M: no room) |
 */
static void test_grow_blocked_by_ram(void **state)
{
    struct lr_bar b[2];
    struct lr_bar_result r;

    guest(4 * G);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_int_equal(lay.lowmem_end, 0xf0000000);
    bar(&b[0], 256 * M, 0, "0000:00:04.0 BAR 0");
    bar(&b[1], 16 * M, 0, "0000:00:02.0 BAR 1");
    assert_int_equal(lr_bar_place_grow(&lay, b, 2, &diags, &r), LR_E_NOFIT);
    assert_int_equal(r.low_base, 0xf0000000);
    assert_false(b[0].placed);
    assert_int_equal(b[1].addr, 0xf0000000);
    assert_int_equal(r.nr_unplaced, 1);
    assert_int_equal(diags.d[0].code, LR_D_BAR_NOFIT);
}

/*
 * 1 GiB guest: a 4 GiB 64-bit BAR never fits below 4 GiB: it goes
 * high and the window does not grow for nothing.
 *
 *   0    1G F000_0000 F100_0000 4G             8G
 *   |RAM |  |small    |         |big 64-bit 4G |
 */
static void test_grow_not_for_high(void **state)
{
    struct lr_bar b[2];
    struct lr_bar_result r;

    guest(G);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 4 * G, 1, "big 64-bit");
    bar(&b[1], 16 * M, 0, "small");
    assert_int_equal(lr_bar_place_grow(&lay, b, 2, &diags, &r), LR_OK);
    assert_int_equal(r.low_base, 0xf0000000);
    assert_true(b[0].high);
    assert_int_equal(b[0].addr, G4);
    assert_int_equal(b[1].addr, 0xf0000000);
}

/*
 * 2 GiB at most: a 32-bit BAR of 2 GiB never fits (the window ends at
 * 0xFC000000), and the window stops at 0x80000000.
 *
 *   0    256M 8000_0000                         FC00_0000
 *   |RAM |    |window, 2G - 64M: no room for 2G |
 */
static void test_grow_limit(void **state)
{
    struct lr_bar b[1];
    struct lr_bar_result r;

    guest(256 * M);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    bar(&b[0], 2 * G, 0, "huge");
    assert_int_equal(lr_bar_place_grow(&lay, b, 1, &diags, &r), LR_E_NOFIT);
    assert_int_equal(r.low_base, 0x80000000);
    assert_int_equal(r.short_by, 2 * G);
}

/*
 * The model of stock hvmloader that make bench compares against, on cases
 * worked out by hand from pci_setup(): the hole doubles while the BARs'
 * total exceeds it; a 64-bit BAR over 1 GiB goes to high_mem_pgend (4 GiB
 * without high RAM) whatever lies there; a RESERVED entry in the hole
 * moves the hole's start to the end of low RAM; no room: skipped.
 */
static void test_stock_model(void **state)
{
    struct stock_bar b[2];
    struct stock_result r;
    struct stock_reserved rmrr = { 0xF7000000, 2 * M };

    memset(b, 0, sizeof(b));
    b[0].size = 16 * M;
    b[1].size = 256 * M;
    /*
     *   0    256M E000_0000 F000_0000 F100_0000
     *   |RAM |    |256M     |16M      |
     */
    stock_bar_place(256 * M, G4, NULL, 0, b, 2, &r);
    assert_int_equal(r.pci_mem_start, 0xe0000000);
    assert_int_equal(b[1].addr, 0xe0000000);
    assert_int_equal(b[0].addr, 0xf0000000);
    assert_int_equal(r.nr_unplaced, 0);

    /* 4 GiB 64-bit BAR: at 4 GiB, where the engine puts a vNVDIMM.
     *
     *   0    256M F000_0000 F100_0000 4G         8G
     *   |RAM |    |16M      |         |64-bit 4G |
     */
    memset(b, 0, sizeof(b));
    b[0].size = 4 * G;
    b[0].is64 = 1;
    b[1].size = 16 * M;
    stock_bar_place(256 * M, G4, NULL, 0, b, 2, &r);
    assert_true(b[0].high);
    assert_int_equal(b[0].addr, G4);
    assert_int_equal(b[1].addr, 0xf0000000);
    assert_int_equal(r.pci_mem_start, 0xf0000000);

    /* An RMRR in the hole: the hole starts right after low RAM.
     *
     *   0    256M 272M F700_0000 F720_0000
     *   |RAM |16M |    |RMRR     |
     */
    memset(b, 0, sizeof(b));
    b[0].size = 16 * M;
    stock_bar_place(256 * M, G4, &rmrr, 1, b, 1, &r);
    assert_int_equal(r.pci_mem_start, 256 * M);
    assert_int_equal(b[0].addr, 256 * M);

    /* RAM up to the hole: no growth, the 256 MiB BAR is skipped.
     *
     *   0    F000_0000 F100_0000 4G   4G+256M
     *   |RAM |16M      |         |RAM |
     */
    memset(b, 0, sizeof(b));
    b[0].size = 256 * M;
    b[1].size = 16 * M;
    stock_bar_place(0xf0000000, G4 + 256 * M, NULL, 0, b, 2, &r);
    assert_int_equal(r.nr_unplaced, 1);
    assert_false(b[0].placed);
    assert_int_equal(b[1].addr, 0xf0000000);
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
        cmocka_unit_test(test_grow),
        cmocka_unit_test(test_grow_not_needed),
        cmocka_unit_test(test_grow_around_rmrr),
        cmocka_unit_test(test_grow_blocked_by_ram),
        cmocka_unit_test(test_grow_not_for_high),
        cmocka_unit_test(test_grow_limit),
        cmocka_unit_test(test_stock_model),
    };

    lr_layout_init_store(&lay, &lay_store);
    return cmocka_run_group_tests_name("bar", tests, NULL, NULL);
}
