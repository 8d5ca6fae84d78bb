#!/bin/bash
# SPDX-License-Identifier: MIT
# vNVDIMM on stock Xen driven by xen-layout, in one Xen boot (see
# nvdimm-dom0-init for what dom0 does, nvdimm-guest-init for the guests).
# Three scenarios, each reported on its own line, all must pass:
#   plan    xen-layout, run in dom0 on dom0's live /proc/iomem and ndctl
#           list, plans the guest; the guest's nd region is at exactly the
#           planned data base and size, /dev/pmem0 exists, its bytes are in
#           the backing file at the planned host offset
#   labels  guest 1 creates a labelled raw namespace (ndctl init-labels,
#           create-namespace); guest 2 (same Xen boot, same file) finds the
#           same UUID and guest 1's data; label index blocks are in the file
#   safety  with dom0's nfit bound to the NVDIMM (ndctl list shows it
#           enabled), xen-layout --werror refuses (SIM-BACKEND-DOM0-BOUND,
#           non-zero exit), in dom0 and again here on the captured facts
# Usage: nvdimm-labels.sh XEN-LAYOUT-PLAIN XEN-LAYOUT-HOST OUTDIR [run.sh options]
#   XEN-LAYOUT-PLAIN runs in dom0 (no ASan); XEN-LAYOUT-HOST re-checks the
#   captured facts on the host.  Env: NV_EXPECT_GPA (default: the plan's)
#   makes the check expect another guest address (to see it fail);
#   NV_PATCH_SERIAL=1 has dom0 put serial 0x4c52 into the NFIT's control
#   region before the guests (an experiment: xen-layout's is 0);
#   NV_NO_BOOT=1 judges OUTDIR's previous run again without booting.
set -eu
. "$(dirname "$0")/lib.sh"
. "$HERE/../lib/nvdimm-scenario.sh"
plain=$1 hostsim=$2 out=$3; shift 3
[ -x "$plain" ] || die "$plain missing (make $plain)"
[ -x "$hostsim" ] || die "$hostsim missing (make $hostsim)"
cfg=$HERE/guests/nvlabel.cfg
if nv_begin nvdimm "$out"; then
    # dom0 extras: xen-layout, ndctl, their libraries, the nvdimm modules,
    # our /init; each as a --file into the run's cpio (it is unpacked last,
    # so its /init replaces dom0-init).
    d0=$work/dom0
    nv_dom0_extras "$d0" lr/nv
    mkdir -p "$d0/usr/bin"
    cp "$plain" "$d0/usr/bin/xen-layout"
    ir_copy_elf_closure "$d0" $(ir_elf_libs "$plain")
    ir_init "$d0" "$HERE/nvdimm-dom0-init"
    [ -z "${NV_PATCH_SERIAL:-}" ] || : >"$d0/lr/nv/patch-serial"
    # Guest extras: ndctl and our /init, appended to the stock guest initramfs.
    nv_guest_extras "$d0" lr/nv
    nv_files "$d0"
    truncate -s 256M "$back"
    "$HERE/run.sh" --out "$out/run" --outer-mem 3072 --nvdimm "$back" --guest-timeout 300 \
        --timeout 900 "${NV_FILES[@]}" "$@" "$cfg" || rc=1
fi

# --- results ----------------------------------------------------------------
nv_results "$out/run"
for f in ndctl-bound.json iomem-bound.txt ndctl-free.json iomem-free.txt iomem-nonfit.txt \
         ndctl-vvv-bound.json ndctl-vvv-free.json layout-plan-json.err \
         plan.json plan.xl bound.xl layout-bound.err layout-plan-xl.err; do
    nvfile "$f" >"$out/$f"
done
lrc() { sed -n "s/^LRX nv-layout $1 rc=\([0-9]*\).*/\1/p" "$con" | head -1; }
ga=$(ls -d "$r"/01-nvlabel-create 2>/dev/null || true)
gb=$(ls -d "$r"/02-nvlabel-verify 2>/dev/null || true)
# Byte offset of the guest-visible data in the backing file.
off_of() { printf '%d' $(( $1 - nvbase )); }

