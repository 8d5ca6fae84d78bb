# SPDX-License-Identifier: MIT
# libreserve/: the freestanding engine.

LR_SRCS      := $(wildcard libreserve/*.c)
LR_HOST_OBJS := $(LR_SRCS:%.c=$(BUILD)/%.o)
LR_LIB       := $(BUILD)/libreserve.a

$(LR_LIB): $(LR_HOST_OBJS)
	$(Q)rm -f $@ && ar rcs $@ $^

BINS += $(LR_LIB)
