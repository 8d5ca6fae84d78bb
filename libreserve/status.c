/* SPDX-License-Identifier: MIT */
#include <libreserve/status.h>
#include "lr_libc.h"

static const struct {
    const char *name;
    const char *text;
} status_info[] = {
    [LR_OK]         = { "LR_OK", "success" },
    [LR_E_INVAL]    = { "LR_E_INVAL", "invalid argument" },
    [LR_E_WRAP]     = { "LR_E_WRAP", "range wraps past 2^64-1" },
    [LR_E_EMPTY]    = { "LR_E_EMPTY", "size is zero" },
    [LR_E_NOSPACE]  = { "LR_E_NOSPACE", "caller storage is full" },
    [LR_E_OVERLAP]  = { "LR_E_OVERLAP", "ranges overlap" },
    [LR_E_CONFLICT] = { "LR_E_CONFLICT",
                        "a strict reservation cannot be honoured" },
    [LR_E_NOFIT]    = { "LR_E_NOFIT", "no free space of that size" },
    [LR_E_PARSE]    = { "LR_E_PARSE", "malformed value" },
    [LR_E_BUDGET]   = { "LR_E_BUDGET", "over the entry budget" },
    [LR_E_NOTFOUND] = { "LR_E_NOTFOUND", "not found" },
    [LR_E_ALIGN]    = { "LR_E_ALIGN", "misaligned value" },
    [LR_E_IO]       = { "LR_E_IO", "callback reported failure" },
};

const char *lr_status_name(enum lr_status st)
{
    if ( (unsigned int)st >= LR_ARRAY_SIZE(status_info) ||
         !status_info[st].name )
        return "LR_E_UNKNOWN";
    return status_info[st].name;
}

const char *lr_status_str(enum lr_status st)
{
    if ( (unsigned int)st >= LR_ARRAY_SIZE(status_info) ||
         !status_info[st].text )
        return "unknown status";
    return status_info[st].text;
}
