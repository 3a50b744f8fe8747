"""TLS and mutual TLS (issue 7): a throwaway CA and certificates made with ``cryptography``; real servers.

Under TLS a plaintext client is refused; under mutual TLS a client without a certificate, or with one from
another CA, is refused before any call reaches moneta. ``moneta serve`` and ``moneta extract --server`` take
the flags.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import grpc
import pytest
from moneta.client import MonetaClient, UnavailableError
from moneta.tls import TLSConfigError, channel_credentials
from moneta_service.operating import Operating
from moneta_service.tls import ServerTLS

REPO = Path(__file__).resolve().parents[1]

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from tests._opserver import op_server

TEXT = "The fund holds €1.5 million."


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


@dataclass
class Issued:
    cert: Path
    key: Path


def _write(directory: Path, stem: str, key: ec.EllipticCurvePrivateKey, cert: x509.Certificate) -> Issued:
    key_path = directory / f"{stem}.key"
    cert_path = directory / f"{stem}.pem"
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    return Issued(cert_path, key_path)


class CA:
    """A throwaway certificate authority."""

    def __init__(self, directory: Path, name: str) -> None:
        self.directory = directory
        self.key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        self.cert = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(_name(name))
            .public_key(self.key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .sign(self.key, hashes.SHA256())
        )
        self.issued = _write(directory, name, self.key, self.cert)

    def issue(self, name: str, *, server: bool) -> Issued:
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(name))
            .issuer_name(self.cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]
                ),
                critical=False,
            )
        )
        if server:
            builder = builder.add_extension(
                x509.SubjectAlternativeName(
                    [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
                ),
                critical=False,
            )
        return _write(self.directory, name, key, builder.sign(self.key, hashes.SHA256()))


@dataclass
class PKI:
    ca: CA
    server: Issued
    client: Issued
    stranger: Issued  # a client certificate from another CA
    other_ca: CA


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PKI:
    directory = tmp_path_factory.mktemp("pki")
    ca = CA(directory, "moneta-test-ca")
    other = CA(directory, "stranger-ca")
    return PKI(
        ca=ca,
        server=ca.issue("server", server=True),
        client=ca.issue("client", server=False),
        stranger=other.issue("stranger", server=False),
        other_ca=other,
    )


def _extract(address: str, **tls: str | None) -> str:
    with MonetaClient(address, timeout=10, **tls) as client:  # type: ignore[arg-type]
        return client.extract(TEXT)[0].text


# --- TLS --------------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tls_address(pki: PKI) -> Iterator[str]:
    with op_server(Operating(tls=ServerTLS(pki.server.cert, pki.server.key))) as server:
        yield server.address


def test_tls_client_with_the_ca_is_served(tls_address: str, pki: PKI) -> None:
    assert _extract(tls_address, tls_ca=str(pki.ca.issued.cert)) == "€1.5 million"


def test_tls_plaintext_client_is_refused(tls_address: str) -> None:
    with pytest.raises(UnavailableError):
        _extract(tls_address)


def test_tls_client_trusting_another_ca_is_refused(tls_address: str, pki: PKI) -> None:
    with pytest.raises(UnavailableError):
        _extract(tls_address, tls_ca=str(pki.other_ca.issued.cert))


# --- mutual TLS -------------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def mtls_address(pki: PKI) -> Iterator[str]:
    tls = ServerTLS(pki.server.cert, pki.server.key, client_ca=pki.ca.issued.cert)
    with op_server(Operating(tls=tls)) as server:
        yield server.address


def test_mtls_client_with_a_valid_certificate_is_served(mtls_address: str, pki: PKI) -> None:
    text = _extract(
        mtls_address,
        tls_ca=str(pki.ca.issued.cert),
        tls_cert=str(pki.client.cert),
        tls_key=str(pki.client.key),
    )
    assert text == "€1.5 million"


@pytest.mark.parametrize("who", ["no-certificate", "stranger-certificate", "plaintext"])
def test_mtls_client_without_a_valid_certificate_is_refused(mtls_address: str, pki: PKI, who: str) -> None:
    tls: dict[str, str] = {
        "no-certificate": {"tls_ca": str(pki.ca.issued.cert)},
        "stranger-certificate": {
            "tls_ca": str(pki.ca.issued.cert),
            "tls_cert": str(pki.stranger.cert),
            "tls_key": str(pki.stranger.key),
        },
        "plaintext": {},
    }[who]
    with pytest.raises(UnavailableError):
        _extract(mtls_address, **tls)


def test_mtls_health_check_needs_a_certificate_too(mtls_address: str, pki: PKI) -> None:
    from grpc_health.v1 import health_pb2, health_pb2_grpc

    anonymous = channel_credentials(ca=pki.ca.issued.cert)
    with grpc.secure_channel(mtls_address, anonymous) as channel:
        stub = health_pb2_grpc.HealthStub(channel)
        with pytest.raises(grpc.RpcError) as caught:
            stub.Check(health_pb2.HealthCheckRequest(), timeout=10)
    assert caught.value.code() is grpc.StatusCode.UNAVAILABLE


# --- configuration errors ---------------------------------------------------------------------------------------


def test_client_certificate_without_key_is_a_config_error(pki: PKI) -> None:
    with pytest.raises(TLSConfigError, match="go together"):
        channel_credentials(ca=pki.ca.issued.cert, cert=pki.client.cert)


@pytest.mark.parametrize("content", [None, b"not a certificate\n"], ids=["missing", "not-pem"])
def test_unusable_files_are_one_line_errors(tmp_path: Path, content: bytes | None) -> None:
    path = tmp_path / "server.pem"
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(TLSConfigError) as caught:
        ServerTLS(path, path).credentials()
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


# --- the command line -------------------------------------------------------------------------------------------

_READY = re.compile(r"^moneta: serving \S+ on (\S+)")


def _start_serve(*flags: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "moneta", "serve", "--port", "0", *flags],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stderr is not None
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = process.stderr.readline()
        found = _READY.search(line)
        if found:
            return process, found.group(1)
        assert line or process.poll() is None, "moneta serve exited before serving"
    raise AssertionError("moneta serve did not start")


def test_moneta_serve_mtls_and_cli_server_mode(pki: PKI, tmp_path: Path) -> None:
    process, address = _start_serve(
        "--tls-cert", str(pki.server.cert), "--tls-key", str(pki.server.key),
        "--tls-client-ca", str(pki.ca.issued.cert),
    )  # fmt: skip
    try:
        text = tmp_path / "article.txt"
        text.write_text(TEXT, encoding="utf-8")
        base = [
            sys.executable,
            "-m",
            "moneta",
            "extract",
            str(text),
            "--server",
            address,
            "--format",
            "jsonl",
        ]
        good = subprocess.run(
            [*base, "--tls-ca", str(pki.ca.issued.cert), "--tls-cert", str(pki.client.cert),
             "--tls-key", str(pki.client.key)],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip
        assert good.returncode == 0, good.stderr
        assert "€1.5 million" in good.stdout
        refused = subprocess.run(
            [*base, "--tls-ca", str(pki.ca.issued.cert)],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert refused.returncode == 2
        assert len(refused.stderr.strip().splitlines()) == 1
        assert refused.stdout == ""
    finally:
        os.kill(process.pid, signal.SIGTERM)
        assert process.wait(timeout=60) == 0
        if process.stderr is not None:
            process.stderr.close()


def test_moneta_serve_with_a_missing_certificate_exits_2(tmp_path: Path) -> None:
    missing = str(tmp_path / "nope.pem")
    result = subprocess.run(
        [sys.executable, "-m", "moneta", "serve", "--port", "0", "--tls-cert", missing, "--tls-key", missing],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert "nope.pem" in result.stderr
    assert "Traceback" not in result.stderr


def test_document_stream_over_mutual_tls(mtls_address: str, pki: PKI) -> None:
    from moneta.streaming import DocumentStream, StreamDocument

    credentials = channel_credentials(ca=pki.ca.issued.cert, cert=pki.client.cert, key=pki.client.key)
    with DocumentStream([mtls_address], credentials=credentials, timeout=60) as stream:
        results = list(stream.results(iter([StreamDocument("a", TEXT), StreamDocument("b", "Nothing.")])))
    assert [(r.key, [m.text for m in r.mentions], r.error) for r in results] == [
        ("a", ["€1.5 million"], None),
        ("b", [], None),
    ]


def test_cli_tls_against_a_plaintext_server_is_one_line(moneta_server: str) -> None:
    """A TLS client meeting a plaintext server: exit 2 and moneta's one line, no gRPC C-core log line."""
    result = _cli_extract(moneta_server, "--tls")
    assert (result.returncode, result.stdout) == (2, "")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("moneta: error: cannot reach a moneta server"), lines
    assert lines[0].endswith("(is the server plaintext? leave out --tls and --tls-ca)"), lines


