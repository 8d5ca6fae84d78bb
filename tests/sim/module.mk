# SPDX-License-Identifier: MIT
# tests/sim/: the simulator's readers, its CLI, and fuzz targets.

SIM_CORPUS := tests/data/dmar-corpus

$(eval $(call lr_test,sim/test_dmar,$(SIM_LIB) $(LR_LIB)))
$(eval $(call lr_test,sim/test_xlcfg,$(SIM_LIB) $(LR_LIB)))
$(BUILD)/tests/sim/test_xlcfg: CMOCKA_LIBS += $(SIM_LIBS)
$(eval $(call lr_test,sim/test_hostfacts,$(SIM_LIB) $(LR_LIB)))
$(BUILD)/tests/sim/test_hostfacts: CMOCKA_LIBS += $(SIM_LIBS)

.PHONY: check-sim-dmar
check-sim-dmar: $(BUILD)/tests/sim/test_dmar
	$(Q)DMAR_CORPUS=$(SIM_CORPUS) $<
CHECKS += check-sim-dmar

.PHONY: check-sim-xlcfg
check-sim-xlcfg: $(BUILD)/tests/sim/test_xlcfg
	$(Q)$<
CHECKS += check-sim-xlcfg

$(eval $(call lr_test,sim/test_cli,$(ACPI_LIB) $(LR_LIB)))
$(BUILD)/tests/sim/test_cli: CMOCKA_LIBS += $(SIM_LIBS)

# Every JSON document the CLI tests get from xen-layout is then checked
# against the documented schema (python3-jsonschema, tests/deps.sh).
SIM_JSON_DIR := $(BUILD)/tests/sim/json

.PHONY: check-sim-cli
check-sim-cli: $(BUILD)/tests/sim/test_cli $(XEN_LAYOUT)
	$(Q)rm -rf $(SIM_JSON_DIR) && mkdir -p $(SIM_JSON_DIR)
	$(Q)XEN_LAYOUT=$(XEN_LAYOUT) XL_JSON_DIR=$(SIM_JSON_DIR) $<
	$(Q)python3 tests/sim/validate-json.py docs/xen-layout.schema.json \
	    $(SIM_JSON_DIR)
CHECKS += check-sim-cli

# Through a real private xenstored (tests/xenstore/with-xenstored.sh).
.PHONY: check-sim-xenstore
check-sim-xenstore: $(XEN_LAYOUT)
	$(Q)sh tests/sim/xenstore-roundtrip.sh $(XEN_LAYOUT)
CHECKS += check-sim-xenstore

.PHONY: check-sim-hostfacts
check-sim-hostfacts: $(BUILD)/tests/sim/test_hostfacts
	$(Q)$<
CHECKS += check-sim-hostfacts

# libFuzzer targets: built with clang, run for a bounded number of inputs
# from a scratch corpus seeded with the real tables.
FUZZ_FLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
              -fno-sanitize-recover=all -Ilibreserve/include -Isim
FUZZ_RUNS  ?= 200000

$(BUILD)/fuzz/fuzz_dmar: tests/sim/fuzz_dmar.c sim/dmar.c $(LR_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_FLAGS) -o $@ $^

.PHONY: check-sim-fuzz-dmar
check-sim-fuzz-dmar: $(BUILD)/fuzz/fuzz_dmar
	$(Q)rm -rf $(BUILD)/fuzz/dmar-work && mkdir -p $(BUILD)/fuzz/dmar-work
	$(Q)$< -runs=$(FUZZ_RUNS) -max_len=8192 -seed=1 \
	    -artifact_prefix=$(BUILD)/fuzz/ \
	    $(BUILD)/fuzz/dmar-work $(SIM_CORPUS)/dmar 2>$(BUILD)/fuzz/dmar.log \
	    || { tail -50 $(BUILD)/fuzz/dmar.log; exit 1; }
	$(Q)tail -1 $(BUILD)/fuzz/dmar.log
CHECKS += check-sim-fuzz-dmar

$(BUILD)/fuzz/fuzz_vnvdimm: tests/sim/fuzz_vnvdimm.c sim/xlcfg.c sim/dmar.c \
                            sim/simdiag.c $(LR_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_FLAGS) -o $@ $^ $(SIM_LIBS)

.PHONY: check-sim-fuzz-vnvdimm
check-sim-fuzz-vnvdimm: $(BUILD)/fuzz/fuzz_vnvdimm
	$(Q)rm -rf $(BUILD)/fuzz/vnv-work && mkdir -p $(BUILD)/fuzz/vnv-work
	$(Q)$< -runs=$(FUZZ_RUNS) -max_len=256 -seed=1 \
	    -artifact_prefix=$(BUILD)/fuzz/ \
	    -dict=tests/sim/fuzz_vnvdimm.dict $(BUILD)/fuzz/vnv-work \
	    tests/sim/fuzz-seeds/vnvdimm 2>$(BUILD)/fuzz/vnv.log \
	    || { tail -50 $(BUILD)/fuzz/vnv.log; exit 1; }
	$(Q)tail -1 $(BUILD)/fuzz/vnv.log
