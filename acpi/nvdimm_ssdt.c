/* SPDX-License-Identifier: MIT */
/*
 * The vNVDIMM SSDT, built with the AML builder.  The ASL it produces is
 * written out in docs/acpi.md; the comments here name each method.
 */
#include <acpi/aml.h>
#include <acpi/nvdimm_ssdt.h>
#include "../libreserve/lr_libc.h"

#define INTEL_DSM_UUID "4309ac30-0d11-11e4-9191-0800200c9a66"

/* Shorthands: the builder code below reads as the ASL in docs/acpi.md. */
#define INT(v)      lr_aml_int(b, (v))
#define LOC(n)      lr_aml_local(b, (n))
#define ARG(n)      lr_aml_arg(b, (n))
#define NUL         lr_aml_null(b)
#define NAME(s)     lr_aml_name(b, (s))
#define ADD(x, y)   lr_aml_add(b, (x), (y), NUL)
#define SUB(x, y)   lr_aml_subtract(b, (x), (y), NUL)
#define EQ(x, y)    lr_aml_lequal(b, (x), (y))
#define LT(x, y)    lr_aml_lless(b, (x), (y))
#define GT(x, y)    lr_aml_lgreater(b, (x), (y))
#define OR(x, y)    lr_aml_lor(b, (x), (y))
#define STORE(s, d) lr_aml_store(b, (s), (d))
#define RET(v)      lr_aml_return(b, (v))

/* Buffer (4) { status, 0, 0, 0 }: an Intel DSM status word. */
static struct lr_aml_node status_buf(struct lr_aml *b, uint8_t st)
{
    uint8_t v[4] = { st, 0, 0, 0 };

    return lr_aml_buffer(b, v, 4);
}

static struct lr_aml_node byte_buf(struct lr_aml *b, uint8_t v)
{
    return lr_aml_buffer(b, &v, 1);
}

static struct lr_aml_node call1(struct lr_aml *b, const char *m,
                                struct lr_aml_node a0)
{
    return lr_aml_call(b, m, &a0, 1);
}

static struct lr_aml_node call2(struct lr_aml *b, const char *m,
                                struct lr_aml_node a0, struct lr_aml_node a1)
{
    struct lr_aml_node a[2] = { a0, a1 };

    return lr_aml_call(b, m, a, 2);
}

/* If (pred) { Return (v) } appended to *parent.  A macro, not a
 * function: pred must be consumed by If before v is built (a function's
 * arguments would both be pending at once). */
#define IF_RETURN(parent, pred, v)                          \
    do {                                                    \
        struct lr_aml_node if_ = lr_aml_if(b, (pred));      \
                                                            \
        lr_aml_append(b, &if_, RET(v));                     \
        lr_aml_append(b, (parent), if_);                    \
    } while ( 0 )

/* Method (NOFN, 1): a UUID we do not implement.  Function 0 answers
 * Buffer {0} (no function supported), anything else Buffer {1}. */
static void m_nofn(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "NOFN", 1, false);

    IF_RETURN(&m, EQ(ARG(0), INT(0)), byte_buf(b, 0));
    lr_aml_append(b, &m, RET(byte_buf(b, 1)));
    lr_aml_append(b, dev, m);
}

/* Method (NLBL, 1): Intel family without labels: function 0 says only
 * bit 0 (the family exists), others answer status 1 (not supported). */
static void m_nlbl(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "NLBL", 1, false);

    IF_RETURN(&m, EQ(ARG(0), INT(0)), byte_buf(b, 0x01));
    lr_aml_append(b, &m, RET(status_buf(b, 1)));
    lr_aml_append(b, dev, m);
}

/* Method (RDDW, 2): the u32 at byte Arg1 of buffer Arg0. */
static void m_rddw(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "RDDW", 2, true);

    lr_aml_append(b, &m, lr_aml_create_dword_field(b, ARG(0), ARG(1),
                                                   "DWV_"));
    lr_aml_append(b, &m, RET(NAME("DWV_")));
    lr_aml_append(b, dev, m);
}

/* Method (MKDW, 1): Buffer (4) holding Arg0 as a u32. */
static void m_mkdw(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "MKDW", 1, false);

    lr_aml_append(b, &m, RET(lr_aml_mid(b, lr_aml_to_buffer(b, ARG(0), NUL),
                                        INT(0), INT(4), NUL)));
    lr_aml_append(b, dev, m);
}

