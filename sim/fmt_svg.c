/* SPDX-License-Identifier: MIT */
/*
 * --format svg: the guest map drawn to scale (sim/render_svg.c draws it;
 * compare draws the strategies side by side the same way).
 */
#include "format.h"
#include "render_svg.h"

static int render(struct run *r, FILE *f)
{
    struct svg_map m = {
        lr_strategy_name(r->lay.cfg.strategy), &r->lay, r->unres,
        r->nr_unres,
    };

    svg_render(f, r->o.config, &m, 1);
    return 0;
}

const struct sim_format sim_fmt_svg = { "svg", 0, render };
