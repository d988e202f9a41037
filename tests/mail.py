#!/usr/bin/env python3
"""`dossier mail` against a real SMTP server (standard library + aiosmtpd).

    python3 tests/mail.py

Starts tests/smtp_sink.py (Debian's python3-aiosmtpd) on 127.0.0.1 at a free
port, mails a copy of inputs/meetings/2025-12-03-fmm.yaml to it and checks
what arrived: one message per recipient, the attachment byte for byte the
PDF (sha256), the subject decoded back to the title ("Oekraïne" included),
the Dutch body; a second run sends nothing, nor do two runs at once send
anything twice; a changed document goes out again; a refused recipient is reported while the others get theirs; no
server gives exit 69 and no log entry; --dry-run files are RFC 5322
messages; classified documents and PDFs over --max-size stay home; a
password never goes to a server without TLS; STARTTLS and smtps with a
login work (certificate made by openssl for the run), a wrong password
or an untrusted certificate gives 69.

What is attached: only the PDF manifest.json records for the inputs as
they are; a link, a FIFO or other bytes at DIR/<id>.pdf are rendered over
(never followed). The send log: a link, a FIFO or a folder there, or a
log that cannot grow (a file-size limit, before the first message and
between the server's accepting and the log's line), stop the run with
exit 73 and the exact message; a torn last line stays apart; a 451 at the
end of DATA is exit 75 and goes again next run. Addresses: a table of
bad ones refused by check and mail with place and reason (exit 65), a
bad --from, and the --dry-run file names.

    DOSSIER=build/asan/dossier python3 tests/mail.py   another build
"""

import email
import email.policy
import hashlib
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402  one harness

REPO = harness.REPO
DOSSIER = Path(harness.DOSSIER)
TITLE = ("Geannoteerde agenda NAVO Foreign Minister Meeting van 3 december "
         "2025 (steun aan Oekraïne)")
RECIPIENTS = ["commissie.bz@example.nl", "dvb@example.nl"]
REFUSED = "geweigerd@example.nl"

results = []


def check(name, ok, detail=""):
    results.append(ok)
    print(("ok    " if ok else "FAIL  ") + name + ("" if ok else ": " + detail))


def server_python():
    """A Python that has aiosmtpd: this one, or Debian's."""
    for py in (sys.executable, "/usr/bin/python3"):
        if py and subprocess.run([py, "-c", "import aiosmtpd"],
                                 capture_output=True).returncode == 0:
            return py
    sys.exit("tests/mail.py: aiosmtpd is missing: run `make deps` "
             "(Debian package python3-aiosmtpd)")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """tests/smtp_sink.py on 127.0.0.1 for the length of a with block."""

    def __init__(self, inbox, refuse=(), options=()):
        self.inbox, self.port = inbox, free_port()
        args = [server_python(), str(REPO / "tests" / "smtp_sink.py"),
                str(self.port), str(inbox), *map(str, options)]
        for a in refuse:
            args += ["--refuse", a]
        self.args = args

    def __enter__(self):
        self.proc = subprocess.Popen(self.args, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, text=True)
        if self.proc.stdout.readline().strip() != "ready":
            self.proc.kill()
            sys.exit("tests/mail.py: the SMTP server did not start")
        return self

    def __exit__(self, *exc):
        self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()

    def url(self):
        return "smtp://127.0.0.1:%d" % self.port


def mail_env(login=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764000000")
    env.pop("DOSSIER_SMTP_USER", None)
    env.pop("DOSSIER_SMTP_PASSWORD", None)
    if login:
        env["DOSSIER_SMTP_USER"], env["DOSSIER_SMTP_PASSWORD"] = login
    return env


def file_size_limit(n):
    """A preexec_fn: files may grow to n bytes (writes past it fail with
    EFBIG instead of killing the process)."""
    def limit():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        if n is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (n, n))
    return limit


def mail(*args, login=None, fsize=None, command="mail"):
    """dossier mail (or command) with args; a hang is a failure (exit
    None) after two minutes."""
    argv = [str(DOSSIER), command, *map(str, args)]
    try:
        return subprocess.run(argv, capture_output=True, text=True,
                              timeout=120, env=mail_env(login),
                              preexec_fn=file_size_limit(fsize))
    except subprocess.TimeoutExpired:
        return subprocess.CompletedProcess(argv, None, "", "(hung)")


