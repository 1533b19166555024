"""SetLogDeliveryConfiguration and GetLogDeliveryConfiguration, and the logs delivered: a server
started with --log-delivery-file appends each exported record (Cognito's log export form) of the
pools that export that source, whichever destination ARN they name."""
import json

import pytest

from expected import ACCOUNT_ID, REGION
from helpers import expect_client_error, unique_name

LOG_GROUP = f"arn:aws:logs:{REGION}:{ACCOUNT_ID}:log-group:cognito-errors"
BUCKET = "arn:aws:s3:::cognito-activity-logs"
NOTIFICATIONS = {"EventSource": "userNotification", "LogLevel": "ERROR", "CloudWatchLogsConfiguration": {"LogGroupArn": LOG_GROUP}}
AUTH_EVENTS = {"EventSource": "userAuthEvents", "LogLevel": "INFO", "S3Configuration": {"BucketArn": BUCKET}}
PASSWORD = "Str0ng-Passphrase!"


@pytest.fixture(scope="module")
def exporting(server_factory, tmp_path_factory):
    """A server that appends exported logs to a file; (server, the file)."""
    path = tmp_path_factory.mktemp("logs") / "exported.jsonl"
    server = server_factory(options={"log-delivery-file": str(path)}).start()
    yield server, path
    server.stop()  # its database connections go back before later modules start servers of their own


@pytest.fixture
def exporter(make_client, exporting):
    return make_client(endpoint=exporting[0].endpoint)


def _records(path, pool_id):
    lines = path.read_text().splitlines() if path.exists() else []
    return [record for record in map(json.loads, lines) if record["logSourceId"]["userPoolId"] == pool_id]


def test_configurations_are_stored_and_checked(cognito, make_pool):
    pool_id = make_pool(UserPoolTier="PLUS")["Id"]
    assert cognito.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"] == {
        "UserPoolId": pool_id, "LogConfigurations": []}
    answer = cognito.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[NOTIFICATIONS, AUTH_EVENTS])
    expected = {"UserPoolId": pool_id, "LogConfigurations": [NOTIFICATIONS, AUTH_EVENTS]}
    assert answer["LogDeliveryConfiguration"] == expected
    assert cognito.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"] == expected
    for configurations, message in [
        ([{**NOTIFICATIONS, "LogLevel": "INFO"}], "userNotification logs are delivered at LogLevel ERROR to CloudWatchLogsConfiguration only."),
        ([{**AUTH_EVENTS, "LogLevel": "ERROR"}], "userAuthEvents logs are delivered at LogLevel INFO."),
        ([{**AUTH_EVENTS, "FirehoseConfiguration": {"StreamArn": f"arn:aws:firehose:{REGION}:{ACCOUNT_ID}:deliverystream/logs"}}],
         "A log configuration needs exactly one of CloudWatchLogsConfiguration, S3Configuration and FirehoseConfiguration."),
        ([NOTIFICATIONS, NOTIFICATIONS], "Each EventSource may have one log configuration."),
    ]:
        expect_client_error(cognito.set_log_delivery_configuration, "InvalidParameterException", message, UserPoolId=pool_id,
                            LogConfigurations=configurations)
    assert cognito.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"] == expected, "a refusal changes nothing"
    cognito.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[])
    assert cognito.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"]["LogConfigurations"] == []
    essentials = make_pool(UserPoolTier="ESSENTIALS")["Id"]
    expect_client_error(cognito.set_log_delivery_configuration, "FeatureUnavailableInTierException",
                        "Exporting userAuthEvents requires the PLUS feature plan.", UserPoolId=essentials, LogConfigurations=[AUTH_EVENTS])
    assert cognito.set_log_delivery_configuration(UserPoolId=essentials, LogConfigurations=[NOTIFICATIONS])


