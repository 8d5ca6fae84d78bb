/* SPDX-License-Identifier: MIT */
/*
 * libFuzzer target: lr_xs_read_input on a random key/value store, then
 * the layout engine on whatever was read.
 *
 * Input: one mode byte, then '\n'-separated lines applied to the store.
 * Mode bit 0 starts from fx_base, bit 1 from fx_rich (both: rich),
 * neither from an empty store.  Mode bit 2 selects the line format:
 *  0: "path=value"; a line without '=' deletes that path;
 *  1: one selector byte, then the value: the selector picks a schema key
 *     (schema_key(), entries 0-3 of each list), its top bit deletes it;
 *     so that mutations reach every key without spelling it.
 * Checked on every input:
 *  - no crash, no sanitizer report, no out-of-bounds (ASan/UBSan);
 *  - the status agrees with the diagnostics (LR_OK: no error; a failure:
 *    at least one error, except "no schema" which is one info);
 *  - on LR_OK the input is well-formed (counts, kinds, policies, owners,
 *    no wrapping range), and writing it and reading it back gives the
 *    same input with no diagnostic (the writer and reader agree);
 *  - on LR_OK the layout is run: when it succeeds, no honoured
 *    reservation overlaps RAM, the RAM chunks add up to ram_total, and
 *    ram_total is memory minus the VGA hole.
 * Seeds: fuzz-seeds/ (case-*: the cases of xs_fixtures.h, mode 1 lines).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libreserve/xs.h>
#include <libreserve/layout.h>
#include "xs_fixtures.h"

#define NR_KEYS     600
#define KEY_LEN     LR_XS_PATH_MAX
#define VAL_LEN     (LR_XS_VALUE_MAX + 64)

/* A small store with an open-addressing index (the rich fixture has
 * ~700 keys, and every input writes and reads it twice). */
#define NR_SLOTS    2048

struct store {
    unsigned int nr;
    int slot[NR_SLOTS];         /* entry index + 1; 0: empty */
    char key[NR_KEYS][KEY_LEN];
    char val[NR_KEYS][VAL_LEN];
};

static struct store st_a, st_b, st_base, st_rich;
static bool fx_ready;

static void copy_store(struct store *dst, const struct store *src)
{
    unsigned int i;

    dst->nr = src->nr;
    memcpy(dst->slot, src->slot, sizeof(dst->slot));
    for ( i = 0; i < src->nr; i++ )
    {
        memcpy(dst->key[i], src->key[i], KEY_LEN);
        memcpy(dst->val[i], src->val[i], VAL_LEN);
    }
}

static unsigned int hash(const char *p)
{
    unsigned int h = 2166136261u;

    while ( *p )
        h = (h ^ (unsigned char)*p++) * 16777619u;
    return h & (NR_SLOTS - 1);
}

/* Slot of path, or of the empty slot where it would go. */
static unsigned int slot_of(const struct store *s, const char *path)
{
    unsigned int h = hash(path);

    while ( s->slot[h] && strcmp(s->key[s->slot[h] - 1], path) )
        h = (h + 1) & (NR_SLOTS - 1);
    return h;
}

static void reset(struct store *s)
{
    s->nr = 0;
    memset(s->slot, 0, sizeof(s->slot));
}

static void reindex(struct store *s)
{
    unsigned int i;

    memset(s->slot, 0, sizeof(s->slot));
    for ( i = 0; i < s->nr; i++ )
        s->slot[slot_of(s, s->key[i])] = (int)i + 1;
}

static int find(const struct store *s, const char *path)
{
    return s->slot[slot_of(s, path)] - 1;
}

static void set(struct store *s, const char *path, const char *val)
{
    int i = find(s, path);

    if ( !val )
    {
        if ( i >= 0 )
        {
            s->nr--;
            memcpy(s->key[i], s->key[s->nr], KEY_LEN);
            memcpy(s->val[i], s->val[s->nr], VAL_LEN);
            reindex(s);
        }
        return;
    }
    if ( i < 0 )
    {
        if ( s->nr == NR_KEYS || strlen(path) >= KEY_LEN )
            return;
        i = (int)s->nr++;
        snprintf(s->key[i], KEY_LEN, "%s", path);
        s->slot[slot_of(s, s->key[i])] = i + 1;
    }
    snprintf(s->val[i], VAL_LEN, "%s", val);
}

