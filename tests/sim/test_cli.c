/* SPDX-License-Identifier: MIT */
/*
 * xen-layout end to end: run the binary on real corpus DMARs and small
 * xl.cfg fixtures, parse its JSON with json-c and check the invariants
 * that do not depend on the code under test:
 *   - no honoured reservation overlaps guest RAM;
 *   - RAM total = memory - video RAM - the 128 KiB VGA hole;
 *   - with rdm strategy=host every RMRR of rmrr.tsv is either reserved or
 *     dropped, at its page-rounded rmrr.tsv address;
 *   - the e820 is sorted and free of overlaps;
 * plus exit codes and the named diagnostic of each bad input.
 *
 * With XL_JSON_DIR set, every JSON document xen-layout prints here is
 * saved there, and tests/sim/validate-json.py checks all of them against
 * docs/xen-layout.schema.json (make check-sim-cli).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>
#include <json-c/json.h>
#include <acpi/nfit.h>

#define FIX     "tests/sim/fixtures/"
#define CORPUS  "tests/data/dmar-corpus/"

static const char *bin(void)
{
    const char *e = getenv("XEN_LAYOUT");

    return e ? e : "build/xen-layout";
}

struct out {
    char *out;
    char *err;
    int rc;
};

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "r");
    char *buf = NULL;
    size_t n = 0, cap = 0, got;

    if ( !f )
        return strdup("");
    do {
        if ( n + 4096 + 1 > cap )
        {
            cap = cap ? cap * 2 : 65536;
            buf = realloc(buf, cap);
            assert_non_null(buf);
        }
        got = fread(buf + n, 1, cap - n - 1, f);
        n += got;
    } while ( got );
    fclose(f);
    buf[n] = 0;
    return buf;
}

/* Keep a JSON document for the schema check (XL_JSON_DIR). */
static void save_json(const char *text)
{
    static unsigned int n;
    const char *dir = getenv("XL_JSON_DIR");
    char path[4096];
    FILE *f;

    while ( *text == ' ' || *text == '\n' )
        text++;
    if ( !dir || *text != '{' )
        return;
    snprintf(path, sizeof(path), "%s/%05u-%d.json", dir, n++, (int)getpid());
    f = fopen(path, "w");
    assert_non_null(f);
    fputs(text, f);
    assert_int_equal(fclose(f), 0);
}

/* Run xen-layout with the arguments (a shell-free argv), capture both
 * streams through temporary files. */
static void run(struct out *o, const char *const *args)
{
    char outp[] = "/tmp/xl-test-out-XXXXXX";
    char errp[] = "/tmp/xl-test-err-XXXXXX";
    int fo = mkstemp(outp), fe = mkstemp(errp), st;
    const char *argv[32];
    unsigned int n = 0;
    pid_t pid;

    assert_true(fo >= 0 && fe >= 0);
    argv[n++] = bin();
    while ( *args && n < 31 )
        argv[n++] = *args++;
    argv[n] = NULL;
    pid = fork();
    assert_true(pid >= 0);
    if ( pid == 0 )
    {
        dup2(fo, 1);
        dup2(fe, 2);
        execv(argv[0], (char *const *)argv);
        _exit(127);
    }
    assert_int_equal(waitpid(pid, &st, 0), pid);
    close(fo);
    close(fe);
    o->out = slurp(outp);
    o->err = slurp(errp);
    unlink(outp);
    unlink(errp);
    if ( !WIFEXITED(st) )
        fail_msg("xen-layout died (signal %d)", WTERMSIG(st));
    o->rc = WEXITSTATUS(st);
    assert_int_not_equal(o->rc, 127);
    save_json(o->out);
}

static void out_free(struct out *o)
{
    free(o->out);
    free(o->err);
}

static uint64_t jx(json_object *o, const char *key)
{
    json_object *v;

    if ( !json_object_object_get_ex(o, key, &v) )
        fail_msg("no \"%s\"", key);
    if ( json_object_is_type(v, json_type_string) )
        return strtoull(json_object_get_string(v), NULL, 0);
    return json_object_get_uint64(v);
}

static json_object *jget(json_object *o, const char *key)
{
    json_object *v;

    if ( !json_object_object_get_ex(o, key, &v) )
        fail_msg("no \"%s\"", key);
    return v;
}

/* --- invariants over the JSON ------------------------------------------ */

static void check_invariants(json_object *root, const char *what)
{
    json_object *ram = jget(root, "ram"), *res = jget(root, "reserved");
    json_object *e820 = jget(root, "e820"), *cfg = jget(root, "config");
    size_t i, j, nr = json_object_array_length(ram);
    uint64_t total = 0, prev_end = 0;

    for ( i = 0; i < nr; i++ )
    {
        json_object *r = json_object_array_get_idx(ram, i);
        uint64_t b = jx(r, "base"), l = jx(r, "last");

        if ( l < b || jx(r, "size") != l - b + 1 )
            fail_msg("%s: RAM %zu malformed", what, i);
        if ( i && b < prev_end )
            fail_msg("%s: RAM not sorted/disjoint at %zu", what, i);
        prev_end = l + 1;
        total += l - b + 1;
        /* the VGA hole 0xa0000-0xbffff is never RAM */
        if ( b <= 0xbffff && l >= 0xa0000 )
            fail_msg("%s: RAM over the VGA hole", what);
        for ( j = 0; j < json_object_array_length(res); j++ )
        {
            json_object *g = json_object_array_get_idx(res, j);

            if ( jx(g, "base") <= l && b <= jx(g, "last") )
                fail_msg("%s: reservation %s overlaps RAM 0x%llx", what,
                         json_object_get_string(jget(g, "owner")),
                         (unsigned long long)b);
        }
    }
    if ( !strcmp(json_object_get_string(jget(root, "status")), "LR_OK") &&
         total != (jx(cfg, "maxmem_mib") - jx(cfg, "video_mib")) * 1048576 -
                  0x20000 )
        fail_msg("%s: RAM total 0x%llx, memory %llu MiB - video %llu MiB"
                 " - 128 KiB", what, (unsigned long long)total,
                 (unsigned long long)jx(cfg, "maxmem_mib"),
                 (unsigned long long)jx(cfg, "video_mib"));
    prev_end = 0;
    for ( i = 0; i < json_object_array_length(e820); i++ )
    {
        json_object *e = json_object_array_get_idx(e820, i);
        uint64_t a = jx(e, "addr"), s = jx(e, "size");

        if ( !s || (i && a < prev_end) )
            fail_msg("%s: e820 entry %zu unsorted or empty", what, i);
        prev_end = a + s;
    }
}

static json_object *plan_json(const char *cfg, const char *dmar,
                              const char *strategy, int *rc)
{
    const char *args[] = { "--config", cfg, "--format", "json",
                           "--strategy", strategy, dmar ? "--dmar" : NULL,
                           dmar, NULL };
    struct out o;
    json_object *root;

    run(&o, args);
    root = json_tokener_parse(o.out);
    if ( !root )
        fail_msg("%s/%s: not JSON:\n%s\n%s", cfg, dmar, o.out, o.err);
    *rc = o.rc;
    out_free(&o);
    return root;
}

/* Page-rounded RMRRs of one machine, from rmrr.tsv. */
static unsigned int tsv_rmrrs(const char *machine, uint64_t *base,
                              uint64_t *last, unsigned int cap)
{
    FILE *f = fopen(CORPUS "rmrr.tsv", "r");
    char *line = NULL;
    size_t lc = 0;
    unsigned int n = 0;

    assert_non_null(f);
    while ( getline(&line, &lc, f) > 0 )
    {
        char *t1 = strchr(line, '\t'), *p = line;
        unsigned int col;

        if ( !t1 || strncmp(line, machine, (size_t)(t1 - line)) ||
             strlen(machine) != (size_t)(t1 - line) )
            continue;
        for ( col = 0; col < 6 && p; col++ )
            p = strchr(p, '\t') ? strchr(p, '\t') + 1 : NULL;
        assert_non_null(p);
        assert_true(n < cap);
        base[n] = strtoull(p, &p, 16) & ~0xfffULL;
        last[n] = strtoull(p + 1, NULL, 16) | 0xfff;
        n++;
    }
    free(line);
    fclose(f);
    return n;
}

static const char *const machines[] = {
    "lhw-00089523C3BB",         /* IGD stolen memory below 2 GiB */
    "lhw-80DC1538C4FA",         /* 8 back-to-back USB RMRRs */
    "lhw-795F37601A0A",         /* RMRR 0-0 (firmware bug) */
    "lhw-55FB3FEC2E80",         /* RMRR 0-0xfff */
    "lhw-10A5FED6D643",         /* one RMRR shared by 3 USB controllers */
    "gh-joske__z400-hackintosh",
    "lhw-01ACEA39AAB2",
};

