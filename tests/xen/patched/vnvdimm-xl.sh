#!/bin/bash
# SPDX-License-Identifier: MIT
# vNVDIMMs through xl and libxl (the patched toolstack), in one Xen boot:
# the guest config has only vnvdimms= (vnvdimm-xl.cfg); dom0's steps are
# vnvdimm-xl-dom0-init's, the guests' ../nvdimm-guest-init's.  Verdicts,
# each printed with the planned and the actual values:
#   parse    xl create -n (dry run) shows the vNVDIMM in the config's JSON;
#            every line of vnvdimm-xl-parse.txt is refused by xl with its
#            reason and by xen-layout with its XL-VNVDIMM-* diagnostic
#   plan     guest 1's nd region0 and /dev/pmem0 are at the address and of
#            the size xen-layout plans for the same xl.cfg on dom0's
#            /proc/iomem; libxl mapped the planned host frames there (its
#            log, Xen's memory_map:add); hvmloader built the NFIT and SSDT
#   data     guest 1's bytes are in the backing file at the planned host
#            offset (and guest 2's 4 KiB later)
#   labels   guest 1's labelled raw namespace comes back in guest 2 (same
#            UUID, guest 1's data); label index blocks in the label area
#   refused  xl create while dom0 has the namespace bound fails naming
#            VNVDIMM-BACKEND-DOM0-BOUND (xen-layout refuses the same facts
#            with SIM-BACKEND-DOM0-BOUND); xl create of a second guest with
#            the same backend while guest 1 runs fails naming
#            VNVDIMM-BACKEND-IN-USE and guest 1's domain; neither leaves a
#            domain behind; guest 2 (after guest 1) is not refused
#   owner    with the patched hypervisor (--hypervisor patched, the
#            default): libxl registered the frames and mapped them owned
#            and write-back; Xen logged the owner, the NPT entry's memory
#            type, dom0's refused mapping and the iomem= guest's refused
#            mapping while guest 1 ran (pmem-probe and the Xen console),
#            the release when guest 1 was destroyed (dom0 then reads
#            guest 1's bytes), the iomem= guest's ownership after it, and
#            Xen's refusal of a vnvdimms= guest on those frames
#            (VNVDIMM-BACKEND-OWNED); on either hypervisor, xl save of
#            guest 1 refused by libxl (VNVDIMM-NO-SAVE), guest 1 unharmed.  With --hypervisor debian (Debian's
#            4.17, no XEN_SYSCTL_pmem_op): libxl fell back to the uncached
#            mapping with a VNVDIMM-UNCACHED warning, and nothing stops
#            dom0 or the iomem= guest (what the series fixes)
# Usage: vnvdimm-xl.sh XEN-LAYOUT OUTDIR [--hypervisor patched|debian]
#                      [--toolstack DIR] [run.sh options]
#   XEN-LAYOUT: the simulator, run on the host on the captured facts.
#   --hypervisor: boot the series' xen.gz (default) or Debian's.
#   --toolstack DIR: a build-patched.sh result (default: build one from
#   libxc-patches/).  Env: NV_NO_BOOT=1 judges OUTDIR's last run again;
#   NV_EXPECT_GPA=ADDR expects another guest address (to see it fail).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib.sh"
HERE=$(cd "$here/.." && pwd)    # the harness (lib.sh set it to ours)
. "$HERE/../lib/nvdimm-scenario.sh"
sim=${1:?usage: vnvdimm-xl.sh XEN-LAYOUT OUTDIR [--toolstack DIR] [run.sh options]}
out=${2:?}; shift 2
ts="" hv=patched
if [ "${1:-}" = --hypervisor ]; then hv=$2; shift 2; fi
if [ "${1:-}" = --toolstack ]; then ts=$2; shift 2; fi
case "$hv" in patched|debian) ;; *) die "--hypervisor: patched or debian, not '$hv'" ;; esac
[ -x "$sim" ] || die "$sim missing (make $sim)"
cfg=$here/vnvdimm-xl.cfg
if nv_begin nvxl "$out"; then
    if [ -z "$ts" ]; then
        ts=$("$HERE/build-patched.sh") || die "the patched toolstack did not build"
    fi
    # dom0 extras: ndctl, the nvdimm modules, the config, our /init (the
    # run's cpio is unpacked last, so its /init replaces dom0-init).
    d0=$work/dom0
    nv_dom0_extras "$d0" lr/nvxl
    cp "$cfg" "$d0/lr/nvxl/vnvdimm-xl.cfg"
    cp "$here/vnvdimm-xl-parse.txt" "$d0/lr/nvxl/parse.txt"
    ir_init "$d0" "$here/vnvdimm-xl-dom0-init"
    # pmem-probe, built on the series' headers, run with its libxenctrl
    ${CC:-gcc} -O2 -Wall -Werror -D__XEN_TOOLS__ -I"$ts/xen/tools/include" \
        -o "$d0/lr/nvxl/pmem-probe" "$here/pmem-probe.c" "$ts/libxenctrl.so.4.17" \
        -lxenforeignmemory || die "cannot build pmem-probe"
    # Guest extras: ndctl and the labels scenario's /init.
    nv_guest_extras "$d0" lr/nvxl
    nv_files "$d0"
    truncate -s 256M "$back"
    # run.sh needs one guest config to start; dom0's /init writes its own.
    [ "$hv" = patched ] && export XEN_GZ=$ts/xen.gz
    echo "$hv" >"$work/hypervisor"
    "$HERE/run.sh" --out "$out/run" --toolstack "$ts" --outer-mem 3072 --nvdimm "$back" \
        --guest-timeout 480 --timeout 1500 "${NV_FILES[@]}" "$@" "$cfg" || rc=1
    cp "$ts/build-info.txt" "$out/toolstack-build-info.txt" 2>/dev/null || true
