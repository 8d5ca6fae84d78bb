/* SPDX-License-Identifier: MIT */
/*
 * xen-layout: the admin simulator.  Reads an xl.cfg and host facts (DMAR,
 * /proc/iomem, ndctl list), runs the libreserve engine and prints the
 * guest layout, with every conflict named.  Data on stdout, messages on
 * stderr.  Exit status: 0 fine, 1 warnings under --werror, 2 errors.
 * docs/xen-layout.md is the manual.
 */
#include <dirent.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <json-c/json.h>
#include <xenstore.h>
#include <libreserve/e820.h>
#include <libreserve/fmt.h>
#include <libreserve/layout.h>
#include <libreserve/xs.h>
#include <acpi/nfit.h>
#include <acpi/nvdimm_ssdt.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dmar.h"
#include "iomem.h"
#include "ndctl.h"
#include "render_svg.h"
#include "pcidev.h"
#include "simdiag.h"
#include "xlcfg.h"
#include "xsdump.h"

#define MIB             (1ULL << 20)
#define GIB             (1ULL << 30)
#define E820_CAP        (LR_MAX_RAM + LR_MAX_RESERVED + 16)

enum fmt {
    FMT_TABLE, FMT_JSON, FMT_SVG, FMT_E820, FMT_MEMMAP, FMT_XENSTORE,
    FMT_XL, FMT_AML, FMT_ASL, FMT_BARS,
};

static const char *const fmt_names[] = {
    [FMT_TABLE] = "table", [FMT_JSON] = "json", [FMT_SVG] = "svg",
    [FMT_E820] = "e820", [FMT_MEMMAP] = "memmap",
    [FMT_XENSTORE] = "xenstore", [FMT_XL] = "xl", [FMT_AML] = "aml",
    [FMT_ASL] = "asl", [FMT_BARS] = "bars",
};

/* Options, as bits of struct opts.given: which command takes which. */
enum opt {
    OPT_CONFIG, OPT_DMAR, OPT_IOMEM, OPT_NDCTL, OPT_STRATEGY, OPT_FORMAT,
    OPT_DOMID, OPT_SIZES, OPT_XSDUMP, OPT_OUT, OPT_WERROR, OPT_DEVICE,
    OPT_BARS, OPT_NR,
};

static const char *const opt_names[OPT_NR] = {
    [OPT_CONFIG] = "config", [OPT_DMAR] = "dmar", [OPT_IOMEM] = "iomem",
    [OPT_NDCTL] = "ndctl", [OPT_STRATEGY] = "strategy",
    [OPT_FORMAT] = "format", [OPT_DOMID] = "domid", [OPT_SIZES] = "sizes",
    [OPT_XSDUMP] = "xenstore-dump", [OPT_OUT] = "out",
    [OPT_WERROR] = "werror", [OPT_DEVICE] = "device", [OPT_BARS] = "bars",
};

#define OPT(x)          (1u << OPT_##x)

struct opts {
    unsigned int given;         /* OPT() bits of the options given */
    const char *config;
    const char *dmar;
    const char *iomem;
    const char *ndctl;
    enum lr_strategy strategy;
    enum fmt fmt;
    bool werror;
    bool quiet;
    int domid;                  /* -1: "$DOMID" in xenstore output */
    const char *sizes;          /* fleet */
    const char *xsdump;         /* --xenstore-dump: input from xenstore */
    const char *out;            /* --out DIR: aml as nfit.aml, ssdt.aml */
    bool strategy_given;
    bool live;                  /* --domid without --config: live store */
    bool cmd_compare;
    struct pcidev_list devs;    /* --device, --bars */
};

/* Everything one run knows. */
struct run {
    struct opts o;
    struct xlcfg cfg;
    bool have_dmar, have_iomem, have_ndctl;
    struct dmar dmar;
    struct iomem iomem;
    struct ndctl_list *ndctl;
    struct sim_diags ds;        /* readers and the simulator */
    struct lr_input in;
    struct lr_layout lay;
    bool laid;                  /* lay is valid */
    /* xen-compat only: the RMRRs the config asks for that stock xl leaves
     * unreserved because it ignored rdm= (xlcfg_stock_unreserved) */
    struct lr_region unres[DMAR_MAX_RMRRS];
    unsigned int nr_unres;
    /* --device/--bars: the BARs as hvmloader's pci_setup() places them */
    bool hole_fixed;            /* platform/mmio_hole_size: no growing */
    bool bars_done;
    enum lr_status bar_status;
    struct lr_bar bars[LR_MAX_BARS];
    unsigned int nr_bars;
    struct lr_bar_result bar_res;
};

static const char *prog = "xen-layout";

/* ------------------------------------------------------------------------ */
/* small helpers                                                            */

/* Exact when short ("640 KiB", "248 MiB"), else two decimals of the
 * largest unit ("3839.25 MiB" would be "3.75 GiB"). */
static void size_text(char *buf, size_t len, uint64_t bytes)
{
    static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    struct lr_buf b;
    unsigned int u = 0;
    double v = (double)bytes;

    lr_buf_init(&b, buf, len);
    lr_buf_size(&b, bytes);
    if ( strlen(buf) <= 8 )
        return;
    while ( v >= 1024.0 && u < 4 )
    {
        v /= 1024.0;
        u++;
    }
    snprintf(buf, len, "%.2f %s", v, unit[u]);
}

static void hex(char *buf, size_t len, uint64_t v)
{
    snprintf(buf, len, "0x%016llx", (unsigned long long)v);
}

static json_object *jhex(uint64_t v)
{
    char b[24];

    hex(b, sizeof(b), v);
    return json_object_new_string(b);
}

static json_object *jrange(const struct lr_range *r)
{
    json_object *o = json_object_new_object();

    json_object_object_add(o, "base", jhex(r->base));
    json_object_object_add(o, "last", jhex(r->last));
    json_object_object_add(o, "size",
                           json_object_new_uint64(lr_range_size(r)));
    return o;
}

/* Severity of every diagnostic of a run, in one scale. */
static unsigned int lr_sev_to_sim(unsigned int s)
{
    return s == LR_SEV_ERROR ? SIM_ERROR : s == LR_SEV_WARN ? SIM_WARN :
           SIM_NOTE;
}

static unsigned int dmar_sev_to_sim(unsigned int s)
{
    return s == DMAR_SEV_ERROR ? SIM_ERROR : s == DMAR_SEV_WARN ? SIM_WARN :
           SIM_NOTE;
}

/* ------------------------------------------------------------------------ */
/* host-fact checks of vNVDIMM backends                                     */

static void check_backends(struct run *r)
{
    unsigned int i;

    for ( i = 0; i < r->cfg.nr_vnvdimms; i++ )
    {
        const struct xlcfg_vnvdimm *v = &r->cfg.vnv[i];
        uint64_t base = v->backend << 12;
        uint64_t last = base + ((v->nr_pages + (v->label == LR_LABEL_INBAND ?
                                 v->nr_label_pages : 0)) << 12) - 1;
        char where[32];

        snprintf(where, sizeof(where), "vnvdimms[%u]", i);
        if ( r->have_iomem )
        {
            int p = iomem_find_containing(&r->iomem, base, last,
                                          "Persistent Memory");
            int e = iomem_find_containing(&r->iomem, base, last, NULL);

            if ( p < 0 )
                sim_diag(&r->ds, "SIM-BACKEND-NOT-PMEM", SIM_ERROR, where,
                         "host 0x%016llx-0x%016llx is not inside persistent"
                         " memory in /proc/iomem%s%s%s",
                         (unsigned long long)base, (unsigned long long)last,
                         e >= 0 ? " (it is in '" : "",
                         e >= 0 ? r->iomem.e[e].name : "",
                         e >= 0 ? "')" : "");
            else if ( e >= 0 && e != p )
                sim_diag(&r->ds, "SIM-BACKEND-DOM0-BOUND", SIM_ERROR, where,
                         "host 0x%016llx-0x%016llx is claimed by '%s' in"
                         " dom0 (/proc/iomem): dom0 and the guest would map"
                         " the same frames; Xen does not stop it.  Disable"
                         " that namespace in dom0 (ndctl"
                         " disable-namespace) first",
                         (unsigned long long)base, (unsigned long long)last,
                         r->iomem.e[e].name);
        }
        if ( r->have_ndctl )
        {
            int n = ndctl_find(r->ndctl, base, last);

            if ( n < 0 )
                sim_diag(&r->ds, "SIM-BACKEND-NO-NAMESPACE", SIM_NOTE,
                         where, "host 0x%016llx-0x%016llx is in no"
                         " namespace of ndctl list",
                         (unsigned long long)base, (unsigned long long)last);
            else if ( !r->ndctl->ns[n].blockdev[0] &&
                      !r->ndctl->ns[n].chardev[0] )
                sim_diag(&r->ds, "SIM-BACKEND-FREE", SIM_NOTE, where,
                         "host 0x%016llx-0x%016llx is %s, reserved with no"
                         " driver bound in dom0: free for the guest",
                         (unsigned long long)base, (unsigned long long)last,
                         r->ndctl->ns[n].dev);
            else if ( r->ndctl->ns[n].blockdev[0] ||
                      r->ndctl->ns[n].chardev[0] )
                sim_diag(&r->ds, "SIM-BACKEND-DOM0-BOUND", SIM_ERROR, where,
                         "host 0x%016llx-0x%016llx is %s (%s, mode %s),"
                         " bound by a driver in dom0: dom0 and the guest"
                         " would map the same frames and Xen does not stop"
                         " it.  Run ndctl disable-namespace %s first",
                         (unsigned long long)base, (unsigned long long)last,
                         r->ndctl->ns[n].dev,
                         r->ndctl->ns[n].blockdev[0] ?
                         r->ndctl->ns[n].blockdev : r->ndctl->ns[n].chardev,
                         r->ndctl->ns[n].mode[0] ? r->ndctl->ns[n].mode :
                         "?", r->ndctl->ns[n].dev);
        }
    }
}

/* ------------------------------------------------------------------------ */
/* loading                                                                  */

static int load_inputs(struct run *r)
{
    sim_diags_init(&r->ds);
    /* Errors land in ds; reading goes on so that all are reported. */
    xlcfg_load(r->o.config, &r->cfg, &r->ds);
    if ( r->o.dmar )
    {
        unsigned int i;

        dmar_load(r->o.dmar, &r->dmar);
        r->have_dmar = true;
        for ( i = 0; i < r->dmar.nr_diags; i++ )
        {
            const struct dmar_diag *d = &r->dmar.diags[i];
            char where[64];

            snprintf(where, sizeof(where), "DMAR+0x%zx", d->offset);
            sim_diag(&r->ds, dmar_code_name(d->code),
                     dmar_sev_to_sim(d->severity), where, "%s", d->msg);
        }
    }
    if ( r->o.iomem )
        r->have_iomem = iomem_load(r->o.iomem, &r->iomem, &r->ds) == 0;
    if ( r->o.ndctl )
    {
        r->ndctl = calloc(1, sizeof(*r->ndctl));
        if ( !r->ndctl )
        {
            sim_diag(&r->ds, "SIM-NO-MEMORY", SIM_ERROR, NULL,
                     "out of memory");
            return -1;
        }
        r->have_ndctl = ndctl_load(r->o.ndctl, r->ndctl, &r->ds) == 0;
    }
    check_backends(r);
    /* The patched xl's rdm_layout= is the default strategy. */
    if ( !r->o.strategy_given && r->cfg.rdm_layout >= 0 )
        r->o.strategy = (enum lr_strategy)r->cfg.rdm_layout;
    return r->ds.errors ? -1 : 0;
}

/* The live store (libxenstore: XENSTORED_PATH or the local daemon). */
struct live {
    struct xs_handle *h;
    char prefix[40];
};

static enum lr_status live_read(void *ctx, const char *path, char *buf,
                                size_t len)
{
    struct live *l = ctx;
    char full[LR_XS_PATH_MAX + 40];
    unsigned int n = 0;
    char *v;

    snprintf(full, sizeof(full), "%s%s", l->prefix, path);
    v = xs_read(l->h, XBT_NULL, full, &n);
    if ( !v )
        return errno == ENOENT ? LR_E_NOTFOUND : LR_E_IO;
    if ( !n )
    {
        free(v);
        return LR_E_NOTFOUND;
    }
    snprintf(buf, len, "%s", v);
    free(v);
    return n >= len ? LR_E_NOSPACE : LR_OK;
}

/* Run the engine on r->in.  A failed layout is rendered too: its status
 * and diagnostics are in r->lay. */
static void build(struct run *r)
{
    if ( lr_layout_build(&r->in, &r->lay) != LR_OK )
    {
        /* reported through r->lay.status and r->lay.diags */
    }
    r->laid = true;
}

/* The input from a `xenstore-ls -f` dump, read by the schema reader
 * hvmloader uses: what a running (or created) guest was given. */
