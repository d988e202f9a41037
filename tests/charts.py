#!/usr/bin/env python3
"""Charts at alliance scale, end to end (issue 16).

- `dossier chart` on a data file (no meeting around it) writes SVG, PNG and
  PDF; the PDF is dated by SOURCE_DATE_EPOCH, else 1970-01-01, and two runs
  give the same bytes.
- tests/charts/allies-test.yaml (32 categories of TEST values, two targets,
  a highlight, sorted descending) is drawn alone and inside a meeting on one
  page: every category is text, in the sorted order, once.
- A data file's unknown chart id and a bad new key give their located
  message and exit 65.

    DOSSIER=build/dossier python3 tests/charts.py
"""

import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

from harness import REPO, DOSSIER, run, Tally

ALLIES = REPO / "tests" / "charts" / "allies-test.yaml"
ALLIES_ID = "bondgenoten-test"
DATA = REPO / "inputs" / "data" / "navo-norm.yaml"
DATA_ID = "navo-norm-per-jaar"


def pdf_text(pdf, *opts):
    rc, out, err = run(["pdftotext", "-enc", "UTF-8"] + list(opts) + [str(pdf), "-"])
    return out if rc == 0 else ""


def pdf_info(pdf):
    rc, out, _ = run(["pdfinfo", "-isodates", str(pdf)])
    return dict(l.split(":", 1) for l in out.splitlines() if ":" in l) if rc == 0 else {}


def png_size(path):
    data = Path(path).read_bytes()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        return None
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def allies_values():
    """{category: value} of the fixture, in the order written."""
    vals = {}
    for m in re.finditer(r"^ {10}(.+): ([0-9.]+)$", ALLIES.read_text(encoding="utf-8"), re.M):
        vals[m.group(1)] = float(m.group(2))
    return vals


def check_data_file(tally, tmp):
    base = [DOSSIER, "chart", DATA, "--id", DATA_ID, "-o"]
    rc, _, se = run(base + [tmp / "d.svg"])
    why = "exit %d: %s" % (rc, se.strip()) if rc else None
    if not why:
        try:
            root = ET.parse(tmp / "d.svg").getroot()
            why = None if root.tag.endswith("svg") else "root is %s" % root.tag
        except ET.ParseError as e:
            why = "not XML: %s" % e
    tally.check("chart on a data file writes an SVG that parses as XML", why)
    rc, _, se = run(base + [tmp / "d.png", "--width", "500"])
    size = png_size(tmp / "d.png") if rc == 0 else None
    tally.check("chart on a data file writes a PNG 500 pixels wide",
                "exit %d: %s" % (rc, se.strip()) if rc else
                None if size and size[0] == 500 else "size %s" % (size,))
    rc, _, se = run(base + [tmp / "d.pdf"])
    text = pdf_text(tmp / "d.pdf") if rc == 0 else ""
    info = pdf_info(tmp / "d.pdf") if rc == 0 else {}
    tally.check("chart on a data file writes a PDF of the chart, dated 1970-01-01 "
                "without SOURCE_DATE_EPOCH",
                "exit %d: %s" % (rc, se.strip()) if rc else
                None if "Afgesproken minimum voor defensie-uitgaven" in text
                and info.get("CreationDate", "").strip().startswith("1970-01-01")
                else "text %r, info %r" % (text[:80], info.get("CreationDate")))
    run(base + [tmp / "e.pdf"])
    tally.check("chart on a data file gives the same bytes twice",
                None if (tmp / "e.pdf").exists() and
                (tmp / "e.pdf").read_bytes() == (tmp / "d.pdf").read_bytes()
                else "two runs differ")
    r = subprocess.run([str(c) for c in base + [tmp / "f.pdf"]], capture_output=True,
                       env={"SOURCE_DATE_EPOCH": "1764000000", "PATH": "/usr/bin:/bin",
                            **{k: v for k, v in __import__("os").environ.items()
                               if k.startswith(("DOSSIER", "ASAN", "LSAN", "UBSAN"))}})
    date = pdf_info(tmp / "f.pdf").get("CreationDate", "").strip() if r.returncode == 0 else ""
    tally.check("chart on a data file takes its date from SOURCE_DATE_EPOCH",
                None if date.startswith("2025-11-24") else
                "exit %d, date %r" % (r.returncode, date))
    rc, _, se = run([DOSSIER, "chart", DATA, "--id", "geen-grafiek", "-o", tmp / "x.svg"])
    want = ("%s: there is no chart with id 'geen-grafiek' in this file or its "
            "data files\n" % DATA)
    tally.check("chart on a data file with an unknown id exits 65 with the file named",
                None if rc == 65 and se == want and not (tmp / "x.svg").exists()
                else "exit %d, stderr %r" % (rc, se))


