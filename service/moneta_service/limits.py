"""Explicit, configurable server limits, and the interceptor that enforces them before any work is done.

One bad request must never take the server down or slow it for everyone, so every dimension of a request that
drives memory or CPU has a limit an operator can set (``moneta serve --max-text-bytes`` ...):

=============================  ===============  ==================================  =============================
limit (:class:`ServerLimits`)  default          beyond it                           reason (``ErrorInfo``)
=============================  ===============  ==================================  =============================
``max_text_bytes``             1 MiB (UTF-8)    ``INVALID_ARGUMENT`` (stream: that  ``TEXT_TOO_LONG``
                                                document's ``error``)
``max_message_bytes``          16 MiB           ``RESOURCE_EXHAUSTED`` (gRPC core,  (none: gRPC's own message
                                                before the message is decoded)      "Received message larger
                                                                                    than max (N vs. M)")
``max_targets``                64               ``INVALID_ARGUMENT``                ``TOO_MANY_TARGETS``
``max_documents_per_message``  1000             ``INVALID_ARGUMENT`` (ends stream)  ``TOO_MANY_DOCUMENTS``
``max_concurrent_calls``       1000             ``RESOURCE_EXHAUSTED``              ``TOO_MANY_CALLS``
=============================  ===============  ==================================  =============================

``max_concurrent_calls`` counts moneta's own calls only: health checks and reflection are always answered (a busy
server must not fail its liveness probe). gRPC core's own limit is set :data:`CONTROL_HEADROOM` calls above it,
as a backstop.

Every limit is at most :data:`MAX_LIMIT` (gRPC takes them as C ``int``). Every message names the limit and its
value, and ``ErrorInfo.metadata`` repeats them (``limit``, ``size``...), so a caller can split a text or a batch
without guessing. The checks run in :class:`LimitsInterceptor` (a ``grpc.aio`` server interceptor) before the
servicer sees the request; the per-document text limit of ``StreamExtractAmounts`` is checked by
:mod:`moneta_service.streaming` with the same :func:`check_text`, reading :func:`current_limits`, which the
interceptor sets for the duration of each call. The interceptor also refuses request bytes that are not a valid
protobuf message of the method's type (corrupt wire format, a string field that is not UTF-8):
``INVALID_ARGUMENT``, reason ``MALFORMED_REQUEST``, message ``request is not a valid
moneta.v1.ExtractAmountsRequest: String field had bad UTF-8`` (gRPC alone would answer ``UNKNOWN`` with a Python
class name and log a traceback).
"""

from __future__ import annotations

import contextvars
import dataclasses
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any

import grpc

from moneta_service._interceptors import (
    HandlerCache,
    ServerInterceptor,
    UndecodableRequest,
    lenient_deserializer,
    replace_behavior,
)

__all__ = [
    "DEFAULT_LIMITS",
    "MAX_LIMIT",
    "LimitsInterceptor",
    "ServerLimits",
    "check_documents",
    "check_targets",
    "check_text",
    "current_limits",
]

_MiB = 1 << 20

#: The largest value of any limit: gRPC takes sizes and counts as C ``int`` (2**31 - 1).
MAX_LIMIT = (1 << 31) - 1
#: Calls beyond ``max_concurrent_calls`` that gRPC core still admits, for health checks and reflection.
CONTROL_HEADROOM = 64

_log = logging.getLogger("moneta_service.server")


@dataclasses.dataclass(frozen=True, slots=True)
class ServerLimits:
    """The limits one server enforces (all counts are per request message).

    :param max_text_bytes: the largest text of one ``ExtractAmounts`` request or one streamed document, in
        UTF-8 bytes (default 1 MiB).
    :param max_message_bytes: the largest request message gRPC accepts, in bytes on the wire (default 16 MiB;
        a stream message carries many documents).
    :param max_targets: the most ``target_currency_codes`` in one request message (default 64).
    :param max_documents_per_message: the most documents in one ``StreamExtractAmounts`` request message
        (default 1000).
    :param max_concurrent_calls: calls served at once before new ones get ``RESOURCE_EXHAUSTED`` (default 1000;
        ``None``: no limit).
    :raises ValueError: a limit that is not a positive integer of at most :data:`MAX_LIMIT`.
    """

    max_text_bytes: int = _MiB
    max_message_bytes: int = 16 * _MiB
    max_targets: int = 64
    max_documents_per_message: int = 1000
    max_concurrent_calls: int | None = 1000

    def __post_init__(self) -> None:
        for field in dataclasses.fields(self):
            value = getattr(self, field.name)
            if value is None and field.name == "max_concurrent_calls":
                continue
            if not isinstance(value, int) or isinstance(value, bool) or value < 1:
                raise ValueError(f"{field.name} must be a positive integer, got {value!r}")
            if value > MAX_LIMIT:
                raise ValueError(f"{field.name} must be at most {MAX_LIMIT}, got {value}")

    def grpc_options(self) -> list[tuple[str, Any]]:
        """Return the gRPC server channel arguments that enforce :attr:`max_message_bytes`.

        >>> ServerLimits(max_message_bytes=1024).grpc_options()
        [('grpc.max_receive_message_length', 1024)]
        """
        return [("grpc.max_receive_message_length", self.max_message_bytes)]


