#!/usr/bin/env python3
"""Links in rich text: which addresses become links, and exactly how.

    python3 tests/links.py

A table of links as a policy officer may write them in Markdown, each
with its exact outcome:
- accepted (https, http, mailto, any case, any length within the input
  limits): `check` is silent, `render` exits 0, and the /URI of the PDF's
  link is exactly the address, with what may not stand in a URI
  (non-ASCII, "<>\\^`{|}, a stray %) percent-encoded; the PDF passes
  `qpdf --check`;
- refused (other schemes, however written: entities, spaces, case; no
  scheme; no host; spaces and control characters): exit 65 from both
  `check` and `render`, the exact message at the link's line and column,
  nothing written.
Shares the harness of tests/bad.py.
"""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import DOSSIER, REPO, Tally  # noqa: E402  one harness

HEAD = """format: 1
id: links
document: geannoteerde-agenda
meeting:
  name: NAVO Foreign Ministers Meeting
  dates: [2025-12-03]
  place: Brussel
sections:
  - heading: Noord-Atlantische Raad
    text: |
"""
FIRST_LINE = HEAD.count("\n") + 1  # the text's first line
COLUMN = 7                         # where each row, and its link, starts

LONG = "https://www.rijksoverheid.nl/" + "a" * (8000 - 29)
LONG_AUTO = "https://www.nato.int/" + "b" * (8000 - 21)

# Markdown as written → the /URI in the PDF.
ACCEPTED = [
    ("[a](https://www.rijksoverheid.nl/onderwerpen/navo)",
     "https://www.rijksoverheid.nl/onderwerpen/navo"),
    ("[a](http://www.nato.int/)", "http://www.nato.int/"),
    ("[a](mailto:commissie.bz@tweedekamer.nl?subject=FMM)",
     "mailto:commissie.bz@tweedekamer.nl?subject=FMM"),
    ("[a](HTTPS://WWW.NATO.INT/NL)", "HTTPS://WWW.NATO.INT/NL"),
    ("[a](Mailto:Voorzitter@TweedeKamer.nl)",
     "Mailto:Voorzitter@TweedeKamer.nl"),
    ("<https://www.nato.int/cps/en/natohq/topics_52044.htm>",
     "https://www.nato.int/cps/en/natohq/topics_52044.htm"),
    ("<info@minbuza.nl>", "mailto:info@minbuza.nl"),
    ("[a](https://nl.wikipedia.org/wiki/NAVO-top_(2025))",
     "https://nl.wikipedia.org/wiki/NAVO-top_(2025)"),
    ("[a](https://www.example.nl/a\\(b)", "https://www.example.nl/a(b"),
    ("[a](https://www.example.nl/a\\)b)", "https://www.example.nl/a)b"),
    ("[a](<https://www.example.nl/it's>)", "https://www.example.nl/it's"),
    ('[a](https://www.example.nl/?q="navo")',
     "https://www.example.nl/?q=%22navo%22"),
    ("[a](<https://www.example.nl/a\\\\b>)", "https://www.example.nl/a%5Cb"),
    ("[a](https://www.example.nl/c\\d)", "https://www.example.nl/c%5Cd"),
    ("[a](https://nl.wikipedia.org/wiki/Oekraïne)",
     "https://nl.wikipedia.org/wiki/Oekra%C3%AFne"),
    ("[a](https://例え.jp/パス)",
     "https://%E4%BE%8B%E3%81%88.jp/%E3%83%91%E3%82%B9"),
    ("[a](https://www.example.nl/100%)", "https://www.example.nl/100%25"),
    ("[a](https://www.example.nl/%C3%AF)", "https://www.example.nl/%C3%AF"),
    ("[a](https://www.example.nl/{a}|b^c`d)",
     "https://www.example.nl/%7Ba%7D%7Cb%5Ec%60d"),
    ("[a](https://www.example.nl/?a=1&amp;b=2)",
     "https://www.example.nl/?a=1&b=2"),
    ("[a](%s)" % LONG, LONG),
    ("<%s>" % LONG_AUTO, LONG_AUTO),
]

ONLY = "only https://, http:// and mailto: links are allowed"
WHOLE = "write it with https://, http:// or mailto:"


def scheme(url, name):
    return "link '%s' uses the scheme '%s:'; %s" % (url, name, ONLY)


def not_whole(url):
    return "link '%s' is not a whole address: %s" % (url, WHOLE)


