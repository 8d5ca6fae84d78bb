/* SPDX-License-Identifier: MIT */
/*
 * xl.cfg reader on libxlutil.  Where xl itself is silent or wrong about a
 * value (see XL-RDM-STOCK-*), we say what stock xl 4.17 will do with it.
 */
#include <ctype.h>
#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libxlutil.h>
#include <libreserve/fmt.h>

#include "xlcfg.h"
#include "readfile.h"

#define MIB             (1ULL << 20)
#define MEM_MAX_MIB     (64ULL << 20)       /* 64 TiB: the engine's limit */
#define LABEL_PAGES_MIN 32                  /* 128 KiB, as the RFC */

/* --- rdm= ---------------------------------------------------------------- */

/* The keys of rdm=, each with its two values. */
static const struct rdm_key {
    const char *name;
    const char *value[2];
    uint8_t code[2];
} rdm_keys[] = {
    { "strategy", { "host", "ignore" },
      { XLCFG_RDM_HOST, XLCFG_RDM_IGNORE } },
    { "policy", { "strict", "relaxed" },
      { LR_POLICY_STRICT, LR_POLICY_RELAXED } },
};

/* One key=value item of rdm="s" (tok, modified): out[k] set for key k,
 * seen has a bit per key. */
static int rdm_item(char *tok, const char *s, uint8_t *const out[2],
                    unsigned int *seen, struct sim_diags *ds)
{
    char *val = strchr(tok, '=');
    unsigned int k, i;

    if ( !val )
    {
        sim_diag(ds, "XL-BAD-RDM", SIM_ERROR, "rdm", "'%s' in rdm=\"%s\""
                 " is not key=value", tok, s);
        return -1;
    }
    *val++ = 0;
    for ( k = 0; k < 2 && strcmp(tok, rdm_keys[k].name); k++ )
        ;
    if ( k == 2 || (*seen & (1u << k)) )
    {
        sim_diag(ds, "XL-BAD-RDM", SIM_ERROR, "rdm", "%s key '%s' in"
                 " rdm=\"%s\" (keys: strategy, policy)",
                 k < 2 ? "repeated" : "unknown", tok, s);
        return -1;
    }
    *seen |= 1u << k;
    for ( i = 0; i < 2; i++ )
        if ( !strcmp(val, rdm_keys[k].value[i]) )
        {
            *out[k] = rdm_keys[k].code[i];
            return 0;
        }
    sim_diag(ds, "XL-BAD-RDM", SIM_ERROR, "rdm", "unknown rdm %s '%s' (%s"
             " or %s)", rdm_keys[k].name, val, rdm_keys[k].value[0],
             rdm_keys[k].value[1]);
    return -1;
}

int xlcfg_parse_rdm(const char *s, uint8_t *strategy, uint8_t *policy,
                    struct sim_diags *ds)
{
    uint8_t *const out[2] = { strategy, policy };
    char buf[128], *tok, *save = NULL;
    unsigned int seen = 0;

    if ( !s[0] )
    {
        sim_diag(ds, "XL-BAD-RDM", SIM_ERROR, "rdm", "rdm= is empty; write"
                 " \"strategy=host|ignore,policy=strict|relaxed\"");
        return -1;
    }
    if ( strlen(s) >= sizeof(buf) )
    {
        sim_diag(ds, "XL-BAD-RDM", SIM_ERROR, "rdm", "rdm= value of %zu"
                 " characters is too long", strlen(s));
        return -1;
    }
    strcpy(buf, s);
    for ( tok = strtok_r(buf, ",", &save); tok;
          tok = strtok_r(NULL, ",", &save) )
        if ( rdm_item(tok, s, out, &seen, ds) )
            return -1;
    if ( !seen )
    {
        sim_diag(ds, "XL-BAD-RDM", SIM_ERROR, "rdm", "rdm=\"%s\" sets"
                 " nothing", s);
        return -1;
    }
    return 0;
}

/* --- vnvdimms= ----------------------------------------------------------- */

static int vnv_num(const char *key, const char *val, const char *where,
                   bool sizes, uint64_t *out, struct sim_diags *ds)
{
    enum lr_status st = sizes ? lr_parse_size(val, out)
                              : lr_parse_u64(val, out);

    if ( st == LR_OK )
        return 0;
    sim_diag(ds, "XL-VNVDIMM-BAD-NUMBER", SIM_ERROR, where, "%s=%s is %s",
             key, val, st == LR_E_WRAP ? "over 2^64 - 1" :
             sizes ? "not a number (decimal, 0x-hex, K/M/G/T suffix)" :
                     "not a number (decimal or 0x-hex)");
    return -1;
}

/* The keys of one vNVDIMM spec, in the order messages list them. */
enum vnv_key_id {
    VNV_TYPE, VNV_BACKEND, VNV_PAGES, VNV_LABEL_PAGES, VNV_GPA, VNV_LABEL,
    VNV_SERIAL, VNV_NR_KEYS,
};

struct vnv_key;

/* Read the value of key k into v: 0, or -1 with the error in ds. */
typedef int vnv_take_fn(const struct vnv_key *k, const char *val,
                        const char *where, struct xlcfg_vnvdimm *v,
                        struct sim_diags *ds);

struct vnv_key {
    const char *name;
    const char *required;       /* "key=VALUE" said when it is missing */
    vnv_take_fn *take;
    size_t field;               /* vnv_take_u64: its uint64_t in v */
};

static int vnv_take_type(const struct vnv_key *k, const char *val,
                         const char *where, struct xlcfg_vnvdimm *v,
                         struct sim_diags *ds)
{
    (void)k;
    (void)v;
    if ( !strcmp(val, "mfn") )
        return 0;
    sim_diag(ds, "XL-VNVDIMM-BAD-TYPE", SIM_ERROR, where,
             "type=%s: only type=mfn (host frames) exists", val);
    return -1;
}

static int vnv_take_u64(const struct vnv_key *k, const char *val,
                        const char *where, struct xlcfg_vnvdimm *v,
                        struct sim_diags *ds)
{
    return vnv_num(k->name, val, where, false,
                   (uint64_t *)((char *)v + k->field), ds);
}

static int vnv_take_serial(const struct vnv_key *k, const char *val,
                           const char *where, struct xlcfg_vnvdimm *v,
                           struct sim_diags *ds)
{
    uint64_t sn;

