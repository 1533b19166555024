"""`gatehouse cognito-idp`, the native command line: what it sends, compared with the real aws CLI
(v1) for the same arguments at a capturing endpoint, and what it does against the server."""
import http.server
import json
import os
import subprocess
import threading

import pytest

from conftest import _binary
from helpers import ACCESS_KEY, REGION, SECRET_KEY, CliResult, aws_executable, server_env


def _environment(tmp_path, extra=None):
    env = server_env({
        "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_DEFAULT_REGION": REGION,
        "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_PAGER": "", "HOME": str(tmp_path),
    })
    env.update(extra or {})
    return env


def run_native(endpoint, *args, env, stdin=None):
    """`gatehouse cognito-idp *args --endpoint-url endpoint`."""
    done = subprocess.run([str(_binary()), "cognito-idp", *args, "--endpoint-url", endpoint], env=env,
                          capture_output=True, text=True, timeout=60, input=stdin)
    return CliResult(done.returncode, done.stdout, done.stderr)


def run_aws_v1(endpoint, *args, env):
    done = subprocess.run([aws_executable(), "cognito-idp", *args, "--endpoint-url", endpoint], env=env,
                          capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL)
    return CliResult(done.returncode, done.stdout, done.stderr)


class CaptureEndpoint:
    """An HTTP endpoint that records each request, answers each with the next (status, body) of its
    script, then with 200 `{}`."""

    def __init__(self, script=()):
        self.script = list(script)
        self.requests = []
        endpoint = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                endpoint.requests.append((dict(self.headers), body))
                status, answer = endpoint.script.pop(0) if endpoint.script else (200, b"{}")
                self.send_response(status)
                self.send_header("Content-Type", "application/x-amz-json-1.1")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def take(self):
        assert len(self.requests) == 1, f"expected one request, got {len(self.requests)}"
        return self.requests.pop()


@pytest.fixture(scope="module")
def capture():
    endpoint = CaptureEndpoint()
    yield endpoint
    endpoint.server.shutdown()


def _signed_headers(headers):
    authorization = headers.get("Authorization")
    if authorization is None:
        return None
    return authorization.split("SignedHeaders=")[1].split(",")[0]


