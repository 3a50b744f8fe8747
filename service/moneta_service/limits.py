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
``max_concurrent_calls``       1000             ``RESOURCE_EXHAUSTED`` (gRPC core)  (none)
=============================  ===============  ==================================  =============================

Every message names the limit and its value, and ``ErrorInfo.metadata`` repeats them (``limit``, ``size``...),
so a caller can split a text or a batch without guessing. The checks run in :class:`LimitsInterceptor` (a
``grpc.aio`` server interceptor) before the servicer decodes anything; the per-document text limit of
``StreamExtractAmounts`` is read by :mod:`moneta_service.streaming` through :func:`current_limits`, which the
interceptor sets for the duration of each call.
"""

from __future__ import annotations

import contextvars
import dataclasses
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any

import grpc

if TYPE_CHECKING:
    _ServerInterceptor = grpc.aio.ServerInterceptor[Any, Any]
else:  # not subscriptable at run time
    _ServerInterceptor = grpc.aio.ServerInterceptor

__all__ = [
    "DEFAULT_LIMITS",
    "LimitsInterceptor",
    "ServerLimits",
    "check_documents",
    "check_targets",
    "check_text",
    "current_limits",
]

_MiB = 1 << 20


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
    :raises ValueError: a limit that is not a positive integer.
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


def _check_request(method: str, request: Any, limits: ServerLimits) -> None:
    """Check one request message of ``method`` against ``limits`` (other methods: nothing to check)."""
    name = method.rsplit("/", 1)[-1]
    if name == "ExtractAmounts":
        check_targets(len(request.target_currency_codes), limits)
        check_text(request.text, "text", limits)
    elif name == "StreamExtractAmounts":
        check_targets(len(request.target_currency_codes), limits)
        check_documents(len(request.documents), limits)


async def _abort(context: grpc.aio.ServicerContext[Any, Any], exc: Exception) -> None:
    from grpc_status import rpc_status

    from moneta_service.errors import status_for

    rich = rpc_status.to_status(status_for(exc))
    await context.abort(rich.code, rich.details, rich.trailing_metadata)


class LimitsInterceptor(_ServerInterceptor):
    """A ``grpc.aio`` server interceptor that checks every moneta request message against ``limits``.

    It also makes ``limits`` the :func:`current_limits` of the call. Calls beyond a limit end with
    ``INVALID_ARGUMENT`` and the rich status of :mod:`moneta_service.errors` before the servicer runs.
    """

    def __init__(self, limits: ServerLimits = DEFAULT_LIMITS) -> None:
        self.limits = limits

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any]]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any]:
        handler = await continuation(handler_call_details)
        method = handler_call_details.method
        if handler is None or not method.startswith("/moneta."):
            return handler
        limits = self.limits
        from moneta_service._interceptors import replace_behavior

        if handler.unary_unary is not None:
            inner_unary: Any = handler.unary_unary

            async def unary(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
                _CURRENT.set(limits)
                try:
                    _check_request(method, request, limits)
                except Exception as exc:  # noqa: BLE001 - a ServiceError, reported as a rich status
                    await _abort(context, exc)
                return await inner_unary(request, context)

            return replace_behavior(handler, unary)
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

                async for response in inner_stream(checked(), context):
                    yield response

            return replace_behavior(handler, stream)
        return handler
