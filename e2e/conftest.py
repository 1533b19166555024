"""Fixtures: one gatehouse server for the session, boto3 clients, the aws CLI, raw HTTP, pools.

Environment:
  GATEHOUSE_BIN                 server binary (default .build/release/gatehouse)
  GATEHOUSE_E2E_STORE           sqlite (default) or postgres
  GATEHOUSE_E2E_DATABASE_URL    PostgreSQL URL, required when the store is postgres
  GATEHOUSE_E2E_PRIVATE_DATABASE_URL  a second, empty PostgreSQL database, for a server that owns
                                its whole store (the development reset's tests); required likewise
"""
import base64
import json
import os
import subprocess
import sys
from pathlib import Path

import boto3
import pytest
import requests
from botocore.config import Config

pytest.register_assert_rewrite("helpers")
import helpers  # noqa: E402
from browser import start_browser  # noqa: E402
from lambda_invoke import InvokeServer  # noqa: E402
from helpers import (  # noqa: E402
    ACCESS_KEY, BALANCED, REGION, SECRET_KEY, STORE, BalancedServers, GatehouseServer, RawClient, free_port, run_aws,
    unique_name, wait_for)


def _binary():
    binary = Path(os.environ.get("GATEHOUSE_BIN", helpers.REPO_ROOT / ".build" / "release" / "gatehouse"))
    if not binary.is_absolute():
        binary = helpers.REPO_ROOT / binary
    if not os.access(binary, os.X_OK):
        pytest.exit(f"server binary {binary} not found: build it with "
                    "`swift build -c release --product gatehouse` or set GATEHOUSE_BIN", returncode=2)
    return binary


def _database_url():
    if BALANCED and STORE != "postgres":
        pytest.exit("GATEHOUSE_E2E_BALANCED=1 needs GATEHOUSE_E2E_STORE=postgres", returncode=2)
    if STORE == "sqlite":
        return None
    if STORE != "postgres":
        pytest.exit(f"GATEHOUSE_E2E_STORE must be sqlite or postgres, not {STORE!r}", returncode=2)
    url = os.environ.get("GATEHOUSE_E2E_DATABASE_URL")
    if not url:
        pytest.exit("GATEHOUSE_E2E_STORE=postgres needs GATEHOUSE_E2E_DATABASE_URL", returncode=2)
    return url


def pytest_report_header(config):
    return f"gatehouse e2e: store={STORE}" + (", two processes behind nginx" if BALANCED else "")


@pytest.fixture(scope="session")
def server_factory(tmp_path_factory):
    """Makes extra servers (stopped at session end) on the session's store kind. Servers sharing
    the session's PostgreSQL database share one master key, made for the session; each SQLite
    server makes its own. So GATEHOUSE_E2E_DATABASE_URL must name an empty database (scripts/test.sh
    makes it fresh): one an earlier run used names that run's key, and every server refuses it."""
    binary, url = _binary(), _database_url()
    started = []
    shared_key = None
    if url:
        shared_key = tmp_path_factory.mktemp("master-key") / "master.key"
        shared_key.write_text(base64.b64encode(os.urandom(32)).decode() + "\n")
        shared_key.chmod(0o600)

    def make(**kwargs):
        root = tmp_path_factory.mktemp("gatehouse")
        kwargs.setdefault("database_url", url)
        if kwargs["database_url"] == url and shared_key:
            kwargs["options"] = {"master-key-file": str(shared_key), **kwargs.get("options", {})}
        server = GatehouseServer(binary, root / "data", root / "server.log", **kwargs)
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


@pytest.fixture(scope="session")
def private_store(tmp_path_factory):
    """What a server needs to own a whole store, for what changes all of it (a development reset):
    on PostgreSQL, `database_url` and `options` naming the empty database of its own that
    GATEHOUSE_E2E_PRIVATE_DATABASE_URL names (scripts/test.sh makes it) and the master key every
    server of it shares; on SQLite, a store of the server's own (`database_url` None)."""
    if STORE != "postgres":
        return {"database_url": None, "options": {}}
    url = os.environ.get("GATEHOUSE_E2E_PRIVATE_DATABASE_URL")
    if not url:
        pytest.fail("the PostgreSQL run needs GATEHOUSE_E2E_PRIVATE_DATABASE_URL, an empty database of its own (scripts/test.sh makes it)")
    key = tmp_path_factory.mktemp("private-key") / "master.key"
    key.write_text(base64.b64encode(os.urandom(32)).decode() + "\n")
    key.chmod(0o600)
    return {"database_url": url, "options": {"master-key-file": str(key)}}


def _served(server_factory, tmp_path_factory, **kwargs):
    """A server made by `server_factory`, or, when BALANCED, two behind nginx; started."""
    if not BALANCED:
        return server_factory(**kwargs).start()
    return BalancedServers([server_factory(**kwargs) for _ in range(2)], tmp_path_factory.mktemp("nginx")).start()


@pytest.fixture(scope="session")
def server(server_factory, tmp_path_factory):
    """The session's server. Tests may restart it; it always comes back on the same port and data."""
    server = _served(server_factory, tmp_path_factory)
    yield server
    code = server.stop()
    assert code == 0, f"gatehouse exited with {code} on SIGTERM at session end:\n{server.log_tail()}"


