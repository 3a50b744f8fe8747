"""The gRPC server through a real server on a free loopback port: health, reflection, rich errors, offsets,
ConvertAmount's date policy, ListCurrencies, and a graceful SIGTERM of ``moneta serve``."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import grpc
import pytest
from google.rpc import error_details_pb2
from google.type import date_pb2, decimal_pb2
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2
from grpc_status import rpc_status
from moneta import AsyncMonetaClient, InvalidArgumentError, MonetaClient
from moneta.client import DeadlineExceededError
from moneta.model import Conversion, ConversionStatus, OffsetEncoding
from moneta.v1 import moneta_pb2 as pb
from moneta.v1 import moneta_pb2_grpc
from moneta_service.servicer import INLINE_MAX_CODE_POINTS

SERVICE = "moneta.v1.MonetaService"


@pytest.fixture(scope="module")
def channel(moneta_server: str) -> Iterator[grpc.Channel]:
    with grpc.insecure_channel(moneta_server) as ch:
        yield ch


@pytest.fixture(scope="module")
def stub(channel: grpc.Channel) -> moneta_pb2_grpc.MonetaServiceStub:
    return moneta_pb2_grpc.MonetaServiceStub(channel)


@pytest.fixture(scope="module")
def client(moneta_server: str) -> Iterator[MonetaClient]:
    with MonetaClient(moneta_server, timeout=30) as c:
        yield c


# --- health and reflection ---------------------------------------------------------------------------------


@pytest.mark.parametrize("service", ["", SERVICE])
def test_health_is_serving(channel: grpc.Channel, service: str) -> None:
    response = health_pb2_grpc.HealthStub(channel).Check(
        health_pb2.HealthCheckRequest(service=service), timeout=10
    )
    assert response.status == health_pb2.HealthCheckResponse.SERVING


@pytest.mark.parametrize(
    ("service", "named"),
    [
        ("no.Such", "'no.Such'"),
        ("moneta.v1.Moneta", "'moneta.v1.Moneta'"),
        ("x" * 100, "(100 characters)"),
    ],
)
def test_health_unknown_service_is_not_found_and_says_which_are_known(
    channel: grpc.Channel, service: str, named: str
) -> None:
    with pytest.raises(grpc.RpcError) as info:
        health_pb2_grpc.HealthStub(channel).Check(health_pb2.HealthCheckRequest(service=service), timeout=10)
    assert info.value.code() == grpc.StatusCode.NOT_FOUND
    details = info.value.details() or ""
    assert details.startswith("unknown service ")
    assert named in details
    assert details.endswith(f"; known: '', {SERVICE!r}")


def _reflection_v1() -> tuple[Any, Any]:
    """The v1 request and response classes, built in a pool of their own from the renamed v1alpha file."""
    from google.protobuf import descriptor_pool, message_factory
    from moneta_service.reflection import v1_file_descriptor

    pool = descriptor_pool.DescriptorPool()
    pool.Add(v1_file_descriptor())
    return (
        message_factory.GetMessageClass(
            pool.FindMessageTypeByName("grpc.reflection.v1.ServerReflectionRequest")
        ),
        message_factory.GetMessageClass(
            pool.FindMessageTypeByName("grpc.reflection.v1.ServerReflectionResponse")
        ),
    )


def _reflect(channel: grpc.Channel, version: str, **request: str) -> Any:
    """One reflection request over ``grpc.reflection.<version>.ServerReflection``; the first response."""
    if version == "v1alpha":
        request_type, response_type = (
            reflection_pb2.ServerReflectionRequest,
            reflection_pb2.ServerReflectionResponse,
        )
    else:
        request_type, response_type = _reflection_v1()
    call = channel.stream_stream(
        f"/grpc.reflection.{version}.ServerReflection/ServerReflectionInfo",
        request_serializer=request_type.SerializeToString,
        response_deserializer=response_type.FromString,
    )
    return next(iter(call(iter([request_type(**request)]), timeout=10)))


@pytest.mark.parametrize("version", ["v1", "v1alpha"])
def test_reflection_lists_the_services(channel: grpc.Channel, version: str) -> None:
    names = {s.name for s in _reflect(channel, version, list_services="").list_services_response.service}
    assert {
        SERVICE,
        "grpc.health.v1.Health",
        "grpc.reflection.v1.ServerReflection",
        "grpc.reflection.v1alpha.ServerReflection",
    } <= names


@pytest.mark.parametrize("version", ["v1", "v1alpha"])
@pytest.mark.parametrize(
    ("symbol", "file"),
    [
        (SERVICE, b"moneta/v1/moneta.proto"),
        ("grpc.reflection.v1.ServerReflection", b"grpc/reflection/v1/reflection.proto"),
        ("grpc.reflection.v1alpha.ServerReflection", b"grpc_reflection/v1alpha/reflection.proto"),
    ],
)
def test_reflection_describes_the_contract(
    channel: grpc.Channel, version: str, symbol: str, file: bytes
) -> None:
    response = _reflect(channel, version, file_containing_symbol=symbol)
    files = response.file_descriptor_response.file_descriptor_proto
    assert any(file in f for f in files), response


@pytest.mark.parametrize("version", ["v1", "v1alpha"])
def test_reflection_of_an_unknown_symbol_is_not_found(channel: grpc.Channel, version: str) -> None:
    response = _reflect(channel, version, file_containing_symbol="no.Such")
    assert response.error_response.error_code == grpc.StatusCode.NOT_FOUND.value[0]


# --- INVALID_ARGUMENT with a message, ErrorInfo and BadRequest ---------------------------------------------

_DATE = date_pb2.Date(year=2024, month=4, day=26)

#: (id, method, request, field, reason, words the message must contain)
INVALID_REQUESTS: list[tuple[str, str, Any, str, str, str]] = [
    (
        "unknown-offset-encoding",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€5", offset_encoding=99),  # type: ignore[arg-type]
        "offset_encoding",
        "INVALID_OFFSET_ENCODING",
        "unknown offset_encoding 99",
    ),
    (
        "lower-case-target",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€5", target_currency_codes=["USD", "gbp"], publication_date=_DATE),
        "target_currency_codes[1]",
        "INVALID_CURRENCY_CODE",
        "'gbp'",
    ),
    (
        "target-twice",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(
            text="€5", target_currency_codes=["USD", "GBP", "USD"], publication_date=_DATE
        ),
        "target_currency_codes[2]",
        "DUPLICATE_TARGET",
        "USD twice",
    ),
    (
        "euro-sign-as-target",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€5", target_currency_codes=["€"]),
        "target_currency_codes[0]",
        "INVALID_CURRENCY_CODE",
        "ISO 4217",
    ),
    (
        "impossible-date",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€5", publication_date=date_pb2.Date(year=2024, month=2, day=30)),
        "publication_date",
        "INVALID_DATE",
        "2024-02-30",
    ),
    (
        "partial-date",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€5", publication_date=date_pb2.Date(year=2024)),
        "publication_date",
        "INVALID_DATE",
        "full date",
    ),
    (
        "unknown-rate-source",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€5", rate_source="/etc/passwd"),
        "rate_source",
        "UNKNOWN_RATE_SOURCE",
        "not served here",
    ),
    (
        "unknown-rate-fallback-without-targets",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€5", rate_fallback="junk"),
        "rate_fallback",
        "UNKNOWN_RATE_SOURCE",
        "not served here",
    ),
    (
        "bad-locale-hint",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="$5", locale_hint="en AU; drop"),
        "locale_hint",
        "INVALID_LOCALE_HINT",
        "BCP-47",
    ),
    (
        "text-over-the-limit",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€" * 400_000),  # 1.2 MB of UTF-8 for 400,000 code points
        "text",
        "TEXT_TOO_LONG",
        "1048576",  # the message names the limit
    ),
    (
        "empty-amount",
        "ConvertAmount",
        pb.ConvertAmountRequest(source_currency_code="EUR", target_currency_code="USD", date=_DATE),
        "amount",
        "EMPTY_DECIMAL",
        "amount is empty",
    ),
    (
        "amount-with-separator",
        "ConvertAmount",
        pb.ConvertAmountRequest(
            amount=decimal_pb2.Decimal(value="1,000"), source_currency_code="EUR", target_currency_code="USD"
        ),
        "amount",
        "INVALID_DECIMAL",
        "'1,000'",
    ),
    (
        "nan-amount",
        "ConvertAmount",
        pb.ConvertAmountRequest(
            amount=decimal_pb2.Decimal(value="NaN"), source_currency_code="EUR", target_currency_code="USD"
        ),
        "amount",
        "INVALID_DECIMAL",
        "not a decimal",
    ),
    (
        "amount-out-of-range",
        "ConvertAmount",
        pb.ConvertAmountRequest(
            amount=decimal_pb2.Decimal(value="1e900"),
            source_currency_code="EUR",
            target_currency_code="USD",
            date=_DATE,
        ),
        "amount",
        "AMOUNT_OUT_OF_RANGE",
        "38",
    ),
    (
        "missing-source-currency",
        "ConvertAmount",
        pb.ConvertAmountRequest(amount=decimal_pb2.Decimal(value="5"), target_currency_code="USD"),
        "source_currency_code",
        "INVALID_CURRENCY_CODE",
        "source_currency_code",
    ),
]


@pytest.mark.parametrize(
    ("method", "request_", "field", "reason", "words"),
    [pytest.param(*row[1:], id=row[0]) for row in INVALID_REQUESTS],
)
def test_invalid_request_gets_invalid_argument_with_details(
    stub: moneta_pb2_grpc.MonetaServiceStub, method: str, request_: Any, field: str, reason: str, words: str
) -> None:
    with pytest.raises(grpc.RpcError) as info:
        getattr(stub, method)(request_, timeout=30)
    call: Any = info.value
    assert call.code() == grpc.StatusCode.INVALID_ARGUMENT
    assert words in call.details()
    assert "Traceback" not in call.details()
    status = rpc_status.from_call(call)
    assert status is not None
    error_info = error_details_pb2.ErrorInfo()
    bad_request = error_details_pb2.BadRequest()
    assert status.details[0].Unpack(error_info)
    assert (error_info.reason, error_info.domain, error_info.metadata["field"]) == (
        reason,
        "moneta.dev",
        field,
    )
    assert status.details[1].Unpack(bad_request)
    assert [v.field for v in bad_request.field_violations] == [field]


#: (id, method, request, reason, the ErrorInfo metadata ``value``: the value the message names, at most 40 characters)
VALUE_IN_METADATA: list[tuple[str, str, Any, str, str]] = [
    (
        "impossible-date",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€5", publication_date=date_pb2.Date(year=2024, month=2, day=30)),
        "INVALID_DATE",
        "2024-02-30",
    ),
    (
        "partial-date",
        "ExtractAmounts",
        pb.ExtractAmountsRequest(text="€5", publication_date=date_pb2.Date(year=2024)),
        "INVALID_DATE",
        "2024-00-00",
    ),
    (
        "convert-impossible-date",
        "ConvertAmount",
        pb.ConvertAmountRequest(
            amount=decimal_pb2.Decimal(value="5"),
            source_currency_code="EUR",
            target_currency_code="USD",
            date=date_pb2.Date(year=2023, month=2, day=29),
        ),
        "INVALID_DATE",
        "2023-02-29",
    ),
    (
        "amount-with-separator",
        "ConvertAmount",
        pb.ConvertAmountRequest(
            amount=decimal_pb2.Decimal(value="1,000"), source_currency_code="EUR", target_currency_code="USD"
        ),
        "INVALID_DECIMAL",
        "1,000",
    ),
    (
        "long-amount-cut-to-40",
        "ConvertAmount",
        pb.ConvertAmountRequest(
            amount=decimal_pb2.Decimal(value="9" * 60 + "x"),
            source_currency_code="EUR",
            target_currency_code="USD",
        ),
        "INVALID_DECIMAL",
        "9" * 40,
    ),
]


@pytest.mark.parametrize(
    ("method", "request_", "reason", "value"),
    [pytest.param(*row[1:], id=row[0]) for row in VALUE_IN_METADATA],
)
def test_error_info_metadata_repeats_the_field_and_the_value(
    stub: moneta_pb2_grpc.MonetaServiceStub, method: str, request_: Any, reason: str, value: str
) -> None:
    """AIP-193: the ErrorInfo metadata repeats the message's dynamic parts, the field and the value."""
    with pytest.raises(grpc.RpcError) as info:
        getattr(stub, method)(request_, timeout=30)
    call: Any = info.value
    status = rpc_status.from_call(call)
    assert status is not None
    error_info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(error_info)
    assert error_info.reason == reason
    assert error_info.metadata["value"] == value
    assert error_info.metadata["field"] in ("publication_date", "date", "amount")
    assert value in call.details()  # the message names it too


