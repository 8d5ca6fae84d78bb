#!/bin/sh
# SPDX-License-Identifier: MIT
# Install the Debian packages the project needs, only those missing.
# Idempotent: a machine that has them all runs no apt command at all.
# Usage: tests/deps.sh [group...]   groups: build (default), xen, guest, all
set -eu

build="make gcc gcc-multilib libc6-dev clang libclang-rt-14-dev pkg-config
       libcmocka-dev libjson-c-dev libxen-dev xen-utils-4.17 xenstore-utils
       acpica-tools valgrind python3-jsonschema time librsvg2-bin"
guest="qemu-system-x86 linux-image-amd64 busybox-static ndctl cpio jq xz-utils"
xen="xen-hypervisor-4.17-amd64 qemu-system-xen"

want=""
[ $# -eq 0 ] && set -- build
for g in "$@"; do
    case "$g" in
    build) want="$want $build" ;;
    guest) want="$want $build $guest" ;;
    xen)   want="$want $build $guest $xen" ;;
    all)   want="$want $build $guest $xen" ;;
    *) echo "deps.sh: unknown group '$g'" >&2; exit 2 ;;
    esac
done

missing=""
for p in $want; do
    case " $missing " in *" $p "*) continue ;; esac
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $p"
    fi
done
[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
