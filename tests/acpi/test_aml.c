/* SPDX-License-Identifier: MIT */
/*
 * Golden-byte tests of the AML builder.  Each expected array is the AML
 * that iasl 20200925 produced for the ASL in the comment above it (the
 * DefinitionBlock body, header stripped); the test builds the same ASL
 * with lr_aml_* and compares byte for byte.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <acpi/aml.h>

static uint8_t buf[16384];
static struct lr_aml ctx, *b = &ctx;

#define INT(v)  lr_aml_int(b, (v))
#define LOC(n)  lr_aml_local(b, (n))
#define ARG(n)  lr_aml_arg(b, (n))
#define NUL     lr_aml_null(b)

static struct lr_aml_node start(void)
{
    memset(buf, 0xee, sizeof(buf));
    lr_aml_init(b, buf, sizeof(buf));
    return lr_aml_root(b);
}

static void check(struct lr_aml_node *root, const uint8_t *want,
                  size_t want_len)
{
    size_t len = 0;
    enum lr_status st = lr_aml_finish(b, root, &len);

    assert_int_equal(st, LR_OK);
    assert_int_equal(len, want_len);
    assert_memory_equal(buf, want, want_len);
}

static void name_int(struct lr_aml_node *root, const char *n, uint64_t v)
{
    lr_aml_append(b, root, lr_aml_name_decl(b, n, INT(v)));
}

/*
 * Name (INT0, Zero)
 * Name (INT1, One)
 * Name (INTO, Ones)
 * Name (IB2A, 0x2A)
 * Name (IBFF, 0xFF)
 * Name (IW01, 0x0100)
 * Name (IWFF, 0xFFFF)
 * Name (ID01, 0x00010000)
 * Name (IDFF, 0xFFFFFFFF)
 * Name (IQ01, 0x0000000100000000)
 * Name (IQ02, 0x123456789ABCDEF0)
 */
static const uint8_t gold_integers[] = {
    0x08, 0x49, 0x4e, 0x54, 0x30, 0x00, 0x08, 0x49, 0x4e, 0x54, 0x31, 0x01,
    0x08, 0x49, 0x4e, 0x54, 0x4f, 0xff, 0x08, 0x49, 0x42, 0x32, 0x41, 0x0a,
    0x2a, 0x08, 0x49, 0x42, 0x46, 0x46, 0x0a, 0xff, 0x08, 0x49, 0x57, 0x30,
    0x31, 0x0b, 0x00, 0x01, 0x08, 0x49, 0x57, 0x46, 0x46, 0x0b, 0xff, 0xff,
    0x08, 0x49, 0x44, 0x30, 0x31, 0x0c, 0x00, 0x00, 0x01, 0x00, 0x08, 0x49,
    0x44, 0x46, 0x46, 0x0c, 0xff, 0xff, 0xff, 0xff, 0x08, 0x49, 0x51, 0x30,
    0x31, 0x0e, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x08, 0x49,
    0x51, 0x30, 0x32, 0x0e, 0xf0, 0xde, 0xbc, 0x9a, 0x78, 0x56, 0x34, 0x12,
};

/*
 * Name (_HID, "ACPI0012")
 * Name (BUF3, Buffer (0x03) { 0x01, 0x02, 0x03 })
 * Name (BUFZ, Buffer (0x04) {})
 * Name (PKG3, Package (0x03) { One, "AB", Buffer (One) { 0x00 } })
 * Name (UUID, ToUUID ("4309ac30-0d11-11e4-9191-0800200c9a66"))
 */
static const uint8_t gold_string_buffer_package[] = {
    0x08, 0x5f, 0x48, 0x49, 0x44, 0x0d, 0x41, 0x43, 0x50, 0x49, 0x30, 0x30,
    0x31, 0x32, 0x00, 0x08, 0x42, 0x55, 0x46, 0x33, 0x11, 0x06, 0x0a, 0x03,
    0x01, 0x02, 0x03, 0x08, 0x42, 0x55, 0x46, 0x5a, 0x11, 0x03, 0x0a, 0x04,
    0x08, 0x50, 0x4b, 0x47, 0x33, 0x12, 0x0b, 0x03, 0x01, 0x0d, 0x41, 0x42,
    0x00, 0x11, 0x03, 0x01, 0x00, 0x08, 0x55, 0x55, 0x49, 0x44, 0x11, 0x13,
    0x0a, 0x10, 0x30, 0xac, 0x09, 0x43, 0x11, 0x0d, 0xe4, 0x11, 0x91, 0x91,
    0x08, 0x00, 0x20, 0x0c, 0x9a, 0x66,
};

