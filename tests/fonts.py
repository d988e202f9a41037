#!/usr/bin/env python3
"""The unhinted fonts: fonts/unhint.py, fonts/derived/, the PDFs.

    python3 tests/fonts.py

- fonts/derived/ as `make` built it holds the fonts fonts.conf has always
  chosen (NotoSans-*, NotoSansSymbols-*, NotoSansMath-Regular), and its
  noto.sha256 is their sha256;
- each is its source less fpgm, prep, cvt, cvar, hdmx, VDMX and LTSH;
  every other table but glyf, loca, head and maxp is the source's bytes,
  and no glyph has instructions (the source has thousands);
- fonts/unhint.py run twice gives the same bytes, and removes a font of
  its folder that is not among its sources;
- without fonts/derived/ dossier stops at once and says `make` makes it;
- every font embedded in a rendered PDF and in its archive copy (libharu
  reads the font files by path) carries no hinting;
- shaping in Noto Sans stops at a space (no lookup involves one), so that
  render/typeset_shape.c may take a line's glyphs from its paragraph's; no font
  has what would break that unseen by typeset_shape.c (tests/font_spaces.py).

The sfnt tables are read here with struct, so the test needs no fontTools;
unhint.py runs with $FONT_PY (Debian's python3, which has it).
"""

import base64
import hashlib
import json
import os
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO, Tally, run  # noqa: E402  one harness

FONT_PY = os.environ.get("FONT_PY", "/usr/bin/python3")
NOTO = Path("/usr/share/fonts/truetype/noto")
DERIVED = REPO / "fonts" / "derived"
HINTING = {"fpgm", "prep", "cvt ", "cvar", "hdmx", "VDMX", "LTSH"}
REBUILT = {"glyf", "loca", "head", "maxp"}


def sources():
    return sorted(list(NOTO.glob("NotoSans-*.ttf")) +
                  list(NOTO.glob("NotoSansSymbols-*.ttf")) +
                  [NOTO / "NotoSansMath-Regular.ttf"])


def tables(data):
    """{tag: bytes} of an sfnt."""
    n = struct.unpack(">H", data[4:6])[0]
    out = {}
    for i in range(n):
        tag, _, off, length = struct.unpack(">4sIII",
                                            data[12 + 16 * i:28 + 16 * i])
        out[tag.decode("latin-1")] = data[off:off + length]
    return out


