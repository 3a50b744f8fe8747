"""The Python client refuses bad arguments before any call, with the rules the CLI and the server apply, and money
stays plain decimal text end to end.

* ``offset_encoding``, the server address and an amount given as text are checked up front: ``TypeError`` for a
  wrong type, ``ValueError`` for a bad value, each with a message that says what is expected (never a bare
  ``KeyError``, a "not iterable", or gRPC's own log lines);
* an amount is read by the wire's grammar (:func:`moneta._codec.decimal_from_text`): ``"5_000"`` and ``"٥"``,
  which Python's ``Decimal`` reads, are refused as the CLI and the server refuse them, and so is an exponent
  beyond ±1000 (before a 20 MB request is built);
* converting ``-0`` gives a non-negative zero in every field; an amount too large to convert is named in plain
  notation with the bound it passes, never rounded into an exponent.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import grpc
import pytest
from moneta import MonetaClient, OffsetEncoding
from moneta.client import AsyncMonetaClient, InvalidArgumentError, MonetaError, _amount
from moneta.streaming import DocumentStream, StreamDocument
from moneta_service.pipeline import InvalidInputError, convert_amount, extract_and_convert

DAY = dt.date(2024, 4, 26)
#: A port nobody listens on: every case here must fail before a call is made.
NOWHERE = "127.0.0.1:9"

#: (offset_encoding, the exception, words of its message)
OFFSET_ENCODINGS: list[tuple[object, type[Exception], str]] = [
    ("UTF17", ValueError, "offset_encoding must be one of OffsetEncoding.CODE_POINTS"),
    ("", ValueError, "not ''"),
    (7, TypeError, "offset_encoding must be one of OffsetEncoding.CODE_POINTS, OffsetEncoding.UTF16, "),
    (None, TypeError, "not NoneType"),
    (b"utf16", TypeError, "not bytes"),
]


@pytest.mark.parametrize(("encoding", "error", "words"), OFFSET_ENCODINGS)
def test_a_bad_offset_encoding_is_refused_before_any_call(
    encoding: object, error: type[Exception], words: str
) -> None:
    with MonetaClient(NOWHERE, timeout=1) as client, pytest.raises(error, match=re.escape(words)):
        client.extract("€5", offset_encoding=encoding)  # type: ignore[arg-type]
    with pytest.raises(error, match=re.escape(words)):
        DocumentStream(NOWHERE, offset_encoding=encoding)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("given", "encoding"),
    [
        (OffsetEncoding.UTF16, OffsetEncoding.UTF16),
        ("utf16", OffsetEncoding.UTF16),
        ("UTF16", OffsetEncoding.UTF16),
        ("code_points", OffsetEncoding.CODE_POINTS),
        (" utf8 ", OffsetEncoding.UTF8),
    ],
)
def test_an_offset_encoding_may_be_named(given: object, encoding: OffsetEncoding, moneta_server: str) -> None:
    text = "😀 costs €5"
    with MonetaClient(moneta_server) as client:
        [mention] = client.extract(text, offset_encoding=given)  # type: ignore[arg-type]
        [expected] = client.extract(text, offset_encoding=encoding)
    assert (mention.start, mention.end) == (expected.start, expected.end)


#: (server address(es), the exception, words of its message)
ADDRESSES: list[tuple[object, type[Exception], str]] = [
    (123, TypeError, "must be a 'host:port' str or a list or tuple of them, not int"),
    ({"127.0.0.1:1"}, TypeError, "or a list or tuple of them, not set"),  # no order: not a sequence
    (("127.0.0.1:1", None), TypeError, "each server address must be a str, not NoneType"),
    ((), ValueError, "no server address"),
    (None, TypeError, "not NoneType"),
    (b"localhost:50051", TypeError, "not bytes"),
    ("", ValueError, "a server address must not be empty"),
    ("   ", ValueError, "a server address must not be empty"),
    ([], ValueError, "no server address"),
    (["127.0.0.1:1", ""], ValueError, "must not be empty"),
    (["127.0.0.1:1", 2], TypeError, "each server address must be a str, not int"),
]


@pytest.mark.parametrize(("target", "error", "words"), ADDRESSES)
def test_a_bad_server_address_is_refused(target: object, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=re.escape(words)) as caught:
        MonetaClient(target)  # type: ignore[arg-type]
    assert "iterable" not in str(caught.value)
    with pytest.raises(error, match=re.escape(words)):
        AsyncMonetaClient(target)  # type: ignore[arg-type]
    with pytest.raises(error, match=re.escape(words)):
        DocumentStream(target)  # type: ignore[arg-type]


@pytest.mark.parametrize("shape", [list, tuple], ids=["list", "tuple"])
def test_a_tuple_of_addresses_is_taken_as_a_list_is(shape: type, moneta_server: str) -> None:
    """A tuple of str is several addresses, as a list is (README: any sequence of str), for every client."""
    addresses = shape([moneta_server])
    with DocumentStream(addresses, targets=("EUR",)) as stream:
        [result] = stream.results([StreamDocument("a", "It cost $5.")])
    assert (result.key, result.error, [m.text for m in result.mentions]) == ("a", None, ["$5"])
    with MonetaClient(addresses) as client:
        assert [m.text for m in client.extract("It cost $5.")] == ["$5"]


def test_an_empty_address_prints_nothing_from_grpc() -> None:
    """gRPC's C core logged errors for an empty target before the call failed; it is now refused first."""
    code = "from moneta import MonetaClient\ntry:\n    MonetaClient('')\nexcept ValueError as exc:\n    print(exc)\n"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=False
    )
    assert result.stdout.strip() == "a server address must not be empty"
    assert result.stderr == ""


