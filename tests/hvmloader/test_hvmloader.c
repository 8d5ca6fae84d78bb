/* SPDX-License-Identifier: MIT */
/*
 * hvmloader/libreserve.c in the hosted hvmloader environment (hvm_env.c).
 *
 * The central property: the domain builder and hvmloader run the engine
 * on the same xenstore keys and must agree byte for byte.  Each case
 * writes a struct lr_input with the schema writer into a store; the
 * "domain builder side" reads that store through the lr_xs callbacks (as
 * libxl does over libxenstore) and builds its e820 with lr_e820_build();
 * hvmloader's side reads a `xenstore-ls -f` dump of the same store through
 * xenstore_read() and the glue.  RAM chunks and e820 bytes must be equal.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <cmocka.h>

#include "util.h"
#include "libreserve.h"
#include "hvm_env.h"
#include <libreserve/layout.h>
#include <libreserve/e820.h>
#include <libreserve/xs.h>
#include <acpi/nfit.h>
#include <acpi/table.h>

#undef printf   /* the test's own output goes to stdout */

#define DOMID           7

#include "hvm_fixtures.h"

/* --- the two sides ----------------------------------------------------- */

/* The toolstack: write the schema into a store. */
static void toolstack_write(struct xsh_mem *m, const struct lr_input *in)
{
    struct lr_xs_ops ops;

    xsh_mem_init(m);
    xsh_mem_ops(m, &ops);
    assert_int_equal(lr_xs_write_input(&ops, in), LR_OK);
}

/* The domain builder over an in-memory store. */
static void builder_side(struct xsh_mem *m, struct lr_layout *l,
                         struct e820entry *e820, unsigned int *nr)
{
    struct lr_xs_ops ops;

    xsh_mem_ops(m, &ops);
    builder_layout(&ops, l, e820, nr);
}

/* hvmloader: the store reaches it as a dump file (what a guest's
 * xenstore holds), read through xenstore_read(). */
static void load_dump(const struct xsh_mem *m)
{
    char file[] = "/tmp/lr-hvm-dump-XXXXXX";
    char err[256];
    int fd = mkstemp(file);

    assert_true(fd >= 0);
    close(fd);
    assert_int_equal(hvm_env_dump(m, DOMID, file), 0);
    hvm_env_reset();
    if ( xsh_dump_load(hvm_env_store(), file, "/local/domain/7", err,
                       sizeof(err)) )
        fail_msg("dump: %s", err);
    unlink(file);
}

static unsigned int count_lines(const char *s, const char *needle)
{
    unsigned int n = 0;

    while ( (s = strstr(s, needle)) != NULL )
    {
        n++;
        s += strlen(needle);
    }
    return n;
}

/* --- tests --------------------------------------------------------------- */

/* Same keys, same bytes: RAM chunks, e820, hvm_info, for every case. */
static void test_same_bytes(void **state)
{
    static struct lr_input in;
    static struct lr_layout db;
    static struct lr_layout_store db_store;
    struct e820entry db_e820[E820MAX], hv_e820[E820MAX];
    struct xsh_mem m;
    unsigned int db_nr, hv_nr, i, k;
    const struct lr_layout *hv;
    const void *tables[4];

    lr_layout_init_store(&db, &db_store);
    for ( k = 0; k < sizeof(cases) / sizeof(cases[0]); k++ )
    {
        cases[k].fill(&in);
        toolstack_write(&m, &in);
        builder_side(&m, &db, db_e820, &db_nr);
        load_dump(&m);
        xsh_mem_free(&m);

        if ( libreserve_setup() != 1 )
            fail_msg("%s: setup did not take the schema", cases[k].name);
        hv = libreserve_layout();
        assert_non_null(hv);
        if ( hv->nr_ram != db.nr_ram ||
             memcmp(hv->ram, db.ram, sizeof(db.ram[0]) * db.nr_ram) )
            fail_msg("%s: RAM chunks differ", cases[k].name);
        if ( hv->lowmem_end != db.lowmem_end ||
             hv->highmem_end != db.highmem_end )
            fail_msg("%s: lowmem/highmem end differ", cases[k].name);

        memset(hv_e820, 0, sizeof(hv_e820));
        hv_nr = libreserve_e820(hv_e820, 16, 0, BIOS_BASE, ACPI_END,
                                NULL, 0);
        if ( hv_nr != db_nr ||
             memcmp(hv_e820, db_e820, sizeof(hv_e820[0]) * E820MAX) )
            fail_msg("%s: e820 differs (%u vs %u entries)", cases[k].name,
                     hv_nr, db_nr);

        /* The hvm_info the domain builder writes passes the check. */
        libreserve_check_hvm_info(
            (uint32_t)(db.lowmem_end >> 12),
            db.highmem_end > LR_4G ? (uint32_t)(db.highmem_end >> 12) : 0);

        /* The summary line is printed, and no BUG. */
        assert_non_null(strstr(hvm_env_console(), "libreserve: "));
        assert_int_equal(hvm_env_bugs, 0);

        assert_int_equal(libreserve_acpi_tables(tables, 4),
                         cases[k].nr_tables);
        for ( i = 0; i < db_nr; i++ )
            assert_true(hv_e820[i].size > 0);
    }
}

