/* SPDX-License-Identifier: MIT */
/*
 * The vNVDIMM SSDT: \_SB.NVDR (_HID "ACPI0012", root _DSM) with one child
 * NVxx per vNVDIMM (_ADR = NFIT handle, Intel-family _DSM, _LSI/_LSR/_LSW
 * when it has a label back end).  docs/acpi.md gives the ASL and the
 * _DSM protocol of both label back ends.
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

#endif /* ACPI_NVDIMM_SSDT_H */