static void test_corpus_invariants(void **state)
{
    static const char *const strategies[] = { "punch", "pack",
                                              "xen-compat" };
    static const char *const cfgs[] = { FIX "host.cfg", FIX "small.cfg" };
    unsigned int m, s, c;

    for ( m = 0; m < sizeof(machines) / sizeof(machines[0]); m++ )
        for ( c = 0; c < 2; c++ )
            for ( s = 0; s < 3; s++ )
            {
                char dmar[256], what[256];
                uint64_t base[16], last[16];
                unsigned int nr = tsv_rmrrs(machines[m], base, last, 16);
                unsigned int i, k, found;
                json_object *root, *res, *drop;
                int rc;

                snprintf(dmar, sizeof(dmar), CORPUS "dmar/%s.dmar.bin",
                         machines[m]);
                snprintf(what, sizeof(what), "%s %s %s", machines[m],
                         cfgs[c], strategies[s]);
                root = plan_json(cfgs[c], dmar, strategies[s], &rc);
                check_invariants(root, what);
                /* relaxed: never a failure */
                if ( rc == 2 )
                    fail_msg("%s: exit 2", what);
                res = jget(root, "reserved");
                drop = jget(root, "dropped");
                for ( i = 0; i < nr; i++ )
                {
                    found = 0;
                    for ( k = 0; k < json_object_array_length(res); k++ )
                    {
                        json_object *g = json_object_array_get_idx(res, k);

                        found += jx(g, "base") == base[i] &&
                                 jx(g, "last") == last[i];
                    }
                    for ( k = 0; k < json_object_array_length(drop); k++ )
                    {
                        json_object *g = json_object_array_get_idx(drop, k);

                        found += jx(g, "base") == base[i] &&
                                 jx(g, "last") == last[i];
                    }
                    if ( found != 1 )
                        fail_msg("%s: RMRR 0x%llx-0x%llx found %u times",
                                 what, (unsigned long long)base[i],
                                 (unsigned long long)last[i], found);
                }
                json_object_put(root);
            }
}

/* With strict policy, a conflict is exit 2 and a named error. */
static void test_strict_conflict(void **state)
{
    const char *args[] = { "--config", FIX "igd.cfg", "--dmar",
                           CORPUS "dmar/lhw-00089523C3BB.dmar.bin",
                           "--strategy", "xen-compat", NULL };
    struct out o;

    /* stock Xen: the IGD's RMRR lies below the 2 GiB boundary, strict */
    run(&o, args);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.err, "error LR-CONFLICT-RAM"));
    /* the message names the range, the device and an alternative */
    assert_non_null(strstr(o.err, "0x000000007c000000-0x00000000807fffff"));
    assert_non_null(strstr(o.err, "0000:00:02.0"));
    assert_non_null(strstr(o.err, "memory <="));
    out_free(&o);

    /* punch honours it: no failure */
    args[5] = "punch";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_null(strstr(o.err, "error"));
    out_free(&o);

    /* rdm="...,policy=strict" is strict for punch... */
    args[1] = FIX "host-strict.cfg";
    args[5] = "pack";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.err, "warning XL-RDM-STOCK-IGNORED"));
    out_free(&o);
    /* ...but stock xl drops that rdm= value whole: nothing reserved */
    args[5] = "xen-compat";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.err, "note XL-RDM-STOCK-APPLIED"));
    assert_null(strstr(o.err, "LR-CONFLICT-RAM"));
    out_free(&o);
}

/* A shared RMRR with one of its devices assigned (strict by default). */
static void test_shared_rmrr(void **state)
{
    const char *args[] = { "--config", FIX "usb.cfg", "--dmar",
                           CORPUS "dmar/lhw-10A5FED6D643.dmar.bin", NULL };
    struct out o;

    run(&o, args);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.err, "error XL-RMRR-SHARED"));
    assert_non_null(strstr(o.err, "0000:00:1d.0, 0000:00:1a.0, "
                                  "0000:00:14.0"));
    assert_non_null(strstr(o.err, "not assigned here: 0000:00:1d.0, "
                                  "0000:00:1a.0"));
    out_free(&o);
}

/* --werror turns warnings into exit 1. */
static void test_werror(void **state)
{
    const char *args[] = { "--config", FIX "host.cfg", "--dmar",
                           CORPUS "dmar/lhw-00089523C3BB.dmar.bin",
                           "--strategy", "xen-compat", NULL, NULL };
    struct out o;

    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.err, "warning LR-CONFLICT-RAM"));
    out_free(&o);
    args[6] = "--werror";
    run(&o, args);
    assert_int_equal(o.rc, 1);
    out_free(&o);
}

/* Each bad input: exit 2 and its named diagnostic on stderr. */
static const struct {
    const char *name;
    const char *args[10];
    int rc;
    const char *needle;
} bad[] = {
    { "no config", { NULL }, 2, "SIM-USAGE" },
    { "config missing", { "--config", "/nonexistent.cfg", NULL }, 2,
      "XL-IO" },
    { "bad memory", { "--config", FIX "bad-memory.cfg", NULL }, 2,
      "XL-BAD-NUMBER" },
    { "syntax", { "--config", FIX "bad-syntax.cfg", NULL }, 2,
      "XL-SYNTAX" },
    { "bad vnvdimm", { "--config", FIX "bad-vnvdimm.cfg", NULL }, 2,
      "XL-VNVDIMM-LABEL-SIZE" },
    { "bad hole", { "--config", FIX "bad-hole.cfg", NULL }, 2,
      "XL-OUT-OF-RANGE" },
    { "not a DMAR", { "--config", FIX "host.cfg", "--dmar",
                      FIX "host.cfg", NULL }, 2, "DMAR-BAD-SIGNATURE" },
    { "DMAR missing", { "--config", FIX "host.cfg", "--dmar",
                        "/nonexistent.bin", NULL }, 2, "DMAR-IO" },
    { "human ndctl", { "--config", FIX "pmem.cfg", "--ndctl",
                       FIX "ndctl-bad.json", NULL }, 2,
      "NDCTL-HUMAN-SIZE" },
    { "iomem not iomem", { "--config", FIX "pmem.cfg", "--iomem",
                           FIX "ndctl-bad.json", NULL }, 2, "IOMEM-EMPTY" },
    { "iomem missing", { "--config", FIX "pmem.cfg", "--iomem",
                         "/nonexistent/iomem", NULL }, 2, "IOMEM-IO" },
    { "strategy", { "--config", FIX "host.cfg", "--strategy", "best",
                    NULL }, 2, "SIM-USAGE" },
    { "format", { "--config", FIX "host.cfg", "--format", "pdf", NULL }, 2,
      "SIM-USAGE" },
    { "command", { "frobnicate", "--config", FIX "host.cfg", NULL }, 2,
      "SIM-USAGE" },
    { "domid", { "--config", FIX "host.cfg", "--domid", "-3", NULL }, 2,
      "SIM-USAGE" },
    { "no xenstored", { "--domid", "5", NULL }, 2, "SIM-XENSTORE-OPEN" },
    { "dump missing", { "--xenstore-dump", "/nonexistent/dump", NULL }, 2,
      "XSDUMP-IO" },
    /* a backend dom0 has bound is refused (Xen would map it twice) */
    { "dom0 bound (iomem)", { "--config", FIX "pmem.cfg", "--iomem",
                              FIX "iomem-pmem.txt", NULL }, 2,
      "error SIM-BACKEND-DOM0-BOUND" },
    { "dom0 bound (ndctl)", { "--config", FIX "pmem.cfg", "--ndctl",
                              FIX "ndctl-bound.json", NULL }, 2,
      "error SIM-BACKEND-DOM0-BOUND" },
    { "dom0 bound: no iomem= line", { "--config", FIX "pmem.cfg", "--ndctl",
                                      FIX "ndctl-bound.json", "--format",
                                      "xl", NULL }, 2, "SIM-REFUSED" },
    { "dom0 bound: no tables", { "--config", FIX "pmem.cfg", "--ndctl",
                                 FIX "ndctl-bound.json", "--format", "asl",
                                 NULL }, 2, "SIM-REFUSED" },
    /* warnings only: exit 0 */
    { "garbage iomem line", { "--config", FIX "pmem.cfg", "--iomem",
                              FIX "iomem-pmem-free.txt", NULL }, 0,
      "IOMEM-GARBAGE" },
    { "namespace free", { "--config", FIX "pmem.cfg", "--ndctl",
                          FIX "ndctl-free.json", NULL }, 0,
      "note SIM-BACKEND-FREE" },
};

static void test_bad_inputs(void **state)
{
    unsigned int i;

    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        struct out o;

        run(&o, bad[i].args);
        if ( o.rc != bad[i].rc || !strstr(o.err, bad[i].needle) )
            fail_msg("case '%s': rc %d, stderr:\n%s", bad[i].name, o.rc,
                     o.err);
        out_free(&o);
    }
}

/* The vNVDIMM backend checked against /proc/iomem: frames in RAM are
 * refused with the name of what is there. */
static void test_backend_not_pmem(void **state)
{
    static const char cfg[] = "type='hvm'\nmemory=1024\n"
        "vnvdimms=['type=mfn,backend=0x100000,nr_pages=65536']\n";
    char path[] = "/tmp/xl-test-cfg-XXXXXX";
    const char *args[] = { "--config", path, "--iomem",
                           FIX "iomem-pmem.txt", NULL };
    struct out o;
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, cfg, sizeof(cfg) - 1), sizeof(cfg) - 1);
    close(fd);
    run(&o, args);
    unlink(path);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.err, "SIM-BACKEND-NOT-PMEM"));
    assert_non_null(strstr(o.err, "'System RAM'"));
    out_free(&o);
}

/* A truncated real table: exit 2, DMAR-TRUNCATED named. */
static void test_truncated_dmar(void **state)
{
    char path[] = "/tmp/xl-test-dmar-XXXXXX";
    char *buf = slurp(CORPUS "dmar/lhw-80DC1538C4FA.dmar.bin");
    const char *args[] = { "--config", FIX "host.cfg", "--dmar", path,
                           NULL };
    struct out o;
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    /* the table is binary: slurp stops nowhere, take the first 100 bytes */
    assert_int_equal(write(fd, buf, 100), 100);
    close(fd);
    run(&o, args);
    unlink(path);
    free(buf);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.err, "DMAR-TRUNCATED"));
    out_free(&o);
}

