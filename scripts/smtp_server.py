"""A throwaway SMTP server for the SMTPClient integration tests.

Runs aiosmtpd on 127.0.0.1:PORT until it receives SIGTERM or SIGINT, or its
standard input reaches end of file, and
appends every accepted message as one JSON object per line to --mailbox:

    {"mail_from": ..., "rcpt_tos": [...], "content": "<raw message>",
     "tls": true|false, "authenticated_as": "user"|null,
     "auth_mechanism": "PLAIN"|"LOGIN"|null}

TLS uses a self-signed certificate for "localhost" / 127.0.0.1 that is
generated with the openssl CLI into --cert-dir (cert.pem, key.pem).
"""

import argparse
import json
import os
import signal
import ssl
import subprocess
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class MailboxHandler:
    def __init__(self, mailbox):
        self.mailbox = mailbox
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        auth = session.auth_data
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "content": envelope.original_content.decode("utf-8", "replace"),
            "tls": server.transport.get_extra_info("ssl_object") is not None,
            "authenticated_as": auth["login"] if auth else None,
            "auth_mechanism": auth["mechanism"] if auth else None,
        }
        with self.lock, open(self.mailbox, "a", encoding="utf-8") as f:
            f.write(json.dumps(record) + "\n")
        return "250 2.0.0 Message accepted"


class Authenticator:
    def __init__(self, username, password):
        self.username = username.encode()
        self.password = password.encode()

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (
            isinstance(auth_data, LoginPassword)
            and auth_data.login == self.username
            and auth_data.password == self.password
        )
        if not ok:
            return AuthResult(success=False, handled=False)
        return AuthResult(success=True, auth_data={"login": auth_data.login.decode(), "mechanism": mechanism})


def make_tls_context(cert_dir):
    cert = os.path.join(cert_dir, "cert.pem")
    key = os.path.join(cert_dir, "key.pem")
    subprocess.run(
        [
            "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
            "-subj", "/CN=localhost", "-days", "1",
            "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
            "-keyout", key, "-out", cert,
        ],
        check=True,
        capture_output=True,
    )
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return context


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--mailbox", required=True)
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--cert-dir", help="where to write cert.pem/key.pem (required with --tls)")
    parser.add_argument("--require-starttls", action="store_true")
    parser.add_argument("--username")
    parser.add_argument("--password")
    parser.add_argument("--exclude-auth", action="append", default=[],
                        help="AUTH mechanism not to offer, e.g. PLAIN (repeatable)")
    args = parser.parse_args()

    # With implicit TLS aiosmtpd does not know the connection is encrypted.
    smtp_kwargs = {"auth_require_tls": args.tls == "starttls"}
    controller_kwargs = {}
    if args.tls != "none":
        context = make_tls_context(args.cert_dir)
        if args.tls == "starttls":
            smtp_kwargs["tls_context"] = context
            smtp_kwargs["require_starttls"] = args.require_starttls
        else:
            controller_kwargs["ssl_context"] = context
    if args.username is not None:
        smtp_kwargs["authenticator"] = Authenticator(args.username, args.password or "")
        smtp_kwargs["auth_exclude_mechanism"] = args.exclude_auth

    controller = Controller(
        MailboxHandler(args.mailbox),
        hostname="127.0.0.1",
        port=args.port,
        server_hostname="smtp.test",
        **controller_kwargs,
        **smtp_kwargs,
    )
    stop = threading.Event()
    # The parent may have spawned us with these signals blocked (Foundation.Process does).
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGTERM, signal.SIGINT])
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    # Also stop when stdin reaches end of file, so that a crashed parent leaves no server behind.
    threading.Thread(target=lambda: (sys.stdin.read(), stop.set()), daemon=True).start()
    controller.start()
    stop.wait()
    controller.stop()


if __name__ == "__main__":
    main()
