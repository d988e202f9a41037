#!/usr/bin/env python3
"""Bad input gets its message and exit status, and the output folder is left alone.

Each tests/bad/NAME.yaml has a tests/bad/NAME.expect: the exit status on the
first line, then the exact text dossier must print on stderr (paths relative
to the repository, where this runs). Before each case the output folder
holds a good PDF under the name the bad file would write; afterwards the
folder must hold exactly that file with the same bytes: no new file, no
partial file, nothing replaced.
"""

import hashlib
import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOSSIER = os.environ.get("DOSSIER", str(REPO / "build" / "dossier"))


def snapshot(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).iterdir())}


def main():
    os.chdir(REPO)
    passed = failed = 0
    cases = sorted(Path("tests/bad").glob("*.yaml"))
    for case in cases:
        expect = case.with_suffix(".expect").read_text(encoding="utf-8")
        status, _, message = expect.partition("\n")
        with tempfile.TemporaryDirectory() as out:
            good = Path(out) / "fmm-2025-12.pdf"
            good.write_bytes(b"%PDF-1.5\n% a good earlier PDF\n")
            before = snapshot(out)
            r = subprocess.run([DOSSIER, "render", str(case), "-o", out],
                               capture_output=True, text=True)
            after = snapshot(out)
        problems = []
        if r.returncode != int(status):
            problems.append("exit %d, expected %s" % (r.returncode, status))
        if r.stderr != message:
            problems.append("stderr was:\n%s\nexpected:\n%s" % (r.stderr, message))
        if before != after:
            problems.append("output folder changed: %s -> %s" % (before, after))
        if problems:
            failed += 1
            print("FAIL  %s\n      %s" % (case, "\n      ".join(problems)))
        else:
            passed += 1
            print("ok    %s (exit %s)" % (case, status))
    # Inputs that cannot be read and outputs that cannot be written.
    for args, status, what in (
            (["render", "tests/bad/no-such-file.yaml", "-o", "/tmp"], 66,
             "a missing input gives 66"),
            (["render", "inputs/meetings/2025-12-03-fmm.yaml", "-o",
              "/dev/null/out"], 73, "an output folder that cannot be made gives 73"),
            (["render", "inputs/meetings/2025-12-03-fmm.yaml"], 2,
             "render without -o gives 2"),
            (["frobnicate"], 2, "an unknown command gives 2")):
        r = subprocess.run([DOSSIER] + args, capture_output=True, text=True)
        if r.returncode == status and r.stderr.strip():
            passed += 1
            print("ok    %s" % what)
        else:
            failed += 1
            print("FAIL  %s: exit %d, stderr %r" % (what, r.returncode, r.stderr))
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