    if ( vnv_num(k->name, val, where, false, &sn, ds) )
        return -1;
    if ( sn == 0 || sn > 0xffffffffULL )
    {
        sim_diag(ds, "XL-VNVDIMM-BAD-SERIAL", SIM_ERROR, where,
                 "serial=%s: 1..0xffffffff (Linux binds labels to"
                 " it; 0 makes every label invalid)", val);
        return -1;
    }
    v->serial = (uint32_t)sn;
    return 0;
}

static int vnv_take_gpa(const struct vnv_key *k, const char *val,
                        const char *where, struct xlcfg_vnvdimm *v,
                        struct sim_diags *ds)
{
    if ( !strcmp(val, "auto") )
    {
        v->gpa = LR_GPA_AUTO;
        return 0;
    }
    if ( vnv_num(k->name, val, where, true, &v->gpa, ds) )
        return -1;
    if ( v->gpa == LR_GPA_AUTO || (v->gpa & 0xfff) )
    {
        sim_diag(ds, "XL-VNVDIMM-BAD-GPA", SIM_ERROR, where,
                 "gpa=%s is not 4 KiB aligned", val);
        return -1;
    }
    return 0;
}

static int vnv_take_label(const struct vnv_key *k, const char *val,
                          const char *where, struct xlcfg_vnvdimm *v,
                          struct sim_diags *ds)
{
    enum lr_label_backend b;

    (void)k;
    if ( lr_label_backend_parse(val, &b) != LR_OK )
    {
        sim_diag(ds, "XL-VNVDIMM-BAD-LABEL", SIM_ERROR, where,
                 "label=%s: none, inband or mailbox", val);
        return -1;
    }
    v->label = b;
    return 0;
}

#define VNV_FIELD(f)    offsetof(struct xlcfg_vnvdimm, f)

static const struct vnv_key vnv_keys[VNV_NR_KEYS] = {
    [VNV_TYPE] = { "type", "type=mfn", vnv_take_type, 0 },
    [VNV_BACKEND] = { "backend", "backend=MFN", vnv_take_u64,
                      VNV_FIELD(backend) },
    [VNV_PAGES] = { "nr_pages", "nr_pages=N", vnv_take_u64,
                    VNV_FIELD(nr_pages) },
    [VNV_LABEL_PAGES] = { "nr_label_pages", NULL, vnv_take_u64,
                          VNV_FIELD(nr_label_pages) },
    [VNV_GPA] = { "gpa", NULL, vnv_take_gpa, 0 },
    [VNV_LABEL] = { "label", NULL, vnv_take_label, 0 },
    [VNV_SERIAL] = { "serial", NULL, vnv_take_serial, 0 },
};

#define VNV_SEEN(id)    (1u << (id))

/* An empty spec, or an empty item in it, is a syntax error. */
static int vnv_syntax(const char *spec, const char *where,
                      struct sim_diags *ds)
{
    if ( !spec[0] )
    {
        sim_diag(ds, "XL-VNVDIMM-EMPTY", SIM_ERROR, where, "empty vNVDIMM"
                 " spec; write 'type=mfn,backend=MFN,nr_pages=N'");
        return -1;
    }
    if ( spec[strlen(spec) - 1] == ',' || spec[0] == ',' ||
         strstr(spec, ",,") )
    {
        sim_diag(ds, "XL-VNVDIMM-SYNTAX", SIM_ERROR, where, "empty item in"
                 " '%s'", spec);
        return -1;
    }
    return 0;
}

/* "unknown key" with every key listed. */
static void vnv_unknown_key(const char *key, const char *where,
                            struct sim_diags *ds)
{
    char names[128] = "";
    unsigned int k;

    for ( k = 0; k < VNV_NR_KEYS; k++ )
        snprintf(names + strlen(names), sizeof(names) - strlen(names),
                 "%s%s", k ? ", " : "", vnv_keys[k].name);
    sim_diag(ds, "XL-VNVDIMM-UNKNOWN-KEY", SIM_ERROR, where,
             "unknown key '%s' (%s)", key, names);
}

/* One key=value item (tok, modified) into v; *seen has a bit per key. */
static int vnv_item(char *tok, const char *where, struct xlcfg_vnvdimm *v,
                    unsigned int *seen, struct sim_diags *ds)
{
    char *val = strchr(tok, '=');
    unsigned int k;

    if ( !val || val == tok || !val[1] )
    {
        sim_diag(ds, "XL-VNVDIMM-SYNTAX", SIM_ERROR, where, "'%s' is not"
                 " key=value", tok);
        return -1;
    }
    *val++ = 0;
    for ( k = 0; k < VNV_NR_KEYS && strcmp(tok, vnv_keys[k].name); k++ )
        ;
    if ( k == VNV_NR_KEYS )
    {
        vnv_unknown_key(tok, where, ds);
        return -1;
    }
    if ( *seen & VNV_SEEN(k) )
    {
        sim_diag(ds, "XL-VNVDIMM-DUPLICATE-KEY", SIM_ERROR, where,
                 "'%s' given twice", tok);
        return -1;
    }
    *seen |= VNV_SEEN(k);
    return vnv_keys[k].take(&vnv_keys[k], val, where, v, ds);
}

/* Every required key given, data pages, all within 52 address bits. */
static int vnv_check_size(const char *spec, const char *where,
                          const struct xlcfg_vnvdimm *v, unsigned int seen,
                          struct sim_diags *ds)
{
    unsigned int k;

    for ( k = 0; k < VNV_NR_KEYS; k++ )
        if ( vnv_keys[k].required && !(seen & VNV_SEEN(k)) )
        {
            sim_diag(ds, "XL-VNVDIMM-MISSING-KEY", SIM_ERROR, where,
                     "'%s' lacks %s", spec, vnv_keys[k].required);
            return -1;
        }
    if ( v->nr_pages == 0 )
    {
        sim_diag(ds, "XL-VNVDIMM-BAD-SIZE", SIM_ERROR, where,
                 "nr_pages=0: a vNVDIMM needs data pages");
        return -1;
    }
    /* Host frames: backend + nr_pages + label pages within 52 bits. */
    if ( v->backend >= (1ULL << 40) || v->nr_pages >= (1ULL << 40) ||
         v->nr_label_pages >= (1ULL << 40) ||
         v->backend + v->nr_pages + v->nr_label_pages > (1ULL << 40) )
    {
        sim_diag(ds, "XL-VNVDIMM-BAD-SIZE", SIM_ERROR, where,
                 "backend=0x%llx with %llu + %llu pages passes the 52-bit"
                 " physical address limit", (unsigned long long)v->backend,
                 (unsigned long long)v->nr_pages,
                 (unsigned long long)v->nr_label_pages);
        return -1;
    }
    return 0;
}

