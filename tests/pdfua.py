#!/usr/bin/env python3
"""PDF/UA-1 conformance of every PDF dossier writes (python3-pikepdf).

Renders every inputs/meetings/*.yaml and a generated document with every
kind of block (a letter, headings of three levels, lists, a table with a
header row, footnotes, links, every chart type, a classified pack with
contents and annexes) and checks, on each PDF, the failure conditions of
the Matterhorn Protocol 1.1 that can be checked by machine and apply to
what dossier writes. Prints a table: condition, objects checked,
failures; then walks each structure tree and compares the text a reader
hears, in tree order, with the text the pages show:
- nothing of the running header and footer is in the tree;
- every word on a page is in the tree or in an artifact, once;
- the tree's order is the pages' order, a footnote after the paragraph
  that cites it.

    /usr/bin/python3 tests/pdfua.py
"""

import re
import sys
import tempfile
from collections import Counter
from pathlib import Path

import pikepdf

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO, Tally, run  # noqa: E402
import pdf_tree  # noqa: E402

# Test text, not real data: one of every kind of block.
EVERYTHING = """format: 1
id: alles
document: verslag
title: Testdocument met elk soort blok
date: 2025-11-21
author: Ministerie van Buitenlandse Zaken
classification: Departementaal vertrouwelijk
meeting:
  name: Testbijeenkomst
  dates: [2025-12-03, 2025-12-04]
  place: Brussel
  participants: [Een Deelnemer, Andere Deelnemer]
letter:
  to: De Voorzitter van de Tweede Kamer der Staten-Generaal
  salutation: Geachte voorzitter,
  body: |
    Hierbij bied ik u het testdocument aan.
  closing: De minister van Buitenlandse Zaken,
  signatory: Test Ondertekenaar
sections:
  - heading: Eerste deel
    text: |
      Een alinea met een voetnoot[^a] en een
      [verwijzing](https://www.rijksoverheid.nl/onderwerpen/navo).

      - eerste punt van een lijst
      - tweede punt, met meer woorden dan de eerste

      1. genummerd punt
      2. nog een genummerd punt

      | Jaar | Bedrag | Opmerking |
      |---|---|---|
      | 2024 | 1 | eerste |
      | 2025 | 2 | tweede |
    position: |
      Nederland zet in op een testpositie.
    charts: [staaf, gestapeld, liggend, lijn]
    sections:
      - heading: Tweede niveau
        text: Tekst op het tweede niveau.[^b]
        sections:
          - heading: Derde niveau
            text: Tekst op het derde niveau.
notes:
  a: Een eerste voetnoot.
  b: Een tweede voetnoot.
charts:
  - id: staaf
    type: bar
    title: Testwaarden per jaar
    unit: eur
    series:
      - name: Steun
        values: {2024: 2.5e9, 2025: 3.5e9}
    targets:
      - label: Testnorm
        value: 3e9
  - id: gestapeld
    type: stacked-bar
    title: Gestapelde testwaarden
    unit: count
    series:
      - name: Een
        values: {2024: 10, 2025: 20}
      - name: Twee
        values: {2024: 5, 2025: 15}
  - id: liggend
    type: hbar
    title: Liggende testwaarden
    unit: percent
    series:
      - name: Aandeel
        values: {Noord: 2.1, Zuid: 1.5}
  - id: lijn
    type: line
    title: Testwaarden in de tijd
    unit: percent
    series:
      - name: Aandeel
        values: {2020: 1.2, 2021: 1.4, 2023: 2.0}
"""

PACK = """format: 1
id: alles-pack
document: briefing-pack
classification: Departementaal vertrouwelijk
meeting:
  name: Testbijeenkomst
  dates: [2025-12-03]
  place: Brussel
sections:
  - heading: Inleiding
    text: Een pakket om de inhoudsopgave en de bijlagen te testen.
annexes: [alles.yaml]
"""

HEADINGS = ["/H1", "/H2", "/H3", "/H4", "/H5", "/H6"]
TABLE_KIDS = {"/Table": {"/TR", "/THead", "/TBody", "/TFoot", "/Caption"},
              "/TR": {"/TH", "/TD"}}
LIST_KIDS = {"/L": {"/LI", "/L", "/Caption"}, "/LI": {"/Lbl", "/LBody"}}
TOC_KIDS = {"/TOC": {"/TOCI", "/TOC", "/Caption"}}