static enum lr_status s_read(void *ctx, const char *path, char *buf,
                             size_t len)
{
    struct store *s = ctx;
    int i = find(s, path);
    size_t n;

    if ( i < 0 || !s->val[i][0] )
        return LR_E_NOTFOUND;
    n = strlen(s->val[i]);
    if ( n >= len )
    {
        memcpy(buf, s->val[i], len - 1);
        buf[len - 1] = '\0';
        return LR_E_NOSPACE;
    }
    memcpy(buf, s->val[i], n + 1);
    return LR_OK;
}

static enum lr_status s_write(void *ctx, const char *path, const char *val)
{
    set(ctx, path, val);
    return LR_OK;
}

static enum lr_status s_rm(void *ctx, const char *path)
{
    struct store *s = ctx;
    size_t n = strlen(path);
    unsigned int i, o = 0;

    for ( i = 0; i < s->nr; i++ )
    {
        if ( !strncmp(s->key[i], path, n) &&
             (s->key[i][n] == '\0' || s->key[i][n] == '/') )
            continue;
        if ( o != i )
        {
            memcpy(s->key[o], s->key[i], KEY_LEN);
            memcpy(s->val[o], s->val[i], VAL_LEN);
        }
        o++;
    }
    if ( o != s->nr )
    {
        s->nr = o;
        reindex(s);
    }
    return LR_OK;
}

static void ops_for(struct store *s, struct lr_xs_ops *ops)
{
    ops->ctx = s;
    ops->read = s_read;
    ops->write = s_write;
    ops->rm = s_rm;
}

/* Key number k of the schema (modulo their number), into buf. */
static void schema_key(unsigned int k, char *buf, size_t len)
{
    static const char *const global[] = {
        "libreserve/version", "libreserve/layout/memory",
        "libreserve/layout/strategy", "libreserve/layout/rdm-boundary",
        "libreserve/layout/pmem-align", "libreserve/layout/pmem-base-min",
        "libreserve/layout/device-model", "libreserve/layout/hap",
        "platform/mmio_hole_size", "libreserve/reserved/count",
        "libreserve/vnvdimm/count",
    };
    static const char *const rkeys[] = {
        "base", "size", "kind", "policy", "devices", "owner",
    };
    static const char *const vkeys[] = {
        "gpa", "size", "label-size", "label-backend", "handle", "serial",
        "host-base", "policy",
    };
    const unsigned int ng = sizeof(global) / sizeof(global[0]);
    const unsigned int nr = 4 * (sizeof(rkeys) / sizeof(rkeys[0]));
    const unsigned int nv = 4 * (sizeof(vkeys) / sizeof(vkeys[0]));

    k %= ng + nr + nv;
    if ( k < ng )
        snprintf(buf, len, "%s", global[k]);
    else if ( (k -= ng) < nr )
        snprintf(buf, len, "libreserve/reserved/%u/%s", k / 6, rkeys[k % 6]);
    else
    {
        k -= nr;
        snprintf(buf, len, "libreserve/vnvdimm/%u/%s", k / 8, vkeys[k % 8]);
    }
}

#define CHECK(c)                                                          \
    do {                                                                  \
        if ( !(c) )                                                       \
        {                                                                 \
            fprintf(stderr, "fuzz_xs: %s:%d: %s\n", __FILE__, __LINE__,   \
                    #c);                                                  \
            abort();                                                      \
        }                                                                 \
    } while ( 0 )

static void check_input(const struct lr_input *in)
{
    unsigned int i;
    struct lr_range r;

    CHECK(in->nr_regions <= LR_MAX_REGIONS);
    CHECK(in->nr_vnvdimms <= LR_MAX_VNVDIMMS);
    CHECK(in->cfg.strategy <= LR_STRATEGY_XEN_COMPAT);
    CHECK(in->cfg.device_model <= 1 && in->cfg.hap <= 1);
    for ( i = 0; i < in->nr_regions; i++ )
    {
        const struct lr_region *g = &in->regions[i];

        CHECK(g->kind != LR_KIND_RAM && g->kind < LR_KIND__COUNT);
        CHECK(g->policy <= LR_POLICY_RELAXED);
        CHECK(g->range.last >= g->range.base);
        CHECK(memchr(g->owner, '\0', LR_OWNER_LEN) != NULL);
        CHECK(g->src == i);
    }
    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm *v = &in->vnvdimms[i];

        CHECK(v->size != 0);
        CHECK(v->backend <= LR_LABEL_INBAND);
        CHECK(v->policy <= LR_POLICY_RELAXED);
        CHECK(v->gpa == LR_GPA_AUTO ||
              lr_range_from_size(v->gpa, v->size, &r) == LR_OK);
    }
}

