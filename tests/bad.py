#!/usr/bin/env python3
"""Bad input gets its message and exit status, and the output folder is left alone.

Each tests/bad/NAME.yaml has a tests/bad/NAME.expect: the exit status on the
first line, then the exact text dossier must print on stderr (paths relative
to the repository, where this runs). Before each case the output folder
holds a good PDF under the name the bad file would write; afterwards the
folder must hold exactly that file with the same bytes: no new file, no
partial file, nothing replaced. A case that expects status 0 (the UTF-8
byte-order mark) must add one PDF and change nothing else.

Hostile input too big to commit is generated here: 20.000 levels of
nesting, a file over the 4 MiB limit, a 10.000- and a 200.000-character
word, a table of 1.000 rows and ones of 100 and 2.000 columns, Markdown
quotes, lists and emphasis nested 20.000 to 100.000 deep. Each must finish
within HANG_S seconds (a hang is a failure). Four times a long meeting
name, heading or table must cost at most some four times the time and
memory (cost_cases).
Then the outputs that cannot be written: an unwritable folder and a full
disk (a tiny tmpfs when we may mount one, and always a file-size limit,
RLIMIT_FSIZE, which fails writes the same way) give exit 73 and leave the
folder as it was.

    python3 tests/bad.py            all of it
    DOSSIER=path python3 tests/bad.py   another build (sanitizers)
"""

import hashlib
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO, Tally  # noqa: E402  one harness

HANG_S = float(os.environ.get("DOSSIER_HANG_S", "60"))
GOOD = b"%PDF-1.5\n% a good earlier PDF\n"
MEETING = """format: 1
id: fmm-2025-12
document: geannoteerde-agenda
meeting:
  name: NAVO Foreign Ministers Meeting
  dates: [2025-12-03]
  place: Brussel
sections:
  - heading: Noord-Atlantische Raad
    text: |
      Tijdens de Raad spreken de 32 ministers.[^purl]
notes:
  purl: Kamerstuk 28676, nr. 499
"""


def snapshot(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).iterdir())}


def render(args, out, preexec=None):
    """Run dossier; (returncode, stderr, seconds). A hang is returncode None."""
    t0 = time.monotonic()
    try:
        r = subprocess.run([DOSSIER] + args + ["-o", str(out)],
                           capture_output=True, text=True, timeout=HANG_S,
                           preexec_fn=preexec, errors="replace")
        return r.returncode, r.stderr, time.monotonic() - t0
    except subprocess.TimeoutExpired:
        return None, "(killed after %gs)" % HANG_S, HANG_S


def check_case(tally, case, status, message, pdf_pages=None):
    """One input: status, exact stderr (None: any), folder unchanged."""
    problems = []
    with tempfile.TemporaryDirectory() as out:
        (Path(out) / "fmm-2025-12.pdf").write_bytes(GOOD)
        before = snapshot(out)
        code, err, secs = render(["render", str(case)], out)
        after = snapshot(out)
        if code != status:
            problems.append("exit %s, expected %d" % (code, status))
        if message is not None and err != message:
            problems.append("stderr was:\n%s\nexpected:\n%s" % (err, message))
        if status != 0 and before != after:
            problems.append("output folder changed: %s -> %s" % (before, after))
        if status == 0:
            written = [n for n in after if after[n] != before.get(n)]
            gone = [n for n in before if n not in after]
            if len(written) != 1 or gone:
                problems.append("expected one PDF written: %s -> %s"
                                % (before, after))
            for p in [Path(out) / n for n in written]:
                if not p.read_bytes().startswith(b"%PDF-"):
                    problems.append("%s is not a PDF" % p.name)
                elif pdf_pages:
                    n = pages_of(p)
                    if n < pdf_pages:
                        problems.append("%s has %d pages, expected at "
                                        "least %d" % (p.name, n, pdf_pages))
    tally.report("%s (exit %s, %.2f s)" % (case, status, secs), problems)


def pages_of(pdf):
    r = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True)
    for line in r.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    return 0


def check_agrees(tally, case, status, message):
    """check gives what render gives: the same status and the same
    messages (check runs every stage but the writers)."""
    r = subprocess.run([DOSSIER, "check", str(case)], capture_output=True,
                       text=True, errors="replace", timeout=HANG_S)
    want = (status, message)
    tally.report("check agrees with render: %s" % case.name,
                 [] if (r.returncode, r.stderr) == want else
                 ["check: exit %d, stderr:\n%s\nexpected exit %d:\n%s"
                  % (r.returncode, r.stderr, want[0], want[1])])


