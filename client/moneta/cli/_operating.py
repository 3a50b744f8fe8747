"""Operating flags of the CLI (no heavy imports): ``moneta serve``'s limits, TLS, logs and metrics, and the TLS
flags of the commands that talk to a server (``--server`` mode).

The server side reads them in :func:`moneta_service.operating.from_args`; the defaults written in the help
are those of :data:`moneta_service.limits.DEFAULT_LIMITS` (a test keeps them equal).
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import grpc

__all__ = [
    "MAX_LIMIT",
    "add_client_tls_arguments",
    "add_serve_arguments",
    "add_timeout_argument",
    "check_timeout_needs_server",
    "check_tls_needs_server",
    "client_credentials",
    "port_number",
]


#: The largest value of a limit flag: gRPC takes sizes and counts as C ``int`` (as
#: :data:`moneta_service.limits.MAX_LIMIT`; a test keeps them equal).
MAX_LIMIT = (1 << 31) - 1


def _positive(text: str) -> int:
    """A limit: an integer from 1 to :data:`MAX_LIMIT`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    if value > MAX_LIMIT:
        raise argparse.ArgumentTypeError(f"expected a positive integer of at most {MAX_LIMIT}, got {text!r}")
    return value


def port_number(text: str) -> int:
    """A TCP port, 0 (pick a free one) to 65535 (an ``argparse`` type)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a port number, got {text!r}") from None
    if not 0 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"a port is between 0 and 65535, got {text!r}")
    return value


#: (flag, default written in the help, help) of each limit; ``dest`` is the ServerLimits field.
LIMIT_FLAGS = (
    ("--max-text-bytes", 1 << 20, "largest text of one request or streamed document, in UTF-8 bytes"),
    ("--max-message-bytes", 16 << 20, "largest request message on the wire, in bytes"),
    ("--max-targets", 64, "most target currencies in one request"),
    ("--max-documents-per-message", 1000, "most documents in one StreamExtractAmounts message"),
    ("--max-concurrent-calls", 1000, "calls served at once; more get RESOURCE_EXHAUSTED"),
)


def add_serve_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``moneta serve``'s operating flags: limits, TLS, logs and metrics."""
    limits = parser.add_argument_group("limits (beyond them: INVALID_ARGUMENT or RESOURCE_EXHAUSTED)")
    for flag, default, text in LIMIT_FLAGS:
        limits.add_argument(flag, type=_positive, metavar="N", help=f"{text} (default: {default})")
    tls = parser.add_argument_group("TLS")
    tls.add_argument("--tls-cert", metavar="PEM", help="server certificate chain (PEM): serve TLS only")
    tls.add_argument("--tls-key", metavar="PEM", help="server private key (PEM), with --tls-cert")
    tls.add_argument(
        "--tls-client-ca", metavar="PEM", help="CA (PEM) of client certificates: require mutual TLS"
    )
    logs = parser.add_argument_group("logs and metrics")
    logs.add_argument(
        "--log-level",
        choices=("debug", "info", "warning", "error"),
        default="warning",
        help="JSON logs on stderr at this level and up; info adds one line per call (default: warning)",
    )
    logs.add_argument(
        "--log-debug-payloads",
        action="store_true",
        help="put request and response messages (article text, amounts) in the logs: for debugging only",
    )
    logs.add_argument(
        "--metrics-port",
        type=port_number,
        metavar="N",
        help="serve Prometheus metrics on this port; 0 picks a free one, printed at start-up (default: off)",
    )
    logs.add_argument(
        "--metrics-host", metavar="HOST", help="address of the metrics endpoint (default: the --host address)"
    )


def add_client_tls_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--tls``, ``--tls-ca``, ``--tls-cert``, ``--tls-key`` (used with ``--server``)."""
    group = parser.add_argument_group("TLS (with --server)")
    group.add_argument("--tls", action="store_true", help="use TLS with the system's root certificates")
    group.add_argument(
        "--tls-ca", metavar="PEM", help="CA (PEM) that signed the server's certificate; implies --tls"
    )
    group.add_argument("--tls-cert", metavar="PEM", help="client certificate (PEM) for mutual TLS")
    group.add_argument("--tls-key", metavar="PEM", help="client private key (PEM) for mutual TLS")


def _timeout_seconds(text: str) -> float:
    """``--timeout``: a finite number of seconds > 0 (an ``argparse`` type)."""
    import math

    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"expected a finite number of seconds > 0, got {text!r}")
    return value


def add_timeout_argument(parser: argparse.ArgumentParser, default: str) -> None:
    """Add ``--timeout SECONDS``: the client's deadline with ``--server``.

    :param default: what the help says happens without it (``"30"``, ``"none"``).
    """
    parser.add_argument(
        "--timeout",
        type=_timeout_seconds,
        metavar="SECONDS",
        help=f"with --server: the client's deadline for the server's answer, in seconds > 0 (default: {default})",
    )


def check_timeout_needs_server(args: argparse.Namespace, server: object) -> None:
    """Refuse ``--timeout`` without ``--server``: in-process there is no call for it to bound.

    :raises moneta.cli.UsageError: ``--timeout needs --server (...)``.
    """
    if getattr(args, "timeout", None) is not None and not server:
        from moneta.cli import UsageError

        raise UsageError("--timeout needs --server (it is the deadline of the calls to a moneta server)")


def check_tls_needs_server(args: argparse.Namespace, server: object) -> None:
    """Refuse the client TLS flags without ``--server``: in-process there is no connection for them to secure.

    :param server: the command's ``--server`` value(s); falsy when not given.
    :raises moneta.cli.UsageError: ``--tls-ca needs --server (TLS secures the connection to a moneta server)``.
    """
    given = [
        flag
        for flag, dest in (
            ("--tls", "tls"),
            ("--tls-ca", "tls_ca"),
            ("--tls-cert", "tls_cert"),
            ("--tls-key", "tls_key"),
        )
        if getattr(args, dest, None)
    ]
    if given and not server:
        from moneta.cli import UsageError

        verb = "needs" if len(given) == 1 else "need"
        raise UsageError(
            f"{', '.join(given)} {verb} --server (TLS secures the connection to a moneta server)"
        )


def client_credentials(args: argparse.Namespace) -> grpc.ChannelCredentials | None:
    """Return channel credentials from the TLS flags, or ``None`` for plaintext (no TLS flag given).

    :raises moneta.cli.UsageError: a TLS file is missing, not PEM or of the wrong kind, a key that does not match its
        certificate, or a certificate without its key.
    """
    ca, cert, key = (
        getattr(args, "tls_ca", None),
        getattr(args, "tls_cert", None),
        getattr(args, "tls_key", None),
    )
    if not (getattr(args, "tls", False) or ca or cert or key):
        return None
    from moneta.cli import UsageError
    from moneta.tls import TLSConfigError, channel_credentials

    try:
        return channel_credentials(ca=ca, cert=cert, key=key, names=("--tls-ca", "--tls-cert", "--tls-key"))
    except TLSConfigError as exc:
        raise UsageError(str(exc)) from None
