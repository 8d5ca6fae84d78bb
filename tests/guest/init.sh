#!/bin/busybox sh
# SPDX-License-Identifier: MIT
# /init of the guest initramfs (see tests/guest/mkinitramfs.sh).  Loads the
# NVDIMM modules, reports what Linux made of our ACPI tables, runs the
# action asked for on the kernel command line, and powers off.  It judges
# nothing: every line it prints starts with "LRG " and the host-side check
# (tests/guest/check.sh) compares them with the addresses it declared.
#
# Kernel command line parameters:
#   lrg.action=report|data|labels-init|labels-read
#     report       only report (negative tests)
#     data         write a marker at the start and in the last 4 KiB of
#                  every /dev/pmemN, drop caches, read both back
#     labels-init  ndctl: disable-region, init-labels, enable-region,
#                  create-namespace (raw) on every region; then as data
#     labels-read  read the markers back without writing (second boot)
#   lrg.marker=STRING  unique text of this run (no spaces)
#
# Lines printed ("LRG " prefix):
#   LRG begin action=A
#   LRG nfit-table yes|no          /sys/firmware/acpi/tables/NFIT exists
#   LRG acpi0012 yes|no            an ACPI0012 device was enumerated
#   LRG ndbus yes|no               nfit bound and registered an nd bus
#   LRG region NAME resource=0x.. size=N
#   LRG nmem NAME handle=0x.. dsm_mask=0x.. commands=...
#   LRG namespace NAME mode=M resource=0x.. size=N uuid=U
#   LRG pmem NAME namespace=NS region=R resource=0x.. nssize=N bytes=N
#   LRG iomem <each line of /proc/iomem>
#   LRG write NAME at=OFFSET text=T   /   LRG read NAME at=OFFSET text=T
#   LRG ndctl <output line of the ndctl commands>
#   LRG dmesg <every line of the kernel log>
#   LRG insmod FILE failed
#   LRG end
#
# No "set -e": whatever fails is reported and the report goes on; an /init
# that exits would only panic the kernel.
# shellcheck shell=dash
set -u
/bin/busybox --install -s /bin
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev

say() { echo "LRG $*"; }
arg() { sed -n "s/.*[[:space:]]*$1=\([^[:space:]]*\).*/\1/p" /proc/cmdline; }
action=$(arg lrg.action)
marker=$(arg lrg.marker)

while read -r m; do
    insmod "$m" || say insmod "$m" failed
done </etc/lrg-modules

# Let async probing of regions and namespaces finish (what ndctl does).
for b in /sys/bus/nd/devices/ndbus*; do
    [ -e "$b/wait_probe" ] && cat "$b/wait_probe" >/dev/null
done

# From here on, kernel messages go only to the ring buffer, so our lines are
# not interleaved with them; the whole log is printed at the end.
echo 1 >/proc/sys/kernel/printk
say begin action="$action"

catf() { cat "$1" 2>/dev/null || echo "-"; }
ndctl_run() {
    say ndctl "\$ ndctl $*"
    ndctl "$@" 2>&1 | while IFS= read -r l; do say ndctl "$l"; done
}

rw_markers() {
    # $1: write|read
    for b in /sys/block/pmem*; do
        [ -e "$b" ] || continue
        n=${b##*/}
        bytes=$(( $(cat "$b/size") * 512 ))
        last=$(( bytes / 4096 - 1 ))
        res=$(catf "$b/device/resource")
        for blk in 0 "$last"; do
            t="LRG-$marker-$res-$blk"
            if [ "$1" = write ]; then
                printf '%s' "$t" | dd of="/dev/$n" bs=4096 seek="$blk" conv=notrunc,fsync 2>/dev/null
                say write "$n" at=$((blk * 4096)) text="$t"
            fi
        done
    done
    sync
    echo 3 >/proc/sys/vm/drop_caches
    for b in /sys/block/pmem*; do
        [ -e "$b" ] || continue
        n=${b##*/}
        bytes=$(( $(cat "$b/size") * 512 ))
        last=$(( bytes / 4096 - 1 ))
        for blk in 0 "$last"; do
            t=$(dd if="/dev/$n" bs=4096 skip="$blk" count=1 2>/dev/null | head -c 64 | tr -c 'A-Za-z0-9x-' ' ' | sed 's/ .*//')
            say read "$n" at=$((blk * 4096)) text="${t:--}"
        done
    done
}

if [ "$action" = labels-init ]; then
    ndctl_run disable-region all
    ndctl_run init-labels -f all
    ndctl_run enable-region all
    for r in /sys/bus/nd/devices/region*; do
        [ -e "$r" ] || continue
        ndctl_run create-namespace -r "${r##*/}" -m raw
    done
fi

report() {
    if [ -e /sys/firmware/acpi/tables/NFIT ]; then say nfit-table yes; else say nfit-table no; fi
    a=no
    for d in /sys/bus/acpi/devices/ACPI0012:*; do [ -e "$d" ] && a=yes; done
    say acpi0012 $a
    a=no
    for d in /sys/bus/nd/devices/ndbus*; do [ -e "$d" ] && a=yes; done
    say ndbus $a
    for r in /sys/bus/nd/devices/region*; do
        [ -e "$r" ] || continue
        say region "${r##*/}" resource="$(catf "$r/resource")" size="$(catf "$r/size")"
    done
    for d in /sys/bus/nd/devices/nmem*; do
        [ -e "$d" ] || continue
        say nmem "${d##*/}" handle="$(catf "$d/nfit/handle")" dsm_mask="$(catf "$d/nfit/dsm_mask")" \
            commands="$(catf "$d/commands" | tr ' ' ',')"
    done
    for d in /sys/bus/nd/devices/namespace*; do
        [ -e "$d" ] || continue
        say namespace "${d##*/}" mode="$(catf "$d/mode")" resource="$(catf "$d/resource")" \
            size="$(catf "$d/size")" uuid="$(catf "$d/uuid")"
    done
    for b in /sys/block/pmem*; do
        [ -e "$b" ] || continue
        ns=$(readlink -f "$b/device"); ns=${ns##*/}
        rg=$(readlink -f "$b/device/.."); rg=${rg##*/}
        say pmem "${b##*/}" namespace="$ns" region="$rg" resource="$(catf "$b/device/resource")" \
            nssize="$(catf "$b/device/size")" bytes=$(( $(cat "$b/size") * 512 ))
    done
    while IFS= read -r l; do say iomem "$l"; done </proc/iomem
}
report

case "$action" in
data|labels-init) rw_markers write ;;
labels-read) rw_markers read ;;
esac

case "$action" in
labels-*) ndctl_run list -N ;;
esac
if [ "$action" = labels-read ]; then
    for d in /sys/bus/nd/devices/nmem*; do
        [ -e "$d" ] && ndctl_run read-labels -j "${d##*/}"
    done
fi

dmesg | while IFS= read -r l; do say dmesg "$l"; done
say end
sync
poweroff -f
