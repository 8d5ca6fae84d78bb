/* SPDX-License-Identifier: MIT */
/*
 * The layout engine.  See docs/design.md for the four strategies; the
 * order of the steps below is part of the contract (same input, same
 * bytes), so keep every loop deterministic.
 */
#include <libreserve/layout.h>
#include <libreserve/fmt.h>
#include "lr_libc.h"

#define MEM_MAX         (1ULL << 46)        /* 64 TiB of guest RAM */
#define GPA_LAST        ((1ULL << 52) - 1)  /* x86 MAXPHYADDR ceiling */
#define VGA_HOLE_SIZE   (LR_VGA_HOLE_LAST - LR_VGA_HOLE_BASE + 1)
#define NR_OBSTACLES    (LR_MAX_RESERVED + 4)

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

static const char *const strategy_names[] = {
    [LR_STRATEGY_PUNCH] = "punch",
    [LR_STRATEGY_PACK] = "pack",
    [LR_STRATEGY_XEN_COMPAT] = "xen-compat",
    [LR_STRATEGY_SUPERPAGE] = "superpage",
};

static const char *const backend_names[] = {
    [LR_LABEL_NONE] = "none",
    [LR_LABEL_MAILBOX] = "mailbox",
    [LR_LABEL_INBAND] = "inband",
};

const char *lr_strategy_name(unsigned int s)
{
    return s < LR_ARRAY_SIZE(strategy_names) ? strategy_names[s] : "?";
}

enum lr_status lr_strategy_parse(const char *s, enum lr_strategy *out)
{
    unsigned int i;

    for ( i = 0; i < LR_ARRAY_SIZE(strategy_names); i++ )
        if ( lr_streq(s, strategy_names[i]) )
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
    memset(in, 0, sizeof(*in));
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

/* ---- helpers ----------------------------------------------------------- */

void lr_count_mappings(const struct lr_range *r, unsigned int *n1g,
                       unsigned int *n2m, unsigned int *n4k)
{
    uint64_t a = r->base;
    /* RAM never reaches 2^64 - 1; clamp so 'end' is representable. */
    uint64_t end = r->last == UINT64_MAX ? UINT64_MAX : r->last + 1;

    while ( a < end )
    {
        uint64_t lim, n;

        if ( lr_is_aligned(a, LR_GIB) && end - a >= LR_GIB )
        {
            n = (end - a) >> 30;
            *n1g += (unsigned int)n;
            a += n << 30;
            continue;
        }
        if ( lr_is_aligned(a, LR_2M) && end - a >= LR_2M )
        {
            lim = (a | (LR_GIB - 1)) + 1;
            if ( lim > end || lim == 0 )
                lim = end;
            n = (lim - a) >> 21;
            *n2m += (unsigned int)n;
            a += n << 21;
            continue;
        }
        lim = (a | (LR_2M - 1)) + 1;
        if ( lim > end || lim == 0 )
            lim = end;
        n = (lim - a) >> 12;
        if ( n == 0 )
        {
            /* A partial page still needs a 4 KiB mapping. */
            (*n4k)++;
            a = lim;
            continue;
        }
        *n4k += (unsigned int)n;
        a += n << 12;
    }
}

struct work {
    const struct lr_input *in;
    struct lr_layout *out;
    enum lr_status status;
    uint64_t remaining;             /* RAM bytes still to lay out */
    uint8_t honour[LR_MAX_REGIONS];
    uint8_t vnv_ok[LR_MAX_VNVDIMMS];
    uint32_t handle[LR_MAX_VNVDIMMS];
    struct lr_range vfoot[LR_MAX_VNVDIMMS];  /* data + in-band label */
    struct lr_range obst_store[NR_OBSTACLES];
    struct lr_ranges obst;
};

static void set_status(struct work *w, enum lr_status st)
{
    if ( w->status == LR_OK )
        w->status = st;
}

static struct lr_diag *diag(struct work *w, enum lr_diag_code code,
                            enum lr_severity sev, enum lr_action act)
{
    return lr_diag_add(&w->out->diags, code, sev, act);
}

static void side_text(struct lr_diag_side *s, const struct lr_range *r,
                      enum lr_kind kind, const char *owner)
{
    lr_diag_side_range(s, r, kind, owner);
}

static void detail(struct lr_diag *d, const char *a, uint64_t v)
{
    struct lr_buf b;

    if ( !d )
        return;
    lr_buf_init(&b, d->detail, sizeof(d->detail));
    lr_buf_str(&b, a);
    if ( v != UINT64_MAX )
        lr_buf_hex(&b, v, 0);
}

/* Record input region i as not honoured. */
static void drop_region(struct work *w, unsigned int i)
{
    struct lr_layout *o = w->out;

    if ( !w->honour[i] )
        return;
    w->honour[i] = 0;
    if ( o->nr_dropped < LR_MAX_RESERVED )
        o->dropped[o->nr_dropped++] = w->in->regions[i];
    o->stats.dropped++;
}

/*
 * Region i cannot be honoured because of 'other': strict fails the build,
 * relaxed warns and drops it.
 */
static struct lr_diag *conflict(struct work *w, unsigned int i,
                                enum lr_diag_code code,
                                const struct lr_range *other,
                                enum lr_kind okind, const char *oowner)
{
    const struct lr_region *r = &w->in->regions[i];
    bool strict = r->policy != LR_POLICY_RELAXED;
    struct lr_diag *d;

    d = diag(w, code, strict ? LR_SEV_ERROR : LR_SEV_WARN,
             strict ? LR_ACT_FAILED : LR_ACT_DROPPED);
    if ( d )
    {
        lr_diag_side_region(&d->a, r);
        if ( other )
            side_text(&d->b, other, okind, oowner);
    }
    if ( strict )
    {
        w->out->stats.conflicts++;
        set_status(w, LR_E_CONFLICT);
    }
    drop_region(w, i);
    return d;
}

static void vnv_owner(char *buf, size_t len, unsigned int i,
                      const char *what)
{
    struct lr_buf b;

    lr_buf_init(&b, buf, len);
    lr_buf_str(&b, "vNVDIMM ");
    lr_buf_dec(&b, i);
    lr_buf_str(&b, what);
}

/* vNVDIMM i cannot be used: strict fails, relaxed drops it. */
static struct lr_diag *vnv_fail(struct work *w, unsigned int i,
                                enum lr_diag_code code,
                                const struct lr_range *other,
                                enum lr_kind okind, const char *oowner)
{
    const struct lr_vnvdimm *v = &w->in->vnvdimms[i];
    bool strict = v->policy != LR_POLICY_RELAXED;
    struct lr_diag *d;
    char owner[LR_OWNER_LEN];

