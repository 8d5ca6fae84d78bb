/* SPDX-License-Identifier: MIT */
/*
 * vNVDIMMs: step 3 checks each one (size, label area, handle, a fixed
 * guest base against the platform, the reservations and each other);
 * step 5, after RAM, places the automatic ones above it and gives each
 * mailbox back end its _DSM page.
 */
#include "layout_int.h"

/* ---- step 3: checks ------------------------------------------------------ */

/* What makes vNVDIMM i unusable whatever its base (with the diagnostic
 * code and the value its detail shows), or NULL. */
static const char *vnv_problem(const struct work *w, unsigned int i,
                               enum lr_diag_code *code, uint64_t *val)
{
    const struct lr_vnvdimm *v = &w->in->vnvdimms[i];

    *code = LR_D_BAD_REGION;
    *val = UINT64_MAX;
    if ( v->backend > LR_LABEL_INBAND || v->policy > LR_POLICY_RELAXED )
        return "unknown label back end or policy";
    *code = LR_D_PMEM_ALIGN;
    *val = v->size;
    if ( v->size == 0 || !lr_is_aligned(v->size, LR_PMEM_SIZE_ALIGN) ||
         v->size > MEM_MAX )
        return "size must be a non-zero multiple of 2 MiB: ";
    *code = LR_D_LABEL_SIZE;
    *val = v->label_size;
    if ( v->backend != LR_LABEL_NONE &&
         (v->label_size < LR_LABEL_SIZE_MIN ||
          !lr_is_aligned(v->label_size, LR_PAGE_SIZE) ||
          v->label_size > v->size) )
        return "label area must be 128 KiB..size, 4 KiB multiple: ";
    return NULL;
}

/* Whether vNVDIMM i's NFIT handle is already taken by a usable one. */
static bool handle_taken(const struct work *w, unsigned int i)
{
    unsigned int j;

    for ( j = 0; j < i; j++ )
        if ( w->vnv_ok[j] && w->handle[j] == w->handle[i] )
            return true;
    return false;
}

/* A fixed base: aligned, inside 2^52 (sets the footprint), and a note
 * when Linux cannot use it for fsdax/devdax. */
static void check_gpa(struct work *w, unsigned int i)
{
    const struct lr_vnvdimm *v = &w->in->vnvdimms[i];
    uint64_t foot = v->size +
                    (v->backend == LR_LABEL_INBAND ? v->label_size : 0);
    struct lr_diag *d;

    if ( !lr_is_aligned(v->gpa, LR_PMEM_SIZE_ALIGN) )
    {
        d = lr_vnv_fail(w, i, LR_D_PMEM_ALIGN, NULL, 0, NULL);
        lr_work_detail(d, "guest base must be 2 MiB aligned: ", v->gpa);
        return;
    }
    if ( lr_range_from_size(v->gpa, foot, &w->vfoot[i]) != LR_OK ||
         w->vfoot[i].last > GPA_LAST )
    {
        w->vfoot[i].base = w->vfoot[i].last = 0;
        d = lr_vnv_fail(w, i, LR_D_BAD_REGION, NULL, 0, NULL);
        lr_work_detail(d, "guest range beyond 2^52: ", v->gpa);
        return;
    }
    if ( !lr_is_aligned(v->gpa, LR_PMEM_ALIGN_MIN) )
    {
        d = lr_work_diag(w, LR_D_PMEM_ALIGN, LR_SEV_WARN, LR_ACT_KEPT);
        if ( d )
        {
            lr_vnv_side(w, &d->a, i);
            lr_work_detail(d, "Linux wants 128 MiB alignment for "
                           "fsdax/devdax", UINT64_MAX);
        }
    }
}

/* vNVDIMM i on its own. */
static void check_one_vnvdimm(struct work *w, unsigned int i)
{
    const struct lr_vnvdimm *v = &w->in->vnvdimms[i];
    const char *problem;
    enum lr_diag_code code;
    uint64_t val;
    struct lr_diag *d;

    w->vnv_ok[i] = 1;
    w->vfoot[i].base = w->vfoot[i].last = 0;
    w->handle[i] = v->handle ? v->handle : i + 1;

    problem = vnv_problem(w, i, &code, &val);
    if ( problem )
    {
        d = lr_vnv_fail(w, i, code, NULL, 0, NULL);
        lr_work_detail(d, problem, val);
        return;
    }
    if ( v->backend == LR_LABEL_NONE && v->label_size )
    {
        d = lr_work_diag(w, LR_D_LABEL_SIZE, LR_SEV_WARN, LR_ACT_IGNORED);
        lr_work_detail(d, "label size given without a back end: ",
                       v->label_size);
    }
    if ( handle_taken(w, i) )
    {
        d = lr_vnv_fail(w, i, LR_D_DUPLICATE, NULL, 0, NULL);
        lr_work_detail(d, "NFIT handle already used: ", w->handle[i]);
        return;
    }
    if ( v->gpa != LR_GPA_AUTO )
        check_gpa(w, i);
}

/* The first honoured region fixed vNVDIMM i overlaps (nr_regions:
 * none). */
static unsigned int region_under(const struct work *w, unsigned int i)
{
    unsigned int j;

    for ( j = 0; j < w->in->nr_regions; j++ )
        if ( w->honour[j] &&
             lr_range_overlaps(&w->vfoot[i], &w->in->regions[j].range) )
            break;
    return j;
}

/* The first fixed vNVDIMM before i that i overlaps (i: none). */
static unsigned int vnvdimm_under(const struct work *w, unsigned int i)
{
    unsigned int j;

    for ( j = 0; j < i; j++ )
        if ( lr_vnv_fixed(w, j) &&
             lr_range_overlaps(&w->vfoot[i], &w->vfoot[j]) )
            break;
    return j;
}