# --- malformed request bytes: INVALID_ARGUMENT with a clean message, never UNKNOWN ----------------------------


def _field(message: Any, name: str, payload: bytes) -> bytes:
    """One length-delimited protobuf field of ``message``'s type, written by hand (payload under 128 bytes)."""
    number = message.DESCRIPTOR.fields_by_name[name].number
    return bytes([number << 3 | 2, len(payload)]) + payload


_BAD_UTF8 = b"It cost \xff\xfe5 \xe2\x82"  # not UTF-8: a protobuf string field must be

#: (id, method, raw request bytes, the message type named, words about the problem)
MALFORMED_REQUESTS: list[tuple[str, str, bytes, str, str]] = [
    (
        "extract-text-not-utf8",
        "ExtractAmounts",
        _field(pb.ExtractAmountsRequest, "text", _BAD_UTF8),
        "moneta.v1.ExtractAmountsRequest",
        "UTF-8",
    ),
    (
        "extract-truncated",
        "ExtractAmounts",
        _field(pb.ExtractAmountsRequest, "text", b"It cost \xe2\x82\xac5.")[:-3],  # says 13 bytes, has 10
        "moneta.v1.ExtractAmountsRequest",
        "",
    ),
    (
        "convert-code-not-utf8",
        "ConvertAmount",
        _field(pb.ConvertAmountRequest, "source_currency_code", b"\xffUR"),
        "moneta.v1.ConvertAmountRequest",
        "UTF-8",
    ),
    (
        "stream-document-text-not-utf8",
        "StreamExtractAmounts",
        _field(
            pb.StreamExtractAmountsRequest,
            "documents",
            _field(pb.Document, "id", b"d1") + _field(pb.Document, "text", _BAD_UTF8),
        ),
        "moneta.v1.StreamExtractAmountsRequest",
        "UTF-8",
    ),
]


