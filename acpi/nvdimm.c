/* SPDX-License-Identifier: MIT */
/*
 * Rules every vNVDIMM set must satisfy before tables are built.
 */
#include <acpi/nvdimm.h>
#include <libreserve/range.h>

static const char *const problem_names[] = {
    [LR_ACPI_NV_OK] = "LR_ACPI_NV_OK",
    [LR_ACPI_NV_TOO_MANY] = "LR_ACPI_NV_TOO_MANY",
    [LR_ACPI_NV_SPA_EMPTY] = "LR_ACPI_NV_SPA_EMPTY",
    [LR_ACPI_NV_SPA_WRAP] = "LR_ACPI_NV_SPA_WRAP",
    [LR_ACPI_NV_SPA_ALIGN] = "LR_ACPI_NV_SPA_ALIGN",
    [LR_ACPI_NV_SPA_OVERLAP] = "LR_ACPI_NV_SPA_OVERLAP",
    [LR_ACPI_NV_HANDLE_ZERO] = "LR_ACPI_NV_HANDLE_ZERO",
    [LR_ACPI_NV_HANDLE_DUP] = "LR_ACPI_NV_HANDLE_DUP",
    [LR_ACPI_NV_BACKEND] = "LR_ACPI_NV_BACKEND",
    [LR_ACPI_NV_LABEL_SIZE] = "LR_ACPI_NV_LABEL_SIZE",
    [LR_ACPI_NV_LABEL_ALIGN] = "LR_ACPI_NV_LABEL_ALIGN",
    [LR_ACPI_NV_LABEL_WRAP] = "LR_ACPI_NV_LABEL_WRAP",
    [LR_ACPI_NV_LABEL_OVERLAP] = "LR_ACPI_NV_LABEL_OVERLAP",
    [LR_ACPI_NV_DSM_PAGE] = "LR_ACPI_NV_DSM_PAGE",
    [LR_ACPI_NV_DSM_OVERLAP] = "LR_ACPI_NV_DSM_OVERLAP",
};

const char *lr_acpi_nvdimm_problem_name(enum lr_acpi_nvdimm_problem p)
{
    if ( (unsigned int)p >= sizeof(problem_names) / sizeof(problem_names[0])
         || !problem_names[p] )
        return "LR_ACPI_NV_UNKNOWN";
    return problem_names[p];
}

uint16_t lr_acpi_nvdimm_vendor(const struct lr_acpi_nvdimm *d)
{
    return d->vendor_id ? d->vendor_id : 0x8086;
}

uint16_t lr_acpi_nvdimm_device(const struct lr_acpi_nvdimm *d)
{
    return d->device_id ? d->device_id : 0x0001;
}

uint16_t lr_acpi_nvdimm_revision(const struct lr_acpi_nvdimm *d)
{
    return d->revision_id ? d->revision_id : 0x0001;
}

uint16_t lr_acpi_nvdimm_port(const struct lr_acpi_nvdimm *d)
{
    return d->dsm_port ? d->dsm_port : LR_ACPI_DSM_PORT_DEFAULT;
}

/* [base, base + size - 1] in the project's range convention; false if
 * size is 0 or the range would pass 2^64 - 1.  (Not lr_range_from_size():
 * acpi/ links without libreserve.) */
static bool to_range(uint64_t base, uint64_t size, struct lr_range *r)
{
    if ( size == 0 || size - 1 > UINT64_MAX - base )
        return false;
    r->base = base;
    r->last = base + (size - 1);
    return true;
}

/* Both described by base + size, already checked by to_range(). */
static bool overlaps(uint64_t b1, uint64_t s1, uint64_t b2, uint64_t s2)
{
    struct lr_range r1, r2;

    return to_range(b1, s1, &r1) && to_range(b2, s2, &r2) &&
           lr_range_overlaps(&r1, &r2);
}

static enum lr_status report(struct lr_acpi_nvdimm_fault *f,
                             enum lr_acpi_nvdimm_problem p, unsigned int i,
                             unsigned int j, enum lr_status st)
{
    if ( f )
    {
        f->problem = p;
        f->index = i;
        f->other = j;
    }
    return st;
}

/* Check one vNVDIMM on its own. */
static enum lr_status check_one(const struct lr_acpi_nvdimm *d,
                                unsigned int i,
                                struct lr_acpi_nvdimm_fault *f)
{
    const uint64_t amask = LR_ACPI_NVDIMM_ALIGN - 1;
    const uint64_t lmask = LR_ACPI_LABEL_ALIGN - 1;
    struct lr_range r;

