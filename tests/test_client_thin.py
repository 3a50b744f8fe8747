"""The thin side: importing the client loads no engine or heavy data; the codec round-trips every field and
refuses malformed values; offsets convert exactly; the client's errors are typed."""

from __future__ import annotations

import datetime as dt
import json
import socket
import subprocess
import sys
from decimal import Decimal

import pytest
from google.type import date_pb2, decimal_pb2
from moneta import _codec
from moneta.client import MonetaClient, UnavailableError
from moneta.model import (
    Conversion,
    ConversionStatus,
    CurrencyInfo,
    Mention,
    OffsetEncoding,
    Qualifier,
    RateCoverage,
)
from moneta.offsets import code_unit_length, convert_offsets
from moneta.serialize import mention_to_dict

#: Modules the thin client must never load.
HEAVY = (
    "moneta_service",
    "duckdb",
    "pyarrow",
    "pyspark",
    "pandas",
    "currency_converter",
    "babel",
    "price_parser",
)


def _loaded_after(statement: str) -> list[str]:
    code = f"import sys, json\n{statement}\nprint(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    return list(json.loads(result.stdout))


@pytest.mark.parametrize(
    "statement",
    [
        "import moneta",
        "from moneta import MonetaClient, AsyncMonetaClient",
        "import moneta.client, moneta._codec, moneta.offsets, moneta.serialize",
        "from moneta.cli import build_parser; build_parser()",
    ],
)
def test_importing_the_client_loads_no_engine(statement: str) -> None:
    loaded = _loaded_after(statement)
    heavy = [m for m in loaded if m.split(".")[0] in HEAVY]
    assert heavy == []
    if "Client" in statement:
        assert "grpc" in loaded  # the statement really imported the client


def test_importing_moneta_does_not_load_grpc() -> None:
    assert "grpc" not in _loaded_after("import moneta, moneta.model, moneta.serialize")


def test_dir_and_help_show_the_lazy_client_names_without_loading_grpc() -> None:
    code = (
        "import sys, moneta\n"
        "missing = sorted(set(moneta.__all__) - set(dir(moneta)))\n"
        "extra = sorted(n for n in set(dir(moneta)) - set(moneta.__all__) if not n.startswith('_'))\n"
        "print('missing', missing, 'grpc' in sys.modules, 'extra', extra)\n"
        "help(moneta)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    first, _, page = result.stdout.partition("\n")
    # dir() lists every public name and imports nothing for it; besides them, only the submodule it imported
    # (no typing helpers: Any, TYPE_CHECKING, annotations)
    assert first == "missing [] False extra ['model']"
    for name in ("MonetaClient", "AsyncMonetaClient", "MonetaError", "UnavailableError"):
        assert f"class {name}" in page  # help() documents them (it may load the client to do so)


# --- codec ---------------------------------------------------------------------------------------------------

_OK = Conversion(
    currency="USD",
    amount=Decimal("95354600000.00"),
    amount_unrounded=Decimal("95354600000.0000"),
    rate=Decimal("1.0714"),
    requested_date=dt.date(2024, 4, 27),
    rate_date=dt.date(2024, 4, 26),
    source="ecb",
    path=("EUR", "USD"),
    status=ConversionStatus.OK,
    message="used the rate of 2024-04-26",
    amount_max=Decimal("1.00"),
    amount_max_unrounded=Decimal("1.004"),
)
_FAILED = Conversion("NGN", None, None, None, None, None, "ecb", (), ConversionStatus.DATE_MISSING, "no date")

MENTIONS = [
    Mention(
        text="€89 billion", start=3, end=14, currency="EUR", amount=Decimal("8.9E+10"), conversions=(_OK,)
    ),
    Mention(
        text="$5-6m",
        start=0,
        end=5,
        currency="USD",
        amount=Decimal(5000000),
        amount_max=Decimal(6000000),
        qualifier=Qualifier.APPROXIMATE,
        currency_alternatives=("CAD", "AUD"),
        per_unit="barrel",
        equivalent_of=0,
        currency_basis="default",
        conversions=(_OK, _FAILED),
    ),
    Mention(text="50 cents", start=7, end=15, currency=None, amount=Decimal("0.50"), currency_basis="none"),
    Mention(text="0 €", start=0, end=3, currency="EUR", amount=Decimal(0), equivalent_of=None, per_unit=None),
]


@pytest.mark.parametrize("mention", MENTIONS, ids=lambda m: m.text)
def test_mention_round_trip_keeps_the_json(mention: Mention) -> None:
    wire = _codec.mention_to_proto(mention).SerializeToString()
    from moneta.v1 import moneta_pb2

    back = _codec.mention_from_proto(moneta_pb2.Mention.FromString(wire))
    assert mention_to_dict(back) == mention_to_dict(mention)
    assert back.amount == mention.amount


def test_currency_round_trip() -> None:
    info = CurrencyInfo(
        code="EUR",
        name="Euro",
        symbols=("€", "EUR"),
        minor_unit=2,
        coverage=(
            RateCoverage("ecb", dt.date(1999, 1, 4), dt.date(2024, 4, 26)),
            RateCoverage("live", None, None),
        ),
    )
    assert _codec.currency_from_proto(_codec.currency_to_proto(info)) == info


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1", Decimal(1)),
        ("-1.50", Decimal("-1.50")),
        ("+.5", Decimal("0.5")),
        ("2.", Decimal(2)),
        ("8.9E+10", Decimal(89000000000)),
        ("1e-3", Decimal("0.001")),
    ],
)
def test_decimal_grammar_accepts(text: str, value: Decimal) -> None:
    assert _codec.decimal_from_proto(decimal_pb2.Decimal(value=text), "amount") == value


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "EMPTY_DECIMAL"),
        ("NaN", "INVALID_DECIMAL"),
        ("Infinity", "INVALID_DECIMAL"),
        ("1,000", "INVALID_DECIMAL"),
        (" 1", "INVALID_DECIMAL"),
        ("1e5000", "INVALID_DECIMAL"),
        ("0x10", "INVALID_DECIMAL"),
        ("٣", "INVALID_DECIMAL"),  # an Arabic-Indic digit: Decimal() takes it, the grammar does not
    ],
)
def test_decimal_grammar_refuses(text: str, reason: str) -> None:
    with pytest.raises(_codec.CodecError) as info:
        _codec.decimal_from_proto(decimal_pb2.Decimal(value=text), "amount")
    assert (info.value.field, info.value.reason) == ("amount", reason)


