#!/usr/bin/env python3
"""Seeds for the fuzzers: the given files, and each meeting file cut into
small meeting files.

A whole meeting file is ten pages to set: most of a fuzz run would go to
typesetting the same paragraphs again. Cut into one file per part (the
intro, the letter, each top-level section), with the header, notes, data
and charts every part may need, each seed is a page or two, and together
they reach the same code. A meeting that names data files also gets a
copy with their charts inline, so that the values fuzzer, which changes
the meeting file alone, can reach chart values.

    fuzz_seeds.py OUTDIR FILE...

Text is cut at top-level keys and at the items of `sections:`; no YAML
library is needed (the files are ours and written in block style).
"""
import re
import sys
from pathlib import Path

# What every part needs to stay a valid meeting file.
CONTEXT = {"format", "id", "document", "title", "date", "author", "layout",
           "classification", "reference", "meeting", "notes", "data",
           "charts", "agenda", "annexes", "distribution"}
KEY = re.compile(r"^([A-Za-z_][\w-]*):")


def blocks(text):
    """[(key, text)] for each top-level key; comments and blank lines
    before a key go with it."""
    out, key, lines, pending = [], None, [], []
    for line in text.splitlines(keepends=True):
        m = KEY.match(line)
        if m:
            if key is not None or lines:
                out.append((key, "".join(lines)))
            key, lines, pending = m.group(1), pending + [line], []
        elif line.strip() == "" or line.startswith("#"):
            pending.append(line)
        else:
            lines += pending + [line]
            pending = []
    out.append((key, "".join(lines + pending)))
    return out


def section_items(block):
    """The items of a block `sections:` in block style, or []."""
    lines = block.splitlines(keepends=True)
    head = [i for i, l in enumerate(lines) if l.startswith("sections:")]
    if not head or lines[head[0]].rstrip() != "sections:":
        return []
    items, indent = [], None
    for line in lines[head[0] + 1:]:
        m = re.match(r"^(\s*)- ", line)
        if m and (indent is None or len(m.group(1)) == indent):
            indent = len(m.group(1))
            items.append([line])
        elif items:
            items[-1].append(line)
    return ["".join(i) for i in items]


def parts(text):
    """Small meeting files, one a part of text."""
    bs = blocks(text)
    context = "".join(t for k, t in bs if k in CONTEXT or k is None)
    content = [(k, t) for k, t in bs if k is not None and k not in CONTEXT]
    out = []
    for k, t in content:
        items = section_items(t) if k == "sections" else []
        if len(items) > 1:
            out += [context + "sections:\n" + i for i in items]
        else:
            out.append(context + t)
    return out if len(out) > 1 else []


def charts_inline(text, folder):
    """text with the charts of its data files inline, or None."""
    m = re.search(r"^data: \[(.*)\]\n", text, re.M)
    if not m or re.search(r"^charts:", text, re.M):
        return None
    charts = []
    for name in m.group(1).split(","):
        try:
            data = (folder / name.strip()).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        c = re.search(r"^charts:\n(.*)", data, re.M | re.S)
        if c:
            charts.append(c.group(1))
    return text[:m.start()] + text[m.end():] + "charts:\n" + "".join(charts)


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    for f in map(Path, sys.argv[2:]):
        raw = f.read_bytes()
        (out / f.name).write_bytes(raw)
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            continue
        if not re.search(r"^document: ", text, re.M):
            continue  # a data file, or not a meeting at all
        for i, p in enumerate(parts(text)):
            (out / ("%s.part%d.yaml" % (f.stem, i))).write_text(
                p, encoding="utf-8")
        inline = charts_inline(text, f.parent)
        if inline:
            (out / ("%s.charts-inline.yaml" % f.stem)).write_text(
                inline, encoding="utf-8")


if __name__ == "__main__":
    main()