/* The label backend and its pages: given, implied or defaulted. */
static int vnv_check_label(const char *where, struct xlcfg_vnvdimm *v,
                           unsigned int seen, struct sim_diags *ds)
{
    bool have_label = seen & VNV_SEEN(VNV_LABEL);
    bool have_label_pages = seen & VNV_SEEN(VNV_LABEL_PAGES);

    if ( have_label && v->label == LR_LABEL_NONE && v->nr_label_pages )
    {
        sim_diag(ds, "XL-VNVDIMM-LABEL-CONFLICT", SIM_ERROR, where,
                 "label=none contradicts nr_label_pages=%llu",
                 (unsigned long long)v->nr_label_pages);
        return -1;
    }
    if ( !have_label && have_label_pages && v->nr_label_pages )
        v->label = LR_LABEL_INBAND;
    if ( v->label != LR_LABEL_NONE && !have_label_pages )
        v->nr_label_pages = LABEL_PAGES_MIN;
    if ( v->label != LR_LABEL_NONE && v->nr_label_pages < LABEL_PAGES_MIN )
    {
        sim_diag(ds, "XL-VNVDIMM-LABEL-SIZE", SIM_ERROR, where,
                 "nr_label_pages=%llu is below %u (128 KiB, the smallest"
                 " label area Linux accepts)",
                 (unsigned long long)v->nr_label_pages, LABEL_PAGES_MIN);
        return -1;
    }
    return 0;
}

/* What the items leave to derive or check, once all are read. */
static int vnv_finish(const char *spec, const char *where,
                      struct xlcfg_vnvdimm *v, unsigned int seen,
                      struct sim_diags *ds)
{
    /*
     * The NFIT control-region serial feeds the interleave-set cookie Linux
     * binds namespace labels to: it must be non-zero (a zero cookie makes
     * every label invalid; seen on real Xen) and the same at every boot.
     * Derive it from the backing frames, which identify the storage.
     */
    if ( !(seen & VNV_SEEN(VNV_SERIAL)) )
    {
        v->serial = 0x4c520000u ^ (uint32_t)v->backend ^
                    (uint32_t)(v->backend >> 32);
        if ( !v->serial )
            v->serial = 0x4c52;
    }
    if ( vnv_check_size(spec, where, v, seen, ds) ||
         vnv_check_label(where, v, seen, ds) )
        return -1;
    /* Linux: fsdax with struct pages wants 128 MiB memory sections
     * (ndctl#76: "invalid altmap"); devdax needs 2 MiB, which the engine
     * enforces (LR-PMEM-ALIGN). */
    if ( !(v->nr_pages & 511) && (v->nr_pages & 32767) )
        sim_diag(ds, "XL-VNVDIMM-SECTION", SIM_WARN, where, "nr_pages=%llu"
                 " (%llu MiB) is not a multiple of 128 MiB: Linux fsdax in"
                 " the guest fails with 'invalid altmap'/EINVAL; devdax"
                 " and raw mode work", (unsigned long long)v->nr_pages,
                 (unsigned long long)(v->nr_pages >> 8));
    return 0;
}

int xlcfg_parse_vnvdimm(const char *spec, const char *where,
                        struct xlcfg_vnvdimm *v, struct sim_diags *ds)
{
    char *buf, *tok, *save = NULL;
    unsigned int seen = 0;
    int rc = -1;

    memset(v, 0, sizeof(*v));
    v->gpa = LR_GPA_AUTO;
    buf = strdup(spec);
    if ( !buf )
    {
        sim_diag(ds, "XL-NO-MEMORY", SIM_ERROR, where, "out of memory");
        return -1;
    }
    if ( vnv_syntax(spec, where, ds) )
        goto out;
    for ( tok = strtok_r(buf, ",", &save); tok;
          tok = strtok_r(NULL, ",", &save) )
        if ( vnv_item(tok, where, v, &seen, ds) )
            goto out;
    rc = vnv_finish(spec, where, v, seen, ds);
 out:
    free(buf);
    return rc;
}

/* --- the file ------------------------------------------------------------ */

/* The first line libxlutil reported, for our message. */
static void report_line(FILE *rep, char **rbuf, char *out, size_t len)
{
    char *nl;

    fflush(rep);
    snprintf(out, len, "%s", *rbuf && **rbuf ? *rbuf : "syntax error");
    nl = strchr(out, '\n');
    if ( nl )
        *nl = 0;
}

/* memory=, maxmem=, ...: a positive count of MiB, or an error. */
static int get_mib(XLU_Config *cfg, const char *key, uint64_t min,
                   uint64_t max, uint64_t *out, bool *present,
                   struct sim_diags *ds)
{
    long l;
    int e = xlu_cfg_get_long(cfg, key, &l, 1);

    *present = false;
    if ( e == ESRCH )
        return 0;
    if ( e )
    {
        const char *s = NULL;

        xlu_cfg_get_string(cfg, key, &s, 1);
        sim_diag(ds, "XL-BAD-NUMBER", SIM_ERROR, key, "%s=%s is not a"
                 " number of MiB%s", key, s ? s : "(list)",
                 e == ERANGE ? " (out of range)" : "");
        return -1;
    }
    if ( l < 0 || (uint64_t)l < min || (uint64_t)l > max )
    {
        sim_diag(ds, "XL-OUT-OF-RANGE", SIM_ERROR, key, "%s=%ld is outside"
                 " %llu..%llu", key, l, (unsigned long long)min,
                 (unsigned long long)max);
        return -1;
    }
    *present = true;
    *out = (uint64_t)l;
    return 0;
}

