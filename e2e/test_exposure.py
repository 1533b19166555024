"""What a server exposes beyond its own machine: requests for a Host it does not answer to (a DNS
rebinding) are refused, and the development endpoints answer loopback callers only unless told."""
import json
import socket

import pytest
import requests

from helpers import AMZ_JSON, TARGET_PREFIX, fake_authorization


def test_a_host_the_server_does_not_answer_to_is_refused(server):
    for host in ("evil.example", "localhost.evil.example:9229"):
        api = requests.post(server.endpoint, data="{}", timeout=10, headers={
            "Host": host, "Content-Type": AMZ_JSON, "X-Amz-Target": TARGET_PREFIX + "ListUserPools",
            "Authorization": fake_authorization()})
        assert (api.status_code, api.json()) == (403, {"__type": "AccessDeniedException", "message": (
            f"Gatehouse does not answer to the host {host}: name it with --allowed-host if it is this server's.")})
        assert requests.get(f"{server.endpoint}/health", headers={"Host": host}, timeout=10).status_code == 403
    for host in ("localhost:1", "app.localhost", "127.0.0.1"):
        assert requests.get(f"{server.endpoint}/health", headers={"Host": host}, timeout=10).status_code == 200


def machine_address():
    """This machine's address on its default route (no packet is sent)."""
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 9))
            return probe.getsockname()[0]
        except OSError:
            return None


def test_development_endpoints_answer_other_machines_only_when_told(server_factory):
    address = machine_address()
    if not address or address.startswith("127."):
        pytest.skip(f"this machine has no address beyond loopback to call from ({address})")
    for anywhere in (False, True):
        server = server_factory(options={"host": "0.0.0.0"},
                                flags=["allow-unsigned-admin"] + (["development-from-anywhere"] if anywhere else [])).start()
        try:
            remote = f"http://{address}:{server.port}"
            assert requests.get(f"{server.endpoint}/_gatehouse/outbox", timeout=10).status_code == 200
            answer = requests.get(f"{remote}/_gatehouse/outbox", timeout=10)
            if anywhere:
                assert answer.status_code == 200
            else:
                assert (answer.status_code, answer.json()["__type"]) == (403, "AccessDeniedException")
                assert json.loads(answer.text)["message"] == ("The development endpoints answer this machine only; start the "
                                                              "server with --development-from-anywhere to serve them to others.")
        finally:
            server.stop()
