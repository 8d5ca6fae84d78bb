#!/bin/sh
# SPDX-License-Identifier: MIT
# Manual: boot a patched hvmloader (built from a Xen tree with
# libxc-patches/, see docs/integration.md) in the real-Xen harness
# (tests/xen/run.sh) with hand-written libreserve keys.  The harness runs
# Debian's stock toolstack, so the keys are written by dm-wrapper.sh, the
# guests' device_model_override, before the guest is unpaused.
# Expected: lr-rmrr-256m and lr-vnv-256m boot (the RMRR above RAM is a
# RESERVED e820 entry; the vNVDIMM's NFIT/SSDT reach Linux, /dev/pmem0),
# lr-inram-256m stops in hvmloader: stock libxl populated RAM over the
# reservation, which the hvm_info check reports (so run.sh exits 1).
# Usage: tests/hvmloader/xen/boot.sh HVMLOADER [OUTDIR]
set -eu
hvm=${1:?usage: boot.sh HVMLOADER [OUTDIR]}
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-build}
out=${2:-$BUILD/hvmloader-xen}
mkdir -p "$BUILD/hvmloader-xen-bin"
xsw=$BUILD/hvmloader-xen-bin/xs-write
cc -static -O2 -Wall -o "$xsw" "$here/xs-write.c"
set --
for k in "$here"/keys/*.keys; do
    set -- "$@" --file "$k:/lr/keys/$(basename "$k")"
done
BUILD=$BUILD exec "$here/../../xen/run.sh" --out "$out" --hvmloader "$hvm" \
    --guest-timeout 300 --file "$xsw:/lr/xs-write" \
    --file "$here/dm-wrapper.sh:/lr/dm-wrapper.sh" "$@" \
    "$here"/guests/*.cfg
