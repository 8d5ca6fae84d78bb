/* SPDX-License-Identifier: MIT */
/*
 * mkssdt_tpl: write acpi/nvdimm_ssdt_tpl.inc, the template of the vNVDIMM
 * SSDT (ssdt_tpl.h), from the builder's own output (hosted).
 *
 *   mkssdt_tpl > acpi/nvdimm_ssdt_tpl.inc      (make acpi-ssdt-template)
 *
 * The parts of \_SB.NVDR's body are lr_nvdimm_ssdt_part() verbatim.  The
 * outer scopes and one device program per label back end come from a
 * table built for one vNVDIMM whose values are sentinels (distinct,
 * valid, found by their encodings): the walk below knows only the
 * containers that can hold a value (Scope, Device, Method, an If opening
 * a Method), copies everything else as literal bytes and turns each
 * sentinel into its slot.  It checks what it assumes and exits 1 when the
 * builder's output does not match; that both emitters give the same bytes
 * for other values is tests/acpi/test_tables.c's check.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <acpi/aml.h>
#include <acpi/nvdimm_ssdt.h>
#include "../ssdt_tpl.h"

static void die(const char *fmt, ...)
{
    va_list ap;

    va_start(ap, fmt);
    fputs("mkssdt_tpl: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

/* --- the program being written ------------------------------------------ */
static uint8_t prog[4096];
static size_t plen;
static size_t run_at;       /* count byte of the open literal run */
static int run_open;

static void op(uint8_t o)
{
    if ( plen >= sizeof(prog) )
        die("program too long");
    prog[plen++] = o;
    run_open = 0;
}

static void lit(const uint8_t *p, size_t n)
{
    for ( ; n; n--, p++ )
    {
        if ( plen + 2 > sizeof(prog) )
            die("program too long");
        if ( !run_open || prog[run_at] == LR_TPL_LIT_MAX )
        {
            run_at = plen++;
            prog[run_at] = 0;
            run_open = 1;
        }
        prog[plen++] = *p;
        prog[run_at]++;
    }
}

/* --- the sentinel vNVDIMM -------------------------------------------------- */
static const struct lr_acpi_nvdimm sentinel_base = {
    .spa_base = 0x100000000ull, .spa_size = 0x200000,
    .handle = 0x5ec71a01u,                  /* DWord */
    .label_base = 0x5ec7a5a5b000ull,        /* QWord */
    .label_size = 0xc3b000,                 /* DWord, within 128K..16M */
    .dsm_page = 0xc7a5e000ull,              /* DWord, below 4 GiB */
    .dsm_port = 0x5ec3,                     /* Word */
};

struct sentinel {
    uint8_t enc[9];
    unsigned int n;
    unsigned int seen;
};
static struct sentinel sent[LR_TPL_SLOTS];

static void sentinels(const struct lr_acpi_nvdimm *d)
{
    uint64_t v[LR_TPL_SLOTS];
    unsigned int k;

    v[LR_TPL_HANDLE] = d->handle;
    v[LR_TPL_LABEL_BASE] = d->label_base;
    v[LR_TPL_LABEL_SIZE] = d->label_size;
    v[LR_TPL_DSM_PAGE] = d->dsm_page;
    v[LR_TPL_DSM_PORT] = lr_acpi_nvdimm_port(d);
    for ( k = 0; k < LR_TPL_SLOTS; k++ )
    {
        sent[k].n = lr_aml_int_encode(v[k], sent[k].enc);
        sent[k].seen = 0;
        if ( sent[k].n < 3 )
            die("sentinel %u encodes in %u bytes", k, sent[k].n);
    }
}

/* a[from, to) as literal bytes, each sentinel's encoding as its slot. */
static void text(const uint8_t *a, size_t from, size_t to)
{
    size_t i = from;
    unsigned int k;

    while ( i < to )
    {
        for ( k = 0; k < LR_TPL_SLOTS; k++ )
            if ( i + sent[k].n <= to &&
                 !memcmp(a + i, sent[k].enc, sent[k].n) )
                break;
        if ( k < LR_TPL_SLOTS )
        {
            op(LR_TPL_INT + k);
            sent[k].seen++;
            i += sent[k].n;
        }
        else
            lit(a + i++, 1);
    }
}

/* --- walking the builder's AML -------------------------------------------- */
/* A PkgLength at a[*i]: returns where its package ends, *i past it. */
static size_t package(const uint8_t *a, size_t *i, size_t limit)
{
    size_t at = *i, end;
    unsigned int n = a[at] >> 6, k;
    uint32_t v = n ? a[at] & 0xfu : a[at] & 0x3fu;

    for ( k = 1; k <= n; k++ )
        v |= (uint32_t)a[at + k] << (4 + 8 * (k - 1));
    *i = at + 1 + n;
    end = at + v;
    if ( end > limit || end < *i )
        die("PkgLength at %zu: %u bytes, beyond %zu", at, v, limit);
    return end;
}

