/* SPDX-License-Identifier: MIT */
/* Text in and out without libc. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <libreserve/fmt.h>

static void test_numbers_out(void **state)
{
    char buf[64];
    struct lr_buf b;

    lr_buf_init(&b, buf, sizeof(buf));
    lr_buf_dec(&b, 0);
    lr_buf_char(&b, ' ');
    lr_buf_dec(&b, 18446744073709551615ULL);
    lr_buf_char(&b, ' ');
    lr_buf_dec(&b, 10000000000000000000ULL);
    lr_buf_char(&b, ' ');
    lr_buf_hex(&b, 0xfc000000, 0);
    lr_buf_char(&b, ' ');
    lr_buf_hex(&b, 0, 4);
    assert_string_equal(buf, "0 18446744073709551615 10000000000000000000 "
                             "0xfc000000 0x0000");
}

static void test_sizes_out(void **state)
{
    static const struct {
        uint64_t v;
        const char *s;
    } cases[] = {
        { 0, "0 B" }, { 1, "1 B" }, { 4096, "4 KiB" }, { 0x11000, "68 KiB" },
        { 256ULL << 20, "256 MiB" }, { 3ULL << 30, "3 GiB" },
        { 1ULL << 40, "1 TiB" }, { 4097, "4097 B" },
        { (1ULL << 30) + (1ULL << 20), "1025 MiB" },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        char buf[32];
        struct lr_buf b;

        lr_buf_init(&b, buf, sizeof(buf));
        lr_buf_size(&b, cases[i].v);
        assert_string_equal(buf, cases[i].s);
    }
}

static void test_truncation(void **state)
{
    char buf[8];
    struct lr_buf b;

    memset(buf, 'x', sizeof(buf));
    lr_buf_init(&b, buf, sizeof(buf));
    lr_buf_str(&b, "0123456789");
    assert_int_equal(b.pos, 10);          /* what it needed */
    assert_string_equal(buf, "0123456");  /* cut, terminated */
    assert_false(lr_buf_ok(&b));
    lr_buf_init(&b, NULL, 0);             /* length 0: no write at all */
    lr_buf_str(&b, "abc");
    assert_int_equal(b.pos, 3);
}

static void test_parse_u64(void **state)
{
    static const struct {
        const char *s;
        enum lr_status st;
        uint64_t v;
    } cases[] = {
        { "0", LR_OK, 0 },
        { "4096", LR_OK, 4096 },
        { "0x1000", LR_OK, 0x1000 },
        { "0XfC000000", LR_OK, 0xfc000000 },
        { "18446744073709551615", LR_OK, UINT64_MAX },
        { "18446744073709551616", LR_E_WRAP, 0 },
        { "99999999999999999999", LR_E_WRAP, 0 },
        { "0xffffffffffffffff", LR_OK, UINT64_MAX },
        { "0x10000000000000000", LR_E_WRAP, 0 },
        { "", LR_E_PARSE, 0 },
        { "0x", LR_E_PARSE, 0 },
        { "-1", LR_E_PARSE, 0 },
        { " 1", LR_E_PARSE, 0 },
        { "1 ", LR_E_PARSE, 0 },
        { "12abc", LR_E_PARSE, 0 },
        { "0x12g", LR_E_PARSE, 0 },
        { "1e3", LR_E_PARSE, 0 },
        { "auto", LR_E_PARSE, 0 },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(cases) / sizeof(cases[0]); i++ )
    {
        uint64_t v = 0x5a5a;
        enum lr_status st = lr_parse_u64(cases[i].s, &v);

        if ( st != cases[i].st )
            fail_msg("'%s': status %d, want %d", cases[i].s, st,
                     cases[i].st);
        if ( st == LR_OK && v != cases[i].v )
            fail_msg("'%s': value %#lx", cases[i].s, (unsigned long)v);
        if ( st != LR_OK && v != 0x5a5a )
            fail_msg("'%s': output touched on error", cases[i].s);
    }
    assert_int_equal(lr_parse_u64(NULL, &(uint64_t){ 0 }), LR_E_PARSE);
}

static void test_parse_size(void **state)
{
    uint64_t v;

    assert_int_equal(lr_parse_size("512M", &v), LR_OK);
    assert_int_equal(v, 512ULL << 20);
    assert_int_equal(lr_parse_size("4G", &v), LR_OK);
    assert_int_equal(v, 4ULL << 30);
    assert_int_equal(lr_parse_size("0x1000", &v), LR_OK);
    assert_int_equal(v, 0x1000);
    assert_int_equal(lr_parse_size("16777216T", &v), LR_E_WRAP);
    assert_int_equal(lr_parse_size("G", &v), LR_E_PARSE);
    assert_int_equal(lr_parse_size("4GB", &v), LR_E_PARSE);
}

static void test_strings(void **state)
{
    char small[4];

    assert_int_equal(lr_strlcpy(small, "abcdef", sizeof(small)), 6);
    assert_string_equal(small, "abc");
    assert_true(lr_streq("punch", "punch"));
    assert_false(lr_streq("punch", "punc"));
    assert_false(lr_streq("", "x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_numbers_out),
        cmocka_unit_test(test_sizes_out),
        cmocka_unit_test(test_truncation),
        cmocka_unit_test(test_parse_u64),
        cmocka_unit_test(test_parse_size),
        cmocka_unit_test(test_strings),
    };

    return cmocka_run_group_tests_name("fmt", tests, NULL, NULL);
}
