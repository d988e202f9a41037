#!/usr/bin/env python3
"""End-to-end checks of the archive copy (PDF/A-1a, libharu writer).

    python3 tests/archive.py

For every inputs/meetings/*.yaml, and every tests/archive/*.yaml (files
found to break the archive writer once: each says why), `dossier render
FILE -o DIR --archive`
writes DIR/<id>.pdf and DIR/<id>.archief.pdf, and on the real files:
- the text of both (pdftotext) is the same, word for word, and every
  word stands within 0.5 pt of the same place (pdftotext -bbox);
- qpdf --check is clean and pdffonts says every font is embedded;
- the PDF/A essentials, read from qpdf's JSON view: version 1.4, XMP with
  pdfaid:part 1 and pdfaid:conformance A, not compressed, whose dc:title,
  dc:language and dates are those of the Info dictionary and the catalog's
  /Lang; one OutputIntent
  of subtype GTS_PDFA1 whose keys are those the standard allows, with an
  embedded ICC profile (N 3); every font embedded (FontFile2); no
  transparency (no /SMask, /Group, /CA or /ca below 1); no encryption; an
  /ID of two equal 16-byte strings;
- tagged (PDF/A-1a, 6.8), read with pikepdf: /MarkInfo /Marked true, a
  /Lang, a StructTreeRoot whose element tree (roles, nesting, order, /Alt)
  is the display PDF's (tests/struct_tree.py; the display PDF's Link
  elements that hold no text left out: cairo makes one for each link
  annotation, the display list has none); every text-showing and
  path-painting operator of every page inside marked content that is
  /Artifact or has an MCID that the ParentTree maps to an element that
  holds it; every CID font's descriptor with a /CIDSet whose bits are
  exactly its CIDs (those CIDToGIDMap maps);
- the text a reader that follows the tree gets is the display PDF's,
  element for element (compared after NFKC, which folds the ligature
  characters cairo's ToUnicode gives to their letters, with a line's
  final soft hyphen read as the hyphen cairo's gives, and the trema a
  break drops, Oekra-ine, left out on both sides); every mark of the
  display PDF is in its tree, so no element is left out of this;
- a second render gives the same bytes (so the same /ID).
Prints the sizes of the two files side by side.
"""

import base64
import json
import os
import re
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

try:
    import pikepdf
except ImportError:
    # python3-pikepdf is Debian's: run again with Debian's Python when
    # another python3 comes first on the PATH.
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

sys.path.insert(0, str(Path(__file__).resolve().parent))
import struct_tree  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO, Tally, run  # noqa: E402  one harness


OUTPUT_INTENT_KEYS = {"/Type", "/S", "/OutputCondition", "/OutputConditionIdentifier",
                      "/RegistryName", "/Info", "/DestOutputProfile"}



def qpdf_json(pdf):
    rc, out, err = run(["qpdf", "--json", "--json-stream-data=inline",
                        "--decode-level=generalized", str(pdf)])
    if rc != 0:
        raise RuntimeError("qpdf --json: " + err[:200])
    return json.loads(out)


def objects(j):
    return j["qpdf"][1]


def value(objs, ref):
    """The value of an object (following one reference)."""
    if isinstance(ref, str) and ref.endswith(" R"):
        o = objs["obj:" + ref]
        return o.get("value", o.get("stream"))
    return ref


def stream_data(objs, ref):
    s = objs["obj:" + ref]["stream"]
    return base64.b64decode(s.get("data", ""))


def text_of(qpdf_string):
    """A string of qpdf's JSON view as text ("u:..." or "b:<hex>")."""
    s = qpdf_string or ""
    if s.startswith("u:"):
        return s[2:]
    if s.startswith("b:"):
        raw = bytes.fromhex(s[2:])
        return raw[2:].decode("utf-16-be") if raw[:2] == b"\xfe\xff" else raw.decode("latin-1")
    return s


def pdf_date_as_xmp(d):
    """D:YYYYMMDDHHmmSSZ as XMP writes it: YYYY-MM-DDTHH:mm:SSZ."""
    m = re.fullmatch(r"D:(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z", d)
    return "%s-%s-%sT%s:%s:%sZ" % m.groups() if m else None


