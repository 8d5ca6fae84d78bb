#!/bin/bash
# SPDX-License-Identifier: MIT
# The patched-Xen run: build (or reuse) the patched toolstack from Debian's
# Xen source with libxc-patches/ (../build-patched.sh), then boot Debian's
# Xen 4.17 under QEMU once with that toolstack in dom0 and run every guest
# of guests/ (../run.sh --toolstack).  dm-wrapper.sh and xs-write write the
# keys of keys/<guest>.keys for the guests that name it as their device
# model.  The scenarios' verdicts are check-patched.sh's, on OUT.
#
# A finished run (dom0 reached its end, whatever the guests did) is kept in
# OUT with the key of its inputs (the toolstack build, the guests, the keys,
# the harness); a second call with the same inputs reuses it.  A run that
# did not finish (dom0 not ready, time-out) is not kept.
# Usage: run-patched.sh OUT
set -eu
here=$(cd "$(dirname "$0")" && pwd)
xen=$here/..
. "$xen/lib.sh"
out=${1:?usage: run-patched.sh OUT}
BUILD=${BUILD:-build}
mkdir -p "$(dirname "$out")"

t0=$(date +%s)
ts=$("$xen/build-patched.sh") || die "the patched toolstack did not build"
echo "run-patched: patched toolstack $ts ($(( $(date +%s) - t0 )) s)" >&2

bin=$BUILD/xen/patched-bin
mkdir -p "$bin"
${CC:-gcc} -static -O2 -Wall -Werror -o "$bin/xs-write" "$here/xs-write.c" ||
    die "cannot build xs-write (gcc, libc6-dev)"

guests=("$here"/guests/*.cfg)
vgabios=/usr/share/seabios/vgabios-stdvga.bin
[ -f "$vgabios" ] || die "missing $vgabios (seabios)"
key=$(ir_key "$ts/build-info.txt" "$bin/xs-write" "$here/dm-wrapper.sh" "$0" \
      "${guests[@]}" "$here"/keys/*.keys "$vgabios" "$xen/run.sh" "$xen/lib.sh" "$IR_LIB" "$xen/dom0-init" \
      "$xen/collect.sh" "$xen/guest-init" "$xen/mkdom0.sh" "$xen/mkguest.sh")
if [ -f "$out/run-key" ] && [ "$(cat "$out/run-key")" = "$key" ]; then
    echo "run-patched: reusing the run in $out (same inputs)" >&2
    exit 0
fi
rm -rf "$out"
files=(--file "$bin/xs-write:/lr/xs-write" --file "$here/dm-wrapper.sh:/lr/dm-wrapper.sh")
# The stdvga's BIOS ROM (lr-bars-256m): QEMU looks for it in its own data
# folder, which the dom0 image does not carry.
files+=(--file "$vgabios:/usr/share/qemu/vgabios-stdvga.bin")
for k in "$here"/keys/*.keys; do
    files+=(--file "$k:/lr/keys/$(basename "$k")")
done
set +e
BUILD=$BUILD "$xen/run.sh" --out "$out" --toolstack "$ts" --guest-timeout 400 \
    "${files[@]}" "${guests[@]}"
rc=$?
set -e
cp "$ts/build-info.txt" "$out/toolstack-build-info.txt" 2>/dev/null || true
# Kept only when dom0 ran every guest to its end; the guests' verdicts are
# the checks' (an expected hvmloader crash is not a failed run).
if grep -aq 'LRX all-done' "$out/xen-console.log" 2>/dev/null &&
   ! grep -q '^aborted' "$out/run-info.txt" 2>/dev/null; then
    echo "$key" >"$out/run-key"
else
    echo "run-patched: the run did not finish (run.sh exit $rc)" >&2
    exit 1
fi
exit 0