static int load_xsdump(struct run *r)
{
    static char what[600];
    struct xsdump x;
    struct live live = { NULL, "" };
    struct lr_xs_ops ops;
    struct lr_diag store[LR_MAX_DIAGS];
    struct lr_diags ld;
    enum lr_status st;
    unsigned int i;
    char line[1024];

    sim_diags_init(&r->ds);
    memset(&x, 0, sizeof(x));
    if ( r->o.xsdump )
    {
        if ( xsdump_load(r->o.xsdump, &x, &r->ds) ||
             xsdump_select(&x, r->o.domid, &r->ds) )
        {
            xsdump_free(&x);
            return -1;
        }
        xsdump_ops(&x, &ops);
    }
    else
    {
        live.h = xs_open(XS_OPEN_READONLY);
        if ( !live.h )
        {
            sim_diag(&r->ds, "SIM-XENSTORE-OPEN", SIM_ERROR, NULL, "cannot"
                     " reach xenstored (%s): run in dom0 as root, or give a"
                     " dump with --xenstore-dump", strerror(errno));
            return -1;
        }
        snprintf(live.prefix, sizeof(live.prefix), "/local/domain/%d/",
                 r->o.domid);
        x.domid = r->o.domid;
        memset(&ops, 0, sizeof(ops));
        ops.ctx = &live;
        ops.read = live_read;
    }
    lr_diags_init(&ld, store, LR_MAX_DIAGS);
    lr_input_init(&r->in);
    st = lr_xs_read_input(&ops, &r->in, &ld);
    /* hvmloader grows the hole for BARs only without this key */
    r->hole_fixed = ops.read(ops.ctx, LR_XS_MMIO_HOLE, line,
                             sizeof(line)) != LR_E_NOTFOUND;
    for ( i = 0; i < ld.nr; i++ )
    {
        lr_diag_format(&ld.d[i], line, sizeof(line));
        sim_diag(&r->ds, lr_diag_code_name(ld.d[i].code),
                 lr_sev_to_sim(ld.d[i].severity), "xenstore", "%s", line);
    }
    if ( st != LR_OK )
        sim_diag(&r->ds, "XSDUMP-SCHEMA", SIM_ERROR, r->o.xsdump, "the"
                 " libreserve schema of domain %d cannot be laid out: %s",
                 x.domid, lr_status_str(st));
    snprintf(what, sizeof(what), "%s (xenstore, domain %d)",
             r->o.xsdump ? r->o.xsdump : "live", x.domid);
    xsdump_free(&x);
    if ( live.h )
        xs_close(live.h);
    r->o.config = what;
    /* For the header and the JSON config: what the schema says. */
    r->cfg.memory_mib = r->cfg.maxmem_mib = r->in.cfg.mem_size >> 20;
    r->cfg.video_mib = 0;
    snprintf(r->cfg.vga, sizeof(r->cfg.vga), "n/a");
    if ( r->o.strategy_given )
        r->in.cfg.strategy = r->o.strategy;
    return st == LR_OK ? 0 : -1;
}

/* Bytes of guest RAM of layout l over range g. */
static uint64_t ram_over(const struct lr_layout *l, const struct lr_range *g)
{
    uint64_t n = 0;
    unsigned int i;

    for ( i = 0; i < l->nr_ram; i++ )
    {
        struct lr_range x;

        if ( lr_range_intersect(&l->ram[i], g, &x) )
            n += lr_range_size(&x);
    }
    return n;
}

/*
 * One warning per RMRR stock xl leaves unreserved: it is neither reserved
 * nor dropped in the layout (stock never asked for it), so without this
 * the outcome would read as "nothing to drop".
 */
static void report_unreserved(struct run *r)
{
    unsigned int i;

    for ( i = 0; i < r->nr_unres; i++ )
    {
        const struct lr_region *g = &r->unres[i];
        uint64_t over = r->laid ? ram_over(&r->lay, &g->range) : 0;
        char sz[32];

        size_text(sz, sizeof(sz), over);
        sim_diag(&r->ds, "XL-RDM-STOCK-UNRESERVED", SIM_WARN, "rdm",
                 "%s 0x%016llx-0x%016llx is not reserved by stock Xen: xl"
                 " ignored rdm=\"%s\", so the host's RMRRs are never asked"
                 " for%s%s%s", g->owner,
                 (unsigned long long)g->range.base,
                 (unsigned long long)g->range.last, r->cfg.rdm_text,
                 over ? "; guest RAM covers " : "; no guest RAM is there,"
                 " but nothing keeps it free", over ? sz : "",
                 over ? " of it (the device DMAs into guest memory)" : "");
    }
}

/* Build the input and lay it out with one strategy. */
static void lay_out(struct run *r, enum lr_strategy s)
{
    struct sim_diags scratch;

    r->laid = false;
    r->nr_unres = 0;
    sim_diags_init(&scratch);
    if ( xlcfg_to_input(&r->cfg, r->have_dmar ? &r->dmar : NULL, s, &r->in,
                        &scratch) )
    {
        sim_diags_append(&r->ds, &scratch);
        sim_diags_free(&scratch);
        return;
    }
    sim_diags_append(&r->ds, &scratch);
    sim_diags_free(&scratch);
    build(r);
    r->nr_unres = 0;
    if ( s == LR_STRATEGY_XEN_COMPAT && r->have_dmar )
    {
        r->nr_unres = xlcfg_stock_unreserved(&r->cfg, &r->dmar, r->unres,
                                             DMAR_MAX_RMRRS);
        report_unreserved(r);
    }
}

static void free_run(struct run *r)
{
    dmar_free(&r->dmar);
    iomem_free(&r->iomem);
    free(r->ndctl);
    sim_diags_free(&r->ds);
}

/* ------------------------------------------------------------------------ */
/* diagnostics and exit status                                              */

static void print_diags(const struct run *r, FILE *f)
{
    unsigned int i;
    char line[1024];

    sim_diags_print(&r->ds, f);
    if ( !r->laid )
        return;
    for ( i = 0; i < r->lay.diags.nr; i++ )
    {
        lr_diag_format(&r->lay.diags.d[i], line, sizeof(line));
        fprintf(f, "%s\n", line);
    }
    if ( r->lay.diags.lost )
        fprintf(f, "error SIM-LOST: %u engine diagnostic(s) lost\n",
                r->lay.diags.lost);
}

static int exit_status(const struct run *r)
{
    unsigned int errors = r->ds.errors, warnings = r->ds.warnings;

    if ( r->laid )
    {
        errors += r->lay.diags.errors;
        warnings += r->lay.diags.warnings;
        if ( r->lay.status != LR_OK )
            errors++;
    }
    else
        errors++;
    if ( errors )
        return 2;
    return warnings && r->o.werror ? 1 : 0;
}

/* ------------------------------------------------------------------------ */
/* the guest map, merged and sorted (table, svg)                            */

struct row {
    struct lr_range range;
    const char *type;           /* RAM or a kind name */
    const char *policy;
    const char *owner;
};

static int row_cmp(const void *a, const void *b)
{
    const struct row *x = a, *y = b;

    return x->range.base < y->range.base ? -1 :
           x->range.base > y->range.base ? 1 : 0;
}

static unsigned int map_rows(const struct lr_layout *l, struct row *rows)
{
    unsigned int i, n = 0;

    for ( i = 0; i < l->nr_ram; i++ )
    {
        rows[n].range = l->ram[i];
        rows[n].type = "RAM";
        rows[n].policy = "";
        rows[n].owner = l->ram[i].base < LR_4G ? "guest RAM (lowmem)" :
                        "guest RAM (highmem)";
        n++;
    }
    for ( i = 0; i < l->nr_reserved; i++ )
    {
        rows[n].range = l->reserved[i].range;
        rows[n].type = lr_kind_name(l->reserved[i].kind);
        rows[n].policy = lr_policy_name(l->reserved[i].policy);
        rows[n].owner = l->reserved[i].owner;
        n++;
    }
    qsort(rows, n, sizeof(*rows), row_cmp);
    return n;
}

/* ------------------------------------------------------------------------ */
/* table                                                                    */

static const char *rdm_text(const struct xlcfg *c)
{
    static char buf[64];

    snprintf(buf, sizeof(buf), "strategy=%s,policy=%s",
             c->rdm_strategy == XLCFG_RDM_HOST ? "host" : "ignore",
             lr_policy_name(c->rdm_policy));
    return buf;
}

static void print_header(const struct run *r, FILE *f)
{
    const struct xlcfg *c = &r->cfg;
    char a[32], b[32];

    size_text(a, sizeof(a), xlcfg_layout_bytes(c));
    size_text(b, sizeof(b), c->video_mib * MIB);
    fprintf(f, "guest     %s: memory %llu MiB", r->o.config,
            (unsigned long long)c->memory_mib);
    if ( c->maxmem_mib != c->memory_mib )
        fprintf(f, ", maxmem %llu MiB", (unsigned long long)c->maxmem_mib);
    fprintf(f, " -> %s laid out (%s video RAM, vga %s)\n", a, b, c->vga);
    size_text(a, sizeof(a), r->in.cfg.mmio_hole_size);
    size_text(b, sizeof(b), r->in.cfg.rdm_boundary);
    if ( r->o.xsdump || r->o.live )
    {
        fprintf(f, "policy    strategy %s, mmio_hole %s, rdm_mem_boundary"
                " %s; %u reservation(s), %u vNVDIMM(s) in the schema\n",
                lr_strategy_name(r->in.cfg.strategy), a, b,
                r->in.nr_regions, r->in.nr_vnvdimms);
        return;
    }
    fprintf(f, "policy    %s%s%smmio_hole %s, rdm %s, rdm_mem_boundary"
            " %s\n", r->o.cmd_compare ? "" : "strategy ",
            r->o.cmd_compare ? "" : lr_strategy_name(r->in.cfg.strategy),
            r->o.cmd_compare ? "" : ", ", a, rdm_text(c), b);
    if ( r->have_dmar )
    {
        fprintf(f, "host      DMAR %s: %u RMRR(s), %u reserved for this"
                " guest", r->o.dmar, r->dmar.nr_rmrr, r->in.nr_regions);
        if ( r->nr_unres )
            fprintf(f, ", %u left unreserved by stock xl (it ignores"
                    " rdm=\"%s\")", r->nr_unres, c->rdm_text);
        fputc('\n', f);
    }
}

static void print_stats_table(const struct lr_layout *l,
                              unsigned int unreserved, FILE *f)
{
    const struct lr_stats *s = &l->stats;
    char a[32], b[32], c[32], d[32];

    size_text(a, sizeof(a), s->ram_total);
    size_text(b, sizeof(b), s->ram_below_4g);
    size_text(c, sizeof(c), s->ram_above_4g);
    size_text(d, sizeof(d), s->displaced);
    fprintf(f, "\nRAM %s: %s below 4 GiB, %s above (%s displaced by"
            " %s)\n", a, b, c, d,
            l->cfg.strategy == LR_STRATEGY_PUNCH ||
            l->cfg.strategy == LR_STRATEGY_XEN_COMPAT ? "reservations" :
            "reservations and for 1 GiB extents");
    fprintf(f, "dropped %u, ", s->dropped);
    if ( unreserved )
        fprintf(f, "unreserved by stock xl %u, ", unreserved);
    fprintf(f, "strict conflicts %u; mappings: %u x 1 GiB, %u x 2 MiB, %u x"
            " 4 KiB\n", s->conflicts, s->map_1g, s->map_2m, s->map_4k);
}

static void print_region_rows(const struct lr_region *g, unsigned int n,
                              FILE *f)
{
    unsigned int i;
    char s[32], b[24], e[24];

    for ( i = 0; i < n; i++ )
    {
        size_text(s, sizeof(s), lr_range_size(&g[i].range));
        hex(b, sizeof(b), g[i].range.base);
        hex(e, sizeof(e), g[i].range.last);
        fprintf(f, "%s %s %10s  %-8s %-7s %s\n", b, e, s,
                lr_kind_name(g[i].kind), lr_policy_name(g[i].policy),
                g[i].owner);
    }
}

static void render_table(const struct run *r, FILE *f)
{
    const struct lr_layout *l = &r->lay;
    struct row rows[LR_MAX_RAM + LR_MAX_RESERVED];
    unsigned int i, n = map_rows(l, rows);
    char s[32], b[24], e[24];

    print_header(r, f);
    fprintf(f, "status    %s\n\n", lr_status_name(l->status));
    fprintf(f, "%-18s %-18s %10s  %-8s %-7s %s\n", "START", "LAST", "SIZE",
            "TYPE", "POLICY", "OWNER");
    for ( i = 0; i < n; i++ )
    {
        size_text(s, sizeof(s), lr_range_size(&rows[i].range));
        hex(b, sizeof(b), rows[i].range.base);
        hex(e, sizeof(e), rows[i].range.last);
        fprintf(f, "%s %s %10s  %-8s %-7s %s\n", b, e, s, rows[i].type,
                rows[i].policy, rows[i].owner);
    }
    if ( l->nr_dropped )
    {
        fprintf(f, "\nnot reserved (dropped):\n");
        print_region_rows(l->dropped, l->nr_dropped, f);
    }
    if ( r->nr_unres )
    {
        fprintf(f, "\nnot reserved (stock xl ignores rdm=\"%s\"; never"
                " asked for):\n", r->cfg.rdm_text);
        print_region_rows(r->unres, r->nr_unres, f);
    }
    print_stats_table(l, r->nr_unres, f);
}