def arrived(inbox):
    """(recipient, message) of every message in the inbox, in order."""
    out = []
    for eml in sorted(Path(inbox).glob("*.eml")):
        rcpt = eml.with_suffix(".rcpt").read_text()
        msg = email.message_from_bytes(eml.read_bytes(),
                                       policy=email.policy.default)
        out.append((rcpt, msg))
    return out


def pdf_part(msg):
    parts = [p for p in msg.iter_attachments()
             if p.get_content_type() == "application/pdf"]
    return parts[0] if len(parts) == 1 else None


def sha(data):
    return hashlib.sha256(data).hexdigest()


def write_meeting(path, title=TITLE, extra_rcpts=(), heading=None,
                  classification=None, sender=True):
    src = (REPO / "inputs/meetings/2025-12-03-fmm.yaml").read_text()
    if not sender:  # the seed's 'sender' block is its last lines
        src = src[:src.index("\nsender:\n") + 1]
    lines = []
    for line in src.splitlines():
        if line.startswith("title:"):
            line = "title: " + title
        if heading and line.strip() == "- heading: Noord-Atlantische Raad":
            line = line.replace("Noord-Atlantische Raad", heading)
        lines.append(line)
        if line.startswith("id:") and classification:
            lines.append("classification: " + classification)
    for a in extra_rcpts:  # into 'distribution', before 'sender'
        at = lines.index("sender:") if sender else len(lines)
        lines[at:at] = ["  - name: Ontvanger " + a.split("@")[0],
                        "    email: " + a]
    path.write_text("\n".join(lines) + "\n")
    st = path.stat()  # newer than any PDF made before, whatever the clock
    os.utime(path, (st.st_atime + 5, st.st_mtime + 5))


def test_send(tmp, meeting, out, inbox):
    with Server(inbox) as srv:
        r = mail(meeting, "--smtp", srv.url(), "-o", out,
                 "--from", "dossier@minbuza.example.nl")
        second = mail(meeting, "--smtp", srv.url(), "-o", out)
    check("mail exits 0", r.returncode == 0, r.stderr)
    got = arrived(inbox)
    check("one message per recipient",
          sorted(rc for rc, _ in got) == sorted(RECIPIENTS),
          repr([rc for rc, _ in got]))
    pdf = (out / "fmm-2025-12.pdf").read_bytes()
    for rcpt, msg in got:
        part = pdf_part(msg)
        check("attachment is the PDF (%s)" % rcpt,
              part is not None and sha(part.get_content()) == sha(pdf))
        check("attachment has a readable name (%s)" % rcpt,
              part is not None and part.get_filename() == "fmm-2025-12.pdf")
        check("subject decodes to the title (%s)" % rcpt,
              str(msg["Subject"]) == TITLE, str(msg["Subject"]))
        check("To names the recipient (%s)" % rcpt,
              msg["To"].addresses[0].addr_spec == rcpt, str(msg["To"]))
        check("Date and Message-ID (%s)" % rcpt,
              msg["Date"].datetime is not None and
              str(msg["Message-ID"]).endswith("@minbuza.example.nl>"))
        check("From is --from with the sender's name (%s)" % rcpt,
              str(msg["From"]) ==
              "Directie Veiligheidsbeleid <dossier@minbuza.example.nl>",
              str(msg["From"]))
        check("Auto-Submitted: auto-generated (%s)" % rcpt,
              msg["Auto-Submitted"] == "auto-generated",
              str(msg["Auto-Submitted"]))
        body = msg.get_body(("plain",)).get_content().replace("\r\n", "\n")
        check("body opens with the layout's salutation (%s)" % rcpt,
              body.startswith("Geachte heer, mevrouw,\n\nHierbij"), body)
        check("body closes with the layout's closing, the sender and the "
              "contact line (%s)" % rcpt,
              body.endswith("Met vriendelijke groet,\n\n"
                            "Directie Veiligheidsbeleid\n"
                            "Ministerie van Buitenlandse Zaken\n\n"
                            "Vragen over dit stuk: Directie "
                            "Veiligheidsbeleid, dvb@example.nl\n"
                            "Dit bericht is automatisch verstuurd door "
                            "dossier.\n"), body[-300:])
        for want in ["Vergadering: NAVO Foreign Ministers Meeting",
                     "Datum: woensdag 3 december 2025", "Plaats: Brussel",
                     "Inhoud:", "1 Noord-Atlantische Raad",
                     "2 Werklunch NATO-Ukraine Council (NUC)",
                     "Hierbij ontvangt u: " + TITLE]:
            check("body has %r (%s)" % (want, rcpt), want in body, body)
    log = (out / "sent.log").read_text().split("\n")
    check("the send log has (sha256, recipient) per message",
          sorted(l for l in log if l) ==
          sorted("%s %s" % (sha(pdf), a) for a in RECIPIENTS), repr(log))
    check("a second run sends nothing",
          second.returncode == 0 and len(arrived(inbox)) == len(got),
          second.stdout + second.stderr)
    return sha(pdf)


