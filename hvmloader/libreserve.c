/* SPDX-License-Identifier: MIT */
/*
 * libreserve in hvmloader: xenstore reads, the second run of the engine,
 * the memory map, the e820 and the vNVDIMM ACPI tables (libreserve.h).
 *
 * Compiled into hvmloader (freestanding, 32-bit, no libgcc) against its
 * util.h, and on Linux against tests/hvmloader/util.h, which provides the
 * same functions over an in-memory xenstore.
 */
#include "util.h"
#include "libreserve.h"

#include <libreserve/layout.h>
#include <libreserve/bar.h>
#include <libreserve/fmt.h>
#include <libreserve/e820.h>
#include <libreserve/xs.h>
#include <acpi/nvdimm.h>
#include <acpi/nfit.h>
#include <acpi/nvdimm_ssdt.h>

#define LR_PFX "libreserve: "

/* Diagnostics of the xenstore read (the layout has its own storage). */
#define XS_DIAGS 16

/* Longest diagnostic line printed; longer ones are cut. */
#define LR_LINE_MAX 512

static struct lr_layout *layout;    /* NULL: not active */
static struct lr_e820_entry *tmp;   /* E820MAX entries of scratch */

/*
 * Passed to xenstore_read() as the default: returned (by address) exactly
 * when the key is missing or empty, which xenstore_read() cannot tell
 * apart and the schema treats alike (docs/xenstore.md).
 */
static const char absent[] = "\001libreserve-absent";

static enum lr_status hvm_xs_read(void *ctx, const char *path, char *buf,
                                  size_t len)
{
    const char *v = xenstore_read(path, absent);
    size_t n;

    if ( v == absent || v == NULL || v[0] == '\0' )
        return LR_E_NOTFOUND;
    if ( len == 0 )
        return LR_E_NOSPACE;
    n = strlen(v);
    if ( n >= len )
    {
        memcpy(buf, v, len - 1);
        buf[len - 1] = '\0';
        return LR_E_NOSPACE;
    }
    memcpy(buf, v, n + 1);
    return LR_OK;
}

static void print_diags(const struct lr_diags *ds)
{
    static char line[LR_LINE_MAX];
    unsigned int i;

    for ( i = 0; i < ds->nr; i++ )
    {
        size_t need = lr_diag_format(&ds->d[i], line, sizeof(line));

        printf(LR_PFX "%s%s\n", line, need >= sizeof(line) ? "..." : "");
    }
    if ( ds->lost )
        printf(LR_PFX "%u more diagnostics lost (storage full)\n", ds->lost);
}

int libreserve_setup(void)
{
    struct lr_xs_ops ops = { .ctx = NULL, .read = hvm_xs_read };
    struct lr_input *in;
    struct lr_diag *store;
    struct lr_diags ds;
    struct lr_layout_bounds b;
    struct lr_layout *l;
    unsigned long bytes;
    enum lr_status st;
    const struct lr_stats *s;

    layout = NULL;
    if ( xenstore_read(LR_XS_ROOT "/version", absent) == absent )
    {
        printf(LR_PFX "no schema in xenstore, stock layout\n");
        return 0;
    }

    in = scratch_alloc(sizeof(*in), 0);     /* the reader initialises it */
    store = scratch_alloc(sizeof(*store) * XS_DIAGS, 0);
    lr_diags_init(&ds, store, XS_DIAGS);
    st = lr_xs_read_input(&ops, in, &ds);
    print_diags(&ds);
    if ( st != LR_OK )
    {
        printf(LR_PFX "cannot read the schema: %s\n", lr_status_str(st));
        BUG();
    }

    /* Storage for what this input can need, not for any input. */
    lr_layout_bounds(in, &b);
    bytes = lr_layout_bounds_bytes(&b);
    l = scratch_alloc(sizeof(*l), 0);
    st = lr_layout_init_mem(l, &b, scratch_alloc(bytes, 8), bytes);
    if ( st == LR_OK )
        st = lr_layout_build(in, l);
    print_diags(&l->diags);
    if ( st != LR_OK )
    {
        printf(LR_PFX "layout failed: %s\n", lr_status_str(st));
        BUG();
    }

    s = &l->stats;
    printf(LR_PFX "%s layout: %u RAM chunks, %u reserved, %u dropped, "
           "%u vNVDIMMs\n", lr_strategy_name(l->cfg.strategy), l->nr_ram,
           l->nr_reserved, l->nr_dropped, l->nr_vnvdimms);
    printf(LR_PFX "lowmem end "PRIllx", highmem end "PRIllx
           ", RAM below 4G "PRIllx", displaced "PRIllx"\n",
           PRIllx_arg(l->lowmem_end), PRIllx_arg(l->highmem_end),
           PRIllx_arg(s->ram_below_4g), PRIllx_arg(s->displaced));

    tmp = scratch_alloc(sizeof(*tmp) * E820MAX, 0);
    layout = l;
    return 1;
}