/* e820 lines in Linux's boot-log format; memmap= line. */
static void test_e820_memmap(void **state)
{
    const char *args[] = { "--config", FIX "host.cfg", "--dmar",
                           CORPUS "dmar/lhw-80DC1538C4FA.dmar.bin",
                           "--format", "e820", NULL };
    struct out o;
    char *line, *save = NULL;
    unsigned int n = 0, usable = 0;
    unsigned long long prev = 0;

    run(&o, args);
    assert_int_equal(o.rc, 0);
    for ( line = strtok_r(o.out, "\n", &save); line;
          line = strtok_r(NULL, "\n", &save), n++ )
    {
        unsigned long long a, b;
        char type[32];

        if ( sscanf(line, "BIOS-e820: [mem 0x%16llx-0x%16llx] %31[^\n]", &a,
                    &b, type) != 3 || b < a || (n && a <= prev) )
            fail_msg("bad e820 line '%s'", line);
        prev = b;
        usable += !strcmp(type, "usable");
        /* every RMRR of this machine (0xdefd0000-0xdefd7fff but one page,
         * 0xdf600000-0xdfffffff) is outside usable RAM */
        if ( !strcmp(type, "usable") && a <= 0xdfffffffULL &&
             b >= 0xdefd0000ULL && !(a == 0xdefd4000ULL &&
                                     b == 0xdefd4fffULL) &&
             !(a >= 0xdefd8000ULL && b <= 0xdf5fffffULL) )
            fail_msg("usable e820 entry over an RMRR: '%s'", line);
    }
    assert_true(n >= 4);
    assert_true(usable >= 2);
    out_free(&o);

    args[5] = "memmap";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_memory_equal(o.out, "memmap=exactmap ", 16);
    assert_non_null(strstr(o.out, "$0xdf600000"));
    out_free(&o);
}

/* xenstore-write commands: one per key, the RMRRs among them. */
static void test_xenstore(void **state)
{
    const char *args[] = { "--config", FIX "host.cfg", "--dmar",
                           CORPUS "dmar/lhw-00089523C3BB.dmar.bin",
                           "--format", "xenstore", "--domid", "7", NULL };
    struct out o;

    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "xenstore-write /local/domain/7/"
                                  "libreserve/reserved/0/base '0x7c000000'"));
    assert_non_null(strstr(o.out, "'RMRR 0 of 0000:00:02.0'"));
    /* libxl's key only when the hole is not the default (its presence
     * pins stock hvmloader's hole: docs/xenstore.md) */
    assert_null(strstr(o.out, "platform/mmio_hole_size"));
    out_free(&o);

    args[1] = FIX "hole.cfg";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "xenstore-write /local/domain/7/"
                                  "platform/mmio_hole_size '1073741824'"));
    out_free(&o);
}

/* Stock xl fragment: iomem= line from the placed vNVDIMM, both facts. */
static void test_xl_fragment(void **state)
{
    const char *args[] = { "--config", FIX "pmem.cfg", "--format", "xl",
                           NULL };
    struct out o;

    run(&o, args);
    assert_int_equal(o.rc, 0);
    /* host pfn 0x280000, 256 MiB + 1 MiB of labels = 0x10100 pages */
    assert_non_null(strstr(o.out, "iomem = [ \"280000,10100@"));
    assert_non_null(strstr(o.out, "uncached"));
    assert_non_null(strstr(o.out, "does not stop dom0"));
    assert_non_null(strstr(o.out, "acpi_firmware"));
    out_free(&o);
}

/* --format aml: NFIT then SSDT, each checksumming to 0, the NFIT SPA
 * range where the JSON says the vNVDIMM is. */
static void test_aml(void **state)
{
    const char *args[] = { "--config", FIX "pmem.cfg", "--format", "aml",
                           NULL };
    char path[] = "/tmp/xl-test-aml-XXXXXX";
    struct lr_nfit_dimm dimm[4];
    unsigned int n = 0;
    uint32_t l1, l2;
    uint8_t sum = 0;
    size_t i, len;
    struct out o;
    json_object *root, *v;
    FILE *f;
    uint8_t *b;
    int rc, fd;

    run(&o, args);
    assert_int_equal(o.rc, 0);
    out_free(&o);
    /* the bytes again, through a file: stdout was a file in run() too,
     * but slurp() stops at NUL bytes */
    fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    {
        char cmd[512];

        snprintf(cmd, sizeof(cmd), "%s --config %spmem.cfg --format aml"
                 " >%s 2>/dev/null", bin(), FIX, path);
        assert_int_equal(system(cmd), 0);
    }
    f = fopen(path, "rb");
    assert_non_null(f);
    b = malloc(65536);
    len = fread(b, 1, 65536, f);
    fclose(f);
    unlink(path);
    assert_true(len > 72);
    assert_memory_equal(b, "NFIT", 4);
    l1 = b[4] | b[5] << 8 | b[6] << 16 | (uint32_t)b[7] << 24;
    assert_true(l1 < len);
    assert_memory_equal(b + l1, "SSDT", 4);
    l2 = b[l1 + 4] | b[l1 + 5] << 8 | b[l1 + 6] << 16 |
         (uint32_t)b[l1 + 7] << 24;
    assert_int_equal(l1 + l2, len);
    for ( i = 0; i < l1; i++ )
        sum += b[i];
    assert_int_equal(sum, 0);
    for ( i = l1; i < len; i++ )
        sum += b[i];
    assert_int_equal(sum, 0);
    assert_int_equal(lr_nfit_parse(b, l1, dimm, 4, &n), LR_OK);
    assert_int_equal(n, 1);
    free(b);

    root = plan_json(FIX "pmem.cfg", NULL, "punch", &rc);
    v = jget(json_object_array_get_idx(jget(root, "vnvdimms"), 0), "data");
    assert_int_equal(dimm[0].spa_base, jx(v, "base"));
    assert_int_equal(dimm[0].spa_size, 256ULL << 20);
    json_object_put(root);
}

/* --format aml --out DIR: the two tables as files, byte for byte the
 * stdout blob; --format asl: iasl's disassembly names the SPA base the
 * JSON gives. */
static void test_aml_files_asl(void **state)
{
    char dir[] = "/tmp/xl-test-amlout-XXXXXX", cmd[1024], *blob, *nfit;
    char *ssdt, *both, want[64];
    const char *aargs[] = { "--config", FIX "pmem.cfg", "--format", "asl",
                            NULL };
    json_object *root, *v;
    struct out o;
    int rc;

    assert_non_null(mkdtemp(dir));
    snprintf(cmd, sizeof(cmd), "%s --config %spmem.cfg --format aml --out"
             " %s/t 2>/dev/null && %s --config %spmem.cfg --format aml"
             " >%s/blob 2>/dev/null && cmp %s/t/tables.bin %s/blob &&"
             " cat %s/t/nfit.aml %s/t/ssdt.aml | cmp - %s/blob", bin(), FIX,
             dir, bin(), FIX, dir, dir, dir, dir, dir, dir);
    assert_int_equal(system(cmd), 0);
    snprintf(cmd, sizeof(cmd), "%s/t/nfit.aml", dir);
    nfit = slurp(cmd);
    snprintf(cmd, sizeof(cmd), "%s/t/ssdt.aml", dir);
    ssdt = slurp(cmd);
    assert_memory_equal(nfit, "NFIT", 4);
    assert_memory_equal(ssdt, "SSDT", 4);
    free(nfit);
    free(ssdt);
    snprintf(cmd, sizeof(cmd), "%s/blob", dir);
    blob = slurp(cmd);
    free(blob);
    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);

    run(&o, aargs);
    assert_int_equal(o.rc, 0);
    root = plan_json(FIX "pmem.cfg", NULL, "punch", &rc);
    v = jget(json_object_array_get_idx(jget(root, "vnvdimms"), 0), "data");
    snprintf(want, sizeof(want), "Address Range Base : %016llX",
             (unsigned long long)jx(v, "base"));
    both = o.out;
    assert_non_null(strstr(both, "Signature : \"NFIT\""));
    assert_non_null(strstr(both, want));
    assert_non_null(strstr(both, "ACPI0012"));
    json_object_put(root);
    out_free(&o);
}

static void test_compare(void **state)
{
    const char *args[] = { "compare", "--config", FIX "host.cfg", "--dmar",
                           CORPUS "dmar/lhw-00089523C3BB.dmar.bin", NULL };
    struct out o;

    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "\nxen-compat "));
    assert_non_null(strstr(o.out, "\npunch "));
    assert_non_null(strstr(o.out, "\npack "));
    assert_non_null(strstr(o.out, "recommendation:"));
    /* the header shows the config's hole, not an empty input */
    assert_non_null(strstr(o.out, "mmio_hole 256 MiB"));
    /* stock Xen drops the IGD RMRR below 2 GiB; punch honours it */
    assert_non_null(strstr(o.out, "1 reservation(s) honoured that stock"));
    out_free(&o);
}

/* --- stock xl ignores rdm= with policy=: the RMRRs it leaves unreserved -- */

#define STOCK_MACHINE   "lhw-0EF135BA6BB4"  /* two RMRRs below 2 GiB */
#define STOCK_DMAR      CORPUS "dmar/" STOCK_MACHINE ".dmar.bin"

