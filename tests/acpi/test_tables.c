/* SPDX-License-Identifier: MIT */
/*
 * NFIT and vNVDIMM SSDT builders: byte layout checked against the offsets
 * of ACPI 6.4 s5.2.25 (not against our reader), the reader against
 * corrupted tables, and every refusal of bad input.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>
#include <acpi/nfit.h>
#include <acpi/nvdimm_ssdt.h>

#define GiB 0x40000000ull
#define MiB 0x100000ull

static uint8_t t[1 << 17];

static uint16_t rd16(const uint8_t *p)
{
    return (uint16_t)(p[0] | p[1] << 8);
}

static uint32_t rd32(const uint8_t *p)
{
    return rd16(p) | (uint32_t)rd16(p + 2) << 16;
}

static uint64_t rd64(const uint8_t *p)
{
    return rd32(p) | (uint64_t)rd32(p + 4) << 32;
}

static uint8_t sum(const uint8_t *p, size_t n)
{
    uint8_t s = 0;

    while ( n-- )
        s = (uint8_t)(s + *p++);
    return s;
}

/*
 *  4 GiB          4.25 GiB      4.25 GiB + 128 KiB
 *  |-- pmem 0 ----|-- labels 0 --|      |-- pmem 1 (mailbox) --|
 *                                     6 GiB                  6.5 GiB
 */
static const struct lr_acpi_nvdimm two[2] = {
    {
        .spa_base = 4 * GiB, .spa_size = 256 * MiB, .handle = 1,
        .serial = 0x1234, .backend = LR_ACPI_LABEL_INBAND,
        .label_base = 4 * GiB + 256 * MiB, .label_size = 128 * 1024,
    },
    {
        .spa_base = 6 * GiB, .spa_size = 512 * MiB, .handle = 0x10002,
        .serial = 0xabcdef01, .vendor_id = 0x1af4, .device_id = 0x1234,
        .revision_id = 3, .proximity = 1,
        .backend = LR_ACPI_LABEL_MAILBOX, .dsm_page = 0xfe000000,
    },
};

/* The PM GUID 66F0D379-B4F3-4074-AC43-0D3318B78CDB as stored (s5.2.25.2:
 * a GUID, first three fields little-endian). */
static const uint8_t pm_guid[16] = {
    0x79, 0xd3, 0xf0, 0x66, 0xf3, 0xb4, 0x74, 0x40,
    0xac, 0x43, 0x0d, 0x33, 0x18, 0xb7, 0x8c, 0xdb,
};

static void test_nfit_layout(void **state)
{
    size_t len = 0;
    const uint8_t *spa, *map, *dcr;
    unsigned int i;

    assert_int_equal(lr_nfit_emit(two, 2, NULL, t, sizeof(t), &len, NULL),
                     LR_OK);
    assert_int_equal(len, 40 + 2 * (56 + 48 + 80));
    assert_memory_equal(t, "NFIT", 4);
    assert_int_equal(rd32(t + 4), len);
    assert_int_equal(t[8], 1);
    assert_int_equal(sum(t, len), 0);
    assert_int_equal(rd32(t + 36), 0);          /* reserved */
    for ( i = 0; i < 2; i++ )
    {
        spa = t + 40 + i * 184;
        map = spa + 56;
        dcr = map + 48;
        /* SPA range */
        assert_int_equal(rd16(spa), 0);
        assert_int_equal(rd16(spa + 2), 56);
        assert_int_not_equal(rd16(spa + 4), 0);
        assert_int_equal(rd16(spa + 6), 0x3);
        assert_int_equal(rd32(spa + 12), two[i].proximity);
        assert_memory_equal(spa + 16, pm_guid, 16);
        assert_int_equal(rd64(spa + 32), two[i].spa_base);
        assert_int_equal(rd64(spa + 40), two[i].spa_size);
        assert_int_equal(rd64(spa + 48), 0x8008);
        /* memory device to SPA map */
        assert_int_equal(rd16(map), 1);
        assert_int_equal(rd16(map + 2), 48);
        assert_int_equal(rd32(map + 4), two[i].handle);
        assert_int_equal(rd16(map + 12), rd16(spa + 4));
        assert_int_equal(rd16(map + 14), rd16(dcr + 4));
        assert_int_equal(rd64(map + 16), two[i].spa_size);
        assert_int_equal(rd64(map + 24), 0);
        assert_int_equal(rd16(map + 42), 1);     /* interleave ways */
        assert_int_equal(rd16(map + 44), 0);     /* flags: armed, r/w */
        /* control region */
        assert_int_equal(rd16(dcr), 4);
        assert_int_equal(rd16(dcr + 2), 80);
        assert_int_not_equal(rd16(dcr + 4), 0);
        assert_int_not_equal(rd16(dcr + 4), rd16(spa + 4));
        assert_int_equal(rd32(dcr + 24), two[i].serial);
        assert_int_equal(rd16(dcr + 28), 0x0301);
        assert_int_equal(rd16(dcr + 30), 0);     /* no block windows */
    }
    /* identity: defaults for the first, as given for the second */
    dcr = t + 40 + 56 + 48;
    assert_int_equal(rd16(dcr + 6), 0x8086);
    assert_int_equal(rd16(dcr + 8), 0x0001);
    assert_int_equal(rd16(dcr + 10), 0x0001);
    dcr += 184;
    assert_int_equal(rd16(dcr + 6), 0x1af4);
    assert_int_equal(rd16(dcr + 8), 0x1234);
    assert_int_equal(rd16(dcr + 10), 3);
    /* all four indexes distinct */
    assert_int_not_equal(rd16(t + 40 + 4), rd16(t + 40 + 184 + 4));
    assert_int_not_equal(rd16(t + 40 + 104 + 4), rd16(t + 40 + 288 + 4));
}

