/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <libreserve/fmt.h>
#include "pcidev.h"

static int bad(char *err, size_t len, const char *spec, const char *why)
{
    snprintf(err, len, "device '%s': %s", spec, why);
    return -1;
}

/* One BAR=SIZE[/64] item (modified) of device devfn into *b: NULL, or
 * why it is wrong. */
static const char *parse_bar(char *item, uint8_t devfn, struct pcidev_bar *b)
{
    char *eq = strchr(item, '='), *slash;

    memset(b, 0, sizeof(*b));
    b->devfn = devfn;
    if ( !eq )
        return "expected BAR=SIZE";
    *eq = '\0';
    if ( !strcmp(item, "rom") )
        b->reg = 0x30;
    else if ( item[0] >= '0' && item[0] <= '5' && !item[1] )
        b->reg = 0x10 + 4 * (item[0] - '0');
    else
        return "BAR is 0-5 or rom";
    slash = strchr(eq + 1, '/');
    if ( slash )
    {
        if ( strcmp(slash, "/64") || b->reg == 0x30 || b->reg == 0x24 )
            return "only /64 after a size, on BARs 0-4";
        *slash = '\0';
        b->is64 = 1;
    }
    if ( lr_parse_size(eq + 1, &b->size) != LR_OK || !b->size ||
         (b->size & (b->size - 1)) )
        return "SIZE is a power of two (4K, 16M, 0x1000)";
    if ( !b->is64 && b->size > (1ULL << 31) )
        return "a 32-bit BAR is at most 2G";
    return NULL;
}

/* b added to l: NULL, or why it cannot be. */
static const char *add_bar(struct pcidev_list *l, const struct pcidev_bar *b)
{
    unsigned int i;

    for ( i = 0; i < l->nr; i++ )
        if ( l->bar[i].devfn == b->devfn &&
             (l->bar[i].reg == b->reg ||
              (l->bar[i].is64 && l->bar[i].reg + 4 == b->reg) ||
              (b->is64 && b->reg + 4 == l->bar[i].reg)) )
            return "that BAR (or the upper half of a 64-bit one) is given"
                   " twice";
    if ( l->nr == LR_MAX_BARS )
        return "more BARs than the engine places (64)";
    l->bar[l->nr++] = *b;
    return NULL;
}

int pcidev_parse(struct pcidev_list *l, const char *spec, char *err,
                 size_t len)
{
    char buf[256], *p, *item, *save = NULL;
    unsigned long slot, fn;
    unsigned int before = l->nr;

    if ( strlen(spec) >= sizeof(buf) )
        return bad(err, len, spec, "too long");
    strcpy(buf, spec);
    errno = 0;
    slot = strtoul(buf, &p, 16);
    if ( p == buf || *p != '.' || slot > 0x1f || errno )
        return bad(err, len, spec, "expected SLOT.FN: (slot 00-1f hex)");
    item = p + 1;
    fn = strtoul(item, &p, 10);
    if ( p == item || *p != ':' || fn > 7 )
        return bad(err, len, spec, "expected SLOT.FN: (function 0-7)");
    if ( !p[1] )
        return bad(err, len, spec, "no BAR=SIZE after ':'");
    for ( item = strtok_r(p + 1, ",", &save); item;
          item = strtok_r(NULL, ",", &save) )
    {
        struct pcidev_bar b;
        const char *why = parse_bar(item, (uint8_t)(slot << 3 | fn), &b);

        if ( !why )
            why = add_bar(l, &b);
        if ( why )
        {
            l->nr = before;
            return bad(err, len, spec, why);
        }
    }
    return 0;
}

int pcidev_load(struct pcidev_list *l, const char *file, char *err,
                size_t len)
{
    FILE *f = fopen(file, "r");
    char line[1024], e[512];
    unsigned int n = 0;

    if ( !f )
    {
        snprintf(err, len, "%s: %s", file, strerror(errno));
        return -1;
    }
    while ( fgets(line, sizeof(line), f) )
    {
        char *h = strchr(line, '#'), *tok, *save = NULL;

        n++;
        if ( h )
            *h = '\0';
        for ( tok = strtok_r(line, " \t\r\n", &save); tok;
              tok = strtok_r(NULL, " \t\r\n", &save) )
            if ( pcidev_parse(l, tok, e, sizeof(e)) )
            {
                snprintf(err, len, "%s:%u: %s", file, n, e);
                fclose(f);
                return -1;
            }
    }
    fclose(f);
    return 0;
}

static int scan_cmp(const void *a, const void *b)
{
    const struct pcidev_bar *x = a, *y = b;

    if ( x->devfn != y->devfn )
        return x->devfn < y->devfn ? -1 : 1;
    return x->reg < y->reg ? -1 : x->reg > y->reg;
}

void pcidev_owner(const struct pcidev_bar *b, char *buf, size_t len)
{
    if ( b->reg == 0x30 )
        snprintf(buf, len, "0000:00:%02x.%x ROM", b->devfn >> 3,
                 b->devfn & 7);
    else
        snprintf(buf, len, "0000:00:%02x.%x BAR %u", b->devfn >> 3,
                 b->devfn & 7, (b->reg - 0x10) / 4);
}

unsigned int pcidev_to_bars(const struct pcidev_list *l, struct lr_bar *b)
{
    struct pcidev_bar s[LR_MAX_BARS];
    unsigned int i;

    memcpy(s, l->bar, l->nr * sizeof(s[0]));
    qsort(s, l->nr, sizeof(s[0]), scan_cmp);
    for ( i = 0; i < l->nr; i++ )
    {
        memset(&b[i], 0, sizeof(b[i]));
        b[i].size = s[i].size;
        b[i].is64 = s[i].is64;
        b[i].id = i;
        pcidev_owner(&s[i], b[i].owner, sizeof(b[i].owner));
    }
    return l->nr;
}
