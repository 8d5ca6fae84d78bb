/* SPDX-License-Identifier: MIT */
/*
 * e820 from a layout.  The map is computed by a sweep over the "items"
 * (RAM chunks, reservations, hvmloader's own entries) produced on the fly
 * by index, so no scratch storage is needed: at every boundary the type of
 * the next stretch is the strongest type covering it.
 */
#include <libreserve/e820.h>
#include <libreserve/fmt.h>
#include "lr_libc.h"

void lr_e820_opts_default(struct lr_e820_opts *o)
{
    memset(o, 0, sizeof(*o));
    o->budget = 16;
    o->hvmloader = 1;
    o->lowmem_reserved_base = LR_VGA_HOLE_BASE;
    o->bios_image_base = 0xF0000;
}

/* Strength of a type when items overlap: reserved beats everything, RAM
 * loses to everything. */
static unsigned int strength(uint32_t type)
{
    switch ( type )
    {
    case LR_E820_RESERVED:
        return 5;
    case LR_E820_UNUSABLE:
        return 4;
    case LR_E820_NVS:
        return 3;
    case LR_E820_ACPI:
        return 2;
    case LR_E820_RAM:
        return 1;
    }
    return 0;
}

/* Item k as [base, end) and type; false when k is past the last item or
 * the item is empty. */
static bool item(const struct lr_layout *l, const struct lr_e820_opts *o,
                 unsigned int k, uint64_t *base, uint64_t *end,
                 uint32_t *type)
{
    if ( k < l->nr_ram )
    {
        *base = l->ram[k].base;
        *end = lr_range_end(&l->ram[k]);
        *type = LR_E820_RAM;
        if ( o->hvmloader )
        {
            /* hvmloader lists RAM below 1 MiB only up to the EBDA. */
            uint64_t lrb = o->lowmem_reserved_base;

            if ( *base < LR_MIB && *base >= lrb )
                *base = *end <= LR_MIB ? *end : LR_MIB;
            else if ( *base < lrb && *end > lrb && *end <= LR_MIB )
                *end = lrb;
        }
        return *end > *base;
    }
    k -= l->nr_ram;
    if ( k < l->nr_reserved )
    {
        *base = l->reserved[k].range.base;
        *end = lr_range_end(&l->reserved[k].range);
        *type = LR_E820_RESERVED;
        return true;
    }
    k -= l->nr_reserved;
    if ( !o->hvmloader )
        return false;
    switch ( k )
    {
    case 0:     /* EBDA and what the BIOS keeps below the VGA hole */
        *base = o->lowmem_reserved_base;
        *end = LR_VGA_HOLE_BASE;
        *type = LR_E820_RESERVED;
        break;
    case 1:     /* the BIOS image */
        *base = o->bios_image_base;
        *end = LR_MIB;
        *type = LR_E820_RESERVED;
        break;
    case 2:     /* ACPI tables hvmloader built */
        *base = LR_HVMLOADER_BASE;
        *end = o->acpi_end ? o->acpi_end : LR_HVMLOADER_BASE;
        *type = LR_E820_NVS;
        break;
    case 3:     /* special pages, fixed MMIO, up to 4 GiB */
        *base = o->acpi_end ? o->acpi_end : LR_HVMLOADER_BASE;
        *end = LR_4G;
        *type = LR_E820_RESERVED;
        break;
    default:
        return false;
    }
    return *end > *base;
}

#define NR_HVMLOADER_ITEMS 4

/* The strongest type covering cursor (0: none) into *best, and the next
 * address after cursor where an item starts or ends into *next; false
 * when there is none. */
static bool sweep_step(const struct lr_layout *l,
                       const struct lr_e820_opts *opts, unsigned int nitems,
                       uint64_t cursor, uint64_t *next, uint32_t *best)
{
    uint64_t b, e;
    uint32_t t;
    unsigned int k;
    bool any = false;

    *next = UINT64_MAX;
    *best = 0;
    for ( k = 0; k < nitems; k++ )
    {
        if ( !item(l, opts, k, &b, &e, &t) )
            continue;
        if ( b <= cursor && cursor < e && strength(t) > strength(*best) )
            *best = t;
        if ( b > cursor && b < *next )
            *next = b, any = true;
        if ( e > cursor && e < *next )
            *next = e, any = true;
    }
    return any;
}