def check_allies(tally, tmp):
    vals = allies_values()
    tally.check("the fixture has 32 categories of test values", None if len(vals) == 32
                else "%d categories" % len(vals))
    rc, _, se = run([DOSSIER, "chart", ALLIES, "--id", ALLIES_ID, "-o", tmp / "a.pdf"])
    text = pdf_text(tmp / "a.pdf", "-layout") if rc == 0 else ""
    pages = pdf_info(tmp / "a.pdf").get("Pages", "").strip() if rc == 0 else ""
    # Sorted descending: each name's line below the one before.
    want = sorted(vals, key=lambda k: -vals[k])
    lines = text.splitlines()
    where = []
    for name in want:
        at = [i for i, l in enumerate(lines) if re.match(r"\s*%s\s" % re.escape(name), l)]
        where.append(at[0] if len(at) == 1 else None)
    tally.check("32 allies drawn alone: every name once, largest value first",
                "exit %d: %s" % (rc, se.strip()) if rc else
                None if None not in where and where == sorted(where) and pages == "1"
                else "lines %s, pages %r" % (where, pages))
    tally.check("32 allies: both targets' labels and the values are text",
                None if "2%-norm (test)" in text and "3,5%-norm (test)" in text
                and "5,7%" in text and "1,0%" in text else "text: %r" % text[:300])
    meeting = tmp / "allies-meeting.yaml"
    meeting.write_text(
        "# Test data, not real figures.\nformat: 1\nid: allies-test\n"
        "document: verslag\nmeeting:\n  name: Test\n  dates: [2025-12-03]\n"
        "  place: Brussel\nsections:\n  - heading: Kerncijfers\n"
        "    text: Testwaarden, geen echte cijfers.\n"
        "    charts: [%s]\ndata: [allies-test.yaml]\n" % ALLIES_ID, encoding="utf-8")
    (tmp / "allies-test.yaml").write_bytes(ALLIES.read_bytes())
    out = tmp / "out"
    out.mkdir()
    rc, _, se = run([DOSSIER, "render", meeting, "-o", out])
    pdf = out / "allies-test.pdf"
    why = "exit %d: %s" % (rc, se.strip()) if rc else None
    if not why:
        n = int(pdf_info(pdf).get("Pages", "0"))
        # The chart whole on one page: a page that has every name.
        whole = [p for p in range(1, n + 1)
                 if all(name in pdf_text(pdf, "-f", str(p), "-l", str(p)) for name in vals)]
        why = None if whole else "no page holds all 32 names (%d pages)" % n
    tally.check("32 allies in a meeting: the chart whole on one page", why)


def check_bad_keys(tally, tmp):
    cases = [
        ("sort: biggest", 11, "'sort' must be none, ascending or descending; got 'biggest'"),
        ("highlight: [Duitsland]", 17, "each item in 'highlight' must be one of the chart's "
         "categories (Nederland, België); got Duitsland"),
    ]
    for line, col, msg in cases:
        f = tmp / "bad.yaml"
        f.write_text("format: 1\ncharts:\n  - id: t\n    type: hbar\n    title: Test\n"
                     "    unit: percent\n    %s\n    series:\n      - name: Test\n"
                     "        values: {Nederland: 2, België: 1.5}\n" % line,
                     encoding="utf-8")
        rc, _, se = run([DOSSIER, "chart", f, "--id", "t", "-o", tmp / "bad.svg"])
        want = "%s:7:%d: %s\n" % (f, col, msg)
        tally.check("a data file with %r: exit 65, the place and the message" % line,
                    None if rc == 65 and se == want and not (tmp / "bad.svg").exists()
                    else "exit %d, stderr %r, want %r" % (rc, se, want))


def main():
    tally = Tally()
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        check_data_file(tally, tmp)
        check_allies(tally, tmp)
        check_bad_keys(tally, tmp)
    sys.exit(tally.end())


if __name__ == "__main__":
    main()
