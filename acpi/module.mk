# SPDX-License-Identifier: MIT
# acpi/: freestanding AML builder, NFIT and vNVDIMM SSDT builders.

ACPI_SRCS      := $(wildcard acpi/*.c)
ACPI_HOST_OBJS := $(ACPI_SRCS:%.c=$(BUILD)/%.o)
ACPI_LIB       := $(BUILD)/libacpi-nvdimm.a

$(ACPI_LIB): $(ACPI_HOST_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

BINS += $(ACPI_LIB)

# The same sources with hvmloader's flags; the relocatable link must leave
# nothing undefined but $(FREE_ALLOWED).
ACPI_FREE_OBJS := $(ACPI_SRCS:acpi/%.c=$(BUILD)/free-acpi/%.o)

$(BUILD)/free-acpi/%.o: acpi/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(FREE_CFLAGS) -c $< -o $@

.PHONY: check-freestanding-acpi
check-freestanding-acpi: $(ACPI_FREE_OBJS)
	$(Q)ld -m elf_i386 -r -o $(BUILD)/free-acpi/acpi.o $(ACPI_FREE_OBJS)
	$(Q)undef=$$(nm -u $(BUILD)/free-acpi/acpi.o | awk '{print $$2}' | \
	    grep -vxF $(patsubst %,-e %,$(FREE_ALLOWED)) || true); \
	if [ -n "$$undef" ]; then \
	    echo "check-freestanding-acpi: undefined outside FREE_ALLOWED:" \
	        $$undef; exit 1; \
	fi; \
	echo "check-freestanding-acpi: $(words $(ACPI_FREE_OBJS)) objects," \
	    "undefined: $$(nm -u $(BUILD)/free-acpi/acpi.o | awk '{print $$2}' | \
	    tr '\n' ' ')"

CHECKS += check-freestanding-acpi

# The template of the vNVDIMM SSDT (nvdimm_ssdt_tpl.inc, what firmware
# links instead of the builder) is written by the builder itself:
# `make acpi-ssdt-template` rewrites it, check-acpi-ssdt-template fails
# when the committed file differs from what the builder gives now.
ACPI_TPL_GEN := $(BUILD)/acpi/gen/mkssdt_tpl

$(ACPI_TPL_GEN): $(BUILD)/acpi/gen/mkssdt_tpl.o $(ACPI_LIB) \
                 $(BUILD)/libreserve/status.o
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $^

.PHONY: acpi-ssdt-template check-acpi-ssdt-template
acpi-ssdt-template: $(ACPI_TPL_GEN)
	$(Q)$< >acpi/nvdimm_ssdt_tpl.inc.new
	$(Q)mv acpi/nvdimm_ssdt_tpl.inc.new acpi/nvdimm_ssdt_tpl.inc

check-acpi-ssdt-template: $(ACPI_TPL_GEN)
	$(Q)$< >$(BUILD)/acpi/nvdimm_ssdt_tpl.inc
	$(Q)if cmp -s $(BUILD)/acpi/nvdimm_ssdt_tpl.inc acpi/nvdimm_ssdt_tpl.inc; \
	then echo "check-acpi-ssdt-template: acpi/nvdimm_ssdt_tpl.inc is" \
	    "what the builder gives"; \
	else diff -u acpi/nvdimm_ssdt_tpl.inc $(BUILD)/acpi/nvdimm_ssdt_tpl.inc | \
	    head -40; echo "check-acpi-ssdt-template: STALE, run" \
	    "make acpi-ssdt-template"; exit 1; fi

CHECKS += check-acpi-ssdt-template