/* Without libreserve/version: stock hvmloader, every hook a no-op. */
static void test_no_schema(void **state)
{
    struct e820entry e[4];
    const void *t[2];

    hvm_env_reset();
    assert_int_equal(xsh_mem_set(hvm_env_store(), "platform/mmio_hole_size",
                                 "268435456"), 0);
    assert_int_equal(libreserve_setup(), 0);
    assert_int_equal(libreserve_active(), 0);
    assert_null(libreserve_layout());
    assert_int_equal(libreserve_memory_map(e, 4), 0);
    assert_int_equal(libreserve_e820(e, 4, 0, BIOS_BASE, 0, NULL, 0), 0);
    assert_int_equal(libreserve_acpi_tables(t, 2), 0);
    libreserve_check_hvm_info(1, 2);        /* no check when inactive */
    assert_non_null(strstr(hvm_env_console(), "no schema"));

    /* An empty version is absent too (xenstore_read cannot tell). */
    hvm_env_reset();
    assert_int_equal(xsh_mem_set(hvm_env_store(), "libreserve/version", ""),
                     0);
    assert_int_equal(libreserve_setup(), 0);
}

/* Load a case straight into the hvmloader store. */
static void hv_load(void (*fill)(struct lr_input *in))
{
    static struct lr_input in;
    struct lr_xs_ops ops;

    fill(&in);
    hvm_env_reset();
    xsh_mem_ops(hvm_env_store(), &ops);
    assert_int_equal(lr_xs_write_input(&ops, &in), LR_OK);
}

/* Diagnostics reach the console, one prefixed line each. */
static void test_diagnostics_printed(void **state)
{
    const char *c;

    hv_load(fx_igpu);
    assert_int_equal(libreserve_setup(), 1);
    c = hvm_env_console();
    /* Both RMRRs punch lowmem: one LR-RAM-MOVED each, owners named. */
    assert_int_equal(count_lines(c, "libreserve: info LR-RAM-MOVED"), 2);
    assert_non_null(strstr(c, "0000:00:02.0"));
    assert_non_null(strstr(c, "libreserve: punch layout: "));
    /* 64-bit numbers printed in two halves, not with %ll. */
    assert_non_null(strstr(c, "highmem end 114801000,"));

    hv_load(fx_compat);
    assert_int_equal(libreserve_setup(), 1);
    assert_non_null(strstr(hvm_env_console(),
                           "libreserve: info LR-LOWMEM-LOWERED"));
}

/* A strict reservation on the LAPIC cannot be honoured: BUG().
 *
 *   0        1G f0000000 fee00000 fee01000 4G
 *   |RAM ... |  |hole    |RMRR S  |        |
 */
static void fx_strict_lapic(struct lr_input *in)
{
    lrt_input(in, LR_GIB, LR_STRATEGY_PUNCH);
    lrt_region_sized(in, 0xFEE00000, 0x1000, LR_KIND_RMRR, LR_POLICY_STRICT,
                     "RMRR on the LAPIC");
}

/* xen-compat, strict RMRR below the boundary inside RAM: libxl fails.
 *
 *   0    10000000 10100000 f0000000 4G
 *   |... |RMRR S  |...     |hole    |
 */
