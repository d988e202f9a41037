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

sys.path.insert(0, str(Path(__file__).resolve().parent))
from harness import DOSSIER, REPO, Tally  # noqa: E402  one harness

FORMAT_DOC = REPO / "inputs" / "README.md"
NPM_DIR = REPO / "build" / "npm"


def dossier(*args):
    return subprocess.run([DOSSIER] + [str(a) for a in args],
                          capture_output=True, text=True, errors="replace")


# ---- the parser's keys, the reference and the schemas ----

FIELD_TABLE = re.compile(
    r"static\s+const\s+struct\s+field\s+(\w+)\s*\[[^\]]*\]\s*=\s*\{(.*?)\};",
    re.S)
# { "key", required } or { "key", required, rich text }
FIELD = re.compile(r'\{\s*"([^"]+)"\s*,\s*(true|false)\s*(?:,\s*(?:true|false)\s*)?\}')
DOC_MARKER = re.compile(r"<!-- keys: (\w+) = ([^>]*?) -->\n((?:\|.*\n)+)")


def parser_tables():
    """{table name: {key: required}} from every key table of the parser
    (render/parse*.c; layout.c's tables are the layouts', not the format's)."""
    tables = {}
    for src in sorted((REPO / "render").glob("parse*.c")):
        for name, body in FIELD_TABLE.findall(src.read_text(encoding="utf-8")):
            tables[name] = {k: r == "true" for k, r in FIELD.findall(body)}
    return tables


def doc_tables(text):
    """{table name: (schema pointers, {key: required})} from the markers."""
    tables = {}
    for name, pointers, rows in DOC_MARKER.findall(text):
        keys = {}
        for row in rows.splitlines()[2:]:
            cells = [c.strip() for c in row.strip().strip("|").split("|")]
            m = re.fullmatch(r"`([^`]+)`", cells[0])
            if m:
                keys[m.group(1)] = cells[2] == "required"
        tables[name] = (pointers.split(), keys)
    return tables


def schema_object(pointer):
    """(properties, required) of the object a SCHEMA#/POINTER names."""
    file, _, path = pointer.partition("#")
    node = json.loads((REPO / "inputs" / file).read_text(encoding="utf-8"))
    for part in [p for p in path.split("/") if p]:
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return set(node.get("properties", {})), set(node.get("required", []))


def test_keys(t):
    parsed = parser_tables()
    documented = doc_tables(FORMAT_DOC.read_text(encoding="utf-8"))
    t.report("the parser's key tables are found (%d)" % len(parsed), [
        len(parsed) < 9 and "only %s" % sorted(parsed)])
    for name, fields in sorted(parsed.items()):
        what = "%s: %s" % (name, ", ".join(fields))
        if name not in documented:
            t.report(what, ["no '<!-- keys: %s = SCHEMA#POINTER -->' table in %s"
                            % (name, FORMAT_DOC.relative_to(REPO))])
            continue
        pointers, keys = documented[name]
        problems = []
        for k in fields:
            if k not in keys:
                problems.append("'%s' is not in the table of inputs/README.md" % k)
            elif keys[k] != fields[k]:
                problems.append("'%s' is %s in the parser, not in inputs/README.md"
                                % (k, "required" if fields[k] else "optional"))
        for k in keys:
            if k not in fields:
                problems.append("inputs/README.md documents '%s', which the "
                                "parser does not know" % k)
        required = {k for k, r in fields.items() if r}
        for pointer in pointers:
            try:
                props, req = schema_object(pointer)
            except (KeyError, OSError, ValueError) as e:
                problems.append("%s: no such schema object (%s)" % (pointer, e))
                continue
            for k in sorted(set(fields) - props):
                problems.append("%s lacks '%s'" % (pointer, k))
            for k in sorted(props - set(fields)):
                problems.append("%s has '%s', which the parser does not know"
                                % (pointer, k))
            if req != required:
                problems.append("%s requires %s; the parser %s"
                                % (pointer, sorted(req), sorted(required)))
        t.report(what, problems)
    for name in sorted(set(documented) - set(parsed)):
        t.report("the table %s of inputs/README.md" % name,
                 ["no key table %s in render/*.c" % name])