def _call_raw(channel: grpc.Channel, method: str, raw: bytes) -> list[bytes]:
    """Call ``method`` with ``raw`` request bytes as they are (no serializer either way); return the replies."""
    path = f"/{SERVICE}/{method}"
    if method.startswith("Stream"):
        return list(channel.stream_stream(path, None, None)(iter([raw]), timeout=30))
    return [channel.unary_unary(path, None, None)(raw, timeout=30)]


@pytest.mark.parametrize(
    ("method", "raw", "message_type", "words"),
    [pytest.param(*row[1:], id=row[0]) for row in MALFORMED_REQUESTS],
)
def test_malformed_request_bytes_are_invalid_argument_logged_without_traceback(
    channel: grpc.Channel,
    caplog: pytest.LogCaptureFixture,
    method: str,
    raw: bytes,
    message_type: str,
    words: str,
) -> None:
    caplog.set_level(logging.WARNING)
    with pytest.raises(grpc.RpcError) as info:
        _call_raw(channel, method, raw)
    call: Any = info.value
    assert call.code() == grpc.StatusCode.INVALID_ARGUMENT
    details = call.details()
    assert details.startswith(f"request is not a valid {message_type}: "), details
    assert words in details
    for python_words in ("<class", "Unexpected", "DecodeError"):
        assert python_words not in details
    status = rpc_status.from_call(call)
    assert status is not None
    error_info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(error_info)
    assert (error_info.reason, error_info.metadata["messageType"]) == ("MALFORMED_REQUEST", message_type)
    assert error_info.metadata["problem"] in details
    bad_request = error_details_pb2.BadRequest()  # as for every INVALID_ARGUMENT (README, gRPC)
    [packed] = [d for d in status.details if d.Is(bad_request.DESCRIPTOR)]
    assert packed.Unpack(bad_request)
    [violation] = bad_request.field_violations
    assert (violation.field, violation.reason, violation.description) == ("", "MALFORMED_REQUEST", details)
    # the server logged one warning, without a traceback, and gRPC logged no error of its own
    warnings = [r for r in caplog.records if "is not a valid" in r.getMessage()]
    assert [(r.levelno, r.exc_info) for r in warnings] == [(logging.WARNING, None)]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR]
    # and the server goes on serving
    [reply] = _call_raw(
        channel, "ExtractAmounts", pb.ExtractAmountsRequest(text="It costs €5.").SerializeToString()
    )
    assert [m.text for m in pb.ExtractAmountsResponse.FromString(reply).mentions] == ["€5"]


