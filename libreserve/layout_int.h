/* SPDX-License-Identifier: MIT */
/*
 * Inside lr_layout_build(): the state one run carries, the steps in
 * their order (layout.c runs them), the shared RAM walk and the interface
 * every strategy implements.  Private to libreserve/ (not installed).
 *
 *   layout.c          the public entry points, the configuration check,
 *                     the steps in order
 *   layout_report.c   diagnostics shared by the steps (conflict, drop)
 *   layout_regions.c  step 2: the reserved regions
 *   layout_vnvdimm.c  step 3: vNVDIMM checks; step 5: their placement
 *   layout_ram.c      step 4: the obstacles and the one RAM walk
 *   strategy_*.c      step 4: where each strategy lets RAM go
 *   layout_result.c   step 6: what RAM cost, reservations, statistics
 */
#ifndef LR_LAYOUT_INT_H
#define LR_LAYOUT_INT_H

#include <libreserve/layout.h>

#define MEM_MAX         (1ULL << 46)        /* 64 TiB of guest RAM */
#define GPA_LAST        ((1ULL << 52) - 1)  /* x86 MAXPHYADDR ceiling */
#define VGA_HOLE_SIZE   (LR_VGA_HOLE_LAST - LR_VGA_HOLE_BASE + 1)
#define NR_OBSTACLES    (LR_MAX_RESERVED + 4)

struct work {
    const struct lr_input *in;
    struct lr_layout *out;
    enum lr_status status;
    uint64_t remaining;             /* RAM bytes still to lay out */
    uint8_t honour[LR_MAX_REGIONS];
    uint8_t vnv_ok[LR_MAX_VNVDIMMS];
    uint32_t handle[LR_MAX_VNVDIMMS];
    struct lr_range vfoot[LR_MAX_VNVDIMMS];  /* data + in-band label */
    struct lr_ranges obst;
    /* Last, and not cleared: entries count only up to obst.nr. */
    struct lr_range obst_store[NR_OBSTACLES];
};

/* ---- layout_report.c: diagnostics ------------------------------------- */

/* Keep the first failure. */
void lr_work_fail(struct work *w, enum lr_status st);
struct lr_diag *lr_work_diag(struct work *w, enum lr_diag_code code,
                             enum lr_severity sev, enum lr_action act);
/* A list of the result is full at cap entries: LR_D_TOO_MANY naming it
 * (once a run) and LR_E_NOSPACE. */
void lr_work_full(struct work *w, const char *list, unsigned int cap);
/* d's detail: text a, then v in hex unless v is UINT64_MAX; d may be
 * NULL. */
void lr_work_detail(struct lr_diag *d, const char *a, uint64_t v);
/* "vNVDIMM <i><what>" into buf. */
void lr_vnv_owner(char *buf, size_t len, unsigned int i, const char *what);
/* A side naming vNVDIMM i's footprint. */
void lr_vnv_side(const struct work *w, struct lr_diag_side *s,
                 unsigned int i);
/* Record input region i as not honoured. */
void lr_drop_region(struct work *w, unsigned int i);
/* Region i cannot be honoured because of 'other' (NULL: no second side):
 * strict fails the build, relaxed warns and drops it. */
struct lr_diag *lr_conflict(struct work *w, unsigned int i,
                            enum lr_diag_code code,
                            const struct lr_range *other,
                            enum lr_kind okind, const char *oowner);
/* The same for vNVDIMM i. */
struct lr_diag *lr_vnv_fail(struct work *w, unsigned int i,
                            enum lr_diag_code code,
                            const struct lr_range *other,
                            enum lr_kind okind, const char *oowner);
/* The fixed platform range r takes (with a device model or not), or
 * NULL. */
const struct lr_platform_range *lr_platform_hit(const struct work *w,
                                                const struct lr_range *r);
/* vNVDIMM i is usable and has a fixed guest base (its footprint is an
 * obstacle from the start). */
static inline bool lr_vnv_fixed(const struct work *w, unsigned int i)
{
    return w->vnv_ok[i] && w->in->vnvdimms[i].gpa != LR_GPA_AUTO;
}

