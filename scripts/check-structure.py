#!/usr/bin/env python3
"""check-structure.py - the size and shape limits of harness/ (README,
"Architecture"): no .c file over 800 lines, no function over 150 lines, no
include circle between files. Prints each breach and exits 1 if any.

Functions are found by the project's layout: a body opens with '{' in
column 0 and closes with '}' in column 0."""
import os
import re
import sys

MAX_FILE_LINES = 800
MAX_FUNC_LINES = 150

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "harness")
root = os.path.normpath(root)
bad = []
sources = []
for d, _, files in os.walk(root):
    for f in files:
        if f.endswith((".c", ".h", ".cc")):
            sources.append(os.path.join(d, f))
sources.sort()

for p in sources:
    rel = os.path.relpath(p, root)
    lines = open(p, encoding="utf-8", errors="replace").read().split("\n")
    if p.endswith((".c", ".cc")) and len(lines) - 1 > MAX_FILE_LINES:
        bad.append(f"{rel}: {len(lines) - 1} lines (limit {MAX_FILE_LINES})")
    start = None
    for i, line in enumerate(lines):
        if line.startswith("{"):
            start = i
        elif line.startswith("}") and start is not None:
            n = i - start + 1
            if n > MAX_FUNC_LINES:
                sig = lines[start - 1].strip() if start else "?"
                bad.append(f"{rel}:{start + 1}: function of {n} lines (limit {MAX_FUNC_LINES}): {sig}")
            start = None

# Include graph between files (a .c and its .h are one node).
def node(path):
    return os.path.splitext(os.path.relpath(path, root))[0]

graph = {}
inc = re.compile(r'#include "([^"]+)"')
for p in sources:
    n = node(p)
    graph.setdefault(n, set())
    for m in inc.finditer(open(p, encoding="utf-8", errors="replace").read()):
        target = os.path.normpath(os.path.join(root, m.group(1)))
        if not os.path.exists(target):
            target = os.path.normpath(os.path.join(os.path.dirname(p), m.group(1)))
        if os.path.exists(target) and target.startswith(root):
            t = node(target)
            if t != n:
                graph[n].add(t)

state = {}
stack = []
def visit(n):
    state[n] = 1
    stack.append(n)
    for t in sorted(graph.get(n, ())):
        if state.get(t) == 1:
            cyc = stack[stack.index(t):] + [t]
            bad.append("include circle: " + " -> ".join(cyc))
        elif t not in state:
            visit(t)
    stack.pop()
    state[n] = 2

for n in sorted(graph):
    if n not in state:
        visit(n)

for b in bad:
    print(b)
print(f"check-structure: {len(sources)} files, {len(bad)} breaches")
sys.exit(1 if bad else 0)