def test_client_raises_typed_error_with_details(client: MonetaClient) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        client.extract("€5", targets=["US"], date=dt.date(2024, 4, 26))
    error = info.value
    assert error.code == grpc.StatusCode.INVALID_ARGUMENT
    assert error.reason == "INVALID_CURRENCY_CODE"
    assert error.domain == "moneta.dev"
    assert error.field_violations[0][0] == "target_currency_codes[0]"
    assert "'US'" in error.message


def test_async_client_raises_the_same_typed_error(moneta_server: str) -> None:
    async def main() -> None:
        async with AsyncMonetaClient(moneta_server) as client:
            await client.convert("5", "EUR", "US", date=dt.date(2024, 4, 26))

    with pytest.raises(InvalidArgumentError) as info:
        asyncio.run(main())
    assert (info.value.reason, info.value.field_violations[0][0]) == (
        "INVALID_CURRENCY_CODE",
        "target_currency_code",
    )


def test_async_client_convert_and_list(moneta_server: str) -> None:
    async def main() -> tuple[Decimal | None, int]:
        async with AsyncMonetaClient(moneta_server) as client:
            conversion = await client.convert(Decimal(100), "EUR", "USD", date=dt.date(2024, 4, 26))
            return conversion.amount, len(await client.list_currencies())

    amount, count = asyncio.run(main())
    assert amount == Decimal("107.14")
    assert count > 30


# --- ExtractAmounts offsets --------------------------------------------------------------------------------

OFFSET_TEXT = "😀 Le budget: €5 million. 𝄞 Then 💶💶 they paid EUR 200 for it, not €3."


def test_extract_finds_amounts_after_astral_characters(client: MonetaClient) -> None:
    mentions = client.extract(OFFSET_TEXT)
    assert [m.amount for m in mentions] == [Decimal(5000000), Decimal(200), Decimal(3)]
    for m in mentions:
        assert OFFSET_TEXT[m.start : m.end] == m.text


