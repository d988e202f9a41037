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
"""

import email
import email.policy
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DOSSIER = REPO / "build" / "dossier"
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


def mail(*args, login=None):
    env = dict(os.environ, SOURCE_DATE_EPOCH="1764000000")
    env.pop("DOSSIER_SMTP_USER", None)
    env.pop("DOSSIER_SMTP_PASSWORD", None)
    if login:
        env["DOSSIER_SMTP_USER"], env["DOSSIER_SMTP_PASSWORD"] = login
    return subprocess.run([str(DOSSIER), "mail", *map(str, args)],
                          capture_output=True, text=True, timeout=120,
                          env=env)


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
                  classification=None):
    src = (REPO / "inputs/meetings/2025-12-03-fmm.yaml").read_text()
    lines = []
    for line in src.splitlines():
        if line.startswith("title:"):
            line = "title: " + title
        if heading and line.strip() == "- heading: Noord-Atlantische Raad":
            line = line.replace("Noord-Atlantische Raad", heading)
        lines.append(line)
        if line.startswith("id:") and classification:
            lines.append("classification: " + classification)
    for a in extra_rcpts:
        lines += ["  - name: Ontvanger " + a.split("@")[0],
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
        body = msg.get_body(("plain",)).get_content()
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
          REFUSED in r.stderr and str(meeting) + ":" in r.stderr, r.stderr)
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
            check("%s: a wrong password gives 69 and no log entry" % scheme,
                  r.returncode == 69 and "login" in r.stderr and
                  not (tmp / "out-badlogin" / "sent.log").exists(),
                  r.stderr)
            r = mail(meeting, "--smtp", url, "-o", tmp / "out-untrusted",
                     login=("dossier", "geheim"))
            check("%s: an untrusted certificate gives 69" % scheme,
                  r.returncode == 69 and "certificate" in r.stderr,
                  r.stderr)


def test_usage(meeting):
    r = mail(meeting, "--smtp", "smtp://127.0.0.1:1",
             "--from", "x@example.nl\r\nBcc: y@example.nl")
    check("a --from that is not one address is a usage error (2)",
          r.returncode == 2, r.stderr)
    r = mail(meeting)
    check("mail without --smtp or --dry-run is a usage error (2)",
          r.returncode == 2, r.stderr)


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
    older = before - 10**9  # write_meeting left the meeting in the future
    os.utime(meeting, ns=(older, older))
    data = tmp / "inputs" / "data" / "steun-oekraine.yaml"
    os.utime(data, ns=(before + 1, before + 1))  # just newer than the PDF
    r = mail(meeting, "--dry-run", tmp / "eml-stale", "-o", out)
    check("a PDF older than a data file it uses is rendered again",
          r.returncode == 0 and pdf.stat().st_mtime_ns != before, r.stderr)
    before = pdf.stat().st_mtime_ns
    mail(meeting, "--dry-run", tmp / "eml-stale", "-o", out)
    check("an up-to-date PDF is not rendered again",
          pdf.stat().st_mtime_ns == before)


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


def main():
    if not DOSSIER.exists():
        sys.exit("tests/mail.py: build/dossier is missing; run make")
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
        test_dry_run(meeting, tmp)
        test_stale_data_file(meeting, tmp)
        test_classified(tmp)
        test_max_size(meeting, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
