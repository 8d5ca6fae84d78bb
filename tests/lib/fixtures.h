/* SPDX-License-Identifier: MIT */
/*
 * tests/lib/fixtures.h: building layout requests (struct lr_input) in the
 * tests, one way for all of them: tests/core (test_layout, test_e820,
 * test_bar), tests/xenstore (xs_fixtures.h) and tests/hvmloader
 * (hvm_fixtures.h).  Include with a quoted path relative to the test
 * ("../lib/fixtures.h"); no build flag needed.
 *
 * A fixture the engine refuses to take (a bad range, a full list) is a
 * broken test, not a result: in a CMocka test (cmocka.h included before
 * this file) the add fails the test; elsewhere (the fuzz seeds, the
 * xenstore harness) it aborts.  Tests that check the refusal itself call
 * lr_input_add_region()/lr_input_add_vnvdimm() directly.
 */
#ifndef TESTS_LIB_FIXTURES_H
#define TESTS_LIB_FIXTURES_H

#include <stdlib.h>
#include <string.h>
#include <libreserve/layout.h>

#ifdef assert_int_equal
#define LRT_OK(expr)    assert_int_equal((expr), LR_OK)
#else
#define LRT_OK(expr)    do { if ( (expr) != LR_OK ) abort(); } while ( 0 )
#endif

/* An empty request for a guest of mem bytes with the given strategy. */
static inline void lrt_input(struct lr_input *in, uint64_t mem,
                             enum lr_strategy strategy)
{
    lr_input_init(in);
    in->cfg.mem_size = mem;
    in->cfg.strategy = strategy;
}

/* A reserved region [base, last] (inclusive, as struct lr_range). */
static inline void lrt_region(struct lr_input *in, uint64_t base,
                              uint64_t last, enum lr_kind kind,
                              enum lr_policy pol, const char *owner)
{
    struct lr_region g;
    struct lr_range r = { base, last };

    lr_region_set(&g, &r, kind, pol, owner);
    LRT_OK(lr_input_add_region(in, &g));
}

/* A reserved region of size bytes from base (size > 0, no wrap). */
static inline void lrt_region_sized(struct lr_input *in, uint64_t base,
                                    uint64_t size, enum lr_kind kind,
                                    enum lr_policy pol, const char *owner)
{
    struct lr_range r;

    LRT_OK(lr_range_from_size(base, size, &r));
    lrt_region(in, r.base, r.last, kind, pol, owner);
}

/* A vNVDIMM; every field of struct lr_vnvdimm the tests set, the rest 0. */
static inline void lrt_vnvdimm(struct lr_input *in, uint64_t gpa,
                               uint64_t size, uint64_t label_size,
                               enum lr_label_backend backend,
                               uint32_t handle, uint32_t serial,
                               uint64_t host_base, enum lr_policy pol)
{
    struct lr_vnvdimm v;

    memset(&v, 0, sizeof(v));
    v.gpa = gpa;
    v.size = size;
    v.label_size = label_size;
    v.backend = backend;
    v.handle = handle;
    v.serial = serial;
    v.host_base = host_base;
    v.policy = pol;
    LRT_OK(lr_input_add_vnvdimm(in, &v));
}

#endif /* TESTS_LIB_FIXTURES_H */