/*
 * Scope (\_SB)
 * {
 *     Device (NVDR)
 *     {
 *         Name (_HID, "ACPI0012")
 *         Device (NV00)
 *         {
 *             Name (_ADR, One)
 *         }
 *     }
 * }
 */
static const uint8_t gold_scope_device[] = {
    0x10, 0x29, 0x5c, 0x5f, 0x53, 0x42, 0x5f, 0x5b, 0x82, 0x21, 0x4e, 0x56,
    0x44, 0x52, 0x08, 0x5f, 0x48, 0x49, 0x44, 0x0d, 0x41, 0x43, 0x50, 0x49,
    0x30, 0x30, 0x31, 0x32, 0x00, 0x5b, 0x82, 0x0b, 0x4e, 0x56, 0x30, 0x30,
    0x08, 0x5f, 0x41, 0x44, 0x52, 0x01,
};

/*
 * Scope (\_SB)
 * {
 *     Device (PCI0)
 *     {
 *         Device (LPCB)
 *         {
 *             Name (REFS, Package (0x04) {
 *                 \_SB, \_SB.PCI0, \_SB.PCI0.LPCB, ^^PCI0 })
 *         }
 *     }
 * }
 */
static const uint8_t gold_names[] = {
    0x10, 0x41, 0x04, 0x5c, 0x5f, 0x53, 0x42, 0x5f, 0x5b, 0x82, 0x38, 0x50,
    0x43, 0x49, 0x30, 0x5b, 0x82, 0x31, 0x4c, 0x50, 0x43, 0x42, 0x08, 0x52,
    0x45, 0x46, 0x53, 0x12, 0x26, 0x04, 0x5c, 0x5f, 0x53, 0x42, 0x5f, 0x5c,
    0x2e, 0x5f, 0x53, 0x42, 0x5f, 0x50, 0x43, 0x49, 0x30, 0x5c, 0x2f, 0x03,
    0x5f, 0x53, 0x42, 0x5f, 0x50, 0x43, 0x49, 0x30, 0x4c, 0x50, 0x43, 0x42,
    0x5e, 0x5e, 0x50, 0x43, 0x49, 0x30,
};

/*
 * Method (MTHA, 2, Serialized)
 * {
 *     Local0 = Zero
 *     While (LLess (Local0, Arg0))
 *     {
 *         If (LEqual (Local0, Arg1))
 *         {
 *             Break
 *         }
 *         Else
 *         {
 *             Increment (Local0)
 *         }
 *     }
 *     Return (Local0)
 * }
 * Method (MTHB, 0, NotSerialized)
 * {
 *     Return (Zero)
 * }
 */
static const uint8_t gold_method_if_else_while[] = {
    0x14, 0x1a, 0x4d, 0x54, 0x48, 0x41, 0x0a, 0x70, 0x00, 0x60, 0xa2, 0x0e,
    0x95, 0x60, 0x68, 0xa0, 0x05, 0x93, 0x60, 0x69, 0xa5, 0xa1, 0x03, 0x75,
    0x60, 0xa4, 0x60, 0x14, 0x08, 0x4d, 0x54, 0x48, 0x42, 0x00, 0xa4, 0x00,
};

/*
 * Method (ARIT, 2, NotSerialized)
 * {
 *     Add (Arg0, Arg1, Local0)
 *     Subtract (Arg0, Arg1, Local1)
 *     ShiftLeft (Arg0, 0x03, Local2)
 *     ShiftRight (Arg0, One, Local3)
 *     And (Arg0, 0xFF, Local4)
 *     Or (Arg0, 0x0100, Local5)
 *     Store (Add (Local0, Local1), Local6)
 *     Return (Local6)
 * }
 */