# Arguments for which both command lines must send the same request. Files named here are written
# by the test: blob.bin (bytes 00 ff), input.json, mediums.json.
SAME_REQUEST = [
    ("update-user-pool", "--user-pool-id", "us-east-1_abc", "--user-pool-tags", "Team=Blue,Area=West"),
    ("update-user-pool", "--user-pool-id", "us-east-1_abc",
     "--policies", "PasswordPolicy={MinimumLength=10,RequireSymbols=false,TemporaryPasswordValidityDays=3}",
     "--account-recovery-setting",
     "RecoveryMechanisms=[{Priority=1,Name=verified_email},{Priority=2,Name=verified_phone_number}]",
     "--auto-verified-attributes", "email", "phone_number", "--mfa-configuration", "OFF",
     "--admin-create-user-config", '{"AllowAdminCreateUserOnly": true, "InviteMessageTemplate": {"EmailSubject": "Hé"}}'),
    ("create-user-pool", "--pool-name", "café pool", "--username-attributes", "email",
     "--schema", "Name=nickname,AttributeDataType=String,StringAttributeConstraints={MinLength=1,MaxLength=20}",
     "Name=score,AttributeDataType=Number,Mutable=true"),
    ("admin-create-user", "--user-pool-id", "us-east-1_abc", "--username", "bob",
     "--user-attributes", "Name=email,Value=bob@example.com", "Name=name,Value='Bob, Jr.'",
     "--desired-delivery-mediums", "EMAIL", "SMS", "--force-alias-creation", "--message-action", "SUPPRESS"),
    ("create-user-pool-client", "--user-pool-id", "us-east-1_abc", "--client-name", "web",
     "--no-generate-secret", "--explicit-auth-flows", "ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH",
     "--token-validity-units", "AccessToken=minutes,IdToken=minutes", "--access-token-validity", "30",
     "--enable-token-revocation", "--read-attributes"),
    ("initiate-auth", "--client-id", "client", "--auth-flow", "USER_PASSWORD_AUTH",
     "--auth-parameters", "USERNAME=bob,PASSWORD=p@ss=word,SECRET_HASH=abc="),
    ("admin-update-user-attributes", "--user-pool-id", "us-east-1_abc", "--username", "bob",
     "--user-attributes", '[{"Name": "email", "Value": "new@example.com"}]', "--client-metadata", "k1=v1,k2="),
    ("list-users", "--user-pool-id", "us-east-1_abc", "--limit", "5", "--filter", 'email ^= "bob"',
     "--attributes-to-get", "email", "sub"),
    ("set-ui-customization", "--user-pool-id", "us-east-1_abc", "--css", ".x{}", "--image-file", "fileb://blob.bin"),
    ("admin-get-user", "--cli-input-json", "file://input.json", "--username", "override"),
    ("admin-create-user", "--user-pool-id", "us-east-1_abc", "--username", "carol",
     "--desired-delivery-mediums", "file://mediums.json"),
    ("set-user-pool-mfa-config", "--user-pool-id", "us-east-1_abc",
     "--software-token-mfa-configuration", "Enabled=true", "--mfa-configuration", "OPTIONAL",
     "--sms-mfa-configuration", "SmsAuthenticationMessage='Code {####}',SmsConfiguration={SnsCallerArn=arn:aws:iam::1:role/r}"),
    ("sign-up", "--client-id", "client", "--username", "dave", "--password", "Passw0rd!",
     "--user-attributes", "Name=email,Value=d@example.com", "--client-metadata", '{"source": "cli"}'),
    ("delete-user-pool", "--user-pool-id", "us-east-1_abc"),
    ("list-users", "--user-pool-id", "us-east-1_abc", "--page-size", "3", "--filter", "status = \"Enabled\""),
    ("list-user-pools", "--max-results", "7"),
]


@pytest.mark.parametrize("arguments", SAME_REQUEST, ids=lambda a: a[0])
def test_native_command_sends_what_the_aws_cli_sends(capture, tmp_path, arguments):
    (tmp_path / "blob.bin").write_bytes(b"\x00\xff")
    (tmp_path / "input.json").write_text('{"UserPoolId": "us-east-1_file", "Username": "from-file"}')
    (tmp_path / "mediums.json").write_text('["EMAIL"]')
    env = _environment(tmp_path)
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        expected = run_aws_v1(capture.url, *arguments, env=env)
        assert expected.code == 0, expected.stderr
        aws_headers, aws_body = capture.take()
        native = run_native(capture.url, *arguments, env=env)
        assert native.code == 0, native.stderr
        headers, body = capture.take()
    finally:
        os.chdir(cwd)
    assert json.loads(body) == json.loads(aws_body)
    assert body == aws_body, "same members in the same order, written the same way"
    assert headers["X-Amz-Target"] == aws_headers["X-Amz-Target"]
    assert headers["Content-Type"] == aws_headers["Content-Type"]
    assert _signed_headers(headers) == _signed_headers(aws_headers)
    if _signed_headers(headers):
        assert f"/{REGION}/cognito-idp/aws4_request" in headers["Authorization"]


@pytest.fixture
def native(live_server, tmp_path):
    """native(*args) runs `gatehouse cognito-idp` against the session's server."""
    env = _environment(tmp_path, {"AWS_DEFAULT_OUTPUT": "json"})

    def run(*args, stdin=None):
        return run_native(live_server.endpoint, *args, env=env, stdin=stdin)
    return run


def test_the_issue_example_verbatim(native, make_pool, cognito):
    pool_id = make_pool()["Id"]
    result = native("update-user-pool", "--user-pool-id", pool_id, "--user-pool-tags", "Team=Blue,Area=West")
    assert (result.code, result.stdout, result.stderr) == (0, "", "")
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]["UserPoolTags"] == {"Team": "Blue", "Area": "West"}


