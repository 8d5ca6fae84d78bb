/* SPDX-License-Identifier: MIT */
/*
 * insn-window: a QEMU TCG plugin that counts the instructions one piece of
 * guest code executes between two points, for tests/xen/hvmloader-insns.sh
 * (hvmloader's whole run, inside a nested HVM guest of a Xen booted under
 * QEMU).
 *
 * A window opens when the instruction at ENTRY executes and closes when,
 * after that, the first instruction in [STOP_LO, STOP_HI) executes (the
 * first translation block that starts there, or contains an instruction
 * there: control reaches that range by a jump, which starts a block).
 * Inside a window the plugin counts the executed instructions whose
 * address lies in [LO, HI) (hvmloader's .text), of those the ones in an
 * optional sub-range [SUB_LO, SUB_HI) (the code the series links in), and
 * those at any other address below 4 MiB outside [STOP_LO, STOP_HI)
 * ("other", by 4 KiB page: hvmloader's hypercall page is one, code that
 * only hvmloader calls).  With profile=PFILE, also the count of every
 * instruction address in [LO, HI), per window.
 * Addresses are QEMU's instruction addresses (x86: the linear address,
 * segment base included), so Xen (0xffff82d0...), a PV dom0's kernel (high
 * half) and its processes (from 4 MiB) fall outside both ranges.
 *
 * One line per closed window goes to OUT:
 *   window N insns COUNT sub SUB other OTHER pages PAGE:COUNT,...
 * and, at exit, one line for a window still open (the guest was destroyed
 * before reaching STOP, e.g. hvmloader crashed), then the number of windows:
 *   window N unclosed insns COUNT sub SUB other OTHER pages ...
 *   windows N
 *   outside COUNT
 * the last line counting the instructions executed in [LO, HI) while no
 * window was open (code of someone else at those addresses: 0 expected).
 * PFILE: "window N" then "ADDRESS COUNT" (hex, decimal) for each address
 * executed in the window.
 *
 * Usage: -plugin insn-window.so,entry=0x100000,lo=0x100000,hi=0x108225,
 *        out=FILE[,sub_lo=A,sub_hi=B][,stop_lo=0xe0000,stop_hi=0x100000]
 *        [,profile=PFILE]
 *
 * The declarations below are ours, written from QEMU's documented plugin
 * API (docs/devel/tcg-plugins.rst); QEMU 7.2 accepts API versions 0 to 1
 * (it passes the range it supports in qemu_info_t, checked at install).
 * Build: gcc -shared -fPIC -O2 -o insn-window.so insn-window.c -lpthread
 */
#include <inttypes.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the subset of QEMU's plugin API this plugin uses -------------------- */
#define INSN_WINDOW_API 1
typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
typedef struct
{
    const char *target_name;
    struct
    {
        int min;
        int cur;
    } version;
    bool system_emulation;
    /* a union follows (vCPU counts); not read here */
} qemu_info_t;
enum qemu_plugin_cb_flags { QEMU_PLUGIN_CB_NO_REGS = 0 };
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 = 0 };
typedef void (*qemu_plugin_vcpu_tb_trans_cb_t)(qemu_plugin_id_t id,
                                               struct qemu_plugin_tb *tb);
typedef void (*qemu_plugin_vcpu_udata_cb_t)(unsigned int vcpu_index,
                                            void *userdata);
typedef void (*qemu_plugin_udata_cb_t)(qemu_plugin_id_t id, void *userdata);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id,
                                           qemu_plugin_vcpu_tb_trans_cb_t cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb,
                                                 size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_insn_exec_cb(struct qemu_plugin_insn *insn,
                                            qemu_plugin_vcpu_udata_cb_t cb,
                                            enum qemu_plugin_cb_flags flags,
                                            void *userdata);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
                                                enum qemu_plugin_op op,
                                                void *ptr, uint64_t imm);
void qemu_plugin_register_atexit_cb(qemu_plugin_id_t id,
                                    qemu_plugin_udata_cb_t cb, void *userdata);
void qemu_plugin_outs(const char *string);

#define EXPORT __attribute__((visibility("default")))
EXPORT int qemu_plugin_version = INSN_WINDOW_API;

/* --- the plugin ----------------------------------------------------------- */
#define LOW_LIMIT 0x400000ULL       /* "other": below 4 MiB */
#define MAX_PAGES 64                /* "other" pages told apart */

static uint64_t entry, lo, hi, sub_lo, sub_hi, stop_lo = 0xe0000, stop_hi = 0x100000;
static FILE *out, *prof_out;