/* Method (INBF, 2): the Buffer in a one-element Package Arg0 if it has
 * at least Arg1 bytes, else Zero. */
static void m_inbf(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "INBF", 2, true);
    struct lr_aml_node i1, i2, i3;

    i1 = lr_aml_if(b, EQ(lr_aml_object_type(b, ARG(0)), INT(4)));
    i2 = lr_aml_if(b, EQ(lr_aml_sizeof(b, ARG(0)), INT(1)));
    lr_aml_append(b, &i2, STORE(lr_aml_derefof(b, lr_aml_index(b, ARG(0),
                                                              INT(0), NUL)),
                                LOC(0)));
    i3 = lr_aml_if(b, EQ(lr_aml_object_type(b, LOC(0)), INT(3)));
    IF_RETURN(&i3, lr_aml_lnot(b, LT(lr_aml_sizeof(b, LOC(0)), ARG(1))),
              LOC(0));
    lr_aml_append(b, &i2, i3);
    lr_aml_append(b, &i1, i2);
    lr_aml_append(b, &m, i1);
    lr_aml_append(b, &m, RET(INT(0)));
    lr_aml_append(b, dev, m);
}

/* Label window check shared by LRED and LWRT: Arg1 = area size, Arg2 =
 * offset, Arg3 = length; off + len may not exceed the area (tested
 * without the addition, which could wrap) nor the max transfer. */
static void bad_window_returns_3(struct lr_aml *b, struct lr_aml_node *m)
{
    IF_RETURN(m,
              OR(GT(ARG(2), ARG(1)),
                 OR(GT(ARG(3), SUB(ARG(1), ARG(2))),
                    GT(ARG(3), INT(LR_ACPI_LABEL_MAX_XFER)))),
              status_buf(b, 3));
}

/* Label traffic moves in steps of 512, 64, 8 or 1 bytes: the largest
 * that fits what remains.  A Field's size is fixed but a region's address
 * is not, so each step opens a region at its address for one call and
 * declares one Field per step size over it (only the right one is used). */
static const uint32_t step[4] = { 512, 64, 8, 1 };
static const char *const step_field[4] = { "L512", "L064", "L008", "L001" };

static void block_region(struct lr_aml *b, struct lr_aml_node *m)
{
    struct lr_aml_node f;
    unsigned int k;

    lr_aml_append(b, m, lr_aml_operation_region(b, "LREG",
                                                LR_AML_SYSTEM_MEMORY,
                                                ARG(0), ARG(1)));
    for ( k = 0; k < 4; k++ )
    {
        f = lr_aml_field(b, "LREG", step[k] == 1 ? LR_AML_BYTE_ACC
                                                 : LR_AML_ANY_ACC);
        lr_aml_field_unit(b, &f, step_field[k], step[k] * 8);
        lr_aml_append(b, m, f);
    }
}

/* Method (RBLK, 2): Arg1 (a step size) bytes at address Arg0, as a
 * Buffer (the 8-byte field reads as an Integer, the 1-byte one too).
 * Method (WBLK, 3): write Buffer Arg2 of Arg1 (a step size) bytes at
 * address Arg0.  Both open the region and test the step sizes in turn;
 * RBLK answers 512 and 64 from a Local, WBLK 512, 64 and 8 by a Store. */
static void m_blk(struct lr_aml *b, struct lr_aml_node *dev, bool write)
{
    struct lr_aml_node m = lr_aml_method(b, write ? "WBLK" : "RBLK",
                                         write ? 3 : 2, true);
    struct lr_aml_node i;
    unsigned int k;

    block_region(b, &m);
    for ( k = 0; k < (write ? 3u : 2u); k++ )
    {
        i = lr_aml_if(b, EQ(ARG(1), INT(step[k])));
        lr_aml_append(b, &i, write ? STORE(ARG(2), NAME(step_field[k]))
                                   : STORE(NAME(step_field[k]), LOC(0)));
        lr_aml_append(b, &i, RET(write ? INT(0) : LOC(0)));
        lr_aml_append(b, &m, i);
    }
    if ( write )
        lr_aml_append(b, &m, STORE(lr_aml_derefof(b, lr_aml_index(b, ARG(2),
                                                                  INT(0),
                                                                  NUL)),
                                   NAME("L001")));
    else
    {
        IF_RETURN(&m, EQ(ARG(1), INT(8)),
                  lr_aml_to_buffer(b, NAME("L008"), NUL));
        lr_aml_append(b, &m, STORE(byte_buf(b, 0), LOC(0)));
        lr_aml_append(b, &m, STORE(NAME("L001"),
                                   lr_aml_index(b, LOC(0), INT(0), NUL)));
    }
    lr_aml_append(b, &m, RET(write ? INT(0) : LOC(0)));
    lr_aml_append(b, dev, m);
}

