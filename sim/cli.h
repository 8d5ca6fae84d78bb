/* SPDX-License-Identifier: MIT */
/*
 * xen-layout's insides, shared by its commands (sim/cmd_*.c) and its
 * output formats (sim/fmt_*.c, behind sim/format.h): the options, one
 * run's state, loading and laying out, diagnostics and exit status, and
 * the text and JSON pieces more than one command prints.
 * sim/xen-layout.c parses the arguments and dispatches.
 */
#ifndef SIM_CLI_H
#define SIM_CLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <json-c/json.h>
#include <libreserve/layout.h>

#include "dmar.h"
#include "iomem.h"
#include "ndctl.h"
#include "pcidev.h"
#include "simdiag.h"
#include "xlcfg.h"

#define MIB             (1ULL << 20)
#define GIB             (1ULL << 30)
#define E820_CAP        (LR_MAX_RAM + LR_MAX_RESERVED + 16)

struct sim_format;

/* Options, as bits of struct opts.given: which command takes which. */
enum opt {
    OPT_CONFIG, OPT_DMAR, OPT_IOMEM, OPT_NDCTL, OPT_STRATEGY, OPT_FORMAT,
    OPT_DOMID, OPT_SIZES, OPT_XSDUMP, OPT_OUT, OPT_WERROR, OPT_DEVICE,
    OPT_BARS, OPT_NR,
};

#define OPT(x)          (1u << OPT_##x)

struct opts {
    unsigned int given;         /* OPT() bits of the options given */
    const char *config;
    const char *dmar;
    const char *iomem;
    const char *ndctl;
    enum lr_strategy strategy;
    const struct sim_format *fmt;
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
    struct lr_layout lay;       /* its storage: lay_store */
    struct lr_layout_store lay_store;
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

/* "xen-layout": the name messages start with. */
extern const char *const cli_prog;

/* ---- the commands (sim/cmd_*.c): operands are what follows the options */

int cmd_plan(struct run *r, int argc, char **argv);
int cmd_compare(struct run *r, int argc, char **argv);
int cmd_fleet(struct run *r, int argc, char **argv);
int cmd_pool(struct run *r, int argc, char **argv);
int cmd_costs(struct run *r, int argc, char **argv);
int cmd_check_memmap(struct run *r, int argc, char **argv);

/* ---- a run (sim/run.c, sim/run_xenstore.c) */

/* Read --config and the host facts given into r; check the vNVDIMM
 * backends against them.  0, or -1 with the errors in r->ds. */
int load_inputs(struct run *r);

/* The input from the libreserve schema in xenstore: a `xenstore-ls -f`
 * dump (--xenstore-dump) or the live store (--domid).  0 or -1. */
int load_xsdump(struct run *r);

/* Host-fact checks of the vNVDIMM backends (sim/backends.c). */
void check_backends(struct run *r);

/* true (said on stderr) when a backend dom0 has bound, or that is not
 * persistent memory, would be handed to the guest. */
bool refuse_backend(const struct run *r);

/* Run the engine on r->in; a failed layout is kept (r->lay.status). */
void build(struct run *r);

/* Build the input from the config and lay it out with strategy s. */
void lay_out(struct run *r, enum lr_strategy s);

void free_run(struct run *r);

/* The readers' diagnostics, then the engine's, on f. */
void print_diags(const struct run *r, FILE *f);

/* 0 fine, 1 warnings under --werror, 2 errors. */
int exit_status(const struct run *r);

/* Severity of every diagnostic of a run, in one scale. */
unsigned int lr_sev_to_sim(unsigned int s);

/* ---- text pieces (sim/text.c) */

/* Exact when short ("640 KiB"), else two decimals of the largest unit. */
void size_text(char *buf, size_t len, uint64_t bytes);

/* "0x%016llx". */
void hex(char *buf, size_t len, uint64_t v);

/* "strategy=host,policy=relaxed" (a static buffer). */
const char *rdm_text(const struct xlcfg *c);

/* The guest, policy and host lines over a table. */
void print_header(const struct run *r, FILE *f);

/* One line per region: start, last, size, kind, policy, owner. */
void print_region_rows(const struct lr_region *g, unsigned int n, FILE *f);

/* ---- JSON pieces (sim/json_out.c), schema xen-layout/2 */

/*
 * Schema xen-layout/2 (docs/xen-layout.schema.json): every field has one
 * meaning in every strategy, and its unit in its name (_bytes, _mib,
 * _count, _end: an exclusive end address) or in the schema.
 */
#define JSON_SCHEMA     "xen-layout/2"

/* o[key] = v, as json-c's uint64, int, string or boolean. */
void jadd_u64(json_object *o, const char *key, uint64_t v);
void jadd_int(json_object *o, const char *key, int v);
void jadd_str(json_object *o, const char *key, const char *v);
void jadd_bool(json_object *o, const char *key, bool v);

json_object *jhex(uint64_t v);
json_object *jrange(const struct lr_range *r);
json_object *jregions(const struct lr_region *g, unsigned int n);
json_object *jstats(const struct lr_layout *l, unsigned int unres);
json_object *jdiag(const char *source, const char *code, unsigned int sev,
                   const char *where, const char *msg);

/* The reader a diagnostic code comes from: "xl.cfg", "dmar", ... */
const char *sim_source(const char *code);

/* The readers' and the simulator's diagnostics alone (compare, fleet). */
json_object *jdiags_sim(const struct sim_diags *ds);

/* The config object; with the strategy when 'strategy'. */
json_object *jconfig(const struct run *r, bool strategy);

/* A document {"schema", "command", ...} begun; json_print ends it. */
json_object *json_doc(const char *command);

/* Print root, pretty, on f and release it. */
void json_print(json_object *root, FILE *f);

#endif /* SIM_CLI_H */