    d = diag(w, code, strict ? LR_SEV_ERROR : LR_SEV_WARN,
             strict ? LR_ACT_FAILED : LR_ACT_DROPPED);
    if ( d )
    {
        struct lr_range r;

        vnv_owner(owner, sizeof(owner), i, "");
        if ( w->vfoot[i].last >= w->vfoot[i].base &&
             w->vfoot[i].last != 0 )
            r = w->vfoot[i];
        else
        {
            r.base = v->gpa == LR_GPA_AUTO ? 0 : v->gpa;
            r.last = r.base;
        }
        side_text(&d->a, &r, LR_KIND_PMEM, owner);
        d->a.policy = v->policy;
        if ( other )
            side_text(&d->b, other, okind, oowner);
    }
    if ( strict )
    {
        w->out->stats.conflicts++;
        set_status(w, LR_E_CONFLICT);
    }
    w->vnv_ok[i] = 0;
    return d;
}

static const struct lr_platform_range *
platform_hit(const struct work *w, const struct lr_range *r)
{
    unsigned int p;

    for ( p = 0; p < lr_platform_nr; p++ )
    {
        const struct lr_platform_range *pr = &lr_platform_ranges[p];
        struct lr_range pf = { pr->base, pr->last };

        if ( pr->needs_dm && !w->in->cfg.device_model )
            continue;
        if ( lr_range_overlaps(r, &pf) )
            return pr;
    }
    return NULL;
}

/* ---- step 1: configuration --------------------------------------------- */

static bool check_config(struct work *w)
{
    const struct lr_config *c = &w->in->cfg;
    struct lr_diag *d = NULL;

    if ( c->mem_size < 2 * LR_MIB || c->mem_size > MEM_MAX ||
         !lr_is_aligned(c->mem_size, LR_PAGE_SIZE) )
    {
        d = diag(w, LR_D_BAD_CONFIG, LR_SEV_ERROR, LR_ACT_FAILED);
        detail(d, "memory size must be 4 KiB aligned, 2 MiB..64 TiB: ",
               c->mem_size);
    }
    else if ( c->mmio_hole_size < LR_MMIO_HOLE_MIN ||
              c->mmio_hole_size > LR_MMIO_HOLE_MAX ||
              !lr_is_aligned(c->mmio_hole_size, LR_MIB) )
    {
        d = diag(w, LR_D_BAD_CONFIG, LR_SEV_ERROR, LR_ACT_FAILED);
        detail(d, "mmio hole must be 256..3840 MiB, MiB aligned: ",
               c->mmio_hole_size);
    }
    else if ( c->rdm_boundary > LR_4G )
    {
        d = diag(w, LR_D_BAD_CONFIG, LR_SEV_ERROR, LR_ACT_FAILED);
        detail(d, "rdm boundary above 4 GiB: ", c->rdm_boundary);
    }
    else if ( !lr_is_pow2(c->pmem_align) ||
              c->pmem_align < LR_PMEM_ALIGN_MIN ||
              c->pmem_align > (1ULL << 40) )
    {
        d = diag(w, LR_D_BAD_CONFIG, LR_SEV_ERROR, LR_ACT_FAILED);
        detail(d, "pmem alignment must be a power of two >= 128 MiB: ",
               c->pmem_align);
    }
    else if ( c->pmem_base_min > GPA_LAST )
    {
        d = diag(w, LR_D_BAD_CONFIG, LR_SEV_ERROR, LR_ACT_FAILED);
        detail(d, "pmem base minimum beyond 2^52: ", c->pmem_base_min);
    }
    else if ( c->strategy > LR_STRATEGY_SUPERPAGE )
    {
        d = diag(w, LR_D_BAD_CONFIG, LR_SEV_ERROR, LR_ACT_FAILED);
        detail(d, "unknown strategy ", c->strategy);
    }
    else if ( c->superpage_low &&
              (c->superpage_low < LR_SUPERPAGE_LOW_MIN ||
               c->superpage_low > LR_4G - c->mmio_hole_size ||
               !lr_is_aligned(c->superpage_low, LR_2M)) )
    {
        d = diag(w, LR_D_BAD_CONFIG, LR_SEV_ERROR, LR_ACT_FAILED);
        detail(d, "superpage low RAM end must be 2 MiB aligned, 16 MiB.."
               "the MMIO hole: ", c->superpage_low);
    }
    else if ( w->in->nr_regions > LR_MAX_REGIONS ||
              w->in->nr_vnvdimms > LR_MAX_VNVDIMMS )
    {
        d = diag(w, LR_D_TOO_MANY, LR_SEV_ERROR, LR_ACT_FAILED);
        detail(d, "input counts beyond storage", UINT64_MAX);
    }
    else
        return true;

    set_status(w, LR_E_INVAL);
    return false;
}

/* ---- step 2: reserved regions ------------------------------------------ */

static bool reservable_kind(unsigned int k)
{
    return k == LR_KIND_RMRR || k == LR_KIND_FIRMWARE ||
           k == LR_KIND_MMIO32 || k == LR_KIND_MMIO64 || k == LR_KIND_ACPI;
}

static void check_regions(struct work *w)
{
    const struct lr_input *in = w->in;
    const bool compat = in->cfg.strategy == LR_STRATEGY_XEN_COMPAT;
    unsigned int i, j;

    for ( i = 0; i < in->nr_regions; i++ )
    {
        const struct lr_region *r = &in->regions[i];
        struct lr_diag *d;

        w->honour[i] = 1;
        if ( r->range.last < r->range.base || r->range.last > GPA_LAST ||
             !reservable_kind(r->kind) || r->policy > LR_POLICY_RELAXED )
        {
            bool strict = r->policy != LR_POLICY_RELAXED;

            d = diag(w, LR_D_BAD_REGION, strict ? LR_SEV_ERROR : LR_SEV_WARN,
                     strict ? LR_ACT_FAILED : LR_ACT_IGNORED);
            if ( d )
            {
                lr_diag_side_region(&d->a, r);
                detail(d, r->range.last < r->range.base ? "end below base" :
                       r->range.last > GPA_LAST ? "beyond 2^52" :
                       !reservable_kind(r->kind) ? "kind not reservable" :
                       "unknown policy", UINT64_MAX);
            }
            if ( strict )
                set_status(w, LR_E_INVAL);
            drop_region(w, i);
            continue;
        }
        if ( r->kind == LR_KIND_RMRR && r->range.base < LR_PAGE_SIZE )
        {
            d = diag(w, LR_D_FIRMWARE_BUG, LR_SEV_WARN, LR_ACT_NONE);
            if ( d )
                lr_diag_side_region(&d->a, r);
        }
        if ( r->ndevs > 1 )
        {
            d = diag(w, LR_D_SHARED_RMRR, LR_SEV_INFO, LR_ACT_NONE);
            if ( d )
            {
                lr_diag_side_region(&d->a, r);
                detail(d, "devices: ", r->ndevs);
            }
        }
    }

    /* Duplicates merge into the first; partial overlaps are both kept. */
    for ( i = 0; i < in->nr_regions; i++ )
    {
        if ( !w->honour[i] )
            continue;
        for ( j = 0; j < i; j++ )
        {
            const struct lr_region *a = &in->regions[i], *b = &in->regions[j];
            struct lr_diag *d;

            if ( !w->honour[j] || !lr_range_overlaps(&a->range, &b->range) )
                continue;
            if ( a->range.base == b->range.base &&
                 a->range.last == b->range.last )
            {
                d = diag(w, LR_D_DUPLICATE, LR_SEV_INFO, LR_ACT_MERGED);
                w->honour[i] = 0;   /* merged, not dropped */
            }
            else
                d = diag(w, LR_D_OVERLAP, LR_SEV_WARN, LR_ACT_KEPT);
            if ( d )
            {
                lr_diag_side_region(&d->a, a);
                lr_diag_side_region(&d->b, b);
            }
            if ( !w->honour[i] )
                break;
        }
    }

    /* Fixed platform ranges. */
    for ( i = 0; i < in->nr_regions; i++ )
    {
        const struct lr_platform_range *pr;
        struct lr_range pf;
        struct lr_diag *d;

        if ( !w->honour[i] )
            continue;
        pr = platform_hit(w, &in->regions[i].range);
        if ( !pr )
            continue;
        pf.base = pr->base;
        pf.last = pr->last;
        if ( !compat )
        {
            conflict(w, i, LR_D_CONFLICT_FIXED, &pf, LR_KIND_FIRMWARE,
                     pr->name);
            continue;
        }
        /* Stock Xen: below 1 MiB is an ordinary RAM conflict (later). */
        if ( pr->base < LR_MIB )
            continue;
        if ( pr->base == LR_HVMLOADER_BASE )
        {
            d = diag(w, LR_D_HVMLOADER_BUG, LR_SEV_ERROR, LR_ACT_FAILED);
            w->out->stats.conflicts++;
            set_status(w, LR_E_CONFLICT);
        }
        else
            d = diag(w, LR_D_CONFLICT_FIXED, LR_SEV_WARN, LR_ACT_KEPT);
        if ( d )
        {
            lr_diag_side_region(&d->a, &in->regions[i]);
            side_text(&d->b, &pf, LR_KIND_FIRMWARE, pr->name);
        }
    }
}

/* ---- step 3: vNVDIMM validation ------------------------------------------ */

static void check_vnvdimms(struct work *w)
{
    const struct lr_input *in = w->in;
    const uint64_t mmio_start = LR_4G - in->cfg.mmio_hole_size;
    unsigned int i, j;

    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm *v = &in->vnvdimms[i];
        uint64_t foot;
        struct lr_diag *d;

        w->vnv_ok[i] = 1;
        w->vfoot[i].base = w->vfoot[i].last = 0;
        w->handle[i] = v->handle ? v->handle : i + 1;

        if ( v->backend > LR_LABEL_INBAND || v->policy > LR_POLICY_RELAXED )
        {
            d = vnv_fail(w, i, LR_D_BAD_REGION, NULL, 0, NULL);
            detail(d, "unknown label back end or policy", UINT64_MAX);
            continue;
        }
        if ( v->size == 0 || !lr_is_aligned(v->size, LR_PMEM_SIZE_ALIGN) ||
             v->size > MEM_MAX )
        {
            d = vnv_fail(w, i, LR_D_PMEM_ALIGN, NULL, 0, NULL);
            detail(d, "size must be a non-zero multiple of 2 MiB: ",
                   v->size);
            continue;
        }
        if ( v->backend != LR_LABEL_NONE &&
             (v->label_size < LR_LABEL_SIZE_MIN ||
              !lr_is_aligned(v->label_size, LR_PAGE_SIZE) ||
              v->label_size > v->size) )
        {
            d = vnv_fail(w, i, LR_D_LABEL_SIZE, NULL, 0, NULL);
            detail(d, "label area must be 128 KiB..size, 4 KiB multiple: ",
                   v->label_size);
            continue;
        }
        if ( v->backend == LR_LABEL_NONE && v->label_size )
        {
            d = diag(w, LR_D_LABEL_SIZE, LR_SEV_WARN, LR_ACT_IGNORED);
            detail(d, "label size given without a back end: ",
                   v->label_size);
        }
        for ( j = 0; j < i; j++ )
            if ( w->vnv_ok[j] && w->handle[j] == w->handle[i] )
                break;
        if ( j < i )
        {
            d = vnv_fail(w, i, LR_D_DUPLICATE, NULL, 0, NULL);
            detail(d, "NFIT handle already used: ", w->handle[i]);
            continue;
        }

        foot = v->size + (v->backend == LR_LABEL_INBAND ? v->label_size : 0);
        if ( v->gpa == LR_GPA_AUTO )
            continue;

        if ( !lr_is_aligned(v->gpa, LR_PMEM_SIZE_ALIGN) )
        {
            d = vnv_fail(w, i, LR_D_PMEM_ALIGN, NULL, 0, NULL);
            detail(d, "guest base must be 2 MiB aligned: ", v->gpa);
            continue;
        }
        if ( lr_range_from_size(v->gpa, foot, &w->vfoot[i]) != LR_OK ||
             w->vfoot[i].last > GPA_LAST )
        {
            w->vfoot[i].base = w->vfoot[i].last = 0;
            d = vnv_fail(w, i, LR_D_BAD_REGION, NULL, 0, NULL);
            detail(d, "guest range beyond 2^52: ", v->gpa);
            continue;
        }
        if ( !lr_is_aligned(v->gpa, LR_PMEM_ALIGN_MIN) )
        {
            d = diag(w, LR_D_PMEM_ALIGN, LR_SEV_WARN, LR_ACT_KEPT);
            if ( d )
            {
                char owner[LR_OWNER_LEN];

                vnv_owner(owner, sizeof(owner), i, "");
                side_text(&d->a, &w->vfoot[i], LR_KIND_PMEM, owner);
                detail(d, "Linux wants 128 MiB alignment for fsdax/devdax",
                       UINT64_MAX);
            }
        }
    }

