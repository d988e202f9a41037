#!/usr/bin/env python3
"""End-to-end checks of the archive copy (PDF/A-1b, libharu writer).

    python3 tests/archive.py

For every inputs/meetings/*.yaml: `dossier render FILE -o DIR --archive`
writes DIR/<id>.pdf and DIR/<id>.archief.pdf, and on the real files:
- the text of both (pdftotext) is the same, word for word, and every
  word stands within 0.5 pt of the same place (pdftotext -bbox);
- qpdf --check is clean and pdffonts says every font is embedded;
- the PDF/A essentials, read from qpdf's JSON view: version 1.4, XMP with
  pdfaid:part 1 and pdfaid:conformance B, not compressed; one OutputIntent
  of subtype GTS_PDFA1 whose keys are those the standard allows, with an
  embedded ICC profile (N 3); every font embedded (FontFile2); no
  transparency (no /SMask, /Group, /CA or /ca below 1); no encryption; an
  /ID of two equal 16-byte strings;
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
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOSSIER = os.environ.get("DOSSIER", str(REPO / "build" / "dossier"))

OUTPUT_INTENT_KEYS = {"/Type", "/S", "/OutputCondition", "/OutputConditionIdentifier",
                      "/RegistryName", "/Info", "/DestOutputProfile"}


def run(cmd):
    r = subprocess.run(cmd, capture_output=True)
    return r.returncode, r.stdout.decode("utf-8", "replace"), r.stderr.decode("utf-8", "replace")


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


def pdfa_problems(pdf):
    """Every way the file misses a PDF/A-1b essential (empty: none)."""
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
        if "<pdfaid:conformance>B</pdfaid:conformance>" not in xmp:
            bad.append("XMP without pdfaid:conformance B")
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


def main():
    passed = failed = 0

    def check(what, why):
        nonlocal passed, failed
        if why:
            failed += 1
            print("FAIL  %s\n      %s" % (what, why))
        else:
            passed += 1
            print("ok    " + what)

    meetings = sorted((REPO / "inputs" / "meetings").glob("*.yaml"))
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
            check("PDF/A-1b essentials %s" % arch.name, "; ".join(bad))
            again = Path(tmp) / (f.stem + "-again")
            again.mkdir()
            run([DOSSIER, "render", str(f), "-o", str(again), "--archive"])
            second = again / arch.name
            check("same bytes twice %s" % arch.name,
                  None if second.is_file() and second.read_bytes() == arch.read_bytes()
                  else "two renders differ")
            print("      sizes: %s %d bytes, %s %d bytes" % (
                pdf.name, pdf.stat().st_size, arch.name, arch.stat().st_size))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
