"""How a moneta server is operated: its limits, TLS, logs and metrics, in one object the server is built with.

:func:`moneta_service.server.create_server` takes an :class:`Operating` (default: the documented limits, no
TLS, access log at INFO on logger ``moneta_service.access``, no metrics) and uses it for three things:

* :meth:`Operating.server_kwargs`: the ``grpc.aio.server`` arguments (message size option, maximum concurrent
  calls, and the interceptors: :class:`~moneta_service._interceptors.ObservingInterceptor` for logs and metrics
  outermost, :class:`~moneta_service.limits.LimitsInterceptor` inside it);
* :meth:`Operating.bind`: a TLS (or mutual TLS) port when :attr:`tls` is set, a plaintext one otherwise;
* :meth:`Operating.start_metrics`: the Prometheus endpoint when :attr:`metrics_port` is set.

``moneta serve`` builds one from its flags (declared in :mod:`moneta.cli._operating`) with :func:`from_args`.
"""

from __future__ import annotations

import argparse
import dataclasses
import logging
from collections.abc import Sequence
from typing import Any

import grpc

from moneta_service._interceptors import CallObserver, ObservingInterceptor
from moneta_service.limits import CONTROL_HEADROOM, DEFAULT_LIMITS, MAX_LIMIT, LimitsInterceptor, ServerLimits
from moneta_service.logs import AccessLog
from moneta_service.tls import ServerTLS

__all__ = ["Operating", "from_args"]

_log = logging.getLogger("moneta_service.server")


@dataclasses.dataclass(slots=True)
class Operating:
    """The operational settings of one server.

    :param limits: the request limits (:class:`~moneta_service.limits.ServerLimits`).
    :param tls: TLS or mutual TLS; ``None``: plaintext.
    :param log_payloads: put request and response messages (article text, amounts) in the access log.
    :param metrics_port: serve Prometheus metrics on this port (0: a free one); ``None``: no metrics.
    :param metrics_host: the address of the metrics endpoint.
    :ivar metrics: the :class:`~moneta_service.metrics.Metrics` once built (``metrics_port`` set).
    :ivar bound_metrics_port: the metrics endpoint's port once started.
    """

    limits: ServerLimits = DEFAULT_LIMITS
    tls: ServerTLS | None = None
    log_payloads: bool = False
    metrics_port: int | None = None
    metrics_host: str = "127.0.0.1"
    metrics: Any = None
    bound_metrics_port: int | None = None

    def observers(self) -> list[CallObserver]:
        """Return the call observers: the access log, and the metrics if enabled (built on first use).

        :raises moneta_service.metrics.MetricsUnavailableError: metrics asked for without prometheus-client.
        """
        observers: list[CallObserver] = [AccessLog(payloads=self.log_payloads)]
        if self.metrics_port is not None:
            if self.metrics is None:
                from moneta_service.metrics import Metrics

                self.metrics = Metrics()
            observers.append(self.metrics)
        return observers

    def server_kwargs(self, options: Sequence[tuple[str, Any]] = ()) -> dict[str, Any]:
        """Return the keyword arguments of ``grpc.aio.server``; ``options`` are added after the limits'."""
        return {
            "options": [*self.limits.grpc_options(), *options],
            "interceptors": [ObservingInterceptor(self.observers()), LimitsInterceptor(self.limits)],
            # moneta's calls are limited by LimitsInterceptor; gRPC core's limit leaves room for health checks
            "maximum_concurrent_rpcs": (
                None
                if self.limits.max_concurrent_calls is None
                else min(MAX_LIMIT, self.limits.max_concurrent_calls + CONTROL_HEADROOM)
            ),
        }

    def bind(self, grpc_server: grpc.aio.Server, address: str) -> int:
        """Add the listening port (TLS when :attr:`tls` is set) and return it (0 if binding failed).

        :raises moneta.tls.TLSConfigError: a TLS file is missing or not PEM.
        """
        if self.tls is None:
            return grpc_server.add_insecure_port(address)
        return grpc_server.add_secure_port(address, self.tls.credentials())

    def start_metrics(self) -> int | None:
        """Start the metrics endpoint if enabled; return its port.

        :raises OSError: its address cannot be bound.
        """
        if self.metrics_port is None or self.bound_metrics_port is not None:
            return self.bound_metrics_port
        if self.metrics is None:
            self.observers()
        self.bound_metrics_port = self.metrics.serve(self.metrics_port, self.metrics_host)
        _log.info("metrics on http://%s:%d/metrics", self.metrics_host, self.bound_metrics_port)
        return self.bound_metrics_port

    def stop_metrics(self) -> None:
        """Stop the metrics endpoint, if started."""
        if self.metrics is not None:
            self.metrics.close()
            self.bound_metrics_port = None


def from_args(args: argparse.Namespace) -> Operating:
    """Build an :class:`Operating` from ``moneta serve``'s flags (:mod:`moneta.cli._operating`).

    A limit flag left out (``None``) keeps its default (:data:`~moneta_service.limits.DEFAULT_LIMITS`).

    :raises ValueError: ``--tls-key`` without ``--tls-cert`` (or the reverse), or ``--tls-client-ca`` alone.
    """
    if (args.tls_cert is None) != (args.tls_key is None):
        raise ValueError("--tls-cert and --tls-key go together")
    if args.tls_client_ca is not None and args.tls_cert is None:
        raise ValueError("--tls-client-ca needs --tls-cert and --tls-key (mutual TLS is TLS first)")
    tls = ServerTLS(args.tls_cert, args.tls_key, args.tls_client_ca) if args.tls_cert is not None else None
    given: dict[str, Any] = {
        field.name: getattr(args, field.name, None)
        for field in dataclasses.fields(ServerLimits)
        if getattr(args, field.name, None) is not None
    }
    limits = ServerLimits(**given)
    return Operating(
        limits=limits,
        tls=tls,
        log_payloads=args.log_debug_payloads,
        metrics_port=args.metrics_port,
        metrics_host=args.metrics_host or getattr(args, "host", None) or "127.0.0.1",
    )
