/* SPDX-License-Identifier: MIT */
/*
 * NFIT builder and reader (ACPI 6.4 s5.2.25).
 */
#include <stdbool.h>

#include <acpi/nfit.h>
#include "../libreserve/lr_libc.h"

/* Byte-addressable persistent memory range GUID (ACPI 6.4 s5.2.25.2):
 * 66F0D379-B4F3-4074-AC43-0D3318B78CDB in its in-memory byte order. */
static const uint8_t pm_guid[16] = {
    0x79, 0xd3, 0xf0, 0x66, 0xf3, 0xb4, 0x74, 0x40,
    0xac, 0x43, 0x0d, 0x33, 0x18, 0xb7, 0x8c, 0xdb,
};

enum { SUB_SPA = 0, SUB_MAP = 1, SUB_DCR = 4 };

static uint16_t spa_index(unsigned int i)
{
    return (uint16_t)(2 * (i + 1));
}

/* s5.2.25.2 System Physical Address Range Structure (56 bytes). */
static void put_spa(uint8_t *p, const struct lr_acpi_nvdimm *d,
                    unsigned int i)
{
    lr_acpi_put16(p + 0, SUB_SPA);
    lr_acpi_put16(p + 2, LR_NFIT_SPA_LEN);
    lr_acpi_put16(p + 4, spa_index(i));
    lr_acpi_put16(p + 6, LR_NFIT_SPA_FLAGS);
    lr_acpi_put32(p + 8, 0);
    lr_acpi_put32(p + 12, d->proximity);
    memcpy(p + 16, pm_guid, 16);
    lr_acpi_put64(p + 32, d->spa_base);
    lr_acpi_put64(p + 40, d->spa_size);
    lr_acpi_put64(p + 48, LR_NFIT_SPA_ATTR);
}

/* s5.2.25.3 NVDIMM Region Mapping Structure (48 bytes). */
static void put_map(uint8_t *p, const struct lr_acpi_nvdimm *d,
                    unsigned int i)
{
    lr_acpi_put16(p + 0, SUB_MAP);
    lr_acpi_put16(p + 2, LR_NFIT_MAP_LEN);
    lr_acpi_put32(p + 4, d->handle);
    lr_acpi_put16(p + 8, (uint16_t)d->handle);   /* physical id */
    lr_acpi_put16(p + 10, 0);                    /* region id */
    lr_acpi_put16(p + 12, spa_index(i));
    lr_acpi_put16(p + 14, (uint16_t)(spa_index(i) + 1));
    lr_acpi_put64(p + 16, d->spa_size);          /* region size */
    lr_acpi_put64(p + 24, 0);                    /* region offset */
    lr_acpi_put64(p + 32, 0);                    /* DPA base */
    lr_acpi_put16(p + 40, 0);                    /* interleave index */
    lr_acpi_put16(p + 42, 1);                    /* interleave ways */
    lr_acpi_put16(p + 44, 0);                    /* flags */
    lr_acpi_put16(p + 46, 0);
}

/* s5.2.25.5 NVDIMM Control Region Structure (80 bytes, no windows). */
static void put_dcr(uint8_t *p, const struct lr_acpi_nvdimm *d,
                    unsigned int i)
{
    memset(p, 0, LR_NFIT_DCR_LEN);
    lr_acpi_put16(p + 0, SUB_DCR);
    lr_acpi_put16(p + 2, LR_NFIT_DCR_LEN);
    lr_acpi_put16(p + 4, (uint16_t)(spa_index(i) + 1));
    lr_acpi_put16(p + 6, lr_acpi_nvdimm_vendor(d));
    lr_acpi_put16(p + 8, lr_acpi_nvdimm_device(d));
    lr_acpi_put16(p + 10, lr_acpi_nvdimm_revision(d));
    /* subsystem vendor/device/revision 12..17 and 18..23 stay 0 */
    lr_acpi_put32(p + 24, d->serial);
    lr_acpi_put16(p + 28, LR_NFIT_DCR_FIC);
    /* windows, sizes and offsets 30..79 stay 0 */
}

enum lr_status lr_nfit_emit(const struct lr_acpi_nvdimm *d, unsigned int n,
                            const struct lr_acpi_oem *oem, void *buf,
                            size_t cap, size_t *len,
                            struct lr_acpi_nvdimm_fault *fault)
{
    uint8_t *p = buf;
    size_t need;
    unsigned int i;
    enum lr_status st;

    *len = 0;
    st = lr_acpi_nvdimm_check(d, n, fault);
    if ( st != LR_OK )
        return st;
    need = lr_nfit_size(n);
    if ( !buf || cap < need )
        return LR_E_NOSPACE;
    memset(p, 0, LR_NFIT_BODY_OFFSET);
    p += LR_NFIT_BODY_OFFSET;
    for ( i = 0; i < n; i++ )
    {
        put_spa(p, &d[i], i);
        p += LR_NFIT_SPA_LEN;
        put_map(p, &d[i], i);
        p += LR_NFIT_MAP_LEN;
        put_dcr(p, &d[i], i);
        p += LR_NFIT_DCR_LEN;
    }
    lr_acpi_header_write(buf, "NFIT", (uint32_t)need, LR_NFIT_REVISION, oem);
    *len = need;
    return LR_OK;
}

