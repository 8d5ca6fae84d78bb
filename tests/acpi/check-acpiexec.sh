#!/bin/sh
# SPDX-License-Identifier: MIT
# Evaluate the vNVDIMM SSDT in acpiexec (acpica-tools 20200925) and check
# every answer against values written here from the facts and the Intel
# DSM / QEMU mailbox protocols: nothing below is computed by our code.
#
# acpiexec simulates SystemMemory and SystemIO, but keeps one buffer per
# region and merges a new region only into the first buffer it overlaps.
# The AML reads and writes label areas through small per-call windows, so
# a test-only table (probe.asl, written below) first touches one region
# per label area and per mailbox page: every later window falls inside it
# and all accesses share one zero-filled (-fv 0) memory, like real RAM.
# The same table reads that memory back (ARDx, PRBx) and the doorbell
# ports (DBLx), independently of the SSDT's own methods.
#
# Usage: check-acpiexec.sh MKTABLES WORKDIR
set -u
mk=$1
work=$2
rm -rf "$work" && mkdir -p "$work" || exit 1
here=$(dirname "$0")

# ToUUID byte order of a UUID string (first three groups little-endian),
# as acpiexec wants a buffer: "(30 AC 09 43 ...)".
uuid() {
    echo "$1" | tr 'a-f' 'A-F' | awk -F- '{
        s = ""
        for ( i = 7; i >= 1; i -= 2 ) s = s substr($1, i, 2) " "
        for ( i = 3; i >= 1; i -= 2 ) s = s substr($2, i, 2) " "
        for ( i = 3; i >= 1; i -= 2 ) s = s substr($3, i, 2) " "
        g = $4 $5
        for ( i = 1; i <= 16; i += 2 ) s = s substr(g, i, 2) " "
        sub(/ $/, "", s)
        print "(" s ")"
    }'
}
INTEL=$(uuid 4309ac30-0d11-11e4-9191-0800200c9a66)
HPE1=$(uuid 9002c334-acf3-4c0e-9642-a235f0d53bc6)
HPE2=$(uuid 5008664b-b758-41a0-a03c-27c2f2d04f7e)
MSFT=$(uuid 1ee68b36-d4bd-4a1a-9a16-4f8e53d46e05)
HYPV=$(uuid 5746c5f2-a9a2-4264-ad0e-e4ddc9e09e80)
ROOT=$(uuid 2f10e7a4-9e91-11e4-89d3-123b93f75cba)
IBUS=$(uuid c7d8acd4-2df8-4b82-9f65-a325335af149)
[ "$INTEL" = "(30 AC 09 43 11 0D E4 11 91 91 08 00 20 0C 9A 66)" ] || {
    echo "FAIL uuid(): $INTEL"; exit 1; }

# Little-endian u32 as acpiexec input "aa bb cc dd" and as result hex.
le32() { printf '%02X %02X %02X %02X' $(($1 & 255)) $((($1 >> 8) & 255)) \
             $((($1 >> 16) & 255)) $((($1 >> 24) & 255)); }
hex32() { le32 "$1" | tr -d ' ' | tr 'A-F' 'a-f'; }
# n bytes of pattern k: byte i = (i * 7 + k) mod 256, input and result.
pat() { awk -v n="$1" -v k="$2" 'BEGIN { for ( i = 0; i < n; i++ )
            printf "%s%02X", (i ? " " : ""), (i * 7 + k) % 256 }'; }
pathex() { pat "$1" "$2" | tr -d ' ' | tr 'A-F' 'a-f'; }
zeros() { awk -v n="$1" 'BEGIN { for ( i = 0; i < n; i++ ) printf "00" }'; }

