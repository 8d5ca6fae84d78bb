#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Check every xen-layout JSON document the CLI tests wrote against the
documented schema (docs/xen-layout.schema.json), with Debian's
python3-jsonschema.

Usage: validate-json.py SCHEMA DIR

DIR holds the documents (tests/sim/test_cli.c saves each JSON output of
xen-layout there when XL_JSON_DIR is set).  Fails when:
  - the schema is not a valid draft-07 schema;
  - any document does not validate (file and path named);
  - DIR holds no document of one of the commands plan, compare, fleet;
  - the schema accepts a document broken on purpose: each mutation below
    (an old xen-layout/1 field name, a wrong unit, an unknown field) is
    applied to a real document and must be rejected, so this check can
    fail.
"""
import copy
import json
import os
import sys

try:
    import jsonschema
except ImportError:
    sys.exit("validate-json: no python3-jsonschema (tests/deps.sh build)")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def rename(obj, old, new):
    obj[new] = obj.pop(old)


def mutations(doc):
    """(what, mutated document) pairs the schema must reject."""
    cmd = doc.get("command")
    out = []

    def mut(what, fn):
        d = copy.deepcopy(doc)
        fn(d)
        out.append((what, d))

    mut("schema xen-layout/1", lambda d: d.__setitem__("schema",
                                                       "xen-layout/1"))
    mut("unknown top-level field", lambda d: d.__setitem__("extra", 1))
    if cmd == "plan":
        mut("stats.dropped (v1: a count named like the dropped list)",
            lambda d: rename(d["stats"], "dropped_count", "dropped"))
        mut("stats.lowmem_end (v1)",
            lambda d: rename(d["stats"], "ram_below_4g_end", "lowmem_end"))
        mut("stats.highmem_end (v1)",
            lambda d: rename(d["stats"], "ram_above_4g_end", "highmem_end"))
        mut("config.mmio_hole (v1: bytes under the xl.cfg MiB key)",
            lambda d: rename(d["config"], "mmio_hole_bytes", "mmio_hole"))
        mut("config.rdm_mem_boundary (v1)",
            lambda d: rename(d["config"], "rdm_mem_boundary_bytes",
                             "rdm_mem_boundary"))
        mut("ram_above_4g_end as a number",
            lambda d: d["stats"].__setitem__("ram_above_4g_end", 0))
        mut("no unreserved list", lambda d: d.pop("unreserved"))
        mut("a dropped entry without owner",
            lambda d: d["dropped"].append({"base": "0x" + "0" * 16,
                                           "last": "0x" + "0" * 13 + "fff",
                                           "size": 4096, "kind": "RMRR",
                                           "policy": "relaxed"}))
    elif cmd == "compare":
        mut("compare as the v1 array", lambda d: d.__setitem__(
            "strategies", [s["stats"] for s in d["strategies"]]))
    elif cmd == "fleet":
        mut("fleet row without the unreserved count", lambda d: [
            r.pop("unreserved_machine_count") for r in d["rows"]])
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: validate-json.py SCHEMA DIR")
    schema = load(sys.argv[1])
    jsonschema.Draft7Validator.check_schema(schema)
    v = jsonschema.Draft7Validator(schema)
    bad = 0
    seen = {}
    files = sorted(f for f in os.listdir(sys.argv[2]) if f.endswith(".json"))
    for name in files:
        path = os.path.join(sys.argv[2], name)
        doc = load(path)
        errors = sorted(v.iter_errors(doc), key=lambda e: list(e.path))
        for e in errors[:5]:
            print("validate-json: %s: /%s: %s" % (
                path, "/".join(str(p) for p in e.absolute_path), e.message))
        bad += bool(errors)
        cmd = doc.get("command") if isinstance(doc, dict) else None
        if not errors and cmd not in seen:
            seen[cmd] = doc
    for cmd in ("plan", "compare", "fleet"):
        if cmd not in seen:
            print("validate-json: no valid '%s' document in %s" % (
                cmd, sys.argv[2]))
            bad += 1
            continue
        for what, d in mutations(seen[cmd]):
            if v.is_valid(d):
                print("validate-json: the schema accepts a %s document with"
                      " %s" % (cmd, what))
                bad += 1
    print("validate-json: %d document(s) against %s, %d problem(s)" % (
        len(files), os.path.basename(sys.argv[1]), bad))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