def _cli_extract(address: str, *flags: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "GRPC_VERBOSITY"}
    return subprocess.run(
        [sys.executable, "-m", "moneta", "extract", "-", "--server", address, "--timeout", "20", *flags],
        input="It cost $5.",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )


def test_cli_plaintext_against_a_tls_server_hints_at_tls(tls_address: str) -> None:
    """gRPC says only "Socket closed": the one line adds that the server may be using TLS."""
    result = _cli_extract(tls_address)
    assert (result.returncode, result.stdout) == (2, "")
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("moneta: error: cannot reach a moneta server"), line
    assert "Socket closed" in line
    assert line.endswith(
        "(is the server using TLS? pass --tls-ca CA.pem, or --tls to trust the system roots)"
    )


@pytest.mark.parametrize("who", ["no-certificate", "stranger-certificate"])
def test_cli_refused_by_mutual_tls_hints_at_the_client_certificate(
    mtls_address: str, pki: PKI, who: str
) -> None:
    flags = ["--tls-ca", str(pki.ca.issued.cert)]
    if who == "stranger-certificate":
        flags += ["--tls-cert", str(pki.stranger.cert), "--tls-key", str(pki.stranger.key)]
    result = _cli_extract(mtls_address, *flags)
    assert (result.returncode, result.stdout) == (2, "")
    [line] = result.stderr.strip().splitlines()
    expected = (
        "(does the server require a client certificate? pass --tls-cert and --tls-key)"
        if who == "no-certificate"
        else "(does the server accept this client certificate? it must be signed by its --tls-client-ca)"
    )
    assert line.endswith(expected), line


