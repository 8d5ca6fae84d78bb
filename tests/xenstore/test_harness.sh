#!/bin/sh
# SPDX-License-Identifier: MIT
# Checks with-xenstored.sh itself: the store works through the tools and
# libxenstore's socket, CMD's exit status comes back, and the daemon and
# its directory are gone afterwards: on success, on failure, and when the
# process group is terminated.  Exits non-zero on the first failure.
set -u
here=$(cd "$(dirname "$0")" && pwd)
w="$here/with-xenstored.sh"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/lr-xsd-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

fail()
{
    echo "test_harness: FAIL: $*" >&2
    exit 1
}

# Is the daemon of a finished run gone, with its directory?
gone()
{
    read -r dir pid <"$tmp/$1" || fail "$1: no record"
    if [ -z "$dir" ] || [ -z "$pid" ]
    then
        fail "$1: empty record"
    fi
    kill -0 "$pid" 2>/dev/null && fail "$1: xenstored $pid still running"
    [ -e "$dir" ] && fail "$1: $dir left behind"
    return 0
}

# Run inside the store: leave "<dir> <pid>" in the file named by $0.
# shellcheck disable=SC2016  # expanded by the inner shell
record='echo "$LR_XSD_DIR $LR_XSD_PID" >"$0"'

# 1. A working store; status 0; cleaned up.
# shellcheck disable=SC2016  # expanded by the inner shell
"$w" sh -c "$record"'
    [ -S "$XENSTORED_PATH" ] || exit 11
    kill -0 "$LR_XSD_PID" || exit 12
    xenstore-write /local/domain/5/k "v w" || exit 13
    [ "$(xenstore-read /local/domain/5/k)" = "v w" ] || exit 14
    xenstore-ls -f /local/domain/5 | grep -qx "/local/domain/5/k = \"v w\"" ||
        exit 15' "$tmp/ok" || fail "store run exited $?"
gone ok

# 2. CMD's status is passed through; cleaned up.
"$w" sh -c "$record"'; exit 7' "$tmp/seven" 2>/dev/null
rc=$?
[ "$rc" -eq 7 ] || fail "exit status $rc, expected 7"
gone seven

# 3. Two runs at once have separate stores.
"$w" sh -c "$record"'; xenstore-write /only-here 1; sleep 1' "$tmp/a" &
a=$!
"$w" sh -c "$record"'; sleep 0.5; ! xenstore-read /only-here 2>/dev/null' \
    "$tmp/b" || fail "stores are shared between runs"
wait "$a" || fail "parallel run a failed"
gone a
gone b

# 4. TERM to the process group: daemon stopped, directory removed.
# setsid makes the run a process group of its own, led by $job.
setsid "$w" sh -c "$record"'; sleep 30' "$tmp/term" &
job=$!
i=0
until [ -s "$tmp/term" ]
do
    i=$((i + 1))
    [ "$i" -gt 100 ] && fail "TERM run did not start"
    sleep 0.1
done
kill -TERM "-$job"
wait "$job"
rc=$?
[ "$rc" -ne 0 ] || fail "terminated run exited 0"
gone term

# 5. No command: usage error, nothing started.
"$w" 2>/dev/null && fail "no command accepted"

echo "with-xenstored.sh: store, exit status, isolation, cleanup: ok"
