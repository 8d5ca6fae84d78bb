#!/bin/bash
# SPDX-License-Identifier: MIT
# Build (or reuse) the guest payload: a cpio that dom0 unpacks to /guest
# with the guest kernel (/guest/vmlinuz) and the guest initramfs
# (/guest/initrd.gz: busybox, the nvdimm modules, guest-init as /init).
# Cached in OUTDIR/guest-<key>.cpio.gz; prints its path.
# Usage: mkguest.sh OUTDIR
set -eu
. "$(dirname "$0")/lib.sh"
out=${1:?usage: mkguest.sh OUTDIR}
mkdir -p "$out"
kv=$(pick_kver)
kernel=/boot/vmlinuz-$kv
mods="libnvdimm nd_btt nd_pmem nfit"
modfiles=$(mod_closure "$kv" $mods)
key=$(content_key "$0" "$HERE/lib.sh" "$HERE/guest-init" "$HERE/e9cat.c" /bin/busybox "$kernel" $modfiles)
img="$out/guest-$key.cpio.gz"
if [ -s "$img" ]; then echo "$img"; exit 0; fi

tmp=$(mktemp -d "$out/guest-root.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
r=$tmp/initrd
mkdir -p "$r"/{bin,sbin,proc,sys,dev,tmp,lib/modules}
cp /bin/busybox "$r/bin/busybox"
for a in $(/bin/busybox --list); do
    [ -e "$r/bin/$a" ] || ln -s busybox "$r/bin/$a"
done
for m in $modfiles; do copy_module "$m" "$r/lib/modules"; done
for m in $modfiles; do basename "$m" | sed 's/\.ko.*$/.ko/'; done >"$r/lib/modules/order"
${CC:-gcc} -static -Os -s -o "$r/bin/e9cat" "$HERE/e9cat.c" || die "cannot build e9cat (gcc, libc6-dev)"
cp "$HERE/guest-init" "$r/init"
chmod 755 "$r/init"
p=$tmp/payload
mkdir -p "$p/guest"
pack_cpio "$r" "$p/guest/initrd.gz"
cp "$kernel" "$p/guest/vmlinuz"
rm -f "$out"/guest-*.cpio.gz
pack_cpio "$p" "$img"
echo "$img"
