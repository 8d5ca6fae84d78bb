#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# The Linux-guest checks: a real Linux 6.1 under QEMU judges the NFIT and
# SSDT that mktables builds.  Each check declares a layout (vNVDIMMs, the
# guest e820 as kernel memmap= arguments, QEMU's RAM size and lowmem end),
# builds the tables, boots, and compares what Linux reported (the "LRG "
# lines of tests/guest/init.sh) and what landed in guest RAM with the
# declared addresses.  See docs/testing-guest.md.
#
# Usage: check.sh NAME       NAME: pmem-low | pmem-two | labels | negative |
#                            engine-low | engine-two (layout, e820 and
#                            tables from xen-layout on tests/guest/NAME.cfg)
# Environment:
#   BUILD       build directory (default build); work files in $BUILD/guest
#   MKTABLES    the table builder (default $BUILD/tests/acpi/mktables)
#   GUEST_KVER  kernel version to boot (default: newest /boot/vmlinuz-* that
#               has /lib/modules/<ver>/modules.dep)
#   GUEST_BOOT  pvh (default): boot the kernel's uncompressed ELF through
#               its PVH entry (tests/guest/vmlinux.sh; half the boot time
#               under TCG); bzimage: boot /boot/vmlinuz-<ver> as it is
#   GUEST_TIMEOUT  seconds per boot before QEMU is killed (default 120)
#   GUEST_MEMMAP, GUEST_LOWMEM
#               feed an engine's output instead of the map declared here:
#               GUEST_MEMMAP replaces the memmap= arguments verbatim (e.g.
#               the string lr_e820_memmap() renders), GUEST_LOWMEM replaces
#               QEMU's max-ram-below-4g (bytes, 0x.. or decimal).  The
#               vNVDIMM placement (and so every pmem assertion) stays the
#               one declared by the check; the e820 assertion is skipped.
# Exit status: 0 pass, 1 fail, 2 usage or set-up error.
#
# Layout entries are words split on purpose (set -- $d):
# shellcheck disable=SC2086
set -eu

name=${1:?usage: check.sh pmem-low|pmem-two|labels|negative}
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-build}
MKTABLES=${MKTABLES:-$BUILD/tests/acpi/mktables}
XEN_LAYOUT=${XEN_LAYOUT:-$BUILD/xen-layout}
tmo=${GUEST_TIMEOUT:-120}
t0=$(date +%s.%N)

fail=0
note() { echo "check-guest-$name: $*"; }
bad() { note "FAIL: $*"; fail=1; }
die() { note "ERROR: $*"; exit 2; }
hex() { printf '0x%x' "$1"; }
since() { awk -v a="$1" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }'; }

[ -x "$MKTABLES" ] || die "no table builder at $MKTABLES (make $MKTABLES)"
command -v qemu-system-x86_64 >/dev/null || die "no qemu-system-x86_64 (make deps-guest)"

# The image steps (and the kernel choice) are the shared builder's.
IR_WHO=check-guest-$name
. "$here/../lib/initramfs.sh"
kver=${GUEST_KVER:-}
[ -n "$kver" ] || kver=$(ir_kver) || die "no /boot/vmlinuz-* with modules (package linux-image-amd64)"
kernel=/boot/vmlinuz-$kver
[ -r "$kernel" ] || die "cannot read $kernel"
if [ "${GUEST_BOOT:-pvh}" = pvh ]; then
    kernel=$(sh "$here/vmlinux.sh" "$BUILD/guest" "$kernel") ||
        { note "no PVH-bootable vmlinux in $kernel, booting the bzImage"; kernel=/boot/vmlinuz-$kver; }
fi

work=$BUILD/guest/$name
rm -rf "$work"
mkdir -p "$work"

# ---------------------------------------------------------------- layout ---
# A vNVDIMM: "base size handle serial label [label-base label-size]".
# The map: entries "TYPE BASE SIZE" with TYPE ram|reserved (exactmap), or
# only reserved entries on top of the firmware's map (no exactmap).
G=$((1 << 30)); M=$((1 << 20)); K=$((1 << 10))
dimms=()
map=()
exactmap=0
mem=$G
lowmem=""
variant=base
case "$name" in
pmem-low|negative)
    # 1 GiB guest, 256 MiB of pmem at 512 MiB, no labels.
    #  0      512M         768M        1G
    #  |  RAM  |### pmem ###|    RAM    |
    dimms=("$((512 * M)) $((256 * M)) 1 0x5eed0001 none")
    map=("reserved $((512 * M)) $((256 * M))")
    ;;
