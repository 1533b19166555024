"""What one client may hold of a server, on raw sockets: a body declared over the limit is refused
before it is sent, a connection that does not deliver a whole request in time is closed (idle or
slow), and connections beyond the maximum are closed as they open."""
import json
import resource
import socket
import time

import pytest

from helpers import AMZ_JSON, MAX_BODY, TARGET_PREFIX, fake_authorization
from test_http_connection import _Reader, _request

TIMEOUT = 2


@pytest.fixture(scope="module")
def limited(server_factory):
    """A server whose connections have 2 s for each request, and that holds 20 at most."""
    return server_factory(options={"request-timeout-seconds": str(TIMEOUT), "max-connections": "20"}).start()


def connect(server):
    return socket.create_connection(("127.0.0.1", server.port), timeout=10)


def closed_within(sock, seconds):
    """Whether the server ends the connection within `seconds` (reading and dropping what it sends)."""
    sock.settimeout(seconds)
    try:
        while sock.recv(65536):
            pass
        return True
    except socket.timeout:
        return False
    except ConnectionResetError:
        return True


def test_a_body_declared_over_the_limit_is_refused_before_it_is_sent(server):
    head = "\r\n".join(["POST / HTTP/1.1", "Host: localhost", f"Content-Type: {AMZ_JSON}",
                        f"X-Amz-Target: {TARGET_PREFIX}CreateUserPool", f"Authorization: {fake_authorization()}",
                        f"Content-Length: {10 * MAX_BODY}", "", ""]).encode()
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        started = time.monotonic()
        sock.sendall(head)
        reader = _Reader(sock)
        status, headers, body = reader.response()
        assert time.monotonic() - started < 5, "answered without waiting for the body"
        assert (status, headers["connection"].lower()) == (413, "close")
        assert json.loads(body) == {"__type": "RequestEntityTooLargeException",
                                    "message": f"The request body exceeds the limit of {MAX_BODY} bytes."}
        assert reader.closed()
    assert server.healthy()


def test_idle_and_slow_connections_are_closed_after_the_request_timeout(limited):
    with connect(limited) as idle, connect(limited) as slow, connect(limited) as kept:
        body = json.dumps({"MaxResults": 1}).encode()
        whole = _request("ListUserPools", body)
        slow.sendall(whole[:-5])  # the head and most of the body
        kept.sendall(whole)
        status, _, _ = _Reader(kept).response()
        assert status == 200
        started = time.monotonic()
        for sock in (idle, slow, kept):
            assert closed_within(sock, TIMEOUT + 3)
        assert time.monotonic() - started >= TIMEOUT - 1.5, "not before the timeout"
    assert limited.healthy()


def test_connections_beyond_the_maximum_are_closed_as_they_open(limited):
    held = [connect(limited) for _ in range(20)]
    try:
        time.sleep(0.3)
        with connect(limited) as extra:
            assert closed_within(extra, 2), "the 21st connection stays open"
        for sock in held[:5]:
            sock.close()
        time.sleep(0.3)
        with connect(limited) as admitted:
            admitted.sendall(_request("ListUserPools", json.dumps({"MaxResults": 1}).encode()))
            status, _, _ = _Reader(admitted).response()
            assert status == 200
    finally:
        for sock in held:
            sock.close()


def rss_mib(server):
    status = open(f"/proc/{server.process.pid}/status").read()
    return int(next(line for line in status.splitlines() if line.startswith("VmRSS:")).split()[1]) / 1024


def test_a_thousand_idle_connections_cost_at_most_32_mib(server_factory):
    """About 9 MiB measured on the 2-core machine (42 → 51 MiB); 32 MiB is the bound stated in the README."""
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard != resource.RLIM_INFINITY and hard < 1200:
        pytest.skip(f"this machine allows {hard} open files per process, fewer than 1,000 connections need")
    if soft < 1200:  # like `ulimit -n`, for this process and the server it starts
        resource.setrlimit(resource.RLIMIT_NOFILE, (1200, hard))
    server = server_factory().start()  # started after the limit is raised, so that it inherits it
    try:
        assert server.healthy()
        before = rss_mib(server)
        held = [connect(server) for _ in range(1000)]
        try:
            time.sleep(1)
            grown = rss_mib(server) - before
            assert grown <= 32, f"1,000 idle connections took {grown:.1f} MiB"
            with connect(server) as probe:
                probe.sendall(_request("ListUserPools", json.dumps({"MaxResults": 1}).encode()))
                assert _Reader(probe).response()[0] == 200
        finally:
            for sock in held:
                sock.close()
    finally:
        server.stop()
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))


def test_bodies_arriving_at_once_are_held_within_the_budget(server_factory):
    """With a 2 MiB budget, two 700 KB partial bodies are held; a third is refused with
    TooManyRequestsException and its connection ended; once the two are gone, requests pass again."""
    server = server_factory(options={"body-budget-mib": "2"}).start()
    head = "\r\n".join(["POST / HTTP/1.1", "Host: localhost", f"Content-Type: {AMZ_JSON}",
                        f"X-Amz-Target: {TARGET_PREFIX}CreateUserPool", f"Authorization: {fake_authorization()}",
                        "Content-Length: 900000", "", ""]).encode()
    part = b'{"PoolName":"' + b"a" * 700_000
    try:
        held = [connect(server) for _ in range(2)]
        for sock in held:
            sock.sendall(head + part)
        time.sleep(0.5)
        with connect(server) as third:
            third.sendall(head + part)
            status, headers, body = _Reader(third).response()
            assert (status, json.loads(body)) == (400, {"__type": "TooManyRequestsException", "message": (
                "The server is receiving too many request bodies at once; try again later.")})
            assert headers["connection"].lower() == "close"
        for sock in held:
            sock.close()
        time.sleep(0.5)
        with connect(server) as later:
            later.sendall(_request("ListUserPools", json.dumps({"MaxResults": 1}).encode()))
            assert _Reader(later).response()[0] == 200
    finally:
        server.stop()