else
    hv=$(cat "$work/hypervisor" 2>/dev/null || echo "$hv")
fi

# --- results ----------------------------------------------------------------
nv_results "$out/run"
for f in iomem-bound.txt iomem-free.txt xl-bound.log xl-busy.log disable.log cfg-create; do
    nvfile "$f" >"$out/$f"
done
# lrx_rc KIND TAG: the exit status dom0 printed as "LRX nv-KIND TAG rc=N"
lrx_rc() { sed -n "s/^LRX nv-$1 $2 rc=\([0-9]*\).*/\1/p" "$con" | head -1; }
xrc() { lrx_rc xl "$1"; }
ga=$(ls -d "$r"/01-nvxl-create 2>/dev/null || true)
gb=$(ls -d "$r"/02-nvxl-verify 2>/dev/null || true)
hex() { printf '0x%x' "$1"; }

# The plan: xen-layout on the same xl.cfg and dom0's /proc/iomem (freed).
"$sim" --config "$cfg" --iomem "$out/iomem-free.txt" --format json >"$out/plan.json" \
    2>"$out/plan.err" || true
pb=$(jq -r '.vnvdimms[0].data.base // empty' "$out/plan.json" 2>/dev/null || true)
ps=$(jq -r '.vnvdimms[0].data.size // empty' "$out/plan.json" 2>/dev/null || true)
ph=$(jq -r '.vnvdimms[0].host_base // empty' "$out/plan.json" 2>/dev/null || true)
pl=$(jq -r '.vnvdimms[0].label.base // empty' "$out/plan.json" 2>/dev/null || true)
pll=$(jq -r '.vnvdimms[0].label.last // empty' "$out/plan.json" 2>/dev/null || true)

# plan
grep -Eq '^[ \t]*(iomem|acpi_firmware|rdm_layout)[ \t]*=' "$out/cfg-create" &&
    fail plan "guest 1's config is not vnvdimms= alone: $(grep -E '^[ \t]*(iomem|acpi_firmware|rdm_layout)' "$out/cfg-create")"
if [ -z "$pb" ] || [ -z "$ps" ] || [ -z "$ph" ]; then
    fail plan "no plan from xen-layout: $(head -c 300 "$out/plan.err")"
elif [ -z "$ga" ]; then
    fail plan "no result of guest 1"
