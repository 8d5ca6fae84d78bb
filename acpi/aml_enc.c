/* SPDX-License-Identifier: MIT */
/*
 * The two AML encodings whose size depends on a value (ACPI 6.4 s20.2.3,
 * s20.2.4), shared by the builder (aml.c) and the template emitter
 * (nvdimm_ssdt_tpl.c), which must encode exactly alike.
 */
#include <acpi/aml.h>

unsigned int lr_aml_pkg_encode(uint32_t v, uint8_t out[4])
{
    unsigned int n, i;

    if ( v <= 0x3f )
    {
        out[0] = (uint8_t)v;
        return 1;
    }
    for ( n = 2; n <= 4; n++ )
        if ( v < (1u << (4 + 8 * (n - 1))) )
            break;
    if ( n > 4 )
        return 0;
    out[0] = (uint8_t)(((n - 1) << 6) | (v & 0xf));
    for ( i = 1; i < n; i++ )
        out[i] = (uint8_t)(v >> (4 + 8 * (i - 1)));
    return n;
}

unsigned int lr_aml_pkglength(uint32_t body, uint8_t out[4])
{
    unsigned int k;

    for ( k = 1; k <= 4; k++ )
        if ( body <= 0x0fffffff && lr_aml_pkg_encode(body + k, out) == k )
            return k;
    return 0;
}

unsigned int lr_aml_int_encode(uint64_t v, uint8_t out[9])
{
    unsigned int n, i;

    if ( v == 0 || v == 1 || v == ~0ull )
    {
        out[0] = v == ~0ull ? 0xff : (uint8_t)v; /* Zero, One, Ones */
        return 1;
    }
    if ( v <= 0xff )
        out[0] = 0x0a, n = 1;
    else if ( v <= 0xffff )
        out[0] = 0x0b, n = 2;
    else if ( v <= 0xffffffffull )
        out[0] = 0x0c, n = 4;
    else
        out[0] = 0x0e, n = 8;
    for ( i = 0; i < n; i++ )
        out[1 + i] = (uint8_t)(v >> (8 * i));
    return n + 1;
}
