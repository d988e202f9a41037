#!/usr/bin/env python3
"""The benchmark behind `make bench` (not a test: it prints figures).

    python3 tests/bench.py [RUNS]
    python3 tests/bench.py --reports     (part 3 only)
    python3 tests/bench.py --cold        (part 4 only)

1. Each seed document (inputs/meetings/*.yaml) rendered RUNS times (default
   11) by a fresh `dossier render` process: median wall time and peak RSS
   (from wait4, per process), pages and the PDF's size.
2. One batch process rendering all of them 20 times, with -j 1 and with the
   default (one worker per core): pages per second.
3. Generated reports (tests/gen_report.py) of 100, 1.000 and 10.000 pages
   (the last a briefing pack binding eight reports): time and peak RSS a
   page, and the ratio of time a page at 10.000 pages to that at 100.
4. Cold start: the 3-page agenda against `dossier --version` (which loads
   the same libraries and exits: the floor), 21 runs of each taken in
   turn, median wall time and their ratio; and, when valgrind is
   installed, the render's instruction count (callgrind).

Targets from issue 6: a seed agenda <= 30 ms and <= 30 MB from a cold
process; >= 300 pages/s in batch; 300 pages <= 2 s and <= 150 MB. From
issue 18: a cold render of the 3-page agenda <= 2.5 x `dossier --version`
and < 80 M instructions.
"""

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO  # noqa: E402  one harness


def timed(args, quiet=False):
    """(seconds, peak RSS in MB, exit status, CPU seconds) of one process;
    CPU time counts its workers too, and is steadier than wall time on a
    busy machine. quiet: its standard output goes to /dev/null."""
    actions = [(os.POSIX_SPAWN_OPEN, 1, os.devnull, os.O_WRONLY, 0)] \
        if quiet else []
    t0 = time.perf_counter()
    pid = os.posix_spawn(DOSSIER, [DOSSIER] + args, os.environ,
                         file_actions=actions)
    _, status, ru = os.wait4(pid, 0)
    return (time.perf_counter() - t0, ru.ru_maxrss / 1024.0,
            os.waitstatus_to_exitcode(status), ru.ru_utime + ru.ru_stime)


def pages(pdf):
    out = subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                         text=True).stdout
    return next((int(l.split()[1]) for l in out.splitlines()
                 if l.startswith("Pages:")), 0)


def only_pdf(folder):
    pdfs = list(Path(folder).glob("*.pdf"))
    assert len(pdfs) == 1, pdfs
    return pdfs[0]


def seeds(tmp, runs):
    print("1. cold render of each seed document (%d runs, median)" % runs)
    print("   %-38s %8s %8s %8s %6s %9s" % ("file", "ms", "CPU ms", "MB",
                                              "pages", "PDF bytes"))
    total_pages = 0
    for f in sorted(Path("inputs/meetings").glob("*.yaml")):
        out = Path(tmp) / f.stem
        res = [timed(["render", str(f), "-o", str(out)]) for _ in range(runs)]
        if any(r[2] for r in res):
            print("   %s: dossier failed" % f)
            continue
        pdf = only_pdf(out)
        n = pages(pdf)
        total_pages += n
        print("   %-38s %8.1f %8.1f %8.1f %6d %9d" % (
            f, 1000 * statistics.median(r[0] for r in res),
            1000 * statistics.median(r[3] for r in res),
            statistics.median(r[1] for r in res), n, pdf.stat().st_size))
    return total_pages


def batch(tmp, seed_pages, jobs):
    files = [str(f) for f in sorted(Path("inputs/meetings").glob("*.yaml"))]
    args = ["render", "-o", str(Path(tmp) / "batch")] + files * 20
    if jobs:
        args += ["-j", str(jobs)]
    secs, mb, status, cpu = timed(args)
    n = seed_pages * 20
    print("   %-10s %4d documents, %5d pages in %6.2f s: %6.0f pages/s, "
          "%5.1f ms a document; CPU %.2f s: %.0f pages per CPU-second%s" % (
              "-j %d" % jobs if jobs else "-j cores", len(files) * 20, n,
              secs, n / secs, 1000 * secs / (len(files) * 20), cpu,
              n / cpu, "" if status == 0 else " FAILED"))


