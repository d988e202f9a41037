#!/usr/bin/env python3
"""A real SMTP server for tests/mail.py: Debian's aiosmtpd on 127.0.0.1.

    smtp_sink.py PORT DIR [--refuse ADDRESS]...

Listens on 127.0.0.1:PORT, saves every message it accepts as DIR/NNN.eml
(the bytes as received) with its envelope recipients in DIR/NNN.rcpt, and
answers 550 to RCPT TO for each --refuse ADDRESS. Prints "ready" once it
listens and stops when its standard input closes.
"""

import os
import sys

from aiosmtpd.controller import Controller


class Sink:
    def __init__(self, folder, refuse):
        self.folder = folder
        self.refuse = {a.lower() for a in refuse}
        # Go on numbering after what an earlier server left in the folder.
        self.count = len([f for f in os.listdir(folder)
                          if f.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.lower() in self.refuse:
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        base = os.path.join(self.folder, "%03d" % self.count)
        for ext, data in ((".rcpt", "\n".join(envelope.rcpt_tos).encode()),
                          (".eml", envelope.original_content)):
            with open(base + ext + ".tmp", "wb") as f:
                f.write(data)
            os.rename(base + ext + ".tmp", base + ext)
        return "250 Message accepted for delivery"


def main():
    port, folder = int(sys.argv[1]), sys.argv[2]
    refuse = [sys.argv[i + 1] for i, a in enumerate(sys.argv)
              if a == "--refuse"]
    controller = Controller(Sink(folder, refuse), hostname="127.0.0.1",
                            port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
