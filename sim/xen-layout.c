/* SPDX-License-Identifier: MIT */
/*
 * xen-layout: the admin simulator.  Reads an xl.cfg and host facts (DMAR,
 * /proc/iomem, ndctl list), runs the libreserve engine and prints the
 * guest layout, with every conflict named.  Data on stdout, messages on
 * stderr.  Exit status: 0 fine, 1 warnings under --werror, 2 errors.
 * docs/xen-layout.md is the manual.
 *
 * This file parses the arguments and dispatches through the table of
 * commands below (one sim/cmd_*.c each); what a command takes is data in
 * its row.  The output formats of plan are sim/fmt_*.c (sim/format.h).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libreserve/fmt.h>

#include "cli.h"
#include "format.h"

const char *const cli_prog = "xen-layout";

static const char *const opt_names[OPT_NR] = {
    [OPT_CONFIG] = "config", [OPT_DMAR] = "dmar", [OPT_IOMEM] = "iomem",
    [OPT_NDCTL] = "ndctl", [OPT_STRATEGY] = "strategy",
    [OPT_FORMAT] = "format", [OPT_DOMID] = "domid", [OPT_SIZES] = "sizes",
    [OPT_XSDUMP] = "xenstore-dump", [OPT_OUT] = "out",
    [OPT_WERROR] = "werror", [OPT_DEVICE] = "device", [OPT_BARS] = "bars",
};

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
"xen-layout(1) and docs/xen-layout.md.\n", cli_prog, cli_prog, cli_prog,
            cli_prog, cli_prog, cli_prog, cli_prog, cli_prog);
}

/* --format NAME into o; -1 (said) for a name no format has. */
static int parse_format(const char *name, struct opts *o)
{
    unsigned int k;

    o->fmt = sim_format_find(name);
    if ( o->fmt )
        return 0;
    fprintf(stderr, "%s: error SIM-USAGE: unknown format '%s' (", cli_prog,
            name);
    for ( k = 0; sim_formats[k]; k++ )
        fprintf(stderr, "%s%s", k ? ", " : "", sim_formats[k]->name);
    fprintf(stderr, ")\n");
    return -1;
}

/* --device SPEC (c 'P') or --bars FILE (c 'B') into o->devs. */
static int parse_devices(int c, const char *arg, struct opts *o)
{
    char err[600];

    if ( !(c == 'P' ? pcidev_parse(&o->devs, arg, err, sizeof(err))
                    : pcidev_load(&o->devs, arg, err, sizeof(err))) )
        return 0;
    fprintf(stderr, "%s: error SIM-USAGE: --%s: %s\n", cli_prog,
            c == 'P' ? "device" : "bars", err);
    return -1;
}

static int parse_domid(const char *arg, struct opts *o)
{
    uint64_t v;

    if ( lr_parse_u64(arg, &v) != LR_OK || v > 0x7fef )
    {
        fprintf(stderr, "%s: error SIM-USAGE: --domid %s is not a"
                " domain id\n", cli_prog, arg);
        return -1;
    }
    o->domid = (int)v;
    return 0;
}

/* One option c (getopt_long's value) with its argument into o. */
static int take_option(int c, const char *arg, struct opts *o)
{
    switch ( c )
    {
    case 'c': o->config = arg; return 0;
    case 'd': o->dmar = arg; return 0;
    case 'i': o->iomem = arg; return 0;
    case 'n': o->ndctl = arg; return 0;
    case 'S': o->sizes = arg; return 0;
    case 'X': o->xsdump = arg; return 0;
    case 'W': o->werror = true; return 0;
    case 'o': o->out = arg; return 0;
    case 'P':
    case 'B':
        return parse_devices(c, arg, o);
    case 'h':
        usage(stdout);
        exit(0);
    case 's':
        o->strategy_given = true;
        if ( lr_strategy_parse(arg, &o->strategy) == LR_OK )
            return 0;
        fprintf(stderr, "%s: error SIM-USAGE: unknown strategy"
                " '%s' (punch, pack, xen-compat)\n", cli_prog, arg);
        return -1;
    case 'f':
        return parse_format(arg, o);
    case 'D':
        return parse_domid(arg, o);
    default:
        usage(stderr);
        return -1;
    }
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
    o->fmt = &sim_fmt_table;
    o->domid = -1;
    while ( (c = getopt_long(argc, argv, "c:d:i:n:s:f:D:S:X:o:Wh", lo,
                             NULL)) != -1 )
    {
        unsigned int k;

        for ( k = 0; k < OPT_NR; k++ )
            if ( lo[k].val == c )
                o->given |= 1u << k;
        if ( take_option(c, optarg, o) )
            return -1;
    }
    return 0;
}

