"""What every test script shares: where the repository and the binary are,
how to run a command, and the tally of checks.

    from harness import REPO, DOSSIER, run, Tally

$DOSSIER names the binary under test (make sanitize sets it to the
sanitised build); $DOSSIER_HOME the checkout whose layouts/ and fonts/ it
uses. A Tally prints "ok" or "FAIL" for each check as it is made and the
count at the end, so that a suite runs to its end; the Makefile runs
every suite even when one fails.

    tally = Tally()
    tally.check("what is checked", why)   # why: None or "" when it holds,
                                          # else what was found (a list
                                          # of reasons: those not empty)
    return tally.end()                    # 0 or 1, for sys.exit
"""

import os
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
# absolute: a suite may run it from another folder
DOSSIER = os.path.abspath(os.environ.get("DOSSIER", str(REPO / "build" / "dossier")))


def run(cmd, timeout=300, **kw):
    """(exit status, stdout, stderr) of cmd, both decoded as UTF-8; 127
    when the program is missing, 124 when it runs past timeout seconds
    (a hang is a failure, not a wait)."""
    try:
        r = subprocess.run([str(c) for c in cmd], capture_output=True,
                           timeout=timeout, **kw)
    except FileNotFoundError:
        return 127, "", "%s: not found (build it first: make)" % cmd[0]
    except subprocess.TimeoutExpired:
        return 124, "", "%s: timed out after %d s" % (cmd[0], timeout)
    return (r.returncode, r.stdout.decode("utf-8", "replace"),
            r.stderr.decode("utf-8", "replace"))


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def check(self, what, why=None):
        """Record one check: it holds when why is empty."""
        if isinstance(why, (list, tuple)):
            why = "\n      ".join(str(w) for w in why if w)
        if why:
            self.failed += 1
            print("FAIL  %s\n      %s" % (what, why))
        else:
            self.passed += 1
            print("ok    " + what)
        return not why

    def report(self, what, problems):
        """Record one check: it holds when no problem (of the list) is
        said."""
        return self.check(what, list(problems))

    def skip(self, what, why):
        self.skipped += 1
        print("skip  %s: %s" % (what, why))

    def ok(self, what):
        self.check(what, None)

    def fail(self, what, why):
        self.check(what, why or "failed")

    def note(self, text):
        print("      " + text)

    def end(self, more=""):
        """Print the count (and `more`); 1 when any check failed, else 0."""
        print("%d passed, %d failed%s" % (self.passed, self.failed, more))
        return 1 if self.failed else 0
