/* SPDX-License-Identifier: MIT */
/*
 * NFIT (ACPI 6.4 s5.2.25) for a set of vNVDIMMs, and a strict reader.
 *
 * Layout: 36-byte header, 4 reserved bytes, then per vNVDIMM i (in array
 * order): SPA range (type 0, 56 bytes, index 2*(i+1)), memory device to
 * SPA map (type 1, 48 bytes), control region (type 4, 80 bytes, index
 * 2*(i+1)+1).  Revision 1.
 */
#ifndef ACPI_NFIT_H
#define ACPI_NFIT_H

#include <stddef.h>
#include <stdint.h>
#include <libreserve/status.h>
#include <acpi/nvdimm.h>
#include <acpi/table.h>

#define LR_NFIT_REVISION      1
#define LR_NFIT_BODY_OFFSET   40
#define LR_NFIT_SPA_LEN       56
#define LR_NFIT_MAP_LEN       48
#define LR_NFIT_DCR_LEN       80
#define LR_NFIT_PER_DIMM      (LR_NFIT_SPA_LEN + LR_NFIT_MAP_LEN + \
                               LR_NFIT_DCR_LEN)
/* SPA range flags: add/online only | proximity domain valid. */
#define LR_NFIT_SPA_FLAGS     0x0003
/* Memory attribute: EFI_MEMORY_WB | EFI_MEMORY_NV. */
#define LR_NFIT_SPA_ATTR      0x8008ull
/* Control region format interface code (byte-addressable, JEDEC). */
#define LR_NFIT_DCR_FIC       0x0301

/* Exact size of the NFIT for n vNVDIMMs. */
static inline size_t lr_nfit_size(unsigned int n)
{
    return LR_NFIT_BODY_OFFSET + (size_t)n * LR_NFIT_PER_DIMM;
}

/* Build the NFIT for d[0..n) into buf[0..cap) after lr_acpi_nvdimm_check()
 * (whose status it returns on failure, fault may be NULL).  LR_E_NOSPACE
 * if cap < lr_nfit_size(n).  *len receives the table length. */
enum lr_status LR_MUST_CHECK
lr_nfit_emit(const struct lr_acpi_nvdimm *d, unsigned int n,
             const struct lr_acpi_oem *oem, void *buf, size_t cap,
             size_t *len, struct lr_acpi_nvdimm_fault *fault);

/* One vNVDIMM as read back from an NFIT. */
struct lr_nfit_dimm {
    uint16_t spa_index;
    uint16_t dcr_index;
    uint16_t spa_flags;
    uint32_t proximity;
    uint64_t spa_base;
    uint64_t spa_size;
    uint64_t spa_attr;
    uint32_t handle;
    uint64_t region_size;
    uint64_t region_offset;
    uint16_t vendor_id;
    uint16_t device_id;
    uint16_t revision_id;
    uint32_t serial;
    uint16_t fic;
};

/* Parse an NFIT from buf[0..len): signature, length, revision 1, checksum
 * 0, every sub-table of a known type with its exact length, non-zero
 * indexes, each map pointing at an existing persistent-memory SPA range
 * and control region, unique handles.  Fills out[0..*n) (capacity cap).
 * LR_E_PARSE on any malformed byte, LR_E_NOSPACE if cap is too small. */
enum lr_status LR_MUST_CHECK
lr_nfit_parse(const void *buf, size_t len, struct lr_nfit_dimm *out,
              unsigned int cap, unsigned int *n);

#endif /* ACPI_NFIT_H */
