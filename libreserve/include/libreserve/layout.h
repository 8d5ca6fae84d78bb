/* SPDX-License-Identifier: MIT */
/*
 * The guest layout engine.  Given the guest's memory size, MMIO hole, the
 * reserved regions (RMRRs, ...) and the vNVDIMMs, decide where guest RAM
 * goes, which reservations are honoured, where each vNVDIMM, its label area
 * and its mailbox page live, and what it costs.  Pure function of its input:
 * the domain builder and hvmloader run it on the same input and must get
 * the same output (docs/design.md).
 */
#ifndef LIBRESERVE_LAYOUT_H
#define LIBRESERVE_LAYOUT_H

#include <stdint.h>
#include <libreserve/range.h>
#include <libreserve/region.h>
#include <libreserve/diag.h>
#include <libreserve/platform.h>

/* Storage limits of the fixed-size structures below. */
#define LR_MAX_REGIONS      64      /* reserved regions in the input */
#define LR_MAX_VNVDIMMS     8       /* vNVDIMMs in the input */
#define LR_MAX_RAM          64      /* RAM chunks in a layout */
#define LR_MAX_RESERVED     (LR_MAX_REGIONS + 3 * LR_MAX_VNVDIMMS)
#define LR_MAX_DIAGS        64

/* A guest address for "the engine chooses". */
#define LR_GPA_AUTO         UINT64_MAX

enum lr_strategy {
    LR_STRATEGY_PUNCH = 0,      /* skip each reservation; default */
    LR_STRATEGY_PACK = 1,       /* empty every GiB a reservation breaks */
    LR_STRATEGY_XEN_COMPAT = 2, /* libxl's algorithm, for prediction */
    LR_STRATEGY_SUPERPAGE = 3,  /* low RAM to a bound, the rest above
                                   4 GiB in whole GiBs */
};

/* Superpage's default end of RAM below 4 GiB: the first GiB, which the
 * VGA hole keeps from a 1 GiB extent anyway. */
#define LR_SUPERPAGE_LOW_DEFAULT    LR_GIB
#define LR_SUPERPAGE_LOW_MIN        (16 * LR_MIB)

enum lr_label_backend {
    LR_LABEL_NONE = 0,          /* no label area: no label _DSM functions */
    LR_LABEL_MAILBOX = 1,       /* device model via the 4 KiB DSM page */
    LR_LABEL_INBAND = 2,        /* slice after the data, AML reads it */
};

/* All policy knobs, with documented defaults (lr_config_default). */
struct lr_config {
    uint64_t mem_size;          /* guest RAM in bytes (xl memory=); 4 KiB
                                   multiple, > 2 MiB.  No default. */
    uint64_t mmio_hole_size;    /* bytes below 4 GiB; 256 MiB, range
                                   256 MiB..3840 MiB, 1 MiB multiple */
    uint64_t rdm_boundary;      /* rdm_mem_boundary; 2 GiB (xen-compat) */
    uint64_t pmem_align;        /* auto vNVDIMM alignment; 1 GiB, power of
                                   two >= 128 MiB */
    uint64_t pmem_base_min;     /* lowest auto vNVDIMM base; 0: right above
                                   guest RAM and 4 GiB */
    uint64_t superpage_low;     /* superpage: RAM below 4 GiB ends at or
                                   below this address; 0: the default
                                   (LR_SUPERPAGE_LOW_DEFAULT); 2 MiB
                                   multiple, 16 MiB..the MMIO hole */
    uint8_t strategy;           /* enum lr_strategy; punch */
    uint8_t device_model;       /* 1: ioreq-server pages 0xFEFF0000-; 1 */
    uint8_t hap;                /* 1: xen-compat rounds lowmem_end down to
                                   2 MiB (HAP guests); 1 */
};

/* The default configuration; the caller then sets mem_size. */
void lr_config_default(struct lr_config *cfg);

/* Stable strategy name "punch", "pack", "xen-compat", "superpage"; "?"
 * otherwise. */
const char *lr_strategy_name(unsigned int s);
LR_MUST_CHECK enum lr_status lr_strategy_parse(const char *s,
                                               enum lr_strategy *out);
const char *lr_label_backend_name(unsigned int b);   /* none/mailbox/inband */
LR_MUST_CHECK enum lr_status lr_label_backend_parse(const char *s,
                                                    enum lr_label_backend *out);

