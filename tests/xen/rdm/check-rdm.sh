#!/bin/bash
# SPDX-License-Identifier: MIT
# Verdicts on the real-RDM runs (run-rdm.sh), one scenario a call.  The
# host's reserved regions are ./regions, declared to Xen with rmrr=; the
# simulator sees the same regions as a DMAR table written by mkdmar.
# Every comparison prints the predicted and the actual table; a
# difference, a missing result or a missing line fails.
#
#   stock    Debian's toolstack, the guests of stock/: hvmloader's E820
#            equals `xen-layout --strategy xen-compat --format e820` for the
#            config and the DMAR, entry for entry; libxl's "Ignoring RDM
#            conflict at 0x..." warnings are exactly the reservations
#            xen-layout says stock drops, in order; every region xen-layout
#            reserves is a RESERVED entry, every region it drops or leaves
#            unreserved lies inside a RAM entry
#   strict   the patched toolstack (xl with the xlu_rdm_parse fix, libxl's
#            own algorithm: rdm_layout unset), the guests of patched/ with
#            policy=strict and no rdm_layout: xen-layout's xen-compat engine
#            on the keys of the config (policy strict, as the fixed xl
#            passes it) says whether the build fails; xl must fail with
#            "RDM conflict at 0x<the region xen-layout names>" exactly then,
#            and otherwise give xen-layout's E820
#   layout   the patched toolstack, the guests of patched/ with rdm_layout
#            punch, pack or superpage: every region reserved, RAM populated = memory,
#            hvmloader's E820 and libxenguest's populated RAM equal
#            xen-layout's for that strategy, libxl logged the layout,
#            hvmloader printed that hvm_info agrees
#
# Usage: check-rdm.sh SCENARIO RESULTS-DIR SIMULATOR MKDMAR
set -eu
here=$(cd "$(dirname "$0")" && pwd)
xen=$here/..
. "$xen/verdict.sh"      # rdir, layout_of, bad, judge_populated, ...
scen=${1:?usage: check-rdm.sh SCENARIO RESULTS-DIR SIMULATOR MKDMAR}
res=${2:?} sim=${3:?} mkdmar=${4:?}
[ -x "$sim" ] || { echo "check-rdm: simulator $sim missing (build it first): FAIL"; exit 1; }
[ -x "$mkdmar" ] || { echo "check-rdm: $mkdmar missing: FAIL"; exit 1; }
[ -f "$res/run-info.txt" ] || { echo "check-rdm: no run in $res: FAIL"; exit 1; }
fail=0 n=0

regions=$(tr -d ' \n' <"$here/regions")
[ "$(cat "$res/regions" 2>/dev/null)" = "$regions" ] ||
    { echo "check-rdm: the run in $res declared '$(cat "$res/regions" 2>/dev/null)', not '$regions': FAIL"; exit 1; }
dmar=$res/host-dmar.bin
"$mkdmar" "$regions" "$dmar" || { echo "check-rdm: mkdmar failed: FAIL"; exit 1; }
echo "host regions (rmrr=$regions), as Xen took them:"
grep -a 'Adding RMRR for' "$res/xen.log" | sed 's/^([^]]*\] /  /' || bad "Xen took no region"

# Each region of JSON's .reserved[] must be covered by a RESERVED entry of
# hvmloader's E820, each of .dropped[] and .unreserved[] by a RAM entry.
judge_regions() {
    local d=$1 json=$2 e820 k b l t what
    e820=$("$xen/e820-norm.sh" "$d/hvmloader-e820.txt")
    for k in reserved dropped unreserved; do
        jq -r ".$k[] | \"\(.base) \(.last)\"" "$json" | while read -r b l; do
            t=$(echo "$e820" | while read -r ty s e; do
                    [ $((s)) -le $((b)) ] && [ $((l)) -lt $((e)) ] && { echo "$ty"; break; }
                done)
            case "$k" in reserved) what=RESERVED ;; *) what=RAM ;; esac
            if [ "$t" = "$what" ]; then
                printf '  region 0x%x-0x%x: %s (predicted %s), in a %s entry\n' $((b)) $((l)) "$k" "$k" "$t"
            else
                printf '  FAIL: region 0x%x-0x%x: predicted %s, but the E820 entry over it is %s\n' \
                    $((b)) $((l)) "$k" "${t:-none}"
                echo FAIL >>"$d/.regions-failed"
            fi
        done
    done
    if [ -f "$d/.regions-failed" ]; then rm -f "$d/.regions-failed"; fail=1; fi
}