static void check_same(const struct lr_input *a, const struct lr_input *b)
{
    unsigned int i;

    CHECK(!memcmp(&a->cfg, &b->cfg, sizeof(a->cfg)));
    CHECK(a->nr_regions == b->nr_regions);
    CHECK(a->nr_vnvdimms == b->nr_vnvdimms);
    for ( i = 0; i < a->nr_regions; i++ )
    {
        const struct lr_region *x = &a->regions[i], *y = &b->regions[i];

        CHECK(x->range.base == y->range.base);
        CHECK(x->range.last == y->range.last);
        CHECK(x->kind == y->kind && x->policy == y->policy);
        CHECK(x->ndevs == y->ndevs && x->src == y->src);
        CHECK(!strcmp(x->owner, y->owner));
    }
    for ( i = 0; i < a->nr_vnvdimms; i++ )
        CHECK(!memcmp(&a->vnvdimms[i], &b->vnvdimms[i],
                      sizeof(a->vnvdimms[i])));
}

static void check_layout(const struct lr_input *in)
{
    static struct lr_layout l;
    static struct lr_layout_store store;
    enum lr_status st;
    uint64_t sum = 0;
    unsigned int i, j;

    lr_layout_init_store(&l, &store);
    st = lr_layout_build(in, &l);
    CHECK(st == l.status);
    if ( st != LR_OK )
        return;
    CHECK(l.nr_ram <= LR_MAX_RAM && l.nr_reserved <= LR_MAX_RESERVED);
    for ( i = 0; i < l.nr_ram; i++ )
        sum += lr_range_size(&l.ram[i]);
    CHECK(sum == l.stats.ram_total);
    CHECK(l.stats.ram_total ==
          in->cfg.mem_size - (LR_VGA_HOLE_LAST - LR_VGA_HOLE_BASE + 1));
    for ( i = 0; i < l.nr_reserved; i++ )
        for ( j = 0; j < l.nr_ram; j++ )
            CHECK(!lr_range_overlaps(&l.reserved[i].range, &l.ram[j]));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static struct lr_input in, in2, fx;
    struct lr_diag store[LR_MAX_DIAGS];
    struct lr_diags ds;
    struct lr_xs_ops ops;
    char line[KEY_LEN + VAL_LEN + 2];
    enum lr_status st;
    size_t i = 1, n;

    if ( !size )
        return 0;
    /* The fixtures are written once, then copied: much faster. */
    if ( !fx_ready )
    {
        ops_for(&st_base, &ops);
        reset(&st_base);
        fx_base(&fx);
        CHECK(lr_xs_write_input(&ops, &fx) == LR_OK);
        ops_for(&st_rich, &ops);
        reset(&st_rich);
        fx_rich(&fx);
        CHECK(lr_xs_write_input(&ops, &fx) == LR_OK);
        fx_ready = true;
    }
    if ( data[0] & 3 )
        copy_store(&st_a, data[0] & 2 ? &st_rich : &st_base);
    else
        reset(&st_a);
    ops_for(&st_a, &ops);
    while ( i < size )
    {
        char *eq;

        for ( n = 0; i < size && data[i] != '\n'; i++ )
            if ( n < sizeof(line) - 1 && data[i] )
                line[n++] = (char)data[i];
        i++;
        line[n] = '\0';
        if ( data[0] & 4 )
        {
            char key[KEY_LEN];

            if ( !n )
                continue;
            schema_key((unsigned char)line[0] & 0x7f, key, sizeof(key));
            set(&st_a, key, (unsigned char)line[0] & 0x80 ? NULL : line + 1);
            continue;
        }
        eq = strchr(line, '=');
        if ( eq )
        {
            *eq = '\0';
            set(&st_a, line, eq + 1);
        }
        else
            set(&st_a, line, NULL);
    }

    lr_diags_init(&ds, store, LR_MAX_DIAGS);
    st = lr_xs_read_input(&ops, &in, &ds);
    if ( st == LR_OK )
        CHECK(ds.errors == 0);
    else if ( st == LR_E_NOTFOUND && ds.nr == 1 &&
              ds.d[0].severity == LR_SEV_INFO )
        CHECK(ds.d[0].code == LR_D_XS_MISSING);
    else
        CHECK(ds.errors > 0);
    if ( st != LR_OK )
        return 0;

    check_input(&in);

    reset(&st_b);
    ops_for(&st_b, &ops);
    CHECK(lr_xs_write_input(&ops, &in) == LR_OK);
    lr_diags_init(&ds, store, LR_MAX_DIAGS);
    CHECK(lr_xs_read_input(&ops, &in2, &ds) == LR_OK);
    CHECK(ds.nr == 0);
    check_same(&in, &in2);

    check_layout(&in);
    return 0;
}