def test_two_runs_at_once(meeting, tmp):
    out, inbox = tmp / "out-twice", tmp / "inbox-twice"
    inbox.mkdir()
    env = dict(os.environ)
    env.pop("DOSSIER_SMTP_USER", None)
    with Server(inbox) as srv:
        cmd = [str(DOSSIER), "mail", str(meeting), "--smtp", srv.url(),
               "-o", str(out)]
        subprocess.run(cmd[:3] + ["--dry-run", str(tmp / "eml-twice"),
                                  "-o", str(out)], capture_output=True,
                       env=env)  # the PDF first, so both runs are quick
        runs = [subprocess.Popen(cmd, stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, env=env)
                for _ in range(2)]
        codes = [p.wait(timeout=120) for p in runs]
    got = sorted(rc for rc, _ in arrived(inbox))
    check("two runs at once send each message once",
          codes == [0, 0] and got == sorted(RECIPIENTS), repr((codes, got)))


def test_changed(meeting, out, inbox, old_hash):
    write_meeting(meeting, heading="Noord-Atlantische Raad (NAR)")
    before = len(arrived(inbox))
    with Server(inbox) as srv:
        r = mail(meeting, "--smtp", srv.url(), "-o", out)
    new = arrived(inbox)[before:]
    pdf = (out / "fmm-2025-12.pdf").read_bytes()
    check("a changed document is rendered and sent again",
          r.returncode == 0 and sha(pdf) != old_hash and
          sorted(rc for rc, _ in new) == sorted(RECIPIENTS),
          r.stderr + repr([rc for rc, _ in new]))
    check("what is sent again is the new PDF",
          all(sha(pdf_part(m).get_content()) == sha(pdf) for _, m in new))


def test_refused(meeting, out, inbox):
    write_meeting(meeting, heading="Noord-Atlantische Raad (NAR)",
                  extra_rcpts=[REFUSED, "nieuw@example.nl"])
    before = len(arrived(inbox))
    with Server(inbox, refuse=[REFUSED]) as srv:
        r = mail(meeting, "--smtp", srv.url(), "-o", out)
    new = [rc for rc, _ in arrived(inbox)[before:]]
    check("a refused recipient gives a non-zero exit (67)",
          r.returncode == 67, "%d %s" % (r.returncode, r.stderr))
    check("the refused recipient is reported by address and place",
          r.stderr == "%s:130:12: %s: refused by the mail server (550 5.1.1 "
          "<%s>: no such mailbox here)\n" % (meeting, REFUSED, REFUSED),
          r.stderr)
    check("the others still get theirs (and no one twice)",
          new == ["nieuw@example.nl"], repr(new))
    log = (out / "sent.log").read_text()
    check("the refused recipient is not in the send log",
          REFUSED not in log and "nieuw@example.nl" in log, log)


def test_no_server(meeting, tmp):
    out = tmp / "out-unreachable"
    r = mail(meeting, "--smtp", "smtp://127.0.0.1:%d" % free_port(),
             "-o", out)
    log = out / "sent.log"
    check("no server gives exit 69", r.returncode == 69,
          "%d %s" % (r.returncode, r.stderr))
    check("no server: no entry in the send log",
          not log.exists() or not log.read_text().strip())


def test_login_needs_tls(meeting, tmp):
    out, inbox = tmp / "out-login", tmp / "inbox-login"
    inbox.mkdir()
    with Server(inbox) as srv:
        r = mail(meeting, "--smtp", srv.url(), "-o", out,
                 login=("dossier", "geheim"))
    check("a password is never sent without TLS (exit 69, nothing sent)",
          r.returncode == 69 and not arrived(inbox) and
          "geheim" not in r.stderr, "%d %s" % (r.returncode, r.stderr))


def make_cert(tmp):
    """A self-signed certificate for 127.0.0.1, made with openssl."""
    cert, key = tmp / "cert.pem", tmp / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                    "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
                    "-keyout", str(key), "-out", str(cert),
                    "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"],
                   check=True, capture_output=True)
    return cert, key


