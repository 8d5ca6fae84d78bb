#!/bin/bash
# SPDX-License-Identifier: MIT
# Boot Debian's Xen under QEMU (TCG) with a PV dom0 and run the given HVM
# guest configurations one after the other in that one boot; collect the Xen
# console, hvmloader's lines, e820 tables and the guests' own view into OUT.
#
# Usage: run.sh [options] CFG...
#   --out DIR            result directory (default $BUILD/xen/run-<time>)
#   --hvmloader FILE     copy FILE into dom0 as /lr/firmware/hvmloader and set
#                        firmware_override to it in every guest config
#   --toolstack DIR      the patched toolstack built by build-patched.sh: its
#                        xl, xen-init-dom0, libxenlight, libxlutil, libxenguest,
#                        libxenctrl and hvmloader replace Debian's in dom0 (at
#                        Debian's paths: the default firmware is the patched
#                        hvmloader, no firmware_override needed)
#   --file HOST:DOM0     copy a host file into dom0 at DOM0 (e.g. ACPI tables)
#   --outer-mem MB       outer QEMU memory (default: fits dom0 + largest guest)
#   --timeout S          whole-run limit (default 120 + the guest limit per guest)
#   --guest-timeout S    per-guest limit inside dom0 (default 480)
#   --qemu-arg ARG       extra outer QEMU argument (repeatable)
#   --nvdimm FILE        give the outer machine a file-backed NVDIMM (its size
#                        is FILE's size; QEMU puts it at 4 GiB when the outer
#                        memory is at most 3 GiB): the host pmem for iomem=
#   --iommu RMRRS        boot Xen with an IOMMU and these reserved regions:
#                        the outer machine becomes q35 with QEMU's emulated
#                        VT-d (-device intel-iommu), Xen gets
#                        iommu=1,verbose,required and rmrr=RMRRS (Xen's own
#                        syntax: START[-END]=BDF[,BDF];..., page numbers in
#                        hex, END inclusive; a region without =BDF is given
#                        to 0:1f.2, q35's SATA controller).  Xen reports the
#                        regions through XENMEM_reserved_device_memory_map,
#                        so rdm="strategy=host" sees them.  Xen's limits: at
#                        most 10 regions of at most 16 pages each, every page
#                        in the outer machine's RAM (below 2 GiB here).  The
#                        run fails unless Xen enabled the IOMMU and printed
#                        "Adding RMRR" for each region
# Environment: BUILD (default build), KVER (guest/dom0 kernel), XEN_GZ,
#   XEN_LOCK (default /tmp/libreserve-xen-qemu.lock: one Xen QEMU at a time),
#   XEN_LOCK_WAIT (seconds to wait for it, default 1800), XEN_DOM0_TIMEOUT
#   (dom0 must be ready within it, default 300 s).  A console silent for the
#   guest limit + 60 s also stops the run.
# Exit status 0 only if every guest ran to its "LRG end" line and hvmloader
# printed an E820 table for it.  On failure the Xen console tail is printed.
set -eu
. "$(dirname "$0")/lib.sh"
BUILD=${BUILD:-build}
cache=$BUILD/xen
out="" hvmloader="" toolstack="" outer_mem="" timeout_s="" guest_timeout=480 nvdimm="" iommu=""
files=() qemu_extra=() cfgs=()
while [ $# -gt 0 ]; do
    case "$1" in
    --out) out=$2; shift 2 ;;
    --hvmloader) hvmloader=$2; shift 2 ;;
    --toolstack) toolstack=$2; shift 2 ;;
    --file) files+=("$2"); shift 2 ;;
    --outer-mem) outer_mem=$2; shift 2 ;;
    --timeout) timeout_s=$2; shift 2 ;;
    --guest-timeout) guest_timeout=$2; shift 2 ;;
    --qemu-arg) qemu_extra+=("$2"); shift 2 ;;
    --nvdimm) nvdimm=$2; shift 2 ;;
    --iommu) iommu=$2; shift 2 ;;
    -h|--help) sed -n '3,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    -*) die "unknown option $1" ;;
    *) cfgs+=("$1"); shift ;;
    esac