@pytest.fixture(scope="session")
def lambda_invoke():
    """The Lambda Invoke API server that trigger functions run in (e2e/lambda_invoke.py)."""
    server = InvokeServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def browser():
    """A headless chromium (browser.py) for a module's page tests."""
    browser = start_browser()
    yield browser
    browser.quit()


@pytest.fixture(scope="session")
def moto_server(tmp_path_factory):
    """The endpoint of moto's `moto_server` (from PyPI), which serves every service moto mocks: KMS
    for the custom senders' data keys, Cognito as the source of a mirror."""
    port, log = free_port(), tmp_path_factory.mktemp("moto") / "moto.log"
    with open(log, "wb") as output:
        process = subprocess.Popen([str(Path(sys.executable).with_name("moto_server")), "-H", "127.0.0.1", "-p", str(port)],
                                   stdout=output, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    endpoint = f"http://127.0.0.1:{port}"

    def ready():
        assert process.poll() is None, f"moto_server exited:\n{log.read_text()}"
        try:
            return requests.get(f"{endpoint}/moto-api/", timeout=1).ok
        except requests.ConnectionError:
            return False
    wait_for(ready, timeout=30)
    yield endpoint
    process.terminate()
    process.wait(timeout=10)


def trigger_server_env(lambda_invoke, **variables):
    """The environment of a server whose triggers call `lambda_invoke`, with its access keys."""
    return {"AWS_ACCESS_KEY_ID": "AKIDLAMBDA", "AWS_SECRET_ACCESS_KEY": lambda_invoke.keys["AKIDLAMBDA"], **variables}


@pytest.fixture(scope="session")
def trigger_server(server_factory, lambda_invoke):
    """A server whose pools' triggers are invoked at `lambda_invoke`."""
    return server_factory(options={"lambda-endpoint-url": lambda_invoke.endpoint}, env=trigger_server_env(lambda_invoke)).start()


@pytest.fixture(scope="session")
def clock_server(server_factory, tmp_path_factory):
    """A second server whose clock tests move forward (POST /_gatehouse/clock)."""
    server = _served(server_factory, tmp_path_factory, development_clock=True)
    yield server
    server.stop()


@pytest.fixture
def live_server(server):
    """The session server, started again if an earlier test left it down."""
    server.ensure_running()
    return server


@pytest.fixture(scope="session")
def boto_session():
    return boto3.session.Session(aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY)


@pytest.fixture
def make_client(boto_session, live_server):
    def make(region=REGION, endpoint=None, validate=True, read_timeout=60):
        config = Config(retries={"max_attempts": 1, "mode": "standard"}, connect_timeout=10,
                        read_timeout=read_timeout, parameter_validation=validate)
        return boto_session.client("cognito-idp", region_name=region, config=config,
                                   endpoint_url=endpoint or live_server.endpoint)
    return make


@pytest.fixture
def cognito(make_client):
    """boto3 cognito-idp client in us-east-1."""
    return make_client()


@pytest.fixture
def raw(live_server):
    return RawClient(live_server.endpoint)


@pytest.fixture
def aws(live_server):
    """aws(*args, region=...) runs the real aws CLI against the server."""
    def run(*args, **kwargs):
        return run_aws(live_server.endpoint, *args, **kwargs)
    return run


@pytest.fixture
def pool_name(request):
    return unique_name(request.node.name[:40].replace("[", "-").replace("]", "").replace("_", "-"))


@pytest.fixture
def make_pool(cognito, pool_name):
    """make_pool(**CreateUserPool params) creates a pool with a unique name; returns its UserPool."""
    counter = iter(range(1000))

    def make(client=None, **params):
        params.setdefault("PoolName", f"{pool_name}-{next(counter)}")
        return (client or cognito).create_user_pool(**params)["UserPool"]
    return make


class Sentinel:
    """A pre-existing pool whose Describe bytes, and the pool count, must survive bad requests."""

    def __init__(self, raw, pool_id):
        self.raw = raw
        self.pool_id = pool_id
        self.describe = raw.describe_bytes(pool_id)
        self.count = len(raw.list_pool_ids())

    def assert_unchanged(self):
        now = self.raw.describe_bytes(self.pool_id)
        assert json.loads(now) == json.loads(self.describe), "the pool changed"
        assert len(self.raw.list_pool_ids()) == self.count, "the pool count changed"
        assert now == self.describe, "same content, different bytes"


@pytest.fixture
def sentinel(raw, make_pool):
    pool = make_pool(UserPoolTags={"purpose": "sentinel"}, MfaConfiguration="OFF")
    return Sentinel(raw, pool["Id"])


@pytest.fixture
def oauth_pool(cognito, make_pool, live_server):
    """A pool with a domain, an OAuth app client for its pages (code and implicit) and the user ada."""
    from managed_login import make_oauth_pool, make_user
    oauth_pool = make_oauth_pool(cognito, make_pool, live_server)
    make_user(cognito, oauth_pool.pool_id)
    return oauth_pool


@pytest.fixture
def managed_login_pool(cognito, oauth_pool):
    """oauth_pool on a managed login (version 2) domain, its client with Cognito's branding style."""
    cognito.update_user_pool_domain(UserPoolId=oauth_pool.pool_id, Domain=oauth_pool.domain, ManagedLoginVersion=2)
    cognito.create_managed_login_branding(UserPoolId=oauth_pool.pool_id, ClientId=oauth_pool.client_id, UseCognitoProvidedValues=True)
    return oauth_pool