#: (amount, the exception, words of its message): what the CLI (moneta convert) and the server refuse
AMOUNTS_REFUSED: list[tuple[object, type[Exception], str]] = [
    ("5_000", ValueError, "amount is not a decimal number: '5_000' (digits, an optional sign"),
    ("٥", ValueError, "not a decimal number"),  # ARABIC-INDIC DIGIT FIVE: Decimal reads it as 5
    ("１２", ValueError, "not a decimal number"),  # full-width digits
    ("1,234.50", ValueError, "not a decimal number"),  # the CLI reads people's forms; the wire does not
    ("", ValueError, "amount is empty"),
    ("NaN", ValueError, "not a decimal number"),
    ("Infinity", ValueError, "not a decimal number"),
    (
        "1e20000000",
        ValueError,
        "amount is out of range: '1e20000000' (its digits reach beyond 10^±1000: too many before or after the decimal point)",
    ),
    ("1e-1001", ValueError, "out of range"),
    (Decimal("1e20000000"), ValueError, "amount is out of range: '1E+20000000'"),
    (Decimal("NaN"), ValueError, "finite"),
    (10**1001, ValueError, "out of range"),
    (1.5, TypeError, "never float"),
    (None, TypeError, "never NoneType"),
]


@pytest.mark.parametrize(("amount", "error", "words"), AMOUNTS_REFUSED)
def test_amounts_the_wire_refuses_are_refused_before_any_call(
    amount: object, error: type[Exception], words: str
) -> None:
    with MonetaClient(NOWHERE, timeout=1) as client, pytest.raises(error, match=re.escape(words)):
        client.convert(amount, "EUR", "USD", date=DAY)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "value"),
    [
        ("12.50", Decimal("12.50")),
        (" -5 ", Decimal(-5)),
        ("8.9e10", Decimal("8.9E+10")),
        (".5", Decimal("0.5")),
        ("1e1000", Decimal("1E+1000")),
        (7, Decimal(7)),
        (Decimal("1.0714"), Decimal("1.0714")),
    ],
)
def test_amounts_in_the_wire_grammar_are_read_exactly(amount: object, value: Decimal) -> None:
    read = _amount(amount)
    assert (read, str(read)) == (value, str(value))


@pytest.fixture(scope="module")
def client(moneta_server: str) -> Iterator[MonetaClient]:
    with MonetaClient(moneta_server) as connected:
        yield connected


@pytest.mark.parametrize(
    ("amount", "unrounded"), [("-0", "0.0000"), ("-0.000", "0.0000000"), ("-0.00001", "-0.000010714")]
)
def test_converting_minus_zero_gives_no_negative_zero(
    client: MonetaClient, amount: object, unrounded: str
) -> None:
    for conversion in (
        client.convert(amount, "EUR", "USD", date=DAY),  # type: ignore[arg-type]
        convert_amount(Decimal(str(amount)), "EUR", "USD", date=DAY),
    ):
        assert conversion.amount is not None
        assert conversion.amount_unrounded is not None
        shown = (format(conversion.amount, "f"), format(conversion.amount_unrounded, "f"))
        assert shown == ("0.00", unrounded)  # (a negative amount that rounds to zero keeps its exact sign)


