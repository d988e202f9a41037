#!/usr/bin/env python3
"""Batch rendering, --incremental and reproducible bytes.

    python3 tests/batch.py

- `render FILES -o DIR -j 2` with two bad files among the inputs: the good
  PDFs are all written, each bad file gets its message, the failures are
  listed at the end, the exit status is the first failure's.
- The same inputs give the same bytes: one process per file, -j 1 and -j 2.
- Not on a terminal: nothing on stderr when all is well; on a terminal a
  progress line; --quiet silences it.
- --incremental: the first run writes DIR/manifest.json (sha256 of every
  input and of each PDF, pages, bytes); a second run renders nothing; a
  changed meeting file, or a damaged PDF, is rendered again, and only it;
  new fonts (a new fonts/derived/noto.sha256, as `make` writes with them)
  render every file again.
- Faults: a render killed (SIGKILL) while it writes leaves its
  DIR/<id>.pdf.tmp-PID-XXXXXX; the next run into DIR removes it, and only
  files of that exact form whose writer is gone (PID not alive, lock
  free), never a file a concurrent run is still writing. When the main
  process of `-j 2` is killed, its workers die with it: no PDF appears
  afterwards.
"""

import hashlib
import json
import os
import pty
import re
import fcntl
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO, Tally  # noqa: E402  one harness

BAD = ["tests/bad/bad-id.yaml", "tests/bad/nul-byte.yaml"]


def dossier(*args, env=None, cwd=None):
    return subprocess.run([os.path.abspath(DOSSIER)] + [str(a) for a in args],
                          capture_output=True, text=True, timeout=300,
                          env=env, cwd=cwd)


def digests(folder):
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(Path(folder).glob("*.pdf"))}


def inodes(folder):
    return {p.name: p.stat().st_ino for p in sorted(Path(folder).glob("*.pdf"))}


def meetings():
    return sorted(str(p) for p in Path("inputs/meetings").glob("*.yaml"))


def test_mixed_batch(t, tmp):
    out = Path(tmp) / "mixed"
    files = meetings()
    r = dossier("render", *files[:2], *BAD, *files[2:], "-o", str(out),
                "-j", "2")
    expect_err = set()
    for b in BAD:
        text = Path(b).with_suffix(".expect").read_text(encoding="utf-8")
        expect_err |= set(text.partition("\n")[2].splitlines())
    lines = r.stderr.splitlines()
    tail = ["dossier: 2 of %d files failed:" % (len(files) + 2)] + \
        ["  %s (exit 65)" % b for b in BAD]
    t.check("a batch with two bad files renders the good ones", [
        r.returncode != 65 and "exit %d, expected 65" % r.returncode,
        len(digests(out)) != len(files) and "PDFs: %s" % list(digests(out)),
        set(lines[:-3]) != expect_err and "errors: %r" % lines[:-3],
        lines[-3:] != tail and "failure list: %r" % lines[-3:],
    ])
    return out


def test_same_bytes(t, tmp, batch_out):
    single = Path(tmp) / "single"
    for f in meetings():
        r = dossier("render", f, "-o", str(single))
        if r.returncode:
            t.check("render %s alone" % f, [r.stderr])
    one = Path(tmp) / "j1"
    r1 = dossier("render", *meetings(), "-o", str(one), "-j", "1")
    want = digests(single)
    t.check("the same bytes alone, with -j 1 and with -j 2", [
        r1.returncode and r1.stderr,
        digests(one) != want and "-j 1 differs",
        digests(batch_out) != want and "-j 2 differs",
        len(want) != len(meetings()) and "missing PDFs",
    ])


