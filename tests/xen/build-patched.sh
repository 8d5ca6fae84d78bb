#!/bin/bash
# SPDX-License-Identifier: MIT
# Build the patched Xen toolstack that the real-Xen harness boots: Debian's
# `xen` source package (bookworm, fetched with apt-get source through a
# private sources list, the system's apt configuration untouched), unpacked
# with Debian's own patches, libxc-patches/*.patch applied on top, and only
# what the harness needs built: tools/firmware/hvmloader, tools/libs
# (libxenguest, libxenlight, libxlutil and what they link), tools/xl and
# tools/helpers (xen-init-dom0); and the hypervisor, xen.gz, configured
# as Debian configures it (the scenarios of the hypervisor patches boot it;
# the others keep Debian's binary).
#
# The result is cached in CACHE/<key>/ (key = the series' content, this
# script and the source package's version); a cached result is reused, a
# missing or partial one is rebuilt from scratch.  Prints the directory of
# the result on stdout, and one "build-patched: ..." line with the wall
# time on stderr.  The result directory holds:
#   xen.gz  xen.config  hvmloader  libxenlight.so.4.17  libxenguest.so.4.17
#   libxlutil.so.4.17  libxenctrl.so.4.17  xl  xen-init-dom0  build-info.txt
#   (and the source tree, xen/)
#
# Usage: build-patched.sh [--cache DIR] [--series DIR] [--source-only]
#   --cache DIR    cache root (default $LR_XEN_CACHE, else
#                  /var/cache/libreserve/xen-patched, else $BUILD/xen-patched)
#   --series DIR   the patches (default libxc-patches/ of this repository)
#   --source-only  stop after unpacking the pristine source (for the series
#                  regeneration); prints the pristine tree's directory
# Environment: LR_XEN_SRC_VERSION (default 4.17.5+72-g01140da4e8-1), JOBS
# (default: the number of cores).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
series=$repo/libxc-patches
cache=${LR_XEN_CACHE:-}
source_only=""
while [ $# -gt 0 ]; do
    case "$1" in
    --cache) cache=$2; shift 2 ;;
    --series) series=$2; shift 2 ;;
    --source-only) source_only=1; shift ;;
    -h|--help) sed -n '3,/^set -eu/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "build-patched: unknown argument $1" >&2; exit 2 ;;
    esac
done
if [ -z "$cache" ]; then
    if mkdir -p /var/cache/libreserve/xen-patched 2>/dev/null; then
        cache=/var/cache/libreserve/xen-patched
    else
        cache=${BUILD:-$repo/build}/xen-patched
    fi
fi
ver=${LR_XEN_SRC_VERSION:-4.17.5+72-g01140da4e8-1}
jobs=${JOBS:-$(nproc)}
t0=$(date +%s)
die() { echo "build-patched: $*" >&2; exit 1; }
log() { echo "build-patched: $*" >&2; }

# What building needs, beyond tests/deps.sh's groups: the Debian
# Build-Depends of the parts built here (autoconf: Debian's patches delete
# the generated configure scripts, as debian/rules regenerates them).
need="autoconf autotools-dev dpkg-dev flex bison gcc-multilib acpica-tools
      libyajl-dev uuid-dev zlib1g-dev liblzma-dev libzstd-dev python3-dev
      pkg-config xz-utils"
missing=""
for p in $need; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
        missing="$missing $p"
