#!/bin/bash
# SPDX-License-Identifier: MIT
# Print an e820 map in the harness's normalised form, one entry a line:
#     TYPE START END
# TYPE is RAM, RESERVED, ACPI, NVS, UNUSABLE, PMEM (7), PRAM (12) or TYPE<n>;
# START and END are 0x + 16 lower-case hex digits, END exclusive (start +
# size, hvmloader's convention).
# Input (FILE or stdin), recognised line by line, any prefix allowed:
#   hvmloader:  "(d1)  [00]: 00000000:00000000 - 00000000:000a0000: RAM"
#               from a Xen console log: only the last "E820 table:" block of
#               domain --domid N (default: the last domain that printed one);
#               from hvmloader's lines without prefix: the last block
#   Linux:      "BIOS-e820: [mem 0x0-0x9fbff] usable"  (inclusive end)
#               "[mem 0x...-0x...] reserved", "0x...-0x... usable"
#   sysfs:      "LRG memmap: 0x0 0x9fbff System RAM"  (inclusive end)
#   normalised: "RAM 0x... 0x..."  (passed through, re-padded)
# Usage: e820-norm.sh [--domid N] [FILE]
set -eu
domid=""
if [ "${1:-}" = "--domid" ]; then domid=$2; shift 2; fi
in=${1:--}

ntype() {
    case "$1" in
    RAM|usable|"System RAM") echo RAM ;;
    RESERVED|reserved|Reserved) echo RESERVED ;;
    ACPI|"ACPI data"|"ACPI Tables") echo ACPI ;;
    NVS|"ACPI NVS"|"ACPI Non-volatile Storage") echo NVS ;;
    UNUSABLE|unusable|"Unusable memory") echo UNUSABLE ;;
    PMEM|"persistent (type 7)"|"Persistent Memory") echo PMEM ;;
    PRAM|"persistent (type 12)"|"Persistent Memory (legacy)") echo PRAM ;;
    "UNKNOWN ("*)
        n=${1#UNKNOWN (}; n=${n%%[!0-9a-fA-F]*}; n=$((16#$n))
        case $n in 5) echo UNUSABLE ;; 7) echo PMEM ;; 12) echo PRAM ;; *) echo "TYPE$n" ;; esac ;;
    "type "*) echo "TYPE${1#type }" ;;
    TYPE*) echo "$1" ;;
    *) echo "TYPE?($1)" ;;
    esac
}
out() { printf '%s 0x%016x 0x%016x\n' "$(ntype "$1")" "$2" "$3"; }

if [ "$in" = - ]; then text=$(tr -d '\r'); else text=$(tr -d '\r' <"$in"); fi

# A Xen console log or hvmloader excerpt: keep the chosen domain's last table.
if grep -q '(d[0-9]*) .*E820 table:' <<<"$text"; then
    if [ -z "$domid" ]; then
        domid=$(grep -o '(d[0-9]*) .*E820 table:' <<<"$text" | tail -1 | sed 's/^(d\([0-9]*\)).*/\1/')
    fi
    text=$(grep "^(d$domid) " <<<"$text" | sed 's/^(d[0-9]*) \(\[[ 0-9.]*\] \)\{0,1\}//')
fi
# hvmloader's own lines (prefix already removed): keep the last table only,
# so SeaBIOS's map and a guest's report in the same stream are not mixed in.
if grep -q '^E820 table:' <<<"$text"; then
    text=$(awk '/^E820 table:/ {buf=""; on=1; next}
                on && /^ *(\[[0-9]+\]:|HOLE:|OVERLAP)/ {buf = buf $0 "\n"; next}
                on {on=0}
                END {printf "%s", buf}' <<<"$text")
fi

re_hvm='\[[0-9]+\]: ([0-9a-fA-F]{8}):([0-9a-fA-F]{8}) - ([0-9a-fA-F]{8}):([0-9a-fA-F]{8}): (.*)$'
re_mem='\[mem (0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)\] (.*)$'
re_rng='(^|[ :])(0x[0-9a-fA-F]+)-(0x[0-9a-fA-F]+)[ :]+(.*)$'
re_sys='LRG memmap: (0x[0-9a-fA-F]+) (0x[0-9a-fA-F]+) (.*)$'
re_nrm='^[ ]*([A-Z][A-Z0-9?()]*) +(0x[0-9a-fA-F]+) +(0x[0-9a-fA-F]+)[ ]*$'
while IFS= read -r l; do
    if [[ $l =~ $re_hvm ]]; then
        out "${BASH_REMATCH[5]}" "0x${BASH_REMATCH[1]}${BASH_REMATCH[2]}" "0x${BASH_REMATCH[3]}${BASH_REMATCH[4]}"
    elif [[ $l =~ $re_sys ]]; then
        out "${BASH_REMATCH[3]}" "${BASH_REMATCH[1]}" "$(( ${BASH_REMATCH[2]} + 1 ))"
    elif [[ $l =~ $re_mem ]]; then
        out "${BASH_REMATCH[3]}" "${BASH_REMATCH[1]}" "$(( ${BASH_REMATCH[2]} + 1 ))"
    elif [[ $l =~ $re_nrm ]]; then
        out "${BASH_REMATCH[1]}" "${BASH_REMATCH[2]}" "${BASH_REMATCH[3]}"
    elif [[ $l =~ $re_rng ]]; then
        out "${BASH_REMATCH[4]}" "${BASH_REMATCH[2]}" "$(( ${BASH_REMATCH[3]} + 1 ))"
    fi
done <<<"$text"
