/* SPDX-License-Identifier: MIT */
/* The diagnostics the layout steps share (layout_int.h). */
#include <libreserve/fmt.h>
#include "layout_int.h"
#include "lr_libc.h"

void lr_work_fail(struct work *w, enum lr_status st)
{
    if ( w->status == LR_OK )
        w->status = st;
}

struct lr_diag *lr_work_diag(struct work *w, enum lr_diag_code code,
                             enum lr_severity sev, enum lr_action act)
{
    return lr_diag_add(&w->out->diags, code, sev, act);
}

void lr_work_full(struct work *w, const char *list, unsigned int cap)
{
    struct lr_diag *d;

    if ( w->status == LR_E_NOSPACE )
        return;                                 /* said once */
    d = lr_work_diag(w, LR_D_TOO_MANY, LR_SEV_ERROR, LR_ACT_FAILED);
    lr_work_detail(d, list, cap);
    lr_work_fail(w, LR_E_NOSPACE);
}

void lr_work_detail(struct lr_diag *d, const char *a, uint64_t v)
{
    struct lr_buf b;

    if ( !d )
        return;
    lr_buf_init(&b, d->detail, sizeof(d->detail));
    lr_buf_str(&b, a);
    if ( v != UINT64_MAX )
        lr_buf_hex(&b, v, 0);
}

void lr_vnv_owner(char *buf, size_t len, unsigned int i, const char *what)
{
    struct lr_buf b;

    lr_buf_init(&b, buf, len);
    lr_buf_str(&b, "vNVDIMM ");
    lr_buf_dec(&b, i);
    lr_buf_str(&b, what);
}

void lr_vnv_side(const struct work *w, struct lr_diag_side *s,
                 unsigned int i)
{
    char owner[LR_OWNER_LEN];

    lr_vnv_owner(owner, sizeof(owner), i, "");
    lr_diag_side_range(s, &w->vfoot[i], LR_KIND_PMEM, owner);
}

void lr_drop_region(struct work *w, unsigned int i)
{
    struct lr_layout *o = w->out;

    if ( !w->honour[i] )
        return;
    w->honour[i] = 0;
    if ( o->nr_dropped < o->cap.dropped )
        o->dropped[o->nr_dropped++] = w->in->regions[i];
    else
        lr_work_full(w, "dropped reservations beyond storage ", o->cap.dropped);
    o->stats.dropped++;
}

/* An input with 'policy' cannot be used: strict fails the build (an
 * error, counted as a conflict), relaxed drops it (a warning). */
static struct lr_diag *refuse(struct work *w, enum lr_diag_code code,
                              unsigned int policy)
{
    bool strict = policy != LR_POLICY_RELAXED;

    if ( strict )
    {
        w->out->stats.conflicts++;
        lr_work_fail(w, LR_E_CONFLICT);
    }
    return lr_work_diag(w, code, strict ? LR_SEV_ERROR : LR_SEV_WARN,
                        strict ? LR_ACT_FAILED : LR_ACT_DROPPED);
}

struct lr_diag *lr_conflict(struct work *w, unsigned int i,
                            enum lr_diag_code code,
                            const struct lr_range *other,
                            enum lr_kind okind, const char *oowner)
{
    const struct lr_region *r = &w->in->regions[i];
    struct lr_diag *d = refuse(w, code, r->policy);

    if ( d )
    {
        lr_diag_side_region(&d->a, r);
        if ( other )
            lr_diag_side_range(&d->b, other, okind, oowner);
    }
    lr_drop_region(w, i);
    return d;
}

struct lr_diag *lr_vnv_fail(struct work *w, unsigned int i,
                            enum lr_diag_code code,
                            const struct lr_range *other,
                            enum lr_kind okind, const char *oowner)
{
    const struct lr_vnvdimm *v = &w->in->vnvdimms[i];
    struct lr_diag *d = refuse(w, code, v->policy);

    if ( d )
    {
        struct lr_range *f = &w->vfoot[i];
        char owner[LR_OWNER_LEN];
        struct lr_range r;

        /* The footprint once known, else the asked-for base. */
        if ( f->last >= f->base && f->last != 0 )
            r = *f;
        else
        {
            r.base = v->gpa == LR_GPA_AUTO ? 0 : v->gpa;
            r.last = r.base;
        }
        lr_vnv_owner(owner, sizeof(owner), i, "");
        lr_diag_side_range(&d->a, &r, LR_KIND_PMEM, owner);
        d->a.policy = v->policy;
        if ( other )
            lr_diag_side_range(&d->b, other, okind, oowner);
    }
    w->vnv_ok[i] = 0;
    return d;
}

const struct lr_platform_range *lr_platform_hit(const struct work *w,
                                                const struct lr_range *r)
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