/* The control-region identity of a vNVDIMM (vendor, device, revision,
 * serial, region offset: the label cookie) does not depend on the other
 * vNVDIMMs or its position. */
static void test_nfit_identity_stable(void **state)
{
    static uint8_t a[4096], c[4096];
    struct lr_nfit_dimm da[2], dc[1];
    size_t la, lc;
    unsigned int na, nc;

    assert_int_equal(lr_nfit_emit(two, 2, NULL, a, sizeof(a), &la, NULL),
                     LR_OK);
    assert_int_equal(lr_nfit_emit(&two[1], 1, NULL, c, sizeof(c), &lc,
                                  NULL), LR_OK);
    assert_int_equal(lr_nfit_parse(a, la, da, 2, &na), LR_OK);
    assert_int_equal(lr_nfit_parse(c, lc, dc, 1, &nc), LR_OK);
    assert_int_equal(na, 2);
    assert_int_equal(nc, 1);
    assert_int_equal(da[1].vendor_id, dc[0].vendor_id);
    assert_int_equal(da[1].device_id, dc[0].device_id);
    assert_int_equal(da[1].revision_id, dc[0].revision_id);
    assert_int_equal(da[1].serial, dc[0].serial);
    assert_int_equal(da[1].region_offset, dc[0].region_offset);
    assert_int_equal(da[1].handle, dc[0].handle);
    /* and the raw control-region bytes after the index are equal */
    assert_memory_equal(a + 40 + 184 + 104 + 6, c + 40 + 104 + 6, 74);
}

static void test_nfit_parse_roundtrip(void **state)
{
    struct lr_nfit_dimm d[4];
    unsigned int n, i;
    size_t len;

    assert_int_equal(lr_nfit_emit(two, 2, NULL, t, sizeof(t), &len, NULL),
                     LR_OK);
    assert_int_equal(lr_nfit_parse(t, len, d, 4, &n), LR_OK);
    assert_int_equal(n, 2);
    for ( i = 0; i < 2; i++ )
    {
        assert_int_equal(d[i].handle, two[i].handle);
        assert_int_equal(d[i].spa_base, two[i].spa_base);
        assert_int_equal(d[i].spa_size, two[i].spa_size);
        assert_int_equal(d[i].serial, two[i].serial);
        assert_int_equal(d[i].spa_flags, 3);
        assert_int_equal(d[i].spa_attr, 0x8008);
        assert_int_equal(d[i].fic, 0x0301);
        assert_int_equal(d[i].region_size, two[i].spa_size);
    }
    assert_int_equal(lr_nfit_parse(t, len, d, 1, &n), LR_E_NOSPACE);
}

/* Corruptions the reader must refuse (each on a fresh good table). */
static void fix_sum(uint8_t *p, size_t len)
{
    p[9] = 0;
    p[9] = (uint8_t)(0x100 - sum(p, len));
}

