/* SPDX-License-Identifier: MIT */
/*
 * DMAR reader.  Layout of the table: VT-d 4.1 chapter 8 (also ACPICA's
 * actbl1.h, struct acpi_table_dmar and friends).  All reads go through
 * rd8/rd16/rd32/rd64 with an explicit bound check first.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dmar.h"
#include "readfile.h"

#define HDR_LEN         48      /* ACPI header 36 + HAW, flags, 10 reserved */
#define SUB_HDR_LEN     4       /* type u16, length u16 */
#define SCOPE_HDR_LEN   6       /* type, length, flags, rsvd, enum id, bus */
#define MAX_FILE        (16u << 20)

static const char *const code_names[DMAR_D__MAX] = {
    [DMAR_D_TRUNCATED] = "DMAR-TRUNCATED",
    [DMAR_D_BAD_SIGNATURE] = "DMAR-BAD-SIGNATURE",
    [DMAR_D_BAD_LENGTH] = "DMAR-BAD-LENGTH",
    [DMAR_D_BAD_CHECKSUM] = "DMAR-BAD-CHECKSUM",
    [DMAR_D_TRAILING] = "DMAR-TRAILING",
    [DMAR_D_SUB_ZERO_LENGTH] = "DMAR-SUB-ZERO-LENGTH",
    [DMAR_D_SUB_PAST_END] = "DMAR-SUB-PAST-END",
    [DMAR_D_SUB_SHORT] = "DMAR-SUB-SHORT",
    [DMAR_D_UNKNOWN_SUB] = "DMAR-UNKNOWN-SUB",
    [DMAR_D_SCOPE_BAD_LENGTH] = "DMAR-SCOPE-BAD-LENGTH",
    [DMAR_D_UNKNOWN_SCOPE] = "DMAR-UNKNOWN-SCOPE",
    [DMAR_D_ANDD_UNRESOLVED] = "DMAR-ANDD-UNRESOLVED",
    [DMAR_D_RMRR_END_BELOW_BASE] = "DMAR-RMRR-END-BELOW-BASE",
    [DMAR_D_RMRR_FIRMWARE_BUG] = "DMAR-RMRR-FIRMWARE-BUG",
    [DMAR_D_RMRR_UNALIGNED] = "DMAR-RMRR-UNALIGNED",
    [DMAR_D_RMRR_NO_SCOPE] = "DMAR-RMRR-NO-SCOPE",
    [DMAR_D_RMRR_OVERLAP] = "DMAR-RMRR-OVERLAP",
    [DMAR_D_TOO_MANY] = "DMAR-TOO-MANY",
    [DMAR_D_NO_MEMORY] = "DMAR-NO-MEMORY",
    [DMAR_D_IO] = "DMAR-IO",
    [DMAR_D_DIAGS_DROPPED] = "DMAR-DIAGS-DROPPED",
};

static const char *const type_names[DMAR_TYPE__COUNT] = {
    "DRHD", "RMRR", "ATSR", "RHSA", "ANDD", "SATC", "SIDP",
};

/* Fixed part of each structure type, before its device scopes or name. */
static const unsigned int fixed_len[DMAR_TYPE__COUNT] = {
    [DMAR_TYPE_DRHD] = 16,
    [DMAR_TYPE_RMRR] = 24,
    [DMAR_TYPE_ATSR] = 8,
    [DMAR_TYPE_RHSA] = 20,
    [DMAR_TYPE_ANDD] = 8,
    [DMAR_TYPE_SATC] = 8,
    [DMAR_TYPE_SIDP] = 8,
};

const char *dmar_code_name(unsigned int code)
{
    if ( code < DMAR_D__MAX && code_names[code] )
        return code_names[code];
    return "DMAR-UNKNOWN";
}

const char *dmar_severity_name(unsigned int sev)
{
    switch ( sev )
    {
    case DMAR_SEV_NOTE: return "note";
    case DMAR_SEV_WARN: return "warning";
    case DMAR_SEV_ERROR: return "error";
    }
    return "?";
}

const char *dmar_type_name(unsigned int type)
{
    return type < DMAR_TYPE__COUNT ? type_names[type] : "?";
}

static uint8_t rd8(const uint8_t *p, size_t off)
{
    return p[off];
}

