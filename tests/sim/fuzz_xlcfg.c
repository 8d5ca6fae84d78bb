/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target for a whole xl.cfg: Debian's libxlutil (xl's own
 * parser, through xlcfg_parse) and then our extraction of it, on a real
 * host's DMAR: xlcfg_to_input under every strategy, the stock-xl
 * unreserved list, and the engine on the input.
 *
 * The DMAR is $FUZZ_XLCFG_DMAR, else the Dell XPS 15 9500 of the corpus
 * (two RMRRs, the USB controller's and the iGPU's), read once.  Checked:
 * xlcfg_parse returns -1 exactly when it reported an error; every
 * diagnostic is named "XL-..."; a config without errors gives values in
 * their documented ranges; an input xlcfg_to_input accepts is within the
 * engine's limits, and the layout of it keeps the design's invariants
 * (tests/core/invariants.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "invariants.h"
#include "xlcfg.h"

#define DEFAULT_DMAR "tests/data/dmar-corpus/dmar/lhw-0EF135BA6BB4.dmar.bin"

static struct dmar dmar;
static bool have_dmar;
static struct xlcfg cfg;
static struct lr_input in;
static struct lr_layout lay;
static struct lr_layout_store lay_store;
static struct lr_region unres[DMAR_MAX_RMRRS];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    const char *p = getenv("FUZZ_XLCFG_DMAR");

    lr_layout_init_store(&lay, &lay_store);
    have_dmar = dmar_load(p ? p : DEFAULT_DMAR, &dmar) == 0;
    return 0;
}

static void check_diags(const struct sim_diags *ds)
{
    unsigned int i;

    for ( i = 0; i < ds->nr; i++ )
        if ( strncmp(ds->d[i].code, "XL-", 3) && strncmp(ds->d[i].code,
                                                         "DMAR-", 5) )
            abort();
}

static void check_cfg(const struct xlcfg *c)
{
    unsigned int i;

    if ( !c->memory_mib || c->maxmem_mib < c->memory_mib ||
         c->video_mib >= c->maxmem_mib ||
         (c->mmio_hole_mib && (c->mmio_hole_mib < 256 ||
                               c->mmio_hole_mib > 3840)) ||
         c->rdm_boundary_mib > 4096 || c->rdm_strategy > XLCFG_RDM_HOST ||
         c->rdm_policy > LR_POLICY_RELAXED || c->nr_pci > XLCFG_MAX_PCI ||
         c->nr_vnvdimms > LR_MAX_VNVDIMMS ||
         !memchr(c->vga, 0, sizeof(c->vga)) ||
         !memchr(c->rdm_text, 0, sizeof(c->rdm_text)) )
        abort();
    for ( i = 0; i < c->nr_pci; i++ )
        if ( c->pci[i].policy > LR_POLICY_RELAXED ||
             !memchr(c->pci[i].text, 0, sizeof(c->pci[i].text)) )
            abort();
    for ( i = 0; i < c->nr_vnvdimms; i++ )
        if ( !c->vnv[i].nr_pages || c->vnv[i].label > LR_LABEL_INBAND )
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const enum lr_strategy all[] = {
        LR_STRATEGY_PUNCH, LR_STRATEGY_PACK, LR_STRATEGY_XEN_COMPAT,
    };
    struct sim_diags ds;
    unsigned int i, j, n;
    const char *bad;
    int rc;

    if ( size > 8192 )
        return 0;
    sim_diags_init(&ds);
    rc = xlcfg_parse((const char *)data, size, "fuzz.cfg", &cfg, &ds);
    if ( (rc == 0) != (ds.errors == 0) )
        abort();
    check_diags(&ds);
    if ( rc )
    {
        sim_diags_free(&ds);
        return 0;
    }
    check_cfg(&cfg);
    if ( xlcfg_layout_bytes(&cfg) != (cfg.maxmem_mib - cfg.video_mib) << 20 )
        abort();
    for ( i = 0; i < sizeof(all) / sizeof(all[0]); i++ )
    {
        struct sim_diags d2;

        sim_diags_init(&d2);
        rc = xlcfg_to_input(&cfg, have_dmar ? &dmar : NULL, all[i], &in,
                            &d2);
        if ( (rc == 0) != (d2.errors == 0) )
            abort();
        check_diags(&d2);
        sim_diags_free(&d2);
        if ( rc )
            continue;
        if ( in.nr_regions > LR_MAX_REGIONS ||
             in.nr_vnvdimms > LR_MAX_VNVDIMMS ||
             in.cfg.strategy != all[i] ||
             in.cfg.mem_size != xlcfg_layout_bytes(&cfg) )
            abort();
        for ( j = 0; j < in.nr_regions; j++ )
            if ( in.regions[j].range.last < in.regions[j].range.base ||
                 !memchr(in.regions[j].owner, 0, LR_OWNER_LEN) )
                abort();
        if ( lr_layout_build(&in, &lay) != lay.status )
            abort();
        bad = lr_check_invariants(&in, &lay);
        if ( bad )
        {
            fprintf(stderr, "invariant broken (%s): %s\n",
                    lr_strategy_name(all[i]), bad);
            abort();
        }
    }
    if ( have_dmar )
    {
        n = xlcfg_stock_unreserved(&cfg, &dmar, unres, DMAR_MAX_RMRRS);
        if ( n > DMAR_MAX_RMRRS || (n && !cfg.rdm_stock_ignored) )
            abort();
        for ( j = 0; j < n; j++ )
            if ( unres[j].kind != LR_KIND_RMRR )
                abort();
    }
    sim_diags_free(&ds);
    return 0;
}
