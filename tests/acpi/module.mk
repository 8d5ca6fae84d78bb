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
	$(Q)sh tests/acpi/check-iasl.sh $(ACPI_T)/mktables $(ACPI_T)/iasl \
	    docs/acpi.md

CHECKS += check-acpi-iasl

.PHONY: check-acpi-acpiexec
check-acpi-acpiexec: $(ACPI_T)/mktables
	$(Q)sh tests/acpi/check-acpiexec.sh $(ACPI_T)/mktables \
	    $(ACPI_T)/acpiexec

CHECKS += check-acpi-acpiexec

# libFuzzer: random vNVDIMM sets through both builders, bytes through the
# NFIT reader.  Bounded run as a check.
ACPI_FUZZ_CFLAGS := -std=gnu11 -g -O1 -fsanitize=fuzzer,address,undefined \
                    -fno-sanitize-recover=all -Ilibreserve/include \
                    -Iacpi/include

$(BUILD)/fuzz/fuzz_tables: tests/acpi/fuzz_tables.c $(ACPI_SRCS) \
                           libreserve/status.c
	@mkdir -p $(dir $@)
	$(Q)$(CLANG) $(ACPI_FUZZ_CFLAGS) -o $@ $^

.PHONY: check-fuzz-acpi
check-fuzz-acpi: $(BUILD)/fuzz/fuzz_tables
	@mkdir -p $(BUILD)/fuzz/corpus-acpi
	$(Q)$< -runs=20000 -seed=1 -max_len=2048 $(BUILD)/fuzz/corpus-acpi \
	    2>$(BUILD)/fuzz/fuzz_tables.log || \
	    { tail -40 $(BUILD)/fuzz/fuzz_tables.log; exit 1; }
	$(Q)tail -1 $(BUILD)/fuzz/fuzz_tables.log

CHECKS += check-fuzz-acpi
