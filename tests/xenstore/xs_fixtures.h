/* SPDX-License-Identifier: MIT */
/*
 * Inputs and bad-input cases shared by the unit test (in-memory store),
 * the live test (real xenstored) and the fuzz target's seeds; the inputs
 * are built with the shared helpers of tests/lib/fixtures.h.
 */
#ifndef XS_FIXTURES_H
#define XS_FIXTURES_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libreserve/xs.h>
#include <libreserve/platform.h>
#include "../lib/fixtures.h"

/* The guest whose keys the tests write: /local/domain/5/. */
#define XS_TEST_DOMID   5

/*
 * The base of every bad-input case: two reservations and two vNVDIMMs,
 * index 0 strict and index 1 relaxed in each list.
 *
 *   0xAB000000 +64K  RMRR strict   "RMRR of 0000:00:1d.0"
 *   0xAC000000 +4K   RMRR relaxed  "RMRR of 0000:00:14.0"
 *   vNVDIMM 0: 0x200000000 +4G, label 128K inband, strict
 *   vNVDIMM 1: auto +1G, no label, relaxed
 */
static inline void fx_base(struct lr_input *in)
{
    lr_input_init(in);
    in->cfg.mem_size = 4 * LR_GIB;
    lrt_region_sized(in, 0xAB000000ULL, 0x10000, LR_KIND_RMRR,
                     LR_POLICY_STRICT, "RMRR of 0000:00:1d.0");
    lrt_region_sized(in, 0xAC000000ULL, 0x1000, LR_KIND_RMRR,
                     LR_POLICY_RELAXED, "RMRR of 0000:00:14.0");
    lrt_vnvdimm(in, 0x200000000ULL, 4 * LR_GIB, 128 * LR_KIB, LR_LABEL_INBAND,
                0, 0x1234, 0x1000000000ULL, LR_POLICY_STRICT);
    lrt_vnvdimm(in, LR_GPA_AUTO, LR_GIB, 0, LR_LABEL_NONE, 7, 0, 0,
                LR_POLICY_RELAXED);
}

/*
 * Every field used, both lists full, boundary values: a region ending at
 * 2^64 - 1, one crossing 4 GiB, owners of 127 bytes and with characters
 * xenstore-ls escapes (quote, backslash, tab).
 */
static inline void fx_rich(struct lr_input *in)
{
    unsigned int i;
    char owner[LR_OWNER_LEN];

    lr_input_init(in);
    in->cfg.mem_size = 0x123456000ULL;
    in->cfg.mmio_hole_size = 1024 * LR_MIB;
    in->cfg.rdm_boundary = 3 * LR_GIB;
    in->cfg.pmem_align = 256 * LR_MIB;
    in->cfg.pmem_base_min = 0x4000000000ULL;
    in->cfg.strategy = LR_STRATEGY_XEN_COMPAT;
    in->cfg.device_model = 0;
    in->cfg.hap = 0;

    lrt_region_sized(in, 0xFFFFFFFFFFFFF000ULL, 0x1000, LR_KIND_RMRR,
                     LR_POLICY_STRICT, "top of the address space");
    lrt_region_sized(in, LR_4G - 0x1000, 0x2000, LR_KIND_FIRMWARE,
                     LR_POLICY_RELAXED,
                     "crosses 4 GiB \"quoted\" \\ back\tslash");
    memset(owner, 'o', sizeof(owner) - 1);
    owner[sizeof(owner) - 1] = '\0';
    lrt_region_sized(in, 0x1000, 1, LR_KIND_ACPI, LR_POLICY_STRICT, owner);
    lrt_region_sized(in, 0xE0000000ULL, 0x100000, LR_KIND_MMIO32,
                     LR_POLICY_RELAXED, "");
    for ( i = in->nr_regions; i < LR_MAX_REGIONS; i++ )
    {
        enum lr_kind kind = LR_KIND_RMRR + i % (LR_KIND__COUNT - 1);

        snprintf(owner, sizeof(owner), "RMRR %u of 0000:%02x:1f.%u", i, i,
                 i & 7);
        lrt_region_sized(in, 0x10000000000ULL + i * 0x10000ULL, 0x3000,
                         kind, (enum lr_policy)(i & 1), owner);
    }
    in->regions[4].ndevs = 1;
    in->regions[5].ndevs = 3;
    in->regions[6].ndevs = 255;
    for ( i = 0; i < LR_MAX_VNVDIMMS; i++ )
        lrt_vnvdimm(in, i & 1 ? LR_GPA_AUTO : 0x8000000000ULL * (i + 1),
                    (i + 1) * LR_GIB, i % 3 ? 0 : 256 * LR_KIB,
                    (enum lr_label_backend)(i % 3), i * 3, 0xFFFFFFFFU - i,
                    0x100000000000ULL * i, (enum lr_policy)((i >> 1) & 1));
}

/* One key to change on top of fx_base; val NULL deletes it. */
struct fx_set {
    const char *path;
    const char *val;
};

