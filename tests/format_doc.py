#!/usr/bin/env python3
"""What a newcomer reads is true: the format reference, the schemas, the help.

- Keys: every key table of the parser (each `static const struct field
  NAME[]` in render/*.c, found by a regular expression, so a key another
  engineer adds is seen at once) has a table in inputs/README.md under a
  `<!-- keys: NAME = SCHEMA#POINTER ... -->` marker, with the same keys and
  the same ones required, and the JSON Schema objects the marker names
  have the same properties and required keys. The chart types and units
  the parser accepts are the schema's enums.
- Examples: every ```yaml block of inputs/README.md is a complete file
  whose first line is `# file: meetings/NAME.yaml` or `# file:
  data/NAME.yaml`; they are written to a temporary folder as named, every
  meeting file among them passes `dossier check` and renders.
- Schemas: with ajv (installed by `make deps` into build/npm when npm is
  there), every file of inputs/meetings and inputs/data and every example
  is valid against its schema, read as YAML 1.2 as yaml-language-server
  reads it; without node or ajv this part is skipped with a note.
- Help: `dossier help [COMMAND]`, `COMMAND --help` and `-h` print the
  exact texts on stdout with exit 0; usage errors print the exact line and
  the pointer to the help on stderr with exit 2.

    /usr/bin/python3 tests/format_doc.py        all of it
    DOSSIER=path /usr/bin/python3 tests/format_doc.py   another build
"""

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOSSIER = os.environ.get("DOSSIER", str(REPO / "build" / "dossier"))
FORMAT_DOC = REPO / "inputs" / "README.md"
NPM_DIR = REPO / "build" / "npm"


class Tally:
    def __init__(self):
        self.passed = self.failed = self.skipped = 0

    def report(self, what, problems):
        problems = [p for p in problems if p]
        if problems:
            self.failed += 1
            print("FAIL  %s\n      %s" % (what, "\n      ".join(problems)))
        else:
            self.passed += 1
            print("ok    %s" % what)

    def skip(self, what, why):
        self.skipped += 1
        print("skip  %s: %s" % (what, why))


def dossier(*args):
    return subprocess.run([DOSSIER] + [str(a) for a in args],
                          capture_output=True, text=True, errors="replace")


# ---- help ----

HELP_OVERVIEW = """\
usage: dossier COMMAND [ARGS...]

dossier sets meeting documents written in YAML (annotated agendas, reports,
briefing packs) as PDFs with Dutch typography.

  render FILE... -o DIR      write DIR/<id>.pdf for each meeting file
  check FILE...              check meeting files; write nothing
  chart FILE --id ID -o OUT  write one chart alone: .svg, .png or .pdf
  mail FILE... --smtp URL    mail each PDF to the file's 'distribution'
  help [COMMAND]             this text, or the options of COMMAND

  dossier COMMAND --help     the options of COMMAND, as 'dossier help COMMAND'
  dossier --version          the version

FILE is a meeting document (inputs/meetings/*.yaml); its format is described
in inputs/README.md, and in the manual page dossier(1). Exit status: 0 done,
2 usage, 65 bad data, 66 an input cannot be read, 70 dossier failed,
73 an output cannot be written.
"""