static const uint8_t gold_arithmetic[] = {
    0x14, 0x2a, 0x41, 0x52, 0x49, 0x54, 0x02, 0x72, 0x68, 0x69, 0x60, 0x74,
    0x68, 0x69, 0x61, 0x79, 0x68, 0x0a, 0x03, 0x62, 0x7a, 0x68, 0x01, 0x63,
    0x7b, 0x68, 0x0a, 0xff, 0x64, 0x7d, 0x68, 0x0b, 0x00, 0x01, 0x65, 0x70,
    0x72, 0x60, 0x61, 0x00, 0x66, 0xa4, 0x66,
};

/*
 * Method (LOGI, 2, NotSerialized)
 * {
 *     If (LAnd (LLess (Arg0, Arg1), LGreater (Arg1, 0x10)))
 *     {
 *         Return (One)
 *     }
 *     If (LOr (LNot (LEqual (Arg0, Zero)), LNot (LLess (Arg0, Arg1))))
 *     {
 *         Return (0x02)
 *     }
 *     Return (Zero)
 * }
 */
static const uint8_t gold_logic[] = {
    0x14, 0x22, 0x4c, 0x4f, 0x47, 0x49, 0x02, 0xa0, 0x0b, 0x90, 0x95, 0x68,
    0x69, 0x94, 0x69, 0x0a, 0x10, 0xa4, 0x01, 0xa0, 0x0d, 0x91, 0x92, 0x93,
    0x68, 0x00, 0x92, 0x95, 0x68, 0x69, 0xa4, 0x0a, 0x02, 0xa4, 0x00,
};

/*
 * Method (BUFO, 1, Serialized)
 * {
 *     CreateDWordField (Arg0, 0x04, DWF0)
 *     CreateField (Arg0, 0x08, 0x10, FLD0)
 *     Mid (Arg0, One, 0x02, Local0)
 *     Concatenate (Local0, Buffer (One) { 0xAA }, Local1)
 *     Store (SizeOf (Local1), Local2)
 *     Store (ObjectType (Arg0), Local3)
 *     Store (DerefOf (Index (Arg0, Zero)), Local4)
 *     Store (ToBuffer (Local4), Local5)
 *     Store (ToInteger (Local5), Local6)
 *     Store (0x05, Index (Local5, One))
 *     Return (DWF0)
 * }
 */
static const uint8_t gold_buffer_ops[] = {
    0x14, 0x4c, 0x04, 0x42, 0x55, 0x46, 0x4f, 0x09, 0x8a, 0x68, 0x0a, 0x04,
    0x44, 0x57, 0x46, 0x30, 0x5b, 0x13, 0x68, 0x0a, 0x08, 0x0a, 0x10, 0x46,
    0x4c, 0x44, 0x30, 0x9e, 0x68, 0x01, 0x0a, 0x02, 0x60, 0x73, 0x60, 0x11,
    0x03, 0x01, 0xaa, 0x61, 0x70, 0x87, 0x61, 0x62, 0x70, 0x8e, 0x68, 0x63,
    0x70, 0x83, 0x88, 0x68, 0x00, 0x00, 0x64, 0x70, 0x96, 0x64, 0x00, 0x65,
    0x70, 0x99, 0x65, 0x00, 0x66, 0x70, 0x0a, 0x05, 0x88, 0x65, 0x01, 0x00,
    0xa4, 0x44, 0x57, 0x46, 0x30,
};

/*
 * OperationRegion (MREG, SystemMemory, 0x7F000000, 0x1000)
 * Field (MREG, ByteAcc, NoLock, Preserve)
 * {
 *     MHDL,   32,
 *     MBIG,   32672
 * }
 * OperationRegion (IREG, SystemIO, 0x0A18, 0x04)
 * Field (IREG, DWordAcc, NoLock, Preserve)
 * {
 *     ,   8,
 *     IDBL,   24
 * }
 */