CHECKS += check-sim-fuzz-vnvdimm

$(BUILD)/fuzz/fuzz_iomem: tests/sim/fuzz_iomem.c sim/iomem.c sim/simdiag.c \
                          $(LR_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_FLAGS) -o $@ $^

.PHONY: check-sim-fuzz-iomem
check-sim-fuzz-iomem: $(BUILD)/fuzz/fuzz_iomem
	$(Q)rm -rf $(BUILD)/fuzz/iomem-work && mkdir -p $(BUILD)/fuzz/iomem-work
	$(Q)$< -runs=$(FUZZ_RUNS) -max_len=2048 -seed=1 \
	    -artifact_prefix=$(BUILD)/fuzz/ \
	    $(BUILD)/fuzz/iomem-work tests/sim/fuzz-seeds/iomem \
	    2>$(BUILD)/fuzz/iomem.log \
	    || { tail -50 $(BUILD)/fuzz/iomem.log; exit 1; }
	$(Q)tail -1 $(BUILD)/fuzz/iomem.log
CHECKS += check-sim-fuzz-iomem

$(BUILD)/fuzz/fuzz_hostfacts: tests/sim/fuzz_hostfacts.c sim/ndctl.c \
                              sim/xsdump.c sim/simdiag.c $(LR_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_FLAGS) -o $@ $^ $(SIM_LIBS)

.PHONY: check-sim-fuzz-hostfacts
check-sim-fuzz-hostfacts: $(BUILD)/fuzz/fuzz_hostfacts
	$(Q)rm -rf $(BUILD)/fuzz/hf-work && mkdir -p $(BUILD)/fuzz/hf-work
	$(Q)$< -runs=$(FUZZ_RUNS) -max_len=4096 -seed=1 \
	    -artifact_prefix=$(BUILD)/fuzz/ \
	    $(BUILD)/fuzz/hf-work tests/sim/fuzz-seeds/hostfacts \
	    2>$(BUILD)/fuzz/hf.log \
	    || { tail -50 $(BUILD)/fuzz/hf.log; exit 1; }
	$(Q)tail -1 $(BUILD)/fuzz/hf.log
CHECKS += check-sim-fuzz-hostfacts

# A whole xl.cfg through Debian's libxlutil and our extraction of it, on a
# real DMAR (tests/sim/fuzz_xlcfg.c); the layout's invariants checked.
$(BUILD)/fuzz/fuzz_xlcfg: tests/sim/fuzz_xlcfg.c sim/xlcfg.c sim/dmar.c \
                          sim/simdiag.c tests/core/invariants.c $(LR_SRCS)
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(FUZZ_FLAGS) -Itests/core -o $@ $^ $(SIM_LIBS)

.PHONY: check-sim-fuzz-xlcfg
check-sim-fuzz-xlcfg: $(BUILD)/fuzz/fuzz_xlcfg
	$(Q)rm -rf $(BUILD)/fuzz/xlcfg-work && mkdir -p $(BUILD)/fuzz/xlcfg-work
	$(Q)LSAN_OPTIONS=suppressions=tests/sim/lsan-libxlutil.supp:print_suppressions=0 \
	    $< -runs=$(XLCFG_FUZZ_RUNS) -max_len=4096 -seed=1 \
	    -artifact_prefix=$(BUILD)/fuzz/ -dict=tests/sim/fuzz_xlcfg.dict \
	    $(BUILD)/fuzz/xlcfg-work tests/sim/fuzz-seeds/xlcfg \
	    2>$(BUILD)/fuzz/xlcfg.log \
	    || { tail -50 $(BUILD)/fuzz/xlcfg.log; exit 1; }
	$(Q)tail -1 $(BUILD)/fuzz/xlcfg.log
CHECKS += check-sim-fuzz-xlcfg
XLCFG_FUZZ_RUNS ?= 20000

# The SVG maps (plan, compare): labels and ranges from the inputs, and
# rendered to PNG (rsvg-convert, librsvg2-bin) kept for a person to view.
.PHONY: check-sim-svg
check-sim-svg: $(XEN_LAYOUT)
	$(Q)python3 tests/sim/check-svg.py $(XEN_LAYOUT) $(BUILD)/tests/sim/svg
CHECKS += check-sim-svg
