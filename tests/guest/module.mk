# SPDX-License-Identifier: MIT
# tests/guest/: a real Linux guest (Debian's kernel under QEMU TCG) judges
# the NFIT and SSDT built by mktables.  One QEMU boot per check (two for
# labels), 5-12 s each; about 40 s for all four.  See docs/testing-guest.md.
#
#   make check-guest-pmem-low      one vNVDIMM below 4 GiB
#   make check-guest-pmem-two      two vNVDIMMs, one above 4 GiB (exactmap)
#   make check-guest-labels        in-band labels survive a reboot
#   make check-guest-negative      _ADR != NFIT handle gives no pmem
#   make check-guest-engine-low    the engine's layout, e820 and tables
#   make check-guest-engine-two    the same, with a vNVDIMM above 4 GiB
#
# GUEST_MKTABLES can point at another table builder with the same CLI.

GUEST_MKTABLES ?= $(BUILD)/tests/acpi/mktables
GUEST_CHECKS := check-guest-pmem-low check-guest-pmem-two check-guest-labels \
                check-guest-negative

.PHONY: $(GUEST_CHECKS)

$(GUEST_CHECKS): check-guest-%: $(GUEST_MKTABLES)
	$(Q)BUILD=$(BUILD) MKTABLES=$(GUEST_MKTABLES) bash tests/guest/check.sh $*

CHECKS += $(GUEST_CHECKS)

ENGINE_GUEST_CHECKS := check-guest-engine-low check-guest-engine-two
.PHONY: $(ENGINE_GUEST_CHECKS)
$(ENGINE_GUEST_CHECKS): check-guest-%: $(XEN_LAYOUT)
	$(Q)BUILD=$(BUILD) XEN_LAYOUT=$(XEN_LAYOUT) bash tests/guest/check.sh $*

CHECKS += $(ENGINE_GUEST_CHECKS)
