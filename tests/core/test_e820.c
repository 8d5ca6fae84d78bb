/* SPDX-License-Identifier: MIT */
/*
 * e820 from layouts.  Expected maps are worked out by hand; every map is
 * also checked to be a fixed point of a Linux-style sanitizer written here
 * from the description of e820__update_table() (change points; where
 * entries overlap the highest type number wins; equal neighbours merge).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libreserve/e820.h>
#include "invariants.h"
#include "../lib/fixtures.h"

#define K 0x400ULL
#define M 0x100000ULL
#define G 0x40000000ULL
#define G4 0x100000000ULL

static struct lr_layout lay;
static struct lr_layout_store lay_store;
static struct lr_input in;

/* ---- the Linux-style sanitizer model ------------------------------------ */

static int cmp_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static unsigned int sanitize(const struct lr_e820_entry *in_map,
                             unsigned int n, struct lr_e820_entry *out)
{
    uint64_t *pts = calloc(2 * n + 1, sizeof(*pts));
    unsigned int np = 0, i, j, nout = 0;

    for ( i = 0; i < n; i++ )
    {
        if ( !in_map[i].size )
            continue;
        pts[np++] = in_map[i].addr;
        pts[np++] = in_map[i].addr + in_map[i].size;
    }
    qsort(pts, np, sizeof(*pts), cmp_u64);
    for ( i = 0; i + 1 < np; i++ )
    {
        uint64_t a = pts[i], b = pts[i + 1];
        uint32_t type = 0;

        if ( a == b )
            continue;
        for ( j = 0; j < n; j++ )
            if ( in_map[j].addr <= a && a < in_map[j].addr + in_map[j].size &&
                 in_map[j].type > type )
                type = in_map[j].type;
        if ( !type )
            continue;
        if ( nout && out[nout - 1].type == type &&
             out[nout - 1].addr + out[nout - 1].size == a )
            out[nout - 1].size += b - a;
        else
            out[nout++] = (struct lr_e820_entry){ a, b - a, type };
    }
    free(pts);
    return nout;
}

static void assert_fixed_point(const struct lr_e820_entry *e, unsigned int n,
                               const char *what)
{
    struct lr_e820_entry s[256];
    unsigned int ns = sanitize(e, n, s), i;

    if ( ns != n )
        fail_msg("%s: sanitizer gives %u entries, we gave %u", what, ns, n);
    for ( i = 0; i < n; i++ )
        if ( s[i].addr != e[i].addr || s[i].size != e[i].size ||
             s[i].type != e[i].type )
            fail_msg("%s: entry %u differs after sanitizing", what, i);
    if ( lr_e820_check(e, n) != LR_OK )
        fail_msg("%s: lr_e820_check rejects it", what);
}

/* ---- helpers --------------------------------------------------------- */

static void guest(uint64_t mem)
{
    lrt_input(&in, mem, LR_STRATEGY_PUNCH);
}

static void rmrr(uint64_t base, uint64_t last)
{
    lrt_region(&in, base, last, LR_KIND_RMRR, LR_POLICY_STRICT, "t");
}

struct want {
    uint64_t addr, last;
    uint32_t type;
};

static void expect(const struct lr_e820_entry *e, unsigned int n,
                   const struct want *w, unsigned int nw)
{
    unsigned int i;

    assert_int_equal(n, nw);
    for ( i = 0; i < n; i++ )
        if ( e[i].addr != w[i].addr || e[i].addr + e[i].size - 1 != w[i].last ||
             e[i].type != w[i].type )
            fail_msg("entry %u: [%#llx-%#llx] type %u, want [%#llx-%#llx] "
                     "type %u", i, (unsigned long long)e[i].addr,
                     (unsigned long long)(e[i].addr + e[i].size - 1),
                     e[i].type, (unsigned long long)w[i].addr,
                     (unsigned long long)w[i].last, w[i].type);
}

/* ---- tests ------------------------------------------------------------ */

/*
 * The pictures draw each test's expected map (its want[] table): an
 * address stands where the entry to its right begins, the entry ends where
 * the next address stands; RAM, RES(ERVED) and NVS are the e820 types; a
 * blank segment is in no entry.  Hex, 4G+256M for 0x110000000.
 */

/*
 * A 4 GiB guest as hvmloader reports it (SeaBIOS at 0xF0000, no EBDA
 * entry, no ACPI NVS given).
 *
 *   0    a0000 f0000 100000 f0000000 fc000000 4G   4G+256M
 *   |RAM |     |RES  |RAM   |        |RES     |RAM |
 */