static void parse_vga(XLU_Config *cfg, struct xlcfg *c, struct sim_diags *ds)
{
    const char *s;
    long l;
    uint64_t min = 8, def = 8, v;
    bool present;

    snprintf(c->vga, sizeof(c->vga), "cirrus");
    if ( !xlu_cfg_get_long(cfg, "stdvga", &l, 1) && l )
        snprintf(c->vga, sizeof(c->vga), "stdvga");
    if ( !xlu_cfg_get_string(cfg, "vga", &s, 1) )
    {
        if ( !strcmp(s, "stdvga") || !strcmp(s, "cirrus") ||
             !strcmp(s, "none") || !strcmp(s, "qxl") )
            snprintf(c->vga, sizeof(c->vga), "%s", s);
        else
            sim_diag(ds, "XL-BAD-VGA", SIM_ERROR, "vga", "vga=\"%s\" is"
                     " unknown (stdvga, cirrus, none, qxl): xl refuses it",
                     s);
    }
    /* libxl_create.c: per-kind default and minimum of video RAM. */
    if ( !strcmp(c->vga, "none") )
        min = def = 0;
    else if ( !strcmp(c->vga, "stdvga") )
        min = def = 16;
    else if ( !strcmp(c->vga, "qxl") )
        min = def = 128;
    c->video_mib = def;
    if ( get_mib(cfg, "videoram", 0, 1 << 20, &v, &present, ds) )
        return;
    if ( present )
    {
        if ( v < min )
            sim_diag(ds, "XL-BAD-VIDEORAM", SIM_ERROR, "videoram",
                     "videoram=%llu is below the %llu MiB %s needs: libxl"
                     " refuses it", (unsigned long long)v,
                     (unsigned long long)min, c->vga);
        c->video_mib = v;
    }
}

static void parse_rdm(XLU_Config *cfg, struct xlcfg *c, struct sim_diags *ds)
{
    const char *s;
    libxl_rdm_reserve stock;
    uint8_t pol;
    int e;

    c->rdm_strategy = XLCFG_RDM_IGNORE;
    c->rdm_policy = LR_POLICY_RELAXED;
    if ( xlu_cfg_get_string(cfg, "rdm", &s, 1) )
        return;
    snprintf(c->rdm_text, sizeof(c->rdm_text), "%s", s);
    pol = 0xff;
    if ( xlcfg_parse_rdm(s, &c->rdm_strategy, &pol, ds) )
        return;
    c->rdm_given = true;
    c->rdm_policy_given = pol != 0xff;
    if ( c->rdm_policy_given )
        c->rdm_policy = pol;

    /*
     * What stock xl makes of it: xl_parse.c ignores a failed
     * xlu_rdm_parse() without a word, and Xen 4.17's parser refuses every
     * valid policy= (its check is inverted) and strategy=ignore.
     */
    libxl_rdm_reserve_init(&stock);
    e = xlu_rdm_parse(cfg, &stock, s);
    if ( e )
    {
        c->rdm_stock_ignored = true;
        sim_diag(ds, "XL-RDM-STOCK-IGNORED", SIM_WARN, "rdm",
                 "stock xl 4.17 rejects rdm=\"%s\" (libxlutil's"
                 " xlu_rdm_parse refuses every valid policy= and"
                 " strategy=ignore) and silently drops the option: stock Xen"
                 " then uses strategy=ignore, policy=relaxed.  For stock xl"
                 " write rdm=\"strategy=host\" and put rdm_policy= on each"
                 " pci= device", s);
    }
    else if ( !strstr(s, "policy=") )
        sim_diag(ds, "XL-RDM-STOCK-POLICY", SIM_NOTE, "rdm",
                 "with rdm=\"%s\" stock xl copies an uninitialised policy"
                 " (xl_parse.c): it acts as relaxed unless that value"
                 " happens to be 0; the simulator assumes relaxed", s);
}

/*
 * rdm_layout= and rdm_layout_lowmem= of the patched xl (libxc-patches/):
 * the engine's strategy ("default" is libxl's own algorithm, which
 * xen-compat models) and superpage's end of low RAM, in MiB.  Stock xl
 * ignores both keys.
 */
static void parse_rdm_layout(XLU_Config *cfg, struct xlcfg *c,
                             struct sim_diags *ds)
{
    enum lr_strategy st;
    const char *s;
    bool present;
    uint64_t v;

    c->rdm_layout = -1;
    if ( !xlu_cfg_get_string(cfg, "rdm_layout", &s, 1) )
    {
        if ( !strcmp(s, "default") )
            c->rdm_layout = LR_STRATEGY_XEN_COMPAT;
        else if ( strcmp(s, "xen-compat") &&
                  lr_strategy_parse(s, &st) == LR_OK )
            c->rdm_layout = st;
        else
            sim_diag(ds, "XL-BAD-RDM-LAYOUT", SIM_ERROR, "rdm_layout",
                     "rdm_layout=\"%s\": the patched xl takes default,"
                     " punch, pack or superpage", s);
    }
    if ( get_mib(cfg, "rdm_layout_lowmem", 16, 3840, &v, &present,
                 ds) == 0 && present )
    {
        if ( v % 2 )
            sim_diag(ds, "XL-BAD-RDM-LAYOUT", SIM_ERROR,
                     "rdm_layout_lowmem", "rdm_layout_lowmem=%llu: a"
                     " multiple of 2 MiB is needed",
                     (unsigned long long)v);
        else
            c->superpage_low_mib = v;
        if ( c->rdm_layout != LR_STRATEGY_SUPERPAGE )
            sim_diag(ds, "XL-RDM-LOWMEM-UNUSED", SIM_NOTE,
                     "rdm_layout_lowmem", "rdm_layout_lowmem= only bounds"
                     " the superpage layout (rdm_layout=\"superpage\" or"
                     " --strategy superpage)");
    }
}

/*
 * libxlutil 4.17's parse_bdf reads "%x:%x.%n" (or "%x:%x:%x.%n") and
 * adds n even when the '.' did not match and sscanf never reached %n: a
 * BDF without ".F" ("00:1f") moves it by an uninitialised offset, past
 * the string (found by fuzz_xlcfg; xl itself runs the same code).  True
 * when the BDF at s would do that; s may go on after it.
 */
