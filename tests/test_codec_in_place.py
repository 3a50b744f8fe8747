"""moneta._codec.add_mentions builds in place the same messages as mention_to_proto, field for field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from google.type import date_pb2, decimal_pb2
from moneta import _codec
from moneta._quoting import quoted
from moneta.model import Conversion, ConversionStatus, Mention, Qualifier
from moneta.v1 import moneta_pb2 as pb

D = Decimal

CONVERSION = Conversion(
    currency="USD",
    amount=D("95.3"),
    amount_unrounded=D("95.35460"),
    rate=D("1.0714"),
    requested_date=dt.date(2024, 4, 27),
    rate_date=dt.date(2024, 4, 26),
    source="ecb",
    path=("EUR", "USD"),
    status=ConversionStatus.OK,
)

MENTIONS = [
    Mention(text="$3", start=4, end=6, currency="USD", amount=D("3")),
    Mention(text="some money", start=0, end=10, currency=None, amount=D("0")),
    Mention(
        text="€89-95 billion",
        start=10,
        end=24,
        currency="EUR",
        amount=D("8.9E+10"),
        amount_max=D("9.5E+10"),
        qualifier=Qualifier.APPROXIMATE,
        currency_alternatives=("XEU",),
        per_unit="barrel",
        equivalent_of=0,
        currency_basis="symbol",
        conversions=(CONVERSION, CONVERSION),
    ),
]


def _expected(m: Mention) -> pb.Mention:
    """The message as the contract describes it, written out by hand."""
    message = pb.Mention(
        text=m.text,
        start=m.start,
        end=m.end,
        amount=decimal_pb2.Decimal(value=format(m.amount, "f")),
        qualifier=pb.Qualifier.Value(f"QUALIFIER_{m.qualifier.name}"),
        currency_alternatives=list(m.currency_alternatives),
        currency_basis=m.currency_basis,
    )
    if m.currency is not None:
        message.currency = m.currency
    if m.amount_max is not None:
        message.amount_max.value = format(m.amount_max, "f")
    if m.per_unit is not None:
        message.per_unit = m.per_unit
    if m.equivalent_of is not None:
        message.equivalent_of = m.equivalent_of
    for c in m.conversions:
        converted = message.conversions.add(
            currency=c.currency, source=c.source, path=list(c.path), status=pb.CONVERSION_STATUS_OK
        )
        converted.amount.value = format(c.amount, "f")
        converted.amount_unrounded.value = format(c.amount_unrounded, "f")
        converted.rate.value = format(c.rate, "f")
        converted.requested_date.CopyFrom(date_pb2.Date(year=2024, month=4, day=27))
        converted.rate_date.CopyFrom(date_pb2.Date(year=2024, month=4, day=26))
    return message


@pytest.mark.parametrize("mention", MENTIONS, ids=[m.text for m in MENTIONS])
def test_mention_to_proto_is_the_contract(mention: Mention) -> None:
    message = _codec.mention_to_proto(mention)
    assert message == _expected(mention)
    assert message.HasField("currency") == (mention.currency is not None)
    assert message.HasField("amount_max") == (mention.amount_max is not None)
    assert message.HasField("per_unit") == (mention.per_unit is not None)
    assert message.HasField("equivalent_of") == (mention.equivalent_of is not None)
    assert _codec.mention_from_proto(message) == mention


def test_add_mentions_builds_the_same_messages_in_place() -> None:
    result = pb.DocumentResult(id="doc")
    _codec.add_mentions(result.mentions, MENTIONS)
    assert list(result.mentions) == _codec.mentions_to_proto(MENTIONS)
    assert result == pb.DocumentResult(id="doc", mentions=[_expected(m) for m in MENTIONS])
    assert _codec.mentions_from_proto(result.mentions) == MENTIONS


def test_add_mentions_refuses_a_non_finite_amount() -> None:
    result = pb.DocumentResult(id="doc")
    bad = Mention(text="$x", start=0, end=2, currency="USD", amount=D("NaN"))
    with pytest.raises(_codec.CodecError) as raised:
        _codec.add_mentions(result.mentions, [MENTIONS[0], bad])
    assert raised.value.reason == "INVALID_DECIMAL"


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("12abc", "'12abc'"),
        ("0." + "0" * 3000 + "1", "'0.00000000000000000000000000000000000000'… (3003 characters)"),
    ],
)
def test_a_long_value_is_quoted_with_its_length(text: str, shown: str) -> None:
    assert quoted(text) == shown