/* The loop both directions share, appended to *m:
 *   Local1 = 0; Local2 = Arg0 + Arg2
 *   While (Local1 < Arg3) {
 *       Local3 = Arg3 - Local1; Local4 = the largest step <= Local3
 *       <body>; Local1 += Local4 }
 * body(b) builds one statement using Local2 + Local1 and Local4. */
static void block_loop(struct lr_aml *b, struct lr_aml_node *m,
                       struct lr_aml_node (*body)(struct lr_aml *b))
{
    struct lr_aml_node w, i;
    int k;

    lr_aml_append(b, m, STORE(INT(0), LOC(1)));
    lr_aml_append(b, m, lr_aml_add(b, ARG(0), ARG(2), LOC(2)));
    w = lr_aml_while(b, LT(LOC(1), ARG(3)));
    lr_aml_append(b, &w, lr_aml_subtract(b, ARG(3), LOC(1), LOC(3)));
    lr_aml_append(b, &w, STORE(INT(1), LOC(4)));
    for ( k = 2; k >= 0; k-- )
    {
        i = lr_aml_if(b, lr_aml_lnot(b, LT(LOC(3), INT(step[k]))));
        lr_aml_append(b, &i, STORE(INT(step[k]), LOC(4)));
        lr_aml_append(b, &w, i);
    }
    lr_aml_append(b, &w, body(b));
    lr_aml_append(b, &w, lr_aml_add(b, LOC(1), LOC(4), LOC(1)));
    lr_aml_append(b, m, w);
}

/* Concatenate (Local0, RBLK (Local2 + Local1, Local4), Local0) */
static struct lr_aml_node read_step(struct lr_aml *b)
{
    return lr_aml_concatenate(b, LOC(0),
                              call2(b, "RBLK", ADD(LOC(2), LOC(1)), LOC(4)),
                              LOC(0));
}

/* WBLK (Local2 + Local1, Local4, Mid (Arg4, Arg5 + Local1, Local4)) */
static struct lr_aml_node write_step(struct lr_aml *b)
{
    struct lr_aml_node a[3];

    a[0] = ADD(LOC(2), LOC(1));
    a[1] = LOC(4);
    a[2] = lr_aml_mid(b, ARG(4), ADD(ARG(5), LOC(1)), LOC(4), NUL);
    return lr_aml_call(b, "WBLK", a, 3);
}

/* Method (LRED, 4): Arg0 = area base, Arg1 = area size, Arg2 = offset,
 * Arg3 = length.  Returns Buffer {u32 status, data}. */
static void m_lred(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "LRED", 4, true);

    bad_window_returns_3(b, &m);
    lr_aml_append(b, &m, STORE(status_buf(b, 0), LOC(0)));
    block_loop(b, &m, read_step);
    lr_aml_append(b, &m, RET(LOC(0)));
    lr_aml_append(b, dev, m);
}

/* Method (LWRT, 6): Arg0..Arg3 as LRED, Arg4 = source Buffer, Arg5 =
 * where the data starts in it.  Returns Buffer {u32 status}. */
static void m_lwrt(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "LWRT", 6, true);

    bad_window_returns_3(b, &m);
    IF_RETURN(&m, GT(ADD(ARG(5), ARG(3)), lr_aml_sizeof(b, ARG(4))),
              status_buf(b, 3));
    block_loop(b, &m, write_step);
    lr_aml_append(b, &m, RET(status_buf(b, 0)));
    lr_aml_append(b, dev, m);
}

/* Method (IDSM, 4): Intel family over an in-band label area (any
 * revision).  Arg0 = function, Arg1 = the _DSM Arg3, Arg2 = area base,
 * Arg3 = area size. */
