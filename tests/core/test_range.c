/* SPDX-License-Identifier: MIT */
/* Ranges and range sets: the end convention and its edges. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <libreserve/range.h>

#define TOP UINT64_MAX
#define G4  0x100000000ULL

static void test_from_size(void **state)
{
    static const struct {
        const char *name;
        uint64_t base, size;
        enum lr_status st;
        uint64_t last;
    } cases[] = {
        { "size 0",                 0x1000, 0, LR_E_EMPTY, 0 },
        { "one byte at 0",          0, 1, LR_OK, 0 },
        { "one byte below 4G",      G4 - 1, 1, LR_OK, G4 - 1 },
        { "one byte above 4G",      G4, 1, LR_OK, G4 },
        { "crossing 4G",            G4 - 0x1000, 0x2000, LR_OK, G4 + 0xfff },
        { "ending at 2^64-1",       TOP - 0xfff, 0x1000, LR_OK, TOP },
        { "last byte of space",     TOP, 1, LR_OK, TOP },
        { "wraps by one",           TOP - 0xfff, 0x1001, LR_E_WRAP, 0 },
        { "huge size",              2, TOP, LR_E_WRAP, 0 },
        { "size 2^64-1 from 1",     1, TOP, LR_OK, TOP },
        { "whole space from 0",     0, TOP, LR_OK, TOP - 1 },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        struct lr_range r = { 0xdead, 0xbeef };
        enum lr_status st = lr_range_from_size(cases[i].base, cases[i].size,
                                               &r);

        if ( st != cases[i].st )
            fail_msg("%s: status %d, want %d", cases[i].name, st,
                     cases[i].st);
        if ( st == LR_OK && (r.base != cases[i].base ||
                             r.last != cases[i].last) )
            fail_msg("%s: got [%#lx-%#lx]", cases[i].name,
                     (unsigned long)r.base, (unsigned long)r.last);
        if ( st != LR_OK && (r.base != 0xdead || r.last != 0xbeef) )
            fail_msg("%s: output touched on error", cases[i].name);
    }
}

static void test_accessors(void **state)
{
    struct lr_range top = { TOP - 0xfff, TOP };
    struct lr_range whole = { 0, TOP };
    struct lr_range a = { 0x1000, 0x1fff }, b = { 0x2000, 0x2fff };
    struct lr_range c = { 0x1fff, 0x2000 }, x;

    assert_int_equal(lr_range_size(&top), 0x1000);
    assert_true(lr_range_ends_at_top(&top));
    assert_int_equal(lr_range_size(&whole), 0);   /* documented */
    /* Adjacent: touch but do not overlap. */
    assert_false(lr_range_overlaps(&a, &b));
    assert_true(lr_range_mergeable(&a, &b));
    assert_true(lr_range_mergeable(&b, &a));
    assert_true(lr_range_overlaps(&a, &c));
    assert_true(lr_range_intersect(&a, &c, &x));
    assert_int_equal(x.base, 0x1fff);
    assert_int_equal(x.last, 0x1fff);
    assert_false(lr_range_intersect(&a, &b, &x));
    /* Mergeable must not wrap at the top. */
    assert_false(lr_range_mergeable(&top, &a));
    assert_int_equal(lr_range_from_last(5, 4, &x), LR_E_INVAL);
}

static void test_round_out(void **state)
{
    struct lr_range r = { 0x1234, 0x5678 }, o;
    struct lr_range top = { TOP - 5, TOP };

    assert_int_equal(lr_range_round_out(&r, 0x1000, &o), LR_OK);
    assert_int_equal(o.base, 0x1000);
    assert_int_equal(o.last, 0x5fff);
    assert_int_equal(lr_range_round_out(&r, 0x3000, &o), LR_E_INVAL);
    assert_int_equal(lr_range_round_out(&top, 0x1000, &o), LR_OK);
    assert_int_equal(o.last, TOP);
    assert_int_equal(o.base, TOP - 0xfff);
}

/*
 *  add [1000-1fff], [3000-3fff], then [2000-2fff] joins them:
 *  |--A--|     |--B--|   ->   |--------A+B+C--------|
 *        |--C--|
 */
