#!/bin/bash
# SPDX-License-Identifier: MIT
# What the series adds to hvmloader, in executed instructions (make bench;
# figures only, nothing asserted about their size): hvmloader's whole run,
# from its entry point to the first instruction of the BIOS it hands over
# to (SeaBIOS, linear 0xe0000-0xfffff), counted by our QEMU TCG plugin
# (qemu-plugin/insn-window.c) in the real Xen boot of the harness (run.sh,
# Debian's Xen 4.17 under QEMU/TCG, PV dom0, nested HVM guests):
#   stock  Debian's toolstack and hvmloader (xen-utils-4.17)
#   ours   the patched toolstack and hvmloader of build-patched.sh
# The guests are the patched scenarios' own 256 MiB guests, stopped once
# hvmloader has handed over ("# lr-stop-after: hvmloader"):
#   plain  lr-unset-256m (rdm_layout unset): booted by both, the same guest
#   punch  lr-punch-256m (rdm_layout="punch": libxl lays out with the engine)
#   vnv    lr-vnv-256m (keys: a relaxed RMRR above RAM and a 128 MiB
#          vNVDIMM; hvmloader builds the NFIT and SSDT): ours only
# Only instructions at addresses in hvmloader's .text (the ELF's, per
# binary), in its hypercall page (HYPERCALL_PHYSICAL_ADDRESS, 0x80000:
# the stubs Xen writes there, which hvmloader calls) and in page 0 (the
# real-mode trampoline hvmloader copies to 0 to enter the BIOS) count; Xen
# (0xffff82d0...), dom0's kernel (high half) and its processes (from 4 MiB)
# are outside them.  As checks: the plugin is first calibrated on a boot
# sector whose count is known; there must be one window per guest, each
# closed (the guest reached the BIOS), no instruction below 4 MiB other
# than those may run in a window, and none at hvmloader's .text addresses
# outside the windows.  "series' code" is the part of
# ours executed in the code the series links in (libreserve-linked.o:
# glue, engine, ACPI builders), located by hvmloader's symbols; ours is
# also profiled by function (OUT/ours/functions.txt, and the functions
# that differ most from the plain guest are printed).
#
# The counts are not exactly reproducible: hvmloader polls the xenstore
# ring and the hypercall-page stubs while dom0's xenstored answers, so a
# few hundred to a few thousand instructions change from boot to boot
# (--repeat shows it); the series' code itself counts the same every time.
#
# The runs are kept in OUT with the key of their inputs and reused while
# the inputs are unchanged.  Each Xen boot takes 2-4 min under TCG; they
# take the harness's lock (run.sh).  When QEMU cannot load the plugin, the
# calibration fails, the patched build is missing or a run fails, prints
# why and exits 0 (a figure for make bench, not a check).
#
# Usage: hvmloader-insns.sh [--out DIR] [--repeat N]
#   --out DIR    where the runs are kept (default $BUILD/xen/insns)
#   --repeat N   boot every guest N times in its Xen run (default 1): the
#                counts of the repeats must agree for the figure to be stable
# Environment: BUILD (default build), and run.sh's.
set -u
here=$(cd "$(dirname "$0")" && pwd)
BUILD=${BUILD:-build}
out="" repeat=1
while [ $# -gt 0 ]; do
    case "$1" in
    --out) out=$2; shift 2 ;;
    --repeat) repeat=$2; shift 2 ;;
    -h|--help) sed -n '3,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "hvmloader-insns: unknown argument $1" >&2; exit 2 ;;
    esac
done
case "$repeat" in ''|*[!0-9]*|0) echo "hvmloader-insns: --repeat takes a positive number" >&2; exit 2 ;; esac
out=${out:-$BUILD/xen/insns}
stock_hvm=/usr/lib/xen-4.17/boot/hvmloader
skip() { echo "hvmloader instructions: not measured ($*)"; exit 0; }

mkdir -p "$out" || skip "cannot create $out"
out=$(cd "$out" && pwd)
command -v qemu-system-x86_64 >/dev/null || skip "no qemu-system-x86_64"
[ -f "$stock_hvm" ] || skip "no $stock_hvm (xen-utils-4.17)"

