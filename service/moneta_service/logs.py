"""Structured logs: one JSON object per line, and one access-log record per call.

:func:`configure_logging` (``moneta serve``) makes every record of the process a JSON line on stderr::

    {"time": "2026-11-30T12:40:01.123Z", "level": "INFO", "logger": "moneta_service.access",
     "message": "ExtractAmounts OK", "request_id": "5f0c…", "method": "/moneta.v1.MonetaService/ExtractAmounts",
     "duration_ms": 12.4, "status_code": "OK", "peer": "ipv4:127.0.0.1:50312", "mentions": 3}

:class:`AccessLog` writes that record when each call ends (logger ``moneta_service.access``, level INFO for
moneta's own methods, DEBUG for health checks and reflection). It never contains the article text, the
mentions or any amount: only sizes and counts. With ``--log-debug-payloads`` (``AccessLog(payloads=True)``)
the request and response messages are added as protobuf JSON, for debugging only.

Records logged by the server while a call runs (error messages, tracebacks) carry the call's ``request_id``
too.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import sys
from typing import Any, TextIO

from moneta_service._interceptors import CallRecord, UndecodableRequest, current_request_id

__all__ = ["ACCESS_LOGGER", "AccessLog", "JsonFormatter", "configure_logging"]

#: The logger of the one-record-per-call access log.
ACCESS_LOGGER = "moneta_service.access"

_QUIET_SERVICES = ("/grpc.health.v1.", "/grpc.reflection.")
_STANDARD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {
    "message",
    "asctime",
}


class JsonFormatter(logging.Formatter):
    """Format a record as one line of JSON: ``time`` (UTC, ISO 8601, ms), ``level``, ``logger``, ``message``,
    ``request_id`` (inside a call), every ``extra=`` field, and ``exc_info`` (the traceback as one string).

    >>> record = logging.LogRecord("moneta", logging.INFO, "", 0, "ready", None, None)
    >>> sorted(json.loads(JsonFormatter().format(record)))
    ['level', 'logger', 'message', 'time']
    """

    def format(self, record: logging.LogRecord) -> str:
        """Return ``record`` as one JSON line (no newline inside: tracebacks are escaped)."""
        stamp = dt.datetime.fromtimestamp(record.created, tz=dt.UTC)
        entry: dict[str, Any] = {
            "time": stamp.strftime("%Y-%m-%dT%H:%M:%S.") + f"{stamp.microsecond // 1000:03d}Z",
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        request_id = getattr(record, "request_id", None) or current_request_id()
        if request_id is not None:
            entry["request_id"] = request_id
        for key, value in vars(record).items():
            if key not in _STANDARD_ATTRIBUTES and key not in entry:
                entry[key] = value
        if record.exc_info:
            entry["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str, separators=(",", ":"))


def configure_logging(level: int | str = logging.WARNING, stream: TextIO | None = None) -> None:
    """Send every log record of the process to ``stream`` (default stderr) as JSON lines, at ``level`` and up.

    Replaces the root logger's handlers. ``level`` ``INFO`` turns the access log on (one line per call).
    """
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(_not_a_shutdown_cancellation)
    root = logging.getLogger()
    for old in list(root.handlers):
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(level.upper() if isinstance(level, str) else level)


def _not_a_shutdown_cancellation(record: logging.LogRecord) -> bool:
    """Whether to keep ``record``: grpcio's own "Exception not handled by _handle_exceptions" record for a call
    cancelled while the server stops (an ``asyncio.CancelledError``, whose traceback says nothing an operator
    can act on: the call ends UNAVAILABLE and the access log has it) is dropped; every other record is kept."""
    exc = record.exc_info[1] if record.exc_info else None
    return not (record.name.startswith("grpc") and isinstance(exc, asyncio.CancelledError))


def _payload(message: Any) -> Any:
    from google.protobuf import json_format

    if isinstance(message, UndecodableRequest):  # bytes that did not parse: say so, the bytes are not kept
        return {"undecodable": message.message}
    return json_format.MessageToDict(message)


class AccessLog:
    """An observer of :class:`moneta_service._interceptors.ObservingInterceptor`: one record per call.

    :param payloads: add the request and response messages (``request``, ``response``: lists of protobuf
        JSON objects). Off by default: they hold the article text and the amounts.
    :param logger: the logger written to (default :data:`ACCESS_LOGGER`).
    """

    def __init__(self, *, payloads: bool = False, logger: logging.Logger | None = None) -> None:
        self.keep_payloads = payloads
        self.counts_statuses = False  # the conversion statuses are logged when metrics count them anyway
        self.logger = logger or logging.getLogger(ACCESS_LOGGER)

    def call_started(self, record: CallRecord) -> None:
        """Nothing to log at the start: one record per call, at its end."""

    def call_finished(self, record: CallRecord) -> None:
        """Log ``record``: method, request id, duration (ms), status code, peer, and counts (mentions, documents;
        conversion statuses when the metrics count them)."""
        quiet = record.method.startswith(_QUIET_SERVICES)
        level = logging.DEBUG if quiet and record.code == "OK" else logging.INFO
        if not self.logger.isEnabledFor(level):
            return
        extra: dict[str, Any] = {
            "request_id": record.request_id,
            "method": record.method,
            "duration_ms": round(record.duration_ms, 3),
            "status_code": record.code,
            "peer": record.peer,
        }
        if record.mentions or record.method.endswith("ExtractAmounts"):
            extra["mentions"] = record.mentions
        if record.documents:
            extra["documents"] = record.documents
        if record.conversions:
            extra["conversions"] = dict(record.conversions)
        if self.keep_payloads:
            extra["request"] = [_payload(m) for m in record.requests]
            extra["response"] = [_payload(m) for m in record.responses]
        self.logger.log(level, "%s %s", record.method.rsplit("/", 1)[-1], record.code, extra=extra)
