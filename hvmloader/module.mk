# SPDX-License-Identifier: MIT
# hvmloader/: the glue compiled into Xen's hvmloader (libreserve.c), and
# its build check with hvmloader's flags against declarations that mimic
# hvmloader's util.h (hvmloader/compat/).  The hosted tests of the glue
# are in tests/hvmloader/.

HVM_GLUE_SRC  := hvmloader/libreserve.c
HVM_FREE_OBJ  := $(BUILD)/free-hvm/libreserve.o
# What hvmloader provides that the glue (and the core under it) may use.
HVM_ALLOWED   := $(FREE_ALLOWED) printf xenstore_read __bug scratch_alloc

$(HVM_FREE_OBJ): $(HVM_GLUE_SRC) hvmloader/libreserve.h \
                 $(wildcard hvmloader/compat/*.h)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(FREE_CFLAGS) -Wstrict-prototypes -Ihvmloader/compat \
	    -c $< -o $@

# The glue plus the engine and the ACPI builders, as hvmloader links them.
.PHONY: check-hvmloader-freestanding
check-hvmloader-freestanding: $(HVM_FREE_OBJ) \
        $(LR_SRCS:%.c=$(BUILD)/free/%.o) \
        $(ACPI_SRCS:acpi/%.c=$(BUILD)/free-acpi/%.o)
	$(Q)sh tests/core/freestanding-check.sh "$(HVM_ALLOWED)" $^

CHECKS += check-hvmloader-freestanding
