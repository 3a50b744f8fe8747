"""``moneta batch --server`` over TLS and mutual TLS (issues 5 and 7): the client TLS flags reach the stream.

The throwaway CA, certificates and the mutual-TLS server are those of ``tests/test_tls.py`` (imported fixtures).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]

from tests import test_tls
from tests.test_tls import PKI

pki = test_tls.pki  # the module's fixtures (a throwaway CA; a mutual-TLS server), used by name
mtls_address = test_tls.mtls_address

RECORDS = [
    {"id": "a", "text": "The fund holds €1.5 million.", "date": "2024-04-26"},
    {"id": "b", "text": "Nothing here.", "date": "2024-04-26"},
    {"id": "c", "text": "It raised $20 million and £3 billion.", "date": "2024-04-26"},
]


def _batch(tmp_path: Path, name: str, *flags: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    output = tmp_path / name
    result = subprocess.run(
        [sys.executable, "-m", "moneta", "batch", str(source), "-o", str(output), "--no-progress", *flags],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    return result, output


def test_batch_over_mutual_tls_equals_in_process(mtls_address: str, pki: PKI, tmp_path: Path) -> None:
    local, local_out = _batch(tmp_path, "local.jsonl")
    assert local.returncode == 0, local.stderr
    remote, remote_out = _batch(
        tmp_path,
        "remote.jsonl",
        "--server",
        mtls_address,
        "--tls-ca",
        str(pki.ca.issued.cert),
        "--tls-cert",
        str(pki.client.cert),
        "--tls-key",
        str(pki.client.key),
    )
    assert remote.returncode == 0, remote.stderr
    assert remote_out.read_bytes() == local_out.read_bytes()
    assert "€1.5 million" in remote_out.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        (("--tls-cert", "CERT"), "key"),  # a certificate without its key
        (("--tls-ca", "MISSING"), "missing.pem"),  # a CA file that does not exist
    ],
)
def test_batch_bad_tls_flags_are_one_line_errors(
    mtls_address: str, pki: PKI, tmp_path: Path, flags: tuple[str, str], message: str
) -> None:
    values = {"CERT": str(pki.client.cert), "MISSING": str(tmp_path / "missing.pem")}
    argv = [values.get(f, f) for f in flags]
    result, output = _batch(tmp_path, "out.jsonl", "--server", mtls_address, *argv)
    assert result.returncode == 2
    assert message in result.stderr.lower()
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert not output.exists()


def test_batch_tls_flags_without_server_are_refused(pki: PKI, tmp_path: Path) -> None:
    result, output = _batch(tmp_path, "out.jsonl", "--tls-ca", str(pki.ca.issued.cert))
    assert result.returncode == 2
    assert "--server" in result.stderr
    assert not output.exists()


def test_batch_plaintext_against_mutual_tls_hints_at_tls(mtls_address: str, tmp_path: Path) -> None:
    """No server answers because the client speaks plaintext to a TLS port: the one line says TLS may be why."""
    result, output = _batch(tmp_path, "out.jsonl", "--server", mtls_address)
    assert result.returncode == 2, result.stderr
    [line] = result.stderr.strip().splitlines()
    assert "Socket closed" in line, line
    assert line.endswith(
        "(is the server using TLS? pass --tls-ca CA.pem, or --tls to trust the system roots)"
    )
    assert not output.exists()
