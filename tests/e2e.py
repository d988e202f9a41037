#!/usr/bin/env python3
"""End-to-end tests of dossier on real PDFs (standard library only).

    python3 tests/e2e.py             render every inputs/meetings/*.yaml and check the PDFs
    python3 tests/e2e.py --selftest  check the checker itself, without dossier

For every meeting file: `build/dossier render FILE -o DIR` exits 0 and writes
DIR/<id>.pdf; every font in it is embedded (pdffonts); `qpdf --check` is clean;
it is PDF 1.5 with every object that is not a stream in an object stream.

For the five seed documents (shared/seeds/*.txt, the text of the real PDFs
these meeting files reproduce): every paragraph of the seed, word for word,
is in the text of the PDF. Both texts are normalised first (case folded,
only letters and digits kept), so line breaks, hyphenation, quotes and
dashes do not matter, but every letter and digit does. Page furniture of the
PDF (running header and footer, "Pagina X van Y", footnotes at the page
bottom) is taken out so that a paragraph broken by a page break still
matches; the seed's footnotes are checked as paragraphs of their own.

The seeds are looked for in $DOSSIER_SEEDS, tests/seeds/ and ../shared/seeds/
(beside the repository); without them the run fails.
"""

import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO, Tally, run  # noqa: E402  one harness


# seed file -> (id of the meeting document that reproduces it)
SEED_MAP = {
    "000_3d2159356c6ac15d.txt": "fmm-2025-12",
    "001_9094773d7c2b0ac9.txt": "fmm-2024-12",
    "002_ab4bdc2fddf8fd8b.txt": "fmm-2025-04",
    "003_d904da1b57c1d777.txt": "fmm-2023-11",
    "004_cd1c5c75dbeda8f3.txt": "ifmm-2025-05",
}
# How many footnotes each seed has (the checker finds them and verifies the count).
SEED_NOTES = {
    "003_d904da1b57c1d777.txt": 1,
    "004_cd1c5c75dbeda8f3.txt": 3,
}

# Texts each meeting's charts must show as real text (pdftotext), spaces
# (also no-break ones) and line breaks counted as one space.
CHART_TEXTS = {
    "fmm-2025-12": ["De NAVO-norm voor defensie-uitgaven", "3,5%", "1,5%", "5,0%",
                    "2%-norm (Wales, 2014)", "Steun aan Oekraïne in 2025",
                    "€ 2,5 mld.", "€ 3,5 mld.", "€ 0,5 mld.", "€ 5 mln.",
                    "Bedragen in miljarden euro",
                    "Bron: NAVO-topverklaringen van Wales (2014)"],
    "fmm-2024-12": ["Oekraïense militairen getraind via operatie Interflex", "45.000",
                    "20.000", "Bron: Geannoteerde agenda NAVO FMM 3–4 december 2024"],
    "ifmm-2025-05": ["Nederlandse steun aan Oekraïne per jaar", "\u20ac 3,5 mld.",
                     "Bron: Verslag NAVO FMM 28\u201329 november 2023"],
    "fmm-2023-11": ["Nederlandse bijdrage aan Oekraïne voor 2024", "€ 2,5 mld.",
                    "Bron: Verslag NAVO FMM 28–29 november 2023"],
}
# The chart `dossier chart` writes alone in each format.
CHART_FILE, CHART_ID = "2025-12-03-fmm.yaml", "navo-norm"
CHART_TITLE = "De NAVO-norm voor defensie-uitgaven"
PNG_WIDTH = 640

FOOTER_RE = re.compile(r"^\s*pagina\s+\d+\s+van\s+\d+\s*$", re.I)
BOOKMARK_RE = re.compile(r"\[bookmark: [^\]]*\]")
MARK = "\x00"  # stands for a footnote reference in a normalised seed paragraph
REF_DIGITS = r"\d{0,3}"  # what a footnote reference may be in the PDF text


# --------------------------------------------------------------------------
# normalisation

DROP = set("\u2019\u2018\u201c\u201d\u2010\u2011\u2012-\u2013\u2014\u2015\u00ad")


