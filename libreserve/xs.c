/* SPDX-License-Identifier: MIT */
/*
 * The xenstore schema: reader and writer over caller callbacks.  The
 * schema, its defaults and what happens on each bad value are documented
 * in docs/xenstore.md; keep the two in step.
 */
#include <libreserve/xs.h>
#include <libreserve/fmt.h>
#include <libreserve/platform.h>
#include "lr_libc.h"

#define LIST_RESERVED   "reserved"
#define LIST_VNVDIMM    "vnvdimm"

/* --- paths ----------------------------------------------------------- */

/* Append s to path[0 .. *n), bounded by LR_XS_PATH_MAX - 1. */
static void path_add(char *path, size_t *n, const char *s)
{
    size_t len = strlen(s);

    if ( len > LR_XS_PATH_MAX - 1 - *n )
        len = LR_XS_PATH_MAX - 1 - *n;
    memcpy(path + *n, s, len);
    *n += len;
}

/* List indexes (at most the maxima) are written with two digits. */
typedef char lr_xs_index_fits_two_digits[
    LR_MAX_REGIONS < 100 && LR_MAX_VNVDIMMS < 100 ? 1 : -1];

/*
 * "libreserve/<list>[/<idx>]/<key>" (idx < 0: none; key NULL: none).
 * Built by hand rather than with lr_buf: it runs for every key read.
 */
static void make_path(char *path, const char *list, int idx,
                      const char *key)
{
    char num[5];
    size_t n = 0;
    unsigned int k = 0, tens = 0;

    path_add(path, &n, LR_XS_ROOT "/");
    path_add(path, &n, list);
    if ( idx >= 0 && idx < 100 )
    {
        while ( idx >= 10 )
        {
            idx -= 10;
            tens++;
        }
        num[k++] = '/';
        if ( tens )
            num[k++] = (char)('0' + tens);
        num[k++] = (char)('0' + idx);
        num[k] = '\0';
        path_add(path, &n, num);
    }
    if ( key )
    {
        path_add(path, &n, "/");
        path_add(path, &n, key);
    }
    path[n] = '\0';
}

/* --- reader ---------------------------------------------------------- */

struct xs_reader {
    const struct lr_xs_ops *ops;
    struct lr_diags *diags;
    enum lr_status st;          /* first failure; LR_OK so far */
    bool io_failed;             /* the store broke: stop reading */
    char path[LR_XS_PATH_MAX];
    char val[LR_XS_VALUE_MAX];
};

/* One list entry being read: its policy decides what a bad value does. */
struct xs_entry {
    const char *list;
    int idx;
    bool relaxed;               /* bad values skip the entry (warning) */
    bool bad;                   /* skip it / the read fails */
};

/*
 * Report a problem with r->path (and r->val if with_value).  An error
 * makes the read fail with st (the first failure wins).
 */
static struct lr_diag *report(struct xs_reader *r, enum lr_diag_code code,
                              enum lr_severity sev, enum lr_action act,
                              enum lr_status st, bool with_value)
{
    struct lr_diag *d = NULL;
    struct lr_buf b;

    if ( sev == LR_SEV_ERROR && r->st == LR_OK )
        r->st = st;
    if ( !r->diags )
        return NULL;
    d = lr_diag_add(r->diags, code, sev, act);
    if ( !d )
        return NULL;
    lr_buf_init(&b, d->detail, sizeof(d->detail));
    lr_buf_str(&b, r->path);
    if ( with_value )
    {
        lr_buf_str(&b, "=\"");
        lr_buf_str(&b, r->val);
        lr_buf_char(&b, '"');
    }
    if ( !lr_buf_ok(&b) && sizeof(d->detail) > 4 )
        memcpy(d->detail + sizeof(d->detail) - 4, "...", 4);
    return d;
}

/* A problem inside a list entry: strict entries fail the read, relaxed
 * ones are skipped with a warning. */
static struct lr_diag *entry_problem(struct xs_reader *r, struct xs_entry *e,
                                     enum lr_diag_code code,
                                     enum lr_status st, bool with_value)
{
    e->bad = true;
    if ( e->relaxed )
        return report(r, code, LR_SEV_WARN, LR_ACT_IGNORED, st, with_value);
    return report(r, code, LR_SEV_ERROR, LR_ACT_FAILED, st, with_value);
}