# plan
plan_base=$(jq -r '.vnvdimms[0].data.base // empty' "$out/plan.json" 2>/dev/null || true)
plan_size=$(jq -r '.vnvdimms[0].data.size // empty' "$out/plan.json" 2>/dev/null || true)
plan_host=$(jq -r '.vnvdimms[0].host_base // empty' "$out/plan.json" 2>/dev/null || true)
plan_label=$(jq -r '.vnvdimms[0].label.base // empty' "$out/plan.json" 2>/dev/null || true)
if [ -z "$plan_base" ] || [ -z "$plan_size" ] || [ -z "$plan_host" ]; then
    fail plan "no plan from xen-layout in dom0 (plan-json rc=$(lrc plan-json))"
else
    want_base=$(printf '0x%x' "${NV_EXPECT_GPA:-$plan_base}")
    [ "$(lrc plan-xl)" = 0 ] && [ "$(lrc plan-aml)" = 0 ] || fail plan "xen-layout plan rc: xl=$(lrc plan-xl) aml=$(lrc plan-aml)"
    grep -q '^iomem = ' "$out/plan.xl" || fail plan "no iomem= line in the plan"
    if [ -z "$ga" ]; then fail plan "no result of guest 1"
    else
        nvl "$ga" | grep -q "^region region0 resource=$want_base size=$plan_size\$" ||
            fail plan "guest 1 has no region at $want_base size $plan_size: $(nvl "$ga" | grep '^region' | tr '\n' ';')"
        nvl "$ga" | grep -q "^pmem pmem0 .*resource=$want_base bytes=$plan_size " ||
            fail plan "guest 1 has no /dev/pmem0 at $want_base of $plan_size bytes"
        o=$(off_of "$plan_host")
        at "$o" | grep -q '^LRNV-A uuid=' || fail plan "guest 1's bytes not at file offset $o (planned host $plan_host)"
    fi
fi
# labels
ho="" lo=""
[ -z "${plan_host:-}" ] || ho=$(off_of "$plan_host")
[ -z "${plan_label:-}" ] || lo=$(( $(off_of "$plan_host") + $(printf '%d' "$plan_label") - $(printf '%d' "$plan_base") ))
nv_labels "$ga" "$gb" "$ho" "$lo"
# safety
jq -e '[.. | objects | select(.blockdev? != null)] | length > 0' "$out/ndctl-bound.json" >/dev/null 2>&1 ||
    fail safety "dom0's ndctl list shows no bound namespace: $(tr -d '\n' <"$out/ndctl-bound.json" | head -c 300)"
[ "$(lrc bound)" ] && [ "$(lrc bound)" != 0 ] || fail safety "xen-layout in dom0 did not refuse (rc=$(lrc bound))"
grep -q 'SIM-BACKEND-DOM0-BOUND' "$out/layout-bound.err" || fail safety "dom0's xen-layout did not name SIM-BACKEND-DOM0-BOUND"
set +e
"$hostsim" --werror --config "$cfg" --iomem "$out/iomem-bound.txt" --ndctl "$out/ndctl-bound.json" \
    --format xl >/dev/null 2>"$out/host-bound.err"
hrc=$?
set -e
[ "$hrc" -ne 0 ] && grep -q 'SIM-BACKEND-DOM0-BOUND' "$out/host-bound.err" ||
    fail safety "xen-layout on the host, dom0's bound facts: rc=$hrc, $(head -c 300 "$out/host-bound.err")"

echo "nvdimm: dom0 steps: $(sed -n 's/^LRX nv-step //p' "$con" | tr '\n' ';')" >&2
nv_report plan labels safety
[ -n "$ga" ] && nvl "$ga" | grep -E '^(region|namespace|pmem|write) ' | sed 's/^/    guest 1: /' >&2
[ -n "$gb" ] && nvl "$gb" | grep -E '^(waited|no /dev|region|namespace|pmem|read|write) ' | sed 's/^/    guest 2: /' >&2
grep -h 'SIM-BACKEND' "$out/layout-bound.err" 2>/dev/null | sed 's/^/    dom0 xen-layout: /' >&2
echo "nvdimm: $(( $(date +%s) - t_start )) s wall" >&2
[ $rc -eq 0 ] && [ ${#fails[@]} -eq 0 ]
