/* SPDX-License-Identifier: MIT */
/*
 * Layout geometry, table-driven.  Every expected chunk below is worked out
 * by hand from the rules in docs/design.md (the arithmetic is in the
 * comments), and every case is also checked against the design's
 * invariants (tests/core/invariants.c).
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include <libreserve/layout.h>
#include "invariants.h"
#include "../lib/fixtures.h"

#define K 0x400ULL
#define M 0x100000ULL
#define G 0x40000000ULL
#define G4 0x100000000ULL
#define TOP UINT64_MAX

#define PUNCH LR_STRATEGY_PUNCH
#define PACK LR_STRATEGY_PACK
#define COMPAT LR_STRATEGY_XEN_COMPAT
#define SUPER LR_STRATEGY_SUPERPAGE
#define S LR_POLICY_STRICT
#define R LR_POLICY_RELAXED

struct rg {
    uint64_t base, last;
    uint8_t policy;
    uint8_t kind;       /* 0: RMRR */
};

struct geo_case {
    const char *name;
    uint64_t mem;
    uint64_t hole;      /* 0: default */
    uint8_t strategy;
    struct rg regions[4];
    enum lr_status status;
    unsigned int nr_ram;
    struct lr_range ram[6];
    unsigned int dropped;
    uint64_t displaced;
};

static struct lr_layout lay;
static struct lr_layout_store lay_store;

static void setup_input(struct lr_input *in, const struct geo_case *c)
{
    unsigned int i;

    lr_input_init(in);
    in->cfg.mem_size = c->mem;
    if ( c->hole )
        in->cfg.mmio_hole_size = c->hole;
    in->cfg.strategy = c->strategy;
    for ( i = 0; i < 4 && c->regions[i].last; i++ )
    {
        char owner[32];

        snprintf(owner, sizeof(owner), "RMRR %u of 0000:00:%02x.0", i,
                 0x14 + i);
        lrt_region(in, c->regions[i].base, c->regions[i].last,
                   c->regions[i].kind ? c->regions[i].kind : LR_KIND_RMRR,
                   c->regions[i].policy, owner);
    }
}

/*
 * The pictures above the cases draw each case's own data (its regions and
 * the RAM it expects).  An address stands where the segment to its right
 * begins, and that segment ends where the next address stands; hex, with
 * 4G+256M for 0x110000000.  "RMRR S" / "RMRR R" is a strict / relaxed
 * reservation of the case, "hole" the MMIO hole up to 4 GiB (256 MiB
 * unless the case sets one), "VGA" the 128 KiB VGA hole; a blank segment
 * holds no RAM.
 */
