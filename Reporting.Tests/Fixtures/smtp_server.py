#!/usr/bin/python3
"""A real SMTP server on loopback for the delivery tests (Debian's python3-aiosmtpd).

Usage: smtp_server.py PORT MAILDIR [USER:PASSWORD]

With USER:PASSWORD the server requires AUTH (PLAIN or LOGIN, allowed without TLS on loopback) before MAIL.

Every accepted message is saved as MAILDIR/<n>.eml (written to a temporary name, then renamed). The test steers
it through stdin, one command per line, each answered with "ok" on stdout:
  reject ADDRESS      answer RCPT TO:<ADDRESS> with 550 from now on
  tempfail N          answer the next N RCPT commands with 451
  drop-after-data N   for the next N messages: save the message, then drop the connection without replying
  clear               forget all of the above
"ready" is printed once the server accepts connections; end of stdin stops it.
"""
import os
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Handler:
    def __init__(self, maildir):
        self.maildir = maildir
        self.lock = threading.Lock()
        self.rejected = set()
        self.tempfail = 0
        self.drop_after_data = 0
        self.counter = len([n for n in os.listdir(maildir) if n.endswith(".eml")])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.lock:
            if address.lower() in self.rejected:
                return "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table" % address
            if self.tempfail > 0:
                self.tempfail -= 1
                return "451 4.3.0 <%s>: Temporary lookup failure, try again later" % address
        envelope.rcpt_tos.append(address)
        return "250 2.1.5 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.counter += 1
            name = "%06d.eml" % self.counter
            drop = self.drop_after_data > 0
            if drop:
                self.drop_after_data -= 1
        temporary = os.path.join(self.maildir, "." + name + ".tmp")
        with open(temporary, "wb") as f:
            f.write(envelope.original_content)
            f.flush()
            os.fsync(f.fileno())
        os.rename(temporary, os.path.join(self.maildir, name))
        if drop:
            server.transport.abort()
        return "250 2.0.0 Ok: queued as %s" % name


def main():
    port = int(sys.argv[1])
    maildir = sys.argv[2]
    os.makedirs(maildir, exist_ok=True)
    handler = Handler(maildir)
    options = {}
    if len(sys.argv) > 3:
        user, password = sys.argv[3].split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = isinstance(auth_data, LoginPassword) and auth_data.login.decode() == user and auth_data.password.decode() == password
            return AuthResult(success=ok)

        options = dict(authenticator=authenticator, auth_required=True, auth_require_tls=False)
    controller = Controller(handler, hostname="127.0.0.1", port=port, data_size_limit=64 * 1024 * 1024, **options)
    controller.start()
    print("ready", flush=True)
    try:
        for line in sys.stdin:
            words = line.split()
            if not words:
                continue
            with handler.lock:
                if words[0] == "reject":
                    handler.rejected.add(words[1].lower())
                elif words[0] == "tempfail":
                    handler.tempfail = int(words[1])
                elif words[0] == "drop-after-data":
                    handler.drop_after_data = int(words[1])
                elif words[0] == "clear":
                    handler.rejected.clear()
                    handler.tempfail = 0
                    handler.drop_after_data = 0
            print("ok", flush=True)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
