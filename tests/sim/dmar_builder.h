/* SPDX-License-Identifier: MIT */
/*
 * A tiny DMAR table builder for the simulator's tests (CMocka asserts).
 * Include after <cmocka.h>.
 */
#ifndef TESTS_SIM_DMAR_BUILDER_H
#define TESTS_SIM_DMAR_BUILDER_H

#include <stddef.h>
#include <stdint.h>

/* --- a tiny DMAR table builder ---------------------------------------- */

struct tb {
    uint8_t b[16384];
    size_t n;
};

static inline void put8(struct tb *t, uint8_t v)
{
    assert_true(t->n < sizeof(t->b));
    t->b[t->n++] = v;
}

static inline void put16(struct tb *t, uint16_t v)
{
    put8(t, v & 0xff);
    put8(t, v >> 8);
}

static inline void put32(struct tb *t, uint32_t v)
{
    put16(t, v & 0xffff);
    put16(t, v >> 16);
}

static inline void put64(struct tb *t, uint64_t v)
{
    put32(t, (uint32_t)v);
    put32(t, (uint32_t)(v >> 32));
}

static inline void set16(struct tb *t, size_t off, uint16_t v)
{
    t->b[off] = v & 0xff;
    t->b[off + 1] = v >> 8;
}

static inline void tb_header(struct tb *t)
{
    unsigned int i;

    t->n = 0;
    put32(t, 0x52414d44);                   /* "DMAR" */
    put32(t, 0);                            /* length: tb_finish */
    put8(t, 1);                             /* revision */
    put8(t, 0);                             /* checksum: tb_finish */
    for ( i = 0; i < 6; i++ )
        put8(t, "TESTOE"[i]);
    for ( i = 0; i < 8; i++ )
        put8(t, "TESTTBL "[i]);
    put32(t, 1);
    put32(t, 0x4c54434c);
    put32(t, 1);
    put8(t, 38);                            /* HAW - 1: 39 bits */
    put8(t, 1);                             /* flags */
    for ( i = 0; i < 10; i++ )
        put8(t, 0);
}

/* Start a structure; returns its offset for tb_end. */
static inline size_t tb_begin(struct tb *t, uint16_t type)
{
    size_t off = t->n;

    put16(t, type);
    put16(t, 0);
    return off;
}

static inline void tb_end(struct tb *t, size_t off)
{
    set16(t, off + 2, (uint16_t)(t->n - off));
}

static inline void tb_scope(struct tb *t, uint8_t type, uint8_t id,
                            uint8_t bus, unsigned int nr_path,
                            const uint8_t *path)
{
    unsigned int i;

    put8(t, type);
    put8(t, (uint8_t)(6 + 2 * nr_path));
    put8(t, 0);
    put8(t, 0);
    put8(t, id);
    put8(t, bus);
    for ( i = 0; i < 2 * nr_path; i++ )
        put8(t, path[i]);
}

static inline size_t tb_rmrr(struct tb *t, uint16_t seg, uint64_t base,
                             uint64_t last)
{
    size_t off = tb_begin(t, 1);

    put16(t, 0);
    put16(t, seg);
    put64(t, base);
    put64(t, last);
    return off;
}

static inline void tb_drhd(struct tb *t)
{
    size_t off = tb_begin(t, 0);
    static const uint8_t p[] = { 0x1f, 0 };

    put8(t, 1);         /* INCLUDE_PCI_ALL */
    put8(t, 0);
    put16(t, 0);
    put64(t, 0xfed90000);
    tb_scope(t, 3, 8, 0xf0, 1, p);          /* IOAPIC 8 */
    tb_scope(t, 4, 0, 0x00, 1, p);          /* HPET 0 */
    tb_end(t, off);
}

static inline void tb_finish(struct tb *t)
{
    uint8_t sum = 0;
    size_t i;

    t->b[4] = t->n & 0xff;
    t->b[5] = (t->n >> 8) & 0xff;
    t->b[6] = 0;
    t->b[7] = 0;
    t->b[9] = 0;
    for ( i = 0; i < t->n; i++ )
        sum += t->b[i];
    t->b[9] = (uint8_t)-sum;
}

#endif /* TESTS_SIM_DMAR_BUILDER_H */
