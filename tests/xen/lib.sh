# SPDX-License-Identifier: MIT
# Shared helpers for the real-Xen harness (sourced, not run).
# Everything comes from Debian packages installed on the host; nothing is
# downloaded and nothing of Xen is built.

XEN_VER=${XEN_VER:-4.17}
XEN_LIB=/usr/lib/xen-$XEN_VER
XEN_GZ=${XEN_GZ:-/boot/xen-$XEN_VER-amd64.gz}
DM=/usr/libexec/xen-qemu-system-i386
HERE=$(cd "$(dirname "$0")" && pwd)

die() { echo "xen-harness: $*" >&2; exit 1; }

# Newest installed Debian kernel that has its modules: dom0 and guest kernel.
pick_kver() {
    if [ -n "${KVER:-}" ]; then echo "$KVER"; return; fi
    local v
    for v in $(ls /boot/vmlinuz-*-amd64 2>/dev/null | sed 's|/boot/vmlinuz-||' | sort -V -r); do
        [ -d "/lib/modules/$v" ] && { echo "$v"; return; }
    done
    die "no /boot/vmlinuz-*-amd64 with /lib/modules (install linux-image-amd64)"
}

# Print the module file for NAME (as in modules.dep) and its dependencies,
# dependencies first, one path per line, no duplicates.
mod_closure() {
    local kv=$1 m line self deps d; shift
    for m in "$@"; do
        line=$(grep -E "(^|/)$m\.ko(\.[a-z]+)?:" "/lib/modules/$kv/modules.dep" | head -1) ||
            die "module $m not in /lib/modules/$kv/modules.dep"
        self=${line%%:*}
        deps=${line#*:}
        for d in $(echo "$deps" | tr ' ' '\n' | tac) "$self"; do
            echo "/lib/modules/$kv/$d"
        done
    done | awk '!seen[$0]++'
}

# The shared libraries the given ELF binaries load, ELF interpreter included,
# one absolute path a line (ldd's view: what the loader resolves here).
elf_libs() {
    local f
    for f in "$@"; do ldd "$f" 2>/dev/null; done |
        awk '/=>/ && $3 ~ /^\// {print $3} /^[ \t]*\// {print $1}' | sort -u
}

# Copy each binary and its libraries into ROOT at the same absolute paths,
# so the loader finds them where ldd found them.
copy_elf_closure() {
    local root=$1 f; shift
    for f in "$@" $(elf_libs "$@"); do
        [ -e "$f" ] || die "missing $f"
        mkdir -p "$root$(dirname "$f")"
        cp -L "$f" "$root$f"
    done
}

# Decompress a .ko.xz/.ko.zst if Debian ever compresses them; plain .ko as is.
copy_module() {
    local src=$1 dst=$2
    mkdir -p "$dst"
    case "$src" in
    *.ko.xz)  xz -dc "$src" >"$dst/$(basename "$src" .xz)" ;;
    *.ko.zst) zstd -qdc "$src" >"$dst/$(basename "$src" .zst)" ;;
    *.ko.gz)  gzip -dc "$src" >"$dst/$(basename "$src" .gz)" ;;
    *)        cp "$src" "$dst/" ;;
    esac
}

# Pack directory ROOT into a gzipped newc cpio at OUT (reproducible order).
pack_cpio() {
    local root=$1 out=$2
    (cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
        gzip -n -6 >"$out.tmp.$$"
    mv "$out.tmp.$$" "$out"     # atomic: a concurrent run sees all or nothing
}

# Content key: sha256 over the given files' contents and names (16 hex).
content_key() {
    local f
    for f in "$@"; do printf '%s\n' "$f"; sha256sum <"$f"; done | sha256sum | cut -c1-16
}
