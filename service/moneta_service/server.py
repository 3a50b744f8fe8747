"""The lifecycle of moneta's gRPC server: build, warm up, serve, drain.

:func:`create_server` builds a ``grpc.aio`` server with three services:

* ``moneta.v1.MonetaService`` (:class:`~moneta_service.servicer.MonetaServicer`);
* ``grpc.health.v1.Health``: ``NOT_SERVING`` from the start, ``SERVING`` (overall and for
  ``moneta.v1.MonetaService``) once :meth:`MonetaServer.start` has loaded the engine and the default rate
  data, ``NOT_SERVING`` again as soon as a graceful shutdown begins (sent to open ``Watch`` streams: the listener
  closes at the same moment, so a new ``Check`` probe sees the connection refused, not ``NOT_SERVING``);
* server reflection (``grpc.reflection.v1.ServerReflection`` and ``grpc.reflection.v1alpha.ServerReflection``;
  :mod:`moneta_service.reflection`), so ``grpcurl`` and ``grpcui`` can list and call the service without the
  ``.proto``.

:func:`serve` runs one until SIGTERM or SIGINT, then drains it: health turns ``NOT_SERVING``, new calls are
refused, calls in flight get ``grace`` seconds to finish.
"""

from __future__ import annotations

import asyncio
import logging
import math
import signal
from collections.abc import Callable, Sequence
from typing import Any

import grpc
from grpc_health.v1 import health, health_pb2, health_pb2_grpc
from moneta._quoting import quoted
from moneta.v1 import moneta_pb2, moneta_pb2_grpc

from moneta_service.extract import ENGINE_BUILD
from moneta_service.limits import ServerLimits
from moneta_service.operating import Operating
from moneta_service.pipeline import RateSources
from moneta_service.reflection import enable_reflection
from moneta_service.servicer import DEFAULT_MAX_TEXT_BYTES, MonetaServicer

__all__ = ["DEFAULT_GRACE_SECONDS", "SERVICE_NAME", "MonetaServer", "create_server", "serve"]

#: The full name of moneta's service, as health checks and reflection know it.
SERVICE_NAME: str = moneta_pb2.DESCRIPTOR.services_by_name["MonetaService"].full_name

#: Seconds calls in flight get to finish after SIGTERM/SIGINT.
DEFAULT_GRACE_SECONDS = 10.0
#: Seconds before the grace period ends at which long calls still running are ended with ``UNAVAILABLE``.
CALL_END_MARGIN = 1.0

#: A short text that exercises the engine and one conversion at start-up (imports, tables, rate index).
_WARM_UP_TEXT = "The fund holds €1.5 million."

_log = logging.getLogger("moneta_service.server")


class HealthServicer(health.aio.HealthServicer):  # type: ignore[misc,name-defined]  # health.aio: not in grpc-stubs
    """grpcio-health-checking's asyncio servicer, whose ``Check`` of an unknown service says which it knows.

    The library answers ``NOT_FOUND`` with an empty message; this one answers ``NOT_FOUND`` with ``unknown
    service 'x'; known: '', 'moneta.v1.MonetaService'`` (the services given a status through :meth:`set`, and the
    overall ``''``). Everything else (statuses, ``Watch``, graceful shutdown) is the library's.
    """

    def __init__(self) -> None:
        super().__init__()
        self._known: set[str] = {health.OVERALL_HEALTH}

    async def set(self, service: str, status: Any) -> None:
        """Set ``service``'s status (as the library does) and remember the name for ``Check``'s message."""
        self._known.add(service)
        await super().set(service, status)

    async def Check(self, request: health_pb2.HealthCheckRequest, context: Any) -> Any:
        """Answer the status of ``request.service``.

        :raise grpc.aio.AbortError: ``NOT_FOUND``, ``unknown service …; known: …``, for a service never set.
        """
        if request.service not in self._known:
            known = ", ".join(repr(name) for name in sorted(self._known))
            await context.abort(
                grpc.StatusCode.NOT_FOUND, f"unknown service {quoted(request.service, 80)}; known: {known}"
            )
        return await super().Check(request, context)


