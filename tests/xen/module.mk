# SPDX-License-Identifier: MIT
# tests/xen: a real Xen 4.17 (Debian's, under QEMU TCG, PV dom0) judges our
# claims about HVM guest layout.  See docs/testing-xen.md.
#
#   make xen-run CFG="tests/xen/guests/stock-256m.cfg ..." [HVMLOADER=/path]
#        [XEN_OUT=dir] [XEN_RUN_ARGS="--guest-timeout 400 ..."]
#   make check-xen-stock       the four stock guests boot; hvmloader printed
#                              an E820 table and each guest reached its init
#   make check-xen-e820-predict  $(BUILD)/xen-layout predicts hvmloader's
#                              E820 table entry for entry
#   make check-xen-vnvdimm     vNVDIMM on stock Xen: iomem= + acpi_firmware=
#                              with mktables' NFIT/SSDT; /dev/pmem0 at the
#                              planned address, data in the host file
#   make check-xen-vnvdimm-layout  the same planned by xen-layout in dom0,
#                              ndctl labels across two guests, dom0's own
#                              binding refused (in CHECKS; it replaces
#                              check-xen-vnvdimm there, which stays a
#                              target: same mapping, mktables' tables)
# One Xen boot runs all the stock guests in sequence; its result directory
# is shared by both checks and rebuilt only when an input changes.

XEN_DIR      := tests/xen
# What a stock run's result depends on (not the checks that read it).
XEN_SCRIPTS  := $(addprefix $(XEN_DIR)/,run.sh lib.sh mkdom0.sh mkguest.sh collect.sh \
                 e820-norm.sh dom0-init guest-init e9cat.c) tests/lib/initramfs.sh
XEN_STOCK    := $(sort $(wildcard $(XEN_DIR)/guests/stock-*.cfg))
XEN_STOCK_OUT = $(BUILD)/xen/stock
# Installed Xen pieces: a package update re-runs the stock boot.
XEN_SYSTEM   := $(wildcard /boot/xen-4.17-amd64.gz /usr/lib/xen-4.17/boot/hvmloader \
                 /usr/libexec/xen-qemu-system-i386)
XEN_OUT      ?= $(BUILD)/xen/run
HVMLOADER    ?=

.PHONY: xen-run xen-images check-xen-stock check-xen-e820-predict check-xen-vnvdimm \
        check-xen-vnvdimm-layout

xen-images:
	$(Q)$(XEN_DIR)/mkdom0.sh $(BUILD)/xen && $(XEN_DIR)/mkguest.sh $(BUILD)/xen

xen-run:
	$(Q)test -n "$(CFG)" || { echo "usage: make xen-run CFG=tests/xen/guests/stock-256m.cfg [HVMLOADER=/path/hvmloader]" >&2; exit 2; }
	$(Q)BUILD=$(BUILD) $(XEN_DIR)/run.sh --out $(XEN_OUT) \
	    $(if $(HVMLOADER),--hvmloader $(HVMLOADER)) $(XEN_RUN_ARGS) $(CFG)

# The stamp exists only after a run where every guest passed.
$(XEN_STOCK_OUT).ok: $(XEN_STOCK) $(XEN_SCRIPTS) $(XEN_SYSTEM)
	$(Q)rm -f $@
	$(Q)BUILD=$(BUILD) $(XEN_DIR)/run.sh --out $(XEN_STOCK_OUT) $(XEN_RUN_ARGS) $(XEN_STOCK)
	$(Q)touch $@

check-xen-stock: $(XEN_STOCK_OUT).ok
	$(Q)cat $(XEN_STOCK_OUT)/summary.txt
	$(Q)n=$$(grep -c ' ok$$' $(XEN_STOCK_OUT)/summary.txt); \
	    test "$$n" -eq $(words $(XEN_STOCK)) || { echo "check-xen-stock: $$n of $(words $(XEN_STOCK)) guests ok" >&2; exit 1; }

# Fails (does not skip) when the simulator has not been built.
check-xen-e820-predict: $(XEN_STOCK_OUT).ok $(BUILD)/xen-layout
	$(Q)$(XEN_DIR)/check-predict.sh $(BUILD)/xen-layout $(XEN_STOCK_OUT) $(XEN_DIR)/guests

check-xen-vnvdimm: $(BUILD)/tests/acpi/mktables
	$(Q)BUILD=$(BUILD) $(XEN_DIR)/vnvdimm.sh $(BUILD)/tests/acpi/mktables $(BUILD)/xen/vnvdimm $(XEN_RUN_ARGS)

# xen-layout without ASan, to run inside dom0 (ASan's shadow memory does not
# fit a 1 GiB PV dom0 well and its runtime is not in dom0's image).
XEN_LAYOUT_PLAIN := $(BUILD)/xen/plain/xen-layout
$(XEN_LAYOUT_PLAIN): FORCE_XEN_PLAIN
	$(Q)$(MAKE) --no-print-directory BUILD=$(BUILD)/xen/plain SAN= $@