static void fx_strict_compat(struct lr_input *in)
{
    lrt_input(in, 4 * LR_GIB, LR_STRATEGY_XEN_COMPAT);
    lrt_region_sized(in, 0x10000000, 0x100000, LR_KIND_RMRR, LR_POLICY_STRICT,
                     "RMRR low");
}

static void test_strict_conflict_bugs(void **state)
{
    hv_load(fx_strict_lapic);
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_setup()), 1);
    assert_non_null(strstr(hvm_env_console(),
                           "libreserve: error LR-CONFLICT-FIXED"));
    assert_non_null(strstr(hvm_env_console(), "layout failed"));
    assert_non_null(strstr(hvm_env_console(), "HVMLoader bug at"));
    assert_int_equal(libreserve_active(), 0);

    hv_load(fx_strict_compat);
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_setup()), 1);
    assert_non_null(strstr(hvm_env_console(),
                           "libreserve: error LR-CONFLICT-RAM"));

    /* The same reservation relaxed: a warning, no BUG. */
    hv_load(fx_compat);
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_setup()), 0);
}

/* Malformed or missing keys: named diagnostic, then BUG(). */
static void test_bad_schema_bugs(void **state)
{
    hv_load(fx_small);
    assert_int_equal(xsh_mem_set(hvm_env_store(), "libreserve/layout/memory",
                                 "4096k"), 0);
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_setup()), 1);
    assert_non_null(strstr(hvm_env_console(), "LR-XS-MALFORMED"));
    assert_non_null(strstr(hvm_env_console(),
                           "libreserve/layout/memory=\"4096k\""));

    hv_load(fx_small);
    assert_int_equal(xsh_mem_set(hvm_env_store(), "libreserve/layout/memory",
                                 NULL), 0);
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_setup()), 1);
    assert_non_null(strstr(hvm_env_console(), "LR-XS-MISSING"));

    hv_load(fx_small);
    assert_int_equal(xsh_mem_set(hvm_env_store(), "libreserve/version", "2"),
                     0);
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_setup()), 1);
}

/* A value longer than the reader's buffer: cut, reported as malformed,
 * never an overrun (ASan watches the copy). */
static void test_long_value(void **state)
{
    char big[1000];

    memset(big, '1', sizeof(big) - 1);
    big[sizeof(big) - 1] = '\0';
    hv_load(fx_small);
    assert_int_equal(xsh_mem_set(hvm_env_store(), "libreserve/layout/memory",
                                 big), 0);
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_setup()), 1);
    assert_non_null(strstr(hvm_env_console(), "LR-XS-MALFORMED"));
}

/* The domain builder's hvm_info must match the layout. */
static void test_hvm_info_mismatch_bugs(void **state)
{
    const struct lr_layout *l;
    uint32_t low, high;

    hv_load(fx_igpu);
    assert_int_equal(libreserve_setup(), 1);
    l = libreserve_layout();
    low = (uint32_t)(l->lowmem_end >> 12);
    high = (uint32_t)(l->highmem_end >> 12);
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_check_hvm_info(low, high)),
                     0);
    /* Agreement is said, so a real-Xen run can tell it from no check. */
    assert_non_null(strstr(hvm_env_console(), "hvm_info agrees"));
    assert_null(strstr(hvm_env_console(), "LR-HVMINFO-MISMATCH"));
    /* What stock libxl would have populated: lowmem up to the hole. */
    assert_int_equal(HVM_ENV_CATCH_BUG(
        libreserve_check_hvm_info(0xF0000, 0x110000)), 1);
    assert_non_null(strstr(hvm_env_console(), "error LR-HVMINFO-MISMATCH"));
    assert_non_null(strstr(hvm_env_console(), "the layout says"));
}

/* pci_setup's view: RAM and RESERVED entries, the RMRRs among them. */
static void test_memory_map(void **state)
{
    struct e820entry m[E820MAX];
    unsigned int nr, i, nres = 0;

    hv_load(fx_igpu);
    assert_int_equal(libreserve_setup(), 1);
    nr = libreserve_memory_map(m, E820MAX);
    assert_true(nr >= 4);
    for ( i = 0; i < nr; i++ )
    {
        if ( i )
            assert_true(m[i - 1].addr + m[i - 1].size <= m[i].addr);
        if ( m[i].type == E820_RESERVED )
        {
            nres++;
            assert_true(m[i].addr == 0x7b800000 || m[i].addr == 0x7c000000);
        }
        else
            assert_int_equal(m[i].type, E820_RAM);
    }
    assert_int_equal(nres, 2);
    /* Too small a map: BUG, not an overrun. */
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_memory_map(m, 2)), 1);
}