static const uint8_t gold_regions[] = {
    0x5b, 0x80, 0x4d, 0x52, 0x45, 0x47, 0x00, 0x0c, 0x00, 0x00, 0x00, 0x7f,
    0x0b, 0x00, 0x10, 0x5b, 0x81, 0x12, 0x4d, 0x52, 0x45, 0x47, 0x01, 0x4d,
    0x48, 0x44, 0x4c, 0x20, 0x4d, 0x42, 0x49, 0x47, 0x80, 0xfa, 0x07, 0x5b,
    0x80, 0x49, 0x52, 0x45, 0x47, 0x01, 0x0b, 0x18, 0x0a, 0x0a, 0x04, 0x5b,
    0x81, 0x0d, 0x49, 0x52, 0x45, 0x47, 0x03, 0x00, 0x08, 0x49, 0x44, 0x42,
    0x4c, 0x18,
};

/*
 * Method (CALE, 2, NotSerialized)
 * {
 *     Return (Arg1)
 * }
 * Method (CALR, 0, NotSerialized)
 * {
 *     Return (CALE (0x07, Buffer (0x02) { 0x01, 0x02 }))
 * }
 */
static const uint8_t gold_call_and_return[] = {
    0x14, 0x08, 0x43, 0x41, 0x4c, 0x45, 0x02, 0xa4, 0x69, 0x14, 0x13, 0x43,
    0x41, 0x4c, 0x52, 0x00, 0xa4, 0x43, 0x41, 0x4c, 0x45, 0x0a, 0x07, 0x11,
    0x05, 0x0a, 0x02, 0x01, 0x02,
};
static void test_integers(void **state)
{
    struct lr_aml_node root = start();

    name_int(&root, "INT0", 0);
    name_int(&root, "INT1", 1);
    name_int(&root, "INTO", ~0ull);
    name_int(&root, "IB2A", 0x2a);
    name_int(&root, "IBFF", 0xff);
    name_int(&root, "IW01", 0x100);
    name_int(&root, "IWFF", 0xffff);
    name_int(&root, "ID01", 0x10000);
    name_int(&root, "IDFF", 0xffffffffull);
    name_int(&root, "IQ01", 0x100000000ull);
    name_int(&root, "IQ02", 0x123456789abcdef0ull);
    check(&root, gold_integers, sizeof(gold_integers));
}

static void test_string_buffer_package(void **state)
{
    static const uint8_t b3[3] = { 1, 2, 3 };
    struct lr_aml_node root = start(), p;

    lr_aml_append(b, &root,
                  lr_aml_name_decl(b, "_HID", lr_aml_string(b, "ACPI0012")));
    lr_aml_append(b, &root, lr_aml_name_decl(b, "BUF3",
                                             lr_aml_buffer(b, b3, 3)));
    lr_aml_append(b, &root, lr_aml_name_decl(b, "BUFZ",
                                             lr_aml_buffer_sized(b, INT(4))));
    p = lr_aml_package(b);
    lr_aml_append(b, &p, INT(1));
    lr_aml_append(b, &p, lr_aml_string(b, "AB"));
    lr_aml_append(b, &p, lr_aml_buffer(b, NULL, 1));
    lr_aml_append(b, &root, lr_aml_name_decl(b, "PKG3", p));
    lr_aml_append(b, &root, lr_aml_name_decl(b, "UUID",
                  lr_aml_touuid(b, "4309ac30-0d11-11e4-9191-0800200c9a66")));
    check(&root, gold_string_buffer_package,
          sizeof(gold_string_buffer_package));
}

static void test_scope_device(void **state)
{
    struct lr_aml_node root = start(), sb, nvdr, nv00;

    sb = lr_aml_scope(b, "\\_SB");
    nvdr = lr_aml_device(b, "NVDR");
    lr_aml_append(b, &nvdr,
                  lr_aml_name_decl(b, "_HID", lr_aml_string(b, "ACPI0012")));
    nv00 = lr_aml_device(b, "NV00");
    lr_aml_append(b, &nv00, lr_aml_name_decl(b, "_ADR", INT(1)));
    lr_aml_append(b, &nvdr, nv00);
    lr_aml_append(b, &sb, nvdr);
    lr_aml_append(b, &root, sb);
    check(&root, gold_scope_device, sizeof(gold_scope_device));
}