/* ------------------------------------------------------------------------ */
/* e820 and memmap=                                                         */

/*
 * What stock hvmloader 4.17 adds of its own, as measured under Debian's
 * Xen 4.17.7 (docs/testing-xen.md): the SeaBIOS image (bios-256k.bin) is
 * reserved from 0xC0000, and the ACPI tables it builds are an NVS entry
 * from 0xFC000000 to the end of their last page.  Its own tables end at
 * 0xFC00A694 (the XSDT, built last); tables passed through with
 * acpi_firmware= are copied before the XSDT, 16-byte aligned, each with
 * one more XSDT entry.  (Measured for one vCPU; each vCPU adds 8 bytes
 * of MADT, well inside the page's slack up to 128 vCPUs.)
 */
static int build_tables(const struct run *r, uint8_t **buf, size_t *len);

#define STOCK_BIOS_BASE     0xC0000u
#define STOCK_ACPI_END      0xFC00A694u

static uint32_t hvmloader_acpi_end(const struct run *r)
{
    uint64_t end = STOCK_ACPI_END;
    uint8_t *buf;
    size_t len, off = 0;

    if ( build_tables(r, &buf, &len) == 0 )
    {
        while ( off + 8 <= len )
        {
            uint32_t tlen = buf[off + 4] | buf[off + 5] << 8 |
                            buf[off + 6] << 16 | (uint32_t)buf[off + 7] << 24;

            if ( tlen < 36 || tlen > len - off )
                break;
            end += ((tlen + 15) & ~15u) + 8;
            off += tlen;
        }
        free(buf);
    }
    return (uint32_t)((end + 0xFFF) & ~0xFFFULL);
}

static int build_e820(const struct run *r, struct lr_e820_entry *e,
                      unsigned int *nr, struct sim_diags *ds)
{
    struct lr_e820_opts eo;
    unsigned int needed = 0;
    enum lr_status st;

    lr_e820_opts_default(&eo);
    eo.bios_image_base = STOCK_BIOS_BASE;
    eo.acpi_end = hvmloader_acpi_end(r);
    st = lr_e820_build(&r->lay, &eo, e, E820_CAP, nr, &needed);
    if ( st == LR_E_BUDGET )
        sim_diag(ds, "SIM-E820-BUDGET", SIM_ERROR, NULL, "the guest e820"
                 " needs %u entries; SeaBIOS/OVMF get %u from hvmloader"
                 " (nothing checks it in stock Xen): fewer or merged"
                 " reservations are needed", needed, eo.budget);
    else if ( st != LR_OK )
    {
        sim_diag(ds, "SIM-E820", SIM_ERROR, NULL, "no e820: %s",
                 lr_status_str(st));
        return -1;
    }
    return 0;
}

static void render_e820(const struct lr_e820_entry *e, unsigned int nr,
                        FILE *f)
{
    unsigned int i;

    for ( i = 0; i < nr; i++ )
        fprintf(f, "BIOS-e820: [mem 0x%016llx-0x%016llx] %s\n",
                (unsigned long long)e[i].addr,
                (unsigned long long)(e[i].addr + e[i].size - 1),
                lr_e820_type_name(e[i].type));
}

static void render_memmap(const struct lr_e820_entry *e, unsigned int nr,
                          FILE *f)
{
    size_t need = lr_e820_memmap(e, nr, NULL, 0);
    char *buf = malloc(need + 1);

    if ( !buf )
        return;
    lr_e820_memmap(e, nr, buf, need + 1);
    fprintf(f, "%s\n", buf);
    free(buf);
}

/* ------------------------------------------------------------------------ */
/* xenstore: xenstore-write commands through the schema writer              */

struct xs_print {
    FILE *f;
    int domid;
    bool hole;              /* platform/mmio_hole_size was written */
};

/*
 * One shell word that xenstore-write stores as s: single quotes for the
 * shell, and every backslash doubled because xenstore-write unescapes
 * (an ACPI namespace owner "\_SB.PCI0.XHC" would lose its backslash).
 */
static void sh_quote(FILE *f, const char *s)
{
    fputc('\'', f);
    for ( ; *s; s++ )
        if ( *s == '\'' )
            fputs("'\\''", f);
        else if ( *s == '\\' )
            fputs("\\\\", f);
        else
            fputc(*s, f);
    fputc('\'', f);
}

/* The schema is the toolstack's, read-only to the guest: n0 r<domid>. */
static void xs_print_chmod(const struct xs_print *p, const char *path,
                           bool recursive)
{
    const char *r = recursive ? "-r " : "";

    if ( p->domid >= 0 )
        fprintf(p->f, "xenstore-chmod %s/local/domain/%d/%s n0 r%d\n", r,
                p->domid, path, p->domid);
    else
        fprintf(p->f, "xenstore-chmod %s\"/local/domain/$DOMID/%s\" n0 "
                "\"r$DOMID\"\n", r, path);
}

static enum lr_status xs_print_write(void *ctx, const char *path,
                                     const char *value)
{
    struct xs_print *p = ctx;

    if ( !strcmp(path, LR_XS_MMIO_HOLE) )
        p->hole = true;
    if ( p->domid >= 0 )
        fprintf(p->f, "xenstore-write /local/domain/%d/%s ", p->domid, path);
    else
        fprintf(p->f, "xenstore-write \"/local/domain/$DOMID/%s\" ", path);
    sh_quote(p->f, value);
    fputc('\n', p->f);
    return LR_OK;
}

static enum lr_status xs_print_rm(void *ctx, const char *path)
{
    struct xs_print *p = ctx;

    /* An absent path is fine: xenstore-rm would fail and say so. */
    if ( p->domid >= 0 )
        fprintf(p->f, "xenstore-rm /local/domain/%d/%s 2>/dev/null ||"
                " true\n", p->domid, path);
    else
        fprintf(p->f, "xenstore-rm \"/local/domain/$DOMID/%s\" 2>/dev/null"
                " || true\n", path);
    return LR_OK;
}

static int render_xenstore(const struct run *r, FILE *f)
{
    struct xs_print p = { f, r->o.domid, false };
    struct lr_xs_ops ops = {
        .ctx = &p, .write = xs_print_write, .rm = xs_print_rm,
    };
    enum lr_status st;

    fprintf(f, "#!/bin/sh\n# libreserve schema for %s (xen-layout)\n",
            r->o.config);
    if ( r->o.domid < 0 )
        fprintf(f, ": \"${DOMID:?set DOMID to the guest's domain id}\"\n");
    st = lr_xs_write_input(&ops, &r->in);
    if ( st != LR_OK )
    {
        fprintf(stderr, "error SIM-XENSTORE: the input cannot be written"
                " as the schema: %s\n", lr_status_str(st));
        return -1;
    }
    xs_print_chmod(&p, LR_XS_ROOT, true);
    if ( p.hole )
        xs_print_chmod(&p, LR_XS_MMIO_HOLE, false);
    return 0;
}

/* ------------------------------------------------------------------------ */
/* stock xl fragment                                                        */

static void render_xl(const struct run *r, FILE *f)
{
    const struct xlcfg *c = &r->cfg;
    const struct lr_layout *l = &r->lay;
    unsigned int i, n = 0;

    fprintf(f, "# xl.cfg lines for stock Xen 4.17 (xen-layout, strategy"
            " %s)\n", lr_strategy_name(l->cfg.strategy));
    if ( c->rdm_strategy == XLCFG_RDM_HOST )
        fprintf(f, "# stock xl drops any rdm= with policy= (xlu_rdm_parse"
                " bug); the policy goes on each pci= device instead\n"
                "rdm = \"strategy=host\"\n");
    fprintf(f, "rdm_mem_boundary = %llu\n",
            (unsigned long long)(l->cfg.rdm_boundary >> 20));
    fprintf(f, "mmio_hole = %llu\n",
            (unsigned long long)(l->cfg.mmio_hole_size >> 20));
    if ( c->nr_pci )
    {
        fprintf(f, "pci = [");
        for ( i = 0; i < c->nr_pci; i++ )
            fprintf(f, "%s '%04x:%02x:%02x.%x,rdm_policy=%s'", i ? "," : "",
                    c->pci[i].seg, c->pci[i].bus, c->pci[i].dev,
                    c->pci[i].fn, lr_policy_name(c->pci[i].policy));
        fprintf(f, " ]\n");
    }
    for ( i = 0; i < l->nr_vnvdimms; i++ )
        n += l->vnv[i].placed;
    if ( !n )
        return;
    fprintf(f, "# vNVDIMMs as MMIO: host pfn,count@guest pfn (hex)\n"
            "iomem = [");
    for ( i = 0, n = 0; i < l->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm_place *v = &l->vnv[i];
        uint64_t last = v->has_label ? v->label.last : v->data.last;

        if ( !v->placed )
            continue;
        fprintf(f, "%s \"%llx,%llx@%llx\"", n++ ? "," : "",
                (unsigned long long)(v->host_base >> 12),
                (unsigned long long)((last - v->data.base + 1) >> 12),
                (unsigned long long)(v->data.base >> 12));
    }
    fprintf(f, " ]\n");
    /* Stock hvmloader puts 64-bit BARs from max(4 GiB, end of RAM) up and
     * knows nothing of iomem= ranges (reference/xen-in-qemu.md). */
    for ( i = 0; i < l->nr_vnvdimms; i++ )
    {
        uint64_t bars = l->highmem_end > LR_4G ? l->highmem_end : LR_4G;
        uint64_t safe = ((bars + GIB - 1) & ~(GIB - 1)) + 64 * GIB;

        if ( l->vnv[i].placed && l->vnv[i].data.base < safe )
            fprintf(f, "# WARNING: vNVDIMM %u at 0x%llx is where stock"
                    " hvmloader puts 64-bit PCI BARs (from 0x%llx up):"
                    " give it gpa=0x%llx or higher\n", i,
                    (unsigned long long)l->vnv[i].data.base,
                    (unsigned long long)bars, (unsigned long long)safe);
    }
    fprintf(f, "# NFIT + SSDT for these vNVDIMMs, passed through by"
            " hvmloader (make them with: xen-layout --format aml)\n"
            "acpi_firmware = \"vnvdimm-tables.bin\"\n");
    fprintf(f, "# WARNING: stock Xen maps iomem= ranges uncached (EPT: UC"
            " for p2m_mmio_direct; NPT: PCD): correct, far slower than"
            " RAM.\n# WARNING: stock Xen does not stop dom0 and the guest"
            " mapping the same NVDIMM frames: disable the namespace in"
            " dom0\n# (ndctl disable-namespace) and never let dom0 bind it"
            " while the guest runs.\n");
}

/* ------------------------------------------------------------------------ */
/* aml: the NFIT and the vNVDIMM SSDT, concatenated, for acpi_firmware=     */

/*
 * The NFIT and the vNVDIMM SSDT of the placed vNVDIMMs, concatenated, in
 * a malloc'd buffer (*len bytes).  0; 1 when no vNVDIMM is placed (no
 * tables, *buf NULL); -1 when the builders refuse (said on stderr).
 */
static int build_tables(const struct run *r, uint8_t **buf, size_t *len)
{
    const struct lr_layout *l = &r->lay;
    struct lr_acpi_nvdimm d[LR_MAX_VNVDIMMS];
    struct lr_acpi_nvdimm_fault fault;
    unsigned int i, n = 0;
    size_t cap, nlen = 0, slen = 0;
    enum lr_status st;

    *buf = NULL;
    *len = 0;
    memset(d, 0, sizeof(d));
    for ( i = 0; i < l->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm_place *v = &l->vnv[i];

        if ( !v->placed )
            continue;
        d[n].spa_base = v->data.base;
        d[n].spa_size = lr_range_size(&v->data);
        d[n].handle = v->handle;
        d[n].serial = v->serial;
        d[n].backend = (enum lr_acpi_label_backend)v->backend;
        if ( v->has_label )
        {
            d[n].label_base = v->label.base;
            d[n].label_size = lr_range_size(&v->label);
        }
        else if ( v->backend == LR_LABEL_MAILBOX )
            d[n].label_size = r->in.vnvdimms[i].label_size;
        if ( v->has_dsm )
            d[n].dsm_page = v->dsm.base;
        n++;
    }
    if ( !n )
        return 1;
    cap = lr_nfit_size(n) + LR_NVDIMM_SSDT_MAX(n);
    *buf = malloc(cap);
    if ( !*buf )
        return -1;
    st = lr_nfit_emit(d, n, &lr_acpi_oem_default, *buf, cap, &nlen, &fault);
    if ( st == LR_OK )
        st = lr_nvdimm_ssdt_emit(d, n, &lr_acpi_oem_default, *buf + nlen,
                                 cap - nlen, &slen, &fault);
    if ( st != LR_OK )
    {
        fprintf(stderr, "error SIM-AML: the ACPI builders refuse vNVDIMM %u:"
                " %s (%s)\n", fault.index,
                lr_acpi_nvdimm_problem_name(fault.problem),
                lr_status_str(st));
        free(*buf);
        *buf = NULL;
        return -1;
    }
    *len = nlen + slen;
    return 0;
}