/*
 * The IGD OpRegion (3 pages, NVS) cut into the reserved area that holds
 * it, as stock build_e820_table() does:
 *
 *   fc00a000 ......... fdffb000  fdffe000 ............ 4G
 *   |      RESERVED    |  NVS    |      RESERVED       |
 */
static void test_e820_overlay(void **state)
{
    struct e820entry e[E820MAX], ov = {
        .addr = 0xFDFFB000, .size = 0x3000, .type = E820_NVS };
    unsigned int nr, nr0, i;
    int found = 0;

    hv_load(fx_small);
    assert_int_equal(libreserve_setup(), 1);
    nr0 = libreserve_e820(e, 16, 0, BIOS_BASE, ACPI_END, NULL, 0);
    nr = libreserve_e820(e, 16, 0, BIOS_BASE, ACPI_END, &ov, 1);
    assert_int_equal(nr, nr0 + 2);
    for ( i = 0; i < nr; i++ )
    {
        if ( i )
            assert_true(e[i - 1].addr + e[i - 1].size <= e[i].addr);
        if ( e[i].addr == ov.addr )
        {
            found = 1;
            assert_int_equal(e[i].type, E820_NVS);
            assert_int_equal(e[i - 1].type, E820_RESERVED);
            assert_int_equal(e[i + 1].type, E820_RESERVED);
            assert_true(e[i + 1].addr == 0xFDFFE000);
        }
    }
    assert_true(found);

    /* Straddling two entries: BUG. */
    ov.addr = ACPI_END - 0x1000;
    assert_int_equal(HVM_ENV_CATCH_BUG(
        libreserve_e820(e, 16, 0, BIOS_BASE, ACPI_END, &ov, 1)), 1);
}

/* rombios's arguments (EBDA reserved from 0x9E000, BIOS from 0xE0000) and
 * ACPI disabled (no NVS; reserved from 0xFC000000), as stock
 * build_e820_table() lays them out:
 *
 *   0      9e000  a0000   e0000  100000         fc000000      4G
 *   | RAM  | RSV  | (VGA) | RSV  | RAM ... |     | RESERVED    |
 */
static void test_e820_rombios_noacpi(void **state)
{
    struct e820entry e[E820MAX];
    unsigned int nr;

    hv_load(fx_small);
    assert_int_equal(libreserve_setup(), 1);
    nr = libreserve_e820(e, E820MAX, 0x9E000, 0xE0000, 0, NULL, 0);
    assert_int_equal(nr, 5);
    assert_true(e[0].addr == 0 && e[0].size == 0x9E000 &&
                e[0].type == E820_RAM);
    assert_true(e[1].addr == 0x9E000 && e[1].size == 0x2000 &&
                e[1].type == E820_RESERVED);
    assert_true(e[2].addr == 0xE0000 && e[2].size == 0x20000 &&
                e[2].type == E820_RESERVED);
    assert_true(e[3].addr == 0x100000 && e[3].type == E820_RAM &&
                e[3].addr + e[3].size == 256 * LR_MIB);
    assert_true(e[4].addr == 0xFC000000ULL && e[4].size == 0x4000000 &&
                e[4].type == E820_RESERVED);
}

/* More entries than SeaBIOS's 16-entry buffer: named error and BUG.
 * Twelve 4 KiB RMRRs, one every 16 MiB (2 GiB guest):
 *
 *   0    10000000 10001000 11000000 ... 1b000000   1b001000
 *   |... |RMRR S  |...     |RMRR S  |   |RMRR S    |
 */
static void fx_many(struct lr_input *in)
{
    unsigned int i;

    lrt_input(in, 2 * LR_GIB, LR_STRATEGY_PUNCH);
    for ( i = 0; i < 12; i++ )
        lrt_region_sized(in, 0x10000000 + (uint64_t)i * 0x1000000, 0x1000,
                         LR_KIND_RMRR, LR_POLICY_STRICT, "many");
}

