/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: random configurations, reservations (any range, any
 * kind, any policy byte) and vNVDIMMs straight into the engine; the
 * design's invariants must hold on every result and the e820 must be a
 * valid map or a reported error.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libreserve/layout.h>
#include <libreserve/e820.h>
#include <libreserve/bar.h>
#include "invariants.h"

struct cursor {
    const uint8_t *p;
    size_t n;
};

static uint64_t take(struct cursor *c, unsigned int bytes)
{
    uint64_t v = 0;

    while ( bytes-- )
    {
        v <<= 8;
        if ( c->n )
        {
            v |= *c->p++;
            c->n--;
        }
    }
    return v;
}

static struct lr_input in;
static struct lr_layout lay;
static struct lr_layout_store lay_store;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct cursor c = { data, size };
    unsigned int nr, nv, i, n, need;
    struct lr_e820_entry e[200];
    struct lr_e820_opts o;
    const char *bad;
    enum lr_status st;

    lr_layout_init_store(&lay, &lay_store);
    lr_input_init(&in);
    /* Mostly sensible sizes, sometimes anything at all. */
    in.cfg.mem_size = take(&c, 1) & 1 ? take(&c, 8)
                                      : (take(&c, 2) + 2) << 20;
    if ( take(&c, 1) & 1 )
        in.cfg.mmio_hole_size = take(&c, 2) << 20;
    in.cfg.strategy = take(&c, 1) % 5;      /* 4: not a strategy */
    if ( take(&c, 1) & 1 )
        in.cfg.superpage_low = take(&c, 2) << 20;
    if ( take(&c, 1) & 1 )
        in.cfg.rdm_boundary = take(&c, 5);
    if ( take(&c, 1) & 1 )
        in.cfg.pmem_align = 1ULL << (take(&c, 1) % 64);
    in.cfg.device_model = take(&c, 1) & 1;

    nr = take(&c, 1) % (LR_MAX_REGIONS + 1);
    for ( i = 0; i < nr; i++ )
    {
        struct lr_region r;
        struct lr_range rr;
        uint64_t base = take(&c, 1) & 1 ? take(&c, 8) : take(&c, 4) << 12;

        rr.base = base;
        rr.last = base + take(&c, 3) * 0x1000 + (take(&c, 1) & 1 ? 0xfff : 0);
        lr_region_set(&r, &rr, take(&c, 1) % (LR_KIND__COUNT + 1),
                      take(&c, 1) % 3, "fuzz");
        r.ndevs = take(&c, 1) % 4;
        if ( lr_input_add_region(&in, &r) != LR_OK )
            abort();
    }
    nv = take(&c, 1) % (LR_MAX_VNVDIMMS + 1);
    for ( i = 0; i < nv; i++ )
    {
        struct lr_vnvdimm v;

        memset(&v, 0, sizeof(v));
        v.gpa = take(&c, 1) & 1 ? LR_GPA_AUTO : take(&c, 3) << 21;
        v.size = take(&c, 1) & 1 ? take(&c, 8) : take(&c, 2) << 21;
        v.label_size = take(&c, 3) << 12;
        v.backend = take(&c, 1) % 4;
        v.policy = take(&c, 1) % 3;
        v.handle = take(&c, 1);
        if ( lr_input_add_vnvdimm(&in, &v) != LR_OK )
            abort();
    }

    st = lr_layout_build(&in, &lay);
    bad = lr_check_invariants(&in, &lay);
    if ( bad )
    {
        fprintf(stderr, "invariant broken (%s): %s\n", lr_status_name(st),
                bad);
        abort();
    }
    bad = lr_check_superpages(&in, &lay);
    if ( bad )
    {
        fprintf(stderr, "superpage promise broken: %s\n", bad);
        abort();
    }
    if ( st != LR_OK && lay.diags.errors == 0 )
    {
        fprintf(stderr, "failure %s without an error diagnostic\n",
                lr_status_name(st));
        abort();
    }
    /* BARs around the result: aligned, over nothing, or reported. */
    {
        static struct lr_bar bars[LR_MAX_BARS];
        static struct lr_diag ds[LR_MAX_BARS + 4];
        struct lr_diags diags;
        struct lr_bar_result res;
        unsigned int nb = take(&c, 1) % (LR_MAX_BARS + 1), j;

        lr_diags_init(&diags, ds, LR_MAX_BARS + 4);
        for ( i = 0; i < nb; i++ )
        {
            memset(&bars[i], 0, sizeof(bars[i]));
            bars[i].size = 1ULL << (take(&c, 1) % 40);
            bars[i].is64 = take(&c, 1) & 1;
        }
        st = lr_bar_place(&lay, bars, nb, &diags, &res);
        if ( st != LR_OK && st != LR_E_NOFIT && st != LR_E_INVAL &&
             st != LR_E_NOSPACE )
            abort();
        for ( i = 0; i < nb; i++ )
        {
            uint64_t a = bars[i].addr, l = a + bars[i].size - 1;

            if ( !bars[i].placed )
                continue;
            if ( a & (bars[i].size - 1) )
                abort();
            for ( j = 0; j < lay.nr_ram; j++ )
                if ( a <= lay.ram[j].last && lay.ram[j].base <= l )
                    abort();
            for ( j = 0; j < lay.nr_reserved; j++ )
                if ( a <= lay.reserved[j].range.last &&
                     lay.reserved[j].range.base <= l )
                    abort();
            for ( j = 0; j < i; j++ )
                if ( bars[j].placed && a <= bars[j].addr + bars[j].size - 1 &&
                     bars[j].addr <= l )
                    abort();
        }
    }

    lr_e820_opts_default(&o);
    st = lr_e820_build(&lay, &o, e, 200, &n, &need);
    if ( st == LR_OK && lr_e820_check(e, n) != LR_OK )
        abort();
    if ( st != LR_OK && st != LR_E_BUDGET && st != LR_E_NOSPACE )
        abort();
    return 0;
}
