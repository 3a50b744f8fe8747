"""``moneta serve``: run the gRPC server until SIGTERM or SIGINT, then stop gracefully.

Prints one line on stderr once the server is ready (health ``SERVING``): ``moneta: serving moneta.v1.MonetaService
on HOST:PORT``. With ``--port 0`` the line gives the port the system picked. With ``--metrics-port`` the next line
gives the metrics endpoint (``moneta: metrics on http://HOST:PORT/metrics``, the port picked for ``0``). Under
them, one line per rate source
served gives the dates its data covers (``moneta: rate data ecb: 1999-01-04 to 2026-10-30``, with the data's age
and how to refresh it when it is more than a week old). Everything else on stderr is JSON log lines.

Bad flags and addresses that cannot be bound (the port in use, an address not on this machine, the metrics
port) end with exit status 2 and one line on stderr, before anything is loaded where possible.
"""

from __future__ import annotations

import argparse
import math
import sys
from typing import Any

from moneta.cli._operating import add_serve_arguments, port_number

__all__ = ["add_parser", "run"]


def _table(text: str) -> tuple[str, str]:
    """``--table NAME=PATH``: NAME must not be a built-in source (``ecb``, ``live``), which a request would
    otherwise reach instead of the table (or the table instead of it)."""
    name, sep, path = text.partition("=")
    if not sep or not name or not path:
        raise argparse.ArgumentTypeError(f"expected NAME=PATH, got {text!r}")
    if name.strip().lower() in ("ecb", "live"):
        raise argparse.ArgumentTypeError(
            f"{name!r} names a built-in rate source; give the table another NAME"
        )
    return name, path


def _seconds(text: str) -> float:
    """A finite number of seconds ``>= 0`` (``--grace``)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {text!r}") from None
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError(f"expected a finite number of seconds >= 0, got {text!r}")
    return value


def _host_port(host: str, port: int) -> str:
    """``host:port``, an IPv6 host in brackets (``[::1]:9100``)."""
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def _check_free(host: str, port: int, what: str = "cannot listen on", flag: str = "") -> None:
    """Refuse an address that cannot be bound with one line, before gRPC tries: a port in use, a host name that
    does not resolve, an address that is not on this machine (gRPC's own bind error is a C-core log line plus
    a vaguer message). Port 0 checks the host only."""
    import socket

    from moneta.cli import UsageError

    where = _host_port(host, port)
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        reason = getattr(exc, "strerror", None) or "not a valid host name"
        raise UsageError(f"{what} {where}{flag}: {reason}") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        try:
            probe.bind(address)
        except OSError as exc:
            raise UsageError(f"{what} {where}{flag}: {exc.strerror or exc}") from None


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
        "--port",
        type=port_number,
        default=50051,
        help="port to listen on; 0 picks a free one (default: 50051)",
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
        "--grace",
        type=_seconds,
        default=10.0,
        metavar="SECONDS",
        help="seconds calls in flight get to finish at shutdown, >= 0 (default: 10)",
    )
    add_serve_arguments(parser)  # limits, TLS, logs, metrics (moneta.cli._operating)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Serve until stopped by a signal; return 0 after a graceful stop."""
    import asyncio

    from moneta.cli import UsageError

    if not 0 <= args.port <= 65535:  # a Namespace built without the parser
        raise UsageError(f"--port must be between 0 and 65535, got {args.port}")
    _check_free(args.host, args.port)
    if args.metrics_port is not None:
        metrics_host = args.metrics_host or args.host
        _check_free(metrics_host, args.metrics_port, "cannot serve metrics on", " (--metrics-port)")
    from moneta_service.logs import configure_logging
    from moneta_service.operating import from_args
    from moneta_service.pipeline import RateSources
    from moneta_service.rates import RatesError
    from moneta_service.server import SERVICE_NAME, serve

    try:
        operating = from_args(args)
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    configure_logging(args.log_level.upper())  # JSON lines on stderr

    def ready(address: str) -> None:
        print(f"moneta: serving {SERVICE_NAME} on {address}", file=sys.stderr, flush=True)
        if operating.bound_metrics_port is not None:  # the port bound, also the one --metrics-port 0 picked
            where = _host_port(operating.metrics_host, operating.bound_metrics_port)
            print(f"moneta: metrics on http://{where}/metrics", file=sys.stderr, flush=True)

    def rate_data(line: str) -> None:
        print(f"moneta: {line}", file=sys.stderr, flush=True)

    names = [name for name, _path in args.table]
    if len(set(names)) != len(names):
        repeated = sorted({n for n in names if names.count(n) > 1})
        raise UsageError(f"--table names a source twice: {', '.join(repeated)}")
    sources = RateSources(default=args.rates, tables=dict(args.table))
    try:
        asyncio.run(
            serve(
                args.host,
                args.port,
                sources=sources,
                grace=args.grace,
                on_ready=ready,
                on_rate_data=rate_data,
                operating=operating,
            )
        )
    # ValueError: a TLS file that cannot be used; RuntimeError: --metrics-port without prometheus-client
    except (OSError, RatesError, ValueError, RuntimeError) as exc:
        raise UsageError(str(exc).splitlines()[0]) from None
    return 0