/*
 * Read r->path into r->val.  LR_OK (non-empty value), LR_E_NOTFOUND
 * (absent or empty), LR_E_NOSPACE (too long; r->val holds a prefix) or
 * LR_E_IO (diagnosed here, once; every later fetch fails too).
 */
static enum lr_status fetch(struct xs_reader *r)
{
    enum lr_status st;

    r->val[0] = '\0';
    if ( r->io_failed )
        return LR_E_IO;
    st = r->ops->read(r->ops->ctx, r->path, r->val, sizeof(r->val));
    r->val[sizeof(r->val) - 1] = '\0';
    switch ( st )
    {
    case LR_OK:
        return r->val[0] ? LR_OK : LR_E_NOTFOUND;
    case LR_E_NOTFOUND:
        r->val[0] = '\0';
        return LR_E_NOTFOUND;
    case LR_E_NOSPACE:
        return LR_E_NOSPACE;
    default:
        r->val[0] = '\0';
        r->io_failed = true;
        report(r, LR_D_XS_IO, LR_SEV_ERROR, LR_ACT_FAILED, LR_E_IO, false);
        return LR_E_IO;
    }
}

/*
 * Fetch and parse a number.  LR_OK with *out set; LR_E_NOTFOUND (absent,
 * *out untouched, not diagnosed); LR_E_PARSE (malformed, too long or over
 * 'max': not diagnosed, r->val holds the text); LR_E_IO.
 */
static enum lr_status fetch_u64(struct xs_reader *r, uint64_t max,
                                uint64_t *out)
{
    enum lr_status st = fetch(r);
    uint64_t v;

    if ( st == LR_E_NOTFOUND || st == LR_E_IO )
        return st;
    if ( st != LR_OK || lr_parse_u64(r->val, &v) != LR_OK || v > max )
        return LR_E_PARSE;
    *out = v;
    return LR_OK;
}

/* A configuration number: malformed fails the read; absent keeps the
 * default unless required. */
static void read_cfg_u64(struct xs_reader *r, const char *key, bool required,
                         uint64_t max, uint64_t *out)
{
    enum lr_status st;

    if ( key )
        make_path(r->path, "layout", -1, key);
    st = fetch_u64(r, max, out);
    if ( st == LR_E_PARSE )
        report(r, LR_D_XS_MALFORMED, LR_SEV_ERROR, LR_ACT_FAILED,
               LR_E_PARSE, true);
    else if ( st == LR_E_NOTFOUND && required )
        report(r, LR_D_XS_MISSING, LR_SEV_ERROR, LR_ACT_FAILED,
               LR_E_NOTFOUND, false);
}

static void read_cfg_flag(struct xs_reader *r, const char *key, uint8_t *out)
{
    uint64_t v = *out;

    read_cfg_u64(r, key, false, 1, &v);
    *out = (uint8_t)v;
}

static void read_config(struct xs_reader *r, struct lr_config *cfg)
{
    enum lr_strategy strat;
    enum lr_status st;

    read_cfg_u64(r, "memory", true, UINT64_MAX, &cfg->mem_size);

    make_path(r->path, "layout", -1, "strategy");
    st = fetch(r);
    if ( st == LR_OK && lr_strategy_parse(r->val, &strat) == LR_OK )
        cfg->strategy = (uint8_t)strat;
    else if ( st == LR_OK || st == LR_E_NOSPACE )
        report(r, LR_D_XS_MALFORMED, LR_SEV_ERROR, LR_ACT_FAILED,
               LR_E_PARSE, true);

    read_cfg_u64(r, "rdm-boundary", false, UINT64_MAX, &cfg->rdm_boundary);
    read_cfg_u64(r, "pmem-align", false, UINT64_MAX, &cfg->pmem_align);
    read_cfg_u64(r, "pmem-base-min", false, UINT64_MAX,
                 &cfg->pmem_base_min);
    read_cfg_u64(r, "superpage-low", false, UINT64_MAX,
                 &cfg->superpage_low);
    read_cfg_flag(r, "device-model", &cfg->device_model);
    read_cfg_flag(r, "hap", &cfg->hap);

    lr_strlcpy(r->path, LR_XS_MMIO_HOLE, sizeof(r->path));
    read_cfg_u64(r, NULL, false, UINT64_MAX, &cfg->mmio_hole_size);
}