def test_cli_trusting_another_ca_hints_at_tls_ca(tls_address: str, pki: PKI) -> None:
    result = _cli_extract(tls_address, "--tls-ca", str(pki.other_ca.issued.cert))
    [line] = result.stderr.strip().splitlines()
    assert result.returncode == 2
    assert line.endswith(
        "(the server's certificate is not signed by a CA this client trusts: check --tls-ca)"
    )


# --- files of the wrong kind: checked before gRPC sees them (one line naming the file, no C-core log) -----------


def _encrypted_key(pki: PKI) -> Path:
    path = pki.ca.directory / "encrypted.key"
    if not path.exists():
        key = serialization.load_pem_private_key(pki.server.key.read_bytes(), None)
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.BestAvailableEncryption(b"secret"),
            )
        )
    return path


#: (case, server files (cert, key, client CA) picked from the PKI, the file the message names, what it says)
SERVER_FILE_CASES = [
    (
        "key-not-matching",
        ("server.cert", "stranger.key", None),
        "stranger.key",
        "does not match the certificate",
    ),
    ("key-as-cert", ("server.key", "server.key", None), "server.key", "holds no certificate"),
    ("cert-as-key", ("server.cert", "server.cert", None), "server.pem", "holds no private key"),
    ("key-as-client-ca", ("server.cert", "server.key", "client.key"), "client.key", "holds no certificate"),
    ("encrypted-key", ("server.cert", "encrypted", None), "encrypted.key", "encrypted private key"),
]


