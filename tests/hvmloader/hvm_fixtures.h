/* SPDX-License-Identifier: MIT */
/*
 * Layout requests shared by test_hvmloader.c (in-memory store, dump file)
 * and test_hvmloader_live.c (a real xenstored), built with the shared
 * helpers of tests/lib/fixtures.h.  Include once per test.  The pictures
 * draw each request: the guest's RAM size, its reservations where the
 * request puts them, the MMIO hole below 4 GiB (an address stands where
 * the range to its right begins; "..." is what the engine lays out).
 */
#ifndef HVM_FIXTURES_H
#define HVM_FIXTURES_H

#include <libreserve/layout.h>
#include <libreserve/e820.h>
#include <libreserve/xs.h>
#include "../lib/fixtures.h"

#define BIOS_BASE       0xE0000u
#define ACPI_END        0xFC00A000u

/*
 * 4 GiB guest, a laptop's iGPU and USB RMRRs in lowmem (punch):
 *
 *   0        7b800000  7c000000     807fffff   f0000000   4G      end
 *   |  RAM   |USB|     | iGPU RMRR  |   RAM    |  MMIO    | RAM   |
 */
static inline void fx_igpu(struct lr_input *in)
{
    lrt_input(in, 4 * LR_GIB, LR_STRATEGY_PUNCH);
    lrt_region_sized(in, 0x7b800000, 0x1000, LR_KIND_RMRR, LR_POLICY_STRICT,
                     "RMRR 0 of 0000:00:14.0");
    lrt_region_sized(in, 0x7c000000, 0x4800000, LR_KIND_RMRR, LR_POLICY_STRICT,
                     "RMRR 1 of 0000:00:02.0");
}

/* 256 MiB, nothing reserved.
 *
 *   0        256M f0000000 4G
 *   |RAM ... |    |hole    |
 */
static inline void fx_small(struct lr_input *in)
{
    lrt_input(in, 256 * LR_MIB, LR_STRATEGY_PUNCH);
}

/* 1 GiB, a 2 MiB RMRR at 512 MiB: all RAM stays below 4 GiB.
 *
 *   0        20000000 20200000 f0000000 4G
 *   |RAM ... |RMRR S  |RAM ... |hole    |
 */
static inline void fx_1g(struct lr_input *in)
{
    lrt_input(in, LR_GIB, LR_STRATEGY_PUNCH);
    lrt_region_sized(in, 0x20000000, 0x200000, LR_KIND_RMRR, LR_POLICY_STRICT,
                     "RMRR of 0:1f.3");
}

/* 6 GiB, pack, a 1 MiB RMRR at 2 GiB.
 *
 *   0    80000000 80100000 f0000000 4G
 *   |... |RMRR S  |...     |hole    |
 */
static inline void fx_pack(struct lr_input *in)
{
    lrt_input(in, 6 * LR_GIB, LR_STRATEGY_PACK);
    lrt_region_sized(in, 0x80000000, 0x100000, LR_KIND_RMRR, LR_POLICY_STRICT,
                     "RMRR at 2G");
}

/* Stock libxl's algorithm: the RMRR above the boundary lowers lowmem.
 *
 *   0    80000000        ad000000 ad200000 f0000000 4G
 *   |... |(boundary) ... |RMRR R  |        |hole    |
 */
static inline void fx_compat(struct lr_input *in)
{
    lrt_input(in, 4 * LR_GIB, LR_STRATEGY_XEN_COMPAT);
    lrt_region_sized(in, 0xad000000, 0x200000, LR_KIND_RMRR, LR_POLICY_RELAXED,
                     "RMRR high");
}

/* 3 GiB, a 1 GiB MMIO hole, a 64 KiB relaxed RMRR at 256 MiB.
 *
 *   0    10000000 10010000 c0000000   4G
 *   |... |RMRR R  |...     |hole (1G) |
 */
static inline void fx_hole(struct lr_input *in)
{
    lrt_input(in, 3 * LR_GIB, LR_STRATEGY_PUNCH);
    in->cfg.mmio_hole_size = LR_GIB;
    lrt_region_sized(in, 0x10000000, 0x10000, LR_KIND_RMRR, LR_POLICY_RELAXED,
                     "RMRR 256M");
}

/* Two vNVDIMMs: one placed by the engine with in-band labels, one at a
 * fixed address with a mailbox page (2 GiB guest).
 *
 *   0        2G f0000000 4G 8G      8G+128M
 *   |RAM ... |  |hole    |  |PMEM 1 |
 *   (PMEM 0, 256 MiB + 128 KiB of label, where the engine puts it)
 */
static inline void fx_vnvdimm(struct lr_input *in)
{
    lrt_input(in, 2 * LR_GIB, LR_STRATEGY_PUNCH);
    lrt_vnvdimm(in, LR_GPA_AUTO, 256 * LR_MIB, 128 * LR_KIB, LR_LABEL_INBAND,
                0, 0x1234, 0, LR_POLICY_STRICT);
    lrt_vnvdimm(in, 0x200000000ULL, 128 * LR_MIB, 128 * LR_KIB,
                LR_LABEL_MAILBOX, 0, 0x1234, 0, LR_POLICY_STRICT);
}

static const struct {
    const char *name;
    void (*fill)(struct lr_input *in);
    unsigned int nr_tables;     /* ACPI tables expected */
} cases[] = {
    { "igpu-usb-4g", fx_igpu, 0 },
    { "small-256m", fx_small, 0 },
    { "rmrr-1g", fx_1g, 0 },
    { "pack-6g", fx_pack, 0 },
    { "xen-compat-relaxed", fx_compat, 0 },
    { "hole-1g", fx_hole, 0 },
    { "vnvdimm-2", fx_vnvdimm, 2 },
};

/* The domain builder: read the keys through ops, lay out, e820 as
 * hvmloader will make it (SeaBIOS's arguments: BIOS_BASE, ACPI_END). */
static inline void builder_layout(const struct lr_xs_ops *ops,
                                  struct lr_layout *l,
                                  struct e820entry *e820, unsigned int *nr)
{
    struct lr_input in;
    struct lr_diags ds;
    struct lr_diag store[LR_MAX_DIAGS];
    struct lr_e820_opts o;
    struct lr_e820_entry ent[E820MAX];
    unsigned int needed, i;

    lr_input_init(&in);
    lr_diags_init(&ds, store, LR_MAX_DIAGS);
    assert_int_equal(lr_xs_read_input(ops, &in, &ds), LR_OK);
    assert_int_equal(lr_layout_build(&in, l), LR_OK);
    lr_e820_opts_default(&o);
    o.budget = 16;
    o.lowmem_reserved_base = 0xA0000;
    o.bios_image_base = BIOS_BASE;
    o.acpi_end = ACPI_END;
    assert_int_equal(lr_e820_build(l, &o, ent, E820MAX, nr, &needed), LR_OK);
    memset(e820, 0, sizeof(*e820) * E820MAX);
    for ( i = 0; i < *nr; i++ )
    {
        e820[i].addr = ent[i].addr;
        e820[i].size = ent[i].size;
        e820[i].type = ent[i].type;
    }
}

#endif /* HVM_FIXTURES_H */
