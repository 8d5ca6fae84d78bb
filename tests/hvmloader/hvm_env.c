/* SPDX-License-Identifier: MIT */
/*
 * hvmloader's API on Linux (util.h): xenstore_read over an in-memory
 * store, a captured console, BUG() that returns to the test, bump
 * allocators over a static arena.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "hvm_env.h"

#define CONSOLE_MAX   (64 * 1024)
#define ARENA_SIZE    (1024 * 1024)
#define XS_PAYLOAD    4096          /* XENSTORE_PAYLOAD_MAX */

static struct xsh_mem store;
static bool store_ready;
static char console[CONSOLE_MAX];
static size_t console_len;
static unsigned char arena[ARENA_SIZE] __attribute__((aligned(4096)));
static size_t arena_used;
static xsh_hvm_read_fn *reader;
jmp_buf *hvm_env_bug_jmp;
unsigned int hvm_env_bugs;

void hvm_env_reset(void)
{
    if ( store_ready )
        xsh_mem_free(&store);
    xsh_mem_init(&store);
    store_ready = true;
    console[0] = '\0';
    console_len = 0;
    /* Old allocations must not look valid: poison, as fresh RAM would be
     * anything. */
    memset(arena, 0xa5, arena_used);
    arena_used = 0;
    hvm_env_bug_jmp = NULL;
    hvm_env_bugs = 0;
}

struct xsh_mem *hvm_env_store(void)
{
    if ( !store_ready )
        hvm_env_reset();
    return &store;
}

const char *hvm_env_console(void)
{
    return console;
}

size_t hvm_env_arena_used(void)
{
    return arena_used;
}

static void console_add(const char *s, size_t n)
{
    if ( console_len + n >= sizeof(console) )
        n = sizeof(console) - 1 - console_len;
    memcpy(console + console_len, s, n);
    console_len += n;
    console[console_len] = '\0';
    if ( getenv("HVM_ENV_VERBOSE") )
        fwrite(s, 1, n, stderr);
}

void __bug(const char *file, int line)
{
    char msg[256];
    int n = snprintf(msg, sizeof(msg), "*** HVMLoader bug at %s:%d\n",
                     file, line);

    console_add(msg, (size_t)n);
    hvm_env_bugs++;
    if ( hvm_env_bug_jmp )
        longjmp(*hvm_env_bug_jmp, 1);
    fputs(console, stderr);
    abort();
}

int hvm_printf(const char *fmt, ...)
{
    char buf[2048];
    const char *p;
    va_list ap;
    int n;

    /* hvmloader's vprintf has no 'l' length modifier at all but %lx/%lu
     * on 32-bit; %ll prints garbage there.  Catch it here. */
    for ( p = fmt; (p = strchr(p, '%')) != NULL; p++ )
    {
        p++;
        while ( *p && strchr("0123456789-+ #.", *p) )
            p++;
        if ( p[0] == 'l' && p[1] == 'l' )
        {
            console_add("hvm_printf: %ll in format\n", 26);
            BUG();
        }
        if ( !*p )
            break;
    }

    va_start(ap, fmt);
    n = vsnprintf(buf, sizeof(buf), fmt, ap);
    va_end(ap);
    if ( n < 0 )
        return n;
    console_add(buf, (size_t)n < sizeof(buf) ? (size_t)n : sizeof(buf) - 1);
    return n;
}

static void *arena_alloc(uint32_t size, uint32_t align)
{
    size_t s;

    if ( align < 16 )
        align = 16;
    s = (arena_used + align - 1) & ~((size_t)align - 1);
    if ( size > ARENA_SIZE || s > ARENA_SIZE - size )
    {
        console_add("arena exhausted\n", 16);
        BUG();
    }
    arena_used = s + size;
    return arena + s;
}

void *mem_alloc(uint32_t size, uint32_t align)
{
    return arena_alloc(size, align);
}

void *scratch_alloc(uint32_t size, uint32_t align)
{
    return arena_alloc(size, align);
}

void hvm_env_use_reader(xsh_hvm_read_fn *fn)
{
    reader = fn;
}

const char *xenstore_read(const char *path, const char *default_resp)
{
    static char buf[XS_PAYLOAD + 1];
    const char *v = reader ? reader(path, NULL) : xsh_mem_get(hvm_env_store(),
                                                             path);

    /* Overwrite the buffer on every call, as the real one does. */
    memset(buf, 0x5a, sizeof(buf));
    if ( !v || !*v )
        return default_resp;
    strncpy(buf, v, XS_PAYLOAD);
    buf[XS_PAYLOAD] = '\0';
    return buf;
}

int hvm_env_dump(const struct xsh_mem *m, unsigned int domid,
                 const char *file)
{
    FILE *f = fopen(file, "w");
    size_t i;
    const char *c;

    if ( !f )
        return -1;
    for ( i = 0; i < m->nr; i++ )
    {
        fprintf(f, "/local/domain/%u/%s = \"", domid, m->kv[i].path);
        for ( c = m->kv[i].val; *c; c++ )
        {
            if ( *c == '"' || *c == '\\' )
                fprintf(f, "\\%c", *c);
            else if ( (unsigned char)*c < 0x20 || (unsigned char)*c >= 0x7f )
                fprintf(f, "\\x%02x", (unsigned char)*c);
            else
                fputc(*c, f);
        }
        fputs("\"\n", f);
    }
    return fclose(f) ? -1 : 0;
}