static void test_names(void **state)
{
    struct lr_aml_node root = start(), sb, pci, lpc, p;

    sb = lr_aml_scope(b, "\\_SB");
    pci = lr_aml_device(b, "PCI0");
    lpc = lr_aml_device(b, "LPCB");
    p = lr_aml_package(b);
    lr_aml_append(b, &p, lr_aml_name(b, "\\_SB"));
    lr_aml_append(b, &p, lr_aml_name(b, "\\_SB.PCI0"));
    lr_aml_append(b, &p, lr_aml_name(b, "\\_SB.PCI0.LPCB"));
    lr_aml_append(b, &p, lr_aml_name(b, "^^PCI0"));
    lr_aml_append(b, &lpc, lr_aml_name_decl(b, "REFS", p));
    lr_aml_append(b, &pci, lpc);
    lr_aml_append(b, &sb, pci);
    lr_aml_append(b, &root, sb);
    check(&root, gold_names, sizeof(gold_names));
}

static void test_method_if_else_while(void **state)
{
    struct lr_aml_node root = start(), m, w, i, e;

    m = lr_aml_method(b, "MTHA", 2, true);
    lr_aml_append(b, &m, lr_aml_store(b, INT(0), LOC(0)));
    w = lr_aml_while(b, lr_aml_lless(b, LOC(0), ARG(0)));
    i = lr_aml_if(b, lr_aml_lequal(b, LOC(0), ARG(1)));
    lr_aml_append(b, &i, lr_aml_break(b));
    lr_aml_append(b, &w, i);
    e = lr_aml_else(b);
    lr_aml_append(b, &e, lr_aml_increment(b, LOC(0)));
    lr_aml_append(b, &w, e);
    lr_aml_append(b, &m, w);
    lr_aml_append(b, &m, lr_aml_return(b, LOC(0)));
    lr_aml_append(b, &root, m);
    m = lr_aml_method(b, "MTHB", 0, false);
    lr_aml_append(b, &m, lr_aml_return(b, INT(0)));
    lr_aml_append(b, &root, m);
    check(&root, gold_method_if_else_while,
          sizeof(gold_method_if_else_while));
}

static void test_arithmetic(void **state)
{
    struct lr_aml_node root = start(), m;

    m = lr_aml_method(b, "ARIT", 2, false);
    lr_aml_append(b, &m, lr_aml_add(b, ARG(0), ARG(1), LOC(0)));
    lr_aml_append(b, &m, lr_aml_subtract(b, ARG(0), ARG(1), LOC(1)));
    lr_aml_append(b, &m, lr_aml_shift_left(b, ARG(0), INT(3), LOC(2)));
    lr_aml_append(b, &m, lr_aml_shift_right(b, ARG(0), INT(1), LOC(3)));
    lr_aml_append(b, &m, lr_aml_and(b, ARG(0), INT(0xff), LOC(4)));
    lr_aml_append(b, &m, lr_aml_or(b, ARG(0), INT(0x100), LOC(5)));
    lr_aml_append(b, &m, lr_aml_store(b, lr_aml_add(b, LOC(0), LOC(1), NUL),
                                      LOC(6)));
    lr_aml_append(b, &m, lr_aml_return(b, LOC(6)));
    lr_aml_append(b, &root, m);
    check(&root, gold_arithmetic, sizeof(gold_arithmetic));
}

static void test_logic(void **state)
{
    struct lr_aml_node root = start(), m, i;

    m = lr_aml_method(b, "LOGI", 2, false);
    i = lr_aml_if(b, lr_aml_land(b, lr_aml_lless(b, ARG(0), ARG(1)),
                                 lr_aml_lgreater(b, ARG(1), INT(0x10))));
    lr_aml_append(b, &i, lr_aml_return(b, INT(1)));
    lr_aml_append(b, &m, i);
    i = lr_aml_if(b, lr_aml_lor(b,
                                lr_aml_lnot(b, lr_aml_lequal(b, ARG(0),
                                                             INT(0))),
                                lr_aml_lnot(b, lr_aml_lless(b, ARG(0),
                                                            ARG(1)))));
    lr_aml_append(b, &i, lr_aml_return(b, INT(2)));
    lr_aml_append(b, &m, i);
    lr_aml_append(b, &m, lr_aml_return(b, INT(0)));
    lr_aml_append(b, &root, m);
    check(&root, gold_logic, sizeof(gold_logic));
}