def committed_cases(tally):
    cases = sorted(Path("tests/bad").glob("*.yaml"))
    for case in cases:
        expect = case.with_suffix(".expect").read_text(encoding="utf-8")
        status, _, message = expect.partition("\n")
        check_case(tally, case, int(status), message)
        check_agrees(tally, case, int(status), message)
    return len(cases)


def hostile_cases(tally, tmp):
    """Generated inputs: (name, bytes, status, message or None, pages)."""
    nest = "the data is nested more than 64 levels deep; a meeting file " \
           "never needs that"
    word = ("Rechtsstaatontwikkelingssamenwerking" * 300)[:10000]
    rows = "".join("      | Rij %d | EUR %d mln. | Brussel |\n" % (i, i)
                   for i in range(1, 1001))
    table = "      | Nr. | Bedrag | Plaats |\n      |---|---|---|\n" + rows
    cases = [
        ("nest-flow-20000", "sections: " + "[" * 20000 + "]" * 20000 + "\n",
         65, "{f}:1:75: " + nest + "\n", None),
        ("nest-map-20000", "{a: " * 20000 + "1" + "}" * 20000 + "\n",
         65, "{f}:1:257: " + nest + "\n", None),
        ("nest-block-20000", "- " * 20000 + "x\n",
         65, "{f}:1:129: " + nest + "\n", None),
        ("over-size-limit", MEETING + ("# " + "x" * 97 + "\n") * 42000,
         65, "{f}: the file is larger than 4 MiB, the limit for a meeting "
         "or data file\n", None),
        ("word-10000", MEETING.replace("Tijdens de Raad",
                                       "Tijdens " + word + " de Raad"),
         0, "", 2),
        ("table-1000-rows", MEETING.replace("    text: |\n",
                                            "    text: |\n" + table + "\n"),
         0, "", 20),
        # Found by hand after the fuzzer: pango reshaped the rest of an
        # unbreakable run at every forced break (50.000 characters: 8 s),
        # and Markdown nested 100.000 deep overflowed the stack of the
        # rich-text walk (SIGSEGV).
        ("word-200000", MEETING.replace(
            "Tijdens de Raad", "Tijdens " +
            ("Rechtsstaatontwikkelingssamenwerking" * 6000)[:200000] +
            " de Raad"), 0, "", 20),
        # pango stops breaking lines somewhere past 300 KB in one
        # paragraph: justified text has a line breaker of its own (all
        # 60.000 words on 160 pages); where pango breaks (a heading), it
        # is refused rather than the text silently lost.
        ("paragraph-840kb", MEETING.replace(
            "Tijdens de Raad", " ".join(["Rechtsstaat"] * 60000)), 0, "",
         150),
        # The total-fit breaker sets even a 480 KB heading, all of it
        # (pango's own breaking gave up on it: check_complete in typeset.c).
        ("heading-480kb", MEETING.replace(
            "heading: Noord-Atlantische Raad",
            "heading: " + " ".join(["Rechtsstaat"] * 40000)), 0, "", 100),
        # A table row never splits; one taller than a page ran off it.
        ("table-row-taller-than-page", MEETING.replace(
            "    text: |\n", "    text: |\n      | A | B |\n      |---|---|\n"
            "      | " + " ".join(["Rechtsstaat"] * 4000) + " | x |\n\n"),
         65, None, None),
        # A footnote never splits either.
        ("footnote-longer-than-a-page", MEETING.replace(
            "purl: Kamerstuk 28676, nr. 499",
            "purl: " + " ".join(["Rechtsstaat"] * 2000)), 65, None, None),
        ("markdown-quotes-100000", MEETING.replace(
            "      Tijdens de Raad", "      " + "> " * 100000 +
            "Tijdens de Raad"), 0, "", 1),
        ("markdown-lists-100000", MEETING.replace(
            "      Tijdens de Raad", "      " + "- " * 100000 +
            "Tijdens de Raad"), 0, "", 1),
        # cmark-gfm's tables cost columns² (2.000 columns: 6,5 s and
        # 2,6 GB): more than 100 are refused before cmark sees them.
        ("table-2000-columns", MEETING.replace(
            "    text: |\n", "    text: |\n      |" + "x|" * 2000 +
            "\n      |" + "-|" * 2000 + "\n"), 65,
         "{f}:11:209: a table may have at most 100 columns (a line of rich "
         "text at most 101 '|'); split it into several tables\n", None),
        ("table-100-columns", MEETING.replace(
            "    text: |\n", "    text: |\n      |" + "x|" * 100 +
            "\n      |" + "-|" * 100 + "\n" + ("      |" + "1|" * 100 +
                                              "\n") * 50 + "\n"),
         0, "", 1),
        ("markdown-emphasis-20000", MEETING.replace(
            "      Tijdens de Raad", "      " + "*_" * 20000 + "x" +
            "_*" * 20000 + " Tijdens de Raad"), 0, "", 1),
    ]
    for name, text, status, message, pages in cases:
        f = Path(tmp) / (name + ".yaml")
        f.write_text(text, encoding="utf-8")
        check_case(tally, f, status,
                   message.replace("{f}", str(f)) if message else message,
                   pages)