def test_tls(meeting, tmp):
    cert, key = make_cert(tmp)
    for mode, scheme in (("--starttls", "smtp"), ("--smtps", "smtps")):
        out, inbox = tmp / ("out" + mode), tmp / ("inbox" + mode)
        inbox.mkdir()
        opts = [mode, cert, key, "--login", "dossier", "geheim"]
        with Server(inbox, options=opts) as srv:
            url = "%s://127.0.0.1:%d" % (scheme, srv.port)
            r = mail(meeting, "--smtp", url, "-o", out, "--cacert", cert,
                     login=("dossier", "geheim"))
            sessions = sorted(p.read_text() for p in inbox.glob("*.session"))
            check("%s with a login: all arrive over TLS, logged in" % scheme,
                  r.returncode == 0 and
                  sessions == ["tls=yes login=dossier"] * 4,
                  r.stderr + repr(sessions))
            r = mail(meeting, "--smtp", url, "-o", tmp / "out-badlogin",
                     "--cacert", cert, login=("dossier", "fout"))
            log = tmp / "out-badlogin" / "sent.log"
            check("%s: a wrong password gives 69 and no log entry" % scheme,
                  r.returncode == 69 and "login" in r.stderr and
                  (not log.exists() or log.read_text() == ""), r.stderr)
            r = mail(meeting, "--smtp", url, "-o", tmp / "out-untrusted",
                     login=("dossier", "geheim"))
            check("%s: an untrusted certificate gives 69" % scheme,
                  r.returncode == 69 and "certificate" in r.stderr,
                  r.stderr)


def test_usage(meeting):
    for addr, why in [("x@example.nl\r\nBcc: y@example.nl",
                       "it has the control character U+000D"),
                      ("x@localhost", "the domain after the @ has no dot; "
                       "write it in full, such as example.nl")]:
        r = mail(meeting, "--smtp", "smtp://127.0.0.1:1", "--from", addr)
        check("a --from that is not one address is a usage error (2)",
              r.returncode == 2 and r.stderr.split("\n")[0] ==
              "dossier mail: --from must be an e-mail address such as "
              "naam@example.nl; " + why, r.stderr)
    r = mail(meeting)
    check("mail without --smtp or --dry-run is a usage error (2)",
          r.returncode == 2, r.stderr)
    r = mail(meeting, "--frm", "x@example.nl")
    check("a usage error is one line and where help is, not the usage",
          r.returncode == 2 and r.stderr ==
          "dossier mail: unknown option --frm\n"
          "run 'dossier help mail' for more\n", r.stderr)


def test_sender_required(tmp):
    """No --from and no 'sender': a usage error that says both ways, before
    anything is rendered or sent. With 'sender' and no --from, the message
    comes from the sender's address."""
    meeting = tmp / "inputs" / "meetings" / "no-sender.yaml"
    write_meeting(meeting, sender=False)
    out, eml = tmp / "out-nosender", tmp / "eml-nosender"
    r = mail(meeting, "--dry-run", eml, "-o", out)
    check("no --from and no 'sender' is a usage error (2), nothing written",
          r.returncode == 2 and r.stderr ==
          "dossier mail: %s names no 'sender'; say who sends the mail with "
          "--from ADDRESS, or with 'sender' (name, email) in the meeting "
          "file\nrun 'dossier help mail' for more\n" % meeting
          and not out.exists(), r.stderr)
    r = mail(meeting, "--dry-run", eml, "-o", out, "--from",
             "bz-dossier@example.nl")
    froms = {str(email.message_from_bytes(
        f.read_bytes(), policy=email.policy.default)["From"])
        for f in eml.glob("*.eml")}
    check("--from alone will do: the author's name with it",
          r.returncode == 0 and froms ==
          {"Ministerie van Buitenlandse Zaken <bz-dossier@example.nl>"},
          r.stderr + repr(froms))
    with_sender = tmp / "inputs" / "meetings" / "with-sender.yaml"
    write_meeting(with_sender)
    eml2 = tmp / "eml-sender"
    r = mail(with_sender, "--dry-run", eml2, "-o", tmp / "out-sender")
    froms = {str(email.message_from_bytes(
        f.read_bytes(), policy=email.policy.default)["From"])
        for f in eml2.glob("*.eml")}
    check("'sender' alone will do: its name and address",
          r.returncode == 0 and froms ==
          {"Directie Veiligheidsbeleid <dvb@example.nl>"},
          r.stderr + repr(froms))