static void test_buffer_ops(void **state)
{
    static const uint8_t aa = 0xaa;
    struct lr_aml_node root = start(), m;

    m = lr_aml_method(b, "BUFO", 1, true);
    lr_aml_append(b, &m, lr_aml_create_dword_field(b, ARG(0), INT(4),
                                                   "DWF0"));
    lr_aml_append(b, &m, lr_aml_create_field(b, ARG(0), INT(8), INT(16),
                                             "FLD0"));
    lr_aml_append(b, &m, lr_aml_mid(b, ARG(0), INT(1), INT(2), LOC(0)));
    lr_aml_append(b, &m, lr_aml_concatenate(b, LOC(0),
                                            lr_aml_buffer(b, &aa, 1),
                                            LOC(1)));
    lr_aml_append(b, &m, lr_aml_store(b, lr_aml_sizeof(b, LOC(1)), LOC(2)));
    lr_aml_append(b, &m, lr_aml_store(b, lr_aml_object_type(b, ARG(0)),
                                      LOC(3)));
    lr_aml_append(b, &m, lr_aml_store(b,
                  lr_aml_derefof(b, lr_aml_index(b, ARG(0), INT(0), NUL)),
                  LOC(4)));
    lr_aml_append(b, &m, lr_aml_store(b, lr_aml_to_buffer(b, LOC(4), NUL),
                                      LOC(5)));
    lr_aml_append(b, &m, lr_aml_store(b, lr_aml_to_integer(b, LOC(5), NUL),
                                      LOC(6)));
    lr_aml_append(b, &m, lr_aml_store(b, INT(5),
                                      lr_aml_index(b, LOC(5), INT(1), NUL)));
    lr_aml_append(b, &m, lr_aml_return(b, lr_aml_name(b, "DWF0")));
    lr_aml_append(b, &root, m);
    check(&root, gold_buffer_ops, sizeof(gold_buffer_ops));
}

static void test_regions(void **state)
{
    struct lr_aml_node root = start(), f;

    lr_aml_append(b, &root,
                  lr_aml_operation_region(b, "MREG", LR_AML_SYSTEM_MEMORY,
                                          INT(0x7f000000), INT(0x1000)));
    f = lr_aml_field(b, "MREG", LR_AML_BYTE_ACC);
    lr_aml_field_unit(b, &f, "MHDL", 32);
    lr_aml_field_unit(b, &f, "MBIG", 32672);
    lr_aml_append(b, &root, f);
    lr_aml_append(b, &root,
                  lr_aml_operation_region(b, "IREG", LR_AML_SYSTEM_IO,
                                          INT(0x0a18), INT(4)));
    f = lr_aml_field(b, "IREG", LR_AML_DWORD_ACC);
    lr_aml_field_unit(b, &f, NULL, 8);
    lr_aml_field_unit(b, &f, "IDBL", 24);
    lr_aml_append(b, &root, f);
    check(&root, gold_regions, sizeof(gold_regions));
}

static void test_call_and_return(void **state)
{
    static const uint8_t two[2] = { 1, 2 };
    struct lr_aml_node root = start(), m, a[2];

    m = lr_aml_method(b, "CALE", 2, false);
    lr_aml_append(b, &m, lr_aml_return(b, ARG(1)));
    lr_aml_append(b, &root, m);
    m = lr_aml_method(b, "CALR", 0, false);
    a[0] = INT(7);
    a[1] = lr_aml_buffer(b, two, 2);
    lr_aml_append(b, &m, lr_aml_return(b, lr_aml_call(b, "CALE", a, 2)));
    lr_aml_append(b, &root, m);
    check(&root, gold_call_and_return, sizeof(gold_call_and_return));
}

