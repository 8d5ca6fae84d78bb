/* SPDX-License-Identifier: MIT */
/*
 * /proc/iomem: "%0*llx-%0*llx : %s" per line, children indented by two
 * spaces per level (kernel/resource.c, r_show).
 */
#include <ctype.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libreserve/fmt.h>
#include "iomem.h"
#include "readfile.h"

/* Hex digits at *p (no prefix), at most 16; advances *p. */
static bool hex64(const char **p, const char *end, uint64_t *out)
{
    const char *s = *p;
    uint64_t v = 0;
    unsigned int n = 0;

    while ( s < end && lr_hex_digit((unsigned char)*s) >= 0 )
    {
        if ( ++n > 16 )
            return false;
        v = (v << 4) | (uint64_t)lr_hex_digit((unsigned char)*s);
        s++;
    }
    if ( !n )
        return false;
    *p = s;
    *out = v;
    return true;
}

/* One line [s, end) without its newline.  0 ok, -1 garbage (why set). */
static int parse_line(const char *s, const char *end,
                      struct iomem_entry *e, const char **why)
{
    const char *p = s;
    unsigned int sp = 0;
    size_t n;

    while ( p < end && *p == ' ' )
    {
        p++;
        sp++;
    }
    if ( sp % 2 )
    {
        *why = "odd indentation";
        return -1;
    }
    e->depth = sp / 2;
    if ( !hex64(&p, end, &e->base) )
    {
        *why = "no hex start address";
        return -1;
    }
    if ( p >= end || *p++ != '-' )
    {
        *why = "no '-' after the start address";
        return -1;
    }
    if ( !hex64(&p, end, &e->last) )
    {
        *why = "no hex end address";
        return -1;
    }
    if ( end - p < 3 || memcmp(p, " : ", 3) )
    {
        *why = "no ' : ' before the name";
        return -1;
    }
    p += 3;
    n = (size_t)(end - p);
    if ( !n )
    {
        *why = "empty name";
        return -1;
    }
    if ( n >= sizeof(e->name) )
        n = sizeof(e->name) - 1;
    memcpy(e->name, p, n);
    e->name[n] = 0;
    while ( n-- )
        if ( !isprint((unsigned char)e->name[n]) )
            e->name[n] = '?';
    return 0;
}

/* The reader's state over the lines of one file. */
struct reader {
    struct iomem *m;
    struct sim_diags *ds;
    int stack[IOMEM_MAX_DEPTH];     /* the open entry at each depth */
    unsigned int garbage, nonzero;
};

/* A range that ends below its start, or nested below nothing, is
 * skipped (said). */
static bool entry_ok(const struct reader *rd, const struct iomem_entry *e,
                     const char *where)
{
    const struct iomem *m = rd->m;

    if ( e->last < e->base )
    {
        sim_diag(rd->ds, "IOMEM-END-BELOW-BASE", SIM_WARN, where,
                 "%s: end 0x%llx below start 0x%llx; skipped", e->name,
                 (unsigned long long)e->last, (unsigned long long)e->base);
        return false;
    }
    if ( e->depth >= IOMEM_MAX_DEPTH ||
         (e->depth > 0 && (!m->nr || e->depth > m->e[m->nr - 1].depth + 1)) )
    {
        sim_diag(rd->ds, "IOMEM-BAD-NESTING", SIM_WARN, where,
                 "%s is indented %u level(s) below nothing; skipped",
                 e->name, e->depth);
        return false;
    }
    return true;
}

/* Append e under its parent.  0, or -1 (said) when reading stops. */
static int add_entry(struct reader *rd, struct iomem_entry *e,
                     const char *where)
{
    struct iomem *m = rd->m;
    struct iomem_entry *ne;

    if ( m->nr >= IOMEM_MAX_ENTRIES )
    {
        sim_diag(rd->ds, "IOMEM-TOO-MANY", SIM_ERROR, where, "more than %u"
                 " entries: not a /proc/iomem", IOMEM_MAX_ENTRIES);
        return -1;
    }
    e->parent = e->depth ? rd->stack[e->depth - 1] : -1;
    if ( e->parent >= 0 && (e->base < m->e[e->parent].base ||
                            e->last > m->e[e->parent].last) )
        sim_diag(rd->ds, "IOMEM-CHILD-OUTSIDE", SIM_WARN, where,
                 "%s 0x%llx-0x%llx is not inside its parent %s"
                 " 0x%llx-0x%llx", e->name, (unsigned long long)e->base,
                 (unsigned long long)e->last, m->e[e->parent].name,
                 (unsigned long long)m->e[e->parent].base,
                 (unsigned long long)m->e[e->parent].last);
    ne = realloc(m->e, (m->nr + 1) * sizeof(*ne));
    if ( !ne )
    {
        sim_diag(rd->ds, "IOMEM-NO-MEMORY", SIM_ERROR, where,
                 "out of memory");
        return -1;
    }
    m->e = ne;
    rd->stack[e->depth] = (int)m->nr;
    rd->nonzero += e->base || e->last;
    m->e[m->nr++] = *e;
    return 0;
}