def reports(tmp):
    """100, 1.000 and 10.000 pages (the last a pack of annexes, each file
    within the 4 MiB limit): ms and KB a page, and the ratio of the
    largest to the smallest."""
    print("3. generated reports (tests/gen_report.py)")
    print("   %6s %8s %8s %10s %10s %10s" % ("pages", "s", "MB", "ms/page",
                                            "KB/page", "PDF bytes"))
    rows = []
    for want in (100, 1000, 10000):
        folder = Path(tmp) / ("report-%d" % want)
        folder.mkdir()
        if want <= 1000:
            src = folder / "report.yaml"
            with open(src, "w") as fp:
                subprocess.run([sys.executable, "tests/gen_report.py", str(want)],
                               stdout=fp, check=True)
        else:
            subprocess.run([sys.executable, "tests/gen_report.py", "--pack",
                            str(want), str(folder)], check=True)
            src = folder / "pack.yaml"
        out = folder / "out"
        runs = 3 if want <= 1000 else 1
        res = [timed(["render", str(src), "-o", str(out)]) for _ in range(runs)]
        pdf = only_pdf(out)
        n = pages(pdf)
        secs = statistics.median(r[0] for r in res)
        mb = statistics.median(r[1] for r in res)
        rows.append((n, secs, mb))
        print("   %6d %8.2f %8.1f %10.2f %10.1f %10d" % (
            n, secs, mb, 1000 * secs / n, 1024 * mb / n, pdf.stat().st_size))
    (n0, s0, m0), (n1, s1, m1) = rows[0], rows[-1]
    print("   ms a page at %d pages / at %d: %.2f (target <= 1.15); peak "
          "memory at %d pages %.0f MB (target < 150)" % (
              n1, n0, (s1 / n1) / (s0 / n0), n1, m1))


# The 3-page agenda issue 18 measures a cold start with.
COLD_AGENDA = "inputs/meetings/2025-12-03-fmm.yaml"


def cold_start(tmp, runs=21):
    out = Path(tmp) / "cold"
    version, render = [], []
    for _ in range(runs):  # in turn, so that a change of load hits both
        version.append(timed(["--version"], quiet=True)[0])
        render.append(timed(["render", COLD_AGENDA, "-o", str(out)])[0])
    v, r = statistics.median(version), statistics.median(render)
    print("4. cold start: %s (%d pages) against dossier --version, median "
          "of %d" % (COLD_AGENDA, pages(only_pdf(out)), runs))
    print("   --version %.1f ms, render %.1f ms: %.2f x the floor "
          "(target <= 2.5)" % (1000 * v, 1000 * r, r / v))
    if not shutil.which("valgrind"):
        print("   instructions: valgrind is not installed")
        return
    cg = subprocess.run(
        ["valgrind", "--tool=callgrind", "--dump-instr=no",
         "--callgrind-out-file=" + str(Path(tmp) / "callgrind.out"),
         DOSSIER, "render", COLD_AGENDA, "-o", str(out)],
        capture_output=True, text=True)
    m = re.search(r"Collected : (\d+)", cg.stderr)
    print("   instructions (callgrind): %s (target < 80 M)" % (
        "%.1f M" % (int(m.group(1)) / 1e6) if m else "not measured"))


def main():
    os.chdir(REPO)
    only_reports = "--reports" in sys.argv[1:]
    only_cold = "--cold" in sys.argv[1:]
    args = [a for a in sys.argv[1:] if a not in ("--reports", "--cold")]
    runs = int(args[0]) if args else 11
    print("dossier bench on %d cores, %s" % (os.cpu_count(), DOSSIER))
    with tempfile.TemporaryDirectory() as tmp:
        if only_reports:
            reports(tmp)
            return
        if only_cold:
            cold_start(tmp)
            return
        seed_pages = seeds(tmp, runs)
        print("2. one batch process, the seed documents 20 times each")
        batch(tmp, seed_pages, 1)
        batch(tmp, seed_pages, 0)
        reports(tmp)
        cold_start(tmp)


if __name__ == "__main__":
    main()