def test_quiet_and_progress(t, tmp):
    out = Path(tmp) / "progress"
    r = dossier("render", *meetings(), "-o", str(out))
    t.check("not a terminal: nothing on stderr", [
        r.returncode and "exit %d" % r.returncode,
        r.stderr and "stderr: %r" % r.stderr])

    def on_tty(*extra):
        pid, fd = pty.fork()
        if pid == 0:
            os.execv(DOSSIER, [DOSSIER, "render", *meetings(), "-o",
                               str(out), *extra])
        chunks = []
        while True:
            try:
                data = os.read(fd, 4096)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        _, status = os.waitpid(pid, 0)
        return os.waitstatus_to_exitcode(status), b"".join(chunks).decode()

    n = len(meetings())
    code, text = on_tty()
    t.check("a terminal gets a progress line", [
        code and "exit %d" % code,
        "[%d/%d]" % (n, n) not in text and "output: %r" % text])
    # The last line says what was made: PDFs, where, pages, time.
    pages = 0
    for pdf in out.glob("*.pdf"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True,
                              text=True).stdout
        pages += int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    summary = re.search(r"\x1b\[K(\d+) PDFs in (.*), (\d+) pages, "
                        r"(\d+,\d) s\r\n$", text)
    t.check("a terminal gets the summary: PDFs, folder, pages, seconds", [
        not summary and "output: %r" % text[-300:],
        summary and summary.groups()[:3] != (str(n), "%s/" % out, str(pages))
        and "summary %r, expected %d PDFs in %s/, %d pages"
        % (summary.groups(), n, out, pages)])
    code, text = on_tty("--quiet")
    t.check("--quiet: no progress line", [
        code and "exit %d" % code, text.strip() and "output: %r" % text])


def test_incremental(t, tmp):
    work = Path(tmp) / "inc"
    shutil.copytree("inputs", work / "inputs")
    out = work / "out"
    files = sorted(str(p) for p in (work / "inputs/meetings").glob("*.yaml"))

    def run():
        return dossier("render", "--incremental", *files, "-o", str(out))

    r = run()
    manifest = json.loads((out / "manifest.json").read_text())
    docs = manifest.get("documents", [])
    problems = [r.returncode and r.stderr, len(docs) != len(files) and
                "%d records for %d files" % (len(docs), len(files))]
    for d in docs:
        pdf = out / d["output"]
        data = pdf.read_bytes()
        if d["sha256"] != hashlib.sha256(data).hexdigest():
            problems.append("%s: sha256 differs" % d["output"])
        if d["bytes"] != len(data) or d["pages"] < 1:
            problems.append("%s: bytes %d pages %d" % (d["output"], d["bytes"],
                                                       d["pages"]))
        if d["source"] not in d["inputs"] or len(d["inputs"]) < 3:
            problems.append("%s: inputs %s" % (d["output"], d["inputs"]))
        for path, sha in d["inputs"].items():
            # relative to out/, or to dossier's data folder ("dossier:")
            where = (Path(os.environ.get("DOSSIER_HOME", REPO)) /
                     path[len("dossier:"):] if path.startswith("dossier:")
                     else out / path)
            if path.startswith("/"):
                problems.append("%s: absolute path %s" % (d["output"], path))
            elif hashlib.sha256(where.read_bytes()).hexdigest() != sha:
                problems.append("%s: hash of %s" % (d["output"], path))
    t.check("--incremental writes manifest.json with hashes, pages, bytes",
            problems)

    before = inodes(out)
    r = run()
    t.check("--incremental again: nothing is rendered", [
        r.returncode and r.stderr, inodes(out) != before and "PDFs rewritten"])

    changed = Path(files[0])
    changed.write_text(changed.read_text() + "# edited\n")
    damaged = sorted(out.glob("*.pdf"))[-1]
    damaged.write_bytes(b"%PDF-1.5\n% damaged\n")
    before = inodes(out)
    r = run()
    after = inodes(out)
    redone = sorted(n for n in after if after[n] != before.get(n))
    want_id = next(d["output"] for d in docs
                   if d["source"] == os.path.relpath(changed, out))
    t.check("a changed meeting file and a damaged PDF are rendered again, "
            "and only they", [
                r.returncode and r.stderr,
                redone != sorted({want_id, damaged.name}) and
                "redone: %s" % redone])


