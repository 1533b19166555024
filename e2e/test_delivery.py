"""Delivery for real: invitations and codes through an SMTP relay (aiosmtpd, STARTTLS and AUTH) and
SMS through a webhook, each recorded in the outbox with its outcome."""
import email
import json
import subprocess
import sys
import threading
from email import policy
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
import requests

from helpers import REPO_ROOT, free_port, wait_for


@pytest.fixture
def smtp_relay(tmp_path):
    """aiosmtpd with STARTTLS and AUTH (user gatehouse, password s3cret) on a free port; yields
    (url, received) where received() reads the messages it accepted so far."""
    port, mailbox = free_port(), tmp_path / "mailbox.jsonl"
    process = subprocess.Popen([sys.executable, str(REPO_ROOT / "scripts" / "smtp_server.py"), "--port", str(port),
                                "--mailbox", str(mailbox), "--tls", "starttls", "--cert-dir", str(tmp_path),
                                "--require-starttls", "--username", "gatehouse", "--password", "s3cret"],
                               stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def received():
        if not mailbox.exists():
            return []
        return [json.loads(line) for line in mailbox.read_text().splitlines()]

    try:
        wait_for(lambda: _accepts(port), timeout=20)
        yield f"smtp+starttls://gatehouse:s3cret@127.0.0.1:{port}", received
    finally:
        process.terminate()
        process.wait(timeout=10)


def _accepts(port):
    import socket
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.fixture
def sms_webhook():
    """An HTTP server that records each POSTed JSON body; yields (url, received)."""
    bodies = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            bodies.append(json.loads(self.rfile.read(int(self.headers["Content-Length"]))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/sms", bodies
    server.shutdown()


def _status(server, recipient, expected):
    wait_for(lambda: server.outbox(recipient=recipient)[0]["Status"] == expected, timeout=20)
    return server.outbox(recipient=recipient)[0]


def test_invitation_and_code_reach_the_smtp_relay(server_factory, make_client, smtp_relay):
    url, received = smtp_relay
    server = server_factory(use_env=True, options={"smtp-url": url, "smtp-insecure": "1"}).start()
    cognito = make_client(endpoint=server.endpoint)
    pool_id = cognito.create_user_pool(
        PoolName="smtp", AutoVerifiedAttributes=["email"],
        EmailConfiguration={"EmailSendingAccount": "DEVELOPER", "From": "Gatehouse <noreply@example.com>",
                            "ReplyToEmailAddress": "help@example.com",
                            "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/noreply@example.com"},
        AdminCreateUserConfig={"InviteMessageTemplate": {"EmailSubject": "Welcome to the team",
                                                         "EmailMessage": "Hello {username}, use {####} to sign in."}})["UserPool"]["Id"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="vera", TemporaryPassword="Temp-Passw0rd", DesiredDeliveryMediums=["EMAIL"],
                              UserAttributes=[{"Name": "email", "Value": "vera@example.com"}])
    assert _status(server, "vera@example.com", "SENT")["Trigger"] == "AdminCreateUser"
    wait_for(lambda: len(received()) == 1, timeout=20)
    envelope = received()[0]
    assert envelope["rcpt_tos"] == ["vera@example.com"] and envelope["mail_from"] == "noreply@example.com"
    assert envelope["tls"] is True and envelope["authenticated_as"] == "gatehouse"
    message = email.message_from_string(envelope["content"], policy=policy.default)
    assert message["Subject"] == "Welcome to the team"
    assert message.get_content_type() == "text/html", "Cognito's emails are HTML"
    assert message["From"] == "Gatehouse <noreply@example.com>" and message["Reply-To"] == "help@example.com"
    assert message.get_content().strip() == "Hello vera, use Temp-Passw0rd to sign in."

    app = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    cognito.sign_up(ClientId=app, Username="walt", Password="P2$Sword", UserAttributes=[{"Name": "email", "Value": "walt@example.com"}])
    _status(server, "walt@example.com", "SENT")
    wait_for(lambda: len(received()) == 2, timeout=20)
    body = email.message_from_string(received()[1]["content"], policy=policy.default).get_content()
    code = server.code_sent_to("walt@example.com")
    assert body.strip() == f"Your verification code is {code}."
    cognito.confirm_sign_up(ClientId=app, Username="walt", ConfirmationCode=code)
    server.stop()


def test_a_failed_delivery_keeps_the_user_and_shows_in_the_outbox(server_factory, make_client):
    server = server_factory(use_env=True, options={"smtp-url": f"smtp://127.0.0.1:{free_port()}"}).start()
    cognito = make_client(endpoint=server.endpoint)
    pool_id = cognito.create_user_pool(PoolName="down", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    app = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    cognito.sign_up(ClientId=app, Username="xena", Password="P2$Sword", UserAttributes=[{"Name": "email", "Value": "xena@example.com"}])
    failed = _status(server, "xena@example.com", "FAILED")
    assert failed["Detail"]
    assert cognito.admin_get_user(UserPoolId=pool_id, Username="xena")["UserStatus"] == "UNCONFIRMED"
    cognito.confirm_sign_up(ClientId=app, Username="xena", ConfirmationCode=server.code_sent_to("xena@example.com"))
    assert "a message was not delivered" in server.log_tail()
    server.stop()


def test_sms_goes_to_the_webhook(server_factory, make_client, sms_webhook):
    url, bodies = sms_webhook
    server = server_factory(options={"sms-webhook-url": url}).start()
    cognito = make_client(endpoint=server.endpoint)
    pool_id = cognito.create_user_pool(
        PoolName="sms", AutoVerifiedAttributes=["phone_number"],
        SmsConfiguration={"SnsCallerArn": "arn:aws:iam::123456789012:role/sms", "ExternalId": "x"})["UserPool"]["Id"]
    app = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    signed_up = cognito.sign_up(ClientId=app, Username="yuri", Password="P2$Sword",
                                UserAttributes=[{"Name": "phone_number", "Value": "+15555550123"}])
    assert signed_up["CodeDeliveryDetails"] == {"Destination": "+*******0123", "DeliveryMedium": "SMS", "AttributeName": "phone_number"}
    _status(server, "+15555550123", "SENT")
    assert len(bodies) == 1
    code = server.code_sent_to("+15555550123")
    assert bodies[0] == {"To": "+15555550123", "Body": f"Your verification code is {code}. ", "Username": "yuri", "Trigger": "SignUp"}
    server.stop()


def test_outside_development_mode_the_outbox_redacts_codes(server_factory, make_client):
    server = server_factory(development_outbox=False).start()
    cognito = make_client(endpoint=server.endpoint)
    pool_id = cognito.create_user_pool(PoolName="prod", AutoVerifiedAttributes=["email"])["UserPool"]["Id"]
    app = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app")["UserPoolClient"]["ClientId"]
    cognito.sign_up(ClientId=app, Username="zoe", Password="P2$Sword", UserAttributes=[{"Name": "email", "Value": "zoe@example.com"}])
    refused = requests.get(f"{server.endpoint}/_gatehouse/outbox", timeout=10)
    assert (refused.status_code, refused.json()["__type"]) == (400, "UnknownOperationException")
    messages = json.loads(server.run_subcommand("outbox", "--recipient", "zoe@example.com"))["Messages"]
    assert messages[0]["Body"] == "Your verification code is [redacted]. "
    server.stop()