/* A NameString at a[*i] (s20.2.2), copied as literal bytes. */
static void name_string(const uint8_t *a, size_t *i)
{
    size_t at = *i, n;

    while ( a[at] == '\\' || a[at] == '^' )
        at++;
    if ( a[at] == 0x2e )
        n = 1 + 8;
    else if ( a[at] == 0x2f )
        n = 2 + 4 * (size_t)a[at + 1];
    else
        n = 4;
    lit(a + *i, at + n - *i);
    *i = at + n;
}

static void expect(const uint8_t *a, size_t *i, const char *bytes, size_t n)
{
    if ( memcmp(a + *i, bytes, n) )
        die("unexpected AML at %zu", *i);
    lit(a + *i, n);
    *i += n;
}

/* Device (NV00) at a[*i]: its program. */
static void device(const uint8_t *a, size_t *i, size_t limit)
{
    size_t end, mend, iend, at;
    unsigned int n;

    expect(a, i, "\x5b\x82", 2);
    end = package(a, i, limit);
    op(LR_TPL_OPEN);
    expect(a, i, "NV", 2);
    if ( memcmp(a + *i, "00", 2) )
        die("the device is not NV00");
    op(LR_TPL_INDEX);
    *i += 2;
    while ( *i < end )
    {
        at = *i;
        if ( a[at] == 0x08 )        /* Name (_ADR, Integer) */
        {
            n = a[at + 5] == 0x0a ? 2 : a[at + 5] == 0x0b ? 3 :
                a[at + 5] == 0x0c ? 5 : a[at + 5] == 0x0e ? 9 : 1;
            text(a, at, at + 5 + n);
            *i = at + 5 + n;
        }
        else if ( a[at] == 0x14 )   /* Method */
        {
            lit(a + at, 1);
            (*i)++;
            mend = package(a, i, end);
            op(LR_TPL_OPEN);
            lit(a + *i, 5);         /* NameSeg, MethodFlags */
            *i += 5;
            if ( a[*i] == 0xa0 )    /* If opening the Method */
            {
                lit(a + *i, 1);
                (*i)++;
                iend = package(a, i, mend);
                op(LR_TPL_OPEN);
                text(a, *i, iend);
                op(LR_TPL_CLOSE);
                *i = iend;
            }
            text(a, *i, mend);
            op(LR_TPL_CLOSE);
            *i = mend;
        }
        else
            die("device term 0x%02x at %zu", a[at], at);
    }
    if ( *i != end )
        die("device ends at %zu, its PkgLength says %zu", *i, end);
    op(LR_TPL_CLOSE);
    op(LR_TPL_END);
}

/* The table for d alone, walked: the outer program when outer, else the
 * device program. */
static void walk(const struct lr_acpi_nvdimm *d, int outer)
{
    static uint8_t t[8192], part[4096];
    size_t len, plen_part, i = LR_ACPI_HEADER_LEN, se, de;
    unsigned int k, mask = lr_nvdimm_ssdt_parts(d, 1);
    uint8_t *a = t;

    if ( lr_nvdimm_ssdt_emit(d, 1, NULL, t, sizeof(t), &len, NULL) != LR_OK )
        die("the builder refuses the sentinel vNVDIMM");
    plen = 0;
    run_open = 0;
    /* Scope (\_SB) { Device (NVDR) { parts, the device } } */
    expect(a, &i, "\x10", 1);
    se = package(a, &i, len);
    op(LR_TPL_OPEN);
    name_string(a, &i);
    expect(a, &i, "\x5b\x82", 2);
    de = package(a, &i, se);
    op(LR_TPL_OPEN);
    expect(a, &i, "NVDR", 4);
    for ( k = 0; k < LR_SSDT_PARTS; k++ )
    {
        if ( !(mask & (1u << k)) )
            continue;
        if ( lr_nvdimm_ssdt_part(k, part, sizeof(part), &plen_part) != LR_OK )
            die("part %u", k);
        if ( i + plen_part > de || memcmp(a + i, part, plen_part) )
            die("part %u is not where the table has it", k);
        i += plen_part;
    }
    op(LR_TPL_PARTS);
    if ( outer )
    {
        size_t at = i + 2;

        if ( memcmp(a + i, "\x5b\x82", 2) )
            die("no device after the parts");
        i = package(a, &at, de);
        op(LR_TPL_DEVICES);
        op(LR_TPL_CLOSE);
        op(LR_TPL_CLOSE);
        op(LR_TPL_END);
    }
    else
    {
        plen = 0;
        run_open = 0;
        device(a, &i, de);
    }
    if ( i != de || de != se || se != len )
        die("the table does not end with the device");
}

/* --- output -------------------------------------------------------------- */
static void bytes(const char *name, const uint8_t *p, size_t n)
{
    size_t i;

    printf("static const uint8_t %s[%zu] = {", name, n);
    for ( i = 0; i < n; i++ )
        printf("%s0x%02x,", i % 12 ? " " : "\n    ", p[i]);
    printf("\n};\n\n");
}

