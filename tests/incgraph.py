"""The module graph of render/: fails on any cycle between modules.

A module is a file stem of render/ (parse_chart.c and parse_chart.h are
one module); a `_priv` header belongs to the module it is private to
(chart_priv.h to chart). An edge A -> B is an `#include "B.h"` in a file
of A. Data flows one way (DESIGN.md), so this graph must have no cycle.

With object files (build/obj, or $B/obj) it also prints the calls
between modules: A -> B when A's object file uses a symbol B's defines.
A header that declares another module's functions hides a cycle from
the include graph (parse.h once declared parse_chart.c's functions, so
parse and parse_chart called each other through one header); the
call graph shows it. Its cycles are printed, not failed on: a callback
table or the CLI calling back into a stage may be intended.

    tests/incgraph.py            the check (make test runs it)
    tests/incgraph.py --edges    the graph itself, an edge a line
"""

import os
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

from harness import REPO, Tally

RENDER = REPO / "render"
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)\.h"', re.M)


def module(stem):
    return stem[:-len("_priv")] if stem.endswith("_priv") else stem


def include_graph():
    edges = defaultdict(set)
    for f in sorted(RENDER.glob("*.[ch]")):
        a = module(f.stem)
        edges[a]
        for b in INCLUDE.findall(f.read_text(encoding="utf-8")):
            b = module(Path(b).name)
            if b != a:
                edges[a].add(b)
    return edges


def call_graph(obj):
    """A -> B when A's object uses a global symbol B's object defines."""
    defined, used = {}, defaultdict(set)
    for o in sorted(obj.glob("*.o")):
        if not (RENDER / (o.stem + ".c")).exists():
            continue
        out = subprocess.run(["nm", "-g", str(o)], capture_output=True,
                             text=True, check=True).stdout
        for line in out.splitlines():
            parts = line.split()
            if len(parts) == 2 and parts[0] == "U":
                used[module(o.stem)].add(parts[1])
            elif len(parts) == 3 and parts[1] in "TDBR":
                defined[parts[2]] = module(o.stem)
    edges = defaultdict(set)
    for a, syms in used.items():
        edges[a]
        for s in syms:
            b = defined.get(s)
            if b and b != a:
                edges[a].add(b)
    return edges


def cycles(edges):
    """The strongly connected components of more than one module
    (Tarjan), each sorted; a cycle lies within one of them."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in sorted(edges.get(v, ())):
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
                out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(out)


def main():
    inc = include_graph()
    if "--edges" in sys.argv:
        for a in sorted(inc):
            print("%s -> %s" % (a, " ".join(sorted(inc[a])) or "(none)"))
        return 0
    tally = Tally()
    found = cycles(inc)
    tally.check("the include graph of render/ (%d modules, %d edges) has "
                "no cycle" % (len(inc), sum(len(e) for e in inc.values())),
                [" <-> ".join(c) for c in found])
    obj = REPO / os.environ.get("B", "build") / "obj"
    if list(obj.glob("*.o")):
        calls = call_graph(obj)
        for c in cycles(calls):
            tally.note("modules that call each other (%s): %s"
                       % (obj.relative_to(REPO), " <-> ".join(c)))
    return tally.end()


if __name__ == "__main__":
    sys.exit(main())
