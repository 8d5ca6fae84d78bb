#!/bin/bash
# SPDX-License-Identifier: MIT
# Build (or reuse) the dom0 initramfs: busybox, the Xen toolstack daemons,
# xl, libxl-save-helper, hvmloader, SeaBIOS, the qemu-xen device model and
# the full shared-library closure of every binary, the Xen dom0 modules, and
# dom0-init as /init, put together with the shared builder
# (tests/lib/initramfs.sh).  Cached in OUTDIR/dom0-<key>.cpio.gz, key =
# content of every input file; prints the path of the archive.
# Usage: mkdom0.sh OUTDIR
set -eu
. "$(dirname "$0")/lib.sh"
out=${1:?usage: mkdom0.sh OUTDIR}
mkdir -p "$out"
kv=$(pick_kver)

bins="/bin/busybox $XEN_LIB/bin/xl $XEN_LIB/bin/xenstored $XEN_LIB/bin/xenconsoled
      $XEN_LIB/bin/xen-init-dom0 $XEN_LIB/bin/libxl-save-helper $XEN_LIB/bin/xenstore-control
      $DM"
# Files libxl and the device model read at run time (not ELF).
data="$XEN_LIB/boot/hvmloader /usr/share/seabios/bios-256k.bin
      /usr/share/qemu/linuxboot_dma.bin /usr/share/qemu/linuxboot.bin
      /usr/share/qemu/keymaps/en-us"
mods="xen-evtchn xen-privcmd xen-gntdev xen-gntalloc xenfs"

for f in $bins $data; do [ -e "$f" ] || die "missing $f (make deps-xen)"; done
libs=$(ir_elf_libs $bins)
modfiles=$(ir_mod_closure "$kv" $mods)
key=$(ir_key "$0" "$HERE/lib.sh" "$IR_LIB" "$HERE/dom0-init" $bins $data $libs $modfiles)
img="$out/dom0-$key.cpio.gz"
if [ -s "$img" ]; then echo "$img"; exit 0; fi

root=$(mktemp -d "$out/dom0-root.XXXXXX")
trap 'rm -rf "$root"' EXIT
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,dev,run,tmp,etc,root,var/lib,var/log/xen,lr}
ir_copy_elf_closure "$root" $bins
ir_copy "$root" $data
# Load order for dom0-init: the closure order (dependencies first).
ir_modules "$root" "/lib/modules/$kv/extra" $modfiles >"$root/lr/modules.order"
sed -i 's|.*/||' "$root/lr/modules.order"
echo "$kv" >"$root/lr/kver"
ir_init "$root" "$HERE/dom0-init"
ln -s /run "$root/var/run"
mkdir -p "$root/var/lock"
# Applets as links so xl's popen("...") and scripts find them on PATH.
ir_busybox "$root" links
mkdir -p "$root/etc/xen"
: >"$root/etc/xen/xl.conf"      # xl wants it; defaults are fine
echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
echo "root:x:0:" >"$root/etc/group"
ir_publish "$root" "$img" "$out/dom0-*.cpio.gz"   # one dom0 image in the cache at a time
echo "$img"
