/* SPDX-License-Identifier: MIT */
/*
 * The layout engine's entry points.  See docs/design.md for the four
 * strategies; lr_layout_build() runs the steps in order (layout_int.h
 * says which file holds which).  The order of the steps is part of the
 * contract (same input, same bytes), so keep every loop deterministic.
 */
#include <stddef.h>
#include <libreserve/layout.h>
#include <libreserve/fmt.h>
#include "layout_int.h"
#include "lr_libc.h"

/* ---- configuration and input ------------------------------------------ */

void lr_config_default(struct lr_config *cfg)
{
    memset(cfg, 0, sizeof(*cfg));
    cfg->mmio_hole_size = LR_MMIO_HOLE_DEFAULT;
    cfg->rdm_boundary = LR_RDM_BOUNDARY_DEFAULT;
    cfg->pmem_align = LR_PMEM_ALIGN_DEFAULT;
    cfg->strategy = LR_STRATEGY_PUNCH;
    cfg->device_model = 1;
    cfg->hap = 1;
}

static const struct lr_strategy_ops *const strategies[] = {
    [LR_STRATEGY_PUNCH] = &lr_strategy_punch,
    [LR_STRATEGY_PACK] = &lr_strategy_pack,
    [LR_STRATEGY_XEN_COMPAT] = &lr_strategy_compat,
    [LR_STRATEGY_SUPERPAGE] = &lr_strategy_superpage,
};

static const char *const backend_names[] = {
    [LR_LABEL_NONE] = "none",
    [LR_LABEL_MAILBOX] = "mailbox",
    [LR_LABEL_INBAND] = "inband",
};

const struct lr_strategy_ops *lr_strategy_ops(unsigned int s)
{
    return s < LR_ARRAY_SIZE(strategies) ? strategies[s] : NULL;
}

const char *lr_strategy_name(unsigned int s)
{
    return s < LR_ARRAY_SIZE(strategies) ? strategies[s]->name : "?";
}

enum lr_status lr_strategy_parse(const char *s, enum lr_strategy *out)
{
    unsigned int i;

    for ( i = 0; i < LR_ARRAY_SIZE(strategies); i++ )
        if ( lr_streq(s, strategies[i]->name) )
        {
            *out = i;
            return LR_OK;
        }
    return LR_E_PARSE;
}

const char *lr_label_backend_name(unsigned int b)
{
    return b < LR_ARRAY_SIZE(backend_names) ? backend_names[b] : "?";
}

enum lr_status lr_label_backend_parse(const char *s,
                                      enum lr_label_backend *out)
{
    unsigned int i;

    for ( i = 0; i < LR_ARRAY_SIZE(backend_names); i++ )
        if ( lr_streq(s, backend_names[i]) )
        {
            *out = i;
            return LR_OK;
        }
    return LR_E_PARSE;
}

void lr_input_init(struct lr_input *in)
{
    /* Not the lists: they are written entry by entry and read up to their
     * counts (clearing their 10 KB was 40 000 instructions of hvmloader's
     * byte-wise memset). */
    memset(in, 0, offsetof(struct lr_input, regions));
    lr_config_default(&in->cfg);
}

enum lr_status lr_input_add_region(struct lr_input *in,
                                   const struct lr_region *r)
{
    if ( in->nr_regions >= LR_MAX_REGIONS )
        return LR_E_NOSPACE;
    in->regions[in->nr_regions] = *r;
    in->regions[in->nr_regions].src = in->nr_regions;
    in->nr_regions++;
    return LR_OK;
}

enum lr_status lr_input_add_vnvdimm(struct lr_input *in,
                                    const struct lr_vnvdimm *v)
{
    if ( in->nr_vnvdimms >= LR_MAX_VNVDIMMS )
        return LR_E_NOSPACE;
    in->vnvdimms[in->nr_vnvdimms++] = *v;
    return LR_OK;
}

/* ---- step 1: configuration --------------------------------------------- */

/* What makes the configuration unusable (with the value the detail
 * shows), or NULL. */