def glyphs_with_instructions(t):
    long_loca = struct.unpack(">h", t["head"][50:52])[0] == 1
    loca = t["loca"]
    if long_loca:
        offs = struct.unpack(">%dI" % (len(loca) // 4), loca)
    else:
        offs = [2 * o for o in struct.unpack(">%dH" % (len(loca) // 2), loca)]
    glyf, n = t["glyf"], 0
    for a, b in zip(offs, offs[1:]):
        if b <= a:
            continue
        g = glyf[a:b]
        contours = struct.unpack(">h", g[:2])[0]
        if contours >= 0:
            n += struct.unpack(">H", g[10 + 2 * contours:12 + 2 * contours])[0] > 0
            continue
        p = 10
        while True:  # the components; the last one's flags tell
            flags = struct.unpack(">H", g[p:p + 2])[0]
            p += 4 + (4 if flags & 0x1 else 2)
            p += 2 if flags & 0x8 else 4 if flags & 0x40 else \
                8 if flags & 0x80 else 0
            if not flags & 0x20:
                break
        n += bool(flags & 0x100)
    return n


def hinting(t):
    """Whether an embedded font program has any hinting left."""
    return any(t[tag] for tag in HINTING & set(t)) or \
        glyphs_with_instructions(t) > 0


def sha256(path):
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def unhint(outdir, sums, srcs):
    return subprocess.run([FONT_PY, str(REPO / "fonts" / "unhint.py"),
                           str(outdir), str(sums)] + [str(s) for s in srcs],
                          capture_output=True, text=True)


def embedded_fonts(pdf):
    """The FontFile2 programs of a PDF, by font name."""
    r = subprocess.run(["qpdf", "--json", "--json-stream-data=inline",
                        "--decode-level=generalized", str(pdf)],
                       capture_output=True, text=True)
    objs = json.loads(r.stdout)["qpdf"][1]
    out = {}
    for o in objs.values():
        d = o.get("value") if isinstance(o, dict) else None
        if isinstance(d, dict) and d.get("/Type") == "/FontDescriptor" \
                and "/FontFile2" in d:
            s = objs["obj:" + d["/FontFile2"]]["stream"]
            out[d["/FontName"]] = base64.b64decode(s.get("data", ""))
    return out


def main():
    os.chdir(REPO)
    tally = Tally()
    check = tally.check

    srcs = sources()
    names = [s.name for s in srcs]
    sums = (DERIVED / "noto.sha256").read_text().splitlines()
    check("fonts/derived/noto holds the chosen fonts, noto.sha256 their sums", [
        sorted(p.name for p in (DERIVED / "noto").iterdir()) != names and
        "fonts: %s" % sorted(p.name for p in (DERIVED / "noto").iterdir()),
        sums != ["%s  %s" % (sha256(DERIVED / "noto" / n), n) for n in names]
        and "noto.sha256 is not the sums of the fonts"])

    for src in srcs:
        a = tables(src.read_bytes())
        b = tables((DERIVED / "noto" / src.name).read_bytes())
        kept = set(a) - HINTING
        before, after = glyphs_with_instructions(a), glyphs_with_instructions(b)
        check("%s: no hinting tables, no glyph instructions (source: %d "
              "glyphs with)" % (src.name, before), [
                  set(b) != kept and "tables %s, want %s" % (sorted(b),
                                                             sorted(kept)),
                  [t for t in kept - REBUILT if a[t] != b.get(t)] and
                  "changed: %s" % [t for t in kept - REBUILT if a[t] != b[t]],
                  after and "%d glyphs with instructions" % after,
                  not before and "the source has none: nothing tested"])

    derived = sorted((DERIVED / "noto").glob("*.ttf"))
    sans = [str(p) for p in derived if p.name.startswith("NotoSans-")]
    r = subprocess.run([FONT_PY, "tests/font_spaces.py"] + sans,
                       capture_output=True, text=True)
    r0 = subprocess.run([FONT_PY, "tests/font_spaces.py", "--class0"] +
                        [str(p) for p in derived], capture_output=True,
                        text=True)
    check("shaping in Noto Sans stops at spaces; no font hides a class-0 "
          "space rule", [
              not sans and "no NotoSans-* fonts",
              r.returncode and (r.stdout + r.stderr).strip(),
              r0.returncode and (r0.stdout + r0.stderr).strip()])

    with tempfile.TemporaryDirectory(prefix="dossier-fonts-") as tmp:
        one, two = Path(tmp) / "one", Path(tmp) / "two"
        two.mkdir()
        (two / "Stray-Regular.ttf").write_bytes(b"not ours")
        r1 = unhint(one, Path(tmp) / "one.sha256", srcs)
        r2 = unhint(two, Path(tmp) / "two.sha256", srcs)
        check("fonts/unhint.py twice: the same bytes; a stray font removed", [
            r1.returncode and r1.stderr, r2.returncode and r2.stderr,
            (Path(tmp) / "one.sha256").read_text() !=
            (Path(tmp) / "two.sha256").read_text() and "sums differ",
            (Path(tmp) / "one.sha256").read_text() !=
            (DERIVED / "noto.sha256").read_text() and
            "differs from fonts/derived",
            (two / "Stray-Regular.ttf").exists() and "stray font kept"])
        r = unhint(Path(tmp) / "none", Path(tmp) / "none.sha256", [])
        check("fonts/unhint.py without sources says what to install", [
            r.returncode == 0 and "exit 0",
            "fonts-noto-core" not in r.stderr and "stderr: %r" % r.stderr])

        home = Path(tmp) / "home"
        (home / "fonts").mkdir(parents=True)
        os.symlink(REPO / "layouts", home / "layouts")
        (home / "fonts" / "fonts.conf").write_bytes(
            (REPO / "fonts" / "fonts.conf").read_bytes())
        r = subprocess.run([DOSSIER, "render",
                            "inputs/meetings/2025-12-03-fmm.yaml", "-o",
                            str(Path(tmp) / "none")], capture_output=True,
                           text=True, env=dict(os.environ,
                                               DOSSIER_HOME=str(home)))
        want = "%s/fonts/fonts.conf: no fonts: `make` derives the fonts " \
            "this configuration loads (fonts/unhint.py)" % home
        check("fonts not derived yet: exit 66 and a message that says so", [
            r.returncode != 66 and "exit %d" % r.returncode,
            want not in r.stderr.splitlines() and "stderr: %r" % r.stderr])

        out = Path(tmp) / "out"
        r = subprocess.run([DOSSIER, "render",
                            "inputs/meetings/2025-12-03-pack.yaml", "-o",
                            str(out), "--archive"], capture_output=True,
                           text=True)
        pdfs = sorted(out.glob("*.pdf"))
        check("render the pack with --archive", [
            r.returncode and r.stderr, len(pdfs) != 2 and "PDFs: %s" % pdfs])
        for pdf in pdfs:
            fonts = embedded_fonts(pdf)
            hinted = sorted(n for n, data in fonts.items()
                            if hinting(tables(data)))
            check("%s: %d embedded fonts, none hinted" % (pdf.name,
                                                           len(fonts)), [
                not fonts and "no embedded TrueType font",
                hinted and "hinted: %s" % hinted])
    return tally.end()


if __name__ == "__main__":
    sys.exit(main())