static void test_plain_4g(void **state)
{
    static const struct want w[] = {
        { 0, 0x9ffff, LR_E820_RAM },
        { 0xf0000, 0xfffff, LR_E820_RESERVED },
        { 0x100000, 0xefffffff, LR_E820_RAM },
        { 0xfc000000, 0xffffffff, LR_E820_RESERVED },
        { G4, G4 + 256 * M - 1, LR_E820_RAM },
    };
    struct lr_e820_opts o;
    struct lr_e820_entry e[32];
    unsigned int n, need;
    char buf[512];

    guest(4 * G);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    lr_e820_opts_default(&o);
    assert_int_equal(lr_e820_build(&lay, &o, e, 32, &n, &need), LR_OK);
    expect(e, n, w, 5);
    assert_int_equal(need, 5);
    assert_fixed_point(e, n, "plain 4G");
    lr_e820_memmap(e, n, buf, sizeof(buf));
    assert_string_equal(buf, "memmap=exactmap memmap=640K@0x0 "
                        "memmap=64K$0xf0000 memmap=3839M@0x100000 "
                        "memmap=64M$0xfc000000 memmap=256M@0x100000000");
}

/*
 * hvmloader's EBDA entry and ACPI NVS split the picture further (1 GiB).
 *
 *   0    9f000 a0000 e0000 100000 40000000 fc000000 fc010000 4G
 *   |RAM |RES  |     |RES  |RAM   |        |NVS     |RES     |
 *   (9f000: the EBDA; e0000: the BIOS image; fc000000: ACPI NVS)
 */
static void test_ebda_and_acpi(void **state)
{
    static const struct want w[] = {
        { 0, 0x9efff, LR_E820_RAM },
        { 0x9f000, 0x9ffff, LR_E820_RESERVED },
        { 0xe0000, 0xfffff, LR_E820_RESERVED },
        { 0x100000, 0x3fffffff, LR_E820_RAM },
        { 0xfc000000, 0xfc00ffff, LR_E820_NVS },
        { 0xfc010000, 0xffffffff, LR_E820_RESERVED },
    };
    struct lr_e820_opts o;
    struct lr_e820_entry e[32];
    unsigned int n, need;

    guest(G);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    lr_e820_opts_default(&o);
    o.lowmem_reserved_base = 0x9f000;
    o.bios_image_base = 0xe0000;
    o.acpi_end = 0xfc010000;
    assert_int_equal(lr_e820_build(&lay, &o, e, 32, &n, &need), LR_OK);
    expect(e, n, w, 6);
    assert_fixed_point(e, n, "ebda+acpi");
}

/*
 * vNVDIMM data and its label area are adjacent reservations: one entry.
 * An RMRR in lowmem splits RAM.
 *
 *   0    a0000 f0000 100000 7c000000 80800000 f0000000 fc000000 4G
 *   |RAM |     |RES  |RAM   |RES     |RAM     |        |RES     |
 *   (7c000000: the RMRR)
 *   4G   4G+328M 5G   6G+128K 7G   7G+2M
 *   |RAM |       |RES |       |RES |
 *   (5G: vNVDIMM 0 and its label area, one entry; 7G: vNVDIMM 1)
 */
static void test_reservations(void **state)
{
    static const struct want w[] = {
        { 0, 0x9ffff, LR_E820_RAM },
        { 0xf0000, 0xfffff, LR_E820_RESERVED },
        { 0x100000, 0x7bffffff, LR_E820_RAM },
        { 0x7c000000, 0x807fffff, LR_E820_RESERVED },
        { 0x80800000, 0xefffffff, LR_E820_RAM },
        { 0xfc000000, 0xffffffff, LR_E820_RESERVED },
        { G4, G4 + 328 * M - 1, LR_E820_RAM },
        { 5 * G, 6 * G + 128 * K - 1, LR_E820_RESERVED },
    };
    struct lr_e820_opts o;
    struct lr_e820_entry e[32];
    unsigned int n, need;

    guest(4 * G);
    rmrr(0x7c000000, 0x807fffff);
    lrt_vnvdimm(&in, LR_GPA_AUTO, G, 128 * K, LR_LABEL_INBAND, 0, 0, 0,
                LR_POLICY_STRICT);
    /* The mailbox page is inside 0xFC.. */
    lrt_vnvdimm(&in, LR_GPA_AUTO, 2 * M, 128 * K, LR_LABEL_MAILBOX, 0, 0, 0,
                LR_POLICY_STRICT);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    lr_e820_opts_default(&o);
    assert_int_equal(lr_e820_build(&lay, &o, e, 32, &n, &need), LR_OK);
    /* The 2 MiB one sits at 7 GiB (after the 1 GiB + label at 5 GiB). */
    assert_int_equal(n, 9);
    expect(e, 8, w, 8);
    assert_int_equal(e[8].addr, 7 * G);
    assert_fixed_point(e, n, "reservations");
}

