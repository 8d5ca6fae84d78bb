# SPDX-License-Identifier: MIT
# tests/xenstore/: the xenstore schema (libreserve/xs.c) against an
# in-memory store, against the real xenstored (with-xenstored.sh), and
# under libFuzzer.  The xenstored shim is built with plain $(CC), no
# sanitizers (it is preloaded into a system binary); with-xenstored.sh
# builds its own copy when LR_XSD_SHIM is not given (check-xenstore-harness
# covers that path).

XS_DIR      := tests/xenstore
XS_BUILD    := $(BUILD)/tests/xenstore
XS_LIBS     := -lxenstore
XS_HOSTED   := $(XS_BUILD)/xs_hosted.o $(SIM_LIB)

$(XS_BUILD)/test_xs_unit: $(XS_BUILD)/test_xs_unit.o $(XS_HOSTED) $(LR_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(XS_LIBS)

$(XS_BUILD)/test_xs_live: $(XS_BUILD)/test_xs_live.o $(XS_HOSTED) $(SIM_LIB) \
                           $(LR_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) $(XS_LIBS)

.PHONY: check-xenstore-unit check-xenstore-live check-xenstore-harness \
        check-xenstore-fuzz

check-xenstore-unit: $(XS_BUILD)/test_xs_unit
	$(Q)$<

XS_SHIM     := $(XS_BUILD)/xsd-shim.so

$(XS_SHIM): $(XS_DIR)/xsd-shim.c $(XS_DIR)/xsd-shim.map
	@mkdir -p $(dir $@)
	$(Q)$(CC) -shared -fPIC -O2 -Wall -Wextra -Werror -Wno-unused-parameter \
	    -fvisibility=hidden -Wl,--version-script=$(XS_DIR)/xsd-shim.map \
	    -o $@ $(XS_DIR)/xsd-shim.c -ldl

check-xenstore-live: $(XS_BUILD)/test_xs_live $(XS_SHIM)
	$(Q)LR_XSD_SHIM=$(abspath $(XS_SHIM)) $(XS_DIR)/with-xenstored.sh $<

check-xenstore-harness:
	$(Q)sh $(XS_DIR)/test_harness.sh

CHECKS += check-xenstore-unit check-xenstore-live check-xenstore-harness

# libFuzzer: random key/value stores through lr_xs_read_input, then the
# layout engine on whatever was read.  Bounded for `make check`.
XS_FUZZ_FLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
                 -fno-sanitize-recover=all -Ilibreserve/include -I$(XS_DIR)
XS_FUZZ_RUNS  ?= 20000
XS_FUZZ_TIME  ?= 20

$(BUILD)/fuzz/fuzz_xs: $(XS_DIR)/fuzz_xs.c $(LR_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(XS_FUZZ_FLAGS) -o $@ $^

check-xenstore-fuzz: $(BUILD)/fuzz/fuzz_xs
	$(Q)rm -rf $(BUILD)/fuzz/xs-work && mkdir -p $(BUILD)/fuzz/xs-work
	$(Q)$< -runs=$(XS_FUZZ_RUNS) -max_total_time=$(XS_FUZZ_TIME) \
	    -max_len=4096 -seed=1 -dict=$(XS_DIR)/fuzz_xs.dict \
	    $(BUILD)/fuzz/xs-work $(XS_DIR)/fuzz-seeds \
	    2>$(BUILD)/fuzz/xs.log || { tail -50 $(BUILD)/fuzz/xs.log; exit 1; }
	$(Q)tail -1 $(BUILD)/fuzz/xs.log
CHECKS += check-xenstore-fuzz
