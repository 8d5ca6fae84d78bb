#!/bin/bash
# SPDX-License-Identifier: MIT
# Regenerate the patch series from this repository's sources
# (docs/integration.md, "Regenerating the series").
#
# The base is Debian's xen source package, unpacked by
# tests/xen/build-patched.sh --source-only (nothing but the Debian
# registry is needed).  The script imports that tree into a scratch git
# repository, applies the current series with `git am` (which keeps every
# commit message, author and date: the messages live in the .patch files),
# and rewrites the files the series imports from here:
#   patch 1: tools/libreserve/{libreserve,acpi}/ = libreserve/ and acpi/ of
#            this repository (git ls-files, without module.mk), and the
#            source lists in tools/libreserve/libreserve.mk
#   patch 3: tools/firmware/hvmloader/libreserve.{c,h} = hvmloader/'s
# then writes the series back with `git format-patch`.  Commit hashes are
# reproducible (fixed committer identity, committer date = author date),
# so an unchanged source gives byte-identical patches.
#
# Usage: regen.sh [--tree DIR] [--export DIR]
#   --tree DIR    keep the scratch repository in DIR (its HEAD is the
#                 series as commits on branch libreserve, the base is tag
#                 debian-base): edit other Xen files there with
#                 `git rebase -i debian-base`, then
#   --export DIR  write the series from such a repository, as it is
#                 (no re-import), into libxc-patches/
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
tree="" export=""
while [ $# -gt 0 ]; do
    case "$1" in
    --tree) tree=$2; shift 2 ;;
    --export) export=$2; shift 2 ;;
    -h|--help) sed -n '3,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "regen: unknown argument $1" >&2; exit 2 ;;
    esac
done
die() { echo "regen: $*" >&2; exit 1; }
export GIT_COMMITTER_NAME="libreserve series" GIT_COMMITTER_EMAIL="series@libreserve.invalid"
export GIT_AUTHOR_NAME="$GIT_COMMITTER_NAME" GIT_AUTHOR_EMAIL="$GIT_COMMITTER_EMAIL"
export GIT_CONFIG_NOSYSTEM=1 HOME=${TMPDIR:-/tmp}
g() { git -C "$x" -c user.name="$GIT_COMMITTER_NAME" -c user.email="$GIT_COMMITTER_EMAIL" \
        -c core.autocrlf=false -c core.abbrev=10 -c commit.gpgsign=false "$@"; }

# Amend HEAD with the index, committer date = the commit's author date.
amend() {
    local d
    d=$(g log -1 --format=%ad --date=raw)
    GIT_COMMITTER_DATE="$d" g commit -q --amend --no-edit --allow-empty
}

# "    a.c b.c ...)" lines of at most 76 columns, for libreserve.mk.
mk_list() {
    (cd "$repo" && git ls-files "$1/*.c") | sed "s|^$1/||" | grep -v / | awk '{ if ( len + length($0) + 1 > 70 && len ) {
        print line " \\"; line = ""; len = 0 }
        line = line (len ? " " : "    ") $0; len += length($0) + 1 }
        END { print line ")" }'
}

export_series() {
    local out n
    out=$(mktemp -d)
    n=$(g rev-list --count debian-base..HEAD)
    [ "$n" -gt 0 ] || die "no commits on top of debian-base"
    g format-patch -q -o "$out" debian-base..HEAD
    rm -f "$here"/*.patch
    mv "$out"/*.patch "$here/"
    rmdir "$out"
    echo "regen: wrote $n patches to $here" >&2
}

if [ -n "$export" ]; then
    x=$export
    g rev-parse -q --verify debian-base >/dev/null || die "$x has no tag debian-base"
    export_series
    exit 0
fi

src=$("$repo/tests/xen/build-patched.sh" --source-only) || die "cannot get the Xen source"
if [ -n "$tree" ]; then
    rm -rf "$tree"; mkdir -p "$tree"; x=$(cd "$tree" && pwd)
else
    x=$(mktemp -d); trap 'rm -rf "$x"' EXIT
fi
cp -a "$src/." "$x/"
g init -q -b libreserve
g add -A -f .
GIT_AUTHOR_DATE="1700000000 +0000" GIT_COMMITTER_DATE="1700000000 +0000" \
    g commit -q -m "Debian xen source package $(basename "$(dirname "$src")" | sed 's/^source-//')"
g tag debian-base

n=0
for p in "$here"/*.patch; do
    n=$((n + 1))
    g am -q --committer-date-is-author-date "$p" 2>"$x/.am.err" ||
        { cat "$x/.am.err" >&2; die "$(basename "$p") does not apply"; }
    case $n in
    1)
        lr=$x/tools/libreserve
        rm -rf "$lr/libreserve" "$lr/acpi"
        (cd "$repo" && git ls-files libreserve acpi | grep -v 'module\.mk$') |
        while read -r f; do
            mkdir -p "$lr/$(dirname "$f")"
            cp "$repo/$f" "$lr/$f"
        done
        awk -v a="$(mk_list libreserve)" -v b="$(mk_list acpi)" '
            /^LIBRESERVE_SRCS :=/ { print; print a; skip = 1; next }
            /^LIBRESERVE_ACPI_SRCS :=/ { print; print b; skip = 1; next }
            skip && /\)[ \t]*$/ { skip = 0; next }
            !skip' "$lr/libreserve.mk" >"$lr/libreserve.mk.new"
        mv "$lr/libreserve.mk.new" "$lr/libreserve.mk"
        g add -A tools/libreserve
        amend ;;
    3)
        cp "$repo/hvmloader/libreserve.c" "$repo/hvmloader/libreserve.h" \
            "$x/tools/firmware/hvmloader/"
        g add tools/firmware/hvmloader/libreserve.c tools/firmware/hvmloader/libreserve.h
        amend ;;
    esac
done
rm -f "$x/.am.err"
export_series