/*
 * 20 RMRRs in lowmem: 5 + 2 * 20 entries, over the budget of 16.
 *
 *   0    a0000 f0000 100000 10000000 10001000 11000000 ... 23001000 f0000000
 *   |RAM |     |RES  |RAM   |RES     |RAM     |RES     |   |RAM     |
 *   (one 4 KiB RMRR every 16 MiB from 10000000; the rest as in plain 4G)
 */
static void test_budget(void **state)
{
    struct lr_e820_opts o;
    struct lr_e820_entry e[64];
    unsigned int n, need, i;

    guest(4 * G);
    for ( i = 0; i < 20; i++ )
        rmrr(0x10000000 + i * 0x1000000ULL, 0x10000fff + i * 0x1000000ULL);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    lr_e820_opts_default(&o);
    assert_int_equal(lr_e820_build(&lay, &o, e, 64, &n, &need),
                     LR_E_BUDGET);
    assert_int_equal(need, 45);
    assert_int_equal(n, 45);
    assert_fixed_point(e, n, "budget");
    /* Storage too small: reported, never overrun. */
    assert_int_equal(lr_e820_build(&lay, &o, e, 10, &n, &need),
                     LR_E_NOSPACE);
    assert_int_equal(n, 10);
    assert_int_equal(need, 45);
    o.budget = 0;       /* no budget */
    assert_int_equal(lr_e820_build(&lay, &o, e, 64, &n, &need), LR_OK);
}

/*
 * The toolstack's view: no hvmloader entries, RAM as laid (1 GiB).
 *
 *   0    a0000 c0000 1G
 *   |RAM |     |RAM  |
 */
static void test_no_hvmloader(void **state)
{
    static const struct want w[] = {
        { 0, 0x9ffff, LR_E820_RAM },
        { 0xc0000, G - 1, LR_E820_RAM },
    };
    struct lr_e820_opts o;
    struct lr_e820_entry e[8];
    unsigned int n, need;

    guest(G);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    lr_e820_opts_default(&o);
    o.hvmloader = 0;
    assert_int_equal(lr_e820_build(&lay, &o, e, 8, &n, &need), LR_OK);
    expect(e, n, w, 2);
}

/*
 * The checker itself must catch what the sanitizer would change: entries
 * out of order ([100000, 101000) before [0, 1000)), two equal neighbours
 * touching at 1000, an empty entry, one wrapping past 2^64.
 */
static void test_check_rejects(void **state)
{
    struct lr_e820_entry unsorted[2] = {
        { 0x100000, 0x1000, 1 }, { 0, 0x1000, 1 } };
    struct lr_e820_entry touching[2] = {
        { 0, 0x1000, 1 }, { 0x1000, 0x1000, 1 } };
    struct lr_e820_entry empty[1] = { { 0x1000, 0, 2 } };
    struct lr_e820_entry wrap[1] = { { UINT64_MAX, 2, 2 } };

    assert_int_equal(lr_e820_check(unsorted, 2), LR_E_OVERLAP);
    assert_int_equal(lr_e820_check(touching, 2), LR_E_INVAL);
    assert_int_equal(lr_e820_check(empty, 1), LR_E_INVAL);
    assert_int_equal(lr_e820_check(wrap, 1), LR_E_INVAL);
    assert_string_equal(lr_e820_type_name(LR_E820_NVS), "ACPI NVS");
}

/* Many random layouts: every map a fixed point of the sanitizer. */
static void test_random_fixed_points(void **state)
{
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    unsigned int round;

    for ( round = 0; round < 500; round++ )
    {
        struct lr_e820_opts o;
        struct lr_e820_entry e[256];
        unsigned int n, need, k, nr;
        char what[32];

        seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
        guest(((seed >> 33) % (16 * 1024) + 2) * M);
        in.cfg.strategy = (seed >> 20) % 4;
        nr = (seed >> 10) % 8;
        for ( k = 0; k < nr; k++ )
        {
            uint64_t base, size;

            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            base = ((seed >> 24) % (G4 >> 12)) << 12;
            size = (((seed >> 8) % 4096) + 1) << 12;
            rmrr(base, base + size - 1);
        }
        LR_IGNORE(lr_layout_build(&in, &lay));
        lr_e820_opts_default(&o);
        o.budget = 0;
        if ( lr_e820_build(&lay, &o, e, 256, &n, &need) != LR_OK )
            fail_msg("round %u: e820 build failed", round);
        snprintf(what, sizeof(what), "random %u", round);
        assert_fixed_point(e, n, what);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_4g),
        cmocka_unit_test(test_ebda_and_acpi),
        cmocka_unit_test(test_reservations),
        cmocka_unit_test(test_budget),
        cmocka_unit_test(test_no_hvmloader),
        cmocka_unit_test(test_check_rejects),
        cmocka_unit_test(test_random_fixed_points),
    };

    lr_layout_init_store(&lay, &lay_store);
    return cmocka_run_group_tests_name("e820", tests, NULL, NULL);
}
