#!/bin/sh
# SPDX-License-Identifier: MIT
# Sum FUZZ_CORPUS/ledger.tsv, which tests/fuzz/fuzz-long.sh appends one
# line to per libFuzzer run (date, target, wall s, CPU s, executions,
# cov, ft, exit status, commit): per target the runs, wall and CPU time,
# executions, the last coverage and the runs that stopped on a finding.
# Usage: tests/fuzz/fuzz-ledger.sh [ledger.tsv]   (make fuzz-ledger)
set -u
f=${1:-${FUZZ_CORPUS:-$HOME/.cache/libreserve/fuzz}/ledger.tsv}
if [ ! -s "$f" ]; then
    echo "fuzz-ledger: no runs recorded in $f"
    exit 0
fi
awk -F'\t' '
NF < 8 { bad++; next }
{
    t = $2
    if ( !(t in runs) ) order[n++] = t
    runs[t]++; wall[t] += $3; cpu[t] += $4; execs[t] += $5
    if ( $6 != "" ) { cov[t] = $6; ft[t] = $7 }
    if ( $8 != 0 ) found[t]++
    if ( !(t in first) ) first[t] = $1
    last[t] = $1
}
END {
    printf "%-10s %5s %8s %8s %7s %13s %5s %6s %6s  %s\n", "TARGET", "RUNS", \
        "WALL-S", "CPU-S", "CPU-H", "EXECS", "COV", "FT", "FOUND", "FROM - TO"
    for ( i = 0; i < n; i++ ) {
        t = order[i]
        printf "%-10s %5d %8d %8d %7.2f %13d %5s %6s %6d  %s - %s\n", t, \
            runs[t], wall[t], cpu[t], cpu[t] / 3600, execs[t], cov[t], \
            ft[t], found[t], first[t], last[t]
        tc += cpu[t]
    }
    printf "CPU time in all: %d s (%.2f h)\n", tc, tc / 3600
    if ( bad ) printf "(%d malformed line(s) skipped)\n", bad
}' "$f"