# --- the vNVDIMM set ---------------------------------------------------
#   NV00 handle 1        in-band, labels 128 KiB at 0x110000000
#   NV01 handle 0x10002  in-band, labels 256 KiB at 0x1c0000000
#   NV02 handle 3        no labels
#   NV03 handle 0x10     mailbox, page 0x7f000000, port 0x0a18
#   NV04 handle 0x20000  mailbox, page 0x7f001000, port 0x0b18
L0=0x110000000; S0=0x20000
L1=0x1c0000000; S1=0x40000
XFER=4076                         # max transfer we advertise (QEMU's)
"$mk" --out "$work" \
    --nvdimm base=0x100000000,size=0x10000000,handle=1,label=inband,label-base=$L0,label-size=$S0 \
    --nvdimm base=0x180000000,size=0x40000000,handle=0x10002,label=inband,label-base=$L1,label-size=$S1 \
    --nvdimm base=0x140000000,size=0x200000,handle=3 \
    --nvdimm base=0x160000000,size=0x200000,handle=0x10,label=mailbox,dsm=0x7f000000 \
    --nvdimm base=0x170000000,size=0x200000,handle=0x20000,label=mailbox,dsm=0x7f001000,port=0x0b18 \
    || exit 1

cat >"$work/probe.asl" <<ASL
DefinitionBlock ("", "SSDT", 2, "LRTEST", "PROBE", 1)
{
    OperationRegion (RL0, SystemMemory, $L0, $S0)
    Field (RL0, ByteAcc, NoLock, Preserve) { AL0, $((S0 * 8)) }
    OperationRegion (RL1, SystemMemory, $L1, $S1)
    Field (RL1, ByteAcc, NoLock, Preserve) { AL1, $((S1 * 8)) }
    OperationRegion (RP0, SystemMemory, 0x7F000000, 0x1000)
    Field (RP0, ByteAcc, NoLock, Preserve) { AP0, 32768 }
    OperationRegion (RP1, SystemMemory, 0x7F001000, 0x1000)
    Field (RP1, ByteAcc, NoLock, Preserve) { AP1, 32768 }
    OperationRegion (RD0, SystemIO, 0x0A18, 4)
    Field (RD0, DWordAcc, NoLock, Preserve) { DB0, 32 }
    OperationRegion (RD1, SystemIO, 0x0B18, 4)
    Field (RD1, DWordAcc, NoLock, Preserve) { DB1, 32 }
    Method (ARNA, 0, Serialized)
    {
        Local0 = AL0
        Local0 = AL1
        Local0 = AP0
        Local0 = AP1
        Return (Zero)
    }
    Method (ARD0, 2, Serialized) { Local0 = AL0
        Return (Mid (Local0, Arg0, Arg1)) }
    Method (ARD1, 2, Serialized) { Local0 = AL1
        Return (Mid (Local0, Arg0, Arg1)) }
    Method (PRB0, 1, Serialized) { Local0 = AP0
        Return (Mid (Local0, 0, Arg0)) }
    Method (PRB1, 1, Serialized) { Local0 = AP1
        Return (Mid (Local0, 0, Arg0)) }
    Method (DBL0, 0, Serialized) { Return (DB0) }
    Method (DBL1, 0, Serialized) { Return (DB1) }
}
ASL
(cd "$work" && iasl probe.asl) >"$work/probe.log" 2>&1 || {
    echo "FAIL probe.asl:"; cat "$work/probe.log"; exit 1; }

# --- commands and what each must return --------------------------------
cmds="$work/cmds"
want="$work/want"
: >"$cmds"
: >"$want"
# t COMMAND EXPECTED: one evaluation and its result line (see
# acpiexec-results.awk for the format).
t() { printf '%s\n' "$1" >>"$cmds"; printf '%s\n' "$2" >>"$want"; }
D='\_SB.NVDR'
dsm() { echo "evaluate $D.$1._DSM $2 1 $3 $4"; }  # dev uuid fn arg3
rw() { echo "[($(le32 $1) $(le32 $2)${3:+ $3})]"; }  # off len [data]
ST0=$(hex32 0); ST1=$(hex32 1); ST2=$(hex32 2); ST3=$(hex32 3)

