#!/bin/sh
# SPDX-License-Identifier: MIT
#
# with-xenstored.sh CMD [ARGS...]
#
# Run CMD against a private, real xenstored (Debian xen-utils-4.17) on a
# machine without Xen, then stop the daemon and remove every trace of it.
#
#   - makes a private directory (mktemp -d, under $TMPDIR, or /tmp if
#     $TMPDIR is too long for a socket path);
#   - builds the LD_PRELOAD shim (xsd-shim.c + xsd-shim.map, next to this
#     script) into it with plain cc, unless $LR_XSD_SHIM names a built one;
#   - starts XENSTORED_RUNDIR=<dir> xenstored -N -T <dir>/trace with the
#     shim preloaded (the shim is loaded into the daemon only, never into
#     CMD), and waits up to 10 s for <dir>/socket;
#   - runs CMD with XENSTORED_PATH=<dir>/socket exported, so libxenstore
#     (xs_open) and xenstore-read/-write/-ls/-rm/-chmod all talk to it,
#     LR_XSD_DIR=<dir> for anything CMD wants to leave there, and
#     LR_XSD_PID=<the daemon's pid>;
#   - always (exit, error, INT, TERM) kills the daemon by its pid and
#     removes the directory; set LR_XSD_KEEP=1 to keep it for debugging.
#
# Exit status: CMD's, or 125 if the daemon could not be started.  When CMD
# fails, the daemon's log is copied to stderr.  CMD runs in the foreground
# (it keeps stdin and the terminal), so INT/TERM sent to the script alone
# take effect when CMD returns; signal the process group to stop both.
# Each run has its own store, so runs never collide and may run in
# parallel.
#
# Environment: XENSTORED (daemon binary, default
# /usr/lib/xen-4.17/bin/xenstored), LR_XSD_SHIM, LR_XSD_KEEP, CC (default
# cc).  Needs: xen-utils-4.17, libxen-dev (for the shim's headers).
#
# Example:  tests/xenstore/with-xenstored.sh sh -c \
#               'xenstore-write /a 1 && xenstore-ls -f /'
set -u

if [ $# -eq 0 ]
then
    echo "usage: $0 CMD [ARGS...]" >&2
    exit 125
fi

here=$(cd "$(dirname "$0")" && pwd)
xenstored=${XENSTORED:-/usr/lib/xen-4.17/bin/xenstored}
pid=""
# A unix socket path must fit in 108 bytes: fall back to /tmp when
# $TMPDIR is too deep.
base=${TMPDIR:-/tmp}
[ "${#base}" -gt 60 ] && base=/tmp
dir=$(mktemp -d "$base/lr-xenstored.XXXXXX") || exit 125

# shellcheck disable=SC2317  # called by the EXIT trap
cleanup()
{
    if [ -n "$pid" ]
    then
        kill "$pid" 2>/dev/null
        wait "$pid" 2>/dev/null
    fi
    if [ "${LR_XSD_KEEP:-0}" = 1 ]
    then
        echo "with-xenstored: kept $dir" >&2
    else
        rm -rf "$dir"
    fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

fail()
{
    echo "with-xenstored: $*" >&2
    [ -f "$dir/log" ] && sed 's/^/xenstored: /' "$dir/log" >&2
    exit 125
}

[ -x "$xenstored" ] ||
    fail "$xenstored missing (apt-get install xen-utils-4.17)"

shim=${LR_XSD_SHIM:-}
if [ -z "$shim" ]
then
    shim="$dir/xsd-shim.so"
    ${CC:-cc} -shared -fPIC -O2 -Wall -fvisibility=hidden \
        -Wl,--version-script="$here/xsd-shim.map" \
        -o "$shim" "$here/xsd-shim.c" -ldl ||
        fail "cannot build the shim (apt-get install libxen-dev)"
fi
[ -f "$shim" ] || fail "shim $shim missing"

# What xenstored reads from /proc/xen to set up dom0 (the shim redirects).
printf 1 >"$dir/xsd_port"
dd if=/dev/zero of="$dir/xsd_kva" bs=4096 count=1 2>/dev/null

XENSTORED_RUNDIR="$dir" LD_PRELOAD="$shim" \
    "$xenstored" -N -T "$dir/trace" >"$dir/log" 2>&1 </dev/null &
pid=$!

i=0
while [ ! -S "$dir/socket" ]
do
    kill -0 "$pid" 2>/dev/null || { pid=""; fail "xenstored exited early"; }
    i=$((i + 1))
    [ "$i" -gt 100 ] && fail "no socket after 10 s"
    sleep 0.1
done

XENSTORED_PATH="$dir/socket"
LR_XSD_DIR="$dir"
LR_XSD_PID="$pid"
export XENSTORED_PATH LR_XSD_DIR LR_XSD_PID

if "$@"
then
    rc=0
else
    rc=$?
    echo "with-xenstored: '$*' exited $rc" >&2
    [ -s "$dir/log" ] && sed 's/^/xenstored: /' "$dir/log" >&2
fi
exit "$rc"
