#!/usr/bin/env python3
"""End-to-end checks of the briefing pack and of navigation, on the real files.

    python3 tests/pack.py

Renders inputs/meetings/2025-12-03-pack.yaml with --archive --preview and
checks, with qpdf's JSON view and pdftotext:
- the outline: one entry for the cover, the contents, every heading of the
  pack, of its agenda and of its annexes (read from those files), plus
  "Deelnemers"; annex headings nested under their annex; every entry open
  and pointing at the page where its text stands;
- the table of contents: every entry's page number is the label of the
  page its heading lands on, and every entry is a link to that page;
- footnote references are links to the page of their footnote;
- page labels: i, ii for cover and contents, then 1, 2, ...; the same in
  the archive copy;
- the metadata: title, author, subject, keywords (with the
  classification), creator with version;
- the classification on every page;
- the preview: a PNG of page 1 at 96 dpi (794 x 1123 pixels for A4).
"""

import json
import os
import re
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO, Tally, run  # noqa: E402  one harness

PACK = REPO / "inputs" / "meetings" / "2025-12-03-pack.yaml"



def norm(s):
    s = s.replace("\u00ad", "").replace("\u00a0", " ")
    return re.sub(r"\s+", " ", s).strip()


def headings(path):
    src = path.read_text(encoding="utf-8")
    return [h.strip("'\"") for h in re.findall(r"^\s*-?\s*heading:\s*(.+?)\s*$", src, re.M)]


def bound(path, key):
    src = path.read_text(encoding="utf-8")
    m = re.search(r"^%s:\s*\[?([^\]\n]+)\]?\s*$" % key, src, re.M)
    return [path.parent / p.strip() for p in m.group(1).split(",")] if m else []


def page_texts(pdf):
    rc, out, err = run(["pdftotext", "-layout", str(pdf), "-"])
    return out.split("\f")


def flat(entries, depth=0):
    for e in entries:
        yield e, depth
        yield from flat(e["kids"], depth + 1)