static const struct geo_case geo_cases[] = {
    /* 1 GiB: 640 KiB, VGA hole, RAM from 0xC0000 up to exactly 1 GiB
     * (1G - 128K laid; 0xC0000 + (1G - 768K) = 1G).
     *
     *   0     a0000 c0000       1G              f0000000 4G
     *   |RAM  |VGA  |RAM        |               |hole    |
     */
    { "1G plain", G, 0, PUNCH, { { 0 } }, LR_OK, 2,
      { { 0, 0x9ffff }, { 0xc0000, G - 1 } }, 0, 0 },
    /* 4 GiB: lowmem to the hole at 0xF0000000, 256 MiB above 4 GiB.
     *
     *   0     a0000 c0000       f0000000 4G      4G+256M
     *   |RAM  |VGA  |RAM        |hole    |RAM    |
     */
    { "4G plain", 4 * G, 0, PUNCH, { { 0 } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 0, 0 },
    /*
     *   0     a0000 c0000       f0000000 4G      4G+256M
     *   |RAM  |VGA  |RAM        |hole    |RAM    |
     */
    { "4G plain xen-compat", 4 * G, 0, COMPAT, { { 0 } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 0, 0 },
    /* IGD stolen memory 72 MiB at 0x7C000000: punched; 72 MiB more high.
     *
     *   0     a0000 c0000  7c000000 80800000 f0000000 4G      4G+328M
     *   |RAM  |VGA  |RAM   |RMRR R  |RAM     |hole    |RAM    |
     */
    { "4G igd punch", 4 * G, 0, PUNCH,
      { { 0x7c000000, 0x807fffff, R } }, LR_OK, 4,
      { { 0, 0x9ffff }, { 0xc0000, 0x7bffffff }, { 0x80800000, 0xefffffff },
        { G4, G4 + 328 * M - 1 } }, 0, 72 * M },
    /* Stock: below the 2 GiB boundary, relaxed: dropped, RAM over it.
     *
     *   0     a0000 c0000                    f0000000 4G      4G+256M
     *   |RAM  |VGA  |RAM ..[RMRR R].. RAM    |hole    |RAM    |
     *                    7c000000-807fffff under RAM: dropped
     */
    { "4G igd xen-compat relaxed", 4 * G, 0, COMPAT,
      { { 0x7c000000, 0x807fffff, R } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 1, 0 },
    /*
     *   0     a0000 c0000                    f0000000 4G      4G+256M
     *   |RAM  |VGA  |RAM ..[RMRR S].. RAM    |hole    |RAM    |
     *                    7c000000-807fffff under RAM: conflict
     */
    { "4G igd xen-compat strict", 4 * G, 0, COMPAT,
      { { 0x7c000000, 0x807fffff, S } }, LR_E_CONFLICT, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 1, 0 },
    /* Stock, RDM at 3 GiB above the boundary: lowmem ends at 3 GiB and
     * the 768 MiB up to the hole move high (256 + 768 MiB = 1 GiB).
     *
     *   0     a0000 c0000     c0000000 c1000000 f0000000 4G      5G
     *   |RAM  |VGA  |RAM      |RMRR S  |        |hole    |RAM    |
     */
    { "4G rdm@3G xen-compat", 4 * G, 0, COMPAT,
      { { 0xc0000000, 0xc0ffffff, S } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xbfffffff }, { G4, G4 + G - 1 } },
      0, 768 * M },
    /*
     *   0     a0000 c0000     c0000000 c1000000 f0000000 4G      4G+272M
     *   |RAM  |VGA  |RAM      |RMRR S  |RAM     |hole    |RAM    |
     */
    { "4G rdm@3G punch", 4 * G, 0, PUNCH,
      { { 0xc0000000, 0xc0ffffff, S } }, LR_OK, 4,
      { { 0, 0x9ffff }, { 0xc0000, 0xbfffffff }, { 0xc1000000, 0xefffffff },
        { G4, G4 + 272 * M - 1 } }, 0, 16 * M },
    /* Pack: GiB 1 and GiB 2 both hold part of the RMRR: emptied.  The
     * walk leaves 640K + (1G - 768K) in GiB 0, 768M in GiB 3 (up to the
     * hole) and 2.25 GiB high; GiB 3's 768M complete a third GiB above
     * 4 GiB, so they move: high RAM = 4G - 128K - (1G - 128K) = 3 GiB.
     *
     *   0     1G    2G    3G  3.75G 4G    5G    6G    7G
     *   |RAM  |.....R.....|     |hole |RAM  |RAM  |RAM  |
     */
    { "4G igd pack", 4 * G, 0, PACK,
      { { 0x7c000000, 0x807fffff, R } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0x3fffffff },
        { G4, G4 + 3 * G - 1 } }, 0, 3 * G - 256 * M },
    /* Pack only empties a GiB RAM would pass: a 1.5 GiB guest with an
     * RMRR at 1.75 GiB keeps its tail in GiB 1.
     *
     *   0     a0000 c0000     60000000 70000000 71000000 f0000000 4G
     *   |RAM  |VGA  |RAM      |        |RMRR S  |        |hole    |
     */
    { "1.5G tail before rmrr pack", G + 512 * M, 0, PACK,
      { { 0x70000000, 0x70ffffff, S } }, LR_OK, 2,
      { { 0, 0x9ffff }, { 0xc0000, G + 512 * M - 1 } }, 0, 0 },
    /* A hole larger than RAM: 3840 MiB hole starts at 256 MiB.
     *
     *   0     a0000 c0000  10000000               4G      4G+768M
     *   |RAM  |VGA  |RAM   |hole (3840M)          |RAM    |
     */
    { "1G hole 3840M", G, 3840 * M, PUNCH, { { 0 } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0x0fffffff }, { G4, G4 + 768 * M - 1 } },
      0, 0 },
    /* One byte below 4 GiB: in the hole, honoured, costs nothing.
     *
     *   0     a0000 c0000       f0000000          4G      4G+256M
     *   |RAM  |VGA  |RAM        |hole [RMRR S]    |RAM    |
     *                                 ffffffff
     */
    { "rmrr 1 byte below 4G", 4 * G, 0, PUNCH,
      { { G4 - 1, G4 - 1, S } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 0, 0 },
    /* Crossing 4 GiB: high RAM starts after its last page.  RAM moved
     * within highmem is not "displaced above 4 GiB".
     *
     *   0     a0000 c0000       f0000000 fffff000 4G+1000 4G+256M+1000
     *   |RAM  |VGA  |RAM        |hole    |RMRR S  |RAM    |
     */
    { "rmrr crossing 4G", 4 * G, 0, PUNCH,
      { { G4 - 0x1000, G4 + 0xfff, S } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4 + 0x1000, G4 + 0x1000 + 256 * M - 1 } }, 0, 0 },
    /* One byte above 4 GiB: rounded out to its page.
     *
     *   0     a0000 c0000       f0000000 4G      4G+1000 4G+256M+1000
     *   |RAM  |VGA  |RAM        |hole    |RMRR S |RAM    |
     *                                    (its 1 byte at 4G, a page)
     */
    { "rmrr 1 byte above 4G", 4 * G, 0, PUNCH,
      { { G4, G4, S } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4 + 0x1000, G4 + 0x1000 + 256 * M - 1 } }, 0, 0 },
    /* Adjacent 4 KiB RMRRs: one 8 KiB hole in RAM.
     *
     *   0     a0000 c0000  80000000 80001000 80002000 f0000000 4G  4G+256M+8K
     *   |RAM  |VGA  |RAM   |RMRR S  |RMRR S  |RAM     |hole    |RAM |
     */
    { "adjacent rmrrs", 4 * G, 0, PUNCH,
      { { 0x80000000, 0x80000fff, S }, { 0x80001000, 0x80001fff, S } },
      LR_OK, 4,
      { { 0, 0x9ffff }, { 0xc0000, 0x7fffffff }, { 0x80002000, 0xefffffff },
        { G4, G4 + 256 * M + 0x2000 - 1 } }, 0, 0x2000 },
    /* Ending at 2^64-1: not a guest address; relaxed ignores it.
     *
     *   0     a0000 c0000  f0000000 4G     4G+256M   fffffffffffff000 2^64
     *   |RAM  |VGA  |RAM   |hole    |RAM   |     ... |RMRR R          |
     */
    { "rmrr ending at 2^64-1 relaxed", 4 * G, 0, PUNCH,
      { { TOP - 0xfff, TOP, R } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 1, 0 },
    /*
     *   0     a0000 c0000  f0000000 4G     4G+256M   fffffffffffff000 2^64
     *   |RAM  |VGA  |RAM   |hole    |RAM   |     ... |RMRR S          |
     */
    { "rmrr ending at 2^64-1 strict", 4 * G, 0, PUNCH,
      { { TOP - 0xfff, TOP, S } }, LR_E_INVAL, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 1, 0 },
    /* Firmware bug: RMRR at 0.  Hits legacy low memory: dropped.
     *
     *   0     a0000 c0000       f0000000 4G      4G+256M
     *   |RAM  |VGA  |RAM        |hole    |RAM    |
     *   [RMRR R 0-fff] under RAM: dropped
     */
    { "rmrr at 0 relaxed", 4 * G, 0, PUNCH,
      { { 0, 0xfff, R } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 1, 0 },
    /*
     *   0     a0000 c0000  f0000000 fc000000 fd000000 fd100000 4G   4G+256M
     *   |RAM  |VGA  |RAM   |hole    |hvmloader area ...        |RAM |
     *                                        |RMRR S  |
     */
    { "rmrr in hvmloader area strict", 4 * G, 0, PUNCH,
      { { 0xfd000000, 0xfd0fffff, S } }, LR_E_CONFLICT, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 1, 0 },
    /* Stock keeps it in the e820, and hvmloader then BUG()s.
     *
     *   0     a0000 c0000  f0000000 fc000000 fd000000 fd100000 4G   4G+256M
     *   |RAM  |VGA  |RAM   |hole    |hvmloader area ...        |RAM |
     *                                        |RMRR R  |
     */
    { "rmrr in hvmloader area xen-compat", 4 * G, 0, COMPAT,
      { { 0xfd000000, 0xfd0fffff, R } }, LR_E_CONFLICT, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0xefffffff },
        { G4, G4 + 256 * M - 1 } }, 0, 0 },
    /* 3 GiB guest, RDM at 2.5 GiB.  Stock: lowmem ends there, 512 MiB
     * high.  Punch: the RAM flows on above it, nothing high.
     *
     *   0     a0000 c0000  a0000000 a1000000 f0000000 4G      4G+512M
     *   |RAM  |VGA  |RAM   |RMRR S  |        |hole    |RAM    |
     */
    { "3G rdm@2.5G xen-compat", 3 * G, 0, COMPAT,
      { { 0xa0000000, 0xa0ffffff, S } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0x9fffffff }, { G4, G4 + 512 * M - 1 } },
      0, 512 * M },
    /*
     *   0     a0000 c0000  a0000000 a1000000 c1000000 f0000000 4G
     *   |RAM  |VGA  |RAM   |RMRR S  |RAM     |        |hole    |
     */
    { "3G rdm@2.5G punch", 3 * G, 0, PUNCH,
      { { 0xa0000000, 0xa0ffffff, S } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0x9fffffff }, { 0xa1000000, 0xc0ffffff } },
      0, 0 },
    /* Invalid configurations: refused before anything is laid out (no
     * picture: there is no memory map). */
    { "memory 0", 0, 0, PUNCH, { { 0 } }, LR_E_INVAL, 0, { { 0 } }, 0, 0 },
    { "memory unaligned", G + 1, 0, PUNCH, { { 0 } }, LR_E_INVAL, 0,
      { { 0 } }, 0, 0 },
    { "hole too small", G, 100 * M, PUNCH, { { 0 } }, LR_E_INVAL, 0,
      { { 0 } }, 0, 0 },
    /* Superpage, default bound (the first GiB): GiB 0 holds 1G - 128K,
     * the other 3 GiB go above 4 GiB as three 1 GiB extents (stock: 2).
     *
     *   0     1G                      4G    5G    6G    7G
     *   |RAM  |.......(unused)...|hole|RAM  |RAM  |RAM  |
     */
    { "4G superpage", 4 * G, 0, SUPER, { { 0 } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0x3fffffff }, { G4, G4 + 3 * G - 1 } },
      0, 3 * G - 256 * M },
    /* The iGPU RMRR lies above the low bound: nothing to go around.
     *
     *   0     a0000 c0000  1G    7c000000 80800000 f0000000 4G      7G
     *   |RAM  |VGA  |RAM   |     |RMRR S  |        |hole    |RAM    |
     */
    { "4G igd superpage", 4 * G, 0, SUPER,
      { { 0x7c000000, 0x807fffff, S } }, LR_OK, 3,
      { { 0, 0x9ffff }, { 0xc0000, 0x3fffffff }, { G4, G4 + 3 * G - 1 } },
      0, 3 * G - 256 * M },
    /* An RMRR at 512 MiB (16 MiB) in GiB 0: low RAM goes around it, so
     * 16 MiB more go high: 3 GiB + 16 MiB above 4 GiB, still 3 extents.
     *
     *   0     512M 528M  1G              4G        7G 7G+16M
     *   |RAM  |RMRR|RAM  |.........|hole |RAM x 3  |RAM |
     */
    { "4G rmrr@512M superpage", 4 * G, 0, SUPER,
      { { 0x20000000, 0x20ffffff, S } }, LR_OK, 4,
      { { 0, 0x9ffff }, { 0xc0000, 0x1fffffff }, { 0x21000000, 0x3fffffff },
        { G4, G4 + 3 * G + 16 * M - 1 } }, 0, 3 * G - 240 * M },
    /* A small guest stays below the bound, all of it.
     *
     *   0     a0000 c0000  20000000                f0000000 4G
     *   |RAM  |VGA  |RAM   |                       |hole    |
     */
    { "512M superpage", 512 * M, 0, SUPER, { { 0 } }, LR_OK, 2,
      { { 0, 0x9ffff }, { 0xc0000, 512 * M - 1 } }, 0, 0 },
    /* The defect of the old pack: 3210 MiB, an RMRR in GiB 1.  Stock lays
     * RAM over it (relaxed) and keeps GiB 1 and 2 whole (2 extents).
     * Pack empties GiB 1; its walk then ends with 768M in GiB 3 and 394M
     * high; 630M of GiB 3's top complete a GiB above 4 GiB: GiB 2 and
     * GiB 4 whole, 2 extents, as stock.
     *
     *   0     1G  R   2G    3G  3G+138M  4G    5G
     *   |RAM  |...R...|RAM  |RAM|.......|RAM  |
     */
    { "3210M rmrr@1.2G pack", 3210 * M, 0, PACK,
      { { 0x4f100000, 0x4f130fff, R } }, LR_OK, 4,
      { { 0, 0x9ffff }, { 0xc0000, 0x3fffffff },
        { 0x80000000, 0xc89fffff }, { G4, G4 + G - 1 } }, 0, G },
};

