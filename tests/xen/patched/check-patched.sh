#!/bin/bash
# SPDX-License-Identifier: MIT
# Verdicts on a patched-Xen run (run-patched.sh), one scenario a call.
# Every comparison prints the predicted and the actual table; any
# difference, missing result or missing line fails.
#
#   layout    guests with rdm_layout = punch|pack|superpage: hvmloader's E820
#             equals `xen-layout --strategy S --format e820` for the same
#             xl.cfg, entry for entry; the RAM libxenguest populated (its
#             "range:" lines in xl -v's output) equals the layout's RAM
#             chunks (the VGA hole folded back, as libxenguest does); libxl
#             logged the layout; hvmloader printed that hvm_info agrees
#   stock     guests without rdm_layout: the stock layout, as xen-compat
#             predicts (E820 and populated RAM); hvmloader finds no schema
#   vnvdimm   lr-vnv-256m: keys written in dom0 (keys/lr-vnv-256m.keys);
#             the guest's Linux has region0 and /dev/pmem0 at exactly the
#             address and size xen-layout plans for the same keys, and
#             hvmloader's E820 equals xen-layout's for them
#   mismatch  lr-inram-256m: keys that disagree with the populated RAM stop
#             hvmloader with "error LR-HVMINFO-MISMATCH" before any E820
#   bars      lr-bars-1g: every memory BAR and ROM the guest's Linux holds
#             (sysfs resource, "LRG pci:" lines) is where `xen-layout
#             --bars bars/lr-bars-1g.bars` puts it for the same keys, and
#             where hvmloader's per-BAR "libreserve:" line says; the guest
#             has exactly the BARs of the .bars file (sizes included);
#             hvmloader's E820 equals xen-layout's; nothing skipped
#
# Usage: check-patched.sh SCENARIO RESULTS-DIR SIMULATOR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
xen=$here/..
. "$xen/verdict.sh"      # rdir, layout_of, bad, judge_populated, ...
scen=${1:?usage: check-patched.sh SCENARIO RESULTS-DIR SIMULATOR}
res=${2:?} sim=${3:?}
[ -x "$sim" ] || { echo "check-patched: simulator $sim missing (build it first): FAIL"; exit 1; }
[ -f "$res/run-info.txt" ] || { echo "check-patched: no run in $res: FAIL"; exit 1; }
fail=0 n=0

# E820 and populated RAM of guest dir D against the simulator's plan of
# CFG with strategy S; prints both tables.
# A keys file ("relative-path value" lines, as dm-wrapper.sh writes them)
# as the `xenstore-ls -f` dump of domain 1 that xen-layout reads.
keys_to_dump() {
    awk '{ k = $1; $1 = ""; sub(/^ /, ""); printf "/local/domain/1/%s = \"%s\"\n", k, $0 }' "$1"
}

judge_layout() {
    local d=$1 cfg=$2 s=$3 name
    name=$(basename "$d")
    "$sim" plan --strategy "$s" --format e820 --config "$cfg" >"$d/predicted-e820.txt" \
        2>"$d/predicted.err" || { bad "$name: xen-layout failed: $(head -3 "$d/predicted.err")"; return; }
    "$sim" plan --strategy "$s" --format json --config "$cfg" >"$d/predicted.json" \
        2>>"$d/predicted.err" || { bad "$name: xen-layout --format json failed"; return; }
    judge_e820 "$d" "$d/predicted-e820.txt" "xen-layout $s"
    judge_populated "$d" "$d/predicted.json" "$s"
    # Told, not judged: Xen falls back to 2 MiB pages when it has no free
    # 1 GiB frame, whatever the layout allows.
    pg=$(sed -n 's/.*1GB PAGES: \(0x[0-9a-f]*\).*/\1/p' "$d/xl.log" | tail -1)
    echo "  1 GiB pages: libxenguest allocated $((${pg:-0}))," \
         "the layout allows $(jq -r '.stats.map_1g_count' "$d/predicted.json")"
}

