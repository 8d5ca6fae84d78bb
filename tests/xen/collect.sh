#!/bin/bash
# SPDX-License-Identifier: MIT
# Split a Xen console log written by run.sh into per-guest results:
#   OUT/NN-<cfg>/hvmloader.log       the domain's "(dN)" lines, prefix removed:
#                                    hvmloader, SeaBIOS, the guest's LRG report
#   OUT/NN-<cfg>/hvmloader-e820.txt  hvmloader's last E820 table, normalised
#   OUT/NN-<cfg>/seabios-e820.txt    the map SeaBIOS hands the OS, normalised
#   OUT/NN-<cfg>/guest.log           the guest's serial console (ttyS0)
#   OUT/NN-<cfg>/guest-report.txt    the guest /init's "LRG" lines
#   OUT/NN-<cfg>/guest-e820.txt      the guest kernel's BIOS-e820 lines, normalised
#   OUT/NN-<cfg>/guest-memmap.txt    /sys/firmware/memmap, normalised
#   OUT/NN-<cfg>/{iomem,acpi,nd,pmem}.txt, dm.log, xl.log, status
#   OUT/summary.txt                  one line per guest; OUT/xen.log: "(XEN)" lines
# Exits non-zero if dom0 did not finish or a guest failed (no E820 table
# from hvmloader, guest did not reach its init or its "LRG end"; a guest
# that dom0 stopped after hvmloader, "# lr-stop-after: hvmloader" in its
# config, needs only the E820 table; one whose config says "# lr-expect:
# hvmloader-crash" passes only if hvmloader crashed before its E820, one
# with "# lr-expect: create-failed" only if xl create failed and no
# hvmloader ran).
# Usage: collect.sh XEN-CONSOLE-LOG OUT
set -eu
here=$(cd "$(dirname "$0")" && pwd)
log=$1 out=$2
mkdir -p "$out"
clean=$out/.console.txt
tr -d '\r\000' <"$log" | sed 's/\x1b\[[0-9;?]*[A-Za-z]//g; s/\x1b[()][A-Z0-9]//g; s/\x1b[A-Za-z=>]//g' >"$clean"
grep -a '^(XEN)' "$clean" >"$out/xen.log" || true
lrx=$out/.lrx.txt
grep -ao 'LRX .*' "$clean" >"$lrx" || true

rc=0
: >"$out/summary.txt"
if ! grep -q '^LRX dom0-ready' "$lrx"; then
    echo "dom0 never became ready (toolstack start failed or dom0 did not boot)" >>"$out/summary.txt"
    rc=1