def _missing(message: str, *parts: str) -> list[str]:
    """The parts a message should name but does not."""
    return [part for part in parts if part not in message]


def _pick(pki: PKI, name: str | None) -> str | None:
    if name is None:
        return None
    if name == "encrypted":
        return str(_encrypted_key(pki))
    who, part = name.split(".")
    return str(getattr(getattr(pki, who), part))


@pytest.mark.parametrize(
    ("files", "named", "says"),
    [case[1:] for case in SERVER_FILE_CASES],
    ids=[c[0] for c in SERVER_FILE_CASES],
)
def test_server_tls_files_of_the_wrong_kind(
    pki: PKI, files: tuple[str, str, str | None], named: str, says: str
) -> None:
    cert, key, client_ca = (_pick(pki, name) for name in files)
    assert cert is not None
    assert key is not None
    with pytest.raises(TLSConfigError) as caught:
        ServerTLS(cert, key, client_ca).credentials()
    message = str(caught.value)
    assert _missing(message, named, says) == [], message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("files", "named", "says"),
    [case[1:] for case in SERVER_FILE_CASES],
    ids=[c[0] for c in SERVER_FILE_CASES],
)
def test_moneta_serve_with_tls_files_of_the_wrong_kind_exits_2(
    pki: PKI, files: tuple[str, str, str | None], named: str, says: str
) -> None:
    cert, key, client_ca = (_pick(pki, name) for name in files)
    flags = ["--tls-cert", str(cert), "--tls-key", str(key)]
    if client_ca is not None:
        flags += ["--tls-client-ca", client_ca]
    env = {k: v for k, v in os.environ.items() if k != "GRPC_VERBOSITY"}
    result = subprocess.run(
        [sys.executable, "-m", "moneta", "serve", "--port", "0", *flags],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=env,
    )
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert _missing(lines[0], named, says) == [], lines[0]
    assert "cannot listen" not in lines[0]


#: (case, client files (ca, cert, key), the argument the message names, the file, what it says)
CLIENT_FILE_CASES = [
    ("key-as-ca", ("client.key", None, None), "tls_ca", "client.key", "holds no certificate"),
    (
        "key-not-matching",
        ("ca.cert", "client.cert", "stranger.key"),
        "tls_key",
        "stranger.key",
        "does not match",
    ),
    (
        "key-as-cert",
        ("ca.cert", "client.key", "client.key"),
        "tls_cert",
        "client.key",
        "holds no certificate",
    ),
]


def _client_files(pki: PKI, names: tuple[str | None, ...]) -> dict[str, str]:
    picked = {}
    for arg, name in zip(("tls_ca", "tls_cert", "tls_key"), names, strict=True):
        if name is not None:
            who, part = name.split(".")
            owner = pki.ca.issued if who == "ca" else getattr(pki, who)
            picked[arg] = str(getattr(owner, part))
    return picked


@pytest.mark.parametrize(
    ("files", "arg", "named", "says"),
    [case[1:] for case in CLIENT_FILE_CASES],
    ids=[c[0] for c in CLIENT_FILE_CASES],
)
def test_client_tls_files_of_the_wrong_kind(
    pki: PKI, files: tuple[str | None, ...], arg: str, named: str, says: str
) -> None:
    tls = _client_files(pki, files)
    with pytest.raises(TLSConfigError) as caught:
        MonetaClient("127.0.0.1:1", **tls)  # type: ignore[arg-type]
    message = str(caught.value)
    assert message.startswith(arg), message
    assert _missing(message, named, says) == [], message
    flags = [f"--{name.replace('_', '-')}={path}" for name, path in tls.items()]
    result = subprocess.run(
        [sys.executable, "-m", "moneta", "extract", "-", "--server", "127.0.0.1:1", *flags],
        input="It cost $5.",
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={k: v for k, v in os.environ.items() if k != "GRPC_VERBOSITY"},
    )
    assert (result.returncode, result.stdout) == (2, "")
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert _missing(lines[0], f"--{arg.replace('_', '-')}", named, says) == [], lines[0]