int libreserve_active(void)
{
    return layout != NULL;
}

const struct lr_layout *libreserve_layout(void)
{
    return layout;
}

void libreserve_check_hvm_info(uint32_t low_mem_pgend,
                               uint32_t high_mem_pgend)
{
    uint64_t low, high;

    if ( !layout )
        return;
    low = layout->lowmem_end >> 12;
    high = layout->highmem_end > LR_4G ? layout->highmem_end >> 12 : 0;
    if ( low == low_mem_pgend && high == high_mem_pgend )
    {
        printf(LR_PFX "hvm_info agrees: low_mem_pgend %x high_mem_pgend %x\n",
               low_mem_pgend, high_mem_pgend);
        return;
    }
    printf(LR_PFX "error LR-HVMINFO-MISMATCH: the domain builder populated "
           "low_mem_pgend %x high_mem_pgend %x, the layout says %x %x\n",
           low_mem_pgend, high_mem_pgend, (uint32_t)low, (uint32_t)high);
    BUG();
}

/* lr entries to hvmloader's packed ones. */
static void copy_out(struct e820entry *out, const struct lr_e820_entry *in,
                     unsigned int nr)
{
    unsigned int i;

    for ( i = 0; i < nr; i++ )
    {
        out[i].addr = in[i].addr;
        out[i].size = in[i].size;
        out[i].type = in[i].type;
    }
}

unsigned int libreserve_memory_map(struct e820entry *map, unsigned int max)
{
    struct lr_e820_opts o;
    unsigned int nr = 0, needed = 0;
    enum lr_status st;

    if ( !layout )
        return 0;
    lr_e820_opts_default(&o);
    o.hvmloader = 0;
    o.budget = max < E820MAX ? max : E820MAX;
    st = lr_e820_build(layout, &o, tmp, E820MAX, &nr, &needed);
    if ( st != LR_OK )
    {
        printf(LR_PFX "memory map needs %u entries, room for %u: %s\n",
               needed, o.budget, lr_status_str(st));
        BUG();
    }
    copy_out(map, tmp, nr);
    return nr;
}

/* Cut overlay entry o into the entry of map[0 .. *nr) that contains it.
 * Returns 0, or -1 if no entry contains it or there is no room. */
static int cut_in(struct lr_e820_entry *map, unsigned int *nr,
                  unsigned int cap, const struct e820entry *o)
{
    uint64_t o_end = o->addr + o->size;
    unsigned int i, add;

    for ( i = 0; i < *nr; i++ )
    {
        struct lr_e820_entry e = map[i];
        uint64_t e_end = e.addr + e.size;

        if ( o->addr < e.addr || o_end > e_end )
            continue;
        if ( e.type == o->type )
            return 0;
        add = (o->addr > e.addr) + (o_end < e_end);
        if ( *nr + add > cap )
            return -1;
        memmove(&map[i + 1 + add], &map[i + 1],
                (*nr - i - 1) * sizeof(*map));
        *nr += add;
        if ( o->addr > e.addr )
        {
            map[i].size = o->addr - e.addr;
            i++;
        }
        map[i].addr = o->addr;
        map[i].size = o->size;
        map[i].type = o->type;
        if ( o_end < e_end )
        {
            map[i + 1].addr = o_end;
            map[i + 1].size = e_end - o_end;
            map[i + 1].type = e.type;
        }
        return 0;
    }
    return -1;
}