class Conditions:
    """Per Matterhorn condition: objects checked and failures."""

    def __init__(self):
        self.rows = {}

    def count(self, cond, title, ok, where=""):
        r = self.rows.setdefault(cond, [title, 0, []])
        r[1] += 1
        if not ok:
            r[2].append(where)

    def table(self):
        lines = ["%-7s %-62s %7s %8s" % ("cond.", "what", "checked", "failures")]
        for cond in sorted(self.rows):
            title, n, fails = self.rows[cond]
            lines.append("%-7s %-62s %7d %8d" % (cond, title[:62], n, len(fails)))
        return lines


def elements(root):
    """Every structure element below root with its parent's /S."""
    out = []

    def visit(e, parent):
        if isinstance(e, pikepdf.Dictionary) and "/S" in e:
            out.append((e, parent))
            for k in pdf_tree.kids(e):
                visit(k, str(e.S))

    for k in pdf_tree.kids(root):
        visit(k, None)
    return out


def check_pdf(pdf_path, c):
    name = pdf_path.name
    pdf = pikepdf.open(pdf_path)
    root = pdf.Root
    # 06: metadata
    xmp = root.get("/Metadata")
    c.count("06-001", "document contains an XMP metadata stream", xmp is not None, name)
    meta = xmp.read_bytes().decode("utf-8", "replace") if xmp is not None else ""
    c.count("06-002", "XMP holds the PDF/UA identifier (pdfuaid:part 1)",
            re.search(r"<pdfuaid:part>1</pdfuaid:part>", meta) is not None, name)
    c.count("06-003", "XMP holds dc:title", "<dc:title>" in meta, name)
    # 07: viewer preferences
    vp = root.get("/ViewerPreferences")
    c.count("07-001", "ViewerPreferences has DisplayDocTitle",
            vp is not None and "/DisplayDocTitle" in vp, name)
    c.count("07-002", "DisplayDocTitle is true",
            vp is not None and bool(vp.get("/DisplayDocTitle", False)), name)
    # 11: natural language
    c.count("11-006", "the catalog declares the language (/Lang)",
            "/Lang" in root and str(root.Lang) != "", name)
    mi = root.get("/MarkInfo")
    c.count("01-002", "MarkInfo /Marked is true (a tagged PDF)",
            mi is not None and bool(mi.get("/Marked", False)), name)
    c.count("01-007", "MarkInfo /Suspects is not true",
            mi is None or not bool(mi.get("/Suspects", False)), name)
    info = pdf.trailer.get("/Info")
    for key in ("/CreationDate", "/ModDate"):
        if info is not None and key in info:
            c.count("ISO32000", "Info dates are D: dates (7.9.4)",
                    str(info[key]).startswith("D:"), "%s %s" % (name, key))

    pages, ids = pdf_tree.marks(pdf)
    # 01: every mark tagged or an artifact, never both
    for i, pm in enumerate(pages):
        c.count("01-005", "every painting operator is tagged or an artifact",
                not pm.unmarked, "%s p%d: %s" % (name, i + 1, pm.unmarked[:3]))
        c.count("01-003", "no artifact inside tagged content and the reverse",
                not pm.mixed, "%s p%d: %s" % (name, i + 1, pm.mixed[:3]))

    # every MCID of the content is in the parent tree, pointing back
    tree = root.get("/StructTreeRoot")
    c.count("01-001", "a structure tree (StructTreeRoot)", tree is not None, name)
    if tree is None:
        return None
    nums = {}
    pt = tree.get("/ParentTree")
    arr = pt.get("/Nums") if pt is not None else None
    for k in range(0, len(arr) if arr is not None else 0, 2):
        nums[int(arr[k])] = arr[k + 1]
    for i, p in enumerate(pdf.pages):
        key = p.get("/StructParents")
        entry = nums.get(int(key)) if key is not None else None
        for mcid in pages[i].order:
            ok = entry is not None and mcid < len(entry) and \
                isinstance(entry[mcid], pikepdf.Dictionary)
            c.count("01-004", "each MCID belongs to an element (parent tree)", ok,
                    "%s p%d MCID %d" % (name, i + 1, mcid))

    els = elements(tree)
    ids_seen = Counter()
    levels = []
    for e, parent in els:
        s = str(e.S)
        c.count("02-001", "only standard structure types (no role map needed)",
                s in STANDARD, "%s %s" % (name, s))
        if s in ("/Table", "/TR"):
            for k in pdf_tree.kids(e):
                if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                    c.count("09-004", "table elements nest as Table > TR > TH/TD",
                            str(k.S) in TABLE_KIDS[s], "%s %s in %s" % (name, k.S, s))
        if s in ("/TH", "/TD"):
            c.count("09-004", "table elements nest as Table > TR > TH/TD",
                    parent == "/TR", "%s %s in %s" % (name, s, parent))
        if s in ("/L", "/LI"):
            for k in pdf_tree.kids(e):
                if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                    c.count("09-005", "lists nest as L > LI > Lbl + LBody",
                            str(k.S) in LIST_KIDS[s], "%s %s in %s" % (name, k.S, s))
        if s in ("/LI",):
            c.count("09-005", "lists nest as L > LI > Lbl + LBody", parent == "/L",
                    "%s LI in %s" % (name, parent))
        if s == "/LBody":
            c.count("09-005", "lists nest as L > LI > Lbl + LBody", parent == "/LI",
                    "%s LBody in %s" % (name, parent))
        if s == "/TOCI":
            c.count("09-006", "contents entries (TOCI) are in a TOC", parent == "/TOC",
                    "%s TOCI in %s" % (name, parent))
        if s == "/TOC":
            for k in pdf_tree.kids(e):
                if isinstance(k, pikepdf.Dictionary) and "/S" in k:
                    c.count("09-006", "contents entries (TOCI) are in a TOC",
                            str(k.S) in TOC_KIDS[s], "%s %s in TOC" % (name, k.S))
        if s == "/Link":
            ks = pdf_tree.kids(e)
            mcr = any(isinstance(k, int) or (isinstance(k, pikepdf.Dictionary)
                                             and k.get("/Type") == "/MCR") for k in ks)
            objr = any(isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"
                       for k in ks)
            c.count("link", "every Link holds its own text and its annotation",
                    mcr and objr, "%s: text %s, annotation %s" % (name, mcr, objr))
        if s == "/Figure":
            c.count("13-004", "every Figure has alternative text (/Alt)",
                    "/Alt" in e and str(e.Alt).strip() != "", name)
        if s in HEADINGS:
            levels.append(HEADINGS.index(s) + 1)
        if s == "/TH":
            a = e.get("/A")
            scope = a.get("/Scope") if isinstance(a, pikepdf.Dictionary) else None
            c.count("15-003", "every TH has a /Scope", scope is not None, name)
        if s == "/Note":
            c.count("19-003", "every Note has an /ID", "/ID" in e, name)
            if "/ID" in e:
                ids_seen[str(e.ID)] += 1
    for nid, n in ids_seen.items():
        c.count("19-004", "Note /IDs are unique", n == 1, "%s %s" % (name, nid))
    if levels:
        c.count("14-002", "the first numbered heading is H1", levels[0] == 1, name)
        for a, b in zip(levels, levels[1:]):
            c.count("14-003", "heading levels are not skipped going down",
                    b <= a + 1, "%s H%d after H%d" % (name, b, a))

    # 28: annotations
    for i, p in enumerate(pdf.pages):
        annots = [a for a in p.get("/Annots", [])]
        if annots:
            c.count("28-008", "a page with annotations has /Tabs", "/Tabs" in p,
                    "%s p%d" % (name, i + 1))
            c.count("28-009", "its /Tabs is /S", str(p.get("/Tabs", "")) == "/S",
                    "%s p%d" % (name, i + 1))
        for a in annots:
            if a.get("/Subtype") != "/Link":
                continue
            sp = a.get("/StructParent")
            elem = nums.get(int(sp)) if sp is not None else None
            c.count("28-011", "a link annotation is in a Link element",
                    isinstance(elem, pikepdf.Dictionary) and elem.get("/S") == "/Link",
                    "%s p%d" % (name, i + 1))
            c.count("28-012", "a link annotation says where it goes (/Contents)",
                    str(a.get("/Contents", "")).strip() != "", "%s p%d" % (name, i + 1))

    # 31: fonts embedded and mapped to Unicode
    seen = set()
    for p in pdf.pages:
        res = p.get("/Resources")
        for fname, f in (res.Font.items() if res is not None and "/Font" in res else []):
            if f.objgen in seen:
                continue
            seen.add(f.objgen)
            d = f.DescendantFonts[0] if f.get("/Subtype") == "/Type0" else f
            fd = d.get("/FontDescriptor")
            emb = f.get("/Subtype") == "/Type3" or (fd is not None and any(
                k in fd for k in ("/FontFile", "/FontFile2", "/FontFile3")))
            c.count("31-009", "every font is embedded (7.21.4.1)", emb,
                    "%s %s" % (name, fname))
            c.count("31-027", "every font maps its glyphs to Unicode (7.21.7)",
                    "/ToUnicode" in f, "%s %s" % (name, fname))
    return pdf, (pages, ids)


