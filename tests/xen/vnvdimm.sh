#!/bin/bash
# SPDX-License-Identifier: MIT
# vNVDIMM on stock Xen, end to end: a file-backed NVDIMM in the outer QEMU,
# mapped into an HVM guest with iomem=, described by our NFIT + SSDT
# (mktables) through acpi_firmware=.  Passes only if the guest's nd region
# is at exactly the planned SPA base and size, /dev/pmem0 exists, the guest
# read the line the host put in the backing file, and the guest's marker is
# in the backing file after power-off.
# Usage: vnvdimm.sh MKTABLES OUTDIR [run.sh options]
set -eu
. "$(dirname "$0")/lib.sh"
mkt=$1 out=$2; shift 2
[ -x "$mkt" ] || die "table generator $mkt missing (make $mkt)"
cfg=$HERE/guests/vnvdimm-256m.cfg
base=0x180000000 size=0x10000000          # guest pfn 0x180000, 0x10000 pages
mkdir -p "$out"
work=$out/inputs
rm -rf "$work"; mkdir -p "$work"
"$mkt" --out "$work" --nvdimm "base=$base,size=$size,handle=1,serial=0x4c52,label=none"
back=$work/nvdimm.img
truncate -s 256M "$back"
printf 'LRPMEM-MARKER-FROM-HOST\n' | dd of="$back" bs=1M seek=1 conv=notrunc status=none
rc=0
"$HERE/run.sh" --out "$out/run" --outer-mem 3072 --nvdimm "$back" \
    --file "$work/tables.bin:/lr/files/nvdimm-tables.bin" "$@" "$cfg" || rc=1
d=$(ls -d "$out"/run/[0-9][0-9]-vnvdimm-256m 2>/dev/null | head -1)
fail() { echo "vnvdimm: FAIL: $*" >&2; rc=1; }
if [ -z "$d" ]; then
    fail "no guest result"
else
    grep -q "resource=$(printf '0x%x' $base) size=$((size))" "$d/nd.txt" ||
        fail "no nd region at $base size $size: $(tr '\n' ';' <"$d/nd.txt")"
    grep -q '^/dev/pmem0 ' "$d/pmem.txt" || fail "no /dev/pmem0"
    grep -q 'LRPMEM-MARKER-FROM-HOST' "$d/guest-report.txt" || fail "guest did not read the host's bytes"
    head -c 64 "$back" | grep -q 'LRPMEM-MARKER-FROM-GUEST' || fail "guest's bytes not in the backing file"
    grep -q 'memory_map:add: d[0-9]* gfn=180000' "$out/run/xen.log" ||
        echo "vnvdimm: note: no 'memory_map:add ... gfn=180000' line in the Xen log" >&2
    sed -n 's/^/    /p' "$d/nd.txt" "$d/pmem.txt" >&2
fi
[ $rc -eq 0 ] && echo "vnvdimm: ok: /dev/pmem0 at $base+$size, data reached the host file"
exit $rc