static void test_geometry(void **state)
{
    static struct lr_input in;
    unsigned int i, j;

    for ( i = 0; i < sizeof(geo_cases) / sizeof(geo_cases[0]); i++ )
    {
        const struct geo_case *c = &geo_cases[i];
        const char *bad;
        enum lr_status st;

        setup_input(&in, c);
        st = lr_layout_build(&in, &lay);
        if ( st != c->status )
            fail_msg("%s: status %s, want %s", c->name, lr_status_name(st),
                     lr_status_name(c->status));
        if ( lay.nr_ram != c->nr_ram )
            fail_msg("%s: %u RAM chunks, want %u", c->name, lay.nr_ram,
                     c->nr_ram);
        for ( j = 0; j < c->nr_ram; j++ )
            if ( lay.ram[j].base != c->ram[j].base ||
                 lay.ram[j].last != c->ram[j].last )
                fail_msg("%s: chunk %u [%#llx-%#llx], want [%#llx-%#llx]",
                         c->name, j, (unsigned long long)lay.ram[j].base,
                         (unsigned long long)lay.ram[j].last,
                         (unsigned long long)c->ram[j].base,
                         (unsigned long long)c->ram[j].last);
        if ( lay.nr_dropped != c->dropped )
            fail_msg("%s: %u dropped, want %u", c->name, lay.nr_dropped,
                     c->dropped);
        if ( c->status != LR_E_INVAL && lay.stats.displaced != c->displaced )
            fail_msg("%s: displaced %#llx, want %#llx", c->name,
                     (unsigned long long)lay.stats.displaced,
                     (unsigned long long)c->displaced);
        bad = lr_check_invariants(&in, &lay);
        if ( bad )
            fail_msg("%s: invariant: %s", c->name, bad);
        if ( st != LR_OK && lay.diags.errors == 0 )
            fail_msg("%s: failed without an error diagnostic", c->name);
    }
}