    /* Fixed vNVDIMMs against the platform, the hole, RMRRs, each other. */
    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        const struct lr_platform_range *pr;
        struct lr_range hole = { mmio_start, LR_4G - 1 };
        struct lr_diag *d;

        if ( !w->vnv_ok[i] || in->vnvdimms[i].gpa == LR_GPA_AUTO )
            continue;
        pr = platform_hit(w, &w->vfoot[i]);
        if ( pr )
        {
            struct lr_range pf = { pr->base, pr->last };

            vnv_fail(w, i, LR_D_CONFLICT_FIXED, &pf, LR_KIND_FIRMWARE,
                     pr->name);
            continue;
        }
        for ( j = 0; j < in->nr_regions; j++ )
            if ( w->honour[j] &&
                 lr_range_overlaps(&w->vfoot[i], &in->regions[j].range) )
                break;
        if ( j < in->nr_regions )
        {
            vnv_fail(w, i, LR_D_PMEM_OVERLAP, &in->regions[j].range,
                     in->regions[j].kind, in->regions[j].owner);
            continue;
        }
        for ( j = 0; j < i; j++ )
            if ( w->vnv_ok[j] && in->vnvdimms[j].gpa != LR_GPA_AUTO &&
                 lr_range_overlaps(&w->vfoot[i], &w->vfoot[j]) )
                break;
        if ( j < i )
        {
            char owner[LR_OWNER_LEN];

            vnv_owner(owner, sizeof(owner), j, "");
            vnv_fail(w, i, LR_D_PMEM_OVERLAP, &w->vfoot[j], LR_KIND_PMEM,
                     owner);
            continue;
        }
        if ( lr_range_overlaps(&w->vfoot[i], &hole) )
        {
            d = diag(w, LR_D_PMEM_IN_HOLE, LR_SEV_WARN, LR_ACT_KEPT);
            if ( d )
            {
                char owner[LR_OWNER_LEN];

                vnv_owner(owner, sizeof(owner), i, "");
                side_text(&d->a, &w->vfoot[i], LR_KIND_PMEM, owner);
                side_text(&d->b, &hole, LR_KIND_MMIO32, "MMIO hole");
            }
        }
    }
}