def test_output_is_what_the_aws_cli_prints(native, aws, make_pool, cognito):
    pool_id = make_pool(UserPoolTags={"Team": "Blue"}, AliasAttributes=["email"])["Id"]
    for name, email in (("ana", "ana@example.com"), ("bø", "b@example.com")):
        cognito.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS",
                                  UserAttributes=[{"Name": "email", "Value": email}, {"Name": "name", "Value": "Ä 名前"}])
    commands = [("describe-user-pool", "--user-pool-id", pool_id), ("list-users", "--user-pool-id", pool_id),
                ("get-user-pool-mfa-config", "--user-pool-id", pool_id)]
    for command in commands:
        for output in ("json", "text", "table"):
            mine = native(*command, "--output", output)
            theirs = aws("cognito-idp", *command, "--output", output)
            assert (mine.code, theirs.code) == (0, 0), mine.stderr + theirs.stderr
            assert mine.stdout == theirs.stdout, (command[0], output)


def test_yaml_output_and_input(native, make_pool, tmp_path):
    pool_id = make_pool()["Id"]
    (tmp_path / "input.yaml").write_text(f"UserPoolId: {pool_id}\nGroupName: admins\nPrecedence: 3\nDescription: '42'\n")
    created = native("create-group", "--cli-input-yaml", f"file://{tmp_path / 'input.yaml'}", "--output", "yaml")
    assert created.code == 0, created.stderr
    assert "GroupName: admins\n" in created.stdout
    assert "Precedence: 3\n" in created.stdout
    assert "Description: '42'\n" in created.stdout
    fetched = native("get-group", "--user-pool-id", pool_id, "--group-name", "admins")
    assert fetched.json["Group"]["Description"] == "42" and fetched.json["Group"]["Precedence"] == 3


def test_skeletons(native):
    skeleton = native("admin-get-user", "--generate-cli-skeleton")
    assert (skeleton.code, json.loads(skeleton.stdout)) == (0, {"UserPoolId": "", "Username": ""})
    yaml_skeleton = native("admin-get-user", "--generate-cli-skeleton", "yaml-input")
    assert (yaml_skeleton.code, yaml_skeleton.stdout) == (0, "UserPoolId: ''\nUsername: ''\n")
    # As in the AWS CLI, an output skeleton still needs the required parameters.
    assert native("get-group", "--generate-cli-skeleton", "output").code == 252
    output = native("get-group", "--user-pool-id", "p", "--group-name", "g", "--generate-cli-skeleton", "output")
    assert output.code == 0, output.stderr
    group = json.loads(output.stdout)["Group"]
    assert group["GroupName"] == "GroupName" and group["Precedence"] == 0


def test_service_errors_exit_254_with_the_aws_cli_message(native, make_pool):
    pool_id = make_pool()["Id"]
    result = native("admin-get-user", "--user-pool-id", pool_id, "--username", "nobody")
    assert result.code == 254
    assert result.stderr == ("\nAn error occurred (UserNotFoundException) when calling the AdminGetUser operation: "
                             "User does not exist.\n")
    assert result.stdout == ""


def test_usage_errors_exit_252(native):
    missing = native("admin-get-user", "--username", "bob")
    assert missing.code == 252
    assert missing.stderr.endswith("gatehouse: error: the following arguments are required: --user-pool-id\n")
    unknown = native("admin-get-user", "--user-pool-id", "p", "--username", "bob", "--bogus", "x")
    assert (unknown.code, unknown.stderr.splitlines()[-1]) == (252, "gatehouse: error: Unknown options: --bogus, x")
    shorthand = native("update-user-pool", "--user-pool-id", "p", "--user-pool-tags", "Team=Blue,Team=Red")
    assert shorthand.code == 252
    assert shorthand.stderr == ('\nError parsing parameter \'--user-pool-tags\': Second instance of key "Team" encountered for input:\n'
                                'Team=Blue,Team=Red\n          ^\n'
                                'This is often because there is a preceding "," instead of a space.\n')
    bad_json = native("update-user-pool", "--user-pool-id", "p", "--policies", '{"PasswordPolicy": }')
    assert bad_json.code == 252
    assert "Error parsing parameter '--policies': Invalid JSON: unexpected '}': line 1 column 20 (char 19)" in bad_json.stderr