static void test_nfit_parse_rejects(void **state)
{
    static const struct {
        const char *name;
        size_t off;        /* byte to change (from table start) */
        uint8_t val;
        int fix;           /* fix the checksum afterwards */
        size_t cut;        /* if non-zero: pass only this many bytes */
        size_t off2;       /* if non-zero: a second byte to change */
        uint8_t val2;
    } cases[] = {
        { "bad checksum", 40 + 32, 0x55, 0, 0 },
        { "bad signature", 0, 'X', 1, 0 },
        { "revision 2", 8, 2, 1, 0 },
        { "SPA length 48", 40 + 2, 48, 1, 0 },
        { "unknown type 9", 40 + 56, 9, 1, 0 },
        { "SPA index 0", 40 + 4, 0, 1, 0 },
        { "map to missing SPA", 40 + 56 + 12, 0x77, 1, 0 },
        { "map to missing DCR", 40 + 56 + 14, 0x77, 1, 0 },
        { "DCR length 79", 40 + 104 + 2, 79, 1, 0 },
        { "wrong GUID", 40 + 16, 0x00, 1, 0 },
        /* second handle 0x10002 -> 0x00001, the first one's */
        { "duplicate handle", 40 + 184 + 56 + 4, 1, 1, 0,
          40 + 184 + 56 + 6, 0 },
        { "truncated buffer", 0, 0, 0, 100 },
        { "length beyond buffer", 4, 0xff, 1, 0 },
        { "region larger than SPA", 40 + 56 + 16 + 4, 0x7f, 1, 0 },
    };
    struct lr_nfit_dimm d[4];
    unsigned int n, i;
    size_t len;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        assert_int_equal(lr_nfit_emit(two, 2, NULL, t, sizeof(t), &len,
                                      NULL), LR_OK);
        t[cases[i].off] = cases[i].val;
        if ( cases[i].off2 )
            t[cases[i].off2] = cases[i].val2;
        if ( cases[i].fix )
            fix_sum(t, len);
        if ( lr_nfit_parse(t, cases[i].cut ? cases[i].cut : len, d, 4, &n)
             != LR_E_PARSE )
            fail_msg("accepted: %s", cases[i].name);
    }
}

