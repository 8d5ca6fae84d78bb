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

# The Xen patch series: format always; with a Xen tree, git am and a
# comparison of the imported files (libxc-patches/check-series.sh).
.PHONY: check-libxc-patches
check-libxc-patches:
	$(Q)sh libxc-patches/check-series.sh

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