def test_manifest_moves_with_its_files(t, tmp):
    """Paths in manifest.json are relative to out/ and to dossier's data:
    the folder moved as a whole, and run from another working directory,
    is still up to date."""
    work = Path(tmp) / "movable"
    shutil.copytree("inputs", work / "inputs")
    files = sorted(p.relative_to(work) for p in
                   (work / "inputs/meetings").glob("*.yaml"))
    r = dossier("render", "--incremental", *files, "-o", "out", cwd=work)
    moved = Path(tmp) / "moved-elsewhere"
    shutil.move(str(work), str(moved))
    before = inodes(moved / "out")
    r2 = dossier("render", "--incremental", *[moved / f for f in files],
                 "-o", moved / "out", cwd=tmp)
    t.check("a manifest moves with its files: nothing rendered again", [
        r.returncode and r.stderr, r2.returncode and r2.stderr,
        inodes(moved / "out") != before and "PDFs rewritten"])


def incremental_in(home, out):
    """An --incremental render of every meeting with DOSSIER_HOME=home."""
    env = dict(os.environ, DOSSIER_HOME=str(home))
    return lambda: dossier("render", "--incremental", *meetings(), "-o",
                           str(out), env=env)


def not_rendered_again(before, after):
    """A problem when some output kept its file (inode) across a run."""
    kept = [n for n in after if after[n] == before.get(n)]
    return kept and "not rendered again: %s" % kept


def test_incremental_fonts(t, tmp):
    """A DOSSIER_HOME of its own, whose fonts can change."""
    home = Path(tmp) / "home"
    (home / "fonts" / "derived").mkdir(parents=True)
    os.symlink(REPO / "layouts", home / "layouts")
    shutil.copy(REPO / "fonts" / "fonts.conf", home / "fonts")
    os.symlink(REPO / "fonts" / "derived" / "noto",
               home / "fonts" / "derived" / "noto")
    sums = home / "fonts" / "derived" / "noto.sha256"
    shutil.copy(REPO / "fonts" / "derived" / "noto.sha256", sums)
    out = Path(tmp) / "inc-fonts"
    run = incremental_in(home, out)
    r = run()
    manifest = json.loads((out / "manifest.json").read_text())
    recorded = [d for d in manifest["documents"]
                if "dossier:fonts/derived/noto.sha256" in d["inputs"]]
    before = inodes(out)
    r2 = run()
    unchanged = inodes(out) == before
    sums.write_text(sums.read_text().replace("NotoSans-Regular.ttf",
                                             "NotoSans-Regular.ttf "))
    r3 = run()
    after = inodes(out)
    t.check("new fonts render every file again", [
        r.returncode and r.stderr, r2.returncode and r2.stderr,
        r3.returncode and r3.stderr,
        len(recorded) != len(meetings()) and
        "%d of %d records name %s" % (len(recorded), len(meetings()), sums),
        not unchanged and "rendered again with the same fonts",
        not_rendered_again(before, after)])


def test_incremental_word_list(t, tmp):
    """A new word in layouts/hyphenation-nl.txt can move every line."""
    home = Path(tmp) / "home-words"
    (home / "fonts").mkdir(parents=True)
    shutil.copytree(REPO / "layouts", home / "layouts")
    shutil.copy(REPO / "fonts" / "fonts.conf", home / "fonts")
    os.symlink(REPO / "fonts" / "derived", home / "fonts" / "derived")
    words = home / "layouts" / "hyphenation-nl.txt"
    out = Path(tmp) / "inc-words"
    run = incremental_in(home, out)
    r = run()
    before = inodes(out)
    words.write_text(words.read_text() + "bond-ge-no-ten\n")
    r2 = run()
    after = inodes(out)
    t.check("a changed hyphenation word list renders every file again", [
        r.returncode and r.stderr, r2.returncode and r2.stderr,
        not_rendered_again(before, after)])


