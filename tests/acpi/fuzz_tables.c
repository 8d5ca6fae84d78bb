/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer: random vNVDIMM sets through both builders, and random bytes
 * through the NFIT reader.
 *
 * Byte 0 chooses the mode.  AML: the input is a program of lr_aml_*
 * calls; run into a large buffer, an exact-size one and one a byte short,
 * it must give the same bytes, then LR_E_NOSPACE, and once an error is
 * set nothing more is written.  Builders: what lr_acpi_nvdimm_check()
 * accepts must build into a buffer of the documented size and read back
 * (NFIT) with the same values and a zero checksum (both tables); a
 * smaller buffer (exactly its size, allocated so ASan sees any overrun)
 * must give the same bytes or LR_E_NOSPACE.  What the check refuses must
 * be refused by both builders with the same status.  Reader: never
 * crash, and whatever it accepts must be consistent.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <acpi/aml.h>
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
    if ( st2 != st ||
         lr_nvdimm_ssdt_tpl_emit(d, n, NULL, big, sizeof(big), &len2,
                                 NULL) != st )
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
    /* the template emitter: the builder's bytes, the same bound */
    st2 = lr_nvdimm_ssdt_tpl_emit(d, n, NULL, small, cap, &len2, NULL);
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

/* Run the program in in->p over buf[0..cap); returns the finish status
 * and the length.  Aborts if anything is written after an error. */
