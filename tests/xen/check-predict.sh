#!/bin/bash
# SPDX-License-Identifier: MIT
# For every guest of a real-Xen run, ask the simulator for its prediction of
# hvmloader's E820 table and compare entry for entry (compare-e820.sh).
# A missing simulator, a missing result or any mismatch fails.
# Usage: check-predict.sh SIMULATOR RESULTS-DIR CONFIG-DIR
#   RESULTS-DIR holds NN-<config name>/hvmloader-e820.txt (run.sh output),
#   CONFIG-DIR the <config name>.cfg files that run used.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sim=$1 res=$2 cfgdir=$3
if [ ! -x "$sim" ]; then
    echo "check-predict: simulator $sim does not exist (build it first): FAIL" >&2
    exit 1
fi
fail=0 n=0
for d in "$res"/[0-9][0-9]-*/; do
    [ -d "$d" ] || continue
    name=$(basename "$d"); name=${name#[0-9][0-9]-}
    cfg=$cfgdir/$name.cfg
    n=$((n + 1))
    if [ ! -f "$cfg" ]; then echo "$name: no config $cfg"; fail=1; continue; fi
    pred=$d/predicted-e820.txt
    if ! "$sim" --strategy xen-compat --format e820 --config "$cfg" >"$pred" 2>"$d/predicted.err"; then
        echo "$name: simulator failed:"; sed 's/^/    /' "$d/predicted.err"; fail=1; continue
    fi
    if "$here/compare-e820.sh" --label-a "hvmloader (real Xen)" --label-b "$(basename "$sim") xen-compat" \
        "$d/hvmloader-e820.txt" "$pred" >"$d/compare.txt" 2>&1; then
        echo "$name: $(cat "$d/compare.txt")"
    else
        echo "$name:"; cat "$d/compare.txt"; fail=1
    fi
done
[ "$n" -gt 0 ] || { echo "check-predict: no results in $res" >&2; exit 1; }
exit $fail