static const char *config_problem(const struct lr_config *c, uint64_t *val)
{
    *val = c->mem_size;
    if ( c->mem_size < 2 * LR_MIB || c->mem_size > MEM_MAX ||
         !lr_is_aligned(c->mem_size, LR_PAGE_SIZE) )
        return "memory size must be 4 KiB aligned, 2 MiB..64 TiB: ";
    *val = c->mmio_hole_size;
    if ( c->mmio_hole_size < LR_MMIO_HOLE_MIN ||
         c->mmio_hole_size > LR_MMIO_HOLE_MAX ||
         !lr_is_aligned(c->mmio_hole_size, LR_MIB) )
        return "mmio hole must be 256..3840 MiB, MiB aligned: ";
    *val = c->rdm_boundary;
    if ( c->rdm_boundary > LR_4G )
        return "rdm boundary above 4 GiB: ";
    *val = c->pmem_align;
    if ( !lr_is_pow2(c->pmem_align) || c->pmem_align < LR_PMEM_ALIGN_MIN ||
         c->pmem_align > (1ULL << 40) )
        return "pmem alignment must be a power of two >= 128 MiB: ";
    *val = c->pmem_base_min;
    if ( c->pmem_base_min > GPA_LAST )
        return "pmem base minimum beyond 2^52: ";
    *val = c->strategy;
    if ( !lr_strategy_ops(c->strategy) )
        return "unknown strategy ";
    *val = c->superpage_low;
    if ( c->superpage_low &&
         (c->superpage_low < LR_SUPERPAGE_LOW_MIN ||
          c->superpage_low > LR_4G - c->mmio_hole_size ||
          !lr_is_aligned(c->superpage_low, LR_2M)) )
        return "superpage low RAM end must be 2 MiB aligned, 16 MiB.."
               "the MMIO hole: ";
    return NULL;
}

static bool check_config(struct work *w)
{
    const char *problem;
    struct lr_diag *d;
    uint64_t val;

    problem = config_problem(&w->in->cfg, &val);
    if ( problem )
    {
        d = lr_work_diag(w, LR_D_BAD_CONFIG, LR_SEV_ERROR, LR_ACT_FAILED);
        lr_work_detail(d, problem, val);
    }
    else if ( w->in->nr_regions > LR_MAX_REGIONS ||
              w->in->nr_vnvdimms > LR_MAX_VNVDIMMS )
    {
        d = lr_work_diag(w, LR_D_TOO_MANY, LR_SEV_ERROR, LR_ACT_FAILED);
        lr_work_detail(d, "input counts beyond storage", UINT64_MAX);
    }
    else
        return true;
    lr_work_fail(w, LR_E_INVAL);
    return false;
}

/* ---- the steps ------------------------------------------------------------- */

/* Step 4: RAM around the obstacles, as the strategy lays it. */
static void place_ram(struct work *w)
{
    enum lr_status st = lr_build_obstacles(w);
    struct lr_diag *d;

    if ( st == LR_OK )
        st = lr_strategy_ops(w->in->cfg.strategy)->place_ram(w);
    if ( st == LR_OK )
        return;
    d = lr_work_diag(w, st == LR_E_NOSPACE ? LR_D_TOO_MANY : LR_D_BAD_CONFIG,
                     LR_SEV_ERROR, LR_ACT_FAILED);
    lr_work_detail(d, st == LR_E_NOSPACE ? "RAM needs more chunks than "
                   "its storage" : "no room for guest RAM", UINT64_MAX);
    lr_work_fail(w, st);
}

enum lr_status lr_layout_build(const struct lr_input *in,
                               struct lr_layout *out)
{
    struct work w;

    /* What the run reads before it writes: the head, the vNVDIMM places
     * and the statistics.  The lists are written entry by entry as they
     * grow, in the caller's storage, which the run keeps. */
    memset(out, 0, offsetof(struct lr_layout, cap));
    lr_diags_init(&out->diags, out->diag_store,
                  out->diag_store ? out->cap.diags : 0);
    out->cfg = in->cfg;
    memset(&w, 0, offsetof(struct work, obst_store));
    w.in = in;
    w.out = out;

    if ( !out->ram || !out->cap.ram )
        lr_work_fail(&w, LR_E_INVAL);       /* no storage: lr_layout_init */
    else if ( check_config(&w) )
    {
        out->mmio_start = LR_4G - in->cfg.mmio_hole_size;
        lr_check_regions(&w);                   /* 2 */
        lr_check_vnvdimms(&w);                  /* 3 */
        place_ram(&w);                          /* 4 */
        lr_set_ends(out);
        if ( !lr_strategy_ops(in->cfg.strategy)->stock )
            lr_note_punched(&w);
        lr_place_vnvdimms(&w);                  /* 5 */
        lr_finish(&w);                          /* 6 */
    }
    out->status = w.status;
    return out->status;
}

static unsigned int at_most(unsigned int n, unsigned int max)
{
    return n < max ? n : max;
}

void lr_layout_bounds(const struct lr_input *in, struct lr_layout_bounds *b)
{
    unsigned int n = at_most(in->nr_regions, LR_MAX_REGIONS);
    unsigned int v = at_most(in->nr_vnvdimms, LR_MAX_VNVDIMMS);

    b->ram = LR_MAX_RAM;
    b->reserved = n + 3 * v;
    b->dropped = n;
    b->diags = at_most(LR_DIAGS_BASE + LR_DIAGS_PER_ITEM * (n + v),
                       LR_MAX_DIAGS);
}