/* ---- step 4: RAM ---------------------------------------------------------- */

static enum lr_status add_ram(struct work *w, uint64_t base, uint64_t size)
{
    struct lr_layout *o = w->out;
    struct lr_ranges ram;
    struct lr_range r;
    enum lr_status st;

    if ( size == 0 )
        return LR_OK;
    st = lr_range_from_size(base, size, &r);
    if ( st != LR_OK )
        return st;
    lr_ranges_init(&ram, o->ram, LR_MAX_RAM);
    ram.nr = o->nr_ram;
    st = lr_ranges_add(&ram, &r);
    o->nr_ram = ram.nr;
    return st;
}

static enum lr_status build_obstacles(struct work *w)
{
    const struct lr_input *in = w->in;
    struct lr_range vga = { LR_VGA_HOLE_BASE, LR_VGA_HOLE_LAST };
    unsigned int i;
    enum lr_status st;

    lr_ranges_init(&w->obst, w->obst_store, NR_OBSTACLES);
    st = lr_ranges_add(&w->obst, &vga);
    for ( i = 0; st == LR_OK && i < in->nr_regions; i++ )
    {
        struct lr_range r;

        if ( !w->honour[i] )
            continue;
        st = lr_range_round_out(&in->regions[i].range, LR_PAGE_SIZE, &r);
        if ( st == LR_OK )
            st = lr_ranges_add(&w->obst, &r);
    }
    for ( i = 0; st == LR_OK && i < in->nr_vnvdimms; i++ )
        if ( w->vnv_ok[i] && in->vnvdimms[i].gpa != LR_GPA_AUTO )
            st = lr_ranges_add(&w->obst, &w->vfoot[i]);
    return st;
}

/* Pack: a GiB whose RAM a reservation breaks (GiB 0 never qualifies: the
 * VGA hole breaks it anyway; nor does the GiB under the MMIO hole). */
static bool pack_broken(const struct work *w, uint64_t gib_base,
                        uint64_t mmio_start)
{
    struct lr_range g = { gib_base, gib_base + LR_GIB - 1 };

    if ( gib_base == 0 )
        return false;
    if ( gib_base < LR_4G && g.last >= mmio_start )
        return false;
    return lr_ranges_first_overlap(&w->obst, &g) != NULL;
}

static void pack_note(struct work *w, uint64_t gib_base)
{
    const struct lr_input *in = w->in;
    struct lr_range g = { gib_base, gib_base + LR_GIB - 1 };
    uint64_t held = LR_GIB - lr_ranges_bytes_in(&w->obst, &g);
    struct lr_diag *d = diag(w, LR_D_PACK_EMPTIED, LR_SEV_INFO,
                             LR_ACT_MOVED_RAM);
    unsigned int i;

    if ( !d )
        return;
    side_text(&d->b, &g, LR_KIND_RAM, "guest RAM");
    d->bytes = held;
    for ( i = 0; i < in->nr_regions; i++ )
        if ( w->honour[i] && lr_range_overlaps(&in->regions[i].range, &g) )
        {
            lr_diag_side_region(&d->a, &in->regions[i]);
            return;
        }
    for ( i = 0; i < in->nr_vnvdimms; i++ )
        if ( w->vnv_ok[i] && in->vnvdimms[i].gpa != LR_GPA_AUTO &&
             lr_range_overlaps(&w->vfoot[i], &g) )
        {
            char owner[LR_OWNER_LEN];

            vnv_owner(owner, sizeof(owner), i, "");
            side_text(&d->a, &w->vfoot[i], LR_KIND_PMEM, owner);
            return;
        }
}

/* Lay RAM from 'start' up to 'last' (inclusive), skipping obstacles. */
static enum lr_status lay_ram(struct work *w, uint64_t start, uint64_t last)
{
    const bool pack = w->in->cfg.strategy == LR_STRATEGY_PACK;
    const uint64_t mmio_start = w->out->mmio_start;
    uint64_t cursor = start;
    enum lr_status st;