HELP = {
    "render": """\
usage: dossier render FILE... -o DIR [-j N] [-q] [--incremental]
                      [--archive] [--preview]

Writes DIR/<id>.pdf for each meeting file, <id> being the file's 'id'. Several
files are rendered by worker processes at once; a bad file takes only itself
down. A failed run never leaves a partial PDF nor replaces a good one.

  -o, --output DIR   where the PDFs go; made when missing
  -j, --jobs N       render N files at once (default: the number of cores)
  -q, --quiet        no progress line, only errors
  --incremental      render only what changed since DIR/manifest.json, and
                     record what was rendered there
  --archive          also DIR/<id>.archief.pdf, a PDF/A-1b archive copy
  --preview          also DIR/<id>.png, page 1 at 96 dpi
  -h, --help         this text

Exit status: 0 done, 2 usage, 65 bad data, 66 an input cannot be read,
70 dossier failed, 73 an output cannot be written; with several files, that
of the first that failed.
""",
    "check": """\
usage: dossier check FILE...

Reads each meeting file as render does, with the data files, agenda and
annexes it names, and prints every problem as file:line:col: message.
Writes nothing. A layout that does not exist, a character no font has and a
chart too tall for a page are found only by render.

  -h, --help   this text

Exit status: 0 every file is valid, 2 usage, 65 bad data, 66 an input cannot
be read.
""",
    "chart": """\
usage: dossier chart FILE --id ID -o OUT [--width PX]

Writes the chart ID of the meeting file FILE (from its 'charts' or its data
files) alone, drawn as in the document, to OUT: .svg, .png or .pdf by its
ending.

  --id ID            the chart's 'id'
  -o, --output OUT   the file to write
  --width PX         the width of a .png in pixels, 16 to 20000 (default: the
                     layout's chart png_width_px, 1200 in kamerbrief)
  -h, --help         this text

Exit status: 0 done, 2 usage, 65 bad data or no chart ID, 66 FILE cannot be
read, 73 OUT cannot be written.
""",
    "help": """\
usage: dossier help [COMMAND]

Without COMMAND: what dossier does and its commands. With one of render, check,
chart, mail or help: what that command takes. 'dossier COMMAND --help' and
'dossier COMMAND -h' print the same.

Exit status: 0 done, 2 an unknown command.
""",
}

SHORT_USAGE = """\
usage: dossier COMMAND [ARGS...]
commands: render, check, chart, mail, help
run 'dossier help' for what each does, 'dossier help COMMAND' for its options
"""

COMMANDS = "(commands: render, check, chart, mail, help)"
SEED = "inputs/meetings/2025-12-03-fmm.yaml"

# (arguments, the exact stderr); each exits 2 and prints nothing on stdout.
USAGE_ERRORS = [
    ([], SHORT_USAGE),
    (["rendr", SEED],
     "dossier: unknown command 'rendr'; did you mean 'render'? %s\n"
     "run 'dossier help' for more\n" % COMMANDS),
    (["mial"],
     "dossier: unknown command 'mial'; did you mean 'mail'? %s\n"
     "run 'dossier help' for more\n" % COMMANDS),
    (["frobnicate"],
     "dossier: unknown command 'frobnicate' %s\n"
     "run 'dossier help' for more\n" % COMMANDS),
    (["--verbose"],
     "dossier: unknown option '--verbose' before the command\n"
     "run 'dossier help' for more\n"),
    (["help", "chek"],
     "dossier: unknown command 'chek'; did you mean 'check'? %s\n"
     "run 'dossier help' for more\n" % COMMANDS),
    (["help", "render", "check"],
     "dossier help: one command only; got also 'check'\n"
     "run 'dossier help help' for more\n"),
    (["render", SEED],
     "dossier render: say where the PDFs go with -o DIR\n"
     "run 'dossier help render' for more\n"),
    (["render", "-o", "out"],
     "dossier render: name at least one meeting file\n"
     "run 'dossier help render' for more\n"),
    (["render", SEED, "-o"],
     "dossier render: '-o' needs a value\n"
     "run 'dossier help render' for more\n"),
    (["render", SEED, "-o", "out", "--colour"],
     "dossier render: unknown option '--colour'\n"
     "run 'dossier help render' for more\n"),
    (["render", SEED, "-o", "out", "-j", "0"],
     "dossier render: '-j' needs a number of files at once; got '0'\n"
     "run 'dossier help render' for more\n"),
    (["check"],
     "dossier check: name at least one meeting file\n"
     "run 'dossier help check' for more\n"),
    (["check", SEED, "-o", "out"],
     "dossier check: check takes no options, only meeting files; got '-o'\n"
     "run 'dossier help check' for more\n"),
    (["chart", "--id", "navo-norm", "-o", "x.svg"],
     "dossier chart: name the meeting file that holds the chart\n"
     "run 'dossier help chart' for more\n"),
    (["chart", SEED, "-o", "x.svg"],
     "dossier chart: say which chart with --id ID\n"
     "run 'dossier help chart' for more\n"),
    (["chart", SEED, "--id", "navo-norm"],
     "dossier chart: say where the chart goes with -o OUT\n"
     "run 'dossier help chart' for more\n"),
    (["chart", SEED, "--id"],
     "dossier chart: '--id' needs a value\n"
     "run 'dossier help chart' for more\n"),
    (["chart", SEED, SEED, "--id", "navo-norm", "-o", "x.svg"],
     "dossier chart: one meeting file only; got also '%s'\n"
     "run 'dossier help chart' for more\n" % SEED),
    (["chart", SEED, "--id", "navo-norm", "-o", "x.gif"],
     "dossier chart: the output of chart must end in .svg, .png or .pdf; "
     "got 'x.gif'\nrun 'dossier help chart' for more\n"),
    (["chart", SEED, "--id", "navo-norm", "-o", "x.png", "--width", "9"],
     "dossier chart: '--width' must be a number of pixels from 16 to 20000; "
     "got '9'\nrun 'dossier help chart' for more\n"),
]


