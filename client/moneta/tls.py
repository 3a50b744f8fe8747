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
from pathlib import Path

import grpc

__all__ = ["TLSConfigError", "channel_credentials", "read_pem"]

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


def channel_credentials(
    ca: StrPath | None = None, cert: StrPath | None = None, key: StrPath | None = None
) -> grpc.ChannelCredentials:
    """Return gRPC channel credentials for TLS (``ca``) or mutual TLS (``ca`` + ``cert`` + ``key``).

    :param ca: PEM file of the CA(s) that signed the server's certificate; ``None``: the system roots.
    :param cert: PEM file of this client's certificate (mutual TLS), given with ``key``.
    :param key: PEM file of this client's private key (unencrypted), given with ``cert``.
    :raises TLSConfigError: an unreadable or non-PEM file, or only one of ``cert`` and ``key``.
    """
    if (cert is None) != (key is None):
        raise TLSConfigError(
            "a client certificate and its key go together: give both --tls-cert and --tls-key"
        )
    return grpc.ssl_channel_credentials(
        root_certificates=read_pem(ca, "TLS CA") if ca is not None else None,
        private_key=read_pem(key, "TLS key") if key is not None else None,
        certificate_chain=read_pem(cert, "TLS certificate") if cert is not None else None,
    )
