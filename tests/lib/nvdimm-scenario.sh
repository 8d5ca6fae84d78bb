# SPDX-License-Identifier: MIT
# Shared steps of the real-Xen vNVDIMM scenarios (sourced after
# tests/xen/lib.sh, not run): tests/xen/nvdimm-labels.sh (stock Xen, planned
# by xen-layout in dom0) and tests/xen/patched/vnvdimm-xl.sh (the patched
# xl/libxl).  Both boot Xen once with a file-backed NVDIMM in the outer
# QEMU, run two guests on it (nvdimm-guest-init: guest 1 creates a
# labelled namespace and writes, guest 2 reads back) and judge what dom0
# and the guests printed.  What is theirs alone (dom0's /init, the
# verdicts on the plan) stays in the scenario scripts.
#
#   nv_begin TAG OUT          tools present, $t_start $work $back $rc set;
#                             returns 1 when NV_NO_BOOT=1 asks to judge
#                             OUT's previous run again (rc=1 if it failed)
#   nv_dom0_extras D0 DIR     ndctl and the nvdimm modules into D0, the
#                             modules in D0/DIR/mods, their load order in
#                             D0/DIR/modules.order
#   nv_guest_extras D0 DIR    ndctl and nvdimm-guest-init as /init, packed
#                             as D0/DIR/guest-extra.cpio.gz (dom0 appends it
#                             to the stock guest initramfs)
#   nv_files D0               NV_FILES=(--file SRC:DST ...) for run.sh:
#                             every file below D0 at its path in dom0
#   nv_results RUN            $con, $r; nvfile, nvl, at, fail below
#   nv_labels GA GB HOSTOFF LABELOFF   the labels verdict
#   nv_report NAME...         "TAG: NAME: ok|FAIL" a scenario

# The outer QEMU's NVDIMM starts here (run.sh --outer-mem 3072).
nvbase=0x100000000
NV_XEN=$(cd "$(dirname "${BASH_SOURCE[0]}")/../xen" && pwd)

nv_begin() {
    NV_TAG=$1
    local out=$2
    command -v ndctl >/dev/null || die "ndctl missing (make deps-guest)"
    command -v jq >/dev/null || die "jq missing (make deps-guest)"
    t_start=$(date +%s)
    mkdir -p "$out"
    work=$out/inputs
    back=$work/nvdimm.img
    rc=0
    fails=()
    if [ -n "${NV_NO_BOOT:-}" ]; then
        [ -f "$back" ] && [ -d "$out/run" ] || die "NV_NO_BOOT: no previous run in $out"
        grep -q 'all-done 0' "$out/run/xen-console.log" || rc=1
        return 1
    fi
    rm -rf "$work"; mkdir -p "$work"
}

nv_dom0_extras() {
    local d0=$1 dir=$2 kv mods
    kv=$(pick_kver)
    mkdir -p "$d0/$dir/mods"
    ir_copy_elf_closure "$d0" "$(command -v ndctl)"
    mods=$(ir_mod_closure "$kv" libnvdimm nd_btt nd_pmem nfit)
    # shellcheck disable=SC2086 # a word list
    ir_modules "$d0" "/$dir/mods" $mods >"$d0/$dir/modules.order"
    sed -i 's|.*/||' "$d0/$dir/modules.order"
}

nv_guest_extras() {
    local d0=$1 dir=$2 g=$work/guest
    mkdir -p "$g/run" "$g/tmp"
    ir_copy_elf_closure "$g" "$(command -v ndctl)"
    ir_init "$g" "$NV_XEN/nvdimm-guest-init"
    ir_pack "$g" "$d0/$dir/guest-extra.cpio.gz"
}

nv_files() {
    local f
    NV_FILES=()
    while IFS= read -r f; do NV_FILES+=(--file "$f:${f#"$1"}"); done < <(find "$1" -type f | sort)
}

# After the run: the dom0 lines (LRX nv-...) of the console in $con.
nv_results() {
    r=$1
    con=$r/.nv-console.txt
    tr -d '\r' <"$r/xen-console.log" 2>/dev/null | grep -ao 'LRX nv-.*' >"$con" || true
}
# nvfile NAME: a file dom0 printed to the console ("LRX nv-file NAME: ...").
nvfile() { sed -n "s/^LRX nv-file $1: \{0,1\}//p" "$con"; }
# nvl DIR: what a guest (its result directory) reported ("LRG nv: ...").
nvl() { sed -n 's/^LRG nv: //p' "$1/guest-report.txt" 2>/dev/null; }
# fail SCENARIO MESSAGE: that scenario fails, with its reason.
fail() { echo "$NV_TAG: FAIL ($1): $2" >&2; fails+=("$1"); }
# at OFFSET: the first text line of the backing file's sector at OFFSET.
at() { dd if="$back" bs=512 skip=$(( $1 / 512 )) count=1 status=none 2>/dev/null | tr -d '\0' | head -1; }

# nv_labels GA GB HOSTOFF LABELOFF: guest 1 (result dir GA) created a
# labelled raw namespace; guest 2 (GB) sees the same UUID and reads guest
# 1's data; guest 2's bytes are 4 KiB into the data at file offset HOSTOFF;
# the label area at file offset LABELOFF holds a NAMESPACE_INDEX block.
# HOSTOFF and LABELOFF may be empty (no plan: those two are not judged).
nv_labels() {
    local ga=$1 gb=$2 ho=$3 lo=$4 ua ub n
    ua=$(nvl "$ga" 2>/dev/null | sed -n 's/^pmem pmem0 .* uuid=\([0-9a-f-]*\)$/\1/p' | head -1)
    ub=$(nvl "$gb" 2>/dev/null | sed -n 's/^pmem pmem0 .* uuid=\([0-9a-f-]*\)$/\1/p' | head -1)
    if [ -z "$ga" ] || [ -z "$gb" ]; then
        fail labels "missing guest result(s): ${ga:-no guest 1} ${gb:-no guest 2}"
        return 0
    fi
    [ -n "$ua" ] || fail labels "guest 1 created no labelled namespace (uuid '$(nvl "$ga" | grep '^pmem' | head -1)')"
    [ -n "$ua" ] && [ "$ua" = "$ub" ] || fail labels "guest 2's namespace uuid '$ub' is not guest 1's '$ua'"
    nvl "$gb" | grep -q "^read pmem0 at=0 text=LRNV-A uuid=$ua\$" || fail labels "guest 2 did not read guest 1's data"
    [ -n "$ho" ] && { at $(( ho + 4096 )) | grep -q "^LRNV-B uuid=$ua" ||
        fail labels "guest 2's bytes not in the backing file"; }
    if [ -n "$lo" ]; then
        n=$(dd if="$back" bs=4096 skip=$(( lo / 4096 )) count=32 status=none | grep -ac 'NAMESPACE_INDEX' || true)
        [ "$n" -ge 1 ] || fail labels "no NAMESPACE_INDEX block in the label area (file offset $(printf '0x%x' "$lo"))"
        echo "$NV_TAG: label area at file offset $(printf '0x%x' "$lo"): $n NAMESPACE_INDEX block(s)" >&2
    fi
    return 0
}

nv_report() {
    local s
    for s in "$@"; do
        case " ${fails[*]-} " in *" $s "*) echo "$NV_TAG: $s: FAIL" ;; *) echo "$NV_TAG: $s: ok" ;; esac
    done
}