static void m_idsm(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "IDSM", 4, true);
    struct lr_aml_node i, j, a[6];

    IF_RETURN(&m, EQ(ARG(0), INT(0)), byte_buf(b, 0x71));
    /* fn 4: {status 0, area size, max transfer} */
    i = lr_aml_if(b, EQ(ARG(0), INT(4)));
    lr_aml_append(b, &i, lr_aml_concatenate(b, status_buf(b, 0),
                                            call1(b, "MKDW", ARG(3)),
                                            LOC(0)));
    lr_aml_append(b, &i, RET(lr_aml_concatenate(b, LOC(0),
                             call1(b, "MKDW",
                                   INT(LR_ACPI_LABEL_MAX_XFER)), NUL)));
    lr_aml_append(b, &m, i);
    /* fn 5: Arg2 = Package {Buffer {u32 offset, u32 length}} */
    i = lr_aml_if(b, EQ(ARG(0), INT(5)));
    lr_aml_append(b, &i, STORE(call2(b, "INBF", ARG(1), INT(8)), LOC(0)));
    j = lr_aml_if(b, EQ(lr_aml_object_type(b, LOC(0)), INT(3)));
    a[0] = ARG(2);
    a[1] = ARG(3);
    a[2] = call2(b, "RDDW", LOC(0), INT(0));
    a[3] = call2(b, "RDDW", LOC(0), INT(4));
    lr_aml_append(b, &j, RET(lr_aml_call(b, "LRED", a, 4)));
    lr_aml_append(b, &i, j);
    lr_aml_append(b, &i, RET(status_buf(b, 3)));
    lr_aml_append(b, &m, i);
    /* fn 6: Arg2 = Package {Buffer {u32 offset, u32 length, data}} */
    i = lr_aml_if(b, EQ(ARG(0), INT(6)));
    lr_aml_append(b, &i, STORE(call2(b, "INBF", ARG(1), INT(8)), LOC(0)));
    j = lr_aml_if(b, EQ(lr_aml_object_type(b, LOC(0)), INT(3)));
    a[0] = ARG(2);
    a[1] = ARG(3);
    a[2] = call2(b, "RDDW", LOC(0), INT(0));
    a[3] = call2(b, "RDDW", LOC(0), INT(4));
    a[4] = LOC(0);
    a[5] = INT(8);
    lr_aml_append(b, &j, RET(lr_aml_call(b, "LWRT", a, 6)));
    lr_aml_append(b, &i, j);
    lr_aml_append(b, &i, RET(status_buf(b, 3)));
    lr_aml_append(b, &m, i);
    lr_aml_append(b, &m, RET(status_buf(b, 1)));
    lr_aml_append(b, dev, m);
}

/* Method (MDSM, 6): QEMU's mailbox.  Arg0 = handle, Arg1 = revision,
 * Arg2 = function, Arg3 = the _DSM Arg3, Arg4 = page address, Arg5 =
 * doorbell port.  Returns the reply data, or status 2 (no device) if the
 * reply length is outside [4, 4096]. */
static void m_mdsm(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "MDSM", 6, true);
    struct lr_aml_node f, i;

    lr_aml_append(b, &m, lr_aml_operation_region(b, "NPAG",
                                                 LR_AML_SYSTEM_MEMORY,
                                                 ARG(4),
                                                 INT(LR_ACPI_DSM_PAGE_SIZE)));
    f = lr_aml_field(b, "NPAG", LR_AML_DWORD_ACC);
    lr_aml_field_unit(b, &f, "NHDL", 32);
    lr_aml_field_unit(b, &f, "NREV", 32);
    lr_aml_field_unit(b, &f, "NFUN", 32);
    lr_aml_field_unit(b, &f, "NARG", (4096 - 12) * 8);
    lr_aml_append(b, &m, f);
    f = lr_aml_field(b, "NPAG", LR_AML_DWORD_ACC);
    lr_aml_field_unit(b, &f, "NLEN", 32);
    lr_aml_field_unit(b, &f, "NOUT", (4096 - 4) * 8);
    lr_aml_append(b, &m, f);
    lr_aml_append(b, &m, lr_aml_operation_region(b, "NPIO",
                                                 LR_AML_SYSTEM_IO,
                                                 ARG(5), INT(4)));
    f = lr_aml_field(b, "NPIO", LR_AML_DWORD_ACC);
    lr_aml_field_unit(b, &f, "NTFY", 32);
    lr_aml_append(b, &m, f);
    lr_aml_append(b, &m, STORE(ARG(0), NAME("NHDL")));
    lr_aml_append(b, &m, STORE(ARG(1), NAME("NREV")));
    lr_aml_append(b, &m, STORE(ARG(2), NAME("NFUN")));
    lr_aml_append(b, &m, STORE(call2(b, "INBF", ARG(3), INT(0)), LOC(0)));
    i = lr_aml_if(b, EQ(lr_aml_object_type(b, LOC(0)), INT(3)));
    lr_aml_append(b, &i, STORE(LOC(0), NAME("NARG")));
    lr_aml_append(b, &m, i);
    lr_aml_append(b, &m, STORE(ARG(4), NAME("NTFY")));
    lr_aml_append(b, &m, STORE(NAME("NLEN"), LOC(1)));
    IF_RETURN(&m, OR(LT(LOC(1), INT(4)), GT(LOC(1), INT(4096))),
              status_buf(b, 2));
    lr_aml_append(b, &m, STORE(NAME("NOUT"), LOC(2)));
    lr_aml_append(b, &m, RET(lr_aml_mid(b, LOC(2), INT(0),
                                        SUB(LOC(1), INT(4)), NUL)));
    lr_aml_append(b, dev, m);
}

