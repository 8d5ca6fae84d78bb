/* SPDX-License-Identifier: MIT */
/*
 * The parts of an xl.cfg that decide a guest's memory layout, read with
 * Xen's own libxlutil (the parser xl uses), and their translation into an
 * engine input the way libxl builds its RDM list (libxl_dm.c,
 * libxl__domain_device_construct_rdm).
 *
 * Every malformed or inconsistent value is a named diagnostic ("XL-...",
 * see docs/xen-layout.md for the list) with the key it came from.
 */
#ifndef SIM_XLCFG_H
#define SIM_XLCFG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <libreserve/layout.h>
#include "dmar.h"
#include "simdiag.h"

#define XLCFG_MAX_PCI       32

enum xlcfg_rdm_strategy {
    XLCFG_RDM_IGNORE = 0,   /* only assigned devices' RMRRs (default) */
    XLCFG_RDM_HOST = 1,     /* every RMRR of the host */
};

struct xlcfg_pci {
    uint16_t seg;
    uint8_t bus, dev, fn;
    uint8_t policy;         /* effective enum lr_policy */
    bool policy_given;      /* rdm_policy= in the device's spec */
    char text[96];          /* the spec as written */
};

struct xlcfg_vnvdimm {
    uint64_t backend;       /* host MFN of the first page */
    uint64_t nr_pages;      /* data pages (4 KiB) */
    uint64_t nr_label_pages;
    uint64_t gpa;           /* guest base, or LR_GPA_AUTO */
    uint8_t label;          /* enum lr_label_backend */
    uint32_t serial;        /* serial=, else derived from backend */
};

struct xlcfg {
    bool hvm;               /* type="hvm" (or builder="hvm") */
    uint64_t memory_mib;    /* memory= (target) */
    uint64_t maxmem_mib;    /* maxmem=, else memory */
    uint64_t video_mib;     /* videoram=, else the vga kind's default */
    char vga[16];           /* "cirrus", "stdvga", "none", "qxl" */
    uint64_t mmio_hole_mib; /* 0: default (256) */
    uint64_t rdm_boundary_mib;      /* default 2048 */
    uint8_t rdm_strategy;   /* enum xlcfg_rdm_strategy */
    uint8_t rdm_policy;     /* enum lr_policy; default relaxed */
    bool rdm_given;         /* rdm= present (and well-formed) */
    bool rdm_policy_given;  /* rdm= has policy= (devices inherit it) */
    bool rdm_stock_ignored; /* stock xl 4.17 ignores this rdm= value */
    char rdm_text[96];
    int rdm_layout;         /* patched xl's rdm_layout=: enum lr_strategy
                               ("default" is xen-compat); -1: not set */
    uint64_t superpage_low_mib;     /* rdm_layout_lowmem=; 0: default */
    unsigned int nr_pci;
    struct xlcfg_pci pci[XLCFG_MAX_PCI];
    unsigned int nr_vnvdimms;
    struct xlcfg_vnvdimm vnv[LR_MAX_VNVDIMMS];
};

/*
 * Parse an xl.cfg held in data[0 .. len) ('name' is used in messages).
 * Fills *c with every value that could be read (defaults for the rest)
 * and appends diagnostics to ds.  Returns 0, or -1 if an error was found.
 */
int xlcfg_parse(const char *data, size_t len, const char *name,
                struct xlcfg *c, struct sim_diags *ds);

/* The same from a file. */
int xlcfg_load(const char *path, struct xlcfg *c, struct sim_diags *ds);

/*
 * One vnvdimms= item:
 *   type=mfn,backend=MFN,nr_pages=N[,nr_label_pages=M][,gpa=ADDR|auto]
 *   [,label=none|inband|mailbox]
 * Numbers are decimal or 0x-hex; gpa also takes K/M/G/T suffixes.  A label
 * back end without nr_label_pages gets 32 pages (128 KiB); nr_label_pages
 * without label= means inband.  Returns 0, or -1 with an XL-VNVDIMM-...
 * diagnostic ('where' names the item).
 */
int xlcfg_parse_vnvdimm(const char *spec, const char *where,
                        struct xlcfg_vnvdimm *v, struct sim_diags *ds);

/*
 * Our reading of rdm= ("strategy=host|ignore,policy=strict|relaxed", each
 * optional, any order); only the values given are written.  Returns 0, or
 * -1 with XL-BAD-RDM.
 */
int xlcfg_parse_rdm(const char *s, uint8_t *strategy, uint8_t *policy,
                    struct sim_diags *ds);

/* Guest memory the domain builder lays out: maxmem minus video RAM. */
uint64_t xlcfg_layout_bytes(const struct xlcfg *c);

/*
 * The engine input for this config on a host with these RMRRs (d may be
 * NULL: no RMRRs known).  RMRRs are chosen as libxl does: strategy=host
 * takes all of them with the global policy; every assigned device adds
 * its own with its rdm_policy, which overrides the global one for an RMRR
 * taken both ways.  Shared RMRRs are reported with all their devices.
 * Returns 0, or -1 on an error (the input is then not usable).
 */
int xlcfg_to_input(const struct xlcfg *c, const struct dmar *d,
                   enum lr_strategy strategy, struct lr_input *in,
                   struct sim_diags *ds);

/*
 * The RMRRs this config asks for that stock xl 4.17 does not reserve at
 * all, because it ignored the rdm= value (c->rdm_stock_ignored): with
 * strategy=host every usable RMRR of the host is asked for, and stock
 * keeps only those of assigned pci= devices.  Writes up to cap regions
 * (owner as in the engine input) in table order; returns how
 * many there are (0 when stock reserves what was asked for).  Each
 * region has the policy the config asked for.
 */
unsigned int xlcfg_stock_unreserved(const struct xlcfg *c,
                                    const struct dmar *d,
                                    struct lr_region *out, unsigned int cap);

#endif /* SIM_XLCFG_H */
