/* SPDX-License-Identifier: MIT */
/*
 * The SVG map of one or more guest layouts (render_svg.h).
 *
 * Addresses run down the page, 0 at the top.  Every boundary of every
 * range drawn (RAM, reservations, dropped and unreserved regions, the
 * platform ranges, the MMIO hole) cuts the address space into intervals;
 * an interval is MIN_H pixels plus its share of LIN_H, so the big ranges
 * keep their proportions and the smallest one still has room for its
 * label.  A range whose share alone would be under TINY_H pixels is drawn
 * enlarged, outlined, with a callout naming its true size.  The columns
 * of compare share the intervals, so their rows line up.
 */
#include <stdlib.h>
#include <string.h>
#include <libreserve/platform.h>

#include "render_svg.h"

#define MIN_H       18.0        /* pixels per interval, at least */
#define LIN_H       560.0       /* pixels shared in proportion to size */
#define TINY_H      3.0         /* under this, a range is enlarged */
#define TOP         92.0        /* y of address 0 */
#define AXIS_W      130.0       /* address axis, left of the columns */
#define CHAR_W      6.7         /* monospace 11px */

/* Lanes of a column, left to right: x offset and width. */
enum lane { L_HOLE, L_PLATFORM, L_LAYOUT, L_NOT, L_CALLOUT, L__NR };
static const double lane_x[L__NR] = { 0, 28, 242, 500, 740 };
static const double lane_w[L__NR] = { 24, 206, 250, 232, 196 };
#define COL_W       940.0

static const char *const lane_name[L__NR] = {
    "hole", "platform", "layout", "not-reserved", "callout",
};

struct scale {
    uint64_t *b;                /* sorted distinct boundaries */
    unsigned int nr;
    uint64_t span;
};

static void size_str(char *buf, size_t len, uint64_t v)
{
    static const char *const unit[] = { "B", "KiB", "MiB", "GiB", "TiB" };
    unsigned int u = 0;
    double d = (double)v;

    while ( u < 4 && v && !(v & 1023) )
    {
        v >>= 10;
        u++;
    }
    if ( v < 10000 )
    {
        snprintf(buf, len, "%llu %s", (unsigned long long)v, unit[u]);
        return;
    }
    for ( u = 0; d >= 1024.0 && u < 4; u++ )
        d /= 1024.0;
    snprintf(buf, len, "%.2f %s", d, unit[u]);
}

