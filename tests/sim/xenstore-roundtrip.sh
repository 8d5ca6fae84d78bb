#!/bin/sh
# SPDX-License-Identifier: MIT
#
# xenstore-roundtrip.sh XEN_LAYOUT
#
# The identity a real guest depends on, through a real xenstored: write a
# guest's schema with the script `xen-layout --format xenstore` prints,
# read it back live (--domid, libxenstore) and from a `xenstore-ls -f`
# dump (--xenstore-dump), both through the schema reader hvmloader uses,
# and require the same e820, the same memmap= line and the same keys as
# the layout made from the xl.cfg.
set -eu
XL=$1
here=$(dirname "$0")
corpus=tests/data/dmar-corpus/dmar
fix=$here/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0
n=0

check() {
    cfg=$1 dmar=$2 domid=$3
    set -- --config "$cfg"
    [ -n "$dmar" ] && set -- "$@" --dmar "$corpus/$dmar.dmar.bin"
    "$XL" "$@" --format xenstore --domid "$domid" >"$tmp/w.sh" 2>/dev/null
    "$XL" "$@" --format e820 >"$tmp/e820.want" 2>/dev/null
    "$XL" "$@" --format memmap >"$tmp/memmap.want" 2>/dev/null
    sh "$here/../xenstore/with-xenstored.sh" sh -c \
        "sh '$tmp/w.sh' && xenstore-ls -f /local/domain/$domid >'$tmp/dump' &&
         '$XL' --domid $domid --format e820 >'$tmp/live.got' 2>'$tmp/lerr'" \
        || { cat "$tmp/lerr"; fail=1; }
    cp "$tmp/e820.want" "$tmp/live.want"
    "$XL" --xenstore-dump "$tmp/dump" --format e820 >"$tmp/e820.got" \
        2>"$tmp/err" || { cat "$tmp/err"; fail=1; }
    "$XL" --xenstore-dump "$tmp/dump" --format memmap >"$tmp/memmap.got" \
        2>/dev/null || fail=1
    "$XL" --xenstore-dump "$tmp/dump" --format xenstore --domid "$domid" \
        2>/dev/null | grep -v '^#' >"$tmp/w.got" || fail=1
    grep -v '^#' "$tmp/w.sh" >"$tmp/w.want"
    for f in e820 memmap w live; do
        if ! cmp -s "$tmp/$f.want" "$tmp/$f.got"; then
            echo "xenstore-roundtrip: $cfg $dmar: $f differs:" >&2
            diff "$tmp/$f.want" "$tmp/$f.got" >&2 || true
            fail=1
        fi
    done
    # the dump must hold the keys at all (an empty e820 proves nothing)
    [ -s "$tmp/e820.want" ] && grep -q 'libreserve/version = "1"' \
        "$tmp/dump" || { echo "xenstore-roundtrip: $cfg: no schema" >&2;
                         fail=1; }
    n=$((n + 1))
}

check "$fix/host.cfg" lhw-80DC1538C4FA 5
check "$fix/host.cfg" lhw-10A5FED6D643 7
check "$fix/small.cfg" lhw-795F37601A0A 9
check "$fix/pmem.cfg" "" 11
check docs/examples/igpu-usb-4g.cfg lhw-0EF135BA6BB4 12
check "$fix/hole.cfg" lhw-00089523C3BB 13
[ "$fail" -eq 0 ] && echo "xenstore-roundtrip: $n guests identical"
exit "$fail"
