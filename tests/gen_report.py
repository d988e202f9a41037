#!/usr/bin/env python3
"""Write a long meeting report for the benchmark: about PAGES pages.

    python3 tests/gen_report.py PAGES > report.yaml
    python3 tests/gen_report.py PAGES NAME > NAME.yaml   id bench-NAME
    python3 tests/gen_report.py --pack PAGES DIR   DIR/pack.yaml binding
        reports of at most 1.400 pages each (a file may be 4 MiB), PAGES
        in all: the way to ten thousand pages within the input limits

Sections of ordinary Dutch prose with footnotes, lists and a table, so that
every stage does its usual work; about nine sections fill four pages.
"""

import sys

HEAD = """format: 1
id: bench-{name}
document: verslag
title: Verslag van een lange reeks bijeenkomsten ({pages} pagina's)
date: 2025-12-10
meeting:
  name: NAVO Foreign Ministers Meeting
  short: FMM
  dates: [2025-12-03, 2025-12-04]
  place: Brussel
sections:
"""

SECTION = """  - heading: Sessie {n} over de steun aan Oekraïne
    text: |
      Tijdens sessie {n} spraken de ministers over de voortzetting van de
      steun aan Oekraïne, de versterking van de afschrikking en verdediging
      en de samenwerking met de partners in de Indo-Pacific. Nederland heeft
      in 2025 EUR 3,5 mld. bijgedragen en zal ook in 2026 substantiële steun
      leveren.[^n{n}] De minister benadrukte het belang van gelijke
      lastenverdeling, voorspelbare bijdragen en de rol van de EU naast de
      NAVO, in het bijzonder bij de defensie-industriële samenwerking.

      - luchtverdediging en munitie voor de winterperiode;
      - het 'Prioritised Ukraine Requirements List'-initiatief (PURL);
      - de wederopbouw en de Euro-Atlantische integratie van Oekraïne.

      | Jaar | Bijdrage | Waarvan militair |
      |---|---|---|
      | 2024 | EUR 2,5 mld. | EUR 2,0 mld. |
      | 2025 | EUR 3,5 mld. | EUR 3,0 mld. |
    position: |
      Nederland zet in op voortzetting van de steun zolang als nodig en op
      een gezamenlijke aanpak van de bondgenoten in sessie {n}.
"""


PACK = """format: 1
id: bench-pack-{pages}
document: briefing-pack
date: 2025-12-10
meeting:
  name: NAVO Foreign Ministers Meeting
  short: FMM
  dates: [2025-12-03, 2025-12-04]
  place: Brussel
sections:
  - heading: Over dit pakket
    text: Een pakket van {n} verslagen, samen ongeveer {pages} pagina's.
annexes: [{annexes}]
"""

ANNEX_PAGES = 1400


def report(pages, name):
    sections = max(1, round(pages * 9 / 4))
    out = [HEAD.format(pages=pages, name=name)]
    out += [SECTION.format(n=i) for i in range(1, sections + 1)]
    out.append("notes:\n")
    out += ["  n%d: Kamerstuk 21501-20, nr. %d.\n" % (i, 2000 + i)
            for i in range(1, sections + 1)]
    return "".join(out)


def pack(pages, folder):
    n = -(-pages // ANNEX_PAGES)
    names = []
    for k in range(n):
        part = pages // n + (1 if k < pages % n else 0)
        names.append("deel-%d.yaml" % (k + 1))
        with open("%s/%s" % (folder, names[-1]), "w", encoding="utf-8") as fp:
            fp.write(report(part, "deel-%d" % (k + 1)))
    with open("%s/pack.yaml" % folder, "w", encoding="utf-8") as fp:
        fp.write(PACK.format(pages=pages, n=n, annexes=", ".join(names)))


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--pack":
        pack(int(sys.argv[2]), sys.argv[3])
        return
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 300
    name = sys.argv[2] if len(sys.argv) > 2 else "report-%d" % pages
    sys.stdout.write(report(pages, name))


if __name__ == "__main__":
    main()
