#!/bin/sh
# SPDX-License-Identifier: MIT
# Every generated table disassembles with iasl without an error or a
# warning, and the disassembly compiles back (0 errors, 0 warnings) to the
# same bytes: the whole table but the checksum and the creator id and
# revision, which iasl sets to its own.  Run on several vNVDIMM sets.
# Also: the SSDT listing quoted in docs/acpi.md is what the code builds.
# Usage: check-iasl.sh MKTABLES WORKDIR [DOC]
set -u
mk=$1
work=$2
doc=${3:-}
here=$(dirname "$0")
rm -rf "$work" && mkdir -p "$work" || exit 1
fail=0
ntab=0

# Table bytes without checksum (9) and creator id/revision (28..35).
strip() {
    { head -c 9 "$1"; tail -c +11 "$1" | head -c 18; tail -c +37 "$1"; }
}

check_set() {
    name=$1
    shift
    d=$work/$name
    mkdir -p "$d/rt"
    if ! "$mk" --out "$d" "$@" >"$d/mktables.log" 2>&1; then
        echo "FAIL $name: mktables: $(cat "$d/mktables.log")"
        fail=1
        return
    fi
    for t in nfit ssdt; do
        ntab=$((ntab + 1))
        (cd "$d" && iasl -d $t.aml) >"$d/$t.dis.log" 2>&1
        if [ ! -s "$d/$t.dsl" ] ||
           grep -Eiq '(^|[^0-9] )(error|warning)|\*\*\*\*' "$d/$t.dis.log" ||
           grep -Eq '\*\*\*\*|Error|Warning' "$d/$t.dsl"; then
            echo "FAIL $name/$t: iasl -d reported problems:"
            grep -Ei 'error|warning|\*\*\*\*' "$d/$t.dis.log" "$d/$t.dsl" |
                head -5
            fail=1
            continue
        fi
        cp "$d/$t.dsl" "$d/rt/$t.dsl"
        (cd "$d/rt" && iasl $t.dsl) >"$d/$t.asm.log" 2>&1
        if ! grep -q 'Compilation successful. 0 Errors, 0 Warnings' \
                "$d/$t.asm.log"; then
            echo "FAIL $name/$t: recompiling the disassembly:"
            grep -Ei 'error|warning' "$d/$t.asm.log" | head -5
            fail=1
            continue
        fi
        strip "$d/$t.aml" >"$d/$t.orig.bin"
        strip "$d/rt/$t.aml" >"$d/$t.rt.bin"
        if ! cmp -s "$d/$t.orig.bin" "$d/$t.rt.bin"; then
            echo "FAIL $name/$t: iasl round trip changed the bytes:"
            cmp "$d/$t.orig.bin" "$d/$t.rt.bin" | head -3
            fail=1
            continue
        fi
        echo "ok   $name/$t: $(wc -c <"$d/$t.aml") bytes," \
             "$(grep -c '^Remark' "$d/$t.asm.log") remarks (iasl advice)"
    done
}

check_set inband \
    --nvdimm base=0x100000000,size=0x10000000,handle=1,serial=0x1234,label=inband,label-base=0x110000000,label-size=0x20000 \
    --nvdimm base=0x180000000,size=0x40000000,handle=0x10002,serial=7,label=inband,label-base=0x1c0000000,label-size=0x40000
check_set mailbox \
    --nvdimm base=0x100000000,size=0x10000000,handle=1,label=mailbox,dsm=0xfe000000
check_set none \
    --nvdimm base=0x100000000,size=0x200000,handle=1
check_set mixed \
    --nvdimm base=0x100000000,size=0x10000000,handle=1,label=inband,label-base=0x110000000,label-size=0x20000 \
    --nvdimm base=0x120000000,size=0x10000000,handle=2,label=mailbox,dsm=0x7f000000,port=0x0b18 \
    --nvdimm base=0x140000000,size=0x10000000,handle=3,vendor=0x1af4,device=2,rev=3,proximity=1
