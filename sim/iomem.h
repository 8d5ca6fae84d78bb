/* SPDX-License-Identifier: MIT */
/*
 * /proc/iomem reader: the host's physical address map as Linux sees it
 * ("00100000-7fffffff : System RAM", nested by two spaces per level).
 * Lines that do not parse are named (IOMEM-GARBAGE, with the line number)
 * and skipped; a map read without root (all zeros) is named too.
 */
#ifndef SIM_IOMEM_H
#define SIM_IOMEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "simdiag.h"

#define IOMEM_NAME_LEN      64
#define IOMEM_MAX_ENTRIES   65536
#define IOMEM_MAX_DEPTH     16

struct iomem_entry {
    uint64_t base;
    uint64_t last;              /* inclusive, as the file writes it */
    unsigned int depth;         /* 0: top level */
    int parent;                 /* index of the enclosing entry, or -1 */
    unsigned int line;          /* 1-based line in the file */
    char name[IOMEM_NAME_LEN];
};

struct iomem {
    unsigned int nr;
    struct iomem_entry *e;
};

/* Parse text[0 .. len).  Returns 0, or -1 if nothing usable was found or
 * the map is all zeros (read without CAP_SYS_ADMIN). */
int iomem_parse(const char *text, size_t len, const char *name,
                struct iomem *m, struct sim_diags *ds);
int iomem_load(const char *path, struct iomem *m, struct sim_diags *ds);
void iomem_free(struct iomem *m);

/* Index of the first entry at or after 'from' whose name equals 'name'
 * (or starts with it when prefix is true); -1 if none. */
int iomem_find(const struct iomem *m, unsigned int from, const char *name,
               bool prefix);

/* Index of the deepest entry containing [base, last] whose name starts
 * with 'prefix' (NULL: any), or -1. */
int iomem_find_containing(const struct iomem *m, uint64_t base,
                          uint64_t last, const char *prefix);

/* True if entry i is persistent memory ("Persistent Memory" or
 * "Persistent Memory (legacy)", e820 types 7 and 12). */
bool iomem_is_pmem(const struct iomem_entry *e);

#endif /* SIM_IOMEM_H */