/* The map being written: entries counted past cap, the last one open
 * for merging. */
struct e820_out {
    struct lr_e820_entry *out;
    unsigned int cap;
    unsigned int n;
    bool have_last;
    struct lr_e820_entry last;
};

static void flush(struct e820_out *m)
{
    if ( !m->have_last )
        return;
    if ( m->n < m->cap )
        m->out[m->n] = m->last;
    m->n++;
}

/* [base, end) of type, merged into the last entry when it continues it. */
static void emit(struct e820_out *m, uint64_t base, uint64_t end,
                 uint32_t type)
{
    if ( m->have_last && m->last.type == type &&
         m->last.addr + m->last.size == base )
    {
        m->last.size += end - base;
        return;
    }
    flush(m);
    m->last.addr = base;
    m->last.size = end - base;
    m->last.type = type;
    m->have_last = true;
}

enum lr_status lr_e820_build(const struct lr_layout *l,
                             const struct lr_e820_opts *opts,
                             struct lr_e820_entry *out, unsigned int cap,
                             unsigned int *nr, unsigned int *needed)
{
    const unsigned int nitems = l->nr_ram + l->nr_reserved +
                                (opts->hvmloader ? NR_HVMLOADER_ITEMS : 0);
    struct e820_out m = { out, cap, 0, false, { 0, 0, 0 } };
    uint64_t cursor = 0, next;
    uint32_t best;

    while ( sweep_step(l, opts, nitems, cursor, &next, &best) )
    {
        if ( best )
            emit(&m, cursor, next, best);
        cursor = next;
    }
    flush(&m);

    *needed = m.n;
    *nr = m.n < cap ? m.n : cap;
    if ( m.n > cap )
        return LR_E_NOSPACE;
    if ( opts->budget && m.n > opts->budget )
        return LR_E_BUDGET;
    return LR_OK;
}

enum lr_status lr_e820_check(const struct lr_e820_entry *e, unsigned int nr)
{
    unsigned int i;

    for ( i = 0; i < nr; i++ )
    {
        if ( e[i].size == 0 || e[i].size - 1 > UINT64_MAX - e[i].addr )
            return LR_E_INVAL;
        if ( i == 0 )
            continue;
        if ( e[i - 1].addr + e[i - 1].size > e[i].addr )
            return LR_E_OVERLAP;
        if ( e[i - 1].type == e[i].type &&
             e[i - 1].addr + e[i - 1].size == e[i].addr )
            return LR_E_INVAL;
    }
    return LR_OK;
}

const char *lr_e820_type_name(uint32_t type)
{
    switch ( type )
    {
    case LR_E820_RAM:
        return "usable";
    case LR_E820_RESERVED:
        return "reserved";
    case LR_E820_ACPI:
        return "ACPI data";
    case LR_E820_NVS:
        return "ACPI NVS";
    case LR_E820_UNUSABLE:
        return "unusable";
    }
    return "unknown";
}

/* Linux memparse() syntax: exact K/M/G suffix, else hex bytes. */
static void put_memparse(struct lr_buf *b, uint64_t v)
{
    if ( v && lr_is_aligned(v, LR_GIB) )
    {
        lr_buf_dec(b, v >> 30);
        lr_buf_char(b, 'G');
    }
    else if ( v && lr_is_aligned(v, LR_MIB) )
    {
        lr_buf_dec(b, v >> 20);
        lr_buf_char(b, 'M');
    }
    else if ( v && lr_is_aligned(v, LR_KIB) )
    {
        lr_buf_dec(b, v >> 10);
        lr_buf_char(b, 'K');
    }
    else
        lr_buf_hex(b, v, 0);
}

size_t lr_e820_memmap(const struct lr_e820_entry *e, unsigned int nr,
                      char *buf, size_t len)
{
    struct lr_buf b;
    unsigned int i;

    lr_buf_init(&b, buf, len);
    lr_buf_str(&b, "memmap=exactmap");
    for ( i = 0; i < nr; i++ )
    {
        lr_buf_str(&b, " memmap=");
        put_memparse(&b, e[i].size);
        lr_buf_char(&b, e[i].type == LR_E820_RAM ? '@' :
                        e[i].type == LR_E820_ACPI ? '#' : '$');
        lr_buf_hex(&b, e[i].addr, 0);
    }
    return b.pos;
}