static void program(const char *name, const char *what)
{
    static const char *const slot[LR_TPL_SLOTS] = {
        "LR_TPL_HANDLE", "LR_TPL_LABEL_BASE", "LR_TPL_LABEL_SIZE",
        "LR_TPL_DSM_PAGE", "LR_TPL_DSM_PORT",
    };
    size_t i = 0, j;
    uint8_t o;

    printf("/* %s */\nstatic const uint8_t %s[] = {\n", what, name);
    while ( i < plen )
    {
        o = prog[i++];
        if ( o >= 1 && o <= LR_TPL_LIT_MAX )
        {
            printf("    %u,", o);
            for ( j = 0; j < o; j++ )
                printf("%s0x%02x,", j && j % 10 == 0 ? "\n       " : " ",
                       prog[i + j]);
            printf("\n");
            i += o;
        }
        else if ( o >= LR_TPL_INT && o < LR_TPL_INT + LR_TPL_SLOTS )
            printf("    LR_TPL_INT + %s,\n", slot[o - LR_TPL_INT]);
        else
            printf("    %s,\n", o == LR_TPL_END ? "LR_TPL_END" :
                   o == LR_TPL_OPEN ? "LR_TPL_OPEN" :
                   o == LR_TPL_CLOSE ? "LR_TPL_CLOSE" :
                   o == LR_TPL_PARTS ? "LR_TPL_PARTS" :
                   o == LR_TPL_DEVICES ? "LR_TPL_DEVICES" : "LR_TPL_INDEX");
    }
    printf("};\n\n");
}

int main(void)
{
    static const char *const part_name[LR_SSDT_PARTS] = {
        "common", "labels", "inband", "mailbox",
    };
    static const struct {
        enum lr_acpi_label_backend backend;
        const char *name, *what;
    } dev[] = {
        { LR_ACPI_LABEL_NONE, "tpl_dev_none", "Device (NVxx), no labels" },
        { LR_ACPI_LABEL_MAILBOX, "tpl_dev_mailbox",
          "Device (NVxx), labels through the mailbox (MDSM)" },
        { LR_ACPI_LABEL_INBAND, "tpl_dev_inband",
          "Device (NVxx), in-band labels (IDSM)" },
    };
    static uint8_t part[4096];
    struct lr_acpi_nvdimm d = sentinel_base;
    char name[32];
    size_t len;
    unsigned int k, s;

    printf("/* SPDX-License-Identifier: MIT */\n"
           "/*\n"
           " * The vNVDIMM SSDT's template (ssdt_tpl.h), written by\n"
           " * acpi/gen/mkssdt_tpl.c from the builder (nvdimm_ssdt.c): do not\n"
           " * edit.  `make acpi-ssdt-template` rewrites it and\n"
           " * check-acpi-ssdt-template fails when it is stale.\n"
           " */\n\n");
    for ( k = 0; k < LR_SSDT_PARTS; k++ )
    {
        if ( lr_nvdimm_ssdt_part(k, part, sizeof(part), &len) != LR_OK )
            die("part %u does not build", k);
        snprintf(name, sizeof(name), "tpl_part_%s", part_name[k]);
        bytes(name, part, len);
    }
    printf("static const struct {\n    const uint8_t *aml;\n"
           "    uint16_t len;\n} tpl_part[LR_SSDT_PARTS] = {\n");
    for ( k = 0; k < LR_SSDT_PARTS; k++ )
        printf("    { tpl_part_%s, sizeof(tpl_part_%s) },\n", part_name[k],
               part_name[k]);
    printf("};\n\n");

    for ( k = 0; k < sizeof(dev) / sizeof(dev[0]); k++ )
    {
        d.backend = dev[k].backend;
        sentinels(&d);
        walk(&d, 0);
        for ( s = 0; s < LR_TPL_SLOTS; s++ )
        {
            int used = s == LR_TPL_HANDLE ||
                (d.backend == LR_ACPI_LABEL_INBAND &&
                 (s == LR_TPL_LABEL_BASE || s == LR_TPL_LABEL_SIZE)) ||
                (d.backend == LR_ACPI_LABEL_MAILBOX &&
                 (s == LR_TPL_DSM_PAGE || s == LR_TPL_DSM_PORT));

            if ( !sent[s].seen != !used )
                die("%s: slot %u seen %u times", dev[k].name, s,
                    sent[s].seen);
        }
        program(dev[k].name, dev[k].what);
    }
    printf("static const uint8_t *const tpl_device[] = {\n");
    for ( k = 0; k < sizeof(dev) / sizeof(dev[0]); k++ )
        printf("    [%s] = %s,\n",
               dev[k].backend == LR_ACPI_LABEL_NONE ? "LR_ACPI_LABEL_NONE" :
               dev[k].backend == LR_ACPI_LABEL_MAILBOX ?
               "LR_ACPI_LABEL_MAILBOX" : "LR_ACPI_LABEL_INBAND",
               dev[k].name);
    printf("};\n\n");

    d.backend = LR_ACPI_LABEL_NONE;
    sentinels(&d);
    walk(&d, 1);
    program("tpl_outer", "The table's body: Scope (\\_SB) { Device (NVDR) "
            "{ parts, devices } }");
    return 0;
}