/* Fixed vNVDIMM i against the platform, the RMRRs, the vNVDIMMs before
 * it (each fails it) and the MMIO hole (a warning). */
static void check_fixed_vnvdimm(struct work *w, unsigned int i)
{
    const struct lr_input *in = w->in;
    const struct lr_platform_range *pr = lr_platform_hit(w, &w->vfoot[i]);
    struct lr_range hole = { LR_4G - in->cfg.mmio_hole_size, LR_4G - 1 };
    unsigned int j;
    struct lr_diag *d;

    if ( pr )
    {
        struct lr_range pf = { pr->base, pr->last };

        lr_vnv_fail(w, i, LR_D_CONFLICT_FIXED, &pf, LR_KIND_FIRMWARE,
                    pr->name);
        return;
    }
    j = region_under(w, i);
    if ( j < in->nr_regions )
    {
        lr_vnv_fail(w, i, LR_D_PMEM_OVERLAP, &in->regions[j].range,
                    in->regions[j].kind, in->regions[j].owner);
        return;
    }
    j = vnvdimm_under(w, i);
    if ( j < i )
    {
        char owner[LR_OWNER_LEN];

        lr_vnv_owner(owner, sizeof(owner), j, "");
        lr_vnv_fail(w, i, LR_D_PMEM_OVERLAP, &w->vfoot[j], LR_KIND_PMEM,
                    owner);
        return;
    }
    if ( !lr_range_overlaps(&w->vfoot[i], &hole) )
        return;
    d = lr_work_diag(w, LR_D_PMEM_IN_HOLE, LR_SEV_WARN, LR_ACT_KEPT);
    if ( d )
    {
        lr_vnv_side(w, &d->a, i);
        lr_diag_side_range(&d->b, &hole, LR_KIND_MMIO32, "MMIO hole");
    }
}

void lr_check_vnvdimms(struct work *w)
{
    unsigned int i;

    for ( i = 0; i < w->in->nr_vnvdimms; i++ )
        check_one_vnvdimm(w, i);
    for ( i = 0; i < w->in->nr_vnvdimms; i++ )
        if ( lr_vnv_fixed(w, i) )
            check_fixed_vnvdimm(w, i);
}

/* ---- step 5: placement --------------------------------------------------- */

/* Automatic vNVDIMM i: the lowest aligned free space from base_min. */
static bool place_auto(struct work *w, unsigned int i, uint64_t base_min)
{
    const struct lr_vnvdimm *v = &w->in->vnvdimms[i];
    uint64_t align = w->in->cfg.pmem_align;
    uint64_t foot = v->size +
                    (v->backend == LR_LABEL_INBAND ? v->label_size : 0);
    struct lr_range win = { base_min, GPA_LAST };
    struct lr_diag *d;

    if ( lr_ranges_find_fit(&w->obst, &win, foot, align,
                            &w->vfoot[i]) != LR_OK ||
         lr_ranges_add(&w->obst, &w->vfoot[i]) != LR_OK )
    {
        w->vfoot[i].base = w->vfoot[i].last = 0;
        lr_vnv_fail(w, i, LR_D_PMEM_NOFIT, &win, LR_KIND_MMIO64,
                    "free guest-physical space");
        return false;
    }
    d = lr_work_diag(w, LR_D_PMEM_PLACED, LR_SEV_INFO, LR_ACT_PLACED);
    if ( d )
    {
        lr_vnv_side(w, &d->a, i);
        lr_work_detail(d, "aligned to ", align);
    }
    return true;
}

/* Mailbox pages go down from just below the ioreq-server pages, inside
 * the range hvmloader already reserves; *mailboxes counts them. */
static bool place_mailbox(struct work *w, unsigned int i,
                          unsigned int *mailboxes)
{
    struct lr_vnvdimm_place *p = &w->out->vnv[i];
    struct lr_range pg;

    pg.base = LR_DSM_PAGES_TOP - (uint64_t)(*mailboxes + 1) * LR_PAGE_SIZE;
    pg.last = pg.base + LR_PAGE_SIZE - 1;
    if ( lr_ranges_first_overlap(&w->obst, &pg) ||
         lr_ranges_add(&w->obst, &pg) != LR_OK )
    {
        lr_vnv_fail(w, i, LR_D_DSM_NOFIT, &pg, LR_KIND_DSM,
                    "_DSM mailbox page");
        return false;
    }
    (*mailboxes)++;
    p->dsm = pg;
    p->has_dsm = 1;
    return true;
}

/* The data and label ranges of placed vNVDIMM i. */
static void set_placed(struct work *w, unsigned int i)
{
    const struct lr_vnvdimm *v = &w->in->vnvdimms[i];
    struct lr_vnvdimm_place *p = &w->out->vnv[i];

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

void lr_place_vnvdimms(struct work *w)
{
    const struct lr_input *in = w->in;
    uint64_t base_min = w->out->highmem_end;
    unsigned int i, mailboxes = 0;

    if ( base_min < in->cfg.pmem_base_min )
        base_min = in->cfg.pmem_base_min;
    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm *v = &in->vnvdimms[i];
        struct lr_vnvdimm_place *p = &w->out->vnv[i];

        p->handle = w->handle[i];
        p->serial = v->serial;
        p->backend = v->backend;
        p->host_base = v->host_base;
        if ( !w->vnv_ok[i] ||
             (v->gpa == LR_GPA_AUTO && !place_auto(w, i, base_min)) ||
             (v->backend == LR_LABEL_MAILBOX &&
              !place_mailbox(w, i, &mailboxes)) )
            continue;
        set_placed(w, i);
    }
}