def c_strings(name):
    """The strings of `static const char *const NAME[] = {...}`."""
    src = (REPO / "render" / "parse_chart.c").read_text(encoding="utf-8")
    m = re.search(r"\b%s\[\]\s*=\s*\{([^}]*)\}" % name, src)
    return re.findall(r'"([^"]*)"', m.group(1)) if m else []


def test_enums(t):
    chart = json.loads((REPO / "inputs" / "data.schema.json")
                       .read_text(encoding="utf-8"))["$defs"]["chart"]
    meeting = json.loads((REPO / "inputs" / "meeting.schema.json")
                         .read_text(encoding="utf-8"))
    text = FORMAT_DOC.read_text(encoding="utf-8")
    # model_doc_kind_name() returns each kind's name, in enum order.
    model_c = (REPO / "render" / "model.c").read_text(encoding="utf-8")
    body = re.search(r"model_doc_kind_name\(.*?\n}", model_c, re.S)
    kinds = re.findall(r'return "([a-z-]+)";', body.group()) if body else []
    for what, parsed, schema in (
            ("chart types", c_strings("chart_types"),
             chart["properties"]["type"]["enum"]),
            ("chart units", c_strings("chart_units"),
             chart["properties"]["unit"]["enum"]),
            ("document kinds", kinds,
             meeting["properties"]["document"]["enum"])):
        t.report("the %s are the schema's and the reference's: %s"
                 % (what, ", ".join(parsed)), [
            not parsed and "none found in render/",
            parsed != schema and "schema: %s" % schema] +
            ["inputs/README.md does not name `%s`" % v
             for v in parsed if "`%s`" % v not in text])


# Exponents YAML 1.1 reads as numbers too: a point and a signed exponent.
EXPONENT = re.compile(r"(?<![\w.'\"-])[-+]?\d+(?:\.\d*)?[eE][-+]?\d+(?![\w.])")
YAML11_EXPONENT = re.compile(r"[-+]?\d+\.\d*[eE][-+]\d+")


def test_exponents(t, files):
    bad = []
    for name, text in files:
        for no, line in enumerate(text.splitlines(), 1):
            if line.lstrip().startswith("#"):
                continue
            for m in EXPONENT.finditer(line):
                if not YAML11_EXPONENT.fullmatch(m.group()):
                    bad.append("%s:%d: %s (write it as %s)" % (
                        name, no, m.group(), "a point and a signed exponent"))
    t.report("every exponent in inputs/ and the examples reads as a number "
             "in YAML 1.1 too (2.5e+9)", bad)


# ---- the examples ----

EXAMPLE = re.compile(r"```yaml\n(.*?)```", re.S)
FILE_LINE = re.compile(r"# file: ((?:meetings|data)/[a-z0-9-]+\.yaml)\n")


def examples():
    """[(relative path, text)] of the reference's ```yaml blocks, or a
    problem for each block that does not name its file."""
    found, problems = [], []
    for block in EXAMPLE.findall(FORMAT_DOC.read_text(encoding="utf-8")):
        m = FILE_LINE.match(block)
        if not m:
            problems.append("a ```yaml block does not start with "
                            "'# file: meetings/NAME.yaml' or 'data/NAME.yaml':\n"
                            + block[:200])
        else:
            found.append((m.group(1), block))
    return found, problems