#: The limits of a server started without any (the values documented above).
DEFAULT_LIMITS = ServerLimits()

_CURRENT: contextvars.ContextVar[ServerLimits] = contextvars.ContextVar(
    "moneta_limits", default=DEFAULT_LIMITS
)


def current_limits() -> ServerLimits:
    """Return the limits of the call being served (:data:`DEFAULT_LIMITS` outside a call).

    The interceptor sets them per call; worker threads started with ``asyncio.to_thread`` inherit them.
    """
    return _CURRENT.get()


def _error(reason: str, message: str, metadata: dict[str, str], field: str) -> Exception:
    from moneta_service.errors import ServiceError

    return ServiceError(grpc.StatusCode.INVALID_ARGUMENT, reason, message, metadata, field)


def check_text(text: str, field: str, limits: ServerLimits | None = None) -> None:
    """Refuse a text longer than ``limits.max_text_bytes`` UTF-8 bytes.

    :param field: the request field named in the error (``text``, ``documents[3].text``).
    :raises moneta_service.errors.ServiceError: ``INVALID_ARGUMENT``, reason ``TEXT_TOO_LONG``, metadata
        ``field``, ``size`` and ``limit``.
    """
    limit = (limits or current_limits()).max_text_bytes
    if len(text) <= limit // 4:  # at most 4 bytes per code point: no need to encode
        return
    size = len(text.encode("utf-8", "surrogatepass"))
    if size > limit:
        raise _error(
            "TEXT_TOO_LONG",
            f"{field} is {size} UTF-8 bytes, more than the server's limit of {limit} (max_text_bytes)",
            {"field": field, "size": str(size), "limit": str(limit)},
            field,
        )


def check_targets(count: int, limits: ServerLimits | None = None) -> None:
    """Refuse more than ``limits.max_targets`` target currencies in one request.

    :raises moneta_service.errors.ServiceError: ``INVALID_ARGUMENT``, reason ``TOO_MANY_TARGETS``.
    """
    limit = (limits or current_limits()).max_targets
    if count > limit:
        raise _error(
            "TOO_MANY_TARGETS",
            f"target_currency_codes has {count} codes, more than the server's limit of {limit} (max_targets)",
            {"field": "target_currency_codes", "count": str(count), "limit": str(limit)},
            "target_currency_codes",
        )


def check_documents(count: int, limits: ServerLimits | None = None) -> None:
    """Refuse more than ``limits.max_documents_per_message`` documents in one stream request message.

    :raises moneta_service.errors.ServiceError: ``INVALID_ARGUMENT``, reason ``TOO_MANY_DOCUMENTS``.
    """
    limit = (limits or current_limits()).max_documents_per_message
    if count > limit:
        raise _error(
            "TOO_MANY_DOCUMENTS",
            f"a request message carries {count} documents, more than the server's limit of {limit} "
            "(max_documents_per_message)",
            {"field": "documents", "count": str(count), "limit": str(limit)},
            "documents",
        )


def _malformed(request: UndecodableRequest) -> Exception:
    """The error for bytes that are no request message: ``ErrorInfo`` metadata ``messageType`` and ``problem``
    (lowerCamel, as every metadata key: AIP-193), and, as for every ``INVALID_ARGUMENT``, a ``BadRequest``: its one
    violation has an empty ``field``, the request as a whole (protobuf does not say which field was bad)."""
    from moneta_service.errors import ServiceError

    return ServiceError(
        grpc.StatusCode.INVALID_ARGUMENT,
        "MALFORMED_REQUEST",
        request.message,
        {"messageType": request.message_type, "problem": request.problem},
        field="",
    )


def _check_request(method: str, request: Any, limits: ServerLimits) -> None:
    """Check one request message of ``method``: that it decoded, and against ``limits``.

    :raises moneta_service.errors.ServiceError: ``MALFORMED_REQUEST`` (logged as a warning: a broken client),
        or a limit's reason.
    """
    if isinstance(request, UndecodableRequest):
        _log.warning("%s: %s", method, request.message)
        raise _malformed(request)
    name = method.rsplit("/", 1)[-1]
    if name == "ExtractAmounts":
        check_targets(len(request.target_currency_codes), limits)
        check_text(request.text, "text", limits)
    elif name == "StreamExtractAmounts":
        check_targets(len(request.target_currency_codes), limits)
        check_documents(len(request.documents), limits)


