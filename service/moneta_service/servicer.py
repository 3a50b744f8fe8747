"""The ``moneta.v1.MonetaService`` servicer: protobuf in, :mod:`moneta_service.pipeline` call, protobuf out.

Each method is three steps and nothing more: decode and check the request (:mod:`moneta._codec`, the pipeline's
validators), run the pipeline, encode the result. Errors become rich statuses through
:func:`moneta_service.errors.maps_errors`. ``StreamExtractAmounts`` is delegated to
:mod:`moneta_service.streaming`.

Where the pipeline runs: a text of at most :data:`INLINE_MAX_CODE_POINTS` code points is extracted on the event
loop itself (well under a millisecond or two of CPU: the hop to a worker thread would cost about as much as the
extraction); a longer one in a worker thread through :func:`moneta_service.deadlines.run_cancellable`, so that
health checks and other calls are answered meanwhile and a cancelled call interrupts its extraction. A request
whose rate source may use the network (``live``) always goes to a worker thread.

Request limits (``TEXT_TOO_LONG``, ``TOO_MANY_TARGETS``, malformed messages) are checked before the servicer
runs, by :class:`moneta_service.limits.LimitsInterceptor`; a servicer added to a server without it has no limits.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator

import grpc
from moneta import _codec
from moneta.model import Conversion, CurrencyInfo, Mention, OffsetEncoding, RateCoverage
from moneta.offsets import convert_offsets
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc

from moneta_service import pipeline
from moneta_service.deadlines import run_cancellable
from moneta_service.errors import abort_with, maps_errors

__all__ = ["DEFAULT_MAX_TEXT_BYTES", "INLINE_MAX_CODE_POINTS", "MonetaServicer"]

#: The largest ``ExtractAmountsRequest.text`` accepted by default, in UTF-8 bytes (1 MiB).
DEFAULT_MAX_TEXT_BYTES = 1 << 20

#: Texts of at most this many code points (8 Ki: a long news article) are extracted inline on the event loop.
#: At the engine's few MB/s that is at most ~2-3 ms of CPU, against ~0.35 ms for the hop to a worker thread and
#: back (issue 6's benchmark: it made a 2.5 KB call cost 1.9x the engine). Longer texts go to a worker thread,
#: where a cancelled call (deadline passed, client gone) interrupts the extraction and the loop stays free.
INLINE_MAX_CODE_POINTS = 8192

#: Rate sources whose conversions may wait on the network: never run on the event loop.
_NETWORK_SOURCES = frozenset({"live"})

_Context = grpc.aio.ServicerContext


class MonetaServicer(moneta_pb2_grpc.MonetaServiceServicer):
    """Serves ``moneta.v1.MonetaService`` over the rate sources in ``sources``.

    :param sources: the rate sources requests may name (``rate_source``), with the default one.

    The text limit (``TEXT_TOO_LONG``) is not checked here: :class:`moneta_service.limits.LimitsInterceptor`
    checks it (and the other limits) before any method runs, for ``ExtractAmounts`` and for each streamed
    document (:mod:`moneta_service.streaming`).
    """

    def __init__(self, sources: pipeline.RateSources) -> None:
        self.sources = sources
        self._long_calls: set[asyncio.Task[object]] = set()  # streams and worker-thread extractions running
        self._ending = False

    def end_calls(self, after: float) -> None:
        """In ``after`` seconds, end every long call still running with ``UNAVAILABLE`` (the server is stopping).

        Long calls are streams and ``ExtractAmounts`` calls whose text goes to a worker thread. Called by
        :meth:`moneta_service.server.MonetaServer.stop` a little before its grace period ends, so such a call
        ends with a status its client can act on (retry elsewhere, resend the documents it has no result for)
        instead of being cut by gRPC at the deadline. Calls opened meanwhile are refused by gRPC anyway.

        :param after: seconds from now (``>= 0``); must be called on the server's event loop.
        """
        asyncio.get_running_loop().call_later(max(0.0, after), self._end_calls)

    def _end_calls(self) -> None:
        self._ending = True
        for task in list(self._long_calls):
            task.cancel()  # raises CancelledError at the call's await: see _shutdown_error

    def _shutdown_error(self, *, stream: bool = False) -> Exception:
        """The error that ends a long call cancelled by :meth:`end_calls`: ``UNAVAILABLE``, reason
        ``SHUTTING_DOWN``, whose message says what to do: retry the call on another server, or, for a ``stream``,
        send the documents that have no result to another one.

        :raises asyncio.CancelledError: the call was cancelled for another reason (deadline passed, client gone).
        """
        if not self._ending:
            raise asyncio.CancelledError
        from moneta_service.errors import ServiceError

        what = (
            "resend the documents that have no result to another server"
            if stream
            else "retry on another server"
        )
        return ServiceError(
            grpc.StatusCode.UNAVAILABLE, "SHUTTING_DOWN", f"the server is shutting down: {what}"
        )

    def _inline(self, query: _codec.ExtractQuery) -> bool:
        """Whether to extract on the event loop: a short text, and no rate source that may use the network.

        :raises moneta_service.pipeline.InvalidInputError: a rate source or fallback this server does not serve.
        """
        if len(query.text) > INLINE_MAX_CODE_POINTS:
            return False
        return not query.target_currency_codes or self._offline(query.rate_source, query.rate_fallback)

    def _offline(self, rate_source: str | None, rate_fallback: str | None) -> bool:
        """Whether a request's rate source and fallback answer without the network (all but ``live``).

        :raises moneta_service.pipeline.InvalidInputError: a name this server does not serve.
        """
        specs = {self.sources.spec(rate_source, "rate_source")}
        if rate_fallback:
            specs.add(self.sources.spec(rate_fallback, "rate_fallback"))
        return specs.isdisjoint(_NETWORK_SOURCES)

    # --- ExtractAmounts ------------------------------------------------------------------------------------

    def _extract(self, query: _codec.ExtractQuery) -> list[Mention]:
        self.sources.spec(query.rate_source, "rate_source")  # refuse an unknown name even without targets
        if query.rate_fallback:
            self.sources.spec(query.rate_fallback, "rate_fallback")  # (and an unknown fallback)
        provider = (
            self.sources.provider(query.rate_source, query.rate_fallback)
            if query.target_currency_codes
            else None
        )
        mentions = pipeline.extract_and_convert(
            query.text,
            date=query.publication_date,
            targets=query.target_currency_codes,
            locale_hint=query.locale_hint,
            provider=provider,
        )
        if query.offset_encoding is OffsetEncoding.CODE_POINTS:  # the engine's own unit: nothing to convert
            return mentions
        return convert_offsets(query.text, mentions, query.offset_encoding)

    @maps_errors
    async def ExtractAmounts(
        self,
        request: pb.ExtractAmountsRequest,
        context: _Context[pb.ExtractAmountsRequest, pb.ExtractAmountsResponse],
    ) -> pb.ExtractAmountsResponse:
        """Find every monetary amount in ``request.text`` (see the proto)."""
        query = _codec.extract_query_from_proto(request)
        if self._inline(query):
            mentions = self._extract(query)  # short: cheaper than the hop to a worker thread
        else:
            task = asyncio.current_task()
            if task is not None:
                self._long_calls.add(task)
            try:
                mentions = await run_cancellable(self._extract, query)  # a cancelled call frees its worker
            except asyncio.CancelledError:
                raise self._shutdown_error() from None  # maps_errors turns it into the status
            finally:
                self._long_calls.discard(task)
        response = pb.ExtractAmountsResponse()
        _codec.add_mentions(response.mentions, mentions)  # built in place: no message built apart and copied
        return response

    # --- ConvertAmount -------------------------------------------------------------------------------------

    def _convert(self, query: _codec.ConvertQuery) -> Conversion:
        return pipeline.convert_amount(
            query.amount,
            query.source_currency_code,
            query.target_currency_code,
            date=query.date,
            provider=self.sources.provider(query.rate_source, query.rate_fallback),
        )

    @maps_errors
    async def ConvertAmount(
        self,
        request: pb.ConvertAmountRequest,
        context: _Context[pb.ConvertAmountRequest, pb.ConvertAmountResponse],
    ) -> pb.ConvertAmountResponse:
        """Convert one amount at a dated reference rate (see the proto)."""
        query = _codec.convert_query_from_proto(request)
        try:
            if self._offline(query.rate_source, query.rate_fallback):
                conversion = self._convert(query)  # one rate lookup: cheaper than the hop to a worker thread
            else:
                conversion = await asyncio.to_thread(self._convert, query)
        except pipeline.InvalidInputError as exc:
            if exc.reason == "AMOUNT_OUT_OF_RANGE":  # as the request wrote it: "1e400", not "1E+400"
                exc.metadata["value"] = _shown_amount(request.amount.value)
            raise
        return pb.ConvertAmountResponse(conversion=_codec.conversion_to_proto(conversion))

    # --- ListCurrencies ------------------------------------------------------------------------------------

    def _currencies(self) -> tuple[list[CurrencyInfo], list[RateCoverage]]:
        named = self.sources.named_providers()  # every source served: default, ecb, tables
        infos = pipeline.currencies(
            *(provider for _, provider in named), names=[name for name, _ in named]
        )  # each coverage entry named as a request reaches it, as rate_sources are
        return infos, [dataclasses.replace(provider.describe(), name=name) for name, provider in named]

    @maps_errors
    async def ListCurrencies(
        self,
        request: pb.ListCurrenciesRequest,
        context: _Context[pb.ListCurrenciesRequest, pb.ListCurrenciesResponse],
    ) -> pb.ListCurrenciesResponse:
        """List the currencies moneta recognises and the rate sources this server serves."""
        infos, described = await asyncio.to_thread(self._currencies)
        return pb.ListCurrenciesResponse(
            currencies=[_codec.currency_to_proto(c) for c in infos],
            rate_sources=[_codec.rate_coverage_to_proto(c) for c in described],
        )

    # --- StreamExtractAmounts ------------------------------------------------------------------------------

    async def StreamExtractAmounts(
        self,
        request_iterator: AsyncIterator[pb.StreamExtractAmountsRequest],
        context: _Context[pb.StreamExtractAmountsRequest, pb.StreamExtractAmountsResponse],
    ) -> AsyncIterator[pb.StreamExtractAmountsResponse]:
        """Extract amounts from a stream of documents: delegated to :mod:`moneta_service.streaming`."""
        try:
            from moneta_service.streaming import stream_extract_amounts
        except ImportError:
            await context.abort(grpc.StatusCode.UNIMPLEMENTED, "StreamExtractAmounts is not available yet")
        task = asyncio.current_task()
        if task is not None:
            self._long_calls.add(task)
        try:
            async for response in stream_extract_amounts(request_iterator, context, self.sources):
                yield response
        except asyncio.CancelledError:
            await abort_with(context, self._shutdown_error(stream=True))
        finally:
            self._long_calls.discard(task)


def _shown_amount(text: str) -> str:
    """An amount's text as ``ErrorInfo`` metadata repeats it: whole up to 40 characters, else its first 20 and its
    length (``99999999999999999999… (500 characters)``, as the message shows a long amount), never cut silently
    into a smaller number."""
    return text if len(text) <= 40 else f"{text[:20]}… ({len(text)} characters)"