/*
 * A list's count: absent (or empty) is 0; malformed or over the schema
 * maximum fails the read (then no entry is read).  An entry at index
 * 'count' means the count is short: those entries are ignored, with a
 * warning.
 */
static unsigned int read_count(struct xs_reader *r, const char *list,
                               unsigned int max, const char *probe_key)
{
    uint64_t v = 0;
    enum lr_status st;
    struct lr_diag *d;

    make_path(r->path, list, -1, "count");
    st = fetch_u64(r, UINT64_MAX, &v);
    if ( st == LR_E_PARSE )
        report(r, LR_D_XS_MALFORMED, LR_SEV_ERROR, LR_ACT_FAILED,
               LR_E_PARSE, true);
    if ( st != LR_OK && st != LR_E_NOTFOUND )
        return 0;
    if ( v > max )
    {
        d = report(r, LR_D_XS_COUNT, LR_SEV_ERROR, LR_ACT_FAILED,
                   LR_E_NOSPACE, true);
        if ( d )
            d->bytes = v;
        return 0;
    }

    make_path(r->path, list, (int)v, probe_key);
    st = fetch(r);
    if ( st == LR_OK || st == LR_E_NOSPACE )
    {
        make_path(r->path, list, (int)v, NULL);
        report(r, LR_D_XS_COUNT, LR_SEV_WARN, LR_ACT_IGNORED, LR_OK, false);
    }
    return (unsigned int)v;
}

/* The entry's policy, read first: it decides what later problems do. */
static void read_entry_policy(struct xs_reader *r, struct xs_entry *e,
                              enum lr_policy *pol)
{
    enum lr_status st;

    *pol = LR_POLICY_STRICT;
    make_path(r->path, e->list, e->idx, "policy");
    st = fetch(r);
    if ( st == LR_OK && lr_policy_parse(r->val, pol) == LR_OK )
        e->relaxed = *pol == LR_POLICY_RELAXED;
    else if ( st == LR_OK || st == LR_E_NOSPACE )
    {
        *pol = LR_POLICY_STRICT;
        entry_problem(r, e, LR_D_XS_MALFORMED, LR_E_PARSE, true);
    }
}

/* A number of an entry: LR_OK, LR_E_NOTFOUND (not diagnosed) or a
 * diagnosed failure. */
static enum lr_status read_entry_u64(struct xs_reader *r, struct xs_entry *e,
                                     const char *key, uint64_t max,
                                     uint64_t *out)
{
    enum lr_status st;

    make_path(r->path, e->list, e->idx, key);
    st = fetch_u64(r, max, out);
    if ( st == LR_E_PARSE )
        entry_problem(r, e, LR_D_XS_MALFORMED, LR_E_PARSE, true);
    return st;
}

/* Two required keys: both absent means the entry is not there at all
 * (the count is larger than the entries present). */
static void check_required(struct xs_reader *r, struct xs_entry *e,
                           const char *k1, enum lr_status s1,
                           const char *k2, enum lr_status s2)
{
    if ( s1 == LR_E_NOTFOUND && s2 == LR_E_NOTFOUND )
    {
        make_path(r->path, e->list, e->idx, NULL);
        entry_problem(r, e, LR_D_XS_COUNT, LR_E_NOTFOUND, false);
    }
    else if ( s1 == LR_E_NOTFOUND || s2 == LR_E_NOTFOUND )
    {
        make_path(r->path, e->list, e->idx,
                  s1 == LR_E_NOTFOUND ? k1 : k2);
        entry_problem(r, e, LR_D_XS_MISSING, LR_E_NOTFOUND, false);
    }
}

/* A reservation's base and size, into *range (left as it is when either
 * is missing or they wrap). */
static void read_region_range(struct xs_reader *r, struct xs_entry *e,
                              struct lr_range *range)
{
    uint64_t base = 0, size = 0;
    enum lr_status sb, ss, st;
    struct lr_diag *d;