static bool has_diag(const struct lr_layout *l, enum lr_diag_code code,
                     enum lr_severity sev)
{
    unsigned int i;

    for ( i = 0; i < l->diags.nr; i++ )
        if ( l->diags.d[i].code == code && l->diags.d[i].severity == sev )
            return true;
    return false;
}

static const struct lr_diag *find_diag(const struct lr_layout *l,
                                       enum lr_diag_code code)
{
    unsigned int i;

    for ( i = 0; i < l->diags.nr; i++ )
        if ( l->diags.d[i].code == code )
            return &l->diags.d[i];
    return NULL;
}

/* The named diagnostics of the geometry cases. */
static void test_geometry_diags(void **state)
{
    static struct lr_input in;
    const struct lr_diag *d;

    setup_input(&in, &geo_cases[4]);    /* igd, xen-compat relaxed */
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    d = find_diag(&lay, LR_D_CONFLICT_RAM);
    assert_non_null(d);
    assert_int_equal(d->severity, LR_SEV_WARN);
    assert_int_equal(d->action, LR_ACT_DROPPED);
    assert_int_equal(d->a.range.base, 0x7c000000);
    assert_string_equal(d->a.owner, "RMRR 0 of 0000:00:14.0");
    assert_int_equal(d->b.kind, LR_KIND_RAM);
    /* Alternatives: memory up to the RMRR base, a boundary below it, or a
     * hole reaching down to it (4G - 0x7C000000 = 2112 MiB). */
    assert_int_equal(d->alt_mem, 0x7c000000);
    assert_int_equal(d->alt_boundary, 0x7bf00000);
    assert_int_equal(d->alt_hole, 2112 * M);

    setup_input(&in, &geo_cases[3]);    /* igd, punch */
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    d = find_diag(&lay, LR_D_RAM_MOVED);
    assert_non_null(d);
    assert_int_equal(d->bytes, 72 * M);
    assert_int_equal(d->action, LR_ACT_MOVED_RAM);

    setup_input(&in, &geo_cases[8]);    /* igd, pack */
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_true(has_diag(&lay, LR_D_PACK_EMPTIED, LR_SEV_INFO));
    /* 1 GiB extents: GiB 4, 5 and 6 (3 GiB high) vs none for punch and
     * two for xen-compat, which lays RAM over the RMRR. */
    assert_int_equal(lay.stats.map_1g, 3);
    setup_input(&in, &geo_cases[3]);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_int_equal(lay.stats.map_1g, 0);

    setup_input(&in, &geo_cases[6]);    /* rdm@3G xen-compat */
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    d = find_diag(&lay, LR_D_LOWMEM_LOWERED);
    assert_non_null(d);
    assert_int_equal(d->bytes, 768 * M);

    setup_input(&in, &geo_cases[17]);   /* rmrr at 0 */
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_true(has_diag(&lay, LR_D_FIRMWARE_BUG, LR_SEV_WARN));
    assert_true(has_diag(&lay, LR_D_CONFLICT_FIXED, LR_SEV_WARN));

    setup_input(&in, &geo_cases[19]);   /* hvmloader area, xen-compat */
    LR_IGNORE(lr_layout_build(&in, &lay));
    assert_true(has_diag(&lay, LR_D_HVMLOADER_BUG, LR_SEV_ERROR));
    assert_int_equal(lay.nr_reserved, 1);   /* stock keeps it */
}

/* 4 GiB, no holes: the domain builder's extents worked out by hand.
 * [0,640K): 160 x 4K.  [768K,2M): 320 x 4K.  [2M,1G): 511 x 2M.
 * [1G,3G): 2 x 1G.  [3G,3.75G): 384 x 2M.  [4G,4.25G): 128 x 2M.
 *
 *   0       a0000 c0000   200000  1G    3G      f0000000 4G      4G+256M
 *   |160x4K |VGA  |320x4K |511x2M |2x1G |384x2M |hole    |128x2M |
 */
static void test_mappings(void **state)
{
    static struct lr_input in;

    setup_input(&in, &geo_cases[1]);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_int_equal(lay.stats.map_4k, 480);
    assert_int_equal(lay.stats.map_2m, 511 + 384 + 128);
    assert_int_equal(lay.stats.map_1g, 2);
}