/* Method (LSST, 1): Intel status -> _LSI/_LSR/_LSW status (ACPI 6.2
 * s6.5.10: 2 is "invalid input parameters" there, 3 in the Intel DSM). */
static void m_lsst(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m = lr_aml_method(b, "LSST", 1, false);

    IF_RETURN(&m, EQ(ARG(0), INT(3)), INT(2));
    lr_aml_append(b, &m, RET(ARG(0)));
    lr_aml_append(b, dev, m);
}

/* Methods (LSIP/LSRP/LSWP, 1): turn an fn 4/5/6 reply Buffer into what
 * _LSI (Package {status, size, max transfer}), _LSR (Package {status,
 * Buffer data}) and _LSW (Integer status) return.  Packages are built
 * in a Local and filled with Index (see the acpiexec note in docs). */
static void m_lsxp(struct lr_aml *b, struct lr_aml_node *dev)
{
    struct lr_aml_node m, p;
    unsigned int k;

    m = lr_aml_method(b, "LSIP", 1, true);
    p = lr_aml_package(b);
    for ( k = 0; k < 3; k++ )
        lr_aml_append(b, &p, INT(0));
    lr_aml_append(b, &m, STORE(p, LOC(0)));
    lr_aml_append(b, &m, STORE(call1(b, "LSST", call2(b, "RDDW", ARG(0),
                                                      INT(0))),
                               lr_aml_index(b, LOC(0), INT(0), NUL)));
    IF_RETURN(&m, LT(lr_aml_sizeof(b, ARG(0)), INT(12)), LOC(0));
    for ( k = 1; k < 3; k++ )
        lr_aml_append(b, &m, STORE(call2(b, "RDDW", ARG(0), INT(4 * k)),
                                   lr_aml_index(b, LOC(0), INT(k), NUL)));
    lr_aml_append(b, &m, RET(LOC(0)));
    lr_aml_append(b, dev, m);

    m = lr_aml_method(b, "LSRP", 1, true);
    p = lr_aml_package(b);
    lr_aml_append(b, &p, INT(0));
    lr_aml_append(b, &p, lr_aml_buffer(b, NULL, 0));
    lr_aml_append(b, &m, STORE(p, LOC(0)));
    lr_aml_append(b, &m, STORE(call1(b, "LSST", call2(b, "RDDW", ARG(0),
                                                      INT(0))),
                               lr_aml_index(b, LOC(0), INT(0), NUL)));
    lr_aml_append(b, &m, STORE(lr_aml_mid(b, ARG(0), INT(4),
                                          SUB(lr_aml_sizeof(b, ARG(0)),
                                              INT(4)), NUL),
                               LOC(1)));
    lr_aml_append(b, &m, STORE(LOC(1), lr_aml_index(b, LOC(0), INT(1),
                                                    NUL)));
    lr_aml_append(b, &m, RET(LOC(0)));
    lr_aml_append(b, dev, m);

    m = lr_aml_method(b, "LSWP", 1, false);
    lr_aml_append(b, &m, RET(call1(b, "LSST", call2(b, "RDDW", ARG(0),
                                                    INT(0)))));
    lr_aml_append(b, dev, m);
}