/* How many objects of arr have this base and last. */
static unsigned int nr_ranges(json_object *arr, uint64_t b, uint64_t l)
{
    unsigned int k, n = 0;

    for ( k = 0; k < json_object_array_length(arr); k++ )
    {
        json_object *g = json_object_array_get_idx(arr, k);

        n += jx(g, "base") == b && jx(g, "last") == l;
    }
    return n;
}

static unsigned int nr_substr(const char *hay, const char *needle)
{
    unsigned int n = 0;

    while ( (hay = strstr(hay, needle)) )
    {
        n++;
        hay += strlen(needle);
    }
    return n;
}

/* Device scopes column of rmrr.tsv for RMRR idx of a machine ("ep:..."). */
static void tsv_scopes(const char *machine, unsigned int idx, char *buf,
                       size_t len)
{
    FILE *f = fopen(CORPUS "rmrr.tsv", "r");
    char *line = NULL;
    size_t lc = 0;

    assert_non_null(f);
    buf[0] = 0;
    while ( getline(&line, &lc, f) > 0 )
    {
        char *col[12], *p = line;
        unsigned int c = 0;

        while ( c < 12 && p )
        {
            col[c++] = p;
            p = strchr(p, '\t');
            if ( p )
                *p++ = 0;
        }
        if ( c >= 10 && !strcmp(col[0], machine) &&
             strtoul(col[4], NULL, 10) == idx )
            snprintf(buf, len, "%s", col[9]);
    }
    free(line);
    fclose(f);
}

