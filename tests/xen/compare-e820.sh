#!/bin/bash
# SPDX-License-Identifier: MIT
# Compare an e820 map from real Xen (hvmloader's "(dN) E820 table:" lines, a
# Xen console log, or any form e820-norm.sh reads) with a predicted one,
# entry for entry, after normalising both to "TYPE START END" (END exclusive).
# Prints "e820 match (N entries)" and exits 0, or prints both tables side by
# side with the differing rows marked and exits 1.  Exits 2 on unusable input
# (a file missing, or a side with no entries: an empty prediction never passes).
# Usage: compare-e820.sh [--domid N] [--label-a NAME] [--label-b NAME] ACTUAL PREDICTED
set -eu
here=$(cd "$(dirname "$0")" && pwd)
dom=() la=hvmloader lb=predicted
while [ $# -gt 2 ]; do
    case "$1" in
    --domid) dom=(--domid "$2"); shift 2 ;;
    --label-a) la=$2; shift 2 ;;
    --label-b) lb=$2; shift 2 ;;
    *) break ;;
    esac
done
[ $# -eq 2 ] || { echo "usage: compare-e820.sh [--domid N] ACTUAL PREDICTED" >&2; exit 2; }
for f in "$1" "$2"; do [ -f "$f" ] || { echo "compare-e820: no such file: $f" >&2; exit 2; }; done
a=$("$here/e820-norm.sh" "${dom[@]+"${dom[@]}"}" "$1")
b=$("$here/e820-norm.sh" "$2")
[ -n "$a" ] || { echo "compare-e820: no e820 entries in $1" >&2; exit 2; }
[ -n "$b" ] || { echo "compare-e820: no e820 entries in $2" >&2; exit 2; }
if [ "$a" = "$b" ]; then
    echo "e820 match ($(wc -l <<<"$a") entries)"
    exit 0
fi
echo "e820 MISMATCH: $1 ($la) vs $2 ($lb)"
na=$(wc -l <<<"$a") nb=$(wc -l <<<"$b")
n=$(( na > nb ? na : nb ))
printf '   %-46s   %-46s\n' "$la" "$lb"
for i in $(seq 1 "$n"); do
    x=$(sed -n "${i}p" <<<"$a") y=$(sed -n "${i}p" <<<"$b")
    if [ "$x" = "$y" ]; then m=" "; else m="!"; fi
    printf '%s  %-46s   %-46s\n' "$m" "${x:--}" "${y:--}"
done
exit 1
