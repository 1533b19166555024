"""OpenTelemetry traces (`--otlp-endpoint`): every request a server span, sent as OTLP over HTTP
with JSON to <endpoint>/v1/traces, its parent the caller's W3C `traceparent`; the Cognito API's
spans named and described by OpenTelemetry's RPC conventions (rpc.system aws-api), the other routes'
by method and route; failures marked; what waits sent once more at shutdown."""
import http.server
import json
import threading

import pytest
import requests

from helpers import AMZ_JSON, TARGET_PREFIX, fake_authorization, unique_name, wait_for

TRACE_ID = "0af7651916cd43dd8448eb211c80319c"
PARENT = "b7ad6b7169203331"


class Collector:
    """An OTLP/HTTP receiver: keeps every span posted to /v1/traces, with its resource."""

    def __init__(self):
        self.spans, self.paths, self.resources = [], [], []
        collector = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                collector.paths.append((self.path, self.headers["Content-Type"]))
                for resource in body["resourceSpans"]:
                    collector.resources.append(resource["resource"])
                    for scope in resource["scopeSpans"]:
                        collector.spans.extend(scope["spans"])
                self.send_response(200)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def named(self, name):
        return [span for span in self.spans if span["name"] == name]


def attributes(span):
    return {item["key"]: next(iter(item["value"].values())) for item in span["attributes"]}


@pytest.fixture
def collector():
    collector = Collector()
    yield collector
    collector.server.shutdown()


def test_requests_become_spans_of_the_callers_trace(server_factory, make_client, collector, request):
    server = server_factory(options={"otlp-endpoint": collector.endpoint}).start()
    request.addfinalizer(server.stop)
    idp = make_client(endpoint=server.endpoint)
    pool_id = idp.create_user_pool(PoolName=unique_name("traces"))["UserPool"]["Id"]
    answer = requests.post(server.endpoint, data=json.dumps({"UserPoolId": pool_id}), timeout=10, headers={
        "Content-Type": AMZ_JSON, "X-Amz-Target": f"{TARGET_PREFIX}DescribeUserPool", "Authorization": fake_authorization(),
        "traceparent": f"00-{TRACE_ID}-{PARENT}-01"})
    assert answer.status_code == 200
    missing = requests.post(server.endpoint, data=json.dumps({"UserPoolId": "us-east-1_missing00"}), timeout=10, headers={
        "Content-Type": AMZ_JSON, "X-Amz-Target": f"{TARGET_PREFIX}DescribeUserPool", "Authorization": fake_authorization()})
    assert missing.status_code == 400
    assert requests.get(f"{server.endpoint}/{pool_id}/.well-known/jwks.json", timeout=10).status_code == 200
    wait_for(lambda: len(collector.named("AWSCognitoIdentityProviderService/DescribeUserPool")) == 2
             and collector.named("GET /{poolId}/.well-known/jwks.json"), timeout=15)

    described, failed = collector.named("AWSCognitoIdentityProviderService/DescribeUserPool")
    assert (described["traceId"], described["parentSpanId"], described["kind"]) == (TRACE_ID, PARENT, 2)
    assert len(described["spanId"]) == 16 and int(described["endTimeUnixNano"]) >= int(described["startTimeUnixNano"])
    assert attributes(described) == {"rpc.system": "aws-api", "rpc.service": "CognitoIdentityProvider", "rpc.method": "DescribeUserPool",
                                     "aws.request_id": answer.headers["x-amzn-RequestId"], "http.response.status_code": "200"}
    assert "status" not in described
    assert failed["traceId"] != TRACE_ID and "parentSpanId" not in failed, "no traceparent: a trace of its own"
    assert failed["status"] == {"code": 2, "message": "ResourceNotFoundException"}
    assert attributes(failed)["error.type"] == "ResourceNotFoundException"
    jwks, = collector.named("GET /{poolId}/.well-known/jwks.json")
    assert attributes(jwks) == {"http.request.method": "GET", "url.path": f"/{pool_id}/.well-known/jwks.json",
                                "http.response.status_code": "200"}
    assert set(collector.paths) == {("/v1/traces", "application/json")}
    assert collector.resources[0] == {"attributes": [{"key": "service.name", "value": {"stringValue": "gatehouse"}}]}


def test_what_waits_is_sent_at_shutdown(server_factory, make_client, collector):
    server = server_factory(options={"otlp-endpoint": collector.endpoint}, env={"OTEL_SERVICE_NAME": "gatehouse-e2e"}).start()
    idp = make_client(endpoint=server.endpoint)
    try:
        idp.list_user_pools(MaxResults=1)
    finally:
        assert server.stop() == 0
    assert collector.named("AWSCognitoIdentityProviderService/ListUserPools"), "sent before the process ended"
    assert collector.resources[-1]["attributes"][0]["value"] == {"stringValue": "gatehouse-e2e"}