def _nothing() -> None:
    """The release of a call that was not admitted."""


async def _abort(context: grpc.aio.ServicerContext[Any, Any], exc: Exception) -> None:
    from moneta_service.errors import abort_with  # imported late: errors imports the pipeline

    await abort_with(context, exc)


class LimitsInterceptor(ServerInterceptor):
    """A ``grpc.aio`` server interceptor that checks every moneta request message before the servicer sees it.

    * Malformed bytes (corrupt protobuf, a string field that is not UTF-8): ``INVALID_ARGUMENT``, reason
      ``MALFORMED_REQUEST``, message ``request is not a valid moneta.v1.ExtractAmountsRequest: ...`` (the
      handler's deserializer is wrapped with :func:`~moneta_service._interceptors.lenient_deserializer`; a
      warning is logged, without traceback). In a stream the call ends there.
    * Beyond a limit: ``INVALID_ARGUMENT`` with the rich status of :mod:`moneta_service.errors`.

    It also makes ``limits`` the :func:`current_limits` of the call.
    """

    def __init__(self, limits: ServerLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits
        self._lenient: dict[Any, Callable[[bytes], Any]] = {}
        self._handlers = HandlerCache()  # each method's checking handler, built once
        self._in_flight = 0  # moneta calls now served (all on the server's event loop: no lock needed)

    def _admit(
        self, context: grpc.aio.ServicerContext[Any, Any]
    ) -> tuple[Exception | None, Callable[[], None]]:
        """Count one more call in flight, or return the error for a call beyond ``max_concurrent_calls``.

        :return: the error (``None``: admitted) and the function that gives the call's place back. It is called
            by the handler's ``finally`` and by the call's done callback, whichever comes first (only once): a
            streaming handler whose generator gRPC stops driving (client gone, deadline passed, a write that
            failed) may never reach its ``finally`` until garbage collection, and must not keep its place.
        """
        limit = self.limits.max_concurrent_calls
        if limit is not None and self._in_flight >= limit:
            from moneta_service.errors import ServiceError

            return ServiceError(
                grpc.StatusCode.RESOURCE_EXHAUSTED,
                "TOO_MANY_CALLS",
                f"the server is serving {limit} calls at once, its limit (max_concurrent_calls): retry later",
                {"limit": str(limit)},
            ), _nothing
        self._in_flight += 1
        released = False

        def release() -> None:
            nonlocal released
            if not released:
                released = True
                self._in_flight -= 1

        add_done_callback = getattr(context, "add_done_callback", None)
        if add_done_callback is not None:
            add_done_callback(lambda _context: release())
        return None, release

    def _deserializer(self, handler: grpc.RpcMethodHandler[Any, Any]) -> Callable[[bytes], Any] | None:
        original = handler.request_deserializer
        if original is None:
            return None
        lenient = self._lenient.get(original)
        if lenient is None:
            lenient = self._lenient[original] = lenient_deserializer(original)
        return lenient

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any]]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any]:
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or not method.startswith("/moneta."):
            return handler
        return self._handlers.get(method, handler, self._wrap)

    def _wrap(self, method: str, handler: grpc.RpcMethodHandler[Any, Any]) -> grpc.RpcMethodHandler[Any, Any]:
        limits = self.limits
        deserializer = self._deserializer(handler)

        if handler.unary_unary is not None:
            inner_unary: Any = handler.unary_unary

            async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                _CURRENT.set(limits)
                refused, release = self._admit(context)
                if refused is not None:
                    await _abort(context, refused)
                try:
                    try:
                        _check_request(method, request, limits)
                    except Exception as exc:  # noqa: BLE001 - a ServiceError, reported as a rich status
                        await _abort(context, exc)
                    return await inner_unary(request, context)
                finally:
                    release()

            return replace_behavior(handler, unary, deserializer)
        if handler.stream_stream is not None:
            inner_stream: Any = handler.stream_stream

            async def stream(
                requests: AsyncIterator[Any], context: grpc.aio.ServicerContext[Any, Any]
            ) -> AsyncIterator[Any]:
                _CURRENT.set(limits)

                async def checked() -> AsyncIterator[Any]:
                    async for request in requests:
                        try:
                            _check_request(method, request, limits)
                        except Exception as exc:  # noqa: BLE001 - a ServiceError, reported as a rich status
                            await _abort(context, exc)
                        yield request

                refused, release = self._admit(context)
                if refused is not None:
                    await _abort(context, refused)
                try:
                    async for response in inner_stream(checked(), context):
                        yield response
                finally:
                    release()

            return replace_behavior(handler, stream, deserializer)
        return handler
