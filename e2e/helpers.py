"""Shared machinery of the end-to-end suite: the server process, raw HTTP, the aws CLI, assertions."""
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import pytest
import requests
from botocore.exceptions import ClientError

REPO_ROOT = Path(__file__).resolve().parent.parent
REGION = "us-east-1"
ACCOUNT_ID = "123456789012"
ACCESS_KEY = "AKIDEXAMPLE"
SECRET_KEY = "secret"
TARGET_PREFIX = "AWSCognitoIdentityProviderService."
AMZ_JSON = "application/x-amz-json-1.1"
MAX_BODY = 1048576
STORE = os.environ.get("GATEHOUSE_E2E_STORE", "sqlite")
# With GATEHOUSE_E2E_BALANCED=1 (PostgreSQL only), the session's servers are each two processes
# behind nginx (BalancedServers).
BALANCED = os.environ.get("GATEHOUSE_E2E_BALANCED") == "1"


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(condition, timeout=10, interval=0.05):
    """Waits until `condition()` is true; fails the test after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"condition not met within {timeout} s"
        time.sleep(interval)


def unique_name(tag):
    return f"e2e-{tag}-{uuid.uuid4().hex[:10]}"


def pool_id_pattern(region):
    return re.compile(rf"^{re.escape(region)}_[0-9A-Za-z]{{9}}$")


def pool_arn(pool_id, region=REGION, account=ACCOUNT_ID):
    return f"arn:aws:cognito-idp:{region}:{account}:userpool/{pool_id}"


def server_env(extra=None):
    """The caller's environment without GATEHOUSE_* and AWS_* variables, plus `extra`."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("GATEHOUSE_", "AWS_"))}
    env.update(extra or {})
    return env


class DevelopmentOutbox:
    """The development outbox of a server at `self.endpoint` (one process, or several sharing a database)."""

    def outbox(self, **query):
        """The development outbox's messages, newest first (query: userPoolId, recipient, limit)."""
        response = requests.get(f"{self.endpoint}/_gatehouse/outbox", params=query, timeout=10)
        response.raise_for_status()
        return response.json()["Messages"]

    def code_sent_to(self, recipient):
        """The six-digit code in the newest message to `recipient`."""
        messages = self.outbox(recipient=recipient)
        assert messages, f"no message to {recipient}"
        match = re.search(r"\d{6}", messages[0]["Body"])
        assert match, messages[0]["Body"]
        return match.group(0)


def thread_stacks(pid):
    """Every thread's backtrace of the process `pid`, through gdb, for a process that hangs (or
    why they could not be taken)."""
    gdb = shutil.which("gdb")
    if not gdb:
        return "(no backtrace: gdb is not installed)"
    try:
        taken = subprocess.run([gdb, "-p", str(pid), "-batch", "-ex", "thread apply all bt"], capture_output=True, text=True,
                               timeout=120, stdin=subprocess.DEVNULL)
        return taken.stdout[-60_000:] or taken.stderr[-2_000:]
    except (OSError, subprocess.TimeoutExpired) as error:
        return f"(no backtrace: {error})"


