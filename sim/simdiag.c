/* SPDX-License-Identifier: MIT */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "simdiag.h"

void sim_diags_init(struct sim_diags *ds)
{
    memset(ds, 0, sizeof(*ds));
}

void sim_diags_free(struct sim_diags *ds)
{
    free(ds->d);
    memset(ds, 0, sizeof(*ds));
}

static struct sim_diag *slot(struct sim_diags *ds, enum sim_severity sev)
{
    struct sim_diag *nd;

    if ( sev == SIM_ERROR )
        ds->errors++;
    else if ( sev == SIM_WARN )
        ds->warnings++;
    nd = realloc(ds->d, (ds->nr + 1) * sizeof(*nd));
    if ( !nd )
    {
        ds->lost++;
        return NULL;
    }
    ds->d = nd;
    nd = &ds->d[ds->nr++];
    memset(nd, 0, sizeof(*nd));
    nd->severity = sev;
    return nd;
}

void sim_diag(struct sim_diags *ds, const char *code,
              enum sim_severity sev, const char *where, const char *fmt, ...)
{
    struct sim_diag *d = slot(ds, sev);
    va_list ap;

    if ( !d )
        return;
    snprintf(d->code, sizeof(d->code), "%s", code);
    snprintf(d->where, sizeof(d->where), "%s", where ? where : "");
    va_start(ap, fmt);
    vsnprintf(d->msg, sizeof(d->msg), fmt, ap);
    va_end(ap);
}

const char *sim_severity_name(unsigned int sev)
{
    switch ( sev )
    {
    case SIM_NOTE: return "note";
    case SIM_WARN: return "warning";
    case SIM_ERROR: return "error";
    }
    return "?";
}

unsigned int sim_diags_count(const struct sim_diags *ds, const char *code)
{
    unsigned int i, n = 0;

    for ( i = 0; i < ds->nr; i++ )
        n += !strcmp(ds->d[i].code, code);
    return n;
}

void sim_diags_append(struct sim_diags *dst, const struct sim_diags *src)
{
    unsigned int i;

    for ( i = 0; i < src->nr; i++ )
    {
        struct sim_diag *d = slot(dst, src->d[i].severity);

        if ( d )
            *d = src->d[i];
    }
    dst->lost += src->lost;
}

void sim_diags_print(const struct sim_diags *ds, FILE *f)
{
    unsigned int i;

    for ( i = 0; i < ds->nr; i++ )
    {
        const struct sim_diag *d = &ds->d[i];

        if ( d->where[0] )
            fprintf(f, "%s %s (%s): %s\n", sim_severity_name(d->severity),
                    d->code, d->where, d->msg);
        else
            fprintf(f, "%s %s: %s\n", sim_severity_name(d->severity),
                    d->code, d->msg);
    }
    if ( ds->lost )
        fprintf(f, "error SIM-LOST: %u diagnostic(s) lost (out of memory)\n",
                ds->lost);
}
