#!/usr/bin/env python3
"""What `check` accepts, `render` renders: a property over hostile values.

For every class of character that is not plain text (each C0 and C1
control, the line and paragraph separators, CR LF, and samples of the
format characters, odd spaces, private-use characters and noncharacters)
one meeting file holds it inside every text value a meeting has: title,
author, classification, reference, intro, the meeting's name, short name,
place, venue and participants, every part of the letter, a heading, rich
text (a paragraph, a list item, a table cell, inline code and a code
block), the Dutch position, a subsection, a footnote, and the title,
source, series names, categories and target labels of a chart of every
type. It is checked and rendered as an annotated agenda and as a
briefing pack (which shows the meeting's name and the participants).
Then either both commands accept it, render exits 0 and pdftotext finds
the words on both sides of the character in every value the PDF shows, or
both refuse it with exit 65 and the very same messages, one for each
value that holds the character.

Chart values: a sweep over the edges of a double (±0, denormals, 1e15,
1e16, 1e100, ±1e308 and mixed signs, stacks that add up past the limit)
in charts of every type and unit. A value within ±1e15 (README.md,
"Limits") must render; one past it must be refused by both, at its place.

    python3 tests/agree.py
    DOSSIER=path python3 tests/agree.py   another build (sanitizers)
"""

import json
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bad import DOSSIER, HANG_S, REPO, Tally  # noqa: E402  one harness

CHART_TYPES = ("bar", "stacked-bar", "hbar", "line")
# Words the PDF of each kind shows, around the character in each value.
SHOWN = {
    "geannoteerde-agenda": (
        "Titel Auteur Rubricering Kenmerk Inleiding Plaats Locatie "
        "Geadresseerde Aanhef Brief Slot Ondertekenaar Kop Tekst Lijst Cel "
        "Celtwee Code Blok Inzet Subkop Noottekst").split(),
    "briefing-pack": "Vergader Deelnemer Plaats Locatie Rubricering".split(),
}
SHOWN_CHARTS = ("Grafiektitel", "Bron", "Reeks", "Tweede", "Categorie",
                "Doel")


def q(s):
    """A YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(s, ensure_ascii=True)


def text_meeting(c, kind):
    """A meeting with c in every text value; (yaml, values holding c)."""
    n = [0]

    def v(word):
        n[0] += 1
        return q(word + "woorda" + c + "b" + word + "woord")
    doc_id = "fmm-2025-12" if kind == "geannoteerde-agenda" else "pack-x"
    md = ("Tekstwoorda{c}bTekstwoord\n\n- Lijstwoorda{c}bLijstwoord\n\n"
          "| Celwoorda{c}bCelwoord | x |\n|---|---|\n"
          "| Celtweewoorda{c}bCeltweewoord | y |\n\n"
          "`Codewoorda{c}bCodewoord`\n\n    Blokwoorda{c}bBlokwoord\n"
          ).replace("{c}", c)
    n[0] += 1
    y = """format: 1
id: {doc_id}
document: {kind}
title: {title}
author: {author}
classification: {classification}
reference: {reference}
intro: {intro}
meeting:
  name: {name}
  short: {short}
  dates: [2025-12-03]
  place: {place}
  venue: {venue}
  participants: [{participant}]
letter:
  to: {to}
  salutation: {salutation}
  body: {body}
  closing: {closing}
  signatory: {signatory}
sections:
  - heading: {heading}
    text: {md}
    position: {position}
    charts: [{charts}]
    sections:
      - heading: {subheading}
        text: "Zie[^n]."
notes:
  n: {note}
charts:
""".format(doc_id=doc_id, kind=kind, title=v("Titel"), author=v("Auteur"),
           classification=v("Rubricering"), reference=v("Kenmerk"),
           intro=v("Inleiding"), name=v("Vergader"), short=v("Kort"),
           place=v("Plaats"), venue=v("Locatie"),
           participant=v("Deelnemer"), to=v("Geadresseerde"),
           salutation=v("Aanhef"), body=v("Brief"), closing=v("Slot"),
           signatory=v("Ondertekenaar"), heading=v("Kop"), md=q(md),
           position=v("Inzet"), charts=", ".join(CHART_TYPES),
           subheading=v("Subkop"), note=v("Noottekst"))
    for t in CHART_TYPES:
        y += """  - id: {t}
    type: {t}
    title: {title}
    unit: eur
    source: {source}
    series:
      - name: {series}
        values: {{{cat}: 5, 2025: 7}}
      - name: {second}
        values: {{2025: 2}}
    targets:
      - label: {target}
        value: 6