    while ( w->remaining && cursor <= last )
    {
        const struct lr_range *ob;
        struct lr_range probe = { cursor, last };
        uint64_t gap_last, take;

        ob = lr_ranges_first_overlap(&w->obst, &probe);
        if ( ob && ob->base <= cursor )
        {
            if ( ob->last >= last )
                break;
            cursor = ob->last + 1;
            continue;
        }
        gap_last = ob ? ob->base - 1 : last;

        if ( pack )
        {
            uint64_t gib_base = lr_align_down(cursor, LR_GIB);
            uint64_t gib_last = gib_base + LR_GIB - 1;

            if ( pack_broken(w, gib_base, mmio_start) )
            {
                if ( gap_last > gib_last )
                    gap_last = gib_last;
                if ( w->remaining > gap_last - cursor + 1 )
                {
                    /* Not the tail: leave the whole GiB empty. */
                    pack_note(w, gib_base);
                    if ( gib_last >= last )
                        break;
                    cursor = gib_last + 1;
                    continue;
                }
            }
            else if ( ob )
            {
                /* The GiBs up to the next obstacle are whole; stop at the
                 * obstacle's GiB if it is one pack empties. */
                uint64_t ob_gib = lr_align_down(ob->base, LR_GIB);

                if ( ob_gib > cursor && pack_broken(w, ob_gib, mmio_start) )
                    gap_last = ob_gib - 1;
            }
        }

        take = gap_last - cursor + 1;
        if ( take > w->remaining )
            take = w->remaining;
        st = add_ram(w, cursor, take);
        if ( st != LR_OK )
            return st;
        w->remaining -= take;
        if ( take == gap_last - cursor + 1 && gap_last == UINT64_MAX )
            break;
        cursor += take;
    }
    return LR_OK;
}

static enum lr_status place_ram_punch(struct work *w)
{
    enum lr_status st;

    w->remaining = w->in->cfg.mem_size - VGA_HOLE_SIZE;
    st = lay_ram(w, 0, w->out->mmio_start - 1);
    if ( st == LR_OK )
        st = lay_ram(w, LR_4G, GPA_LAST);
    if ( st == LR_OK && w->remaining )
        st = LR_E_NOFIT;
    return st;
}

/* Bytes of RAM inside [base, last]. */
static uint64_t ram_in(const struct lr_layout *o, uint64_t base,
                       uint64_t last)
{
    struct lr_range q = { base, last }, x;
    uint64_t n = 0;
    unsigned int i;

    for ( i = 0; i < o->nr_ram; i++ )
        if ( lr_range_intersect(&o->ram[i], &q, &x) )
            n += lr_range_size(&x);
    return n;
}

/* Take up to 'want' bytes of RAM off the top of [base, last], highest
 * bytes first (a chunk that goes on outside the window is cut).  Returns
 * the bytes taken, or 0 when the chunk storage is full. */
static uint64_t trim_top(struct lr_layout *o, uint64_t base, uint64_t last,
                         uint64_t want)
{
    struct lr_range q = { base, last };
    struct lr_ranges ram;
    uint64_t done = 0;
    unsigned int i;

    lr_ranges_init(&ram, o->ram, LR_MAX_RAM);
    ram.nr = o->nr_ram;
    for ( i = ram.nr; i-- > 0 && done < want; )
    {
        struct lr_range x;

        if ( !lr_range_intersect(&o->ram[i], &q, &x) )
            continue;
        if ( lr_range_size(&x) > want - done )
            x.base = x.last - (want - done) + 1;
        if ( lr_ranges_remove(&ram, &x) != LR_OK )
            break;
        done += lr_range_size(&x);     /* chunks below i are as they were */
    }
    o->nr_ram = ram.nr;
    return done;
}

/* The lowest obstacle or RAM chunk overlapping *probe, or NULL. */
static const struct lr_range *first_taken(const struct work *w,
                                          const struct lr_range *probe)
{
    const struct lr_range *ob = lr_ranges_first_overlap(&w->obst, probe);
    const struct lr_layout *o = w->out;
    unsigned int i;

    for ( i = 0; i < o->nr_ram; i++ )
        if ( lr_range_overlaps(&o->ram[i], probe) )
            return !ob || o->ram[i].base < ob->base ? &o->ram[i] : ob;
    return ob;
}

/*
 * Lay w->remaining bytes from 'start' up, whole GiBs first: every GiB
 * slot that neither an obstacle nor RAM touches takes 1 GiB while a GiB
 * is left, then the rest (under 1 GiB) goes into the lowest free space
 * from 'start', around obstacles and that RAM.  'start' is GiB aligned.
 */
static enum lr_status lay_gibs_first(struct work *w, uint64_t start)
{
    uint64_t g, cursor = start;
    enum lr_status st;

    for ( g = start; w->remaining >= LR_GIB && g < GPA_LAST; g += LR_GIB )
    {
        struct lr_range slot = { g, g + LR_GIB - 1 }, rest = { g, GPA_LAST };

        if ( !first_taken(w, &rest) )
        {
            /* Nothing above: all the whole GiBs left in one chunk. */
            uint64_t n = lr_align_down(w->remaining, LR_GIB);

            st = add_ram(w, g, n);
            if ( st != LR_OK )
                return st;
            w->remaining -= n;
            break;
        }
        if ( first_taken(w, &slot) )
            continue;
        st = add_ram(w, g, LR_GIB);
        if ( st != LR_OK )
            return st;
        w->remaining -= LR_GIB;
    }
    while ( w->remaining )
    {
        struct lr_range probe = { cursor, GPA_LAST };
        const struct lr_range *b = first_taken(w, &probe);
        uint64_t take;

        if ( b && b->base <= cursor )
        {
            if ( b->last >= GPA_LAST )
                return LR_E_NOFIT;
            cursor = b->last + 1;
            continue;
        }
        take = (b ? b->base : GPA_LAST + 1) - cursor;
        if ( take > w->remaining )
            take = w->remaining;
        st = add_ram(w, cursor, take);
        if ( st != LR_OK )
            return st;
        w->remaining -= take;
        cursor += take;
    }
    return LR_OK;
}

/*
 * Pack, after the walk: RAM in partial GiBs below 4 GiB (the GiB under
 * the MMIO hole, the tail of RAM, a GiB kept because all that was left
 * fitted before its reservation) maps with 2 MiB extents.  Move RAM off
 * the top of the highest partial GiBs above 4 GiB whenever that completes
 * one more whole GiB there, and only then, so lowmem shrinks only for a
 * 1 GiB extent; then lay RAM above 4 GiB whole GiBs first.  Of GiB 0 only
 * the RAM above its first reservation past the first MiB may move
 * (xen-compat ends lowmem below such a reservation when rdm_mem_boundary
 * is below it): pack never has fewer 1 GiB extents than xen-compat.
 */
