# SPDX-License-Identifier: MIT
# sim/: xen-layout, the admin simulator (hosted only).  The readers and
# renderers go into libsim.a so that tests and fuzz targets link them
# without the CLI's main().

SIM_LIB_SRCS := sim/dmar.c sim/simdiag.c sim/xlcfg.c sim/iomem.c sim/ndctl.c \
                sim/xsdump.c sim/pcidev.c sim/render_svg.c
SIM_LIB_OBJS := $(SIM_LIB_SRCS:%.c=$(BUILD)/%.o)
SIM_LIB      := $(BUILD)/libsim.a

$(SIM_LIB): $(SIM_LIB_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

# Debian's libraries: libxlutil (xl's own config parser), json-c.
SIM_LIBS := -lxlutil -lxenlight -lxenstore $(shell pkg-config --libs json-c 2>/dev/null \
            || echo -ljson-c)

# The CLI: argument parsing and the command table (xen-layout.c), one
# file per command (cmd_*.c) and per output format (fmt_*.c), and what
# they share (docs/design.md, "sim/").
XEN_LAYOUT_SRCS := sim/xen-layout.c sim/run.c sim/run_xenstore.c \
                   sim/backends.c sim/text.c sim/json_out.c \
                   sim/guest_e820.c sim/nvdimm_tables.c sim/formats.c \
                   $(sort $(wildcard sim/cmd_*.c sim/fmt_*.c))
XEN_LAYOUT := $(BUILD)/xen-layout

$(XEN_LAYOUT): $(XEN_LAYOUT_SRCS:%.c=$(BUILD)/%.o) $(SIM_LIB) $(ACPI_LIB) \
               $(LR_LIB)
	$(Q)$(CC) $(HOST_LDFLAGS) -o $@ $^ $(SIM_LIBS)

BINS += $(XEN_LAYOUT)
