/* SPDX-License-Identifier: MIT */
/*
 * xen-layout check-memmap --iomem FILE SPEC...: validate a kernel
 * memmap=SIZE!OFFSET (or $, @) against a machine's /proc/iomem, or
 * propose one for a SIZE.
 */
#include <string.h>
#include <libreserve/fmt.h>

#include "cli.h"

#define SECTION         (128 * MIB)     /* Linux memory section */

/* The highest 128 MiB aligned base in System RAM entry i of m where size
 * bytes fit clear of the kernel image; false when none. */
static bool fit_in_entry(const struct iomem *m, unsigned int i,
                         uint64_t size, uint64_t *base)
{
    const struct iomem_entry *e = &m->e[i];
    uint64_t b0, top = e->last + 1;
    unsigned int j;

    /* lowest base above any kernel part inside this entry */
    b0 = (e->base + SECTION - 1) & ~(SECTION - 1);
    for ( j = i + 1; j < m->nr && m->e[j].depth > 0; j++ )
        if ( !strncmp(m->e[j].name, "Kernel ", 7) && m->e[j].last >= b0 )
            b0 = (m->e[j].last + SECTION) & ~(SECTION - 1);
    if ( top < size || b0 > top - size )
        return false;
    /* highest aligned base that fits */
    *base = (top - size) & ~(SECTION - 1);
    return *base >= e->base;
}

/* propose: the highest RAM entry where a 128 MiB aligned range of this
 * size fits, clear of the kernel image */
static int propose_memmap(const struct iomem *m, const char *spec)
{
    uint64_t size, b0, best = 0;
    bool found = false;
    unsigned int i;
    char size_s[64];

    if ( lr_parse_size(spec, &size) != LR_OK || !size )
    {
        printf("error MEMMAP-SYNTAX: '%s' is neither SIZE!OFFSET nor a"
               " SIZE\n", spec);
        return 2;
    }
    for ( i = 0; i < m->nr; i++ )
        if ( !m->e[i].depth && !strcmp(m->e[i].name, "System RAM") &&
             fit_in_entry(m, i, size, &b0) && (!found || b0 > best) )
        {
            best = b0;
            found = true;
        }
    if ( !found )
    {
        printf("error MEMMAP-NOFIT: no System RAM range holds %s at 128"
               " MiB alignment clear of the kernel\n", spec);
        return 2;
    }
    size_text(size_s, sizeof(size_s), size);
    printf("memmap=%lluM!0x%llx    (%s of pmem at 0x%llx; grub.cfg:"
           " the same, '!' needs no escape)\n",
           (unsigned long long)(size >> 20), (unsigned long long)best,
           size_s, (unsigned long long)best);
    return 0;
}

/* The System RAM entry holding base..last whole: its index, or -1 (said;
 * *bad counts every error). */
static int ram_entry(const struct iomem *m, const char *spec, uint64_t base,
                     uint64_t last, unsigned int *bad)
{
    unsigned int i, spans = 0;
    int ram = -1;

    for ( i = 0; i < m->nr; i++ )
    {
        const struct iomem_entry *e = &m->e[i];

        if ( e->depth || e->last < base || e->base > last )
            continue;
        spans++;
        if ( !strcmp(e->name, "System RAM") && e->base <= base &&
             e->last >= last )
            ram = (int)i;
        else if ( strcmp(e->name, "System RAM") )
        {
            printf("error MEMMAP-NOT-RAM: %s 0x%llx-0x%llx overlaps '%s'"
                   " 0x%llx-0x%llx: only System RAM can be taken\n", spec,
                   (unsigned long long)base, (unsigned long long)last,
                   e->name, (unsigned long long)e->base,
                   (unsigned long long)e->last);
            (*bad)++;
        }
    }
    if ( ram < 0 && !*bad )
    {
        printf("error MEMMAP-NOT-RAM: %s 0x%llx-0x%llx is %s\n", spec,
               (unsigned long long)base, (unsigned long long)last,
               spans > 1 ? "split over several System RAM entries (the"
               " kernel makes one device per piece)" :
               "in no System RAM entry (a hole)");
        (*bad)++;
    }
    return ram;
}