static void esc(FILE *f, const char *s)
{
    for ( ; *s; s++ )
        switch ( *s )
        {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
}

/* s, cut to fit n characters (ending in "..") */
static void esc_fit(FILE *f, const char *s, unsigned int n)
{
    char buf[160];

    snprintf(buf, sizeof(buf), "%s", s);
    if ( n >= 3 && strlen(buf) > n && n < sizeof(buf) )
    {
        buf[n - 2] = '.';
        buf[n - 1] = '.';
        buf[n] = 0;
    }
    esc(f, buf);
}

static int u64_cmp(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

    return x < y ? -1 : x > y;
}

static void add_range(struct scale *s, uint64_t base, uint64_t last)
{
    s->b[s->nr++] = base;
    s->b[s->nr++] = last + 1 ? last + 1 : last;
}

static int scale_build(struct scale *s, const struct svg_map *m,
                       unsigned int n)
{
    unsigned int i, j, cap = 2 * lr_platform_nr + 4, k = 0;

    for ( i = 0; i < n; i++ )
        cap += 2 * (m[i].lay->nr_ram + m[i].lay->nr_reserved +
                    m[i].lay->nr_dropped + m[i].nr_unres) + 2;
    s->b = malloc(cap * sizeof(*s->b));
    if ( !s->b )
        return -1;
    s->nr = 0;
    s->b[s->nr++] = 0;
    s->b[s->nr++] = LR_4G;
    for ( i = 0; i < lr_platform_nr; i++ )
        add_range(s, lr_platform_ranges[i].base, lr_platform_ranges[i].last);
    for ( i = 0; i < n; i++ )
    {
        const struct lr_layout *l = m[i].lay;

        s->b[s->nr++] = l->mmio_start;
        for ( j = 0; j < l->nr_ram; j++ )
            add_range(s, l->ram[j].base, l->ram[j].last);
        for ( j = 0; j < l->nr_reserved; j++ )
            add_range(s, l->reserved[j].range.base, l->reserved[j].range.last);
        for ( j = 0; j < l->nr_dropped; j++ )
            add_range(s, l->dropped[j].range.base, l->dropped[j].range.last);
        for ( j = 0; j < m[i].nr_unres; j++ )
            add_range(s, m[i].unres[j].range.base, m[i].unres[j].range.last);
    }
    qsort(s->b, s->nr, sizeof(*s->b), u64_cmp);
    for ( i = 0; i < s->nr; i++ )
        if ( !k || s->b[i] != s->b[k - 1] )
            s->b[k++] = s->b[i];
    s->nr = k;
    s->span = s->b[k - 1];
    return 0;
}

/* y of address a (a boundary or inside an interval). */
static double y_of(const struct scale *s, uint64_t a)
{
    double y = TOP;
    unsigned int i;

    for ( i = 0; i + 1 < s->nr; i++ )
    {
        uint64_t lo = s->b[i], hi = s->b[i + 1];
        double h = MIN_H + LIN_H * (double)(hi - lo) / (double)s->span;

        if ( a >= hi )
        {
            y += h;
            continue;
        }
        if ( a > lo )
            y += h * (double)(a - lo) / (double)(hi - lo);
        break;
    }
    return y;
}

static const char *fill_of(const char *kind, enum lane lane)
{
    if ( lane == L_HOLE )
        return "#fff2cc";
    if ( lane == L_PLATFORM )
        return "#d0d0d0";
    if ( lane == L_NOT )
        return "url(#hatch)";
    if ( !strcmp(kind, "RAM") )
        return "#a8d8a8";
    if ( !strcmp(kind, "RMRR") )
        return "#e06666";
    if ( !strcmp(kind, "PMEM") )
        return "#6fa8dc";
    if ( !strcmp(kind, "LABEL") )
        return "#b4a7d6";
    if ( !strcmp(kind, "DSM") )
        return "#f6b26b";
    return "#b7b7b7";
}

/* The label of a box at x, y0..y1, w wide: the name (and the size when
 * it fits), then range and size on a second line when there is room. */
static void draw_label(FILE *f, double x, double y0, double y1, double w,
                       enum lane lane, uint64_t base, uint64_t last,
                       const char *name, const char *tag, const char *sz)
{
    unsigned int fit = (unsigned int)((w - 8) / CHAR_W);
    double h = y1 - y0;
    char line[200];

    snprintf(line, sizeof(line), "%s%s", tag ? tag : "", name);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\"%s>", x + 4,
            h >= 30 ? y0 + 13 : (y0 + y1) / 2 + 4,
            lane == L_NOT ? " font-weight=\"bold\" stroke=\"white\""
            " stroke-width=\"3\" paint-order=\"stroke\"" : "");
    esc_fit(f, line, fit);
    if ( h < 30 && strlen(line) + strlen(sz) + 1 < fit )
        fprintf(f, " %s", sz);
    fprintf(f, "</text>\n");
    if ( h >= 30 )
    {
        snprintf(line, sizeof(line), "0x%llx-0x%llx %s",
                 (unsigned long long)base, (unsigned long long)last, sz);
        fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"10\">", x + 4,
                y0 + 26);
        esc_fit(f, line, (unsigned int)((w - 8) / 6.1));
        fprintf(f, "</text>\n");
    }
}

/* The callout of an enlarged box (right edge xr, middle cy). */
static void draw_callout(FILE *f, double cx, double xr, double cy,
                         uint64_t base, const char *sz)
{
    double tx = cx + lane_x[L_CALLOUT];

    fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\""
            " stroke=\"#c00000\" stroke-dasharray=\"3,2\"/>\n", xr,
            cy, tx - 2, cy);
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" fill=\"#c00000\""
            " font-size=\"10\">%s at 0x%llx (enlarged)</text>\n", tx,
            cy + 4, sz, (unsigned long long)base);
}

/*
 * One range in one lane: a box and its label (two lines when there is
 * room: the name, then range and size); an enlarged one gets a callout.
 */