STANDARD = {"/" + s for s in (
    "Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct "
    "Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody "
    "TFoot Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP "
    "Warichu WT WP Figure Formula Form").split()}


def reading(pdf, marks, tally, name):
    """The text a reader hears against the text the pages show."""
    pages, _ = marks
    tree = pdf_tree.tree_text(pdf, marks)
    furniture = " ".join(pdf_tree.clean(t) for pm in pages for t in pm.artifact_text)
    m = re.search(r".{0,40}Pagina \d+ van \d+.{0,20}", tree)
    tally.check("%s: the tree holds no running header or footer" % name,
                m.group(0) if m else None)
    shown = " ".join(pdf_tree.clean(pm.text[m]) for pm in pages for m in pm.order)
    n_art = len(re.findall(r"Pagina \d+ van \d+", furniture))
    n_all = n_art + len(re.findall(r"Pagina \d+ van \d+", shown))
    tally.check("%s: every page number is an artifact (%d)" % (name, n_all),
                None if n_art == n_all else "%d of %d" % (n_art, n_all))
    tw, sw = tree.split(), shown.split()
    tally.check("%s: every tagged word once in the tree (%d words)" % (name, len(sw)),
                None if Counter(tw) == Counter(sw) else
                "only in the tree: %s; missing from it: %s"
                % (list((Counter(tw) - Counter(sw)).elements())[:8],
                   list((Counter(sw) - Counter(tw)).elements())[:8]))
    # The body and the notes each in the order of the pages; a note
    # comes after the whole paragraph that cites it, even when the page
    # (and the note at its foot) breaks that paragraph.
    for what, seq in (("body", pdf_tree.mcr_order(pdf, marks, skip={"/Note"})),
                      ("notes", pdf_tree.mcr_order(pdf, marks, only="/Note"))):
        back = [(a, b) for a, b in zip(seq, seq[1:]) if b <= a]
        tally.check("%s: the tree reads the %s in the pages' order (%d marks)"
                    % (name, what, len(seq)), back and
                    "%d steps back, first at (page, mark) %s" % (len(back), back[:2]))
    late = notes_after_citing(pdf, marks)
    tally.check("%s: each note after the text drawn before it" % name, late)
    return tree