def test_dry_run(meeting, tmp):
    out, eml = tmp / "out-dry", tmp / "eml"
    r = mail(meeting, "--dry-run", eml, "-o", out)
    files = sorted(eml.glob("*.eml"))
    check("--dry-run writes one .eml per recipient",
          r.returncode == 0 and len(files) == 4, r.stderr + repr(files))
    pdf = (out / "fmm-2025-12.pdf").read_bytes()
    for f in files:
        msg = email.message_from_bytes(f.read_bytes(),
                                       policy=email.policy.strict)
        ok = (not msg.defects and all(msg[h] for h in
              ("From", "To", "Date", "Subject", "Message-ID")) and
              sha(pdf_part(msg).get_content()) == sha(pdf))
        check("%s parses as an RFC 5322 message" % f.name, ok)
    check("--dry-run sends nothing and logs nothing",
          not (out / "sent.log").exists())


def test_stale_data_file(meeting, tmp):
    out = tmp / "out-dry"  # holds the PDF test_dry_run made
    pdf = out / "fmm-2025-12.pdf"
    before = pdf.stat().st_mtime_ns
    data = tmp / "inputs" / "data" / "steun-oekraine.yaml"
    data_text = data.read_text()
    data.write_text(data_text + "# changed\n")
    r = mail(meeting, "--dry-run", tmp / "eml-stale", "-o", out)
    check("a PDF made from an earlier data file is rendered again",
          r.returncode == 0 and pdf.stat().st_mtime_ns != before, r.stderr)
    data.write_text(data_text)
    mail(meeting, "--dry-run", tmp / "eml-stale", "-o", out)
    before = pdf.stat().st_mtime_ns
    os.utime(meeting, ns=(before + 10**9, before + 10**9))
    mail(meeting, "--dry-run", tmp / "eml-stale", "-o", out)
    check("an up-to-date PDF is not rendered again (a newer time alone "
          "changes nothing)", pdf.stat().st_mtime_ns == before)


def test_classified(tmp):
    meeting = tmp / "inputs" / "meetings" / "vertrouwelijk.yaml"
    write_meeting(meeting, classification="Departementaal vertrouwelijk")
    eml = tmp / "eml-classified"
    r = mail(meeting, "--dry-run", eml, "-o", tmp / "out-classified")
    check("a classified document is not sent without --allow-classified",
          r.returncode == 77 and not list(eml.glob("*.eml")) and
          "--allow-classified" in r.stderr, r.stderr)
    r = mail(meeting, "--dry-run", eml, "-o", tmp / "out-classified",
             "--allow-classified")
    files = sorted(eml.glob("*.eml"))
    subjects = {str(email.message_from_bytes(
        f.read_bytes(), policy=email.policy.default)["Subject"])
        for f in files}
    check("with --allow-classified the subject names the classification",
          r.returncode == 0 and subjects ==
          {"[Departementaal vertrouwelijk] " + TITLE}, repr(subjects))


def test_max_size(meeting, tmp):
    eml = tmp / "eml-big"
    r = mail(meeting, "--dry-run", eml, "-o", tmp / "out-big",
             "--max-size", "1000")
    check("a PDF over --max-size is reported and not sent",
          r.returncode == 65 and "over the limit" in r.stderr and
          not list(eml.glob("*.eml")), r.stderr)



# ---- what is attached: only the PDF the manifest records ----

def copy_meeting(tmp, name, extra_rcpts=()):
    path = tmp / "inputs" / "meetings" / (name + ".yaml")
    write_meeting(path, extra_rcpts=extra_rcpts)
    return path


def recorded_sha(out, meeting):
    manifest = out / "manifest.json"
    docs = json.loads(manifest.read_text())["documents"] \
        if manifest.exists() else []
    return [d["sha256"] for d in docs
            if d["source"] == os.path.relpath(meeting, out)]


def attached(eml):
    """The sha256 of the PDF attached to each message in eml."""
    out = []
    for f in sorted(Path(eml).glob("*.eml")):
        part = pdf_part(email.message_from_bytes(
            f.read_bytes(), policy=email.policy.default))
        out.append(sha(part.get_content()) if part else None)
    return out


