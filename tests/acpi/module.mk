# SPDX-License-Identifier: MIT
# tests/acpi/: AML golden bytes, NFIT/SSDT unit tests, mktables, iasl and
# acpiexec checks, fuzzing.

ACPI_T := $(BUILD)/tests/acpi

$(ACPI_T)/mktables: $(ACPI_T)/mktables.o $(ACPI_LIB) \
                    $(BUILD)/libreserve/status.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $^

BINS += $(ACPI_T)/mktables
