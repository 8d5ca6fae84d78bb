#!/bin/sh
# SPDX-License-Identifier: MIT
# Build the guest initramfs from the Debian packages installed on this host
# and print its path.  Cached by content: the name carries a hash of every
# input (this script, the /init template, busybox, the kernel modules, ndctl
# and its libraries), so a repeated run costs one sha256sum pass.
#
# Usage: mkinitramfs.sh OUTDIR KVER [ndctl]
#   OUTDIR  where initramfs-<variant>-<hash>.cpio is kept (e.g. build/guest)
#   KVER    kernel version whose /lib/modules/KVER/modules.dep is used
#   ndctl   also pack /usr/bin/ndctl and its ldd closure (label tests)
#
# Contents: /bin/busybox (busybox-static) with its applets, /init
# (tests/guest/init.sh), the modules libnvdimm nd_btt nd_pmem nfit and their
# dependencies from modules.dep, listed in load order in /etc/lrg-modules.
set -eu

out=$1
kver=$2
variant=${3:-base}
here=$(cd "$(dirname "$0")" && pwd)
moddir=/lib/modules/$kver
busybox=/bin/busybox
want="libnvdimm nd_btt nd_pmem nfit"

[ -f "$moddir/modules.dep" ] || { echo "mkinitramfs: no $moddir/modules.dep" >&2; exit 1; }
[ -x "$busybox" ] || { echo "mkinitramfs: no $busybox (package busybox-static)" >&2; exit 1; }

# Module paths (relative to $moddir) in load order: dependencies first.
# modules.dep lines are "path: dep1 dep2 ..."; a module's own dependency
# list is already closed, so depth 1 plus de-duplication suffices.
modpath() {
    awk -v m="$1" -F: '{ n = $1; sub(/.*\//, "", n); sub(/\.ko.*$/, "", n)
                         if (n == m) { print $1; exit } }' "$moddir/modules.dep"
}
order=""
add() {
    case " $order " in *" $1 "*) ;; *) order="$order $1" ;; esac
}
for m in $want; do
    p=$(modpath "$m")
    [ -n "$p" ] || { echo "mkinitramfs: module $m not in $moddir/modules.dep" >&2; exit 1; }
    deps=$(awk -v p="$p" -F': *' '$1 == p { print $2; exit }' "$moddir/modules.dep")
    # modules.dep lists the deepest dependency last: load from the right.
    for d in $(echo "$deps" | tr ' ' '\n' | sed '/^$/d' | tac); do add "$d"; done
    add "$p"
done

files="$here/init.sh $here/mkinitramfs.sh $busybox"
for p in $order; do files="$files $moddir/$p"; done
libs=""
if [ "$variant" = ndctl ]; then
    command -v ndctl >/dev/null || { echo "mkinitramfs: no ndctl (package ndctl)" >&2; exit 1; }
    nd=$(command -v ndctl)
    libs=$(ldd "$nd" | awk '/=>/ { print $3 } /^[[:space:]]*\/[^ ]*ld-linux/ { print $1 }')
    files="$files $nd $libs"
fi

# shellcheck disable=SC2086 # $files is a word list
key=$( { echo "$kver $variant $order"; sha256sum $files; } | sha256sum | cut -c1-16)
img=$out/initramfs-$variant-$key.cpio
if [ -f "$img" ]; then
    echo "$img"
    exit 0
fi

mkdir -p "$out"
stage=$(mktemp -d "$out/stage.XXXXXX")
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/sbin" "$stage/usr/bin" "$stage/usr/sbin" "$stage/etc" \
         "$stage/proc" "$stage/sys" "$stage/dev" "$stage/tmp" "$stage/lib/modules"
cp "$busybox" "$stage/bin/busybox"
cp "$here/init.sh" "$stage/init"
chmod 755 "$stage/init"
: >"$stage/etc/lrg-modules"
for p in $order; do
    b=$(basename "$p")
    case "$b" in
    *.ko)     cp "$moddir/$p" "$stage/lib/modules/$b" ;;
    *.ko.xz)  b=${b%.xz};  xz -dc "$moddir/$p" >"$stage/lib/modules/$b" ;;
    *.ko.zst) b=${b%.zst}; zstd -qdc "$moddir/$p" >"$stage/lib/modules/$b" ;;
    *.ko.gz)  b=${b%.gz};  gzip -dc "$moddir/$p" >"$stage/lib/modules/$b" ;;
    *) echo "mkinitramfs: unknown module format $p" >&2; exit 1 ;;
    esac
    echo "/lib/modules/$b" >>"$stage/etc/lrg-modules"
done
if [ "$variant" = ndctl ]; then
    cp "$nd" "$stage/usr/bin/ndctl"
    for l in $libs; do
        mkdir -p "$stage$(dirname "$l")"
        cp -L "$l" "$stage$l"
    done
fi
(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc --quiet) >"$stage.cpio"
mv "$stage.cpio" "$img"
# Older images of this variant are stale now.
for old in "$out"/initramfs-"$variant"-*.cpio*; do
    [ "$old" = "$img" ] || rm -f "$old"
done
echo "$img"
