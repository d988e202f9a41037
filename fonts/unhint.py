#!/usr/bin/python3
"""Unhinted copies of dossier's fonts (see fonts/README.md for why).

    fonts/unhint.py OUTDIR/ SUMS SOURCE.ttf...

Each SOURCE.ttf is written to OUTDIR/ under its own name without its
TrueType hinting: the font programs (fpgm, prep), the control values (cvt,
cvar), the tables only a hinting rasteriser reads (hdmx, VDMX, LTSH) and
the instructions of every glyph. Outlines, metrics, cmap, names and the
OpenType layout tables (GSUB, GPOS, GDEF) are kept as they are: glyph
data is spliced, not recompiled, and no bounding box is recomputed. The
output is the same bytes for the same input: head.modified keeps the
source's date instead of the clock's.

Every file is written beside its target and renamed into place, so the
folder's time changes and fontconfig sees its cache is stale. Fonts in
OUTDIR/ that are not among the outputs are removed: OUTDIR/ holds exactly
the fonts fonts.conf loads. SUMS (sha256sum's format) is written last; the
manifest of `dossier render --incremental` names it, so new fonts render
every document again.

Needs fontTools (Debian package python3-fonttools).
"""

import hashlib
import os
import sys

try:
    from fontTools.ttLib import TTFont
except ImportError:
    sys.exit("fonts/unhint.py: fontTools is missing: install Debian's "
             "python3-fonttools (make deps)")

HINTING_TABLES = ("fpgm", "prep", "cvt ", "cvar", "hdmx", "VDMX", "LTSH")


def unhint(font):
    for tag in HINTING_TABLES:
        if tag in font:
            del font[tag]
    if "glyf" in font:
        font["glyf"].removeHinting()
    maxp = font["maxp"]
    if maxp.tableVersion == 0x00010000:
        # What a font without programs needs; the values fontTools'
        # subsetter writes for --no-hinting.
        maxp.maxZones = 1
        maxp.maxTwilightPoints = 0
        maxp.maxStorage = 0
        maxp.maxFunctionDefs = 0
        maxp.maxInstructionDefs = 0
        maxp.maxStackElements = 0
        maxp.maxSizeOfInstructions = 0


def write_atomic(path, write):
    tmp = os.path.join(os.path.dirname(path),
                       ".%s.tmp" % os.path.basename(path))
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main(argv):
    if len(argv) < 2:
        sys.exit("usage: fonts/unhint.py OUTDIR SUMS SOURCE.ttf...")
    outdir, sums, sources = argv[0], argv[1], argv[2:]
    if not sources:
        sys.exit("fonts/unhint.py: no source fonts: is fonts-noto-core "
                 "installed? (make deps)")
    names = sorted(os.path.basename(s) for s in sources)
    if len(set(names)) != len(names):
        sys.exit("fonts/unhint.py: two sources with one name: %s" % sources)
    os.makedirs(outdir, exist_ok=True)
    for src in sources:
        font = TTFont(src, recalcBBoxes=False, recalcTimestamp=False)
        unhint(font)
        write_atomic(os.path.join(outdir, os.path.basename(src)), font.save)
        font.close()
    for name in os.listdir(outdir):
        if name.endswith(".ttf") and name not in names:
            os.unlink(os.path.join(outdir, name))
    lines = "".join("%s  %s\n" % (sha256(os.path.join(outdir, n)), n)
                    for n in names)

    def write_sums(tmp):
        with open(tmp, "w") as f:
            f.write(lines)
    write_atomic(sums, write_sums)


if __name__ == "__main__":
    main(sys.argv[1:])