/* Line number 'line', [p, le) without its newline.  0, or -1 when
 * reading stops. */
static int read_line(struct reader *rd, const char *p, const char *le,
                     unsigned int line, const char *name)
{
    struct iomem_entry e;
    const char *why = NULL;
    char where[96];

    snprintf(where, sizeof(where), "%s:%u", name, line);
    if ( le > p && le[-1] == '\r' )
        le--;
    if ( le == p )
        return 0;
    memset(&e, 0, sizeof(e));
    e.line = line;
    if ( parse_line(p, le, &e, &why) )
    {
        if ( ++rd->garbage <= 10 )
            sim_diag(rd->ds, "IOMEM-GARBAGE", SIM_WARN, where,
                     "line skipped: %s", why);
        return 0;
    }
    if ( !entry_ok(rd, &e, where) )
        return 0;
    return add_entry(rd, &e, where);
}

int iomem_parse(const char *text, size_t len, const char *name,
                struct iomem *m, struct sim_diags *ds)
{
    const char *p = text, *end = text + len;
    struct reader rd = { .m = m, .ds = ds };
    unsigned int line = 0;

    memset(m, 0, sizeof(*m));
    while ( p < end )
    {
        const char *nl = memchr(p, '\n', (size_t)(end - p));

        if ( read_line(&rd, p, nl ? nl : end, ++line, name) )
            break;
        p = nl ? nl + 1 : end;
    }
    if ( rd.garbage > 10 )
        sim_diag(ds, "IOMEM-GARBAGE", SIM_WARN, name, "%u more garbage"
                 " line(s) skipped", rd.garbage - 10);
    if ( !m->nr )
    {
        sim_diag(ds, "IOMEM-EMPTY", SIM_ERROR, name, "no address range"
                 " found: not a /proc/iomem");
        return -1;
    }
    if ( !rd.nonzero )
    {
        sim_diag(ds, "IOMEM-ZEROED", SIM_ERROR, name, "every address is 0:"
                 " the file was read without root (cat /proc/iomem as"
                 " root)");
        return -1;
    }
    return 0;
}

int iomem_load(const char *path, struct iomem *m, struct sim_diags *ds)
{
    char *buf;
    size_t n;
    int rc, err = sim_read_file(path, 64u << 20, &buf, &n);

    memset(m, 0, sizeof(*m));
    if ( err )
    {
        sim_diag(ds, err == EFBIG ? "IOMEM-TOO-MANY" : "IOMEM-IO", SIM_ERROR,
                 path, "%s", err == EFBIG ? "over 64 MiB: not a /proc/iomem"
                 : strerror(err));
        return -1;
    }
    rc = iomem_parse(buf, n, path, m, ds);
    free(buf);
    return rc;
}

void iomem_free(struct iomem *m)
{
    free(m->e);
    memset(m, 0, sizeof(*m));
}

int iomem_find(const struct iomem *m, unsigned int from, const char *name,
               bool prefix)
{
    unsigned int i;

    for ( i = from; i < m->nr; i++ )
        if ( prefix ? !strncmp(m->e[i].name, name, strlen(name))
                    : !strcmp(m->e[i].name, name) )
            return (int)i;
    return -1;
}

int iomem_find_containing(const struct iomem *m, uint64_t base,
                          uint64_t last, const char *prefix)
{
    unsigned int i;
    int best = -1;

    for ( i = 0; i < m->nr; i++ )
    {
        const struct iomem_entry *e = &m->e[i];

        if ( e->base > base || e->last < last )
            continue;
        if ( prefix && strncmp(e->name, prefix, strlen(prefix)) )
            continue;
        if ( best < 0 || e->depth > m->e[best].depth )
            best = (int)i;
    }
    return best;
}

bool iomem_is_pmem(const struct iomem_entry *e)
{
    return !strncmp(e->name, "Persistent Memory", 17);
}