t "evaluate \\ARNA" "int:0"
t "evaluate $D._HID" "str:ACPI0012"
t "evaluate $D.NV00._ADR" "int:1"
t "evaluate $D.NV01._ADR" "int:10002"
t "evaluate $D.NV02._ADR" "int:3"
t "evaluate $D.NV03._ADR" "int:10"
t "evaluate $D.NV04._ADR" "int:20000"
# root: no bus function for the NFIT bus UUID nor the Intel bus family
t "evaluate $D._DSM $ROOT 1 0 [0]" "buf:00"
t "evaluate $D._DSM $IBUS 1 0 [0]" "buf:00"
# every family we do not implement: fn 0 is Buffer {0}, on every DIMM
for dev in NV00 NV01 NV02 NV03 NV04; do
    for u in "$HPE1" "$HPE2" "$MSFT" "$HYPV"; do
        t "$(dsm $dev "$u" 0 [0])" "buf:00"
    done
done
# Intel family, fn 0: labels 0x71 (bit 0 + fns 4, 5, 6); none: 0x01
t "$(dsm NV00 "$INTEL" 0 [0])" "buf:71"
t "$(dsm NV01 "$INTEL" 0 [0])" "buf:71"
t "$(dsm NV02 "$INTEL" 0 [0])" "buf:01"
# fn 4: exactly 12 bytes {status 0, label area size, max transfer}
t "$(dsm NV00 "$INTEL" 4 [0])" "buf:$ST0$(hex32 $S0)$(hex32 $XFER)"
t "$(dsm NV01 "$INTEL" 4 [0])" "buf:$ST0$(hex32 $S1)$(hex32 $XFER)"
t "$(dsm NV02 "$INTEL" 4 [0])" "buf:$ST1"
t "$(dsm NV00 "$INTEL" 7 [0])" "buf:$ST1"
# fn 6 then fn 5: 100 bytes at 0x1f80 (64-byte and single-byte steps),
# read back with 16 bytes of margin on each side
t "$(dsm NV00 "$INTEL" 6 "$(rw 0x1f80 100 "$(pat 100 3)")")" "buf:$ST0"
t "$(dsm NV01 "$INTEL" 6 "$(rw 0 70 "$(pat 70 5)")")" "buf:$ST0"
t "$(dsm NV00 "$INTEL" 5 "$(rw 0x1f70 132)")" \
  "buf:$ST0$(zeros 16)$(pathex 100 3)$(zeros 16)"
t "$(dsm NV01 "$INTEL" 5 "$(rw 0 70)")" "buf:$ST0$(pathex 70 5)"
t "$(dsm NV00 "$INTEL" 5 "$(rw 0 70)")" "buf:$ST0$(zeros 70)"
# 600 bytes written in five 120-byte calls (a command line holds ~128
# data bytes), read back in one call: steps of 512, 64, 8 and 1 bytes
expect600=""
for k in 0 1 2 3 4; do
    t "$(dsm NV01 "$INTEL" 6 "$(rw $((0x3000 + k * 120)) 120 \
        "$(pat 120 $((k * 11 + 1)))")")" "buf:$ST0"
    expect600="$expect600$(pathex 120 $((k * 11 + 1)))"
done
t "$(dsm NV01 "$INTEL" 5 "$(rw 0x3000 600)")" "buf:$ST0$expect600"
t "$(dsm NV01 "$INTEL" 5 "$(rw 0x2fff 603)")" \
  "buf:${ST0}00${expect600}0000"
