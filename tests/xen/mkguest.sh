#!/bin/bash
# SPDX-License-Identifier: MIT
# Build (or reuse) the guest payload: a cpio that dom0 unpacks to /guest
# with the guest kernel (/guest/vmlinuz) and the guest initramfs
# (/guest/initrd.gz: busybox, the nvdimm modules, guest-init as /init),
# put together with the shared builder (tests/lib/initramfs.sh).  Cached in OUTDIR/guest-<key>.cpio.gz; prints its path.
# Usage: mkguest.sh OUTDIR
set -eu
. "$(dirname "$0")/lib.sh"
out=${1:?usage: mkguest.sh OUTDIR}
mkdir -p "$out"
kv=$(pick_kver)
kernel=/boot/vmlinuz-$kv
mods="libnvdimm nd_btt nd_pmem nfit"
modfiles=$(ir_mod_closure "$kv" $mods)
key=$(ir_key "$0" "$HERE/lib.sh" "$IR_LIB" "$HERE/guest-init" "$HERE/e9cat.c" /bin/busybox "$kernel" $modfiles)
img="$out/guest-$key.cpio.gz"
if [ -s "$img" ]; then echo "$img"; exit 0; fi

tmp=$(mktemp -d "$out/guest-root.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
r=$tmp/initrd
mkdir -p "$r"/{bin,sbin,proc,sys,dev,tmp,lib/modules}
ir_busybox "$r" links
ir_modules "$r" /lib/modules $modfiles >"$r/lib/modules/order"
sed -i 's|.*/||' "$r/lib/modules/order"
${CC:-gcc} -static -Os -s -o "$r/bin/e9cat" "$HERE/e9cat.c" || die "cannot build e9cat (gcc, libc6-dev)"
ir_init "$r" "$HERE/guest-init"
p=$tmp/payload
mkdir -p "$p/guest"
ir_pack "$r" "$p/guest/initrd.gz"
cp "$kernel" "$p/guest/vmlinuz"
ir_publish "$p" "$img" "$out/guest-*.cpio.gz"
echo "$img"
