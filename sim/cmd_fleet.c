/* SPDX-License-Identifier: MIT */
/*
 * xen-layout fleet DIR: every DMAR table (*.bin) of a folder against one
 * config at several sizes (--sizes, GiB) and strategies: how many
 * machines fail, drop a reservation, leave RMRRs unreserved under stock
 * xl, or displace RAM; a table or one JSON document.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <libreserve/fmt.h>

#include "cli.h"
#include "format.h"

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
                    " 1..65536, at most %u)\n", cli_prog, tok, cap);
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
#define FLEET_NSIZES 16

struct fleet {
    const char *dir;
    uint64_t sizes[FLEET_NSIZES];
    unsigned int ns;
    enum lr_strategy strat[FLEET_NSTRAT];
    unsigned int nk;
    struct fleet_row rows[FLEET_NSIZES][FLEET_NSTRAT];
    char **names;               /* the tables, sorted */
    unsigned int nn;
    struct fleet_unres *u;      /* the machines with unreserved RMRRs */
    unsigned int nu;
    unsigned int bad;           /* tables with errors */
    unsigned int total_unres;
};

/* The *.bin tables of fl->dir, sorted by name.  0, or -1 (said). */
static int list_tables(struct fleet *fl)
{
    DIR *dp = opendir(fl->dir);
    struct dirent *de;

    if ( !dp )
    {
        fprintf(stderr, "%s: error SIM-IO: %s: %s\n", cli_prog, fl->dir,
                strerror(errno));
        return -1;
    }
    while ( (de = readdir(dp)) )
    {
        size_t l = strlen(de->d_name);
        char **nn2;

        if ( l < 4 || strcmp(de->d_name + l - 4, ".bin") )
            continue;
        nn2 = realloc(fl->names, (fl->nn + 1) * sizeof(*fl->names));
        if ( !nn2 )
            break;
        fl->names = nn2;
        fl->names[fl->nn++] = strdup(de->d_name);
    }
    closedir(dp);
    if ( fl->nn )
        qsort(fl->names, fl->nn, sizeof(*fl->names), name_cmp);
    return 0;
}

/* Keep the nun RMRRs in r->unres stock xl leaves unreserved on machine
 * i, for the list after the table. */
static void keep_unres(const struct run *r, struct fleet *fl,
                       unsigned int i, unsigned int nun)
{
    struct fleet_unres *u = &fl->u[fl->nu];

    u->machine = fl->names[i];
    u->nr = nun;
    u->g = malloc(nun * sizeof(*u->g));
    if ( u->g )
    {
        memcpy(u->g, r->unres, nun * sizeof(*u->g));
        fl->nu++;
    }
    fl->total_unres += nun;
}

/* One machine (DMAR d) at one size with one strategy, counted in fr. */
static void fleet_layout(struct run *r, struct fleet_row *fr,
                         const struct dmar *d, uint64_t size_gib,
                         enum lr_strategy s, unsigned int nun)
{
    struct sim_diags ds;