/* ------------------------------------------------------------------------ */
/* the commands                                                             */

enum operands {
    OPERANDS_NONE,              /* none: an operand is a usage error */
    OPERANDS_ONE,               /* exactly one */
    OPERANDS_SOME,              /* one or more */
};

/* An option taken only with one --format. */
struct fmt_rule {
    unsigned int opt;           /* OPT() bit; 0 ends a list */
    const char *format;
    const char *why;            /* the whole message */
};

struct command {
    const char *name;           /* the command word */
    const char *label;          /* the command in messages on options */
    /* Picks among rows of one name (the first that holds); NULL: any. */
    bool (*when)(const struct opts *o);
    unsigned int excl;          /* OPT() bits that exclude each other */
    const char *excl_why;
    unsigned int allowed;       /* OPT() bits; any other is refused */
    const char *why;            /* said with a refused option, or NULL */
    const char *formats;        /* the --format values it renders, or
                                   NULL for all of them */
    enum operands operands;
    const char *operands_need;  /* said when operands are missing */
    const struct fmt_rule *rules;
    bool needs_config;          /* --config XL.CFG is required */
    int (*run)(struct run *r, int argc, char **argv);
};

/* plan's input is the libreserve schema in xenstore: no host facts */
static bool from_dump(const struct opts *o)
{
    return !o->config && o->xsdump;
}

static bool from_live_store(const struct opts *o)
{
    return !o->config && !o->xsdump && o->domid >= 0 &&
           o->fmt != &sim_fmt_xenstore;
}

#define PLAN_OPTS       (OPT(STRATEGY) | OPT(FORMAT) | OPT(DOMID) | \
                         OPT(OUT) | OPT(WERROR) | OPT(DEVICE) | OPT(BARS))
#define HOST_OPTS       (OPT(CONFIG) | OPT(DMAR) | OPT(IOMEM) | OPT(NDCTL))
#define XS_WHY          "the layout comes from the xenstore schema"

static const struct fmt_rule out_rule[] = {
    { OPT(OUT), "aml", "--out DIR is for --format aml only (the other"
      " formats go to stdout)" },
    { 0, NULL, NULL },
};

static const struct fmt_rule plan_rules[] = {
    { OPT(DOMID), "xenstore", "with --config, --domid only fills the"
      " domain id of --format xenstore" },
    { OPT(OUT), "aml", "--out DIR is for --format aml only (the other"
      " formats go to stdout)" },
    { 0, NULL, NULL },
};

static const struct command commands[] = {
    { "plan", "plan --xenstore-dump", from_dump, 0, NULL,
      OPT(XSDUMP) | PLAN_OPTS, XS_WHY, NULL, OPERANDS_NONE, NULL,
      out_rule, false, cmd_plan },
    { "plan", "plan --domid (live)", from_live_store, 0, NULL,
      OPT(XSDUMP) | PLAN_OPTS, XS_WHY, NULL, OPERANDS_NONE, NULL,
      out_rule, false, cmd_plan },
    { "plan", "plan", NULL, OPT(XSDUMP) | OPT(CONFIG),
      "--xenstore-dump and --config exclude each other (one input per"
      " plan)",
      HOST_OPTS | PLAN_OPTS, NULL, NULL, OPERANDS_NONE, NULL, plan_rules,
      true, cmd_plan },
    { "compare", "compare", NULL, 0, NULL,
      HOST_OPTS | OPT(FORMAT) | OPT(WERROR), "it lays the guest out with"
      " every strategy, from --config and host facts", "table json svg",
      OPERANDS_NONE, NULL, NULL, true, cmd_compare },
    { "costs", "costs", NULL, 0, NULL,
      HOST_OPTS | OPT(FORMAT) | OPT(WERROR), "it costs every reservation"
      " under every strategy, from --config and host facts", "table",
      OPERANDS_NONE, NULL, NULL, true, cmd_costs },
    { "fleet", "fleet", NULL, 0, NULL,
      OPT(CONFIG) | OPT(SIZES) | OPT(STRATEGY) | OPT(FORMAT) | OPT(WERROR),
      "it reads every *.bin DMAR table of DIR with --config", "table json",
      OPERANDS_ONE, "needs one folder", NULL, true, cmd_fleet },
    { "pool", "pool", NULL, 0, NULL,
      0, "it reads only the DMAR files given", NULL,
      OPERANDS_SOME, "needs DMAR files", NULL, false, cmd_pool },
    { "check-memmap", "check-memmap", NULL, 0, NULL,
      OPT(IOMEM), "it reads only --iomem and the ranges given", NULL,
      OPERANDS_SOME, "needs SIZE!OFFSET or SIZE arguments", NULL, false,
      cmd_check_memmap },
};

