"""The plumbing shared by moneta's ``grpc.aio`` server interceptors: re-wrapping a handler's behaviour, and one
observing interceptor that measures every call (method, request id, duration, status code, mentions) for the
structured logs (:mod:`moneta_service.logs`) and the Prometheus metrics (:mod:`moneta_service.metrics`).

A handler's behaviour comes in two shapes in ``grpc.aio``: a coroutine function (unary responses, or streaming
responses written with ``context.write``) and an async generator function (streaming responses yielded). A
wrapper must keep the shape, so :func:`replace_behavior` is given a wrapper of the right one.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import contextvars
import dataclasses
import inspect
import re
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

import grpc

#: The base class of moneta's ``grpc.aio`` server interceptors: ``grpc.aio.ServerInterceptor``, parametrised
#: for the type checker only (it is not subscriptable at run time).
if TYPE_CHECKING:
    ServerInterceptor = grpc.aio.ServerInterceptor[Any, Any]
else:
    ServerInterceptor = grpc.aio.ServerInterceptor

__all__ = [
    "REQUEST_ID_METADATA_KEY",
    "CallObserver",
    "CallRecord",
    "HandlerCache",
    "ObservingInterceptor",
    "ServerInterceptor",
    "UndecodableRequest",
    "current_request_id",
    "lenient_deserializer",
    "replace_behavior",
]

#: The metadata key a caller may set to choose the request id (echoed in the response's initial metadata).
REQUEST_ID_METADATA_KEY = "x-request-id"

_REQUEST_ID = contextvars.ContextVar[str | None]("moneta_request_id", default=None)
_REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._:-]{1,64}")


def current_request_id() -> str | None:
    """Return the request id of the call being served in this context (``None`` outside a call)."""
    return _REQUEST_ID.get()


def replace_behavior(
    handler: grpc.RpcMethodHandler[Any, Any],
    behavior: Callable[..., Any],
    request_deserializer: Callable[[bytes], Any] | None = None,
) -> grpc.RpcMethodHandler[Any, Any]:
    """Return a copy of ``handler`` (same kind, same (de)serializers) whose behaviour is ``behavior``.

    :param request_deserializer: replaces the handler's own (e.g. :func:`lenient_deserializer` of it).
    """
    kind = (
        "unary_unary"
        if handler.unary_unary is not None
        else "unary_stream"
        if handler.unary_stream is not None
        else "stream_unary"
        if handler.stream_unary is not None
        else "stream_stream"
    )
    factory = getattr(grpc, f"{kind}_rpc_method_handler")
    new: grpc.RpcMethodHandler[Any, Any] = factory(
        behavior,
        request_deserializer=request_deserializer or handler.request_deserializer,
        response_serializer=handler.response_serializer,
    )
    return new


class HandlerCache:
    """The wrapped handler of each method, built once and reused while the inner handler stays the same object.

    ``grpc.aio`` runs every interceptor's ``intercept_service`` on every call; a registered method's handler is
    the same object each time, so its wrapper (closures, a new ``RpcMethodHandler``) need not be rebuilt per
    call. Only methods the server serves are kept (an unknown method has no handler), so the cache is bounded.
    """

    def __init__(self) -> None:
        self._by_method: dict[str, tuple[Any, grpc.RpcMethodHandler[Any, Any]]] = {}

    def get(
        self,
        method: str,
        handler: grpc.RpcMethodHandler[Any, Any],
        wrap: Callable[[str, grpc.RpcMethodHandler[Any, Any]], grpc.RpcMethodHandler[Any, Any]],
    ) -> grpc.RpcMethodHandler[Any, Any]:
        """Return ``wrap(method, handler)``, built on the first call for ``method`` (or when its handler changed)."""
        cached = self._by_method.get(method)
        if cached is not None and cached[0] is handler:
            return cached[1]
        wrapped = wrap(method, handler)
        self._by_method[method] = (handler, wrapped)
        return wrapped


_PARSE_PREFIX = re.compile(r"^Error parsing message(?: with type '[^']*')?:?\s*")


@dataclasses.dataclass(frozen=True, slots=True)
class UndecodableRequest:
    """Stands for a request message whose bytes do not parse as its protobuf type (see :func:`lenient_deserializer`).

    :ivar message_type: the full protobuf name of the expected message (``moneta.v1.ExtractAmountsRequest``).
    :ivar problem: what protobuf found wrong, without Python class names (``String field had bad UTF-8``).
    """

    message_type: str
    problem: str

    @property
    def message(self) -> str:
        """One line for the caller: ``request is not a valid moneta.v1.ExtractAmountsRequest: <problem>``."""
        return f"request is not a valid {self.message_type}: {self.problem}"


def lenient_deserializer(deserializer: Callable[[bytes], Any]) -> Callable[[bytes], Any]:
    """Wrap a gRPC request deserializer (``pb.Message.FromString``) so that malformed bytes give an
    :class:`UndecodableRequest` instead of raising.

    gRPC turns an exception raised while decoding into ``UNKNOWN`` with the exception's class in the message
    (and logs a traceback); with this wrapper the handler receives the marker and can end the call with
    ``INVALID_ARGUMENT`` and a clean message (:class:`moneta_service.limits.LimitsInterceptor` does).
    Malformed means: protobuf's ``DecodeError`` (corrupt wire format, a string field that is not UTF-8) or a
    ``ValueError`` raised while decoding (the pure-Python protobuf's ``UnicodeDecodeError``).
    """
    from google.protobuf.message import DecodeError

    owner = getattr(deserializer, "__self__", None)
    descriptor = getattr(owner, "DESCRIPTOR", None)
    message_type = str(getattr(descriptor, "full_name", "") or "request message")

    def deserialize(data: bytes) -> Any:
        try:
            return deserializer(data)
        except (DecodeError, ValueError) as exc:
            problem = _PARSE_PREFIX.sub("", str(exc).splitlines()[0] if str(exc) else "").strip()
            return UndecodableRequest(message_type, problem or "malformed protobuf")

    return deserialize


@dataclasses.dataclass(slots=True)
class CallRecord:
    """What one served call did; given to every :class:`CallObserver`.

    :ivar method: the full method name, ``/moneta.v1.MonetaService/ExtractAmounts``.
    :ivar request_id: the caller's ``x-request-id`` (if well-formed) or a fresh UUID4 hex.
    :ivar peer: the caller's address as gRPC gives it (``ipv4:127.0.0.1:50312``).
    :ivar started: ``time.monotonic()`` at the start.
    :ivar duration_ms: milliseconds from the start to the end (set at the end).
    :ivar code: the final status code name (``OK``, ``INVALID_ARGUMENT``, ``DEADLINE_EXCEEDED``...).
    :ivar mentions: mentions returned (``ExtractAmounts``, ``StreamExtractAmounts``).
    :ivar documents: documents answered (``StreamExtractAmounts``).
    :ivar conversions: conversion statuses returned, counted (``ok``, ``no_rate_for_date``...).
    :ivar requests: the request messages (kept only when payload logging is on).
    :ivar responses: the response messages (kept only when payload logging is on).
    :ivar ended: the observers were told the call ended (they are told once).
    """

    method: str
    request_id: str
    peer: str
    started: float
    duration_ms: float = 0.0
    code: str = "OK"
    mentions: int = 0
    documents: int = 0
    conversions: collections.Counter[str] = dataclasses.field(default_factory=collections.Counter)
    requests: list[Any] = dataclasses.field(default_factory=list)
    responses: list[Any] = dataclasses.field(default_factory=list)
    ended: bool = False


@dataclasses.dataclass(slots=True)
class _Unread:
    """A unary call whose handler has not been called yet (see :meth:`ObservingInterceptor.intercept_service`)."""

    details: grpc.HandlerCallDetails
    started: float = dataclasses.field(default_factory=time.monotonic)
    reached: bool = False


_UNREAD = contextvars.ContextVar[_Unread | None]("moneta_unread_call", default=None)


class CallObserver(Protocol):
    """Told when a call starts and ends (implementations must be quick and must not raise)."""

    #: keep request and response messages on the record (payload logging)
    keep_payloads: bool
    #: count conversion statuses on the record (a pass over every conversion: metrics only)
    counts_statuses: bool

    def call_started(self, record: CallRecord) -> None:
        """A call was accepted and is about to run."""

    def call_finished(self, record: CallRecord) -> None:
        """A call ended (``record.code`` and ``record.duration_ms`` are set)."""


_STATUS_PREFIX = "CONVERSION_STATUS_"


def _status_name(number: int) -> str:
    from moneta.v1 import moneta_pb2

    value = moneta_pb2.ConversionStatus.DESCRIPTOR.values_by_number.get(number)
    return value.name.removeprefix(_STATUS_PREFIX).lower() if value is not None else str(number)


def _count_mentions(record: CallRecord, mentions: Sequence[Any], statuses: bool) -> None:
    record.mentions += len(mentions)
    if statuses:  # one pass over the conversions, on the event loop: only when someone (metrics) needs it
        counted = collections.Counter(c.status for m in mentions for c in m.conversions)
        for number, count in counted.items():
            record.conversions[_status_name(number)] += count


#: What a response type carries that is counted: ``"mentions"``, ``"results"`` (documents), ``"conversion"``
#: (``ConvertAmount``'s one conversion) or ``""`` (nothing).
_COUNTED_FIELD: dict[type, str] = {}


def _counted_field(kind: type) -> str:
    field = _COUNTED_FIELD.get(kind)
    if field is None:
        names = getattr(getattr(kind, "DESCRIPTOR", None), "fields_by_name", {})
        field = _COUNTED_FIELD[kind] = next(
            (n for n in ("mentions", "results", "conversion") if n in names), ""
        )
    return field


def _count(record: CallRecord, response: Any, statuses: bool = True) -> None:
    """Add the mentions (and, if ``statuses``, the conversion statuses) of one response message to ``record``."""
    field = _counted_field(type(response))
    if field == "mentions":
        _count_mentions(record, response.mentions, statuses)
    elif field == "results":
        record.documents += len(response.results)
        for result in response.results:
            _count_mentions(record, result.mentions, statuses)
    elif field == "conversion" and statuses and response.HasField("conversion"):
        record.conversions[_status_name(response.conversion.status)] += 1


#: Seconds a call whose request stream ended waits for a cancellation by gRPC core before it is recorded
#: (one turn of the event loop was measured to be enough, on an idle server).
_CANCELLATION_WAIT = 0.01

#: What ended a call whose handler did not end it itself (it was cancelled, or its generator abandoned).
_VANISHED = asyncio.CancelledError()


def _final_code(exc: BaseException | None, context: grpc.aio.ServicerContext[Any, Any]) -> str:
    if isinstance(exc, asyncio.CancelledError | GeneratorExit):
        remaining = context.time_remaining()
        return "DEADLINE_EXCEEDED" if remaining is not None and remaining <= 0 else "CANCELLED"
    try:
        code = context.code()
    except Exception:  # noqa: BLE001 - older grpc: no code() on aio contexts
        code = None
    if isinstance(code, grpc.StatusCode):
        return code.name
    if isinstance(code, int):
        for status in grpc.StatusCode:
            if status.value[0] == code:
                return status.name
    return "UNKNOWN" if exc is not None else "OK"


class ObservingInterceptor(ServerInterceptor):
    """Measures every call and tells ``observers``; gives each call a request id.

    The request id is the caller's ``x-request-id`` metadata when it is 1-64 characters of ``[A-Za-z0-9._:-]``,
    else a fresh UUID4 hex; it is sent back in the initial metadata (``x-request-id``) and is the
    :func:`current_request_id` of the call (the JSON log formatter adds it to every record logged meanwhile).
    """

    def __init__(self, observers: Sequence[CallObserver]) -> None:
        self.observers = tuple(observers)
        self.keep_payloads = any(o.keep_payloads for o in self.observers)
        self.count_statuses = any(getattr(o, "counts_statuses", False) for o in self.observers)
        self._handlers = HandlerCache()

    def _begin(
        self, method: str, request: Any, context: grpc.aio.ServicerContext[Any, Any], streaming_request: bool
    ) -> tuple[CallRecord, Any]:
        """Start the record of a call: choose its request id, tell the observers, and keep the request (or, for a
        request stream, wrap it to keep each message) when payloads are logged.

        Nothing here awaits: from the observers' ``call_started`` on, the caller is inside the ``try`` that ends
        the record, and the call's done callback ends it too (see :meth:`_end`), so a call cancelled at any
        point (client gone, deadline passed) is always counted as ended.

        :return: the record and the request to hand to the behaviour (the wrapper for a kept request stream).
        """
        given = dict(context.invocation_metadata() or ()).get(REQUEST_ID_METADATA_KEY)
        request_id = given if isinstance(given, str) and _REQUEST_ID_RE.fullmatch(given) else uuid.uuid4().hex
        _REQUEST_ID.set(request_id)
        record = CallRecord(method, request_id, context.peer() or "", time.monotonic())
        for observer in self.observers:
            observer.call_started(record)
        _when_done(context, lambda: self._end(record, _VANISHED, context))
        unread = _UNREAD.get()
        if unread is not None:  # the call reached its handler: see intercept_service
            unread.reached = True
        if self.keep_payloads:
            if streaming_request:
                request = self._requests(record, request)
            else:
                record.requests.append(request)
        return record, request

    def _end(
        self, record: CallRecord, exc: BaseException | None, context: grpc.aio.ServicerContext[Any, Any]
    ) -> None:
        """Tell the observers the call ended (once: the first of the handler's own end and the call's done
        callback; the callback covers a call whose handler never finished, e.g. a response generator left
        suspended when gRPC stopped reading it because the client vanished)."""
        if record.ended:
            return
        record.ended = True
        record.duration_ms = (time.monotonic() - record.started) * 1000.0
        record.code = _final_code(exc, context)
        for observer in self.observers:
            observer.call_finished(record)

    def _response(self, record: CallRecord, response: Any) -> None:
        if response is None:
            return
        _count(record, response, self.count_statuses)
        if self.keep_payloads:
            record.responses.append(response)

    async def intercept_service(
        self,
        continuation: Callable[[grpc.HandlerCallDetails], Awaitable[grpc.RpcMethodHandler[Any, Any]]],
        handler_call_details: grpc.HandlerCallDetails,
    ) -> grpc.RpcMethodHandler[Any, Any]:
        handler = await continuation(handler_call_details)
        if handler is None:
            return handler
        task = asyncio.current_task()
        if task is not None and not handler.request_streaming:
            # gRPC reads a unary request after the interceptors, and never calls the handler when there is none
            # to read: a message over max_message_bytes (gRPC core answers RESOURCE_EXHAUSTED), or a call
            # cancelled before its request arrived. Such a call still gets its record, when its task is done.
            unread = _Unread(handler_call_details)
            _UNREAD.set(unread)
            task.add_done_callback(lambda _task: self._unread_call_done(unread))
        return self._handlers.get(handler_call_details.method, handler, self._wrap)

    def _unread_call_done(self, unread: _Unread) -> None:
        if unread.reached:
            return
        details = unread.details
        given = dict(details.invocation_metadata or ()).get(REQUEST_ID_METADATA_KEY)
        request_id = given if isinstance(given, str) and _REQUEST_ID_RE.fullmatch(given) else uuid.uuid4().hex
        record = CallRecord(details.method, request_id, "", unread.started, code="CANCELLED", ended=True)
        record.duration_ms = (time.monotonic() - record.started) * 1000.0
        for observer in self.observers:
            observer.call_started(record)
        for observer in self.observers:
            observer.call_finished(record)

    def _wrap(self, method: str, handler: grpc.RpcMethodHandler[Any, Any]) -> grpc.RpcMethodHandler[Any, Any]:
        """Return ``handler`` with its behaviour observed (built once per method: :class:`HandlerCache`)."""
        behavior = (
            handler.unary_unary or handler.unary_stream or handler.stream_unary or handler.stream_stream
        )
        streaming_request = handler.request_streaming
        if inspect.isasyncgenfunction(behavior):
            return replace_behavior(handler, self._generator(method, behavior, streaming_request))
        if inspect.iscoroutinefunction(behavior):
            return replace_behavior(handler, self._coroutine(method, behavior, streaming_request))
        return handler  # a synchronous handler: not used by moneta

    def _requests(self, record: CallRecord, requests: AsyncIterator[Any]) -> AsyncIterator[Any]:
        async def kept() -> AsyncIterator[Any]:
            async for request in requests:
                record.requests.append(request)
                yield request

        return kept()

    def _coroutine(
        self, method: str, behavior: Callable[..., Awaitable[Any]], streaming_request: bool
    ) -> Callable[..., Awaitable[Any]]:
        async def observed(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> Any:
            record, request = self._begin(method, request, context, streaming_request)
            try:
                await _send_request_id(context, record.request_id)
                response = await behavior(request, context)
            except BaseException as exc:
                self._end(record, exc, context)
                raise
            self._response(record, response)
            self._end(record, None, context)
            return response

        return observed

    def _generator(
        self, method: str, behavior: Callable[..., AsyncIterator[Any]], streaming_request: bool
    ) -> Callable[..., AsyncIterator[Any]]:
        async def observed(request: Any, context: grpc.aio.ServicerContext[Any, Any]) -> AsyncIterator[Any]:
            record, request = self._begin(method, request, context, streaming_request)
            try:
                await _send_request_id(context, record.request_id)
                async for response in behavior(request, context):
                    self._response(record, response)
                    yield response
                if streaming_request:
                    # The requests also end when gRPC core cancels the call (a request message over
                    # max_message_bytes, answered RESOURCE_EXHAUSTED; the client gone): its cancellation comes
                    # with the end of the requests or just after it, and is given a moment
                    # (_CANCELLATION_WAIT) to reach this call before it is recorded "OK".
                    await asyncio.sleep(_CANCELLATION_WAIT)
            except BaseException as exc:
                self._end(record, exc, context)
                raise
            self._end(record, None, context)

        return observed


def _when_done(context: grpc.aio.ServicerContext[Any, Any], callback: Callable[[], None]) -> None:
    """Run ``callback`` when the call's task is done, however it ends (``grpc.aio``'s done callbacks; a context
    without them, as in older grpc, gets none: the handler's own ``try`` still ends the call)."""
    add = getattr(context, "add_done_callback", None)
    if add is not None:
        add(lambda _context: callback())


async def _send_request_id(context: grpc.aio.ServicerContext[Any, Any], request_id: str) -> None:
    with contextlib.suppress(Exception):  # the call is already closing; the id is only a courtesy
        await context.send_initial_metadata(((REQUEST_ID_METADATA_KEY, request_id),))