def main():
    tally = Tally()
    check = tally.check

    with tempfile.TemporaryDirectory(prefix="dossier-pack-") as tmp:
        rc, so, se = run([DOSSIER, "render", str(PACK), "-o", tmp, "--archive", "--preview"])
        pdf = Path(tmp) / "pack-fmm-2025-12.pdf"
        arch = Path(tmp) / "pack-fmm-2025-12.archief.pdf"
        png = Path(tmp) / "pack-fmm-2025-12.png"
        check("render the example pack", None if rc == 0 and pdf.is_file() else "exit %d: %s" % (rc, se))
        if rc != 0:
            return tally.end()
        j = json.loads(run(["qpdf", "--json", str(pdf)])[1])
        objs = j["qpdf"][1]
        pages = [p["object"] for p in j["pages"]]
        texts = [norm(t) for t in page_texts(pdf)]

        # --- outline ---
        agenda = bound(PACK, "agenda")
        annexes = bound(PACK, "annexes")
        outline = list(flat(j["outlines"]))
        titles = [norm(e["title"]) for e, _ in outline]
        want = headings(PACK) + [h for a in agenda for h in headings(a)] + \
            [h for a in annexes for h in headings(a)] + ["Inhoud", "Deelnemers"]
        charts = any(re.search(r"^\s*charts:\s*\[\s*\S", f.read_text(encoding="utf-8"), re.M)
                     for f in [PACK] + agenda)
        if charts:
            want.append("Kerncijfers")
        missing = [h for h in want if norm(h) not in titles]
        n_expected = len(want) + 1 + len(agenda) + len(annexes)  # + cover, bound titles
        check("outline holds every heading of the pack, its agenda and annexes",
              "missing %s" % missing if missing else
              None if len(titles) == n_expected else "%d entries, expected %d: %s" % (
                  len(titles), n_expected, titles))
        annex_entries = [(e, d) for e, d in outline if e["title"].startswith("Bijlage")]
        check("annex headings nest under their annex",
              None if len(annex_entries) == len(annexes) and all(
                  {norm(k["title"]) for k, _ in flat(e["kids"])} == {norm(h) for h in headings(annexes[i])}
                  for i, (e, d) in enumerate(annex_entries)) else "not nested: %s" % [
                      e["title"] for e, _ in annex_entries])
        wrong = []
        for e, d in outline:
            p = e["destpageposfrom1"]
            if not p or norm(e["title"])[:40] not in texts[p - 1]:
                wrong.append((e["title"], p))
        check("every outline entry points at the page of its text", wrong or None)
        raw_pages = page_texts(pdf)
        first = annex_entries[0][0]["destpageposfrom1"] if annex_entries else len(pages) + 1
        heads = [" ".join(t.split("\n")[:4]) for t in raw_pages[:len(pages)]]
        bad = [i + 1 for i, h in enumerate(heads)
               if i + 1 >= first and "Bijlage 1:" not in h or
               2 < i + 1 < first and "Briefingpack" not in h]
        check("running headers: the pack's title on its pages, the annex's on the annex's", bad or None)
        root = objs["obj:" + objs["trailer"]["value"]["/Root"]]["value"]
        check("the outline is shown when the file opens",
              None if root.get("/PageMode") == "/UseOutlines" else "PageMode %r" % root.get("/PageMode"))
        closed = [e["title"] for e, _ in outline
                  if e["kids"] and objs["obj:" + e["object"]]["value"].get("/Count", 1) < 0]
        check("outline entries open", closed or None)

        # --- page labels ---
        labels = [(l["index"], l["label"].get("/S")) for l in j["pagelabels"]]
        check("page labels: roman for cover and contents, then from 1",
              None if labels == [(0, "/r"), (2, "/D")] else labels)
        ja = json.loads(run(["qpdf", "--json", "--json-key=pagelabels", str(arch)])[1])
        check("the archive copy has the same page labels",
              None if [(l["index"], l["label"].get("/S")) for l in ja["pagelabels"]] == labels
              else ja["pagelabels"])
        front = 2

        # --- table of contents ---
        toc = page_texts(pdf)[1].split("\n")
        entries = []
        carry = ""  # an entry over two lines: its number is on the last
        for line in toc:
            m = re.match(r"^\s*(\S.*?)\s{2,}(\d+)\s*$", line)
            if m:
                entries.append((norm(carry + " " + m.group(1)), int(m.group(2))))
                carry = ""
            elif line.strip() and "Inhoud" not in line and "vertrouwelijk" not in line:
                carry += " " + line.strip()
        where = {norm(e["title"]): e["destpageposfrom1"] for e, _ in outline}
        bad = []
        for title, num in entries:
            full = next((t for t in where if t.startswith(title) or title.startswith(t[:30])), None)
            if full is None or where[full] - front != num:
                bad.append((title, num, full and where[full] - front))
        check("contents: %d entries, each number the page its heading lands on" % len(entries),
              bad or (None if len(entries) >= 8 else "only %d entries" % len(entries)))

        def named(tree_ref):
            """The destinations of a name tree, by name."""
            node = objs["obj:" + tree_ref]["value"] if isinstance(tree_ref, str) else tree_ref
            out = {}
            names = node.get("/Names", [])
            for k in range(0, len(names), 2):
                d = names[k + 1]
                d = objs["obj:" + d]["value"] if isinstance(d, str) else d
                out[names[k]] = d.get("/D", d) if isinstance(d, dict) else d
            for kid in node.get("/Kids", []):
                out.update(named(kid))
            return out
        deref = lambda v: objs["obj:" + v]["value"] if isinstance(v, str) and v.endswith(" R") else v
        names_dict = deref(root.get("/Names", {}))
        dests = named(names_dict["/Dests"]) if "/Dests" in names_dict else {}

        def links(page_ix):
            ann = objs["obj:" + pages[page_ix]]["value"].get("/Annots", [])
            out = []
            for a in ann:
                v = objs["obj:" + a]["value"]
                if v.get("/Subtype") == "/Link":
                    dest = v.get("/Dest") or v.get("/A", {}).get("/D")
                    if isinstance(dest, str):  # a named destination
                        dest = dests.get(dest)
                    out.append(pages.index(dest[0]) + 1 if dest else v.get("/A", {}).get("/URI"))
            return out

        toc_links = sorted(l for l in links(1) if isinstance(l, int))
        check("every contents entry is a link to its page",
              None if sorted(n + front for _, n in entries) == toc_links else
              "links to %s, entries %s" % (toc_links, entries))
        note_links = [(i + 1, l) for i in range(front, len(pages)) for l in links(i) if isinstance(l, int)]
        check("footnote references link to the page of their footnote",
              None if note_links and all(re.search(r"\b1 \S", texts[d - 1]) for _, d in note_links)
              else note_links)

        # --- structure tree ---
        def walk(e, out):
            e = deref(e)
            if isinstance(e, dict):
                if e.get("/S"):
                    out.append(e["/S"])
                kids = e.get("/K", [])
                for k in kids if isinstance(kids, list) else [kids]:
                    walk(k, out)
            return out
        tags = walk(root.get("/StructTreeRoot", {}), [])
        heads = [t for t in tags if t in ("/H1", "/H2", "/H3")]
        bad = []
        for want_tag in ("/H1", "/H2", "/H3", "/P", "/L", "/LI", "/TOC", "/TOCI", "/Link", "/Note") + (
                ("/Figure",) if charts else ()):
            if want_tag not in tags:
                bad.append("no %s" % want_tag)
        if len(heads) != len(outline):
            bad.append("%d headings tagged, %d outline entries" % (len(heads), len(outline)))
        if tags.count("/TOCI") != len(entries):
            bad.append("%d TOCI for %d contents entries" % (tags.count("/TOCI"), len(entries)))
        if root.get("/Lang") != "u:nl-NL" or not deref(root.get("/MarkInfo", {})).get("/Marked"):
            bad.append("catalog /Lang %r, /MarkInfo %r" % (root.get("/Lang"), root.get("/MarkInfo")))
        check("structure tree: headings, paragraphs, lists, contents, links, notes; Lang nl-NL",
              bad or None)
        figs = [v["value"] for v in objs.values() if isinstance(v, dict)
                and isinstance(v.get("value"), dict) and v["value"].get("/S") == "/Figure"]
        bad = []
        for f in figs:
            alt = norm(f.get("/Alt", "")[2:])
            # the title, then what the numbers are and every value
            title = re.split(r", (?:bedragen|percentages|aantallen)", alt)[0]
            page = pages.index(f["/Pg"]) if f.get("/Pg") in pages else -1
            if not alt or page < 0 or title not in texts[page] or \
                    not re.search(r"\d", alt[len(title):]):
                bad.append((alt, page + 1))
        check("every chart a Figure whose /Alt is its title and values, on its page (%d)"
              % len(figs),
              bad or (None if len(figs) >= (1 if charts else 0) else "no Figure"))

        uris = [l[2:] if l.startswith("u:") else l
                for i in range(len(pages)) for l in links(i) if isinstance(l, str)]
        src_uris = re.findall(r"\]\((https?://[^)\s]+)\)", PACK.read_text(encoding="utf-8"))
        check("URLs in the text are live links",
              None if src_uris and sorted(set(uris)) == sorted(set(src_uris)) else
              "links %s, in the text %s" % (uris, src_uris))

        # --- metadata, classification, preview ---
        info = objs["obj:" + objs["trailer"]["value"]["/Info"]]["value"]

        def text(k):
            v = info.get(k, "")
            return v[2:] if v.startswith("u:") else v
        bad = [k for k in ("/Title", "/Author", "/Subject", "/Keywords") if not text(k)]
        if "Departementaal vertrouwelijk" not in text("/Keywords"):
            bad.append("classification not in /Keywords: %r" % text("/Keywords"))
        if not re.match(r"dossier \d+\.\d+\.\d+$", text("/Creator")):
            bad.append("/Creator %r" % text("/Creator"))
        check("metadata: title, author, subject, keywords, creator with version", bad or None)
        check("classification on every page",
              [i + 1 for i, t in enumerate(texts[:len(pages)]) if "Departementaal vertrouwelijk" not in t] or None)
        head = png.read_bytes()[:24] if png.is_file() else b""
        size = struct.unpack(">II", head[16:24]) if head[:8] == b"\x89PNG\r\n\x1a\n" else None
        check("preview: page 1 as a 96 dpi PNG", None if size == (794, 1123) else "size %r" % (size,))
    return tally.end()


if __name__ == "__main__":
    sys.exit(main())