pmem-two)
    # 2 GiB guest, lowmem ends at 1 GiB, the rest is RAM at 4..5 GiB; one
    # vNVDIMM in each.  The whole e820 is given (exactmap), as the engine
    # will: QEMU's firmware ranges (EBDA, BIOS, ACPI at the top of lowmem,
    # the flash below 4 GiB) are declared as reserved.
    #  0   768M  896M  1G     4G     4.5G   4.75G  5G
    #  |RAM |#pmemA#|RAM|fw ... |RAM |#pmemB#| RAM |
    mem=$((2 * G))
    lowmem=$G
    exactmap=1
    dimms=("$((768 * M)) $((128 * M)) 1 0x5eed0001 none"
           "$((4 * G + 512 * M)) $((256 * M)) 2 0x5eed0002 none")
    map=("ram 0 $((639 * K))"
         "reserved $((639 * K)) $((1 * K))"
         "reserved 0xf0000 $((64 * K))"
         "ram $((1 * M)) $((767 * M))"
         "reserved $((768 * M)) $((128 * M))"
         "ram $((896 * M)) $((G - 128 * K - 896 * M))"
         "reserved $((G - 128 * K)) $((128 * K))"
         "reserved 0xfffc0000 $((256 * K))"
         "ram $((4 * G)) $((512 * M))"
         "reserved $((4 * G + 512 * M)) $((256 * M))"
         "ram $((4 * G + 768 * M)) $((256 * M))")
    ;;
labels)
    # 1 GiB guest backed by a file, 256 MiB of pmem at 512 MiB and its
    # 128 KiB in-band label area right after it (outside the SPA range).
    #  0      512M         768M  +128K     1G
    #  |  RAM  |### pmem ###|label|  RAM    |
    dimms=("$((512 * M)) $((256 * M)) 1 0x5eed0001 inband $((768 * M)) $((128 * K))")
    map=("reserved $((512 * M)) $((256 * M))"
         "reserved $((768 * M)) $((128 * K))")
    variant=ndctl
    ;;
engine-*)
    # The layout is the engine's: xen-layout reads tests/guest/$name.cfg
    # and gives the vNVDIMM placement and the guest e820 (JSON), and the
    # NFIT + SSDT (--format aml).  QEMU's RAM must hold everything the map
    # declares below 4 GiB and every vNVDIMM above it; its lowmem ends
    # 2 MiB above our lowmem end, so SeaBIOS's ACPI tables (at the top of
    # QEMU's lowmem) sit in a hole of our map instead of in RAM Linux may
    # reuse before nfit reads the table.
    command -v jq >/dev/null || die "no jq (make deps-guest)"
    [ -x "$XEN_LAYOUT" ] || die "no xen-layout at $XEN_LAYOUT"
    cfg=$here/$name.cfg
    "$XEN_LAYOUT" --config "$cfg" --format json >"$work/layout.json" \
        2>"$work/layout.err" || { cat "$work/layout.err"; die "xen-layout failed on $cfg"; }
    [ "$(jq -r .status "$work/layout.json")" = LR_OK ] || die "layout of $cfg failed"
    mapfile -t dimms < <(jq -r '.vnvdimms[] | select(.placed) |
        "\(.data.base) \(.data.size) \(.handle) 0 \(.label_backend) \(.label.base // "") \(.label.size // "")"' \
        "$work/layout.json")
    mapfile -t map < <(jq -r '.["e820"][] | "\(if .type == 1 then "ram" else "reserved" end) \(.addr) \(.size)"' \
        "$work/layout.json")
    exactmap=1
    lowend=$(jq -r .stats.ram_below_4g_end "$work/layout.json")
    lowmem=$(( ((lowend + 2 * M - 1) & ~(2 * M - 1)) + 2 * M ))
    top=$((4 * G))
    for d in "${dimms[@]}"; do
        set -- $d
        end=$(($1 + $2))
        [ -n "${7:-}" ] && end=$(($6 + $7))
        [ "$end" -gt "$top" ] && top=$end
    done
    hiend=$(( $(jq -r .stats.ram_above_4g_end "$work/layout.json") ))
    [ "$hiend" -gt "$top" ] && top=$hiend
    mem=$((lowmem + top - 4 * G))
    # The kernel command line exactly as xen-layout renders it.
    engine_memmap=$("$XEN_LAYOUT" --config "$cfg" --format memmap 2>/dev/null) ||
        die "xen-layout --format memmap failed"
    # Our own tables, as the simulator writes them for acpi_firmware=.
    "$XEN_LAYOUT" --config "$cfg" --format aml >"$work/tables.bin" 2>/dev/null ||
        die "xen-layout --format aml failed"
    ;;
*) die "unknown check '$name'" ;;
esac

