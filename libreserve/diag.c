/* SPDX-License-Identifier: MIT */
#include <libreserve/diag.h>
#include <libreserve/fmt.h>
#include "lr_libc.h"

struct code_info {
    const char *name;
    const char *verb;       /* joins side a and side b */
    const char *bytes;      /* what 'bytes' means, NULL: not shown */
};

static const struct code_info codes[LR_D__MAX] = {
    [LR_D_NONE]           = { "LR-NONE", "", NULL },
    [LR_D_BAD_CONFIG]     = { "LR-BAD-CONFIG", "invalid configuration",
                              NULL },
    [LR_D_BAD_REGION]     = { "LR-BAD-REGION", "is not a valid region",
                              NULL },
    [LR_D_TOO_MANY]       = { "LR-TOO-MANY", "does not fit: too many entries",
                              NULL },
    [LR_D_DUPLICATE]      = { "LR-DUPLICATE", "duplicates", NULL },
    [LR_D_OVERLAP]        = { "LR-OVERLAP", "overlaps", NULL },
    [LR_D_FIRMWARE_BUG]   = { "LR-FIRMWARE-BUG",
                              "is a firmware bug (host firmware reports an "
                              "RMRR at the bottom of memory)", NULL },
    [LR_D_RAM_MOVED]      = { "LR-RAM-MOVED", "lies inside",
                              "of RAM moved up" },
    [LR_D_CONFLICT_RAM]   = { "LR-CONFLICT-RAM", "overlaps",
                              "overlap" },
    [LR_D_CONFLICT_FIXED] = { "LR-CONFLICT-FIXED",
                              "overlaps fixed platform range", NULL },
    [LR_D_SHARED_RMRR]    = { "LR-SHARED-RMRR",
                              "is shared by several devices: assign them to "
                              "the same guest", NULL },
    [LR_D_HVMLOADER_BUG]  = { "LR-HVMLOADER-BUG",
                              "lies in hvmloader's allocation area, where "
                              "stock hvmloader stops the guest with BUG():",
                              NULL },
    [LR_D_LOWMEM_LOWERED] = { "LR-LOWMEM-LOWERED",
                              "is above rdm_mem_boundary and below the end "
                              "of lowmem; lowmem now ends below it",
                              "of RAM moved above 4 GiB" },
    [LR_D_PACK_EMPTIED]   = { "LR-PACK-EMPTIED", "breaks the RAM GiB",
                              "of RAM moved up" },
    [LR_D_PMEM_ALIGN]     = { "LR-PMEM-ALIGN", "is misaligned", NULL },
    [LR_D_PMEM_OVERLAP]   = { "LR-PMEM-OVERLAP", "overlaps", NULL },
    [LR_D_PMEM_IN_RAM]    = { "LR-PMEM-IN-RAM", "lies inside",
                              "of RAM moved up" },
    [LR_D_PMEM_IN_HOLE]   = { "LR-PMEM-IN-HOLE",
                              "lies in the 32-bit MMIO hole, where PCI BARs "
                              "go", NULL },
    [LR_D_PMEM_PLACED]    = { "LR-PMEM-PLACED", "placed by the engine",
                              NULL },
    [LR_D_PMEM_NOFIT]     = { "LR-PMEM-NOFIT", "does not fit anywhere",
                              NULL },
    [LR_D_LABEL_SIZE]     = { "LR-LABEL-SIZE", "has an unusable label area",
                              NULL },
    [LR_D_DSM_NOFIT]      = { "LR-DSM-NOFIT",
                              "has no room for its _DSM mailbox page", NULL },
    [LR_D_XS_MALFORMED]   = { "LR-XS-MALFORMED", "malformed xenstore value",
                              NULL },
    [LR_D_XS_MISSING]     = { "LR-XS-MISSING", "missing xenstore key", NULL },
    [LR_D_XS_COUNT]       = { "LR-XS-COUNT", "bad xenstore count", NULL },
    [LR_D_XS_IO]          = { "LR-XS-IO", "xenstore access failed", NULL },
    [LR_D_E820_BUDGET]    = { "LR-E820-BUDGET",
                              "e820 map exceeds the consumer's budget",
                              NULL },
    [LR_D_BAR_BAD]        = { "LR-BAR-BAD", "is not a placeable BAR", NULL },
    [LR_D_BAR_HIGH]       = { "LR-BAR-HIGH",
                              "cannot take every BAR: the 64-bit ones go "
                              "above 4 GiB", "of BARs asked for" },
    [LR_D_BAR_NOFIT]      = { "LR-BAR-NOFIT", "a BAR finds no room in",
                              "short" },
};

void lr_diags_init(struct lr_diags *ds, struct lr_diag *storage,
                   unsigned int cap)
{
    ds->d = storage;
    ds->nr = 0;
    ds->cap = cap;
    ds->lost = 0;
    ds->errors = 0;
    ds->warnings = 0;
}

struct lr_diag *lr_diag_add(struct lr_diags *ds, enum lr_diag_code code,
                            enum lr_severity sev, enum lr_action act)
{
    struct lr_diag *d;

