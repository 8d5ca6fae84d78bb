/* SPDX-License-Identifier: MIT */
#ifndef LR_FREESTANDING_STDBOOL_H
#define LR_FREESTANDING_STDBOOL_H
#define bool _Bool
#define true 1
#define false 0
#endif