static char *write_tmp_cfg(char *path, const char *text)
{
    int fd = mkstemp(path);

    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

/*
 * rdm="strategy=host,policy=strict": stock xl 4.17 ignores it and
 * reserves none of the host's RMRRs.  plan says so in every format: JSON
 * lists them (unreserved, unreserved_count), the table lists and counts
 * them, every other format warns once per RMRR on stderr.  The RMRRs come
 * from rmrr.tsv, not from the simulator.
 */
static void test_stock_unreserved_plan(void **state)
{
    static const char *const fmts[] = { "e820", "memmap", "svg", "xenstore",
                                        "xl" };
    static const char *const ours[] = { "punch", "pack" };
    const char *args[] = { "--config", FIX "host-strict.cfg", "--dmar",
                           STOCK_DMAR, "--strategy", "xen-compat",
                           "--format", "table", NULL };
    uint64_t base[16], last[16];
    unsigned int nr = tsv_rmrrs(STOCK_MACHINE, base, last, 16), i, k, nd;
    json_object *root, *d;
    const char *list;
    char want[128];
    struct out o;
    int rc;

    assert_int_equal(nr, 2);
    root = plan_json(FIX "host-strict.cfg", STOCK_DMAR, "xen-compat", &rc);
    assert_int_equal(rc, 0);
    assert_int_equal(json_object_array_length(jget(root, "unreserved")), nr);
    assert_int_equal(jx(jget(root, "stats"), "unreserved_count"), nr);
    for ( i = 0; i < nr; i++ )
        assert_int_equal(nr_ranges(jget(root, "unreserved"), base[i],
                                   last[i]), 1);
    /* stock asked for none of them: neither reserved nor dropped */
    assert_int_equal(json_object_array_length(jget(root, "reserved")), 0);
    assert_int_equal(json_object_array_length(jget(root, "dropped")), 0);
    d = jget(root, "diagnostics");
    for ( i = 0, nd = 0; i < json_object_array_length(d); i++ )
        nd += !strcmp(json_object_get_string(
                          jget(json_object_array_get_idx(d, i), "code")),
                      "XL-RDM-STOCK-UNRESERVED");
    assert_int_equal(nd, nr);
    json_object_put(root);

    /* punch and pack follow what the config means: every RMRR reserved
     * or dropped, none "unreserved" */
    for ( k = 0; k < 2; k++ )
    {
        root = plan_json(FIX "host-strict.cfg", STOCK_DMAR, ours[k], &rc);
        assert_int_equal(json_object_array_length(jget(root, "unreserved")),
                         0);
        assert_int_equal(jx(jget(root, "stats"), "unreserved_count"), 0);
        for ( i = 0; i < nr; i++ )
            assert_int_equal(nr_ranges(jget(root, "reserved"), base[i],
                                       last[i]) +
                             nr_ranges(jget(root, "dropped"), base[i],
                                       last[i]), 1);
        json_object_put(root);
    }
    /* rdm="strategy=host" alone is taken by stock xl: nothing unreserved */
    root = plan_json(FIX "host.cfg", STOCK_DMAR, "xen-compat", &rc);
    assert_int_equal(json_object_array_length(jget(root, "unreserved")), 0);
    assert_int_equal(json_object_array_length(jget(root, "dropped")), nr);
    json_object_put(root);

    /* table: counted and listed under their own heading */
    run(&o, args);
    assert_int_equal(o.rc, 0);
    list = strstr(o.out, "not reserved (stock xl ignores rdm=");
    assert_non_null(list);
    for ( i = 0; i < nr; i++ )
    {
        snprintf(want, sizeof(want), "\n0x%016llx 0x%016llx ",
                 (unsigned long long)base[i], (unsigned long long)last[i]);
        assert_non_null(strstr(list, want));
    }
    snprintf(want, sizeof(want), "unreserved by stock xl %u,", nr);
    assert_non_null(strstr(o.out, want));
    out_free(&o);

    /* every other format: one warning per RMRR, naming its range */
    for ( k = 0; k < sizeof(fmts) / sizeof(fmts[0]); k++ )
    {
        args[7] = fmts[k];
        run(&o, args);
        if ( o.rc != 0 ||
             nr_substr(o.err, "warning XL-RDM-STOCK-UNRESERVED") != nr )
            fail_msg("--format %s: rc %d, stderr:\n%s", fmts[k], o.rc,
                     o.err);
        for ( i = 0; i < nr; i++ )
        {
            snprintf(want, sizeof(want), "0x%016llx-0x%016llx",
                     (unsigned long long)base[i], (unsigned long long)last[i]);
            assert_non_null(strstr(o.err, want));
            /* the picture says it too: in the lane of what is not
             * reserved, labelled so (tests/sim/check-svg.py checks more) */
            snprintf(want, sizeof(want), "data-lane=\"not-reserved\""
                     " data-kind=\"RMRR\" data-base=\"0x%llx\"",
                     (unsigned long long)base[i]);
            if ( !strcmp(fmts[k], "svg") &&
                 !strstr(strstr(o.out, want) ? strstr(o.out, want) : "",
                         "NOT RESERVED") )
                fail_msg("svg: 0x%llx not shown as unreserved",
                         (unsigned long long)base[i]);
        }
        out_free(&o);
    }
}

/* A device with its own rdm_policy= keeps its RMRR under stock xl: only
 * the other RMRR is left unreserved. */
static void test_stock_unreserved_device(void **state)
{
    char path[] = "/tmp/xl-test-cfg-XXXXXX", scopes[64], cfg[256];
    uint64_t base[16], last[16];
    unsigned int nr = tsv_rmrrs(STOCK_MACHINE, base, last, 16);
    json_object *root, *u;
    int rc;

    assert_int_equal(nr, 2);
    tsv_scopes(STOCK_MACHINE, 1, scopes, sizeof(scopes));
    assert_memory_equal(scopes, "ep:", 3);
    snprintf(cfg, sizeof(cfg), "type='hvm'\nmemory=4096\n"
             "rdm='strategy=host,policy=relaxed'\n"
             "pci=['%s,rdm_policy=relaxed']\n", scopes + 3);
    write_tmp_cfg(path, cfg);
    root = plan_json(path, STOCK_DMAR, "xen-compat", &rc);
    unlink(path);
    u = jget(root, "unreserved");
    assert_int_equal(json_object_array_length(u), 1);
    assert_int_equal(nr_ranges(u, base[0], last[0]), 1);
    /* the device's RMRR is asked for by stock xl (then dropped or kept) */
    assert_int_equal(nr_ranges(jget(root, "reserved"), base[1], last[1]) +
                     nr_ranges(jget(root, "dropped"), base[1], last[1]), 1);
    json_object_put(root);
}

/* compare and costs show the same outcome in their own columns. */
static void test_stock_unreserved_compare_costs(void **state)
{
    const char *args[] = { "compare", "--config", FIX "host-strict.cfg",
                           "--dmar", STOCK_DMAR, NULL, NULL, NULL };
    const char *cargs[] = { "costs", "--config", FIX "host-strict.cfg",
                            "--dmar", STOCK_DMAR, NULL };
    uint64_t base[16], last[16];
    unsigned int nr = tsv_rmrrs(STOCK_MACHINE, base, last, 16), i;
    unsigned int dropped, unres;
    json_object *root, *s0;
    const char *row;
    char want[128], strat[32];
    struct out o;

    run(&o, args);
    assert_int_equal(o.rc, 0);
    row = strstr(o.out, "\nxen-compat ");
    assert_non_null(row);
    /* STATUS, three sizes of two words each, DROPPED, UNRESV */
    assert_int_equal(sscanf(row, " %31s %*s %*s %*s %*s %*s %*s %*s %u %u",
                            strat, &dropped, &unres), 3);
    assert_int_equal(dropped, 0);
    assert_int_equal(unres, nr);
    for ( i = 0; i < nr; i++ )
    {
        snprintf(want, sizeof(want), "\n0x%016llx 0x%016llx ",
                 (unsigned long long)base[i], (unsigned long long)last[i]);
        assert_non_null(strstr(o.out, want));
    }
    out_free(&o);

    args[5] = "--format";
    args[6] = "json";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    root = json_tokener_parse(o.out);
    assert_non_null(root);
    assert_string_equal(json_object_get_string(jget(root, "command")),
                        "compare");
    s0 = json_object_array_get_idx(jget(root, "strategies"), 0);
    assert_string_equal(json_object_get_string(jget(s0, "strategy")),
                        "xen-compat");
    for ( i = 0; i < nr; i++ )
        assert_int_equal(nr_ranges(jget(s0, "unreserved"), base[i],
                                   last[i]), 1);
    assert_int_equal(jx(jget(s0, "stats"), "unreserved_count"), nr);
    json_object_put(root);
    out_free(&o);

    /* costs: the xen-compat line of each RMRR says it is not reserved */
    run(&o, cargs);
    assert_int_equal(o.rc, 0);
    for ( i = 0; i < nr; i++ )
    {
        const char *eol;

        snprintf(want, sizeof(want), "\n0x%llx RMRR",
                 (unsigned long long)base[i]);
        row = strstr(o.out, want);
        assert_non_null(row);
        eol = strchr(row + 1, '\n');
        assert_non_null(eol);
        row = strstr(row, "xen-compat");
        assert_true(row && row < eol);
        row = strstr(row, "not reserved");
        assert_true(row && row < eol);
    }
    out_free(&o);
}

/* --- JSON: one meaning per field ----------------------------------------- */

/* Exclusive ends of the highest RAM below 4 GiB and above, from "ram". */
static void ram_ends(json_object *root, uint64_t *low, uint64_t *high)
{
    json_object *ram = jget(root, "ram");
    size_t i;

    *low = *high = 0;
    for ( i = 0; i < json_object_array_length(ram); i++ )
    {
        json_object *r = json_object_array_get_idx(ram, i);
        uint64_t end = jx(r, "last") + 1;

        if ( jx(r, "base") < 0x100000000ULL )
            *low = end > *low ? end : *low;
        else
            *high = end > *high ? end : *high;
    }
}

/* The MiB value of "key = N" in an xl.cfg fixture. */
static uint64_t cfg_mib(const char *path, const char *key)
{
    char *text = slurp(path), *p = text;
    uint64_t v = 0;

    while ( (p = strstr(p, key)) )
    {
        if ( (p == text || p[-1] == '\n') &&
             sscanf(p + strlen(key), " = %" SCNu64, &v) == 1 )
            break;
        p += strlen(key);
    }
    free(text);
    assert_true(v);
    return v;
}

/*
 * The end fields mean the same in every strategy (the highest RAM chunk
 * below / above 4 GiB, 0 for none, as libxl's highmem_end); counts and
 * lists have different names; config sizes carry their unit.
 */
static void test_json_fields(void **state)
{
    static const char *const strategies[] = { "punch", "pack",
                                              "xen-compat" };
    static const char *const cfgs[] = { FIX "host.cfg", FIX "small.cfg" };
    const char *dmar = CORPUS "dmar/lhw-00089523C3BB.dmar.bin";
    unsigned int s, c;
    json_object *root, *st, *cf, *v;
    uint64_t low, high;
    int rc;

    for ( c = 0; c < 2; c++ )
        for ( s = 0; s < 3; s++ )
        {
            root = plan_json(cfgs[c], dmar, strategies[s], &rc);
            st = jget(root, "stats");
            assert_string_equal(json_object_get_string(jget(root, "schema")),
                                "xen-layout/2");
            ram_ends(root, &low, &high);
            if ( jx(st, "ram_below_4g_end") != low ||
                 jx(st, "ram_above_4g_end") != high )
                fail_msg("%s %s: ends 0x%llx 0x%llx, RAM says 0x%llx 0x%llx",
                         cfgs[c], strategies[s],
                         (unsigned long long)jx(st, "ram_below_4g_end"),
                         (unsigned long long)jx(st, "ram_above_4g_end"),
                         (unsigned long long)low, (unsigned long long)high);
            /* a count is not named like a list */
            assert_int_equal(jx(st, "dropped_count"),
                             json_object_array_length(jget(root, "dropped")));
            assert_false(json_object_object_get_ex(st, "dropped", &v));
            assert_false(json_object_object_get_ex(st, "lowmem_end", &v));
            assert_false(json_object_object_get_ex(st, "highmem_end", &v));
            json_object_put(root);
        }
    /* a 1 GiB guest has no RAM above 4 GiB: 0, as libxl says */
    root = plan_json(FIX "small.cfg", NULL, "xen-compat", &rc);
    st = jget(root, "stats");
    assert_int_equal(jx(st, "ram_above_4g_end"), 0);
    /* ... and, nothing reserved, libxl's lowmem_end is its memory */
    assert_int_equal(jx(st, "ram_below_4g_end"),
                     cfg_mib(FIX "small.cfg", "memory") << 20);
    json_object_put(root);

    /* config sizes: bytes, named so; the xl.cfg keys are MiB */
    root = plan_json(FIX "hole.cfg", NULL, "punch", &rc);
    cf = jget(root, "config");
    assert_int_equal(jx(cf, "mmio_hole_bytes"),
                     cfg_mib(FIX "hole.cfg", "mmio_hole") << 20);
    /* rdm_mem_boundary defaults to 2048 MiB (xl.cfg(5)) */
    assert_int_equal(jx(cf, "rdm_mem_boundary_bytes"), 2048ULL << 20);
    assert_false(json_object_object_get_ex(cf, "mmio_hole", &v));
    assert_false(json_object_object_get_ex(cf, "rdm_mem_boundary", &v));
    json_object_put(root);
}

/* --- every command/option pair ------------------------------------------- */

/*
 * The synopsis of docs/xen-layout.md: which command takes which option.
 * Every other pair is a usage error: exit 2 and a SIM-USAGE line naming
 * the option.  A pair the command takes is never a usage error.
 */
static void test_option_matrix(void **state)
{
    static const char *const opt[][2] = {
        { "--config", FIX "host.cfg" },
        { "--dmar", CORPUS "dmar/lhw-0EF135BA6BB4.dmar.bin" },
        { "--iomem", FIX "iomem-guest.txt" },
        { "--ndctl", FIX "ndctl-free.json" },
        { "--strategy", "pack" },
        { "--format", "table" },
        { "--domid", "7" },
        { "--sizes", "4" },
        { "--xenstore-dump", "/nonexistent/dump" },
        { "--out", "/nonexistent/dir" },
        { "--werror", NULL },
        { "--device", "02.0:1=16M" },
        { "--bars", FIX "devices.bars" },
    };
    enum { C, D, I, N, S, F, ID, SZ, X, O, W, DV, BR };
    char dir[] = "/tmp/xl-test-matrix-XXXXXX", link[600], src[512];
    char *cwd = getcwd(NULL, 0);
    const struct {
        const char *base[8];
        unsigned int takes;     /* bits of opt[] */
    } cmd[] = {
        /* plan: --domid fills --format xenstore, --out is for aml */
        { { "plan", "--format", "xenstore", NULL },
          1u << C | 1u << D | 1u << I | 1u << N | 1u << S | 1u << F |
          1u << ID | 1u << W | 1u << DV | 1u << BR },
        { { "plan", "--config", FIX "pmem.cfg", "--format", "aml", NULL },
          1u << C | 1u << D | 1u << I | 1u << N | 1u << S | 1u << F |
          1u << O | 1u << W | 1u << DV | 1u << BR },
        { { "plan", "--xenstore-dump", "/nonexistent/dump", NULL },
          1u << X | 1u << ID | 1u << S | 1u << F | 1u << W | 1u << DV |
          1u << BR },
        { { "compare", NULL },
          1u << C | 1u << D | 1u << I | 1u << N | 1u << F | 1u << W },
        { { "costs", NULL },
          1u << C | 1u << D | 1u << I | 1u << N | 1u << F | 1u << W },
        { { "fleet", dir, NULL },
          1u << C | 1u << S | 1u << F | 1u << SZ | 1u << W },
        { { "pool", CORPUS "dmar/lhw-0EF135BA6BB4.dmar.bin", NULL }, 0 },
        { { "check-memmap", "1G!4G", NULL }, 1u << I },
    };
    unsigned int c, k, b, wrong = 0, pairs = 0;

    assert_non_null(mkdtemp(dir));
    snprintf(src, sizeof(src), "%s/" STOCK_DMAR, cwd);
    snprintf(link, sizeof(link), "%s/m.bin", dir);
    assert_int_equal(symlink(src, link), 0);
    for ( c = 0; c < sizeof(cmd) / sizeof(cmd[0]); c++ )
        for ( k = 0; k < sizeof(opt) / sizeof(opt[0]); k++ )
        {
            const char *args[24];
            unsigned int n = 0;
            bool takes = cmd[c].takes & (1u << k);
            bool has_config = false;
            char name[64];
            struct out o;

            for ( b = 0; cmd[c].base[b]; b++ )
            {
                args[n++] = cmd[c].base[b];
                has_config |= !strcmp(cmd[c].base[b], "--config");
            }
            args[n++] = opt[k][0];
            if ( opt[k][1] )
                args[n++] = opt[k][1];
            /* what a command needs besides the option under test */
            if ( k != C && !has_config && (cmd[c].takes & (1u << C)) )
            {
                args[n++] = "--config";
                args[n++] = FIX "host.cfg";
            }
            if ( k != I && !strcmp(cmd[c].base[0], "check-memmap") )
            {
                args[n++] = "--iomem";
                args[n++] = FIX "iomem-guest.txt";
            }
            args[n] = NULL;
            run(&o, args);
            snprintf(name, sizeof(name), "%s %s", cmd[c].base[0],
                     opt[k][0]);
            /* every wrong pair is reported, then the test fails */
            if ( takes && strstr(o.err, "SIM-USAGE") )
            {
                print_message("%s (%s): taken, but a usage error:\n%s",
                              name, cmd[c].base[1] ? cmd[c].base[1] : "",
                              o.err);
                wrong++;
            }
            if ( !takes && (o.rc != 2 || !strstr(o.err, "SIM-USAGE") ||
                            !strstr(o.err, opt[k][0])) )
            {
                print_message("%s (%s): rc %d, not a usage error naming"
                              " %s\n", name,
                              cmd[c].base[1] ? cmd[c].base[1] : "", o.rc,
                              opt[k][0]);
                wrong++;
            }
            pairs++;
            out_free(&o);
        }
    unlink(link);
    rmdir(dir);
    free(cwd);
    if ( wrong )
        fail_msg("%u of %u command/option pairs wrong", wrong, pairs);
}

/* Values a command does not render and operands it does not take. */
static void test_usage_values(void **state)
{
    static const struct {
        const char *args[10];
        const char *needle;
    } u[] = {
        { { "compare", "--config", FIX "host.cfg", "--format", "e820",
            NULL }, "--format e820" },
        { { "costs", "--config", FIX "host.cfg", "--format", "json", NULL },
          "--format json" },
        { { "fleet", "/tmp", "--config", FIX "host.cfg", "--format", "e820",
            NULL }, "--format e820" },
        { { "compare", "--config", FIX "host.cfg", "extra", NULL },
          "'extra'" },
        { { "costs", "--config", FIX "host.cfg", "extra", NULL }, "'extra'" },
        { { "--xenstore-dump", "/nonexistent/dump", "extra", NULL },
          "'extra'" },
        { { "--config", FIX "host.cfg", "--xenstore-dump",
            "/nonexistent/dump", NULL }, "--xenstore-dump" },
        { { "--config", FIX "host.cfg", "--out", "/tmp", NULL }, "--out" },
        { { "--config", FIX "host.cfg", "--domid", "3", NULL }, "--domid" },
    };
    unsigned int i;

    for ( i = 0; i < sizeof(u) / sizeof(u[0]); i++ )
    {
        struct out o;

        run(&o, u[i].args);
        if ( o.rc != 2 || !strstr(o.err, "SIM-USAGE") ||
             !strstr(o.err, u[i].needle) )
            fail_msg("case %u: rc %d, stderr:\n%s", i, o.rc, o.err);
        out_free(&o);
    }
}

/* fleet --format json and --strategy: implemented, and the RMRRs stock xl
 * leaves unreserved are counted and listed per machine. */
static void test_fleet_json_strategy(void **state)
{
    static const char *const m[] = { STOCK_MACHINE, "lhw-00089523C3BB" };
    char dir[] = "/tmp/xl-test-fleetj-XXXXXX", src[512], dst[600];
    const char *args[] = { "fleet", dir, "--config", FIX "host-strict.cfg",
                           "--sizes", "4,16", "--format", "json", NULL,
                           NULL, NULL };
    char *cwd = getcwd(NULL, 0);
    unsigned int i, k, nr, failed, dropping, unres;
    uint64_t base[16], last[16];
    json_object *root, *rows, *su;
    const char *row;
    struct out o;

    assert_non_null(mkdtemp(dir));
    for ( i = 0; i < 2; i++ )
    {
        snprintf(src, sizeof(src), "%s/" CORPUS "dmar/%s.dmar.bin", cwd,
                 m[i]);
        snprintf(dst, sizeof(dst), "%s/%s.bin", dir, m[i]);
        assert_int_equal(symlink(src, dst), 0);
    }
    run(&o, args);
    assert_int_equal(o.rc, 0);
    root = json_tokener_parse(o.out);
    if ( !root )
        fail_msg("fleet --format json is not JSON:\n%s", o.out);
    assert_string_equal(json_object_get_string(jget(root, "command")),
                        "fleet");
    assert_int_equal(jx(root, "machine_count"), 2);
    rows = jget(root, "rows");
    /* two machines x (xen-compat, punch, pack, superpage) */
    assert_int_equal(json_object_array_length(rows), 2 * 4);
    for ( i = 0; i < json_object_array_length(rows); i++ )
    {
        json_object *r = json_object_array_get_idx(rows, i);
        bool compat = !strcmp(json_object_get_string(jget(r, "strategy")),
                              "xen-compat");

        assert_int_equal(jx(r, "unreserved_machine_count"), compat ? 2 : 0);
    }
    su = jget(root, "stock_unreserved");
    assert_int_equal(json_object_array_length(su), 2);
    for ( i = 0; i < 2; i++ )
    {
        json_object *e = json_object_array_get_idx(su, i);
        const char *name = json_object_get_string(jget(e, "machine"));

        for ( k = 0; k < 2 && strncmp(name, m[k], strlen(m[k])); k++ )
            ;
        assert_true(k < 2);
        nr = tsv_rmrrs(m[k], base, last, 16);
        assert_int_equal(json_object_array_length(jget(e, "unreserved")), nr);
        for ( k = 0; k < nr; k++ )
            assert_int_equal(nr_ranges(jget(e, "unreserved"), base[k],
                                       last[k]), 1);
    }
    json_object_put(root);
    out_free(&o);

    /* one strategy: its rows only, in JSON and in the table */
    args[8] = "--strategy";
    args[9] = "pack";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    root = json_tokener_parse(o.out);
    assert_non_null(root);
    rows = jget(root, "rows");
    assert_int_equal(json_object_array_length(rows), 2);
    for ( i = 0; i < 2; i++ )
        assert_string_equal(json_object_get_string(
            jget(json_object_array_get_idx(rows, i), "strategy")), "pack");
    json_object_put(root);
    out_free(&o);
    args[7] = "table";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "4 G pack"));
    assert_null(strstr(o.out, "G punch"));
    assert_null(strstr(o.out, "G xen-compat"));
    out_free(&o);

    /* the table: UNRESERVED counts machines, the list names them */
    args[8] = NULL;
    run(&o, args);
    assert_int_equal(o.rc, 0);
    row = strstr(o.out, "4 G xen-compat");
    assert_non_null(row);
    assert_int_equal(sscanf(row, "4 G xen-compat %u %u %u", &failed,
                            &dropping, &unres), 3);
    assert_int_equal(dropping, 0);
    assert_int_equal(unres, 2);
    for ( i = 0; i < 2; i++ )
    {
        char want[128];

        nr = tsv_rmrrs(m[i], base, last, 16);
        snprintf(want, sizeof(want), "\n%s.bin: %u RMRR(s): 0x%llx-0x%llx",
                 m[i], nr, (unsigned long long)base[0],
                 (unsigned long long)last[0]);
        assert_non_null(strstr(o.out, want));
    }
    assert_non_null(strstr(o.err, "XL-RDM-STOCK-UNRESERVED"));
    out_free(&o);
    for ( i = 0; i < 2; i++ )
    {
        snprintf(dst, sizeof(dst), "%s/%s.bin", dir, m[i]);
        unlink(dst);
    }
    rmdir(dir);
    free(cwd);
}