unsigned long lr_layout_bounds_bytes(const struct lr_layout_bounds *b)
{
    return (unsigned long)b->ram * sizeof(struct lr_range) +
           (unsigned long)(b->reserved + b->dropped) *
           sizeof(struct lr_region) +
           (unsigned long)b->diags * sizeof(struct lr_diag);
}

void lr_layout_init(struct lr_layout *l, const struct lr_layout_bounds *b,
                    struct lr_range *ram, struct lr_region *reserved,
                    struct lr_region *dropped, struct lr_diag *diags)
{
    memset(l, 0, sizeof(*l));
    l->cap = *b;
    l->ram = ram;
    l->reserved = reserved;
    l->dropped = dropped;
    l->diag_store = diags;
    if ( !ram )
        l->cap.ram = 0;
    if ( !reserved )
        l->cap.reserved = 0;
    if ( !dropped )
        l->cap.dropped = 0;
    if ( !diags )
        l->cap.diags = 0;
    lr_diags_init(&l->diags, diags, l->cap.diags);
}

void lr_layout_init_store(struct lr_layout *l, struct lr_layout_store *s)
{
    static const struct lr_layout_bounds all = {
        LR_MAX_RAM, LR_MAX_RESERVED, LR_MAX_REGIONS, LR_MAX_DIAGS
    };

    lr_layout_init(l, &all, s->ram, s->reserved, s->dropped, s->diags);
}

enum lr_status lr_layout_init_mem(struct lr_layout *l,
                                  const struct lr_layout_bounds *b,
                                  void *mem, unsigned long size)
{
    static const struct lr_layout_bounds none;
    unsigned char *p = mem;
    struct lr_range *ram;
    struct lr_region *res, *drop;

    /* Within the limits, the byte count cannot wrap (about 50 KB). */
    if ( b->ram > LR_MAX_RAM || b->reserved > LR_MAX_RESERVED ||
         b->dropped > LR_MAX_REGIONS || b->diags > LR_MAX_DIAGS )
    {
        lr_layout_init(l, &none, NULL, NULL, NULL, NULL);
        return LR_E_INVAL;
    }
    if ( !mem || ((unsigned long)mem & 7) || size < lr_layout_bounds_bytes(b) )
    {
        lr_layout_init(l, &none, NULL, NULL, NULL, NULL);
        return LR_E_NOSPACE;
    }
    /* Each element size is a multiple of 8: every array stays aligned. */
    ram = (struct lr_range *)p;
    p += b->ram * sizeof(*ram);
    res = (struct lr_region *)p;
    p += b->reserved * sizeof(*res);
    drop = (struct lr_region *)p;
    p += b->dropped * sizeof(*drop);
    lr_layout_init(l, b, ram, res, drop, (struct lr_diag *)p);
    return LR_OK;
}

enum lr_status lr_layout_copy(struct lr_layout *dst,
                              const struct lr_layout *src)
{
    struct lr_layout_bounds cap = dst->cap;
    struct lr_range *ram = dst->ram;
    struct lr_region *res = dst->reserved, *drop = dst->dropped;
    struct lr_diag *diags = dst->diag_store;

    if ( src->nr_ram > cap.ram || src->nr_reserved > cap.reserved ||
         src->nr_dropped > cap.dropped || src->diags.nr > cap.diags )
        return LR_E_NOSPACE;
    memcpy(dst, src, offsetof(struct lr_layout, cap));
    dst->diags.d = diags;
    dst->diags.cap = cap.diags;
    if ( src->nr_ram )
        memcpy(ram, src->ram, src->nr_ram * sizeof(*ram));
    if ( src->nr_reserved )
        memcpy(res, src->reserved, src->nr_reserved * sizeof(*res));
    if ( src->nr_dropped )
        memcpy(drop, src->dropped, src->nr_dropped * sizeof(*drop));
    if ( src->diags.nr )
        memcpy(diags, src->diag_store, src->diags.nr * sizeof(*diags));
    return LR_OK;
}

enum lr_status lr_layout_extra_pages(const struct lr_layout *l,
                                     struct lr_range *out, unsigned int cap,
                                     unsigned int *nr)
{
    unsigned int i;

    *nr = 0;
    for ( i = 0; i < l->nr_vnvdimms; i++ )
    {
        if ( !l->vnv[i].placed || !l->vnv[i].has_dsm )
            continue;
        if ( *nr == cap )
            return LR_E_NOSPACE;
        out[(*nr)++] = l->vnv[i].dsm;
    }
    return LR_OK;
}
