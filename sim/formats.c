/* SPDX-License-Identifier: MIT */
/*
 * The table of xen-layout's output formats (sim/format.h): one line in
 * SIM_FORMATS per sim/fmt_*.c.
 */
#include <string.h>

#include "format.h"

#define SIM_FORMAT_ENTRY(n) &sim_fmt_##n,
const struct sim_format *const sim_formats[] = {
    SIM_FORMATS(SIM_FORMAT_ENTRY)
    NULL,
};
#undef SIM_FORMAT_ENTRY

const struct sim_format *sim_format_find(const char *name)
{
    unsigned int i;

    for ( i = 0; sim_formats[i]; i++ )
        if ( !strcmp(sim_formats[i]->name, name) )
            return sim_formats[i];
    return NULL;
}