/* Part part of the NVDR root's body (enum lr_nvdimm_ssdt_part), appended
 * to *nvdr: _HID, the root _DSM and what every child needs; the helpers
 * of both label back ends; the in-band label methods; the mailbox. */
static void nvdr_part(struct lr_aml *b, struct lr_aml_node *nvdr,
                      unsigned int part)
{
    struct lr_aml_node m;

    switch ( part )
    {
    case LR_SSDT_PART_COMMON:
        lr_aml_append(b, nvdr, lr_aml_name_decl(b, "_HID",
                                                lr_aml_string(b, "ACPI0012")));
        /* Root _DSM: no bus function for any UUID. */
        m = lr_aml_method(b, "_DSM", 4, false);
        lr_aml_append(b, &m, RET(byte_buf(b, 0)));
        lr_aml_append(b, nvdr, m);
        m_nofn(b, nvdr);
        m_nlbl(b, nvdr);
        break;
    case LR_SSDT_PART_LABELS:
        m_rddw(b, nvdr);
        m_mkdw(b, nvdr);
        m_inbf(b, nvdr);
        m_lsst(b, nvdr);
        m_lsxp(b, nvdr);
        break;
    case LR_SSDT_PART_INBAND:
        m_blk(b, nvdr, false);
        m_blk(b, nvdr, true);
        m_lred(b, nvdr);
        m_lwrt(b, nvdr);
        m_idsm(b, nvdr);
        break;
    case LR_SSDT_PART_MAILBOX:
        m_mdsm(b, nvdr);
        break;
    }
}

enum lr_status lr_nvdimm_ssdt_part(unsigned int part, void *buf, size_t cap,
                                   size_t *len)
{
    struct lr_aml aml, *b = &aml;
    struct lr_aml_node root;

    *len = 0;
    if ( part >= LR_SSDT_PARTS )
        return LR_E_INVAL;
    lr_aml_init(b, buf, cap);
    root = lr_aml_root(b);
    nvdr_part(b, &root, part);
    return lr_aml_finish(b, &root, len);
}

/* The label call of one vNVDIMM: IDSM or MDSM with its fixed arguments.
 * From _DSM (fn == 0): revision, function and package are Arg1..Arg3;
 * from _LSx: revision 1, function fn and the package in Local0. */
static struct lr_aml_node label_call(struct lr_aml *b,
                                     const struct lr_acpi_nvdimm *d,
                                     unsigned int fn)
{
    struct lr_aml_node a[6];

    if ( d->backend == LR_ACPI_LABEL_INBAND )
    {
        a[0] = fn ? INT(fn) : ARG(2);
        a[1] = fn ? LOC(0) : ARG(3);
        a[2] = INT(d->label_base);
        a[3] = INT(d->label_size);
        return lr_aml_call(b, "IDSM", a, 4);
    }
    a[0] = INT(d->handle);
    a[1] = fn ? INT(1) : ARG(1);
    a[2] = fn ? INT(fn) : ARG(2);
    a[3] = fn ? LOC(0) : ARG(3);
    a[4] = INT(d->dsm_page);
    a[5] = INT(lr_acpi_nvdimm_port(d));
    return lr_aml_call(b, "MDSM", a, 6);
}

/* Store (Package (1) {Zero}, LocalN) */
static void pkg1_in_local(struct lr_aml *b, struct lr_aml_node *m,
                          unsigned int n)
{
    struct lr_aml_node p = lr_aml_package(b);

    lr_aml_append(b, &p, INT(0));
    lr_aml_append(b, m, STORE(p, LOC(n)));
}

/* Store (v, Index (LocalN, 0)) */
#define SET_PKG1(m, n, v) \
    lr_aml_append(b, (m), STORE((v), lr_aml_index(b, LOC(n), INT(0), NUL)))

