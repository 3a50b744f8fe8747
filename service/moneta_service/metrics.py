"""Prometheus metrics for operators (``moneta serve --metrics-port N``; off by default).

Needs the ``metrics`` extra (``pip install '.[metrics]'`` in the moneta checkout: prometheus-client), imported only when metrics
are turned on. The series, all prefixed ``moneta_``:

==========================================  =========  =====================================================
series                                      type       labels
==========================================  =========  =====================================================
``moneta_rpc_requests_total``               counter    ``method`` (``ExtractAmounts``...), ``code`` (``OK``...)
``moneta_rpc_duration_seconds``             histogram  ``method``, ``code``
``moneta_rpc_in_flight``                    gauge      ``method``
``moneta_mentions_extracted_total``         counter    ``method``
``moneta_documents_total``                  counter    ``method`` (``StreamExtractAmounts`` documents)
``moneta_conversions_total``                counter    ``status`` (``ok``, ``no_rate_for_date``...)
``moneta_workers_interrupted_total``        counter    (none): running extractions stopped because their call
                                                       was cancelled (deadline passed, client gone)
==========================================  =========  =====================================================

Each :class:`Metrics` has its own ``CollectorRegistry`` (two servers in one process do not mix their series),
served over HTTP by :meth:`Metrics.serve` on its own port (``GET /metrics``, the Prometheus text format).
"""

from __future__ import annotations

from typing import Any

from moneta_service._interceptors import CallRecord

__all__ = ["LATENCY_BUCKETS", "Metrics", "MetricsUnavailableError"]

#: Histogram buckets of ``moneta_rpc_duration_seconds``, in seconds (1 ms to 60 s).
LATENCY_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class MetricsUnavailableError(RuntimeError):
    """prometheus-client is not installed (the ``metrics`` extra)."""


def _short(method: str) -> str:
    return method.rsplit("/", 1)[-1]


class _InterruptionsCollector:
    """Exposes :func:`moneta_service.deadlines.interrupted_count` as a counter (process-wide)."""

    def collect(self) -> Any:
        from prometheus_client.core import CounterMetricFamily

        from moneta_service.deadlines import interrupted_count

        family = CounterMetricFamily(
            "moneta_workers_interrupted",
            "Running extractions interrupted because their call was cancelled (deadline passed, client gone).",
        )
        family.add_metric([], interrupted_count())
        yield family


class Metrics:
    """The metrics of one server; an observer of :class:`moneta_service._interceptors.ObservingInterceptor`.

    :raises MetricsUnavailableError: prometheus-client is not installed.
    """

    keep_payloads = False
    counts_statuses = True

    def __init__(self) -> None:
        try:
            import prometheus_client as prom
        except ImportError:
            raise MetricsUnavailableError(
                "metrics need prometheus-client: pip install '.[metrics]' in the moneta checkout"
            ) from None
        self.registry = prom.CollectorRegistry()
        self.requests = prom.Counter(
            "moneta_rpc_requests", "Calls served, by method and status code.", ["method", "code"],
            registry=self.registry,
        )  # fmt: skip
        self.duration = prom.Histogram(
            "moneta_rpc_duration_seconds", "Call latency in seconds, by method and status code.",
            ["method", "code"], buckets=LATENCY_BUCKETS, registry=self.registry,
        )  # fmt: skip
        self.in_flight = prom.Gauge(
            "moneta_rpc_in_flight", "Calls being served now, by method.", ["method"], registry=self.registry
        )
        self.mentions = prom.Counter(
            "moneta_mentions_extracted", "Mentions returned to callers, by method.", ["method"],
            registry=self.registry,
        )  # fmt: skip
        self.documents = prom.Counter(
            "moneta_documents", "Streamed documents answered, by method.", ["method"], registry=self.registry
        )
        self.conversions = prom.Counter(
            "moneta_conversions", "Conversions returned, by conversion status.", ["status"],
            registry=self.registry,
        )  # fmt: skip
        self.registry.register(_InterruptionsCollector())
        self._http: Any = None

    def call_started(self, record: CallRecord) -> None:
        """Count the call in flight."""
        self.in_flight.labels(_short(record.method)).inc()

    def call_finished(self, record: CallRecord) -> None:
        """Count the call, its latency, mentions, documents and conversion statuses."""
        method = _short(record.method)
        self.in_flight.labels(method).dec()
        self.requests.labels(method, record.code).inc()
        self.duration.labels(method, record.code).observe(record.duration_ms / 1000.0)
        if record.mentions:
            self.mentions.labels(method).inc(record.mentions)
        if record.documents:
            self.documents.labels(method).inc(record.documents)
        for status, count in record.conversions.items():
            self.conversions.labels(status).inc(count)

    def exposition(self) -> str:
        """Return the current metrics in the Prometheus text format (what ``GET /metrics`` serves)."""
        import prometheus_client as prom

        text: bytes = prom.generate_latest(self.registry)
        return text.decode("utf-8")

    def serve(self, port: int, host: str = "127.0.0.1") -> int:
        """Serve ``GET /metrics`` over HTTP on ``host:port`` from a daemon thread; return the bound port.

        :param port: the port; 0 picks a free one.
        :raises OSError: the address cannot be bound.
        """
        import prometheus_client as prom

        server, _thread = prom.start_http_server(port, addr=host, registry=self.registry)
        self._http = server
        bound: int = server.server_address[1]
        return bound

    def close(self) -> None:
        """Stop the HTTP endpoint (if :meth:`serve` started one)."""
        if self._http is not None:
            self._http.shutdown()
            self._http.server_close()
            self._http = None