memmap=""
[ "$exactmap" = 1 ] && memmap="memmap=exactmap"
for e in "${map[@]}"; do
    set -- $e
    case "$1" in ram) sep=@ ;; reserved) sep='$' ;; *) die "bad map type $1" ;; esac
    memmap="$memmap${memmap:+ }memmap=$(hex "$3")$sep$(hex "$2")"
done
[ -n "${engine_memmap:-}" ] && memmap=$engine_memmap
[ -n "${GUEST_MEMMAP:-}" ] && memmap=$GUEST_MEMMAP
[ -n "${GUEST_LOWMEM:-}" ] && lowmem=$((GUEST_LOWMEM))

# Guest-physical address -> offset in the RAM backing file (QEMU pc: RAM
# below 4 GiB from offset 0, the rest from 4 GiB at offset lowmem; without
# max-ram-below-4g a guest under 3.5 GiB has all its RAM low).
low=${lowmem:-$mem}
gpa_to_offset() {
    if [ "$1" -lt $((4 * G)) ]; then echo "$1"; else echo $(($1 - 4 * G + low)); fi
}
# ram_bytes A N: N bytes of the RAM file at guest-physical address A;
# ram_text A N: the same up to the first character a marker cannot hold.
ram_bytes() {
    dd if="$work/ram" bs=4096 iflag=skip_bytes,count_bytes skip="$(gpa_to_offset "$1")" \
       count="$2" 2>/dev/null
}
ram_text() { ram_bytes "$1" "$2" | tr -c 'A-Za-z0-9x_-' ' ' | sed 's/ .*//'; }

# ---------------------------------------------------------------- tables ---
args=()
for d in "${dimms[@]}"; do
    set -- $d
    spec="base=$(hex "$1"),size=$(hex "$2"),handle=$3,serial=$4,label=$5"
    [ "$5" = inband ] && spec="$spec,label-base=$(hex "$6"),label-size=$(hex "$7")"
    args+=(--nvdimm "$spec")
done
[ "$name" = negative ] && args+=(--adr-offset 0x100)
mkdir -p "$work/tables"
if [ -f "$work/tables.bin" ]; then
    # Split the concatenation at the first table's length (header offset 4).
    len=$(od -An -tu4 -j4 -N4 "$work/tables.bin" | tr -d ' ')
    sig1=$(head -c 4 "$work/tables.bin")
    sig2=$(tail -c +$((len + 1)) "$work/tables.bin" | head -c 4)
    [ "$sig1" = NFIT ] && [ "$sig2" = SSDT ] ||
        die "xen-layout --format aml: expected NFIT then SSDT, got '$sig1' '$sig2'"
    head -c "$len" "$work/tables.bin" >"$work/tables/nfit.aml"
    tail -c +$((len + 1)) "$work/tables.bin" >"$work/tables/ssdt.aml"
else
    "$MKTABLES" --out "$work/tables" "${args[@]}" >"$work/mktables.log" 2>&1 ||
        { cat "$work/mktables.log"; die "mktables failed: $MKTABLES --out $work/tables ${args[*]}"; }
fi

initrd=$(sh "$here/mkinitramfs.sh" "$BUILD/guest" "$kver" "$variant") || die "initramfs build failed"