/* Added to by the translated code (inline: no call per instruction).  Only
 * the vCPU running the nested guest executes this code at a time. */
static uint64_t in_range, in_sub, other_low;

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static bool open_window;
static unsigned int windows;
static uint64_t base_in, base_sub, base_other;
static uint64_t in_windows;     /* in_range's increments inside windows */

/* "other" by page (the last slot takes every page beyond MAX_PAGES - 1) */
static struct
{
    uint64_t page, count, base;
} pages[MAX_PAGES];
static unsigned int n_pages;

/* profile=: a counter per address of [lo, hi), and its value at open */
static uint64_t *prof, *prof_base;

static uint64_t *page_counter(uint64_t v)
{
    uint64_t pg = v & ~0xfffULL;
    unsigned int i;

    for ( i = 0; i < n_pages; i++ )
        if ( pages[i].page == pg )
            return &pages[i].count;
    if ( n_pages == MAX_PAGES )
        return &pages[MAX_PAGES - 1].count;
    pages[n_pages].page = pg;
    return &pages[n_pages++].count;
}

static void report(const char *what)
{
    char line[160 + MAX_PAGES * 40];
    size_t n;
    unsigned int i;
    const char *sep = "";

    /* +1: the entry instruction itself, which has no inline counter */
    in_windows += in_range - base_in;
    n = snprintf(line, sizeof(line), "window %u %sinsns %" PRIu64 " sub %" PRIu64
                 " other %" PRIu64 " pages ", windows, what, in_range - base_in + 1,
                 in_sub - base_sub + (entry >= sub_lo && entry < sub_hi),
                 other_low - base_other);
    for ( i = 0; i < n_pages; i++ )
        if ( pages[i].count != pages[i].base && n < sizeof(line) - 48 )
        {
            n += snprintf(line + n, sizeof(line) - n, "%s0x%" PRIx64 ":%" PRIu64,
                          sep, pages[i].page, pages[i].count - pages[i].base);
            sep = ",";
        }
    snprintf(line + n, sizeof(line) - n, "%s\n", *sep ? "" : "-");
    fputs(line, out);
    fflush(out);
    qemu_plugin_outs(line);
    if ( prof_out )
    {
        uint64_t a;

        fprintf(prof_out, "window %u\n", windows);
        for ( a = 0; a < hi - lo; a++ )
            if ( prof[a] != prof_base[a] || lo + a == entry )
                fprintf(prof_out, "0x%" PRIx64 " %" PRIu64 "\n", lo + a,
                        prof[a] - prof_base[a] + (lo + a == entry));
        fflush(prof_out);
    }
}

static void on_entry(unsigned int vcpu, void *udata)
{
    (void)vcpu; (void)udata;
    pthread_mutex_lock(&lock);
    if ( open_window )          /* a guest that never reached STOP */
        report("unclosed ");
    windows++;
    open_window = true;
    base_in = in_range;
    base_sub = in_sub;
    for ( unsigned int i = 0; i < n_pages; i++ )
        pages[i].base = pages[i].count;
    if ( prof )
        memcpy(prof_base, prof, (hi - lo) * sizeof(*prof));
    base_other = other_low;
    pthread_mutex_unlock(&lock);
}

static void on_stop(unsigned int vcpu, void *udata)
{
    (void)vcpu; (void)udata;
    if ( !__atomic_load_n(&open_window, __ATOMIC_RELAXED) )
        return;
    pthread_mutex_lock(&lock);
    if ( open_window )
    {
        report("");
        open_window = false;
    }
    pthread_mutex_unlock(&lock);
}

static void on_tb(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
    size_t i, n = qemu_plugin_tb_n_insns(tb);
    bool stop_seen = false;

    (void)id;
    for ( i = 0; i < n; i++ )
    {
        struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
        uint64_t v = qemu_plugin_insn_vaddr(insn);

        if ( v == entry )
            qemu_plugin_register_vcpu_insn_exec_cb(insn, on_entry,
                                                   QEMU_PLUGIN_CB_NO_REGS, NULL);
        else if ( v >= lo && v < hi )
        {
            qemu_plugin_register_vcpu_insn_exec_inline(insn,
                    QEMU_PLUGIN_INLINE_ADD_U64, &in_range, 1);
            if ( v >= sub_lo && v < sub_hi )
                qemu_plugin_register_vcpu_insn_exec_inline(insn,
                        QEMU_PLUGIN_INLINE_ADD_U64, &in_sub, 1);
            if ( prof )
                qemu_plugin_register_vcpu_insn_exec_inline(insn,
                        QEMU_PLUGIN_INLINE_ADD_U64, &prof[v - lo], 1);
        }
        else if ( v >= stop_lo && v < stop_hi )
        {
            if ( !stop_seen )
                qemu_plugin_register_vcpu_insn_exec_cb(insn, on_stop,
                                                       QEMU_PLUGIN_CB_NO_REGS, NULL);
            stop_seen = true;
        }
        else if ( v < LOW_LIMIT )
        {
            uint64_t *pc;

            qemu_plugin_register_vcpu_insn_exec_inline(insn,
                    QEMU_PLUGIN_INLINE_ADD_U64, &other_low, 1);
            pthread_mutex_lock(&lock);
            pc = page_counter(v);
            pthread_mutex_unlock(&lock);
            qemu_plugin_register_vcpu_insn_exec_inline(insn,
                    QEMU_PLUGIN_INLINE_ADD_U64, pc, 1);
        }
    }
}

