#!/bin/sh
# SPDX-License-Identifier: MIT
# Run libFuzzer targets for FUZZ_SECONDS each (niced), on a corpus kept in
# FUZZ_CORPUS/<target>/ between runs and seeded from the committed seeds,
# and print per target: executions, coverage (libFuzzer's cov: edges and
# ft: features from its final stats), corpus size, CPU time, findings.
# Crashes, leaks and timeouts are written to FUZZ_CORPUS/<target>.found/
# and the run goes on with the next target.  docs/fuzzing.md.
# FUZZ_CPU_SECONDS=N: run each target in slices of FUZZ_SECONDS (wall
# time, what libFuzzer's -max_total_time counts) until it has used N
# CPU-seconds, so that a run on shared cores still gets its CPU time.
# Usage: tests/fuzz/fuzz-long.sh [target...]   (make fuzz-long)
set -u

secs=${FUZZ_SECONDS:-300}
cpu_budget=${FUZZ_CPU_SECONDS:-0}
corpus=${FUZZ_CORPUS:-$HOME/.cache/libreserve/fuzz}
build=${BUILD:-build}
supp=tests/sim/lsan-libxlutil.supp
rev=${FUZZ_REV:-$(git rev-parse --short HEAD 2>/dev/null || echo '?')}

# target: binary max_len dict seed-dirs...  ("-": none)
spec()
{
    case "$1" in
    dmar)      echo "fuzz_dmar 8192 - tests/data/dmar-corpus/dmar" ;;
    iomem)     echo "fuzz_iomem 2048 - tests/sim/fuzz-seeds/iomem" ;;
    hostfacts) echo "fuzz_hostfacts 4096 - tests/sim/fuzz-seeds/hostfacts" ;;
    vnvdimm)   echo "fuzz_vnvdimm 256 tests/sim/fuzz_vnvdimm.dict" \
                    "tests/sim/fuzz-seeds/vnvdimm" ;;
    xlcfg)     echo "fuzz_xlcfg 4096 tests/sim/fuzz_xlcfg.dict" \
                    "tests/sim/fuzz-seeds/xlcfg" ;;
    xs)        echo "fuzz_xs 4096 tests/xenstore/fuzz_xs.dict" \
                    "tests/xenstore/fuzz-seeds" ;;
    layout)    echo "fuzz_layout 1024 - tests/core/fuzz-seeds" ;;
    acpi)      echo "fuzz_tables 2048 - tests/acpi/fuzz-seeds" ;;
    *)         return 1 ;;
    esac
}

[ $# -eq 0 ] && set -- dmar iomem hostfacts vnvdimm xlcfg xs layout acpi
mkdir -p "$corpus" || exit 2
printf '%-10s %6s %11s %8s %6s %7s %7s %9s %8s  %s\n' TARGET SECONDS EXECS \
    EXEC/S COV FT CORPUS CORP-KB CPU-S FINDINGS
status=0
total_cpu=0
ran=0

# ledger TARGET WALL CPU EXECS COV FT RC: one line a slice in
# FUZZ_CORPUS/ledger.tsv, so that runs add up across days and a run
# stopped half-way still counts (tests/fuzz/fuzz-ledger.sh sums it)
ledger()
{
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' \
        "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$@" "$rev" >>"$corpus/ledger.tsv"
}

# run_one TARGET BINARY MAX_LEN DICT [SEED-DIR...]
run_one()
{
    t=$1 bin=$build/fuzz/$2 maxlen=$3 dict=$4
    shift 4
    seeds=""
    for d in "$@"; do
        [ -d "$d" ] && seeds="$seeds $d"
    done
    dir=$corpus/$t found=$corpus/$t.found log=$corpus/$t.log
    mkdir -p "$dir" "$found"
    dictopt=""
    [ "$dict" != - ] && dictopt="-dict=$dict"
    execs=0 cpu=0 wall=0 rc=0
    : >"$log.all"
    while :; do
        t0=$(date +%s)
        # shellcheck disable=SC2086
        LSAN_OPTIONS=suppressions=$supp:print_suppressions=0 \
        /usr/bin/time -f '%U %S' -o "$log.time" \
            nice -n 10 "$bin" -max_total_time="$secs" -max_len="$maxlen" \
            -timeout=10 -print_final_stats=1 -artifact_prefix="$found/" \
            $dictopt "$dir" $seeds >"$log" 2>&1
        rc=$?
        dt=$(($(date +%s) - t0))
        wall=$((wall + dt))
        cat "$log" >>"$log.all"
        n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
        execs=$((execs + ${n:-0}))
        c=$(awk '{ printf "%.0f", $1 + $2 }' "$log.time" 2>/dev/null)
        cpu=$((cpu + ${c:-0}))
        # coverage of this slice's last status line (the table shows the
        # last slice's)
        last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
        cov=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
        ft=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
        ledger "$t" "$dt" "${c:-0}" "${n:-0}" "$cov" "$ft" "$rc"
        [ "$rc" -ne 0 ] && break
        [ "$cpu" -ge "$cpu_budget" ] && break
        # never spin: a slice that got no CPU at all still counts one
        [ "${c:-0}" -eq 0 ] && cpu=$((cpu + 1))
    done
    files=$(find "$dir" -type f | wc -l)
    kb=$(du -sk "$dir" | cut -f1)
    total_cpu=$((total_cpu + cpu))
    nfound=$(find "$found" -type f | wc -l)
    what="none"
    if [ "$rc" -ne 0 ] || [ "$nfound" -gt 0 ]; then
        what="$nfound file(s) in $found (exit $rc; $log)"
        status=1
    fi
    printf '%-10s %6s %11s %8s %6s %7s %7s %9s %8s  %s\n' "$t" "$wall" \
        "$execs" "$(( execs / (wall > 0 ? wall : 1) ))" \
        "${cov:-?}" "${ft:-?}" "$files" "$kb" "$cpu" "$what"
}

for t in "$@"; do
    s=$(spec "$t") || { echo "fuzz-long: unknown target '$t'" >&2; exit 2; }
    # shellcheck disable=SC2086
    run_one "$t" $s
    ran=$((ran + 1))
done
each="${secs} s each"
[ "$cpu_budget" -gt 0 ] && each="$cpu_budget CPU-s each in slices of $secs s"
echo "fuzz-long: $ran target(s), $each; CPU time ${total_cpu} s in all; corpus in $corpus"
exit $status