/*
 * docs/xen-layout.md says which RMRRs punch still drops on the corpus at
 * 4 GiB: the counts it gives (in page 0, in the BIOS area 0xC0000-0xFFFFF)
 * must be what xen-layout finds.
 */
static void test_doc_punch_drops(void **state)
{
    static const char cfg[] = "type='hvm'\nmemory=4096\n"
                              "rdm='strategy=host'\n";
    char path[] = "/tmp/xl-test-cfg-XXXXXX", want[160], *doc;
    unsigned int machines = 0, page0 = 0, bios = 0, other = 0;
    FILE *ls = popen("ls " CORPUS "dmar/*.bin", "r");
    char file[512];

    assert_non_null(ls);
    write_tmp_cfg(path, cfg);
    while ( fgets(file, sizeof(file), ls) )
    {
        json_object *root, *drop;
        bool p0 = false, bi = false, ot = false;
        size_t i;
        int rc;

        file[strcspn(file, "\n")] = 0;
        root = plan_json(path, file, "punch", &rc);
        drop = jget(root, "dropped");
        for ( i = 0; i < json_object_array_length(drop); i++ )
        {
            json_object *g = json_object_array_get_idx(drop, i);
            uint64_t b = jx(g, "base"), l = jx(g, "last");

            if ( b < 0x1000 )
                p0 = true;
            else if ( b >= 0xc0000 && l <= 0xfffff )
                bi = true;
            else
                ot = true;
        }
        machines += json_object_array_length(drop) > 0;
        page0 += p0;
        bios += bi;
        other += ot;
        json_object_put(root);
    }
    pclose(ls);
    unlink(path);
    doc = slurp("docs/xen-layout.md");
    snprintf(want, sizeof(want), "The %u machines punch still drops",
             machines);
    if ( !strstr(doc, want) )
        fail_msg("docs/xen-layout.md lacks '%s'", want);
    snprintf(want, sizeof(want), "%u with an RMRR in page 0", page0);
    if ( !strstr(doc, want) )
        fail_msg("docs/xen-layout.md lacks '%s'", want);
    snprintf(want, sizeof(want), "%u with one in the BIOS area", bios);
    if ( !strstr(doc, want) )
        fail_msg("docs/xen-layout.md lacks '%s'", want);
    assert_int_equal(other, 0);
    free(doc);
}