/* Reader: collect sub-tables, then join maps to their SPA and DCR. */
static enum lr_status parse_spa(const uint8_t *p, struct lr_nfit_dimm *o)
{
    if ( lr_acpi_get16(p + 2) != LR_NFIT_SPA_LEN )
        return LR_E_PARSE;
    o->spa_index = lr_acpi_get16(p + 4);
    o->spa_flags = lr_acpi_get16(p + 6);
    o->proximity = lr_acpi_get32(p + 12);
    o->spa_base = lr_acpi_get64(p + 32);
    o->spa_size = lr_acpi_get64(p + 40);
    o->spa_attr = lr_acpi_get64(p + 48);
    if ( o->spa_index == 0 || memcmp(p + 16, pm_guid, 16) != 0 ||
         o->spa_size == 0 || o->spa_size - 1 > UINT64_MAX - o->spa_base )
        return LR_E_PARSE;
    return LR_OK;
}

/* The header is an NFIT of this revision, its length fits, it sums to 0:
 * the table's length, or 0. */
static uint32_t nfit_length(const uint8_t *t, size_t len)
{
    uint32_t tlen;

    if ( !t || len < LR_NFIT_BODY_OFFSET || memcmp(t, "NFIT", 4) != 0 )
        return 0;
    tlen = lr_acpi_get32(t + 4);
    if ( tlen < LR_NFIT_BODY_OFFSET || tlen > len ||
         t[8] != LR_NFIT_REVISION || lr_acpi_checksum(t, tlen) != 0 )
        return 0;
    return tlen;
}

/* Every sub-table is of a known type, has its exact length, and fits. */
static bool subtables_ok(const uint8_t *t, uint32_t tlen)
{
    uint32_t off, sublen;

    for ( off = LR_NFIT_BODY_OFFSET; off < tlen; off += sublen )
    {
        if ( tlen - off < 4 )
            return false;
        sublen = lr_acpi_get16(t + off + 2);
        switch ( lr_acpi_get16(t + off) )
        {
        case SUB_SPA:
            if ( sublen != LR_NFIT_SPA_LEN )
                return false;
            break;
        case SUB_MAP:
            if ( sublen != LR_NFIT_MAP_LEN )
                return false;
            break;
        case SUB_DCR:
            if ( sublen != LR_NFIT_DCR_LEN && sublen != 32 )
                return false;
            break;
        default:
            return false;
        }
        if ( sublen > tlen - off )
            return false;
    }
    return true;
}

/* The one sub-table of this type and index (bytes 4-5), or NULL if there
 * is none or more than one.  The sub-tables are known to be well formed. */
static const uint8_t *find_one(const uint8_t *t, uint32_t tlen,
                               uint16_t type, uint16_t index)
{
    const uint8_t *found = NULL, *q;
    uint32_t off;

    for ( off = LR_NFIT_BODY_OFFSET; off < tlen;
          off += lr_acpi_get16(t + off + 2) )
    {
        q = t + off;
        if ( lr_acpi_get16(q) != type || lr_acpi_get16(q + 4) != index )
            continue;
        if ( found )
            return NULL;
        found = q;
    }
    return found;
}

/* One dimm from its memory map sub-table p, with its SPA range and control
 * region, which must each exist exactly once. */
static enum lr_status parse_dimm(const uint8_t *t, uint32_t tlen,
                                 const uint8_t *p, struct lr_nfit_dimm *o)
{
    const uint8_t *spa, *dcr;

    memset(o, 0, sizeof(*o));
    o->handle = lr_acpi_get32(p + 4);
    o->spa_index = lr_acpi_get16(p + 12);
    o->dcr_index = lr_acpi_get16(p + 14);
    o->region_size = lr_acpi_get64(p + 16);
    o->region_offset = lr_acpi_get64(p + 24);
    if ( o->spa_index == 0 || o->dcr_index == 0 )
        return LR_E_PARSE;
    spa = find_one(t, tlen, SUB_SPA, o->spa_index);
    dcr = find_one(t, tlen, SUB_DCR, o->dcr_index);
    if ( !spa || !dcr || parse_spa(spa, o) != LR_OK )
        return LR_E_PARSE;
    if ( o->region_size == 0 ||
         o->region_offset > o->spa_size ||
         o->region_size > o->spa_size - o->region_offset )
        return LR_E_PARSE;
    o->vendor_id = lr_acpi_get16(dcr + 6);
    o->device_id = lr_acpi_get16(dcr + 8);
    o->revision_id = lr_acpi_get16(dcr + 10);
    o->serial = lr_acpi_get32(dcr + 24);
    o->fic = lr_acpi_get16(dcr + 28);
    return LR_OK;
}

enum lr_status lr_nfit_parse(const void *buf, size_t len,
                             struct lr_nfit_dimm *out, unsigned int cap,
                             unsigned int *n)
{
    const uint8_t *t = buf;
    uint32_t tlen = nfit_length(t, len), off, m = 0;
    unsigned int i;

    *n = 0;
    if ( !tlen || !subtables_ok(t, tlen) )
        return LR_E_PARSE;
    /* One dimm per map, handles unique. */
    for ( off = LR_NFIT_BODY_OFFSET; off < tlen;
          off += lr_acpi_get16(t + off + 2) )
    {
        if ( lr_acpi_get16(t + off) != SUB_MAP )
            continue;
        if ( m >= cap )
            return LR_E_NOSPACE;
        if ( parse_dimm(t, tlen, t + off, &out[m]) != LR_OK )
            return LR_E_PARSE;
        for ( i = 0; i < m; i++ )
            if ( out[i].handle == out[m].handle )
                return LR_E_PARSE;
        m++;
    }
    *n = m;
    return LR_OK;
}