/*
 * 4 GiB; one RMRR given twice and a third overlapping it: RAM goes around
 * their union [80000000, 81800000).
 *
 *   0    a0000 c0000 80000000 80800000 81000000 81800000 f0000000 4G
 *   |RAM |VGA  |RAM  |RMRR S, twice    |        |RAM     |hole    |
 *                             |RMRR S           |
 */
static void test_duplicates_and_overlaps(void **state)
{
    static struct lr_input in;
    const char *bad;

    lr_input_init(&in);
    in.cfg.mem_size = 4 * G;
    lrt_region(&in, 0x80000000, 0x80ffffff, LR_KIND_RMRR, S, "test");
    /* duplicate */
    lrt_region(&in, 0x80000000, 0x80ffffff, LR_KIND_RMRR, S, "test");
    /* overlaps the first */
    lrt_region(&in, 0x80800000, 0x817fffff, LR_KIND_RMRR, S, "test");
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_true(has_diag(&lay, LR_D_DUPLICATE, LR_SEV_INFO));
    assert_true(has_diag(&lay, LR_D_OVERLAP, LR_SEV_WARN));
    assert_int_equal(lay.nr_reserved, 2);         /* duplicate merged */
    assert_int_equal(lay.nr_dropped, 0);
    /* RAM skips the union [0x80000000, 0x817fffff]. */
    assert_int_equal(lay.ram[1].last, 0x7fffffff);
    assert_int_equal(lay.ram[2].base, 0x81800000);
    bad = lr_check_invariants(&in, &lay);
    assert_null(bad);
}

static void test_too_many(void **state)
{
    static struct lr_input in;
    struct lr_region r;
    struct lr_range rr = { 0x80000000, 0x80000fff };
    unsigned int i;

    /* The 65th region does not fit the input storage. */
    lr_input_init(&in);
    lr_region_set(&r, &rr, LR_KIND_RMRR, S, "x");
    for ( i = 0; i < LR_MAX_REGIONS; i++ )
        assert_int_equal(lr_input_add_region(&in, &r), LR_OK);
    assert_int_equal(lr_input_add_region(&in, &r), LR_E_NOSPACE);
    assert_int_equal(in.nr_regions, LR_MAX_REGIONS);

    /*
     * 63 pages spread over lowmem cut RAM into more than 64 chunks:
     *
     *   0    10000000 10001000 11000000 ... 4e000000 4e001000 f0000000
     *   |RAM |RMRR    |RAM     |RMRR    |   |RMRR    |RAM     |
     *   (one 4 KiB RMRR every 16 MiB from 10000000)
     */
    lr_input_init(&in);
    in.cfg.mem_size = 4 * G;
    for ( i = 0; i < 63; i++ )
        lrt_region(&in, 0x10000000 + i * 0x1000000ULL,
                   0x10000fff + i * 0x1000000ULL, LR_KIND_RMRR, S, "test");
    assert_int_equal(lr_layout_build(&in, &lay), LR_E_NOSPACE);
    assert_true(has_diag(&lay, LR_D_TOO_MANY, LR_SEV_ERROR));
    assert_null(lr_check_invariants(&in, &lay));
}

/*
 * 4 GiB guest; RAM ends at 4.25 GiB, so an automatic vNVDIMM lands on the
 * next GiB, 5 GiB, with its 128 KiB label area right after; the mailbox
 * one gets the page just below the ioreq pages, 0xFEFEF000.
 *
 *   0    f0000000 fefef000 feff0000 4G   4G+256M
 *   |RAM |hole                      |RAM |
 *                 |DSM 1   |ioreq   |
 *
 *   4G+256M 5G      6G       6G+128K 7G      7G+256M
 *           |PMEM 0 |LABEL 0 |       |PMEM 1 |
 */
static void test_vnvdimm_auto(void **state)
{
    static struct lr_input in;

    lr_input_init(&in);
    in.cfg.mem_size = 4 * G;
    lrt_vnvdimm(&in, LR_GPA_AUTO, G, 128 * K, LR_LABEL_INBAND, 0, 0, 0, S);
    lrt_vnvdimm(&in, LR_GPA_AUTO, 256 * M, 128 * K, LR_LABEL_MAILBOX, 0, 0, 0,
                S);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_true(lay.vnv[0].placed);
    assert_int_equal(lay.vnv[0].data.base, 5 * G);
    assert_int_equal(lay.vnv[0].data.last, 6 * G - 1);
    assert_true(lay.vnv[0].has_label);
    assert_int_equal(lay.vnv[0].label.base, 6 * G);
    assert_int_equal(lay.vnv[0].label.last, 6 * G + 128 * K - 1);
    assert_int_equal(lay.vnv[0].handle, 1);
    /* Second: next GiB after the first's label area. */
    assert_int_equal(lay.vnv[1].data.base, 7 * G);
    assert_true(lay.vnv[1].has_dsm);
    assert_false(lay.vnv[1].has_label);
    assert_int_equal(lay.vnv[1].dsm.base, 0xfefef000);
    assert_int_equal(lay.vnv[1].handle, 2);
    /* Reserved: PMEM, LABEL, PMEM, DSM, sorted by address. */
    assert_int_equal(lay.nr_reserved, 4);
    assert_int_equal(lay.reserved[0].kind, LR_KIND_DSM);
    assert_int_equal(lay.reserved[1].kind, LR_KIND_PMEM);
    assert_int_equal(lay.reserved[2].kind, LR_KIND_LABEL);
    assert_null(lr_check_invariants(&in, &lay));
    {
        struct lr_range extra[2];
        unsigned int n;

        assert_int_equal(lr_layout_extra_pages(&lay, extra, 2, &n), LR_OK);
        assert_int_equal(n, 1);
        assert_int_equal(extra[0].base, 0xfefef000);
        assert_int_equal(lr_layout_extra_pages(&lay, extra, 0, &n),
                         LR_E_NOSPACE);
    }
    /* A minimum base moves it up. */
    in.cfg.pmem_base_min = 16 * G;
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_int_equal(lay.vnv[0].data.base, 16 * G);
}

