"""TLS and mutual TLS for moneta's server (``moneta serve --tls-cert --tls-key [--tls-client-ca]``).

* ``--tls-cert`` and ``--tls-key``: the server speaks TLS only; a plaintext client cannot connect.
* ``--tls-client-ca`` too: mutual TLS; a client must present a certificate signed by that CA, or its
  handshake is refused before any call reaches moneta.

Files are PEM (a certificate chain, an unencrypted private key, a CA bundle), read once at start-up.
"""

from __future__ import annotations

import dataclasses
import os

import grpc
from moneta.tls import StrPath, TLSConfigError, read_pem

__all__ = ["ServerTLS", "TLSConfigError"]


@dataclasses.dataclass(frozen=True, slots=True)
class ServerTLS:
    """The server's TLS configuration.

    :param cert: PEM file of the server's certificate chain.
    :param key: PEM file of the server's private key.
    :param client_ca: PEM file of the CA(s) that sign client certificates; given, clients must present one
        (mutual TLS); ``None``: TLS without client authentication.
    """

    cert: StrPath
    key: StrPath
    client_ca: StrPath | None = None

    @property
    def mutual(self) -> bool:
        """Whether clients must present a certificate."""
        return self.client_ca is not None

    def credentials(self) -> grpc.ServerCredentials:
        """Read the files and return the gRPC server credentials.

        :raises TLSConfigError: a file is missing, unreadable or not PEM (one line, naming the file).
        """
        key = read_pem(self.key, "--tls-key")
        cert = read_pem(self.cert, "--tls-cert")
        client_ca = read_pem(self.client_ca, "--tls-client-ca") if self.client_ca is not None else None
        return grpc.ssl_server_credentials(
            [(key, cert)], root_certificates=client_ca, require_client_auth=client_ca is not None
        )

    def describe(self) -> str:
        """Return a short description for the start-up log (``TLS`` / ``mutual TLS``, and the cert file)."""
        return f"{'mutual TLS' if self.mutual else 'TLS'} ({os.fspath(self.cert)})"