static void test_add_merge(void **state)
{
    struct lr_range st[4];
    struct lr_ranges s;
    struct lr_range a = { 0x1000, 0x1fff }, b = { 0x3000, 0x3fff };
    struct lr_range c = { 0x2000, 0x2fff }, d = { 0x10000, 0x10fff };
    struct lr_range e = { 0x0, 0x20000 };

    lr_ranges_init(&s, st, 4);
    assert_int_equal(lr_ranges_add(&s, &b), LR_OK);
    assert_int_equal(lr_ranges_add(&s, &a), LR_OK);
    assert_int_equal(s.nr, 2);
    assert_int_equal(s.r[0].base, 0x1000);     /* sorted */
    assert_int_equal(lr_ranges_add(&s, &c), LR_OK);
    assert_int_equal(s.nr, 1);
    assert_int_equal(s.r[0].base, 0x1000);
    assert_int_equal(s.r[0].last, 0x3fff);
    assert_int_equal(lr_ranges_add(&s, &d), LR_OK);
    assert_int_equal(s.nr, 2);
    /* One range swallowing everything. */
    assert_int_equal(lr_ranges_add(&s, &e), LR_OK);
    assert_int_equal(s.nr, 1);
    assert_int_equal(s.r[0].base, 0);
    assert_int_equal(s.r[0].last, 0x20000);
}

static void test_add_nospace(void **state)
{
    struct lr_range st[2];
    struct lr_ranges s;
    struct lr_range a = { 0x1000, 0x1fff }, b = { 0x3000, 0x3fff };
    struct lr_range c = { 0x5000, 0x5fff }, top = { TOP, TOP };

    lr_ranges_init(&s, st, 2);
    assert_int_equal(lr_ranges_add(&s, &a), LR_OK);
    assert_int_equal(lr_ranges_add(&s, &b), LR_OK);
    assert_int_equal(lr_ranges_add(&s, &c), LR_E_NOSPACE);
    assert_int_equal(s.nr, 2);                  /* unchanged */
    assert_int_equal(s.r[1].last, 0x3fff);
    /* Merging needs no slot even when full. */
    c.base = 0x2000;
    assert_int_equal(lr_ranges_add(&s, &c), LR_OK);
    assert_int_equal(s.nr, 1);
    assert_int_equal(lr_ranges_add(&s, &top), LR_OK);
    assert_int_equal(s.r[1].last, TOP);
}

/*
 *  remove the middle of [0-fff]:   |---|xxx|---|   needs a second slot
 */
static void test_remove_split(void **state)
{
    struct lr_range st[2];
    struct lr_ranges s;
    struct lr_range a = { 0x0, 0xfff }, mid = { 0x400, 0x7ff };
    struct lr_range b = { 0x2000, 0x2fff }, all = { 0, TOP };

    lr_ranges_init(&s, st, 1);
    assert_int_equal(lr_ranges_add(&s, &a), LR_OK);
    assert_int_equal(lr_ranges_remove(&s, &mid), LR_E_NOSPACE);
    assert_int_equal(s.nr, 1);
    assert_int_equal(s.r[0].last, 0xfff);

    lr_ranges_init(&s, st, 2);
    assert_int_equal(lr_ranges_add(&s, &a), LR_OK);
    assert_int_equal(lr_ranges_remove(&s, &mid), LR_OK);
    assert_int_equal(s.nr, 2);
    assert_int_equal(s.r[0].last, 0x3ff);
    assert_int_equal(s.r[1].base, 0x800);
    assert_int_equal(s.r[1].last, 0xfff);
    /* Trim both ends across two ranges. */
    lr_ranges_init(&s, st, 2);
    assert_int_equal(lr_ranges_add(&s, &a), LR_OK);
    assert_int_equal(lr_ranges_add(&s, &b), LR_OK);
    mid.base = 0x800;
    mid.last = 0x27ff;
    assert_int_equal(lr_ranges_remove(&s, &mid), LR_OK);
    assert_int_equal(s.nr, 2);
    assert_int_equal(s.r[0].last, 0x7ff);
    assert_int_equal(s.r[1].base, 0x2800);
    assert_int_equal(lr_ranges_remove(&s, &all), LR_OK);
    assert_int_equal(s.nr, 0);
}