# ------------------------------------------------------------------ boot ---
# boot N ACTION: boot once; the log is $work/bootN.log.
boot() {
    local log=$work/boot$1.log rc=0 b0
    b0=$(date +%s.%N)
    bash "$here/boot.sh" --kernel "$kernel" --initrd "$initrd" --tables "$work/tables" \
        --mem "$((mem / M))M" ${lowmem:+--max-ram-below-4g "$lowmem"} --memmap "$memmap" \
        --ram-file "$work/ram" --timeout "$tmo" --log "$log" \
        --append "lrg.action=$2 lrg.marker=$marker" || rc=$?
    note "boot $1 ($2): $(since "$b0") s, qemu exit $rc"
    # All but the kernel log and the /proc/iomem lines of other owners
    # (both shown on failure).
    grep '^LRG ' "$log" | grep -v -e '^LRG dmesg' -e '^LRG iomem' | sed 's/^/  /' || true
    grep -E '^LRG iomem .*(Persistent Memory|namespace)' "$log" | sed 's/^/  /' || true
    [ "$rc" = 124 ] && bad "boot $1: no poweroff within $tmo s (hang)"
    # Without the whole report every other assertion would only repeat this.
    grep -q '^LRG end$' "$log" || { bad "boot $1: the guest's /init did not finish"; return 1; }
}
# The values of KEY=... on the "LRG WHAT NAME ..." lines of a log.
field() { sed -n "s/^LRG $2 .* $3=\([^ ]*\).*/\1/p" "$1"; }
lines() { grep -c "^LRG $2 " "$1" || true; }

# check_pmem LOG: every declared vNVDIMM is one region and one /dev/pmemN at
# exactly its base and size, nothing else is.
check_pmem() {
    local log=$1 d base size n
    n=$(lines "$log" region)
    [ "$n" = "${#dimms[@]}" ] || bad "$n nd regions, declared ${#dimms[@]}"
    n=$(lines "$log" pmem)
    [ "$n" = "${#dimms[@]}" ] || bad "$n /dev/pmem devices, declared ${#dimms[@]}"
    for d in "${dimms[@]}"; do
        set -- $d
        base=$(hex "$1"); size=$2
        grep -q "^LRG region [a-z0-9]* resource=$base size=$size$" "$log" ||
            bad "no nd region with resource=$base size=$size"
        grep -q "^LRG pmem pmem[0-9]* .* resource=$base nssize=$size bytes=$size$" "$log" ||
            bad "no /dev/pmem with resource=$base and $size bytes"
    done
}
# check_e820 LOG: Linux's map after memmap= (its "user:" lines) is the
# declared map: every declared entry, touching entries of one type merged as
# Linux merges them, is one line; with exactmap there is no other line.
# Skipped for GUEST_MEMMAP, which is not the map declared here.  The map is
# declared in address order.
check_e820() {
    local log=$1 e t cs=-1 ce=-1 ct="" n=0 have
    [ -n "${GUEST_MEMMAP:-}" ] && { note "e820 not checked: GUEST_MEMMAP given"; return 0; }
    expect() {
        local line
        line=$(printf 'user: [mem 0x%016x-0x%016x] %s' "$1" "$2" "$3")
        grep -q -F "] $line" "$log" || bad "Linux's e820 lacks the declared '$line'"
        n=$((n + 1))
    }
    for e in "${map[@]}"; do
        set -- $e
        case "$1" in ram) t=usable ;; *) t=reserved ;; esac
        if [ "$t" = "$ct" ] && [ $(($2)) = $((ce + 1)) ]; then
            ce=$(($2 + $3 - 1))
            continue
        fi
        [ -n "$ct" ] && expect "$cs" "$ce" "$ct"
        cs=$(($2)); ce=$(($2 + $3 - 1)); ct=$t
    done
    [ -n "$ct" ] && expect "$cs" "$ce" "$ct"
    if [ "$exactmap" = 1 ]; then
        have=$(grep -c '^LRG dmesg .*\] user: \[mem' "$log" || true)
        [ "$have" = "$n" ] || bad "Linux's e820 has $have entries, the declared map $n"
    fi
}
# check_data LOG: what was written at the start and in the last 4 KiB of each
# device reads back in the guest and sits in guest RAM at the declared
# guest-physical addresses.
check_data() {
    local log=$1 d base size last want got
    for d in "${dimms[@]}"; do
        set -- $d
        base=$(hex "$1"); size=$2
        last=$((size / 4096 - 1))
        for blk in 0 "$last"; do
            want="LRG-$marker-$base-$blk"
            grep -q "^LRG read pmem[0-9]* at=$((blk * 4096)) text=$want$" "$log" ||
                bad "guest did not read back '$want' at offset $((blk * 4096)) of the pmem at $base"
            got=$(ram_text $(($1 + blk * 4096)) ${#want})
            [ "$got" = "$want" ] ||
                bad "guest RAM at $(hex $(($1 + blk * 4096))) holds '$got', want '$want'"
        done
    done
}

tail_log() {
    note "console tail of $1:"
    grep -v '^LRG ' "$1" | tail -n 25 | sed 's/^/  | /'
    note "/proc/iomem in $1:"
    grep '^LRG iomem' "$1" | sed 's/^/  /'
    note "kernel messages about e820, ACPI tables and NVDIMMs in $1:"
    grep -i -E '^LRG dmesg .*(nfit|nd_|nvdimm|pmem|namespace|region|e820|user: \[mem|ACPI: (NFIT|SSDT)|resource|conflict)' "$1" |
        sed 's/^/  /'
}

marker=$(od -An -N6 -tx1 /dev/urandom | tr -d ' \n')
rm -f "$work/ram"
note "kernel $kernel, mem $((mem / M)) MiB${lowmem:+, max-ram-below-4g $(hex "$lowmem")}, $memmap"

case "$name" in
pmem-low|pmem-two|engine-*)
    if boot 1 data; then
        check_e820 "$work/boot1.log"
        check_pmem "$work/boot1.log"
        check_data "$work/boot1.log"
    fi
    ;;
negative)
    # Every _ADR differs from its NFIT handle: Linux must not create pmem.
    # The table and device must still be there, so the absence of pmem is
    # for the handle mismatch and not for tables that never arrived.
    log=$work/boot1.log
    if boot 1 report; then
        check_e820 "$log"
        grep -q '^LRG nfit-table yes$' "$log" || bad "the guest has no NFIT"
        grep -q '^LRG acpi0012 yes$' "$log" || bad "the guest has no ACPI0012 device"
        n=$(lines "$log" pmem)
        [ "$n" = 0 ] || bad "Linux created $n /dev/pmem devices from tables whose _ADR do not match"
        note "what nfit said:"
        sed -n 's/^LRG dmesg .*\] \(nfit .*\)/  \1/p' "$log"
    fi
    ;;
