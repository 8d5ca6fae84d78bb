#!/bin/sh
# SPDX-License-Identifier: MIT
# Check the Xen patch series in libxc-patches/ (docs/integration.md).
#
# Offline, always: every *.patch is a `git format-patch` mail (From line,
# From:/Date:/Subject: headers, "[PATCH n/N] tools/...: ..." subjects
# numbered 1..N, a Signed-off-by line, a diffstat, a diff that
# `git apply --stat` parses, git mailinfo accepts it).
#
# With a Xen tree (XEN_TREE, a git repository holding the base tag, or
# the mirror /work/.mirror/xen-project+xen/repo): the series is applied
# with `git am` to a scratch clone of RELEASE-4.17.7, and the files it
# imports from this repository are compared with the current ones
# (a difference is reported as STALE, not as a failure: regenerate the
# series).  Without a tree that part prints SKIP.  Building the patched
# tree is a manual step (docs/integration.md): nothing here builds Xen.
set -u
dir=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$dir/.." && pwd)
base=${XEN_BASE:-RELEASE-4.17.7}
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
    echo "$subj" | grep -Eq "^\[PATCH $n/$total\] tools(/[A-Za-z0-9_./-]+)?: .+" ||
        bad "$f" "subject '$subj' is not '[PATCH $n/$total] tools/...: ...'"
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

tree=${XEN_TREE:-/work/.mirror/xen-project+xen/repo}
if ! git -C "$tree" rev-parse -q --verify "$base^{commit}" >/dev/null 2>&1; then
    echo "check-series: SKIP git am (no Xen tree with $base at $tree;" \
         "set XEN_TREE)"
    exit $fail
fi

git clone -q --shared --no-checkout "$tree" "$tmp/xen" 2>"$tmp/err" ||
    { bad clone "$(cat "$tmp/err")"; exit 1; }
git -C "$tmp/xen" checkout -q "$base" 2>"$tmp/err" ||
    { bad checkout "$(cat "$tmp/err")"; exit 1; }
git -C "$tmp/xen" -c user.name=check -c user.email=check@localhost \
    am -q "$@" >"$tmp/err" 2>&1 ||
    { bad "git am" "$(head -5 "$tmp/err")"; exit 1; }
echo "check-series: $total patches apply with git am to $base" \
     "($(git -C "$tmp/xen" diff --shortstat "$base" HEAD))"

# Files the series imports from this repository.
stale=0
# Compared with what is committed here (HEAD), not with work in progress.
cmp_file() {
    if ! git -C "$repo" show "HEAD:$1" | cmp -s - "$2"; then
        echo "check-series: STALE $1 differs from the series' copy"
        stale=1
    fi
}
for f in $(cd "$repo" && git ls-files libreserve acpi | grep -v module.mk); do
    cmp_file "$f" "$tmp/xen/tools/libreserve/$f"
done
for f in libreserve.c libreserve.h; do
    cmp_file "hvmloader/$f" "$tmp/xen/tools/firmware/hvmloader/$f"
done
[ $stale -eq 0 ] && echo "check-series: imported files match this repository"
exit $fail