def measure(path, out):
    """(CPU seconds, peak RSS in KiB, exit status) of rendering one file.
    CPU time, not wall time: the fuzzers or a parallel build on the same
    two cores stretch wall time by a factor that has nothing to do with
    the input."""
    p = subprocess.Popen([DOSSIER, "render", "-q", "-j1", str(path), "-o",
                          str(out)], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    p.returncode = os.waitstatus_to_exitcode(status)
    return ru.ru_utime + ru.ru_stime, ru.ru_maxrss, p.returncode


def cost_cases(tally, tmp):
    """Four times the input costs at most about four times the time and
    memory: a meeting name (in a pack, where it is the cover's title and
    the running header of every page) and a heading at 256 KB and 1 MB, a
    table of 100 columns at 32 and 128 KB. A megabyte meeting name took 31 s
    (every page set the whole header again; each line of a paragraph of
    one run walked every glyph before it)."""
    pack = MEETING.replace("fmm-2025-12", "pack-x").replace(
        "geannoteerde-agenda", "briefing-pack")
    words = lambda kb: " ".join(["Rechtsstaat"] * (kb * 1024 // 12))
    row = "      |" + "1|" * 100 + "\n"
    grow = {
        "meeting name in a pack": (256, lambda kb: pack.replace(
            "name: NAVO Foreign Ministers Meeting", "name: " + words(kb))),
        "heading": (256, lambda kb: MEETING.replace(
            "heading: Noord-Atlantische Raad", "heading: " + words(kb))),
        "table of 100 columns": (32, lambda kb: MEETING.replace(
            "    text: |\n", "    text: |\n" + row + "      |" +
            "-|" * 100 + "\n" + row * (kb * 1024 // len(row)) + "\n")),
    }
    for what, (small, make) in grow.items():
        figures = []
        for kb in (small, 4 * small):
            f = Path(tmp) / ("cost-%d.yaml" % kb)
            f.write_text(make(kb), encoding="utf-8")
            figures.append(measure(f, tmp))
        (t1, m1, c1), (t4, m4, c4) = figures
        problems = []
        if c1 != 0 or c4 != 0:
            problems.append("exit %s and %s" % (c1, c4))
        # Linear with room for noise on a shared machine: 6 for 4.
        if t4 > 6 * t1 + 0.5:
            problems.append("time %.2f s, then %.2f s" % (t1, t4))
        if m4 > 6 * m1:
            problems.append("memory %d KiB, then %d KiB" % (m1, m4))
        tally.report("cost of a %s: %.2f s, %d MiB for %d KB; %.2f s, "
                     "%d MiB for %d KB" % (what, t1, m1 // 1024, small, t4,
                                           m4 // 1024, 4 * small),
                     problems)


def mount_tmpfs(path, size, readonly_after=None):
    """A tmpfs at path (root only). True when mounted."""
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%s" % size,
                        "tmpfs", str(path)], capture_output=True)
    return r.returncode == 0


def umount(path):
    subprocess.run(["umount", str(path)], capture_output=True)


def cannot_write_cases(tally, tmp):
    meeting = "inputs/meetings/2025-12-03-fmm.yaml"
    target = "fmm-2025-12.pdf"

    def expect73(what, out, preexec=None):
        before = snapshot(out)
        code, err, _ = render(["render", meeting], out, preexec)
        after = snapshot(out)
        problems = []
        if code != 73:
            problems.append("exit %s, expected 73" % code)
        if "%s/%s: cannot write" % (out, target) not in err:
            problems.append("stderr: %r" % err)
        if before != after:
            problems.append("output folder changed: %s -> %s"
                            % (before, after))
        tally.report(what, problems)

    # An unwritable folder: permissions for a user, a read-only mount for
    # root (whom permissions do not stop).
    ro = Path(tmp) / "read-only"
    ro.mkdir()
    if os.geteuid() != 0:
        (ro / target).write_bytes(GOOD)
        ro.chmod(0o555)
        expect73("an unwritable output folder gives 73", ro)
        ro.chmod(0o755)
    elif mount_tmpfs(ro, "1m"):
        (ro / target).write_bytes(GOOD)
        subprocess.run(["mount", "-o", "remount,ro", str(ro)], check=True)
        expect73("a read-only output folder gives 73", ro)
        umount(ro)
    else:
        print("skip  a read-only output folder (root, and cannot mount)")

    # A full disk: a 16 KiB tmpfs holds the good PDF and not the new one.
    full = Path(tmp) / "full"
    full.mkdir()
    if mount_tmpfs(full, "16k"):
        (full / target).write_bytes(GOOD)
        expect73("a full disk (16 KiB tmpfs) gives 73", full)
        umount(full)
    else:
        print("skip  a full disk on tmpfs (needs root and mount)")

    # A file-size limit fails writes the way a full disk does, anywhere.
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (8192, 8192))
    lim = Path(tmp) / "limited"
    lim.mkdir()
    (lim / target).write_bytes(GOOD)
    expect73("writes failing half-way (RLIMIT_FSIZE) give 73", lim, limit)


MARKER = "GEHEIM-7f3a9c"
CONFINED_HANG_S = min(HANG_S, 10)
OUTSIDE = ("{what} '{path}' is outside '{root}', the folder this meeting "
           "file may load files from; move it there, or name a folder that "
           "holds both with --root DIR")
NOT_FILE = "{what} '{path}' is {kind}, not a file; name a {sort} file (.yaml)"
NOT_DATA = ("{path}: this is not a data file: a data file is a mapping that "
            "starts with 'format: 1' and holds 'charts' (FORMAT.md)")
NOT_MEETING = ("{path}: this is not a meeting file: a meeting file is a "
               "mapping that starts with 'format: 1' (FORMAT.md)")
BOUND_ERRORS = ("{what} '{path}' has the errors above; the pack is not made "
                "until they are fixed")


def run_both(args, out, stdin=None, env=None):
    """check and render of the same arguments: [(status, stdout+stderr)]."""
    runs = []
    for cmd in (["check"], ["render"]):
        extra = ["-o", str(out)] if cmd == ["render"] else []
        try:
            r = subprocess.run([DOSSIER] + cmd + args + extra, stdin=stdin,
                               env=env, capture_output=True, text=True,
                               errors="replace", timeout=CONFINED_HANG_S)
            runs.append((r.returncode, r.stderr, r.stdout + r.stderr))
        except subprocess.TimeoutExpired:
            runs.append((None, "(killed after %gs)" % CONFINED_HANG_S, ""))
    return runs


def confined_case(tally, what, args, status, message, stdin=None,
                  env=None, check_too=True):
    """check and render agree on status and message, write nothing, and
    never print a word of the secret files. (check reads no layout and
    no word list: check_too=False for those.)"""
    problems = []
    with tempfile.TemporaryDirectory() as out:
        (Path(out) / "fmm-2025-12.pdf").write_bytes(GOOD)
        before = snapshot(out)
        runs = zip(("check", "render"), run_both(args, out, stdin, env))
        for cmd, (code, err, both) in runs:
            if cmd == "check" and not check_too:
                continue
            if code != status:
                problems.append("%s: exit %s, expected %d"
                                % (cmd, code, status))
            if message is not None and err != message:
                problems.append("%s: stderr was:\n%s\nexpected:\n%s"
                                % (cmd, err, message))
            if MARKER in both:
                problems.append("%s: the secret was printed:\n%s"
                                % (cmd, both))
        if snapshot(out) != before:
            problems.append("output folder changed")
    tally.report("%s (exit %d)" % (what, status), problems)


def confinement_cases(tally, tmp):
    """What a meeting file names must be a regular file in its folder tree.

    A world like inputs/: W/meetings/ (the meeting files), W/data/. Around
    it, secret files holding MARKER. Each hostile path is named as a data
    file, an annex and an agenda; each must be refused with its place and
    the exact sentence, by check and render alike, and no secret may ever
    be printed, whatever the root."""
    tmp.mkdir()
    tmp = tmp.resolve()
    world = tmp / "world"
    (world / "meetings").mkdir(parents=True)
    (world / "data" / "folder").mkdir(parents=True)
    (tmp / "outside").mkdir()
    # Secrets in the shapes that used to be echoed: YAML keys (as unknown
    # keys) and an .env file (as 'the top level ... got ...').
    secret = tmp / "secret.yaml"
    secret.write_text("%s: 1\nwachtwoord: %s\n" % (MARKER, MARKER))
    env = tmp / "outside" / ".env"
    env.write_text("API_KEY=%s\nDB_PASSWORD=%s\n" % (MARKER, MARKER))
    inner_env = world / ".env"  # inside the tree: loaded, never quoted
    inner_env.write_text(env.read_text())
    (world / "data" / "link-out.yaml").symlink_to(secret)
    (world / "data" / "dir-out").symlink_to(tmp / "outside")
    os.mkfifo(str(world / "data" / "fifo.yaml"))
    os.mkfifo(str(world / "meetings" / "fifo.yaml"))

    head = ("format: 1\nid: fmm-2025-12\ndocument: {kind}\nmeeting:\n"
            "  name: NAVO\n  dates: [2025-12-03]\n  place: Brussel\n"
            "sections:\n  - heading: Raad\n")
    n = [0]

    def meeting(field, path):
        n[0] += 1
        m = world / "meetings" / ("m%d.yaml" % n[0])
        kind = "geannoteerde-agenda" if field == "data" else "briefing-pack"
        if field == "agenda":
            m.write_text(head.format(kind=kind) + "agenda: %s\n" % path)
            return m, "%s:10:9: " % m
        m.write_text(head.format(kind=kind) + "%s:\n  - %s\n" % (field, path))
        return m, "%s:11:5: " % m

    def shown(field, path):
        """The name a message gives: data files resolved, bound files as
        written."""
        if field != "data":
            return path
        return os.path.normpath(os.path.join(str(world / "meetings"), path))

    what = {"data": "data file", "annexes": "annex", "agenda": "agenda"}
    sort = {"data": "data", "annexes": "meeting", "agenda": "meeting"}
    outside = [str(secret), "../../secret.yaml", "../../outside/.env",
               "/etc/passwd", "../" * 12 + "etc/passwd",
               "../data/link-out.yaml", "../data/dir-out/.env",
               "../../no-such-file.yaml", "/dev/zero", "/dev/stdin"]
    not_file = [("../data/fifo.yaml", "a named pipe (FIFO)"),
                ("../data/folder", "a folder"), ("..", "a folder")]
    for field in ("data", "annexes", "agenda"):
        for path in outside:
            m, place = meeting(field, path)
            confined_case(
                tally, "%s: %s" % (field, path), [str(m)], 65,
                place + OUTSIDE.format(what=what[field],
                                       path=shown(field, path),
                                       root=world) + "\n")
        for path, kind in not_file:
            m, place = meeting(field, path)
            confined_case(
                tally, "%s: %s" % (field, path), [str(m)], 66,
                place + NOT_FILE.format(what=what[field],
                                        path=shown(field, path),
                                        kind=kind, sort=sort[field]) + "\n")
        # Inside the tree, or inside a wider --root: read, refused as a
        # whole, not quoted.
        for path, root in (("../.env", None), ("../../secret.yaml", tmp),
                           ("../../outside/.env", tmp),
                           ("../data/link-out.yaml", tmp)):
            m, place = meeting(field, path)
            target = os.path.normpath(os.path.join(str(world / "meetings"),
                                                   path))
            if field == "data":
                msg = NOT_DATA.format(path=target) + "\n"
            else:
                msg = (NOT_MEETING.format(path=target) + "\n" + place +
                       BOUND_ERRORS.format(what=what[field], path=path) +
                       "\n")
            args = [str(m)] + (["--root", str(root)] if root else [])
            confined_case(tally, "%s: %s%s" % (
                field, path, " --root %s" % root if root else ""),
                args, 65, msg)

    # The meeting file itself: named by the user, so anywhere, but only a
    # regular file; a FIFO or a device used to block for ever.
    fifo = world / "meetings" / "fifo.yaml"
    for path, kind, stdin, note in (
            (str(fifo), "a named pipe (FIFO)", None, ""),
            ("/dev/zero", "a device", None, ""),
            ("/dev/stdin", "a named pipe (FIFO)", subprocess.PIPE,
             " (a pipe)"),
            ("/dev/stdin", "a device", subprocess.DEVNULL, " (/dev/null)"),
            (str(world), "a folder", None, "")):
        confined_case(tally, "meeting file %s%s" % (path, note),
                      [path], 66,
                      "%s: this is %s, not a file; name a meeting file "
                      "(.yaml)\n" % (path, kind), stdin)
    # A pack's bound file loads its data from the pack's root, not its own.
    m, place = meeting("annexes", "../data/folder/annex.yaml")
    annex = world / "data" / "folder" / "annex.yaml"
    annex.write_text(head.format(kind="verslag") + "data: [../../../"
                     "secret.yaml]\n")
    confined_case(tally, "an annex's data file outside the pack's root",
                  [str(m)], 65,
                  "%s:10:8: " % annex + OUTSIDE.format(
                      what="data file", path=secret, root=world) + "\n" +
                  place + BOUND_ERRORS.format(
                      what="annex", path="../data/folder/annex.yaml") + "\n")
    # The program's own files: a layout or the word list that is a FIFO
    # used to block render for ever.
    for name, msg in (
            ("kamerbrief.yaml", "cannot read the layout 'kamerbrief': it is "
             "a named pipe (FIFO), not a file"),
            ("hyphenation-nl.txt", "cannot read the hyphenation word list: "
             "it is a named pipe (FIFO), not a file")):
        home = tmp / ("home-" + name)
        (home / "layouts").mkdir(parents=True)
        (home / "fonts").symlink_to(REPO / "fonts")
        for f in (REPO / "layouts").iterdir():
            if f.name != name:
                (home / "layouts" / f.name).symlink_to(f)
        os.mkfifo(str(home / "layouts" / name))
        env = dict(os.environ, DOSSIER_HOME=str(home))
        confined_case(tally, "a FIFO as layouts/%s" % name,
                      ["inputs/meetings/2025-12-03-fmm.yaml"], 66,
                      "%s: %s\n" % (home / "layouts" / name, msg),
                      env=env, check_too=False)
    # --root must name a folder.
    m, _ = meeting("data", "../data/ok.yaml")
    for cmd in ("check", "render"):
        r = subprocess.run([DOSSIER, cmd, str(m), "--root", str(secret),
                            "-o", str(tmp)], capture_output=True, text=True)
        tally.report("%s --root FILE gives 2" % cmd,
                     [] if r.returncode == 2 else ["exit %d: %s" % (
                         r.returncode, r.stderr)])


def usage_cases(tally):
    for args, status, what in (
            (["render", "tests/bad/no-such-file.yaml", "-o", "/tmp"], 66,
             "a missing input gives 66"),
            (["render", "inputs/meetings/2025-12-03-fmm.yaml", "-o",
              "/dev/null/out"], 73, "an output folder that cannot be made gives 73"),
            (["render", "inputs/meetings/2025-12-03-fmm.yaml"], 2,
             "render without -o gives 2"),
            (["frobnicate"], 2, "an unknown command gives 2")):
        r = subprocess.run([DOSSIER] + args, capture_output=True, text=True)
        ok = r.returncode == status and r.stderr.strip()
        tally.report(what, [] if ok else ["exit %d, stderr %r"
                                          % (r.returncode, r.stderr)])


def main():
    os.chdir(REPO)
    tally = Tally()
    n = committed_cases(tally)
    with tempfile.TemporaryDirectory() as tmp:
        hostile_cases(tally, tmp)
        confinement_cases(tally, Path(tmp) / "confine")
        cost_cases(tally, tmp)
        cannot_write_cases(tally, tmp)
    usage_cases(tally)
    status = tally.end(" (%d committed cases)" % n)
    return 1 if status or n < 40 else 0


if __name__ == "__main__":
    sys.exit(main())