@pytest.mark.parametrize(
    ("encoding", "codec"), [(OffsetEncoding.UTF16, "utf-16-le"), (OffsetEncoding.UTF8, "utf-8")], ids=str
)
def test_extract_offsets_in_other_encodings(
    client: MonetaClient, encoding: OffsetEncoding, codec: str
) -> None:
    unit = 2 if codec == "utf-16-le" else 1
    code_points = client.extract(OFFSET_TEXT)
    converted = client.extract(OFFSET_TEXT, offset_encoding=encoding)
    encoded = OFFSET_TEXT.encode(codec)
    assert len(converted) == len(code_points)
    for cp, m in zip(code_points, converted, strict=True):
        assert m.text == cp.text
        assert m.start == len(OFFSET_TEXT[: cp.start].encode(codec)) // unit
        assert encoded[m.start * unit : m.end * unit].decode(codec) == m.text
    assert converted[0].start != code_points[0].start  # the emoji really moved the offsets


# --- ConvertAmount ------------------------------------------------------------------------------------------


def test_convert_on_a_saturday_uses_fridays_rate_and_says_so(client: MonetaClient) -> None:
    conversion = client.convert(Decimal(100), "EUR", "USD", date=dt.date(2024, 4, 27))
    assert conversion.status is ConversionStatus.OK
    assert conversion.requested_date == dt.date(2024, 4, 27)
    assert conversion.rate_date == dt.date(2024, 4, 26)
    assert (conversion.rate, conversion.amount) == (Decimal("1.0714"), Decimal("107.14"))
    assert "2024-04-26" in conversion.message


@pytest.mark.parametrize(
    ("source", "target", "date", "status"),
    [
        ("EUR", "USD", None, ConversionStatus.DATE_MISSING),
        ("EUR", "XYZ", dt.date(2024, 4, 26), ConversionStatus.UNKNOWN_CURRENCY),
        ("EUR", "USD", dt.date(1990, 1, 2), ConversionStatus.NO_RATE_FOR_DATE),
        ("EUR", "USD", dt.date(2999, 1, 1), ConversionStatus.DATE_AFTER_DATA),
    ],
    ids=["no-date", "unknown-code", "before-data", "future"],
)
def test_convert_data_gaps_are_statuses_not_errors(
    client: MonetaClient, source: str, target: str, date: dt.date | None, status: ConversionStatus
) -> None:
    conversion = client.convert("5", source, target, date=date)
    assert conversion.status is status
    assert conversion.amount is None
    assert conversion.message


# --- where ExtractAmounts runs: short texts inline on the event loop, long ones in a cancellable worker ------


@pytest.mark.parametrize(
    ("length", "targets", "default_source", "inline"),
    [
        (INLINE_MAX_CODE_POINTS, (), "ecb", True),
        (INLINE_MAX_CODE_POINTS + 1, (), "ecb", False),  # long: a worker thread, interrupted when cancelled
        (100, ("USD",), "ecb", True),
        (100, ("USD",), "live", False),  # rates from the network never run on the event loop
        (100, (), "live", True),  # no targets: no rates asked for
    ],
    ids=["at-threshold", "over-threshold", "ecb-targets", "live-targets", "live-no-targets"],
)
def test_short_offline_extractions_run_inline(
    length: int, targets: tuple[str, ...], default_source: str, inline: bool
) -> None:
    from moneta._codec import ExtractQuery
    from moneta_service.pipeline import RateSources
    from moneta_service.servicer import MonetaServicer

    servicer = MonetaServicer(RateSources(default=default_source))
    query = ExtractQuery(text="€" * length, target_currency_codes=targets)
    assert servicer._inline(query) is inline