class MonetaServer:
    """A built (not yet started) moneta gRPC server; see :func:`create_server`.

    :ivar grpc_server: the underlying ``grpc.aio.Server`` (add interceptors or ports before :meth:`start`).
    :ivar health: the ``grpc.health.v1`` servicer.
    :ivar servicer: the ``moneta.v1.MonetaService`` servicer.
    :ivar port: the bound port.
    :ivar rate_data: the first and last date of each rate source served, one line each (set by :meth:`start`).
    """

    def __init__(
        self,
        grpc_server: grpc.aio.Server,
        health_servicer: Any,
        servicer: MonetaServicer,
        port: int,
    ) -> None:
        self.grpc_server = grpc_server
        self.health = health_servicer
        self.servicer = servicer
        self.port = port
        #: One line per rate source served, once started: ``rate data ecb: 1999-01-04 to 2026-10-30`` (and how
        #: old it is, when stale); see :func:`moneta_service.pipeline.log_rate_data`.
        self.rate_data: list[str] = []

    def _warm_up(self) -> None:
        from moneta_service.pipeline import extract_and_convert, log_rate_data

        sources = self.servicer.sources
        provider = sources.provider()
        extract_and_convert(_WARM_UP_TEXT, date=None, targets=("USD",), locale_hint=None, provider=provider)
        from moneta_service.rates import RatesError

        for name in sources.tables:  # an operator's unreadable table fails the start, not a request later
            try:
                sources.provider(name)
            except RatesError as exc:  # the message names the operator's --table, not only its path
                raise RatesError(f"--table {name}={sources.tables[name]}: {exc}") from exc
        self.rate_data = log_rate_data(sources, _log)  # each source's first and last date (and age if stale)

    async def start(self) -> None:
        """Start serving, load the engine and the default rate data, then report ``SERVING``.

        :raises moneta_service.rates.RatesError: the default rate source or a table cannot be opened (the server is
            stopped).
        """
        for service in (health.OVERALL_HEALTH, SERVICE_NAME):
            await self.health.set(service, health_pb2.HealthCheckResponse.NOT_SERVING)
        await self.grpc_server.start()
        try:
            await asyncio.to_thread(self._warm_up)
        except BaseException:
            await self.grpc_server.stop(None)
            raise
        for service in (health.OVERALL_HEALTH, SERVICE_NAME):
            await self.health.set(service, health_pb2.HealthCheckResponse.SERVING)
        _log.info("serving %s on port %d (engine: %s)", SERVICE_NAME, self.port, ENGINE_BUILD)

    async def stop(self, grace: float | None = DEFAULT_GRACE_SECONDS) -> None:
        """Drain and stop: health ``NOT_SERVING``, refuse new calls, give calls in flight ``grace`` seconds.

        Long calls (streams, extractions in a worker thread) still running :data:`CALL_END_MARGIN` seconds before
        the grace period ends (half-way through a grace shorter than twice that) are ended with ``UNAVAILABLE``
        by the servicer, not cut by gRPC.
        """
        await self.health.enter_graceful_shutdown()
        if grace is not None:
            self.servicer.end_calls(grace - min(CALL_END_MARGIN, grace / 2))
        await self.grpc_server.stop(grace)

    async def wait_for_termination(self, timeout: float | None = None) -> bool:
        """Wait until the server stops; return ``True`` if it did within ``timeout`` seconds."""
        return await self.grpc_server.wait_for_termination(timeout)


#: Seconds :func:`serve` waits, once the server has stopped, for grpc.aio's tasks of the calls it ended.
ENDED_CALLS_WAIT = 2.0


async def _let_ended_calls_finish(timeout: float = ENDED_CALLS_WAIT) -> None:
    """Wait (at most ``timeout`` seconds) until the tasks grpc.aio still runs for calls the stop ended are done.

    A call still open when the grace period ends (a ``Health.Watch`` stream always is: it waits for the next
    status change) is cancelled by gRPC, but its tasks finish on the event loop's next turns, after
    ``grpc.aio.Server.stop`` has returned. Were :func:`asyncio.run` to cancel them first, grpcio would print the
    task's ``CancelledError`` traceback on stderr (with ``traceback.print_exc``, not through :mod:`logging`),
    a raw text among the JSON log lines.
    """
    others = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    if others:
        _done, pending = await asyncio.wait(others, timeout=timeout)
        if pending:
            _log.warning(
                "%d task(s) of ended calls still running %.1fs after the server stopped",
                len(pending),
                timeout,
            )


def _address(host: str, port: int) -> str:
    return f"[{host}]:{port}" if ":" in host and not host.startswith("[") else f"{host}:{port}"


