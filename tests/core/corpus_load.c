/* SPDX-License-Identifier: MIT */
/*
 * The DMAR corpus (tests/data/dmar-corpus) read into engine inputs, for
 * check-corpus and make bench: see corpus_load.h for the contract.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "corpus_load.h"
#include "dmar.h"

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const struct corpus_machine *)a)->name,
                  ((const struct corpus_machine *)b)->name);
}

int corpus_load(const char *dirname, enum lr_policy policy,
                struct corpus_machine **out)
{
    DIR *dir = opendir(dirname);
    struct dirent *de;
    struct corpus_machine *ms = NULL;
    int n = 0;

    if ( !dir )
    {
        fprintf(stderr, "corpus: cannot open %s\n", dirname);
        return -1;
    }
    while ( (de = readdir(dir)) )
    {
        char path[4096], *dot;
        struct dmar d;
        struct corpus_machine *m;
        unsigned int nr;

        if ( !(dot = strstr(de->d_name, ".dmar.bin")) || dot[9] )
            continue;
        ms = realloc(ms, (n + 1) * sizeof(*ms));
        m = &ms[n];
        memset(m, 0, sizeof(*m));
        snprintf(m->name, sizeof(m->name), "%.*s",
                 (int)(dot - de->d_name), de->d_name);
        snprintf(path, sizeof(path), "%s/%s", dirname, de->d_name);
        if ( dmar_load(path, &d) != 0 )
        {
            fprintf(stderr, "corpus: %s: DMAR does not parse\n", path);
            dmar_free(&d);
            goto fail;
        }
        nr = dmar_to_regions(&d, policy, m->regs, LR_MAX_REGIONS);
        dmar_free(&d);
        if ( nr > LR_MAX_REGIONS )
        {
            fprintf(stderr, "corpus: %s: %u RMRRs\n", path, nr);
            goto fail;
        }
        m->nr = nr;
        n++;
    }
    closedir(dir);
    qsort(ms, n, sizeof(*ms), cmp_name);
    *out = ms;
    return n;

 fail:
    closedir(dir);
    free(ms);
    return -1;
}

void corpus_input(const struct corpus_machine *m, uint64_t mem_size,
                  enum lr_strategy strategy, enum lr_policy policy,
                  struct lr_input *in)
{
    unsigned int i;

    lr_input_init(in);
    in->cfg.mem_size = mem_size;
    in->cfg.strategy = strategy;
    for ( i = 0; i < m->nr; i++ )
    {
        struct lr_region r = m->regs[i];

        r.policy = policy;
        if ( lr_input_add_region(in, &r) != LR_OK )
            abort();    /* nr <= LR_MAX_REGIONS by construction */
    }
}