def long_report(tmp, name, pages=150):
    """A generated report (tests/gen_report.py) of about PAGES pages, with
    id NAME: long enough that its PDF takes a while to write."""
    text = subprocess.run([sys.executable, "tests/gen_report.py", str(pages)],
                          capture_output=True, text=True, check=True).stdout
    path = Path(tmp) / (name + ".yaml")
    path.write_text(text.replace("id: bench-report-%d" % pages, "id: " + name))
    return str(path)


def temps(folder):
    return sorted(p.name for p in Path(folder).iterdir() if ".tmp-" in p.name)


def start_render(*args):
    return subprocess.Popen([DOSSIER, "render", *args],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)


def wait_for_temp(proc, folder, limit=120):
    """Poll until a temporary file shows up in folder (the PDF is being
    written); its names, or [] when proc ended first."""
    end = time.monotonic() + limit
    while proc.poll() is None and time.monotonic() < end:
        if Path(folder).is_dir() and temps(folder):
            return temps(folder)
        time.sleep(0.002)
    return []


def gone(pid):
    """True when pid has exited (a zombie no init reaps counts as gone)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rpartition(")")[2].split()[0] == "Z"
    except OSError:
        return True


def dead_pid():
    """The PID of a process that has just exited."""
    p = subprocess.Popen(["true"])
    p.wait()
    return p.pid


def test_stale_temp_removed(t, tmp):
    out = Path(tmp) / "killed"
    out.mkdir()
    report = long_report(tmp, "killed-report")
    proc = start_render(report, "-o", str(out))
    seen = wait_for_temp(proc, out)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    left = temps(out)
    # Beside it, files the next run must leave alone: a name of the form
    # whose writer holds its lock (alive on another host, say), one whose
    # PID is alive (a writer between mkstemp and flock), and names that
    # are not exactly ours. And one it must remove: a dead PID, no lock.
    dead = dead_pid()
    keep = ["a.pdf.tmp-%d-Locked" % dead, "b.pdf.tmp-%d-PidOk1" % os.getpid(),
            "c.pdf.tmp-%d-short" % dead, "d.pdf.tmp-%d-Abc123.bak" % dead,
            "e.pdf.tmp-0%d-Abc123" % dead, "f.pdf.tmp-%d-Abc123" % dead + "/",
            "g.pdf.tmp-%d-Sym123" % dead, "notes.txt"]
    for name in keep:
        if name.endswith("/"):
            (out / name).mkdir()
        elif name.startswith("g."):
            os.symlink("notes.txt", out / name)
        else:
            (out / name).write_bytes(b"x")
    (out / ("h.pdf.tmp-%d-Stale1" % dead)).write_bytes(b"x")
    locked = open(out / keep[0], "rb")
    fcntl.flock(locked, fcntl.LOCK_EX)
    r = dossier("render", "inputs/meetings/2025-12-03-fmm.yaml", "-o", str(out))
    locked.close()
    after = sorted(p.name for p in out.iterdir())
    want = sorted([n.rstrip("/") for n in keep] + ["fmm-2025-12.pdf"])
    t.check("a render killed while writing leaves its temporary file, the "
            "next run removes it and only what is stale", [
                not seen and "no temporary file was seen",
                (left != seen or len(left) != 1) and
                "left by the kill: %s (seen %s)" % (left, seen),
                r.returncode and r.stderr,
                after != want and "folder holds %s, expected %s" %
                (after, want)])


def test_live_temp_kept(t, tmp):
    """Run B starts while run A writes into the same folder (A stopped,
    so that it holds its temporary file for sure): A still succeeds."""
    out = Path(tmp) / "concurrent"
    out.mkdir()
    report = long_report(tmp, "live-report")
    a = start_render(report, "-o", str(out))
    seen = wait_for_temp(a, out)
    a.send_signal(signal.SIGSTOP)
    b = dossier("render", "inputs/meetings/2025-12-03-fmm.yaml", "-o", str(out))
    during = temps(out)
    a.send_signal(signal.SIGCONT)
    a.wait()
    pdf = out / "live-report.pdf"
    t.check("a run never removes the temporary file of a concurrent run", [
        not seen and "no temporary file was seen",
        b.returncode and b.stderr,
        during != seen and "during B: %s, before: %s" % (during, seen),
        a.returncode and "A: exit %d" % a.returncode,
        not (pdf.is_file() and pdf.read_bytes().startswith(b"%PDF-")) and
        "A wrote no PDF",
        temps(out) and "left: %s" % temps(out)])


def test_workers_die_with_parent(t, tmp):
    out = Path(tmp) / "orphans"
    files = [long_report(tmp, "orphan-%d" % i) for i in range(4)]
    main = start_render(*files, "-o", str(out), "-j", "2")
    seen = wait_for_temp(main, out)
    try:
        with open("/proc/%d/task/%d/children" % (main.pid, main.pid)) as f:
            workers = [int(w) for w in f.read().split()]
    except OSError:
        workers = []
    main.send_signal(signal.SIGKILL)
    main.wait()
    at_kill = sorted(out.glob("*.pdf"))
    end = time.monotonic() + 5
    while time.monotonic() < end and not all(gone(w) for w in workers):
        time.sleep(0.01)
    alive = [w for w in workers if not gone(w)]
    time.sleep(3)  # longer than the rest of one render
    later = sorted(out.glob("*.pdf"))
    r = dossier("render", "inputs/meetings/2025-12-03-fmm.yaml", "-o", str(out))
    t.check("killing the main process of -j 2 takes its workers with it: "
            "no PDF appears afterwards", [
                not seen and "no temporary file was seen",
                len(workers) != 2 and "workers: %s" % workers,
                alive and "workers alive 5 s after: %s" % alive,
                later != at_kill and "PDFs at the kill: %s, later: %s" %
                ([p.name for p in at_kill], [p.name for p in later]),
                r.returncode and r.stderr,
                temps(out) and "the next run left %s" % temps(out)])


def test_long_document_let_go_early(t, tmp):
    """A long document (over 64 KB of text) drawn by one writer lets its
    blocks, texts and lines go as its pages are drawn (dl_drawn() and
    the per-block release); with --archive two writers draw it and
    nothing goes early. The PDF must be the same bytes either way, and
    under `make sanitize` this is where a use after free would show."""
    report = long_report(tmp, "long-report", pages=120)
    one, two = Path(tmp) / "one-writer", Path(tmp) / "two-writers"
    a = dossier("render", report, "-o", str(one))
    b = dossier("render", report, "--archive", "-o", str(two))
    pa, pb = one / "long-report.pdf", two / "long-report.pdf"
    t.check("a long document gives the same PDF whether its stages are "
            "let go as pages are drawn (one writer) or kept (--archive)", [
                a.returncode and "one writer: %s" % a.stderr,
                b.returncode and "two writers: %s" % b.stderr,
                not a.returncode and not b.returncode and
                pa.read_bytes() != pb.read_bytes() and
                "the PDFs differ (%d and %d bytes)" % (
                    pa.stat().st_size, pb.stat().st_size)])


def test_usage(t):
    for args in (["-j", "0"], ["-jx"], ["-j"]):
        r = dossier("render", *meetings()[:1], "-o", "/tmp", *args)
        t.check("render %s gives 2" % " ".join(args), [
            r.returncode != 2 and "exit %d" % r.returncode])


def main():
    os.chdir(REPO)
    t = Tally()
    with tempfile.TemporaryDirectory() as tmp:
        out = test_mixed_batch(t, tmp)
        test_same_bytes(t, tmp, out)
        test_quiet_and_progress(t, tmp)
        test_manifest_moves_with_its_files(t, tmp)
        test_incremental(t, tmp)
        test_incremental_fonts(t, tmp)
        test_incremental_word_list(t, tmp)
        test_stale_temp_removed(t, tmp)
        test_live_temp_kept(t, tmp)
        test_workers_die_with_parent(t, tmp)
        test_long_document_let_go_early(t, tmp)
    test_usage(t)
    return t.end()


if __name__ == "__main__":
    sys.exit(main())
