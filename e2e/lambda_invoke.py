"""A Lambda-compatible Invoke API server for the trigger tests, run in the test process.

It answers `POST /2015-03-31/functions/{FunctionName}/invocations` as AWS Lambda does, for the
functions a test registers: Python handlers written as real Lambda handlers, `handler(event,
context)`. Every request must be SigV4-signed for the service `lambda` in the ARN's region with one
of the access keys the server knows; the signature is recomputed with botocore's own signer over
the request as it arrived (the raw, percent-encoded path, which botocore's canonical URI encodes
once more), so a Gatehouse that signs differently from an AWS SDK is refused with
InvalidSignatureException, as Lambda refuses it.

Answers, as the Invoke API gives them:
- the handler's return value as JSON, HTTP 200;
- for an `Event` invocation (X-Amz-Invocation-Type), HTTP 202 with no body at once, and the
  handler run afterwards on its own thread, its answer or failure dropped;
- a handler that raises: HTTP 200, `X-Amz-Function-Error: Unhandled`, `{"errorMessage", "errorType"}`;
- a handler that returns `Raw(b"...")`: those bytes as the answer (output that is not JSON);
- an unknown function: HTTP 404, `x-amzn-ErrorType: ResourceNotFoundException`;
- a missing or wrong signature: HTTP 403, `x-amzn-ErrorType: InvalidSignatureException`.

`GET /credentials` serves temporary keys as a container credentials endpoint does, to a caller
that gives the expected Authorization token.
"""
import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote

from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from helpers import ACCOUNT_ID, REGION

INVOKE_PREFIX = "/2015-03-31/functions/"
INVOKE_SUFFIX = "/invocations"


@dataclass
class Raw:
    """A handler's answer sent as these bytes, not as JSON."""
    body: bytes


@dataclass
class Invocation:
    """One request the server answered for a registered function."""
    function: str
    event: dict
    invocation_type: str
    access_key: str
    session_token: str | None


@dataclass
class LambdaContext:
    function_name: str
    invoked_function_arn: str
    aws_request_id: str = "e2e"


