# SPDX-License-Identifier: MIT
# Shared settings of the real-Xen harness (sourced, not run).
# Everything comes from Debian packages installed on the host; nothing is
# downloaded and nothing of Xen is built.

XEN_VER=${XEN_VER:-4.17}
XEN_LIB=/usr/lib/xen-$XEN_VER
XEN_GZ=${XEN_GZ:-/boot/xen-$XEN_VER-amd64.gz}
DM=/usr/libexec/xen-qemu-system-i386
HERE=$(cd "$(dirname "$0")" && pwd)

die() { echo "xen-harness: $*" >&2; exit 1; }

# The image steps are the shared builder's (tests/lib/initramfs.sh); its
# failures read "xen-harness: ...".
IR_WHO=xen-harness
IR_LIB=$(cd "$(dirname "${BASH_SOURCE[0]}")/../lib" && pwd)/initramfs.sh
. "$IR_LIB"

# The dom0 and guest kernel: $KVER, else the newest one with its modules.
pick_kver() {
    if [ -n "${KVER:-}" ]; then echo "$KVER"; else ir_kver; fi
}