static bool bdf_trips_libxlu(const char *s)
{
    unsigned int colons = 0, a, b, d;
    const char *p;
    int n = -1;

    for ( p = s; isxdigit((unsigned char)*p) || *p == ':'; p++ )
        colons += *p == ':';
    if ( colons == 1 )
        return sscanf(s, "%x:%x.%n", &a, &b, &n) == 2 && n < 0;
    if ( colons == 2 )
        return sscanf(s, "%x:%x:%x.%n", &a, &b, &d, &n) == 3 && n < 0;
    return false;
}

/* A BDF anywhere libxlutil may parse one: at the start, or as a value
 * (bdf=); checked after every ',' and '=', which covers both. */
static bool pci_spec_trips_libxlu(const char *s)
{
    const char *p;

    if ( bdf_trips_libxlu(s) )
        return true;
    for ( p = s; *p; p++ )
        if ( (*p == ',' || *p == '=') && bdf_trips_libxlu(p + 1) )
            return true;
    return false;
}

/* One PCI_SPEC_STRING s through xl's own parser into c->pci[]. */
static void parse_one_pci(XLU_Config *cfg, struct xlcfg *c, const char *s,
                          const char *where, struct sim_diags *ds)
{
    libxl_device_pci pci;
    struct xlcfg_pci *p;

    libxl_device_pci_init(&pci);
    /* xl_parse.c: the device's policy starts as the global one,
     * which is unset (later: strict) unless rdm= gives policy=. */
    pci.rdm_policy = c->rdm_policy_given ?
                     (libxl_rdm_reserve_policy)c->rdm_policy :
                     LIBXL_RDM_RESERVE_POLICY_INVALID;
    if ( xlu_pci_parse_spec_string(cfg, &pci, s) )
        sim_diag(ds, "XL-BAD-PCI", SIM_ERROR, where, "'%s' is not a"
                 " PCI_SPEC_STRING ([SSSS:]BB:DD.F[@VSLOT][,key=val..."
                 "], rdm_policy=strict|relaxed)", s);
    else if ( pci.name && pci.name[0] )
        sim_diag(ds, "XL-PCI-BY-NAME", SIM_WARN, where, "'%s' names an"
                 " assignable device by name: its BDF (and so its RMRRs)"
                 " is unknown offline; give the BDF instead", s);
    else
    {
        p = &c->pci[c->nr_pci++];
        memset(p, 0, sizeof(*p));
        p->seg = (uint16_t)pci.domain;
        p->bus = pci.bus;
        p->dev = pci.dev;
        p->fn = pci.func;
        p->policy_given = strstr(s, "rdm_policy=") != NULL;
        /* libxl__device_pci_setdefault: unset means strict. */
        p->policy = pci.rdm_policy == LIBXL_RDM_RESERVE_POLICY_RELAXED ?
                    LR_POLICY_RELAXED : LR_POLICY_STRICT;
        snprintf(p->text, sizeof(p->text), "%s", s);
    }
    libxl_device_pci_dispose(&pci);
}

static void parse_pci(XLU_Config *cfg, struct xlcfg *c, struct sim_diags *ds)
{
    XLU_ConfigList *list;
    int n, i;

    if ( xlu_cfg_get_list(cfg, "pci", &list, &n, 1) )
        return;
    for ( i = 0; i < n; i++ )
    {
        const char *s = xlu_cfg_get_listitem(list, i);
        char where[32];

        snprintf(where, sizeof(where), "pci[%d]", i);
        if ( !s )
        {
            sim_diag(ds, "XL-BAD-PCI", SIM_ERROR, where, "item is a list,"
                     " not a PCI_SPEC_STRING");
            continue;
        }
        if ( c->nr_pci >= XLCFG_MAX_PCI )
        {
            sim_diag(ds, "XL-TOO-MANY-PCI", SIM_ERROR, where, "more than %u"
                     " pci= devices", XLCFG_MAX_PCI);
            return;
        }
        if ( pci_spec_trips_libxlu(s) )
        {
            sim_diag(ds, "XL-BAD-PCI", SIM_ERROR, where, "'%s': a BDF"
                     " without its function (.F): libxlutil 4.17 reads"
                     " past the string on it (xl too); write BB:DD.F", s);
            continue;
        }
        parse_one_pci(cfg, c, s, where, ds);
    }
}

static void parse_vnvdimms(XLU_Config *cfg, struct xlcfg *c,
                           struct sim_diags *ds)
{
    XLU_ConfigList *list;
    int n, i;

    if ( xlu_cfg_get_list(cfg, "vnvdimms", &list, &n, 1) )
    {
        const char *s;

        if ( !xlu_cfg_get_string(cfg, "vnvdimms", &s, 1) )
            sim_diag(ds, "XL-VNVDIMM-NOT-LIST", SIM_ERROR, "vnvdimms",
                     "vnvdimms must be a list: vnvdimms = [ '%s' ]", s);
        return;
    }
    for ( i = 0; i < n; i++ )
    {
        const char *s = xlu_cfg_get_listitem(list, i);
        char where[32];

        snprintf(where, sizeof(where), "vnvdimms[%d]", i);
        if ( !s )
        {
            sim_diag(ds, "XL-VNVDIMM-SYNTAX", SIM_ERROR, where, "item is a"
                     " list, not a string");
            continue;
        }
        if ( c->nr_vnvdimms >= LR_MAX_VNVDIMMS )
        {
            sim_diag(ds, "XL-TOO-MANY-VNVDIMMS", SIM_ERROR, where, "more"
                     " than %u vNVDIMMs", LR_MAX_VNVDIMMS);
            return;
        }
        if ( !xlcfg_parse_vnvdimm(s, where, &c->vnv[c->nr_vnvdimms], ds) )
            c->nr_vnvdimms++;
    }
}

/* Newlines in [data, end). */
static size_t count_lines(const char *data, const char *end)
{
    size_t n = 0;

    for ( ; data < end; data++ )
        n += *data == '\n';
    return n;
}

static void xlcfg_defaults(struct xlcfg *c)
{
    memset(c, 0, sizeof(*c));
    c->rdm_boundary_mib = 2048;
    c->rdm_layout = -1;
    c->rdm_policy = LR_POLICY_RELAXED;
    snprintf(c->vga, sizeof(c->vga), "cirrus");
    c->video_mib = 8;
}

