#!/usr/bin/env python3
"""`make install` gives a dossier that IT staff can put on a server.

make install PREFIX=/opt/dossier DESTDIR=<tmp> stages the program, the
layouts and word list, fonts.conf with the unhinted fonts and their
cache, the schemas, the format reference and the manual page. The staged
program, run from an unrelated folder without $DOSSIER_HOME (so nothing of
this checkout is in reach), checks and renders a meeting file there; the
tree, moved elsewhere as a whole, still does.

    python3 tests/install.py        B=build/asan for the sanitised build
"""

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from harness import REPO, run, Tally

B = os.environ.get("B", "build")
PREFIX = "/opt/dossier"
FILES = ["bin/dossier", "share/dossier/layouts/kamerbrief.yaml",
         "share/dossier/layouts/hyphenation-nl.txt",
         "share/dossier/fonts/fonts.conf",
         "share/dossier/fonts/derived/noto.sha256",
         "share/dossier/fonts/derived/noto/NotoSans-Regular.ttf",
         "share/dossier/inputs/README.md",
         "share/dossier/inputs/meeting.schema.json",
         "share/dossier/inputs/data.schema.json",
         "share/man/man1/dossier.1"]


def installed_env(tmp):
    env = {k: v for k, v in os.environ.items() if k != "DOSSIER_HOME"}
    env["HOME"] = str(tmp / "home")
    env["XDG_CACHE_HOME"] = str(tmp / "home" / ".cache")
    return env


def render_elsewhere(t, what, program, tmp, env):
    """A meeting file and its data in a folder of their own; the program
    runs there and writes out/<id>.pdf."""
    work = tmp / ("work-" + what)
    shutil.copytree(REPO / "inputs", work / "inputs")
    meeting = "inputs/meetings/2025-12-03-fmm.yaml"
    code, _, err = run([program, "check", meeting], cwd=work, env=env)
    t.check("%s: check passes from %s" % (what, work),
            None if code == 0 else err or "exit %d" % code)
    code, _, err = run([program, "render", meeting, "-o", "out"], cwd=work,
                       env=env)
    pdf = work / "out" / "fmm-2025-12.pdf"
    good = code == 0 and pdf.is_file() and \
        pdf.read_bytes().startswith(b"%PDF-")
    t.check("%s: renders out/fmm-2025-12.pdf" % what,
            None if good else err or "exit %d, no PDF" % code)


def main():
    t = Tally()
    tmp = Path(tempfile.mkdtemp(prefix="dossier-install-"))
    try:
        stage = tmp / "stage"
        r = subprocess.run(["make", "--no-print-directory", "-C", str(REPO),
                            "install", "B=" + B, "PREFIX=" + PREFIX,
                            "DESTDIR=" + str(stage)],
                           capture_output=True, text=True)
        t.check("make install PREFIX=%s DESTDIR=... exits 0" % PREFIX,
                r.returncode and r.stdout + r.stderr)
        root = stage / PREFIX.lstrip("/")
        missing = [f for f in FILES if not (root / f).is_file()]
        t.check("it installs the program, layouts, fonts, word list, "
                "schemas, format reference and manual page",
                missing and "missing: %s" % missing)
        fonts = sorted(p.name for p in
                       (root / "share/dossier/fonts/derived/noto").iterdir())
        built = sorted(p.name for p in
                       (REPO / "fonts/derived/noto").glob("*.ttf"))
        t.check("every derived font is installed",
                fonts != built and "%s, built %s" % (fonts, built))
        code, out, err = run(["man", "-l", "-Tutf8",
                              root / "share/man/man1/dossier.1"])
        t.check("the installed manual page reads",
                (code or "dossier" not in out) and (err or "exit %d" % code))
        env = installed_env(tmp)
        program = root / "bin" / "dossier"
        render_elsewhere(t, "installed", program, tmp, env)
        moved = tmp / "moved"
        shutil.move(str(root), str(moved))
        render_elsewhere(t, "moved", moved / "bin" / "dossier", tmp, env)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    sys.exit(t.end())


if __name__ == "__main__":
    main()
