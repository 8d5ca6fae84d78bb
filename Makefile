# SPDX-License-Identifier: MIT
# libreserve: one entry point.
#   make            build everything (library, tools)
#   make check      install missing packages, run every test (README)
#   make demo       install missing packages, run the bundled example
#   make bench      print throughput and quality figures
#
# Each folder adds its own rules in <folder>/module.mk.  A test is a phony
# target named check-<something> appended to CHECKS; tests/run-checks.sh
# runs them all and prints one summary line.

BUILD     ?= build
CC        ?= gcc
CLANG     ?= clang
SHARED    ?= $(abspath ../shared)
Q         ?= @

# Hosted builds (tests, CLI): gnu11, warnings are errors, ASan + UBSan.
SAN        = -fsanitize=address,undefined -fno-omit-frame-pointer \
             -fno-sanitize-recover=all
WARN       = -Wall -Wextra -Werror -Wno-unused-parameter \
             -Wno-missing-field-initializers
HOST_CFLAGS = -std=gnu11 -g -O1 $(WARN) $(SAN) \
             -Ilibreserve/include -Iacpi/include -Ihvmloader -Isim
HOST_LDFLAGS = $(SAN)

# hvmloader's own flags for the freestanding core (tools/firmware/hvmloader).
FREE_CFLAGS = -m32 -march=i686 -ffreestanding -nostdinc -fno-pic \
             -mregparm=3 -msoft-float -fno-stack-protector -std=gnu99 \
             -O2 -Wall -Werror -fno-builtin -Ihvmloader/freestanding \
             -Ilibreserve/include -Iacpi/include
# Symbols the freestanding core may leave undefined.
FREE_ALLOWED = memcpy memset memcmp memmove strlen

CHECKS :=
BINS   :=

.PHONY: all check demo bench deps deps-guest deps-xen clean list-checks
all:

include libreserve/module.mk
-include acpi/module.mk
-include hvmloader/module.mk
-include sim/module.mk
include tests/module.mk

all: $(BINS)

deps:
	$(Q)sh tests/deps.sh build

deps-guest:
	$(Q)sh tests/deps.sh guest

deps-xen:
	$(Q)sh tests/deps.sh xen

check: deps-xen
	$(Q)sh tests/run-checks.sh $(CHECKS)

# The checks make check runs, one a line.
list-checks:
	@printf '%s\n' $(CHECKS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_CFLAGS) -MMD -MP -c $< -o $@

# The main job on a bundled real machine: a 4 GiB guest with the iGPU and
# USB controller of a Dell XPS 15 9500 passed through.
DEMO_CFG  := docs/examples/igpu-usb-4g.cfg
DEMO_DMAR := tests/data/dmar-corpus/dmar/lhw-0EF135BA6BB4.dmar.bin
demo: deps $(XEN_LAYOUT)
	@echo "== libreserve (punch): layout and diagnostics"
	$(Q)$(XEN_LAYOUT) plan --config $(DEMO_CFG) --dmar $(DEMO_DMAR) 2>&1
	@echo; echo "== the guest's e820 (as hvmloader hands it to SeaBIOS)"
	$(Q)$(XEN_LAYOUT) plan --config $(DEMO_CFG) --dmar $(DEMO_DMAR) \
	    --format e820 2>/dev/null
	@echo; echo "== what stock Xen 4.17 does with the same guest"
	$(Q)$(XEN_LAYOUT) plan --config $(DEMO_CFG) --dmar $(DEMO_DMAR) \
	    --strategy xen-compat 2>&1
	@echo; echo "== all strategies side by side"
	$(Q)$(XEN_LAYOUT) compare --config $(DEMO_CFG) --dmar $(DEMO_DMAR) 2>&1

clean:
	rm -rf $(BUILD)

-include $(shell find $(BUILD) -name '*.d' 2>/dev/null)
