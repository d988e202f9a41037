#!/usr/bin/env python3
"""dossier watch follows the edits of a meeting file and its data files.

In a copy of inputs/ (a meeting file and its data files), `dossier watch
FILE -o DIR` runs in the background. Each step edits a file as an editor
does (a new file renamed over the old, or written in place) and waits, at
most WAIT_S, for the line watch prints:
- the first render: the PDF is there;
- a changed heading: a new PDF, whose text has the new heading;
- a save with a YAML mistake: the message with its place, and the PDF
  left as it was;
- the mistake mended: rendered again;
- a changed data file: rendered again, the new figure in the PDF.

    /usr/bin/python3 tests/watch.py
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO, Tally  # noqa: E402  one harness

WAIT_S = 10
MEETING = "2025-12-03-fmm.yaml"


def sha(p):
    return hashlib.sha256(p.read_bytes()).hexdigest() if p.exists() else None


def pdf_text(p):
    r = subprocess.run(["pdftotext", str(p), "-"], capture_output=True,
                       text=True)
    return r.stdout


class Watch:
    """dossier watch in the background; its output lines as they come."""

    def __init__(self, args, cwd):
        self.p = subprocess.Popen([DOSSIER, "watch"] + args, cwd=cwd,
                                  stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True)
        self.lines = []
        self.lock = threading.Lock()
        threading.Thread(target=self.read, daemon=True).start()

    def read(self):
        for line in self.p.stdout:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def next(self, after, want):
        """The first line after index `after` that contains want."""
        end = time.time() + WAIT_S
        while time.time() < end:
            with self.lock:
                for i in range(after, len(self.lines)):
                    if want in self.lines[i]:
                        return i, self.lines[i]
            time.sleep(0.02)
        return None, None

    def seen(self):
        with self.lock:
            return len(self.lines)

    def stop(self):
        self.p.terminate()
        try:
            self.p.wait(5)
        except subprocess.TimeoutExpired:
            self.p.kill()


def save(path, text):
    """As an editor saves: a new file renamed over the old one."""
    tmp = path.with_name("." + path.name + ".swp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)


def main():
    t = Tally()
    with tempfile.TemporaryDirectory(prefix="dossier-watch-") as tmp:
        root = Path(tmp) / "inputs"
        shutil.copytree(REPO / "inputs" / "meetings", root / "meetings")
        shutil.copytree(REPO / "inputs" / "data", root / "data")
        meeting = root / "meetings" / MEETING
        out = Path(tmp) / "out"
        pdf = out / "fmm-2025-12.pdf"
        w = Watch([str(meeting), "-o", str(out)], tmp)
        try:
            i, line = w.next(0, "watching")
            t.check("the first render, then 'watching'",
                    (i is None or not pdf.exists()) and
                    "lines: %s" % w.lines)
            first = sha(pdf)

            text = meeting.read_text(encoding="utf-8")
            n = w.seen()
            start = time.time()
            save(meeting, text.replace("heading: Noord-Atlantische Raad",
                                       "heading: Noord-Atlantische Beraad"))
            i, line = w.next(n, "fmm-2025-12.pdf:")
            took = time.time() - start
            t.check("an edit is rendered again (%.2f s)" % took,
                    (i is None or sha(pdf) == first or
                     "Noord-Atlantische Beraad" not in pdf_text(pdf)) and
                    "lines: %s" % w.lines[n:])
            good = sha(pdf)

            n = w.seen()
            save(meeting, text + "x: [\n")
            i, line = w.next(n, "not rendered")
            t.check("a save with a mistake: its message, the PDF kept",
                    (i is None or sha(pdf) != good or
                     not any(MEETING + ":" in l and "'['" in l
                             for l in w.lines[n:])) and
                    "lines: %s" % w.lines[n:])

            n = w.seen()
            meeting.write_text(text, encoding="utf-8")  # in place
            i, line = w.next(n, "fmm-2025-12.pdf:")
            t.check("the mistake mended: rendered again",
                    (i is None or sha(pdf) != first) and
                    "lines: %s" % w.lines[n:])

            data = root / "data" / "steun-oekraine.yaml"
            d = data.read_text(encoding="utf-8")
            assert "2024: 2.5e+9" in d, "the data file changed: mend the test"
            n = w.seen()
            before = sha(pdf)
            save(data, d.replace("2024: 2.5e+9", "2024: 2.7e+9"))
            i, line = w.next(n, "fmm-2025-12.pdf:")
            t.check("a data file changed: rendered again with its figures",
                    (i is None or sha(pdf) == before or
                     "2,7" not in pdf_text(pdf)) and
                    "lines: %s" % w.lines[n:])
        finally:
            w.stop()
    return t.end()


if __name__ == "__main__":
    sys.exit(main())
