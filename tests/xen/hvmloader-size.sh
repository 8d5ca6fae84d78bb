#!/bin/sh
# SPDX-License-Identifier: MIT
# What the series adds to hvmloader, in bytes (make bench; figures only,
# nothing asserted): the patched hvmloader that tests/xen/build-patched.sh
# builds from Debian's Xen source against Debian's own binary
# (xen-utils-4.17), the object the engine is linked into
# (libreserve-linked.o: the glue, the engine and the ACPI emitters after
# --gc-sections) by object and by symbol, and the scratch memory the glue
# takes at run time (sizes of the 32-bit structures).
#
# Usage: hvmloader-size.sh [BUILD_DIR]   (default: build-patched.sh's)
set -u
repo=$(cd "$(dirname "$0")/../.." && pwd)
stock=/usr/lib/xen-4.17/boot/hvmloader
dir=${1:-}
if [ -z "$dir" ]; then
    dir=$("$repo/tests/xen/build-patched.sh" 2>/dev/null) || {
        echo "hvmloader size: not measured (tests/xen/build-patched.sh failed)"
        exit 0
    }
fi
h=$dir/xen/tools/firmware/hvmloader
if [ ! -f "$h/hvmloader" ] || [ ! -f "$h/libreserve-linked.o" ]; then
    echo "hvmloader size: not measured (no $h/libreserve-linked.o)"
    exit 0
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# text data bss of an ELF file, as `size` prints them (Berkeley format)
tdb() { size "$1" | awk 'NR == 2 { print $1, $2, $3 }'; }

echo "hvmloader: Debian's Xen 4.17.5 source with the series, against" \
     "Debian's binary"
printf '%-10s %8s %8s %8s %8s\n' "" text data bss file
set -- $(tdb "$h/hvmloader")
pt=$1 pd=$2 pb=$3 pf=$(stat -c %s "$h/hvmloader")
printf '%-10s %8s %8s %8s %8s\n' patched "$pt" "$pd" "$pb" "$pf"
if [ -f "$stock" ]; then
    set -- $(tdb "$stock")
    sf=$(stat -c %s "$stock")
    printf '%-10s %8s %8s %8s %8s\n' stock "$1" "$2" "$3" "$sf"
    printf '%-10s %+8d %+8d %+8d %+8d\n' added $((pt - $1)) $((pd - $2)) \
        $((pb - $3)) $((pf - sf))
else
    echo "stock: $stock missing (xen-utils-4.17), no difference computed"
fi

# The engine object, relinked with a map to attribute what --gc-sections
# kept to its source objects.
set -- $(tdb "$h/libreserve-linked.o")
echo
echo "the engine in hvmloader (libreserve-linked.o): text $1, data $2," \
     "bss $3 (text = code + read-only data)"
objs=$(cd "$h" && ls libreserve.o libreserve-*.o | grep -v -e '^libreserve-linked\.o$')
(cd "$h" && ld -m elf_i386 -r --gc-sections -o "$work/l.o" $objs \
    $(nm -g --defined-only libreserve.o | awk '{ print "-u", $3 }') \
    -Map "$work/l.map") || { echo "relink failed"; exit 0; }
awk '
    function hex(s,   i, v) {
        v = 0; s = tolower(substr(s, 3))
        for ( i = 1; i <= length(s); i++ )
            v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
        return v
    }
    /^Linker script and memory map/ { m = 1; next }
    !m { next }
    /^ \.(text|rodata|data|bss)[^ ]*$/ { pend = $1; next }
    /^ \.(text|rodata|data|bss)/ && NF >= 4 { add($1, $3, $4); pend = ""; next }
    pend != "" && NF >= 3 && $1 ~ /^0x/ { add(pend, $2, $3); pend = ""; next }
    { pend = "" }
    function add(sec, sz, f,   k) {
        k = sec; sub(/^\./, "", k); sub(/\..*/, "", k)
        if ( k == "data" && sec ~ /^\.data\.rel\.ro/ ) k = "rodata"
        n[f] += 0; s[f, k] += hex(sz); tot[k] += hex(sz)
    }
    END {
        printf "  %-32s %7s %7s %7s %7s\n", "object (after gc)", "code", "rodata", "data", "bss"
        for ( f in n )
            printf "  %-32s %7d %7d %7d %7d\n", f, s[f, "text"], s[f, "rodata"], s[f, "data"], s[f, "bss"] | "sort -k2,2nr -k3,3nr"
        close("sort -k2,2nr -k3,3nr")
        printf "  %-32s %7d %7d %7d %7d\n", "total", tot["text"], tot["rodata"], tot["data"], tot["bss"]
    }' "$work/l.map"
echo "  largest symbols:"
nm --size-sort -S -t d "$work/l.o" | tail -12 | tac |
    awk '{ printf "    %6d %s %s\n", $2, $3, $4 }'

# Scratch: what libreserve_setup() and libreserve_acpi_tables() take with
# scratch_alloc(), sizes as hvmloader's compiler lays the structures out.
# The layout's lists are sized by lr_layout_bounds() from the input read,
# so they are shown for three inputs.
cat >"$work/sz.c" <<'C'
#include <stdio.h>
#include <libreserve/layout.h>
#include <libreserve/e820.h>
#include <acpi/nvdimm_ssdt.h>

static void row(const char *what, unsigned long n)
{
    printf("  %-34s %7lu\n", what, n);
}

/* n RMRRs and v vNVDIMMs (label and mailbox each) */
static unsigned long lists(unsigned int n, unsigned int v)
{
    static struct lr_input in;
    struct lr_layout_bounds b;

    in.nr_regions = n;
    in.nr_vnvdimms = v;
    lr_layout_bounds(&in, &b);
    return lr_layout_bounds_bytes(&b);
}

int main(void)
{
    unsigned long fixed = sizeof(struct lr_input) + sizeof(struct lr_layout) +
                          16 * sizeof(struct lr_diag) +
                          128 * sizeof(struct lr_e820_entry);

    row("input", sizeof(struct lr_input));
    row("xenstore diagnostics", 16 * sizeof(struct lr_diag));
    row("layout head", sizeof(struct lr_layout));
    row("layout lists, no reservation", lists(0, 0));
    row("layout lists, 2 RMRRs + 1 vNVDIMM", lists(2, 1));
    row("layout lists, any input", sizeof(struct lr_layout_store));
    row("e820", 128 * sizeof(struct lr_e820_entry));
    row("SSDT bound, 8 vNVDIMMs", LR_NVDIMM_SSDT_MAX(LR_MAX_VNVDIMMS));
    row("total, no reservation", fixed + lists(0, 0));
    row("total, 2 RMRRs + 1 vNVDIMM", fixed + lists(2, 1) +
        LR_NVDIMM_SSDT_MAX(1));
    return 0;
}
C
if gcc -m32 -march=i686 -std=gnu99 -O1 -I"$repo/libreserve/include" \
       -I"$repo/acpi/include" -o "$work/sz" "$work/sz.c" \
       "$repo"/libreserve/*.c 2>"$work/sz.err"; then
    echo
    echo "scratch taken at run time (32-bit sizes, bytes):"
    "$work/sz"
else
    echo "scratch: not measured (32-bit build failed: $(head -1 "$work/sz.err"))"
fi
