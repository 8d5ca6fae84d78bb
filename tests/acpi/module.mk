# SPDX-License-Identifier: MIT
# tests/acpi/: AML golden bytes, NFIT/SSDT unit tests, mktables, iasl and
# acpiexec checks, fuzzing.

ACPI_T := $(BUILD)/tests/acpi

$(ACPI_T)/mktables: $(ACPI_T)/mktables.o $(ACPI_LIB) \
                    $(BUILD)/libreserve/status.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $^

BINS += $(ACPI_T)/mktables

$(eval $(call lr_test,acpi/test_aml,$(ACPI_LIB)))

.PHONY: check-acpi-aml
check-acpi-aml: $(ACPI_T)/test_aml
	$(Q)$(ACPI_T)/test_aml

CHECKS += check-acpi-aml

$(eval $(call lr_test,acpi/test_tables,$(ACPI_LIB) \
                      $(BUILD)/libreserve/status.o))

.PHONY: check-acpi-tables
check-acpi-tables: $(ACPI_T)/test_tables
	$(Q)$(ACPI_T)/test_tables

CHECKS += check-acpi-tables

.PHONY: check-acpi-iasl
check-acpi-iasl: $(ACPI_T)/mktables
	$(Q)sh tests/acpi/check-iasl.sh $(ACPI_T)/mktables $(ACPI_T)/iasl

CHECKS += check-acpi-iasl

.PHONY: check-acpi-acpiexec
check-acpi-acpiexec: $(ACPI_T)/mktables
	$(Q)sh tests/acpi/check-acpiexec.sh $(ACPI_T)/mktables \
	    $(ACPI_T)/acpiexec

CHECKS += check-acpi-acpiexec
