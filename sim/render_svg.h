/* SPDX-License-Identifier: MIT */
/*
 * xen-layout's SVG map: one column per layout on one shared address scale
 * (plan: one; compare: stock Xen beside ours), with the MMIO hole, the
 * fixed platform ranges, RAM, every reservation, the dropped ones and the
 * RMRRs stock xl leaves unreserved, each labelled on the map.
 */
#ifndef SIM_RENDER_SVG_H
#define SIM_RENDER_SVG_H

#include <stdio.h>
#include <libreserve/layout.h>

struct svg_map {
    const char *title;                  /* column heading: the strategy */
    const struct lr_layout *lay;
    const struct lr_region *unres;      /* not reserved by stock xl */
    unsigned int nr_unres;
};

/*
 * Write the SVG of n maps (1..4) side by side to f, under a heading
 * naming 'what' (the config).  Every range drawn is a <g> with data-lane,
 * data-kind, data-base and data-last (hex) and its label as <text>.
 */
void svg_render(FILE *f, const char *what, const struct svg_map *maps,
                unsigned int n);

#endif /* SIM_RENDER_SVG_H */
