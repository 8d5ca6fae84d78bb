#!/bin/sh
# SPDX-License-Identifier: MIT
# Extract the uncompressed kernel (ELF vmlinux) from a bzImage and print its
# path, cached by the bzImage's hash.  QEMU boots such an ELF through its
# PVH entry point, which skips the in-guest decompression: under TCG that
# halves a boot (about 16 s -> 8 s on a loaded 2-core machine).
#
# Usage: vmlinux.sh OUTDIR BZIMAGE
# Exit 1 (nothing printed) when no compressed payload decompresses to an ELF
# with a PVH entry note (XEN_ELFNOTE_PHYS32_ENTRY, type 18): the caller then
# boots the bzImage itself.
set -eu

out=$1
bz=$2
key=$(sha256sum "$bz" | cut -c1-16)
elf=$out/vmlinux-$key
if [ -f "$elf" ]; then
    echo "$elf"
    exit 0
fi
mkdir -p "$out"
tmp=$(mktemp "$out/vmlinux.XXXXXX")
trap 'rm -f "$tmp"' EXIT

# Like the kernel's scripts/extract-vmlinux: try every compression magic.
try() {
    # $1: magic (grep -P), $2: decompressor reading stdin
    # shellcheck disable=SC2013 # one number per line
    for off in $(LC_ALL=C grep -obUaP "$1" "$bz" | cut -d: -f1); do
        tail -c +$((off + 1)) "$bz" | $2 >"$tmp" 2>/dev/null || true
        if [ "$(head -c 4 "$tmp" | od -An -tx1 | tr -d ' ')" = 7f454c46 ] &&
           readelf -n "$tmp" 2>/dev/null | grep -q -E 'note type: \(0x00000012\)|PHYS32_ENTRY'; then
            mv "$tmp" "$elf"
            for old in "$out"/vmlinux-*; do
                [ "$old" = "$elf" ] || rm -f "$old"
            done
            echo "$elf"
            exit 0
        fi
    done
}
try '\xfd7zXZ\x00' 'xz -dc'
try '\x28\xb5\x2f\xfd' 'zstd -dqc'
try '\x1f\x8b\x08' 'gzip -dc'
try '\x04\x22\x4d\x18' 'lz4 -dc'
exit 1
