/* SPDX-License-Identifier: MIT */
/*
 * The guest e820 as hvmloader hands it to SeaBIOS/OVMF: the layout's
 * entries (lr_e820_build) with stock hvmloader's own additions, as
 * measured (sim/format.h).
 */
#include <stdlib.h>

#include "format.h"

/*
 * What stock hvmloader 4.17 adds of its own, as measured under Debian's
 * Xen 4.17.7 (docs/testing-xen.md): the SeaBIOS image (bios-256k.bin) is
 * reserved from 0xC0000, and the ACPI tables it builds are an NVS entry
 * from 0xFC000000 to the end of their last page.  Its own tables end at
 * 0xFC00A694 (the XSDT, built last); tables passed through with
 * acpi_firmware= are copied before the XSDT, 16-byte aligned, each with
 * one more XSDT entry.  (Measured for one vCPU; each vCPU adds 8 bytes
 * of MADT, well inside the page's slack up to 128 vCPUs.)
 */
#define STOCK_BIOS_BASE     0xC0000u
#define STOCK_ACPI_END      0xFC00A694u

static uint32_t hvmloader_acpi_end(const struct run *r)
{
    uint64_t end = STOCK_ACPI_END;
    uint8_t *buf;
    size_t len, off = 0;

    if ( build_tables(r, &buf, &len) == 0 )
    {
        while ( off + 8 <= len )
        {
            uint32_t tlen = buf[off + 4] | buf[off + 5] << 8 |
                            buf[off + 6] << 16 | (uint32_t)buf[off + 7] << 24;

            if ( tlen < 36 || tlen > len - off )
                break;
            end += ((tlen + 15) & ~15u) + 8;
            off += tlen;
        }
        free(buf);
    }
    return (uint32_t)((end + 0xFFF) & ~0xFFFULL);
}

int build_e820(const struct run *r, struct lr_e820_entry *e,
               unsigned int *nr, struct sim_diags *ds)
{
    struct lr_e820_opts eo;
    unsigned int needed = 0;
    enum lr_status st;

    lr_e820_opts_default(&eo);
    eo.bios_image_base = STOCK_BIOS_BASE;
    eo.acpi_end = hvmloader_acpi_end(r);
    st = lr_e820_build(&r->lay, &eo, e, E820_CAP, nr, &needed);
    if ( st == LR_E_BUDGET )
        sim_diag(ds, "SIM-E820-BUDGET", SIM_ERROR, NULL, "the guest e820"
                 " needs %u entries; SeaBIOS/OVMF get %u from hvmloader"
                 " (nothing checks it in stock Xen): fewer or merged"
                 " reservations are needed", needed, eo.budget);
    else if ( st != LR_OK )
    {
        sim_diag(ds, "SIM-E820", SIM_ERROR, NULL, "no e820: %s",
                 lr_status_str(st));
        return -1;
    }
    return 0;
}