def test_configuration_errors_exit_253(live_server, tmp_path):
    env = _environment(tmp_path)
    del env["AWS_ACCESS_KEY_ID"]

    def both(*arguments):
        """The native command's result, after checking that it prints what the aws CLI prints."""
        mine = run_native(live_server.endpoint, *arguments, env=env)
        theirs = run_aws_v1(live_server.endpoint, *arguments, env=env)
        assert mine.stderr == theirs.stderr, arguments
        return mine

    no_credentials = both("list-user-pools", "--max-results", "1")
    assert (no_credentials.code, no_credentials.stderr) == (
        253, 'Unable to locate credentials. You can configure credentials by running "aws configure".\n')
    # Without signing, the request goes out; the server wants a signature for this operation.
    unsigned = both("list-user-pools", "--max-results", "1", "--no-sign-request")
    assert (unsigned.code, unsigned.stderr) == (254, "\nAn error occurred (MissingAuthenticationTokenException) when "
                                                     "calling the ListUserPools operation: Missing Authentication Token\n")
    # Operations the model leaves unsigned need no credentials.
    sign_in = both("initiate-auth", "--client-id", "nosuchclient", "--auth-flow", "USER_PASSWORD_AUTH",
                   "--auth-parameters", "USERNAME=a,PASSWORD=b")
    assert sign_in.code == 254
    assert sign_in.stderr.startswith("\nAn error occurred (ResourceNotFoundException) when calling the InitiateAuth operation: ")
    del env["AWS_DEFAULT_REGION"]
    no_region = both("list-user-pools", "--max-results", "1")
    assert (no_region.code, no_region.stderr) == (
        253, 'You must specify a region. You can also configure your region by running "aws configure".\n')


def test_profiles_from_the_shared_files(live_server, tmp_path):
    (tmp_path / "config").write_text("[default]\nregion = eu-west-1\n\n[profile ops]\nregion = ap-south-1\noutput = json\n")
    (tmp_path / "credentials").write_text("[ops]\naws_access_key_id = OPSKEY\naws_secret_access_key = opssecret\n")
    env = _environment(tmp_path, {"AWS_CONFIG_FILE": str(tmp_path / "config"),
                                  "AWS_SHARED_CREDENTIALS_FILE": str(tmp_path / "credentials")})
    del env["AWS_DEFAULT_REGION"]
    created = run_native(live_server.endpoint, "create-user-pool", "--pool-name", "profiled", "--profile", "ops", env=env)
    assert created.code == 0, created.stderr
    assert json.loads(created.stdout)["UserPool"]["Id"].startswith("ap-south-1_")
    unknown = run_native(live_server.endpoint, "list-user-pools", "--max-results", "1", "--profile", "nope", env=env)
    assert (unknown.code, unknown.stderr) == (253, "\nThe config profile (nope) could not be found\n")