def test_examples(t, tmp):
    found, problems = examples()
    names = [n for n, _ in found]
    t.report("every ```yaml block of inputs/README.md is a complete, named "
             "file (%d)" % len(found), problems + [
        len(set(names)) != len(names) and "a name twice: %s" % names])
    root = Path(tmp) / "examples"
    for name, text in found:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    meetings = [root / n for n in names if n.startswith("meetings/")]
    kinds = set()
    for path in meetings:
        r = dossier("check", path)
        t.report("dossier check %s" % path.relative_to(root), [
            r.returncode and "exit %d" % r.returncode,
            (r.stdout or r.stderr) and "printed %r" % (r.stdout + r.stderr)])
        m = re.search(r"^document: (\S+)$", path.read_text(encoding="utf-8"), re.M)
        kinds.add(m and m.group(1))
        out = Path(tmp) / "out"
        r = dossier("render", path, "-o", out)
        ident = re.search(r"^id: (\S+)$", path.read_text(encoding="utf-8"), re.M)
        pdf = out / ("%s.pdf" % (ident and ident.group(1)))
        t.report("dossier render %s writes %s" % (path.relative_to(root), pdf.name), [
            r.returncode and "exit %d: %s" % (r.returncode, r.stderr[:500]),
            not (pdf.exists() and pdf.read_bytes().startswith(b"%PDF-"))
            and "no PDF"])
    t.report("the examples show every kind of document", [
        "none is a %s" % k for k in
        ("geannoteerde-agenda", "verslag", "briefing-pack") if k not in kinds])
    types = set(re.findall(r"^\s+type: (\S+)$",
                           "".join(text for _, text in found), re.M))
    t.report("the examples show every type of chart, and targets", [
        "none is a %s" % k for k in c_strings("chart_types") if k not in types] + [
        "targets:" not in "".join(text for _, text in found) and "no targets"])
    return found


def test_messages(t):
    """The messages quoted in 'What bad data gets' are tests/bad's own."""
    text = FORMAT_DOC.read_text(encoding="utf-8")
    part = text[text.index("## What bad data gets"):]
    block = re.search(r"```text\n(.*?)```", part, re.S).group(1)
    expected = set()
    for f in (REPO / "tests" / "bad").glob("*.expect"):
        expected.update(f.read_text(encoding="utf-8").splitlines()[1:])
    lines = block.splitlines()
    t.report("the %d messages quoted in inputs/README.md are those "
             "tests/bad/*.expect pin" % len(lines),
             ["not in tests/bad: %s" % l for l in lines if l not in expected])


# ---- the schemas, with ajv ----

VALIDATE_JS = r"""
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020');
const addFormats = require('ajv-formats');
const YAML = require('yaml');
const [meetingSchema, dataSchema, ...jobs] = process.argv.slice(1);
const ajv = new Ajv2020({ allErrors: true, strict: true,
                          strictRequired: false, allowUnionTypes: true });
addFormats(ajv);
ajv.addSchema(JSON.parse(fs.readFileSync(dataSchema, 'utf8')));
ajv.addSchema(JSON.parse(fs.readFileSync(meetingSchema, 'utf8')));
const out = {};
for (const job of jobs) {
  const i = job.indexOf('=');
  const kind = job.slice(0, i), file = job.slice(i + 1);
  // YAML 1.2, as dossier and yaml-language-server read it.
  const doc = YAML.parse(fs.readFileSync(file, 'utf8'), { version: '1.2' });
  const validate = ajv.getSchema(kind + '.schema.json');
  out[file] = validate(doc) ? [] :
    validate.errors.map(e => `${e.instancePath || '/'} ${e.message}`);
}
console.log(JSON.stringify(out));
"""


