# SPDX-License-Identifier: MIT
# Shared helpers of the real-Xen verdict scripts (sourced, not run):
# tests/xen/patched/check-patched.sh and tests/xen/rdm/check-rdm.sh.
# The caller sets xen (tests/xen), res (the run's result directory) and
# fail (0).

# The result directory of guest NAME (run.sh names them NN-NAME).
rdir() { ls -d "$res"/[0-9][0-9]-"$1" 2>/dev/null | head -1; }
# rdm_layout= and memory= of an xl.cfg.
layout_of() { sed -n 's/^[ \t]*rdm_layout[ \t]*=[ \t]*"\([a-z-]*\)".*/\1/p' "$1" | head -1; }
memory_of() { sed -n 's/^[ \t]*memory[ \t]*=[ \t]*\([0-9]*\).*/\1/p' "$1" | head -1; }
bad() { echo "  FAIL: $*"; fail=1; }

# "0x%016x 0x%016x" start/end-exclusive lines from "base last" hex lines,
# a chunk ending at 0xa0000 joined with one starting at 0xc0000 (the VGA
# hole, which libxenguest folds back into the range at 0).
fold_vga() {
    local b l ps="" pe=""
    while read -r b l; do
        b=$((b)) l=$((l + 1))
        if [ -n "$ps" ] && [ "$ps" -eq 0 ] && [ "$pe" -eq $((0xa0000)) ] && [ "$b" -eq $((0xc0000)) ]; then
            pe=$l; continue
        fi
        [ -n "$ps" ] && printf '0x%016x 0x%016x\n' "$ps" "$pe"
        ps=$b pe=$l
    done
    [ -n "$ps" ] && printf '0x%016x 0x%016x\n' "$ps" "$pe"
    return 0
}

# libxenguest's populated ranges, from "range: start=0x.. end=0x.." lines.
populated() {
    sed -n 's/.*domainbuilder: detail: range: start=\(0x[0-9a-f]*\) end=\(0x[0-9a-f]*\).*/\1 \2/p' "$1" |
        while read -r s e; do printf '0x%016x 0x%016x\n' $((s)) $((e)); done
}

side_by_side() {   # TITLE-A FILE-A TITLE-B FILE-B
    local na nb i x y m
    na=$(wc -l <"$2") nb=$(wc -l <"$4")
    printf '    %-48s %-48s\n' "$1" "$3"
    for i in $(seq 1 $(( na > nb ? na : nb ))); do
        x=$(sed -n "${i}p" "$2") y=$(sed -n "${i}p" "$4")
        if [ "$x" = "$y" ]; then m=" "; else m="!"; fi
        printf '  %s %-48s %-48s\n' "$m" "${x:--}" "${y:--}"
    done
}

# The RAM libxenguest populated for guest dir D (xl.log) against the RAM
# chunks of xen-layout's JSON plan PLAN (strategy S): both printed, the
# tables side by side when they differ.
judge_populated() {
    local d=$1 plan=$2 s=$3 name
    name=$(basename "$d")
    jq -r '.ram[] | "\(.base) \(.last)"' "$plan" | fold_vga >"$d/predicted-ram.txt"
    populated "$d/xl.log" >"$d/populated-ram.txt"
    if [ ! -s "$d/populated-ram.txt" ]; then
        bad "$name: no 'range:' lines from libxenguest in xl.log"
    elif cmp -s "$d/populated-ram.txt" "$d/predicted-ram.txt"; then
        echo "  populated RAM = the layout's RAM chunks ($(wc -l <"$d/populated-ram.txt") ranges, end exclusive):"
        sed 's/^/      /' "$d/populated-ram.txt"
    else
        bad "$name: libxenguest populated other RAM than the layout's chunks:"
        side_by_side "populated (libxenguest)" "$d/populated-ram.txt" \
            "xen-layout $s RAM chunks" "$d/predicted-ram.txt"
    fi
}

# The end of a verdict script: TOOL SCENARIO; n guests judged, fail set.
finish_verdict() {
    [ "$n" -gt 0 ] || { echo "$1: no guest for scenario $2"; exit 1; }
    if [ "$fail" -ne 0 ]; then
        echo "$1 $2: FAILED; the run's summary:"
        sed 's/^/  /' "$res/summary.txt" 2>/dev/null
        exit 1
    fi
    echo "$1 $2: $n guest(s) pass"
}

# Both runs of the engine for guest dir D (strategy S): libxl logged the
# layout (the builder's run) and hvmloader printed that hvm_info agrees
# with it (the second run).
judge_both_runs() {
    local d=$1 s=$2 name
    name=$(basename "$d")
    grep -q "libxl_libreserve.c.*libreserve: $s layout" "$d/xl.log" &&
        echo "  libxl: $(grep -o "libreserve: $s layout.*" "$d/xl.log" | head -1)" ||
        bad "$name: libxl did not log a $s layout"
    grep -q "^libreserve: hvm_info agrees" "$d/hvmloader.log" &&
        echo "  hvmloader: $(grep -o '^libreserve: hvm_info agrees.*' "$d/hvmloader.log" | head -1)" ||
        bad "$name: hvmloader did not print that hvm_info agrees"
}

# hvmloader's E820 of guest dir D against PREDICTED (xen-layout --format
# e820), both printed.
judge_e820() {
    local d=$1 pred=$2 label=$3
    if "$xen/compare-e820.sh" --label-a "hvmloader (real Xen)" --label-b "$label" \
        "$d/hvmloader-e820.txt" "$pred" >"$d/compare.txt" 2>&1; then
        echo "  e820: $(cat "$d/compare.txt") (hvmloader = $label)"
        "$xen/e820-norm.sh" "$d/hvmloader-e820.txt" >"$d/.actual-e820"
        "$xen/e820-norm.sh" "$pred" >"$d/.predicted-e820"
        side_by_side "hvmloader (real Xen)" "$d/.actual-e820" "$label" "$d/.predicted-e820"
        rm -f "$d/.actual-e820" "$d/.predicted-e820"
    else
        bad "$(basename "$d"): hvmloader's E820 is not $label's:"; sed 's/^/    /' "$d/compare.txt"
    fi
}