def test_pdf_only_as_recorded(tmp):
    meeting = copy_meeting(tmp, "pdf-place")
    out = tmp / "out-place"
    out.mkdir()
    pdf = out / "fmm-2025-12.pdf"
    secret = tmp / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4\n% not what dossier rendered\n")
    pdf.symlink_to(secret)
    r = mail(meeting, "--dry-run", tmp / "eml-place1", "-o", out)
    made = sha(pdf.read_bytes()) if pdf.exists() else None
    check("a link at DIR/<id>.pdf is rendered over, never followed",
          r.returncode == 0 and not pdf.is_symlink() and
          secret.read_bytes().endswith(b"rendered\n") and
          attached(tmp / "eml-place1") == [made] * 2 and
          recorded_sha(out, meeting) == [made], r.stderr)

    pdf.write_bytes(b"%PDF-1.4\n% other bytes in a plain file\n")
    future = time.time() + 86400  # newer than any input: no help now
    os.utime(pdf, (future, future))
    r = mail(meeting, "--dry-run", tmp / "eml-place2", "-o", out)
    check("a PDF whose sha256 is not the recorded one is rendered again",
          r.returncode == 0 and sha(pdf.read_bytes()) == made and
          attached(tmp / "eml-place2") == [made] * 2, r.stderr)

    pdf.unlink()
    os.mkfifo(pdf)
    r = mail(meeting, "--dry-run", tmp / "eml-place3", "-o", out)
    check("a FIFO at DIR/<id>.pdf is rendered over, not read",
          r.returncode == 0 and pdf.is_file() and
          attached(tmp / "eml-place3") == [made] * 2, r.stderr)

    out2 = tmp / "out-rendered"
    r = mail(meeting, "--incremental", "-o", out2, command="render")
    before = (out2 / "fmm-2025-12.pdf").stat().st_mtime_ns
    r = mail(meeting, "--dry-run", tmp / "eml-place4", "-o", out2)
    check("a PDF render --incremental recorded is sent as it is",
          r.returncode == 0 and
          (out2 / "fmm-2025-12.pdf").stat().st_mtime_ns == before and
          attached(tmp / "eml-place4") == recorded_sha(out2, meeting) * 2,
          r.stderr)


# ---- the send log ----

def prepared(tmp, name):
    """A meeting and an output folder that holds its recorded PDF."""
    meeting = copy_meeting(tmp, name)
    out = tmp / ("out-" + name)
    mail(meeting, "--dry-run", tmp / ("eml-" + name), "-o", out)
    return meeting, out


def log_lines(out):
    log = out / "sent.log"
    return [l for l in log.read_text().split("\n") if l] \
        if log.is_file() else []


def test_log_not_a_plain_file(tmp):
    meeting = copy_meeting(tmp, "log-place")
    elsewhere = tmp / "elsewhere.log"
    elsewhere.write_text("keep\n")
    for kind, make, why in [
            ("link", lambda p: p.symlink_to(elsewhere),
             "it is a symbolic link, and dossier keeps the log only in a "
             "plain file"),
            ("fifo", os.mkfifo, "it is not a plain file"),
            ("folder", os.mkdir, "Is a directory")]:
        out, inbox = tmp / ("out-log-" + kind), tmp / ("inbox-log-" + kind)
        out.mkdir()
        inbox.mkdir()
        make(out / "sent.log")
        with Server(inbox) as srv:
            r = mail(meeting, "--smtp", srv.url(), "-o", out)
        check("a %s as sent.log: exit 73, said so, nothing sent" % kind,
              r.returncode == 73 and not arrived(inbox) and
              elsewhere.read_text() == "keep\n" and r.stderr ==
              "%s/sent.log: cannot use the send log: %s; nothing is sent, "
              "since what is sent could not be recorded\n" % (out, why),
              "%s %r" % (r.returncode, r.stderr))


def test_log_full_before_sending(tmp):
    meeting, out = prepared(tmp, "log-full")
    inbox = tmp / "inbox-log-full"
    inbox.mkdir()
    with Server(inbox) as srv:
        r = mail(meeting, "--smtp", srv.url(), "-o", out, fsize=0)
        check("a log that cannot grow: exit 73 before anything is sent",
              r.returncode == 73 and not arrived(inbox) and
              log_lines(out) == [] and r.stderr ==
              "%s/sent.log: cannot write the send log: File too large; "
              "nothing is sent, since what is sent could not be "
              "recorded\n" % out, "%s %r" % (r.returncode, r.stderr))
        r = mail(meeting, "--smtp", srv.url(), "-o", out)
    check("... and the next run sends them all, once",
          r.returncode == 0 and
          sorted(rc for rc, _ in arrived(inbox)) == sorted(RECIPIENTS) and
          len(log_lines(out)) == 2, r.stderr)