def test_help_lists_every_operation_and_option_as_the_aws_cli_names_them(native):
    import botocore.session
    service = botocore.session.get_session().get_service_model("cognito-idp")
    listed = native("help")
    assert listed.code == 0, listed.stderr
    names = [line.strip()[2:] for line in listed.stdout.splitlines() if line.strip().startswith("o ")]
    assert names == [botocore.xform_name(name, "-") for name in service.operation_names] + ["help"]
    for operation in ("UpdateUserPool", "AdminCreateUser", "CreateUserPoolClient", "SetUICustomization"):
        shape = service.operation_model(operation).input_shape
        page = native(botocore.xform_name(operation, "-"), "help")
        assert page.code == 0, page.stderr
        for member, member_shape in shape.members.items():
            assert f"--{botocore.xform_name(member, '-')} ({member_shape.type_name})" in page.stdout, member
            for value in getattr(member_shape, "enum", None) or []:
                assert value in page.stdout
    assert native("--help").stdout == listed.stdout
    assert native("admin-get-user", "--username", "help", "--help").stdout == native("admin-get-user", "help").stdout
    update = native("update-user-pool", "help").stdout
    assert "Possible values: OFF | ON | OPTIONAL" in update
    assert "SignInPolicy={AllowedFirstAuthFactors=[string,string]}" in update
    assert '"AllowedFirstAuthFactors": ["PASSWORD"|"EMAIL_OTP"|"SMS_OTP"|"WEB_AUTHN", ...]' in update


def test_auto_prompt_through_a_pseudo_terminal(live_server, make_pool, cognito, tmp_path):
    import pexpect
    pool_id = make_pool()["Id"]
    env = _environment(tmp_path, {"AWS_DEFAULT_OUTPUT": "json"})
    child = pexpect.spawn(str(_binary()), ["cognito-idp", "--cli-auto-prompt", "--endpoint-url", live_server.endpoint],
                          env=env, encoding="utf-8", timeout=30)
    child.expect_exact("Operation: ")
    child.send("update-user-po\t")          # Tab completes the operation's name
    child.expect_exact("update-user-pool")
    child.send("\r")
    child.expect_exact("--user-pool-id (string, required): ")
    child.send(pool_id + "\r")
    child.expect_exact("Optional parameter (Enter to run): ")
    child.send("--mfa-con\t")               # completes a parameter name
    child.expect_exact("--mfa-configuration")
    child.send("\r")
    child.expect_exact("--mfa-configuration (string): ")
    child.send("O\t\t")                     # two candidates share "O": the second Tab lists them
    child.expect_exact("OFF  ON  OPTIONAL")
    child.send("FF\r")
    child.expect_exact("Optional parameter (Enter to run): ")
    child.send("--user-pool-tags\r")
    child.expect_exact("--user-pool-tags (map): ")
    child.send("Team=Blue,Area=West\r")
    child.expect_exact("Optional parameter (Enter to run): ")
    child.send("\r")
    child.expect_exact(f"gatehouse cognito-idp update-user-pool --user-pool-id {pool_id} "
                       "--mfa-configuration OFF --user-pool-tags Team=Blue,Area=West")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    pool = cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["UserPoolTags"] == {"Team": "Blue", "Area": "West"}
    assert pool["MfaConfiguration"] == "OFF"


def test_auto_prompt_cancelled_changes_nothing(live_server, make_pool, cognito, tmp_path):
    import pexpect
    pool_id = make_pool()["Id"]
    env = _environment(tmp_path)
    child = pexpect.spawn(str(_binary()), ["cognito-idp", "update-user-pool", "--user-pool-id", pool_id, "--cli-auto-prompt",
                                           "--endpoint-url", live_server.endpoint], env=env, encoding="utf-8", timeout=30)
    child.expect_exact("Optional parameter (Enter to run): ")
    child.send("--user-pool-tags\r")
    child.expect_exact("--user-pool-tags (map): ")
    child.send("\x03")                      # Ctrl-C
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 252
    assert cognito.describe_user_pool(UserPoolId=pool_id)["UserPool"].get("UserPoolTags", {}) == {}