else
    want=$(hex "${NV_EXPECT_GPA:-$pb}")
    gl=$(grep -o 'libreserve: vNVDIMM 0: host .*' "$ga/xl.log" | head -1)
    [ -n "$gl" ] || fail plan "libxl logged no vNVDIMM mapping for guest 1"
    lh=$(echo "$gl" | sed -n 's/.*host \(0x[0-9a-f]*\)-.*/\1/p')
    ld=$(echo "$gl" | sed -n 's/.*(data \(0x[0-9a-f]*\)-.*/\1/p')
    [ -n "$lh" ] && [ $((lh)) -eq $((ph)) ] && [ -n "$ld" ] && [ $((ld)) -eq $((want)) ] ||
        fail plan "libxl mapped host ${lh:-?} at ${ld:-?}, planned host $ph at $want"
    domid=$(tr -d '\r' <"$r/xen-console.log" | sed -n 's/.*LRX guest-domid 1 \([0-9]*\).*/\1/p' | head -1)
    mm=$(grep -o "memory_map:add: d\(om\)\{0,1\}${domid:-?} gfn=[0-9a-f]* mfn=[0-9a-f]* nr=[0-9a-f]*" "$r/xen.log" | head -1)
    echo "$mm" | grep -q "gfn=$(printf '%x' $(( want >> 12 ))) mfn=$(printf '%x' $(( ph >> 12 ))) " ||
        fail plan "Xen mapped '${mm:-nothing}', planned gfn $(printf '%x' $(( want >> 12 ))) mfn $(printf '%x' $(( ph >> 12 )))"
    grep -q '^libreserve: NFIT and SSDT for 1 vNVDIMMs' "$ga/hvmloader.log" || fail plan "hvmloader built no vNVDIMM tables"
    nvl "$ga" | grep -q "^region region0 resource=$want size=$ps\$" ||
        fail plan "guest 1 has no region at $want size $ps: $(nvl "$ga" | grep '^region' | tr '\n' ';')"
    nvl "$ga" | grep -q "^pmem pmem0 .*resource=$want bytes=$ps " ||
        fail plan "guest 1 has no /dev/pmem0 at $want of $ps bytes"
fi
# data
if [ -n "$ph" ]; then
    o=$(( ph - nvbase ))
    at "$o" | grep -q '^LRNV-A uuid=' || fail data "guest 1's bytes not at file offset $(hex $o) (planned host $ph)"
else
    fail data "no planned host base"
fi
# labels
ho="" lo=""
[ -z "$ph" ] || ho=$(( ph - nvbase ))
[ -z "$pl" ] || [ -z "$ph" ] || lo=$(( ph - nvbase + pl - pb ))
nv_labels "$ga" "$gb" "$ho" "$lo"
# refused
[ "$(xrc bound)" ] && [ "$(xrc bound)" != 0 ] || fail refused "xl create with dom0's namespace bound: rc=$(xrc bound)"
grep -q 'VNVDIMM-BACKEND-DOM0-BOUND' "$out/xl-bound.log" || fail refused "no VNVDIMM-BACKEND-DOM0-BOUND from libxl"
grep -q '  .* : namespace0.0$' "$out/iomem-bound.txt" || fail refused "dom0's /proc/iomem shows no bound namespace"
set +e
"$sim" --werror --config "$cfg" --iomem "$out/iomem-bound.txt" --format xl >/dev/null 2>"$out/sim-bound.err"
src=$?
set -e
[ "$src" -ne 0 ] && grep -q SIM-BACKEND-DOM0-BOUND "$out/sim-bound.err" ||
    fail refused "xen-layout did not refuse dom0's bound facts (rc=$src)"
[ "$(xrc busy)" ] && [ "$(xrc busy)" != 0 ] || fail refused "xl create of a second guest on the same backend: rc=$(xrc busy)"
grep -q "VNVDIMM-BACKEND-IN-USE.*domain ${domid:-?} (lr-nvxl-create)" "$out/xl-busy.log" ||
    fail refused "no VNVDIMM-BACKEND-IN-USE naming guest 1 (domain ${domid:-?}) from libxl"
# (on Debian's Xen nothing refuses the iomem= guest, nor the vnvdimms= one
# on its frames: the owner verdict expects them created)
left=$(grep 'left-domain' "$con" | grep -v '^LRX nv-xl iomem-owned ' || true)
[ "$hv" = debian ] && left=$(echo "$left" | grep -v '^LRX nv-xl owned ' || true)
[ -z "$left" ] || fail refused "a refused guest was left behind: $left"
grep -q 'VNVDIMM-BACKEND' "$gb/xl.log" 2>/dev/null && fail refused "guest 2 was refused after guest 1 had gone"

