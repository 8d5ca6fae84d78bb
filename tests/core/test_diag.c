/* SPDX-License-Identifier: MIT */
/* Diagnostics: storage, overflow counting, and the one-line message. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <libreserve/diag.h>

static void test_storage_and_lost(void **state)
{
    struct lr_diag st[2];
    struct lr_diags ds;

    lr_diags_init(&ds, st, 2);
    assert_non_null(lr_diag_add(&ds, LR_D_OVERLAP, LR_SEV_WARN,
                                LR_ACT_KEPT));
    assert_non_null(lr_diag_add(&ds, LR_D_CONFLICT_RAM, LR_SEV_ERROR,
                                LR_ACT_FAILED));
    assert_null(lr_diag_add(&ds, LR_D_CONFLICT_RAM, LR_SEV_ERROR,
                            LR_ACT_FAILED));
    assert_int_equal(ds.nr, 2);
    assert_int_equal(ds.lost, 1);
    assert_int_equal(ds.errors, 2);     /* the lost one counts */
    assert_int_equal(ds.warnings, 1);
}

/* A message names both sides: kind, range, owner, policy, the action and
 * the alternatives. */
static void test_format_both_sides(void **state)
{
    struct lr_diag d;
    struct lr_region r;
    struct lr_range rr = { 0x7c000000, 0x807fffff };
    struct lr_range ram = { 0, 0xefffffff };
    char buf[512];
    size_t n;

    memset(&d, 0, sizeof(d));
    d.code = LR_D_CONFLICT_RAM;
    d.severity = LR_SEV_WARN;
    d.action = LR_ACT_DROPPED;
    lr_region_set(&r, &rr, LR_KIND_RMRR, LR_POLICY_RELAXED,
                  "RMRR 0 of 0000:00:02.0");
    lr_diag_side_region(&d.a, &r);
    lr_diag_side_range(&d.b, &ram, LR_KIND_RAM, "guest lowmem");
    d.bytes = 0x4800000;
    d.alt_mem = 0x7c000000;
    d.alt_boundary = 0x7bf00000;
    n = lr_diag_format(&d, buf, sizeof(buf));
    assert_int_equal(n, strlen(buf));
    assert_string_equal(buf,
        "warning LR-CONFLICT-RAM: RMRR 0x000000007c000000-0x00000000807fffff"
        " (RMRR 0 of 0000:00:02.0, relaxed) overlaps RAM "
        "0x0000000000000000-0x00000000efffffff (guest lowmem): dropped the "
        "reservation, 72 MiB overlap; avoid with memory <= 1984 MiB or "
        "rdm_mem_boundary <= 1983 MiB");
    /* Truncated output is still terminated and reports the full size. */
    assert_int_equal(lr_diag_format(&d, buf, 16), n);
    assert_int_equal(strlen(buf), 15);
}

static void test_names(void **state)
{
    assert_string_equal(lr_diag_code_name(LR_D_RAM_MOVED), "LR-RAM-MOVED");
    assert_string_equal(lr_diag_code_name(9999), "LR-UNKNOWN");
    assert_string_equal(lr_diag_code_name(7), "LR-UNKNOWN");  /* gap */
    assert_string_equal(lr_severity_name(LR_SEV_ERROR), "error");
    assert_string_equal(lr_action_name(LR_ACT_MOVED_RAM), "moved RAM");
    assert_string_equal(lr_action_name(200), "?");
}

static void test_owner_cut(void **state)
{
    struct lr_region r;
    struct lr_range rr = { 0, 0xfff };
    char longname[300];

    memset(longname, 'd', sizeof(longname) - 1);
    longname[sizeof(longname) - 1] = '\0';
    lr_region_set(&r, &rr, LR_KIND_RMRR, LR_POLICY_STRICT, longname);
    assert_int_equal(strlen(r.owner), LR_OWNER_LEN - 1);
    assert_string_equal(&r.owner[LR_OWNER_LEN - 4], "...");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_storage_and_lost),
        cmocka_unit_test(test_format_both_sides),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_owner_cut),
    };

    return cmocka_run_group_tests_name("diag", tests, NULL, NULL);
}
