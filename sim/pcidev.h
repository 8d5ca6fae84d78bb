/* SPDX-License-Identifier: MIT */
/*
 * The guest's emulated PCI devices, as xen-layout is told them
 * (--device SPEC, --bars FILE), turned into the engine's BAR list in the
 * order hvmloader's pci_setup() hands them to lr_bar_place().
 *
 * SPEC: SLOT.FN:BAR=SIZE[/64][,BAR=SIZE[/64]...] on bus 0, e.g.
 * "04.0:0=128K,rom=256K" or "05.0:4=16K/64".  SLOT is hex 00-1f, FN 0-7,
 * BAR 0-5 or "rom", SIZE a power of two (K, M, G suffixes or 0x hex).
 * Memory BARs only: I/O BARs do not take part.  FILE holds SPECs, blank
 * or whitespace separated, "#" starts a comment.
 */
#ifndef SIM_PCIDEV_H
#define SIM_PCIDEV_H

#include <stddef.h>
#include <stdint.h>
#include <libreserve/bar.h>

struct pcidev_bar {
    uint8_t devfn;
    uint8_t reg;            /* config register: 0x10..0x24, 0x30 ROM */
    uint8_t is64;
    uint64_t size;
};

struct pcidev_list {
    unsigned int nr;
    struct pcidev_bar bar[LR_MAX_BARS];
};

/* Add the BARs of one SPEC.  0, or -1 with a message in err. */
int pcidev_parse(struct pcidev_list *l, const char *spec, char *err,
                 size_t len);

/* Add every SPEC of FILE.  0, or -1 with "FILE:LINE: ..." in err. */
int pcidev_load(struct pcidev_list *l, const char *file, char *err,
                size_t len);

/* The engine's BAR list, in pci_setup()'s order (scan order: slot,
 * function, register; the engine then sorts by size, stably). */
unsigned int pcidev_to_bars(const struct pcidev_list *l, struct lr_bar *b);

/* "0000:00:04.0 BAR 0", "0000:00:04.0 ROM" (hvmloader's and Linux's). */
void pcidev_owner(const struct pcidev_bar *b, char *buf, size_t len);

#endif /* SIM_PCIDEV_H */
