#!/bin/bash
# SPDX-License-Identifier: MIT
# The real-RDM runs: boot Debian's Xen 4.17 under QEMU with an emulated
# VT-d and the reserved regions of ./regions declared to Xen (../run.sh
# --iommu: q35, -device intel-iommu, Xen's rmrr=), so that
# XENMEM_reserved_device_memory_map returns them and libxl's
# rdm="strategy=host" lays the guests around them.  One boot per toolstack:
#   stock     Debian's toolstack, every guest of stock/
#   patched   the toolstack built from Debian's source with libxc-patches/
#             (../build-patched.sh; xl has the xlu_rdm_parse fix, libxl
#             rdm_layout=), every guest of patched/
# Every guest stops after hvmloader (# lr-stop-after: hvmloader) or must be
# refused by xl (# lr-expect: create-failed).  The verdicts are
# check-rdm.sh's, on OUT.
#
# A finished run (dom0 reached its end) is kept in OUT with the key of its
# inputs; a second call with the same inputs reuses it.  A run that did not
# finish is not kept.
# Usage: run-rdm.sh stock|patched OUT
set -eu
here=$(cd "$(dirname "$0")" && pwd)
xen=$here/..
. "$xen/lib.sh"
kind=${1:?usage: run-rdm.sh stock|patched OUT}
out=${2:?usage: run-rdm.sh stock|patched OUT}
BUILD=${BUILD:-build}
mkdir -p "$(dirname "$out")"
regions=$(tr -d ' \n' <"$here/regions")
[ -n "$regions" ] || die "no regions in $here/regions"

ts="" tsargs=() tsinfo=()
case "$kind" in
stock) ;;
patched)
    t0=$(date +%s)
    ts=$("$xen/build-patched.sh") || die "the patched toolstack did not build"
    echo "run-rdm: patched toolstack $ts ($(( $(date +%s) - t0 )) s)" >&2
    tsargs=(--toolstack "$ts") tsinfo=("$ts/build-info.txt") ;;
*) die "run-rdm: unknown run '$kind' (stock or patched)" ;;
esac

guests=("$here/$kind"/*.cfg)
key=$(ir_key "$0" "$here/regions" "${guests[@]}" "${tsinfo[@]+"${tsinfo[@]}"}" \
      "$xen/run.sh" "$xen/lib.sh" "$IR_LIB" "$xen/dom0-init" "$xen/collect.sh" "$xen/guest-init" \
      "$xen/mkdom0.sh" "$xen/mkguest.sh" "$XEN_GZ" "$XEN_LIB/boot/hvmloader" "$DM")
if [ -f "$out/run-key" ] && [ "$(cat "$out/run-key")" = "$key" ]; then
    echo "run-rdm: reusing the $kind run in $out (same inputs)" >&2
    exit 0
fi
rm -rf "$out"
set +e
BUILD=$BUILD "$xen/run.sh" --out "$out" --iommu "$regions" --guest-timeout 300 \
    "${tsargs[@]+"${tsargs[@]}"}" "${guests[@]}"
rc=$?
set -e
echo "$regions" >"$out/regions"
[ -z "$ts" ] || cp "$ts/build-info.txt" "$out/toolstack-build-info.txt" 2>/dev/null || true
# Kept only when dom0 ran every guest to its end and Xen took the regions;
# the guests' verdicts are the checks'.
if grep -aq 'LRX all-done' "$out/xen-console.log" 2>/dev/null &&
   ! grep -q '^aborted' "$out/run-info.txt" 2>/dev/null &&
   [ "$(grep -ac 'Adding RMRR for' "$out/xen.log" 2>/dev/null)" -eq "$(echo "$regions" | tr ';' '\n' | grep -c .)" ]; then
    echo "$key" >"$out/run-key"
else
    echo "run-rdm: the $kind run did not finish or Xen did not take the regions (run.sh exit $rc)" >&2
    exit 1
fi
exit 0
