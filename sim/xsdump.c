/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xsdump.h"
#include "readfile.h"

/* Undo xenstore-ls's sanitise_value(); -1 on a bad escape. */
static int unescape(const char *s, size_t len, char *out)
{
    size_t i, o = 0;

    for ( i = 0; i < len; i++ )
    {
        char c = s[i];

        if ( c != '\\' )
        {
            out[o++] = c;
            continue;
        }
        if ( ++i >= len )
            return -1;
        switch ( s[i] )
        {
        case '\\': out[o++] = '\\'; break;
        case 't': out[o++] = '\t'; break;
        case 'n': out[o++] = '\n'; break;
        case 'r': out[o++] = '\r'; break;
        case 'x':
            if ( i + 2 >= len )
                return -1;
            {
                unsigned int v;
                char h[3] = { s[i + 1], s[i + 2], 0 };
                char *end;

                v = (unsigned int)strtoul(h, &end, 16);
                if ( *end || !h[0] || !h[1] )
                    return -1;
                out[o++] = (char)v;
                i += 2;
            }
            break;
        default:
            if ( s[i] >= '0' && s[i] <= '7' && i + 2 < len &&
                 s[i + 1] >= '0' && s[i + 1] <= '7' &&
                 s[i + 2] >= '0' && s[i + 2] <= '7' )
            {
                out[o++] = (char)((s[i] - '0') * 64 + (s[i + 1] - '0') * 8 +
                                  (s[i + 2] - '0'));
                i += 2;
            }
            else
                return -1;
        }
    }
    out[o] = 0;
    return 0;
}

/* In the line [p, le): *eq at " = \"", *q2 just after the last quote.
 * false when it is not a 'xenstore-ls -f' line. */
static bool split_line(const char *p, const char *le, const char **eq,
                       const char **q2)
{
    const char *q;

    *eq = NULL;
    for ( q = p; q + 4 <= le; q++ )
        if ( !memcmp(q, " = \"", 4) )
        {
            *eq = q;
            break;
        }
    q = le;
    while ( q > p && q[-1] != '"' )
        q--;
    *q2 = q;
    /* The closing quote (q2 - 1) must follow the opening one. */
    return p[0] == '/' && *eq && q >= *eq + 5;
}

/* Append path [p, eq) = the escaped value [q1, q2).  0 (a bad escape is
 * skipped, said); -1 out of memory. */
static int add_node(struct xsdump *x, const char *p, const char *eq,
                    const char *q1, const char *q2, const char *where,
                    struct sim_diags *ds)
{
    char *path = strndup(p, (size_t)(eq - p));
    char *val = malloc((size_t)(q2 - q1) + 1);
    struct xsdump_node *nn = NULL;

    if ( path && val && unescape(q1, (size_t)(q2 - q1), val) )
    {
        sim_diag(ds, "XSDUMP-BAD-ESCAPE", SIM_WARN, where, "bad escape"
                 " in the value; skipped");
        free(path);
        free(val);
        return 0;
    }
    if ( path && val )
        nn = realloc(x->n, (x->nr + 1) * sizeof(*nn));
    if ( !nn )
    {
        free(path);
        free(val);
        sim_diag(ds, "XSDUMP-NO-MEMORY", SIM_ERROR, where,
                 "out of memory");
        return -1;
    }
    x->n = nn;
    x->n[x->nr].path = path;
    x->n[x->nr].value = val;
    x->nr++;
    return 0;
}

/* One line [p, le).  0, or -1 when reading stops. */
static int read_line(struct xsdump *x, const char *p, const char *le,
                     const char *where, unsigned int *garbage,
                     struct sim_diags *ds)
{
    const char *eq, *q1, *q2;

    if ( le == p )
        return 0;
    if ( !split_line(p, le, &eq, &q2) )
    {
        if ( ++*garbage <= 10 )
            sim_diag(ds, "XSDUMP-GARBAGE", SIM_WARN, where, "not a"
                     " 'xenstore-ls -f' line (/path = \"value\");"
                     " skipped");
        return 0;
    }
    q1 = eq + 4;            /* value start */
    q2 = q2 - 1;            /* the closing quote */
    if ( q2 - q1 >= 4 && !memcmp(q2 - 4, "\\...", 4) )
    {
        sim_diag(ds, "XSDUMP-TRUNCATED", SIM_WARN, where, "value cut by"
                 " xenstore-ls (it was writing to a terminal); skipped:"
                 " redirect xenstore-ls -f to a file");
        return 0;
    }
    return add_node(x, p, eq, q1, q2, where, ds);
}