check_set adr-offset --adr-offset 0x100 \
    --nvdimm base=0x100000000,size=0x10000000,handle=1,label=inband,label-base=0x110000000,label-size=0x20000
check_set defaults \
    --nvdimm base=0x100000000,size=0x10000000,handle=1,label=inband
# label area defaults: right after the SPA range, 128 KiB
if grep -q 'IDSM (Arg2, Arg3, 0x0000000110000000, 0x00020000)' \
        "$work/defaults/ssdt.dsl"; then
    echo "ok   defaults: label area 0x110000000, 128 KiB"
else
    echo "FAIL defaults: label area not right after the SPA range"
    fail=1
fi

# The listing in the docs (same command line as quoted there).
if [ -n "$doc" ]; then
    check_set doc \
        --nvdimm base=0x100000000,size=0x10000000,handle=1,label=inband \
        --nvdimm base=0x120000000,size=0x10000000,handle=2,label=mailbox,dsm=0x7f000000 \
        --nvdimm base=0x140000000,size=0x200000,handle=3
    awk -f "$here/fold-asl.awk" "$work/doc/ssdt.dsl" >"$work/doc/folded.asl"
    sed -n '/^DefinitionBlock ("", "SSDT", 2/,/^```$/p' "$doc" | sed '$d' \
        >"$work/doc/quoted.asl"
    if [ -s "$work/doc/quoted.asl" ] &&
       cmp -s "$work/doc/folded.asl" "$work/doc/quoted.asl"; then
        echo "ok   $doc quotes the SSDT the code builds"
    else
        echo "FAIL $doc: the quoted SSDT differs from the built one:"
        diff "$work/doc/quoted.asl" "$work/doc/folded.asl" | head -10
        fail=1
    fi
fi

# iasl as an independent NFIT decoder: the fields of the "mixed" set as
# given on the command line and as ACPI 6.4 s5.2.25 / the facts require.
# Prints "ok"/"FAIL" lines; one record per sub-table.
awk '
function v(s) { sub(/^[^:]*: */, "", s); sub(/ .*/, "", s); return s }
function want(what, got, ex) {
    if ( got != ex ) { print "FAIL nfit-decode: " what ": " got " != " ex; bad = 1 }
    else n++
}
/Subtable Type : 0000/ { t = "spa"; ns++ }
/Subtable Type : 0001/ { t = "map"; nm++ }
/Subtable Type : 0004/ { t = "dcr"; nd++ }
t == "spa" && /\] +Length :/ { want("SPA length", v($0), "0038") }
t == "spa" && /Range Index :/ { spa[ns] = v($0); want("SPA index != 0", (v($0) != "0000"), 1) }
t == "spa" && /Flags \(decoded/ { want("SPA flags", v($0), "0003") }
t == "spa" && /Region Type GUID/ { want("SPA GUID", v($0), "66F0D379-B4F3-4074-AC43-0D3318B78CDB") }
t == "spa" && /Address Range Base/ { base[ns] = v($0) }
t == "spa" && /Address Range Length/ { len[ns] = v($0) }
t == "spa" && /Memory Map Attribute/ { want("SPA attribute", v($0), "0000000000008008") }
t == "map" && /\] +Length :/ { want("map length", v($0), "0030") }
t == "map" && /Device Handle/ { h[nm] = v($0) }
t == "map" && /Range Index :/ { want("map SPA index", v($0), spa[nm]) }
t == "map" && /Control Region Index/ { ci[nm] = v($0) }
t == "map" && /Interleave Ways/ { want("ways", v($0), "0001") }
t == "dcr" && /\] +Length :/ { want("DCR length", v($0), "0050") }
t == "dcr" && /Region Index :/ { want("DCR index", v($0), ci[nd]) }
t == "dcr" && /Vendor Id :/ && !/Subsystem/ { ven[nd] = v($0) }
t == "dcr" && /Serial Number/ { ser[nd] = v($0) }
t == "dcr" && /Code :/ { want("format interface code", v($0), "0301") }
END {
    want("SPA count", ns, 3); want("map count", nm, 3); want("DCR count", nd, 3)
    want("base 0", base[1], "0000000100000000"); want("len 0", len[1], "0000000010000000")
    want("base 2", base[3], "0000000140000000")
    want("handles", h[1] h[2] h[3], "000000010000000200000003")
    want("vendor 2", ven[3], "1AF4"); want("vendor 0", ven[1], "8086")
    want("indexes distinct", (spa[1] != spa[2] && spa[2] != spa[3] && ci[1] != ci[2]), 1)
    if ( !bad ) print "ok   nfit-decode: " n " fields as expected"
    exit bad
}' "$work/mixed/nfit.dsl" || fail=1

