/* SPDX-License-Identifier: MIT */
/*
 * The only libc the core may use: memcpy, memset, memcmp, memmove, strlen.
 * Hosted builds take them from <string.h>; freestanding builds (hvmloader)
 * declare them, and the link check (make check-freestanding) proves nothing
 * else is referenced.  Private to libreserve/ and acpi/.
 */
#ifndef LR_LIBC_H
#define LR_LIBC_H

#include <stddef.h>

#if defined(__STDC_HOSTED__) && __STDC_HOSTED__
#include <string.h>
#else
void *memcpy(void *dst, const void *src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
size_t strlen(const char *s);
#endif

#define LR_ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#endif /* LR_LIBC_H */
