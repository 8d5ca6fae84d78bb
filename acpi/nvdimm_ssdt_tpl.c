/* SPDX-License-Identifier: MIT */
/*
 * The vNVDIMM SSDT from its template (nvdimm_ssdt.h, ssdt_tpl.h): the
 * builder's bytes with each vNVDIMM's values, its name and the PkgLengths
 * around them filled in.  What hvmloader links instead of the builder and
 * aml.c; tests/acpi/test_tables.c checks that both give the same bytes.
 */
#include <acpi/aml.h>
#include <acpi/nvdimm_ssdt.h>
#include "../libreserve/lr_libc.h"
#include "ssdt_tpl.h"
#include "nvdimm_ssdt_tpl.inc"

struct tpl {
    const struct lr_acpi_nvdimm *d;
    unsigned int n;
    unsigned int cur;       /* the vNVDIMM a device program is run for */
    unsigned int parts;
};

unsigned int lr_nvdimm_ssdt_parts(const struct lr_acpi_nvdimm *d,
                                  unsigned int n)
{
    unsigned int i, mask = 1u << LR_SSDT_PART_COMMON;

    for ( i = 0; i < n; i++ )
    {
        if ( d[i].backend == LR_ACPI_LABEL_INBAND )
            mask |= 1u << LR_SSDT_PART_INBAND;
        if ( d[i].backend == LR_ACPI_LABEL_MAILBOX )
            mask |= 1u << LR_SSDT_PART_MAILBOX;
    }
    if ( mask != 1u << LR_SSDT_PART_COMMON )
        mask |= 1u << LR_SSDT_PART_LABELS;
    return mask;
}

static uint64_t slot(const struct lr_acpi_nvdimm *d, unsigned int k)
{
    switch ( k )
    {
    case LR_TPL_HANDLE:
        return d->handle;
    case LR_TPL_LABEL_BASE:
        return d->label_base;
    case LR_TPL_LABEL_SIZE:
        return d->label_size;
    case LR_TPL_DSM_PAGE:
        return d->dsm_page;
    default:
        return lr_acpi_nvdimm_port(d);
    }
}

/* out[len .. len+n) = src, when out is not NULL (NULL: only measure). */
#define PUT(src, n)                                 \
    do {                                            \
        if ( out )                                  \
            memcpy(out + len, (src), (n));          \
        len += (n);                                 \
    } while ( 0 )

/* Run the program at *pp up to its END or CLOSE, which *pp is left past;
 * returns the bytes it gives, written to out unless out is NULL.  An
 * OPEN measures its body first, then writes the PkgLength and the body:
 * the nesting is a few levels deep, the work a few passes at most. */
static size_t run(struct tpl *t, const uint8_t **pp, uint8_t *out)
{
    static const char hex[] = "0123456789ABCDEF";
    const uint8_t *p = *pp, *q;
    size_t len = 0, body;
    unsigned int i, k;
    uint8_t e[9], op;

    while ( (op = *p++) != LR_TPL_END && op != LR_TPL_CLOSE )
    {
        if ( op <= LR_TPL_LIT_MAX )
        {
            PUT(p, op);
            p += op;
        }
        else if ( op == LR_TPL_OPEN )
        {
            q = p;
            body = run(t, &q, NULL);
            k = lr_aml_pkglength((uint32_t)body, e);
            PUT(e, k);
            if ( out )
                run(t, &p, out + len);
            p = q;
            len += body;
        }
        else if ( op == LR_TPL_PARTS )
        {
            for ( i = 0; i < LR_SSDT_PARTS; i++ )
                if ( t->parts & (1u << i) )
                    PUT(tpl_part[i].aml, tpl_part[i].len);
        }
        else if ( op == LR_TPL_DEVICES )
        {
            for ( t->cur = 0; t->cur < t->n; t->cur++ )
            {
                q = tpl_device[t->d[t->cur].backend];
                len += run(t, &q, out ? out + len : NULL);
            }
        }
        else if ( op == LR_TPL_INDEX )
        {
            e[0] = (uint8_t)hex[(t->cur >> 4) & 0xf];
            e[1] = (uint8_t)hex[t->cur & 0xf];
            PUT(e, 2);
        }
        else
        {
            k = lr_aml_int_encode(slot(&t->d[t->cur], op - LR_TPL_INT), e);
            PUT(e, k);
        }
    }
    *pp = p;
    return len;
}

enum lr_status lr_nvdimm_ssdt_tpl_emit(const struct lr_acpi_nvdimm *d,
                                       unsigned int n,
                                       const struct lr_acpi_oem *oem,
                                       void *buf, size_t cap, size_t *len,
                                       struct lr_acpi_nvdimm_fault *fault)
{
    struct tpl t = { d, n, 0, 0 };
    const uint8_t *p = tpl_outer;
    enum lr_status st;
    size_t body;

    *len = 0;
    st = lr_acpi_nvdimm_check(d, n, fault);
    if ( st != LR_OK )
        return st;
    if ( !buf || cap < LR_ACPI_HEADER_LEN )
        return LR_E_NOSPACE;
    t.parts = lr_nvdimm_ssdt_parts(d, n);
    body = run(&t, &p, NULL);
    if ( body > cap - LR_ACPI_HEADER_LEN )
        return LR_E_NOSPACE;
    p = tpl_outer;
    run(&t, &p, (uint8_t *)buf + LR_ACPI_HEADER_LEN);
    lr_acpi_header_write(buf, "SSDT", (uint32_t)(body + LR_ACPI_HEADER_LEN),
                         LR_NVDIMM_SSDT_REVISION, oem);
    *len = body + LR_ACPI_HEADER_LEN;
    return LR_OK;
}
