"""``StreamExtractAmounts``: documents in, results by id out, over one bidirectional stream (warehouse loads).

The client sends :class:`moneta.v1.StreamExtractAmountsRequest` messages, each with up to
:data:`MAX_DOCUMENTS_PER_MESSAGE` documents and shared options (targets, offset encoding, rate source, default
date). For each request message the server sends back exactly one response message with one
``DocumentResult`` per document, in the order of the request. Flow control: the next request message is read
only after the response to the previous one has been handed to gRPC, so a server holds at most one message of
work per stream, and a client that stops reading stops the server (HTTP/2 flow control does the rest).

A document that cannot be processed gets its own ``google.rpc.Status`` in ``DocumentResult.error`` (code,
message, ``ErrorInfo`` reason: ``MISSING_ID``, ``DUPLICATE_ID`` (an id repeated within one request message),
``TEXT_TOO_LONG``, ``INVALID_DATE``, ``INVALID_LOCALE_HINT``,
``INVALID_CURRENCY_CODE``, ``INVALID_RATE_SOURCE`` ..., built by :func:`moneta_service.errors.status_for`) and
the stream goes on. Only a message that breaks the stream's limits (more than
:data:`MAX_DOCUMENTS_PER_MESSAGE` documents) ends the call, with ``INVALID_ARGUMENT``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import AsyncIterator

import grpc
from moneta import _codec
from moneta.model import OffsetEncoding
from moneta.offsets import convert_offsets
from moneta.v1 import moneta_pb2 as pb

from moneta_service import pipeline
from moneta_service.deadlines import run_cancellable
from moneta_service.errors import ServiceError, abort_with, status_for
from moneta_service.limits import ServerLimits, check_text, current_limits

__all__ = ["MAX_DOCUMENTS_PER_MESSAGE", "MAX_TEXT_BYTES", "stream_extract_amounts"]

#: The most documents one request message may carry.
MAX_DOCUMENTS_PER_MESSAGE = 1000
#: The largest text of one document, in UTF-8 bytes (as ``ExtractAmounts``).
MAX_TEXT_BYTES = 1 << 20

_log = logging.getLogger("moneta_service.server")


@dataclasses.dataclass(frozen=True, slots=True)
class _Shared:
    """The options of one request message, decoded once (or the error every document of it gets)."""

    targets: tuple[str, ...]
    encoding: OffsetEncoding
    default_date: dt.date | None
    provider: object | None
    error: BaseException | None = None


def _decode_shared(request: pb.StreamExtractAmountsRequest, sources: pipeline.RateSources) -> _Shared:
    try:
        targets = tuple(
            pipeline.validate_currency_code(code, f"target_currency_codes[{i}]")
            for i, code in enumerate(request.target_currency_codes)
        )
        encoding = _codec.offset_encoding_from_proto(request.offset_encoding)
        default_date = (
            _codec.date_from_proto(request.default_date, "default_date")
            if request.HasField("default_date")
            else None
        )
        sources.spec(request.rate_source or None, "rate_source")
        if request.rate_fallback:
            sources.spec(request.rate_fallback, "rate_fallback")  # refused even without targets
        provider = (
            sources.provider(request.rate_source or None, request.rate_fallback or None) if targets else None
        )
    except Exception as exc:  # noqa: BLE001 - reported in every document's result
        return _Shared((), OffsetEncoding.CODE_POINTS, None, None, exc)
    return _Shared(targets, encoding, default_date, provider)


def _fill_result(
    result: pb.DocumentResult, document: pb.Document, index: int, shared: _Shared, limits: ServerLimits
) -> None:
    """Process one document into ``result`` (its id already set): its mentions, or its ``error``."""
    try:
        if shared.error is not None:
            raise shared.error
        if not result.id:
            field = f"documents[{index}].id"
            raise ServiceError(
                grpc.StatusCode.INVALID_ARGUMENT,
                "MISSING_ID",
                f"{field} is required",
                {"field": field},
                field,
            )
        text = document.text  # read once: each read of a string field builds a new str from the UTF-8 bytes
        # the server's --max-text-bytes (default MAX_TEXT_BYTES); encodes only when len(text) * 4 > the limit
        check_text(text, f"documents[{index}].text", limits)
        date = (
            _codec.date_from_proto(document.publication_date, f"documents[{index}].publication_date")
            if document.HasField("publication_date")
            else None
        )
        mentions = pipeline.extract_and_convert(
            text,
            date=date or shared.default_date,
            targets=shared.targets,
            locale_hint=pipeline.validate_locale_hint(
                document.locale_hint, f"documents[{index}].locale_hint"
            ),
            provider=shared.provider,  # type: ignore[arg-type]
        )
        if shared.encoding is not OffsetEncoding.CODE_POINTS:
            mentions = convert_offsets(text, mentions, shared.encoding)
        _codec.add_mentions(result.mentions, mentions)
    except Exception as exc:  # noqa: BLE001 - a per-document error; the stream goes on
        status = status_for(exc)
        if status.code == grpc.StatusCode.INTERNAL.value[0]:
            _log.exception("internal error in StreamExtractAmounts (document %r)", document.id)
        result.ClearField("mentions")
        result.error.CopyFrom(status)


def _process_message(
    request: pb.StreamExtractAmountsRequest, sources: pipeline.RateSources
) -> pb.StreamExtractAmountsResponse:
    """Answer one request message: one ``DocumentResult`` per document, in order, each built in place."""
    shared = _decode_shared(request, sources)
    limits = current_limits()  # the call's (set by the LimitsInterceptor; copied into the worker thread)
    response = pb.StreamExtractAmountsResponse()
    add_result = response.results.add
    seen: dict[str, int] = {}
    for index, document in enumerate(request.documents):
        first = seen.setdefault(document.id, index) if document.id else index
        if first != index:
            # results are matched by id: a second document with the same id would make them ambiguous
            field = f"documents[{index}].id"
            _fill_error(
                add_result(id=document.id),
                ServiceError(
                    grpc.StatusCode.INVALID_ARGUMENT,
                    "DUPLICATE_ID",
                    f"{field} {document.id[:40]!r} repeats documents[{first}].id of this message; ids must be unique",
                    {"field": field, "value": document.id[:40]},
                    field,
                ),
            )
            continue
        _fill_result(add_result(id=document.id), document, index, shared, limits)
    return response


def _fill_error(result: pb.DocumentResult, error: Exception) -> None:
    """Give ``result`` the ``google.rpc.Status`` of ``error`` and no mentions."""
    result.ClearField("mentions")
    result.error.CopyFrom(status_for(error))


async def stream_extract_amounts(
    request_iterator: AsyncIterator[pb.StreamExtractAmountsRequest],
    context: grpc.aio.ServicerContext[pb.StreamExtractAmountsRequest, pb.StreamExtractAmountsResponse],
    sources: pipeline.RateSources | None = None,
) -> AsyncIterator[pb.StreamExtractAmountsResponse]:
    """Serve one ``StreamExtractAmounts`` call: one response message per request message, in order.

    :param request_iterator: the client's request messages.
    :param context: the call's context (used to end the call on a message over the limits).
    :param sources: the rate sources the server serves (default: the ECB rates only).
    :raises grpc.aio.AbortError: (through ``context.abort``) ``INVALID_ARGUMENT`` when a message carries more
        than :data:`MAX_DOCUMENTS_PER_MESSAGE` documents.
    """
    sources = sources if sources is not None else pipeline.RateSources()
    async for request in request_iterator:
        count = len(request.documents)
        if count > max(MAX_DOCUMENTS_PER_MESSAGE, current_limits().max_documents_per_message):
            error = ServiceError(
                grpc.StatusCode.INVALID_ARGUMENT,
                "TOO_MANY_DOCUMENTS",
                f"a request message carries {count} documents, more than the limit of {MAX_DOCUMENTS_PER_MESSAGE}",
                {"count": str(count), "limit": str(MAX_DOCUMENTS_PER_MESSAGE)},
                "documents",
            )
            await abort_with(context, error)
        # CPU work off the event loop (health checks and other calls stay answered)
        yield await run_cancellable(_process_message, request, sources)  # a cancelled call frees its worker