# The budget: 32 vNVDIMMs (NV00..NV1F), back ends in turn.
set --
i=0
while [ $i -lt 32 ]; do
    base=$(printf '0x%x' $(( 0x100000000 + i * 0x400000 )))
    case $((i % 3)) in
    0) lab=",label=inband,label-base=$(printf '0x%x' $((0x200000000 + i * 0x20000))),label-size=0x20000" ;;
    1) lab=",label=mailbox,dsm=0xfe000000" ;;
    *) lab="" ;;
    esac
    set -- "$@" --nvdimm "base=$base,size=0x200000,handle=$((i + 1))$lab"
    i=$((i + 1))
done
check_set budget "$@"

# One over the budget must be refused (exit 2), naming the rule.
set -- "$@" --nvdimm base=0x300000000,size=0x200000,handle=99
if "$mk" --out "$work" "$@" >"$work/over.log" 2>&1; then
    echo "FAIL over-budget: 33 vNVDIMMs accepted"
    fail=1
elif [ $? -ne 2 ] || ! grep -q LR_ACPI_NV_TOO_MANY "$work/over.log"; then
    echo "FAIL over-budget: $(cat "$work/over.log")"
    fail=1
else
    echo "ok   over-budget refused: $(cat "$work/over.log")"
fi
# mktables refusals: usage errors exit 1, refused sets exit 2 naming the
# rule
refuse() {
    code=$1
    what=$2
    shift 2
    "$mk" --out "$work" "$@" >"$work/refuse.log" 2>&1
    rc=$?
    if [ $rc -ne "$code" ] || ! grep -q -- "$what" "$work/refuse.log"; then
        echo "FAIL refuse $what: exit $rc: $(cat "$work/refuse.log")"
        fail=1
    else
        echo "ok   refused ($rc): $(head -1 "$work/refuse.log")"
    fi
}
refuse 1 usage --nvdimm base=0x100000000,size=0x200000
refuse 1 usage --nvdimm base=0x100000000,size=0x200000,handle=1,label=nvme
refuse 1 usage --nvdimm base=0x100000000,size=0x200000,handle=1,bogus=1
refuse 2 LR_ACPI_NV_HANDLE_ZERO --nvdimm base=0x100000000,size=0x200000,handle=0
refuse 2 LR_ACPI_NV_SPA_ALIGN --nvdimm base=0x100001000,size=0x200000,handle=1
refuse 2 LR_ACPI_NV_HANDLE_DUP \
    --nvdimm base=0x100000000,size=0x200000,handle=5 \
    --nvdimm base=0x100200000,size=0x200000,handle=5
refuse 2 LR_ACPI_NV_LABEL_OVERLAP \
    --nvdimm base=0x100000000,size=0x400000,handle=1,label=inband,label-base=0x100200000
refuse 2 LR_ACPI_NV_LABEL_SIZE \
    --nvdimm base=0x100000000,size=0x200000,handle=1,label=inband,label-size=0x2000000
refuse 2 LR_ACPI_NV_DSM_PAGE \
    --nvdimm base=0x100000000,size=0x200000,handle=1,label=mailbox,dsm=0x100000000
echo "check-iasl: $ntab tables checked"
exit $fail