/*
 * A fixed vNVDIMM at 512 MiB in a 1 GiB guest:
 * 0      512M     768M            1.25G
 * |RAM   |PMEM    |RAM (moved up)  |
 * Punch moves the 256 MiB of RAM above it; stock Xen cannot.
 */
static void test_vnvdimm_fixed(void **state)
{
    static struct lr_input in;

    lr_input_init(&in);
    in.cfg.mem_size = G;
    lrt_vnvdimm(&in, 512 * M, 256 * M, 0, LR_LABEL_NONE, 7, 0, 0, S);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_true(has_diag(&lay, LR_D_PMEM_IN_RAM, LR_SEV_WARN));
    assert_int_equal(lay.nr_ram, 3);
    assert_int_equal(lay.ram[1].last, 512 * M - 1);
    assert_int_equal(lay.ram[2].base, 768 * M);
    assert_int_equal(lay.ram[2].last, 1280 * M - 1);
    assert_int_equal(lay.vnv[0].handle, 7);
    assert_null(lr_check_invariants(&in, &lay));

    in.cfg.strategy = COMPAT;
    assert_int_equal(lr_layout_build(&in, &lay), LR_E_CONFLICT);
    assert_true(has_diag(&lay, LR_D_PMEM_IN_RAM, LR_SEV_ERROR));
    assert_false(lay.vnv[0].placed);
    in.vnvdimms[0].policy = R;
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_true(has_diag(&lay, LR_D_PMEM_IN_RAM, LR_SEV_WARN));
    assert_false(lay.vnv[0].placed);
    assert_null(lr_check_invariants(&in, &lay));
}

static void test_vnvdimm_bad(void **state)
{
    static struct lr_input in;

    /* Size not a multiple of 2 MiB. */
    lr_input_init(&in);
    in.cfg.mem_size = G;
    lrt_vnvdimm(&in, LR_GPA_AUTO, 3 * M, 0, LR_LABEL_NONE, 0, 0, 0, S);
    assert_int_equal(lr_layout_build(&in, &lay), LR_E_CONFLICT);
    assert_true(has_diag(&lay, LR_D_PMEM_ALIGN, LR_SEV_ERROR));
    /* Label area larger than its range. */
    lr_input_init(&in);
    in.cfg.mem_size = G;
    lrt_vnvdimm(&in, LR_GPA_AUTO, 2 * M, 4 * M, LR_LABEL_INBAND, 0, 0, 0, R);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_true(has_diag(&lay, LR_D_LABEL_SIZE, LR_SEV_WARN));
    assert_false(lay.vnv[0].placed);
    /* Duplicate handles. */
    lr_input_init(&in);
    in.cfg.mem_size = G;
    lrt_vnvdimm(&in, LR_GPA_AUTO, 2 * M, 0, LR_LABEL_NONE, 5, 0, 0, S);
    lrt_vnvdimm(&in, LR_GPA_AUTO, 2 * M, 0, LR_LABEL_NONE, 5, 0, 0, S);
    assert_int_equal(lr_layout_build(&in, &lay), LR_E_CONFLICT);
    assert_true(has_diag(&lay, LR_D_DUPLICATE, LR_SEV_ERROR));
    assert_true(lay.vnv[0].placed);
    assert_false(lay.vnv[1].placed);
    /* Two fixed ones overlapping each other:
     *
     *   8G 8G+512M 9G 9G+512M
     *   |PMEM 0 S  |
     *      |PMEM 1 R  |
     */
    lr_input_init(&in);
    in.cfg.mem_size = G;
    lrt_vnvdimm(&in, 8 * G, G, 0, LR_LABEL_NONE, 0, 0, 0, S);
    lrt_vnvdimm(&in, 8 * G + 512 * M, G, 0, LR_LABEL_NONE, 0, 0, 0, R);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_true(has_diag(&lay, LR_D_PMEM_OVERLAP, LR_SEV_WARN));
    assert_true(lay.vnv[0].placed);
    assert_false(lay.vnv[1].placed);
    /* Base misaligned. */
    lr_input_init(&in);
    in.cfg.mem_size = G;
    lrt_vnvdimm(&in, 8 * G + 4096, 2 * M, 0, LR_LABEL_NONE, 0, 0, 0, S);
    assert_int_equal(lr_layout_build(&in, &lay), LR_E_CONFLICT);
    assert_true(has_diag(&lay, LR_D_PMEM_ALIGN, LR_SEV_ERROR));
    /* Overlapping an RMRR:
     *
     *   8G      8G+1000 8G+2M
     *   |RMRR S |
     *   |PMEM S         |
     */
    lr_input_init(&in);
    in.cfg.mem_size = G;
    lrt_region(&in, 8 * G, 8 * G + 0xfff, LR_KIND_RMRR, S, "test");
    lrt_vnvdimm(&in, 8 * G, 2 * M, 0, LR_LABEL_NONE, 0, 0, 0, S);
    assert_int_equal(lr_layout_build(&in, &lay), LR_E_CONFLICT);
    assert_true(has_diag(&lay, LR_D_PMEM_OVERLAP, LR_SEV_ERROR));
    /* In the MMIO hole: kept, with a warning.
     *
     *   0    a0000 c0000 1G c0000000 d0000000 e0000000 4G
     *   |RAM |VGA  |RAM  |  |hole (1024M)              |
     *                                |PMEM S  |
     */
    lr_input_init(&in);
    in.cfg.mem_size = G;
    in.cfg.mmio_hole_size = 1024 * M;
    lrt_vnvdimm(&in, 0xd0000000, 256 * M, 0, LR_LABEL_NONE, 0, 0, 0, S);
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_true(has_diag(&lay, LR_D_PMEM_IN_HOLE, LR_SEV_WARN));
    assert_true(lay.vnv[0].placed);
    assert_null(lr_check_invariants(&in, &lay));
}

