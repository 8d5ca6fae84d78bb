#!/bin/sh
# SPDX-License-Identifier: MIT
# Link check for code that goes into hvmloader: the objects given (built
# with hvmloader's flags) are linked into one relocatable object, and any
# undefined symbol outside the allowed list fails the check.
# Usage: freestanding-check.sh "ALLOWED SYMBOLS" OBJ...
set -eu
allowed=$1
shift
out=$(mktemp)
trap 'rm -f "$out"' EXIT
ld -m elf_i386 -r -o "$out" "$@"
bad=""
for s in $(nm -u "$out" | awk '{print $2}'); do
    case " $allowed " in
    *" $s "*) ;;
    *) bad="$bad $s" ;;
    esac
done
if [ -n "$bad" ]; then
    echo "freestanding: undefined symbols outside [$allowed]:$bad" >&2
    exit 1
fi
echo "freestanding: $# objects, undefined: $(nm -u "$out" | awk '{print $2}' | tr '\n' ' ')"
