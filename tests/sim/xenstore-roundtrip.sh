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
# The printed script must keep a backslash in an owner (ACPI namespace
# devices are named "\_SB.PCI0.XHC"; xenstore-write unescapes) and must
# leave the schema owned by dom0, read-only to the guest.
"$XL" --config "$fix/host.cfg" --dmar "$corpus/lhw-80DC1538C4FA.dmar.bin" \
    --format xenstore --domid 21 >"$tmp/a.sh" 2>/dev/null || fail=1
cat >"$tmp/bs.sh" <<EOS
set -eu
sh '$tmp/a.sh'
xenstore-write -R /local/domain/21/libreserve/reserved/0/owner 'RMRR 0 of \_SB.PCI0.XHC'
xenstore-read -R /local/domain/21/libreserve/reserved/0/owner >'$tmp/o1'
xenstore-ls -f /local/domain/21 >'$tmp/bs.dump'
'$XL' --xenstore-dump '$tmp/bs.dump' --domid 21 --format xenstore \\
    >'$tmp/b.sh' 2>/dev/null
xenstore-rm /local/domain/21/libreserve
sh '$tmp/b.sh'
xenstore-read -R /local/domain/21/libreserve/reserved/0/owner >'$tmp/o2'
xenstore-ls -p /local/domain/21/libreserve >'$tmp/perm'
EOS
sh "$here/../xenstore/with-xenstored.sh" sh "$tmp/bs.sh" || fail=1
if [ "$(cat "$tmp/o1" 2>/dev/null)" != 'RMRR 0 of \_SB.PCI0.XHC' ] ||
   ! cmp -s "$tmp/o1" "$tmp/o2"; then
    echo "xenstore-roundtrip: backslash owner: stored '$(cat "$tmp/o1" \
         2>/dev/null)', after the printed script '$(cat "$tmp/o2" \
         2>/dev/null)'" >&2
    fail=1
fi
if ! grep -q '(n0,r21)' "$tmp/perm" || grep -v '(n0,r21)' "$tmp/perm" |
   grep -q .; then
    echo "xenstore-roundtrip: schema permissions are not n0 r21:" >&2
    cat "$tmp/perm" >&2
    fail=1
fi
n=$((n + 1))

[ "$fail" -eq 0 ] && echo "xenstore-roundtrip: $n guests identical"
exit "$fail"
