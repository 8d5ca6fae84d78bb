/* SPDX-License-Identifier: MIT */
/*
 * The vNVDIMM backends against the host facts: a backend must be inside
 * persistent memory (/proc/iomem) and bound by no driver in dom0 (iomem,
 * ndctl list), or the guest and dom0 would map the same frames.
 */
#include <stdio.h>

#include "cli.h"

/* /proc/iomem: inside persistent memory, claimed by nothing below it. */
static void check_iomem(struct run *r, const char *where, uint64_t base,
                        uint64_t last)
{
    int p = iomem_find_containing(&r->iomem, base, last,
                                  "Persistent Memory");
    int e = iomem_find_containing(&r->iomem, base, last, NULL);

    if ( p < 0 )
        sim_diag(&r->ds, "SIM-BACKEND-NOT-PMEM", SIM_ERROR, where,
                 "host 0x%016llx-0x%016llx is not inside persistent"
                 " memory in /proc/iomem%s%s%s",
                 (unsigned long long)base, (unsigned long long)last,
                 e >= 0 ? " (it is in '" : "",
                 e >= 0 ? r->iomem.e[e].name : "",
                 e >= 0 ? "')" : "");
    else if ( e >= 0 && e != p )
        sim_diag(&r->ds, "SIM-BACKEND-DOM0-BOUND", SIM_ERROR, where,
                 "host 0x%016llx-0x%016llx is claimed by '%s' in"
                 " dom0 (/proc/iomem): dom0 and the guest would map"
                 " the same frames; Xen does not stop it.  Disable"
                 " that namespace in dom0 (ndctl"
                 " disable-namespace) first",
                 (unsigned long long)base, (unsigned long long)last,
                 r->iomem.e[e].name);
}

/* ndctl list: in a namespace with no block or char device bound. */
static void check_ndctl(struct run *r, const char *where, uint64_t base,
                        uint64_t last)
{
    int n = ndctl_find(r->ndctl, base, last);
    const struct ndctl_ns *ns = n >= 0 ? &r->ndctl->ns[n] : NULL;

    if ( !ns )
        sim_diag(&r->ds, "SIM-BACKEND-NO-NAMESPACE", SIM_NOTE,
                 where, "host 0x%016llx-0x%016llx is in no"
                 " namespace of ndctl list",
                 (unsigned long long)base, (unsigned long long)last);
    else if ( !ns->blockdev[0] && !ns->chardev[0] )
        sim_diag(&r->ds, "SIM-BACKEND-FREE", SIM_NOTE, where,
                 "host 0x%016llx-0x%016llx is %s, reserved with no"
                 " driver bound in dom0: free for the guest",
                 (unsigned long long)base, (unsigned long long)last,
                 ns->dev);
    else
        sim_diag(&r->ds, "SIM-BACKEND-DOM0-BOUND", SIM_ERROR, where,
                 "host 0x%016llx-0x%016llx is %s (%s, mode %s),"
                 " bound by a driver in dom0: dom0 and the guest"
                 " would map the same frames and Xen does not stop"
                 " it.  Run ndctl disable-namespace %s first",
                 (unsigned long long)base, (unsigned long long)last,
                 ns->dev, ns->blockdev[0] ? ns->blockdev : ns->chardev,
                 ns->mode[0] ? ns->mode : "?", ns->dev);
}

void check_backends(struct run *r)
{
    unsigned int i;

    for ( i = 0; i < r->cfg.nr_vnvdimms; i++ )
    {
        const struct xlcfg_vnvdimm *v = &r->cfg.vnv[i];
        uint64_t base = v->backend << 12;
        uint64_t last = base + ((v->nr_pages + (v->label == LR_LABEL_INBAND ?
                                 v->nr_label_pages : 0)) << 12) - 1;
        char where[32];

        snprintf(where, sizeof(where), "vnvdimms[%u]", i);
        if ( r->have_iomem )
            check_iomem(r, where, base, last);
        if ( r->have_ndctl )
            check_ndctl(r, where, base, last);
    }
}

/*
 * A backend dom0 has bound, or that is not persistent memory, is never
 * handed to a guest: no iomem= line, no tables for it.  (Xen would map the
 * frames into both domains; nothing arbitrates.)
 */
bool refuse_backend(const struct run *r)
{
    if ( !sim_diags_count(&r->ds, "SIM-BACKEND-DOM0-BOUND") &&
         !sim_diags_count(&r->ds, "SIM-BACKEND-NOT-PMEM") )
        return false;
    fprintf(stderr, "%s: error SIM-REFUSED: not writing iomem= or tables"
            " for a backend dom0 has bound or that is not persistent"
            " memory (see above)\n", cli_prog);
    return true;
}