    sb = read_entry_u64(r, e, "base", UINT64_MAX, &base);
    ss = read_entry_u64(r, e, "size", UINT64_MAX, &size);
    check_required(r, e, "base", sb, "size", ss);
    if ( sb != LR_OK || ss != LR_OK )
        return;
    st = lr_range_from_size(base, size, range);
    if ( st != LR_OK )
    {
        make_path(r->path, e->list, e->idx, "size");
        d = entry_problem(r, e, LR_D_BAD_REGION, st, true);
        if ( d )
            d->bytes = base;
    }
}

/* A reservation's kind (absent: *kind as it is); "ram" is refused. */
static void read_region_kind(struct xs_reader *r, struct xs_entry *e,
                             enum lr_kind *kind)
{
    enum lr_status st;

    make_path(r->path, e->list, e->idx, "kind");
    st = fetch(r);
    if ( st != LR_OK && st != LR_E_NOSPACE )
        return;
    if ( st != LR_OK || lr_kind_parse(r->val, kind) != LR_OK )
        entry_problem(r, e, LR_D_XS_MALFORMED, LR_E_PARSE, true);
    else if ( *kind == LR_KIND_RAM )
        entry_problem(r, e, LR_D_BAD_REGION, LR_E_INVAL, true);
}

static void read_region(struct xs_reader *r, struct lr_input *in,
                        unsigned int i)
{
    struct xs_entry e = { LIST_RESERVED, (int)i, false, false };
    enum lr_policy pol;
    enum lr_kind kind = LR_KIND_RMRR;
    uint64_t ndevs = 0;
    enum lr_status st;
    struct lr_range range = { 0, 0 };
    struct lr_region reg;
    struct lr_diag *d;

    read_entry_policy(r, &e, &pol);
    read_region_range(r, &e, &range);
    read_region_kind(r, &e, &kind);
    if ( read_entry_u64(r, &e, "devices", UINT8_MAX, &ndevs) == LR_OK &&
         ndevs == 0 )
        entry_problem(r, &e, LR_D_XS_MALFORMED, LR_E_PARSE, true);

    /* The owner last: lr_region_set copies it straight from r->val. */
    make_path(r->path, e.list, e.idx, "owner");
    st = fetch(r);
    if ( r->io_failed || e.bad )
        return;
    if ( st == LR_E_NOSPACE || strlen(r->val) >= LR_OWNER_LEN )
    {
        d = report(r, LR_D_XS_MALFORMED, LR_SEV_WARN, LR_ACT_KEPT, LR_OK,
                   false);
        if ( d )
            d->bytes = LR_OWNER_LEN - 1;
    }
    lr_region_set(&reg, &range, kind, pol, r->val);
    reg.ndevs = (uint8_t)ndevs;
    if ( lr_input_add_region(in, &reg) != LR_OK )
        report(r, LR_D_TOO_MANY, LR_SEV_ERROR, LR_ACT_FAILED, LR_E_NOSPACE,
               false);
}

/* A vNVDIMM's gpa into v->gpa ("auto" or absent: LR_GPA_AUTO).  Returns
 * whether the key is there; *num: it holds a number. */
static bool read_vnvdimm_gpa(struct xs_reader *r, struct xs_entry *e,
                             struct lr_vnvdimm *v, bool *num)
{
    enum lr_status st;

    make_path(r->path, e->list, e->idx, "gpa");
    st = fetch(r);
    if ( st == LR_OK && lr_streq(r->val, "auto") )
        return true;
    if ( st != LR_OK && st != LR_E_NOSPACE )
        return false;
    /* A number equal to LR_GPA_AUTO wraps with any size. */
    if ( st == LR_OK && lr_parse_u64(r->val, &v->gpa) == LR_OK )
        *num = true;
    else
    {
        v->gpa = LR_GPA_AUTO;
        entry_problem(r, e, LR_D_XS_MALFORMED, LR_E_PARSE, true);
    }
    return true;
}

/* A vNVDIMM's size: required (without gpa too, the entry is not there at
 * all), not 0, and with a numeric gpa not wrapping. */
