/* SPDX-License-Identifier: MIT */
#include <libreserve/region.h>
#include <libreserve/fmt.h>
#include "lr_libc.h"

static const char *const kind_names[LR_KIND__COUNT] = {
    [LR_KIND_RAM]      = "RAM",
    [LR_KIND_RMRR]     = "RMRR",
    [LR_KIND_PMEM]     = "PMEM",
    [LR_KIND_LABEL]    = "LABEL",
    [LR_KIND_DSM]      = "DSM",
    [LR_KIND_FIRMWARE] = "FIRMWARE",
    [LR_KIND_MMIO32]   = "MMIO32",
    [LR_KIND_MMIO64]   = "MMIO64",
    [LR_KIND_ACPI]     = "ACPI",
};

void lr_region_set(struct lr_region *reg, const struct lr_range *range,
                   enum lr_kind kind, enum lr_policy policy,
                   const char *owner)
{
    memset(reg, 0, sizeof(*reg));
    reg->range = *range;
    reg->kind = kind;
    reg->policy = policy;
    if ( owner && lr_strlcpy(reg->owner, owner, LR_OWNER_LEN) >=
                  LR_OWNER_LEN )
        memcpy(&reg->owner[LR_OWNER_LEN - 4], "...", 4);
}

const char *lr_kind_name(unsigned int kind)
{
    return kind < LR_KIND__COUNT ? kind_names[kind] : "?";
}

const char *lr_policy_name(unsigned int policy)
{
    switch ( policy )
    {
    case LR_POLICY_STRICT:
        return "strict";
    case LR_POLICY_RELAXED:
        return "relaxed";
    }
    return "?";
}

/* Case-insensitive ASCII equality. */
static bool eq_nocase(const char *a, const char *b)
{
    for ( ; *a && *b; a++, b++ )
    {
        char x = *a, y = *b;

        if ( x >= 'A' && x <= 'Z' )
            x += 'a' - 'A';
        if ( y >= 'A' && y <= 'Z' )
            y += 'a' - 'A';
        if ( x != y )
            return false;
    }
    return *a == *b;
}

enum lr_status lr_kind_parse(const char *s, enum lr_kind *out)
{
    unsigned int k;

    for ( k = 0; k < LR_KIND__COUNT; k++ )
        if ( eq_nocase(s, kind_names[k]) )
        {
            *out = k;
            return LR_OK;
        }
    return LR_E_PARSE;
}

enum lr_status lr_policy_parse(const char *s, enum lr_policy *out)
{
    if ( eq_nocase(s, "strict") )
        *out = LR_POLICY_STRICT;
    else if ( eq_nocase(s, "relaxed") )
        *out = LR_POLICY_RELAXED;
    else
        return LR_E_PARSE;
    return LR_OK;
}