# owner: Xen's own record of who owns the frames (pmem-probe, Xen console)
pq() { sed -n "s/^LRX nv-probe $1 rc=[0-9]* //p" "$con" | head -1; }
xlog() { grep -aq -- "$1" "$r/xen.log" 2>/dev/null; }
m0=$(hex $(( ${ph:-0} >> 12 ))) m1=$(hex $(( (${ph:-0} >> 12) + (${ps:-0} >> 12) - 1 )))
gfn=$(hex $(( ${want:-0} >> 12 )))
idom=$(sed -n 's/^LRX nv-iomem-domid \([0-9]*\).*/\1/p' "$con" | head -1)
for f in xl-iomem-owned.log xl-iomem-ok.log xl-owned.log xl-save.log; do nvfile "$f" >"$out/$f"; done
# save: refused by the patched libxl on either hypervisor, guest 1 unharmed
# (it went on to its end: the plan, data and labels verdicts)
[ "$(xrc save)" ] && [ "$(xrc save)" != 0 ] &&
    grep -q "VNVDIMM-NO-SAVE: the domain has 1 vNVDIMM(s)" "$out/xl-save.log" ||
    fail owner "xl save of guest 1 was not refused with VNVDIMM-NO-SAVE: rc=$(xrc save)"
if [ "$hv" = patched ]; then
    echo "${gl:-}" | grep -q 'owned by this domain in Xen, write-back' ||
        fail owner "libxl did not map guest 1's vNVDIMM as owned and write-back: ${gl:-no line}"
    [ "$(pq free-query)" = "query mfn=$m0 registered=0 owned=0 owner=-1 gfn=0" ] ||
        fail owner "before guest 1: '$(pq free-query)', expected an unregistered, free frame"
    [ "$(lrx_rc probe free-map)" = 0 ] || fail owner "before guest 1 dom0 could not map $m0: $(pq free-map)"
    xlog "pmem: mfn $m0-.* registered by d0" ||
        fail owner "Xen logged no registration of $m0 by dom0"
    xlog "pmem: d${domid:-?} owns mfn $m0-$m1, mapped at gfn $gfn" ||
        fail owner "Xen logged no ownership of $m0-$m1 at gfn $gfn by d${domid:-?}"
    xlog "pmem: d${domid:-?} mfn $m0-$m1 (gfn $gfn) mapped write-back: NPT entry without PCD/PWT/PAT" ||
        fail owner "Xen logged no write-back NPT entry for d${domid:-?}'s $m0-$m1"
    [ "$(pq owned-query)" = "query mfn=$m0 registered=1 owned=1 owner=${domid:-?} gfn=$gfn" ] ||
        fail owner "while guest 1 ran: '$(pq owned-query)', expected owner ${domid:-?} at gfn $gfn"
    [ "$(lrx_rc probe owned-map)" = 1 ] && pq owned-map | grep -q 'refused errno=16 ' ||
        fail owner "dom0 mapped guest 1's frame: $(pq owned-map)"
    xlog "pmem: d0 may not map mfn $m0: it is owned by d${domid:-?} " ||
        fail owner "Xen logged no refusal of dom0's mapping"
    [ "$(xrc iomem-owned)" ] && [ "$(xrc iomem-owned)" != 0 ] ||
        fail owner "the iomem= guest on guest 1's frames was created: rc=$(xrc iomem-owned)"
    xlog "pmem: d[0-9]* may not map mfn $m0-$m1 at gfn 0x100000: mfn $m0-$m1 is owned by d${domid:-?} " ||
        fail owner "Xen logged no refusal of the iomem= guest naming d${domid:-?}"
    xlog "pmem: d${domid:-?} released mfn $m0-$m1 (gfn $gfn): domain destroyed" ||
        fail owner "Xen logged no release of guest 1's frames"
    [ "$(pq released-query)" = "query mfn=$m0 registered=1 owned=0 owner=-1 gfn=0" ] ||
        fail owner "after guest 1: '$(pq released-query)', expected registered and free"
    # "LRNV" little-endian: guest 1's bytes, read by dom0 through Xen
    [ "$(pq released-map)" = "map mfn=$m0 mapped first=564e524c" ] ||
        fail owner "after guest 1 dom0 did not read guest 1's 'LRNV' at $m0: $(pq released-map)"
    [ "$(xrc iomem-ok)" = 0 ] && [ -n "$idom" ] ||
        fail owner "the iomem= guest was refused after guest 1 had gone: rc=$(xrc iomem-ok)"
    [ "$(pq iomem-query)" = "query mfn=$m0 registered=1 owned=1 owner=${idom:-?} gfn=0x100000" ] ||
        fail owner "the iomem= guest does not own $m0: '$(pq iomem-query)'"
    [ "$(xrc owned)" ] && [ "$(xrc owned)" != 0 ] &&
        grep -q "VNVDIMM-BACKEND-OWNED: vNVDIMM 0: Xen refused host frames $m0-$m1" "$out/xl-owned.log" ||
        fail owner "no VNVDIMM-BACKEND-OWNED refusal for a vnvdimms= guest on the iomem= guest's frames (rc=$(xrc owned))"
    xlog "pmem: d[0-9]* may not map mfn $m0-$m1 at gfn $gfn: mfn $m0-$m1 is owned by d${idom:-?} " ||
        fail owner "Xen logged no refusal naming the iomem= guest d${idom:-?}"
    [ "$(pq final-query)" = "query mfn=$m0 registered=1 owned=0 owner=-1 gfn=0" ] ||
        fail owner "after the iomem= guest: '$(pq final-query)', expected free"