    if ( sev == LR_SEV_ERROR )
        ds->errors++;
    else if ( sev == LR_SEV_WARN )
        ds->warnings++;
    if ( ds->nr == ds->cap )
    {
        ds->lost++;
        return NULL;
    }
    d = &ds->d[ds->nr++];
    memset(d, 0, sizeof(*d));
    d->code = code;
    d->severity = sev;
    d->action = act;
    return d;
}

void lr_diag_side_region(struct lr_diag_side *s, const struct lr_region *r)
{
    s->valid = 1;
    s->range = r->range;
    s->kind = r->kind;
    s->policy = r->policy;
    memcpy(s->owner, r->owner, LR_OWNER_LEN);
    s->owner[LR_OWNER_LEN - 1] = '\0';
}

void lr_diag_side_range(struct lr_diag_side *s, const struct lr_range *r,
                        enum lr_kind kind, const char *owner)
{
    s->valid = 1;
    s->range = *r;
    s->kind = kind;
    s->policy = 0xff;
    lr_strlcpy(s->owner, owner ? owner : "", LR_OWNER_LEN);
}

const char *lr_diag_code_name(unsigned int code)
{
    if ( code >= LR_D__MAX || !codes[code].name )
        return "LR-UNKNOWN";
    return codes[code].name;
}

const char *lr_severity_name(unsigned int sev)
{
    switch ( sev )
    {
    case LR_SEV_INFO:
        return "info";
    case LR_SEV_WARN:
        return "warning";
    case LR_SEV_ERROR:
        return "error";
    }
    return "?";
}

const char *lr_action_name(unsigned int act)
{
    static const char *const names[] = {
        [LR_ACT_NONE]      = "no action",
        [LR_ACT_MOVED_RAM] = "moved RAM",
        [LR_ACT_DROPPED]   = "dropped the reservation",
        [LR_ACT_FAILED]    = "failed",
        [LR_ACT_MERGED]    = "merged",
        [LR_ACT_PLACED]    = "placed",
        [LR_ACT_IGNORED]   = "ignored",
        [LR_ACT_KEPT]      = "kept",
        [LR_ACT_UNPLACED]  = "not placed: the device cannot use it",
    };

    return act < LR_ARRAY_SIZE(names) ? names[act] : "?";
}

static void put_side(struct lr_buf *b, const struct lr_diag_side *s)
{
    lr_buf_str(b, lr_kind_name(s->kind));
    lr_buf_char(b, ' ');
    lr_buf_range(b, &s->range);
    if ( s->owner[0] || s->policy <= LR_POLICY_RELAXED )
    {
        lr_buf_str(b, " (");
        lr_buf_str(b, s->owner);
        if ( s->policy <= LR_POLICY_RELAXED )
        {
            if ( s->owner[0] )
                lr_buf_str(b, ", ");
            lr_buf_str(b, lr_policy_name(s->policy));
        }
        lr_buf_char(b, ')');
    }
}

static void put_mib(struct lr_buf *b, uint64_t bytes)
{
    lr_buf_dec(b, bytes >> 20);
    lr_buf_str(b, " MiB");
}

/* "; avoid with memory <= N MiB or ..." for the alternatives d has. */
static void put_alternatives(struct lr_buf *b, const struct lr_diag *d)
{
    bool alt = false;

    if ( d->alt_mem )
    {
        lr_buf_str(b, "; avoid with memory <= ");
        put_mib(b, d->alt_mem);
        alt = true;
    }
    if ( d->alt_boundary )
    {
        lr_buf_str(b, alt ? " or " : "; avoid with ");
        lr_buf_str(b, "rdm_mem_boundary <= ");
        put_mib(b, d->alt_boundary);
        alt = true;
    }
    if ( d->alt_hole )
    {
        lr_buf_str(b, alt ? " or " : "; avoid with ");
        lr_buf_str(b, "mmio_hole >= ");
        put_mib(b, d->alt_hole);
    }
}

size_t lr_diag_format(const struct lr_diag *d, char *buf, size_t len)
{
    struct lr_buf b;
    const struct code_info *ci;
    static const struct code_info unknown = { "LR-UNKNOWN", "", NULL };

    ci = d->code < LR_D__MAX && codes[d->code].name ? &codes[d->code]
                                                    : &unknown;
    lr_buf_init(&b, buf, len);
    lr_buf_str(&b, lr_severity_name(d->severity));
    lr_buf_char(&b, ' ');
    lr_buf_str(&b, ci->name);
    lr_buf_str(&b, ": ");
    if ( d->a.valid )
    {
        put_side(&b, &d->a);
        lr_buf_char(&b, ' ');
    }
    lr_buf_str(&b, ci->verb);
    if ( d->b.valid )
    {
        lr_buf_char(&b, ' ');
        put_side(&b, &d->b);
    }
    if ( d->detail[0] )
    {
        lr_buf_str(&b, " [");
        lr_buf_str(&b, d->detail);
        lr_buf_char(&b, ']');
    }
    lr_buf_str(&b, ": ");
    lr_buf_str(&b, lr_action_name(d->action));
    if ( ci->bytes && d->bytes )
    {
        lr_buf_str(&b, ", ");
        lr_buf_size(&b, d->bytes);
        lr_buf_char(&b, ' ');
        lr_buf_str(&b, ci->bytes);
    }
    put_alternatives(&b, d);
    return b.pos;
}