static void read_vnvdimm_size(struct xs_reader *r, struct xs_entry *e,
                              struct lr_vnvdimm *v, bool has_gpa,
                              bool gpa_num)
{
    enum lr_status ss = read_entry_u64(r, e, "size", UINT64_MAX, &v->size);
    struct lr_range range;
    struct lr_diag *d;

    if ( ss == LR_E_NOTFOUND && !has_gpa )
    {
        make_path(r->path, e->list, e->idx, NULL);
        entry_problem(r, e, LR_D_XS_COUNT, LR_E_NOTFOUND, false);
    }
    else if ( ss == LR_E_NOTFOUND )
        entry_problem(r, e, LR_D_XS_MISSING, LR_E_NOTFOUND, false);
    else if ( ss == LR_OK && v->size == 0 )
        entry_problem(r, e, LR_D_BAD_REGION, LR_E_EMPTY, true);
    else if ( ss == LR_OK && gpa_num &&
              lr_range_from_size(v->gpa, v->size, &range) != LR_OK )
    {
        d = entry_problem(r, e, LR_D_BAD_REGION, LR_E_WRAP, true);
        if ( d )
            d->bytes = v->gpa;
    }
}

/* The label back end, handle, serial and host base. */
static void read_vnvdimm_rest(struct xs_reader *r, struct xs_entry *e,
                              struct lr_vnvdimm *v)
{
    enum lr_label_backend be = LR_LABEL_NONE;
    enum lr_status st;
    uint64_t u;

    make_path(r->path, e->list, e->idx, "label-backend");
    st = fetch(r);
    if ( st == LR_OK && lr_label_backend_parse(r->val, &be) == LR_OK )
        v->backend = (uint8_t)be;
    else if ( st == LR_OK || st == LR_E_NOSPACE )
        entry_problem(r, e, LR_D_XS_MALFORMED, LR_E_PARSE, true);

    u = 0;
    if ( read_entry_u64(r, e, "handle", UINT32_MAX, &u) == LR_OK )
        v->handle = (uint32_t)u;
    u = 0;
    if ( read_entry_u64(r, e, "serial", UINT32_MAX, &u) == LR_OK )
        v->serial = (uint32_t)u;
    read_entry_u64(r, e, "host-base", UINT64_MAX, &v->host_base);
}

static void read_vnvdimm(struct xs_reader *r, struct lr_input *in,
                         unsigned int i)
{
    struct xs_entry e = { LIST_VNVDIMM, (int)i, false, false };
    struct lr_vnvdimm v;
    enum lr_policy pol;
    bool has_gpa, gpa_num = false;

    memset(&v, 0, sizeof(v));
    v.gpa = LR_GPA_AUTO;
    read_entry_policy(r, &e, &pol);
    v.policy = (uint8_t)pol;
    has_gpa = read_vnvdimm_gpa(r, &e, &v, &gpa_num);
    read_vnvdimm_size(r, &e, &v, has_gpa, gpa_num);
    read_entry_u64(r, &e, "label-size", UINT64_MAX, &v.label_size);
    read_vnvdimm_rest(r, &e, &v);

    if ( r->io_failed || e.bad )
        return;
    if ( lr_input_add_vnvdimm(in, &v) != LR_OK )
        report(r, LR_D_TOO_MANY, LR_SEV_ERROR, LR_ACT_FAILED, LR_E_NOSPACE,
               false);
}

enum lr_status lr_xs_read_input(const struct lr_xs_ops *ops,
                                struct lr_input *in, struct lr_diags *diags)
{
    struct xs_reader r;
    enum lr_status st;
    unsigned int i, n;
    uint64_t version;

    if ( !ops || !ops->read || !in )
        return LR_E_INVAL;
    memset(&r, 0, sizeof(r));
    r.ops = ops;
    r.diags = diags;
    r.st = LR_OK;
    lr_input_init(in);

    lr_strlcpy(r.path, LR_XS_ROOT "/version", sizeof(r.path));
    st = fetch(&r);
    if ( st == LR_E_NOTFOUND )
    {
        report(&r, LR_D_XS_MISSING, LR_SEV_INFO, LR_ACT_NONE, LR_OK, false);
        return LR_E_NOTFOUND;
    }
    if ( st == LR_E_IO )
        return LR_E_IO;
    if ( st != LR_OK || lr_parse_u64(r.val, &version) != LR_OK ||
         version != LR_XS_VERSION )
    {
        report(&r, LR_D_XS_MALFORMED, LR_SEV_ERROR, LR_ACT_FAILED,
               LR_E_INVAL, true);
        return LR_E_INVAL;
    }

