# SPDX-License-Identifier: MIT
# tests/guest/: a real Linux guest (Debian's kernel under QEMU TCG) judges
# the NFIT and SSDT built by mktables.  One QEMU boot per check (two for
# labels), 5-12 s each; about 40 s for all four.  See docs/testing-guest.md.
#
#   make check-guest-pmem-low      one vNVDIMM below 4 GiB
#   make check-guest-pmem-two      two vNVDIMMs, one above 4 GiB (exactmap)
#   make check-guest-labels        in-band labels survive a reboot
#   make check-guest-negative      _ADR != NFIT handle gives no pmem
#
# GUEST_MKTABLES can point at another table builder with the same CLI.

GUEST_MKTABLES ?= $(BUILD)/tests/acpi/mktables
GUEST_CHECKS := check-guest-pmem-low check-guest-pmem-two check-guest-labels \
                check-guest-negative

.PHONY: $(GUEST_CHECKS)

$(GUEST_CHECKS): check-guest-%: $(GUEST_MKTABLES)
	$(Q)BUILD=$(BUILD) MKTABLES=$(GUEST_MKTABLES) bash tests/guest/check.sh $*

CHECKS += $(GUEST_CHECKS)