struct lr_vnvdimm {
    uint64_t gpa;               /* guest base, or LR_GPA_AUTO */
    uint64_t size;              /* data bytes; multiple of 2 MiB */
    uint64_t label_size;        /* 0: none; 4 KiB multiple, >= 128 KiB */
    uint64_t host_base;         /* host physical base (toolstack side) */
    uint32_t handle;            /* NFIT handle == _ADR; 0: index + 1 */
    uint32_t serial;            /* NFIT control-region serial */
    uint8_t backend;            /* enum lr_label_backend */
    uint8_t policy;             /* enum lr_policy */
};

/* The whole input of one layout run.  Plain data: copyable, comparable up
 * to its counts (the entries past nr_regions and nr_vnvdimms are not
 * part of it and may hold anything). */
struct lr_input {
    struct lr_config cfg;
    unsigned int nr_regions;
    unsigned int nr_vnvdimms;
    struct lr_region regions[LR_MAX_REGIONS];
    struct lr_vnvdimm vnvdimms[LR_MAX_VNVDIMMS];
};

/* Empty input with the default configuration (the lists' storage is left
 * as it was). */
void lr_input_init(struct lr_input *in);

/* Append a reservation (its src is set to its index).  LR_E_NOSPACE past
 * LR_MAX_REGIONS; the input is then unchanged. */
LR_MUST_CHECK enum lr_status lr_input_add_region(struct lr_input *in,
                                                 const struct lr_region *r);
LR_MUST_CHECK enum lr_status lr_input_add_vnvdimm(struct lr_input *in,
                                                  const struct lr_vnvdimm *v);

/* Where one vNVDIMM ended up. */
struct lr_vnvdimm_place {
    uint8_t placed;             /* 0: dropped (see diagnostics) */
    uint8_t has_label;          /* in-band label range valid */
    uint8_t has_dsm;            /* mailbox page valid */
    uint8_t backend;
    uint32_t handle;
    uint32_t serial;
    struct lr_range data;       /* the NFIT SPA range */
    struct lr_range label;      /* in-band label area (right after data) */
    struct lr_range dsm;        /* 4 KiB mailbox page below 4 GiB */
    uint64_t host_base;
};

struct lr_stats {
    uint64_t ram_total;         /* bytes of guest RAM laid out */
    uint64_t ram_below_4g;
    uint64_t ram_above_4g;
    uint64_t displaced;         /* RAM above 4 GiB beyond what the MMIO
                                   hole alone forces */
    unsigned int dropped;       /* reservations not honoured */
    unsigned int conflicts;     /* strict conflicts (build failed) */
    unsigned int map_1g;        /* extents the domain builder needs */
    unsigned int map_2m;
    unsigned int map_4k;
};

/*
 * The storage behind a layout's lists, in entries, chosen by its caller:
 * lr_layout_bounds() gives what a run on a given input can need, the
 * LR_MAX_* limits what any input can.
 */
struct lr_layout_bounds {
    unsigned int ram;           /* RAM chunks */
    unsigned int reserved;      /* honoured reservations */
    unsigned int dropped;       /* reservations not honoured */
    unsigned int diags;         /* diagnostics kept (beyond: counted lost) */
};

struct lr_layout {
    enum lr_status status;      /* LR_OK, or why the build failed */
    struct lr_config cfg;       /* the configuration used */
    uint64_t mmio_start;        /* 4 GiB - hole */
    uint64_t lowmem_end;        /* end of the highest RAM below 4 GiB */
    uint64_t highmem_end;       /* end of RAM above 4 GiB; 4 GiB if none */
    unsigned int nr_ram;
    unsigned int nr_reserved;
    unsigned int nr_dropped;
    unsigned int nr_vnvdimms;
    struct lr_vnvdimm_place vnv[LR_MAX_VNVDIMMS];   /* by input index */
    struct lr_stats stats;
    struct lr_diags diags;      /* entries in diag_store[cap.diags] */
    /* The caller's storage (lr_layout_init*), kept by lr_layout_build. */
    struct lr_layout_bounds cap;
    struct lr_range *ram;       /* [cap.ram], sorted */
    struct lr_region *reserved; /* [cap.reserved], honoured, sorted */
    struct lr_region *dropped;  /* [cap.dropped], not honoured */
    struct lr_diag *diag_store; /* [cap.diags] */
};