# --- the plugin, and its calibration ---------------------------------------
so=$out/insn-window.so
src=$here/qemu-plugin/insn-window.c
if [ ! -f "$so" ] || [ "$src" -nt "$so" ]; then
    gcc -shared -fPIC -O2 -Wall -Wextra -Werror -fvisibility=hidden -o "$so.tmp" "$src" \
        -lpthread 2>"$out/plugin-build.log" && mv "$so.tmp" "$so" ||
        skip "the plugin did not build: $(head -3 "$out/plugin-build.log" | tr '\n' ' ')"
fi
# A boot sector: mov $1000,%cx; 1: dec %cx; jnz 1b; ljmp $0xf000,$0xfff0.
# Counting [0x7c00, 0x7c06) with the sub-range [0x7c03, 0x7c04): the window
# opens at 0x7c00 and closes at the reset vector: 1 + 1000 + 1000 inside,
# the 1000 dec in the sub-range, the ljmp (at 0x7c06) in "other".
cal=$out/calibration
mkdir -p "$cal"
{ printf '\xb9\xe8\x03\x49\x75\xfd\xea\xf0\xff\x00\xf0'; head -c 499 /dev/zero
  printf '\x55\xaa'; head -c $((512 * 2879)) /dev/zero; } >"$cal/boot.img"
rm -f "$cal/windows.txt"
timeout 20 qemu-system-x86_64 -M pc -accel tcg -nographic -monitor none -serial none \
    -no-reboot -drive "file=$cal/boot.img,format=raw,if=floppy" -boot a \
    -plugin "$so,entry=0x7c00,lo=0x7c00,hi=0x7c06,sub_lo=0x7c03,sub_hi=0x7c04,out=$cal/windows.txt" \
    </dev/null >"$cal/qemu.log" 2>&1 &
qp=$!
for _ in $(seq 1 40); do
    grep -q '^window 1 ' "$cal/windows.txt" 2>/dev/null && break
    kill -0 $qp 2>/dev/null || break
    sleep 0.5
done
kill $qp 2>/dev/null; wait $qp 2>/dev/null
w1=$(grep -m1 '^window 1 ' "$cal/windows.txt" 2>/dev/null)
want="window 1 insns 2001 sub 1000 other 1 pages 0x7000:1"
[ "$w1" = "$want" ] ||
    skip "the plugin's calibration gave '${w1:-nothing}', not '$want' ($(tail -2 "$cal/qemu.log" | tr '\n' ' '))"

# --- what is booted ----------------------------------------------------------
ts=$("$here/build-patched.sh" 2>"$out/build-patched.log") ||
    skip "tests/xen/build-patched.sh failed (see $out/build-patched.log)"
our_hvm=$ts/hvmloader
[ -f "$our_hvm" ] || skip "no $our_hvm"