def test_plain_notation_on_the_wire() -> None:
    assert _codec.decimal_to_proto(Decimal("8.9E+10")).value == "89000000000"
    with pytest.raises(_codec.CodecError):
        _codec.decimal_to_proto(Decimal("NaN"))


@pytest.mark.parametrize(
    ("date", "expected"),
    [((0, 0, 0), None), ((2024, 4, 26), dt.date(2024, 4, 26)), ((2024, 2, 29), dt.date(2024, 2, 29))],
)
def test_dates(date: tuple[int, int, int], expected: dt.date | None) -> None:
    assert _codec.date_from_proto(date_pb2.Date(year=date[0], month=date[1], day=date[2]), "date") == expected


@pytest.mark.parametrize("date", [(2023, 2, 29), (2024, 13, 1), (2024, 0, 0), (0, 4, 26)])
def test_bad_dates(date: tuple[int, int, int]) -> None:
    with pytest.raises(_codec.CodecError) as info:
        _codec.date_from_proto(date_pb2.Date(year=date[0], month=date[1], day=date[2]), "publication_date")
    assert info.value.reason == "INVALID_DATE"


def test_offset_encoding_values() -> None:
    assert _codec.offset_encoding_from_proto(0) is OffsetEncoding.CODE_POINTS
    for encoding in OffsetEncoding:
        assert _codec.offset_encoding_from_proto(_codec.offset_encoding_to_proto(encoding)) is encoding
    with pytest.raises(_codec.CodecError, match="unknown offset_encoding 7"):
        _codec.offset_encoding_from_proto(7)


# --- offsets -------------------------------------------------------------------------------------------------

#: (text, substring) pairs whose offsets are converted; expectations come from Python's own encoders.
OFFSET_CASES = [
    ("plain ascii $5", "$5"),
    ("€5 after a euro sign, then €6", "€6"),
    ("emoji 😀 before €7", "€7"),
    ("𝄞𝄞 two astral then ¥8", "¥8"),
    ("combining e\u0301 and zero\u200bwidth then £9", "£9"),
    ("", ""),
]


