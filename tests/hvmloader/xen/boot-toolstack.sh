#!/bin/sh
# SPDX-License-Identifier: MIT
# Manual: run the patched toolstack in the real-Xen harness.  XEN_TREE is
# a Xen 4.17.7 tree with libxc-patches/ applied and built by hand
# (docs/integration.md: tools/include, tools/firmware/hvmloader, tools/libs,
# tools/xl, tools/helpers); nothing here builds Xen.  Its xl,
# xen-init-dom0, libxenlight, libxlutil and libxenguest replace Debian's in
# the harness's dom0 (the build-info struct grew, so everything that links
# libxenlight must come from the same tree), and its hvmloader is used as
# firmware_override.  The guests set rdm_layout="punch"; dm-wrapper.sh
# finds no keys file for them and just runs the device model.
# Usage: tests/hvmloader/xen/boot-toolstack.sh XEN_TREE [OUTDIR]
set -eu
x=${1:?usage: boot-toolstack.sh XEN_TREE [OUTDIR]}
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-build}
out=${2:-$BUILD/hvmloader-xen-toolstack}
lib=/lib/x86_64-linux-gnu
bin=/usr/lib/xen-4.17/bin
for f in tools/firmware/hvmloader/hvmloader tools/libs/light/libxenlight.so.4.17.0 \
         tools/libs/guest/libxenguest.so.4.17.0 tools/libs/util/libxlutil.so.4.17.0 \
         tools/xl/xl tools/helpers/xen-init-dom0; do
    [ -f "$x/$f" ] || { echo "boot-toolstack: missing $x/$f (build it)" >&2; exit 2; }
done
mkdir -p "$BUILD/hvmloader-xen-bin"
xsw=$BUILD/hvmloader-xen-bin/xs-write
cc -static -O2 -Wall -o "$xsw" "$here/xs-write.c"
BUILD=$BUILD exec "$here/../../xen/run.sh" --out "$out" \
    --hvmloader "$x/tools/firmware/hvmloader/hvmloader" --guest-timeout 400 \
    --file "$xsw:/lr/xs-write" --file "$here/dm-wrapper.sh:/lr/dm-wrapper.sh" \
    --file "$x/tools/libs/light/libxenlight.so.4.17.0:$lib/libxenlight.so.4.17" \
    --file "$x/tools/libs/guest/libxenguest.so.4.17.0:$lib/libxenguest.so.4.17" \
    --file "$x/tools/libs/util/libxlutil.so.4.17.0:$lib/libxlutil.so.4.17" \
    --file "$x/tools/xl/xl:$bin/xl" \
    --file "$x/tools/helpers/xen-init-dom0:$bin/xen-init-dom0" \
    "$here"/guests-toolstack/*.cfg
