# SPDX-License-Identifier: MIT
# tests/fuzz/: `make fuzz-long`, every libFuzzer target for FUZZ_SECONDS
# each on a corpus kept between runs (docs/fuzzing.md).  Not a check: the
# short bounded runs are the check-*-fuzz* targets of each area.

FUZZ_SECONDS ?= 300
FUZZ_CPU_SECONDS ?= 0
FUZZ_CORPUS  ?= $(HOME)/.cache/libreserve/fuzz
FUZZ_TARGETS ?= dmar iomem hostfacts vnvdimm xlcfg xs layout acpi

FUZZ_BINS := $(addprefix $(BUILD)/fuzz/,fuzz_dmar fuzz_iomem \
             fuzz_hostfacts fuzz_vnvdimm fuzz_xlcfg fuzz_xs fuzz_layout \
             fuzz_tables)

.PHONY: fuzz-long fuzz-ledger
fuzz-long: $(FUZZ_BINS)
	$(Q)FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_CPU_SECONDS=$(FUZZ_CPU_SECONDS) \
	    FUZZ_CORPUS=$(FUZZ_CORPUS) \
	    BUILD=$(BUILD) sh tests/fuzz/fuzz-long.sh $(FUZZ_TARGETS)

# What every fuzz-long run so far added up to, per target.
fuzz-ledger:
	$(Q)FUZZ_CORPUS=$(FUZZ_CORPUS) sh tests/fuzz/fuzz-ledger.sh