/* Device (NVxx) for d. */
static void nvdimm_device(struct lr_aml *b, struct lr_aml_node *nvdr,
                          const struct lr_acpi_nvdimm *d, unsigned int i)
{
    static const char hex[] = "0123456789ABCDEF";
    char name[5] = { 'N', 'V', hex[(i >> 4) & 0xf], hex[i & 0xf], 0 };
    struct lr_aml_node dev = lr_aml_device(b, name);
    struct lr_aml_node m, c;

    lr_aml_append(b, &dev, lr_aml_name_decl(b, "_ADR", INT(d->handle)));

    /* _DSM: the Intel family, else no function at all. */
    m = lr_aml_method(b, "_DSM", 4, false);
    c = lr_aml_if(b, EQ(ARG(0), lr_aml_touuid(b, INTEL_DSM_UUID)));
    if ( d->backend == LR_ACPI_LABEL_NONE )
        lr_aml_append(b, &c, RET(call1(b, "NLBL", ARG(2))));
    else
        lr_aml_append(b, &c, RET(label_call(b, d, 0)));
    lr_aml_append(b, &m, c);
    lr_aml_append(b, &m, RET(call1(b, "NOFN", ARG(2))));
    lr_aml_append(b, &dev, m);

    if ( d->backend != LR_ACPI_LABEL_NONE )
    {
        /* _LSI: fn 4 */
        m = lr_aml_method(b, "_LSI", 0, true);
        pkg1_in_local(b, &m, 0);
        SET_PKG1(&m, 0, lr_aml_buffer(b, NULL, 0));
        lr_aml_append(b, &m, RET(call1(b, "LSIP",
                                       label_call(b, d, 4))));
        lr_aml_append(b, &dev, m);
        /* _LSR (offset, length): fn 5 */
        m = lr_aml_method(b, "_LSR", 2, true);
        pkg1_in_local(b, &m, 0);
        SET_PKG1(&m, 0, lr_aml_concatenate(b, call1(b, "MKDW", ARG(0)),
                                           call1(b, "MKDW", ARG(1)), NUL));
        lr_aml_append(b, &m, RET(call1(b, "LSRP",
                                       label_call(b, d, 5))));
        lr_aml_append(b, &dev, m);
        /* _LSW (offset, length, data): fn 6 */
        m = lr_aml_method(b, "_LSW", 3, true);
        lr_aml_append(b, &m, lr_aml_concatenate(b, call1(b, "MKDW", ARG(0)),
                                                call1(b, "MKDW", ARG(1)),
                                                LOC(1)));
        pkg1_in_local(b, &m, 0);
        SET_PKG1(&m, 0, lr_aml_concatenate(b, LOC(1), ARG(2), NUL));
        lr_aml_append(b, &m, RET(call1(b, "LSWP",
                                       label_call(b, d, 6))));
        lr_aml_append(b, &dev, m);
    }
    lr_aml_append(b, nvdr, dev);
}

enum lr_status lr_nvdimm_ssdt_emit(const struct lr_acpi_nvdimm *d,
                                   unsigned int n,
                                   const struct lr_acpi_oem *oem,
                                   void *buf, size_t cap, size_t *len,
                                   struct lr_acpi_nvdimm_fault *fault)
{
    struct lr_aml aml, *b = &aml;
    struct lr_aml_node root, sb, nvdr;
    enum lr_status st;
    size_t body;
    unsigned int i, parts;

    *len = 0;
    st = lr_acpi_nvdimm_check(d, n, fault);
    if ( st != LR_OK )
        return st;
    if ( !buf || cap < LR_ACPI_HEADER_LEN )
        return LR_E_NOSPACE;
    parts = lr_nvdimm_ssdt_parts(d, n);
    lr_aml_init(b, (uint8_t *)buf + LR_ACPI_HEADER_LEN,
                cap - LR_ACPI_HEADER_LEN);
    root = lr_aml_root(b);
    sb = lr_aml_scope(b, "\\_SB");
    nvdr = lr_aml_device(b, "NVDR");
    for ( i = 0; i < LR_SSDT_PARTS; i++ )
        if ( parts & (1u << i) )
            nvdr_part(b, &nvdr, i);
    for ( i = 0; i < n; i++ )
        nvdimm_device(b, &nvdr, &d[i], i);
    lr_aml_append(b, &sb, nvdr);
    lr_aml_append(b, &root, sb);
    st = lr_aml_finish(b, &root, &body);
    if ( st != LR_OK )
        return st;
    if ( body > 0xffffffffu - LR_ACPI_HEADER_LEN )
        return LR_E_NOSPACE;
    lr_acpi_header_write(buf, "SSDT", (uint32_t)(body + LR_ACPI_HEADER_LEN),
                         LR_NVDIMM_SSDT_REVISION, oem);
    *len = body + LR_ACPI_HEADER_LEN;
    return LR_OK;
}
