#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Generate ptpk's uapi header and kernel policy tables from the YNL spec.

The spec (Documentation/netlink/specs/ptpk.yaml) is the single description of
the family. This script writes:
  uapi/linux/ptpk.h    enums, attribute and command numbers, API doc comment
  kmod/nl_policy.h/.c  nla_policy tables, one per operation and nested set

Usage: ynl-gen.py [--check] SPEC TOPDIR
With --check nothing is written; the exit status is 1 when a file differs
from what the spec generates (the header and the spec drifted apart).
"""
import sys
import textwrap

import yaml

GEN_NOTE = "Do not edit: generated from Documentation/netlink/specs/ptpk.yaml by scripts/ynl-gen.py"


def c_name(s):
    return s.upper().replace("-", "_")


class Spec:
    def __init__(self, path):
        with open(path) as f:
            self.y = yaml.safe_load(f)
        self.name = self.y["name"]
        self.pfx = c_name(self.name)
        self.defs = {d["name"]: d for d in self.y.get("definitions", [])}
        self.sets = {s["name"]: s for s in self.y["attribute-sets"]}
        self.ops = self.y["operations"]["list"]
        self.mcgrps = [g["name"] for g in self.y.get("mcast-groups", {}).get("list", [])]
        # attribute and command numbering as YNL does it: from 1 in list order
        self.attr_val = {}
        for s in self.y["attribute-sets"]:
            v = 1
            for a in s["attributes"]:
                v = a.get("value", v)
                self.attr_val[(s["name"], a["name"])] = v
                v += 1
        self.op_val = {}
        v = 1
        for o in self.ops:
            v = o.get("value", v)
            self.op_val[o["name"]] = v
            v += 1

    def attr(self, set_name, name):
        for a in self.sets[set_name]["attributes"]:
            if a["name"] == name:
                return a
        raise KeyError(f"{set_name}.{name}")

    def attr_c(self, set_name, name):
        return f"{self.pfx}_A_{c_name(set_name)}_{c_name(name)}"

    def enum_entries(self, name):
        d = self.defs[name]
        start = d.get("value-start", 0)
        out = []
        for i, e in enumerate(d["entries"]):
            ename = e["name"] if isinstance(e, dict) else e
            edoc = e.get("doc", "") if isinstance(e, dict) else ""
            out.append((ename, start + i, edoc))
        return out

    def resolve(self, v):
        if isinstance(v, str):
            return self.defs[v]["value"]
        return v


def comment(text, indent=""):
    lines = text.rstrip().split("\n")
    out = [indent + "/*"]
    for ln in lines:
        out.append((indent + " * " + ln).rstrip())
    out.append(indent + " */")
    return "\n".join(out)


def gen_header(sp):
    o = []
    o.append("/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */")
    o.append(f"/* {GEN_NOTE} */")
    o.append("")
    guard = f"_UAPI_LINUX_{sp.pfx}_H"
    o.append(f"#ifndef {guard}")
    o.append(f"#define {guard}")
    o.append("")
    # The whole API in one comment, as WireGuard's header has it.
    doc = [sp.y["doc"].rstrip(), "", "Commands (attributes of requests; replies carry the attribute set):", ""]
    for op in sp.ops:
        cname = f"{sp.pfx}_CMD_{c_name(op['name'])}"
        flags = " [CAP_NET_ADMIN]" if "admin-perm" in op.get("flags", []) else ""
        doc.append(f"{cname}{flags}")
        for ln in textwrap.wrap(op.get("doc", "").replace("\n", " "), 70):
            doc.append("    " + ln)
        if "do" in op and op["do"].get("request"):
            req = "do request: " + ", ".join(op["do"]["request"]["attributes"])
            doc += ["    " + ln for ln in textwrap.wrap(req, 70, subsequent_indent="    ")]
        if "dump" in op:
            doc.append("    dump: supported")
        if "notify" in op:
            doc.append(f"    sent to multicast group \"{op['mcgrp']}\", shaped as {op['notify']} replies")
        if "event" in op:
            ev = f"sent to multicast group \"{op['mcgrp']}\": " + ", ".join(op["event"]["attributes"])
            doc += ["    " + ln for ln in textwrap.wrap(ev, 70, subsequent_indent="    ")]
        doc.append("")
    o.append(comment("\n".join(doc)))
    o.append("")
    o.append(f"#define {sp.pfx}_FAMILY_NAME\t\"{sp.name}\"")
    o.append(f"#define {sp.pfx}_FAMILY_VERSION\t{sp.y.get('version', 1)}")
    o.append("")
    for d in sp.y.get("definitions", []):
        if d["type"] == "const":
            if d.get("doc"):
                o.append(f"/* {d['doc']} */")
            o.append(f"#define {sp.pfx}_{c_name(d['name'])}\t{d['value']}")
            o.append("")
        elif d["type"] == "enum":
            o.append(comment(d.get("doc", d["name"])))
            o.append(f"enum {sp.name}_{d['name'].replace('-', '_')} {{")
            for ename, val, edoc in sp.enum_entries(d["name"]):
                if edoc:
                    o.append(f"\t/* {edoc} */")
                o.append(f"\t{sp.pfx}_{c_name(d['name'])}_{c_name(ename)} = {val},")
            o.append("")
            mx = f"{sp.pfx}_{c_name(d['name'])}"
            o.append(f"\t/* private: */")
            o.append(f"\t__{mx}_MAX,")
            o.append(f"\t{mx}_MAX = (__{mx}_MAX - 1)")
            o.append("};")
            o.append("")
        elif d["type"] == "flags":
            o.append(comment(d.get("doc", d["name"])))
            o.append(f"enum {sp.name}_{d['name'].replace('-', '_')} {{")
            for i, (ename, _, edoc) in enumerate(sp.enum_entries(d["name"])):
                if edoc:
                    o.append(comment(edoc.strip(), "\t"))
                o.append(f"\t{sp.pfx}_{c_name(d['name'])}_{c_name(ename)} = {1 << i},")
            o.append("};")
            o.append("")
    for s in sp.y["attribute-sets"]:
        if s.get("doc"):
            o.append(comment(s["doc"]))
        o.append("enum {")
        for a in s["attributes"]:
            doc = a.get("doc")
            if doc:
                o.append(f"\t/* {a['type']}: {doc.strip()} */")
            else:
                o.append(f"\t/* {a['type']} */")
            o.append(f"\t{sp.attr_c(s['name'], a['name'])} = {sp.attr_val[(s['name'], a['name'])]},")
        mx = f"{sp.pfx}_A_{c_name(s['name'])}"
        o.append("")
        o.append(f"\t__{mx}_MAX,")
        o.append(f"\t{mx}_MAX = (__{mx}_MAX - 1)")
        o.append("};")
        o.append("")
    o.append("enum {")
    for op in sp.ops:
        o.append(f"\t{sp.pfx}_CMD_{c_name(op['name'])} = {sp.op_val[op['name']]},")
    o.append("")
    o.append(f"\t__{sp.pfx}_CMD_MAX,")
    o.append(f"\t{sp.pfx}_CMD_MAX = (__{sp.pfx}_CMD_MAX - 1)")
    o.append("};")
    o.append("")
    for g in sp.mcgrps:
        o.append(f"#define {sp.pfx}_MCGRP_{c_name(g)}\t\"{g}\"")
    o.append("")
    o.append(f"#endif /* {guard} */")
    return "\n".join(o) + "\n"


NLA_TYPES = {"u8": "NLA_U8", "u16": "NLA_U16", "u32": "NLA_U32", "u64": "NLA_U64",
             "s8": "NLA_S8", "s16": "NLA_S16", "s32": "NLA_S32", "s64": "NLA_S64",
             "flag": "NLA_FLAG", "string": "NLA_NUL_STRING", "binary": "NLA_BINARY"}
TYPE_LIMITS = {"u8": (0, 255), "u16": (0, 65535), "u32": (0, 2**32 - 1), "u64": (0, 2**64 - 1),
               "s8": (-128, 127), "s16": (-32768, 32767), "s32": (-2**31, 2**31 - 1),
               "s64": (-2**63, 2**63 - 1)}


class PolicyGen:
    def __init__(self, sp):
        self.sp = sp
        self.ranges = []  # (name, signed, min, max)
        self.nested_needed = []

    def request_attrs(self, set_name):
        """Attributes of a set that some request uses (for nested policies)."""
        names = []
        for op in self.sp.ops:
            if op.get("attribute-set") != set_name or "do" not in op:
                continue
            for a in op["do"].get("request", {}).get("attributes", []):
                if a not in names:
                    names.append(a)
        return names or [a["name"] for a in self.sp.sets[set_name]["attributes"]]

    def entry(self, set_name, a, owner):
        t = a["type"]
        checks = a.get("checks", {})
        if t == "nest":
            nset = a["nested-attributes"]
            if nset not in self.nested_needed:
                self.nested_needed.append(nset)
            return f"NLA_POLICY_NESTED({self.sp.name}_{nset.replace('-', '_')}_nl_policy)"
        if t in ("string", "binary"):
            if "max-len" in checks:
                return f"{{ .type = {NLA_TYPES[t]}, .len = {self.sp.resolve(checks['max-len'])}, }}"
            return f"{{ .type = {NLA_TYPES[t]}, }}"
        if t == "flag":
            return "{ .type = NLA_FLAG, }"
        lo, hi = TYPE_LIMITS[t]
        mn, mx = checks.get("min"), checks.get("max")
        if "enum" in a and self.sp.defs[a["enum"]]["type"] == "flags":
            n = len(self.sp.defs[a["enum"]]["entries"])
            return f"NLA_POLICY_MASK({NLA_TYPES[t]}, {hex((1 << n) - 1)})"
        if "enum" in a:
            vals = [v for _, v, _ in self.sp.enum_entries(a["enum"])]
            mn, mx = min(vals), max(vals)
        if mn is None and mx is None:
            return f"{{ .type = {NLA_TYPES[t]}, }}"
        small = range(-32768, 32768)
        if mx is None and self.sp.resolve(mn) in small:
            return f"NLA_POLICY_MIN({NLA_TYPES[t]}, {self.sp.resolve(mn)})"
        mn = lo if mn is None else self.sp.resolve(mn)
        mx = hi if mx is None else self.sp.resolve(mx)
        if mn in small and mx in small:
            return f"NLA_POLICY_RANGE({NLA_TYPES[t]}, {mn}, {mx})"
        signed = t.startswith("s")
        sfx = lambda v: f"m{-v}" if v < 0 else str(v)
        rname = f"{self.sp.name}_range_{'s' if signed else 'u'}_{sfx(mn)}_{sfx(mx)}"
        if (rname, signed, mn, mx) not in self.ranges:
            self.ranges.append((rname, signed, mn, mx))
        macro = "NLA_POLICY_FULL_RANGE_SIGNED" if t.startswith("s") else "NLA_POLICY_FULL_RANGE"
        return f"{macro}({NLA_TYPES[t]}, &{rname})"

    def table(self, set_name, attrs, owner, tname):
        rows = []
        maxv = 0
        for name in attrs:
            a = self.sp.attr(set_name, name)
            maxv = max(maxv, self.sp.attr_val[(set_name, name)])
        by_val = sorted(attrs, key=lambda n: self.sp.attr_val[(set_name, n)])
        for name in by_val:
            a = self.sp.attr(set_name, name)
            rows.append(f"\t[{self.sp.attr_c(set_name, name)}] = {self.entry(set_name, a, owner)},")
        last = self.sp.attr_c(set_name, by_val[-1])
        return tname, last, rows

    def generate(self):
        sp = self.sp
        op_tables = []
        for op in sp.ops:
            if "do" not in op:
                continue
            req = op["do"].get("request", {}).get("attributes", [])
            if not req:
                continue
            owner = op["name"].replace("-", "_")
            tname = f"{sp.name}_{owner}_nl_policy"
            op_tables.append((op, self.table(op["attribute-set"], req, owner, tname)))
        nested_tables = []
        done = []
        while len(done) < len(self.nested_needed):
            nset = [n for n in self.nested_needed if n not in done][0]
            done.append(nset)
            owner = nset.replace("-", "_")
            tname = f"{sp.name}_{owner}_nl_policy"
            nested_tables.append(self.table(nset, self.request_attrs(nset), owner, tname))

        h = ["/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */",
             f"/* {GEN_NOTE} */", "", "#ifndef _PTPK_NL_POLICY_H", "#define _PTPK_NL_POLICY_H", "",
             "#include <net/netlink.h>", "#include <uapi/linux/ptpk.h>", ""]
        for tname, last, _ in nested_tables:
            h.append(f"extern const struct nla_policy {tname}[{last} + 1];")
        for op, (tname, last, _) in op_tables:
            h.append(f"extern const struct nla_policy {tname}[{last} + 1];")
            h.append(f"#define {tname.upper()}_MAXATTR {last}")
        h += ["", "#endif /* _PTPK_NL_POLICY_H */"]

        c = ["// SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause)",
             f"/* {GEN_NOTE} */", "", "#include \"nl_policy.h\"", ""]
        for rname, signed, mn, mx in self.ranges:
            # not const: before 6.2 struct nla_policy points at non-const ranges
            c.append(f"static struct netlink_range_validation{'_signed' if signed else ''} {rname} = {{")
            c.append(f"\t.min = {mn}{'LL' if signed else 'ULL'},")
            c.append(f"\t.max = {mx}{'LL' if signed else 'ULL'},")
            c.append("};")
            c.append("")
        for tname, last, rows in nested_tables + [t for _, t in op_tables]:
            c.append(f"const struct nla_policy {tname}[{last} + 1] = {{")
            c += rows
            c.append("};")
            c.append("")
        return "\n".join(h) + "\n", "\n".join(c).rstrip() + "\n"


def main():
    args = sys.argv[1:]
    check = False
    if args and args[0] == "--check":
        check = True
        args = args[1:]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    spec, top = args
    sp = Spec(spec)
    pol_h, pol_c = PolicyGen(sp).generate()
    outputs = {f"{top}/uapi/linux/ptpk.h": gen_header(sp),
               f"{top}/kmod/nl_policy.h": pol_h,
               f"{top}/kmod/nl_policy.c": pol_c}
    bad = 0
    for path, text in outputs.items():
        if check:
            try:
                with open(path) as f:
                    cur = f.read()
            except FileNotFoundError:
                cur = None
            if cur != text:
                print(f"{path}: differs from what {spec} generates; run 'make gen'", file=sys.stderr)
                bad = 1
        else:
            with open(path, "w") as f:
                f.write(text)
    return bad


if __name__ == "__main__":
    sys.exit(main())