/* What libxlutil must not be given: a huge file, or a NUL byte. */
static int check_text(const char *data, size_t len, const char *name,
                      struct sim_diags *ds)
{
    const char *s;

    if ( len > (1u << 24) )
    {
        sim_diag(ds, "XL-SYNTAX", SIM_ERROR, name, "%zu bytes: not an"
                 " xl.cfg", len);
        return -1;
    }
    /* libxlutil 4.17's lexer asserts (xlu__cfgl_dequote, abort) on a NUL
     * inside a quoted string: refuse any NUL before handing it over. */
    s = memchr(data, 0, len);
    if ( s )
    {
        sim_diag(ds, "XL-SYNTAX", SIM_ERROR, name, "a NUL byte at offset"
                 " %zu (line %zu): not a text file (xl's parser aborts on"
                 " it)", (size_t)(s - data), count_lines(data, s) + 1);
        return -1;
    }
    return 0;
}

static void parse_type(XLU_Config *cfg, struct xlcfg *c,
                       struct sim_diags *ds)
{
    const char *s;

    if ( !xlu_cfg_get_string(cfg, "type", &s, 1) ||
         !xlu_cfg_get_string(cfg, "builder", &s, 1) )
    {
        c->hvm = !strcmp(s, "hvm");
        if ( !c->hvm )
            sim_diag(ds, "XL-NOT-HVM", SIM_ERROR, "type", "type \"%s\": the"
                     " layout of reserved regions only exists for HVM"
                     " guests", s);
    }
    else
        sim_diag(ds, "XL-NOT-HVM", SIM_WARN, "type", "no type=\"hvm\": xl"
                 " would build a PV guest; simulated as HVM");
}

/* memory= and maxmem= (populate-on-demand when above memory=). */
static void parse_memory(XLU_Config *cfg, struct xlcfg *c,
                         struct sim_diags *ds)
{
    bool present;
    uint64_t v;

    if ( get_mib(cfg, "memory", 1, MEM_MAX_MIB, &c->memory_mib, &present,
                 ds) == 0 && !present )
    {
        c->memory_mib = 32;
        sim_diag(ds, "XL-NO-MEMORY-SIZE", SIM_WARN, "memory", "no memory=:"
                 " libxl's default of 32 MiB is used");
    }
    c->maxmem_mib = c->memory_mib;
    if ( get_mib(cfg, "maxmem", 1, MEM_MAX_MIB, &v, &present, ds) ||
         !present )
        return;
    if ( v < c->memory_mib )
    {
        sim_diag(ds, "XL-MAXMEM-BELOW-MEMORY", SIM_ERROR, "maxmem",
                 "maxmem=%llu is below memory=%llu: libxl refuses it",
                 (unsigned long long)v, (unsigned long long)c->memory_mib);
        return;
    }
    c->maxmem_mib = v;
    if ( v > c->memory_mib )
        sim_diag(ds, "XL-POD", SIM_NOTE, "maxmem", "maxmem=%llu >"
                 " memory=%llu: the layout is sized by maxmem"
                 " (populate-on-demand, which cannot be combined"
                 " with pci= passthrough)", (unsigned long long)v,
                 (unsigned long long)c->memory_mib);
}

/* Every value after a successful read, in the order xl takes them. */
static void parse_values(XLU_Config *cfg, struct xlcfg *c,
                         struct sim_diags *ds)
{
    bool present;
    uint64_t v;

    parse_type(cfg, c, ds);
    parse_memory(cfg, c, ds);
    parse_vga(cfg, c, ds);
    if ( c->maxmem_mib && c->video_mib >= c->maxmem_mib )
        sim_diag(ds, "XL-BAD-VIDEORAM", SIM_ERROR, "videoram", "%llu MiB"
                 " of video RAM leave nothing of %llu MiB of guest memory",
                 (unsigned long long)c->video_mib,
                 (unsigned long long)c->maxmem_mib);
    if ( get_mib(cfg, "mmio_hole", 256, 3840, &v, &present, ds) == 0 &&
         present )
        c->mmio_hole_mib = v;
    if ( get_mib(cfg, "rdm_mem_boundary", 0, 4096, &v, &present, ds) == 0 &&
         present )
        c->rdm_boundary_mib = v;
    parse_rdm(cfg, c, ds);
    parse_rdm_layout(cfg, c, ds);
    parse_pci(cfg, c, ds);
    parse_vnvdimms(cfg, c, ds);
}

int xlcfg_parse(const char *data, size_t len, const char *name,
                struct xlcfg *c, struct sim_diags *ds)
{
    unsigned int errors = ds->errors;
    char *rbuf = NULL, line[256];
    size_t rlen = 0;
    FILE *rep;
    XLU_Config *cfg;

    xlcfg_defaults(c);
    if ( check_text(data, len, name, ds) )
        return -1;
    rep = open_memstream(&rbuf, &rlen);
    if ( !rep )
    {
        sim_diag(ds, "XL-NO-MEMORY", SIM_ERROR, name, "out of memory");
        return -1;
    }
    cfg = xlu_cfg_init(rep, name);
    if ( !cfg )
    {
        fclose(rep);
        free(rbuf);
        sim_diag(ds, "XL-NO-MEMORY", SIM_ERROR, name, "out of memory");
        return -1;
    }
    if ( xlu_cfg_readdata(cfg, data, (int)len) )
    {
        report_line(rep, &rbuf, line, sizeof(line));
        sim_diag(ds, "XL-SYNTAX", SIM_ERROR, name, "xl cannot read it: %s",
                 line);
    }
    else
        parse_values(cfg, c, ds);
    xlu_cfg_destroy(cfg);
    fclose(rep);
    free(rbuf);
    return ds->errors > errors ? -1 : 0;
}

int xlcfg_load(const char *path, struct xlcfg *c, struct sim_diags *ds)
{
    char *buf;
    size_t n;
    int rc, err = sim_read_file(path, 1u << 24, &buf, &n);

    memset(c, 0, sizeof(*c));
    if ( err )
    {
        sim_diag(ds, err == EFBIG ? "XL-SYNTAX" : "XL-IO", SIM_ERROR, path,
                 "%s", err == EFBIG ? "over 16 MiB: not an xl.cfg" :
                 strerror(err));
        return -1;
    }
    rc = xlcfg_parse(buf, n, path, c, ds);
    free(buf);
    return rc;
}