labels)
    # Boot 1: label the DIMM, create a namespace, write.  Boot 2 on the same
    # RAM file: the namespace (same UUID) and the data are still there.
    set -- ${dimms[0]}
    lbase=$6; lsize=$7
    log1=$work/boot1.log
    log2=$work/boot2.log
    if boot 1 labels-init; then
        check_e820 "$log1"
        check_pmem "$log1"
        check_data "$log1"
        uuid1=$(field "$log1" namespace uuid | head -n 1)
        case "$uuid1" in
        ""|-|00000000-0000-0000-0000-000000000000) bad "boot 1: no labelled namespace (uuid '$uuid1')" ;;
        esac
        # The labels are in the declared label area: Linux's index block
        # signature at its start and the namespace UUID in a label.
        idx=$(ram_text "$lbase" 15)
        [ "$idx" = NAMESPACE_INDEX ] ||
            bad "label area at $(hex "$lbase") starts with '$idx', not NAMESPACE_INDEX"
        u=$(echo "$uuid1" | tr -d -)
        ram_bytes "$lbase" "$lsize" | od -An -v -tx1 | tr -d ' \n' | grep -q "$u" ||
            bad "namespace UUID $uuid1 is not in the label area at $(hex "$lbase")"
        if boot 2 labels-read; then
            check_pmem "$log2"
            check_data "$log2"
            uuid2=$(field "$log2" namespace uuid | head -n 1)
            [ "$uuid2" = "$uuid1" ] || bad "boot 2 found namespace uuid '$uuid2', boot 1 created '$uuid1'"
        fi
    fi
    ;;
esac

secs=$(since "$t0")
if [ "$fail" = 0 ]; then
    rm -f "$work/ram"
    note "PASS ($secs s)"
    exit 0
fi
for l in "$work"/boot*.log; do tail_log "$l"; done
note "FAIL ($secs s); logs in $work"
exit 1