static void test_e820_budget(void **state)
{
    struct e820entry e[E820MAX];

    hv_load(fx_many);
    assert_int_equal(libreserve_setup(), 1);
    assert_int_equal(HVM_ENV_CATCH_BUG(
        libreserve_e820(e, 16, 0, BIOS_BASE, ACPI_END, NULL, 0)), 1);
    assert_non_null(strstr(hvm_env_console(), "error LR-E820-BUDGET"));
    /* A consumer with a larger buffer (rombios) takes it. */
    assert_true(libreserve_e820(e, E820MAX, 0, BIOS_BASE, ACPI_END,
                                NULL, 0) > 16);
}

/* NFIT + SSDT from the layout: checksums, SPA ranges where the layout
 * put the vNVDIMMs, and never inside the e820's RAM. */
static void test_acpi_tables(void **state)
{
    const struct lr_layout *l;
    const void *t[4];
    struct lr_nfit_dimm dimm[4];
    struct e820entry e[E820MAX];
    const uint8_t *nfit, *ssdt;
    unsigned int n, i, j, nr;

    hv_load(fx_vnvdimm);
    assert_int_equal(libreserve_setup(), 1);
    l = libreserve_layout();
    assert_int_equal(libreserve_acpi_tables(t, 4), 2);
    nfit = (const uint8_t *)t[0];
    ssdt = (const uint8_t *)t[1];
    assert_memory_equal(nfit, "NFIT", 4);
    assert_memory_equal(ssdt, "SSDT", 4);
    assert_int_equal(lr_acpi_checksum(nfit, lr_acpi_get32(nfit + 4)), 0);
    assert_int_equal(lr_acpi_checksum(ssdt, lr_acpi_get32(ssdt + 4)), 0);
    assert_int_equal(lr_nfit_parse(nfit, lr_acpi_get32(nfit + 4), dimm, 4,
                                   &n), LR_OK);
    assert_int_equal(n, 2);
    for ( i = 0; i < n; i++ )
    {
        assert_int_equal(dimm[i].spa_base, l->vnv[i].data.base);
        assert_int_equal(dimm[i].spa_size, lr_range_size(&l->vnv[i].data));
        assert_int_equal(dimm[i].handle, l->vnv[i].handle);
    }
    assert_non_null(strstr(hvm_env_console(), "NFIT and SSDT for 2"));

    nr = libreserve_e820(e, 16, 0, BIOS_BASE, ACPI_END, NULL, 0);
    for ( j = 0; j < nr; j++ )
        for ( i = 0; i < n; i++ )
            if ( e[j].type == E820_RAM )
                assert_true(e[j].addr + e[j].size <= dimm[i].spa_base ||
                            dimm[i].spa_base + dimm[i].spa_size <= e[j].addr);

    /* Room for one table only: BUG. */
    assert_int_equal(HVM_ENV_CATCH_BUG(libreserve_acpi_tables(t, 1)), 1);
}

/* Glue output must not depend on earlier calls' leftovers: xenstore_read's
 * static buffer is overwritten on every call (hvm_env poisons it). */
static void test_static_buffer(void **state)
{
    const char *a, *b;

    hvm_env_reset();
    assert_int_equal(xsh_mem_set(hvm_env_store(), "x", "one"), 0);
    assert_int_equal(xsh_mem_set(hvm_env_store(), "y", "two"), 0);
    a = xenstore_read("x", NULL);
    b = xenstore_read("y", NULL);
    assert_ptr_equal(a, b);
    assert_string_equal(a, "two");
    assert_null(xenstore_read("z", NULL));
    assert_string_equal(xenstore_read("z", "dflt"), "dflt");
    /* The hosted printf refuses %ll as hvmloader's cannot print it. */
    assert_int_equal(HVM_ENV_CATCH_BUG(hvm_printf("%llx", 1ULL)), 1);
}

/* --- BARs ---------------------------------------------------------------- */

static void lbar(struct libreserve_bar *b, unsigned int slot,
                 unsigned int reg, uint64_t size, int is64)
{
    memset(b, 0, sizeof(*b));
    b->devfn = slot << 3;
    b->reg = reg;
    b->size = size;
    b->is64 = is64;
}