    sim_diags_init(&ds);
    r->cfg.memory_mib = r->cfg.maxmem_mib = size_gib << 10;
    if ( s == LR_STRATEGY_XEN_COMPAT )
        fr->unreserving += nun > 0;
    if ( xlcfg_to_input(&r->cfg, d, s, &r->in, &ds) ||
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

/* Machine i: its table read once, laid out at every size and strategy. */
static void fleet_machine(struct run *r, struct fleet *fl, unsigned int i)
{
    char path[4096];
    struct dmar d;
    unsigned int nun, s, k;

    snprintf(path, sizeof(path), "%s/%s", fl->dir, fl->names[i]);
    fl->bad += dmar_load(path, &d) != 0;
    /* what stock xl never asks for: the same at every size */
    nun = xlcfg_stock_unreserved(&r->cfg, &d, r->unres, DMAR_MAX_RMRRS);
    if ( nun > DMAR_MAX_RMRRS )
        nun = DMAR_MAX_RMRRS;
    if ( nun && fl->u )
        keep_unres(r, fl, i, nun);
    for ( s = 0; s < fl->ns; s++ )
        for ( k = 0; k < fl->nk; k++ )
            fleet_layout(r, &fl->rows[s][k], &d, fl->sizes[s], fl->strat[k],
                         nun);
    dmar_free(&d);
}

/* One JSON row per size and strategy. */
static json_object *jrows(const struct fleet *fl)
{
    json_object *a = json_object_new_array();
    unsigned int s, k;

    for ( s = 0; s < fl->ns; s++ )
        for ( k = 0; k < fl->nk; k++ )
        {
            const struct fleet_row *fr = &fl->rows[s][k];
            json_object *o = json_object_new_object();

            jadd_u64(o, "size_gib", fl->sizes[s]);
            jadd_str(o, "strategy", lr_strategy_name(fl->strat[k]));
            jadd_int(o, "failed_machine_count", (int)fr->failed);
            jadd_int(o, "dropping_machine_count", (int)fr->dropping);
            jadd_int(o, "unreserved_machine_count", (int)fr->unreserving);
            jadd_int(o, "displacing_machine_count", (int)fr->displacing);
            jadd_u64(o, "displaced_bytes", fr->displaced);
            jadd_u64(o, "map_1g_count", fr->m1g);
            json_object_array_add(a, o);
        }
    return a;
}

static void fleet_json(const struct run *r, const struct fleet *fl)
{
    json_object *root = json_doc("fleet");
    json_object *cfg = json_object_new_object(), *a;
    unsigned int i;

    jadd_str(cfg, "file", r->o.config);
    jadd_str(cfg, "rdm", rdm_text(&r->cfg));
    json_object_object_add(root, "config", cfg);
    jadd_str(root, "dir", fl->dir);
    jadd_int(root, "machine_count", (int)fl->nn);
    jadd_int(root, "bad_table_count", (int)fl->bad);
    json_object_object_add(root, "rows", jrows(fl));
    a = json_object_new_array();
    for ( i = 0; i < fl->nu; i++ )
    {
        json_object *o = json_object_new_object();

        jadd_str(o, "machine", fl->u[i].machine);
        json_object_object_add(o, "unreserved",
                               jregions(fl->u[i].g, fl->u[i].nr));
        json_object_array_add(a, o);
    }
    json_object_object_add(root, "stock_unreserved", a);
    json_object_object_add(root, "diagnostics", jdiags_sim(&r->ds));
    json_print(root, stdout);
}

static void fleet_table(const struct run *r, const struct fleet *fl)
{
    unsigned int s, k;
    char a[32];

    printf("%u machines from %s; guest %s; rdm %s\n\n", fl->nn, fl->dir,
           r->o.config, rdm_text(&r->cfg));
    printf("%6s %-11s %9s %9s %10s %9s %14s %12s\n", "SIZE",
           "STRATEGY", "FAILED", "DROPPING", "UNRESERVED", "DISPLACE",
           "DISPLACED-SUM", "1G-MAPPINGS");
    for ( s = 0; s < fl->ns; s++ )
        for ( k = 0; k < fl->nk; k++ )
        {
            const struct fleet_row *fr = &fl->rows[s][k];

            size_text(a, sizeof(a), fr->displaced);
            printf("%4llu G %-11s %9u %9u %10u %9u %14s %12llu\n",
                   (unsigned long long)fl->sizes[s],
                   lr_strategy_name(fl->strat[k]), fr->failed,
                   fr->dropping, fr->unreserving, fr->displacing, a,
                   (unsigned long long)fr->m1g);
        }
    printf("\nFAILED: strict conflict or error; DROPPING: a reservation"
           " not honoured;\nUNRESERVED: RMRRs asked for that stock xl"
           " never reserves (it ignores rdm=);\nDISPLACE: RAM moved"
           " above 4 GiB by reservations.\n");
}

/* After the table: the RMRRs stock xl leaves unreserved, by machine. */
static void fleet_unres_list(const struct run *r, const struct fleet *fl)
{
    unsigned int i, k;

    if ( !fl->nu )
        return;
    printf("\nnot reserved by stock xl (it ignores rdm=\"%s\"):\n",
           r->cfg.rdm_text);
    for ( i = 0; i < fl->nu; i++ )
    {
        const struct fleet_unres *u = &fl->u[i];

        printf("%s: %u RMRR(s):", u->machine, u->nr);
        for ( k = 0; k < u->nr; k++ )
            printf("%s 0x%llx-0x%llx", k ? "," : "",
                   (unsigned long long)u->g[k].range.base,
                   (unsigned long long)u->g[k].range.last);
        printf("\n");
    }
}

static void fleet_free(struct fleet *fl)
{
    unsigned int i;

    for ( i = 0; i < fl->nu; i++ )
        free(fl->u[i].g);
    free(fl->u);
    for ( i = 0; i < fl->nn; i++ )
        free(fl->names[i]);
    free(fl->names);
}

/* The sizes and strategies to lay out, and the tables.  0 or -1. */
static int fleet_setup(const struct run *r, struct fleet *fl)
{
    static const enum lr_strategy all[FLEET_NSTRAT] = {
        LR_STRATEGY_XEN_COMPAT, LR_STRATEGY_PUNCH, LR_STRATEGY_PACK,
        LR_STRATEGY_SUPERPAGE,
    };
    int ns = parse_sizes(r->o.sizes ? r->o.sizes : "1,4,16,64", fl->sizes,
                         FLEET_NSIZES);
    unsigned int k;

    if ( ns <= 0 )
        return -1;
    fl->ns = (unsigned int)ns;
    /* --strategy: that one strategy only; else all of them */
    for ( k = 0; k < FLEET_NSTRAT; k++ )
        if ( !r->o.strategy_given || all[k] == r->o.strategy )
            fl->strat[fl->nk++] = all[k];
    return list_tables(fl);
}

int cmd_fleet(struct run *r, int argc, char **argv)
{
    static struct fleet fl;
    unsigned int i;
    int rc;

    (void)argc;
    memset(&fl, 0, sizeof(fl));
    fl.dir = argv[0];
    if ( fleet_setup(r, &fl) )
        return 2;
    sim_diags_init(&r->ds);
    if ( xlcfg_load(r->o.config, &r->cfg, &r->ds) )
    {
        sim_diags_print(&r->ds, stderr);
        fleet_free(&fl);
        return 2;
    }
    if ( fl.nn )
        fl.u = calloc(fl.nn, sizeof(*fl.u));
    /* each table read once; counters per size and strategy */
    for ( i = 0; i < fl.nn; i++ )
    {
        fleet_machine(r, &fl, i);
        progress(i + 1, fl.nn);
    }
    if ( fl.bad )
        sim_diag(&r->ds, "SIM-FLEET-BAD-DMAR", SIM_WARN, NULL, "%u table(s)"
                 " with errors (their readable RMRRs were used)", fl.bad);
    if ( fl.nu )
        sim_diag(&r->ds, "XL-RDM-STOCK-UNRESERVED", SIM_WARN, "rdm",
                 "stock xl ignores rdm=\"%s\": on %u of %u machine(s) it"
                 " leaves %u RMRR(s) unreserved (never asked for, so not"
                 " counted as DROPPING)", r->cfg.rdm_text, fl.nu, fl.nn,
                 fl.total_unres);
    if ( r->o.fmt == &sim_fmt_json )
        fleet_json(r, &fl);
    else
    {
        fleet_table(r, &fl);
        fleet_unres_list(r, &fl);
        sim_diags_print(&r->ds, stderr);
    }
    rc = r->ds.errors ? 2 : r->ds.warnings && r->o.werror ? 1 : 0;
    fleet_free(&fl);
    sim_diags_free(&r->ds);
    return rc;
}
