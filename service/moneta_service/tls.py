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
from moneta.tls import StrPath, TLSConfigError, check_ca, check_key_pair

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

        The files are checked first (:func:`moneta.tls.check_key_pair`, :func:`moneta.tls.check_ca`), so a bad
        file is one line naming it rather than gRPC's C-core log and a failure to bind the port.

        :raises TLSConfigError: a file is missing, unreadable or not PEM; the certificate file holds no
            certificate or the CA file none; the key is no private key, encrypted, or does not match the
            certificate (one line, naming the file).
        """
        cert, key = check_key_pair(self.cert, self.key, "--tls-cert", "--tls-key")
        client_ca = check_ca(self.client_ca, "--tls-client-ca") if self.client_ca is not None else None
        return grpc.ssl_server_credentials(
            [(key, cert)], root_certificates=client_ca, require_client_auth=client_ca is not None
        )

    def describe(self) -> str:
        """Return a short description for the start-up log (``TLS`` / ``mutual TLS``, and the cert file)."""
        return f"{'mutual TLS' if self.mutual else 'TLS'} ({os.fspath(self.cert)})"