def test_schemas(t, tmp):
    node = shutil.which("node")
    modules = NPM_DIR / "node_modules"
    if not node or not (modules / "ajv").is_dir() or not (modules / "yaml").is_dir():
        t.skip("the schemas with ajv",
               "no node, or no ajv in build/npm (make deps installs it "
               "when npm is there)")
        return
    files = [("meeting", p) for p in sorted(REPO.glob("inputs/meetings/*.yaml"))]
    files += [("data", p) for p in sorted(REPO.glob("inputs/data/*.yaml"))]
    for path in sorted((Path(tmp) / "examples").rglob("*.yaml")):
        files.append(("data" if path.parent.name == "data" else "meeting", path))
    r = subprocess.run(
        [node, "-e", VALIDATE_JS, str(REPO / "inputs" / "meeting.schema.json"),
         str(REPO / "inputs" / "data.schema.json")] +
        ["%s=%s" % (k, p) for k, p in files],
        capture_output=True, text=True, env=dict(os.environ, NODE_PATH=str(modules)))
    if r.returncode != 0:
        t.report("ajv loads both schemas (the meeting schema's $ref to the "
                 "data schema resolves)", ["exit %d: %s" % (r.returncode, r.stderr[-2000:])])
        return
    t.report("ajv loads both schemas (the meeting schema's $ref to the "
             "data schema resolves)", [r.stderr and "stderr: %s" % r.stderr])
    results = json.loads(r.stdout)
    for kind, path in files:
        t.report("%s is valid against %s.schema.json" % (
            path.relative_to(REPO) if REPO in path.parents else
            "inputs/README.md's " + path.name, kind), results.get(str(path), ["not validated"]))
    # The schemas must still refuse: a file dossier refuses is refused here.
    bad = Path(tmp) / "refused.yaml"
    bad.write_text("format: 1\nid: x\ndocument: verslag\nagenda: a.yaml\n"
                   "meeting: {name: a, dates: [2025-01-01], place: b}\n"
                   "sections: [{heading: a}]\ndistribution: [{email: a@b.nl}]\n"
                   "charts:\n  - {id: a, type: pie, title: t, unit: eur,\n"
                   "     series: [{values: {2024: 2.5e+9}}]}\n", encoding="utf-8")
    r = subprocess.run(
        [node, "-e", VALIDATE_JS, str(REPO / "inputs" / "meeting.schema.json"),
         str(REPO / "inputs" / "data.schema.json"), "meeting=%s" % bad],
        capture_output=True, text=True, env=dict(os.environ, NODE_PATH=str(modules)))
    got = json.loads(r.stdout)[str(bad)] if r.returncode == 0 else [r.stderr]
    want = ["/document must be equal to constant", "/ must match \"then\" schema",
            "/charts/0/type must be equal to one of the allowed values",
            "/charts/0/series/0 must have required property 'name'",
            "/distribution/0 must have required property 'name'"]
    t.report("the schemas refuse what dossier refuses: 'agenda' outside a "
             "pack, a chart type, a series or recipient without 'name'",
             [] if sorted(got) == sorted(want) else
             ["got %s\nexpected %s" % (got, want)])


# ---- help ----