static void at_exit(qemu_plugin_id_t id, void *udata)
{
    (void)id; (void)udata;
    pthread_mutex_lock(&lock);
    if ( open_window )
        report("unclosed ");
    open_window = false;
    fprintf(out, "windows %u\noutside %" PRIu64 "\n", windows, in_range - in_windows);
    fclose(out);
    out = NULL;
    if ( prof_out )
        fclose(prof_out);
    prof_out = NULL;
    pthread_mutex_unlock(&lock);
}

static bool arg_u64(const char *a, const char *key, uint64_t *v)
{
    size_t k = strlen(key);
    char *end;

    if ( strncmp(a, key, k) != 0 || a[k] != '=' )
        return false;
    *v = strtoull(a + k + 1, &end, 0);
    return *end == '\0';
}

EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
                               int argc, char **argv)
{
    const char *path = NULL, *prof_path = NULL;
    bool have_entry = false, have_lo = false, have_hi = false;
    int i;

    if ( info->version.cur < INSN_WINDOW_API || info->version.min > INSN_WINDOW_API )
    {
        fprintf(stderr, "insn-window: QEMU's plugin API is %d..%d, not %d\n",
                info->version.min, info->version.cur, INSN_WINDOW_API);
        return -1;
    }
    for ( i = 0; i < argc; i++ )
    {
        const char *a = argv[i];

        if ( arg_u64(a, "entry", &entry) )
            have_entry = true;
        else if ( arg_u64(a, "lo", &lo) )
            have_lo = true;
        else if ( arg_u64(a, "hi", &hi) )
            have_hi = true;
        else if ( arg_u64(a, "stop_lo", &stop_lo) || arg_u64(a, "stop_hi", &stop_hi) ||
                  arg_u64(a, "sub_lo", &sub_lo) || arg_u64(a, "sub_hi", &sub_hi) )
            ;
        else if ( strncmp(a, "out=", 4) == 0 )
            path = a + 4;
        else if ( strncmp(a, "profile=", 8) == 0 )
            prof_path = a + 8;
        else
        {
            fprintf(stderr, "insn-window: unknown or bad argument '%s'\n", a);
            return -1;
        }
    }
    if ( !have_entry || !have_lo || !have_hi || !path || lo >= hi ||
         stop_lo >= stop_hi || (entry >= stop_lo && entry < stop_hi) ||
         (lo < stop_hi && stop_lo < hi) || sub_lo > sub_hi ||
         (sub_lo < sub_hi && (sub_lo < lo || sub_hi > hi)) )
    {
        fprintf(stderr, "insn-window: need entry=, lo=, hi= (lo < hi, "
                "outside [stop_lo, stop_hi), sub_lo/hi inside) and out=\n");
        return -1;
    }
    out = fopen(path, "w");
    if ( !out )
    {
        perror(path);
        return -1;
    }
    if ( prof_path )
    {
        prof = calloc(hi - lo, sizeof(*prof));
        prof_base = calloc(hi - lo, sizeof(*prof));
        prof_out = fopen(prof_path, "w");
        if ( !prof || !prof_base || !prof_out )
        {
            perror(prof_path);
            return -1;
        }
    }
    fprintf(out, "# insn-window: api %d..%d, %s, entry 0x%" PRIx64 ", count "
            "[0x%" PRIx64 ", 0x%" PRIx64 "), sub [0x%" PRIx64 ", 0x%" PRIx64 "), "
            "stop [0x%" PRIx64 ", 0x%" PRIx64 ")\n",
            info->version.min, info->version.cur, info->target_name, entry, lo, hi,
            sub_lo, sub_hi, stop_lo, stop_hi);
    fflush(out);
    qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb);
    qemu_plugin_register_atexit_cb(id, at_exit, NULL);
    return 0;
}