def test_log_full_after_accepting(tmp):
    """The log stops growing between the server's 250 and its line."""
    meeting, out = prepared(tmp, "log-late")
    inbox, go = tmp / "inbox-log-late", tmp / "go"
    inbox.mkdir()
    with Server(inbox, options=["--hold", go]) as srv:
        p = subprocess.Popen([str(DOSSIER), "mail", str(meeting), "--smtp",
                              srv.url(), "-o", str(out)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             text=True, env=mail_env(),
                             preexec_fn=file_size_limit(None))
        deadline = time.time() + 60
        while not (inbox / "001.rcpt").exists() and time.time() < deadline:
            time.sleep(0.02)
        log = out / "sent.log"
        size = log.stat().st_size if log.exists() else 0
        resource.prlimit(p.pid, resource.RLIMIT_FSIZE, (size, size))
        go.touch()
        _, err = p.communicate(timeout=120)
    got = [rc for rc, _ in arrived(inbox)]
    check("a log that stops growing after a send: exit 73, that address "
          "named, nothing more sent",
          p.returncode == 73 and len(got) == 1 and log_lines(out) == [] and
          err == "%s/sent.log: cannot write the send log: File too large; "
          "the message to %s went out but is not recorded, so the next run "
          "sends it again; nothing more is sent\n" % (out, got[0]),
          "%s %r %r" % (p.returncode, err, got))


def test_log_torn_line(tmp):
    meeting, out = prepared(tmp, "log-torn")
    inbox = tmp / "inbox-log-torn"
    inbox.mkdir()
    (out / "sent.log").write_text("0123 half a li")
    with Server(inbox) as srv:
        r = mail(meeting, "--smtp", srv.url(), "-o", out)
    pdf = sha((out / "fmm-2025-12.pdf").read_bytes())
    check("a torn last line of the log stays apart from the new ones",
          r.returncode == 0 and (out / "sent.log").read_text() ==
          "0123 half a li\n" + "".join("%s %s\n" % (pdf, a)
                                       for a in RECIPIENTS),
          r.stderr + (out / "sent.log").read_text())


def place_of(meeting, address):
    for n, line in enumerate(meeting.read_text().split("\n"), 1):
        if line.strip() == "email: " + address:
            return "%s:%d:%d" % (meeting, n, line.index(address) + 1)
    return "?"


def test_deferred(tmp):
    meeting, out = prepared(tmp, "deferred")
    inbox = tmp / "inbox-deferred"
    inbox.mkdir()
    later = RECIPIENTS[1]
    with Server(inbox, options=["--defer", later]) as srv:
        r = mail(meeting, "--smtp", srv.url(), "-o", out)
    pdf = sha((out / "fmm-2025-12.pdf").read_bytes())
    check("451 at the end of DATA: exit 75, a temporary failure",
          r.returncode == 75 and r.stderr ==
          "%s: %s: the mail server cannot take it now (451 4.3.0 Mailbox "
          "temporarily unavailable, try later); the next run tries again\n"
          % (place_of(meeting, later), later) and
          log_lines(out) == ["%s %s" % (pdf, RECIPIENTS[0])],
          "%s %r" % (r.returncode, r.stderr))
    with Server(inbox) as srv:
        r = mail(meeting, "--smtp", srv.url(), "-o", out)
    check("... and the next run sends it, and only it",
          r.returncode == 0 and [rc for rc, _ in arrived(inbox)] ==
          [RECIPIENTS[0], later], r.stderr)


# ---- addresses ----

BAD_ADDRESSES = [
    ("x" * 2000 + "@example.nl", "the part before the @ is 2000 characters "
     "long; at most 64 are allowed"),
    ("jo\u00ebl@example.nl", "it has the character '\u00eb' (U+00EB); only "
     "addresses in plain ASCII can be sent to (dossier does not use "
     "SMTPUTF8); write a domain in its xn-- form"),
    # (a trailing line separator, U+2028, is a line break: parse.c takes
    # it out of a one-line value, so the address is sent without it)
    ("a@example.nl\u200b", "it has the invisible character U+200B; only "
     "addresses in plain ASCII can be sent to (dossier does not use "
     "SMTPUTF8); write a domain in its xn-- form"),
    ("(comment)a@example.nl", "the part before the @ has '(', which is not "
     "allowed there (only letters, digits, dots and ! # $ % & ' * + - / = "
     "? ^ _ ` { | } ~ are)"),
    ("a\\@example.nl", "the part before the @ has '\\', which is not "
     "allowed there (only letters, digits, dots and ! # $ % & ' * + - / = "
     "? ^ _ ` { | } ~ are)"),
    ("a@../../etc/passwd", "the domain after the @ has '/', which a domain "
     "cannot have (only letters, digits, hyphens and dots)"),
    ("a@example..nl", "the domain after the @ has two dots in a row"),
    ("a@[192.0.2.1]", "an address literal such as [192.0.2.1] is not "
     "accepted after the @; write the domain name"),
    ("\"a b\"@example.nl", "it has a space"),
]


def test_bad_addresses(tmp):
    meeting = copy_meeting(tmp, "addresses")
    text = meeting.read_text()
    at = text.index("\nsender:\n") + 1  # the end of 'distribution'
    meeting.write_text(text[:at] + "".join(
        "  - name: Iemand\n    email: %s\n" % json.dumps(addr)
        for addr, _ in BAD_ADDRESSES) + text[at:])
    lines = meeting.read_text().split("\n")
    want = ""
    for addr, why in BAD_ADDRESSES:
        n = lines.index("    email: " + json.dumps(addr)) + 1
        want += ("%s:%d:12: 'email' must be an e-mail address such as "
                 "naam@example.nl; %s\n" % (meeting, n, why))
    r = mail(meeting, command="check")
    check("check refuses each bad address with its place and reason (65)",
          r.returncode == 65 and r.stderr == want, r.stderr)
    eml, out = tmp / "eml-addresses", tmp / "out-addresses"
    r = mail(meeting, "--dry-run", eml, "-o", out)
    check("mail refuses them the same, and writes nothing",
          r.returncode == 65 and r.stderr == want and
          not list(eml.iterdir()) and
          not (out / "fmm-2025-12.pdf").exists(), r.stderr)


def test_eml_names(tmp):
    meeting = copy_meeting(tmp, "names", extra_rcpts=[
        "a/b@example.nl", "Jan.Smit@Example.NL"])
    eml = tmp / "eml-names"
    r = mail(meeting, "--dry-run", eml, "-o", tmp / "out-names")
    names = sorted(p.name for p in eml.iterdir())
    check("--dry-run names its files safely: no folder, no '/', plain "
          "addresses as written",
          r.returncode == 0 and names == sorted([
              "fmm-2025-12--commissie.bz@example.nl.eml",
              "fmm-2025-12--dvb@example.nl.eml",
              "fmm-2025-12--a_b@example.nl=e4daabad708645a5362001eda368f6"
              "a9efcc23edd79ff397806cc8bd210951aa.eml",
              "fmm-2025-12--jan.smit@example.nl=51d001c8392fff97a29d5f6ff8"
              "8cebfffab65984c199d35a3ea276cc7431e55e.eml"]),
          r.stderr + repr(names))

def main():
    if not DOSSIER.exists():
        sys.exit("tests/mail.py: %s is missing; run make" % DOSSIER)
    tmp = Path(tempfile.mkdtemp(prefix="dossier-mail-"))
    try:
        shutil.copytree(REPO / "inputs", tmp / "inputs")
        meeting = tmp / "inputs" / "meetings" / "2025-12-03-fmm.yaml"
        write_meeting(meeting)
        out, inbox = tmp / "out", tmp / "inbox"
        inbox.mkdir()
        old = test_send(tmp, meeting, out, inbox)
        test_two_runs_at_once(meeting, tmp)
        test_changed(meeting, out, inbox, old)
        test_refused(meeting, out, inbox)
        test_no_server(meeting, tmp)
        test_login_needs_tls(meeting, tmp)
        test_tls(meeting, tmp)
        test_usage(meeting)
        test_sender_required(tmp)
        test_dry_run(meeting, tmp)
        test_stale_data_file(meeting, tmp)
        test_classified(tmp)
        test_max_size(meeting, tmp)
        test_pdf_only_as_recorded(tmp)
        test_log_not_a_plain_file(tmp)
        test_log_full_before_sending(tmp)
        test_log_full_after_accepting(tmp)
        test_log_torn_line(tmp)
        test_deferred(tmp)
        test_bad_addresses(tmp)
        test_eml_names(tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