def test_auth_events_and_notification_errors_are_delivered(exporter, exporting):
    path = exporting[1]
    pool_id = exporter.create_user_pool(PoolName=unique_name("logs"), UserPoolTier="PLUS",
                                        UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})["UserPool"]["Id"]
    quiet = exporter.create_user_pool(PoolName=unique_name("quiet"), UserPoolTier="PLUS",
                                      UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"})["UserPool"]["Id"]
    exporter.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[NOTIFICATIONS, AUTH_EVENTS])
    clients = {}
    for pool in (pool_id, quiet):
        client_id = clients[pool] = exporter.create_user_pool_client(UserPoolId=pool, ClientName="app",
                                                     ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH"])["UserPoolClient"]["ClientId"]
        exporter.admin_create_user(UserPoolId=pool, Username="ana", MessageAction="SUPPRESS")
        exporter.admin_set_user_password(UserPoolId=pool, Username="ana", Password=PASSWORD, Permanent=True)
        exporter.initiate_auth(ClientId=client_id, AuthFlow="USER_PASSWORD_AUTH", AuthParameters={"USERNAME": "ana", "PASSWORD": PASSWORD})
        # No SmsConfiguration: the invitation by SMS fails, a userNotification error.
        exporter.admin_create_user(UserPoolId=pool, Username="ben", DesiredDeliveryMediums=["SMS"],
                                   UserAttributes=[{"Name": "phone_number", "Value": "+15555550100"}])
    assert _records(path, quiet) == [], "a pool that exports nothing"
    records = _records(path, pool_id)
    (activity,) = [r for r in records if r["eventSource"] == "USER_AUTH_EVENTS"]
    event = exporter.admin_list_user_auth_events(UserPoolId=pool_id, Username="ana")["AuthEvents"][0]
    sub = exporter.admin_get_user(UserPoolId=pool_id, Username="ana")["UserAttributes"]
    message = activity["message"]
    assert activity["logLevel"] == "INFO" and activity["logSourceId"] == {"userPoolId": pool_id}
    assert int(activity["eventTimestamp"]) >= int(event["CreationDate"].timestamp() * 1000) - 1
    assert message["eventId"] == event["EventId"] and message["eventType"] == "SignIn" and message["eventResponse"] == "Pass"
    assert message["userName"] == "ana" and message["userSub"] == next(a["Value"] for a in sub if a["Name"] == "sub")
    assert message["userPoolId"] == pool_id and message["clientId"] == clients[pool_id] and message["ipAddress"] == "127.0.0.1"
    assert message["riskDecision"] == "NoRisk" and message["riskLevel"] == "" and message["compromisedCredentialDetected"] == "false"
    assert message["version"] == "1" and message["creationDate"].endswith(" UTC " + message["creationDate"][-4:])
    (failure,) = [r for r in records if r["eventSource"] == "USER_NOTIFICATION"]
    assert failure["logLevel"] == "ERROR"
    assert failure["message"] == {"details": "The user pool has no SmsConfiguration to send SMS with."}


@pytest.fixture(scope="module")
def collector():
    """An HTTP endpoint that keeps the JSON bodies POSTed to it."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
    received = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            received.append((self.headers["Content-Type"], json.loads(self.rfile.read(int(self.headers["Content-Length"])))))
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}/logs", received
    server.shutdown()


def test_records_are_posted_to_the_delivery_url(server_factory, make_client, collector, request):
    from helpers import wait_for
    url, received = collector
    server = server_factory(options={"log-delivery-url": url}).start()
    request.addfinalizer(server.stop)
    idp = make_client(endpoint=server.endpoint)
    pool_id = idp.create_user_pool(PoolName=unique_name("posted"))["UserPool"]["Id"]
    idp.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=[NOTIFICATIONS])
    idp.admin_create_user(UserPoolId=pool_id, Username="cy", DesiredDeliveryMediums=["SMS"],
                          UserAttributes=[{"Name": "phone_number", "Value": "+15555550101"}])
    wait_for(lambda: any(body["logSourceId"]["userPoolId"] == pool_id for _, body in received))
    (content_type, record), = [(t, b) for t, b in received if b["logSourceId"]["userPoolId"] == pool_id]
    assert content_type == "application/json"
    assert record["eventSource"] == "USER_NOTIFICATION" and record["message"] == {
        "details": "The user pool has no SmsConfiguration to send SMS with."}