def create_server(
    address: str = "127.0.0.1:0",
    *,
    sources: RateSources | None = None,
    max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES,
    options: Sequence[tuple[str, Any]] = (),
    operating: Operating | None = None,
) -> tuple[MonetaServer, int]:
    """Build moneta's server bound (insecure) to ``address``; return it, not started, with its port.

    Bind ``"127.0.0.1:0"`` (the default) to get a free loopback port, as tests do. Must be called with an event
    loop running or about to run in this thread (grpc.aio).

    :param address: ``host:port``; port 0 picks a free one.
    :param sources: the rate sources requests may name (default: the embedded ECB rates only).
    :param max_text_bytes: the largest ``ExtractAmounts`` text, in UTF-8 bytes (default 1 MiB).
    :param options: gRPC channel arguments for the server (e.g. ``("grpc.max_receive_message_length", n)``).
    :param operating: limits, TLS, logs and metrics (:class:`moneta_service.operating.Operating`; default: the
        documented limits with ``max_text_bytes``, plaintext, access log, no metrics); its limits win.
    :returns: ``(server, port)``; call ``await server.start()``.
    :raises OSError: the address cannot be bound.
    """
    # SO_REUSEPORT off: a second server on a port in use must fail to bind, not share the port silently.
    operating = operating or Operating(limits=ServerLimits(max_text_bytes=max_text_bytes))
    grpc_server = grpc.aio.server(**operating.server_kwargs([("grpc.so_reuseport", 0), *options]))
    servicer = MonetaServicer(sources or RateSources())  # its limits: the LimitsInterceptor of `operating`
    moneta_pb2_grpc.add_MonetaServiceServicer_to_server(servicer, grpc_server)
    health_servicer = HealthServicer()
    health_pb2_grpc.add_HealthServicer_to_server(health_servicer, grpc_server)
    enable_reflection((SERVICE_NAME, health.SERVICE_NAME), grpc_server)
    try:
        port = operating.bind(grpc_server, address)
    except RuntimeError as exc:  # gRPC's message ends with a hint about GRPC_VERBOSITY: one clause is enough
        raise OSError(f"cannot listen on {address}: {str(exc).split(';')[0]}") from None
    if port == 0:
        raise OSError(f"cannot listen on {address}")
    return MonetaServer(grpc_server, health_servicer, servicer, port), port


def _start_metrics(operating: Operating) -> None:
    """Start the metrics endpoint (if any); an address that cannot be bound is an OSError naming it."""
    try:
        operating.start_metrics()
    except OSError as exc:
        where = _address(operating.metrics_host, operating.metrics_port or 0)
        reason = exc.strerror or (str(exc).splitlines() or [type(exc).__name__])[0]
        raise OSError(f"cannot serve metrics on {where} (--metrics-port): {reason}") from None


async def serve(
    host: str = "127.0.0.1",
    port: int = 50051,
    *,
    sources: RateSources | None = None,
    grace: float = DEFAULT_GRACE_SECONDS,
    on_ready: Callable[[str], None] | None = None,
    on_rate_data: Callable[[str], None] | None = None,
    operating: Operating | None = None,
) -> None:
    """Serve until SIGTERM or SIGINT, then stop gracefully (in-flight calls get ``grace`` seconds).

    :param grace: seconds calls in flight get to finish (finite, ``>= 0``).
    :param on_ready: called with the ``host:port`` actually bound once health reports ``SERVING``.
    :param on_rate_data: then called with each line of :attr:`MonetaServer.rate_data` (``moneta serve``
        prints them under its ready line, so the rate data's dates show at the default log level).
    :raises ValueError: ``grace`` negative or not finite.
    :raises OSError: the address (or the metrics endpoint's, naming ``--metrics-port``) cannot be bound; nothing
        is left running.
    :raises moneta_service.rates.RatesError: the default rate source cannot be opened.
    """
    if not math.isfinite(grace) or grace < 0:
        raise ValueError(f"grace must be a finite number of seconds >= 0, got {grace}")
    operating = operating or Operating()
    server, bound = create_server(_address(host, port), sources=sources, operating=operating)
    try:
        _start_metrics(operating)
        await server.start()
    except BaseException:
        await server.grpc_server.stop(None)  # never started, or stopped by start(): no loose ends at exit
        operating.stop_metrics()
        raise
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stopping.set)
    if on_ready is not None:
        on_ready(_address(host, bound))
    if on_rate_data is not None:
        for line in server.rate_data:
            on_rate_data(line)
    try:
        await stopping.wait()
        _log.info("stopping: finishing calls in flight (grace %.1fs)", grace)
        await server.stop(grace)
        await _let_ended_calls_finish()
    finally:
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.remove_signal_handler(signum)
        operating.stop_metrics()
