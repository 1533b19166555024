"""HTTP/1.1 connection handling, seen on a raw socket: keep-alive, pipelining, `Connection: close`,
chunked bodies, the Date and Server headers, and requests that are not HTTP at all."""
import email.utils
import json
import socket
import time
from urllib.parse import urlparse

from helpers import AMZ_JSON, MAX_BODY, TARGET_PREFIX, fake_authorization, unique_name


def _connect(live_server):
    url = urlparse(live_server.endpoint)
    return socket.create_connection((url.hostname, url.port), timeout=10)


def _request(op, body, extra_headers=(), chunked=False):
    """The bytes of one POST / request; a chunked body goes in 1000-byte chunks."""
    data = body if isinstance(body, bytes) else json.dumps(body).encode()
    lines = ["POST / HTTP/1.1", "Host: localhost", f"Content-Type: {AMZ_JSON}", f"X-Amz-Target: {TARGET_PREFIX}{op}",
             f"Authorization: {fake_authorization()}", *extra_headers]
    if not chunked:
        return ("\r\n".join(lines + [f"Content-Length: {len(data)}", "", ""])).encode() + data
    chunks = b"".join(b"%x\r\n%s\r\n" % (len(data[i:i + 1000]), data[i:i + 1000]) for i in range(0, len(data), 1000))
    return ("\r\n".join(lines + ["Transfer-Encoding: chunked", "", ""])).encode() + chunks + b"0\r\n\r\n"


class _Reader:
    """Reads responses with a Content-Length, one after another, from a socket."""

    def __init__(self, sock):
        self.sock, self.buffer = sock, b""

    def _fill(self):
        data = self.sock.recv(65536)
        if not data:
            raise EOFError("connection closed")
        self.buffer += data

    def response(self):
        while b"\r\n\r\n" not in self.buffer:
            self._fill()
        head, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        status_line, *header_lines = head.decode().split("\r\n")
        headers = {name.lower(): value.strip() for name, value in (line.split(":", 1) for line in header_lines)}
        length = int(headers["content-length"])
        while len(self.buffer) < length:
            self._fill()
        body, self.buffer = self.buffer[:length], self.buffer[length:]
        return int(status_line.split()[1]), headers, body

    def closed(self):
        """True when the server closes the connection with nothing more to read."""
        try:
            return self.buffer == b"" and self.sock.recv(1) == b""
        except ConnectionResetError:
            return True


def test_keep_alive_serves_many_requests_on_one_connection(live_server):
    with _connect(live_server) as sock:
        reader = _Reader(sock)
        for _ in range(3):
            sock.sendall(_request("ListUserPools", {"MaxResults": 1}))
            status, _, body = reader.response()
            assert status == 200 and "UserPools" in json.loads(body)


def test_pipelined_requests_are_answered_in_order(live_server, raw):
    names = [unique_name("pipelined") for _ in range(3)]
    with _connect(live_server) as sock:
        sock.sendall(b"".join(_request("CreateUserPool", {"PoolName": name}) for name in names))
        reader = _Reader(sock)
        answered = [json.loads(reader.response()[2])["UserPool"]["Name"] for _ in names]
    assert answered == names


def test_connection_close_is_honoured_after_the_response(live_server):
    with _connect(live_server) as sock:
        sock.sendall(_request("ListUserPools", {"MaxResults": 1}, ["Connection: Close"]))
        reader = _Reader(sock)
        assert reader.response()[0] == 200
        assert reader.closed()


def test_responses_carry_date_and_server(live_server):
    with _connect(live_server) as sock:
        sock.sendall(_request("ListUserPools", {"MaxResults": 1}))
        _, headers, _ = _Reader(sock).response()
    assert headers["server"] == "Gatehouse"
    assert abs(email.utils.parsedate_to_datetime(headers["date"]).timestamp() - time.time()) < 60
    assert headers["date"].endswith(" GMT")


def test_chunked_body_is_read_whole(live_server):
    name = unique_name("chunked")
    body = json.dumps({"PoolName": name, "UserPoolTags": {f"tag{i}": "v" * 200 for i in range(20)}}).encode()
    with _connect(live_server) as sock:
        sock.sendall(_request("CreateUserPool", body, chunked=True))
        status, _, answer = _Reader(sock).response()
    assert status == 200, answer
    assert json.loads(answer)["UserPool"]["Name"] == name


def test_chunked_body_over_the_limit_is_rejected(live_server, sentinel):
    body = b'{"PoolName":"' + b"a" * MAX_BODY + b'"}'
    with _connect(live_server) as sock:
        sock.sendall(_request("CreateUserPool", body, chunked=True))
        status, headers, answer = _Reader(sock).response()
    assert (status, headers["x-amzn-errortype"]) == (413, "RequestEntityTooLargeException:"), answer
    assert json.loads(answer) == {"__type": "RequestEntityTooLargeException",
                                  "message": f"The request body exceeds the limit of {MAX_BODY} bytes."}
    sentinel.assert_unchanged()


def test_bytes_that_are_not_http_get_400_and_a_closed_connection(live_server):
    with _connect(live_server) as sock:
        sock.sendall(b"\x16\x03\x01 not http at all\r\n\r\n")
        reader = _Reader(sock)
        status, headers, body = reader.response()
        assert (status, headers["connection"].lower(), body) == (400, "close", b"")
        assert reader.closed()
    assert live_server.healthy()
