#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Boot one Linux guest under QEMU (TCG) with our ACPI tables and capture its
# serial console.  The interface the checks (and the engine, later) use:
#
#   boot.sh --kernel FILE --initrd FILE --tables DIR --mem SIZE --log FILE
#           [--max-ram-below-4g SIZE] [--memmap 'ARGS'] [--ram-file FILE]
#           [--append 'ARGS'] [--timeout SECONDS]
#
#   --tables DIR     DIR/nfit.aml and DIR/ssdt.aml, passed with -acpitable
#                    (whole tables with header; QEMU recomputes checksums)
#   --mem SIZE       guest RAM (QEMU -m syntax: 1G, 2048M)
#   --max-ram-below-4g SIZE
#                    QEMU's lowmem end; RAM beyond it lives from 4 GiB up.
#                    This is how QEMU's RAM is made to match a layout's
#                    lowmem end.  Default: QEMU's (pc: all RAM low below
#                    3.5 GiB of RAM, else lowmem ends at 3 GiB)
#   --memmap ARGS    the guest e820 as kernel arguments, verbatim: either
#                    reservations on top of the firmware map
#                    ('memmap=256M$0x20000000') or a whole map
#                    ('memmap=exactmap memmap=639K@0 ...'), as rendered by
#                    lr_e820_memmap().  The pmem and label ranges must be
#                    reserved ($), never RAM.  No shell quoting needed here
#                    beyond passing it as one argument.
#   --ram-file FILE  back guest RAM with FILE (memory-backend-file,
#                    share=on): what the guest writes to pmem lands in FILE
#                    at the guest-physical offset (see gpa_to_offset in
#                    check.sh), and survives for a second boot.
#   --append ARGS    more kernel arguments (lrg.action=..., lrg.marker=...)
#   --timeout S      kill QEMU after S seconds (default 120): a hang fails
#   --log FILE       the console, with CRs and escape codes removed; the raw
#                    console goes to FILE.raw
#
# nokaslr: the bzImage decompressor picks a random physical load address in
# what the firmware map calls RAM, avoiding only the first four memmap=$
# ranges; under QEMU the pmem is firmware RAM hidden by memmap=, so with more
# ranges (exactmap) the kernel sometimes landed inside a vNVDIMM (seen: no
# pmem1, "could not reserve region").  Under Xen the firmware map itself
# reserves the pmem, so this is the harness's problem, not the layout's.
#
# Exit status: QEMU's, or 124 on timeout.  Whether the guest reached its end
# is for the caller to judge from the log ("LRG end").
set -eu

kernel="" initrd="" tables="" mem="" log="" lowmem="" memmap="" ramfile=""
append="" tmo=120
while [ $# -gt 0 ]; do
    case "$1" in
    --kernel) kernel=$2 ;;
    --initrd) initrd=$2 ;;
    --tables) tables=$2 ;;
    --mem) mem=$2 ;;
    --log) log=$2 ;;
    --max-ram-below-4g) lowmem=$2 ;;
    --memmap) memmap=$2 ;;
    --ram-file) ramfile=$2 ;;
    --append) append=$2 ;;
    --timeout) tmo=$2 ;;
    *) echo "boot.sh: unknown option $1" >&2; exit 2 ;;
    esac
    shift 2
done
for v in kernel initrd tables mem log; do
    [ -n "${!v}" ] || { echo "boot.sh: --$v is required" >&2; exit 2; }
done

machine=pc
[ -n "$lowmem" ] && machine="$machine,max-ram-below-4g=$lowmem"
ram=()
if [ -n "$ramfile" ]; then
    ram=(-object "memory-backend-file,id=lrgram,size=$mem,mem-path=$ramfile,share=on")
    machine="$machine,memory-backend=lrgram"
fi

rc=0
timeout -k 5 "$tmo" qemu-system-x86_64 -accel tcg -machine "$machine" "${ram[@]}" \
    -m "$mem" -smp 1 -nographic -no-reboot -nodefaults -serial stdio \
    -kernel "$kernel" -initrd "$initrd" \
    -append "console=ttyS0 quiet panic=-1 nokaslr $memmap $append" \
    -acpitable file="$tables/nfit.aml" -acpitable file="$tables/ssdt.aml" \
    </dev/null >"$log.raw" 2>&1 || rc=$?
# Serial output has CR line ends and terminal escape sequences.
sed -e 's/\r$//' -e 's/\r/\n/g' -e 's/\x1b\[[0-9;?]*[A-Za-z]//g' -e 's/\x1b[()][A-Z0-9]//g' \
    -e 's/\x1b[=>c78DEHM]//g' "$log.raw" >"$log"
exit "$rc"
