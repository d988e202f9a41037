#!/usr/bin/env python3
"""A real SMTP server for tests/mail.py: Debian's aiosmtpd on 127.0.0.1.

    smtp_sink.py PORT DIR [--refuse ADDRESS]... [--defer ADDRESS]...
                 [--hold FILE] [--starttls CERT KEY] [--smtps CERT KEY]
                 [--login USER PASSWORD]

Listens on 127.0.0.1:PORT, saves every message it accepts as DIR/NNN.eml
(the bytes as received) with its envelope recipients in DIR/NNN.rcpt and
how it came in ("tls=yes login=USER") in DIR/NNN.session. Answers 550 to
RCPT TO for each --refuse ADDRESS, and 451 at the end of DATA to a
message for a --defer ADDRESS (not saved). With --hold FILE, each
answer to DATA waits, once the message is saved, until FILE exists (so
a test can act between the server's accepting and the client's hearing
it). --starttls requires STARTTLS before
anything else, --smtps is TLS from the first byte, --login requires that
login (only over TLS). Prints "ready" once it listens and stops when its
standard input closes.
"""

import asyncio
import os
import ssl
import sys

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult


class Sink:
    def __init__(self, folder, refuse, defer=(), hold=None,
                 implicit_tls=False):
        self.folder, self.implicit_tls = folder, implicit_tls
        self.hold = hold
        self.refuse = {a.lower() for a in refuse}
        self.defer = {a.lower() for a in defer}
        # Go on numbering after what an earlier server left in the folder.
        self.count = len([f for f in os.listdir(folder)
                          if f.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.lower() in self.refuse:
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if any(a.lower() in self.defer for a in envelope.rcpt_tos):
            return "451 4.3.0 Mailbox temporarily unavailable, try later"
        self.count += 1
        base = os.path.join(self.folder, "%03d" % self.count)
        login = session.auth_data.login.decode() if session.auth_data else "-"
        tls = session.ssl or self.implicit_tls
        how = "tls=%s login=%s" % ("yes" if tls else "no", login)
        for ext, data in ((".session", how.encode()),
                          (".rcpt", "\n".join(envelope.rcpt_tos).encode()),
                          (".eml", envelope.original_content)):
            with open(base + ext + ".tmp", "wb") as f:
                f.write(data)
            os.rename(base + ext + ".tmp", base + ext)
        while self.hold and not os.path.exists(self.hold):
            await asyncio.sleep(0.02)
        return "250 Message accepted for delivery"


def option(name, n):
    """The n values after the first `name` in argv, or None."""
    if name not in sys.argv:
        return None
    i = sys.argv.index(name)
    return sys.argv[i + 1:i + 1 + n]


def tls_context(cert_key):
    ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ctx.load_cert_chain(*cert_key)
    return ctx


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    refuse = [sys.argv[i + 1] for i, a in enumerate(sys.argv)
              if a == "--refuse"]
    defer = [sys.argv[i + 1] for i, a in enumerate(sys.argv)
             if a == "--defer"]
    kwargs = {}
    if option("--starttls", 2):
        kwargs.update(tls_context=tls_context(option("--starttls", 2)),
                      require_starttls=True)
    if option("--smtps", 2):
        # aiosmtpd counts only STARTTLS as TLS for AUTH; this is TLS too.
        kwargs.update(ssl_context=tls_context(option("--smtps", 2)),
                      auth_require_tls=False)
    login = option("--login", 2)
    if login:
        want = (login[0].encode(), login[1].encode())

        def check(server, session, envelope, mechanism, auth_data):
            if (auth_data.login, auth_data.password) != want:
                return AuthResult(success=False, handled=False)
            return AuthResult(success=True, auth_data=auth_data)
        kwargs.update(authenticator=check, auth_required=True)
    hold = option("--hold", 1)
    sink = Sink(folder, refuse, defer, hold[0] if hold else None,
                implicit_tls=bool(option("--smtps", 2)))
    controller = Controller(sink, hostname="127.0.0.1",
                            port=port, **kwargs)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