static enum lr_status pack_consolidate(struct work *w)
{
    struct lr_layout *o = w->out;
    struct lr_range above1m = { LR_MIB, LR_GIB - 1 };
    const struct lr_range *ob = lr_ranges_first_overlap(&w->obst, &above1m);
    uint64_t floor0 = LR_GIB, high, g;
    enum lr_status st;

    if ( ob )
        floor0 = lr_align_down(ob->base > LR_MIB ? ob->base : LR_MIB, LR_2M);
    high = trim_top(o, LR_4G, GPA_LAST, UINT64_MAX);

    for ( ;; )
    {
        uint64_t need = LR_GIB - (high & (LR_GIB - 1));
        uint64_t partial = 0, taken = 0;

        for ( g = LR_GIB; g < o->mmio_start; g += LR_GIB )
        {
            uint64_t r = ram_in(o, g, g + LR_GIB - 1);

            if ( r < LR_GIB )
                partial += r;
        }
        if ( floor0 < LR_GIB )
            partial += ram_in(o, floor0, LR_GIB - 1);
        if ( partial < need )
            break;
        for ( g = lr_align_down(o->mmio_start - 1, LR_GIB);
              g >= LR_GIB && taken < need; g -= LR_GIB )
        {
            uint64_t r = ram_in(o, g, g + LR_GIB - 1);

            if ( r && r < LR_GIB )
                taken += trim_top(o, g, g + LR_GIB - 1, need - taken);
        }
        if ( taken < need && floor0 < LR_GIB )
            taken += trim_top(o, floor0, LR_GIB - 1, need - taken);
        high += taken;
        if ( taken < need )
            break;
    }
    w->remaining = high;
    st = lay_gibs_first(w, LR_4G);
    if ( st == LR_OK && w->remaining )
        st = LR_E_NOFIT;
    return st;
}

/*
 * Superpage: RAM from 0 up to the low end the configuration sets
 * (superpage_low; default the first GiB), skipping reservations as punch
 * does, and every other byte above 4 GiB, whole GiBs first: for 64-bit
 * guests, the most 1 GiB extents the RAM allows with that much lowmem.
 */
static enum lr_status place_ram_superpage(struct work *w)
{
    const struct lr_config *c = &w->in->cfg;
    uint64_t low = c->superpage_low ? c->superpage_low
                                    : LR_SUPERPAGE_LOW_DEFAULT;
    enum lr_status st;

    if ( low > w->out->mmio_start )
        low = w->out->mmio_start;
    w->remaining = c->mem_size - VGA_HOLE_SIZE;
    st = lay_ram(w, 0, low - 1);
    if ( st == LR_OK )
        st = lay_gibs_first(w, LR_4G);
    if ( st == LR_OK && w->remaining )
        st = LR_E_NOFIT;
    return st;
}

/* After placement: say what each reservation inside RAM cost. */
static void note_punched(struct work *w)
{
    const struct lr_input *in = w->in;
    const struct lr_layout *o = w->out;
    unsigned int i;

    for ( i = 0; i < in->nr_regions; i++ )
    {
        const struct lr_region *r = &in->regions[i];
        struct lr_range below, x;
        struct lr_diag *d;

        if ( !w->honour[i] || o->lowmem_end == 0 ||
             r->range.base >= o->lowmem_end )
            continue;
        below.base = 0;
        below.last = o->lowmem_end - 1;
        if ( !lr_range_intersect(&r->range, &below, &x) )
            continue;
        d = diag(w, LR_D_RAM_MOVED, LR_SEV_INFO, LR_ACT_MOVED_RAM);
        if ( !d )
            continue;
        lr_diag_side_region(&d->a, r);
        side_text(&d->b, &below, LR_KIND_RAM, "guest lowmem");
        d->bytes = lr_range_size(&x);
        if ( r->range.base >= 2 * LR_MIB )
            d->alt_mem = lr_align_down(r->range.base, LR_MIB);
    }
    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        struct lr_range below, x;
        struct lr_diag *d;
        char owner[LR_OWNER_LEN];

        if ( !w->vnv_ok[i] || in->vnvdimms[i].gpa == LR_GPA_AUTO ||
             o->lowmem_end == 0 || w->vfoot[i].base >= o->lowmem_end )
            continue;
        below.base = 0;
        below.last = o->lowmem_end - 1;
        if ( !lr_range_intersect(&w->vfoot[i], &below, &x) )
            continue;
        d = diag(w, LR_D_PMEM_IN_RAM, LR_SEV_WARN, LR_ACT_MOVED_RAM);
        if ( !d )
            continue;
        vnv_owner(owner, sizeof(owner), i, "");
        side_text(&d->a, &w->vfoot[i], LR_KIND_PMEM, owner);
        side_text(&d->b, &below, LR_KIND_RAM, "guest lowmem");
        d->bytes = lr_range_size(&x);
    }
}

static void compat_alternatives(struct work *w, struct lr_diag *d,
                                const struct lr_range *r)
{
    const struct lr_config *c = &w->in->cfg;

    if ( !d || r->base >= LR_4G )
        return;
    if ( r->base >= 2 * LR_MIB )
        d->alt_mem = lr_align_down(r->base, LR_MIB);
    if ( r->base <= c->rdm_boundary && r->base > LR_MIB )
        d->alt_boundary = lr_align_down(r->base - 1, LR_MIB);
    if ( r->base >= LR_4G - LR_MMIO_HOLE_MAX )
    {
        bool ok;
        uint64_t hole = lr_align_up(LR_4G - r->base, LR_MIB, &ok);

        if ( hole < LR_MMIO_HOLE_MIN )
            hole = LR_MMIO_HOLE_MIN;
        if ( ok && hole > c->mmio_hole_size )
            d->alt_hole = hole;
    }
}

/* libxl__domain_device_construct_rdm, then libxl's memory map. */
static enum lr_status place_ram_compat(struct work *w)
{
    const struct lr_input *in = w->in;
    const struct lr_config *c = &in->cfg;
    struct lr_layout *o = w->out;
    uint64_t lowmem_end = c->mem_size, highmem_end = 0;
    unsigned int i, lowered_by = LR_MAX_REGIONS;
    enum lr_status st;

    if ( lowmem_end > o->mmio_start )
    {
        highmem_end = LR_4G + (lowmem_end - o->mmio_start);
        lowmem_end = o->mmio_start;
    }