done
if [ -n "$missing" ]; then
    log "installing:$missing"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    # shellcheck disable=SC2086
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# --- the source package, fetched once per version --------------------------
srcdir=$cache/source-$ver
if [ ! -f "$srcdir/.complete" ]; then
    rm -rf "$srcdir"
    mkdir -p "$srcdir/apt/lists/partial" "$srcdir/dl"
    # The configured Debian archive, as a deb-src entry in a private list.
    uri=$(sed -n 's/^URIs:[ \t]*\(.*\/debian\)[ \t]*$/\1/p' \
          /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
    [ -n "$uri" ] || uri=$(sed -n 's/^deb[ \t]\+\(\[[^]]*\][ \t]\+\)\{0,1\}\([^ \t]*\/debian\)[ \t].*/\2/p' \
          /etc/apt/sources.list 2>/dev/null | head -1)
    [ -n "$uri" ] || die "no Debian archive found in /etc/apt/sources.list{,.d/debian.sources}"
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $uri bookworm main" \
        >"$srcdir/apt/sources.list"
    apto=(-o "Dir::Etc::SourceList=$srcdir/apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
          -o "Dir::State::Lists=$srcdir/apt/lists" -o APT::Sandbox::User=root)
    apt-get "${apto[@]}" update -qq >"$srcdir/apt.log" 2>&1 ||
        { cat "$srcdir/apt.log" >&2; die "apt-get update (deb-src) failed"; }
    (cd "$srcdir/dl" && apt-get "${apto[@]}" source --download-only "xen=$ver") \
        >>"$srcdir/apt.log" 2>&1 ||
        { tail -5 "$srcdir/apt.log" >&2; die "apt-get source xen=$ver failed"; }
    dsc=$(ls "$srcdir"/dl/xen_*.dsc) || die "no .dsc downloaded"
    dpkg-source -x "$dsc" "$srcdir/xen" >>"$srcdir/apt.log" 2>&1 ||
        { tail -5 "$srcdir/apt.log" >&2; die "dpkg-source -x failed"; }
    # debian/rules' override_dh_update_autotools_config, then autogen.
    cp /usr/share/misc/config.sub /usr/share/misc/config.guess "$srcdir/xen/"
    (cd "$srcdir/xen" && ./autogen.sh) >>"$srcdir/apt.log" 2>&1 ||
        { tail -5 "$srcdir/apt.log" >&2; die "autogen.sh failed"; }
    rm -rf "$srcdir/dl" "$srcdir/apt/lists"
    touch "$srcdir/.complete"
    log "source xen $ver unpacked in $srcdir/xen ($(( $(date +%s) - t0 )) s)"
fi
if [ -n "$source_only" ]; then echo "$srcdir/xen"; exit 0; fi

# --- the build, keyed by the series ----------------------------------------
set -- "$series"/*.patch
[ -e "$1" ] || die "no patches in $series"
key=$( { echo "$ver"; cat "$0"; cat "$@"; } | sha256sum | cut -c1-16)
res=$cache/build-$key
if [ -f "$res/.complete" ]; then
    log "cached build $res (key $key, series of $# patches)"
    echo "$res"
    exit 0
fi
# Keep the cache to three builds (the newest two and this one): worktrees
# or branches with different series take turns without rebuilding.
ls -dt "$cache"/build-* 2>/dev/null | grep -vxF "$res" | tail -n +3 |
    while IFS= read -r d; do rm -rf "$d"; done
rm -rf "$res"
mkdir -p "$res"
blog=$res/build.log
: >"$blog"
step() {        # step NAME COMMAND...: run in the tree, log, fail loudly
    local name=$1 s; shift
    s=$(date +%s)
    if ! (cd "$res/xen" && "$@") >>"$blog" 2>&1; then
        echo "build-patched: step '$name' failed; last 40 lines of $blog:" >&2
        tail -n 40 "$blog" >&2
        exit 1
    fi
    echo "$name $(( $(date +%s) - s ))" >>"$res/times.txt"
}
cp -a "$srcdir/xen" "$res/xen"
for p in "$@"; do
    echo "== git apply $(basename "$p")" >>"$blog"
    (cd "$res/xen" && git apply --whitespace=nowarn "$p") >>"$blog" 2>&1 ||
        { tail -n 20 "$blog" >&2; die "$(basename "$p") does not apply to xen $ver"; }
done
# Paths as Debian's build sets them, so the result drops into Debian's
# dom0 (/usr/lib/xen-4.17/{bin,boot}, /usr/libexec/xen-qemu-system-i386).
step configure ./configure --prefix=/usr --disable-stubdom --disable-docs \
    --disable-xen --with-libexec-leaf-dir=xen-4.17 --disable-ocamltools \
    --disable-golang --disable-monitors --disable-seabios --disable-xsmpolicy \
    --disable-pvshim --disable-qemu-traditional --disable-rombios \
    --with-system-qemu=/usr/libexec/xen-qemu-system-i386 \
    --with-system-seabios=/usr/share/seabios/bios-256k.bin
mk=(make debug=n)
step tools/include "${mk[@]}" -C tools/include
step hvmloader "${mk[@]}" -C tools/firmware/hvmloader
step tools/libs "${mk[@]}" -j"$jobs" -C tools/libs
step tools/xl "${mk[@]}" -j"$jobs" -C tools/xl
step tools/helpers "${mk[@]}" -j"$jobs" -C tools/helpers xen-init-dom0
# The hypervisor, configured as Debian configures it (debian/rules:
# debian/xen-kconfig, then olddefconfig; the series' new options take
# their defaults).
step xen/.config cp debian/xen-kconfig xen/.config
step xen-olddefconfig "${mk[@]}" -C xen olddefconfig XEN_TARGET_ARCH=x86_64
step xen "${mk[@]}" -j"$jobs" -C xen XEN_TARGET_ARCH=x86_64
x=$res/xen
cp "$x/xen/xen.gz" "$res/xen.gz"
cp "$x/xen/.config" "$res/xen.config"
cp "$x/tools/firmware/hvmloader/hvmloader" "$res/hvmloader"
cp "$x/tools/libs/light/libxenlight.so.4.17.0" "$res/libxenlight.so.4.17"
cp "$x/tools/libs/guest/libxenguest.so.4.17.0" "$res/libxenguest.so.4.17"
cp "$x/tools/libs/util/libxlutil.so.4.17.0" "$res/libxlutil.so.4.17"
cp "$x/tools/libs/ctrl/libxenctrl.so.4.17.0" "$res/libxenctrl.so.4.17"
cp "$x/tools/xl/xl" "$res/xl"
cp "$x/tools/helpers/xen-init-dom0" "$res/xen-init-dom0"
{
    echo "source xen $ver (Debian bookworm), Debian patches applied"
    echo "series $(ls "$series"/*.patch | wc -l) patches, key $key"
    echo "gcc $(gcc -dumpfullversion)"
    echo "wall_seconds $(( $(date +%s) - t0 ))"
    for f in xen.gz hvmloader libxenlight.so.4.17 libxenguest.so.4.17 xl; do
        echo "size $f $(stat -c %s "$res/$f")"
    done
} >"$res/build-info.txt"
touch "$res/.complete"
log "built $res in $(( $(date +%s) - t0 )) s wall (key $key): $(tr '\n' ' ' <"$res/times.txt")"
echo "$res"
