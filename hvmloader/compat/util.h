/* SPDX-License-Identifier: MIT */
/*
 * The part of hvmloader's util.h (tools/firmware/hvmloader/util.h, Xen
 * 4.17) that hvmloader/libreserve.c uses, with hvmloader's own types, so
 * that `make check-hvmloader-freestanding` compiles the glue with
 * hvmloader's flags outside a Xen tree.  In a Xen tree the real util.h is
 * used instead; keep these declarations identical to it.
 */
#ifndef __HVMLOADER_UTIL_H__
#define __HVMLOADER_UTIL_H__

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include "e820.h"

void __bug(const char *file, int line) __attribute__((noreturn));
#define BUG() __bug(__FILE__, __LINE__)
#define BUG_ON(p) do { if (p) BUG(); } while (0)

/* String and memory functions */
int strcmp(const char *cs, const char *ct);
int strncmp(const char *s1, const char *s2, uint32_t n);
unsigned strlen(const char *s);
int memcmp(const void *s1, const void *s2, unsigned n);
void *memcpy(void *dest, const void *src, unsigned n);
void *memmove(void *dest, const void *src, unsigned n);
void *memset(void *s, int c, unsigned n);

/* Debug output (no %ll: 64-bit values print as two halves) */
#define PRIllx "%x%08x"
#define PRIllx_arg(ll) (uint32_t)((ll)>>32), (uint32_t)(ll)
int printf(const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));

/* Allocate memory in a reserved region below 4GB. */
void *mem_alloc(uint32_t size, uint32_t align);

/* Allocate memory in a scratch region */
void *scratch_alloc(uint32_t size, uint32_t align);

/* One static buffer, overwritten by the next call; default_resp when the
 * key is missing or empty. */
const char *xenstore_read(const char *path, const char *default_resp);

#endif /* __HVMLOADER_UTIL_H__ */