# entry, .text start and end of an ELF, in hex
elf_ranges() {
    local e t
    e=$(readelf -h "$1" | awk '/Entry point address/ { print $4 }')
    t=$(readelf -SW "$1" | sed -n 's/^ *\[ *[0-9]*\] //p' |
        awk '$1 == ".text" { print "0x" $3, "0x" $5 }')
    set -- $t
    [ -n "$e" ] && [ $# -eq 2 ] || return 1
    printf '%s 0x%x 0x%x\n' "$e" "$1" $(($1 + $2))
}
read -r s_entry s_lo s_hi < <(elf_ranges "$stock_hvm") || skip "cannot read $stock_hvm's .text"
read -r o_entry o_lo o_hi < <(elf_ranges "$our_hvm") || skip "cannot read $our_hvm's .text"

# The series' code in ours: from the lowest to the end of the highest text
# symbol defined in libreserve-linked.o, if no other text symbol of
# hvmloader lies in between (hvmloader.lds puts *(.text.*) after *(.text);
# the series' object is built with a section per function).
sub_lo=0 sub_hi=0
linked=$ts/xen/tools/firmware/hvmloader/libreserve-linked.o
if [ -f "$linked" ]; then
    nm "$linked" | awk '$2 ~ /^[tT]$/ { print $3 }' | sort -u >"$out/series-syms.txt"
    read -r sub_lo sub_hi < <(nm -S "$our_hvm" | awk -v lo=$((o_lo)) -v hi=$((o_hi)) '
        function hex(s,   i, v) {
            v = 0; s = tolower(s)
            for ( i = 1; i <= length(s); i++ )
                v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
            return v
        }
        NR == FNR { ours[$1] = 1; next }
        { if ( NF == 4 ) { sz = hex($2); ty = $3; nm = $4 } else { sz = 0; ty = $2; nm = $3 } }
        ty ~ /^[tT]$/ { a = hex($1); e = a + sz
            if ( nm in ours ) { if ( !n++ || a < mn ) mn = a; if ( e > mx ) mx = e }
            else { other[++k] = a } }
        END {
            if ( !n ) { print 0, 0; exit }
            for ( i = 1; i <= k; i++ ) if ( other[i] >= mn && other[i] < mx ) { print 0, 0; exit }
            if ( mn < lo || mx > hi ) { print 0, 0; exit }
            printf "0x%x 0x%x\n", mn, mx
        }' "$out/series-syms.txt" -)
fi

# hvmloader's hypercall page (config.h of the source built, the same 4.17
# branch as Debian's binary; the stock run's windows confirm it)
hcall=$(sed -n 's/^#define HYPERCALL_PHYSICAL_ADDRESS[ \t]*\(0x[0-9a-fA-F]*\).*/\1/p' \
        "$ts/xen/tools/firmware/hvmloader/config.h" 2>/dev/null)
[ -n "$hcall" ] || skip "no HYPERCALL_PHYSICAL_ADDRESS in $ts/xen/tools/firmware/hvmloader/config.h"
hcall=$(printf '0x%x' "$hcall")

# The guests: copies of the patched scenarios, stopped after hvmloader.
cfgdir=$out/cfg
rm -rf "$cfgdir"; mkdir -p "$cfgdir"
pg=$here/patched/guests
for g in lr-unset-256m lr-punch-256m lr-vnv-256m; do
    [ -f "$pg/$g.cfg" ] || skip "no $pg/$g.cfg"
    { grep -v '^#[ \t]*lr-stop-after:' "$pg/$g.cfg"; echo "# lr-stop-after: hvmloader"; } >"$cfgdir/$g.cfg"
done
stock_cfgs=() our_cfgs=() stock_names=() our_names=()
for _ in $(seq 1 "$repeat"); do
    stock_cfgs+=("$cfgdir/lr-unset-256m.cfg"); stock_names+=(plain)
    our_cfgs+=("$cfgdir/lr-unset-256m.cfg" "$cfgdir/lr-punch-256m.cfg" "$cfgdir/lr-vnv-256m.cfg")
    our_names+=(plain punch vnv)
done

# --- the two Xen runs (kept while their inputs are unchanged) ---------------
. "$here/lib.sh"
bin=$BUILD/xen/patched-bin
mkdir -p "$bin"
${CC:-gcc} -static -O2 -Wall -Werror -o "$bin/xs-write" "$here/patched/xs-write.c" 2>/dev/null ||
    skip "cannot build xs-write (gcc, libc6-dev)"
harness=("$src" "$here/run.sh" "$here/lib.sh" "$IR_LIB" "$here/dom0-init" "$here/collect.sh"
         "$here/guest-init" "$here/mkdom0.sh" "$here/mkguest.sh" "$XEN_GZ" "$cfgdir"/*.cfg)
# run SIDE ENTRY LO HI SUB_LO SUB_HI KEYFILES... -- RUN.SH-ARGS...
run_side() {
    local side=$1 entry=$2 lo=$3 hi=$4 slo=$5 shi=$6 key keys=() d
    shift 6
    while [ "$1" != -- ]; do keys+=("$1"); shift; done
    shift
    d=$out/$side
    key=$(ir_key "${harness[@]}" "${keys[@]}")-$repeat-$entry-$lo-$hi-$slo-$shi
    if [ -f "$d/insns-key" ] && [ "$(cat "$d/insns-key")" = "$key" ]; then
        echo "hvmloader-insns: reusing the $side run in $d (same inputs)" >&2
        return 0
    fi
    rm -rf "$d"
    mkdir -p "$d"
    BUILD=$BUILD "$here/run.sh" --out "$d" --guest-timeout 300 \
        --qemu-arg -plugin \
        --qemu-arg "$so,entry=$entry,lo=$lo,hi=$hi,sub_lo=$slo,sub_hi=$shi,out=$out/$side-windows.txt,profile=$out/$side-profile.txt" \
        "$@" >"$out/$side-run.log" 2>&1
    local rc=$?
    mv "$out/$side-windows.txt" "$d/windows.txt" 2>/dev/null
    mv "$out/$side-profile.txt" "$d/profile.txt" 2>/dev/null
    [ $rc -eq 0 ] || return 1
    echo "$key" >"$d/insns-key"
}
run_side stock "$s_entry" "$s_lo" "$s_hi" 0 0 "$stock_hvm" /usr/lib/xen-4.17/bin/xl -- \
    "${stock_cfgs[@]}" || skip "the stock Xen run failed (see $out/stock-run.log)"
run_side ours "$o_entry" "$o_lo" "$o_hi" "$sub_lo" "$sub_hi" "$ts/build-info.txt" "$our_hvm" \
    "$ts/xl" "$here/patched/dm-wrapper.sh" "$here/patched/keys/lr-vnv-256m.keys" "$bin/xs-write" -- \
    --toolstack "$ts" --file "$bin/xs-write:/lr/xs-write" \
    --file "$here/patched/dm-wrapper.sh:/lr/dm-wrapper.sh" \
    --file "$here/patched/keys/lr-vnv-256m.keys:/lr/keys/lr-vnv-256m.keys" \
    "${our_cfgs[@]}" || skip "the patched Xen run failed (see $out/ours-run.log)"

# --- checks on the windows, then the table -----------------------------------
# windows_ok SIDE NGUESTS: one closed window per guest, nothing "other"
# but the hypercall page and the trampoline's page 0
windows_ok() {
    local w=$out/$1/windows.txt n
    [ -f "$w" ] || { echo "no $w"; return 1; }
    n=$(grep -c '^window [0-9]* insns ' "$w")
    grep -q '^window .* unclosed ' "$w" && { echo "$1: a window did not close: $(grep unclosed "$w" | head -1)"; return 1; }
    [ "$n" -eq "$2" ] || { echo "$1: $n windows for $2 guests"; return 1; }
    grep -q "^windows $2\$" "$w" || { echo "$1: the plugin's total is not $2 windows"; return 1; }
    grep -q '^outside 0$' "$w" ||
        { echo "$1: instructions at hvmloader's addresses outside its windows: $(grep '^outside' "$w" || echo 'no total')"; return 1; }
    awk -v h="$hcall" '$1 == "window" && $10 != "-" { n = split($10, p, ",")
        for ( i = 1; i <= n; i++ ) if ( p[i] !~ ("^(" h "|0x0):") ) bad = 1 } END { exit bad }' "$w" ||
        { echo "$1: instructions below 4 MiB outside .text, page 0 and the hypercall page ($hcall) in a window: $(grep '^window' "$w" | head -1)"; return 1; }
}
why=$(windows_ok stock ${#stock_cfgs[@]}) || skip "$why"
why=$(windows_ok ours ${#our_cfgs[@]}) || skip "$why"

# counts NAMES... < windows.txt: "name whole sub" per window, in guest
# order; whole = .text + the hypercall page + page 0
counts() { awk -v names="$*" 'BEGIN { n = split(names, nm, " ") }
    $1 == "window" && $3 == "insns" { i++; print nm[i], $4 + $8, $6 }'; }
counts "${stock_names[@]}" <"$out/stock/windows.txt" >"$out/stock/counts.txt"
counts "${our_names[@]}" <"$out/ours/windows.txt" >"$out/ours/counts.txt"
# ours by function: "window function count" (hvmloader's symbols)
nm -n "$our_hvm" | awk '$2 ~ /^[tTwW]$/ { print $1, $3 }' >"$out/ours/symbols.txt"
awk 'function hex(s,   i, v) {
        v = 0; s = tolower(s); sub(/^0x/, "", s)
        for ( i = 1; i <= length(s); i++ )
            v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
        return v
    }
    NR == FNR { a[++n] = hex($1); f[n] = $2; next }
    $1 == "window" { w = $2; j = 1; next }
    { x = hex($1); while ( j < n && a[j + 1] <= x ) j++
      c[w " " f[j]] += $2 }
    END { for ( k in c ) print k, c[k] }' "$out/ours/symbols.txt" "$out/ours/profile.txt" |
    sort -k1,1n -k3,3nr >"$out/ours/functions.txt"

# stat NAME COLUMN FILE: mean (rounded), min, max and number of the
# scenario's windows
stat() { awk -v n="$1" -v c="$2" '$1 == n { s += $c; k++
        if ( k == 1 || $c < mn ) mn = $c; if ( $c > mx ) mx = $c }
    END { if ( k ) printf "%d %d %d %d\n", int(s / k + 0.5), mn, mx, k }' "$3"; }
read -r stock_plain s_min s_max _ < <(stat plain 2 "$out/stock/counts.txt")
[ -n "${stock_plain:-}" ] || skip "no stock window"

echo "hvmloader: executed instructions, whole run (entry to the first BIOS" \
     "instruction; .text, hypercall page, trampoline), counted by a QEMU TCG plugin in" \
     "the Xen boot; 256 MiB HVM guest, mean of $repeat boot(s) each"
printf '%-32s %9s %9s %9s %7s %9s\n' guest stock ours added "added%" "series'"
spread="stock plain ${s_min}..${s_max}"
for sc in plain punch vnv; do
    read -r o o_min o_max _ < <(stat "$sc" 2 "$out/ours/counts.txt")
    read -r sub sub_min sub_max _ < <(stat "$sc" 3 "$out/ours/counts.txt")
    case $sc in
    plain) what="plain (rdm_layout unset)" ;;
    punch) what="rdm_layout=punch" ;;
    vnv) what="RMRR + 128 MiB vNVDIMM (keys)" ;;
    esac
    if [ "$sub_hi" = 0 ]; then sub="-"
    elif [ "$sub_min" != "$sub_max" ]; then sub="$sub_min..$sub_max"
    fi
    printf '%-32s %9s %9s %+9d %+6.1f%% %9s\n' "$what" "$stock_plain" "$o" \
        $((o - stock_plain)) "$(awk -v a="$o" -v b="$stock_plain" 'BEGIN { printf "%.1f", (a - b) * 100 / b }')" "$sub"
    spread="$spread, ours $sc ${o_min}..${o_max}"
done
echo "(every row against stock's plain guest: stock has no rdm_layout or vNVDIMM" \
     "keys; series' = in libreserve-linked.o's functions)"
[ "$repeat" -gt 1 ] && echo "range over the boots: $spread"
# Where ours spends what the plain guest does not: the first window of
# each scenario, by function, against the first plain one.
for sc in punch vnv; do
    wp=$(awk '$1 == "plain" { print NR; exit }' "$out/ours/counts.txt")
    ws=$(awk -v n="$sc" '$1 == n { print NR; exit }' "$out/ours/counts.txt")
    printf 'ours, %s - plain, by function:' "$sc"
    awk -v a="$ws" -v b="$wp" '$1 == a { d[$2] += $3 } $1 == b { d[$2] -= $3 }
        END { for ( f in d ) if ( d[f] != 0 ) print d[f], f }' "$out/ours/functions.txt" |
        sort -k1,1nr | head -6 | awk '{ printf " %s %+d", $2, $1 } END { print "" }'
done
exit 0
