/* SPDX-License-Identifier: MIT */
/*
 * --format xl: the xl.cfg lines that give stock Xen 4.17 this layout as
 * far as it can: rdm=, rdm_mem_boundary=, mmio_hole=, pci= with each
 * device's policy, and the vNVDIMMs as iomem= ranges with their tables
 * passed through acpi_firmware=, with what stock Xen gets wrong said.
 */
#include "format.h"

/* rdm=, the boundary, the hole and the devices with their policies. */
static void xl_rdm(const struct xlcfg *c, const struct lr_layout *l,
                   FILE *f)
{
    unsigned int i;

    if ( c->rdm_strategy == XLCFG_RDM_HOST )
        fprintf(f, "# stock xl drops any rdm= with policy= (xlu_rdm_parse"
                " bug); the policy goes on each pci= device instead\n"
                "rdm = \"strategy=host\"\n");
    fprintf(f, "rdm_mem_boundary = %llu\n",
            (unsigned long long)(l->cfg.rdm_boundary >> 20));
    fprintf(f, "mmio_hole = %llu\n",
            (unsigned long long)(l->cfg.mmio_hole_size >> 20));
    if ( !c->nr_pci )
        return;
    fprintf(f, "pci = [");
    for ( i = 0; i < c->nr_pci; i++ )
        fprintf(f, "%s '%04x:%02x:%02x.%x,rdm_policy=%s'", i ? "," : "",
                c->pci[i].seg, c->pci[i].bus, c->pci[i].dev,
                c->pci[i].fn, lr_policy_name(c->pci[i].policy));
    fprintf(f, " ]\n");
}

/* The placed vNVDIMMs as iomem= ranges. */
static void xl_iomem(const struct lr_layout *l, FILE *f)
{
    unsigned int i, n = 0;

    fprintf(f, "# vNVDIMMs as MMIO: host pfn,count@guest pfn (hex)\n"
            "iomem = [");
    for ( i = 0; i < l->nr_vnvdimms; i++ )
    {
        const struct lr_vnvdimm_place *v = &l->vnv[i];
        uint64_t last = v->has_label ? v->label.last : v->data.last;

        if ( !v->placed )
            continue;
        fprintf(f, "%s \"%llx,%llx@%llx\"", n++ ? "," : "",
                (unsigned long long)(v->host_base >> 12),
                (unsigned long long)((last - v->data.base + 1) >> 12),
                (unsigned long long)(v->data.base >> 12));
    }
    fprintf(f, " ]\n");
}

/* Stock hvmloader puts 64-bit BARs from max(4 GiB, end of RAM) up and
 * knows nothing of iomem= ranges (reference/xen-in-qemu.md). */
static void xl_bar_warnings(const struct lr_layout *l, FILE *f)
{
    unsigned int i;

    for ( i = 0; i < l->nr_vnvdimms; i++ )
    {
        uint64_t bars = l->highmem_end > LR_4G ? l->highmem_end : LR_4G;
        uint64_t safe = ((bars + GIB - 1) & ~(GIB - 1)) + 64 * GIB;

        if ( l->vnv[i].placed && l->vnv[i].data.base < safe )
            fprintf(f, "# WARNING: vNVDIMM %u at 0x%llx is where stock"
                    " hvmloader puts 64-bit PCI BARs (from 0x%llx up):"
                    " give it gpa=0x%llx or higher\n", i,
                    (unsigned long long)l->vnv[i].data.base,
                    (unsigned long long)bars, (unsigned long long)safe);
    }
}

static int render(struct run *r, FILE *f)
{
    const struct lr_layout *l = &r->lay;
    unsigned int i, n = 0;

    if ( refuse_backend(r) )
        return -1;
    fprintf(f, "# xl.cfg lines for stock Xen 4.17 (xen-layout, strategy"
            " %s)\n", lr_strategy_name(l->cfg.strategy));
    xl_rdm(&r->cfg, l, f);
    for ( i = 0; i < l->nr_vnvdimms; i++ )
        n += l->vnv[i].placed;
    if ( !n )
        return 0;
    xl_iomem(l, f);
    xl_bar_warnings(l, f);
    fprintf(f, "# NFIT + SSDT for these vNVDIMMs, passed through by"
            " hvmloader (make them with: xen-layout --format aml)\n"
            "acpi_firmware = \"vnvdimm-tables.bin\"\n");
    fprintf(f, "# WARNING: stock Xen maps iomem= ranges uncached (EPT: UC"
            " for p2m_mmio_direct; NPT: PCD): correct, far slower than"
            " RAM.\n# WARNING: stock Xen does not stop dom0 and the guest"
            " mapping the same NVDIMM frames: disable the namespace in"
            " dom0\n# (ndctl disable-namespace) and never let dom0 bind it"
            " while the guest runs.\n");
    return 0;
}

const struct sim_format sim_fmt_xl = { "xl", 0, render };