struct fx_case {
    const char *name;
    struct fx_set set[3];
    enum lr_status status;      /* what lr_xs_read_input returns */
    unsigned int code;          /* a diagnostic with this code ... */
    unsigned int sev;           /* ... and this severity must appear */
    int nr_regions;             /* on LR_OK: entries kept */
    int nr_vnvdimms;
};

#define R0 "libreserve/reserved/0/"
#define R1 "libreserve/reserved/1/"
#define V0 "libreserve/vnvdimm/0/"
#define V1 "libreserve/vnvdimm/1/"
#define L  "libreserve/layout/"
#define ERR LR_SEV_ERROR
#define WARN LR_SEV_WARN

static const struct fx_case fx_cases[] = {
    /* whole schema */
    { "no schema", { { "libreserve/version", NULL } },
      LR_E_NOTFOUND, LR_D_XS_MISSING, LR_SEV_INFO, 0, 0 },
    { "empty version", { { "libreserve/version", "" } },
      LR_E_NOTFOUND, LR_D_XS_MISSING, LR_SEV_INFO, 0, 0 },
    { "future version", { { "libreserve/version", "2" } },
      LR_E_INVAL, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "version junk", { { "libreserve/version", "1.0" } },
      LR_E_INVAL, LR_D_XS_MALFORMED, ERR, 0, 0 },
    /* configuration: always fails the read */
    { "memory missing", { { L "memory", NULL } },
      LR_E_NOTFOUND, LR_D_XS_MISSING, ERR, 0, 0 },
    { "memory empty", { { L "memory", "" } },
      LR_E_NOTFOUND, LR_D_XS_MISSING, ERR, 0, 0 },
    { "memory junk", { { L "memory", "4096k" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "memory space", { { L "memory", " 4096" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "memory sign", { { L "memory", "-1" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "memory bare 0x", { { L "memory", "0x" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "memory overflow dec", { { L "memory", "18446744073709551616" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "memory overflow hex", { { L "memory", "0x10000000000000000" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "memory max ok", { { L "memory", "18446744073709551615" } },
      LR_OK, LR_D_NONE, 0, 2, 2 },
    { "strategy unknown", { { L "strategy", "punchy" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "strategy empty is default", { { L "strategy", "" } },
      LR_OK, LR_D_NONE, 0, 2, 2 },
    { "device-model 2", { { L "device-model", "2" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "hap junk", { { L "hap", "yes" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "rdm-boundary junk", { { L "rdm-boundary", "2G" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "mmio hole junk", { { "platform/mmio_hole_size", "268435456x" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    /* counts */
    { "reserved count over max", { { "libreserve/reserved/count", "65" } },
      LR_E_NOSPACE, LR_D_XS_COUNT, ERR, 0, 0 },
    { "reserved count huge",
      { { "libreserve/reserved/count", "99999999999999999999" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "reserved count junk", { { "libreserve/reserved/count", "2a" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "reserved count missing", { { "libreserve/reserved/count", NULL } },
      LR_OK, LR_D_XS_COUNT, WARN, 0, 2 },
    { "reserved count short", { { "libreserve/reserved/count", "1" } },
      LR_OK, LR_D_XS_COUNT, WARN, 1, 2 },
    { "reserved count beyond keys",
      { { "libreserve/reserved/count", "3" } },
      LR_E_NOTFOUND, LR_D_XS_COUNT, ERR, 0, 0 },
    { "reserved count beyond keys, relaxed entry",
      { { "libreserve/reserved/count", "3" },
        { "libreserve/reserved/2/policy", "relaxed" } },
      LR_OK, LR_D_XS_COUNT, WARN, 2, 2 },
    { "vnvdimm count over max", { { "libreserve/vnvdimm/count", "9" } },
      LR_E_NOSPACE, LR_D_XS_COUNT, ERR, 0, 0 },
    { "vnvdimm count beyond keys", { { "libreserve/vnvdimm/count", "3" } },
      LR_E_NOTFOUND, LR_D_XS_COUNT, ERR, 0, 0 },
    /* reservations: strict fails, relaxed is skipped */
    { "strict size 0", { { R0 "size", "0" } },
      LR_E_EMPTY, LR_D_BAD_REGION, ERR, 0, 0 },
    { "relaxed size 0", { { R1 "size", "0x0" } },
      LR_OK, LR_D_BAD_REGION, WARN, 1, 2 },
    { "strict wrap", { { R0 "base", "0xffffffffffff0000" },
                       { R0 "size", "0x10001" } },
      LR_E_WRAP, LR_D_BAD_REGION, ERR, 0, 0 },
    { "strict ends at 2^64-1", { { R0 "base", "0xffffffffffff0000" },
                                 { R0 "size", "0x10000" } },
      LR_OK, LR_D_NONE, 0, 2, 2 },
    { "relaxed wrap", { { R1 "base", "18446744073709551615" },
                        { R1 "size", "2" } },
      LR_OK, LR_D_BAD_REGION, WARN, 1, 2 },
    { "strict base junk", { { R0 "base", "0xAB00000g" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "strict base overflow", { { R0 "base", "0x1AB0000000000000000" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "relaxed size junk", { { R1 "size", "4096 " } },
      LR_OK, LR_D_XS_MALFORMED, WARN, 1, 2 },
    { "strict base missing", { { R0 "base", NULL } },
      LR_E_NOTFOUND, LR_D_XS_MISSING, ERR, 0, 0 },
    { "relaxed size empty", { { R1 "size", "" } },
      LR_OK, LR_D_XS_MISSING, WARN, 1, 2 },
    { "kind unknown strict", { { R0 "kind", "dma" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "kind unknown relaxed", { { R1 "kind", "dma" } },
      LR_OK, LR_D_XS_MALFORMED, WARN, 1, 2 },
    { "kind ram", { { R0 "kind", "ram" } },
      LR_E_INVAL, LR_D_BAD_REGION, ERR, 0, 0 },
    { "kind upper case", { { R0 "kind", "FIRMWARE" } },
      LR_OK, LR_D_NONE, 0, 2, 2 },
    { "kind missing is rmrr", { { R0 "kind", NULL } },
      LR_OK, LR_D_NONE, 0, 2, 2 },
    { "policy unknown is strict", { { R1 "policy", "lenient" },
                                    { R1 "size", "0" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "policy missing is strict", { { R1 "policy", NULL },
                                    { R1 "size", "0" } },
      LR_E_EMPTY, LR_D_BAD_REGION, ERR, 0, 0 },
    { "devices 0", { { R0 "devices", "0" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "devices 256", { { R0 "devices", "256" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "devices 2", { { R0 "devices", "2" } },
      LR_OK, LR_D_NONE, 0, 2, 2 },
    { "owner 128 bytes is cut",
      { { R0 "owner", "0123456789abcdef0123456789abcdef0123456789abcdef"
                      "0123456789abcdef0123456789abcdef0123456789abcdef"
                      "0123456789abcdef0123456789abcdef" } },
      LR_OK, LR_D_XS_MALFORMED, WARN, 2, 2 },
    { "owner 300 bytes is cut",
      { { R1 "owner", "0123456789abcdef0123456789abcdef0123456789abcdef"
                      "0123456789abcdef0123456789abcdef0123456789abcdef"
                      "0123456789abcdef0123456789abcdef0123456789abcdef"
                      "0123456789abcdef0123456789abcdef0123456789abcdef"
                      "0123456789abcdef0123456789abcdef0123456789abcdef"
                      "0123456789abcdef0123456789abcdef0123456789abcdef"
                      "0123456789ab" } },
      LR_OK, LR_D_XS_MALFORMED, WARN, 2, 2 },
    /* vNVDIMMs */
    { "vnvdimm size 0", { { V0 "size", "0" } },
      LR_E_EMPTY, LR_D_BAD_REGION, ERR, 0, 0 },
    { "vnvdimm size missing", { { V0 "size", NULL } },
      LR_E_NOTFOUND, LR_D_XS_MISSING, ERR, 0, 0 },
    { "vnvdimm gpa junk", { { V0 "gpa", "automatic" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "vnvdimm gpa all ones", { { V0 "gpa", "0xffffffffffffffff" } },
      LR_E_WRAP, LR_D_BAD_REGION, ERR, 0, 0 },
    { "vnvdimm gpa wrap", { { V0 "gpa", "0xffffffff00001000" } },
      LR_E_WRAP, LR_D_BAD_REGION, ERR, 0, 0 },
    { "vnvdimm ends at 2^64-1", { { V0 "gpa", "0xffffffff00000000" } },
      LR_OK, LR_D_NONE, 0, 2, 2 },
    { "vnvdimm gpa wrap 2", { { V0 "gpa", "0xffffffff00000001" } },
      LR_E_WRAP, LR_D_BAD_REGION, ERR, 0, 0 },
    { "vnvdimm gpa missing is auto", { { V0 "gpa", NULL } },
      LR_OK, LR_D_NONE, 0, 2, 2 },
    { "vnvdimm handle over 32 bits", { { V0 "handle", "4294967296" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "vnvdimm serial max", { { V0 "serial", "0xffffffff" } },
      LR_OK, LR_D_NONE, 0, 2, 2 },
    { "vnvdimm backend unknown", { { V0 "label-backend", "nvme" } },
      LR_E_PARSE, LR_D_XS_MALFORMED, ERR, 0, 0 },
    { "vnvdimm relaxed junk skipped", { { V1 "label-size", "128K" } },
      LR_OK, LR_D_XS_MALFORMED, WARN, 2, 1 },
    { "vnvdimm relaxed size 0 skipped", { { V1 "size", "0" } },
      LR_OK, LR_D_BAD_REGION, WARN, 2, 1 },
};

#undef R0
#undef R1
#undef V0
#undef V1
#undef L
#undef ERR
#undef WARN

#endif /* XS_FIXTURES_H */