/* check-memmap on a 3 GiB + 6 GiB guest's /proc/iomem: the user story's
 * memmap=4G!3G runs into the PCI hole; 1G!4G fits; a proposal for 2G is
 * 128 MiB aligned inside RAM above 4 GiB. */
static void test_check_memmap(void **state)
{
    const char *args[] = { "check-memmap", "--iomem",
                           FIX "iomem-guest.txt", "4G!3G", NULL };
    struct out o;
    unsigned long long mib, off;

    run(&o, args);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.out, "error MEMMAP-NOT-RAM: 4G!3G"));
    assert_non_null(strstr(o.out, "'PCI Bus 0000:00'"));
    out_free(&o);

    args[3] = "memmap=1G!4G";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "\nok 1G!4G"));
    /* the legacy pmem entry has no namespace under it */
    assert_non_null(strstr(o.out, "note MEMMAP-NO-DRIVER: Persistent Memory"
                                  " (legacy) 0x240000000-0x27fffffff is"
                                  " reserved, no driver bound"));
    out_free(&o);

    args[3] = "16M!0x1000000";          /* over the kernel image */
    run(&o, args);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.out, "MEMMAP-KERNEL"));
    out_free(&o);

    args[3] = "100M!0x8000000";         /* 2 MiB but not 128 MiB aligned */
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "warning MEMMAP-ALIGN"));
    out_free(&o);

    args[3] = "512M$0x40000000";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "memmap=512M\\$0x40000000"));
    out_free(&o);

    args[3] = "2G";
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "\nmemmap="));
    assert_int_equal(sscanf(strstr(o.out, "\nmemmap=") + 1,
                            "memmap=%lluM!0x%llx", &mib, &off), 2);
    assert_int_equal(mib, 2048);
    assert_int_equal(off & ((128 << 20) - 1), 0);
    assert_true(off >= 0x100000000ULL && off + (2ULL << 30) <= 0x240000000ULL);
    out_free(&o);

    args[3] = "64G";
    run(&o, args);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.out, "MEMMAP-NOFIT"));
    out_free(&o);

    args[3] = "4X!3G";
    run(&o, args);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.out, "MEMMAP-SYNTAX"));
    out_free(&o);
}

/* costs: one row per reservation and strategy; stock Xen drops the
 * IGD RMRR below 2 GiB, punch honours it at the price of its size. */
static void test_costs(void **state)
{
    const char *args[] = { "costs", "--config", FIX "host.cfg", "--dmar",
                           CORPUS "dmar/lhw-0EF135BA6BB4.dmar.bin", NULL };
    char strat[32], n1[16], u1[16], n2[16], u2[16], outcome[32];
    struct out o;
    const char *row;
    int lost;

    run(&o, args);
    assert_int_equal(o.rc, 0);
    row = strstr(o.out, "0x6a000000 RMRR 1 of 0000:00:02.0");
    assert_non_null(row);
    /* its three lines: xen-compat, punch, pack (columns by white space) */
    row += strlen("0x6a000000 RMRR 1 of 0000:00:02.0");
    assert_int_equal(sscanf(row, " %31s %15s %15s %15s %15s %d %31s", strat,
                            n1, u1, n2, u2, &lost, outcome), 7);
    assert_string_equal(strat, "xen-compat");
    assert_string_equal(outcome, "dropped");
    row = strchr(row, '\n') + 1;
    assert_int_equal(sscanf(row, " %31s %15s %15s %15s %15s %d %31s", strat,
                            n1, u1, n2, u2, &lost, outcome), 7);
    assert_string_equal(strat, "punch");
    /* the RMRR is 72 MiB: that much lowmem moves up under punch */
    assert_string_equal(n1, "72");
    assert_string_equal(u1, "MiB");
    assert_string_equal(n2, "72");
    assert_string_equal(outcome, "honoured");
    out_free(&o);
}

/* fleet over three real tables and one that is not a DMAR: stock Xen
 * drops an RMRR below 2 GiB on two of them (IGD at 0x7c000000; USB and IGD
 * at 0x65321000 / 0x6a000000), the third's RMRR is above the boundary. */
static void test_fleet(void **state)
{
    static const char *const m[] = { "lhw-00089523C3BB", "lhw-0EF135BA6BB4",
                                     "lhw-01ACEA39AAB2" };
    char dir[] = "/tmp/xl-test-fleet-XXXXXX", src[512], dst[600];
    const char *args[] = { "fleet", dir, "--config", FIX "host.cfg",
                           "--sizes", "4", NULL };
    char *cwd = getcwd(NULL, 0);
    unsigned int i, failed, dropping;
    struct out o;
    const char *row;
    FILE *f;

    assert_non_null(mkdtemp(dir));
    for ( i = 0; i < 3; i++ )
    {
        snprintf(src, sizeof(src), "%s/" CORPUS "dmar/%s.dmar.bin", cwd,
                 m[i]);
        snprintf(dst, sizeof(dst), "%s/%s.bin", dir, m[i]);
        assert_int_equal(symlink(src, dst), 0);
    }
    snprintf(dst, sizeof(dst), "%s/junk.bin", dir);
    f = fopen(dst, "w");
    assert_non_null(f);
    fputs("not a table", f);
    fclose(f);
    run(&o, args);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "4 machines"));
    assert_non_null(strstr(o.err, "SIM-FLEET-BAD-DMAR: 1 table"));
    row = strstr(o.out, "4 G xen-compat");
    assert_non_null(row);
    assert_int_equal(sscanf(row, "4 G xen-compat %u %u", &failed,
                            &dropping), 2);
    assert_int_equal(failed, 0);
    assert_int_equal(dropping, 2);
    row = strstr(o.out, "4 G punch");
    assert_non_null(row);
    assert_int_equal(sscanf(row, "4 G punch %u %u", &failed, &dropping), 2);
    assert_int_equal(dropping, 0);
    out_free(&o);
    for ( i = 0; i < 3; i++ )
    {
        snprintf(dst, sizeof(dst), "%s/%s.bin", dir, m[i]);
        unlink(dst);
    }
    snprintf(dst, sizeof(dst), "%s/junk.bin", dir);
    unlink(dst);
    rmdir(dir);
    free(cwd);
}

static void test_svg_help(void **state)
{
    const char *svg[] = { "--config", FIX "host.cfg", "--format", "svg",
                          NULL };
    const char *help[] = { "--help", NULL };
    struct out o;

    run(&o, svg);
    assert_int_equal(o.rc, 0);
    assert_memory_equal(o.out, "<svg ", 5);
    assert_non_null(strstr(o.out, "</svg>\n"));
    out_free(&o);
    run(&o, help);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "usage: "));
    out_free(&o);
}

/* --- PCI BARs (--device, --bars) --------------------------------------- */

/*
 * Checks that hold for any placement, from the JSON alone: each placed
 * BAR naturally aligned (at least 4 KiB), below 4 GiB inside
 * [window_base, 0xFC000000), over no RAM, no reservation, no other BAR;
 * the owners are exactly want[] (the devices given).
 */
static void check_bars(json_object *root, const char *const *want,
                       unsigned int nwant)
{
    json_object *bars = jget(root, "bars"), *list = jget(bars, "list");
    json_object *ram = jget(root, "ram"), *res = jget(root, "reserved");
    uint64_t wb = jx(bars, "window_base");
    size_t i, j, n = json_object_array_length(list);

    assert_int_equal(n, nwant);
    for ( i = 0; i < n; i++ )
    {
        json_object *b = json_object_array_get_idx(list, i);
        const char *who = json_object_get_string(jget(b, "owner"));
        uint64_t a, z = jx(b, "size"), al = z < 4096 ? 4096 : z;
        bool found = false;

        for ( j = 0; j < nwant; j++ )
            found |= !strcmp(who, want[j]);
        if ( !found )
            fail_msg("BAR %s was not asked for", who);
        if ( !json_object_get_boolean(jget(b, "placed")) )
            continue;
        a = jx(b, "addr");
        if ( a & (al - 1) )
            fail_msg("%s at 0x%" PRIx64 " not aligned", who, a);
        if ( a < 0x100000000ULL && (a < wb || a + z > 0xFC000000ULL) )
            fail_msg("%s at 0x%" PRIx64 " outside the 32-bit window", who, a);
        for ( j = 0; j < json_object_array_length(ram); j++ )
        {
            json_object *r = json_object_array_get_idx(ram, j);

            if ( a <= jx(r, "last") && jx(r, "base") < a + z )
                fail_msg("%s over RAM", who);
        }
        for ( j = 0; j < json_object_array_length(res); j++ )
        {
            json_object *r = json_object_array_get_idx(res, j);

            if ( a <= jx(r, "last") && jx(r, "base") < a + z )
                fail_msg("%s over %s", who,
                         json_object_get_string(jget(r, "owner")));
        }
        for ( j = 0; j < i; j++ )
        {
            json_object *c = json_object_array_get_idx(list, j);

            if ( json_object_get_boolean(jget(c, "placed")) &&
                 a < jx(c, "addr") + jx(c, "size") && jx(c, "addr") < a + z )
                fail_msg("%s over %s", who,
                         json_object_get_string(jget(c, "owner")));
        }
    }
}

static json_object *bar_of(json_object *root, const char *owner)
{
    json_object *list = jget(jget(root, "bars"), "list");
    size_t i;

    for ( i = 0; i < json_object_array_length(list); i++ )
    {
        json_object *b = json_object_array_get_idx(list, i);

        if ( !strcmp(json_object_get_string(jget(b, "owner")), owner) )
            return b;
    }
    fail_msg("no BAR %s", owner);
    return NULL;
}

