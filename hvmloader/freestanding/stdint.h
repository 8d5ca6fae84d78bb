/* SPDX-License-Identifier: MIT */
/* The freestanding <stdint.h> of hvmloader (tools/firmware/include), for
 * building the core with hvmloader's flags outside a Xen tree. */
#ifndef LR_FREESTANDING_STDINT_H
#define LR_FREESTANDING_STDINT_H
#if defined(__LP64__)
#error "32-bit only header"
#endif
typedef unsigned char uint8_t;
typedef signed char int8_t;
typedef unsigned short uint16_t;
typedef signed short int16_t;
typedef unsigned int uint32_t;
typedef signed int int32_t;
typedef unsigned long long uint64_t;
typedef signed long long int64_t;
typedef uint32_t uintptr_t;
#define UINT8_MAX   0xff
#define UINT16_MAX  0xffff
#define UINT32_MAX  0xffffffffu
#define UINT64_MAX  0xffffffffffffffffull
#define INT32_MAX   0x7fffffff
#define UINTPTR_MAX UINT32_MAX
#endif
