/* SPDX-License-Identifier: MIT */
/*
 * hvmloader's API on Linux, for hvmloader/libreserve.c under test: the
 * same names and behaviour as tools/firmware/hvmloader/util.h (Xen 4.17),
 * over an in-memory xenstore and a static arena (hvm_env.c).  printf is a
 * macro for hvm_printf, so the test binary's own printf is untouched.
 */
#ifndef __HVMLOADER_UTIL_H__
#define __HVMLOADER_UTIL_H__

#include <stdint.h>
#include <stddef.h>
#include <stdbool.h>
#include <string.h>

/* struct e820entry and the E820_* types: hvmloader's own header, as the
 * freestanding build of the glue uses it. */
#include "../../hvmloader/compat/e820.h"

/* Prints "BUG at file:line", then returns to the test that armed
 * hvm_env_expect_bug(), or aborts. */
void __bug(const char *file, int line) __attribute__((noreturn));
#define BUG() __bug(__FILE__, __LINE__)
#define BUG_ON(p) do { if (p) BUG(); } while (0)

#define PRIllx "%x%08x"
#define PRIllx_arg(ll) (uint32_t)((ll)>>32), (uint32_t)(ll)

/* Appends to the captured console; a %ll conversion is a BUG (hvmloader's
 * printf has none). */
int hvm_printf(const char *fmt, ...) __attribute__ ((format (printf, 1, 2)));
#define printf hvm_printf

/* Bump allocators over a static arena; BUG when it is exhausted. */
void *mem_alloc(uint32_t size, uint32_t align);
void *scratch_alloc(uint32_t size, uint32_t align);

/* One static buffer, overwritten by the next call; default_resp when the
 * key is missing or empty, as hvmloader's xenbus.c does. */
const char *xenstore_read(const char *path, const char *default_resp);

#endif /* __HVMLOADER_UTIL_H__ */