/*
 *  window [0 - 0xffffff], obstacles at [0x100000-0x1fffff] and
 *  [0x280000-0x2fffff]; a 1 MiB block aligned to 1 MiB:
 *  0      1M     2M  2.5M 3M
 *  |free  |obst  |free|obst|free ...
 *  first fit: 0; from 0x100000: 3M (2M does not fit before 2.5M).
 */
static void test_find_fit(void **state)
{
    struct lr_range st[4], out;
    struct lr_ranges s;
    struct lr_range o1 = { 0x100000, 0x1fffff }, o2 = { 0x280000, 0x2fffff };
    struct lr_range win = { 0, 0xffffff };

    lr_ranges_init(&s, st, 4);
    assert_int_equal(lr_ranges_add(&s, &o1), LR_OK);
    assert_int_equal(lr_ranges_add(&s, &o2), LR_OK);
    assert_int_equal(lr_ranges_find_fit(&s, &win, 0x100000, 0x100000, &out),
                     LR_OK);
    assert_int_equal(out.base, 0);
    win.base = 0x1000;
    assert_int_equal(lr_ranges_find_fit(&s, &win, 0x100000, 0x100000, &out),
                     LR_OK);
    assert_int_equal(out.base, 0x300000);
    /* Unaligned small block slides in right after o1. */
    assert_int_equal(lr_ranges_find_fit(&s, &win, 0x80000, 0x1000, &out),
                     LR_OK);
    assert_int_equal(out.base, 0x1000);
    win.base = 0x100000;
    assert_int_equal(lr_ranges_find_fit(&s, &win, 0x80000, 0x1000, &out),
                     LR_OK);
    assert_int_equal(out.base, 0x200000);
    /* Too big for the window. */
    assert_int_equal(lr_ranges_find_fit(&s, &win, 0x1000000, 0x1000, &out),
                     LR_E_NOFIT);
    assert_int_equal(lr_ranges_find_fit(&s, &win, 0, 0x1000, &out),
                     LR_E_EMPTY);
    assert_int_equal(lr_ranges_find_fit(&s, &win, 0x1000, 0x3000, &out),
                     LR_E_INVAL);
    /* At the top of the space: ends exactly at 2^64-1. */
    win.base = TOP - 0xffff;
    win.last = TOP;
    assert_int_equal(lr_ranges_find_fit(&s, &win, 0x10000, 0x10000, &out),
                     LR_OK);
    assert_int_equal(out.last, TOP);
    assert_int_equal(lr_ranges_find_fit(&s, &win, 0x10000, 0x20000, &out),
                     LR_E_NOFIT);   /* aligning up wraps */
}

static void test_bytes_in(void **state)
{
    struct lr_range st[4];
    struct lr_ranges s;
    struct lr_range o1 = { 0x1000, 0x1fff }, o2 = { 0x3000, 0x3fff };
    struct lr_range win = { 0x1800, 0x37ff }, top = { 0, TOP };

    lr_ranges_init(&s, st, 4);
    assert_int_equal(lr_ranges_add(&s, &o1), LR_OK);
    assert_int_equal(lr_ranges_add(&s, &o2), LR_OK);
    assert_int_equal(lr_ranges_bytes_in(&s, &win), 0x800 + 0x800);
    assert_non_null(lr_ranges_first_overlap(&s, &win));
    assert_int_equal(lr_ranges_first_overlap(&s, &win)->base, 0x1000);
    lr_ranges_init(&s, st, 4);
    assert_int_equal(lr_ranges_add(&s, &top), LR_OK);
    assert_int_equal(lr_ranges_bytes_in(&s, &top), UINT64_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_from_size),
        cmocka_unit_test(test_accessors),
        cmocka_unit_test(test_round_out),
        cmocka_unit_test(test_add_merge),
        cmocka_unit_test(test_add_nospace),
        cmocka_unit_test(test_remove_split),
        cmocka_unit_test(test_find_fit),
        cmocka_unit_test(test_bytes_in),
    };

    return cmocka_run_group_tests_name("range", tests, NULL, NULL);
}