unsigned int libreserve_e820(struct e820entry *e820, unsigned int budget,
                             uint32_t lowmem_reserved_base,
                             uint32_t bios_image_base, uint32_t acpi_end,
                             const struct e820entry *overlay,
                             unsigned int nr_overlay)
{
    struct lr_e820_opts o;
    unsigned int nr = 0, needed = 0, i;
    enum lr_status st;

    if ( !layout )
        return 0;
    lr_e820_opts_default(&o);
    o.hvmloader = 1;
    o.budget = E820MAX;
    o.lowmem_reserved_base = lowmem_reserved_base ?: 0xA0000;
    o.bios_image_base = bios_image_base;
    o.acpi_end = acpi_end;
    st = lr_e820_build(layout, &o, tmp, E820MAX, &nr, &needed);
    if ( st != LR_OK )
    {
        printf(LR_PFX "e820 needs %u entries: %s\n", needed,
               lr_status_str(st));
        BUG();
    }
    for ( i = 0; i < nr_overlay; i++ )
    {
        if ( cut_in(tmp, &nr, E820MAX, &overlay[i]) )
        {
            printf(LR_PFX "e820 entry "PRIllx"+"PRIllx" type %u lies "
                   "across the layout's entries\n",
                   PRIllx_arg(overlay[i].addr), PRIllx_arg(overlay[i].size),
                   overlay[i].type);
            BUG();
        }
    }
    if ( nr > budget )
    {
        printf(LR_PFX "error %s: the e820 needs %u entries, the BIOS takes "
               "%u\n", lr_diag_code_name(LR_D_E820_BUDGET), nr, budget);
        BUG();
    }
    copy_out(e820, tmp, nr);
    return nr;
}

/* "0000:00:03.0 BAR 2", "0000:00:03.0 ROM": Linux's names, as xen-layout
 * prints them. */
static void bar_owner(char *buf, size_t len, const struct libreserve_bar *b)
{
    static const char hexd[] = "0123456789abcdef";
    struct lr_buf t;

    lr_buf_init(&t, buf, len);
    lr_buf_str(&t, "0000:00:");
    lr_buf_char(&t, hexd[b->devfn >> 7]);
    lr_buf_char(&t, hexd[(b->devfn >> 3) & 0xf]);
    lr_buf_char(&t, '.');
    lr_buf_char(&t, hexd[b->devfn & 7]);
    if ( b->reg == 0x30 )
        lr_buf_str(&t, " ROM");
    else
    {
        lr_buf_str(&t, " BAR ");
        lr_buf_dec(&t, (b->reg - 0x10) >> 2);
    }
}

/* Static: pci_setup() keeps its BAR list in scratch space, so nothing
 * here may come from scratch_alloc(). */
static struct lr_bar ebar[LR_MAX_BARS];

/* hvmloader's BARs as the engine's, in ebar[]. */
static void bars_in(const struct libreserve_bar *bars, unsigned int nr)
{
    unsigned int i;

    if ( nr > LR_MAX_BARS )
    {
        printf(LR_PFX "error %s: %u memory BARs, the engine places at most "
               "%u\n", lr_diag_code_name(LR_D_BAR_BAD), nr, LR_MAX_BARS);
        BUG();
    }
    memset(ebar, 0, nr * sizeof(ebar[0]));     /* the engine reads nr */
    for ( i = 0; i < nr; i++ )
    {
        ebar[i].size = bars[i].size;
        ebar[i].is64 = bars[i].is64;
        ebar[i].id = i;
        bar_owner(ebar[i].owner, sizeof(ebar[i].owner), &bars[i]);
    }
}

/* The engine's addresses back into bars[], each one printed; the span of
 * the BARs above 4 GiB into [*lo, *hi) (*lo 0: none). */
static void bars_out(struct libreserve_bar *bars, unsigned int nr,
                     uint64_t *lo, uint64_t *hi)
{
    unsigned int i;

    *lo = *hi = 0;
    for ( i = 0; i < nr; i++ )
    {
        bars[i].addr = ebar[i].addr;
        bars[i].high = ebar[i].high;
        printf(LR_PFX "%s size "PRIllx": "PRIllx" (%s)\n", ebar[i].owner,
               PRIllx_arg(ebar[i].size), PRIllx_arg(ebar[i].addr),
               ebar[i].high ? "above 4G" : "below 4G");
        if ( !ebar[i].high )
            continue;
        if ( !*lo || ebar[i].addr < *lo )
            *lo = ebar[i].addr;
        if ( ebar[i].addr + ebar[i].size > *hi )
            *hi = ebar[i].addr + ebar[i].size;
    }
}