else
    grep -q "VNVDIMM-UNCACHED: vNVDIMM 0: this hypervisor cannot own host pmem" "$ga/xl.log" 2>/dev/null ||
        fail owner "libxl gave no VNVDIMM-UNCACHED warning on Debian's hypervisor"
    echo "${gl:-}" | grep -q 'uncached, not arbitrated by Xen' ||
        fail owner "libxl's mapping line does not say uncached: ${gl:-no line}"
    pq free-query | grep -q 'unsupported errno=' ||
        fail owner "Debian's hypervisor answered XEN_SYSCTL_pmem_op: $(pq free-query)"
    # what the series fixes: nothing stops dom0 or a second guest
    [ "$(lrx_rc probe owned-map)" = 0 ] || fail owner "dom0 could not map guest 1's frame on Debian's Xen: $(pq owned-map)"
    [ "$(xrc iomem-owned)" = 0 ] || fail owner "Debian's Xen refused the iomem= guest: rc=$(xrc iomem-owned)"
    [ "$(xrc owned)" = 0 ] || fail owner "Debian's Xen refused the vnvdimms= guest on the iomem= guest's frames: rc=$(xrc owned)"
fi

# parse: xl's dry run shows the vNVDIMM; every malformed line is refused by
# xl with the expected reason and by xen-layout with its diagnostic.
prc() { lrx_rc parse "$1"; }
nvfile parse-good.log >"$out/parse-good.log"
[ "$(prc good)" = 0 ] && grep -q '"vnvdimms"' "$out/parse-good.log" &&
    grep -q '"backend": 1052672' "$out/parse-good.log" &&
    grep -q '"label": "inband"' "$out/parse-good.log" ||
    fail parse "xl create -n of the config: rc=$(prc good), no vnvdimms with backend 0x101000 and in-band labels in its JSON"
: >"$out/parse.txt"
while IFS='|' read -r tag line msg code; do
    nvfile "parse-$tag.log" >"$out/parse-$tag.log"
    grep -v '^[ \t]*vnvdimms[ \t]*=' "$cfg" >"$out/parse-$tag.cfg"
    echo "$line" >>"$out/parse-$tag.cfg"
    set +e
    "$sim" --config "$out/parse-$tag.cfg" --format table >/dev/null 2>"$out/parse-$tag.sim"
    s=$?
    set -e
    x=$(grep -o 'xl: vnvdimms.*' "$out/parse-$tag.log" | head -1)
    printf '  %-15s xl rc=%s %-70s xen-layout rc=%s %s\n' "$tag" "$(prc "$tag")" "${x:-?}" "$s" \
        "$(grep -o "$code" "$out/parse-$tag.sim" | head -1)" >>"$out/parse.txt"
    [ -n "$(prc "$tag")" ] && [ "$(prc "$tag")" != 0 ] && echo "$x" | grep -q "$msg" ||
        fail parse "xl did not refuse '$line' with '$msg': rc=$(prc "$tag") ${x:-no xl: line}"
    [ "$s" -ne 0 ] && grep -q "$code" "$out/parse-$tag.sim" ||
        fail parse "xen-layout did not refuse '$line' with $code (rc=$s)"
