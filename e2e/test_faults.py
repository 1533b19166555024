"""Faults of the store: PostgreSQL restarted under load (the server recovers on its own, loses no
acknowledged write, and answers during the outage with Cognito-style 5xx errors instead of holding
requests); the SQLite file full (a clear error, the database intact)."""
import glob
import os
import shutil
import sqlite3
import subprocess
import tempfile
import threading
import time

import pytest
import requests
from botocore.exceptions import ClientError, ReadTimeoutError

from helpers import STORE, free_port, wait_for


class Cluster:
    """A PostgreSQL cluster of the test's own, so that restarting it disturbs no other test."""

    def __init__(self, root):
        binaries = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
        if not binaries:
            pytest.skip("no PostgreSQL server binaries under /usr/lib/postgresql")
        self.bin = os.path.dirname(binaries[-1])
        self.root, self.port = root, free_port()
        self.as_root = os.getuid() == 0
        if self.as_root:
            shutil.chown(root, "postgres")
        self.user = "postgres" if self.as_root else os.environ.get("USER", "postgres")
        self._run("initdb", "-D", f"{root}/data", "-U", self.user, "--auth=trust", "-E", "UTF8", "--locale=C")
        self.start()
        self._run("createdb", "-h", "127.0.0.1", "-p", str(self.port), "-U", self.user, "faults")
        self.url = f"postgres://{self.user}@127.0.0.1:{self.port}/faults"

    def _run(self, tool, *args):
        command = [f"{self.bin}/{tool}", *args]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--"] + command
        subprocess.run(command, cwd=self.root, check=True, capture_output=True, timeout=120)

    def start(self):
        self._run("pg_ctl", "-D", f"{self.root}/data", "-l", f"{self.root}/server.log", "-w", "-t", "60", "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off", "start")

    def stop(self):
        self._run("pg_ctl", "-D", f"{self.root}/data", "-m", "fast", "-w", "stop")


@pytest.fixture
def cluster():
    if STORE != "postgres":
        pytest.skip("PostgreSQL faults run with the PostgreSQL store")
    root = tempfile.mkdtemp(prefix="gatehouse-faults-")  # not under pytest's root-only directory: the server runs as postgres
    cluster = Cluster(root)
    yield cluster
    try:
        cluster.stop()
    except subprocess.CalledProcessError:
        pass
    shutil.rmtree(root, ignore_errors=True)


def test_postgresql_restarted_under_load(cluster, server_factory, make_client):
    server = server_factory(database_url=cluster.url, options={"database-timeout-seconds": "2"}).start()
    cognito = make_client(endpoint=server.endpoint)
    pool_id = cognito.create_user_pool(PoolName="faults")["UserPool"]["Id"]
    acknowledged, failures, hung = [], [], []
    stop = threading.Event()

    def load(worker):
        # The server gives up on its database after 2 s: an answer 6 s late is a held request.
        client = make_client(endpoint=server.endpoint, read_timeout=6)
        n = 0
        while not stop.is_set():
            name = f"w{worker}-{n}"
            n += 1
            try:
                client.admin_create_user(UserPoolId=pool_id, Username=name, MessageAction="SUPPRESS")
                acknowledged.append(name)

            except ClientError as error:
                failures.append((error.response["ResponseMetadata"]["HTTPStatusCode"], error.response["Error"]["Code"]))

            except ReadTimeoutError:
                hung.append(name)
    workers = [threading.Thread(target=load, args=(worker,)) for worker in range(4)]
    for worker in workers:
        worker.start()
    time.sleep(1)
    before_outage = len(acknowledged)
    cluster.stop()
    time.sleep(8)  # the server waits 2 s for its database: requests of the first 6 s must fail
    during_outage = len(acknowledged)
    cluster.start()
    time.sleep(3)
    stop.set()
    for worker in workers:
        worker.join(timeout=120)

    assert before_outage > 0 and len(acknowledged) > during_outage, "the server writes before and after the outage"
    assert failures, "requests during the outage fail"
    assert set(failures) == {(500, "InternalErrorException")}, failures
    assert not hung, f"{len(hung)} requests were held past the client's timeout"
    listed = set()
    token = None
    while True:
        page = cognito.list_users(UserPoolId=pool_id, **({"PaginationToken": token} if token else {}))
        listed |= {user["Username"] for user in page["Users"]}
        token = page.get("PaginationToken")
        if not token:
            break
    assert set(acknowledged) <= listed, "no acknowledged write is lost"
    assert server.stop() == 0, "and it stops gracefully after"


def test_a_full_sqlite_database_refuses_writes_and_stays_intact(server_factory, make_client):
    """`--sqlite-max-size-mib` stands in for a full disk: SQLite answers both the same way."""
    server = server_factory(database_url=None, options={"sqlite-max-size-mib": "1"}).start()
    cognito = make_client(endpoint=server.endpoint)
    pool_id = cognito.create_user_pool(PoolName="full")["UserPool"]["Id"]
    acknowledged, refused = [], []
    for n in range(5000):
        try:
            cognito.admin_create_user(UserPoolId=pool_id, Username=f"user-{n:04d}", MessageAction="SUPPRESS",
                                      UserAttributes=[{"Name": "email", "Value": f"user-{n:04d}@example.com"}])
            acknowledged.append(f"user-{n:04d}")
        except ClientError as error:
            refused.append((error.response["ResponseMetadata"]["HTTPStatusCode"], error.response["Error"]["Code"]))
            if len(refused) == 3:
                break
    assert acknowledged and refused == [(500, "InternalErrorException")] * 3, (len(acknowledged), refused)
    assert "database or disk is full" in server.log_tail(), "the log says why"
    assert cognito.admin_get_user(UserPoolId=pool_id, Username=acknowledged[-1])["Username"] == acknowledged[-1], "reads go on"
    assert server.stop() == 0
    with sqlite3.connect(server.data_dir / "gatehouse.sqlite3") as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM users").fetchone() == (len(acknowledged),), "every acknowledged user is there"
    del server.options["sqlite-max-size-mib"]
    server.start()
    cognito.admin_create_user(UserPoolId=pool_id, Username="after", MessageAction="SUPPRESS")
    assert server.stop() == 0


def test_ready_follows_the_database_and_health_does_not(cluster, server_factory):
    server = server_factory(database_url=cluster.url, options={"database-timeout-seconds": "2"}).start()
    ready = lambda: requests.get(f"{server.endpoint}/ready", timeout=10)
    assert (ready().status_code, ready().json()) == (200, {"status": "ready"})
    cluster.stop()
    answer = ready()
    assert (answer.status_code, answer.json()) == (503, {"status": "unavailable"}), "nothing of the failure is told"
    assert requests.get(f"{server.endpoint}/health", timeout=10).status_code == 200, "alive all the same"
    cluster.start()
    wait_for(lambda: ready().status_code == 200, timeout=30)
    assert server.stop() == 0


def test_a_running_server_is_ready(live_server):
    answer = requests.get(f"{live_server.endpoint}/ready", timeout=10)
    assert (answer.status_code, answer.json()) == (200, {"status": "ready"})