void libreserve_place_bars(struct libreserve_bar *bars, unsigned int nr,
                           int grow, uint32_t *mem_start, uint64_t *hi_start,
                           uint64_t *hi_end)
{
    static struct lr_diag dstore[LR_MAX_BARS + 2];
    struct lr_diags ds;
    struct lr_bar_result res;
    enum lr_status st;
    uint64_t lo, hi;

    *hi_start = *hi_end = 0;
    if ( !layout )
        return;
    lr_diags_init(&ds, dstore, LR_MAX_BARS + 2);
    bars_in(bars, nr);
    if ( grow )
        st = lr_bar_place_grow(layout, ebar, nr, &ds, &res);
    else
        st = lr_bar_place(layout, ebar, nr, &ds, &res);
    print_diags(&ds);
    if ( st != LR_OK )
    {
        printf(LR_PFX "error: %u of %u memory BARs found no room ("
               PRIllx" bytes short, 32-bit window "PRIllx"-fbffffff%s): "
               "%s\n", res.nr_unplaced, nr, PRIllx_arg(res.short_by),
               PRIllx_arg(res.low_base),
               grow ? ", grown as far as RAM allows" : ", fixed by "
               "platform/mmio_hole_size", lr_status_str(st));
        BUG();
    }
    bars_out(bars, nr, &lo, &hi);
    *mem_start = (uint32_t)res.low_base;
    if ( lo )
    {
        /* As stock: the end aligned like the start, for fewer MTRRs. */
        *hi_start = lo;
        *hi_end = ((hi - 1) | ((lo & -lo) - 1)) + 1;
    }
    printf(LR_PFX "%u memory BARs: %u below 4G in "PRIllx"-fbffffff%s, "
           "%u above 4G\n", nr, res.nr_low, PRIllx_arg(res.low_base),
           res.low_base < layout->mmio_start ? " (hole grown)" : "",
           res.nr_high);
}

/* The placed vNVDIMMs as the ACPI builders take them; returns how many. */
static unsigned int nvdimms_in(struct lr_acpi_nvdimm *d)
{
    unsigned int i, n = 0;

    memset(d, 0, LR_MAX_VNVDIMMS * sizeof(*d));
    for ( i = 0; i < layout->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm_place *p = &layout->vnv[i];

        if ( !p->placed )
            continue;
        d[n].spa_base = p->data.base;
        d[n].spa_size = lr_range_size(&p->data);
        d[n].handle = p->handle;
        d[n].serial = p->serial;
        d[n].backend = LR_ACPI_LABEL_NONE;
        if ( p->has_label )
        {
            d[n].backend = LR_ACPI_LABEL_INBAND;
            d[n].label_base = p->label.base;
            d[n].label_size = lr_range_size(&p->label);
        }
        else if ( p->has_dsm )
        {
            d[n].backend = LR_ACPI_LABEL_MAILBOX;
            d[n].dsm_page = p->dsm.base;
        }
        n++;
    }
    return n;
}

unsigned int libreserve_acpi_tables(const void **tables, unsigned int max)
{
    struct lr_acpi_nvdimm d[LR_MAX_VNVDIMMS];
    struct lr_acpi_nvdimm_fault fault;
    unsigned int n;
    size_t cap, len;
    void *nfit, *ssdt;
    enum lr_status st;

    if ( !layout )
        return 0;
    memset(&fault, 0, sizeof(fault));
    n = nvdimms_in(d);
    if ( n == 0 )
        return 0;
    if ( max < 2 )
    {
        printf(LR_PFX "room for %u ACPI tables, need 2\n", max);
        BUG();
    }

    cap = lr_nfit_size(n);
    nfit = scratch_alloc(cap, 16);
    st = lr_nfit_emit(d, n, &lr_acpi_oem_default, nfit, cap, &len, &fault);
    if ( st != LR_OK )
        goto fail;
    tables[0] = nfit;

    cap = LR_NVDIMM_SSDT_MAX(n);
    ssdt = scratch_alloc(cap, 16);
    /* The template: the builder's bytes without the builder. */
    st = lr_nvdimm_ssdt_tpl_emit(d, n, &lr_acpi_oem_default, ssdt, cap, &len,
                                 &fault);
    if ( st != LR_OK )
        goto fail;
    tables[1] = ssdt;

    printf(LR_PFX "NFIT and SSDT for %u vNVDIMMs\n", n);
    return 2;

 fail:
    printf(LR_PFX "vNVDIMM tables: %s (%s, vNVDIMM %u)\n", lr_status_str(st),
           lr_acpi_nvdimm_problem_name(fault.problem), fault.index);
    BUG();
}