/* Storage for any input: about 50 KB (hosted callers; hvmloader sizes its
 * own with lr_layout_bounds). */
struct lr_layout_store {
    struct lr_range ram[LR_MAX_RAM];
    struct lr_region reserved[LR_MAX_RESERVED];
    struct lr_region dropped[LR_MAX_REGIONS];
    struct lr_diag diags[LR_MAX_DIAGS];
};

/*
 * Diagnostics a run keeps by default for each input item (region or
 * vNVDIMM), beyond LR_DIAGS_BASE.  No run on the 273 machines of the
 * corpus, nor on the fuzzers' inputs without overlapping reservations,
 * needs more (tests/core/invariants.c checks it); overlaps give one
 * diagnostic a pair, and those beyond the bound are counted in
 * diags.lost, never a change of the layout.
 */
#define LR_DIAGS_BASE       8
#define LR_DIAGS_PER_ITEM   4

/*
 * The storage a run on *in needs: every RAM chunk (LR_MAX_RAM, 1 KiB),
 * each region honoured or dropped once, three reservations per vNVDIMM
 * (data, label, mailbox), and LR_DIAGS_BASE + LR_DIAGS_PER_ITEM per item
 * of diagnostics (at most LR_MAX_DIAGS).  Counts beyond the LR_MAX_*
 * limits are taken at the limits (the build refuses such input).
 */
void lr_layout_bounds(const struct lr_input *in, struct lr_layout_bounds *b);

/* Bytes of storage *b asks for (what lr_layout_init_mem carves). */
unsigned long lr_layout_bounds_bytes(const struct lr_layout_bounds *b);

/* Give *l its storage: arrays of b's sizes (NULL allowed for a size 0). */
void lr_layout_init(struct lr_layout *l, const struct lr_layout_bounds *b,
                    struct lr_range *ram, struct lr_region *reserved,
                    struct lr_region *dropped, struct lr_diag *diags);

/* The same, with every array in *s (room for any input). */
void lr_layout_init_store(struct lr_layout *l, struct lr_layout_store *s);

/* The same, carving b's arrays from [mem, mem + size), which must be
 * 8-byte aligned.  LR_E_NOSPACE if size < lr_layout_bounds_bytes(b), or
 * LR_E_INVAL if a bound is over its LR_MAX_* limit; *l then has no
 * storage. */
LR_MUST_CHECK enum lr_status
lr_layout_init_mem(struct lr_layout *l, const struct lr_layout_bounds *b,
                   void *mem, unsigned long size);

/*
 * Run the engine on *in into *out, whose storage lr_layout_init*() gave.
 * Always fills *out (diagnostics say what happened); returns out->status:
 * LR_OK, LR_E_CONFLICT when a strict reservation cannot be honoured,
 * LR_E_INVAL for an unusable configuration or a layout without storage,
 * LR_E_NOSPACE when RAM needs more chunks than LR_MAX_RAM or a list more
 * entries than its storage (a named LR_D_TOO_MANY).  Only what the run
 * fills is written: the entries past nr_ram, nr_reserved, nr_dropped and
 * diags.nr keep what they held (the cost of a run is its work, not the
 * size of its storage).
 */
LR_MUST_CHECK enum lr_status lr_layout_build(const struct lr_input *in,
                                             struct lr_layout *out);

/* Copy *src into *dst, which has its own storage: LR_E_NOSPACE (and *dst
 * unchanged) if a list of src does not fit it. */
LR_MUST_CHECK enum lr_status lr_layout_copy(struct lr_layout *dst,
                                            const struct lr_layout *src);

/* Mappings the domain builder needs for [r]: 1 GiB extents for whole
 * aligned GiBs, then 2 MiB, then 4 KiB; added to the three counters. */
void lr_count_mappings(const struct lr_range *r, unsigned int *n1g,
                       unsigned int *n2m, unsigned int *n4k);

/* Ranges the domain builder must populate that are not RAM (the DSM
 * mailbox pages): written to out[0 .. cap), count in *nr. */
LR_MUST_CHECK enum lr_status lr_layout_extra_pages(const struct lr_layout *l,
                                                   struct lr_range *out,
                                                   unsigned int cap,
                                                   unsigned int *nr);

#endif /* LIBRESERVE_LAYOUT_H */