static uint16_t rd16(const uint8_t *p, size_t off)
{
    return (uint16_t)(p[off] | (p[off + 1] << 8));
}

static uint32_t rd32(const uint8_t *p, size_t off)
{
    return (uint32_t)rd16(p, off) | ((uint32_t)rd16(p, off + 2) << 16);
}

static uint64_t rd64(const uint8_t *p, size_t off)
{
    return (uint64_t)rd32(p, off) | ((uint64_t)rd32(p, off + 4) << 32);
}

/* Parser state: the table, its walk limit and the output. */
struct ctx {
    const uint8_t *p;
    size_t end;                 /* bytes we may read: min(len, length) */
    struct dmar *d;
    bool oom;
    bool closing;               /* dmar_parse's last notes: past the cap */
};

static void diag(struct ctx *c, enum dmar_code code, enum dmar_severity sev,
                 size_t off, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static void diag(struct ctx *c, enum dmar_code code, enum dmar_severity sev,
                 size_t off, const char *fmt, ...)
{
    struct dmar *d = c->d;
    struct dmar_diag *nd;
    va_list ap;

    if ( sev == DMAR_SEV_ERROR )
        d->errors++;
    else if ( sev == DMAR_SEV_WARN )
        d->warnings++;
    /* A table of pairwise-overlapping RMRRs names n^2 / 2 pairs: keep a
     * bounded number (one realloc each), count the rest. */
    if ( sev != DMAR_SEV_ERROR && d->nr_diags >= DMAR_MAX_DIAGS &&
         !c->closing )
    {
        d->diags_dropped++;
        return;
    }

    if ( d->nr_diags == d->diags_cap )
    {
        unsigned int cap = d->diags_cap ? d->diags_cap * 2 : 16;

        nd = realloc(d->diags, cap * sizeof(*nd));
        if ( !nd )
        {
            c->oom = true;
            return;
        }
        d->diags = nd;
        d->diags_cap = cap;
    }
    nd = &d->diags[d->nr_diags++];
    nd->code = code;
    nd->severity = sev;
    nd->offset = off;
    va_start(ap, fmt);
    vsnprintf(nd->msg, sizeof(nd->msg), fmt, ap);
    va_end(ap);
}

static const char *andd_name(const struct dmar *d, uint8_t number)
{
    unsigned int i;

    for ( i = 0; i < d->nr_andd; i++ )
        if ( d->andd[i].number == number )
            return d->andd[i].name;
    return NULL;
}

/* Give a scope its printable name (ACPI ones need the ANDDs: see
 * resolve_acpi_scopes, run after the whole walk). */
static void name_scope(struct dmar_scope *s, uint16_t seg)
{
    int n = 0;
    unsigned int i;

    s->resolved = false;
    switch ( s->type )
    {
    case DMAR_SCOPE_ENDPOINT:
    case DMAR_SCOPE_BRIDGE:
        if ( s->nr_path == 0 )
        {
            snprintf(s->name, sizeof(s->name), "%04x:%02x:(no path)", seg,
                     s->start_bus);
            return;
        }
        n = snprintf(s->name, sizeof(s->name), "%04x:%02x:%02x.%x", seg,
                     s->start_bus, s->path[0][0], s->path[0][1]);
        for ( i = 1; i < s->nr_path && n > 0 &&
                     (size_t)n < sizeof(s->name); i++ )
            n += snprintf(s->name + n, sizeof(s->name) - n, "/%02x.%x",
                          s->path[i][0], s->path[i][1]);
        /* Beyond one hop the bus number behind a bridge is in config
         * space, not in the table. */
        s->resolved = s->nr_path == 1 && s->path[0][0] < 32 &&
                      s->path[0][1] < 8;
        return;
    case DMAR_SCOPE_IOAPIC:
        snprintf(s->name, sizeof(s->name), "ioapic %u", s->enum_id);
        return;
    case DMAR_SCOPE_HPET:
        snprintf(s->name, sizeof(s->name), "hpet %u", s->enum_id);
        return;
    case DMAR_SCOPE_ACPI:
        snprintf(s->name, sizeof(s->name), "acpi-device %u", s->enum_id);
        return;
    default:
        snprintf(s->name, sizeof(s->name), "scope-type %u", s->type);
        return;
    }
}

/* The device scope of 'len' bytes at off into *s, checked. */
static void read_scope(struct ctx *c, size_t off, uint8_t len, uint16_t seg,
                       const char *what, struct dmar_scope *s)
{
    uint8_t type = rd8(c->p, off);
    unsigned int i;

    memset(s, 0, sizeof(*s));
    s->type = type;
    s->enum_id = rd8(c->p, off + 4);
    s->start_bus = rd8(c->p, off + 5);
    s->nr_path = (len - SCOPE_HDR_LEN) / 2;
    if ( s->nr_path > DMAR_MAX_PATH )
    {
        diag(c, DMAR_D_TOO_MANY, DMAR_SEV_WARN, off,
             "%s: device scope path of %u hops (max %u); cut", what,
             s->nr_path, DMAR_MAX_PATH);
        s->nr_path = DMAR_MAX_PATH;
    }
    for ( i = 0; i < s->nr_path; i++ )
    {
        s->path[i][0] = rd8(c->p, off + SCOPE_HDR_LEN + 2 * i);
        s->path[i][1] = rd8(c->p, off + SCOPE_HDR_LEN + 2 * i + 1);
    }
    if ( type < DMAR_SCOPE_ENDPOINT || type > DMAR_SCOPE_ACPI )
        diag(c, DMAR_D_UNKNOWN_SCOPE, DMAR_SEV_NOTE, off,
             "%s: unknown device scope type %u kept unnamed", what,
             type);
    else if ( (type == DMAR_SCOPE_ENDPOINT ||
               type == DMAR_SCOPE_BRIDGE) && s->nr_path == 0 )
        diag(c, DMAR_D_SCOPE_BAD_LENGTH, DMAR_SEV_WARN, off,
             "%s: PCI device scope with no path", what);
    name_scope(s, seg);
}

/* The length of the scope at off, or 0 (said) when the walk stops. */
static uint8_t scope_len(struct ctx *c, size_t off, size_t end,
                         const char *what, unsigned int count)
{
    uint8_t len;

    if ( end - off < 2 )
    {
        diag(c, DMAR_D_SCOPE_BAD_LENGTH, DMAR_SEV_WARN, off,
             "%s: %zu stray byte(s) where a device scope should start",
             what, end - off);
        return 0;
    }
    len = rd8(c->p, off + 1);
    if ( len < SCOPE_HDR_LEN || (len - SCOPE_HDR_LEN) % 2 ||
         len > end - off )
    {
        diag(c, DMAR_D_SCOPE_BAD_LENGTH, DMAR_SEV_WARN, off,
             "%s: device scope length %u is invalid (needs 6 + 2n and"
             " at most the %zu bytes left); rest of its scopes skipped",
             what, len, end - off);
        return 0;
    }
    if ( count > DMAR_MAX_SCOPES )
    {
        diag(c, DMAR_D_TOO_MANY, DMAR_SEV_WARN, off,
             "%s: more than %u device scopes; the rest skipped", what,
             DMAR_MAX_SCOPES);
        return 0;
    }
    return len;
}

/*
 * Walk the device scopes in [off, end) of a structure.  For RMRRs (out
 * non-NULL) they are kept; for the others they are only checked.
 */
static void walk_scopes(struct ctx *c, size_t off, size_t end, uint16_t seg,
                        const char *what, struct dmar_rmrr *out)
{
    unsigned int count = 0;

    while ( off < end )
    {
        uint8_t len = scope_len(c, off, end, what, ++count);
        struct dmar_scope s, *ns;

        if ( !len )
            return;
        read_scope(c, off, len, seg, what, &s);
        if ( out )
        {
            ns = realloc(out->scopes, (out->nr_scopes + 1) * sizeof(*ns));
            if ( !ns )
            {
                c->oom = true;
                return;
            }
            out->scopes = ns;
            out->scopes[out->nr_scopes++] = s;
        }
        off += len;
    }
}

/* An RMRR's range: unusable when it ends below its base, a firmware bug
 * in page 0, rounded when unaligned; and one that names no device. */
static void check_rmrr(struct ctx *c, struct dmar_rmrr *r, const char *what,
                       size_t off)
{
    if ( r->last < r->base )
    {
        r->usable = false;
        diag(c, DMAR_D_RMRR_END_BELOW_BASE, DMAR_SEV_ERROR, off,
             "%s: end 0x%016llx is below base 0x%016llx: firmware bug,"
             " the RMRR cannot be honoured (Xen rejects it too)", what,
             (unsigned long long)r->last, (unsigned long long)r->base);
    }
    else if ( r->base == 0 || r->last < 0x1000 )
    {
        r->firmware_bug = true;
        diag(c, DMAR_D_RMRR_FIRMWARE_BUG, DMAR_SEV_WARN, off,
             "%s: 0x%016llx-0x%016llx lies in page 0: firmware bug (a real"
             " DMA buffer is never there); it collides with the guest's"
             " real-mode memory", what, (unsigned long long)r->base,
             (unsigned long long)r->last);
    }
    if ( r->usable && ((r->base & 0xfff) || ((r->last + 1) & 0xfff)) )
        diag(c, DMAR_D_RMRR_UNALIGNED, DMAR_SEV_NOTE, off,
             "%s: 0x%016llx-0x%016llx is not 4 KiB aligned (VT-d requires"
             " it); rounded out to whole pages", what,
             (unsigned long long)r->base, (unsigned long long)r->last);
    if ( r->nr_scopes == 0 )
        diag(c, DMAR_D_RMRR_NO_SCOPE, DMAR_SEV_WARN, off,
             "%s: lists no device: it applies to no device and is only"
             " reserved with rdm strategy=host", what);
}

static void parse_rmrr(struct ctx *c, size_t off, size_t len)
{
    struct dmar *d = c->d;
    struct dmar_rmrr r, *nr;
    char what[32];

    memset(&r, 0, sizeof(r));
    r.index = d->nr_rmrr;
    r.offset = off;
    r.segment = rd16(c->p, off + 6);
    r.base = rd64(c->p, off + 8);
    r.last = rd64(c->p, off + 16);
    r.usable = true;
    snprintf(what, sizeof(what), "RMRR %u", r.index);

    if ( d->nr_rmrr >= DMAR_MAX_RMRRS )
    {
        diag(c, DMAR_D_TOO_MANY, DMAR_SEV_ERROR, off,
             "more than %u RMRRs: the table is not plausible; rest skipped",
             DMAR_MAX_RMRRS);
        return;
    }
    walk_scopes(c, off + fixed_len[DMAR_TYPE_RMRR], off + len, r.segment,
                what, &r);
    check_rmrr(c, &r, what, off);
    nr = realloc(d->rmrr, (d->nr_rmrr + 1) * sizeof(*nr));
    if ( !nr )
    {
        free(r.scopes);
        c->oom = true;
        return;
    }
    d->rmrr = nr;
    d->rmrr[d->nr_rmrr++] = r;
}

static void parse_andd(struct ctx *c, size_t off, size_t len)
{
    struct dmar *d = c->d;
    struct dmar_andd a, *na;
    size_t i, n = len - fixed_len[DMAR_TYPE_ANDD];

    memset(&a, 0, sizeof(a));
    a.number = rd8(c->p, off + 7);
    /* Object name: NUL-terminated, but trust only the structure length. */
    for ( i = 0; i < n && i < sizeof(a.name) - 1; i++ )
    {
        uint8_t ch = rd8(c->p, off + 8 + i);

        if ( !ch )
            break;
        a.name[i] = (ch >= 0x20 && ch < 0x7f) ? (char)ch : '?';
    }
    if ( !a.name[0] )
        snprintf(a.name, sizeof(a.name), "acpi-device %u", a.number);

    na = realloc(d->andd, (d->nr_andd + 1) * sizeof(*na));
    if ( !na )
    {
        c->oom = true;
        return;
    }
    d->andd = na;
    d->andd[d->nr_andd++] = a;
}

/* ANDDs may follow the structures whose scopes name them. */
static void resolve_acpi_scopes(struct ctx *c)
{
    struct dmar *d = c->d;
    unsigned int i, j;

    for ( i = 0; i < d->nr_rmrr; i++ )
        for ( j = 0; j < d->rmrr[i].nr_scopes; j++ )
        {
            struct dmar_scope *s = &d->rmrr[i].scopes[j];
            const char *name;

            if ( s->type != DMAR_SCOPE_ACPI )
                continue;
            name = andd_name(d, s->enum_id);
            if ( name )
            {
                snprintf(s->name, sizeof(s->name), "%s", name);
                s->resolved = true;
            }
            else
                diag(c, DMAR_D_ANDD_UNRESOLVED, DMAR_SEV_NOTE,
                     d->rmrr[i].offset,
                     "RMRR %u: ACPI namespace device %u has no ANDD giving"
                     " its name", i, s->enum_id);
        }
}

static void check_overlaps(struct ctx *c)
{
    struct dmar *d = c->d;
    unsigned int i, j;

    for ( i = 0; i < d->nr_rmrr; i++ )
        for ( j = i + 1; j < d->nr_rmrr; j++ )
        {
            const struct dmar_rmrr *a = &d->rmrr[i], *b = &d->rmrr[j];

            if ( !a->usable || !b->usable || a->segment != b->segment )
                continue;
            if ( a->base <= b->last && b->base <= a->last )
                diag(c, DMAR_D_RMRR_OVERLAP, DMAR_SEV_WARN, b->offset,
                     "RMRR %u 0x%016llx-0x%016llx overlaps RMRR %u"
                     " 0x%016llx-0x%016llx", j,
                     (unsigned long long)b->base,
                     (unsigned long long)b->last, i,
                     (unsigned long long)a->base,
                     (unsigned long long)a->last);
        }
}

/* The header of the structure at off: false (said) when the walk
 * cannot go on. */
static bool sub_ok(struct ctx *c, size_t off, uint16_t type, uint16_t len,
                   unsigned int count)
{
    if ( len == 0 )
    {
        diag(c, DMAR_D_SUB_ZERO_LENGTH, DMAR_SEV_ERROR, off,
             "%s structure (type %u) of length 0: the walk cannot go"
             " on", dmar_type_name(type), type);
        return false;
    }
    if ( len > c->end - off )
    {
        diag(c, DMAR_D_SUB_PAST_END, DMAR_SEV_ERROR, off,
             "%s structure (type %u) of length %u runs %zu byte(s)"
             " past the end of the table", dmar_type_name(type), type,
             len, len - (c->end - off));
        return false;
    }
    if ( count > DMAR_MAX_STRUCTS )
    {
        diag(c, DMAR_D_TOO_MANY, DMAR_SEV_ERROR, off,
             "more than %u structures: the table is not plausible",
             DMAR_MAX_STRUCTS);
        return false;
    }
    return true;
}

/* One structure, by its type. */
static void parse_sub(struct ctx *c, size_t off, uint16_t type, uint16_t len)
{
    struct dmar *d = c->d;
    char what[24];

    if ( type >= DMAR_TYPE__COUNT )
    {
        d->nr_unknown++;
        diag(c, DMAR_D_UNKNOWN_SUB, DMAR_SEV_NOTE, off,
             "unknown structure type %u (%u bytes) skipped", type, len);
        return;
    }
    d->nr_by_type[type]++;
    if ( len < fixed_len[type] )
    {
        diag(c, DMAR_D_SUB_SHORT,
             type == DMAR_TYPE_RMRR ? DMAR_SEV_ERROR : DMAR_SEV_WARN,
             off, "%s structure of length %u, shorter than its fixed"
             " %u bytes: skipped", dmar_type_name(type), len,
             fixed_len[type]);
        return;
    }
    snprintf(what, sizeof(what), "%s %u", dmar_type_name(type),
             d->nr_by_type[type] - 1);
    if ( type == DMAR_TYPE_RMRR )
        parse_rmrr(c, off, len);
    else if ( type == DMAR_TYPE_ANDD )
        parse_andd(c, off, len);
    else if ( type != DMAR_TYPE_RHSA )
        /* DRHD, ATSR, SATC, SIDP: segment at 6 */
        walk_scopes(c, off + fixed_len[type], off + len,
                    rd16(c->p, off + 6), what, NULL);
}

static void walk(struct ctx *c)
{
    size_t off = HDR_LEN;
    unsigned int count = 0;

    while ( off < c->end )
    {
        uint16_t type, len;

        if ( c->end - off < SUB_HDR_LEN )
        {
            diag(c, DMAR_D_SUB_PAST_END, DMAR_SEV_ERROR, off,
                 "%zu byte(s) left, too few for a structure header",
                 c->end - off);
            return;
        }
        type = rd16(c->p, off);
        len = rd16(c->p, off + 2);
        if ( !sub_ok(c, off, type, len, ++count) )
            return;
        parse_sub(c, off, type, len);
        if ( c->oom )
            return;
        off += len;
    }
}

/* The signature and the header fields: -1 (said) when no table. */
static int read_header(struct ctx *c, size_t len)
{
    struct dmar *d = c->d;

    if ( len < 4 || memcmp(c->p, "DMAR", 4) )
    {
        if ( len < 4 )
            diag(c, DMAR_D_TRUNCATED, DMAR_SEV_ERROR, 0,
                 "%zu byte(s): not even a signature", len);
        else
            diag(c, DMAR_D_BAD_SIGNATURE, DMAR_SEV_ERROR, 0,
                 "signature is not \"DMAR\": not a DMAR table");
        return -1;
    }
    if ( len < HDR_LEN )
    {
        diag(c, DMAR_D_TRUNCATED, DMAR_SEV_ERROR, 0,
             "%zu byte(s), shorter than the %u-byte DMAR header", len,
             HDR_LEN);
        return -1;
    }
    d->length = rd32(c->p, 4);
    d->revision = rd8(c->p, 8);
    memcpy(d->oem_id, c->p + 10, 6);
    memcpy(d->oem_table_id, c->p + 16, 8);
    d->host_addr_width = rd8(c->p, 36) + 1;
    d->flags = rd8(c->p, 37);
    if ( d->length < HDR_LEN )
    {
        diag(c, DMAR_D_BAD_LENGTH, DMAR_SEV_ERROR, 4,
             "header length %u is below the %u-byte DMAR header", d->length,
             HDR_LEN);
        return -1;
    }
    return 0;
}

/* Where the walk ends (the header's length, or what is there), and the
 * checksum of a whole table. */
static void set_end(struct ctx *c, size_t len)
{
    uint32_t length = c->d->length;
    uint8_t sum = 0;
    size_t i;

    if ( length > len )
    {
        diag(c, DMAR_D_TRUNCATED, DMAR_SEV_ERROR, 4,
             "header says %u bytes but only %zu are there: truncated;"
             " walking what is there", length, len);
        c->end = len;
        return;
    }
    c->end = length;
    if ( length < len )
        diag(c, DMAR_D_TRAILING, DMAR_SEV_NOTE, length,
             "%zu byte(s) after the table's %u bytes ignored",
             len - length, length);
    for ( i = 0; i < length; i++ )
        sum += c->p[i];
    c->d->checksum_ok = sum == 0;
    if ( sum )
        diag(c, DMAR_D_BAD_CHECKSUM, DMAR_SEV_WARN, 9,
             "checksum byte 0x%02x makes the sum 0x%02x, not 0 (Linux"
             " and Xen only warn too)", c->p[9], sum);
}

int dmar_parse(const void *buf, size_t len, struct dmar *d)
{
    struct ctx c = { .p = buf, .d = d };

    memset(d, 0, sizeof(*d));
    if ( read_header(&c, len) == 0 )
    {
        set_end(&c, len);
        walk(&c);
        resolve_acpi_scopes(&c);
        check_overlaps(&c);
    }
    c.closing = true;
    if ( d->diags_dropped )
        diag(&c, DMAR_D_DIAGS_DROPPED, DMAR_SEV_NOTE, 0,
             "%u further diagnostics not kept (at most %u are)",
             d->diags_dropped, DMAR_MAX_DIAGS);
    if ( c.oom )
    {
        /* Room for this one diagnostic may be missing too: count it. */
        d->errors++;
        diag(&c, DMAR_D_NO_MEMORY, DMAR_SEV_NOTE, 0, "out of memory");
    }
    return d->errors ? -1 : 0;
}

int dmar_load(const char *path, struct dmar *d)
{
    struct ctx c = { .d = d };
    char *buf;
    size_t n;
    int rc, err = sim_read_file(path, MAX_FILE, &buf, &n);

    memset(d, 0, sizeof(*d));
    if ( err == EFBIG )
        diag(&c, DMAR_D_TOO_MANY, DMAR_SEV_ERROR, 0,
             "%s: larger than %u MiB: not a DMAR table", path,
             MAX_FILE >> 20);
    else if ( err )
        diag(&c, err == ENOMEM ? DMAR_D_NO_MEMORY : DMAR_D_IO,
             DMAR_SEV_ERROR, 0, "%s: %s", path, strerror(err));
    if ( err )
        return -1;
    rc = dmar_parse(buf, n, d);
    free(buf);
    return rc;
}

void dmar_free(struct dmar *d)
{
    unsigned int i;

    for ( i = 0; i < d->nr_rmrr; i++ )
        free(d->rmrr[i].scopes);
    free(d->rmrr);
    free(d->andd);
    free(d->diags);
    memset(d, 0, sizeof(*d));
}

unsigned int dmar_rmrrs_of_device(const struct dmar *d, uint16_t seg,
                                  uint8_t bus, uint8_t dev, uint8_t fn,
                                  unsigned int *ri, unsigned int cap)
{
    unsigned int i, j, n = 0;

    for ( i = 0; i < d->nr_rmrr; i++ )
    {
        const struct dmar_rmrr *r = &d->rmrr[i];

        if ( !r->usable || r->segment != seg )
            continue;
        for ( j = 0; j < r->nr_scopes; j++ )
        {
            const struct dmar_scope *s = &r->scopes[j];

            if ( (s->type == DMAR_SCOPE_ENDPOINT ||
                  s->type == DMAR_SCOPE_BRIDGE) && s->nr_path == 1 &&
                 s->start_bus == bus && s->path[0][0] == dev &&
                 s->path[0][1] == fn )
            {
                if ( n < cap )
                    ri[n] = i;
                n++;
                break;
            }
        }
    }
    return n;
}

size_t dmar_rmrr_owner(const struct dmar_rmrr *r, char *buf, size_t len)
{
    size_t n;
    unsigned int i;
    int k;

    k = snprintf(buf, len, "RMRR %u of ", r->index);
    n = k > 0 ? (size_t)k : 0;
    if ( r->nr_scopes == 0 )
    {
        k = snprintf(n < len ? buf + n : NULL, n < len ? len - n : 0,
                     "no device");
        return n + (k > 0 ? (size_t)k : 0);
    }
    for ( i = 0; i < r->nr_scopes; i++ )
    {
        k = snprintf(n < len ? buf + n : NULL, n < len ? len - n : 0,
                     "%s%s", i ? ", " : "", r->scopes[i].name);
        n += k > 0 ? (size_t)k : 0;
    }
    return n;
}

int dmar_rmrr_to_region(const struct dmar_rmrr *r, enum lr_policy policy,
                        struct lr_region *reg)
{
    struct lr_range range;
    char owner[LR_OWNER_LEN + 1];
    uint64_t base, last;

    if ( !r->usable )
        return -1;
    base = r->base & ~0xfffULL;
    last = r->last | 0xfffULL;
    /* last >= base holds after rounding, so this cannot fail. */
    if ( lr_range_from_last(base, last, &range) != LR_OK )
        return -1;
    /* One byte more than fits makes lr_region_set mark the cut. */
    dmar_rmrr_owner(r, owner, sizeof(owner));
    lr_region_set(reg, &range, LR_KIND_RMRR, policy, owner);
    reg->src = (uint16_t)r->index;
    reg->ndevs = r->nr_scopes > UINT8_MAX ? UINT8_MAX : r->nr_scopes;
    return 0;
}

unsigned int dmar_to_regions(const struct dmar *d, enum lr_policy policy,
                             struct lr_region *out, unsigned int cap)
{
    unsigned int i, n = 0;

    for ( i = 0; i < d->nr_rmrr; i++ )
    {
        if ( !d->rmrr[i].usable )
            continue;
        if ( n < cap && dmar_rmrr_to_region(&d->rmrr[i], policy,
                                            &out[n]) )
            continue;
        n++;
    }
    return n;
}
