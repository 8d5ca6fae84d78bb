/* SPDX-License-Identifier: MIT */
/*
 * mktables: write the NFIT and vNVDIMM SSDT for a set of vNVDIMMs.
 *
 * Usage (stable: other tests depend on it):
 *
 *   mktables --out DIR --nvdimm SPEC [--nvdimm SPEC ...] [--adr-offset N]
 *            [--oem-id ID6] [--oem-table-id ID8]
 *
 * SPEC is a comma-separated list of key=value:
 *   base=ADDR,size=BYTES      SPA range (required; 2 MiB aligned)
 *   handle=N                  NFIT device handle == _ADR (required, != 0)
 *   serial=N                  control region serial (default 0)
 *   vendor=N,device=N,rev=N   control region identity (0x8086/1/1)
 *   proximity=N               proximity domain (default 0)
 *   label=none|inband|mailbox label back end (default none)
 *   label-base=ADDR,label-size=BYTES   inband: the label area (default:
 *                             right after the SPA range, 128 KiB)
 *   dsm=ADDR[,port=N]         mailbox: 4 KiB page below 4 GiB, doorbell
 *                             port (default 0x0a18)
 * Numbers are decimal or 0x-hex.
 *
 * --adr-offset N adds N to every _ADR in the SSDT but not to the NFIT
 * handles, to build deliberately mismatched tables for negative tests.
 *
 * Writes DIR/nfit.aml, DIR/ssdt.aml and DIR/tables.bin (the two tables
 * concatenated, NFIT first), creating DIR if needed.  Exit 0 on success, 1 on usage errors, 2 if
 * the builders refuse the set (the message names the rule and vNVDIMM);
 * an output that cannot be written is 1 too.
 */
#include <errno.h>
#include <sys/stat.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <acpi/nfit.h>
#include <acpi/nvdimm_ssdt.h>

static int usage(const char *why)
{
    fprintf(stderr, "mktables: %s\n"
            "usage: mktables --out DIR --nvdimm base=A,size=S,handle=H"
            "[,serial=N][,label=none|inband|mailbox][,label-base=A]"
            "[,label-size=S][,dsm=A][,port=P] [--nvdimm ...]"
            " [--adr-offset N]\n", why);
    return 1;
}

static int num(const char *s, uint64_t *v)
{
    char *end;

    if ( !*s || *s == '-' )
        return -1;
    errno = 0;
    *v = strtoull(s, &end, 0);
    return errno || *end ? -1 : 0;
}

static int parse_spec(char *spec, struct lr_acpi_nvdimm *d)
{
    char *tok, *save = NULL, *eq;
    uint64_t v;
    int have_base = 0, have_size = 0, have_handle = 0;

    memset(d, 0, sizeof(*d));
    for ( tok = strtok_r(spec, ",", &save); tok;
          tok = strtok_r(NULL, ",", &save) )
    {
        eq = strchr(tok, '=');
        if ( !eq )
            return -1;
        *eq++ = 0;
        if ( !strcmp(tok, "label") )
        {
            if ( !strcmp(eq, "none") )
                d->backend = LR_ACPI_LABEL_NONE;
            else if ( !strcmp(eq, "inband") )
                d->backend = LR_ACPI_LABEL_INBAND;
            else if ( !strcmp(eq, "mailbox") )
                d->backend = LR_ACPI_LABEL_MAILBOX;
            else
                return -1;
            continue;
        }
        if ( num(eq, &v) )
            return -1;
        if ( !strcmp(tok, "base") )
            d->spa_base = v, have_base = 1;
        else if ( !strcmp(tok, "size") )
            d->spa_size = v, have_size = 1;
        else if ( !strcmp(tok, "handle") && v <= 0xffffffffu )
            d->handle = (uint32_t)v, have_handle = 1;
        else if ( !strcmp(tok, "serial") && v <= 0xffffffffu )
            d->serial = (uint32_t)v;
        else if ( !strcmp(tok, "vendor") && v <= 0xffff )
            d->vendor_id = (uint16_t)v;
        else if ( !strcmp(tok, "device") && v <= 0xffff )
            d->device_id = (uint16_t)v;
        else if ( !strcmp(tok, "rev") && v <= 0xffff )
            d->revision_id = (uint16_t)v;
        else if ( !strcmp(tok, "proximity") && v <= 0xffffffffu )
            d->proximity = (uint32_t)v;
        else if ( !strcmp(tok, "label-base") )
            d->label_base = v;
        else if ( !strcmp(tok, "label-size") )
            d->label_size = v;
        else if ( !strcmp(tok, "dsm") )
            d->dsm_page = v;
        else if ( !strcmp(tok, "port") && v <= 0xffff )
            d->dsm_port = (uint16_t)v;
        else
            return -1;
    }
    if ( d->backend == LR_ACPI_LABEL_INBAND && !d->label_size )
        d->label_size = LR_ACPI_LABEL_MIN;
    if ( d->backend == LR_ACPI_LABEL_INBAND && !d->label_base )
        d->label_base = d->spa_base + d->spa_size;
    return have_base && have_size && have_handle ? 0 : -1;
}