/* The kernel image inside RAM entry ram must stay clear of base..last. */
static unsigned int kernel_clash(const struct iomem *m, int ram,
                                 const char *spec, uint64_t base,
                                 uint64_t last)
{
    unsigned int i, bad = 0;

    for ( i = 0; ram >= 0 && i < m->nr; i++ )
        if ( m->e[i].parent == ram && !strncmp(m->e[i].name, "Kernel ", 7) &&
             m->e[i].base <= last && m->e[i].last >= base )
        {
            printf("error MEMMAP-KERNEL: %s overlaps '%s' 0x%llx-0x%llx:"
                   " the kernel would reserve its own image\n", spec,
                   m->e[i].name, (unsigned long long)m->e[i].base,
                   (unsigned long long)m->e[i].last);
            bad++;
        }
    return bad;
}

/* pmem (!) on 128 MiB sections, or at least 2 MiB: errors counted. */
static unsigned int check_align(const char *spec, char sep, uint64_t base,
                                uint64_t size)
{
    if ( sep != '!' || !((base | size) & (SECTION - 1)) )
        return 0;
    printf("%s MEMMAP-ALIGN: %s: Linux wants pmem on 128 MiB memory"
           " sections (fsdax with struct pages: 'invalid altmap' or"
           " EINVAL)%s\n", (base | size) & (LR_2M - 1) ? "error" :
           "warning", spec, (base | size) & (LR_2M - 1) ?
           ", and 2 MiB even for devdax" : "; 2 MiB is enough for"
           " devdax");
    return ((base | size) & (LR_2M - 1)) != 0;
}

/* SIZE!OFFSET (or $, @; sep points at it) against the machine. */
static int check_memmap(const struct iomem *m, const char *spec,
                        const char *sep)
{
    char size_s[64];
    uint64_t size, base, last;
    unsigned int bad = 0;
    int ram;

    snprintf(size_s, sizeof(size_s), "%.*s", (int)(sep - spec), spec);
    if ( lr_parse_size(size_s, &size) != LR_OK || !size ||
         lr_parse_size(sep + 1, &base) != LR_OK || base + size < base )
    {
        printf("error MEMMAP-SYNTAX: '%s': SIZE%cOFFSET with K/M/G"
               " suffixes or 0x numbers\n", spec, *sep);
        return 2;
    }
    last = base + size - 1;
    ram = ram_entry(m, spec, base, last, &bad);
    bad += kernel_clash(m, ram, spec, base, last);
    bad += check_align(spec, *sep, base, size);
    if ( *sep == '$' )
        printf("note MEMMAP-ESCAPE: in grub.cfg write memmap=%s\\$%s\n",
               size_s, sep + 1);
    if ( !bad )
        printf("ok %s: 0x%llx-0x%llx inside System RAM 0x%llx-0x%llx\n",
               spec, (unsigned long long)base, (unsigned long long)last,
               (unsigned long long)m->e[ram].base,
               (unsigned long long)m->e[ram].last);
    return bad ? 2 : 0;
}

static int check_one_memmap(const struct iomem *m, const char *spec)
{
    const char *sep = strpbrk(spec, "!$@#");

    return sep ? check_memmap(m, spec, sep) : propose_memmap(m, spec);
}

/* pmem the firmware reserved but no driver claimed: no /dev/pmem */
static void note_no_driver(const struct iomem *m)
{
    unsigned int i;

    for ( i = 0; i < m->nr; i++ )
    {
        const struct iomem_entry *e = &m->e[i];

        if ( iomem_is_pmem(e) && (i + 1 == m->nr ||
                                  m->e[i + 1].parent != (int)i) )
            printf("note MEMMAP-NO-DRIVER: %s 0x%llx-0x%llx is reserved,"
                   " no driver bound: no /dev/pmem until nd_pmem (and"
                   " nd_e820 for memmap=!) is loaded\n", e->name,
                   (unsigned long long)e->base,
                   (unsigned long long)e->last);
    }
}

int cmd_check_memmap(struct run *r, int argc, char **argv)
{
    int i, rc = 0;

    sim_diags_init(&r->ds);
    if ( !r->o.iomem || iomem_load(r->o.iomem, &r->iomem, &r->ds) )
    {
        if ( !r->o.iomem )
            fprintf(stderr, "%s: error SIM-USAGE: check-memmap needs"
                    " --iomem FILE (the machine's /proc/iomem)\n",
                    cli_prog);
        sim_diags_print(&r->ds, stderr);
        free_run(r);
        return 2;
    }
    sim_diags_print(&r->ds, stderr);
    note_no_driver(&r->iomem);
    for ( i = 0; i < argc; i++ )
    {
        const char *spec = argv[i];
        int k;

        if ( !strncmp(spec, "memmap=", 7) )
            spec += 7;
        k = check_one_memmap(&r->iomem, spec);
        rc = k > rc ? k : rc;
    }
    free_run(r);
    return rc;
}