/* 256 MiB guest, a 128 MiB vNVDIMM the engine puts at 4 GiB and an RMRR
 * at the start of the hole (0xF0000000, 1 MiB).
 *
 *   0    256M f0000000 f0100000 4G    4G+128M
 *   |RAM |    |RMRR S  |hole    |PMEM |
 */
static void fx_bars(struct lr_input *in)
{
    lrt_input(in, 256 * LR_MIB, LR_STRATEGY_PUNCH);
    lrt_region_sized(in, 0xF0000000, LR_MIB, LR_KIND_RMRR, LR_POLICY_STRICT,
                     "RMRR in the hole");
    lrt_vnvdimm(in, LR_GPA_AUTO, 128 * LR_MIB, 0, LR_LABEL_NONE, 0, 0x1234, 0,
                LR_POLICY_STRICT);
}

/*
 * pci_setup()'s order: descending size, scan order within a size.
 * Window 0xF0000000-0xFBFFFFFF, RMRR in its first MiB; largest first: VGA 64 MiB at the first 64 MiB boundary past the RMRR,
 * 0xF4000000; the platform's 16 MiB at 0xF1000000 (first fit past the
 * RMRR); the ROM 256 KiB at 0xF0100000 (right after the RMRR); the NIC's
 * 128 KiB at 0xF0140000; the 64-bit 16 KiB BAR at 0xF0160000.
 */
static void test_bars_placed(void **state)
{
    struct libreserve_bar b[5];
    uint32_t start = 0xF0000000;
    uint64_t hs = 1, he = 1;
    const char *c;

    hv_load(fx_bars);
    assert_int_equal(libreserve_setup(), 1);
    lbar(&b[0], 4, 0x10, 64 * LR_MIB, 0);
    lbar(&b[1], 2, 0x14, 16 * LR_MIB, 0);
    lbar(&b[2], 5, 0x30, 256 * LR_KIB, 0);
    lbar(&b[3], 5, 0x10, 128 * LR_KIB, 0);
    lbar(&b[4], 6, 0x20, 16 * LR_KIB, 1);
    assert_int_equal(HVM_ENV_CATCH_BUG(
                         libreserve_place_bars(b, 5, 1, &start, &hs, &he)),
                     0);
    assert_int_equal(b[0].addr, 0xF4000000);
    assert_int_equal(b[1].addr, 0xF1000000);
    assert_int_equal(b[2].addr, 0xF0100000);
    assert_int_equal(b[3].addr, 0xF0140000);
    assert_int_equal(b[4].addr, 0xF0160000);
    assert_false(b[4].high);
    assert_int_equal(start, 0xF0000000);
    assert_int_equal(hs, 0);
    assert_int_equal(he, 0);
    c = hvm_env_console();
    /* One line per BAR, Linux's names, 64-bit values in two halves. */
    assert_int_equal(count_lines(c, " (below 4G)\n"), 5);
    assert_non_null(strstr(c, "libreserve: 0000:00:04.0 BAR 0 size "
                           "004000000: 0f4000000 (below 4G)\n"));
    assert_non_null(strstr(c, "libreserve: 0000:00:05.0 ROM size "
                           "000040000: 0f0100000 (below 4G)\n"));
    assert_non_null(strstr(c, "libreserve: 0000:00:06.0 BAR 4 size "
                           "000004000: 0f0160000 (below 4G)\n"));
    assert_non_null(strstr(c, "libreserve: 5 memory BARs: 5 below 4G"));
}

/* A 256 MiB VGA BAR does not fit 0xF0000000-0xFBFFFFFF: the hole grows
 * to 0xE0000000 (RAM ends at 256 MiB); fixed, it is a named BUG(). */