/*
 * Stock Xen with rdm_mem_boundary below 2 MiB: an RDM at 0x50000 pulls
 * lowmem_end down to 0x50000, and hvmloader's BUG_ON(low_mem_end < 2 MiB)
 * stops the guest.  (Found by the fuzz target.)
 *
 *   0    50000   51000            1G
 *   |RAM |RMRR R |no RAM below 4G |
 */
static void test_compat_tiny_boundary(void **state)
{
    static struct lr_input in;
    const struct lr_diag *d;

    lr_input_init(&in);
    in.cfg.mem_size = G;
    in.cfg.strategy = COMPAT;
    in.cfg.rdm_boundary = 0;
    lrt_region(&in, 0x50000, 0x50fff, LR_KIND_RMRR, R, "test");
    assert_int_equal(lr_layout_build(&in, &lay), LR_E_CONFLICT);
    d = find_diag(&lay, LR_D_HVMLOADER_BUG);
    assert_non_null(d);
    assert_int_equal(d->a.range.base, 0x50000);
    assert_int_equal(lay.lowmem_end, 0x50000);
    assert_null(lr_check_invariants(&in, &lay));
    /* The same RDM with the default boundary: dropped, guest boots. */
    in.cfg.rdm_boundary = LR_RDM_BOUNDARY_DEFAULT;
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_int_equal(lay.nr_dropped, 1);
}

/* An input copied byte for byte gives a byte-identical layout. */
static void test_deterministic(void **state)
{
    static struct lr_input a, b;
    static struct lr_layout la, lb, lc;
    static struct lr_layout_store sa, sb;
    struct lr_layout_bounds small = { LR_MAX_RAM, 1, 0, 1 };
    struct lr_range ram[LR_MAX_RAM];
    struct lr_region res[1];
    struct lr_diag d[1];

    setup_input(&a, &geo_cases[8]);
    lrt_vnvdimm(&a, LR_GPA_AUTO, G, 128 * K, LR_LABEL_INBAND, 0, 0, 0, S);
    memcpy(&b, &a, sizeof(a));
    lr_layout_init_store(&la, &sa);
    lr_layout_init_store(&lb, &sb);
    assert_int_equal(lr_layout_build(&a, &la), LR_OK);
    assert_int_equal(lr_layout_build(&b, &lb), LR_OK);
    assert_memory_equal(&la, &lb, offsetof(struct lr_layout, diags));
    assert_memory_equal(la.ram, lb.ram, la.nr_ram * sizeof(la.ram[0]));
    assert_memory_equal(la.reserved, lb.reserved,
                        la.nr_reserved * sizeof(la.reserved[0]));

    /* A copy lands in the destination's own storage ... */
    memset(&sb, 0, sizeof(sb));
    assert_int_equal(lr_layout_copy(&lb, &la), LR_OK);
    assert_ptr_equal(lb.diags.d, lb.diag_store);
    assert_ptr_equal(lb.ram, sb.ram);
    assert_memory_equal(sb.reserved, sa.reserved,
                        la.nr_reserved * sizeof(sa.reserved[0]));
    /* ... or not at all when it does not fit. */
    assert_true(la.nr_reserved > 1);
    lr_layout_init(&lc, &small, ram, res, NULL, d);
    assert_int_equal(lr_layout_copy(&lc, &la), LR_E_NOSPACE);
    assert_int_equal(lc.nr_ram, 0);
}

/* Storage smaller than a run needs: a named error, never a quiet cut. */
static void test_storage_bounds(void **state)
{
    static struct lr_input in;
    static struct lr_layout l;
    static struct lr_layout_store st;
    struct lr_layout_bounds b;
    unsigned int i, nres;
    bool named = false;

    (void)state;
    setup_input(&in, &geo_cases[8]);
    lrt_vnvdimm(&in, LR_GPA_AUTO, G, 128 * K, LR_LABEL_INBAND, 0, 0, 0, S);
    lr_layout_bounds(&in, &b);
    assert_int_equal(b.reserved, in.nr_regions + 3 * in.nr_vnvdimms);
    assert_int_equal(b.dropped, in.nr_regions);
    assert_int_equal(b.ram, LR_MAX_RAM);

    /* The full run's reservation count, then one entry less. */
    lr_layout_init_store(&l, &st);
    assert_int_equal(lr_layout_build(&in, &l), LR_OK);
    nres = l.nr_reserved;
    assert_true(nres >= 2 && nres <= b.reserved);
    b.reserved = nres - 1;
    lr_layout_init(&l, &b, st.ram, st.reserved, st.dropped, st.diags);
    assert_int_equal(lr_layout_build(&in, &l), LR_E_NOSPACE);
    assert_int_equal(l.nr_reserved, nres - 1);
    for ( i = 0; i < l.diags.nr; i++ )
        named |= l.diags.d[i].code == LR_D_TOO_MANY;
    assert_true(named);

    /* No storage at all: refused, nothing written. */
    memset(&l, 0, sizeof(l));
    assert_int_equal(lr_layout_build(&in, &l), LR_E_INVAL);
    assert_int_equal(l.nr_ram, 0);

    /* lr_layout_init_mem: short or misaligned memory is refused. */
    lr_layout_bounds(&in, &b);
    assert_int_equal(lr_layout_init_mem(&l, &b, &st,
                                        lr_layout_bounds_bytes(&b) - 1),
                     LR_E_NOSPACE);
    assert_null(l.ram);
    assert_int_equal(lr_layout_init_mem(&l, &b, (char *)&st + 4,
                                        lr_layout_bounds_bytes(&b)),
                     LR_E_NOSPACE);
    b.diags = ~0u / 8;              /* bytes would wrap a 32-bit long */
    assert_int_equal(lr_layout_init_mem(&l, &b, &st, ~0ul), LR_E_INVAL);
    assert_null(l.ram);
    lr_layout_bounds(&in, &b);
    assert_int_equal(lr_layout_init_mem(&l, &b, &st,
                                        lr_layout_bounds_bytes(&b)), LR_OK);
    assert_int_equal(lr_layout_build(&in, &l), LR_OK);
    assert_int_equal(l.nr_reserved, nres);
    assert_true((char *)(l.diag_store + l.cap.diags) <=
                (char *)&st + lr_layout_bounds_bytes(&b));
}