    read_config(&r, &in->cfg);

    n = read_count(&r, LIST_RESERVED, LR_MAX_REGIONS, "base");
    for ( i = 0; i < n && !r.io_failed; i++ )
        read_region(&r, in, i);

    n = read_count(&r, LIST_VNVDIMM, LR_MAX_VNVDIMMS, "size");
    for ( i = 0; i < n && !r.io_failed; i++ )
        read_vnvdimm(&r, in, i);

    return r.st;
}

/* --- writer ---------------------------------------------------------- */

struct xs_writer {
    const struct lr_xs_ops *ops;
    enum lr_status st;          /* sticky: first failure wins */
    char path[LR_XS_PATH_MAX];
    char val[LR_XS_VALUE_MAX];
};

/* Write w->val at w->path. */
static void put(struct xs_writer *w)
{
    if ( w->st == LR_OK )
        w->st = w->ops->write(w->ops->ctx, w->path, w->val);
}

static void put_str(struct xs_writer *w, const char *list, int idx,
                    const char *key, const char *s)
{
    make_path(w->path, list, idx, key);
    lr_strlcpy(w->val, s, sizeof(w->val));
    put(w);
}

static void put_num(struct xs_writer *w, const char *list, int idx,
                    const char *key, uint64_t v, bool hex)
{
    struct lr_buf b;

    make_path(w->path, list, idx, key);
    lr_buf_init(&b, w->val, sizeof(w->val));
    if ( hex )
        lr_buf_hex(&b, v, 0);
    else
        lr_buf_dec(&b, v);
    put(w);
}

/* Names are written in lower case ("rmrr"), as the schema spells them. */
static void put_lower(struct xs_writer *w, const char *list, int idx,
                      const char *key, const char *name)
{
    char *p;

    make_path(w->path, list, idx, key);
    lr_strlcpy(w->val, name, sizeof(w->val));
    for ( p = w->val; *p; p++ )
        if ( *p >= 'A' && *p <= 'Z' )
            *p = (char)(*p - 'A' + 'a');
    put(w);
}

static bool owner_terminated(const char *owner)
{
    unsigned int i;

    for ( i = 0; i < LR_OWNER_LEN; i++ )
        if ( !owner[i] )
            return true;
    return false;
}

/* Can *in be written so that the reader gives it back? */
static bool representable(const struct lr_input *in)
{
    const struct lr_config *c = &in->cfg;
    unsigned int i;

    if ( in->nr_regions > LR_MAX_REGIONS ||
         in->nr_vnvdimms > LR_MAX_VNVDIMMS ||
         c->strategy > LR_STRATEGY_SUPERPAGE ||
         c->device_model > 1 || c->hap > 1 )
        return false;
    for ( i = 0; i < in->nr_regions; i++ )
    {
        const struct lr_region *g = &in->regions[i];

        if ( g->kind == LR_KIND_RAM || g->kind >= LR_KIND__COUNT ||
             g->policy > LR_POLICY_RELAXED || !owner_terminated(g->owner) ||
             g->range.last < g->range.base ||
             lr_range_size(&g->range) == 0 )
            return false;
    }
    for ( i = 0; i < in->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm *v = &in->vnvdimms[i];

        if ( v->backend > LR_LABEL_INBAND || v->policy > LR_POLICY_RELAXED ||
             v->size == 0 )
            return false;
    }
    return true;
}

/*
 * platform/mmio_hole_size is libxl's key, and its mere presence makes
 * stock hvmloader keep the hole fixed (no growing it for BARs, no moving
 * it below RMRRs).  So it is written only when the hole is not the
 * default, or when the store holds another value (a stale one: the reader
 * would take it).  A store without read gets it only when not default.
 */
static bool hole_needed(struct xs_writer *w, uint64_t hole)
{
    enum lr_status st;
    uint64_t v;

    if ( hole != LR_MMIO_HOLE_DEFAULT )
        return true;
    if ( !w->ops->read )
        return false;
    st = w->ops->read(w->ops->ctx, LR_XS_MMIO_HOLE, w->val, sizeof(w->val));
    w->val[sizeof(w->val) - 1] = '\0';
    if ( st == LR_E_NOTFOUND )
        return false;
    if ( st != LR_OK && st != LR_E_NOSPACE )
    {
        w->st = LR_E_IO;
        return false;
    }
    return st != LR_OK || lr_parse_u64(w->val, &v) != LR_OK || v != hole;
}