static const struct command *find_command(const char *name,
                                          const struct opts *o)
{
    unsigned int i;

    for ( i = 0; i < sizeof(commands) / sizeof(commands[0]); i++ )
        if ( !strcmp(commands[i].name, name) &&
             (!commands[i].when || commands[i].when(o)) )
            return &commands[i];
    return NULL;
}

/* Is the format one of the space-separated names of list? */
static bool fmt_listed(const char *list, const struct sim_format *f)
{
    size_t n = strlen(f->name);
    const char *p;

    for ( p = list; (p = strstr(p, f->name)); p += n )
        if ( (p == list || p[-1] == ' ') && (p[n] == ' ' || !p[n]) )
            return true;
    return false;
}

/*
 * Every option a command does not use is a usage error naming it, never
 * silently ignored; so is a --format it does not render.
 */
static int check_opts(const struct command *c, const struct opts *o)
{
    unsigned int k;

    for ( k = 0; k < OPT_NR; k++ )
        if ( (o->given & (1u << k)) && !(c->allowed & (1u << k)) )
        {
            fprintf(stderr, "%s: error SIM-USAGE: %s does not take --%s%s%s"
                    "\n", cli_prog, c->label, opt_names[k], c->why ? ": " : "",
                    c->why ? c->why : "");
            return -1;
        }
    if ( !c->formats || !(o->given & OPT(FORMAT)) ||
         fmt_listed(c->formats, o->fmt) )
        return 0;
    fprintf(stderr, "%s: error SIM-USAGE: %s does not take --format %s"
            " (it renders: %s)\n", cli_prog, c->label, o->fmt->name,
            c->formats);
    return -1;
}

/* The operands (argv[optind..argc-1]) the command takes. */
static int check_operands(const struct command *c, int argc, char **argv)
{
    int n = argc - optind;

    if ( c->operands == OPERANDS_NONE && n )
    {
        fprintf(stderr, "%s: error SIM-USAGE: %s: unexpected '%s'\n", cli_prog,
                c->name, argv[optind]);
        return -1;
    }
    if ( (c->operands == OPERANDS_ONE && n != 1) ||
         (c->operands == OPERANDS_SOME && n < 1) )
    {
        fprintf(stderr, "%s: error SIM-USAGE: %s %s\n", cli_prog, c->name,
                c->operands_need);
        return -1;
    }
    return 0;
}

/* Everything the row of c says of the options and operands given. */
static int check_command(const struct command *c, const struct opts *o,
                         int argc, char **argv)
{
    const struct fmt_rule *f;

    if ( c->excl && (o->given & c->excl) == c->excl )
    {
        fprintf(stderr, "%s: error SIM-USAGE: %s\n", cli_prog, c->excl_why);
        return -1;
    }
    if ( check_opts(c, o) || check_operands(c, argc, argv) )
        return -1;
    for ( f = c->rules; f && f->opt; f++ )
        if ( (o->given & f->opt) && strcmp(o->fmt->name, f->format) )
        {
            fprintf(stderr, "%s: error SIM-USAGE: %s\n", cli_prog, f->why);
            return -1;
        }
    if ( c->needs_config && !o->config )
    {
        fprintf(stderr, "%s: error SIM-USAGE: --config XL.CFG is"
                " required\n", cli_prog);
        usage(stderr);
        return -1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    static struct run r;        /* big: keep it off the stack */
    const struct command *c;
    const char *cmd = "plan";
    int first = 1;

    if ( argc > 1 && argv[1][0] != '-' )
    {
        cmd = argv[1];
        first = 2;
    }
    lr_layout_init_store(&r.lay, &r.lay_store);
    if ( parse_args(argc - first + 1, argv + first - 1, &r.o) )
        return 2;
    argc -= first - 1;
    argv += first - 1;
    c = find_command(cmd, &r.o);
    if ( !c )
    {
        fprintf(stderr, "%s: error SIM-USAGE: unknown command '%s'\n", cli_prog,
                cmd);
        usage(stderr);
        return 2;
    }
    if ( check_command(c, &r.o, argc, argv) )
        return 2;
    return c->run(&r, argc - optind, argv + optind);
}