uint64_t xlcfg_layout_bytes(const struct xlcfg *c)
{
    if ( c->video_mib >= c->maxmem_mib )
        return 0;
    return (c->maxmem_mib - c->video_mib) * MIB;
}

/* --- the engine input ---------------------------------------------------- */

static bool assigned(const struct xlcfg *c, const struct dmar_rmrr *r,
                     const struct dmar_scope *s)
{
    unsigned int i;

    if ( (s->type != DMAR_SCOPE_ENDPOINT && s->type != DMAR_SCOPE_BRIDGE) ||
         s->nr_path != 1 )
        return false;
    for ( i = 0; i < c->nr_pci; i++ )
        if ( c->pci[i].seg == r->segment && c->pci[i].bus == s->start_bus &&
             c->pci[i].dev == s->path[0][0] &&
             c->pci[i].fn == s->path[0][1] )
            return true;
    return false;
}

/* Shared RMRRs: Xen (vtd/iommu.c) refuses to assign a device whose RMRR
 * is shared unless its policy is relaxed, and even then the others must
 * not be used elsewhere. */
static void report_shared(const struct xlcfg *c, const struct dmar_rmrr *r,
                          const struct xlcfg_pci *p, struct sim_diags *ds)
{
    char all[512], others[512];
    size_t na = 0, no = 0;
    unsigned int j;

    all[0] = others[0] = 0;
    for ( j = 0; j < r->nr_scopes; j++ )
    {
        const struct dmar_scope *s = &r->scopes[j];

        if ( na < sizeof(all) )
            na += snprintf(all + na, sizeof(all) - na, "%s%s",
                           j ? ", " : "", s->name);
        if ( !assigned(c, r, s) && no < sizeof(others) )
            no += snprintf(others + no, sizeof(others) - no, "%s%s",
                           no ? ", " : "", s->name);
    }
    if ( p->policy == LR_POLICY_STRICT )
        sim_diag(ds, "XL-RMRR-SHARED", SIM_ERROR, p->text,
                 "RMRR %u 0x%016llx-0x%016llx is shared by %u devices (%s):"
                 " Xen refuses to assign %04x:%02x:%02x.%x under"
                 " rdm_policy=strict (\"disallowed ... with shared RMRR\")."
                 "  Assign them all to this guest with rdm_policy=relaxed%s%s",
                 r->index, (unsigned long long)r->base,
                 (unsigned long long)r->last, r->nr_scopes, all, p->seg,
                 p->bus, p->dev, p->fn, no ? "; not assigned here: " : "",
                 others);
    else
        sim_diag(ds, "XL-RMRR-SHARED", SIM_WARN, p->text,
                 "RMRR %u 0x%016llx-0x%016llx is shared by %u devices (%s):"
                 " Xen assigns %04x:%02x:%02x.%x under rdm_policy=relaxed but"
                 " calls it risky; the devices must go to the same guest%s%s",
                 r->index, (unsigned long long)r->base,
                 (unsigned long long)r->last, r->nr_scopes, all, p->seg,
                 p->bus, p->dev, p->fn, no ? "; not assigned here: " : "",
                 others);
}

/* The engine's configuration from the config. */
static void input_cfg(const struct xlcfg *c, enum lr_strategy strategy,
                      struct lr_input *in, struct sim_diags *ds)
{
    uint64_t bytes = xlcfg_layout_bytes(c);

    lr_input_init(in);
    in->cfg.mem_size = bytes;
    in->cfg.strategy = strategy;
    if ( c->mmio_hole_mib )
        in->cfg.mmio_hole_size = c->mmio_hole_mib * MIB;
    in->cfg.rdm_boundary = c->rdm_boundary_mib * MIB;
    in->cfg.superpage_low = c->superpage_low_mib * MIB;
    if ( !bytes )
        sim_diag(ds, "XL-BAD-MEMORY", SIM_ERROR, "memory", "no guest memory"
                 " left to lay out");
}

/* Each assigned device's policy over its RMRRs (policy[], per RMRR: -1
 * not taken, else the policy).  stock: as stock xl, rdm= dropped. */
static void device_policies(const struct xlcfg *c, const struct dmar *d,
                            bool stock, int *policy, struct sim_diags *ds)
{
    unsigned int i, j;

    for ( i = 0; i < c->nr_pci; i++ )
    {
        struct xlcfg_pci stock_pci = c->pci[i];
        const struct xlcfg_pci *p = &c->pci[i];
        unsigned int ri[DMAR_MAX_RMRRS], n;

        if ( stock && !p->policy_given )
        {
            stock_pci.policy = LR_POLICY_STRICT;
            p = &stock_pci;
        }

        n = dmar_rmrrs_of_device(d, p->seg, p->bus, p->dev, p->fn, ri,
                                 DMAR_MAX_RMRRS);
        for ( j = 0; j < n && j < DMAR_MAX_RMRRS; j++ )
        {
            const struct dmar_rmrr *r = &d->rmrr[ri[j]];

            if ( policy[ri[j]] >= 0 && policy[ri[j]] != p->policy )
                sim_diag(ds, "XL-RDM-POLICY-OVERRIDE", SIM_NOTE, p->text,
                         "RMRR %u: the device's rdm_policy=%s overrides the"
                         " %s policy=%s, as libxl does (libxl_dm.c; the"
                         " xl.cfg man page says strict wins: it does not)",
                         r->index, lr_policy_name(p->policy),
                         policy[ri[j]] == (int)c->rdm_policy ? "global" :
                         "other device's",
                         lr_policy_name((unsigned int)policy[ri[j]]));
            policy[ri[j]] = p->policy;
            if ( r->nr_scopes > 1 )
                report_shared(c, r, p, ds);
        }
    }
}

/* Devices behind bridges cannot be matched offline. */
static void note_unresolved(const struct xlcfg *c, const struct dmar *d,
                            struct sim_diags *ds)
{
    unsigned int i, j;

