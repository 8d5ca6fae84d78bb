#!/bin/sh
# SPDX-License-Identifier: MIT
# Check the Xen patch series in libxc-patches/ (docs/integration.md).
#
# Offline, always: every *.patch is a `git format-patch` mail (From line,
# From:/Date:/Subject: headers, "[PATCH n/N] tools/...: ..." or
# "[PATCH n/N] xen/...: ..." subjects
# numbered 1..N, zero-padded to N's width as git writes them (01/10), a
# Signed-off-by line, a diffstat, a diff that `git apply --stat` parses,
# git mailinfo accepts it).
#
# Always too, with no Xen tree: the files the series imports from this
# repository (libreserve/, acpi/, hvmloader/libreserve.{c,h}) equal the
# working tree's; a difference (STALE) fails: `make libxc-patches`
# regenerates the series.  Applying the series to Debian's Xen source and
# building it is tests/xen/build-patched.sh (make check-xen-patched-build).
set -u
dir=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$dir/.." && pwd)
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

bad() { echo "check-series: $1: $2"; fail=1; }

set -- "$dir"/*.patch
[ -e "$1" ] || { echo "check-series: no patches in $dir"; exit 1; }
total=$#
n=0
for p in "$@"; do
    n=$((n + 1))
    f=$(basename "$p")
    head -1 "$p" | grep -Eq '^From [0-9a-f]{40} Mon Sep 17 00:00:00 2001$' ||
        bad "$f" "first line is not a format-patch From line"
    # The mail header, folded lines joined (RFC 5322 continuations).
    hdr=$(sed '/^$/q' "$p" | awk '/^[ \t]/ { sub(/^[ \t]+/, " ");
        line = line $0; next } { if ( NR > 1 ) print line; line = $0 }
        END { print line }')
    echo "$hdr" | grep -q '^From: .* <.*@.*>$' || bad "$f" "no From: header"
    echo "$hdr" | grep -q '^Date: ' || bad "$f" "no Date: header"
    subj=$(echo "$hdr" | sed -n 's/^Subject: //p' | head -1)
    # git format-patch pads the number to the width of the total (01/10).
    pn=$(printf "%0${#total}d" "$n")
    echo "$subj" | grep -Eq "^\[PATCH $pn/$total\] (tools|xen)(/[A-Za-z0-9_./-]+)?: .+" ||
        bad "$f" "subject '$subj' is not '[PATCH $pn/$total] tools/...: ...' or 'xen/...: ...'"
    msg=$(sed -n '/^$/,/^---$/p' "$p")
    echo "$msg" | grep -Eq '^Signed-off-by: .+ <.+@.+>$' ||
        bad "$f" "no Signed-off-by before ---"
    [ "$(echo "$msg" | grep -cv '^\(Signed-off-by:.*\|---\|\)$')" -ge 3 ] ||
        bad "$f" "commit message under 3 lines: say why"
    grep -Eq '^ [0-9]+ files? changed' "$p" || bad "$f" "no diffstat"
    grep -q '^diff --git ' "$p" || bad "$f" "no diff"
    git apply --stat "$p" >/dev/null 2>"$tmp/err" ||
        bad "$f" "git apply cannot parse it: $(head -1 "$tmp/err")"
    git mailinfo "$tmp/msg" "$tmp/patch" <"$p" >"$tmp/info" 2>/dev/null ||
        bad "$f" "git mailinfo rejects it"
    grep -q '^Subject: ' "$tmp/info" || bad "$f" "mailinfo finds no subject"
done
echo "check-series: $total patches, format $( [ $fail -eq 0 ] && echo ok || echo FAILED)"

# The engine in the series is this repository's engine: apply the files
# the series imports from here (all of patch 1, hvmloader/libreserve.* of
# patch 3: new files, so no Xen tree is needed) into an empty directory
# and compare them with the working tree, both ways.  Whether the series
# applies to Debian's Xen source and builds is check-xen-patched-build.
imp=$tmp/imported
mkdir -p "$imp"
first=$1
third=$(ls "$dir"/0003-*.patch 2>/dev/null | head -1)
(cd "$imp" && git apply "$first") 2>"$tmp/err" ||
    bad "$(basename "$first")" "cannot apply into an empty tree: $(head -1 "$tmp/err")"
if [ -n "$third" ]; then
    (cd "$imp" && git apply --include='tools/firmware/hvmloader/libreserve.*' "$third") \
        2>"$tmp/err" ||
        bad "$(basename "$third")" "its hvmloader/libreserve.* do not apply: $(head -1 "$tmp/err")"
else
    bad series "no patch 3 (hvmloader)"
fi
stale=0
cmp_file() {    # cmp_file REPO-PATH SERIES-PATH
    if [ ! -f "$2" ]; then
        echo "check-series: STALE $1 is not in the series"; stale=1
    elif ! cmp -s "$repo/$1" "$2"; then
        echo "check-series: STALE $1 differs from the series' copy:"
        diff -u "$2" "$repo/$1" | head -20 | sed 's/^/    /'
        stale=1
    fi
}
want=$(cd "$repo" && git ls-files libreserve acpi | grep -v 'module\.mk$')
for f in $want; do
    cmp_file "$f" "$imp/tools/libreserve/$f"
done
for f in $(cd "$imp/tools/libreserve" && find libreserve acpi -type f | sort); do
    echo "$want" | grep -qx "$f" ||
        { echo "check-series: STALE the series imports $f, which is gone here"; stale=1; }
done
for f in $(cd "$repo" && git ls-files 'libreserve/*.c' 'acpi/*.c' | grep -v '/.*/'); do
    b=${f#*/}
    tr -s ' \\)\n' '\n' <"$imp/tools/libreserve/libreserve.mk" | grep -qx "$b" ||
        { echo "check-series: STALE libreserve.mk does not list $f"; stale=1; }
done
for f in libreserve.c libreserve.h; do
    cmp_file "hvmloader/$f" "$imp/tools/firmware/hvmloader/$f"
done
if [ $stale -eq 0 ]; then
    echo "check-series: the imported files equal this repository's ($(echo "$want" | wc -l) + 2 files)"
else
    echo "check-series: FAILED: the series carries another engine; run 'make libxc-patches'"
    fail=1
fi
exit $fail