    if ( d->spa_size == 0 )
        return report(f, LR_ACPI_NV_SPA_EMPTY, i, i, LR_E_EMPTY);
    if ( !to_range(d->spa_base, d->spa_size, &r) )
        return report(f, LR_ACPI_NV_SPA_WRAP, i, i, LR_E_WRAP);
    if ( (d->spa_base & amask) || (d->spa_size & amask) )
        return report(f, LR_ACPI_NV_SPA_ALIGN, i, i, LR_E_ALIGN);
    if ( d->handle == 0 )
        return report(f, LR_ACPI_NV_HANDLE_ZERO, i, i, LR_E_INVAL);
    switch ( d->backend )
    {
    case LR_ACPI_LABEL_NONE:
        break;
    case LR_ACPI_LABEL_INBAND:
        if ( d->label_size < LR_ACPI_LABEL_MIN ||
             d->label_size > LR_ACPI_LABEL_MAX )
            return report(f, LR_ACPI_NV_LABEL_SIZE, i, i, LR_E_INVAL);
        if ( (d->label_base & lmask) || (d->label_size & lmask) )
            return report(f, LR_ACPI_NV_LABEL_ALIGN, i, i, LR_E_ALIGN);
        if ( !to_range(d->label_base, d->label_size, &r) )
            return report(f, LR_ACPI_NV_LABEL_WRAP, i, i, LR_E_WRAP);
        if ( overlaps(d->label_base, d->label_size, d->spa_base,
                      d->spa_size) )
            return report(f, LR_ACPI_NV_LABEL_OVERLAP, i, i, LR_E_OVERLAP);
        break;
    case LR_ACPI_LABEL_MAILBOX:
        if ( d->dsm_page == 0 || (d->dsm_page & (LR_ACPI_DSM_PAGE_SIZE - 1))
             || d->dsm_page > 0x100000000ull - LR_ACPI_DSM_PAGE_SIZE )
            return report(f, LR_ACPI_NV_DSM_PAGE, i, i, LR_E_ALIGN);
        if ( overlaps(d->dsm_page, LR_ACPI_DSM_PAGE_SIZE, d->spa_base,
                      d->spa_size) )
            return report(f, LR_ACPI_NV_DSM_OVERLAP, i, i, LR_E_OVERLAP);
        break;
    default:
        return report(f, LR_ACPI_NV_BACKEND, i, i, LR_E_INVAL);
    }
    return report(f, LR_ACPI_NV_OK, i, i, LR_OK);
}

enum lr_status lr_acpi_nvdimm_check(const struct lr_acpi_nvdimm *d,
                                    unsigned int n,
                                    struct lr_acpi_nvdimm_fault *f)
{
    enum lr_status st;
    unsigned int i, j;

    if ( n > LR_ACPI_NVDIMM_MAX )
        return report(f, LR_ACPI_NV_TOO_MANY, LR_ACPI_NVDIMM_MAX, n,
                      LR_E_BUDGET);
    for ( i = 0; i < n; i++ )
    {
        st = check_one(&d[i], i, f);
        if ( st != LR_OK )
            return st;
    }
    for ( i = 0; i < n; i++ )
        for ( j = 0; j < n; j++ )
        {
            const struct lr_acpi_nvdimm *a = &d[i], *c = &d[j];

            if ( i < j && a->handle == c->handle )
                return report(f, LR_ACPI_NV_HANDLE_DUP, i, j, LR_E_CONFLICT);
            if ( i < j && overlaps(a->spa_base, a->spa_size, c->spa_base,
                                   c->spa_size) )
                return report(f, LR_ACPI_NV_SPA_OVERLAP, i, j,
                              LR_E_OVERLAP);
            if ( i == j )
                continue;
            if ( a->backend == LR_ACPI_LABEL_INBAND &&
                 (overlaps(a->label_base, a->label_size, c->spa_base,
                           c->spa_size) ||
                  (c->backend == LR_ACPI_LABEL_INBAND && i < j &&
                   overlaps(a->label_base, a->label_size, c->label_base,
                            c->label_size))) )
                return report(f, LR_ACPI_NV_LABEL_OVERLAP, i, j,
                              LR_E_OVERLAP);
            if ( a->backend == LR_ACPI_LABEL_MAILBOX &&
                 (overlaps(a->dsm_page, LR_ACPI_DSM_PAGE_SIZE, c->spa_base,
                           c->spa_size) ||
                  (c->backend == LR_ACPI_LABEL_INBAND &&
                   overlaps(a->dsm_page, LR_ACPI_DSM_PAGE_SIZE,
                            c->label_base, c->label_size))) )
                return report(f, LR_ACPI_NV_DSM_OVERLAP, i, j,
                              LR_E_OVERLAP);
        }
    return report(f, LR_ACPI_NV_OK, 0, 0, LR_OK);
}