# Markdown as written → the message (at the row's line, column 7).
REFUSED = [
    ("[a](javascript:alert(1))", scheme("javascript:alert(1)", "javascript")),
    ("[a](JAVASCRIPT:alert(1))", scheme("JAVASCRIPT:alert(1)", "JAVASCRIPT")),
    ("[a](   javascript:alert(1))", scheme("javascript:alert(1)", "javascript")),
    ("[a](&#106;avascript:alert(1))",
     scheme("javascript:alert(1)", "javascript")),
    ("[a](java&#x73;cript:alert(1))",
     scheme("javascript:alert(1)", "javascript")),
    ("[a](<  javascript:alert(1)>)",
     scheme("javascript:alert(1)", "javascript")),
    ("[a](java&#9;script:alert(1))", not_whole("java script:alert(1)")),
    ("<javascript:alert(1)>", scheme("javascript:alert(1)", "javascript")),
    ("[a][r]", scheme("javascript:alert(2)", "javascript")),
    ("[a](file:///etc/passwd)", scheme("file:///etc/passwd", "file")),
    ("[a](FILE:///C:/Windows/win.ini)",
     scheme("FILE:///C:/Windows/win.ini", "FILE")),
    ("[a](data:text/html;base64,PHNjcmlwdD4=)",
     scheme("data:text/html;base64,PHNjcmlwdD4=", "data")),
    ("[a](vbscript:msgbox(1))", scheme("vbscript:msgbox(1)", "vbscript")),
    ("[a](ftp://ftp.example.nl/)", scheme("ftp://ftp.example.nl/", "ftp")),
    ("[a](tel:+31701234567)", scheme("tel:+31701234567", "tel")),
    ("[a](javascript:%s)" % ("a" * 8000),
     scheme("javascript:" + "a" * 49 + "…", "javascript")),
    ("[a](www.rijksoverheid.nl)", "link 'www.rijksoverheid.nl' has no "
     "scheme: write https://www.rijksoverheid.nl"),
    ("[a](WWW.NATO.INT/nl)",
     "link 'WWW.NATO.INT/nl' has no scheme: write https://WWW.NATO.INT/nl"),
    ("[a](rijksoverheid.nl/navo)", not_whole("rijksoverheid.nl/navo")),
    ("[a](/onderwerpen/navo)", not_whole("/onderwerpen/navo")),
    ("[a](#navo)", not_whole("#navo")),
    ("[a](//www.nato.int/)", not_whole("//www.nato.int/")),
    ("[a]()", "a link needs an address: " + WHOLE),
    ("[a](<https://www.nato.int/a b>)",
     "link 'https://www.nato.int/a b' holds a space; write it as %20"),
    ("[a](https://www.nato.int/a&#9;b)", "link 'https://www.nato.int/a b' "
     "holds a control character (U+0009)"),
    ("[a](https://www.nato.int/a&#1;b)", "link 'https://www.nato.int/a b' "
     "holds a control character (U+0001)"),
    ("[a](https:www.nato.int)",
     "link 'https:www.nato.int' has no host: write https://host/…"),
    ("[a](HTTP:///www.nato.int)",
     "link 'HTTP:///www.nato.int' has no host: write HTTP://host/…"),
    ("[a](mailto:)", "link 'mailto:' has no address"),
]


def meeting(rows, extra=""):
    return HEAD + "".join("      %s\n\n" % md for md in rows) + extra


def run(*args):
    r = subprocess.run([DOSSIER, *args], capture_output=True)
    return r.returncode, r.stderr.decode("utf-8", "replace")


def uris(pdf):
    """The /URI of every link annotation, page by page; a link broken
    over lines (several rectangles) counts once."""
    j = json.loads(subprocess.run(["qpdf", "--json", str(pdf)],
                                  capture_output=True, text=True).stdout)
    objs = j["qpdf"][1]
    val = lambda ref: objs.get("obj:" + ref, {}).get("value")
    out = []
    for page in j["pages"]:
        for ref in (val(page["object"]) or {}).get("/Annots", []):
            a = val(ref) if isinstance(ref, str) else ref
            action = a.get("/A")
            action = val(action) if isinstance(action, str) else action
            u = (action or {}).get("/URI")
            if u is None:
                continue
            u = u[2:] if u.startswith("u:") else \
                bytes.fromhex(u[2:]).decode("latin-1")
            if not out or out[-1] != u:
                out.append(u)
    return out


def test_accepted(t, tmp):
    src = Path(tmp) / "accepted.yaml"
    src.write_text(meeting([md for md, _ in ACCEPTED]), encoding="utf-8")
    out = Path(tmp) / "accepted"
    code, err = run("check", str(src))
    rcode, rerr = run("render", str(src), "-o", str(out))
    pdf = out / "links.pdf"
    got = uris(pdf) if pdf.exists() else []
    want = [u for _, u in ACCEPTED]
    problems = [code and "check: exit %d %s" % (code, err),
                rcode and "render: exit %d %s" % (rcode, rerr)]
    if pdf.exists():
        q = subprocess.run(["qpdf", "--check", str(pdf)], capture_output=True,
                           text=True)
        problems.append(q.returncode and "qpdf --check: %s" % q.stdout[-300:])
    for i, (md, u) in enumerate(ACCEPTED):
        g = got[i] if i < len(got) else None
        if g != u:
            problems.append("%s\n        /URI %r\n        want %r" %
                            (md[:70], g and g[:90], u[:90]))
    problems.append(len(got) != len(want) and
                    "%d links in the PDF, %d written" % (len(got), len(want)))
    t.report("%d links accepted, each /URI exactly the address" %
             len(ACCEPTED), [p for p in problems if p])


def test_refused(t, tmp):
    src = Path(tmp) / "refused.yaml"
    src.write_text(meeting([md for md, _ in REFUSED],
                           "      [r]: javascript:alert(2)\n"),
                   encoding="utf-8")
    want = "".join("%s:%d:%d: %s\n" % (src, FIRST_LINE + 2 * i, COLUMN, msg)
                   for i, (_, msg) in enumerate(REFUSED))
    out = Path(tmp) / "refused"
    problems = []
    for args in (["check", str(src)], ["render", str(src), "-o", str(out)]):
        code, err = run(*args)
        if code != 65:
            problems.append("%s: exit %d, expected 65" % (args[0], code))
        if err != want:
            got, exp = err.splitlines(), want.splitlines()
            diff = [(g, e) for g, e in zip(got, exp) if g != e]
            problems.append("%s: %d lines for %d; first difference:\n"
                            "        got  %s\n        want %s" %
                            ((args[0], len(got), len(exp)) +
                             (diff[0] if diff else ("", ""))))
    if out.exists() and any(out.iterdir()):
        problems.append("render wrote %s" % sorted(os.listdir(out)))
    t.report("%d links refused by check and render, each at its place" %
             len(REFUSED), problems)


def main():
    os.chdir(REPO)
    t = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        test_accepted(t, tmp)
        test_refused(t, tmp)
    return t.end()


if __name__ == "__main__":
    sys.exit(main())
