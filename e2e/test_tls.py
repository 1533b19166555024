"""The server speaking TLS (`--tls-certificate`, `--tls-private-key`): the SDK verifies its
certificate (for localhost, of a CA made here) and works as over HTTP; the issuer is https."""
import subprocess
import uuid

import boto3
import pytest
import requests
from botocore.config import Config

from helpers import ACCESS_KEY, REGION, SECRET_KEY


@pytest.fixture(scope="module")
def certificates(tmp_path_factory):
    """(CA file, certificate file, key file): a CA of this run and a certificate for localhost it signed."""
    folder = tmp_path_factory.mktemp("tls")

    def openssl(*args):
        subprocess.run(["openssl", *args], check=True, capture_output=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=gatehouse e2e CA",
            "-keyout", str(folder / "ca.key"), "-out", str(folder / "ca.crt"))
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost", "-keyout", str(folder / "server.key"),
            "-out", str(folder / "server.csr"))
    (folder / "san.ext").write_text("subjectAltName=DNS:localhost,IP:127.0.0.1\n")
    openssl("x509", "-req", "-in", str(folder / "server.csr"), "-CA", str(folder / "ca.crt"), "-CAkey", str(folder / "ca.key"),
            "-CAcreateserial", "-days", "1", "-extfile", str(folder / "san.ext"), "-out", str(folder / "server.crt"))
    return folder / "ca.crt", folder / "server.crt", folder / "server.key"


def test_the_sdk_verifies_the_certificate_and_works_over_tls(server_factory, certificates):
    ca, certificate, key = certificates
    server = server_factory(options={"tls-certificate": str(certificate), "tls-private-key": str(key)}, tls_ca=str(ca)).start()
    endpoint = server.endpoint
    idp = boto3.session.Session(aws_access_key_id=ACCESS_KEY, aws_secret_access_key=SECRET_KEY).client(
        "cognito-idp", region_name=REGION, endpoint_url=endpoint, verify=str(ca),
        config=Config(retries={"max_attempts": 1, "mode": "standard"}))
    pool = idp.create_user_pool(PoolName=f"e2e-tls-{uuid.uuid4().hex[:8]}")["UserPool"]["Id"]
    assert idp.describe_user_pool(UserPoolId=pool)["UserPool"]["Id"] == pool
    configuration = requests.get(f"{endpoint}/{pool}/.well-known/openid-configuration", verify=str(ca), timeout=10).json()
    assert configuration["issuer"] == f"https://127.0.0.1:{server.port}/{pool}"
    with pytest.raises(requests.exceptions.SSLError):
        requests.get(f"{endpoint}/health", timeout=5)  # the system's CAs did not sign it
    with pytest.raises(requests.exceptions.ConnectionError):
        requests.get(f"http://localhost:{server.port}/health", timeout=5)  # no plain HTTP on a TLS port