static const char *const devices_bars[] = {
    "0000:00:02.0 BAR 1", "0000:00:03.0 BAR 0", "0000:00:03.0 BAR 2",
    "0000:00:03.0 ROM", "0000:00:05.0 BAR 0", "0000:00:07.0 BAR 4",
};

/*
 * 256 MiB guest: the 256 MiB VGA BAR does not fit 0xF0000000-0xFBFFFFFF,
 * the hole grows to 0xE0000000 as hvmloader's does; by hand, largest
 * first: VGA 0xE0000000, platform 0xF0000000, NIC 0xF1000000, ROM
 * 0xF1020000, 16 KiB 0xF1030000, 4 KiB 0xF1034000.
 */
static void test_bars_plan(void **state)
{
    const char *file[] = { "--config", FIX "bars-256m.cfg", "--format",
                           "json", "--bars", FIX "devices.bars", NULL };
    const char *opts[] = { "--config", FIX "bars-256m.cfg", "--format",
                           "json", "--device", "07.0:4=16K/64",
                           "--device", "05.0:0=128K", "--device",
                           "03.0:rom=64K,0=256M,2=4K", "--device",
                           "02.0:1=16M", NULL };
    const char *table[] = { "--config", FIX "bars-256m.cfg", "--format",
                            "bars", "--bars", FIX "devices.bars", NULL };
    static const struct { const char *who; uint64_t at; } want[] = {
        { "0000:00:03.0 BAR 0", 0xE0000000 },
        { "0000:00:02.0 BAR 1", 0xF0000000 },
        { "0000:00:05.0 BAR 0", 0xF1000000 },
        { "0000:00:03.0 ROM", 0xF1020000 },
        { "0000:00:07.0 BAR 4", 0xF1030000 },
        { "0000:00:03.0 BAR 2", 0xF1034000 },
    };
    struct out o, o2;
    json_object *root;
    unsigned int i;

    run(&o, file);
    assert_int_equal(o.rc, 0);
    root = json_tokener_parse(o.out);
    assert_non_null(root);
    check_invariants(root, "bars");
    check_bars(root, devices_bars, 6);
    assert_int_equal(jx(jget(root, "bars"), "window_base"), 0xE0000000);
    assert_true(json_object_get_boolean(jget(jget(root, "bars"),
                                             "hole_grown")));
    for ( i = 0; i < sizeof(want) / sizeof(want[0]); i++ )
        assert_int_equal(jx(bar_of(root, want[i].who), "addr"), want[i].at);
    json_object_put(root);

    /* The same devices as options, in another order: the same JSON. */
    run(&o2, opts);
    assert_int_equal(o2.rc, 0);
    assert_string_equal(o.out, o2.out);
    out_free(&o);
    out_free(&o2);

    run(&o, table);
    assert_int_equal(o.rc, 0);
    assert_non_null(strstr(o.out, "(hole grown by hvmloader)"));
    assert_non_null(strstr(o.out, "0000:00:03.0 ROM"));
    assert_non_null(strstr(o.out, "0x00000000e0000000"));
    out_free(&o);
}

/* mmio_hole= fixes the hole: the VGA BAR finds no room, which the
 * patched hvmloader turns into a BUG(): an error here. */
static void test_bars_fixed_hole(void **state)
{
    const char *json[] = { "--config", FIX "bars-hole.cfg", "--format",
                           "json", "--bars", FIX "devices.bars", NULL };
    const char *table[] = { "--config", FIX "bars-hole.cfg", "--format",
                            "bars", "--bars", FIX "devices.bars", NULL };
    struct out o;
    json_object *root;

    run(&o, json);
    assert_int_equal(o.rc, 2);
    root = json_tokener_parse(o.out);
    assert_non_null(root);
    check_bars(root, devices_bars, 6);
    assert_int_equal(jx(jget(root, "bars"), "window_base"), 0xF0000000);
    assert_false(json_object_get_boolean(jget(bar_of(root,
                     "0000:00:03.0 BAR 0"), "placed")));
    assert_int_equal(jx(jget(root, "bars"), "unplaced"), 1);
    json_object_put(root);
    out_free(&o);

    run(&o, table);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.out, "UNPLACED"));
    assert_non_null(strstr(o.out, "hole fixed by mmio_hole"));
    assert_non_null(strstr(o.err, "LR-BAR-NOFIT"));
    assert_non_null(strstr(o.err, "SIM-BAR-BUG"));
    out_free(&o);
}

/* From the keys: platform/mmio_hole_size present fixes the hole too. */
static void test_bars_xenstore_dump(void **state)
{
    char path[] = "/tmp/xl-test-dump-XXXXXX";
    int fd = mkstemp(path);
    const char *args[] = { "--xenstore-dump", path, "--domid", "3",
                           "--format", "json", "--bars",
                           FIX "devices.bars", NULL };
    FILE *f;
    struct out o;
    json_object *root;
    int pass;

    assert_true(fd >= 0);
    close(fd);
    for ( pass = 0; pass < 2; pass++ )
    {
        f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f, "/local/domain/3/libreserve/version = \"1\"\n"
                "/local/domain/3/libreserve/layout/memory = \"0x10000000\"\n");
        if ( pass )
            fprintf(f, "/local/domain/3/platform/mmio_hole_size = "
                    "\"268435456\"\n");
        assert_int_equal(fclose(f), 0);
        run(&o, args);
        root = json_tokener_parse(o.out);
        if ( !root )
            fail_msg("not JSON:\n%s\n%s", o.out, o.err);
        check_bars(root, devices_bars, 6);
        assert_int_equal(jx(jget(root, "bars"), "window_base"),
                         pass ? 0xF0000000 : 0xE0000000);
        assert_int_equal(json_object_get_boolean(jget(jget(root, "bars"),
                                                      "hole_fixed")), pass);
        assert_int_equal(o.rc, pass ? 2 : 0);
        json_object_put(root);
        out_free(&o);
    }
    unlink(path);
}

/* Malformed devices: a usage error naming the problem, nothing run. */
static void test_bars_bad(void **state)
{
    static const struct {
        const char *spec;
        const char *needle;
    } bad[] = {
        { "02.0", "SLOT.FN:" },
        { "20.0:0=4K", "slot 00-1f" },
        { "02.8:0=4K", "function 0-7" },
        { "02.0:", "no BAR=SIZE" },
        { "02.0:0", "BAR=SIZE" },
        { "02.0:6=4K", "BAR is 0-5 or rom" },
        { "02.0:0=3K", "power of two" },
        { "02.0:0=0", "power of two" },
        { "02.0:0=4G", "at most 2G" },
        { "02.0:rom=4K/64", "/64" },
        { "02.0:5=4K/64", "/64" },
        { "02.0:0=4K/32", "/64" },
        { "02.0:0=4K,0=8K", "given twice" },
        { "02.0:0=4K/64,1=4K", "given twice" },
    };
    const char *nodev[] = { "--config", FIX "bars-256m.cfg", "--format",
                            "bars", NULL };
    const char *nofile[] = { "--config", FIX "bars-256m.cfg", "--bars",
                             "/nonexistent/x.bars", NULL };
    unsigned int i;
    struct out o;

    for ( i = 0; i < sizeof(bad) / sizeof(bad[0]); i++ )
    {
        const char *args[] = { "--config", FIX "bars-256m.cfg", "--device",
                               bad[i].spec, NULL };

        run(&o, args);
        if ( o.rc != 2 || !strstr(o.err, "SIM-USAGE") ||
             !strstr(o.err, bad[i].needle) )
            fail_msg("--device %s: rc %d, stderr:\n%s", bad[i].spec, o.rc,
                     o.err);
        out_free(&o);
    }
    run(&o, nodev);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.err, "--format bars needs the devices"));
    out_free(&o);
    run(&o, nofile);
    assert_int_equal(o.rc, 2);
    assert_non_null(strstr(o.err, "/nonexistent/x.bars"));
    out_free(&o);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_invariants),
        cmocka_unit_test(test_strict_conflict),
        cmocka_unit_test(test_shared_rmrr),
        cmocka_unit_test(test_werror),
        cmocka_unit_test(test_bad_inputs),
        cmocka_unit_test(test_backend_not_pmem),
        cmocka_unit_test(test_truncated_dmar),
        cmocka_unit_test(test_e820_memmap),
        cmocka_unit_test(test_xenstore),
        cmocka_unit_test(test_xl_fragment),
        cmocka_unit_test(test_aml),
        cmocka_unit_test(test_aml_files_asl),
        cmocka_unit_test(test_compare),
        cmocka_unit_test(test_stock_unreserved_plan),
        cmocka_unit_test(test_stock_unreserved_device),
        cmocka_unit_test(test_stock_unreserved_compare_costs),
        cmocka_unit_test(test_json_fields),
        cmocka_unit_test(test_option_matrix),
        cmocka_unit_test(test_usage_values),
        cmocka_unit_test(test_fleet_json_strategy),
        cmocka_unit_test(test_doc_punch_drops),
        cmocka_unit_test(test_check_memmap),
        cmocka_unit_test(test_costs),
        cmocka_unit_test(test_fleet),
        cmocka_unit_test(test_svg_help),
        cmocka_unit_test(test_bars_plan),
        cmocka_unit_test(test_bars_fixed_hole),
        cmocka_unit_test(test_bars_xenstore_dump),
        cmocka_unit_test(test_bars_bad),
    };

    return cmocka_run_group_tests_name("sim/cli", tests, NULL, NULL);
}