def xmp_info_problems(xmp, info, lang):
    """Where the XMP says other than the Info dictionary and the catalog
    (PDF/A-1, 6.7.3), or lacks dc:title or dc:language."""
    bad = []
    m = re.search(r"<dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">([^<]*)<", xmp)
    title = text_of(info.get("/Title"))
    unescaped = lambda s: s.replace("&lt;", "<").replace("&gt;", ">").replace(
        "&quot;", '"').replace("&amp;", "&")
    if not m or not m.group(1) or unescaped(m.group(1)) != title:
        bad.append("XMP dc:title %r, Info /Title %r" % (m and m.group(1), title))
    m = re.search(r"<dc:language><rdf:Bag><rdf:li>([^<]*)<", xmp)
    if not m or m.group(1) != text_of(lang):
        bad.append("XMP dc:language %r, catalog /Lang %r" % (m and m.group(1), lang))
    for key, tag in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        m = re.search(r"<%s>([^<]*)<" % tag, xmp)
        want = pdf_date_as_xmp(text_of(info.get(key)))
        if not want or not m or m.group(1) != want:
            bad.append("XMP %s %r, Info %s %r" % (tag, m and m.group(1), key, info.get(key)))
    return bad


def pdfa_problems(pdf):
    """Every way the file misses a PDF/A-1a essential that qpdf's JSON
    view shows (empty: none)."""
    j = qpdf_json(pdf)
    objs = objects(j)
    bad = []
    if j["qpdf"][0]["pdfversion"] != "1.4":
        bad.append("PDF version %s, not 1.4" % j["qpdf"][0]["pdfversion"])
    trailer = objs["trailer"]["value"]
    if "/Encrypt" in trailer:
        bad.append("encrypted")
    ids = trailer.get("/ID")
    if not ids or len(ids) != 2 or ids[0] != ids[1] or len(ids[0]) != 2 + 32:
        bad.append("no /ID of two equal 16-byte strings: %r" % ids)
    root = value(objs, trailer["/Root"])
    meta_ref = root.get("/Metadata")
    if not meta_ref:
        bad.append("no /Metadata in the catalog")
    else:
        sd = objs["obj:" + meta_ref]["stream"]["dict"]
        if "/Filter" in sd:
            bad.append("XMP metadata is compressed")
        xmp = stream_data(objs, meta_ref).decode("utf-8")
        if "<pdfaid:part>1</pdfaid:part>" not in xmp:
            bad.append("XMP without pdfaid:part 1")
        if "<pdfaid:conformance>A</pdfaid:conformance>" not in xmp:
            bad.append("XMP without pdfaid:conformance A")
        bad += xmp_info_problems(xmp, value(objs, trailer.get("/Info")) or {},
                                 root.get("/Lang"))
    intents = value(objs, root.get("/OutputIntents")) or []
    if len(intents) != 1:
        bad.append("%d OutputIntents, expected 1" % len(intents))
    for ref in intents:
        oi = value(objs, ref)
        extra = set(oi) - OUTPUT_INTENT_KEYS
        if extra:
            bad.append("OutputIntent keys not in the standard: %s" % sorted(extra))
        if oi.get("/S") != "/GTS_PDFA1":
            bad.append("OutputIntent /S is %r" % oi.get("/S"))
        prof = oi.get("/DestOutputProfile")
        if not prof:
            bad.append("OutputIntent without /DestOutputProfile")
        else:
            icc = stream_data(objs, prof)
            if objs["obj:" + prof]["stream"]["dict"].get("/N") != 3 or icc[36:40] != b"acsp":
                bad.append("DestOutputProfile is not an embedded RGB ICC profile")
    for key, o in objs.items():
        if not key.startswith("obj:"):
            continue
        v = o.get("value")
        d = v if isinstance(v, dict) else o.get("stream", {}).get("dict", {})
        if not isinstance(d, dict):
            continue
        if "/SMask" in d or d.get("/S") == "/Transparency":
            bad.append("transparency in %s" % key)
        for k in ("/CA", "/ca"):
            if k in d and d[k] != 1:
                bad.append("%s %s in %s" % (k, d[k], key))
        if d.get("/Type") == "/FontDescriptor" and not any(
                k in d for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            bad.append("font %s not embedded" % d.get("/FontName"))
    return bad


def words(pdf):
    rc, out, err = run(["pdftotext", "-bbox", str(pdf), "-"])
    return re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                      r'yMax="([\d.]+)">([^<]*)</word>', out)


def same_words(a, b):
    wa, wb = words(a), words(b)
    if len(wa) != len(wb):
        # pdftotext may cut a word at a combining mark (U+0484 after
        # U+04C3) in one file and not in the other, as the two writers
        # place the mark a hair apart: then the text, all of it, agrees.
        if "".join(w[4] for w in wa) == "".join(w[4] for w in wb):
            return None
        return "%d words in the PDF, %d in the archive copy" % (len(wa), len(wb))
    worst = 0.0
    for x, y in zip(wa, wb):
        if x[4] != y[4]:
            return "word %r in the PDF, %r in the archive copy" % (x[4], y[4])
        worst = max(worst, max(abs(float(x[i]) - float(y[i])) for i in range(4)))
    if worst > 0.5:
        return "a word stands %.2f pt from its place in the PDF" % worst
    return None


def embedded(pdf):
    rc, out, err = run(["pdffonts", str(pdf)])
    rows = out.split("\n")[2:]
    bad = [r.split()[0] for r in rows if r.strip() and " yes " not in r]
    return "fonts not embedded: %s" % bad if bad or rc else None


def qpdf_check(pdf):
    rc, out, err = run(["qpdf", "--check", str(pdf)])
    return None if rc == 0 and "warning" not in (out + err).lower() else (out + err)[:300]


def is_cairo_link(reader):
    """cairo 1.16 makes a Link element, with empty marked content, for
    every link annotation; the display list has no such element."""
    return lambda e: struct_tree.role(e) != "Link" or reader.has_text(e)


def tagging_problems(pdf, arch):
    """Where the archive copy's tagging misses PDF/A-1a or differs from
    the display PDF's tree (empty: none)."""
    bad = []
    with pikepdf.open(pdf) as disp, pikepdf.open(arch) as a:
        mark = a.Root.get("/MarkInfo")
        if mark is None or mark.get("/Marked") is not True:
            bad.append("no /MarkInfo << /Marked true >>")
        if str(a.Root.get("/Lang", "")) != "nl-NL":
            bad.append("catalog /Lang %r" % a.Root.get("/Lang"))
        if "/StructTreeRoot" not in a.Root:
            return bad + ["no StructTreeRoot"]
        want = struct_tree.tree_line(disp, is_cairo_link(struct_tree.TreeReader(disp)))
        got = struct_tree.tree_line(a)
        if not got or got != want:
            bad.append("element tree differs from the display PDF's:\n"
                       "        display %s\n        archive %s" % (want[:400], got[:400]))
    return bad


def unmarked_problems(arch):
    """Every painting operator outside an /Artifact or an MCID that the
    ParentTree maps to an element holding it; and the figures checked."""
    bad, ops = [], 0
    with pikepdf.open(arch) as a:
        root = a.Root.get("/StructTreeRoot")
        tree = struct_tree.number_tree(root.get("/ParentTree", {})) if root else {}
        for n, page in enumerate(a.pages, 1):
            key = page.obj.get("/StructParents")
            parents = tree.get(int(key)) if key is not None else None
            marks, _ = struct_tree.painting_marks(page)
            for op, stack in marks:
                ops += 1
                seq = [m for m in stack if m[0] == "/Artifact" or m[1] is not None]
                if not seq:
                    bad.append("page %d: %s outside marked content" % (n, op))
                    continue
                tag, mcid = seq[-1]
                if tag == "/Artifact":
                    continue
                elem = parents[mcid] if parents is not None and mcid < len(parents) else None
                if elem is None or not struct_tree.is_elem(elem):
                    bad.append("page %d: MCID %d not in the ParentTree" % (n, mcid))
                    continue
                pg = elem.get("/Pg")
                held = [k for k in struct_tree.kids(elem)
                        if (isinstance(k, int) and k == mcid and pg == page.obj) or
                        (isinstance(k, pikepdf.Dictionary) and k.get("/MCID") == mcid and
                         k.get("/Pg", pg) == page.obj)]
                if not held:
                    bad.append("page %d: MCID %d's element /%s does not hold it"
                               % (n, mcid, struct_tree.role(elem)))
                elif "/" + struct_tree.role(elem) != tag:
                    bad.append("page %d: MCID %d tagged %s in a /%s"
                               % (n, mcid, tag, struct_tree.role(elem)))
    return bad[:5], ops


def cidset_problems(arch):
    """Every CID font without a /CIDSet, or whose /CIDSet names other
    CIDs than those its CIDToGIDMap maps; and the fonts checked."""
    bad, seen = [], {}
    with pikepdf.open(arch) as a:
        for page in a.pages:
            for _, font in page.obj.get("/Resources", {}).get("/Font", {}).items():
                if font.get("/Subtype") != "/Type0":
                    continue
                cid = font.DescendantFonts[0]
                name = str(cid.get("/BaseFont"))
                if name in seen:
                    continue
                fd = cid.FontDescriptor
                if "/CIDSet" not in fd:
                    seen[name] = False
                    bad.append("%s: no /CIDSet" % name)
                    continue
                bits = fd.CIDSet.read_bytes()
                have = {i for i in range(8 * len(bits)) if bits[i // 8] & (0x80 >> (i % 8))}
                m = cid.get("/CIDToGIDMap")
                n = len(m.read_bytes()) // 2 if isinstance(m, pikepdf.Stream) else None
                if n is None or have != set(range(n)):
                    bad.append("%s: /CIDSet holds %d CIDs, CIDToGIDMap maps %s"
                               % (name, len(have), n))
                seen[name] = True
    return bad, len(seen)


def nfkc(t):
    """Text as compared: NFKC (cairo's ToUnicode gives ligatures as U+FB01
    and the like), and the hyphen a line ends with as a hyphen (the
    archive copy's ToUnicode gives the soft hyphen it stands for, U+00AD,
    so that a reader joins the word; cairo's gives the hyphen's glyph)."""
    t = unicodedata.normalize("NFKC", t).replace("\u00ad", "-")
    # The trema a break drops (Oekra-ine) is drawn without it; the archive
    # copy's text keeps the letter the word has, cairo's the one drawn.
    return unicodedata.normalize("NFC", re.sub(
        "-(.)\u0308", r"-\1", unicodedata.normalize("NFD", t)))


def tree_text_problem(pdf, arch):
    """Where the text read along the archive copy's tree differs from the
    display PDF's; and how many elements the display PDF leaves out of its
    tree."""
    with pikepdf.open(pdf) as disp, pikepdf.open(arch) as a:
        r = struct_tree.TreeReader(disp)
        want = [(k, nfkc(t)) for k, t in r.tree_text(is_cairo_link(r))]
        got = [(k, nfkc(t)) for k, t in struct_tree.TreeReader(a).tree_text()]
        i = 0
        for k, t in got:
            if i < len(want) and want[i] == (k, t):
                i += 1
                continue
            other = want[i][1] if i < len(want) else ""
            at = next((j for j, (x, y) in enumerate(zip(t, other)) if x != y),
                      min(len(t), len(other)))
            return ("element %d (%s) reads ...%r in the archive copy, ...%r in the PDF"
                    % (i, k, t[max(0, at - 30):at + 30],
                       other[max(0, at - 30):at + 30]))
        if i != len(want):
            return "the PDF's tree goes on: %r" % (want[i],)
        if not got:
            return "no text in the tree"
        return None


def main():
    tally = Tally()
    check = tally.check

    meetings = (sorted((REPO / "inputs" / "meetings").glob("*.yaml")) +
                sorted((REPO / "tests" / "archive").glob("*.yaml")))
    with tempfile.TemporaryDirectory(prefix="dossier-archive-") as tmp:
        for f in meetings:
            out = Path(tmp) / f.stem
            out.mkdir()
            rc, so, se = run([DOSSIER, "render", str(f), "-o", str(out), "--archive"])
            pdfs = sorted(out.glob("*.archief.pdf"))
            if rc != 0 or len(pdfs) != 1:
                check("render %s --archive" % f.name, "exit %d: %s" % (rc, se[:300]))
                continue
            arch = pdfs[0]
            pdf = arch.with_name(arch.name.replace(".archief.pdf", ".pdf"))
            check("render %s --archive" % f.name, None)
            check("same words, same places: %s" % arch.name, same_words(pdf, arch))
            check("qpdf --check %s" % arch.name, qpdf_check(arch))
            check("fonts embedded %s" % arch.name, embedded(arch))
            try:
                bad = pdfa_problems(arch)
            except (RuntimeError, KeyError, ValueError) as e:
                bad = [repr(e)]
            check("PDF/A-1a essentials %s" % arch.name, "; ".join(bad))
            check("tagged as the PDF is: %s" % arch.name,
                  "; ".join(tagging_problems(pdf, arch)))
            bad, ops = unmarked_problems(arch)
            check("%d painting operators in an element or an artifact: %s"
                  % (ops, arch.name), "; ".join(bad))
            bad, fonts = cidset_problems(arch)
            check("/CIDSet of %d CID fonts: %s" % (fonts, arch.name),
                  "; ".join(bad) or (None if fonts else "no CID font"))
            check("same text along the tree as the PDF: %s" % arch.name,
                  tree_text_problem(pdf, arch))
            again = Path(tmp) / (f.stem + "-again")
            again.mkdir()
            run([DOSSIER, "render", str(f), "-o", str(again), "--archive"])
            second = again / arch.name
            check("same bytes twice %s" % arch.name,
                  None if second.is_file() and second.read_bytes() == arch.read_bytes()
                  else "two renders differ")
            print("      sizes: %s %d bytes, %s %d bytes" % (
                pdf.name, pdf.stat().st_size, arch.name, arch.stat().st_size))
    return tally.end()


if __name__ == "__main__":
    sys.exit(main())