/* Bad vNVDIMM sets: each names its rule and the vNVDIMM(s). */
static void test_bad_input(void **state)
{
    static struct lr_acpi_nvdimm many[LR_ACPI_NVDIMM_MAX + 1];
    static const struct {
        const char *name;
        unsigned int which;        /* member of 'two' to alter */
        struct lr_acpi_nvdimm d;   /* its new value */
        enum lr_status st;
        enum lr_acpi_nvdimm_problem p;
        unsigned int index, other;
    } cases[] = {
        { "empty SPA", 0, { .spa_base = 4 * GiB, .handle = 1 },
          LR_E_EMPTY, LR_ACPI_NV_SPA_EMPTY, 0, 0 },
        { "SPA wraps", 0, { .spa_base = ~0ull - MiB * 2 + 1,
                            .spa_size = 4 * MiB, .handle = 1 },
          LR_E_WRAP, LR_ACPI_NV_SPA_WRAP, 0, 0 },
        { "base not 2 MiB aligned", 0, { .spa_base = 4 * GiB + 4096,
                                         .spa_size = 2 * MiB, .handle = 1 },
          LR_E_ALIGN, LR_ACPI_NV_SPA_ALIGN, 0, 0 },
        { "size not 2 MiB aligned", 0, { .spa_base = 4 * GiB,
                                         .spa_size = 3 * MiB, .handle = 1 },
          LR_E_ALIGN, LR_ACPI_NV_SPA_ALIGN, 0, 0 },
        { "handle 0", 0, { .spa_base = 4 * GiB, .spa_size = 2 * MiB },
          LR_E_INVAL, LR_ACPI_NV_HANDLE_ZERO, 0, 0 },
        { "duplicate handle", 1, { .spa_base = 8 * GiB,
                                   .spa_size = 2 * MiB, .handle = 1 },
          LR_E_CONFLICT, LR_ACPI_NV_HANDLE_DUP, 0, 1 },
        { "SPA overlap", 1, { .spa_base = 4 * GiB + 254 * MiB,
                              .spa_size = 2 * MiB, .handle = 2 },
          LR_E_OVERLAP, LR_ACPI_NV_SPA_OVERLAP, 0, 1 },
        { "label area too large", 0,
          { .spa_base = 4 * GiB, .spa_size = 2 * MiB, .handle = 1,
            .backend = LR_ACPI_LABEL_INBAND, .label_base = 5 * GiB,
            .label_size = LR_ACPI_LABEL_MAX + 4096 },
          LR_E_INVAL, LR_ACPI_NV_LABEL_SIZE, 0, 0 },
        { "label area too small", 0,
          { .spa_base = 4 * GiB, .spa_size = 2 * MiB, .handle = 1,
            .backend = LR_ACPI_LABEL_INBAND, .label_base = 5 * GiB,
            .label_size = 4096 },
          LR_E_INVAL, LR_ACPI_NV_LABEL_SIZE, 0, 0 },
        { "label area unaligned", 0,
          { .spa_base = 4 * GiB, .spa_size = 2 * MiB, .handle = 1,
            .backend = LR_ACPI_LABEL_INBAND, .label_base = 5 * GiB + 8,
            .label_size = 128 * 1024 },
          LR_E_ALIGN, LR_ACPI_NV_LABEL_ALIGN, 0, 0 },
        { "label area inside own SPA", 0,
          { .spa_base = 4 * GiB, .spa_size = 2 * MiB, .handle = 1,
            .backend = LR_ACPI_LABEL_INBAND,
            .label_base = 4 * GiB + MiB, .label_size = 128 * 1024 },
          LR_E_OVERLAP, LR_ACPI_NV_LABEL_OVERLAP, 0, 0 },
        { "label area inside other SPA", 0,
          { .spa_base = 4 * GiB, .spa_size = 2 * MiB, .handle = 1,
            .backend = LR_ACPI_LABEL_INBAND,
            .label_base = 6 * GiB + 64 * MiB, .label_size = 128 * 1024 },
          LR_E_OVERLAP, LR_ACPI_NV_LABEL_OVERLAP, 0, 1 },
        { "label area wraps", 0,
          { .spa_base = 4 * GiB, .spa_size = 2 * MiB, .handle = 1,
            .backend = LR_ACPI_LABEL_INBAND,
            .label_base = ~0ull - 4095, .label_size = 128 * 1024 },
          LR_E_WRAP, LR_ACPI_NV_LABEL_WRAP, 0, 0 },
        { "DSM page above 4 GiB", 1,
          { .spa_base = 8 * GiB, .spa_size = 2 * MiB, .handle = 2,
            .backend = LR_ACPI_LABEL_MAILBOX, .dsm_page = 5 * GiB },
          LR_E_ALIGN, LR_ACPI_NV_DSM_PAGE, 1, 1 },
        { "DSM page unaligned", 1,
          { .spa_base = 8 * GiB, .spa_size = 2 * MiB, .handle = 2,
            .backend = LR_ACPI_LABEL_MAILBOX, .dsm_page = 0xfe000800 },
          LR_E_ALIGN, LR_ACPI_NV_DSM_PAGE, 1, 1 },
        { "DSM page 0", 1,
          { .spa_base = 8 * GiB, .spa_size = 2 * MiB, .handle = 2,
            .backend = LR_ACPI_LABEL_MAILBOX },
          LR_E_ALIGN, LR_ACPI_NV_DSM_PAGE, 1, 1 },
        { "DSM page inside an SPA range", 1,
          { .spa_base = 2 * GiB, .spa_size = 2 * GiB - 32 * MiB,
            .handle = 2, .backend = LR_ACPI_LABEL_MAILBOX,
            .dsm_page = 3 * GiB },
          LR_E_OVERLAP, LR_ACPI_NV_DSM_OVERLAP, 1, 1 },
        /* vNVDIMM 0's label area [0xfdff0000, 0xfe010000) holds
         * vNVDIMM 1's DSM page 0xfe000000 */
        { "DSM page in a label area", 0,
          { .spa_base = 4 * GiB, .spa_size = 2 * MiB, .handle = 1,
            .backend = LR_ACPI_LABEL_INBAND, .label_base = 0xfdff0000,
            .label_size = 128 * 1024 },
          LR_E_OVERLAP, LR_ACPI_NV_DSM_OVERLAP, 1, 0 },
        { "unknown backend", 0,
          { .spa_base = 4 * GiB, .spa_size = 2 * MiB, .handle = 1,
            .backend = (enum lr_acpi_label_backend)7 },
          LR_E_INVAL, LR_ACPI_NV_BACKEND, 0, 0 },
    };
    struct lr_acpi_nvdimm d[2];
    struct lr_acpi_nvdimm_fault f;
    size_t len;
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        memcpy(d, two, sizeof(d));
        d[cases[i].which] = cases[i].d;
        memset(&f, 0xff, sizeof(f));
        if ( lr_acpi_nvdimm_check(d, 2, &f) != cases[i].st ||
             f.problem != cases[i].p || f.index != cases[i].index ||
             f.other != cases[i].other )
            fail_msg("%s: got %s %s %u/%u", cases[i].name,
                     lr_status_name(lr_acpi_nvdimm_check(d, 2, NULL)),
                     lr_acpi_nvdimm_problem_name(f.problem), f.index,
                     f.other);
        /* both builders refuse it with the same status, and write no
         * length */
        len = 99;
        assert_int_equal(lr_nfit_emit(d, 2, NULL, t, sizeof(t), &len, NULL),
                         cases[i].st);
        assert_int_equal(len, 0);
        len = 99;
        assert_int_equal(lr_nvdimm_ssdt_emit(d, 2, NULL, t, sizeof(t), &len,
                                             NULL), cases[i].st);
        assert_int_equal(len, 0);
        len = 99;
        memset(&f, 0xff, sizeof(f));
        assert_int_equal(lr_nvdimm_ssdt_tpl_emit(d, 2, NULL, t, sizeof(t),
                                                 &len, &f), cases[i].st);
        assert_int_equal(len, 0);
        assert_int_equal(f.problem, cases[i].p);
        assert_int_equal(f.index, cases[i].index);
    }

    /* a range may end at 2^64 - 1 (the project's range convention) */
    memcpy(d, two, sizeof(d));
    d[0].backend = LR_ACPI_LABEL_NONE;
    d[0].spa_base = ~0ull - 2 * MiB + 1;
    d[0].spa_size = 2 * MiB;
    assert_int_equal(lr_acpi_nvdimm_check(d, 2, &f), LR_OK);
    assert_int_equal(lr_nfit_emit(d, 2, NULL, t, sizeof(t), &len, NULL),
                     LR_OK);
    {
        struct lr_nfit_dimm r[2];
        unsigned int m;

        assert_int_equal(lr_nfit_parse(t, len, r, 2, &m), LR_OK);
        assert_int_equal(r[0].spa_base, ~0ull - 2 * MiB + 1);
    }

    /* one more vNVDIMM than the budget */
    for ( i = 0; i <= LR_ACPI_NVDIMM_MAX; i++ )
    {
        many[i].spa_base = 4 * GiB + i * 2 * MiB;
        many[i].spa_size = 2 * MiB;
        many[i].handle = i + 1;
    }
    assert_int_equal(lr_acpi_nvdimm_check(many, LR_ACPI_NVDIMM_MAX, &f),
                     LR_OK);
    assert_int_equal(lr_acpi_nvdimm_check(many, LR_ACPI_NVDIMM_MAX + 1, &f),
                     LR_E_BUDGET);
    assert_int_equal(f.problem, LR_ACPI_NV_TOO_MANY);
    assert_int_equal(lr_nfit_emit(many, LR_ACPI_NVDIMM_MAX + 1, NULL, t,
                                  sizeof(t), &len, NULL), LR_E_BUDGET);
    assert_int_equal(lr_nvdimm_ssdt_emit(many, LR_ACPI_NVDIMM_MAX + 1, NULL,
                                         t, sizeof(t), &len, NULL),
                     LR_E_BUDGET);
    assert_int_equal(lr_nvdimm_ssdt_tpl_emit(many, LR_ACPI_NVDIMM_MAX + 1,
                                             NULL, t, sizeof(t), &len, NULL),
                     LR_E_BUDGET);
}

