"""TLS and mutual TLS for moneta's clients: channel credentials from PEM files.

>>> from moneta import MonetaClient
>>> from moneta.tls import channel_credentials
>>> # MonetaClient("moneta.internal:50051", credentials=channel_credentials(ca="ca.pem"))  # TLS
>>> # ... channel_credentials(ca="ca.pem", cert="client.pem", key="client.key")          # mutual TLS

The CA file holds the certificate(s) that signed the server's certificate (``None``: the system's roots, as
gRPC finds them). A client certificate and its key are given together, for servers that require mutual TLS.
"""

from __future__ import annotations

import os
import re
import ssl
from pathlib import Path

import grpc

__all__ = ["TLSConfigError", "channel_credentials", "check_ca", "check_key_pair", "read_pem"]

StrPath = str | os.PathLike[str]


class TLSConfigError(ValueError):
    """A TLS option that cannot be used: a missing or unreadable file, not PEM, a certificate without its key."""


def read_pem(path: StrPath, what: str) -> bytes:
    """Read a PEM file (certificate, key or CA bundle) and return its bytes.

    :param what: what the file is, for the message (``"--tls-ca"``, ``"server certificate"``).
    :raises TLSConfigError: the file is missing, unreadable or holds no PEM block (one line, naming the file).
    """
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise TLSConfigError(f"{what}: {os.fspath(path)}: no such file") from None
    except OSError as exc:
        raise TLSConfigError(f"{what}: {os.fspath(path)}: cannot read ({exc.strerror})") from None
    if b"-----BEGIN " not in data:
        raise TLSConfigError(f"{what}: {os.fspath(path)}: not a PEM file (no '-----BEGIN' line)")
    return data


#: The label of each PEM block (``-----BEGIN <label>-----``), as RFC 7468 writes it.
_PEM_LABEL = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----")


def _labels(data: bytes) -> set[str]:
    return {match.group(1).decode("ascii") for match in _PEM_LABEL.finditer(data)}


def _holds_certificate(data: bytes, path: StrPath, what: str) -> None:
    labels = _labels(data)
    if "CERTIFICATE" not in labels:
        found = ", ".join(sorted(labels))
        raise TLSConfigError(f"{what}: {os.fspath(path)}: holds no certificate (only {found})")


def check_ca(path: StrPath, what: str) -> bytes:
    """Read a CA bundle and check, with the standard library's OpenSSL, that it holds usable certificates.

    :param what: the flag or argument naming the file, for the message (``"--tls-ca"``).
    :returns: the file's bytes (PEM).
    :raises TLSConfigError: the file is missing, unreadable, not PEM, holds no certificate (e.g. a private key
        given as the CA) or a certificate OpenSSL cannot parse (one line, naming the file).
    """
    data = read_pem(path, what)
    _holds_certificate(data, path, what)
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cadata=data.decode("latin-1"))
    except (ssl.SSLError, ValueError) as exc:
        raise TLSConfigError(
            f"{what}: {os.fspath(path)}: not a usable CA certificate ({_reason(exc)})"
        ) from None
    return data


def _no_password() -> bytes:
    raise TLSConfigError("encrypted")


def check_key_pair(cert: StrPath, key: StrPath, cert_what: str, key_what: str) -> tuple[bytes, bytes]:
    """Read a certificate chain and its private key and check, with the standard library's OpenSSL
    (:meth:`ssl.SSLContext.load_cert_chain`), that the key is a private key matching the certificate.

    :param cert_what: the flag naming the certificate file, for the message (``"--tls-cert"``).
    :param key_what: the flag naming the key file (``"--tls-key"``).
    :returns: ``(certificate chain, private key)``, the files' bytes (PEM).
    :raises TLSConfigError: a file is missing, unreadable or not PEM; the certificate file holds no certificate
        (e.g. the key given twice); the key file holds no private key, or an encrypted one (gRPC needs it
        unencrypted); the key does not match the certificate (one line, naming the file or files).
    """
    cert_data = read_pem(cert, cert_what)
    key_data = read_pem(key, key_what)
    _holds_certificate(cert_data, cert, cert_what)
    key_labels = _labels(key_data)
    if "ENCRYPTED PRIVATE KEY" in key_labels:
        raise TLSConfigError(
            f"{key_what}: {os.fspath(key)}: an encrypted private key; give it unencrypted "
            f"(e.g. openssl pkey -in {os.fspath(key)} -out plain.key)"
        )
    if not any(label.endswith("PRIVATE KEY") for label in key_labels):
        found = ", ".join(sorted(key_labels))
        raise TLSConfigError(f"{key_what}: {os.fspath(key)}: holds no private key (only {found})")
    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER).load_cert_chain(cert, key, password=_no_password)
    except TLSConfigError:
        raise TLSConfigError(
            f"{key_what}: {os.fspath(key)}: an encrypted private key; give it unencrypted"
        ) from None
    except ssl.SSLError as exc:
        if exc.reason == "KEY_VALUES_MISMATCH":
            raise TLSConfigError(
                f"{key_what}: {os.fspath(key)}: does not match the certificate in {cert_what} {os.fspath(cert)}"
            ) from None
        raise TLSConfigError(
            f"{cert_what} {os.fspath(cert)} with {key_what} {os.fspath(key)}: cannot be loaded ({_reason(exc)})"
        ) from None
    except OSError as exc:
        raise TLSConfigError(f"{cert_what}: {os.fspath(cert)}: cannot read ({exc.strerror})") from None
    return cert_data, key_data


def _reason(exc: Exception) -> str:
    """OpenSSL's reason (``KEY_VALUES_MISMATCH`` → ``key values mismatch``) without ``(_ssl.c:NNNN)``."""
    text = str(exc.args[1]) if isinstance(exc, ssl.SSLError) and len(exc.args) > 1 else str(exc)
    text = re.sub(r"\s*\(_ssl\.c:\d+\)$", "", text)
    return re.sub(r"^\[[A-Z0-9_]+: [A-Z0-9_]+\] ", "", text)


def channel_credentials(
    ca: StrPath | None = None,
    cert: StrPath | None = None,
    key: StrPath | None = None,
    *,
    names: tuple[str, str, str] = ("TLS CA", "TLS certificate", "TLS key"),
) -> grpc.ChannelCredentials:
    """Return gRPC channel credentials for TLS (``ca``) or mutual TLS (``ca`` + ``cert`` + ``key``).

    The files are checked first (:func:`check_ca`, :func:`check_key_pair`), so a bad file is a one-line error
    naming it, not a gRPC C-core log and a connection failure.

    :param ca: PEM file of the CA(s) that signed the server's certificate; ``None``: the system roots.
    :param cert: PEM file of this client's certificate (mutual TLS), given with ``key``.
    :param key: PEM file of this client's private key (unencrypted), given with ``cert``.
    :param names: what to call ``ca``, ``cert`` and ``key`` in messages (the CLI passes its flags).
    :raises TLSConfigError: an unreadable or non-PEM file, a CA file without a certificate, a key that does not
        match its certificate, or only one of ``cert`` and ``key``.
    """
    if (cert is None) != (key is None):
        raise TLSConfigError(
            f"a client certificate and its key go together: give both {names[1]} and {names[2]}"
        )
    root = check_ca(ca, names[0]) if ca is not None else None
    chain, private_key = (
        check_key_pair(cert, key, names[1], names[2])
        if cert is not None and key is not None
        else (None, None)
    )
    return grpc.ssl_channel_credentials(
        root_certificates=root, private_key=private_key, certificate_chain=chain
    )
