/* SPDX-License-Identifier: MIT */
/* The DMAR corpus as engine input: every machine's RMRRs as regions. */
#ifndef LR_TEST_CORPUS_LOAD_H
#define LR_TEST_CORPUS_LOAD_H

#include <libreserve/layout.h>

struct corpus_machine {
    char name[128];             /* file name without .dmar.bin */
    unsigned int nr;            /* usable RMRRs */
    struct lr_region regs[LR_MAX_REGIONS];
};

/* Load every DIR/ *.dmar.bin, sorted by name, RMRRs with 'policy'.
 * Returns the number of machines (*out malloc'd), or -1 with a message on
 * stderr if the folder cannot be read or a table does not parse. */
int corpus_load(const char *dir, enum lr_policy policy,
                struct corpus_machine **out);

/* An input for machine m: its RMRRs with 'policy', the default config
 * with mem_size and strategy. */
void corpus_input(const struct corpus_machine *m, uint64_t mem_size,
                  enum lr_strategy strategy, enum lr_policy policy,
                  struct lr_input *in);

#endif