/*
 * PkgLength size boundaries (s20.2.4), payload bytes 0, 1, 2, ... (mod
 * 256); iasl gave these prefixes:
 *   Name (B060, Buffer (0x3C) {...})   08 42 30 36 30 11 3f 0a 3c
 *   Name (B061, Buffer (0x3D) {...})   08 42 30 36 31 11 41 04 0a 3d
 *   Name (B4K0, Buffer (0x0FFA) {...}) 08 42 34 4b 30 11 4f ff 0b fa 0f
 *   Name (B4K1, Buffer (0x0FFB) {...}) 08 42 34 4b 31 11 81 00 01 0b fb 0f
 * (63 = largest 1-byte PkgLength, 4095 = largest 2-byte one).
 */
static size_t expect_buffer(uint8_t *out, const uint8_t *pfx, size_t plen,
                            size_t n)
{
    size_t i;

    memcpy(out, pfx, plen);
    for ( i = 0; i < n; i++ )
        out[plen + i] = (uint8_t)i;
    return plen + n;
}

static void name_pattern(struct lr_aml_node *root, const char *name,
                         size_t n)
{
    static uint8_t pat[8192];
    size_t i;

    for ( i = 0; i < n; i++ )
        pat[i] = (uint8_t)i;
    lr_aml_append(b, root, lr_aml_name_decl(b, name,
                                            lr_aml_buffer(b, pat, n)));
}

static void test_pkglength_boundaries(void **state)
{
    static const uint8_t p60[] = { 0x08, 0x42, 0x30, 0x36, 0x30, 0x11,
                                   0x3f, 0x0a, 0x3c };
    static const uint8_t p61[] = { 0x08, 0x42, 0x30, 0x36, 0x31, 0x11,
                                   0x41, 0x04, 0x0a, 0x3d };
    static const uint8_t pk0[] = { 0x08, 0x42, 0x34, 0x4b, 0x30, 0x11,
                                   0x4f, 0xff, 0x0b, 0xfa, 0x0f };
    static const uint8_t pk1[] = { 0x08, 0x42, 0x34, 0x4b, 0x31, 0x11,
                                   0x81, 0x00, 0x01, 0x0b, 0xfb, 0x0f };
    static uint8_t want[16384];
    struct lr_aml_node root = start();
    size_t n = 0;

    name_pattern(&root, "B060", 0x3c);
    name_pattern(&root, "B061", 0x3d);
    n += expect_buffer(want + n, p60, sizeof(p60), 0x3c);
    n += expect_buffer(want + n, p61, sizeof(p61), 0x3d);
    check(&root, want, n);

    root = start();
    name_pattern(&root, "B4K0", 0xffa);
    name_pattern(&root, "B4K1", 0xffb);
    n = expect_buffer(want, pk0, sizeof(pk0), 0xffa);
    n += expect_buffer(want + n, pk1, sizeof(pk1), 0xffb);
    check(&root, want, n);
}

/* Add (Local0, 0x02) with the operands built in the "wrong" order: the
 * builder puts them in ASL order (AddOp 0x72, Local0Op 0x60, BytePrefix
 * 0x0a 0x02, NullName 0x00; s20.2.5.4). */
static void test_operand_order(void **state)
{
    static const uint8_t want[] = { 0x72, 0x60, 0x0a, 0x02, 0x00 };
    struct lr_aml_node root = start(), y, x, t;

    t = NUL;
    y = INT(2);
    x = LOC(0);
    lr_aml_append(b, &root, lr_aml_add(b, x, y, t));
    check(&root, want, sizeof(want));
}

/* Sticky error: the buffer runs out; every later call is a no-op, nothing
 * is written past the capacity, finish reports LR_E_NOSPACE. */
static void test_sticky_nospace(void **state)
{
    struct lr_aml_node root, sb, d;
    size_t len = 123;
    uint32_t used;

    memset(buf, 0xee, sizeof(buf));
    lr_aml_init(b, buf, 10);
    root = lr_aml_root(b);
    sb = lr_aml_scope(b, "\\_SB");
    d = lr_aml_device(b, "NVDR");
    lr_aml_append(b, &d,
                  lr_aml_name_decl(b, "_HID", lr_aml_string(b, "ACPI0012")));
    assert_int_equal(lr_aml_error(b), LR_E_NOSPACE);
    used = ctx.len;
    lr_aml_append(b, &sb, d);
    lr_aml_append(b, &root, sb);
    lr_aml_append(b, &root, lr_aml_name(b, "bad name")); /* 2nd error */
    assert_int_equal(ctx.len, used);
    assert_true(used <= 10);
    assert_int_equal(buf[10], 0xee);
    assert_int_equal(lr_aml_finish(b, &root, &len), LR_E_NOSPACE);
    assert_int_equal(len, 0);
}

