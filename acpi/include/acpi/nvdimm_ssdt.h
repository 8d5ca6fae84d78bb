/* SPDX-License-Identifier: MIT */
/*
 * The vNVDIMM SSDT: \_SB.NVDR (_HID "ACPI0012", root _DSM) with one child
 * NVxx per vNVDIMM (_ADR = NFIT handle, Intel-family _DSM, _LSI/_LSR/_LSW
 * when it has a label back end).  docs/acpi.md gives the ASL and the
 * _DSM protocol of both label back ends.
 *
 * Two emitters give the same bytes for the same input: the builder
 * (lr_nvdimm_ssdt_emit, over the AML builder in aml.h), and the template
 * (lr_nvdimm_ssdt_tpl_emit: the builder's own output for sentinel values,
 * acpi/nvdimm_ssdt_tpl.inc, written by acpi/gen/mkssdt_tpl.c, with each
 * vNVDIMM's values and the PkgLengths filled in).  Firmware links the
 * template, which needs neither the builder nor aml.c.
 */
#ifndef ACPI_NVDIMM_SSDT_H
#define ACPI_NVDIMM_SSDT_H

#include <stddef.h>
#include <stdint.h>
#include <libreserve/status.h>
#include <acpi/nvdimm.h>
#include <acpi/table.h>

/* SSDT revision 2: 64-bit AML integers (label areas above 4 GiB). */
#define LR_NVDIMM_SSDT_REVISION 2
/* A buffer this large always suffices for n vNVDIMMs. */
#define LR_NVDIMM_SSDT_MAX(n)   (4096u + (size_t)(n) * 1024u)

/* Build the SSDT for d[0..n) into buf[0..cap) after lr_acpi_nvdimm_check()
 * (whose status it returns on failure; fault may be NULL).  LR_E_NOSPACE
 * when cap is too small (nothing usable is left in buf).  *len receives
 * the table length. */
enum lr_status LR_MUST_CHECK
lr_nvdimm_ssdt_emit(const struct lr_acpi_nvdimm *d, unsigned int n,
                    const struct lr_acpi_oem *oem, void *buf, size_t cap,
                    size_t *len, struct lr_acpi_nvdimm_fault *fault);

/* The same table from the template: same contract, same bytes. */
enum lr_status LR_MUST_CHECK
lr_nvdimm_ssdt_tpl_emit(const struct lr_acpi_nvdimm *d, unsigned int n,
                        const struct lr_acpi_oem *oem, void *buf, size_t cap,
                        size_t *len, struct lr_acpi_nvdimm_fault *fault);

/* The body of \_SB.NVDR comes in parts, present or not as a whole, in
 * this order: */
enum lr_nvdimm_ssdt_part {
    LR_SSDT_PART_COMMON,    /* _HID, root _DSM, NOFN, NLBL: always */
    LR_SSDT_PART_LABELS,    /* helpers of both back ends: any label */
    LR_SSDT_PART_INBAND,    /* RBLK, WBLK, LRED, LWRT, IDSM: any in-band */
    LR_SSDT_PART_MAILBOX,   /* MDSM: any mailbox */
    LR_SSDT_PARTS
};

/* The parts d[0..n) needs, bit (1 << part) each. */
unsigned int lr_nvdimm_ssdt_parts(const struct lr_acpi_nvdimm *d,
                                  unsigned int n);

/* Part part alone, as a bare term list into buf[0..cap) (for the template
 * generator).  LR_E_INVAL for an unknown part, LR_E_NOSPACE if cap is too
 * small. */
enum lr_status LR_MUST_CHECK
lr_nvdimm_ssdt_part(unsigned int part, void *buf, size_t cap, size_t *len);

#endif /* ACPI_NVDIMM_SSDT_H */