/*
 * Superpage's bound: lower means more 1 GiB extents; invalid bounds are
 * named errors; every bound reaches lr_superpage_max().  A 4.25 GiB guest
 * with the default bound (the first GiB), 256 MiB and 2 GiB:
 *
 *   0    1G f0000000 4G                  7G+256M
 *   |RAM |  |hole    |RAM: 3 x 1G + 256M |
 *   0    256M f0000000 4G           8G
 *   |RAM |    |hole    |RAM: 4 x 1G |
 *   0    1G   2G f0000000 4G                  6G+256M
 *   |RAM |RAM |  |hole    |RAM: 2 x 1G + 256M |
 */
static void test_superpage_low(void **state)
{
    static struct lr_input in;
    static const uint64_t bad[] = { 8 * M, 0x1100000, 4 * G };
    unsigned int i;

    lr_input_init(&in);
    in.cfg.mem_size = 4 * G + 256 * M;
    in.cfg.strategy = SUPER;
    /* First GiB: 4.25 GiB - 1 GiB high = 3.25 GiB, 3 extents. */
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_int_equal(lay.stats.map_1g, 3);
    assert_null(lr_check_superpages(&in, &lay));
    /* 256 MiB low: 4 GiB high, 4 extents, lowmem ends at 256 MiB. */
    in.cfg.superpage_low = 256 * M;
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_int_equal(lay.stats.map_1g, 4);
    assert_int_equal(lay.lowmem_end, 256 * M);
    assert_int_equal(lay.highmem_end, G4 + 4 * G);
    assert_null(lr_check_superpages(&in, &lay));
    assert_null(lr_check_invariants(&in, &lay));
    /* 2 GiB low: GiB 1 is whole below 4 GiB, 2.25 GiB high: 3 extents. */
    in.cfg.superpage_low = 2 * G;
    assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
    assert_int_equal(lay.stats.map_1g, 3);
    assert_null(lr_check_superpages(&in, &lay));
    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        in.cfg.superpage_low = bad[i];
        assert_int_equal(lr_layout_build(&in, &lay), LR_E_INVAL);
        assert_true(has_diag(&lay, LR_D_BAD_CONFIG, LR_SEV_ERROR));
    }
}

/* Pack never has fewer 1 GiB extents than xen-compat: inputs where the old
 * pack had one fewer (found by a random search over 200000 inputs). */
static void test_pack_vs_compat(void **state)
{
    static struct lr_input in;
    static const struct {
        uint64_t mem, base, size, hole, boundary;
    } c[] = {
        /* RMRR in GiB 1, stock lays RAM over it
         *  0    4f100000 4f131000 f0000000 4G
         *  |... |RMRR R  |        |hole    | */
        { 3210 * M, 0x4f100000, 0x31000, 0, 0 },
        /* RMRR under the MMIO hole, above the boundary: stock ends
         * lowmem below it
         *  0    d6700000 d6714000 f0000000 4G
         *  |... |RMRR R  |        |hole    | */
        { 6699 * M, 0xd6700000, 0x14000, 0, 0 },
        /* rdm_mem_boundary below GiB 0's RMRR: stock ends lowmem at it
         *  0    17100000    1c180000 1c1e3000 f0000000 4G
         *  |... |(boundary) |RMRR R  |        |hole    | */
        { 9013 * M, 0x1c180000, 0x63000, 0, 369 * M },
        /* a hole of 1330 MiB, RMRR in GiB 2
         *  0    a6780000 a67aa000 ace00000      4G
         *  |... |RMRR R  |        |hole (1330M) | */
        { 5794 * M, 0xa6780000, 0x2a000, 1330 * M, 0 },
    };
    unsigned int i, want;

    for ( i = 0; i < sizeof(c) / sizeof(c[0]); i++ )
    {
        lr_input_init(&in);
        in.cfg.mem_size = c[i].mem;
        if ( c[i].hole )
            in.cfg.mmio_hole_size = c[i].hole;
        if ( c[i].boundary )
            in.cfg.rdm_boundary = c[i].boundary;
        lrt_region_sized(&in, c[i].base, c[i].size, LR_KIND_RMRR,
                         LR_POLICY_RELAXED, "rmrr");
        in.cfg.strategy = COMPAT;
        assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
        want = lay.stats.map_1g;
        in.cfg.strategy = PACK;
        assert_int_equal(lr_layout_build(&in, &lay), LR_OK);
        if ( lay.stats.map_1g < want )
            fail_msg("case %u: pack %u 1 GiB extents, xen-compat %u", i,
                     lay.stats.map_1g, want);
        assert_int_equal(lay.nr_dropped, 0);
        assert_null(lr_check_invariants(&in, &lay));
        assert_null(lr_check_superpages(&in, &lay));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_geometry),
        cmocka_unit_test(test_geometry_diags),
        cmocka_unit_test(test_superpage_low),
        cmocka_unit_test(test_pack_vs_compat),
        cmocka_unit_test(test_mappings),
        cmocka_unit_test(test_duplicates_and_overlaps),
        cmocka_unit_test(test_too_many),
        cmocka_unit_test(test_vnvdimm_auto),
        cmocka_unit_test(test_vnvdimm_fixed),
        cmocka_unit_test(test_vnvdimm_bad),
        cmocka_unit_test(test_compat_tiny_boundary),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_storage_bounds),
    };

    lr_layout_init_store(&lay, &lay_store);
    return cmocka_run_group_tests_name("layout", tests, NULL, NULL);
}