@dataclass
class InvokeServer:
    """The server; `start()` it, `register()` handlers, read `invocations(arn)`, `stop()` it."""
    # Secret keys by access key id; a signature with any other key is refused.
    keys: dict = field(default_factory=lambda: {"AKIDLAMBDA": "lambda-secret"})
    # What GET /credentials hands out, and the Authorization token it asks for.
    container_token: str = "container-token"
    container_keys: tuple = ("ASIACONTAINER", "container-secret", "container-session-token")
    _functions: dict = field(default_factory=dict)
    _invocations: list = field(default_factory=list)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _http: ThreadingHTTPServer | None = None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self._http.server_address[1]}"

    def start(self):
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                server._credentials(self)

            def do_POST(self):
                server._invoke(self)

        self._http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._http.daemon_threads = True
        threading.Thread(target=self._http.serve_forever, daemon=True).start()
        self.keys[self.container_keys[0]] = self.container_keys[1]
        return self

    def stop(self):
        if self._http:
            self._http.shutdown()
            self._http.server_close()

    def register(self, name, handler, region=REGION):
        """Makes `handler(event, context)` the function `name`; returns its ARN."""
        arn = f"arn:aws:lambda:{region}:{ACCOUNT_ID}:function:{name}"
        with self._lock:
            self._functions[arn] = handler
        return arn

    def invocations(self, arn):
        """The invocations of the function `arn`, oldest first."""
        with self._lock:
            return [i for i in self._invocations if i.function == arn]

    # -- request handling -------------------------------------------------------------------

    @staticmethod
    def _send(request, status, body=b"", headers=None):
        request.send_response(status)
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.send_header("Content-Length", str(len(body)))
        request.end_headers()
        try:
            request.wfile.write(body)
        except BrokenPipeError:
            pass  # the caller gave up waiting (a timed-out attempt), as Gatehouse does after 5 s

    def _error(self, request, status, error_type, message):
        self._send(request, status, json.dumps({"Type": "User", "Message": message}).encode(),
                   {"x-amzn-ErrorType": f"{error_type}:http://internal.amazon.com/coral/com.amazonaws.awslambda/",
                    "Content-Type": "application/json"})

    def _credentials(self, request):
        if request.path != "/credentials" or request.headers.get("Authorization") != self.container_token:
            return self._send(request, 403, b'{"message": "forbidden"}')
        key, secret, token = self.container_keys
        expiration = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() + 3600))
        self._send(request, 200, json.dumps({"AccessKeyId": key, "SecretAccessKey": secret, "Token": token,
                                             "Expiration": expiration}).encode(), {"Content-Type": "application/json"})

    def _invoke(self, request):
        body = request.rfile.read(int(request.headers.get("Content-Length", "0")))
        raw_path = request.path
        if not (raw_path.startswith(INVOKE_PREFIX) and raw_path.endswith(INVOKE_SUFFIX)):
            return self._error(request, 404, "UnknownOperationException", "Unknown operation")
        function = unquote(raw_path[len(INVOKE_PREFIX):-len(INVOKE_SUFFIX)])
        region = function.split(":")[3] if function.count(":") >= 6 else REGION
        signer = self._verified_signer(request, raw_path, body, region)
        if signer is None:
            return self._error(request, 403, "InvalidSignatureException",
                               "The request signature we calculated does not match the signature you provided.")
        with self._lock:
            handler = self._functions.get(function)
        if handler is None:
            return self._error(request, 404, "ResourceNotFoundException", f"Function not found: {function}")
        invocation_type = request.headers.get("X-Amz-Invocation-Type", "RequestResponse")
        event = json.loads(body)
        with self._lock:  # the event as it came: handlers change theirs, as real ones do
            self._invocations.append(Invocation(function, json.loads(body), invocation_type, *signer))
        if invocation_type == "Event":
            self._send(request, 202)
            threading.Thread(target=self._run_dropping_failure, args=(handler, event, function), daemon=True).start()
            return
        try:
            answer = self._run(handler, event, function)
        except Exception as error:  # noqa: BLE001 - a function's failure is an answer, as in Lambda
            return self._send(request, 200, json.dumps({"errorMessage": str(error), "errorType": type(error).__name__}).encode(),
                              {"X-Amz-Function-Error": "Unhandled", "Content-Type": "application/json"})
        payload = answer.body if isinstance(answer, Raw) else json.dumps(answer).encode()
        self._send(request, 200, payload, {"Content-Type": "application/json"})

    @staticmethod
    def _run(handler, event, function):
        return handler(event, LambdaContext(function.split(":")[-1], function))

    @classmethod
    def _run_dropping_failure(cls, handler, event, function):
        try:
            cls._run(handler, event, function)
        except Exception:  # noqa: BLE001 - Lambda keeps an event's failure to itself (and its retries)
            pass

    def _verified_signer(self, request, raw_path, body, region):
        """(access key, session token) when the request is signed as SigV4 requires, else None."""
        authorization = request.headers.get("Authorization", "")
        try:
            algorithm, rest = authorization.split(" ", 1)
            fields = dict(part.strip().split("=", 1) for part in rest.split(","))
            access_key, date, scope_region, service, terminator = fields["Credential"].split("/")
            signed_headers = fields["SignedHeaders"].split(";")
        except ValueError:
            return None
        amz_date = request.headers.get("X-Amz-Date", "")
        if (algorithm != "AWS4-HMAC-SHA256" or access_key not in self.keys or scope_region != region
                or service != "lambda" or terminator != "aws4_request" or date != amz_date[:8]
                or "host" not in signed_headers or "x-amz-date" not in signed_headers):
            return None
        token = request.headers.get("X-Amz-Security-Token")
        if token is not None and "x-amz-security-token" not in signed_headers:
            return None
        # botocore signs what it is given; give it the request as it came, signed headers only.
        headers = {name: request.headers[name] for name in signed_headers if request.headers.get(name) is not None}
        if len(headers) != len(signed_headers):
            return None
        aws_request = AWSRequest(method="POST", url=f"http://{request.headers['Host']}{raw_path}", data=body, headers=headers)
        aws_request.context["timestamp"] = amz_date
        auth = SigV4Auth(Credentials(access_key, self.keys[access_key], token), "lambda", region)
        canonical = auth.canonical_request(aws_request)
        expected = auth.signature(auth.string_to_sign(aws_request, canonical), aws_request)
        return (access_key, token) if fields.get("Signature") == expected else None