def norm_map(s):
    """The normalised text of s and, for each of its characters, the index
    in s it came from. Keeps MARK."""
    out, idx = [], []
    for i, ch in enumerate(s):
        if ch == MARK:
            out.append(MARK)
            idx.append(i)
            continue
        for c in unicodedata.normalize("NFKC", ch).casefold():
            if c in DROP or not c.isalnum():
                continue
            out.append(c)
            idx.append(i)
    return "".join(out), idx


def norm(s):
    return norm_map(s)[0]


# --------------------------------------------------------------------------
# the seed side


def seed_footnotes(lines, count):
    """Find the footnote lines of a seed: "<n> text" after a blank line or
    after footnote n-1, followed by its continuation lines. Returns
    (texts, set of line indices)."""
    texts, used = [], set()
    expect = 1
    i = 0
    while i < len(lines) and expect <= count:
        m = re.match(r"^(\d{1,2}) (\S.*)$", lines[i])
        prev_blank = i == 0 or not lines[i - 1].strip() or (i - 1) in used
        if m and int(m.group(1)) == expect and prev_blank:
            body = [m.group(2).strip()]
            used.add(i)
            j = i + 1
            while (j < len(lines) and lines[j].strip() and not lines[j].startswith(" ")
                   and not re.match(r"^%d " % (expect + 1), lines[j])):
                body.append(lines[j].strip())
                used.add(j)
                j += 1
            texts.append(" ".join(body))
            expect += 1
            i = j
            continue
        i += 1
    if len(texts) != count:
        raise ValueError("found %d of %d footnotes" % (len(texts), count))
    return texts, used


