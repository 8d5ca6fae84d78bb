/* SPDX-License-Identifier: MIT */
/*
 * mkdmar: write the DMAR table of a host with the given reserved regions,
 * for `xen-layout --dmar`.
 *
 * The regions are those the real-Xen harness declares to Xen
 * (tests/xen/run.sh --iommu), in Xen's rmrr= syntax:
 *
 *     START[-END][=BDF[,BDF...]][;...]
 *
 * START and END page numbers in hex, END inclusive, BDF [SEG:]BUS:DEV.FN
 * (default 0:1f.2, as run.sh).  The table has one DRHD with
 * INCLUDE_PCI_ALL at 0xfed90000 (where QEMU's intel-iommu is) and one RMRR
 * per region, each device an endpoint scope on its bus.  So xen-layout sees
 * the RMRRs Xen reports through XENMEM_reserved_device_memory_map.
 *
 * Usage: mkdmar REGIONS OUT.bin
 * Exit status 0, or 2 on a malformed region (nothing written).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tb {
    uint8_t b[4096];
    size_t n;
};

static void put8(struct tb *t, uint8_t v)
{
    if ( t->n >= sizeof(t->b) )
    {
        fprintf(stderr, "mkdmar: table too large\n");
        exit(2);
    }
    t->b[t->n++] = v;
}

static void put16(struct tb *t, uint16_t v)
{
    put8(t, v & 0xff);
    put8(t, v >> 8);
}

static void put32(struct tb *t, uint32_t v)
{
    put16(t, v & 0xffff);
    put16(t, v >> 16);
}

static void put64(struct tb *t, uint64_t v)
{
    put32(t, (uint32_t)v);
    put32(t, (uint32_t)(v >> 32));
}

static void put_str(struct tb *t, const char *s, size_t n)
{
    size_t i;

    for ( i = 0; i < n; i++ )
        put8(t, (uint8_t)s[i]);
}

static void set16(struct tb *t, size_t off, uint16_t v)
{
    t->b[off] = v & 0xff;
    t->b[off + 1] = v >> 8;
}

static void __attribute__((noreturn)) bad(const char *what, const char *s)
{
    fprintf(stderr, "mkdmar: %s: '%s' (START[-END][=BDF[,BDF]];...)\n",
            what, s);
    exit(2);
}

/* [SEG:]BUS:DEV.FN as Xen's parse_pci_seg() takes it. */
static void parse_bdf(const char *s, unsigned int *seg, unsigned int *bus,
                      unsigned int *dev, unsigned int *fn)
{
    unsigned int a, b, c, d;
    char tail;

    if ( sscanf(s, "%x:%x:%x.%x%c", &a, &b, &c, &d, &tail) == 4 )
    {
        *seg = a; *bus = b; *dev = c; *fn = d;
    }
    else if ( sscanf(s, "%x:%x.%x%c", &b, &c, &d, &tail) == 3 )
    {
        *seg = 0; *bus = b; *dev = c; *fn = d;
    }
    else
        bad("bad device", s);
    if ( *seg > 0xffff || *bus > 0xff || *dev > 0x1f || *fn > 7 )
        bad("device out of range", s);
}

static void add_rmrr(struct tb *t, char *reg)
{
    char *eq = strchr(reg, '='), *devs = eq ? eq + 1 : "0:1f.2", *end, *d;
    unsigned long long first, last;
    unsigned int seg = 0, s, bus, dev, fn, n = 0;
    size_t off;

    if ( eq )
        *eq = '\0';
    first = strtoull(reg, &end, 16);
    if ( end == reg )
        bad("bad start", reg);
    last = first;
    if ( *end == '-' )
    {
        char *p = end + 1;

        last = strtoull(p, &end, 16);
        if ( end == p )
            bad("bad end", reg);
    }
    if ( *end || last < first )
        bad("bad range", reg);

    off = t->n;
    put16(t, 1);                            /* type: RMRR */
    put16(t, 0);                            /* length: below */
    put16(t, 0);                            /* reserved */
    put16(t, 0);                            /* segment: below */
    put64(t, first << 12);
    put64(t, ((last + 1) << 12) - 1);
    for ( d = strtok(devs, ","); d; d = strtok(NULL, ",") )
    {
        parse_bdf(d, &s, &bus, &dev, &fn);
        if ( n++ == 0 )
            seg = s;
        else if ( s != seg )
            bad("devices of one region in different segments", d);
        put8(t, 1);                         /* scope: PCI endpoint */
        put8(t, 8);                         /* its length */
        put16(t, 0);
        put8(t, 0);                         /* enumeration id */
        put8(t, (uint8_t)bus);
        put8(t, (uint8_t)dev);
        put8(t, (uint8_t)fn);
    }
    if ( n == 0 )
        bad("no device", reg);
    set16(t, off + 6, (uint16_t)seg);
    set16(t, off + 2, (uint16_t)(t->n - off));
}

int main(int argc, char **argv)
{
    struct tb t = { .n = 0 };
    char *regions, *reg, *save = NULL;
    uint8_t sum = 0;
    size_t i, off;
    FILE *f;

    if ( argc != 3 )
    {
        fprintf(stderr, "usage: mkdmar REGIONS OUT.bin\n");
        return 2;
    }

    put32(&t, 0x52414d44);                  /* "DMAR" */
    put32(&t, 0);                           /* length: below */
    put8(&t, 1);                            /* revision */
    put8(&t, 0);                            /* checksum: below */
    put_str(&t, "LRXEN ", 6);
    put_str(&t, "RMRRTEST", 8);
    put32(&t, 1);
    put32(&t, 0x4c52584e);
    put32(&t, 1);
    put8(&t, 38);                           /* host address width - 1 */
    put8(&t, 1);                            /* flags: INTR_REMAP */
    for ( i = 0; i < 10; i++ )
        put8(&t, 0);

    off = t.n;                              /* DRHD, INCLUDE_PCI_ALL */
    put16(&t, 0);
    put16(&t, 16);
    put8(&t, 1);
    put8(&t, 0);
    put16(&t, 0);
    put64(&t, 0xfed90000);
    set16(&t, off + 2, (uint16_t)(t.n - off));

    regions = strdup(argv[1]);
    if ( !regions )
        return 2;
    for ( reg = strtok_r(regions, ";", &save); reg;
          reg = strtok_r(NULL, ";", &save) )
        add_rmrr(&t, reg);
    free(regions);

    t.b[4] = t.n & 0xff;
    t.b[5] = (t.n >> 8) & 0xff;
    for ( i = 0; i < t.n; i++ )
        sum += t.b[i];
    t.b[9] = (uint8_t)-sum;

    f = fopen(argv[2], "wb");
    if ( !f || fwrite(t.b, 1, t.n, f) != t.n || fclose(f) )
    {
        perror(argv[2]);
        return 1;
    }
    return 0;
}