def test_every_syntax_against_the_server(native, make_pool, tmp_path, cognito):
    created = native("create-user-pool", "--pool-name", "syntax",
                     "--policies", "PasswordPolicy={MinimumLength=10,RequireSymbols=false}",
                     "--schema", '[{"Name": "team", "AttributeDataType": "String", "Mutable": true}]',
                     "--alias-attributes", "email", "--user-pool-tags", "Team=Blue")
    assert created.code == 0, created.stderr
    pool = created.json["UserPool"]
    assert pool["Policies"]["PasswordPolicy"]["MinimumLength"] == 10
    assert any(a["Name"] == "custom:team" for a in pool["SchemaAttributes"])
    pool_id = pool["Id"]
    (tmp_path / "user.json").write_text(json.dumps({"UserPoolId": pool_id, "Username": "ignored", "MessageAction": "SUPPRESS"}))
    (tmp_path / "password.txt").write_text("Temporary1pass")
    user = native("admin-create-user", "--cli-input-json", f"file://{tmp_path / 'user.json'}", "--username", "ana",
                  "--user-attributes", "Name=email,Value=ana@example.com", "Name=custom:team,Value='Red, Blue'",
                  "--temporary-password", f"fileb://{tmp_path / 'password.txt'}")
    assert user.code == 0, user.stderr
    assert user.json["User"]["Username"] == "ana"
    attributes = {a["Name"]: a["Value"] for a in user.json["User"]["Attributes"]}
    assert attributes["custom:team"] == "Red, Blue"
    set_password = native("admin-set-user-password", "--user-pool-id", pool_id, "--username", "ana",
                          "--password", "Permanent1pass", "--permanent")
    assert set_password.code == 0, set_password.stderr
    listed = native("list-users", "--user-pool-id", pool_id, "--filter", 'email = "ana@example.com"',
                    "--attributes-to-get", "email")
    assert listed.code == 0, listed.stderr
    assert [u["UserStatus"] for u in listed.json["Users"]] == ["CONFIRMED"]
    assert listed.json["Users"][0]["Attributes"] == [{"Name": "email", "Value": "ana@example.com"}]
    deleted = native("admin-delete-user", "--user-pool-id", pool_id, "--username", "ana")
    assert (deleted.code, deleted.stdout) == (0, "")


def test_pagination_is_the_aws_cli_s(native, aws, make_pool, cognito):
    pool_id = make_pool()["Id"]
    for index in range(5):
        cognito.admin_create_user(UserPoolId=pool_id, Username=f"user{index}", MessageAction="SUPPRESS")
    cases = [(), ("--page-size", "2"), ("--max-items", "3"), ("--max-items", "2", "--page-size", "2"),
             ("--max-items", "4", "--page-size", "3"), ("--limit", "2"), ("--no-paginate", "--limit", "3")]
    for paging in cases:
        for output in ("json", "text", "table"):
            mine = native("list-users", "--user-pool-id", pool_id, *paging, "--output", output)
            theirs = aws("cognito-idp", "list-users", "--user-pool-id", pool_id, *paging, "--output", output)
            assert (mine.code, theirs.code) == (0, 0), mine.stderr + theirs.stderr
            assert mine.stdout == theirs.stdout, (paging, output)
    first = native("list-users", "--user-pool-id", pool_id, "--max-items", "3", "--page-size", "2").json
    assert len(first["Users"]) == 3
    rest = native("list-users", "--user-pool-id", pool_id, "--starting-token", first["NextToken"], "--page-size", "2")
    theirs = aws("cognito-idp", "list-users", "--user-pool-id", pool_id, "--starting-token", first["NextToken"],
                 "--page-size", "2")
    assert rest.stdout == theirs.stdout
    names = [u["Username"] for u in first["Users"] + rest.json["Users"]]
    assert sorted(names) == [f"user{index}" for index in range(5)]
    refused = native("list-users", "--user-pool-id", pool_id, "--limit", "2", "--max-items", "1")
    assert (refused.code, refused.stderr.splitlines()[-1]) == (
        252, "gatehouse: error: Cannot specify --no-paginate along with pagination arguments: --max-items")