HELP_OVERVIEW = """\
usage: dossier COMMAND [ARGS...]

dossier sets meeting documents written in YAML (annotated agendas, reports,
briefing packs) as PDFs with Dutch typography.

  render FILE... -o DIR      write DIR/<id>.pdf for each meeting file
  check FILE...              check meeting files; write nothing
  chart FILE --id ID -o OUT  write one chart alone: .svg, .png or .pdf
  mail FILE... --smtp URL    mail each PDF to the file's 'distribution'
  new KIND FILE              write a starting file: agenda, verslag, pack, data
  watch FILE... -o DIR       render, and again whenever an input changes
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
                      [--archive] [--preview] [--root DIR]

Writes DIR/<id>.pdf for each meeting file, <id> being the file's 'id'. Several
files are rendered by worker processes at once; a bad file takes only itself
down. A failed run never leaves a partial PDF nor replaces a good one.

  -o, --output DIR   where the PDFs go; made when missing
  -j, --jobs N       render N files at once (default: the number of cores)
  -q, --quiet        no progress line, only errors
  --incremental      render only what changed since DIR/manifest.json, and
                     record what was rendered there
  --archive          also DIR/<id>.archief.pdf, a PDF/A-1a archive copy
  --preview          also DIR/<id>.png, page 1 at 96 dpi
  --root DIR         the folder whose files a meeting file may load (data,
                     agenda, annexes); default: the meeting file's folder,
                     or the folder above it when that is called 'meetings'
  -h, --help         this text

Exit status: 0 done, 2 usage, 65 bad data, 66 an input cannot be read,
70 dossier failed, 73 an output cannot be written; with several files, that
of the first that failed.
""",
    "check": """\
usage: dossier check FILE... [--root DIR]

Reads each meeting file as render does, with the data files, agenda and
annexes it names, and the layout, and prints every problem as
file:line:col: message. Writes nothing. It sets the document as render
does, so a file check accepts renders.

  --root DIR   the folder whose files a meeting file may load, as for render
  -h, --help   this text

Exit status: 0 every file is valid, 2 usage, 65 bad data, 66 an input cannot
be read.
""",
    "chart": """\
usage: dossier chart FILE --id ID -o OUT [--width PX] [--root DIR]

Writes the chart ID of FILE alone, drawn as in the document, to OUT: .svg, .png
or .pdf by its ending. FILE is a meeting file (the chart from its 'charts' or
its data files) or a data file. A PDF's date is the meeting file's 'date', else
SOURCE_DATE_EPOCH, else the meeting's first day; for a data file
SOURCE_DATE_EPOCH, else 1970-01-01. Never the clock.

  --id ID            the chart's 'id'
  -o, --output OUT   the file to write
  --width PX         the width of a .png in pixels, 16 to 20000 (default: the
                     layout's chart png_width_px, 1200 in kamerbrief)
  --root DIR         the folder whose files FILE may load, as for render
  -h, --help         this text

Exit status: 0 done, 2 usage, 65 bad data or no chart ID, 66 FILE cannot be
read, 73 OUT cannot be written.
""",
    "help": """\
usage: dossier help [COMMAND]

Without COMMAND: what dossier does and its commands. With one of render, check,
chart, mail, new or help: what that command takes. 'dossier COMMAND --help'
and 'dossier COMMAND -h' print the same.

Exit status: 0 done, 2 an unknown command.
""",
    "new": """\
usage: dossier new agenda|verslag|pack|data FILE

Writes FILE as a starting file of that kind: a geannoteerde agenda, a verslag,
a briefing pack, or a data file of charts. It holds every required key with an
example value, its id made from the file's name, and the schema hint on its
first line, so that an editor checks it as you type. 'dossier check' accepts
it as it is; fill it in from inputs/README.md. An existing file is never
overwritten.

  -h, --help   this text

Exit status: 0 done, 2 usage, 73 FILE exists already or cannot be written.
""",
    "watch": """\
usage: dossier watch FILE... -o DIR [--root DIR]

Renders each meeting file as render does, then again within a fraction of a
second whenever it, its data files, agenda or annexes, the layout or the
hyphenation word list change, printing one line per render with its time, or
its errors. A save with a mistake leaves the last good PDF in place. PDF
viewers that reload a changed file then follow the edits. Stop it with Ctrl-C.

  -o, --output DIR   where the PDFs go; made when missing
  --root DIR         the folder whose files a meeting file may load, as for
                     render
  -h, --help         this text

Exit status: 2 usage, 66 the fonts or patterns cannot be loaded, 70 files
cannot be watched here; otherwise it runs until stopped.
""",
}

SHORT_USAGE = """\
usage: dossier COMMAND [ARGS...]
commands: render, check, chart, mail, new, watch, help
run 'dossier help' for what each does, 'dossier help COMMAND' for its options
"""

COMMANDS = "(commands: render, check, chart, mail, new, watch, help)"
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
     "dossier check: check takes no options but --root, only meeting files; got '-o'\n"
     "run 'dossier help check' for more\n"),
    (["chart", "--id", "navo-norm", "-o", "x.svg"],
     "dossier chart: name the meeting or data file that holds the chart\n"
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
     "dossier chart: one file only; got also '%s'\n"
     "run 'dossier help chart' for more\n" % SEED),
    (["chart", SEED, "--id", "navo-norm", "-o", "x.gif"],
     "dossier chart: the output of chart must end in .svg, .png or .pdf; "
     "got 'x.gif'\nrun 'dossier help chart' for more\n"),
    (["new"],
     "dossier new: say which kind of file: agenda, verslag, pack or data\n"
     "run 'dossier help new' for more\n"),
    (["new", "brief", "x.yaml"],
     "dossier new: the kind must be agenda, verslag, pack or data; got "
     "'brief'\nrun 'dossier help new' for more\n"),
    (["new", "agenda"],
     "dossier new: name the file to write, such as "
     "inputs/meetings/my-meeting.yaml\nrun 'dossier help new' for more\n"),
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