#: (amount, target, the message): the amount as given, in plain notation, and the bound it passes
TOO_LARGE = [
    (
        "9" * 41,
        "USD",
        (
            f"amount {'9' * 41} EUR converted into USD needs 42 integer digits; 38-digit arithmetic leaves 36 beside "
            "USD's 2 decimals"
        ),
    ),
    (
        "9" * 38,
        "JPY",
        (
            f"amount {'9' * 38} EUR converted into JPY needs 41 integer digits; 38-digit arithmetic leaves 38 beside "
            "JPY's 0 decimals"
        ),
    ),
    (
        "1e400",
        "USD",
        (
            "amount 10000000000000000000… (401 characters) EUR converted into USD needs 401 integer digits; "
            "38-digit arithmetic leaves 36 beside USD's 2 decimals"
        ),
    ),
]


@pytest.mark.parametrize(("amount", "target", "message"), TOO_LARGE, ids=["41-digits", "JPY", "1e400"])
def test_an_amount_too_large_to_convert_is_named_as_given(
    client: MonetaClient, amount: str, target: str, message: str
) -> None:
    with pytest.raises(InvalidArgumentError) as info:
        client.convert(amount, "EUR", target, date=DAY)
    assert info.value.reason == "AMOUNT_OUT_OF_RANGE"
    assert info.value.message.startswith(message)
    with pytest.raises(InvalidInputError) as local:
        convert_amount(Decimal(amount), "EUR", target, date=DAY)
    assert str(local.value).startswith(message)
    cli = subprocess.run(
        [sys.executable, "-m", "moneta", "convert", amount, "EUR", target, "--date", DAY.isoformat()],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert cli.returncode == 2
    assert cli.stderr.startswith(f"moneta: error: {message}")
    assert len(cli.stderr.splitlines()) == 1


def test_the_largest_amount_that_fits_converts_exactly(client: MonetaClient) -> None:
    """36 digits before the decimal point into USD (2 decimal places) is the bound: below it, plain notation."""
    conversion = client.convert("1" + "0" * 34, "USD", "USD", date=DAY)
    assert str(conversion.amount) == "1" + "0" * 34 + ".00"


def test_lower_case_codes_are_read_as_the_cli_reads_them(moneta_server: str) -> None:
    # (the server refused "usd" with INVALID_ARGUMENT while the CLI's --to usd worked)
    with MonetaClient(moneta_server) as client:
        mentions = client.extract("It cost €5.", targets=["usd"], date=DAY)
        converted = client.convert("5", "eur", "usd", date=DAY)
    assert [c.currency for c in mentions[0].conversions] == ["USD"]
    assert converted.currency == "USD"
    assert converted.amount == Decimal("5.36")


#: (id, targets, the exception of every client call, words of its message, the in-process pipeline's exception).
#: An empty code was sent and refused by the server (INVALID_ARGUMENT) while the CLI refuses ``--to ""`` itself; a
#: set was taken in its own (arbitrary) order, though conversions come in the order of ``targets``.
TARGETS_REFUSED: list[tuple[str, object, type[Exception], str, type[Exception]]] = [
    (
        "empty-str",
        "",
        ValueError,
        "targets must be an ISO 4217 code such as USD, not the empty code ''",
        TypeError,
    ),
    ("blank-str", "  ", ValueError, "not the empty code '  '", TypeError),
    (
        "empty-code",
        [""],
        ValueError,
        "targets[0] must be an ISO 4217 code such as USD, not the empty code",
        ValueError,
    ),
    ("empty-second", ["USD", ""], ValueError, "targets[1] must be an ISO 4217 code such as USD", ValueError),
    (
        "blank-in-tuple",
        ("USD", " "),
        ValueError,
        "targets[1] must be an ISO 4217 code such as USD",
        ValueError,
    ),
    (
        "set",
        {"USD"},
        TypeError,
        "list or tuple of ISO 4217 codes (conversions come in its order), not set",
        TypeError,
    ),
    ("frozenset", frozenset({"USD", "GBP"}), TypeError, "not frozenset", TypeError),
    ("dict", {"USD": 1}, TypeError, "not dict", TypeError),
    ("dict-keys", {"USD": 1}.keys(), TypeError, "not dict_keys", TypeError),
    ("iterator", iter(["USD"]), TypeError, "not list_iterator", TypeError),
]


@pytest.mark.parametrize(
    ("targets", "error", "words", "in_process"),
    [pytest.param(*c[1:], id=c[0]) for c in TARGETS_REFUSED],
)
def test_bad_targets_are_refused_before_any_call(
    moneta_server: str, targets: object, error: type[Exception], words: str, in_process: type[Exception]
) -> None:
    """Against a real server, so that a request sent would come back as InvalidArgumentError (a MonetaError, not a
    ValueError or TypeError) or as mentions."""
    import asyncio

    def refused(call: Any) -> None:
        with pytest.raises(error, match=re.escape(words)) as caught:
            call()
        assert not isinstance(caught.value, MonetaError)

    async def extract_async() -> Exception:
        async with AsyncMonetaClient(moneta_server) as client:
            with pytest.raises(error, match=re.escape(words)) as caught:
                await client.extract("€5", targets=targets, date=DAY)  # type: ignore[arg-type]
        return caught.value

    with MonetaClient(moneta_server) as client:
        refused(lambda: client.extract("€5", targets=targets, date=DAY))  # type: ignore[arg-type]
        refused(lambda: list(client.extract_stream([StreamDocument("a", "€5")], targets=targets)))
    refused(lambda: DocumentStream(moneta_server, targets=targets))  # type: ignore[arg-type]
    assert not isinstance(asyncio.run(extract_async()), MonetaError)
    with pytest.raises(in_process):  # the in-process pipeline refuses them too (a plain str outright)
        extract_and_convert("€5", targets=targets, date=DAY)  # type: ignore[arg-type]


def test_a_list_or_tuple_of_targets_keeps_its_order(moneta_server: str) -> None:
    with MonetaClient(moneta_server) as client:
        for targets in (["USD", "GBP", "JPY"], ("JPY", "USD", "GBP")):
            [mention] = client.extract("It cost €5.", targets=targets, date=DAY)
            assert [c.currency for c in mention.conversions] == list(targets)


# --- a closed client ---------------------------------------------------------------------------------------------

#: Each call of the blocking client, made after close().
CLOSED_CALLS: list[tuple[str, Any]] = [
    ("extract", lambda c: c.extract("€5")),
    ("convert", lambda c: c.convert("5", "EUR", "USD", date=DAY)),
    ("list_currencies", lambda c: c.list_currencies()),
    ("extract_stream", lambda c: list(c.extract_stream([StreamDocument("a", "€5")]))),
]


@pytest.mark.parametrize("call", [pytest.param(c[1], id=c[0]) for c in CLOSED_CALLS])
def test_a_call_after_close_raises_client_closed_error(moneta_server: str, call: Any) -> None:
    from moneta import ClientClosedError, MonetaError

    with MonetaClient(moneta_server) as client:
        assert client.list_currencies()  # open: it works
    with pytest.raises(ClientClosedError) as caught:
        call(client)
    assert isinstance(caught.value, MonetaError)
    assert caught.value.code is grpc.StatusCode.FAILED_PRECONDITION
    assert caught.value.message.startswith("this MonetaClient is closed")


#: Each call of the asyncio client, made after close().
ASYNC_CLOSED_CALLS: list[tuple[str, Any]] = [
    ("extract", lambda c: c.extract("€5")),
    ("convert", lambda c: c.convert("5", "EUR", "USD", date=DAY)),
    ("list_currencies", lambda c: c.list_currencies()),
]


@pytest.mark.parametrize("call", [pytest.param(c[1], id=c[0]) for c in ASYNC_CLOSED_CALLS])
def test_an_async_call_after_close_raises_client_closed_error(moneta_server: str, call: Any) -> None:
    import asyncio

    from moneta import ClientClosedError

    async def run() -> ClientClosedError:
        async with AsyncMonetaClient(moneta_server) as client:
            assert await client.list_currencies()
        with pytest.raises(ClientClosedError) as caught:
            await call(client)
        return caught.value

    error = asyncio.run(run())
    assert error.code is grpc.StatusCode.FAILED_PRECONDITION
    assert error.message.startswith("this AsyncMonetaClient is closed")