/* A key outside the per-list layout (absolute path), decimal value. */
static void put_key_dec(struct xs_writer *w, const char *path, uint64_t v)
{
    struct lr_buf b;

    lr_strlcpy(w->path, path, sizeof(w->path));
    lr_buf_init(&b, w->val, sizeof(w->val));
    lr_buf_dec(&b, v);
    put(w);
}

static void write_config(struct xs_writer *w, const struct lr_config *c)
{
    put_num(w, "layout", -1, "memory", c->mem_size, true);
    put_str(w, "layout", -1, "strategy", lr_strategy_name(c->strategy));
    put_num(w, "layout", -1, "rdm-boundary", c->rdm_boundary, true);
    put_num(w, "layout", -1, "pmem-align", c->pmem_align, true);
    put_num(w, "layout", -1, "pmem-base-min", c->pmem_base_min, true);
    if ( c->superpage_low )
        put_num(w, "layout", -1, "superpage-low", c->superpage_low, true);
    put_num(w, "layout", -1, "device-model", c->device_model, false);
    put_num(w, "layout", -1, "hap", c->hap, false);
    if ( w->st == LR_OK && hole_needed(w, c->mmio_hole_size) )
        put_key_dec(w, LR_XS_MMIO_HOLE, c->mmio_hole_size);
}

static void write_region(struct xs_writer *w, int i,
                         const struct lr_region *g)
{
    put_num(w, LIST_RESERVED, i, "base", g->range.base, true);
    put_num(w, LIST_RESERVED, i, "size", lr_range_size(&g->range), true);
    put_lower(w, LIST_RESERVED, i, "kind", lr_kind_name(g->kind));
    put_str(w, LIST_RESERVED, i, "policy", lr_policy_name(g->policy));
    if ( g->ndevs )
        put_num(w, LIST_RESERVED, i, "devices", g->ndevs, false);
    if ( g->owner[0] )
        put_str(w, LIST_RESERVED, i, "owner", g->owner);
}

static void write_vnvdimm(struct xs_writer *w, int i,
                          const struct lr_vnvdimm *v)
{
    if ( v->gpa == LR_GPA_AUTO )
        put_str(w, LIST_VNVDIMM, i, "gpa", "auto");
    else
        put_num(w, LIST_VNVDIMM, i, "gpa", v->gpa, true);
    put_num(w, LIST_VNVDIMM, i, "size", v->size, true);
    put_num(w, LIST_VNVDIMM, i, "label-size", v->label_size, true);
    put_str(w, LIST_VNVDIMM, i, "label-backend",
            lr_label_backend_name(v->backend));
    put_num(w, LIST_VNVDIMM, i, "handle", v->handle, false);
    put_num(w, LIST_VNVDIMM, i, "serial", v->serial, false);
    put_num(w, LIST_VNVDIMM, i, "host-base", v->host_base, true);
    put_str(w, LIST_VNVDIMM, i, "policy", lr_policy_name(v->policy));
}

enum lr_status lr_xs_write_input(const struct lr_xs_ops *ops,
                                 const struct lr_input *in)
{
    struct xs_writer w;
    unsigned int i;

    if ( !ops || !ops->write || !in || !representable(in) )
        return LR_E_INVAL;
    memset(&w, 0, sizeof(w));
    w.ops = ops;
    w.st = LR_OK;
    if ( ops->rm )
        w.st = ops->rm(ops->ctx, LR_XS_ROOT);

    write_config(&w, &in->cfg);
    for ( i = 0; i < in->nr_regions; i++ )
        write_region(&w, (int)i, &in->regions[i]);
    put_num(&w, LIST_RESERVED, -1, "count", in->nr_regions, false);
    for ( i = 0; i < in->nr_vnvdimms; i++ )
        write_vnvdimm(&w, (int)i, &in->vnvdimms[i]);
    put_num(&w, LIST_VNVDIMM, -1, "count", in->nr_vnvdimms, false);
    put_key_dec(&w, LR_XS_ROOT "/version", LR_XS_VERSION);
    return w.st;
}