static enum lr_status aml_program(struct in in, uint8_t *buf, size_t cap,
                                  size_t *len)
{
    static const char *const names[] = {
        "NV00", "_ADR", "\\_SB.NVDR", "^ABC", "LD", "A.B.C", "NVDR",
        "\\_SB", "bad!",
    };
    struct lr_aml b;
    struct lr_aml_node root, st[16], x, y;
    bool cont[16];                        /* st[i] is an open container */
    unsigned int sp = 0, steps = 0;
    uint8_t data[40];
    uint32_t before;
    enum lr_status err;

    lr_aml_init(&b, buf, cap);
    root = lr_aml_root(&b);
    while ( in.n && steps++ < 200 )
    {
        uint8_t op = (uint8_t)take(&in, 1);
        uint8_t arg = (uint8_t)take(&in, 1);

        err = lr_aml_error(&b);
        before = b.len;
        if ( sp >= 14 )
            op = 40;                      /* drain: append */
        switch ( op % 44 )
        {
        case 0: st[sp++] = lr_aml_int(&b, take(&in, arg % 9)); break;
        case 1: st[sp++] = lr_aml_string(&b, "ACPI0012"); break;
        case 2: st[sp++] = lr_aml_name(&b, names[arg % 9]); break;
        case 3: st[sp++] = lr_aml_local(&b, arg % 9); break;
        case 4: st[sp++] = lr_aml_arg(&b, arg % 8); break;
        case 5: st[sp++] = lr_aml_null(&b); break;
        case 6:
            memset(data, arg, sizeof(data));
            st[sp++] = lr_aml_buffer(&b, arg & 1 ? data : NULL, arg % 40);
            break;
        case 7: st[sp++] = lr_aml_touuid(&b, arg & 1 ?
                                "4309ac30-0d11-11e4-9191-0800200c9a66" :
                                "4309ac30-0d11-11e4-9191-0800200c9a6"); break;
        case 8: st[sp++] = lr_aml_scope(&b, names[arg % 9]); break;
        case 9: st[sp++] = lr_aml_device(&b, names[arg % 9]); break;
        case 10: st[sp++] = lr_aml_method(&b, "MTHD", arg % 9, arg & 1);
            break;
        case 11: st[sp++] = lr_aml_package(&b); break;
        case 12: st[sp++] = lr_aml_else(&b); break;
        case 13:
            st[sp++] = lr_aml_field(&b, "REGN", (enum lr_aml_access)(arg % 6));
            lr_aml_field_unit(&b, &st[sp - 1], arg & 1 ? "FLDA" : NULL,
                              (uint32_t)take(&in, 3));
            break;
        case 14: st[sp++] = lr_aml_break(&b); break;
        case 15: x = lr_aml_int(&b, arg); y = lr_aml_int(&b, 0x1234);
            st[sp++] = lr_aml_operation_region(&b, "REGN",
                           (enum lr_aml_space)(arg & 1), x, y); break;
        default:
            if ( sp == 0 )
                break;
            if ( op % 44 < 24 )           /* unary */
            {
                x = st[--sp];
                switch ( op % 44 )
                {
                case 16: st[sp++] = lr_aml_if(&b, x); break;
                case 17: st[sp++] = lr_aml_while(&b, x); break;
                case 18: st[sp++] = lr_aml_return(&b, x); break;
                case 19: st[sp++] = lr_aml_lnot(&b, x); break;
                case 20: st[sp++] = lr_aml_sizeof(&b, x); break;
                case 21: st[sp++] = lr_aml_derefof(&b, x); break;
                case 22: st[sp++] = lr_aml_increment(&b, x); break;
                default: st[sp++] = lr_aml_name_decl(&b, "NAME", x); break;
                }
            }
            else if ( op % 44 < 36 && sp >= 2 )   /* binary */
            {
                y = st[--sp];
                x = st[--sp];
                switch ( op % 44 )
                {
                case 24: st[sp++] = lr_aml_store(&b, x, y); break;
                case 25: st[sp++] = lr_aml_lequal(&b, x, y); break;
                case 26: st[sp++] = lr_aml_land(&b, x, y); break;
                case 27: st[sp++] = lr_aml_add(&b, x, y, lr_aml_null(&b));
                    break;
                case 28: st[sp++] = lr_aml_concatenate(&b, x, y,
                                                       lr_aml_local(&b, 0));
                    break;
                case 29: st[sp++] = lr_aml_index(&b, x, y, lr_aml_null(&b));
                    break;
                case 30: st[sp++] = lr_aml_create_dword_field(&b, x, y,
                                                              "CDWF");
                    break;
                case 31: st[sp++] = lr_aml_call(&b, "CALL", &x, 1);
                    st[sp++] = y;         /* out of order on purpose */
                    break;
                default: st[sp++] = lr_aml_mid(&b, x, y, lr_aml_int(&b, 4),
                                               lr_aml_null(&b)); break;
                }
            }
            else if ( sp >= 2 && (cont[sp - 2] || arg < 16) )
            {
                /* append top into the one below (rarely a leaf: misuse) */
                x = st[--sp];
                lr_aml_append(&b, &st[sp - 1], x);
            }
            else if ( sp >= 2 )
            {
                y = st[--sp];
                x = st[--sp];
                st[sp++] = lr_aml_lor(&b, x, y);
            }
            else
                lr_aml_append(&b, &root, st[--sp]);
        }
        if ( sp )
            cont[sp - 1] = (op % 44 >= 8 && op % 44 <= 13) ||
                           op % 44 == 16 || op % 44 == 17 ||
                           (op % 44 >= 36 && cont[sp - 1]);
        if ( err != LR_OK && (b.len != before || lr_aml_error(&b) != err) )
            abort();
    }
    while ( sp )
        lr_aml_append(&b, &root, st[--sp]);
    return lr_aml_finish(&b, &root, len);
}

static void aml(struct in *in)
{
    static uint8_t big[1 << 16];
    size_t len, len2;
    enum lr_status st;
    uint8_t *exact;

    st = aml_program(*in, big, sizeof(big), &len);
    if ( st != LR_OK || len == 0 )
        return;
    exact = malloc(len);
    if ( !exact )
        return;
    if ( aml_program(*in, exact, len, &len2) != LR_OK || len2 != len ||
         memcmp(exact, big, len) ||
         aml_program(*in, exact, len - 1, &len2) != LR_E_NOSPACE ||
         len2 != 0 )
        abort();
    free(exact);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    struct in in = { data, size };

    if ( size == 0 )
        return 0;
    take(&in, 1);
    if ( data[0] < 0x80 )
        build(&in);
    else if ( data[0] < 0xe0 )
        aml(&in);
    else
        parse(data + 1, size - 1);
    return 0;
}
