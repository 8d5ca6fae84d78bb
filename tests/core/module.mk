# SPDX-License-Identifier: MIT
# tests/core/: the engine's own tests.

# --- the core built with hvmloader's flags, and its link check ---------------
LR_FREE_OBJS := $(LR_SRCS:%.c=$(BUILD)/free/%.o)

$(BUILD)/free/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(FREE_CFLAGS) -c $< -o $@

.PHONY: check-freestanding
check-freestanding: $(LR_FREE_OBJS)
	$(Q)sh tests/core/freestanding-check.sh "$(FREE_ALLOWED)" $^

CHECKS += check-freestanding

# --- CMocka unit tests --------------------------------------------------------
CORE_TESTS := test_range test_fmt test_diag test_layout test_e820 test_bar
CORE_TEST_OBJ := $(BUILD)/tests/core/invariants.o $(BUILD)/tests/core/stock_bars.o

$(foreach t,$(CORE_TESTS),$(eval $(call lr_test,core/$(t),$(CORE_TEST_OBJ) $(LR_LIB))))

.PHONY: check-core
check-core: $(CORE_TESTS:%=$(BUILD)/tests/core/%)
	$(Q)rc=0; for t in $^; do $$t || rc=1; done; exit $$rc

CHECKS += check-core

# --- one engine, two ABIs: 64-bit hosted vs 32-bit (hvmloader's i686) -------
$(BUILD)/tests/core/identity64: tests/core/identity.c $(LR_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=gnu99 -O2 -Wall -Werror -Ilibreserve/include -o $@ $^

$(BUILD)/tests/core/identity32: tests/core/identity.c $(LR_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -m32 -march=i686 -std=gnu99 -O2 -Wall -Werror \
	    -Ilibreserve/include -o $@ $^

.PHONY: check-identity
check-identity: $(BUILD)/tests/core/identity64 $(BUILD)/tests/core/identity32
	$(Q)$(BUILD)/tests/core/identity64 > $(BUILD)/tests/core/identity64.out
	$(Q)$(BUILD)/tests/core/identity32 > $(BUILD)/tests/core/identity32.out
	$(Q)cmp $(BUILD)/tests/core/identity64.out $(BUILD)/tests/core/identity32.out
	$(Q)echo "identity: $$(grep -c '^case' $(BUILD)/tests/core/identity64.out) layouts, 64-bit and 32-bit byte-identical ($$(md5sum < $(BUILD)/tests/core/identity64.out | cut -c1-12))"

CHECKS += check-identity

# --- the engine on every real machine of the corpus --------------------------
$(BUILD)/tests/core/corpus: $(BUILD)/tests/core/corpus.o $(BUILD)/tests/core/corpus_load.o \
                            $(BUILD)/tests/core/invariants.o $(SIM_LIB) $(LR_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $^

.PHONY: check-corpus
check-corpus: $(BUILD)/tests/core/corpus
	$(Q)$< tests/data/dmar-corpus/dmar

CHECKS += check-corpus

# --- libFuzzer: the engine on random inputs ------------------------------------
FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
               -fno-sanitize-recover=all -Ilibreserve/include -Itests/core

$(BUILD)/fuzz/fuzz_layout: tests/core/fuzz_layout.c tests/core/invariants.c \
                           $(LR_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_CFLAGS) -o $@ $^

.PHONY: check-fuzz-layout
check-fuzz-layout: $(BUILD)/fuzz/fuzz_layout
	@mkdir -p $(BUILD)/fuzz/corpus-layout
	$(Q)$< -runs=30000 -seed=1 -max_len=1024 $(BUILD)/fuzz/corpus-layout \
	    2>$(BUILD)/fuzz/fuzz_layout.log || \
	    { tail -40 $(BUILD)/fuzz/fuzz_layout.log; exit 1; }
	$(Q)tail -1 $(BUILD)/fuzz/fuzz_layout.log

CHECKS += check-fuzz-layout

# --- make bench: figures, never assertions on time --------------------------
BENCH_SRCS := tests/core/bench.c tests/core/corpus_load.c sim/dmar.c $(LR_SRCS)

$(BUILD)/bench/bench: $(BENCH_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=gnu11 -O2 -g -Ilibreserve/include -Isim -Itests/core \
	    -o $@ $(BENCH_SRCS)

BENCH_BARS_SRCS := tests/core/bench_bars.c tests/core/stock_bars.c $(LR_SRCS)

$(BUILD)/bench/bench-bars: $(BENCH_BARS_SRCS) tests/core/stock_bars.h
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=gnu11 -O2 -g -Wall -Werror -Ilibreserve/include \
	    -Itests/core -o $@ $(BENCH_BARS_SRCS)

.PHONY: bench
bench: deps $(BUILD)/bench/bench $(BUILD)/bench/bench-bars
	$(Q)$(BUILD)/bench/bench tests/data/dmar-corpus/dmar
	$(Q)echo; $(BUILD)/bench/bench-bars
	$(Q)echo; sh tests/xen/hvmloader-size.sh
	$(Q)echo; BUILD=$(BUILD) bash tests/xen/hvmloader-insns.sh
	$(Q)echo; echo "callgrind: instructions inside lr_layout_build, one layout"
	$(Q)for who in typical worst; do for st in punch pack xen-compat superpage; do \
	    for gib in 4 64; do \
	    valgrind --tool=callgrind --toggle-collect=lr_layout_build \
	        --callgrind-out-file=$(BUILD)/bench/cg.out \
	        $(BUILD)/bench/bench tests/data/dmar-corpus/dmar --one $$who $$st $$gib \
	        > $(BUILD)/bench/one.txt 2>$(BUILD)/bench/cg.log; \
	    printf '%-8s %-11s %3s GiB  %-45s %7s Ir (%s in memset of the output)\n' \
	        $$who $$st $$gib "$$(cat $(BUILD)/bench/one.txt)" \
	        "$$(sed -n 's/^summary: //p' $(BUILD)/bench/cg.out)" \
	        "$$(callgrind_annotate $(BUILD)/bench/cg.out 2>/dev/null | \
	            awk '/memset/ { gsub(",", "", $$1); print $$1; exit }')"; \
	    done; done; done