/* Sticky error: misuse and malformed input give LR_E_INVAL. */
static void test_sticky_inval(void **state)
{
    static const char *const bad_names[] = {
        "abcd", "TOOLONG", "1ABC", "", "A..B", "\\", "AB.", "\\^AB",
    };
    struct lr_aml_node root, d1, d2;
    size_t len, i;

    for ( i = 0; i < sizeof(bad_names) / sizeof(bad_names[0]); i++ )
    {
        root = start();
        lr_aml_append(b, &root, lr_aml_name(b, bad_names[i]));
        if ( lr_aml_finish(b, &root, &len) != LR_E_INVAL )
            fail_msg("name \"%s\" was accepted", bad_names[i]);
    }

    /* a child that does not follow its parent */
    root = start();
    d1 = lr_aml_device(b, "DEV1");
    d2 = lr_aml_device(b, "DEV2");
    lr_aml_append(b, &d1, lr_aml_name_decl(b, "_ADR", INT(1)));
    assert_int_equal(lr_aml_error(b), LR_E_INVAL);
    (void)d2;

    /* a node built but never appended */
    root = start();
    d1 = lr_aml_device(b, "DEV1");
    assert_int_equal(lr_aml_finish(b, &root, &len), LR_E_INVAL);

    /* appending to a leaf, Local8, Arg7, bad UUID */
    root = start();
    d1 = INT(5);
    lr_aml_append(b, &d1, INT(6));
    assert_int_equal(lr_aml_error(b), LR_E_INVAL);
    root = start();
    lr_aml_append(b, &root, LOC(8));
    assert_int_equal(lr_aml_finish(b, &root, &len), LR_E_INVAL);
    root = start();
    lr_aml_append(b, &root, ARG(7));
    assert_int_equal(lr_aml_finish(b, &root, &len), LR_E_INVAL);
    root = start();
    lr_aml_append(b, &root, lr_aml_touuid(b, "4309ac30-0d11-11e4-9191"));
    assert_int_equal(lr_aml_finish(b, &root, &len), LR_E_INVAL);
    root = start();
    lr_aml_append(b, &root,
                  lr_aml_touuid(b, "4309ac30x0d11-11e4-9191-0800200c9a66"));
    assert_int_equal(lr_aml_finish(b, &root, &len), LR_E_INVAL);
}

/* The first error wins: LR_E_INVAL stays even when space runs out. */
static void test_first_error_wins(void **state)
{
    struct lr_aml_node root;
    size_t len;

    memset(buf, 0xee, sizeof(buf));
    lr_aml_init(b, buf, 8);
    root = lr_aml_root(b);
    lr_aml_append(b, &root, lr_aml_name(b, "bad"));
    lr_aml_append(b, &root, lr_aml_string(b, "a string longer than 8"));
    assert_int_equal(lr_aml_finish(b, &root, &len), LR_E_INVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_integers),
        cmocka_unit_test(test_string_buffer_package),
        cmocka_unit_test(test_scope_device),
        cmocka_unit_test(test_names),
        cmocka_unit_test(test_method_if_else_while),
        cmocka_unit_test(test_arithmetic),
        cmocka_unit_test(test_logic),
        cmocka_unit_test(test_buffer_ops),
        cmocka_unit_test(test_regions),
        cmocka_unit_test(test_call_and_return),
        cmocka_unit_test(test_pkglength_boundaries),
        cmocka_unit_test(test_operand_order),
        cmocka_unit_test(test_sticky_nospace),
        cmocka_unit_test(test_sticky_inval),
        cmocka_unit_test(test_first_error_wins),
    };

    return cmocka_run_group_tests_name("acpi_aml", tests, NULL, NULL);
}
