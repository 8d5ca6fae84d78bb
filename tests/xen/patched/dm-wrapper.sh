#!/bin/sh
# SPDX-License-Identifier: MIT
# Device-model wrapper: libxl spawns it after building the domain and
# before unpausing it.  Write the libreserve keys of the guest (from
# /lr/keys/<guest name>.keys, "relative-path value" lines), then run the
# real device model.
domid="" name=""
prev=""
for a in "$@"; do
    [ "$prev" = "-xen-domid" ] && domid=$a
    [ "$prev" = "-name" ] && name=$a
    prev=$a
done
keys=/lr/keys/$name.keys
if [ -n "$domid" ] && [ -f "$keys" ]; then
    while read -r k v; do
        [ -n "$k" ] && /lr/xs-write "/local/domain/$domid/$k" "$v"
    done <"$keys"
    echo "LRX dm-wrapper: wrote $(grep -c . "$keys") libreserve keys for d$domid ($name)" >/dev/console 2>/dev/null
fi
exec /usr/libexec/xen-qemu-system-i386 "$@"