.PHONY: FORCE_XEN_PLAIN

# vNVDIMM driven by xen-layout in dom0, in-band labels across two guests,
# dom0's own binding refused: one Xen boot, three verdicts (plan, labels,
# safety), about 4 min.  (Labels first failed here: xen-layout's NFIT had
# control-region serial 0; it now derives a stable non-zero one.)
check-xen-vnvdimm-layout: $(XEN_LAYOUT_PLAIN) $(BUILD)/xen-layout
	$(Q)BUILD=$(BUILD) $(XEN_DIR)/nvdimm-labels.sh $(XEN_LAYOUT_PLAIN) $(BUILD)/xen-layout \
	    $(BUILD)/xen/nvdimm $(XEN_RUN_ARGS)

CHECKS += check-xen-stock check-xen-e820-predict check-xen-vnvdimm-layout

# The patched Xen (docs/integration.md): Debian's xen source package with
# libxc-patches/ applied, built at test time (tests/xen/build-patched.sh,
# cached by the series' content in /var/cache/libreserve), and booted in one
# Xen run with every guest of tests/xen/patched/guests (run-patched.sh, its
# result kept while its inputs are unchanged).  Each scenario is a check of
# its own on that run (tests/xen/patched/check-patched.sh).
XEN_PATCHED_DIR := $(XEN_DIR)/patched
XEN_PATCHED_OUT  = $(BUILD)/xen/patched

.PHONY: check-xen-patched-build xen-patched-run check-xen-patched-layout \
        check-xen-patched-stock check-xen-patched-vnvdimm check-xen-patched-mismatch \
        check-xen-patched-bars

# Applies and builds the series; prints the wall time and the sizes.
check-xen-patched-build:
	$(Q)t0=$$(date +%s); d=$$($(XEN_DIR)/build-patched.sh) && \
	    echo "patched Xen tools: $$d ($$(( $$(date +%s) - t0 )) s wall here)" && \
	    sed 's/^/  /' $$d/build-info.txt && \
	    echo "  stock hvmloader (Debian): $$(stat -c %s /usr/lib/xen-4.17/boot/hvmloader) bytes"

xen-patched-run:
	$(Q)BUILD=$(BUILD) $(XEN_PATCHED_DIR)/run-patched.sh $(XEN_PATCHED_OUT)

check-xen-patched-layout check-xen-patched-stock check-xen-patched-vnvdimm \
check-xen-patched-mismatch check-xen-patched-bars: check-xen-patched-%: $(BUILD)/xen-layout
	$(Q)BUILD=$(BUILD) $(XEN_PATCHED_DIR)/run-patched.sh $(XEN_PATCHED_OUT)
	$(Q)$(XEN_PATCHED_DIR)/check-patched.sh $* $(XEN_PATCHED_OUT) $(BUILD)/xen-layout

CHECKS += check-xen-patched-build check-xen-patched-layout check-xen-patched-stock \
          check-xen-patched-vnvdimm check-xen-patched-mismatch check-xen-patched-bars

# vNVDIMMs through xl and libxl (the patched toolstack): a guest config with
# only vnvdimms= (tests/xen/patched/vnvdimm-xl.cfg), one Xen boot with the
# outer NVDIMM: refused while dom0 binds the namespace, two guests (labels
# created, then found again), a second guest on the same backend refused
# while the first runs.  Planned (xen-layout) vs actual printed.  The
# hypervisor is the series' own (its pmem ownership: dom0 and an iomem=
# guest refused while guest 1 owns the frames, write-back NPT entries);
# -debian-xen boots Debian's 4.17 with the same tools: the uncached
# fallback and its warning.
.PHONY: check-xen-vnvdimm-xl check-xen-vnvdimm-xl-debian-xen
check-xen-vnvdimm-xl: $(BUILD)/xen-layout
	$(Q)BUILD=$(BUILD) $(XEN_PATCHED_DIR)/vnvdimm-xl.sh $(BUILD)/xen-layout \
	    $(BUILD)/xen/vnvdimm-xl --hypervisor patched $(XEN_RUN_ARGS)
check-xen-vnvdimm-xl-debian-xen: $(BUILD)/xen-layout
	$(Q)BUILD=$(BUILD) $(XEN_PATCHED_DIR)/vnvdimm-xl.sh $(BUILD)/xen-layout \
	    $(BUILD)/xen/vnvdimm-xl-debian-xen --hypervisor debian $(XEN_RUN_ARGS)

CHECKS += check-xen-vnvdimm-xl check-xen-vnvdimm-xl-debian-xen

# Real reserved regions (IOMMU on): tests/xen/rdm/module.mk.
-include $(XEN_DIR)/rdm/module.mk