done < <(grep -v '^#' "$here/vnvdimm-xl-parse.txt")

# --- report -----------------------------------------------------------------
echo "nvxl: dom0 steps: $(sed -n 's/^LRX nv-step //p' "$con" | tr '\n' ';')"
if [ -n "$pb" ]; then
    printf '  %-10s %-30s %s\n' "" "planned (xen-layout)" "actual"
    printf '  %-10s %-30s %s\n' "gpa" "$pb" "$(nvl "$ga" | sed -n 's/^region region0 resource=\([^ ]*\).*/\1/p' | head -1) (guest 1 region0)"
    printf '  %-10s %-30s %s\n' "size" "$ps" "$(nvl "$ga" | sed -n 's/^region region0 .*size=\([0-9]*\).*/\1/p' | head -1) (guest 1 region0)"
    printf '  %-10s %-30s %s\n' "host" "$ph" "${lh:-?} (libxl)"
    printf '  %-10s %-30s %s\n' "label" "$pl-$pll" "$(echo "${gl:-}" | sed -n 's/.*mapped at guest [^ ]*-\(0x[0-9a-f]*\).*/end \1/p') (libxl)"
    printf '  %-10s %-30s %s\n' "offset" "$(hex $(( ph - nvbase )))" "$(at $(( ph - nvbase )))"
fi
echo "  libxl:  ${gl:-none}"
echo "  Xen:    $(grep -o "memory_map:add: d\(om\)\{0,1\}${domid:-?} .*" "$r/xen.log" 2>/dev/null | tr '\n' ';')"
[ -n "$ga" ] && nvl "$ga" | grep -E '^(region|namespace|pmem|write|iomem) ' | sed 's/^/  guest 1: /'
[ -n "$gb" ] && nvl "$gb" | grep -E '^(waited|region|namespace|pmem|read|write) ' | sed 's/^/  guest 2: /'
echo "  bound:  xl rc=$(xrc bound): $(grep -o 'VNVDIMM-BACKEND-[A-Z0-9-]*: .*' "$out/xl-bound.log" | head -1)"
echo "          xen-layout rc=$src: $(grep -o 'SIM-BACKEND-DOM0-BOUND.*' "$out/sim-bound.err" | head -1 | cut -c1-120)..."
echo "  busy:   xl rc=$(xrc busy): $(grep -o 'VNVDIMM-BACKEND-[A-Z0-9-]*: .*' "$out/xl-busy.log" | head -1)"
echo "  owner ($hv hypervisor), dom0's pmem-probe and Xen's log:"
sed -n 's/^LRX nv-probe \([a-z-]*\) rc=\([0-9]*\) /    probe \1 (rc \2): /p' "$con"
echo "    xl iomem= while guest 1 runs: rc=$(xrc iomem-owned); after it: rc=$(xrc iomem-ok) (domain ${idom:-?})"
echo "    xl save of guest 1: rc=$(xrc save): $(grep -o 'VNVDIMM-NO-SAVE: .*' "$out/xl-save.log" | head -1)"
echo "    xl vnvdimms= on the iomem= guest's frames: rc=$(xrc owned): $(grep -o 'VNVDIMM-BACKEND-[A-Z0-9-]*: .*' "$out/xl-owned.log" | head -1)"
grep -ao 'VNVDIMM-UNCACHED: .*' "$ga/xl.log" 2>/dev/null | head -1 | sed 's/^/    libxl: /'
grep -a 'pmem: ' "$r/xen.log" 2>/dev/null | sed 's/^/    /'

echo "  parse:  xl create -n rc=$(prc good); malformed vnvdimms= lines:"
cat "$out/parse.txt"
nv_report parse plan data labels refused owner
echo "nvxl: $(( $(date +%s) - t_start )) s wall"
[ $rc -eq 0 ] && [ ${#fails[@]} -eq 0 ]