def expect_stdout(t, what, args, text):
    r = dossier(*args)
    t.report(what, [
        r.returncode != 0 and "exit %d" % r.returncode,
        r.stdout != text and "stdout was:\n%s\nexpected:\n%s" % (r.stdout, text),
        r.stderr and "stderr: %r" % r.stderr])


def test_help(t):
    expect_stdout(t, "dossier help prints the overview", ["help"],
                  HELP_OVERVIEW)
    for flag in ("--help", "-h"):
        expect_stdout(t, "dossier %s prints the overview" % flag, [flag],
                      HELP_OVERVIEW)
    for cmd, text in HELP.items():
        expect_stdout(t, "dossier help %s" % cmd, ["help", cmd], text)
        for flag in ("--help", "-h"):
            expect_stdout(t, "dossier %s %s" % (cmd, flag), [cmd, flag], text)
    expect_stdout(t, "--help after other arguments still asks for help",
                  ["render", SEED, "-o", "out", "--help"], HELP["render"])
    # mail's text is mail.c's own; help and --help must give the same one.
    mail_help = dossier("mail", "--help")
    expect_stdout(t, "dossier help mail is dossier mail --help",
                  ["help", "mail"], mail_help.stdout)
    expect_stdout(t, "dossier mail -h is dossier mail --help", ["mail", "-h"],
                  mail_help.stdout)
    t.report("dossier mail --help starts with its usage", [
        not mail_help.stdout.startswith("usage: dossier mail ")
        and "stdout: %r" % mail_help.stdout[:200]])
    version = dossier("--version")
    t.report("dossier --version", [
        (version.returncode, version.stderr) != (0, "")
        and "exit %d, stderr %r" % (version.returncode, version.stderr),
        not re.fullmatch(r"dossier \d+\.\d+\.\d+\n", version.stdout)
        and "stdout %r" % version.stdout])


def test_usage_errors(t):
    for args, text in USAGE_ERRORS:
        r = dossier(*args)
        t.report("dossier %s is a short usage error" % " ".join(args), [
            r.returncode != 2 and "exit %d" % r.returncode,
            r.stderr != text and "stderr was:\n%s\nexpected:\n%s"
            % (r.stderr, text),
            r.stdout and "stdout: %r" % r.stdout])


def main():
    os.chdir(REPO)
    t = Tally()
    test_help(t)
    test_usage_errors(t)
    print("%d passed, %d failed, %d skipped"
          % (t.passed, t.failed, t.skipped))
    return 1 if t.failed else 0


if __name__ == "__main__":
    sys.exit(main())