def test_texts_around_the_inline_threshold_get_the_same_answer(client: MonetaClient) -> None:
    sentence = "It cost €5 million. "
    short = (sentence * (INLINE_MAX_CODE_POINTS // len(sentence)))[:INLINE_MAX_CODE_POINTS]
    long = short + sentence  # over the threshold: served from a worker thread
    assert len(short) <= INLINE_MAX_CODE_POINTS < len(long)
    found_short, found_long = client.extract(short), client.extract(long)
    assert len(found_short) == short.count("€5 million")
    assert len(found_long) == len(found_short) + 1
    assert {m.text for m in found_short + found_long} == {"€5 million"}


# --- ListCurrencies ----------------------------------------------------------------------------------------


def test_list_currencies(client: MonetaClient, stub: moneta_pb2_grpc.MonetaServiceStub) -> None:
    currencies = {c.code: c for c in client.list_currencies()}
    assert currencies["EUR"].minor_unit == 2
    assert currencies["JPY"].minor_unit == 0
    assert currencies["USD"].name
    assert "€" in currencies["EUR"].symbols
    usd = currencies["USD"].coverage[0]
    assert usd.source == "ecb"
    assert usd.first_date == dt.date(1999, 1, 4)
    assert usd.last_date is not None
    assert usd.last_date >= dt.date(2024, 4, 26)
    sources = stub.ListCurrencies(pb.ListCurrenciesRequest(), timeout=30).rate_sources
    assert [s.source for s in sources] == ["ecb"]


# --- moneta serve: SIGTERM stops it gracefully --------------------------------------------------------------


def test_moneta_serve_stops_gracefully_on_sigterm() -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "moneta", "serve", "--port", "0", "--grace", "2"],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    try:
        assert process.stderr is not None
        line = process.stderr.readline()
        assert line.startswith(f"moneta: serving {SERVICE} on 127.0.0.1:"), line
        address = line.rsplit(" ", 1)[1].strip()
        # under the ready line, at the default log level: the dates the rate data covers
        rates = process.stderr.readline()
        assert re.match(r"^moneta: rate data ecb: 1999-01-04 to \d{4}-\d{2}-\d{2}\b", rates), rates
        with grpc.insecure_channel(address) as ch:
            status = health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=10).status
            assert status == health_pb2.HealthCheckResponse.SERVING
            with MonetaClient(address) as c:
                assert c.convert("1", "EUR", "EUR", date=dt.date(2024, 4, 26)).status is ConversionStatus.OK
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=30) == 0
        assert "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.parametrize("text", ["", " \n\t ", "\x00\u200b\u202e"], ids=["empty", "whitespace", "controls"])
def test_extract_without_amounts_is_an_empty_answer(client: MonetaClient, text: str) -> None:
    assert client.extract(text, targets=["USD"], date=dt.date(2024, 4, 26)) == []


def test_client_deadline(client: MonetaClient) -> None:
    with pytest.raises(DeadlineExceededError) as info:
        client.extract("€5 " * 10_000, timeout=1e-6)
    assert info.value.code == grpc.StatusCode.DEADLINE_EXCEEDED