def test_debug_logs_the_exchange_without_secrets(native, make_pool, cognito):
    pool_id = make_pool()["Id"]
    client_id = cognito.create_user_pool_client(UserPoolId=pool_id, ClientName="app",
                                                ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"])["UserPoolClient"]["ClientId"]
    cognito.admin_create_user(UserPoolId=pool_id, Username="ana", MessageAction="SUPPRESS")
    assert native("admin-set-user-password", "--user-pool-id", pool_id, "--username", "ana",
                  "--password", "Sekr1t-pass!", "--permanent", "--debug").code == 0
    signed_in = native("initiate-auth", "--client-id", client_id, "--auth-flow", "USER_PASSWORD_AUTH",
                       "--auth-parameters", "USERNAME=ana,PASSWORD=Sekr1t-pass!", "--debug")
    assert signed_in.code == 0, signed_in.stderr
    tokens = signed_in.json["AuthenticationResult"]
    assert "X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth" in signed_in.stderr
    assert "Response: HTTP 200" in signed_in.stderr
    for secret in ("Sekr1t-pass!", tokens["AccessToken"], tokens["IdToken"], tokens["RefreshToken"]):
        assert secret not in signed_in.stderr
    assert '"AccessToken": "***"' in signed_in.stderr


@pytest.mark.parametrize("word", ["admin-get-usr", "list-user", "create-userpool", "initiate-aut", "xyz"])
def test_a_mistyped_operation_gets_the_aws_cli_s_suggestions(live_server, tmp_path, word):
    env = _environment(tmp_path)
    mine = run_native(live_server.endpoint, word, env=env)
    theirs = run_aws_v1(live_server.endpoint, word, env=env)
    assert (mine.code, theirs.code) == (252, 2)
    assert mine.stderr.split("gatehouse: error: ", 1)[1] == theirs.stderr.split("aws: error: ", 1)[1]


@pytest.mark.parametrize("arguments", [
    ("update-user-pool", "--user-pool-id", "p", "--policies", "PasswordPolicy={MinimumLength=8,Unknown=1,RequireSymbols=yes}"),
    ("admin-update-user-attributes", "--user-pool-id", "p", "--username", "u",
     "--user-attributes", '[{"Name": 1}, {"Value": "x"}]'),
    ("admin-get-user", "--cli-input-json", '{"UserPoolId": "", "Extra": [1, "a", {"b": null}]}'),
    ("list-user-pools", "--max-results", "0"),
    ("update-user-pool", "--user-pool-id", "p", "--user-pool-tags", '{"": "x", "k": 5}'),
], ids=lambda a: a[0])
def test_invalid_parameters_are_refused_before_sending_as_botocore_refuses_them(capture, tmp_path, arguments):
    capture.requests.clear()
    env = _environment(tmp_path)
    mine = run_native(capture.url, *arguments, env=env)
    theirs = run_aws_v1(capture.url, *arguments, env=env)
    assert (mine.code, theirs.code) == (252, 255)
    assert mine.stderr == theirs.stderr
    assert mine.stderr.startswith("\nParameter validation failed:\n")
    assert capture.requests == []


def test_retries_as_botocore_legacy_mode(tmp_path):
    env = _environment(tmp_path)
    unavailable = (503, b'{"__type": "ServiceUnavailableException", "message": "busy"}')
    throttled = (400, b'{"__type": "com.amazonaws#ThrottlingException:http://internal", "message": "slow down"}')
    flaky = CaptureEndpoint([unavailable, throttled])
    result = run_native(flaky.url, "describe-user-pool", "--user-pool-id", "us-east-1_abc", env=env)
    assert (result.code, len(flaky.requests)) == (0, 3), result.stderr
    flaky.server.shutdown()

    refused = CaptureEndpoint([(400, b'{"__type": "com.amazonaws#NotAuthorizedException:http://internal", "message": "no"}')])
    result = run_native(refused.url, "describe-user-pool", "--user-pool-id", "us-east-1_abc", env=env)
    assert (result.code, len(refused.requests)) == (254, 1)
    assert result.stderr == "\nAn error occurred (NotAuthorizedException) when calling the DescribeUserPool operation: no\n"
    refused.server.shutdown()

    empty = CaptureEndpoint([(400, b"")])
    result = run_native(empty.url, "describe-user-pool", "--user-pool-id", "us-east-1_abc", env=env)
    theirs = run_aws_v1(CaptureEndpoint([(400, b"")]).url, "describe-user-pool", "--user-pool-id", "us-east-1_abc", env=env)
    assert (result.code, result.stderr) == (254, theirs.stderr)
    empty.server.shutdown()


QUERIES = [
    "UserPool.Id", "UserPool.[Id, Name]", "UserPool.{id: Id, tags: UserPoolTags}", "UserPool.SchemaAttributes[0].Name",
    "UserPool.SchemaAttributes[-1]", "UserPool.SchemaAttributes[:3].Name", "UserPool.SchemaAttributes[::-5].Name",
    "UserPool.SchemaAttributes[*].AttributeDataType", "UserPool.SchemaAttributes[?Mutable].Name",
    "UserPool.SchemaAttributes[?AttributeDataType == 'Boolean' || Name == `\"sub\"`].[Name, Required]",
    "UserPool.SchemaAttributes[?!Mutable && Required].Name | [0]", "UserPool.Policies.*.MinimumLength",
    "UserPool.SchemaAttributes[].StringAttributeConstraints.MaxLength", "length(UserPool.SchemaAttributes)",
    "keys(UserPool.UserPoolTags)", "sort(UserPool.SchemaAttributes[*].Name)[:2]", "contains(UserPool.AliasAttributes, 'email')",
    "UserPool.SchemaAttributes[?starts_with(Name, 'email')].Name", "join(', ', UserPool.SchemaAttributes[:2].Name)",
    "UserPool.NoSuchMember", "UserPool.Policies.PasswordPolicy.MinimumLength > `6`", "to_string(UserPool.UserPoolTags)",
    "[UserPool.Id, UserPool.Name][1]", "UserPool.Policies.PasswordPolicy.TemporaryPasswordValidityDays >= `7`",
    "UserPool.SchemaAttributes[?Name == 'email'] | [0].{n: Name, m: Mutable}",
]


def test_query_selects_what_the_aws_cli_selects(native, aws, make_pool):
    pool_id = make_pool(UserPoolTags={"Team": "Blue", "Area": "West"}, AliasAttributes=["email"])["Id"]
    for number, query in enumerate(QUERIES):
        for output in ("json", "text", "table") if number < 8 else ("json", "text"):
            mine = native("describe-user-pool", "--user-pool-id", pool_id, "--query", query, "--output", output)
            theirs = aws("cognito-idp", "describe-user-pool", "--user-pool-id", pool_id, "--query", query, "--output", output)
            assert (mine.code, theirs.code) == (0, 0), (query, mine.stderr, theirs.stderr)
            assert mine.stdout == theirs.stdout, (query, output)


def test_query_on_paginated_results(native, aws, make_pool, cognito):
    pool_id = make_pool()["Id"]
    for index in range(3):
        cognito.admin_create_user(UserPoolId=pool_id, Username=f"user{index}", MessageAction="SUPPRESS")
    for query in ("Users[*].Username", "Users[?Username == 'user1'].UserStatus | [0]", "length(Users)", "NextToken"):
        for output in ("json", "text"):
            paging = ("--page-size", "1", "--max-items", "2")
            mine = native("list-users", "--user-pool-id", pool_id, *paging, "--query", query, "--output", output)
            theirs = aws("cognito-idp", "list-users", "--user-pool-id", pool_id, *paging, "--query", query, "--output", output)
            assert mine.stdout == theirs.stdout, (query, output)


def test_an_invalid_query_is_a_usage_error(native):
    result = native("list-user-pools", "--max-results", "1", "--query", "UserPools[?")
    assert (result.code, result.stderr) == (252, "\nBad value for --query UserPools[?: incomplete expression\n")
    result = native("list-user-pools", "--max-results", "1", "--query", "UserPools[*]]")
    assert (result.code, result.stderr) == (252, "\nBad value for --query UserPools[*]]: unexpected token ']' at position 12\n")