static int write_file(const char *dir, const char *name, const void *a,
                      size_t alen, const void *b2, size_t blen)
{
    char path[4096];
    FILE *f;
    int ok;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if ( !f )
    {
        perror(path);
        return -1;
    }
    ok = fwrite(a, 1, alen, f) == alen &&
         (!blen || fwrite(b2, 1, blen, f) == blen);
    ok = (fclose(f) == 0) && ok;
    if ( !ok )
        perror(path);
    return ok ? 0 : -1;
}

static void oem_field(char *dst, size_t n, const char *src)
{
    size_t i, l = strlen(src);

    for ( i = 0; i < n; i++ )
        dst[i] = i < l ? src[i] : ' ';
}

static int refused(const char *what, enum lr_status st,
                   const struct lr_acpi_nvdimm_fault *f)
{
    fprintf(stderr, "mktables: %s refused: %s (%s)", what,
            lr_status_name(st), lr_acpi_nvdimm_problem_name(f->problem));
    if ( f->problem == LR_ACPI_NV_TOO_MANY )
        fprintf(stderr, ", %u vNVDIMMs, at most %u", f->other, f->index);
    else
        fprintf(stderr, ", vNVDIMM %u", f->index);
    if ( f->problem != LR_ACPI_NV_TOO_MANY && f->other != f->index )
        fprintf(stderr, " and %u", f->other);
    fputc('\n', stderr);
    return 2;
}

int main(int argc, char **argv)
{
    static struct lr_acpi_nvdimm d[LR_ACPI_NVDIMM_MAX + 8];
    static struct lr_acpi_nvdimm s[LR_ACPI_NVDIMM_MAX + 8];
    static uint8_t nfit[1 << 16], ssdt[1 << 17];
    struct lr_acpi_oem oem = lr_acpi_oem_default;
    struct lr_acpi_nvdimm_fault fault = { 0 };
    const char *out = NULL;
    unsigned int n = 0, i;
    long long adr_offset = 0;
    size_t nlen, slen;
    enum lr_status st;
    int a;

    for ( a = 1; a < argc; a++ )
    {
        if ( a + 1 >= argc )
            return usage("option without a value");
        if ( !strcmp(argv[a], "--out") )
            out = argv[++a];
        else if ( !strcmp(argv[a], "--nvdimm") )
        {
            if ( n >= sizeof(d) / sizeof(d[0]) )
                return usage("too many --nvdimm");
            if ( parse_spec(argv[++a], &d[n]) )
                return usage("bad --nvdimm spec");
            n++;
        }
        else if ( !strcmp(argv[a], "--adr-offset") )
        {
            char *end;

            errno = 0;
            adr_offset = strtoll(argv[++a], &end, 0);
            if ( errno || *end )
                return usage("bad --adr-offset");
        }
        else if ( !strcmp(argv[a], "--oem-id") )
            oem_field(oem.oem_id, 6, argv[++a]);
        else if ( !strcmp(argv[a], "--oem-table-id") )
            oem_field(oem.oem_table_id, 8, argv[++a]);
        else
            return usage("unknown option");
    }
    if ( !out || !n )
        return usage("--out and at least one --nvdimm are required");

    st = lr_nfit_emit(d, n, &oem, nfit, sizeof(nfit), &nlen, &fault);
    if ( st != LR_OK )
        return refused("NFIT", st, &fault);
    for ( i = 0; i < n; i++ )
    {
        s[i] = d[i];
        s[i].handle = (uint32_t)(d[i].handle + adr_offset);
    }
    st = lr_nvdimm_ssdt_emit(s, n, &oem, ssdt, sizeof(ssdt), &slen, &fault);
    if ( st != LR_OK )
        return refused("SSDT", st, &fault);
    if ( mkdir(out, 0777) && errno != EEXIST )
    {
        fprintf(stderr, "mktables: cannot create %s: %s\n", out,
                strerror(errno));
        return 1;
    }
    if ( write_file(out, "nfit.aml", nfit, nlen, NULL, 0) ||
         write_file(out, "ssdt.aml", ssdt, slen, NULL, 0) ||
         write_file(out, "tables.bin", nfit, nlen, ssdt, slen) )
        return 1;
    return 0;
}
