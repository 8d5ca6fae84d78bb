/* SPDX-License-Identifier: MIT */
/*
 * One engine, run twice: this program is built once for x86-64 and once
 * for i686 (hvmloader's ABI), runs the same pseudo-random inputs through
 * the engine and prints every output field with the core's own formatter.
 * check-identity requires the two outputs to be byte-identical.
 */
#include <stdio.h>
#include <string.h>
#include <libreserve/layout.h>
#include <libreserve/e820.h>
#include <libreserve/fmt.h>
#include "../lib/xorshift.h"

static uint64_t seed = 0x2545f4914f6cdd1dULL;

static uint64_t rnd(void)
{
    return xorshift64(&seed);
}

static void put(struct lr_buf *b, const char *k, uint64_t v)
{
    lr_buf_char(b, ' ');
    lr_buf_str(b, k);
    lr_buf_char(b, '=');
    lr_buf_hex(b, v, 0);
}

static struct lr_input in;
static struct lr_layout lay;
static struct lr_layout_store lay_store;

static void dump(unsigned int n)
{
    static char text[1 << 16];
    struct lr_buf b;
    struct lr_e820_entry e[160];
    struct lr_e820_opts o;
    unsigned int i, ne, need;

    lr_buf_init(&b, text, sizeof(text));
    lr_buf_str(&b, "case ");
    lr_buf_dec(&b, n);
    put(&b, "status", lay.status);
    put(&b, "low", lay.lowmem_end);
    put(&b, "high", lay.highmem_end);
    lr_buf_char(&b, '\n');
    for ( i = 0; i < lay.nr_ram; i++ )
    {
        lr_buf_str(&b, " ram ");
        lr_buf_range(&b, &lay.ram[i]);
        lr_buf_char(&b, '\n');
    }
    for ( i = 0; i < lay.nr_reserved; i++ )
    {
        lr_buf_str(&b, " rsv ");
        lr_buf_range(&b, &lay.reserved[i].range);
        lr_buf_char(&b, ' ');
        lr_buf_str(&b, lr_kind_name(lay.reserved[i].kind));
        lr_buf_char(&b, ' ');
        lr_buf_str(&b, lay.reserved[i].owner);
        lr_buf_char(&b, '\n');
    }
    for ( i = 0; i < lay.nr_dropped; i++ )
    {
        lr_buf_str(&b, " drop ");
        lr_buf_range(&b, &lay.dropped[i].range);
        lr_buf_char(&b, '\n');
    }
    for ( i = 0; i < lay.nr_vnvdimms; i++ )
    {
        lr_buf_str(&b, " vnv");
        put(&b, "placed", lay.vnv[i].placed);
        put(&b, "data", lay.vnv[i].data.base);
        put(&b, "label", lay.vnv[i].label.base);
        put(&b, "dsm", lay.vnv[i].dsm.base);
        put(&b, "handle", lay.vnv[i].handle);
        lr_buf_char(&b, '\n');
    }
    put(&b, "s.total", lay.stats.ram_total);
    put(&b, "s.disp", lay.stats.displaced);
    put(&b, "s.1g", lay.stats.map_1g);
    put(&b, "s.2m", lay.stats.map_2m);
    put(&b, "s.4k", lay.stats.map_4k);
    put(&b, "s.drop", lay.stats.dropped);
    lr_buf_char(&b, '\n');
    for ( i = 0; i < lay.diags.nr; i++ )
    {
        char line[768];

        lr_diag_format(&lay.diags.d[i], line, sizeof(line));
        lr_buf_str(&b, " diag ");
        lr_buf_str(&b, line);
        lr_buf_char(&b, '\n');
    }
    lr_e820_opts_default(&o);
    o.budget = 0;
    if ( lr_e820_build(&lay, &o, e, 160, &ne, &need) == LR_OK )
        for ( i = 0; i < ne; i++ )
        {
            lr_buf_str(&b, " e820");
            put(&b, "a", e[i].addr);
            put(&b, "s", e[i].size);
            put(&b, "t", e[i].type);
            lr_buf_char(&b, '\n');
        }
    fputs(text, stdout);
}

int main(void)
{
    unsigned int n, k;

    lr_layout_init_store(&lay, &lay_store);
    for ( n = 0; n < 3000; n++ )
    {
        unsigned int nr = rnd() % 10, nv = rnd() % 3;

        lr_input_init(&in);
        in.cfg.mem_size = ((rnd() % (80 * 1024)) + 2) << 20;
        in.cfg.strategy = rnd() % 4;
        if ( in.cfg.strategy == LR_STRATEGY_SUPERPAGE && rnd() % 2 )
            in.cfg.superpage_low = ((rnd() % 2048) + 8) << 21;
        if ( rnd() % 4 == 0 )
            in.cfg.mmio_hole_size = ((rnd() % 3585) + 256) << 20;
        for ( k = 0; k < nr; k++ )
        {
            struct lr_region r;
            struct lr_range rr;
            uint64_t base = (rnd() % (0x140000000ULL >> 12)) << 12;
            uint64_t size = ((rnd() % 0x8000) + 1) << 12;

            rr.base = base;
            rr.last = base + size - 1;
            lr_region_set(&r, &rr, LR_KIND_RMRR, rnd() & 1, "RMRR x");
            r.ndevs = rnd() % 3;
            if ( lr_input_add_region(&in, &r) != LR_OK )
                return 1;
        }
        for ( k = 0; k < nv; k++ )
        {
            struct lr_vnvdimm v;

            memset(&v, 0, sizeof(v));
            v.gpa = rnd() % 2 ? LR_GPA_AUTO : ((rnd() % 64) << 28);
            v.size = ((rnd() % 1024) + 1) << 21;
            v.backend = rnd() % 3;
            v.label_size = v.backend ? 128 << 10 : 0;
            v.policy = rnd() & 1;
            if ( lr_input_add_vnvdimm(&in, &v) != LR_OK )
                return 1;
        }
        if ( lr_layout_build(&in, &lay) == LR_E_INVAL && lay.nr_ram )
            return 1;
        dump(n);
    }
    return 0;
}