/* The SSDT's two emitters (nvdimm_ssdt.h). */
static enum lr_status (*const ssdt_emit[2])(const struct lr_acpi_nvdimm *,
                                            unsigned int,
                                            const struct lr_acpi_oem *,
                                            void *, size_t, size_t *,
                                            struct lr_acpi_nvdimm_fault *) = {
    lr_nvdimm_ssdt_emit, lr_nvdimm_ssdt_tpl_emit,
};

/* Builder buffers one byte too small: LR_E_NOSPACE, no length. */
static void test_buffer_too_small(void **state)
{
    size_t len, need;
    size_t cap;
    unsigned int k;

    assert_int_equal(lr_nfit_emit(two, 2, NULL, t, sizeof(t), &need, NULL),
                     LR_OK);
    assert_int_equal(lr_nfit_emit(two, 2, NULL, t, need - 1, &len, NULL),
                     LR_E_NOSPACE);
    assert_int_equal(len, 0);
    assert_int_equal(lr_nvdimm_ssdt_emit(two, 2, NULL, t, sizeof(t), &need,
                                         NULL), LR_OK);
    assert_true(need <= LR_NVDIMM_SSDT_MAX(2));
    /* the builder, then the template: the same bound */
    for ( k = 0; k < 2; k++ )
    {
        for ( cap = 0; cap < need; cap += 1 + cap / 3 )
        {
            len = 99;
            assert_int_equal(ssdt_emit[k](two, 2, NULL, t, cap, &len, NULL),
                             LR_E_NOSPACE);
            assert_int_equal(len, 0);
        }
        assert_int_equal(ssdt_emit[k](two, 2, NULL, t, need - 1, &len, NULL),
                         LR_E_NOSPACE);
        assert_int_equal(ssdt_emit[k](two, 2, NULL, NULL, need, &len, NULL),
                         LR_E_NOSPACE);
        assert_int_equal(ssdt_emit[k](two, 2, NULL, t, need, &len, NULL),
                         LR_OK);
        assert_int_equal(len, need);
    }
}