/* ---- the steps ----------------------------------------------------------- */

void lr_check_regions(struct work *w);          /* layout_regions.c */
void lr_check_vnvdimms(struct work *w);         /* layout_vnvdimm.c */
void lr_place_vnvdimms(struct work *w);         /* layout_vnvdimm.c */
void lr_note_punched(struct work *w);           /* layout_result.c */
void lr_finish(struct work *w);                 /* layout_result.c */
void lr_set_ends(struct lr_layout *o);          /* layout_result.c */

/* ---- layout_ram.c: obstacles and the RAM walk ---------------------------- */

/* The VGA hole, every honoured region (page-rounded) and every fixed
 * vNVDIMM, into w->obst. */
LR_MUST_CHECK enum lr_status lr_build_obstacles(struct work *w);
/* Append [base, base + size) to the layout's RAM (size 0: nothing). */
LR_MUST_CHECK enum lr_status lr_add_ram(struct work *w, uint64_t base,
                                        uint64_t size);
/* The layout's RAM as a set (storage o->ram); lr_ram_put stores it back. */
void lr_ram_view(struct lr_layout *o, struct lr_ranges *set);
void lr_ram_put(struct lr_layout *o, const struct lr_ranges *set);
/* Bytes of RAM inside [base, last]. */
uint64_t lr_ram_in(struct lr_layout *o, uint64_t base, uint64_t last);
/* Take up to 'want' bytes of RAM off the top of [base, last]; returns the
 * bytes taken (fewer when the chunk storage is full). */
uint64_t lr_ram_trim_top(struct lr_layout *o, uint64_t base, uint64_t last,
                         uint64_t want);

/*
 * What a strategy says about the free gap the walk found: *gap is free of
 * obstacles and RAM from gap->base (the walk's cursor) to gap->last, and
 * 'next' is what is taken right above it (NULL: nothing up to the end of
 * the walk).  Return true to lay RAM from gap->base (gap->last may be
 * lowered first), false to leave [gap->base, gap->last] empty (gap->last
 * may be raised: the walk goes on above it).
 */
typedef bool (*lr_ram_rule)(struct work *w, struct lr_range *gap,
                            const struct lr_range *next);

/* Lay w->remaining bytes from 'start' up to 'last' (inclusive) in the
 * free gaps, lowest first, as 'rule' (NULL: everywhere) allows. */
LR_MUST_CHECK enum lr_status lr_lay_ram(struct work *w, uint64_t start,
                                        uint64_t last, lr_ram_rule rule);
/* Lay w->remaining bytes from 'start' (GiB aligned) up, whole free GiBs
 * first, the rest (under 1 GiB) as lr_lay_ram does. */
LR_MUST_CHECK enum lr_status lr_lay_gibs_first(struct work *w,
                                               uint64_t start);

/* ---- strategy_*.c: where RAM may go -------------------------------------- */

struct lr_strategy_ops {
    const char *name;
    /* Lay the configured RAM (w->remaining is 0 on entry) around
     * w->obst; LR_OK, LR_E_NOFIT when it does not fit, LR_E_NOSPACE
     * when it needs more than LR_MAX_RAM chunks. */
    enum lr_status (*place_ram)(struct work *w);
    /* 1: stock Xen's rules (xen-compat): a fixed platform range above
     * 1 MiB only warns, RAM is never moved for a reservation, so there
     * is nothing for lr_note_punched() to say. */
    uint8_t stock;
};

extern const struct lr_strategy_ops lr_strategy_punch;
extern const struct lr_strategy_ops lr_strategy_pack;
extern const struct lr_strategy_ops lr_strategy_compat;
extern const struct lr_strategy_ops lr_strategy_superpage;

/* By enum lr_strategy; NULL beyond LR_STRATEGY_SUPERPAGE. */
const struct lr_strategy_ops *lr_strategy_ops(unsigned int s);

/* Punch's placement with another rule for the gaps (pack's): RAM from 0
 * up to the MMIO hole, then above 4 GiB. */
LR_MUST_CHECK enum lr_status lr_punch_lay(struct work *w, lr_ram_rule rule);

#endif /* LR_LAYOUT_INT_H */