for cfg in "$here"/guests/*.cfg; do
    name=$(basename "$cfg" .cfg)
    s=$(layout_of "$cfg")
    dm=$(grep -c '^[ \t]*device_model_override' "$cfg" || true)
    case "$scen" in
    layout) case "$s" in punch|pack|superpage) ;; *) continue ;; esac ;;
    stock) [ -z "$s" ] && [ "$dm" -eq 0 ] || continue ;;
    vnvdimm) [ "$name" = lr-vnv-256m ] || continue ;;
    mismatch) [ "$name" = lr-inram-256m ] || continue ;;
    bars) [ "$name" = lr-bars-1g ] || continue ;;
    *) echo "check-patched: unknown scenario $scen" >&2; exit 2 ;;
    esac
    n=$((n + 1))
    d=$(rdir "$name")
    echo "$name:"
    if [ -z "$d" ]; then bad "$name: no result (the run did not start it)"; continue; fi
    st=$(cat "$d/status" 2>/dev/null || echo "no status")
    case "$scen" in
    layout)
        case "$st" in ok*) ;; *) bad "$name: guest $st" ;; esac
        judge_layout "$d" "$cfg" "$s"
        judge_both_runs "$d" "$s"
        ;;
    stock)
        case "$st" in ok*) ;; *) bad "$name: guest $st" ;; esac
        judge_layout "$d" "$cfg" xen-compat
        grep -q "^libreserve: no schema in xenstore, stock layout" "$d/hvmloader.log" &&
            echo "  hvmloader: no schema in xenstore, stock layout" ||
            bad "$name: hvmloader did not take the stock path"
        grep -q "libxl_libreserve" "$d/xl.log" && bad "$name: libxl ran libreserve without rdm_layout"
        ;;
    vnvdimm)
        case "$st" in ok*) ;; *) bad "$name: guest $st" ;; esac
        keys_to_dump "$here/keys/$name.keys" >"$d/keys.dump"
        "$sim" plan --xenstore-dump "$d/keys.dump" --domid 1 --format json >"$d/predicted.json" \
            2>"$d/predicted.err" || { bad "xen-layout on the keys failed: $(head -3 "$d/predicted.err")"; continue; }
        "$sim" plan --xenstore-dump "$d/keys.dump" --domid 1 --format e820 >"$d/predicted-e820.txt" \
            2>>"$d/predicted.err" || bad "xen-layout --format e820 on the keys failed"
        pb=$(jq -r '.vnvdimms[0].data.base' "$d/predicted.json")
        ps=$(jq -r '.vnvdimms[0].data.size' "$d/predicted.json")
        printf '  planned (xen-layout on the keys): base 0x%x size %d\n' $((pb)) "$ps"
        grep -q '^libreserve: NFIT and SSDT for 1 vNVDIMMs' "$d/hvmloader.log" &&
            echo "  hvmloader: NFIT and SSDT for 1 vNVDIMMs" || bad "hvmloader built no vNVDIMM tables"
        sed 's/^/  guest nd: /' "$d/nd.txt"; sed 's/^/  guest pmem: /' "$d/pmem.txt"
        grep -i 'persistent' "$d/iomem.txt" | sed 's/^/  guest iomem: /' || true
        r=$(sed -n 's/^region0 .*resource=\(0x[0-9a-f]*\).*/\1/p' "$d/nd.txt" | head -1)
        z=$(sed -n 's/^region0 .*size=\([0-9]*\).*/\1/p' "$d/nd.txt" | head -1)
        if [ -z "$r" ] || [ $((r)) -ne $((pb)) ] || [ "${z:-0}" -ne "$ps" ]; then
            bad "region0 is at ${r:-nothing} size ${z:-?}, planned $pb size $ps"
        fi
        sectors=$(sed -n 's|^/dev/pmem0 \([0-9]*\) sectors.*|\1|p' "$d/pmem.txt")
        [ "${sectors:-0}" -eq $((ps / 512)) ] || bad "/dev/pmem0 has ${sectors:-no} sectors, planned $((ps / 512))"
        judge_e820 "$d" "$d/predicted-e820.txt" "xen-layout (keys)"
        ;;
    bars)
        case "$st" in ok*) ;; *) bad "$name: guest $st" ;; esac
        keys_to_dump "$here/keys/$name.keys" >"$d/keys.dump"
        "$sim" plan --xenstore-dump "$d/keys.dump" --domid 1 --bars "$here/bars/$name.bars" \
            --format bars >"$d/predicted-bars-table.txt" 2>"$d/predicted.err" ||
            { bad "xen-layout --format bars failed: $(head -3 "$d/predicted.err")"; continue; }
        "$sim" plan --xenstore-dump "$d/keys.dump" --domid 1 --bars "$here/bars/$name.bars" \
            --format json >"$d/predicted.json" 2>>"$d/predicted.err" ||
            { bad "xen-layout --format json failed"; continue; }
        "$sim" plan --xenstore-dump "$d/keys.dump" --domid 1 --format e820 >"$d/predicted-e820.txt" \
            2>>"$d/predicted.err" || bad "xen-layout --format e820 on the keys failed"
        echo "  xen-layout --format bars (the plan):"
        sed 's/^/      /' "$d/predicted-bars-table.txt"
        # "OWNER ADDRESS SIZE" lines, sorted by owner, from each side.
        jq -r '.bars.list[] | "\(.owner)|\(.addr // "-")|\(.size)"' "$d/predicted.json" |
            while IFS='|' read -r o a z; do
                [ "$a" = - ] && a=UNPLACED || a=$(printf '0x%016x' $((a)))
                printf '%s %s %d\n' "${o// /_}" "$a" "$z"
            done | sort >"$d/predicted-bars.txt"
        sed -n 's/^LRG pci: //p' "$d/guest-report.txt" >"$d/pci.txt"
        # Linux shows the boot VGA's ROM as its shadow at 0xC0000
        # (IORESOURCE_ROM_SHADOW): its address is then the ROM register
        # ("LRG pcirom:"), its size unknown to the guest ("?" matches any).
        while read -r bdf i s e f; do
            [ $(( f & 0x200 )) -ne 0 ] || continue      # IORESOURCE_MEM only
            if [ "$i" -eq 6 ]; then o="${bdf}_ROM"; else o="${bdf}_BAR_$i"; fi
            z=$(( e - s + 1 ))
            if [ "$i" -eq 6 ] && [ $((s)) -eq $((0xc0000)) ] && [ $(( f & 2 )) -ne 0 ]; then
                s=$(sed -n "s/^LRG pcirom: $bdf //p" "$d/guest-report.txt" | head -1)
                s=$(( ${s:-0} & 0xfffff800 )) z="?"
            fi
            printf '%s 0x%016x %s\n' "$o" $((s)) "$z"
        done <"$d/pci.txt" | sort >"$d/guest-bars.txt"
        # "?" sizes take the predicted size for the comparison only.
        awk 'NR == FNR { z[$1] = $3; next } $3 == "?" && ($1 in z) { $3 = z[$1] } { print }' \
            "$d/predicted-bars.txt" "$d/guest-bars.txt" >"$d/guest-bars-cmp.txt"
        sed -n 's/^libreserve: \(0000:[0-9a-f:.]*\) \(BAR [0-5]\|ROM\) size \([0-9a-f]*\): \([0-9a-f]*\) .*/\1_\2|\4|\3/p' \
            "$d/hvmloader.log" | tr ' ' _ | while IFS='|' read -r o a z; do
                printf '%s 0x%016x %d\n' "$o" $((0x$a)) $((0x$z))
            done | sort >"$d/hvmloader-bars.txt"
        if [ ! -s "$d/guest-bars.txt" ]; then
            bad "no 'LRG pci:' memory resources from the guest"
        elif cmp -s "$d/guest-bars-cmp.txt" "$d/predicted-bars.txt"; then
            echo "  guest BARs (Linux sysfs) = xen-layout's ($(wc -l <"$d/guest-bars.txt") memory BARs):"
            side_by_side "xen-layout (predicted)" "$d/predicted-bars.txt" \
                "guest Linux (actual)" "$d/guest-bars.txt"
            grep -q ' ?$' "$d/guest-bars.txt" &&
                echo "    (? and !: Linux shows the boot VGA's ROM as its shadow at 0xC0000; its address is the ROM register, its size is not visible in the guest)"
        else
            bad "the guest's BARs are not xen-layout's (or not the .bars file's devices):"
            side_by_side "xen-layout (predicted)" "$d/predicted-bars.txt" \
                "guest Linux (actual)" "$d/guest-bars.txt"
        fi
        if cmp -s "$d/hvmloader-bars.txt" "$d/predicted-bars.txt"; then
            echo "  hvmloader's per-BAR lines = xen-layout's:"
            grep '^libreserve: 0000:\|^libreserve: [0-9]* memory BARs' "$d/hvmloader.log" | sed 's/^/      /'
        else
            bad "hvmloader's per-BAR lines are not xen-layout's:"
            side_by_side "xen-layout (predicted)" "$d/predicted-bars.txt" \
                "hvmloader (libreserve: lines)" "$d/hvmloader-bars.txt"
        fi
        grep -q 'no space for resource' "$d/hvmloader.log" && bad "hvmloader skipped a BAR"
        judge_e820 "$d" "$d/predicted-e820.txt" "xen-layout (keys)"
        ;;
    mismatch)
        case "$st" in ok*) ;; *) bad "$name: guest $st" ;; esac
        if grep -q '^libreserve: error LR-HVMINFO-MISMATCH' "$d/hvmloader.log"; then
            echo "  hvmloader: $(grep -o '^libreserve: error LR-HVMINFO-MISMATCH.*' "$d/hvmloader.log")"
            grep -E 'HVMLoader (bug|crashed)' "$d/hvmloader.log" | sed 's/^/  hvmloader: /'
        else
            bad "hvmloader did not print LR-HVMINFO-MISMATCH; its libreserve lines:"
            grep '^libreserve' "$d/hvmloader.log" | sed 's/^/    /'
        fi
        ;;
    esac
    [ "$fail" -eq 0 ] || { echo "  (results: $d)"; }
done
finish_verdict check-patched "$scen"