/* Find Device (name) and Name (_ADR, v) encodings (s20.2.5.2, s20.2.5.1,
 * s20.2.3) in the SSDT body. */
static const uint8_t *find(const uint8_t *h, size_t hl, const uint8_t *n,
                           size_t nl)
{
    size_t i;

    for ( i = 0; i + nl <= hl; i++ )
        if ( !memcmp(h + i, n, nl) )
            return h + i;
    return NULL;
}

static void test_ssdt_header_and_adr(void **state)
{
    /* _ADR 1 is One (0x01); 0x10002 needs DWordPrefix 0x0c */
    static const uint8_t adr0[] = { 0x08, '_', 'A', 'D', 'R', 0x01 };
    static const uint8_t adr1[] = { 0x08, '_', 'A', 'D', 'R', 0x0c,
                                    0x02, 0x00, 0x01, 0x00 };
    static const uint8_t hid[] = { 0x08, '_', 'H', 'I', 'D', 0x0d,
                                   'A', 'C', 'P', 'I', '0', '0', '1', '2',
                                   0x00 };
    static const uint8_t sb[] = { 0x10 };
    size_t len;
    const uint8_t *p0, *p1;
    int k;

    assert_int_equal(lr_nvdimm_ssdt_emit(two, 2, NULL, t, sizeof(t), &len,
                                         NULL), LR_OK);
    assert_memory_equal(t, "SSDT", 4);
    assert_int_equal(rd32(t + 4), len);
    assert_int_equal(t[8], 2);
    assert_int_equal(sum(t, len), 0);
    assert_memory_equal(t + 10, "LIBRSV", 6);
    assert_memory_equal(t + 36, sb, 1);   /* Scope (\_SB) first */
    assert_non_null(find(t, len, hid, sizeof(hid)));
    p0 = find(t, len, (const uint8_t *)"NV00", 4);
    p1 = find(t, len, (const uint8_t *)"NV01", 4);
    assert_non_null(p0);
    assert_non_null(p1);
    assert_null(find(t, len, (const uint8_t *)"NV02", 4));
    assert_true(find(p0, len - (p0 - t), adr0, sizeof(adr0)) == p0 + 4);
    assert_true(find(p1, len - (p1 - t), adr1, sizeof(adr1)) == p1 + 4);
    /* DeviceOp 5B 82, then a PkgLength whose lead byte says how long it
     * is, then the name */
    for ( k = 1; k <= 4; k++ )
        if ( p0[-2 - k] == 0x5b && p0[-1 - k] == 0x82 &&
             (p0[-k] >> 6) + 1 == k )
            break;
    assert_true(k <= 4);
}

