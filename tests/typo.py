#!/usr/bin/env python3
"""Typography checks on real PDFs (standard library, poppler-utils, qpdf).

    python3 tests/typo.py

Renders every inputs/meetings/*.yaml and checks, on the PDF:
  - no three lines in a row end in a hyphen (pdftotext -layout);
  - no full line of a justified paragraph has word spaces wider than
    1.6 x normal (1 + space_stretch: the issue's goal, which the breaker
    keeps with a hair of letter spacing where it must; a normal space is
    measured on the same PDF's ragged last lines);
  - no page ends on a hyphenated line unless it cannot be avoided (only
    counted, since pagination may have no choice);
  - a compound's own hyphen at a line end survives in pdftotext (which
    drops a line-final U+002D as a hyphenation hyphen).
Renders a document of Dutch text rules and checks its PDF text: the names
of the 32 NATO foreign ministers in their own spelling come back
unchanged; apostrophes and quotes are curly; amounts, dates, "nr. 499"
and initials are never split over two lines (in a narrow column, where
they would be); meeting dates across a year end are written in Dutch; a
character no font has is an error naming it. Then renders a paragraph of
trema words in a narrow column (a layout
derived from kamerbrief with a wide right margin) and checks the trema
rule (Taalunie, Leidraad §18): after a break before a trema the letter is
shown without it (a glyph whose ActualText is the letter with the trema),
every such line is counted, and pdftotext still gives every word whole.
Renders a pack and an agenda of a meeting in "ijmuiden" (or, as writers
often type it, "Ijmuiden") whose names start with an ij word or say
"informele" already: what dossier writes itself (the cover's title, the
meeting line, a title written from kind and meeting) begins with IJ, never
Ij, and says "informele" once.
Last, reads `typo-report` (built beside dossier) for the figures on the
very glyphs that go into the PDFs: issue 15's targets (at the measure at
most 8 hyphenated lines in 100, no break inside a compound's part where
its boundary could serve, none in a date or a word under 6 letters,
spaces from 0.8 x to 1.5 x; in a 60 mm column none over 2.5 x and no
one-word line left short), no run of three hyphens, no page holding only
a chart or left under two thirds full, and fewer hyphenated lines than
pango's greedy breaking.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402  one harness
from harness import REPO, Tally  # noqa: E402

DOSSIER = Path(harness.DOSSIER)

SHY = "\u00ad"
HYPHEN_END = re.compile(r"[\u00ad\u2010-]$")
TREMA = "äëïöüÄËÏÖÜ"

TREMA_TEXT = (
    "De ministers beëindigen de coördinatie van de ruïneuze operatie in "
    "Oekraïne. Zij zullen hun ideeën over de coëxistentie van de "
    "NAVO-bondgenoten en de Oekraïense regering, de geïntegreerde "
    "coördinatiestructuur en de reïntegratie van veteranen na de "
    "beëindiging van de oorlog in Oekraïne toelichten; de knieën van de "
    "coöperatie, de naïeve coalitie en de ruïnes van Oekraïne blijven "
    "onderwerp van gesprek, zoals de Oekraïense minister benadrukte."
)


# Test data: foreign ministers of the 32 NATO members (2025), in their own
# spelling and script, and words with the letters the issue names.
MINISTERS = [
    "Elisa Spiropali", "Maxime Prévot", "Георг Георгиев", "Anita Anand",
    "Gordan Grlić Radman", "Jan Lipavský", "Lars Løkke Rasmussen",
    "Margus Tsahkna", "Elina Valtonen", "Jean-Noël Barrot",
    "Johann Wadephul", "Γιώργος Γεραπετρίτης", "Szijjártó Péter",
    "Þorgerður Katrín Gunnarsdóttir", "Antonio Tajani", "Baiba Braže",
    "Kęstutis Budrys", "Xavier Bettel", "Ervin Ibrahimović",
    "David van Weel", "Тимчо Муцунски", "Espen Barth Eide",
    "Radosław Sikorski", "Paulo Rangel", "Oana Țoiu", "Juraj Blanár",
    "Tanja Fajon", "José Manuel Albares", "Maria Malmer Stenergard",
    "Hakan Fidan", "Yvette Cooper", "Marco Rubio",
]
LETTERS = ["Dışişleri Bakanlığı", "Szőllősi", "Ārlietu ministrija",
           "Vilniaus gatvė", "Dvořák", "Þingvellir", "ș și ț"]
# Straight quotes in the data and what the PDF must show.
APOSTROPHES = [("'s-Gravenhage", "’s-Gravenhage"), ("'t Hooft", "’t Hooft"),
               ("'s ochtends", "’s ochtends"), ("auto's", "auto’s"),
               ("NAVO's", "NAVO’s"), ('"steun"', "“steun”"),
               ("'steun'", "‘steun’")]
# Pairs a line must never come between.
UNBROKEN = ["EUR 500 mln.", "€ 2,5 miljard", "3 december 2025", "nr. 499",
            "artikel 100", "C.C.J. Veldkamp", "5 %",
            # issue 15: a date is one unit, and so is an abbreviation
            # of capitalised parts ("(EU / HV)", "3 en / 4 december")
            "3 en 4 december", "24–25 juni", "EU HV"]
# Words the issue found broken, never to be hyphenated at a line end:
# months, names, short words, a capitalised compound's parts.
WHOLE = ["november", "december", "Brussel", "Nederland", "Ankara",
         "Paternotte", "worden", "werden", "tussen", "circa", "onder",
         "landen", "Zaken", "VN-Veiligheidsraad"]


def run(cmd, env=None):
    p = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    return p.returncode, p.stdout, p.stderr


def layout_number(key, path=REPO / "layouts" / "kamerbrief.yaml"):
    m = re.search(r"^%s:\s*([0-9.]+)" % key, path.read_text(encoding="utf-8"), re.M)
    return float(m.group(1))


def render(meeting, out, env=None):
    rc, so, se = run([str(DOSSIER), "render", str(meeting), "-o", str(out)], env)
    if rc:
        raise RuntimeError("dossier exit %d: %s" % (rc, se.strip()[:300]))
    mid = re.search(r"^id:\s*(\S+)", Path(meeting).read_text(encoding="utf-8"), re.M).group(1)
    return Path(out) / (mid + ".pdf")


def hyphen_runs(pdf):
    """The longest run of consecutive lines ending in a hyphen."""
    rc, text, _ = run(["pdftotext", "-layout", str(pdf), "-"])
    longest = run_ = 0
    for line in text.split("\n"):
        run_ = run_ + 1 if HYPHEN_END.search(line.rstrip()) else 0
        longest = max(longest, run_)
    return longest


def bbox_lines(pdf):
    """Per page, lines as lists of (xMin, xMax, word) from -bbox-layout."""
    rc, xml, _ = run(["pdftotext", "-bbox-layout", str(pdf), "-"])
    pages = []
    for page in re.findall(r"<page .*?</page>", xml, re.S):
        lines = []
        for line in re.findall(r"<line .*?</line>", page, re.S):
            words = [(float(a), float(b), w) for a, b, w in re.findall(
                r'<word xMin="([0-9.]+)" yMin="[0-9.]+" xMax="([0-9.]+)" yMax="[0-9.]+">([^<]*)</word>',
                line)]
            if words:
                lines.append(words)
        pages.append(lines)
    return pages


def right_hang(word, hang):
    """How far the last character of a line's last word hangs into the
    right margin (the layout's protrusion; a soft hyphen shows '-')."""
    last = word[-1:]
    return hang.get("-" if last == SHY else last, 0)


def layout_hang(path=REPO / "layouts" / "kamerbrief.yaml"):
    """Per character, in points at the body's size: how far it hangs into
    the right margin at the end of a justified line."""
    import yaml
    layout = yaml.safe_load(path.read_text(encoding="utf-8"))
    em = layout["styles"]["body"]["size_pt"] / 1000
    return {c: lr[1] * em for c, lr in (layout.get("protrusion") or {}).items()}


def space_figures(pdf, right_edge, hang=None):
    """(normal space, widest space) in points: the normal one is the median
    gap on lines that stop short of the right edge (ragged last lines),
    the widest one over full lines (justified: at the edge, but for what
    their last character hangs into the margin)."""
    ragged, full = [], []
    for page in bbox_lines(pdf):
        for words in page:
            gaps = [b[0] - a[1] for a, b in zip(words, words[1:])]
            if not gaps or words[0][0] < 77 or words[0][0] > 100:
                continue  # (a line may start 2 pt left: protrusion)
            edge = right_edge + right_hang(words[-1][2], hang or {})
            if abs(words[-1][1] - edge) < 0.5:
                full.append(max(gaps))
            elif words[-1][1] < right_edge - 40:
                ragged.extend(g for g in gaps if g < 6)
    ragged.sort()
    return (ragged[len(ragged) // 2] if ragged else 0), (max(full) if full else 0)


def page_end_hyphens(pdf):
    n = 0
    for page in bbox_lines(pdf):
        body = [l for l in page if not re.match(r"Pagina \d+ van \d+", " ".join(w for _, _, w in l))]
        if body and HYPHEN_END.search(body[-1][-1][2]):
            n += 1
    return n


def compounds_glued(meeting, pdf):
    """Compounds of the data (NAVO-top) that pdftotext gives without their
    hyphen (NAVOtop), though the data never writes them so."""
    src = meeting.read_text(encoding="utf-8")
    rc, text, _ = run(["pdftotext", str(pdf), "-"])
    text = re.sub(SHY + r"\n", "", text)
    glued = []
    for a, b in set(re.findall(r"(\w+)-(\w+)", src)):
        if not a[-1].isalpha() or not b[0].isalpha():
            continue
        if a + b in text and a + b not in src:
            glued.append(a + "-" + b)
    return sorted(glued)


# pdftotext's word boxes come from glyph positions that the PDF rounds to
# 1/1000 em (0.0095 pt at 9.5 pt): a gap of 1.6 x normal measures up to
# some 0.02 pt, 0.008 x, wider. A line at the emergency tolerance's
# 1.62 x to 1.69 x still fails.
SPACE_MEASURE_SLACK = 0.012
# The weighed breaks may trade spacing for fewer hyphens only this much
# against today's breaker (one penalty for every hyphen), in x normal.
SPACING_SLACK = 0.02


def check_meetings(tally, tmp):
    # The widest a space may be: all of its stretch (badness 100).
    stretch = layout_number("space_stretch")
    right = layout_number("page_width_pt") - layout_number("margin_right_pt")
    hang = layout_hang()
    for f in sorted((REPO / "inputs" / "meetings").glob("*.yaml")):
        try:
            pdf = render(f, tmp)
        except RuntimeError as e:
            tally.check("render %s" % f.name, str(e))
            continue
        n = hyphen_runs(pdf)
        tally.check("%s: no three hyphenated lines in a row (longest run %d)"
                    % (pdf.name, n), None if n <= 2 else "a run of %d" % n)
        normal, widest = space_figures(pdf, right, hang)
        ratio = widest / normal if normal else 0
        tally.check("%s: widest justified space %.3f x normal (limit %.2f, "
                    "+%.3f for rounded positions)"
                    % (pdf.name, ratio, 1 + stretch, SPACE_MEASURE_SLACK),
                    None if normal and ratio <= 1 + stretch + SPACE_MEASURE_SLACK else
                    "normal %.2f pt, widest %.2f pt" % (normal, widest))
        print("      %s: pages ending in a hyphen: %d" % (pdf.name, page_end_hyphens(pdf)))
        rc, plain, _ = run(["pdftotext", str(pdf), "-"])
        ligs = sorted(set(re.findall("[\ufb00-\ufb06]", plain)))
        tally.check("%s: no ligature code points in pdftotext (fi, fl come back as letters)"
                    % pdf.name, None if not ligs else "found: %s" % " ".join(ligs))
        glued = compounds_glued(f, pdf)
        tally.check("%s: a compound's own hyphen survives a line end in pdftotext" % pdf.name,
                    None if not glued else "glued: %s" % ", ".join(glued))


def check_writers_agree(tally, tmp):
    """Both writers draw every word where the display list puts it: with
    font expansion cairo scales a line's runs and libharu sets Tz, with
    protrusion a line starts left of the column; pdftotext finds the same
    words at the same places (to 0.2 pt) in the PDF and its archive copy,
    and full lines end at the edge or hang their last character out by
    the layout's amount."""
    hang = layout_hang()
    right = layout_number("page_width_pt") - layout_number("margin_right_pt")
    out = Path(tmp) / "writers"
    for f in sorted((REPO / "inputs" / "meetings").glob("*.yaml")):
        rc, _, se = run([str(DOSSIER), "render", str(f), "-o", str(out), "--archive"])
        if rc:
            tally.check("render %s with its archive copy" % f.name, se.strip()[:300])
            continue
        mid = re.search(r"^id:\s*(\S+)", f.read_text(encoding="utf-8"), re.M).group(1)
        cairo = bbox_lines(out / (mid + ".pdf"))
        haru = bbox_lines(out / (mid + ".archief.pdf"))
        words = [w for page in cairo for line in page for w in line]
        archive = [w for page in haru for line in page for w in line]
        apart = [(a, b) for a, b in zip(words, archive)
                 if a[2] != b[2] or abs(a[0] - b[0]) > 0.2 or abs(a[1] - b[1]) > 0.2]
        tally.check("%s: the archive copy's %d words are the PDF's, placed alike"
                    % (mid, len(archive)),
                    None if len(words) == len(archive) and not apart else
                    "%d against %d words; first apart: %r" % (
                        len(words), len(archive), apart[:1]))
        over = [" ".join(w for _, _, w in line) for page in cairo for line in page
                if line[0][0] < layout_number("sender_x_pt")
                and line[-1][1] > right + right_hang(line[-1][2], hang) + 0.3]
        tally.check("%s: no line passes the right edge by more than its last "
                    "character's protrusion" % mid,
                    None if not over else "over: %s" % over[:2])


def narrow_home(tmp):
    """A DOSSIER_HOME with the real fonts and layouts and a narrow one."""
    home = Path(tmp) / "home"
    if home.is_dir():
        return home
    (home / "layouts").mkdir(parents=True)
    os.symlink(REPO / "fonts", home / "fonts")
    for f in (REPO / "layouts").iterdir():
        shutil.copy(f, home / "layouts" / f.name)
    k = (REPO / "layouts" / "kamerbrief.yaml").read_text(encoding="utf-8")
    k = re.sub(r"^margin_right_pt:.*$", "margin_right_pt: 365", k, flags=re.M)
    (home / "layouts" / "narrow.yaml").write_text(k, encoding="utf-8")
    return home


def without_microtype(layout):
    """The layout's text without font expansion, protrusion and letter
    spacing in the first pass, with the spaces of 0.6 stretch and 0.33
    shrink: the breaking the trema paragraph was written for, which breaks
    it before tremas (with them it breaks it where it needs no hyphen)."""
    for key, value in (("space_stretch", "0.6"), ("space_shrink", "0.33"),
                       ("expansion_stretch", "0"), ("expansion_shrink", "0"),
                       ("letter_space_demerits", "0")):
        layout = re.sub(r"^%s:.*$" % key, "%s: %s" % (key, value), layout,
                        flags=re.M)
    return re.sub(r"^protrusion:\n(  .*\n)*", "", layout, flags=re.M)


def check_trema(tally, tmp):
    home = narrow_home(tmp)
    plain = home / "layouts" / "narrow-plain.yaml"
    plain.write_text(without_microtype(
        (home / "layouts" / "narrow.yaml").read_text(encoding="utf-8")),
        encoding="utf-8")
    meeting = Path(tmp) / "trema.yaml"
    meeting.write_text(
        "format: 1\nid: trema\ndocument: geannoteerde-agenda\n"
        "layout: narrow-plain\n"
        "meeting:\n  name: NAVO Foreign Ministers Meeting\n"
        "  dates: [2025-12-03]\n  place: Brussel\n"
        "sections:\n  - heading: Trema\n    text: |\n      %s\n" % TREMA_TEXT,
        encoding="utf-8")
    env = dict(os.environ, DOSSIER_HOME=str(home))
    try:
        pdf = render(meeting, tmp, env)
    except RuntimeError as e:
        tally.check("render the trema paragraph", str(e))
        return
    rc, text, _ = run(["pdftotext", str(pdf), "-"])
    lines = text.split("\n")
    broken = [l for p, l in zip(lines, lines[1:])
              if p.endswith(SHY) and l[:1] in TREMA]
    qdf = Path(tmp) / "trema-qdf.pdf"
    run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(qdf)])
    raw = qdf.read_bytes()
    shown_plain = sum(len(re.findall(rb"/ActualText <feff00%02x>" % ord(c), raw))
                      for c in TREMA)
    tally.check("trema rule: %d lines start after a break before a trema" % len(broken),
                None if len(broken) >= 1 else "expected at least 1: %r" % broken)
    tally.check("trema rule: each of them shows the letter without its trema "
                "(%d such glyphs)" % shown_plain,
                None if shown_plain == len(broken) else
                "%d glyphs for %d lines" % (shown_plain, len(broken)))
    joined = re.sub(SHY + r"\n", "", text)
    joined = re.sub(r"\s+", " ", joined)
    missing = [w for w in re.findall(r"\w+", TREMA_TEXT) if w not in joined]
    tally.check("trema rule: pdftotext gives every word whole, tremas kept",
                None if not missing else "missing: %s" % ", ".join(missing))


def meeting_yaml(mid, layout, dates, text):
    body = "\n".join("      " + l for l in text.split("\n"))
    return ("format: 1\nid: %s\ndocument: geannoteerde-agenda\nlayout: %s\n"
            "meeting:\n  name: NAVO Foreign Ministers Meeting\n"
            "  dates: [%s]\n  place: Brussel\n"
            "sections:\n  - heading: Tekst\n    text: |\n%s\n" % (mid, layout, dates, body))


def check_dutch_text(tally, tmp):
    home = narrow_home(tmp)
    env = dict(os.environ, DOSSIER_HOME=str(home))
    names = "\n".join("- " + n for n in MINISTERS + LETTERS)
    quotes = " ".join(q for q, _ in APOSTROPHES)
    # Each phrase many times over, so that some fall at a line end.
    filler = " ".join("Zij noemden %s en meer." % u for u in UNBROKEN * 6)
    # openings of other lengths, so that the words fall at line ends
    lead = ["Dus", "Toen spraken de ministers over", "Men noemde",
            "Volgens de bondgenoten gaat het om", "Het is", "Ook",
            "Daarna kwam"]
    filler += " " + " ".join("%s %s en meer." % (lead[i % len(lead)], w)
                             for i, w in enumerate(WHOLE * 6))
    meeting = Path(tmp) / "nl.yaml"
    meeting.write_text(meeting_yaml("nl", "narrow", "2025-12-31, 2026-01-01",
                                    "%s\n\nWij lezen %s.\n\n%s" % (names, quotes, filler)),
                       encoding="utf-8")
    try:
        pdf = render(meeting, tmp, env)
    except RuntimeError as e:
        tally.check("render the Dutch text rules", str(e))
        return
    rc, text, _ = run(["pdftotext", str(pdf), "-"])
    flat = re.sub(r"\s+", " ", re.sub(SHY + r"\n", "", text).replace("\u00a0", " "))
    missing = [n for n in MINISTERS + LETTERS if n not in flat]
    tally.check("the names of the 32 NATO foreign ministers come back unchanged",
                None if not missing else "missing: %s" % ", ".join(missing))
    wrong = [want for _, want in APOSTROPHES if want not in flat]
    tally.check("apostrophes and quotes are curly (’s-Gravenhage, auto’s, “steun”)",
                None if not wrong else "not found: %s" % ", ".join(wrong))
    lines = [l.replace("\u00a0", " ").strip() for l in text.split("\n")]
    split = []
    for u in UNBROKEN:
        words = u.split(" ")
        for k in range(1, len(words)):
            head, tail = " ".join(words[:k]), " ".join(words[k:])
            split += ["%s | %s" % (a, b) for a, b in zip(lines, lines[1:])
                      if a.endswith(head) and b.startswith(tail)]
    n = sum(flat.count(u) for u in UNBROKEN)
    tally.check("amounts, dates, nr., artikel, initials never split (%d phrases)" % n,
                None if not split and n == 6 * len(UNBROKEN) else
                "split: %s; found %d: %s" % ("; ".join(split), n, ", ".join(
                    "%s %d" % (u, flat.count(u)) for u in UNBROKEN)))
    def ends_in(line, head):
        # head ends the line with a hyphen added, or is its own (VN-)
        end = re.escape(head) + ("$" if head.endswith("-") else "[\u00ad-]$")
        return re.search(r"(^|\W)" + end, line)
    broken = sorted({"%s | %s" % (a, b) for a, b in zip(lines, lines[1:])
                     for w in WHOLE
                     for k in range(1, len(w))
                     if ends_in(a, w[:k]) and b.startswith(w[k:])})
    # each at a line's start or end: where a break in it was tempting
    at_ends = sum(1 for a in lines for w in WHOLE
                  if re.search(r"(^|\W)%s\W?$" % re.escape(w), a)
                  or a.startswith(w))
    n = sum(flat.count(w) for w in WHOLE)
    tally.check("months, names, short words and VN-Veiligheidsraad never "
                "hyphenated at a line end (%d words, %d starting or ending a line whole)"
                % (n, at_ends),
                None if not broken and n >= 6 * len(WHOLE) and at_ends >= 10 else
                "broken: %s; found %d" % ("; ".join(broken[:5]), n))
    want = "31 december 2025 en 1 januari 2026"
    tally.check("meeting dates across a year end: %s" % want,
                None if want in flat else "not in the PDF text")
    month = Path(tmp) / "month.yaml"
    month.write_text(meeting_yaml("month", "kamerbrief", "2025-11-30, 2025-12-01",
                                  "Tekst."), encoding="utf-8")
    try:
        rc, mtext, _ = run(["pdftotext", str(render(month, tmp, env)), "-"])
        mflat = re.sub(r"\s+", " ", mtext.replace("\u00a0", " "))
        want = "30 november en 1 december 2025"
        tally.check("meeting dates across a month end: %s" % want,
                    None if want in mflat else "not in the PDF text")
    except RuntimeError as e:
        tally.check("render dates across a month end", str(e))
    # A character no configured font has.
    bad = Path(tmp) / "glyph.yaml"
    bad.write_text(meeting_yaml("glyph", "kamerbrief", "2025-12-03",
                                "De ministers spreken over \u4f1a."), encoding="utf-8")
    # Under `make sanitize`: dossier exits right after this error, while a
    # font-sorting thread of pango may still hold fontconfig memory, which
    # LeakSanitizer then reports (1 run in 3). The message is what is
    # tested here; leaks are checked by every other run.
    genv = dict(env)
    if "ASAN_OPTIONS" in genv:
        genv["ASAN_OPTIONS"] += ":detect_leaks=0"
    rc, so, se = run([str(DOSSIER), "render", str(bad), "-o", tmp], genv)
    want = ("%s:12:33: the character '\u4f1a' (U+4F1A) cannot be shown by any of "
            "dossier's fonts; replace it or remove it" % bad)
    tally.check("a missing glyph is an error naming it and its line:col (exit 65)",
                None if rc == 65 and se.strip() == want else "exit %d: %s" % (rc, se.strip()))


IJ_PACK = """format: 1
id: ij-pack
document: briefing-pack
meeting:
  name: ijslandoverleg van de NAVO-bondgenoten
  dates: [2025-12-03]
  place: ijmuiden
sections:
  - heading: Over dit briefingpack
    text: Tekst.
"""
IJ_AGENDA = """format: 1
id: ij-agenda
document: geannoteerde-agenda
meeting:
  name: informele bijeenkomst van Noordse NAVO-ministers
  informal: true
  dates: [2025-12-03]
  place: Ijmuiden
sections:
  - heading: Tekst
    text: Tekst.
"""


def check_ij(tally, tmp):
    """Woordenlijst: a capital ij is IJ (IJsland, IJmuiden)."""
    texts = {}
    for name, src in (("ij-pack", IJ_PACK), ("ij-agenda", IJ_AGENDA)):
        meeting = Path(tmp) / (name + ".yaml")
        meeting.write_text(src, encoding="utf-8")
        try:
            rc, text, _ = run(["pdftotext", str(render(meeting, tmp)), "-"])
        except RuntimeError as e:
            tally.check("render %s" % name, str(e))
            return
        # A compound's own hyphen at a line end is U+2010 (typeset_paragraph.c).
        texts[name] = re.sub(r"\s+", " ", text.replace("\u2010\n", "-"))
    pack, agenda = texts["ij-pack"], texts["ij-agenda"]
    want = "Briefingpack IJslandoverleg van de NAVO-bondgenoten IJmuiden, 3 december 2025"
    tally.check("IJ: the pack's cover reads '%s'" % want,
                None if want in pack else "not in: %s" % pack[:300])
    want = ("Geannoteerde agenda informele bijeenkomst van Noordse NAVO-ministers "
            "3 december 2025 IJmuiden, 3 december 2025")
    tally.check("IJ: a title written from kind and meeting, and the meeting line: '%s'" % want,
                None if want in agenda else "not in: %s" % agenda[:300])
    small = sorted(set(re.findall(r"\bI[jĳ]\w*", pack + agenda)))
    tally.check("IJ: no word starts with Ij", None if not small else ", ".join(small))


def check_report(tally):
    """The figures of `make typo-report` over inputs/meetings/."""
    report = DOSSIER.parent / "typo-report"
    meetings = sorted(str(f) for f in (REPO / "inputs" / "meetings").glob("*.yaml"))
    if not report.exists():
        tally.check("typo-report", "%s not built (make %s)" % (report, report))
        return
    # It finds fonts/ and layouts/ from the folder it runs in.
    p = subprocess.run([str(report)] + meetings, capture_output=True, text=True,
                       cwd=REPO, timeout=300)
    rc, out, err = p.returncode, p.stdout, p.stderr
    cols = ("lines hyph run part short_word date tight loose under over "
            "short_lines thin foot chart_only").split()
    rows = {}
    for m in re.finditer(r"^(total-fit|today|greedy)(, 60 mm)? +((?:[0-9.]+ +){13}[0-9.]+)$",
                         out, re.M):
        rows[m.group(1) + (m.group(2) or "")] = dict(zip(cols, m.group(3).split()))
    if rc or len(rows) != 6:
        tally.check("typo-report runs", "exit %d: %s" % (rc, (err or out).strip()[:300]))
        return
    new, today, narrow = rows["total-fit"], rows["today"], rows["total-fit, 60 mm"]
    named = "\n".join(l for l in out.split("\n") if l.startswith("  "))
    tally.check("typo-report: never three hyphenated lines in a row (longest %s)" % new["run"],
                None if int(new["run"]) <= 2 else "a run of %s" % new["run"])
    # Fewer hyphens than today's breaker, at the measure and in 60 mm, and
    # no tighter or looser a space than it sets (beyond SPACING_SLACK).
    for name, row, old in (("at the measure", new, today),
                           ("in 60 mm", narrow, rows["today, 60 mm"])):
        tally.check("typo-report: %s %s hyphenated lines per 100 against today's %s"
                    % (name, row["hyph"], old["hyph"]),
                    None if float(row["hyph"]) < float(old["hyph"]) else named)
        tally.check("typo-report: %s spaces from %s x to %s x (today %s x to %s x)"
                    % (name, row["tight"], row["loose"], old["tight"], old["loose"]),
                    None if float(row["tight"]) >= float(old["tight"]) - SPACING_SLACK
                    and float(row["loose"]) <= max(float(old["loose"]), 0) + SPACING_SLACK
                    else named)
    tally.check("typo-report: no break in a date (%s), in a word under 6 letters (%s)"
                % (new["date"], new["short_word"]),
                None if int(new["date"]) == 0 and int(new["short_word"]) == 0 else named)
    # Issue 15's targets at the measure: at most 8 hyphenated lines in
    # 100, no break inside a compound's part where its boundary could
    # serve (today's breaker: more than 20), every space from 0.8 x to
    # 1.5 x; in 60 mm no space over 2.5 x and no one-word line left short.
    tally.check("typo-report: at the measure %s hyphenated lines per 100 (at most 8)"
                % new["hyph"], None if float(new["hyph"]) <= 8.0 else named)
    tally.check("typo-report: no break inside a compound's part where its boundary "
                "could serve (%s; today %s)" % (new["part"], today["part"]),
                None if int(new["part"]) == 0 else named)
    tally.check("typo-report: at the measure spaces from %s x to %s x, %s lines under "
                "0.8 x, %s over 1.5 x" % (new["tight"], new["loose"], new["under"],
                                            new["over"]),
                None if float(new["tight"]) >= 0.8 - 1e-6
                and float(new["loose"]) <= 1.5 + 1e-6
                and int(new["under"]) == 0 and int(new["over"]) == 0 else named)
    tally.check("typo-report: in 60 mm no space over 2.5 x (loosest %s)" % narrow["loose"],
                None if float(narrow["loose"]) <= 2.5 + 1e-6 else "too loose")
    tally.check("typo-report: in 60 mm no one-word line left short in mid-paragraph "
                "(%s)" % narrow["short_lines"],
                None if int(narrow["short_lines"]) == 0 else "short one-word lines")
    for name, row in (("at the measure", new), ("in 60 mm", narrow)):
        tally.check("typo-report: %s no page holds only a chart (%s)" % (name, row["chart_only"]),
                    None if int(row["chart_only"]) == 0 else named)
        # issue 15, point 5: none under two thirds full unless the next
        # block must start a page (or the document ends there)
        tally.check("typo-report: %s no page left under two thirds full (%s)"
                    % (name, row["thin"]), None if int(row["thin"]) == 0 else named)
    greedy = float(rows["greedy"]["hyph"])
    tally.check("typo-report: hyphenated lines %s%% against greedy %.1f%%"
                % (new["hyph"], greedy),
                None if float(new["hyph"]) < 0.8 * greedy else "not well below greedy")


def english_breaks():
    """{word: set of break offsets} of the word list's English entries
    (layouts/hyphenation-nl.txt, "en: de-liv-er-ables")."""
    out = {}
    for line in (REPO / "layouts" / "hyphenation-nl.txt").read_text(
            encoding="utf-8").splitlines():
        if not line.startswith("en:"):
            continue
        word, at = "", set()
        for ch in line[3:].strip():
            if ch == "-":
                at.add(len(word))
            else:
                word += ch
        out[word.lower()] = at
    return out


def span_groups(pdf_path):
    """The texts a reader meets in Span elements (another language than
    the document's), with each Span's /Lang: consecutive Spans in tree
    order are one group, a line-end hyphen between them dropped; and the
    breaks inside a word: (word, offset)."""
    import unicodedata
    import pikepdf
    import struct_tree
    with pikepdf.open(pdf_path) as pdf:
        langs = set()
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Span":
                langs.add(str(obj.get("/Lang", "")))
        entries = struct_tree.TreeReader(pdf).tree_text()
    groups, breaks, cur, prev_span = [], [], None, False
    for key, text, *_ in entries:
        text = unicodedata.normalize("NFKC", text)
        span = key.endswith("/Span")
        if not span:
            if cur is not None:
                groups.append(cur)
            cur, prev_span = None, False
            continue
        if cur is None:
            cur = text
        elif re.search(r"[\u00ad-]$", cur):
            head = cur[:-1]
            word = re.search(r"[A-Za-z']*$", head).group(0)
            rest = re.match(r"[A-Za-z']*", text).group(0)
            breaks.append((word + rest, len(word)))
            cur = head + text
        else:
            cur = cur.rstrip() + " " + text.lstrip()
        prev_span = True
    if cur is not None:
        groups.append(cur)
    return langs, [" ".join(g.split()) for g in groups], breaks


def check_english(tally, tmp):
    """Issue 15, point 2, on the real PDFs at the measure and in a 60 mm
    column: the layout's english_terms are read as English (a Span with
    /Lang en holding exactly them), and a line broken inside one breaks
    where English does (the word list's en: entries, from hyphen-en-us),
    never where the Dutch patterns would (deli-verables, Ima-gery)."""
    k = (REPO / "layouts" / "kamerbrief.yaml").read_text(encoding="utf-8")
    block = re.search(r"^english_terms:\n((?:  - .*\n)+)", k, re.M)
    terms = [t.strip()[2:].strip() for t in block.group(1).splitlines()]
    words = {w.lower() for t in terms for w in t.split()}
    allowed = english_breaks()
    home = Path(tmp) / "home-english-narrow"
    if not home.is_dir():
        (home / "layouts").mkdir(parents=True)
        os.symlink(REPO / "fonts", home / "fonts")
        for f in (REPO / "layouts").iterdir():
            shutil.copy(f, home / "layouts" / f.name)
        (home / "layouts" / "kamerbrief.yaml").write_text(re.sub(
            r"^margin_right_pt:.*$", "margin_right_pt: 365", k, flags=re.M),
            encoding="utf-8")
    for name, env_home in (("at the measure", None), ("in 60 mm", home)):
        env = dict(os.environ)
        if env_home:
            env["DOSSIER_HOME"] = str(env_home)
        out = Path(tmp) / ("english-" + name.replace(" ", "-"))
        meetings = sorted(str(f) for f in (REPO / "inputs" / "meetings").glob("*.yaml"))
        rc, _, err = run([str(DOSSIER), "render"] + meetings + ["-o", str(out)], env=env)
        if rc:
            tally.check("English terms %s: render" % name, err.strip()[:300])
            continue
        n_terms, n_spans, n_breaks, bad = 0, 0, 0, []
        for pdf in sorted(out.glob("*.pdf")):
            langs, groups, breaks = span_groups(pdf)
            text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"],
                                           capture_output=True, text=True).stdout.split())
            text = re.sub(r"(\w)[\u00ad-] (\w)", r"\1\2", text)
            n_spans += len(groups)
            if groups and langs != {"en"}:
                bad.append("%s: Span /Lang %s" % (pdf.name, sorted(langs)))
            for g in groups:
                if not all(w.lower().strip(".,;:()") in words for w in g.split()):
                    bad.append("%s: a Span holds %r" % (pdf.name, g))
            for t in terms:
                found = len(re.findall(r"\b%s\b" % re.escape(t), text))
                held = sum(len(re.findall(r"\b%s\b" % re.escape(t), g))
                           for g in groups)
                n_terms += found
                if held < found:
                    bad.append("%s: %r %d times, %d in a Span" % (pdf.name, t, found, held))
            for word, at in breaks:
                n_breaks += 1
                if at not in allowed.get(word.lower(), set()):
                    bad.append("%s: %s-%s is no English break"
                               % (pdf.name, word[:at], word[at:]))
        tally.check("English terms %s: %d found, each in a Span /Lang en (%d), "
                    "%d broken at a line end, as English" % (name, n_terms, n_spans, n_breaks),
                    None if not bad and n_terms > 0 else "; ".join(bad[:4]) or "none found")


def main():
    tally = Tally()
    with tempfile.TemporaryDirectory(prefix="dossier-typo-") as tmp:
        check_meetings(tally, tmp)
        check_writers_agree(tally, tmp)
        check_dutch_text(tally, tmp)
        check_trema(tally, tmp)
        check_ij(tally, tmp)
        check_english(tally, tmp)
    check_report(tally)
    return tally.end()


if __name__ == "__main__":
    sys.exit(main())