@pytest.mark.parametrize(("text", "needle"), OFFSET_CASES)
@pytest.mark.parametrize(
    ("encoding", "codec", "unit"), [(OffsetEncoding.UTF16, "utf-16-le", 2), (OffsetEncoding.UTF8, "utf-8", 1)]
)
def test_convert_offsets(text: str, needle: str, encoding: OffsetEncoding, codec: str, unit: int) -> None:
    start = text.rindex(needle) if needle else 0
    mention = Mention(text=needle, start=start, end=start + len(needle), currency="EUR", amount=Decimal(1))
    (converted,) = convert_offsets(text, [mention], encoding)
    data = text.encode(codec)
    assert converted.start == len(text[:start].encode(codec)) // unit
    assert data[converted.start * unit : converted.end * unit].decode(codec) == needle
    assert converted.text == needle
    assert code_unit_length(text, encoding) == len(data) // unit


def test_convert_offsets_code_points_is_identity() -> None:
    mention = Mention(text="€5", start=0, end=2, currency="EUR", amount=Decimal(5))
    assert convert_offsets("€5", [mention], OffsetEncoding.CODE_POINTS) == [mention]


def test_convert_offsets_refuses_offsets_outside_the_text() -> None:
    mention = Mention(text="€5", start=5, end=7, currency="EUR", amount=Decimal(5))
    with pytest.raises(ValueError, match="outside"):
        convert_offsets("€5", [mention], OffsetEncoding.UTF8)


# --- client errors -------------------------------------------------------------------------------------------


def test_unreachable_server_raises_unavailable() -> None:
    with socket.socket() as sock:  # a port that nobody listens on once closed
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with MonetaClient(f"127.0.0.1:{port}", timeout=5) as client, pytest.raises(UnavailableError) as info:
        client.list_currencies()
    assert info.value.reason is None
    assert info.value.message


@pytest.mark.parametrize(
    "module",
    ["moneta.offsets", "moneta._codec", "moneta._quoting", "moneta.cli.convert", "moneta_service.pipeline"],
)
def test_doctests(module: str) -> None:
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0
    assert result.failed == 0


@pytest.mark.parametrize(("amount", "error"), [(1.5, TypeError), ("1,5", ValueError), ("NaN", ValueError)])
def test_client_refuses_bad_amounts_before_calling(amount: object, error: type[Exception]) -> None:
    with MonetaClient("127.0.0.1:9", timeout=1) as client, pytest.raises(error):
        client.convert(amount, "EUR", "USD")  # type: ignore[arg-type]


STREAM_DOCUMENTS_REFUSED: list[tuple[dict[str, object], type[Exception], str]] = [
    ({"key": None, "text": "€5"}, TypeError, "key must be a str"),
    ({"key": "", "text": "€5"}, ValueError, "key must not be empty"),
    ({"key": "a", "text": b"$5"}, TypeError, "text must be a str, not bytes"),
    ({"key": "a", "text": "a \udc80 b"}, ValueError, "lone surrogate at code point 2"),
    ({"key": "a", "text": "€5", "date": "26/04/2024"}, ValueError, "YYYY-MM-DD"),
    ({"key": "a", "text": "€5", "date": 20240426}, TypeError, "date must be"),
    ({"key": "a", "text": "€5", "locale_hint": 7}, TypeError, "locale_hint must be"),
]


@pytest.mark.parametrize(("fields", "error", "words"), STREAM_DOCUMENTS_REFUSED)
def test_stream_document_refuses_bad_fields_before_any_call(
    fields: dict[str, object], error: type[Exception], words: str
) -> None:
    from moneta.streaming import StreamDocument

    with pytest.raises(error, match=words):
        StreamDocument(**fields)  # type: ignore[arg-type]


def test_stream_document_takes_an_iso_date_string() -> None:
    from moneta.streaming import StreamDocument

    assert StreamDocument("a", "€5", "2024-04-26").date == dt.date(2024, 4, 26)  # type: ignore[arg-type]


def test_async_client_docstring_and_readme_name_exactly_its_methods() -> None:
    """The asyncio client's documented methods are the ones it has (it has no extract_stream)."""
    import inspect
    import re
    from pathlib import Path

    from moneta import AsyncMonetaClient

    public = {
        name
        for name, member in inspect.getmembers(AsyncMonetaClient, inspect.iscoroutinefunction)
        if not name.startswith("_")
    }
    assert public == {"extract", "convert", "list_currencies", "close"}
    doc = AsyncMonetaClient.__doc__ or ""
    assert set(re.findall(r":meth:`(\w+)`", doc.split("It has no")[0])) == public
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    sentence = readme[readme.index("`AsyncMonetaClient` has ") :].split(";")[0]
    assert set(re.findall(r"`(\w+)`", sentence)) - {"AsyncMonetaClient"} == public
    assert not hasattr(AsyncMonetaClient, "extract_stream")