/*
 * A label-less vNVDIMM (handle 0x10002): the whole SSDT body against
 * iasl 20200925's compilation of this hand-written ASL (header fields
 * checked separately):
 *
 * DefinitionBlock ("", "SSDT", 2, "LIBRSV", "LRNVDIMM", 1)
 * {
 *     Scope (\_SB)
 *     {
 *         Device (NVDR)
 *         {
 *             Name (_HID, "ACPI0012")
 *             Method (_DSM, 4, NotSerialized)
 *             {
 *                 Return (Buffer (One) { 0x00 })
 *             }
 *             Method (NOFN, 1, NotSerialized)
 *             {
 *                 If (LEqual (Arg0, Zero))
 *                 {
 *                     Return (Buffer (One) { 0x00 })
 *                 }
 *                 Return (Buffer (One) { 0x01 })
 *             }
 *             Method (NLBL, 1, NotSerialized)
 *             {
 *                 If (LEqual (Arg0, Zero))
 *                 {
 *                     Return (Buffer (One) { 0x01 })
 *                 }
 *                 Return (Buffer (0x04) { 0x01, 0x00, 0x00, 0x00 })
 *             }
 *             Device (NV00)
 *             {
 *                 Name (_ADR, 0x00010002)
 *                 Method (_DSM, 4, NotSerialized)
 *                 {
 *                     If (LEqual (Arg0,
 *                         ToUUID ("4309ac30-0d11-11e4-9191-0800200c9a66")))
 *                     {
 *                         Return (NLBL (Arg2))
 *                     }
 *                     Return (NOFN (Arg2))
 *                 }
 *             }
 *         }
 *     }
 * }
 */
static const uint8_t gold_ssdt_none[] = {
    0x10, 0x46, 0x09, 0x5c, 0x5f, 0x53, 0x42, 0x5f, 0x5b, 0x82, 0x4d, 0x08,
    0x4e, 0x56, 0x44, 0x52, 0x08, 0x5f, 0x48, 0x49, 0x44, 0x0d, 0x41, 0x43,
    0x50, 0x49, 0x30, 0x30, 0x31, 0x32, 0x00, 0x14, 0x0b, 0x5f, 0x44, 0x53,
    0x4d, 0x04, 0xa4, 0x11, 0x03, 0x01, 0x00, 0x14, 0x15, 0x4e, 0x4f, 0x46,
    0x4e, 0x01, 0xa0, 0x09, 0x93, 0x68, 0x00, 0xa4, 0x11, 0x03, 0x01, 0x00,
    0xa4, 0x11, 0x03, 0x01, 0x01, 0x14, 0x19, 0x4e, 0x4c, 0x42, 0x4c, 0x01,
    0xa0, 0x09, 0x93, 0x68, 0x00, 0xa4, 0x11, 0x03, 0x01, 0x01, 0xa4, 0x11,
    0x07, 0x0a, 0x04, 0x01, 0x00, 0x00, 0x00, 0x5b, 0x82, 0x3a, 0x4e, 0x56,
    0x30, 0x30, 0x08, 0x5f, 0x41, 0x44, 0x52, 0x0c, 0x02, 0x00, 0x01, 0x00,
    0x14, 0x2a, 0x5f, 0x44, 0x53, 0x4d, 0x04, 0xa0, 0x1d, 0x93, 0x68, 0x11,
    0x13, 0x0a, 0x10, 0x30, 0xac, 0x09, 0x43, 0x11, 0x0d, 0xe4, 0x11, 0x91,
    0x91, 0x08, 0x00, 0x20, 0x0c, 0x9a, 0x66, 0xa4, 0x4e, 0x4c, 0x42, 0x4c,
    0x6a, 0xa4, 0x4e, 0x4f, 0x46, 0x4e, 0x6a,
};

static void test_ssdt_golden_label_less(void **state)
{
    static const struct lr_acpi_nvdimm d = {
        .spa_base = 4 * GiB, .spa_size = 2 * MiB, .handle = 0x10002,
    };
    size_t len;
    unsigned int k;

    for ( k = 0; k < 2; k++ )   /* the builder, then the template */
    {
        memset(t, 0x5a, sizeof(t));
        assert_int_equal(ssdt_emit[k](&d, 1, NULL, t, sizeof(t), &len, NULL),
                         LR_OK);
        assert_int_equal(len, 36 + sizeof(gold_ssdt_none));
        assert_memory_equal(t + 36, gold_ssdt_none, sizeof(gold_ssdt_none));
        assert_memory_equal(t + 10, "LIBRSVLRNVDIMM", 14);
        assert_int_equal(rd32(t + 24), 1);
    }
}

/* The template emitter against the builder: the same bytes for sets of 1
 * to LR_ACPI_NVDIMM_MAX vNVDIMMs, every mix of label back ends, and values
 * on both sides of each Integer encoding's bounds (One, Byte, Word, DWord,
 * QWord) and of the PkgLength sizes (a device's methods grow with them). */
static uint32_t rnd_state = 12345;

static uint32_t rnd(void)
{
    rnd_state = rnd_state * 1103515245u + 12345u;
    return rnd_state >> 8;
}

