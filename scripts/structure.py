#!/usr/bin/env python3
"""The structure check of `make lint`: no import circle between the files of the `app`
crate, the size of each file of the domain (`app/src/domain`), and that every page that
renders an `#[island]` also renders `IslandScripts` (the shell loads no script itself).

A file imports another when it names a path into it (`use crate::domain::queries::time::when_wib`,
`super::sessions::find(...)`). Folders' `mod.rs` files only declare and re-export, so
paths that stop at one are not counted. Exits 1 and prints the circle when there is one;
files of the domain over LIMIT lines are listed, with the reason their header gives
(a `//! Longer than 400 lines: ...` line), or as lacking one.
"""

import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "app", "src")
LIMIT = 400

# The domain's layers, lowest first: a file may import its own layer or a lower one, never a
# higher one (ARCHITECTURE.md draws them). Parts not named here are the shared base
# (entities, errors, mail's outbox, sanitizing, secrets, photos). `state.rs` is left out: it
# is the composition root, which names the type of each cache the instance keeps.
LAYERS = [
    ("rules",),
    ("queries", "mail", "push"),
    ("notices", "audit"),
    ("views",),
    ("commands",),
    ("jobs", "open311", "whatsapp"),
]
UNLAYERED = ("state.rs",)


def layer_of(path):
    """The rank of a domain file's layer (0 for the shared base), or None outside the domain."""
    rel = os.path.relpath(path, os.path.join(ROOT, "domain")).split(os.sep)
    if rel[0] == "..":
        return None
    if rel[0] in UNLAYERED:
        return None
    name = rel[0][:-3] if rel[0].endswith(".rs") else rel[0]
    for rank, names in enumerate(LAYERS, start=1):
        if name in names:
            return rank
    return 0


def module_of(path):
    rel = os.path.relpath(path, ROOT)[:-3].split(os.sep)
    if rel[-1] in ("mod", "lib"):
        rel = rel[:-1]
    return rel


def file_of(module):
    base = os.path.join(ROOT, *module)
    if os.path.isfile(base + ".rs"):
        return base + ".rs"
    if os.path.isfile(os.path.join(base, "mod.rs")):
        return os.path.join(base, "mod.rs")
    return None


def expand(tree):
    """`a::{b, c::{d, e}}` -> a::b, a::c::d, a::c::e."""
    tree = tree.strip()
    m = re.match(r"^([\w:]*?)::\{(.*)\}$", tree, re.S)
    if not m:
        return [tree.split(" as ")[0].strip()]
    prefix, inner = m.group(1), m.group(2)
    parts, depth, cur = [], 0, ""
    for ch in inner:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        if ch == "," and depth == 0:
            parts.append(cur)
            cur = ""
        else:
            cur += ch
    parts.append(cur)
    out = []
    for p in parts:
        if p.strip():
            out += [prefix + "::" + x for x in expand(p)]
    return out


def paths_in(source):
    code = re.sub(r"//[^\n]*", "", source)
    found = []
    for stmt in re.findall(r"\buse\s+([^;]+);", code):
        found += expand(stmt)
    found += re.findall(r"\b(?:crate|super)(?:::\w+)+", code)
    return [p for p in found if p.startswith(("crate::", "super::"))]


def resolve(module, path, is_mod_file):
    segs = path.split("::")
    if segs[0] == "crate":
        base, segs = [], segs[1:]
    else:
        base = list(module) if is_mod_file else list(module[:-1])
        while segs and segs[0] == "super":
            segs = segs[1:]
            base = base[:-1] if segs and segs[0] == "super" else base
        # `super` of a file module is its folder; each further `super` goes up once.
    best = None
    cur = list(base)
    for i, s in enumerate(segs):
        cur.append(s)
        f = file_of(cur)
        if f is None:
            # A folder's mod.rs may re-export the item from one of its files.
            if best and os.path.basename(best) == "mod.rs":
                return reexported(best, s) or best
            break
        best = f
    return best


def reexported(mod_file, name):
    """The file of a folder whose item `name` its mod.rs re-exports (`pub use file::{name}`)."""
    source = open(mod_file, encoding="utf-8").read()
    for m in re.finditer(r"pub(?:\(crate\))? use (\w+)::\{?([^;]*?)\}?;", source):
        if name in re.findall(r"\w+", m.group(2)):
            f = os.path.join(os.path.dirname(mod_file), m.group(1) + ".rs")
            if os.path.isfile(f):
                return f
    return None


def islands_without_scripts(files):
    """Files that render an `#[island]` component but not `<IslandScripts/>`, which loads
    the wasm that hydrates it: the island would stay plain HTML."""
    sources = {f: open(f, encoding="utf-8").read() for f in files}
    islands = set()
    for source in sources.values():
        islands.update(re.findall(r"#\[island\]\s*(?:pub(?:\([a-z]+\))?\s+)?fn\s+([A-Z]\w*)", source))
    missing = []
    for f, source in sorted(sources.items()):
        used = sorted(i for i in islands if re.search(r"<" + i + r"[\s/>]", source))
        if used and "<IslandScripts/>" not in source:
            missing.append(f"island: {os.path.relpath(f, ROOT)} renders {', '.join(used)} without <IslandScripts/>")
    return missing, islands


def main():
    files = []
    for d, _, names in os.walk(ROOT):
        files += [os.path.join(d, n) for n in names if n.endswith(".rs")]
    edges = {}
    for f in files:
        if os.path.basename(f) in ("mod.rs", "lib.rs"):
            continue
        source = open(f, encoding="utf-8").read().split("#[cfg(test)]\nmod tests")[0]
        module = module_of(f)
        targets = set()
        for p in paths_in(source):
            t = resolve(module, p, False)
            if t and t != f and os.path.basename(t) not in ("mod.rs", "lib.rs"):
                targets.add(os.path.normpath(t))
        edges[os.path.normpath(f)] = targets
    # Tarjan's strongly connected components.
    index, low, stack, on, comps, counter = {}, {}, [], set(), [], [0]
    sys.setrecursionlimit(10000)

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in edges:
                continue
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                comps.append(comp)

    for v in sorted(edges):
        if v not in index:
            visit(v)
    rel = lambda p: os.path.relpath(p, os.path.join(ROOT, "..", ".."))
    print(f"structure: {len(edges)} files, {sum(len(t) for t in edges.values())} imports between them")
    domain = os.path.normpath(os.path.join(ROOT, "domain"))
    for f in sorted(edges):
        if not f.startswith(domain):
            continue
        lines = open(f, encoding="utf-8").read().count("\n")
        if lines > LIMIT:
            head = open(f, encoding="utf-8").read().split("\n")[:20]
            reason = next((l for l in head if "Longer than 400 lines" in l), None)
            print(f"  {rel(f)}: {lines} lines, " + (reason.strip("/! ") if reason else "no reason given"))
    upward = []
    for f, targets in sorted(edges.items()):
        mine = layer_of(f)
        for t in sorted(targets):
            theirs = layer_of(t)
            if mine is not None and theirs is not None and theirs > mine:
                upward.append(f"layer: {rel(f)} imports {rel(t)}, a higher layer")
    for line in upward:
        print(line)
    missing, islands = islands_without_scripts(files)
    for line in missing:
        print(line)
    print(f"structure: {len(islands)} island(s), each page that renders one loads its scripts")
    if missing:
        return 1
    if comps:
        for comp in comps:
            print("import circle: " + " -> ".join(rel(c) for c in sorted(comp)))
        return 1
    if upward:
        return 1
    print("structure: no import circle, every domain import points down")
    return 0


if __name__ == "__main__":
    sys.exit(main())
