#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""The SVG maps of xen-layout, checked as an admin reads them.

Every expected range and label is derived here from the inputs (the DMAR
table read by this script, the xl.cfg values, the platform constants of
libreserve/include/libreserve/platform.h), never from xen-layout's output;
each SVG is then rendered to PNG with rsvg-convert (librsvg2-bin) and the
PNG checked: a real PNG of the SVG's size.  The PNGs stay in OUT for a
person to look at.

usage: check-svg.py XEN_LAYOUT OUT_DIR
"""
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

XL, OUT = sys.argv[1], sys.argv[2]
NS = '{http://www.w3.org/2000/svg}'
DMAR = 'tests/data/dmar-corpus/dmar/lhw-0EF135BA6BB4.dmar.bin'
KIB, MIB, GIB = 1 << 10, 1 << 20, 1 << 30
failures = []


def fail(case, msg):
    failures.append('%s: %s' % (case, msg))
    print('FAIL %s: %s' % (case, msg))


def size_text(v):
    for u in ('B', 'KiB', 'MiB', 'GiB'):
        if v % 1024 or v < 1024:
            return '%d %s' % (v, u)
        v //= 1024
    return '%d TiB' % v


def rmrrs(path):
    """(base, last) of every RMRR, page-rounded as the engine rounds them
    (ACPI DMAR: 48-byte header, then type/length structures; RMRR is
    type 1: reserved u16, segment u16, base u64, limit u64)."""
    b = open(path, 'rb').read()
    out, off = [], 48
    while off + 4 <= len(b):
        t, n = struct.unpack_from('<HH', b, off)
        if n < 4:
            break
        if t == 1:
            base, limit = struct.unpack_from('<QQ', b, off + 8)
            out.append((base & ~0xfff, limit | 0xfff))
        off += n
    return out


def platform():
    """name -> value of the LR_* address constants of platform.h."""
    v = {}
    for m in re.finditer(r'#define (LR_\w+)\s+(0x[0-9A-Fa-f]+)ULL',
                         open('libreserve/include/libreserve/platform.h')
                         .read()):
        v[m.group(1)] = int(m.group(2), 16)
    return v


def run(case, args, cfg_text=None):
    if cfg_text is not None:
        cfg = os.path.join(OUT, case + '.cfg')
        open(cfg, 'w').write(cfg_text)
        args = [a if a != '@CFG' else cfg for a in args]
    p = subprocess.run([XL] + args, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE)
    if p.returncode not in (0, 1):
        fail(case, 'exit %d: %s' % (p.returncode, p.stderr.decode()[-400:]))
        return None
    svg = os.path.join(OUT, case + '.svg')
    open(svg, 'wb').write(p.stdout)
    root = ET.fromstring(p.stdout)
    png = os.path.join(OUT, case + '.png')
    r = subprocess.run(['rsvg-convert', '-o', png, svg])
    if r.returncode:
        fail(case, 'rsvg-convert failed')
    else:
        data = open(png, 'rb').read()
        w, h = struct.unpack('>II', data[16:24])
        if data[:8] != b'\x89PNG\r\n\x1a\n' or data[12:16] != b'IHDR':
            fail(case, 'not a PNG')
        if (w, h) != (int(float(root.get('width'))),
                      int(float(root.get('height')))):
            fail(case, 'PNG %dx%d, SVG %sx%s' % (w, h, root.get('width'),
                                                 root.get('height')))
        if len(data) < 20000:
            fail(case, 'PNG of %d bytes: blank?' % len(data))
    check_axis(case, root)
    for t in root.iter(NS + 'title'):
        m = re.search(r'\b(\w+) \1\b', t.text or '')
        if m:
            fail(case, 'tooltip %r repeats %r' % (t.text, m.group(1)))
    return root


def groups(node, lane=None):
    """(g, all text under it) of every drawn range under node."""
    out = []
    for g in node.iter(NS + 'g'):
        if g.get('data-lane') is None:
            continue
        if lane and g.get('data-lane') != lane:
            continue
        out.append((g, ' '.join(''.join(t.itertext())
                                for t in g.iter(NS + 'text'))))
    return out


def find(case, node, lane, base, last, words, enlarged=None):
    for g, text in groups(node, lane):
        if int(g.get('data-base'), 16) == base and \
           int(g.get('data-last'), 16) == last:
            for w in words:
                if w not in text:
                    fail(case, '%s 0x%x-0x%x: label %r lacks %r' %
                         (lane, base, last, text, w))
            if enlarged is not None and \
               (g.get('data-enlarged') == '1') != enlarged:
                fail(case, '%s 0x%x: enlarged %s expected' %
                     (lane, base, enlarged))
            return g, text
    fail(case, 'no %s range 0x%x-0x%x (%s)' % (lane, base, last,
                                               ', '.join(words)))
    return None, ''


def column(case, root, title):
    for g in root.iter(NS + 'g'):
        if g.get('data-map') == title:
            return g
    fail(case, 'no column %r' % title)
    return ET.Element('g')


def check_map_basics(case, node, hole_mib, plat):
    """the MMIO hole, the fixed platform ranges, every range labelled"""
    find(case, node, 'hole', (4 << 30) - hole_mib * MIB, (4 << 30) - 1,
         ['MMIO hole', size_text(hole_mib * MIB)])
    for name, word in (('IOAPIC', 'IOAPIC'), ('LAPIC', 'LAPIC'),
                       ('HVMLOADER', 'hvmloader'),
                       ('SPECIAL_PAGES', 'special pages'),
                       ('BIOS', 'BIOS')):
        base = plat['LR_%s_BASE' % name]
        hits = [t for g, t in groups(node, 'platform')
                if int(g.get('data-base'), 16) == base]
        if not hits or word not in hits[0]:
            fail(case, 'platform %s at 0x%x not drawn/labelled (%r)' %
                 (name, base, hits))
    for g, text in groups(node):
        if not text.strip():
            fail(case, 'range %s unlabelled' % g.get('data-base'))


# Advance of a character of DejaVu Sans Mono (the SVG's font): 0.602 em.
MONO_EM = 0.602


def check_axis(case, root):
    """every address on the axis is readable: the rule across at its
    height starts right of the label (the 4 GiB rule is black and would
    strike the label out), and 4 GiB is marked"""
    rules = {}
    for ln in root.iter(NS + 'line'):
        if ln.get('y1') == ln.get('y2'):
            rules.setdefault(round(float(ln.get('y1')), 1), []).append(ln)
    seen_4g = False
    for t in root.iter(NS + 'text'):
        text = ''.join(t.itertext())
        if t.get('x') != '10' or not text.startswith('0x'):
            continue
        seen_4g |= text == '0x100000000 4G'
        y = round(float(t.get('y')) - 4, 1)
        end = 10 + len(text) * MONO_EM * float(t.get('font-size'))
        for ln in rules.get(y, []):
            if float(ln.get('x1')) < end:
                fail(case, 'the rule at %s starts at x %s, over its label '
                     '%r (ends at %.1f)' % (y, ln.get('x1'), text, end))
    if not seen_4g:
        fail(case, 'no axis label "0x100000000 4G"')


def main():
    os.makedirs(OUT, exist_ok=True)
    plat = platform()
    rr = rmrrs(DMAR)
    if len(rr) != 2:
        fail('dmar', 'expected the 2 RMRRs of the XPS 15 9500, read %d'
             % len(rr))

    # plan, punch: every RMRR reserved in the layout lane, the 128 KiB one
    # enlarged with a callout giving its size and address
    case = 'plan-punch'
    root = run(case, ['plan', '--config', 'docs/examples/igpu-usb-4g.cfg',
                      '--dmar', DMAR, '--format', 'svg'])
    if root is not None:
        check_map_basics(case, root, 256, plat)
        for base, last in rr:
            size = last - base + 1
            g, _ = find(case, root, 'layout', base, last,
                        ['RMRR', size_text(size)], enlarged=size < MIB)
            if g is not None and size < MIB:
                t = ' '.join(''.join(x.itertext()) for x in g.iter(NS + 'text'))
                if '%s at 0x%x' % (size_text(size), base) not in t:
                    fail(case, 'no callout for 0x%x: %r' % (base, t))
        ram = sum(int(g.get('data-last'), 16) - int(g.get('data-base'), 16)
                  + 1 for g, _ in groups(root, 'layout')
                  if g.get('data-kind') == 'RAM')
        # memory = 4096, vga none: 4 GiB laid out, less the VGA hole
        if ram != 4096 * MIB - 128 * KIB:
            fail(case, 'RAM drawn %d bytes' % ram)

    # compare: stock Xen beside ours; stock drops both RMRRs (below the
    # 2 GiB rdm_mem_boundary, relaxed), punch and pack reserve them
    case = 'compare'
    root = run(case, ['compare', '--config', 'docs/examples/igpu-usb-4g.cfg',
                      '--dmar', DMAR, '--format', 'svg'])
    if root is not None:
        cols = [column(case, root, t) for t in
                ('stock Xen 4.17 (xen-compat)', 'libreserve punch',
                 'libreserve pack')]
        for c in cols:
            check_map_basics(case, c, 256, plat)
        for base, last in rr:
            if base < 2 * GIB:
                find(case, cols[0], 'not-reserved', base, last,
                     ['DROPPED', 'RMRR'])
            for c in cols[1:]:
                find(case, c, 'layout', base, last, ['RMRR'])
                if groups(c, 'not-reserved'):
                    fail(case, 'punch/pack drop something')

    # compare with an rdm= stock xl ignores: stock never asks for the
    # host's RMRRs; they are marked NOT RESERVED in its column only
    case = 'compare-unreserved'
    root = run(case, ['compare', '--config', '@CFG', '--dmar', DMAR,
                      '--format', 'svg'],
               'type = "hvm"\nmemory = 4096\nmmio_hole = 1024\n'
               'rdm = "strategy=host,policy=relaxed"\n')
    if root is not None:
        cols = [column(case, root, t) for t in
                ('stock Xen 4.17 (xen-compat)', 'libreserve punch')]
        check_map_basics(case, cols[0], 1024, plat)
        for base, last in rr:
            find(case, cols[0], 'not-reserved', base, last,
                 ['NOT RESERVED', 'RMRR'])
            find(case, cols[1], 'layout', base, last, ['RMRR'])

    # vNVDIMM: data and label area, sized from the config
    case = 'plan-pmem'
    root = run(case, ['plan', '--config', 'tests/sim/fixtures/pmem.cfg',
                      '--format', 'svg'])
    if root is not None:
        check_map_basics(case, root, 256, plat)
        # nr_pages=65536, nr_label_pages=256 (4 KiB pages), placed above
        # RAM: the data, then its label area right after it
        want = {'PMEM': 65536 * 4 * KIB, 'LABEL': 256 * 4 * KIB}
        got = {g.get('data-kind'): (g, t) for g, t in groups(root, 'layout')
               if g.get('data-kind') in want}
        for kind, size in want.items():
            if kind not in got:
                fail(case, 'no %s drawn' % kind)
                continue
            g, t = got[kind]
            if int(g.get('data-last'), 16) - int(g.get('data-base'), 16) \
               + 1 != size or 'vNVDIMM 0' not in t or \
               size_text(size) not in t:
                fail(case, '%s: %s-%s %r' % (kind, g.get('data-base'),
                                             g.get('data-last'), t))
        if len(got) == 2 and int(got['LABEL'][0].get('data-base'), 16) != \
           int(got['PMEM'][0].get('data-last'), 16) + 1:
            fail(case, 'the label area does not follow the data')

    # compare's formats: svg is one, e820 still a usage error
    p = subprocess.run([XL, 'compare', '--config',
                        'docs/examples/igpu-usb-4g.cfg', '--format', 'e820'],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    err = p.stderr.decode()
    if p.returncode != 2 or 'SIM-USAGE' not in err or 'svg' not in err:
        fail('usage', 'compare --format e820: exit %d, %r' %
             (p.returncode, err))

    print('svg: %d failure(s); PNGs in %s' % (len(failures), OUT)
          if failures else 'svg: 5 cases passed; PNGs in %s' % OUT)
    return 1 if failures else 0


sys.exit(main())