static int write_file(const char *dir, const char *name, const void *p,
                      size_t len)
{
    char path[4096];
    FILE *f;
    bool ok;

    snprintf(path, sizeof(path), "%s/%s", dir, name);
    f = fopen(path, "wb");
    if ( !f )
    {
        fprintf(stderr, "error SIM-IO: %s: %s\n", path, strerror(errno));
        return -1;
    }
    ok = fwrite(p, 1, len, f) == len;
    ok = !fclose(f) && ok;
    if ( !ok )
        fprintf(stderr, "error SIM-IO: %s: write failed\n", path);
    return ok ? 0 : -1;
}

/* The tables as dir/nfit.aml, dir/ssdt.aml and dir/tables.bin (both). */
static int write_tables(const uint8_t *buf, size_t len, const char *dir)
{
    size_t nlen = len >= 8 ? (size_t)(buf[4] | buf[5] << 8 | buf[6] << 16 |
                                      (uint32_t)buf[7] << 24) : 0;

    if ( mkdir(dir, 0777) && errno != EEXIST )
    {
        fprintf(stderr, "error SIM-IO: %s: %s\n", dir, strerror(errno));
        return -1;
    }
    if ( nlen < 36 || nlen >= len )
        return -1;
    return write_file(dir, "nfit.aml", buf, nlen) ||
           write_file(dir, "ssdt.aml", buf + nlen, len - nlen) ||
           write_file(dir, "tables.bin", buf, len) ? -1 : 0;
}

/*
 * aml: the acpi_firmware= blob on stdout, or with --out DIR the two
 * tables as files.  asl: both tables disassembled by ACPICA's iasl.
 */
