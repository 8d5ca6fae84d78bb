# SPDX-License-Identifier: MIT
# The one initramfs builder of the test harnesses (sourced, not run):
# tests/guest/mkinitramfs.sh (the Linux-guest checks) and tests/xen/mkdom0.sh,
# mkguest.sh and the vNVDIMM scenarios (the real-Xen checks) assemble their
# images from these steps.  Everything comes from the host's Debian
# packages; nothing is downloaded.  POSIX sh (dash runs the guest builder,
# bash the Xen harness).
#
# An image is built in four steps:
#   1. what goes in: ir_kver, ir_mod_closure, ir_elf_libs
#   2. its cache key: ir_key over every input file (name and content)
#   3. a staging root: ir_busybox, ir_modules, ir_copy_elf_closure, ir_copy
#   4. ir_publish: pack the root into a newc cpio (gzipped when the name
#      ends in .gz), atomically, and drop the stale images of that name
#
# Failures call ir_die, which prints "PREFIX: message" (IR_WHO, default
# "initramfs") and exits 1; a harness may define its own ir_die after
# sourcing this file.

IR_WHO=${IR_WHO:-initramfs}

ir_die() { echo "$IR_WHO: $*" >&2; exit 1; }

# ir_kver: the newest installed kernel (/boot/vmlinuz-VER) that has
# /lib/modules/VER/modules.dep; the guests and dom0 boot it.
ir_kver() {
    local k v
    for k in $(printf '%s\n' /boot/vmlinuz-* | sort -V -r); do
        v=${k#/boot/vmlinuz-}
        [ -f "/lib/modules/$v/modules.dep" ] && { echo "$v"; return 0; }
    done
    ir_die "no /boot/vmlinuz-* with /lib/modules/<ver>/modules.dep (install linux-image-amd64)"
}

# ir_mod_closure KVER NAME...: the module file of each NAME (as modules.dep
# names it) and of its dependencies, dependencies first, one absolute path
# a line, no duplicates.  modules.dep lists a module's whole (closed)
# dependency list, deepest last, so one level read right to left suffices.
ir_mod_closure() {
    local kv=$1 dep m line all=""; shift
    dep=/lib/modules/$kv/modules.dep
    [ -f "$dep" ] || ir_die "no $dep"
    for m in "$@"; do
        line=$(grep -E "(^|/)$m\.ko(\.[a-z]+)?:" "$dep" | head -1)
        [ -n "$line" ] || ir_die "module $m not in $dep"
        all="$all $(echo "${line#*:}" | tr ' ' '\n' | sed '/^$/d' | tac | tr '\n' ' ') ${line%%:*}"
    done
    printf '%s\n' $all | sed "s|^|/lib/modules/$kv/|" | awk '!seen[$0]++'
}

# ir_modules ROOT DIR MODFILE...: put each module into ROOT/DIR as a plain
# .ko (decompressing .ko.xz/.ko.zst/.ko.gz) and print DIR/NAME.ko a line,
# in the order given (the load order).
ir_modules() {
    local root=$1 dir=$2 m b; shift 2
    mkdir -p "$root$dir"
    for m in "$@"; do
        b=$(basename "$m")
        case "$b" in
        *.ko)     cp "$m" "$root$dir/$b" ;;
        *.ko.xz)  b=${b%.xz};  xz -dc "$m" >"$root$dir/$b" ;;
        *.ko.zst) b=${b%.zst}; zstd -qdc "$m" >"$root$dir/$b" ;;
        *.ko.gz)  b=${b%.gz};  gzip -dc "$m" >"$root$dir/$b" ;;
        *) ir_die "unknown module format $m" ;;
        esac
        echo "$dir/$b"
    done
}

# ir_elf_libs BINARY...: the shared libraries the binaries load, the ELF
# interpreter included, one absolute path a line (ldd's view: what the
# loader resolves on this host).
ir_elf_libs() {
    local f
    for f in "$@"; do ldd "$f" 2>/dev/null; done |
        awk '/=>/ && $3 ~ /^\// {print $3} /^[ \t]*\// {print $1}' | sort -u
}

# ir_copy_elf_closure ROOT BINARY...: each binary and its libraries into
# ROOT at the same absolute paths, so the loader finds them there.
ir_copy_elf_closure() {
    local root=$1 f; shift
    for f in "$@" $(ir_elf_libs "$@"); do
        ir_copy "$root" "$f"
    done
}

# ir_copy ROOT FILE...: each file (links followed) to ROOT at its own path.
ir_copy() {
    local root=$1 f; shift
    for f in "$@"; do
        [ -e "$f" ] || ir_die "missing $f"
        mkdir -p "$root$(dirname "$f")"
        cp -L "$f" "$root$f"
    done
}

# ir_busybox ROOT [links]: /bin/busybox (busybox-static) as ROOT/bin/busybox;
# with "links", every applet as a link to it in ROOT/bin (for images whose
# /init does not run "busybox --install").
ir_busybox() {
    local root=$1 a
    [ -x /bin/busybox ] || ir_die "no /bin/busybox (package busybox-static)"
    mkdir -p "$root/bin"
    cp /bin/busybox "$root/bin/busybox"
    [ "${2:-}" = links ] || return 0
    for a in $(/bin/busybox --list); do
        [ -e "$root/bin/$a" ] || ln -s busybox "$root/bin/$a"
    done
}

# ir_init ROOT FILE: FILE as ROOT/init, executable.
ir_init() {
    cp "$2" "$1/init"
    chmod 755 "$1/init"
}

# ir_key FILE...: the cache key, sha256 over each file's name and content
# (16 hex digits).
ir_key() {
    local f
    for f in "$@"; do [ -e "$f" ] || ir_die "missing $f"; done
    for f in "$@"; do printf '%s\n' "$f"; sha256sum <"$f"; done | sha256sum | cut -c1-16
}

# ir_pack ROOT OUT: ROOT's contents as a newc cpio at OUT, owned by root,
# in a reproducible order; gzipped when OUT ends in .gz.  Atomic: a
# concurrent reader sees the whole archive or none.
ir_pack() {
    local root=$1 out=$2
    (cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio -o -H newc --quiet -R 0:0) |
        case "$out" in *.gz) gzip -n -6 ;; *) cat ;; esac >"$out.tmp.$$"
    mv "$out.tmp.$$" "$out"
}

# ir_publish ROOT OUT [STALE-GLOB]: ir_pack, then remove the files matching
# STALE-GLOB other than OUT (the older images of the same name: one in the
# cache at a time).
ir_publish() {
    local old
    ir_pack "$1" "$2"
    [ -n "${3:-}" ] || return 0
    for old in $3; do
        [ "$old" = "$2" ] || rm -f "$old"
    done
}