    if ( c->rdm_strategy != XLCFG_RDM_IGNORE || !c->nr_pci )
        return;
    for ( i = 0; i < d->nr_rmrr; i++ )
        for ( j = 0; j < d->rmrr[i].nr_scopes; j++ )
            if ( !d->rmrr[i].scopes[j].resolved &&
                 (d->rmrr[i].scopes[j].type == DMAR_SCOPE_ENDPOINT ||
                  d->rmrr[i].scopes[j].type == DMAR_SCOPE_BRIDGE) )
                sim_diag(ds, "XL-RMRR-UNRESOLVED", SIM_NOTE, NULL,
                         "RMRR %u lists %s, behind a bridge: its bus"
                         " number is only known on the host.  If you"
                         " assign that device, use rdm=\"strategy=host\""
                         " to be sure its RMRR is reserved",
                         i, d->rmrr[i].scopes[j].name);
}

/* The RMRRs taken (policy[i] >= 0) as reserved regions of in. */
static void add_rmrrs(const struct dmar *d, const int *policy,
                      struct lr_input *in, struct sim_diags *ds)
{
    unsigned int i;

    for ( i = 0; i < d->nr_rmrr; i++ )
    {
        struct lr_region reg;

        if ( policy[i] < 0 )
            continue;
        if ( dmar_rmrr_to_region(&d->rmrr[i], (enum lr_policy)policy[i],
                                 &reg) )
            continue;
        if ( lr_input_add_region(in, &reg) != LR_OK )
        {
            sim_diag(ds, "XL-TOO-MANY-REGIONS", SIM_ERROR, NULL, "more than"
                     " %u reserved regions: the engine's limit",
                     LR_MAX_REGIONS);
            break;
        }
    }
}

static void add_vnvdimms(const struct xlcfg *c, struct lr_input *in,
                         struct sim_diags *ds)
{
    unsigned int i;

    for ( i = 0; i < c->nr_vnvdimms; i++ )
    {
        const struct xlcfg_vnvdimm *x = &c->vnv[i];
        struct lr_vnvdimm v;

        memset(&v, 0, sizeof(v));
        v.gpa = x->gpa;
        v.size = x->nr_pages << 12;
        v.label_size = x->label == LR_LABEL_NONE ? 0 :
                       x->nr_label_pages << 12;
        v.host_base = x->backend << 12;
        v.serial = x->serial;
        v.backend = x->label;
        v.policy = LR_POLICY_STRICT;
        if ( lr_input_add_vnvdimm(in, &v) != LR_OK )
        {
            sim_diag(ds, "XL-TOO-MANY-VNVDIMMS", SIM_ERROR, "vnvdimms",
                     "more than %u vNVDIMMs", LR_MAX_VNVDIMMS);
            break;
        }
    }
}

/* The RMRRs of d the input reserves, each with its policy. */
static int input_rmrrs(const struct xlcfg *c, const struct dmar *d,
                       enum lr_strategy strategy, struct lr_input *in,
                       struct sim_diags *ds)
{
    unsigned int i, nr = d ? d->nr_rmrr : 0;
    int *policy = NULL;        /* per RMRR: -1 not taken, else policy */
    bool stock;

    if ( nr )
    {
        policy = malloc(nr * sizeof(*policy));
        if ( !policy )
        {
            sim_diag(ds, "XL-NO-MEMORY", SIM_ERROR, NULL, "out of memory");
            return -1;
        }
    }
    /* xen-compat predicts stock Xen, so it takes rdm= as stock xl 4.17
     * does: dropped whole when xlu_rdm_parse refuses it. */
    stock = strategy == LR_STRATEGY_XEN_COMPAT && c->rdm_stock_ignored;
    if ( stock )
        sim_diag(ds, "XL-RDM-STOCK-APPLIED", SIM_NOTE, "rdm", "xen-compat"
                 " lays the guest out as stock xl 4.17 would: without"
                 " rdm=\"%s\" (strategy=ignore, policy=relaxed; devices"
                 " without rdm_policy= strict)", c->rdm_text);
    for ( i = 0; i < nr; i++ )
        policy[i] = !stock && c->rdm_strategy == XLCFG_RDM_HOST &&
                    d->rmrr[i].usable ? c->rdm_policy : -1;
    if ( c->nr_pci && !d )
        sim_diag(ds, "XL-NO-DMAR", SIM_WARN, "pci", "pci= assigns %u"
                 " device(s) but no DMAR table was given (--dmar): their"
                 " RMRRs are unknown and not reserved", c->nr_pci);
    if ( d )
    {
        device_policies(c, d, stock, policy, ds);
        note_unresolved(c, d, ds);
        add_rmrrs(d, policy, in, ds);
    }
    free(policy);
    return 0;
}

int xlcfg_to_input(const struct xlcfg *c, const struct dmar *d,
                   enum lr_strategy strategy, struct lr_input *in,
                   struct sim_diags *ds)
{
    unsigned int errors = ds->errors;

    input_cfg(c, strategy, in, ds);
    if ( input_rmrrs(c, d, strategy, in, ds) )
        return -1;
    add_vnvdimms(c, in, ds);
    return ds->errors > errors ? -1 : 0;
}

unsigned int xlcfg_stock_unreserved(const struct xlcfg *c,
                                    const struct dmar *d,
                                    struct lr_region *out, unsigned int cap)
{
    unsigned int i, j, k, n = 0;

    if ( !d || !c->rdm_stock_ignored || c->rdm_strategy != XLCFG_RDM_HOST )
        return 0;
    for ( i = 0; i < d->nr_rmrr; i++ )
    {
        bool device = false;
        struct lr_region reg;

        if ( !d->rmrr[i].usable )
            continue;
        /* stock still reserves the RMRRs of assigned devices */
        for ( j = 0; j < c->nr_pci && !device; j++ )
        {
            unsigned int ri[DMAR_MAX_RMRRS];
            unsigned int m = dmar_rmrrs_of_device(d, c->pci[j].seg,
                                                  c->pci[j].bus,
                                                  c->pci[j].dev,
                                                  c->pci[j].fn, ri,
                                                  DMAR_MAX_RMRRS);

            for ( k = 0; k < m && k < DMAR_MAX_RMRRS; k++ )
                device |= ri[k] == i;
        }
        if ( device ||
             dmar_rmrr_to_region(&d->rmrr[i],
                                 (enum lr_policy)c->rdm_policy, &reg) )
            continue;
        if ( n < cap )
            out[n] = reg;
        n++;
    }
    return n;
}