def seed_paragraphs(raw, notes=0):
    """Split a seed's text into (paragraphs, footnote texts). Footnote
    reference digits in the paragraphs are replaced by MARK."""
    t = BOOKMARK_RE.sub("", raw).replace("\u00a0", " ").replace("\r", "")
    lines = [l.rstrip() for l in t.split("\n")]
    notes_txt, used = seed_footnotes(lines, notes) if notes else ([], set())
    keep = []
    for i, l in enumerate(lines):
        if i in used:
            # a page break inside a paragraph: the blank line before the
            # footnotes does not end the paragraph
            if (i + 1 not in used and i + 1 < len(lines) and lines[i + 1].startswith(" ")
                    and lines[i + 1].strip()):
                while keep and not keep[-1].strip():
                    keep.pop()
            continue
        if FOOTER_RE.match(l):
            continue
        keep.append(l)
    text = "\n".join(keep)
    for n in range(1, notes + 1):
        # the reference digit glued after a word or a punctuation mark
        pat = re.compile(r"(?<=[^\s\d\-\u2013\u2014])%d(?!\d)" % n)
        hits = pat.findall(text)
        if len(hits) != 1:
            raise ValueError("footnote %d: %d references found" % (n, len(hits)))
        text = pat.sub(MARK, text)
    lines = text.split("\n")
    lengths = sorted(len(l.strip()) for l in lines if l.strip())
    per_line = bool(lengths) and lengths[-1] > 150
    # a heading stands alone on a line that is short for this document
    short = 0.6 * lengths[len(lengths) * 9 // 10] if lengths else 0
    paras, cur = [], []
    prev_blank = True
    for l in lines:
        s = l.strip()
        if not s:
            if cur:
                paras.append(cur)
                cur = []
            prev_blank = True
            continue
        heading = prev_blank and len(s) < short and not re.search(r"[.,;:]$", s)
        if per_line or heading:
            # a heading line is a paragraph of its own; the next line starts one
            if cur:
                paras.append(cur)
            paras.append([s])
            cur = []
            prev_blank = False
            continue
        cur.append(s)
        prev_blank = False
    if cur:
        paras.append(cur)
    return ["\n".join(p) for p in paras], notes_txt


# --------------------------------------------------------------------------
# the PDF side


def strip_footnotes(lines, notes):
    """Remove the lines that are a footnote ("1 Kamerstuk ...", possibly
    over several lines, the number possibly on a line of its own)."""
    targets = [norm(n) for n in notes]
    if not targets:
        return lines
    drop = set()
    num_re = re.compile(r"^\s*\d{1,3}[.)]?\s*")
    for i in range(len(lines)):
        if i in drop:
            continue
        first = unicodedata.normalize("NFKC", lines[i])
        m = num_re.match(first)
        starts = []
        if m and first[m.end():].strip():
            starts.append((i, first[m.end():], i))
        elif m:  # the number alone on its line, the text on the next one
            k = i + 1
            while k < len(lines) and k - i < 3 and not lines[k].strip():
                k += 1
            if k < len(lines):
                starts.append((k, lines[k], i))
        for j0, head, from_line in starts:
            acc = norm(head)
            j = j0
            while True:
                if acc in targets:
                    drop.update(range(from_line, j + 1))
                    break
                if not acc or not any(t.startswith(acc) for t in targets):
                    break
                j += 1
                if j >= len(lines) or j - j0 > 8:
                    break
                acc += norm(lines[j])
    return [l for k, l in enumerate(lines) if k not in drop]


def furniture_keys(pages):
    """Lines (digits ignored) that stand among the first or last three lines
    of most pages: a running header or footer."""
    if len(pages) < 2:
        return set()
    count = {}
    for p in pages:
        ls = [l.strip() for l in p if l.strip()]
        seen = set()
        for l in ls[:3] + ls[-3:]:
            seen.add(re.sub(r"\d+", "#", l))
        for k in seen:
            count[k] = count.get(k, 0) + 1
    need = max(2, (len(pages) + 1) // 2)
    return {k for k, c in count.items() if c >= need}


def pdf_streams(text, notes):
    """Normalised streams of the PDF text: (plain, without furniture,
    without furniture and running header/footer), everything (for the
    footnotes)."""
    pages = [p.split("\n") for p in text.split("\f")]
    base = []
    for p in pages:
        p = [l for l in p if not FOOTER_RE.match(l)]
        base.append(strip_footnotes(p, notes))
    keys = furniture_keys(base)
    nohead = []
    for p in base:
        nonempty = [k for k, l in enumerate(p) if l.strip()]
        edge = set(nonempty[:3] + nonempty[-3:])
        nohead.append([l for k, l in enumerate(p)
                       if not (k in edge and re.sub(r"\d+", "#", l.strip()) in keys)])
    join = lambda ps: norm("\n".join("\n".join(p) for p in ps))
    return [join(base), join(nohead)], norm(text)


def para_regex(np):
    return re.compile(REF_DIGITS.join(re.escape(x) for x in np.split(MARK)))


def found_in(np, streams):
    rx = para_regex(np)
    return any(rx.search(s) for s in streams)


def longest_prefix(np, streams):
    lo, hi = 0, len(np)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if found_in(np[:mid], streams):
            lo = mid
        else:
            hi = mid - 1
    return lo


def check_seed_text(seed_name, raw, pdf_text, notes):
    """Check one seed against the text of its PDF. Returns a list of
    failure descriptions (empty when all paragraphs are found)."""
    paras, notes_txt = seed_paragraphs(raw, notes)
    streams, everything = pdf_streams(pdf_text, notes_txt)
    fails = []
    for p in paras:
        np, idx = norm_map(p)
        if not np.replace(MARK, ""):
            continue
        if found_in(np, streams):
            continue
        k = longest_prefix(np, streams)
        shown = p.replace(MARK, "").replace("\n", " ")
        head = shown[:80]
        cut = idx[k - 1] + 1 if k else 0
        done = p[:cut].replace(MARK, "").replace("\n", " ")
        rest = p[cut:].replace(MARK, "").replace("\n", " ")
        fails.append("%s: paragraph \"%s\"\n      found up to: ...%s\n      missing from:  %s..."
                     % (seed_name, head, done[-60:], rest[:60]))
    for n in notes_txt:
        if norm(n) not in everything:
            fails.append("%s: footnote \"%s\" not in the PDF" % (seed_name, n[:80]))
    return fails, len(paras) + len(notes_txt)


# --------------------------------------------------------------------------
# checks on a PDF


def parse_pdffonts(out):
    """Rows of pdffonts output as (name, emb) pairs; None when the output
    has no header."""
    lines = out.split("\n")
    for k, l in enumerate(lines):
        if l.startswith("---"):
            spans = [(m.start(), m.end()) for m in re.finditer(r"-+", l)]
            break
    else:
        return None
    rows = []
    for l in lines[k + 1:]:
        if not l.strip():
            continue
        emb = l[spans[3][0]:spans[3][1] + 1].strip() if len(spans) > 3 else ""
        rows.append((l[:spans[0][1]].strip(), emb))
    return rows


def check_fonts(pdf):
    rc, out, err = run(["pdffonts", str(pdf)])
    if rc != 0:
        return "pdffonts failed (%d): %s" % (rc, err.strip()[:200])
    rows = parse_pdffonts(out)
    if rows is None:
        return "pdffonts: unexpected output"
    if not rows:
        return "no fonts in the PDF"
    bad = [n for n, e in rows if e != "yes"]
    if bad:
        return "fonts not embedded: " + ", ".join(bad)
    return None


def check_qpdf(pdf):
    rc, out, err = run(["qpdf", "--check", str(pdf)])
    text = out + err
    if rc != 0 or "warning" in text.lower():
        return "qpdf --check (exit %d): %s" % (rc, " | ".join(
            l for l in text.split("\n") if l.strip())[:400])
    return None


def check_packed(pdf):
    """Written as PDF 1.5 with object streams (render/pdf_pack.c): every
    object that is not a stream is in an object stream, so the packer
    understood cairo's file and did not hand it back as it was."""
    head = pdf.read_bytes()[:9]
    if head != b"%PDF-1.5\n":
        return "header %r, not %%PDF-1.5" % head
    rc, out, err = run(["qpdf", "--show-xref", str(pdf)])
    if rc != 0:
        return "qpdf --show-xref failed: %s" % err.strip()[:200]
    plain = [l.split("/")[0] for l in out.splitlines() if ": uncompressed;" in l]
    packed = [l for l in out.splitlines() if ": compressed;" in l]
    rc, out, err = run(["qpdf", "--json", "--json-key=qpdf", str(pdf)])
    if rc != 0:
        return "qpdf --json failed: %s" % err.strip()[:200]
    import json
    objs = json.loads(out)["qpdf"][1]
    streams = {k.split()[0][4:] for k, v in objs.items()
               if k.startswith("obj:") and "stream" in v}
    loose = [n for n in plain if n not in streams]
    if not packed or loose:
        return "%d objects in object streams; not in one and no stream: %s" % (
            len(packed), loose[:10])
    return None


def outline_titles(entries):
    for e in entries:
        yield e["title"]
        yield from outline_titles(e["kids"])


def check_outline(pdf, meeting_file):
    """One outline entry for the title and one for every section heading."""
    rc, out, err = run(["qpdf", "--json", "--json-key=outlines", str(pdf)])
    if rc != 0:
        return "qpdf --json failed: %s" % err.strip()[:200]
    import json
    titles = list(outline_titles(json.loads(out)["outlines"]))
    src = meeting_file.read_text(encoding="utf-8")
    if re.search(r"^document:\s*briefing-pack", src, re.M):
        # A pack's outline holds the documents it binds too: tests/pack.py
        # checks it against them.
        return None
    headings = re.findall(r"^\s*-?\s*heading:\s*(.+?)\s*$", src, re.M)
    headings = [h.strip("'\"") for h in headings]
    if len(titles) != 1 + len(headings):
        return "%d outline entries for %d headings + title: %s" % (
            len(titles), len(headings), titles)
    missing = [h for h in headings if h not in titles]
    if missing:
        return "headings without an outline entry: %s" % missing
    return None


def reproducible(dossier, meeting_file, pdf):
    """A second render gives the same bytes."""
    with tempfile.TemporaryDirectory() as again:
        rc, so, se = run([str(dossier), "render", str(meeting_file), "-o", again])
        if rc != 0:
            return "second render failed: %s" % se.strip()[:200]
        second = Path(again) / pdf.name
        if second.read_bytes() != pdf.read_bytes():
            return "two renders of the same input differ"
    return None


def flat(text):
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def check_chart_texts(pdf, texts):
    t = flat(pdf_text(pdf))
    missing = [x for x in texts if flat(x) not in t]
    return "not in the PDF's text: %s" % missing if missing else None


def check_soft_hyphens(pdf):
    """A soft hyphen is in the PDF's text only where a line breaks at it
    (shown as a hyphen): none inside a word, none drawn as nothing."""
    inside = re.findall(r"\S*\u00ad\S+", pdf_text(pdf))
    if inside:
        return "U+00AD inside words: %s" % inside[:5]
    raw = pdf_streams_raw(pdf)
    empty = len(re.findall(rb"/ActualText <feff00ad> >> BDC\s*EMC", raw))
    return "%d soft hyphens drawn as nothing" % empty if empty else None


def pdf_streams_raw(pdf):
    """The PDF's streams, uncompressed by qpdf, as bytes."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "qdf.pdf"
        rc, _, err = run(["qpdf", "--qdf", "--object-streams=disable",
                          str(pdf), str(out)])
        if rc not in (0, 3):
            raise RuntimeError("qpdf failed: %s" % err.strip()[:200])
        return out.read_bytes()


def check_no_images(pdf):
    """Charts are vectors and text: pdfimages lists no image."""
    rc, out, err = run(["pdfimages", "-list", str(pdf)])
    if rc != 0:
        return "pdfimages failed: %s" % err.strip()[:200]
    rows = [l for l in out.split("\n")[2:] if l.strip()]
    return "%d images: %s" % (len(rows), rows[:3]) if rows else None


def png_size(path):
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def check_chart_command(tally, dossier, tmp):
    """`dossier chart` writes SVG, PNG and PDF, and nothing on errors."""
    src = REPO / "inputs" / "meetings" / CHART_FILE
    out = Path(tmp) / "chart"
    out.mkdir()
    base = [str(dossier), "chart", str(src), "--id", CHART_ID, "-o"]
    rc, so, se = run(base + [str(out / "c.svg")])
    why = "exit %d: %s" % (rc, se.strip()[:300]) if rc else None
    if not why:
        import xml.etree.ElementTree as ET
        try:
            root = ET.parse(out / "c.svg").getroot()
            if not root.tag.endswith("svg"):
                why = "root element is %s" % root.tag
        except ET.ParseError as e:
            why = "not XML: %s" % e
    tally.check("dossier chart writes an SVG that parses as XML", why)
    rc, so, se = run(base + [str(out / "c.png"), "--width", str(PNG_WIDTH)])
    size = png_size(out / "c.png") if rc == 0 else None
    tally.check("dossier chart writes a PNG %d pixels wide" % PNG_WIDTH,
                "exit %d: %s" % (rc, se.strip()[:300]) if rc else
                None if size and size[0] == PNG_WIDTH and size[1] > 0 else
                "PNG size %s" % (size,))
    rc, so, se = run(base + [str(out / "c.pdf")])
    why = "exit %d: %s" % (rc, se.strip()[:300]) if rc else None
    why = why or check_qpdf(out / "c.pdf") or check_packed(out / "c.pdf") \
        or check_fonts(out / "c.pdf") \
        or check_no_images(out / "c.pdf") \
        or check_chart_texts(out / "c.pdf", [CHART_TITLE, "3,5%"])
    if not why:
        run(base + [str(out / "d.pdf")])
        if (out / "d.pdf").read_bytes() != (out / "c.pdf").read_bytes():
            why = "two runs give different PDFs"
    tally.check("dossier chart writes a PDF of text and vectors, same bytes twice", why)
    turned = REPO / "tests" / "charts" / "turned-labels.yaml"
    rc, so, se = run([str(dossier), "chart", str(turned), "--id", "landen", "-o",
                      str(out / "turned.pdf")])
    tally.check("turned category labels are still text",
                "exit %d: %s" % (rc, se.strip()[:300]) if rc else
                check_chart_texts(out / "turned.pdf",
                                  ["Noord-Macedonië", "Bosnië en Herzegovina", "Verenigd Koninkrijk"]))
    before = sorted(p.name for p in out.iterdir())
    for args, status, what in (
            (["--id", "no-such-chart", "-o", str(out / "x.svg")], 65, "an unknown id"),
            (["--id", CHART_ID, "-o", str(out / "x.gif")], 2, "an unknown format")):
        rc, so, se = run([str(dossier), "chart", str(src)] + args)
        after = sorted(p.name for p in out.iterdir())
        tally.check("dossier chart with %s exits %d and writes nothing" % (what, status),
                    None if rc == status and se.strip() and after == before else
                    "exit %d, stderr %r, files %s" % (rc, se, after))


def pdf_text(pdf):
    rc, out, err = run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"])
    if rc != 0:
        raise RuntimeError("pdftotext failed (%d): %s" % (rc, err.strip()[:200]))
    return out


def find_seeds():
    cands = []
    if os.environ.get("DOSSIER_SEEDS"):
        cands.append(Path(os.environ["DOSSIER_SEEDS"]))
    cands += [REPO / "tests" / "seeds", REPO.parent / "shared" / "seeds"]
    for c in cands:
        if c.is_dir() and any((c / s).is_file() for s in SEED_MAP):
            return c
    return None


def main():
    tally = Tally()
    dossier = Path(DOSSIER)
    meetings = sorted((REPO / "inputs" / "meetings").glob("*.yaml"))
    if not meetings:
        tally.fail("inputs/meetings", "no meeting files")
    pdfs = {}
    with tempfile.TemporaryDirectory(prefix="dossier-e2e-") as tmp:
        for f in meetings:
            rel = f.relative_to(REPO)
            m = re.search(r"^id:\s*['\"]?([a-z0-9-]+)", f.read_text(encoding="utf-8"), re.M)
            if not m:
                tally.fail("render %s" % rel, "no 'id:' line")
                continue
            mid = m.group(1)
            out = Path(tmp) / mid
            out.mkdir()
            rc, so, se = run([str(dossier), "render", str(f), "-o", str(out)])
            pdf = out / (mid + ".pdf")
            what = "render %s -> %s.pdf" % (rel, mid)
            if rc != 0:
                tally.fail(what, "exit %d: %s" % (rc, (se or so).strip()[:500]))
            elif not pdf.is_file():
                tally.fail(what, "no %s.pdf written" % mid)
            else:
                tally.ok(what)
                pdfs[mid] = pdf
            for name, fn in (("fonts embedded", check_fonts), ("qpdf --check", check_qpdf),
                             ("object streams in", check_packed)):
                what = "%s %s.pdf" % (name, mid)
                tally.check(what, fn(pdf) if mid in pdfs else "no PDF")
            tally.check("outline of %s.pdf" % mid,
                        check_outline(pdf, f) if mid in pdfs else "no PDF")
            tally.check("same bytes twice for %s.pdf" % mid,
                        reproducible(dossier, f, pdf) if mid in pdfs else "no PDF")

        for mid, texts in CHART_TEXTS.items():
            tally.check("charts of %s.pdf are real text" % mid,
                        check_chart_texts(pdfs[mid], texts) if mid in pdfs else "no PDF")
        for mid, pdf in pdfs.items():
            tally.check("no images in %s.pdf" % mid, check_no_images(pdf))
            tally.check("soft hyphens only at line breaks in %s.pdf" % mid,
                        check_soft_hyphens(pdf))
        check_chart_command(tally, dossier, tmp)

        seeds = find_seeds()
        if seeds is None:
            tally.fail("seed checks", "no seeds found in tests/seeds/ (or $DOSSIER_SEEDS)")
        else:
            for seed, mid in SEED_MAP.items():
                what = "seed %s word for word in %s.pdf" % (seed, mid)
                sf = seeds / seed
                if not sf.is_file():
                    tally.fail(what, "seed file %s not found" % sf)
                    continue
                if mid not in pdfs:
                    tally.fail(what, "no PDF for %s" % mid)
                    continue
                try:
                    fails, n = check_seed_text(seed, sf.read_text(encoding="utf-8"),
                                               pdf_text(pdfs[mid]), SEED_NOTES.get(seed, 0))
                except (RuntimeError, ValueError) as e:
                    tally.fail(what, str(e))
                    continue
                if fails:
                    tally.fail(what, "%d of %d paragraphs missing:\n      " % (len(fails), n)
                               + "\n      ".join(fails))
                else:
                    tally.ok(what + " (%d paragraphs)" % n)
    return tally.end()


# --------------------------------------------------------------------------
# self test: the checker against the seeds' own text


def fake_pdf(raw, pages=3):
    """The seed's text made to look like pdftotext output of a PDF: page
    breaks at arbitrary lines, a running header and a page footer."""
    t = BOOKMARK_RE.sub("", raw)
    lines = t.split("\n")
    n = len(lines)
    cuts = [n * k // pages for k in range(pages + 1)]
    out = []
    for k in range(pages):
        body = lines[cuts[k]:cuts[k + 1]]
        out.append("\n".join(["Ministerie van Buitenlandse Zaken", ""] + body
                             + ["", "Pagina %d van %d" % (k + 1, pages), ""]))
    return "\f".join(out) + "\f"


def change_one_word(text):
    """Change one word of at least 8 letters in the middle of the text."""
    words = list(re.finditer(r"[A-Za-z]{8,}", text))
    w = words[len(words) // 2]
    return text[:w.start()] + w.group(0)[::-1].upper() + text[w.end():], w.group(0)


def selftest():
    tally = Tally()
    # pdffonts parsing
    sample = ("name                                 type              encoding         emb sub uni object ID\n"
              "------------------------------------ ----------------- ---------------- --- --- --- ---------\n"
              "ABCDEF+NotoSans-Regular              CID TrueType      Identity-H       yes yes yes      5  0\n"
              "Helvetica                            Type 1            Custom           no  no  no       7  0\n")
    rows = parse_pdffonts(sample)
    tally.check("selftest pdffonts parser",
                None if rows == [("ABCDEF+NotoSans-Regular", "yes"), ("Helvetica", "no")] else repr(rows))
    # footnote lines in a PDF page, the number on its own line
    lines = ["tekst van de", "1", "", "Ter vertrouwelijke inzage gelegd, alleen voor de leden,",
             "bij het Centraal Informatiepunt Tweede Kamer.", "paragraaf"]
    got = strip_footnotes(lines, ["Ter vertrouwelijke inzage gelegd, alleen voor de leden, bij het Centraal Informatiepunt Tweede Kamer."])
    tally.check("selftest footnote lines removed", None if got == ["tekst van de", "paragraaf"] else repr(got))

    seeds = find_seeds()
    if seeds is None:
        tally.fail("selftest seeds", "no seeds found (set DOSSIER_SEEDS)")
        return tally.end()
    for seed in SEED_MAP:
        raw = (seeds / seed).read_text(encoding="utf-8")
        notes = SEED_NOTES.get(seed, 0)
        try:
            paras, notes_txt = seed_paragraphs(raw, notes)
        except ValueError as e:
            tally.fail("selftest %s split" % seed, str(e))
            continue
        # its own text, as it is
        fails, n = check_seed_text(seed, raw, BOOKMARK_RE.sub("", raw), notes)
        tally.check("selftest %s against its own text (%d paragraphs, %d notes)"
                    % (seed, len(paras), len(notes_txt)), "\n      ".join(fails))
        # its own text broken into pages with header and footer
        fails, n = check_seed_text(seed, raw, fake_pdf(raw), notes)
        tally.check("selftest %s against its text in pages" % seed, "\n      ".join(fails))
        # footnote references written differently ("verslag 1." or none)
        if notes:
            t = BOOKMARK_RE.sub("", raw)
            for k in range(1, notes + 1):
                t = re.sub(r"(?<=[^\s\d\-\u2013\u2014])%d(?!\d)" % k, " " + "¹²³"[k - 1], t)
            fails, n = check_seed_text(seed, raw, t, notes)
            tally.check("selftest %s with superscript references" % seed, "\n      ".join(fails))
        # one word changed: must fail, and name that word's paragraph
        changed, word = change_one_word(BOOKMARK_RE.sub("", raw))
        fails, n = check_seed_text(seed, raw, changed, notes)
        why = None
        if len(fails) != 1:
            why = "expected 1 missing paragraph after changing %r, got %d" % (word, len(fails))
        elif "missing from:  " + word not in fails[0].replace("\n", " ") and word not in fails[0]:
            why = "the report does not point at %r: %s" % (word, fails[0])
        tally.check("selftest %s with %r changed is caught" % (seed, word), why)
        if not why:
            print("      " + fails[0].replace("\n", "\n      "))
    return tally.end()


if __name__ == "__main__":
    if sys.argv[1:] == ["--selftest"]:
        sys.exit(selftest())
    if sys.argv[1:]:
        print(__doc__)
        sys.exit(2)
    sys.exit(main())