static void draw(FILE *f, const struct scale *s, double cx, enum lane lane,
                 const char *kind, uint64_t base, uint64_t last,
                 const char *name, const char *tag)
{
    double x = cx + lane_x[lane], w = lane_w[lane];
    double y0 = y_of(s, base), y1 = y_of(s, last + 1 ? last + 1 : last);
    double h = y1 - y0, lin = LIN_H * (double)(last - base + 1) /
                              (double)s->span;
    bool tiny = lin < TINY_H && lane != L_PLATFORM;
    char sz[32];

    size_str(sz, sizeof(sz), last - base + 1);
    fprintf(f, "<g data-lane=\"%s\" data-kind=\"%s\" data-base=\"0x%llx\""
            " data-last=\"0x%llx\"%s>\n", lane_name[lane], kind,
            (unsigned long long)base, (unsigned long long)last,
            tiny ? " data-enlarged=\"1\"" : "");
    /* "DROPPED RMRR 0 of ...", "RAM guest RAM (lowmem) ...": the kind
     * only where the name does not start with it */
    fprintf(f, "<title>%s", tag ? tag : "");
    if ( strncmp(name, kind, strlen(kind)) || name[strlen(kind)] != ' ' )
        fprintf(f, "%s ", kind);
    esc(f, name);
    fprintf(f, " 0x%llx-0x%llx (%s)</title>\n", (unsigned long long)base,
            (unsigned long long)last, sz);
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\""
            " fill=\"%s\" stroke=\"%s\" stroke-width=\"%s\"/>\n", x, y0, w,
            h < 1 ? 1 : h, fill_of(kind, lane), tiny ? "#c00000" : "#444",
            tiny ? "2" : "0.6");
    if ( lane == L_HOLE )
        /* vertical, along the hole */
        fprintf(f, "<text transform=\"translate(%.1f,%.1f) rotate(-90)\""
                " text-anchor=\"middle\" font-weight=\"bold\">MMIO hole %s"
                "</text>\n", x + 16, (y0 + y1) / 2, sz);
    else
    {
        draw_label(f, x, y0, y1, w, lane, base, last, name, tag, sz);
        if ( tiny )
            draw_callout(f, cx, x + w, (y0 + y1) / 2, base, sz);
    }
    fprintf(f, "</g>\n");
}

/* A column's title, its status and RAM line, and the lane names. */
static void column_head(FILE *f, double cx, const struct svg_map *m)
{
    const struct lr_layout *l = m->lay;
    const struct lr_stats *st = &l->stats;
    char a[32], b[32];

    fprintf(f, "<g data-map=\"");
    esc(f, m->title);
    fprintf(f, "\">\n<text x=\"%.1f\" y=\"50\" font-size=\"14\""
            " font-weight=\"bold\">", cx);
    esc(f, m->title);
    fprintf(f, "</text>\n");
    if ( l->status != LR_OK )
        fprintf(f, "<text x=\"%.1f\" y=\"50\" font-size=\"14\""
                " font-weight=\"bold\" fill=\"#c00000\">%s: no layout"
                " (see the errors)</text>\n",
                cx + CHAR_W * 1.3 * (strlen(m->title) + 2),
                lr_status_name(l->status));
    size_str(a, sizeof(a), st->ram_below_4g);
    size_str(b, sizeof(b), st->ram_above_4g);
    fprintf(f, "<text x=\"%.1f\" y=\"66\">RAM %s below 4 GiB, %s above;"
            " %u x 1 GiB; dropped %u", cx, a, b, st->map_1g, st->dropped);
    if ( m->nr_unres )
        fprintf(f, "; not reserved %u", m->nr_unres);
    fprintf(f, "</text>\n<text x=\"%.1f\" y=\"82\" fill=\"#555\""
            " font-size=\"10\">platform</text><text x=\"%.1f\" y=\"82\""
            " fill=\"#555\" font-size=\"10\">guest layout</text>"
            "<text x=\"%.1f\" y=\"82\" fill=\"#555\" font-size=\"10\">"
            "dropped / not reserved</text>\n", cx + lane_x[L_PLATFORM],
            cx + lane_x[L_LAYOUT], cx + lane_x[L_NOT]);
}

static void column(FILE *f, const struct scale *s, double cx,
                   const struct svg_map *m)
{
    const struct lr_layout *l = m->lay;
    unsigned int i;

    column_head(f, cx, m);
    if ( l->mmio_start < LR_4G )
        draw(f, s, cx, L_HOLE, "MMIO", l->mmio_start, LR_4G - 1,
             "MMIO hole", NULL);
    for ( i = 0; i < lr_platform_nr; i++ )
        draw(f, s, cx, L_PLATFORM, "FIXED", lr_platform_ranges[i].base,
             lr_platform_ranges[i].last, lr_platform_ranges[i].name, NULL);
    for ( i = 0; i < l->nr_ram; i++ )
        draw(f, s, cx, L_LAYOUT, "RAM", l->ram[i].base, l->ram[i].last,
             l->ram[i].base < LR_4G ? "guest RAM (lowmem)" :
             "guest RAM (highmem)", NULL);
    for ( i = 0; i < l->nr_reserved; i++ )
        draw(f, s, cx, L_LAYOUT, lr_kind_name(l->reserved[i].kind),
             l->reserved[i].range.base, l->reserved[i].range.last,
             l->reserved[i].owner, NULL);
    for ( i = 0; i < l->nr_dropped; i++ )
        draw(f, s, cx, L_NOT, lr_kind_name(l->dropped[i].kind),
             l->dropped[i].range.base, l->dropped[i].range.last,
             l->dropped[i].owner,
             l->dropped[i].policy == LR_POLICY_STRICT ? "CONFLICT " :
             "DROPPED ");
    for ( i = 0; i < m->nr_unres; i++ )
        draw(f, s, cx, L_NOT, lr_kind_name(m->unres[i].kind),
             m->unres[i].range.base, m->unres[i].range.last,
             m->unres[i].owner, "NOT RESERVED ");
    fprintf(f, "</g>\n");
}

