#!/bin/sh
# SPDX-License-Identifier: MIT
# Run each check target given, count tests, print one summary line.
# A CMocka binary contributes its own counts ("[  PASSED  ] N test(s)."
# and "[  FAILED  ] N test(s)"); any other check counts as one test.
# Exits non-zero if anything failed.
set -u
pass=0
fail=0
failed=""
log=$(mktemp)
trap 'rm -f "$log"' EXIT
for t in "$@"; do
    start=$(date +%s)
    if make -s --no-print-directory "$t" >"$log" 2>&1; then rc=0; else rc=$?; fi
    cat "$log"
    p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test(s)\./\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test(s).*/\1/p' "$log" | awk '{s+=$1} END {print s+0}')
    if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
        if [ "$rc" -eq 0 ]; then p=1; else f=1; fi
    elif [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
        f=1
    fi
    pass=$((pass + p))
    fail=$((fail + f))
    [ "$rc" -ne 0 ] && failed="$failed $t"
    echo "== $t: $p passed, $f failed ($(( $(date +%s) - start )) s)"
done
[ -n "$failed" ] && echo "failed checks:$failed"
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ -z "$failed" ]
