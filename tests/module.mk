# SPDX-License-Identifier: MIT
# tests/: unit tests, freestanding build check, corpus runs.  Each area
# under tests/ has its own fragment.

CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null || echo -lcmocka)

# A CMocka test binary from tests/<name>.c linked with the given libraries:
# $(call lr_test,name,libs)
define lr_test
$(BUILD)/tests/$(1): $(BUILD)/tests/$(1).o $(2)
	@mkdir -p $$(dir $$@)
	$$(Q)$$(CC) $$(HOST_LDFLAGS) -o $$@ $$^ $$(CMOCKA_LIBS)
endef

-include $(wildcard tests/*/module.mk)