/* The document's start: size, hatch pattern, background, heading. */
static void svg_head(FILE *f, const char *what, double width, double height)
{
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\""
            " height=\"%.0f\" font-family=\"DejaVu Sans Mono, monospace\""
            " font-size=\"11\">\n", width, height);
    fprintf(f, "<defs><pattern id=\"hatch\" width=\"8\" height=\"8\""
            " patternUnits=\"userSpaceOnUse\" patternTransform="
            "\"rotate(45)\"><rect width=\"8\" height=\"8\" fill=\"#f4cccc\"/>"
            "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"8\" stroke=\"#cc0000\""
            " stroke-width=\"3\"/></pattern></defs>\n");
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    fprintf(f, "<text x=\"10\" y=\"16\" font-size=\"13\">guest-physical"
            " map of ");
    esc(f, what);
    fprintf(f, "</text>\n<text x=\"10\" y=\"30\" font-size=\"10\""
            " fill=\"#555\">addresses grow downwards; every row is at least"
            " %.0f px, the rest to scale; red outline: a range too small to"
            " see, enlarged (callout gives its size)</text>\n", MIN_H);
}

/* the axis: every boundary, and a rule across at each, starting after
 * its label (10 px: CHAR_W scaled) so that the rule (black at 4 GiB) does
 * not strike it out */
static void svg_axis(FILE *f, const struct scale *s, double width)
{
    unsigned int i;
    double y;
    char label[32];
    int n;
    bool g4;

    for ( i = 0; i < s->nr; i++ )
    {
        y = y_of(s, s->b[i]);
        g4 = s->b[i] == LR_4G;
        n = snprintf(label, sizeof(label), "0x%llx%s",
                     (unsigned long long)s->b[i], g4 ? " 4G" : "");
        fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\""
                " y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%s\"/>\n",
                10 + n * CHAR_W * 10 / 11 + 4, y, width - 10, y,
                g4 ? "#000" : "#e4e4e4", g4 ? "1.5" : "0.6");
        fprintf(f, "<text x=\"10\" y=\"%.1f\" font-size=\"10\"%s>%s"
                "</text>\n", y + 4, g4 ? " font-weight=\"bold\"" : "",
                label);
    }
}

/* The key of the fills, wrapped to the width, from y down. */
static void svg_legend(FILE *f, double width, double y)
{
    static const struct { const char *fill, *what; } key[] = {
        { "#a8d8a8", "guest RAM" }, { "#e06666", "RMRR (reserved)" },
        { "#6fa8dc", "vNVDIMM data" }, { "#b4a7d6", "vNVDIMM labels" },
        { "#f6b26b", "_DSM page" }, { "#d0d0d0", "fixed platform" },
        { "#fff2cc", "MMIO hole" },
        { "url(#hatch)", "dropped / not reserved (RAM over it)" },
    };
    double x = 10;
    unsigned int i;

    for ( i = 0; i < sizeof(key) / sizeof(key[0]); i++ )
    {
        if ( x + 30 + CHAR_W * strlen(key[i].what) > width )
        {
            x = 10;
            y += 18;
        }
        fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\""
                " height=\"12\" fill=\"%s\" stroke=\"#444\""
                " stroke-width=\"0.6\"/><text x=\"%.1f\" y=\"%.1f\">"
                "%s</text>\n", x, y, key[i].fill, x + 18, y + 10,
                key[i].what);
        x += 30 + CHAR_W * strlen(key[i].what);
    }
}

void svg_render(FILE *f, const char *what, const struct svg_map *maps,
                unsigned int n)
{
    struct scale s;
    double width, height;
    unsigned int i;

    if ( scale_build(&s, maps, n) )
        return;
    width = AXIS_W + n * COL_W + 10;
    height = y_of(&s, s.span) + 86;
    svg_head(f, what, width, height);
    svg_axis(f, &s, width);
    for ( i = 0; i < n; i++ )
        column(f, &s, AXIS_W + i * COL_W, &maps[i]);
    svg_legend(f, width, height - 40);
    fprintf(f, "</svg>\n");
    free(s.b);
}
