#!/usr/bin/env python3
"""valgrind memcheck over every meeting file, every bad case and charts.

    python3 tests/valgrind.py      (make valgrind)

One batch of all of them (inputs/meetings/*.yaml and tests/bad/*.yaml) in
worker processes, one file rendered in-process and two charts written
alone (`dossier chart`), all under memcheck
with a log per process: every log must say 0 errors and 0 bytes
definitely lost. ("possibly lost" is allowed: pango keeps its interned
language strings for the life of the process, by design; one leak of
fontconfig 2.14 is suppressed, tests/valgrind.supp says which.) A batch keeps
this fast: each worker loads fonts and patterns once.
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO  # noqa: E402  one harness
VALGRIND = ["valgrind", "--tool=memcheck", "--leak-check=full",
            "--errors-for-leak-kinds=definite", "--trace-children=yes",
            "--child-silent-after-fork=no", "--num-callers=30",
            "--suppressions=%s" % (REPO / "tests" / "valgrind.supp")]


def check_logs(logs):
    problems = []
    for log in logs:
        text = log.read_text(errors="replace")
        errors = re.search(r"ERROR SUMMARY: (\d+) errors", text)
        lost = re.search(r"definitely lost: ([\d,]+) bytes", text)
        if not errors:
            problems.append("%s: no ERROR SUMMARY (did it finish?)" % log)
        elif errors.group(1) != "0":
            problems.append("%s: %s errors" % (log, errors.group(1)))
        if lost and lost.group(1) != "0":
            problems.append("%s: %s bytes definitely lost"
                            % (log, lost.group(1)))
    return problems


def main():
    os.chdir(REPO)
    files = sorted(str(p) for p in Path("inputs/meetings").glob("*.yaml"))
    bad = sorted(str(p) for p in Path("tests/bad").glob("*.yaml"))
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        # {out} is the output: a folder for render, a file for chart.
        runs = [("batch of %d files" % (len(files) + len(bad)),
                 ["render", *files, *bad, "-j", "2", "-o", "{out}"]),
                ("one file in-process", ["render", files[0], "-o", "{out}"]),
                ("a chart as PNG",
                 ["chart", "inputs/meetings/2025-12-03-fmm.yaml", "--id",
                  "navo-norm", "-o", "{out}.png"]),
                ("turned labels as SVG",
                 ["chart", "tests/charts/turned-labels.yaml", "--id",
                  "landen", "-o", "{out}.svg"])]
        for i, (what, args) in enumerate(runs):
            logdir = Path(tmp) / ("logs%d" % i)
            logdir.mkdir()
            out = Path(tmp) / ("out%d" % i)
            args = [a.replace("{out}", str(out)) for a in args]
            r = subprocess.run(VALGRIND + ["--log-file=%s/vg.%%p" % logdir,
                                           DOSSIER] + args,
                               capture_output=True, text=True)
            logs = sorted(logdir.iterdir())
            problems = check_logs(logs)
            if r.returncode not in (0, 65):
                problems.append("exit %d: %s" % (r.returncode, r.stderr[-2000:]))
            if problems:
                failed += 1
                print("FAIL  valgrind, %s\n      %s" % (what,
                                                       "\n      ".join(problems)))
                for log in logs:
                    if "ERROR SUMMARY: 0 errors" not in log.read_text():
                        print(log.read_text()[-6000:])
            else:
                print("ok    valgrind, %s: %d processes, 0 errors, 0 bytes "
                      "definitely lost" % (what, len(logs)))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