    /* RDMs above the boundary pull lowmem_end down below them. */
    for ( i = 0; i < in->nr_regions; i++ )
    {
        const struct lr_range *r = &in->regions[i].range;
        uint64_t start = r->base, moved;
        struct lr_diag *d;

        if ( !w->honour[i] || r->base >= lowmem_end ||
             r->base <= c->rdm_boundary )
            continue;
        if ( c->hap && start > 2 * LR_MIB )
            start = lr_align_down(start, LR_2M);
        if ( !highmem_end )
            highmem_end = LR_4G;
        moved = lowmem_end - start;
        highmem_end += moved;
        lowmem_end = start;
        lowered_by = i;
        d = diag(w, LR_D_LOWMEM_LOWERED, LR_SEV_INFO, LR_ACT_MOVED_RAM);
        if ( d )
        {
            struct lr_range lm = { 0, lowmem_end - 1 };

            lr_diag_side_region(&d->a, &in->regions[i]);
            side_text(&d->b, &lm, LR_KIND_RAM, "guest lowmem, now");
            d->bytes = moved;
        }
    }

    /* hvmloader: BUG_ON(low_mem_end < MB(2)).  Only a boundary below
     * 2 MiB lets an RDM pull lowmem that far down. */
    if ( lowered_by < LR_MAX_REGIONS && lowmem_end < 2 * LR_MIB )
    {
        struct lr_diag *d = diag(w, LR_D_HVMLOADER_BUG, LR_SEV_ERROR,
                                 LR_ACT_FAILED);
        struct lr_range lm = { 0, lowmem_end ? lowmem_end - 1 : 0 };

        if ( d )
        {
            lr_diag_side_region(&d->a, &in->regions[lowered_by]);
            side_text(&d->b, &lm, LR_KIND_RAM, "guest lowmem, now");
            detail(d, "lowmem below 2 MiB; rdm_mem_boundary is ",
                   c->rdm_boundary);
        }
        o->stats.conflicts++;
        set_status(w, LR_E_CONFLICT);
    }

    /* Whatever still overlaps RAM: strict fails, relaxed drops. */
    for ( i = 0; i < in->nr_regions; i++ )
    {
        const struct lr_range *r = &in->regions[i].range;
        struct lr_range low = { 0, lowmem_end - 1 };
        struct lr_range high = { LR_4G, highmem_end - 1 };
        const struct lr_range *hit = NULL;
        struct lr_diag *d;

        if ( !w->honour[i] )
            continue;
        if ( lowmem_end && lr_range_overlaps(r, &low) )
            hit = &low;
        else if ( highmem_end > LR_4G && lr_range_overlaps(r, &high) )
            hit = &high;
        if ( !hit )
            continue;
        d = conflict(w, i, LR_D_CONFLICT_RAM, hit, LR_KIND_RAM,
                     hit == &low ? "guest lowmem" : "guest highmem");
        if ( d )
        {
            struct lr_range x;

            if ( lr_range_intersect(r, hit, &x) )
                d->bytes = lr_range_size(&x);
            compat_alternatives(w, d, r);
        }
    }

    /* Fixed vNVDIMMs: stock Xen cannot move RAM for an iomem= range. */
    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        struct lr_range low = { 0, lowmem_end - 1 };
        struct lr_range high = { LR_4G, highmem_end - 1 };

        if ( !w->vnv_ok[i] || in->vnvdimms[i].gpa == LR_GPA_AUTO )
            continue;
        if ( lowmem_end && lr_range_overlaps(&w->vfoot[i], &low) )
            vnv_fail(w, i, LR_D_PMEM_IN_RAM, &low, LR_KIND_RAM,
                     "guest lowmem");
        else if ( highmem_end > LR_4G &&
                  lr_range_overlaps(&w->vfoot[i], &high) )
            vnv_fail(w, i, LR_D_PMEM_IN_RAM, &high, LR_KIND_RAM,
                     "guest highmem");
    }

    st = add_ram(w, 0, lowmem_end < LR_VGA_HOLE_BASE ? lowmem_end
                                                      : LR_VGA_HOLE_BASE);
    if ( st == LR_OK && lowmem_end > LR_VGA_HOLE_LAST + 1 )
        st = add_ram(w, LR_VGA_HOLE_LAST + 1,
                     lowmem_end - (LR_VGA_HOLE_LAST + 1));
    if ( st == LR_OK && highmem_end > LR_4G )
        st = add_ram(w, LR_4G, highmem_end - LR_4G);
    return st;
}

/* ---- step 5: vNVDIMM placement ------------------------------------------- */

static void add_reserved(struct work *w, const struct lr_range *r,
                         enum lr_kind kind, enum lr_policy pol,
                         const char *owner, unsigned int src)
{
    struct lr_layout *o = w->out;

    if ( o->nr_reserved >= LR_MAX_RESERVED )
    {
        set_status(w, LR_E_NOSPACE);
        return;
    }
    lr_region_set(&o->reserved[o->nr_reserved], r, kind, pol, owner);
    o->reserved[o->nr_reserved].src = src;
    o->nr_reserved++;
}

static void place_vnvdimms(struct work *w)
{
    const struct lr_input *in = w->in;
    struct lr_layout *o = w->out;
    uint64_t base_min = o->highmem_end;
    unsigned int i, mailboxes = 0;

    if ( base_min < in->cfg.pmem_base_min )
        base_min = in->cfg.pmem_base_min;

    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm *v = &in->vnvdimms[i];
        struct lr_vnvdimm_place *p = &o->vnv[i];
        char owner[LR_OWNER_LEN];
        struct lr_diag *d;

        p->handle = w->handle[i];
        p->serial = v->serial;
        p->backend = v->backend;
        p->host_base = v->host_base;
        if ( !w->vnv_ok[i] )
            continue;

        if ( v->gpa == LR_GPA_AUTO )
        {
            uint64_t foot = v->size +
                (v->backend == LR_LABEL_INBAND ? v->label_size : 0);
            struct lr_range win = { base_min, GPA_LAST };

            if ( lr_ranges_find_fit(&w->obst, &win, foot,
                                    in->cfg.pmem_align,
                                    &w->vfoot[i]) != LR_OK ||
                 lr_ranges_add(&w->obst, &w->vfoot[i]) != LR_OK )
            {
                w->vfoot[i].base = w->vfoot[i].last = 0;
                vnv_fail(w, i, LR_D_PMEM_NOFIT, &win, LR_KIND_MMIO64,
                         "free guest-physical space");
                continue;
            }
            d = diag(w, LR_D_PMEM_PLACED, LR_SEV_INFO, LR_ACT_PLACED);
            if ( d )
            {
                vnv_owner(owner, sizeof(owner), i, "");
                side_text(&d->a, &w->vfoot[i], LR_KIND_PMEM, owner);
                detail(d, "aligned to ", in->cfg.pmem_align);
            }
        }

        /* Mailbox pages go down from just below the ioreq-server pages,
         * inside the range hvmloader already reserves. */
        if ( v->backend == LR_LABEL_MAILBOX )
        {
            struct lr_range pg;

            pg.base = LR_DSM_PAGES_TOP - (uint64_t)(mailboxes + 1) *
                      LR_PAGE_SIZE;
            pg.last = pg.base + LR_PAGE_SIZE - 1;
            if ( lr_ranges_first_overlap(&w->obst, &pg) ||
                 lr_ranges_add(&w->obst, &pg) != LR_OK )
            {
                vnv_fail(w, i, LR_D_DSM_NOFIT, &pg, LR_KIND_DSM,
                         "_DSM mailbox page");
                continue;
            }
            mailboxes++;
            p->dsm = pg;
            p->has_dsm = 1;
        }

        p->placed = 1;
        p->data.base = w->vfoot[i].base;
        p->data.last = w->vfoot[i].base + v->size - 1;
        if ( v->backend == LR_LABEL_INBAND )
        {
            p->label.base = p->data.last + 1;
            p->label.last = w->vfoot[i].last;
            p->has_label = 1;
        }
    }
}