static void test_template_equals_builder(void **state)
{
    static const uint32_t handle_base[] = { 1, 0xf0, 0xfff0, 0xffffffe0 };
    static const uint16_t ports[] = { 0, 1, 2, 0xff, 0x100, 0xffff };
    static struct lr_acpi_nvdimm d[LR_ACPI_NVDIMM_MAX];
    static uint8_t a[1 << 16];
    unsigned int trial, n, i, mix, mixes[3] = { 0 }, sizes = 0;
    size_t la, lb;
    enum lr_status sa, sb;

    for ( trial = 0; trial < 600; trial++ )
    {
        n = 1 + trial % LR_ACPI_NVDIMM_MAX;
        mix = trial / LR_ACPI_NVDIMM_MAX % 5; /* all none/mailbox/inband,
                                                  two mixes */
        memset(d, 0, sizeof(d));
        for ( i = 0; i < n; i++ )
        {
            struct lr_acpi_nvdimm *x = &d[i];

            x->spa_base = (uint64_t)(i + 1) << 36;
            x->spa_size = 2 * MiB * (1 + rnd() % 4);
            x->handle = handle_base[(trial + i / 8) % 4] + i;
            x->backend = mix < 3 ? (enum lr_acpi_label_backend)mix
                                 : (enum lr_acpi_label_backend)
                                   ((i + rnd() % 2 + mix) % 3);
            mixes[x->backend]++;
            if ( x->backend == LR_ACPI_LABEL_INBAND )
            {
                x->label_size = (32 + rnd() % (4096 - 32)) * 0x1000ull;
                /* below 4 GiB (DWord) or above (QWord) */
                x->label_base = rnd() % 2 ? 0x10000000ull + i * 0x1000000ull
                                          : x->spa_base + 4 * GiB;
            }
            else if ( x->backend == LR_ACPI_LABEL_MAILBOX )
            {
                /* Word or DWord, away from the label areas */
                x->dsm_page = rnd() % 2 ? 0x1000ull * (1 + rnd() % 15)
                                        : 0x40000000ull +
                                          0x1000ull * (rnd() % 0xbffff);
                x->dsm_port = ports[rnd() % 6];
            }
        }
        sa = lr_nvdimm_ssdt_emit(d, n, NULL, a, sizeof(a), &la, NULL);
        memset(t, 0x5a, sizeof(t));
        sb = lr_nvdimm_ssdt_tpl_emit(d, n, NULL, t, sizeof(t), &lb, NULL);
        if ( sa != LR_OK || sb != LR_OK || la != lb || memcmp(a, t, la) )
        {
            for ( i = 0; i < la && i < lb && a[i] == t[i]; i++ )
                ;
            fail_msg("trial %u (%u vNVDIMMs): builder %s %zu bytes, "
                     "template %s %zu bytes, first difference at %u", trial,
                     n, lr_status_name(sa), la, lr_status_name(sb), lb, i);
        }
        sizes |= la > 4096 ? 1 : 2;
        /* and both refuse one byte less */
        assert_int_equal(lr_nvdimm_ssdt_tpl_emit(d, n, NULL, t, la - 1, &lb,
                                                 NULL), LR_E_NOSPACE);
    }
    /* the sets covered what they should */
    assert_true(mixes[0] && mixes[1] && mixes[2]);
    assert_int_equal(sizes, 3);
}

/* Same input, same bytes (the engine runs twice and must agree). */
static void test_deterministic(void **state)
{
    static uint8_t a[1 << 16];
    size_t la, lb;

    assert_int_equal(lr_nvdimm_ssdt_emit(two, 2, NULL, a, sizeof(a), &la,
                                         NULL), LR_OK);
    memset(t, 0x5a, sizeof(t));
    assert_int_equal(lr_nvdimm_ssdt_emit(two, 2, NULL, t, sizeof(t), &lb,
                                         NULL), LR_OK);
    assert_int_equal(la, lb);
    assert_memory_equal(a, t, la);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_nfit_layout),
        cmocka_unit_test(test_nfit_identity_stable),
        cmocka_unit_test(test_nfit_parse_roundtrip),
        cmocka_unit_test(test_nfit_parse_rejects),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_buffer_too_small),
        cmocka_unit_test(test_ssdt_header_and_adr),
        cmocka_unit_test(test_ssdt_golden_label_less),
        cmocka_unit_test(test_deterministic),
        cmocka_unit_test(test_template_equals_builder),
    };

    return cmocka_run_group_tests_name("acpi_tables", tests, NULL, NULL);
}
