"""What every test script shares: where the repository and the binary are,
how to run a command, and the tally of checks.

    from harness import REPO, DOSSIER, run, Tally

$DOSSIER names the binary under test (make sanitize sets it to the
sanitised build); $DOSSIER_HOME the checkout whose layouts/ and fonts/ it
uses. A Tally prints "ok" or "FAIL" for each check as it is made, and
exits 1 at the end when any failed, so that a suite runs to its end and
the Makefile can run every suite even when one fails.
"""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOSSIER = os.environ.get("DOSSIER", str(REPO / "build" / "dossier"))


def run(cmd, **kw):
    """(exit status, stdout, stderr) of cmd, both decoded as UTF-8."""
    r = subprocess.run([str(c) for c in cmd], capture_output=True, **kw)
    return (r.returncode, r.stdout.decode("utf-8", "replace"),
            r.stderr.decode("utf-8", "replace"))


class Tally:
    def __init__(self):
        self.passed = self.failed = 0

    def check(self, what, ok, why=""):
        """Record one check; why says what was found when it failed."""
        if ok:
            self.passed += 1
            print("ok    " + what)
        else:
            self.failed += 1
            print("FAIL  " + what + (": " + why if why else ""))
        return ok

    def note(self, text):
        print("      " + text)

    def done(self):
        print("%d passed, %d failed" % (self.passed, self.failed))
        sys.exit(1 if self.failed else 0)
