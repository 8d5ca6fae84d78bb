/* SPDX-License-Identifier: MIT */
/*
 * tests/lib/xorshift.h: the tests' pseudo-random numbers, Marsaglia's
 * xorshift64 (13, 7, 17).  Deterministic for a given seed on every ABI
 * (check-identity runs it built for x86-64 and for i686 and compares the
 * outputs byte for byte); each user keeps its own state and seed.
 */
#ifndef TESTS_LIB_XORSHIFT_H
#define TESTS_LIB_XORSHIFT_H

#include <stdint.h>

/* The next number of the sequence in *state (never 0 for a non-0 seed). */
static inline uint64_t xorshift64(uint64_t *state)
{
    uint64_t x = *state;

    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    *state = x;
    return x;
}

#endif /* TESTS_LIB_XORSHIFT_H */