/* ---- step 6: results ------------------------------------------------------ */

static void sort_regions(struct lr_region *r, unsigned int n)
{
    unsigned int i, j;

    /* Insertion sort: stable, tiny n, no recursion (hvmloader's stack). */
    for ( i = 1; i < n; i++ )
    {
        struct lr_region t = r[i];

        for ( j = i; j > 0 && (r[j - 1].range.base > t.range.base ||
                               (r[j - 1].range.base == t.range.base &&
                                r[j - 1].range.last > t.range.last)); j-- )
            r[j] = r[j - 1];
        r[j] = t;
    }
}

static void finish(struct work *w)
{
    const struct lr_input *in = w->in;
    struct lr_layout *o = w->out;
    struct lr_stats *s = &o->stats;
    uint64_t forced;
    unsigned int i;

    for ( i = 0; i < in->nr_regions; i++ )
        if ( w->honour[i] )
            add_reserved(w, &in->regions[i].range, in->regions[i].kind,
                         in->regions[i].policy, in->regions[i].owner, i);
    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm_place *p = &o->vnv[i];
        char owner[LR_OWNER_LEN];

        if ( !p->placed )
            continue;
        vnv_owner(owner, sizeof(owner), i, "");
        add_reserved(w, &p->data, LR_KIND_PMEM, in->vnvdimms[i].policy,
                     owner, i);
        if ( p->has_label )
        {
            vnv_owner(owner, sizeof(owner), i, " label area");
            add_reserved(w, &p->label, LR_KIND_LABEL,
                         in->vnvdimms[i].policy, owner, i);
        }
        if ( p->has_dsm )
        {
            vnv_owner(owner, sizeof(owner), i, " _DSM mailbox");
            add_reserved(w, &p->dsm, LR_KIND_DSM, in->vnvdimms[i].policy,
                         owner, i);
        }
    }
    o->nr_vnvdimms = in->nr_vnvdimms;
    sort_regions(o->reserved, o->nr_reserved);

    for ( i = 0; i < o->nr_ram; i++ )
    {
        uint64_t sz = lr_range_size(&o->ram[i]);

        s->ram_total += sz;
        if ( o->ram[i].base < LR_4G )
            s->ram_below_4g += sz;
        else
            s->ram_above_4g += sz;
        lr_count_mappings(&o->ram[i], &s->map_1g, &s->map_2m, &s->map_4k);
    }
    forced = in->cfg.mem_size > o->mmio_start ?
             in->cfg.mem_size - o->mmio_start : 0;
    s->displaced = s->ram_above_4g > forced ? s->ram_above_4g - forced : 0;
}

static void set_ends(struct lr_layout *o)
{
    unsigned int i;

    o->lowmem_end = 0;
    o->highmem_end = LR_4G;
    for ( i = 0; i < o->nr_ram; i++ )
    {
        uint64_t end = lr_range_end(&o->ram[i]);

        if ( o->ram[i].base < LR_4G )
            o->lowmem_end = end;
        else
            o->highmem_end = end;
    }
}

enum lr_status lr_layout_build(const struct lr_input *in,
                               struct lr_layout *out)
{
    struct work w;
    enum lr_status st;

    memset(out, 0, sizeof(*out));
    lr_diags_init(&out->diags, out->diag_store, LR_MAX_DIAGS);
    out->cfg = in->cfg;
    memset(&w, 0, sizeof(w));
    w.in = in;
    w.out = out;

    if ( !check_config(&w) )
    {
        out->status = w.status;
        return out->status;
    }
    out->mmio_start = LR_4G - in->cfg.mmio_hole_size;

    check_regions(&w);
    check_vnvdimms(&w);

    st = build_obstacles(&w);
    if ( st == LR_OK )
    {
        switch ( in->cfg.strategy )
        {
        case LR_STRATEGY_XEN_COMPAT:
            st = place_ram_compat(&w);
            break;
        case LR_STRATEGY_SUPERPAGE:
            st = place_ram_superpage(&w);
            break;
        default:
            st = place_ram_punch(&w);
            if ( st == LR_OK && in->cfg.strategy == LR_STRATEGY_PACK )
                st = pack_consolidate(&w);
            break;
        }
    }
    if ( st != LR_OK )
    {
        struct lr_diag *d = diag(&w, st == LR_E_NOSPACE ? LR_D_TOO_MANY :
                                 LR_D_BAD_CONFIG, LR_SEV_ERROR,
                                 LR_ACT_FAILED);

        detail(d, st == LR_E_NOSPACE ? "RAM needs more chunks than "
               "LR_MAX_RAM" : "no room for guest RAM", UINT64_MAX);
        set_status(&w, st);
    }
    set_ends(out);
    if ( in->cfg.strategy != LR_STRATEGY_XEN_COMPAT )
        note_punched(&w);
    place_vnvdimms(&w);
    finish(&w);
    out->status = w.status;
    return out->status;
}

void lr_layout_copy(struct lr_layout *dst, const struct lr_layout *src)
{
    memcpy(dst, src, sizeof(*dst));
    dst->diags.d = dst->diag_store;
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
