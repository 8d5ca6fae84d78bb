/* SPDX-License-Identifier: MIT */
#ifndef LR_FREESTANDING_STDDEF_H
#define LR_FREESTANDING_STDDEF_H
typedef __SIZE_TYPE__ size_t;
typedef __PTRDIFF_TYPE__ ptrdiff_t;
#define NULL ((void *)0)
#define offsetof(t, m) __builtin_offsetof(t, m)
#endif