# libxl's RDM lines of xl.log against the predicted list, both printed.
judge_warnings() {
    local d=$1 pred=$2
    grep -o 'libxl__domain_device_construct_rdm: .*RDM conflict at 0x[0-9a-f]*' "$d/xl.log" |
        sed 's/^libxl__domain_device_construct_rdm: //' >"$d/libxl-rdm.txt" || true
    if cmp -s "$d/libxl-rdm.txt" "$pred"; then
        echo "  libxl RDM warnings = predicted ($(wc -l <"$pred")):"
        sed 's/^/      /' "$pred"
    else
        bad "$(basename "$d"): libxl's RDM lines are not the predicted ones:"
        side_by_side "libxl (xl -v create)" "$d/libxl-rdm.txt" "predicted (xen-layout)" "$pred"
    fi
}

# The keys the fixed xl hands to libxl for CFG (policy= taken), as a
# xenstore-ls -f dump: xen-layout's --format xenstore of a non-stock
# strategy (which takes rdm= as written), one xenstore-write a line.
keys_dump() {
    "$sim" plan --config "$1" --dmar "$dmar" --strategy punch --format xenstore --domid 1 |
        sed -n "s|^xenstore-write \(/[^ ]*\) '\(.*\)'\$|\1 = \"\2\"|p"
}