def _start_serve(*extra: str) -> tuple[subprocess.Popen[str], str]:
    process = subprocess.Popen(
        [sys.executable, "-m", "moneta", "serve", "--port", "0", *extra],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    assert process.stderr is not None
    line = process.stderr.readline()
    while line.startswith("{"):  # JSON records come before the ready line at --log-level info
        line = process.stderr.readline()
    assert line.startswith(f"moneta: serving {SERVICE} on 127.0.0.1:"), line
    return process, line.rsplit(" ", 1)[1].strip()


def _refused(address: str) -> bool:
    with grpc.insecure_channel(address) as ch:
        try:
            health_pb2_grpc.HealthStub(ch).Check(health_pb2.HealthCheckRequest(), timeout=2)
        except grpc.RpcError as exc:
            return bool(exc.code() == grpc.StatusCode.UNAVAILABLE)
    return False


def test_sigterm_drains_health_not_serving_new_calls_refused_call_in_flight_finishes() -> None:
    process, address = _start_serve("--grace", "30")
    requests: queue.Queue[pb.StreamExtractAmountsRequest | None] = queue.Queue()

    def request_iterator() -> Iterator[pb.StreamExtractAmountsRequest]:
        while (item := requests.get(timeout=60)) is not None:
            yield item

    def message(doc_id: str) -> pb.StreamExtractAmountsRequest:
        return pb.StreamExtractAmountsRequest(documents=[pb.Document(id=doc_id, text="It cost €5 million.")])

    try:
        with grpc.insecure_channel(address) as ch:
            watch_call = health_pb2_grpc.HealthStub(ch).Watch(health_pb2.HealthCheckRequest(), timeout=60)
            watch: Iterator[health_pb2.HealthCheckResponse] = iter(watch_call)
            assert next(watch).status == health_pb2.HealthCheckResponse.SERVING
            call = moneta_pb2_grpc.MonetaServiceStub(ch).StreamExtractAmounts(request_iterator(), timeout=60)
            responses: Iterator[pb.StreamExtractAmountsResponse] = iter(call)
            requests.put(message("before"))
            assert next(responses).results[0].id == "before"
            process.send_signal(signal.SIGTERM)
            assert next(watch).status == health_pb2.HealthCheckResponse.NOT_SERVING  # health says so first
            watch_call.cancel()
            for _ in range(100):  # draining: the server stops accepting new calls...
                if _refused(address):
                    break
            else:
                pytest.fail("the server kept accepting new calls after SIGTERM")
            requests.put(message("during"))  # ...but the call in flight goes on
            (result,) = next(responses).results
            assert (result.id, result.mentions[0].text) == ("during", "€5 million")
            requests.put(None)
            assert list(responses) == []
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _assert_exits_0_with_json_logs_only(process: subprocess.Popen[str]) -> None:
    """The server exits 0 and what it printed after its ready line holds no traceback and no ERROR record."""
    assert process.wait(timeout=60) == 0
    assert process.stderr is not None
    rest = process.stderr.read()
    assert "Traceback" not in rest, rest
    assert '"level":"ERROR"' not in rest, rest


def _json_object(line: str) -> bool:
    """Whether ``line`` is one JSON object (a log record)."""
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


# (before the fix, 3 runs in 4 printed the traceback: two runs of each signal make a miss unlikely)
@pytest.mark.parametrize("run", [1, 2])
@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_a_health_watch_open_at_shutdown_leaves_json_logs_only(signum: signal.Signals, run: int) -> None:
    """A ``Health.Watch`` stream is still open when the grace period ends (it waits for the next status): gRPC
    cancels it, and grpcio printed that task's raw ``CancelledError`` traceback on stderr when ``asyncio.run``
    cancelled it before it had finished. Every line after the ready line must be JSON (or a ``moneta:`` start-up
    line), and the exit status 0."""
    process, address = _start_serve("--grace", "1", "--log-level", "info")
    statuses: list[Any] = []

    def watch() -> None:
        with grpc.insecure_channel(address) as ch:
            try:
                for response in health_pb2_grpc.HealthStub(ch).Watch(
                    health_pb2.HealthCheckRequest(), timeout=60
                ):
                    statuses.append(response.status)
            except grpc.RpcError as exc:
                statuses.append(exc.code())

    try:
        watcher = threading.Thread(target=watch)
        watcher.start()
        for _ in range(200):
            if statuses:
                break
            time.sleep(0.05)
        assert statuses == [health_pb2.HealthCheckResponse.SERVING]
        process.send_signal(signum)
        assert process.wait(timeout=60) == 0
        watcher.join(30)
        assert statuses[1] == health_pb2.HealthCheckResponse.NOT_SERVING
        assert process.stderr is not None
        lines = process.stderr.read().splitlines()
        assert lines
        assert [line for line in lines if not (line.startswith("moneta: ") or _json_object(line))] == []
        watch_records = [json.loads(line) for line in lines if '"Watch ' in line]
        assert [r["status_code"] for r in watch_records] == ["CANCELLED"]  # its one access record
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_sigterm_ends_a_stream_open_past_the_grace_period_with_unavailable() -> None:
    """A stream its client keeps open ends with UNAVAILABLE before the grace period runs out, not cut by gRPC
    (which logs an ERROR traceback outside the JSON log lines when it cancels a call at the deadline)."""
    process, address = _start_serve("--grace", "2")
    requests: queue.Queue[pb.StreamExtractAmountsRequest | None] = queue.Queue()

    def request_iterator() -> Iterator[pb.StreamExtractAmountsRequest]:
        while (item := requests.get(timeout=60)) is not None:
            yield item

    try:
        with grpc.insecure_channel(address) as ch:
            call = moneta_pb2_grpc.MonetaServiceStub(ch).StreamExtractAmounts(request_iterator(), timeout=60)
            responses: Iterator[pb.StreamExtractAmountsResponse] = iter(call)
            requests.put(pb.StreamExtractAmountsRequest(documents=[pb.Document(id="a", text="It cost €5.")]))
            assert next(responses).results[0].id == "a"
            process.send_signal(signal.SIGTERM)  # the client sends nothing more and never closes the stream
            with pytest.raises(grpc.RpcError) as raised:
                next(responses)
            requests.put(None)
        assert raised.value.code() == grpc.StatusCode.UNAVAILABLE
        assert raised.value.details() == (
            "the server is shutting down: resend the documents that have no result to another server"
        )
        _assert_exits_0_with_json_logs_only(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_sigterm_ends_a_long_extraction_past_the_grace_period_with_unavailable() -> None:
    """An ``ExtractAmounts`` call on a text far longer to read than the grace period: UNAVAILABLE, JSON logs only."""
    process, address = _start_serve("--grace", "2", "--max-text-bytes", str(8 << 20))
    text = ("Revenue rose to £1.2bn from £980m while costs stayed under CHF 40 million. " * 100_000)[
        : 8 << 20
    ]
    outcome: list[grpc.RpcError] = []

    def call() -> None:
        with grpc.insecure_channel(address, options=[("grpc.max_send_message_length", 16 << 20)]) as ch:
            try:
                moneta_pb2_grpc.MonetaServiceStub(ch).ExtractAmounts(
                    pb.ExtractAmountsRequest(text=text), timeout=120
                )
            except grpc.RpcError as exc:
                outcome.append(exc)

    try:
        caller = threading.Thread(target=call)
        caller.start()
        time.sleep(1.0)  # the call is in flight (8 MiB take many seconds to read)
        process.send_signal(signal.SIGTERM)
        caller.join(60)
        assert [e.code() for e in outcome] == [grpc.StatusCode.UNAVAILABLE]
        # (no stream hint for a unary call: it said "... (a stream: resend the documents that have no result)")
        assert outcome[0].details() == "the server is shutting down: retry on another server"
        _assert_exits_0_with_json_logs_only(process)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_the_cli_says_the_server_it_reached_is_shutting_down(tmp_path: Path) -> None:
    """`moneta extract --server` whose call the server ends at shutdown: exit 2 and one line saying so (it said
    "cannot reach a moneta server at ...", though the server was reached, with a hint meant for streams)."""
    process, address = _start_serve("--grace", "2", "--max-text-bytes", str(8 << 20))
    article = tmp_path / "long.txt"
    article.write_text(
        ("Revenue rose to £1.2bn from £980m while costs stayed under CHF 40 million. " * 100_000)[: 8 << 20],
        encoding="utf-8",
    )
    cli: subprocess.Popen[str] | None = None
    try:
        cli = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "moneta",
                "extract",
                str(article),
                "--server",
                address,
                "--timeout",
                "120",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)  # the call is in flight (8 MiB take many seconds to read)
        process.send_signal(signal.SIGTERM)
        _, err = cli.communicate(timeout=60)
        assert (cli.returncode, err) == (
            2,
            f"moneta: error: the moneta server at {address} is shutting down: retry on another server\n",
        )
        _assert_exits_0_with_json_logs_only(process)
    finally:
        for running in (process, cli):
            if running is not None and running.poll() is None:
                running.kill()
                running.wait()


def test_a_table_the_server_was_started_with_can_be_named(tmp_path: Path) -> None:
    from moneta_service.pipeline import RateSources
    from moneta_service.server import create_server

    table = tmp_path / "fx.csv"
    table.write_text("date,base,quote,rate\n2024-04-26,EUR,USD,1.1\n", encoding="utf-8")

    async def main() -> tuple[Conversion, Conversion, list[str]]:
        server, port = create_server("127.0.0.1:0", sources=RateSources(tables={"mine": str(table)}))
        await server.start()
        try:
            async with AsyncMonetaClient(f"127.0.0.1:{port}") as client:
                mine = await client.convert(
                    "100", "EUR", "USD", date=dt.date(2024, 4, 26), rate_source="mine"
                )
                default = await client.convert("100", "EUR", "USD", date=dt.date(2024, 4, 26))
            async with grpc.aio.insecure_channel(f"127.0.0.1:{port}") as channel:
                listed = await moneta_pb2_grpc.MonetaServiceStub(channel).ListCurrencies(
                    pb.ListCurrenciesRequest()
                )
        finally:
            await server.stop(0)
        return mine, default, [s.source for s in listed.rate_sources]

    mine, default, sources = asyncio.run(main())
    assert (mine.source, mine.rate, mine.amount) == ("table", Decimal("1.1"), Decimal("110.00"))
    assert (default.source, default.rate) == ("ecb", Decimal("1.0714"))
    assert sources == ["ecb", "table"]


#: (the request's amount, the ErrorInfo metadata value: the request's own text, cut past 40 characters as the
#: message cuts a long amount; it was the normalised "1E+400", and all 500 digits of a 500-digit amount)
OUT_OF_RANGE_AMOUNTS = [
    ("1e400", "1e400"),
    ("-1e400", "-1e400"),
    ("1E+400", "1E+400"),
    ("9" * 500, "99999999999999999999… (500 characters)"),
    ("1" + "0" * 45, "10000000000000000000… (46 characters)"),
]


@pytest.mark.parametrize(
    ("value", "shown"), OUT_OF_RANGE_AMOUNTS, ids=[c[0][:12] for c in OUT_OF_RANGE_AMOUNTS]
)
def test_out_of_range_amount_is_quoted_exactly_in_the_details(
    stub: moneta_pb2_grpc.MonetaServiceStub, value: str, shown: str
) -> None:
    request = pb.ConvertAmountRequest(
        amount=decimal_pb2.Decimal(value=value),
        source_currency_code="EUR",
        target_currency_code="USD",
        date=_DATE,
    )
    with pytest.raises(grpc.RpcError) as info:
        stub.ConvertAmount(request, timeout=30)
    call: Any = info.value
    status = rpc_status.from_call(call)
    assert status is not None
    error_info = error_details_pb2.ErrorInfo()
    assert status.details[0].Unpack(error_info)
    assert (error_info.reason, error_info.metadata["value"]) == ("AMOUNT_OUT_OF_RANGE", shown)
    # in-process (no request text): the amount as the message shows it, never hundreds of digits
    from moneta_service.pipeline import InvalidInputError, convert_amount

    with pytest.raises(InvalidInputError) as local:
        convert_amount(Decimal(value), "EUR", "USD", date=dt.date(2024, 4, 26))
    assert local.value.reason == "AMOUNT_OUT_OF_RANGE"
    assert len(local.value.metadata["value"]) <= 40
    assert local.value.metadata["value"] in local.value.message