int xsdump_parse(const char *text, size_t len, const char *name,
                 struct xsdump *x, struct sim_diags *ds)
{
    const char *p = text, *end = text + len;
    unsigned int line = 0, garbage = 0;

    memset(x, 0, sizeof(*x));
    x->domid = -1;
    while ( p < end )
    {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        char where[96];

        snprintf(where, sizeof(where), "%s:%u", name, ++line);
        if ( read_line(x, p, nl ? nl : end, where, &garbage, ds) )
            return -1;
        p = nl ? nl + 1 : end;
    }
    if ( garbage > 10 )
        sim_diag(ds, "XSDUMP-GARBAGE", SIM_WARN, name, "%u more garbage"
                 " line(s) skipped", garbage - 10);
    if ( !x->nr )
    {
        sim_diag(ds, "XSDUMP-EMPTY", SIM_ERROR, name, "no key found: not"
                 " the output of xenstore-ls -f");
        return -1;
    }
    return 0;
}

int xsdump_load(const char *path, struct xsdump *x, struct sim_diags *ds)
{
    char *buf;
    size_t n;
    int rc, err = sim_read_file(path, 64u << 20, &buf, &n);

    memset(x, 0, sizeof(*x));
    x->domid = -1;
    if ( err )
    {
        sim_diag(ds, "XSDUMP-IO", SIM_ERROR, path, "%s", err == EFBIG ?
                 "over 64 MiB: not a xenstore-ls dump" : strerror(err));
        return -1;
    }
    rc = xsdump_parse(buf, n, path, x, ds);
    free(buf);
    return rc;
}

void xsdump_free(struct xsdump *x)
{
    unsigned int i;

    for ( i = 0; i < x->nr; i++ )
    {
        free(x->n[i].path);
        free(x->n[i].value);
    }
    free(x->n);
    memset(x, 0, sizeof(*x));
}

int xsdump_select(struct xsdump *x, int domid, struct sim_diags *ds)
{
    unsigned int i;
    int found = -1;

    if ( domid < 0 )
        for ( i = 0; i < x->nr; i++ )
        {
            int d, n = 0;

            if ( sscanf(x->n[i].path,
                        "/local/domain/%d/libreserve/version%n", &d,
                        &n) == 1 && n && x->n[i].path[n] == 0 )
            {
                if ( found >= 0 && found != d )
                {
                    sim_diag(ds, "XSDUMP-DOMID-AMBIGUOUS", SIM_ERROR, NULL,
                             "domains %d and %d both have a libreserve"
                             " schema: choose one with --domid", found, d);
                    return -1;
                }
                found = d;
            }
        }
    else
        found = domid;
    if ( found < 0 )
    {
        sim_diag(ds, "XSDUMP-NO-SCHEMA", SIM_ERROR, NULL, "no"
                 " /local/domain/*/libreserve/version in the dump: the"
                 " guest was not created with the libreserve schema");
        return -1;
    }
    x->domid = found;
    snprintf(x->prefix, sizeof(x->prefix), "/local/domain/%d/", found);
    return 0;
}

static enum lr_status xs_read(void *ctx, const char *path, char *buf,
                              size_t len)
{
    const struct xsdump *x = ctx;
    size_t pl = strlen(x->prefix);
    unsigned int i;

    for ( i = 0; i < x->nr; i++ )
    {
        const char *p = x->n[i].path;

        if ( strncmp(p, x->prefix, pl) || strcmp(p + pl, path) )
            continue;
        if ( !x->n[i].value[0] )
            return LR_E_NOTFOUND;
        if ( strlen(x->n[i].value) >= len )
        {
            memcpy(buf, x->n[i].value, len - 1);
            buf[len - 1] = 0;
            return LR_E_NOSPACE;
        }
        strcpy(buf, x->n[i].value);
        return LR_OK;
    }
    return LR_E_NOTFOUND;
}

void xsdump_ops(struct xsdump *x, struct lr_xs_ops *ops)
{
    memset(ops, 0, sizeof(*ops));
    ops->ctx = x;
    ops->read = xs_read;
}