for cfg in "$here"/stock/*.cfg "$here"/patched/*.cfg; do
    name=$(basename "$cfg" .cfg)
    kind=$(basename "$(dirname "$cfg")")
    s=$(layout_of "$cfg")
    strict=$(grep -c '^[ \t]*rdm[ \t]*=.*policy=strict' "$cfg" || true)
    case "$scen" in
    stock) [ "$kind" = stock ] || continue ;;
    strict) [ "$kind" = patched ] && [ -z "$s" ] && [ "$strict" -gt 0 ] || continue ;;
    layout) [ "$kind" = patched ] && case "$s" in punch|pack|superpage) true ;; *) false ;; esac || continue ;;
    *) echo "check-rdm: unknown scenario $scen" >&2; exit 2 ;;
    esac
    n=$((n + 1))
    d=$(rdir "$name")
    echo "$name: $(grep -h '^[ \t]*\(rdm\|rdm_mem_boundary\|rdm_layout\|memory\)[ \t]*=' "$cfg" | tr '\n' ' ')"
    if [ -z "$d" ]; then bad "$name: no result (the run did not start it)"; continue; fi
    st=$(cat "$d/status" 2>/dev/null || echo "no status")
    case "$scen" in
    stock)
        case "$st" in ok*) ;; *) bad "$name: guest $st" ;; esac
        "$sim" plan --config "$cfg" --dmar "$dmar" --strategy xen-compat --format e820 \
            >"$d/predicted-e820.txt" 2>"$d/predicted.err" &&
        "$sim" plan --config "$cfg" --dmar "$dmar" --strategy xen-compat --format json \
            >"$d/predicted.json" 2>>"$d/predicted.err" ||
            { bad "$name: xen-layout failed: $(head -3 "$d/predicted.err")"; continue; }
        grep -o '^\(warning\|error\) [A-Z0-9-]*' "$d/predicted.err" | sort -u | sed 's/^/  xen-layout: /'
        judge_e820 "$d" "$d/predicted-e820.txt" "xen-layout xen-compat"
        judge_regions "$d" "$d/predicted.json"
        jq -r '.dropped[] | .base' "$d/predicted.json" |
            while read -r b; do printf 'Ignoring RDM conflict at 0x%x\n' $((b)); done >"$d/predicted-rdm.txt"
        judge_warnings "$d" "$d/predicted-rdm.txt"
        ;;
    strict)
        keys_dump "$cfg" >"$d/keys.dump" 2>"$d/predicted.err" ||
            { bad "$name: xen-layout --format xenstore failed"; continue; }
        set +e
        "$sim" plan --xenstore-dump "$d/keys.dump" --domid 1 --strategy xen-compat --format e820 \
            >"$d/predicted-e820.txt" 2>>"$d/predicted.err"
        prc=$?
        set -e
        conflict=$(sed -n 's/^error LR-CONFLICT-RAM: RMRR \(0x[0-9a-f]*\)-.*strict.*/\1/p' "$d/predicted.err" | head -1)
        if [ "$prc" -eq 2 ] && [ -n "$conflict" ]; then
            printf 'RDM conflict at 0x%x\n' $((conflict)) >"$d/predicted-rdm.txt"
            echo "  xen-layout (xen-compat, policy strict): fails: $(grep '^error LR-CONFLICT-RAM' "$d/predicted.err" | cut -c1-120)..."
            case "$st" in
            "ok(expected-create-failure)") echo "  real Xen: xl create failed, hvmloader never ran" ;;
            *) bad "$name: xen-layout says the build fails, the guest: $st" ;;
            esac
            grep -q 'lr-expect: create-failed' "$cfg" || bad "$name: the config does not expect a failure"
            judge_warnings "$d" "$d/predicted-rdm.txt"
        elif [ "$prc" -eq 0 ]; then
            : >"$d/predicted-rdm.txt"
            echo "  xen-layout (xen-compat, policy strict): no conflict"
            case "$st" in ok*) echo "  real Xen: guest built, $st" ;; *) bad "$name: guest $st" ;; esac
            grep -q 'lr-expect: create-failed' "$cfg" && bad "$name: the config expects a failure xen-layout does not predict"
            judge_e820 "$d" "$d/predicted-e820.txt" "xen-layout xen-compat (keys)"
            judge_warnings "$d" "$d/predicted-rdm.txt"
        else
            bad "$name: xen-layout on the keys exited $prc: $(grep -v '^info' "$d/predicted.err" | head -3)"
        fi
        ;;
    layout)
        case "$st" in ok*) ;; *) bad "$name: guest $st" ;; esac
        "$sim" plan --config "$cfg" --dmar "$dmar" --strategy "$s" --format e820 \
            >"$d/predicted-e820.txt" 2>"$d/predicted.err" &&
        "$sim" plan --config "$cfg" --dmar "$dmar" --strategy "$s" --format json \
            >"$d/predicted.json" 2>>"$d/predicted.err" ||
            { bad "$name: xen-layout failed: $(head -3 "$d/predicted.err")"; continue; }
        judge_e820 "$d" "$d/predicted-e820.txt" "xen-layout $s"
        judge_regions "$d" "$d/predicted.json"
        nd=$(jq '.dropped | length' "$d/predicted.json") nu=$(jq '.unreserved | length' "$d/predicted.json")
        nr=$(jq '.reserved | length' "$d/predicted.json") nreg=$(echo "$regions" | tr ';' '\n' | grep -c .)
        [ "$nd" -eq 0 ] && [ "$nu" -eq 0 ] && [ "$nr" -eq "$nreg" ] &&
            echo "  every region reserved ($nr of $nreg)" ||
            bad "$name: xen-layout reserves $nr of $nreg regions, drops $nd, leaves $nu"
        judge_populated "$d" "$d/predicted.json" "$s"
        tot=0
        while read -r b e; do tot=$((tot + e - b)); done <"$d/populated-ram.txt"
        mem=$(( $(memory_of "$cfg") * 1048576 ))
        [ "$tot" -eq "$mem" ] && echo "  RAM total preserved: populated $tot bytes = memory" ||
            bad "$name: populated $tot bytes, memory is $mem"
        judge_both_runs "$d" "$s"
        grep -q 'RDM conflict' "$d/xl.log" && bad "$name: libxl reported an RDM conflict: $(grep 'RDM conflict' "$d/xl.log" | head -1)"
        ;;
    esac
    [ "$fail" -eq 0 ] || { echo "  (results: $d)"; }
done
finish_verdict check-rdm "$scen"