""".format(t=t, title=v("Grafiektitel"), source=v("Bron"),
           series=v("Reeks"), cat=v("Categorie"), second=v("Tweede"),
           target=v("Doel"))
    # The rich text's paragraph, list item, cells and code each hold c.
    return y, n[0]


def run(args):
    try:
        r = subprocess.run([DOSSIER] + args, capture_output=True, text=True,
                           timeout=HANG_S, errors="replace")
        return r.returncode, r.stderr
    except subprocess.TimeoutExpired:
        return None, "(killed after %gs)" % HANG_S


def pdf_words(pdf):
    """The PDF's text without spaces, line breaks and hyphens, so that a
    word broken over two lines is still found."""
    r = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True,
                       text=True)
    return re.sub(r"[\s\-\u00ad\u2010]", "", r.stdout)


def agree(path, out, pdf_name, shown, refused_count=None):
    """check and render of one file agree; a list of problems."""
    problems = []
    c_code, c_err = run(["check", str(path)])
    r_code, r_err = run(["render", "-q", "-j1", str(path), "-o", str(out)])
    if c_code not in (0, 65):
        problems.append("check exit %s: %s" % (c_code, c_err[-300:]))
    if r_code != c_code:
        problems.append("check exit %s but render exit %s: %s"
                        % (c_code, r_code, r_err[-300:]))
    elif c_code == 65:
        if r_err != c_err:
            problems.append("messages differ:\ncheck:\n%srender:\n%s"
                            % (c_err, r_err))
        lines = c_err.splitlines()
        if not all(re.match(r"^%s:\d+:\d+: " % re.escape(str(path)), m)
                   for m in lines):
            problems.append("a message without its place:\n" + c_err)
        if refused_count is not None and len(lines) != refused_count:
            problems.append("%d messages for %d values:\n%s"
                            % (len(lines), refused_count, c_err))
    elif c_code == 0:
        words = pdf_words(Path(out) / pdf_name)
        missing = [w for w in shown if w not in words]
        if missing:
            problems.append("not in the PDF: %s" % ", ".join(missing))
    return c_code, problems


def code_points():
    cps = list(range(0x00, 0x20)) + list(range(0x7F, 0xA0))
    cps += [0x2028, 0x2029]
    cps += [0x00AD, 0x061C, 0x200B, 0x200D, 0x200E, 0x202A, 0x2060, 0x2066,
            0xFEFF, 0x1D173, 0xE0001]                  # format (Cf)
    cps += [0x00A0, 0x2007, 0x202F, 0x3000]            # spaces (Zs)
    cps += [0xE000, 0xF8FF, 0xF0000, 0x10FFFD]         # private use
    cps += [0xFDD0, 0xFFFE, 0xFFFF, 0x1FFFF, 0x10FFFF]  # noncharacters
    return [chr(c) for c in cps] + ["\r\n"]


def text_cases(tally, tmp):
    out = Path(tmp) / "out"
    for c in code_points():
        name = " ".join("U+%04X" % ord(x) for x in c)
        for kind in SHOWN:
            y, n_values = text_meeting(c, kind)
            f = Path(tmp) / ("text-%s.yaml" % kind)
            f.write_text(y, encoding="utf-8")
            shown = [w + "woorda" for w in SHOWN[kind]] + \
                    ["b" + w + "woord" for w in SHOWN[kind]]
            if kind == "geannoteerde-agenda":
                shown += ["%swoorda" % w for w in SHOWN_CHARTS]
            pdf = "fmm-2025-12.pdf" if kind != "briefing-pack" else "pack-x.pdf"
            code, problems = agree(f, out, pdf, shown,
                                   min(n_values, 101))
            tally.report("%s in every value of a %s: %s" % (
                name, kind, {0: "rendered", 65: "refused"}.get(code, code)),
                problems)


EDGES = ["0", "-0.0", "5e-324", "-5e-324", "2.2250738585072014e-308",
         "1e-300", "0.05", "1e15", "-1e15", "999999999999999.9", "1e16",
         "1.000000000000001e15", "1e100", "-1e100", "1e308", "-1e308",
         "1.7976931348623157e308"]
SETS = [[e] for e in EDGES] + [
    ["1e308", "-1e308"], ["1e100", "1"], ["1e15", "-1e15"],
    ["5e-324", "1e15"], ["-1e-100", "1e15"], ["2.5e14"] * 4,
    ["6e14", "6e14"], ["-6e14", "-6e14"], ["1e15", "1e-300"]]


def in_range(values, stacked):
    """Whether the data is within the documented limits."""
    vs = [float(v) for v in values]
    if any(abs(v) > 1e15 for v in vs):
        return False
    if stacked:
        # The same values in 2024 and 2025, one series each.
        if sum(v for v in vs if v > 0) > 1e15 or \
           sum(v for v in vs if v < 0) < -1e15:
            return False
    return True


def chart_cases(tally, tmp):
    out = Path(tmp) / "out"
    for values in SETS:
        charts, refs = "", []
        for t in CHART_TYPES:
            for unit in ("eur", "percent", "count"):
                cid = "%s-%s" % (t, unit)
                refs.append(cid)
                series = "".join(
                    "      - name: Reeks %d\n        values: {2024: %s, "
                    "2025: %s}\n" % (i, v, v) for i, v in enumerate(values))
                charts += ("  - id: %s\n    type: %s\n    title: Titel\n"
                           "    unit: %s\n    series:\n%s" % (cid, t, unit,
                                                             series))
        y = ("format: 1\nid: fmm-2025-12\ndocument: geannoteerde-agenda\n"
             "meeting: {name: M, dates: [2025-12-03], place: Brussel}\n"
             "sections:\n  - heading: Kop\n    charts: [%s]\ncharts:\n%s"
             % (", ".join(refs), charts))
        f = Path(tmp) / "chart-values.yaml"
        f.write_text(y, encoding="utf-8")
        code, problems = agree(f, out, "fmm-2025-12.pdf", [])
        plain = in_range(values, False)
        stacked = in_range(values, True)
        want = 0 if plain and stacked else 65
        if code != want:
            problems.append("expected exit %d for values within the "
                            "limits: %s, stacks: %s" % (want, plain, stacked))
        tally.report("chart values %s in every chart type and unit: exit %s"
                     % (", ".join(values), code), problems)


def main():
    os.chdir(REPO)
    tally = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        text_cases(tally, tmp)
        chart_cases(tally, tmp)
    return tally.end()


if __name__ == "__main__":
    sys.exit(main())
