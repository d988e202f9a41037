#!/usr/bin/python3
"""Whether OpenType shaping in these fonts stops at a space.

    /usr/bin/python3 tests/font_spaces.py [--class0] FONT...
                                           (needs fontTools)

render/typeset_shape.c takes a line's glyphs from its paragraph's where the line
starts and ends at a space, in a font where no substitution or
positioning reaches across one: no lookup names the space or no-break
space glyph (in a coverage, a class, a pair, a context or an output), no
class-based pair adjustment gives a value to class 0 (the glyphs a class
definition leaves out, spaces among them), and no class-based context
rule matches class 0. It finds the first kind itself, with HarfBuzz, and
leaves such fonts alone; the class 0 kinds it cannot see. Prints what
breaks that (with --class0, only what typeset_shape.c cannot see), and exits 1
if anything does; tests/fonts.py runs it over fonts/derived.
"""

import sys

from fontTools.ttLib import TTFont

SPACES = (0x20, 0xA0)


def glyph_names(obj, order, seen, out):
    """Every glyph name anywhere in an otTables object."""
    if isinstance(obj, str):
        if obj in order:
            out.add(obj)
        return
    if id(obj) in seen:
        return
    seen.add(id(obj))
    if isinstance(obj, dict):
        for k, v in obj.items():
            glyph_names(k, order, seen, out)
            glyph_names(v, order, seen, out)
    elif isinstance(obj, (list, tuple)):
        for x in obj:
            glyph_names(x, order, seen, out)
    elif hasattr(obj, "__dict__"):
        for v in vars(obj).values():
            glyph_names(v, order, seen, out)


def values(v):
    return v is not None and any(getattr(v, a, 0) for a in (
        "XPlacement", "YPlacement", "XAdvance", "YAdvance"))


def class0_rules(st):
    """A class-based (format 2) context rule that matches class 0."""
    for name in ("ChainSubClassSet", "ChainPosClassSet", "SubClassSet",
                 "PosClassSet"):
        for i, cs in enumerate(getattr(st, name, None) or []):
            if cs is None:
                continue
            if i == 0:
                return True
            for rule in (getattr(cs, "ChainSubClassRule", None) or
                         getattr(cs, "ChainPosClassRule", None) or
                         getattr(cs, "SubClassRule", None) or
                         getattr(cs, "PosClassRule", None) or []):
                for seq in ("Backtrack", "Input", "LookAhead", "Class"):
                    if 0 in (getattr(rule, seq, None) or []):
                        return True
    return False


def problems(path, class0_only):
    font = TTFont(path)
    order = set(font.getGlyphOrder())
    cmap = font.getBestCmap()
    spaces = {cmap[c] for c in SPACES if c in cmap}
    out = []
    for tag in ("GSUB", "GPOS"):
        if tag not in font:
            continue
        for li, lookup in enumerate(font[tag].table.LookupList.Lookup):
            for st in lookup.SubTable:
                st = getattr(st, "ExtSubTable", st)
                names = set()
                glyph_names(st, order, set(), names)
                if names & spaces and not class0_only:
                    out.append("%s lookup %d names %s" %
                               (tag, li, ", ".join(sorted(names & spaces))))
                if type(st).__name__ == "PairPos" and st.Format == 2:
                    if any(values(c1.Class2Record[0].Value1) or
                           values(c1.Class2Record[0].Value2)
                           for c1 in st.Class1Record):
                        out.append("%s lookup %d adjusts class 0" %
                                   (tag, li))
                if getattr(st, "Format", None) == 2 and class0_rules(st):
                    out.append("%s lookup %d matches class 0 in context" %
                               (tag, li))
    return out


def main():
    args = sys.argv[1:]
    class0_only = bool(args) and args[0] == "--class0"
    bad = 0
    for path in args[class0_only:]:
        for p in problems(path, class0_only):
            print("%s: %s" % (path, p))
            bad += 1
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