def test_new(t, tmp):
    """dossier new writes, for each kind, a file with the schema hint that
    check accepts (a data file through a meeting that names it); it never
    overwrites a file."""
    root = Path(tmp) / "new" / "inputs"
    (root / "meetings").mkdir(parents=True)
    (root / "data").mkdir()
    for schema in ("meeting.schema.json", "data.schema.json"):
        shutil.copy(REPO / "inputs" / schema, root / schema)
    made = []
    for kind in ("agenda", "verslag", "pack", "data"):
        folder = "data" if kind == "data" else "meetings"
        path = root / folder / ("Nieuwe %s.yaml" % kind)
        r = dossier("new", kind, path)
        text = path.read_text(encoding="utf-8") if path.exists() else ""
        schema = "data" if kind == "data" else "meeting"
        t.report("dossier new %s writes a file with the schema hint" % kind, [
            (r.returncode, r.stdout, r.stderr) != (0, "", "")
            and "exit %d: %s" % (r.returncode, r.stderr),
            not text.startswith("# yaml-language-server: $schema=../%s"
                                ".schema.json\n" % schema)
            and "begins %r" % text[:80]])
        made.append(path)
    user = root / "meetings" / "uses-data.yaml"
    user.write_text((root / "meetings" / "Nieuwe verslag.yaml").read_text()
                    .replace("id: nieuwe-verslag", "id: gebruikt-data")
                    + "data: [../data/Nieuwe data.yaml]\n"
                    "intro_charts: [nieuwe-data]\n", encoding="utf-8")
    r = dossier("check", *made[:3], user)
    t.report("dossier check accepts what dossier new wrote", [
        (r.returncode, r.stderr) != (0, "") and
        "exit %d: %s" % (r.returncode, r.stderr)])
    before = made[0].read_bytes()
    r = dossier("new", "verslag", made[0])
    t.report("dossier new never overwrites a file (exit 73)", [
        r.returncode != 73 and "exit %d" % r.returncode,
        r.stderr != "%s: there is a file of that name already; dossier new "
        "never overwrites one: name a new file\n" % made[0]
        and "stderr %r" % r.stderr,
        made[0].read_bytes() != before and "the file changed",
        sorted(p.name for p in made[0].parent.iterdir()) !=
        sorted(["Nieuwe agenda.yaml", "Nieuwe verslag.yaml",
                "Nieuwe pack.yaml", "uses-data.yaml"])
        and "left: %s" % sorted(made[0].parent.iterdir())])
    return made


def test_manual_page(t):
    """render/dossier.1 is clean roff and names what the help texts name."""
    page = REPO / "render" / "dossier.1"
    roff = page.read_text(encoding="utf-8").replace("\\-", "-")
    helps = [HELP_OVERVIEW] + list(HELP.values()) + [dossier("mail", "--help").stdout]
    options = sorted({o for text in helps
                      for o in re.findall(r"(?<![\w-])--?[a-z][a-z-]*", text)})
    t.report("render/dossier.1 names every command and option of the help "
             "(%d)" % len(options),
             ["'%s' is not in render/dossier.1" % o for o in options
              + ["render", "check", "chart", "mail", "new", "help"]
              if o not in roff])
    groff = shutil.which("groff")
    if not groff:
        t.skip("render/dossier.1 with groff", "no groff")
        return
    r = subprocess.run([groff, "-man", "-Tutf8", "-ww", "-z", str(page)],
                       capture_output=True, text=True)
    t.report("groff -man -ww reads render/dossier.1 without a warning", [
        (r.returncode or r.stderr) and "exit %d: %s" % (r.returncode, r.stderr)])


def main():
    os.chdir(REPO)
    t = Tally()
    test_keys(t)
    test_enums(t)
    test_messages(t)
    with tempfile.TemporaryDirectory() as tmp:
        found = test_examples(t, tmp)
        inputs = [(str(p.relative_to(REPO)), p.read_text(encoding="utf-8"))
                  for p in sorted(REPO.glob("inputs/*/*.yaml"))]
        test_exponents(t, inputs + [("inputs/README.md " + n, text)
                                    for n, text in found])
        test_schemas(t, tmp)
        test_new(t, tmp)
    test_help(t)
    test_usage_errors(t)
    test_manual_page(t)
    return t.end(", %d skipped" % t.skipped)


if __name__ == "__main__":
    sys.exit(main())