t "evaluate \\ARD1 0x3000 600" "buf:$expect600"
# the bytes are at label base + offset in guest memory
t "evaluate \\ARD0 0x1f80 100" "buf:$(pathex 100 3)"
t "evaluate \\ARD1 0 70" "buf:$(pathex 70 5)"
t "evaluate \\ARD0 0x1f7f 1" "buf:00"
# window edges: last byte ok; past the end, off+len overflow, more than
# the max transfer: status 3 and nothing else
t "$(dsm NV00 "$INTEL" 5 "$(rw 0x1ffff 1)")" "buf:${ST0}00"
t "$(dsm NV00 "$INTEL" 5 "$(rw 0x1ffff 2)")" "buf:$ST3"
t "$(dsm NV00 "$INTEL" 5 "$(rw 0x20000 1)")" "buf:$ST3"
t "$(dsm NV00 "$INTEL" 5 "$(rw 0xffffffff 2)")" "buf:$ST3"
t "$(dsm NV00 "$INTEL" 5 "$(rw 0 $((XFER + 1)))")" "buf:$ST3"
t "$(dsm NV00 "$INTEL" 5 "$(rw 0 $XFER)")" "buf:$ST0$(zeros $XFER)"
t "$(dsm NV00 "$INTEL" 6 "$(rw 0x1fffe 4 "01 02 03 04")")" "buf:$ST3"
t "$(dsm NV00 "$INTEL" 6 "$(rw 0x10 8 "01 02 03 04")")" "buf:$ST3"
t "$(dsm NV00 "$INTEL" 6 "$(rw 0xfffffff0 0x20 "01")")" "buf:$ST3"
t "evaluate \\ARD0 0x1fffe 2" "buf:0000"
t "evaluate \\ARD0 0x10 4" "buf:00000000"
# malformed Arg3: not a package, short buffer, two elements
t "$(dsm NV00 "$INTEL" 5 0)" "buf:$ST3"
t "$(dsm NV00 "$INTEL" 5 "[(00 00 00 00)]")" "buf:$ST3"
t "$(dsm NV00 "$INTEL" 5 "[(00 00 00 00 01 00 00 00) 0]")" "buf:$ST3"
# ACPI 6.2 label methods over the same storage (2 = invalid input)
t "evaluate $D.NV00._LSI" "pkg:3 int:0 int:20000 int:FEC"
t "evaluate $D.NV01._LSI" "pkg:3 int:0 int:40000 int:FEC"
t "evaluate $D.NV00._LSW 0x100 3 (AA BB CC)" "int:0"
t "evaluate $D.NV00._LSR 0xff 5" "pkg:2 int:0 buf:00aabbcc00"
t "evaluate \\ARD0 0x100 3" "buf:aabbcc"
t "evaluate $D.NV00._LSR 0x1f80 4" "pkg:2 int:0 buf:$(pathex 4 3)"
t "evaluate $D.NV00._LSR 0x20000 1" "pkg:2 int:2 buf:"
t "evaluate $D.NV00._LSW 0x1ffff 2 (01 02)" "int:2"
t "evaluate $D.NV02._LSI" "ERR:AE_NOT_FOUND"
t "evaluate $D.NV02._LSR 0 1" "ERR:AE_NOT_FOUND"

# --- mailbox: the request in the page, the doorbell, the reply ----------
# Request: u32 handle, u32 revision, u32 function, Arg3's buffer.  The
# simulated page is not answered, so the "reply length" the AML reads is
# the handle it wrote: 0x10 makes the reply page[4 .. 16) (revision,
# function, first 4 argument bytes); 0x20000 is not a valid length
# (> 4096) and gives status 2.
t "$(dsm NV03 "$INTEL" 5 "[(AA BB CC DD 10 00 00 00)]")" \
  "buf:$(hex32 1)$(hex32 5)aabbccdd"
t "evaluate \\PRB0 20" \
  "buf:$(hex32 0x10)$(hex32 1)$(hex32 5)aabbccdd$(hex32 0x10)"
t "evaluate \\DBL0" "int:7F000000"
# other families are answered by the AML: the page stays as it was
t "$(dsm NV03 "$HPE1" 0 [0])" "buf:00"
# Arg3 is copied only when it is a one-element Package holding a Buffer:
# [0] is not, so bytes 12.. still hold the previous request's argument
t "$(dsm NV03 "$INTEL" 0 [0])" "buf:$(hex32 1)$(hex32 0)aabbccdd"
t "evaluate \\PRB0 12" "buf:$(hex32 0x10)$(hex32 1)$(hex32 0)"
t "evaluate $D.NV03._LSR 0x100 0x20" \
  "pkg:2 int:1 buf:$(hex32 5)$(hex32 0x100)"
t "evaluate \\PRB0 20" \
  "buf:$(hex32 0x10)$(hex32 1)$(hex32 5)$(hex32 0x100)$(hex32 0x20)"
t "evaluate $D.NV03._LSW 0x40 2 (5A A5)" "int:1"
t "evaluate \\PRB0 22" \
  "buf:$(hex32 0x10)$(hex32 1)$(hex32 6)$(hex32 0x40)$(hex32 2)5aa5"