fi
grep '^LRX guest-begin ' "$lrx" | while read -r _ _ idx name cfg; do
    d=$out/${cfg%.cfg}          # dom0 names them NN-<config file>
    mkdir -p "$d"
    pick() { sed -n "s/^LRX $1 $idx: \{0,1\}//p" "$lrx"; }
    pick serial >"$d/guest.log"
    pick xl >"$d/xl.log"
    pick dm >"$d/dm.log"
    domid=$(sed -n "s/^LRX guest-domid $idx \([0-9]*\).*/\1/p" "$lrx" | head -1)
    state=$(sed -n "s/^LRX guest-\(done\|stopped\|timeout\|create-failed\|error\) $idx\( \(.*\)\)\{0,1\}$/\1 \3/p" "$lrx" | head -1)
    : >"$d/hvmloader.log"
    if [ -n "$domid" ]; then
        grep -a "^(d$domid) " "$clean" | sed 's/^(d[0-9]*) \(\[[ 0-9.]*\] \)\{0,1\}//' >"$d/hvmloader.log" || true
    fi
    "$here/e820-norm.sh" --domid "${domid:-0}" "$d/hvmloader.log" >"$d/hvmloader-e820.txt" 2>/dev/null || true
    # SeaBIOS's "e820 map has N items:" block (what the OS gets from int 15h).
    awk '/^e820 map has [0-9]+ items:/ {buf=""; on=1; next}
         on && /^ *[0-9]+: [0-9a-f]+ - [0-9a-f]+ = / {buf = buf $0 "\n"; next}
         on {on=0} END {printf "%s", buf}' "$d/hvmloader.log" |
        sed -E 's/^ *[0-9]+: ([0-9a-f]+) - ([0-9a-f]+) = [0-9]+ (.*)$/\3 0x\1 0x\2/' |
        "$here/e820-norm.sh" >"$d/seabios-e820.txt" || true
    # The guest's report: its /init writes to port 0xE9 ("(dN) LRG ...");
    # a fallback writes to the serial console.
    grep -h '^LRG ' "$d/hvmloader.log" "$d/guest.log" >"$d/guest-report.txt" || true
    g() { sed -n "s/^LRG $1: //p" "$d/guest-report.txt"; }
    g dmesg | grep 'BIOS-e820' | "$here/e820-norm.sh" >"$d/guest-e820.txt" || true
    grep '^LRG memmap: ' "$d/guest-report.txt" | "$here/e820-norm.sh" >"$d/guest-memmap.txt" || true
    g iomem >"$d/iomem.txt"; g acpi >"$d/acpi.txt"; g nd >"$d/nd.txt"; g pmem >"$d/pmem.txt"
    why=""
    expect=$(sed -n "s/^LRX guest-expect $idx //p" "$lrx" | head -1)
    if [ "$expect" = hvmloader-crash ]; then
        # ok only if hvmloader stopped the guest before any E820 table
        grep -q 'HVMLoader crashed' "$d/hvmloader.log" || why="$why hvmloader-did-not-crash"
        grep -q 'E820 table:' "$d/hvmloader.log" && why="$why hvmloader-printed-e820"
        case "$state" in timeout*|"") why="$why dom0:${state:-no-result}" ;; esac
        if [ -z "$why" ]; then st="ok(expected-crash)"; else st="FAILED:$why"; fi
        echo "$st" >"$d/status"
        printf '%-34s domid=%-3s %-8s %s\n' "$(basename "$d")" "${domid:-?}" "${state%% *}" "$st" >>"$out/summary.txt"
        continue
    fi
    if [ "$expect" = create-failed ]; then
        # ok only if xl refused the domain before hvmloader ran
        case "$state" in create-failed*) ;; *) why="$why dom0:${state:-no-result}" ;; esac
        grep -q 'HVM Loader' "$d/hvmloader.log" && why="$why hvmloader-ran"
        if [ -z "$why" ]; then st="ok(expected-create-failure)"; else st="FAILED:$why"; fi
        echo "$st" >"$d/status"
        printf '%-34s domid=%-3s %-8s %s\n' "$(basename "$d")" "${domid:-?}" "${state%% *}" "$st" >>"$out/summary.txt"
        continue
    fi
    case "$state" in
    done*) ;;
    stopped*) ;;        # lr-stop-after: hvmloader; no guest report expected
    *) why="$why dom0:${state:-no-result}" ;;
    esac
    [ -s "$d/hvmloader-e820.txt" ] || why="$why no-hvmloader-e820"
    case "$state" in stopped*) ;; *)
        grep -q '^LRG init-reached' "$d/guest-report.txt" || why="$why guest-init-not-reached"
        grep -q '^LRG end' "$d/guest-report.txt" || why="$why guest-end-missing" ;;
    esac
    if [ -z "$why" ]; then st=ok; else st="FAILED:$why"; fi
    echo "$st" >"$d/status"
    printf '%-34s domid=%-3s %-8s hvmloader-e820=%s guest-e820=%s %s\n' "$(basename "$d")" "${domid:-?}" \
        "${state%% *}" "$(wc -l <"$d/hvmloader-e820.txt")" "$(wc -l <"$d/guest-e820.txt")" "$st" >>"$out/summary.txt"
done
n_begin=$(grep -c '^LRX guest-begin ' "$lrx" || true)
[ "$n_begin" -gt 0 ] || { echo "no guest was started" >>"$out/summary.txt"; rc=1; }
grep -q 'FAILED' "$out/summary.txt" && rc=1
if ! grep -q '^LRX all-done 0' "$lrx"; then
    echo "dom0 did not report all-done 0 ($(grep '^LRX all-done' "$lrx" || echo 'no all-done line'))" >>"$out/summary.txt"
    rc=1
fi
rm -f "$lrx" "$clean"
exit $rc