def notes_after_citing(pdf, marks):
    """None when every Note comes, in the tree, after every mark of the
    body drawn before it (so after the whole of the paragraph that cites
    it, which is in the tree before the Note whatever pages it spans);
    else the first Note that does not."""
    body = pdf_tree.mcr_order(pdf, marks, skip={"/Note"})
    notes = pdf_tree.mcr_order(pdf, marks, only="/Note")
    every = pdf_tree.mcr_order(pdf, marks)
    at = {m: k for k, m in enumerate(every)}
    for n in notes:
        before = [at[m] for m in body if m < n]
        if before and max(before) > at[n]:
            return "the note mark at (page, mark) %s" % (n,)
    return None


def main():
    tally = Tally()
    cond = Conditions()
    with tempfile.TemporaryDirectory(prefix="dossier-pdfua-") as tmp:
        tmp = Path(tmp)
        src = tmp / "in"
        src.mkdir()
        (src / "alles.yaml").write_text(EVERYTHING, encoding="utf-8")
        (src / "alles-pack.yaml").write_text(PACK, encoding="utf-8")
        files = sorted((REPO / "inputs" / "meetings").glob("*.yaml"))
        files += [src / "alles.yaml", src / "alles-pack.yaml"]
        out = tmp / "out"
        rc, so, se = run([DOSSIER, "render", "-j", "1", *files, "-o", out])
        tally.check("render %d files" % len(files),
                    rc and "exit %d: %s" % (rc, (se or so)[:600]))
        pdfs = sorted(out.glob("*.pdf"))
        tally.check("%d PDFs written" % len(files), len(pdfs) != len(files)
                    and "%s" % [p.name for p in pdfs])
        for p in pdfs:
            res = check_pdf(p, cond)
            if res is not None:
                pdf, marks = res
                reading(pdf, marks, tally, p.name)
        # dossier chart as a PDF: the chart alone is one Figure.
        chart = tmp / "chart.pdf"
        rc, so, se = run([DOSSIER, "chart", src / "alles.yaml", "--id", "staaf",
                          "-o", chart])
        tally.check("dossier chart writes a PDF",
                    rc and "exit %d: %s" % (rc, se[:300]))
        if rc == 0:
            check_pdf(chart, cond)
    for line in cond.table():
        print(line)
    for c_, (title, n, fails) in sorted(cond.rows.items()):
        tally.check("%s %s (%d checked)" % (c_, title, n), fails and
                    "%d failures: %s" % (len(fails), fails[:4]))
    return tally.end()


if __name__ == "__main__":
    sys.exit(main())