class GatehouseServer(DevelopmentOutbox):
    """One `gatehouse serve` process; restartable on the same port, data dir and database."""

    def __init__(self, binary, data_dir, log_path, database_url=None, port=None,
                 use_env=False, region=REGION, account_id=ACCOUNT_ID, development_outbox=True,
                 development_clock=False, options=None, flags=(), env=None, tls_ca=None):
        self.binary = str(binary)
        self.data_dir = Path(data_dir)
        self.log_path = Path(log_path)
        self.database_url = database_url
        self.port = port or free_port()
        self.use_env = use_env
        self.region = region
        self.account_id = account_id
        self.development_outbox = development_outbox
        self.development_clock = development_clock
        self.options = dict(options or {})
        self.flags = list(flags)  # options without a value, e.g. "allow-unsigned-admin"
        self.tls_ca = tls_ca  # a server speaking TLS: the CA file that signed its certificate for localhost
        self.env = dict(env or {})
        self.process = None

    @property
    def endpoint(self):
        return f"https://localhost:{self.port}" if self.tls_ca else f"http://127.0.0.1:{self.port}"

    def _settings(self):
        settings = {"host": "127.0.0.1", "port": str(self.port), "data-dir": str(self.data_dir),
                    "region": self.region, "account-id": self.account_id, "log-level": "info"}
        if self.database_url:
            settings["database-url"] = self.database_url
        settings.update(self.options)
        return settings

    def command_and_env(self):
        settings = self._settings()
        if self.use_env:
            extra = {"GATEHOUSE_" + k.upper().replace("-", "_"): v for k, v in settings.items()}
            if self.development_outbox:
                extra["GATEHOUSE_DEVELOPMENT_OUTBOX"] = "1"
            if self.development_clock:
                extra["GATEHOUSE_DEVELOPMENT_CLOCK"] = "1"
            extra.update({"GATEHOUSE_" + flag.upper().replace("-", "_"): "1" for flag in self.flags})
            return [self.binary, "serve"], server_env({**self.env, **extra})
        args = [self.binary, "serve"] + (["--development-outbox"] if self.development_outbox else [])
        args += ["--development-clock"] if self.development_clock else []
        for key, value in settings.items():
            args += [f"--{key}", value]
        args += [f"--{flag}" for flag in self.flags]
        return args, server_env(self.env)

    def run_subcommand(self, *args):
        """Runs `gatehouse <args>` on this server's database and returns what it printed."""
        command = [self.binary, *args]
        if self.database_url:
            command += ["--database-url", self.database_url]
        else:
            command += ["--data-dir", str(self.data_dir)]
        result = subprocess.run(command, env=server_env(), capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout

    def advance_clock(self, seconds):
        """Moves the server's clock forward (a server started with development_clock=True)."""
        response = requests.post(f"{self.endpoint}/_gatehouse/clock", params={"advanceSeconds": seconds}, timeout=10)
        response.raise_for_status()
        return response.json()["Now"]

    def start(self, timeout=60):
        assert self.process is None or self.process.poll() is not None, "server already running"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)  # the server makes its data directory, 0700
        args, env = self.command_and_env()
        with open(self.log_path, "ab") as log:
            log.write(f"\n=== start {' '.join(args)}\n".encode())
            log.flush()
            self.process = subprocess.Popen(args, env=env, stdout=log, stderr=subprocess.STDOUT,
                                            stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gatehouse exited with {self.process.returncode} during start-up:\n{self.log_tail()}")
            try:
                response = requests.get(self.endpoint + "/health", timeout=2, verify=self.tls_ca or True)
                if response.status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        self.process.kill()
        self.process.wait()
        raise RuntimeError(f"gatehouse did not answer /health within {timeout}s:\n{self.log_tail()}")

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Sends `sig` and returns the exit code; kills the process if it does not exit in time."""
        if self.process is None or self.process.poll() is not None:
            return self.process.returncode if self.process else None
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            stacks = thread_stacks(self.process.pid)
            self.process.kill()
            self.process.wait()
            raise AssertionError(f"gatehouse did not exit within {timeout}s of signal {sig}:\n{self.log_tail()}\n"
                                 f"its threads then:\n{stacks}")

    def kill(self):
        self.process.kill()
        return self.process.wait(timeout=30)

    def restart(self):
        code = self.stop()
        assert code == 0, f"gatehouse exited with {code} on SIGTERM:\n{self.log_tail()}"
        return self.start()

    def ensure_running(self):
        if self.process is None or self.process.poll() is not None:
            self.start()

    def healthy(self):
        response = requests.get(self.endpoint + "/health", timeout=5, verify=self.tls_ca or True)
        return response.status_code == 200 and response.json() == {"status": "ok"}

    def log_tail(self, lines=60):
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return "(no log)"


class BalancedServers(DevelopmentOutbox):
    """Gatehouse processes sharing one PostgreSQL database behind nginx, which hands each request
    to the next process in turn; used as one server (the session's `server` when BALANCED): its
    endpoint is nginx's, which is also every process's issuer URL, and its development clock is
    moved on every process at once. Debian's nginx-light. It has what the files scripts/test.sh
    runs this way use of a server (no kill() or data_dir: test_durability's tests are not run so)."""

    NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

    def __init__(self, servers, work_dir):
        self.servers = servers
        self.work_dir = Path(work_dir)
        self.port = free_port()
        self.process = None
        for server in servers:
            server.options.setdefault("issuer-url", self.endpoint)

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}"

    def _configuration(self):
        upstreams = "".join(f"server 127.0.0.1:{server.port}; " for server in self.servers)
        temp = " ".join(f"{kind}_temp_path {self.work_dir / kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        return f"""
            worker_processes 1; pid {self.work_dir / 'nginx.pid'}; error_log {self.work_dir / 'error.log'};
            events {{ worker_connections 1024; }}
            http {{
                access_log off; {temp}
                upstream gatehouse {{ {upstreams} }}
                server {{
                    # Bodies and answers stay in memory: a worker may not write in the test's
                    # directory (as root, nginx's workers run as nobody).
                    listen 127.0.0.1:{self.port}; client_max_body_size 16m; client_body_buffer_size 16m;
                    proxy_max_temp_file_size 0;
                    location / {{
                        proxy_pass http://gatehouse; proxy_set_header Host $http_host; proxy_http_version 1.1;
                        add_header X-Upstream $upstream_addr always;
                    }}
                }}
            }}
            """

    def start(self, timeout=30):
        """Starts what is not running; when that fails, stops it all again and raises."""
        try:
            for server in self.servers:
                server.ensure_running()
            if self.process is None or self.process.poll() is not None:
                self.work_dir.mkdir(parents=True, exist_ok=True)
                configuration = self.work_dir / "nginx.conf"
                configuration.write_text(self._configuration())
                self.process = subprocess.Popen([self.NGINX, "-p", str(self.work_dir), "-c", str(configuration), "-g", "daemon off;"],
                                                stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
            wait_for(self.healthy, timeout=timeout)
        except BaseException:
            self.stop()
            raise
        return self

    def healthy(self):
        if self.process.poll() is not None:
            raise RuntimeError(f"nginx exited with {self.process.returncode}: see {self.work_dir / 'error.log'}")
        try:
            return requests.get(self.endpoint + "/health", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def stop(self, sig=signal.SIGTERM, timeout=30):
        """Stops nginx and the processes; returns the first non-zero exit code of a process, else 0."""
        try:
            if self.process is not None and self.process.poll() is None:
                self.process.terminate()
                try:
                    self.process.wait(timeout=timeout)
                except subprocess.TimeoutExpired:
                    self.process.kill()
                    self.process.wait()
        finally:
            codes = [server.stop(sig, timeout) for server in self.servers]
        return next((code for code in codes if code), codes[0])

    def restart(self):
        for server in self.servers:
            server.restart()
        return self

    def ensure_running(self):
        self.start()

    def advance_clock(self, seconds):
        return [server.advance_clock(seconds) for server in self.servers][-1]

    def log_tail(self, lines=60):
        return "\n".join(f"--- {server.log_path}\n{server.log_tail(lines)}" for server in self.servers)


def fake_authorization(region=REGION, service="cognito-idp"):
    """A well-formed SigV4 Authorization header with a meaningless signature."""
    return (f"AWS4-HMAC-SHA256 Credential={ACCESS_KEY}/20250101/{region}/{service}/aws4_request, "
            f"SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature={'0' * 64}")


class RawClient:
    """Sends arbitrary bytes to the server with chosen headers."""

    def __init__(self, endpoint):
        self.endpoint = endpoint

    def post(self, body, op=None, target=None, region=REGION, auth=True, content_type=AMZ_JSON, headers=None):
        """`body` is bytes, or any JSON value (encoded here). `op` sets the standard target; `target`
        sets the whole X-Amz-Target value; with neither, no X-Amz-Target header is sent."""
        data = body if isinstance(body, (bytes, bytearray)) else json.dumps(body).encode()
        all_headers = {"Content-Type": content_type}
        if op is not None:
            all_headers["X-Amz-Target"] = TARGET_PREFIX + op
        elif target is not None:
            all_headers["X-Amz-Target"] = target
        if auth:
            all_headers["Authorization"] = fake_authorization(region)
            all_headers["X-Amz-Date"] = "20250101T000000Z"
        all_headers.update(headers or {})
        return requests.post(self.endpoint + "/", data=data, headers=all_headers, timeout=60)

    def call(self, op, payload, region=REGION):
        """A well-formed signed call that must succeed; returns the parsed output."""
        return assert_ok(self.post(payload, op=op, region=region))

    def describe_bytes(self, pool_id, region=REGION):
        response = self.post({"UserPoolId": pool_id}, op="DescribeUserPool", region=region)
        assert_ok(response)
        return response.content

    def describe(self, pool_id, region=REGION):
        return self.call("DescribeUserPool", {"UserPoolId": pool_id}, region)["UserPool"]

    def list_pool_ids(self, region=REGION, page_size=60):
        ids, token = [], None
        while True:
            payload = {"MaxResults": page_size}
            if token:
                payload["NextToken"] = token
            page = self.call("ListUserPools", payload, region)
            ids += [p["Id"] for p in page["UserPools"]]
            token = page.get("NextToken")
            if not token:
                return ids


def assert_ok(response):
    assert response.status_code == 200, f"{response.status_code} {response.text[:2000]}"
    assert response.headers.get("Content-Type") == AMZ_JSON
    assert response.headers.get("x-amzn-RequestId")
    return response.json()


def assert_error(response, status, error_type, message=None):
    """Checks the status, the x-amzn-ErrorType header and the `{"__type", "message"}` body."""
    text = response.text[:2000]
    assert response.status_code == status, f"{response.status_code} {text}"
    assert response.headers.get("x-amzn-ErrorType") == f"{error_type}:", dict(response.headers)
    assert response.headers.get("x-amzn-RequestId")
    body = response.json()
    assert set(body) == {"__type", "message"}, text
    assert body["__type"] == error_type, text
    if message is not None:
        assert body["message"] == message
    return body


def expect_client_error(call, code, message=None, status=400, **kwargs):
    """Runs a boto3 call that must fail with `code` (and `message`, when given)."""
    with pytest.raises(ClientError) as info:
        call(**kwargs)
    response = info.value.response
    assert response["Error"]["Code"] == code, response
    if message is not None:
        assert response["Error"]["Message"] == message
    assert response["ResponseMetadata"]["HTTPStatusCode"] == status
    return response


def strip_metadata(output):
    return {k: v for k, v in output.items() if k != "ResponseMetadata"}


def assert_epoch(value, near=None, tolerance=300):
    """A wire timestamp: epoch seconds as a JSON number with at most 3 decimals."""
    assert isinstance(value, (int, float)) and not isinstance(value, bool), value
    assert math.isclose(value * 1000, round(value * 1000), abs_tol=1e-3), f"more than 3 decimals: {value}"
    if near is not None:
        assert abs(value - near) < tolerance, (value, near)


@dataclass
class CliResult:
    code: int
    stdout: str
    stderr: str

    @property
    def json(self):
        return json.loads(self.stdout) if self.stdout.strip() else None


def aws_executable():
    beside_python = Path(sys.executable).parent / "aws"
    if beside_python.exists():
        return str(beside_python)
    venv = REPO_ROOT / ".venv" / "bin" / "aws"
    if venv.exists():
        return str(venv)
    found = shutil.which("aws")
    if not found:
        raise RuntimeError("no aws CLI found: run scripts/test.sh, which installs it into .venv")
    return found


def run_aws(endpoint, *args, region=REGION, verbatim=False):
    """Runs the real aws CLI against `endpoint`; returns exit code, stdout and stderr.

    Normally `--endpoint-url`, `--region` and `--output json` come first; with `verbatim` the command is
    exactly `aws *args --endpoint-url URL`, the region and output format coming from the environment."""
    env = server_env({
        "AWS_ACCESS_KEY_ID": ACCESS_KEY, "AWS_SECRET_ACCESS_KEY": SECRET_KEY, "AWS_DEFAULT_REGION": region,
        "AWS_DEFAULT_OUTPUT": "json", "AWS_CONFIG_FILE": os.devnull, "AWS_SHARED_CREDENTIALS_FILE": os.devnull,
        "AWS_EC2_METADATA_DISABLED": "true", "AWS_PAGER": "",
    })
    if verbatim:
        command = [aws_executable(), *args, "--endpoint-url", endpoint]
    else:
        command = [aws_executable(), "--endpoint-url", endpoint, "--region", region, "--output", "json", *args]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120,
                          stdin=subprocess.DEVNULL)
    return CliResult(done.returncode, done.stdout, done.stderr)


def send_pycognito_device_calls_to(monkeypatch, endpoint):
    """pycognito posts ConfirmDevice, UpdateDeviceStatus and ForgetDevice to AWS's host through
    `requests`; this sends them to `endpoint` instead, and changes nothing else of pycognito."""
    import types
    from pycognito import aws_srp
    real_post = requests.post
    monkeypatch.setattr(aws_srp, "requests", types.SimpleNamespace(post=lambda url, **kwargs: real_post(endpoint, **kwargs)))


def question_challenge_functions():
    """CUSTOM_AUTH functions that ask "2+2?" until an answer is right, then issue tokens:
    (DefineAuthChallenge, CreateAuthChallenge, VerifyAuthChallengeResponse) handlers."""
    def define(event, context):
        session = event["request"]["session"]
        done = bool(session) and session[-1]["challengeResult"]
        event["response"].update(issueTokens=done, failAuthentication=False, **({} if done else {"challengeName": "CUSTOM_CHALLENGE"}))
        return event

    def create(event, context):
        event["response"].update(publicChallengeParameters={"question": "2+2?"}, privateChallengeParameters={"answer": "4"})
        return event

    def verify(event, context):
        event["response"]["answerCorrect"] = event["request"]["challengeAnswer"] == event["request"]["privateChallengeParameters"]["answer"]
        return event
    return define, create, verify
