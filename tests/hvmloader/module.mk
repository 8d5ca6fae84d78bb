# SPDX-License-Identifier: MIT
# tests/hvmloader/: hvmloader/libreserve.c in a hosted hvmloader
# environment (util.h, hvm_env.c) with CMocka; the patch series check.

HVMT_DIR    := tests/hvmloader
HVMT_BUILD  := $(BUILD)/tests/hvmloader
HVMT_CFLAGS := $(HOST_CFLAGS) -I$(HVMT_DIR) -Itests/xenstore

$(HVMT_BUILD)/%.o: $(HVMT_DIR)/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HVMT_CFLAGS) -MMD -MP -c $< -o $@

# The glue under test, built against the hosted util.h.
$(HVMT_BUILD)/glue.o: hvmloader/libreserve.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HVMT_CFLAGS) -MMD -MP -c $< -o $@

$(HVMT_BUILD)/test_hvmloader: $(HVMT_BUILD)/test_hvmloader.o \
        $(HVMT_BUILD)/glue.o $(HVMT_BUILD)/hvm_env.o \
        $(BUILD)/tests/xenstore/xs_hosted.o $(SIM_LIB) $(LR_LIB) $(ACPI_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) -lxenstore

.PHONY: check-hvmloader
check-hvmloader: $(HVMT_BUILD)/test_hvmloader
	$(Q)$<

CHECKS += check-hvmloader

# The Xen patch series: format, and the files it imports equal this
# repository's (libxc-patches/check-series.sh; no Xen tree needed).  That it
# applies to Debian's Xen source and builds: check-xen-patched-build.
.PHONY: check-libxc-patches libxc-patches
check-libxc-patches:
	$(Q)sh libxc-patches/check-series.sh

# Regenerate the series from the current libreserve/, acpi/ and
# hvmloader/libreserve.{c,h} on Debian's Xen source (libxc-patches/regen.sh;
# LIBXC_TREE=DIR keeps the scratch git tree there for editing other files).
libxc-patches:
	$(Q)libxc-patches/regen.sh $(if $(LIBXC_TREE),--tree $(LIBXC_TREE))

CHECKS += check-libxc-patches

# The same property against a real xenstored (libxenstore on the builder
# side, xenstore_read over libxenstore and a real `xenstore-ls -f` dump on
# hvmloader's side).
$(HVMT_BUILD)/test_hvmloader_live: $(HVMT_BUILD)/test_hvmloader_live.o \
        $(HVMT_BUILD)/glue.o $(HVMT_BUILD)/hvm_env.o \
        $(BUILD)/tests/xenstore/xs_hosted.o $(SIM_LIB) $(LR_LIB) $(ACPI_LIB)
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) -lxenstore

.PHONY: check-hvmloader-live
check-hvmloader-live: $(HVMT_BUILD)/test_hvmloader_live
	$(Q)tests/xenstore/with-xenstored.sh $<

CHECKS += check-hvmloader-live
