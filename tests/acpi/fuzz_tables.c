/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: random vNVDIMM sets through both builders, and random bytes
 * through the NFIT reader.
 *
 * Byte 0 chooses the mode.  Builders: what lr_acpi_nvdimm_check()
 * accepts must build into a buffer of the documented size and read back
 * (NFIT) with the same values and a zero checksum (both tables); a
 * smaller buffer (exactly its size, allocated so ASan sees any overrun)
 * must give the same bytes or LR_E_NOSPACE.  What the check refuses must
 * be refused by both builders with the same status.  Reader: never
 * crash, and whatever it accepts must be consistent.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <acpi/nfit.h>
#include <acpi/nvdimm_ssdt.h>

struct in {
    const uint8_t *p;
    size_t n;
};

static uint64_t take(struct in *in, unsigned int bytes)
{
    uint64_t v = 0;
    unsigned int i;

    for ( i = 0; i < bytes && in->n; i++, in->p++, in->n-- )
        v |= (uint64_t)*in->p << (8 * i);
    return v;
}

/* A plausible set laid out upward from 4 GiB (SPA range, then its label
 * area), each field spoiled now and then by a raw value. */
static uint64_t cursor;

static uint64_t maybe(struct in *in, uint64_t good, unsigned int bytes)
{
    return take(in, 1) < 240 ? good : take(in, bytes);
}

static void gen(struct in *in, struct lr_acpi_nvdimm *d, unsigned int i)
{
    uint64_t size = (take(in, 1) + 1) * LR_ACPI_NVDIMM_ALIGN;

    memset(d, 0, sizeof(*d));
    d->spa_base = maybe(in, cursor, 8);
    d->spa_size = maybe(in, size, 8);
    cursor += size;
    d->handle = (uint32_t)maybe(in, i + 1 + (take(in, 1) << 16), 4);
    d->serial = (uint32_t)take(in, 4);
    d->vendor_id = (uint16_t)take(in, 2);
    d->proximity = (uint32_t)take(in, 1);
    d->backend = (enum lr_acpi_label_backend)maybe(in, take(in, 1) % 3, 1);
    d->label_base = maybe(in, cursor, 8);
    d->label_size = maybe(in, LR_ACPI_LABEL_MIN << (take(in, 1) % 8), 8);
    cursor += LR_ACPI_NVDIMM_ALIGN << (take(in, 1) % 4);
    d->dsm_page = maybe(in, 0xfe000000ull - (take(in, 1) << 12), 8);
    d->dsm_port = (uint16_t)take(in, 2);
}

static void check_nfit_readback(const struct lr_acpi_nvdimm *d,
                                unsigned int n, const uint8_t *t, size_t len)
{
    struct lr_nfit_dimm r[LR_ACPI_NVDIMM_MAX];
    unsigned int m, i;

    if ( lr_nfit_parse(t, len, r, LR_ACPI_NVDIMM_MAX, &m) != LR_OK ||
         m != n )
        abort();
    for ( i = 0; i < n; i++ )
        if ( r[i].handle != d[i].handle || r[i].spa_base != d[i].spa_base ||
             r[i].spa_size != d[i].spa_size || r[i].serial != d[i].serial ||
             r[i].spa_index == 0 || r[i].dcr_index == 0 ||
             r[i].fic != LR_NFIT_DCR_FIC ||
             r[i].vendor_id != lr_acpi_nvdimm_vendor(&d[i]) )
            abort();
}

static void build(struct in *in)
{
    static struct lr_acpi_nvdimm d[LR_ACPI_NVDIMM_MAX + 4];
    static uint8_t big[1 << 16];
    unsigned int n = (unsigned int)(take(in, 1) % (LR_ACPI_NVDIMM_MAX + 4));
    size_t len, len2, cap;
    enum lr_status st, st2;
    uint8_t *small;
    unsigned int i;

    cursor = 0x100000000ull;
    for ( i = 0; i < n; i++ )
        gen(in, &d[i], i);
    st = lr_acpi_nvdimm_check(d, n, NULL);

    st2 = lr_nfit_emit(d, n, NULL, big, sizeof(big), &len, NULL);
    if ( st2 != st )
        abort();
    if ( st == LR_OK )
    {
        if ( len != lr_nfit_size(n) || lr_acpi_checksum(big, len) )
            abort();
        check_nfit_readback(d, n, big, len);
    }
    else if ( len != 0 )
        abort();

    st2 = lr_nvdimm_ssdt_emit(d, n, NULL, big, sizeof(big), &len, NULL);
    if ( st2 != st )
        abort();
    if ( st != LR_OK )
        return;
    if ( len > LR_NVDIMM_SSDT_MAX(n) || lr_acpi_checksum(big, len) ||
         memcmp(big, "SSDT", 4) )
        abort();

    /* A caller buffer of a random size, exactly that large. */
    cap = (size_t)take(in, 2) % (len + 64);
    small = malloc(cap ? cap : 1);
    if ( !small )
        return;
    st2 = lr_nvdimm_ssdt_emit(d, n, NULL, small, cap, &len2, NULL);
    if ( cap >= len ? (st2 != LR_OK || len2 != len ||
                       memcmp(small, big, len))
                    : (st2 != LR_E_NOSPACE || len2 != 0) )
        abort();
    st2 = lr_nfit_emit(d, n, NULL, small, cap, &len2, NULL);
    if ( cap >= lr_nfit_size(n) ? st2 != LR_OK : st2 != LR_E_NOSPACE )
        abort();
    free(small);
}

static void parse(const uint8_t *p, size_t n)
{
    struct lr_nfit_dimm r[8];
    uint8_t *copy = malloc(n ? n : 1);
    unsigned int m, i;

    if ( !copy )
        return;
    memcpy(copy, p, n);
    if ( n >= 10 && (p[0] & 1) )
    {
        /* make the header plausible so the walk is reached */
        memcpy(copy, "NFIT", 4);
        lr_acpi_put32(copy + 4, (uint32_t)n);
        copy[8] = 1;
        copy[9] = 0;
        copy[9] = (uint8_t)(0x100 - lr_acpi_checksum(copy, n));
    }
    if ( lr_nfit_parse(copy, n, r, 8, &m) == LR_OK )
    {
        if ( m > 8 )
            abort();
        for ( i = 0; i < m; i++ )
            if ( r[i].spa_index == 0 || r[i].dcr_index == 0 ||
                 r[i].spa_size == 0 || r[i].region_size > r[i].spa_size )
                abort();
    }
    free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct in in = { data, size };

    if ( size == 0 )
        return 0;
    if ( data[0] < 0xc0 )
    {
        take(&in, 1);
        build(&in);
    }
    else
        parse(data + 1, size - 1);
    return 0;
}
