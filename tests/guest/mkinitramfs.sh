#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the guest initramfs from the Debian packages installed on this host
# and print its path; the steps are tests/lib/initramfs.sh's (the builder
# the real-Xen harness uses too).  Cached by content: the name carries the
# key of every input (this script, the builder, the /init template,
# busybox, the kernel modules, ndctl and its libraries), so a repeated run
# costs one sha256sum pass.
#
# Usage: mkinitramfs.sh OUTDIR KVER [ndctl]
#   OUTDIR  where initramfs-<variant>-<key>.cpio is kept (e.g. build/guest)
#   KVER    kernel version whose /lib/modules/KVER/modules.dep is used
#   ndctl   also pack /usr/bin/ndctl and its ldd closure (label tests)
#
# Contents: /bin/busybox (busybox-static; /init installs its applets),
# /init (tests/guest/init.sh), the modules libnvdimm nd_btt nd_pmem nfit and
# their dependencies from modules.dep in /lib/modules, listed in load order
# in /etc/lrg-modules.
set -eu

out=$1
kver=$2
variant=${3:-base}
here=$(cd "$(dirname "$0")" && pwd)
IR_WHO=mkinitramfs
. "$here/../lib/initramfs.sh"

mods=$(ir_mod_closure "$kver" libnvdimm nd_btt nd_pmem nfit)
elfs=""
if [ "$variant" = ndctl ]; then
    elfs=$(command -v ndctl) || ir_die "no ndctl (package ndctl)"
fi
# shellcheck disable=SC2086 # word lists
key=$(ir_key "$here/mkinitramfs.sh" "$here/../lib/initramfs.sh" "$here/init.sh" \
      /bin/busybox $mods $elfs $(ir_elf_libs $elfs))
img=$out/initramfs-$variant-$key.cpio
if [ -f "$img" ]; then
    echo "$img"
    exit 0
fi

mkdir -p "$out"
stage=$(mktemp -d "$out/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/sbin" "$stage/usr/bin" "$stage/usr/sbin" "$stage/etc" \
         "$stage/proc" "$stage/sys" "$stage/dev" "$stage/tmp" "$stage/lib/modules"
ir_busybox "$stage"
ir_init "$stage" "$here/init.sh"
# shellcheck disable=SC2086
ir_modules "$stage" /lib/modules $mods >"$stage/etc/lrg-modules"
# shellcheck disable=SC2086
[ -z "$elfs" ] || ir_copy_elf_closure "$stage" $elfs
ir_publish "$stage" "$img" "$out/initramfs-$variant-*.cpio*"
echo "$img"
