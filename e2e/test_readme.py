"""The README's quick start for local development and CI, run as written: its bootstrap file
started with its flags, its `aws` command, its pytest fixture and test, and its readiness wait
(the address replaced by the test server's)."""
import os
import re
import shlex
import subprocess
import time

import requests

from helpers import REPO_ROOT, aws_executable, server_env

README = (REPO_ROOT / "README.md").read_text()
QUICK_START = README[README.index("## Quick start: local development and CI"):README.index("## Quick start: production")]
ADDRESS = "http://127.0.0.1:9229"


def block(language):
    """The quick start's one fenced block in `language`."""
    blocks = re.findall(rf"```{language}\n(.*?)```", QUICK_START, re.S)
    assert len(blocks) == 1, blocks
    return blocks[0]


def indented_commands():
    """The quick start's indented command lines, continuation lines joined."""
    commands = []
    for paragraph in re.findall(r"(?:^    .*\n)+", QUICK_START, re.M):
        commands += [line.strip() for line in paragraph.replace("\\\n", " ").splitlines()]
    return commands


def test_the_quick_start_runs_as_written(server_factory, tmp_path):
    serve = indented_commands()[0]
    assert serve == "swift run gatehouse serve --development-outbox --development-reset --bootstrap gatehouse.yaml"
    (tmp_path / "gatehouse.yaml").write_text(block("yaml"))
    server = server_factory(options={"bootstrap": str(tmp_path / "gatehouse.yaml")}, flags=["development-reset"],
                            database_url=None).start()
    try:
        endpoint = server.endpoint
        aws_command = next(command for command in indented_commands() if command.startswith("aws cognito-idp initiate-auth"))
        arguments = shlex.split(aws_command.replace(ADDRESS, endpoint))
        done = subprocess.run([aws_executable(), *arguments[1:]], env=server_env({"AWS_CONFIG_FILE": os.devnull,
                              "AWS_SHARED_CREDENTIALS_FILE": os.devnull, "AWS_PAGER": ""}), capture_output=True, text=True, timeout=60)
        assert done.returncode == 0 and '"AccessToken"' in done.stdout, done.stderr

        ready = next(command for command in indented_commands() if command.startswith("until curl"))
        started = time.monotonic()
        assert subprocess.run(["bash", "-c", ready.replace(ADDRESS, endpoint)], timeout=30).returncode == 0
        assert time.monotonic() - started < 30

        namespace = {}
        exec(compile(block("python").replace(ADDRESS, endpoint), "README.md", "exec"), namespace)
        for _ in range(2):  # the fixture resets: the same sign-up works twice
            namespace["test_sign_up_sends_a_code"](namespace["cognito"].__wrapped__())
        assert requests.get(f"{endpoint}/_gatehouse/outbox", params={"recipient": "bob@example.com"}, timeout=10).json()["Messages"]
    finally:
        server.stop()