static int render_aml(const struct run *r, FILE *f)
{
    uint8_t *buf;
    size_t len;
    int rc = build_tables(r, &buf, &len);

    if ( rc == 1 )
        fprintf(stderr, "error SIM-AML-NONE: no placed vNVDIMM: no tables"
                " to build\n");
    if ( rc )
        return -1;
    if ( r->o.fmt == FMT_ASL )
    {
        char dir[] = "/tmp/xen-layout-asl-XXXXXX", cmd[256];

        if ( system("iasl -v >/dev/null 2>&1") != 0 )
        {
            fprintf(stderr, "error SIM-NO-IASL: --format asl needs ACPICA's"
                    " iasl (Debian: acpica-tools); --format aml --out DIR"
                    " writes the tables without it\n");
            rc = -1;
        }
        else if ( !mkdtemp(dir) || write_tables(buf, len, dir) )
            rc = -1;
        else
        {
            fflush(f);
            snprintf(cmd, sizeof(cmd), "cd %s && iasl -d nfit.aml ssdt.aml"
                     " >/dev/null 2>&1 && cat nfit.dsl ssdt.dsl", dir);
            rc = system(cmd) ? -1 : 0;
            if ( rc )
                fprintf(stderr, "error SIM-IASL: iasl could not "
                        "disassemble the tables (kept in %s)\n", dir);
            else
            {
                snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
                if ( system(cmd) ) { }
            }
        }
    }
    else if ( r->o.out )
        rc = write_tables(buf, len, r->o.out);
    else
        fwrite(buf, 1, len, f);
    free(buf);
    return rc;
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */

static json_object *jregion(const struct lr_region *g)
{
    json_object *o = jrange(&g->range);

    json_object_object_add(o, "kind",
                           json_object_new_string(lr_kind_name(g->kind)));
    json_object_object_add(o, "policy",
                           json_object_new_string(
                               lr_policy_name(g->policy)));
    json_object_object_add(o, "owner", json_object_new_string(g->owner));
    return o;
}

static json_object *jdiag(const char *source, const char *code,
                          unsigned int sev, const char *where,
                          const char *msg)
{
    json_object *o = json_object_new_object();

    json_object_object_add(o, "source", json_object_new_string(source));
    json_object_object_add(o, "code", json_object_new_string(code));
    json_object_object_add(o, "severity",
                           json_object_new_string(sim_severity_name(sev)));
    if ( where && where[0] )
        json_object_object_add(o, "where", json_object_new_string(where));
    json_object_object_add(o, "message", json_object_new_string(msg));
    return o;
}

static const char *sim_source(const char *code)
{
    if ( !strncmp(code, "XL-", 3) )
        return "xl.cfg";
    if ( !strncmp(code, "DMAR-", 5) )
        return "dmar";
    if ( !strncmp(code, "IOMEM-", 6) )
        return "iomem";
    if ( !strncmp(code, "NDCTL-", 6) )
        return "ndctl";
    return "sim";
}

/*
 * Schema xen-layout/2 (docs/xen-layout.schema.json): every field has one
 * meaning in every strategy, and its unit in its name (_bytes, _mib,
 * _count, _end: an exclusive end address) or in the schema.
 */
#define JSON_SCHEMA     "xen-layout/2"

static json_object *jregions(const struct lr_region *g, unsigned int n)
{
    json_object *a = json_object_new_array();
    unsigned int i;

    for ( i = 0; i < n; i++ )
        json_object_array_add(a, jregion(&g[i]));
    return a;
}

static json_object *jstats(const struct lr_layout *l, unsigned int unres)
{
    const struct lr_stats *s = &l->stats;
    json_object *o = json_object_new_object();

    json_object_object_add(o, "ram_total_bytes",
                           json_object_new_uint64(s->ram_total));
    json_object_object_add(o, "ram_below_4g_bytes",
                           json_object_new_uint64(s->ram_below_4g));
    json_object_object_add(o, "ram_above_4g_bytes",
                           json_object_new_uint64(s->ram_above_4g));
    json_object_object_add(o, "displaced_bytes",
                           json_object_new_uint64(s->displaced));
    json_object_object_add(o, "dropped_count",
                           json_object_new_int((int)s->dropped));
    json_object_object_add(o, "unreserved_count",
                           json_object_new_int((int)unres));
    json_object_object_add(o, "strict_conflict_count",
                           json_object_new_int((int)s->conflicts));
    json_object_object_add(o, "map_1g_count",
                           json_object_new_int((int)s->map_1g));
    json_object_object_add(o, "map_2m_count",
                           json_object_new_int((int)s->map_2m));
    json_object_object_add(o, "map_4k_count",
                           json_object_new_int((int)s->map_4k));
    /* The engine's lowmem_end is the end of the highest RAM chunk below
     * 4 GiB in every strategy (under xen-compat that is libxl's
     * lowmem_end too); its highmem_end reads 4 GiB when no RAM is above
     * 4 GiB, where libxl has 0: say 0. */
    json_object_object_add(o, "ram_below_4g_end",
                           jhex(l->nr_ram ? l->lowmem_end : 0));
    json_object_object_add(o, "ram_above_4g_end",
                           jhex(s->ram_above_4g ? l->highmem_end : 0));
    json_object_object_add(o, "mmio_start", jhex(l->mmio_start));
    return o;
}

static json_object *jdiags(const struct run *r, const struct sim_diags *ds)
{
    json_object *a = json_object_new_array();
    unsigned int i;
    char line[1024];

    for ( i = 0; i < ds->nr; i++ )
        json_object_array_add(a, jdiag(sim_source(ds->d[i].code),
                                       ds->d[i].code, ds->d[i].severity,
                                       ds->d[i].where, ds->d[i].msg));
    for ( i = 0; r->laid && i < r->lay.diags.nr; i++ )
    {
        const struct lr_diag *d = &r->lay.diags.d[i];

        lr_diag_format(d, line, sizeof(line));
        json_object_array_add(a, jdiag("engine", lr_diag_code_name(d->code),
                                       lr_sev_to_sim(d->severity), NULL,
                                       line));
    }
    return a;
}

/* The readers' and the simulator's diagnostics alone (compare, fleet). */
static json_object *jdiags_sim(const struct sim_diags *ds)
{
    json_object *a = json_object_new_array();
    unsigned int i;

    for ( i = 0; i < ds->nr; i++ )
        json_object_array_add(a, jdiag(sim_source(ds->d[i].code),
                                       ds->d[i].code, ds->d[i].severity,
                                       ds->d[i].where, ds->d[i].msg));
    return a;
}

static json_object *jconfig(const struct run *r, bool strategy)
{
    const struct xlcfg *c = &r->cfg;
    json_object *o = json_object_new_object();

    json_object_object_add(o, "file", json_object_new_string(r->o.config));
    json_object_object_add(o, "memory_mib",
                           json_object_new_uint64(c->memory_mib));
    json_object_object_add(o, "maxmem_mib",
                           json_object_new_uint64(c->maxmem_mib));
    json_object_object_add(o, "video_mib",
                           json_object_new_uint64(c->video_mib));
    json_object_object_add(o, "layout_bytes",
                           json_object_new_uint64(r->in.cfg.mem_size));
    json_object_object_add(o, "mmio_hole_bytes",
                           json_object_new_uint64(r->in.cfg.mmio_hole_size));
    json_object_object_add(o, "rdm_mem_boundary_bytes",
                           json_object_new_uint64(r->in.cfg.rdm_boundary));
    json_object_object_add(o, "rdm", json_object_new_string(rdm_text(c)));
    if ( strategy )
        json_object_object_add(o, "strategy",
                               json_object_new_string(
                                   lr_strategy_name(r->in.cfg.strategy)));
    return o;
}

static json_object *jvnvdimms(const struct lr_layout *l)
{
    json_object *a = json_object_new_array();
    unsigned int i;

    for ( i = 0; i < l->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm_place *v = &l->vnv[i];
        json_object *o = json_object_new_object();

        json_object_object_add(o, "index", json_object_new_int((int)i));
        json_object_object_add(o, "placed",
                               json_object_new_boolean(v->placed));
        json_object_object_add(o, "handle",
                               json_object_new_int64(v->handle));
        json_object_object_add(o, "label_backend",
                               json_object_new_string(
                                   lr_label_backend_name(v->backend)));
        json_object_object_add(o, "host_base", jhex(v->host_base));
        if ( v->placed )
        {
            json_object_object_add(o, "data", jrange(&v->data));
            if ( v->has_label )
                json_object_object_add(o, "label", jrange(&v->label));
            if ( v->has_dsm )
                json_object_object_add(o, "dsm", jrange(&v->dsm));
        }
        json_object_array_add(a, o);
    }
    return a;
}

/* ------------------------------------------------------------------------ */
/* PCI BARs: what the patched hvmloader's pci_setup() does for --device     */

static void place_bars(struct run *r)
{
    struct lr_diag store[LR_MAX_BARS + 2];
    struct lr_diags ds;
    char line[1024];
    unsigned int i;

    if ( !r->o.devs.nr || !r->laid || r->lay.status != LR_OK )
        return;
    lr_diags_init(&ds, store, LR_MAX_BARS + 2);
    r->nr_bars = pcidev_to_bars(&r->o.devs, r->bars);
    if ( r->hole_fixed )
        r->bar_status = lr_bar_place(&r->lay, r->bars, r->nr_bars, &ds,
                                     &r->bar_res);
    else
        r->bar_status = lr_bar_place_grow(&r->lay, r->bars, r->nr_bars, &ds,
                                          &r->bar_res);
    r->bars_done = true;
    for ( i = 0; i < ds.nr; i++ )
    {
        lr_diag_format(&ds.d[i], line, sizeof(line));
        sim_diag(&r->ds, lr_diag_code_name(ds.d[i].code),
                 lr_sev_to_sim(ds.d[i].severity), "bars", "%s", line);
    }
    if ( r->bar_status != LR_OK )
        sim_diag(&r->ds, "SIM-BAR-BUG", SIM_ERROR, "bars", "%u BAR(s)"
                 " find no room: the patched hvmloader stops with BUG()"
                 " (stock skips them with \"no space for resource\")",
                 r->bar_res.nr_unplaced);
}

static void render_bars(const struct run *r, FILE *f)
{
    const struct lr_bar_result *res = &r->bar_res;
    unsigned int i;
    char s[32], a[24], w[24];

    hex(w, sizeof(w), res->low_base);
    fprintf(f, "# 32-bit window %s-0x00000000fbffffff (%s)\n", w,
            res->low_base < r->lay.mmio_start ? "hole grown by hvmloader" :
            r->hole_fixed ? "hole fixed by mmio_hole" : "hole not grown");
    hex(w, sizeof(w), res->high_base);
    fprintf(f, "# 64-bit BARs from %s: %u, below 4G: %u, unplaced: %u\n", w,
            res->nr_high, res->nr_low, res->nr_unplaced);
    fprintf(f, "%-20s %-18s %10s  %s\n", "BAR", "ADDRESS", "SIZE",
            "WHERE");
    for ( i = 0; i < r->nr_bars; i++ )
    {
        const struct lr_bar *b = &r->bars[i];

        size_text(s, sizeof(s), b->size);
        if ( b->placed )
            hex(a, sizeof(a), b->addr);
        else
            snprintf(a, sizeof(a), "-");
        fprintf(f, "%-20s %-18s %10s  %s%s\n", b->owner, a, s,
                !b->placed ? "UNPLACED" : b->high ? "above 4G" : "below 4G",
                b->is64 ? ", 64-bit" : "");
    }
}

static json_object *jbars(const struct run *r)
{
    const struct lr_bar_result *res = &r->bar_res;
    json_object *o = json_object_new_object();
    json_object *a = json_object_new_array();
    unsigned int i;

    json_object_object_add(o, "status",
                           json_object_new_string(
                               lr_status_name(r->bar_status)));
    json_object_object_add(o, "window_base", jhex(res->low_base));
    json_object_object_add(o, "hole_grown",
                           json_object_new_boolean(
                               res->low_base < r->lay.mmio_start));
    json_object_object_add(o, "hole_fixed",
                           json_object_new_boolean(r->hole_fixed));
    json_object_object_add(o, "high_base", jhex(res->high_base));
    json_object_object_add(o, "unplaced",
                           json_object_new_int((int)res->nr_unplaced));
    for ( i = 0; i < r->nr_bars; i++ )
    {
        const struct lr_bar *b = &r->bars[i];
        json_object *e = json_object_new_object();

        json_object_object_add(e, "owner", json_object_new_string(b->owner));
        json_object_object_add(e, "size", json_object_new_uint64(b->size));
        json_object_object_add(e, "is64", json_object_new_boolean(b->is64));
        json_object_object_add(e, "placed",
                               json_object_new_boolean(b->placed));
        if ( b->placed )
        {
            json_object_object_add(e, "addr", jhex(b->addr));
            json_object_object_add(e, "high",
                                   json_object_new_boolean(b->high));
        }
        json_object_array_add(a, e);
    }
    json_object_object_add(o, "list", a);
    return o;
}

static void render_json(const struct run *r, FILE *f)
{
    const struct lr_layout *l = &r->lay;
    json_object *root = json_object_new_object();
    json_object *a;
    struct lr_e820_entry e[E820_CAP];
    struct sim_diags ds;
    unsigned int i, nr = 0;

    sim_diags_init(&ds);
    json_object_object_add(root, "schema",
                           json_object_new_string(JSON_SCHEMA));
    json_object_object_add(root, "command", json_object_new_string("plan"));
    json_object_object_add(root, "config", jconfig(r, true));
    json_object_object_add(root, "status",
                           json_object_new_string(
                               lr_status_name(l->status)));
    a = json_object_new_array();
    for ( i = 0; i < l->nr_ram; i++ )
        json_object_array_add(a, jrange(&l->ram[i]));
    json_object_object_add(root, "ram", a);
    json_object_object_add(root, "reserved",
                           jregions(l->reserved, l->nr_reserved));
    json_object_object_add(root, "dropped",
                           jregions(l->dropped, l->nr_dropped));
    json_object_object_add(root, "unreserved",
                           jregions(r->unres, r->nr_unres));
    json_object_object_add(root, "vnvdimms", jvnvdimms(l));
    a = json_object_new_array();
    if ( l->status == LR_OK && !build_e820(r, e, &nr, &ds) )
        for ( i = 0; i < nr; i++ )
        {
            json_object *o = json_object_new_object();

            json_object_object_add(o, "addr", jhex(e[i].addr));
            json_object_object_add(o, "size",
                                   json_object_new_uint64(e[i].size));
            json_object_object_add(o, "type",
                                   json_object_new_int((int)e[i].type));
            json_object_object_add(o, "name",
                                   json_object_new_string(
                                       lr_e820_type_name(e[i].type)));
            json_object_array_add(a, o);
        }
    json_object_object_add(root, "e820", a);
    sim_diags_append(&ds, &r->ds);
    json_object_object_add(root, "diagnostics", jdiags(r, &ds));
    json_object_object_add(root, "stats", jstats(l, r->nr_unres));
    if ( r->bars_done )
        json_object_object_add(root, "bars", jbars(r));
    fprintf(f, "%s\n", json_object_to_json_string_ext(root,
            JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
            JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(root);
    sim_diags_free(&ds);
}

/* ------------------------------------------------------------------------ */
/* SVG (sim/render_svg.c)                                                   */

static void render_svg(const struct run *r, FILE *f)
{
    struct svg_map m = {
        lr_strategy_name(r->lay.cfg.strategy), &r->lay, r->unres,
        r->nr_unres,
    };

    svg_render(f, r->o.config, &m, 1);
}

/* ------------------------------------------------------------------------ */
/* commands                                                                 */

/*
 * A backend dom0 has bound, or that is not persistent memory, is never
 * handed to a guest: no iomem= line, no tables for it.  (Xen would map the
 * frames into both domains; nothing arbitrates.)
 */
static bool refuse_backend(const struct run *r)
{
    if ( !sim_diags_count(&r->ds, "SIM-BACKEND-DOM0-BOUND") &&
         !sim_diags_count(&r->ds, "SIM-BACKEND-NOT-PMEM") )
        return false;
    fprintf(stderr, "%s: error SIM-REFUSED: not writing iomem= or tables"
            " for a backend dom0 has bound or that is not persistent"
            " memory (see above)\n", prog);
    return true;
}

static int cmd_plan(struct run *r)
{
    struct lr_e820_entry e[E820_CAP];
    unsigned int nr = 0;
    int rc = 0;

    if ( r->o.xsdump || r->o.live )
    {
        if ( !load_xsdump(r) )
            build(r);
    }
    else
    {
        load_inputs(r);
        lay_out(r, r->o.strategy);
        r->hole_fixed = r->cfg.mmio_hole_mib != 0;
    }
    place_bars(r);
    if ( r->o.fmt == FMT_BARS && !r->o.devs.nr )
    {
        fprintf(stderr, "%s: error SIM-USAGE: --format bars needs the"
                " devices: --device SPEC or --bars FILE\n", prog);
        free_run(r);
        return 2;
    }
    if ( r->laid && r->cfg.nr_vnvdimms )
        sim_diag(&r->ds, "SIM-STOCK-PMEM", SIM_NOTE, NULL, "on stock Xen"
                 " these vNVDIMMs can only be iomem= ranges (--format xl):"
                 " mapped uncached, and Xen does not stop dom0 mapping the"
                 " same frames");
    if ( r->laid )
        switch ( r->o.fmt )
        {
        case FMT_TABLE:
            render_table(r, stdout);
            break;
        case FMT_JSON:
            render_json(r, stdout);
            break;
        case FMT_SVG:
            render_svg(r, stdout);
            break;
        case FMT_BARS:
            if ( r->bars_done )
                render_bars(r, stdout);
            break;
        case FMT_E820:
        case FMT_MEMMAP:
            if ( r->lay.status != LR_OK )
                break;
            if ( build_e820(r, e, &nr, &r->ds) )
                break;
            if ( r->o.fmt == FMT_E820 )
                render_e820(e, nr, stdout);
            else
                render_memmap(e, nr, stdout);
            break;
        case FMT_XENSTORE:
            if ( r->lay.status == LR_OK )
                rc = render_xenstore(r, stdout);
            break;
        case FMT_XL:
            if ( refuse_backend(r) )
                rc = -1;
            else
                render_xl(r, stdout);
            break;
        case FMT_ASL:
        case FMT_AML:
            if ( refuse_backend(r) )
                rc = -1;
            else if ( r->o.fmt == FMT_AML && isatty(1) && !r->o.out )
            {
                fprintf(stderr, "%s: error SIM-USAGE: --format aml writes"
                        " binary tables: redirect it to a file\n", prog);
                rc = -1;
            }
            else if ( r->lay.status == LR_OK )
                rc = render_aml(r, stdout);
            break;
        }
    if ( r->o.fmt != FMT_JSON || !r->laid )
        print_diags(r, stderr);
    rc = rc ? 2 : exit_status(r);
    free_run(r);
    return rc;
}

static int cmd_compare(struct run *r)
{
    static const enum lr_strategy all[] = {
        LR_STRATEGY_XEN_COMPAT, LR_STRATEGY_PUNCH, LR_STRATEGY_PACK,
        LR_STRATEGY_SUPERPAGE,
    };
    enum { NALL = sizeof(all) / sizeof(all[0]) };
    struct lr_stats st[NALL];
    enum lr_status status[NALL];
    unsigned int i, worst = 0, unres = 0;
    char a[32], b[32], c[32];
    json_object *root = NULL, *arr = NULL;
    /* the stock outcome, kept for the table (r->unres is per layout) */
    static struct lr_region stock_unres[DMAR_MAX_RMRRS];
    static struct lr_layout lays[NALL];    /* for --format svg */

    load_inputs(r);
    if ( r->o.fmt == FMT_JSON )
    {
        root = json_object_new_object();
        arr = json_object_new_array();
    }
    for ( i = 0; i < NALL; i++ )
    {
        lay_out(r, all[i]);
        if ( !r->laid )
            break;
        st[i] = r->lay.stats;
        status[i] = r->lay.status;
        if ( r->o.fmt == FMT_SVG )
            lr_layout_copy(&lays[i], &r->lay);
        if ( all[i] == LR_STRATEGY_XEN_COMPAT )
        {
            unres = r->nr_unres;
            memcpy(stock_unres, r->unres, unres * sizeof(r->unres[0]));
        }
        if ( r->lay.diags.errors )
            worst = 2;
        if ( root )
        {
            json_object *o = json_object_new_object();

            json_object_object_add(o, "strategy",
                                   json_object_new_string(
                                       lr_strategy_name(all[i])));
            json_object_object_add(o, "status",
                                   json_object_new_string(
                                       lr_status_name(status[i])));
            json_object_object_add(o, "dropped",
                                   jregions(r->lay.dropped,
                                            r->lay.nr_dropped));
            json_object_object_add(o, "unreserved",
                                   jregions(r->unres, r->nr_unres));
            json_object_object_add(o, "stats",
                                   jstats(&r->lay, r->nr_unres));
            json_object_array_add(arr, o);
        }
    }
    if ( i == NALL && r->o.fmt == FMT_SVG )
    {
        /* stock Xen beside ours, on one address scale */
        const struct svg_map maps[NALL] = {
            { "stock Xen 4.17 (xen-compat)", &lays[0], stock_unres, unres },
            { "libreserve punch", &lays[1], NULL, 0 },
            { "libreserve pack", &lays[2], NULL, 0 },
            { "libreserve superpage", &lays[3], NULL, 0 },
        };

        svg_render(stdout, r->o.config, maps, NALL);
    }
    else if ( i == NALL && !root )
    {
        /* r->in is the last input: the same config for all of them. */
        print_header(r, stdout);
        printf("\n%-11s %-12s %11s %11s %11s %7s %6s %6s %5s %5s %6s\n",
               "STRATEGY", "STATUS", "BELOW-4G", "ABOVE-4G", "DISPLACED",
               "DROPPED", "UNRESV", "STRICT", "1G", "2M", "4K");
        for ( i = 0; i < NALL; i++ )
        {
            size_text(a, sizeof(a), st[i].ram_below_4g);
            size_text(b, sizeof(b), st[i].ram_above_4g);
            size_text(c, sizeof(c), st[i].displaced);
            printf("%-11s %-12s %11s %11s %11s %7u %6u %6u %5u %5u %6u\n",
                   lr_strategy_name(all[i]), lr_status_name(status[i]), a,
                   b, c, st[i].dropped,
                   all[i] == LR_STRATEGY_XEN_COMPAT ? unres : 0,
                   st[i].conflicts, st[i].map_1g, st[i].map_2m,
                   st[i].map_4k);
        }
        if ( unres )
        {
            printf("\nUNRESV: not reserved by stock xl, which ignores"
                   " rdm=\"%s\" (never asked for):\n", r->cfg.rdm_text);
            print_region_rows(stock_unres, unres, stdout);
        }
    }
    if ( i < NALL )
    {
        sim_diags_print(&r->ds, stderr);
        free_run(r);
        json_object_put(root);
        json_object_put(arr);
        return 2;
    }
    if ( root )
    {
        json_object_object_add(root, "schema",
                               json_object_new_string(JSON_SCHEMA));
        json_object_object_add(root, "command",
                               json_object_new_string("compare"));
        json_object_object_add(root, "config", jconfig(r, false));
        json_object_object_add(root, "strategies", arr);
        json_object_object_add(root, "diagnostics", jdiags_sim(&r->ds));
        printf("%s\n", json_object_to_json_string_ext(root,
               JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
               JSON_C_TO_STRING_NOSLASHESCAPE));
        json_object_put(root);
    }
    else if ( r->o.fmt != FMT_SVG )
    {
        /* 32-bit guests live on lowmem; 64-bit ones gain from 1 GiB pages. */
        printf("\nrecommendation:\n");
        if ( status[1] != LR_OK )
            printf("  no strategy lays this guest out: see the errors\n");
        else
        {
            size_text(a, sizeof(a), st[1].ram_below_4g);
            printf("  32-bit guest (or one that needs lowmem): punch"
                   " (%s below 4 GiB", a);
            if ( status[0] == LR_OK &&
                 st[1].ram_below_4g > st[0].ram_below_4g )
            {
                size_text(b, sizeof(b), st[1].ram_below_4g -
                          st[0].ram_below_4g);
                printf(", %s more than stock Xen", b);
            }
            if ( st[0].dropped > st[1].dropped )
                printf(", %u reservation(s) honoured that stock Xen drops",
                       st[0].dropped - st[1].dropped);
            if ( unres )
                printf(", %u RMRR(s) that stock xl never reserves: it"
                       " ignores rdm=", unres);
            printf(")\n");
            /* The most 1 GiB extents; on a tie the one that keeps more
             * RAM below 4 GiB (pack over superpage, punch over both). */
            {
                unsigned int best = 1, k;

                for ( k = 2; k < NALL; k++ )
                    if ( status[k] == LR_OK &&
                         (st[k].map_1g > st[best].map_1g ||
                          (st[k].map_1g == st[best].map_1g &&
                           st[k].ram_below_4g > st[best].ram_below_4g)) )
                        best = k;
                size_text(a, sizeof(a), st[best].ram_below_4g);
                if ( best == 1 )
                    printf("  64-bit guest: punch (neither pack nor"
                           " superpage gains a 1 GiB mapping here)\n");
                else
                    printf("  64-bit guest: %s (%u x 1 GiB mappings instead"
                           " of %u for punch and %u for stock Xen, %s below"
                           " 4 GiB)\n", lr_strategy_name(all[best]),
                           st[best].map_1g, st[1].map_1g,
                           status[0] == LR_OK ? st[0].map_1g : 0, a);
            }
        }
    }
    if ( !root )
        sim_diags_print(&r->ds, stderr);
    i = exit_status(r);
    free_run(r);
    return worst > i ? (int)worst : (int)i;
}

/* fleet: every DMAR in a folder against one config at several sizes */
static int parse_sizes(const char *s, uint64_t *out, unsigned int cap)
{
    char buf[256], *tok, *save = NULL;
    unsigned int n = 0;

    snprintf(buf, sizeof(buf), "%s", s);
    for ( tok = strtok_r(buf, ",", &save); tok;
          tok = strtok_r(NULL, ",", &save) )
    {
        uint64_t v;

        if ( n >= cap || lr_parse_u64(tok, &v) != LR_OK || !v ||
             v > (64ULL << 10) )
        {
            fprintf(stderr, "%s: error SIM-BAD-SIZES: '%s' in --sizes (GiB,"
                    " 1..65536, at most %u)\n", prog, tok, cap);
            return -1;
        }
        out[n++] = v;
    }
    return (int)n;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct fleet_row {
    unsigned int failed, dropping, unreserving, displacing;
    uint64_t displaced, m1g;
};

/* A progress bar on stderr when it is a terminal; nothing otherwise. */
static void progress(unsigned int done, unsigned int total)
{
    static const unsigned int width = 40;
    unsigned int fill, i;

    if ( !total || !isatty(2) )
        return;
    fill = (unsigned int)((unsigned long long)done * width / total);
    fputs("\r[", stderr);
    for ( i = 0; i < width; i++ )
        fputc(i < fill ? '#' : ' ', stderr);
    fprintf(stderr, "] %u/%u", done, total);
    if ( done == total )
        fputs("\r\033[K", stderr);
    fflush(stderr);
}

/*
 * The RMRRs stock xl leaves unreserved on one machine of the fleet (it
 * ignores rdm=): counted in the table, listed after it and in the JSON.
 */
struct fleet_unres {
    const char *machine;
    unsigned int nr;            /* all of them (may exceed the list) */
    struct lr_region *g;        /* malloc'd, nr entries */
};

/* Strategies fleet compares: xen-compat, punch, pack, superpage. */
#define FLEET_NSTRAT 4

static void fleet_json(const struct run *r, const char *dir,
                       unsigned int nn, unsigned int bad,
                       const uint64_t *sizes, unsigned int ns,
                       const enum lr_strategy *strat, unsigned int nk,
                       struct fleet_row (*rows)[FLEET_NSTRAT],
                       const struct fleet_unres *u, unsigned int nu)
{
    json_object *root = json_object_new_object();
    json_object *cfg = json_object_new_object(), *a;
    unsigned int s, k, i;

    json_object_object_add(root, "schema",
                           json_object_new_string(JSON_SCHEMA));
    json_object_object_add(root, "command", json_object_new_string("fleet"));
    json_object_object_add(cfg, "file", json_object_new_string(r->o.config));
    json_object_object_add(cfg, "rdm",
                           json_object_new_string(rdm_text(&r->cfg)));
    json_object_object_add(root, "config", cfg);
    json_object_object_add(root, "dir", json_object_new_string(dir));
    json_object_object_add(root, "machine_count",
                           json_object_new_int((int)nn));
    json_object_object_add(root, "bad_table_count",
                           json_object_new_int((int)bad));
    a = json_object_new_array();
    for ( s = 0; s < ns; s++ )
        for ( k = 0; k < nk; k++ )
        {
            const struct fleet_row *fr = &rows[s][k];
            json_object *o = json_object_new_object();

            json_object_object_add(o, "size_gib",
                                   json_object_new_uint64(sizes[s]));
            json_object_object_add(o, "strategy",
                                   json_object_new_string(
                                       lr_strategy_name(strat[k])));
            json_object_object_add(o, "failed_machine_count",
                                   json_object_new_int((int)fr->failed));
            json_object_object_add(o, "dropping_machine_count",
                                   json_object_new_int((int)fr->dropping));
            json_object_object_add(o, "unreserved_machine_count",
                                   json_object_new_int(
                                       (int)fr->unreserving));
            json_object_object_add(o, "displacing_machine_count",
                                   json_object_new_int(
                                       (int)fr->displacing));
            json_object_object_add(o, "displaced_bytes",
                                   json_object_new_uint64(fr->displaced));
            json_object_object_add(o, "map_1g_count",
                                   json_object_new_uint64(fr->m1g));
            json_object_array_add(a, o);
        }
    json_object_object_add(root, "rows", a);
    a = json_object_new_array();
    for ( i = 0; i < nu; i++ )
    {
        json_object *o = json_object_new_object();

        json_object_object_add(o, "machine",
                               json_object_new_string(u[i].machine));
        json_object_object_add(o, "unreserved", jregions(u[i].g, u[i].nr));
        json_object_array_add(a, o);
    }
    json_object_object_add(root, "stock_unreserved", a);
    json_object_object_add(root, "diagnostics", jdiags_sim(&r->ds));
    printf("%s\n", json_object_to_json_string_ext(root,
           JSON_C_TO_STRING_PRETTY | JSON_C_TO_STRING_SPACED |
           JSON_C_TO_STRING_NOSLASHESCAPE));
    json_object_put(root);
}

static int cmd_fleet(struct run *r, const char *dir)
{
    static const enum lr_strategy all[] = {
        LR_STRATEGY_XEN_COMPAT, LR_STRATEGY_PUNCH, LR_STRATEGY_PACK,
        LR_STRATEGY_SUPERPAGE,
    };
    enum { NALL = FLEET_NSTRAT };
    static struct fleet_row rows[16][NALL];
    enum lr_strategy strat[NALL];
    uint64_t sizes[16];
    int ns = parse_sizes(r->o.sizes ? r->o.sizes : "1,4,16,64", sizes, 16);
    DIR *dp;
    struct dirent *de;
    char **names = NULL;
    struct fleet_unres *u = NULL;
    unsigned int nn = 0, nu = 0, nk = 0, i, k, s, bad = 0, total_unres = 0;
    bool json = r->o.fmt == FMT_JSON;
    int rc;

    if ( ns <= 0 )
        return 2;
    /* --strategy: that one strategy only; else all of them */
    for ( k = 0; k < NALL; k++ )
        if ( !r->o.strategy_given || all[k] == r->o.strategy )
            strat[nk++] = all[k];
    memset(rows, 0, sizeof(rows));
    dp = opendir(dir);
    if ( !dp )
    {
        fprintf(stderr, "%s: error SIM-IO: %s: %s\n", prog, dir,
                strerror(errno));
        return 2;
    }
    while ( (de = readdir(dp)) )
    {
        size_t l = strlen(de->d_name);
        char **nn2;

        if ( l < 4 || strcmp(de->d_name + l - 4, ".bin") )
            continue;
        nn2 = realloc(names, (nn + 1) * sizeof(*names));
        if ( !nn2 )
            break;
        names = nn2;
        names[nn++] = strdup(de->d_name);
    }
    closedir(dp);
    if ( nn )
        qsort(names, nn, sizeof(*names), name_cmp);

    sim_diags_init(&r->ds);
    if ( xlcfg_load(r->o.config, &r->cfg, &r->ds) )
    {
        sim_diags_print(&r->ds, stderr);
        return 2;
    }
    if ( nn )
        u = calloc(nn, sizeof(*u));
    /* each table read once; counters per size and strategy */
    for ( i = 0; i < nn; i++ )
    {
        char path[4096];
        struct dmar d;
        unsigned int nun;

        snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
        bad += dmar_load(path, &d) != 0;
        /* what stock xl never asks for: the same at every size */
        nun = xlcfg_stock_unreserved(&r->cfg, &d, r->unres, DMAR_MAX_RMRRS);
        if ( nun > DMAR_MAX_RMRRS )
            nun = DMAR_MAX_RMRRS;
        if ( nun && u )
        {
            u[nu].machine = names[i];
            u[nu].nr = nun;
            u[nu].g = malloc(nun * sizeof(*u[nu].g));
            if ( u[nu].g )
            {
                memcpy(u[nu].g, r->unres, nun * sizeof(*u[nu].g));
                nu++;
            }
            total_unres += nun;
        }
        for ( s = 0; s < (unsigned int)ns; s++ )
            for ( k = 0; k < nk; k++ )
            {
                struct fleet_row *fr = &rows[s][k];
                struct sim_diags ds;

                sim_diags_init(&ds);
                r->cfg.memory_mib = r->cfg.maxmem_mib = sizes[s] << 10;
                if ( strat[k] == LR_STRATEGY_XEN_COMPAT )
                    fr->unreserving += nun > 0;
                if ( xlcfg_to_input(&r->cfg, &d, strat[k], &r->in, &ds) ||
                     lr_layout_build(&r->in, &r->lay) != LR_OK )
                    fr->failed++;
                else
                {
                    fr->dropping += r->lay.stats.dropped > 0;
                    fr->displacing += r->lay.stats.displaced > 0;
                    fr->displaced += r->lay.stats.displaced;
                    fr->m1g += r->lay.stats.map_1g;
                }
                sim_diags_free(&ds);
            }
        dmar_free(&d);
        progress(i + 1, nn);
    }
    if ( bad )
        sim_diag(&r->ds, "SIM-FLEET-BAD-DMAR", SIM_WARN, NULL, "%u table(s)"
                 " with errors (their readable RMRRs were used)", bad);
    if ( nu )
        sim_diag(&r->ds, "XL-RDM-STOCK-UNRESERVED", SIM_WARN, "rdm",
                 "stock xl ignores rdm=\"%s\": on %u of %u machine(s) it"
                 " leaves %u RMRR(s) unreserved (never asked for, so not"
                 " counted as DROPPING)", r->cfg.rdm_text, nu, nn,
                 total_unres);
    if ( json )
        fleet_json(r, dir, nn, bad, sizes, (unsigned int)ns, strat, nk,
                   rows, u, nu);
    else
    {
        printf("%u machines from %s; guest %s; rdm %s\n\n", nn, dir,
               r->o.config, rdm_text(&r->cfg));
        printf("%6s %-11s %9s %9s %10s %9s %14s %12s\n", "SIZE",
               "STRATEGY", "FAILED", "DROPPING", "UNRESERVED", "DISPLACE",
               "DISPLACED-SUM", "1G-MAPPINGS");
        for ( s = 0; s < (unsigned int)ns; s++ )
            for ( k = 0; k < nk; k++ )
            {
                const struct fleet_row *fr = &rows[s][k];
                char a[32];

                size_text(a, sizeof(a), fr->displaced);
                printf("%4llu G %-11s %9u %9u %10u %9u %14s %12llu\n",
                       (unsigned long long)sizes[s],
                       lr_strategy_name(strat[k]), fr->failed,
                       fr->dropping, fr->unreserving, fr->displacing, a,
                       (unsigned long long)fr->m1g);
            }
        printf("\nFAILED: strict conflict or error; DROPPING: a reservation"
               " not honoured;\nUNRESERVED: RMRRs asked for that stock xl"
               " never reserves (it ignores rdm=);\nDISPLACE: RAM moved"
               " above 4 GiB by reservations.\n");
        if ( nu )
        {
            printf("\nnot reserved by stock xl (it ignores rdm=\"%s\"):\n",
                   r->cfg.rdm_text);
            for ( i = 0; i < nu; i++ )
            {
                printf("%s: %u RMRR(s):", u[i].machine, u[i].nr);
                for ( k = 0; k < u[i].nr; k++ )
                    printf("%s 0x%llx-0x%llx", k ? "," : "",
                           (unsigned long long)u[i].g[k].range.base,
                           (unsigned long long)u[i].g[k].range.last);
                printf("\n");
            }
        }
        sim_diags_print(&r->ds, stderr);
    }
    rc = r->ds.errors ? 2 : r->ds.warnings && r->o.werror ? 1 : 0;
    for ( i = 0; i < nu; i++ )
        free(u[i].g);
    free(u);
    for ( i = 0; i < nn; i++ )
        free(names[i]);
    free(names);
    sim_diags_free(&r->ds);
    return rc;
}

/* pool: the union of RMRRs over several hosts (a guest that may migrate
 * between them must keep all of them free) */
static int cmd_pool(struct run *r, int argc, char **argv)
{
    struct lr_range store[1024];
    struct lr_ranges set;
    unsigned int i, total = 0, errors = 0;
    int a;

    lr_ranges_init(&set, store, 1024);
    for ( a = 0; a < argc; a++ )
    {
        struct dmar d;

        if ( dmar_load(argv[a], &d) )
        {
            fprintf(stderr, "error SIM-POOL-BAD-DMAR (%s): %u error(s); its"
                    " readable RMRRs are used\n", argv[a], d.errors);
            errors++;
        }
        for ( i = 0; i < d.nr_rmrr; i++ )
        {
            struct lr_region reg;

            if ( dmar_rmrr_to_region(&d.rmrr[i], LR_POLICY_RELAXED, &reg) )
                continue;
            total++;
            if ( lr_ranges_add(&set, &reg.range) != LR_OK )
            {
                fprintf(stderr, "error SIM-TOO-MANY: more than 1024"
                        " distinct ranges\n");
                dmar_free(&d);
                return 2;
            }
        }
        dmar_free(&d);
    }
    printf("%d host(s), %u RMRR(s), %u distinct range(s) to keep free in"
           " every guest that may run on any of them:\n", argc, total,
           set.nr);
    for ( i = 0; i < set.nr; i++ )
    {
        char s[32];

        size_text(s, sizeof(s), lr_range_size(&set.r[i]));
        printf("0x%016llx-0x%016llx %9s\n",
               (unsigned long long)set.r[i].base,
               (unsigned long long)set.r[i].last, s);
    }
    (void)r;
    return errors ? 2 : 0;
}

/* costs: what each reservation costs this guest, strategy by strategy:
 * the layout with it against the layout without it. */
static int cmd_costs(struct run *r)
{
    static const enum lr_strategy all[] = {
        LR_STRATEGY_XEN_COMPAT, LR_STRATEGY_PUNCH, LR_STRATEGY_PACK,
    };
    static struct lr_input without, stock;
    static struct lr_layout lw;
    unsigned int i, k, j, warnings;
    bool have_stock;
    char a[32], b[32];

    load_inputs(r);
    /* xen-compat is costed on stock xl's input: the RMRRs stock leaves
     * unreserved (rdm= ignored) cost it nothing and are said to be so. */
    lay_out(r, LR_STRATEGY_XEN_COMPAT);
    have_stock = r->laid;
    stock = r->in;
    lay_out(r, LR_STRATEGY_PUNCH);
    if ( !r->laid || !have_stock )
    {
        sim_diags_print(&r->ds, stderr);
        free_run(r);
        return 2;
    }
    print_header(r, stdout);
    printf("\n%-38s %-11s %10s %10s %7s %s\n", "RESERVATION", "STRATEGY",
           "DISPLACED", "BELOW-4G", "1G-LOST", "OUTCOME");
    for ( i = 0; i < r->in.nr_regions; i++ )
        for ( k = 0; k < 3; k++ )
        {
            const struct lr_region *g = &r->in.regions[i];
            struct lr_input *in = &r->in;
            unsigned int at = i;
            struct lr_stats with;
            enum lr_status st;
            bool dropped = false;
            char name[48];

            snprintf(name, sizeof(name), "0x%llx %s",
                     (unsigned long long)g->range.base, g->owner);
            if ( all[k] == LR_STRATEGY_XEN_COMPAT )
            {
                in = &stock;
                for ( at = 0; at < stock.nr_regions; at++ )
                    if ( stock.regions[at].src == g->src &&
                         stock.regions[at].kind == g->kind &&
                         stock.regions[at].range.base == g->range.base )
                        break;
                if ( at == stock.nr_regions )
                {
                    printf("%-38.38s %-11s %10s %10s %7s %s\n", k ? "" : name,
                           lr_strategy_name(all[k]), "-", "-", "-",
                           "not reserved (stock xl ignores rdm=; device DMA"
                           " may hit guest RAM)");
                    continue;
                }
            }
            in->cfg.strategy = all[k];
            st = lr_layout_build(in, &r->lay);
            with = r->lay.stats;
            for ( j = 0; j < r->lay.nr_dropped; j++ )
                dropped |= r->lay.dropped[j].src == g->src &&
                           r->lay.dropped[j].range.base == g->range.base;
            without = *in;
            memmove(&without.regions[at], &without.regions[at + 1],
                    (without.nr_regions - at - 1) *
                    sizeof(without.regions[0]));
            without.nr_regions--;
            if ( lr_layout_build(&without, &lw) != LR_OK )
            {
                /* another reservation fails the build: no cost to give */
                printf("%-38.38s %-11s %10s %10s %7s %s\n", k ? "" : name,
                       lr_strategy_name(all[k]), "-", "-", "-",
                       st != LR_OK ? "build fails (also without it)" :
                       "build fails without it");
                continue;
            }
            size_text(a, sizeof(a), with.displaced > lw.stats.displaced ?
                      with.displaced - lw.stats.displaced : 0);
            size_text(b, sizeof(b), lw.stats.ram_below_4g >
                      with.ram_below_4g ? lw.stats.ram_below_4g -
                      with.ram_below_4g : 0);
            printf("%-38.38s %-11s %10s %10s %7d %s\n", k ? "" : name,
                   lr_strategy_name(all[k]), a, b,
                   (int)lw.stats.map_1g - (int)with.map_1g,
                   st != LR_OK ? "build fails" : dropped ?
                   "dropped (device DMA hits guest RAM)" : "honoured");
        }
    printf("\nDISPLACED: RAM it moves above 4 GiB; BELOW-4G: lowmem it costs;"
           " 1G-LOST: 1 GiB\nmappings the domain builder loses to it.\n");
    sim_diags_print(&r->ds, stderr);
    warnings = r->ds.warnings;
    i = r->ds.errors ? 2 : warnings && r->o.werror ? 1 : 0;
    free_run(r);
    return (int)i;
}

/* check-memmap: validate memmap=SIZE!OFFSET (or $, @) against a machine's
 * /proc/iomem, or propose one for a SIZE. */
static int check_one_memmap(const struct iomem *m, const char *spec)
{
    const char *sep = strpbrk(spec, "!$@#");
    char size_s[64];
    uint64_t size, base, last;
    unsigned int i, spans = 0, bad = 0;
    int ram = -1;

    if ( !sep )
    {
        /* propose: the highest RAM entry where a 128 MiB aligned range of
         * this size fits, clear of the kernel image */
        uint64_t best = 0;
        bool found = false;

        if ( lr_parse_size(spec, &size) != LR_OK || !size )
        {
            printf("error MEMMAP-SYNTAX: '%s' is neither SIZE!OFFSET nor a"
                   " SIZE\n", spec);
            return 2;
        }
        for ( i = 0; i < m->nr; i++ )
        {
            const struct iomem_entry *e = &m->e[i];
            uint64_t b0, top;
            unsigned int j;

            if ( e->depth || strcmp(e->name, "System RAM") )
                continue;
            top = e->last + 1;
            /* lowest base above any kernel part inside this entry */
            b0 = (e->base + (128 * MIB) - 1) & ~(128 * MIB - 1);
            for ( j = i + 1; j < m->nr && m->e[j].depth > 0; j++ )
                if ( !strncmp(m->e[j].name, "Kernel ", 7) &&
                     m->e[j].last >= b0 )
                    b0 = (m->e[j].last + 128 * MIB) & ~(128 * MIB - 1);
            if ( top < size || b0 > top - size )
                continue;
            /* highest aligned base that fits */
            b0 = (top - size) & ~(128 * MIB - 1);
            if ( b0 >= e->base && (!found || b0 > best) )
            {
                best = b0;
                found = true;
            }
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
    snprintf(size_s, sizeof(size_s), "%.*s", (int)(sep - spec), spec);
    if ( lr_parse_size(size_s, &size) != LR_OK || !size ||
         lr_parse_size(sep + 1, &base) != LR_OK || base + size < base )
    {
        printf("error MEMMAP-SYNTAX: '%s': SIZE%cOFFSET with K/M/G"
               " suffixes or 0x numbers\n", spec, *sep);
        return 2;
    }
    last = base + size - 1;
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
            bad++;
        }
    }
    if ( ram < 0 && !bad )
    {
        printf("error MEMMAP-NOT-RAM: %s 0x%llx-0x%llx is %s\n", spec,
               (unsigned long long)base, (unsigned long long)last,
               spans > 1 ? "split over several System RAM entries (the"
               " kernel makes one device per piece)" :
               "in no System RAM entry (a hole)");
        bad++;
    }
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
    if ( *sep == '!' && ((base | size) & (128 * MIB - 1)) )
    {
        printf("%s MEMMAP-ALIGN: %s: Linux wants pmem on 128 MiB memory"
               " sections (fsdax with struct pages: 'invalid altmap' or"
               " EINVAL)%s\n", (base | size) & (LR_2M - 1) ? "error" :
               "warning", spec, (base | size) & (LR_2M - 1) ?
               ", and 2 MiB even for devdax" : "; 2 MiB is enough for"
               " devdax");
        bad += ((base | size) & (LR_2M - 1)) != 0;
    }
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

static int cmd_check_memmap(struct run *r, int argc, char **argv)
{
    int i, rc = 0;

    sim_diags_init(&r->ds);
    if ( !r->o.iomem || iomem_load(r->o.iomem, &r->iomem, &r->ds) )
    {
        if ( !r->o.iomem )
            fprintf(stderr, "%s: error SIM-USAGE: check-memmap needs"
                    " --iomem FILE (the machine's /proc/iomem)\n", prog);
        sim_diags_print(&r->ds, stderr);
        free_run(r);
        return 2;
    }
    sim_diags_print(&r->ds, stderr);
    /* pmem the firmware reserved but no driver claimed: no /dev/pmem */
    for ( i = 0; i < (int)r->iomem.nr; i++ )
    {
        const struct iomem_entry *e = &r->iomem.e[i];

        if ( iomem_is_pmem(e) && (i + 1 == (int)r->iomem.nr ||
                                  r->iomem.e[i + 1].parent != i) )
            printf("note MEMMAP-NO-DRIVER: %s 0x%llx-0x%llx is reserved,"
                   " no driver bound: no /dev/pmem until nd_pmem (and"
                   " nd_e820 for memmap=!) is loaded\n", e->name,
                   (unsigned long long)e->base,
                   (unsigned long long)e->last);
    }
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

/* ------------------------------------------------------------------------ */

static void usage(FILE *f)
{
    fprintf(f,
"usage: %s [plan] --config XL.CFG [--dmar FILE] [--iomem FILE]\n"
"                  [--ndctl FILE] [--strategy punch|pack|superpage|\n"
"                  xen-compat]\n"
"                  [--format table|json|svg|e820|memmap|xenstore|xl|aml|asl|\n"
"                  bars] [--out DIR (aml)] [--domid N (xenstore)] [--werror]\n"
"                  [--device SLOT.FN:BAR=SIZE[/64],... ...] [--bars FILE]\n"
"       %s [plan] --xenstore-dump DUMP [--domid N] [--strategy S]\n"
"                  [--format ...] [--out DIR] [--werror] [--device ...]\n"
"                  [--bars FILE]\n"
"       %s [plan] --domid N [--strategy S] [--format ...] [--werror]\n"
"                  (live xenstore, in dom0)\n"
"       %s compare --config XL.CFG [--dmar FILE] [--iomem FILE]\n"
"                  [--ndctl FILE] [--format table|json|svg] [--werror]\n"
"       %s fleet DIR --config XL.CFG [--sizes 1,4,16,64] [--strategy S]\n"
"                  [--format table|json] [--werror]\n"
"       %s pool DMAR...\n"
"       %s costs --config XL.CFG --dmar FILE [--iomem FILE]\n"
"                  [--ndctl FILE] [--werror]\n"
"       %s check-memmap --iomem FILE SIZE!OFFSET|SIZE...\n"
"\n"
"Lays out the guest-physical memory of a Xen HVM guest around reserved\n"
"regions (VT-d RMRRs of the host, vNVDIMMs) as the libreserve engine does,\n"
"and says what stock Xen does (--strategy xen-compat).  Data on stdout,\n"
"diagnostics on stderr.  Exit status: 0 fine, 1 warnings with --werror,\n"
"2 errors (an option a command does not take is one).  See\n"
"xen-layout(1) and docs/xen-layout.md.\n", prog, prog, prog,
            prog, prog, prog, prog, prog);
}

static int parse_args(int argc, char **argv, struct opts *o)
{
    static const struct option lo[] = {
        { "config", required_argument, NULL, 'c' },
        { "dmar", required_argument, NULL, 'd' },
        { "iomem", required_argument, NULL, 'i' },
        { "ndctl", required_argument, NULL, 'n' },
        { "strategy", required_argument, NULL, 's' },
        { "format", required_argument, NULL, 'f' },
        { "domid", required_argument, NULL, 'D' },
        { "sizes", required_argument, NULL, 'S' },
        { "xenstore-dump", required_argument, NULL, 'X' },
        { "out", required_argument, NULL, 'o' },
        { "werror", no_argument, NULL, 'W' },
        { "device", required_argument, NULL, 'P' },
        { "bars", required_argument, NULL, 'B' },
        /* the entries above are in enum opt's order */
        { "help", no_argument, NULL, 'h' },
        { NULL, 0, NULL, 0 },
    };
    int c;

    memset(o, 0, sizeof(*o));
    o->strategy = LR_STRATEGY_PUNCH;
    o->fmt = FMT_TABLE;
    o->domid = -1;
    while ( (c = getopt_long(argc, argv, "c:d:i:n:s:f:D:S:X:o:Wh", lo,
                             NULL)) != -1 )
    {
        unsigned int k;
        uint64_t v;

        for ( k = 0; k < OPT_NR; k++ )
            if ( lo[k].val == c )
                o->given |= 1u << k;
        switch ( c )
        {
        case 'c': o->config = optarg; break;
        case 'd': o->dmar = optarg; break;
        case 'i': o->iomem = optarg; break;
        case 'n': o->ndctl = optarg; break;
        case 'S': o->sizes = optarg; break;
        case 'X': o->xsdump = optarg; break;
        case 'W': o->werror = true; break;
        case 'P':
        case 'B':
        {
            char err[600];

            if ( (c == 'P' ? pcidev_parse(&o->devs, optarg, err, sizeof(err))
                           : pcidev_load(&o->devs, optarg, err,
                                         sizeof(err))) )
            {
                fprintf(stderr, "%s: error SIM-USAGE: --%s: %s\n", prog,
                        c == 'P' ? "device" : "bars", err);
                return -1;
            }
            break;
        }
        case 'h':
            usage(stdout);
            exit(0);
        case 's':
            o->strategy_given = true;
            if ( lr_strategy_parse(optarg, &o->strategy) != LR_OK )
            {
                fprintf(stderr, "%s: error SIM-USAGE: unknown strategy"
                        " '%s' (punch, pack, xen-compat)\n", prog, optarg);
                return -1;
            }
            break;
        case 'f':
            for ( k = 0; k < sizeof(fmt_names) / sizeof(fmt_names[0]); k++ )
                if ( !strcmp(optarg, fmt_names[k]) )
                    break;
            if ( k == sizeof(fmt_names) / sizeof(fmt_names[0]) )
            {
                fprintf(stderr, "%s: error SIM-USAGE: unknown format '%s'"
                        " (table, json, svg, e820, memmap, xenstore, xl,"
                        " aml, asl, bars)\n",
                        prog, optarg);
                return -1;
            }
            o->fmt = k;
            break;
        case 'o':
            o->out = optarg;
            break;
        case 'D':
            if ( lr_parse_u64(optarg, &v) != LR_OK || v > 0x7fef )
            {
                fprintf(stderr, "%s: error SIM-USAGE: --domid %s is not a"
                        " domain id\n", prog, optarg);
                return -1;
            }
            o->domid = (int)v;
            break;
        default:
            usage(stderr);
            return -1;
        }
    }
    return 0;
}

/*
 * Every option a command does not use is a usage error naming it, never
 * silently ignored.  'allowed' is the command's set (OPT() bits); formats
 * is the list of --format values it renders (NULL: any).
 */
static int check_opts(const struct opts *o, const char *cmd,
                      unsigned int allowed, const char *why,
                      const enum fmt *formats, unsigned int nf)
{
    unsigned int k;

    for ( k = 0; k < OPT_NR; k++ )
        if ( (o->given & (1u << k)) && !(allowed & (1u << k)) )
        {
            fprintf(stderr, "%s: error SIM-USAGE: %s does not take --%s%s%s"
                    "\n", prog, cmd, opt_names[k], why ? ": " : "",
                    why ? why : "");
            return -1;
        }
    if ( formats && (o->given & OPT(FORMAT)) )
    {
        for ( k = 0; k < nf; k++ )
            if ( o->fmt == formats[k] )
                return 0;
        fprintf(stderr, "%s: error SIM-USAGE: %s does not take --format %s"
                " (it renders:", prog, cmd, fmt_names[o->fmt]);
        for ( k = 0; k < nf; k++ )
            fprintf(stderr, " %s", fmt_names[formats[k]]);
        fprintf(stderr, ")\n");
        return -1;
    }
    return 0;
}

/* No operand where a command takes none. */
static int no_operands(const char *cmd, int argc, char **argv)
{
    if ( optind >= argc )
        return 0;
    fprintf(stderr, "%s: error SIM-USAGE: %s: unexpected '%s'\n", prog, cmd,
            argv[optind]);
    return -1;
}

int main(int argc, char **argv)
{
    static const enum fmt table_json[] = { FMT_TABLE, FMT_JSON };
    static const enum fmt table_json_svg[] = { FMT_TABLE, FMT_JSON, FMT_SVG };
    static const enum fmt table_only[] = { FMT_TABLE };
    static struct run r;        /* big: keep it off the stack */
    const char *cmd = "plan";
    int first = 1;

    if ( argc > 1 && argv[1][0] != '-' )
    {
        cmd = argv[1];
        first = 2;
    }
    if ( parse_args(argc - first + 1, argv + first - 1, &r.o) )
        return 2;
    argc -= first - 1;
    argv += first - 1;

    if ( !strcmp(cmd, "pool") )
    {
        if ( check_opts(&r.o, "pool", 0, "it reads only the DMAR files"
                        " given", NULL, 0) )
            return 2;
        if ( optind >= argc )
        {
            fprintf(stderr, "%s: error SIM-USAGE: pool needs DMAR files\n",
                    prog);
            return 2;
        }
        return cmd_pool(&r, argc - optind, argv + optind);
    }
    if ( !strcmp(cmd, "check-memmap") )
    {
        if ( check_opts(&r.o, "check-memmap", OPT(IOMEM), "it reads only"
                        " --iomem and the ranges given", NULL, 0) )
            return 2;
        if ( optind >= argc )
        {
            fprintf(stderr, "%s: error SIM-USAGE: check-memmap needs"
                    " SIZE!OFFSET or SIZE arguments\n", prog);
            return 2;
        }
        return cmd_check_memmap(&r, argc - optind, argv + optind);
    }
    if ( !strcmp(cmd, "plan") && r.o.xsdump && r.o.config )
    {
        fprintf(stderr, "%s: error SIM-USAGE: --xenstore-dump and --config"
                " exclude each other (one input per plan)\n", prog);
        return 2;
    }
    if ( !strcmp(cmd, "plan") && !r.o.config &&
         (r.o.xsdump || (r.o.domid >= 0 && r.o.fmt != FMT_XENSTORE)) )
    {
        /* the input is the libreserve schema in xenstore: no host facts */
        if ( check_opts(&r.o, r.o.xsdump ? "plan --xenstore-dump" :
                        "plan --domid (live)",
                        OPT(XSDUMP) | OPT(DOMID) | OPT(STRATEGY) |
                        OPT(FORMAT) | OPT(OUT) | OPT(WERROR) | OPT(DEVICE) |
                        OPT(BARS),
                        "the layout comes from the xenstore schema", NULL,
                        0) ||
             no_operands("plan", argc, argv) )
            return 2;
        r.o.live = !r.o.xsdump;
    }
    else if ( !strcmp(cmd, "plan") )
    {
        if ( check_opts(&r.o, "plan", OPT(CONFIG) | OPT(DMAR) |
                        OPT(IOMEM) | OPT(NDCTL) | OPT(STRATEGY) |
                        OPT(FORMAT) | OPT(DOMID) | OPT(OUT) | OPT(WERROR) |
                        OPT(DEVICE) | OPT(BARS),
                        NULL, NULL, 0) ||
             no_operands("plan", argc, argv) )
            return 2;
        if ( r.o.domid >= 0 && r.o.fmt != FMT_XENSTORE )
        {
            fprintf(stderr, "%s: error SIM-USAGE: with --config, --domid"
                    " only fills the domain id of --format xenstore\n",
                    prog);
            return 2;
        }
    }
    else if ( !strcmp(cmd, "compare") )
    {
        if ( check_opts(&r.o, "compare", OPT(CONFIG) | OPT(DMAR) |
                        OPT(IOMEM) | OPT(NDCTL) | OPT(FORMAT) |
                        OPT(WERROR), "it lays the guest out with every"
                        " strategy, from --config and host facts",
                        table_json_svg, 3) ||
             no_operands("compare", argc, argv) )
            return 2;
        r.o.cmd_compare = true;
    }
    else if ( !strcmp(cmd, "costs") )
    {
        if ( check_opts(&r.o, "costs", OPT(CONFIG) | OPT(DMAR) |
                        OPT(IOMEM) | OPT(NDCTL) | OPT(FORMAT) |
                        OPT(WERROR), "it costs every reservation under"
                        " every strategy, from --config and host facts",
                        table_only, 1) ||
             no_operands("costs", argc, argv) )
            return 2;
    }
    else if ( !strcmp(cmd, "fleet") )
    {
        if ( check_opts(&r.o, "fleet", OPT(CONFIG) | OPT(SIZES) |
                        OPT(STRATEGY) | OPT(FORMAT) | OPT(WERROR),
                        "it reads every *.bin DMAR table of DIR with"
                        " --config", table_json, 2) )
            return 2;
        if ( optind + 1 != argc )
        {
            fprintf(stderr, "%s: error SIM-USAGE: fleet needs one"
                    " folder\n", prog);
            return 2;
        }
    }
    else
    {
        fprintf(stderr, "%s: error SIM-USAGE: unknown command '%s'\n", prog,
                cmd);
        usage(stderr);
        return 2;
    }
    if ( !strcmp(cmd, "plan") && r.o.out && r.o.fmt != FMT_AML )
    {
        fprintf(stderr, "%s: error SIM-USAGE: --out DIR is for --format aml"
                " only (the other formats go to stdout)\n", prog);
        return 2;
    }
    if ( !r.o.config && !r.o.xsdump && !r.o.live )
    {
        fprintf(stderr, "%s: error SIM-USAGE: --config XL.CFG is"
                " required\n", prog);
        usage(stderr);
        return 2;
    }
    if ( !strcmp(cmd, "plan") )
        return cmd_plan(&r);
    if ( !strcmp(cmd, "compare") )
        return cmd_compare(&r);
    if ( !strcmp(cmd, "costs") )
        return cmd_costs(&r);
    return cmd_fleet(&r, argv[optind]);
}
