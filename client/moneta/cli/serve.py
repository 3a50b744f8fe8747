"""``moneta serve``: run the gRPC server until SIGTERM or SIGINT, then stop gracefully.

Prints one line on stderr once the server is ready (health ``SERVING``): ``moneta: serving moneta.v1.MonetaService
on HOST:PORT``. With ``--port 0`` the line gives the port the system picked.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from moneta.cli._operating import add_serve_arguments

__all__ = ["add_parser", "run"]


def _table(text: str) -> tuple[str, str]:
    name, sep, path = text.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, got {text!r}")
    return name, path


def _check_free(host: str, port: int) -> None:
    """Refuse a port already in use with one line (gRPC's own bind error is a multi-line log)."""
    import socket

    from moneta.cli import UsageError

    if port == 0:
        return
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror}") from None


def add_parser(subparsers: Any) -> None:
    """Register ``moneta serve`` and its options."""
    parser = subparsers.add_parser(
        "serve",
        help="run the moneta gRPC server",
        description="Run the moneta.v1.MonetaService gRPC server (with grpc.health.v1 health checking and server "
        "reflection) until SIGTERM or SIGINT; calls in flight then get --grace seconds to finish.",
    )
    parser.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    parser.add_argument(
        "--port", type=int, default=50051, help="port to listen on; 0 picks a free one (default: 50051)"
    )
    parser.add_argument(
        "--rates",
        metavar="SRC",
        default="ecb",
        help="default rate source: ecb (default), live, or an FX table path",
    )
    parser.add_argument(
        "--table",
        type=_table,
        action="append",
        default=[],
        metavar="NAME=PATH",
        help="serve an FX table (CSV/Parquet) that requests can name as rate_source NAME (repeatable)",
    )
    parser.add_argument(
        "--grace", type=float, default=10.0, help="seconds to finish calls at shutdown (default: 10)"
    )
    add_serve_arguments(parser)  # limits, TLS, logs, metrics (moneta.cli._operating)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serve until stopped by a signal; return 0 after a graceful stop."""
    import asyncio

    from moneta_service.pipeline import RateSources
    from moneta_service.rates import RatesError
    from moneta_service.server import SERVICE_NAME, serve

    from moneta.cli import UsageError

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port must be between 0 and 65535, got {args.port}")
    _check_free(args.host, args.port)
    from moneta_service.logs import configure_logging
    from moneta_service.operating import from_args

    configure_logging(args.log_level.upper())  # JSON lines on stderr
    try:
        operating = from_args(args)
    except ValueError as exc:
        raise UsageError(str(exc)) from None

    def ready(address: str) -> None:
        print(f"moneta: serving {SERVICE_NAME} on {address}", file=sys.stderr, flush=True)

    sources = RateSources(default=args.rates, tables=dict(args.table))
    try:
        asyncio.run(
            serve(
                args.host, args.port, sources=sources, grace=args.grace, on_ready=ready, operating=operating
            )
        )
    # ValueError: a TLS file that cannot be used; RuntimeError: --metrics-port without prometheus-client
    except (OSError, RatesError, ValueError, RuntimeError) as exc:
        raise UsageError(str(exc).splitlines()[0]) from None
    return 0
