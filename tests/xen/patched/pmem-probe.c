/* SPDX-License-Identifier: MIT */
/*
 * pmem-probe: dom0's view of host pmem ownership in Xen (the series'
 * XEN_SYSCTL_pmem_op), for the vnvdimms= scenario (vnvdimm-xl.sh).
 *
 *   pmem-probe query MFN   one line: "query mfn=M registered=0|1 owned=0|1
 *                          owner=D gfn=G", or "query mfn=M unsupported
 *                          errno=E (text)" on a hypervisor without it
 *   pmem-probe map MFN     map host frame MFN into dom0 (privcmd, DOMID_IO:
 *                          the PV path /dev/mem takes too) and read it:
 *                          "map mfn=M mapped first=XXXXXXXX" or "map mfn=M
 *                          refused errno=E (text)"
 * Exit status: 0 done (mapped, or query answered), 1 refused or
 * unsupported, 2 usage or setup error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <xenctrl.h>
#include <xenforeignmemory.h>

static int parse_mfn(const char *s, unsigned long *mfn)
{
    char *end;

    errno = 0;
    *mfn = strtoul(s, &end, 0);
    return errno || end == s || *end ? -1 : 0;
}

static int query(unsigned long mfn)
{
    xc_interface *xch = xc_interface_open(NULL, NULL, 0);
    uint32_t flags, owner;
    unsigned long gfn;

    if (!xch) {
        fprintf(stderr, "pmem-probe: xc_interface_open: %s\n",
                strerror(errno));
        return 2;
    }
    if (xc_pmem_query(xch, mfn, &flags, &owner, &gfn)) {
        int e = errno;

        printf("query mfn=%#lx unsupported errno=%d (%s)\n", mfn, e,
               strerror(e));
        xc_interface_close(xch);
        return 1;
    }
    printf("query mfn=%#lx registered=%d owned=%d owner=%d gfn=%#lx\n", mfn,
           !!(flags & XEN_SYSCTL_PMEM_registered),
           !!(flags & XEN_SYSCTL_PMEM_owned),
           (flags & XEN_SYSCTL_PMEM_owned) ? (int)owner : -1, gfn);
    xc_interface_close(xch);
    return 0;
}

static int map(unsigned long mfn)
{
    xenforeignmemory_handle *fmem = xenforeignmemory_open(NULL, 0);
    xen_pfn_t pfn = mfn;
    int err = 0, rc;
    uint32_t *p;

    if (!fmem) {
        fprintf(stderr, "pmem-probe: xenforeignmemory_open: %s\n",
                strerror(errno));
        return 2;
    }
    p = xenforeignmemory_map(fmem, DOMID_IO, PROT_READ, 1, &pfn, &err);
    if (!p || err) {
        int e = p ? -err : errno;

        printf("map mfn=%#lx refused errno=%d (%s)\n", mfn, e, strerror(e));
        rc = 1;
    } else {
        printf("map mfn=%#lx mapped first=%08" PRIx32 "\n", mfn, p[0]);
        rc = 0;
    }
    if (p)
        xenforeignmemory_unmap(fmem, p, 1);
    xenforeignmemory_close(fmem);
    return rc;
}

int main(int argc, char **argv)
{
    unsigned long mfn;

    if (argc != 3 || parse_mfn(argv[2], &mfn)) {
        fprintf(stderr, "usage: pmem-probe query|map MFN\n");
        return 2;
    }
    if (!strcmp(argv[1], "query"))
        return query(mfn);
    if (!strcmp(argv[1], "map"))
        return map(mfn);
    fprintf(stderr, "usage: pmem-probe query|map MFN\n");
    return 2;
}
