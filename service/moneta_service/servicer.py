"""The ``moneta.v1.MonetaService`` servicer: protobuf in, :mod:`moneta_service.pipeline` call, protobuf out.

Each method is three steps and nothing more: decode and check the request (:mod:`moneta._codec`, the pipeline's
validators), run the pipeline in a worker thread (extraction and rate lookups are CPU work that must not block
the event loop, which also answers health checks), encode the result. Errors become rich statuses through
:func:`moneta_service.errors.maps_errors`. ``StreamExtractAmounts`` is delegated to
:mod:`moneta_service.streaming`.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import grpc
from moneta import _codec
from moneta.model import Conversion, CurrencyInfo, Mention, RateCoverage
from moneta.offsets import convert_offsets
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc

from moneta_service import pipeline
from moneta_service.deadlines import run_cancellable
from moneta_service.errors import ServiceError, maps_errors

__all__ = ["DEFAULT_MAX_TEXT_BYTES", "MonetaServicer"]

#: The largest ``ExtractAmountsRequest.text`` accepted by default, in UTF-8 bytes (1 MiB).
DEFAULT_MAX_TEXT_BYTES = 1 << 20

_Context = grpc.aio.ServicerContext


class MonetaServicer(moneta_pb2_grpc.MonetaServiceServicer):
    """Serves ``moneta.v1.MonetaService`` over the rate sources in ``sources``.

    :param sources: the rate sources requests may name (``rate_source``), with the default one.
    :param max_text_bytes: the largest text ``ExtractAmounts`` accepts, in UTF-8 bytes; a longer one gets
        ``INVALID_ARGUMENT`` with reason ``TEXT_TOO_LONG``.
    """

    def __init__(
        self, sources: pipeline.RateSources, *, max_text_bytes: int = DEFAULT_MAX_TEXT_BYTES
    ) -> None:
        self.sources = sources
        self.max_text_bytes = max_text_bytes

    def _check_text(self, text: str) -> None:
        size = len(text.encode("utf-8", "surrogatepass"))
        if size > self.max_text_bytes:
            raise ServiceError(
                grpc.StatusCode.INVALID_ARGUMENT,
                "TEXT_TOO_LONG",
                f"text is {size} bytes of UTF-8, over this server's limit of {self.max_text_bytes} bytes",
                {"field": "text", "sizeBytes": str(size), "limitBytes": str(self.max_text_bytes)},
                field="text",
            )

    # --- ExtractAmounts ------------------------------------------------------------------------------------

    def _extract(self, query: _codec.ExtractQuery) -> list[Mention]:
        self.sources.spec(query.rate_source, "rate_source")  # refuse an unknown name even without targets
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
        return convert_offsets(query.text, mentions, query.offset_encoding)

    @maps_errors
    async def ExtractAmounts(
        self,
        request: pb.ExtractAmountsRequest,
        context: _Context[pb.ExtractAmountsRequest, pb.ExtractAmountsResponse],
    ) -> pb.ExtractAmountsResponse:
        """Find every monetary amount in ``request.text`` (see the proto)."""
        self._check_text(request.text)
        query = _codec.extract_query_from_proto(request)
        mentions = await run_cancellable(self._extract, query)  # a cancelled call frees its worker
        return pb.ExtractAmountsResponse(mentions=_codec.mentions_to_proto(mentions))

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
        conversion = await asyncio.to_thread(self._convert, query)
        return pb.ConvertAmountResponse(conversion=_codec.conversion_to_proto(conversion))

    # --- ListCurrencies ------------------------------------------------------------------------------------

    def _currencies(self) -> tuple[list[CurrencyInfo], list[RateCoverage]]:
        providers = self.sources.providers()  # every source served: default, ecb, tables
        return pipeline.currencies(*providers), [provider.describe() for provider in providers]

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
        async for response in stream_extract_amounts(request_iterator, context, self.sources):
            yield response