static void test_bars_grow_or_bug(void **state)
{
    struct libreserve_bar b[2];
    uint32_t start = 0xF0000000;
    uint64_t hs, he;
    const char *c;

    hv_load(fx_small);
    assert_int_equal(libreserve_setup(), 1);
    lbar(&b[0], 3, 0x10, 256 * LR_MIB, 0);
    lbar(&b[1], 2, 0x14, 16 * LR_MIB, 0);
    assert_int_equal(HVM_ENV_CATCH_BUG(
                         libreserve_place_bars(b, 2, 1, &start, &hs, &he)),
                     0);
    assert_int_equal(start, 0xE0000000);
    assert_int_equal(b[0].addr, 0xE0000000);
    assert_int_equal(b[1].addr, 0xF0000000);
    assert_non_null(strstr(hvm_env_console(), "(hole grown)"));

    hv_load(fx_small);
    assert_int_equal(libreserve_setup(), 1);
    start = 0xF0000000;
    assert_int_equal(HVM_ENV_CATCH_BUG(
                         libreserve_place_bars(b, 2, 0, &start, &hs, &he)),
                     1);
    c = hvm_env_console();
    assert_non_null(strstr(c, "libreserve: error LR-BAR-NOFIT"));
    assert_non_null(strstr(c, "0000:00:03.0 BAR 0"));
    assert_non_null(strstr(c, "1 of 2 memory BARs found no room"));
    assert_non_null(strstr(c, "HVMLoader bug at"));
    /* No line claims a placement for the BAR that has none. */
    assert_null(strstr(c, "0000:00:03.0 BAR 0 size 010000000:"));
}

/*
 * A 4 GiB 64-bit BAR cannot go below 4 GiB: above RAM and above the
 * vNVDIMM at 4 GiB (stock would put it at 4 GiB, over the vNVDIMM), at
 * the first 4 GiB boundary, 0x200000000; the window's end is aligned
 * like its start (stock's rule, fewer MTRRs).
 */
static void test_bars_high(void **state)
{
    struct libreserve_bar b[2];
    uint32_t start = 0xF0000000;
    uint64_t hs, he;

    hv_load(fx_bars);
    assert_int_equal(libreserve_setup(), 1);
    assert_int_equal(libreserve_layout()->vnv[0].data.base, LR_4G);
    lbar(&b[0], 3, 0x18, 4 * LR_GIB, 1);
    lbar(&b[1], 2, 0x14, 16 * LR_MIB, 0);
    assert_int_equal(HVM_ENV_CATCH_BUG(
                         libreserve_place_bars(b, 2, 1, &start, &hs, &he)),
                     0);
    assert_true(b[0].high);
    assert_int_equal(b[0].addr, 0x200000000ULL);
    assert_int_equal(b[1].addr, 0xF1000000);
    assert_int_equal(start, 0xF0000000);
    assert_int_equal(hs, 0x200000000ULL);
    /* 0x300000000 rounded up to the start's alignment (8 GiB). */
    assert_int_equal(he, 0x400000000ULL);
    assert_non_null(strstr(hvm_env_console(),
                           "libreserve: 0000:00:03.0 BAR 2 size 100000000: "
                           "200000000 (above 4G)\n"));
}

/* Without the schema: nothing placed, nothing printed, stock runs. */
static void test_bars_inactive(void **state)
{
    struct libreserve_bar b[1];
    uint32_t start = 0xF0000000;
    uint64_t hs = 1, he = 1;

    hvm_env_reset();
    assert_int_equal(libreserve_setup(), 0);
    lbar(&b[0], 3, 0x10, 16 * LR_MIB, 0);
    libreserve_place_bars(b, 1, 1, &start, &hs, &he);
    assert_int_equal(b[0].addr, 0);
    assert_int_equal(start, 0xF0000000);
    assert_int_equal(hs, 0);
    assert_int_equal(he, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_no_schema),
        cmocka_unit_test(test_diagnostics_printed),
        cmocka_unit_test(test_strict_conflict_bugs),
        cmocka_unit_test(test_bad_schema_bugs),
        cmocka_unit_test(test_long_value),
        cmocka_unit_test(test_hvm_info_mismatch_bugs),
        cmocka_unit_test(test_memory_map),
        cmocka_unit_test(test_e820_overlay),
        cmocka_unit_test(test_e820_rombios_noacpi),
        cmocka_unit_test(test_e820_budget),
        cmocka_unit_test(test_acpi_tables),
        cmocka_unit_test(test_static_buffer),
        cmocka_unit_test(test_bars_placed),
        cmocka_unit_test(test_bars_grow_or_bug),
        cmocka_unit_test(test_bars_high),
        cmocka_unit_test(test_bars_inactive),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
