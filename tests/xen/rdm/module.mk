# SPDX-License-Identifier: MIT
# tests/xen/rdm: libxl's RDM path judged with real reserved regions.  Xen
# boots with QEMU's emulated VT-d and the regions of tests/xen/rdm/regions
# declared with rmrr= (tests/xen/run.sh --iommu), so
# XENMEM_reserved_device_memory_map returns them and rdm="strategy=host"
# sees them; xen-layout gets the same regions as a DMAR table (mkdmar).
# Two Xen boots, kept while their inputs are unchanged (run-rdm.sh): the
# stock toolstack, and the patched one (tests/xen/build-patched.sh).
#
#   check-xen-rdm-stock   stock xl/libxl: relaxed with one region dropped
#                         and one reserved, rdm_mem_boundary with both
#                         reserved, policy= ignored by stock xl: hvmloader's
#                         E820 and libxl's warnings as xen-compat predicts
#   check-xen-rdm-strict  the fixed xl (series patch 7), policy=strict: xl
#                         create fails exactly when xen-layout says
#   check-xen-rdm-layout  rdm_layout punch and pack on the same regions:
#                         all reserved, no RAM lost, E820 and populated RAM
#                         as xen-layout's, hvmloader agrees

XEN_RDM_DIR := $(XEN_DIR)/rdm
XEN_MKDMAR  := $(BUILD)/xen/rdm-bin/mkdmar

$(XEN_MKDMAR): $(XEN_RDM_DIR)/mkdmar.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) -std=gnu11 -O2 -Wall -Wextra -Werror -o $@ $<

.PHONY: check-xen-rdm-stock check-xen-rdm-strict check-xen-rdm-layout

check-xen-rdm-stock: $(BUILD)/xen-layout $(XEN_MKDMAR)
	$(Q)BUILD=$(BUILD) $(XEN_RDM_DIR)/run-rdm.sh stock $(BUILD)/xen/rdm-stock
	$(Q)$(XEN_RDM_DIR)/check-rdm.sh stock $(BUILD)/xen/rdm-stock $(BUILD)/xen-layout $(XEN_MKDMAR)

check-xen-rdm-strict check-xen-rdm-layout: check-xen-rdm-%: $(BUILD)/xen-layout $(XEN_MKDMAR)
	$(Q)BUILD=$(BUILD) $(XEN_RDM_DIR)/run-rdm.sh patched $(BUILD)/xen/rdm-patched
	$(Q)$(XEN_RDM_DIR)/check-rdm.sh $* $(BUILD)/xen/rdm-patched $(BUILD)/xen-layout $(XEN_MKDMAR)

CHECKS += check-xen-rdm-stock check-xen-rdm-strict check-xen-rdm-layout
