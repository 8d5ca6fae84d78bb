/* SPDX-License-Identifier: MIT */
/*
 * The template of the vNVDIMM SSDT (nvdimm_ssdt.h): what the generator
 * (acpi/gen/mkssdt_tpl.c) writes to nvdimm_ssdt_tpl.inc and the template
 * emitter (nvdimm_ssdt_tpl.c) runs.  Private to acpi/.
 *
 * A program is a byte string: a byte 0x01..0x7f is that many literal AML
 * bytes, which follow it; the others are the operations below.  The
 * table's body is the program tpl_outer; LR_TPL_DEVICES runs, for each
 * vNVDIMM, the program of its label back end (tpl_device[backend]).
 */
#ifndef ACPI_SSDT_TPL_H
#define ACPI_SSDT_TPL_H

#define LR_TPL_END      0x00  /* end of the program */
#define LR_TPL_LIT_MAX  0x7f  /* longest literal run */
#define LR_TPL_OPEN     0x80  /* PkgLength of what follows up to its CLOSE */
#define LR_TPL_CLOSE    0x81
#define LR_TPL_PARTS    0x82  /* the parts of NVDR's body the set needs */
#define LR_TPL_DEVICES  0x83  /* each vNVDIMM's device program in turn */
#define LR_TPL_INDEX    0x84  /* the vNVDIMM's index: two upper-case hex
                                 digits (the end of its name, NVxx) */
#define LR_TPL_INT      0x88  /* + slot: a value of the vNVDIMM as an AML
                                 Integer (the shortest encoding) */

/* The slots of LR_TPL_INT. */
enum {
    LR_TPL_HANDLE,      /* handle (_ADR, the mailbox's handle argument) */
    LR_TPL_LABEL_BASE,  /* in-band label area */
    LR_TPL_LABEL_SIZE,
    LR_TPL_DSM_PAGE,    /* mailbox page and doorbell port */
    LR_TPL_DSM_PORT,
    LR_TPL_SLOTS
};

#endif /* ACPI_SSDT_TPL_H */