t "$(dsm NV04 "$INTEL" 4 [0])" "buf:$ST2"
t "evaluate \\PRB1 12" "buf:$(hex32 0x20000)$(hex32 1)$(hex32 4)"
t "evaluate \\DBL1" "int:7F001000"
t "evaluate \\DBL0" "int:7F000000"

# --- run once (memory persists across the commands of one run) ----------
# -b takes at most 1023 characters in all, so the commands go to the
# interactive debugger on stdin instead (one line each, < 512 chars).
n=$(wc -l <"$cmds")
{ cat "$cmds"; echo quit; } |
    timeout 300 acpiexec -fv 0 "$work/ssdt.aml" "$work/probe.aml" \
    >"$work/acpiexec.log" 2>&1
awk -f "$here/acpiexec-results.awk" "$work/acpiexec.log" >"$work/got"
got_n=$(wc -l <"$work/got")
fail=0
if [ "$got_n" -ne "$n" ]; then
    echo "FAIL: $n commands, $got_n results (see $work/acpiexec.log)"
    fail=1
fi
i=0
while [ $i -lt "$n" ]; do
    i=$((i + 1))
    c=$(sed -n "${i}p" "$cmds")
    w=$(sed -n "${i}p" "$want")
    g=$(sed -n "${i}p" "$work/got" | cut -d' ' -f2-)
    if [ "$g" != "$w" ]; then
        echo "FAIL $c"
        echo "     want $w" | cut -c1-200
        echo "     got  $g" | cut -c1-200
        fail=1
    fi
done
if grep -q 'ACPI Error' "$work/acpiexec.log"; then
    # only the expected AE_NOT_FOUND lookups may appear
    if grep 'ACPI Error' "$work/acpiexec.log" | grep -vq 'AE_NOT_FOUND'; then
        echo "FAIL: unexpected ACPI errors:"
        grep 'ACPI Error' "$work/acpiexec.log" | grep -v AE_NOT_FOUND |
            head -5
        fail=1
    fi
fi
[ $fail -eq 0 ] && echo "check-acpiexec: $n evaluations as expected"

# --- the budget: 32 vNVDIMMs are NV00 .. NV1F (hex), handle i + 1 ----------
set --
i=0
while [ $i -lt 32 ]; do
    set -- "$@" --nvdimm \
        "base=$(printf '0x%x' $((0x100000000 + i * 0x200000))),size=0x200000,handle=$((i + 1))"
    i=$((i + 1))
done
mkdir -p "$work/budget"
"$mk" --out "$work/budget" "$@" || exit 1
got=$(acpiexec -b "evaluate $D.NV0A._ADR; evaluate $D.NV1F._ADR; $(dsm NV1F "$INTEL" 0 [0]); evaluate $D.NV20._ADR" \
      "$work/budget/ssdt.aml" 2>&1 | awk -f "$here/acpiexec-results.awk" |
      cut -d' ' -f2 | tr '\n' ' ')
if [ "$got" = "int:B int:20 buf:01 ERR:AE_NOT_FOUND " ]; then
    echo "ok   32 vNVDIMMs: NV0A is handle 0xb, NV1F is handle 0x20, no NV20"
else
    echo "FAIL 32 vNVDIMMs: got '$got'"
    fail=1
fi

# --- the deliberately wrong _ADR of --adr-offset ------------------------
mkdir -p "$work/adr"
"$mk" --out "$work/adr" --adr-offset 0x100 \
    --nvdimm base=0x100000000,size=0x10000000,handle=1 || exit 1
mkdir -p "$work/adr"
adr=$(acpiexec -b "evaluate $D.NV00._ADR" "$work/adr/ssdt.aml" 2>&1 |
      awk -f "$here/acpiexec-results.awk")
(cd "$work/adr" && iasl -d nfit.aml >/dev/null 2>&1)
h=$(sed -n 's/.*Device Handle : //p' "$work/adr/nfit.dsl")
if [ "$adr" = "$D.NV00._ADR int:101" ] && [ "$h" = "00000001" ]; then
    echo "ok   --adr-offset 0x100: _ADR 0x101, NFIT handle 1"
else
    echo "FAIL --adr-offset: _ADR '$adr', NFIT handle '$h'"
    fail=1
fi
exit $fail