done
[ ${#cfgs[@]} -gt 0 ] || die "no guest configuration given (run.sh --help)"
for c in "${cfgs[@]}"; do [ -f "$c" ] || die "no such config: $c"; done
[ -z "$hvmloader" ] || [ -f "$hvmloader" ] || die "no such hvmloader: $hvmloader"
if [ -n "$toolstack" ]; then
    [ -f "$toolstack/.complete" ] || die "no complete patched build in $toolstack (build-patched.sh)"
    # Where Debian's dom0 has them (ldd's paths; the run's cpio comes last
    # in the initrd, so these replace the image's copies).
    libdir=$(dirname "$(ir_elf_libs "$XEN_LIB/bin/xl" | grep '/libxenlight\.so' | head -1)")
    [ -n "$libdir" ] && [ "$libdir" != . ] || die "cannot find Debian's libxenlight (make deps-xen)"
    for f in libxenlight.so.4.17 libxlutil.so.4.17 libxenguest.so.4.17 libxenctrl.so.4.17; do
        files+=("$toolstack/$f:$libdir/$f")
    done
    files+=("$toolstack/xl:$XEN_LIB/bin/xl" "$toolstack/xen-init-dom0:$XEN_LIB/bin/xen-init-dom0"
            "$toolstack/hvmloader:$XEN_LIB/boot/hvmloader")
fi
[ -f "$XEN_GZ" ] || die "missing $XEN_GZ (make deps-xen)"
command -v qemu-system-x86_64 >/dev/null || die "qemu-system-x86_64 missing (make deps-xen)"
[ -n "$out" ] || out=$cache/run-$(date +%Y%m%d-%H%M%S)
rm -rf "$out"
mkdir -p "$out" "$cache"
t_start=$(date +%s)

# --- artefacts (cached by content) ---------------------------------------
dom0img=$("$HERE/mkdom0.sh" "$cache")
guestimg=$("$HERE/mkguest.sh" "$cache")
kv=$(pick_kver)
xkey=$(ir_key "$XEN_GZ")
xen=$cache/xen-$xkey.elf
if [ ! -s "$xen" ]; then
    rm -f "$cache"/xen-*.elf
    gzip -dc "$XEN_GZ" >"$xen.tmp.$$" && mv "$xen.tmp.$$" "$xen"
fi

# --- the per-run part of dom0's initramfs ----------------------------------
work=$(mktemp -d "$cache/run-work.XXXXXX")
qpid=""
cleanup() {
    [ -n "$qpid" ] && kill "$qpid" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
r=$work/root
mkdir -p "$r/lr/guests" "$r/lr/firmware"
maxmem=0
i=0
for c in "${cfgs[@]}"; do
    i=$((i + 1))
    dst=$r/lr/guests/$(printf '%02d' $i)-$(basename "$c")
    if [ -n "$hvmloader" ]; then
        grep -v '^[ \t]*firmware_override[ \t]*=' "$c" >"$dst"
        echo 'firmware_override = "/lr/firmware/hvmloader"' >>"$dst"
    else
        cp "$c" "$dst"
    fi
    m=$(sed -n 's/^[ \t]*\(maxmem\|memory\)[ \t]*=[ \t]*\([0-9]*\).*/\2/p' "$c" | sort -n | tail -1)
    [ "${m:-0}" -gt "$maxmem" ] && maxmem=$m
done
[ -n "$hvmloader" ] && cp "$hvmloader" "$r/lr/firmware/hvmloader"
for f in "${files[@]+"${files[@]}"}"; do
    src=${f%%:*} dst=${f#*:}
    [ -f "$src" ] || die "no such file: $src"
    mkdir -p "$r$(dirname "$dst")"
    cp "$src" "$r$dst"
done
echo "GUEST_TIMEOUT=$guest_timeout" >"$r/lr/run.conf"
ir_pack "$r" "$work/run.cpio.gz"
cat "$dom0img" "$guestimg" "$work/run.cpio.gz" >"$work/dom0-initrd.gz"

# Outer memory: dom0 1 GiB + Xen + the largest guest, at least 3 GiB.
if [ -z "$outer_mem" ]; then
    outer_mem=$(( (1024 + 768 + maxmem + 1023) / 1024 * 1024 ))
    [ "$outer_mem" -lt 3072 ] && outer_mem=3072
fi
[ -n "$timeout_s" ] || timeout_s=$((120 + guest_timeout * ${#cfgs[@]}))

machine=(-M pc -m "$outer_mem")
if [ -n "$nvdimm" ]; then
    [ -f "$nvdimm" ] || die "no such NVDIMM backing file: $nvdimm"
    nvsize=$(( $(stat -c %s "$nvdimm") / 1048576 ))
    machine=(-M pc,nvdimm=on -m "$outer_mem,slots=2,maxmem=$((outer_mem + nvsize + 1024))M"
             -object "memory-backend-file,id=nv,size=${nvsize}M,mem-path=$nvdimm,share=on"
             -device nvdimm,memdev=nv,id=nv0)
fi

xen_iommu=iommu=0
if [ -n "$iommu" ]; then
    [ -z "$nvdimm" ] || die "--iommu and --nvdimm together are not supported"
    # Xen's rmrr= (xen/drivers/passthrough/vtd/dmar.c, add_one_user_rmrr)
    # takes a region only if every page has a frame (mfn_valid): it must be
    # outer RAM.  q35 puts RAM below 2 GiB once the machine has 2.75 GiB
    # or more (below 2.75 GiB otherwise), the rest above 4 GiB.
    low=$(( outer_mem >= 2816 ? 2048 : outer_mem ))
    rmrr="" rmrr_ranges=()
    for reg in $(echo "$iommu" | tr ';' ' '); do
        range=${reg%%=*} devs=0:1f.2
        case "$reg" in *=*) devs=${reg#*=} ;; esac
        first=${range%%-*} last=${range#*-}
        case "$first$last" in *[!0-9a-fA-Fx]*|"") die "--iommu: bad region '$reg' (START[-END][=BDF], page numbers)" ;; esac
        first=$((0x${first#0x})) last=$((0x${last#0x}))
        [ "$last" -ge "$first" ] || die "--iommu: region '$reg' ends before it starts"
        # parse_rmrr_param refuses the whole option otherwise, before the
        # console is up (nothing printed)
        [ $((last - first)) -lt 16 ] || die "--iommu: region '$reg' has more than 16 pages (Xen's MAX_USER_RMRR_PAGES)"
        [ $(( (last + 1) * 4096 )) -le $((low * 1048576)) ] ||
            die "--iommu: region '$reg' is not in the outer RAM below $low MiB (Xen would drop it: Invalid pfn in RMRR range)"
        rmrr="$rmrr${rmrr:+;}$range=$devs"
        rmrr_ranges+=("$(printf '%x-%x' "$first" "$last")")
    done
    [ ${#rmrr_ranges[@]} -ge 1 ] && [ ${#rmrr_ranges[@]} -le 10 ] ||
        die "--iommu: give 1 to 10 regions (Xen's MAX_USER_RMRR)"
    machine=(-M q35 -m "$outer_mem" -device intel-iommu,intremap=on)
    xen_iommu="iommu=1,verbose,required rmrr=$rmrr"
fi

xen_args="console=com1 com1=115200,8n1 loglvl=all guest_loglvl=all console_timestamps=boot"
xen_args="$xen_args dom0_mem=1024M,max:1024M dom0_max_vcpus=1 $xen_iommu bootscrub=0"
xen_args="$xen_args serial_tx_buffer=1M"
dom0_args="console=hvc0 earlyprintk=xen quiet"
log=$out/xen-console.log
{
    echo "kernel: $kv"; echo "xen: $XEN_GZ ($(dpkg-query -W -f='${Version}' xen-hypervisor-$XEN_VER-amd64 2>/dev/null))"
    echo "xen args: $xen_args"; echo "dom0 args: $dom0_args"; echo "outer memory: $outer_mem MiB"
    echo "hvmloader: ${hvmloader:-${toolstack:+patched }$XEN_LIB/boot/hvmloader}"
    echo "toolstack: ${toolstack:-Debian}"
    echo "configs: ${cfgs[*]}"; echo "outer nvdimm: ${nvdimm:-none}"
    echo "outer machine: ${machine[*]}"
} >"$out/run-info.txt"

# One Xen QEMU at a time on this machine (2 cores; several users of this
# harness): wait for the lock, bounded, rather than run two side by side.
lock=${XEN_LOCK:-/tmp/libreserve-xen-qemu.lock}
exec 9>>"$lock"
if ! flock -n 9; then
    echo "xen-run: another Xen QEMU holds $lock; waiting (at most ${XEN_LOCK_WAIT:-1800}s)" >&2
    flock -w "${XEN_LOCK_WAIT:-1800}" 9 || die "gave up waiting for $lock"
fi
t_boot=$(date +%s)
echo "xen-run: booting Xen ($outer_mem MiB, ${#cfgs[@]} guest(s), limit ${timeout_s}s) -> $out" >&2
trap 'echo "xen-run: interrupted" >&2; exit 130' INT TERM
set +e
timeout --kill-after=10 "$timeout_s" qemu-system-x86_64 \
    "${machine[@]}" -accel tcg,thread=multi -smp 2 -cpu qemu64,+svm,+npt \
    -nographic -no-reboot -monitor none -serial "file:$log" \
    -kernel "$xen" -append "$xen_args" \
    -initrd "/boot/vmlinuz-$kv $dom0_args,$work/dom0-initrd.gz" \
    "${qemu_extra[@]+"${qemu_extra[@]}"}" </dev/null >"$out/qemu.log" 2>&1 &
qpid=$!                 # timeout's pid: killing it takes QEMU down (cleanup)
# Fail early instead of waiting for the whole-run limit: dom0 must report
# ready within XEN_DOM0_TIMEOUT s, and the console must not stay silent
# for longer than the per-guest limit + 60 s (dom0's own watchdog ends a
# hung guest before that, so silence means dom0 or Xen is gone).
dom0_limit=${XEN_DOM0_TIMEOUT:-300} stall_limit=$((guest_timeout + 60))
t0=$(date +%s) last_size=-1 last_change=$t0 ready="" abort=""
while kill -0 "$qpid" 2>/dev/null; do
    sleep 5
    now=$(date +%s)
    [ -z "$ready" ] && grep -aq 'LRX dom0-ready' "$log" 2>/dev/null && ready=1
    size=$(stat -c %s "$log" 2>/dev/null || echo 0)
    if [ "$size" -ne "$last_size" ]; then last_size=$size last_change=$now; fi
    if [ -z "$ready" ] && [ $((now - t0)) -ge "$dom0_limit" ]; then
        abort="dom0 not ready after ${dom0_limit}s"
    elif [ $((now - last_change)) -ge "$stall_limit" ]; then
        abort="no console output for ${stall_limit}s"
    fi
    if [ -n "$abort" ]; then
        echo "xen-run: $abort: stopping QEMU" >&2
        kill "$qpid" 2>/dev/null
        break
    fi
done
wait "$qpid"
qrc=$?
qpid=""
[ -z "$abort" ] || echo "aborted $abort" >>"$out/run-info.txt"
set -e
echo "wall_seconds $(( $(date +%s) - t_start ))" >>"$out/run-info.txt"
echo "boot_seconds $(( $(date +%s) - t_boot ))" >>"$out/run-info.txt"
echo "qemu_exit $qrc" >>"$out/run-info.txt"

# --- split the console into per-guest results ------------------------------
rc=0
"$HERE/collect.sh" "$log" "$out" || rc=1
# --iommu: Xen must have enabled the IOMMU and taken every region.
if [ -n "$iommu" ]; then
    grep -aq 'I/O virtualisation enabled' "$out/xen.log" ||
        { echo "xen-run: --iommu: Xen did not enable the IOMMU" >&2; rc=1; }
    for rg in "${rmrr_ranges[@]}"; do
        grep -aq "Adding RMRR for .* range \[$rg\]" "$out/xen.log" ||
            { echo "xen-run: --iommu: Xen did not take region $rg (rmrr=)" >&2; rc=1; }
    done
    grep -a 'RMRR' "$out/xen.log" | grep -a -v 'Command line' | sed 's/^([^]]*\] /  xen: /' >&2
fi
if [ -n "$abort" ]; then
    echo "xen-run: FAILED: $abort" >&2; rc=1
elif [ "$qrc" -eq 124 ] || [ "$qrc" -eq 137 ]; then
    echo "xen-run: TIMEOUT after ${timeout_s}s" >&2; rc=1
elif [ "$qrc" -ne 0 ]; then
    echo "xen-run: qemu exited with $qrc:" >&2; tail -n 20 "$out/qemu.log" >&2; rc=1
fi
cat "$out/summary.txt" >&2 2>/dev/null || true
if [ $rc -ne 0 ]; then
    echo "xen-run: FAILED; last 60 lines of the Xen console ($log):" >&2
    tr -d '\r' <"$log" | tail -n 60 >&2
fi
echo "xen-run: $(( $(date +%s) - t_start )) s wall" >&2
exit $rc
